//! Importing a bundle: every check in order with its code, the sequence (duplicates, gaps,
//! held bundles, a restored sender), then one transaction that applies, refreshes, re-indexes
//! and acknowledges.

use branchdesk_domain::{BundleOutcome, ImportReport, Lang, Role};
use branchdesk_store::sync::{ApplyReport, BundleEntry, Payload, PeerRow, Sender};
use branchdesk_store::{Writer, SCHEMA_VERSION};
use branchdesk_sync::{self as bundle, Kind, Limits, Manifest, SiteKeys};

/// How an import goes, beyond the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The passcode headquarters read out for an enrolment file.
    pub passcode: Option<String>,
}

/// Bundles held for one peer while an earlier one is missing: at most this many, and bytes.
const HELD_MAX_BUNDLES: i64 = 32;
const HELD_MAX_BYTES: i64 = 64 << 20;

use super::enrol::check_enrolment;
use super::keys::revoked;
use super::{refused, tallies};
use crate::{App, AppError, Result};

/// A bundle-format error as the user reads it.
pub(super) fn format_error(e: &bundle::BundleError) -> AppError {
    use bundle::BundleError as B;
    let keep = (
        "数据库未作任何改动。",
        "Nothing in the database was changed.",
    );
    let (zh, en) = match e {
        B::NotBundle => (
            "这不是分支管理台的同步包（文件开头不对）。请确认选择的是 .bdk 同步包文件。".to_string(),
            "This is not a Branchdesk bundle (its first bytes are wrong). Pick a .bdk bundle file.".to_string(),
        ),
        B::NewerFormat { found, supported } => (
            format!("同步包的格式版本为 {found}，比本程序支持的 {supported} 新。请升级程序后再导入。"),
            format!("The bundle's format version {found} is newer than this program reads ({supported}). Upgrade the program, then import it."),
        ),
        B::Truncated { expected, got } => (
            format!("同步包不完整：应有 {expected} 字节，实际只有 {got} 字节（复制或下载可能中断）。请重新拷贝该文件后再导入。"),
            format!("The bundle is incomplete: {got} of {expected} bytes (the copy or download was cut short). Copy the file again and import it."),
        ),
        B::Trailing(n) => (
            format!("同步包签名之后多出 {n} 字节，文件已损坏。请向发送方重新索取。"),
            format!("The bundle has {n} extra bytes after its signature; the file is damaged. Ask the sender for it again."),
        ),
        B::Manifest(why) => (
            format!("同步包的清单无法读取（{why}），文件已损坏。请向发送方重新索取。"),
            format!("The bundle's manifest cannot be read ({why}); the file is damaged. Ask the sender for it again."),
        ),
        B::Damaged => (
            "同步包内容与清单中的校验值不符：文件在拷贝或传输中损坏。请向发送方重新索取。".to_string(),
            "The bundle's content does not match the checksum in its manifest: the file was damaged in transit. Ask the sender for it again.".to_string(),
        ),
        B::BadSignature => (
            "同步包的签名与发送方登记的密钥不符：文件被改动过，或由其他密钥重新签名。已拒绝导入。".to_string(),
            "The bundle's signature does not match the sender's registered key: the file was altered or re-signed with another key. It was refused.".to_string(),
        ),
        B::Decrypt => (
            "同步包无法用本站的密钥解密：它不是加密发给本站的。".to_string(),
            "The bundle cannot be decrypted with this site's key: it was not encrypted for this site.".to_string(),
        ),
        B::Decompress(why) => (
            format!("同步包内容无法解压（{why}），文件已损坏。"),
            format!("The bundle's content cannot be decompressed ({why}); the file is damaged."),
        ),
        B::TooLarge { declared, allowed } => (
            format!("同步包声明解压后有 {} 字节，超过本站允许的 {} 字节（不超过文件大小的若干倍，且不超过设置的上限）。这不是正常导出的同步包，已拒绝。", declared, allowed),
            format!("The bundle declares {declared} bytes once decompressed, more than the {allowed} this site accepts (a bounded multiple of the file's size, under a set ceiling). No bundle exported normally looks like this; refused."),
        ),
        B::Content(why) => (
            format!("同步包内容格式有误（{why}）。"),
            format!("The bundle's content is malformed ({why})."),
        ),
    };
    refused(
        e.code(),
        format!("{zh}{}", keep.0),
        format!("{en} {}", keep.1),
    )
}

