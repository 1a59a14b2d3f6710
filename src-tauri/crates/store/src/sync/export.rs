//! Rows this site owns for a bundle: what changed after a change number, or everything.

use std::borrow::Borrow;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};
use serde_json::Value;

use super::tables::{columns, key_of, TABLES};
use super::{Payload, TableRows};
use crate::{Error, Reader, Result, Writer};

/// Who an export is for: `None` exports everything this site owns.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    /// Units whose rows may go (the recipient's unit, those below it and above it).
    pub units: Vec<String>,
    /// Secret documents the recipient may not see; nothing of them goes.
    pub hidden_docs: Vec<String>,
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => serde_json::json!({ "hex": branchdesk_hex(b) }),
    }
}

pub(crate) fn branchdesk_hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(b.len() * 2);
    for x in b {
        out.push(char::from(DIGITS[usize::from(x >> 4)]));
        out.push(char::from(DIGITS[usize::from(x & 15)]));
    }
    out
}

impl Writer<'_> {
    /// The highest change number so far.
    pub fn sync_last_change(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT coalesce(max(seq), 0) FROM sync_change", [], |r| {
                r.get(0)
            })?)
    }

    /// Rows this site owns that changed after change `after` (or all of them with `full`),
    /// for `audience`.
    pub fn sync_export(
        &self,
        after: i64,
        full: bool,
        audience: Option<&Audience>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Payload> {
        let tx = self.tx;
        if let Some(a) = audience {
            tx.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS sync_aud_unit (id TEXT PRIMARY KEY);
                 CREATE TEMP TABLE IF NOT EXISTS sync_aud_hidden (id TEXT PRIMARY KEY);
                 DELETE FROM temp.sync_aud_unit; DELETE FROM temp.sync_aud_hidden;",
            )?;
            for u in &a.units {
                tx.execute(
                    "INSERT OR IGNORE INTO temp.sync_aud_unit (id) VALUES (?1)",
                    [u],
                )?;
            }
            for d in &a.hidden_docs {
                tx.execute(
                    "INSERT OR IGNORE INTO temp.sync_aud_hidden (id) VALUES (?1)",
                    [d],
                )?;
            }
        }
        let mut payload = Payload::default();
        for (step, t) in TABLES.iter().enumerate() {
            progress(step + 1);
            let cols = columns(tx, t)?;
            let list: Vec<String> = cols.iter().map(|c| format!("t.{c}")).collect();
            let mut filter = format!(
                "NOT EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = '{}' AND o.key = {})",
                t.name,
                key_of("t.", t)
            );
            if audience.is_some() {
                if let Some(u) = t.unit {
                    filter.push_str(&format!(
                        " AND ({u} IS NULL OR {u} IN (SELECT id FROM temp.sync_aud_unit))"
                    ));
                }
                if let Some(d) = t.doc {
                    filter.push_str(&format!(
                        " AND ({d} IS NULL OR {d} NOT IN (SELECT id FROM temp.sync_aud_hidden))"
                    ));
                }
            }
            let sql = if full {
                format!(
                    "SELECT {} FROM {} t WHERE {filter}",
                    list.join(", "),
                    t.name
                )
            } else {
                let on: Vec<String> = t
                    .key
                    .iter()
                    .enumerate()
                    .map(|(i, k)| format!("t.{k} = json_extract(c.key, '$[{i}]')"))
                    .collect();
                format!(
                    "SELECT {} FROM sync_change c CROSS JOIN {} t ON {}
                     WHERE c.tbl = ?1 AND c.seq > ?2 AND c.op = 'put' AND {filter} ORDER BY c.seq",
                    list.join(", "),
                    t.name,
                    on.join(" AND ")
                )
            };
            let mut stmt = tx.prepare(&sql)?;
            let n = cols.len();
            let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Vec<Value>> {
                (0..n).map(|i| Ok(to_json(r.get_ref(i)?))).collect()
            };
            let put: Vec<Vec<Value>> = if full {
                stmt.query_map([], map)?.collect::<rusqlite::Result<_>>()?
            } else {
                stmt.query_map(params![t.name, after], map)?
                    .collect::<rusqlite::Result<_>>()?
            };
            let del: Vec<Vec<Value>> = if full {
                Vec::new()
            } else {
                let mut d = tx.prepare_cached(
                    "SELECT key FROM sync_change WHERE tbl = ?1 AND seq > ?2 AND op = 'del' ORDER BY seq",
                )?;
                let keys = d
                    .query_map(params![t.name, after], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                keys.iter()
                    .map(|k| serde_json::from_str(k).map_err(|e| Error::SyncPayload(e.to_string())))
                    .collect::<Result<_>>()?
            };
            if !put.is_empty() || !del.is_empty() {
                payload.tables.push(TableRows {
                    name: t.name.to_string(),
                    cols,
                    put,
                    del,
                });
            }
        }
        Ok(payload)
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// How many changes are recorded after change `after` (what the next bundle would carry).
    pub fn sync_pending_changes(&self, after: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM sync_change WHERE seq > ?1",
            [after],
            |r| r.get(0),
        )?)
    }
}
