//! The organisation as spreadsheets: one sheet (or CSV file) per entity with Chinese headers
//! (English accepted), a blank template to fill in, export, and an all-or-nothing import that
//! lists every problem with its sheet, row and column.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use branchdesk_domain::{
    AssignmentKind, ControlMode, Lang, Ownership, PositionAttrs, PositionStatus, UnitAttrs,
    UnitKind,
};
use branchdesk_store::Writer;
use serde::Serialize;
use ts_rs::TS;

use crate::labels::Label;
use crate::org::{check_from, cycles, parse_date};
use crate::sheet::{cell_text, DateCell};
use crate::{today, App, AppError, Result};

// ---- Sheets and columns --------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Sheet {
    Units,
    Positions,
    People,
    Assignments,
}

struct Col {
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    required: bool,
    help: &'static str,
}

const fn col(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    required: bool,
    help: &'static str,
) -> Col {
    Col {
        key,
        zh,
        en,
        required,
        help,
    }
}

const SHEETS: [Sheet; 4] = [
    Sheet::Units,
    Sheet::Positions,
    Sheet::People,
    Sheet::Assignments,
];

impl Sheet {
    fn zh(self) -> &'static str {
        match self {
            Sheet::Units => "单位",
            Sheet::Positions => "岗位",
            Sheet::People => "人员",
            Sheet::Assignments => "任职",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Sheet::Units => "Units",
            Sheet::Positions => "Positions",
            Sheet::People => "People",
            Sheet::Assignments => "Assignments",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            Sheet::Units => "units",
            Sheet::Positions => "positions",
            Sheet::People => "people",
            Sheet::Assignments => "assignments",
        }
    }

    fn cols(self) -> &'static [Col] {
        match self {
            Sheet::Units => {
                const C: &[Col] = &[
                    col(
                        "code",
                        "编码",
                        "Code",
                        true,
                        "单位编码，唯一，导入后不可修改，如 ZB-ZD",
                    ),
                    col("name", "名称", "Name", true, "单位全称"),
                    col(
                        "kind",
                        "类型",
                        "Type",
                        true,
                        "集团、区域/板块、子公司、分公司（支公司）、办事处、部门",
                    ),
                    col(
                        "parent",
                        "上级单位编码",
                        "Parent code",
                        false,
                        "上级单位的编码；集团留空",
                    ),
                    col(
                        "control_mode",
                        "管控模式",
                        "Control mode",
                        false,
                        "运营管控型、战略管控型、财务管控型（子公司、分公司填写）",
                    ),
                    col("ownership", "股权", "Ownership", false, "控股、参股"),
                    col("industry", "行业", "Industry", false, "所属行业或板块"),
                    col(
                        "econ_assessed",
                        "经济责任制考核",
                        "Econ. assessment",
                        false,
                        "是、否（默认否）",
                    ),
                    col("sort", "排序", "Order", false, "整数，越小越靠前"),
                    col(
                        "closed",
                        "已撤销",
                        "Closed",
                        false,
                        "是、否（默认否）；撤销的单位保留历史",
                    ),
                ];
                C
            }
            Sheet::Positions => {
                const C: &[Col] = &[
                    col("code", "编码", "Code", true, "岗位编码，唯一，如 ZB-P-OPSD"),
                    col(
                        "unit",
                        "所属单位编码",
                        "Unit code",
                        true,
                        "岗位所在单位（部门）的编码",
                    ),
                    col("title", "岗位名称", "Title", true, "如 运营总监"),
                    col(
                        "superior",
                        "直属上级岗位编码",
                        "Superior code",
                        false,
                        "直属上级（行政隶属）岗位的编码，可在其他单位；最高岗位留空",
                    ),
                    col(
                        "description",
                        "职责描述",
                        "Role description",
                        false,
                        "一段话",
                    ),
                    col(
                        "duties",
                        "主要职责",
                        "Main duties",
                        false,
                        "每行一条，可带 1. 2. 编号",
                    ),
                    col(
                        "status",
                        "状态",
                        "Status",
                        false,
                        "正常、空缺、待招聘（待招聘岗位不计入在编人数）",
                    ),
                    col("sort", "排序", "Order", false, "整数，越小越靠前"),
                    col("closed", "已撤销", "Closed", false, "是、否（默认否）"),
                ];
                C
            }
            Sheet::People => {
                const C: &[Col] = &[
                    col("code", "工号", "Staff no.", true, "人员编号，唯一"),
                    col("name", "姓名", "Name", true, ""),
                    col("phone", "电话", "Phone", false, ""),
                    col(
                        "left_on",
                        "离职日期",
                        "Left on",
                        false,
                        "最后工作日，如 2016-06-30；在职留空",
                    ),
                ];
                C
            }
            Sheet::Assignments => {
                const C: &[Col] = &[
                    col("person", "工号", "Staff no.", true, "人员的工号"),
                    col(
                        "position",
                        "岗位编码",
                        "Position code",
                        true,
                        "所任岗位的编码",
                    ),
                    col(
                        "kind",
                        "任职类型",
                        "Kind",
                        false,
                        "任职、代理、兼职（默认任职）",
                    ),
                    col("start_on", "开始日期", "Start", true, "如 2016-01-01"),
                    col("end_on", "结束日期", "End", false, "最后一天；仍在任留空"),
                ];
                C
            }
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh()
        } else {
            self.en()
        }
    }

    fn from_name(s: &str) -> Option<Sheet> {
        let s = s.trim();
        SHEETS.into_iter().find(|sh| {
            sh.zh() == s
                || sh.en().eq_ignore_ascii_case(s)
                || s.to_ascii_lowercase().ends_with(sh.file_suffix())
        })
    }

    /// The sheet whose required columns all appear in `headers` (the most specific first).
    fn from_headers(headers: &[String]) -> Option<Sheet> {
        [
            Sheet::Assignments,
            Sheet::Positions,
            Sheet::People,
            Sheet::Units,
        ]
        .into_iter()
        .find(|sh| {
            sh.cols()
                .iter()
                .filter(|c| c.required)
                .all(|c| headers.iter().any(|h| header_is(h, c)))
        })
    }
}

