#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! 经营监控: the board on the demo database (its own day, 2016-12-28) and at headquarters,
//! where a unit that sends no bundle turns red.

use branchdesk_app::board::BoardQuery;
use branchdesk_app::kpi::ScoreQuery;
use branchdesk_app::{App, Ctx};
use branchdesk_domain::{Board, BoardThresholds, Check, Light, Role, SettingsUpdate, Signal};

mod common;
use common::sites::{enrol, jinan, join, site};

fn signal<'b>(b: &'b Board, unit: &str, check: Check) -> Option<&'b Signal> {
    b.rows
        .iter()
        .find(|r| r.unit_code == unit)
        .unwrap_or_else(|| panic!("no row for {unit}"))
        .signals
        .iter()
        .find(|s| s.check == check)
}

fn light(b: &Board, unit: &str) -> Light {
    b.rows.iter().find(|r| r.unit_code == unit).unwrap().light
}

#[test]
fn the_demo_board_shows_every_colour_with_reasons_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::demo(&dir);
    let b = app.board(&BoardQuery::default()).unwrap();
    assert_eq!(b.as_of, "2016-12-28", "the demo's own day");
    assert_eq!(
        (b.month.as_str(), b.last_month.as_str()),
        ("2016-12", "2016-11")
    );
    // The city branch and its eleven sub-branches; departments are not rows.
    assert_eq!(
        b.rows.len(),
        12,
        "{:?}",
        b.rows.iter().map(|r| &r.unit_name).collect::<Vec<_>>()
    );
    for l in [Light::Red, Light::Amber, Light::Green] {
        assert!(b.rows.iter().any(|r| r.light == l), "no {l:?} row");
    }
    // Most urgent first.
    let order: Vec<u8> = b.rows.iter().map(|r| r.light.urgency()).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");

    // 张店: its Q4 plan "到期续保全部分配到人" is 80% done with 89 of Q4's 92 days gone.
    let plans = signal(&b, "ZB-ZD", Check::Plans).unwrap();
    assert_eq!(plans.light, Light::Red);
    assert_eq!(
        plans.reason,
        "「到期续保全部分配到人」完成 80%，时间已过 96.7%，落后 16.7 个百分点"
    );
    assert_eq!(plans.page, "plans");
    assert!(plans.open_id.is_some(), "the light opens the plan");

    // A sub-branch without a running plan is "no data", never green.
    let none = signal(&b, "ZB-LZ", Check::Plans).unwrap();
    assert_eq!(none.light, Light::Missing);
    assert_eq!(none.reason, "今天没有执行中的计划");

    // The KPI light: November's total against the scheme's 100 points and October's.
    let kpi = signal(&b, "ZB-HT", Check::Kpi).unwrap();
    assert_eq!(kpi.light, Light::Red, "{}", kpi.reason);
    assert!(
        kpi.reason
            .starts_with("2016年11月得分 69.80（满分 100，第 9/11 名），较上月 -12.8"),
        "{}",
        kpi.reason
    );

    // Submissions below seed 001's five are amber.
    let sub = signal(&b, "ZB-BS", Check::Submissions).unwrap();
    assert_eq!(
        (sub.light, sub.reason.as_str()),
        (Light::Amber, "2016年11月合规报送 3 篇（每月应不少于 5 篇）")
    );

    // The city branch is not assessed by the sub-branches' scheme: no KPI light at all, and
    // the items of its departments count for it.
    assert!(signal(&b, "ZB", Check::Kpi).is_none());
    let overdue = signal(&b, "ZB", Check::Overdue).unwrap();
    assert_eq!(overdue.light, Light::Red, "{}", overdue.reason);
    assert!(
        overdue.reason.contains("项逾期，最久 19 天"),
        "{}",
        overdue.reason
    );
    // Not at headquarters: no bundle light.
    assert!(b
        .rows
        .iter()
        .all(|r| r.signals.iter().all(|s| s.check != Check::Bundle)));

    // The same board as a workbook, the reasons in it.
    let xlsx = app.board_xlsx(&BoardQuery::default()).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("经营监控").unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells
        .iter()
        .any(|c| c == "「到期续保全部分配到人」完成 80%，时间已过 96.7%，落后 16.7 个百分点"));
    assert!(cells.iter().any(|c| c == "桓台县支公司"));
}

