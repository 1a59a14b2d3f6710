//! The log: `logs/branchdesk.<date>.log` beside the database, a file a day, the last 14 kept,
//! for support when something goes wrong on a laptop far away.
//!
//! The level comes from `BRANCHDESK_LOG` (`error`, `warn`, `info`, `debug`, `trace`, or a
//! filter such as `branchdesk_app=debug`), else from 设置 (applied once the database is open:
//! [`follow_setting`]), `info` until then. What is logged: starts, sign-ins
//! (never who), every refused command with its code, imports, exports and backups with their
//! sizes and durations. Never a name, a title, a figure, a path's file name or a password:
//! events carry codes, counts, sizes and times only (`tests/logs.rs` searches a log for the
//! demo's names and figures).

use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use branchdesk_domain::LogLevel;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{reload, EnvFilter, Registry};

/// Changes the level of the running log, when the environment did not set it.
static LEVEL: OnceLock<reload::Handle<EnvFilter, Registry>> = OnceLock::new();

pub const LOG_ENV: &str = "BRANCHDESK_LOG";
/// Log files kept.
const KEEP: usize = 14;

/// Keeps the log writer running; dropping it flushes what is buffered.
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// The log folder beside the database at `db`.
pub fn log_dir(db: &Path) -> PathBuf {
    crate::shared::files::dir_of(db).join("logs")
}

/// Starts logging into [`log_dir`] for this process (`component`: `desktop` or `cli`). Logging
/// is a help, never a reason not to work: without a writable folder, nothing is logged.
pub fn start(db: &Path, component: &'static str) -> Option<LogGuard> {
    let dir = log_dir(db);
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("branchdesk")
        .filename_suffix("log")
        .max_log_files(KEEP)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let from_env = EnvFilter::try_from_env(LOG_ENV).ok();
    let fixed = from_env.is_some();
    let (filter, handle) = reload::Layer::new(from_env.unwrap_or_else(|| EnvFilter::new("info")));
    tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_target(false),
        )
        .try_init()
        .ok()?;
    if !fixed {
        let _ = LEVEL.set(handle);
    }
    tracing::info!(
        component,
        version = env!("CARGO_PKG_VERSION"),
        schema = branchdesk_store::SCHEMA_VERSION,
        os = std::env::consts::OS,
        "started"
    );
    Some(LogGuard(guard))
}

/// Follows the level set in 设置 (unless `BRANCHDESK_LOG` set it, or nothing is logged).
pub fn follow_setting(level: LogLevel) {
    if let Some(h) = LEVEL.get() {
        if h.reload(EnvFilter::new(level.as_str())).is_ok() {
            tracing::info!(level = level.as_str(), "log level");
        }
    }
}

/// The log files, oldest first.
pub fn log_files(db: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(log_dir(db))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("branchdesk") && n.ends_with(".log"))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
