//! Enrolment: headquarters invites a unit; the unit joins with the file.

use branchdesk_domain::{BundleOutcome, ImportReport, Role};
use branchdesk_store::sync::{BundleEntry, Payload, PeerRow};
use branchdesk_store::SCHEMA_VERSION;
use branchdesk_sync::{self as bundle, Kind, Manifest, SiteKeys};

use super::import::format_error;
use super::{refused, KEY_UNIT_CODE};
use crate::{App, AppError, Result};

pub(super) fn random_token() -> Result<String> {
    let k = SiteKeys::generate().map_err(|e| AppError::Export(e.to_string()))?;
    Ok(bundle::hex(&k.public().sign[..16]))
}

impl App {
    /// Headquarters: an enrolment file for the unit with `unit_code` (its bytes and a file name).
    pub fn sync_enrol(&mut self, unit_code: &str) -> Result<(Vec<u8>, String)> {
        let site = self.store.site()?;
        if site.role != Role::Hq {
            return Err(refused(
                "sync.not_hq",
                "只有总部可以签发入网文件。本站是单位；请在设置中确认本站角色。".into(),
                "Only headquarters issues enrolment files; this site is a unit.".into(),
            ));
        }
        let code = unit_code.trim();
        if code.is_empty() || code.chars().count() > 40 {
            return Err(AppError::invalid(
                "unit_code",
                "请填写单位编码（如 ZB），不超过40个字符。",
                "Enter the unit's code (e.g. ZB), at most 40 characters.",
            ));
        }
        let token = random_token()?;
        let keys = self.site_keys()?;
        let mut m = Manifest {
            kind: Kind::Enrol,
            schema: SCHEMA_VERSION,
            sender: self.sender()?,
            recipient: String::new(),
            recipient_name: code.to_string(),
            seq: 0,
            from_change: 0,
            to_change: 0,
            ack_seq: 0,
            ack_upto: 0,
            ack_sha256: String::new(),
            counts: Default::default(),
            created_at: self.ctx.now(),
            enrol_token: None,
            encrypted: false,
            payload_sha256: String::new(),
            plain_len: 0,
        };
        let mut payload = Payload::default();
        payload.extra.insert("unit_code".into(), code.to_string());
        payload.extra.insert("token".into(), token.clone());
        let plain = serde_json::to_vec(&payload).map_err(|e| AppError::Export(e.to_string()))?;
        let bytes = bundle::write(&mut m, &plain, &keys, None)
            .map_err(|e| AppError::Export(e.to_string()))?;
        let name = format!("入网文件-{code}.bdk");
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            w.add_enrolment(&token, code, &at)?;
            w.log_bundle(&BundleEntry {
                direction: "out",
                peer_id: None,
                peer_name: code,
                kind: "enrol",
                seq: None,
                file: &name,
                bytes: bytes.len() as i64,
                records: 0,
                outcome: BundleOutcome::Sent,
                code: "",
                message: "",
                hash: "",
                at: &at,
            })?;
            Ok(())
        })?;
        Ok((bytes, name))
    }

    /// [`App::sync_enrol`] into the export folder; returns the full path.
    pub fn sync_enrol_to_dir(&mut self, unit_code: &str) -> Result<String> {
        let (bytes, name) = self.sync_enrol(unit_code)?;
        let path = crate::shared::files::save_files(
            &crate::shared::files::export_dir(),
            &[(name, bytes)],
        )?;
        Ok(path
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default())
    }

    /// A unit imports headquarters' enrolment file.
    pub(super) fn join(&mut self, parsed: &bundle::Parsed<'_>, file: &str) -> Result<ImportReport> {
        let m = &parsed.manifest;
        let site = self.store.site()?;
        if site.role != Role::Unit || m.sender.role != "hq" {
            return Err(refused(
                "sync.wrong_role",
                "入网文件由总部签发、由单位导入。本站不是单位，或文件不是总部签发的。".into(),
                "Enrolment files are issued by headquarters and imported by units; this site is not a unit or the file is not from headquarters.".into(),
            ));
        }
        let pk = m.sender.keys().map_err(|e| format_error(&e))?;
        parsed.check_hash().map_err(|e| format_error(&e))?;
        parsed.verify(&pk.sign).map_err(|e| format_error(&e))?;
        let payload: Payload = serde_json::from_slice(
            &parsed
                .open(&self.site_keys()?, &bundle::Limits::ENROL)
                .map_err(|e| format_error(&e))?,
        )
        .map_err(|e| AppError::Store(branchdesk_store::Error::SyncPayload(e.to_string())))?;
        let (Some(code), Some(token)) =
            (payload.extra.get("unit_code"), payload.extra.get("token"))
        else {
            return Err(AppError::Store(branchdesk_store::Error::SyncPayload(
                "enrolment without unit code or token".into(),
            )));
        };
        if self.store.unit_id_by_code(code)?.is_none() {
            return Err(refused(
                "sync.unknown_unit",
                format!("入网文件是为单位编码 {code} 签发的，但本库中没有这个编码的单位。请在组织架构中核对本单位的编码，或请总部按正确编码重新签发。"),
                format!("The enrolment file is for unit code {code}, but this database has no unit with that code. Check your unit's code under 组织架构, or ask headquarters for a file with the right code."),
            ));
        }
        let peers = self.store.peers()?;
        if let Some(p) = peers.iter().find(|p| p.role == Role::Hq) {
            if p.site_id != m.sender.site_id {
                return Err(refused(
                    "sync.already_joined",
                    format!("本站已加入总部「{}」，不能再加入「{}」。", p.name, m.sender.name),
                    format!("This site has already joined \u{201c}{}\u{201d} and cannot join \u{201c}{}\u{201d} as well.", p.name, m.sender.name),
                ));
            }
        }
        let lang = self.lang;
        let at = self.ctx.now();
        let again = peers.iter().any(|p| p.site_id == m.sender.site_id);
        let message = if again {
            lang.pick(
                format!("本站已以单位编码 {code} 加入「{}」，本次未作改动。", m.sender.name),
                format!("This site has already joined \u{201c}{}\u{201d} as unit {code}; nothing was changed.", m.sender.name),
            )
        } else {
            lang.pick(
                format!("已加入「{}」（单位编码 {code}，总部密钥指纹 {}）。现在可以导出第一个同步包交给总部。", m.sender.name, pk.fingerprint()),
                format!("Joined \u{201c}{}\u{201d} as unit {code} (headquarters' key fingerprint {}). You can now export the first bundle for headquarters.", m.sender.name, pk.fingerprint()),
            )
        };
        self.store.write(|w| -> Result<()> {
            if !again {
                w.put_peer(
                    &PeerRow {
                        site_id: m.sender.site_id.clone(),
                        name: m.sender.name.clone(),
                        role: Role::Hq,
                        unit_code: None,
                        sign_key: pk.sign,
                        box_key: pk.boxk,
                        enrol_token: Some(token.clone()),
                        sent_seq: 0,
                        sent_upto: 0,
                        acked_seq: 0,
                        acked_upto: 0,
                        recv_seq: 0,
                        recv_upto: 0,
                        last_out: None,
                        last_in: None,
                    },
                    &at,
                )?;
                w.set_setting(KEY_UNIT_CODE, code)?;
            }
            w.log_bundle(&BundleEntry {
                direction: "in",
                peer_id: Some(&m.sender.site_id),
                peer_name: &m.sender.name,
                kind: "enrol",
                seq: None,
                file,
                bytes: 0,
                records: 0,
                outcome: if again {
                    BundleOutcome::Duplicate
                } else {
                    BundleOutcome::Applied
                },
                code: "",
                message: &message,
                hash: "",
                at: &at,
            })?;
            Ok(())
        })?;
        Ok(ImportReport {
            outcome: if again {
                BundleOutcome::Duplicate
            } else {
                BundleOutcome::Applied
            },
            peer_name: m.sender.name.clone(),
            seq: 0,
            kind: "enrol".into(),
            records: 0,
            tables: Vec::new(),
            also_applied: Vec::new(),
            message,
        })
    }
}
