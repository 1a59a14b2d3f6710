//! Workbooks and CSV files into text tables, one per sheet.

use std::collections::HashMap;
use std::path::Path;

use super::sheets::*;
use crate::shared::problems::FileProblem;
use crate::shared::sheet::{check_cell, read_workbook as read_sheets, DateCell, Sheets};
use crate::{AppError, Result};

/// One sheet as text: the header and the data rows with their row numbers.
pub(super) struct RawTable {
    pub(super) sheet: Sheet,
    /// Column key → index.
    pub(super) cols: HashMap<&'static str, usize>,
    pub(super) rows: Vec<(u32, Vec<String>)>,
}

impl RawTable {
    pub(super) fn new(
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
                    sheet: Some(sheet.named()),
                    row: Some(1),
                    col: Some(c.named()),
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

    pub(super) fn get<'r>(&self, row: &'r [String], key: &str) -> &'r str {
        self.cols
            .get(key)
            .and_then(|&i| row.get(i))
            .map_or("", |s| s.trim())
    }
}

pub(super) fn read_workbook(bytes: &[u8], problems: &mut Problems) -> Result<Vec<RawTable>> {
    let sheets = read_sheets(bytes, Sheets::All, DateCell::Day).map_err(|e| unreadable(&e))?;
    let mut tables = Vec::new();
    for s in sheets {
        let mut rows = s.rows.into_iter();
        let Some((_, header)) = rows.next() else {
            continue;
        };
        let Some(sheet) = Sheet::from_name(&s.name).or_else(|| Sheet::from_headers(&header)) else {
            continue; // e.g. the template's 说明 sheet
        };
        tables.push(RawTable::new(sheet, &header, rows.collect(), problems));
    }
    Ok(tables)
}

pub(super) fn read_csv(name: &str, bytes: &[u8], problems: &mut Problems) -> Result<RawTable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| unreadable(&format!("{name}: {e}")))?;
        for (c, cell) in rec.iter().enumerate() {
            check_cell(name, i as u32 + 1, c as u32 + 1, cell).map_err(|e| unreadable(&e))?;
        }
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

pub(super) fn unreadable(e: &str) -> AppError {
    AppError::OrgFile(vec![FileProblem {
        sheet: None,
        row: None,
        col: None,
        zh: format!("无法读取文件：{e}。请确认是 .xlsx 或 .csv 文件。"),
        en: format!("Cannot read the file: {e}. Check that it is an .xlsx or .csv file."),
    }])
}
