//! Checking a scheme file and scoring a data file, without a database (`branchdesk kpi check`,
//! `kpi score`).

use std::path::Path;

use branchdesk_kpi::{Figures, Finding, Scheme, ScoreOptions, ScoreResult, Severity};

use super::{parse_period, CheckReport, ScoreQuery};
use crate::{AppError, Result};

pub(super) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| AppError::File(path.to_path_buf(), e))
}

pub(super) fn load_scheme(path: &Path) -> Result<(Scheme, toml::Table, String)> {
    let text = read(path)?;
    let bad = |e: toml::de::Error| AppError::Scheme(path.to_path_buf(), e.to_string());
    let scheme = branchdesk_kpi::parse(&text).map_err(bad)?;
    let raw: toml::Table = toml::from_str(&text).map_err(bad)?;
    Ok((scheme, raw, text))
}

/// A scheme file that has no errors (warnings allowed), with its text.
pub(super) fn load_valid_scheme(path: &Path) -> Result<(Scheme, String)> {
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
pub fn score_files(scheme: &Path, data: &Path, q: &ScoreQuery<'_>) -> Result<ScoreResult> {
    let period = parse_period(q.period)?;
    let (scheme, _) = load_valid_scheme(scheme)?;
    let file = std::fs::File::open(data).map_err(|e| AppError::File(data.to_path_buf(), e))?;
    let figures = Figures::from_csv(std::io::BufReader::new(file)).map_err(AppError::Kpi)?;
    let result = branchdesk_kpi::score(
        &scheme,
        &figures,
        ScoreOptions {
            period,
            cumulative: q.cumulative,
            explain: q.explain,
        },
    )
    .map_err(AppError::Kpi)?;
    Ok(result)
}
