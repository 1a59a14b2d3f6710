//! The key file beside an encrypted database (`<db>.keys`, 0600): the database key wrapped
//! once per account under a key derived from its password (Argon2id), a check value for the
//! recovery key, and the failed sign-ins counted since the last good one. Nothing in it opens
//! the database without a password or the recovery key.
//!
//! The recovery key is the database key itself, written as 52 characters of Crockford's
//! base32 with a 4-bit check (`XXXX-XXXX-…`, 13 groups): printed once at set-up, it opens the
//! database even if this file is lost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use branchdesk_store::DbKey;
use branchdesk_sync::enrol::ALPHABET;

use crate::shared::files::write_durably;
use crate::{AppError, Result};

/// Argon2id cost (OWASP's first recommendation: 19 MiB, 2 passes, 1 lane).
const M_KIB: u32 = 19 * 1024;
const T: u32 = 2;
const P: u32 = 1;

/// The costs a key file may ask for: it is outside the encryption, so a planted wrap could
/// otherwise make a sign-in allocate gigabytes (or spin for minutes).
const M_KIB_RANGE: std::ops::RangeInclusive<u32> = 8 * 1024..=256 * 1024;
const T_RANGE: std::ops::RangeInclusive<u32> = 1..=10;
const P_RANGE: std::ops::RangeInclusive<u32> = 1..=4;

/// The most a key file may be (a few hundred accounts).
const MAX_FILE: u64 = 1 << 20;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Keyring {
    format: u32,
    /// The database key, wrapped per account (by login).
    wraps: BTreeMap<String, Wrap>,
    /// SHA-256 of the database key under a label, to tell a mistyped recovery key at once.
    check: String,
    /// Failed sign-ins since the last successful one, per login.
    #[serde(default)]
    pub(crate) failures: BTreeMap<String, Failures>,
    /// A demo database's published password and people (shown on its sign-in screen only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) demo: Option<DemoAccounts>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Wrap {
    m: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    key: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Failures {
    pub(crate) count: u32,
    pub(crate) last: String,
}

/// The demo's people as its sign-in screen offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DemoAccounts {
    pub password: String,
    pub people: Vec<DemoPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DemoPerson {
    pub login: String,
    pub name: String,
    pub post: String,
}

/// The key file of the database at `db`.
pub(crate) fn path_of(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".keys");
    PathBuf::from(s)
}

fn auth(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Auth {
        code,
        zh: zh.into(),
        en: en.into(),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| AppError::Demo(format!("no randomness: {e}")))?;
    Ok(b)
}

fn check_of(key: &DbKey) -> String {
    let mut h = Sha256::new();
    h.update(b"branchdesk database key v1");
    h.update(key.bytes());
    hex(&h.finalize())
}

/// The key a password derives, for one wrap's salt and costs.
fn derive(password: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<[u8; 32]> {
    let params = Params::new(m, t, p, Some(32)).map_err(|e| {
        auth(
            "auth.keyfile",
            format!("密钥文件参数有误：{e}"),
            format!("The key file's parameters are wrong: {e}"),
        )
    })?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, &mut out)
        .map_err(|e| {
            auth(
                "auth.keyfile",
                format!("无法派生密钥：{e}"),
                format!("Cannot derive the key: {e}"),
            )
        })?;
    Ok(out)
}

fn damaged(path: &Path, why: impl std::fmt::Display) -> AppError {
    auth(
        "auth.keyfile",
        format!(
            "密钥文件 {} 已损坏（{why}）。请用恢复密钥打开数据库。",
            path.display()
        ),
        format!(
            "The key file {} is damaged ({why}). Open the database with the recovery key.",
            path.display()
        ),
    )
}

impl Keyring {
    /// A new key file for `key` (no accounts yet).
    pub(crate) fn new(key: &DbKey) -> Keyring {
        Keyring {
            format: 1,
            wraps: BTreeMap::new(),
            check: check_of(key),
            failures: BTreeMap::new(),
            demo: None,
        }
    }

    /// Reads the key file of the database at `db`; `None` if there is none.
    pub(crate) fn load(db: &Path) -> Result<Option<Keyring>> {
        let path = path_of(db);
        if !path.exists() {
            return Ok(None);
        }
        let bytes = crate::shared::files::read_input(&path, MAX_FILE)?;
        Keyring::parse(&bytes, &path).map(Some)
    }

