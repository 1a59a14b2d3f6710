#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
use branchdesk_domain::{PositionAttrs, PositionStatus, Role, UnitAttrs, UnitKind};
use branchdesk_store::{Error, Store, Writer, SCHEMA_VERSION};

fn attrs(name: &str, parent: Option<&str>) -> UnitAttrs {
    UnitAttrs {
        name: name.into(),
        kind: UnitKind::Branch,
        parent_id: parent.map(str::to_string),
        control_mode: None,
        ownership: None,
        industry: String::new(),
        econ_assessed: false,
        sort: 0,
        ..Default::default()
    }
}

fn add(w: &Writer<'_>, code: &str, name: &str) -> Result<String, Error> {
    w.add_unit(
        code,
        &attrs(name, None),
        "2016-01-01",
        "2016-01-01T00:00:00Z",
    )
}

#[test]
fn create_open_and_refuse_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/b.db");
    let mut store = Store::create(&path).unwrap();
    store
        .write(|w| {
            w.set_site(
                "s1",
                "淄博市分公司",
                Role::Unit,
                "示范集团",
                "2026-01-01T00:00:00Z",
            )
        })
        .unwrap();
    drop(store);
    assert!(matches!(Store::create(&path), Err(Error::AlreadyExists(_))));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.site().unwrap().name, "淄博市分公司");
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn refuses_newer_schema_and_leaves_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    drop(Store::create(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(Error::NewerSchema { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 5);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_files_that_are_not_branchdesk_databases() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "这不是数据库 this is not a database at all, just some text",
    )
    .unwrap();
    assert!(matches!(Store::open(&text), Err(Error::NotBranchdesk(_))));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    assert!(matches!(Store::open(&other), Err(Error::NotBranchdesk(_))));
    assert!(matches!(
        Store::open(&dir.path().join("nope.db")),
        Err(Error::Missing(_))
    ));
}

#[test]
fn a_failed_write_changes_nothing() {
    let mut store = Store::in_memory().unwrap();
    let result: Result<(), Error> = store.write(|w| {
        add(w, "ZB01", "张店区支公司")?;
        add(w, "ZB01", "重复编码")?; // duplicate code: the whole write fails
        Ok(())
    });
    match result {
        Err(Error::Duplicate(what)) => assert!(what.contains("ZB01")),
        other => panic!("expected Duplicate, got {other:?}"),
    }
    assert_eq!(store.counts().unwrap().units, 0);
    store.write(|w| add(w, "ZB01", "张店区支公司")).unwrap();
    assert_eq!(store.counts().unwrap().units, 1);
}

#[test]
fn action_item_stats_count_overdue_against_today() {
    let mut store = Store::in_memory().unwrap();
    store
        .write(|w| {
            for (due, status) in [
                ("2026-01-01", "open"),
                ("2026-12-01", "open"),
                ("2026-01-01", "done"),
                ("2026-02-01", "in_progress"),
            ] {
                w.put_action(&branchdesk_domain::ActionItem {
                    id: branchdesk_store::new_id(),
                    meeting_id: None,
                    unit_id: None,
                    title: "落实续保分配".into(),
                    detail: String::new(),
                    owner_id: None,
                    due_on: due.into(),
                    status: branchdesk_domain::ActionStatus::parse(status).unwrap(),
                    plan_node_id: None,
                    doc_id: None,
                    created_at: "2026-01-01T00:00:00Z".into(),
                    closed_on: None,
                    sort: 0,
                })?;
            }
            Ok::<_, Error>(())
        })
        .unwrap();
    assert_eq!(store.action_item_stats("2026-06-01").unwrap(), (3, 2));
    assert_eq!(store.action_item_stats("2025-06-01").unwrap(), (3, 0));
}

#[test]
fn an_older_database_is_copied_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A database as the first release wrote it: schema version 1, with a figure in it.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", 0x4244_4B31_i64)
            .unwrap();
        c.execute_batch(include_str!("../migrations/0001_init.sql"))
            .unwrap();
        c.execute_batch(
            "INSERT INTO site VALUES (1, 's', '淄博市分公司', 'unit', '', '2016-01-01');
             INSERT INTO unit (id, code, name, kind) VALUES ('u1', 'ZB-ZD', '张店区支公司', 'branch');
             INSERT INTO kpi_value VALUES ('u1', '2016-07', 'users', '50');
             INSERT INTO meeting (id, unit_id, kind, series, title, held_at, status)
               VALUES ('m1', 'u1', 'weekly', '周例会', '第1期周例会', '2016-07-04T08:30', 'final');
             INSERT INTO action_item (id, meeting_id, title, due_on, status)
               VALUES ('a1', 'm1', '落实续保分配', '2016-07-08', 'done');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store.kpi_values().unwrap().len(),
        1,
        "data survives the migration"
    );
    let (m, body) = store.meeting("m1").unwrap().unwrap();
    assert_eq!(
        (m.rev, m.series.as_str()),
        (1, "周例会"),
        "a final meeting is revision 1"
    );
    assert!(body.decisions.is_empty());
    let a = store.action("a1").unwrap().unwrap();
    assert_eq!(
        a.unit_id.as_deref(),
        Some("u1"),
        "action items learn their meeting's unit"
    );
    assert_eq!(a.closed_on.as_deref(), Some("2016-07-08"));
    let baks: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("old.db.v1-"))
        .collect();
    assert_eq!(baks.len(), 1, "a copy of the version-1 file is kept");
    let copy = rusqlite::Connection::open(&baks[0]).unwrap();
    let v: i64 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
}