impl App {
    /// [`App::sync_import`] of a file on disk (dropped on the window).
    pub fn sync_import_file(
        &mut self,
        path: &std::path::Path,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let bytes = crate::shared::files::read_input(path, self.max_bundle_file()?)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.sync_import_with(&bytes, &name, opts)
    }

    /// Imports a bundle (or an enrolment file): verifies it, applies it in one transaction and
    /// says what it did. A refused bundle changes nothing but the bundle history.
    pub fn sync_import(&mut self, bytes: &[u8], file: &str) -> Result<ImportReport> {
        self.sync_import_with(bytes, file, &ImportOptions::default())
    }

    /// [`App::sync_import`] with options (an enrolment file's passcode).
    pub fn sync_import_with(
        &mut self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let started = std::time::Instant::now();
        let out = self.import_checked(bytes, file, opts);
        let ms = started.elapsed().as_millis() as u64;
        match &out {
            Ok(r) => tracing::info!(
                bytes = bytes.len(),
                records = r.records,
                seq = r.seq,
                outcome = r.outcome.as_str(),
                ms,
                "bundle imported"
            ),
            Err(e) => tracing::warn!(bytes = bytes.len(), code = e.code(), ms, "bundle refused"),
        }
        if let Err(e) = &out {
            let (code, message) = (e.code(), e.message(self.lang));
            let name = bundle::parse(bytes)
                .map(|p| p.manifest.sender.name)
                .unwrap_or_default();
            let at = self.ctx.now();
            // The history keeps the refusal; nothing else is written.
            let _ = self.store.write(|w| {
                w.log_bundle(&BundleEntry {
                    direction: "in",
                    peer_id: None,
                    peer_name: &name,
                    kind: "",
                    seq: None,
                    file,
                    bytes: bytes.len() as i64,
                    records: 0,
                    outcome: BundleOutcome::Refused,
                    code,
                    message: &message,
                    hash: "",
                    at: &at,
                })
            });
        }
        out
    }

