//! The organisation: the chart as of a date, edits that take effect from a date, their
//! history, the checks that keep the chart a tree, and the seed 004 templates.

use std::collections::{HashMap, HashSet};

use branchdesk_domain::{
    Assignment, AssignmentKind, Lang, Person, Position, PositionAttrs, PositionStatus, Unit,
    UnitAttrs, UnitKind, Version,
};
use branchdesk_store::{OrgTable, Writer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labels::Label;
use crate::{now, today, App, AppError, Result};

// ---- Views ---------------------------------------------------------------------------------

/// The organisation on one date, for the tables.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgSnapshot {
    pub as_of: String,
    pub units: Vec<UnitRow>,
    pub positions: Vec<PositionRow>,
    pub people: Vec<PersonRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitRow {
    #[serde(flatten)]
    pub unit: Unit,
    pub parent_code: Option<String>,
    pub parent_name: Option<String>,
    /// Positions of the unit itself (not of sub-units), planned ones included.
    #[ts(type = "number")]
    pub positions: i64,
    /// People holding a position of the unit itself.
    #[ts(type = "number")]
    pub headcount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PositionRow {
    #[serde(flatten)]
    pub position: Position,
    pub unit_code: String,
    pub unit_name: String,
    pub superior_code: Option<String>,
    pub superior_title: Option<String>,
    pub holders: Vec<Holder>,
}

/// Someone holding a position on the snapshot's date.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Holder {
    pub assignment_id: String,
    pub person_id: String,
    pub person_code: String,
    pub name: String,
    pub kind: AssignmentKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonRow {
    #[serde(flatten)]
    pub person: Person,
    /// Left on or before the snapshot's date.
    pub left: bool,
    /// Every assignment, past ones included, newest first.
    pub posts: Vec<Post>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Post {
    #[serde(flatten)]
    pub assignment: Assignment,
    pub position_code: String,
    pub title: String,
    pub unit_name: String,
    /// Holds on the snapshot's date.
    pub current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrgView {
    /// 单位视图: units, and in each unit its positions by reporting line.
    Units,
    /// 汇报线视图: positions only, by direct superior, across units.
    Reporting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NodeKind {
    Unit,
    Position,
}

/// One box of the drawn chart. Nodes come parents first, children in order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgNode {
    pub id: String,
    pub parent: Option<String>,
    pub kind: NodeKind,
    pub code: String,
    pub title: String,
    pub unit_kind: Option<UnitKind>,
    /// For positions: the unit they belong to.
    pub unit_name: String,
    pub status: Option<PositionStatus>,
    pub people: Vec<NodePerson>,
    /// For units: people in the unit and everything below it (planned positions excluded).
    #[ts(type = "number")]
    pub headcount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NodePerson {
    pub code: String,
    pub name: String,
    pub kind: AssignmentKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgTree {
    pub as_of: String,
    pub view: OrgView,
    pub nodes: Vec<OrgNode>,
}

// ---- Inputs --------------------------------------------------------------------------------

/// A new unit (`id` absent) or a change to one, effective from `effective`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    #[serde(flatten)]
    pub attrs: UnitAttrs,
    pub effective: String,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PositionInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    #[serde(flatten)]
    pub attrs: PositionAttrs,
    pub effective: String,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// Set when the person leaves: their open assignments end that day.
    pub left_on: Option<String>,
}

/// Puts a person in a position from `start_on`. With `end_other`, the person's other primary
/// assignments end the day before (a change of post, 调岗).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AssignInput {
    pub person_id: String,
    pub position_id: String,
    pub kind: AssignmentKind,
    pub start_on: String,
    pub end_on: Option<String>,
    #[serde(default)]
    pub end_other: bool,
}

// ---- History -------------------------------------------------------------------------------

/// One dated version of a unit or position, as the differences to the one before it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgChange {
    pub valid_from: String,
    pub recorded_at: String,
    pub note: String,
    /// The first version: the record was set up.
    pub created: bool,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// In the user's language.
    pub field: String,
    pub old: String,
    pub new: String,
}

// ---- Checks --------------------------------------------------------------------------------

/// Something that makes the organisation on a date not a proper tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OrgIssue {
    /// Units whose parents go round in a circle (ids, in order).
    UnitCycle(Vec<String>),
    /// Positions whose superiors go round in a circle.
    PositionCycle(Vec<String>),
    /// A unit's parent does not exist (yet) on the date, or is closed while the unit is not.
    BadParent {
        unit: String,
        parent: String,
    },
    BadUnit {
        position: String,
        unit: String,
    },
    BadSuperior {
        position: String,
        superior: String,
    },
}

/// Every issue of the organisation made of `units` and `positions` (one date's state).
pub(crate) fn check(units: &[Unit], positions: &[Position]) -> Vec<OrgIssue> {
    let open_units: HashMap<&str, &Unit> = units
        .iter()
        .filter(|u| !u.attrs.closed)
        .map(|u| (u.id.as_str(), u))
        .collect();
    let open_positions: HashMap<&str, &Position> = positions
        .iter()
        .filter(|p| !p.attrs.closed)
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut issues = Vec::new();
    for u in open_units.values() {
        if let Some(parent) = &u.attrs.parent_id {
            if !open_units.contains_key(parent.as_str()) {
                issues.push(OrgIssue::BadParent {
                    unit: u.id.clone(),
                    parent: parent.clone(),
                });
            }
        }
    }
    for p in open_positions.values() {
        if !open_units.contains_key(p.attrs.unit_id.as_str()) {
            issues.push(OrgIssue::BadUnit {
                position: p.id.clone(),
                unit: p.attrs.unit_id.clone(),
            });
        }
        if let Some(sup) = &p.attrs.superior_id {
            if !open_positions.contains_key(sup.as_str()) {
                issues.push(OrgIssue::BadSuperior {
                    position: p.id.clone(),
                    superior: sup.clone(),
                });
            }
        }
    }
    let unit_parents: Vec<(&str, Option<&str>)> = units
        .iter()
        .map(|u| (u.id.as_str(), u.attrs.parent_id.as_deref()))
        .collect();
    issues.extend(cycles(&unit_parents).into_iter().map(OrgIssue::UnitCycle));
    let superiors: Vec<(&str, Option<&str>)> = positions
        .iter()
        .map(|p| (p.id.as_str(), p.attrs.superior_id.as_deref()))
        .collect();
    issues.extend(cycles(&superiors).into_iter().map(OrgIssue::PositionCycle));
    issues.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    issues
}

/// The cycles of a parent map, each once, starting at its smallest id.
pub(crate) fn cycles(nodes: &[(&str, Option<&str>)]) -> Vec<Vec<String>> {
    let parent: HashMap<&str, &str> = nodes
        .iter()
        .filter_map(|(id, p)| p.map(|p| (*id, p)))
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut found = Vec::new();
    for (start, _) in nodes {
        let mut path: Vec<&str> = Vec::new();
        let mut at = *start;
        loop {
            match state.get(at).copied().unwrap_or(0) {
                2 => break,
                1 => {
                    let from = path.iter().position(|n| *n == at).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|s| s.to_string()).collect();
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1.cmp(b.1))
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    found.push(cycle);
                    break;
                }
                _ => {
                    state.insert(at, 1);
                    path.push(at);
                    match parent.get(at) {
                        Some(p) => at = p,
                        None => break,
                    }
                }
            }
        }
        for n in path {
            state.insert(n, 2);
        }
    }
    found
}

