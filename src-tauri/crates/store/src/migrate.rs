//! Embedded migrations. Migration `n` (1-based) brings `user_version` from `n - 1` to `n`.

use std::path::Path;

use rusqlite::Connection;

use crate::{Error, Result};

/// Every file in `migrations/` as (name, SQL), in order (the list is written by build.rs).
pub(crate) const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

const MIGRATIONS: [&str; FILES.len()] = {
    let mut out = [""; FILES.len()];
    let mut i = 0;
    while i < FILES.len() {
        out[i] = FILES[i].1;
        i += 1;
    }
    out
};

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies every pending migration, each in its own transaction. If the file already held
/// data (version > 0), a copy is written next to it first: `<file>.v<old>-<timestamp>.bak`.
pub(crate) fn run(conn: &mut Connection, path: &Path, from: i64) -> Result<()> {
    run_list(conn, path, from, &MIGRATIONS)
}

fn run_list(conn: &mut Connection, path: &Path, from: i64, migrations: &[&str]) -> Result<()> {
    if from >= migrations.len() as i64 {
        return Ok(());
    }
    if from > 0 && path != Path::new(":memory:") {
        backup(conn, path, from)?;
    }
    for (i, sql) in migrations.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn backup(conn: &Connection, path: &Path, from: i64) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d%H%M%S");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{from}-{stamp}.bak"));
    let target = std::path::PathBuf::from(name);
    let target_str = target
        .to_str()
        .ok_or_else(|| Error::Io(target.clone(), std::io::Error::other("path is not UTF-8")))?;
    // The copy is as private as the database (0600), and encrypted with its key: VACUUM INTO
    // writes into the empty file made here, through the same cipher.
    crate::create_private(&target)?;
    // VACUUM INTO writes a consistent copy even while the WAL holds uncheckpointed pages.
    conn.execute("VACUUM INTO ?1", [target_str])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_copy_before_migrating_and_rolls_back_a_failed_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut conn = Connection::open(&path).unwrap();
        let first = "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);";
        run_list(&mut conn, &path, 0, &[first]).unwrap();
        assert_eq!(version(&conn).unwrap(), 1);
        // No copy for a fresh file.
        assert_eq!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".bak"))
                .count(),
            0
        );

        // A second step that fails half-way: nothing of it stays, the version stays 1.
        let bad = "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);";
        assert!(run_list(&mut conn, &path, 1, &[first, bad]).is_err());
        assert_eq!(version(&conn).unwrap(), 1);
        let b_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b_exists, 0);

        let baks: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bak"))
            .collect();
        assert_eq!(baks.len(), 1, "a copy is kept before migrating");
        let copy = Connection::open(&baks[0]).unwrap();
        let x: i64 = copy.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 1);
        assert_eq!(version(&copy).unwrap(), 1);
    }
}

#[cfg(test)]
mod sync_authority {
    use super::*;

