#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! `branchdesk org …` end to end through the binary.

fn branchdesk(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_branchdesk"))
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
fn export_import_round_trip_and_tree_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert!(branchdesk(&db, &["init", "--demo"]).status.success());
    let xlsx = dir.path().join("org.xlsx");
    let out = branchdesk(
        &db,
        &[
            "org",
            "export",
            "--out",
            xlsx.to_str().unwrap(),
            "--as-of",
            "2016-12-31",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Into a fresh database: the same tree.
    let db2 = dir.path().join("c.db");
    assert!(branchdesk(&db2, &["init"]).status.success());
    let out = branchdesk(
        &db2,
        &[
            "org",
            "import",
            xlsx.to_str().unwrap(),
            "--effective",
            "2016-12-31",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["positions"]["added"], 48);
    let tree = |db: &std::path::Path| {
        let out = branchdesk(
            db,
            &[
                "org",
                "tree",
                "--unit",
                "ZB",
                "--as-of",
                "2016-12-31",
                "--json",
            ],
        );
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["code"].as_str().unwrap().to_string(),
                    n["title"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let a = tree(&db);
    assert_eq!(a, tree(&db2));
    assert_eq!(a[0], ("ZB".to_string(), "淄博市分公司".to_string()));
    assert!(a.len() > 60);
}

#[test]
fn a_bad_import_exits_1_naming_rows_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert!(branchdesk(&db, &["init", "--demo"]).status.success());
    let csv = dir.path().join("positions.csv");
    std::fs::write(
        &csv,
        "编码,所属单位编码,岗位名称,直属上级岗位编码\nN1,ZB-OPS,新岗,NOPE\n",
    )
    .unwrap();
    let before = branchdesk(&db, &["org", "tree", "--json"]).stdout;
    let out = branchdesk(&db, &["org", "import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("工作表“岗位” 第 2 行 “直属上级岗位编码”列：直属上级岗位编码 NOPE 不存在"),
        "{err}"
    );
    assert!(err.contains("[org.file]"));
    assert_eq!(branchdesk(&db, &["org", "tree", "--json"]).stdout, before);
}

#[test]
fn report_commands_write_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert!(branchdesk(&db, &["init", "--demo"]).status.success());
    for (args, name) in [
        (
            vec![
                "report",
                "scorecard",
                "--unit",
                "ZB-ZD",
                "--period",
                "2016-Q3",
            ],
            "sc.pdf",
        ),
        (vec!["report", "bulletin", "--period", "2016"], "bu.pdf"),
        (vec!["report", "orgchart", "--unit", "ZB-OPS"], "oc.pdf"),
    ] {
        let out_path = dir.path().join(name);
        let mut a = args.clone();
        a.extend(["--out", out_path.to_str().unwrap()]);
        let out = branchdesk(&db, &a);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&out_path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
    // A bad period is refused with the usual message and code.
    let out = branchdesk(
        &db,
        &[
            "report",
            "bulletin",
            "--period",
            "2016-13",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[input.invalid]"));
    assert!(!dir.path().join("x.pdf").exists());
}
