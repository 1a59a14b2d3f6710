//! Branchdesk sync bundles: one file a unit hands headquarters (or back) on a USB stick, by
//! mail or through a file drop.
//!
//! ```text
//! "BDKSYNC\n"             8 bytes  magic
//! format                  u16 LE   FORMAT (a newer one is refused by name)
//! manifest length         u32 LE
//! manifest                JSON     [`Manifest`]: who, to whom, which changes, counts, hash
//! payload length          u64 LE
//! payload                 bytes    zstd-compressed changes, encrypted to the recipient
//! signature               64 B     Ed25519 over everything before it
//! ```
//!
//! Encryption: an ephemeral X25519 key agrees a secret with the recipient's box key; HKDF-SHA256
//! turns it into a ChaCha20-Poly1305 key used once. The payload is the ephemeral public key
//! followed by the ciphertext. Enrolment files are signed but not encrypted (the unit's key is
//! not known yet).
//!
//! Reading never panics and never trusts a length: [`parse`] checks the structure, then the
//! caller checks, in this order, [`Parsed::check_hash`] (damage), [`Parsed::verify`] (the
//! sender's registered key) and [`Parsed::open`] (decryption, bounded decompression).

pub mod enrol;

use std::collections::BTreeMap;
use std::io::Read;

use chacha20poly1305::aead::{Aead, KeyInit};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MAGIC: &[u8; 8] = b"BDKSYNC\n";
/// The bundle format this build writes and reads.
pub const FORMAT: u16 = 1;
const HEADER: usize = 8 + 2 + 4;
const SIG: usize = 64;
/// Upper bound for a manifest, so a corrupt length cannot make us allocate gigabytes.
const MAX_MANIFEST: usize = 1 << 20;

/// How far a payload may expand when it is opened: never beyond `ratio` times the bytes stored
/// (plus a small allowance for tiny payloads), nor beyond `ceiling`. Checked against the
/// manifest's declared length before anything is decrypted or decompressed, and again while
/// decompressing, so a bomb is refused at the cost of reading its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub ratio: u64,
    pub ceiling: u64,
}

impl Limits {
    /// Bundles: JSON rows compress 10 to 20 times with zstd; 64 leaves room without letting a
    /// small file claim gigabytes. The ceiling is the program's default (a setting may lower
    /// or raise it).
    pub const BUNDLE: Limits = Limits {
        ratio: 64,
        ceiling: 256 << 20,
    };
    /// Enrolment files carry a unit code and a token: they are tiny, and unauthenticated until
    /// a person confirms them.
    pub const ENROL: Limits = Limits {
        ratio: 64,
        ceiling: 64 << 10,
    };

    /// The most a payload of `stored` bytes may expand to.
    pub fn allowed(&self, stored: u64) -> u64 {
        stored
            .saturating_mul(self.ratio)
            .saturating_add(64 << 10)
            .min(self.ceiling)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BundleError {
    #[error("not a Branchdesk bundle")]
    NotBundle,
    #[error("bundle format {found} is newer than this program reads ({supported})")]
    NewerFormat { found: u16, supported: u16 },
    #[error("bundle is truncated: {got} of {expected} bytes")]
    Truncated { expected: u64, got: u64 },
    #[error("bundle has {0} bytes after its signature")]
    Trailing(u64),
    #[error("bundle manifest is malformed: {0}")]
    Manifest(String),
    #[error("bundle payload does not match the manifest's checksum (damaged)")]
    Damaged,
    #[error("bundle signature does not verify with the sender's registered key")]
    BadSignature,
    #[error("bundle payload cannot be decrypted with this site's key")]
    Decrypt,
    #[error("bundle payload cannot be decompressed: {0}")]
    Decompress(String),
    #[error("bundle payload declares {declared} bytes; at most {allowed} are accepted")]
    TooLarge { declared: u64, allowed: u64 },
    #[error("bundle content is malformed: {0}")]
    Content(String),
}

impl BundleError {
    /// Stable code, for programs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::NotBundle => "sync.not_bundle",
            BundleError::NewerFormat { .. } => "sync.newer_format",
            BundleError::Truncated { .. } => "sync.truncated",
            BundleError::Trailing(_) => "sync.trailing",
            BundleError::Manifest(_) => "sync.manifest",
            BundleError::Damaged => "sync.damaged",
            BundleError::BadSignature => "sync.bad_signature",
            BundleError::Decrypt => "sync.decrypt",
            BundleError::Decompress(_) => "sync.decompress",
            BundleError::TooLarge { .. } => "sync.too_large",
            BundleError::Content(_) => "sync.payload",
        }
    }
}

