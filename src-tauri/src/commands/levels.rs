//! Desktop commands of 销售人员职级 (the 职级 page). Each is one call into `branchdesk-app`.

use branchdesk_app::levels::{run_picked, LevelsReport};

use crate::shell::{header, picked_files, with, CmdResult, Shell};

/// Runs a picked level table and figures file (the raw body: the table, then the figures; see
/// [`crate::shell::picked_files`]) from `x-from` through `x-to`.
#[tauri::command]
pub fn levels_run(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<LevelsReport> {
    let files = picked_files(&request)?;
    let from = header(&request, "x-from").unwrap_or_default();
    let to = header(&request, "x-to").unwrap_or_default();
    with(&shell, |_| match files.as_slice() {
        [table, data] => run_picked(table, data, &from, &to),
        _ => Err(branchdesk_app::AppError::invalid(
            "files",
            "请选择职级表（.toml）和人员业绩（.csv）两个文件。",
            "Pick the level table (.toml) and the people's figures (.csv).",
        )),
    })
}
