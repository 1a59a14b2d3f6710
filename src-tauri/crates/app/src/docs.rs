//! 公文, outgoing side (seed 004): documents drafted, signed by the right person, then numbered
//! and issued; numbers per category and year that never repeat or skip; secret documents seen
//! only within their scope.
//!
//! * 公司文件 (`DocKind::Company`) are drafted by the office (办公室) and signed by the general
//!   manager (a post titled 总经理); 业务文件 (`Business`) by a department and signed by a deputy
//!   GM (a post whose title contains 副总经理), who must hold the post on the signing day.
//! * A number is taken only when a signed document is issued, inside the same transaction, so a
//!   withdrawn draft never costs one. A number reserved ahead (`docs number`) and then given back
//!   is handed out again before any new one.

use branchdesk_domain::{
    ActionChange, ActionItem, ActionStatus, Dispatch, DocCategory, DocKind, DocRevision,
    IncomingDoc, OutgoingDoc, OutgoingStatus, UnitKind,
};
use branchdesk_store::{new_id, SearchDoc};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::minutes::ActionView;
use crate::org::parse_date;
use crate::{now, operator, today, App, AppError, Result};

/// What the outgoing-document drawer sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingInput {
    pub id: Option<String>,
    pub unit_id: String,
    pub category: String,
    pub title: String,
    pub drafting_unit_id: Option<String>,
    pub drafter_id: Option<String>,
    pub secret: bool,
    /// For a secret document: the units (with everything below them) and positions that may
    /// receive it.
    #[serde(default)]
    pub scope_units: Vec<String>,
    #[serde(default)]
    pub scope_positions: Vec<String>,
}

/// A number handed out by `docs number`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reserved {
    pub category: String,
    pub year: i32,
    #[ts(type = "number")]
    pub seq: i64,
    /// As offices write it: 淄人保发〔2016〕63号
    pub number: String,
}

/// What the 收文 registration (阅办单) sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncomingInput {
    pub unit_id: String,
    pub received_on: String,
    pub sender: String,
    pub title: String,
    #[serde(default)]
    pub doc_number: String,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub instruction: String,
    #[serde(default)]
    pub secret: bool,
    /// The people it is routed to; each gets an item on the follow-up board.
    pub handlers: Vec<String>,
}

/// A line of the 收文 register: the document and how its handling stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncomingRow {
    #[serde(flatten)]
    pub doc: IncomingDoc,
    pub handlers: Vec<ActionView>,
    /// The handling deadline (the latest of the handlers').
    pub due_on: String,
    /// Every handler has reported.
    pub done: bool,
    /// Days past the deadline of the latest open handler (0 when none is late).
    #[ts(type = "number")]
    pub overdue_days: i64,
}

/// A sending of an issued document, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispatchInput {
    pub doc_id: String,
    pub sent_on: String,
    pub to_unit: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub content: String,
}

/// An outgoing document with where it went and how it was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingDetail {
    pub doc: OutgoingDoc,
    pub dispatches: Vec<Dispatch>,
    pub revisions: Vec<DocRevision>,
    /// Names of the units and positions a secret document may go to.
    pub scope: Vec<String>,
}

pub(crate) fn index_outgoing(w: &branchdesk_store::Writer<'_>, d: &OutgoingDoc) -> Result<()> {
    w.index(
        &d.id,
        &[SearchDoc {
            kind: "outgoing",
            ref_id: &d.id,
            unit_id: Some(&d.unit_id),
            title: &d.title,
            body: d.number.as_deref().unwrap_or(""),
            at: d
                .issued_on
                .as_deref()
                .unwrap_or(&d.created_at[..10.min(d.created_at.len())]),
        }],
    )?;
    Ok(())
}

