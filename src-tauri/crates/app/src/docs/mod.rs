//! 公文: the numbering categories and their numbers (no gaps, no repeats), outgoing documents
//! (drafted, signed by the right post, numbered when issued, dispatched, corrected as
//! revisions) and incoming ones (registered with the 阅办单, each handler's task on the
//! follow-up board, due in working days).
//!
//! Files: `numbers` (categories, reserving and giving back numbers), `outgoing` (发文),
//! `content` (a document's text and its GB/T 9704 print), `incoming` (收文), `report` (the
//! 阅办单 and the register extract as PDFs).

mod content;
mod distribution;
mod files;
mod incoming;
mod numbers;
mod outgoing;
mod report;

use branchdesk_domain::{Dispatch, DocRevision, IncomingDoc, OutgoingDoc};
use branchdesk_store::SearchDoc;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use content::ContentView;
pub(crate) use distribution::settle_receipt;
pub use distribution::{DistributeInput, InboxLine, RecipientView};
pub use files::MAX_FILE;

use crate::minutes::ActionView;
use crate::Result;

/// What the outgoing-document drawer sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingInput {
    pub id: Option<String>,
    pub unit_id: String,
    pub category: String,
    pub title: String,
    pub drafting_unit_id: Option<String>,
    pub drafter_id: Option<String>,
    pub secret: bool,
    /// For a secret document: the units (with everything below them) and positions that may
    /// receive it.
    #[serde(default)]
    pub scope_units: Vec<String>,
    #[serde(default)]
    pub scope_positions: Vec<String>,
}

/// A number handed out by `docs number`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reserved {
    pub category: String,
    pub year: i32,
    #[ts(type = "number")]
    pub seq: i64,
    /// As offices write it: 淄人保发〔2016〕63号
    pub number: String,
}

/// What the 收文 registration (阅办单) sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncomingInput {
    pub unit_id: String,
    pub received_on: String,
    pub sender: String,
    pub title: String,
    #[serde(default)]
    pub doc_number: String,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub instruction: String,
    #[serde(default)]
    pub secret: bool,
    /// The people it is routed to; each gets an item on the follow-up board.
    pub handlers: Vec<String>,
    /// 签收 of a document sent to the unit through sync (an `InboxLine`'s document): its
    /// sender, title, number, secrecy and urgency are taken from the document.
    #[serde(default)]
    pub from_doc: Option<String>,
}

/// Which incoming documents to list.
#[derive(Debug, Clone, Default)]
pub struct IncomingFilter {
    /// Only documents with a handler late on `today`.
    pub overdue_only: bool,
    /// The day lateness is measured against (`YYYY-MM-DD`; today by default).
    pub today: Option<String>,
}

/// A line of the 收文 register: the document and how its handling stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncomingRow {
    #[serde(flatten)]
    pub doc: IncomingDoc,
    pub handlers: Vec<ActionView>,
    /// The handling deadline (the latest of the handlers').
    pub due_on: String,
    /// Every handler has reported.
    pub done: bool,
    /// Days past the deadline of the latest open handler (0 when none is late).
    #[ts(type = "number")]
    pub overdue_days: i64,
}

/// A sending of an issued document, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispatchInput {
    pub doc_id: String,
    pub sent_on: String,
    pub to_unit: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub content: String,
}

/// An outgoing document with where it went and how it was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingDetail {
    pub doc: OutgoingDoc,
    pub dispatches: Vec<Dispatch>,
    pub revisions: Vec<DocRevision>,
    /// Names of the units and positions a secret document may go to.
    pub scope: Vec<String>,
    /// The units it was sent to through sync, and where it stands at each.
    #[serde(default)]
    pub recipients: Vec<RecipientView>,
}

/// Indexes a document for search: its title, number, attachments' names and text.
pub(crate) fn index_outgoing(w: &branchdesk_store::Writer<'_>, d: &OutgoingDoc) -> Result<()> {
    let mut body = d.number.clone().unwrap_or_default();
    if let Some(c) = w.doc_content(&d.id)? {
        for part in [&c.addressees, &c.attachments, &c.body] {
            body.push('\n');
            body.push_str(part);
        }
    }
    for f in w.doc_files(&d.id)? {
        body.push('\n');
        body.push_str(&f.name);
    }
    w.index(
        &d.id,
        &[SearchDoc {
            kind: "outgoing",
            ref_id: &d.id,
            unit_id: Some(&d.unit_id),
            title: &d.title,
            body: &body,
            at: d
                .issued_on
                .as_deref()
                .unwrap_or(&d.created_at[..10.min(d.created_at.len())]),
        }],
    )?;
    Ok(())
}

fn year_of(date: &str) -> i32 {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or(0, |d| d.year())
}

pub(crate) fn index_incoming(w: &branchdesk_store::Writer<'_>, d: &IncomingDoc) -> Result<()> {
    w.index(
        &d.id,
        &[SearchDoc {
            kind: "incoming",
            ref_id: &d.id,
            unit_id: Some(&d.unit_id),
            title: &d.title,
            body: &format!("{} {}\n{}", d.sender, d.doc_number, d.instruction),
            at: &d.received_on,
        }],
    )?;
    Ok(())
}
