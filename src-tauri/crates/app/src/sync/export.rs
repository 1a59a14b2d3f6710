//! Exporting a bundle for a peer (what it has not acknowledged, or everything).

use std::path::PathBuf;

use branchdesk_domain::{BundleOutcome, ExportReport, Role, TableTally};
use branchdesk_store::sync::{table_label, BundleEntry, PeerRow};
use branchdesk_store::SCHEMA_VERSION;
use branchdesk_sync::{self as bundle, Kind, Manifest, NewKeys, SiteKeys};

use super::{peer_keys, safe_name, Progress, Scope};
use crate::{App, AppError, Result};

/// Where an export's bytes go before the bundle counts as sent: a file written durably (its
/// path), or nowhere (the caller keeps the bytes).
type Save<'a> = &'a mut dyn FnMut(&str, &[u8]) -> Result<Option<PathBuf>>;

impl App {
    /// A bundle for `to` (a peer's site id, unit code or name; may be left out when there is one
    /// peer): the changes it has not acknowledged, or everything with [`Scope::Full`]. The caller
    /// keeps the bytes; the bundle counts as sent.
    pub fn sync_export(
        &mut self,
        to: Option<&str>,
        scope: Scope,
        progress: Progress<'_>,
    ) -> Result<(Vec<u8>, ExportReport)> {
        self.export_with(to, scope, progress, &mut |_, _| Ok(None))
    }

    /// Builds the bundle, hands it to `save`, and only then records it as sent, in the same
    /// transaction: a failed save (a full disk, a pulled stick) records nothing, and a failed
    /// commit removes the file, so a number is never used twice.
    fn export_with(
        &mut self,
        to: Option<&str>,
        scope: Scope,
        progress: Progress<'_>,
        save: Save<'_>,
    ) -> Result<(Vec<u8>, ExportReport)> {
        let started = std::time::Instant::now();
        let peer = self.find_peer(to)?;
        let audience = match peer.role {
            Role::Unit => Some(self.audience(peer.unit_code.as_deref())?),
            Role::Hq => None,
        };
        let current = self.site_keys()?;
        // New keys not yet acknowledged by this peer: the keys it knows sign, and announce
        // the new ones. A site joining with an enrolment token signs with its current keys,
        // which the token's proof vouches for.
        let announcing = peer.announce_from > 0 && peer.enrol_token.is_none();
        let keys = match self.store.old_site_keys()?.first() {
            Some(old) if announcing => SiteKeys::from_bytes(old),
            _ => self.site_keys()?,
        };
        let new_keys = announcing.then(|| {
            let pk = current.public();
            NewKeys {
                sign_key: bundle::hex(&pk.sign),
                box_key: bundle::hex(&pk.boxk),
            }
        });
        let mut sender = self.sender()?;
        let signer = keys.public();
        sender.sign_key = bundle::hex(&signer.sign);
        sender.box_key = bundle::hex(&signer.boxk);
        let lang = self.lang;
        let at = self.ctx.now();
        let mut saved: Option<PathBuf> = None;
        let written = self.store.write(|w| -> Result<(Vec<u8>, ExportReport)> {
            let last = w.sync_last_change()?;
            let full = scope == Scope::Full;
            let after = if full { 0 } else { peer.acked_upto.min(last) };
            let steps = branchdesk_store::sync::TABLES.len() + 2;
            let payload =
                w.sync_export(after, full, audience.as_ref(), &mut |i| progress(i, steps))?;
            let plain =
                serde_json::to_vec(&payload).map_err(|e| AppError::Export(e.to_string()))?;
            let seq = peer.sent_seq + 1;
            let mut m = Manifest {
                kind: if full { Kind::Full } else { Kind::Changes },
                schema: SCHEMA_VERSION,
                sender,
                recipient: peer.site_id.clone(),
                recipient_name: peer.name.clone(),
                seq,
                from_change: after + 1,
                to_change: last,
                ack_seq: peer.recv_seq,
                ack_upto: peer.recv_upto,
                ack_sha256: w
                    .bundle_hash("in", &peer.site_id, peer.recv_seq)?
                    .unwrap_or_default(),
                counts: payload.counts(),
                created_at: at.clone(),
                enrol_token: peer.enrol_token.clone(),
                enrol_proof: peer.enrol_proof.clone(),
                new_keys: new_keys.clone(),
                encrypted: true,
                payload_sha256: String::new(),
                plain_len: 0,
            };
            let bytes = bundle::write(&mut m, &plain, &keys, Some(&peer_keys(&peer)))
                .map_err(|e| AppError::Export(e.to_string()))?;
            progress(steps - 1, steps);
            let records: i64 = m.counts.values().sum();
            let name = format!(
                "同步包-{}-至-{}-{:04}.bdk",
                safe_name(&m.sender.name),
                safe_name(&peer.name),
                seq
            );
            saved = save(&name, &bytes)?;
            w.put_peer(
                &PeerRow {
                    sent_seq: seq,
                    sent_upto: last,
                    last_out: Some(at.clone()),
                    ..peer.clone()
                },
                &at,
            )?;
            w.log_bundle(&BundleEntry {
                direction: "out",
                peer_id: Some(&peer.site_id),
                peer_name: &peer.name,
                kind: if full { "full" } else { "changes" },
                seq: Some(seq),
                file: &name,
                bytes: bytes.len() as i64,
                records,
                outcome: BundleOutcome::Sent,
                code: "",
                message: "",
                hash: &m.payload_sha256,
                at: &at,
            })?;
            let tables = payload
                .tables
                .iter()
                .map(|t| TableTally {
                    table: t.name.clone(),
                    label: table_label(&t.name, lang),
                    written: t.put.len() as i64,
                    deleted: t.del.len() as i64,
                    kept: 0,
                    aliased: 0,
                })
                .collect();
            let report = ExportReport {
                file: saved.as_ref().map_or(name, |p| p.display().to_string()),
                peer_name: peer.name.clone(),
                seq,
                kind: if full { "full" } else { "changes" }.into(),
                bytes: bytes.len() as i64,
                records,
                tables,
            };
            Ok((bytes, report))
        });
        if written.is_err() {
            if let Some(p) = &saved {
                let _ = std::fs::remove_file(p);
            }
        }
        let (bytes, report) = written?;
        progress(1, 1);
        tracing::info!(
            bytes = report.bytes,
            records = report.records,
            seq = report.seq,
            kind = %report.kind,
            ms = started.elapsed().as_millis() as u64,
            "bundle exported"
        );
        Ok((bytes, report))
    }

