//! `branchdesk sync …`.

use std::path::PathBuf;

use branchdesk_app::sync::Scope;
use branchdesk_app::{App, AppError, Ctx};
use branchdesk_domain::Lang;

use super::{to_json, write_file};
use crate::args::*;

pub(crate) fn run(cmd: SyncCommand, db: &std::path::Path, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    let mut app = App::open(db, Ctx::local())?;
    match cmd {
        SyncCommand::Enrol { unit, out } => {
            let (bytes, _) = app.sync_enrol(&unit)?;
            write_file(&out, &bytes)?;
            let fp = app.sync_status()?.fingerprint;
            if zh {
                say!(
                    "已写入入网文件 {}（单位 {unit}，总部密钥指纹 {fp}）",
                    out.display()
                );
            } else {
                say!(
                    "Wrote enrolment file {} (unit {unit}, headquarters' key fingerprint {fp})",
                    out.display()
                );
            }
        }
        SyncCommand::Export {
            to,
            full,
            all,
            out,
            out_dir,
            json,
        } => {
            let scope = if full { Scope::Full } else { Scope::Changes };
            let reports = if all {
                let dir = out_dir.unwrap_or_else(|| PathBuf::from("."));
                app.sync_export_all(&dir, scope)?
            } else {
                let r = match out {
                    Some(path) => app.sync_export_to(to.as_deref(), scope, &path)?,
                    None => app.sync_export_into(
                        std::path::Path::new("."),
                        to.as_deref(),
                        scope,
                        &mut |_, _| {},
                    )?,
                };
                vec![r]
            };
            if json {
                say!("{}", to_json(&reports)?);
            } else {
                for r in &reports {
                    if zh {
                        say!(
                            "已写入 {}：发给{}的第 {} 号同步包，{} 条记录，{} 字节",
                            r.file,
                            r.peer_name,
                            r.seq,
                            r.records,
                            r.bytes
                        );
                    } else {
                        say!(
                            "Wrote {}: bundle {} for {}, {} records, {} bytes",
                            r.file,
                            r.seq,
                            r.peer_name,
                            r.records,
                            r.bytes
                        );
                    }
                }
            }
        }
        SyncCommand::Import { files, json } => {
            let mut reports = Vec::new();
            for f in &files {
                let bytes = std::fs::read(f).map_err(|e| AppError::File(f.clone(), e))?;
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let r = app.sync_import(&bytes, &name)?;
                if !json {
                    say!("{}", r.message);
                }
                reports.push(r);
            }
            if json {
                say!(
                    "{}",
                    to_json(
                        &if reports.len() == 1 {
                            serde_json::to_value(&reports[0])
                        } else {
                            serde_json::to_value(&reports)
                        }
                        .map_err(|e| AppError::Export(e.to_string()))?
                    )?
                );
            }
        }
        SyncCommand::Status { json } => {
            let s = app.sync_status()?;
            if json {
                say!("{}", to_json(&s)?);
            } else {
                say!(
                    "{} ({}) {}",
                    s.site.name,
                    s.site.role.as_str(),
                    s.fingerprint
                );
                for p in &s.peers {
                    say!(
                        "{}\t{}\t{}\tsent {} acked {} received {}\tunacked changes {}\theld {}",
                        p.name,
                        p.role.as_str(),
                        p.unit_code.as_deref().unwrap_or("-"),
                        p.sent_seq,
                        p.acked_seq,
                        p.recv_seq,
                        p.unacked_changes,
                        p.held
                    );
                }
            }
        }
        SyncCommand::Announce { unit, title, body } => {
            let a = app.announce(unit.as_deref(), &title, &body)?;
            say!("{}", a.id);
        }
        SyncCommand::Decisions { json } => {
            let list = app.decisions()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for d in &list {
                    say!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        d.decision.decided_at,
                        d.unit_name,
                        d.decision.kind.as_str(),
                        d.subject,
                        d.decision.verdict.as_str(),
                        d.state.as_str(),
                        d.note
                    );
                }
            }
        }
        SyncCommand::Announcements { json } => {
            let list = app.announcements()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for a in &list {
                    say!("{}\t{}\t{}\t{}", a.published_at, a.by, a.title, a.body);
                }
            }
        }
    }
    Ok(())
}
