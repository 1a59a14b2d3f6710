//! Desktop commands of 用户: the sign-in screen, the lock, signing acts' confirmation and
//! 设置 → 用户. Signing in opens the database as that person; locking and signing out drop it.

use branchdesk_app::users::{DoorView, NewAccount, SignIn};
use branchdesk_app::{App, AppError, Ctx};
use branchdesk_domain::{Account, AccountLogLine, Actor};

use crate::shell::{door, with, CmdResult, Door, Shell};

fn path(d: &Door) -> Result<std::path::PathBuf, AppError> {
    d.path
        .clone()
        .map_err(|e| AppError::invalid("db", e.message.clone(), e.message))
}

/// What the window shows. While a database is open, its file is never opened beside SQLite
/// (see [`App::state`]).
fn view(d: &Door) -> Result<DoorView, AppError> {
    Ok(match &d.app {
        Some(app) => DoorView {
            state: app.state()?,
            actor: app.actor()?,
            locked: None,
            locked_name: None,
        },
        None => DoorView {
            state: App::probe(&path(d)?)?,
            actor: None,
            locked: d.locked.clone(),
            locked_name: d.locked_name.clone(),
        },
    })
}

#[tauri::command]
pub fn door_state(shell: tauri::State<'_, Shell>) -> CmdResult<DoorView> {
    door(&shell, |d| view(d))
}

#[tauri::command]
pub fn sign_in(
    shell: tauri::State<'_, Shell>,
    login: String,
    password: String,
) -> CmdResult<DoorView> {
    door(&shell, |d| {
        d.app = None; // closed before the file is opened again
        let app = App::sign_in(&path(d)?, &SignIn { login, password }, Ctx::local())?;
        d.app = Some(app);
        d.locked = None;
        d.locked_name = None;
        view(d)
    })
}

/// Encrypts a plain database and makes its first administrator; returns the recovery key to
/// print (shown once).
#[tauri::command]
pub fn set_up(shell: tauri::State<'_, Shell>, admin: NewAccount) -> CmdResult<String> {
    door(&shell, |d| {
        let mut app = App::set_up(&path(d)?, &admin, Ctx::local())?;
        let key = app.take_recovery_key().unwrap_or_default();
        d.app = Some(app);
        Ok(key)
    })
}

#[tauri::command]
pub fn recover(
    shell: tauri::State<'_, Shell>,
    recovery: String,
    login: String,
    password: String,
) -> CmdResult<DoorView> {
    door(&shell, |d| {
        d.app = None;
        let app = App::recover(
            &path(d)?,
            &recovery,
            &SignIn { login, password },
            Ctx::local(),
        )?;
        d.app = Some(app);
        d.locked = None;
        d.locked_name = None;
        view(d)
    })
}

/// Locks the window: the database closes and its key is dropped until the password is typed.
#[tauri::command]
pub fn lock(shell: tauri::State<'_, Shell>) -> CmdResult<DoorView> {
    door(&shell, |d| {
        lock_door(d);
        view(d)
    })
}

pub(crate) fn lock_door(d: &mut Door) {
    if let Some(app) = d.app.take() {
        d.lang = app.lang();
        d.locked = app.account().map(|a| a.login.clone());
        d.locked_name = app.signature().ok().flatten();
    }
}

#[tauri::command]
pub fn sign_out(shell: tauri::State<'_, Shell>) -> CmdResult<DoorView> {
    door(&shell, |d| {
        if let Some(app) = d.app.take() {
            d.lang = app.lang();
        }
        d.locked = None;
        d.locked_name = None;
        view(d)
    })
}

/// The password typed again for the next signing act.
#[tauri::command]
pub fn confirm(shell: tauri::State<'_, Shell>, password: String) -> CmdResult<()> {
    with(&shell, |app| app.confirm(&password))
}

#[tauri::command]
pub fn whoami(shell: tauri::State<'_, Shell>) -> CmdResult<Option<Actor>> {
    with(&shell, |app| app.actor())
}

