//! Meetings and minutes, action items, submissions and plans.

use branchdesk_domain::{
    ActionChange, ActionItem, ActionStatus, AdjustStatus, Adjustment, Decision, DecisionKind,
    DecisionVerdict, Meeting, MeetingKind, MeetingStatus, MinutesBody, PlanChange, PlanLevel,
    PlanNode, PlanStatus, Priority, Submission, SubmissionKind, Verdict,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::{Error, Result, Store, Writer};

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

fn bad(col: usize, what: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown {what} {v:?}").into(),
    )
}

fn get_enum<T>(
    r: &Row<'_>,
    col: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = r.get(col)?;
    parse(&s).ok_or_else(|| bad(col, what, &s))
}

fn get_json<T: serde::de::DeserializeOwned>(r: &Row<'_>, col: usize) -> rusqlite::Result<T> {
    let s: String = r.get(col)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, e.into())
    })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serialises")
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
    let verdict: Option<String> = r.get(7)?;
    Ok(Submission {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        month: r.get(2)?,
        kind: get_enum(r, 3, "submission kind", SubmissionKind::parse)?,
        title: r.get(4)?,
        meeting_id: r.get(5)?,
        submitted_on: r.get(6)?,
        verdict: match verdict {
            None => None,
            Some(v) => Some(Verdict::parse(&v).ok_or_else(|| bad(7, "verdict", &v))?),
        },
        verdict_note: r.get(8)?,
        reviewed_by: r.get(9)?,
        reviewed_at: r.get(10)?,
    })
}

const PLAN_COLS: &str = "id, unit_id, parent_id, level, title, owner_person_id, owner_position_id, period, priority, weight, target_value, target_unit, kpi_metric, actual_value, progress, status, deviation, outcome, milestones, sort, updated_at, issued_from";

fn plan_row(r: &Row<'_>) -> rusqlite::Result<PlanNode> {
    Ok(PlanNode {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        parent_id: r.get(2)?,
        level: get_enum(r, 3, "plan level", PlanLevel::parse)?,
        title: r.get(4)?,
        owner_person_id: r.get(5)?,
        owner_position_id: r.get(6)?,
        period: r.get(7)?,
        priority: get_enum(r, 8, "priority", Priority::parse)?,
        weight: r.get(9)?,
        target_value: r.get(10)?,
        target_unit: r.get(11)?,
        kpi_metric: r.get(12)?,
        actual_value: r.get(13)?,
        progress: r.get(14)?,
        status: get_enum(r, 15, "plan status", PlanStatus::parse)?,
        deviation: r.get(16)?,
        outcome: r.get(17)?,
        milestones: get_json(r, 18)?,
        sort: r.get(19)?,
        updated_at: r.get(20)?,
        issued_from: r.get(21)?,
    })
}

const ADJUST_COLS: &str = "id, node_id, month, old_target, new_target, reason, requested_on, status, decided_by, decided_on, decision";

fn adjust_row(r: &Row<'_>) -> rusqlite::Result<Adjustment> {
    Ok(Adjustment {
        id: r.get(0)?,
        node_id: r.get(1)?,
        month: r.get(2)?,
        old_target: r.get(3)?,
        new_target: r.get(4)?,
        reason: r.get(5)?,
        requested_on: r.get(6)?,
        status: get_enum(r, 7, "adjustment status", AdjustStatus::parse)?,
        decided_by: r.get(8)?,
        decided_on: r.get(9)?,
        decision: r.get(10)?,
    })
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

pub(crate) fn plan_nodes(conn: &Connection, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
    collect(
        conn,
        &format!(
            "SELECT {PLAN_COLS} FROM plan_node WHERE ?1 IS NULL OR unit_id = ?1
             ORDER BY unit_id, period, sort, rowid"
        ),
        [unit_id],
        plan_row,
    )
}

pub(crate) fn plan_node(conn: &Connection, id: &str) -> Result<Option<PlanNode>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PLAN_COLS} FROM plan_node WHERE id = ?1"),
            [id],
            plan_row,
        )
        .optional()?)
}

pub(crate) fn adjustments(conn: &Connection, node_id: Option<&str>) -> Result<Vec<Adjustment>> {
    collect(
        conn,
        &format!(
            "SELECT {ADJUST_COLS} FROM plan_adjustment WHERE ?1 IS NULL OR node_id = ?1
             ORDER BY requested_on DESC, rowid DESC"
        ),
        [node_id],
        adjust_row,
    )
}

