//! Results down, answers up: when headquarters publishes, each unit gets its own results
//! (`kpi_result`) in the next bundle; it confirms them or appeals one indicator within the
//! appeal window (seed 002: one month); headquarters rules on an appeal within ten working
//! days. A period is locked at headquarters only when every appeal is ruled on and the window
//! has closed or every unit has answered.

use std::collections::BTreeMap;

use branchdesk_domain::{Act, Role};
use branchdesk_kpi::cycle::{may_respond, respond_by, ruling_due};
use branchdesk_store::{new_id, ResponseRow, ResultLine, ResultRow, RulingRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::evidence::{checked, evidence_rows, EvidenceInfo};
use super::KpiScoreView;
use crate::{App, AppError, Result};

/// One indicator of a unit's published results.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResultScore {
    pub id: String,
    pub name: String,
    pub value: Option<String>,
    pub score: String,
}

/// Where a unit's results stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AnswerState {
    /// Waiting for the unit's answer, within the window.
    Open,
    /// A newer version replaced these results before they were answered.
    Superseded,
    /// The window passed without an answer: taken as confirmed.
    Lapsed,
    Confirmed,
    /// Appealed, waiting for headquarters' ruling.
    Appealed,
    Upheld,
    Refused,
}

/// A unit's results in one published version, with its answer and the ruling.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ResultView {
    pub id: String,
    pub unit: String,
    pub unit_name: String,
    pub scheme_name: String,
    pub period: String,
    #[ts(type = "number")]
    pub version: i64,
    pub total: String,
    #[ts(type = "number")]
    pub rank: i64,
    #[ts(type = "number")]
    pub ranked: i64,
    pub reward: String,
    pub scores: Vec<ResultScore>,
    /// Why this version was published (a correction).
    pub reason: String,
    pub published_by: String,
    pub published_at: String,
    /// The last day to confirm or appeal.
    pub respond_by: String,
    pub state: AnswerState,
    /// The indicator appealed and why.
    pub indicator: String,
    pub appeal: String,
    pub answered_by: Option<String>,
    pub answered_at: Option<String>,
    /// The response an appeal's ruling refers to.
    pub response_id: Option<String>,
    /// For an appeal: the day headquarters must rule by.
    pub ruling_due: Option<String>,
    pub ruling: String,
    pub ruled_by: Option<String>,
    pub ruled_at: Option<String>,
    /// Files supporting the appeal.
    pub evidence: Vec<EvidenceInfo>,
}

/// The results this site sent (headquarters) or received (a unit).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ResultsView {
    pub hq: bool,
    pub rows: Vec<ResultView>,
}

/// A unit's answer to its results.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AnswerInput {
    pub result_id: String,
    /// Appeal (with `indicator` and `reason`) rather than confirm.
    pub appeal: bool,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub reason: String,
}

/// Headquarters' ruling on an appeal.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RulingInput {
    pub response_id: String,
    pub upheld: bool,
    pub comment: String,
}

fn day_of(at: &str) -> NaiveDate {
    at.get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(NaiveDate::MIN)
}

/// `line`'s state on `today`; `newest` is the newest version sent to its unit for its period.
fn state(line: &ResultLine, newest: i64, today: NaiveDate) -> AnswerState {
    match (&line.response, &line.ruling) {
        (Some(_), Some(g)) if g.verdict == "upheld" => AnswerState::Upheld,
        (Some(_), Some(_)) => AnswerState::Refused,
        (Some(s), None) if s.kind == "appeal" => AnswerState::Appealed,
        (Some(_), None) => AnswerState::Confirmed,
        (None, _) if line.result.version < newest => AnswerState::Superseded,
        (None, _) if may_respond(today, day_of(&line.result.respond_by)) => AnswerState::Open,
        (None, _) => AnswerState::Lapsed,
    }
}

