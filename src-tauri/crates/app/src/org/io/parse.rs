//! Cells into records, with a problem for every cell that is wrong.

use std::collections::HashMap;

use branchdesk_domain::{
    AssignmentKind, FieldKind, FieldValue, Fields, Label, Lang, PositionAttrs, UnitAttrs,
};

use super::read::RawTable;
use super::sheets::*;
use crate::shared::input::parse_date;

pub(super) struct UnitIn {
    pub(super) row: u32,
    pub(super) code: String,
    pub(super) attrs: UnitAttrs,
    pub(super) parent: Option<String>,
    pub(super) sort: Option<i64>,
}

pub(super) struct PositionIn {
    pub(super) row: u32,
    pub(super) code: String,
    pub(super) attrs: PositionAttrs,
    pub(super) unit: String,
    pub(super) superior: Option<String>,
    pub(super) sort: Option<i64>,
}

pub(super) struct PersonIn {
    pub(super) row: u32,
    pub(super) code: String,
    pub(super) name: String,
    pub(super) phone: String,
    pub(super) left_on: Option<String>,
}

pub(super) struct AssignIn {
    pub(super) row: u32,
    pub(super) person: String,
    pub(super) position: String,
    pub(super) kind: AssignmentKind,
    pub(super) start_on: String,
    pub(super) end_on: Option<String>,
}

#[derive(Default)]
pub(super) struct Parsed {
    pub(super) units: Vec<UnitIn>,
    pub(super) positions: Vec<PositionIn>,
    pub(super) people: Vec<PersonIn>,
    pub(super) assignments: Vec<AssignIn>,
}

pub(super) fn enum_cell<T: Label>(
    t: &RawTable,
    p: &mut Problems,
    row: u32,
    r: &[String],
    key: &'static str,
    what: (&str, &str),
) -> Option<T> {
    recognised(t, p, row, r, key, what, T::from_label, T::choices(Lang::Zh))
}

/// A cell that must be one of `choices` (read by `parse`), with the choices in the message.
#[allow(clippy::too_many_arguments)] // the cell's place (t, p, row, r, key) and what it is
fn recognised<T>(
    t: &RawTable,
    p: &mut Problems,
    row: u32,
    r: &[String],
    key: &'static str,
    what: (&str, &str),
    parse: impl Fn(&str) -> Option<T>,
    choices: Vec<&str>,
) -> Option<T> {
    let v = t.get(r, key);
    if v.is_empty() {
        return None;
    }
    let found = parse(v);
    if found.is_none() {
        p.at(
            t.sheet,
            row,
            key,
            format!("{}“{v}”无法识别，可填：{}。", what.0, choices.join("、")),
            format!(
                "{} \"{v}\" is not recognised; use one of: {}.",
                what.1,
                choices.join(", ")
            ),
        );
    }
    found
}

/// A unit's or a position's cells read through its declared fields: the values as stored
/// (references left empty) and the codes its references name.
pub(super) struct RecordCells {
    values: Vec<FieldValue>,
    /// Reference column key (`parent`, `unit`, `superior`) → the code in the cell.
    pub(super) refs: HashMap<&'static str, String>,
    /// 排序 as given (absent: keep the record's order).
    pub(super) sort: Option<i64>,
}

impl RecordCells {
    /// The record, or `None` after reporting a row that does not make one.
    pub(super) fn attrs<A: Fields>(
        &mut self,
        t: &RawTable,
        p: &mut Problems,
        row: u32,
    ) -> Option<A> {
        match A::from_values(std::mem::take(&mut self.values)) {
            Ok(a) => Some(a),
            Err(field) => {
                p.at(
                    t.sheet,
                    row,
                    "code",
                    format!("这一行的“{field}”无法读取。"),
                    format!("The {field} of this row cannot be read."),
                );
                None
            }
        }
    }
}