    pub(super) fn import_checked(
        &mut self,
        bytes: &[u8],
        file: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let parsed = bundle::parse(bytes).map_err(|e| format_error(&e))?;
        let m = parsed.manifest.clone();
        // Before any work on the payload: what it declares must fit this site's limits.
        let limits = self.limits()?;
        parsed
            .check_size(if m.kind == Kind::Enrol {
                &Limits::ENROL
            } else {
                &limits
            })
            .map_err(|e| format_error(&e))?;
        if m.schema > SCHEMA_VERSION {
            return Err(refused(
                "sync.newer_schema",
                format!("同步包由更新版本的分支管理台生成（数据结构版本 {}，本程序支持到 {SCHEMA_VERSION}）。请升级程序后再导入；数据库未作任何改动。", m.schema),
                format!("The bundle was written by a newer Branchdesk (schema {}; this program supports up to {SCHEMA_VERSION}). Upgrade, then import it; nothing was changed.", m.schema),
            ));
        }
        if m.kind == Kind::Enrol {
            return self.join(&parsed, file, opts.passcode.as_deref());
        }
        let site = self.store.site()?;
        if m.recipient != site.id {
            return Err(refused(
                "sync.wrong_recipient",
                format!("该同步包是「{}」发给「{}」的，不是发给本站（{}）的。请把它交给收件方导入；数据库未作任何改动。", m.sender.name, m.recipient_name, site.name),
                format!("This bundle is from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}, not to this site ({}). Give it to its recipient; nothing was changed.", m.sender.name, m.recipient_name, site.name),
            ));
        }
        let want = match site.role {
            Role::Hq => "unit",
            Role::Unit => "hq",
        };
        if m.sender.role != want {
            return Err(refused(
                "sync.wrong_role",
                format!("同步包来自「{}」，但单位只与总部交换同步包，总部只接收单位的同步包。", m.sender.name),
                format!("The bundle is from \u{201c}{}\u{201d}, but units exchange bundles only with headquarters and headquarters only with units.", m.sender.name),
            ));
        }
        let known = self
            .store
            .peers()?
            .into_iter()
            .find(|p| p.site_id == m.sender.site_id);
        let claimed = m.sender.keys().map_err(|e| format_error(&e))?;
        if let Some(site_id) = self.store.revoked(&claimed.sign)? {
            return Err(revoked(&m.sender.name, &site_id));
        }
        // An unknown unit, or one whose key headquarters revoked, is accepted only with a token
        // headquarters issued and the proof of its passcode (checked, and the token bound to
        // the key, inside the write below).
        let enrolling = site.role == Role::Hq
            && m.enrol_token.is_some()
            && known.as_ref().is_none_or(|p| p.revoked_at.is_some());
        let sign_key = match &known {
            _ if enrolling => claimed.sign,
            Some(p) if p.revoked_at.is_some() => return Err(revoked(&m.sender.name, &p.site_id)),
            Some(p) => p.sign_key,
            None => {
                return Err(refused(
                    "sync.unknown_sender",
                    format!("发送方「{}」（站点 {}）未在本站登记。总部须先为该单位签发入网文件，单位导入后再发送同步包；数据库未作任何改动。", m.sender.name, m.sender.site_id),
                    format!("The sender \u{201c}{}\u{201d} (site {}) is not registered here. Headquarters issues an enrolment file first, the unit imports it, then sends bundles; nothing was changed.", m.sender.name, m.sender.site_id),
                ))
            }
        };
        parsed.check_hash().map_err(|e| format_error(&e))?;
        // A bundle still on its way when the peer moved to new keys is signed with the ones
        // before (and announces the ones it moved to).
        let announced_current = known.as_ref().is_some_and(|p| {
            m.new_keys
                .as_ref()
                .and_then(|n| n.keys().ok())
                .is_some_and(|n| n.sign == p.sign_key)
        });
        match (
            parsed.verify(&sign_key),
            known.as_ref().and_then(|p| p.prev_sign_key),
        ) {
            (Ok(()), _) => {}
            (Err(_), Some(prev)) if announced_current && !enrolling => {
                parsed.verify(&prev).map_err(|e| format_error(&e))?
            }
            (Err(e), _) => return Err(format_error(&e)),
        }
        if !m.encrypted {
            return Err(refused(
                "sync.not_encrypted",
                format!("「{}」的同步包没有加密。同步包含有人员等信息，必须加密发给本站，正常导出的同步包都是加密的；已拒绝导入，数据库未作任何改动。", m.sender.name),
                format!("The bundle from \u{201c}{}\u{201d} is not encrypted. Bundles carry personal data and must be encrypted for this site, as every exported bundle is; refused, nothing was changed.", m.sender.name),
            ));
        }
        let mut keys = vec![self.site_keys()?];
        keys.extend(self.store.old_site_keys()?.iter().map(SiteKeys::from_bytes));
        let lang = self.lang;
        let at = self.ctx.now();
        let today = self.ctx.today_str();
        let cx = Opening {
            keys: &keys,
            limits,
            today: &today,
            at: &at,
            role: site.role,
            lang,
        };
        self.store.write(|w| -> Result<ImportReport> {
            let mut peer = match w.peer(&m.sender.site_id)? {
                Some(p) if !enrolling => p,
                existing => {
                    let token = m.enrol_token.as_deref().unwrap_or_default();
                    let code = check_enrolment(w, &m, token, &claimed)?;
                    w.use_enrolment(token, &m.sender.site_id, &bundle::hex(&claimed.sign))?;
                    match existing {
                        // Joining again after its key was revoked: the same site, new keys.
                        Some(p) => PeerRow {
                            sign_key: claimed.sign,
                            box_key: claimed.boxk,
                            revoked_at: None,
                            prev_sign_key: None,
                            unit_code: Some(code),
                            ..p
                        },
                        None => PeerRow {
                            unit_code: Some(code),
                            ..PeerRow::new(&m.sender.site_id, &m.sender.name, Role::Unit, claimed.sign, claimed.boxk)
                        },
                    }
                }
            };
            let kind = match m.kind {
                Kind::Full => "full",
                _ => "changes",
            };
            let base = BundleEntry {
                direction: "in",
                peer_id: Some(&m.sender.site_id),
                peer_name: &m.sender.name,
                kind,
                seq: Some(m.seq),
                file,
                bytes: bytes.len() as i64,
                records: 0,
                outcome: BundleOutcome::Applied,
                code: "",
                message: "",
                hash: &m.payload_sha256,
                at: &at,
            };
            if m.seq <= peer.recv_seq {
                if w.bundle_hash("in", &m.sender.site_id, m.seq)?.is_some_and(|h| h != m.payload_sha256) {
                    return Err(refused(
                        "sync.rewound",
                        format!("「{}」的第 {} 号同步包与此前导入的第 {} 号内容不同：对方的数据库可能是从较早的备份恢复的。请为对方导出完整同步包（同步对象中的“完整导出”），对方导入后会自动续上编号，再重新导出同步包；数据库未作任何改动。", m.sender.name, m.seq, m.seq),
                        format!("Bundle {} from \u{201c}{}\u{201d} differs from the bundle {} imported before: its database may have been restored from an older backup. Export a full bundle for it (Full export under peers); once it imports that, it numbers on from there and exports again. Nothing was changed.", m.seq, m.sender.name, m.seq),
                    ));
                }
                let message = lang.pick(
                    format!("「{}」的第 {} 号同步包已经导入过，本次未作任何改动。", m.sender.name, m.seq),
                    format!("Bundle {} from \u{201c}{}\u{201d} was imported before; nothing was changed this time.", m.seq, m.sender.name),
                );
                w.log_bundle(&BundleEntry { outcome: BundleOutcome::Duplicate, records: 0, message: &message, ..base })?;
                return Ok(ImportReport {
                    outcome: BundleOutcome::Duplicate,
                    peer_name: m.sender.name.clone(),
                    seq: m.seq,
                    kind: kind.into(),
                    records: 0,
                    tables: Vec::new(),
                    also_applied: Vec::new(),
                    message,
                });
            }
            if m.kind == Kind::Changes && m.from_change > peer.recv_upto + 1 {
                let missing = if m.seq - 1 > peer.recv_seq + 1 {
                    format!("{}–{}", peer.recv_seq + 1, m.seq - 1)
                } else {
                    (peer.recv_seq + 1).to_string()
                };
                let message = lang.pick(
                    format!("缺少「{}」的第 {missing} 号同步包（变更 {}–{}）。第 {} 号已暂存，补齐缺少的同步包后将自动导入。", m.sender.name, peer.recv_upto + 1, m.from_change - 1, m.seq),
                    format!("Bundle {missing} from \u{201c}{}\u{201d} is missing (changes {}–{}). Bundle {} is held and will be applied once the missing one is imported.", m.sender.name, peer.recv_upto + 1, m.from_change - 1, m.seq),
                );
                let mut message = message;
                if restored(w, &peer, &m)? {
                    message.push_str(lang.pick(
                        "本站数据库似乎是从备份恢复的（对方已收到本站更多的同步包）：请对方为本站导出完整同步包。",
                        " This database seems restored from a backup (the bundles the other site has from it are not the ones on record here): ask for a full bundle.",
                    ));
                }
                let (count, held) = w.held_size(&m.sender.site_id)?;
                if count >= HELD_MAX_BUNDLES || held + bytes.len() as i64 > HELD_MAX_BYTES {
                    return Err(refused(
                        "sync.held_full",
                        format!("「{}」已有 {count} 个同步包（{} MB）在等待缺少的第 {} 号，不再暂存更多。请先导入缺少的同步包，或请对方导出完整同步包；数据库未作任何改动。", m.sender.name, held >> 20, peer.recv_seq + 1),
                        format!("{count} bundles ({} MB) from \u{201c}{}\u{201d} already wait for the missing bundle {}; no more are held. Import the missing one first, or ask for a full bundle; nothing was changed.", held >> 20, m.sender.name, peer.recv_seq + 1),
                    ));
                }
                w.hold(&m.sender.site_id, m.seq, m.from_change, bytes, &at)?;
                w.log_bundle(&BundleEntry { outcome: BundleOutcome::Held, records: 0, message: &message, ..base })?;
                if peer.recv_seq == 0 && peer.sent_seq == 0 && known.is_none() {
                    w.put_peer(&peer, &at)?;
                }
                return Ok(ImportReport {
                    outcome: BundleOutcome::Held,
                    peer_name: m.sender.name.clone(),
                    seq: m.seq,
                    kind: kind.into(),
                    records: 0,
                    tables: Vec::new(),
                    also_applied: Vec::new(),
                    message,
                });
            }
            let mut notes = Vec::new();
            let applied = apply_one(w, &mut peer, &parsed, &cx, &mut notes)?;
            let records = applied.written_total();
            let mut message = lang.pick(
                format!("已导入「{}」的第 {} 号同步包：写入 {records} 条记录。", m.sender.name, m.seq),
                format!("Imported bundle {} from \u{201c}{}\u{201d}: {records} records written.", m.seq, m.sender.name),
            );
            let kept: i64 = applied.tables.values().map(|c| c.kept).sum();
            if kept > 0 {
                message.push_str(&lang.pick(
                    format!("另有 {kept} 条记录属于本站或其他站点，保持原样未被覆盖。"),
                    format!(" {kept} records belong to this or another site and were left as they are."),
                ));
            }
            for n in notes.drain(..) {
                message.push_str(if lang == Lang::Zh { "" } else { " " });
                message.push_str(&n);
            }
            w.log_bundle(&BundleEntry { outcome: BundleOutcome::Applied, records, message: &message, ..base })?;
            // Held bundles that now follow on.
            let mut also = Vec::new();
            for h in w.held(&m.sender.site_id)? {
                if h.seq <= peer.recv_seq {
                    w.drop_held(&m.sender.site_id, h.seq)?;
                    continue;
                }
                if h.from_change > peer.recv_upto + 1 {
                    break;
                }
                let p = bundle::parse(&h.bundle).map_err(|e| format_error(&e))?;
                let r = apply_one(w, &mut peer, &p, &cx, &mut notes)?;
                let msg = lang.pick(
                    format!("补齐后自动导入「{}」的第 {} 号同步包：写入 {} 条记录。", m.sender.name, h.seq, r.written_total()),
                    format!("Held bundle {} from \u{201c}{}\u{201d} applied: {} records written.", h.seq, m.sender.name, r.written_total()),
                );
                w.log_bundle(&BundleEntry {
                    seq: Some(h.seq),
                    records: r.written_total(),
                    message: &msg,
                    hash: &p.manifest.payload_sha256,
                    ..base
                })?;
                w.drop_held(&m.sender.site_id, h.seq)?;
                also.push(h.seq);
            }
            if !also.is_empty() {
                message.push_str(&lang.pick(
                    format!("此前暂存的第 {} 号同步包也已导入。", join(&also)),
                    format!(" Held bundle(s) {} applied as well.", join(&also)),
                ));
            }
            for n in &notes {
                message.push_str(if lang == Lang::Zh { "" } else { " " });
                message.push_str(n);
            }
            w.put_peer(&peer, &at)?;
            Ok(ImportReport {
                outcome: BundleOutcome::Applied,
                peer_name: m.sender.name.clone(),
                seq: m.seq,
                kind: kind.into(),
                records,
                tables: tallies(&applied, lang),
                also_applied: also,
                message,
            })
        })
    }
}

