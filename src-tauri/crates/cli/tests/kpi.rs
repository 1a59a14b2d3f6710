#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! `branchdesk kpi check` and `kpi score`, run as a user would, on the shipped templates.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn branchdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_branchdesk"))
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .args(args)
        .env("BRANCHDESK_LANG", "zh-CN")
        .output()
        .expect("the branchdesk binary runs")
}

fn template(name: &str) -> String {
    root()
        .join("assets/schemes")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn check_reports_warnings_with_exit_0_and_errors_with_exit_1() {
    let out = branchdesk(&["kpi", "check", &template("mms-2016.toml"), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 4);

    let dir = tempfile::tempdir().unwrap();
    let as_written = std::fs::read_to_string(template("marketing-pools-2016.toml"))
        .unwrap()
        .replace(
            "{ min = 0.65, max = 0.8, rate = 0.002 }",
            "{ min = 0.6, max = 0.8, rate = 0.002 }",
        );
    let path = dir.path().join("seed002.toml");
    std::fs::write(&path, as_written).unwrap();
    let out = branchdesk(&["kpi", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("错误 [support_pool]") && text.contains("重叠"),
        "{text}"
    );
}

#[test]
fn score_prints_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("s.toml");
    std::fs::write(
        &scheme,
        r#"[scheme]
id = "mini"
name = "小方案"
start = "2016-06-01"
end = "2016-12-31"
points = 10

[[indicator]]
id = "wechat_binding"
name = "微信绑定率"
points = 4
ratio = ["wechat_bound", "users"]
rule = "bands"
bands = [ { min = 1, points = 4 }, { min = 0.9, max = 1, points = 2 }, { max = 0.9, points = 0 } ]

[[indicator]]
id = "daily_management"
name = "系统推广日常管理"
points = 6
metric = "compliant_submissions"
rule = "per_item"
each = 1
"#,
    )
    .unwrap();
    let data = dir.path().join("d.csv");
    std::fs::write(
        &data,
        "unit,period,metric,value\nA,2016-07,wechat_bound,54\nA,2016-07,users,60\nA,2016-07,compliant_submissions,7\n\
         B,2016-07,wechat_bound,53\nB,2016-07,users,60\nB,2016-07,compliant_submissions,4\n",
    )
    .unwrap();
    let score_at = |period: &str, extra: &[&str]| {
        let mut args = vec![
            "kpi",
            "score",
            "--scheme",
            scheme.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--period",
            period,
        ];
        args.extend_from_slice(extra);
        branchdesk(&args)
    };
    let out = score_at("2016-07", &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scheme"], "mini");
    assert_eq!(v["period"], "2016-07");
    assert_eq!(v["units"][0]["unit"], "A");
    assert_eq!(v["units"][0]["total"], "8.00"); // 2 + min(7, 6), with the scheme's 2 decimals
    assert_eq!(v["units"][0]["rank"], 1);
    assert_eq!(v["units"][0]["indicators"][0]["value"], "0.9");
    assert_eq!(v["units"][0]["indicators"][0]["score"], "2.00");
    assert!(v["units"][0]["indicators"][0]["rank"].is_null());
    assert!(v["units"][0]["indicators"][0].get("explain").is_none());
    assert_eq!(v["units"][1]["total"], "4.00");

    // A bad period and a missing figure are clear errors on stderr.
    let out = score_at("2016-7", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2016-Q3"));
    let out = score_at("2016-Q3", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("缺少数据：A 2016-08 的“wechat_bound”"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_does_not_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_branchdesk"))
        .env("BRANCHDESK_USER", "ZB-001")
        .env("BRANCHDESK_PASSWORD", "zibo2016")
        .args(["kpi", "check", &template("mms-2016.toml")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}
