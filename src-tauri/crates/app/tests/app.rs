#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
use branchdesk_app::{App, AppError, Ctx, InitOptions};
use branchdesk_domain::{Lang, Role, SettingsUpdate};
use chrono::NaiveDate;

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.db");
    let app = App::init(
        &path,
        &InitOptions {
            demo: true,
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .expect("the demo database is created");
    (app, path)
}

#[test]
fn demo_database_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = demo(&dir);
    let info = app.info().unwrap();
    assert_eq!(info.site.name, "淄博市分公司");
    assert_eq!(info.site.role, Role::Unit);
    // group + city branch + 11 district and county sub-branches
    assert_eq!(info.counts.units, 13);
    assert_eq!(info.counts.departments, 5);
    // 15 city-branch positions + 3 in each of 11 sub-branches
    assert_eq!(info.counts.positions, 15 + 33);
    // 14 people in the city branch, one of whom left; 33 in the sub-branches
    assert_eq!(info.counts.people, 13 + 33);
    // two city-branch meetings and twelve weekly meetings of 张店区支公司, two items each
    assert_eq!(info.counts.meetings, 2 + 12);
    // … and two handlers for each of 36 incoming documents
    assert_eq!(info.counts.action_items, 3 + 3 + 12 * 2 + 36 * 2);
    assert_eq!(info.periods.first().map(String::as_str), Some("2016-06"));
    assert_eq!(info.periods.last().map(String::as_str), Some("2016-12"));
    assert_eq!(info.counts.kpi_values, 11 * 7 * 14);
}

#[test]
fn dashboard_reads_live_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = demo(&dir);
    let on = |y, m, d| {
        Ctx::fixed(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            "测试",
        )
    };
    app.set_ctx(on(2016, 12, 9));
    let d = app.dashboard().unwrap();
    // The dashboard and the follow-up board agree.
    let board = |today: &str, overdue_only: bool| {
        app.actions_board(&branchdesk_app::minutes::ActionFilter {
            overdue_only,
            today: Some(today.into()),
            ..Default::default()
        })
        .unwrap()
    };
    assert_eq!(
        d.open_action_items as usize,
        board("2016-12-09", false).len()
    );
    let overdue = board("2016-12-09", true);
    assert_eq!(d.overdue_action_items as usize, overdue.len());
    assert!(overdue
        .iter()
        .all(|a| a.item.due_on.as_str() < "2016-12-09"));
    // 运营部制定年底续保专项方案 is due 2016-12-10: open, overdue only from the 11th.
    let title = "运营部制定年底续保专项方案";
    assert!(!overdue.iter().any(|a| a.item.title == title));
    let later = board("2016-12-11", true);
    let item = later.iter().find(|a| a.item.title == title).unwrap();
    assert_eq!((item.overdue_days, item.owner_name.as_str()), (1, "周海峰"));
    assert_eq!(d.latest_kpi_period.as_deref(), Some("2016-12"));
    assert_eq!(d.current_period, "2016-12");
    app.set_ctx(on(2026, 11, 22));
    let later = app.dashboard().unwrap();
    assert_eq!(later.overdue_action_items, later.open_action_items);
}

#[test]
fn init_refuses_to_overwrite_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = demo(&dir);
    drop(app);
    let err = App::init(&path, &InitOptions::default(), Ctx::local())
        .err()
        .unwrap();
    assert_eq!(err.code(), "db.exists");
    assert!(err.message(Lang::Zh).contains("数据库已存在"));
    assert_eq!(
        App::open(&path, Ctx::local())
            .unwrap()
            .info()
            .unwrap()
            .counts
            .units,
        13
    );
}

#[test]
fn init_without_demo_is_empty_with_the_given_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hq.db");
    let opts = InitOptions {
        site_name: Some("集团总部".into()),
        role: Role::Hq,
        ..InitOptions::default()
    };
    let app = App::init(&path, &opts, Ctx::local()).unwrap();
    let info = app.info().unwrap();
    assert_eq!(info.site.name, "集团总部");
    assert_eq!(info.site.role, Role::Hq);
    assert_eq!(info.counts.units, 0);
    assert!(info.periods.is_empty());
}

