//! Enrolment bound to a passcode read out by phone. Headquarters shows the passcode when it
//! issues an enrolment file and never puts it in the file. The file carries a MAC of
//! headquarters' keys under a key derived from the passcode, so a unit that types the passcode
//! knows the keys are headquarters' (a swapped file fails); the unit's first bundle carries a
//! MAC of its own keys under the same key, so headquarters knows the keys are those of whoever
//! was told the passcode (a stolen file alone registers nobody).
//!
//! The passcode is 16 characters of Crockford's base32 (80 bits, read as XXXX-XXXX-XXXX-XXXX):
//! far beyond guessing, even offline against a stolen file.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{hex, PublicKeys};

/// Crockford's base32 digits, in value order.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh passcode, e.g. `7KQ4-M2XD-9RTA-HW3B`.
pub fn passcode() -> std::io::Result<String> {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).map_err(std::io::Error::other)?;
    let chars: Vec<char> = b
        .iter()
        .map(|x| ALPHABET[(x & 31) as usize] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// The values (0–31) of Crockford base32 text as typed: any case, dashes and spaces ignored,
/// O read as 0 and I or L as 1; `None` if another character is in it. Passcodes and recovery
/// keys are read with it.
pub fn crockford_values(typed: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        out.push(ALPHABET.iter().position(|a| *a as char == c)? as u8);
    }
    Some(out)
}

/// A passcode as typed (any case, with or without dashes or spaces, O for 0 and I or L for 1),
/// in its one written form; `None` if it cannot be one.
pub fn normalize(typed: &str) -> Option<String> {
    let values = crockford_values(typed)?;
    (values.len() == 16).then(|| {
        values
            .iter()
            .map(|v| ALPHABET[*v as usize] as char)
            .collect()
    })
}

/// The key both sides derive from the passcode and the enrolment's token.
pub fn key(passcode: &str, token: &str) -> [u8; 32] {
    let typed = normalize(passcode).unwrap_or_default();
    let hk = hkdf::Hkdf::<Sha256>::new(Some(token.as_bytes()), typed.as_bytes());
    let mut k = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(b"branchdesk enrolment v1", &mut k);
    k
}

fn mac(key: &[u8; 32], parts: &[&[u8]]) -> Vec<u8> {
    // HMAC takes a key of any length.
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    for p in parts {
        m.update(&(p.len() as u64).to_le_bytes());
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

/// What the enrolment file carries: headquarters' keys, the token and the unit code, under the
/// passcode's key.
pub fn hq_mac(key: &[u8; 32], hq: &PublicKeys, token: &str, unit_code: &str) -> String {
    hex(&mac(
        key,
        &[
            b"hq",
            &hq.sign,
            &hq.boxk,
            token.as_bytes(),
            unit_code.as_bytes(),
        ],
    ))
}

/// What the unit's first bundles carry: its keys and the token, under the passcode's key.
pub fn unit_proof(key: &[u8; 32], unit: &PublicKeys, token: &str) -> String {
    hex(&mac(
        key,
        &[b"unit", &unit.sign, &unit.boxk, token.as_bytes()],
    ))
}

/// `a == b` in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SiteKeys;

    #[test]
    fn a_passcode_binds_both_sides_keys() {
        let p = passcode().unwrap();
        assert_eq!(p.len(), 19);
        let typed = p.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(
            normalize(&typed).as_deref(),
            Some(p.replace('-', "").as_str())
        );
        assert_eq!(normalize("1234"), None);
        assert_eq!(normalize("UUUU-UUUU-UUUU-UUUU"), None);
        let hq = SiteKeys::generate().unwrap().public();
        let unit = SiteKeys::generate().unwrap().public();
        let thief = SiteKeys::generate().unwrap().public();
        let k = key(&p, "tok");
        let m = hq_mac(&k, &hq, "tok", "ZB");
        assert!(same(&m, &hq_mac(&key(&typed, "tok"), &hq, "tok", "ZB")));
        assert!(!same(
            &m,
            &hq_mac(&key(&passcode().unwrap(), "tok"), &hq, "tok", "ZB")
        ));
        assert!(!same(&m, &hq_mac(&k, &thief, "tok", "ZB")));
        assert!(!same(&m, &hq_mac(&k, &hq, "tok", "JN")));
        let proof = unit_proof(&k, &unit, "tok");
        assert!(!same(&proof, &unit_proof(&k, &thief, "tok")));
        assert!(!same(&proof, &unit_proof(&key(&p, "other"), &unit, "tok")));
    }
}
