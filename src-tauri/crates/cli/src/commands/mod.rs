//! One file per feature noun; each `run` is a thin call into `branchdesk-app` that prints text
//! or JSON.

mod docs;
mod kpi;
mod minutes;
mod org;
mod plans;
mod report;
mod site;
mod sync;

use branchdesk_app::{App, AppError, Ctx, InitOptions};
use branchdesk_domain::{Lang, Role};

use crate::args::*;

pub fn run(cli: Cli, lang: Lang) -> Result<(), AppError> {
    let path = match cli.db {
        Some(p) => p,
        None => branchdesk_app::default_db_path()?,
    };
    let command = match cli.command {
        Command::Kpi(k) => return kpi::run(k, &path, lang),
        Command::Org(o) => return org::run(o, &path, lang),
        Command::Report(r) => return report::run(r, &path),
        Command::Actions(a) => return minutes::actions(a, &path, lang),
        Command::Minutes(m) => return minutes::run(m, &path, lang),
        Command::Plans(p) => return plans::run(p, &path),
        Command::Docs(d) => return docs::run(d, &path),
        Command::Sync(s) => return sync::run(s, &path, lang),
        Command::Search { text, limit, json } => {
            let hits = App::open(&path, Ctx::local())?.search(&text, limit)?;
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
        } => {
            let opts = InitOptions {
                demo,
                site_name,
                group_name,
                role: match role {
                    RoleArg::Unit => Role::Unit,
                    RoleArg::Hq => Role::Hq,
                },
                language: lang,
            };
            let app = App::init(&path, &opts, Ctx::local())?;
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
        }
        Command::Info { json } => {
            let info = App::open(&path, Ctx::local())?.info()?;
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