impl OrgIssue {
    /// What is wrong, naming records by `name(id)`.
    pub(crate) fn describe(&self, name: &dyn Fn(&str) -> String) -> (String, String) {
        match self {
            OrgIssue::UnitCycle(ids) => {
                let chain = chain(ids, name);
                (
                    format!("上级单位形成循环：{chain}。请改正其中一个单位的上级单位。"),
                    format!("Parent units go round in a circle: {chain}. Change the parent of one of them."),
                )
            }
            OrgIssue::PositionCycle(ids) => {
                let chain = chain(ids, name);
                (
                    format!("汇报关系形成循环：{chain}。请改正其中一个岗位的直属上级。"),
                    format!("Reporting lines go round in a circle: {chain}. Change the superior of one of them."),
                )
            }
            OrgIssue::BadParent { unit, parent } => (
                format!(
                    "单位 {} 的上级单位 {} 在该日期不存在或已撤销。",
                    name(unit),
                    name(parent)
                ),
                format!(
                    "The parent of unit {}, {}, does not exist or is closed on that date.",
                    name(unit),
                    name(parent)
                ),
            ),
            OrgIssue::BadUnit { position, unit } => (
                format!(
                    "岗位 {} 所属单位 {} 在该日期不存在或已撤销。",
                    name(position),
                    name(unit)
                ),
                format!(
                    "The unit of position {}, {}, does not exist or is closed on that date.",
                    name(position),
                    name(unit)
                ),
            ),
            OrgIssue::BadSuperior { position, superior } => (
                format!(
                    "岗位 {} 的直属上级 {} 在该日期不存在或已撤销。",
                    name(position),
                    name(superior)
                ),
                format!(
                    "The superior of position {}, {}, does not exist or is closed on that date.",
                    name(position),
                    name(superior)
                ),
            ),
        }
    }
}

fn chain(ids: &[String], name: &dyn Fn(&str) -> String) -> String {
    let mut parts: Vec<String> = ids.iter().map(|i| name(i)).collect();
    if let Some(first) = parts.first().cloned() {
        parts.push(first);
    }
    parts.join(" → ")
}

/// Checks the organisation on `from` and on every later date it changes; the first date with
/// issues makes the whole write fail (the caller's transaction rolls back).
pub(crate) fn check_from(w: &Writer<'_>, from: &str) -> Result<()> {
    let mut dates = vec![from.to_string()];
    dates.extend(w.org_change_dates(from)?);
    dates.dedup();
    for date in dates {
        let units = w.units(Some(&date))?;
        let positions = w.positions(Some(&date))?;
        let issues = check(&units, &positions);
        if issues.is_empty() {
            continue;
        }
        let names: HashMap<&str, String> = units
            .iter()
            .map(|u| (u.id.as_str(), format!("{}（{}）", u.attrs.name, u.code)))
            .chain(
                positions
                    .iter()
                    .map(|p| (p.id.as_str(), format!("{}（{}）", p.attrs.title, p.code))),
            )
            .collect();
        let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
        let (zh, en): (Vec<String>, Vec<String>) =
            issues.iter().take(5).map(|i| i.describe(&name)).unzip();
        return Err(AppError::invalid(
            "org",
            format!("{date} 起：{}", zh.join("\n")),
            format!("From {date}: {}", en.join("\n")),
        ));
    }
    Ok(())
}

// ---- Use cases -----------------------------------------------------------------------------

/// A `YYYY-MM-DD` date as typed, normalised; `field` names the input for the message.
pub(crate) fn parse_date(field: &'static str, s: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            AppError::invalid(
                field,
                format!("“{s}”不是有效日期，请按 2016-07-01 的格式填写。"),
                format!("\"{s}\" is not a date; write it as 2016-07-01."),
            )
        })
}

fn required(field: &'static str, value: &str, zh: &str, en: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::invalid(
            field,
            format!("{zh}不能为空。"),
            format!("The {en} must not be empty."),
        ));
    }
    if v.chars().count() > 60 {
        return Err(AppError::invalid(
            field,
            format!("{zh}不能超过60个字。"),
            format!("The {en} is longer than 60 characters."),
        ));
    }
    Ok(v.to_string())
}