pub(super) fn record_cells<A: Fields>(
    t: &RawTable,
    p: &mut Problems,
    row: u32,
    r: &[String],
) -> RecordCells {
    let mut out = RecordCells {
        values: Vec::with_capacity(A::FIELDS.len()),
        refs: HashMap::new(),
        sort: None,
    };
    for f in A::FIELDS {
        let key = f.key();
        let en = f.sheet.en.to_lowercase();
        let absent = || {
            if f.nullable {
                FieldValue::Null
            } else {
                FieldValue::Text(String::new())
            }
        };
        let value = match f.kind {
            FieldKind::Text => FieldValue::Text(text_cell(t, p, row, r, key, (f.sheet.zh, &en))),
            FieldKind::Int => {
                out.sort = sort_cell(t, p, row, r);
                FieldValue::Int(0)
            }
            FieldKind::Bool => FieldValue::Int(i64::from(
                enum_cell::<bool>(t, p, row, r, key, (f.sheet.zh, f.sheet.en)).unwrap_or(false),
            )),
            FieldKind::Choice(c) => {
                let first = (c.choices)(Lang::Zh)
                    .first()
                    .and_then(|l| (c.parse)(l))
                    .unwrap_or_default();
                let fallback = if f.nullable {
                    FieldValue::Null
                } else {
                    FieldValue::Text(first.to_string())
                };
                if t.get(r, key).is_empty() {
                    text_cell(t, p, row, r, key, (f.sheet.zh, &en));
                    fallback
                } else {
                    recognised(
                        t,
                        p,
                        row,
                        r,
                        key,
                        (f.sheet.zh, f.sheet.en),
                        c.parse,
                        (c.choices)(Lang::Zh),
                    )
                    .map_or(fallback, |s| FieldValue::Text(s.to_string()))
                }
            }
            FieldKind::Ref(_) => {
                let code = text_cell(t, p, row, r, key, (f.sheet.zh, &en));
                if !code.is_empty() {
                    out.refs.insert(key, code);
                }
                absent()
            }
            FieldKind::Lines => {
                let lines = split_duties(t.get(r, key));
                FieldValue::Text(serde_json::to_string(&lines).unwrap_or_else(|_| "[]".into()))
            }
        };
        out.values.push(value);
    }
    out
}

pub(super) fn text_cell(
    t: &RawTable,
    p: &mut Problems,
    row: u32,
    r: &[String],
    key: &'static str,
    what: (&str, &str),
) -> String {
    let v = t.get(r, key);
    if v.is_empty() && t.sheet.cols().iter().any(|c| c.key == key && c.required) {
        p.at(
            t.sheet,
            row,
            key,
            format!("{}不能为空。", what.0),
            format!("The {} is missing.", what.1),
        );
    }
    v.to_string()
}

pub(super) fn date_cell(
    t: &RawTable,
    p: &mut Problems,
    row: u32,
    r: &[String],
    key: &'static str,
) -> Option<String> {
    let v = t.get(r, key);
    if v.is_empty() {
        return None;
    }
    let normalised = normalise_date(v);
    match normalised.as_deref().map(|d| parse_date("date", d)) {
        Some(Ok(d)) => Some(d),
        _ => {
            p.at(
                t.sheet,
                row,
                key,
                format!("“{v}”不是有效日期，请写成 2016-07-01。"),
                format!("\"{v}\" is not a date; write it as 2016-07-01."),
            );
            None
        }
    }
}

