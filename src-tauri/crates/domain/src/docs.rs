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

    /// 文种: what kind of document it is, which decides its template and whether it goes to a
    /// higher level (请示 and 报告 print their 签发人).
    pub enum DocForm {
        Notice = "notice", "通知", "Notice";
        Request = "request", "请示", "Request";
        Report = "report", "报告", "Report";
        Letter = "letter", "函", "Letter";
        Minutes = "minutes", "纪要", "Minutes";
    }

    /// 紧急程度.
    pub enum Urgency {
        None = "none", "普通", "Normal";
        Urgent = "urgent", "加急", "Urgent";
        Extra = "extra", "特急", "Extra urgent";
    }

    /// How a unit is named on a document sent to it: 主送 or 抄送.
    pub enum RecipientRole {
        Main = "main", "主送", "To";
        Cc = "cc", "抄送", "Copy";
    }

    /// Where a document sent to a unit stands there.
    pub enum ReceiptState {
        Unsigned = "unsigned", "未签收", "Not signed for";
        Signed = "signed", "已签收", "Signed for";
        Done = "done", "已办结", "Handled";
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

/// A unit an issued document is sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocRecipient {
    pub doc_id: String,
    pub unit_id: String,
    pub role: RecipientRole,
    pub sent_at: String,
}

/// A unit's 签收 of a document sent to it, and its handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocReceipt {
    pub doc_id: String,
    pub unit_id: String,
    pub received_on: String,
    /// Who signed for it, as the record shows them: 孙倩（文书）.
    pub received_by: String,
    /// The 收文 record it became at the unit.
    pub incoming_id: Option<String>,
    /// The day every handler had reported, with the last report.
    pub done_on: Option<String>,
    pub outcome: String,
}

impl DocReceipt {
    pub fn state(receipt: Option<&DocReceipt>) -> ReceiptState {
        match receipt {
            None => ReceiptState::Unsigned,
            Some(r) if r.done_on.is_some() => ReceiptState::Done,
            Some(_) => ReceiptState::Signed,
        }
    }
}

/// An attachment (附件) of an outgoing document, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocFile {
    pub id: String,
    pub doc_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    #[ts(type = "number")]
    pub sort: i64,
    pub added_at: String,
}

/// An outgoing document's text and the parts printed around it (GB/T 9704-2012).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocContent {
    pub doc_id: String,
    pub form: DocForm,
    /// 主送机关 and 抄送机关, as written (各县支公司，市公司各部门).
    pub addressees: String,
    pub cc: String,
    /// Paragraphs, one per line; a paragraph starting 一、 （一） 1. （1） is a heading.
    pub body: String,
    /// 附件: the attachments' names, one per line.
    pub attachments: String,
    /// 发文机关署名 and 成文日期.
    pub issuer: String,
    pub written_on: Option<String>,
    /// 印发机关 and 印发日期.
    pub printer: String,
    pub printed_on: Option<String>,
    /// 份号: up to six digits, printed as six.
    pub copy_no: String,
    /// 保密期限 of a secret document (1年); printed as 秘密★1年.
    pub secrecy_term: String,
    pub urgency: Urgency,
    /// 附注 (a 请示's contact: 联系人：刘晓燕，电话：0533-2288123), without brackets.
    pub note: String,
    #[serde(default)]
    pub updated_at: String,
}

impl DocForm {
    /// 上行文: sent to a higher level, printed with the 签发人.
    pub fn upward(self) -> bool {
        matches!(self, DocForm::Request | DocForm::Report)
    }

    /// The body a new draft of this kind starts from: the usual opening, heading skeleton
    /// and closing formula, each a line to overwrite.
    pub fn template(self) -> &'static str {
        match self {
            DocForm::Notice => "为……，经研究，现将有关事项通知如下。\n一、……\n（一）……\n二、……\n请各单位认真贯彻执行。",
            DocForm::Request => "……（请示的缘由）。\n……（请示的事项）。\n妥否，请批示。",
            DocForm::Report => "现将……情况报告如下。\n一、基本情况\n二、存在的问题\n三、下一步工作\n特此报告。",
            DocForm::Letter => "……（来函或去函的缘由）。\n……（商洽、询问或答复的事项）。\n请予函复。",
            DocForm::Minutes => "……年……月……日，……同志主持召开……会议，研究了……。现纪要如下：\n一、……\n二、……",
        }
    }
}

/// A body paragraph's heading level (结构层次序数): 一、 is 1, （一） 2, 1. 3, （1） 4; 0 is text.
pub fn heading_level(paragraph: &str) -> u8 {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    let p = paragraph.trim_start();
    let lead: String = p.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    if !lead.is_empty() && p[lead.len()..].starts_with('、') {
        return 1;
    }
    let inner = |open: char, close: char, ok: &dyn Fn(char) -> bool| {
        p.strip_prefix(open).is_some_and(|rest| {
            let n = rest.chars().take_while(|c| ok(*c)).count();
            n > 0 && rest.chars().nth(n) == Some(close)
        })
    };
    if inner('（', '）', &|c| NUMERALS.contains(c)) {
        return 2;
    }
    let digits = p.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(p.chars().nth(digits), Some('.' | '．')) {
        return 3;
    }
    if inner('（', '）', &|c| c.is_ascii_digit()) {
        return 4;
    }
    0
}

/// A date as documents print it, in Arabic numerals without leading zeros: 2016年12月5日.
pub fn chinese_date(date: &str) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some(format!("{}年{}月{}日", d.year(), d.month(), d.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_heading_levels_are_told_apart() {
        assert_eq!(heading_level("一、总体要求"), 1);
        assert_eq!(heading_level("十二、其他"), 1);
        assert_eq!(heading_level("（一）强化考核。各单位……"), 2);
        assert_eq!(heading_level("1.按月报送。"), 3);
        assert_eq!(heading_level("12．按季兑现"), 3);
        assert_eq!(heading_level("（1）数据须经签字确认。"), 4);
        // Not headings: a date, a bracket that is not a number, a number without its mark.
        assert_eq!(heading_level("2016年12月5日，公司召开会议。"), 0);
        assert_eq!(heading_level("（联系人：刘晓燕）"), 0);
        assert_eq!(heading_level("一季度保费完成率为86.5%。"), 0);
        assert_eq!(heading_level(""), 0);
    }

    #[test]
    fn dates_print_without_leading_zeros() {
        assert_eq!(chinese_date("2016-12-05").as_deref(), Some("2016年12月5日"));
        assert_eq!(chinese_date("2016-02-30"), None);
    }

    #[test]
    fn requests_and_reports_go_up() {
        assert!(DocForm::Request.upward() && DocForm::Report.upward());
        assert!(!DocForm::Notice.upward() && !DocForm::Minutes.upward());
        for f in DocForm::ALL {
            assert!(!f.template().is_empty());
        }
    }
}
