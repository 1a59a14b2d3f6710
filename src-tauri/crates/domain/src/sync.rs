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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BundleOutcome {
    Sent,
    Applied,
    Duplicate,
    Held,
    Refused,
}

str_names!(BundleOutcome {
    Sent = "sent",
    Applied = "applied",
    Duplicate = "duplicate",
    Held = "held",
    Refused = "refused",
});

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
}
