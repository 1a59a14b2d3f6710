//! The organisation as a workbook or CSV files, and the blank template.

use std::collections::HashMap;

use branchdesk_domain::{
    AssignmentKind, ControlMode, Label, Lang, Ownership, PositionStatus, UnitKind,
};

use super::sheets::*;
use crate::shared::files::{export_dir, save_files};
use crate::shared::input::parse_date;
use crate::{App, AppError, Result};

/// The rows of each sheet as text, in column order.
pub(super) fn export_rows(app: &App, as_of: &str) -> Result<Vec<(Sheet, Vec<Vec<String>>)>> {
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

pub(super) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Export(e.to_string())
}

/// Writes a workbook with the four sheets (and, for the template, an instructions sheet).
pub(super) fn workbook(
    sheets: &[(Sheet, Vec<Vec<String>>)],
    instructions: bool,
) -> Result<Vec<u8>> {
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
                (Sheet::Units, "kind") => Some(UnitKind::choices(Lang::Zh)),
                (Sheet::Units, "control_mode") => Some(ControlMode::choices(Lang::Zh)),
                (Sheet::Units, "ownership") => Some(Ownership::choices(Lang::Zh)),
                (_, "econ_assessed") | (_, "closed") => Some(bool::choices(Lang::Zh)),
                (Sheet::Positions, "status") => Some(PositionStatus::choices(Lang::Zh)),
                (Sheet::Assignments, "kind") => Some(AssignmentKind::choices(Lang::Zh)),
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

pub(super) fn csv_bytes(sheet: Sheet, rows: &[Vec<String>]) -> Result<Vec<u8>> {
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
            None => self.ctx.today_str(),
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

    /// Exports the organisation into [`export_dir`]; returns the paths written.
    pub fn org_export_to_dir(&self, as_of: Option<&str>, csv: bool) -> Result<Vec<String>> {
        let date = as_of.map_or_else(|| self.ctx.today_str(), str::to_string);
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