/// The deadline for handling a document received on `received`: `days` later, counting only
/// Monday to Friday when `working`. (Public holidays are not known to the program.)
pub fn handling_due(received: chrono::NaiveDate, days: u32, working: bool) -> chrono::NaiveDate {
    if !working {
        return received + chrono::Days::new(u64::from(days));
    }
    let mut d = received;
    let mut left = days;
    while left > 0 {
        d = d + chrono::Days::new(1);
        if d.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    d
}

fn invalid(field: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::invalid(field, zh, en)
}

fn not_found(what: String) -> AppError {
    branchdesk_store::Error::NotFound(what).into()
}

fn year_of(date: &str) -> i32 {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or(0, |d| d.year())
}

impl App {
    pub fn doc_categories(&self) -> Result<Vec<DocCategory>> {
        Ok(self.store.doc_categories()?)
    }

    /// Adds or changes a numbering category (code, name, prefix such as 淄人保发, kind).
    pub fn doc_category_save(&mut self, c: &DocCategory) -> Result<DocCategory> {
        let code = c.code.trim();
        let prefix = c.prefix.trim();
        if code.is_empty() || c.name.trim().is_empty() || prefix.is_empty() {
            return Err(invalid(
                "code",
                "类别编码、名称和文号前缀都不能为空。",
                "A category needs a code, a name and a prefix.",
            ));
        }
        if prefix.chars().any(|ch| "〔〕[]0123456789号".contains(ch)) {
            return Err(invalid("prefix", "文号前缀只写机关代字，如“淄人保发”；年份和序号由系统生成。", "The prefix is the issuer's code only (e.g. 淄人保发); year and number are added by the program."));
        }
        let c = DocCategory {
            code: code.into(),
            name: c.name.trim().into(),
            prefix: prefix.into(),
            kind: c.kind,
        };
        let sort = self.store.doc_categories()?.len() as i64;
        self.store
            .write(|w| w.put_doc_category(&c, sort).map_err(AppError::from))?;
        Ok(c)
    }

    fn category(&self, code: &str) -> Result<DocCategory> {
        self.store
            .doc_categories()?
            .into_iter()
            .find(|c| c.code == code)
            .ok_or_else(|| {
                invalid(
                    "category",
                    format!("没有文件类别“{code}”。请先添加该类别（branchdesk docs category --code … --prefix …）。"),
                    format!(
                        "No document category \"{code}\". Add it first (branchdesk docs category --code … --prefix …)."
                    ),
                )
            })
    }

    /// Reserves the next number of a category for `year` (this year by default), for a document
    /// numbered outside the register.
    pub fn doc_reserve_number(&mut self, category: &str, year: Option<i32>) -> Result<Reserved> {
        let c = self.category(category)?;
        let year = year.unwrap_or_else(|| year_of(&crate::today()));
        let at = now();
        let seq = self.store.write(|w| {
            w.reserve_number(&c.code, year, None, &at)
                .map_err(AppError::from)
        })?;
        Ok(Reserved {
            number: c.number(year, seq),
            category: c.code,
            year,
            seq,
        })
    }

    /// Gives a reserved number back; the next reservation or issue takes it.
    pub fn doc_release_number(&mut self, category: &str, year: i32, seq: i64) -> Result<()> {
        let c = self.category(category)?;
        let at = now();
        self.store
            .write(|w| w.set_number_state(&c.code, year, seq, "released", None, &at).map_err(AppError::from))
            .map_err(|_| invalid("seq", format!("{} 不是待用的预留文号（已用于发文的文号不能收回）。", c.number(year, seq)), format!("{} is not a reserved number (numbers on issued documents are never given back).", c.number(year, seq))))
    }

    /// Creates or edits a draft.
    pub fn outgoing_save(&mut self, input: &OutgoingInput) -> Result<OutgoingDoc> {
        let title = input.title.trim();
        if title.is_empty() || title.chars().count() > 120 {
            return Err(invalid(
                "title",
                "文件标题不能为空，且不超过120个字。",
                "The title must not be empty or longer than 120 characters.",
            ));
        }
        let c = self.category(&input.category)?;
        let units = self.store.units(None)?;
        let unit_of = |id: &str| units.iter().find(|u| u.id == id);
        if unit_of(&input.unit_id).is_none() {
            return Err(invalid(
                "unit_id",
                "请选择发文单位。",
                "Choose the issuing unit.",
            ));
        }
        let drafting = input.drafting_unit_id.as_deref().and_then(unit_of);
        match (c.kind, drafting) {
            (_, None) => {
                return Err(invalid(
                    "drafting_unit_id",
                    "请选择拟稿部门。",
                    "Choose the drafting department.",
                ))
            }
            (DocKind::Company, Some(u)) if !u.attrs.name.contains("办公室") => {
                return Err(invalid("drafting_unit_id", format!("公司文件由办公室拟稿；“{}”不是办公室。业务文件请选业务发文类别。", u.attrs.name), format!("Company documents are drafted by the office; {} is not the office. Use a business category instead.", u.attrs.name)));
            }
            (DocKind::Business, Some(u)) if u.attrs.kind != UnitKind::Department => {
                return Err(invalid(
                    "drafting_unit_id",
                    "业务文件由有关部门拟稿，请选择部门。",
                    "Business documents are drafted by a department.",
                ));
            }
            _ => {}
        }
        if input.secret && input.scope_units.is_empty() && input.scope_positions.is_empty() {
            return Err(invalid(
                "scope",
                "秘密文件须确定报送范围（单位或岗位）。",
                "A secret document needs a distribution scope (units or positions).",
            ));
        }
        let existing = match &input.id {
            Some(id) => Some(
                self.store
                    .outgoing_doc(id)?
                    .ok_or_else(|| not_found(format!("发文 {id}")))?,
            ),
            None => None,
        };
        if let Some(e) = &existing {
            if e.status != OutgoingStatus::Draft {
                return Err(invalid(
                    "status",
                    "已签发的文件不能修改；如需更正，请撤回后重新拟稿。",
                    "A signed document cannot be edited; withdraw it and draft it again.",
                ));
            }
        }
        let at = now();
        let doc = OutgoingDoc {
            id: existing.as_ref().map_or_else(new_id, |e| e.id.clone()),
            unit_id: input.unit_id.clone(),
            category: c.code.clone(),
            title: title.into(),
            drafting_unit_id: input.drafting_unit_id.clone(),
            drafter_id: input.drafter_id.clone().filter(|d| !d.is_empty()),
            signer_id: None,
            signed_on: None,
            year: None,
            seq: None,
            number: None,
            issued_on: None,
            secret: input.secret,
            status: OutgoingStatus::Draft,
            created_at: existing
                .as_ref()
                .map_or_else(|| at.clone(), |e| e.created_at.clone()),
            updated_at: at,
        };
        let (su, sp) = if input.secret {
            (input.scope_units.clone(), input.scope_positions.clone())
        } else {
            (Vec::new(), Vec::new())
        };
        self.store.write(|w| -> Result<()> {
            w.put_outgoing_doc(&doc)?;
            w.set_doc_scope(&doc.id, &su, &sp)?;
            index_outgoing(w, &doc)?;
            Ok(())
        })?;
        Ok(doc)
    }

    /// 签发: by the general manager (company documents) or a deputy GM (business documents),
    /// who must hold that post on the day.
    pub fn outgoing_sign(&mut self, id: &str, signer_id: &str, on: &str) -> Result<OutgoingDoc> {
        let on = parse_date("signed_on", on)?;
        let mut doc = self
            .store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))?;
        if doc.status != OutgoingStatus::Draft {
            return Err(invalid(
                "status",
                "只有草稿可以签发。",
                "Only a draft can be signed.",
            ));
        }
        let c = self.category(&doc.category)?;
        let people = self.store.people()?;
        let person = people.iter().find(|p| p.id == signer_id).ok_or_else(|| {
            invalid(
                "signer_id",
                "签发人不在人员名单中。",
                "The signer is not a known person.",
            )
        })?;
        let positions = self.store.positions(Some(&on))?;
        let titles: Vec<&str> = self
            .store
            .assignments()?
            .into_iter()
            .filter(|a| a.person_id == signer_id && a.holds_on(&on))
            .filter_map(|a| positions.iter().find(|p| p.id == a.position_id))
            .map(|p| p.attrs.title.as_str())
            .collect();
        let ok = match c.kind {
            DocKind::Company => titles.contains(&"总经理"),
            DocKind::Business => titles.iter().any(|t| t.contains("副总经理")),
        };
        if !ok {
            let held = if titles.is_empty() {
                "无".to_string()
            } else {
                titles.join("、")
            };
            return Err(match c.kind {
                DocKind::Company => invalid("signer_id", format!("公司文件由总经理签发；{} 在 {on} 的岗位是：{held}。", person.name), format!("Company documents are signed by the general manager; on {on} {} holds: {held}.", person.name)),
                DocKind::Business => invalid("signer_id", format!("业务文件由分管副总经理签发；{} 在 {on} 的岗位是：{held}。", person.name), format!("Business documents are signed by the deputy GM in charge; on {on} {} holds: {held}.", person.name)),
            });
        }
        doc.signer_id = Some(signer_id.into());
        doc.signed_on = Some(on);
        doc.status = OutgoingStatus::Signed;
        doc.updated_at = now();
        self.store
            .write(|w| w.put_outgoing_doc(&doc).map_err(AppError::from))?;
        Ok(doc)
    }

    /// Numbers and issues a signed document: the next number of its category for the year of
    /// `on`, taken in the same transaction.
    pub fn outgoing_issue(&mut self, id: &str, on: &str) -> Result<OutgoingDoc> {
        let on = parse_date("issued_on", on)?;
        let doc = self
            .store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))?;
        if doc.status != OutgoingStatus::Signed {
            return Err(invalid(
                "status",
                "文件须先签发，才能编号印发。",
                "A document is numbered and issued only after it is signed.",
            ));
        }
        if doc.signed_on.as_deref().is_some_and(|s| on.as_str() < s) {
            return Err(invalid(
                "issued_on",
                "印发日期不能早于签发日期。",
                "It cannot be issued before it was signed.",
            ));
        }
        let c = self.category(&doc.category)?;
        let year = year_of(&on);
        let at = now();
        self.store.write(|w| -> Result<OutgoingDoc> {
            let mut d = w
                .outgoing_doc(id)?
                .ok_or_else(|| not_found(format!("发文 {id}")))?;
            let seq = w.reserve_number(&c.code, year, Some(id), &at)?;
            w.set_number_state(&c.code, year, seq, "used", Some(id), &at)?;
            d.year = Some(year);
            d.seq = Some(seq);
            d.number = Some(c.number(year, seq));
            d.issued_on = Some(on.clone());
            d.status = OutgoingStatus::Issued;
            d.updated_at = at.clone();
            w.put_outgoing_doc(&d)?;
            index_outgoing(w, &d)?;
            Ok(d)
        })
    }

    /// Withdraws a draft or a signed document (not yet numbered: no number is lost).
    pub fn outgoing_withdraw(&mut self, id: &str) -> Result<OutgoingDoc> {
        let mut doc = self
            .store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))?;
        if !matches!(doc.status, OutgoingStatus::Draft | OutgoingStatus::Signed) {
            return Err(invalid(
                "status",
                "已印发的文件不能撤回；更正请另行发文。",
                "An issued document cannot be withdrawn; issue a correction instead.",
            ));
        }
        doc.status = OutgoingStatus::Withdrawn;
        doc.updated_at = now();
        self.store
            .write(|w| w.put_outgoing_doc(&doc).map_err(AppError::from))?;
        Ok(doc)
    }

    /// One outgoing document with its dispatch log, corrections and scope.
    pub fn outgoing_detail(&self, id: &str) -> Result<OutgoingDetail> {
        let doc = self
            .store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))?;
        let (su, sp) = self.store.doc_scope(id)?;
        let units = self.store.units(None)?;
        let positions = self.store.positions(None)?;
        let scope = su
            .iter()
            .filter_map(|u| {
                units
                    .iter()
                    .find(|x| &x.id == u)
                    .map(|x| x.attrs.name.clone())
            })
            .chain(sp.iter().filter_map(|p| {
                positions
                    .iter()
                    .find(|x| &x.id == p)
                    .map(|x| x.attrs.title.clone())
            }))
            .collect();
        Ok(OutgoingDetail {
            dispatches: self.store.dispatches(id)?,
            revisions: self.store.doc_revisions(id)?,
            scope,
            doc,
        })
    }

    /// Records a sending of an issued document (发文登记).
    pub fn outgoing_dispatch(&mut self, input: &DispatchInput) -> Result<OutgoingDetail> {
        let doc = self
            .store
            .outgoing_doc(&input.doc_id)?
            .ok_or_else(|| not_found(format!("发文 {}", input.doc_id)))?;
        if doc.status != OutgoingStatus::Issued {
            return Err(invalid(
                "status",
                "文件印发后才能登记送达。",
                "Only an issued document can be sent.",
            ));
        }
        let sent_on = parse_date("sent_on", &input.sent_on)?;
        if doc
            .issued_on
            .as_deref()
            .is_some_and(|i| sent_on.as_str() < i)
        {
            return Err(invalid(
                "sent_on",
                "送达日期不能早于印发日期。",
                "It cannot be sent before it was issued.",
            ));
        }
        if input.to_unit.trim().is_empty() {
            return Err(invalid(
                "to_unit",
                "请填写送达部门。",
                "Fill in where it was sent.",
            ));
        }
        let d = Dispatch {
            id: new_id(),
            doc_id: doc.id.clone(),
            sent_on,
            to_unit: input.to_unit.trim().into(),
            recipient: input.recipient.trim().into(),
            content: input.content.trim().into(),
            outcome: String::new(),
        };
        self.store
            .write(|w| w.put_dispatch(&d).map_err(AppError::from))?;
        self.outgoing_detail(&doc.id)
    }

    /// The outcome the sender reports back for one sending.
    pub fn dispatch_outcome(&mut self, id: &str, outcome: &str) -> Result<OutgoingDetail> {
        let outcome = outcome.trim().to_string();
        if outcome.is_empty() {
            return Err(invalid(
                "outcome",
                "请填写办理结果。",
                "Fill in the outcome.",
            ));
        }
        let doc_id = self.store.write(|w| -> Result<String> {
            let mut d = w
                .dispatch(id)?
                .ok_or_else(|| not_found(format!("送达记录 {id}")))?;
            d.outcome = outcome.clone();
            w.put_dispatch(&d)?;
            Ok(d.doc_id)
        })?;
        self.outgoing_detail(&doc_id)
    }

    /// Corrects an issued document's title: the original is kept as a revision with the
    /// reason; the number stays.
    pub fn outgoing_correct(
        &mut self,
        id: &str,
        title: &str,
        reason: &str,
    ) -> Result<OutgoingDetail> {
        let (title, reason) = (title.trim(), reason.trim());
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "请说明更正原因。",
                "Give the reason for the correction.",
            ));
        }
        if title.is_empty() || title.chars().count() > 120 {
            return Err(invalid(
                "title",
                "文件标题不能为空，且不超过120个字。",
                "The title must not be empty or longer than 120 characters.",
            ));
        }
        let before = self
            .store
            .outgoing_doc(id)?
            .ok_or_else(|| not_found(format!("发文 {id}")))?;
        if before.status != OutgoingStatus::Issued {
            return Err(invalid(
                "status",
                "未印发的文件可直接修改或撤回，无需更正。",
                "A document not yet issued is edited or withdrawn, not corrected.",
            ));
        }
        let (by, at) = (operator(), now());
        self.store.write(|w| -> Result<()> {
            w.add_doc_revision(&before, reason, &by, &at)?;
            let mut d = before.clone();
            d.title = title.into();
            d.updated_at = at.clone();
            w.put_outgoing_doc(&d)?;
            index_outgoing(w, &d)?;
            Ok(())
        })?;
        self.outgoing_detail(id)
    }

    /// Outgoing documents, newest first. With `for_unit`, only what that unit may see: every
    /// ordinary document, and secret ones whose scope holds the unit (or a unit above it) or a
    /// position of the unit.
    pub fn outgoing_list(&self, for_unit: Option<&str>) -> Result<Vec<OutgoingDoc>> {
        let docs = self.store.outgoing_docs()?;
        let Some(viewer) = for_unit else {
            return Ok(docs);
        };
        let units = self.store.units(None)?;
        let positions = self.store.positions(None)?;
        let mut chain = vec![viewer.to_string()];
        while let Some(p) = units
            .iter()
            .find(|u| Some(&u.id) == chain.last())
            .and_then(|u| u.attrs.parent_id.clone())
        {
            if chain.contains(&p) || chain.len() > 64 {
                break;
            }
            chain.push(p);
        }
        let mut out = Vec::new();
        for d in docs {
            if d.secret {
                let (su, sp) = self.store.doc_scope(&d.id)?;
                let by_unit = su.iter().any(|u| chain.contains(u));
                let by_post = sp.iter().any(|p| {
                    positions
                        .iter()
                        .any(|x| &x.id == p && x.attrs.unit_id == viewer)
                });
                if !(by_unit || by_post) {
                    continue;
                }
            }
            out.push(d);
        }
        Ok(out)
    }
}

