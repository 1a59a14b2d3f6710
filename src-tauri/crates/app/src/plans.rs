//! 计划: a unit's plan tree from the three-year plan down to personal weekly plans, its
//! lifecycle (seed 000), progress rolled up by weight, target adjustment requests (seed 003)
//! and work summaries (工作总结).
//!
//! Lifecycle: 目标下达 (issued, by HQ) → 起草 (draft) → 上报 (submitted) → 批准 (approved) or
//! 退回 (returned, with comments) → 执行 (executing) → 关闭 (closed, with a 偏差分析 when the
//! result differs from the target). A node cannot be submitted unless the weights of the
//! children of it and of every node below it add up to 100.

use std::collections::HashMap;

use branchdesk_domain::{
    AdjustStatus, Adjustment, DecisionKind, DecisionVerdict, Milestone, PlanChange, PlanLevel,
    PlanNode, PlanStatus, Priority, Role,
};
use branchdesk_store::{new_id, SearchDoc, Writer};
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::minutes::Names;
use crate::{now, operator, today, App, AppError, Result};

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
}

/// A step of the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanAction {
    /// 接收下达的目标，开始起草
    Accept,
    Submit,
    Approve,
    Return,
    Start,
    Close,
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

fn invalid(field: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::invalid(field, zh, en)
}

fn not_found(what: String) -> AppError {
    branchdesk_store::Error::NotFound(what).into()
}

/// The first and last day of a plan period written for its level.
pub fn period_days(level: PlanLevel, p: &str) -> Option<(NaiveDate, NaiveDate)> {
    let p = p.trim();
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        ymd(ny, nm, 1).and_then(|d| d.pred_opt())
    };
    match level {
        PlanLevel::ThreeYear => {
            let (a, b) = p.split_once('-')?;
            let (a, b): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
            (b == a + 2).then_some(())?;
            Some((ymd(a, 1, 1)?, ymd(b, 12, 31)?))
        }
        PlanLevel::Annual => {
            let y: i32 = (p.len() == 4).then_some(p)?.parse().ok()?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
        }
        PlanLevel::Quarter => {
            let (y, q) = p.split_once("-Q")?;
            let (y, q): (i32, u32) = (y.parse().ok()?, q.parse().ok()?);
            (1..=4).contains(&q).then_some(())?;
            Some((ymd(y, q * 3 - 2, 1)?, month_end(y, q * 3)?))
        }
        PlanLevel::Month | PlanLevel::PersonalMonth => {
            let (y, m) = p.split_once('-')?;
            (m.len() == 2).then_some(())?;
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            Some((ymd(y, m, 1)?, month_end(y, m)?))
        }
        PlanLevel::PersonalWeek => {
            let (y, w) = p.split_once("-W")?;
            let (y, w): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
            let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            Some((monday, monday + chrono::Days::new(6)))
        }
    }
}

/// The days of a period written in any of the plan levels' forms (2016-2018, 2016, 2016-Q4,
/// 2016-12, 2016-W49).
pub fn any_period_days(p: &str) -> Option<(NaiveDate, NaiveDate)> {
    [
        PlanLevel::ThreeYear,
        PlanLevel::Annual,
        PlanLevel::Quarter,
        PlanLevel::Month,
        PlanLevel::PersonalWeek,
    ]
    .into_iter()
    .find_map(|l| period_days(l, p))
}

fn period_hint(level: PlanLevel) -> (&'static str, &'static str) {
    match level {
        PlanLevel::ThreeYear => (
            "三年规划的期间请写作 2016-2018",
            "write a three-year period as 2016-2018",
        ),
        PlanLevel::Annual => ("年度计划的期间请写作 2016", "write a year as 2016"),
        PlanLevel::Quarter => ("季度目标的期间请写作 2016-Q3", "write a quarter as 2016-Q3"),
        PlanLevel::Month | PlanLevel::PersonalMonth => {
            ("月度计划的期间请写作 2016-07", "write a month as 2016-07")
        }
        PlanLevel::PersonalWeek => (
            "周计划的期间请写作 2016-W27（ISO 周）",
            "write a week as 2016-W27 (ISO week)",
        ),
    }
}

