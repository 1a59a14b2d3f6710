//! Desktop commands of 同步: status, enrolment, export and import of bundles, announcements, decisions.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::sync::{self, Scope};
use branchdesk_domain::{Announcement, DecisionView, ExportReport, ImportReport, SyncStatus};
use tauri::Emitter;

use crate::shell::{blocking, header, picked_file, with, CmdResult, Shell};

#[tauri::command]
pub fn sync_status(shell: tauri::State<'_, Shell>) -> CmdResult<SyncStatus> {
    with(&shell, |app| app.sync_status())
}

#[tauri::command]
pub fn sync_enrol(shell: tauri::State<'_, Shell>, unit_code: String) -> CmdResult<sync::Enrolment> {
    with(&shell, |app| app.sync_enrol_to_dir(&unit_code))
}

#[tauri::command]
pub fn sync_rotate_keys(shell: tauri::State<'_, Shell>) -> CmdResult<String> {
    with(&shell, |app| app.sync_rotate_keys())
}

#[tauri::command]
pub fn sync_revoke(shell: tauri::State<'_, Shell>, unit: String, reason: String) -> CmdResult<()> {
    with(&shell, |app| app.sync_revoke(&unit, &reason))
}

/// Off the window's thread, with `sync-progress` events (step, of steps) as it goes.
#[tauri::command]
pub async fn sync_export(
    handle: tauri::AppHandle,
    to: Option<String>,
    full: bool,
) -> CmdResult<ExportReport> {
    blocking(handle, move |app, h| {
        let scope = if full { Scope::Full } else { Scope::Changes };
        app.sync_export_to_dir(to.as_deref(), scope, &mut |i, n| {
            let _ = h.emit("sync-progress", (i, n));
        })
    })
    .await
}

#[tauri::command]
pub async fn sync_import(
    handle: tauri::AppHandle,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<ImportReport> {
    let (name, bytes) = picked_file(&request)?;
    let opts = sync::ImportOptions {
        passcode: header(&request, "x-passcode"),
    };
    blocking(handle, move |app, _| {
        app.sync_import_with(&bytes, &name, &opts)
    })
    .await
}

/// A file dropped on the window.
#[tauri::command]
pub async fn sync_import_path(
    handle: tauri::AppHandle,
    path: String,
    passcode: Option<String>,
) -> CmdResult<ImportReport> {
    blocking(handle, move |app, _| {
        app.sync_import_file(
            std::path::Path::new(&path),
            &sync::ImportOptions { passcode },
        )
    })
    .await
}

#[tauri::command]
pub fn announce(
    shell: tauri::State<'_, Shell>,
    unit_code: Option<String>,
    title: String,
    body: String,
) -> CmdResult<Announcement> {
    with(&shell, |app| {
        app.announce(unit_code.as_deref(), &title, &body)
    })
}

#[tauri::command]
pub fn announcements(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<Announcement>> {
    with(&shell, |app| app.announcements())
}

#[tauri::command]
pub fn decisions(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<DecisionView>> {
    with(&shell, |app| app.decisions())
}

#[tauri::command]
pub fn announcement_seen(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.mark_announcement_seen(&id))
}
