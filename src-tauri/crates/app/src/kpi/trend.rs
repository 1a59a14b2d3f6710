//! A unit's totals and indicator scores over the months, and the change history of one figure.

use branchdesk_domain::Period;
use branchdesk_kpi::ScoreOptions;

use super::{parse_month, summary, FigureChange, KpiTrend, TrendSeries};
use crate::{App, AppError, Result};

impl App {
    /// A unit's monthly total and indicator scores over the scheme's window.
    pub fn kpi_trend(&self, scheme_id: Option<&str>, unit: &str) -> Result<KpiTrend> {
        use chrono::Datelike;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let (start, end) = (scheme.scheme.start, scheme.scheme.end);
        let figures = self.figures(
            &format!("{:04}-{:02}", start.year(), start.month()),
            &format!("{:04}-{:02}", end.year(), end.month()),
        )?;
        let last = Period::month(end.year(), end.month());
        let mut months = Vec::new();
        let mut m = Period::month(start.year(), start.month());
        while let Some(p) = m.filter(|p| Some(*p) <= last) {
            months.push(p);
            m = p.next_month();
        }
        let mut totals = Vec::new();
        let mut series: Vec<TrendSeries> = scheme
            .indicators
            .iter()
            .map(|i| TrendSeries {
                id: i.id.clone(),
                name: i.name.clone(),
                scores: Vec::new(),
            })
            .collect();
        for p in &months {
            // Another unit's bad figure leaves this one's point in place.
            let scored = branchdesk_kpi::score_partial(
                &scheme,
                &figures,
                ScoreOptions {
                    period: *p,
                    cumulative: false,
                    explain: false,
                },
            );
            let found = scored
                .ok()
                .and_then(|r| r.result.units.into_iter().find(|u| u.unit == unit));
            totals.push(found.as_ref().map(|u| u.total));
            for (k, s) in series.iter_mut().enumerate() {
                s.scores.push(
                    found
                        .as_ref()
                        .and_then(|u| u.indicators.get(k))
                        .map(|i| i.score),
                );
            }
        }
        Ok(KpiTrend {
            unit: unit.to_string(),
            months: months.iter().map(Period::to_string).collect(),
            totals,
            indicators: series,
        })
    }

    /// Who changed a figure and when, newest first.
    pub fn kpi_history(&self, unit: &str, period: &str, metric: &str) -> Result<Vec<FigureChange>> {
        let month = parse_month(period)?;
        let Some(unit_id) = self.store.unit_id_by_code(unit)? else {
            return Err(AppError::invalid(
                "unit",
                format!("没有编码为 {unit} 的单位。"),
                format!("No unit with code {unit}."),
            ));
        };
        Ok(self
            .store
            .kpi_value_history(&unit_id, &month, metric)?
            .into_iter()
            .map(|c| FigureChange {
                old: c.old,
                new: c.new,
                by: c.by,
                at: c.at,
            })
            .collect())
    }
}
