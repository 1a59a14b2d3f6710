//! The scheme file (TOML): what HQ writes, validates, distributes and archives.
//! `docs/schemes.md` documents every field with examples.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub scheme: Header,
    /// Optional metric catalogue: id → name. When present, every metric an indicator or reward
    /// uses must be declared here.
    #[serde(default)]
    pub metrics: BTreeMap<String, String>,
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<Indicator>,
    #[serde(default, rename = "reward")]
    pub rewards: Vec<Reward>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub id: String,
    pub name: String,
    #[serde(default = "one")]
    pub version: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(deserialize_with = "decimal")]
    pub points: Decimal,
    #[serde(default = "two")]
    pub rounding: u32,
    #[serde(default)]
    pub ranking: Ranking,
    #[serde(default)]
    pub annual: Annual,
    /// Where the scheme comes from and how it reads its document.
    #[serde(default)]
    pub notes: Vec<String>,
}

fn one() -> u32 {
    1
}
fn two() -> u32 {
    2
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ranking {
    /// Ties share a rank and the next rank is skipped: 1, 2, 2, 4.
    #[default]
    Competition,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Annual {
    /// The year's score is the sum of the quarters' scores (seed 001).
    #[default]
    SumOfQuarters,
    /// The year is scored like any period: on the year's cumulative figures.
    Cumulative,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "decimal")]
    pub points: Decimal,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Higher values are better (the default).
    #[default]
    Desc,
    /// Lower values are better.
    Asc,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    #[default]
    Sum,
    Mean,
    Last,
}

// No `deny_unknown_fields` here or on `Reward`: serde cannot combine it with `flatten`. The
// validator checks their keys against each rule instead (`check::unknown_fields`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "decimal")]
    pub points: Decimal,
    pub section: Option<String>,
    /// `[numerator, denominator]`: cumulative value = Σ numerators ÷ Σ denominators.
    pub ratio: Option<[String; 2]>,
    /// A single metric (a count, an amount or a grade).
    pub metric: Option<String>,
    #[serde(default)]
    pub order: Order,
    /// How a single numeric `metric` adds up over several months (ratios always use
    /// Σ numerators ÷ Σ denominators; grades and per-item counts are scored month by month and
    /// averaged).
    #[serde(default)]
    pub aggregate: Aggregate,
    /// Floor and cap on the indicator's score, in points.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub min_score: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_score: Option<Decimal>,
    /// A remark shown with the indicator (e.g. how the template reads its document).
    pub note: Option<String>,
    #[serde(flatten)]
    pub rule: Rule,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// score = min(value, 1) × points (lower is better: min(1 − value, 1)).
    Percent,
    /// score = min(value ÷ target, cap) × points (lower is better: target ÷ value).
    Target {
        #[serde(default, deserialize_with = "opt_decimal")]
        target: Option<Decimal>,
        #[serde(default = "dec_one", deserialize_with = "decimal")]
        cap: Decimal,
    },
    /// Rank the units on the value; points by rank band.
    Rank { bands: Vec<RankBand> },
    /// Points by value band: min inclusive, max exclusive.
    Bands { bands: Vec<ValueBand> },
    /// Points by a grade the assessor enters.
    Grade {
        grades: BTreeMap<String, GradePoints>,
    },
    /// each × count, capped at the points.
    PerItem {
        #[serde(deserialize_with = "decimal")]
        each: Decimal,
    },
    /// Linear interpolation between anchors of (achievement, share of points); below the first
    /// anchor 0, above the last the last.
    Linear {
        #[serde(default, deserialize_with = "opt_decimal")]
        target: Option<Decimal>,
        anchors: Vec<Anchor>,
    },
    /// Base score plus a bonus per step above target and a penalty per step below, each capped.
    Step {
        #[serde(default, deserialize_with = "opt_decimal")]
        target: Option<Decimal>,
        #[serde(deserialize_with = "decimal")]
        base: Decimal,
        #[serde(deserialize_with = "decimal")]
        step: Decimal,
        #[serde(deserialize_with = "decimal")]
        bonus: Decimal,
        #[serde(deserialize_with = "decimal")]
        bonus_cap: Decimal,
        #[serde(deserialize_with = "decimal")]
        penalty: Decimal,
        #[serde(deserialize_with = "decimal")]
        penalty_cap: Decimal,
    },
}

fn dec_one() -> Decimal {
    Decimal::ONE
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RankBand {
    pub from: u32,
    pub to: Option<u32>,
    #[serde(deserialize_with = "decimal")]
    pub points: Decimal,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ValueBand {
    #[serde(default, deserialize_with = "opt_decimal")]
    pub min: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max: Option<Decimal>,
    #[serde(deserialize_with = "decimal")]
    pub points: Decimal,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(transparent)]
pub struct GradePoints(#[serde(deserialize_with = "decimal")] pub Decimal);

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    #[serde(deserialize_with = "decimal")]
    pub at: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub share: Decimal,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Reward {
    pub id: String,
    pub name: String,
    pub note: Option<String>,
    #[serde(flatten)]
    pub kind: RewardKind,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RewardKind {
    /// Prizes by final rank: `count` units share each tier, best tier first.
    Rank {
        prizes: Vec<Prize>,
        /// The periods the prizes are given for: `year` (the default: year-end prizes, also
        /// for a cumulative score through December), `quarter`, `month` or `any`.
        #[serde(default)]
        per: PrizePeriod,
    },
    /// `amount` for each month of the period whose monthly total reaches `min_total`.
    Threshold {
        #[serde(deserialize_with = "decimal")]
        min_total: Decimal,
        #[serde(deserialize_with = "decimal")]
        amount: Decimal,
    },
    /// `amount` for each counted item of `metric` over the period.
    PerItem {
        metric: String,
        #[serde(deserialize_with = "decimal")]
        amount: Decimal,
    },
    /// Each month: base × rate, the rate chosen by the achievement rate
    /// (achievement[0] ÷ achievement[1]) in half-open bands. No accumulation, no back pay.
    Pool {
        base: String,
        achievement: [String; 2],
        bands: Vec<RateBand>,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrizePeriod {
    #[default]
    Year,
    Quarter,
    Month,
    Any,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prize {
    pub count: u32,
    #[serde(deserialize_with = "decimal")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RateBand {
    #[serde(default, deserialize_with = "opt_decimal")]
    pub min: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max: Option<Decimal>,
    #[serde(deserialize_with = "decimal")]
    pub rate: Decimal,
}

impl Indicator {
    /// The metrics this indicator reads.
    pub fn metrics(&self) -> Vec<&str> {
        match (&self.ratio, &self.metric) {
            (Some([n, d]), _) => vec![n.as_str(), d.as_str()],
            (None, Some(m)) => vec![m.as_str()],
            (None, None) => vec![],
        }
    }
}

/// Reads a decimal written as a TOML integer, float or string, exactly as written: a float goes
/// through its shortest decimal text (0.9 stays 0.9), never through binary arithmetic.
fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        I(i64),
        F(f64),
        S(String),
    }
    let text = match Num::deserialize(d)? {
        Num::I(i) => return Ok(Decimal::from(i)),
        Num::F(f) if f.is_finite() => f.to_string(),
        Num::F(f) => {
            return Err(serde::de::Error::custom(format!(
                "not a finite number: {f}"
            )))
        }
        Num::S(s) => s,
    };
    text.trim()
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| serde::de::Error::custom(format!("not a decimal number: {text:?}")))
}

fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    decimal(d).map(Some)
}

/// Parses a scheme file.
pub fn parse(text: &str) -> Result<Scheme, toml::de::Error> {
    toml::from_str(text)
}
