#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! People and locks: the demo database is encrypted and signed into by its people; authority
//! follows their posts; signing acts take the password again; passwords change, are reset and
//! recovered; a plain database is converted row for row and leaves no plain copy.

use std::path::{Path, PathBuf};

use branchdesk_app::docs::OutgoingInput;
use branchdesk_app::kpi::CellInput;
use branchdesk_app::users::{NewAccount, SignIn, DEMO_PASSWORD};
use branchdesk_app::{Accounts, App, AppError, Ctx, InitOptions};
use branchdesk_domain::{Act, Lang};

mod common;
use common::{person, unit};

fn at() -> Ctx {
    Ctx::fixed(
        chrono::NaiveDate::from_ymd_opt(2016, 12, 5)
            .unwrap()
            .and_hms_opt(10, 12, 0)
            .unwrap(),
        "test",
    )
}

fn demo_db(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("demo.db");
    let mut app = App::init(
        &path,
        &InitOptions {
            demo: true,
            accounts: Accounts::Demo,
            ..InitOptions::default()
        },
        at(),
    )
    .unwrap();
    let recovery = app.take_recovery_key().unwrap();
    assert!(app.take_recovery_key().is_none(), "shown once");
    (path, recovery)
}

fn sign_in(path: &Path, login: &str) -> App {
    App::sign_in(
        path,
        &SignIn {
            login: login.into(),
            password: DEMO_PASSWORD.into(),
        },
        at(),
    )
    .unwrap()
}

fn code(e: AppError) -> (String, String) {
    (e.code().to_string(), e.message(Lang::Zh))
}

fn contains(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.windows(n.len()).any(|w| w == n)
}

/// Every row of every table but the accounts (the conversion adds its administrator), as
/// text, in a stable order: the "dump" compared across the conversion.
fn dump(path: &Path, key: Option<&[u8; 32]>) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    if let Some(k) = key {
        let hex: String = k.iter().map(|b| format!("{b:02x}")).collect();
        c.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))
            .unwrap();
    }
    common::sites::digest_of(&c, &["account"])
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_demo_database_is_encrypted_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    {
        let app = sign_in(&path, "ZB-003");
        assert_eq!(app.signature().unwrap().unwrap(), "孙倩（文书）");
        assert_eq!(app.ctx().operator(), "孙倩（文书）");
    }
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    for name in [
        "韩立新",
        "孙倩",
        "淄博市分公司",
        "齐鲁示范保险集团",
        "ZB-001",
    ] {
        assert!(!contains(&raw, name), "{name} in the raw file");
    }
    let keys = PathBuf::from(format!("{}.keys", path.display()));
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&keys), 0o600);
    }
    // Opening without signing in is refused by name.
    let e = App::open(&path, at()).err().unwrap();
    assert_eq!(e.code(), "auth.encrypted");
    // The site's private keys are inside the encrypted file only.
    assert!(!contains(&std::fs::read(&keys).unwrap(), "secret"));
}

#[test]
fn a_wrong_password_is_refused_counted_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    for n in 1..=2 {
        let e = App::sign_in(
            &path,
            &SignIn {
                login: "ZB-001".into(),
                password: "not-the-password".into(),
            },
            at(),
        )
        .err()
        .unwrap();
        let (c, m) = code(e);
        assert_eq!(c, "auth.bad_password");
        assert!(m.contains(&format!("连续 {n} 次")), "{m}");
    }
    // An unknown login gets the same answer.
    let e = App::sign_in(
        &path,
        &SignIn {
            login: "ZB-999".into(),
            password: DEMO_PASSWORD.into(),
        },
        at(),
    )
    .err()
    .unwrap();
    assert_eq!(e.code(), "auth.bad_password");
    // Guessing logins does not grow the key file: they share one count.
    let keys = PathBuf::from(format!("{}.keys", path.display()));
    let size = std::fs::metadata(&keys).unwrap().len();
    for i in 0..3 {
        let who = SignIn {
            login: format!("NOBODY-{i}-{}", "X".repeat(40)),
            password: "guess-guess".into(),
        };
        assert_eq!(
            App::sign_in(&path, &who, at()).err().unwrap().code(),
            "auth.bad_password"
        );
    }
    assert!(std::fs::metadata(&keys).unwrap().len() <= size + 64);
    let admin = sign_in(&path, "ZB-002");
    let gm = sign_in(&path, "ZB-001");
    drop(gm);
    let log = admin.users_log(50).unwrap();
    assert!(log.iter().any(|l| l.login == "ZB-001"
        && l.event == branchdesk_domain::AccountEvent::Failed
        && l.detail == "2"));
}

