//! 销售人员职级 (seed 002 §4.3): a level table and people's monthly figures run month by month
//! through `branchdesk_domain::levels`, without a database (`branchdesk levels run`, as
//! `kpi score` runs a scheme file), and the branch's two activity funds month by month
//! (`levels funds`). The files are read here; the rules are pure, in the domain.

use std::path::Path;

use branchdesk_domain::{
    activity_fund, client_fund, fund_ledger, run_person, FundMonth, LevelPerson, LevelRun,
    LevelTable, Period, TableProblem,
};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::shared::files::read_input;
use crate::{AppError, Result};

/// The largest table or figures file read (a sales organisation of some thousands).
const MAX_FILE: u64 = 8 << 20;
/// Months in one run.
const MAX_MONTHS: usize = 120;

/// Every person's months from `from` through `to`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LevelsReport {
    pub table: String,
    pub months: Vec<String>,
    pub people: Vec<LevelRun>,
}

fn invalid(field: &'static str, zh: String, en: String) -> AppError {
    AppError::Invalid { field, zh, en }
}

fn problems(p: &[TableProblem]) -> AppError {
    invalid(
        "table",
        p.iter()
            .map(|p| p.zh.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        p.iter()
            .map(|p| p.en.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn text(path: &Path) -> Result<String> {
    String::from_utf8(read_input(path, MAX_FILE)?).map_err(|_| {
        invalid(
            "file",
            format!("{} 不是 UTF-8 编码的文本：请另存为 UTF-8。", path.display()),
            format!("{} is not UTF-8 text: save it as UTF-8.", path.display()),
        )
    })
}

/// Reads a level table and says everything wrong with it.
pub fn load_table(path: &Path) -> Result<(LevelTable, Vec<TableProblem>)> {
    parse_table(&path.display().to_string(), &text(path)?)
}

/// A level table from its text (`name` names it in messages).
fn parse_table(name: &str, text: &str) -> Result<(LevelTable, Vec<TableProblem>)> {
    let t: LevelTable = toml::from_str(text).map_err(|e| {
        invalid(
            "table",
            format!("职级表 {name} 无法读取：{e}"),
            format!("The level table {name} cannot be read: {e}"),
        )
    })?;
    let p = t.check();
    Ok((t, p))
}

/// The months `from` through `to` (both `YYYY-MM`).
fn months(from: &str, to: &str) -> Result<Vec<String>> {
    let bad = |s: &str| {
        invalid(
            "month",
            format!("“{s}”不是月份，请写成 2017-01。"),
            format!("\"{s}\" is not a month; write it as 2017-01."),
        )
    };
    let month = |s: &str| {
        s.trim()
            .parse::<Period>()
            .ok()
            .filter(|p| matches!(p, Period::Month { .. }))
            .ok_or_else(|| bad(s))
    };
    let (mut m, end) = (month(from)?, month(to)?);
    let mut out = vec![m.to_string()];
    while m != end {
        m = m.next_month().ok_or_else(|| bad(to))?;
        out.push(m.to_string());
        if out.len() > MAX_MONTHS {
            return Err(invalid(
                "to",
                format!("{from} 到 {to} 不是一段不超过 {MAX_MONTHS} 个月的时间（结束月份须不早于开始月份）。"),
                format!("{from} to {to} is not a span of at most {MAX_MONTHS} months (the end must not be before the start)."),
            ));
        }
    }
    Ok(out)
}

/// People from a CSV with one row per person: 工号 (person), 姓名 (name), 起始职级 (level),
/// 智慧助理 (assistant: 是/yes/1), then one column per month (2017-01, …) with the figure.
pub fn load_people(path: &Path, months: &[String]) -> Result<Vec<LevelPerson>> {
    parse_people(&text(path)?, months)
}

fn parse_people(data: &str, months: &[String]) -> Result<Vec<LevelPerson>> {
    const HEADER: (&str, &str) = (
        "工号,姓名,起始职级,智慧助理,2017-01,2017-02,…",
        "person,name,level,assistant,2017-01,2017-02,…",
    );
    let (mut r, head) = sheet(data)?;
    let col = |names: &[&str]| head.iter().position(|h| names.contains(&h.as_str()));
    let need = |names: [&str; 2]| column(&head, names, HEADER);
    let (code, name, level) = (
        need(["工号", "person"])?,
        need(["姓名", "name"])?,
        need(["起始职级", "level"])?,
    );
    let assistant = col(&["智慧助理", "assistant"]);
    let month_cols: Vec<usize> = months
        .iter()
        .map(|m| {
            col(&[m.as_str()]).ok_or_else(|| {
                invalid(
                    "data",
                    format!("缺少 {m} 的数据列。"),
                    format!("No column for {m}."),
                )
            })
        })
        .collect::<Result<_>>()?;
    let mut people = Vec::new();
    let mut wrong = Vec::new();
    for (n, row) in r.records().enumerate() {
        let line = n + 2;
        let row = row.map_err(|e| {
            invalid(
                "data",
                format!("第 {line} 行无法读取：{e}"),
                format!("Line {line} cannot be read: {e}"),
            )
        })?;
        let cell = |i: usize| row.get(i).unwrap_or("").trim();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut figures = Vec::with_capacity(months.len());
        for (m, &i) in months.iter().zip(&month_cols) {
            match cell(i).replace(',', "").parse::<Decimal>() {
                Ok(v) if v >= Decimal::ZERO => figures.push(v),
                _ => wrong.push((
                    format!(
                        "第 {line} 行 {}（{}）{m} 的数据“{}”不是非负数",
                        cell(name),
                        cell(code),
                        cell(i)
                    ),
                    format!(
                        "line {line}, {} ({}), {m}: \"{}\" is not a figure of zero or more",
                        cell(name),
                        cell(code),
                        cell(i)
                    ),
                )),
            }
        }
        people.push(LevelPerson {
            code: cell(code).into(),
            name: cell(name).into(),
            level: cell(level).into(),
            assistant: assistant
                .is_some_and(|a| matches!(cell(a), "是" | "yes" | "1" | "true" | "Y" | "y")),
            figures,
        });
        if people.len() > 100_000 || wrong.len() >= 20 {
            break;
        }
    }
    if !wrong.is_empty() {
        return Err(invalid(
            "data",
            format!(
                "{}。",
                wrong
                    .iter()
                    .map(|w| w.0.as_str())
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            format!(
                "{}.",
                wrong
                    .iter()
                    .map(|w| w.1.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ));
    }
    Ok(people)
}

/// A CSV's reader past its header (a spreadsheet's byte-order mark dropped), and the header's
/// names, trimmed.
fn sheet(data: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>)> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(data.trim_start_matches('\u{feff}').as_bytes());
    let head = r
        .headers()
        .map_err(|e| {
            invalid(
                "data",
                format!("表头无法读取：{e}"),
                format!("The header cannot be read: {e}"),
            )
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok((r, head))
}

/// The column named `names` (Chinese, English), or what the header should be.
fn column(head: &[String], names: [&str; 2], header: (&str, &str)) -> Result<usize> {
    head.iter()
        .position(|h| names.contains(&h.as_str()))
        .ok_or_else(|| {
            invalid(
                "data",
                format!("缺少“{}”列。表头应为：{}", names[0], header.0),
                format!("No \"{}\" column. The header is: {}", names[1], header.1),
            )
        })
}

/// Runs every person of `data` through the table in `table`, month by month.
pub fn run_files(table: &Path, data: &Path, from: &str, to: &str) -> Result<LevelsReport> {
    run_text(
        (&table.display().to_string(), &text(table)?),
        &text(data)?,
        from,
        to,
    )
}

/// The same from files a person picked in the window: (name, bytes) of the table and of the
/// figures, each at most 8 MiB.
pub fn run_picked(
    table: &(String, Vec<u8>),
    data: &(String, Vec<u8>),
    from: &str,
    to: &str,
) -> Result<LevelsReport> {
    let utf8 = |(name, bytes): &(String, Vec<u8>)| -> Result<String> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(AppError::TooLarge {
                path: name.into(),
                size: bytes.len() as u64,
                max: MAX_FILE,
            });
        }
        String::from_utf8(bytes.clone()).map_err(|_| {
            invalid(
                "file",
                format!("{name} 不是 UTF-8 编码的文本：请另存为 UTF-8。"),
                format!("{name} is not UTF-8 text: save it as UTF-8."),
            )
        })
    };
    run_text((&table.0, &utf8(table)?), &utf8(data)?, from, to)
}

fn run_text(table: (&str, &str), data: &str, from: &str, to: &str) -> Result<LevelsReport> {
    let (t, p) = parse_table(table.0, table.1)?;
    if !p.is_empty() {
        return Err(problems(&p));
    }
    let months = months(from, to)?;
    let people = parse_people(data, &months)?
        .iter()
        .map(|p| run_person(&t, p, &months).map_err(|e| problems(&[e])))
        .collect::<Result<_>>()?;
    Ok(LevelsReport {
        table: t.name,
        months,
        people,
    })
}

/// The two funds of seed 002's second part, month by month.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FundsReport {
    pub months: Vec<String>,
    /// 公司客户交往活动基金: 1% of the completed amount.
    pub client: Vec<FundMonth>,
    /// 公司活动基金: by the achievement rate.
    pub activity: Vec<FundMonth>,
}

/// The funds from a CSV with one row per month: 月份 (month), 完成额 (completed), 目标
/// (target), 客户交往费用 (client_used), 活动费用 (activity_used); months in order, no gaps.
pub fn funds_file(path: &Path) -> Result<FundsReport> {
    const HEADER: (&str, &str) = (
        "月份,完成额,目标,客户交往费用,活动费用",
        "month,completed,target,client_used,activity_used",
    );
    let data = text(path)?;
    let (mut r, head) = sheet(&data)?;
    let need = |names: [&str; 2]| column(&head, names, HEADER);
    let cols = [
        need(["月份", "month"])?,
        need(["完成额", "completed"])?,
        need(["目标", "target"])?,
        need(["客户交往费用", "client_used"])?,
        need(["活动费用", "activity_used"])?,
    ];
    let mut months: Vec<String> = Vec::new();
    let (mut client, mut activity) = (Vec::new(), Vec::new());
    for (n, row) in r.records().enumerate() {
        let line = n + 2;
        let row = row.map_err(|e| {
            invalid(
                "data",
                format!("第 {line} 行无法读取：{e}"),
                format!("Line {line} cannot be read: {e}"),
            )
        })?;
        let cell = |i: usize| row.get(cols[i]).unwrap_or("").trim().replace(',', "");
        let month = cell(0);
        let expected = match months.last() {
            None => None,
            Some(m) => m
                .parse::<Period>()
                .ok()
                .and_then(|p| p.next_month())
                .map(|p| p.to_string()),
        };
        let ok = month
            .parse::<Period>()
            .is_ok_and(|p| matches!(p, Period::Month { .. }))
            && expected.as_ref().is_none_or(|e| *e == month);
        if !ok {
            return Err(invalid(
                "month",
                format!("第 {line} 行的月份“{month}”不对：月份写成 2017-01，按月连续排列{}。", expected.as_ref().map(|e| format!("（应为 {e}）")).unwrap_or_default()),
                format!("Line {line}: \"{month}\" is not the month expected: write 2017-01, one row per month in order{}.", expected.map(|e| format!(" ({e} expected)")).unwrap_or_default()),
            ));
        }
        let mut v = [Decimal::ZERO; 4];
        for (k, slot) in v.iter_mut().enumerate() {
            *slot = match cell(k + 1).parse::<Decimal>() {
                Ok(x) if x >= Decimal::ZERO => x,
                _ if cell(k + 1).is_empty() => Decimal::ZERO,
                _ => {
                    return Err(invalid(
                        "data",
                        format!("第 {line} 行（{month}）第 {} 列“{}”不是非负数。", k + 2, cell(k + 1)),
                        format!("Line {line} ({month}), column {}: \"{}\" is not an amount of zero or more.", k + 2, cell(k + 1)),
                    ))
                }
            };
        }
        client.push((client_fund(v[0]), v[2]));
        activity.push((activity_fund(v[0], v[1]), v[3]));
        months.push(month);
        if months.len() > MAX_MONTHS {
            return Err(invalid(
                "data",
                format!("一个文件最多 {MAX_MONTHS} 个月。"),
                format!("A file holds at most {MAX_MONTHS} months."),
            ));
        }
    }
    let ledger = |rows: &[(Decimal, Decimal)], zh: &str, en: &str| {
        fund_ledger(rows).map_err(|o| {
            let m = months.get(o.month).cloned().unwrap_or_default();
            invalid(
                "data",
                format!("{m} {zh}使用 {}，超过当月可用余额 {}（每月提取的基金只能在当月和此后两个月内使用）。", o.used, o.available),
                format!("{m}: {en} used {}, more than the {} available (each month's money may be used in that month and the two after).", o.used, o.available),
            )
        })
    };
    Ok(FundsReport {
        client: ledger(&client, "客户交往活动基金", "the client relations fund")?,
        activity: ledger(&activity, "公司活动基金", "the activity fund")?,
        months,
    })
}
