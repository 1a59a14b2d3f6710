//! 公文 sent to units through sync: the sender names the units (主送, 抄送) of an issued
//! document; each unit finds it waiting in its 收文 register and signs for it (签收), which
//! registers it with its 阅办单; the unit's handling closes the receipt (已办结); the sender
//! sees per unit 未签收 / 已签收 / 已办结 with dates.

use branchdesk_domain::{
    DocReceipt, DocRecipient, OutgoingDoc, OutgoingStatus, ReceiptState, RecipientRole,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content::{draft_act, ours};
use crate::shared::input::not_found;
use crate::{App, AppError, Result};

/// What 分发 sends: the units named 主送 and 抄送 (ids). The whole list: a unit left out is
/// taken off, unless it has signed for the document already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DistributeInput {
    pub doc_id: String,
    pub main: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
}

/// A unit a document was sent to, as the sender sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecipientView {
    pub unit_id: String,
    pub unit_name: String,
    pub role: RecipientRole,
    pub sent_at: String,
    pub state: ReceiptState,
    pub receipt: Option<DocReceipt>,
}

/// A document waiting at one of this site's units to be signed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxLine {
    pub doc: OutgoingDoc,
    /// The receiving unit.
    pub unit_id: String,
    pub unit_name: String,
    /// The issuing unit, as the 来文单位.
    pub sender: String,
    pub role: RecipientRole,
    pub sent_at: String,
    /// 紧急程度 is 加急 or 特急.
    pub urgent: bool,
}

const MAX_RECIPIENTS: usize = 500;

