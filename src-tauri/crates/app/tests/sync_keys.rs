#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Enrolment and keys: a stolen or swapped enrolment file registers nobody, a token belongs to
//! the key that used it first, a unit that joined refuses other keys, headquarters revokes a
//! lost laptop's key and the unit joins again, and either side moves to new keys without a
//! bundle lost on the way.

use std::path::Path;

use branchdesk_app::sync::{ImportOptions, Scope};
use branchdesk_app::App;
use branchdesk_domain::{BundleOutcome, Lang, Role};
use branchdesk_sync::{hex, Kind, Manifest, PublicKeys, Sender, SiteKeys};

mod common;
use common::sites::{digest, down, enrol, jinan, site, up};

fn with(passcode: &str) -> ImportOptions {
    ImportOptions {
        passcode: Some(passcode.to_string()),
    }
}

fn export(from: &mut App) -> Vec<u8> {
    from.sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap()
        .0
}

#[test]
fn an_enrolment_file_joins_only_with_its_passcode() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    let jn_db = dir.path().join("jn.db");
    let e = hq.sync_enrol("JN").unwrap();
    assert_eq!(e.passcode.len(), 19);
    let text = String::from_utf8_lossy(&e.bytes);
    assert!(
        !text.contains(&e.passcode) && !text.contains(&e.passcode.replace('-', "")),
        "the passcode is not in the file"
    );
    let before = digest(&jn_db);
    let err = jn.sync_import(&e.bytes, "入网文件.bdk").unwrap_err();
    assert_eq!(err.code(), "sync.passcode_needed");
    let err = jn
        .sync_import_with(&e.bytes, "入网文件.bdk", &with("7KQ4-M2XD-9RTA-HW3B"))
        .unwrap_err();
    assert_eq!(err.code(), "sync.bad_passcode", "{}", err.message(Lang::Zh));
    // A file from another "headquarters" with the real one's passcode: a swapped file.
    let mut attacker = site(dir.path(), "evil.db", "集团总部", Role::Hq, false);
    let swapped = attacker.sync_enrol("JN").unwrap();
    let err = jn
        .sync_import_with(&swapped.bytes, "入网文件.bdk", &with(&e.passcode))
        .unwrap_err();
    assert_eq!(err.code(), "sync.bad_passcode");
    assert_eq!(digest(&jn_db), before, "nothing joined");
    // Typed as people type it: lower case, spaces, O for 0.
    let typed = e
        .passcode
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o");
    let r = jn
        .sync_import_with(&e.bytes, "入网文件.bdk", &with(&typed))
        .unwrap();
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
    // Joined: a file with other keys is refused by name, even under headquarters' site id.
    let hq_id = hq.info().unwrap().site.id;
    let evil_db = dir.path().join("evil.db");
    drop(attacker);
    rusqlite::Connection::open(&evil_db)
        .unwrap()
        .execute("UPDATE site SET id = ?1", [&hq_id])
        .unwrap();
    let mut attacker = App::open(&evil_db, branchdesk_app::Ctx::local()).unwrap();
    let forged = attacker.sync_enrol("JN").unwrap();
    let err = jn
        .sync_import_with(&forged.bytes, "入网文件.bdk", &with(&forged.passcode))
        .unwrap_err();
    assert_eq!(err.code(), "sync.key_mismatch", "{}", err.message(Lang::Zh));
    assert!(err.message(Lang::Zh).contains("指纹"));
}

