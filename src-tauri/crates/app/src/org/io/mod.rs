//! The organisation as spreadsheets: one sheet (or CSV file) per entity with Chinese headers
//! (English accepted), a blank template to fill in, export, and an all-or-nothing import that
//! lists every problem with its sheet, row and column.
//!
//! Files: `sheets` (the four sheets and their columns), `read` (xlsx and CSV into text
//! tables), `parse` (cells into records, with every problem), `apply` (the import: references,
//! duplicates and cycles, then the writes), `export` (workbook, CSV, template).

mod apply;
mod export;
mod parse;
mod read;
mod sheets;

pub use apply::{OrgImportReport, Tally};
pub use export::{ExportFiles, ExportFormat};
