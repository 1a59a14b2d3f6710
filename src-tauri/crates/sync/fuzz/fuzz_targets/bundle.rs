//! Any bytes through every check the importer makes before trusting a payload.
#![no_main]

use branchdesk_sync::{parse, SiteKeys};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = SiteKeys::from_bytes(&[7u8; 64]);
    if let Ok(p) = parse(data) {
        let _ = p.manifest.sender.keys();
        let _ = p.check_hash();
        let _ = p.verify(&keys.public().sign);
        let _ = p.open(&keys, &branchdesk_sync::Limits::BUNDLE);
    }
});