fn holds(a: &Assignment, left_on: Option<&str>, date: &str) -> bool {
    a.holds_on(date) && left_on.is_none_or(|l| date <= l)
}

impl App {
    fn as_of(&self, as_of: Option<&str>) -> Result<String> {
        as_of.map_or_else(|| Ok(today()), |d| parse_date("as_of", d))
    }

    /// Units, positions and people on `as_of` (today by default), for the tables.
    pub fn org_snapshot(&self, as_of: Option<&str>) -> Result<OrgSnapshot> {
        let date = self.as_of(as_of)?;
        let units = self.store.units(Some(&date))?;
        let positions = self.store.positions(Some(&date))?;
        let people = self.store.people()?;
        let assignments = self.store.assignments()?;
        let unit_by_id: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
        let pos_by_id: HashMap<&str, &Position> =
            positions.iter().map(|p| (p.id.as_str(), p)).collect();
        let person_by_id: HashMap<&str, &Person> =
            people.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut holders: HashMap<&str, Vec<Holder>> = HashMap::new();
        let mut posts: HashMap<&str, Vec<Post>> = HashMap::new();
        // Titles of positions that no longer exist on the date still name past posts.
        let all_positions = self.store.positions(None)?;
        let all_units = self.store.units(None)?;
        let any_pos: HashMap<&str, &Position> =
            all_positions.iter().map(|p| (p.id.as_str(), p)).collect();
        let any_unit: HashMap<&str, &Unit> = all_units.iter().map(|u| (u.id.as_str(), u)).collect();
        for a in &assignments {
            let Some(person) = person_by_id.get(a.person_id.as_str()) else {
                continue;
            };
            let current = holds(a, person.left_on.as_deref(), &date);
            if current && pos_by_id.contains_key(a.position_id.as_str()) {
                holders
                    .entry(a.position_id.as_str())
                    .or_default()
                    .push(Holder {
                        assignment_id: a.id.clone(),
                        person_id: person.id.clone(),
                        person_code: person.code.clone(),
                        name: person.name.clone(),
                        kind: a.kind,
                    });
            }
            let pos = pos_by_id
                .get(a.position_id.as_str())
                .or_else(|| any_pos.get(a.position_id.as_str()));
            let unit_name = pos
                .and_then(|p| {
                    unit_by_id
                        .get(p.attrs.unit_id.as_str())
                        .or_else(|| any_unit.get(p.attrs.unit_id.as_str()))
                })
                .map(|u| u.attrs.name.clone())
                .unwrap_or_default();
            posts.entry(a.person_id.as_str()).or_default().push(Post {
                assignment: a.clone(),
                position_code: pos.map(|p| p.code.clone()).unwrap_or_default(),
                title: pos.map(|p| p.attrs.title.clone()).unwrap_or_default(),
                unit_name,
                current,
            });
        }
        let mut unit_positions: HashMap<&str, i64> = HashMap::new();
        let mut unit_heads: HashMap<&str, i64> = HashMap::new();
        for p in positions.iter().filter(|p| !p.attrs.closed) {
            *unit_positions.entry(p.attrs.unit_id.as_str()).or_default() += 1;
            if p.attrs.status != PositionStatus::Planned {
                *unit_heads.entry(p.attrs.unit_id.as_str()).or_default() +=
                    holders.get(p.id.as_str()).map_or(0, |h| h.len() as i64);
            }
        }
        let unit_rows = units
            .iter()
            .map(|u| {
                let parent = u.attrs.parent_id.as_deref().and_then(|p| unit_by_id.get(p));
                UnitRow {
                    unit: u.clone(),
                    parent_code: parent.map(|p| p.code.clone()),
                    parent_name: parent.map(|p| p.attrs.name.clone()),
                    positions: unit_positions.get(u.id.as_str()).copied().unwrap_or(0),
                    headcount: unit_heads.get(u.id.as_str()).copied().unwrap_or(0),
                }
            })
            .collect();
        let position_rows = positions
            .iter()
            .map(|p| {
                let unit = unit_by_id.get(p.attrs.unit_id.as_str());
                let sup = p
                    .attrs
                    .superior_id
                    .as_deref()
                    .and_then(|s| pos_by_id.get(s));
                PositionRow {
                    position: p.clone(),
                    unit_code: unit.map(|u| u.code.clone()).unwrap_or_default(),
                    unit_name: unit.map(|u| u.attrs.name.clone()).unwrap_or_default(),
                    superior_code: sup.map(|s| s.code.clone()),
                    superior_title: sup.map(|s| s.attrs.title.clone()),
                    holders: holders.remove(p.id.as_str()).unwrap_or_default(),
                }
            })
            .collect();
        let person_rows = people
            .iter()
            .map(|p| {
                let mut posts = posts.remove(p.id.as_str()).unwrap_or_default();
                posts.sort_by(|a, b| b.assignment.start_on.cmp(&a.assignment.start_on));
                PersonRow {
                    person: p.clone(),
                    left: p.left_on.as_deref().is_some_and(|l| l < date.as_str()),
                    posts,
                }
            })
            .collect();
        Ok(OrgSnapshot {
            as_of: date,
            units: unit_rows,
            positions: position_rows,
            people: person_rows,
        })
    }

