//! Meetings and their minutes (header columns + the body as JSON), finalised revisions
//! (snapshots), action items (督办事项) and their follow-up log, the carry-forward query, and
//! submissions (报送材料).

use std::borrow::Borrow;

use branchdesk_domain::{
    ActionChange, ActionItem, ActionStatus, Meeting, MeetingKind, MeetingStatus, MinutesBody,
    Submission, SubmissionKind, Verdict,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::rows::{collect, get_enum, get_json, get_opt_enum, json};
use crate::{Error, Reader, Result, Writer};

/// Which action items to list.
#[derive(Debug, Clone, Default)]
pub struct ActionQuery<'a> {
    pub meeting_id: Option<&'a str>,
    pub doc_id: Option<&'a str>,
    pub owner_id: Option<&'a str>,
    pub unit_id: Option<&'a str>,
    pub open_only: bool,
}

/// A finalised revision of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub rev: i64,
    pub snapshot: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

const MEETING_COLS: &str =
    "id, unit_id, kind, coalesce(series, ''), title, held_at, place, chair_id, recorder_id, status, rev, updated_at, body";

fn meeting_row(r: &Row<'_>) -> rusqlite::Result<(Meeting, MinutesBody)> {
    Ok((
        Meeting {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            kind: get_enum(r, 2, "meeting kind", MeetingKind::parse)?,
            series: r.get(3)?,
            title: r.get(4)?,
            held_at: r.get(5)?,
            place: r.get(6)?,
            chair_id: r.get(7)?,
            recorder_id: r.get(8)?,
            status: get_enum(r, 9, "meeting status", MeetingStatus::parse)?,
            rev: r.get(10)?,
            updated_at: r.get(11)?,
        },
        get_json(r, 12)?,
    ))
}

const ACTION_COLS: &str = "a.id, a.meeting_id, a.unit_id, a.title, a.detail, a.owner_id, a.due_on, a.status, a.plan_node_id, a.created_at, a.closed_on, a.sort, a.doc_id";

fn action_row(r: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        unit_id: r.get(2)?,
        title: r.get(3)?,
        detail: r.get(4)?,
        owner_id: r.get(5)?,
        due_on: r.get(6)?,
        status: get_enum(r, 7, "action status", ActionStatus::parse)?,
        plan_node_id: r.get(8)?,
        created_at: r.get(9)?,
        closed_on: r.get(10)?,
        sort: r.get(11)?,
        doc_id: r.get(12)?,
    })
}

const SUBMISSION_COLS: &str = "id, unit_id, month, kind, title, meeting_id, submitted_on, verdict, verdict_note, reviewed_by, reviewed_at";

fn submission_row(r: &Row<'_>) -> rusqlite::Result<Submission> {
    Ok(Submission {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        month: r.get(2)?,
        kind: get_enum(r, 3, "submission kind", SubmissionKind::parse)?,
        title: r.get(4)?,
        meeting_id: r.get(5)?,
        submitted_on: r.get(6)?,
        verdict: get_opt_enum(r, 7, "verdict", Verdict::parse)?,
        verdict_note: r.get(8)?,
        reviewed_by: r.get(9)?,
        reviewed_at: r.get(10)?,
    })
}

// Reads that work on the store and inside a write alike.
pub(crate) fn meeting(conn: &Connection, id: &str) -> Result<Option<(Meeting, MinutesBody)>> {
    Ok(conn
        .query_row(
            &format!("SELECT {MEETING_COLS} FROM meeting WHERE id = ?1"),
            [id],
            meeting_row,
        )
        .optional()?)
}

pub(crate) fn actions(conn: &Connection, q: &ActionQuery<'_>) -> Result<Vec<ActionItem>> {
    collect(
        conn,
        &format!(
            "SELECT {ACTION_COLS} FROM action_item a
             WHERE (?1 IS NULL OR a.meeting_id = ?1) AND (?2 IS NULL OR a.owner_id = ?2)
               AND (?3 IS NULL OR a.unit_id = ?3)
               AND (?4 = 0 OR a.status IN ('open', 'in_progress'))
               AND (?5 IS NULL OR a.doc_id = ?5)
             ORDER BY a.due_on, a.created_at, a.sort"
        ),
        params![q.meeting_id, q.owner_id, q.unit_id, q.open_only, q.doc_id],
        action_row,
    )
}

