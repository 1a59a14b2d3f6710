//! The demo's meetings, action items, plans and documents.

use std::collections::HashMap;

use branchdesk_domain::{
    ActionStatus, AgendaItem, AttendRole, Attendee, MeetingKind, MinutesBody, PlanChange,
    PlanStatus, Priority, Verdict,
};
use chrono::NaiveDateTime;

use super::figures::Lcg;
use crate::minutes::{ActionInput, ActionUpdate, MinutesInput};
use crate::plans::PlanInput;
use crate::site::demo::{get, next_month, time, DemoData, DemoMeeting, HQ_APPROVER, REVIEWER};
use crate::{App, AppError, Result};

impl DemoData {
    /// Meetings, follow-ups, reviews and plans, written through the use cases at their 2016
    /// dates (after the organisation exists), so they are exactly what a user would have made.
    pub(crate) fn write_work(&self, app: &mut App) -> Result<()> {
        let people: HashMap<String, String> = app
            .store
            .people()?
            .into_iter()
            .map(|p| (p.code, p.id))
            .collect();
        let units: HashMap<String, String> = app
            .store
            .units(None)?
            .into_iter()
            .map(|u| (u.code, u.id))
            .collect();
        let pid = |code: &str| get(&people, "person", code).map(str::to_string);
        let recorder = |m: &DemoMeeting| self.people_name(&m.recorder);
        // (when, action id, status) follow-ups, applied in time order after all meetings exist.
        let mut follow: Vec<(NaiveDateTime, String, ActionStatus, String)> = Vec::new();
        let mut meetings = Vec::new();
        for m in &self.meeting {
            meetings.push((
                m.held_at.clone(),
                m.final_,
                recorder(m),
                self.meeting_input(m, &units, &pid)?,
                m.actions
                    .iter()
                    .map(|a| (a.due.clone(), a.status))
                    .collect::<Vec<_>>(),
            ));
        }
        let w = &self.weekly;
        let mut rng = Lcg(0x5EED_2016);
        let first = time(&w.first)?;
        for week in 0..w.weeks {
            let held = first + chrono::Days::new(7 * u64::from(week));
            let held_at = held.format("%Y-%m-%dT%H:%M").to_string();
            let pick = |list: &[String], i: u64| list[(i as usize) % list.len()].clone();
            let n = u64::from(week);
            let body = MinutesBody {
                attendees: w
                    .present
                    .iter()
                    .map(|p| (p, AttendRole::Present))
                    .chain(w.observers.iter().map(|p| (p, AttendRole::Observer)))
                    .map(|(p, role)| {
                        Ok(Attendee {
                            person_id: pid(p)?,
                            role,
                            reason: String::new(),
                        })
                    })
                    .collect::<Result<_>>()?,
                agenda: vec![
                    AgendaItem {
                        title: "上周督办事项落实情况".into(),
                        points: format!(
                            "{}\n{}",
                            pick(&w.points, 2 * n),
                            pick(&w.points, 2 * n + 1)
                        ),
                    },
                    AgendaItem {
                        title: "本周重点工作安排".into(),
                        points: pick(&w.points, 2 * n + 3),
                    },
                ],
                decisions: vec![pick(&w.decisions, n), pick(&w.decisions, n + 2)],
                revision_note: String::new(),
            };
            let mut actions = Vec::new();
            let mut plan = Vec::new();
            for k in 0..2 {
                let a = &w.actions[((2 * n + k) as usize) % w.actions.len()];
                let due = (held + chrono::Days::new(a.days))
                    .format("%Y-%m-%d")
                    .to_string();
                let status = if due.as_str() < "2016-12-16" {
                    match rng.below(10) {
                        0 => ActionStatus::Open,
                        1 => ActionStatus::InProgress,
                        _ => ActionStatus::Done,
                    }
                } else if rng.below(2) == 0 {
                    ActionStatus::InProgress
                } else {
                    ActionStatus::Open
                };
                actions.push(ActionInput {
                    id: None,
                    title: a.title.clone(),
                    detail: String::new(),
                    owner_id: Some(pid(&a.owner)?),
                    due_on: due.clone(),
                    plan_node_id: None,
                });
                plan.push((due, status));
            }
            let input = MinutesInput {
                id: None,
                unit_id: get(&units, "unit", &w.unit)?.to_string(),
                kind: MeetingKind::Weekly,
                series: w.series.clone(),
                title: format!("{}（第{}期）", w.series, week + 1),
                held_at: held_at.clone(),
                place: w.place.clone(),
                chair_id: Some(pid(&w.chair)?),
                recorder_id: Some(pid(&w.recorder)?),
                body,
                actions,
            };
            // The last meeting is prepared in advance and not yet held.
            meetings.push((
                held_at,
                week + 1 < w.weeks,
                self.people_name(&w.recorder),
                input,
                plan,
            ));
        }
        meetings.sort_by(|a, b| a.0.cmp(&b.0));
        for (held_at, final_, by, input, plan) in meetings {
            let t = time(&held_at)?;
            let view = app.at(t, &by, |app| app.minutes_save(&input))?;
            if final_ {
                let view = app.at(t + chrono::Duration::hours(4), &by, |app| {
                    app.minutes_finalise(&view.meeting.id)
                })?;
                if let Some(s) = &view.submission {
                    // Reviewed on the 5th of the next month, except December's (still waiting).
                    if s.month.as_str() < "2016-12" {
                        let day = time(&format!("{}-05", next_month(&s.month)))?;
                        app.at(day, REVIEWER, |app| {
                            app.submission_review(&s.id, Some(Verdict::Compliant), "")
                        })?;
                    }
                }
            }
            for (a, (due, status)) in view.actions.iter().zip(plan) {
                if status != ActionStatus::Open {
                    let when = time(&due)?
                        - chrono::Duration::days(i64::from(status == ActionStatus::Done));
                    follow.push((
                        when,
                        a.item.id.clone(),
                        status,
                        self.people_name_by_id(&app.store.people()?, a.item.owner_id.as_deref()),
                    ));
                }
            }
        }
        follow.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        for (when, id, status, by) in follow {
            let note = if status == ActionStatus::Done {
                "已完成"
            } else {
                "正在落实"
            };
            app.at(when, &by, |app| {
                app.action_update(&ActionUpdate {
                    id,
                    status,
                    due_on: None,
                    note: note.into(),
                })
            })?;
        }
        self.write_plans(app, &units, &pid)?;
        self.write_docs(app, &units, &pid)
    }

