//! Cells into records, with a problem for every cell that is wrong.

use branchdesk_domain::{
    AssignmentKind, ControlMode, Label, Lang, Ownership, PositionAttrs, PositionStatus, UnitAttrs,
    UnitKind,
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
    let v = t.get(r, key);
    if v.is_empty() {
        return None;
    }
    let found = T::from_label(v);
    if found.is_none() {
        p.at(
            t.sheet,
            row,
            key,
            format!(
                "{}“{v}”无法识别，可填：{}。",
                what.0,
                T::choices(Lang::Zh).join("、")
            ),
            format!(
                "{} \"{v}\" is not recognised; use one of: {}.",
                what.1,
                T::choices(Lang::Zh).join(", ")
            ),
        );
    }
    found
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
                    let name = text_cell(t, p, row, r, "name", ("名称", "name"));
                    let kind = enum_cell::<UnitKind>(t, p, row, r, "kind", ("类型", "Type"));
                    if kind.is_none() && t.get(r, "kind").is_empty() {
                        p.at(
                            t.sheet,
                            row,
                            "kind",
                            "类型不能为空。".into(),
                            "The type is missing.".into(),
                        );
                    }
                    let attrs = UnitAttrs {
                        name,
                        kind: kind.unwrap_or(UnitKind::Department),
                        parent_id: None,
                        control_mode: enum_cell::<ControlMode>(
                            t,
                            p,
                            row,
                            r,
                            "control_mode",
                            ("管控模式", "Control mode"),
                        ),
                        ownership: enum_cell::<Ownership>(
                            t,
                            p,
                            row,
                            r,
                            "ownership",
                            ("股权", "Ownership"),
                        ),
                        industry: t.get(r, "industry").to_string(),
                        econ_assessed: enum_cell::<bool>(
                            t,
                            p,
                            row,
                            r,
                            "econ_assessed",
                            ("经济责任制考核", "Econ. assessment"),
                        )
                        .unwrap_or(false),
                        sort: 0,
                        closed: enum_cell::<bool>(t, p, row, r, "closed", ("已撤销", "Closed"))
                            .unwrap_or(false),
                    };
                    let parent = Some(t.get(r, "parent").to_string()).filter(|s| !s.is_empty());
                    let sort = sort_cell(t, p, row, r);
                    out.units.push(UnitIn {
                        row,
                        code,
                        attrs,
                        parent,
                        sort,
                    });
                }
                Sheet::Positions => {
                    let code = text_cell(t, p, row, r, "code", ("编码", "code"));
                    let unit = text_cell(t, p, row, r, "unit", ("所属单位编码", "unit code"));
                    let title = text_cell(t, p, row, r, "title", ("岗位名称", "title"));
                    let attrs = PositionAttrs {
                        unit_id: String::new(),
                        title,
                        superior_id: None,
                        description: t.get(r, "description").to_string(),
                        duties: split_duties(t.get(r, "duties")),
                        status: enum_cell::<PositionStatus>(
                            t,
                            p,
                            row,
                            r,
                            "status",
                            ("状态", "Status"),
                        )
                        .unwrap_or_default(),
                        sort: 0,
                        closed: enum_cell::<bool>(t, p, row, r, "closed", ("已撤销", "Closed"))
                            .unwrap_or(false),
                    };
                    let superior = Some(t.get(r, "superior").to_string()).filter(|s| !s.is_empty());
                    let sort = sort_cell(t, p, row, r);
                    out.positions.push(PositionIn {
                        row,
                        code,
                        attrs,
                        unit,
                        superior,
                        sort,
                    });
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
