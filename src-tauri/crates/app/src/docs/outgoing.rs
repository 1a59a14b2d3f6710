//! 发文: drafting, the signing rule by kind, issuing with the number in the same transaction,
//! withdrawal, dispatch log, corrections kept as revisions, and the scope of secret documents.

use branchdesk_domain::{Act, Dispatch, DocKind, OutgoingDoc, OutgoingStatus, UnitKind};
use branchdesk_store::new_id;

use super::{index_outgoing, year_of, DispatchInput, OutgoingDetail, OutgoingInput};
use crate::shared::input::{not_found, parse_date};
use crate::{App, AppError, Result};

impl App {
    /// Creates or edits a draft.
    pub fn outgoing_save(&mut self, input: &OutgoingInput) -> Result<OutgoingDoc> {
        let title = input.title.trim();
        crate::shared::input::no_emoji("title", ("文件标题", "title"), title)?;
        if title.is_empty() || title.chars().count() > 120 {
            return Err(AppError::invalid(
                "title",
                "文件标题不能为空，且不超过120个字。",
                "The title must not be empty or longer than 120 characters.",
            ));
        }
        let c = self.category(&input.category)?;
        self.require(match c.kind {
            DocKind::Company => Act::DraftCompanyDoc,
            DocKind::Business => Act::DraftBusinessDoc,
        })?;
        let units = self.store.units(None)?;
        let unit_of = |id: &str| units.iter().find(|u| u.id == id);
        if unit_of(&input.unit_id).is_none() {
            return Err(AppError::invalid(
                "unit_id",
                "请选择发文单位。",
                "Choose the issuing unit.",
            ));
        }
        let drafting = input.drafting_unit_id.as_deref().and_then(unit_of);
        match (c.kind, drafting) {
            (_, None) => {
                return Err(AppError::invalid(
                    "drafting_unit_id",
                    "请选择拟稿部门。",
                    "Choose the drafting department.",
                ))
            }
            (DocKind::Company, Some(u)) if !u.attrs.name.contains("办公室") => {
                return Err(AppError::invalid("drafting_unit_id", format!("公司文件由办公室拟稿；“{}”不是办公室。业务文件请选业务发文类别。", u.attrs.name), format!("Company documents are drafted by the office; {} is not the office. Use a business category instead.", u.attrs.name)));
            }
            (DocKind::Business, Some(u)) if u.attrs.kind != UnitKind::Department => {
                return Err(AppError::invalid(
                    "drafting_unit_id",
                    "业务文件由有关部门拟稿，请选择部门。",
                    "Business documents are drafted by a department.",
                ));
            }
            _ => {}
        }
        if input.secret && input.scope_units.is_empty() && input.scope_positions.is_empty() {
            return Err(AppError::invalid(
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
                return Err(AppError::invalid(
                    "status",
                    "已签发的文件不能修改；如需更正，请撤回后重新拟稿。",
                    "A signed document cannot be edited; withdraw it and draft it again.",
                ));
            }
        }
        let at = self.ctx.now();
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
            signed_by: String::new(),
            signed_at: None,
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
            return Err(AppError::invalid(
                "status",
                "只有草稿可以签发。",
                "Only a draft can be signed.",
            ));
        }
        let c = self.category(&doc.category)?;
        let act = match c.kind {
            DocKind::Company => Act::SignCompanyDoc,
            DocKind::Business => Act::SignBusinessDoc,
        };
        self.require(act)?;
        if let Some(me) = self.actor()? {
            if me.person_id.as_deref() != Some(signer_id) {
                return Err(crate::users::auth(
                    "auth.not_self",
                    format!("签发须由签发人本人登录后操作，当前用户：{}。", me.label()),
                    format!(
                        "Only the signer can sign, signed in as themselves; signed in: {}.",
                        me.label()
                    ),
                ));
            }
        }
        let people = self.store.people()?;
        let person = people.iter().find(|p| p.id == signer_id).ok_or_else(|| {
            AppError::invalid(
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
        let authority = match c.kind {
            DocKind::Company => titles.iter().find(|t| **t == "总经理"),
            DocKind::Business => titles.iter().find(|t| t.contains("副总经理")),
        };
        let Some(post) = authority else {
            let held = if titles.is_empty() {
                "无".to_string()
            } else {
                titles.join("、")
            };
            return Err(match c.kind {
                DocKind::Company => AppError::invalid("signer_id", format!("公司文件由总经理签发；{} 在 {on} 的岗位是：{held}。", person.name), format!("Company documents are signed by the general manager; on {on} {} holds: {held}.", person.name)),
                DocKind::Business => AppError::invalid("signer_id", format!("业务文件由分管副总经理签发；{} 在 {on} 的岗位是：{held}。", person.name), format!("Business documents are signed by the deputy GM in charge; on {on} {} holds: {held}.", person.name)),
            });
        };
        self.require_signed(act)?;
        doc.signed_by = format!("{}（{post}）", person.name);
        doc.signed_at = Some(self.ctx.local_minute().replacen(' ', "T", 1));
        doc.signer_id = Some(signer_id.into());
        doc.signed_on = Some(on);
        doc.status = OutgoingStatus::Signed;
        doc.updated_at = self.ctx.now();
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
            return Err(AppError::invalid(
                "status",
                "文件须先签发，才能编号印发。",
                "A document is numbered and issued only after it is signed.",
            ));
        }
        if doc.signed_on.as_deref().is_some_and(|s| on.as_str() < s) {
            return Err(AppError::invalid(
                "issued_on",
                "印发日期不能早于签发日期。",
                "It cannot be issued before it was signed.",
            ));
        }
        let c = self.category(&doc.category)?;
        let year = year_of(&on);
        let at = self.ctx.now();
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
            return Err(AppError::invalid(
                "status",
                "已印发的文件不能撤回；更正请另行发文。",
                "An issued document cannot be withdrawn; issue a correction instead.",
            ));
        }
        doc.status = OutgoingStatus::Withdrawn;
        doc.updated_at = self.ctx.now();
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
            recipients: self.outgoing_recipients(id)?,
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
            return Err(AppError::invalid(
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
            return Err(AppError::invalid(
                "sent_on",
                "送达日期不能早于印发日期。",
                "It cannot be sent before it was issued.",
            ));
        }
        if input.to_unit.trim().is_empty() {
            return Err(AppError::invalid(
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
            return Err(AppError::invalid(
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
            return Err(AppError::invalid(
                "reason",
                "请说明更正原因。",
                "Give the reason for the correction.",
            ));
        }
        if title.is_empty() || title.chars().count() > 120 {
            return Err(AppError::invalid(
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
            return Err(AppError::invalid(
                "status",
                "未印发的文件可直接修改或撤回，无需更正。",
                "A document not yet issued is edited or withdrawn, not corrected.",
            ));
        }
        let (by, at) = (self.ctx.operator().to_string(), self.ctx.now());
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
        let mut out = Vec::new();
        for d in docs {
            if d.secret && !in_scope(&units, &positions, &self.store.doc_scope(&d.id)?, viewer) {
                continue;
            }
            out.push(d);
        }
        Ok(out)
    }
}

/// Whether `viewer` may see a secret document of this scope (units, positions): the scope
/// holds the unit or a unit above it, or a position of the unit.
pub(super) fn in_scope(
    units: &[branchdesk_domain::Unit],
    positions: &[branchdesk_domain::Position],
    (su, sp): &(Vec<String>, Vec<String>),
    viewer: &str,
) -> bool {
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
    su.iter().any(|u| chain.contains(u))
        || sp.iter().any(|p| {
            positions
                .iter()
                .any(|x| &x.id == p && x.attrs.unit_id == viewer)
        })
}
