//! The demo data set (assets/demo/demo.toml): a city branch with its sub-branches, their
//! organisation, a year of KPI figures, meetings, plans and documents, written through the
//! features' own use cases at their 2016 dates.
//!
//! Files: `work` (meetings, plans, documents), `figures` (the scheme and generated figures),
//! `hq` (the headquarters demo: four cities brought in by their bundles).

mod figures;
mod hq;
mod work;

use std::collections::HashMap;

use branchdesk_domain::{
    ActionStatus, AgendaItem, AssignmentKind, ControlMode, DocCategory, MeetingKind, Milestone,
    Ownership, PlanLevel, PlanStatus, PositionAttrs, PositionStatus, UnitAttrs, UnitKind,
};
use branchdesk_store::Writer;
use chrono::NaiveDateTime;
use figures::{demo_scheme, write_kpi_figures};
use serde::Deserialize;

use crate::{AppError, Result};

pub(super) const DEMO_TOML: &str = include_str!("../../../../../../assets/demo/demo.toml");
pub(super) const MMS_TEMPLATE: &str =
    include_str!("../../../../../../assets/schemes/mms-2016.toml");

/// The per-capita targets the seed 001 document left to HQ, as the demo's HQ set them.
pub(super) const DEMO_TARGETS: [(&str, i64); 3] = [
    ("quotes_per_user", 20),
    ("conversions_per_user", 6),
    ("premium_per_user", 15000),
];

/// First month of demo KPI figures: seed 001's assessment window is 2016-06 to 2016-12.
pub(super) const KPI_MONTHS: [&str; 7] = [
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
    /// Which city of the headquarters demo this is (0: the demo's own, 淄博), and the code
    /// its unit codes start with instead of "ZB".
    #[serde(skip)]
    city: u64,
    #[serde(skip)]
    prefix: Option<String>,
}

/// Lists a year of documents is generated from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoDocs {
    /// `[sender, their number prefix]`
    pub(super) senders: Vec<[String; 2]>,
    pub(super) incoming: Vec<String>,
    pub(super) company: Vec<String>,
    pub(super) business: Vec<String>,
}

/// The demo organisation exists from this date; reorganisations come later.
pub(super) const ORG_FROM: &str = "2015-01-01";
pub(super) const RECORDED_AT: &str = "2015-01-01T00:00:00Z";

