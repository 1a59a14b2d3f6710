//! 督办: headquarters' follow-ups of warnings on the monitoring board (`board_followup`) and the
//! units' reports on them (`board_report`). Both travel in bundles (migration 0015).

use std::borrow::Borrow;

use rusqlite::{params, Connection};

use crate::rows::collect;
use crate::{Reader, Result, Writer};

/// A follow-up headquarters raised for a unit from a light on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupRow {
    pub id: String,
    pub unit_id: String,
    /// The board's check (`plans`, `kpi`, …) and its light when raised.
    pub topic: String,
    pub light: String,
    /// The board's reason on the day, as raised.
    pub reason: String,
    /// What headquarters asks the unit to do.
    pub request: String,
    pub due: String,
    pub raised_by: String,
    pub raised_at: String,
    /// 1 when raised; each return opens the next round.
    pub round: i64,
    /// `closed`, `returned`, or none yet.
    pub outcome: Option<String>,
    pub comment: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// A unit's report on a follow-up, for the round it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: String,
    pub followup_id: String,
    pub unit_id: String,
    pub round: i64,
    pub note: String,
    pub done_on: String,
    pub by: String,
    pub at: String,
}

/// A follow-up with its unit's code and name and the unit's report, as lists show it.
#[derive(Debug, Clone)]
pub struct FollowupLine {
    pub followup: FollowupRow,
    pub unit_code: String,
    pub unit_name: String,
    pub report: Option<ReportRow>,
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Every follow-up raised (at headquarters) or received (at a unit), newest first, with its
    /// unit's report.
    pub fn board_followups(&self) -> Result<Vec<FollowupLine>> {
        collect(
            self.conn(),
            "SELECT f.id, f.unit_id, f.topic, f.light, f.reason, f.request, f.due, f.raised_by,
                    f.raised_at, f.round, f.outcome, f.comment, f.decided_by, f.decided_at,
                    u.code, u.name,
                    r.id, r.round, r.note, r.done_on, r.by, r.at
             FROM board_followup f JOIN unit u ON u.id = f.unit_id
             LEFT JOIN board_report r ON r.followup_id = f.id
             ORDER BY f.raised_at DESC, u.code, f.topic",
            [],
            |r| {
                let followup = FollowupRow {
                    id: r.get(0)?,
                    unit_id: r.get(1)?,
                    topic: r.get(2)?,
                    light: r.get(3)?,
                    reason: r.get(4)?,
                    request: r.get(5)?,
                    due: r.get(6)?,
                    raised_by: r.get(7)?,
                    raised_at: r.get(8)?,
                    round: r.get(9)?,
                    outcome: r.get(10)?,
                    comment: r.get(11)?,
                    decided_by: r.get(12)?,
                    decided_at: r.get(13)?,
                };
                let report = match r.get::<_, Option<String>>(16)? {
                    None => None,
                    Some(id) => Some(ReportRow {
                        id,
                        followup_id: followup.id.clone(),
                        unit_id: followup.unit_id.clone(),
                        round: r.get(17)?,
                        note: r.get(18)?,
                        done_on: r.get(19)?,
                        by: r.get(20)?,
                        at: r.get(21)?,
                    }),
                };
                Ok(FollowupLine {
                    unit_code: r.get(14)?,
                    unit_name: r.get(15)?,
                    followup,
                    report,
                })
            },
        )
    }
}

impl Writer<'_> {
    pub fn add_board_followup(&self, f: &FollowupRow) -> Result<()> {
        self.tx.execute(
            "INSERT INTO board_followup (id, unit_id, topic, light, reason, request, due, raised_by,
                raised_at, round, outcome, comment, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                f.id,
                f.unit_id,
                f.topic,
                f.light,
                f.reason,
                f.request,
                f.due,
                f.raised_by,
                f.raised_at,
                f.round,
                f.outcome,
                f.comment,
                f.decided_by,
                f.decided_at
            ],
        )?;
        Ok(())
    }

    /// Headquarters' decision on a follow-up as the row now stands (closed, or returned with
    /// the next round and a new due date).
    pub fn decide_board_followup(&self, f: &FollowupRow) -> Result<()> {
        self.tx.execute(
            "UPDATE board_followup SET outcome = ?2, comment = ?3, due = ?4, round = ?5,
                decided_by = ?6, decided_at = ?7
             WHERE id = ?1",
            params![
                f.id,
                f.outcome,
                f.comment,
                f.due,
                f.round,
                f.decided_by,
                f.decided_at
            ],
        )?;
        Ok(())
    }

    /// The unit's report on a follow-up; a later round's report replaces the earlier one.
    pub fn put_board_report(&self, r: &ReportRow) -> Result<()> {
        self.tx.execute(
            "INSERT INTO board_report (id, followup_id, unit_id, round, note, done_on, by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (followup_id) DO UPDATE SET round = excluded.round, note = excluded.note,
                done_on = excluded.done_on, by = excluded.by, at = excluded.at",
            params![
                r.id,
                r.followup_id,
                r.unit_id,
                r.round,
                r.note,
                r.done_on,
                r.by,
                r.at
            ],
        )?;
        Ok(())
    }
}
