//! 督办: a warning on the board becomes a follow-up for the unit. Headquarters raises it from a
//! red or amber light (with what it asks and by when); it goes down in the unit's next bundle;
//! the unit reports what it did and on which day; the report comes back up; headquarters
//! closes it, or returns it with what is still missing, which opens the next round. So warnings
//! are followed up as meeting decisions are, and the board says which ones are.

use branchdesk_domain::{followup_state, Act, Check, FollowupState, Label, Light, Role};
use branchdesk_store::{new_id, FollowupLine, FollowupRow, ReportRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BoardQuery;
use crate::shared::input::{parse_date, text};
use crate::{App, AppError, Result};

/// The longest a follow-up may be given (a due date further off is a typo).
const MAX_DAYS: i64 = 366;

/// A follow-up with the unit's report, as both sites list it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FollowupView {
    pub id: String,
    pub unit: String,
    pub unit_name: String,
    pub check: Check,
    /// The light it was raised from, and the board's words on that day.
    pub light: Light,
    pub reason: String,
    pub request: String,
    pub due: String,
    pub raised_by: String,
    pub raised_at: String,
    #[ts(type = "number")]
    pub round: i64,
    pub state: FollowupState,
    /// Headquarters' words when it last closed or returned it.
    pub comment: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The unit's latest report (for this round or, once returned, the one before).
    pub report: String,
    pub done_on: Option<String>,
    pub reported_by: Option<String>,
    pub reported_at: Option<String>,
}

/// The follow-ups this site raised (headquarters) or received (a unit).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FollowupsView {
    pub hq: bool,
    /// This site's day (the default report date and the base of due dates).
    pub today: String,
    pub rows: Vec<FollowupView>,
}

/// Headquarters turns a light of a unit into a follow-up.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FollowupInput {
    /// The unit's code and the check whose light is followed up.
    pub unit: String,
    pub check: Check,
    pub request: String,
    pub due: String,
}

/// The unit's report: what it did, and on which day.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FollowupReport {
    pub followup_id: String,
    pub note: String,
    pub done_on: String,
}

/// Headquarters closes a follow-up, or returns it with what is missing and a new due date.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FollowupDecision {
    pub followup_id: String,
    pub close: bool,
    #[serde(default)]
    pub comment: String,
    /// For a return: the new due date.
    #[serde(default)]
    pub due: Option<String>,
}

fn view(l: FollowupLine, today: NaiveDate) -> FollowupView {
    let f = l.followup;
    let r = l.report;
    let due = f.due.parse().unwrap_or(NaiveDate::MIN);
    let state = followup_state(
        f.outcome.as_deref() == Some("closed"),
        f.round,
        r.as_ref().map(|r| r.round),
        due,
        today,
    );
    FollowupView {
        id: f.id,
        unit: l.unit_code,
        unit_name: l.unit_name,
        check: Check::parse(&f.topic).unwrap_or(Check::Overdue),
        light: Light::parse(&f.light).unwrap_or(Light::Red),
        reason: f.reason,
        request: f.request,
        due: f.due,
        raised_by: f.raised_by,
        raised_at: f.raised_at,
        round: f.round,
        state,
        comment: f.comment,
        decided_by: f.decided_by,
        decided_at: f.decided_at,
        report: r.as_ref().map(|r| r.note.clone()).unwrap_or_default(),
        done_on: r.as_ref().map(|r| r.done_on.clone()),
        reported_by: r.as_ref().map(|r| r.by.clone()),
        reported_at: r.map(|r| r.at),
    }
}

impl App {
    /// Every follow-up raised or received, newest first.
    pub fn board_followups(&self) -> Result<FollowupsView> {
        let today = self.ctx.today();
        Ok(FollowupsView {
            hq: self.site()?.role == Role::Hq,
            today: self.ctx.today_str(),
            rows: self
                .store
                .board_followups()?
                .into_iter()
                .map(|l| view(l, today))
                .collect(),
        })
    }

