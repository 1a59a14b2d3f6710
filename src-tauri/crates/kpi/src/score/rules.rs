//! Each rule of an indicator turns its measured value, rank or grades into points: percent,
//! target (a ÷ target, capped), rank bands, value bands (min ≤ value < max), grades, per item
//! (capped), linear interpolation between anchors, and base plus stepped bonus or penalty.

use rust_decimal::Decimal;

use super::measure::Measured;
use super::{round, Explain};
use crate::data::{month_name, MonthIdx, Value};
use crate::scheme::{Indicator, Order, Rule};
use crate::Problem;

/// The achievement rate a (1 = on target), recorded in the explanation.
pub(super) fn achievement(
    v: Decimal,
    target: Option<Decimal>,
    order: Order,
    e: &mut Explain,
) -> Decimal {
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

pub(super) fn rule_score(
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
            let band = bands
                .iter()
                .find(|b| r >= b.from && b.to.is_none_or(|t| r <= t))
                .ok_or_else(|| no_band(i, unit, &r.to_string()))?;
            e.step(|| {
                let to = band.to.map_or_else(|| "…".to_string(), |t| t.to_string());
                let pts = band.points.normalize();
                (
                    format!("名次档 {}–{to} → {pts} 分", band.from),
                    format!("rank band {}–{to} → {pts} points", band.from),
                )
            });
            band.points
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
            let band = bands
                .iter()
                .find(|b| b.min.is_none_or(|x| v >= x) && b.max.is_none_or(|x| v < x))
                .ok_or_else(|| no_band(i, unit, &v.to_string()))?;
            // The band that applied, as the scheme writes it: [0.9, 1) → 4 分.
            e.step(|| {
                let show = |d: Option<Decimal>, none: &str| {
                    d.map_or_else(|| none.to_string(), |d| d.normalize().to_string())
                };
                let (lo, hi) = (show(band.min, "−∞"), show(band.max, "+∞"));
                let pts = band.points.normalize();
                (
                    format!("所在区间 [{lo}, {hi}) → {pts} 分"),
                    format!("band [{lo}, {hi}) → {pts} points"),
                )
            });
            band.points
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

pub(super) fn show(v: &Value) -> String {
    match v {
        Value::Num(d) => d.to_string(),
        Value::Grade(g) => g.clone(),
    }
}

/// One month's score of a grade or per-item indicator.
pub(super) fn month_score(
    i: &Indicator,
    unit: &str,
    month: MonthIdx,
    v: &Value,
) -> Result<Decimal, Problem> {
    match (&i.rule, v) {
        (Rule::Grade { grades }, Value::Grade(g)) => grades.get(g).map(|x| x.0).ok_or_else(|| {
            let known: Vec<&str> = grades.keys().map(String::as_str).collect();
            Problem::new(
                "score.grade",
                format!(
                    "等级无效：{unit} {} 的“{g}”不是方案中的等级（{}）。",
                    month_name(month),
                    known.join("、")
                ),
                format!(
                    "Unknown grade: {unit}, {}: {g:?} is not one of {}.",
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
                "数值无效：{unit} {} 的指标“{}”为 {}。",
                month_name(month),
                i.name,
                show(v)
            ),
            format!(
                "Invalid value: {unit}, {}, indicator {}: {}.",
                month_name(month),
                i.name,
                show(v)
            ),
        )),
    }
}

pub(super) fn no_band(i: &Indicator, unit: &str, v: &str) -> Problem {
    Problem::new(
        "score.no_band",
        format!(
            "{unit} 的指标“{}”取值 {v} 不在任何分档内（请用 kpi check 检查方案）。",
            i.name
        ),
        format!(
            "{unit}, indicator {}: {v} falls in no band (run `kpi check` on the scheme).",
            i.name
        ),
    )
}

pub(super) fn interpolate(anchors: &[crate::scheme::Anchor], a: Decimal) -> Decimal {
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
