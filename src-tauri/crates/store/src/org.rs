//! The effective-dated organisation: units, positions, people, assignments.
//!
//! `unit` / `position` hold the identity and the state as of today (what the rest of the
//! program joins against); `unit_version` / `position_version` hold every dated version. The
//! state on a date is, per record, the version with the latest `valid_from` not after the date
//! (the highest `rev` among versions of the same date).

use branchdesk_domain::{
    Assignment, AssignmentKind, ControlMode, Ownership, Person, Position, PositionAttrs,
    PositionStatus, Unit, UnitAttrs, UnitKind, Version,
};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::{new_id, Error, Result, Store, Writer};

const UNIT_COLS: &str =
    "name, kind, parent_id, control_mode, ownership, industry, econ_assessed, sort, closed";
const POSITION_COLS: &str =
    "unit_id, title, superior_id, description, duties, status, sort, closed";

fn bad(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnName(format!("{what} {value}"))
}

/// Reads `UnitAttrs` from columns `at..at + 9` in [`UNIT_COLS`] order.
fn unit_attrs(r: &Row<'_>, at: usize) -> rusqlite::Result<UnitAttrs> {
    let kind: String = r.get(at + 1)?;
    let mode: Option<String> = r.get(at + 3)?;
    let own: Option<String> = r.get(at + 4)?;
    Ok(UnitAttrs {
        name: r.get(at)?,
        kind: UnitKind::parse(&kind).ok_or_else(|| bad("unit kind", &kind))?,
        parent_id: r.get(at + 2)?,
        control_mode: mode
            .map(|m| ControlMode::parse(&m).ok_or_else(|| bad("control mode", &m)))
            .transpose()?,
        ownership: own
            .map(|o| Ownership::parse(&o).ok_or_else(|| bad("ownership", &o)))
            .transpose()?,
        industry: r.get::<_, Option<String>>(at + 5)?.unwrap_or_default(),
        econ_assessed: r.get(at + 6)?,
        sort: r.get(at + 7)?,
        closed: r.get(at + 8)?,
    })
}

fn position_attrs(r: &Row<'_>, at: usize) -> rusqlite::Result<PositionAttrs> {
    let duties: String = r.get(at + 4)?;
    let status: String = r.get(at + 5)?;
    Ok(PositionAttrs {
        unit_id: r.get(at)?,
        title: r.get(at + 1)?,
        superior_id: r.get(at + 2)?,
        description: r.get(at + 3)?,
        duties: serde_json::from_str(&duties).map_err(|_| bad("duties", &duties))?,
        status: PositionStatus::parse(&status).ok_or_else(|| bad("position status", &status))?,
        sort: r.get(at + 6)?,
        closed: r.get(at + 7)?,
    })
}

fn duties_json(duties: &[String]) -> String {
    serde_json::to_string(duties).unwrap_or_else(|_| "[]".into())
}

/// `UnitAttrs` as SQL values, in [`UNIT_COLS`] order.
fn unit_values(a: &UnitAttrs) -> Vec<Value> {
    vec![
        Value::from(a.name.clone()),
        Value::from(a.kind.as_str().to_string()),
        Value::from(a.parent_id.clone()),
        Value::from(a.control_mode.map(|m| m.as_str().to_string())),
        Value::from(a.ownership.map(|o| o.as_str().to_string())),
        Value::from(a.industry.clone()),
        Value::from(a.econ_assessed),
        Value::from(a.sort),
        Value::from(a.closed),
    ]
}

