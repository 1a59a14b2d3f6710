//! Branchdesk domain types.
//!
//! Plain data shared by the store, the application layer, the CLI and (through
//! generated TypeScript) the UI. No I/O lives here.

/// `as_str`, `parse` and `ALL` for an enum stored and exchanged as text.
macro_rules! str_names {
    ($t:ty { $($v:ident = $s:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
        }
    };
}

mod docs;
mod org;
mod period;
mod site;
mod sync;
mod work;

pub use docs::{
    Dispatch, DocCategory, DocKind, DocRevision, IncomingDoc, OutgoingDoc, OutgoingStatus,
};
pub use org::{
    Assignment, AssignmentKind, ControlMode, Ownership, Person, Position, PositionAttrs,
    PositionStatus, Unit, UnitAttrs, UnitKind, Version, BEGINNING,
};
pub use period::{Period, PeriodError};
pub use site::{Counts, Dashboard, Info, Lang, Role, Settings, SettingsUpdate, SiteInfo};
pub use sync::{
    Announcement, BundleLog, BundleOutcome, ExportReport, ImportReport, Peer, SyncStatus,
    TableTally,
};
pub use work::{
    ActionChange, ActionItem, ActionStatus, AdjustStatus, Adjustment, AgendaItem, AttendRole,
    Attendee, Decision, DecisionKind, DecisionState, DecisionVerdict, DecisionView, Meeting,
    MeetingKind, MeetingStatus, Milestone, MinutesBody, PlanChange, PlanLevel, PlanNode,
    PlanStatus, Priority, Submission, SubmissionKind, Verdict,
};