/// Whether the peer acknowledges a bundle from us that is not the one we have on record (or one
/// we never wrote): this database was restored from a backup since.
pub(super) fn restored(w: &Writer<'_>, peer: &PeerRow, m: &Manifest) -> Result<bool> {
    if m.ack_seq > peer.sent_seq {
        return Ok(true);
    }
    if m.ack_seq == 0 || m.ack_sha256.is_empty() {
        return Ok(false);
    }
    Ok(w.bundle_hash("out", &peer.site_id, m.ack_seq)?
        .is_some_and(|h| h != m.ack_sha256))
}

/// What applying a bundle needs besides the bundle: this site's keys and limits, the day and
/// time, its role and language.
pub(super) struct Opening<'a> {
    /// This site's keys, newest first (bundles sent before a rotation reached the peer are
    /// encrypted to the ones before).
    pub keys: &'a [SiteKeys],
    pub limits: Limits,
    pub today: &'a str,
    pub at: &'a str,
    pub role: Role,
    pub lang: Lang,
}

/// Applies one verified bundle and moves the peer's numbers on.
pub(super) fn apply_one(
    w: &Writer<'_>,
    peer: &mut PeerRow,
    parsed: &bundle::Parsed<'_>,
    cx: &Opening<'_>,
    notes: &mut Vec<String>,
) -> Result<ApplyReport> {
    let m = &parsed.manifest;
    let (today, at, lang) = (cx.today, cx.at, cx.lang);
    let mut opened = Err(bundle::BundleError::Decrypt);
    for k in cx.keys {
        opened = parsed.open_json::<Payload>(k, &cx.limits);
        if opened != Err(bundle::BundleError::Decrypt) {
            break;
        }
    }
    let payload = opened.map_err(|e| format_error(&e))?;
    let from = Sender {
        site: &m.sender.site_id,
        name: &peer.name,
        role: peer.role,
        unit_code: peer.unit_code.as_deref(),
        first: peer.recv_seq == 0,
        at,
    };
    let report = w.sync_apply(&from, &payload)?;
    // Today's state of what the bundle touched (not of every unit headquarters holds).
    let touched = |t: &str| {
        let mut v = report.written.get(t).cloned().unwrap_or_default();
        v.sort();
        v.dedup();
        v
    };
    w.refresh_org_of(today, &touched("unit"), &touched("position"))?;
    crate::search::reindex(w, &report.written, &report.deleted)?;
    notes.extend(super::decisions::apply_received(
        w, &report, cx.role, lang, at,
    )?);
    peer.recv_seq = m.seq;
    peer.recv_upto = peer.recv_upto.max(m.to_change);
    if m.kind == Kind::Full {
        peer.recv_upto = m.to_change;
    }
    if restored(w, peer, m)? {
        let next = peer.sent_seq.max(m.ack_seq) + 1;
        // The peer acknowledges bundles this database did not write: it was restored from a
        // backup. Number the next bundle after those, number new changes after every change
        // the peer has seen, and send again all this database knows was not acknowledged.
        w.advance_changes(m.ack_upto)?;
        notes.push(lang.pick(
            format!("本站数据库似乎是从备份恢复的：「{}」收到的本站第 {} 号同步包不是本站现在记录的那一个。下一个同步包编为第 {} 号，并重新带上备份以来未经确认的全部修改；备份之后、恢复之前在本站做的修改仍在对方处。", m.sender.name, m.ack_seq, next),
            format!("This database seems restored from a backup: the bundle {} that \u{201c}{}\u{201d} has from this site is not the one this site has on record. The next bundle is number {} and carries again every change since the backup that was not acknowledged; changes made here between the backup and the restore are still at the other site.", m.ack_seq, m.sender.name, next),
        ));
        peer.sent_seq = peer.sent_seq.max(m.ack_seq);
        peer.acked_seq = m.ack_seq;
    } else if m.ack_seq > peer.acked_seq {
        peer.acked_seq = m.ack_seq;
        peer.acked_upto = m.ack_upto.max(peer.acked_upto);
    }
    // The token has done its work once headquarters acknowledged a bundle.
    if peer.acked_seq > 0 {
        peer.enrol_token = None;
        peer.enrol_proof = None;
    }
    // The peer moves to new keys (announced under the ones registered here).
    if let Some(new) = m.new_keys.as_ref().and_then(|n| n.keys().ok()) {
        if new.sign != peer.sign_key {
            peer.prev_sign_key = Some(peer.sign_key);
            peer.sign_key = new.sign;
            peer.box_key = new.boxk;
            notes.push(cx.lang.pick(
                format!(
                    "「{}」已更换密钥，新的密钥指纹为 {}。",
                    m.sender.name,
                    new.fingerprint()
                ),
                format!(
                    "\u{201c}{}\u{201d} moved to new keys; their fingerprint is {}.",
                    m.sender.name,
                    new.fingerprint()
                ),
            ));
        }
    }
    // Ours were announced and the peer acknowledged a bundle that carried them.
    if peer.announce_from > 0 && peer.acked_seq >= peer.announce_from {
        peer.announce_from = 0;
    }
    peer.last_in = Some(at.to_string());
    Ok(report)
}

/// The search index of what a bundle wrote or deleted.
pub(super) fn join(seqs: &[i64]) -> String {
    seqs.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("、")
}
