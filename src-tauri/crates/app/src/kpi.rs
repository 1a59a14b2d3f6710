//! KPI use cases that work on files, without a database: `kpi check` and `kpi score`.

use std::path::Path;

use branchdesk_domain::Period;
use branchdesk_kpi::{Figures, Finding, Scheme, ScoreOptions, ScoreResult, Severity};
use serde::Serialize;

use crate::{AppError, Result};

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

fn load_scheme(path: &Path) -> Result<(Scheme, toml::Table)> {
    let text = read(path)?;
    let bad = |e: toml::de::Error| AppError::Scheme(path.to_path_buf(), e.to_string());
    let scheme = branchdesk_kpi::parse(&text).map_err(bad)?;
    let raw: toml::Table = toml::from_str(&text).map_err(bad)?;
    Ok((scheme, raw))
}

/// Validates a scheme file: errors (which stop it being used) and warnings.
pub fn check_scheme_file(path: &Path) -> Result<CheckReport> {
    let (scheme, raw) = load_scheme(path)?;
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
    let period: Period = period.parse().map_err(|_| {
        AppError::invalid(
            "period",
            format!("“{period}”不是有效的期间，请写成 2016-07（月）、2016-Q3（季度）或 2016（年）。"),
            format!("{period:?} is not a period: write 2016-07 (month), 2016-Q3 (quarter) or 2016 (year)."),
        )
    })?;
    let (scheme, raw) = load_scheme(scheme)?;
    let errors: Vec<Finding> = branchdesk_kpi::check(&scheme, &raw)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(AppError::SchemeInvalid(errors));
    }
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
