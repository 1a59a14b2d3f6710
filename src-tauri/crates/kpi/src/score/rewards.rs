//! Prizes and bonuses of a period: rank prizes, monthly thresholds, per-unit amounts.

use std::collections::BTreeMap;

use branchdesk_domain::Period;
use rust_decimal::Decimal;

use super::{round, score_span, RewardAmount, ScoreOptions, UnitScore};
use crate::data::{month_name, Figures, MonthIdx, Value};
use crate::scheme::{PrizePeriod, RewardKind, Scheme};
use crate::Problem;

/// Whether rank prizes given `per` a kind of period apply to a score of `period`.
pub(super) fn prize_applies(per: PrizePeriod, period: Period, cumulative: bool) -> bool {
    match (per, period) {
        (PrizePeriod::Any, _) => true,
        (PrizePeriod::Year, Period::Year { .. }) => true,
        // a cumulative score through the last month or quarter of a year is that year's
        (
            PrizePeriod::Year,
            Period::Month { month: 12, .. } | Period::Quarter { quarter: 4, .. },
        ) => cumulative,
        (PrizePeriod::Quarter, Period::Quarter { .. }) => !cumulative,
        (PrizePeriod::Month, Period::Month { .. }) => !cumulative,
        _ => false,
    }
}

pub(super) fn rewards(
    s: &Scheme,
    f: &Figures,
    units: &[(u32, String)],
    span: &[MonthIdx],
    scored: &[UnitScore],
    opts: ScoreOptions,
) -> Result<Vec<RewardAmount>, Vec<Problem>> {
    let (period, cumulative) = (opts.period, opts.cumulative);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for r in &s.rewards {
        match &r.kind {
            RewardKind::Rank { prizes, per } => {
                if !prize_applies(*per, period, cumulative) {
                    continue;
                }
                for u in scored {
                    let mut start = 1u32;
                    for p in prizes {
                        if u.rank >= start && u.rank < start + p.count {
                            out.push(RewardAmount {
                                reward: r.id.clone(),
                                unit: u.unit.clone(),
                                amount: round(p.amount, 2),
                            });
                            break;
                        }
                        start += p.count;
                    }
                }
            }
            RewardKind::Threshold { min_total, amount } => {
                let mut months_ok: BTreeMap<&str, u32> = BTreeMap::new();
                for &m in span {
                    match score_span(s, f, units, &[m], false) {
                        Ok(monthly) => {
                            for u in monthly.iter().filter(|u| u.total >= *min_total) {
                                *months_ok
                                    .entry(
                                        units
                                            .iter()
                                            .find(|x| x.1 == u.unit)
                                            .map_or("", |x| x.1.as_str()),
                                    )
                                    .or_default() += 1;
                            }
                        }
                        Err(p) => problems.extend(p),
                    }
                }
                for (unit, n) in months_ok {
                    out.push(RewardAmount {
                        reward: r.id.clone(),
                        unit: unit.to_string(),
                        amount: round(*amount * Decimal::from(n), 2),
                    });
                }
            }
            RewardKind::PerItem { metric, amount } => {
                for (u, code) in units {
                    let n: Decimal = span
                        .iter()
                        .filter_map(|&m| match f.get(*u, m, f.metric_id(metric)) {
                            Some(Value::Num(d)) => Some(*d),
                            _ => None,
                        })
                        .sum();
                    if !n.is_zero() {
                        out.push(RewardAmount {
                            reward: r.id.clone(),
                            unit: code.clone(),
                            amount: round(*amount * n, 2),
                        });
                    }
                }
            }
            RewardKind::Pool {
                base,
                achievement: [actual, target],
                bands,
            } => {
                for (u, code) in units {
                    let mut total = Decimal::ZERO;
                    for &m in span {
                        let get = |metric: &str| match f.get(*u, m, f.metric_id(metric)) {
                            Some(Value::Num(d)) => Some(*d),
                            _ => None,
                        };
                        let (Some(b), Some(a), Some(t)) = (get(base), get(actual), get(target))
                        else {
                            let label = f.unit_label(code);
                            let named = |m: &String| s.metrics.get(m).unwrap_or(m).clone();
                            let (base, actual, target) =
                                (named(base), named(actual), named(target));
                            problems.push(Problem::new("score.missing", format!("缺少数据：{label} {} 的奖励“{}”需要“{base}”“{actual}”“{target}”。", month_name(m), r.name), format!("Missing figure: {label}, {}: reward {} needs {base}, {actual} and {target}.", month_name(m), r.name)).of_unit(code));
                            continue;
                        };
                        if t.is_zero() {
                            continue;
                        }
                        let rate = a / t;
                        if let Some(band) = bands.iter().find(|x| {
                            x.min.is_none_or(|v| rate >= v) && x.max.is_none_or(|v| rate < v)
                        }) {
                            total += round(b * band.rate, 2);
                        }
                    }
                    if !total.is_zero() {
                        out.push(RewardAmount {
                            reward: r.id.clone(),
                            unit: code.clone(),
                            amount: total,
                        });
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
