//! Another site's rows into this database: the sender's own records are written or deleted,
//! everything else is kept and counted, shared codes become aliases, and every reference
//! written must lead somewhere.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::tables::{columns, spec, SyncTable, ID, TABLES};
use super::{Payload, TableRows};
use crate::{Error, Reader, Result, Writer};

/// What applying a bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// Per table: records written, deleted, kept (another site's or ours), aliased.
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
        _ => {
            return Err(Error::SyncPayload(
                "a value that is not text or a number".into(),
            ))
        }
    })
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

    /// Applies `sender`'s rows: the sender's own records are written or deleted; records that
    /// are ours or a third site's are kept and counted. Runs inside the caller's transaction,
    /// so a failure anywhere leaves nothing behind.
    pub fn sync_apply(&self, sender: &str, payload: &Payload) -> Result<ApplyReport> {
        let prev = self.sync_mode(1)?;
        let out = self.apply_rows(sender, payload);
        self.sync_mode(prev)?;
        out
    }

    fn apply_rows(&self, sender: &str, payload: &Payload) -> Result<ApplyReport> {
        let tx = self.tx;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut report = ApplyReport::default();
        // Aliases: (table, sender's id) -> our id.
        let mut alias: HashMap<(String, String), String> = HashMap::new();
        {
            let mut stmt =
                tx.prepare_cached("SELECT tbl, from_id, to_id FROM sync_alias WHERE site = ?1")?;
            for r in stmt.query_map([sender], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                let (t, f, to): (String, String, String) = r?;
                alias.insert((t, f), to);
            }
        }
        // Tables named once, known, with known columns.
        let mut seen = HashSet::new();
        let mut plan: Vec<(&'static SyncTable, &TableRows)> = Vec::new();
        for rows in &payload.tables {
            let t = spec(&rows.name)
                .ok_or_else(|| Error::SyncPayload(format!("unknown table {}", rows.name)))?;
            if !seen.insert(t.name) {
                return Err(Error::SyncPayload(format!("table {} twice", t.name)));
            }
            let local = columns(tx, t)?;
            for c in &rows.cols {
                if !local.contains(c) {
                    return Err(Error::SyncPayload(format!("unknown column {}.{c}", t.name)));
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
            for r in &rows.put {
                if r.len() != rows.cols.len() {
                    return Err(Error::SyncPayload(format!(
                        "a {} row of the wrong width",
                        t.name
                    )));
                }
            }
            for k in &rows.del {
                if k.len() != t.key.len() {
                    return Err(Error::SyncPayload(format!(
                        "a {} key of the wrong width",
                        t.name
                    )));
                }
            }
            plan.push((t, rows));
        }
        plan.sort_by_key(|(t, _)| TABLES.iter().position(|x| x.name == t.name));

        // Shared codes first, so every reference below can be read through the aliases.
        for (t, rows) in &plan {
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
            for r in &rows.put {
                let (Some(id), Some(code)) = (r[ii].as_str(), r[ci].as_str()) else {
                    return Err(Error::SyncPayload(format!("{} without id or code", t.name)));
                };
                let ours: Option<String> = by_code.query_row([code], |r| r.get(0)).optional()?;
                if let Some(ours) = ours.filter(|o| o != id) {
                    tx.execute(
                        "INSERT OR REPLACE INTO sync_alias (site, tbl, from_id, to_id) VALUES (?1, ?2, ?3, ?4)",
                        params![sender, t.name, id, ours],
                    )?;
                    alias.insert((t.name.to_string(), id.to_string()), ours);
                }
            }
        }

        let mut refs: Vec<(String, String, Sql, &'static str)> = Vec::new();
        for (t, rows) in &plan {
            let count = report.tables.entry(t.name.to_string()).or_default();
            // Columns that refer to units, positions or people: read through the aliases.
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
            let key_idx: Vec<usize> = t
                .key
                .iter()
                .filter_map(|k| rows.cols.iter().position(|c| c == k))
                .collect();
            let subject = t
                .subject
                .and_then(|s| rows.cols.iter().position(|c| c == s));
            let id_idx = rows.cols.iter().position(|c| c == "id");
            let ph: Vec<String> = (1..=t.key.len()).map(|i| format!("?{i}")).collect();
            let key_json = format!("json_array({})", ph.join(", "));
            let key_match: Vec<String> = t
                .key
                .iter()
                .enumerate()
                .map(|(i, k)| format!("{k} = ?{}", i + 1))
                .collect();
            let key_match = key_match.join(" AND ");
            let owner_sql = format!(
                "SELECT site FROM sync_owner WHERE tbl = '{}' AND key = {key_json}",
                t.name
            );
            let exists_sql = format!("SELECT 1 FROM {} WHERE {key_match}", t.name);
            let set: Vec<String> = rows
                .cols
                .iter()
                .filter(|c| !t.key.contains(&c.as_str()))
                .map(|c| format!("{c} = excluded.{c}"))
                .collect();
            let vals: Vec<String> = (1..=rows.cols.len()).map(|i| format!("?{i}")).collect();
            let upsert = format!(
                "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) {}",
                t.name,
                rows.cols.join(", "),
                vals.join(", "),
                t.key.join(", "),
                if set.is_empty() {
                    "DO NOTHING".to_string()
                } else {
                    format!("DO UPDATE SET {}", set.join(", "))
                }
            );
            let own_sql = format!(
                "INSERT OR REPLACE INTO sync_owner (tbl, key, site) VALUES ('{}', json_array({}), ?{})",
                t.name,
                ph.join(", "),
                t.key.len() + 1
            );
            let mut owner = tx.prepare(&owner_sql)?;
            let mut exists = tx.prepare(&exists_sql)?;
            let mut put = tx.prepare(&upsert)?;
            let mut own = tx.prepare(&own_sql)?;
            let remap = |i: usize, v: &Value| -> Value {
                for (fi, parent, _) in &fks {
                    if *fi == i {
                        if let Some(s) = v.as_str() {
                            if let Some(to) = alias.get(&(parent.clone(), s.to_string())) {
                                return Value::String(to.clone());
                            }
                        }
                    }
                }
                v.clone()
            };
            for r in &rows.put {
                if t.code {
                    if let Some(id) = id_idx.and_then(|i| r[i].as_str()) {
                        if alias.contains_key(&(t.name.to_string(), id.to_string())) {
                            count.aliased += 1;
                            continue;
                        }
                    }
                }
                if let Some(si) = subject {
                    let parent = t
                        .subject
                        .map(|s| s.trim_end_matches("_id"))
                        .unwrap_or_default();
                    if let Some(s) = r[si].as_str() {
                        if alias.contains_key(&(parent.to_string(), s.to_string())) {
                            count.aliased += 1;
                            continue;
                        }
                    }
                }
                let vals: Vec<Sql> = r
                    .iter()
                    .enumerate()
                    .map(|(i, v)| to_sql(&remap(i, v)))
                    .collect::<Result<_>>()?;
                let key: Vec<Sql> = key_idx.iter().map(|&i| vals[i].clone()).collect();
                let who: Option<String> = owner
                    .query_row(params_from_iter(key.iter()), |r| r.get(0))
                    .optional()?;
                match who {
                    Some(s) if s == sender => {}
                    Some(_) => {
                        count.kept += 1;
                        continue;
                    }
                    None => {
                        if exists.exists(params_from_iter(key.iter()))? {
                            count.kept += 1;
                            continue;
                        }
                        let mut p = key.clone();
                        p.push(Sql::Text(sender.to_string()));
                        own.execute(params_from_iter(p.iter()))?;
                    }
                }
                put.execute(params_from_iter(vals.iter()))?;
                count.written += 1;
                for (fi, parent, to) in &fks {
                    if vals[*fi] != Sql::Null {
                        refs.push((parent.clone(), to.clone(), vals[*fi].clone(), t.name));
                    }
                }
                if let Some(id) = id_idx.and_then(|i| r[i].as_str()) {
                    report
                        .written
                        .entry(t.name)
                        .or_default()
                        .push(id.to_string());
                }
                // A new version changes its record's state as of today.
                if let (Some(si), Some(col)) = (subject, t.subject) {
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
            let del_sql = format!("DELETE FROM {} WHERE {key_match}", t.name);
            let unown_sql = format!(
                "DELETE FROM sync_owner WHERE tbl = '{}' AND key = {key_json}",
                t.name
            );
            let mut del = tx.prepare(&del_sql)?;
            let mut unown = tx.prepare(&unown_sql)?;
            for k in &rows.del {
                let key: Vec<Sql> = k
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let col = key_idx.get(i).copied().unwrap_or(usize::MAX);
                        to_sql(&remap(col, v))
                    })
                    .collect::<Result<_>>()?;
                let who: Option<String> = owner
                    .query_row(params_from_iter(key.iter()), |r| r.get(0))
                    .optional()?;
                if who.as_deref() != Some(sender) {
                    count.kept += 1;
                    continue;
                }
                del.execute(params_from_iter(key.iter()))?;
                unown.execute(params_from_iter(key.iter()))?;
                count.deleted += 1;
                if t.key == ID {
                    if let Some(id) = k.first().and_then(Value::as_str) {
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
        Ok(report)
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
