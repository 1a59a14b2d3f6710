//! Desktop commands of 经营监控 (the monitoring board on the home page).
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::board::{
    BoardQuery, FollowupDecision, FollowupInput, FollowupReport, FollowupView, FollowupsView,
};
use branchdesk_domain::Board;

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn board(shell: tauri::State<'_, Shell>, as_of: Option<String>) -> CmdResult<Board> {
    with(&shell, |app| app.board(&BoardQuery { as_of, month: None }))
}

/// Saves the board as xlsx in the export folder; returns the file's path.
#[tauri::command]
pub fn board_export(shell: tauri::State<'_, Shell>, as_of: Option<String>) -> CmdResult<String> {
    with(&shell, |app| {
        app.board_xlsx_to_dir(&BoardQuery { as_of, month: None })
    })
}

/// 月度经营分析报告 of a month, saved as a PDF in the export folder; returns its path.
#[tauri::command]
pub fn report_analysis(shell: tauri::State<'_, Shell>, period: String) -> CmdResult<String> {
    with(&shell, |app| app.report_analysis_to_dir(&period))
}

/// 督办: the follow-ups raised (headquarters) or received (a unit).
#[tauri::command]
pub fn board_followups(shell: tauri::State<'_, Shell>) -> CmdResult<FollowupsView> {
    with(&shell, |app| app.board_followups())
}

#[tauri::command]
pub fn board_followup_raise(
    shell: tauri::State<'_, Shell>,
    followup: FollowupInput,
) -> CmdResult<FollowupView> {
    with(&shell, |app| app.board_followup_raise(&followup))
}

#[tauri::command]
pub fn board_followup_report(
    shell: tauri::State<'_, Shell>,
    report: FollowupReport,
) -> CmdResult<FollowupView> {
    with(&shell, |app| app.board_followup_report(&report))
}

#[tauri::command]
pub fn board_followup_decide(
    shell: tauri::State<'_, Shell>,
    decision: FollowupDecision,
) -> CmdResult<FollowupView> {
    with(&shell, |app| app.board_followup_decide(&decision))
}
