//! Meetings and their minutes, action items (督办事项), submissions (报送材料) and plans.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares an enum stored as text, with its names.
macro_rules! str_enum {
    ($t:ident { $($v:ident = $s:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $t { $($v),+ }
        str_names!($t { $($v = $s),+ });
    };
}

str_enum!(MeetingKind {
    Weekly = "weekly",
    MonthlyReview = "monthly_review",
    GeneralManager = "general_manager",
    AdHoc = "ad_hoc",
});
str_enum!(AttendRole {
    Present = "present",
    Observer = "observer",
    Absent = "absent",
});
str_enum!(MeetingStatus {
    Draft = "draft",
    Final = "final",
});
str_enum!(ActionStatus {
    Open = "open",
    InProgress = "in_progress",
    Done = "done",
    Cancelled = "cancelled",
});
str_enum!(SubmissionKind {
    Minutes = "minutes",
    Briefing = "briefing",
    Bulletin = "bulletin",
    Training = "training",
});
str_enum!(Verdict {
    Compliant = "compliant",
    Noncompliant = "noncompliant",
});
str_enum!(PlanLevel {
    ThreeYear = "three_year",
    Annual = "annual",
    Quarter = "quarter",
    Month = "month",
    PersonalMonth = "personal_month",
    PersonalWeek = "personal_week",
});
str_enum!(PlanStatus {
    Issued = "issued",
    Draft = "draft",
    Submitted = "submitted",
    Approved = "approved",
    Returned = "returned",
    Executing = "executing",
    Closed = "closed",
});
str_enum!(DecisionKind {
    Plan = "plan",
    Adjustment = "adjustment",
    Submission = "submission",
});
str_enum!(DecisionVerdict {
    Approve = "approve",
    Return = "return",
    Refuse = "refuse",
    Compliant = "compliant",
    Noncompliant = "noncompliant",
    Withdraw = "withdraw",
});
// Where a decision of headquarters stands, as this site sees it.
str_enum!(DecisionState {
    // Headquarters: decided, not yet back from the unit applied.
    Waiting = "waiting",
    // Headquarters: the unit's record now shows it.
    Done = "done",
    // Unit: applied to our record when the bundle arrived.
    Applied = "applied",
    // Unit: our record had moved on; nothing was changed (see the note).
    Stale = "stale",
});
str_enum!(Priority {
    High = "high",
    Medium = "medium",
    Low = "low",
});
str_enum!(AdjustStatus {
    Pending = "pending",
    Approved = "approved",
    Refused = "refused",
});

impl ActionStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
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
}

/// One person at a meeting: 出席, 列席 or 缺席 (with the reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attendee {
    pub person_id: String,
    pub role: AttendRole,
    #[serde(default)]
    pub reason: String,
}

/// 议题 with its discussion points (讨论要点).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    pub title: String,
    #[serde(default)]
    pub points: String,
}

/// What the minutes say besides the header and the action items.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesBody {
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// 决议事项, in order.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Why the final minutes were reopened: kept with the revision the next 定稿 makes.
    #[serde(default)]
    pub revision_note: String,
}

/// A meeting's header. `held_at` is `YYYY-MM-DDTHH:MM`. `rev` counts finalisations: 0 for a
/// draft never finalised; a draft with `rev > 0` is a revision in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    pub id: String,
    pub unit_id: String,
    pub kind: MeetingKind,
    pub series: String,
    pub title: String,
    pub held_at: String,
    pub place: String,
    pub chair_id: Option<String>,
    pub recorder_id: Option<String>,
    pub status: MeetingStatus,
    #[ts(type = "number")]
    pub rev: i64,
    pub updated_at: String,
}

/// 督办事项: raised at a meeting (or elsewhere), followed up until done or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionItem {
    pub id: String,
    pub meeting_id: Option<String>,
    pub unit_id: Option<String>,
    pub title: String,
    pub detail: String,
    pub owner_id: Option<String>,
    pub due_on: String,
    pub status: ActionStatus,
    pub plan_node_id: Option<String>,
    /// The incoming document (收文) this is the handling of.
    #[serde(default)]
    pub doc_id: Option<String>,
    pub created_at: String,
    /// The day it was done or cancelled.
    pub closed_on: Option<String>,
    #[ts(type = "number")]
    pub sort: i64,
}

/// One status change of an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionChange {
    pub old_status: Option<ActionStatus>,
    pub new_status: ActionStatus,
    pub due_on: String,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// A piece of 系统推广日常管理 material a unit submitted in a month (seed 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Submission {
    pub id: String,
    pub unit_id: String,
    pub month: String,
    pub kind: SubmissionKind,
    pub title: String,
    pub meeting_id: Option<String>,
    pub submitted_on: String,
    pub verdict: Option<Verdict>,
    pub verdict_note: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
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
#[ts(export)]
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

/// Headquarters' approval or review of a unit's record: headquarters' own record, which the
/// unit applies to its plan, adjustment request or submission when the bundle arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Decision {
    pub id: String,
    pub unit_id: String,
    pub kind: DecisionKind,
    pub subject_id: String,
    pub verdict: DecisionVerdict,
    pub comment: String,
    /// The subject's state when decided.
    pub stamp: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// A decision with what it is about and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionView {
    #[serde(flatten)]
    pub decision: Decision,
    pub unit_name: String,
    /// The plan's title, the adjustment's plan and month, or the submission's title.
    pub subject: String,
    pub state: DecisionState,
    /// Why a stale decision changed nothing.
    pub note: String,
}
