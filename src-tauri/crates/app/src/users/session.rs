//! Signing in: the key file unwraps the database key with the password, the database opens
//! with it, the account must exist and be enabled. Also: what the sign-in screen knows before
//! anyone signs in, opening with the recovery key, and setting up (encrypting) a plain
//! database with its first administrator.

use std::path::Path;

use branchdesk_domain::{Account, AccountEvent, AccountLogLine};
use branchdesk_store::{DbKey, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::keyring::{self, delay_after, DemoAccounts, Keyring};
use super::{auth, check_password, NewAccount, Session};
use crate::{App, AppError, Ctx, Result};

/// A login and its password.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignIn {
    pub login: String,
    pub password: String,
}

/// What the sign-in screen knows about a database file before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DbState {
    pub path: String,
    pub exists: bool,
    /// Encrypted with a key file beside it: sign in.
    pub encrypted: bool,
    /// A plain database: an administrator must be set up (and the file encrypted) first.
    pub needs_setup: bool,
    /// A demo database's published password and people.
    #[ts(optional)]
    pub demo: Option<DemoAccounts>,
}

impl App {
    /// What the file at `path` is, for the sign-in screen.
    pub fn probe(path: &Path) -> Result<DbState> {
        let exists = path.is_file();
        let ring = if exists { Keyring::load(path)? } else { None };
        let encrypted = exists && branchdesk_store::is_encrypted(path)?;
        Ok(DbState {
            path: path.display().to_string(),
            exists,
            encrypted,
            needs_setup: exists && branchdesk_store::is_plain(path)?,
            demo: ring.and_then(|r| r.demo),
        })
    }

    /// [`App::probe`] for the database this `App` has open, without touching the database file:
    /// opening and closing it here would drop this process's locks on it (POSIX locks belong
    /// to the process, not the descriptor), and another program closing it next would take
    /// itself for the last one and remove the write-ahead log this `App` still writes to.
    pub fn state(&self) -> Result<DbState> {
        let path = self.store.path();
        Ok(DbState {
            path: path.display().to_string(),
            exists: true,
            encrypted: self.key.is_some(),
            needs_setup: self.key.is_none(),
            demo: Keyring::load(path)?.and_then(|r| r.demo),
        })
    }

    /// What a front door checks before asking for a password: the file exists, is not a plain
    /// database without accounts, and is a database at all.
    pub fn check_door(path: &Path) -> Result<DbState> {
        let state = App::probe(path)?;
        if !state.exists {
            return Err(branchdesk_store::Error::Missing(path.to_path_buf()).into());
        }
        if state.needs_setup {
            return Err(super::plain_refusal(path));
        }
        if !state.encrypted {
            return Err(branchdesk_store::Error::NotBranchdesk(path.to_path_buf()).into());
        }
        Ok(state)
    }