    /// A key file's bytes, checked (format, costs); `path` names it in the refusal.
    pub(crate) fn parse(bytes: &[u8], path: &Path) -> Result<Keyring> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(damaged(path, format!("{} bytes", bytes.len())));
        }
        let k: Keyring = serde_json::from_slice(bytes).map_err(|e| damaged(path, e))?;
        if k.format != 1 {
            return Err(damaged(path, format!("format {}", k.format)));
        }
        if let Some((login, w)) = k.wraps.iter().find(|(_, w)| {
            !(M_KIB_RANGE.contains(&w.m) && T_RANGE.contains(&w.t) && P_RANGE.contains(&w.p))
        }) {
            return Err(damaged(
                path,
                format!("{login}: m={} t={} p={}", w.m, w.t, w.p),
            ));
        }
        Ok(k)
    }

    /// Writes the key file durably (temporary file, fsync, rename), 0600.
    pub(crate) fn save(&self, db: &Path) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| AppError::Export(format!("key file: {e}")))?;
        write_durably(&path_of(db), &bytes)
    }

    /// Wraps `key` for `login` under `password` (replacing a wrap it had).
    pub(crate) fn put(&mut self, login: &str, password: &str, key: &DbKey) -> Result<()> {
        self.put_all(&[login], password, key)
    }

    /// Wraps `key` for each of `logins` under the same `password` with one key derivation
    /// (one salt): for the demo's people, whose password is published anyway. A password
    /// changed later gets a salt of its own.
    pub(crate) fn put_all(&mut self, logins: &[&str], password: &str, key: &DbKey) -> Result<()> {
        let salt: [u8; 16] = random()?;
        let kek = derive(password, &salt, M_KIB, T, P)?;
        for login in logins {
            self.wrap(login, &kek, &salt, key)?;
        }
        Ok(())
    }

    fn wrap(&mut self, login: &str, kek: &[u8; 32], salt: &[u8; 16], key: &DbKey) -> Result<()> {
        let nonce: [u8; 12] = random()?;
        let ct = ChaCha20Poly1305::new(Key::from_slice(kek))
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: login.as_bytes(),
                },
            )
            .map_err(|_| auth("auth.keyfile", "无法加密密钥。", "Cannot wrap the key."))?;
        self.wraps.insert(
            login.to_string(),
            Wrap {
                m: M_KIB,
                t: T,
                p: P,
                salt: hex(salt),
                nonce: hex(&nonce),
                key: hex(&ct),
            },
        );
        Ok(())
    }

    /// Whether `login` has a wrap (an enabled account with a password).
    pub(crate) fn has(&self, login: &str) -> bool {
        self.wraps.contains_key(login)
    }

    pub(crate) fn remove(&mut self, login: &str) {
        self.wraps.remove(login);
    }

    /// The database key, if `password` is `login`'s; `None` for a wrong password or an
    /// unknown login (the same answer, so the screen does not tell which logins exist).
    pub(crate) fn open(&self, login: &str, password: &str) -> Result<Option<DbKey>> {
        let Some(w) = self.wraps.get(login) else {
            // As slow as a real try.
            let _ = derive(password, b"branchdesk-nobody", M_KIB, T, P)?;
            return Ok(None);
        };
        let (Some(salt), Some(nonce), Some(ct)) = (unhex(&w.salt), unhex(&w.nonce), unhex(&w.key))
        else {
            return Ok(None);
        };
        if nonce.len() != 12 {
            return Ok(None);
        }
        let kek = derive(password, &salt, w.m, w.t, w.p)?;
        let plain = ChaCha20Poly1305::new(Key::from_slice(&kek)).decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ct,
                aad: login.as_bytes(),
            },
        );
        let Ok(plain) = plain else { return Ok(None) };
        let Ok(bytes) = <[u8; 32]>::try_from(plain.as_slice()) else {
            return Ok(None);
        };
        let key = DbKey::from_bytes(bytes);
        Ok((check_of(&key) == self.check).then_some(key))
    }

    /// Whether `key` is this database's key.
    pub(crate) fn is_key(&self, key: &DbKey) -> bool {
        check_of(key) == self.check
    }

    /// Counts a failed sign-in for `login`; returns how many there were in a row.
    pub(crate) fn failed(&mut self, login: &str, at: &str) -> u32 {
        let f = self.failures.entry(login.to_string()).or_default();
        f.count = f.count.saturating_add(1);
        f.last = at.to_string();
        f.count
    }
}

