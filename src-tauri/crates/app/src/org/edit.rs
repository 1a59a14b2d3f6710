//! Creating and changing units, positions, people and assignments, each from a date.

use branchdesk_domain::{Assignment, AssignmentKind, Person, Position, Unit, UnitKind};
use branchdesk_store::Writer;

use super::check::check_from;
use super::{AssignInput, PersonInput, PositionInput, UnitInput};
use crate::shared::input::{parse_date, required};
use crate::{App, AppError, Result};

impl App {
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
        let at = self.ctx.now();
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
        let at = self.ctx.now();
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

    /// One dated change of the organisation: `f` writes, then the organisation is checked on
    /// `from` and every later change date and today's state refreshed, in one transaction.
    pub(super) fn dated_write<T>(
        &mut self,
        from: &str,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.store.write(|w| {
            let out = f(w)?;
            check_from(w, from)?;
            w.refresh_org(&self.ctx.today_str())?;
            Ok(out)
        })
    }
}

/// The record being edited exists and keeps its code.
pub(super) fn same_code(found: Option<String>, code: &str, what: &str, id: &str) -> Result<()> {
    match found {
        None => Err(branchdesk_store::Error::NotFound(format!("{what} {id}")).into()),
        Some(c) if c != code => Err(code_fixed(&c)),
        Some(_) => Ok(()),
    }
}

pub(super) fn code_fixed(code: &str) -> AppError {
    AppError::invalid(
        "code",
        format!("编码 {code} 不可修改；如需新编码，请新建后撤销旧记录。"),
        format!("The code {code} cannot change; create a new record and close the old one."),
    )
}

pub(super) fn not_yet(e: branchdesk_store::Error, from: &str) -> AppError {
    match e {
        branchdesk_store::Error::NotFound(_) => AppError::invalid(
            "effective",
            format!("该记录在 {from} 尚未设立，生效日期不能早于设立日期。"),
            format!("The record did not exist yet on {from}; the change cannot take effect before it was set up."),
        ),
        e => e.into(),
    }
}
