#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The cycle after the score (DOMAIN.md §8): published versions that stay, a lock that holds
//! against every path a figure can come by, reopening with a reason, and payouts that always
//! add up to the locked rewards.

use std::path::{Path, PathBuf};

use branchdesk_app::kpi::CellInput;
use branchdesk_app::users::{SignIn, DEMO_PASSWORD};
use branchdesk_app::{Accounts, App, AppError, Ctx, InitOptions};
use branchdesk_domain::{Lang, Role};
use rust_decimal::Decimal;

mod common;
use common::pdftotext;
use common::sites::{digest, enrol, site, up};

/// A day of January 2017: the year 2016 is over and its results are being closed.
fn at(day: u32) -> Ctx {
    on(2017, 1, day)
}

fn demo_db(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    App::init(
        &path,
        &InitOptions {
            demo: true,
            accounts: Accounts::Demo,
            ..InitOptions::default()
        },
        at(10),
    )
    .unwrap();
    path
}

fn sign_in(path: &Path, login: &str, day: u32) -> App {
    App::sign_in(
        path,
        &SignIn {
            login: login.into(),
            password: DEMO_PASSWORD.into(),
        },
        at(day),
    )
    .unwrap()
}

fn refused(e: AppError, code: &str) -> String {
    let msg = e.message(Lang::Zh);
    assert_eq!(e.code(), code, "{msg}");
    msg
}

fn cell(unit: &str, metric: &str, value: &str) -> CellInput {
    CellInput {
        unit: unit.into(),
        metric: metric.into(),
        value: value.into(),
    }
}

/// (unit, amount) of the year-end prizes in a published version.
fn prizes(app: &App, version: i64) -> Vec<(String, Decimal)> {
    let (view, _) = app
        .kpi_published(None, "2016", Some(version))
        .unwrap()
        .unwrap();
    view.result
        .rewards
        .iter()
        .map(|r| (r.unit.clone(), r.amount))
        .collect()
}

