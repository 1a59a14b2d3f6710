//! Branchdesk domain: the types every layer shares and the pure rules on them.
//!
//! Invariant: no I/O and no clock. Nothing here reads a file, the database, the environment or
//! the time of day (`today` is always a parameter); the UI sees these types through the
//! TypeScript that ts-rs generates into `ui/src/bindings/`.
//!
//! One module per feature noun (`org`, `plans`, `minutes`, `docs`, `sync`, `site`, `users`), plus
//! `period` (every period the program knows: months, quarters, years, weeks, three-year spans)
//! and `calendar` (working days).

/// Declares enums stored and exchanged as text, each once: its variants with their stored
/// names, their labels in Chinese and English and the other spellings a spreadsheet cell may
/// use. Serde, the database, the UI's generated labels and the spreadsheets all read these.
///
/// ```text
/// str_enums! {
///     /// doc
///     pub enum Priority {
///         High = "high", "高", "High";
///         Low = "low", "低", "Low", ["l"];
///     }
/// }
/// ```
/// Each invocation also defines `LABELS`, the module's tables for `ui/src/bindings/labels.ts`.
macro_rules! str_enums {
    ($(
        $(#[$meta:meta])*
        pub enum $t:ident {
            $( $(#[$vmeta:meta])* $v:ident = $s:literal, $zh:literal, $en:literal $(, [$($alt:literal),* $(,)?])? ; )+
        }
    )+) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
            #[ts(export)]
            pub enum $t { $( $(#[$vmeta])* #[serde(rename = $s)] $v ),+ }

            impl $t {
                pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
                /// Its names, for a field of a record.
                pub const CHOICE: $crate::fields::Choice = $crate::fields::Choice::of::<$t>();
                /// The stored name (database, bundles, JSON).
                pub fn as_str(self) -> &'static str {
                    match self { $(Self::$v => $s),+ }
                }
                /// From the stored name.
                pub fn parse(s: &str) -> Option<Self> {
                    match s { $($s => Some(Self::$v),)+ _ => None }
                }
            }

            impl $crate::fields::StoredName for $t {
                const TYPE_NAME: &'static str = stringify!($t);
                fn stored(self) -> &'static str { self.as_str() }
                fn from_stored(s: &str) -> Option<Self> { Self::parse(s) }
            }
            enum_field_type!($t);

            impl $crate::Label for $t {
                fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
                    &[$( (<$t>::$v, $zh, $en, &[$s $($(, $alt)*)?]) ),+]
                }
            }
        )+

        /// This module's enums as (type, [(stored name, zh, en)]), for the UI's labels.
        #[allow(dead_code)]
        pub(crate) const LABELS: &[$crate::LabelTable] = &[
            $( (stringify!($t), &[$( ($s, $zh, $en) ),+]) ),+
        ];
    };
}

#[macro_use]
mod fields;
pub mod backup;
mod board;
mod calendar;
mod docs;
mod funds;
mod levels;
mod minutes;
mod org;
mod period;
mod plans;
mod site;
mod sync;
pub mod text;
mod users;

pub use board::{
    elapsed_pct, figures_light, followup_state, kpi_light, overdue_light, plan_light,
    silence_light, submissions_light, Board, BoardRow, BoardThresholds, Check, FollowupState,
    Light, Signal,
};
pub use calendar::{handling_due, is_working_day, Calendar, CalendarDay};
pub use docs::{
    chinese_date, heading_level, Dispatch, DocCategory, DocContent, DocFile, DocForm, DocKind,
    DocReceipt, DocRecipient, DocRevision, IncomingDoc, OutgoingDoc, OutgoingStatus, ReceiptState,
    RecipientRole, Urgency,
};
pub use fields::{Choice, Field, FieldKind, FieldType, FieldValue, Fields, SheetCol};
pub use funds::{activity_fund, client_fund, fund_ledger, FundMonth, Overdrawn, FUND_LIFE};
pub use levels::{
    orphan_commission, run_person, Level, LevelEvent, LevelMonth, LevelNote, LevelPerson, LevelRun,
    LevelTable, TableProblem,
};
pub use minutes::{
    ActionChange, ActionItem, ActionStatus, AgendaItem, AttendRole, Attendee, Meeting, MeetingKind,
    MeetingStatus, MinutesBody, Submission, SubmissionKind, Verdict,
};
pub use org::{
    Assignment, AssignmentKind, ControlMode, Ownership, Person, Position, PositionAttrs,
    PositionStatus, Unit, UnitAttrs, UnitKind, Version, BEGINNING,
};
pub use period::{Period, PeriodError, PeriodForm};
pub use plans::{
    earliest_adjustable, AdjustStatus, Adjustment, Milestone, PlanAction, PlanChange, PlanLevel,
    PlanNode, PlanStatus, Priority,
};
pub use site::{
    Counts, Dashboard, Info, Lang, LogLevel, Role, Settings, SettingsUpdate, SiteInfo, WorkItem,
    WorkKind,
};
pub use sync::{
    Announcement, AnnouncementRead, BundleLog, BundleOutcome, Decision, DecisionKind,
    DecisionState, DecisionVerdict, DecisionView, ExportReport, ImportReport, Peer, SyncStatus,
    TableTally,
};

pub use users::{Account, AccountEvent, AccountLogLine, Act, Actor, HeldPost, Rule, Who, RULES};

/// Names of a text-stored enum for people, and the reverse: reading one back from what a person
/// typed in a cell (the Chinese or English label, the stored name, or another accepted
/// spelling; any case, surrounding spaces ignored).
pub trait Label: Sized + Copy + PartialEq + 'static {
    /// `(value, zh, en, other accepted spellings)`, in declaration order.
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])];

    fn label(self, lang: Lang) -> &'static str {
        Self::table()
            .iter()
            .find(|(v, ..)| *v == self)
            .map_or("", |(_, zh, en, _)| if lang == Lang::Zh { zh } else { en })
    }

    fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::table()
            .iter()
            .find(|(_, zh, en, alt)| {
                *zh == s
                    || en.eq_ignore_ascii_case(s)
                    || alt.iter().any(|a| a.eq_ignore_ascii_case(s))
            })
            .map(|(v, ..)| *v)
    }

    /// The labels in `lang`, for messages and drop-down lists.
    fn choices(lang: Lang) -> Vec<&'static str> {
        Self::table()
            .iter()
            .map(|(_, zh, en, _)| if lang == Lang::Zh { *zh } else { *en })
            .collect()
    }
}

