//! 站点: this database — creating it (with the demo data set), opening it, its identity, settings
//! and the home page's figures.
//!
//! Files: `demo/` (the demo data set, written through the features' own use cases).

mod calendar;
mod demo;
mod diagnostics;
mod worklist;

pub use calendar::CalendarView;

use std::path::{Path, PathBuf};

use branchdesk_domain::{
    Dashboard, Info, Lang, LogLevel, Role, Settings, SettingsUpdate, SiteInfo,
};
use branchdesk_store::Store;

use crate::shared::input::{month, validate_name};
use crate::{App, AppError, Ctx, Result};

/// Environment variable that names the database file, for the CLI and the desktop app alike.
pub const DB_ENV: &str = "BRANCHDESK_DB";

const KEY_LANGUAGE: &str = "language";
const KEY_PERIOD: &str = "current_period";
/// A database's own "today" (the demo's), instead of the computer's date.
const KEY_SITE_TODAY: &str = "site_today";
/// The day `unit` / `position` were last brought to the state as of today.
const KEY_ORG_DAY: &str = "org_refreshed_on";
/// Days to handle an incoming document, and whether they are working days.
const KEY_HANDLE_DAYS: &str = "doc_handle_days";
const KEY_HANDLE_WORKING: &str = "doc_handle_working_days";
/// Minutes of inactivity before the window locks.
const KEY_LOCK_MINUTES: &str = "lock_minutes";
const KEY_APPEAL_MONTHS: &str = "kpi.appeal_months";
/// The monitoring board's thresholds, as JSON.
const KEY_BOARD: &str = "board.thresholds";
const KEY_LOG_LEVEL: &str = "log_level";

/// Which demo a new database gets.
pub(crate) enum Demo {
    /// The city branch (its sub-branches, a year of work) written into it.
    City(demo::DemoData),
    /// Headquarters with the demo's cities brought in by bundles (the data gives its day).
    Headquarters(demo::DemoData),
}

/// How to create a new database.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub demo: bool,
    pub site_name: Option<String>,
    pub group_name: Option<String>,
    pub role: Role,
    pub language: Lang,
    /// Who will sign in: nobody (a plain database, for tests and tools), a first
    /// administrator, or the demo's people.
    pub accounts: Accounts,
}

/// The accounts a new database starts with.
#[derive(Debug, Clone, Default)]
pub enum Accounts {
    /// None: a plain, unencrypted database (tests and tools; the front doors refuse it).
    #[default]
    None,
    /// An encrypted database with this first administrator.
    Admin(crate::users::NewAccount),
    /// An encrypted demo database: an account for each of its people, all with
    /// [`crate::users::DEMO_PASSWORD`].
    Demo,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            demo: false,
            site_name: None,
            group_name: None,
            role: Role::Unit,
            language: Lang::Zh,
            accounts: Accounts::None,
        }
    }
}

/// The database file to use: `BRANCHDESK_DB` if set, else `branchdesk/branchdesk.db` in the
/// platform's application-data directory (on Linux `~/.local/share`).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::data_dir()
        .map(|d| d.join("branchdesk").join("branchdesk.db"))
        .ok_or(AppError::NoDataDir)
}

impl App {
    /// Creates a new database at `path` (never overwriting one) and fills in the site identity,
    /// and with `demo` the demo data set. All or nothing: on failure no file is left behind.
    pub fn init(path: &Path, opts: &InitOptions, ctx: Ctx) -> Result<App> {
        let demo = if opts.demo {
            Some(demo::DemoData::load()?)
        } else {
            None
        };
        App::init_data(path, opts, ctx, demo.map(Demo::City))
    }