    /// Signs in to the encrypted database at `path`. A wrong password and an unknown login get
    /// the same answer; failures in a row are counted in the key file, slow the next try down
    /// and are logged in the database at the next good sign-in.
    pub fn sign_in(path: &Path, who: &SignIn, ctx: Ctx) -> Result<App> {
        let login = who.login.trim();
        if !path.is_file() {
            return Err(branchdesk_store::Error::Missing(path.to_path_buf()).into());
        }
        let Some(mut ring) = Keyring::load(path)? else {
            return Err(no_keyfile(path));
        };
        // Failures are counted per account; tries at logins that have none share one count,
        // so guessing logins cannot grow the key file.
        let counted = if ring.has(login) { login } else { "*" };
        if let Some(f) = ring.failures.get(counted) {
            std::thread::sleep(delay_after(f.count));
        }
        let Some(key) = ring.open(login, &who.password)? else {
            let n = ring.failed(counted, &ctx.now());
            tracing::warn!(in_a_row = n, "sign-in refused");
            // Best effort: a key file on read-only media still says "wrong password".
            let _ = ring.save(path);
            return Err(auth(
                "auth.bad_password",
                format!("工号或密码不正确（连续 {n} 次）。请重新输入；忘记密码请联系管理员重置。"),
                format!("Wrong login or password ({n} in a row). Try again; an administrator can reset a forgotten password."),
            ));
        };
        let failures = ring.failures.get(login).cloned();
        // The key file vouched for the key: if it does not open the database, the key file
        // belongs to another database (copied over, or planted) or the database is damaged.
        let mut app = match App::open_keyed(path, &key, ctx) {
            Err(AppError::Store(branchdesk_store::Error::WrongKey)) => {
                return Err(auth(
                    "auth.keyfile_mismatch",
                    format!("密钥文件 {} 与数据库不匹配：它可能来自另一个数据库或被替换，也可能是数据库已损坏。请用恢复密钥打开（branchdesk users recover）；仍打不开时请从备份恢复。", keyring::path_of(path).display()),
                    format!("The key file {} does not fit the database: it may come from another database or have been replaced, or the database is damaged. Open it with the recovery key (branchdesk users recover); if that fails too, restore a backup.", keyring::path_of(path).display()),
                ))
            }
            other => other?,
        };
        let account = app.store.account(login)?.ok_or_else(|| {
            auth(
                "auth.no_account",
                format!("数据库中没有工号 {login} 的账户。请联系管理员。"),
                format!("This database has no account {login}. Ask an administrator."),
            )
        })?;
        if account.disabled_at.is_some() {
            return Err(auth(
                "auth.disabled",
                format!("账户 {login} 已停用。请联系管理员。"),
                format!("The account {login} is disabled. Ask an administrator."),
            ));
        }
        let logged = app.begin(account, failures.clone().map(|f| (f.count, f.last)))?;
        if logged && failures.is_some() {
            ring.failures.remove(login);
            let _ = ring.save(path);
        }
        tracing::info!(admin = app.account().is_some_and(|a| a.admin), "signed in");
        crate::shared::log::follow_setting(app.log_level()?);
        Ok(app)
    }

    /// Opens with the recovery key and gives `login` a new password (the way back when the
    /// only administrator forgot theirs, or the key file is lost: it is written anew).
    pub fn recover(path: &Path, recovery: &str, who: &SignIn, ctx: Ctx) -> Result<App> {
        check_password(&who.password)?;
        let key = keyring::parse_recovery(recovery)?;
        let wrong = || {
            auth(
                "auth.bad_recovery_key",
                "恢复密钥与此数据库不符。请确认是这个数据库的恢复密钥。",
                "The recovery key is not this database's. Check it is the key printed for this database.",
            )
        };
        // The database, not the key file, says whether the key is right: a key file that is
        // damaged, planted or another database's is replaced by a new one for this key (its
        // other accounts then need a reset by an administrator).
        let mut app = match App::open_keyed(path, &key, ctx) {
            Err(AppError::Store(branchdesk_store::Error::WrongKey)) => return Err(wrong()),
            other => other?,
        };
        let mut ring = match Keyring::load(path) {
            Ok(Some(r)) if r.is_key(&key) => r,
            _ => Keyring::new(&key),
        };
        let login = who.login.trim();
        let account = app.store.account(login)?.ok_or_else(|| {
            auth(
                "auth.no_account",
                format!("数据库中没有工号 {login} 的账户。"),
                format!("This database has no account {login}."),
            )
        })?;
        ring.put(login, &who.password, &key)?;
        ring.failures.remove(login);
        ring.save(path)?;
        let at = app.ctx.now();
        app.store.write(|w| {
            w.log_account(&AccountLogLine {
                at,
                login: login.to_string(),
                event: AccountEvent::Recovered,
                by: String::new(),
                detail: String::new(),
            })
        })?;
        app.begin(account, None)?;
        Ok(app)
    }

    /// Encrypts the plain database at `path` and makes `admin` its first administrator; returns
    /// it signed in, with the recovery key to print ([`App::take_recovery_key`]). The plain file
    /// is overwritten with zeros and replaced; its old copies (`.bak`) are removed.
    pub fn set_up(path: &Path, admin: &NewAccount, ctx: Ctx) -> Result<App> {
        check_password(&admin.password)?;
        if branchdesk_store::is_encrypted(path)? {
            return Err(auth(
                "auth.already_set_up",
                "此数据库已经加密并设有账户，请直接登录。",
                "This database is already encrypted with accounts; sign in.",
            ));
        }
        let key = DbKey::random();
        let tmp = sibling(path, ".encrypting");
        let _ = std::fs::remove_file(&tmp);
        {
            let plain = Store::open(path)?;
            plain.encrypt_to(&tmp, &key)?;
        }
        sync_file(&tmp)?;
        let mut ring = Keyring::new(&key);
        ring.put(admin.login.trim(), &admin.password, &key)?;
        ring.save(path)?;
        wipe(path)?;
        std::fs::rename(&tmp, path).map_err(|e| AppError::Write(path.to_path_buf(), e))?;
        for suffix in ["-wal", "-shm"] {
            let p = sibling(path, suffix);
            if p.exists() {
                wipe(&p)?;
                let _ = std::fs::remove_file(&p);
            }
        }
        remove_plain_copies(path);
        let mut app = App::open_keyed(path, &key, ctx)?;
        let account = app.add_account_row(admin, true)?;
        app.recovery = Some(keyring::recovery_text(&key));
        app.begin(account, None)?;
        Ok(app)
    }

