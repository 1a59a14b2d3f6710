//! Peers (the sites this one exchanges bundles with), enrolments, the bundle history, bundles
//! held until an earlier one arrives, and announcements.

use std::borrow::Borrow;

use branchdesk_domain::{Announcement, BundleLog, BundleOutcome, Role};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{Reader, Result, Writer};

/// A peer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerRow {
    pub site_id: String,
    pub name: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub sign_key: [u8; 32],
    pub box_key: [u8; 32],
    pub enrol_token: Option<String>,
    pub sent_seq: i64,
    pub sent_upto: i64,
    pub acked_seq: i64,
    pub acked_upto: i64,
    pub recv_seq: i64,
    pub recv_upto: i64,
    pub last_out: Option<String>,
    pub last_in: Option<String>,
    /// At a unit: the proof of the passcode sent with the enrolment token.
    pub enrol_proof: Option<String>,
    /// At headquarters: when the unit's key was revoked.
    pub revoked_at: Option<String>,
    /// The key the peer signed with before it announced new ones.
    pub prev_sign_key: Option<[u8; 32]>,
    /// This site's new keys go to the peer from this bundle number on (0: nothing to announce).
    pub announce_from: i64,
}

impl PeerRow {
    /// A peer just met, with nothing exchanged yet.
    pub fn new(
        site_id: &str,
        name: &str,
        role: Role,
        sign_key: [u8; 32],
        box_key: [u8; 32],
    ) -> PeerRow {
        PeerRow {
            site_id: site_id.to_string(),
            name: name.to_string(),
            role,
            unit_code: None,
            sign_key,
            box_key,
            enrol_token: None,
            sent_seq: 0,
            sent_upto: 0,
            acked_seq: 0,
            acked_upto: 0,
            recv_seq: 0,
            recv_upto: 0,
            last_out: None,
            last_in: None,
            enrol_proof: None,
            revoked_at: None,
            prev_sign_key: None,
            announce_from: 0,
        }
    }
}

const PEER_COLS: &str =
    "site_id, name, role, unit_code, sign_key, box_key, enrol_token, sent_seq, \
    sent_upto, acked_seq, acked_upto, recv_seq, recv_upto, last_out, last_in, \
    enrol_proof, revoked_at, prev_sign_key, announce_from";

fn key32(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<[u8; 32]> {
    let v: Vec<u8> = r.get(i)?;
    v.try_into().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Blob,
            "key length".into(),
        )
    })
}

fn peer_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PeerRow> {
    let role: String = r.get(2)?;
    Ok(PeerRow {
        site_id: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Unit),
        unit_code: r.get(3)?,
        sign_key: key32(r, 4)?,
        box_key: key32(r, 5)?,
        enrol_token: r.get(6)?,
        sent_seq: r.get(7)?,
        sent_upto: r.get(8)?,
        acked_seq: r.get(9)?,
        acked_upto: r.get(10)?,
        recv_seq: r.get(11)?,
        recv_upto: r.get(12)?,
        last_out: r.get(13)?,
        last_in: r.get(14)?,
        enrol_proof: r.get(15)?,
        revoked_at: r.get(16)?,
        prev_sign_key: r
            .get::<_, Option<Vec<u8>>>(17)?
            .and_then(|v| <[u8; 32]>::try_from(v).ok()),
        announce_from: r.get(18)?,
    })
}

fn peers_in(conn: &rusqlite::Connection, id: Option<&str>) -> Result<Vec<PeerRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PEER_COLS} FROM sync_peer WHERE ?1 IS NULL OR site_id = ?1 ORDER BY role DESC, unit_code, name"
    ))?;
    let rows = stmt
        .query_map([id], peer_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An enrolment file headquarters issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub unit_code: String,
    /// Hex of the key derived from the passcode (`None` for files issued before passcodes).
    pub proof_key: Option<String>,
    pub used_by: Option<String>,
    pub used_key: Option<String>,
}

/// A bundle held back until an earlier one arrives.
pub struct HeldBundle {
    pub seq: i64,
    pub from_change: i64,
    pub bundle: Vec<u8>,
}

