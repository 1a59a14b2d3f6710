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