pub type Result<T, E = BundleError> = std::result::Result<T, E>;

/// A site's secret keys: Ed25519 for signing, X25519 for receiving encrypted payloads.
pub struct SiteKeys {
    sign: SigningKey,
    boxk: x25519_dalek::StaticSecret,
}

/// What others know of a site: its two public keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKeys {
    pub sign: [u8; 32],
    pub boxk: [u8; 32],
}

impl SiteKeys {
    /// Fresh keys from the operating system's random source.
    pub fn generate() -> std::io::Result<SiteKeys> {
        let mut b = [0u8; 64];
        getrandom::getrandom(&mut b).map_err(std::io::Error::other)?;
        Ok(SiteKeys::from_bytes(&b))
    }

    pub fn from_bytes(b: &[u8; 64]) -> SiteKeys {
        let mut s = [0u8; 32];
        let mut x = [0u8; 32];
        s.copy_from_slice(&b[..32]);
        x.copy_from_slice(&b[32..]);
        SiteKeys {
            sign: SigningKey::from_bytes(&s),
            boxk: x25519_dalek::StaticSecret::from(x),
        }
    }

    pub fn to_bytes(&self) -> [u8; 64] {
        let mut b = [0u8; 64];
        b[..32].copy_from_slice(&self.sign.to_bytes());
        b[32..].copy_from_slice(self.boxk.as_bytes());
        b
    }

    pub fn public(&self) -> PublicKeys {
        PublicKeys {
            sign: self.sign.verifying_key().to_bytes(),
            boxk: x25519_dalek::PublicKey::from(&self.boxk).to_bytes(),
        }
    }
}

impl PublicKeys {
    /// A short fingerprint people can compare over the phone: the first 8 bytes of
    /// SHA-256(sign key || box key), as 4 groups of 4 hex digits.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.sign);
        h.update(self.boxk);
        let d = h.finalize();
        let hexs = hex(&d[..8]);
        hexs.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// What a bundle is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The changes the recipient has not acknowledged yet.
    Changes,
    /// Everything the sender owns (a new headquarters, a rebuilt laptop).
    Full,
    /// Headquarters' invitation to a unit: its org code, HQ's keys and a one-time token.
    Enrol,
}

/// The sending site as the manifest names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub site_id: String,
    pub name: String,
    pub role: String,
    /// Hex of the Ed25519 public key.
    pub sign_key: String,
    /// Hex of the X25519 public key.
    pub box_key: String,
}

impl Sender {
    pub fn keys(&self) -> Result<PublicKeys> {
        Ok(PublicKeys {
            sign: unhex32(&self.sign_key)
                .ok_or_else(|| BundleError::Manifest("sender.sign_key".into()))?,
            boxk: unhex32(&self.box_key)
                .ok_or_else(|| BundleError::Manifest("sender.box_key".into()))?,
        })
    }
}

/// A sender's next keys, as hex, announced under its current ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewKeys {
    pub sign_key: String,
    pub box_key: String,
}

