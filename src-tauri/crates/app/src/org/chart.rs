//! The organisation on one date: tables (snapshot) and the drawn chart (tree).

use std::collections::{HashMap, HashSet};

use branchdesk_domain::{Person, Position, PositionStatus, Unit};

use super::{
    holds, Holder, NodeKind, NodePerson, OrgNode, OrgSnapshot, OrgTree, OrgView, PersonRow,
    PositionRow, Post, UnitRow,
};
use crate::shared::input::parse_date;
use crate::{App, AppError, Result};

impl App {
    pub(super) fn as_of(&self, as_of: Option<&str>) -> Result<String> {
        as_of.map_or_else(|| Ok(self.ctx.today_str()), |d| parse_date("as_of", d))
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
}
