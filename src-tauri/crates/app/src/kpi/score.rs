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
                reasons: reasons(problems, self.lang),
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

/// A unit's problems as a list a person reads: its missing figures once per month with the
/// metrics' names ("缺少 2016-12 的数据：系统用户数、转投保次数"), then the others; no item ends in a
/// full stop, since lists join them.
fn reasons(problems: Vec<branchdesk_kpi::Problem>, lang: branchdesk_domain::Lang) -> Vec<String> {
    let mut missing: Vec<(String, Vec<String>)> = Vec::new();
    let mut other = Vec::new();
    for p in problems {
        match p.missing.map(|m| *m) {
            Some((month, name)) => match missing.iter_mut().find(|m| m.0 == month) {
                Some(m) if !m.1.contains(&name) => m.1.push(name),
                Some(_) => {}
                None => missing.push((month, vec![name])),
            },
            None => other.push(
                lang.pick(p.zh, p.en)
                    .trim_end_matches(['。', '.'])
                    .to_string(),
            ),
        }
    }
    missing
        .into_iter()
        .map(|(month, names)| {
            lang.pick(
                format!("缺少 {month} 的数据：{}", names.join("、")),
                format!("Missing figures for {month}: {}", names.join(", ")),
            )
        })
        .chain(other)
        .collect()
}
