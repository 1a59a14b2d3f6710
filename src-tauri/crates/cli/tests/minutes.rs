#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! `branchdesk minutes`, `actions`, `search` and `plans` on the demo database.

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

fn json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = branchdesk(db, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn minutes_actions_search_and_plans_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert!(branchdesk(&db, &["init", "--demo"]).status.success());

    let list = json(&db, &["minutes", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 14);
    // Newest first: the weekly meeting prepared in advance, still a draft.
    assert_eq!(list[0]["title"], "张店区支公司周例会（第12期）");
    assert_eq!(list[0]["status"], "draft");
    let id = list[0]["id"].as_str().unwrap();
    let shown = json(&db, &["minutes", "show", "--id", id, "--json"]);
    assert_eq!(shown["meeting"]["id"], id);
    assert!(
        !shown["carried"].as_array().unwrap().is_empty(),
        "open items carried forward"
    );

    let all = json(&db, &["actions", "--json", "--today", "2016-12-09"]);
    let overdue = json(
        &db,
        &["actions", "--overdue", "--json", "--today", "2016-12-09"],
    );
    let (all, overdue) = (all.as_array().unwrap(), overdue.as_array().unwrap());
    assert!(!overdue.is_empty() && overdue.len() < all.len());
    for a in overdue {
        assert!(a["due_on"].as_str().unwrap() < "2016-12-09");
        assert!(a["overdue_days"].as_i64().unwrap() > 0);
        assert!(["open", "in_progress"].contains(&a["status"].as_str().unwrap()));
    }
    let mine = json(&db, &["actions", "--owner", "ZB-004", "--json"]);
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["owner_name"] == "周海峰"));
    assert!(!mine.as_array().unwrap().is_empty());
    let out = branchdesk(&db, &["actions", "--owner", "ZB-999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个人员"));

    let hits = json(&db, &["search", "续保", "--json"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() > 10);
    assert!(hits.iter().any(|h| h["kind"] == "meeting"));
    assert!(hits.iter().any(|h| h["kind"] == "plan"));

    let plans = json(&db, &["plans", "list", "--unit", "ZB-ZD", "--json"]);
    let titles: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3);
    assert!(titles.contains(&"第四季度移动端报价不少于600笔"));
}

#[test]
fn docs_number_reserves_in_order_and_a_released_number_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert!(branchdesk(&db, &["init", "--demo"]).status.success());
    let number = |db: &std::path::Path| {
        String::from_utf8(
            branchdesk(
                db,
                &["docs", "number", "--category", "company", "--year", "2016"],
            )
            .stdout,
        )
        .unwrap()
    };
    // The demo issued 24 company documents in 2016: numbering goes on from there.
    assert_eq!(number(&db).trim(), "淄人保发〔2016〕25号");
    assert_eq!(number(&db).trim(), "淄人保发〔2016〕26号");
    assert!(branchdesk(
        &db,
        &[
            "docs",
            "release",
            "--category",
            "company",
            "--year",
            "2016",
            "--seq",
            "25"
        ]
    )
    .status
    .success());
    // A number on an issued document is never given back.
    assert!(!branchdesk(
        &db,
        &[
            "docs",
            "release",
            "--category",
            "company",
            "--year",
            "2016",
            "--seq",
            "1"
        ]
    )
    .status
    .success());
    assert_eq!(number(&db).trim(), "淄人保发〔2016〕25号");
    assert_eq!(number(&db).trim(), "淄人保发〔2016〕27号");
    let out = branchdesk(&db, &["docs", "number", "--category", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有文件类别"));
    assert!(branchdesk(
        &db,
        &[
            "docs",
            "category",
            "--code",
            "hr",
            "--name",
            "人事发文",
            "--prefix",
            "淄人保人",
            "--kind",
            "company"
        ]
    )
    .status
    .success());
    let cats = json(&db, &["docs", "categories", "--json"]);
    assert!(cats
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["prefix"] == "淄人保人"));
    let list = json(&db, &["docs", "list", "--json"]);
    assert!(list["incoming"].is_array() && list["outgoing"].is_array());
}
