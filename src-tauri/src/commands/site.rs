//! Desktop commands of The site: home page, settings, info.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_domain::{Dashboard, Info, Settings, SettingsUpdate};

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn dashboard(shell: tauri::State<'_, Shell>) -> CmdResult<Dashboard> {
    with(&shell, |app| app.dashboard())
}

#[tauri::command]
pub fn settings(shell: tauri::State<'_, Shell>) -> CmdResult<Settings> {
    with(&shell, |app| app.settings())
}

#[tauri::command]
pub fn update_settings(
    shell: tauri::State<'_, Shell>,
    update: SettingsUpdate,
) -> CmdResult<Settings> {
    with(&shell, |app| app.update_settings(&update))
}

#[tauri::command]
pub fn info(shell: tauri::State<'_, Shell>) -> CmdResult<Info> {
    with(&shell, |app| app.info())
}
