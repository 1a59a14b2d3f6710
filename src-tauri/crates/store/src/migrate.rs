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
