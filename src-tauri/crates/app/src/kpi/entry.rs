//! The entry grid: a period's figures of every assessed unit, every cell checked before any is
//! saved, and each change logged with who made it.

use std::collections::BTreeMap;

use super::figures::{check_figure, check_month};
use super::{metrics_of, parse_month, summary, CellInput, EntryGrid, SaveReport, UnitRef};
use crate::shared::problems::CellError;
use crate::{App, AppError, Result};

impl App {
    /// Writes figures (unit id, month, metric, value) in one transaction, logging who changed
    /// which and when; unchanged values are counted, not logged.
    pub(super) fn record_all(
        &mut self,
        rows: &[(String, String, String, String)],
    ) -> Result<SaveReport> {
        self.refuse_locked(rows)?;
        self.may_change(rows)?;
        let (by, at) = (self.ctx.operator().to_string(), self.ctx.now());
        let changed = self.store.write(|w| -> Result<i64> {
            let mut n = 0;
            for (unit_id, month, metric, value) in rows {
                n += i64::from(w.record_kpi_value(unit_id, month, metric, value, &by, &at)?);
            }
            Ok(n)
        })?;
        Ok(SaveReport {
            changed,
            unchanged: rows.len() as i64 - changed,
        })
    }

    /// Figures are changed by whoever entered them or by the manager: a signed-in person who is
    /// neither is refused, naming the figures and who entered them. Nothing is saved.
    fn may_change(&self, rows: &[(String, String, String, String)]) -> Result<()> {
        let Some(me) = self.actor()? else {
            return Ok(());
        };
        let mut authors = BTreeMap::new();
        for (_, month, _, _) in rows {
            if !authors.contains_key(month) {
                authors.insert(month.clone(), self.store.kpi_authors(month)?);
            }
        }
        let mut theirs = Vec::new();
        for (unit_id, month, metric, value) in rows {
            let Some((author, now)) = authors[month].get(&(unit_id.clone(), metric.clone())) else {
                continue;
            };
            if now != value && !me.may_change_figure_of(author) {
                theirs.push((unit_id, month, metric, author));
            }
        }
        let Some((unit_id, month, metric, author)) = theirs.first() else {
            return Ok(());
        };
        let (unit, metric) = self.cell_names(unit_id, metric);
        let more = theirs.len() - 1;
        let (more_zh, more_en) = if more > 0 {
            (
                format!("等 {} 项", theirs.len()),
                format!(" and {more} more"),
            )
        } else {
            (String::new(), String::new())
        };
        Err(crate::users::auth(
            "auth.not_author",
            format!(
                "{unit} {month} 的“{metric}”{more_zh}由{author}录入，只能由录入人本人或总经理、副总经理修改；当前用户：{}。",
                me.label()
            ),
            format!(
                "{metric} of {unit} for {month}{more_en} was entered by {author}; only they or the general manager or a deputy may change it. Signed in: {}.",
                me.label()
            ),
        ))
    }

    /// A figure's unit and metric as people name them (the metric as the scheme in use
    /// names it), for messages.
    pub(super) fn cell_names(&self, unit_id: &str, metric: &str) -> (String, String) {
        let unit = self
            .store
            .units(None)
            .ok()
            .and_then(|us| us.into_iter().find(|u| u.id == unit_id))
            .map_or_else(|| unit_id.to_string(), |u| u.attrs.name);
        let metric = self
            .scheme_row(None)
            .and_then(|row| summary(&row, self.lang))
            .ok()
            .and_then(|(scheme, _)| metrics_of(&scheme).into_iter().find(|m| m.id == metric))
            .map_or_else(|| metric.to_string(), |m| m.name);
        (unit, metric)
    }

    /// The entry grid of a month for a scheme.
    pub fn kpi_entry(&self, scheme_id: Option<&str>, period: &str) -> Result<EntryGrid> {
        let month = parse_month(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let units = self.store.assessed_units()?;
        let mut values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (unit, _, metric, value) in self.store.kpi_values_between(&month, &month)? {
            values.entry(unit).or_default().insert(metric, value);
        }
        Ok(EntryGrid {
            period: month,
            scheme_id: row.id.clone(),
            units: units
                .into_iter()
                .map(|(_, code, name)| UnitRef { code, name })
                .collect(),
            metrics: metrics_of(&scheme),
            values,
        })
    }

    /// Saves typed cells: every cell is checked first; if any is wrong nothing is saved and each
    /// wrong cell is named. Changes are logged with who and when.
    pub fn kpi_save(
        &mut self,
        scheme_id: Option<&str>,
        period: &str,
        cells: &[CellInput],
    ) -> Result<SaveReport> {
        self.require(branchdesk_domain::Act::EnterFigures)?;
        let month = parse_month(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        if let Err((zh, en)) = check_month(&scheme, &month) {
            return Err(AppError::invalid("period", zh, en));
        }
        let metrics = metrics_of(&scheme);
        let units: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        let mut errors = Vec::new();
        let mut ok = Vec::new();
        for c in cells {
            let err = |(zh, en): (String, String)| CellError {
                unit: c.unit.clone(),
                metric: c.metric.clone(),
                message: self.lang.pick(zh, en),
            };
            let Some(unit_id) = units.get(&c.unit) else {
                errors.push(err((
                    format!("没有编码为 {} 的单位。", c.unit),
                    format!("No unit with code {}.", c.unit),
                )));
                continue;
            };
            match check_figure(&metrics, &c.metric, &c.value) {
                Ok(None) => {}
                Ok(Some(v)) => ok.push((unit_id.clone(), month.clone(), c.metric.clone(), v)),
                Err(e) => errors.push(err(e)),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Cells(errors));
        }
        self.record_all(&ok)
    }
}