    fn followup(&self, id: &str) -> Result<(FollowupView, FollowupLine)> {
        let today = self.ctx.today();
        self.store
            .board_followups()?
            .into_iter()
            .find(|l| l.followup.id == id)
            .map(|l| (view(l.clone(), today), l))
            .ok_or_else(|| {
                AppError::step(
                    "board.no_followup",
                    "没有这项督办：可能还没有导入总部的同步包。".into(),
                    "There is no such follow-up: headquarters' bundle may not be imported yet."
                        .into(),
                )
            })
    }

    fn due_date(&self, field: &'static str, due: &str) -> Result<String> {
        let due = parse_date(field, due)?;
        let today = self.ctx.today();
        let days = due
            .parse::<NaiveDate>()
            .map_or(-1, |d| (d - today).num_days());
        if !(0..=MAX_DAYS).contains(&days) {
            return Err(AppError::invalid(
                field,
                format!("办理期限应在今天（{today}）到一年之内。"),
                format!("The due date must be between today ({today}) and a year from now."),
            ));
        }
        Ok(due)
    }

    /// Headquarters raises a follow-up of a red or amber light on today's board, with the
    /// board's reason kept as it stood.
    pub fn board_followup_raise(&mut self, i: &FollowupInput) -> Result<FollowupView> {
        self.require(Act::RaiseFollowup)?;
        if self.site()?.role != Role::Hq {
            return Err(AppError::step(
                "board.not_hq",
                "督办由总部下达：在总部的数据库中操作。".into(),
                "Follow-ups are raised by headquarters, in its database.".into(),
            ));
        }
        let request = text("request", &i.request, 2000, "督办要求", "request")?;
        let due = self.due_date("due", &i.due)?;
        let board = self.board(&BoardQuery::default())?;
        let Some(row) = board.rows.iter().find(|r| r.unit_code == i.unit) else {
            return Err(AppError::invalid(
                "unit",
                format!("经营监控中没有编码为 {} 的单位。", i.unit),
                format!("No unit with code {} is on the board.", i.unit),
            ));
        };
        let signal = row
            .signals
            .iter()
            .find(|s| s.check == i.check && matches!(s.light, Light::Red | Light::Amber));
        let Some(signal) = signal else {
            return Err(AppError::step(
"board.not_warning",
                format!(
                    "{}的“{}”今天不是预警或关注：只有红灯和黄灯可以督办。",
                    row.unit_name,
                    i.check.label(branchdesk_domain::Lang::Zh)
                ),
                format!(
                    "{}'s \"{}\" is not a warning or on watch today: only red and amber lights are followed up.",
                    row.unit_name,
                    i.check.label(branchdesk_domain::Lang::En)
                ),
            ));
        };
        let open =
            self.board_followups()?.rows.into_iter().find(|f| {
                f.unit == i.unit && f.check == i.check && f.state != FollowupState::Closed
            });
        if let Some(f) = open {
            return Err(AppError::step(
"board.followup_open",
                format!(
                    "{}的“{}”已于 {} 督办，尚未办结（期限 {}）：请在原督办上继续。",
                    row.unit_name,
                    i.check.label(branchdesk_domain::Lang::Zh),
                    f.raised_at.get(..10).unwrap_or(&f.raised_at),
                    f.due
                ),
                format!(
                    "{}'s \"{}\" has been followed up since {} and is not closed (due {}): continue with that one.",
                    row.unit_name,
                    i.check.label(branchdesk_domain::Lang::En),
                    f.raised_at.get(..10).unwrap_or(&f.raised_at),
                    f.due
                ),
            ));
        }
        let f = FollowupRow {
            id: new_id(),
            unit_id: row.unit_id.clone(),
            topic: i.check.as_str().into(),
            light: signal.light.as_str().into(),
            reason: signal.reason.chars().take(2000).collect(),
            request,
            due,
            raised_by: self.ctx.operator().to_string(),
            raised_at: self.ctx.now(),
            round: 1,
            outcome: None,
            comment: String::new(),
            decided_by: None,
            decided_at: None,
        };
        self.store.write(|w| w.add_board_followup(&f))?;
        tracing::info!(check = f.topic.as_str(), "follow-up raised");
        Ok(self.followup(&f.id)?.0)
    }

