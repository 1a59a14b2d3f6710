//! Desktop commands of 计划: the plan tree, its steps, adjustments, work summaries; the plan PDF.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::plans;
use branchdesk_domain::{AdjustStatus, Adjustment, PlanAction, PlanChange};

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn plans(
    shell: tauri::State<'_, Shell>,
    unit_id: Option<String>,
) -> CmdResult<Vec<plans::PlanRow>> {
    with(&shell, |app| app.plans(unit_id.as_deref()))
}

#[tauri::command]
pub fn plan_save(
    shell: tauri::State<'_, Shell>,
    input: plans::PlanInput,
) -> CmdResult<plans::PlanRow> {
    with(&shell, |app| app.plan_save(&input))
}

#[tauri::command]
pub fn plan_delete(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.plan_delete(&id))
}

#[tauri::command]
pub fn plan_transition(
    shell: tauri::State<'_, Shell>,
    id: String,
    action: PlanAction,
    comment: String,
) -> CmdResult<plans::PlanRow> {
    with(&shell, |app| app.plan_transition(&id, action, &comment))
}

#[tauri::command]
pub fn plan_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<PlanChange>> {
    with(&shell, |app| app.plan_history(&id))
}

#[tauri::command]
pub fn plan_adjust_request(
    shell: tauri::State<'_, Shell>,
    input: plans::AdjustInput,
) -> CmdResult<Adjustment> {
    with(&shell, |app| app.plan_adjust_request(&input))
}

#[tauri::command]
pub fn plan_adjust_decide(
    shell: tauri::State<'_, Shell>,
    id: String,
    approve: bool,
    decision: String,
) -> CmdResult<Adjustment> {
    with(&shell, |app| {
        app.plan_adjust_decide(
            &id,
            if approve {
                AdjustStatus::Approved
            } else {
                AdjustStatus::Refused
            },
            &decision,
        )
    })
}

#[tauri::command]
pub fn plan_adjustments(
    shell: tauri::State<'_, Shell>,
    node_id: Option<String>,
) -> CmdResult<Vec<Adjustment>> {
    with(&shell, |app| app.plan_adjustments(node_id.as_deref()))
}

#[tauri::command]
pub fn work_summary(
    shell: tauri::State<'_, Shell>,
    person_id: String,
    period: String,
) -> CmdResult<plans::WorkSummary> {
    with(&shell, |app| app.work_summary(&person_id, &period))
}

#[tauri::command]
pub fn work_summary_save(
    shell: tauri::State<'_, Shell>,
    summary: plans::WorkSummary,
) -> CmdResult<plans::WorkSummary> {
    with(&shell, |app| app.work_summary_save(&summary))
}

#[tauri::command]
pub fn report_plan(
    shell: tauri::State<'_, Shell>,
    unit_id: String,
    period: String,
) -> CmdResult<String> {
    with(&shell, |app| app.report_plan_to_dir(&unit_id, &period))
}
