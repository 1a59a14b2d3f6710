//! The Branchdesk desktop shell. Thin on purpose: each command locks the application layer,
//! calls one use case and turns its error into a code plus a message in the user's language.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Mutex;

use branchdesk_app::{docs, kpi, minutes, org, org_io, plans, search, ApiError, App, AppError};
use tauri::{Emitter, Manager};

use branchdesk_domain::{
    ActionChange, Adjustment, Announcement, Dashboard, DecisionView, DocCategory, ExportReport,
    ImportReport, Info, Lang, MeetingKind, OutgoingDoc, PlanChange, Settings, SettingsUpdate,
    SyncStatus, Verdict,
};

/// The open database, or why it could not be opened (shown by the UI instead of a crash).
struct Shell(Mutex<Result<App, ApiError>>);

type CmdResult<T> = Result<T, ApiError>;

fn with<T>(shell: &Shell, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> CmdResult<T> {
    let mut guard = shell.0.lock().map_err(|_| ApiError {
        code: "app.internal".into(),
        message: "内部错误，请重新启动程序。 Internal error: restart the program.".into(),
        field: None,
        cells: None,
        problems: None,
    })?;
    let app = guard.as_mut().map_err(|e| e.clone())?;
    let lang = app.lang();
    f(app).map_err(|e| e.to_api(lang))
}

#[tauri::command]
fn sync_status(shell: tauri::State<'_, Shell>) -> CmdResult<SyncStatus> {
    with(&shell, |app| app.sync_status())
}

#[tauri::command]
fn sync_enrol(shell: tauri::State<'_, Shell>, unit_code: String) -> CmdResult<String> {
    with(&shell, |app| app.sync_enrol_to_dir(&unit_code))
}

/// Off the window's thread, with `sync-progress` events (step, of steps) as it goes.
#[tauri::command]
async fn sync_export(
    handle: tauri::AppHandle,
    to: Option<String>,
    full: bool,
) -> CmdResult<ExportReport> {
    blocking(handle, move |app, h| {
        app.sync_export_to_dir(to.as_deref(), full, &mut |i, n| {
            let _ = h.emit("sync-progress", (i, n));
        })
    })
    .await
}

/// A picked file: its bytes are the request's raw body (a JSON array of numbers would be several
/// times the size and slow to parse), its name the URI-encoded `x-file-name` header.
fn picked_file(request: &tauri::ipc::Request<'_>) -> CmdResult<(String, Vec<u8>)> {
    let bytes = match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => bytes.clone(),
        // Where the webview cannot post a raw body, Tauri sends the array as JSON.
        tauri::ipc::InvokeBody::Json(v) => {
            serde_json::from_value(v.clone()).map_err(|_| ApiError {
                code: "app.ipc".into(),
                message:
                    "文件未能传给程序，请重试。 The file did not reach the program; try again."
                        .into(),
                field: None,
                cells: None,
                problems: None,
            })?
        }
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    Ok((name, bytes))
}

#[tauri::command]
async fn sync_import(
    handle: tauri::AppHandle,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<ImportReport> {
    let (name, bytes) = picked_file(&request)?;
    blocking(handle, move |app, _| app.sync_import(&bytes, &name)).await
}

/// A file dropped on the window.
#[tauri::command]
async fn sync_import_path(handle: tauri::AppHandle, path: String) -> CmdResult<ImportReport> {
    blocking(handle, move |app, _| {
        app.sync_import_file(std::path::Path::new(&path))
    })
    .await
}

#[tauri::command]
fn announce(
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
fn announcements(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<Announcement>> {
    with(&shell, |app| app.announcements())
}

#[tauri::command]
fn decisions(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<DecisionView>> {
    with(&shell, |app| app.decisions())
}

#[tauri::command]
fn announcement_seen(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.mark_announcement_seen(&id))
}

/// Runs `f` on a worker thread so the window keeps painting.
async fn blocking<T: Send + 'static>(
    handle: tauri::AppHandle,
    f: impl FnOnce(&mut App, &tauri::AppHandle) -> Result<T, AppError> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let shell = handle.state::<Shell>();
        with(&shell, |app| f(app, &handle))
    })
    .await
    .map_err(|e| ApiError {
        code: "app.internal".into(),
        message: format!("内部错误：{e}。 Internal error."),
        field: None,
        cells: None,
        problems: None,
    })?
}

#[tauri::command]
fn dashboard(shell: tauri::State<'_, Shell>) -> CmdResult<Dashboard> {
    with(&shell, |app| {
        app.dashboard(chrono::Local::now().date_naive())
    })
}

#[tauri::command]
fn settings(shell: tauri::State<'_, Shell>) -> CmdResult<Settings> {
    with(&shell, |app| app.settings())
}

#[tauri::command]
fn update_settings(shell: tauri::State<'_, Shell>, update: SettingsUpdate) -> CmdResult<Settings> {
    with(&shell, |app| app.update_settings(&update))
}

#[tauri::command]
fn info(shell: tauri::State<'_, Shell>) -> CmdResult<Info> {
    with(&shell, |app| app.info())
}

#[tauri::command]
fn kpi_schemes(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<kpi::SchemeSummary>> {
    with(&shell, |app| app.kpi_schemes())
}

#[tauri::command]
fn kpi_score(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
    cumulative: bool,
) -> CmdResult<kpi::KpiScoreView> {
    with(&shell, |app| {
        app.kpi_score(scheme_id.as_deref(), &period, cumulative, true)
    })
}

#[tauri::command]
fn kpi_entry(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
) -> CmdResult<kpi::EntryGrid> {
    with(&shell, |app| app.kpi_entry(scheme_id.as_deref(), &period))
}

#[tauri::command]
fn kpi_save(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
    cells: Vec<kpi::CellInput>,
) -> CmdResult<kpi::SaveReport> {
    with(&shell, |app| {
        app.kpi_save(scheme_id.as_deref(), &period, &cells)
    })
}

#[tauri::command]
fn kpi_trend(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    unit: String,
) -> CmdResult<kpi::KpiTrend> {
    with(&shell, |app| app.kpi_trend(scheme_id.as_deref(), &unit))
}

#[tauri::command]
fn kpi_history(
    shell: tauri::State<'_, Shell>,
    unit: String,
    period: String,
    metric: String,
) -> CmdResult<Vec<kpi::FigureChange>> {
    with(&shell, |app| app.kpi_history(&unit, &period, &metric))
}

#[tauri::command]
fn kpi_templates(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<kpi::SchemeSummary>> {
    with(&shell, |app| app.kpi_templates())
}

#[tauri::command]
fn kpi_add_template(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<kpi::SchemeSummary> {
    with(&shell, |app| app.kpi_add_template(&id))
}

#[tauri::command]
fn kpi_import(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<kpi::SaveReport> {
    let (name, bytes) = picked_file(&request)?;
    with(&shell, |app| app.kpi_import_bytes(&name, &bytes))
}

#[tauri::command]
fn org_snapshot(
    shell: tauri::State<'_, Shell>,
    as_of: Option<String>,
) -> CmdResult<org::OrgSnapshot> {
    with(&shell, |app| app.org_snapshot(as_of.as_deref()))
}

#[tauri::command]
fn org_tree(
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
fn org_save_unit(
    shell: tauri::State<'_, Shell>,
    input: org::UnitInput,
) -> CmdResult<branchdesk_domain::Unit> {
    with(&shell, |app| app.org_save_unit(&input))
}

#[tauri::command]
fn org_save_position(
    shell: tauri::State<'_, Shell>,
    input: org::PositionInput,
) -> CmdResult<branchdesk_domain::Position> {
    with(&shell, |app| app.org_save_position(&input))
}

#[tauri::command]
fn org_save_person(
    shell: tauri::State<'_, Shell>,
    input: org::PersonInput,
) -> CmdResult<branchdesk_domain::Person> {
    with(&shell, |app| app.org_save_person(&input))
}

#[tauri::command]
fn org_assign(
    shell: tauri::State<'_, Shell>,
    input: org::AssignInput,
) -> CmdResult<branchdesk_domain::Assignment> {
    with(&shell, |app| app.org_assign(&input))
}

#[tauri::command]
fn org_end_assignment(shell: tauri::State<'_, Shell>, id: String, end_on: String) -> CmdResult<()> {
    with(&shell, |app| app.org_end_assignment(&id, &end_on))
}

#[tauri::command]
fn org_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<org::OrgChange>> {
    with(&shell, |app| app.org_history(&id))
}

#[tauri::command]
fn org_revert(shell: tauri::State<'_, Shell>, id: String, valid_from: String) -> CmdResult<()> {
    with(&shell, |app| app.org_revert(&id, &valid_from))
}

#[tauri::command]
fn org_templates(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<org::OrgTemplateInfo>> {
    with(&shell, |app| app.org_templates())
}

#[tauri::command]
fn org_apply_template(
    shell: tauri::State<'_, Shell>,
    input: org::TemplateInput,
) -> CmdResult<Vec<String>> {
    with(&shell, |app| app.org_apply_template(&input))
}

#[tauri::command]
fn org_import(
    shell: tauri::State<'_, Shell>,
    files: Vec<(String, Vec<u8>)>,
    effective: Option<String>,
) -> CmdResult<org_io::OrgImportReport> {
    with(&shell, |app| app.org_import(&files, effective.as_deref()))
}

#[tauri::command]
fn org_export(
    shell: tauri::State<'_, Shell>,
    as_of: Option<String>,
    csv: bool,
) -> CmdResult<Vec<String>> {
    with(&shell, |app| app.org_export_to_dir(as_of.as_deref(), csv))
}

#[tauri::command]
fn org_template_file(shell: tauri::State<'_, Shell>) -> CmdResult<String> {
    with(&shell, |app| app.org_template_to_dir())
}

#[tauri::command]
fn report_scorecard(
    shell: tauri::State<'_, Shell>,
    unit: String,
    period: String,
    scheme_id: Option<String>,
) -> CmdResult<String> {
    with(&shell, |app| {
        app.report_scorecard_to_dir(&unit, &period, scheme_id.as_deref())
    })
}

#[tauri::command]
fn minutes_list(
    shell: tauri::State<'_, Shell>,
    unit_id: Option<String>,
) -> CmdResult<Vec<minutes::MeetingRow>> {
    with(&shell, |app| app.minutes_list(unit_id.as_deref()))
}

#[tauri::command]
fn minutes_get(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_get(&id))
}

#[tauri::command]
fn minutes_new(
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
fn minutes_carried(
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
fn minutes_save(
    shell: tauri::State<'_, Shell>,
    input: minutes::MinutesInput,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_save(&input))
}

#[tauri::command]
fn minutes_delete(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.minutes_delete(&id))
}

#[tauri::command]
fn minutes_finalise(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_finalise(&id))
}

#[tauri::command]
fn minutes_revise(
    shell: tauri::State<'_, Shell>,
    id: String,
    reason: String,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_revise(&id, &reason))
}

#[tauri::command]
fn minutes_revision(
    shell: tauri::State<'_, Shell>,
    id: String,
    rev: i64,
) -> CmdResult<minutes::MinutesView> {
    with(&shell, |app| app.minutes_revision(&id, rev))
}

#[tauri::command]
fn actions_board(
    shell: tauri::State<'_, Shell>,
    filter: minutes::ActionFilter,
) -> CmdResult<Vec<minutes::ActionView>> {
    with(&shell, |app| app.actions_board(&filter))
}

#[tauri::command]
fn action_update(
    shell: tauri::State<'_, Shell>,
    update: minutes::ActionUpdate,
) -> CmdResult<minutes::ActionView> {
    with(&shell, |app| app.action_update(&update))
}

#[tauri::command]
fn action_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<ActionChange>> {
    with(&shell, |app| app.action_history(&id))
}

#[tauri::command]
fn submissions(
    shell: tauri::State<'_, Shell>,
    month: Option<String>,
) -> CmdResult<Vec<minutes::SubmissionView>> {
    with(&shell, |app| app.submissions(month.as_deref()))
}

#[tauri::command]
fn submission_add(
    shell: tauri::State<'_, Shell>,
    input: minutes::SubmissionInput,
) -> CmdResult<minutes::SubmissionView> {
    with(&shell, |app| app.submission_add(&input))
}

#[tauri::command]
fn submission_review(
    shell: tauri::State<'_, Shell>,
    id: String,
    verdict: Option<Verdict>,
    note: String,
) -> CmdResult<minutes::SubmissionView> {
    with(&shell, |app| app.submission_review(&id, verdict, &note))
}

#[tauri::command]
fn plans(
    shell: tauri::State<'_, Shell>,
    unit_id: Option<String>,
) -> CmdResult<Vec<plans::PlanRow>> {
    with(&shell, |app| app.plans(unit_id.as_deref()))
}

#[tauri::command]
fn plan_save(shell: tauri::State<'_, Shell>, input: plans::PlanInput) -> CmdResult<plans::PlanRow> {
    with(&shell, |app| app.plan_save(&input))
}

#[tauri::command]
fn plan_delete(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<()> {
    with(&shell, |app| app.plan_delete(&id))
}

#[tauri::command]
fn plan_transition(
    shell: tauri::State<'_, Shell>,
    id: String,
    action: plans::PlanAction,
    comment: String,
) -> CmdResult<plans::PlanRow> {
    with(&shell, |app| app.plan_transition(&id, action, &comment))
}

#[tauri::command]
fn plan_history(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<Vec<PlanChange>> {
    with(&shell, |app| app.plan_history(&id))
}

#[tauri::command]
fn plan_adjust_request(
    shell: tauri::State<'_, Shell>,
    input: plans::AdjustInput,
) -> CmdResult<Adjustment> {
    with(&shell, |app| app.plan_adjust_request(&input))
}

#[tauri::command]
fn plan_adjust_decide(
    shell: tauri::State<'_, Shell>,
    id: String,
    approve: bool,
    decision: String,
) -> CmdResult<Adjustment> {
    with(&shell, |app| {
        app.plan_adjust_decide(&id, approve, &decision)
    })
}

#[tauri::command]
fn plan_adjustments(
    shell: tauri::State<'_, Shell>,
    node_id: Option<String>,
) -> CmdResult<Vec<Adjustment>> {
    with(&shell, |app| app.plan_adjustments(node_id.as_deref()))
}

#[tauri::command]
fn work_summary(
    shell: tauri::State<'_, Shell>,
    person_id: String,
    period: String,
) -> CmdResult<plans::WorkSummary> {
    with(&shell, |app| app.work_summary(&person_id, &period))
}

#[tauri::command]
fn work_summary_save(
    shell: tauri::State<'_, Shell>,
    summary: plans::WorkSummary,
) -> CmdResult<plans::WorkSummary> {
    with(&shell, |app| app.work_summary_save(&summary))
}

#[tauri::command]
fn search(shell: tauri::State<'_, Shell>, query: String) -> CmdResult<Vec<search::SearchResult>> {
    with(&shell, |app| app.search(&query, 100))
}

#[tauri::command]
fn report_minutes(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_minutes_to_dir(&id))
}

#[tauri::command]
fn report_plan(
    shell: tauri::State<'_, Shell>,
    unit_id: String,
    period: String,
) -> CmdResult<String> {
    with(&shell, |app| app.report_plan_to_dir(&unit_id, &period))
}

#[tauri::command]
fn doc_categories(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<DocCategory>> {
    with(&shell, |app| app.doc_categories())
}

#[tauri::command]
fn doc_reserve_number(
    shell: tauri::State<'_, Shell>,
    category: String,
) -> CmdResult<docs::Reserved> {
    with(&shell, |app| app.doc_reserve_number(&category, None))
}

#[tauri::command]
fn outgoing_list(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<OutgoingDoc>> {
    with(&shell, |app| app.outgoing_list(None))
}

#[tauri::command]
fn outgoing_save(
    shell: tauri::State<'_, Shell>,
    input: docs::OutgoingInput,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_save(&input))
}

#[tauri::command]
fn outgoing_sign(
    shell: tauri::State<'_, Shell>,
    id: String,
    signer_id: String,
    on: String,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_sign(&id, &signer_id, &on))
}

#[tauri::command]
fn outgoing_issue(
    shell: tauri::State<'_, Shell>,
    id: String,
    on: String,
) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_issue(&id, &on))
}

#[tauri::command]
fn outgoing_withdraw(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<OutgoingDoc> {
    with(&shell, |app| app.outgoing_withdraw(&id))
}

#[tauri::command]
fn incoming_list(
    shell: tauri::State<'_, Shell>,
    overdue_only: bool,
) -> CmdResult<Vec<docs::IncomingRow>> {
    with(&shell, |app| app.incoming_list(overdue_only, None))
}

#[tauri::command]
fn incoming_register(
    shell: tauri::State<'_, Shell>,
    input: docs::IncomingInput,
) -> CmdResult<docs::IncomingRow> {
    with(&shell, |app| app.incoming_register(&input))
}

#[tauri::command]
fn report_slip(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.report_slip_to_dir(&id))
}

#[tauri::command]
fn report_register(shell: tauri::State<'_, Shell>, from: String, to: String) -> CmdResult<String> {
    with(&shell, |app| app.report_register_to_dir(&from, &to))
}

#[tauri::command]
fn outgoing_detail(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_detail(&id))
}

#[tauri::command]
fn outgoing_dispatch(
    shell: tauri::State<'_, Shell>,
    input: docs::DispatchInput,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_dispatch(&input))
}

#[tauri::command]
fn dispatch_outcome(
    shell: tauri::State<'_, Shell>,
    id: String,
    outcome: String,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.dispatch_outcome(&id, &outcome))
}