#[test]
fn authority_follows_posts() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    // (act, a person whose post allows it, one whose post does not)
    let table = [
        (Act::RegisterIncoming, "ZB-003", "ZB-004"),
        (Act::DraftCompanyDoc, "ZB-002", "ZB-004"),
        (Act::DraftBusinessDoc, "ZB-004", "ZB-003"),
        (Act::SignCompanyDoc, "ZB-001", "ZB-003"),
        (Act::SignBusinessDoc, "ZB-014", "ZB-002"),
        (Act::DecideAdjustment, "ZB-014", "ZB-003"),
        (Act::ReviewSubmission, "ZB-002", "ZB-003"),
        (Act::FinaliseMinutes, "ZB-003", "ZB-004"),
        (Act::ManageUsers, "ZB-002", "ZB-001"),
        (Act::EnterFigures, "ZB-005", "ZB-003"),
        (Act::ApprovePlan, "ZB-004", "ZB-003"),
        (Act::RaiseFollowup, "ZB-014", "ZB-004"),
        (Act::ReportFollowup, "ZB-004", "ZB-003"),
    ];
    for (act, yes, no) in table {
        assert!(sign_in(&path, yes).require(act).is_ok(), "{act:?} by {yes}");
        let (c, m) = code(
            sign_in(&path, no)
                .require(act)
                .err()
                .unwrap_or_else(|| panic!("{act:?} by {no} allowed")),
        );
        assert_eq!(c, "auth.forbidden", "{act:?} by {no}");
        assert!(m.contains("登录后操作，当前用户："), "{m}");
    }
    let e = sign_in(&path, "ZB-003")
        .require(Act::SignCompanyDoc)
        .unwrap_err();
    assert_eq!(
        e.message(Lang::Zh),
        "签发公司文件须由总经理本人登录后操作，当前用户：孙倩（文书）。"
    );
}

#[test]
fn figures_are_changed_by_who_entered_them_or_the_manager() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    let mut ops = sign_in(&path, "ZB-005");
    let grid = ops.kpi_entry(None, "2016-12").unwrap();
    let (u, m) = (grid.units[0].code.clone(), grid.metrics[0].id.clone());
    let cell = |v: &str| {
        vec![CellInput {
            unit: u.clone(),
            metric: m.clone(),
            value: v.into(),
        }]
    };
    ops.kpi_save(None, "2016-12", &cell("120")).unwrap();
    drop(ops);
    // Another person who may enter figures may not overwrite 陈静's.
    let mut planner = sign_in(&path, "ZB-008");
    let (c, msg) = code(planner.kpi_save(None, "2016-12", &cell("90")).unwrap_err());
    assert_eq!(c, "auth.not_author");
    assert!(
        msg.contains("由陈静（运营主管）录入")
            && msg.contains(&grid.metrics[0].name)
            && msg.contains("杨帆"),
        "{msg}"
    );
    // Saving the same value again changes nothing and is not refused.
    planner.kpi_save(None, "2016-12", &cell("120")).unwrap();
    drop(planner);
    // The general manager may change it, and then 陈静 may not overwrite the manager's figure.
    let mut gm = sign_in(&path, "ZB-001");
    assert_eq!(
        gm.kpi_save(None, "2016-12", &cell("130")).unwrap().changed,
        1
    );
    drop(gm);
    let mut ops = sign_in(&path, "ZB-005");
    assert_eq!(
        code(ops.kpi_save(None, "2016-12", &cell("125")).unwrap_err()).0,
        "auth.not_author"
    );
    assert_eq!(
        ops.kpi_entry(None, "2016-12").unwrap().values[&u][&m],
        "130"
    );
}

