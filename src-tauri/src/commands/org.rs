//! Desktop commands of 组织架构: the chart, edits, history, templates, spreadsheets; the chart PDF.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::org;

use crate::shell::{header, picked_files, with, CmdResult, Shell};

#[tauri::command]
pub fn org_snapshot(
    shell: tauri::State<'_, Shell>,
    as_of: Option<String>,
) -> CmdResult<org::OrgSnapshot> {
    with(&shell, |app| app.org_snapshot(as_of.as_deref()))
}

#[tauri::command]
pub fn org_tree(
    shell: tauri::State<'_, Shell>,
    as_of: Option<String>,
    view: org::OrgView,
    root: Option<String>,
) -> CmdResult<org::OrgTree> {
    with(&shell, |app| {
        app.org_tree(as_of.as_deref(), view, root.as_deref())
    })
}

#[tauri::command]
pub fn org_save_unit(
    shell: tauri::State<'_, Shell>,
    input: org::UnitInput,
) -> CmdResult<branchdesk_domain::Unit> {
    with(&shell, |app| app.org_save_unit(&input))
}

#[tauri::command]
pub fn org_save_position(
    shell: tauri::State<'_, Shell>,
    input: org::PositionInput,
) -> CmdResult<branchdesk_domain::Position> {
    with(&shell, |app| app.org_save_position(&input))
}

#[tauri::command]
pub fn org_save_person(
    shell: tauri::State<'_, Shell>,
    input: org::PersonInput,
) -> CmdResult<branchdesk_domain::Person> {
    with(&shell, |app| app.org_save_person(&input))
}

#[tauri::command]
pub fn org_assign(
    shell: tauri::State<'_, Shell>,
    input: org::AssignInput,
) -> CmdResult<branchdesk_domain::Assignment> {
    with(&shell, |app| app.org_assign(&input))
}

#[tauri::command]
pub fn org_end_assignment(
    shell: tauri::State<'_, Shell>,
    id: String,
    end_on: String,
) -> CmdResult<()> {
    with(&shell, |app| app.org_end_assignment(&id, &end_on))
}

#[tauri::command]
pub fn org_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<org::OrgChange>> {
    with(&shell, |app| app.org_history(&id))
}

#[tauri::command]
pub fn org_revert(shell: tauri::State<'_, Shell>, id: String, valid_from: String) -> CmdResult<()> {
    with(&shell, |app| app.org_revert(&id, &valid_from))
}

#[tauri::command]
pub fn org_templates(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<org::OrgTemplateInfo>> {
    with(&shell, |app| app.org_templates())
}

#[tauri::command]
pub fn org_apply_template(
    shell: tauri::State<'_, Shell>,
    input: org::TemplateInput,
) -> CmdResult<Vec<String>> {
    with(&shell, |app| app.org_apply_template(&input))
}

#[tauri::command]
pub fn org_import(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<org::OrgImportReport> {
    let files = picked_files(&request)?;
    let effective = header(&request, "x-effective");
    with(&shell, |app| app.org_import(&files, effective.as_deref()))
}

#[tauri::command]
pub fn org_export(
    shell: tauri::State<'_, Shell>,
    as_of: Option<String>,
    csv: bool,
) -> CmdResult<Vec<String>> {
    let format = if csv {
        org::ExportFormat::Csv
    } else {
        org::ExportFormat::Xlsx
    };
    with(&shell, |app| {
        app.org_export_to_dir(as_of.as_deref(), format)
    })
}

#[tauri::command]
pub fn org_template_file(shell: tauri::State<'_, Shell>) -> CmdResult<String> {
    with(&shell, |app| app.org_template_to_dir())
}

#[tauri::command]
pub fn report_orgchart(
    shell: tauri::State<'_, Shell>,
    unit: Option<String>,
    as_of: Option<String>,
) -> CmdResult<String> {
    with(&shell, |app| {
        app.report_orgchart_to_dir(unit.as_deref(), as_of.as_deref())
    })
}
