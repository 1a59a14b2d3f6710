//! Plans (计划): the plan tree from the three-year plan down to personal weekly plans, its
//! lifecycle (seed 000) and target adjustment requests (seed 003 篇4).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    pub enum PlanLevel {
        ThreeYear = "three_year", "三年规划", "3-year plan";
        Annual = "annual", "年度计划", "Annual plan";
        Quarter = "quarter", "季度目标", "Quarterly goal";
        Month = "month", "月度目标", "Monthly goal";
        PersonalMonth = "personal_month", "个人月计划", "Personal monthly plan";
        PersonalWeek = "personal_week", "个人周计划", "Personal weekly plan";
    }

    pub enum PlanStatus {
        Issued = "issued", "已下达", "Issued";
        Draft = "draft", "起草中", "Draft";
        Submitted = "submitted", "已上报", "Submitted";
        Approved = "approved", "已批准", "Approved";
        Returned = "returned", "已退回", "Returned";
        Executing = "executing", "执行中", "Executing";
        Closed = "closed", "已关闭", "Closed";
    }

    pub enum Priority {
        High = "high", "高", "High";
        Medium = "medium", "中", "Medium";
        Low = "low", "低", "Low";
    }

    pub enum AdjustStatus {
        Pending = "pending", "待审批", "Pending";
        Approved = "approved", "已批准", "Approved";
        Refused = "refused", "未批准", "Refused";
    }

    /// A step of the plan lifecycle.
    pub enum PlanAction {
        /// 接收下达的目标，开始起草
        Accept = "accept", "接收目标并起草", "Accept and draft", ["起草"];
        Submit = "submit", "上报", "Submit";
        Approve = "approve", "批准", "Approve";
        Return = "return", "退回修改", "Return", ["退回"];
        Start = "start", "开始执行", "Start";
        Close = "close", "关闭（完成）", "Close", ["关闭"];
    }
}

impl PlanLevel {
    /// Depth in the plan tree: a child's level is deeper than its parent's.
    pub fn depth(self) -> u8 {
        match self {
            PlanLevel::ThreeYear => 0,
            PlanLevel::Annual => 1,
            PlanLevel::Quarter => 2,
            PlanLevel::Month => 3,
            PlanLevel::PersonalMonth | PlanLevel::PersonalWeek => 4,
        }
    }

    /// How a period of this level is written, for messages (zh, en).
    pub fn period_hint(self) -> (&'static str, &'static str) {
        match self {
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

    /// How a period of this level is written (2016-2018, 2016, 2016-Q3, 2016-07, 2016-W27).
    pub fn period_form(self) -> crate::PeriodForm {
        use crate::PeriodForm as F;
        match self {
            PlanLevel::ThreeYear => F::ThreeYears,
            PlanLevel::Annual => F::Year,
            PlanLevel::Quarter => F::Quarter,
            PlanLevel::Month | PlanLevel::PersonalMonth => F::Month,
            PlanLevel::PersonalWeek => F::Week,
        }
    }
}

impl PlanAction {
    /// The lifecycle table: from which states the step may be taken, and where it leads.
    /// 目标下达 (issued, by HQ) → 起草 → 上报 → 批准, or 退回 and 上报 again → 执行 → 关闭.
    pub fn step(self) -> (&'static [PlanStatus], PlanStatus) {
        use PlanStatus::*;
        match self {
            PlanAction::Accept => (&[Issued], Draft),
            PlanAction::Submit => (&[Draft, Returned], Submitted),
            PlanAction::Approve => (&[Submitted], Approved),
            PlanAction::Return => (&[Submitted], Returned),
            PlanAction::Start => (&[Approved], Executing),
            PlanAction::Close => (&[Executing], Closed),
        }
    }

    /// Where the step leads from `from`, or `None` if it cannot be taken from there.
    pub fn from(self, from: PlanStatus) -> Option<PlanStatus> {
        let (froms, to) = self.step();
        froms.contains(&from).then_some(to)
    }
}

impl PlanLevel {
    /// Plans of this level are approved by headquarters only (三年规划、年度计划).
    pub fn approved_by_hq(self) -> bool {
        matches!(self, PlanLevel::ThreeYear | PlanLevel::Annual)
    }
}

impl PlanStatus {
    /// Whether a unit can have taken its own plan from `from` (`None`: a plan it just made,
    /// which starts as a draft) to `self` by its own steps, between two bundles. Approving a
    /// plan of a level headquarters approves is not a unit's step: it counts only with
    /// `hq_approved` (headquarters' decision on record). Nothing leaves 关闭, and only
    /// headquarters issues targets.
    pub fn reachable_by_unit(
        self,
        from: Option<PlanStatus>,
        level: PlanLevel,
        hq_approved: bool,
    ) -> bool {
        if self == PlanStatus::Issued {
            return from == Some(PlanStatus::Issued);
        }
        let start = from.unwrap_or(PlanStatus::Draft);
        // Breadth-first over the lifecycle table, the unit's own steps only.
        let mut seen = vec![start];
        let mut i = 0;
        while i < seen.len() {
            let at = seen[i];
            i += 1;
            for a in PlanAction::ALL {
                if *a == PlanAction::Accept {
                    continue; // drafting an issued target makes a new plan of the unit's
                }
                if *a == PlanAction::Approve && level.approved_by_hq() && !hq_approved {
                    continue;
                }
                if let Some(to) = a.from(at) {
                    if !seen.contains(&to) {
                        seen.push(to);
                    }
                }
            }
        }
        seen.contains(&self)
    }
}

/// The first month whose target may still change when asked on `asked`: a request must come
/// at least one month before the month starts (seed 003 篇4: 至少提前一个月，只能调整未来月份).
pub fn earliest_adjustable(asked: NaiveDate) -> NaiveDate {
    let first_of_next = |d: NaiveDate| {
        d.with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .unwrap_or(NaiveDate::MAX)
    };
    match asked.checked_add_months(chrono::Months::new(1)) {
        Some(plus) if plus.day() == 1 => plus,
        Some(plus) => first_of_next(plus),
        None => NaiveDate::MAX,
    }
}

/// 里程碑
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Milestone {
    pub title: String,
    pub due_on: String,
    #[serde(default)]
    pub done: bool,
}

/// A node of a unit's plan tree. Decimals are strings (`weight` in percent of the parent,
/// `progress` in percent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanNode {
    pub id: String,
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
    /// A KPI metric of the unit's figures: progress is read from them.
    pub kpi_metric: Option<String>,
    pub actual_value: Option<String>,
    /// Entered progress (percent) of a leaf without a KPI link.
    pub progress: String,
    pub status: PlanStatus,
    /// 偏差分析
    pub deviation: String,
    /// What was done, and why not (for the work summary).
    pub outcome: String,
    pub milestones: Vec<Milestone>,
    #[ts(type = "number")]
    pub sort: i64,
    pub updated_at: String,
    /// The target headquarters issued that this unit's plan was drafted from (the target
    /// stays headquarters' record; lists show this plan in its place).
    #[serde(default)]
    pub issued_from: Option<String>,
}

/// One step of a plan node's lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanChange {
    pub from_status: Option<PlanStatus>,
    pub to_status: PlanStatus,
    pub comment: String,
    pub by: String,
    pub at: String,
}