    /// The unit reports what it did for the current round; until headquarters decides, a new
    /// report replaces the last.
    pub fn board_followup_report(&mut self, r: &FollowupReport) -> Result<FollowupView> {
        self.require(Act::ReportFollowup)?;
        if self.site()?.role == Role::Hq {
            return Err(AppError::step(
                "board.hq_report",
                "督办由被督办的单位答复，总部不答复自己下达的督办。".into(),
                "The unit followed up reports; headquarters does not answer its own follow-ups."
                    .into(),
            ));
        }
        let (f, line) = self.followup(&r.followup_id)?;
        if f.state == FollowupState::Closed {
            return Err(AppError::step(
                "board.closed",
                format!("这项督办已于 {} 办结，不能再答复。", day(&f.decided_at)),
                format!(
                    "This follow-up was closed on {}; it takes no more reports.",
                    day(&f.decided_at)
                ),
            ));
        }
        let note = text("note", &r.note, 2000, "办理情况", "report")?;
        let done_on = parse_date("done_on", &r.done_on)?;
        if done_on.as_str() > self.ctx.today_str().as_str() {
            return Err(AppError::invalid(
                "done_on",
                "办结日期不能晚于今天：请填写已经做完的日期。",
                "The day it was done cannot be after today: give the day the work was done.",
            ));
        }
        let row = ReportRow {
            id: line.report.map_or_else(new_id, |r| r.id),
            followup_id: f.id.clone(),
            unit_id: line.followup.unit_id,
            round: f.round,
            note,
            done_on,
            by: self.ctx.operator().to_string(),
            at: self.ctx.now(),
        };
        self.store.write(|w| w.put_board_report(&row))?;
        tracing::info!(round = row.round, "follow-up reported");
        Ok(self.followup(&f.id)?.0)
    }

    /// Headquarters closes a follow-up (whatever its state), or returns a reported one with
    /// what is still missing and a new due date, which opens the next round.
    pub fn board_followup_decide(&mut self, d: &FollowupDecision) -> Result<FollowupView> {
        self.require(Act::RaiseFollowup)?;
        if self.site()?.role != Role::Hq {
            return Err(AppError::step(
                "board.not_hq",
                "督办由总部办结或退回。".into(),
                "Follow-ups are closed or returned by headquarters.".into(),
            ));
        }
        let (f, line) = self.followup(&d.followup_id)?;
        if f.state == FollowupState::Closed {
            return Err(AppError::step(
                "board.closed",
                format!("这项督办已于 {} 办结。", day(&f.decided_at)),
                format!("This follow-up was closed on {}.", day(&f.decided_at)),
            ));
        }
        let mut row = line.followup;
        if d.close {
            row.outcome = Some("closed".into());
            row.comment = match d.comment.trim() {
                "" => String::new(),
                c => text("comment", c, 2000, "办结意见", "comment")?,
            };
        } else {
            if f.state != FollowupState::Reported {
                return Err(AppError::step(
"board.not_reported",
                    "单位还没有答复这一轮督办：答复后才能退回。".into(),
                    "The unit has not reported on this round yet: a follow-up is returned once reported."
                        .into(),
                ));
            }
            row.comment = text("comment", &d.comment, 2000, "退回意见", "comment")?;
            let due = d.due.as_deref().unwrap_or_default();
            row.due = self.due_date("due", due)?;
            row.outcome = Some("returned".into());
            row.round += 1;
        }
        row.decided_by = Some(self.ctx.operator().to_string());
        row.decided_at = Some(self.ctx.now());
        self.store.write(|w| w.decide_board_followup(&row))?;
        tracing::info!(closed = d.close, round = row.round, "follow-up decided");
        Ok(self.followup(&row.id)?.0)
    }
}

fn day(at: &Option<String>) -> &str {
    at.as_deref().map_or("", |a| a.get(..10).unwrap_or(a))
}