fn header_is(h: &str, c: &Col) -> bool {
    let h = h.trim().trim_end_matches(['*', '＊']).trim();
    h == c.zh || h.eq_ignore_ascii_case(c.en) || h.eq_ignore_ascii_case(c.key)
}

// ---- Problems ------------------------------------------------------------------------------

/// One thing wrong with an import file.
#[derive(Debug, Clone)]
pub struct FileProblem {
    pub(crate) sheet: Option<Sheet>,
    /// 1-based, as the spreadsheet shows it (the header is row 1).
    pub row: Option<u32>,
    pub(crate) col: Option<&'static str>,
    pub zh: String,
    pub en: String,
}

/// A problem as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProblemView {
    pub sheet: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

impl FileProblem {
    pub fn view(&self, lang: Lang) -> ProblemView {
        let column = self.col.and_then(|k| {
            self.sheet
                .and_then(|s| s.cols().iter().find(|c| c.key == k))
                .map(|c| if lang == Lang::Zh { c.zh } else { c.en }.to_string())
        });
        ProblemView {
            sheet: self
                .sheet
                .map(|s| s.name(lang).to_string())
                .unwrap_or_default(),
            row: self.row,
            column,
            message: if lang == Lang::Zh {
                self.zh.clone()
            } else {
                self.en.clone()
            },
        }
    }

    /// "岗位 第 5 行 直属上级岗位编码：…" for the CLI and error messages.
    pub fn line(&self, lang: Lang) -> String {
        let v = self.view(lang);
        let zh = lang == Lang::Zh;
        let mut at = Vec::new();
        if !v.sheet.is_empty() {
            at.push(if zh {
                format!("工作表“{}”", v.sheet)
            } else {
                format!("sheet {}", v.sheet)
            });
        }
        if let Some(r) = v.row {
            at.push(if zh {
                format!("第 {r} 行")
            } else {
                format!("row {r}")
            });
        }
        if let Some(c) = &v.column {
            at.push(if zh {
                format!("“{c}”列")
            } else {
                format!("column {c}")
            });
        }
        if at.is_empty() {
            v.message
        } else {
            format!(
                "{}{}{}",
                at.join(if zh { " " } else { ", " }),
                if zh { "：" } else { ": " },
                v.message
            )
        }
    }
}

struct Problems(Vec<FileProblem>);

impl Problems {
    fn at(&mut self, sheet: Sheet, row: u32, col: &'static str, zh: String, en: String) {
        self.0.push(FileProblem {
            sheet: Some(sheet),
            row: Some(row),
            col: Some(col),
            zh,
            en,
        });
    }
}

// ---- Reading files -------------------------------------------------------------------------

/// One sheet as text: the header and the data rows with their row numbers.
struct RawTable {
    sheet: Sheet,
    /// Column key → index.
    cols: HashMap<&'static str, usize>,
    rows: Vec<(u32, Vec<String>)>,
}

impl RawTable {
    fn new(
        sheet: Sheet,
        header: &[String],
        rows: Vec<(u32, Vec<String>)>,
        problems: &mut Problems,
    ) -> RawTable {
        let mut cols = HashMap::new();
        for c in sheet.cols() {
            match header.iter().position(|h| header_is(h, c)) {
                Some(i) => {
                    cols.insert(c.key, i);
                }
                None if c.required => problems.0.push(FileProblem {
                    sheet: Some(sheet),
                    row: Some(1),
                    col: Some(c.key),
                    zh: format!("缺少必填列“{}”。请使用导入模板的表头。", c.zh),
                    en: format!(
                        "The required column \"{}\" is missing. Use the template's headers.",
                        c.en
                    ),
                }),
                None => {}
            }
        }
        RawTable { sheet, cols, rows }
    }

    fn get<'r>(&self, row: &'r [String], key: &str) -> &'r str {
        self.cols
            .get(key)
            .and_then(|&i| row.get(i))
            .map_or("", |s| s.trim())
    }
}

