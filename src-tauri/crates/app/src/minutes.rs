//! 会议纪要: meetings with their minutes, action items (督办事项) followed up on one board, and
//! the submissions (报送材料) that feed seed 001's `compliant_submissions`.
//!
//! * A draft is edited freely. 定稿 locks it: the minutes as they stand are kept as revision n
//!   and, the first time, the minutes become a submission of the unit for the meeting's month.
//!   A correction (修订) reopens the draft with a reason; the next 定稿 keeps revision n + 1 and
//!   every earlier one stays readable.
//! * A meeting of a series carries forward the action items raised at earlier meetings of the
//!   series that were still open when it was held, so a meeting created in advance shows them
//!   too. Following an item up (status, new due date) is allowed at any time and logged.

use std::collections::HashMap;

use branchdesk_domain::{
    ActionChange, ActionItem, ActionStatus, AgendaItem, AttendRole, Attendee, DecisionKind,
    DecisionVerdict, Meeting, MeetingKind, MeetingStatus, MinutesBody, Person, Submission,
    SubmissionKind, Unit, UnitKind, Verdict,
};
use branchdesk_store::{new_id, ActionQuery, SearchDoc, Writer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::org::parse_date;
use crate::{now, operator, today, App, AppError, Result};

/// The KPI metric seed 001's 系统推广日常管理 counts.
pub const SUBMISSIONS_METRIC: &str = "compliant_submissions";

/// What the minutes form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesInput {
    /// `None` for a new meeting.
    pub id: Option<String>,
    pub unit_id: String,
    pub kind: MeetingKind,
    pub series: String,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted).
    pub held_at: String,
    pub place: String,
    pub chair_id: Option<String>,
    pub recorder_id: Option<String>,
    pub body: MinutesBody,
    pub actions: Vec<ActionInput>,
}

/// One action item as the form sends it; `id` is `None` for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    pub owner_id: Option<String>,
    pub due_on: String,
    #[serde(default)]
    pub plan_node_id: Option<String>,
}

/// An action item with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionView {
    #[serde(flatten)]
    pub item: ActionItem,
    pub owner_name: String,
    pub unit_name: String,
    pub meeting_title: String,
    /// Days past the due date on the day asked (0 when not overdue or closed).
    #[ts(type = "number")]
    pub overdue_days: i64,
    pub plan_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendeeView {
    pub person_id: String,
    pub name: String,
    pub role: AttendRole,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub rev: i64,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One meeting's minutes as shown, printed and kept in a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesView {
    pub meeting: Meeting,
    pub body: MinutesBody,
    pub unit_name: String,
    pub chair_name: String,
    pub recorder_name: String,
    pub attendees: Vec<AttendeeView>,
    /// Raised at this meeting.
    pub actions: Vec<ActionView>,
    /// Raised earlier in the series and still open when this meeting was held.
    pub carried: Vec<ActionView>,
    pub revisions: Vec<RevisionInfo>,
    pub submission: Option<Submission>,
}

/// A line of the minutes list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeetingRow {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub unit_name: String,
    pub chair_name: String,
    #[ts(type = "number")]
    pub actions: i64,
    #[ts(type = "number")]
    pub open_actions: i64,
    pub verdict: Option<Verdict>,
}

/// Which action items the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionFilter {
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub overdue_only: bool,
    /// Also done and cancelled items.
    #[serde(default)]
    pub include_closed: bool,
    /// The day "overdue" is measured against; today by default.
    #[serde(default)]
    pub today: Option<String>,
}