    /// 2016's documents: each month incoming ones routed to the departments' heads (most
    /// handled in time, some late with a reason, a few still open) and company and business
    /// documents signed, numbered and issued.
    pub(super) fn write_docs(
        &self,
        app: &mut App,
        units: &HashMap<String, String>,
        pid: &dyn Fn(&str) -> Result<String>,
    ) -> Result<()> {
        use crate::docs::{IncomingInput, OutgoingInput};
        let city = get(units, "unit", &self.code("ZB"))?.to_string();
        let office = get(units, "unit", &self.code("ZB-OFF"))?.to_string();
        let mkt = get(units, "unit", &self.code("ZB-MKT"))?.to_string();
        let registrar = self.people_name(&self.code("ZB-003"));
        let heads = ["ZB-004", "ZB-007", "ZB-011", "ZB-002"].map(|c| self.code(c));
        let mut rng = Lcg(0xD0C5_2016);
        let mut follow: Vec<(NaiveDateTime, String, String, String)> = Vec::new();
        for month in 1..=12u32 {
            let m = month.to_string();
            for k in 0..3u32 {
                let day = 3 + k * 9 + rng.below(4) as u32;
                let received = format!("2016-{month:02}-{day:02}");
                let (sender, prefix) = {
                    let s = &self.docs.senders[rng.below(self.docs.senders.len() as u64) as usize];
                    (s[0].clone(), s[1].clone())
                };
                let title = self.docs.incoming[((month + k) as usize) % self.docs.incoming.len()]
                    .replace("{m}", &m);
                let h1 = &heads[((month + k) as usize) % heads.len()];
                let h2 = &heads[((month + k + 1) as usize) % heads.len()];
                let input = IncomingInput {
                    unit_id: city.clone(),
                    received_on: received.clone(),
                    sender,
                    title,
                    doc_number: format!("{prefix}〔2016〕{}号", 10 + month * 7 + k),
                    urgent: k == 1 && month % 4 == 0,
                    instruction: "请按文件要求落实，三日内将办理情况反馈办公室。".into(),
                    secret: false,
                    handlers: vec![pid(h1)?, pid(h2)?],
                    from_doc: None,
                };
                let row = app.at(time(&format!("{received}T10:00"))?, &registrar, |app| {
                    app.incoming_register(&input)
                })?;
                for (i, h) in row.handlers.iter().enumerate() {
                    let due = time(&format!("{}T17:00", h.item.due_on))?;
                    let roll = rng.below(20);
                    // Mid-December's document is still open with its first handler, and
                    // overdue on the demo's day (2016-12-28).
                    if month == 12 && k == 1 && (i == 0 || roll < 10) {
                        continue; // still open
                    }
                    let (when, note) = if roll < 3 {
                        (
                            due + chrono::Duration::days(2),
                            "已办理；因等待基层数据报送，逾期两天。".to_string(),
                        )
                    } else {
                        (
                            due - chrono::Duration::days(1),
                            "已按要求办理完毕。".to_string(),
                        )
                    };
                    follow.push((when, h.item.id.clone(), h.owner_name.clone(), note));
                }
            }
            // Outgoing: two company documents and one business document a month.
            let gm = pid(&self.code("ZB-001"))?;
            let deputy = pid(&self.code("ZB-014"))?;
            let mut drafts = Vec::new();
            for (i, t) in [
                &self.docs.company[(month as usize) % self.docs.company.len()],
                &self.docs.company[(month as usize + 1) % self.docs.company.len()],
            ]
            .into_iter()
            .enumerate()
            {
                drafts.push((
                    "company",
                    office.clone(),
                    gm.clone(),
                    t.replace("{m}", &m),
                    5 + i as u32 * 10,
                ));
            }
            drafts.push((
                "business",
                mkt.clone(),
                deputy.clone(),
                self.docs.business[(month as usize) % self.docs.business.len()].replace("{m}", &m),
                18,
            ));
            for (category, drafting, signer, title, day) in drafts {
                let on = format!("2016-{month:02}-{day:02}");
                let at = time(&format!("{on}T09:00"))?;
                let input = OutgoingInput {
                    id: None,
                    unit_id: city.clone(),
                    category: category.into(),
                    title,
                    drafting_unit_id: Some(drafting),
                    drafter_id: None,
                    secret: false,
                    scope_units: Vec::new(),
                    scope_positions: Vec::new(),
                };
                let d = app.at(at, &registrar, |app| app.outgoing_save(&input))?;
                app.at(at, &registrar, |app| app.outgoing_sign(&d.id, &signer, &on))?;
                app.at(at, &registrar, |app| app.outgoing_issue(&d.id, &on))?;
            }
        }
        follow.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        for (when, id, by, note) in follow {
            app.at(when, &by, |app| {
                app.action_update(&ActionUpdate {
                    id,
                    status: ActionStatus::Done,
                    due_on: None,
                    note,
                })
            })?;
        }
        Ok(())
    }

