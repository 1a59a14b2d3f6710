//! Headquarters' decisions on a unit's records (DOMAIN §5: "HQ's approvals and feedback are
//! their own records").
//!
//! Only a record's owner changes it. When headquarters approves or returns a unit's plan,
//! decides its target adjustment request or reviews its submission, [`App::decide`] writes an
//! `hq_decision` of headquarters' own that points at the unit's record, with the record's
//! state at that moment (its stamp). The decision travels down in the next bundle; the unit
//! applies it in the same transaction as the import ([`apply_received`]) as its own change,
//! which travels back up. Headquarters sees a decision as waiting while the unit's record still
//! has the stamp, and done once it moved on. A unit whose record moved on before the decision
//! arrived (it was decided locally meanwhile) leaves it as it is and says so.

use std::collections::HashMap;

use branchdesk_domain::{
    AdjustStatus, Decision, DecisionKind, DecisionState, DecisionVerdict, DecisionView, Label,
    Lang, PlanChange, PlanStatus, Role, Verdict,
};
use branchdesk_store::sync::ApplyReport;
use branchdesk_store::{new_id, Writer};

use crate::shared::names::Names;
use crate::{App, AppError, Result};

/// The table of the unit's record a decision is about.
pub(super) fn table(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Plan => "plan_node",
        DecisionKind::Adjustment => "plan_adjustment",
        DecisionKind::Submission => "submission",
    }
}

impl App {
    /// At headquarters, whether a record of `kind` is a unit's (came in a bundle): then
    /// headquarters decides on it by a decision of its own.
    pub(crate) fn decides_remotely(&self, kind: DecisionKind, id: &str) -> Result<bool> {
        Ok(
            self.store.site()?.role == Role::Hq
                && self.store.owner_site(table(kind), id)?.is_some(),
        )
    }

    /// Writes headquarters' decision on a unit's record; the record itself changes at the unit.
    pub(crate) fn decide(
        &mut self,
        kind: DecisionKind,
        subject_id: &str,
        unit_id: &str,
        verdict: DecisionVerdict,
        comment: &str,
    ) -> Result<Decision> {
        let stamp = self
            .store
            .subject_stamp(kind, subject_id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(subject_id.to_string()))?;
        if let Some(w) = self
            .store
            .decisions(Some(subject_id))?
            .into_iter()
            .find(|d| d.decision.stamp == stamp)
        {
            let names = Names::load(self)?;
            return Err(AppError::invalid(
                "status",
                format!(
                    "总部已于 {} 作出决定（{}），将随下一个同步包发给「{}」，单位导入后生效。",
                    &w.decision.decided_at[..10.min(w.decision.decided_at.len())],
                    w.decision.verdict.label(Lang::Zh),
                    names.unit(Some(unit_id))
                ),
                format!(
                    "Headquarters decided on {} ({}); it goes to \u{201c}{}\u{201d} in the next bundle and takes effect when the unit imports it.",
                    &w.decision.decided_at[..10.min(w.decision.decided_at.len())],
                    w.decision.verdict.as_str(),
                    names.unit(Some(unit_id))
                ),
            ));
        }
        let d = Decision {
            id: new_id(),
            unit_id: unit_id.to_string(),
            kind,
            subject_id: subject_id.to_string(),
            verdict,
            comment: comment.trim().to_string(),
            stamp,
            decided_by: self.ctx.operator().to_string(),
            decided_at: self.ctx.now(),
        };
        self.store
            .write(|w| w.put_decision(&d).map_err(AppError::from))?;
        Ok(d)
    }

