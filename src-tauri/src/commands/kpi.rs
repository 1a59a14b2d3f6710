//! Desktop commands of 考核: schemes, scores, the entry grid, imports, trends; the scorecard and bulletin PDFs.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::kpi::{self, ScoreQuery};

use crate::shell::{picked_file, with, CmdResult, Shell};

#[tauri::command]
pub fn kpi_schemes(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<kpi::SchemeSummary>> {
    with(&shell, |app| app.kpi_schemes())
}

#[tauri::command]
pub fn kpi_score(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
    cumulative: bool,
) -> CmdResult<kpi::KpiScoreView> {
    with(&shell, |app| {
        app.kpi_score(&ScoreQuery {
            scheme_id: scheme_id.as_deref(),
            period: &period,
            cumulative,
            explain: true,
        })
    })
}

#[tauri::command]
pub fn kpi_entry(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
) -> CmdResult<kpi::EntryGrid> {
    with(&shell, |app| app.kpi_entry(scheme_id.as_deref(), &period))
}

#[tauri::command]
pub fn kpi_save(
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
pub fn kpi_trend(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    unit: String,
) -> CmdResult<kpi::KpiTrend> {
    with(&shell, |app| app.kpi_trend(scheme_id.as_deref(), &unit))
}

#[tauri::command]
pub fn kpi_history(
    shell: tauri::State<'_, Shell>,
    unit: String,
    period: String,
    metric: String,
) -> CmdResult<Vec<kpi::FigureChange>> {
    with(&shell, |app| app.kpi_history(&unit, &period, &metric))
}

#[tauri::command]
pub fn kpi_templates(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<kpi::SchemeSummary>> {
    with(&shell, |app| app.kpi_templates())
}

#[tauri::command]
pub fn kpi_add_template(
    shell: tauri::State<'_, Shell>,
    id: String,
) -> CmdResult<kpi::SchemeSummary> {
    with(&shell, |app| app.kpi_add_template(&id))
}

#[tauri::command]
pub fn kpi_import(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<kpi::SaveReport> {
    let (name, bytes) = picked_file(&request)?;
    with(&shell, |app| app.kpi_import_bytes(&name, &bytes))
}

#[tauri::command]
pub fn report_scorecard(
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
pub fn report_bulletin(
    shell: tauri::State<'_, Shell>,
    period: String,
    scheme_id: Option<String>,
    version: Option<i64>,
) -> CmdResult<String> {
    with(&shell, |app| {
        app.report_bulletin_to_dir(&period, scheme_id.as_deref(), version)
    })
}

#[tauri::command]
pub fn kpi_status(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
) -> CmdResult<kpi::PeriodStatus> {
    with(&shell, |app| app.kpi_status(scheme_id.as_deref(), &period))
}

#[tauri::command]
pub fn kpi_publish(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
    reason: String,
) -> CmdResult<kpi::PeriodStatus> {
    with(&shell, |app| {
        app.kpi_publish(scheme_id.as_deref(), &period, &reason)
    })
}

#[tauri::command]
pub fn kpi_lock(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
) -> CmdResult<kpi::PeriodStatus> {
    with(&shell, |app| app.kpi_lock(scheme_id.as_deref(), &period))
}

#[tauri::command]
pub fn kpi_reopen(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
    reason: String,
) -> CmdResult<kpi::PeriodStatus> {
    with(&shell, |app| {
        app.kpi_reopen(scheme_id.as_deref(), &period, &reason)
    })
}

#[tauri::command]
pub fn kpi_payouts(
    shell: tauri::State<'_, Shell>,
    period: Option<String>,
) -> CmdResult<kpi::PayoutRegister> {
    with(&shell, |app| app.kpi_payouts(period.as_deref()))
}

#[tauri::command]
pub fn kpi_pay(
    shell: tauri::State<'_, Shell>,
    id: i64,
    on: Option<String>,
) -> CmdResult<kpi::Payout> {
    with(&shell, |app| app.kpi_pay(id, on.as_deref()))
}

#[tauri::command]
pub fn kpi_payouts_export(
    shell: tauri::State<'_, Shell>,
    period: Option<String>,
) -> CmdResult<String> {
    with(&shell, |app| app.kpi_payouts_xlsx_to_dir(period.as_deref()))
}

#[tauri::command]
pub fn kpi_results(
    shell: tauri::State<'_, Shell>,
    period: Option<String>,
) -> CmdResult<kpi::ResultsView> {
    with(&shell, |app| app.kpi_results(period.as_deref()))
}

#[tauri::command]
pub fn kpi_answer(
    shell: tauri::State<'_, Shell>,
    answer: kpi::AnswerInput,
) -> CmdResult<kpi::ResultView> {
    with(&shell, |app| app.kpi_answer(&answer))
}

#[tauri::command]
pub fn kpi_rule(
    shell: tauri::State<'_, Shell>,
    ruling: kpi::RulingInput,
) -> CmdResult<kpi::ResultView> {
    with(&shell, |app| app.kpi_rule(&ruling))
}

/// An appeal with its evidence: the answer as URI-encoded JSON in `x-answer`, the files as
/// the raw body (see [`crate::shell::picked_files`]).
#[tauri::command]
pub fn kpi_appeal(
    shell: tauri::State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<kpi::ResultView> {
    let files = crate::shell::picked_files(&request)?;
    let answer = crate::shell::header(&request, "x-answer").unwrap_or_default();
    with(&shell, |app| {
        let answer: kpi::AnswerInput = serde_json::from_str(&answer).map_err(|_| {
            branchdesk_app::AppError::invalid(
                "answer",
                "申诉内容不完整，请重新填写。",
                "The appeal is incomplete; fill it in again.",
            )
        })?;
        app.kpi_answer_with(&answer, &files)
    })
}

#[tauri::command]
pub fn kpi_evidence_save(shell: tauri::State<'_, Shell>, id: String) -> CmdResult<String> {
    with(&shell, |app| app.kpi_evidence_to_dir(&id))
}

/// 推广先进专员: each ranked unit's specialist by the unit's total.
#[tauri::command]
pub fn kpi_specialists(
    shell: tauri::State<'_, Shell>,
    scheme_id: Option<String>,
    period: String,
) -> CmdResult<kpi::SpecialistsView> {
    with(&shell, |app| {
        app.kpi_specialists(scheme_id.as_deref(), &period)
    })
}