#[test]
fn figure_changes_are_logged_with_who_and_when() {
    let mut store = Store::in_memory().unwrap();
    let unit_id = store.write(|w| add(w, "ZB-ZD", "张店区支公司")).unwrap();
    store
        .write(|w| {
            assert!(w.record_kpi_value(
                &unit_id,
                "2016-07",
                "users",
                "50",
                "刘晓燕",
                "2016-08-01T09:00:00Z"
            )?);
            assert!(!w.record_kpi_value(
                &unit_id,
                "2016-07",
                "users",
                "50",
                "刘晓燕",
                "2016-08-01T09:01:00Z"
            )?);
            assert!(w.record_kpi_value(
                &unit_id,
                "2016-07",
                "users",
                "52",
                "孙倩",
                "2016-08-02T10:00:00Z"
            )?);
            Ok::<_, Error>(())
        })
        .unwrap();
    let h = store
        .kpi_value_history(&unit_id, "2016-07", "users")
        .unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].old.as_deref(), Some("50"));
    assert_eq!(
        (h[0].new.as_str(), h[0].by.as_str(), h[0].at.as_str()),
        ("52", "孙倩", "2016-08-02T10:00:00Z")
    );
    assert_eq!(h[1].old, None);
}

fn names(store: &Store, date: &str) -> Vec<(String, String, Option<String>)> {
    store
        .units(Some(date))
        .unwrap()
        .into_iter()
        .map(|u| (u.code, u.attrs.name, u.attrs.parent_id))
        .collect()
}