#[test]
fn thresholds_from_settings_move_the_lights_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::demo(&dir);
    let wide = BoardThresholds {
        plan_red: 40,
        ..BoardThresholds::default()
    };
    app.update_settings(&SettingsUpdate {
        board: Some(wide),
        ..SettingsUpdate::default()
    })
    .unwrap();
    assert_eq!(app.settings().unwrap().board, wide, "kept");
    let b = app.board(&BoardQuery::default()).unwrap();
    assert_eq!(
        signal(&b, "ZB-ZD", Check::Plans).unwrap().light,
        Light::Amber,
        "16.7 behind is amber below 40"
    );

    let e = app
        .update_settings(&SettingsUpdate {
            board: Some(BoardThresholds {
                kpi_red_below: 90,
                ..BoardThresholds::default()
            }),
            ..SettingsUpdate::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "input.invalid");
    assert!(e
        .message(branchdesk_domain::Lang::Zh)
        .contains("预警（90%）≤ 关注（70%）"));
    assert_eq!(app.settings().unwrap().board, wide, "nothing saved");

    // Judged on another day: at the end of October the Q4 plans have barely begun.
    let early = app
        .board(&BoardQuery {
            as_of: Some("2016-10-03".into()),
            ..BoardQuery::default()
        })
        .unwrap();
    assert_eq!(early.as_of, "2016-10-03");
    assert_ne!(
        signal(&early, "ZB-ZD", Check::Plans).unwrap().reason,
        signal(&b, "ZB-ZD", Check::Plans).unwrap().reason
    );
    assert!(
        app.board(&BoardQuery {
            as_of: Some("2016-13-01".into()),
            ..BoardQuery::default()
        })
        .is_err(),
        "not a date"
    );
}

#[test]
fn headquarters_sees_a_silent_unit_turn_red() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    let report = enrol(&mut hq, &mut jn, "JN");
    assert_eq!(
        report.outcome,
        branchdesk_domain::BundleOutcome::Applied,
        "{}",
        report.message
    );
    let today = Ctx::local().today();
    let on = |days: i64| BoardQuery {
        as_of: Some(
            (today + chrono::Duration::days(days))
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ..BoardQuery::default()
    };
    let bundle = |hq: &App, days: i64| {
        signal(&hq.board(&on(days)).unwrap(), "JN", Check::Bundle)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        bundle(&hq, 0).light,
        Light::Green,
        "{}",
        bundle(&hq, 0).reason
    );
    assert!(bundle(&hq, 0).reason.contains("（0 天前）"));
    assert_eq!(bundle(&hq, 14).light, Light::Amber);
    let late = bundle(&hq, 30);
    assert_eq!(late.light, Light::Red);
    assert!(late.reason.contains("（30 天前）"), "{}", late.reason);
    assert_eq!(light(&hq.board(&on(30)).unwrap(), "JN"), Light::Red);

    // A unit that joined but never sent a bundle is red at once.
    let mut qd = site(dir.path(), "qd.db", "青岛市分公司", Role::Unit, false);
    common::sites::add_unit(
        &mut qd,
        "QL",
        "齐鲁示范保险集团",
        branchdesk_domain::UnitKind::Group,
        None,
    );
    common::sites::add_unit(
        &mut qd,
        "QD",
        "青岛市分公司",
        branchdesk_domain::UnitKind::Branch,
        Some("QL"),
    );
    join(&mut hq, &mut qd, "QD");
    // Headquarters knows of 青岛 only its enrolment file (its keys and organisation come
    // with its first bundle): the row is the enrolment's, counted from the day of issue.
    let fresh = signal(&hq.board(&on(0)).unwrap(), "QD", Check::Bundle)
        .cloned()
        .unwrap();
    assert_eq!(fresh.light, Light::Green);
    assert!(
        fresh.reason.ends_with("签发入网文件，尚未收到第一个同步包"),
        "{}",
        fresh.reason
    );
    let b = hq.board(&on(31)).unwrap();
    assert_eq!(light(&b, "QD"), Light::Red);
    assert_eq!(b.rows[0].light, Light::Red, "red rows come first");
}

