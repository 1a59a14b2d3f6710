//! Read queries.

use branchdesk_domain::{Counts, Role, SiteInfo};
use rusqlite::OptionalExtension;

use crate::{Error, Result, Store};

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
            units: count("SELECT count(*) FROM unit WHERE kind <> 'department'")?,
            departments: count("SELECT count(*) FROM unit WHERE kind = 'department'")?,
            positions: count("SELECT count(*) FROM position")?,
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

    /// The id of the unit with this code, if any.
    pub fn unit_id_by_code(&self, code: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM unit WHERE code = ?1", [code], |r| r.get(0))
            .optional()?)
    }
}
