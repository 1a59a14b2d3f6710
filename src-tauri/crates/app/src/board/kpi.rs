//! The KPI lights: last month's score and its fall, figures missing, compliant submissions.

use std::collections::HashMap;

use branchdesk_domain::{
    figures_light, kpi_light, submissions_light, BoardThresholds, Check, Light, Period,
};
use rust_decimal::Decimal;

use super::{signal, Rows};
use crate::kpi::{EntryGrid, ScoreQuery};
use crate::minutes::SUBMISSIONS_METRIC;
use crate::{App, Result};
use branchdesk_kpi::UnitScore;

impl App {
    /// For units the KPI scheme assesses: last month's score and its fall, figures missing
    /// for last month and this one, last month's compliant submissions.
    pub(super) fn kpi_lights(
        &self,
        rows: &mut Rows<'_>,
        month: &str,
        last: &str,
        t: &BoardThresholds,
    ) -> Result<()> {
        let (Ok(this_grid), Ok(last_grid)) =
            (self.kpi_entry(None, month), self.kpi_entry(None, last))
        else {
            // No scheme, or the months are outside it: nothing to judge, no light.
            return Ok(());
        };
        let by_code: HashMap<&str, &str> = rows
            .names
            .units
            .values()
            .map(|u| (u.code.as_str(), u.id.as_str()))
            .collect();
        let missing = |g: &EntryGrid, code: &str| -> Vec<String> {
            g.missing(code).map(|m| m.name.clone()).collect()
        };
        let label = |p: &str| {
            p.parse::<Period>()
                .map_or(p.to_string(), |p| p.label(self.lang))
        };
        let (this_label, last_label) = (label(month), label(last));
        let before = last
            .parse::<Period>()
            .ok()
            .and_then(|p| p.previous())
            .map(|p| p.to_string());
        let scores = self.kpi_score(&ScoreQuery::of(last)).ok();
        let earlier = before
            .as_deref()
            .and_then(|b| self.kpi_score(&ScoreQuery::of(b)).ok());
        let has_submissions = last_grid.metrics.iter().any(|m| m.id == SUBMISSIONS_METRIC);
        // Units' scores by code (a national group has thousands of units).
        let now: HashMap<&str, &UnitScore> = scores
            .iter()
            .flat_map(|v| &v.result.units)
            .map(|s| (s.unit.as_str(), s))
            .collect();
        let then: HashMap<&str, Decimal> = earlier
            .iter()
            .flat_map(|v| &v.result.units)
            .map(|s| (s.unit.as_str(), s.total))
            .collect();
        for u in &this_grid.units {
            let Some(id) = by_code.get(u.code.as_str()).and_then(|id| rows.owner(id)) else {
                continue;
            };
            let (gone_last, gone_this) =
                (missing(&last_grid, &u.code), missing(&this_grid, &u.code));
            let total = this_grid.metrics.len();
            let light = figures_light(gone_last.len(), gone_this.len());
            let reason = match light {
                Light::Red => rows.pick(
                    format!(
                        "{last_label}缺 {} 项：{}",
                        gone_last.len(),
                        gone_last.join("、")
                    ),
                    format!(
                        "{last_label}: {} missing: {}",
                        gone_last.len(),
                        gone_last.join(", ")
                    ),
                ),
                Light::Amber => rows.pick(
                    format!(
                        "{last_label}已齐；{this_label}已录 {}/{total} 项",
                        total - gone_this.len()
                    ),
                    format!(
                        "{last_label} complete; {this_label}: {} of {total} entered",
                        total - gone_this.len()
                    ),
                ),
                _ => rows.pick(
                    format!("{last_label}、{this_label}的数据均已录齐"),
                    format!("{last_label} and {this_label} complete"),
                ),
            };
            rows.push(&id, signal(Check::Figures, light, reason, "kpi", None));

            if has_submissions {
                let n = last_grid
                    .values
                    .get(&u.code)
                    .and_then(|v| v.get(SUBMISSIONS_METRIC))
                    .and_then(|v| v.trim().parse::<Decimal>().ok());
                let light = submissions_light(n, t);
                let reason = match n {
                    None => rows.pick(
                        format!("{last_label}的合规报送篇数未录入"),
                        format!("{last_label}: compliant submissions not entered"),
                    ),
                    Some(n) => rows.pick(
                        format!(
                            "{last_label}合规报送 {n} 篇（每月应不少于 {} 篇）",
                            t.submissions
                        ),
                        format!(
                            "{last_label}: {n} compliant submissions (at least {} a month)",
                            t.submissions
                        ),
                    ),
                };
                rows.push(
                    &id,
                    signal(Check::Submissions, light, reason, "minutes", None),
                );
            }

            let Some(view) = &scores else { continue };
            let s = match now.get(u.code.as_str()) {
                Some(s) if view.scheme.points > Decimal::ZERO => {
                    let share = s.total * Decimal::ONE_HUNDRED / view.scheme.points;
                    let fall = then.get(u.code.as_str()).map(|p| p - s.total);
                    let low: Vec<String> = s
                        .indicators
                        .iter()
                        .filter_map(|i| {
                            let info = view.scheme.indicators.iter().find(|x| x.id == i.id)?;
                            (i.score * Decimal::TWO < info.points).then(|| info.name.clone())
                        })
                        .collect();
                    let change = fall.map_or_else(String::new, |f| {
                        let d = -f;
                        let sign = if d > Decimal::ZERO { "+" } else { "" };
                        rows.pick(
                            format!("，较上月 {sign}{}", d.normalize()),
                            format!(", {sign}{} on the month before", d.normalize()),
                        )
                    });
                    let weak = if low.is_empty() {
                        String::new()
                    } else {
                        rows.pick(
                            format!("；不足一半分值的指标：{}", low.join("、")),
                            format!("; under half their points: {}", low.join(", ")),
                        )
                    };
                    let n = view.result.units.len();
                    let reason = rows.pick(
                        format!(
                            "{last_label}得分 {}（满分 {}，第 {}/{n} 名）{change}{weak}",
                            s.total,
                            view.scheme.points.normalize(),
                            s.rank
                        ),
                        format!(
                            "{last_label}: {} of {} (rank {} of {n}){change}{weak}",
                            s.total,
                            view.scheme.points.normalize(),
                            s.rank
                        ),
                    );
                    signal(Check::Kpi, kpi_light(share, fall, t), reason, "kpi", None)
                }
                _ => {
                    let why = view
                        .unscored
                        .iter()
                        .find(|x| x.unit == u.code)
                        .map(|x| x.reasons.join("；"))
                        .unwrap_or_default();
                    signal(
                        Check::Kpi,
                        Light::Missing,
                        rows.pick(
                            format!("{last_label}未计分 {why}"),
                            format!("{last_label}: not scored {why}"),
                        ),
                        "kpi",
                        None,
                    )
                }
            };
            rows.push(&id, s);
        }
        Ok(())
    }
}
