#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The real `branchdesk` binary, run as a user would.

use std::process::Command;

fn branchdesk(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_branchdesk"))
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BRANCHDESK_LANG", "zh-CN")
        .output()
        .expect("the branchdesk binary runs")
}

#[test]
fn init_demo_then_info_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = branchdesk(&db, &["init", "--demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已创建数据库"));

    let out = branchdesk(&db, &["info", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // A new database is at the newest schema: one version per migration file.
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../store/migrations"))
        .unwrap()
        .count();
    assert_eq!(v["schema_version"], migrations as i64);
    assert_eq!(v["counts"]["units"], 13);
    assert_eq!(v["counts"]["people"], 46);
    assert_eq!(v["periods"].as_array().unwrap().last().unwrap(), "2016-12");
    assert_eq!(v["site"]["name"], "淄博市分公司");
}

#[test]
fn errors_go_to_stderr_with_a_nonzero_exit_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = branchdesk(&db, &["info", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("找不到数据库") && err.contains("branchdesk init"),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("Error {"),
        "{err}"
    );

    assert!(branchdesk(&db, &["init"]).status.success());
    let out = branchdesk(&db, &["init", "--demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[db.exists]"));

    std::fs::write(dir.path().join("junk.db"), vec![7u8; 4096]).unwrap();
    let out = branchdesk(&dir.path().join("junk.db"), &["info"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是分支管理台的数据库"));
}

#[test]
fn role_and_site_name_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hq.db");
    let out = branchdesk(&db, &["init", "--role", "hq", "--site-name", "集团总部"]);
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&branchdesk(&db, &["info", "--json"]).stdout).unwrap();
    assert_eq!(v["site"]["role"], "hq");
    assert_eq!(v["site"]["name"], "集团总部");
    let out = branchdesk(&db, &["init", "--role", "boss"]);
    assert_eq!(out.status.code(), Some(2), "clap rejects unknown roles");
}

#[test]
fn db_env_var_is_the_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_branchdesk"))
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .args(["init", "--demo"])
        .env("BRANCHDESK_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.is_file());
}