fn read_workbook(bytes: &[u8], problems: &mut Problems) -> Result<Vec<RawTable>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(&e.to_string()))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(&e.to_string()))?;
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let header: Vec<String> = header.iter().map(|c| cell_text(c, DateCell::Day)).collect();
        let Some(sheet) = Sheet::from_name(&name).or_else(|| Sheet::from_headers(&header)) else {
            continue; // e.g. the template's 说明 sheet
        };
        // Row numbers as the spreadsheet shows them.
        let first = range.start().map_or(0, |(r, _)| r) + 1;
        let data = rows
            .enumerate()
            .map(|(i, r)| {
                (
                    first + 1 + i as u32,
                    r.iter()
                        .map(|c| cell_text(c, DateCell::Day))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .collect();
        tables.push(RawTable::new(sheet, &header, data, problems));
    }
    Ok(tables)
}

fn read_csv(name: &str, bytes: &[u8], problems: &mut Problems) -> Result<RawTable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| unreadable(&format!("{name}: {e}")))?;
        records.push((
            i as u32 + 1,
            rec.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>(),
        ));
    }
    let mut it = records.into_iter();
    let header = it.next().map(|(_, h)| h).unwrap_or_default();
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let Some(sheet) = Sheet::from_headers(&header).or_else(|| Sheet::from_name(stem)) else {
        return Err(AppError::OrgFile(vec![FileProblem {
            sheet: None,
            row: Some(1),
            col: None,
            zh: format!("{name}：看不出是哪类数据（单位、岗位、人员或任职），请使用导入模板的表头。"),
            en: format!("{name}: cannot tell which data this is (units, positions, people or assignments); use the template's headers."),
        }]));
    };
    let data = it
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(RawTable::new(sheet, &header, data, problems))
}

fn unreadable(e: &str) -> AppError {
    AppError::OrgFile(vec![FileProblem {
        sheet: None,
        row: None,
        col: None,
        zh: format!("无法读取文件：{e}。请确认是 .xlsx 或 .csv 文件。"),
        en: format!("Cannot read the file: {e}. Check that it is an .xlsx or .csv file."),
    }])
}

// ---- Parsing rows --------------------------------------------------------------------------

struct UnitIn {
    row: u32,
    code: String,
    attrs: UnitAttrs,
    parent: Option<String>,
    sort: Option<i64>,
}

struct PositionIn {
    row: u32,
    code: String,
    attrs: PositionAttrs,
    unit: String,
    superior: Option<String>,
    sort: Option<i64>,
}

struct PersonIn {
    row: u32,
    code: String,
    name: String,
    phone: String,
    left_on: Option<String>,
}

struct AssignIn {
    row: u32,
    person: String,
    position: String,
    kind: AssignmentKind,
    start_on: String,
    end_on: Option<String>,
}

#[derive(Default)]
struct Parsed {
    units: Vec<UnitIn>,
    positions: Vec<PositionIn>,
    people: Vec<PersonIn>,
    assignments: Vec<AssignIn>,
}

fn enum_cell<T: Label>(
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
                T::choices_zh().join("、")
            ),
            format!(
                "{} \"{v}\" is not recognised; use one of: {}.",
                what.1,
                T::choices_zh().join(", ")
            ),
        );
    }
    found
}

