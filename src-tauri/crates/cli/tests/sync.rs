#![allow(clippy::unwrap_used)]
//! `branchdesk sync`: the real binary, and an import killed at random points.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

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

/// A unit of `people` people in 50 departments, written as the four import CSVs.
fn org_csv(dir: &Path, people: usize) -> Vec<String> {
    let mut units = String::from(
        "编码,名称,类型,上级单位编码\nQL,齐鲁示范保险集团,集团,\nJN,济南市分公司,分公司,QL\n",
    );
    let mut positions = String::from("编码,所属单位编码,岗位名称,直属上级岗位编码\n");
    let mut persons = String::from("工号,姓名\n");
    let mut assign = String::from("工号,岗位编码,开始日期\n");
    for d in 0..50 {
        units.push_str(&format!("JN-D{d},第{d}部,部门,JN\n"));
        positions.push_str(&format!("JN-D{d}-H,JN-D{d},部门经理,\n"));
        for p in 0..(people / 50) {
            positions.push_str(&format!("JN-D{d}-P{p},JN-D{d},客户经理{p},JN-D{d}-H\n"));
            let code = format!("JN{d:02}{p:04}");
            persons.push_str(&format!("{code},员工{d}-{p}\n"));
            assign.push_str(&format!("{code},JN-D{d}-P{p},2016-01-01\n"));
        }
    }
    let mut files = Vec::new();
    for (name, text) in [
        ("units.csv", units),
        ("positions.csv", positions),
        ("people.csv", persons),
        ("assign.csv", assign),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        files.push(p.display().to_string());
    }
    files
}

/// What an import must leave: either nothing of the bundle or all of it.
fn state(db: &Path, init_out: &str) -> (i64, i64, i64, String) {
    let c = common::open(db, init_out);
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    (
        n("SELECT count(*) FROM person"),
        n("SELECT count(*) FROM sync_owner"),
        n("SELECT coalesce(max(recv_seq), 0) FROM sync_peer"),
        integrity,
    )
}

