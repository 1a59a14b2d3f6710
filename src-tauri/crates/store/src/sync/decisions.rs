//! Headquarters' decisions on units' records (approvals, returns, reviews): headquarters' own
//! records that travel down, and what a unit did with each.

use std::borrow::Borrow;

use branchdesk_domain::{Decision, DecisionKind, DecisionVerdict};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::rows::{collect, get_enum};
use crate::{Reader, Result, Writer};

const DECISION_COLS: &str = "d.id, d.unit_id, d.kind, d.subject_id, d.verdict, d.comment, d.stamp, d.decided_by, d.decided_at, a.outcome, a.note";

/// A decision of headquarters, and what this site did with it when it arrived (units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub decision: Decision,
    /// `applied` or `stale`, with the note, once this site applied it.
    pub applied: Option<(String, String)>,
}

fn decision_row(r: &Row<'_>) -> rusqlite::Result<DecisionRow> {
    let outcome: Option<String> = r.get(9)?;
    Ok(DecisionRow {
        decision: Decision {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            kind: get_enum(r, 2, "decision kind", DecisionKind::parse)?,
            subject_id: r.get(3)?,
            verdict: get_enum(r, 4, "verdict", DecisionVerdict::parse)?,
            comment: r.get(5)?,
            stamp: r.get(6)?,
            decided_by: r.get(7)?,
            decided_at: r.get(8)?,
        },
        applied: match outcome {
            Some(o) => Some((o, r.get(10)?)),
            None => None,
        },
    })
}

/// Decisions, newest first; for one subject when given.
fn decisions(conn: &Connection, subject_id: Option<&str>) -> Result<Vec<DecisionRow>> {
    collect(
        conn,
        &format!(
            "SELECT {DECISION_COLS} FROM hq_decision d LEFT JOIN hq_decision_applied a ON a.id = d.id
             WHERE ?1 IS NULL OR d.subject_id = ?1
             ORDER BY d.decided_at DESC, d.id DESC"
        ),
        [subject_id],
        decision_row,
    )
}

/// The state of a decision's subject that the decision answers: while it is the same as
/// the decision's `stamp`, the decision has not taken effect. `None`: no such record.
fn subject_stamp(conn: &Connection, kind: DecisionKind, id: &str) -> Result<Option<String>> {
    let sql = match kind {
        DecisionKind::Plan => "SELECT status || '@' || updated_at FROM plan_node WHERE id = ?1",
        DecisionKind::Adjustment => "SELECT status FROM plan_adjustment WHERE id = ?1",
        DecisionKind::Submission => {
            "SELECT coalesce(verdict, '') || '@' || coalesce(reviewed_at, '') FROM submission WHERE id = ?1"
        }
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
}

impl<C: Borrow<Connection>> Reader<C> {
    pub fn decisions(&self, subject_id: Option<&str>) -> Result<Vec<DecisionRow>> {
        decisions(self.conn(), subject_id)
    }

    pub fn subject_stamp(&self, kind: DecisionKind, id: &str) -> Result<Option<String>> {
        subject_stamp(self.conn(), kind, id)
    }
}

impl Writer<'_> {
    pub fn put_decision(&self, d: &Decision) -> Result<()> {
        self.tx.execute(
            "INSERT INTO hq_decision (id, unit_id, kind, subject_id, verdict, comment, stamp, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.id,
                d.unit_id,
                d.kind.as_str(),
                d.subject_id,
                d.verdict.as_str(),
                d.comment,
                d.stamp,
                d.decided_by,
                d.decided_at
            ],
        )?;
        Ok(())
    }

    /// Records what this site did with a decision it received.
    pub fn mark_decision(&self, id: &str, outcome: &str, note: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO hq_decision_applied (id, applied_at, outcome, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, at, outcome, note],
        )?;
        Ok(())
    }
}