fn text_cell(
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

fn date_cell(
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
fn normalise_date(s: &str) -> Option<String> {
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

fn sort_cell(t: &RawTable, p: &mut Problems, row: u32, r: &[String]) -> Option<i64> {
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
fn split_duties(s: &str) -> Vec<String> {
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

fn parse(tables: &[RawTable], p: &mut Problems) -> Parsed {
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

// ---- Import --------------------------------------------------------------------------------

/// What an import did, per entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Tally {
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrgImportReport {
    /// The date the changes take effect.
    pub effective: String,
    pub units: Tally,
    pub positions: Tally,
    pub people: Tally,
    pub assignments: Tally,
}

impl OrgImportReport {
    pub fn changed_anything(&self) -> bool {
        [
            &self.units,
            &self.positions,
            &self.people,
            &self.assignments,
        ]
        .iter()
        .any(|t| t.added > 0 || t.changed > 0)
    }
}

/// Order of `items` such that each comes after the one it points at (by code) when that one is
/// in the list too. Cycles were reported before this is called.
fn parents_first<T>(
    items: &[T],
    code: impl Fn(&T) -> &str,
    parent: impl Fn(&T) -> Option<&str>,
) -> Vec<usize> {
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (code(t), i))
        .collect();
    let mut depth: Vec<Option<usize>> = vec![None; items.len()];
    for start in 0..items.len() {
        let mut path = Vec::new();
        let mut at = start;
        let base = loop {
            if let Some(d) = depth[at] {
                break d + 1;
            }
            if path.contains(&at) || path.len() > items.len() {
                break 0;
            }
            path.push(at);
            match parent(&items[at]).and_then(|p| index.get(p)) {
                Some(&next) => at = next,
                None => break 0,
            }
        };
        for (k, &n) in path.iter().rev().enumerate() {
            depth[n] = Some(base + k);
        }
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (depth[i].unwrap_or(0), i));
    order
}

impl App {
    /// Imports the organisation from files (one .xlsx with the four sheets, or .csv files with
    /// one entity each). Changes to existing units and positions take effect on `effective`
    /// (today by default). All or nothing.
    pub fn org_import_files(
        &mut self,
        files: &[PathBuf],
        effective: Option<&str>,
    ) -> Result<OrgImportReport> {
        let mut loaded = Vec::new();
        for f in files {
            let bytes = std::fs::read(f).map_err(|e| AppError::File(f.clone(), e))?;
            let name = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            loaded.push((name, bytes));
        }
        self.org_import(&loaded, effective)
    }

    /// The same from file contents (the window sends the bytes of the picked files).
    pub fn org_import(
        &mut self,
        files: &[(String, Vec<u8>)],
        effective: Option<&str>,
    ) -> Result<OrgImportReport> {
        let effective = match effective {
            Some(d) => parse_date("effective", d)?,
            None => today(),
        };
        let mut p = Problems(Vec::new());
        let mut tables = Vec::new();
        for (name, bytes) in files {
            let ext = name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "xlsx" | "xlsm" | "xls" | "ods" => tables.extend(read_workbook(bytes, &mut p)?),
                _ => tables.push(read_csv(name, bytes, &mut p)?),
            }
        }
        if tables.is_empty() {
            return Err(AppError::OrgFile(vec![FileProblem {
                sheet: None,
                row: None,
                col: None,
                zh: "文件中没有单位、岗位、人员或任职工作表。请使用导入模板。".into(),
                en: "The file has no units, positions, people or assignments sheet. Use the template.".into(),
            }]));
        }
        let parsed = parse(&tables, &mut p);
        let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let note = format!(
            "导入 {}",
            files
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join("、")
        );
        self.store.write(|w| -> Result<OrgImportReport> {
            let report = apply(w, &parsed, &effective, &at, &note, &mut p)?;
            if !p.0.is_empty() {
                return Err(AppError::OrgFile(std::mem::take(&mut p.0)));
            }
            check_from(w, &effective)?;
            w.refresh_org(&today())?;
            Ok(report)
        })
    }
}

/// Checks references, duplicates and cycles, then writes. Problems found before writing stop
/// the import before anything is written; the caller's transaction undoes the rest.
fn apply(
    w: &Writer<'_>,
    f: &Parsed,
    effective: &str,
    at: &str,
    note: &str,
    p: &mut Problems,
) -> Result<OrgImportReport> {
    let db_units = w.units(None)?;
    let db_positions = w.positions(None)?;
    let db_people = w.people()?;
    let asof_units: HashMap<String, UnitAttrs> = w
        .units(Some(effective))?
        .into_iter()
        .map(|u| (u.id, u.attrs))
        .collect();
    let asof_positions: HashMap<String, PositionAttrs> = w
        .positions(Some(effective))?
        .into_iter()
        .map(|x| (x.id, x.attrs))
        .collect();
    let unit_code_to_id: HashMap<String, String> = db_units
        .iter()
        .map(|u| (u.code.clone(), u.id.clone()))
        .collect();
    let unit_id_to_code: HashMap<&str, &str> = db_units
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let pos_code_to_id: HashMap<String, String> = db_positions
        .iter()
        .map(|x| (x.code.clone(), x.id.clone()))
        .collect();
    let pos_id_to_code: HashMap<&str, &str> = db_positions
        .iter()
        .map(|x| (x.id.as_str(), x.code.as_str()))
        .collect();
    let person_by_code: HashMap<&str, &branchdesk_domain::Person> =
        db_people.iter().map(|x| (x.code.as_str(), x)).collect();

    // Duplicates within the file.
    fn dups<'a>(
        p: &mut Problems,
        sheet: Sheet,
        key: &'static str,
        items: impl Iterator<Item = (u32, &'a str)>,
    ) {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for (row, code) in items {
            if code.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(code) {
                p.at(
                    sheet,
                    row,
                    key,
                    format!("编码 {code} 重复（第 {first} 行已有）。"),
                    format!("Code {code} appears twice (first on row {first})."),
                );
            } else {
                seen.insert(code, row);
            }
        }
    }
    dups(
        p,
        Sheet::Units,
        "code",
        f.units.iter().map(|u| (u.row, u.code.as_str())),
    );
    dups(
        p,
        Sheet::Positions,
        "code",
        f.positions.iter().map(|x| (x.row, x.code.as_str())),
    );
    dups(
        p,
        Sheet::People,
        "code",
        f.people.iter().map(|x| (x.row, x.code.as_str())),
    );

    // Units: references and cycles over file + database.
    let file_units: HashSet<&str> = f.units.iter().map(|u| u.code.as_str()).collect();
    let mut unit_parent: HashMap<&str, Option<&str>> = db_units
        .iter()
        .map(|u| {
            (
                u.code.as_str(),
                asof_units
                    .get(&u.id)
                    .and_then(|a| a.parent_id.as_deref())
                    .and_then(|pid| unit_id_to_code.get(pid).copied()),
            )
        })
        .collect();
    for u in &f.units {
        if let Some(parent) = &u.parent {
            if parent == &u.code {
                p.at(
                    Sheet::Units,
                    u.row,
                    "parent",
                    format!("单位 {} 不能是自己的上级单位。", u.code),
                    format!("Unit {} cannot be its own parent.", u.code),
                );
            } else if !file_units.contains(parent.as_str()) && !unit_code_to_id.contains_key(parent)
            {
                p.at(Sheet::Units, u.row, "parent", format!("上级单位编码 {parent} 不存在（文件和数据库中都没有）。"), format!("Parent code {parent} does not exist (neither in the file nor in the database)."));
            }
        }
        unit_parent.insert(u.code.as_str(), u.parent.as_deref());
        if let Some(id) = unit_code_to_id.get(&u.code) {
            if !asof_units.contains_key(id) {
                p.at(
                    Sheet::Units,
                    u.row,
                    "code",
                    format!("单位 {} 在生效日 {effective} 尚未设立，不能修改。", u.code),
                    format!(
                        "Unit {} does not exist yet on {effective}; it cannot change then.",
                        u.code
                    ),
                );
            }
        }
    }
    let unit_rows: HashMap<&str, u32> = f.units.iter().map(|u| (u.code.as_str(), u.row)).collect();
    let graph: Vec<(&str, Option<&str>)> = unit_parent.iter().map(|(k, v)| (*k, *v)).collect();
    for cycle in cycles(&graph) {
        let chain = cycle.join(" → ") + " → " + &cycle[0];
        for code in &cycle {
            if let Some(&row) = unit_rows.get(code.as_str()) {
                p.at(
                    Sheet::Units,
                    row,
                    "parent",
                    format!("上级单位形成循环：{chain}。"),
                    format!("Parent units go round in a circle: {chain}."),
                );
            }
        }
    }

    // Positions.
    let file_positions: HashSet<&str> = f.positions.iter().map(|x| x.code.as_str()).collect();
    let mut superior: HashMap<&str, Option<&str>> = db_positions
        .iter()
        .map(|x| {
            (
                x.code.as_str(),
                asof_positions
                    .get(&x.id)
                    .and_then(|a| a.superior_id.as_deref())
                    .and_then(|s| pos_id_to_code.get(s).copied()),
            )
        })
        .collect();
    for x in &f.positions {
        if !x.unit.is_empty()
            && !file_units.contains(x.unit.as_str())
            && !unit_code_to_id.contains_key(&x.unit)
        {
            p.at(
                Sheet::Positions,
                x.row,
                "unit",
                format!("所属单位编码 {} 不存在。", x.unit),
                format!("Unit code {} does not exist.", x.unit),
            );
        }
        if let Some(s) = &x.superior {
            if s == &x.code {
                p.at(
                    Sheet::Positions,
                    x.row,
                    "superior",
                    format!("岗位 {} 不能是自己的直属上级。", x.code),
                    format!("Position {} cannot be its own superior.", x.code),
                );
            } else if !file_positions.contains(s.as_str()) && !pos_code_to_id.contains_key(s) {
                p.at(Sheet::Positions, x.row, "superior", format!("直属上级岗位编码 {s} 不存在（文件和数据库中都没有）。"), format!("Superior code {s} does not exist (neither in the file nor in the database)."));
            }
        }
        superior.insert(x.code.as_str(), x.superior.as_deref());
        if let Some(id) = pos_code_to_id.get(&x.code) {
            if !asof_positions.contains_key(id) {
                p.at(
                    Sheet::Positions,
                    x.row,
                    "code",
                    format!("岗位 {} 在生效日 {effective} 尚未设立，不能修改。", x.code),
                    format!(
                        "Position {} does not exist yet on {effective}; it cannot change then.",
                        x.code
                    ),
                );
            }
        }
    }
    let pos_rows: HashMap<&str, u32> = f
        .positions
        .iter()
        .map(|x| (x.code.as_str(), x.row))
        .collect();
    let graph: Vec<(&str, Option<&str>)> = superior.iter().map(|(k, v)| (*k, *v)).collect();
    for cycle in cycles(&graph) {
        let chain = cycle.join(" → ") + " → " + &cycle[0];
        for code in &cycle {
            if let Some(&row) = pos_rows.get(code.as_str()) {
                p.at(
                    Sheet::Positions,
                    row,
                    "superior",
                    format!("汇报关系形成循环：{chain}。"),
                    format!("Reporting lines go round in a circle: {chain}."),
                );
            }
        }
    }

    // Assignments.
    let file_people: HashSet<&str> = f.people.iter().map(|x| x.code.as_str()).collect();
    for a in &f.assignments {
        if !a.person.is_empty()
            && !file_people.contains(a.person.as_str())
            && !person_by_code.contains_key(a.person.as_str())
        {
            p.at(
                Sheet::Assignments,
                a.row,
                "person",
                format!("工号 {} 不存在。", a.person),
                format!("Staff number {} does not exist.", a.person),
            );
        }
        if !a.position.is_empty()
            && !file_positions.contains(a.position.as_str())
            && !pos_code_to_id.contains_key(&a.position)
        {
            p.at(
                Sheet::Assignments,
                a.row,
                "position",
                format!("岗位编码 {} 不存在。", a.position),
                format!("Position code {} does not exist.", a.position),
            );
        }
    }
    if !p.0.is_empty() {
        return Ok(OrgImportReport::default());
    }

    // Write: parents before children.
    let mut report = OrgImportReport {
        effective: effective.to_string(),
        ..Default::default()
    };
    let mut unit_ids = unit_code_to_id.clone();
    for i in parents_first(&f.units, |u| u.code.as_str(), |u| u.parent.as_deref()) {
        let u = &f.units[i];
        let mut attrs = u.attrs.clone();
        attrs.parent_id = u.parent.as_ref().and_then(|c| unit_ids.get(c).cloned());
        if attrs.kind == UnitKind::Department {
            attrs.control_mode = None;
            attrs.ownership = None;
        }
        match unit_ids.get(&u.code).cloned() {
            None => {
                attrs.sort = u.sort.unwrap_or(u.row as i64);
                let id = w.add_unit(&u.code, &attrs, effective, at)?;
                unit_ids.insert(u.code.clone(), id);
                report.units.added += 1;
            }
            Some(id) => {
                let before = asof_units.get(&id);
                attrs.sort = u.sort.or(before.map(|b| b.sort)).unwrap_or(0);
                if w.change_unit(&id, &attrs, effective, at, note)? {
                    report.units.changed += 1;
                } else {
                    report.units.unchanged += 1;
                }
            }
        }
    }
    let mut pos_ids = pos_code_to_id.clone();
    for i in parents_first(&f.positions, |x| x.code.as_str(), |x| x.superior.as_deref()) {
        let x = &f.positions[i];
        let mut attrs = x.attrs.clone();
        attrs.unit_id = unit_ids.get(&x.unit).cloned().unwrap_or_default();
        attrs.superior_id = x.superior.as_ref().and_then(|c| pos_ids.get(c).cloned());
        match pos_ids.get(&x.code).cloned() {
            None => {
                attrs.sort = x.sort.unwrap_or(x.row as i64);
                let id = w.add_position(&x.code, &attrs, effective, at)?;
                pos_ids.insert(x.code.clone(), id);
                report.positions.added += 1;
            }
            Some(id) => {
                attrs.sort = x
                    .sort
                    .or(asof_positions.get(&id).map(|b| b.sort))
                    .unwrap_or(0);
                if w.change_position(&id, &attrs, effective, at, note)? {
                    report.positions.changed += 1;
                } else {
                    report.positions.unchanged += 1;
                }
            }
        }
    }
    let mut person_ids: HashMap<String, String> = db_people
        .iter()
        .map(|x| (x.code.clone(), x.id.clone()))
        .collect();
    for x in &f.people {
        match person_by_code.get(x.code.as_str()) {
            None => {
                let id = w.add_person(&x.code, &x.name, &x.phone, x.left_on.as_deref())?;
                person_ids.insert(x.code.clone(), id);
                report.people.added += 1;
            }
            Some(existing) => {
                let updated = branchdesk_domain::Person {
                    id: existing.id.clone(),
                    code: x.code.clone(),
                    name: x.name.clone(),
                    phone: x.phone.clone(),
                    left_on: x.left_on.clone(),
                };
                if w.update_person(&updated)? {
                    report.people.changed += 1;
                } else {
                    report.people.unchanged += 1;
                }
            }
        }
    }
    let existing = w.assignments()?;
    let mut by_key: HashMap<AssignmentKey, (String, Option<String>)> = existing
        .into_iter()
        .map(|a| {
            (
                (a.person_id, a.position_id, a.kind, a.start_on),
                (a.id, a.end_on),
            )
        })
        .collect();
    for a in &f.assignments {
        let (Some(person), Some(position)) = (person_ids.get(&a.person), pos_ids.get(&a.position))
        else {
            continue;
        };
        let key = (person.clone(), position.clone(), a.kind, a.start_on.clone());
        match by_key.get(&key) {
            Some((id, end)) if end == &a.end_on => {
                let _ = id;
                report.assignments.unchanged += 1;
            }
            Some((id, _)) => {
                w.end_assignment(id, a.end_on.as_deref())?;
                report.assignments.changed += 1;
            }
            None => {
                let id =
                    w.add_assignment(person, position, a.kind, &a.start_on, a.end_on.as_deref())?;
                by_key.insert(key, (id, a.end_on.clone()));
                report.assignments.added += 1;
            }
        }
    }
    Ok(report)
}

/// (person id, position id, kind, start date): what identifies an assignment in a file.
type AssignmentKey = (String, String, AssignmentKind, String);

// ---- Export --------------------------------------------------------------------------------

/// The rows of each sheet as text, in column order.
fn export_rows(app: &App, as_of: &str) -> Result<Vec<(Sheet, Vec<Vec<String>>)>> {
    let units = app.store.units(Some(as_of))?;
    let positions = app.store.positions(Some(as_of))?;
    let people = app.store.people()?;
    let assignments = app.store.assignments()?;
    let unit_code: HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let pos_code: HashMap<&str, &str> = positions
        .iter()
        .map(|x| (x.id.as_str(), x.code.as_str()))
        .collect();
    let person_code: HashMap<&str, &str> = people
        .iter()
        .map(|x| (x.id.as_str(), x.code.as_str()))
        .collect();
    let zh = Lang::Zh;
    let yes = |b: bool| if b { "是".to_string() } else { String::new() };
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    let u_rows = units
        .iter()
        .map(|u| {
            let a = &u.attrs;
            vec![
                u.code.clone(),
                a.name.clone(),
                a.kind.label(zh).to_string(),
                opt(a
                    .parent_id
                    .as_deref()
                    .and_then(|p| unit_code.get(p).copied())),
                a.control_mode
                    .map(|m| m.label(zh).to_string())
                    .unwrap_or_default(),
                a.ownership
                    .map(|o| o.label(zh).to_string())
                    .unwrap_or_default(),
                a.industry.clone(),
                if a.econ_assessed { "是" } else { "否" }.to_string(),
                a.sort.to_string(),
                yes(a.closed),
            ]
        })
        .collect();
    let p_rows = positions
        .iter()
        .map(|x| {
            let a = &x.attrs;
            vec![
                x.code.clone(),
                opt(unit_code.get(a.unit_id.as_str()).copied()),
                a.title.clone(),
                opt(a
                    .superior_id
                    .as_deref()
                    .and_then(|s| pos_code.get(s).copied())),
                a.description.clone(),
                a.duties
                    .iter()
                    .enumerate()
                    .map(|(i, d)| format!("{}. {d}", i + 1))
                    .collect::<Vec<_>>()
                    .join("\n"),
                a.status.label(zh).to_string(),
                a.sort.to_string(),
                yes(a.closed),
            ]
        })
        .collect();
    let person_rows = people
        .iter()
        .map(|x| {
            vec![
                x.code.clone(),
                x.name.clone(),
                x.phone.clone(),
                opt(x.left_on.as_deref()),
            ]
        })
        .collect();
    // Assignments of positions that exist on the date (others would not import).
    let a_rows = assignments
        .iter()
        .filter_map(|a| {
            Some(vec![
                person_code.get(a.person_id.as_str())?.to_string(),
                pos_code.get(a.position_id.as_str())?.to_string(),
                a.kind.label(zh).to_string(),
                a.start_on.clone(),
                opt(a.end_on.as_deref()),
            ])
        })
        .collect();
    Ok(vec![
        (Sheet::Units, u_rows),
        (Sheet::Positions, p_rows),
        (Sheet::People, person_rows),
        (Sheet::Assignments, a_rows),
    ])
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Export(e.to_string())
}

/// Writes a workbook with the four sheets (and, for the template, an instructions sheet).
fn workbook(sheets: &[(Sheet, Vec<Vec<String>>)], instructions: bool) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DataValidation, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E7FD")
        .set_border(FormatBorder::Thin);
    let required = Format::new()
        .set_bold()
        .set_font_color("C0392B")
        .set_background_color("D9E7FD")
        .set_border(FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let text = Format::new().set_num_format("@");
    for (sheet, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.zh()).map_err(xlsx_error)?;
        for (c, col) in sheet.cols().iter().enumerate() {
            let c = c as u16;
            let label = if col.required {
                format!("{}*", col.zh)
            } else {
                col.zh.to_string()
            };
            ws.write_string_with_format(0, c, &label, if col.required { &required } else { &head })
                .map_err(xlsx_error)?;
            let width = match col.key {
                "description" | "duties" => 48.0,
                "name" | "title" | "industry" => 20.0,
                _ => 14.0,
            };
            ws.set_column_width(c, width).map_err(xlsx_error)?;
            // Codes and dates stay text so Excel does not turn 001 into 1 or 2016-07-01 into a number.
            if matches!(
                col.key,
                "code"
                    | "parent"
                    | "unit"
                    | "superior"
                    | "person"
                    | "position"
                    | "start_on"
                    | "end_on"
                    | "left_on"
                    | "phone"
            ) {
                ws.set_column_format(c, &text).map_err(xlsx_error)?;
            }
            let choices: Option<Vec<&str>> = match (sheet, col.key) {
                (Sheet::Units, "kind") => Some(UnitKind::choices_zh()),
                (Sheet::Units, "control_mode") => Some(ControlMode::choices_zh()),
                (Sheet::Units, "ownership") => Some(Ownership::choices_zh()),
                (_, "econ_assessed") | (_, "closed") => Some(bool::choices_zh()),
                (Sheet::Positions, "status") => Some(PositionStatus::choices_zh()),
                (Sheet::Assignments, "kind") => Some(AssignmentKind::choices_zh()),
                _ => None,
            };
            if let Some(choices) = choices {
                let v = DataValidation::new()
                    .allow_list_strings(&choices)
                    .map_err(xlsx_error)?
                    .set_input_message(col.help)
                    .map_err(xlsx_error)?;
                ws.add_data_validation(1, c, 20_000, c, &v)
                    .map_err(xlsx_error)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if value.is_empty() {
                    continue;
                }
                let key = sheet.cols().get(c).map_or("", |col| col.key);
                if key == "duties" || key == "description" {
                    ws.write_string_with_format(r as u32 + 1, c as u16, value, &wrap)
                        .map_err(xlsx_error)?;
                } else if key == "sort" {
                    ws.write_number(r as u32 + 1, c as u16, value.parse::<f64>().unwrap_or(0.0))
                        .map_err(xlsx_error)?;
                } else {
                    ws.write_string(r as u32 + 1, c as u16, value)
                        .map_err(xlsx_error)?;
                }
            }
        }
    }
    if instructions {
        let ws = book.add_worksheet();
        ws.set_name("说明").map_err(xlsx_error)?;
        ws.set_column_width(0, 12.0).map_err(xlsx_error)?;
        ws.set_column_width(1, 22.0).map_err(xlsx_error)?;
        ws.set_column_width(2, 70.0).map_err(xlsx_error)?;
        let lines = [
            "填写说明：每个工作表一类数据，第一行是表头，请勿修改；带 * 的列必填。",
            "导入是整体的：任何一行有问题，整个文件都不导入，并列出每个问题所在的工作表、行和列。",
            "已有编码的单位和岗位按“生效日期”记录变更，之前的架构仍可按日期查看；未出现在文件中的记录不会被删除。",
        ];
        let mut r = 0u32;
        for l in lines {
            ws.write_string_with_format(r, 0, l, &Format::new().set_bold())
                .map_err(xlsx_error)?;
            r += 1;
        }
        r += 1;
        for (i, h) in ["工作表", "列", "填写要求"].iter().enumerate() {
            ws.write_string_with_format(r, i as u16, *h, &head)
                .map_err(xlsx_error)?;
        }
        for sheet in SHEETS {
            for c in sheet.cols() {
                r += 1;
                ws.write_string(r, 0, sheet.zh()).map_err(xlsx_error)?;
                ws.write_string(
                    r,
                    1,
                    if c.required {
                        format!("{}*", c.zh)
                    } else {
                        c.zh.to_string()
                    },
                )
                .map_err(xlsx_error)?;
                ws.write_string(r, 2, c.help).map_err(xlsx_error)?;
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn csv_bytes(sheet: Sheet, rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec(); // BOM: Excel then reads the file as UTF-8
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let header: Vec<&str> = sheet.cols().iter().map(|c| c.zh).collect();
        w.write_record(&header)
            .map_err(|e| AppError::Export(e.to_string()))?;
        for r in rows {
            w.write_record(r)
                .map_err(|e| AppError::Export(e.to_string()))?;
        }
        w.flush().map_err(|e| AppError::Export(e.to_string()))?;
    }
    Ok(out)
}

/// Exported files: (file name, contents).
pub type ExportFiles = Vec<(String, Vec<u8>)>;

impl App {
    /// The organisation on `as_of` (today by default) as one workbook named `stem.xlsx`, or
    /// with `csv` as four files `stem-units.csv` … `stem-assignments.csv`.
    pub fn org_export(&self, as_of: Option<&str>, csv: bool, stem: &str) -> Result<ExportFiles> {
        let date = match as_of {
            Some(d) => parse_date("as_of", d)?,
            None => today(),
        };
        let sheets = export_rows(self, &date)?;
        if csv {
            sheets
                .iter()
                .map(|(s, rows)| {
                    Ok((
                        format!("{stem}-{}.csv", s.file_suffix()),
                        csv_bytes(*s, rows)?,
                    ))
                })
                .collect()
        } else {
            Ok(vec![(format!("{stem}.xlsx"), workbook(&sheets, false)?)])
        }
    }

    /// The blank import template: the four sheets with headers, drop-down lists, and a sheet
    /// that explains every column.
    pub fn org_template_xlsx(&self) -> Result<Vec<u8>> {
        let empty: Vec<(Sheet, Vec<Vec<String>>)> =
            SHEETS.iter().map(|s| (*s, Vec::new())).collect();
        workbook(&empty, true)
    }
}

/// Where exports go: `BRANCHDESK_EXPORT_DIR` if set, else the user's download folder, else
/// their home folder.
pub fn export_dir() -> PathBuf {
    std::env::var_os("BRANCHDESK_EXPORT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

impl App {
    /// Exports the organisation into [`export_dir`]; returns the paths written.
    pub fn org_export_to_dir(&self, as_of: Option<&str>, csv: bool) -> Result<Vec<String>> {
        let date = as_of.map_or_else(today, str::to_string);
        let files = self.org_export(Some(&date), csv, &format!("组织架构-{date}"))?;
        Ok(save_files(&export_dir(), &files)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    }

    /// Writes the blank import template into [`export_dir`]; returns its path.
    pub fn org_template_to_dir(&self) -> Result<String> {
        let files = vec![(
            "组织架构导入模板.xlsx".to_string(),
            self.org_template_xlsx()?,
        )];
        Ok(save_files(&export_dir(), &files)?
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(""))
    }
}

/// Writes `files` into `dir` without overwriting anything (adds " (2)" etc. to the name);
/// returns the paths written.
pub fn save_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::File(dir.to_path_buf(), e))?;
    let mut out = Vec::new();
    for (name, bytes) in files {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut path = dir.join(name);
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem} ({n}).{ext}"));
            n += 1;
        }
        std::fs::write(&path, bytes).map_err(|e| AppError::File(path.clone(), e))?;
        out.push(path);
    }
    Ok(out)
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

    #[test]
    fn sheets_are_told_apart_by_their_headers() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Sheet::from_headers(&h(&["工号", "岗位编码", "开始日期"])),
            Some(Sheet::Assignments)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["工号*", "姓名*"])),
            Some(Sheet::People)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["Code", "Unit code", "Title"])),
            Some(Sheet::Positions)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["编码", "名称", "类型"])),
            Some(Sheet::Units)
        );
        assert_eq!(Sheet::from_headers(&h(&["单位", "期间"])), None);
    }
}
