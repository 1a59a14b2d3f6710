#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
use branchdesk_domain::{Role, UnitKind};
use branchdesk_store::{Error, NewUnit, Store, SCHEMA_VERSION};

fn unit<'a>(code: &'a str, name: &'a str) -> NewUnit<'a> {
    NewUnit {
        code,
        name,
        kind: UnitKind::Branch,
        parent_id: None,
        control_mode: None,
        ownership: None,
        industry: None,
        econ_assessed: false,
        sort: 0,
    }
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
        w.insert_unit(&unit("ZB01", "张店区支公司"))?;
        w.insert_unit(&unit("ZB01", "重复编码"))?; // duplicate code: the whole write fails
        Ok(())
    });
    match result {
        Err(Error::Duplicate(what)) => assert!(what.contains("ZB01")),
        other => panic!("expected Duplicate, got {other:?}"),
    }
    assert_eq!(store.counts().unwrap().units, 0);
    store
        .write(|w| w.insert_unit(&unit("ZB01", "张店区支公司")))
        .unwrap();
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
                w.insert_action_item(&branchdesk_store::NewActionItem {
                    meeting_id: None,
                    title: "落实续保分配",
                    owner_id: None,
                    due_on: due,
                    status,
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
    let unit_id = store
        .write(|w| w.insert_unit(&unit("ZB-ZD", "张店区支公司")))
        .unwrap();
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