#[test]
fn a_killed_import_leaves_the_database_as_it_was_and_the_next_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (hq, unit) = (d.join("hq.db"), d.join("jn.db"));
    let hq_init = ok(&hq, &["init", "--role", "hq", "--site-name", "集团总部"]);
    ok(&unit, &["init", "--site-name", "济南市分公司"]);
    let files = org_csv(d, 5000);
    let mut args = vec!["org", "import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--effective", "2016-01-01"]);
    ok(&unit, &args);
    let enrol = d.join("enrol.bdk");
    let issued = ok(
        &hq,
        &[
            "sync",
            "enrol",
            "--unit",
            "JN",
            "--out",
            enrol.to_str().unwrap(),
        ],
    );
    ok(
        &unit,
        &[
            "sync",
            "import",
            enrol.to_str().unwrap(),
            "--passcode",
            passcode(&issued),
        ],
    );
    let bundle = d.join("b1.bdk");
    ok(
        &unit,
        &["sync", "export", "--out", bundle.to_str().unwrap()],
    );
    // HQ as it is before the import, kept to start every attempt from.
    let pristine = d.join("hq-pristine.db");
    std::fs::copy(&hq, &pristine).unwrap();
    let before = state(&hq, &hq_init);
    assert_eq!((before.0, before.2), (0, 0));

    // How long a whole import takes here, then kills spread over that time.
    let t = Instant::now();
    ok(&hq, &["sync", "import", bundle.to_str().unwrap()]);
    let full = t.elapsed();
    let after = state(&hq, &hq_init);
    assert!(after.0 >= 5000, "{after:?}");
    assert_eq!(after.2, 1);

    let mut killed_midway = 0;
    let mut seed: u64 = 2016;
    for attempt in 0..12 {
        std::fs::copy(&pristine, &hq).unwrap();
        for s in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", hq.display()));
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let frac = 0.05 + ((seed >> 33) % 90) as f64 / 100.0;
        let delay = full.mul_f64(frac);
        let mut child = Command::new(bin())
            .env("BRANCHDESK_USER", "ZB-001")
            .env("BRANCHDESK_PASSWORD", "zibo2016")
            .arg("--db")
            .arg(&hq)
            .args(["sync", "import", bundle.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL: no destructor, no rollback code of ours runs
        let _ = child.wait();
        let s = state(&hq, &hq_init);
        assert_eq!(s.3, "ok", "attempt {attempt}: integrity");
        assert!(
            (s.0, s.1, s.2) == (before.0, before.1, before.2)
                || (s.0, s.1, s.2) == (after.0, after.1, after.2),
            "attempt {attempt} killed at {delay:?}: a partial import {s:?}"
        );
        if !finished && s.2 == 0 {
            killed_midway += 1;
        }
        // The next import succeeds (or says it already has this bundle).
        let out = ok(&hq, &["sync", "import", bundle.to_str().unwrap(), "--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            v["outcome"] == "applied" || v["outcome"] == "duplicate",
            "{out}"
        );
        assert_eq!(state(&hq, &hq_init).0, after.0);
    }
    assert!(
        killed_midway > 0,
        "no attempt was killed before the import finished"
    );
}

#[test]
fn status_and_refusals_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (hq, unit) = (d.join("hq.db"), d.join("zb.db"));
    ok(&hq, &["init", "--role", "hq", "--site-name", "集团总部"]);
    ok(&unit, &["init", "--demo"]);
    // A unit cannot export before it has joined; the message says what to do.
    let out = run(
        &unit,
        &["sync", "export", "--out", d.join("x.bdk").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("入网文件") && err.contains("[sync.no_peer]"),
        "{err}"
    );
    // Only headquarters issues enrolment files.
    let out = run(
        &unit,
        &[
            "sync",
            "enrol",
            "--unit",
            "ZB",
            "--out",
            d.join("e.bdk").to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("[sync.not_hq]"));

    let enrol = d.join("e.bdk");
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
    // Without a passcode and without a terminal to ask on, the import says what it needs.
    let out = run(&unit, &["sync", "import", enrol.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("[sync.passcode_needed]"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Scripts give it in the environment, not on the command line where `ps` shows it.
    let out = Command::new(bin())
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .env("BRANCHDESK_PASSCODE", passcode(&issued))
        .env("BRANCHDESK_LANG", "zh-CN")
        .arg("--db")
        .arg(&unit)
        .args(["sync", "import", enrol.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b1 = d.join("b1.bdk");
    ok(&unit, &["sync", "export", "--out", b1.to_str().unwrap()]);
    let mut bytes = std::fs::read(&b1).unwrap();
    bytes.truncate(bytes.len() - 100);
    let cut = d.join("cut.bdk");
    std::fs::write(&cut, &bytes).unwrap();
    let out = run(&hq, &["sync", "import", cut.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[sync.truncated]"));
    let v: serde_json::Value = serde_json::from_str(&ok(
        &hq,
        &["sync", "import", b1.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(v["outcome"], "applied");

    let s: serde_json::Value =
        serde_json::from_str(&ok(&hq, &["sync", "status", "--json"])).unwrap();
    let peer = &s["peers"][0];
    assert_eq!(peer["name"], "淄博市分公司");
    assert_eq!(peer["unit_code"], "ZB");
    assert_eq!(peer["recv_seq"], 1);
    let outcomes: Vec<&str> = s["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, vec!["applied", "refused", "sent"]);
    // HQ answers every unit at once.
    let out_dir = d.join("out");
    let all: serde_json::Value = serde_json::from_str(&ok(
        &hq,
        &[
            "sync",
            "export",
            "--all",
            "--out-dir",
            out_dir.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert!(Path::new(all[0]["file"].as_str().unwrap()).starts_with(&out_dir));
}

/// The passcode `sync enrol` printed.
fn passcode(out: &str) -> &str {
    out.lines()
        .find_map(|l| l.strip_prefix("入网口令："))
        .and_then(|l| l.split('（').next())
        .expect("sync enrol prints the passcode")
}
