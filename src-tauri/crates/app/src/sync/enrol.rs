//! Enrolment: headquarters invites a unit; the unit joins with the file and the passcode
//! headquarters read out by phone (see [`branchdesk_sync::enrol`]).
//!
//! * Headquarters issues a file for a unit code and shows a passcode that is not in the file.
//! * The unit imports the file with the passcode: a wrong passcode, or a file whose keys are
//!   not the ones the passcode vouches for (a swapped file), is refused. A unit that has joined
//!   refuses a file with other keys, by name; a new file from the same headquarters (after its
//!   key was revoked) joins again.
//! * The unit's first bundles carry the token and a proof of the passcode over its own keys;
//!   headquarters registers those keys only if the proof holds (a stolen file alone registers
//!   nobody), and binds the token to them: a second use with another key is refused and stays
//!   in the history.

use branchdesk_domain::{BundleOutcome, ImportReport, Role};
use branchdesk_store::sync::{BundleEntry, Payload, PeerRow};
use branchdesk_store::Writer;
use branchdesk_store::SCHEMA_VERSION;
use branchdesk_sync::{self as bundle, enrol, Kind, Manifest, SiteKeys};
use serde::Serialize;
use ts_rs::TS;

use super::import::format_error;
use super::{refused, KEY_UNIT_CODE};

/// The token of the enrolment file this site joined with last.
const KEY_ENROL_TOKEN: &str = "sync_enrol_token";
use crate::{App, AppError, Result};

pub(super) fn random_token() -> Result<String> {
    let k = SiteKeys::generate().map_err(|e| AppError::Export(e.to_string()))?;
    Ok(bundle::hex(&k.public().sign[..16]))
}