    /// Every decision of headquarters this site holds, newest first: at headquarters the ones
    /// it made (waiting or done), at a unit the ones it received (applied or stale).
    pub fn decisions(&self) -> Result<Vec<DecisionView>> {
        let rows = self.store.decisions(None)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let names = Names::load(self)?;
        let plans: HashMap<String, String> = self
            .store
            .plan_nodes(None)?
            .into_iter()
            .map(|n| (n.id, n.title))
            .collect();
        let adjustments: HashMap<String, String> = self
            .store
            .adjustments(None)?
            .into_iter()
            .map(|a| {
                let title = plans.get(&a.node_id).cloned().unwrap_or_default();
                (a.id, format!("{title} {}", a.month))
            })
            .collect();
        let submissions: HashMap<String, String> = self
            .store
            .submissions(None)?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect();
        let unit = self.store.site()?.role == Role::Unit;
        rows.into_iter()
            .filter(|row| {
                // A unit lists the decisions on its own records only.
                !unit
                    || match row.decision.kind {
                        DecisionKind::Plan => plans.contains_key(&row.decision.subject_id),
                        DecisionKind::Adjustment => {
                            adjustments.contains_key(&row.decision.subject_id)
                        }
                        DecisionKind::Submission => {
                            submissions.contains_key(&row.decision.subject_id)
                        }
                    }
            })
            .map(|row| {
                let d = &row.decision;
                let subject = match d.kind {
                    DecisionKind::Plan => plans.get(&d.subject_id),
                    DecisionKind::Adjustment => adjustments.get(&d.subject_id),
                    DecisionKind::Submission => submissions.get(&d.subject_id),
                }
                .cloned()
                .unwrap_or_default();
                let (state, note) = match &row.applied {
                    Some((o, note)) if o == "stale" => (DecisionState::Stale, note.clone()),
                    Some(_) => (DecisionState::Applied, String::new()),
                    None => {
                        let now = self.store.subject_stamp(d.kind, &d.subject_id)?;
                        if now.as_deref() == Some(d.stamp.as_str()) {
                            (DecisionState::Waiting, String::new())
                        } else {
                            (DecisionState::Done, String::new())
                        }
                    }
                };
                Ok(DecisionView {
                    unit_name: names.unit(Some(&d.unit_id)),
                    subject,
                    state,
                    note,
                    decision: row.decision,
                })
            })
            .collect()
    }
}

/// At a unit, inside the import's transaction: applies the decisions the bundle brought to
/// our records, as our own changes. Returns one line per decision for the import's message.
pub(crate) fn apply_received(
    w: &Writer<'_>,
    report: &ApplyReport,
    role: Role,
    lang: Lang,
    at: &str,
) -> Result<Vec<String>> {
    let Some(ids) = report.written.get("hq_decision") else {
        return Ok(Vec::new());
    };
    if role != Role::Unit {
        return Ok(Vec::new());
    }
    let mut lines = Vec::new();
    for row in w.decisions(None)? {
        let d = &row.decision;
        if !ids.contains(&d.id) || row.applied.is_some() {
            continue;
        }
        let by = format!("{}（总部）", d.decided_by);
        let current = w.subject_stamp(d.kind, &d.subject_id)?;
        let ours = w.owner_site(table(d.kind), &d.subject_id)?.is_none();
        let (zh, en) = match (current, ours) {
            (Some(s), true) if s == d.stamp => apply(w, d, &by, at)?,
            (None, _) | (_, false) => {
                let note = lang.pick(
                    "本站没有该记录，未作改动。",
                    "This site has no such record; nothing was changed.",
                );
                // Not about a record of ours (a decision on a unit above us reaches us too):
                // kept, but not worth a line in the import's message or the list.
                w.mark_decision(&d.id, "stale", note, at)?;
                continue;
            }
            (Some(_), true) => {
                let note = lang.pick(
                    "总部作出决定后，本站的记录已有变动（例如已在本站审批），未作改动。",
                    "The record changed here after headquarters decided (it was decided here, for one); nothing was changed.",
                );
                w.mark_decision(&d.id, "stale", note, at)?;
                lines.push(note.to_string());
                continue;
            }
        };
        w.mark_decision(&d.id, "applied", "", at)?;
        lines.push(lang.pick(zh, en));
    }
    Ok(lines)
}