    pub(super) fn write_plans(
        &self,
        app: &mut App,
        units: &HashMap<String, String>,
        pid: &dyn Fn(&str) -> Result<String>,
    ) -> Result<()> {
        let mut ids: HashMap<String, String> = HashMap::new();
        let created = time("2016-01-08T10:00")?;
        for (i, p) in self.plan.iter().enumerate() {
            let input = PlanInput {
                id: None,
                unit_id: get(units, "unit", &p.unit)?.to_string(),
                parent_id: p
                    .parent
                    .as_deref()
                    .map(|k| get(&ids, "plan", k).map(str::to_string))
                    .transpose()?,
                level: p.level,
                title: p.title.clone(),
                owner_person_id: Some(pid(&p.owner)?),
                owner_position_id: None,
                period: p.period.clone(),
                priority: if i % 3 == 0 {
                    Priority::High
                } else {
                    Priority::Medium
                },
                weight: p.weight.clone(),
                target_value: p.target.clone(),
                target_unit: p.target_unit.clone(),
                kpi_metric: p.metric.clone(),
                actual_value: p.actual.clone(),
                progress: p.progress.clone(),
                milestones: p.milestones.clone(),
                outcome: p.outcome.clone(),
                deviation: String::new(),
            };
            let by = self.people_name(&p.owner);
            let row = app.at(created, &by, |app| app.plan_save(&input))?;
            ids.insert(p.key.clone(), row.node.id.clone());
            if p.status == PlanStatus::Executing {
                // Submitted, approved (annual plans by HQ) and started in January.
                let steps = [
                    (
                        PlanStatus::Draft,
                        PlanStatus::Submitted,
                        "2016-01-10T09:00",
                        by.as_str(),
                        "",
                    ),
                    (
                        PlanStatus::Submitted,
                        PlanStatus::Approved,
                        "2016-01-20T15:00",
                        HQ_APPROVER,
                        "同意。",
                    ),
                    (
                        PlanStatus::Approved,
                        PlanStatus::Executing,
                        "2016-01-21T09:00",
                        by.as_str(),
                        "",
                    ),
                ];
                app.store.write(|w| -> Result<()> {
                    let mut n = w
                        .plan_node(&row.node.id)?
                        .ok_or_else(|| AppError::Demo("plan vanished".into()))?;
                    for (from, to, at, who, comment) in steps {
                        w.log_plan(
                            &n.id,
                            &PlanChange {
                                from_status: Some(from),
                                to_status: to,
                                comment: comment.into(),
                                by: who.into(),
                                at: format!("{at}:00Z"),
                            },
                        )?;
                    }
                    n.status = PlanStatus::Executing;
                    w.put_plan_node(&n)?;
                    Ok(())
                })?;
            }
        }
        Ok(())
    }

