//! Meetings and their minutes (会议纪要), action items (督办事项) and submissions (报送材料).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    pub enum MeetingKind {
        Weekly = "weekly", "例会", "Weekly meeting", ["周例会", "工作例会"];
        MonthlyReview = "monthly_review", "月度经营分析会", "Monthly business review";
        GeneralManager = "general_manager", "总经理办公会", "General manager's meeting";
        AdHoc = "ad_hoc", "专题会议", "Ad hoc meeting";
    }

    /// 出席 / 列席 / 缺席
    pub enum AttendRole {
        Present = "present", "出席", "Present";
        Observer = "observer", "列席", "Observer";
        Absent = "absent", "缺席", "Absent", ["请假"];
    }

    pub enum MeetingStatus {
        Draft = "draft", "草稿", "Draft";
        Final = "final", "已定稿", "Final";
    }

    pub enum ActionStatus {
        Open = "open", "未开始", "Open";
        InProgress = "in_progress", "进行中", "In progress";
        Done = "done", "已完成", "Done";
        Cancelled = "cancelled", "已取消", "Cancelled";
    }

    /// The kinds of material seed 001 counts (工作会议纪要、工作简报、月度数据通报、培训记录).
    pub enum SubmissionKind {
        Minutes = "minutes", "会议纪要", "Minutes", ["工作会议纪要"];
        Briefing = "briefing", "工作简报", "Briefing";
        Bulletin = "bulletin", "数据简报", "Data bulletin", ["月度数据通报"];
        Training = "training", "培训记录", "Training record";
    }

    pub enum Verdict {
        Compliant = "compliant", "合格", "Compliant";
        Noncompliant = "noncompliant", "不合格", "Not compliant";
    }
}

impl ActionStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
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
