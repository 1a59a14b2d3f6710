//! The document register (公文): outgoing documents numbered by category, and their numbers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// Who drafts and signs a category's documents (seed 004): 公司文件 are drafted by the office
    /// and signed by the general manager; 业务文件 by a department and the deputy GM in charge.
    pub enum DocKind {
        Company = "company", "公司文件", "Company document", ["公司"];
        Business = "business", "业务文件", "Business document", ["业务"];
    }

    pub enum OutgoingStatus {
        Draft = "draft", "草稿", "Draft";
        Signed = "signed", "已签发", "Signed";
        Issued = "issued", "已印发", "Issued";
        Withdrawn = "withdrawn", "已撤回", "Withdrawn";
    }
}

/// A numbering category: `淄人保发〔2016〕63号` has the prefix 淄人保发.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocCategory {
    pub code: String,
    pub name: String,
    pub prefix: String,
    pub kind: DocKind,
    /// Another site's category (its documents are listed here; only that site numbers in it).
    #[serde(default)]
    pub foreign: bool,
}

impl DocCategory {
    /// The number as offices write it: 淄人保发〔2016〕63号.
    pub fn number(&self, year: i32, seq: i64) -> String {
        format!("{}〔{year}〕{seq}号", self.prefix)
    }
}

/// An outgoing document (发文).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingDoc {
    pub id: String,
    pub unit_id: String,
    pub category: String,
    pub title: String,
    /// The department that drafted it (the office for company documents).
    pub drafting_unit_id: Option<String>,
    pub drafter_id: Option<String>,
    pub signer_id: Option<String>,
    pub signed_on: Option<String>,
    /// Set when it is issued: the year and sequence of its number, and the number as written.
    #[ts(type = "number | null")]
    pub year: Option<i32>,
    #[ts(type = "number | null")]
    pub seq: Option<i64>,
    pub number: Option<String>,
    pub issued_on: Option<String>,
    /// 秘密: listed only within its scope.
    pub secret: bool,
    pub status: OutgoingStatus,
    pub created_at: String,
    pub updated_at: String,
    /// The signer as the record shows them, with the post that gave the authority:
    /// 韩立新（总经理）. Empty until signed.
    #[serde(default)]
    pub signed_by: String,
    /// The minute it was signed, local time: 2016-12-05T10:12.
    #[serde(default)]
    pub signed_at: Option<String>,
}

impl OutgoingDoc {
    /// The signing as the record shows it: 韩立新（总经理）于 2016-12-05 10:12 签发.
    pub fn signing(&self, lang: crate::Lang) -> Option<String> {
        let at = self.signed_at.as_deref()?.replace('T', " ");
        (!self.signed_by.is_empty()).then(|| match lang {
            crate::Lang::Zh => format!("{}于 {at} 签发", self.signed_by),
            crate::Lang::En => format!("signed by {} at {at}", self.signed_by),
        })
    }
}

/// An incoming document (收文) with its read-and-handle slip (阅办单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncomingDoc {
    pub id: String,
    pub unit_id: String,
    pub received_on: String,
    pub sender: String,
    pub title: String,
    /// The sender's number, e.g. 鲁人保发〔2016〕12号
    pub doc_number: String,
    /// 急件: routed at once.
    pub urgent: bool,
    /// 领导批示
    pub instruction: String,
    pub secret: bool,
    pub registered_by: String,
    pub created_at: String,
}

/// One sending of an issued document (发文登记).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dispatch {
    pub id: String,
    pub doc_id: String,
    pub sent_on: String,
    /// 送达部门 / 单位
    pub to_unit: String,
    pub recipient: String,
    pub content: String,
    /// What the sender heard back (办理结果).
    pub outcome: String,
}

/// A correction of an issued document: what it was before, and why it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocRevision {
    #[ts(type = "number")]
    pub rev: i64,
    pub before: OutgoingDoc,
    pub reason: String,
    pub by: String,
    pub at: String,
}