#[tauri::command]
fn outgoing_correct(
    shell: tauri::State<'_, Shell>,
    id: String,
    title: String,
    reason: String,
) -> CmdResult<docs::OutgoingDetail> {
    with(&shell, |app| app.outgoing_correct(&id, &title, &reason))
}

#[tauri::command]
fn report_orgchart(
    shell: tauri::State<'_, Shell>,
    unit: Option<String>,
    as_of: Option<String>,
) -> CmdResult<String> {
    with(&shell, |app| {
        app.report_orgchart_to_dir(unit.as_deref(), as_of.as_deref())
    })
}

#[tauri::command]
fn report_bulletin(
    shell: tauri::State<'_, Shell>,
    period: String,
    scheme_id: Option<String>,
) -> CmdResult<String> {
    with(&shell, |app| {
        app.report_bulletin_to_dir(&period, scheme_id.as_deref())
    })
}

fn open_database() -> Result<App, ApiError> {
    let lang = std::env::var("LANG")
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    branchdesk_app::default_db_path()
        .and_then(|path| App::open_or_init_demo(&path))
        .map_err(|e| e.to_api(lang))
}

fn main() {
    let shell = Shell(Mutex::new(open_database()));
    let result = tauri::Builder::default()
        .manage(shell)
        .invoke_handler(tauri::generate_handler![
            sync_status,
            sync_enrol,
            sync_export,
            sync_import,
            sync_import_path,
            announce,
            announcements,
            announcement_seen,
            decisions,
            dashboard,
            settings,
            update_settings,
            info,
            kpi_schemes,
            kpi_score,
            kpi_entry,
            kpi_save,
            kpi_trend,
            kpi_history,
            kpi_templates,
            kpi_add_template,
            kpi_import,
            org_snapshot,
            org_tree,
            org_save_unit,
            org_save_position,
            org_save_person,
            org_assign,
            org_end_assignment,
            org_history,
            org_revert,
            org_templates,
            org_apply_template,
            org_import,
            org_export,
            org_template_file,
            report_scorecard,
            report_bulletin,
            report_orgchart,
            report_minutes,
            report_plan,
            outgoing_detail,
            outgoing_dispatch,
            dispatch_outcome,
            outgoing_correct,
            doc_categories,
            doc_reserve_number,
            outgoing_list,
            outgoing_save,
            outgoing_sign,
            outgoing_issue,
            outgoing_withdraw,
            incoming_list,
            incoming_register,
            report_slip,
            report_register,
            minutes_list,
            minutes_get,
            minutes_new,
            minutes_carried,
            minutes_save,
            minutes_delete,
            minutes_finalise,
            minutes_revise,
            minutes_revision,
            actions_board,
            action_update,
            action_history,
            submissions,
            submission_add,
            submission_review,
            plans,
            plan_save,
            plan_delete,
            plan_transition,
            plan_history,
            plan_adjust_request,
            plan_adjust_decide,
            plan_adjustments,
            work_summary,
            work_summary_save,
            search
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Branchdesk could not start its window: {e}");
        std::process::exit(1);
    }
}
