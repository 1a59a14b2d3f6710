//! Another site's rows into this database. Every row is authorised against [`super::RULES`]
//! first: the sender writes and deletes only its own records, only for units it speaks for;
//! one refused row refuses the bundle. Shared codes of units, positions and people become
//! aliases of this site's record; a code another site holds is a collision, refused by name.
//! Names that are local to a site (a document category's code, a scheme's id) are stored as
//! `name@site`, so two sites' "company" categories never meet. Every reference written must
//! lead somewhere.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap, HashSet};

use branchdesk_domain::{PlanLevel, PlanStatus, Role};
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::rules::{rule_of, words, Check, Rule};
use super::tables::{columns, spec, SyncTable, ID, TABLES};
use super::{Payload, TableRows};
use crate::{Error, Reader, Result, Writer};

/// Who sent the bundle being applied, as this site registered them.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    pub site: &'a str,
    pub name: &'a str,
    pub role: Role,
    /// The unit code a unit joined as (at headquarters).
    pub unit_code: Option<&'a str>,
    /// The first bundle applied from this sender: it brings what was decided before it joined.
    pub first: bool,
    /// When the bundle is applied (for the records this site makes of it).
    pub at: &'a str,
}

/// A record refused on import: which, by which rule, and why in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `sync.forbidden` (a rule) or `sync.collision` (a code another record holds).
    pub code: &'static str,
    pub table: String,
    pub record: String,
    /// The rule's name, e.g. `unit_version.unit_id`.
    pub rule: String,
    pub zh: String,
    pub en: String,
}

/// What applying a bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// Per table: records written, deleted, kept (unused: another site's records are refused),
    /// aliased (a shared record this site holds under the same code).
    pub tables: BTreeMap<String, TableCount>,
    /// Ids of records written or deleted, per table (for re-indexing).
    #[serde(skip)]
    pub written: HashMap<&'static str, Vec<String>>,
    #[serde(skip)]
    pub deleted: HashMap<&'static str, Vec<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TableCount {
    pub written: i64,
    pub deleted: i64,
    pub kept: i64,
    pub aliased: i64,
}

impl ApplyReport {
    pub fn written_total(&self) -> i64 {
        self.tables.values().map(|c| c.written + c.deleted).sum()
    }
}

fn to_sql(v: &Value) -> Result<Sql> {
    Ok(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Sql::Text(s.clone()),
        // Bytes, as the export writes them: {"hex": "…"}.
        Value::Object(o) if o.len() == 1 => match o.get("hex").and_then(Value::as_str) {
            Some(hex) => Sql::Blob(
                unhex(hex)
                    .ok_or_else(|| Error::SyncPayload("bytes that are not hexadecimal".into()))?,
            ),
            None => {
                return Err(Error::SyncPayload(
                    "a value that is not text or a number".into(),
                ))
            }
        },
        _ => {
            return Err(Error::SyncPayload(
                "a value that is not text or a number".into(),
            ))
        }
    })
}

fn unhex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes()
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
        .collect()
}

fn text(v: &Sql) -> Option<&str> {
    match v {
        Sql::Text(s) => Some(s),
        _ => None,
    }
}

/// A text of the bundle holds a control or text-direction character.
fn bad_text(t: &SyncTable, col: &str, c: char) -> Error {
    let cp = branchdesk_domain::text::code_point(c);
    Error::Refused(Box::new(Refusal {
        code: "sync.payload",
        table: t.name.to_string(),
        record: format!("{}（{}.{col}）", t.label.0, t.name),
        rule: format!("{}.{col}.text", t.name),
        zh: format!("文字中含有不可见的控制字符或文字方向控制符 {cp}"),
        en: format!("its text holds an invisible control or text-direction character {cp}"),
    }))
}

/// How a site-local name of `site` is stored here.
pub fn site_local(name: &str, site: &str) -> String {
    format!("{name}@{site}")
}

impl Writer<'_> {
    /// Sets what the capture and guard triggers see (0 live, 1 applying, 2 derived columns);
    /// returns the previous mode.
    pub(crate) fn sync_mode(&self, mode: i64) -> Result<i64> {
        let old: i64 = self
            .tx
            .query_row("SELECT applying FROM sync_state", [], |r| r.get(0))?;
        self.tx
            .execute("UPDATE sync_state SET applying = ?1", [mode])?;
        Ok(old)
    }

    /// Applies the sender's rows after authorising each. Runs inside the caller's transaction,
    /// so a refusal or a failure anywhere leaves nothing behind.
    pub fn sync_apply(&self, from: &Sender<'_>, payload: &Payload) -> Result<ApplyReport> {
        let prev = self.sync_mode(1)?;
        let out = Apply::new(self.tx, from).and_then(|mut a| a.run(payload));
        self.sync_mode(prev)?;
        out
    }
}