/// The months (`YYYY-MM`) a period covers.
fn months_of(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut d = from.with_day(1).expect("day 1 exists");
    while d <= to {
        out.push(d.format("%Y-%m").to_string());
        d = d
            .checked_add_months(chrono::Months::new(1))
            .expect("in range");
    }
    out
}

fn decimal(field: &'static str, s: &str, zh: &str, en: &str) -> Result<Decimal> {
    s.trim().replace(',', "").parse::<Decimal>().map_err(|_| {
        invalid(
            field,
            format!("{zh}“{s}”不是数字。"),
            format!("The {en} \"{s}\" is not a number."),
        )
    })
}

fn opt_decimal(
    field: &'static str,
    s: &Option<String>,
    zh: &str,
    en: &str,
) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => Ok(Some(decimal(field, v, zh, en)?.normalize().to_string())),
    }
}

fn pct(d: Decimal) -> String {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

fn hundred() -> Decimal {
    Decimal::from(100)
}

/// The first month whose target may still change when asked on `asked`: a request must come
/// at least one month before the month starts (seed 003 篇4).
pub fn earliest_adjustable(asked: NaiveDate) -> NaiveDate {
    let plus = asked
        .checked_add_months(chrono::Months::new(1))
        .expect("in range");
    if plus.day() == 1 {
        plus
    } else {
        plus.with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .expect("in range")
    }
}

/// Writes a decided adjustment request; an approved one for a monthly plan's own month becomes
/// the plan's target (when the plan is this site's).
pub(crate) fn settle_adjustment(w: &Writer<'_>, adj: &Adjustment) -> Result<()> {
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
        n.updated_at = now();
        w.put_plan_node(&n)?;
    }
    Ok(())
}

/// The lifecycle table: from which states an action may be taken, and where it leads.
fn step(action: PlanAction) -> (&'static [PlanStatus], PlanStatus) {
    use PlanStatus::*;
    match action {
        PlanAction::Accept => (&[Issued], Draft),
        PlanAction::Submit => (&[Draft, Returned], Submitted),
        PlanAction::Approve => (&[Submitted], Approved),
        PlanAction::Return => (&[Submitted], Returned),
        PlanAction::Start => (&[Approved], Executing),
        PlanAction::Close => (&[Executing], Closed),
    }
}

fn status_zh(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Issued => "已下达",
        PlanStatus::Draft => "起草中",
        PlanStatus::Submitted => "已上报",
        PlanStatus::Approved => "已批准",
        PlanStatus::Returned => "已退回",
        PlanStatus::Executing => "执行中",
        PlanStatus::Closed => "已关闭",
    }
}

/// Computes actual figures and progress over the whole tree.
struct Tree<'a> {
    nodes: HashMap<&'a str, &'a PlanNode>,
    children: HashMap<&'a str, Vec<&'a PlanNode>>,
    kpi: HashMap<String, Option<Decimal>>,
}

