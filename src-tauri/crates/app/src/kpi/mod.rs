//! 考核: KPI schemes (versions, built-in templates), scoring with explanations, the entry grid,
//! imports of figures, trends and the change history of a figure, and the scorecard and
//! bulletin PDFs. The rules themselves are the pure `branchdesk-kpi` crate.
//!
//! Files: `files` (check and score scheme and data files without a database), `schemes`
//! (the library), `score`, `entry` (the grid), `import` (CSV and Excel), `trend` (trends and
//! history), `report` (考核得分表, 考评通报), `cycle` (publish, lock, reopen), `answers` (results down,
//! confirmations and appeals up, rulings down), `evidence` (files supporting an appeal) and `payouts`
//! (次月兑现: the register of rewards to pay).

mod answers;
mod cycle;
mod entry;
mod evidence;
mod figures;
mod files;
mod import;
mod payouts;
mod report;
mod schemes;
mod score;
mod specialists;
mod trend;

pub use answers::{AnswerInput, AnswerState, ResultScore, ResultView, ResultsView, RulingInput};
pub use cycle::{LockEntry, PeriodLock, PeriodStatus, Publication};
pub use evidence::{EvidenceInfo, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES};
pub use files::{check_scheme_file, score_files};
pub use payouts::{Payout, PayoutRegister};
pub use specialists::{SpecialistRow, SpecialistsView};

/// Which scores to compute: a scheme (the library's first when absent), a period, and how.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreQuery<'a> {
    pub scheme_id: Option<&'a str>,
    /// `2016-07`, `2016-Q3` or `2016`.
    pub period: &'a str,
    /// Months from the scheme's start to the end of `period`, as one span.
    pub cumulative: bool,
    /// Keep every score's explanation (inputs, formula, intermediate values).
    pub explain: bool,
}

impl<'a> ScoreQuery<'a> {
    /// The period's scores with the default scheme, without explanations.
    pub fn of(period: &'a str) -> Self {
        ScoreQuery {
            period,
            ..ScoreQuery::default()
        }
    }

    pub fn explained(self) -> Self {
        ScoreQuery {
            explain: true,
            ..self
        }
    }
}

use std::collections::BTreeMap;
use std::path::PathBuf;

use branchdesk_domain::{Lang, Period};
use branchdesk_kpi::{Finding, Scheme, ScoreResult, Severity};
use branchdesk_store::SchemeRow;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Result};

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub scheme: String,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

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
    /// Units whose figures could not be scored, with the reasons; while any are listed, the
    /// ranks of the others are provisional.
    pub unscored: Vec<UnscoredUnit>,
}

/// A unit left out of a ranking (未计分) and why, in words.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnscoredUnit {
    pub unit: String,
    pub name: String,
    pub reasons: Vec<String>,
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

impl EntryGrid {
    /// The metrics a unit has no figure for (blank counts as none).
    pub(crate) fn missing<'g>(&'g self, code: &str) -> impl Iterator<Item = &'g MetricInfo> {
        let have = self.values.get(code);
        self.metrics.iter().filter(move |m| {
            have.and_then(|v| v.get(&m.id))
                .is_none_or(|v| v.trim().is_empty())
        })
    }
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
    /// Divides a ratio, so it must be above zero.
    pub positive: bool,
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

/// The scheme templates that ship with the program (seed 001 and seed 002), with their notes.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "mms-2016",
        include_str!("../../../../../assets/schemes/mms-2016.toml"),
    ),
    (
        "marketing-pools-2016",
        include_str!("../../../../../assets/schemes/marketing-pools-2016.toml"),
    ),
];

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
                    positive: scheme
                        .indicators
                        .iter()
                        .any(|x| x.ratio.as_ref().is_some_and(|[_, d]| d == m)),
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
