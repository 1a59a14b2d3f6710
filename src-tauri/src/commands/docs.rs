//! Desktop commands of 公文: categories and numbers, 发文, 收文; the 阅办单 and register PDFs.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::docs;
use branchdesk_domain::{DocCategory, OutgoingDoc};

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn doc_categories(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<DocCategory>> {
    with(&shell, |app| app.doc_categories())
}

#[tauri::command]
pub fn doc_reserve_number(
    shell: tauri::State<'_, Shell>,
    category: String,
) -> CmdResult<docs::Reserved> {
    with(&shell, |app| app.doc_reserve_number(&category, None))
}

#[tauri::command]
pub fn outgoing_list(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<OutgoingDoc>> {
    with(&shell, |app| app.outgoing_list(None))
}

#[tauri::command]
pub fn outgoing_save(
    shell: tauri::State<'_, Shell>,
    input: docs::OutgoingInput,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_save(&input))
}

#[tauri::command]
pub fn outgoing_sign(
    shell: tauri::State<'_, Shell>,
    id: String,
    signer_id: String,
    on: String,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_sign(&id, &signer_id, &on))
}

#[tauri::command]
pub fn outgoing_issue(
    shell: tauri::State<'_, Shell>,
    id: String,
    on: String,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_issue(&id, &on))
}

#[tauri::command]
pub fn outgoing_withdraw(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_withdraw(&id))
}

#[tauri::command]
pub fn incoming_list(
    shell: tauri::State<'_, Shell>,
    overdue_only: bool,
) -> CmdResult<Vec<docs::IncomingRow>> {
    with(&shell, |app| {
        app.incoming_list(&docs::IncomingFilter {
            overdue_only,
            ..Default::default()
        })
    })
}

#[tauri::command]
pub fn incoming_register(
    shell: tauri::State<'_, Shell>,
    input: docs::IncomingInput,
) -> CmdResult<docs::IncomingRow> {
    with(&shell, |app| app.incoming_register(&input))
}

#[tauri::command]
pub fn report_slip(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_slip_to_dir(&id))
}

#[tauri::command]
pub fn report_register(
    shell: tauri::State<'_, Shell>,
    from: String,
    to: String,
) -> CmdResult<String> {
    with(&shell, |app| app.report_register_to_dir(&from, &to))
}

#[tauri::command]
pub fn outgoing_detail(
    shell: tauri::State<'_, Shell>,
    id: String,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_detail(&id))
}

#[tauri::command]
pub fn outgoing_dispatch(
    shell: tauri::State<'_, Shell>,
    input: docs::DispatchInput,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_dispatch(&input))
}

#[tauri::command]
pub fn dispatch_outcome(
    shell: tauri::State<'_, Shell>,
    id: String,
    outcome: String,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.dispatch_outcome(&id, &outcome))
}

#[tauri::command]
pub fn outgoing_correct(
    shell: tauri::State<'_, Shell>,
    id: String,
    title: String,
    reason: String,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_correct(&id, &title, &reason))
}

#[tauri::command]
pub fn outgoing_content(
    shell: tauri::State<'_, Shell>,
    id: String,
    form: Option<branchdesk_domain::DocForm>,
) -> CmdResult<docs::ContentView> {
    with(&shell, |app| app.outgoing_content(&id, form))
}

#[tauri::command]
pub fn outgoing_content_save(
    shell: tauri::State<'_, Shell>,
    content: branchdesk_domain::DocContent,
) -> CmdResult<branchdesk_domain::DocContent> {
    with(&shell, |app| app.outgoing_content_save(&content))
}

#[tauri::command]
pub fn report_document(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_document_to_dir(&id))
}

#[tauri::command]
pub fn outgoing_distribute(
    shell: tauri::State<'_, Shell>,
    input: docs::DistributeInput,
) -> CmdResult<Vec<docs::RecipientView>> {
    with(&shell, |app| app.outgoing_distribute(&input))
}

#[tauri::command]
pub fn docs_inbox(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<docs::InboxLine>> {
    with(&shell, |app| app.docs_inbox())
}

/// Adds picked files (the raw body; see [`crate::shell::picked_files`]) to the draft in
/// `x-doc`; returns the draft's attachments.
#[tauri::command]
pub fn outgoing_attach(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<Vec<branchdesk_domain::DocFile>> {
    let files = crate::shell::picked_files(&request)?;
    let doc = crate::shell::header(&request, "x-doc").unwrap_or_default();
    with(&shell, |app| {
        for (name, bytes) in &files {
            app.outgoing_attach(&doc, name, bytes)?;
        }
        app.outgoing_files(&doc)
    })
}

#[tauri::command]
pub fn outgoing_detach(
    shell: tauri::State<'_, Shell>,
    doc_id: String,
    file_id: String,
) -> CmdResult<Vec<branchdesk_domain::DocFile>> {
    with(&shell, |app| {
        app.outgoing_detach(&file_id)?;
        app.outgoing_files(&doc_id)
    })
}

#[tauri::command]
pub fn outgoing_file_save(shell: tauri::State<'_, Shell>, file_id: String) -> CmdResult<String> {
    with(&shell, |app| app.outgoing_file_to_dir(&file_id))
}
