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
pub(super) fn inputs_of(i: &Indicator, m: &Measured) -> BTreeMap<String, String> {
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
