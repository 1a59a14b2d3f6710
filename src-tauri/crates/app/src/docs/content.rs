//! A document's text: drafted from the template of its kind (通知, 请示, 报告, 函, 纪要),
//! edited (and autosaved) while it is a draft, frozen once signed, and printed in the national
//! format (GB/T 9704-2012) with `report document`.

use branchdesk_domain::{
    chinese_date, heading_level, Act, DocContent, DocForm, DocKind, Label, OutgoingDoc,
    OutgoingStatus, Urgency,
};
use branchdesk_report::{Level, Official, Paragraph};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shared::files::save;
use crate::shared::input::{check_chars, not_found, parse_date};
use crate::{App, AppError, Result};

/// What the text editor opens: the saved text, or a new one from the template of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContentView {
    pub content: DocContent,
    /// False until the text is first saved (the content is the template's).
    pub saved: bool,
    /// The document is a draft and the user may edit it.
    pub editable: bool,
    /// The attached files (附件), without their bytes.
    pub files: Vec<branchdesk_domain::DocFile>,
}

const MAX_BODY: usize = 100_000;
const MAX_ATTACHMENTS: usize = 20;

impl App {
    /// The document's text, or (never saved) the template of `form` with the issuing unit as
    /// 发文机关署名 and 印发机关 its office.
    pub fn outgoing_content(&self, id: &str, form: Option<DocForm>) -> Result<ContentView> {
        let doc = self.outgoing(id)?;
        let editable = doc.status == OutgoingStatus::Draft
            && self.require(draft_act(self, &doc)?).is_ok()
            && ours(self, &doc).is_ok();
        if let Some(content) = self.store.doc_content(id)? {
            return Ok(ContentView {
                content,
                saved: true,
                editable,
                files: self.store.doc_files(id)?,
            });
        }
        let units = self.store.units(None)?;
        let name = |uid: Option<&str>| {
            units
                .iter()
                .find(|u| Some(u.id.as_str()) == uid)
                .map_or_else(String::new, |u| u.attrs.name.clone())
        };
        let issuer = name(Some(&doc.unit_id));
        let office = units
            .iter()
            .find(|u| {
                u.attrs.parent_id.as_deref() == Some(doc.unit_id.as_str())
                    && u.attrs.name.contains("办公室")
            })
            .map_or_else(|| issuer.clone(), |u| format!("{issuer}{}", u.attrs.name));
        let form = form.unwrap_or(DocForm::Notice);
        Ok(ContentView {
            content: DocContent {
                doc_id: doc.id.clone(),
                form,
                addressees: String::new(),
                cc: String::new(),
                body: form.template().to_string(),
                attachments: String::new(),
                issuer,
                written_on: None,
                printer: office,
                printed_on: None,
                copy_no: String::new(),
                secrecy_term: String::new(),
                urgency: Urgency::None,
                note: String::new(),
                updated_at: String::new(),
            },
            saved: false,
            editable,
            files: self.store.doc_files(id)?,
        })
    }

    /// Saves a draft's text (the editor autosaves it). Refused once the document is signed:
    /// an issued document is corrected only as a revision.
    pub fn outgoing_content_save(&mut self, input: &DocContent) -> Result<DocContent> {
        let doc = self.outgoing(&input.doc_id)?;
        ours(self, &doc)?;
        self.require(draft_act(self, &doc)?)?;
        if doc.status != OutgoingStatus::Draft {
            return Err(AppError::step(
                "docs.content_frozen",
                "文件已签发，正文不能再改；如需更正，请撤回后重新拟稿。".into(),
                "The document is signed, so its text cannot change; withdraw it and draft it again to correct it.".into(),
            ));
        }
        let c = validate(input)?;
        let c = DocContent {
            secrecy_term: if doc.secret {
                c.secrecy_term
            } else {
                String::new()
            },
            updated_at: self.ctx.now(),
            ..c
        };
        self.store.write(|w| -> Result<()> {
            w.put_doc_content(&c)?;
            super::index_outgoing(w, &doc)?;
            Ok(())
        })?;
        Ok(c)
    }

