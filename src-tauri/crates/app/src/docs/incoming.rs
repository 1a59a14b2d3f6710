//! 收文: registration with the 阅办单, each handler routed to the follow-up board with a deadline
//! in working days, and the register.

use branchdesk_domain::{ActionChange, ActionItem, ActionStatus, DocReceipt, IncomingDoc};
use branchdesk_store::new_id;

use super::{index_incoming, IncomingFilter, IncomingInput, IncomingRow};
use crate::minutes::ActionView;
use crate::shared::input::{not_found, parse_date};
use crate::{App, AppError, Result};

impl App {
    /// Registers an incoming document with its 阅办单 and routes it: each handler gets an
    /// item on the follow-up board, due after the handling time (a setting, 3 working days by
    /// default). It is registered the day it is received; a later day is allowed (the date
    /// received is what counts) but never a future one.
    pub fn incoming_register(&mut self, input: &IncomingInput) -> Result<IncomingRow> {
        self.require(branchdesk_domain::Act::RegisterIncoming)?;
        let (input, receipt) = match &input.from_doc {
            Some(doc_id) => self.sign_for(input, doc_id)?,
            None => (input.clone(), None),
        };
        let input = &input;
        let received = parse_date("received_on", &input.received_on)?;
        if received > self.ctx.today_str() {
            return Err(AppError::invalid(
                "received_on",
                "收文日期不能晚于今天。",
                "The date received cannot be in the future.",
            ));
        }
        let title = input.title.trim();
        let sender = input.sender.trim();
        crate::shared::input::no_emoji("title", ("文件标题", "title"), title)?;
        if title.is_empty() || sender.is_empty() {
            return Err(AppError::invalid(
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
            return Err(AppError::invalid(
                "unit_id",
                "请选择收文单位。",
                "Choose the receiving unit.",
            ));
        }
        if input.handlers.is_empty() {
            return Err(AppError::invalid(
                "handlers",
                "请按领导批示选择阅办部门或人员。",
                "Route it to at least one handler, as the instruction says.",
            ));
        }
        let people = self.store.people()?;
        for h in &input.handlers {
            if !people.iter().any(|p| &p.id == h && p.left_on.is_none()) {
                return Err(AppError::invalid(
                    "handlers",
                    "阅办人员不在在职人员名单中。",
                    "A handler is not a current member of staff.",
                ));
            }
        }
        let days = self.handle_days()?;
        let working = self.settings()?.handle_working_days;
        let day = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d").expect("validated");
        let due = self
            .calendar()?
            .handling_due(day, days, working)
            .format("%Y-%m-%d")
            .to_string();
        let at = self.ctx.now();
        let by = self.ctx.operator().to_string();
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
            if let Some(r) = &receipt {
                w.put_doc_receipt(&DocReceipt {
                    incoming_id: Some(doc.id.clone()),
                    received_on: doc.received_on.clone(),
                    ..r.clone()
                })?;
            }
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

    /// 签收: the registration of a document sent to `input.unit_id`, filled in from the
    /// document, with the receipt to write beside it.
    fn sign_for(
        &self,
        input: &IncomingInput,
        doc_id: &str,
    ) -> Result<(IncomingInput, Option<DocReceipt>)> {
        let doc = self
            .store
            .outgoing_doc(doc_id)?
            .ok_or_else(|| not_found(format!("发文 {doc_id}")))?;
        let sent = self
            .store
            .doc_recipients(doc_id)?
            .into_iter()
            .find(|(r, _)| r.unit_id == input.unit_id);
        match sent {
            None => {
                return Err(AppError::step(
                    "docs.not_addressed",
                    "这份公文没有发给所选单位。".into(),
                    "This document was not sent to the chosen unit.".into(),
                ))
            }
            Some((_, Some(r))) => {
                return Err(AppError::step(
                    "docs.signed_already",
                    format!("这份公文已于 {} 由{}签收。", r.received_on, r.received_by),
                    format!(
                        "{} signed for this document on {}.",
                        r.received_by, r.received_on
                    ),
                ))
            }
            Some((_, None)) => {}
        }
        let units = self.store.units(None)?;
        let sender = units
            .iter()
            .find(|u| u.id == doc.unit_id)
            .map_or_else(String::new, |u| u.attrs.name.clone());
        let urgent = self
            .store
            .doc_content(doc_id)?
            .is_some_and(|c| c.urgency != branchdesk_domain::Urgency::None);
        let filled = IncomingInput {
            sender,
            title: doc.title.clone(),
            doc_number: doc.number.clone().unwrap_or_default(),
            urgent: urgent || input.urgent,
            secret: doc.secret,
            from_doc: None,
            ..input.clone()
        };
        let receipt = DocReceipt {
            doc_id: doc.id.clone(),
            unit_id: input.unit_id.clone(),
            received_on: input.received_on.clone(),
            received_by: self.ctx.operator().to_string(),
            incoming_id: None,
            done_on: None,
            outcome: String::new(),
        };
        Ok((filled, Some(receipt)))
    }

    pub(super) fn incoming_row(&self, id: &str) -> Result<IncomingRow> {
        let doc = self
            .store
            .incoming_doc(id)?
            .ok_or_else(|| not_found(format!("收文 {id}")))?;
        let mut rows = self.incoming_rows(vec![doc], None)?;
        rows.pop().ok_or_else(|| not_found(format!("收文 {id}")))
    }

    pub(super) fn incoming_rows(
        &self,
        docs: Vec<IncomingDoc>,
        today_: Option<&str>,
    ) -> Result<Vec<IncomingRow>> {
        let today_ = today_.map_or_else(|| self.ctx.today_str(), str::to_string);
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

    /// The 收文 register, newest first.
    pub fn incoming_list(&self, f: &IncomingFilter) -> Result<Vec<IncomingRow>> {
        let overdue_only = f.overdue_only;
        let today_ = f
            .today
            .as_deref()
            .map(|d| parse_date("today", d))
            .transpose()?;
        let rows = self.incoming_rows(self.store.incoming_docs()?, today_.as_deref())?;
        Ok(rows
            .into_iter()
            .filter(|r| !overdue_only || r.overdue_days > 0)
            .collect())
    }
}