/// A bundle from the site in `db` carrying `token` and `proof` for headquarters `to`, signed
/// with that site's own keys: what someone holding a stolen enrolment file can send.
fn thief_bundle(db: &Path, to: &App, to_db: &Path, token: &str, proof: &str) -> Vec<u8> {
    let c = rusqlite::Connection::open(db).unwrap();
    let secret: Vec<u8> = c
        .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
        .unwrap();
    let keys = SiteKeys::from_bytes(&secret.try_into().unwrap());
    let (id, name): (String, String) = c
        .query_row("SELECT id, name FROM site", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let to_keys: PublicKeys = {
        let hq = rusqlite::Connection::open(to_db).unwrap();
        let secret: Vec<u8> = hq
            .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
            .unwrap();
        SiteKeys::from_bytes(&secret.try_into().unwrap()).public()
    };
    let pk = keys.public();
    let mut m = Manifest {
        kind: Kind::Changes,
        schema: branchdesk_store::SCHEMA_VERSION,
        sender: Sender {
            site_id: id,
            name,
            role: "unit".into(),
            sign_key: hex(&pk.sign),
            box_key: hex(&pk.boxk),
        },
        recipient: to.info().unwrap().site.id,
        recipient_name: "集团总部".into(),
        seq: 1,
        from_change: 1,
        to_change: 1,
        ack_seq: 0,
        ack_upto: 0,
        ack_sha256: String::new(),
        counts: Default::default(),
        created_at: "2016-12-05T10:00:00Z".into(),
        enrol_token: Some(token.into()),
        enrol_proof: Some(proof.into()),
        new_keys: None,
        encrypted: true,
        payload_sha256: String::new(),
        plain_len: 0,
    };
    branchdesk_sync::write(&mut m, br#"{"tables":[]}"#, &keys, Some(&to_keys)).unwrap()
}

#[test]
fn a_stolen_file_registers_nobody_and_a_token_belongs_to_its_first_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let hq_db = dir.path().join("hq.db");
    let e = hq.sync_enrol("JN").unwrap();
    // The file is signed, not secret: its token can be read by whoever holds it.
    let p = branchdesk_sync::parse(&e.bytes).unwrap();
    let payload: serde_json::Value = serde_json::from_slice(
        &p.open(
            &SiteKeys::generate().unwrap(),
            &branchdesk_sync::Limits::ENROL,
        )
        .unwrap(),
    )
    .unwrap();
    let token = payload["extra"]["token"].as_str().unwrap().to_string();
    // A thief with the file but not the passcode: refused, the token still free.
    let thief_dir = tempfile::tempdir().unwrap();
    let _thief = jinan(thief_dir.path());
    let before = digest(&hq_db);
    let forged = thief_bundle(&thief_dir.path().join("jn.db"), &hq, &hq_db, &token, "00");
    let err = hq.sync_import(&forged, "同步包.bdk").unwrap_err();
    assert_eq!(err.code(), "sync.bad_proof", "{}", err.message(Lang::Zh));
    assert_eq!(digest(&hq_db), before);
    // The real unit, told the passcode, joins.
    let mut jn = jinan(dir.path());
    jn.sync_import_with(&e.bytes, "e", &with(&e.passcode))
        .unwrap();
    assert_eq!(
        hq.sync_import(&export(&mut jn), "b1").unwrap().outcome,
        BundleOutcome::Applied
    );
    // Someone else told the passcode, with other keys: the token is the first key's.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = jinan(other_dir.path());
    other
        .sync_import_with(&e.bytes, "e", &with(&e.passcode))
        .unwrap();
    let before = digest(&hq_db);
    let err = hq.sync_import(&export(&mut other), "b1").unwrap_err();
    assert_eq!(err.code(), "sync.token_reused", "{}", err.message(Lang::Zh));
    assert_eq!(digest(&hq_db), before);
    // Headquarters sees both attempts in its history.
    let history = hq.sync_status().unwrap().history;
    for code in ["sync.bad_proof", "sync.token_reused"] {
        assert!(history.iter().any(|h| h.code == code), "{code}");
    }
}

#[test]
fn a_revoked_key_is_refused_until_the_unit_joins_again_with_new_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let hq_db = dir.path().join("hq.db");
    let mut jn = jinan(dir.path());
    enrol(&mut hq, &mut jn, "JN");
    down(&mut hq, &mut jn, "JN");
    // A bundle made on the laptop before it was lost, and headquarters revokes its key.
    jn.doc_category_save(&branchdesk_domain::DocCategory {
        code: "office".into(),
        name: "办公室发文".into(),
        prefix: "济人保办".into(),
        kind: branchdesk_domain::DocKind::Company,
        foreign: false,
    })
    .unwrap();
    let stolen = export(&mut jn);
    hq.sync_revoke("JN", "笔记本电脑丢失").unwrap();
    assert!(hq.sync_status().unwrap().peers[0].revoked_at.is_some());
    let before = digest(&hq_db);
    let err = hq.sync_import(&stolen, "stolen.bdk").unwrap_err();
    assert_eq!(err.code(), "sync.revoked", "{}", err.message(Lang::Zh));
    assert_eq!(digest(&hq_db), before);
    // The unit (restored on a new laptop) replaces its keys and joins again.
    jn.sync_rotate_keys().unwrap();
    let e = hq.sync_enrol("JN").unwrap();
    let r = jn
        .sync_import_with(&e.bytes, "e2", &with(&e.passcode))
        .unwrap();
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
    let r = up(&mut jn, &mut hq);
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
    assert!(hq.sync_status().unwrap().peers[0].revoked_at.is_none());
    // The revoked key stays refused, whatever it signs.
    let err = hq.sync_import(&stolen, "stolen.bdk").unwrap_err();
    assert_eq!(err.code(), "sync.revoked");
    // And the rejoined unit goes on as before, both ways.
    assert_eq!(down(&mut hq, &mut jn, "JN").outcome, BundleOutcome::Applied);
    jn.doc_reserve_number("office", Some(2016)).unwrap();
    assert_eq!(up(&mut jn, &mut hq).outcome, BundleOutcome::Applied);
}

