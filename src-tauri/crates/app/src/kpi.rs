//! KPI use cases that work on files, without a database: `kpi check` and `kpi score`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use branchdesk_domain::{Lang, Period};
use branchdesk_kpi::{
    Figures, Finding, Problem, Scheme, ScoreOptions, ScoreResult, Severity, Value,
};
use branchdesk_store::SchemeRow;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{now, operator, App, AppError, Result};

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub scheme: String,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| AppError::File(path.to_path_buf(), e))
}

fn load_scheme(path: &Path) -> Result<(Scheme, toml::Table, String)> {
    let text = read(path)?;
    let bad = |e: toml::de::Error| AppError::Scheme(path.to_path_buf(), e.to_string());
    let scheme = branchdesk_kpi::parse(&text).map_err(bad)?;
    let raw: toml::Table = toml::from_str(&text).map_err(bad)?;
    Ok((scheme, raw, text))
}

/// A scheme file that has no errors (warnings allowed), with its text.
fn load_valid_scheme(path: &Path) -> Result<(Scheme, String)> {
    let (scheme, raw, text) = load_scheme(path)?;
    let errors: Vec<Finding> = branchdesk_kpi::check(&scheme, &raw)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(AppError::SchemeInvalid(errors));
    }
    Ok((scheme, text))
}

/// Validates a scheme file: errors (which stop it being used) and warnings.
pub fn check_scheme_file(path: &Path) -> Result<CheckReport> {
    let (scheme, raw, _) = load_scheme(path)?;
    let findings = branchdesk_kpi::check(&scheme, &raw);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    Ok(CheckReport {
        scheme: scheme.scheme.id,
        errors,
        warnings: findings.len() - errors,
        findings,
    })
}

/// Scores a CSV of monthly figures against a scheme file for a period.
pub fn score_files(
    scheme: &Path,
    data: &Path,
    period: &str,
    cumulative: bool,
    explain: bool,
) -> Result<ScoreResult> {
    let period = parse_period(period)?;
    let (scheme, _) = load_valid_scheme(scheme)?;
    let file = std::fs::File::open(data).map_err(|e| AppError::File(data.to_path_buf(), e))?;
    let figures = Figures::from_csv(std::io::BufReader::new(file)).map_err(AppError::Kpi)?;
    let result = branchdesk_kpi::score(
        &scheme,
        &figures,
        ScoreOptions {
            period,
            cumulative,
            explain,
        },
    )
    .map_err(AppError::Kpi)?;
    Ok(result)
}

// ---- With a database ---------------------------------------------------------------------

/// A stored scheme as the scheme library shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SchemeSummary {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub added_at: String,
    pub start: String,
    pub end: String,
    #[ts(type = "string")]
    pub points: rust_decimal::Decimal,
    pub notes: Vec<String>,
    pub sections: Vec<SectionInfo>,
    pub indicators: Vec<IndicatorInfo>,
    pub rewards: Vec<RewardInfo>,
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SectionInfo {
    pub id: String,
    pub name: String,
    #[ts(type = "string")]
    pub points: rust_decimal::Decimal,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IndicatorInfo {
    pub id: String,
    pub name: String,
    #[ts(type = "string")]
    pub points: rust_decimal::Decimal,
    pub rule: String,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RewardInfo {
    pub id: String,
    pub name: String,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FindingView {
    /// `error` or `warning`.
    pub severity: String,
    pub code: String,
    #[ts(optional)]
    pub subject: Option<String>,
    pub message: String,
}

/// Scores with the names the UI shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KpiScoreView {
    pub scheme: SchemeSummary,
    pub result: ScoreResult,
    /// unit code → name
    pub unit_names: BTreeMap<String, String>,
}

/// The monthly entry grid: assessed units × the scheme's metrics.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EntryGrid {
    pub period: String,
    pub scheme_id: String,
    pub units: Vec<UnitRef>,
    pub metrics: Vec<MetricInfo>,
    /// unit code → metric → value
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MetricInfo {
    pub id: String,
    pub name: String,
    /// The allowed words for a graded metric; absent for numbers.
    #[ts(optional)]
    pub grades: Option<Vec<String>>,
}

/// One cell typed into the grid.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CellInput {
    pub unit: String,
    pub metric: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SaveReport {
    #[ts(type = "number")]
    pub changed: i64,
    #[ts(type = "number")]
    pub unchanged: i64,
}

/// A rejected cell, named so the grid can mark it in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CellError {
    pub unit: String,
    pub metric: String,
    pub message: String,
}

fn summary(row: &SchemeRow, lang: Lang) -> Result<(Scheme, SchemeSummary)> {
    let bad = |e: toml::de::Error| {
        AppError::Scheme(
            PathBuf::from(format!("{} v{}", row.id, row.version)),
            e.to_string(),
        )
    };
    let scheme = branchdesk_kpi::parse(&row.source).map_err(bad)?;
    let raw: toml::Table = toml::from_str(&row.source).map_err(bad)?;
    let findings = branchdesk_kpi::check(&scheme, &raw)
        .into_iter()
        .map(|f| FindingView {
            severity: if f.severity == Severity::Error {
                "error"
            } else {
                "warning"
            }
            .into(),
            code: f.code.into(),
            subject: f.subject,
            message: if lang == Lang::Zh { f.zh } else { f.en },
        })
        .collect();
    let rule_name = |r: &branchdesk_kpi::scheme::Rule| {
        serde_json::to_value(r)
            .ok()
            .and_then(|v| v.get("rule").and_then(|x| x.as_str()).map(str::to_string))
            .unwrap_or_default()
    };
    let s = SchemeSummary {
        id: row.id.clone(),
        version: row.version,
        name: row.name.clone(),
        added_at: row.added_at.clone(),
        start: scheme.scheme.start.to_string(),
        end: scheme.scheme.end.to_string(),
        points: scheme.scheme.points,
        notes: scheme.scheme.notes.clone(),
        sections: scheme
            .sections
            .iter()
            .map(|x| SectionInfo {
                id: x.id.clone(),
                name: x.name.clone(),
                points: x.points,
            })
            .collect(),
        indicators: scheme
            .indicators
            .iter()
            .map(|i| IndicatorInfo {
                id: i.id.clone(),
                name: i.name.clone(),
                points: i.points,
                rule: rule_name(&i.rule),
                note: i.note.clone(),
            })
            .collect(),
        rewards: scheme
            .rewards
            .iter()
            .map(|r| RewardInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                note: r.note.clone(),
            })
            .collect(),
        findings,
    };
    Ok((scheme, s))
}