    /// The recovery key, once, right after the database was encrypted (set-up or `init`).
    pub fn take_recovery_key(&mut self) -> Option<String> {
        self.recovery.take()
    }

    /// Starts the session of `account`: the context names the person, the sign-in is logged
    /// with the failures before it (unless another program is writing or the media is
    /// read-only: reading goes on; returns whether it was logged).
    fn begin(&mut self, account: Account, failures: Option<(u32, String)>) -> Result<bool> {
        let login = account.login.clone();
        self.session = Some(Session {
            account,
            confirmed: false,
        });
        let label = self.signature()?.unwrap_or_default();
        self.ctx = self.ctx.clone().with_operator(label);
        if self.store.read_only() {
            return Ok(false);
        }
        let at = self.ctx.now();
        let logged = self.store.write_if_free(|w| -> Result<()> {
            if let Some((n, last)) = failures {
                w.log_account(&AccountLogLine {
                    at: last,
                    login: login.clone(),
                    event: AccountEvent::Failed,
                    by: String::new(),
                    detail: format!("{n}"),
                })?;
            }
            w.log_account(&AccountLogLine {
                at,
                login,
                event: AccountEvent::SignedIn,
                by: String::new(),
                detail: String::new(),
            })?;
            Ok(())
        });
        match logged {
            Ok(()) => Ok(true),
            Err(AppError::Store(branchdesk_store::Error::Locked)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The password typed again for the next signing act.
    pub fn confirm(&mut self, password: &str) -> Result<()> {
        let Some(s) = &self.session else {
            return Ok(());
        };
        let login = s.account.login.clone();
        let path = self.store.path().to_path_buf();
        let ring = Keyring::load(&path)?.ok_or_else(|| no_keyfile(&path))?;
        if ring.open(&login, password)?.is_none() {
            return Err(auth(
                "auth.bad_password",
                "密码不正确，未签字。请重新输入。",
                "Wrong password; nothing was signed. Enter it again.",
            ));
        }
        if let Some(s) = &mut self.session {
            s.confirmed = true;
        }
        Ok(())
    }
}

fn no_keyfile(path: &Path) -> AppError {
    auth(
        "auth.no_keyfile",
        format!(
            "找不到数据库的密钥文件 {}。请把它放回数据库旁边，或用恢复密钥打开。",
            keyring::path_of(path).display()
        ),
        format!(
            "The database's key file {} is missing. Put it back beside the database or open with the recovery key.",
            keyring::path_of(path).display()
        ),
    )
}

fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    std::path::PathBuf::from(s)
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| AppError::Write(path.to_path_buf(), e))
}

/// Overwrites a file with zeros and syncs it (before it is replaced or removed).
fn wipe(path: &Path) -> Result<()> {
    use std::io::Write;
    let len = std::fs::metadata(path)
        .map_err(|e| AppError::Write(path.to_path_buf(), e))?
        .len();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| AppError::Write(path.to_path_buf(), e))?;
    let zeros = vec![0u8; 1 << 16];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])
            .map_err(|e| AppError::Write(path.to_path_buf(), e))?;
        left -= n as u64;
    }
    f.sync_all()
        .map_err(|e| AppError::Write(path.to_path_buf(), e))
}

/// Removes the plain copies kept before migrations (`<db>.v<N>-<stamp>.bak`).
fn remove_plain_copies(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.v", name.to_string_lossy());
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && n.ends_with(".bak") {
                let p = e.path();
                let _ = wipe(&p);
                let _ = std::fs::remove_file(&p);
            }
        }
    }
}
