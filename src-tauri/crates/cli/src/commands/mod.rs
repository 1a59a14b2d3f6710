//! One file per feature noun; each `run` is a thin call into `branchdesk-app` that prints text
//! or JSON.

mod backup;
mod board;
mod docs;
mod kpi;
mod levels;
mod minutes;
mod org;
mod plans;
mod report;
mod site;
mod sync;
mod users;

use std::path::{Path, PathBuf};

use branchdesk_app::users::{NewAccount, SignIn};
use branchdesk_app::{Accounts, App, AppError, Ctx, InitOptions};
use branchdesk_domain::{Lang, Role};

use crate::args::*;

/// The environment variables the front door reads for scripts and tests.
pub const USER_ENV: &str = "BRANCHDESK_USER";
pub const PASSWORD_ENV: &str = "BRANCHDESK_PASSWORD";
pub const NEW_PASSWORD_ENV: &str = "BRANCHDESK_NEW_PASSWORD";

/// The database and who opens it: every command but `init` signs in first.
pub(crate) struct Door {
    pub(crate) path: PathBuf,
    pub(crate) user: Option<String>,
    pub(crate) lang: Lang,
}

impl Door {
    /// Signs in as the account given by `--user` (or $BRANCHDESK_USER) with the password from
    /// $BRANCHDESK_PASSWORD or the terminal. The command runs as that person; a command typed
    /// with the password is its own confirmation for a signing act.
    pub(crate) fn open(&self) -> Result<App, AppError> {
        App::check_door(&self.path)?;
        let login = self.login()?;
        let password = self.password(self.lang == Lang::Zh)?;
        let mut app = App::sign_in(
            &self.path,
            &SignIn {
                login,
                password: password.clone(),
            },
            Ctx::local(),
        )?;
        app.confirm(&password)?;
        Ok(app)
    }

    pub(crate) fn login(&self) -> Result<String, AppError> {
        self.user
            .clone()
            .or_else(|| std::env::var(USER_ENV).ok())
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(branchdesk_app::users::no_user_refusal)
    }

    pub(crate) fn password(&self, zh: bool) -> Result<String, AppError> {
        if let Ok(p) = std::env::var(PASSWORD_ENV) {
            return Ok(p);
        }
        ask(if zh { "密码：" } else { "Password: " })
    }

    /// A new password: $BRANCHDESK_NEW_PASSWORD, or typed twice at the terminal.
    pub(crate) fn new_password(&self, env: &str) -> Result<String, AppError> {
        if let Ok(p) = std::env::var(env) {
            return Ok(p);
        }
        let zh = self.lang == Lang::Zh;
        let a = ask(if zh { "新密码：" } else { "New password: " })?;
        let b = ask(if zh {
            "再次输入新密码："
        } else {
            "New password again: "
        })?;
        if a != b {
            return Err(AppError::invalid(
                "password",
                "两次输入的密码不一致。",
                "The two passwords differ.",
            ));
        }
        Ok(a)
    }
}

/// Reads a line from the terminal without echo.
pub(crate) fn ask(prompt: &str) -> Result<String, AppError> {
    rpassword::prompt_password(prompt).map_err(|e| AppError::File(PathBuf::from("/dev/tty"), e))
}

/// Runs one command, with the log beside the database: its failure is logged with its code.
pub fn run(cli: Cli, lang: Lang) -> Result<(), AppError> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => branchdesk_app::default_db_path()?,
    };
    let _log = branchdesk_app::shared::log::start(&path, "cli");
    let name = cli.command.name();
    let started = std::time::Instant::now();
    let out = dispatch(cli, path, lang);
    let ms = started.elapsed().as_millis() as u64;
    match &out {
        Ok(()) => tracing::debug!(command = name, ms, "done"),
        Err(e) => tracing::warn!(command = name, code = e.code(), ms, "refused"),
    }
    out
}

