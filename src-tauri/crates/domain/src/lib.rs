//! Branchdesk domain types.
//!
//! Plain data shared by the store, the application layer, the CLI and (through
//! generated TypeScript) the UI. No I/O lives here.

mod org;
mod period;
mod site;

pub use org::{ControlMode, Ownership, PositionStatus, UnitKind};
pub use period::{Period, PeriodError};
pub use site::{Counts, Dashboard, Info, Lang, Role, Settings, SettingsUpdate, SiteInfo};
