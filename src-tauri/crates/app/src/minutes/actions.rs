//! The follow-up board (督办): every open action item with its owner, due date and source, and
//! each follow-up logged.

use branchdesk_domain::{ActionChange, ActionItem, ActionStatus};
use branchdesk_store::ActionQuery;

use super::{index_action, ActionFilter, ActionUpdate, ActionView};
use crate::shared::input::parse_date;
use crate::shared::names::Names;
use crate::{App, AppError, Result};

impl App {
    /// The follow-up board: action items by due date, overdue ones first within a day.
    pub fn actions_board(&self, f: &ActionFilter) -> Result<Vec<ActionView>> {
        let today = match &f.today {
            Some(d) => parse_date("today", d)?,
            None => self.ctx.today_str(),
        };
        let names = Names::load(self)?.with_all_titles(self)?;
        let items = self.store.actions(&ActionQuery {
            meeting_id: None,
            doc_id: None,
            owner_id: f.owner_id.as_deref(),
            unit_id: f.unit_id.as_deref(),
            open_only: !f.include_closed,
        })?;
        Ok(items
            .into_iter()
            .map(|a| super::action_view(&names, a, &today))
            .filter(|v| !f.overdue_only || v.overdue_days > 0)
            .collect())
    }

    /// Follows an action item up: a new status (and due date); logged with who and when.
    /// Postponing or cancelling needs a note saying why.
    pub fn action_update(&mut self, u: &ActionUpdate) -> Result<ActionView> {
        let old = self
            .store
            .action(&u.id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("督办事项 {}", u.id)))?;
        let due_on = match u.due_on.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => parse_date("due_on", d)?,
            None => old.due_on.clone(),
        };
        let note = u.note.trim().to_string();
        if due_on != old.due_on && note.is_empty() {
            return Err(AppError::invalid(
                "note",
                "调整完成时限请说明原因。",
                "Give the reason for moving the due date.",
            ));
        }
        if old.doc_id.is_some()
            && u.status == ActionStatus::Done
            && old.status != ActionStatus::Done
            && note.is_empty()
        {
            return Err(if self.ctx.today_str() > due_on {
                AppError::invalid(
                    "note",
                    "已超过办理时限：请填写办理情况和逾期原因。",
                    "This is past its deadline: report how it was handled and why it is late.",
                )
            } else {
                AppError::invalid(
                    "note",
                    "请填写办理情况，反馈办公室。",
                    "Report how it was handled, for the office.",
                )
            });
        }
        if u.status == ActionStatus::Cancelled
            && old.status != ActionStatus::Cancelled
            && note.is_empty()
        {
            return Err(AppError::invalid(
                "note",
                "取消督办事项请说明原因。",
                "Give the reason for cancelling the action item.",
            ));
        }
        if u.status == old.status && due_on == old.due_on && note.is_empty() {
            return Err(AppError::invalid(
                "status",
                "状态和完成时限都没有变化。",
                "Neither the status nor the due date changed.",
            ));
        }
        let item = ActionItem {
            status: u.status,
            due_on: due_on.clone(),
            closed_on: if u.status.is_open() {
                None
            } else if old.status.is_open() {
                Some(self.ctx.today_str())
            } else {
                old.closed_on.clone()
            },
            ..old.clone()
        };
        let change = ActionChange {
            old_status: Some(old.status),
            new_status: u.status,
            due_on,
            note,
            by: self.ctx.operator().to_string(),
            at: self.ctx.now(),
        };
        let today = self.ctx.today_str();
        self.store.write(|w| -> Result<()> {
            w.put_action(&item)?;
            w.log_action(&item.id, &change)?;
            index_action(w, &item)?;
            // A document sent through sync is 已办结 at the sender once its handlers are done.
            if let Some(incoming) = &item.doc_id {
                crate::docs::settle_receipt(w, incoming, &today, &change.note)?;
            }
            Ok(())
        })?;
        let names = Names::load(self)?.with_titles_of(self, &[&item])?;
        Ok(super::action_view(&names, item, &self.ctx.today_str()))
    }

    pub fn action_history(&self, id: &str) -> Result<Vec<ActionChange>> {
        Ok(self.store.action_log(id)?)
    }
}
