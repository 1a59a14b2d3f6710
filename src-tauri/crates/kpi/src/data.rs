//! Monthly figures: `unit,period,metric,value` rows, interned for fast lookup.

use std::io::Read;

use rustc_hash::FxHashMap as HashMap;

use branchdesk_domain::Period;
use rust_decimal::Decimal;

use crate::Problem;

/// A figure: a decimal, or a grade word (e.g. 有效落实).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Num(Decimal),
    Grade(String),
}

/// Checks one figure: a month `YYYY-MM`, non-empty unit and metric, and a value that is a
/// decimal or a grade word. `at_zh` / `at_en` say where it came from (e.g. 第 3 行 / line 3).
pub fn parse_row(
    at_zh: &str,
    at_en: &str,
    unit: &str,
    period: &str,
    metric: &str,
    value: &str,
) -> Result<(MonthIdx, Value), Problem> {
    let Some(month) = period.parse::<Period>().ok().and_then(month_idx) else {
        return Err(Problem::new(
            "data.period",
            format!("{at_zh}：期间 “{period}” 应为 YYYY-MM 格式的月份。"),
            format!("{at_en}: period {period:?} must be a month, YYYY-MM."),
        ));
    };
    if unit.is_empty() || metric.is_empty() || value.is_empty() {
        return Err(Problem::new(
            "data.empty",
            format!("{at_zh}：单位、数据项和数值都不能为空。"),
            format!("{at_en}: unit, metric and value must not be empty."),
        ));
    }
    match value.parse::<Decimal>() {
        Ok(d) => Ok((month, Value::Num(d))),
        Err(_) if value.chars().any(|c| c.is_ascii_digit()) => Err(Problem::new(
            "data.number",
            format!("{at_zh}：“{value}” 不是有效的数值。"),
            format!("{at_en}: {value:?} is not a number."),
        )),
        Err(_) => Ok((month, Value::Grade(value.to_string()))),
    }
}

/// A month as a number (year × 12 + month − 1), so that spans are ranges.
pub type MonthIdx = i32;

pub fn month_idx(p: Period) -> Option<MonthIdx> {
    match p {
        Period::Month { year, month } => Some(year * 12 + month as i32 - 1),
        _ => None,
    }
}

pub fn month_name(m: MonthIdx) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

#[derive(Debug, Default)]
pub struct Figures {
    units: Vec<String>,
    unit_ids: HashMap<String, u32>,
    metric_ids: HashMap<String, u32>,
    /// (unit, month) → its figures, indexed by metric id: one hash entry per unit-month
    /// instead of one per figure.
    rows: HashMap<(u32, MonthIdx), Vec<Option<Value>>>,
    count: usize,
    months: std::collections::BTreeSet<MonthIdx>,
    /// Unit code → name, for messages in words.
    names: HashMap<String, String>,
}

impl Figures {
    /// Names a unit for messages ("淄博市分公司" rather than ZB).
    pub fn name_unit(&mut self, code: &str, name: &str) {
        self.names.insert(code.to_string(), name.to_string());
    }

    /// A unit as messages name it: its name if known, else its code.
    pub fn unit_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.names.get(code).map_or(code, String::as_str)
    }

    /// The same figures without those of `units` (codes): what can still be scored when their
    /// figures cannot.
    pub fn without(&self, units: &std::collections::BTreeSet<String>) -> Figures {
        let mut metrics: Vec<(&String, &u32)> = self.metric_ids.iter().collect();
        metrics.sort_by_key(|(_, id)| **id);
        let mut out = Figures {
            names: self.names.clone(),
            ..Figures::default()
        };
        let mut keys: Vec<&(u32, MonthIdx)> = self.rows.keys().collect();
        keys.sort();
        for key @ (u, m) in keys {
            let row = &self.rows[key];
            let code = &self.units[*u as usize];
            if units.contains(code) {
                continue;
            }
            for (metric, id) in &metrics {
                if let Some(Some(v)) = row.get(**id as usize) {
                    out.insert(code, *m, metric, v.clone());
                }
            }
        }
        out
    }

    /// Sets a figure; a later value for the same unit, month and metric replaces the earlier.
    pub fn insert(&mut self, unit: &str, month: MonthIdx, metric: &str, value: Value) {
        // Look up before allocating: almost every row names a unit and metric seen before.
        let u = match self.unit_ids.get(unit) {
            Some(&u) => u,
            None => {
                let u = self.units.len() as u32;
                self.units.push(unit.to_string());
                self.unit_ids.insert(unit.to_string(), u);
                u
            }
        };
        let m = match self.metric_ids.get(metric) {
            Some(&m) => m,
            None => {
                let m = self.metric_ids.len() as u32;
                self.metric_ids.insert(metric.to_string(), m);
                m
            }
        };
        self.months.insert(month);
        let row = self.rows.entry((u, month)).or_default();
        if row.len() <= m as usize {
            row.resize(m as usize + 1, None);
        }
        if row[m as usize].replace(value).is_none() {
            self.count += 1;
        }
    }

    /// Unit codes in the order first seen.
    pub fn units(&self) -> &[String] {
        &self.units
    }

    pub fn months(&self) -> impl Iterator<Item = MonthIdx> + '_ {
        self.months.iter().copied()
    }

    pub fn metric_id(&self, metric: &str) -> Option<u32> {
        self.metric_ids.get(metric).copied()
    }

    pub fn get(&self, unit: u32, month: MonthIdx, metric: Option<u32>) -> Option<&Value> {
        self.rows
            .get(&(unit, month))?
            .get(metric? as usize)?
            .as_ref()
    }

    pub fn has_any(&self, unit: u32, month: MonthIdx) -> bool {
        self.rows.contains_key(&(unit, month))
    }

    /// How many figures are held.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Reads CSV with the header `unit,period,metric,value`. Every bad row is reported (with its
    /// line number); nothing is returned unless all rows are good.
    pub fn from_csv(reader: impl Read) -> Result<Figures, Vec<Problem>> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(reader);
        let mut problems = Vec::new();
        match rdr.headers() {
            Ok(h)
                if h.iter().map(str::trim).collect::<Vec<_>>()
                    == ["unit", "period", "metric", "value"] => {}
            Ok(h) => {
                let got = h.iter().collect::<Vec<_>>().join(",");
                return Err(vec![Problem::new(
                    "data.header",
                    format!("第 1 行：表头应为 unit,period,metric,value，实际为 {got}。"),
                    format!("line 1: the header must be unit,period,metric,value, not {got}."),
                )]);
            }
            Err(e) => {
                return Err(vec![Problem::new(
                    "data.csv",
                    format!("无法读取 CSV：{e}"),
                    format!("cannot read the CSV: {e}"),
                )])
            }
        }
        let mut figures = Figures::default();
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    problems.push(Problem::new(
                        "data.csv",
                        format!("CSV 格式错误：{e}"),
                        format!("malformed CSV: {e}"),
                    ));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != 4 {
                problems.push(Problem::new(
                    "data.row",
                    format!("第 {line} 行：应有 4 列，实际 {} 列。", record.len()),
                    format!("line {line}: expected 4 columns, found {}.", record.len()),
                ));
                continue;
            }
            let (unit, period, metric, value) = (
                record[0].trim(),
                record[1].trim(),
                record[2].trim(),
                record[3].trim(),
            );
            match parse_row(
                &format!("第 {line} 行"),
                &format!("line {line}"),
                unit,
                period,
                metric,
                value,
            ) {
                Ok((month, v)) => figures.insert(unit, month, metric, v),
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(figures)
        } else {
            Err(problems)
        }
    }
}
