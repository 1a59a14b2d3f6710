//! What the UI and the CLI see of sync: peers, the bundle history, reports, announcements.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Role, SiteInfo};

/// A site this one exchanges bundles with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Peer {
    pub site_id: String,
    pub name: String,
    pub role: Role,
    /// The unit's org code (headquarters' peers only).
    pub unit_code: Option<String>,
    /// A short fingerprint of the peer's keys, to compare over the phone.
    pub fingerprint: String,
    /// When headquarters revoked the unit's key (it joins again with a new enrolment file).
    pub revoked_at: Option<String>,
    /// Last bundle number sent to the peer, and the last one it acknowledged.
    #[ts(type = "number")]
    pub sent_seq: i64,
    #[ts(type = "number")]
    pub acked_seq: i64,
    /// Last bundle number applied from the peer.
    #[ts(type = "number")]
    pub recv_seq: i64,
    /// Changes made here that the peer has not acknowledged yet.
    #[ts(type = "number")]
    pub unacked_changes: i64,
    /// Bundles from the peer held back until an earlier one arrives.
    #[ts(type = "number")]
    pub held: i64,
    pub last_out: Option<String>,
    pub last_in: Option<String>,
}

str_enums! {
    pub enum BundleOutcome {
        Sent = "sent", "已发出", "Sent";
        Applied = "applied", "已导入", "Imported";
        Duplicate = "duplicate", "重复", "Duplicate";
        Held = "held", "暂存", "Held";
        Refused = "refused", "已拒绝", "Refused";
    }

    /// What headquarters decided about.
    pub enum DecisionKind {
        Plan = "plan", "计划审批", "Plan approval";
        Adjustment = "adjustment", "目标调整", "Target adjustment";
        Submission = "submission", "报送审核", "Submission review";
    }

    pub enum DecisionVerdict {
        Approve = "approve", "批准", "approved";
        Return = "return", "退回", "returned";
        Refuse = "refuse", "不批准", "refused";
        Compliant = "compliant", "判定合格", "compliant";
        Noncompliant = "noncompliant", "判定不合格", "not compliant";
        Withdraw = "withdraw", "撤销审核", "review withdrawn";
    }

    /// Where a decision of headquarters stands, as this site sees it.
    pub enum DecisionState {
        /// Headquarters: decided, not yet back from the unit applied.
        Waiting = "waiting", "待单位同步", "Waiting for the unit";
        /// Headquarters: the unit's record now shows it.
        Done = "done", "单位已执行", "Done at the unit";
        /// Unit: applied to our record when the bundle arrived.
        Applied = "applied", "已执行", "Applied";
        /// Unit: our record had moved on; nothing was changed (see the note).
        Stale = "stale", "未执行", "Not applied";
    }
}

/// One bundle in or out, with what the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BundleLog {
    #[ts(type = "number")]
    pub id: i64,
    /// `in` or `out`.
    pub direction: String,
    pub peer_name: String,
    /// `changes`, `full` or `enrol`.
    pub kind: String,
    #[ts(type = "number | null")]
    pub seq: Option<i64>,
    pub file: String,
    #[ts(type = "number")]
    pub bytes: i64,
    #[ts(type = "number")]
    pub records: i64,
    pub outcome: BundleOutcome,
    /// The failed check's stable code, for refused bundles.
    pub code: String,
    pub message: String,
    pub at: String,
}

/// The 同步 page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub site: SiteInfo,
    pub fingerprint: String,
    /// A unit's org code once it has joined headquarters.
    pub unit_code: Option<String>,
    pub peers: Vec<Peer>,
    pub history: Vec<BundleLog>,
    /// Enrolment files issued and not used yet (headquarters).
    pub open_enrolments: Vec<String>,
}

/// Records per table in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TableTally {
    pub table: String,
    /// The table's name for people, in the user's language.
    pub label: String,
    #[ts(type = "number")]
    pub written: i64,
    #[ts(type = "number")]
    pub deleted: i64,
    /// Records that were another site's or ours and so were left as they are.
    #[ts(type = "number")]
    pub kept: i64,
    /// Records that are ours under the same code (e.g. the group).
    #[ts(type = "number")]
    pub aliased: i64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub outcome: BundleOutcome,
    pub peer_name: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub kind: String,
    #[ts(type = "number")]
    pub records: i64,
    pub tables: Vec<TableTally>,
    /// Held bundles of the same sender applied after this one.
    #[ts(type = "number[]")]
    pub also_applied: Vec<i64>,
    /// For people, in the user's language.
    pub message: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub file: String,
    pub peer_name: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub kind: String,
    #[ts(type = "number")]
    pub bytes: i64,
    #[ts(type = "number")]
    pub records: i64,
    pub tables: Vec<TableTally>,
}

/// An announcement from headquarters (shown at start until seen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Announcement {
    pub id: String,
    /// The unit it is for; `None` for every unit.
    pub unit_id: Option<String>,
    pub title: String,
    pub body: String,
    pub published_at: String,
    pub by: String,
    pub seen: bool,
    /// At headquarters: the units that have read it.
    #[serde(default)]
    pub reads: Vec<AnnouncementRead>,
}

/// A unit's read receipt of an announcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnnouncementRead {
    pub unit_id: String,
    pub unit_name: String,
    pub read_at: String,
    pub read_by: String,
}

/// Headquarters' approval or review of a unit's record: headquarters' own record, which the
/// unit applies to its plan, adjustment request or submission when the bundle arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
