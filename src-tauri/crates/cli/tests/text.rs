#![allow(clippy::unwrap_used)]
//! Text from the command line and from files never carries control or text-direction
//! characters in, and what is printed never carries them out to the terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(PathBuf::from(env!("CARGO_BIN_EXE_branchdesk")))
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BRANCHDESK_LANG", "zh-CN")
        .output()
        .unwrap()
}

#[test]
fn arguments_files_and_output_hold_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zb.db");
    let init = run(&db, &["init", "--demo"]);
    assert!(init.status.success());
    let init = String::from_utf8(init.stdout).unwrap();
    // An argument with a terminal escape: refused before any command runs.
    let out = run(
        &db,
        &[
            "docs",
            "category",
            "--code",
            "x",
            "--name",
            "红\u{1b}[31m字",
            "--prefix",
            "淄测",
            "--kind",
            "company",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("[input.invalid]") && err.contains("U+001B"),
        "{err}"
    );
    // A CSV with a NUL in a name: nothing imported, the cell named.
    let units = dir.path().join("units.csv");
    std::fs::write(
        &units,
        "编码,名称,类型,上级单位编码\nZB-X,新\0部门,部门,ZB\n",
    )
    .unwrap();
    let out = run(&db, &["org", "import", units.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("第 2 行第 2 列") && err.contains("U+0000"),
        "{err}"
    );
    // A name stored before these checks (written here past the program): printed, its
    // escape shows as � and never reaches the terminal.
    let c = common::open(&db, &init);
    c.execute(
        "UPDATE site SET name = '淄博' || char(27) || '[2J' || char(8238) || '分公司'",
        [],
    )
    .unwrap();
    drop(c);
    let out = run(&db, &["info"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("淄博\u{fffd}[2J\u{fffd}分公司"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    let out = run(&db, &["info", "--json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}
