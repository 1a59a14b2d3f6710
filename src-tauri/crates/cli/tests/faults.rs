#![allow(clippy::unwrap_used)]
//! Faults of the machine, each named for what the person must do: a full stick during an
//! export, a database on read-only media, a damaged page, a database another program holds.
//! The full stick and the read-only media are real: a small tmpfs and a read-only bind mount,
//! made in a private mount namespace (`unshare -rm`), so no root is needed and nothing leaks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_branchdesk"))
}

mod common;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BRANCHDESK_LANG", "zh-CN")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `script` in a mount namespace of its own (as root inside it).
fn unshared(script: &str) -> String {
    let out = Command::new("unshare")
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .args(["-rm", "sh", "-c", script])
        .env("BRANCHDESK_LANG", "zh-CN")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{script}\n{text}");
    text
}

/// The demo city branch, joined to a headquarters, with nothing sent yet.
fn joined(dir: &Path) -> PathBuf {
    let hq = dir.join("hq.db");
    let zb = dir.join("zb.db");
    ok(&hq, &["init", "--role", "hq", "--site-name", "集团总部"]);
    ok(&zb, &["init", "--demo"]);
    let enrol = dir.join("enrol.bdk");
    let issued = ok(
        &hq,
        &[
            "sync",
            "enrol",
            "--unit",
            "ZB",
            "--out",
            enrol.to_str().unwrap(),
        ],
    );
    ok(
        &zb,
        &[
            "sync",
            "import",
            enrol.to_str().unwrap(),
            "--passcode",
            passcode(&issued),
        ],
    );
    zb
}

fn sent_seq(db: &Path) -> i64 {
    let s: serde_json::Value =
        serde_json::from_str(&ok(db, &["sync", "status", "--json"])).unwrap();
    s["peers"][0]["sent_seq"].as_i64().unwrap()
}

#[test]
fn a_full_stick_leaves_no_file_and_no_bundle_counted_as_sent() {
    let dir = tempfile::tempdir().unwrap();
    let zb = joined(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let out = unshared(&format!(
        "mount -t tmpfs -o size=16k tmpfs {stick} && {bin} --db {zb} sync export --out {stick}/同步包.bdk; echo rc=$?; ls -a {stick}",
        stick = stick.display(),
        bin = bin().display(),
        zb = zb.display()
    ));
    assert!(out.contains("rc=1"), "{out}");
    assert!(out.contains("[file.disk_full]"), "{out}");
    assert!(out.contains("已满"), "{out}");
    assert!(
        !out.contains(".part") && !out.contains("同步包.bdk\n"),
        "{out}"
    );
    // Not counted as sent: the next export is bundle 1, and it is whole.
    assert_eq!(sent_seq(&zb), 0);
    let file = dir.path().join("b.bdk");
    ok(&zb, &["sync", "export", "--out", file.to_str().unwrap()]);
    assert_eq!(sent_seq(&zb), 1);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(branchdesk_sync::parse(&bytes).unwrap().manifest.seq, 1);
}

#[test]
fn a_database_on_read_only_media_is_read_but_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let disc = dir.path().join("disc");
    std::fs::create_dir(&disc).unwrap();
    let db = disc.join("zb.db");
    ok(&db, &["init", "--demo"]);
    let before = std::fs::read(&db).unwrap();
    let out = unshared(&format!(
        "mount --bind {disc} {disc} && mount -o remount,ro,bind {disc} && \
         {bin} --db {db} info; echo rc=$?; \
         {bin} --db {db} docs category --code x --name 测试 --prefix 淄测 --kind company; echo rc=$?",
        disc = disc.display(),
        bin = bin().display(),
        db = db.display()
    ));
    let mut codes = out.lines().filter(|l| l.starts_with("rc="));
    assert_eq!(codes.next(), Some("rc=0"), "{out}");
    assert!(out.contains("淄博"), "info reads it: {out}");
    assert_eq!(codes.next(), Some("rc=1"), "{out}");
    assert!(out.contains("[db.read_only]"), "{out}");
    assert!(out.contains("复制到本机"), "{out}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_damaged_page_is_found_when_the_file_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zb.db");
    ok(&db, &["init", "--demo"]);
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096; // SQLCipher's page; the header that would say so is encrypted
                     // Scribble over the header of a page in the middle of the file.
    let at = page * (bytes.len() / page / 2);
    for b in &mut bytes[at..at + 16] {
        *b = 0xAB;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = run(&db, &["info"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("[db.damaged]"), "{err}");
    assert!(err.contains("备份"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing was written");
}

#[test]
fn a_database_held_by_another_program_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zb.db");
    let init = ok(&db, &["init", "--demo"]);
    let other = common::open(&db, &init);
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Reading goes on; writing waits, then says who is in the way.
    ok(&db, &["info"]);
    let out = run(
        &db,
        &[
            "docs", "category", "--code", "x", "--name", "测试", "--prefix", "淄测", "--kind",
            "company",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("[db.locked]"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
}

/// The passcode `sync enrol` printed.
fn passcode(out: &str) -> &str {
    out.lines()
        .find_map(|l| l.strip_prefix("入网口令："))
        .and_then(|l| l.split('（').next())
        .expect("sync enrol prints the passcode")
}