    /// The chart on `as_of`: closed units and positions left out; below the unit with code
    /// `root` if given.
    pub fn org_tree(
        &self,
        as_of: Option<&str>,
        view: OrgView,
        root: Option<&str>,
    ) -> Result<OrgTree> {
        let date = self.as_of(as_of)?;
        let units: Vec<Unit> = self
            .store
            .units(Some(&date))?
            .into_iter()
            .filter(|u| !u.attrs.closed)
            .collect();
        let positions: Vec<Position> = self
            .store
            .positions(Some(&date))?
            .into_iter()
            .filter(|p| !p.attrs.closed)
            .collect();
        let people = self.store.people()?;
        let left: HashMap<&str, Option<&str>> = people
            .iter()
            .map(|p| (p.id.as_str(), p.left_on.as_deref()))
            .collect();
        let person_by_id: HashMap<&str, &Person> =
            people.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut holders: HashMap<&str, Vec<NodePerson>> = HashMap::new();
        let assignments = self.store.assignments()?;
        for a in &assignments {
            let Some(l) = left.get(a.person_id.as_str()) else {
                continue;
            };
            if holds(a, *l, &date) {
                if let Some(p) = person_by_id.get(a.person_id.as_str()) {
                    holders
                        .entry(a.position_id.as_str())
                        .or_default()
                        .push(NodePerson {
                            code: p.code.clone(),
                            name: p.name.clone(),
                            kind: a.kind,
                        });
                }
            }
        }
        let unit_ids: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
        let unit_name: HashMap<&str, &str> = units
            .iter()
            .map(|u| (u.id.as_str(), u.attrs.name.as_str()))
            .collect();
        // Which units are in scope.
        let mut unit_children: HashMap<&str, Vec<&Unit>> = HashMap::new();
        let mut unit_roots = Vec::new();
        for u in &units {
            match u
                .attrs
                .parent_id
                .as_deref()
                .filter(|p| unit_ids.contains(p))
            {
                Some(p) => unit_children.entry(p).or_default().push(u),
                None => unit_roots.push(u),
            }
        }
        if let Some(code) = root {
            let Some(r) = units.iter().find(|u| u.code == code) else {
                return Err(AppError::invalid(
                    "unit",
                    format!("在 {date} 没有编码为 {code} 的单位。"),
                    format!("There is no unit with code {code} on {date}."),
                ));
            };
            unit_roots = vec![r];
        }
        let mut in_scope: Vec<&Unit> = Vec::new();
        let mut stack: Vec<&Unit> = unit_roots.iter().rev().copied().collect();
        while let Some(u) = stack.pop() {
            in_scope.push(u);
            if let Some(ch) = unit_children.get(u.id.as_str()) {
                stack.extend(ch.iter().rev());
            }
        }
        let scope: HashSet<&str> = in_scope.iter().map(|u| u.id.as_str()).collect();
        let positions: Vec<&Position> = positions
            .iter()
            .filter(|p| scope.contains(p.attrs.unit_id.as_str()))
            .collect();
        let pos_ids: HashMap<&str, &Position> =
            positions.iter().map(|p| (p.id.as_str(), *p)).collect();
        let position_node = |p: &Position, parent: Option<&str>| OrgNode {
            id: p.id.clone(),
            parent: parent.map(str::to_string),
            kind: NodeKind::Position,
            code: p.code.clone(),
            title: p.attrs.title.clone(),
            unit_kind: None,
            unit_name: unit_name
                .get(p.attrs.unit_id.as_str())
                .map(|s| s.to_string())
                .unwrap_or_default(),
            status: Some(p.attrs.status),
            people: holders.get(p.id.as_str()).cloned().unwrap_or_default(),
            headcount: 0,
        };
        let mut nodes = Vec::new();
        match view {
            OrgView::Reporting => {
                let mut children: HashMap<&str, Vec<&Position>> = HashMap::new();
                let mut roots = Vec::new();
                for p in &positions {
                    match p
                        .attrs
                        .superior_id
                        .as_deref()
                        .filter(|s| pos_ids.contains_key(s))
                    {
                        Some(s) => children.entry(s).or_default().push(p),
                        None => roots.push(*p),
                    }
                }
                let mut stack: Vec<(&Position, Option<&str>)> =
                    roots.iter().rev().map(|p| (*p, None)).collect();
                while let Some((p, parent)) = stack.pop() {
                    nodes.push(position_node(p, parent));
                    if let Some(ch) = children.get(p.id.as_str()) {
                        stack.extend(ch.iter().rev().map(|c| (*c, Some(p.id.as_str()))));
                    }
                }
            }
            OrgView::Units => {
                // Within a unit, positions hang under their superior if it is in the same unit,
                // else under the unit.
                let mut children: HashMap<&str, Vec<&Position>> = HashMap::new();
                let mut tops: HashMap<&str, Vec<&Position>> = HashMap::new();
                for p in &positions {
                    match p.attrs.superior_id.as_deref().and_then(|s| pos_ids.get(s)) {
                        Some(s) if s.attrs.unit_id == p.attrs.unit_id => {
                            children.entry(s.id.as_str()).or_default().push(p)
                        }
                        _ => tops.entry(p.attrs.unit_id.as_str()).or_default().push(p),
                    }
                }
                enum Item<'a> {
                    U(&'a Unit, Option<&'a str>),
                    P(&'a Position, &'a str),
                }
                let mut stack: Vec<Item<'_>> =
                    unit_roots.iter().rev().map(|u| Item::U(u, None)).collect();
                while let Some(item) = stack.pop() {
                    match item {
                        Item::U(u, parent) => {
                            nodes.push(OrgNode {
                                id: u.id.clone(),
                                parent: parent.map(str::to_string),
                                kind: NodeKind::Unit,
                                code: u.code.clone(),
                                title: u.attrs.name.clone(),
                                unit_kind: Some(u.attrs.kind),
                                unit_name: String::new(),
                                status: None,
                                people: Vec::new(),
                                headcount: 0,
                            });
                            // Sub-units after the unit's own positions: push them first.
                            if let Some(ch) = unit_children.get(u.id.as_str()) {
                                stack.extend(
                                    ch.iter().rev().map(|c| Item::U(c, Some(u.id.as_str()))),
                                );
                            }
                            if let Some(ps) = tops.get(u.id.as_str()) {
                                stack.extend(ps.iter().rev().map(|p| Item::P(p, u.id.as_str())));
                            }
                        }
                        Item::P(p, parent) => {
                            nodes.push(position_node(p, Some(parent)));
                            if let Some(ch) = children.get(p.id.as_str()) {
                                stack.extend(ch.iter().rev().map(|c| Item::P(c, p.id.as_str())));
                            }
                        }
                    }
                }
                // Headcount per unit node, summed bottom-up (children come after parents).
                let planned: HashSet<&str> = positions
                    .iter()
                    .filter(|p| p.attrs.status == PositionStatus::Planned)
                    .map(|p| p.id.as_str())
                    .collect();
                let index: HashMap<String, usize> = nodes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.id.clone(), i))
                    .collect();
                let mut unit_of: Vec<Option<usize>> = vec![None; nodes.len()];
                for i in 0..nodes.len() {
                    unit_of[i] = match nodes[i].kind {
                        NodeKind::Unit => Some(i),
                        NodeKind::Position => nodes[i]
                            .parent
                            .as_ref()
                            .and_then(|p| index.get(p))
                            .and_then(|&pi| unit_of[pi]),
                    };
                }
                let mut counts = vec![0i64; nodes.len()];
                for (i, n) in nodes.iter().enumerate() {
                    if n.kind == NodeKind::Position && !planned.contains(n.id.as_str()) {
                        if let Some(u) = unit_of[i] {
                            counts[u] += n.people.len() as i64;
                        }
                    }
                }
                for i in (0..nodes.len()).rev() {
                    if nodes[i].kind == NodeKind::Unit {
                        if let Some(&pi) = nodes[i].parent.as_ref().and_then(|p| index.get(p)) {
                            counts[pi] += counts[i];
                        }
                    }
                }
                for (n, c) in nodes.iter_mut().zip(counts) {
                    if n.kind == NodeKind::Unit {
                        n.headcount = c;
                    }
                }
            }
        }
        Ok(OrgTree {
            as_of: date,
            view,
            nodes,
        })
    }

    /// Creates a unit or changes one from `input.effective` on.
    pub fn org_save_unit(&mut self, input: &UnitInput) -> Result<Unit> {
        let from = parse_date("effective", &input.effective)?;
        let code = required("code", &input.code, "编码", "code")?;
        let mut attrs = input.attrs.clone();
        attrs.name = required("name", &attrs.name, "名称", "name")?;
        attrs.industry = attrs.industry.trim().to_string();
        if attrs.kind == UnitKind::Department {
            attrs.control_mode = None;
            attrs.ownership = None;
        }
        let note = input.note.clone().unwrap_or_default();
        let at = now();
        let id = self.dated_write(&from, |w| match &input.id {
            None => Ok(w.add_unit(&code, &attrs, &from, &at)?),
            Some(id) => {
                let found = w.units(None)?.into_iter().find(|u| &u.id == id);
                same_code(found.map(|u| u.code), &code, "unit", id)?;
                w.change_unit(id, &attrs, &from, &at, &note)
                    .map_err(|e| not_yet(e, &from))?;
                Ok(id.clone())
            }
        })?;
        self.store
            .units(Some(&from))?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("unit {id}")).into())
    }

    /// Creates a position or changes one from `input.effective` on.
    pub fn org_save_position(&mut self, input: &PositionInput) -> Result<Position> {
        let from = parse_date("effective", &input.effective)?;
        let code = required("code", &input.code, "编码", "code")?;
        let mut attrs = input.attrs.clone();
        attrs.title = required("title", &attrs.title, "岗位名称", "title")?;
        attrs.description = attrs.description.trim().to_string();
        attrs.duties = attrs
            .duties
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        if input.id.is_some() && attrs.superior_id.as_deref() == input.id.as_deref() {
            return Err(AppError::invalid(
                "superior_id",
                "岗位不能是自己的直属上级。",
                "A position cannot be its own superior.",
            ));
        }
        let note = input.note.clone().unwrap_or_default();
        let at = now();
        let id = self.dated_write(&from, |w| match &input.id {
            None => Ok(w.add_position(&code, &attrs, &from, &at)?),
            Some(id) => {
                let found = w.positions(None)?.into_iter().find(|p| &p.id == id);
                same_code(found.map(|p| p.code), &code, "position", id)?;
                w.change_position(id, &attrs, &from, &at, &note)
                    .map_err(|e| not_yet(e, &from))?;
                Ok(id.clone())
            }
        })?;
        self.store
            .positions(Some(&from))?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("position {id}")).into())
    }

    /// Creates or updates a person. Setting `left_on` ends their open assignments that day;
    /// the person and their history stay.
    pub fn org_save_person(&mut self, input: &PersonInput) -> Result<Person> {
        let code = required("code", &input.code, "工号", "staff number")?;
        let name = required("name", &input.name, "姓名", "name")?;
        let left_on = input
            .left_on
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|d| parse_date("left_on", d))
            .transpose()?;
        let phone = input.phone.trim().to_string();
        let id = self.store.write(|w| -> Result<String> {
            let id = match &input.id {
                None => w.add_person(&code, &name, &phone, left_on.as_deref())?,
                Some(id) => {
                    let found = w.people()?.into_iter().find(|p| &p.id == id);
                    same_code(found.map(|p| p.code), &code, "person", id)?;
                    w.update_person(&Person {
                        id: id.clone(),
                        code: code.clone(),
                        name: name.clone(),
                        phone: phone.clone(),
                        left_on: left_on.clone(),
                    })?;
                    id.clone()
                }
            };
            if let Some(l) = &left_on {
                for a in w.assignments()?.iter().filter(|a| a.person_id == id) {
                    if a.end_on.as_deref().is_none_or(|e| e > l.as_str())
                        && a.start_on.as_str() <= l.as_str()
                    {
                        w.end_assignment(&a.id, Some(l))?;
                    }
                }
            }
            Ok(id)
        })?;
        self.store
            .people()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("person {id}")).into())
    }

    /// Puts a person in a position (任职, 代理 or 兼职).
    pub fn org_assign(&mut self, input: &AssignInput) -> Result<Assignment> {
        let start = parse_date("start_on", &input.start_on)?;
        let end = input
            .end_on
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|d| parse_date("end_on", d))
            .transpose()?;
        if end.as_deref().is_some_and(|e| e < start.as_str()) {
            return Err(AppError::invalid(
                "end_on",
                "结束日期早于开始日期。",
                "The end date is before the start date.",
            ));
        }
        let id = self.store.write(|w| -> Result<String> {
            let people = w.people()?;
            let Some(person) = people.iter().find(|p| p.id == input.person_id) else {
                return Err(AppError::invalid(
                    "person_id",
                    "请选择人员。",
                    "Choose a person.",
                ));
            };
            if person
                .left_on
                .as_deref()
                .is_some_and(|l| l < start.as_str())
            {
                return Err(AppError::invalid(
                    "start_on",
                    format!(
                        "{} 已于 {} 离职，不能再任职。",
                        person.name,
                        person.left_on.clone().unwrap_or_default()
                    ),
                    format!(
                        "{} left on {}; they cannot take a post after that.",
                        person.name,
                        person.left_on.clone().unwrap_or_default()
                    ),
                ));
            }
            let positions = w.positions(Some(&start))?;
            let Some(pos) = positions
                .iter()
                .find(|p| p.id == input.position_id && !p.attrs.closed)
            else {
                return Err(AppError::invalid(
                    "position_id",
                    format!("所选岗位在 {start} 不存在或已撤销。"),
                    format!("The chosen position does not exist or is closed on {start}."),
                ));
            };
            let existing = w.assignments()?;
            if existing
                .iter()
                .any(|a| a.person_id == person.id && a.position_id == pos.id && a.holds_on(&start))
            {
                return Err(AppError::invalid(
                    "position_id",
                    format!("{} 在 {start} 已在该岗位任职。", person.name),
                    format!("{} already holds that position on {start}.", person.name),
                ));
            }
            if input.end_other && input.kind == AssignmentKind::Primary {
                let day_before = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.pred_opt())
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| start.clone());
                for a in existing.iter().filter(|a| {
                    a.person_id == person.id
                        && a.kind == AssignmentKind::Primary
                        && a.start_on < start
                        && a.end_on.as_deref().is_none_or(|e| e >= start.as_str())
                }) {
                    w.end_assignment(&a.id, Some(&day_before))?;
                }
            }
            Ok(w.add_assignment(&person.id, &pos.id, input.kind, &start, end.as_deref())?)
        })?;
        self.store
            .assignments()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("assignment {id}")).into())
    }

    /// Ends an assignment on `end_on` (its last day).
    pub fn org_end_assignment(&mut self, id: &str, end_on: &str) -> Result<()> {
        let end = parse_date("end_on", end_on)?;
        self.store.write(|w| -> Result<()> {
            let Some(a) = w.assignments()?.into_iter().find(|a| a.id == id) else {
                return Err(branchdesk_store::Error::NotFound(format!("assignment {id}")).into());
            };
            if end < a.start_on {
                return Err(AppError::invalid(
                    "end_on",
                    "结束日期早于开始日期。",
                    "The end date is before the start date.",
                ));
            }
            w.end_assignment(id, Some(&end))?;
            Ok(())
        })
    }

    /// Every dated version of a unit or position (by id), oldest first, as differences.
    pub fn org_history(&self, id: &str) -> Result<Vec<OrgChange>> {
        let lang = self.lang;
        let all_units = self.store.units(None)?;
        let all_positions = self.store.positions(None)?;
        let names: HashMap<&str, String> = all_units
            .iter()
            .map(|u| (u.id.as_str(), format!("{}（{}）", u.attrs.name, u.code)))
            .chain(
                all_positions
                    .iter()
                    .map(|p| (p.id.as_str(), format!("{}（{}）", p.attrs.title, p.code))),
            )
            .collect();
        let name = |id: &Option<String>| {
            id.as_deref()
                .map(|i| names.get(i).cloned().unwrap_or_else(|| i.to_string()))
                .unwrap_or_else(|| "—".into())
        };
        if all_units.iter().any(|u| u.id == id) {
            let versions = self.store.unit_versions(id)?;
            Ok(diff_versions(&versions, |a, b| {
                unit_diff(a, b, lang, &name)
            }))
        } else if all_positions.iter().any(|p| p.id == id) {
            let versions = self.store.position_versions(id)?;
            Ok(diff_versions(&versions, |a, b| {
                position_diff(a, b, lang, &name)
            }))
        } else {
            Err(branchdesk_store::Error::NotFound(format!("unit or position {id}")).into())
        }
    }
}

