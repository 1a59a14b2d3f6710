//! What makes the organisation on a date not a proper tree, and the check every dated write
//! runs on its date and every later change date.

use std::collections::HashMap;

use branchdesk_domain::{Position, Unit};
use branchdesk_store::Writer;

use crate::{AppError, Result};

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

pub(super) fn chain(ids: &[String], name: &dyn Fn(&str) -> String) -> String {
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
}