    /// Headquarters' demo (`init --demo --role hq`): a headquarters database into which the
    /// demo's four cities, each made as a unit database of its own, are enrolled and brought
    /// by their bundles (`demo/hq.rs`). [`App::init`] with the demo at a headquarters site
    /// writes the city branch itself there (a city acting as headquarters to its
    /// sub-branches).
    pub fn init_hq_demo(path: &Path, opts: &InitOptions, ctx: Ctx) -> Result<App> {
        let opts = InitOptions {
            demo: true,
            role: Role::Hq,
            site_name: opts.site_name.clone().or_else(|| Some("集团总部".into())),
            ..opts.clone()
        };
        App::init_data(
            path,
            &opts,
            ctx,
            Some(Demo::Headquarters(demo::DemoData::load()?)),
        )
    }

    /// [`App::init`] with the demo data set given.
    pub(crate) fn init_data(
        path: &Path,
        opts: &InitOptions,
        ctx: Ctx,
        demo: Option<Demo>,
    ) -> Result<App> {
        let hq_demo = matches!(demo, Some(Demo::Headquarters(_)));
        let demo = demo.map(|(Demo::City(d) | Demo::Headquarters(d))| d);
        let site_name = match (&opts.site_name, &demo) {
            (Some(n), _) => n.clone(),
            (None, Some(d)) => d.site.name.clone(),
            (None, None) => "本单位".to_string(),
        };
        let group_name = match (&opts.group_name, &demo) {
            (Some(n), _) => n.clone(),
            (None, Some(d)) => d.site.group_name.clone(),
            (None, None) => String::new(),
        };
        validate_name("site_name", &site_name)?;
        let period = match &demo {
            Some(d) => d.site.current_period.clone(),
            None => ctx.today().format("%Y-%m").to_string(),
        };
        if let Accounts::Admin(a) = &opts.accounts {
            crate::users::check_password(&a.password)?;
        }
        let key = match opts.accounts {
            Accounts::None => None,
            _ => Some(branchdesk_store::DbKey::random()),
        };
        let ctx = match &demo {
            Some(d) => ctx.with_today(d.site.today),
            None => ctx,
        };
        let mut store = Store::create_with(path, key.as_ref())?;
        let now = ctx.now();
        let filled = store.write(|w| -> Result<()> {
            w.set_site(
                &branchdesk_store::new_id(),
                &site_name,
                opts.role,
                &group_name,
                &now,
            )?;
            w.set_setting(KEY_LANGUAGE, opts.language.as_str())?;
            App::ensure_site_keys(w)?;
            w.set_setting(KEY_PERIOD, &period)?;
            if let Some(d) = &demo {
                w.set_setting(KEY_SITE_TODAY, &d.site.today.to_string())?;
                if !hq_demo {
                    d.write(w, &ctx.today_str())?;
                }
            }
            Ok(())
        });
        if let Err(e) = filled {
            drop(store);
            remove_db_files(path);
            return Err(e);
        }
        let mut app = App {
            store,
            lang: opts.language,
            ctx,
            session: None,
            key,
            recovery: None,
        };
        let done = (|| -> Result<()> {
            match &demo {
                Some(_) if hq_demo => app.fill_hq_demo(path)?,
                Some(d) => d.write_work(&mut app)?,
                None => {}
            }
            app.first_accounts(&opts.accounts)
        })();
        if let Err(e) = done {
            drop(app);
            remove_db_files(path);
            let _ = std::fs::remove_file(crate::users::keyring::path_of(path));
            return Err(e);
        }
        Ok(app)
    }

    /// Opens an existing plain database (migrating it if it is older), with no account signed
    /// in: for tests and tools. The front doors sign in ([`App::sign_in`]).
    pub fn open(path: &Path, ctx: Ctx) -> Result<App> {
        App::open_store(Store::open(path)?, None, ctx)
    }

    /// Opens the encrypted database at `path` with its key; no account yet.
    pub(crate) fn open_keyed(path: &Path, key: &branchdesk_store::DbKey, ctx: Ctx) -> Result<App> {
        let store = Store::open_with(path, Some(key))?;
        App::open_store(
            store,
            Some(branchdesk_store::DbKey::from_bytes(*key.bytes())),
            ctx,
        )
    }