impl App {
    /// Undoes what changed on `valid_from` for a unit or position: a new version on that date
    /// brings back the state of the version before it (kept in the history like any change).
    /// The version that set the record up cannot be undone; close the record instead.
    pub fn org_revert(&mut self, id: &str, valid_from: &str) -> Result<()> {
        let date = parse_date("valid_from", valid_from)?;
        let at = now();
        let note = format!("撤回 {date} 的变更");
        if self.store.units(None)?.iter().any(|u| u.id == id) {
            let prev = version_before(self.store.unit_versions(id)?, &date, id)?;
            self.dated_write(&date, |w| Ok(w.change_unit(id, &prev, &date, &at, &note)?))?;
        } else {
            let prev = version_before(self.store.position_versions(id)?, &date, id)?;
            self.dated_write(&date, |w| {
                Ok(w.change_position(id, &prev, &date, &at, &note)?)
            })?;
        }
        Ok(())
    }

    /// One dated change of the organisation: `f` writes, then the organisation is checked on
    /// `from` and every later change date and today's state refreshed, in one transaction.
    fn dated_write<T>(
        &mut self,
        from: &str,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.store.write(|w| {
            let out = f(w)?;
            check_from(w, from)?;
            w.refresh_org(&today())?;
            Ok(out)
        })
    }
}