#[tauri::command]
pub fn users_list(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<Account>> {
    with(&shell, |app| app.users_list())
}

#[tauri::command]
pub fn users_add(shell: tauri::State<'_, Shell>, input: NewAccount) -> CmdResult<Account> {
    with(&shell, |app| app.users_add(&input))
}

#[tauri::command]
pub fn users_disable(
    shell: tauri::State<'_, Shell>,
    login: String,
    disable: bool,
) -> CmdResult<Account> {
    with(&shell, |app| app.users_disable(&login, disable))
}

#[tauri::command]
pub fn users_reset(
    shell: tauri::State<'_, Shell>,
    login: String,
    password: String,
) -> CmdResult<Account> {
    with(&shell, |app| app.users_reset(&login, &password))
}

#[tauri::command]
pub fn users_change_password(
    shell: tauri::State<'_, Shell>,
    old: String,
    new: String,
) -> CmdResult<()> {
    with(&shell, |app| app.users_change_password(&old, &new))
}

#[tauri::command]
pub fn users_log(shell: tauri::State<'_, Shell>, limit: usize) -> CmdResult<Vec<AccountLogLine>> {
    with(&shell, |app| app.users_log(limit))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use branchdesk_app::{Accounts, InitOptions};

    /// A demo database with its people's accounts, in `dir`.
    fn demo(dir: &std::path::Path) -> std::path::PathBuf {
        let db = dir.join("demo.db");
        drop(
            App::init(
                &db,
                &InitOptions {
                    demo: true,
                    accounts: Accounts::Demo,
                    ..InitOptions::default()
                },
                Ctx::local(),
            )
            .unwrap(),
        );
        db
    }

    /// The shell's state without a window: signing in opens the database, locking drops the
    /// application and its key, and nothing runs until the password is typed again.
    #[test]
    fn locking_drops_the_open_database_and_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo(dir.path());
        let shell = Shell::new(Ok(db), branchdesk_domain::Lang::Zh);
        assert_eq!(
            with(&shell, |a| a.info()).unwrap_err().code,
            "auth.signed_out"
        );
        door(&shell, |d| {
            d.app = Some(App::sign_in(
                &path(d)?,
                &SignIn {
                    login: "ZB-003".into(),
                    password: branchdesk_app::users::DEMO_PASSWORD.into(),
                },
                Ctx::local(),
            )?);
            Ok(())
        })
        .unwrap();
        assert!(with(&shell, |a| a.info()).is_ok());
        door(&shell, |d| {
            lock_door(d);
            Ok(())
        })
        .unwrap();
        {
            let g = shell.0.lock().unwrap();
            assert!(g.app.is_none(), "the application (and its key) is gone");
            assert_eq!(g.locked.as_deref(), Some("ZB-003"));
            assert_eq!(g.locked_name.as_deref(), Some("孙倩（文书）"));
        }
        let e = with(&shell, |a| a.info()).unwrap_err();
        assert_eq!(e.code, "auth.locked");
        assert!(e.message.contains("解锁"));
    }

    /// The window asks for its state while the database is open; another program (the CLI)
    /// then opens and closes the file. What the window writes next must reach the file: had
    /// the state opened the database file beside SQLite, this process's locks would be gone and
    /// the other program would have removed the write-ahead log the window still writes to.
    #[test]
    fn the_window_s_writes_survive_another_program_closing_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo(dir.path());
        let who = |login: &str| SignIn {
            login: login.into(),
            password: branchdesk_app::users::DEMO_PASSWORD.into(),
        };
        let shell = Shell::new(Ok(db.clone()), branchdesk_domain::Lang::Zh);
        door(&shell, |d| {
            d.app = Some(App::sign_in(&path(d)?, &who("ZB-002"), Ctx::local())?);
            view(d)
        })
        .unwrap();
        door(&shell, |d| view(d)).unwrap();
        // Another program in another process opens and closes the database.
        let other = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "commands::users::tests::open_and_close",
                "--ignored",
                "--nocapture",
            ])
            .env("BRANCHDESK_TEST_DB", &db)
            .output()
            .unwrap();
        assert!(
            other.status.success(),
            "{}",
            String::from_utf8_lossy(&other.stderr)
        );
        with(&shell, |a| {
            a.update_settings(&branchdesk_domain::SettingsUpdate {
                site_name: Some("淄博市分公司（窗口改的）".into()),
                ..Default::default()
            })
        })
        .unwrap();
        let reader = App::sign_in(&db, &who("ZB-001"), Ctx::local()).unwrap();
        assert_eq!(reader.info().unwrap().site.name, "淄博市分公司（窗口改的）");
    }

    /// Run by the test above in a process of its own.
    #[test]
    #[ignore = "run by the_window_s_writes_survive_another_program_closing_the_database"]
    fn open_and_close() {
        let Some(db) = std::env::var_os("BRANCHDESK_TEST_DB") else {
            return;
        };
        let app = App::sign_in(
            std::path::Path::new(&db),
            &SignIn {
                login: "ZB-001".into(),
                password: branchdesk_app::users::DEMO_PASSWORD.into(),
            },
            Ctx::local(),
        )
        .unwrap();
        drop(app.info().unwrap());
    }
}