impl App {
    /// Writes figures (unit id, month, metric, value) in one transaction, logging who changed
    /// which and when; unchanged values are counted, not logged.
    fn record_all(&mut self, rows: &[(String, String, String, String)]) -> Result<SaveReport> {
        let (by, at) = (operator(), now());
        let changed = self.store.write(|w| -> Result<i64> {
            let mut n = 0;
            for (unit_id, month, metric, value) in rows {
                n += i64::from(w.record_kpi_value(unit_id, month, metric, value, &by, &at)?);
            }
            Ok(n)
        })?;
        Ok(SaveReport {
            changed,
            unchanged: rows.len() as i64 - changed,
        })
    }

    /// Validates a scheme file and archives it as the next version of its id.
    pub fn kpi_add_scheme(&mut self, path: &Path) -> Result<SchemeSummary> {
        let (scheme, source) = load_valid_scheme(path)?;
        self.store_add_scheme(&scheme, &source)
    }

    pub(crate) fn store_add_scheme(
        &mut self,
        scheme: &Scheme,
        source: &str,
    ) -> Result<SchemeSummary> {
        let at = now();
        self.store
            .write(|w| w.add_scheme(&scheme.scheme.id, &scheme.scheme.name, source, &at))?;
        let row = self.scheme_row(Some(&scheme.scheme.id))?;
        Ok(summary(&row, self.lang)?.1)
    }