impl<'a> Tree<'a> {
    fn new(app: &App, nodes: &'a [PlanNode]) -> Result<Tree<'a>> {
        let mut children: HashMap<&str, Vec<&PlanNode>> = HashMap::new();
        for n in nodes {
            if let Some(p) = &n.parent_id {
                children.entry(p.as_str()).or_default().push(n);
            }
        }
        let mut kpi = HashMap::new();
        for n in nodes {
            if let Some(metric) = &n.kpi_metric {
                let Some((from, to)) = period_days(n.level, &n.period) else {
                    continue;
                };
                let values =
                    app.store
                        .kpi_metric_values(&n.unit_id, metric, &months_of(from, to))?;
                let sum = if values.is_empty() {
                    None
                } else {
                    Some(
                        values
                            .iter()
                            .filter_map(|(_, v)| v.parse::<Decimal>().ok())
                            .sum(),
                    )
                };
                kpi.insert(n.id.clone(), sum);
            }
        }
        Ok(Tree {
            nodes: nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
            children,
            kpi,
        })
    }

    fn actual(&self, n: &PlanNode) -> Option<Decimal> {
        match self.kpi.get(&n.id) {
            Some(sum) => *sum,
            None => n.actual_value.as_deref().and_then(|v| v.parse().ok()),
        }
    }

    fn progress(&self, n: &PlanNode, depth: u32) -> Decimal {
        let kids = self.children.get(n.id.as_str());
        if let Some(kids) = kids.filter(|k| !k.is_empty() && depth < 32) {
            let total: Decimal = kids
                .iter()
                .filter_map(|k| k.weight.parse::<Decimal>().ok())
                .sum();
            if total > Decimal::ZERO {
                let sum: Decimal = kids
                    .iter()
                    .map(|k| {
                        k.weight.parse::<Decimal>().unwrap_or_default()
                            * self.progress(k, depth + 1)
                    })
                    .sum();
                return sum / total;
            }
        }
        let target = n
            .target_value
            .as_deref()
            .and_then(|t| t.parse::<Decimal>().ok());
        match (target, self.actual(n)) {
            (Some(t), Some(a)) if t > Decimal::ZERO => {
                (a * hundred() / t).min(hundred()).max(Decimal::ZERO)
            }
            _ => n.progress.parse().unwrap_or_default(),
        }
    }

    fn children_weight(&self, id: &str) -> Option<Decimal> {
        let kids = self.children.get(id)?;
        (!kids.is_empty()).then(|| {
            kids.iter()
                .filter_map(|k| k.weight.parse::<Decimal>().ok())
                .sum()
        })
    }

    /// Nodes at or below `id` whose children's weights do not add up to 100.
    fn bad_weights(&self, id: &str, out: &mut Vec<(String, Decimal)>) {
        if let Some(w) = self.children_weight(id) {
            if w != hundred() {
                out.push((
                    self.nodes
                        .get(id)
                        .map_or_else(String::new, |n| n.title.clone()),
                    w,
                ));
            }
        }
        for k in self.children.get(id).into_iter().flatten() {
            self.bad_weights(&k.id, out);
        }
    }
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

impl App {
    fn role(&self) -> Result<Role> {
        Ok(self.store.site()?.role)
    }

    /// The plan nodes as people see them: a target headquarters issued that a unit has drafted
    /// its own plan from is replaced by that plan, also as the parent of what was below it.
    fn plan_view(&self, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
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
    fn take_over(&mut self, issued: &PlanNode, comment: &str) -> Result<PlanRow> {
        let all = self.store.plan_nodes(Some(&issued.unit_id))?;
        if let Some(mine) = all
            .iter()
            .find(|n| n.issued_from.as_deref() == Some(issued.id.as_str()))
        {
            return Err(invalid(
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
        n.updated_at = now();
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
            by: operator(),
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
            many => Err(invalid(
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
        Ok(nodes
            .iter()
            .map(|n| PlanRow {
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

    fn plan_row(&self, id: &str) -> Result<PlanRow> {
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
        if title.is_empty() || title.chars().count() > 100 {
            return Err(invalid(
                "title",
                "计划名称不能为空，且不超过100个字。",
                "The title must not be empty or longer than 100 characters.",
            ));
        }
        let (from, to) = period_days(input.level, &input.period).ok_or_else(|| {
            let (zh, en) = period_hint(input.level);
            invalid(
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
            return Err(invalid(
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
            return Err(invalid(
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
            return Err(invalid(
                "kpi_metric",
                "考核数据按月填报，周计划不能关联考核指标。",
                "KPI figures are monthly; a weekly plan cannot link to a metric.",
            ));
        }
        if kpi_metric.is_some() && target_value.is_none() {
            return Err(invalid(
                "target_value",
                "关联考核指标时请填写目标值。",
                "Give a target when linking a KPI metric.",
            ));
        }
        for (i, m) in input.milestones.iter().enumerate() {
            if m.title.trim().is_empty() {
                return Err(invalid(
                    "milestones",
                    format!("第{}个里程碑缺少名称。", i + 1),
                    format!("Milestone {} has no title.", i + 1),
                ));
            }
            crate::org::parse_date("milestones", &m.due_on)?;
        }
        let names = Names::load(self)?;
        if names.unit(Some(&input.unit_id)).is_empty() {
            return Err(invalid("unit_id", "请选择单位。", "Choose a unit."));
        }
        if let Some(p) = input.owner_person_id.as_deref().filter(|p| !p.is_empty()) {
            if names.person(Some(p)).is_empty() {
                return Err(invalid(
                    "owner_person_id",
                    "责任人不在人员名单中。",
                    "The owner is not a known person.",
                ));
            }
        }
        let parent = match input.parent_id.as_deref().filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => Some(self.store.plan_node(p)?.ok_or_else(|| {
                invalid(
                    "parent_id",
                    "上级计划不存在。",
                    "The parent plan does not exist.",
                )
            })?),
        };
        if let Some(p) = &parent {
            if p.level.depth() >= input.level.depth() {
                return Err(invalid("level", "下级计划的层级应低于上级计划（如年度计划之下为季度或月度目标）。", "A child plan must be of a lower level than its parent (e.g. quarterly goals under an annual plan)."));
            }
            if !names.within(&input.unit_id, &p.unit_id) {
                return Err(invalid(
                    "unit_id",
                    "下级计划应属于上级计划所在单位或其下属部门。",
                    "A child plan belongs to its parent plan's unit or a department of it.",
                ));
            }
            if let Some((pf, pt)) = period_days(p.level, &p.period) {
                if from < pf || to > pt {
                    return Err(invalid(
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
                return Err(invalid(
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
            period: input.period.trim().to_string(),
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
            updated_at: now(),
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
                    return Err(invalid(
                        "status",
                        format!("计划{}，不能修改。", status_zh(e.status)),
                        "The plan is submitted, approved or closed and cannot be edited.",
                    ));
                }
                PlanStatus::Executing if plan_fields(e) != plan_fields(&node) => {
                    return Err(invalid("target_value", "执行中的计划只能更新进度、实际值、里程碑和完成情况；目标的变更请提交目标调整申请。", "While a plan is executing only progress, actuals, milestones and outcome change; ask for a target adjustment to change the target."));
                }
                PlanStatus::Issued | PlanStatus::Draft | PlanStatus::Returned
                    if (e.status == PlanStatus::Issued && role != Role::Hq
                        || e.issued_from.is_some())
                        && e.target_value != node.target_value =>
                {
                    return Err(invalid("target_value", "总部下达的目标值不能在单位修改；如需变更请提交目标调整申请。", "A target issued by headquarters cannot be changed here; ask for an adjustment."));
                }
                _ => {}
            }
        }
        let by = operator();
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
            return Err(invalid("status", "上报过的计划不能删除；不再执行的可以关闭并写明原因。", "A plan that was ever submitted cannot be deleted; close it with the reason instead."));
        }
        if self
            .store
            .plan_nodes(Some(&node.unit_id))?
            .iter()
            .any(|n| n.parent_id.as_deref() == Some(id))
        {
            return Err(invalid(
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
        let (from, to) = step(action);
        if !from.contains(&node.status) {
            return Err(invalid(
                "status",
                format!("计划当前{}，不能执行此操作。", status_zh(node.status)),
                format!(
                    "The plan is {}; this step is not possible now.",
                    node.status.as_str()
                ),
            ));
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
                    return Err(invalid(
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
                return Err(invalid("status", "三年规划和年度计划由总部审批；上报后请通过同步包发送总部。", "Three-year and annual plans are approved by headquarters; send them in a sync bundle."));
            }
            PlanAction::Return if comment.is_empty() => {
                return Err(invalid(
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
                    return Err(invalid("deviation", "实际完成与目标有差距，关闭前请填写偏差分析。", "The result falls short of the target; write the deviation analysis before closing."));
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
        n.updated_at = now();
        if action == PlanAction::Close && n.deviation.trim().is_empty() {
            n.deviation = comment.clone();
        }
        let change = PlanChange {
            from_status: Some(node.status),
            to_status: to,
            comment,
            by: operator(),
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

    /// A target adjustment request (seed 003 篇4): only for a future month, asked at least
    /// one month ahead (on 2016-07-05 the earliest is 2016-09: 2016-08 starts less than a
    /// month later).
    pub fn plan_adjust_request(&mut self, a: &AdjustInput) -> Result<Adjustment> {
        let node = self
            .store
            .plan_node(&a.node_id)?
            .ok_or_else(|| not_found(format!("计划 {}", a.node_id)))?;
        let month = crate::validate_month(&a.month)?;
        let reason = a.reason.trim();
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "请写明调整原因。",
                "Give the reason for the adjustment.",
            ));
        }
        let new_target = decimal("new_target", &a.new_target, "调整后的目标值", "new target")?
            .normalize()
            .to_string();
        if node.target_value.is_none() {
            return Err(invalid(
                "node_id",
                "该计划没有量化目标，无需调整。",
                "This plan has no measurable target to adjust.",
            ));
        }
        let today = today();
        let asked = NaiveDate::parse_from_str(&today, "%Y-%m-%d").expect("today is a date");
        let earliest = earliest_adjustable(asked).format("%Y-%m").to_string();
        if month < earliest {
            return Err(invalid("month", format!("目标调整须提前一个月、且只能针对未来月份提出：今天（{today}）最早可申请调整 {earliest} 的目标，{month} 已不能调整。"), format!("Adjustments must be asked at least a month ahead and for future months only: today ({today}) the earliest month is {earliest}; {month} can no longer change.")));
        }
        if let Some((f, t)) = period_days(node.level, &node.period) {
            let (f, t) = (f.format("%Y-%m").to_string(), t.format("%Y-%m").to_string());
            if month < f || month > t {
                return Err(invalid(
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
            return Err(invalid(
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

    /// Approves or refuses a request; the reason is kept either way. An approved request for
    /// a monthly plan's own month becomes its target.
    pub fn plan_adjust_decide(
        &mut self,
        id: &str,
        approve: bool,
        decision: &str,
    ) -> Result<Adjustment> {
        let decision = decision.trim().to_string();
        if decision.is_empty() {
            return Err(invalid(
                "decision",
                "请填写审批意见（批准或不批准的理由），意见将存档并下发。",
                "Give the reason for the decision; it is archived and sent back.",
            ));
        }
        let mut adj = self
            .store
            .adjustments(None)?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| not_found(format!("调整申请 {id}")))?;
        if adj.status != AdjustStatus::Pending {
            return Err(invalid(
                "status",
                "该申请已经审批。",
                "This request has already been decided.",
            ));
        }
        let node = self
            .store
            .plan_node(&adj.node_id)?
            .ok_or_else(|| not_found(format!("计划 {}", adj.node_id)))?;
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
        adj.status = if approve {
            AdjustStatus::Approved
        } else {
            AdjustStatus::Refused
        };
        adj.decided_by = Some(operator());
        adj.decided_on = Some(today());
        adj.decision = decision;
        self.store.write(|w| settle_adjustment(w, &adj))?;
        Ok(adj)
    }

    pub fn plan_adjustments(&self, node_id: Option<&str>) -> Result<Vec<Adjustment>> {
        Ok(self.store.adjustments(node_id)?)
    }

    /// A person's work summary for a week (`2016-W49`) or month (`2016-12`): their plan items
    /// of that period with progress, and their own words.
    pub fn work_summary(&self, person_id: &str, period: &str) -> Result<WorkSummary> {
        let level = if period.contains("-W") {
            PlanLevel::PersonalWeek
        } else {
            PlanLevel::PersonalMonth
        };
        period_days(level, period).ok_or_else(|| {
            let (zh, en) = period_hint(level);
            invalid(
                "period",
                format!("“{period}”不是有效期间：{zh}。"),
                format!("\"{period}\" is not a valid period: {en}."),
            )
        })?;
        let names = Names::load(self)?;
        let person_name = names.person(Some(person_id));
        if person_name.is_empty() {
            return Err(invalid("person_id", "请选择人员。", "Choose a person."));
        }
        let rows = self.plans(None)?;
        let items = rows
            .into_iter()
            .filter(|r| {
                r.node.owner_person_id.as_deref() == Some(person_id) && r.node.period == period
            })
            .map(|r| {
                let target = match &r.node.target_value {
                    Some(t) => format!("{t}{}", r.node.target_unit),
                    None => r.node.target_unit.clone(),
                };
                SummaryItem {
                    done: r.progress_pct.parse::<Decimal>().unwrap_or_default() >= hundred(),
                    node_id: r.node.id,
                    title: r.node.title,
                    target,
                    progress_pct: r.progress_pct,
                    outcome: r.node.outcome,
                }
            })
            .collect();
        let saved = self.store.work_summary(person_id, period)?;
        Ok(WorkSummary {
            person_id: person_id.to_string(),
            person_name,
            period: period.to_string(),
            items,
            text: saved.as_ref().map_or_else(String::new, |s| s.0.clone()),
            updated_at: saved.map(|s| s.1),
        })
    }

    /// Saves the summary's text and each item's "what was done / why not".
    pub fn work_summary_save(&mut self, s: &WorkSummary) -> Result<WorkSummary> {
        let current = self.work_summary(&s.person_id, &s.period)?;
        let at = now();
        self.store.write(|w| -> Result<()> {
            for item in &s.items {
                if !current.items.iter().any(|c| c.node_id == item.node_id) {
                    continue;
                }
                if let Some(mut n) = w.plan_node(&item.node_id)? {
                    if n.outcome != item.outcome.trim() {
                        n.outcome = item.outcome.trim().to_string();
                        n.updated_at = at.clone();
                        w.put_plan_node(&n)?;
                        index_plan(w, &n)?;
                    }
                }
            }
            w.put_work_summary(&s.person_id, &s.period, s.text.trim(), &at)?;
            Ok(())
        })?;
        self.work_summary(&s.person_id, &s.period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_by_level() {
        assert_eq!(
            period_days(PlanLevel::ThreeYear, "2016-2018"),
            Some((d("2016-01-01"), d("2018-12-31")))
        );
        assert_eq!(period_days(PlanLevel::ThreeYear, "2016-2019"), None);
        assert_eq!(
            period_days(PlanLevel::Annual, "2016"),
            Some((d("2016-01-01"), d("2016-12-31")))
        );
        assert_eq!(
            period_days(PlanLevel::Quarter, "2016-Q4"),
            Some((d("2016-10-01"), d("2016-12-31")))
        );
        assert_eq!(period_days(PlanLevel::Quarter, "2016-Q5"), None);
        assert_eq!(
            period_days(PlanLevel::Month, "2016-02"),
            Some((d("2016-02-01"), d("2016-02-29")))
        );
        assert_eq!(period_days(PlanLevel::Month, "2016-2"), None);
        assert_eq!(
            period_days(PlanLevel::PersonalWeek, "2016-W49"),
            Some((d("2016-12-05"), d("2016-12-11")))
        );
        assert_eq!(earliest_adjustable(d("2016-07-05")), d("2016-09-01"));
        assert_eq!(earliest_adjustable(d("2016-07-01")), d("2016-08-01"));
        assert_eq!(earliest_adjustable(d("2016-12-31")), d("2017-02-01"));
        assert_eq!(earliest_adjustable(d("2016-01-31")), d("2016-03-01"));
        assert_eq!(
            months_of(d("2016-10-01"), d("2016-12-31")),
            ["2016-10", "2016-11", "2016-12"]
        );
    }
}
