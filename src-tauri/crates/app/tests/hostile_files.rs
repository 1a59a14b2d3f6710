#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Files from outside are hostile until checked: decompression bombs, a sheet that declares a
//! million rows by sixteen thousand columns, a pipe instead of a file, a flood of held bundles.
//! Each is refused by name, quickly, within a bounded amount of memory, with nothing changed.

use std::path::Path;

use branchdesk_app::App;
use branchdesk_domain::{BundleOutcome, Lang, Role};
use branchdesk_sync::testing::{write_raw, zero_frame};
use branchdesk_sync::{hex, Kind, Manifest, PublicKeys, Sender, SiteKeys};

mod common;
use common::sites::{digest, enrol, jinan, site};

/// A bundle signed and encrypted by the site in `from_db` for the site in `to_db`, whose
/// payload is `compressed` (already zstd) declaring `plain_len`, numbered `seq` (after a gap
/// when `seq` is more than one past what the recipient has).
fn raw_bundle(
    from_db: &Path,
    to_db: &Path,
    compressed: &[u8],
    plain_len: u64,
    seq: i64,
) -> Vec<u8> {
    let from = rusqlite::Connection::open(from_db).unwrap();
    let to = rusqlite::Connection::open(to_db).unwrap();
    let secret: Vec<u8> = from
        .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
        .unwrap();
    let keys = SiteKeys::from_bytes(&secret.try_into().unwrap());
    let (site_id, name): (String, String) = from
        .query_row("SELECT id, name FROM site", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let to_id: String = to
        .query_row("SELECT id FROM site", [], |r| r.get(0))
        .unwrap();
    let (sign, boxk): (Vec<u8>, Vec<u8>) = from
        .query_row(
            "SELECT sign_key, box_key FROM sync_peer WHERE site_id = ?1",
            [&to_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (recv_seq, recv_upto): (i64, i64) = to
        .query_row(
            "SELECT recv_seq, recv_upto FROM sync_peer WHERE site_id = ?1",
            [&site_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let gap = (seq - recv_seq - 1).max(0) * 10;
    let pk = keys.public();
    let mut m = Manifest {
        kind: Kind::Changes,
        schema: branchdesk_store::SCHEMA_VERSION,
        sender: Sender {
            site_id,
            name,
            role: "unit".into(),
            sign_key: hex(&pk.sign),
            box_key: hex(&pk.boxk),
        },
        recipient: to_id,
        recipient_name: String::new(),
        seq,
        from_change: recv_upto + 1 + gap,
        to_change: recv_upto + 10 + gap,
        ack_seq: 0,
        ack_upto: 0,
        ack_sha256: String::new(),
        counts: Default::default(),
        created_at: "2016-12-05T10:00:00Z".into(),
        enrol_token: None,
        enrol_proof: None,
        new_keys: None,
        encrypted: true,
        payload_sha256: String::new(),
        plain_len: 0,
    };
    let to_keys = PublicKeys {
        sign: sign.try_into().unwrap(),
        boxk: boxk.try_into().unwrap(),
    };
    write_raw(&mut m, compressed, plain_len, &keys, Some(&to_keys))
}

fn hq_and_jinan(dir: &Path) -> (App, App) {
    let mut hq = site(dir, "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir);
    enrol(&mut hq, &mut jn, "JN");
    (hq, jn)
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (mut hq, _jn) = hq_and_jinan(dir.path());
    let hq_db = dir.path().join("hq.db");
    let before = digest(&hq_db);
    // 4 GiB of zeros in 128 KiB, signed by an enrolled unit.
    let bomb = raw_bundle(
        &dir.path().join("jn.db"),
        &hq_db,
        &zero_frame(4 << 30),
        4 << 30,
        2,
    );
    assert!(bomb.len() < 140 << 10);
    let e = hq.sync_import(&bomb, "bomb.bdk").unwrap_err();
    assert_eq!(e.code(), "sync.too_large", "{}", e.message(Lang::Zh));
    assert!(e.message(Lang::Zh).contains("4294967296"));
    assert_eq!(digest(&hq_db), before);
    // Declared honestly small, but expanding without end: refused at the declared length.
    let liar = raw_bundle(
        &dir.path().join("jn.db"),
        &hq_db,
        &zero_frame(1 << 30),
        1000,
        2,
    );
    let e = hq.sync_import(&liar, "liar.bdk").unwrap_err();
    assert_eq!(e.code(), "sync.decompress", "{}", e.message(Lang::Zh));
    assert_eq!(digest(&hq_db), before);
}

#[test]
fn a_bundle_in_clear_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut hq, _jn) = hq_and_jinan(dir.path());
    let hq_db = dir.path().join("hq.db");
    let before = digest(&hq_db);
    // Signed by the enrolled unit, but not encrypted: people's names would travel readable.
    let plain = br#"{"tables":[]}"#;
    let mut b = raw_bundle(
        &dir.path().join("jn.db"),
        &hq_db,
        &zstd::bulk::compress(plain, 3).unwrap(),
        plain.len() as u64,
        2,
    );
    // Re-sign it without encryption, as a sender writing its own bundle could.
    let jn = rusqlite::Connection::open(dir.path().join("jn.db")).unwrap();
    let secret: Vec<u8> = jn
        .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
        .unwrap();
    let keys = SiteKeys::from_bytes(&secret.try_into().unwrap());
    let mut m = branchdesk_sync::parse(&b).unwrap().manifest;
    b = write_raw(
        &mut m,
        &zstd::bulk::compress(plain, 3).unwrap(),
        plain.len() as u64,
        &keys,
        None,
    );
    let e = hq.sync_import(&b, "clear.bdk").unwrap_err();
    assert_eq!(e.code(), "sync.not_encrypted", "{}", e.message(Lang::Zh));
    assert_eq!(digest(&hq_db), before);
}

#[test]
fn an_enrolment_file_is_bounded_before_it_is_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let mut jn = jinan(dir.path());
    let jn_db = dir.path().join("jn.db");
    let before = digest(&jn_db);
    // Anyone can sign an "enrolment file" with a key of their own: it is held to a few KiB.
    let stranger = SiteKeys::generate().unwrap();
    let pk = stranger.public();
    let mut m = Manifest {
        kind: Kind::Enrol,
        schema: branchdesk_store::SCHEMA_VERSION,
        sender: Sender {
            site_id: "0190ffff".into(),
            name: "假总部".into(),
            role: "hq".into(),
            sign_key: hex(&pk.sign),
            box_key: hex(&pk.boxk),
        },
        recipient: String::new(),
        recipient_name: "JN".into(),
        seq: 0,
        from_change: 0,
        to_change: 0,
        ack_seq: 0,
        ack_upto: 0,
        ack_sha256: String::new(),
        counts: Default::default(),
        created_at: "2016-12-05T10:00:00Z".into(),
        enrol_token: None,
        enrol_proof: None,
        new_keys: None,
        encrypted: false,
        payload_sha256: String::new(),
        plain_len: 0,
    };
    let fat = format!(
        "{{\"tables\":[],\"extra\":{{\"unit_code\":\"JN\",\"token\":\"{}\"}}}}",
        "x".repeat(200 << 10)
    );
    let bytes = branchdesk_sync::write(&mut m, fat.as_bytes(), &stranger, None).unwrap();
    let e = jn.sync_import(&bytes, "入网文件.bdk").unwrap_err();
    assert_eq!(e.code(), "sync.too_large", "{}", e.message(Lang::Zh));
    assert_eq!(digest(&jn_db), before);
}

#[test]
fn held_bundles_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut hq, _jn) = hq_and_jinan(dir.path());
    let hq_db = dir.path().join("hq.db");
    let payload = zero_frame(13); // what its length says; never opened, since it is held
                                  // Bundles 3, 4, … while 2 never comes: each is held, up to the cap.
    let mut held = 0;
    let mut refusal = None;
    for seq in 3..100 {
        let b = raw_bundle(&dir.path().join("jn.db"), &hq_db, &payload, 13, seq);
        match hq.sync_import(&b, "gap.bdk") {
            Ok(r) => {
                assert_eq!(r.outcome, BundleOutcome::Held, "{}", r.message);
                held += 1;
            }
            Err(e) => {
                refusal = Some(e);
                break;
            }
        }
    }
    let e = refusal.expect("held bundles stop somewhere");
    assert_eq!(e.code(), "sync.held_full", "{}", e.message(Lang::Zh));
    assert_eq!(held, 32);
    assert_eq!(hq.sync_status().unwrap().peers[0].held, 32);
}

#[test]
fn a_sheet_declaring_a_million_rows_by_sixteen_thousand_columns_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::demo(&dir);
    // Two cells: A1 and XFD1048576. Read as a rectangle it is 17 billion cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "单位编码").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let path = dir.path().join("炸弹.xlsx");
    book.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    let e = app.kpi_import(&path).unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("256"),
        "{}",
        e.message(Lang::Zh)
    );
    let e = app
        .org_import_files(std::slice::from_ref(&path), Some("2016-07-01"))
        .unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("256"),
        "{}",
        e.message(Lang::Zh)
    );
    // Many cells in range but a sparse grid too large to hold is refused as well.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for r in 0..20_000u32 {
        ws.write_number(r, if r == 0 { 200 } else { 0 }, 1.0)
            .unwrap();
    }
    let path = dir.path().join("宽表.xlsx");
    book.save(&path).unwrap();
    let e = app.kpi_import(&path).unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("2000000"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn a_pipe_is_not_read_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::demo(&dir);
    let fifo = dir.path().join("同步包.bdk");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    // Opening a pipe for reading would wait for a writer forever: it is refused first.
    let e = app
        .sync_import_file(&fifo, &Default::default())
        .unwrap_err();
    assert_eq!(e.code(), "file.not_regular", "{}", e.message(Lang::Zh));
    let e = app.kpi_import(&fifo).unwrap_err();
    assert_eq!(e.code(), "file.not_regular");
    let e = app
        .org_import_files(std::slice::from_ref(&fifo), None)
        .unwrap_err();
    assert_eq!(e.code(), "file.not_regular");
    // And a directory.
    let e = app
        .sync_import_file(dir.path(), &Default::default())
        .unwrap_err();
    assert_eq!(e.code(), "file.not_regular");
}
