//! Copies of the whole database: taken while the program runs, and checked.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::{migrate, unlock, uri_path, DbKey, Error, Reader, Result, Store};

/// What a copy of the database holds, read from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFacts {
    pub schema_version: i64,
    /// Rows per table.
    pub rows: BTreeMap<String, i64>,
}

impl CopyFacts {
    pub fn total_rows(&self) -> i64 {
        self.rows.values().sum()
    }
}

impl<C: std::borrow::Borrow<Connection>> Reader<C> {
    /// Rows per table of this database.
    pub fn table_rows(&self) -> Result<BTreeMap<String, i64>> {
        table_rows(self.conn())
    }
}

fn table_rows(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    table_rows_in(conn, "main")
}

/// Rows per table of the attached database `schema` (`main`, or an attached copy).
pub(crate) fn table_rows_in(conn: &Connection, schema: &str) -> Result<BTreeMap<String, i64>> {
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND rootpage > 0 \
             AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = BTreeMap::new();
    for t in tables {
        // `t` comes from the file's own schema; quoted as an identifier.
        let n: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM {schema}.\"{}\"",
                t.replace('"', "\"\"")
            ),
            [],
            |r| r.get(0),
        )?;
        out.insert(t, n);
    }
    Ok(out)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (a new file, 0600; encrypted with
    /// the database's key, since `VACUUM INTO` writes through the same cipher), while other
    /// programs may be writing, then checks the copy: it opens with `key`, passes
    /// `integrity_check`, and, if no other program wrote meanwhile, holds exactly as many rows
    /// per table as the database. Returns what the copy holds. On failure no file is left.
    pub fn copy_to(&self, dest: &Path, key: Option<&DbKey>) -> Result<CopyFacts> {
        let out = self.copy_unchecked(dest).and_then(|before| {
            let facts = check_copy(dest, key)?;
            if let Some(rows) = before {
                if rows != facts.rows {
                    return Err(Error::Damaged(format!(
                        "the copy {} does not hold the rows of the database",
                        dest.display()
                    )));
                }
            }
            Ok(facts)
        });
        if out.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        out
    }

    /// `VACUUM INTO dest`; the row counts the copy must have, if nobody wrote during it.
    fn copy_unchecked(&self, dest: &Path) -> Result<Option<BTreeMap<String, i64>>> {
        let dest_str = dest.to_str().ok_or_else(|| {
            Error::Io(
                dest.to_path_buf(),
                std::io::Error::other("path is not UTF-8"),
            )
        })?;
        crate::create_private(dest)?;
        let conn = self.conn();
        let version = |c: &Connection| -> Result<i64> {
            Ok(c.pragma_query_value(None, "data_version", |r| r.get(0))?)
        };
        let before = version(conn)?;
        let rows = table_rows(conn)?;
        conn.execute("VACUUM INTO ?1", [dest_str])?;
        // data_version changes when another connection committed in between; then the copy is
        // a consistent picture of a later moment and the counts above do not apply.
        Ok((version(conn)? == before).then_some(rows))
    }
}

/// Opens the database copy at `path` for reading only (with `key` if it is encrypted),
/// checks it is a Branchdesk database in good order (`integrity_check`) and counts its rows.
pub fn check_copy(path: &Path, key: Option<&DbKey>) -> Result<CopyFacts> {
    let conn = Connection::open_with_flags(
        format!("file:{}?immutable=1", uri_path(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )?;
    unlock(&conn, path, key)?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(Error::Damaged(problems.join("; ")));
    }
    Ok(CopyFacts {
        schema_version: migrate::version(&conn)?,
        rows: table_rows(&conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_rows(path: &Path, key: Option<&DbKey>) -> Store {
        let mut s = Store::create_with(path, key).unwrap();
        s.write(|w| -> Result<()> {
            w.set_setting("backup.test", "1")?;
            Ok(())
        })
        .unwrap();
        s
    }

    #[test]
    fn a_copy_of_an_encrypted_database_opens_with_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let key = DbKey::random();
        let s = store_with_rows(&dir.path().join("a.db"), Some(&key));
        let copy = dir.path().join("a.copy");
        let facts = s.copy_to(&copy, Some(&key)).unwrap();
        assert_eq!(facts.schema_version, crate::SCHEMA_VERSION);
        assert_eq!(facts.rows, s.table_rows().unwrap());
        assert!(facts.rows["setting"] >= 1);
        assert!(crate::is_encrypted(&copy).unwrap(), "the copy is encrypted");
        assert!(matches!(
            check_copy(&copy, Some(&DbKey::random())),
            Err(Error::WrongKey)
        ));
        assert!(check_copy(&copy, None).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    /// Another program holds a write transaction open (not committed) while the copy is
    /// taken: the copy has the committed state, without the open transaction's row.
    #[test]
    fn a_copy_taken_during_another_programs_write_holds_the_committed_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        let s = store_with_rows(&path, None);
        let mut other = Store::open(&path).unwrap();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, wait_started) = std::sync::mpsc::channel::<()>();
        let writer = std::thread::spawn(move || {
            other
                .write(|w| -> Result<()> {
                    w.set_setting("backup.uncommitted", "x")?;
                    started.send(()).unwrap();
                    held.recv().unwrap();
                    Err(Error::Damaged("rolled back on purpose".into()))
                })
                .unwrap_err();
        });
        wait_started.recv().unwrap();
        let copy = dir.path().join("b.copy");
        let facts = s.copy_to(&copy, None).unwrap();
        release.send(()).unwrap();
        writer.join().unwrap();
        let c = Connection::open(&copy).unwrap();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM setting WHERE key = 'backup.uncommitted'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0);
        assert_eq!(facts.rows, s.table_rows().unwrap());
    }

    #[test]
    fn a_damaged_copy_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let s = store_with_rows(&dir.path().join("c.db"), None);
        let copy = dir.path().join("c.copy");
        s.copy_to(&copy, None).unwrap();
        let mut bytes = std::fs::read(&copy).unwrap();
        // Scribble over pages 2 to 4 (table and index pages, headers included).
        let page = 4096;
        for (i, b) in bytes[page..4 * page].iter_mut().enumerate() {
            *b = (i * 37 % 251) as u8;
        }
        std::fs::write(&copy, &bytes).unwrap();
        assert!(check_copy(&copy, None).is_err());
    }
}
