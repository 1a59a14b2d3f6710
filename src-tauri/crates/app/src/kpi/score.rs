//! Scoring the database's figures with a stored scheme.

use branchdesk_domain::Period;
use branchdesk_kpi::{Figures, ScoreOptions, Value};

use super::{parse_period, summary, KpiScoreView, ScoreQuery};
use crate::{App, AppError, Result};

impl App {
    pub(super) fn figures(&self) -> Result<Figures> {
        let mut f = Figures::default();
        for (unit, period, metric, value) in self.store.kpi_values()? {
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

    /// Scores the stored figures with a stored scheme.
    pub fn kpi_score(&self, q: &ScoreQuery<'_>) -> Result<KpiScoreView> {
        let period = parse_period(q.period)?;
        let row = self.scheme_row(q.scheme_id)?;
        let (scheme, summary) = summary(&row, self.lang)?;
        let result = branchdesk_kpi::score(
            &scheme,
            &self.figures()?,
            ScoreOptions {
                period,
                cumulative: q.cumulative,
                explain: q.explain,
            },
        )
        .map_err(AppError::Kpi)?;
        let unit_names = self
            .store
            .assessed_units()?
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect();
        Ok(KpiScoreView {
            scheme: summary,
            result,
            unit_names,
        })
    }
}
