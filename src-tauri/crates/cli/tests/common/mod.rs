//! Helpers shared by the command-line tests.
#![allow(dead_code)]

/// `PRAGMA key` for the database whose `init` printed `init_out` (its recovery key), so a
/// test can look inside the encrypted file or hold a lock on it as another program would.
pub fn pragma_key(init_out: &str) -> String {
    let line = init_out
        .lines()
        .skip_while(|l| !l.starts_with("恢复密钥") && !l.starts_with("Recovery key"))
        .nth(1)
        .expect("init prints the recovery key");
    let key = branchdesk_app::users::keyring::parse_recovery(line.trim()).expect("a recovery key");
    let hex: String = key.bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("PRAGMA key = \"x'{hex}'\";")
}

/// A connection to an encrypted database, as another program holding its key.
pub fn open(db: &std::path::Path, init_out: &str) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).expect("the file opens");
    c.execute_batch(&pragma_key(init_out))
        .expect("the key is set");
    c
}