/// A dated reorganisation of a demo unit (only the fields given change).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnitChange {
    pub(super) unit: String,
    pub(super) from: String,
    pub(super) name: Option<String>,
    pub(super) parent: Option<String>,
    pub(super) note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DemoSite {
    pub name: String,
    pub group_name: String,
    #[allow(dead_code)] // the role is chosen by `init --role`; the file documents the default
    pub role: String,
    pub current_period: String,
    /// The day the demo's data is "today": overdue counts, defaults and deadlines agree with
    /// its 2016 records (a site clock, see [`crate::Ctx::with_today`]).
    pub today: chrono::NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoUnit {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) kind: UnitKind,
    pub(super) parent: Option<String>,
    pub(super) control_mode: Option<ControlMode>,
    pub(super) ownership: Option<Ownership>,
    pub(super) industry: Option<String>,
    #[serde(default)]
    pub(super) econ_assessed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoPosition {
    pub(super) code: String,
    pub(super) unit: String,
    pub(super) title: String,
    pub(super) superior: Option<String>,
    pub(super) description: String,
    pub(super) duties: Vec<String>,
    #[serde(default)]
    pub(super) status: PositionStatus,
    /// `[code, name]` or `[code, name, left_on]`.
    #[serde(default)]
    pub(super) people: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BranchPosition {
    pub(super) suffix: String,
    pub(super) title: String,
    /// A city-branch position code, or the suffix of another branch position.
    pub(super) superior: String,
    pub(super) description: String,
    pub(super) duties: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoBranch {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) people: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoMeeting {
    pub(super) unit: String,
    pub(super) kind: MeetingKind,
    pub(super) series: String,
    pub(super) title: String,
    pub(super) held_at: String,
    pub(super) place: String,
    pub(super) chair: String,
    pub(super) recorder: String,
    #[serde(rename = "final")]
    pub(super) final_: bool,
    pub(super) present: Vec<String>,
    #[serde(default)]
    pub(super) observers: Vec<String>,
    /// `[person, reason]`
    #[serde(default)]
    pub(super) absent: Vec<[String; 2]>,
    pub(super) agenda: Vec<AgendaItem>,
    pub(super) decisions: Vec<String>,
    pub(super) actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoAction {
    pub(super) title: String,
    pub(super) owner: String,
    pub(super) due: String,
    pub(super) status: ActionStatus,
}

/// A series of weekly meetings generated from lists.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoWeekly {
    pub(super) unit: String,
    pub(super) series: String,
    pub(super) place: String,
    pub(super) chair: String,
    pub(super) recorder: String,
    pub(super) present: Vec<String>,
    pub(super) observers: Vec<String>,
    pub(super) first: String,
    pub(super) weeks: u32,
    pub(super) points: Vec<String>,
    pub(super) decisions: Vec<String>,
    pub(super) actions: Vec<WeeklyAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WeeklyAction {
    pub(super) title: String,
    pub(super) owner: String,
    pub(super) days: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoPlan {
    pub(super) key: String,
    pub(super) parent: Option<String>,
    pub(super) unit: String,
    pub(super) level: PlanLevel,
    pub(super) period: String,
    pub(super) title: String,
    pub(super) owner: String,
    pub(super) status: PlanStatus,
    pub(super) weight: String,
    pub(super) target: Option<String>,
    #[serde(default)]
    pub(super) target_unit: String,
    pub(super) metric: Option<String>,
    pub(super) actual: Option<String>,
    #[serde(default)]
    pub(super) progress: String,
    #[serde(default)]
    pub(super) outcome: String,
    #[serde(default)]
    pub(super) milestones: Vec<Milestone>,
}

/// The demo's reviewer of submissions and HQ's approver.
pub(super) const REVIEWER: &str = "黄蕾";
pub(super) const HQ_APPROVER: &str = "集团运营管理一部";

pub(super) fn time(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&format!("{s}T17:00"), "%Y-%m-%dT%H:%M"))
        .map_err(|e| AppError::Demo(format!("bad time {s}: {e}")))
}

/// Looks a code up, or says which code the demo file got wrong.
pub(super) fn get<'m>(map: &'m HashMap<String, String>, what: &str, code: &str) -> Result<&'m str> {
    map.get(code)
        .map(String::as_str)
        .ok_or_else(|| AppError::Demo(format!("unknown {what} {code}")))
}

impl DemoData {
    pub(crate) fn load() -> Result<DemoData> {
        toml::from_str(DEMO_TOML).map_err(|e| AppError::Demo(e.to_string()))
    }

    /// The demo's code for a code written for 淄博 ("ZB-OFF" → "WF-OFF" in 潍坊's copy).
    pub(super) fn code(&self, zb: &str) -> String {
        match &self.prefix {
            Some(p) => zb.replacen("ZB", p, 1),
            None => zb.to_string(),
        }
    }

    /// Writes the whole data set; the caller's transaction makes it all or nothing.
    pub(crate) fn write(&self, w: &Writer<'_>, today: &str) -> Result<()> {
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
                ..UnitAttrs::default()
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
                ..PositionAttrs::default()
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
        let city = get(&units, "unit", &self.code("ZB"))?.to_string();
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
                ..UnitAttrs::default()
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
                    ..PositionAttrs::default()
                };
                let id = w.add_position(&code, &attrs, ORG_FROM, RECORDED_AT)?;
                if let Some(name) = branch.people.get(i) {
                    let person_code = format!("{}-{:02}", branch.code, i + 1);
                    let pid = w.add_person(&person_code, name, "", None)?;
                    w.add_assignment(&pid, &id, AssignmentKind::Primary, ORG_FROM, None)?;
                }
                local.insert(tp.suffix.clone(), id);
            }
            write_kpi_figures(w, &unit_id, b as u64 + 100 * self.city)?;
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
        w.refresh_org(today)?;
        for (i, c) in self.doc_category.iter().enumerate() {
            w.put_doc_category(c, i as i64)?;
        }
        let (id, name, source) = demo_scheme()?;
        w.add_scheme(&id, &name, &source, "2016-06-01T00:00:00Z")?;
        Ok(())
    }

    /// The name of a demo person by code (for the audit trail).
    pub(super) fn people_name(&self, code: &str) -> String {
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

    pub(super) fn people_name_by_id(
        &self,
        people: &[branchdesk_domain::Person],
        id: Option<&str>,
    ) -> String {
        people
            .iter()
            .find(|p| Some(p.id.as_str()) == id)
            .map_or_else(String::new, |p| p.name.clone())
    }
}

pub(super) fn next_month(m: &str) -> String {
    m.parse::<branchdesk_domain::Period>()
        .ok()
        .and_then(|p| p.next_month())
        .map_or_else(|| m.to_string(), |p| p.to_string())
}