#[test]
fn reorganisations_are_dated_and_earlier_dates_still_show_the_old_state() {
    let mut store = Store::in_memory().unwrap();
    let at = "2016-09-01T10:00:00Z";
    let (zb, zd, dept) = store
        .write(|w| -> Result<_, Error> {
            let zb = add(w, "ZB", "淄博市分公司")?;
            let zd = add(w, "ZB-ZD", "张店区支公司")?;
            let dept = w.add_unit("OPS", &attrs("运营部", Some(&zb)), "2016-01-01", at)?;
            Ok((zb, zd, dept))
        })
        .unwrap();
    // July: the department moves to the district branch. March (recorded later): it is renamed.
    store
        .write(|w| w.change_unit(&dept, &attrs("运营部", Some(&zd)), "2016-07-01", at, "划转"))
        .unwrap();
    store
        .write(|w| {
            w.change_unit(
                &dept,
                &attrs("运营管理部", Some(&zb)),
                "2016-03-01",
                at,
                "更名",
            )
        })
        .unwrap();
    let ops = |date: &str| {
        names(&store, date)
            .into_iter()
            .find(|u| u.0 == "OPS")
            .unwrap()
    };
    assert_eq!(
        ops("2016-02-01"),
        ("OPS".into(), "运营部".into(), Some(zb.clone()))
    );
    assert_eq!(
        ops("2016-04-01"),
        ("OPS".into(), "运营管理部".into(), Some(zb.clone()))
    );
    // The rename carries past the move; the move is kept.
    assert_eq!(
        ops("2016-08-01"),
        ("OPS".into(), "运营管理部".into(), Some(zd.clone()))
    );
    // Before it existed, a unit is not there.
    assert!(names(&store, "2015-12-31").is_empty());
    // Nothing was rewritten: five version rows (add, move, rename, carried rename at July).
    let versions = store.unit_versions(&dept).unwrap();
    assert_eq!(versions.len(), 4);
    assert_eq!(versions[0].attrs.name, "运营部");
    assert_eq!(
        store.org_change_dates("2016-02-01").unwrap(),
        ["2016-03-01", "2016-07-01"]
    );
    // The current table follows "today".
    store.write(|w| w.refresh_org("2016-05-01")).unwrap();
    let now = store.units(None).unwrap();
    let cur = now.iter().find(|u| u.code == "OPS").unwrap();
    assert_eq!(
        (cur.attrs.name.as_str(), cur.attrs.parent_id.as_deref()),
        ("运营管理部", Some(zb.as_str()))
    );
    store.write(|w| w.refresh_org("2016-12-31")).unwrap();
    let now = store.units(None).unwrap();
    let cur = now.iter().find(|u| u.code == "OPS").unwrap();
    assert_eq!(cur.attrs.parent_id.as_deref(), Some(zd.as_str()));
    // An unchanged "change" writes nothing.
    let same = cur.attrs.clone();
    assert!(!store
        .write(|w| w.change_unit(&dept, &same, "2016-12-01", at, ""))
        .unwrap());
    // A change before the unit existed is refused.
    assert!(matches!(
        store.write(|w| w.change_unit(&dept, &same, "2015-01-01", at, "")),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn positions_keep_their_versions_and_duties() {
    let mut store = Store::in_memory().unwrap();
    let at = "2016-09-01T10:00:00Z";
    let pos = |unit: &str, title: &str, sup: Option<&str>| PositionAttrs {
        unit_id: unit.into(),
        title: title.into(),
        superior_id: sup.map(str::to_string),
        description: "负责运营".into(),
        duties: vec!["制定运营计划".into(), "督办执行".into()],
        status: PositionStatus::Active,
        sort: 0,
        ..Default::default()
    };
    let (u, gm, ops) = store
        .write(|w| -> Result<_, Error> {
            let u = add(w, "ZB", "淄博市分公司")?;
            let gm = w.add_position("GM", &pos(&u, "总经理", None), "2016-01-01", at)?;
            let ops = w.add_position("OPSD", &pos(&u, "运营总监", Some(&gm)), "2016-01-01", at)?;
            Ok((u, gm, ops))
        })
        .unwrap();
    let mut closed = pos(&u, "运营总监", Some(&gm));
    closed.closed = true;
    store
        .write(|w| w.change_position(&ops, &closed, "2016-10-01", at, "撤销"))
        .unwrap();
    let before = store.positions(Some("2016-09-30")).unwrap();
    let after = store.positions(Some("2016-10-01")).unwrap();
    assert_eq!(before.len(), 2);
    assert!(!before.iter().any(|p| p.attrs.closed));
    assert!(after.iter().find(|p| p.id == ops).unwrap().attrs.closed);
    assert_eq!(after[1].attrs.duties, ["制定运营计划", "督办执行"]);
}

#[test]
fn an_encrypted_database_holds_no_plain_text_and_opens_only_with_its_key() {
    use branchdesk_store::DbKey;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    let key = DbKey::from_bytes([7; 32]);
    {
        let mut s = Store::create_with(&path, Some(&key)).unwrap();
        s.write(|w| w.set_setting("motto", "淄博市分公司韩立新"))
            .unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    let needle = "韩立新".as_bytes();
    assert!(!raw.windows(needle.len()).any(|w| w == needle));
    assert!(branchdesk_store::is_encrypted(&path).unwrap());
    assert!(matches!(Store::open(&path), Err(Error::Encrypted(_))));
    assert!(matches!(
        Store::open_with(&path, Some(&DbKey::from_bytes([8; 32]))),
        Err(Error::WrongKey)
    ));
    let s = Store::open_with(&path, Some(&key)).unwrap();
    assert_eq!(
        s.setting("motto").unwrap().as_deref(),
        Some("淄博市分公司韩立新")
    );
}

#[test]
fn a_plain_database_is_encrypted_row_for_row() {
    use branchdesk_store::DbKey;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    let mut s = Store::create(&plain).unwrap();
    s.write(|w| w.set_setting("motto", "张店区支公司")).unwrap();
    let key = DbKey::from_bytes([9; 32]);
    let enc = dir.path().join("enc.db");
    s.encrypt_to(&enc, &key).unwrap();
    drop(s);
    let e = Store::open_with(&enc, Some(&key)).unwrap();
    assert_eq!(e.setting("motto").unwrap().as_deref(), Some("张店区支公司"));
    assert_eq!(e.schema_version().unwrap(), SCHEMA_VERSION);
    // The full-text index (a virtual table) came along and works.
    assert!(e.search("张店", 10).is_ok());
    assert!(!std::fs::read(&enc).unwrap().starts_with(b"SQLite format 3"));
}
