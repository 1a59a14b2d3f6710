#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! 销售人员职级 from the shipped example files (seed 002 §4.3), and the files people get wrong.

use std::path::{Path, PathBuf};

use branchdesk_app::levels::{load_table, run_files};
use branchdesk_domain::{Lang, LevelEvent, LevelRun};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../assets/levels")
        .join(name)
}

fn person<'r>(people: &'r [LevelRun], code: &str) -> &'r LevelRun {
    people.iter().find(|p| p.code == code).unwrap()
}

fn path(p: &LevelRun) -> Vec<&str> {
    p.months.iter().map(|m| m.level.as_str()).collect()
}

/// (month, event) of every note of a person.
fn events(p: &LevelRun) -> Vec<(usize, LevelEvent)> {
    p.months
        .iter()
        .flat_map(|m| m.notes.iter().map(move |n| (m.month, n.event)))
        .filter(|(_, e)| *e != LevelEvent::CriticalWage)
        .collect()
}

#[test]
fn the_example_staff_go_through_every_rule_of_the_seed() {
    assert!(load_table(&example("sales-2017.toml"))
        .unwrap()
        .1
        .is_empty());
    let r = run_files(
        &example("sales-2017.toml"),
        &example("sales-2017.csv"),
        "2017-01",
        "2017-06",
    )
    .unwrap();
    assert_eq!(r.months.first().map(String::as_str), Some("2017-01"));
    assert_eq!(r.months.len(), 6);
    // 王磊: two months at 高级专员's target, paid at it from March (当月考核、次月执行).
    let p = person(&r.people, "ZB-S01");
    assert_eq!(path(p), ["P1", "P1", "P2", "P2", "P2", "P2"]);
    assert_eq!(events(p), [(1, LevelEvent::Qualified)]);
    assert_eq!(p.months[2].wage.to_string(), "4500");
    // 李娜: the Jan–Feb cycle is short, down in March; March meets her old level's target
    // once, back up in April.
    let p = person(&r.people, "ZB-S02");
    assert_eq!(path(p), ["P2", "P2", "P1", "P2", "P2", "P2"]);
    assert_eq!(
        events(p),
        [(1, LevelEvent::Demoted), (2, LevelEvent::Repromoted)]
    );
    // 周强: down to the critical wage, flagged on its second month.
    let p = person(&r.people, "ZB-S03");
    assert_eq!(path(p), ["P1", "P1", "P0", "P0", "P0", "P0"]);
    assert_eq!(
        events(p),
        [(1, LevelEvent::Demoted), (3, LevelEvent::DismissalFlagged)]
    );
    assert_eq!(p.months[3].wage.to_string(), "1800");
    // 赵敏, a 智慧助理: left to the marketing general manager, then qualifies.
    let p = person(&r.people, "ZB-S04");
    assert_eq!(
        events(p),
        [(1, LevelEvent::DecisionFlagged), (3, LevelEvent::Qualified)]
    );
    assert_eq!(path(p)[4], "P1");
    // 孙浩 keeps 资深专员 with nothing to say.
    assert!(events(person(&r.people, "ZB-S05")).is_empty());
}

#[test]
fn wrong_tables_and_figures_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let table = example("sales-2017.toml");
    let msg = |e: branchdesk_app::AppError| e.message(Lang::Zh);
    // Levels out of order.
    let swapped = std::fs::read_to_string(&table)
        .unwrap()
        .replace("target = 60000", "target = 20000");
    let e = run_files(
        &write("bad.toml", &swapped),
        &example("sales-2017.csv"),
        "2017-01",
        "2017-06",
    )
    .unwrap_err();
    assert!(msg(e).contains("职级须从低到高排列"));
    // A figure that is not one, a level not in the table, a month without a column.
    let bad = write(
        "bad.csv",
        "工号,姓名,起始职级,2017-01\nZB-S01,王磊,P1,三万\n",
    );
    let e = run_files(&table, &bad, "2017-01", "2017-01").unwrap_err();
    assert!(msg(e).contains("第 2 行 王磊（ZB-S01）2017-01 的数据“三万”不是非负数"));
    let unknown = write("u.csv", "工号,姓名,起始职级,2017-01\nZB-S09,钱进,P9,1\n");
    let e = run_files(&table, &unknown, "2017-01", "2017-01").unwrap_err();
    assert!(msg(e).contains("起始职级“P9”不在职级表中"));
    let e = run_files(&table, &example("sales-2017.csv"), "2017-01", "2017-07").unwrap_err();
    assert!(msg(e).contains("缺少 2017-07 的数据列"));
    let e = run_files(&table, &example("sales-2017.csv"), "2017-06", "2017-01").unwrap_err();
    assert!(msg(e).contains("不早于开始月份"));
    // Not a table at all, and a file too big to be one: refused before it is read whole.
    let e = run_files(
        &write("x.toml", "\u{0}\u{1}garbage"),
        &bad,
        "2017-01",
        "2017-01",
    )
    .unwrap_err();
    assert_eq!(e.code(), "input.invalid");
    let big = dir.path().join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    let e = run_files(&table, &big, "2017-01", "2017-01").unwrap_err();
    assert_eq!(e.code(), "file.too_large");
}

#[test]
fn the_example_funds_accrue_by_rate_and_april_money_unused_by_june_expires() {
    use branchdesk_app::levels::funds_file;
    let r = funds_file(&example("funds-2017.csv")).unwrap();
    assert_eq!(r.months.len(), 6);
    let s = |v: &rust_decimal::Decimal| v.normalize().to_string();
    // 客户交往: 1% of the completed amount.
    assert_eq!(s(&r.client[0].accrued), "12000");
    // 活动基金: January 80% of target (0.4%), February 60% (none), March 107% (0.5%).
    let accrued: Vec<String> = r.activity.iter().map(|m| s(&m.accrued)).collect();
    assert_eq!(accrued, ["4800", "0", "8000", "7000", "0", "7500"]);
    // April's 6,800 left is flagged in May as expiring, and gone at the end of June.
    assert_eq!(s(&r.activity[4].expiring_next), "6800");
    assert_eq!(s(&r.activity[5].expired), "6800");
    assert_eq!(s(&r.activity[5].balance), "7500");

    // Overdrawn, a month missing: refused by month.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f.csv");
    std::fs::write(
        &f,
        "月份,完成额,目标,客户交往费用,活动费用\n2017-01,100000,100000,2000,0\n",
    )
    .unwrap();
    let e = funds_file(&f).unwrap_err().message(Lang::Zh);
    assert!(
        e.contains("2017-01 客户交往活动基金使用 2000，超过当月可用余额 1000.00"),
        "{e}"
    );
    std::fs::write(
        &f,
        "月份,完成额,目标,客户交往费用,活动费用\n2017-01,1,1,0,0\n2017-03,1,1,0,0\n",
    )
    .unwrap();
    let e = funds_file(&f).unwrap_err().message(Lang::Zh);
    assert!(
        e.contains("第 3 行的月份“2017-03”不对") && e.contains("应为 2017-02"),
        "{e}"
    );
}