impl Store {
    /// Meetings, newest first; only one unit's when `unit_id` is given.
    pub fn meetings(&self, unit_id: Option<&str>) -> Result<Vec<(Meeting, MinutesBody)>> {
        collect(
            &self.conn,
            &format!(
                "SELECT {MEETING_COLS} FROM meeting WHERE ?1 IS NULL OR unit_id = ?1
                 ORDER BY held_at DESC, id DESC"
            ),
            [unit_id],
            meeting_row,
        )
    }

    pub fn meeting(&self, id: &str) -> Result<Option<(Meeting, MinutesBody)>> {
        meeting(&self.conn, id)
    }

    /// (id, title) of every meeting.
    pub fn meeting_titles(&self) -> Result<Vec<(String, String)>> {
        collect(&self.conn, "SELECT id, title FROM meeting", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// (id, title) of every plan node.
    pub fn plan_titles(&self) -> Result<Vec<(String, String)>> {
        collect(&self.conn, "SELECT id, title FROM plan_node", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// The latest meeting of a series held before `before` (any, when `before` is `None`).
    pub fn previous_meeting(
        &self,
        unit_id: &str,
        series: &str,
        before: Option<&str>,
    ) -> Result<Option<(Meeting, MinutesBody)>> {
        Ok(self
            .conn
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
            &self.conn,
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
        actions(&self.conn, q)
    }

    pub fn action(&self, id: &str) -> Result<Option<ActionItem>> {
        action_by_id(&self.conn, id)
    }

    pub fn carried_actions(
        &self,
        unit_id: &str,
        series: &str,
        held_at: &str,
    ) -> Result<Vec<ActionItem>> {
        carried(&self.conn, unit_id, series, held_at)
    }

    /// An action item's status changes, oldest first.
    pub fn action_log(&self, action_id: &str) -> Result<Vec<ActionChange>> {
        collect(
            &self.conn,
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
            &self.conn,
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
            .conn
            .query_row(
                &format!("SELECT {SUBMISSION_COLS} FROM submission WHERE meeting_id = ?1"),
                [meeting_id],
                submission_row,
            )
            .optional()?)
    }

    pub fn plan_nodes(&self, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
        plan_nodes(&self.conn, unit_id)
    }

    pub fn plan_node(&self, id: &str) -> Result<Option<PlanNode>> {
        plan_node(&self.conn, id)
    }

    pub fn plan_log(&self, node_id: &str) -> Result<Vec<PlanChange>> {
        collect(
            &self.conn,
            "SELECT from_status, to_status, comment, by, at FROM plan_log WHERE node_id = ?1 ORDER BY id",
            [node_id],
            |r| {
                let from: Option<String> = r.get(0)?;
                Ok(PlanChange {
                    from_status: from.as_deref().and_then(PlanStatus::parse),
                    to_status: get_enum(r, 1, "plan status", PlanStatus::parse)?,
                    comment: r.get(2)?,
                    by: r.get(3)?,
                    at: r.get(4)?,
                })
            },
        )
    }

    pub fn adjustments(&self, node_id: Option<&str>) -> Result<Vec<Adjustment>> {
        adjustments(&self.conn, node_id)
    }

    pub fn work_summary(&self, person_id: &str, period: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT text, updated_at FROM work_summary WHERE person_id = ?1 AND period = ?2",
                [person_id, period],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Sums of a metric's monthly figures for a unit over `months`: (sum, months with a figure).
    pub fn kpi_metric_values(
        &self,
        unit_id: &str,
        metric: &str,
        months: &[String],
    ) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT value FROM kpi_value WHERE unit_id = ?1 AND metric = ?2 AND period = ?3",
        )?;
        for m in months {
            if let Some(v) = stmt
                .query_row(params![unit_id, metric, m], |r| r.get::<_, String>(0))
                .optional()?
            {
                out.push((m.clone(), v));
            }
        }
        Ok(out)
    }
}

fn action_by_id(conn: &Connection, id: &str) -> Result<Option<ActionItem>> {
    Ok(conn
        .query_row(
            &format!("SELECT {ACTION_COLS} FROM action_item a WHERE a.id = ?1"),
            [id],
            action_row,
        )
        .optional()?)
}

impl Writer<'_> {
    pub fn action(&self, id: &str) -> Result<Option<ActionItem>> {
        action_by_id(self.tx, id)
    }

    pub fn meeting(&self, id: &str) -> Result<Option<(Meeting, MinutesBody)>> {
        meeting(self.tx, id)
    }

    pub fn actions(&self, q: &ActionQuery<'_>) -> Result<Vec<ActionItem>> {
        actions(self.tx, q)
    }

    pub fn carried_actions(
        &self,
        unit_id: &str,
        series: &str,
        held_at: &str,
    ) -> Result<Vec<ActionItem>> {
        carried(self.tx, unit_id, series, held_at)
    }

    /// Inserts or replaces a meeting (header and body).
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

    pub fn submission(&self, id: &str) -> Result<Option<Submission>> {
        Ok(self
            .tx
            .query_row(
                &format!("SELECT {SUBMISSION_COLS} FROM submission WHERE id = ?1"),
                [id],
                submission_row,
            )
            .optional()?)
    }

    /// Whether the unit has any KPI figure (is assessed).
    pub fn has_kpi_values(&self, unit_id: &str) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM kpi_value WHERE unit_id = ?1)",
            [unit_id],
            |r| r.get(0),
        )?)
    }

    /// How many of a unit's submissions in `month` were found compliant.
    pub fn compliant_count(&self, unit_id: &str, month: &str) -> Result<i64> {
        Ok(self.tx.query_row(
            "SELECT count(*) FROM submission WHERE unit_id = ?1 AND month = ?2 AND verdict = 'compliant'",
            [unit_id, month],
            |r| r.get(0),
        )?)
    }

    pub fn plan_nodes(&self, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
        plan_nodes(self.tx, unit_id)
    }

    pub fn plan_node(&self, id: &str) -> Result<Option<PlanNode>> {
        plan_node(self.tx, id)
    }

    pub fn put_plan_node(&self, n: &PlanNode) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO plan_node ({PLAN_COLS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
                 ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, parent_id = excluded.parent_id,
                   level = excluded.level, title = excluded.title, owner_person_id = excluded.owner_person_id,
                   owner_position_id = excluded.owner_position_id, period = excluded.period,
                   priority = excluded.priority, weight = excluded.weight, target_value = excluded.target_value,
                   target_unit = excluded.target_unit, kpi_metric = excluded.kpi_metric,
                   actual_value = excluded.actual_value, progress = excluded.progress, status = excluded.status,
                   deviation = excluded.deviation, outcome = excluded.outcome, milestones = excluded.milestones,
                   sort = excluded.sort, updated_at = excluded.updated_at,
                   issued_from = excluded.issued_from"
            ),
            params![
                n.id,
                n.unit_id,
                n.parent_id,
                n.level.as_str(),
                n.title,
                n.owner_person_id,
                n.owner_position_id,
                n.period,
                n.priority.as_str(),
                n.weight,
                n.target_value,
                n.target_unit,
                n.kpi_metric,
                n.actual_value,
                n.progress,
                n.status.as_str(),
                n.deviation,
                n.outcome,
                json(&n.milestones),
                n.sort,
                n.updated_at,
                n.issued_from
            ],
        )?;
        Ok(())
    }

    /// Deletes a plan node (a draft without children) and its log.
    pub fn delete_plan_node(&self, id: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM plan_log WHERE node_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM plan_adjustment WHERE node_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM plan_node WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn log_plan(&self, node_id: &str, c: &PlanChange) -> Result<()> {
        self.tx.execute(
            "INSERT INTO plan_log (node_id, from_status, to_status, comment, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                node_id,
                c.from_status.map(PlanStatus::as_str),
                c.to_status.as_str(),
                c.comment,
                c.by,
                c.at
            ],
        )?;
        Ok(())
    }

    pub fn adjustments(&self, node_id: Option<&str>) -> Result<Vec<Adjustment>> {
        adjustments(self.tx, node_id)
    }

    pub fn put_adjustment(&self, a: &Adjustment) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO plan_adjustment ({ADJUST_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, decided_by = excluded.decided_by,
                   decided_on = excluded.decided_on, decision = excluded.decision"
            ),
            params![
                a.id,
                a.node_id,
                a.month,
                a.old_target,
                a.new_target,
                a.reason,
                a.requested_on,
                a.status.as_str(),
                a.decided_by,
                a.decided_on,
                a.decision
            ],
        )?;
        Ok(())
    }

    pub fn put_work_summary(
        &self,
        person_id: &str,
        period: &str,
        text: &str,
        at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO work_summary (person_id, period, text, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (person_id, period) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            params![person_id, period, text, at],
        )?;
        Ok(())
    }
}

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

impl Store {
    pub fn decisions(&self, subject_id: Option<&str>) -> Result<Vec<DecisionRow>> {
        decisions(&self.conn, subject_id)
    }

    pub fn subject_stamp(&self, kind: DecisionKind, id: &str) -> Result<Option<String>> {
        subject_stamp(&self.conn, kind, id)
    }
}

impl Writer<'_> {
    pub fn decisions(&self, subject_id: Option<&str>) -> Result<Vec<DecisionRow>> {
        decisions(self.tx, subject_id)
    }

    pub fn subject_stamp(&self, kind: DecisionKind, id: &str) -> Result<Option<String>> {
        subject_stamp(self.tx, kind, id)
    }

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
