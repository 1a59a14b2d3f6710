//! 同步: bundles between units and headquarters. Enrolment (HQ signs an invitation for a unit
//! code with a one-time token; the unit pins HQ's key; the unit's first bundle carries the
//! token, which pins the unit's key at HQ), export (what the peer has not acknowledged, or
//! everything), import (every check in order, each with its code; then the sequence; then one
//! transaction), announcements, and headquarters' decisions on units' records.
//!
//! Files: `enrol`, `export`, `import`, `keys` (rotation and revocation), `announce`,
//! `decisions`.

mod announce;
mod decisions;
mod enrol;
mod export;
mod import;
mod keys;

pub use enrol::Enrolment;
pub use import::ImportOptions;

use std::collections::HashSet;

use branchdesk_domain::{Lang, Peer, SyncStatus, TableTally};
use branchdesk_store::sync::{table_label, ApplyReport, Audience, PeerRow};
use branchdesk_store::Writer;
use branchdesk_sync::{self as bundle, Limits, PublicKeys, Sender, SiteKeys};

use crate::{App, AppError, Result};

/// The unit code this site joined headquarters as.
const KEY_UNIT_CODE: &str = "sync_unit_code";
/// The most a bundle may hold once decompressed, in MiB (default: [`Limits::BUNDLE`]).
const KEY_MAX_BUNDLE_MIB: &str = "sync_max_bundle_mib";

fn tallies(r: &ApplyReport, lang: Lang) -> Vec<TableTally> {
    r.tables
        .iter()
        .map(|(t, c)| TableTally {
            table: t.clone(),
            label: table_label(t, lang),
            written: c.written,
            deleted: c.deleted,
            kept: c.kept,
            aliased: c.aliased,
        })
        .collect()
}

fn refused(code: &'static str, zh: String, en: String) -> AppError {
    AppError::Sync { code, zh, en }
}

fn peer_keys(p: &PeerRow) -> PublicKeys {
    PublicKeys {
        sign: p.sign_key,
        boxk: p.box_key,
    }
}

/// What [`App::sync_export`] and the window report as they go: (step, of steps).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// What an export carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What the peer has not acknowledged yet.
    Changes,
    /// Everything this site owns (a new headquarters, a rebuilt laptop, a restored unit).
    Full,
}