pub(crate) fn index_incoming(w: &branchdesk_store::Writer<'_>, d: &IncomingDoc) -> Result<()> {
    w.index(
        &d.id,
        &[SearchDoc {
            kind: "incoming",
            ref_id: &d.id,
            unit_id: Some(&d.unit_id),
            title: &d.title,
            body: &format!("{} {}\n{}", d.sender, d.doc_number, d.instruction),
            at: &d.received_on,
        }],
    )?;
    Ok(())
}

impl App {
    /// Registers an incoming document with its 阅办单 and routes it: each handler gets an
    /// item on the follow-up board, due after the handling time (a setting, 3 working days by
    /// default). It is registered the day it is received; a later day is allowed (the date
    /// received is what counts) but never a future one.
    pub fn incoming_register(&mut self, input: &IncomingInput) -> Result<IncomingRow> {
        let received = parse_date("received_on", &input.received_on)?;
        if received > today() {
            return Err(invalid(
                "received_on",
                "收文日期不能晚于今天。",
                "The date received cannot be in the future.",
            ));
        }
        let title = input.title.trim();
        let sender = input.sender.trim();
        if title.is_empty() || sender.is_empty() {
            return Err(invalid(
                "title",
                "请填写来文单位和文件标题。",
                "Fill in the sender and the title.",
            ));
        }
        if self
            .store
            .units(None)?
            .iter()
            .all(|u| u.id != input.unit_id)
        {
            return Err(invalid(
                "unit_id",
                "请选择收文单位。",
                "Choose the receiving unit.",
            ));
        }
        if input.handlers.is_empty() {
            return Err(invalid(
                "handlers",
                "请按领导批示选择阅办部门或人员。",
                "Route it to at least one handler, as the instruction says.",
            ));
        }
        let people = self.store.people()?;
        for h in &input.handlers {
            if !people.iter().any(|p| &p.id == h && p.left_on.is_none()) {
                return Err(invalid(
                    "handlers",
                    "阅办人员不在在职人员名单中。",
                    "A handler is not a current member of staff.",
                ));
            }
        }
        let days = self.handle_days()?;
        let working = self.settings()?.handle_working_days;
        let day = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d").expect("validated");
        let due = handling_due(day, days, working)
            .format("%Y-%m-%d")
            .to_string();
        let at = now();
        let by = operator();
        let doc = IncomingDoc {
            id: new_id(),
            unit_id: input.unit_id.clone(),
            received_on: received,
            sender: sender.into(),
            title: title.into(),
            doc_number: input.doc_number.trim().into(),
            urgent: input.urgent,
            instruction: input.instruction.trim().into(),
            secret: input.secret,
            registered_by: by.clone(),
            created_at: at.clone(),
        };
        let label = if doc.urgent {
            format!("【急件】阅办：{}", doc.title)
        } else {
            format!("阅办：{}", doc.title)
        };
        self.store.write(|w| -> Result<()> {
            w.put_incoming_doc(&doc)?;
            index_incoming(w, &doc)?;
            let mut seen = std::collections::HashSet::new();
            for (i, h) in input.handlers.iter().enumerate() {
                if !seen.insert(h) {
                    continue;
                }
                let item = ActionItem {
                    id: new_id(),
                    meeting_id: None,
                    doc_id: Some(doc.id.clone()),
                    unit_id: Some(doc.unit_id.clone()),
                    title: label.clone(),
                    detail: doc.instruction.clone(),
                    owner_id: Some(h.clone()),
                    due_on: due.clone(),
                    status: ActionStatus::Open,
                    plan_node_id: None,
                    created_at: at.clone(),
                    closed_on: None,
                    sort: i as i64,
                };
                w.put_action(&item)?;
                w.log_action(
                    &item.id,
                    &ActionChange {
                        old_status: None,
                        new_status: ActionStatus::Open,
                        due_on: due.clone(),
                        note: "收文登记分送".into(),
                        by: by.clone(),
                        at: at.clone(),
                    },
                )?;
                crate::minutes::index_action(w, &item)?;
            }
            Ok(())
        })?;
        self.incoming_row(&doc.id)
    }

