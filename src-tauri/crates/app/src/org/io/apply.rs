//! The import: references, duplicates and cycles checked with sheet, row and column, then
//! parents written first, all in one transaction.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use branchdesk_domain::{AssignmentKind, PositionAttrs, UnitAttrs, UnitKind};
use branchdesk_store::Writer;
use serde::Serialize;
use ts_rs::TS;

use super::parse::*;
use super::read::*;
use super::sheets::*;
use crate::org::check::{check_from, cycles};
use crate::shared::input::parse_date;
use crate::shared::problems::FileProblem;
use crate::{App, AppError, Result};

/// What an import did, per entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Tally {
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrgImportReport {
    /// The date the changes take effect.
    pub effective: String,
    pub units: Tally,
    pub positions: Tally,
    pub people: Tally,
    pub assignments: Tally,
}

impl OrgImportReport {
    pub fn changed_anything(&self) -> bool {
        [
            &self.units,
            &self.positions,
            &self.people,
            &self.assignments,
        ]
        .iter()
        .any(|t| t.added > 0 || t.changed > 0)
    }
}

/// Order of `items` such that each comes after the one it points at (by code) when that one is
/// in the list too. Cycles were reported before this is called.
pub(super) fn parents_first<T>(
    items: &[T],
    code: impl Fn(&T) -> &str,
    parent: impl Fn(&T) -> Option<&str>,
) -> Vec<usize> {
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (code(t), i))
        .collect();
    let mut depth: Vec<Option<usize>> = vec![None; items.len()];
    for start in 0..items.len() {
        let mut path = Vec::new();
        let mut at = start;
        let base = loop {
            if let Some(d) = depth[at] {
                break d + 1;
            }
            if path.contains(&at) || path.len() > items.len() {
                break 0;
            }
            path.push(at);
            match parent(&items[at]).and_then(|p| index.get(p)) {
                Some(&next) => at = next,
                None => break 0,
            }
        };
        for (k, &n) in path.iter().rev().enumerate() {
            depth[n] = Some(base + k);
        }
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (depth[i].unwrap_or(0), i));
    order
}

impl App {
    /// Imports the organisation from files (one .xlsx with the four sheets, or .csv files with
    /// one entity each). Changes to existing units and positions take effect on `effective`
    /// (today by default). All or nothing.
    pub fn org_import_files(
        &mut self,
        files: &[PathBuf],
        effective: Option<&str>,
    ) -> Result<OrgImportReport> {
        let mut loaded = Vec::new();
        for f in files {
            let bytes = crate::shared::files::read_input(f, crate::shared::files::MAX_SHEET_FILE)?;
            let name = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            loaded.push((name, bytes));
        }
        self.org_import(&loaded, effective)
    }

    /// The same from file contents (the window sends the bytes of the picked files).
    pub fn org_import(
        &mut self,
        files: &[(String, Vec<u8>)],
        effective: Option<&str>,
    ) -> Result<OrgImportReport> {
        let effective = match effective {
            Some(d) => parse_date("effective", d)?,
            None => self.ctx.today_str(),
        };
        let mut p = Problems(Vec::new());
        let mut tables = Vec::new();
        for (name, bytes) in files {
            let ext = name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "xlsx" | "xlsm" | "xls" | "ods" => tables.extend(read_workbook(bytes, &mut p)?),
                _ => tables.push(read_csv(name, bytes, &mut p)?),
            }
        }
        if tables.is_empty() {
            return Err(AppError::OrgFile(vec![FileProblem {
                sheet: None,
                row: None,
                col: None,
                zh: "文件中没有单位、岗位、人员或任职工作表。请使用导入模板。".into(),
                en: "The file has no units, positions, people or assignments sheet. Use the template.".into(),
            }]));
        }
        let parsed = parse(&tables, &mut p);
        let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let note = format!(
            "导入 {}",
            files
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join("、")
        );
        self.store.write(|w| -> Result<OrgImportReport> {
            let report = apply(w, &parsed, &effective, &at, &note, &mut p)?;
            if !p.0.is_empty() {
                return Err(AppError::OrgFile(std::mem::take(&mut p.0)));
            }
            check_from(w, &effective)?;
            w.refresh_org(&self.ctx.today_str())?;
            Ok(report)
        })
    }
}