    /// Headquarters: a bundle for every enrolled unit, each saved into `dir`.
    pub fn sync_export_all(
        &mut self,
        dir: &std::path::Path,
        scope: Scope,
    ) -> Result<Vec<ExportReport>> {
        let units: Vec<String> = self
            .store
            .peers()?
            .into_iter()
            .filter(|p| p.role == Role::Unit)
            .map(|p| p.site_id)
            .collect();
        let mut out = Vec::new();
        for id in units {
            let (_, r) =
                self.export_with(Some(&id), scope, &mut |_, _| {}, &mut |name, bytes| {
                    save_into(dir, name, bytes)
                })?;
            out.push(r);
        }
        Ok(out)
    }

    /// [`App::sync_export`] into the export folder; the report names the full path.
    pub fn sync_export_to_dir(
        &mut self,
        to: Option<&str>,
        scope: Scope,
        progress: Progress<'_>,
    ) -> Result<ExportReport> {
        self.sync_export_into(&crate::shared::files::export_dir(), to, scope, progress)
    }

    /// [`App::sync_export`] into the folder `dir`, under the bundle's own name.
    pub fn sync_export_into(
        &mut self,
        dir: &std::path::Path,
        to: Option<&str>,
        scope: Scope,
        progress: Progress<'_>,
    ) -> Result<ExportReport> {
        let (_, r) = self.export_with(to, scope, progress, &mut |name, bytes| {
            save_into(dir, name, bytes)
        })?;
        Ok(r)
    }

    /// [`App::sync_export`] into `path` exactly (the command line's `--out`).
    pub fn sync_export_to(
        &mut self,
        to: Option<&str>,
        scope: Scope,
        path: &std::path::Path,
    ) -> Result<ExportReport> {
        let (_, r) = self.export_with(to, scope, &mut |_, _| {}, &mut |_, bytes| {
            crate::shared::files::write_durably(path, bytes)?;
            Ok(Some(path.to_path_buf()))
        })?;
        Ok(r)
    }
}

/// Saves a bundle under its name in `dir` (never over another file).
fn save_into(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Result<Option<PathBuf>> {
    let paths = crate::shared::files::save_files(dir, &[(name.to_string(), bytes.to_vec())])?;
    Ok(paths.into_iter().next())
}
