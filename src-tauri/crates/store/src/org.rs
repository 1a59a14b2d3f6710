//! The effective-dated organisation: units, positions, people, assignments.
//!
//! `unit` / `position` hold the identity and the state as of today (what the rest of the
//! program joins against); `unit_version` / `position_version` hold every dated version. The
//! state on a date is, per record, the version with the latest `valid_from` not after the date
//! (the highest `rev` among versions of the same date).

use std::borrow::Borrow;

use branchdesk_domain::{
    Assignment, AssignmentKind, FieldValue, Fields, Person, Position, PositionAttrs, Unit,
    UnitAttrs, Version,
};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::rows::bad;
use crate::{new_id, Error, Reader, Result, Writer};

/// Reads the record's fields from columns `at..` in [`Fields::FIELDS`] order.
fn attrs<A: Fields>(r: &Row<'_>, at: usize) -> rusqlite::Result<A> {
    let values = (0..A::FIELDS.len())
        .map(|i| {
            Ok(match r.get_ref(at + i)? {
                ValueRef::Null => FieldValue::Null,
                ValueRef::Integer(n) => FieldValue::Int(n),
                ValueRef::Text(t) => FieldValue::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Real(_) | ValueRef::Blob(_) => {
                    return Err(bad(at + i, "value of", A::FIELDS[i].name))
                }
            })
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    A::from_values(values).map_err(|f| bad(at, "value of", f))
}

/// The record's fields as SQL values, in [`Fields::FIELDS`] order.
fn values<A: Fields>(a: &A) -> Vec<Value> {
    a.values()
        .into_iter()
        .map(|v| match v {
            FieldValue::Null => Value::Null,
            FieldValue::Int(i) => Value::Integer(i),
            FieldValue::Text(s) => Value::Text(s),
        })
        .collect()
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
    records(
        conn,
        "unit",
        "unit_id",
        &UnitAttrs::columns(),
        as_of,
        |id, code, r| {
            Ok(Unit {
                id,
                code,
                attrs: attrs(r, 2)?,
            })
        },
    )
}

pub(crate) fn positions(conn: &Connection, as_of: Option<&str>) -> Result<Vec<Position>> {
    records(
        conn,
        "position",
        "position_id",
        &PositionAttrs::columns(),
        as_of,
        |id, code, r| {
            Ok(Position {
                id,
                code,
                attrs: attrs(r, 2)?,
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
            kind: AssignmentKind::parse(&kind).ok_or_else(|| bad(3, "assignment kind", &kind))?,
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
        &UnitAttrs::columns(),
        unit_id,
        attrs::<UnitAttrs>,
    )
}

fn position_versions(conn: &Connection, id: &str) -> Result<Vec<Version<PositionAttrs>>> {
    versions(
        conn,
        "position_version",
        "position_id",
        &PositionAttrs::columns(),
        id,
        attrs::<PositionAttrs>,
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

impl<C: Borrow<Connection>> Reader<C> {
    /// Units as of `date` (`YYYY-MM-DD`), or as of today with `None`. A unit that did not yet
    /// exist on the date is left out; closed ones are included with `closed` set.
    pub fn units(&self, as_of: Option<&str>) -> Result<Vec<Unit>> {
        units(self.conn(), as_of)
    }

    pub fn positions(&self, as_of: Option<&str>) -> Result<Vec<Position>> {
        positions(self.conn(), as_of)
    }

    /// Everyone, including people who left.
    pub fn people(&self) -> Result<Vec<Person>> {
        people(self.conn())
    }

    /// Every assignment, past ones included.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        assignments(self.conn())
    }

    /// Every version of a unit, oldest first, corrections included (same date, later entry).
    pub fn unit_versions(&self, unit_id: &str) -> Result<Vec<Version<UnitAttrs>>> {
        unit_versions(self.conn(), unit_id)
    }

    pub fn position_versions(&self, id: &str) -> Result<Vec<Version<PositionAttrs>>> {
        position_versions(self.conn(), id)
    }

    /// Dates on or after `from` on which some unit or position changed.
    pub fn org_change_dates(&self, from: &str) -> Result<Vec<String>> {
        change_dates(self.conn(), from)
    }

    /// Every unit as (code, id).
    pub fn all_unit_ids(&self) -> Result<Vec<(String, String)>> {
        crate::rows::collect(self.conn(), "SELECT code, id FROM unit", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// The id of the unit with this code, if any.
    pub fn unit_id_by_code(&self, code: &str) -> Result<Option<String>> {
        self.id_by_code(OrgTable::Unit, code)
    }

    /// The id of a unit, position or person with this code, if any.
    pub fn id_by_code(&self, table: OrgTable, code: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT id FROM {} WHERE code = ?1", table.name()),
                [code],
                |r| r.get(0),
            )
            .optional()?)
    }
}

impl Writer<'_> {
    /// Creates a unit that exists from `from` on.
    pub fn add_unit(&self, code: &str, a: &UnitAttrs, from: &str, at: &str) -> Result<String> {
        let id = new_id();
        self.insert("unit", &UnitAttrs::columns(), [&id, code], values(a))
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
            &UnitAttrs::columns(),
            [id, from],
            values(a),
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
        self.insert(
            "position",
            &PositionAttrs::columns(),
            [&id, code],
            values(a),
        )
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
            &PositionAttrs::columns(),
            [id, from],
            values(a),
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
                &UnitAttrs::columns(),
                only.map(|o| o.0),
            ),
            (
                "position",
                "position_version",
                "position_id",
                &PositionAttrs::columns(),
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
