//! The scoring engine.

use std::collections::BTreeMap;

use branchdesk_domain::Period;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use ts_rs::TS;

use crate::data::{month_idx, month_name, Figures, MonthIdx, Value};
use crate::scheme::{Aggregate, Annual, Indicator, Order, PrizePeriod, RewardKind, Rule, Scheme};
use crate::Problem;

#[derive(Debug, Clone, Copy)]
pub struct ScoreOptions {
    pub period: Period,
    /// Score from the window's start through the period's end.
    pub cumulative: bool,
    /// Record how every score came about (inputs, formula, steps).
    pub explain: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
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

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitScore {
    pub unit: String,
    #[ts(type = "string")]
    pub total: Decimal,
    pub rank: u32,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, string>", optional)]
    pub sections: BTreeMap<String, Decimal>,
    pub indicators: Vec<IndicatorScore>,
}

#[derive(Debug, Clone, Serialize, TS)]
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

/// How a score came about: inputs, formula and intermediate values.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct Explain {
    pub formula: String,
    pub formula_zh: String,
    pub inputs: BTreeMap<String, String>,
    pub steps: Vec<String>,
    pub steps_zh: Vec<String>,
    /// Recording is off unless an explanation was asked for: building 90,000 of them for
    /// nothing was most of the scoring time at 3,000 units.
    #[serde(skip)]
    #[ts(skip)]
    on: bool,
}

