//! KPI schemes and scoring (DOMAIN.md §4).
//!
//! * [`scheme`]: the TOML scheme file; [`check()`] validates it.
//! * [`data::Figures`]: monthly figures per unit and metric.
//! * [`cycle`]: when a locked period's rewards fall due (次月兑现).
//! * [`score()`]: scores a month, quarter or year (or cumulatively from the window's start), with
//!   ranks, section subtotals, rewards and an explanation of every score.
//!
//! Every number is a `rust_decimal::Decimal`; rounding is half-up on each indicator score and on
//! the total.

pub mod check;
pub mod cycle;
pub mod data;
pub mod scheme;
mod score;

pub use check::{check, Finding, Severity};
pub use data::{Figures, Value};
pub use scheme::{parse, Scheme};
pub use score::{
    score, score_partial, Explain, IndicatorScore, Partial, RewardAmount, ScoreOptions,
    ScoreResult, UnitScore,
};

use serde::Serialize;

/// A problem with input data or with scoring it, in both languages, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{en}")]
pub struct Problem {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    /// The unit (code) whose figures it is about; `None` for a problem of the scheme or the
    /// period, which no unit's exclusion mends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For a missing figure: the month and the metric's name, so that a list of them can name
    /// the unit and the month once.
    #[serde(skip)]
    pub missing: Option<Box<(String, String)>>,
}

impl Problem {
    pub fn new(code: &'static str, zh: String, en: String) -> Problem {
        Problem {
            code,
            zh,
            en,
            unit: None,
            missing: None,
        }
    }

    /// The same problem, a missing figure of `metric` (its name) for `month`.
    pub fn missing_figure(mut self, month: &str, metric: &str) -> Problem {
        self.missing = Some(Box::new((month.to_string(), metric.to_string())));
        self
    }

    /// The same problem, about the figures of `unit` (a code).
    pub fn of_unit(mut self, unit: &str) -> Problem {
        self.unit = Some(unit.to_string());
        self
    }
}
