//! Read queries.

use branchdesk_domain::{Counts, Role, SiteInfo};
use rusqlite::OptionalExtension;

use crate::{Error, Result, Store};

/// One logged change of a KPI figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueChange {
    pub old: Option<String>,
    pub new: String,
    pub by: String,
    pub at: String,
}

/// A stored scheme version.
#[derive(Debug, Clone)]
pub struct SchemeRow {
    pub id: String,
    pub version: i64,
    pub name: String,
    pub source: String,
    pub added_at: String,
}

impl Store {
    /// The identity of this database.
    pub fn site(&self) -> Result<SiteInfo> {
        self.conn
            .query_row(
                "SELECT id, name, role, group_name, created_at FROM site WHERE singleton = 1",
                [],
                |r| {
                    let role: String = r.get(2)?;
                    Ok(SiteInfo {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        role: Role::parse(&role).unwrap_or(Role::Unit),
                        group_name: r.get(3)?,
                        created_at: r.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotInitialised)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Rows per main entity.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            units: count("SELECT count(*) FROM unit WHERE kind <> 'department' AND closed = 0")?,
            departments: count(
                "SELECT count(*) FROM unit WHERE kind = 'department' AND closed = 0",
            )?,
            positions: count("SELECT count(*) FROM position WHERE closed = 0")?,
            people: count("SELECT count(*) FROM person WHERE status = 'active'")?,
            assignments: count("SELECT count(*) FROM assignment")?,
            meetings: count("SELECT count(*) FROM meeting")?,
            action_items: count("SELECT count(*) FROM action_item")?,
            kpi_values: count("SELECT count(*) FROM kpi_value")?,
        })
    }

    /// Months that have KPI figures, oldest first.
    pub fn kpi_periods(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT period FROM kpi_value ORDER BY period")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open action items, and how many of them are past due on `today` (`YYYY-MM-DD`).
    pub fn action_item_stats(&self, today: &str) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(due_on < ?1), 0) FROM action_item
             WHERE status IN ('open', 'in_progress')",
            [today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Every stored scheme version, newest version first per id.
    pub fn schemes(&self) -> Result<Vec<SchemeRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, version, name, source, added_at FROM kpi_scheme ORDER BY id, version DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SchemeRow {
                id: r.get(0)?,
                version: r.get(1)?,
                name: r.get(2)?,
                source: r.get(3)?,
                added_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every KPI figure as (unit code, period, metric, value), for scoring.
    pub fn kpi_values(&self) -> Result<Vec<(String, String, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT u.code, v.period, v.metric, v.value FROM kpi_value v JOIN unit u ON u.id = v.unit_id
             ORDER BY u.sort, u.code, v.period",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The history of one figure, newest first.
    pub fn kpi_value_history(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
    ) -> Result<Vec<ValueChange>> {
        let mut stmt = self.conn.prepare(
            "SELECT old_value, new_value, changed_by, changed_at FROM kpi_value_log
             WHERE unit_id = ?1 AND period = ?2 AND metric = ?3 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([unit_id, period, metric], |r| {
            Ok(ValueChange {
                old: r.get(0)?,
                new: r.get(1)?,
                by: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Units that are assessed (not the group, not departments): (id, code, name), in order.
    pub fn assessed_units(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, code, name FROM unit WHERE kind IN ('subsidiary', 'branch', 'office')
             AND EXISTS (SELECT 1 FROM kpi_value v WHERE v.unit_id = unit.id)
             ORDER BY sort, code",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every unit as (code, id).
    pub fn all_unit_ids(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT code, id FROM unit")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the unit with this code, if any.
    pub fn unit_id_by_code(&self, code: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM unit WHERE code = ?1", [code], |r| r.get(0))
            .optional()?)
    }
}
