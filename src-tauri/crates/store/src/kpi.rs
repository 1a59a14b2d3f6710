//! KPI storage: scheme files as archived versions, the monthly figures of units and the log of
//! every change to a figure.

use std::borrow::Borrow;

use rusqlite::{params, Connection, OptionalExtension};

use crate::rows::collect;
use crate::{Reader, Result, Writer};

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
    /// The site the scheme came from (`None`: this site's own).
    pub owner: Option<String>,
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Months that have KPI figures, oldest first.
    pub fn kpi_periods(&self) -> Result<Vec<String>> {
        collect(
            self.conn(),
            "SELECT DISTINCT period FROM kpi_value ORDER BY period",
            [],
            |r| r.get(0),
        )
    }

    /// Every stored scheme version, newest version first per id.
    pub fn schemes(&self) -> Result<Vec<SchemeRow>> {
        collect(
            self.conn(),
            "SELECT s.id, s.version, s.name, s.source, s.added_at, o.site FROM kpi_scheme s
             LEFT JOIN sync_owner o ON o.tbl = 'kpi_scheme' AND o.key = json_array(s.id, s.version)
             ORDER BY o.site IS NOT NULL, s.id, s.version DESC",
            [],
            |r| {
                Ok(SchemeRow {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    name: r.get(2)?,
                    source: r.get(3)?,
                    added_at: r.get(4)?,
                    owner: r.get(5)?,
                })
            },
        )
    }

    /// Every KPI figure as (unit code, period, metric, value), for scoring.
    pub fn kpi_values(&self) -> Result<Vec<(String, String, String, String)>> {
        collect(
            self.conn(),
            "SELECT u.code, v.period, v.metric, v.value FROM kpi_value v JOIN unit u ON u.id = v.unit_id
             ORDER BY u.sort, u.code, v.period",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
    }

    /// Who last changed each figure of `period` that has a history, with its value now:
    /// (unit id, metric) → (the audit label, the value).
    pub fn kpi_authors(
        &self,
        period: &str,
    ) -> Result<std::collections::HashMap<(String, String), (String, String)>> {
        Ok(collect(
            self.conn(),
            "SELECT l.unit_id, l.metric, l.changed_by, v.value FROM kpi_value_log l
               JOIN kpi_value v ON v.unit_id = l.unit_id AND v.period = l.period AND v.metric = l.metric
             WHERE l.period = ?1
               AND l.id = (SELECT max(id) FROM kpi_value_log m
                           WHERE m.unit_id = l.unit_id AND m.period = l.period AND m.metric = l.metric)",
            [period],
            |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))),
        )?
        .into_iter()
        .collect())
    }

    /// The history of one figure, newest first.
    pub fn kpi_value_history(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
    ) -> Result<Vec<ValueChange>> {
        collect(
            self.conn(),
            "SELECT old_value, new_value, changed_by, changed_at FROM kpi_value_log
             WHERE unit_id = ?1 AND period = ?2 AND metric = ?3 ORDER BY id DESC",
            [unit_id, period, metric],
            |r| {
                Ok(ValueChange {
                    old: r.get(0)?,
                    new: r.get(1)?,
                    by: r.get(2)?,
                    at: r.get(3)?,
                })
            },
        )
    }

    /// Units that are assessed (not the group, not departments): (id, code, name), in order.
    pub fn assessed_units(&self) -> Result<Vec<(String, String, String)>> {
        collect(
            self.conn(),
            "SELECT id, code, name FROM unit WHERE kind IN ('subsidiary', 'branch', 'office')
             AND EXISTS (SELECT 1 FROM kpi_value v WHERE v.unit_id = unit.id)
             ORDER BY sort, code",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Whether the unit has any KPI figure (is assessed).
    pub fn has_kpi_values(&self, unit_id: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM kpi_value WHERE unit_id = ?1)",
            [unit_id],
            |r| r.get(0),
        )?)
    }

    /// A metric's monthly figures for a unit over `months`: (month, value) where there is one.
    pub fn kpi_metric_values(
        &self,
        unit_id: &str,
        metric: &str,
        months: &[String],
    ) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut stmt = self.conn().prepare_cached(
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

impl Writer<'_> {
    /// Sets one monthly KPI figure, replacing an earlier value for the same cell.
    pub fn put_kpi_value(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
        value: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO kpi_value (unit_id, period, metric, value) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (unit_id, period, metric) DO UPDATE SET value = excluded.value",
            params![unit_id, period, metric, value],
        )?;
        Ok(())
    }

    /// Sets one figure and logs who changed it from what. Returns false (and logs nothing)
    /// when the value is unchanged.
    pub fn record_kpi_value(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
        value: &str,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let old: Option<String> = self
            .tx
            .query_row(
                "SELECT value FROM kpi_value WHERE unit_id = ?1 AND period = ?2 AND metric = ?3",
                params![unit_id, period, metric],
                |r| r.get(0),
            )
            .optional()?;
        if old.as_deref() == Some(value) {
            return Ok(false);
        }
        self.put_kpi_value(unit_id, period, metric, value)?;
        self.tx.execute(
            "INSERT INTO kpi_value_log (unit_id, period, metric, old_value, new_value, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![unit_id, period, metric, old, value, by, at],
        )?;
        Ok(true)
    }

    /// Archives a scheme file as the next version of its id; returns that version.
    pub fn add_scheme(&self, id: &str, name: &str, source: &str, at: &str) -> Result<i64> {
        let version: i64 = self.tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM kpi_scheme WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO kpi_scheme (id, version, name, source, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, version, name, source, at],
        )?;
        Ok(version)
    }
}