    /// Migration 8 renames another site's categories and schemes to `name@site`, with the
    /// numbers, documents and ownership rows that refer to them; this site's stay as they are.
    #[test]
    fn names_of_other_sites_are_namespaced_with_what_refers_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        let mut conn = Connection::open(&path).unwrap();
        run_list(&mut conn, &path, 0, &MIGRATIONS[..7]).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO unit (id, code, name, kind) VALUES ('u', 'ZB', '淄博', 'branch');
             INSERT INTO doc_category (code, name, prefix, kind) VALUES ('company', '公司发文', '济人保发', 'company'), ('office', '办公室', '淄人保办', 'company');
             INSERT INTO doc_number (category, year, seq, state, doc_id, at) VALUES ('company', 2016, 1, 'used', 'd', 't'), ('office', 2016, 1, 'used', NULL, 't');
             INSERT INTO outgoing_doc (id, unit_id, category, title, year, seq, number, status, created_at, updated_at)
                 VALUES ('d', 'u', 'company', '通知', 2016, 1, '济人保发〔2016〕1号', 'issued', 't', 't');
             INSERT INTO kpi_scheme (id, version, name, source, added_at) VALUES ('mms', 1, 'a', 's', 't'), ('mms', 2, 'a', 's', 't'), ('mine', 1, 'b', 's', 't');
             INSERT INTO sync_owner (tbl, key, site) VALUES
                 ('doc_category', '[\"company\"]', 'S1'), ('doc_number', '[\"company\",2016,1]', 'S1'),
                 ('outgoing_doc', '[\"d\"]', 'S1'), ('kpi_scheme', '[\"mms\",1]', 'S1'), ('kpi_scheme', '[\"mms\",2]', 'S1');",
        )
        .unwrap();
        run_list(&mut conn, &path, 7, &MIGRATIONS).unwrap();
        let all = |sql: &str| -> Vec<String> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        assert_eq!(
            all("SELECT code FROM doc_category ORDER BY code"),
            ["company@S1", "office"]
        );
        assert_eq!(
            all("SELECT category || ' ' || seq FROM doc_number ORDER BY category"),
            ["company@S1 1", "office 1"]
        );
        assert_eq!(all("SELECT category FROM outgoing_doc"), ["company@S1"]);
        assert_eq!(
            all("SELECT id || ' ' || version FROM kpi_scheme ORDER BY id, version"),
            ["mine 1", "mms@S1 1", "mms@S1 2"]
        );
        assert_eq!(
            all("SELECT tbl || key FROM sync_owner ORDER BY tbl, key"),
            [
                "doc_category[\"company@S1\"]",
                "doc_number[\"company@S1\",2016,1]",
                "kpi_scheme[\"mms@S1\",1]",
                "kpi_scheme[\"mms@S1\",2]",
                "outgoing_doc[\"d\"]"
            ]
        );
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0);
        // The capture triggers were off: nothing of another site's became a change to send.
        assert_eq!(
            all("SELECT tbl FROM sync_change WHERE key LIKE '%@S1%'"),
            Vec::<String>::new()
        );
    }
}

#[cfg(test)]
mod encrypted_copy {
    use super::*;

    /// The copy kept before migrating an encrypted database is encrypted with the same key
    /// and readable only by its owner.
    #[test]
    fn the_copy_of_an_encrypted_database_is_encrypted_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("enc.db");
        crate::create_private(&path).unwrap();
        let key = crate::DbKey::from_bytes([5; 32]);
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(&key.pragma()).unwrap();
        let first = "CREATE TABLE a (x TEXT); INSERT INTO a VALUES ('淄博市分公司韩立新');";
        run_list(&mut conn, &path, 0, &[first]).unwrap();
        run_list(&mut conn, &path, 1, &[first, "CREATE TABLE b (y INTEGER);"]).unwrap();
        let bak = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(".bak"))
            .expect("a copy is kept");
        let raw = std::fs::read(&bak).unwrap();
        assert!(!raw.starts_with(b"SQLite format 3"));
        let name = "韩立新".as_bytes();
        assert!(!raw.windows(name.len()).any(|w| w == name));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&bak).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let copy = Connection::open(&bak).unwrap();
        copy.execute_batch(&key.pragma()).unwrap();
        let x: String = copy.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, "淄博市分公司韩立新");
    }
}

#[cfg(test)]
mod enum_guards {
    use branchdesk_domain::{ActionStatus, MeetingKind, PlanStatus};

    /// The guard triggers of migration 0021 name exactly the Rust enums' stored names, and
    /// refuse anything else.
    #[test]
    fn the_guards_list_the_enums_and_refuse_the_rest() {
        let s = crate::Store::in_memory().unwrap();
        let sql = |name: &str| -> String {
            s.conn()
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let quoted = |names: Vec<&str>| {
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let kinds = quoted(MeetingKind::ALL.iter().map(|k| k.as_str()).collect());
        let actions = quoted(ActionStatus::ALL.iter().map(|k| k.as_str()).collect());
        let plans = quoted(PlanStatus::ALL.iter().map(|k| k.as_str()).collect());
        for (trigger, list) in [
            ("meeting_kind_guard_ins", &kinds),
            ("meeting_kind_guard_upd", &kinds),
            ("action_log_status_guard_ins", &actions),
            ("action_log_status_guard_upd", &actions),
            ("plan_log_status_guard_ins", &plans),
            ("plan_log_status_guard_upd", &plans),
        ] {
            assert!(
                sql(trigger).contains(&format!("NOT IN ({list})")),
                "{trigger}: {list}"
            );
        }
        let e = s
            .conn()
            .execute(
                "INSERT INTO meeting (id, unit_id, kind, title, held_at) VALUES ('m', 'u', 'plan', 't', '2016-12-05T09:00')",
                [],
            )
            .unwrap_err();
        assert!(e.to_string().contains("meeting.kind"), "{e}");
    }
}
