//! Listing, saving and deleting plan nodes, and a unit drafting a target headquarters issued.

use std::collections::HashMap;

use branchdesk_domain::{
    AdjustStatus, Label, Lang, Period, PlanChange, PlanLevel, PlanNode, PlanStatus, Role,
};
use branchdesk_store::new_id;
use rust_decimal::Decimal;

use super::tree::Tree;
use super::{hundred, index_plan, pct, period_days, period_hint, PlanInput, PlanRow};
use crate::shared::input::{decimal, not_found, opt_decimal};
use crate::shared::names::Names;
use crate::{App, AppError, Result};

impl App {
    pub(super) fn role(&self) -> Result<Role> {
        Ok(self.store.site()?.role)
    }

    /// The plan nodes as people see them: a target headquarters issued that a unit has drafted
    /// its own plan from is replaced by that plan, also as the parent of what was below it.
    pub(super) fn plan_view(&self, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
        let mut nodes = self.store.plan_nodes(unit_id)?;
        let replaced: HashMap<String, String> = nodes
            .iter()
            .filter_map(|n| n.issued_from.clone().map(|f| (f, n.id.clone())))
            .collect();
        if replaced.is_empty() {
            return Ok(nodes);
        }
        nodes.retain(|n| !replaced.contains_key(&n.id));
        for n in &mut nodes {
            if let Some(to) = n.parent_id.as_ref().and_then(|p| replaced.get(p)) {
                n.parent_id = Some(to.clone());
            }
        }
        Ok(nodes)
    }

    /// A unit drafts a target headquarters issued: its own plan from it, in the target's place
    /// (the target stays headquarters' record, which only headquarters changes).
    pub(super) fn take_over(&mut self, issued: &PlanNode, comment: &str) -> Result<PlanRow> {
        let all = self.store.plan_nodes(Some(&issued.unit_id))?;
        if let Some(mine) = all
            .iter()
            .find(|n| n.issued_from.as_deref() == Some(issued.id.as_str()))
        {
            return Err(AppError::invalid(
                "status",
                format!("已根据该目标起草了本单位的计划「{}」。", mine.title),
                format!(
                    "This unit's plan \"{}\" is already drafted from this target.",
                    mine.title
                ),
            ));
        }
        let view = self.plan_view(Some(&issued.unit_id))?;
        let mut n = issued.clone();
        n.id = new_id();
        n.status = PlanStatus::Draft;
        n.issued_from = Some(issued.id.clone());
        n.updated_at = self.ctx.now();
        // Under the plan that replaced the target's parent, if one did.
        if let Some(p) = &issued.parent_id {
            n.parent_id = view
                .iter()
                .find(|v| v.issued_from.as_deref() == Some(p.as_str()))
                .map(|v| v.id.clone())
                .or(Some(p.clone()));
        }
        let mine: Vec<PlanNode> = all
            .into_iter()
            .filter(|c| c.parent_id.as_deref() == Some(issued.id.as_str()))
            .collect();
        let mut moved = Vec::new();
        for c in mine {
            if self.store.owner_site("plan_node", &c.id)?.is_none() {
                moved.push(PlanNode {
                    parent_id: Some(n.id.clone()),
                    updated_at: n.updated_at.clone(),
                    ..c
                });
            }
        }
        let change = PlanChange {
            from_status: Some(PlanStatus::Issued),
            to_status: PlanStatus::Draft,
            comment: if comment.is_empty() {
                "接收总部下达的目标，起草本单位计划".to_string()
            } else {
                comment.to_string()
            },
            by: self.ctx.operator().to_string(),
            at: n.updated_at.clone(),
        };
        self.store.write(|w| -> Result<()> {
            w.put_plan_node(&n)?;
            w.log_plan(&n.id, &change)?;
            for c in &moved {
                w.put_plan_node(c)?;
            }
            index_plan(w, &n)?;
            Ok(())
        })?;
        self.plan_row(&n.id)
    }