impl NewKeys {
    pub fn keys(&self) -> Result<PublicKeys> {
        Ok(PublicKeys {
            sign: unhex32(&self.sign_key)
                .ok_or_else(|| BundleError::Manifest("new_keys".into()))?,
            boxk: unhex32(&self.box_key).ok_or_else(|| BundleError::Manifest("new_keys".into()))?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub kind: Kind,
    /// The sender's database schema version.
    pub schema: i64,
    pub sender: Sender,
    /// The recipient's site id (empty in an enrolment file).
    pub recipient: String,
    pub recipient_name: String,
    /// Bundle number from this sender to this recipient: 1, 2, 3, …
    pub seq: i64,
    /// The sender's change numbers this bundle covers, inclusive.
    pub from_change: i64,
    pub to_change: i64,
    /// What the sender has applied from the recipient: bundle number and change number.
    pub ack_seq: i64,
    pub ack_upto: i64,
    /// The payload hash of bundle `ack_seq` as the sender applied it: the recipient tells from
    /// it whether that bundle was the one it wrote (it was not, after a restore from a backup).
    #[serde(default)]
    pub ack_sha256: String,
    /// Records per table: puts and deletions.
    pub counts: BTreeMap<String, i64>,
    pub created_at: String,
    /// A unit's first bundles carry the token of its enrolment file, and the proof that it
    /// was told the passcode ([`enrol::unit_proof`]).
    #[serde(default)]
    pub enrol_token: Option<String>,
    #[serde(default)]
    pub enrol_proof: Option<String>,
    /// New keys the sender moves to, announced in a bundle signed with the keys the recipient
    /// knows; from the next bundle the recipient acknowledges, the sender signs with them.
    #[serde(default)]
    pub new_keys: Option<NewKeys>,
    pub encrypted: bool,
    /// Hex SHA-256 of the payload as stored.
    pub payload_sha256: String,
    /// Length of the decompressed payload.
    pub plain_len: u64,
}

/// Writes a bundle: compresses `plain`, encrypts it to `to` (unless it is `None`), fills in the
/// manifest's payload fields and signs everything with `keys`.
pub fn write(
    manifest: &mut Manifest,
    plain: &[u8],
    keys: &SiteKeys,
    to: Option<&PublicKeys>,
) -> std::io::Result<Vec<u8>> {
    let compressed = zstd::bulk::compress(plain, 3)?;
    let payload = match to {
        Some(pk) => encrypt(&compressed, pk)?,
        None => compressed,
    };
    manifest.encrypted = to.is_some();
    manifest.plain_len = plain.len() as u64;
    manifest.payload_sha256 = hex(&Sha256::digest(&payload));
    let m = serde_json::to_vec(manifest).map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(HEADER + m.len() + 8 + payload.len() + SIG);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(m.len() as u32).to_le_bytes());
    out.extend_from_slice(&m);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    let sig = keys.sign.sign(&out);
    out.extend_from_slice(&sig.to_bytes());
    Ok(out)
}

/// A bundle whose structure is sound. Nothing in it is trusted yet.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub manifest: Manifest,
    signed: &'a [u8],
    payload: &'a [u8],
    signature: [u8; 64],
}

/// Checks the structure: magic, format, lengths, the manifest's JSON.
pub fn parse(bytes: &[u8]) -> Result<Parsed<'_>> {
    let got = bytes.len() as u64;
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(BundleError::NotBundle);
    }
    let min = (HEADER + 8 + SIG) as u64;
    let format = match bytes.get(8..10) {
        Some(b) => u16::from_le_bytes([b[0], b[1]]),
        None => return Err(BundleError::Truncated { expected: min, got }),
    };
    if format > FORMAT {
        return Err(BundleError::NewerFormat {
            found: format,
            supported: FORMAT,
        });
    }
    if format == 0 {
        return Err(BundleError::NotBundle);
    }
    let mlen = match bytes.get(10..14) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize,
        None => return Err(BundleError::Truncated { expected: min, got }),
    };
    if mlen > MAX_MANIFEST {
        return Err(BundleError::Manifest(format!("length {mlen}")));
    }
    let mend = HEADER + mlen;
    let plen = match bytes.get(mend..mend + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            return Err(BundleError::Truncated {
                expected: (mend + 8 + SIG) as u64,
                got,
            })
        }
    };
    let expected = (mend as u64 + 8)
        .checked_add(plen)
        .and_then(|n| n.checked_add(SIG as u64))
        .ok_or(BundleError::Manifest("payload length".into()))?;
    if got < expected {
        return Err(BundleError::Truncated { expected, got });
    }
    if got > expected {
        return Err(BundleError::Trailing(got - expected));
    }
    let manifest: Manifest = serde_json::from_slice(&bytes[HEADER..mend])
        .map_err(|e| BundleError::Manifest(e.to_string()))?;
    let pstart = mend + 8;
    let send = pstart + plen as usize;
    let mut signature = [0u8; 64];
    signature.copy_from_slice(&bytes[send..]);
    Ok(Parsed {
        manifest,
        signed: &bytes[..send],
        payload: &bytes[pstart..send],
        signature,
    })
}

