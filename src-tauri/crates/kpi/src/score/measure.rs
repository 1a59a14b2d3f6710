//! An indicator's value for a unit over the months scored: cumulative values are ratios of sums
//! (Σ numerators ÷ Σ denominators), never the mean of monthly ratios.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::data::{month_name, Figures, MonthIdx, Value};
use crate::scheme::{Aggregate, Indicator, Rule};
use crate::Problem;

/// The value of one indicator for one unit over `span`, or the reason it has none.
pub(super) enum Measured {
    /// The value, and for ratios (Σ numerators, Σ denominators).
    Num(Decimal, Option<(Decimal, Decimal)>),
    /// Grades and per-item counts are scored month by month: (month, value) pairs.
    Monthly(Vec<(MonthIdx, Value)>),
}

pub(super) fn measure(
    f: &Figures,
    ids: &BTreeMap<&str, Option<u32>>,
    unit: (u32, &str),
    i: &Indicator,
    span: &[MonthIdx],
    metric_names: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Option<Measured> {
    // Messages name the unit and the metric as people know them.
    let label = f.unit_label(unit.1);
    let named = |metric: &str| -> String {
        metric_names
            .get(metric)
            .cloned()
            .unwrap_or_else(|| metric.to_string())
    };
    let get = |metric: &str, m: MonthIdx, problems: &mut Vec<Problem>| -> Option<Value> {
        let v = f
            .get(unit.0, m, ids.get(metric).copied().flatten())
            .cloned();
        if v.is_none() {
            let (month, name) = (month_name(m), named(metric));
            problems.push(
                Problem::new(
                    "score.missing",
                    format!("缺少数据：{label} {month} 的“{name}”。"),
                    format!("Missing figure: {name} of {label} for {month}."),
                )
                .of_unit(unit.1)
                .missing_figure(&month, &name),
            );
        }
        v
    };
    let num = |metric: &str, m: MonthIdx, problems: &mut Vec<Problem>| -> Option<Decimal> {
        let (month, name) = (month_name(m), named(metric));
        match get(metric, m, problems)? {
            Value::Num(d) if d < Decimal::ZERO && !metric.contains("amount") => {
                problems.push(
                    Problem::new(
                        "score.negative",
                        format!("数值为负：{label} {month} 的“{name}”为 {d}。"),
                        format!("Negative figure: {name} of {label} for {month} is {d}."),
                    )
                    .of_unit(unit.1),
                );
                None
            }
            Value::Num(d) => Some(d),
            Value::Grade(g) => {
                problems.push(
                    Problem::new(
                        "score.not_a_number",
                        format!("应为数值：{label} {month} 的“{name}”为“{g}”。"),
                        format!("Not a number: {name} of {label} for {month} is {g:?}."),
                    )
                    .of_unit(unit.1),
                );
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
                let (from, to) = (month_name(span[0]), month_name(span[span.len() - 1]));
                let months = if from == to {
                    from.clone()
                } else {
                    format!("{from} 至 {to}")
                };
                let months_en = if from == to {
                    from
                } else {
                    format!("{from} to {to}")
                };
                let name = named(d);
                problems.push(
                    Problem::new(
                        "score.div_zero",
                        format!("{label} {months} 的“{name}”合计为 0，不能作为“{}”的除数。", i.name),
                        format!("{name} of {label} adds up to 0 for {months_en}, so {} cannot be worked out.", i.name),
                    )
                    .of_unit(unit.1),
                );
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
/// The inputs of a score as people read them: the scheme's metric names, not their ids.
pub(super) fn inputs_of(
    i: &Indicator,
    m: &Measured,
    metric_names: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let named = |id: &String| metric_names.get(id).unwrap_or(id).clone();
    match (m, &i.ratio, &i.metric) {
        (Measured::Num(_, Some((n, d))), Some([nn, dn]), _) => BTreeMap::from([
            (format!("Σ {}", named(nn)), n.to_string()),
            (format!("Σ {}", named(dn)), d.to_string()),
        ]),
        (Measured::Num(v, None), _, Some(metric)) => {
            BTreeMap::from([(named(metric), v.to_string())])
        }
        _ => BTreeMap::new(),
    }
}
