//! 同步: enrolment, bundles out and in, their history, and headquarters' announcements.
//!
//! Trust: headquarters issues an enrolment file for a unit code (its keys and a one-time
//! token, signed); the unit imports it and from then on accepts only bundles signed by that
//! key. The unit's first bundles carry the token, which is how headquarters learns and pins
//! the unit's keys. Every other bundle must come from a registered peer and verify with the
//! key registered for it.
//!
//! Checks on import, in this order, each with its own code and message: structure
//! (`sync.not_bundle`, `sync.truncated`, `sync.trailing`, `sync.manifest`, `sync.newer_format`),
//! schema (`sync.newer_schema`), recipient (`sync.wrong_recipient`), sender
//! (`sync.unknown_sender`, `sync.wrong_role`), checksum (`sync.damaged`), signature
//! (`sync.bad_signature`), decryption (`sync.decrypt`), content (`sync.payload`,
//! `sync.missing_refs`). Then the sequence: a bundle seen before is a duplicate (nothing
//! changes), one that starts after a change not yet received is held until the gap is filled.
//! Everything a bundle writes happens in one transaction.

use std::collections::HashSet;

use branchdesk_domain::{
    Announcement, BundleOutcome, ExportReport, ImportReport, Lang, Peer, Role, SyncStatus,
    TableTally,
};
use branchdesk_store::sync::{ApplyReport, Audience, BundleEntry, Payload, PeerRow};
use branchdesk_store::{Writer, SCHEMA_VERSION};
use branchdesk_sync::{self as bundle, Kind, Manifest, PublicKeys, Sender, SiteKeys};

use crate::{now, today, App, AppError, Result};

/// The unit code this site joined headquarters as.
const KEY_UNIT_CODE: &str = "sync_unit_code";

fn table_label(t: &str, lang: Lang) -> String {
    let (zh, en) = match t {
        "unit" => ("单位", "units"),
        "unit_version" => ("单位变更", "unit changes"),
        "position" => ("岗位", "positions"),
        "position_version" => ("岗位变更", "position changes"),
        "person" => ("人员", "people"),
        "assignment" => ("任职", "assignments"),
        "kpi_scheme" => ("考核方案", "KPI schemes"),
        "kpi_value" => ("考核数据", "KPI figures"),
        "kpi_value_log" => ("数据修改记录", "figure changes"),
        "meeting" => ("会议纪要", "minutes"),
        "meeting_revision" => ("纪要修订版", "minutes revisions"),
        "plan_node" => ("计划", "plans"),
        "plan_log" => ("计划流转记录", "plan steps"),
        "plan_adjustment" => ("目标调整", "target adjustments"),
        "incoming_doc" => ("收文", "incoming documents"),
        "action_item" => ("督办事项", "action items"),
        "action_log" => ("督办记录", "follow-ups"),
        "submission" => ("报送", "submissions"),
        "work_summary" => ("工作总结", "work summaries"),
        "doc_category" => ("发文类别", "document categories"),
        "doc_number" => ("文号", "document numbers"),
        "outgoing_doc" => ("发文", "outgoing documents"),
        "doc_scope" => ("密件范围", "secrecy scopes"),
        "doc_dispatch" => ("发文登记", "dispatches"),
        "doc_revision" => ("发文修订", "document revisions"),
        "announcement" => ("公告", "announcements"),
        other => (other, other),
    };
    if lang == Lang::Zh { zh } else { en }.to_string()
}

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

/// A bundle-format error as the user reads it.
fn format_error(e: &bundle::BundleError) -> AppError {
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
    };
    refused(
        e.code(),
        format!("{zh}{}", keep.0),
        format!("{en} {}", keep.1),
    )
}

fn peer_keys(p: &PeerRow) -> PublicKeys {
    PublicKeys {
        sign: p.sign_key,
        boxk: p.box_key,
    }
}

fn random_token() -> Result<String> {
    let k = SiteKeys::generate().map_err(|e| AppError::Export(e.to_string()))?;
    Ok(bundle::hex(&k.public().sign[..16]))
}

/// What [`App::sync_export`] and the window report as they go: (step, of steps).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