impl Parsed<'_> {
    /// The payload is what the manifest says it is (a flipped bit shows here).
    pub fn check_hash(&self) -> Result<()> {
        if hex(&Sha256::digest(self.payload)) == self.manifest.payload_sha256 {
            Ok(())
        } else {
            Err(BundleError::Damaged)
        }
    }

    /// The bundle was signed by the holder of `key`.
    pub fn verify(&self, key: &[u8; 32]) -> Result<()> {
        let vk = VerifyingKey::from_bytes(key).map_err(|_| BundleError::BadSignature)?;
        vk.verify(self.signed, &Signature::from_bytes(&self.signature))
            .map_err(|_| BundleError::BadSignature)
    }

    /// The declared length is within `limits` for a payload of this size: checked before any
    /// work is done on the payload.
    pub fn check_size(&self, limits: &Limits) -> Result<()> {
        let allowed = limits.allowed(self.payload.len() as u64);
        if self.manifest.plain_len > allowed {
            return Err(BundleError::TooLarge {
                declared: self.manifest.plain_len,
                allowed,
            });
        }
        Ok(())
    }

    /// Decrypts (if encrypted) and decompresses the payload into memory, within `limits`.
    pub fn open(&self, keys: &SiteKeys, limits: &Limits) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.read_with(keys, limits, |r| {
            r.read_to_end(&mut out)
                .map(|_| ())
                .map_err(|e| BundleError::Decompress(e.to_string()))
        })?;
        Ok(out)
    }

    /// Decrypts and decompresses the payload and parses it as JSON as it streams, never
    /// holding the decompressed bytes, within `limits`.
    pub fn open_json<T: serde::de::DeserializeOwned>(
        &self,
        keys: &SiteKeys,
        limits: &Limits,
    ) -> Result<T> {
        self.read_with(keys, limits, |r| {
            let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(
                1 << 16,
                r,
            ));
            let v = T::deserialize(&mut de).map_err(|e| match e.io_error_kind() {
                Some(_) => BundleError::Decompress(e.to_string()),
                None => BundleError::Content(e.to_string()),
            })?;
            de.end().map_err(|e| BundleError::Content(e.to_string()))?;
            Ok(v)
        })
    }

    /// Runs `f` over the decompressed payload, then checks it was exactly as long as declared.
    fn read_with<T>(
        &self,
        keys: &SiteKeys,
        limits: &Limits,
        f: impl FnOnce(&mut dyn Read) -> Result<T>,
    ) -> Result<T> {
        self.check_size(limits)?;
        let limit = self.manifest.plain_len;
        let compressed = if self.manifest.encrypted {
            std::borrow::Cow::Owned(decrypt(self.payload, keys)?)
        } else {
            std::borrow::Cow::Borrowed(self.payload)
        };
        let dec = zstd::stream::read::Decoder::new(&compressed[..])
            .map_err(|e| BundleError::Decompress(e.to_string()))?;
        let mut counted = Counted {
            inner: dec,
            read: 0,
            limit,
        };
        let v = f(&mut counted)?;
        // Whatever the parser left unread still counts (and must not go past the limit).
        std::io::copy(&mut counted, &mut std::io::sink())
            .map_err(|e| BundleError::Decompress(e.to_string()))?;
        if counted.read != limit {
            return Err(BundleError::Decompress(format!(
                "{} bytes instead of {limit}",
                counted.read
            )));
        }
        Ok(v)
    }
}