    /// A plan by its id or its exact title (which must name one plan).
    pub fn plan_find(&self, id_or_title: &str) -> Result<String> {
        let rows = self.plans(None)?;
        if rows.iter().any(|r| r.node.id == id_or_title) {
            return Ok(id_or_title.to_string());
        }
        let hits: Vec<&PlanRow> = rows
            .iter()
            .filter(|r| r.node.title == id_or_title.trim())
            .collect();
        match hits.as_slice() {
            [one] => Ok(one.node.id.clone()),
            [] => Err(not_found(format!("计划「{id_or_title}」"))),
            many => Err(AppError::invalid(
                "plan",
                format!(
                    "有 {} 个计划名为「{id_or_title}」，请用编号（plans list --json 中的 id）。",
                    many.len()
                ),
                format!(
                    "{} plans are called \"{id_or_title}\"; give the id (from plans list --json).",
                    many.len()
                ),
            )),
        }
    }

    /// The plan nodes (of one unit when given), with progress computed.
    pub fn plans(&self, unit_id: Option<&str>) -> Result<Vec<PlanRow>> {
        let nodes = self.plan_view(unit_id)?;
        let names = Names::load(self)?;
        let tree = Tree::new(self, &nodes)?;
        let mut pending: HashMap<String, i64> = HashMap::new();
        for a in self.store.adjustments(None)? {
            if a.status == AdjustStatus::Pending {
                *pending.entry(a.node_id).or_default() += 1;
            }
        }
        let me = self.actor()?;
        let may = |act: branchdesk_domain::Act| me.as_ref().is_none_or(|a| a.may(act).is_ok());
        let (mine, theirs) = (
            may(branchdesk_domain::Act::ApprovePlan),
            may(branchdesk_domain::Act::ApproveUnitPlan),
        );
        let mut may_decide = HashMap::new();
        for n in nodes.iter().filter(|n| n.status == PlanStatus::Submitted) {
            let unit = self.store.owner_site("plan_node", &n.id)?.is_some();
            may_decide.insert(n.id.clone(), if unit { theirs } else { mine });
        }
        Ok(nodes
            .iter()
            .map(|n| PlanRow {
                may_decide: may_decide.get(&n.id).copied().unwrap_or(false),
                unit_name: names.unit(Some(&n.unit_id)),
                owner_name: names.person(n.owner_person_id.as_deref()),
                actual: tree.actual(n).map(|d| d.normalize().to_string()),
                progress_pct: pct(tree.progress(n, 0)),
                children_weight: tree
                    .children_weight(&n.id)
                    .map(|d| d.normalize().to_string()),
                pending_adjustments: pending.get(&n.id).copied().unwrap_or_default(),
                node: n.clone(),
            })
            .collect())
    }

    pub(super) fn plan_row(&self, id: &str) -> Result<PlanRow> {
        let node = self
            .store
            .plan_node(id)?
            .ok_or_else(|| not_found(format!("计划 {id}")))?;
        self.plans(Some(&node.unit_id))?
            .into_iter()
            .find(|r| r.node.id == id)
            .ok_or_else(|| not_found(format!("计划 {id}")))
    }