    /// The latest version of every stored scheme.
    pub fn kpi_schemes(&self) -> Result<Vec<SchemeSummary>> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for row in self.store.schemes()? {
            if seen.insert(row.id.clone()) {
                out.push(summary(&row, self.lang)?.1);
            }
        }
        Ok(out)
    }

    /// The latest version of `id`, or of the first scheme when `id` is `None`.
    fn scheme_row(&self, id: Option<&str>) -> Result<SchemeRow> {
        let rows = self.store.schemes()?;
        let found = match id {
            Some(id) => rows.into_iter().find(|r| r.id == id),
            None => rows.into_iter().next(),
        };
        found.ok_or_else(|| {
            let name = id.unwrap_or("").to_string();
            AppError::invalid(
                "scheme",
                if name.is_empty() {
                    "还没有考核方案：请先用 branchdesk kpi scheme add 添加。".into()
                } else {
                    format!("没有编号为 {name} 的考核方案。")
                },
                if name.is_empty() {
                    "There is no scheme yet: add one with `branchdesk kpi scheme add`.".into()
                } else {
                    format!("There is no scheme {name}.")
                },
            )
        })
    }

    fn figures(&self) -> Result<Figures> {
        let mut f = Figures::default();
        for (unit, period, metric, value) in self.store.kpi_values()? {
            let Some(month) = period
                .parse::<Period>()
                .ok()
                .and_then(branchdesk_kpi::data::month_idx)
            else {
                continue;
            };
            let v = value.parse().map(Value::Num).unwrap_or(Value::Grade(value));
            f.insert(&unit, month, &metric, v);
        }
        Ok(f)
    }

    /// Scores the stored figures with a stored scheme.
    pub fn kpi_score(
        &self,
        scheme_id: Option<&str>,
        period: &str,
        cumulative: bool,
        explain: bool,
    ) -> Result<KpiScoreView> {
        let period = parse_period(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, summary) = summary(&row, self.lang)?;
        let result = branchdesk_kpi::score(
            &scheme,
            &self.figures()?,
            ScoreOptions {
                period,
                cumulative,
                explain,
            },
        )
        .map_err(AppError::Kpi)?;
        let unit_names = self
            .store
            .assessed_units()?
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect();
        Ok(KpiScoreView {
            scheme: summary,
            result,
            unit_names,
        })
    }

    /// The entry grid of a month for a scheme.
    pub fn kpi_entry(&self, scheme_id: Option<&str>, period: &str) -> Result<EntryGrid> {
        let month = parse_month(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let units = self.store.assessed_units()?;
        let mut values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (unit, p, metric, value) in self.store.kpi_values()? {
            if p == month {
                values.entry(unit).or_default().insert(metric, value);
            }
        }
        Ok(EntryGrid {
            period: month,
            scheme_id: scheme.scheme.id.clone(),
            units: units
                .into_iter()
                .map(|(_, code, name)| UnitRef { code, name })
                .collect(),
            metrics: metrics_of(&scheme),
            values,
        })
    }

    /// Saves typed cells: every cell is checked first; if any is wrong nothing is saved and each
    /// wrong cell is named. Changes are logged with who and when.
    pub fn kpi_save(
        &mut self,
        scheme_id: Option<&str>,
        period: &str,
        cells: &[CellInput],
    ) -> Result<SaveReport> {
        let month = parse_month(period)?;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let metrics = metrics_of(&scheme);
        let units: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        let zh = self.lang == Lang::Zh;
        let mut errors = Vec::new();
        let mut ok = Vec::new();
        for c in cells {
            let value = c.value.trim().replace([',', '，'], "");
            let err = |zh_msg: String, en_msg: String| CellError {
                unit: c.unit.clone(),
                metric: c.metric.clone(),
                message: if zh { zh_msg } else { en_msg },
            };
            let Some(unit_id) = units.get(&c.unit) else {
                errors.push(err(
                    format!("没有编码为 {} 的单位。", c.unit),
                    format!("No unit with code {}.", c.unit),
                ));
                continue;
            };
            let Some(m) = metrics.iter().find(|m| m.id == c.metric) else {
                errors.push(err(
                    format!("方案中没有数据项 {}。", c.metric),
                    format!("The scheme has no metric {}.", c.metric),
                ));
                continue;
            };
            if value.is_empty() {
                continue;
            }
            match &m.grades {
                Some(grades) if !grades.contains(&value) => {
                    errors.push(err(
                        format!("“{value}”不是有效等级，应为：{}。", grades.join("、")),
                        format!(
                            "{value:?} is not a grade; use one of {}.",
                            grades.join(", ")
                        ),
                    ));
                }
                Some(_) => ok.push((unit_id.clone(), month.clone(), c.metric.clone(), value)),
                None => match value.parse::<rust_decimal::Decimal>() {
                    Ok(d) if d < rust_decimal::Decimal::ZERO => errors.push(err(
                        format!("{}不能为负数。", m.name),
                        format!("{} cannot be negative.", m.name),
                    )),
                    Ok(d) => ok.push((
                        unit_id.clone(),
                        month.clone(),
                        c.metric.clone(),
                        d.normalize().to_string(),
                    )),
                    Err(_) => errors.push(err(
                        format!("“{value}”不是数字。"),
                        format!("{value:?} is not a number."),
                    )),
                },
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Cells(errors));
        }
        self.record_all(&ok)
    }

    /// Imports monthly figures from CSV or Excel (.xlsx / .xls / .ods) with the columns
    /// `unit,period,metric,value` (or 单位,期间,数据项,数值): every row is checked first and
    /// nothing is written unless all are good. Changes are logged with who and when.
    pub fn kpi_import(&mut self, path: &Path) -> Result<SaveReport> {
        let bytes = std::fs::read(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        self.kpi_import_bytes(name, &bytes)
    }

    /// The same from a file's contents (the window reads the file the user picked, so it
    /// needs no file-system permission); `name` tells CSV from Excel by its extension.
    pub fn kpi_import_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<SaveReport> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let rows = match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => sheet_rows(bytes)?,
            _ => csv_rows(bytes)?,
        };
        let units: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        let mut problems = Vec::new();
        let mut good = Vec::new();
        for r in &rows {
            let [unit, period, metric, value] = &r.cells;
            let checked =
                branchdesk_kpi::data::parse_row(&r.at_zh, &r.at_en, unit, period, metric, value);
            match (checked, units.get(unit)) {
                (Err(p), _) => problems.push(p),
                (Ok(_), None) => problems.push(Problem::new(
                    "data.unit",
                    format!("{}：没有编码为 {unit} 的单位。", r.at_zh),
                    format!("{}: no unit with code {unit}.", r.at_en),
                )),
                (Ok((month, v)), Some(id)) => {
                    let value = match v {
                        Value::Num(d) => d.normalize().to_string(),
                        Value::Grade(g) => g,
                    };
                    good.push((
                        id.clone(),
                        branchdesk_kpi::data::month_name(month),
                        metric.clone(),
                        value,
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Kpi(problems));
        }
        self.record_all(&good)
    }
}

/// One unit's monthly scores across the scheme's window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KpiTrend {
    pub unit: String,
    pub months: Vec<String>,
    /// The monthly total, or `null` for a month that cannot be scored (missing figures).
    #[ts(type = "Array<string | null>")]
    pub totals: Vec<Option<rust_decimal::Decimal>>,
    pub indicators: Vec<TrendSeries>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TrendSeries {
    pub id: String,
    pub name: String,
    #[ts(type = "Array<string | null>")]
    pub scores: Vec<Option<rust_decimal::Decimal>>,
}

impl App {
    /// A unit's monthly total and indicator scores over the scheme's window.
    pub fn kpi_trend(&self, scheme_id: Option<&str>, unit: &str) -> Result<KpiTrend> {
        use chrono::Datelike;
        let row = self.scheme_row(scheme_id)?;
        let (scheme, _) = summary(&row, self.lang)?;
        let figures = self.figures()?;
        let (start, end) = (scheme.scheme.start, scheme.scheme.end);
        let last = Period::month(end.year(), end.month());
        let mut months = Vec::new();
        let mut m = Period::month(start.year(), start.month());
        while let Some(p) = m.filter(|p| Some(*p) <= last) {
            months.push(p);
            m = p.next_month();
        }
        let mut totals = Vec::new();
        let mut series: Vec<TrendSeries> = scheme
            .indicators
            .iter()
            .map(|i| TrendSeries {
                id: i.id.clone(),
                name: i.name.clone(),
                scores: Vec::new(),
            })
            .collect();
        for p in &months {
            let scored = branchdesk_kpi::score(
                &scheme,
                &figures,
                ScoreOptions {
                    period: *p,
                    cumulative: false,
                    explain: false,
                },
            );
            let found = scored
                .ok()
                .and_then(|r| r.units.into_iter().find(|u| u.unit == unit));
            totals.push(found.as_ref().map(|u| u.total));
            for (k, s) in series.iter_mut().enumerate() {
                s.scores.push(
                    found
                        .as_ref()
                        .and_then(|u| u.indicators.get(k))
                        .map(|i| i.score),
                );
            }
        }
        Ok(KpiTrend {
            unit: unit.to_string(),
            months: months.iter().map(Period::to_string).collect(),
            totals,
            indicators: series,
        })
    }
}

/// One logged change of a figure.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FigureChange {
    #[ts(optional)]
    pub old: Option<String>,
    pub new: String,
    pub by: String,
    pub at: String,
}

impl App {
    /// Who changed a figure and when, newest first.
    pub fn kpi_history(&self, unit: &str, period: &str, metric: &str) -> Result<Vec<FigureChange>> {
        let month = parse_month(period)?;
        let Some(unit_id) = self.store.unit_id_by_code(unit)? else {
            return Err(AppError::invalid(
                "unit",
                format!("没有编码为 {unit} 的单位。"),
                format!("No unit with code {unit}."),
            ));
        };
        Ok(self
            .store
            .kpi_value_history(&unit_id, &month, metric)?
            .into_iter()
            .map(|c| FigureChange {
                old: c.old,
                new: c.new,
                by: c.by,
                at: c.at,
            })
            .collect())
    }
}

/// The scheme templates that ship with the program (seed 001 and seed 002), with their notes.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "mms-2016",
        include_str!("../../../../assets/schemes/mms-2016.toml"),
    ),
    (
        "marketing-pools-2016",
        include_str!("../../../../assets/schemes/marketing-pools-2016.toml"),
    ),
];