fn dispatch(cli: Cli, path: PathBuf, lang: Lang) -> Result<(), AppError> {
    let door = Door {
        path: path.clone(),
        user: cli.user,
        lang,
    };
    let path: &Path = &path;
    let db = &door;
    let command = match cli.command {
        Command::Kpi(k) => return kpi::run(k, db, lang),
        Command::Levels(l) => return levels::run(l, lang),
        Command::Org(o) => return org::run(o, db, lang),
        Command::Report(r) => return report::run(r, db),
        Command::Calendar(c) => return site::calendar(c, db),
        Command::Actions(a) => return minutes::actions(a, db, lang),
        Command::Board(b) => return board::run(b, db, lang),
        Command::Minutes(m) => return minutes::run(m, db, lang),
        Command::Plans(p) => return plans::run(p, db),
        Command::Docs(d) => return docs::run(d, db),
        Command::Sync(s) => return sync::run(s, db, lang),
        Command::Users(u) => return users::run(u, db),
        Command::Backup(b) => return backup::run(b, db, lang),
        Command::Restore { file, yes } => return backup::restore(&file, yes, db, lang),
        Command::Search { text, limit, json } => {
            let hits = db.open()?.search(&text, limit)?;
            if json {
                say!("{}", to_json(&hits)?);
            } else {
                for h in &hits {
                    say!(
                        "{}\t{}\t{}\t{}\t{}",
                        h.kind,
                        h.at,
                        h.unit_name,
                        h.title,
                        h.excerpt
                    );
                }
            }
            return Ok(());
        }
        c => c,
    };
    match command {
        Command::Init {
            demo,
            site_name,
            group_name,
            role,
            admin,
            admin_name,
        } => {
            let role = match role {
                RoleArg::Unit => Role::Unit,
                RoleArg::Hq => Role::Hq,
            };
            let accounts = if demo {
                Accounts::Demo
            } else {
                let login = match admin {
                    Some(a) => a,
                    None => db.login()?,
                };
                Accounts::Admin(NewAccount {
                    login,
                    name: admin_name.unwrap_or_else(|| {
                        if lang == Lang::Zh {
                            "管理员"
                        } else {
                            "Administrator"
                        }
                        .into()
                    }),
                    password: db.new_password(PASSWORD_ENV)?,
                    admin: true,
                    hq_staff: role == Role::Hq,
                    grants: Vec::new(),
                })
            };
            let opts = InitOptions {
                demo,
                site_name,
                group_name,
                role,
                language: lang,
                accounts,
            };
            // The demo at headquarters: the demo's cities brought in by their bundles.
            let mut app = if demo && role == Role::Hq {
                App::init_hq_demo(path, &opts, Ctx::local())?
            } else {
                App::init(path, &opts, Ctx::local())?
            };
            let info = app.info()?;
            if lang == Lang::Zh {
                say!(
                    "已创建数据库 {}（{}，{} 个单位，{} 人）",
                    path.display(),
                    info.site.name,
                    info.counts.units,
                    info.counts.people
                );
            } else {
                say!(
                    "Created {} ({}, {} units, {} people)",
                    path.display(),
                    info.site.name,
                    info.counts.units,
                    info.counts.people
                );
            }
            if let Some(key) = app.take_recovery_key() {
                users::print_recovery(&key, demo, lang);
            }
        }
        Command::Info {
            diagnostics: Some(out),
            ..
        } => {
            db.open()?.diagnostics_to(&out)?;
            say!("{}", out.display());
        }
        Command::Info { json, .. } => {
            let info = db.open()?.info()?;
            if json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&info)
                        .map_err(|e| AppError::Demo(e.to_string()))?
                );
            } else {
                site::print_info(&info, lang);
            }
        }
        _ => {}
    }
    Ok(())
}

pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| AppError::Write(dir.to_path_buf(), e))?;
    }
    // Beside, synced, then renamed: a reader never sees half a file, a crash never leaves one.
    branchdesk_app::shared::files::write_durably(path, bytes)
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(v).map_err(|e| AppError::Demo(e.to_string()))
}
