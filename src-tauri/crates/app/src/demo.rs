//! The demo data set (`assets/demo/demo.toml`, embedded in the binary) and its loader.

use std::collections::HashMap;

use branchdesk_domain::{
    ActionStatus, AgendaItem, AssignmentKind, AttendRole, Attendee, ControlMode, DocCategory,
    MeetingKind, Milestone, MinutesBody, Ownership, PlanChange, PlanLevel, PlanStatus,
    PositionAttrs, PositionStatus, Priority, Submission, SubmissionKind, UnitAttrs, UnitKind,
    Verdict,
};
use branchdesk_store::{new_id, Writer};
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::minutes::{ActionInput, ActionUpdate, MinutesInput};
use crate::plans::PlanInput;
use crate::{at_time, App, AppError, Result};

const DEMO_TOML: &str = include_str!("../../../../assets/demo/demo.toml");
const MMS_TEMPLATE: &str = include_str!("../../../../assets/schemes/mms-2016.toml");

/// The per-capita targets the seed 001 document left to HQ, as the demo's HQ set them.
const DEMO_TARGETS: [(&str, i64); 3] = [
    ("quotes_per_user", 20),
    ("conversions_per_user", 6),
    ("premium_per_user", 15000),
];

/// First month of demo KPI figures: seed 001's assessment window is 2016-06 to 2016-12.
const KPI_MONTHS: [&str; 7] = [
    "2016-06", "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DemoData {
    pub site: DemoSite,
    unit: Vec<DemoUnit>,
    position: Vec<DemoPosition>,
    branch_position: Vec<BranchPosition>,
    branch: Vec<DemoBranch>,
    meeting: Vec<DemoMeeting>,
    weekly: DemoWeekly,
    plan: Vec<DemoPlan>,
    doc_category: Vec<DocCategory>,
    docs: DemoDocs,
    unit_change: Vec<UnitChange>,
}

/// Lists a year of documents is generated from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDocs {
    /// `[sender, their number prefix]`
    senders: Vec<[String; 2]>,
    incoming: Vec<String>,
    company: Vec<String>,
    business: Vec<String>,
}

/// The demo organisation exists from this date; reorganisations come later.
const ORG_FROM: &str = "2015-01-01";
const RECORDED_AT: &str = "2015-01-01T00:00:00Z";

