//! The one place Branchdesk talks to SQLite.
//!
//! Invariant: no other crate sees SQL or rusqlite. Every statement is parameterised (no value
//! is ever spliced into SQL; table and column names come only from this crate's own lists or
//! the local schema), every write runs inside [`Store::write`]'s transaction, and a database
//! from a newer schema is refused untouched.
//!
//! * [`Store::create`] makes a new database file, [`Store::open`] opens an existing one and
//!   brings its schema up to date (after keeping a copy of the file).
//! * Migrations are the SQL files in `migrations/`, embedded in the binary, each applied in
//!   its own transaction together with the `user_version` it brings the file to.
//! * Reads are methods of [`Reader`], which both [`Store`] and [`Writer`] dereference to, so a
//!   query is written once and also sees a write's uncommitted rows. Writes are methods of
//!   [`Writer`], which exists only inside [`Store::write`].
//!
//! One file per feature noun (`org`, `plans`, `minutes`, `docs`, `kpi`, `site`, `search`,
//! `sync/`), holding that noun's tables, reads and writes.

mod backup;
mod board;
mod docs;
mod error;
mod kpi;
mod migrate;
mod minutes;
mod org;
mod plans;
mod rows;
mod search;
mod site;
pub mod sync;
mod users;

use std::borrow::Borrow;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

pub use backup::{check_copy, CopyFacts};
pub use board::{FollowupLine, FollowupRow, ReportRow};
pub use error::{Error, Result};
pub use kpi::{
    EvidenceRow, LockEvent, LockRow, PayoutRow, PayoutTarget, PublicationRow, ResponseRow,
    ResultLine, ResultRow, RulingRow, SchemeRow, ValueChange,
};
pub use migrate::SCHEMA_VERSION;
pub use minutes::{ActionQuery, RevisionRow};
pub use org::OrgTable;
pub use search::{index_tokens, match_query, SearchDoc, SearchHit};
pub use sync::DecisionRow;

/// How long a write waits for another program's write to finish.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// `PRAGMA application_id` of a Branchdesk database ("BDK1").
const APPLICATION_ID: i64 = 0x4244_4B31;

/// Every read query, on the open database ([`Store`]) or inside a write ([`Writer`]).
pub struct Reader<C> {
    conn: C,
}

impl<C: Borrow<Connection>> Reader<C> {
    fn conn(&self) -> &Connection {
        self.conn.borrow()
    }
}

pub struct Store {
    db: Reader<Connection>,
    path: PathBuf,
    /// Opened from read-only media: every write is refused by name.
    read_only: bool,
}

impl Deref for Store {
    type Target = Reader<Connection>;
    fn deref(&self) -> &Self::Target {
        &self.db
    }
}

/// A write: exists only inside [`Store::write`]'s transaction. Reads through it see what it
/// wrote so far.
pub struct Writer<'a> {
    pub(crate) tx: &'a Transaction<'a>,
    read: Reader<&'a Connection>,
}

impl<'a> Deref for Writer<'a> {
    type Target = Reader<&'a Connection>;
    fn deref(&self) -> &Self::Target {
        &self.read
    }
}

/// The key of an encrypted database (SQLCipher: AES-256 per page with an HMAC): 32 random
/// bytes, used as they are (no key derivation inside SQLite; the password's is done before).
/// Wiped from memory when dropped.
pub struct DbKey([u8; 32]);

impl DbKey {
    pub fn random() -> DbKey {
        DbKey(uuid_random_32())
    }
    pub fn from_bytes(b: [u8; 32]) -> DbKey {
        DbKey(b)
    }
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
    /// `PRAGMA key` for these bytes: a raw key, so SQLCipher skips its own PBKDF2.
    fn pragma(&self) -> String {
        let mut hex = String::with_capacity(64);
        for b in self.0 {
            hex.push_str(&format!("{b:02x}"));
        }
        // The only SQL text in this crate built from a value: 64 hex digits made here.
        format!("PRAGMA key = \"x'{hex}'\";")
    }
}

impl Drop for DbKey {
    fn drop(&mut self) {
        for b in self.0.iter_mut() {
            // Volatile through a reference: not optimised away as a dead store.
            *std::hint::black_box(b) = 0;
        }
    }
}

