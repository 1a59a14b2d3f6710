//! Writes. A [`Writer`] only exists inside [`crate::Store::write`]'s transaction.

use branchdesk_domain::Role;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::Result;

pub struct Writer<'a> {
    pub(crate) tx: &'a Transaction<'a>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(tx: &'a Transaction<'a>) -> Self {
        Writer { tx }
    }

    pub fn set_site(
        &self,
        id: &str,
        name: &str,
        role: Role,
        group_name: &str,
        created_at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO site (singleton, id, name, role, group_name, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, group_name = excluded.group_name",
            params![id, name, role.as_str(), group_name, created_at],
        )?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

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