/// A reader that fails once more than `limit` bytes came through.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Ask for at most one byte beyond the limit, to tell "exactly" from "more".
        let room = (self.limit + 1).saturating_sub(self.read);
        let n = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        if n == 0 {
            return Err(std::io::Error::other(format!(
                "more than the declared {} bytes",
                self.limit
            )));
        }
        let got = self.inner.read(&mut buf[..n])?;
        self.read += got as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(format!(
                "more than the declared {} bytes",
                self.limit
            )));
        }
        Ok(got)
    }
}

fn cipher_for(
    shared: &[u8; 32],
    eph: &[u8; 32],
    to: &[u8; 32],
) -> chacha20poly1305::ChaCha20Poly1305 {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(eph);
    salt[32..].copy_from_slice(to);
    let hk = hkdf::Hkdf::<Sha256>::new(Some(&salt), shared);
    let mut key = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(b"branchdesk bundle v1", &mut key);
    chacha20poly1305::ChaCha20Poly1305::new(&key.into())
}

fn encrypt(data: &[u8], to: &PublicKeys) -> std::io::Result<Vec<u8>> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(std::io::Error::other)?;
    let eph = x25519_dalek::StaticSecret::from(seed);
    let eph_pub = x25519_dalek::PublicKey::from(&eph).to_bytes();
    let shared = eph.diffie_hellman(&x25519_dalek::PublicKey::from(to.boxk));
    let cipher = cipher_for(shared.as_bytes(), &eph_pub, &to.boxk);
    // The key is used for this one message only, so a zero nonce is safe.
    let ct = cipher
        .encrypt(&[0u8; 12].into(), data)
        .map_err(|_| std::io::Error::other("encryption failed"))?;
    let mut out = Vec::with_capacity(32 + ct.len());
    out.extend_from_slice(&eph_pub);
    out.extend_from_slice(&ct);
    Ok(out)
}

fn decrypt(data: &[u8], keys: &SiteKeys) -> Result<Vec<u8>> {
    if data.len() < 32 + 16 {
        return Err(BundleError::Decrypt);
    }
    let mut eph_pub = [0u8; 32];
    eph_pub.copy_from_slice(&data[..32]);
    let shared = keys
        .boxk
        .diffie_hellman(&x25519_dalek::PublicKey::from(eph_pub));
    let me = keys.public().boxk;
    let cipher = cipher_for(shared.as_bytes(), &eph_pub, &me);
    cipher
        .decrypt(&[0u8; 12].into(), &data[32..])
        .map_err(|_| BundleError::Decrypt)
}

pub fn hex(b: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(D[(x >> 4) as usize] as char);
        s.push(D[(x & 15) as usize] as char);
    }
    s
}

pub fn unhex32(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        let v = |c: u8| (c as char).to_digit(16);
        out[i] = (v(pair[0])? * 16 + v(pair[1])?) as u8;
    }
    Some(out)
}

/// Helpers for tests that craft hostile bundles.
pub mod testing {
    use super::*;

