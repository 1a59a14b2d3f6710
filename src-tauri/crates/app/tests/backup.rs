#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! 备份与恢复: a backup of the encrypted demo database restores to the same records and opens
//! with the same passwords; a damaged, truncated, foreign or newer backup is refused by name
//! and changes nothing; the automatic backups keep what the retention rule promises.

use std::path::{Path, PathBuf};

use branchdesk_app::backup::{inspect, restore};
use branchdesk_app::users::{SignIn, DEMO_PASSWORD};
use branchdesk_app::{Accounts, App, AppError, Ctx, InitOptions};
use branchdesk_domain::backup::Retention;
use branchdesk_domain::Lang;

fn at(day: &str, h: u32) -> Ctx {
    Ctx::fixed(
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap(),
        "test",
    )
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
        at("2016-12-05", 9),
    )
    .unwrap();
    path
}

fn sign_in(path: &Path, login: &str, ctx: Ctx) -> App {
    App::sign_in(
        path,
        &SignIn {
            login: login.into(),
            password: DEMO_PASSWORD.into(),
        },
        ctx,
    )
    .unwrap()
}

fn code(e: AppError) -> (String, String) {
    (e.code().to_string(), e.message(Lang::Zh))
}

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn a_backup_restores_the_same_records_and_opens_with_the_same_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let app = sign_in(&db, "ZB-001", at("2016-12-05", 10));
    let before = app.info().unwrap();
    let out = dir.path().join("copies").join("周一.bdbak");
    let made = app.backup_to(&out).unwrap();
    assert_eq!(made.info.counts, before.counts);
    assert!(made.info.encrypted);
    assert_eq!(made.info.taken, "2016-12-05 10:00:00");
    assert!(made.info.rows > 100, "{}", made.info.rows);
    // No record is readable in the file (the key file in its manifest names the demo's
    // published sign-in people, as the key file beside the database does).
    let bytes = std::fs::read(&out).unwrap();
    for name in ["督促未绑定微信用户完成绑定", "带队参加省公司续保专项培训"]
    {
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} readable in the backup"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A change after the backup…
    let mut app = app;
    app.update_settings(&branchdesk_domain::SettingsUpdate {
        site_name: Some("改过名的分公司".into()),
        ..Default::default()
    })
    .unwrap();
    drop(app);
    // …is gone after restoring, and kept in the file set aside.
    let done = restore(&db, &out, at("2016-12-06", 8).wall()).unwrap();
    let aside = PathBuf::from(done.kept_aside.unwrap());
    assert!(aside
        .to_string_lossy()
        .ends_with(".before-restore-20161206-080000"));
    let restored = sign_in(&db, "ZB-003", at("2016-12-06", 9));
    let now = restored.info().unwrap();
    assert_eq!(now.counts, before.counts);
    assert_eq!(now.site.name, before.site.name);
    drop(restored);
    let old = sign_in(&aside, "ZB-001", at("2016-12-06", 9));
    assert_eq!(old.info().unwrap().site.name, "改过名的分公司");
}