impl App {
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
            open_enrolments: self.store.open_enrolments()?,
        })
    }

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
            created_at: now(),
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
        let at = now();
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

    /// Writes a bundle for `to` (a peer's site id, unit code or name; may be left out when
    /// there is one peer): the changes it has not acknowledged, or everything with `full`.
    pub fn sync_export(
        &mut self,
        to: Option<&str>,
        full: bool,
        progress: Progress<'_>,
    ) -> Result<(Vec<u8>, ExportReport)> {
        let peer = self.find_peer(to)?;
        let audience = match peer.role {
            Role::Unit => Some(self.audience(peer.unit_code.as_deref())?),
            Role::Hq => None,
        };
        let keys = self.site_keys()?;
        let sender = self.sender()?;
        let lang = self.lang;
        let at = now();
        let (bytes, report) = self.store.write(|w| -> Result<(Vec<u8>, ExportReport)> {
            let last = w.sync_last_change()?;
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
                file: name,
                peer_name: peer.name.clone(),
                seq,
                kind: if full { "full" } else { "changes" }.into(),
                bytes: bytes.len() as i64,
                records,
                tables,
            };
            Ok((bytes, report))
        })?;
        progress(1, 1);
        Ok((bytes, report))
    }

    /// Headquarters: a bundle for every enrolled unit, each saved into `dir`.
    pub fn sync_export_all(
        &mut self,
        dir: &std::path::Path,
        full: bool,
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
            let (bytes, mut r) = self.sync_export(Some(&id), full, &mut |_, _| {})?;
            let path = crate::org_io::save_files(dir, &[(r.file.clone(), bytes)])?;
            r.file = path
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            out.push(r);
        }
        Ok(out)
    }

    /// [`App::sync_export`] into the export folder; the report names the full path.
    pub fn sync_export_to_dir(
        &mut self,
        to: Option<&str>,
        full: bool,
        progress: Progress<'_>,
    ) -> Result<ExportReport> {
        let (bytes, mut r) = self.sync_export(to, full, progress)?;
        let dir = crate::org_io::export_dir();
        let path = crate::org_io::save_files(&dir, &[(r.file.clone(), bytes)])?;
        r.file = path
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Ok(r)
    }

    /// [`App::sync_enrol`] into the export folder; returns the full path.
    pub fn sync_enrol_to_dir(&mut self, unit_code: &str) -> Result<String> {
        let (bytes, name) = self.sync_enrol(unit_code)?;
        let path = crate::org_io::save_files(&crate::org_io::export_dir(), &[(name, bytes)])?;
        Ok(path
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default())
    }

    /// [`App::sync_import`] of a file on disk (dropped on the window).
    pub fn sync_import_file(&mut self, path: &std::path::Path) -> Result<ImportReport> {
        let bytes = std::fs::read(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.sync_import(&bytes, &name)
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

    /// Imports a bundle (or an enrolment file): verifies it, applies it in one transaction and
    /// says what it did. A refused bundle changes nothing but the bundle history.
    pub fn sync_import(&mut self, bytes: &[u8], file: &str) -> Result<ImportReport> {
        let out = self.import_checked(bytes, file);
        if let Err(e) = &out {
            let (code, message) = (e.code(), e.message(self.lang));
            let name = bundle::parse(bytes)
                .map(|p| p.manifest.sender.name)
                .unwrap_or_default();
            let at = now();
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

    fn import_checked(&mut self, bytes: &[u8], file: &str) -> Result<ImportReport> {
        let parsed = bundle::parse(bytes).map_err(|e| format_error(&e))?;
        let m = parsed.manifest.clone();
        if m.schema > SCHEMA_VERSION {
            return Err(refused(
                "sync.newer_schema",
                format!("同步包由更新版本的分支管理台生成（数据结构版本 {}，本程序支持到 {SCHEMA_VERSION}）。请升级程序后再导入；数据库未作任何改动。", m.schema),
                format!("The bundle was written by a newer Branchdesk (schema {}; this program supports up to {SCHEMA_VERSION}). Upgrade, then import it; nothing was changed.", m.schema),
            ));
        }
        if m.kind == Kind::Enrol {
            return self.join(&parsed, file);
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
        // An unknown unit is accepted only with a token headquarters issued (checked again,
        // and used up, inside the write below).
        let sign_key = match (&known, &m.enrol_token) {
            (Some(p), _) => p.sign_key,
            (None, Some(_)) if site.role == Role::Hq => m.sender.keys().map_err(|e| format_error(&e))?.sign,
            (None, _) => {
                return Err(refused(
                    "sync.unknown_sender",
                    format!("发送方「{}」（站点 {}）未在本站登记。总部须先为该单位签发入网文件，单位导入后再发送同步包；数据库未作任何改动。", m.sender.name, m.sender.site_id),
                    format!("The sender \u{201c}{}\u{201d} (site {}) is not registered here. Headquarters issues an enrolment file first, the unit imports it, then sends bundles; nothing was changed.", m.sender.name, m.sender.site_id),
                ))
            }
        };
        parsed.check_hash().map_err(|e| format_error(&e))?;
        parsed.verify(&sign_key).map_err(|e| format_error(&e))?;
        let keys = self.site_keys()?;
        let lang = self.lang;
        let at = now();
        let today = today();
        self.store.write(|w| -> Result<ImportReport> {
            let mut peer = match w.peer(&m.sender.site_id)? {
                Some(p) => p,
                None => {
                    let token = m.enrol_token.as_deref().unwrap_or_default();
                    let Some(code) = w.use_enrolment(token, &m.sender.site_id)? else {
                        return Err(refused(
                            "sync.bad_token",
                            format!("「{}」的同步包所带的入网凭证无效或已被使用。请为该单位重新签发入网文件；数据库未作任何改动。", m.sender.name),
                            format!("The enrolment token in \u{201c}{}\u{201d}'s bundle is unknown or used. Issue a new enrolment file for the unit; nothing was changed.", m.sender.name),
                        ));
                    };
                    let pk = m.sender.keys().map_err(|e| format_error(&e))?;
                    PeerRow {
                        site_id: m.sender.site_id.clone(),
                        name: m.sender.name.clone(),
                        role: Role::Unit,
                        unit_code: Some(code),
                        sign_key: pk.sign,
                        box_key: pk.boxk,
                        enrol_token: None,
                        sent_seq: 0,
                        sent_upto: 0,
                        acked_seq: 0,
                        acked_upto: 0,
                        recv_seq: 0,
                        recv_upto: 0,
                        last_out: None,
                        last_in: None,
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
                let message = pick(
                    lang,
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
                let message = pick(
                    lang,
                    format!("缺少「{}」的第 {missing} 号同步包（变更 {}–{}）。第 {} 号已暂存，补齐缺少的同步包后将自动导入。", m.sender.name, peer.recv_upto + 1, m.from_change - 1, m.seq),
                    format!("Bundle {missing} from \u{201c}{}\u{201d} is missing (changes {}–{}). Bundle {} is held and will be applied once the missing one is imported.", m.sender.name, peer.recv_upto + 1, m.from_change - 1, m.seq),
                );
                let mut message = message;
                if restored(w, &peer, &m)? {
                    message.push_str(&pick(
                        lang,
                        "本站数据库似乎是从备份恢复的（对方已收到本站更多的同步包）：请对方为本站导出完整同步包。".into(),
                        " This database seems restored from a backup (the bundles the other site has from it are not the ones on record here): ask for a full bundle.".into(),
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
            let applied = apply_one(w, &mut peer, &parsed, &keys, &today, &at, (site.role, lang, &mut notes))?;
            let records = applied.written_total();
            let mut message = pick(
                lang,
                format!("已导入「{}」的第 {} 号同步包：写入 {records} 条记录。", m.sender.name, m.seq),
                format!("Imported bundle {} from \u{201c}{}\u{201d}: {records} records written.", m.seq, m.sender.name),
            );
            let kept: i64 = applied.tables.values().map(|c| c.kept).sum();
            if kept > 0 {
                message.push_str(&pick(
                    lang,
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
                let r = apply_one(w, &mut peer, &p, &keys, &today, &at, (site.role, lang, &mut notes))?;
                let msg = pick(
                    lang,
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
                message.push_str(&pick(
                    lang,
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

    /// A unit imports headquarters' enrolment file.
    fn join(&mut self, parsed: &bundle::Parsed<'_>, file: &str) -> Result<ImportReport> {
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
                .open(&self.site_keys()?)
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
        let at = now();
        let again = peers.iter().any(|p| p.site_id == m.sender.site_id);
        let message = if again {
            pick(
                lang,
                format!("本站已以单位编码 {code} 加入「{}」，本次未作改动。", m.sender.name),
                format!("This site has already joined \u{201c}{}\u{201d} as unit {code}; nothing was changed.", m.sender.name),
            )
        } else {
            pick(
                lang,
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

    /// Headquarters: an announcement for the unit with `unit_code`, or for every unit. It goes
    /// down in the next bundles and is shown when the unit's program starts.
    pub fn announce(
        &mut self,
        unit_code: Option<&str>,
        title: &str,
        body: &str,
    ) -> Result<Announcement> {
        if self.store.site()?.role != Role::Hq {
            return Err(refused(
                "sync.not_hq",
                "只有总部可以发布公告。".into(),
                "Only headquarters publishes announcements.".into(),
            ));
        }
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 100 {
            return Err(AppError::invalid(
                "title",
                "请填写公告标题，不超过100个字。",
                "Enter a title of at most 100 characters.",
            ));
        }
        let unit_id = match unit_code.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(self.store.unit_id_by_code(c)?.ok_or_else(|| {
                AppError::invalid(
                    "unit_code",
                    format!("没有编码为 {c} 的单位。"),
                    format!("There is no unit with code {c}."),
                )
            })?),
        };
        let a = Announcement {
            id: branchdesk_store::new_id(),
            unit_id,
            title: title.to_string(),
            body: body.trim().to_string(),
            published_at: now(),
            by: self.store.site()?.name,
            seen: false,
        };
        self.store.write(|w| w.put_announcement(&a))?;
        Ok(a)
    }

    /// Announcements from headquarters, newest first.
    pub fn announcements(&self) -> Result<Vec<Announcement>> {
        Ok(self.store.announcements()?)
    }

    pub fn mark_announcement_seen(&mut self, id: &str) -> Result<()> {
        let at = now();
        Ok(self.store.write(|w| w.mark_seen(id, &at))?)
    }
}

/// Whether the peer acknowledges a bundle from us that is not the one we have on record (or one
/// we never wrote): this database was restored from a backup since.
fn restored(w: &Writer<'_>, peer: &PeerRow, m: &Manifest) -> Result<bool> {
    if m.ack_seq > peer.sent_seq {
        return Ok(true);
    }
    if m.ack_seq == 0 || m.ack_sha256.is_empty() {
        return Ok(false);
    }
    Ok(w.bundle_hash("out", &peer.site_id, m.ack_seq)?
        .is_some_and(|h| h != m.ack_sha256))
}

/// Applies one verified bundle and moves the peer's numbers on.
fn apply_one(
    w: &Writer<'_>,
    peer: &mut PeerRow,
    parsed: &bundle::Parsed<'_>,
    keys: &SiteKeys,
    today: &str,
    at: &str,
    (role, lang, notes): (Role, Lang, &mut Vec<String>),
) -> Result<ApplyReport> {
    let m = &parsed.manifest;
    let plain = parsed.open(keys).map_err(|e| format_error(&e))?;
    let payload: Payload = serde_json::from_slice(&plain)
        .map_err(|e| AppError::Store(branchdesk_store::Error::SyncPayload(e.to_string())))?;
    let report = w.sync_apply(&m.sender.site_id, &payload)?;
    // Today's state of what the bundle touched (not of every unit headquarters holds).
    let touched = |t: &str| {
        let mut v = report.written.get(t).cloned().unwrap_or_default();
        v.sort();
        v.dedup();
        v
    };
    w.refresh_org_of(today, &touched("unit"), &touched("position"))?;
    reindex(w, &report)?;
    notes.extend(crate::decisions::apply_received(w, &report, role, lang)?);
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
        notes.push(pick(
            lang,
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
    }
    peer.last_in = Some(at.to_string());
    Ok(report)
}

/// The search index of what a bundle wrote or deleted.
fn reindex(w: &Writer<'_>, r: &ApplyReport) -> Result<()> {
    for (table, ids) in &r.deleted {
        if matches!(
            *table,
            "meeting" | "action_item" | "plan_node" | "outgoing_doc" | "incoming_doc"
        ) {
            for id in ids {
                w.unindex(id)?;
            }
        }
    }
    for (table, ids) in &r.written {
        for id in ids {
            match *table {
                "meeting" => {
                    if let Some((m, body)) = w.meeting(id)? {
                        crate::minutes::index_meeting(w, &m, &body)?;
                    }
                }
                "action_item" => {
                    if let Some(a) = w.action(id)? {
                        crate::minutes::index_action(w, &a)?;
                    }
                }
                "plan_node" => {
                    if let Some(n) = w.plan_node(id)? {
                        crate::plans::index_plan(w, &n)?;
                    }
                }
                "outgoing_doc" => {
                    if let Some(d) = w.outgoing_doc(id)? {
                        crate::docs::index_outgoing(w, &d)?;
                    }
                }
                "incoming_doc" => {
                    if let Some(d) = w.incoming_doc(id)? {
                        crate::docs::index_incoming(w, &d)?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn pick(lang: Lang, zh: String, en: String) -> String {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

fn join(seqs: &[i64]) -> String {
    seqs.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("、")
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