/// A check to make once every row is written (a reference may point at a row later in the
/// bundle): the check, the table and record it came from, the value it is about.
struct Pending {
    check: Check,
    table: &'static str,
    record: String,
    value: String,
    /// For a parent check: the unit whose parent `value` is.
    unit: Option<String>,
}

struct Apply<'a> {
    tx: &'a Connection,
    from: Sender<'a>,
    /// (table, the sender's id) -> our id: shared records this site holds under the same code.
    alias: HashMap<(String, String), String>,
    /// Our ids that the sender's records are aliases of, per table.
    shared: HashSet<(String, String)>,
    /// Unit codes headquarters keeps for other units.
    reserved: HashSet<String>,
    owners: HashMap<(&'static str, String), Option<String>>,
    speaks: HashMap<String, bool>,
}

impl<'a> Apply<'a> {
    fn new(tx: &'a Connection, from: &Sender<'a>) -> Result<Apply<'a>> {
        let mut alias = HashMap::new();
        let mut shared = HashSet::new();
        {
            let mut stmt =
                tx.prepare_cached("SELECT tbl, from_id, to_id FROM sync_alias WHERE site = ?1")?;
            for r in stmt.query_map([from.site], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                let (t, f, to): (String, String, String) = r?;
                shared.insert((t.clone(), to.clone()));
                alias.insert((t, f), to);
            }
        }
        let mut reserved = HashSet::new();
        if from.role == Role::Unit {
            let mut stmt = tx.prepare_cached(
                "SELECT unit_code FROM sync_enrolment
                 UNION SELECT unit_code FROM sync_peer WHERE unit_code IS NOT NULL AND site_id <> ?1",
            )?;
            for c in stmt.query_map([from.site], |r| r.get::<_, String>(0))? {
                reserved.insert(c?);
            }
            if let Some(own) = from.unit_code {
                reserved.remove(own);
            }
        }
        Ok(Apply {
            tx,
            from: *from,
            alias,
            shared,
            reserved,
            owners: HashMap::new(),
            speaks: HashMap::new(),
        })
    }

    fn refuse(&self, check: Option<Check>, table: &str, record: &str) -> Error {
        let (zh, en) = words(check);
        let rule = match check {
            Some(c) => c.name(table),
            None => format!("{table}.owner"),
        };
        Error::Refused(Box::new(Refusal {
            code: "sync.forbidden",
            table: table.to_string(),
            record: record.to_string(),
            rule,
            zh: zh.to_string(),
            en: en.to_string(),
        }))
    }

    /// The site that owns a record of `table` keyed by `id` (`None`: this site).
    fn owner(&mut self, table: &'static str, id: &str) -> Result<Option<String>> {
        if let Some(o) = self.owners.get(&(table, id.to_string())) {
            return Ok(o.clone());
        }
        let o = owner_site(self.tx, table, id)?;
        self.owners.insert((table, id.to_string()), o.clone());
        Ok(o)
    }

    fn is_senders(&mut self, table: &'static str, id: &str) -> Result<bool> {
        Ok(self.owner(table, id)?.as_deref() == Some(self.from.site))
    }

    fn unit_code(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT code FROM unit WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Whether the sender speaks for the unit `id` (see the rules' module comment).
    fn speaks_for(&mut self, id: &str) -> Result<bool> {
        if let Some(b) = self.speaks.get(id) {
            return Ok(*b);
        }
        let owner = self.owner("unit", id)?;
        let yes = if owner.as_deref() == Some(self.from.site) {
            true
        } else if owner.is_some() {
            false
        } else {
            match self.from.role {
                Role::Hq => self.shared.contains(&("unit".to_string(), id.to_string())),
                Role::Unit => {
                    self.from.unit_code.is_some()
                        && self.unit_code(id)?.as_deref() == self.from.unit_code
                }
            }
        };
        self.speaks.insert(id.to_string(), yes);
        Ok(yes)
    }

    /// Whether `unit` with parent `parent` is the sender's to place there.
    fn parent_ok(&mut self, unit: &str, parent: Option<&str>) -> Result<bool> {
        let Some(parent) = parent else {
            return Ok(self.from.role == Role::Hq);
        };
        let joined_as = self.from.role == Role::Unit
            && self.from.unit_code.is_some()
            && self.unit_code(unit)?.as_deref() == self.from.unit_code;
        let placed = if joined_as {
            self.owner("unit", parent)?.is_none()
        } else {
            self.speaks_for(parent)?
        };
        if !placed {
            return Ok(false);
        }
        // No unit is its own ancestor.
        let mut up = Some(parent.to_string());
        let mut steps = 0;
        let mut stmt = self
            .tx
            .prepare_cached("SELECT parent_id FROM unit WHERE id = ?1")?;
        while let Some(p) = up {
            if p == unit || steps > 100_000 {
                return Ok(false);
            }
            steps += 1;
            up = stmt
                .query_row([&p], |r| r.get::<_, Option<String>>(0))
                .optional()?
                .flatten();
        }
        Ok(true)
    }

    /// Whether headquarters' approval of plan `id` is on record here.
    fn hq_approved(&self, id: &str) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT 1 FROM hq_decision d WHERE d.kind = 'plan' AND d.subject_id = ?1 AND d.verdict = 'approve'
                 AND NOT EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'hq_decision' AND o.key = json_array(d.id))",
            )?
            .exists([id])?)
    }

    fn plan_ok(&mut self, vals: &[Sql], cols: &[String], old: Option<&str>) -> Result<bool> {
        let get = |c: &str| {
            cols.iter()
                .position(|x| x == c)
                .and_then(|i| text(&vals[i]))
                .map(str::to_string)
        };
        let (Some(unit), Some(status), Some(level), Some(id)) =
            (get("unit_id"), get("status"), get("level"), get("id"))
        else {
            return Ok(false);
        };
        let (Some(status), Some(level)) = (PlanStatus::parse(&status), PlanLevel::parse(&level))
        else {
            return Ok(false);
        };
        let old = old.and_then(PlanStatus::parse);
        if !self.speaks_for(&unit)? {
            // Headquarters issues targets to the recipient's units; nothing else of theirs.
            return Ok(self.from.role == Role::Hq
                && status == PlanStatus::Issued
                && old.is_none_or(|o| o == PlanStatus::Issued));
        }
        if self.from.role == Role::Hq {
            return Ok(true);
        }
        let approved = self.from.first || self.hq_approved(&id)?;
        Ok(status.reachable_by_unit(old, level, approved))
    }

    fn run(&mut self, payload: &Payload) -> Result<ApplyReport> {
        let tx = self.tx;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut report = ApplyReport::default();
        let plan = self.plan(payload)?;
        self.codes(&plan)?;

        let mut refs: Vec<(String, String, Sql, &'static str)> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        let mut seen_checks: HashSet<(String, String, Option<String>)> = HashSet::new();
        for (t, rule, rows) in &plan {
            let count = report.tables.entry(t.name.to_string()).or_default();
            let mut w = Table::new(tx, t, rows, self.from.site)?;
            for r in &rows.put {
                if let Some(id) = w.id_idx.and_then(|i| r[i].as_str()) {
                    if t.code
                        && self
                            .alias
                            .contains_key(&(t.name.to_string(), id.to_string()))
                    {
                        count.aliased += 1;
                        continue;
                    }
                }
                if let (Some(si), Some(col)) = (w.subject, t.subject) {
                    let parent = col.trim_end_matches("_id");
                    if let Some(s) = r[si].as_str() {
                        if self
                            .alias
                            .contains_key(&(parent.to_string(), s.to_string()))
                        {
                            count.aliased += 1;
                            continue;
                        }
                    }
                }
                for (i, v) in r.iter().enumerate() {
                    if let Some(s) = v.as_str() {
                        let bad = branchdesk_domain::text::first_forbidden(s)
                            .map(|(_, c)| c)
                            .or_else(|| branchdesk_domain::text::first_forbidden_escape(s));
                        if let Some(c) = bad {
                            return Err(bad_text(t, &rows.cols[i], c));
                        }
                    }
                }
                let vals: Vec<Sql> = r
                    .iter()
                    .enumerate()
                    .map(|(i, v)| to_sql(&w.remap(i, v, &self.alias)))
                    .collect::<Result<_>>()?;
                let key: Vec<Sql> = w.key_idx.iter().map(|&i| vals[i].clone()).collect();
                let desc = w.describe(&vals);
                let record = || desc.clone();
                let who: Option<String> = w.owner_of(&key)?;
                let old_status = match who.as_deref() {
                    Some(s) if s == self.from.site => w.status_of(&key)?,
                    Some(_) => return Err(self.refuse(None, t.name, &record())),
                    None => {
                        if w.exists(&key)? {
                            return Err(self.refuse(None, t.name, &record()));
                        }
                        None
                    }
                };
                for check in rule.checks {
                    match *check {
                        Check::PlanStatus => {
                            if !self.plan_ok(&vals, &rows.cols, old_status.as_deref())? {
                                return Err(self.refuse(Some(*check), t.name, &record()));
                            }
                        }
                        Check::Code => {} // with the codes, before any row is written
                        Check::Digest(data, digest) => {
                            let at = |c: &str| rows.cols.iter().position(|x| x == c);
                            let ok =
                                match (at(data).map(|i| &vals[i]), at(digest).map(|i| &vals[i])) {
                                    (Some(Sql::Blob(bytes)), Some(Sql::Text(hex))) => {
                                        use sha2::Digest as _;
                                        super::export::branchdesk_hex(&sha2::Sha256::digest(bytes))
                                            == *hex
                                    }
                                    _ => false,
                                };
                            if !ok {
                                return Err(self.refuse(Some(*check), t.name, &record()));
                            }
                        }
                        Check::Unit(c)
                        | Check::Owns(c, _)
                        | Check::Parent(c)
                        | Check::SameUnit(c, _)
                        | Check::Addressed(c) => {
                            let Some(i) = rows.cols.iter().position(|x| x == c) else {
                                if matches!(check, Check::Unit(_)) && c == "unit_id" {
                                    // A unit's record must say which unit it is for.
                                    return Err(self.refuse(Some(*check), t.name, &record()));
                                }
                                continue;
                            };
                            let unit = match check {
                                Check::Parent(_) => w
                                    .id_idx
                                    .filter(|_| t.name == "unit")
                                    .or(w.subject)
                                    .and_then(|u| text(&vals[u]))
                                    .map(str::to_string),
                                // The unit this record is for, to compare with the answered one's.
                                Check::SameUnit(..) | Check::Addressed(_) => Some(
                                    rows.cols
                                        .iter()
                                        .position(|x| x == "unit_id")
                                        .and_then(|u| text(&vals[u]))
                                        .unwrap_or_default()
                                        .to_string(),
                                ),
                                _ => None,
                            };
                            let value = match &vals[i] {
                                Sql::Null if matches!(check, Check::Parent(_)) => String::new(),
                                Sql::Null => continue,
                                Sql::Text(s) => s.clone(),
                                other => format!("{other:?}"),
                            };
                            if seen_checks.insert((check.name(t.name), value.clone(), unit.clone()))
                            {
                                pending.push(Pending {
                                    check: *check,
                                    table: t.name,
                                    record: record(),
                                    value,
                                    unit,
                                });
                            }
                        }
                    }
                }
                if who.is_none() {
                    w.own(&key)?;
                    if let [Sql::Text(id)] = key.as_slice() {
                        self.owners
                            .insert((t.name, id.clone()), Some(self.from.site.to_string()));
                    }
                }
                w.put(&vals)?;
                count.written += 1;
                for (fi, parent, to) in &w.fks {
                    if vals[*fi] != Sql::Null {
                        refs.push((parent.clone(), to.clone(), vals[*fi].clone(), t.name));
                    }
                }
                if let Some(id) = w.id_idx.and_then(|i| text(&vals[i])) {
                    report
                        .written
                        .entry(t.name)
                        .or_default()
                        .push(id.to_string());
                }
                // A new version changes its record's state as of today.
                if let (Some(si), Some(col)) = (w.subject, t.subject) {
                    if let (Some(parent), Sql::Text(s)) =
                        (spec(col.trim_end_matches("_id")), &vals[si])
                    {
                        report
                            .written
                            .entry(parent.name)
                            .or_default()
                            .push(s.clone());
                    }
                }
            }
            for k in &rows.del {
                let key: Vec<Sql> = k
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let col = w.key_idx.get(i).copied().unwrap_or(usize::MAX);
                        to_sql(&w.remap(col, v, &self.alias))
                    })
                    .collect::<Result<_>>()?;
                match w.owner_of(&key)? {
                    Some(s) if s == self.from.site => {}
                    None if !w.exists(&key)? => continue, // never here: nothing to delete
                    _ => {
                        let record = key
                            .iter()
                            .map(|v| text(v).unwrap_or_default().to_string())
                            .collect::<Vec<_>>()
                            .join(" / ");
                        return Err(self.refuse(None, t.name, &record));
                    }
                }
                w.delete(&key)?;
                count.deleted += 1;
                if t.key == ID {
                    if let Some(id) = key.first().and_then(text) {
                        report
                            .deleted
                            .entry(t.name)
                            .or_default()
                            .push(id.to_string());
                    }
                }
            }
        }
        // Every reference written must lead somewhere: name the first ones that do not.
        let mut missing = Vec::new();
        let mut checked = HashSet::new();
        for (parent, col, v, child) in refs {
            let label = format!("{child} → {parent}");
            if !checked.insert((parent.clone(), col.clone(), format!("{v:?}"))) {
                continue;
            }
            let mut stmt =
                tx.prepare_cached(&format!("SELECT 1 FROM {parent} WHERE {col} = ?1"))?;
            if !stmt.exists([&v])? {
                let shown = match &v {
                    Sql::Text(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                missing.push(format!("{label} {shown}"));
                if missing.len() >= 5 {
                    break;
                }
            }
        }
        if !missing.is_empty() {
            return Err(Error::SyncRefs(missing));
        }
        // What the rows point at, now that every row is in.
        for p in pending {
            let ok = match p.check {
                Check::Unit(_) => self.speaks_for(&p.value)?,
                Check::Owns(_, table) => {
                    let table = spec(table).map_or("", |t| t.name);
                    self.is_senders(table, &p.value)?
                }
                Check::Parent(_) => {
                    let parent = (!p.value.is_empty()).then_some(p.value.as_str());
                    match &p.unit {
                        Some(u) => self.parent_ok(u, parent)?,
                        None => false,
                    }
                }
                Check::SameUnit(_, table) => {
                    let table = spec(table).map_or("", |t| t.name);
                    let mut stmt = tx.prepare_cached(&format!(
                        "SELECT 1 FROM {table} WHERE id = ?1 AND unit_id = ?2"
                    ))?;
                    stmt.exists([p.value.as_str(), p.unit.as_deref().unwrap_or_default()])?
                }
                Check::Addressed(_) => {
                    let mut stmt = tx.prepare_cached(
                        "SELECT 1 FROM doc_recipient WHERE doc_id = ?1 AND unit_id = ?2",
                    )?;
                    stmt.exists([p.value.as_str(), p.unit.as_deref().unwrap_or_default()])?
                }
                Check::Code | Check::PlanStatus | Check::Digest(..) => true,
            };
            if !ok {
                return Err(self.refuse(Some(p.check), p.table, &p.record));
            }
        }
        Ok(report)
    }

    /// Tables named once, known, allowed for the sender, with known columns, in the order of
    /// [`TABLES`] (parents first).
    fn plan<'p>(
        &self,
        payload: &'p Payload,
    ) -> Result<Vec<(&'static SyncTable, &'static Rule, &'p TableRows)>> {
        let mut seen = HashSet::new();
        let mut plan = Vec::new();
        for rows in &payload.tables {
            let t = spec(&rows.name)
                .ok_or_else(|| Error::SyncPayload(format!("unknown table {}", rows.name)))?;
            if !seen.insert(t.name) {
                return Err(Error::SyncPayload(format!("table {} twice", t.name)));
            }
            let rule = rule_of(t.name)
                .ok_or_else(|| Error::SyncPayload(format!("no rule for {}", t.name)))?;
            let empty = rows.put.is_empty() && rows.del.is_empty();
            if !rule.senders.allows(self.from.role) && !empty {
                return Err(Error::Refused(Box::new(Refusal {
                    code: "sync.forbidden",
                    table: t.name.to_string(),
                    record: format!("{} × {}", t.label.0, rows.put.len() + rows.del.len()),
                    rule: format!("{}.senders", t.name),
                    zh: format!("只有总部可以发送{}", t.label.0),
                    en: format!("only headquarters sends {}", t.label.1),
                })));
            }
            let local = columns(self.tx, t)?;
            for c in &rows.cols {
                if !local.contains(c) {
                    return Err(Error::SyncPayload(format!("unknown column {}.{c}", t.name)));
                }
            }
            let mut names = HashSet::new();
            for c in &rows.cols {
                if !names.insert(c) {
                    return Err(Error::SyncPayload(format!("column {}.{c} twice", t.name)));
                }
            }
            for k in t.key {
                if !rows.cols.iter().any(|c| c == k) {
                    return Err(Error::SyncPayload(format!(
                        "{} without its key {k}",
                        t.name
                    )));
                }
            }
            if rows.put.iter().any(|r| r.len() != rows.cols.len()) {
                return Err(Error::SyncPayload(format!(
                    "a {} row of the wrong width",
                    t.name
                )));
            }
            if rows.del.iter().any(|k| k.len() != t.key.len()) {
                return Err(Error::SyncPayload(format!(
                    "a {} key of the wrong width",
                    t.name
                )));
            }
            plan.push((t, rule, rows));
        }
        plan.sort_by_key(|(t, _, _)| TABLES.iter().position(|x| x.name == t.name));
        Ok(plan)
    }

    /// Shared codes first, so every reference after can be read through the aliases: a code
    /// this site holds becomes an alias of our record (ours wins); a code another site holds,
    /// or the sender under another id, is a collision; a unit code headquarters keeps for
    /// another unit is refused.
    fn codes(&mut self, plan: &[(&'static SyncTable, &'static Rule, &TableRows)]) -> Result<()> {
        let tx = self.tx;
        if let Some((_, _, rows)) = plan.iter().find(|(t, _, _)| t.name == "unit") {
            self.adopt(rows)?;
        }
        for (t, _, rows) in plan {
            if !t.code {
                continue;
            }
            let ci = rows.cols.iter().position(|c| c == "code");
            let ii = rows.cols.iter().position(|c| c == "id");
            let (Some(ci), Some(ii)) = (ci, ii) else {
                continue;
            };
            let mut by_code =
                tx.prepare_cached(&format!("SELECT id FROM {} WHERE code = ?1", t.name))?;
            let mut in_bundle: HashMap<&str, &str> = HashMap::new();
            for r in &rows.put {
                let (Some(id), Some(code)) = (r[ii].as_str(), r[ci].as_str()) else {
                    return Err(Error::SyncPayload(format!("{} without id or code", t.name)));
                };
                if let Some(other) = in_bundle.insert(code, id) {
                    if other != id {
                        return Err(Error::SyncPayload(format!("{} code {code} twice", t.name)));
                    }
                }
                let ours: Option<String> = by_code.query_row([code], |r| r.get(0)).optional()?;
                match ours {
                    None => {
                        if t.name == "unit" && self.reserved.contains(code) {
                            return Err(self.refuse(
                                Some(Check::Code),
                                t.name,
                                &format!("{} {code}", t.label.0),
                            ));
                        }
                    }
                    Some(o) if o == id => {}
                    Some(o) => match self.owner(t.name, &o)? {
                        None => {
                            tx.execute(
                                "INSERT OR REPLACE INTO sync_alias (site, tbl, from_id, to_id) VALUES (?1, ?2, ?3, ?4)",
                                params![self.from.site, t.name, id, o],
                            )?;
                            self.shared.insert((t.name.to_string(), o.clone()));
                            self.alias.insert((t.name.to_string(), id.to_string()), o);
                        }
                        Some(site) => {
                            let holder: String = tx
                                .prepare_cached("SELECT name FROM sync_peer WHERE site_id = ?1")?
                                .query_row([&site], |r| r.get(0))
                                .optional()?
                                .unwrap_or(site);
                            let name: String = tx
                                .prepare_cached(&format!(
                                    "SELECT {} FROM {} WHERE id = ?1",
                                    if t.name == "position" {
                                        "title"
                                    } else {
                                        "name"
                                    },
                                    t.name
                                ))?
                                .query_row([&o], |r| r.get(0))
                                .optional()?
                                .unwrap_or_default();
                            return Err(Error::Refused(Box::new(Refusal {
                                code: "sync.collision",
                                table: t.name.to_string(),
                                record: format!("{} {code}", t.label.0),
                                rule: format!("{}.code", t.name),
                                zh: format!("编码 {code} 在本站已用于「{holder}」的「{name}」，两个站点不能共用同一编码；请发送方改用其他编码"),
                                en: format!("code {code} is already \u{201c}{name}\u{201d} of \u{201c}{holder}\u{201d} here; two sites cannot share a code, so the sender must use another"),
                            })));
                        }
                    },
                }
            }
        }
        Ok(())
    }
}

