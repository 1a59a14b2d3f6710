//! Target adjustment requests (seed 003 篇4): a month's target, asked at least one month ahead,
//! decided by the deputy in charge or the general manager.

use branchdesk_domain::{
    earliest_adjustable, AdjustStatus, Adjustment, DecisionKind, DecisionVerdict, PlanLevel,
};
use branchdesk_store::{new_id, Writer};
use chrono::NaiveDate;

use super::{period_days, AdjustInput};
use crate::shared::input::{decimal, not_found};
use crate::{App, AppError, Result};

/// Writes a decided adjustment request; an approved one for a monthly plan's own month becomes
/// the plan's target (when the plan is this site's).
pub(crate) fn settle_adjustment(w: &Writer<'_>, adj: &Adjustment, at: &str) -> Result<()> {
    w.put_adjustment(adj)?;
    let Some(node) = w.plan_node(&adj.node_id)? else {
        return Ok(());
    };
    if adj.status == AdjustStatus::Approved
        && matches!(node.level, PlanLevel::Month | PlanLevel::PersonalMonth)
        && node.period == adj.month
        && w.owner_site("plan_node", &node.id)?.is_none()
    {
        let mut n = node;
        n.target_value = Some(adj.new_target.clone());
        n.updated_at = at.to_string();
        w.put_plan_node(&n)?;
    }
    Ok(())
}

impl App {
    /// A target adjustment request (seed 003 篇4): only for a future month, asked at least
    /// one month ahead (on 2016-07-05 the earliest is 2016-09: 2016-08 starts less than a
    /// month later).
    pub fn plan_adjust_request(&mut self, a: &AdjustInput) -> Result<Adjustment> {
        let node = self
            .store
            .plan_node(&a.node_id)?
            .ok_or_else(|| not_found(format!("计划 {}", a.node_id)))?;
        let month = crate::shared::input::month("current_period", &a.month)?;
        let reason = a.reason.trim();
        if reason.is_empty() {
            return Err(AppError::invalid(
                "reason",
                "请写明调整原因。",
                "Give the reason for the adjustment.",
            ));
        }
        let new_target = decimal("new_target", &a.new_target, "调整后的目标值", "new target")?
            .normalize()
            .to_string();
        if node.target_value.is_none() {
            return Err(AppError::invalid(
                "node_id",
                "该计划没有量化目标，无需调整。",
                "This plan has no measurable target to adjust.",
            ));
        }
        let today = self.ctx.today_str();
        let asked = NaiveDate::parse_from_str(&today, "%Y-%m-%d").expect("today is a date");
        let earliest = earliest_adjustable(asked).format("%Y-%m").to_string();
        if month < earliest {
            return Err(AppError::invalid("month", format!("目标调整须提前一个月、且只能针对未来月份提出：今天（{today}）最早可申请调整 {earliest} 的目标，{month} 已不能调整。"), format!("Adjustments must be asked at least a month ahead and for future months only: today ({today}) the earliest month is {earliest}; {month} can no longer change.")));
        }
        if let Some((f, t)) = period_days(node.level, &node.period) {
            let (f, t) = (f.format("%Y-%m").to_string(), t.format("%Y-%m").to_string());
            if month < f || month > t {
                return Err(AppError::invalid(
                    "month",
                    format!("{month} 不在计划期间 {} 内。", node.period),
                    format!("{month} is outside the plan's period {}.", node.period),
                ));
            }
        }
        if self
            .store
            .adjustments(Some(&node.id))?
            .iter()
            .any(|x| x.month == month && x.status == AdjustStatus::Pending)
        {
            return Err(AppError::invalid(
                "month",
                format!("{month} 已有一项待审批的调整申请。"),
                format!("There is already a pending request for {month}."),
            ));
        }
        let adj = Adjustment {
            id: new_id(),
            node_id: node.id.clone(),
            month,
            old_target: node.target_value.clone(),
            new_target,
            reason: reason.to_string(),
            requested_on: today,
            status: AdjustStatus::Pending,
            decided_by: None,
            decided_on: None,
            decision: String::new(),
        };
        self.store
            .write(|w| w.put_adjustment(&adj).map_err(AppError::from))?;
        Ok(adj)
    }

    /// Approves or refuses a request (`outcome` is `Approved` or `Refused`); the reason is kept
    /// either way. An approved request for a monthly plan's own month becomes its target.
    pub fn plan_adjust_decide(
        &mut self,
        id: &str,
        outcome: AdjustStatus,
        decision: &str,
    ) -> Result<Adjustment> {
        if outcome == AdjustStatus::Pending {
            return Err(AppError::invalid(
                "outcome",
                "请选择批准或不批准。",
                "Choose to approve or to refuse.",
            ));
        }
        let approve = outcome == AdjustStatus::Approved;
        let decision = decision.trim().to_string();
        if decision.is_empty() {
            return Err(AppError::invalid(
                "decision",
                "请填写审批意见（批准或不批准的理由），意见将存档并下发。",
                "Give the reason for the decision; it is archived and sent back.",
            ));
        }
        self.require(branchdesk_domain::Act::DecideAdjustment)?;
        let mut adj = self
            .store
            .adjustments(None)?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| not_found(format!("调整申请 {id}")))?;
        if adj.status != AdjustStatus::Pending {
            return Err(AppError::invalid(
                "status",
                "该申请已经审批。",
                "This request has already been decided.",
            ));
        }
        let node = self
            .store
            .plan_node(&adj.node_id)?
            .ok_or_else(|| not_found(format!("计划 {}", adj.node_id)))?;
        self.require_signed(branchdesk_domain::Act::DecideAdjustment)?;
        if self.decides_remotely(DecisionKind::Adjustment, id)? {
            let verdict = if approve {
                DecisionVerdict::Approve
            } else {
                DecisionVerdict::Refuse
            };
            self.decide(
                DecisionKind::Adjustment,
                id,
                &node.unit_id,
                verdict,
                &decision,
            )?;
            return Ok(adj);
        }
        adj.status = outcome;
        adj.decided_by = Some(self.ctx.operator().to_string());
        adj.decided_on = Some(self.ctx.today_str());
        adj.decision = decision;
        self.store
            .write(|w| settle_adjustment(w, &adj, &self.ctx.now()))?;
        Ok(adj)
    }

    pub fn plan_adjustments(&self, node_id: Option<&str>) -> Result<Vec<Adjustment>> {
        Ok(self.store.adjustments(node_id)?)
    }
}
