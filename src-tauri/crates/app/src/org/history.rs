//! Every dated version of a unit or position as the differences to the one before, and undoing
//! a change.

use std::collections::HashMap;

use branchdesk_domain::{Label, Lang, PositionAttrs, UnitAttrs, Version};

use super::{FieldChange, OrgChange};
use crate::shared::input::parse_date;
use crate::{App, AppError, Result};

impl App {
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

    /// Undoes what changed on `valid_from` for a unit or position: a new version on that date
    /// brings back the state of the version before it (kept in the history like any change).
    /// The version that set the record up cannot be undone; close the record instead.
    pub fn org_revert(&mut self, id: &str, valid_from: &str) -> Result<()> {
        let date = parse_date("valid_from", valid_from)?;
        let at = self.ctx.now();
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
}

/// The state in force before `date` (the latest version of an earlier date).
pub(super) fn version_before<A>(versions: Vec<Version<A>>, date: &str, id: &str) -> Result<A> {
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

pub(super) fn diff_versions<A>(
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

pub(super) fn field(
    out: &mut Vec<FieldChange>,
    lang: Lang,
    zh: &str,
    en: &str,
    old: String,
    new: String,
) {
    if old != new {
        out.push(FieldChange {
            field: if lang == Lang::Zh { zh } else { en }.to_string(),
            old,
            new,
        });
    }
}

pub(super) fn opt_label<T: Label>(v: Option<T>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.label(lang).to_string())
}

pub(super) fn unit_diff(
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

pub(super) fn position_diff(
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
