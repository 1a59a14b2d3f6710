//! Writes. A [`Writer`] only exists inside [`crate::Store::write`]'s transaction.

use branchdesk_domain::{ControlMode, Ownership, PositionStatus, Role, UnitKind};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{new_id, Error, Result};

pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
}

pub struct NewUnit<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub kind: UnitKind,
    pub parent_id: Option<&'a str>,
    pub control_mode: Option<ControlMode>,
    pub ownership: Option<Ownership>,
    pub industry: Option<&'a str>,
    pub econ_assessed: bool,
    pub sort: i64,
}

pub struct NewPosition<'a> {
    pub code: &'a str,
    pub unit_id: &'a str,
    pub title: &'a str,
    pub superior_id: Option<&'a str>,
    pub description: &'a str,
    /// JSON array of strings.
    pub duties_json: &'a str,
    pub status: PositionStatus,
    pub sort: i64,
}

pub struct NewPerson<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub left_on: Option<&'a str>,
}

pub struct NewAssignment<'a> {
    pub person_id: &'a str,
    pub position_id: &'a str,
    /// `primary`, `acting` or `part_time`.
    pub kind: &'a str,
    pub start_on: &'a str,
    pub end_on: Option<&'a str>,
}

pub struct NewMeeting<'a> {
    pub unit_id: &'a str,
    pub kind: &'a str,
    pub series: Option<&'a str>,
    pub title: &'a str,
    pub held_at: &'a str,
    pub place: &'a str,
    pub chair_id: Option<&'a str>,
    pub recorder_id: Option<&'a str>,
    pub final_: bool,
}

pub struct NewActionItem<'a> {
    pub meeting_id: Option<&'a str>,
    pub title: &'a str,
    pub owner_id: Option<&'a str>,
    pub due_on: &'a str,
    /// `open`, `in_progress`, `done` or `cancelled`.
    pub status: &'a str,
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

    pub fn insert_unit(&self, u: &NewUnit<'_>) -> Result<String> {
        let id = new_id();
        self.tx
            .execute(
                "INSERT INTO unit (id, code, name, kind, parent_id, control_mode, ownership, industry, econ_assessed, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    u.code,
                    u.name,
                    u.kind.as_str(),
                    u.parent_id,
                    u.control_mode.map(|m| m.as_str()),
                    u.ownership.map(|o| o.as_str()),
                    u.industry,
                    u.econ_assessed,
                    u.sort
                ],
            )
            .map_err(Error::unique(format!("unit code {}", u.code)))?;
        Ok(id)
    }

    pub fn insert_position(&self, p: &NewPosition<'_>) -> Result<String> {
        let id = new_id();
        self.tx
            .execute(
                "INSERT INTO position (id, code, unit_id, title, superior_id, description, duties, status, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    p.code,
                    p.unit_id,
                    p.title,
                    p.superior_id,
                    p.description,
                    p.duties_json,
                    p.status.as_str(),
                    p.sort
                ],
            )
            .map_err(Error::unique(format!("position code {}", p.code)))?;
        Ok(id)
    }

    pub fn insert_person(&self, p: &NewPerson<'_>) -> Result<String> {
        let id = new_id();
        let status = if p.left_on.is_some() {
            "left"
        } else {
            "active"
        };
        self.tx
            .execute(
                "INSERT INTO person (id, code, name, phone, status, left_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, p.code, p.name, p.phone, status, p.left_on],
            )
            .map_err(Error::unique(format!("person code {}", p.code)))?;
        Ok(id)
    }

    pub fn insert_assignment(&self, a: &NewAssignment<'_>) -> Result<String> {
        let id = new_id();
        self.tx.execute(
            "INSERT INTO assignment (id, person_id, position_id, kind, start_on, end_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, a.person_id, a.position_id, a.kind, a.start_on, a.end_on],
        )?;
        Ok(id)
    }

    pub fn insert_meeting(&self, m: &NewMeeting<'_>) -> Result<String> {
        let id = new_id();
        self.tx.execute(
            "INSERT INTO meeting (id, unit_id, kind, series, title, held_at, place, chair_id, recorder_id, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                m.unit_id,
                m.kind,
                m.series,
                m.title,
                m.held_at,
                m.place,
                m.chair_id,
                m.recorder_id,
                if m.final_ { "final" } else { "draft" }
            ],
        )?;
        Ok(id)
    }

    pub fn insert_action_item(&self, a: &NewActionItem<'_>) -> Result<String> {
        let id = new_id();
        self.tx.execute(
            "INSERT INTO action_item (id, meeting_id, title, owner_id, due_on, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, a.meeting_id, a.title, a.owner_id, a.due_on, a.status],
        )?;
        Ok(id)
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