    fn open_store(mut store: Store, key: Option<branchdesk_store::DbKey>, ctx: Ctx) -> Result<App> {
        let ctx = match store.setting(KEY_SITE_TODAY)?.and_then(|d| d.parse().ok()) {
            Some(day) => ctx.with_today(day),
            None => ctx,
        };
        let lang = store
            .setting(KEY_LANGUAGE)?
            .map(|s| Lang::from_tag(&s))
            .unwrap_or_default();
        store.site()?; // refuse a file without identity early, with a clear message
        if store.site_keys()?.is_none() {
            // A database from before sync: it gets its keys now.
            store.write(App::ensure_site_keys)?;
        }
        // Dated reorganisations that took effect since the last start (once a day). Not on
        // read-only media, and not while another program writes: reading goes on, and the next
        // start catches up.
        let day = ctx.today_str();
        if !store.read_only() && store.setting(KEY_ORG_DAY)?.as_deref() != Some(day.as_str()) {
            let refreshed = store.write_if_free(|w| {
                w.refresh_org(&day)?;
                w.set_setting(KEY_ORG_DAY, &day)
            });
            match refreshed {
                Err(branchdesk_store::Error::Locked) => {}
                other => other?,
            }
        }
        Ok(App {
            store,
            lang,
            ctx,
            session: None,
            key,
            recovery: None,
        })
    }

    /// What the desktop app does at start: open the database, or create the demo one the first
    /// time.
    pub fn open_or_init_demo(path: &Path, ctx: Ctx) -> Result<App> {
        if path.exists() {
            App::open(path, ctx)
        } else {
            App::init(
                path,
                &InitOptions {
                    demo: true,
                    ..InitOptions::default()
                },
                ctx,
            )
        }
    }

