#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Without a valid account the command line opens nothing and says why; a plain database is set
//! up (encrypted) by its first administrator; administrators manage accounts, others may not.

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, user: Option<&str>, password: &str, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_branchdesk"));
    c.env_remove("BRANCHDESK_USER")
        .env("BRANCHDESK_PASSWORD", password)
        .env("BRANCHDESK_NEW_PASSWORD", "新账户的密码-01")
        .env("BRANCHDESK_LANG", "zh-CN")
        .arg("--db")
        .arg(db);
    if let Some(u) = user {
        c.args(["--user", u]);
    }
    c.args(args).output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "{}", err(o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn nothing_opens_without_a_valid_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zb.db");
    let init = out(&run(&db, None, "", &["init", "--demo"]));
    assert!(init.contains("恢复密钥"), "{init}");
    assert!(init.contains("zibo2016"), "{init}");
    let o = run(&db, None, "zibo2016", &["info"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("[auth.no_user]"), "{}", err(&o));
    assert!(o.stdout.is_empty());
    let o = run(&db, Some("ZB-001"), "guessing-1", &["info"]);
    assert!(err(&o).contains("[auth.bad_password]"), "{}", err(&o));
    assert!(o.stdout.is_empty());
    let info = out(&run(&db, Some("ZB-001"), "zibo2016", &["info"]));
    assert!(info.contains("淄博市分公司"), "{info}");
    // The clerk may not manage accounts; the head of the office may.
    let o = run(&db, Some("ZB-003"), "zibo2016", &["users", "list"]);
    assert!(err(&o).contains("[auth.forbidden]"), "{}", err(&o));
    assert!(err(&o).contains("孙倩（文书）"), "{}", err(&o));
    out(&run(
        &db,
        Some("ZB-002"),
        "zibo2016",
        &[
            "users",
            "add",
            "--login",
            "ZB-900",
            "--name",
            "赵敏",
            "--grant",
            "enter_figures",
        ],
    ));
    let list = out(&run(&db, Some("ZB-002"), "zibo2016", &["users", "list"]));
    assert!(list.contains("ZB-900\t赵敏"), "{list}");
    assert!(list.contains("录入考核数据"), "{list}");
    out(&run(&db, Some("ZB-900"), "新账户的密码-01", &["info"]));
    let log = out(&run(&db, Some("ZB-002"), "zibo2016", &["users", "log"]));
    assert!(log.contains("ZB-001\t登录失败"), "{log}");
    assert!(log.contains("ZB-900\t创建账户"), "{log}");
}

#[test]
fn a_plain_database_is_set_up_by_its_first_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    drop(
        branchdesk_app::App::init(
            &db,
            &branchdesk_app::InitOptions {
                demo: true,
                ..Default::default()
            },
            branchdesk_app::Ctx::local(),
        )
        .unwrap(),
    );
    let o = run(&db, Some("ZB-002"), "zibo2016", &["info"]);
    assert!(err(&o).contains("[auth.plain]"), "{}", err(&o));
    assert!(err(&o).contains("users setup"), "{}", err(&o));
    let set = out(&run(
        &db,
        None,
        "管理员的新密码-1",
        &["users", "setup", "--admin", "ZB-002"],
    ));
    assert!(set.contains("刘晓燕（办公室主任）"), "{set}");
    assert!(set.contains("恢复密钥"), "{set}");
    let raw = std::fs::read(&db).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    let info = out(&run(&db, Some("ZB-002"), "管理员的新密码-1", &["info"]));
    assert!(info.contains("淄博市分公司"), "{info}");
    // Set up once only.
    let o = run(
        &db,
        None,
        "管理员的新密码-1",
        &["users", "setup", "--admin", "ZB-002"],
    );
    assert!(err(&o).contains("[auth.already_set_up]"), "{}", err(&o));
}