impl App {
    /// The built-in templates, as the library shows them (with the validator's findings).
    pub fn kpi_templates(&self) -> Result<Vec<SchemeSummary>> {
        TEMPLATES
            .iter()
            .map(|(id, source)| {
                let row = SchemeRow {
                    id: id.to_string(),
                    version: 0,
                    name: String::new(),
                    source: source.to_string(),
                    added_at: String::new(),
                };
                let (scheme, mut s) = summary(&row, self.lang)?;
                s.name = scheme.scheme.name;
                Ok(s)
            })
            .collect()
    }

    /// Stores a built-in template as the next version of its id.
    pub fn kpi_add_template(&mut self, id: &str) -> Result<SchemeSummary> {
        let Some((_, source)) = TEMPLATES.iter().find(|(t, _)| *t == id) else {
            return Err(AppError::invalid(
                "template",
                format!("没有名为 {id} 的方案模板。"),
                format!("There is no template {id}."),
            ));
        };
        let scheme = branchdesk_kpi::parse(source)
            .map_err(|e| AppError::Scheme(PathBuf::from(id), e.to_string()))?;
        self.store_add_scheme(&scheme, source)
    }
}

/// One imported row: where it came from, and unit, period, metric, value.
struct ImportRow {
    at_zh: String,
    at_en: String,
    cells: [String; 4],
}