    /// The user's language, for messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    pub fn info(&self) -> Result<Info> {
        Ok(Info {
            schema_version: self.store.schema_version()?,
            db_path: self.store.path().display().to_string(),
            site: self.store.site()?,
            counts: self.store.counts()?,
            periods: self.store.kpi_periods()?,
        })
    }

    /// The home page's figures; the context's today decides what is overdue.
    pub fn dashboard(&self) -> Result<Dashboard> {
        let (open, overdue) = self.store.action_item_stats(&self.ctx.today_str())?;
        Ok(Dashboard {
            site: self.store.site()?,
            current_period: self.current_period()?,
            counts: self.store.counts()?,
            open_action_items: open,
            overdue_action_items: overdue,
            latest_kpi_period: self.store.kpi_periods()?.pop(),
            work: self.worklist()?,
        })
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            site: self.store.site()?,
            language: self.lang,
            current_period: self.current_period()?,
            db_path: self.store.path().display().to_string(),
            handle_days: self.handle_days()?,
            handle_working_days: self.store.setting(KEY_HANDLE_WORKING)?.as_deref()
                != Some("false"),
            lock_minutes: self
                .store
                .setting(KEY_LOCK_MINUTES)?
                .and_then(|d| d.parse().ok())
                .unwrap_or(15),
            log_level: self.log_level()?,
            appeal_months: self
                .store
                .setting(KEY_APPEAL_MONTHS)?
                .and_then(|d| d.parse().ok())
                .unwrap_or(branchdesk_kpi::cycle::APPEAL_MONTHS),
            board: self
                .store
                .setting(KEY_BOARD)?
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
            today: self.ctx.today_str(),
            site_today: self.ctx.pinned().then(|| self.ctx.today_str()),
        })
    }

    /// Validates every field first; then saves all of them in one transaction.
    pub fn update_settings(&mut self, u: &SettingsUpdate) -> Result<Settings> {
        let site = self.store.site()?;
        let name = u
            .site_name
            .as_deref()
            .map(str::trim)
            .unwrap_or(&site.name)
            .to_string();
        validate_name("site_name", &name)?;
        let group = u
            .group_name
            .as_deref()
            .map(str::trim)
            .unwrap_or(&site.group_name)
            .to_string();
        if group.chars().count() > 60 {
            return Err(AppError::invalid(
                "group_name",
                "集团名称不能超过60个字。",
                "The group name is longer than 60 characters.",
            ));
        }
        let period = match u.current_period.as_deref() {
            Some(p) => Some(month("current_period", p)?),
            None => None,
        };
        if let Some(d) = u.handle_days {
            if !(1..=30).contains(&d) {
                return Err(AppError::invalid(
                    "handle_days",
                    "收文办理时限应在1到30天之间。",
                    "The handling time must be between 1 and 30 days.",
                ));
            }
        }
        if let Some(m) = u.lock_minutes {
            if !(1..=240).contains(&m) {
                return Err(AppError::invalid(
                    "lock_minutes",
                    "自动锁定时间应在1到240分钟之间。",
                    "The idle lock must be between 1 and 240 minutes.",
                ));
            }
        }
        if let Some(m) = u.appeal_months {
            if !(1..=6).contains(&m) {
                return Err(AppError::invalid(
                    "appeal_months",
                    "申诉期应在1到6个月之间（制度规定一个月）。",
                    "The appeal window must be between 1 and 6 months (the rules say one).",
                ));
            }
        }
        if let Some((zh, en)) = u.board.as_ref().and_then(|b| b.problem()) {
            return Err(AppError::invalid("board", zh, en));
        }
        let site_today = match u.site_today.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(d) => Some(Some(crate::shared::input::parse_date("site_today", d)?)),
        };
        self.store.write(|w| -> Result<()> {
            w.set_site(&site.id, &name, site.role, &group, &site.created_at)?;
            if let Some(day) = &site_today {
                w.set_setting(KEY_SITE_TODAY, day.as_deref().unwrap_or(""))?;
            }
            if let Some(m) = u.lock_minutes {
                w.set_setting(KEY_LOCK_MINUTES, &m.to_string())?;
            }
            if let Some(m) = u.appeal_months {
                w.set_setting(KEY_APPEAL_MONTHS, &m.to_string())?;
            }
            if let Some(b) = &u.board {
                let json = serde_json::to_string(b).map_err(|e| AppError::Export(e.to_string()))?;
                w.set_setting(KEY_BOARD, &json)?;
            }
            if let Some(l) = u.log_level {
                w.set_setting(KEY_LOG_LEVEL, l.as_str())?;
            }
            if let Some(d) = u.handle_days {
                w.set_setting(KEY_HANDLE_DAYS, &d.to_string())?;
            }
            if let Some(b) = u.handle_working_days {
                w.set_setting(KEY_HANDLE_WORKING, if b { "true" } else { "false" })?;
            }
            if let Some(lang) = u.language {
                w.set_setting(KEY_LANGUAGE, lang.as_str())?;
            }
            if let Some(p) = &period {
                w.set_setting(KEY_PERIOD, p)?;
            }
            Ok(())
        })?;
        if let Some(lang) = u.language {
            self.lang = lang;
        }
        if let Some(l) = u.log_level {
            crate::shared::log::follow_setting(l);
        }
        if let Some(day) = site_today {
            self.ctx = match day.and_then(|d| d.parse().ok()) {
                Some(d) => self.ctx.clone().with_today(d),
                None => self.ctx.clone().unpinned(),
            };
        }
        self.settings()
    }

    /// The log level set in 设置 (`info` if none).
    pub fn log_level(&self) -> Result<LogLevel> {
        Ok(self
            .store
            .setting(KEY_LOG_LEVEL)?
            .and_then(|l| LogLevel::parse(&l))
            .unwrap_or(LogLevel::Info))
    }

    pub(crate) fn handle_days(&self) -> Result<u32> {
        Ok(self
            .store
            .setting(KEY_HANDLE_DAYS)?
            .and_then(|d| d.parse().ok())
            .unwrap_or(3))
    }

    fn current_period(&self) -> Result<String> {
        Ok(self
            .store
            .setting(KEY_PERIOD)?
            .unwrap_or_else(|| self.ctx.today().format("%Y-%m").to_string()))
    }

    /// The site's identity.
    pub fn site(&self) -> Result<SiteInfo> {
        Ok(self.store.site()?)
    }
}

fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