/// `PositionAttrs` as SQL values, in [`POSITION_COLS`] order.
fn position_values(a: &PositionAttrs) -> Vec<Value> {
    vec![
        Value::from(a.unit_id.clone()),
        Value::from(a.title.clone()),
        Value::from(a.superior_id.clone()),
        Value::from(a.description.clone()),
        Value::from(duties_json(&a.duties)),
        Value::from(a.status.as_str().to_string()),
        Value::from(a.sort),
        Value::from(a.closed),
    ]
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The records of `base` (`unit` or `position`) with their state as of `as_of`, or as of today
/// (the base table itself) with `None`. Records that did not exist yet on the date are left out.
fn records<T>(
    conn: &Connection,
    base: &str,
    key: &str,
    cols: &str,
    as_of: Option<&str>,
    make: impl Fn(String, String, &Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let map = |r: &Row<'_>| make(r.get(0)?, r.get(1)?, r);
    let rows = match as_of {
        None => {
            let mut stmt = conn.prepare(&format!(
                "SELECT id, code, {cols} FROM {base} ORDER BY sort, code"
            ))?;
            let rows = stmt.query_map([], map)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        }
        Some(date) => {
            // Per record, the `rev` of the version in force on the date.
            let versioned: Vec<String> = cols.split(", ").map(|c| format!("v.{c}")).collect();
            let mut stmt = conn.prepare(&format!(
                "SELECT x.id, x.code, {vcols} FROM (
                     SELECT id, code, (SELECT rev FROM {base}_version v WHERE v.{key} = b.id AND v.valid_from <= ?1
                                       ORDER BY v.valid_from DESC, v.rev DESC LIMIT 1) AS rev
                     FROM {base} b) x
                 JOIN {base}_version v ON v.rev = x.rev
                 ORDER BY v.sort, x.code",
                vcols = versioned.join(", ")
            ))?;
            let rows = stmt.query_map([date], map)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(rows)
}

pub(crate) fn units(conn: &Connection, as_of: Option<&str>) -> Result<Vec<Unit>> {
    records(conn, "unit", "unit_id", UNIT_COLS, as_of, |id, code, r| {
        Ok(Unit {
            id,
            code,
            attrs: unit_attrs(r, 2)?,
        })
    })
}

pub(crate) fn positions(conn: &Connection, as_of: Option<&str>) -> Result<Vec<Position>> {
    records(
        conn,
        "position",
        "position_id",
        POSITION_COLS,
        as_of,
        |id, code, r| {
            Ok(Position {
                id,
                code,
                attrs: position_attrs(r, 2)?,
            })
        },
    )
}

pub(crate) fn people(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn
        .prepare("SELECT id, code, name, coalesce(phone, ''), left_on FROM person ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(Person {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            phone: r.get(3)?,
            left_on: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn assignments(conn: &Connection) -> Result<Vec<Assignment>> {
    let mut stmt = conn.prepare(
        "SELECT id, person_id, position_id, kind, start_on, end_on FROM assignment
         ORDER BY start_on, rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(3)?;
        Ok(Assignment {
            id: r.get(0)?,
            person_id: r.get(1)?,
            position_id: r.get(2)?,
            kind: AssignmentKind::parse(&kind).ok_or_else(|| bad("assignment kind", &kind))?,
            start_on: r.get(4)?,
            end_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every version of one record of `table`, oldest first.
fn versions<A>(
    conn: &Connection,
    table: &str,
    key: &str,
    cols: &str,
    id: &str,
    attrs: fn(&Row<'_>, usize) -> rusqlite::Result<A>,
) -> Result<Vec<Version<A>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT valid_from, recorded_at, note, {cols} FROM {table} WHERE {key} = ?1 ORDER BY valid_from, rev"
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok(Version {
            valid_from: r.get(0)?,
            recorded_at: r.get(1)?,
            note: r.get(2)?,
            attrs: attrs(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn unit_versions(conn: &Connection, unit_id: &str) -> Result<Vec<Version<UnitAttrs>>> {
    versions(
        conn,
        "unit_version",
        "unit_id",
        UNIT_COLS,
        unit_id,
        unit_attrs,
    )
}

fn position_versions(conn: &Connection, id: &str) -> Result<Vec<Version<PositionAttrs>>> {
    versions(
        conn,
        "position_version",
        "position_id",
        POSITION_COLS,
        id,
        position_attrs,
    )
}

/// The versions in force, one per date, oldest first (a later `rev` of the same date replaces
/// an earlier one).
fn effective<A>(versions: Vec<Version<A>>) -> Vec<Version<A>> {
    let mut out: Vec<Version<A>> = Vec::with_capacity(versions.len());
    for v in versions {
        match out.last_mut() {
            Some(last) if last.valid_from == v.valid_from => *last = v,
            _ => out.push(v),
        }
    }
    out
}

fn change_dates(conn: &Connection, from: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT valid_from FROM unit_version WHERE valid_from >= ?1
         UNION SELECT valid_from FROM position_version WHERE valid_from >= ?1
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([from], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Units as of `date` (`YYYY-MM-DD`), or as of today with `None`. A unit that did not yet
    /// exist on the date is left out; closed ones are included with `closed` set.
    pub fn units(&self, as_of: Option<&str>) -> Result<Vec<Unit>> {
        units(&self.conn, as_of)
    }

    pub fn positions(&self, as_of: Option<&str>) -> Result<Vec<Position>> {
        positions(&self.conn, as_of)
    }

    /// Everyone, including people who left.
    pub fn people(&self) -> Result<Vec<Person>> {
        people(&self.conn)
    }

    /// Every assignment, past ones included.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        assignments(&self.conn)
    }

    /// Every version of a unit, oldest first, corrections included (same date, later entry).
    pub fn unit_versions(&self, unit_id: &str) -> Result<Vec<Version<UnitAttrs>>> {
        unit_versions(&self.conn, unit_id)
    }

    pub fn position_versions(&self, id: &str) -> Result<Vec<Version<PositionAttrs>>> {
        position_versions(&self.conn, id)
    }

    /// Dates on or after `from` on which some unit or position changed.
    pub fn org_change_dates(&self, from: &str) -> Result<Vec<String>> {
        change_dates(&self.conn, from)
    }
}

impl Writer<'_> {
    pub fn units(&self, as_of: Option<&str>) -> Result<Vec<Unit>> {
        units(self.tx, as_of)
    }

    pub fn positions(&self, as_of: Option<&str>) -> Result<Vec<Position>> {
        positions(self.tx, as_of)
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        people(self.tx)
    }

    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        assignments(self.tx)
    }

    pub fn org_change_dates(&self, from: &str) -> Result<Vec<String>> {
        change_dates(self.tx, from)
    }

    /// Creates a unit that exists from `from` on.
    pub fn add_unit(&self, code: &str, a: &UnitAttrs, from: &str, at: &str) -> Result<String> {
        let id = new_id();
        self.insert("unit", UNIT_COLS, [&id, code], unit_values(a))
            .map_err(Error::unique(format!("unit code {code}")))?;
        self.put_unit_version(&id, from, a, at, "")?;
        Ok(id)
    }

    fn put_unit_version(
        &self,
        id: &str,
        from: &str,
        a: &UnitAttrs,
        at: &str,
        note: &str,
    ) -> Result<()> {
        self.put_version(
            "unit_version",
            "unit_id",
            UNIT_COLS,
            [id, from],
            unit_values(a),
            [at, note],
        )
    }

    /// Changes a unit from `from` on. Later versions take the change too, except in the fields
    /// they changed themselves. Returns false if nothing differs.
    pub fn change_unit(
        &self,
        id: &str,
        after: &UnitAttrs,
        from: &str,
        at: &str,
        note: &str,
    ) -> Result<bool> {
        let versions = effective(unit_versions(self.tx, id)?);
        self.change(versions, after, from, "unit", id, |d, a| {
            self.put_unit_version(id, d, a, at, note)
        })
    }

    pub fn add_position(
        &self,
        code: &str,
        a: &PositionAttrs,
        from: &str,
        at: &str,
    ) -> Result<String> {
        let id = new_id();
        self.insert("position", POSITION_COLS, [&id, code], position_values(a))
            .map_err(Error::unique(format!("position code {code}")))?;
        self.put_position_version(&id, from, a, at, "")?;
        Ok(id)
    }

    fn put_position_version(
        &self,
        id: &str,
        from: &str,
        a: &PositionAttrs,
        at: &str,
        note: &str,
    ) -> Result<()> {
        self.put_version(
            "position_version",
            "position_id",
            POSITION_COLS,
            [id, from],
            position_values(a),
            [at, note],
        )
    }

    /// `INSERT INTO table (id, code, cols…)`.
    fn insert(
        &self,
        table: &str,
        cols: &str,
        key: [&str; 2],
        values: Vec<Value>,
    ) -> rusqlite::Result<usize> {
        let all: Vec<Value> = key
            .iter()
            .map(|k| Value::from(k.to_string()))
            .chain(values)
            .collect();
        self.tx.execute(
            &format!(
                "INSERT INTO {table} (id, code, {cols}) VALUES ({})",
                placeholders(all.len())
            ),
            params_from_iter(all),
        )
    }

    /// `INSERT INTO table_version (record, valid_from, cols…, recorded_at, note)`.
    fn put_version(
        &self,
        table: &str,
        key: &str,
        cols: &str,
        head: [&str; 2],
        values: Vec<Value>,
        tail: [&str; 2],
    ) -> Result<()> {
        let text = |v: [&str; 2]| v.map(|s| Value::from(s.to_string()));
        let all: Vec<Value> = text(head)
            .into_iter()
            .chain(values)
            .chain(text(tail))
            .collect();
        self.tx.execute(
            &format!(
                "INSERT INTO {table} ({key}, valid_from, {cols}, recorded_at, note) VALUES ({})",
                placeholders(all.len())
            ),
            params_from_iter(all),
        )?;
        Ok(())
    }

    pub fn change_position(
        &self,
        id: &str,
        after: &PositionAttrs,
        from: &str,
        at: &str,
        note: &str,
    ) -> Result<bool> {
        let versions = effective(position_versions(self.tx, id)?);
        self.change(versions, after, from, "position", id, |d, a| {
            self.put_position_version(id, d, a, at, note)
        })
    }

    fn change<A: Clone + PartialEq + Carry>(
        &self,
        versions: Vec<Version<A>>,
        after: &A,
        from: &str,
        what: &str,
        id: &str,
        put: impl Fn(&str, &A) -> Result<()>,
    ) -> Result<bool> {
        let Some(before) = versions
            .iter()
            .rev()
            .find(|v| v.valid_from.as_str() <= from)
        else {
            return Err(Error::NotFound(format!("{what} {id} on {from}")));
        };
        if &before.attrs == after {
            return Ok(false);
        }
        let before = before.attrs.clone();
        put(from, after)?;
        for later in versions.iter().filter(|v| v.valid_from.as_str() > from) {
            let carried = later.attrs.carry_change(&before, after);
            if carried != later.attrs {
                put(&later.valid_from, &carried)?;
            }
        }
        Ok(true)
    }

    pub fn add_person(
        &self,
        code: &str,
        name: &str,
        phone: &str,
        left_on: Option<&str>,
    ) -> Result<String> {
        let id = new_id();
        self.tx
            .execute(
                "INSERT INTO person (id, code, name, phone, status, left_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, code, name, phone, if left_on.is_some() { "left" } else { "active" }, left_on],
            )
            .map_err(Error::unique(format!("person code {code}")))?;
        Ok(id)
    }

    /// Updates a person's name, phone and leaving date. Returns false if nothing differs.
    pub fn update_person(&self, p: &Person) -> Result<bool> {
        let n = self.tx.execute(
            "UPDATE person SET name = ?2, phone = ?3, left_on = ?4, status = ?5
             WHERE id = ?1 AND (name IS NOT ?2 OR coalesce(phone, '') IS NOT ?3 OR left_on IS NOT ?4)",
            params![
                p.id,
                p.name,
                p.phone,
                p.left_on,
                if p.left_on.is_some() { "left" } else { "active" }
            ],
        )?;
        Ok(n > 0)
    }

    pub fn add_assignment(
        &self,
        person_id: &str,
        position_id: &str,
        kind: AssignmentKind,
        start_on: &str,
        end_on: Option<&str>,
    ) -> Result<String> {
        let id = new_id();
        self.tx.execute(
            "INSERT INTO assignment (id, person_id, position_id, kind, start_on, end_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, person_id, position_id, kind.as_str(), start_on, end_on],
        )?;
        Ok(id)
    }

    /// Sets the last day of an assignment. Returns false if it already was that.
    pub fn end_assignment(&self, id: &str, end_on: Option<&str>) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE assignment SET end_on = ?2 WHERE id = ?1 AND end_on IS NOT ?2",
            params![id, end_on],
        )? > 0)
    }

    /// Brings the `unit` and `position` tables to the state as of `today`.
    pub fn refresh_org(&self, today: &str) -> Result<()> {
        self.refresh(today, None)
    }

    /// [`Writer::refresh_org`] for these units and positions only (what a bundle touched).
    pub fn refresh_org_of(
        &self,
        today: &str,
        units: &[String],
        positions: &[String],
    ) -> Result<()> {
        self.refresh(today, Some((units, positions)))
    }

    fn refresh(&self, today: &str, only: Option<(&[String], &[String])>) -> Result<()> {
        // Derived columns: neither a change to send nor an edit of another site's record.
        let prev = self.sync_mode(2)?;
        for (table, versions, key, cols, ids) in [
            (
                "unit",
                "unit_version",
                "unit_id",
                UNIT_COLS,
                only.map(|o| o.0),
            ),
            (
                "position",
                "position_version",
                "position_id",
                POSITION_COLS,
                only.map(|o| o.1),
            ),
        ] {
            let sql = format!(
                "UPDATE {table} SET ({cols}) = (
                    SELECT {cols} FROM {versions} v WHERE v.{key} = {table}.id AND v.valid_from <= ?1
                    ORDER BY v.valid_from DESC, v.rev DESC LIMIT 1)
                 WHERE EXISTS (SELECT 1 FROM {versions} v WHERE v.{key} = {table}.id AND v.valid_from <= ?1)"
            );
            match ids {
                None => {
                    self.tx.execute(&sql, [today])?;
                }
                Some(ids) => {
                    let mut one = self.tx.prepare_cached(&format!("{sql} AND id = ?2"))?;
                    for id in ids {
                        one.execute(params![today, id])?;
                    }
                }
            }
        }
        self.sync_mode(prev)?;
        Ok(())
    }

    /// The id of a unit, position or person with this code, if any.
    pub fn id_by_code(&self, table: OrgTable, code: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                &format!("SELECT id FROM {} WHERE code = ?1", table.name()),
                [code],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// The tables that have codes.
#[derive(Debug, Clone, Copy)]
pub enum OrgTable {
    Unit,
    Position,
    Person,
}

impl OrgTable {
    fn name(self) -> &'static str {
        match self {
            OrgTable::Unit => "unit",
            OrgTable::Position => "position",
            OrgTable::Person => "person",
        }
    }
}

trait Carry {
    fn carry_change(&self, before: &Self, after: &Self) -> Self;
}
impl Carry for UnitAttrs {
    fn carry_change(&self, before: &Self, after: &Self) -> Self {
        self.carry(before, after)
    }
}
impl Carry for PositionAttrs {
    fn carry_change(&self, before: &Self, after: &Self) -> Self {
        self.carry(before, after)
    }
}
