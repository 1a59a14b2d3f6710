//! Scoring the database's figures with a stored scheme.

use branchdesk_domain::Period;
use branchdesk_kpi::{Figures, ScoreOptions, Value};

use super::{parse_period, summary, KpiScoreView, ScoreQuery, UnscoredUnit};
use crate::{App, AppError, Result};

impl App {
    /// The figures of the months `from` to `to` (`YYYY-MM`, both included).
    pub(super) fn figures(&self, from: &str, to: &str) -> Result<Figures> {
        let mut f = Figures::default();
        for (unit, period, metric, value) in self.store.kpi_values_between(from, to)? {
            let Some(month) = period
                .parse::<Period>()
                .ok()
                .and_then(branchdesk_kpi::data::month_idx)
            else {
                continue;
            };
            let v = value.parse().map(Value::Num).unwrap_or(Value::Grade(value));
            f.insert(&unit, month, &metric, v);
        }
        Ok(f)
    }

    /// Scores the stored figures with a stored scheme: every unit that can be scored is scored
    /// and ranked; the others are listed with their reasons in words (the ranks are then
    /// provisional).
    pub fn kpi_score(&self, q: &ScoreQuery<'_>) -> Result<KpiScoreView> {
        let period = parse_period(q.period)?;
        let row = self.scheme_row(q.scheme_id)?;
        let (scheme, summary) = summary(&row, self.lang)?;
        let unit_names: std::collections::BTreeMap<String, String> = self
            .store
            .assessed_units()?
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect();
        // Only the months the score reads: the period's, or from the scheme's start when
        // cumulative.
        let months = period.months();
        let last = months.last().map_or_else(String::new, ToString::to_string);
        let first = if q.cumulative {
            use chrono::Datelike;
            let start = scheme.scheme.start;
            format!("{:04}-{:02}", start.year(), start.month())
        } else {
            months.first().map_or_else(String::new, ToString::to_string)
        };
        let mut figures = self.figures(&first, &last)?;
        for (code, name) in &unit_names {
            figures.name_unit(code, name);
        }
        let partial = branchdesk_kpi::score_partial(
            &scheme,
            &figures,
            ScoreOptions {
                period,
                cumulative: q.cumulative,
                explain: q.explain,
            },
        )
        .map_err(AppError::Kpi)?;
        let unscored = partial
            .unscored
            .into_iter()
            .map(|(unit, problems)| UnscoredUnit {
                name: unit_names
                    .get(&unit)
                    .cloned()
                    .unwrap_or_else(|| unit.clone()),
                unit,
                reasons: problems
                    .into_iter()
                    .map(|p| self.lang.pick(p.zh, p.en))
                    .collect(),
            })
            .collect();
        Ok(KpiScoreView {
            scheme: summary,
            result: partial.result,
            unit_names,
            unscored,
        })
    }
}
