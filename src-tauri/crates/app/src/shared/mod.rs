//! What every feature uses: the clock and the operator, input checks, names for ids, saving
//! files, printing helpers, problems in files and grids, spreadsheet cells.
//!
//! Invariant: nothing here imports a feature (`crate::org`, `crate::plans`, `crate::minutes`,
//! `crate::docs`, `crate::kpi`, `crate::sync`, `crate::search`, `crate::site`); the test
//! `shared_imports_no_feature` in `tests/architecture.rs` checks it.

pub(crate) mod clock;
pub mod files;
pub mod input;
pub mod log;
pub(crate) mod names;
pub(crate) mod print;
pub mod problems;
pub(crate) mod sheet;