/// Action items raised at earlier meetings of the series that were still open when this
/// meeting was held: open now, or closed on or after its day.
pub(crate) fn carried(
    conn: &Connection,
    unit_id: &str,
    series: &str,
    held_at: &str,
) -> Result<Vec<ActionItem>> {
    collect(
        conn,
        &format!(
            "SELECT {ACTION_COLS} FROM action_item a JOIN meeting m ON m.id = a.meeting_id
             WHERE m.unit_id = ?1 AND m.series = ?2 AND m.held_at < ?3
               AND (a.status IN ('open', 'in_progress') OR a.closed_on >= substr(?3, 1, 10))
             ORDER BY m.held_at, a.sort"
        ),
        params![unit_id, series, held_at],
        action_row,
    )
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Meetings, newest first; only one unit's when `unit_id` is given.
    pub fn meetings(&self, unit_id: Option<&str>) -> Result<Vec<(Meeting, MinutesBody)>> {
        collect(
            self.conn(),
            &format!(
                "SELECT {MEETING_COLS} FROM meeting WHERE ?1 IS NULL OR unit_id = ?1
                 ORDER BY held_at DESC, id DESC"
            ),
            [unit_id],
            meeting_row,
        )
    }

    pub fn meeting(&self, id: &str) -> Result<Option<(Meeting, MinutesBody)>> {
        meeting(self.conn(), id)
    }

    /// (id, title) of every meeting.
    pub fn meeting_titles(&self) -> Result<Vec<(String, String)>> {
        collect(self.conn(), "SELECT id, title FROM meeting", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// (id, title) of every plan node.
    pub fn previous_meeting(
        &self,
        unit_id: &str,
        series: &str,
        before: Option<&str>,
    ) -> Result<Option<(Meeting, MinutesBody)>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {MEETING_COLS} FROM meeting WHERE unit_id = ?1 AND series = ?2
                     AND (?3 IS NULL OR held_at < ?3) ORDER BY held_at DESC LIMIT 1"
                ),
                params![unit_id, series, before],
                meeting_row,
            )
            .optional()?)
    }

    pub fn meeting_revisions(&self, meeting_id: &str) -> Result<Vec<RevisionRow>> {
        collect(
            self.conn(),
            "SELECT rev, snapshot, reason, by, at FROM meeting_revision WHERE meeting_id = ?1 ORDER BY rev",
            [meeting_id],
            |r| {
                Ok(RevisionRow {
                    rev: r.get(0)?,
                    snapshot: r.get(1)?,
                    reason: r.get(2)?,
                    by: r.get(3)?,
                    at: r.get(4)?,
                })
            },
        )
    }

    pub fn actions(&self, q: &ActionQuery<'_>) -> Result<Vec<ActionItem>> {
        actions(self.conn(), q)
    }

    pub fn carried_actions(
        &self,
        unit_id: &str,
        series: &str,
        held_at: &str,
    ) -> Result<Vec<ActionItem>> {
        carried(self.conn(), unit_id, series, held_at)
    }

    /// An action item's status changes, oldest first.
    pub fn action_log(&self, action_id: &str) -> Result<Vec<ActionChange>> {
        collect(
            self.conn(),
            "SELECT old_status, new_status, due_on, note, by, at FROM action_log WHERE action_id = ?1 ORDER BY id",
            [action_id],
            |r| {
                let old: Option<String> = r.get(0)?;
                Ok(ActionChange {
                    old_status: old.as_deref().and_then(ActionStatus::parse),
                    new_status: get_enum(r, 1, "action status", ActionStatus::parse)?,
                    due_on: r.get(2)?,
                    note: r.get(3)?,
                    by: r.get(4)?,
                    at: r.get(5)?,
                })
            },
        )
    }

    /// Submissions of a month (all months when `None`), by unit and date.
    pub fn submissions(&self, month: Option<&str>) -> Result<Vec<Submission>> {
        collect(
            self.conn(),
            &format!(
                "SELECT {SUBMISSION_COLS} FROM submission WHERE ?1 IS NULL OR month = ?1
                 ORDER BY month DESC, unit_id, submitted_on, rowid"
            ),
            [month],
            submission_row,
        )
    }

    pub fn submission_for_meeting(&self, meeting_id: &str) -> Result<Option<Submission>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {SUBMISSION_COLS} FROM submission WHERE meeting_id = ?1"),
                [meeting_id],
                submission_row,
            )
            .optional()?)
    }

    pub fn action(&self, id: &str) -> Result<Option<ActionItem>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {ACTION_COLS} FROM action_item a WHERE a.id = ?1"),
                [id],
                action_row,
            )
            .optional()?)
    }

    pub fn submission(&self, id: &str) -> Result<Option<Submission>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {SUBMISSION_COLS} FROM submission WHERE id = ?1"),
                [id],
                submission_row,
            )
            .optional()?)
    }

    /// How many of a unit's submissions in `month` were found compliant.
    pub fn compliant_count(&self, unit_id: &str, month: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM submission WHERE unit_id = ?1 AND month = ?2 AND verdict = 'compliant'",
            [unit_id, month],
            |r| r.get(0),
        )?)
    }

    /// Open action items, and how many of them are past due on `today` (`YYYY-MM-DD`).
    pub fn action_item_stats(&self, today: &str) -> Result<(i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT count(*), coalesce(sum(due_on < ?1), 0) FROM action_item
             WHERE status IN ('open', 'in_progress')",
            [today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

impl Writer<'_> {
    pub fn put_meeting(&self, m: &Meeting, body: &MinutesBody) -> Result<()> {
        self.tx.execute(
            "INSERT INTO meeting (id, unit_id, kind, series, title, held_at, place, chair_id, recorder_id, status, rev, updated_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, kind = excluded.kind,
               series = excluded.series, title = excluded.title, held_at = excluded.held_at,
               place = excluded.place, chair_id = excluded.chair_id, recorder_id = excluded.recorder_id,
               status = excluded.status, rev = excluded.rev, updated_at = excluded.updated_at, body = excluded.body",
            params![
                m.id,
                m.unit_id,
                m.kind.as_str(),
                m.series,
                m.title,
                m.held_at,
                m.place,
                m.chair_id,
                m.recorder_id,
                m.status.as_str(),
                m.rev,
                m.updated_at,
                json(body)
            ],
        )?;
        Ok(())
    }

    /// Deletes a meeting (a draft never finalised; its action items go first).
    pub fn delete_meeting(&self, id: &str) -> Result<()> {
        self.tx.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn add_meeting_revision(
        &self,
        meeting_id: &str,
        rev: i64,
        snapshot: &str,
        reason: &str,
        by: &str,
        at: &str,
    ) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO meeting_revision (meeting_id, rev, snapshot, reason, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting_id, rev, snapshot, reason, by, at],
            )
            .map_err(Error::unique(format!("revision {rev}")))?;
        Ok(())
    }

    /// Inserts or replaces an action item.
    pub fn put_action(&self, a: &ActionItem) -> Result<()> {
        self.tx.execute(
            "INSERT INTO action_item (id, meeting_id, unit_id, title, detail, owner_id, due_on, status, plan_node_id, created_at, closed_on, sort, doc_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET meeting_id = excluded.meeting_id, unit_id = excluded.unit_id,
               title = excluded.title, detail = excluded.detail, owner_id = excluded.owner_id,
               due_on = excluded.due_on, status = excluded.status, plan_node_id = excluded.plan_node_id,
               closed_on = excluded.closed_on, sort = excluded.sort",
            params![
                a.id,
                a.meeting_id,
                a.unit_id,
                a.title,
                a.detail,
                a.owner_id,
                a.due_on,
                a.status.as_str(),
                a.plan_node_id,
                a.created_at,
                a.closed_on,
                a.sort,
                a.doc_id
            ],
        )?;
        Ok(())
    }

    /// Deletes an action item that was never followed up (a draft's).
    pub fn delete_action(&self, id: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM action_log WHERE action_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM action_item WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn log_action(&self, id: &str, change: &ActionChange) -> Result<()> {
        self.tx.execute(
            "INSERT INTO action_log (action_id, old_status, new_status, due_on, note, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                change.old_status.map(ActionStatus::as_str),
                change.new_status.as_str(),
                change.due_on,
                change.note,
                change.by,
                change.at
            ],
        )?;
        Ok(())
    }

    pub fn put_submission(&self, s: &Submission) -> Result<()> {
        self.tx.execute(
            "INSERT INTO submission (id, unit_id, month, kind, title, meeting_id, submitted_on, verdict, verdict_note, reviewed_by, reviewed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (id) DO UPDATE SET month = excluded.month, kind = excluded.kind, title = excluded.title,
               submitted_on = excluded.submitted_on, verdict = excluded.verdict, verdict_note = excluded.verdict_note,
               reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at",
            params![
                s.id,
                s.unit_id,
                s.month,
                s.kind.as_str(),
                s.title,
                s.meeting_id,
                s.submitted_on,
                s.verdict.map(Verdict::as_str),
                s.verdict_note,
                s.reviewed_by,
                s.reviewed_at
            ],
        )?;
        Ok(())
    }
}
