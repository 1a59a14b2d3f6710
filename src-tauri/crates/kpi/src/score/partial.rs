//! Scoring what can be scored: a unit whose figures cannot be scored (a missing figure, a zero
//! denominator, an unknown grade) is left out with its reasons, and the others are scored and
//! ranked among themselves (ranks provisional until the unit's figures are mended).

use std::collections::{BTreeMap, BTreeSet};

use crate::data::Figures;
use crate::scheme::Scheme;
use crate::score::{score, ScoreOptions, ScoreResult};
use crate::Problem;

/// A ranking of the units that could be scored, and why the others could not.
#[derive(Debug, Clone)]
pub struct Partial {
    pub result: ScoreResult,
    /// Unit code → its problems, each message once.
    pub unscored: BTreeMap<String, Vec<Problem>>,
}

/// Scores every unit that can be scored. Fails only for problems no unit's exclusion mends
/// (the scheme, the period), or when no unit can be scored (then with every unit's problems).
pub fn score_partial(s: &Scheme, f: &Figures, opts: ScoreOptions) -> Result<Partial, Vec<Problem>> {
    let mut unscored: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
    let mut rest: Option<Figures> = None;
    loop {
        let problems = match score(s, rest.as_ref().unwrap_or(f), opts) {
            Ok(result) => return Ok(Partial { result, unscored }),
            Err(p) => p,
        };
        let all_units = problems.iter().all(|p| p.unit.is_some());
        if !all_units || problems.is_empty() {
            // A problem of the scheme or period; or none left to score.
            let mut all: Vec<Problem> = unscored.into_values().flatten().collect();
            all.extend(problems);
            return Err(all);
        }
        for p in problems {
            let unit = p.unit.clone().unwrap_or_default();
            let list = unscored.entry(unit).or_default();
            if !list.iter().any(|q| q.zh == p.zh) {
                list.push(p);
            }
        }
        let out: BTreeSet<String> = unscored.keys().cloned().collect();
        rest = Some(f.without(&out));
    }
}
