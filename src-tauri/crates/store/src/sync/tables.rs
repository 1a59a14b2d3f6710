//! The tables that travel in bundles, and the capture and guard triggers generated from them.

use crate::Result;

/// A table that travels in bundles.
pub struct SyncTable {
    pub name: &'static str,
    /// The columns that identify a record on every site.
    pub key: &'static [&'static str],
    /// Tables keyed by a local integer get a `uid` (the key) and do not send this column.
    pub rowid: Option<&'static str>,
    /// Has a `code` shared between sites (see the module comment).
    pub code: bool,
    /// The record this row is a version of: skipped when that record is an alias.
    pub subject: Option<&'static str>,
    /// SQL over `t` giving the unit a row belongs to: an export to a unit carries the row only
    /// if that is the unit, one below it or one above it (or the row has none).
    pub unit: Option<&'static str>,
    /// SQL over `t` giving the outgoing document a row belongs to (secrecy scope).
    pub doc: Option<&'static str>,
    /// A key column whose values are names local to the site that made the record (a
    /// category's code, a scheme's id): another site's are stored as `name@site`, and so are
    /// references to them.
    pub site_local: Option<&'static str>,
    /// The migration that made the table travel (its triggers are in that file).
    pub since: i64,
    /// What people call its records, in Chinese and English.
    pub label: (&'static str, &'static str),
}

const fn table(
    name: &'static str,
    key: &'static [&'static str],
    label: (&'static str, &'static str),
) -> SyncTable {
    SyncTable {
        name,
        key,
        label,
        rowid: None,
        code: false,
        subject: None,
        unit: None,
        doc: None,
        site_local: None,
        since: 6,
    }
}

const UID: &[&str] = &["uid"];
pub(crate) const ID: &[&str] = &["id"];

