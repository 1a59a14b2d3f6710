//! The demo data set (`assets/demo/demo.toml`, embedded in the binary) and its loader.

use std::collections::HashMap;

use branchdesk_domain::{
    AssignmentKind, ControlMode, Ownership, PositionAttrs, PositionStatus, UnitAttrs, UnitKind,
};
use branchdesk_store::{NewActionItem, NewMeeting, Writer};
use serde::Deserialize;

use crate::{AppError, Result};

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
    unit_change: Vec<UnitChange>,
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
    kind: String,
    series: String,
    title: String,
    held_at: String,
    place: String,
    chair: String,
    recorder: String,
    #[serde(rename = "final")]
    final_: bool,
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAction {
    title: String,
    owner: String,
    due: String,
    status: String,
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
        let (id, name, source) = demo_scheme()?;
        w.add_scheme(&id, &name, &source, "2016-06-01T00:00:00Z")?;
        for m in &self.meeting {
            let mid = w.insert_meeting(&NewMeeting {
                unit_id: get(&units, "unit", &m.unit)?,
                kind: &m.kind,
                series: Some(&m.series),
                title: &m.title,
                held_at: &m.held_at,
                place: &m.place,
                chair_id: Some(get(&people, "person", &m.chair)?),
                recorder_id: Some(get(&people, "person", &m.recorder)?),
                final_: m.final_,
            })?;
            for a in &m.actions {
                w.insert_action_item(&NewActionItem {
                    meeting_id: Some(&mid),
                    title: &a.title,
                    owner_id: Some(get(&people, "person", &a.owner)?),
                    due_on: &a.due,
                    status: &a.status,
                })?;
            }
        }
        Ok(())
    }
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
