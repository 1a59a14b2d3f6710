//! 报送材料: a unit's submissions of a month and the reviewer's verdicts, recounted into its
//! `compliant_submissions` figure.

use branchdesk_domain::{DecisionKind, DecisionVerdict, Submission, SubmissionKind, Verdict};
use branchdesk_store::{new_id, Writer};

use super::{SubmissionInput, SubmissionView, SUBMISSIONS_METRIC};
use crate::shared::input::{parse_date, text};
use crate::shared::names::Names;
use crate::{App, AppError, Result};

/// Recounts a unit's compliant submissions in a month into its KPI figure, for a unit that
/// is assessed (has KPI figures); others (the city branch itself) keep only the verdicts.
/// Writes a reviewed submission and recounts its unit's compliant submissions of the month.
pub(crate) fn settle_review(w: &Writer<'_>, s: &Submission, by: &str, at: &str) -> Result<()> {
    w.put_submission(s)?;
    recount(w, &s.unit_id, &s.month, &format!("报送审核（{by}）"), at)
}

pub(super) fn recount(
    w: &Writer<'_>,
    unit_id: &str,
    month: &str,
    by: &str,
    at: &str,
) -> Result<()> {
    if !w.has_kpi_values(unit_id)? {
        return Ok(());
    }
    let n = w.compliant_count(unit_id, month)?;
    w.record_kpi_value(unit_id, month, SUBMISSIONS_METRIC, &n.to_string(), by, at)?;
    Ok(())
}

impl App {
    /// Submissions of a month (all when `None`).
    pub fn submissions(&self, month: Option<&str>) -> Result<Vec<SubmissionView>> {
        let month = month
            .map(|p| crate::shared::input::month("current_period", p))
            .transpose()?;
        let names = Names::load(self)?;
        Ok(self
            .store
            .submissions(month.as_deref())?
            .into_iter()
            .map(|s| SubmissionView {
                unit_name: names.unit(Some(&s.unit_id)),
                submission: s,
            })
            .collect())
    }

    /// Registers a briefing, data bulletin or training record (minutes come by 定稿).
    pub fn submission_add(&mut self, input: &SubmissionInput) -> Result<SubmissionView> {
        if input.kind == SubmissionKind::Minutes {
            return Err(AppError::invalid(
                "kind",
                "会议纪要在定稿时自动报送，无需另行登记。",
                "Minutes are submitted when they are finalised; they need no separate entry.",
            ));
        }
        let title = text("title", &input.title, 100, "材料名称", "title")?;
        let day = parse_date("submitted_on", &input.submitted_on)?;
        let names = Names::load(self)?;
        if !names.units.contains_key(&input.unit_id) {
            return Err(AppError::invalid(
                "unit_id",
                "请选择报送单位。",
                "Choose the submitting unit.",
            ));
        }
        let s = Submission {
            id: new_id(),
            unit_id: names.assessed_unit(&input.unit_id),
            month: day[..7].to_string(),
            kind: input.kind,
            title,
            meeting_id: None,
            submitted_on: day,
            verdict: None,
            verdict_note: String::new(),
            reviewed_by: None,
            reviewed_at: None,
        };
        self.store
            .write(|w| w.put_submission(&s).map_err(AppError::from))?;
        Ok(SubmissionView {
            unit_name: names.unit(Some(&s.unit_id)),
            submission: s,
        })
    }

    /// The reviewer's verdict (or `None` to withdraw it); the unit's compliant count for the
    /// month becomes its `compliant_submissions` figure, logged like any figure.
    pub fn submission_review(
        &mut self,
        id: &str,
        verdict: Option<Verdict>,
        note: &str,
    ) -> Result<SubmissionView> {
        self.require(branchdesk_domain::Act::ReviewSubmission)?;
        let note = note.trim().to_string();
        if verdict == Some(Verdict::Noncompliant) && note.is_empty() {
            return Err(AppError::invalid(
                "note",
                "判定为不合格时请写明原因，以便单位整改。",
                "Say why the material is not compliant, so the unit can put it right.",
            ));
        }
        if self.decides_remotely(DecisionKind::Submission, id)? {
            let s = self
                .store
                .submissions(None)?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| branchdesk_store::Error::NotFound(format!("报送材料 {id}")))?;
            let v = match verdict {
                Some(Verdict::Compliant) => DecisionVerdict::Compliant,
                Some(Verdict::Noncompliant) => DecisionVerdict::Noncompliant,
                None => DecisionVerdict::Withdraw,
            };
            self.decide(DecisionKind::Submission, id, &s.unit_id, v, &note)?;
            let names = Names::load(self)?;
            return Ok(SubmissionView {
                unit_name: names.unit(Some(&s.unit_id)),
                submission: s,
            });
        }
        let by = self.ctx.operator().to_string();
        let at = self.ctx.now();
        let s = self.store.write(|w| -> Result<Submission> {
            let mut s = w
                .submission(id)?
                .ok_or_else(|| branchdesk_store::Error::NotFound(format!("报送材料 {id}")))?;
            s.verdict = verdict;
            s.verdict_note = note.clone();
            s.reviewed_by = verdict.map(|_| by.clone());
            s.reviewed_at = verdict.map(|_| at.clone());
            settle_review(w, &s, &by, &at)?;
            Ok(s)
        })?;
        let names = Names::load(self)?;
        Ok(SubmissionView {
            unit_name: names.unit(Some(&s.unit_id)),
            submission: s,
        })
    }
}