    /// The document in the national format (GB/T 9704-2012): a draft prints with its number
    /// left blank.
    pub fn report_document(&self, id: &str) -> Result<Vec<u8>> {
        let doc = self.outgoing(id)?;
        let content = self.outgoing_content(id, None)?.content;
        let site = self.store.site()?;
        let units = self.store.units(None)?;
        let unit = units
            .iter()
            .find(|u| u.id == doc.unit_id)
            .map_or_else(|| site.name.clone(), |u| u.attrs.name.clone());
        let category = self.store.doc_category(&doc.category)?;
        let number = doc.number.clone().unwrap_or_else(|| {
            let year = self.ctx.today_str()[..4].to_string();
            category
                .as_ref()
                .map_or_else(String::new, |c| format!("{}〔{year}〕\u{3000}号", c.prefix))
        });
        let minutes = content.form == DocForm::Minutes;
        let (mark, title) = if minutes {
            if doc.title.ends_with("纪要") {
                (doc.title.clone(), String::new())
            } else {
                (format!("{unit}纪要"), doc.title.clone())
            }
        } else {
            (format!("{unit}文件"), doc.title.clone())
        };
        let signer = content.form.upward().then(|| {
            // 韩立新（总经理） → 韩立新
            doc.signed_by
                .split('（')
                .next()
                .unwrap_or_default()
                .to_string()
        });
        let date = |d: Option<&str>| d.and_then(chinese_date).unwrap_or_default();
        let written = content
            .written_on
            .as_deref()
            .or(doc.signed_on.as_deref())
            .or(doc.issued_on.as_deref());
        let printed = content.printed_on.as_deref().or(doc.issued_on.as_deref());
        let official = Official {
            author: site.name.clone(),
            created: chrono::Utc::now().format("D:%Y%m%d%H%M%SZ").to_string(),
            copy_no: if content.copy_no.is_empty() {
                String::new()
            } else {
                format!("{:0>6}", content.copy_no)
            },
            secrecy: match (doc.secret, content.secrecy_term.as_str()) {
                (false, _) => String::new(),
                (true, "") => "秘密".into(),
                (true, term) => format!("秘密★{term}"),
            },
            urgency: match content.urgency {
                Urgency::None => String::new(),
                u => u.label(branchdesk_domain::Lang::Zh).to_string(),
            },
            mark,
            number,
            signer: signer.filter(|s| !s.is_empty()),
            title,
            addressees: content.addressees.trim().to_string(),
            body: content
                .body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|text| Paragraph {
                    level: match heading_level(text) {
                        1 => Level::One,
                        2 => Level::Two,
                        3 => Level::Three,
                        4 => Level::Four,
                        _ => Level::Text,
                    },
                    text: text.to_string(),
                })
                .collect(),
            attachments: {
                let named = attachment_names(&content.attachments);
                if named.is_empty() {
                    // The text names none: list the attached files.
                    self.store
                        .doc_files(id)?
                        .iter()
                        .map(super::files::listed_name)
                        .collect()
                } else {
                    named
                }
            },
            attendance: Vec::new(),
            issuer: if minutes {
                String::new()
            } else {
                content.issuer.clone()
            },
            date: if minutes {
                String::new()
            } else {
                date(written)
            },
            note: content.note.trim().to_string(),
            cc: content.cc.trim().to_string(),
            printer: content.printer.trim().to_string(),
            printed: date(printed),
        };
        branchdesk_report::render_official(&official).map_err(|e| AppError::Export(e.to_string()))
    }

    /// `report_document` written to the reports folder: 公文-淄人保发〔2016〕63号-标题.pdf.
    pub fn report_document_to_dir(&self, id: &str) -> Result<String> {
        let bytes = self.report_document(id)?;
        let doc = self.outgoing(id)?;
        let safe = |s: &str| -> String { s.chars().take(40).collect() };
        let number = doc.number.as_deref().unwrap_or("草稿");
        save(
            format!("公文-{}-{}.pdf", safe(number), safe(&doc.title)),
            bytes,
        )
    }

    fn outgoing(&self, id: &str) -> Result<OutgoingDoc> {
        self.store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))
    }
}