/// The key file sits outside the encryption: whoever can write it may swap, plant or bloat it.
#[test]
fn hostile_key_files_open_nothing_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let (path, recovery) = demo_db(dir.path());
    let keys = dir.path().join("demo.db.keys");
    let good = std::fs::read(&keys).unwrap();
    let try_in = |login: &str| {
        App::sign_in(
            &path,
            &SignIn {
                login: login.into(),
                password: DEMO_PASSWORD.into(),
            },
            at(),
        )
        .err()
        .map(code)
    };

    // Another database's key file, copied over (it opens with the same demo password).
    let other = tempfile::tempdir().unwrap();
    demo_db(other.path());
    std::fs::copy(other.path().join("demo.db.keys"), &keys).unwrap();
    let (c, m) = try_in("ZB-001").expect("a foreign key file opened the database");
    assert_eq!(c, "auth.keyfile_mismatch");
    assert!(m.contains("恢复密钥"), "{m}");
    // The recovery key still opens it, and makes a key file of this database's own.
    let app = App::recover(
        &path,
        &recovery,
        &SignIn {
            login: "ZB-002".into(),
            password: "新的管理员密码 2016".into(),
        },
        at(),
    )
    .unwrap();
    assert_eq!(app.account().unwrap().login, "ZB-002");
    drop(app);
    std::fs::write(&keys, &good).unwrap();

    // A wrap moved to another login does not open: the login is bound into the wrap.
    let mut ring: serde_json::Value = serde_json::from_slice(&good).unwrap();
    let gm_wrap = ring["wraps"]["ZB-001"].clone();
    ring["wraps"]["ZB-003"] = gm_wrap.clone();
    let (c, _) = {
        std::fs::write(&keys, serde_json::to_vec(&ring).unwrap()).unwrap();
        try_in("ZB-003").expect("a moved wrap opened")
    };
    assert_eq!(c, "auth.bad_password");

    // A wrap asking for 4 GiB of memory for the key derivation is refused before deriving.
    let mut ring: serde_json::Value = serde_json::from_slice(&good).unwrap();
    ring["wraps"]["ZB-001"]["m"] = serde_json::json!(4 * 1024 * 1024);
    std::fs::write(&keys, serde_json::to_vec(&ring).unwrap()).unwrap();
    let (c, m) = try_in("ZB-001").expect("a bloated cost was accepted");
    assert_eq!(c, "auth.keyfile");
    assert!(m.contains("已损坏") && m.contains("m=4194304"), "{m}");

    // Garbage, a truncated file and a 2 MiB file are each refused with a message.
    for bytes in [
        b"\x00\xffnot json".to_vec(),
        good[..good.len() / 2].to_vec(),
        vec![b' '; 2 << 20],
    ] {
        std::fs::write(&keys, &bytes).unwrap();
        let (c, m) = try_in("ZB-001").expect("a broken key file opened");
        assert!(c == "auth.keyfile" || c == "file.too_large", "{c}: {m}");
    }
    // Put back, everything opens as before.
    std::fs::write(&keys, &good).unwrap();
    assert!(try_in("ZB-001").is_none());
}

/// Issue 23: approve and return were offered to people who would then be refused.
#[test]
fn only_those_who_may_decide_a_submitted_plan_are_offered_it() {
    use branchdesk_app::plans::PlanInput;
    use branchdesk_domain::{PlanAction, PlanLevel, PlanStatus, Priority};
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    let mut gm = sign_in(&path, "ZB-001");
    let row = gm
        .plan_save(&PlanInput {
            id: None,
            unit_id: unit(&gm, "ZB"),
            parent_id: None,
            level: PlanLevel::Annual,
            title: "淄博市分公司2017年度培训计划".into(),
            owner_person_id: None,
            owner_position_id: None,
            period: "2017".into(),
            priority: Priority::Medium,
            weight: "100".into(),
            target_value: None,
            target_unit: String::new(),
            kpi_metric: None,
            actual_value: None,
            progress: "0".into(),
            milestones: Vec::new(),
            outcome: String::new(),
            deviation: String::new(),
        })
        .unwrap();
    gm.plan_transition(&row.node.id, PlanAction::Submit, "")
        .unwrap();
    drop(gm);
    let offered = |login: &str| {
        let r = sign_in(&path, login)
            .plans(None)
            .unwrap()
            .into_iter()
            .find(|r| r.node.id == row.node.id)
            .unwrap();
        assert_eq!(r.node.status, PlanStatus::Submitted);
        r.may_decide
    };
    assert!(offered("ZB-004"), "a head of department approves");
    assert!(!offered("ZB-003"), "the clerk is not offered it");
    let (c, _) = code(
        sign_in(&path, "ZB-003")
            .plan_transition(&row.node.id, PlanAction::Return, "退回")
            .unwrap_err(),
    );
    assert_eq!(c, "auth.forbidden", "and would be refused");
}

