//! `branchdesk docs …`.

use branchdesk_app::docs::IncomingFilter;
use branchdesk_app::AppError;

use super::to_json;
use super::Door;
use crate::args::*;

pub(crate) fn run(cmd: DocsCommand, db: &Door) -> Result<(), AppError> {
    let mut app = db.open()?;
    match cmd {
        DocsCommand::Draft {
            category,
            title,
            unit,
            drafting_unit,
            json,
        } => {
            let id_of = |code: &str| -> Result<String, AppError> {
                app.unit_id(code)?.ok_or_else(|| {
                    AppError::invalid(
                        "unit",
                        format!("没有编码为 {code} 的单位。"),
                        format!("No unit has the code {code}."),
                    )
                })
            };
            let input = branchdesk_app::docs::OutgoingInput {
                id: None,
                unit_id: id_of(&unit)?,
                category,
                title,
                drafting_unit_id: Some(id_of(&drafting_unit)?),
                drafter_id: None,
                secret: false,
                scope_units: Vec::new(),
                scope_positions: Vec::new(),
            };
            let doc = app.outgoing_save(&input)?;
            if json {
                say!("{}", to_json(&doc)?);
            } else {
                say!("{}\t{}", doc.id, doc.title);
            }
        }
        DocsCommand::Text {
            id,
            form,
            set,
            json,
        } => {
            let form = match form.as_deref() {
                None => None,
                Some(f) => Some(branchdesk_domain::DocForm::parse(f).ok_or_else(|| {
                    AppError::invalid(
                        "form",
                        format!("没有文种 {f}：可用 notice（通知）、request（请示）、report（报告）、letter（函）、minutes（纪要）。"),
                        format!("No form {f}: use notice, request, report, letter or minutes."),
                    )
                })?),
            };
            let content = match set {
                Some(path) => {
                    let bytes = branchdesk_app::shared::files::read_input(&path, 1 << 20)?;
                    let c: branchdesk_domain::DocContent = serde_json::from_slice(&bytes)
                        .map_err(|e| {
                            AppError::invalid(
                                "set",
                                format!("{} 不是正文的 JSON（先用 docs text --json 导出再改）：{e}", path.display()),
                                format!("{} is not a document text in JSON (export one with docs text --json and edit it): {e}", path.display()),
                            )
                        })?;
                    if c.doc_id != id {
                        return Err(AppError::invalid(
                            "set",
                            "文件中的 doc_id 与 --id 不同。".to_string(),
                            "The file's doc_id is not --id.".to_string(),
                        ));
                    }
                    app.outgoing_content_save(&c)?
                }
                None => app.outgoing_content(&id, form)?.content,
            };
            if json {
                say!("{}", to_json(&content)?);
            } else {
                say!("{}\n\n{}", content.addressees, content.body);
            }
        }
        DocsCommand::Attach { id, files } => {
            for path in files {
                let bytes = branchdesk_app::shared::files::read_input(
                    &path,
                    branchdesk_app::docs::MAX_FILE as u64,
                )?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let f = app.outgoing_attach(&id, &name, &bytes)?;
                say!("{}\t{}\t{}\t{}", f.id, f.name, f.size, f.sha256);
            }
        }
        DocsCommand::Files { id, json } => {
            let files = app.outgoing_files(&id)?;
            if json {
                say!("{}", to_json(&files)?);
            } else {
                for f in files {
                    say!("{}\t{}\t{}\t{}", f.id, f.name, f.size, f.sha256);
                }
            }
        }
        DocsCommand::File { file_id, out } => {
            let (_, bytes) = app.outgoing_file(&file_id)?;
            super::write_file(&out, &bytes)?;
            say!("{}", out.display());
        }
        DocsCommand::Send { id, to, cc, json } => {
            let ids = |codes: &[String]| -> Result<Vec<String>, AppError> {
                codes.iter().map(|c| unit_of(&app, c)).collect()
            };
            let input = branchdesk_app::docs::DistributeInput {
                doc_id: id,
                main: ids(&to)?,
                cc: ids(&cc)?,
            };
            let rows = app.outgoing_distribute(&input)?;
            if json {
                say!("{}", to_json(&rows)?);
            } else {
                for r in rows {
                    say!("{}\t{}\t{}", r.unit_name, r.role.as_str(), r.state.as_str());
                }
            }
        }
        DocsCommand::Inbox { json } => {
            let rows = app.docs_inbox()?;
            if json {
                say!("{}", to_json(&rows)?);
            } else {
                for r in rows {
                    say!(
                        "{}\t{}\t{}\t{}",
                        r.doc.id,
                        r.unit_name,
                        r.doc.number.unwrap_or_default(),
                        r.doc.title
                    );
                }
            }
        }
        DocsCommand::Receive {
            id,
            unit,
            handlers,
            instruction,
            on,
            json,
        } => {
            let handlers = handlers
                .iter()
                .map(|code| {
                    app.person_id(code)?.ok_or_else(|| {
                        AppError::invalid(
                            "handler",
                            format!("没有工号为 {code} 的人员。"),
                            format!("No one has the staff number {code}."),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let input = branchdesk_app::docs::IncomingInput {
                unit_id: unit_of(&app, &unit)?,
                received_on: on.unwrap_or_else(|| app.ctx().today_str()),
                sender: String::new(),
                title: String::new(),
                doc_number: String::new(),
                urgent: false,
                instruction,
                secret: false,
                handlers,
                from_doc: Some(id),
            };
            let row = app.incoming_register(&input)?;
            if json {
                say!("{}", to_json(&row)?);
            } else {
                say!("{}\t{}", row.doc.id, row.due_on);
            }
        }
        DocsCommand::Number {
            category,
            year,
            json,
        } => {
            let r = app.doc_reserve_number(&category, year)?;
            if json {
                say!("{}", to_json(&r)?);
            } else {
                say!("{}", r.number);
            }
        }
        DocsCommand::Release {
            category,
            year,
            seq,
        } => app.doc_release_number(&category, year, seq)?,
        DocsCommand::List {
            overdue,
            for_unit,
            today,
            json,
        } => {
            let viewer = match for_unit {
                None => None,
                Some(code) => Some(app.unit_id(&code)?.ok_or_else(|| {
                    AppError::invalid(
                        "unit",
                        format!("没有编码为 {code} 的单位。"),
                        format!("No unit with code {code}."),
                    )
                })?),
            };
            let incoming = app.incoming_list(&IncomingFilter {
                overdue_only: overdue,
                today: today.clone(),
            })?;
            let outgoing = if overdue {
                Vec::new()
            } else {
                app.outgoing_list(viewer.as_deref())?
            };
            if json {
                say!(
                    "{}",
                    to_json(&serde_json::json!({ "incoming": incoming, "outgoing": outgoing }))?
                );
            } else {
                for r in &incoming {
                    let late = if r.overdue_days > 0 {
                        format!("逾期{}天", r.overdue_days)
                    } else {
                        String::new()
                    };
                    say!(
                        "收文\t{}\t{}\t{}\t{}\t{}",
                        r.doc.received_on,
                        r.doc.doc_number,
                        r.doc.title,
                        r.due_on,
                        late
                    );
                }
                for d in &outgoing {
                    say!(
                        "发文\t{}\t{}\t{}\t{}{}",
                        d.issued_on.as_deref().unwrap_or(""),
                        d.number.as_deref().unwrap_or("—"),
                        d.status.as_str(),
                        d.title,
                        if d.secret { "（秘密）" } else { "" }
                    );
                }
            }
        }
        DocsCommand::Category {
            code,
            name,
            prefix,
            kind,
        } => {
            let kind = branchdesk_domain::DocKind::parse(&kind)
                .unwrap_or(branchdesk_domain::DocKind::Company);
            let c = app.doc_category_save(&branchdesk_domain::DocCategory {
                code,
                name,
                prefix,
                kind,
                foreign: false,
            })?;
            say!("{}\t{}\t{}", c.code, c.name, c.number(2016, 1));
        }
        DocsCommand::Categories { json } => {
            let cats = app.doc_categories()?;
            if json {
                say!("{}", to_json(&cats)?);
            } else {
                for c in &cats {
                    say!("{}\t{}\t{}\t{}", c.code, c.name, c.prefix, c.kind.as_str());
                }
            }
        }
    }
    Ok(())
}

fn unit_of(app: &branchdesk_app::App, code: &str) -> Result<String, AppError> {
    app.unit_id(code)?.ok_or_else(|| {
        AppError::invalid(
            "unit",
            format!("没有编码为 {code} 的单位。"),
            format!("No unit has the code {code}."),
        )
    })
}
