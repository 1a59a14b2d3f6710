//! Figures from a CSV or Excel file (long format: unit, period, metric, value).

use std::collections::BTreeMap;
use std::path::Path;

use branchdesk_kpi::Problem;

use super::figures::{check_figure, check_month};
use super::{metrics_of, summary, SaveReport};
use crate::{App, AppError, Result};

impl App {
    /// Imports monthly figures from CSV or Excel (.xlsx / .xls / .ods) with the columns
    /// `unit,period,metric,value` (or 单位,期间,数据项,数值): every row is checked first and
    /// nothing is written unless all are good. Changes are logged with who and when.
    pub fn kpi_import(&mut self, path: &Path) -> Result<SaveReport> {
        let bytes = crate::shared::files::read_input(path, crate::shared::files::MAX_SHEET_FILE)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        self.kpi_import_bytes(name, &bytes)
    }

    /// The same from a file's contents (the window reads the file the user picked, so it
    /// needs no file-system permission); `name` tells CSV from Excel by its extension.
    pub fn kpi_import_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<SaveReport> {
        self.require(branchdesk_domain::Act::EnterFigures)?;
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let rows = match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => sheet_rows(bytes)?,
            _ => csv_rows(bytes)?,
        };
        let units: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        // Figures are checked as the grid checks them, against the scheme in use.
        let (scheme, _) = summary(&self.scheme_row(None)?, self.lang)?;
        let metrics = metrics_of(&scheme);
        let mut problems = Vec::new();
        let mut good = Vec::new();
        for r in &rows {
            let [unit, period, metric, value] = &r.cells;
            let at = |code: &'static str, (zh, en): (String, String)| {
                Problem::new(
                    code,
                    format!("{}：{zh}", r.at_zh),
                    format!("{}: {en}", r.at_en),
                )
            };
            // The month and that nothing is missing, as a data file for scoring is read.
            let month = match branchdesk_kpi::data::parse_row(
                &r.at_zh, &r.at_en, unit, period, metric, "0",
            ) {
                Ok((month, _)) if !value.trim().is_empty() => month,
                Ok(_) => {
                    problems.push(at(
                        "data.empty",
                        (
                            "单位、数据项和数值都不能为空。".into(),
                            "unit, metric and value must not be empty.".into(),
                        ),
                    ));
                    continue;
                }
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            if let Err(e) = check_month(&scheme, &branchdesk_kpi::data::month_name(month)) {
                problems.push(at("data.period", e));
                continue;
            }
            let Some(id) = units.get(unit) else {
                problems.push(at(
                    "data.unit",
                    (
                        format!("没有编码为 {unit} 的单位。"),
                        format!("no unit with code {unit}."),
                    ),
                ));
                continue;
            };
            match check_figure(&metrics, metric, value) {
                Ok(Some(v)) => good.push((
                    id.clone(),
                    branchdesk_kpi::data::month_name(month),
                    metric.clone(),
                    v,
                )),
                Ok(None) => {}
                Err(e) => problems.push(at("data.figure", e)),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Kpi(problems));
        }
        self.record_all(&good)
    }
}

/// One imported row: where it came from, and unit, period, metric, value.
pub(super) struct ImportRow {
    at_zh: String,
    at_en: String,
    cells: [String; 4],
}

pub(super) const HEADERS: [[&str; 4]; 2] = [
    ["unit", "period", "metric", "value"],
    ["单位", "期间", "数据项", "数值"],
];

/// The first row must name the columns, in English or Chinese.
pub(super) fn check_header(cells: &[String]) -> Result<()> {
    if HEADERS
        .iter()
        .any(|h| cells.iter().map(String::as_str).eq(h.iter().copied()))
    {
        return Ok(());
    }
    let got = cells.join(",");
    Err(AppError::Kpi(vec![Problem::new(
        "data.header",
        format!("第 1 行：表头应为 unit,period,metric,value（或 单位,期间,数据项,数值），实际为 {got}。"),
        format!("line 1: the header must be unit,period,metric,value (or 单位,期间,数据项,数值), not {got}."),
    )]))
}

pub(super) fn csv_rows(bytes: &[u8]) -> Result<Vec<ImportRow>> {
    // A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first header.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            AppError::Kpi(vec![Problem::new(
                "data.csv",
                format!("CSV 格式错误：{e}"),
                format!("malformed CSV: {e}"),
            )])
        })?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if k == 0 {
            check_header(&cells)?;
            continue;
        }
        out.push(row(k + 1, "行", "line", cells)?);
    }
    Ok(out)
}

pub(super) fn row(n: usize, zh_unit: &str, en_unit: &str, cells: Vec<String>) -> Result<ImportRow> {
    let (at_zh, at_en) = (format!("第 {n} {zh_unit}"), format!("{en_unit} {n}"));
    for (c, cell) in cells.iter().enumerate() {
        crate::shared::sheet::check_cell("", n as u32, c as u32 + 1, cell).map_err(|e| {
            AppError::Kpi(vec![Problem::new(
                "data.text",
                format!("{at_zh}：{e}"),
                format!("{at_en}: {e}"),
            )])
        })?;
    }
    let len = cells.len();
    let cells: [String; 4] = cells.try_into().map_err(|_| {
        AppError::Kpi(vec![Problem::new(
            "data.row",
            format!("{at_zh}：应有 4 列，实际 {len} 列。"),
            format!("{at_en}: expected 4 columns, found {len}."),
        )])
    })?;
    Ok(ImportRow {
        at_zh,
        at_en,
        cells,
    })
}

/// The first sheet of a workbook. Excel turns "2016-07" into a date and numbers into floats:
/// dates come back as YYYY-MM, floats through their shortest decimal text.
pub(super) fn sheet_rows(bytes: &[u8]) -> Result<Vec<ImportRow>> {
    use crate::shared::sheet::{read_workbook, DateCell, Sheets};
    let bad = |e: String| {
        AppError::Kpi(vec![Problem::new(
            "data.xlsx",
            format!("无法读取工作簿：{e}"),
            format!("cannot read the workbook: {e}"),
        )])
    };
    let sheet = read_workbook(bytes, Sheets::First, DateCell::Month)
        .map_err(bad)?
        .into_iter()
        .next()
        .ok_or_else(|| bad("no sheet".into()))?;
    let mut out = Vec::new();
    for (k, (at, r)) in sheet.rows.into_iter().enumerate() {
        let cells: Vec<String> = r.into_iter().take(4).collect();
        if k == 0 {
            check_header(&cells)?;
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        out.push(row(at as usize, "行", "row", cells)?);
    }
    Ok(out)
}
