//! Saving minutes, deleting a draft, 定稿 (lock, keep a revision, submit) and 修订 (reopen with a
//! reason).

use branchdesk_domain::{
    ActionChange, ActionItem, ActionStatus, AttendRole, Meeting, MeetingStatus, Submission,
    SubmissionKind,
};
use branchdesk_store::{new_id, ActionQuery};

use super::{index_action, index_meeting, MinutesInput, MinutesView, RevisionInfo};
use crate::shared::input::{parse_date, parse_time, text};
use crate::shared::names::Names;
use crate::{App, AppError, Result};

impl App {
    /// Creates or updates a draft. Finalised minutes are refused: revise them first.
    pub fn minutes_save(&mut self, input: &MinutesInput) -> Result<MinutesView> {
        let names = Names::load(self)?;
        let title = text("title", &input.title, 80, "会议名称", "meeting title")?;
        let held_at = parse_time("held_at", &input.held_at)?;
        if !names.units.contains_key(&input.unit_id) {
            return Err(AppError::invalid(
                "unit_id",
                "请选择召开会议的单位。",
                "Choose the unit holding the meeting.",
            ));
        }
        let person = |field: &'static str,
                      id: &Option<String>,
                      zh: &str,
                      en: &str|
         -> Result<Option<String>> {
            match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(p) if names.people.contains_key(p) => Ok(Some(p.to_string())),
                Some(p) => Err(AppError::invalid(
                    field,
                    format!("{zh}不在人员名单中（{p}）。"),
                    format!("The {en} is not a known person ({p})."),
                )),
            }
        };
        let chair_id = person("chair_id", &input.chair_id, "主持人", "chair")?;
        let recorder_id = person("recorder_id", &input.recorder_id, "记录人", "recorder")?;
        let mut seen = std::collections::HashSet::new();
        let mut body = input.body.clone();
        for a in &mut body.attendees {
            let name = names.person(Some(&a.person_id));
            if name.is_empty() {
                return Err(AppError::invalid(
                    "attendees",
                    format!("参会人员不在人员名单中（{}）。", a.person_id),
                    format!("An attendee is not a known person ({}).", a.person_id),
                ));
            }
            if !seen.insert(a.person_id.clone()) {
                return Err(AppError::invalid(
                    "attendees",
                    format!("{name} 在参会名单中出现了两次。"),
                    format!("{name} is listed twice among the attendees."),
                ));
            }
            a.reason = a.reason.trim().to_string();
            if a.role == AttendRole::Absent && a.reason.is_empty() {
                return Err(AppError::invalid(
                    "attendees",
                    format!("请填写 {name} 的缺席原因。"),
                    format!("Give the reason {name} was absent."),
                ));
            }
        }
        body.agenda
            .retain(|a| !a.title.trim().is_empty() || !a.points.trim().is_empty());
        for a in &mut body.agenda {
            a.title = text("agenda", &a.title, 100, "议题", "agenda item")?;
            a.points = a.points.trim().to_string();
        }
        body.decisions = body
            .decisions
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        let day = held_at[..10].to_string();
        let mut actions = Vec::new();
        for (i, a) in input.actions.iter().enumerate() {
            let n = i + 1;
            let t = text(
                "actions",
                &a.title,
                200,
                &format!("第{n}项督办事项的内容"),
                &format!("text of action item {n}"),
            )?;
            let due = parse_date("actions", &a.due_on).map_err(|_| {
                AppError::invalid("actions", format!("第{n}项督办事项的完成时限“{}”不是有效日期，请按 2016-12-15 的格式填写。", a.due_on), format!("Action item {n}: the due date \"{}\" is not a date; write it as 2016-12-15.", a.due_on))
            })?;
            if due < day {
                return Err(AppError::invalid(
                    "actions",
                    format!("第{n}项督办事项的完成时限 {due} 早于会议日期 {day}。"),
                    format!("Action item {n} is due {due}, before the meeting ({day})."),
                ));
            }
            let owner = person(
                "actions",
                &a.owner_id,
                &format!("第{n}项督办事项的责任人"),
                &format!("owner of action item {n}"),
            )?;
            if let Some(p) = a.plan_node_id.as_deref().filter(|p| !p.is_empty()) {
                if self.store.plan_node(p)?.is_none() {
                    return Err(AppError::invalid(
                        "actions",
                        format!("第{n}项督办事项关联的计划不存在。"),
                        format!("Action item {n} links to a plan that does not exist."),
                    ));
                }
            }
            if owner.is_none() {
                return Err(AppError::invalid(
                    "actions",
                    format!("请为第{n}项督办事项指定责任人。"),
                    format!("Choose an owner for action item {n}."),
                ));
            }
            actions.push((a, t, due, owner));
        }
        let at = self.ctx.now();
        let by = self.ctx.operator().to_string();
        let id = input.id.clone();
        let unit_id = input.unit_id.clone();
        let kind = input.kind;
        let series = input.series.trim().to_string();
        let place = input.place.trim().to_string();
        let id = self.store.write(|w| -> Result<String> {
            let mut body = body.clone();
            let existing = match &id {
                Some(id) => {
                    let (m, old) = w.meeting(id)?.ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id}")))?;
                    // The reason for a revision in progress is the app's, not the form's.
                    body.revision_note = old.revision_note;
                    Some(m)
                }
                None => {
                    body.revision_note = String::new();
                    None
                }
            };
            if let Some(m) = &existing {
                if m.status == MeetingStatus::Final {
                    return Err(AppError::invalid("status", "会议纪要已定稿，不能直接修改。如需更正，请先点击“修订”并填写原因。", "The minutes are final and locked. To correct them, choose Revise and give a reason."));
                }
            }
            let m = Meeting {
                id: id.clone().unwrap_or_else(new_id),
                unit_id: unit_id.clone(),
                kind,
                series: series.clone(),
                title: title.clone(),
                held_at: held_at.clone(),
                place: place.clone(),
                chair_id: chair_id.clone(),
                recorder_id: recorder_id.clone(),
                status: MeetingStatus::Draft,
                rev: existing.as_ref().map_or(0, |m| m.rev),
                updated_at: at.clone(),
            };
            w.put_meeting(&m, &body)?;
            index_meeting(w, &m, &body)?;
            let before = w.actions(&ActionQuery { meeting_id: Some(&m.id), ..Default::default() })?;
            let mut kept = std::collections::HashSet::new();
            for (i, (a, t, due, owner)) in actions.iter().enumerate() {
                let old = a.id.as_deref().and_then(|id| before.iter().find(|b| b.id == id));
                let item = ActionItem {
                    id: old.map_or_else(new_id, |o| o.id.clone()),
                    meeting_id: Some(m.id.clone()),
                    doc_id: None,
                    unit_id: Some(m.unit_id.clone()),
                    title: t.clone(),
                    detail: a.detail.trim().to_string(),
                    owner_id: owner.clone(),
                    due_on: due.clone(),
                    status: old.map_or(ActionStatus::Open, |o| o.status),
                    plan_node_id: a.plan_node_id.clone().filter(|p| !p.is_empty()),
                    created_at: old.map_or_else(|| at.clone(), |o| o.created_at.clone()),
                    closed_on: old.and_then(|o| o.closed_on.clone()),
                    sort: i as i64,
                };
                w.put_action(&item)?;
                if old.is_none() {
                    w.log_action(&item.id, &ActionChange { old_status: None, new_status: ActionStatus::Open, due_on: item.due_on.clone(), note: String::new(), by: by.clone(), at: at.clone() })?;
                }
                kept.insert(item.id.clone());
                index_action(w, &item)?;
            }
            for old in before.iter().filter(|b| !kept.contains(&b.id)) {
                if m.rev == 0 {
                    // Never finalised: nobody has followed it up; it goes.
                    w.delete_action(&old.id)?;
                    w.unindex(&old.id)?;
                } else if old.status.is_open() {
                    // Removed in a revision: cancelled, with the reason, and kept.
                    let item = ActionItem { status: ActionStatus::Cancelled, closed_on: Some(self.ctx.today_str()), ..old.clone() };
                    w.log_action(&old.id, &ActionChange { old_status: Some(old.status), new_status: ActionStatus::Cancelled, due_on: old.due_on.clone(), note: format!("修订时删除：{}", body.revision_note), by: by.clone(), at: at.clone() })?;
                    w.put_action(&item)?;
                }
            }
            Ok(m.id)
        })?;
        self.minutes_get(&id)
    }

    /// Deletes a draft that was never finalised, with its action items.
    pub fn minutes_delete(&mut self, id: &str) -> Result<()> {
        let (m, _) = self
            .store
            .meeting(id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id}")))?;
        if m.rev > 0 {
            return Err(AppError::invalid(
                "status",
                "定稿过的会议纪要不能删除（历次版本须保留）。",
                "Minutes that were ever finalised cannot be deleted: their revisions are kept.",
            ));
        }
        self.store.write(|w| -> Result<()> {
            for a in w.actions(&ActionQuery {
                meeting_id: Some(id),
                ..Default::default()
            })? {
                w.delete_action(&a.id)?;
                w.unindex(&a.id)?;
            }
            w.unindex(id)?;
            w.delete_meeting(id)?;
            Ok(())
        })
    }

    /// 定稿: locks the minutes, keeps them as the next revision and, the first time, records
    /// them as a submission of the unit for the meeting's month.
    pub fn minutes_finalise(&mut self, id: &str) -> Result<MinutesView> {
        self.require(branchdesk_domain::Act::FinaliseMinutes)?;
        let view = self.minutes_get(id)?;
        let m = &view.meeting;
        if m.status == MeetingStatus::Final {
            return Err(AppError::invalid(
                "status",
                "该会议纪要已经定稿。",
                "These minutes are already final.",
            ));
        }
        if m.chair_id.is_none() || m.recorder_id.is_none() {
            return Err(AppError::invalid(
                "chair_id",
                "定稿前请填写主持人和记录人。",
                "Fill in the chair and the recorder before finalising.",
            ));
        }
        if !view
            .body
            .attendees
            .iter()
            .any(|a| a.role == AttendRole::Present)
        {
            return Err(AppError::invalid(
                "attendees",
                "定稿前请填写出席人员。",
                "List who attended before finalising.",
            ));
        }
        if view.body.decisions.is_empty() && view.body.agenda.iter().all(|a| a.points.is_empty()) {
            return Err(AppError::invalid(
                "decisions",
                "定稿前请至少填写一项讨论要点或决议事项。",
                "Write at least one discussion point or decision before finalising.",
            ));
        }
        self.require_signed(branchdesk_domain::Act::FinaliseMinutes)?;
        let rev = m.rev + 1;
        let at = self.ctx.now();
        let by = self.ctx.operator().to_string();
        let names = Names::load(self)?;
        let mut locked = view.clone();
        locked.meeting.status = MeetingStatus::Final;
        locked.meeting.rev = rev;
        locked.meeting.updated_at = at.clone();
        locked.revisions.push(RevisionInfo {
            rev,
            reason: view.body.revision_note.clone(),
            by: by.clone(),
            at: at.clone(),
        });
        let month = m.held_at[..7].to_string();
        let submission = match &view.submission {
            Some(s) => s.clone(),
            None => Submission {
                id: new_id(),
                unit_id: names.assessed_unit(&m.unit_id),
                month,
                kind: SubmissionKind::Minutes,
                title: m.title.clone(),
                meeting_id: Some(m.id.clone()),
                submitted_on: self.ctx.today_str(),
                verdict: None,
                verdict_note: String::new(),
                reviewed_by: None,
                reviewed_at: None,
            },
        };
        locked.submission = Some(submission.clone());
        let snapshot = serde_json::to_string(&locked).expect("plain data serialises");
        self.store.write(|w| -> Result<()> {
            w.put_meeting(&locked.meeting, &locked.body)?;
            w.add_meeting_revision(id, rev, &snapshot, &locked.body.revision_note, &by, &at)?;
            if view.submission.is_none() {
                w.put_submission(&submission)?;
            }
            Ok(())
        })?;
        self.minutes_get(id)
    }

    /// 修订: reopens final minutes as a draft for a correction; `reason` is kept with the
    /// revision that the next 定稿 makes.
    pub fn minutes_revise(&mut self, id: &str, reason: &str) -> Result<MinutesView> {
        let reason = text(
            "reason",
            reason,
            200,
            "修订原因",
            "reason for the correction",
        )?;
        let (mut m, mut body) = self
            .store
            .meeting(id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id}")))?;
        if m.status != MeetingStatus::Final {
            return Err(AppError::invalid(
                "status",
                "只有已定稿的会议纪要需要修订；草稿可以直接修改。",
                "Only final minutes need a revision; a draft can be edited directly.",
            ));
        }
        m.status = MeetingStatus::Draft;
        m.updated_at = self.ctx.now();
        body.revision_note = reason;
        self.store
            .write(|w| w.put_meeting(&m, &body).map_err(AppError::from))?;
        self.minutes_get(id)
    }
}