/// 2016/7/1, 2016.7.1, 2016年7月1日 → 2016-07-01; a bare number in a plausible range is an
/// Excel day number (a date cell that lost its date format: 42552 → 2016-07-01).
pub(super) fn normalise_date(s: &str) -> Option<String> {
    if let Ok(n) = s.parse::<i64>() {
        if (20_000..80_000).contains(&n) {
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
            return Some(
                (epoch + chrono::Duration::days(n))
                    .format("%Y-%m-%d")
                    .to_string(),
            );
        }
        return None;
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] => {
            let (y, m, d): (i32, u32, u32) = (
                y.trim().parse().ok()?,
                m.trim().parse().ok()?,
                d.trim().parse().ok()?,
            );
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

pub(super) fn sort_cell(t: &RawTable, p: &mut Problems, row: u32, r: &[String]) -> Option<i64> {
    let v = t.get(r, "sort");
    if v.is_empty() {
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            p.at(
                t.sheet,
                row,
                "sort",
                format!("排序“{v}”应为整数。"),
                format!("Order \"{v}\" must be a whole number."),
            );
            None
        }
    }
}

/// Duties typed one per line, with or without numbers (1. 1、 (1) ① 一、).
pub(super) fn split_duties(s: &str) -> Vec<String> {
    s.lines()
        .flat_map(|l| l.split(['；', ';']))
        .map(|l| {
            let l = l.trim();
            let rest = l.trim_start_matches(|c: char| {
                c.is_ascii_digit() || "一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩（()）".contains(c)
            });
            let stripped = rest.trim_start_matches(['.', '、', '．', ')', '）', ' ']);
            if stripped.len() < l.len() && !stripped.is_empty() && rest.len() != l.len() {
                stripped.trim().to_string()
            } else {
                l.to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

pub(super) fn parse(tables: &[RawTable], p: &mut Problems) -> Parsed {
    let mut out = Parsed::default();
    for t in tables {
        for (row, r) in &t.rows {
            let row = *row;
            match t.sheet {
                Sheet::Units => {
                    let code = text_cell(t, p, row, r, "code", ("编码", "code"));
                    let mut c = record_cells::<UnitAttrs>(t, p, row, r);
                    if let Some(attrs) = c.attrs(t, p, row) {
                        out.units.push(UnitIn {
                            row,
                            code,
                            attrs,
                            parent: c.refs.get("parent").cloned(),
                            sort: c.sort,
                        });
                    }
                }
                Sheet::Positions => {
                    let code = text_cell(t, p, row, r, "code", ("编码", "code"));
                    let mut c = record_cells::<PositionAttrs>(t, p, row, r);
                    if let Some(attrs) = c.attrs(t, p, row) {
                        out.positions.push(PositionIn {
                            row,
                            code,
                            attrs,
                            unit: c.refs.get("unit").cloned().unwrap_or_default(),
                            superior: c.refs.get("superior").cloned(),
                            sort: c.sort,
                        });
                    }
                }
                Sheet::People => out.people.push(PersonIn {
                    row,
                    code: text_cell(t, p, row, r, "code", ("工号", "staff number")),
                    name: text_cell(t, p, row, r, "name", ("姓名", "name")),
                    phone: t.get(r, "phone").to_string(),
                    left_on: date_cell(t, p, row, r, "left_on"),
                }),
                Sheet::Assignments => {
                    let person = text_cell(t, p, row, r, "person", ("工号", "staff number"));
                    let position =
                        text_cell(t, p, row, r, "position", ("岗位编码", "position code"));
                    let kind =
                        enum_cell::<AssignmentKind>(t, p, row, r, "kind", ("任职类型", "Kind"))
                            .unwrap_or_default();
                    let start_on = date_cell(t, p, row, r, "start_on");
                    if start_on.is_none() && t.get(r, "start_on").is_empty() {
                        p.at(
                            t.sheet,
                            row,
                            "start_on",
                            "开始日期不能为空。".into(),
                            "The start date is missing.".into(),
                        );
                    }
                    let end_on = date_cell(t, p, row, r, "end_on");
                    if let (Some(s), Some(e)) = (&start_on, &end_on) {
                        if e < s {
                            p.at(
                                t.sheet,
                                row,
                                "end_on",
                                "结束日期早于开始日期。".into(),
                                "The end date is before the start date.".into(),
                            );
                        }
                    }
                    out.assignments.push(AssignIn {
                        row,
                        person,
                        position,
                        kind,
                        start_on: start_on.unwrap_or_default(),
                        end_on,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duties_lose_their_numbers_but_keep_their_text() {
        assert_eq!(
            split_duties("1. 制定计划\n2、组织实施\n（3）检查；4.总结"),
            ["制定计划", "组织实施", "检查", "总结"]
        );
        assert_eq!(split_duties("负责 2016 年计划"), ["负责 2016 年计划"]);
        assert_eq!(
            split_duties("①对外联络\n\n②内部协调"),
            ["对外联络", "内部协调"]
        );
    }

    #[test]
    fn dates_in_office_spellings() {
        assert_eq!(normalise_date("2016/7/1").as_deref(), Some("2016-07-01"));
        assert_eq!(
            normalise_date("2016年7月1日").as_deref(),
            Some("2016-07-01")
        );
        assert_eq!(normalise_date("2016.07.01").as_deref(), Some("2016-07-01"));
        assert_eq!(normalise_date("七月"), None);
        assert_eq!(normalise_date("42552").as_deref(), Some("2016-07-01"));
        assert_eq!(normalise_date("2016"), None);
    }
}
