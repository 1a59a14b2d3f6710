//! 组织架构: the organisation as of any date, edits that take effect from a date, their
//! history, the checks that keep the chart a tree, the seed 004 templates, the spreadsheets
//! (`io/`) and the chart PDF.
//!
//! Files: `chart` (snapshot and tree on a date), `edit` (units, positions, people,
//! assignments), `check` (cycles, dangling parents), `history` (dated versions as differences,
//! undo), `templates`, `io/` (sheets, reading, parsing, applying, exporting), `report`.

mod chart;
mod check;
mod edit;
mod history;
mod io;
mod report;
mod templates;

pub use io::{ExportFiles, ExportFormat, OrgImportReport, Tally};
pub use templates::{OrgTemplateInfo, TemplateInput, TemplateLine};

use branchdesk_domain::{
    Assignment, AssignmentKind, Person, Position, PositionAttrs, PositionStatus, Unit, UnitAttrs,
    UnitKind,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, Result};

// ---- Views ---------------------------------------------------------------------------------

/// The organisation on one date, for the tables.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgSnapshot {
    pub as_of: String,
    pub units: Vec<UnitRow>,
    pub positions: Vec<PositionRow>,
    pub people: Vec<PersonRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitRow {
    #[serde(flatten)]
    pub unit: Unit,
    pub parent_code: Option<String>,
    pub parent_name: Option<String>,
    /// Positions of the unit itself (not of sub-units), planned ones included.
    #[ts(type = "number")]
    pub positions: i64,
    /// People holding a position of the unit itself.
    #[ts(type = "number")]
    pub headcount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PositionRow {
    #[serde(flatten)]
    pub position: Position,
    pub unit_code: String,
    pub unit_name: String,
    pub superior_code: Option<String>,
    pub superior_title: Option<String>,
    pub holders: Vec<Holder>,
}

/// Someone holding a position on the snapshot's date.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Holder {
    pub assignment_id: String,
    pub person_id: String,
    pub person_code: String,
    pub name: String,
    pub kind: AssignmentKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonRow {
    #[serde(flatten)]
    pub person: Person,
    /// Left on or before the snapshot's date.
    pub left: bool,
    /// Every assignment, past ones included, newest first.
    pub posts: Vec<Post>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Post {
    #[serde(flatten)]
    pub assignment: Assignment,
    pub position_code: String,
    pub title: String,
    pub unit_name: String,
    /// Holds on the snapshot's date.
    pub current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrgView {
    /// 单位视图: units, and in each unit its positions by reporting line.
    Units,
    /// 汇报线视图: positions only, by direct superior, across units.
    Reporting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NodeKind {
    Unit,
    Position,
}

/// One box of the drawn chart. Nodes come parents first, children in order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgNode {
    pub id: String,
    pub parent: Option<String>,
    pub kind: NodeKind,
    pub code: String,
    pub title: String,
    pub unit_kind: Option<UnitKind>,
    /// For positions: the unit they belong to.
    pub unit_name: String,
    pub status: Option<PositionStatus>,
    pub people: Vec<NodePerson>,
    /// For units: people in the unit and everything below it (planned positions excluded).
    #[ts(type = "number")]
    pub headcount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NodePerson {
    pub code: String,
    pub name: String,
    pub kind: AssignmentKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgTree {
    pub as_of: String,
    pub view: OrgView,
    pub nodes: Vec<OrgNode>,
}

// ---- Inputs --------------------------------------------------------------------------------

/// A new unit (`id` absent) or a change to one, effective from `effective`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    #[serde(flatten)]
    pub attrs: UnitAttrs,
    pub effective: String,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PositionInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    #[serde(flatten)]
    pub attrs: PositionAttrs,
    pub effective: String,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// Set when the person leaves: their open assignments end that day.
    pub left_on: Option<String>,
}

/// Puts a person in a position from `start_on`. With `end_other`, the person's other primary
/// assignments end the day before (a change of post, 调岗).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AssignInput {
    pub person_id: String,
    pub position_id: String,
    pub kind: AssignmentKind,
    pub start_on: String,
    pub end_on: Option<String>,
    #[serde(default)]
    pub end_other: bool,
}

// ---- History -------------------------------------------------------------------------------

/// One dated version of a unit or position, as the differences to the one before it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgChange {
    pub valid_from: String,
    pub recorded_at: String,
    pub note: String,
    /// The first version: the record was set up.
    pub created: bool,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// In the user's language.
    pub field: String,
    pub old: String,
    pub new: String,
}

pub(crate) fn holds(a: &Assignment, left_on: Option<&str>, date: &str) -> bool {
    a.holds_on(date) && left_on.is_none_or(|l| date <= l)
}

impl App {
    /// The id of a unit by code, for the CLI.
    pub fn unit_id(&self, code: &str) -> Result<Option<String>> {
        Ok(self.store.unit_id_by_code(code)?)
    }

    /// The id of a person by 工号, for the CLI.
    pub fn person_id(&self, code: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .people()?
            .into_iter()
            .find(|p| p.code == code)
            .map(|p| p.id))
    }
}
