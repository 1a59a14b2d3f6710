//! Sites for the sync tests: headquarters, units, enrolment and bundles both ways, and a
//! digest of every row to tell that nothing changed.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use branchdesk_app::org::UnitInput;
use branchdesk_app::sync::{ImportOptions, Scope};
use branchdesk_app::{App, Ctx, InitOptions};
use branchdesk_domain::{BundleOutcome, Lang, Role, UnitAttrs, UnitKind};

use super::unit;

pub fn site(dir: &Path, file: &str, name: &str, role: Role, demo: bool) -> App {
    App::init(
        &dir.join(file),
        &InitOptions {
            demo,
            site_name: Some(name.into()),
            group_name: Some("齐鲁示范保险集团".into()),
            role,
            language: Lang::Zh,
            accounts: branchdesk_app::Accounts::None,
        },
        Ctx::local(),
    )
    .unwrap()
}

pub fn add_unit(
    app: &mut App,
    code: &str,
    name: &str,
    kind: UnitKind,
    parent: Option<&str>,
) -> String {
    let parent_id = parent.map(|p| unit(app, p));
    app.org_save_unit(&UnitInput {
        id: None,
        code: code.into(),
        attrs: UnitAttrs {
            name: name.into(),
            kind,
            parent_id,
            control_mode: None,
            ownership: None,
            industry: String::new(),
            econ_assessed: false,
            sort: 0,
            ..Default::default()
        },
        effective: "2016-01-01".into(),
        note: None,
    })
    .unwrap()
    .id
}

/// A unit site of its own: the group (as every site starts from it) and its branch.
pub fn jinan(dir: &Path) -> App {
    let mut app = site(dir, "jn.db", "济南市分公司", Role::Unit, false);
    add_unit(&mut app, "QL", "齐鲁示范保险集团", UnitKind::Group, None);
    add_unit(&mut app, "JN", "济南市分公司", UnitKind::Branch, Some("QL"));
    add_unit(
        &mut app,
        "JN-OFF",
        "办公室",
        UnitKind::Department,
        Some("JN"),
    );
    app
}

/// `unit` joins `hq` under `code` with the enrolment file and its passcode.
pub fn join(hq: &mut App, unit: &mut App, code: &str) -> branchdesk_domain::ImportReport {
    let e = hq.sync_enrol(code).unwrap();
    unit.sync_import_with(
        &e.bytes,
        "enrol.bdk",
        &ImportOptions {
            passcode: Some(e.passcode),
        },
    )
    .unwrap()
}

/// Enrols `unit` at `hq` under `code` and brings its first bundle in.
pub fn enrol(hq: &mut App, unit: &mut App, code: &str) -> branchdesk_domain::ImportReport {
    let joined = join(hq, unit, code);
    assert_eq!(joined.outcome, BundleOutcome::Applied, "{}", joined.message);
    let (b1, _) = unit
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    hq.sync_import(&b1, "b1.bdk").unwrap()
}

pub fn down(hq: &mut App, unit: &mut App, code: &str) -> branchdesk_domain::ImportReport {
    let (b, _) = hq
        .sync_export(Some(code), Scope::Changes, &mut |_, _| {})
        .unwrap();
    unit.sync_import(&b, "down.bdk").unwrap()
}

pub fn up(unit: &mut App, hq: &mut App) -> branchdesk_domain::ImportReport {
    let (b, _) = unit
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    hq.sync_import(&b, "up.bdk").unwrap()
}

/// Every row of every table but the bundle history, sorted: equal digests mean nothing
/// changed.
pub fn digest(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    digest_of(&c, &["sync_bundle"])
}

/// Every row of every table on `c` whose name does not start with one of `except`, sorted.
pub fn digest_of(c: &rusqlite::Connection, except: &[&str]) -> Vec<String> {
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| !except.iter().any(|e| t.starts_with(e)))
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut s = t.clone();
                for i in 0..n {
                    s.push_str(&format!("|{:?}", r.get_ref(i)?));
                }
                Ok(s)
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