#[test]
fn a_year_is_published_locked_paid_reopened_corrected_and_locked_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());

    // The marketing head publishes (seed 001: his department 通报s the results); a specialist
    // may not.
    let e = sign_in(&db, "ZB-012", 10)
        .kpi_publish(None, "2016", "")
        .unwrap_err();
    assert!(e.code().starts_with("auth."), "{}", e.code());
    // Answering headquarters' results is the unit's general manager's or a deputy's.
    let e = sign_in(&db, "ZB-012", 10)
        .kpi_answer(&branchdesk_app::kpi::AnswerInput {
            result_id: "x".into(),
            appeal: false,
            indicator: String::new(),
            reason: String::new(),
        })
        .unwrap_err();
    assert!(e.code().starts_with("auth."), "{}", e.code());
    let mut head = sign_in(&db, "ZB-011", 10);
    let s = head.kpi_publish(None, "2016", "").unwrap();
    assert_eq!(s.publications.len(), 1);
    assert!(!s.changed);
    let v1 = &s.publications[0];
    assert_eq!((v1.version, v1.rewards), (1, Decimal::new(880000, 2)));
    assert!(v1.published_by.starts_with("马俊"), "{}", v1.published_by);
    let first = prizes(&head, 1);
    assert_eq!(first[0], ("ZB-GX".into(), Decimal::new(200000, 2)));
    assert_eq!(first[1], ("ZB-ZD".into(), Decimal::new(160000, 2)));
    // Nothing changed: nothing to publish.
    refused(
        head.kpi_publish(None, "2016", "").unwrap_err(),
        "kpi.unchanged",
    );
    // Locking is the general manager's.
    assert!(head
        .kpi_lock(None, "2016")
        .unwrap_err()
        .code()
        .starts_with("auth."));

    let mut gm = sign_in(&db, "ZB-001", 10);
    let s = gm.kpi_lock(None, "2016").unwrap();
    let lock = s.lock.unwrap();
    assert_eq!(lock.period, "2016");
    assert_eq!(lock.months.len(), 12);
    refused(gm.kpi_lock(None, "2016").unwrap_err(), "kpi.locked");
    refused(
        gm.kpi_publish(None, "2016", "again").unwrap_err(),
        "kpi.locked",
    );

    // The payouts: one per prize, due in February (locked in January: 次月兑现), adding up to
    // the rewards of version 1.
    let reg = gm.kpi_payouts(Some("2016")).unwrap();
    assert_eq!(reg.rows.len(), 6);
    assert_eq!(reg.total, Decimal::new(880000, 2));
    assert!(reg
        .rows
        .iter()
        .all(|r| r.due_month == "2017-02" && r.version == 1));
    assert_eq!(reg.rows[0].rule, "营销管理系统推广先进单位");

    // A locked figure does not change, by the grid or by a file, whoever asks; the refusal
    // names the figure and the lock.
    let before =
        gm.kpi_entry(None, "2016-12").unwrap().values["ZB-GX"]["compliant_submissions"].clone();
    let msg = refused(
        gm.kpi_save(
            None,
            "2016-12",
            &[cell("ZB-GX", "compliant_submissions", "0")],
        )
        .unwrap_err(),
        "kpi.locked",
    );
    assert!(
        msg.contains("高新区支公司") && msg.contains("2016"),
        "{msg}"
    );
    let csv = dir.path().join("f.csv");
    std::fs::write(
        &csv,
        "unit,period,metric,value\nZB-GX,2016-12,compliant_submissions,0\n",
    )
    .unwrap();
    refused(gm.kpi_import(&csv).unwrap_err(), "kpi.locked");
    assert_eq!(
        gm.kpi_entry(None, "2016-12").unwrap().values["ZB-GX"]["compliant_submissions"],
        before
    );

    // Finance (here the head of the office) records the first prize paid; not twice, not in
    // the future, and not by a specialist.
    let gx = reg.rows.iter().find(|r| r.unit == "ZB-GX").unwrap().id;
    let mut office = sign_in(&db, "ZB-002", 12);
    assert!(sign_in(&db, "ZB-012", 12)
        .kpi_pay(gx, None)
        .unwrap_err()
        .code()
        .starts_with("auth."));
    let e = office.kpi_pay(gx, Some("2017-01-13")).unwrap_err();
    assert_eq!(e.code(), "input.invalid");
    let paid = office.kpi_pay(gx, None).unwrap();
    assert_eq!(paid.paid_at.as_deref(), Some("2017-01-12"));
    refused(office.kpi_pay(gx, None).unwrap_err(), "kpi.paid");

    // An appeal finds 高新区's December submissions were not compliant: the general manager
    // reopens the year, saying why (no reason, no reopening).
    let mut gm = sign_in(&db, "ZB-001", 14);
    assert_eq!(
        gm.kpi_reopen(None, "2016", " ").unwrap_err().code(),
        "input.invalid"
    );
    let s = gm
        .kpi_reopen(None, "2016", "申诉：高新区12月报送材料不合格")
        .unwrap();
    assert!(s.lock.is_none());
    assert_eq!(s.history.len(), 2);
    assert_eq!(s.history[1].action, "reopen");
    // Unpaid payouts wait for the next lock; the paid one stays.
    let reg = gm.kpi_payouts(Some("2016")).unwrap();
    assert_eq!(reg.rows.len(), 1);
    assert_eq!(reg.paid, Decimal::new(200000, 2));

    gm.kpi_save(
        None,
        "2016-12",
        &[cell("ZB-GX", "compliant_submissions", "0")],
    )
    .unwrap();
    let s = gm.kpi_status(None, "2016").unwrap();
    assert!(s.changed, "today's figures differ from version 1");
    // Locking results that are not what was published is refused.
    refused(gm.kpi_lock(None, "2016").unwrap_err(), "kpi.changed");
    // A second version says why.
    assert_eq!(
        gm.kpi_publish(None, "2016", "").unwrap_err().code(),
        "input.invalid"
    );
    let s = gm
        .kpi_publish(None, "2016", "申诉更正：高新区12月合格报送数改为0")
        .unwrap();
    assert_eq!(s.publications.len(), 2);
    assert_eq!(s.publications[0].version, 2);
    // The first prize moved: 张店 is first now, 高新区 second. Both versions stay.
    let second = prizes(&gm, 2);
    assert_eq!(second[0], ("ZB-ZD".into(), Decimal::new(200000, 2)));
    assert!(second.contains(&("ZB-GX".into(), Decimal::new(160000, 2))));
    assert_eq!(prizes(&gm, 1), first);
    // Each bulletin says which version it shows; the second why it was corrected.
    let b1 = pdftotext(&gm.report_bulletin("2016", None, Some(1)).unwrap());
    let b2 = pdftotext(&gm.report_bulletin("2016", None, None).unwrap());
    assert!(b1.contains("第 1 版"), "{b1}");
    assert!(
        b2.contains("第 2 版") && b2.contains("高新区12月合格报送数改为0"),
        "{b2}"
    );

    // Locked again: 高新区 was paid 2000 and is owed 1600, so 400 is to be recovered; the
    // register adds up to version 2's rewards.
    gm.kpi_lock(None, "2016").unwrap();
    let reg = gm.kpi_payouts(Some("2016")).unwrap();
    assert_eq!(reg.total, Decimal::new(880000, 2));
    let gx: Vec<Decimal> = reg
        .rows
        .iter()
        .filter(|r| r.unit == "ZB-GX")
        .map(|r| r.amount)
        .collect();
    assert_eq!(gx, vec![Decimal::new(200000, 2), Decimal::new(-40000, 2)]);
    assert!(reg
        .rows
        .iter()
        .any(|r| r.unit == "ZB-ZD" && r.amount == Decimal::new(200000, 2) && r.version == 2));
    // For finance: the register as a workbook.
    let xlsx = gm.kpi_payouts_xlsx(Some("2016")).unwrap();
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn provisional_ranks_are_not_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::demo(&dir);
    // A new sub-branch with one figure for July: it cannot be scored, so the others' ranks are
    // provisional, and publishing is refused naming it.
    common::sites::add_unit(
        &mut app,
        "ZB-XQ",
        "新区支公司",
        branchdesk_domain::UnitKind::Branch,
        Some("ZB"),
    );
    app.kpi_save(None, "2016-07", &[cell("ZB-XQ", "users", "100")])
        .unwrap();
    let msg = refused(
        app.kpi_publish(None, "2016-07", "").unwrap_err(),
        "kpi.incomplete",
    );
    assert!(msg.contains("新区支公司"), "{msg}");
    assert!(app
        .kpi_status(None, "2016-07")
        .unwrap()
        .publications
        .is_empty());
}