/// An entry of the bundle history, to write.
#[derive(Clone, Copy)]
pub struct BundleEntry<'a> {
    pub direction: &'a str,
    pub peer_id: Option<&'a str>,
    pub peer_name: &'a str,
    pub kind: &'a str,
    pub seq: Option<i64>,
    pub file: &'a str,
    pub bytes: i64,
    pub records: i64,
    pub outcome: BundleOutcome,
    pub code: &'a str,
    pub message: &'a str,
    /// The payload's SHA-256 (bundles in), to tell a repeat from a different bundle under a
    /// number already seen.
    pub hash: &'a str,
    pub at: &'a str,
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Whether `key` was revoked (and for which site).
    pub fn revoked(&self, key: &[u8; 32]) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT site_id FROM sync_revoked WHERE sign_key = ?1",
                [&key[..]],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// This site's keys before its last rotations, newest first.
    pub fn old_site_keys(&self) -> Result<Vec<[u8; 64]>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT secret FROM site_key_old ORDER BY rowid DESC")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, Vec<u8>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|v| <[u8; 64]>::try_from(v).ok())
            .collect())
    }

    pub fn peers(&self) -> Result<Vec<PeerRow>> {
        peers_in(self.conn(), None)
    }

    /// Bundles in and out, newest first.
    pub fn bundle_log(&self, limit: i64) -> Result<Vec<BundleLog>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, direction, peer_name, kind, seq, file, bytes, records, outcome, code, message, at
             FROM sync_bundle ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit], |r| {
                let outcome: String = r.get(8)?;
                Ok(BundleLog {
                    id: r.get(0)?,
                    direction: r.get(1)?,
                    peer_name: r.get(2)?,
                    kind: r.get(3)?,
                    seq: r.get(4)?,
                    file: r.get(5)?,
                    bytes: r.get(6)?,
                    records: r.get(7)?,
                    outcome: BundleOutcome::parse(&outcome).unwrap_or(BundleOutcome::Refused),
                    code: r.get(9)?,
                    message: r.get(10)?,
                    at: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn held_count(&self, peer: &str) -> Result<i64> {
        Ok(self.held_size(peer)?.0)
    }

    /// Bundles held for `peer`: how many, and their bytes.
    pub fn held_size(&self, peer: &str) -> Result<(i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT count(*), coalesce(sum(length(bundle)), 0) FROM sync_pending WHERE peer_id = ?1",
            [peer],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Enrolment files not used yet: (unit code, issued at).
    pub fn open_enrolments(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT unit_code, issued_at FROM sync_enrolment WHERE used_by IS NULL ORDER BY issued_at",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Announcements, newest first, with whether this site's user has seen them.
    pub fn announcements(&self) -> Result<Vec<Announcement>> {
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.unit_id, a.title, a.body, a.published_at, a.by, s.id IS NOT NULL
             FROM announcement a LEFT JOIN announcement_seen s ON s.id = a.id
             ORDER BY a.published_at DESC, a.id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Announcement {
                    id: r.get(0)?,
                    unit_id: r.get(1)?,
                    title: r.get(2)?,
                    body: r.get(3)?,
                    published_at: r.get(4)?,
                    by: r.get(5)?,
                    seen: r.get(6)?,
                    reads: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Which units have read an announcement: (unit id, when, by whom), in the order they read.
    pub fn announcement_reads(&self, id: &str) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, read_at, read_by FROM announcement_read WHERE announcement_id = ?1 ORDER BY read_at, unit_id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    pub fn peer(&self, site_id: &str) -> Result<Option<PeerRow>> {
        Ok(peers_in(self.tx, Some(site_id))?.pop())
    }

    pub fn put_peer(&self, p: &PeerRow, at: &str) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO sync_peer ({PEER_COLS}, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
                 ON CONFLICT (site_id) DO UPDATE SET name = excluded.name, role = excluded.role,
                   unit_code = excluded.unit_code, sign_key = excluded.sign_key,
                   box_key = excluded.box_key, enrol_token = excluded.enrol_token,
                   sent_seq = excluded.sent_seq, sent_upto = excluded.sent_upto,
                   acked_seq = excluded.acked_seq, acked_upto = excluded.acked_upto,
                   recv_seq = excluded.recv_seq, recv_upto = excluded.recv_upto,
                   last_out = excluded.last_out, last_in = excluded.last_in,
                   enrol_proof = excluded.enrol_proof, revoked_at = excluded.revoked_at,
                   prev_sign_key = excluded.prev_sign_key, announce_from = excluded.announce_from"
            ),
            params![
                p.site_id,
                p.name,
                p.role.as_str(),
                p.unit_code,
                &p.sign_key[..],
                &p.box_key[..],
                p.enrol_token,
                p.sent_seq,
                p.sent_upto,
                p.acked_seq,
                p.acked_upto,
                p.recv_seq,
                p.recv_upto,
                p.last_out,
                p.last_in,
                p.enrol_proof,
                p.revoked_at,
                p.prev_sign_key.map(|k| k.to_vec()),
                p.announce_from,
                at
            ],
        )?;
        Ok(())
    }

    /// Records an enrolment file issued for `unit_code`, with the key of its passcode.
    pub fn add_enrolment(
        &self,
        token: &str,
        unit_code: &str,
        proof_key: &str,
        at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO sync_enrolment (token, unit_code, issued_at, proof_key) VALUES (?1, ?2, ?3, ?4)",
            params![token, unit_code, at, proof_key],
        )?;
        Ok(())
    }

    /// An enrolment by its token: (unit code, the passcode's key, the site and key that used
    /// it, if any).
    pub fn enrolment(&self, token: &str) -> Result<Option<Enrolment>> {
        Ok(self
            .tx
            .query_row(
                "SELECT unit_code, proof_key, used_by, used_key FROM sync_enrolment WHERE token = ?1",
                [token],
                |r| {
                    Ok(Enrolment {
                        unit_code: r.get(0)?,
                        proof_key: r.get(1)?,
                        used_by: r.get(2)?,
                        used_key: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Marks an enrolment used by `site` with the signing key `key` (hex).
    pub fn use_enrolment(&self, token: &str, site: &str, key: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE sync_enrolment SET used_by = ?2, used_key = ?3 WHERE token = ?1",
            params![token, site, key],
        )?;
        Ok(())
    }

    /// Revokes a peer's signing key: bundles signed with it are refused from now on.
    pub fn revoke(&self, p: &PeerRow, reason: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO sync_revoked (sign_key, site_id, unit_code, at, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![&p.sign_key[..], p.site_id, p.unit_code, at, reason],
        )?;
        Ok(())
    }

    /// Keeps this site's current keys for reading bundles still encrypted to them, and
    /// puts `new` in their place.
    pub fn rotate_site_keys(&self, new: &[u8; 64], at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO site_key_old (secret, retired_at) SELECT secret, ?1 FROM site_key",
            [at],
        )?;
        self.set_site_keys(new)
    }

    pub fn log_bundle(&self, e: &BundleEntry<'_>) -> Result<()> {
        self.tx.execute(
            "INSERT INTO sync_bundle (direction, peer_id, peer_name, kind, seq, file, bytes, records, outcome, code, message, at, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                e.direction,
                e.peer_id,
                e.peer_name,
                e.kind,
                e.seq,
                e.file,
                e.bytes,
                e.records,
                e.outcome.as_str(),
                e.code,
                e.message,
                e.at,
                e.hash
            ],
        )?;
        Ok(())
    }

    /// The payload hash of bundle `seq` to or from `peer` (`direction` `out` or `in`) as sent
    /// or applied here, if it was recorded.
    pub fn bundle_hash(&self, direction: &str, peer: &str, seq: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                "SELECT hash FROM sync_bundle WHERE direction = ?1 AND outcome IN ('applied', 'sent') AND peer_id = ?2 AND seq = ?3 AND hash <> '' ORDER BY id DESC LIMIT 1",
                params![direction, peer, seq],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Moves this site's change numbers past `upto`, so changes made from now on are numbered
    /// after every change a peer has acknowledged (after a restore from a backup).
    pub fn advance_changes(&self, upto: i64) -> Result<()> {
        self.tx.execute(
            "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'sync_change' AND seq < ?1",
            [upto],
        )?;
        self.tx.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_change', ?1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sync_change')",
            [upto],
        )?;
        Ok(())
    }

    pub fn hold(
        &self,
        peer: &str,
        seq: i64,
        from_change: i64,
        bundle: &[u8],
        at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO sync_pending (peer_id, seq, from_change, bundle, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![peer, seq, from_change, bundle, at],
        )?;
        Ok(())
    }

    /// Held bundles of `peer`, in order.
    pub fn held(&self, peer: &str) -> Result<Vec<HeldBundle>> {
        let mut stmt = self.tx.prepare(
            "SELECT seq, from_change, bundle FROM sync_pending WHERE peer_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([peer], |r| {
                Ok(HeldBundle {
                    seq: r.get(0)?,
                    from_change: r.get(1)?,
                    bundle: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn drop_held(&self, peer: &str, seq: i64) -> Result<()> {
        self.tx.execute(
            "DELETE FROM sync_pending WHERE peer_id = ?1 AND seq = ?2",
            params![peer, seq],
        )?;
        Ok(())
    }

    pub fn put_announcement(&self, a: &Announcement) -> Result<()> {
        self.tx.execute(
            "INSERT INTO announcement (id, unit_id, title, body, published_at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.id, a.unit_id, a.title, a.body, a.published_at, a.by],
        )?;
        Ok(())
    }

    /// A unit's read receipt of an announcement (the first one stays).
    pub fn put_announcement_read(&self, id: &str, unit_id: &str, at: &str, by: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO announcement_read (announcement_id, unit_id, read_at, read_by) VALUES (?1, ?2, ?3, ?4)",
            params![id, unit_id, at, by],
        )?;
        Ok(())
    }

    pub fn mark_seen(&self, id: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO announcement_seen (id, seen_at) VALUES (?1, ?2)",
            params![id, at],
        )?;
        Ok(())
    }
}