#[test]
fn the_clerk_drafts_and_the_general_manager_signs_after_typing_the_password_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    let mut clerk = sign_in(&path, "ZB-003");
    let input = OutgoingInput {
        id: None,
        unit_id: unit(&clerk, "ZB"),
        category: "company".into(),
        title: "关于年终安全检查的通知".into(),
        drafting_unit_id: Some(unit(&clerk, "ZB-OFF")),
        drafter_id: None,
        secret: false,
        scope_units: Vec::new(),
        scope_positions: Vec::new(),
    };
    let doc = clerk.outgoing_save(&input).unwrap();
    let gm_id = person(&clerk, "ZB-001");
    // The clerk cannot sign, not even naming the general manager as the signer.
    let (c, m) = code(
        clerk
            .outgoing_sign(&doc.id, &gm_id, "2016-12-05")
            .unwrap_err(),
    );
    assert_eq!(c, "auth.forbidden");
    assert!(m.contains("总经理本人"), "{m}");
    drop(clerk);

    let mut gm = sign_in(&path, "ZB-001");
    let (c, _) = code(gm.outgoing_sign(&doc.id, &gm_id, "2016-12-05").unwrap_err());
    assert_eq!(c, "auth.confirm_needed");
    assert_eq!(
        gm.confirm("wrong password").unwrap_err().code(),
        "auth.bad_password"
    );
    gm.confirm(DEMO_PASSWORD).unwrap();
    let signed = gm.outgoing_sign(&doc.id, &gm_id, "2016-12-05").unwrap();
    assert_eq!(signed.signer_id.as_deref(), Some(gm_id.as_str()));
    // The record names the person, the post that gave the authority, and the minute.
    assert_eq!(
        signed.signing(Lang::Zh).as_deref(),
        Some("韩立新（总经理）于 2016-12-05 10:12 签发")
    );
    assert_eq!(
        gm.outgoing_detail(&doc.id).unwrap().doc.signed_by,
        "韩立新（总经理）"
    );
    // One confirmation, one act.
    let other = gm
        .outgoing_save(&OutgoingInput {
            title: "关于春节值班安排的通知".into(),
            ..input
        })
        .unwrap();
    assert_eq!(
        gm.outgoing_sign(&other.id, &gm_id, "2016-12-05")
            .unwrap_err()
            .code(),
        "auth.confirm_needed"
    );
}