#[test]
fn the_lock_holds_against_the_sqlite3_shell_and_a_units_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");
    let came = hq.kpi_schemes().unwrap()[0].id.clone();
    hq.set_ctx(on(2017, 1, 10));
    hq.kpi_publish(Some(&came), "2016-Q3", "").unwrap();
    // Locked once the month's appeal window has passed.
    hq.set_ctx(on(2017, 2, 11));
    hq.kpi_lock(Some(&came), "2016-Q3").unwrap();

    // The unit (whose own copy is not locked) corrects a September figure and sends it: the
    // whole bundle is refused, naming the month, and headquarters' database is as it was.
    zb.kpi_save(
        None,
        "2016-09",
        &[cell("ZB-GX", "compliant_submissions", "1")],
    )
    .unwrap();
    let hq_db = dir.path().join("hq.db");
    let before = digest(&hq_db);
    let (b, _) = zb
        .sync_export(None, branchdesk_app::sync::Scope::Changes, &mut |_, _| {})
        .unwrap();
    let msg = refused(hq.sync_import(&b, "up.bdk").unwrap_err(), "kpi.locked");
    assert!(msg.contains("2016-09") && msg.contains("同步包"), "{msg}");
    assert_eq!(digest(&hq_db), before);
    // Figures of months not locked still come in.
    hq.kpi_reopen(Some(&came), "2016-Q3", "测试：重新开放后接收更正")
        .unwrap();
    let r = up(&mut zb, &mut hq);
    assert_eq!(
        r.outcome,
        branchdesk_domain::BundleOutcome::Applied,
        "{}",
        r.message
    );

    // Whatever writes the file, a locked month's figures stay.
    hq.kpi_publish(Some(&came), "2016-Q3", "更正后重新发布")
        .unwrap();
    hq.set_ctx(on(2017, 3, 12));
    hq.kpi_lock(Some(&came), "2016-Q3").unwrap();
    // The unit's next bundle still carries the locked months' figures headquarters has not
    // acknowledged; unchanged, they pass, and October's new figure comes in.
    zb.kpi_save(
        None,
        "2016-10",
        &[cell("ZB-GX", "compliant_submissions", "2")],
    )
    .unwrap();
    let r = up(&mut zb, &mut hq);
    assert_eq!(
        r.outcome,
        branchdesk_domain::BundleOutcome::Applied,
        "{}",
        r.message
    );
    assert!(r.tables.iter().any(|t| t.table == "kpi_value"));
    drop(hq);
    let c = rusqlite::Connection::open(&hq_db).unwrap();
    for sql in [
        "UPDATE kpi_value SET value = '0' WHERE period = '2016-08'",
        "DELETE FROM kpi_value WHERE period = '2016-07'",
        "INSERT INTO kpi_value (unit_id, period, metric, value) SELECT unit_id, '2016-09', 'new_metric', '1' FROM kpi_value LIMIT 1",
    ] {
        let e = c.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("branchdesk.closed"), "{sql}: {e}");
    }
}