#[test]
fn the_monthly_analysis_pdf_tells_what_the_board_and_the_engine_found() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::demo(&dir);
    let pdf = app.report_analysis("2016-11").unwrap();
    let text = common::pdftotext(&pdf);
    let flat = text.replace(' ', "");
    assert!(
        flat.contains("淄博市分公司2016年11月经营分析报告"),
        "{text}"
    );
    // The lights with their reasons, as the board has them.
    let board = app.board(&BoardQuery::default()).unwrap();
    let reason = &signal(&board, "ZB-ZD", Check::Plans).unwrap().reason;
    assert!(
        flat.replace('\n', "").contains(&reason.replace(' ', "")),
        "{reason}"
    );
    // The ranking with November's and October's totals, from the engine.
    let nov = app.kpi_score(&ScoreQuery::of("2016-11")).unwrap();
    let oct = app.kpi_score(&ScoreQuery::of("2016-10")).unwrap();
    let first = &nov.result.units[0];
    let before = oct
        .result
        .units
        .iter()
        .find(|u| u.unit == first.unit)
        .unwrap();
    let line = format!(
        "1{}{}{}{}",
        nov.unit_names[&first.unit],
        first.total,
        before.total,
        if first.total > before.total {
            format!("+{}", first.total - before.total)
        } else {
            (first.total - before.total).to_string()
        }
    );
    assert!(flat.contains(&line), "no line {line} in\n{text}");
    // Plans behind schedule, overdue items, incoming documents, totals month by month.
    for part in [
        "五、进度落后的计划",
        "六、逾期事项",
        "七、收文办理",
        "八、得分走势",
        "四、单位×指标得分",
    ] {
        assert!(flat.contains(part), "no {part}");
    }
    assert!(flat.contains("到期续保全部分配到人"));
    assert!(
        flat.contains("2016年6月"),
        "the trend starts with the scheme"
    );
    // No line starts with closing punctuation.
    for l in text.lines().map(str::trim_start) {
        assert!(!l.starts_with(['：', '，', '。', '）', '；']), "{l}");
    }
    // Not a month: refused by name.
    assert_eq!(
        app.report_analysis("2016").unwrap_err().code(),
        "input.invalid"
    );
}

#[test]
fn the_headquarters_demo_comes_through_bundles_and_shows_every_city() {
    let dir = tempfile::tempdir().unwrap();
    let hq = App::init_hq_demo(
        &dir.path().join("hq.db"),
        &branchdesk_app::InitOptions::default(),
        Ctx::local(),
    )
    .unwrap();
    // Four enrolled cities, each heard from on its own day; the cities' own databases were
    // made beside it and are gone.
    let status = hq.sync_status().unwrap();
    let mut heard: Vec<(String, String)> = status
        .peers
        .iter()
        .map(|p| {
            (
                p.unit_code.clone().unwrap(),
                p.last_in.clone().unwrap()[..10].to_string(),
            )
        })
        .collect();
    heard.sort();
    assert_eq!(
        heard,
        [
            ("DZ", "2016-11-21"),
            ("LY", "2016-12-06"),
            ("WF", "2016-12-19"),
            ("ZB", "2016-12-27")
        ]
        .map(|(c, d)| (c.to_string(), d.to_string()))
    );
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_dir())
            .count(),
        0
    );
    let b = hq.board(&BoardQuery::default()).unwrap();
    assert_eq!(b.rows.len(), 48, "four cities and their 44 sub-branches");
    assert_eq!(signal(&b, "DZ", Check::Bundle).unwrap().light, Light::Red);
    assert_eq!(signal(&b, "LY", Check::Bundle).unwrap().light, Light::Amber);
    assert_eq!(signal(&b, "ZB", Check::Bundle).unwrap().light, Light::Green);
    // One ranking of every sub-branch, from the figures the bundles brought.
    let s = hq.kpi_score(&ScoreQuery::of("2016-11")).unwrap();
    assert_eq!(s.result.units.len(), 44);
    assert!(s.unit_names.values().any(|n| n == "德城区支公司"));
    // Each city's people have their own names.
    let gm = |code: &str| {
        hq.org_snapshot(None)
            .unwrap()
            .people
            .into_iter()
            .find(|p| p.person.code == code)
            .unwrap()
            .person
            .name
    };
    assert_ne!(gm("ZB-001"), gm("WF-001"));
}

fn at(y: i32, m: u32, d: u32) -> Ctx {
    Ctx::fixed(
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        "集团总部 王敏",
    )
}