#[test]
fn a_damaged_truncated_foreign_or_newer_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let good = dir.path().join("good.bdbak");
    sign_in(&db, "ZB-001", at("2016-12-05", 10))
        .backup_to(&good)
        .unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let db_sha = sha(&db);
    let len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;

    let case = |name: &str, content: Vec<u8>| -> (String, String) {
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        let inspected = inspect(&p).err().unwrap();
        let e = restore(&db, &p, at("2016-12-06", 8).wall()).err().unwrap();
        assert_eq!(inspected.code(), e.code());
        assert_eq!(sha(&db), db_sha, "{name} changed the database");
        assert!(
            !std::fs::read_dir(dir.path()).unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-restore")),
            "{name}: nothing set aside"
        );
        code(e)
    };

    // One byte of the database copy changed.
    let mut flipped = bytes.clone();
    let i = 12 + len + 5000;
    flipped[i] ^= 0x40;
    let (c, m) = case("flipped.bdbak", flipped);
    assert_eq!(c, "backup.damaged");
    assert!(
        m.contains("flipped.bdbak") && m.contains("校验值不符"),
        "{m}"
    );

    // Cut off half-way (a copy to a stick pulled out too early).
    let (c, m) = case("cut.bdbak", bytes[..bytes.len() / 2].to_vec());
    assert_eq!(c, "backup.damaged");
    assert!(m.contains("不完整"), "{m}");

    // Something else with the right extension.
    let (c, _) = case("notes.bdbak", "会议纪要".repeat(100).into_bytes());
    assert_eq!(c, "backup.not_backup");

    // A manifest length of 4 GB: refused before anything is allocated.
    let mut huge = bytes.clone();
    huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    let (c, _) = case("huge.bdbak", huge);
    assert_eq!(c, "backup.damaged");

    // From a newer Branchdesk: the schema is refused as a newer database is.
    let manifest = std::str::from_utf8(&bytes[12..12 + len]).unwrap();
    let newer = manifest.replace(
        &format!("\"schema_version\":{}", branchdesk_store::SCHEMA_VERSION),
        "\"schema_version\":999",
    );
    assert_ne!(newer, manifest);
    let mut from_future = b"BDKBAK01".to_vec();
    from_future.extend((newer.len() as u32).to_le_bytes());
    from_future.extend(newer.as_bytes());
    from_future.extend(&bytes[12 + len..]);
    let (c, _) = case("future.bdbak", from_future);
    assert_eq!(c, "db.newer_schema");

    // A planted key file asking Argon2 for 4 GiB of memory.
    let planted = manifest.replace(r#"\"m\":19456"#, r#"\"m\":4194304"#);
    assert_ne!(planted, manifest);
    let mut hostile = b"BDKBAK01".to_vec();
    hostile.extend((planted.len() as u32).to_le_bytes());
    hostile.extend(planted.as_bytes());
    hostile.extend(&bytes[12 + len..]);
    let (c, _) = case("planted.bdbak", hostile);
    assert_eq!(c, "auth.keyfile");
}

#[test]
fn restoring_in_the_window_takes_an_administrator_and_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut clerk = sign_in(&db, "ZB-001", at("2016-12-05", 10));
    let (c, m) = code(clerk.may_restore().err().unwrap());
    assert_eq!(c, "auth.forbidden");
    assert!(m.contains("从备份恢复数据库"), "{m}");
    drop(clerk);
    let mut admin = sign_in(&db, "ZB-002", at("2016-12-05", 10));
    assert_eq!(
        admin.may_restore().err().unwrap().code(),
        "auth.confirm_needed"
    );
    admin.confirm(DEMO_PASSWORD).unwrap();
    admin.may_restore().unwrap();
}

/// A laptop used every working day for five weeks: one automatic backup a day however often
/// people sign in, and the folder keeps the last 3 days and 2 weeks as set.
#[test]
fn automatic_backups_come_once_a_day_and_keep_what_the_rule_promises() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut app = sign_in(&db, "ZB-002", at("2016-11-28", 8));
    app.set_backup_retention(Retention {
        daily: 3,
        weekly: 2,
    })
    .unwrap();
    assert_eq!(
        app.set_backup_retention(Retention {
            daily: 0,
            weekly: 2
        })
        .err()
        .unwrap()
        .code(),
        "input.invalid"
    );
    drop(app);
    let start = chrono::NaiveDate::from_ymd_opt(2016, 11, 28).unwrap();
    for n in 0..33 {
        let day = start + chrono::Duration::days(n);
        if chrono::Datelike::weekday(&day).number_from_monday() > 5 {
            continue;
        }
        let d = day.to_string();
        let app = sign_in(&db, "ZB-003", at(&d, 9));
        assert!(app.backup_auto().unwrap().is_some(), "{d}: first sign-in");
        assert!(app.backup_auto().unwrap().is_none(), "{d}: second sign-in");
    }
    let app = sign_in(&db, "ZB-003", at("2016-12-30", 18));
    let list = app.backups().unwrap();
    let taken: Vec<&str> = list.files.iter().map(|f| &f.info.taken[..10]).collect();
    // Last day Friday 12-30: days 12-30, 12-29, 12-28; weeks 52 (12-30) and 51 (12-23).
    assert_eq!(
        taken,
        ["2016-12-30", "2016-12-29", "2016-12-28", "2016-12-23"]
    );
    assert_eq!(
        list.retention,
        Retention {
            daily: 3,
            weekly: 2
        }
    );
    // Every kept file is whole.
    for f in &list.files {
        inspect(Path::new(&f.path)).unwrap();
    }
    // Other files in the folder are left alone.
    let mine = Path::new(&list.dir).join("mine.txt");
    std::fs::write(&mine, "keep").unwrap();
    drop(app);
    let app = sign_in(&db, "ZB-003", at("2017-01-03", 9));
    app.backup_auto().unwrap().unwrap();
    assert!(mine.exists());
}
