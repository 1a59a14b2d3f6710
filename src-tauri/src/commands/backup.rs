//! Desktop commands of 备份与恢复 (设置). Each is one call into `branchdesk-app`; restoring
//! closes the database first and leaves the window at its sign-in screen.

use std::path::PathBuf;

use branchdesk_app::backup::{self, BackupFile, BackupList, Restored};
use branchdesk_app::Ctx;
use branchdesk_domain::backup::Retention;

use crate::shell::{blocking, door, with, CmdResult, Shell};

#[tauri::command]
pub fn backup_list(shell: tauri::State<'_, Shell>) -> CmdResult<BackupList> {
    with(&shell, |app| app.backups())
}

/// A backup into the backups folder now.
#[tauri::command]
pub async fn backup_now(handle: tauri::AppHandle) -> CmdResult<BackupFile> {
    blocking(handle, |app, _| app.backup_now()).await
}

/// Today's automatic backup, if there is none yet (the window asks after signing in).
#[tauri::command]
pub async fn backup_auto(handle: tauri::AppHandle) -> CmdResult<Option<BackupFile>> {
    blocking(handle, |app, _| app.backup_auto()).await
}

/// A backup into the download folder, to carry away (a USB stick, the office's share).
#[tauri::command]
pub async fn backup_export(handle: tauri::AppHandle) -> CmdResult<BackupFile> {
    blocking(handle, |app, _| {
        let name = format!(
            "分支管理台备份-{}.{}",
            Ctx::local().wall().format("%Y%m%d-%H%M%S"),
            backup::EXTENSION
        );
        app.backup_to(&branchdesk_app::shared::files::export_dir().join(name))
    })
    .await
}

#[tauri::command]
pub fn backup_retention(
    shell: tauri::State<'_, Shell>,
    retention: Retention,
) -> CmdResult<Retention> {
    with(&shell, |app| app.set_backup_retention(retention))
}

/// What a backup file holds, after reading all of it.
#[tauri::command]
pub fn backup_inspect(shell: tauri::State<'_, Shell>, path: String) -> CmdResult<BackupFile> {
    with(&shell, |_| backup::inspect(&PathBuf::from(&path)))
}

/// Replaces the database with the backup at `path`: an administrator, with the password typed
/// again. The database closes first; afterwards the window shows its sign-in screen.
#[tauri::command]
pub fn backup_restore(
    shell: tauri::State<'_, Shell>,
    path: String,
    password: String,
) -> CmdResult<Restored> {
    door(&shell, |d| {
        let app = d
            .app
            .as_mut()
            .ok_or_else(|| branchdesk_app::users::signed_out(false))?;
        app.confirm(&password)?;
        app.may_restore()?;
        let db = app.db_path().to_path_buf();
        // Checked before the database is closed: a damaged file leaves the window as it was.
        backup::inspect(&PathBuf::from(&path))?;
        if let Some(app) = d.app.take() {
            d.lang = app.lang();
        }
        d.locked = None;
        d.locked_name = None;
        backup::restore(&db, &PathBuf::from(&path), Ctx::local().wall())
    })
}