/// A request to change a monthly target (seed 003 篇4), and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Adjustment {
    pub id: String,
    pub node_id: String,
    pub month: String,
    pub old_target: Option<String>,
    pub new_target: String,
    pub reason: String,
    pub requested_on: String,
    pub status: AdjustStatus,
    pub decided_by: Option<String>,
    pub decided_on: Option<String>,
    pub decision: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn adjustments_must_come_a_month_ahead() {
        assert_eq!(earliest_adjustable(d("2016-07-05")), d("2016-09-01"));
        assert_eq!(earliest_adjustable(d("2016-07-01")), d("2016-08-01"));
        assert_eq!(earliest_adjustable(d("2016-12-31")), d("2017-02-01"));
        assert_eq!(earliest_adjustable(d("2016-01-31")), d("2016-03-01"));
    }

    #[test]
    fn what_a_unit_may_reach_by_itself() {
        use PlanLevel::*;
        use PlanStatus::*;
        // A quarterly goal: the unit approves it itself, so a new one may arrive executing.
        assert!(Executing.reachable_by_unit(None, Quarter, false));
        assert!(Closed.reachable_by_unit(Some(Submitted), Month, false));
        // An annual plan needs headquarters' approval to get past 上报.
        assert!(Submitted.reachable_by_unit(None, Annual, false));
        assert!(Returned.reachable_by_unit(Some(Submitted), Annual, false));
        assert!(!Approved.reachable_by_unit(Some(Submitted), Annual, false));
        assert!(!Executing.reachable_by_unit(None, ThreeYear, false));
        assert!(Executing.reachable_by_unit(Some(Submitted), Annual, true));
        // Already approved (headquarters did, earlier): executing and closing are the unit's.
        assert!(Closed.reachable_by_unit(Some(Approved), Annual, false));
        // Nothing leaves 关闭; nobody but headquarters issues.
        assert!(!Draft.reachable_by_unit(Some(Closed), Month, false));
        assert!(!Issued.reachable_by_unit(None, Month, false));
        assert!(!Issued.reachable_by_unit(Some(Draft), Month, false));
        assert!(Closed.reachable_by_unit(Some(Closed), Month, false));
    }

    #[test]
    fn lifecycle_steps() {
        assert_eq!(
            PlanAction::Submit.from(PlanStatus::Returned),
            Some(PlanStatus::Submitted)
        );
        assert_eq!(PlanAction::Approve.from(PlanStatus::Draft), None);
        assert_eq!(
            PlanAction::Accept.from(PlanStatus::Issued),
            Some(PlanStatus::Draft)
        );
    }
}
