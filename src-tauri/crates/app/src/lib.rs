//! The Branchdesk application layer: one method of [`App`] per use case. The CLI (`branchdesk`)
//! and the desktop shell call these and nothing below them, so both behave the same and
//! everything here is tested without a window.
//!
//! Invariant: nothing here knows about Tauri, the terminal or the window; the time and the
//! operator come in through [`Ctx`]; every write is one store transaction.
//!
//! A folder per feature noun, the same nouns as in the domain, the store, the desktop
//! commands, the CLI and `ui/src/pages`: `org`, `plans`, `minutes`, `docs`, `kpi`, `sync`,
//! `search`, `site`, `users`. Inside a folder, a file per verb or group of verbs; its `mod.rs` holds the
//! feature's types and what other features may use. `shared` holds what every feature uses
//! and imports no feature.

pub mod backup;
pub mod board;
pub mod docs;
mod error;
pub mod kpi;
pub mod levels;
pub mod minutes;
pub mod org;
pub mod plans;
pub mod search;
pub mod shared;
pub mod site;
pub mod sync;
pub mod users;

use branchdesk_domain::Lang;
use branchdesk_store::Store;

pub use error::{ApiError, AppError, Result};
pub use shared::clock::Ctx;
pub use site::{default_db_path, Accounts, InitOptions, DB_ENV};

/// An open database and the context its use cases run in.
pub struct App {
    pub(crate) store: Store,
    pub(crate) lang: Lang,
    pub(crate) ctx: Ctx,
    /// The account signed in (none for a plain database opened by tests and tools).
    pub(crate) session: Option<users::Session>,
    /// The key the database is open with (wiped when the `App` is dropped, e.g. on lock).
    pub(crate) key: Option<branchdesk_store::DbKey>,
    /// The recovery key, right after the database was encrypted, until taken.
    pub(crate) recovery: Option<String>,
}

impl App {
    /// The context use cases run in (time, operator).
    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// Runs the following use cases in another context (e.g. a fixed time).
    pub fn set_ctx(&mut self, ctx: Ctx) {
        self.ctx = ctx;
    }
}