/// How long to wait after the `n`th failed sign-in in a row: nothing for the first two, then
/// 1 s doubling to at most 30 s (on top of the key derivation's own cost).
pub fn delay_after(n: u32) -> std::time::Duration {
    if n < 3 {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::from_secs((1u64 << (n - 3).min(5)).min(30))
}

/// The recovery key for `key`, as printed: 13 groups of 4 characters.
pub fn recovery_text(key: &DbKey) -> String {
    let mut bits: Vec<u8> = Vec::with_capacity(260);
    for b in key.bytes() {
        for i in (0..8).rev() {
            bits.push((b >> i) & 1);
        }
    }
    let sum = Sha256::digest(key.bytes());
    for i in (4..8).rev() {
        bits.push((sum[0] >> i) & 1);
    }
    let chars: Vec<char> = bits
        .chunks(5)
        .map(|c| ALPHABET[c.iter().fold(0usize, |a, b| a * 2 + *b as usize)] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The key a typed recovery key stands for (any case, dashes or spaces, O for 0, I or L for
/// 1); an error naming the mistake if it cannot be one.
pub fn parse_recovery(typed: &str) -> Result<DbKey> {
    let bad = |zh: &str, en: &str| auth("auth.bad_recovery_key", zh, en);
    let Some(vals) = branchdesk_sync::enrol::crockford_values(typed) else {
        return Err(bad(
            "恢复密钥只含数字和字母（共 52 位）。请对照打印件重新输入。",
            "A recovery key has only digits and letters (52 of them). Type it again from the printout.",
        ));
    };
    if vals.len() != 52 {
        return Err(bad(
            &format!(
                "恢复密钥应为 52 位，输入了 {} 位。请对照打印件重新输入。",
                vals.len()
            ),
            &format!(
                "A recovery key has 52 characters; {} were typed. Type it again from the printout.",
                vals.len()
            ),
        ));
    }
    let bits: Vec<u8> = vals
        .iter()
        .flat_map(|v| (0..5).rev().map(move |i| (v >> i) & 1))
        .collect();
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = bits[i * 8..i * 8 + 8].iter().fold(0u8, |a, b| a * 2 + b);
    }
    let check = bits[256..260].iter().fold(0u8, |a, b| a * 2 + b);
    if Sha256::digest(key)[0] >> 4 != check {
        return Err(bad(
            "恢复密钥有误（校验不符），可能抄错了某一位。请对照打印件重新输入。",
            "The recovery key is wrong (its check does not match); a character may be mistyped. Type it again from the printout.",
        ));
    }
    Ok(DbKey::from_bytes(key))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_and_a_typo_is_caught() {
        let key = DbKey::from_bytes([0xA5; 32]);
        let text = recovery_text(&key);
        assert_eq!(text.len(), 52 + 12);
        assert_eq!(
            parse_recovery(&text.to_lowercase()).unwrap().bytes(),
            key.bytes()
        );
        let mut caught = 0;
        for i in [0, 5, 20, 40, 60] {
            let mut t: Vec<char> = text.chars().collect();
            if t[i] == '-' {
                continue;
            }
            t[i] = if t[i] == 'Z' { 'Y' } else { 'Z' };
            let typo: String = t.into_iter().collect();
            if parse_recovery(&typo).is_err() {
                caught += 1;
            }
        }
        assert!(caught >= 3, "{caught}");
    }

    #[test]
    fn a_wrap_opens_with_its_password_only() {
        let key = DbKey::from_bytes([3; 32]);
        let mut k = Keyring::new(&key);
        k.put("ZB-001", "正确的密码 1", &key).unwrap();
        assert_eq!(
            k.open("ZB-001", "正确的密码 1").unwrap().unwrap().bytes(),
            key.bytes()
        );
        assert!(k.open("ZB-001", "正确的密码 2").unwrap().is_none());
        assert!(k.open("ZB-002", "正确的密码 1").unwrap().is_none());
    }
}
