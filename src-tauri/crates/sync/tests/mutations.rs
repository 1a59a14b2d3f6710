#![allow(clippy::unwrap_used)]
//! Thousands of damaged copies of a real bundle: the reader never panics, and no copy that
//! differs from the original gets through every check.

use std::collections::BTreeMap;

use branchdesk_sync::{hex, parse, write, Kind, Manifest, Sender, SiteKeys};

fn bundle() -> (Vec<u8>, SiteKeys, SiteKeys) {
    let a = SiteKeys::generate().unwrap();
    let b = SiteKeys::generate().unwrap();
    let pk = a.public();
    let mut m = Manifest {
        kind: Kind::Changes,
        schema: 6,
        sender: Sender {
            site_id: "0190a".into(),
            name: "淄博市分公司".into(),
            role: "unit".into(),
            sign_key: hex(&pk.sign),
            box_key: hex(&pk.boxk),
        },
        recipient: "0190b".into(),
        recipient_name: "集团总部".into(),
        seq: 3,
        from_change: 101,
        to_change: 250,
        ack_seq: 2,
        ack_upto: 40,
        ack_sha256: String::new(),
        counts: BTreeMap::from([("unit".to_string(), 3)]),
        created_at: "2016-07-01T00:00:00Z".into(),
        enrol_token: None,
        enrol_proof: None,
        new_keys: None,
        encrypted: false,
        payload_sha256: String::new(),
        plain_len: 0,
    };
    let plain = r#"{"tables":[{"name":"unit","cols":["id","code","name"],"put":[["u1","ZB","淄博市分公司"]],"del":[]}]}"#.repeat(20);
    let bytes = write(&mut m, plain.as_bytes(), &a, Some(&b.public())).unwrap();
    (bytes, a, b)
}

/// Everything the importer checks before it trusts a byte of the payload.
fn accepted(bytes: &[u8], sender: &SiteKeys, me: &SiteKeys) -> bool {
    let Ok(p) = parse(bytes) else { return false };
    p.check_hash().is_ok()
        && p.verify(&sender.public().sign).is_ok()
        && p.open(me, &branchdesk_sync::Limits::BUNDLE).is_ok()
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn no_damaged_copy_panics_or_gets_through() {
    let (good, a, b) = bundle();
    assert!(accepted(&good, &a, &b));
    let mut rng = Rng(0x2016_0701);
    let mut refused = 0;
    for i in 0..6000 {
        let mut x = good.clone();
        match i % 6 {
            0 => {
                let at = rng.below(x.len());
                x[at] ^= 1 << rng.below(8);
            }
            1 => x.truncate(rng.below(x.len())),
            2 => {
                let at = rng.below(x.len());
                x.insert(at, rng.next() as u8);
            }
            3 => {
                // A length field set to something else.
                let at = [10, 11, 12, 13][rng.below(4)];
                x[at] = rng.next() as u8;
            }
            4 => {
                for _ in 0..1 + rng.below(16) {
                    let at = rng.below(x.len());
                    x[at] = rng.next() as u8;
                }
            }
            _ => {
                let at = rng.below(x.len());
                x.remove(at);
            }
        }
        if x == good {
            continue;
        }
        assert!(!accepted(&x, &a, &b), "mutation {i} was accepted");
        refused += 1;
    }
    assert!(refused > 5900);
}

#[test]
fn arbitrary_bytes_are_refused_without_panicking() {
    let (_, a, b) = bundle();
    let mut rng = Rng(7);
    for len in [0, 1, 7, 8, 9, 13, 14, 100, 5000] {
        for _ in 0..50 {
            let mut x: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            if len >= 10 {
                x[..8].copy_from_slice(branchdesk_sync::MAGIC);
                x[8..10].copy_from_slice(&1u16.to_le_bytes());
            }
            assert!(!accepted(&x, &a, &b));
        }
    }
}
