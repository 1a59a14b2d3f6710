//! 计划: a unit's plan tree from the three-year plan down to personal weekly plans, its
//! lifecycle (seed 000; the steps are `PlanAction::step` in the domain), progress rolled up by
//! weight, target adjustment requests (seed 003) and work summaries (工作总结).
//!
//! Lifecycle: 目标下达 (issued, by HQ) → 起草 (draft) → 上报 (submitted) → 批准 (approved) or
//! 退回 (returned, with comments) → 执行 (executing) → 关闭 (closed, with a 偏差分析 when the
//! result differs from the target). A node cannot be submitted unless the weights of the
//! children of it and of every node below it add up to 100.
//!
//! Files: `tree` (actual figures and progress over the tree), `edit` (list, save, delete; a
//! unit taking over a target headquarters issued), `lifecycle` (the steps and their log),
//! `adjust` (target adjustment requests), `summary` (work summaries), `report` (the plan PDF).

mod adjust;
mod edit;
mod lifecycle;
mod report;
mod summary;
mod tree;

pub(crate) use adjust::settle_adjustment;

use branchdesk_domain::{Milestone, Period, PlanLevel, PlanNode, Priority};
use branchdesk_store::{SearchDoc, Writer};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

/// What the plan drawer sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanInput {
    pub id: Option<String>,
    pub unit_id: String,
    pub parent_id: Option<String>,
    pub level: PlanLevel,
    pub title: String,
    pub owner_person_id: Option<String>,
    pub owner_position_id: Option<String>,
    pub period: String,
    pub priority: Priority,
    pub weight: String,
    pub target_value: Option<String>,
    pub target_unit: String,
    pub kpi_metric: Option<String>,
    pub actual_value: Option<String>,
    pub progress: String,
    pub milestones: Vec<Milestone>,
    pub outcome: String,
    pub deviation: String,
}

/// A plan node with what is computed from the tree and the KPI figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanRow {
    #[serde(flatten)]
    pub node: PlanNode,
    pub unit_name: String,
    pub owner_name: String,
    /// The actual figure: entered, or the sum of the linked KPI metric over the period.
    pub actual: Option<String>,
    /// Progress in percent: from target and actual, rolled up from the children by weight,
    /// or as entered.
    pub progress_pct: String,
    /// The sum of the children's weights, when there are children.
    pub children_weight: Option<String>,
    #[ts(type = "number")]
    pub pending_adjustments: i64,
    /// Whether the person signed in may approve or return it (a submitted plan): the window
    /// offers only the steps that would not be refused.
    pub may_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdjustInput {
    pub node_id: String,
    /// `YYYY-MM`
    pub month: String,
    pub new_target: String,
    pub reason: String,
}

/// One line of a work summary: a plan item of the person in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryItem {
    pub node_id: String,
    pub title: String,
    pub target: String,
    pub progress_pct: String,
    pub done: bool,
    /// What was done, or why not.
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkSummary {
    pub person_id: String,
    pub person_name: String,
    pub period: String,
    pub items: Vec<SummaryItem>,
    pub text: String,
    pub updated_at: Option<String>,
}

/// The first and last day of a plan period written for its level (2016-2018, 2016, 2016-Q4,
/// 2016-12, 2016-W49).
pub fn period_days(level: PlanLevel, p: &str) -> Option<(NaiveDate, NaiveDate)> {
    Period::parse_as(p, level.period_form())
        .ok()
        .map(|p| p.days())
}

/// The days of a period written in any of the plan levels' forms.
pub fn any_period_days(p: &str) -> Option<(NaiveDate, NaiveDate)> {
    p.parse::<Period>().ok().map(|p| p.days())
}

/// How a period of `level` is written, for messages.
pub(super) fn period_hint(level: PlanLevel) -> (&'static str, &'static str) {
    level.period_hint()
}

/// The months (`YYYY-MM`) a period covers.
pub(super) fn months_of(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut m = Some(Period::month_of(from));
    while let Some(month) = m.filter(|m| m.days().0 <= to) {
        out.push(month.to_string());
        m = month.next();
    }
    out
}

fn pct(d: Decimal) -> String {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

fn hundred() -> Decimal {
    Decimal::from(100)
}

pub(crate) fn index_plan(w: &Writer<'_>, n: &PlanNode) -> Result<()> {
    let mut lines = Vec::new();
    if let Some(t) = &n.target_value {
        lines.push(format!("目标：{t}{}", n.target_unit));
    }
    for (label, text) in [("完成情况", &n.outcome), ("偏差分析", &n.deviation)] {
        if !text.is_empty() {
            lines.push(format!("{label}：{text}"));
        }
    }
    if !n.milestones.is_empty() {
        let m: Vec<&str> = n.milestones.iter().map(|m| m.title.as_str()).collect();
        lines.push(format!("里程碑：{}", m.join("、")));
    }
    let body = lines.join("\n");
    w.index(
        &n.id,
        &[SearchDoc {
            kind: "plan",
            ref_id: &n.id,
            unit_id: Some(&n.unit_id),
            title: &n.title,
            body: &body,
            at: &n.period,
        }],
    )?;
    Ok(())
}
