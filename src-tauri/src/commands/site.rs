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

/// 设置 → 导出诊断信息: a zip of the recent logs and the counts (no record), into the download
/// folder; returns its path.
#[tauri::command]
pub fn diagnostics_export(shell: tauri::State<'_, Shell>) -> CmdResult<String> {
    with(&shell, |app| {
        let name = format!(
            "分支管理台诊断信息-{}.zip",
            branchdesk_app::Ctx::local().wall().format("%Y%m%d-%H%M%S")
        );
        let out = branchdesk_app::shared::files::export_dir().join(name);
        app.diagnostics_to(&out)?;
        Ok(out.display().to_string())
    })
}

/// 工作日历: the days headquarters published.
#[tauri::command]
pub fn calendar_days(
    shell: tauri::State<'_, Shell>,
) -> CmdResult<branchdesk_app::site::CalendarView> {
    with(&shell, |app| app.calendar_days())
}

/// Headquarters publishes a day (`working`: false off, true a weekend day worked) or takes
/// it back (`working` null).
#[tauri::command]
pub fn calendar_set(
    shell: tauri::State<'_, Shell>,
    day: String,
    working: Option<bool>,
    note: String,
) -> CmdResult<branchdesk_app::site::CalendarView> {
    with(&shell, |app| app.calendar_set(&day, working, &note))
}