fn view(line: ResultLine, newest: i64, today: NaiveDate) -> ResultView {
    let state = state(&line, newest, today);
    let r = line.result;
    let s = line.response;
    let g = line.ruling;
    ResultView {
        id: r.id,
        unit: line.unit_code,
        unit_name: line.unit_name,
        scheme_name: r.scheme_name,
        period: r.period,
        version: r.version,
        total: r.total,
        rank: r.rank,
        ranked: r.ranked,
        reward: r.reward,
        scores: serde_json::from_str(&r.scores).unwrap_or_default(),
        reason: r.reason,
        published_by: r.published_by,
        published_at: r.published_at,
        respond_by: r.respond_by,
        state,
        indicator: s.as_ref().map(|s| s.indicator.clone()).unwrap_or_default(),
        appeal: s.as_ref().map(|s| s.reason.clone()).unwrap_or_default(),
        answered_by: s.as_ref().map(|s| s.by.clone()),
        answered_at: s.as_ref().map(|s| s.at.clone()),
        response_id: s.as_ref().map(|s| s.id.clone()),
        ruling_due: s
            .as_ref()
            .filter(|s| s.kind == "appeal")
            .map(|s| ruling_due(day_of(&s.at)).to_string()),
        ruling: g.as_ref().map(|g| g.comment.clone()).unwrap_or_default(),
        ruled_by: g.as_ref().map(|g| g.decided_by.clone()),
        ruled_at: g.as_ref().map(|g| g.decided_at.clone()),
        evidence: Vec::new(),
    }
}

impl App {
    fn is_hq(&self) -> Result<bool> {
        Ok(self.store.site()?.role == Role::Hq)
    }