/// A follow-up: the new status, and a new due date when it is postponed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionUpdate {
    pub id: String,
    pub status: ActionStatus,
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SubmissionView {
    #[serde(flatten)]
    pub submission: Submission,
    pub unit_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubmissionInput {
    pub unit_id: String,
    pub kind: SubmissionKind,
    pub title: String,
    /// The material's date; its month is the month it counts for.
    pub submitted_on: String,
}

/// What a new meeting of a kind starts with (assets/templates/minutes.toml).
#[derive(Debug, Clone, Deserialize)]
struct KindTemplate {
    kind: MeetingKind,
    series: String,
    title: String,
    place: String,
    agenda: Vec<String>,
}

#[derive(Deserialize)]
struct TemplateFile {
    kind: Vec<KindTemplate>,
}

fn kind_template(kind: MeetingKind) -> Result<KindTemplate> {
    let file: TemplateFile =
        toml::from_str(include_str!("../../../../assets/templates/minutes.toml"))
            .map_err(|e| AppError::Demo(format!("minutes templates: {e}")))?;
    file.kind
        .into_iter()
        .find(|t| t.kind == kind)
        .ok_or_else(|| AppError::Demo(format!("no minutes template for {}", kind.as_str())))
}

fn invalid(field: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::invalid(field, zh, en)
}

/// `YYYY-MM-DDTHH:MM`, from that or with a space or seconds.
fn parse_time(s: &str) -> Result<String> {
    let t = s.trim().replace(' ', "T");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&t, f).ok())
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
        .ok_or_else(|| {
            invalid(
                "held_at",
                format!("“{s}”不是有效的会议时间，请按 2016-12-05 08:30 的格式填写。"),
                format!("\"{s}\" is not a meeting time; write it as 2016-12-05 08:30."),
            )
        })
}

fn text(field: &'static str, v: &str, max: usize, zh: &str, en: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(invalid(
            field,
            format!("{zh}不能为空。"),
            format!("The {en} must not be empty."),
        ));
    }
    if v.chars().count() > max {
        return Err(invalid(
            field,
            format!("{zh}不能超过{max}个字。"),
            format!("The {en} is longer than {max} characters."),
        ));
    }
    Ok(v.to_string())
}

fn days_between(from: &str, to: &str) -> i64 {
    match (
        NaiveDate::parse_from_str(from, "%Y-%m-%d"),
        NaiveDate::parse_from_str(to, "%Y-%m-%d"),
    ) {
        (Ok(a), Ok(b)) => (b - a).num_days(),
        _ => 0,
    }
}

/// Names for ids, loaded once per request.
pub(crate) struct Names {
    people: HashMap<String, Person>,
    units: HashMap<String, Unit>,
    meetings: HashMap<String, String>,
    plans: HashMap<String, String>,
}

impl Names {
    /// People and units.
    pub(crate) fn load(app: &App) -> Result<Names> {
        Ok(Names {
            people: app
                .store
                .people()?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            units: app
                .store
                .units(None)?
                .into_iter()
                .map(|u| (u.id.clone(), u))
                .collect(),
            meetings: HashMap::new(),
            plans: HashMap::new(),
        })
    }

    /// Also every meeting's and plan's title, for lists of many action items.
    fn with_all_titles(mut self, app: &App) -> Result<Names> {
        self.meetings = app.store.meeting_titles()?.into_iter().collect();
        for d in app.store.incoming_docs()? {
            self.meetings.insert(d.id.clone(), doc_source(&d));
        }
        self.plans = app.store.plan_titles()?.into_iter().collect();
        Ok(self)
    }

    /// Also the titles the given action items refer to.
    fn with_titles_of(mut self, app: &App, items: &[&ActionItem]) -> Result<Names> {
        for a in items {
            if let Some(m) = a
                .meeting_id
                .as_deref()
                .filter(|m| !self.meetings.contains_key(*m))
            {
                if let Some((meeting, _)) = app.store.meeting(m)? {
                    self.meetings.insert(meeting.id, meeting.title);
                }
            }
            if let Some(d) = a
                .doc_id
                .as_deref()
                .filter(|d| !self.meetings.contains_key(*d))
            {
                if let Some(doc) = app.store.incoming_doc(d)? {
                    self.meetings.insert(doc.id.clone(), doc_source(&doc));
                }
            }
            if let Some(p) = a
                .plan_node_id
                .as_deref()
                .filter(|p| !self.plans.contains_key(*p))
            {
                if let Some(node) = app.store.plan_node(p)? {
                    self.plans.insert(node.id, node.title);
                }
            }
        }
        Ok(self)
    }