const HEADERS: [[&str; 4]; 2] = [
    ["unit", "period", "metric", "value"],
    ["单位", "期间", "数据项", "数值"],
];

/// The first row must name the columns, in English or Chinese.
fn check_header(cells: &[String]) -> Result<()> {
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

fn csv_rows(bytes: &[u8]) -> Result<Vec<ImportRow>> {
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

fn row(n: usize, zh_unit: &str, en_unit: &str, cells: Vec<String>) -> Result<ImportRow> {
    let (at_zh, at_en) = (format!("第 {n} {zh_unit}"), format!("{en_unit} {n}"));
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
fn sheet_rows(bytes: &[u8]) -> Result<Vec<ImportRow>> {
    use calamine::Reader;
    let bad = |e: String| {
        AppError::Kpi(vec![Problem::new(
            "data.xlsx",
            format!("无法读取工作簿：{e}"),
            format!("cannot read the workbook: {e}"),
        )])
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| bad(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad("no sheet".into()))?
        .map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    for (k, r) in range.rows().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .map(|c| crate::sheet::cell_text(c, crate::sheet::DateCell::Month))
            .collect();
        let cells: Vec<String> = cells.into_iter().take(4).collect();
        if k == 0 {
            check_header(&cells)?;
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        out.push(row(k + 1, "行", "row", cells)?);
    }
    Ok(out)
}

fn metrics_of(scheme: &Scheme) -> Vec<MetricInfo> {
    let mut out: Vec<MetricInfo> = Vec::new();
    for i in &scheme.indicators {
        let grades = match &i.rule {
            branchdesk_kpi::scheme::Rule::Grade { grades } => {
                let mut g: Vec<(&String, &branchdesk_kpi::scheme::GradePoints)> =
                    grades.iter().collect();
                g.sort_by_key(|x| std::cmp::Reverse(x.1 .0));
                Some(g.into_iter().map(|(k, _)| k.clone()).collect())
            }
            _ => None,
        };
        for m in i.metrics() {
            if !out.iter().any(|x| x.id == m) {
                let name = scheme
                    .metrics
                    .get(m)
                    .cloned()
                    .unwrap_or_else(|| m.to_string());
                out.push(MetricInfo {
                    id: m.to_string(),
                    name,
                    grades: grades.clone(),
                });
            }
        }
    }
    out
}

fn parse_period(p: &str) -> Result<Period> {
    p.parse().map_err(|_| {
        AppError::invalid(
            "period",
            format!("“{p}”不是有效的期间，请写成 2016-07（月）、2016-Q3（季度）或 2016（年）。"),
            format!(
                "{p:?} is not a period: write 2016-07 (month), 2016-Q3 (quarter) or 2016 (year)."
            ),
        )
    })
}

fn parse_month(p: &str) -> Result<String> {
    match parse_period(p)? {
        m @ Period::Month { .. } => Ok(m.to_string()),
        _ => Err(AppError::invalid(
            "period",
            format!("请选择一个月份（如 2016-07），而不是 {p}。"),
            format!("Choose a month (e.g. 2016-07), not {p}."),
        )),
    }
}