/// 32 random bytes from the system (two v4 UUIDs: getrandom underneath).
fn uuid_random_32() -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    out[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    out
}

/// Makes an empty file only its owner can read and write (0600), never replacing one.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
        .map(drop)
        .map_err(|e| Error::Io(path.to_path_buf(), e))
}

/// Whether the file at `path` looks like an encrypted database: not SQLite's header (an
/// encrypted file looks random from its first byte) and whole pages long. Text or other files
/// are not (they are [`Error::NotBranchdesk`]).
pub fn is_encrypted(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
    let len = f
        .metadata()
        .map_err(|e| Error::Io(path.to_path_buf(), e))?
        .len();
    let n = f
        .read(&mut head)
        .map_err(|e| Error::Io(path.to_path_buf(), e))?;
    // SQLCipher's first 16 bytes are a random salt: a run of few values is something else.
    let distinct = head.iter().collect::<std::collections::BTreeSet<_>>().len();
    Ok(n == 16
        && &head != b"SQLite format 3\0"
        && distinct >= 8
        && len >= 1024
        && len.is_multiple_of(512))
}

/// Whether the file at `path` begins like a plain SQLite database.
pub fn is_plain(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
    let n = f
        .read(&mut head)
        .map_err(|e| Error::Io(path.to_path_buf(), e))?;
    Ok(n == 16 && &head == b"SQLite format 3\0")
}