impl App {
    /// Sends an issued document to units: the next bundle to each carries it with its text.
    pub fn outgoing_distribute(&mut self, input: &DistributeInput) -> Result<Vec<RecipientView>> {
        let doc = self
            .store
            .outgoing_doc(&input.doc_id)?
            .ok_or_else(|| not_found(format!("发文 {}", input.doc_id)))?;
        ours(self, &doc)?;
        self.require(draft_act(self, &doc)?)?;
        if doc.status != OutgoingStatus::Issued {
            return Err(AppError::step(
                "docs.not_issued",
                "文件须编号印发后才能分发。".into(),
                "A document is sent to units only once it is issued.".into(),
            ));
        }
        if input.main.is_empty() {
            return Err(AppError::invalid(
                "main",
                "请选择主送单位。",
                "Choose the units it is addressed to.",
            ));
        }
        if input.main.len() + input.cc.len() > MAX_RECIPIENTS {
            return Err(AppError::invalid(
                "main",
                format!("一次最多分发给{MAX_RECIPIENTS}个单位。"),
                format!("No more than {MAX_RECIPIENTS} units at once."),
            ));
        }
        let units = self.store.units(None)?;
        let name = |id: &str| {
            units
                .iter()
                .find(|u| u.id == id)
                .map(|u| u.attrs.name.clone())
        };
        let visible: Vec<String> = self.outgoing_visible_units(&doc)?;
        let mut wanted: Vec<(String, RecipientRole)> = Vec::new();
        for (ids, role) in [
            (&input.main, RecipientRole::Main),
            (&input.cc, RecipientRole::Cc),
        ] {
            for id in ids {
                let Some(unit) = name(id) else {
                    return Err(AppError::invalid(
                        "main",
                        "所选单位不存在。",
                        "A chosen unit does not exist.",
                    ));
                };
                if *id == doc.unit_id {
                    return Err(AppError::invalid(
                        "main",
                        "发文单位不能分发给自己。",
                        "A document is not sent to its own issuing unit.",
                    ));
                }
                if wanted.iter().any(|(w, _)| w == id) {
                    return Err(AppError::invalid(
                        "cc",
                        format!("“{unit}”同时在主送和抄送中，或重复选择。"),
                        format!("{unit} is named twice (addressed and copied, or repeated)."),
                    ));
                }
                if doc.secret && !visible.contains(id) {
                    return Err(AppError::invalid(
                        "main",
                        format!("“{unit}”不在这份秘密文件的报送范围内。"),
                        format!("{unit} is outside this secret document's scope."),
                    ));
                }
                wanted.push((id.clone(), role));
            }
        }
        let before = self.store.doc_recipients(&doc.id)?;
        for (r, receipt) in &before {
            if receipt.is_some() && !wanted.iter().any(|(w, _)| *w == r.unit_id) {
                let unit = name(&r.unit_id).unwrap_or_default();
                return Err(AppError::step(
                    "docs.recipient_signed",
                    format!("“{unit}”已签收，不能从分发名单中去掉。"),
                    format!("{unit} has signed for it and cannot be taken off the list."),
                ));
            }
        }
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            for (r, _) in &before {
                if !wanted.iter().any(|(u, _)| *u == r.unit_id) {
                    w.delete_doc_recipient(&doc.id, &r.unit_id)?;
                }
            }
            for (unit_id, role) in &wanted {
                let sent_at = before
                    .iter()
                    .find(|(r, _)| r.unit_id == *unit_id)
                    .map_or_else(|| at.clone(), |(r, _)| r.sent_at.clone());
                w.put_doc_recipient(&DocRecipient {
                    doc_id: doc.id.clone(),
                    unit_id: unit_id.clone(),
                    role: *role,
                    sent_at,
                })?;
            }
            Ok(())
        })?;
        self.outgoing_recipients(&doc.id)
    }

    /// The units a document was sent to and where it stands at each.
    pub fn outgoing_recipients(&self, doc_id: &str) -> Result<Vec<RecipientView>> {
        let units = self.store.units(None)?;
        Ok(self
            .store
            .doc_recipients(doc_id)?
            .into_iter()
            .map(|(r, receipt)| RecipientView {
                unit_name: units
                    .iter()
                    .find(|u| u.id == r.unit_id)
                    .map_or_else(|| r.unit_id.clone(), |u| u.attrs.name.clone()),
                state: DocReceipt::state(receipt.as_ref()),
                unit_id: r.unit_id,
                role: r.role,
                sent_at: r.sent_at,
                receipt,
            })
            .collect())
    }

    /// Documents sent to this site's units and not yet signed for.
    pub fn docs_inbox(&self) -> Result<Vec<InboxLine>> {
        let units = self.store.units(None)?;
        let name = |id: &str| {
            units
                .iter()
                .find(|u| u.id == id)
                .map_or_else(|| id.to_string(), |u| u.attrs.name.clone())
        };
        let mut out = Vec::new();
        for r in self.store.doc_inbox()? {
            let Some(doc) = self.store.outgoing_doc(&r.doc_id)? else {
                continue;
            };
            let urgent = self
                .store
                .doc_content(&doc.id)?
                .is_some_and(|c| c.urgency != branchdesk_domain::Urgency::None);
            out.push(InboxLine {
                unit_name: name(&r.unit_id),
                sender: name(&doc.unit_id),
                unit_id: r.unit_id,
                role: r.role,
                sent_at: r.sent_at,
                urgent,
                doc,
            });
        }
        Ok(out)
    }

    /// The units that may receive `doc`: all for an ordinary document; for a secret one, the
    /// units in its scope with everything below them, and units holding a position in it.
    fn outgoing_visible_units(&self, doc: &OutgoingDoc) -> Result<Vec<String>> {
        let units = self.store.units(None)?;
        if !doc.secret {
            return Ok(units.into_iter().map(|u| u.id).collect());
        }
        let scope = self.store.doc_scope(&doc.id)?;
        let positions = self.store.positions(None)?;
        Ok(units
            .iter()
            .filter(|u| super::outgoing::in_scope(&units, &positions, &scope, &u.id))
            .map(|u| u.id.clone())
            .collect())
    }
}

/// After a handler of an incoming document reports, the document's receipt (if it came
/// through sync) is 已办结 once no handler is open, with the last report; reopened otherwise.
pub(crate) fn settle_receipt(
    w: &branchdesk_store::Writer<'_>,
    incoming_id: &str,
    today: &str,
    note: &str,
) -> Result<()> {
    let Some(mut r) = w.receipt_of_incoming(incoming_id)? else {
        return Ok(());
    };
    let open = w.open_handlers(incoming_id)?;
    let (done_on, outcome) = if open == 0 {
        (
            Some(r.done_on.clone().unwrap_or_else(|| today.to_string())),
            if note.is_empty() {
                r.outcome.clone()
            } else {
                note.chars().take(2000).collect()
            },
        )
    } else {
        (None, String::new())
    };
    if (done_on.as_ref(), &outcome) != (r.done_on.as_ref(), &r.outcome) {
        r.done_on = done_on;
        r.outcome = outcome;
        w.put_doc_receipt(&r)?;
    }
    Ok(())
}