    pub(super) fn meeting_input(
        &self,
        m: &DemoMeeting,
        units: &HashMap<String, String>,
        pid: &dyn Fn(&str) -> Result<String>,
    ) -> Result<MinutesInput> {
        let mut attendees = Vec::new();
        for p in &m.present {
            attendees.push(Attendee {
                person_id: pid(p)?,
                role: AttendRole::Present,
                reason: String::new(),
            });
        }
        for p in &m.observers {
            attendees.push(Attendee {
                person_id: pid(p)?,
                role: AttendRole::Observer,
                reason: String::new(),
            });
        }
        for [p, why] in &m.absent {
            attendees.push(Attendee {
                person_id: pid(p)?,
                role: AttendRole::Absent,
                reason: why.clone(),
            });
        }
        Ok(MinutesInput {
            id: None,
            unit_id: get(units, "unit", &m.unit)?.to_string(),
            kind: m.kind,
            series: m.series.clone(),
            title: m.title.clone(),
            held_at: m.held_at.clone(),
            place: m.place.clone(),
            chair_id: Some(pid(&m.chair)?),
            recorder_id: Some(pid(&m.recorder)?),
            body: MinutesBody {
                attendees,
                agenda: m.agenda.clone(),
                decisions: m.decisions.clone(),
                revision_note: String::new(),
            },
            actions: m
                .actions
                .iter()
                .map(|a| {
                    Ok(ActionInput {
                        id: None,
                        title: a.title.clone(),
                        detail: String::new(),
                        owner_id: Some(pid(&a.owner)?),
                        due_on: a.due.clone(),
                        plan_node_id: None,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }
}
