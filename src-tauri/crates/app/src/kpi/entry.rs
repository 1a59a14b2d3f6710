//! The entry grid: a period's figures of every assessed unit, every cell checked before any is
//! saved, and each change logged with who made it.

use std::collections::BTreeMap;

use super::figures::check_figure;
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

    /// The entry grid of a month for a scheme.
    pub fn kpi_entry(&self, scheme_id: Option<&str>, period: &str) -> Result<EntryGrid> {
        let month = parse_month(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let units = self.store.assessed_units()?;
        let mut values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (unit, p, metric, value) in self.store.kpi_values()? {
            if p == month {
                values.entry(unit).or_default().insert(metric, value);
            }
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