/// Every synced table, parents before children.
pub const TABLES: &[SyncTable] = &[
    // The organisation goes to every recipient whole: business rows refer to it (a document's
    // drafting department, a meeting's chair), and it is the group's structure, not its work.
    SyncTable {
        code: true,
        ..table("unit", ID, ("单位", "units"))
    },
    SyncTable {
        rowid: Some("rev"),
        subject: Some("unit_id"),
        ..table("unit_version", UID, ("单位变更", "unit changes"))
    },
    SyncTable {
        code: true,
        ..table("position", ID, ("岗位", "positions"))
    },
    SyncTable {
        rowid: Some("rev"),
        subject: Some("position_id"),
        ..table("position_version", UID, ("岗位变更", "position changes"))
    },
    SyncTable {
        code: true,
        ..table("person", ID, ("人员", "people"))
    },
    table("assignment", ID, ("任职", "assignments")),
    SyncTable {
        site_local: Some("id"),
        ..table(
            "kpi_scheme",
            &["id", "version"],
            ("考核方案", "KPI schemes"),
        )
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table(
            "kpi_value",
            &["unit_id", "period", "metric"],
            ("考核数据", "KPI figures"),
        )
    },
    SyncTable {
        rowid: Some("id"),
        unit: Some("t.unit_id"),
        ..table("kpi_value_log", UID, ("数据修改记录", "figure changes"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("meeting", ID, ("会议纪要", "minutes"))
    },
    SyncTable {
        unit: Some("(SELECT m.unit_id FROM meeting m WHERE m.id = t.meeting_id)"),
        ..table(
            "meeting_revision",
            &["meeting_id", "rev"],
            ("纪要修订版", "minutes revisions"),
        )
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("plan_node", ID, ("计划", "plans"))
    },
    SyncTable {
        rowid: Some("id"),
        unit: Some("(SELECT n.unit_id FROM plan_node n WHERE n.id = t.node_id)"),
        ..table("plan_log", UID, ("计划流转记录", "plan steps"))
    },
    SyncTable {
        unit: Some("(SELECT n.unit_id FROM plan_node n WHERE n.id = t.node_id)"),
        ..table("plan_adjustment", ID, ("目标调整", "target adjustments"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("incoming_doc", ID, ("收文", "incoming documents"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("action_item", ID, ("督办事项", "action items"))
    },
    SyncTable {
        rowid: Some("id"),
        unit: Some("(SELECT a.unit_id FROM action_item a WHERE a.id = t.action_id)"),
        ..table("action_log", UID, ("督办记录", "follow-ups"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("submission", ID, ("报送", "submissions"))
    },
    table(
        "work_summary",
        &["person_id", "period"],
        ("工作总结", "work summaries"),
    ),
    SyncTable {
        site_local: Some("code"),
        ..table(
            "doc_category",
            &["code"],
            ("发文类别", "document categories"),
        )
    },
    SyncTable {
        doc: Some("t.doc_id"),
        ..table(
            "doc_number",
            &["category", "year", "seq"],
            ("文号", "document numbers"),
        )
    },
    SyncTable {
        doc: Some("t.id"),
        ..table("outgoing_doc", ID, ("发文", "outgoing documents"))
    },
    SyncTable {
        rowid: Some("rowid"),
        doc: Some("t.doc_id"),
        ..table("doc_scope", UID, ("密件范围", "secrecy scopes"))
    },
    SyncTable {
        doc: Some("t.doc_id"),
        ..table("doc_dispatch", ID, ("发文登记", "dispatches"))
    },
    SyncTable {
        doc: Some("t.doc_id"),
        ..table(
            "doc_revision",
            &["doc_id", "rev"],
            ("发文修订", "document revisions"),
        )
    },
    // A document's text (migration 0016).
    SyncTable {
        doc: Some("t.doc_id"),
        since: 16,
        ..table("doc_content", &["doc_id"], ("公文正文", "document texts"))
    },
    // A document's attachments (migration 0018).
    SyncTable {
        doc: Some("t.doc_id"),
        since: 18,
        ..table("doc_file", ID, ("公文附件", "attachments"))
    },
    // Documents sent to units, and the units' 签收 (migration 0017): each recipient's row only
    // to that unit, its receipt back.
    SyncTable {
        doc: Some("t.doc_id"),
        unit: Some("t.unit_id"),
        since: 17,
        ..table(
            "doc_recipient",
            &["doc_id", "unit_id"],
            ("公文分发", "document recipients"),
        )
    },
    SyncTable {
        doc: Some("t.doc_id"),
        unit: Some("t.unit_id"),
        since: 17,
        ..table(
            "doc_receipt",
            &["doc_id", "unit_id"],
            ("公文签收", "document receipts"),
        )
    },
    SyncTable {
        unit: Some("t.unit_id"),
        ..table("announcement", ID, ("公告", "announcements"))
    },
    // Headquarters' approvals and reviews of a unit's records (migration 0007).
    SyncTable {
        unit: Some("t.unit_id"),
        since: 7,
        ..table("hq_decision", ID, ("总部审批", "headquarters' decisions"))
    },
    // Published results down, confirmations and appeals up, rulings down (migration 0014).
    SyncTable {
        unit: Some("t.unit_id"),
        since: 14,
        ..table("kpi_result", ID, ("考核结果", "published results"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        since: 14,
        ..table(
            "kpi_response",
            ID,
            ("结果确认与申诉", "confirmations and appeals"),
        )
    },
    SyncTable {
        unit: Some("t.unit_id"),
        since: 14,
        ..table("kpi_evidence", ID, ("申诉材料", "appeal evidence"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        since: 14,
        ..table("kpi_ruling", ID, ("申诉裁决", "appeal rulings"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        since: 15,
        ..table("board_followup", ID, ("总部督办", "follow-ups"))
    },
    SyncTable {
        unit: Some("t.unit_id"),
        since: 15,
        ..table("board_report", ID, ("督办答复", "follow-up reports"))
    },
    // Units' read receipts of announcements (migration 0020), up.
    SyncTable {
        unit: Some("t.unit_id"),
        since: 20,
        ..table(
            "announcement_read",
            &["announcement_id", "unit_id"],
            ("公告已读回执", "announcement receipts"),
        )
    },
    // Headquarters' working-day calendar (migration 0019), down to every unit.
    SyncTable {
        since: 19,
        ..table("calendar_day", &["day"], ("工作日历", "calendar days"))
    },
];

/// What people call a synced table's records, in `lang` (the table's name if it is not one).
pub fn table_label(name: &str, lang: branchdesk_domain::Lang) -> String {
    match spec(name) {
        Some(t) if lang == branchdesk_domain::Lang::Zh => t.label.0.to_string(),
        Some(t) => t.label.1.to_string(),
        None => name.to_string(),
    }
}

pub(crate) fn spec(name: &str) -> Option<&'static SyncTable> {
    TABLES.iter().find(|t| t.name == name)
}

pub(crate) fn key_of(prefix: &str, t: &SyncTable) -> String {
    let cols: Vec<String> = t.key.iter().map(|k| format!("{prefix}{k}")).collect();
    format!("json_array({})", cols.join(", "))
}

/// The capture and guard triggers of one table (what the migration in its `since` holds).
pub fn trigger_sql(t: &SyncTable) -> String {
    let n = t.name;
    let new_key = match t.rowid {
        Some(r) => format!("json_array((SELECT uid FROM {n} WHERE {r} = NEW.{r}))"),
        None => key_of("NEW.", t),
    };
    let old_key = key_of("OLD.", t);
    let fill_uid = match t.rowid {
        Some(r) => format!(
            "    UPDATE {n} SET uid = lower(hex(randomblob(16))) WHERE {r} = NEW.{r} AND uid IS NULL;\n"
        ),
        None => String::new(),
    };
    let upd_when = match t.rowid {
        Some(_) => " AND OLD.uid IS NOT NULL",
        None => "",
    };
    let live = "(SELECT applying FROM sync_state) = 0";
    // Delete, then insert: an `OR REPLACE` here would be overridden by the conflict policy of
    // the statement that fired the trigger (an upsert's, for one).
    let record = |key: &str, op: &str, when: &str| {
        format!(
            "    DELETE FROM sync_change WHERE tbl = '{n}' AND key = {key}{when};
    INSERT INTO sync_change (tbl, key, op) SELECT '{n}', {key}, '{op}'{w};
",
            when = if when.is_empty() {
                String::new()
            } else {
                format!(" AND {when}")
            },
            w = if when.is_empty() {
                String::new()
            } else {
                format!(" WHERE {when}")
            },
        )
    };
    let nk = key_of("NEW.", t);
    let moved = format!("{old_key} IS NOT {nk}");
    // A new version of another site's record would change that record.
    let guard_ins = match t.subject {
        Some(col) => {
            let parent = col.trim_end_matches("_id");
            format!(
                "CREATE TRIGGER sync_{n}_guard_ins BEFORE INSERT ON {n}
WHEN {live} AND EXISTS (SELECT 1 FROM sync_owner WHERE tbl = '{parent}' AND key = json_array(NEW.{col}))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.owned {parent}');
END;
"
            )
        }
        None => String::new(),
    };
    format!(
        "CREATE TRIGGER sync_{n}_ins AFTER INSERT ON {n} WHEN {live}
BEGIN
{fill_uid}{ins}END;
CREATE TRIGGER sync_{n}_upd AFTER UPDATE ON {n} WHEN {live}{upd_when}
BEGIN
{moved_del}{upd}END;
CREATE TRIGGER sync_{n}_del AFTER DELETE ON {n} WHEN {live}
BEGIN
{del}END;
CREATE TRIGGER sync_{n}_guard_upd BEFORE UPDATE ON {n}
WHEN {live} AND EXISTS (SELECT 1 FROM sync_owner WHERE tbl = '{n}' AND key = {old_key})
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.owned {n}');
END;
CREATE TRIGGER sync_{n}_guard_del BEFORE DELETE ON {n}
WHEN {live} AND EXISTS (SELECT 1 FROM sync_owner WHERE tbl = '{n}' AND key = {old_key})
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.owned {n}');
END;
{guard_ins}",
        ins = record(&new_key, "put", ""),
        moved_del = record(&old_key, "del", &moved),
        upd = record(&nk, "put", ""),
        del = record(&old_key, "del", ""),
    )
}

/// What migration `since` does for the tables it makes travel: a `uid` where needed, the
/// triggers, and every existing record listed as changed (so the first bundle carries what was
/// there before).
pub fn migration_tables_sql(since: i64) -> String {
    let tables = || TABLES.iter().filter(move |t| t.since == since);
    let mut s = String::new();
    for t in tables() {
        if let Some(r) = t.rowid {
            let n = t.name;
            s.push_str(&format!(
                "ALTER TABLE {n} ADD COLUMN uid TEXT;\nUPDATE {n} SET uid = lower(hex(randomblob(16)));\n"
            ));
            s.push_str(&format!(
                "CREATE UNIQUE INDEX {n}_uid ON {n} (uid);\n-- ({n}.{r} stays local)\n"
            ));
        }
    }
    for t in tables() {
        s.push_str(&format!(
            "INSERT INTO sync_change (tbl, key, op) SELECT '{}', {}, 'put' FROM {};\n",
            t.name,
            key_of("", t),
            t.name
        ));
    }
    for t in tables() {
        s.push_str(&trigger_sql(t));
    }
    s
}

pub(crate) fn columns(conn: &rusqlite::Connection, t: &SyncTable) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols = stmt
        .query_map([t.name], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols
        .into_iter()
        .filter(|c| Some(c.as_str()) != t.rowid)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_hold_the_generated_triggers() {
        let mut since: Vec<i64> = TABLES.iter().map(|t| t.since).collect();
        since.sort();
        since.dedup();
        for since in since {
            let (name, file) = crate::migrate::FILES[since as usize - 1];
            let generated = migration_tables_sql(since);
            if std::env::var_os("BRANCHDESK_BLESS").is_some() {
                let head = file.split(MARK).next().unwrap_or_default();
                let path = format!("{}/migrations/{name}", env!("CARGO_MANIFEST_DIR"));
                std::fs::write(path, format!("{head}{MARK}\n{generated}")).unwrap();
                continue;
            }
            let tail = file.split(MARK).nth(1).unwrap_or_default();
            assert_eq!(
                tail.trim(),
                generated.trim(),
                "migration {name} is out of date: run BRANCHDESK_BLESS=1 cargo test -p branchdesk-store"
            );
        }
    }

    const MARK: &str = "-- ==== generated by store/src/sync.rs (migration_tables_sql) ====";

    #[test]
    fn every_table_with_a_rowid_key_has_a_uid() {
        let s = crate::Store::in_memory().unwrap();
        for t in TABLES {
            let cols = columns(s.conn(), t).unwrap();
            for k in t.key {
                assert!(cols.iter().any(|c| c == k), "{}.{k}", t.name);
            }
            if let Some(r) = t.rowid {
                assert!(!cols.iter().any(|c| c == r), "{}.{r} is not sent", t.name);
            }
        }
    }
}
