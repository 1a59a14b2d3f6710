//! A document's attachments (附件): files of any type kept in the database with their SHA-256,
//! added and removed while the document is a draft, saved out on request, and named in the
//! printed 附件说明 when the text does not name them itself.

use branchdesk_domain::{DocFile, OutgoingStatus};
use branchdesk_store::new_id;
use sha2::{Digest, Sha256};

use super::content::{draft_act, ours};
use crate::shared::files::save;
use crate::shared::input::{check_chars, not_found};
use crate::{App, AppError, Result};

/// One attachment at most 20 MiB, a document's at most 50 MiB in all and 20 files.
pub const MAX_FILE: usize = 20 << 20;
const MAX_TOTAL: i64 = 50 << 20;
const MAX_FILES: usize = 20;

impl App {
    pub fn outgoing_files(&self, doc_id: &str) -> Result<Vec<DocFile>> {
        Ok(self.store.doc_files(doc_id)?)
    }

    /// Adds a file to a draft. `name` is the file's name as picked (a path is cut to its last
    /// part).
    pub fn outgoing_attach(&mut self, doc_id: &str, name: &str, bytes: &[u8]) -> Result<DocFile> {
        let doc = self
            .store
            .outgoing_doc(doc_id)?
            .ok_or_else(|| not_found(format!("发文 {doc_id}")))?;
        ours(self, &doc)?;
        self.require(draft_act(self, &doc)?)?;
        if doc.status != OutgoingStatus::Draft {
            return Err(AppError::step(
                "docs.content_frozen",
                "文件已签发，附件不能再改；如需更正，请撤回后重新拟稿。".into(),
                "The document is signed, so its attachments cannot change; withdraw it and draft it again.".into(),
            ));
        }
        let name = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        check_chars("name", ("附件名称", "file name"), &name)?;
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::invalid(
                "name",
                "附件名称不能为空，且不超过200个字。",
                "A file name must not be empty or longer than 200 characters.",
            ));
        }
        if bytes.len() > MAX_FILE {
            return Err(AppError::invalid(
                "file",
                format!(
                    "“{name}”有 {:.1} MB，单个附件不能超过 20 MB。",
                    bytes.len() as f64 / 1048576.0
                ),
                format!(
                    "{name} is {:.1} MB; an attachment may be at most 20 MB.",
                    bytes.len() as f64 / 1048576.0
                ),
            ));
        }
        let files = self.store.doc_files(doc_id)?;
        if files.len() >= MAX_FILES {
            return Err(AppError::invalid(
                "file",
                format!("一份文件最多{MAX_FILES}个附件。"),
                format!("A document has at most {MAX_FILES} attachments."),
            ));
        }
        let total: i64 = files.iter().map(|f| f.size).sum();
        if total + bytes.len() as i64 > MAX_TOTAL {
            return Err(AppError::invalid(
                "file",
                "一份文件的附件合计不能超过 50 MB。",
                "A document's attachments may be at most 50 MB in all.",
            ));
        }
        if files.iter().any(|f| f.name == name) {
            return Err(AppError::invalid(
                "name",
                format!("已有名为“{name}”的附件。"),
                format!("There is already an attachment named {name}."),
            ));
        }
        let file = DocFile {
            id: new_id(),
            doc_id: doc_id.into(),
            name,
            size: bytes.len() as i64,
            sha256: branchdesk_sync::hex(&Sha256::digest(bytes)),
            sort: files.iter().map(|f| f.sort + 1).max().unwrap_or(0),
            added_at: self.ctx.now(),
        };
        self.store.write(|w| -> Result<()> {
            w.put_doc_file(&file, bytes)?;
            super::index_outgoing(w, &doc)?;
            Ok(())
        })?;
        Ok(file)
    }

    /// Takes a file off a draft.
    pub fn outgoing_detach(&mut self, file_id: &str) -> Result<()> {
        let (file, _) = self
            .store
            .doc_file_data(file_id)?
            .ok_or_else(|| not_found(format!("附件 {file_id}")))?;
        let doc = self
            .store
            .outgoing_doc(&file.doc_id)?
            .ok_or_else(|| not_found(format!("发文 {}", file.doc_id)))?;
        ours(self, &doc)?;
        self.require(draft_act(self, &doc)?)?;
        if doc.status != OutgoingStatus::Draft {
            return Err(AppError::step(
                "docs.content_frozen",
                "文件已签发，附件不能再改。".into(),
                "The document is signed, so its attachments cannot change.".into(),
            ));
        }
        self.store.write(|w| -> Result<()> {
            w.delete_doc_file(file_id)?;
            super::index_outgoing(w, &doc)
        })
    }

    /// An attachment's bytes, checked against its SHA-256.
    pub fn outgoing_file(&self, file_id: &str) -> Result<(DocFile, Vec<u8>)> {
        let (file, bytes) = self
            .store
            .doc_file_data(file_id)?
            .ok_or_else(|| not_found(format!("附件 {file_id}")))?;
        let sum = branchdesk_sync::hex(&Sha256::digest(&bytes));
        if sum != file.sha256 {
            return Err(AppError::step(
                "docs.file_damaged",
                format!("附件“{}”已损坏（校验值不符），请向发文单位索取。", file.name),
                format!("The attachment {} is damaged (its SHA-256 does not match); ask the sender for it.", file.name),
            ));
        }
        Ok((file, bytes))
    }

    /// Saves an attachment into the download folder; returns its path.
    pub fn outgoing_file_to_dir(&self, file_id: &str) -> Result<String> {
        let (file, bytes) = self.outgoing_file(file_id)?;
        save(file.name, bytes)
    }
}

/// The name an attachment is listed by in 附件说明: its file name without the extension.
pub(super) fn listed_name(file: &DocFile) -> String {
    match file.name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => stem.to_string(),
        _ => file.name.clone(),
    }
}