#[test]
fn a_red_light_is_followed_up_down_to_the_unit_and_its_report_comes_back() {
    use branchdesk_app::board::{FollowupDecision, FollowupInput, FollowupReport};
    use branchdesk_domain::{FollowupState, WorkKind};
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");
    hq.set_ctx(at(2016, 12, 28));
    let raise = |hq: &mut App, unit: &str, check: Check, due: &str| {
        hq.board_followup_raise(&FollowupInput {
            unit: unit.into(),
            check,
            request: "请分析续保分配滞后的原因，1月6日前报送整改措施。".into(),
            due: due.into(),
        })
    };
    // 张店's plan is 16.7 points behind at headquarters too: the records came up in the bundle.
    let b = hq.board(&BoardQuery::default()).unwrap();
    let red = signal(&b, "ZB-ZD", Check::Plans).unwrap().clone();
    assert_eq!(red.light, Light::Red);
    let f = raise(&mut hq, "ZB-ZD", Check::Plans, "2017-01-06").unwrap();
    assert_eq!(
        (f.state, f.round, f.light, f.reason.as_str()),
        (FollowupState::Open, 1, Light::Red, red.reason.as_str()),
        "the board's words are kept as they stood"
    );
    assert_eq!(f.raised_by, "集团总部 王敏");

    // Refused, each by name: twice, a light that is not a warning, a past or far due date, an
    // empty request, a unit not on the board, and a unit raising one.
    let code = |r: Result<_, branchdesk_app::AppError>| {
        r.map(|_: branchdesk_app::board::FollowupView| ())
            .unwrap_err()
            .code()
    };
    assert_eq!(
        code(raise(&mut hq, "ZB-ZD", Check::Plans, "2017-01-06")),
        "board.followup_open"
    );
    let green = b
        .rows
        .iter()
        .flat_map(|r| r.signals.iter().map(move |s| (r, s)))
        .find(|(_, s)| s.light == Light::Green)
        .unwrap();
    assert_eq!(
        code(raise(
            &mut hq,
            &green.0.unit_code,
            green.1.check,
            "2017-01-06"
        )),
        "board.not_warning"
    );
    assert_eq!(
        code(raise(&mut hq, "ZB-ZC", Check::Plans, "2016-12-27")),
        "input.invalid"
    );
    assert_eq!(
        code(raise(&mut hq, "ZB-ZC", Check::Plans, "2018-01-06")),
        "input.invalid"
    );
    assert_eq!(
        code(raise(&mut hq, "ZB-XX", Check::Plans, "2017-01-06")),
        "input.invalid"
    );
    let empty = hq.board_followup_raise(&FollowupInput {
        unit: "ZB-ZD".into(),
        check: Check::Kpi,
        request: "  ".into(),
        due: "2017-01-06".into(),
    });
    assert_eq!(code(empty), "input.invalid");
    assert_eq!(
        code(raise(&mut zb, "ZB-ZD", Check::Plans, "2017-01-06")),
        "board.not_hq"
    );
    assert_eq!(
        hq.board_followups().unwrap().rows.len(),
        1,
        "nothing else kept"
    );

    // Down in the next bundle: 淄博 sees it and has it on its work list.
    common::sites::down(&mut hq, &mut zb, "ZB");
    let got = zb.board_followups().unwrap();
    assert!(!got.hq);
    assert_eq!(got.rows.len(), 1);
    assert_eq!(got.rows[0].request, f.request);
    let work = zb.dashboard().unwrap().work;
    let line = work.iter().find(|w| w.kind == WorkKind::Followup).unwrap();
    assert_eq!(line.title, "总部督办：计划进度");
    assert!(
        line.detail.starts_with("张店区支公司 · 请分析"),
        "{}",
        line.detail
    );
    assert_eq!(line.due_on.as_deref(), Some("2017-01-06"));

    // The unit reports (not for a day to come); headquarters does not report for it.
    let report = |app: &mut App, note: &str, done_on: &str| {
        app.board_followup_report(&FollowupReport {
            followup_id: f.id.clone(),
            note: note.into(),
            done_on: done_on.into(),
        })
    };
    assert_eq!(
        code(report(&mut zb, "已分配", "2016-12-29")),
        "input.invalid"
    );
    assert_eq!(
        code(report(&mut hq, "已分配", "2016-12-28")),
        "board.hq_report"
    );
    let r = report(
        &mut zb,
        "到期续保已全部分配到人，12月27日完成。",
        "2016-12-27",
    )
    .unwrap();
    assert_eq!(r.state, FollowupState::Reported);

    // Up: headquarters sees the report and has it to close; it returns it for more.
    common::sites::up(&mut zb, &mut hq);
    let at_hq = hq.board_followups().unwrap().rows[0].clone();
    assert_eq!(at_hq.state, FollowupState::Reported);
    assert_eq!(at_hq.done_on.as_deref(), Some("2016-12-27"));
    assert!(hq
        .dashboard()
        .unwrap()
        .work
        .iter()
        .any(|w| w.kind == WorkKind::Followup && w.title.contains("张店区支公司已答复")));
    let decide = |hq: &mut App, close: bool, comment: &str, due: Option<&str>| {
        hq.board_followup_decide(&FollowupDecision {
            followup_id: f.id.clone(),
            close,
            comment: comment.into(),
            due: due.map(str::to_string),
        })
    };
    assert_eq!(
        code(decide(&mut hq, false, "", Some("2017-01-13"))),
        "input.invalid",
        "a return says why"
    );
    let back = decide(&mut hq, false, "请附分配清单。", Some("2017-01-13")).unwrap();
    assert_eq!(
        (back.state, back.round, back.due.as_str()),
        (FollowupState::Open, 2, "2017-01-13")
    );
    assert_eq!(
        code(decide(&mut hq, false, "再补充", Some("2017-01-20"))),
        "board.not_reported"
    );

    // Round 2 down and up; then headquarters closes it, and it is closed at the unit too.
    common::sites::down(&mut hq, &mut zb, "ZB");
    let again = zb.board_followups().unwrap().rows[0].clone();
    assert_eq!(
        (again.state, again.round, again.comment.as_str()),
        (FollowupState::Open, 2, "请附分配清单。")
    );
    report(&mut zb, "分配清单见附表，共 412 户。", "2016-12-28").unwrap();
    common::sites::up(&mut zb, &mut hq);
    assert_eq!(
        hq.board_followups().unwrap().rows[0].state,
        FollowupState::Reported
    );
    let closed = decide(&mut hq, true, "", None).unwrap();
    assert_eq!(closed.state, FollowupState::Closed);
    assert_eq!(code(decide(&mut hq, true, "", None)), "board.closed");
    common::sites::down(&mut hq, &mut zb, "ZB");
    assert_eq!(
        zb.board_followups().unwrap().rows[0].state,
        FollowupState::Closed
    );
    assert_eq!(code(report(&mut zb, "补充", "2016-12-28")), "board.closed");
    assert!(!zb
        .dashboard()
        .unwrap()
        .work
        .iter()
        .any(|w| w.kind == WorkKind::Followup));

    // A closed follow-up does not stop the same light being raised again.
    assert_eq!(
        raise(&mut hq, "ZB-ZD", Check::Plans, "2017-01-06")
            .unwrap()
            .round,
        1
    );
}

#[test]
fn a_follow_up_past_its_due_date_is_overdue_on_the_units_work_list() {
    use branchdesk_app::board::FollowupInput;
    use branchdesk_domain::FollowupState;
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");
    hq.set_ctx(at(2016, 12, 20));
    let f = hq
        .board_followup_raise(&FollowupInput {
            unit: "ZB-ZD".into(),
            check: Check::Plans,
            request: "请报送整改措施。".into(),
            due: "2016-12-22".into(),
        })
        .unwrap();
    common::sites::down(&mut hq, &mut zb, "ZB");
    // 淄博's day is the demo's, 2016-12-28: six days past due.
    let row = zb.board_followups().unwrap().rows[0].clone();
    assert_eq!(
        (row.id.as_str(), row.state),
        (f.id.as_str(), FollowupState::Overdue)
    );
    let work = zb.dashboard().unwrap().work;
    let line = work
        .iter()
        .find(|w| w.kind == branchdesk_domain::WorkKind::Followup)
        .unwrap();
    assert_eq!(line.overdue_days, 6);
    assert_eq!(
        (line.page.as_str(), line.open_id.clone()),
        ("home", Some(format!("followup-{}", f.id)))
    );
}
