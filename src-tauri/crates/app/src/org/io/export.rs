//! The organisation as a workbook or CSV files, and the blank template.

use std::collections::HashMap;

use branchdesk_domain::{
    AssignmentKind, FieldKind, FieldValue, Fields, Label, Lang, PositionAttrs, UnitAttrs,
};

use super::sheets::*;
use crate::shared::files::{export_dir, save_files};
use crate::shared::input::parse_date;
use crate::{App, AppError, Result};

/// A unit's or a position's row: its code, then each declared field as a person would type it
/// (references as codes, choices and yes/no in Chinese, duties numbered one per line).
fn record_row<A: Fields>(code: &str, a: &A, code_of: &dyn Fn(&str, &str) -> String) -> Vec<String> {
    std::iter::once(code.to_string())
        .chain(A::FIELDS.iter().zip(a.values()).map(|(f, v)| {
            match (f.kind, v) {
                (_, FieldValue::Null) => String::new(),
                (FieldKind::Ref(table), FieldValue::Text(id)) => code_of(table, &id),
                (FieldKind::Lines, FieldValue::Text(json)) => {
                    serde_json::from_str::<Vec<String>>(&json)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                        .map(|(i, d)| format!("{}. {d}", i + 1))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
                (_, v) => f.show(&v, Lang::Zh, &|id| id.to_string()),
            }
        }))
        .collect()
}

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
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    let code_of = |table: &str, id: &str| -> String {
        match table {
            "unit" => unit_code.get(id),
            _ => pos_code.get(id),
        }
        .map_or_else(String::new, |c| c.to_string())
    };
    let u_rows = units
        .iter()
        .map(|u| record_row(&u.code, &u.attrs, &code_of))
        .collect();
    let p_rows = positions
        .iter()
        .map(|x| record_row(&x.code, &x.attrs, &code_of))
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
                a.kind.label(Lang::Zh).to_string(),
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
                (Sheet::Units | Sheet::Positions, key) => {
                    let fields = match sheet {
                        Sheet::Units => UnitAttrs::FIELDS,
                        _ => PositionAttrs::FIELDS,
                    };
                    fields
                        .iter()
                        .find(|f| f.key() == key)
                        .and_then(|f| match f.kind {
                            FieldKind::Choice(c) => Some((c.choices)(Lang::Zh)),
                            FieldKind::Bool => Some(bool::choices(Lang::Zh)),
                            _ => None,
                        })
                }
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

/// How the organisation is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One workbook, a sheet per entity.
    Xlsx,
    /// Four CSV files, one per entity.
    Csv,
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
    pub fn org_export(
        &self,
        as_of: Option<&str>,
        format: ExportFormat,
        stem: &str,
    ) -> Result<ExportFiles> {
        let date = match as_of {
            Some(d) => parse_date("as_of", d)?,
            None => self.ctx.today_str(),
        };
        let sheets = export_rows(self, &date)?;
        if format == ExportFormat::Csv {
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
    pub fn org_export_to_dir(
        &self,
        as_of: Option<&str>,
        format: ExportFormat,
    ) -> Result<Vec<String>> {
        let date = as_of.map_or_else(|| self.ctx.today_str(), str::to_string);
        let files = self.org_export(Some(&date), format, &format!("组织架构-{date}"))?;
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