impl Explain {
    fn new(on: bool) -> Explain {
        Explain {
            on,
            ..Explain::default()
        }
    }
    /// Records the formula, as (Chinese, English).
    fn set_formula(&mut self, f: impl FnOnce() -> (String, String)) {
        if self.on {
            (self.formula_zh, self.formula) = f();
        }
    }
    /// Records a step, as (Chinese, English).
    fn step(&mut self, f: impl FnOnce() -> (String, String)) {
        if self.on {
            let (zh, en) = f();
            self.steps_zh.push(zh);
            self.steps.push(en);
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RewardAmount {
    pub reward: String,
    pub unit: String,
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Half-up rounding to `dp` places, always showing `dp` places (9.44, 10.00).
fn round(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Months of the window [start, end], as indices.
fn window(s: &Scheme) -> (MonthIdx, MonthIdx) {
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
    let rewards = rewards(s, f, &units, &span, &out, opts)?;
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
fn units_in(f: &Figures, span: &[MonthIdx]) -> Vec<(u32, String)> {
    f.units()
        .iter()
        .zip(0u32..)
        .filter(|&(_, u)| span.iter().any(|&m| f.has_any(u, m)))
        .map(|(code, u)| (u, code.clone()))
        .collect()
}

struct Scored {
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

/// The value of one indicator for one unit over `span`, or the reason it has none.
enum Measured {
    /// The value, and for ratios (Σ numerators, Σ denominators).
    Num(Decimal, Option<(Decimal, Decimal)>),
    /// Grades and per-item counts are scored month by month: (month, value) pairs.
    Monthly(Vec<(MonthIdx, Value)>),
}

fn measure(
    f: &Figures,
    ids: &BTreeMap<&str, Option<u32>>,
    unit: (u32, &str),
    i: &Indicator,
    span: &[MonthIdx],
    problems: &mut Vec<Problem>,
) -> Option<Measured> {
    let get = |metric: &str, m: MonthIdx, problems: &mut Vec<Problem>| -> Option<Value> {
        let v = f
            .get(unit.0, m, ids.get(metric).copied().flatten())
            .cloned();
        if v.is_none() {
            problems.push(Problem::new(
                "score.missing",
                format!(
                    "缺少数据：单位 {}，{}，数据项 {metric}。",
                    unit.1,
                    month_name(m)
                ),
                format!(
                    "Missing figure: unit {}, {}, metric {metric}.",
                    unit.1,
                    month_name(m)
                ),
            ));
        }
        v
    };
    let num = |metric: &str, m: MonthIdx, problems: &mut Vec<Problem>| -> Option<Decimal> {
        match get(metric, m, problems)? {
            Value::Num(d) if d < Decimal::ZERO && !metric.contains("amount") => {
                problems.push(Problem::new(
                    "score.negative",
                    format!(
                        "数值为负：单位 {}，{}，数据项 {metric} = {d}。",
                        unit.1,
                        month_name(m)
                    ),
                    format!(
                        "Negative figure: unit {}, {}, metric {metric} = {d}.",
                        unit.1,
                        month_name(m)
                    ),
                ));
                None
            }
            Value::Num(d) => Some(d),
            Value::Grade(g) => {
                problems.push(Problem::new(
                    "score.not_a_number",
                    format!(
                        "应为数值：单位 {}，{}，数据项 {metric} = “{g}”。",
                        unit.1,
                        month_name(m)
                    ),
                    format!(
                        "Not a number: unit {}, {}, metric {metric} = {g:?}.",
                        unit.1,
                        month_name(m)
                    ),
                ));
                None
            }
        }
    };
    match (&i.ratio, &i.metric, &i.rule) {
        (Some([n, d]), _, _) => {
            let before = problems.len();
            let (mut sn, mut sd) = (Decimal::ZERO, Decimal::ZERO);
            for &m in span {
                if let (Some(a), Some(b)) = (num(n, m, problems), num(d, m, problems)) {
                    sn += a;
                    sd += b;
                }
            }
            if problems.len() > before {
                return None;
            }
            if sd.is_zero() {
                problems.push(Problem::new(
                    "score.div_zero",
                    format!(
                        "除数为零：单位 {}，{} 至 {}，数据项 {d} 合计为 0。",
                        unit.1,
                        month_name(span[0]),
                        month_name(span[span.len() - 1])
                    ),
                    format!(
                        "Division by zero: unit {}, {} to {}, metric {d} adds up to 0.",
                        unit.1,
                        month_name(span[0]),
                        month_name(span[span.len() - 1])
                    ),
                ));
                return None;
            }
            Some(Measured::Num(sn / sd, Some((sn, sd))))
        }
        (None, Some(metric), Rule::Grade { .. } | Rule::PerItem { .. }) => {
            let mut out = Vec::new();
            for &m in span {
                out.push((m, get(metric, m, problems)?));
            }
            Some(Measured::Monthly(out))
        }
        (None, Some(metric), _) => {
            let before = problems.len();
            let vals: Vec<Decimal> = span
                .iter()
                .filter_map(|&m| num(metric, m, problems))
                .collect();
            if problems.len() > before || vals.is_empty() {
                return None;
            }
            let v = match i.aggregate {
                Aggregate::Sum => vals.iter().sum(),
                Aggregate::Mean => vals.iter().sum::<Decimal>() / Decimal::from(vals.len()),
                Aggregate::Last => vals[vals.len() - 1],
            };
            Some(Measured::Num(v, None))
        }
        (None, None, _) => None,
    }
}

/// Competition ranks (1, 2, 2, 4) of `values`; `Desc` ranks the largest first.
fn inputs_of(i: &Indicator, m: &Measured) -> BTreeMap<String, String> {
    match (m, &i.ratio, &i.metric) {
        (Measured::Num(_, Some((n, d))), Some([nn, dn]), _) => BTreeMap::from([
            (format!("Σ {nn}"), n.to_string()),
            (format!("Σ {dn}"), d.to_string()),
        ]),
        (Measured::Num(v, None), _, Some(metric)) => {
            BTreeMap::from([(metric.clone(), v.to_string())])
        }
        _ => BTreeMap::new(),
    }
}

fn competition_ranks(values: &[Decimal], order: Order) -> Vec<u32> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| match order {
        Order::Desc => values[b].cmp(&values[a]),
        Order::Asc => values[a].cmp(&values[b]),
    });
    let mut ranks = vec![0u32; values.len()];
    for (pos, &i) in idx.iter().enumerate() {
        ranks[i] = if pos > 0 && values[idx[pos - 1]] == values[i] {
            ranks[idx[pos - 1]]
        } else {
            pos as u32 + 1
        };
    }
    ranks
}

fn score_span(
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
                .map(|(u, code)| measure(f, &ids, (*u, code), i, span, &mut problems))
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
            match rule_score(i, &m, rank, &out[k].unit, explain_on) {
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
                        explain.inputs = inputs_of(i, &m);
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
                Err(p) => problems.push(p),
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

/// The achievement rate a (1 = on target), recorded in the explanation.
fn achievement(v: Decimal, target: Option<Decimal>, order: Order, e: &mut Explain) -> Decimal {
    let a = match (target, order) {
        (Some(t), Order::Desc) if !t.is_zero() => v / t,
        (Some(t), Order::Asc) if !v.is_zero() => t / v,
        (Some(_), Order::Asc) => Decimal::MAX,
        (_, Order::Asc) => Decimal::TWO - v,
        _ => v,
    };
    e.step(|| {
        let shown = round(a.min(Decimal::from(1_000_000)), 6).normalize();
        let v = round(v, 6).normalize();
        match (target, order) {
            (Some(t), Order::Desc) => (
                format!("完成率 a = 实际值 ÷ 目标值 = {v} ÷ {t} = {shown}"),
                format!("a = value ÷ target = {v} ÷ {t} = {shown}"),
            ),
            (Some(t), Order::Asc) => (
                format!("完成率 a = 目标值 ÷ 实际值 = {t} ÷ {v} = {shown}（越低越好）"),
                format!("a = target ÷ value = {t} ÷ {v} = {shown}"),
            ),
            (None, Order::Asc) => (
                format!("a = 2 − 实际值 = 2 − {v} = {shown}（越低越好）"),
                format!("a = 2 − value = 2 − {v} = {shown}"),
            ),
            (None, Order::Desc) => (
                format!("a = 实际值 = {shown}"),
                format!("a = value = {shown}"),
            ),
        }
    });
    a
}

fn rule_score(
    i: &Indicator,
    m: &Measured,
    rank: Option<u32>,
    unit: &str,
    explain: bool,
) -> Result<(Decimal, Explain), Problem> {
    let p = i.points;
    let mut e = Explain::new(explain);
    let value = || match m {
        Measured::Num(v, _) => *v,
        Measured::Monthly(_) => Decimal::ZERO,
    };
    let sc = match &i.rule {
        Rule::Percent => {
            let v = value();
            let r = if i.order == Order::Asc {
                Decimal::ONE - v
            } else {
                v
            };
            let r = r.clamp(Decimal::ZERO, Decimal::ONE);
            e.set_formula(|| {
                (
                    format!("min(比率, 1) × {p}"),
                    format!("min(ratio, 1) × {p}"),
                )
            });
            e.step(|| {
                let v = round(v, 6).normalize();
                (format!("比率 = {v}"), format!("ratio = {v}"))
            });
            r * p
        }
        Rule::Target { target, cap } => {
            let t = target.ok_or_else(|| {
                Problem::new(
                    "score.target_unset",
                    format!("指标“{}”的目标值尚未设定，无法计分。", i.name),
                    format!(
                        "Indicator {}: the target is not set, so it cannot be scored.",
                        i.name
                    ),
                )
            })?;
            e.set_formula(|| {
                (
                    format!("min(a, {cap}) × {p}"),
                    format!("min(a, {cap}) × {p}"),
                )
            });
            let a = achievement(value(), Some(t), i.order, &mut e);
            a.clamp(Decimal::ZERO, *cap) * p
        }
        Rule::Rank { bands } => {
            let r = rank.unwrap_or(u32::MAX);
            e.set_formula(|| {
                (
                    "按名次所在档位得分".into(),
                    "points of the rank band".into(),
                )
            });
            e.step(|| match i.order {
                Order::Asc => (
                    format!("名次 = {r}（越低越好）"),
                    format!("rank = {r} (lower is better)"),
                ),
                Order::Desc => (
                    format!("名次 = {r}（越高越好）"),
                    format!("rank = {r} (higher is better)"),
                ),
            });
            bands
                .iter()
                .find(|b| r >= b.from && b.to.is_none_or(|t| r <= t))
                .map(|b| b.points)
                .ok_or_else(|| no_band(i, unit, &r.to_string()))?
        }
        Rule::Bands { bands } => {
            let v = value();
            e.set_formula(|| {
                (
                    "按取值所在区间得分（下限含、上限不含）".into(),
                    "points of the band min ≤ value < max".into(),
                )
            });
            e.step(|| {
                let v = round(v, 6).normalize();
                (format!("取值 = {v}"), format!("value = {v}"))
            });
            bands
                .iter()
                .find(|b| b.min.is_none_or(|x| v >= x) && b.max.is_none_or(|x| v < x))
                .map(|b| b.points)
                .ok_or_else(|| no_band(i, unit, &v.to_string()))?
        }
        Rule::Grade { .. } | Rule::PerItem { .. } => {
            let Measured::Monthly(vals) = m else {
                return Err(Problem::new(
                    "score.internal",
                    "内部错误：等级指标缺少逐月数据。".into(),
                    "internal error: no monthly values for a grade or count.".into(),
                ));
            };
            e.set_formula(|| match &i.rule {
                Rule::PerItem { each } => (
                    format!("各月 min({each} × 件数, {p}) 的平均"),
                    format!("mean over months of min({each} × count, {p})"),
                ),
                _ => (
                    "各月等级得分的平均".into(),
                    "mean over months of the grade's points".into(),
                ),
            });
            let mut sum = Decimal::ZERO;
            for (month, v) in vals {
                let s = month_score(i, unit, *month, v)?;
                e.step(|| {
                    let line = format!("{}: {} → {s}", month_name(*month), show(v));
                    (line.clone(), line)
                });
                sum += s;
            }
            sum / Decimal::from(vals.len().max(1))
        }
        Rule::Linear { target, anchors } => {
            e.set_formula(|| {
                (
                    format!("锚点间线性插值得分比例 × {p}"),
                    format!("interpolate share between anchors × {p}"),
                )
            });
            let a = achievement(value(), *target, i.order, &mut e);
            let share = interpolate(anchors, a);
            e.step(|| {
                let v = round(share, 6).normalize();
                (format!("得分比例 = {v}"), format!("share = {v}"))
            });
            share * p
        }
        Rule::Step {
            target,
            base,
            step,
            bonus,
            bonus_cap,
            penalty,
            penalty_cap,
        } => {
            e.set_formula(|| {
                (
                    format!("{base} + min(⌊(a − 1) ÷ {step}⌋ × {bonus}, {bonus_cap})，未达目标时 − min(⌊(1 − a) ÷ {step}⌋ × {penalty}, {penalty_cap})"),
                    format!("{base} + min(⌊(a − 1) ÷ {step}⌋ × {bonus}, {bonus_cap}) or − min(⌊(1 − a) ÷ {step}⌋ × {penalty}, {penalty_cap})"),
                )
            });
            let a = achievement(value(), *target, i.order, &mut e);
            let diff = a - Decimal::ONE;
            if diff >= Decimal::ZERO {
                let n = (diff / *step).floor();
                *base + (n * *bonus).min(*bonus_cap)
            } else {
                let n = (-diff / *step).floor();
                *base - (n * *penalty).min(*penalty_cap)
            }
        }
    };
    Ok((sc, e))
}

fn show(v: &Value) -> String {
    match v {
        Value::Num(d) => d.to_string(),
        Value::Grade(g) => g.clone(),
    }
}

/// One month's score of a grade or per-item indicator.
fn month_score(i: &Indicator, unit: &str, month: MonthIdx, v: &Value) -> Result<Decimal, Problem> {
    match (&i.rule, v) {
        (Rule::Grade { grades }, Value::Grade(g)) => grades.get(g).map(|x| x.0).ok_or_else(|| {
            let known: Vec<&str> = grades.keys().map(String::as_str).collect();
            Problem::new(
                "score.grade",
                format!(
                    "等级无效：单位 {unit}，{}，“{g}” 不是方案中的等级（{}）。",
                    month_name(month),
                    known.join("、")
                ),
                format!(
                    "Unknown grade: unit {unit}, {}, {g:?} is not one of {}.",
                    month_name(month),
                    known.join(", ")
                ),
            )
        }),
        (Rule::PerItem { each }, Value::Num(n)) if *n >= Decimal::ZERO => {
            Ok((*each * *n).min(i.points))
        }
        _ => Err(Problem::new(
            "score.value",
            format!(
                "数值无效：单位 {unit}，{}，指标“{}”的值为 {}。",
                month_name(month),
                i.name,
                show(v)
            ),
            format!(
                "Invalid value: unit {unit}, {}, indicator {}: {}.",
                month_name(month),
                i.name,
                show(v)
            ),
        )),
    }
}

fn no_band(i: &Indicator, unit: &str, v: &str) -> Problem {
    Problem::new(
        "score.no_band",
        format!(
            "单位 {unit} 的指标“{}”取值 {v} 不在任何分档内（请用 kpi check 检查方案）。",
            i.name
        ),
        format!(
            "Unit {unit}, indicator {}: {v} falls in no band (run `kpi check` on the scheme).",
            i.name
        ),
    )
}

fn interpolate(anchors: &[crate::scheme::Anchor], a: Decimal) -> Decimal {
    let (Some(first), Some(last)) = (anchors.first(), anchors.last()) else {
        return Decimal::ZERO;
    };
    if a < first.at {
        return Decimal::ZERO;
    }
    if a >= last.at {
        return last.share;
    }
    for w in anchors.windows(2) {
        let (x0, x1) = (&w[0], &w[1]);
        if a >= x0.at && a < x1.at {
            return x0.share + (a - x0.at) * (x1.share - x0.share) / (x1.at - x0.at);
        }
    }
    last.share
}

/// Whether rank prizes given `per` a kind of period apply to a score of `period`.
fn prize_applies(per: PrizePeriod, period: Period, cumulative: bool) -> bool {
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

fn rewards(
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
                            problems.push(Problem::new("score.missing", format!("缺少数据：单位 {code}，{}，奖励“{}”需要 {base}、{actual}、{target}。", month_name(m), r.name), format!("Missing figure: unit {code}, {}, reward {} needs {base}, {actual} and {target}.", month_name(m), r.name)));
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
