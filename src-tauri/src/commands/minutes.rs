//! Desktop commands of 会议纪要: minutes, the follow-up board, submissions; the minutes PDF.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::minutes;
use branchdesk_domain::{ActionChange, MeetingKind, Verdict};

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn minutes_list(
    shell: tauri::State<'_, Shell>,
    unit_id: Option<String>,
) -> CmdResult<Vec<minutes::MeetingRow>> {
    with(&shell, |app| app.minutes_list(unit_id.as_deref()))
}

#[tauri::command]
pub fn minutes_get(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_get(&id))
}

#[tauri::command]
pub fn minutes_new(
    shell: tauri::State<'_, Shell>,
    unit_id: String,
    kind: MeetingKind,
    series: Option<String>,
) -> CmdResult<minutes::MinutesInput> {
    with(&shell, |app| {
        app.minutes_new(&unit_id, kind, series.as_deref())
    })
}

#[tauri::command]
pub fn minutes_carried(
    shell: tauri::State<'_, Shell>,
    unit_id: String,
    series: String,
    held_at: String,
) -> CmdResult<Vec<minutes::ActionView>> {
    with(&shell, |app| {
        app.minutes_carried(&unit_id, &series, &held_at)
    })
}

#[tauri::command]
pub fn minutes_save(
    shell: tauri::State<'_, Shell>,
    input: minutes::MinutesInput,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_save(&input))
}

#[tauri::command]
pub fn minutes_delete(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.minutes_delete(&id))
}

#[tauri::command]
pub fn minutes_finalise(
    shell: tauri::State<'_, Shell>,
    id: String,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_finalise(&id))
}

#[tauri::command]
pub fn minutes_revise(
    shell: tauri::State<'_, Shell>,
    id: String,
    reason: String,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_revise(&id, &reason))
}

#[tauri::command]
pub fn minutes_revision(
    shell: tauri::State<'_, Shell>,
    id: String,
    rev: i64,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_revision(&id, rev))
}

#[tauri::command]
pub fn actions_board(
    shell: tauri::State<'_, Shell>,
    filter: minutes::ActionFilter,
) -> CmdResult<Vec<minutes::ActionView>> {
    with(&shell, |app| app.actions_board(&filter))
}

#[tauri::command]
pub fn action_update(
    shell: tauri::State<'_, Shell>,
    update: minutes::ActionUpdate,
) -> CmdResult<minutes::ActionView> {
    with(&shell, |app| app.action_update(&update))
}

#[tauri::command]
pub fn action_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<ActionChange>> {
    with(&shell, |app| app.action_history(&id))
}

#[tauri::command]
pub fn submissions(
    shell: tauri::State<'_, Shell>,
    month: Option<String>,
) -> CmdResult<Vec<minutes::SubmissionView>> {
    with(&shell, |app| app.submissions(month.as_deref()))
}

#[tauri::command]
pub fn submission_add(
    shell: tauri::State<'_, Shell>,
    input: minutes::SubmissionInput,
) -> CmdResult<minutes::SubmissionView> {
    with(&shell, |app| app.submission_add(&input))
}

#[tauri::command]
pub fn submission_review(
    shell: tauri::State<'_, Shell>,
    id: String,
    verdict: Option<Verdict>,
    note: String,
) -> CmdResult<minutes::SubmissionView> {
    with(&shell, |app| app.submission_review(&id, verdict, &note))
}

#[tauri::command]
pub fn report_minutes(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_minutes_to_dir(&id))
}

#[tauri::command]
pub fn report_minutes_official(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_minutes_official_to_dir(&id))
}
