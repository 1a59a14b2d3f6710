//! Every dated version of a unit or position as the differences to the one before, and undoing
//! a change.

use std::collections::HashMap;

use branchdesk_domain::{Fields, Lang, Version};

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
        let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
        if all_units.iter().any(|u| u.id == id) {
            let versions = self.store.unit_versions(id)?;
            Ok(diff_versions(&versions, |a, b| {
                field_changes(a, b, lang, &name)
            }))
        } else if all_positions.iter().any(|p| p.id == id) {
            let versions = self.store.position_versions(id)?;
            Ok(diff_versions(&versions, |a, b| {
                field_changes(a, b, lang, &name)
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

/// The fields that differ between two versions, as people read them (declared once, with
/// their labels, in the domain's `record!`).
fn field_changes<A: Fields>(
    a: &A,
    b: &A,
    lang: Lang,
    name: &dyn Fn(&str) -> String,
) -> Vec<FieldChange> {
    A::FIELDS
        .iter()
        .zip(a.values())
        .zip(b.values())
        .filter(|((_, old), new)| old != new)
        .map(|((f, old), new)| FieldChange {
            field: f.label(lang).to_string(),
            old: f.show(&old, lang, name),
            new: f.show(&new, lang, name),
        })
        .collect()
}
