//! 会议纪要: meetings with their minutes, action items (督办事项) followed up on one board, and
//! the submissions (报送材料) that feed seed 001's `compliant_submissions`.
//!
//! * A draft is edited freely. 定稿 locks it: the minutes as they stand are kept as revision n
//!   and, the first time, the minutes become a submission of the unit for the meeting's month.
//!   A correction (修订) reopens the draft with a reason; the next 定稿 keeps revision n + 1 and
//!   every earlier one stays readable.
//! * A meeting of a series carries forward the action items raised at earlier meetings of the
//!   series that were still open when it was held, so a meeting created in advance shows them
//!   too. Following an item up (status, new due date) is allowed at any time and logged.
//!
//! Files: `meetings` (list, read, new from a template, carried items), `edit` (save, delete,
//! 定稿, 修订), `actions` (the follow-up board), `submissions` (报送 and their review), `report`
//! (the minutes PDF).

mod actions;
mod edit;
mod meetings;
mod report;
mod submissions;

pub(crate) use submissions::settle_review;

use branchdesk_domain::{
    ActionItem, ActionStatus, AttendRole, Meeting, MeetingKind, MinutesBody, Submission,
    SubmissionKind, Verdict,
};
use branchdesk_store::{SearchDoc, Writer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shared::names::Names;
use crate::Result;

/// The KPI metric seed 001's 系统推广日常管理 counts.
pub const SUBMISSIONS_METRIC: &str = "compliant_submissions";

/// What the minutes form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesInput {
    /// `None` for a new meeting.
    pub id: Option<String>,
    pub unit_id: String,
    pub kind: MeetingKind,
    pub series: String,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted).
    pub held_at: String,
    pub place: String,
    pub chair_id: Option<String>,
    pub recorder_id: Option<String>,
    pub body: MinutesBody,
    pub actions: Vec<ActionInput>,
}

/// One action item as the form sends it; `id` is `None` for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    pub owner_id: Option<String>,
    pub due_on: String,
    #[serde(default)]
    pub plan_node_id: Option<String>,
}

/// An action item with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionView {
    #[serde(flatten)]
    pub item: ActionItem,
    pub owner_name: String,
    pub unit_name: String,
    pub meeting_title: String,
    /// Days past the due date on the day asked (0 when not overdue or closed).
    #[ts(type = "number")]
    pub overdue_days: i64,
    pub plan_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendeeView {
    pub person_id: String,
    pub name: String,
    pub role: AttendRole,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub rev: i64,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One meeting's minutes as shown, printed and kept in a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesView {
    pub meeting: Meeting,
    pub body: MinutesBody,
    pub unit_name: String,
    pub chair_name: String,
    pub recorder_name: String,
    pub attendees: Vec<AttendeeView>,
    /// Raised at this meeting.
    pub actions: Vec<ActionView>,
    /// Raised earlier in the series and still open when this meeting was held.
    pub carried: Vec<ActionView>,
    pub revisions: Vec<RevisionInfo>,
    pub submission: Option<Submission>,
}

/// A line of the minutes list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeetingRow {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub unit_name: String,
    pub chair_name: String,
    #[ts(type = "number")]
    pub actions: i64,
    #[ts(type = "number")]
    pub open_actions: i64,
    pub verdict: Option<Verdict>,
}

/// Which action items the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionFilter {
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub overdue_only: bool,
    /// Also done and cancelled items.
    #[serde(default)]
    pub include_closed: bool,
    /// The day "overdue" is measured against; today by default.
    #[serde(default)]
    pub today: Option<String>,
}

/// A follow-up: the new status, and a new due date when it is postponed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionUpdate {
    pub id: String,
    pub status: ActionStatus,
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SubmissionView {
    #[serde(flatten)]
    pub submission: Submission,
    pub unit_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubmissionInput {
    pub unit_id: String,
    pub kind: SubmissionKind,
    pub title: String,
    /// The material's date; its month is the month it counts for.
    pub submitted_on: String,
}

/// An action item with the names the board shows.
pub(crate) fn action_view(names: &Names, item: ActionItem, today: &str) -> ActionView {
    let overdue_days = if item.status.is_open() {
        crate::shared::clock::days_between(&item.due_on, today).max(0)
    } else {
        0
    };
    ActionView {
        owner_name: names.person(item.owner_id.as_deref()),
        unit_name: names.unit(item.unit_id.as_deref()),
        meeting_title: item
            .meeting_id
            .as_deref()
            .or(item.doc_id.as_deref())
            .and_then(|m| names.meetings.get(m))
            .cloned()
            .unwrap_or_default(),
        plan_title: item
            .plan_node_id
            .as_deref()
            .and_then(|p| names.plans.get(p))
            .cloned(),
        overdue_days,
        item,
    }
}

/// The paragraphs of a meeting that search finds.
pub(crate) fn index_meeting(w: &Writer<'_>, m: &Meeting, body: &MinutesBody) -> Result<()> {
    let at = &m.held_at[..10.min(m.held_at.len())];
    let mut paras: Vec<(String, String)> =
        vec![(m.title.clone(), format!("{} {}", m.series, m.place))];
    for a in &body.agenda {
        paras.push((
            format!("{} · 议题", m.title),
            format!("{}\n{}", a.title, a.points),
        ));
    }
    for d in &body.decisions {
        paras.push((format!("{} · 决议", m.title), d.clone()));
    }
    let docs: Vec<SearchDoc<'_>> = paras
        .iter()
        .map(|(t, b)| SearchDoc {
            kind: "meeting",
            ref_id: &m.id,
            unit_id: Some(&m.unit_id),
            title: t,
            body: b,
            at,
        })
        .collect();
    w.index(&m.id, &docs)?;
    Ok(())
}

pub(crate) fn index_action(w: &Writer<'_>, a: &ActionItem) -> Result<()> {
    w.index(
        &a.id,
        &[SearchDoc {
            kind: "action",
            ref_id: &a.id,
            unit_id: a.unit_id.as_deref(),
            title: &a.title,
            body: &a.detail,
            at: &a.due_on,
        }],
    )?;
    Ok(())
}