impl Apply<'_> {
    /// The units above the one a unit joined as, which headquarters does not hold yet (the
    /// group, a region): headquarters takes them as its own records under a new id, and the
    /// sender's copies become aliases of them, as for any shared record. So the top of the
    /// tree is always headquarters', and the unit's later changes of it are not taken.
    fn adopt(&mut self, rows: &TableRows) -> Result<()> {
        let (Role::Unit, Some(joined)) = (self.from.role, self.from.unit_code) else {
            return Ok(());
        };
        let col = |c: &str| rows.cols.iter().position(|x| x == c);
        let (Some(ii), Some(ci), Some(pi)) = (col("id"), col("code"), col("parent_id")) else {
            return Ok(());
        };
        let by_id: HashMap<&str, &Vec<Value>> = rows
            .put
            .iter()
            .filter_map(|r| r[ii].as_str().map(|id| (id, r)))
            .collect();
        let Some(root) = rows.put.iter().find(|r| r[ci].as_str() == Some(joined)) else {
            return Ok(());
        };
        let mut chain: Vec<&Vec<Value>> = Vec::new();
        let mut up = root[pi].as_str();
        while let Some(p) = up {
            if chain.len() > 64
                || self
                    .alias
                    .contains_key(&("unit".to_string(), p.to_string()))
            {
                break;
            }
            let Some(row) = by_id.get(p) else { break };
            let code = row[ci].as_str().unwrap_or_default();
            let held: bool = self
                .tx
                .prepare_cached("SELECT 1 FROM unit WHERE code = ?1 OR id = ?2")?
                .exists(params![code, p])?;
            if held || self.reserved.contains(code) {
                break;
            }
            chain.push(row);
            up = row[pi].as_str();
        }
        // Top first, so each parent is ours before its child refers to it.
        for row in chain.into_iter().rev() {
            let theirs = row[ii].as_str().unwrap_or_default().to_string();
            let ours = crate::new_id();
            let mut vals: Vec<Sql> = Vec::with_capacity(row.len());
            for (i, v) in row.iter().enumerate() {
                vals.push(if i == ii {
                    Sql::Text(ours.clone())
                } else if i == pi {
                    match v.as_str() {
                        Some(p) => Sql::Text(
                            self.alias
                                .get(&("unit".to_string(), p.to_string()))
                                .cloned()
                                .unwrap_or_else(|| p.to_string()),
                        ),
                        None => Sql::Null,
                    }
                } else {
                    to_sql(v)?
                });
            }
            let ph: Vec<String> = (1..=vals.len()).map(|i| format!("?{i}")).collect();
            self.tx.execute(
                &format!(
                    "INSERT INTO unit ({}) VALUES ({})",
                    rows.cols.join(", "),
                    ph.join(", ")
                ),
                params_from_iter(vals.iter()),
            )?;
            let attrs = <branchdesk_domain::UnitAttrs as branchdesk_domain::Fields>::columns();
            self.tx.execute(
                &format!(
                    "INSERT INTO unit_version (uid, unit_id, valid_from, {attrs}, recorded_at, note)
                     SELECT ?2, id, '1900-01-01', {attrs}, ?3, ?4 FROM unit WHERE id = ?1"
                ),
                params![
                    ours,
                    crate::new_id(),
                    self.from.at,
                    format!("由「{}」的同步包带来的上级单位", self.from.name)
                ],
            )?;
            for (tbl, key) in [
                ("unit", format!("[\"{ours}\"]")),
                (
                    "unit_version",
                    self.tx.query_row(
                        "SELECT json_array(uid) FROM unit_version WHERE unit_id = ?1",
                        [&ours],
                        |r| r.get(0),
                    )?,
                ),
            ] {
                // Headquarters' own record now: it travels to the other units like one.
                self.tx.execute(
                    "DELETE FROM sync_change WHERE tbl = ?1 AND key = ?2",
                    params![tbl, key],
                )?;
                self.tx.execute(
                    "INSERT INTO sync_change (tbl, key, op) VALUES (?1, ?2, 'put')",
                    params![tbl, key],
                )?;
            }
            self.tx.execute(
                "INSERT OR REPLACE INTO sync_alias (site, tbl, from_id, to_id) VALUES (?1, 'unit', ?2, ?3)",
                params![self.from.site, theirs, ours],
            )?;
            self.shared.insert(("unit".to_string(), ours.clone()));
            self.alias.insert(("unit".to_string(), theirs), ours);
        }
        Ok(())
    }
}