#[test]
fn init_with_an_empty_name_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let err = App::init(
        &path,
        &InitOptions {
            site_name: Some("  ".into()),
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .err()
    .unwrap();
    assert_eq!(err.code(), "input.invalid");
    assert!(!path.exists());
}

#[test]
fn settings_validate_then_save_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = demo(&dir);
    let bad = app.update_settings(&SettingsUpdate {
        site_name: Some("新名称".into()),
        current_period: Some("2016-13".into()),
        ..SettingsUpdate::default()
    });
    let err = bad.err().unwrap();
    assert!(matches!(
        err,
        AppError::Invalid {
            field: "current_period",
            ..
        }
    ));
    assert!(err.message(Lang::Zh).contains("2016-13"));
    // nothing of the rejected update was saved
    assert_eq!(app.settings().unwrap().site.name, "淄博市分公司");

    let s = app
        .update_settings(&SettingsUpdate {
            site_name: Some(" 淄博分公司 ".into()),
            language: Some(Lang::En),
            current_period: Some("2016-11".into()),
            ..SettingsUpdate::default()
        })
        .unwrap();
    assert_eq!(s.site.name, "淄博分公司");
    drop(app);
    let app = App::open(&path, Ctx::local()).unwrap();
    assert_eq!(app.lang(), Lang::En);
    let s = app.settings().unwrap();
    assert_eq!(
        (s.site.name.as_str(), s.current_period.as_str()),
        ("淄博分公司", "2016-11")
    );
}

#[test]
fn errors_have_messages_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let err = App::open(&dir.path().join("missing.db"), Ctx::local())
        .err()
        .unwrap();
    assert_eq!(err.code(), "db.missing");
    assert!(err.message(Lang::Zh).contains("branchdesk init"));
    assert!(err.message(Lang::En).contains("branchdesk init"));
    assert_ne!(err.message(Lang::Zh), err.message(Lang::En));
    let api = err.to_api(Lang::En);
    assert_eq!(api.code, "db.missing");
}

/// Issue 23: the demo's records are from 2016, so "today" comes from the database (a site
/// clock), not the computer: overdue counts agree with its data, and a user can let it follow
/// the computer's clock again (or set another day) in the settings.
#[test]
fn the_demo_carries_its_own_day() {
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = demo(&dir);
    let s = app.settings().unwrap();
    assert_eq!(
        (s.today.as_str(), s.site_today.as_deref()),
        ("2016-12-28", Some("2016-12-28"))
    );
    drop(app);
    // Reopened with the computer's clock, the day is still the database's.
    let mut app = App::open(&path, Ctx::local()).unwrap();
    assert_eq!(app.settings().unwrap().today, "2016-12-28");
    let d = app.dashboard().unwrap();
    assert!(d.overdue_action_items < d.open_action_items, "{d:?}");
    let overdue = app
        .actions_board(&branchdesk_app::minutes::ActionFilter {
            overdue_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(overdue.len(), d.overdue_action_items as usize);
    assert!(overdue
        .iter()
        .all(|a| a.item.due_on.as_str() < "2016-12-28"));
    // The home page's work list: every overdue item, most overdue first, each opening its
    // record (a meeting, or an incoming document for a handler's slip).
    use branchdesk_domain::WorkKind;
    let late: Vec<_> = d.work.iter().filter(|w| w.overdue_days > 0).collect();
    assert_eq!(late.len(), overdue.len().min(100));
    assert!(late
        .windows(2)
        .all(|p| p[0].overdue_days >= p[1].overdue_days));
    for w in &d.work {
        match w.kind {
            WorkKind::Incoming => {
                assert_eq!((w.page.as_str(), w.open_id.is_some()), ("docs", true))
            }
            WorkKind::Action => assert!(w.open_id.is_some(), "{w:?}"),
            _ => {}
        }
    }
    assert!(d
        .work
        .iter()
        .any(|w| w.kind == WorkKind::Incoming && w.overdue_days > 0));
    assert!(
        !d.work.iter().any(|w| w.kind == WorkKind::Figures),
        "the demo's 2016-12 is complete"
    );
    // Following the computer's clock again; then a day of one's own.
    let s = app
        .update_settings(&SettingsUpdate {
            site_today: Some(String::new()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.site_today, None);
    assert_eq!(s.today, chrono::Local::now().format("%Y-%m-%d").to_string());
    let s = app
        .update_settings(&SettingsUpdate {
            site_today: Some("2016-12-28".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.today, "2016-12-28");
    assert!(app
        .update_settings(&SettingsUpdate {
            site_today: Some("2016-13-01".into()),
            ..Default::default()
        })
        .is_err());
}
