//! How a score came about: inputs, formula and the steps in between, recorded only when asked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a score came about: inputs, formula and intermediate values.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Explain {
    pub formula: String,
    pub formula_zh: String,
    pub inputs: BTreeMap<String, String>,
    pub steps: Vec<String>,
    pub steps_zh: Vec<String>,
    /// Recording is off unless an explanation was asked for: building 90,000 of them for
    /// nothing was most of the scoring time at 3,000 units.
    #[serde(skip)]
    #[ts(skip)]
    pub(super) on: bool,
}

impl Explain {
    pub(super) fn new(on: bool) -> Explain {
        Explain {
            on,
            ..Explain::default()
        }
    }
    /// Records the formula, as (Chinese, English).
    pub(super) fn set_formula(&mut self, f: impl FnOnce() -> (String, String)) {
        if self.on {
            (self.formula_zh, self.formula) = f();
        }
    }
    /// Records a step, as (Chinese, English).
    pub(super) fn step(&mut self, f: impl FnOnce() -> (String, String)) {
        if self.on {
            let (zh, en) = f();
            self.steps_zh.push(zh);
            self.steps.push(en);
        }
    }
}