    fn incoming_row(&self, id: &str) -> Result<IncomingRow> {
        let doc = self
            .store
            .incoming_doc(id)?
            .ok_or_else(|| not_found(format!("收文 {id}")))?;
        let mut rows = self.incoming_rows(vec![doc], None)?;
        rows.pop().ok_or_else(|| not_found(format!("收文 {id}")))
    }

    fn incoming_rows(
        &self,
        docs: Vec<IncomingDoc>,
        today_: Option<&str>,
    ) -> Result<Vec<IncomingRow>> {
        let today_ = today_.map_or_else(today, str::to_string);
        let mut out = Vec::with_capacity(docs.len());
        let board = self.actions_board(&crate::minutes::ActionFilter {
            include_closed: true,
            today: Some(today_.clone()),
            ..Default::default()
        })?;
        for doc in docs {
            let handlers: Vec<ActionView> = board
                .iter()
                .filter(|a| a.item.doc_id.as_deref() == Some(doc.id.as_str()))
                .cloned()
                .collect();
            let due_on = handlers
                .iter()
                .map(|h| h.item.due_on.clone())
                .max()
                .unwrap_or_default();
            let done = !handlers.is_empty() && handlers.iter().all(|h| !h.item.status.is_open());
            let overdue_days = handlers.iter().map(|h| h.overdue_days).max().unwrap_or(0);
            out.push(IncomingRow {
                doc,
                handlers,
                due_on,
                done,
                overdue_days,
            });
        }
        Ok(out)
    }

    /// The 收文 register, newest first; `overdue_only` keeps documents with a handler late on
    /// `today` (today by default).
    pub fn incoming_list(
        &self,
        overdue_only: bool,
        today_: Option<&str>,
    ) -> Result<Vec<IncomingRow>> {
        let today_ = today_.map(|d| parse_date("today", d)).transpose()?;
        let rows = self.incoming_rows(self.store.incoming_docs()?, today_.as_deref())?;
        Ok(rows
            .into_iter()
            .filter(|r| !overdue_only || r.overdue_days > 0)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::handling_due;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_days_working_or_calendar() {
        assert_eq!(handling_due(d("2016-12-05"), 3, true), d("2016-12-08")); // Mon → Thu
        assert_eq!(handling_due(d("2016-12-02"), 3, true), d("2016-12-07")); // Fri → Wed
        assert_eq!(handling_due(d("2016-12-03"), 3, true), d("2016-12-07")); // Sat → Wed
        assert_eq!(handling_due(d("2016-12-02"), 3, false), d("2016-12-05"));
    }
}
