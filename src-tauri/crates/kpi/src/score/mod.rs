//! The scoring engine: a scheme and figures in, every unit's scores, ranks, totals and rewards
//! out, each score explainable.
//!
//! Files: `measure` (an indicator's value over the months: ratio of sums), `rules` (each rule
//! turns a value, a rank or a grade into points: percent, target, rank bands, value bands,
//! grades, per item, linear, step), `ranks` (competition ranking), `rewards` (prizes and
//! bonuses), `explain` (how a score came about).

mod explain;
mod measure;
mod partial;
mod ranks;
mod rewards;
mod rules;

pub use explain::Explain;
pub use partial::{score_partial, Partial};

use std::collections::BTreeMap;

use branchdesk_domain::Period;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data::{month_idx, month_name, Figures, MonthIdx, Value};
use crate::scheme::{Annual, Order, Rule, Scheme};
use crate::score::measure::{inputs_of, Measured};
use crate::score::ranks::competition_ranks;
use crate::score::rules::rule_score;
use crate::Problem;

#[derive(Debug, Clone, Copy)]
pub struct ScoreOptions {
    pub period: Period,
    /// Score from the window's start through the period's end.
    pub cumulative: bool,
    /// Record how every score came about (inputs, formula, steps).
    pub explain: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreResult {
    pub scheme: String,
    pub version: u32,
    pub period: String,
    pub cumulative: bool,
    /// The months the figures were taken from.
    pub months: Vec<String>,
    pub units: Vec<UnitScore>,
    pub rewards: Vec<RewardAmount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitScore {
    pub unit: String,
    #[ts(type = "string")]
    pub total: Decimal,
    pub rank: u32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, string>", optional)]
    pub sections: BTreeMap<String, Decimal>,
    pub indicators: Vec<IndicatorScore>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorScore {
    pub id: String,
    /// The measured value (a decimal rounded to 4 places, or a grade); `None` where several
    /// months were scored separately.
    pub value: Option<String>,
    #[ts(type = "string")]
    pub score: Decimal,
    /// The unit's rank on this indicator, for rank rules.
    pub rank: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RewardAmount {
    pub reward: String,
    pub unit: String,
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Half-up rounding to `dp` places, always showing `dp` places (9.44, 10.00).
pub(super) fn round(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Months of the window [start, end], as indices.
pub(super) fn window(s: &Scheme) -> (MonthIdx, MonthIdx) {
    use chrono::Datelike;
    let m = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    (m(s.scheme.start), m(s.scheme.end))
}

/// Scores every unit that has figures in the period. Every missing figure, division by zero,
/// negative count or unknown grade is reported (all of them, not just the first).
pub fn score(s: &Scheme, f: &Figures, opts: ScoreOptions) -> Result<ScoreResult, Vec<Problem>> {
    let (w0, w1) = window(s);
    let months_of =
        |p: Period| -> Vec<MonthIdx> { p.months().into_iter().filter_map(month_idx).collect() };
    let last = *months_of(opts.period).last().unwrap_or(&w0);
    let span: Vec<MonthIdx> = if opts.cumulative {
        (w0..=last.min(w1)).collect()
    } else {
        months_of(opts.period)
            .into_iter()
            .filter(|m| (w0..=w1).contains(m))
            .collect()
    };
    if span.is_empty() {
        return Err(vec![Problem::new(
            "score.outside_window",
            format!(
                "期间 {} 不在方案考核期 {} 至 {} 之内。",
                opts.period, s.scheme.start, s.scheme.end
            ),
            format!(
                "Period {} lies outside the scheme's window {} to {}.",
                opts.period, s.scheme.start, s.scheme.end
            ),
        )]);
    }
    let units = units_in(f, &span);
    if units.is_empty() {
        return Err(vec![Problem::new(
            "score.no_data",
            format!("期间 {} 没有任何单位的考核数据。", opts.period),
            format!("No unit has figures for {}.", opts.period),
        )]);
    }
    let by_year_quarters = matches!(opts.period, Period::Year { .. })
        && !opts.cumulative
        && s.scheme.annual == Annual::SumOfQuarters;
    let scored = if by_year_quarters {
        // The year = the sum of the quarters' scores (seed 001: 年底将季度考核评分累积计算并排名).
        let mut sum: Option<Vec<Scored>> = None;
        let mut problems = Vec::new();
        for q in 1..=4 {
            let qm: Vec<MonthIdx> = span
                .iter()
                .copied()
                .filter(|m| (m.rem_euclid(12) / 3 + 1) as u32 == q)
                .collect();
            if qm.is_empty() {
                continue;
            }
            match score_span(s, f, &units, &qm, opts.explain) {
                Ok(part) => {
                    sum = Some(match sum {
                        None => part,
                        Some(acc) => acc
                            .into_iter()
                            .zip(part)
                            .map(|(a, b)| a.add_quarter(b, q))
                            .collect(),
                    })
                }
                Err(p) => problems.extend(p),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        sum.unwrap_or_default()
    } else {
        score_span(s, f, &units, &span, opts.explain)?
    };
    let totals: Vec<Decimal> = scored.iter().map(|u| u.total).collect();
    let ranks = competition_ranks(&totals, Order::Desc);
    let mut out: Vec<UnitScore> = scored
        .into_iter()
        .zip(ranks)
        .map(|(u, rank)| UnitScore {
            unit: u.unit,
            total: u.total,
            rank,
            sections: u.sections,
            indicators: u.indicators,
        })
        .collect();
    out.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.unit.cmp(&b.unit)));
    let rewards = rewards::rewards(s, f, &units, &span, &out, opts)?;
    Ok(ScoreResult {
        scheme: s.scheme.id.clone(),
        version: s.scheme.version,
        period: opts.period.to_string(),
        cumulative: opts.cumulative,
        months: span.iter().map(|m| month_name(*m)).collect(),
        units: out,
        rewards,
    })
}

/// Units with any figure in the span, in first-seen order.
pub(super) fn units_in(f: &Figures, span: &[MonthIdx]) -> Vec<(u32, String)> {
    f.units()
        .iter()
        .zip(0u32..)
        .filter(|&(_, u)| span.iter().any(|&m| f.has_any(u, m)))
        .map(|(code, u)| (u, code.clone()))
        .collect()
}

pub(super) struct Scored {
    unit: String,
    total: Decimal,
    sections: BTreeMap<String, Decimal>,
    indicators: Vec<IndicatorScore>,
}

impl Scored {
    fn add_quarter(mut self, b: Scored, q: u32) -> Scored {
        self.total += b.total;
        for (k, v) in b.sections {
            *self.sections.entry(k).or_default() += v;
        }
        for (a, b) in self.indicators.iter_mut().zip(b.indicators) {
            a.score += b.score;
            a.value = None;
            a.rank = None;
            if let (Some(ea), Some(eb)) = (a.explain.as_mut(), b.explain) {
                ea.step(|| {
                    (
                        format!("第{q}季度：{} → {}", eb.formula_zh, b.score),
                        format!("Q{q}: {} → {}", eb.formula, b.score),
                    )
                });
            }
        }
        self
    }
}

pub(super) fn score_span(
    s: &Scheme,
    f: &Figures,
    units: &[(u32, String)],
    span: &[MonthIdx],
    explain_on: bool,
) -> Result<Vec<Scored>, Vec<Problem>> {
    let dp = s.scheme.rounding;
    let mut problems = Vec::new();
    // measured[indicator][unit]
    let measured: Vec<Vec<Option<Measured>>> = s
        .indicators
        .iter()
        .map(|i| {
            // metric names resolved once per indicator, not per unit and month
            let ids: BTreeMap<&str, Option<u32>> = i
                .metrics()
                .into_iter()
                .map(|m| (m, f.metric_id(m)))
                .collect();
            units
                .iter()
                .map(|(u, code)| {
                    measure::measure(f, &ids, (*u, code), i, span, &s.metrics, &mut problems)
                })
                .collect()
        })
        .collect();
    // No early return: rule problems (e.g. unknown grades) of the units that did measure are
    // reported together with the missing figures of the others.
    let mut out: Vec<Scored> = units
        .iter()
        .map(|(_, code)| Scored {
            unit: code.clone(),
            total: Decimal::ZERO,
            sections: BTreeMap::new(),
            indicators: Vec::new(),
        })
        .collect();
    for (i, per_unit) in s.indicators.iter().zip(measured) {
        let ranks = match &i.rule {
            Rule::Rank { .. } => {
                let vals: Vec<Decimal> = per_unit
                    .iter()
                    .map(|m| {
                        if let Some(Measured::Num(v, _)) = m {
                            *v
                        } else {
                            Decimal::ZERO
                        }
                    })
                    .collect();
                Some(competition_ranks(&vals, i.order))
            }
            _ => None,
        };
        for (k, m) in per_unit.into_iter().enumerate() {
            let Some(m) = m else { continue };
            let rank = ranks.as_ref().map(|r| r[k]);
            let code = out[k].unit.clone();
            match rule_score(i, &m, rank, f.unit_label(&code), explain_on) {
                Ok((raw, mut explain)) => {
                    let mut sc = raw;
                    if let Some(lo) = i.min_score {
                        sc = sc.max(lo);
                    }
                    if let Some(hi) = i.max_score {
                        sc = sc.min(hi);
                    }
                    if sc != raw {
                        explain.step(|| (format!("保底/封顶 → {sc}"), format!("floor/cap → {sc}")));
                    }
                    let sc = round(sc, dp);
                    explain.step(|| {
                        (
                            format!("四舍五入保留 {dp} 位 → {sc}"),
                            format!("rounded half-up to {dp} places → {sc}"),
                        )
                    });
                    if explain.on {
                        explain.inputs = inputs_of(i, &m, &s.metrics);
                    }
                    let value = match &m {
                        Measured::Num(v, _) => Some(round(*v, 4).normalize().to_string()),
                        Measured::Monthly(vals) if vals.len() == 1 => Some(match &vals[0].1 {
                            Value::Num(d) => d.normalize().to_string(),
                            Value::Grade(g) => g.clone(),
                        }),
                        Measured::Monthly(_) => None,
                    };
                    let u = &mut out[k];
                    u.total += sc;
                    if let Some(sec) = &i.section {
                        *u.sections.entry(sec.clone()).or_default() += sc;
                    }
                    u.indicators.push(IndicatorScore {
                        id: i.id.clone(),
                        value,
                        score: sc,
                        rank,
                        explain: explain.on.then_some(explain),
                    });
                }
                Err(p) => problems.push(p.of_unit(&code)),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for u in &mut out {
        u.total = round(u.total, dp);
    }
    Ok(out)
}