/// An enrolment file headquarters issued, and the passcode to read out to the unit by phone
/// (never sent with the file).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Enrolment {
    /// The file's name, or its full path once saved.
    pub file: String,
    pub unit_code: String,
    pub passcode: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl App {
    /// Headquarters: an enrolment file for the unit with `unit_code`, and its passcode.
    pub fn sync_enrol(&mut self, unit_code: &str) -> Result<Enrolment> {
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
        crate::shared::input::check_chars("unit_code", ("单位编码", "unit code"), code)?;
        let token = random_token()?;
        let passcode = enrol::passcode().map_err(|e| AppError::Export(e.to_string()))?;
        let key = enrol::key(&passcode, &token);
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
            enrol_proof: None,
            new_keys: None,
            encrypted: false,
            payload_sha256: String::new(),
            plain_len: 0,
        };
        let mut payload = Payload::default();
        payload.extra.insert("unit_code".into(), code.to_string());
        payload.extra.insert("token".into(), token.clone());
        payload.extra.insert(
            "hq_mac".into(),
            enrol::hq_mac(&key, &keys.public(), &token, code),
        );
        let plain = serde_json::to_vec(&payload).map_err(|e| AppError::Export(e.to_string()))?;
        let bytes = bundle::write(&mut m, &plain, &keys, None)
            .map_err(|e| AppError::Export(e.to_string()))?;
        let name = format!("入网文件-{code}.bdk");
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            w.add_enrolment(&token, code, &bundle::hex(&key), &at)?;
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
        Ok(Enrolment {
            file: name,
            unit_code: code.to_string(),
            passcode,
            bytes,
        })
    }

    /// [`App::sync_enrol`] into the export folder; the enrolment names the full path.
    pub fn sync_enrol_to_dir(&mut self, unit_code: &str) -> Result<Enrolment> {
        let mut e = self.sync_enrol(unit_code)?;
        e.file = crate::shared::files::save(e.file.clone(), e.bytes.clone())?;
        Ok(e)
    }

    /// A unit imports headquarters' enrolment file, with the passcode headquarters read out.
    pub(super) fn join(
        &mut self,
        parsed: &bundle::Parsed<'_>,
        file: &str,
        passcode: Option<&str>,
    ) -> Result<ImportReport> {
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
        let peers = self.store.peers()?;
        let hq = peers.iter().find(|p| p.role == Role::Hq);
        if let Some(p) = hq {
            if p.site_id != m.sender.site_id {
                return Err(refused(
                    "sync.already_joined",
                    format!("本站已加入总部「{}」，不能再加入「{}」。", p.name, m.sender.name),
                    format!("This site has already joined \u{201c}{}\u{201d} and cannot join \u{201c}{}\u{201d} as well.", p.name, m.sender.name),
                ));
            }
            let known = branchdesk_sync::PublicKeys {
                sign: p.sign_key,
                boxk: p.box_key,
            };
            if known != pk {
                return Err(refused(
                    "sync.key_mismatch",
                    format!("本站已加入「{}」（总部密钥指纹 {}），而这个入网文件的密钥指纹是 {}，与之不符：文件可能被替换。已拒绝；请与总部电话核对指纹。", p.name, known.fingerprint(), pk.fingerprint()),
                    format!("This site has joined \u{201c}{}\u{201d} (key fingerprint {}), but this enrolment file's key fingerprint is {}: the file may have been swapped. Refused; compare fingerprints with headquarters by phone.", p.name, known.fingerprint(), pk.fingerprint()),
                ));
            }
        }
        parsed.check_hash().map_err(|e| format_error(&e))?;
        parsed.verify(&pk.sign).map_err(|e| format_error(&e))?;
        let Some(typed) = passcode.map(str::trim).filter(|p| !p.is_empty()) else {
            return Err(refused(
                "sync.passcode_needed",
                format!("这是「{}」签发的入网文件。请输入总部通过电话告知的入网口令（16 位，如 7KQ4-M2XD-9RTA-HW3B）后再导入。", m.sender.name),
                format!("This is an enrolment file from \u{201c}{}\u{201d}. Enter the passcode headquarters read out to you by phone (16 characters, e.g. 7KQ4-M2XD-9RTA-HW3B), then import it.", m.sender.name),
            ));
        };
        let payload: Payload = parsed
            .open_json(&self.site_keys()?, &bundle::Limits::ENROL)
            .map_err(|e| format_error(&e))?;
        let extra = |k: &str| payload.extra.get(k).cloned().unwrap_or_default();
        let (code, token, hq_mac) = (extra("unit_code"), extra("token"), extra("hq_mac"));
        if code.is_empty() || token.is_empty() || hq_mac.is_empty() {
            return Err(refused(
                "sync.old_enrolment",
                "入网文件不完整或由旧版本签发（没有入网口令）。请总部重新签发入网文件并电话告知口令。".into(),
                "The enrolment file is incomplete or from an older version (without a passcode). Ask headquarters for a new file and its passcode.".into(),
            ));
        }
        if enrol::normalize(typed).is_none()
            || !enrol::same(
                &hq_mac,
                &enrol::hq_mac(&enrol::key(typed, &token), &pk, &token, &code),
            )
        {
            return Err(refused(
                "sync.bad_passcode",
                format!("入网口令与这个入网文件不符：口令输错了，或文件不是「{}」发给本单位的那一份（可能被替换）。请与总部电话核对口令和密钥指纹 {}；数据库未作任何改动。", m.sender.name, pk.fingerprint()),
                format!("The passcode does not match this enrolment file: it was mistyped, or the file is not the one \u{201c}{}\u{201d} issued to this unit (it may have been swapped). Check the passcode and the key fingerprint {} with headquarters by phone; nothing was changed.", m.sender.name, pk.fingerprint()),
            ));
        }
        if self.store.unit_id_by_code(&code)?.is_none() {
            return Err(refused(
                "sync.unknown_unit",
                format!("入网文件是为单位编码 {code} 签发的，但本库中没有这个编码的单位。请在组织架构中核对本单位的编码，或请总部按正确编码重新签发。"),
                format!("The enrolment file is for unit code {code}, but this database has no unit with that code. Check your unit's code under 组织架构, or ask headquarters for a file with the right code."),
            ));
        }
        let proof = enrol::unit_proof(
            &enrol::key(typed, &token),
            &self.site_keys()?.public(),
            &token,
        );
        let lang = self.lang;
        let at = self.ctx.now();
        // The same file again: nothing new. Another file from the same headquarters joins again
        // (after headquarters revoked this site's key, or replaced the file).
        let again =
            hq.is_some() && self.store.setting(KEY_ENROL_TOKEN)?.as_deref() == Some(token.as_str());
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
                let mut p = match w.peer(&m.sender.site_id)? {
                    Some(p) => p,
                    None => PeerRow::new(
                        &m.sender.site_id,
                        &m.sender.name,
                        Role::Hq,
                        pk.sign,
                        pk.boxk,
                    ),
                };
                // A new token (a first join, or joining again after headquarters revoked this
                // site's key): sent with the proof until headquarters acknowledges a bundle.
                p.enrol_token = Some(token.clone());
                p.enrol_proof = Some(proof.clone());
                // The proof vouches for this site's current keys: nothing left to announce.
                p.announce_from = 0;
                w.put_peer(&p, &at)?;
                w.set_setting(KEY_UNIT_CODE, &code)?;
                w.set_setting(KEY_ENROL_TOKEN, &token)?;
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

/// Checks a token and the proof of its passcode against the keys the bundle is signed with;
/// returns the unit code it was issued for.
pub(super) fn check_enrolment(
    w: &Writer<'_>,
    m: &Manifest,
    token: &str,
    keys: &branchdesk_sync::PublicKeys,
) -> Result<String> {
    let bad_token = || {
        refused(
            "sync.bad_token",
            format!("「{}」的同步包所带的入网凭证无效。请为该单位重新签发入网文件；数据库未作任何改动。", m.sender.name),
            format!("The enrolment token in \u{201c}{}\u{201d}'s bundle is unknown. Issue a new enrolment file for the unit; nothing was changed.", m.sender.name),
        )
    };
    let e = w.enrolment(token)?.ok_or_else(bad_token)?;
    if let (Some(site), Some(key)) = (&e.used_by, &e.used_key) {
        if *key != bundle::hex(&keys.sign) || *site != m.sender.site_id {
            return Err(refused(
                "sync.token_reused",
                format!("单位编码 {} 的入网文件已由另一把密钥使用过（站点 {site}），这次是「{}」用另一把密钥（指纹 {}）再次使用：入网文件可能被他人取得。已拒绝；请与该单位电话核对，必要时吊销后重新签发。", e.unit_code, m.sender.name, keys.fingerprint()),
                format!("The enrolment file for unit {} was used before with another key (site {site}); now \u{201c}{}\u{201d} uses it with a different key (fingerprint {}): someone else may have the file. Refused; check with the unit by phone, and revoke and issue a new file if needed.", e.unit_code, m.sender.name, keys.fingerprint()),
            ));
        }
    }
    let Some(key) = e.proof_key.as_deref().and_then(branchdesk_sync::unhex32) else {
        return Err(bad_token());
    };
    let proof = m.enrol_proof.as_deref().unwrap_or_default();
    if !branchdesk_sync::enrol::same(
        proof,
        &branchdesk_sync::enrol::unit_proof(&key, keys, token),
    ) {
        return Err(refused(
            "sync.bad_proof",
            format!("「{}」带来了单位编码 {} 的入网凭证，却没有入网口令的证明：入网文件可能被不知道口令的人取得。已拒绝，入网凭证仍可由真正的单位使用；请与该单位电话核对。", m.sender.name, e.unit_code),
            format!("\u{201c}{}\u{201d} brings the enrolment token for unit {} without proof of its passcode: someone who does not know the passcode may have the file. Refused; the token is still there for the real unit. Check with the unit by phone.", m.sender.name, e.unit_code),
        ));
    }
    Ok(e.unit_code)
}