impl App {
    /// How far a bundle may expand here: [`Limits::BUNDLE`], with this site's ceiling if set.
    pub(crate) fn limits(&self) -> Result<Limits> {
        let mib = self
            .store
            .setting(KEY_MAX_BUNDLE_MIB)?
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|m| (1..=4096).contains(m));
        Ok(match mib {
            Some(m) => Limits {
                ceiling: m << 20,
                ..Limits::BUNDLE
            },
            None => Limits::BUNDLE,
        })
    }

    /// The largest bundle file this site reads: no bundle is larger than what it expands to.
    pub(crate) fn max_bundle_file(&self) -> Result<u64> {
        Ok(self.limits()?.ceiling)
    }

    pub(crate) fn site_keys(&self) -> Result<SiteKeys> {
        match self.store.site_keys()? {
            Some(b) => Ok(SiteKeys::from_bytes(&b)),
            None => Err(AppError::Export("site keys missing".into())),
        }
    }

    /// Keys for a database made before sync existed (or just now by `init`).
    pub(crate) fn ensure_site_keys(w: &Writer<'_>) -> Result<()> {
        if w.site_keys()?.is_none() {
            let k = SiteKeys::generate().map_err(|e| AppError::Export(e.to_string()))?;
            w.set_site_keys(&k.to_bytes())?;
        }
        Ok(())
    }

    fn sender(&self) -> Result<Sender> {
        let site = self.store.site()?;
        let pk = self.site_keys()?.public();
        Ok(Sender {
            site_id: site.id,
            name: site.name,
            role: site.role.as_str().to_string(),
            sign_key: bundle::hex(&pk.sign),
            box_key: bundle::hex(&pk.boxk),
        })
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let site = self.store.site()?;
        let mut peers = Vec::new();
        for p in self.store.peers()? {
            peers.push(Peer {
                fingerprint: peer_keys(&p).fingerprint(),
                revoked_at: p.revoked_at.clone(),
                unacked_changes: self.store.sync_pending_changes(p.acked_upto)?,
                held: self.store.held_count(&p.site_id)?,
                site_id: p.site_id,
                name: p.name,
                role: p.role,
                unit_code: p.unit_code,
                sent_seq: p.sent_seq,
                acked_seq: p.acked_seq,
                recv_seq: p.recv_seq,
                last_out: p.last_out,
                last_in: p.last_in,
            });
        }
        Ok(SyncStatus {
            fingerprint: self.site_keys()?.public().fingerprint(),
            unit_code: self.store.setting(KEY_UNIT_CODE)?,
            site,
            peers,
            history: self.store.bundle_log(200)?,
            open_enrolments: self
                .store
                .open_enrolments()?
                .into_iter()
                .map(|(code, _)| code)
                .collect(),
        })
    }

    fn find_peer(&self, to: Option<&str>) -> Result<PeerRow> {
        let peers = self.store.peers()?;
        let names = || {
            peers
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
                .join("、")
        };
        if peers.is_empty() {
            return Err(refused(
                "sync.no_peer",
                "本站还没有同步对象。单位请先导入总部签发的入网文件；总部请先导入单位的第一个同步包。".into(),
                "This site has no peer yet. A unit imports the enrolment file from headquarters first; headquarters imports the unit's first bundle.".into(),
            ));
        }
        let found: Vec<&PeerRow> = match to.map(str::trim).filter(|t| !t.is_empty()) {
            None => peers.iter().collect(),
            Some(t) => peers
                .iter()
                .filter(|p| p.site_id == t || p.name == t || p.unit_code.as_deref() == Some(t))
                .collect(),
        };
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(refused(
                "sync.unknown_peer",
                format!(
                    "没有名为「{}」的同步对象。现有：{}。",
                    to.unwrap_or_default(),
                    names()
                ),
                format!(
                    "There is no peer \u{201c}{}\u{201d}. Peers: {}.",
                    to.unwrap_or_default(),
                    names()
                ),
            )),
            _ => Err(refused(
                "sync.choose_peer",
                format!("请指定接收方（--to 单位编码或名称）。现有：{}。", names()),
                format!(
                    "Say which peer the bundle is for (--to CODE or name). Peers: {}.",
                    names()
                ),
            )),
        }
    }

    /// What headquarters may send to the unit with `code`: rows of that unit, the units below
    /// and above it, and no secret document outside its scope.
    fn audience(&self, code: Option<&str>) -> Result<Audience> {
        let units = self.store.units(None)?;
        let Some(root) = code.and_then(|c| units.iter().find(|u| u.code == c)) else {
            return Ok(Audience::default());
        };
        let mut ids: Vec<String> = vec![root.id.clone()];
        // Below: every unit whose chain of parents reaches the root.
        let mut i = 0;
        while i < ids.len() {
            let cur = ids[i].clone();
            for u in &units {
                if u.attrs.parent_id.as_deref() == Some(cur.as_str()) && !ids.contains(&u.id) {
                    ids.push(u.id.clone());
                }
            }
            i += 1;
        }
        // Above.
        let mut up = root.attrs.parent_id.clone();
        while let Some(p) = up {
            if ids.contains(&p) {
                break;
            }
            ids.push(p.clone());
            up = units
                .iter()
                .find(|u| u.id == p)
                .and_then(|u| u.attrs.parent_id.clone());
        }
        let visible: HashSet<String> = self
            .outgoing_list(Some(&root.id))?
            .into_iter()
            .map(|d| d.id)
            .collect();
        let hidden_docs = self
            .store
            .outgoing_docs()?
            .into_iter()
            .filter(|d| !visible.contains(&d.id))
            .map(|d| d.id)
            .collect();
        Ok(Audience {
            units: ids,
            hidden_docs,
        })
    }
}

/// A name safe in a file name on every system.
fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}