    /// A bundle around an already compressed payload that declares `plain_len` (which may
    /// lie), encrypted to `to` if given and signed with `keys`: what a sender who writes its
    /// own bundles could send.
    pub fn write_raw(
        manifest: &mut Manifest,
        compressed: &[u8],
        plain_len: u64,
        keys: &SiteKeys,
        to: Option<&PublicKeys>,
    ) -> Vec<u8> {
        let payload = match to {
            Some(pk) => encrypt(compressed, pk).unwrap_or_default(),
            None => compressed.to_vec(),
        };
        manifest.encrypted = to.is_some();
        manifest.plain_len = plain_len;
        manifest.payload_sha256 = hex(&Sha256::digest(&payload));
        let m = serde_json::to_vec(manifest).unwrap_or_default();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(m.len() as u32).to_le_bytes());
        out.extend_from_slice(&m);
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&payload);
        let sig = keys.sign.sign(&out);
        out.extend_from_slice(&sig.to_bytes());
        out
    }
    /// A zstd frame of `len` zero bytes made of RLE blocks: 4 bytes per 128 KiB, so 4 GiB of
    /// zeros is a 128 KiB frame (the decompression bomb of the hostile-bundle tests).
    pub fn zero_frame(len: u64) -> Vec<u8> {
        let mut f = vec![0x28, 0xB5, 0x2F, 0xFD, 0xC0, 0x38];
        f.extend_from_slice(&len.to_le_bytes());
        let mut left = len;
        while left > 0 {
            let n = left.min(128 << 10);
            left -= n;
            let last = u32::from(left == 0);
            let h = last | (1 << 1) | ((n as u32) << 3);
            f.extend_from_slice(&h.to_le_bytes()[..3]);
            f.push(0);
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(keys: &SiteKeys) -> Manifest {
        let pk = keys.public();
        Manifest {
            kind: Kind::Changes,
            schema: 6,
            sender: Sender {
                site_id: "a".into(),
                name: "淄博".into(),
                role: "unit".into(),
                sign_key: hex(&pk.sign),
                box_key: hex(&pk.boxk),
            },
            recipient: "b".into(),
            recipient_name: "总部".into(),
            seq: 1,
            from_change: 1,
            to_change: 10,
            ack_seq: 0,
            ack_upto: 0,
            ack_sha256: String::new(),
            counts: BTreeMap::new(),
            created_at: "2016-07-01T00:00:00Z".into(),
            enrol_token: None,
            enrol_proof: None,
            new_keys: None,
            encrypted: false,
            payload_sha256: String::new(),
            plain_len: 0,
        }
    }

    #[test]
    fn round_trip_signed_and_encrypted() {
        let a = SiteKeys::generate().unwrap();
        let b = SiteKeys::generate().unwrap();
        let plain = "续保管理指数 ".repeat(1000);
        let mut m = manifest(&a);
        let bytes = write(&mut m, plain.as_bytes(), &a, Some(&b.public())).unwrap();
        assert!(
            !bytes.windows(6).any(|w| w == "续保".as_bytes()),
            "payload is encrypted"
        );
        let p = parse(&bytes).unwrap();
        assert_eq!(p.manifest, m);
        p.check_hash().unwrap();
        p.verify(&a.public().sign).unwrap();
        assert_eq!(p.verify(&b.public().sign), Err(BundleError::BadSignature));
        assert_eq!(p.open(&b, &Limits::BUNDLE).unwrap(), plain.as_bytes());
        assert_eq!(
            p.open(&a, &Limits::BUNDLE).unwrap_err(),
            BundleError::Decrypt
        );
    }

    #[test]
    fn every_structural_fault_is_named() {
        let a = SiteKeys::generate().unwrap();
        let mut m = manifest(&a);
        let bytes = write(&mut m, b"hello", &a, None).unwrap();
        assert_eq!(parse(b"PK\x03\x04").unwrap_err(), BundleError::NotBundle);
        for cut in [9, 12, 20, bytes.len() - 1] {
            assert!(
                matches!(
                    parse(&bytes[..cut]).unwrap_err(),
                    BundleError::Truncated { .. }
                ),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(parse(&longer).unwrap_err(), BundleError::Trailing(1));
        let mut newer = bytes.clone();
        newer[8] = 2;
        assert_eq!(
            parse(&newer).unwrap_err(),
            BundleError::NewerFormat {
                found: 2,
                supported: 1
            }
        );
        // A flipped bit in the payload is damage; in the manifest it breaks the signature.
        let plen_at = bytes.len() - 64 - 1;
        let mut flipped = bytes.clone();
        flipped[plen_at] ^= 1;
        assert_eq!(
            parse(&flipped).unwrap().check_hash(),
            Err(BundleError::Damaged)
        );
        let mut readdressed = bytes.clone();
        let at = bytes
            .windows(15)
            .position(|w| w == b"\"recipient\":\"b\"")
            .unwrap();
        readdressed[at + 13] = b'c';
        let p = parse(&readdressed).unwrap();
        assert_eq!(p.manifest.recipient, "c");
        assert_eq!(p.verify(&a.public().sign), Err(BundleError::BadSignature));
    }

    /// A bundle around an already compressed payload, declaring `plain_len` (which may lie).
    fn raw(keys: &SiteKeys, compressed: &[u8], plain_len: u64) -> Vec<u8> {
        testing::write_raw(&mut manifest(keys), compressed, plain_len, keys, None)
    }

    #[test]
    fn a_payload_never_expands_past_its_limits() {
        let a = SiteKeys::generate().unwrap();
        // 4 GiB of zeros in 128 KiB, declared honestly: refused before anything is decompressed.
        let bomb = raw(&a, &testing::zero_frame(4 << 30), 4 << 30);
        assert!(bomb.len() < 140 << 10, "{}", bomb.len());
        let p = parse(&bomb).unwrap();
        p.check_hash().unwrap();
        p.verify(&a.public().sign).unwrap();
        let allowed = Limits::BUNDLE.allowed(p.payload.len() as u64);
        assert_eq!(
            p.open(&a, &Limits::BUNDLE).unwrap_err(),
            BundleError::TooLarge {
                declared: 4 << 30,
                allowed
            }
        );
        // Declared small but expanding to 64 MiB: decompression stops one byte past the
        // declared length.
        let liar = raw(&a, &testing::zero_frame(64 << 20), 1000);
        let p = parse(&liar).unwrap();
        assert!(matches!(
            p.open(&a, &Limits::BUNDLE).unwrap_err(),
            BundleError::Decompress(_)
        ));
        assert!(matches!(
            p.open_json::<serde_json::Value>(&a, &Limits::BUNDLE)
                .unwrap_err(),
            BundleError::Decompress(_) | BundleError::Content(_)
        ));
        // Within the ratio but beyond a lower ceiling (a site's setting).
        let honest = raw(&a, &testing::zero_frame(1 << 20), 1 << 20);
        let p = parse(&honest).unwrap();
        assert_eq!(
            p.open(&a, &Limits::BUNDLE).unwrap_err().code(),
            "sync.too_large"
        );
        let roomy = Limits {
            ratio: 1 << 20,
            ceiling: 2 << 20,
        };
        assert_eq!(p.open(&a, &roomy).unwrap().len(), 1 << 20);
        let small = Limits {
            ceiling: 1 << 19,
            ..roomy
        };
        assert_eq!(p.open(&a, &small).unwrap_err().code(), "sync.too_large");
        // Enrolment files are held to a few kilobytes.
        let fat = write(&mut manifest(&a), &vec![b' '; 100 << 10], &a, None).unwrap();
        let p = parse(&fat).unwrap();
        assert_eq!(
            p.open(&a, &Limits::ENROL).unwrap_err().code(),
            "sync.too_large"
        );
    }

    #[test]
    fn json_is_parsed_as_it_streams_and_must_be_whole() {
        let a = SiteKeys::generate().unwrap();
        let b = SiteKeys::generate().unwrap();
        let ok = write(
            &mut manifest(&a),
            br#"{"n": [1, 2, 3]}  "#,
            &a,
            Some(&b.public()),
        )
        .unwrap();
        let v: serde_json::Value = parse(&ok).unwrap().open_json(&b, &Limits::BUNDLE).unwrap();
        assert_eq!(v["n"][2], 3);
        let trailing = write(
            &mut manifest(&a),
            br#"{"n": 1} {"n": 2}"#,
            &a,
            Some(&b.public()),
        )
        .unwrap();
        assert_eq!(
            parse(&trailing)
                .unwrap()
                .open_json::<serde_json::Value>(&b, &Limits::BUNDLE)
                .unwrap_err()
                .code(),
            "sync.payload"
        );
    }

    #[test]
    fn fingerprints_and_hex() {
        let k = SiteKeys::generate().unwrap();
        let back = SiteKeys::from_bytes(&k.to_bytes());
        assert_eq!(back.public(), k.public());
        let f = k.public().fingerprint();
        assert_eq!(f.len(), 19);
        assert_eq!(unhex32(&hex(&k.public().sign)), Some(k.public().sign));
        assert_eq!(unhex32("zz"), None);
    }
}