impl Store {
    /// Creates a new, empty database at `path`. Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Store> {
        Store::create_with(path, None)
    }

    /// Creates a new, empty database at `path`, encrypted with `key` if given. The file (and
    /// so its WAL, which SQLite makes with the same permissions) is readable by its owner only.
    pub fn create_with(path: &Path, key: Option<&DbKey>) -> Result<Store> {
        if path.exists() {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        }
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        if let Some(k) = key {
            conn.execute_batch(&k.pragma())?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Self::setup(conn, path)
    }

    /// Opens an existing database and migrates it to [`SCHEMA_VERSION`]. A database written by
    /// a newer Branchdesk is refused and left untouched; a damaged one (`PRAGMA quick_check`) is
    /// refused by name; one on read-only media (a CD, a write-protected stick) is opened for
    /// reading only.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, None)
    }

    /// [`Store::open`] for a database encrypted with `key` (or a plain one with `None`). An
    /// encrypted file without a key is [`Error::Encrypted`]; a wrong key [`Error::WrongKey`].
    pub fn open_with(path: &Path, key: Option<&DbKey>) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        if key.is_none() && is_encrypted(path)? {
            return Err(Error::Encrypted(path.to_path_buf()));
        }
        let writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
        let conn = if writable {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?
        } else {
            // `immutable`: nothing will change the file while it is open, so SQLite needs no
            // lock file or shared-memory file beside it (it could not make them here).
            Connection::open_with_flags(
                format!("file:{}?immutable=1", uri_path(path)),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )?
        };
        unlock(&conn, path, key)?;
        check(&conn).map_err(|e| match e {
            Error::Sqlite(s) => Error::Damaged(s.to_string()),
            other => other,
        })?;
        if writable {
            Self::setup(conn, path)
        } else {
            let version = migrate::version(&conn).map_err(|e| Error::from_open(path, e))?;
            if version > SCHEMA_VERSION {
                return Err(Error::NewerSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            if version < SCHEMA_VERSION {
                return Err(Error::ReadOnly(format!(
                    "{} needs upgrading from schema {version} to {SCHEMA_VERSION}",
                    path.display()
                )));
            }
            conn.pragma_update(None, "foreign_keys", true)?;
            Ok(Store {
                db: Reader { conn },
                path: path.to_path_buf(),
                read_only: true,
            })
        }
    }

    /// Writes an encrypted copy of this (plain) database to `dest` (a new file, 0600) with
    /// `key`, and checks that every table has the same number of rows there. The caller
    /// replaces the plain file with it.
    pub fn encrypt_to(&self, dest: &Path, key: &DbKey) -> Result<()> {
        create_private(dest)?;
        let conn = self.conn();
        let dest_str = dest.to_str().ok_or_else(|| {
            Error::Io(
                dest.to_path_buf(),
                std::io::Error::other("path is not UTF-8"),
            )
        })?;
        let hex: String = key.0.iter().map(|b| format!("{b:02x}")).collect();
        let export = |conn: &Connection| -> Result<()> {
            conn.execute(
                "ATTACH DATABASE ?1 AS enc KEY ?2",
                rusqlite::params![dest_str, format!("x'{hex}'")],
            )?;
            let copied = export_checked(conn);
            conn.execute_batch("DETACH DATABASE enc")?;
            copied
        };
        match export(conn) {
            // SQLCipher registers sqlcipher_export for the connections opened after its first
            // keyed use in the process; this one may have been opened before (a plain database
            // opened first). The ATTACH ... KEY above was such a use: a new connection has it.
            Err(Error::Sqlite(e))
                if e.to_string().contains("no such function: sqlcipher_export") =>
            {
                let fresh = Connection::open(self.path())?;
                export(&fresh)
            }
            other => other,
        }
    }

    /// Whether this database was opened for reading only.
    pub fn read_only(&self) -> bool {
        self.read_only
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
        // 32 MiB of pages kept decrypted in SQLite's own cache (the default is 2 MiB): each
        // page read from the file is decrypted and its HMAC checked, so a page read once
        // should stay.
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        migrate::run(&mut conn, path, version)?;
        Ok(Store {
            db: Reader { conn },
            path: path.to_path_buf(),
            read_only: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// [`Store::write`], unless another program is writing right now: then
    /// [`Error::Locked`] at once instead of after the usual wait (for work that can wait for
    /// the next start).
    pub fn write_if_free<T, E>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<Error>,
    {
        self.db
            .conn
            .busy_timeout(std::time::Duration::ZERO)
            .map_err(Error::from)?;
        let out = self.write(f);
        self.db
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(Error::from)?;
        out
    }

    /// Runs `f` in one transaction: commits if it returns `Ok`, rolls back otherwise.
    pub fn write<T, E>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<Error>,
    {
        if self.read_only {
            return Err(Error::ReadOnly(self.path.display().to_string()).into());
        }
        // Immediate: the write lock is taken at the start, so two processes writing at once
        // queue (busy timeout) instead of one failing when its read turns into a write.
        let tx = self
            .db
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::from)?;
        let out = f(&Writer {
            tx: &tx,
            read: Reader { conn: &tx },
        })?;
        tx.commit().map_err(Error::from)?;
        Ok(out)
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// The schema version of the open file (always [`SCHEMA_VERSION`] after opening).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrate::version(self.conn())?)
    }
}

/// Gives the connection to the file at `path` its `key` (if any) and checks that the file is a
/// Branchdesk database: a wrong key reads as [`Error::WrongKey`], another file as
/// [`Error::NotBranchdesk`].
pub(crate) fn unlock(conn: &Connection, path: &Path, key: Option<&DbKey>) -> Result<()> {
    if let Some(k) = key {
        conn.execute_batch(&k.pragma())?;
    }
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match (key, Error::from_open(path, e)) {
            (Some(_), Error::NotBranchdesk(_)) => Error::WrongKey,
            (_, e) => e,
        })?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotBranchdesk(path.to_path_buf()));
    }
    Ok(())
}

/// `PRAGMA quick_check`: every page and index entry well formed (not the contents of indexes,
/// which `integrity_check` also compares, at several times the cost).
fn check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Damaged(found.join("; ")))
    }
}

/// A path as the file name of an SQLite URI (`?`, `#` and `%` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

/// A fresh globally unique identifier (UUID v7: time-ordered, so inserts stay local in the
/// B-tree).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// Copies every table of `main` into the attached `enc` and checks the row counts agree.
fn export_checked(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))?;
    let version = migrate::version(conn)?;
    conn.execute_batch(&format!(
        "PRAGMA enc.user_version = {version}; PRAGMA enc.application_id = {APPLICATION_ID};"
    ))?;
    let (plain, copy) = (
        backup::table_rows_in(conn, "main")?,
        backup::table_rows_in(conn, "enc")?,
    );
    if let Some(t) = plain.keys().find(|t| plain.get(*t) != copy.get(*t)) {
        return Err(Error::Damaged(format!("the encrypted copy of {t} differs")));
    }
    Ok(())
}