#[test]
fn passwords_change_reset_and_recover() {
    let dir = tempfile::tempdir().unwrap();
    let (path, recovery) = demo_db(dir.path());
    let who = |login: &str, pw: &str| SignIn {
        login: login.into(),
        password: pw.into(),
    };
    // Change one's own.
    let mut gm = sign_in(&path, "ZB-001");
    assert_eq!(
        gm.users_change_password("wrong-old-1", "新密码-2016-12")
            .unwrap_err()
            .code(),
        "auth.bad_password"
    );
    assert_eq!(
        gm.users_change_password(DEMO_PASSWORD, "short")
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    gm.users_change_password(DEMO_PASSWORD, "新密码-2016-12")
        .unwrap();
    drop(gm);
    assert!(App::sign_in(&path, &who("ZB-001", DEMO_PASSWORD), at()).is_err());
    assert!(App::sign_in(&path, &who("ZB-001", "新密码-2016-12"), at()).is_ok());
    // Only an administrator resets, adds and disables.
    let mut gm = App::sign_in(&path, &who("ZB-001", "新密码-2016-12"), at()).unwrap();
    assert_eq!(
        gm.users_reset("ZB-003", "reset-by-gm").unwrap_err().code(),
        "auth.forbidden"
    );
    drop(gm);
    let mut admin = sign_in(&path, "ZB-002");
    admin.users_reset("ZB-003", "临时密码-0001").unwrap();
    admin
        .users_add(&NewAccount {
            login: "HQ-7".into(),
            name: "总部审计员".into(),
            password: "审计员的密码123".into(),
            hq_staff: true,
            ..NewAccount::default()
        })
        .unwrap();
    admin.users_disable("ZB-004", true).unwrap();
    assert_eq!(
        admin.users_disable("ZB-002", true).unwrap_err().code(),
        "input.invalid"
    );
    drop(admin);
    assert!(App::sign_in(&path, &who("ZB-003", "临时密码-0001"), at()).is_ok());
    assert!(App::sign_in(&path, &who("HQ-7", "审计员的密码123"), at()).is_ok());
    assert_eq!(
        App::sign_in(&path, &who("ZB-004", DEMO_PASSWORD), at())
            .err()
            .unwrap()
            .code(),
        "auth.bad_password"
    );
    // The recovery key: a typo, another database's key, then the right one.
    let mut typo: Vec<char> = recovery.chars().collect();
    typo[1] = if typo[1] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    let e = App::recover(&path, &typo, &who("ZB-002", "恢复后的新密码-12"), at())
        .err()
        .unwrap();
    assert_eq!(e.code(), "auth.bad_recovery_key");
    let other_dir = tempfile::tempdir().unwrap();
    let (_, other) = demo_db(other_dir.path());
    let e = App::recover(&path, &other, &who("ZB-002", "恢复后的新密码-12"), at())
        .err()
        .unwrap();
    assert_eq!(e.code(), "auth.bad_recovery_key");
    assert!(e.message(Lang::Zh).contains("不符"));
    // The key file lost: the recovery key alone opens it and writes a new one.
    std::fs::remove_file(format!("{}.keys", path.display())).unwrap();
    assert_eq!(
        App::sign_in(&path, &who("ZB-002", DEMO_PASSWORD), at())
            .err()
            .unwrap()
            .code(),
        "auth.no_keyfile"
    );
    App::recover(
        &path,
        &recovery.to_lowercase(),
        &who("ZB-002", "恢复后的新密码-12"),
        at(),
    )
    .unwrap();
    assert!(App::sign_in(&path, &who("ZB-002", "恢复后的新密码-12"), at()).is_ok());
}

#[test]
fn a_plain_database_is_converted_row_for_row_and_leaves_no_plain_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let before = {
        let app = App::init(
            &path,
            &InitOptions {
                demo: true,
                ..InitOptions::default()
            },
            at(),
        )
        .unwrap();
        app.info().unwrap().counts
    };
    let plain = dump(&path, None);
    assert!(plain.len() > 300, "{}", plain.len());
    assert!(std::fs::read(&path)
        .unwrap()
        .starts_with(b"SQLite format 3"));
    let state = App::probe(&path).unwrap();
    assert!(state.needs_setup && !state.encrypted);
    let mut app = App::set_up(
        &path,
        &NewAccount {
            login: "ZB-002".into(),
            password: "管理员的密码-1".into(),
            ..NewAccount::default()
        },
        at(),
    )
    .unwrap();
    let recovery = app.take_recovery_key().unwrap();
    assert_eq!(app.info().unwrap().counts, before);
    assert_eq!(app.account().unwrap().name, "刘晓燕");
    assert!(app.account().unwrap().admin);
    drop(app);
    let key = branchdesk_app::users::keyring::parse_recovery(&recovery).unwrap();
    let converted = dump(&path, Some(key.bytes()));
    let gone: Vec<&String> = plain.iter().filter(|r| !converted.contains(r)).collect();
    // (Opening brings the organisation to today once a day and notes the day.)
    let refreshed = format!("{:?}", rusqlite::types::ValueRef::Text(b"org_refreshed_on"));
    let new: Vec<&String> = converted
        .iter()
        .filter(|r| !plain.contains(r) && !r.contains(&refreshed))
        .collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "lost {gone:?}; new {new:?}"
    );
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    assert!(!contains(&raw, "韩立新"));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for f in &left {
        assert!(
            f == "old.db" || f == "old.db.keys" || f.ends_with("-wal") || f.ends_with("-shm"),
            "left behind: {f}"
        );
        let bytes = std::fs::read(dir.path().join(f)).unwrap();
        assert!(!contains(&bytes, "韩立新"), "{f} holds a name in clear");
    }
    assert!(App::probe(&path).unwrap().encrypted);
    let again = App::sign_in(
        &path,
        &SignIn {
            login: "ZB-002".into(),
            password: "管理员的密码-1".into(),
        },
        at(),
    )
    .unwrap();
    assert_eq!(again.info().unwrap().counts, before);
}

#[test]
fn a_second_program_reads_what_the_first_wrote_while_it_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    let mut window = sign_in(&path, "ZB-002");
    window
        .update_settings(&branchdesk_domain::SettingsUpdate {
            site_name: Some("淄博市分公司（测试）".into()),
            ..Default::default()
        })
        .unwrap();
    let cli = sign_in(&path, "ZB-001");
    assert_eq!(cli.info().unwrap().site.name, "淄博市分公司（测试）");
    drop(window);
}

#[test]
fn bundles_carry_the_person_who_acted_and_headquarters_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_db(dir.path());
    let mut hq = common::sites::site(
        dir.path(),
        "hq.db",
        "集团总部",
        branchdesk_domain::Role::Hq,
        false,
    );
    let mut zb = sign_in(&path, "ZB-001");
    common::sites::enrol(&mut hq, &mut zb, "ZB");
    let plan = zb
        .plans(None)
        .unwrap()
        .into_iter()
        .find(|p| p.node.title == "一季度开门红：保费收入同比增长12%")
        .unwrap();
    zb.plan_transition(
        &plan.node.id,
        branchdesk_domain::PlanAction::Submit,
        "请总部审批",
    )
    .unwrap();
    common::sites::up(&mut zb, &mut hq);
    let seen = hq.plan_history(&plan.node.id).unwrap();
    assert!(
        seen.iter()
            .any(|c| c.by == "韩立新（总经理）" && c.comment == "请总部审批"),
        "{seen:?}"
    );
}