/// The state in force before `date` (the latest version of an earlier date).
fn version_before<A>(versions: Vec<Version<A>>, date: &str, id: &str) -> Result<A> {
    if versions.is_empty() {
        return Err(branchdesk_store::Error::NotFound(format!("unit or position {id}")).into());
    }
    versions
        .into_iter()
        .rev()
        .find(|v| v.valid_from.as_str() < date)
        .map(|v| v.attrs)
        .ok_or_else(|| {
            AppError::invalid(
                "valid_from",
                "这是设立时的记录，不能撤回；如不再需要，请将其设为“撤销”。",
                "This is the version that set the record up and cannot be undone; close the record instead.",
            )
        })
}

/// The record being edited exists and keeps its code.
fn same_code(found: Option<String>, code: &str, what: &str, id: &str) -> Result<()> {
    match found {
        None => Err(branchdesk_store::Error::NotFound(format!("{what} {id}")).into()),
        Some(c) if c != code => Err(code_fixed(&c)),
        Some(_) => Ok(()),
    }
}

fn code_fixed(code: &str) -> AppError {
    AppError::invalid(
        "code",
        format!("编码 {code} 不可修改；如需新编码，请新建后撤销旧记录。"),
        format!("The code {code} cannot change; create a new record and close the old one."),
    )
}

