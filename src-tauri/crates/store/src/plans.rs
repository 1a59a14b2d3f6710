//! Plan nodes (the plan tree of every unit), their lifecycle log, target adjustment requests
//! and work summaries.

use std::borrow::Borrow;

use branchdesk_domain::{
    AdjustStatus, Adjustment, PlanChange, PlanLevel, PlanNode, PlanStatus, Priority,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::rows::{collect, get_enum, get_json, json};
use crate::{Reader, Result, Writer};

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

impl<C: Borrow<Connection>> Reader<C> {
    /// (id, title) of every plan node.
    pub fn plan_titles(&self) -> Result<Vec<(String, String)>> {
        collect(self.conn(), "SELECT id, title FROM plan_node", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// The latest meeting of a series held before `before` (any, when `before` is `None`).
    pub fn plan_nodes(&self, unit_id: Option<&str>) -> Result<Vec<PlanNode>> {
        plan_nodes(self.conn(), unit_id)
    }

    pub fn plan_node(&self, id: &str) -> Result<Option<PlanNode>> {
        plan_node(self.conn(), id)
    }

    pub fn plan_log(&self, node_id: &str) -> Result<Vec<PlanChange>> {
        collect(
            self.conn(),
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
        adjustments(self.conn(), node_id)
    }

    pub fn work_summary(&self, person_id: &str, period: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT text, updated_at FROM work_summary WHERE person_id = ?1 AND period = ?2",
                [person_id, period],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

impl Writer<'_> {
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
