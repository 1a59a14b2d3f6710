//! `branchdesk org …`.

use branchdesk_app::org::ExportFormat;
use branchdesk_app::AppError;
use branchdesk_domain::Lang;

use super::Door;
use super::{to_json, write_file};
use crate::args::*;

pub(crate) fn run(cmd: OrgCommand, db: &Door, lang: Lang) -> Result<(), AppError> {
    use branchdesk_app::org::{NodeKind, OrgView};
    let zh = lang == Lang::Zh;
    match cmd {
        OrgCommand::Import {
            files,
            effective,
            json,
        } => {
            let r = db.open()?.org_import_files(&files, effective.as_deref())?;
            if json {
                say!("{}", to_json(&r)?);
            } else {
                for (name_zh, name_en, t) in [
                    ("单位", "units", &r.units),
                    ("岗位", "positions", &r.positions),
                    ("人员", "people", &r.people),
                    ("任职", "assignments", &r.assignments),
                ] {
                    if zh {
                        say!(
                            "{name_zh}：新增 {}，变更 {}，未变 {}",
                            t.added,
                            t.changed,
                            t.unchanged
                        );
                    } else {
                        say!(
                            "{name_en}: {} added, {} changed, {} unchanged",
                            t.added,
                            t.changed,
                            t.unchanged
                        );
                    }
                }
                if zh {
                    say!("变更自 {} 起生效。", r.effective);
                } else {
                    say!("Changes take effect on {}.", r.effective);
                }
            }
        }
        OrgCommand::Export { out, as_of } => {
            let app = db.open()?;
            let csv = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let stem = out
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("org")
                .to_string();
            let format = if csv {
                ExportFormat::Csv
            } else {
                ExportFormat::Xlsx
            };
            let files = app.org_export(as_of.as_deref(), format, &stem)?;
            let dir = out
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            for (name, bytes) in files {
                let path = if csv { dir.join(&name) } else { out.clone() };
                write_file(&path, &bytes)?;
                say!("{}", path.display());
            }
        }
        OrgCommand::Template { out } => {
            let bytes = db.open()?.org_template_xlsx()?;
            write_file(&out, &bytes)?;
            say!("{}", out.display());
        }
        OrgCommand::Tree {
            unit,
            as_of,
            view,
            json,
        } => {
            let view = match view {
                ViewArg::Units => OrgView::Units,
                ViewArg::Reporting => OrgView::Reporting,
            };
            let tree = db
                .open()?
                .org_tree(as_of.as_deref(), view, unit.as_deref())?;
            if json {
                say!("{}", to_json(&tree)?);
                return Ok(());
            }
            let mut depth: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for n in &tree.nodes {
                let d = n
                    .parent
                    .as_deref()
                    .and_then(|p| depth.get(p))
                    .map_or(0, |d| d + 1);
                depth.insert(&n.id, d);
                let people: Vec<&str> = n.people.iter().map(|p| p.name.as_str()).collect();
                let extra = match n.kind {
                    NodeKind::Unit if zh => format!("（{} 人）", n.headcount),
                    NodeKind::Unit => format!(" ({} people)", n.headcount),
                    NodeKind::Position if people.is_empty() => {
                        if zh {
                            "：空缺".into()
                        } else {
                            ": vacant".into()
                        }
                    }
                    NodeKind::Position => format!(
                        "{}{}",
                        if zh { "：" } else { ": " },
                        people.join(if zh { "、" } else { ", " })
                    ),
                };
                say!("{}{} [{}]{}", "  ".repeat(d), n.title, n.code, extra);
            }
        }
    }
    Ok(())
}