/// One table's statements and column positions for this bundle.
struct Table<'a> {
    t: &'static SyncTable,
    cols: &'a [String],
    site: &'a str,
    fks: Vec<(usize, String, String)>,
    key_idx: Vec<usize>,
    subject: Option<usize>,
    id_idx: Option<usize>,
    status_idx: Option<usize>,
    owner: rusqlite::CachedStatement<'a>,
    exists: rusqlite::CachedStatement<'a>,
    status: Option<rusqlite::CachedStatement<'a>>,
    upsert: rusqlite::CachedStatement<'a>,
    own: rusqlite::CachedStatement<'a>,
    del: rusqlite::CachedStatement<'a>,
    unown: rusqlite::CachedStatement<'a>,
}

impl<'a> Table<'a> {
    fn new(
        tx: &'a Connection,
        t: &'static SyncTable,
        rows: &'a TableRows,
        site: &'a str,
    ) -> Result<Table<'a>> {
        // Columns that refer to other records: read through the aliases.
        let mut fks: Vec<(usize, String, String)> = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT \"table\", \"from\", coalesce(\"to\", 'id') FROM pragma_foreign_key_list(?1)",
            )?;
            for r in stmt.query_map([t.name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                let (parent, from, to): (String, String, String) = r?;
                if let Some(i) = rows.cols.iter().position(|c| *c == from) {
                    fks.push((i, parent, to));
                }
            }
        }
        let cols = &rows.cols;
        let key_idx: Vec<usize> = t
            .key
            .iter()
            .filter_map(|k| cols.iter().position(|c| c == k))
            .collect();
        let ph: Vec<String> = (1..=t.key.len()).map(|i| format!("?{i}")).collect();
        let key_json = format!("json_array({})", ph.join(", "));
        let key_match = t
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let set: Vec<String> = cols
            .iter()
            .filter(|c| !t.key.contains(&c.as_str()))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let vals: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let upsert = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) {}",
            t.name,
            cols.join(", "),
            vals.join(", "),
            t.key.join(", "),
            if set.is_empty() {
                "DO NOTHING".to_string()
            } else {
                format!("DO UPDATE SET {}", set.join(", "))
            }
        );
        let status_idx = cols.iter().position(|c| c == "status");
        Ok(Table {
            t,
            cols,
            site,
            fks,
            subject: t.subject.and_then(|s| cols.iter().position(|c| c == s)),
            id_idx: cols.iter().position(|c| c == "id"),
            status_idx,
            owner: tx.prepare_cached(&format!(
                "SELECT site FROM sync_owner WHERE tbl = '{}' AND key = {key_json}",
                t.name
            ))?,
            exists: tx.prepare_cached(&format!("SELECT 1 FROM {} WHERE {key_match}", t.name))?,
            status: match status_idx {
                Some(_) => Some(
                    tx.prepare_cached(&format!("SELECT status FROM {} WHERE {key_match}", t.name))?,
                ),
                None => None,
            },
            upsert: tx.prepare_cached(&upsert)?,
            own: tx.prepare_cached(&format!(
                "INSERT OR REPLACE INTO sync_owner (tbl, key, site) VALUES ('{}', {key_json}, ?{})",
                t.name,
                t.key.len() + 1
            ))?,
            del: tx.prepare_cached(&format!("DELETE FROM {} WHERE {key_match}", t.name))?,
            unown: tx.prepare_cached(&format!(
                "DELETE FROM sync_owner WHERE tbl = '{}' AND key = {key_json}",
                t.name
            ))?,
            key_idx,
        })
    }

    /// The value of column `i` as this site stores it: a reference to a shared record read as
    /// ours; a site-local name (of this table's key or of a record it refers to) as `name@site`.
    fn remap(&self, i: usize, v: &Value, alias: &HashMap<(String, String), String>) -> Value {
        let Some(s) = v.as_str() else {
            return v.clone();
        };
        let col = self.cols.get(i).map(String::as_str);
        if col.is_some() && self.t.site_local == col {
            return Value::String(site_local(s, self.site));
        }
        for (fi, parent, to) in &self.fks {
            if *fi == i {
                if spec(parent).is_some_and(|p| p.site_local == Some(to.as_str())) {
                    return Value::String(site_local(s, self.site));
                }
                if let Some(to) = alias.get(&(parent.clone(), s.to_string())) {
                    return Value::String(to.clone());
                }
            }
        }
        v.clone()
    }

    /// The record as people would name it in a message.
    fn describe(&self, vals: &[Sql]) -> String {
        let pick = |c: &str| {
            self.cols
                .iter()
                .position(|x| x == c)
                .and_then(|i| text(&vals[i]))
        };
        let mut parts: Vec<String> = ["code", "name", "title", "period", "metric"]
            .iter()
            .filter_map(|c| pick(c).map(str::to_string))
            .collect();
        if parts.is_empty() {
            parts = self
                .key_idx
                .iter()
                .map(|&i| match &vals[i] {
                    Sql::Text(s) => s.clone(),
                    other => format!("{other:?}"),
                })
                .collect();
        }
        format!("{}「{}」", self.t.label.0, parts.join(" "))
    }

    fn owner_of(&mut self, key: &[Sql]) -> Result<Option<String>> {
        Ok(self
            .owner
            .query_row(params_from_iter(key.iter()), |r| r.get(0))
            .optional()?)
    }

    fn exists(&mut self, key: &[Sql]) -> Result<bool> {
        Ok(self.exists.exists(params_from_iter(key.iter()))?)
    }

    fn status_of(&mut self, key: &[Sql]) -> Result<Option<String>> {
        match (&mut self.status, self.status_idx) {
            (Some(stmt), Some(_)) => Ok(stmt
                .query_row(params_from_iter(key.iter()), |r| r.get(0))
                .optional()?),
            _ => Ok(None),
        }
    }

    fn own(&mut self, key: &[Sql]) -> Result<()> {
        let mut p = key.to_vec();
        p.push(Sql::Text(self.site.to_string()));
        self.own.execute(params_from_iter(p.iter()))?;
        Ok(())
    }

    /// Writes the row; a row the schema refuses (a value outside its CHECK, a missing
    /// required column) is the bundle's fault and named as such.
    fn put(&mut self, vals: &[Sql]) -> Result<()> {
        match self.upsert.execute(params_from_iter(vals.iter())) {
            Ok(_) => Ok(()),
            Err(e) => match Error::from(e) {
                Error::Sqlite(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                {
                    Err(Error::SyncPayload(format!("{}: {e}", self.t.name)))
                }
                other => Err(other),
            },
        }
    }

    fn delete(&mut self, key: &[Sql]) -> Result<()> {
        self.del.execute(params_from_iter(key.iter()))?;
        self.unown.execute(params_from_iter(key.iter()))?;
        Ok(())
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// The site that owns a record keyed by `id`, if another site does (`None`: ours).
    pub fn owner_site(&self, table: &str, id: &str) -> Result<Option<String>> {
        owner_site(self.conn(), table, id)
    }
}

fn owner_site(conn: &rusqlite::Connection, table: &str, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT site FROM sync_owner WHERE tbl = ?1 AND key = json_array(?2)",
            [table, id],
            |r| r.get(0),
        )
        .optional()?)
}