/// 是 / 否 in cells and history.
impl Label for bool {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (true, "是", "Yes", &["y", "true", "1", "√", "✓"]),
            (false, "否", "No", &["n", "false", "0", "×"]),
        ]
    }
}

/// One enum's labels: its type name and (stored name, zh, en) per variant.
pub type LabelTable = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

/// Every text-stored enum's labels, by type name, for `ui/src/bindings/labels.ts`.
pub fn label_tables() -> Vec<LabelTable> {
    [
        org::LABELS,
        board::LABELS,
        plans::LABELS,
        minutes::LABELS,
        docs::LABELS,
        levels::LABELS,
        sync::LABELS,
        site::LABELS,
        users::LABELS,
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect()
}

/// `ui/src/bindings/labels.ts`: the labels of every text-stored enum, so the UI never retypes
/// them.
pub fn labels_ts() -> String {
    let mut out = String::from(
        "// Generated by branchdesk-domain (label_tables) when `cargo test` runs. Do not edit.\n\
         // Each text-stored enum's labels: stored name → [Chinese, English].\n\
         export const LABELS = {\n",
    );
    for (t, rows) in label_tables() {
        out.push_str(&format!("  {t}: {{\n"));
        for (s, zh, en) in rows {
            out.push_str(&format!("    {s}: [{zh:?}, {en:?}],\n"));
        }
        out.push_str("  },\n");
    }
    out.push_str("} as const;\n");
    out
}

/// `ui/src/bindings/fields.ts`: the labels of every declared field of a dated record, so the
/// UI's forms name them as the history and the spreadsheets do.
pub fn fields_ts() -> String {
    let mut out = String::from(
        "// Generated by branchdesk-domain (record!) when `cargo test` runs. Do not edit.\n\
         // Each dated record's fields: name → [Chinese, English].\n\
         export const FIELDS = {\n",
    );
    for (t, fields) in [
        ("UnitAttrs", UnitAttrs::FIELDS),
        ("PositionAttrs", PositionAttrs::FIELDS),
    ] {
        out.push_str(&format!("  {t}: {{\n"));
        for f in fields {
            out.push_str(&format!("    {}: [{:?}, {:?}],\n", f.name, f.zh, f.en));
        }
        out.push_str("  },\n");
    }
    out.push_str("} as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the UI's labels and field names next to the ts-rs bindings (`make
    /// bindings-check` fails if the committed files differ).
    #[test]
    fn export_labels_for_the_ui() {
        let Some(dir) = std::env::var_os("TS_RS_EXPORT_DIR") else {
            return;
        };
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("labels.ts"), labels_ts()).unwrap();
        std::fs::write(dir.join("fields.ts"), fields_ts()).unwrap();
    }

    #[test]
    fn every_enum_reads_back_its_labels_and_names() {
        fn check<T: Label + std::fmt::Debug>() {
            for (v, zh, en, alt) in T::table() {
                assert_eq!(T::from_label(zh), Some(*v), "{zh}");
                assert_eq!(T::from_label(&en.to_uppercase()), Some(*v), "{en}");
                for a in *alt {
                    assert_eq!(T::from_label(a), Some(*v), "{a}");
                }
            }
        }
        check::<UnitKind>();
        check::<ControlMode>();
        check::<PositionStatus>();
        check::<AssignmentKind>();
        check::<PlanStatus>();
        check::<MeetingKind>();
        check::<bool>();
        assert_eq!(UnitKind::from_label(" 支公司 "), Some(UnitKind::Branch));
        assert_eq!(UnitKind::from_label("车间"), None);
        let names: Vec<&str> = label_tables().iter().map(|(t, _)| *t).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            names.len(),
            unique.len(),
            "a type declared twice: {names:?}"
        );
    }

    #[test]
    fn serde_uses_the_stored_names() {
        for k in UnitKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(
            serde_json::to_string(&AssignmentKind::PartTime).unwrap(),
            "\"part_time\""
        );
        assert_eq!(serde_json::to_string(&Role::Hq).unwrap(), "\"hq\"");
    }
}
