#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The log beside the database: what a day's work writes into it (sign-ins, bundles both ways,
//! a refused bundle, a backup, the diagnostics) is there with sizes and codes, and nothing of
//! the records is: no person's name, no unit's or meeting's name, no figure. The diagnostics
//! zip holds the log and the counts, no record either.

use std::io::Read;

use branchdesk_app::shared::log;
use branchdesk_app::users::{SignIn, DEMO_PASSWORD};
use branchdesk_app::{Accounts, App, Ctx, InitOptions};
use branchdesk_domain::{LogLevel, Role, SettingsUpdate};

mod common;
use common::sites::{enrol, site};

#[test]
fn a_days_log_holds_events_and_sizes_but_no_name_and_no_figure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zb.db");
    let guard = log::start(&db, "test").expect("the log starts");

    App::init(
        &db,
        &InitOptions {
            demo: true,
            accounts: Accounts::Demo,
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .unwrap();
    let who = |password: &str| SignIn {
        login: "ZB-001".into(),
        password: password.into(),
    };
    assert!(App::sign_in(&db, &who("wrong-password"), Ctx::local()).is_err());
    let mut zb = App::sign_in(&db, &who(DEMO_PASSWORD), Ctx::local()).unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    enrol(&mut hq, &mut zb, "ZB");
    assert!(hq.sync_import(b"not a bundle at all", "junk.bdk").is_err());
    zb.backup_now().unwrap();
    let zip_path = dir.path().join("diagnostics.zip");
    zb.diagnostics_to(&zip_path).unwrap();
    // 设置 → 日志: problems only. A backup says nothing now; a refused bundle still does.
    zb.update_settings(&SettingsUpdate {
        log_level: Some(LogLevel::Warn),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(zb.settings().unwrap().log_level, LogLevel::Warn);
    zb.backup_to(&dir.path().join("quiet.bdbak")).unwrap();
    assert!(hq.sync_import(b"junk again", "junk2.bdk").is_err());

    // What the records hold, to look for in the log: from headquarters' plain copy.
    let snap = hq.org_snapshot(None).unwrap();
    let mut secrets: Vec<String> = snap.people.iter().map(|p| p.person.name.clone()).collect();
    secrets.extend(snap.units.iter().map(|u| u.unit.attrs.name.clone()));
    secrets.extend(
        hq.minutes_list(None)
            .unwrap()
            .into_iter()
            .map(|m| m.meeting.title),
    );
    drop(hq);
    let conn = rusqlite::Connection::open(dir.path().join("hq.db")).unwrap();
    let figures: Vec<String> = conn
        .prepare("SELECT DISTINCT value FROM kpi_value WHERE length(value) >= 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(figures.len() > 50, "{} figures", figures.len());
    assert!(secrets.len() > 60, "{} names", secrets.len());
    drop(zb);
    drop(guard); // flushes

    let mut text = String::new();
    for f in log::log_files(&db) {
        text.push_str(&std::fs::read_to_string(f).unwrap());
    }
    for event in [
        "started",
        "sign-in refused",
        "signed in",
        "bundle exported",
        "bundle imported",
        "bundle refused",
        "backup written and checked",
        "diagnostics written",
    ] {
        assert!(text.contains(event), "no \"{event}\" in the log:\n{text}");
    }
    assert!(text.contains("code=\"sync.not_bundle\""), "{text}");
    assert!(text.contains("bytes="), "{text}");
    assert_eq!(
        text.matches("backup written and checked").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("bundle refused").count(), 2, "{text}");
    for s in secrets.iter().filter(|s| s.chars().count() >= 2) {
        assert!(!text.contains(s.as_str()), "the log names {s}");
    }
    for v in &figures {
        // A figure as a word of its own (sizes and durations are other numbers).
        let hit = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .any(|w| w == v);
        assert!(!hit, "the log holds the figure {v}");
    }
    assert!(!text.contains(DEMO_PASSWORD));

    // The diagnostics: the counts and the log, no record.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(names.contains(&"about.json".to_string()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("logs/branchdesk")),
        "{names:?}"
    );
    let mut about = String::new();
    zip.by_name("about.json")
        .unwrap()
        .read_to_string(&mut about)
        .unwrap();
    let about: serde_json::Value = serde_json::from_str(&about).unwrap();
    assert!(about["rows"]["kpi_value"].as_i64().unwrap() > 1000);
    assert_eq!(about["encrypted"], true);
    let all = about.to_string();
    for s in &secrets {
        assert!(!all.contains(s.as_str()), "about.json names {s}");
    }
}