/// Applies one decision whose subject is as it was when headquarters decided.
pub(super) fn apply(w: &Writer<'_>, d: &Decision, by: &str, at: &str) -> Result<(String, String)> {
    let comment = if d.comment.is_empty() {
        String::new()
    } else {
        format!("：{}", d.comment)
    };
    let comment_en = if d.comment.is_empty() {
        String::new()
    } else {
        format!(": {}", d.comment)
    };
    match d.kind {
        DecisionKind::Plan => {
            let Some(node) = w.plan_node(&d.subject_id)? else {
                return Err(branchdesk_store::Error::NotFound(d.subject_id.clone()).into());
            };
            let to = match d.verdict {
                DecisionVerdict::Approve => PlanStatus::Approved,
                _ => PlanStatus::Returned,
            };
            let mut n = node.clone();
            n.status = to;
            n.updated_at = at.to_string();
            w.put_plan_node(&n)?;
            w.log_plan(
                &n.id,
                &PlanChange {
                    from_status: Some(node.status),
                    to_status: to,
                    comment: d.comment.clone(),
                    by: by.to_string(),
                    at: d.decided_at.clone(),
                },
            )?;
            crate::plans::index_plan(w, &n)?;
            Ok(if to == PlanStatus::Approved {
                (
                    format!("总部批准了计划「{}」{comment}。", n.title),
                    format!(
                        "Headquarters approved the plan \u{201c}{}\u{201d}{comment_en}.",
                        n.title
                    ),
                )
            } else {
                (
                    format!("总部退回了计划「{}」{comment}。", n.title),
                    format!(
                        "Headquarters returned the plan \u{201c}{}\u{201d}{comment_en}.",
                        n.title
                    ),
                )
            })
        }
        DecisionKind::Adjustment => {
            let Some(mut adj) = w
                .adjustments(None)?
                .into_iter()
                .find(|a| a.id == d.subject_id)
            else {
                return Err(branchdesk_store::Error::NotFound(d.subject_id.clone()).into());
            };
            let approve = d.verdict == DecisionVerdict::Approve;
            adj.status = if approve {
                AdjustStatus::Approved
            } else {
                AdjustStatus::Refused
            };
            adj.decided_by = Some(by.to_string());
            adj.decided_on = Some(d.decided_at.chars().take(10).collect());
            adj.decision = d.comment.clone();
            crate::plans::settle_adjustment(w, &adj, at)?;
            Ok(if approve {
                (
                    format!(
                        "总部批准了 {} 的目标调整申请（调整为 {}）{comment}。",
                        adj.month, adj.new_target
                    ),
                    format!(
                        "Headquarters approved the target adjustment for {} (to {}){comment_en}.",
                        adj.month, adj.new_target
                    ),
                )
            } else {
                (
                    format!("总部未批准 {} 的目标调整申请{comment}。", adj.month),
                    format!(
                        "Headquarters refused the target adjustment for {}{comment_en}.",
                        adj.month
                    ),
                )
            })
        }
        DecisionKind::Submission => {
            let Some(mut s) = w.submission(&d.subject_id)? else {
                return Err(branchdesk_store::Error::NotFound(d.subject_id.clone()).into());
            };
            s.verdict = match d.verdict {
                DecisionVerdict::Compliant => Some(Verdict::Compliant),
                DecisionVerdict::Noncompliant => Some(Verdict::Noncompliant),
                _ => None,
            };
            s.verdict_note = d.comment.clone();
            s.reviewed_by = s.verdict.map(|_| by.to_string());
            s.reviewed_at = s.verdict.map(|_| d.decided_at.clone());
            crate::minutes::settle_review(w, &s, by, at)?;
            Ok((
                format!(
                    "总部审核了报送材料「{}」：{}{comment}。",
                    s.title,
                    d.verdict.label(Lang::Zh)
                ),
                format!(
                    "Headquarters reviewed \u{201c}{}\u{201d}: {}{comment_en}.",
                    s.title,
                    d.verdict.as_str()
                ),
            ))
        }
    }
}
