//! The lifecycle steps of a plan node (上报, 批准, 退回, 执行, 关闭) and their log.

use branchdesk_domain::{
    DecisionKind, DecisionVerdict, Label, Lang, PlanAction, PlanChange, PlanLevel, Role,
};
use rust_decimal::Decimal;

use super::tree::Tree;
use super::{hundred, index_plan, PlanRow};
use crate::shared::input::not_found;
use crate::{App, AppError, Result};

impl App {
    /// One step of the lifecycle, logged with the comment.
    pub fn plan_transition(
        &mut self,
        id: &str,
        action: PlanAction,
        comment: &str,
    ) -> Result<PlanRow> {
        let comment = comment.trim().to_string();
        let node = self
            .store
            .plan_node(id)?
            .ok_or_else(|| not_found(format!("计划 {id}")))?;
        let (from, to) = action.step();
        if !from.contains(&node.status) {
            return Err(AppError::invalid(
                "status",
                format!("计划当前{}，不能执行此操作。", node.status.label(Lang::Zh)),
                format!(
                    "The plan is {}; this step is not possible now.",
                    node.status.as_str()
                ),
            ));
        }
        if matches!(action, PlanAction::Approve | PlanAction::Return) {
            let theirs = self.store.owner_site("plan_node", id)?.is_some();
            let act = if theirs {
                branchdesk_domain::Act::ApproveUnitPlan
            } else {
                branchdesk_domain::Act::ApprovePlan
            };
            if action == PlanAction::Approve {
                self.require_signed(act)?;
            } else {
                self.require(act)?;
            }
        }
        if action == PlanAction::Accept && self.store.owner_site("plan_node", id)?.is_some() {
            return self.take_over(&node, &comment);
        }
        let all = self.plan_view(Some(&node.unit_id))?;
        let tree = Tree::new(self, &all)?;
        match action {
            PlanAction::Submit => {
                let mut bad = Vec::new();
                tree.bad_weights(id, &mut bad);
                if !bad.is_empty() {
                    let zh: Vec<String> = bad
                        .iter()
                        .map(|(t, w)| format!("“{t}”的下级权重合计 {w}"))
                        .collect();
                    let en: Vec<String> = bad
                        .iter()
                        .map(|(t, w)| format!("the children of \"{t}\" weigh {w}"))
                        .collect();
                    return Err(AppError::invalid(
                        "weight",
                        format!("下级计划的权重合计须为 100，不能上报：{}。", zh.join("；")),
                        format!(
                            "Children's weights must add up to 100 before submitting: {}.",
                            en.join("; ")
                        ),
                    ));
                }
            }
            PlanAction::Approve
                if matches!(node.level, PlanLevel::ThreeYear | PlanLevel::Annual)
                    && self.role()? != Role::Hq =>
            {
                return Err(AppError::invalid("status", "三年规划和年度计划由总部审批；上报后请通过同步包发送总部。", "Three-year and annual plans are approved by headquarters; send them in a sync bundle."));
            }
            PlanAction::Return if comment.is_empty() => {
                return Err(AppError::invalid(
                    "comment",
                    "退回时请填写修改意见。",
                    "Say what must change when returning a plan.",
                ));
            }
            PlanAction::Close => {
                let target = node
                    .target_value
                    .as_deref()
                    .and_then(|t| t.parse::<Decimal>().ok());
                let actual = tree.actual(&node);
                let differs = match (target, actual) {
                    (Some(t), Some(a)) => t != a && a < t,
                    (Some(_), None) => true,
                    _ => tree.progress(&node, 0) < hundred(),
                };
                if differs && node.deviation.trim().is_empty() && comment.is_empty() {
                    return Err(AppError::invalid("deviation", "实际完成与目标有差距，关闭前请填写偏差分析。", "The result falls short of the target; write the deviation analysis before closing."));
                }
            }
            _ => {}
        }
        if matches!(action, PlanAction::Approve | PlanAction::Return)
            && self.decides_remotely(DecisionKind::Plan, id)?
        {
            let verdict = if action == PlanAction::Approve {
                DecisionVerdict::Approve
            } else {
                DecisionVerdict::Return
            };
            self.decide(DecisionKind::Plan, id, &node.unit_id, verdict, &comment)?;
            return self.plan_row(id);
        }
        let mut n = node.clone();
        n.status = to;
        n.updated_at = self.ctx.now();
        if action == PlanAction::Close && n.deviation.trim().is_empty() {
            n.deviation = comment.clone();
        }
        let change = PlanChange {
            from_status: Some(node.status),
            to_status: to,
            comment,
            by: self.ctx.operator().to_string(),
            at: n.updated_at.clone(),
        };
        self.store.write(|w| -> Result<()> {
            w.put_plan_node(&n)?;
            w.log_plan(id, &change)?;
            index_plan(w, &n)?;
            Ok(())
        })?;
        self.plan_row(id)
    }

    pub fn plan_history(&self, id: &str) -> Result<Vec<PlanChange>> {
        Ok(self.store.plan_log(id)?)
    }
}