/// Checks references, duplicates and cycles, then writes. Problems found before writing stop
/// the import before anything is written; the caller's transaction undoes the rest.
pub(super) fn apply(
    w: &Writer<'_>,
    f: &Parsed,
    effective: &str,
    at: &str,
    note: &str,
    p: &mut Problems,
) -> Result<OrgImportReport> {
    let db_units = w.units(None)?;
    let db_positions = w.positions(None)?;
    let db_people = w.people()?;
    let asof_units: HashMap<String, UnitAttrs> = w
        .units(Some(effective))?
        .into_iter()
        .map(|u| (u.id, u.attrs))
        .collect();
    let asof_positions: HashMap<String, PositionAttrs> = w
        .positions(Some(effective))?
        .into_iter()
        .map(|x| (x.id, x.attrs))
        .collect();
    let unit_code_to_id: HashMap<String, String> = db_units
        .iter()
        .map(|u| (u.code.clone(), u.id.clone()))
        .collect();
    let unit_id_to_code: HashMap<&str, &str> = db_units
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let pos_code_to_id: HashMap<String, String> = db_positions
        .iter()
        .map(|x| (x.code.clone(), x.id.clone()))
        .collect();
    let pos_id_to_code: HashMap<&str, &str> = db_positions
        .iter()
        .map(|x| (x.id.as_str(), x.code.as_str()))
        .collect();
    let person_by_code: HashMap<&str, &branchdesk_domain::Person> =
        db_people.iter().map(|x| (x.code.as_str(), x)).collect();

    // Duplicates within the file.
    pub(super) fn dups<'a>(
        p: &mut Problems,
        sheet: Sheet,
        key: &'static str,
        items: impl Iterator<Item = (u32, &'a str)>,
    ) {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for (row, code) in items {
            if code.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(code) {
                p.at(
                    sheet,
                    row,
                    key,
                    format!("编码 {code} 重复（第 {first} 行已有）。"),
                    format!("Code {code} appears twice (first on row {first})."),
                );
            } else {
                seen.insert(code, row);
            }
        }
    }
    dups(
        p,
        Sheet::Units,
        "code",
        f.units.iter().map(|u| (u.row, u.code.as_str())),
    );
    dups(
        p,
        Sheet::Positions,
        "code",
        f.positions.iter().map(|x| (x.row, x.code.as_str())),
    );
    dups(
        p,
        Sheet::People,
        "code",
        f.people.iter().map(|x| (x.row, x.code.as_str())),
    );

    // Units: references and cycles over file + database.
    let file_units: HashSet<&str> = f.units.iter().map(|u| u.code.as_str()).collect();
    let mut unit_parent: HashMap<&str, Option<&str>> = db_units
        .iter()
        .map(|u| {
            (
                u.code.as_str(),
                asof_units
                    .get(&u.id)
                    .and_then(|a| a.parent_id.as_deref())
                    .and_then(|pid| unit_id_to_code.get(pid).copied()),
            )
        })
        .collect();
    for u in &f.units {
        if let Some(parent) = &u.parent {
            if parent == &u.code {
                p.at(
                    Sheet::Units,
                    u.row,
                    "parent",
                    format!("单位 {} 不能是自己的上级单位。", u.code),
                    format!("Unit {} cannot be its own parent.", u.code),
                );
            } else if !file_units.contains(parent.as_str()) && !unit_code_to_id.contains_key(parent)
            {
                p.at(Sheet::Units, u.row, "parent", format!("上级单位编码 {parent} 不存在（文件和数据库中都没有）。"), format!("Parent code {parent} does not exist (neither in the file nor in the database)."));
            }
        }
        unit_parent.insert(u.code.as_str(), u.parent.as_deref());
        if let Some(id) = unit_code_to_id.get(&u.code) {
            if !asof_units.contains_key(id) {
                p.at(
                    Sheet::Units,
                    u.row,
                    "code",
                    format!("单位 {} 在生效日 {effective} 尚未设立，不能修改。", u.code),
                    format!(
                        "Unit {} does not exist yet on {effective}; it cannot change then.",
                        u.code
                    ),
                );
            }
        }
    }
    let unit_rows: HashMap<&str, u32> = f.units.iter().map(|u| (u.code.as_str(), u.row)).collect();
    let graph: Vec<(&str, Option<&str>)> = unit_parent.iter().map(|(k, v)| (*k, *v)).collect();
    for cycle in cycles(&graph) {
        let chain = cycle.join(" → ") + " → " + &cycle[0];
        for code in &cycle {
            if let Some(&row) = unit_rows.get(code.as_str()) {
                p.at(
                    Sheet::Units,
                    row,
                    "parent",
                    format!("上级单位形成循环：{chain}。"),
                    format!("Parent units go round in a circle: {chain}."),
                );
            }
        }
    }

    // Positions.
    let file_positions: HashSet<&str> = f.positions.iter().map(|x| x.code.as_str()).collect();
    let mut superior: HashMap<&str, Option<&str>> = db_positions
        .iter()
        .map(|x| {
            (
                x.code.as_str(),
                asof_positions
                    .get(&x.id)
                    .and_then(|a| a.superior_id.as_deref())
                    .and_then(|s| pos_id_to_code.get(s).copied()),
            )
        })
        .collect();
    for x in &f.positions {
        if !x.unit.is_empty()
            && !file_units.contains(x.unit.as_str())
            && !unit_code_to_id.contains_key(&x.unit)
        {
            p.at(
                Sheet::Positions,
                x.row,
                "unit",
                format!("所属单位编码 {} 不存在。", x.unit),
                format!("Unit code {} does not exist.", x.unit),
            );
        }
        if let Some(s) = &x.superior {
            if s == &x.code {
                p.at(
                    Sheet::Positions,
                    x.row,
                    "superior",
                    format!("岗位 {} 不能是自己的直属上级。", x.code),
                    format!("Position {} cannot be its own superior.", x.code),
                );
            } else if !file_positions.contains(s.as_str()) && !pos_code_to_id.contains_key(s) {
                p.at(Sheet::Positions, x.row, "superior", format!("直属上级岗位编码 {s} 不存在（文件和数据库中都没有）。"), format!("Superior code {s} does not exist (neither in the file nor in the database)."));
            }
        }
        superior.insert(x.code.as_str(), x.superior.as_deref());
        if let Some(id) = pos_code_to_id.get(&x.code) {
            if !asof_positions.contains_key(id) {
                p.at(
                    Sheet::Positions,
                    x.row,
                    "code",
                    format!("岗位 {} 在生效日 {effective} 尚未设立，不能修改。", x.code),
                    format!(
                        "Position {} does not exist yet on {effective}; it cannot change then.",
                        x.code
                    ),
                );
            }
        }
    }
    let pos_rows: HashMap<&str, u32> = f
        .positions
        .iter()
        .map(|x| (x.code.as_str(), x.row))
        .collect();
    let graph: Vec<(&str, Option<&str>)> = superior.iter().map(|(k, v)| (*k, *v)).collect();
    for cycle in cycles(&graph) {
        let chain = cycle.join(" → ") + " → " + &cycle[0];
        for code in &cycle {
            if let Some(&row) = pos_rows.get(code.as_str()) {
                p.at(
                    Sheet::Positions,
                    row,
                    "superior",
                    format!("汇报关系形成循环：{chain}。"),
                    format!("Reporting lines go round in a circle: {chain}."),
                );
            }
        }
    }

    // Assignments.
    let file_people: HashSet<&str> = f.people.iter().map(|x| x.code.as_str()).collect();
    for a in &f.assignments {
        if !a.person.is_empty()
            && !file_people.contains(a.person.as_str())
            && !person_by_code.contains_key(a.person.as_str())
        {
            p.at(
                Sheet::Assignments,
                a.row,
                "person",
                format!("工号 {} 不存在。", a.person),
                format!("Staff number {} does not exist.", a.person),
            );
        }
        if !a.position.is_empty()
            && !file_positions.contains(a.position.as_str())
            && !pos_code_to_id.contains_key(&a.position)
        {
            p.at(
                Sheet::Assignments,
                a.row,
                "position",
                format!("岗位编码 {} 不存在。", a.position),
                format!("Position code {} does not exist.", a.position),
            );
        }
    }
    if !p.0.is_empty() {
        return Ok(OrgImportReport::default());
    }

    // Write: parents before children.
    let mut report = OrgImportReport {
        effective: effective.to_string(),
        ..Default::default()
    };
    let mut unit_ids = unit_code_to_id.clone();
    for i in parents_first(&f.units, |u| u.code.as_str(), |u| u.parent.as_deref()) {
        let u = &f.units[i];
        let mut attrs = u.attrs.clone();
        attrs.parent_id = u.parent.as_ref().and_then(|c| unit_ids.get(c).cloned());
        if attrs.kind == UnitKind::Department {
            attrs.control_mode = None;
            attrs.ownership = None;
        }
        match unit_ids.get(&u.code).cloned() {
            None => {
                attrs.sort = u.sort.unwrap_or(u.row as i64);
                let id = w.add_unit(&u.code, &attrs, effective, at)?;
                unit_ids.insert(u.code.clone(), id);
                report.units.added += 1;
            }
            Some(id) => {
                let before = asof_units.get(&id);
                attrs.sort = u.sort.or(before.map(|b| b.sort)).unwrap_or(0);
                if w.change_unit(&id, &attrs, effective, at, note)? {
                    report.units.changed += 1;
                } else {
                    report.units.unchanged += 1;
                }
            }
        }
    }
    let mut pos_ids = pos_code_to_id.clone();
    for i in parents_first(&f.positions, |x| x.code.as_str(), |x| x.superior.as_deref()) {
        let x = &f.positions[i];
        let mut attrs = x.attrs.clone();
        attrs.unit_id = unit_ids.get(&x.unit).cloned().unwrap_or_default();
        attrs.superior_id = x.superior.as_ref().and_then(|c| pos_ids.get(c).cloned());
        match pos_ids.get(&x.code).cloned() {
            None => {
                attrs.sort = x.sort.unwrap_or(x.row as i64);
                let id = w.add_position(&x.code, &attrs, effective, at)?;
                pos_ids.insert(x.code.clone(), id);
                report.positions.added += 1;
            }
            Some(id) => {
                attrs.sort = x
                    .sort
                    .or(asof_positions.get(&id).map(|b| b.sort))
                    .unwrap_or(0);
                if w.change_position(&id, &attrs, effective, at, note)? {
                    report.positions.changed += 1;
                } else {
                    report.positions.unchanged += 1;
                }
            }
        }
    }
    let mut person_ids: HashMap<String, String> = db_people
        .iter()
        .map(|x| (x.code.clone(), x.id.clone()))
        .collect();
    for x in &f.people {
        match person_by_code.get(x.code.as_str()) {
            None => {
                let id = w.add_person(&x.code, &x.name, &x.phone, x.left_on.as_deref())?;
                person_ids.insert(x.code.clone(), id);
                report.people.added += 1;
            }
            Some(existing) => {
                let updated = branchdesk_domain::Person {
                    id: existing.id.clone(),
                    code: x.code.clone(),
                    name: x.name.clone(),
                    phone: x.phone.clone(),
                    left_on: x.left_on.clone(),
                };
                if w.update_person(&updated)? {
                    report.people.changed += 1;
                } else {
                    report.people.unchanged += 1;
                }
            }
        }
    }
    let existing = w.assignments()?;
    let mut by_key: HashMap<AssignmentKey, (String, Option<String>)> = existing
        .into_iter()
        .map(|a| {
            (
                (a.person_id, a.position_id, a.kind, a.start_on),
                (a.id, a.end_on),
            )
        })
        .collect();
    for a in &f.assignments {
        let (Some(person), Some(position)) = (person_ids.get(&a.person), pos_ids.get(&a.position))
        else {
            continue;
        };
        let key = (person.clone(), position.clone(), a.kind, a.start_on.clone());
        match by_key.get(&key) {
            Some((id, end)) if end == &a.end_on => {
                let _ = id;
                report.assignments.unchanged += 1;
            }
            Some((id, _)) => {
                w.end_assignment(id, a.end_on.as_deref())?;
                report.assignments.changed += 1;
            }
            None => {
                let id =
                    w.add_assignment(person, position, a.kind, &a.start_on, a.end_on.as_deref())?;
                by_key.insert(key, (id, a.end_on.clone()));
                report.assignments.added += 1;
            }
        }
    }
    Ok(report)
}

/// (person id, position id, kind, start date): what identifies an assignment in a file.
pub(super) type AssignmentKey = (String, String, AssignmentKind, String);
