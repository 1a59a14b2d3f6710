//! Evidence supporting an appeal: at most five files of 5 MB, kept with their SHA-256 and
//! checked against it when read (they travel in bundles as base64 text).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use branchdesk_store::{new_id, EvidenceRow};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError, Result};

/// A file supporting an appeal.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EvidenceInfo {
    pub id: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: i64,
}

/// At most this many files support one appeal, each at most [`EVIDENCE_MAX_BYTES`].
pub const EVIDENCE_MAX_FILES: usize = 5;
pub const EVIDENCE_MAX_BYTES: usize = 5 << 20;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file name from a person or another site, as it may be saved: no folders, no control
/// characters, not hidden, at most 200 characters.
fn file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next()?.trim();
    let ok = !base.is_empty()
        && !base.starts_with('.')
        && base.chars().count() <= 200
        && !base.contains(['\n', '\r', '\t'])
        && branchdesk_domain::text::first_forbidden(base).is_none();
    ok.then(|| base.to_string())
}

/// The files of an appeal with names fit to save, refused (all of them) when there are too
/// many, one is too large or its name cannot be used.
pub(super) fn checked(files: &[(String, Vec<u8>)]) -> Result<Vec<(String, &[u8])>> {
    if files.len() > EVIDENCE_MAX_FILES {
        return Err(AppError::invalid(
            "evidence",
            format!("一项申诉最多附 {EVIDENCE_MAX_FILES} 个文件。"),
            format!("An appeal carries at most {EVIDENCE_MAX_FILES} files."),
        ));
    }
    let mut named = Vec::new();
    for (name, bytes) in files {
        let Some(clean) = file_name(name) else {
            return Err(AppError::invalid(
                "evidence",
                format!("文件名“{name}”不能使用：请改用不含控制字符、不以点开头、最多 200 字的名称。"),
                format!("The file name {name:?} cannot be used: no control characters, not starting with a dot, at most 200 characters."),
            ));
        };
        if bytes.len() > EVIDENCE_MAX_BYTES {
            let mb = bytes.len() as f64 / 1_048_576.0;
            return Err(AppError::invalid(
                "evidence",
                format!("{clean} 有 {mb:.1} MB，每个申诉材料最多 5 MB：请压缩或截取相关部分。"),
                format!("{clean} is {mb:.1} MB; each file is at most 5 MB: compress it or keep the relevant part."),
            ));
        }
        named.push((clean, bytes.as_slice()));
    }
    Ok(named)
}

/// The rows that keep checked files with the response they support.
pub(super) fn evidence_rows(
    named: Vec<(String, &[u8])>,
    response_id: &str,
    unit_id: &str,
    at: &str,
) -> Vec<EvidenceRow> {
    named
        .into_iter()
        .map(|(name, bytes)| EvidenceRow {
            id: new_id(),
            response_id: response_id.to_string(),
            unit_id: unit_id.to_string(),
            name,
            size: bytes.len() as i64,
            sha256: sha256_hex(bytes),
            body: BASE64.encode(bytes),
            added_at: at.to_string(),
        })
        .collect()
}

impl App {
    /// A file supporting an appeal: its name and bytes, refused when they are not what was
    /// attached (the SHA-256 sent with it does not match).
    pub fn kpi_evidence_file(&self, id: &str) -> Result<(String, Vec<u8>)> {
        let missing = || {
            AppError::step(
                "kpi.no_evidence",
                "没有这份申诉材料。".into(),
                "There is no such evidence.".into(),
            )
        };
        let e = self.store.kpi_evidence(id)?.ok_or_else(missing)?;
        let bytes = BASE64.decode(e.body.as_bytes()).ok();
        let name = file_name(&e.name);
        match (bytes, name) {
            (Some(b), Some(name)) if sha256_hex(&b) == e.sha256 && b.len() as i64 == e.size => {
                Ok((name, b))
            }
            _ => Err(AppError::step(
                "kpi.evidence_damaged",
                format!("申诉材料“{}”已损坏（与附上时的校验值不符），没有保存；请申诉单位重新提供。", e.name),
                format!("The evidence {:?} is damaged (it does not match the checksum it was attached with) and was not saved; ask the unit to send it again.", e.name),
            )),
        }
    }

    /// Saves a piece of evidence into the export folder; returns its path.
    pub fn kpi_evidence_to_dir(&self, id: &str) -> Result<String> {
        let (name, bytes) = self.kpi_evidence_file(id)?;
        crate::shared::files::save(name, bytes)
    }
}