fn not_yet(e: branchdesk_store::Error, from: &str) -> AppError {
    match e {
        branchdesk_store::Error::NotFound(_) => AppError::invalid(
            "effective",
            format!("该记录在 {from} 尚未设立，生效日期不能早于设立日期。"),
            format!("The record did not exist yet on {from}; the change cannot take effect before it was set up."),
        ),
        e => e.into(),
    }
}

fn diff_versions<A>(
    versions: &[Version<A>],
    diff: impl Fn(&A, &A) -> Vec<FieldChange>,
) -> Vec<OrgChange> {
    let mut out = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let (created, changes) = match i.checked_sub(1).map(|j| &versions[j]) {
            None => (true, Vec::new()),
            Some(prev) => (false, diff(&prev.attrs, &v.attrs)),
        };
        if created || !changes.is_empty() {
            out.push(OrgChange {
                valid_from: v.valid_from.clone(),
                recorded_at: v.recorded_at.clone(),
                note: v.note.clone(),
                created,
                changes,
            });
        }
    }
    out
}

fn field(out: &mut Vec<FieldChange>, lang: Lang, zh: &str, en: &str, old: String, new: String) {
    if old != new {
        out.push(FieldChange {
            field: if lang == Lang::Zh { zh } else { en }.to_string(),
            old,
            new,
        });
    }
}

fn opt_label<T: Label>(v: Option<T>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.label(lang).to_string())
}

fn unit_diff(
    a: &UnitAttrs,
    b: &UnitAttrs,
    lang: Lang,
    name: &dyn Fn(&Option<String>) -> String,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        lang,
        "名称",
        "Name",
        a.name.clone(),
        b.name.clone(),
    );
    field(
        &mut out,
        lang,
        "类型",
        "Type",
        a.kind.label(lang).into(),
        b.kind.label(lang).into(),
    );
    field(
        &mut out,
        lang,
        "上级单位",
        "Parent unit",
        name(&a.parent_id),
        name(&b.parent_id),
    );
    field(
        &mut out,
        lang,
        "管控模式",
        "Control mode",
        opt_label(a.control_mode, lang),
        opt_label(b.control_mode, lang),
    );
    field(
        &mut out,
        lang,
        "股权",
        "Ownership",
        opt_label(a.ownership, lang),
        opt_label(b.ownership, lang),
    );
    field(
        &mut out,
        lang,
        "行业",
        "Industry",
        a.industry.clone(),
        b.industry.clone(),
    );
    field(
        &mut out,
        lang,
        "经济责任制考核",
        "Econ. assessment",
        a.econ_assessed.label(lang).into(),
        b.econ_assessed.label(lang).into(),
    );
    field(
        &mut out,
        lang,
        "排序",
        "Order",
        a.sort.to_string(),
        b.sort.to_string(),
    );
    field(
        &mut out,
        lang,
        "已撤销",
        "Closed",
        a.closed.label(lang).into(),
        b.closed.label(lang).into(),
    );
    out
}

fn position_diff(
    a: &PositionAttrs,
    b: &PositionAttrs,
    lang: Lang,
    name: &dyn Fn(&Option<String>) -> String,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        lang,
        "岗位名称",
        "Title",
        a.title.clone(),
        b.title.clone(),
    );
    field(
        &mut out,
        lang,
        "所属单位",
        "Unit",
        name(&Some(a.unit_id.clone())),
        name(&Some(b.unit_id.clone())),
    );
    field(
        &mut out,
        lang,
        "直属上级",
        "Superior",
        name(&a.superior_id),
        name(&b.superior_id),
    );
    field(
        &mut out,
        lang,
        "职责描述",
        "Role description",
        a.description.clone(),
        b.description.clone(),
    );
    field(
        &mut out,
        lang,
        "主要职责",
        "Main duties",
        a.duties.join("；"),
        b.duties.join("；"),
    );
    field(
        &mut out,
        lang,
        "状态",
        "Status",
        a.status.label(lang).into(),
        b.status.label(lang).into(),
    );
    field(
        &mut out,
        lang,
        "排序",
        "Order",
        a.sort.to_string(),
        b.sort.to_string(),
    );
    field(
        &mut out,
        lang,
        "已撤销",
        "Closed",
        a.closed.label(lang).into(),
        b.closed.label(lang).into(),
    );
    out
}