fn on(y: i32, m: u32, d: u32) -> Ctx {
    Ctx::fixed(
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        "test",
    )
}

fn answer(
    app: &mut App,
    id: &str,
    appeal: Option<(&str, &str)>,
) -> Result<branchdesk_app::kpi::ResultView, AppError> {
    app.kpi_answer(&branchdesk_app::kpi::AnswerInput {
        result_id: id.into(),
        appeal: appeal.is_some(),
        indicator: appeal.map(|a| a.0.to_string()).unwrap_or_default(),
        reason: appeal.map(|a| a.1.to_string()).unwrap_or_default(),
    })
}

#[test]
fn results_go_down_units_answer_within_the_window_and_headquarters_rules() {
    use branchdesk_app::kpi::{AnswerState, RulingInput};
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");
    let came = hq.kpi_schemes().unwrap()[0].id.clone();
    hq.set_ctx(on(2017, 1, 10));
    hq.kpi_publish(Some(&came), "2016-Q3", "").unwrap();
    hq.kpi_publish(Some(&came), "2016-Q4", "").unwrap();
    // Headquarters does not lock while the window is open and units have not answered.
    let msg = refused(
        hq.kpi_lock(Some(&came), "2016-Q4").unwrap_err(),
        "kpi.window_open",
    );
    assert!(msg.contains("2017-02-10"), "{msg}");

    common::sites::down(&mut hq, &mut zb, "ZB");
    zb.set_ctx(on(2017, 1, 12));
    let got = zb.kpi_results(None).unwrap();
    assert!(!got.hq);
    let find = |v: &branchdesk_app::kpi::ResultsView, unit: &str, period: &str| {
        v.rows
            .iter()
            .find(|r| r.unit == unit && r.period == period)
            .unwrap()
            .clone()
    };
    // 首页 lists them as work: one line per period, due on the window's last day.
    let work = zb.dashboard().unwrap().work;
    let line = work
        .iter()
        .find(|w| w.kind == branchdesk_domain::WorkKind::Results && w.title.contains("2016-Q4"))
        .unwrap();
    assert_eq!(line.due_on.as_deref(), Some("2017-02-10"));
    assert!(line.detail.contains("11 个单位"), "{}", line.detail);
    assert_eq!(
        (line.page.as_str(), line.open_id.as_deref()),
        ("kpi", Some("answers"))
    );
    let q3 = got.rows.iter().filter(|r| r.period == "2016-Q3").count();
    assert_eq!(q3, 11, "every ranked sub-branch's results came down");
    let gx3 = find(&got, "ZB-GX", "2016-Q3");
    assert_eq!(
        (gx3.state, gx3.respond_by.as_str()),
        (AnswerState::Open, "2017-02-10")
    );
    assert_eq!(gx3.scores.len(), 11);
    // Headquarters does not answer its own results; a unit does not rule.
    refused(answer(&mut hq, &gx3.id, None).unwrap_err(), "kpi.hq_answer");

    // 高新区 confirms Q3; answering twice is refused.
    assert_eq!(
        answer(&mut zb, &gx3.id, None).unwrap().state,
        AnswerState::Confirmed
    );
    refused(answer(&mut zb, &gx3.id, None).unwrap_err(), "kpi.answered");
    // 张店 appeals Q4's WeChat binding: an indicator and a reason are needed.
    let zd4 = find(&got, "ZB-ZD", "2016-Q4");
    assert_eq!(
        answer(&mut zb, &zd4.id, Some(("nope", "x")))
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    assert_eq!(
        answer(&mut zb, &zd4.id, Some(("wechat_binding", " ")))
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    // Evidence: at most five files of 5 MB, named as files are, and only with an appeal.
    // A screenshot is already compressed: bytes that do not shrink (a bundle whose contents
    // expand more than 64-fold is refused as a bomb).
    let mut x: u32 = 2463534242;
    let shot: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let appeal = branchdesk_app::kpi::AnswerInput {
        result_id: zd4.id.clone(),
        appeal: true,
        indicator: "wechat_binding".into(),
        reason: "12月绑定数漏报38户，附系统截图".into(),
    };
    let confirm = branchdesk_app::kpi::AnswerInput {
        appeal: false,
        ..appeal.clone()
    };
    let too_many: Vec<(String, Vec<u8>)> = (0..6).map(|i| (format!("{i}.png"), vec![1])).collect();
    for (what, files) in [
        (
            "files with a confirmation",
            vec![("a.png".to_string(), vec![1u8])],
        ),
        ("six files", too_many),
        (
            "a file over 5 MB",
            vec![("big.png".to_string(), vec![0u8; (5 << 20) + 1])],
        ),
        ("a hidden name", vec![(".bashrc".to_string(), vec![1u8])]),
        (
            "a name turning its text around",
            vec![("截图\u{202e}gnp.exe".to_string(), vec![1u8])],
        ),
    ] {
        let a = if what.starts_with("files with") {
            &confirm
        } else {
            &appeal
        };
        let e = zb.kpi_answer_with(a, &files).unwrap_err();
        assert_eq!(e.code(), "input.invalid", "{what}");
    }
    assert_eq!(
        find(&zb.kpi_results(None).unwrap(), "ZB-ZD", "2016-Q4").state,
        AnswerState::Open,
        "nothing kept"
    );
    let appealed = zb
        .kpi_answer_with(
            &appeal,
            &[("C:\\截图\\绑定数.png".to_string(), shot.clone())],
        )
        .unwrap();
    assert_eq!(appealed.state, AnswerState::Appealed);
    assert_eq!(appealed.evidence.len(), 1);
    assert_eq!(appealed.evidence[0].name, "绑定数.png");
    // The window includes its last day, and not the day after.
    zb.set_ctx(on(2017, 2, 10));
    let zc3 = find(&got, "ZB-ZC", "2016-Q3");
    answer(&mut zb, &zc3.id, None).unwrap();
    zb.set_ctx(on(2017, 2, 11));
    let bs3 = find(&got, "ZB-BS", "2016-Q3");
    let msg = refused(
        answer(&mut zb, &bs3.id, None).unwrap_err(),
        "kpi.window_closed",
    );
    assert!(msg.contains("2017-02-10"), "{msg}");

    // Up they go; headquarters sees the appeal with the day it must rule by: ten working
    // days from Thursday 01-12, with Sunday 01-22 worked before the Spring Festival.
    let r = up(&mut zb, &mut hq);
    assert_eq!(
        r.outcome,
        branchdesk_domain::BundleOutcome::Applied,
        "{}",
        r.message
    );
    let at_hq = hq.kpi_results(Some("2016-Q4")).unwrap();
    assert!(at_hq.hq);
    let zd = find(&at_hq, "ZB-ZD", "2016-Q4");
    assert_eq!(zd.state, AnswerState::Appealed);
    assert_eq!(zd.ruling_due.as_deref(), Some("2017-01-25"));
    assert_eq!(zd.indicator, "wechat_binding");
    // The evidence came with it, byte for byte; a copy altered on the way is refused by name.
    let (name, bytes) = hq.kpi_evidence_file(&zd.evidence[0].id).unwrap();
    assert_eq!((name.as_str(), bytes == shot), ("绑定数.png", true));
    {
        let c = rusqlite::Connection::open(dir.path().join("hq.db")).unwrap();
        c.execute_batch("UPDATE sync_state SET applying = 1")
            .unwrap();
        c.execute(
            "UPDATE kpi_evidence SET body = 'AAAA' || substr(body, 5) WHERE id = ?1",
            [&zd.evidence[0].id],
        )
        .unwrap();
        c.execute_batch("UPDATE sync_state SET applying = 0")
            .unwrap();
    }
    let msg = refused(
        hq.kpi_evidence_file(&zd.evidence[0].id).unwrap_err(),
        "kpi.evidence_damaged",
    );
    assert!(msg.contains("绑定数.png"), "{msg}");
    // Headquarters' 首页 has the appeal to rule on, by its deadline.
    let work = hq.dashboard().unwrap().work;
    let line = work
        .iter()
        .find(|w| w.kind == branchdesk_domain::WorkKind::Results)
        .unwrap();
    assert!(
        line.title.contains("张店区支公司") && line.detail.contains("微信绑定率"),
        "{line:?}"
    );
    assert_eq!(line.due_on.as_deref(), Some("2017-01-25"));
    // Not locked while the appeal waits, naming the unit.
    hq.set_ctx(on(2017, 2, 11));
    let msg = refused(
        hq.kpi_lock(Some(&came), "2016-Q4").unwrap_err(),
        "kpi.appeals_open",
    );
    assert!(msg.contains("张店区支公司"), "{msg}");
    let ruling = |upheld, comment: &str| RulingInput {
        response_id: zd.response_id.clone().unwrap(),
        upheld,
        comment: comment.into(),
    };
    assert_eq!(
        hq.kpi_rule(&ruling(false, "")).unwrap_err().code(),
        "input.invalid"
    );
    refused(zb.kpi_rule(&ruling(false, "x")).unwrap_err(), "kpi.not_hq");
    let ruled = hq
        .kpi_rule(&ruling(
            false,
            "系统数据以月末快照为准，截图晚于快照，不予调整",
        ))
        .unwrap();
    assert_eq!(ruled.state, AnswerState::Refused);
    refused(hq.kpi_rule(&ruling(true, "再裁")).unwrap_err(), "kpi.ruled");
    // The window has passed: the units that did not answer count as confirmed; it locks.
    assert_eq!(
        find(
            &hq.kpi_results(Some("2016-Q4")).unwrap(),
            "ZB-GX",
            "2016-Q4"
        )
        .state,
        AnswerState::Lapsed
    );
    hq.kpi_lock(Some(&came), "2016-Q4").unwrap();

    // The ruling goes down with its grounds.
    common::sites::down(&mut hq, &mut zb, "ZB");
    let back = find(
        &zb.kpi_results(Some("2016-Q4")).unwrap(),
        "ZB-ZD",
        "2016-Q4",
    );
    assert_eq!(back.state, AnswerState::Refused);
    assert!(back.ruling.contains("月末快照"));

    // A new version replaces the unanswered results of the old one.
    hq.set_ctx(on(2017, 2, 12));
    zb.set_ctx(on(2017, 2, 12));
    zb.kpi_save(
        None,
        "2016-09",
        &[cell("ZB-HT", "compliant_submissions", "1")],
    )
    .unwrap();
    up(&mut zb, &mut hq);
    hq.kpi_publish(Some(&came), "2016-Q3", "桓台9月报送数更正")
        .unwrap();
    common::sites::down(&mut hq, &mut zb, "ZB");
    let now = zb.kpi_results(Some("2016-Q3")).unwrap();
    let ht: Vec<AnswerState> = now
        .rows
        .iter()
        .filter(|r| r.unit == "ZB-HT")
        .map(|r| r.state)
        .collect();
    assert_eq!(ht, vec![AnswerState::Open, AnswerState::Superseded]);
    let old = now
        .rows
        .iter()
        .find(|r| r.unit == "ZB-HT" && r.version == 1)
        .unwrap();
    refused(
        answer(&mut zb, &old.id.clone(), None).unwrap_err(),
        "kpi.superseded",
    );
}

#[test]
fn the_appeal_window_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");
    assert_eq!(
        hq.settings().unwrap().appeal_months,
        1,
        "the seed's one month"
    );
    let set = |m| branchdesk_domain::SettingsUpdate {
        appeal_months: Some(m),
        ..Default::default()
    };
    for bad in [0, 7] {
        assert_eq!(
            hq.update_settings(&set(bad)).unwrap_err().code(),
            "input.invalid"
        );
    }
    hq.update_settings(&set(2)).unwrap();
    hq.set_ctx(on(2017, 1, 31));
    let came = hq.kpi_schemes().unwrap()[0].id.clone();
    hq.kpi_publish(Some(&came), "2016-Q4", "").unwrap();
    let rows = hq.kpi_results(Some("2016-Q4")).unwrap().rows;
    // Two months from 31 January: the last day of March.
    assert!(rows.iter().all(|r| r.respond_by == "2017-03-31"));
}