    /// Creates or edits a plan node. Targets of HQ-issued or approved plans change only by
    /// an adjustment request; while executing only progress, results and milestones change.
    pub fn plan_save(&mut self, input: &PlanInput) -> Result<PlanRow> {
        let title = input.title.trim();
        crate::shared::input::no_emoji("title", ("计划名称", "title"), title)?;
        if title.is_empty() || title.chars().count() > 100 {
            return Err(AppError::invalid(
                "title",
                "计划名称不能为空，且不超过100个字。",
                "The title must not be empty or longer than 100 characters.",
            ));
        }
        let (from, to) = period_days(input.level, &input.period).ok_or_else(|| {
            let (zh, en) = period_hint(input.level);
            AppError::invalid(
                "period",
                format!("“{}”不是有效期间：{zh}。", input.period),
                format!("\"{}\" is not a valid period: {en}.", input.period),
            )
        })?;
        let weight = decimal(
            "weight",
            if input.weight.trim().is_empty() {
                "0"
            } else {
                &input.weight
            },
            "权重",
            "weight",
        )?;
        if weight < Decimal::ZERO || weight > hundred() {
            return Err(AppError::invalid(
                "weight",
                "权重应在 0 到 100 之间。",
                "The weight must be between 0 and 100.",
            ));
        }
        let progress = decimal(
            "progress",
            if input.progress.trim().is_empty() {
                "0"
            } else {
                &input.progress
            },
            "进度",
            "progress",
        )?;
        if progress < Decimal::ZERO || progress > hundred() {
            return Err(AppError::invalid(
                "progress",
                "进度应在 0 到 100 之间。",
                "Progress must be between 0 and 100.",
            ));
        }
        let target_value = opt_decimal("target_value", &input.target_value, "目标值", "target")?;
        let actual_value = opt_decimal(
            "actual_value",
            &input.actual_value,
            "实际值",
            "actual figure",
        )?;
        let kpi_metric = input
            .kpi_metric
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if kpi_metric.is_some() && input.level == PlanLevel::PersonalWeek {
            return Err(AppError::invalid(
                "kpi_metric",
                "考核数据按月填报，周计划不能关联考核指标。",
                "KPI figures are monthly; a weekly plan cannot link to a metric.",
            ));
        }
        if kpi_metric.is_some() && target_value.is_none() {
            return Err(AppError::invalid(
                "target_value",
                "关联考核指标时请填写目标值。",
                "Give a target when linking a KPI metric.",
            ));
        }
        for (i, m) in input.milestones.iter().enumerate() {
            if m.title.trim().is_empty() {
                return Err(AppError::invalid(
                    "milestones",
                    format!("第{}个里程碑缺少名称。", i + 1),
                    format!("Milestone {} has no title.", i + 1),
                ));
            }
            crate::shared::input::parse_date("milestones", &m.due_on)?;
        }
        let names = Names::load(self)?;
        if names.unit(Some(&input.unit_id)).is_empty() {
            return Err(AppError::invalid(
                "unit_id",
                "请选择单位。",
                "Choose a unit.",
            ));
        }
        if let Some(p) = input.owner_person_id.as_deref().filter(|p| !p.is_empty()) {
            if names.person(Some(p)).is_empty() {
                return Err(AppError::invalid(
                    "owner_person_id",
                    "责任人不在人员名单中。",
                    "The owner is not a known person.",
                ));
            }
        }
        let parent = match input.parent_id.as_deref().filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => Some(self.store.plan_node(p)?.ok_or_else(|| {
                AppError::invalid(
                    "parent_id",
                    "上级计划不存在。",
                    "The parent plan does not exist.",
                )
            })?),
        };
        if let Some(p) = &parent {
            if p.level.depth() >= input.level.depth() {
                return Err(AppError::invalid("level", "下级计划的层级应低于上级计划（如年度计划之下为季度或月度目标）。", "A child plan must be of a lower level than its parent (e.g. quarterly goals under an annual plan)."));
            }
            if !names.within(&input.unit_id, &p.unit_id) {
                return Err(AppError::invalid(
                    "unit_id",
                    "下级计划应属于上级计划所在单位或其下属部门。",
                    "A child plan belongs to its parent plan's unit or a department of it.",
                ));
            }
            if let Some((pf, pt)) = period_days(p.level, &p.period) {
                if from < pf || to > pt {
                    return Err(AppError::invalid(
                        "period",
                        format!(
                            "期间 {} 超出了上级计划的期间 {}。",
                            input.period.trim(),
                            p.period
                        ),
                        format!(
                            "The period {} lies outside the parent plan's period {}.",
                            input.period.trim(),
                            p.period
                        ),
                    ));
                }
            }
            if Some(p.id.as_str()) == input.id.as_deref() {
                return Err(AppError::invalid(
                    "parent_id",
                    "计划不能以自己为上级。",
                    "A plan cannot be its own parent.",
                ));
            }
        }
        let existing = match &input.id {
            Some(id) => Some(
                self.store
                    .plan_node(id)?
                    .ok_or_else(|| not_found(format!("计划 {id}")))?,
            ),
            None => None,
        };
        let role = self.role()?;
        let status = match &existing {
            Some(e) => e.status,
            None if role == Role::Hq => PlanStatus::Issued,
            None => PlanStatus::Draft,
        };
        let node = PlanNode {
            id: existing.as_ref().map_or_else(new_id, |e| e.id.clone()),
            unit_id: input.unit_id.clone(),
            parent_id: parent.as_ref().map(|p| p.id.clone()),
            level: input.level,
            title: title.to_string(),
            owner_person_id: input.owner_person_id.clone().filter(|p| !p.is_empty()),
            owner_position_id: input.owner_position_id.clone().filter(|p| !p.is_empty()),
            // As written in the level's form (2016-q3 is kept as 2016-Q3).
            period: input
                .period
                .trim()
                .parse::<Period>()
                .map_or_else(|_| input.period.trim().to_string(), |p| p.to_string()),
            priority: input.priority,
            weight: weight.normalize().to_string(),
            target_value,
            target_unit: input.target_unit.trim().to_string(),
            kpi_metric,
            actual_value,
            progress: progress.normalize().to_string(),
            status,
            deviation: input.deviation.trim().to_string(),
            outcome: input.outcome.trim().to_string(),
            milestones: input.milestones.clone(),
            sort: existing.as_ref().map_or(0, |e| e.sort),
            updated_at: self.ctx.now(),
            issued_from: existing.as_ref().and_then(|e| e.issued_from.clone()),
        };
        if let Some(e) = &existing {
            let plan_fields = |n: &PlanNode| {
                (
                    n.parent_id.clone(),
                    n.level,
                    n.title.clone(),
                    n.period.clone(),
                    n.weight.clone(),
                    n.target_value.clone(),
                    n.target_unit.clone(),
                    n.kpi_metric.clone(),
                    n.unit_id.clone(),
                )
            };
            match e.status {
                PlanStatus::Submitted | PlanStatus::Approved | PlanStatus::Closed => {
                    return Err(AppError::invalid(
                        "status",
                        format!("计划{}，不能修改。", e.status.label(Lang::Zh)),
                        "The plan is submitted, approved or closed and cannot be edited.",
                    ));
                }
                PlanStatus::Executing if plan_fields(e) != plan_fields(&node) => {
                    return Err(AppError::invalid("target_value", "执行中的计划只能更新进度、实际值、里程碑和完成情况；目标的变更请提交目标调整申请。", "While a plan is executing only progress, actuals, milestones and outcome change; ask for a target adjustment to change the target."));
                }
                PlanStatus::Issued | PlanStatus::Draft | PlanStatus::Returned
                    if (e.status == PlanStatus::Issued && role != Role::Hq
                        || e.issued_from.is_some())
                        && e.target_value != node.target_value =>
                {
                    return Err(AppError::invalid("target_value", "总部下达的目标值不能在单位修改；如需变更请提交目标调整申请。", "A target issued by headquarters cannot be changed here; ask for an adjustment."));
                }
                _ => {}
            }
        }
        let by = self.ctx.operator().to_string();
        self.store.write(|w| -> Result<()> {
            w.put_plan_node(&node)?;
            if existing.is_none() {
                w.log_plan(
                    &node.id,
                    &PlanChange {
                        from_status: None,
                        to_status: node.status,
                        comment: String::new(),
                        by: by.clone(),
                        at: node.updated_at.clone(),
                    },
                )?;
            }
            index_plan(w, &node)?;
            Ok(())
        })?;
        self.plan_row(&node.id)
    }

    /// Deletes a plan node that never left the drafting stage and has no children.
    pub fn plan_delete(&mut self, id: &str) -> Result<()> {
        let node = self
            .store
            .plan_node(id)?
            .ok_or_else(|| not_found(format!("计划 {id}")))?;
        if self
            .store
            .plan_log(id)?
            .iter()
            .any(|c| c.to_status == PlanStatus::Submitted)
            || !matches!(node.status, PlanStatus::Draft | PlanStatus::Issued)
        {
            return Err(AppError::invalid("status", "上报过的计划不能删除；不再执行的可以关闭并写明原因。", "A plan that was ever submitted cannot be deleted; close it with the reason instead."));
        }
        if self
            .store
            .plan_nodes(Some(&node.unit_id))?
            .iter()
            .any(|n| n.parent_id.as_deref() == Some(id))
        {
            return Err(AppError::invalid(
                "status",
                "请先删除或移走下级计划。",
                "Delete or move its child plans first.",
            ));
        }
        self.store.write(|w| -> Result<()> {
            w.unindex(id)?;
            w.delete_plan_node(id)?;
            Ok(())
        })
    }
}