#[test]
fn either_side_moves_to_new_keys_without_losing_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    enrol(&mut hq, &mut jn, "JN");
    down(&mut hq, &mut jn, "JN");
    let old_unit = hq.sync_status().unwrap().peers[0].fingerprint.clone();
    // Headquarters has a bundle on its way to the unit, encrypted to the unit's old keys.
    hq.announce(Some("JN"), "旧密钥时的公告", "").unwrap();
    let in_flight = hq
        .sync_export(Some("JN"), Scope::Changes, &mut |_, _| {})
        .unwrap()
        .0;
    // The unit moves to new keys and sends two bundles before headquarters answers.
    let fp = jn.sync_rotate_keys().unwrap();
    assert_ne!(fp, old_unit);
    let first = export(&mut jn);
    let second = export(&mut jn);
    assert_eq!(
        hq.sync_import(&first, "1").unwrap().outcome,
        BundleOutcome::Applied
    );
    assert_eq!(hq.sync_status().unwrap().peers[0].fingerprint, fp);
    assert_eq!(
        hq.sync_import(&second, "2").unwrap().outcome,
        BundleOutcome::Applied,
        "a bundle signed before the switch still goes in"
    );
    // The bundle encrypted to the old keys is still read.
    assert_eq!(
        jn.sync_import(&in_flight, "old").unwrap().outcome,
        BundleOutcome::Applied
    );
    assert_eq!(down(&mut hq, &mut jn, "JN").outcome, BundleOutcome::Applied);
    // Once headquarters acknowledged, the new keys sign; the old ones no longer do.
    let third = export(&mut jn);
    let m = branchdesk_sync::parse(&third).unwrap().manifest;
    assert!(m.new_keys.is_none());
    assert_eq!(m.sender.keys().unwrap().fingerprint(), fp);
    assert_eq!(
        hq.sync_import(&third, "3").unwrap().outcome,
        BundleOutcome::Applied
    );
    // Headquarters moves too; the unit follows.
    let hq_fp = hq.sync_rotate_keys().unwrap();
    assert_eq!(down(&mut hq, &mut jn, "JN").outcome, BundleOutcome::Applied);
    assert_eq!(jn.sync_status().unwrap().peers[0].fingerprint, hq_fp);
    assert_eq!(up(&mut jn, &mut hq).outcome, BundleOutcome::Applied);
    assert_eq!(down(&mut hq, &mut jn, "JN").outcome, BundleOutcome::Applied);
}
