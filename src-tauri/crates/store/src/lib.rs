//! The one place Branchdesk talks to SQLite.
//!
//! * [`Store::create`] makes a new database file, [`Store::open`] opens an existing one and
//!   brings its schema up to date (after keeping a copy of the file).
//! * Migrations are the SQL files in `migrations/`, embedded in the binary, each applied in
//!   its own transaction together with the `user_version` it brings the file to.
//! * Reads are methods on [`Store`]; every write goes through [`Store::write`], which runs a
//!   closure inside one transaction: all of it lands or none of it does.
//!
//! Every statement is parameterised; no user text is ever spliced into SQL.

mod docs;
mod error;
mod migrate;
mod org;
mod read;
mod search;
pub mod sync;
mod work;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use docs::NumberRow;
pub use error::{Error, Result};
pub use migrate::SCHEMA_VERSION;
pub use org::OrgTable;
pub use read::{SchemeRow, ValueChange};
pub use search::{index_tokens, match_query, SearchDoc, SearchHit};
pub use work::{ActionQuery, DecisionRow, RevisionRow};
pub use write::Writer;

/// `PRAGMA application_id` of a Branchdesk database ("BDK1").
const APPLICATION_ID: i64 = 0x4244_4B31;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Creates a new, empty database at `path`. Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Self::setup(conn, path)
    }

    /// Opens an existing database and migrates it to [`SCHEMA_VERSION`]. A database written by
    /// a newer Branchdesk is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let app_id: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| Error::from_open(path, e))?;
        if app_id != APPLICATION_ID {
            return Err(Error::NotBranchdesk(path.to_path_buf()));
        }
        Self::setup(conn, path)
    }

    /// A private in-memory database, for tests.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Self::setup(conn, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store> {
        let version = migrate::version(&conn).map_err(|e| Error::from_open(path, e))?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate::run(&mut conn, path, version)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (always [`SCHEMA_VERSION`] after opening).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrate::version(&self.conn)?)
    }

    /// Runs `f` in one transaction: commits if it returns `Ok`, rolls back otherwise.
    pub fn write<T, E>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<Error>,
    {
        // Immediate: the write lock is taken at the start, so two processes writing at once
        // queue (busy timeout) instead of one failing when its read turns into a write.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::from)?;
        let out = f(&Writer::new(&tx))?;
        tx.commit().map_err(Error::from)?;
        Ok(out)
    }
}

/// A fresh globally unique identifier (UUID v7: time-ordered, so inserts stay local in the
/// B-tree).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}
