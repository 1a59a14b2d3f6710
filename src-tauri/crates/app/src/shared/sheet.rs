//! Spreadsheets as text, the same for every import, read within bounds: a workbook is a zip of
//! XML that may declare a sheet of a million rows by sixteen thousand columns in a kilobyte, so
//! cells are streamed one by one and kept sparse, the number of cells and columns is capped,
//! and the zip's declared sizes are checked before anything is decompressed.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// The most cells an import reads from one workbook.
pub(crate) const MAX_CELLS: usize = 2_000_000;
/// The right-most column an import reads (IV, as in the old Excel).
pub(crate) const MAX_COLS: u32 = 256;
/// The most a workbook's parts may hold once decompressed, together.
const MAX_UNZIPPED: u64 = 512 << 20;

/// One sheet's rows as text: (row number as the spreadsheet shows it, cells from the sheet's
/// first used column). Empty rows are left out.
pub(crate) struct SheetText {
    pub name: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Which sheets to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sheets {
    All,
    First,
}

/// The workbook's sheets as text, or why it cannot be read (for the caller's message).
pub(crate) fn read_workbook(
    bytes: &[u8],
    which: Sheets,
    dates: DateCell,
) -> Result<Vec<SheetText>, String> {
    let not_xlsx = || {
        "只能读取 .xlsx 工作簿（.xls、.ods 请先在 Excel 或 WPS 中另存为 .xlsx） / only .xlsx workbooks are read (save .xls or .ods as .xlsx first)".to_string()
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    // Every part decompressed once into nothing, counting: a zip may declare sizes it does not
    // keep to, and the reader below holds the shared strings in memory.
    let mut unzipped: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| e.to_string())?;
        let room = MAX_UNZIPPED - unzipped;
        let n = std::io::copy(&mut std::io::Read::take(f, room + 1), &mut std::io::sink())
            .map_err(|e| e.to_string())?;
        unzipped += n;
        if unzipped > MAX_UNZIPPED {
            return Err(format!(
                "解压后超过 {} MB / more than {} MB unzipped",
                MAX_UNZIPPED >> 20,
                MAX_UNZIPPED >> 20
            ));
        }
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let names = book.sheet_names();
    let mut out = Vec::new();
    let mut cells = 0usize;
    for name in names {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| e.to_string())?;
        let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (r, c) = cell.get_position();
            if c >= MAX_COLS {
                return Err(format!(
                    "工作表「{name}」第 {} 行有超出第 {MAX_COLS} 列的单元格 / sheet {name}, row {}: a cell beyond column {MAX_COLS}",
                    r + 1,
                    r + 1
                ));
            }
            cells += 1;
            if cells > MAX_CELLS {
                return Err(format!(
                    "单元格超过 {MAX_CELLS} 个 / more than {MAX_CELLS} cells"
                ));
            }
            let text = cell_text(&Data::from(cell.get_value().clone()), dates);
            check_cell(&name, r + 1, c + 1, &text)?;
            if !text.is_empty() {
                rows.entry(r).or_default().insert(c, text);
            }
        }
        let first_col = rows
            .values()
            .filter_map(|r| r.keys().next().copied())
            .min()
            .unwrap_or(0);
        // Every row as wide as the widest, as a spreadsheet shows them; rows that hold nothing
        // are not kept, so the grid is as large as what was written in it, within bounds.
        let width = rows
            .values()
            .filter_map(|r| r.keys().next_back().map(|c| c + 1 - first_col))
            .max()
            .unwrap_or(0) as usize;
        if rows.len().saturating_mul(width) > MAX_CELLS {
            return Err(format!(
                "工作表「{name}」的表格超过 {MAX_CELLS} 格 / sheet {name} spans more than {MAX_CELLS} cells"
            ));
        }
        let rows = rows
            .into_iter()
            .map(|(r, cols)| {
                let mut v = vec![String::new(); width];
                for (c, t) in cols {
                    v[(c - first_col) as usize] = t;
                }
                (r + 1, v)
            })
            .collect();
        out.push(SheetText { name, rows });
        if which == Sheets::First {
            break;
        }
    }
    Ok(out)
}

/// A cell holds no control or text-direction character (see [`branchdesk_domain::text`]);
/// `row` and `col` count from 1.
pub(crate) fn check_cell(sheet: &str, row: u32, col: u32, text: &str) -> Result<(), String> {
    use branchdesk_domain::text::{code_point, first_forbidden};
    match first_forbidden(text) {
        None => Ok(()),
        Some((_, c)) => Err(format!(
            "「{sheet}」第 {row} 行第 {col} 列含不可见的控制字符或文字方向控制符 {cp}，请删除后再导入 / {sheet}, row {row}, column {col}: an invisible control or text-direction character {cp}; remove it and import again",
            cp = code_point(c)
        )),
    }
}

/// How a date cell reads back.
#[derive(Clone, Copy)]
pub(crate) enum DateCell {
    /// 2016-07 (KPI months, which Excel turns into dates).
    Month,
    /// 2016-07-01
    Day,
}

/// A cell as the text a person typed: numbers through their shortest decimal text (1 not 1.0),
/// dates as [`DateCell`] says, booleans as 是/否, errors as `#DIV/0`-like text so the message
/// that rejects them shows what was there.
pub(crate) fn cell_text(d: &Data, dates: DateCell) -> String {
    let (fmt, len) = match dates {
        DateCell::Month => ("%Y-%m", 7),
        DateCell::Day => ("%Y-%m-%d", 10),
    };
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.format(fmt).to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(len).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(1001.0), DateCell::Day), "1001");
        assert_eq!(cell_text(&Data::Float(0.9), DateCell::Day), "0.9");
        assert_eq!(
            cell_text(
                &Data::DateTimeIso("2016-07-01T00:00:00".into()),
                DateCell::Month
            ),
            "2016-07"
        );
    }
}