fn open(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap()
}

/// A bundle from the site whose database is `from_db` to the site whose database is `to_db`,
/// carrying `tables` (`[{"name", "cols", "put", "del"}]`), numbered as the recipient expects
/// next, signed and encrypted with the sender's own keys exactly as `sync export` does: what a
/// properly enrolled site that edits its own database file can send.
pub fn craft(from_db: &Path, to_db: &Path, tables: serde_json::Value) -> Vec<u8> {
    use branchdesk_sync::{hex, Kind, Manifest, PublicKeys, Sender, SiteKeys};
    let from = open(from_db);
    let to = open(to_db);
    let secret: Vec<u8> = from
        .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
        .unwrap();
    let keys = SiteKeys::from_bytes(&secret.try_into().unwrap());
    let (site_id, name, role): (String, String, String) = from
        .query_row("SELECT id, name, role FROM site", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let (to_id, to_name): (String, String) = to
        .query_row("SELECT id, name FROM site", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let (sign, boxk): (Vec<u8>, Vec<u8>) = from
        .query_row(
            "SELECT sign_key, box_key FROM sync_peer WHERE site_id = ?1",
            [&to_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (recv_seq, recv_upto): (i64, i64) = to
        .query_row(
            "SELECT recv_seq, recv_upto FROM sync_peer WHERE site_id = ?1",
            [&site_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let pk = keys.public();
    let mut m = Manifest {
        kind: Kind::Changes,
        schema: branchdesk_store::SCHEMA_VERSION,
        sender: Sender {
            site_id,
            name,
            role,
            sign_key: hex(&pk.sign),
            box_key: hex(&pk.boxk),
        },
        recipient: to_id,
        recipient_name: to_name,
        seq: recv_seq + 1,
        from_change: recv_upto + 1,
        to_change: recv_upto + 1,
        ack_seq: 0,
        ack_upto: 0,
        ack_sha256: String::new(),
        counts: Default::default(),
        created_at: "2016-12-05T10:00:00Z".into(),
        enrol_token: None,
        enrol_proof: None,
        new_keys: None,
        encrypted: true,
        payload_sha256: String::new(),
        plain_len: 0,
    };
    let plain = serde_json::to_vec(&serde_json::json!({ "tables": tables })).unwrap();
    let to_keys = PublicKeys {
        sign: sign.try_into().unwrap(),
        boxk: boxk.try_into().unwrap(),
    };
    branchdesk_sync::write(&mut m, &plain, &keys, Some(&to_keys)).unwrap()
}

/// One table of a crafted bundle, from rows given as JSON objects (all with the same keys).
pub fn rows(name: &str, put: &[serde_json::Value]) -> serde_json::Value {
    let cols: Vec<String> = put
        .first()
        .and_then(|r| r.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let put: Vec<Vec<serde_json::Value>> = put
        .iter()
        .map(|r| cols.iter().map(|c| r[c].clone()).collect())
        .collect();
    serde_json::json!({ "name": name, "cols": cols, "put": put, "del": [] })
}

/// A row of `table` as `db` holds it, as a JSON object of its columns (drop a local integer
/// key such as `rev` before sending it).
pub fn row_of(db: &Path, table: &str, filter: &str) -> serde_json::Value {
    let c = open(db);
    let mut stmt = c
        .prepare(&format!("SELECT * FROM {table} WHERE {filter} LIMIT 1"))
        .unwrap();
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    stmt.query_row([], |r| {
        let mut o = serde_json::Map::new();
        for (i, n) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => serde_json::Value::Null,
                rusqlite::types::ValueRef::Integer(x) => x.into(),
                rusqlite::types::ValueRef::Real(x) => x.into(),
                rusqlite::types::ValueRef::Text(t) => {
                    String::from_utf8_lossy(t).into_owned().into()
                }
                rusqlite::types::ValueRef::Blob(_) => continue,
            };
            o.insert(n.clone(), v);
        }
        Ok(serde_json::Value::Object(o))
    })
    .unwrap()
}