// ---- Templates -----------------------------------------------------------------------------

const TEMPLATES: &[&str] = &[
    include_str!("../../../../assets/templates/org/operations.toml"),
    include_str!("../../../../assets/templates/org/planning.toml"),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    id: String,
    name: String,
    description: String,
    source: String,
    position: Vec<TemplatePosition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatePosition {
    key: String,
    title: String,
    superior: Option<String>,
    description: String,
    duties: Vec<String>,
    #[serde(default)]
    status: PositionStatus,
}

/// A ready-made set of positions (e.g. seed 004's operations department).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgTemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub source: String,
    /// Titles, as "title ← superior title" lines in order.
    pub positions: Vec<TemplateLine>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplateLine {
    pub title: String,
    pub superior: Option<String>,
}

/// Applies a template to a unit: its positions are created there from `effective`; the top
/// ones report to `superior_id` (a position elsewhere) if given.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInput {
    pub template: String,
    pub unit_id: String,
    pub superior_id: Option<String>,
    pub effective: String,
}

fn templates() -> Result<Vec<TemplateFile>> {
    TEMPLATES
        .iter()
        .map(|t| {
            toml::from_str::<TemplateFile>(t)
                .map_err(|e| AppError::Demo(format!("org template: {e}")))
        })
        .collect()
}

impl App {
    pub fn org_templates(&self) -> Result<Vec<OrgTemplateInfo>> {
        Ok(templates()?
            .into_iter()
            .map(|t| {
                let title = |k: &str| {
                    t.position
                        .iter()
                        .find(|p| p.key == k)
                        .map(|p| p.title.clone())
                };
                OrgTemplateInfo {
                    positions: t
                        .position
                        .iter()
                        .map(|p| TemplateLine {
                            title: p.title.clone(),
                            superior: p.superior.as_deref().and_then(title),
                        })
                        .collect(),
                    id: t.id,
                    name: t.name,
                    description: t.description,
                    source: t.source,
                }
            })
            .collect())
    }

    /// Creates the template's positions in a unit; returns their codes.
    pub fn org_apply_template(&mut self, input: &TemplateInput) -> Result<Vec<String>> {
        let from = parse_date("effective", &input.effective)?;
        let Some(t) = templates()?.into_iter().find(|t| t.id == input.template) else {
            return Err(AppError::invalid(
                "template",
                "没有这个模板。",
                "No such template.",
            ));
        };
        let at = now();
        let codes = self.dated_write(&from, |w| -> Result<Vec<String>> {
            let Some(unit) = w
                .units(Some(&from))?
                .into_iter()
                .find(|u| u.id == input.unit_id && !u.attrs.closed)
            else {
                return Err(AppError::invalid(
                    "unit_id",
                    format!("所选单位在 {from} 不存在或已撤销。"),
                    format!("The chosen unit does not exist or is closed on {from}."),
                ));
            };
            let mut ids: HashMap<&str, String> = HashMap::new();
            let mut codes = Vec::new();
            for (i, p) in t.position.iter().enumerate() {
                let mut code = format!("{}-{}", unit.code, p.key);
                let mut n = 2;
                while w.id_by_code(OrgTable::Position, &code)?.is_some() {
                    code = format!("{}-{}-{n}", unit.code, p.key);
                    n += 1;
                }
                let superior_id = match &p.superior {
                    Some(k) => Some(ids.get(k.as_str()).cloned().ok_or_else(|| {
                        AppError::Demo(format!("template {}: unknown superior {k}", t.id))
                    })?),
                    None => input.superior_id.clone(),
                };
                let attrs = PositionAttrs {
                    unit_id: unit.id.clone(),
                    title: p.title.clone(),
                    superior_id,
                    description: p.description.clone(),
                    duties: p.duties.clone(),
                    status: p.status,
                    sort: i as i64,
                    closed: false,
                };
                let id = w.add_position(&code, &attrs, &from, &at)?;
                ids.insert(p.key.as_str(), id);
                codes.push(code);
            }
            Ok(codes)
        })?;
        Ok(codes)
    }

    /// The id of a unit by code, for the CLI.
    pub fn unit_id(&self, code: &str) -> Result<Option<String>> {
        Ok(self.store.unit_id_by_code(code)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found_once_each() {
        let nodes = [
            ("a", Some("b")),
            ("b", Some("c")),
            ("c", Some("a")),
            ("d", Some("a")),
            ("e", None),
            ("f", Some("f")),
        ];
        let found = cycles(&nodes);
        assert_eq!(
            found,
            vec![
                vec!["a".to_string(), "b".into(), "c".into()],
                vec!["f".to_string()]
            ]
        );
        assert!(cycles(&[("x", Some("y")), ("y", None)]).is_empty());
    }

    #[test]
    fn templates_parse_and_keep_seed_004_order() {
        let t = templates().unwrap();
        let ops = t.iter().find(|t| t.id == "operations").unwrap();
        let titles: Vec<&str> = ops.position.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            ["总经理", "运营总监", "运营主管", "文案", "美工设计"]
        );
        assert_eq!(
            ops.position[1].superior.as_deref(),
            Some(ops.position[0].key.as_str())
        );
    }
}