/// Refuses to change a document another site made: its text, files and recipients are the
/// issuing site's (a change here would be refused in the next bundle to it).
pub(super) fn ours(app: &App, doc: &OutgoingDoc) -> Result<()> {
    match app.store.owner_site("outgoing_doc", &doc.id)? {
        None => Ok(()),
        Some(_) => {
            let unit = app
                .store
                .units(None)?
                .into_iter()
                .find(|u| u.id == doc.unit_id)
                .map_or_else(String::new, |u| u.attrs.name);
            Err(AppError::step(
                "docs.not_ours",
                format!("这份公文是{unit}的，正文、附件和分发只能由发文单位修改。"),
                format!("This document is {unit}'s: only the issuing site changes its text, files and recipients."),
            ))
        }
    }
}

/// Who may draft a document of this category (and send it to units).
pub(super) fn draft_act(app: &App, doc: &OutgoingDoc) -> Result<Act> {
    let kind = app
        .store
        .doc_category(&doc.category)?
        .map_or(DocKind::Company, |c| c.kind);
    Ok(match kind {
        DocKind::Company => Act::DraftCompanyDoc,
        DocKind::Business => Act::DraftBusinessDoc,
    })
}

/// The attachments' names, one per line, without the numbers people type (1. 2、).
pub(crate) fn attachment_names(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l.trim();
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            match l[digits..].chars().next() {
                Some(c @ ('.' | '．' | '、')) if digits > 0 => l[digits + c.len_utf8()..].trim(),
                _ => l,
            }
            .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Checks every field; dates as YYYY-MM-DD, 份号 up to six digits.
fn validate(input: &DocContent) -> Result<DocContent> {
    let mut c = input.clone();
    let short: [(&'static str, (&str, &str), &mut String, usize); 7] = [
        (
            "addressees",
            ("主送机关", "addressees"),
            &mut c.addressees,
            500,
        ),
        ("cc", ("抄送机关", "copies to"), &mut c.cc, 500),
        (
            "issuer",
            ("发文机关署名", "issuing authority"),
            &mut c.issuer,
            100,
        ),
        ("printer", ("印发机关", "printed by"), &mut c.printer, 100),
        (
            "secrecy_term",
            ("保密期限", "secrecy term"),
            &mut c.secrecy_term,
            20,
        ),
        ("note", ("附注", "note"), &mut c.note, 500),
        (
            "attachments",
            ("附件", "attachments"),
            &mut c.attachments,
            4000,
        ),
    ];
    for (field, names, value, max) in short {
        *value = value.trim().to_string();
        check_chars(field, names, value)?;
        if value.chars().count() > max {
            return Err(AppError::invalid(
                field,
                format!("{}不能超过{max}个字。", names.0),
                format!("The {} must not be longer than {max} characters.", names.1),
            ));
        }
    }
    check_chars("body", ("正文", "text"), &c.body)?;
    if c.body.chars().count() > MAX_BODY {
        return Err(AppError::invalid(
            "body",
            format!("正文不能超过{MAX_BODY}个字；很长的材料请作为附件。"),
            format!("The text must not be longer than {MAX_BODY} characters; attach long material instead."),
        ));
    }
    if attachment_names(&c.attachments).len() > MAX_ATTACHMENTS {
        return Err(AppError::invalid(
            "attachments",
            format!("附件不能超过{MAX_ATTACHMENTS}个。"),
            format!("No more than {MAX_ATTACHMENTS} attachments."),
        ));
    }
    if c.copy_no.len() > 6 || !c.copy_no.chars().all(|ch| ch.is_ascii_digit()) {
        return Err(AppError::invalid(
            "copy_no",
            "份号为不超过6位的数字，如 000123。",
            "The copy number is up to six digits, e.g. 000123.",
        ));
    }
    for (field, value) in [
        ("written_on", &mut c.written_on),
        ("printed_on", &mut c.printed_on),
    ] {
        if let Some(v) = value.as_deref().map(str::trim) {
            *value = if v.is_empty() {
                None
            } else {
                Some(parse_date(field, v)?)
            };
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_numbers_people_type_are_dropped() {
        assert_eq!(
            attachment_names("1.考核办法\n2、计分标准\n\n  3．附表 \n2016年计划表"),
            ["考核办法", "计分标准", "附表", "2016年计划表"]
        );
    }
}