    pub(crate) fn person(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.people.get(id))
            .map_or_else(String::new, |p| p.name.clone())
    }

    /// Whether `unit` is `ancestor` or lies below it.
    pub(crate) fn within(&self, unit: &str, ancestor: &str) -> bool {
        let mut id = Some(unit.to_string());
        for _ in 0..64 {
            match id {
                Some(ref u) if u == ancestor => return true,
                Some(ref u) => id = self.units.get(u).and_then(|u| u.attrs.parent_id.clone()),
                None => return false,
            }
        }
        false
    }

    pub(crate) fn unit(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.units.get(id))
            .map_or_else(String::new, |u| u.attrs.name.clone())
    }

    fn action(&self, item: ActionItem, today: &str) -> ActionView {
        let overdue_days = if item.status.is_open() {
            days_between(&item.due_on, today).max(0)
        } else {
            0
        };
        ActionView {
            owner_name: self.person(item.owner_id.as_deref()),
            unit_name: self.unit(item.unit_id.as_deref()),
            meeting_title: item
                .meeting_id
                .as_deref()
                .or(item.doc_id.as_deref())
                .and_then(|m| self.meetings.get(m))
                .cloned()
                .unwrap_or_default(),
            plan_title: item
                .plan_node_id
                .as_deref()
                .and_then(|p| self.plans.get(p))
                .cloned(),
            overdue_days,
            item,
        }
    }

    /// The unit a unit's submissions count for: itself, or for a department the nearest
    /// enclosing unit that is not a department.
    fn assessed_unit(&self, unit_id: &str) -> String {
        let mut id = unit_id.to_string();
        for _ in 0..64 {
            match self.units.get(&id) {
                Some(u) if u.attrs.kind == UnitKind::Department => match &u.attrs.parent_id {
                    Some(p) => id = p.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        id
    }
}

/// Where a document's handling came from, as the board shows it: 收文：sender number.
fn doc_source(d: &branchdesk_domain::IncomingDoc) -> String {
    format!("收文：{} {}", d.sender, d.doc_number)
        .trim_end()
        .to_string()
}

/// The paragraphs of a meeting that search finds.
pub(crate) fn index_meeting(w: &Writer<'_>, m: &Meeting, body: &MinutesBody) -> Result<()> {
    let at = &m.held_at[..10.min(m.held_at.len())];
    let mut paras: Vec<(String, String)> =
        vec![(m.title.clone(), format!("{} {}", m.series, m.place))];
    for a in &body.agenda {
        paras.push((
            format!("{} · 议题", m.title),
            format!("{}\n{}", a.title, a.points),
        ));
    }
    for d in &body.decisions {
        paras.push((format!("{} · 决议", m.title), d.clone()));
    }
    let docs: Vec<SearchDoc<'_>> = paras
        .iter()
        .map(|(t, b)| SearchDoc {
            kind: "meeting",
            ref_id: &m.id,
            unit_id: Some(&m.unit_id),
            title: t,
            body: b,
            at,
        })
        .collect();
    w.index(&m.id, &docs)?;
    Ok(())
}

pub(crate) fn index_action(w: &Writer<'_>, a: &ActionItem) -> Result<()> {
    w.index(
        &a.id,
        &[SearchDoc {
            kind: "action",
            ref_id: &a.id,
            unit_id: a.unit_id.as_deref(),
            title: &a.title,
            body: &a.detail,
            at: &a.due_on,
        }],
    )?;
    Ok(())
}

/// Recounts a unit's compliant submissions in a month into its KPI figure, for a unit that
/// is assessed (has KPI figures); others (the city branch itself) keep only the verdicts.
/// Writes a reviewed submission and recounts its unit's compliant submissions of the month.
pub(crate) fn settle_review(w: &Writer<'_>, s: &Submission, by: &str) -> Result<()> {
    w.put_submission(s)?;
    recount(w, &s.unit_id, &s.month, &format!("报送审核（{by}）"))
}

fn recount(w: &Writer<'_>, unit_id: &str, month: &str, by: &str) -> Result<()> {
    if !w.has_kpi_values(unit_id)? {
        return Ok(());
    }
    let n = w.compliant_count(unit_id, month)?;
    w.record_kpi_value(
        unit_id,
        month,
        SUBMISSIONS_METRIC,
        &n.to_string(),
        by,
        &now(),
    )?;
    Ok(())
}

impl App {
    /// Every meeting, newest first.
    pub fn minutes_list(&self, unit_id: Option<&str>) -> Result<Vec<MeetingRow>> {
        let names = Names::load(self)?;
        let mut counts: HashMap<String, (i64, i64)> = HashMap::new();
        for a in self.store.actions(&ActionQuery::default())? {
            if let Some(m) = a.meeting_id {
                let c = counts.entry(m).or_default();
                c.0 += 1;
                c.1 += i64::from(a.status.is_open());
            }
        }
        let verdicts: HashMap<String, Option<Verdict>> = self
            .store
            .submissions(None)?
            .into_iter()
            .filter_map(|s| Some((s.meeting_id?, s.verdict)))
            .collect();
        Ok(self
            .store
            .meetings(unit_id)?
            .into_iter()
            .map(|(m, _)| {
                let (actions, open_actions) = counts.get(&m.id).copied().unwrap_or_default();
                MeetingRow {
                    unit_name: names.unit(Some(&m.unit_id)),
                    chair_name: names.person(m.chair_id.as_deref()),
                    verdict: verdicts.get(&m.id).copied().flatten(),
                    actions,
                    open_actions,
                    meeting: m,
                }
            })
            .collect())
    }

    /// One meeting's minutes with its action items, carried items and revisions.
    pub fn minutes_get(&self, id: &str) -> Result<MinutesView> {
        let (meeting, body) = self
            .store
            .meeting(id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id}")))?;
        let today = today();
        let raised = self.store.actions(&ActionQuery {
            meeting_id: Some(id),
            ..Default::default()
        })?;
        let carried = if meeting.series.is_empty() {
            Vec::new()
        } else {
            self.store
                .carried_actions(&meeting.unit_id, &meeting.series, &meeting.held_at)?
        };
        let names = Names::load(self)?
            .with_titles_of(self, &raised.iter().chain(&carried).collect::<Vec<_>>())?;
        let actions = raised
            .into_iter()
            .map(|a| names.action(a, &today))
            .collect();
        let carried = carried
            .into_iter()
            .map(|a| names.action(a, &today))
            .collect();
        let revisions = self
            .store
            .meeting_revisions(id)?
            .into_iter()
            .map(|r| RevisionInfo {
                rev: r.rev,
                reason: r.reason,
                by: r.by,
                at: r.at,
            })
            .collect();
        Ok(MinutesView {
            unit_name: names.unit(Some(&meeting.unit_id)),
            chair_name: names.person(meeting.chair_id.as_deref()),
            recorder_name: names.person(meeting.recorder_id.as_deref()),
            attendees: body
                .attendees
                .iter()
                .map(|a| AttendeeView {
                    person_id: a.person_id.clone(),
                    name: names.person(Some(&a.person_id)),
                    role: a.role,
                    reason: a.reason.clone(),
                })
                .collect(),
            actions,
            carried,
            revisions,
            submission: self.store.submission_for_meeting(id)?,
            meeting,
            body,
        })
    }

    /// A finalised revision as it was kept.
    pub fn minutes_revision(&self, id: &str, rev: i64) -> Result<MinutesView> {
        let row = self
            .store
            .meeting_revisions(id)?
            .into_iter()
            .find(|r| r.rev == rev)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id} 第 {rev} 版")))?;
        serde_json::from_str(&row.snapshot)
            .map_err(|e| AppError::Export(format!("revision {rev} cannot be read: {e}")))
    }

    /// A new meeting's form: the kind's template, and from the series' latest meeting its
    /// place, chair, recorder and attendees. Nothing is saved.
    pub fn minutes_new(
        &self,
        unit_id: &str,
        kind: MeetingKind,
        series: Option<&str>,
    ) -> Result<MinutesInput> {
        let t = kind_template(kind)?;
        let names = Names::load(self)?;
        if !names.units.contains_key(unit_id) {
            return Err(invalid(
                "unit_id",
                "请选择召开会议的单位。",
                "Choose the unit holding the meeting.",
            ));
        }
        let series = series.map(str::trim).filter(|s| !s.is_empty()).map_or_else(
            || t.series.replace("{unit}", &names.unit(Some(unit_id))),
            str::to_string,
        );
        let held_at = format!("{}T09:00", today());
        let previous = self.store.previous_meeting(unit_id, &series, None)?;
        let number = self
            .store
            .meetings(Some(unit_id))?
            .iter()
            .filter(|(m, _)| m.series == series)
            .count()
            + 1;
        let title = t
            .title
            .replace("{series}", &series)
            .replace("{n}", &number.to_string())
            .replace("{date}", &held_at[..10]);
        let (place, chair_id, recorder_id, attendees) = match previous {
            Some((m, b)) => (
                m.place,
                m.chair_id,
                m.recorder_id,
                b.attendees
                    .into_iter()
                    .map(|a| Attendee {
                        role: if a.role == AttendRole::Observer {
                            AttendRole::Observer
                        } else {
                            AttendRole::Present
                        },
                        reason: String::new(),
                        ..a
                    })
                    .collect(),
            ),
            None => (t.place.clone(), None, None, Vec::new()),
        };
        Ok(MinutesInput {
            id: None,
            unit_id: unit_id.to_string(),
            kind,
            series,
            title,
            held_at,
            place,
            chair_id,
            recorder_id,
            body: MinutesBody {
                attendees,
                agenda: t
                    .agenda
                    .iter()
                    .map(|a| AgendaItem {
                        title: a.clone(),
                        points: String::new(),
                    })
                    .collect(),
                decisions: Vec::new(),
                revision_note: String::new(),
            },
            actions: Vec::new(),
        })
    }

    /// The action items a meeting of `series` held at `held_at` would carry forward.
    pub fn minutes_carried(
        &self,
        unit_id: &str,
        series: &str,
        held_at: &str,
    ) -> Result<Vec<ActionView>> {
        let held_at = parse_time(held_at)?;
        let items = self
            .store
            .carried_actions(unit_id, series.trim(), &held_at)?;
        let names = Names::load(self)?.with_titles_of(self, &items.iter().collect::<Vec<_>>())?;
        let today = today();
        Ok(items.into_iter().map(|a| names.action(a, &today)).collect())
    }

    /// Creates or updates a draft. Finalised minutes are refused: revise them first.
    pub fn minutes_save(&mut self, input: &MinutesInput) -> Result<MinutesView> {
        let names = Names::load(self)?;
        let title = text("title", &input.title, 80, "会议名称", "meeting title")?;
        let held_at = parse_time(&input.held_at)?;
        if !names.units.contains_key(&input.unit_id) {
            return Err(invalid(
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
                Some(p) => Err(invalid(
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
                return Err(invalid(
                    "attendees",
                    format!("参会人员不在人员名单中（{}）。", a.person_id),
                    format!("An attendee is not a known person ({}).", a.person_id),
                ));
            }
            if !seen.insert(a.person_id.clone()) {
                return Err(invalid(
                    "attendees",
                    format!("{name} 在参会名单中出现了两次。"),
                    format!("{name} is listed twice among the attendees."),
                ));
            }
            a.reason = a.reason.trim().to_string();
            if a.role == AttendRole::Absent && a.reason.is_empty() {
                return Err(invalid(
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
                invalid("actions", format!("第{n}项督办事项的完成时限“{}”不是有效日期，请按 2016-12-15 的格式填写。", a.due_on), format!("Action item {n}: the due date \"{}\" is not a date; write it as 2016-12-15.", a.due_on))
            })?;
            if due < day {
                return Err(invalid(
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
                    return Err(invalid(
                        "actions",
                        format!("第{n}项督办事项关联的计划不存在。"),
                        format!("Action item {n} links to a plan that does not exist."),
                    ));
                }
            }
            if owner.is_none() {
                return Err(invalid(
                    "actions",
                    format!("请为第{n}项督办事项指定责任人。"),
                    format!("Choose an owner for action item {n}."),
                ));
            }
            actions.push((a, t, due, owner));
        }
        let at = now();
        let by = operator();
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
                    return Err(invalid("status", "会议纪要已定稿，不能直接修改。如需更正，请先点击“修订”并填写原因。", "The minutes are final and locked. To correct them, choose Revise and give a reason."));
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
                    let item = ActionItem { status: ActionStatus::Cancelled, closed_on: Some(today()), ..old.clone() };
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
            return Err(invalid(
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
        let view = self.minutes_get(id)?;
        let m = &view.meeting;
        if m.status == MeetingStatus::Final {
            return Err(invalid(
                "status",
                "该会议纪要已经定稿。",
                "These minutes are already final.",
            ));
        }
        if m.chair_id.is_none() || m.recorder_id.is_none() {
            return Err(invalid(
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
            return Err(invalid(
                "attendees",
                "定稿前请填写出席人员。",
                "List who attended before finalising.",
            ));
        }
        if view.body.decisions.is_empty() && view.body.agenda.iter().all(|a| a.points.is_empty()) {
            return Err(invalid(
                "decisions",
                "定稿前请至少填写一项讨论要点或决议事项。",
                "Write at least one discussion point or decision before finalising.",
            ));
        }
        let rev = m.rev + 1;
        let at = now();
        let by = operator();
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
                submitted_on: today(),
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
            return Err(invalid(
                "status",
                "只有已定稿的会议纪要需要修订；草稿可以直接修改。",
                "Only final minutes need a revision; a draft can be edited directly.",
            ));
        }
        m.status = MeetingStatus::Draft;
        m.updated_at = now();
        body.revision_note = reason;
        self.store
            .write(|w| w.put_meeting(&m, &body).map_err(AppError::from))?;
        self.minutes_get(id)
    }

    /// The follow-up board: action items by due date, overdue ones first within a day.
    pub fn actions_board(&self, f: &ActionFilter) -> Result<Vec<ActionView>> {
        let today = match &f.today {
            Some(d) => parse_date("today", d)?,
            None => today(),
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
            .map(|a| names.action(a, &today))
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
            return Err(invalid(
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
            return Err(if today() > due_on {
                invalid(
                    "note",
                    "已超过办理时限：请填写办理情况和逾期原因。",
                    "This is past its deadline: report how it was handled and why it is late.",
                )
            } else {
                invalid(
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
            return Err(invalid(
                "note",
                "取消督办事项请说明原因。",
                "Give the reason for cancelling the action item.",
            ));
        }
        if u.status == old.status && due_on == old.due_on && note.is_empty() {
            return Err(invalid(
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
                Some(today())
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
            by: operator(),
            at: now(),
        };
        self.store.write(|w| -> Result<()> {
            w.put_action(&item)?;
            w.log_action(&item.id, &change)?;
            index_action(w, &item)?;
            Ok(())
        })?;
        Ok(Names::load(self)?
            .with_titles_of(self, &[&item])?
            .action(item, &today()))
    }

    pub fn action_history(&self, id: &str) -> Result<Vec<ActionChange>> {
        Ok(self.store.action_log(id)?)
    }

    /// Submissions of a month (all when `None`).
    pub fn submissions(&self, month: Option<&str>) -> Result<Vec<SubmissionView>> {
        let month = month.map(crate::validate_month).transpose()?;
        let names = Names::load(self)?;
        Ok(self
            .store
            .submissions(month.as_deref())?
            .into_iter()
            .map(|s| SubmissionView {
                unit_name: names.unit(Some(&s.unit_id)),
                submission: s,
            })
            .collect())
    }

    /// Registers a briefing, data bulletin or training record (minutes come by 定稿).
    pub fn submission_add(&mut self, input: &SubmissionInput) -> Result<SubmissionView> {
        if input.kind == SubmissionKind::Minutes {
            return Err(invalid(
                "kind",
                "会议纪要在定稿时自动报送，无需另行登记。",
                "Minutes are submitted when they are finalised; they need no separate entry.",
            ));
        }
        let title = text("title", &input.title, 100, "材料名称", "title")?;
        let day = parse_date("submitted_on", &input.submitted_on)?;
        let names = Names::load(self)?;
        if !names.units.contains_key(&input.unit_id) {
            return Err(invalid(
                "unit_id",
                "请选择报送单位。",
                "Choose the submitting unit.",
            ));
        }
        let s = Submission {
            id: new_id(),
            unit_id: names.assessed_unit(&input.unit_id),
            month: day[..7].to_string(),
            kind: input.kind,
            title,
            meeting_id: None,
            submitted_on: day,
            verdict: None,
            verdict_note: String::new(),
            reviewed_by: None,
            reviewed_at: None,
        };
        self.store
            .write(|w| w.put_submission(&s).map_err(AppError::from))?;
        Ok(SubmissionView {
            unit_name: names.unit(Some(&s.unit_id)),
            submission: s,
        })
    }

    /// The reviewer's verdict (or `None` to withdraw it); the unit's compliant count for the
    /// month becomes its `compliant_submissions` figure, logged like any figure.
    pub fn submission_review(
        &mut self,
        id: &str,
        verdict: Option<Verdict>,
        note: &str,
    ) -> Result<SubmissionView> {
        let note = note.trim().to_string();
        if verdict == Some(Verdict::Noncompliant) && note.is_empty() {
            return Err(invalid(
                "note",
                "判定为不合格时请写明原因，以便单位整改。",
                "Say why the material is not compliant, so the unit can put it right.",
            ));
        }
        if self.decides_remotely(DecisionKind::Submission, id)? {
            let s = self
                .store
                .submissions(None)?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| branchdesk_store::Error::NotFound(format!("报送材料 {id}")))?;
            let v = match verdict {
                Some(Verdict::Compliant) => DecisionVerdict::Compliant,
                Some(Verdict::Noncompliant) => DecisionVerdict::Noncompliant,
                None => DecisionVerdict::Withdraw,
            };
            self.decide(DecisionKind::Submission, id, &s.unit_id, v, &note)?;
            let names = Names::load(self)?;
            return Ok(SubmissionView {
                unit_name: names.unit(Some(&s.unit_id)),
                submission: s,
            });
        }
        let by = operator();
        let at = now();
        let s = self.store.write(|w| -> Result<Submission> {
            let mut s = w
                .submission(id)?
                .ok_or_else(|| branchdesk_store::Error::NotFound(format!("报送材料 {id}")))?;
            s.verdict = verdict;
            s.verdict_note = note.clone();
            s.reviewed_by = verdict.map(|_| by.clone());
            s.reviewed_at = verdict.map(|_| at.clone());
            settle_review(w, &s, &by)?;
            Ok(s)
        })?;
        let names = Names::load(self)?;
        Ok(SubmissionView {
            unit_name: names.unit(Some(&s.unit_id)),
            submission: s,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_times() {
        assert_eq!(parse_time("2016-12-05 08:30").unwrap(), "2016-12-05T08:30");
        assert_eq!(
            parse_time("2016-12-05T08:30:00").unwrap(),
            "2016-12-05T08:30"
        );
        assert_eq!(
            parse_time("2016-12-05").unwrap_err().code(),
            "input.invalid"
        );
    }

    #[test]
    fn every_kind_has_a_template() {
        for k in MeetingKind::ALL {
            let t = kind_template(*k).unwrap();
            assert!(!t.agenda.is_empty(), "{k:?}");
        }
    }
}
