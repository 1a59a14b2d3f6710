use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database file already exists: {0}")]
    AlreadyExists(PathBuf),
    #[error("database file not found: {0}")]
    Missing(PathBuf),
    #[error("not a Branchdesk database: {0}")]
    NotBranchdesk(PathBuf),
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("the database has no site identity; it was not initialised")]
    NotInitialised,
    #[error("record already exists: {0}")]
    Duplicate(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("file error at {0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
    #[error("this {0} record belongs to another site; only its owner changes it")]
    Owned(String),
    #[error("the bundle refers to records this database does not have: {}", .0.join("; "))]
    SyncRefs(Vec<String>),
    #[error("{}: {} ({})", .0.rule, .0.en, .0.record)]
    Refused(Box<crate::sync::Refusal>),
    #[error("the bundle's content is malformed: {0}")]
    SyncPayload(String),
    #[error("{0} is not a valid date, month, period or year")]
    InvalidValue(String),
    #[error("the database is read-only here: {0}")]
    ReadOnly(String),
    #[error("the disk is full")]
    DiskFull,
    #[error("the database is locked by another program")]
    Locked,
    #[error("the database file is damaged: {0}")]
    Damaged(String),
    #[error("the database is encrypted; it opens only with its key: {0}")]
    Encrypted(PathBuf),
    #[error("the key does not open this database")]
    WrongKey,
    /// A figure of a locked month (`2016-09`): the period's results are final.
    #[error("the figures of {0} are locked")]
    Closed(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    /// The ownership guard's refusal (migration 0006) becomes [`Error::Owned`].
    /// Disk full, locked, damaged and read-only get names of their own: each asks the person
    /// for something different.
    fn from(e: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(_, Some(msg)) = &e {
            if let Some(table) = msg.strip_prefix("branchdesk.owned ") {
                return Error::Owned(table.to_string());
            }
            if let Some(col) = msg.strip_prefix("branchdesk.invalid ") {
                return Error::InvalidValue(col.to_string());
            }
            if let Some(month) = msg.strip_prefix("branchdesk.closed ") {
                return Error::Closed(month.to_string());
            }
        }
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Locked,
            Some(C::DatabaseCorrupt) => Error::Damaged(e.to_string()),
            Some(C::ReadOnly) => Error::ReadOnly(e.to_string()),
            _ => Error::Sqlite(e),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Maps the error SQLite gives for a file that is not a database at all.
    pub(crate) fn from_open(path: &std::path::Path, e: rusqlite::Error) -> Error {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotBranchdesk(path.to_path_buf()),
            _ => Error::from(e),
        }
    }

    /// Maps unique-constraint failures to [`Error::Duplicate`] naming `what`.
    pub(crate) fn unique(what: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> Error {
        let what = what.into();
        move |e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) if e.to_string().contains("UNIQUE") => {
                Error::Duplicate(what)
            }
            _ => Error::from(e),
        }
    }
}