    /// At headquarters, with a publication: each unit's results, to go down in its next
    /// bundle, answerable for a month from today (the version is set when it is written).
    pub(super) fn results_to_send(
        &self,
        view: &KpiScoreView,
        reason: &str,
    ) -> Result<Vec<ResultRow>> {
        let mut out = Vec::new();
        if !self.is_hq()? {
            return Ok(out);
        }
        let ids: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        let names: BTreeMap<&str, &str> = view
            .scheme
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.name.as_str()))
            .collect();
        let ranked = view.result.units.len() as i64;
        let months = self.settings()?.appeal_months;
        let until = respond_by(self.ctx.today(), months).to_string();
        for u in &view.result.units {
            let Some(unit_id) = ids.get(&u.unit) else {
                continue;
            };
            let reward: rust_decimal::Decimal = view
                .result
                .rewards
                .iter()
                .filter(|r| r.unit == u.unit)
                .map(|r| r.amount)
                .sum();
            let scores: Vec<ResultScore> = u
                .indicators
                .iter()
                .map(|i| ResultScore {
                    id: i.id.clone(),
                    name: names
                        .get(i.id.as_str())
                        .map_or(i.id.clone(), |n| n.to_string()),
                    value: i.value.clone(),
                    score: i.score.to_string(),
                })
                .collect();
            out.push(ResultRow {
                id: new_id(),
                unit_id: unit_id.clone(),
                scheme_name: view.scheme.name.clone(),
                period: view.result.period.clone(),
                version: 0,
                total: u.total.to_string(),
                rank: i64::from(u.rank),
                ranked,
                reward: reward.to_string(),
                scores: serde_json::to_string(&scores)
                    .map_err(|e| AppError::Export(e.to_string()))?,
                reason: reason.to_string(),
                published_by: self.ctx.operator().to_string(),
                published_at: self.ctx.now(),
                respond_by: until.clone(),
            });
        }
        Ok(out)
    }

    /// The results this site sent or received, newest first (only `period`'s when given).
    pub fn kpi_results(&self, period: Option<&str>) -> Result<ResultsView> {
        let lines = self.store.kpi_results(period)?;
        let mut newest: BTreeMap<(String, String), i64> = BTreeMap::new();
        for l in &lines {
            let v = newest
                .entry((l.result.unit_id.clone(), l.result.period.clone()))
                .or_insert(0);
            *v = (*v).max(l.result.version);
        }
        let today = self.ctx.today();
        let mut evidence: BTreeMap<String, Vec<EvidenceInfo>> = BTreeMap::new();
        for (id, response, name, size) in self.store.kpi_evidence_list()? {
            evidence
                .entry(response)
                .or_default()
                .push(EvidenceInfo { id, name, size });
        }
        let rows = lines
            .into_iter()
            .map(|l| {
                let n = newest
                    .get(&(l.result.unit_id.clone(), l.result.period.clone()))
                    .copied()
                    .unwrap_or(l.result.version);
                let mut v = view(l, n, today);
                if let Some(e) = v.response_id.as_ref().and_then(|r| evidence.remove(r)) {
                    v.evidence = e;
                }
                v
            })
            .collect();
        Ok(ResultsView {
            hq: self.is_hq()?,
            rows,
        })
    }

    /// A unit confirms its results, or appeals one indicator saying why, within the window.
    pub fn kpi_answer(&mut self, a: &AnswerInput) -> Result<ResultView> {
        self.kpi_answer_with(a, &[])
    }

    /// An answer with files supporting the appeal (name, bytes): all kept or none.
    pub fn kpi_answer_with(
        &mut self,
        a: &AnswerInput,
        files: &[(String, Vec<u8>)],
    ) -> Result<ResultView> {
        self.require(Act::AnswerResults)?;
        if !files.is_empty() && !a.appeal {
            return Err(AppError::invalid(
                "evidence",
                "只有申诉可以附材料；确认不需要附件。",
                "Only an appeal carries files; a confirmation needs none.",
            ));
        }
        let named = checked(files)?;
        if self.is_hq()? {
            return Err(AppError::step(
                "kpi.hq_answer",
                "结果由各单位确认或申诉，总部不答复自己发布的结果。".into(),
                "Units confirm or appeal their results; headquarters does not answer its own."
                    .into(),
            ));
        }
        let all = self.kpi_results(None)?;
        let Some(r) = all.rows.iter().find(|r| r.id == a.result_id) else {
            return Err(AppError::step(
                "kpi.no_result",
                "没有这份考核结果：可能还没有导入总部的同步包。".into(),
                "There are no such results: headquarters' bundle may not be imported yet.".into(),
            ));
        };
        match r.state {
            AnswerState::Open => {}
            AnswerState::Superseded => {
                return Err(AppError::step(
"kpi.superseded",
                    format!("{} 第 {} 版已被更新的版本取代，请对最新版本确认或申诉。", r.period, r.version),
                    format!("Version {} of {} was replaced by a newer one; answer the newest.", r.version, r.period),
                ))
            }
            AnswerState::Lapsed => {
                return Err(AppError::step(
"kpi.window_closed",
                    format!("申诉期已于 {} 结束（一个月为申诉期），结果视为确认，不能再申诉。", r.respond_by),
                    format!("The appeal window closed on {} (one month); the results count as confirmed and can no longer be appealed.", r.respond_by),
                ))
            }
            _ => {
                return Err(AppError::step(
"kpi.answered",
                    format!("这份结果已于 {} 由{}答复。", r.answered_at.as_deref().map_or("", |a| a.get(..10).unwrap_or(a)), r.answered_by.as_deref().unwrap_or("")),
                    format!("These results were answered on {} by {}.", r.answered_at.as_deref().map_or("", |a| a.get(..10).unwrap_or(a)), r.answered_by.as_deref().unwrap_or("")),
                ))
            }
        }
        let (indicator, reason) = (a.indicator.trim(), a.reason.trim());
        if a.appeal {
            if !r.scores.iter().any(|s| s.id == indicator) {
                return Err(AppError::invalid(
                    "indicator",
                    "请选择申诉的指标。",
                    "Choose the indicator you appeal.",
                ));
            }
            if reason.is_empty() || reason.chars().count() > 2000 {
                return Err(AppError::invalid(
                    "reason",
                    "请写明申诉理由（哪个数据或规则有误、依据是什么，最多 2000 字）。",
                    "Say why you appeal (which figure or rule is wrong and on what grounds; at most 2000 characters).",
                ));
            }
        }
        let unit_id = self.store.unit_id_by_code(&r.unit)?.unwrap_or_default();
        let row = ResponseRow {
            id: new_id(),
            result_id: r.id.clone(),
            unit_id,
            kind: if a.appeal { "appeal" } else { "confirm" }.into(),
            indicator: if a.appeal {
                indicator.into()
            } else {
                String::new()
            },
            reason: if a.appeal {
                reason.into()
            } else {
                String::new()
            },
            by: self.ctx.operator().to_string(),
            at: self.ctx.now(),
        };
        let evidence = evidence_rows(named, &row.id, &row.unit_id, &row.at);
        self.store.write(|w| -> Result<()> {
            w.add_kpi_response(&row)?;
            for e in &evidence {
                w.add_kpi_evidence(e)?;
            }
            Ok(())
        })?;
        tracing::info!(
            appeal = a.appeal,
            files = evidence.len(),
            "results answered"
        );
        self.kpi_results(None)?
            .rows
            .into_iter()
            .find(|x| x.id == a.result_id)
            .ok_or_else(|| AppError::Export("the answer was not kept".into()))
    }

    /// Headquarters rules on an appeal, saying why. An upheld appeal is corrected by
    /// reopening the period if locked, the unit correcting its figure, and a new version.
    pub fn kpi_rule(&mut self, g: &RulingInput) -> Result<ResultView> {
        self.require(Act::RuleAppeal)?;
        if !self.is_hq()? {
            return Err(AppError::step(
                "kpi.not_hq",
                "申诉由总部裁决。".into(),
                "Appeals are ruled on by headquarters.".into(),
            ));
        }
        let comment = g.comment.trim();
        if comment.is_empty() || comment.chars().count() > 2000 {
            return Err(AppError::invalid(
                "comment",
                "请写明裁决意见（支持或驳回的理由，最多 2000 字）。",
                "Give the ruling's grounds (why upheld or refused; at most 2000 characters).",
            ));
        }
        let all = self.kpi_results(None)?;
        let Some(r) = all
            .rows
            .iter()
            .find(|r| r.response_id.as_deref() == Some(g.response_id.as_str()))
        else {
            return Err(AppError::step(
                "kpi.no_appeal",
                "没有这项申诉。".into(),
                "There is no such appeal.".into(),
            ));
        };
        if r.state != AnswerState::Appealed {
            return Err(AppError::step(
                "kpi.ruled",
                format!("{} 对 {} 的结果没有待裁决的申诉。", r.unit_name, r.period),
                format!(
                    "{} has no appeal of {} waiting for a ruling.",
                    r.unit_name, r.period
                ),
            ));
        }
        let unit_id = self.store.unit_id_by_code(&r.unit)?.unwrap_or_default();
        let row = RulingRow {
            id: new_id(),
            response_id: g.response_id.clone(),
            unit_id,
            verdict: if g.upheld { "upheld" } else { "refused" }.into(),
            comment: comment.into(),
            decided_by: self.ctx.operator().to_string(),
            decided_at: self.ctx.now(),
        };
        self.store.write(|w| w.add_kpi_ruling(&row))?;
        tracing::info!(upheld = g.upheld, "appeal ruled on");
        let id = r.id.clone();
        self.kpi_results(None)?
            .rows
            .into_iter()
            .find(|x| x.id == id)
            .ok_or_else(|| AppError::Export("the ruling was not kept".into()))
    }

    /// At headquarters: a period is not locked while an appeal waits for a ruling, or while
    /// its window is open and a unit has not answered the newest version.
    pub(super) fn refuse_unanswered(&self, period: &str) -> Result<()> {
        let rows = self.kpi_results(Some(period))?.rows;
        let waiting: Vec<&str> = rows
            .iter()
            .filter(|r| r.state == AnswerState::Appealed)
            .map(|r| r.unit_name.as_str())
            .collect();
        if !waiting.is_empty() {
            return Err(AppError::step(
"kpi.appeals_open",
                format!("{} 对 {period} 的申诉还没有裁决：裁决后才能锁定。", waiting.join("、")),
                format!("The appeals of {} against {period} are not ruled on yet: rule first, then lock.", waiting.join(", ")),
            ));
        }
        let open: Vec<&ResultView> = rows
            .iter()
            .filter(|r| r.state == AnswerState::Open)
            .collect();
        if let Some(first) = open.first() {
            let names: Vec<&str> = open.iter().map(|r| r.unit_name.as_str()).collect();
            return Err(AppError::step(
"kpi.window_open",
                format!("{} 还没有确认 {period} 的结果，申诉期到 {} 为止：各单位都答复或申诉期结束后才能锁定。", names.join("、"), first.respond_by),
                format!("{} have not answered the results of {period}; the appeal window runs to {}. Lock once every unit has answered or the window has closed.", names.join(", "), first.respond_by),
            ));
        }
        Ok(())
    }
}