/// A dated reorganisation of a demo unit (only the fields given change).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitChange {
    unit: String,
    from: String,
    name: Option<String>,
    parent: Option<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DemoSite {
    pub name: String,
    pub group_name: String,
    #[allow(dead_code)] // the role is chosen by `init --role`; the file documents the default
    pub role: String,
    pub current_period: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoUnit {
    code: String,
    name: String,
    kind: UnitKind,
    parent: Option<String>,
    control_mode: Option<ControlMode>,
    ownership: Option<Ownership>,
    industry: Option<String>,
    #[serde(default)]
    econ_assessed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPosition {
    code: String,
    unit: String,
    title: String,
    superior: Option<String>,
    description: String,
    duties: Vec<String>,
    #[serde(default)]
    status: PositionStatus,
    /// `[code, name]` or `[code, name, left_on]`.
    #[serde(default)]
    people: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BranchPosition {
    suffix: String,
    title: String,
    /// A city-branch position code, or the suffix of another branch position.
    superior: String,
    description: String,
    duties: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBranch {
    code: String,
    name: String,
    people: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoMeeting {
    unit: String,
    kind: MeetingKind,
    series: String,
    title: String,
    held_at: String,
    place: String,
    chair: String,
    recorder: String,
    #[serde(rename = "final")]
    final_: bool,
    present: Vec<String>,
    #[serde(default)]
    observers: Vec<String>,
    /// `[person, reason]`
    #[serde(default)]
    absent: Vec<[String; 2]>,
    agenda: Vec<AgendaItem>,
    decisions: Vec<String>,
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAction {
    title: String,
    owner: String,
    due: String,
    status: ActionStatus,
}

/// A series of weekly meetings generated from lists.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoWeekly {
    unit: String,
    series: String,
    place: String,
    chair: String,
    recorder: String,
    present: Vec<String>,
    observers: Vec<String>,
    first: String,
    weeks: u32,
    points: Vec<String>,
    decisions: Vec<String>,
    actions: Vec<WeeklyAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeeklyAction {
    title: String,
    owner: String,
    days: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPlan {
    key: String,
    parent: Option<String>,
    unit: String,
    level: PlanLevel,
    period: String,
    title: String,
    owner: String,
    status: PlanStatus,
    weight: String,
    target: Option<String>,
    #[serde(default)]
    target_unit: String,
    metric: Option<String>,
    actual: Option<String>,
    #[serde(default)]
    progress: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    milestones: Vec<Milestone>,
}

/// The demo's reviewer of submissions and HQ's approver.
const REVIEWER: &str = "黄蕾";
const HQ_APPROVER: &str = "集团运营管理一部";

fn time(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&format!("{s}T17:00"), "%Y-%m-%dT%H:%M"))
        .map_err(|e| AppError::Demo(format!("bad time {s}: {e}")))
}

/// Looks a code up, or says which code the demo file got wrong.
fn get<'m>(map: &'m HashMap<String, String>, what: &str, code: &str) -> Result<&'m str> {
    map.get(code)
        .map(String::as_str)
        .ok_or_else(|| AppError::Demo(format!("unknown {what} {code}")))
}

impl DemoData {
    pub(crate) fn load() -> Result<DemoData> {
        toml::from_str(DEMO_TOML).map_err(|e| AppError::Demo(e.to_string()))
    }

    /// Writes the whole data set; the caller's transaction makes it all or nothing.
    pub(crate) fn write(&self, w: &Writer<'_>) -> Result<()> {
        let mut units = HashMap::new();
        for (i, u) in self.unit.iter().enumerate() {
            let parent = u
                .parent
                .as_deref()
                .map(|p| get(&units, "unit", p))
                .transpose()?;
            let attrs = UnitAttrs {
                name: u.name.clone(),
                kind: u.kind,
                parent_id: parent.map(str::to_string),
                control_mode: u.control_mode,
                ownership: u.ownership,
                industry: u.industry.clone().unwrap_or_default(),
                econ_assessed: u.econ_assessed,
                sort: i as i64,
                closed: false,
            };
            let id = w.add_unit(&u.code, &attrs, ORG_FROM, RECORDED_AT)?;
            units.insert(u.code.clone(), id);
        }
        let mut positions = HashMap::new();
        let mut people = HashMap::new();
        for (i, p) in self.position.iter().enumerate() {
            let attrs = PositionAttrs {
                unit_id: get(&units, "unit", &p.unit)?.to_string(),
                title: p.title.clone(),
                superior_id: p
                    .superior
                    .as_deref()
                    .map(|s| get(&positions, "position", s).map(str::to_string))
                    .transpose()?,
                description: p.description.clone(),
                duties: p.duties.clone(),
                status: p.status,
                sort: i as i64,
                closed: false,
            };
            let id = w.add_position(&p.code, &attrs, ORG_FROM, RECORDED_AT)?;
            for person in &p.people {
                let (code, name, left) = match person.as_slice() {
                    [c, n] => (c, n, None),
                    [c, n, l] => (c, n, Some(l.as_str())),
                    _ => return Err(AppError::Demo(format!("bad person entry in {}", p.code))),
                };
                let pid = w.add_person(code, name, "", left)?;
                w.add_assignment(&pid, &id, AssignmentKind::Primary, ORG_FROM, left)?;
                people.insert(code.clone(), pid);
            }
            positions.insert(p.code.clone(), id);
        }
        let city = get(&units, "unit", "ZB")?.to_string();
        for (b, branch) in self.branch.iter().enumerate() {
            let attrs = UnitAttrs {
                name: branch.name.clone(),
                kind: UnitKind::Branch,
                parent_id: Some(city.clone()),
                control_mode: Some(ControlMode::Operational),
                ownership: Some(Ownership::Controlling),
                industry: "财产保险".into(),
                econ_assessed: true,
                sort: (self.unit.len() + b) as i64,
                closed: false,
            };
            let unit_id = w.add_unit(&branch.code, &attrs, ORG_FROM, RECORDED_AT)?;
            units.insert(branch.code.clone(), unit_id.clone());
            let mut local: HashMap<String, String> = HashMap::new();
            for (i, tp) in self.branch_position.iter().enumerate() {
                let superior = match local.get(&tp.superior) {
                    Some(id) => id.as_str(),
                    None => get(&positions, "position", &tp.superior)?,
                };
                let code = format!("{}-P-{}", branch.code, tp.suffix);
                let attrs = PositionAttrs {
                    unit_id: unit_id.clone(),
                    title: tp.title.clone(),
                    superior_id: Some(superior.to_string()),
                    description: tp.description.clone(),
                    duties: tp.duties.clone(),
                    status: PositionStatus::Active,
                    sort: i as i64,
                    closed: false,
                };
                let id = w.add_position(&code, &attrs, ORG_FROM, RECORDED_AT)?;
                if let Some(name) = branch.people.get(i) {
                    let person_code = format!("{}-{:02}", branch.code, i + 1);
                    let pid = w.add_person(&person_code, name, "", None)?;
                    w.add_assignment(&pid, &id, AssignmentKind::Primary, ORG_FROM, None)?;
                }
                local.insert(tp.suffix.clone(), id);
            }
            write_kpi_figures(w, &unit_id, b as u64)?;
        }
        for c in &self.unit_change {
            let id = get(&units, "unit", &c.unit)?;
            let mut attrs = w
                .units(Some(&c.from))?
                .into_iter()
                .find(|u| u.id == id)
                .ok_or_else(|| AppError::Demo(format!("{} does not exist on {}", c.unit, c.from)))?
                .attrs;
            if let Some(name) = &c.name {
                attrs.name = name.clone();
            }
            if let Some(parent) = &c.parent {
                attrs.parent_id = Some(get(&units, "unit", parent)?.to_string());
            }
            w.change_unit(
                id,
                &attrs,
                &c.from,
                &format!("{}T00:00:00Z", c.from),
                &c.note,
            )?;
        }
        w.refresh_org(&crate::today())?;
        for (i, c) in self.doc_category.iter().enumerate() {
            w.put_doc_category(c, i as i64)?;
        }
        let (id, name, source) = demo_scheme()?;
        w.add_scheme(&id, &name, &source, "2016-06-01T00:00:00Z")?;
        Ok(())
    }

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
            let view = at_time(t, &by, || app.minutes_save(&input))?;
            if final_ {
                let view = at_time(t + chrono::Duration::hours(4), &by, || {
                    app.minutes_finalise(&view.meeting.id)
                })?;
                if let Some(s) = &view.submission {
                    // Reviewed on the 5th of the next month, except December's (still waiting).
                    if s.month.as_str() < "2016-12" {
                        let day = time(&format!("{}-05", next_month(&s.month)))?;
                        at_time(day, REVIEWER, || {
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
            at_time(when, &by, || {
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
    fn write_docs(
        &self,
        app: &mut App,
        units: &HashMap<String, String>,
        pid: &dyn Fn(&str) -> Result<String>,
    ) -> Result<()> {
        use crate::docs::{IncomingInput, OutgoingInput};
        let city = get(units, "unit", "ZB")?.to_string();
        let office = get(units, "unit", "ZB-OFF")?.to_string();
        let mkt = get(units, "unit", "ZB-MKT")?.to_string();
        let registrar = self.people_name("ZB-003");
        let heads = ["ZB-004", "ZB-007", "ZB-011", "ZB-002"];
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
                let h1 = heads[((month + k) as usize) % heads.len()];
                let h2 = heads[((month + k + 1) as usize) % heads.len()];
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
                };
                let row = at_time(time(&format!("{received}T10:00"))?, &registrar, || {
                    app.incoming_register(&input)
                })?;
                for h in &row.handlers {
                    let due = time(&format!("{}T17:00", h.item.due_on))?;
                    let roll = rng.below(20);
                    if month == 12 && k == 2 && roll < 10 {
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
            let gm = pid("ZB-001")?;
            let deputy = pid("ZB-014")?;
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
                let d = at_time(at, &registrar, || app.outgoing_save(&input))?;
                at_time(at, &registrar, || app.outgoing_sign(&d.id, &signer, &on))?;
                at_time(at, &registrar, || app.outgoing_issue(&d.id, &on))?;
            }
        }
        follow.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        for (when, id, by, note) in follow {
            at_time(when, &by, || {
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

    fn write_plans(
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
            let row = at_time(created, &by, || app.plan_save(&input))?;
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

    fn meeting_input(
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

    /// The name of a demo person by code (for the audit trail).
    fn people_name(&self, code: &str) -> String {
        for p in &self.position {
            for person in &p.people {
                if person.first().map(String::as_str) == Some(code) {
                    return person.get(1).cloned().unwrap_or_default();
                }
            }
        }
        for b in &self.branch {
            for (i, name) in b.people.iter().enumerate() {
                if format!("{}-{:02}", b.code, i + 1) == code {
                    return name.clone();
                }
            }
        }
        code.to_string()
    }

    fn people_name_by_id(&self, people: &[branchdesk_domain::Person], id: Option<&str>) -> String {
        people
            .iter()
            .find(|p| Some(p.id.as_str()) == id)
            .map_or_else(String::new, |p| p.name.clone())
    }
}

fn next_month(m: &str) -> String {
    m.parse::<branchdesk_domain::Period>()
        .ok()
        .and_then(|p| p.next_month())
        .map_or_else(|| m.to_string(), |p| p.to_string())
}

/// The seed 001 template with the demo's targets filled in.
fn demo_scheme() -> Result<(String, String, String)> {
    let bad = |e: &dyn std::fmt::Display| AppError::Demo(format!("mms-2016 template: {e}"));
    let mut t: toml::Table = toml::from_str(MMS_TEMPLATE).map_err(|e| bad(&e))?;
    let indicators = t
        .get_mut("indicator")
        .and_then(|v| v.as_array_mut())
        .ok_or_else(|| bad(&"no indicators"))?;
    for ind in indicators.iter_mut().filter_map(|v| v.as_table_mut()) {
        let id = ind
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if let Some((_, target)) = DEMO_TARGETS.iter().find(|(k, _)| *k == id) {
            ind.insert("target".into(), toml::Value::Integer(*target));
            ind.insert(
                "note".into(),
                toml::Value::String(format!(
                    "演示目标值 {target}（原文附件缺失，由市公司设定）。"
                )),
            );
        }
    }
    let header = t
        .get_mut("scheme")
        .and_then(|v| v.as_table_mut())
        .ok_or_else(|| bad(&"no [scheme]"))?;
    if let Some(notes) = header.get_mut("notes").and_then(|v| v.as_array_mut()) {
        notes.push(toml::Value::String(
            "演示数据：人均类指标的目标值为演示设定。".into(),
        ));
    }
    let id = header
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let name = header
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let source = toml::to_string(&t).map_err(|e| bad(&e))?;
    Ok((id, name, source))
}

/// Plausible monthly figures for seed 001's metrics, the same on every run (a fixed
/// pseudo-random sequence per unit), so that demo scores and screenshots are reproducible.
fn write_kpi_figures(w: &Writer<'_>, unit_id: &str, unit_no: u64) -> Result<()> {
    let mut rng = Lcg(0x9E37_79B9_7F4A_7C15 ^ (unit_no + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let users = 20 + rng.below(40); // system users of the unit
    for month in KPI_MONTHS {
        let due = 150 + rng.below(250);
        let valid_tasks = 60 + rng.below(120);
        let figures: [(&str, String); 14] = [
            ("users", users.to_string()),
            ("quotes", (users * (12 + rng.below(16))).to_string()),
            ("conversions", (users * (3 + rng.below(6))).to_string()),
            (
                "closed_premium",
                format!(
                    "{}.{:02}",
                    users * (8_000 + rng.below(12_000)),
                    rng.below(100)
                ),
            ),
            (
                "policy_sorting",
                ["有效落实", "一般", "未实施"][rng.below(10).min(9) as usize / 4].to_string(),
            ),
            ("renewal_due", due.to_string()),
            (
                "renewal_assigned",
                (due * (70 + rng.below(31)) / 100).to_string(),
            ),
            ("tasks_valid", valid_tasks.to_string()),
            (
                "tasks_executed",
                (valid_tasks * (60 + rng.below(41)) / 100).to_string(),
            ),
            (
                "active_users",
                (users * (50 + rng.below(51)) / 100).to_string(),
            ),
            ("mobile_quotes", (users * (2 + rng.below(10))).to_string()),
            (
                "wechat_bound",
                (users * (85 + rng.below(16)) / 100).min(users).to_string(),
            ),
            ("mobile_payment", (users * (1 + rng.below(8))).to_string()),
            ("compliant_submissions", (3 + rng.below(5)).to_string()),
        ];
        for (metric, value) in &figures {
            w.put_kpi_value(unit_id, month, metric, value)?;
        }
        // The submissions behind `compliant_submissions`, reviewed on the 5th of next month.
        let n: usize = figures[13].1.parse().expect("a count");
        let reviewed = format!("{}-05T10:00:00Z", next_month(month));
        let kinds = [
            SubmissionKind::Briefing,
            SubmissionKind::Bulletin,
            SubmissionKind::Training,
        ];
        let ym = month.replacen('-', "年", 1);
        let late = (unit_no + u64::from(month.as_bytes()[6])).is_multiple_of(4);
        for i in 0..n + usize::from(late) {
            let kind = kinds[i % kinds.len()];
            let title = match kind {
                SubmissionKind::Briefing => format!("{ym}月工作简报（第{}期）", i / 3 + 1),
                SubmissionKind::Bulletin => format!("{ym}月系统推广数据简报"),
                _ => format!("{ym}月系统操作培训记录"),
            };
            let bad = i == n;
            w.put_submission(&Submission {
                id: new_id(),
                unit_id: unit_id.to_string(),
                month: month.to_string(),
                kind,
                title,
                meeting_id: None,
                submitted_on: format!("{month}-{:02}", 10 + 3 * (i % 6)),
                verdict: Some(if bad {
                    Verdict::Noncompliant
                } else {
                    Verdict::Compliant
                }),
                verdict_note: if bad {
                    "缺少参训人员签到表，请补充后重新报送。".into()
                } else {
                    String::new()
                },
                reviewed_by: Some(REVIEWER.into()),
                reviewed_at: Some(reviewed.clone()),
            })?;
        }
    }
    Ok(())
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}
