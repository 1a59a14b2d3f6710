//! `branchdesk sync …`.

use std::path::PathBuf;

use branchdesk_app::sync::{ImportOptions, Scope};
use branchdesk_app::AppError;
use branchdesk_domain::Lang;

use super::Door;

/// Where scripts give the enrolment passcode (never on the command line).
const PASSCODE_ENV: &str = "BRANCHDESK_PASSCODE";
use super::{to_json, write_file};
use crate::args::*;

pub(crate) fn run(cmd: SyncCommand, db: &Door, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    let mut app = db.open()?;
    match cmd {
        SyncCommand::Enrol { unit, out } => {
            let e = app.sync_enrol(&unit)?;
            write_file(&out, &e.bytes)?;
            let fp = app.sync_status()?.fingerprint;
            if zh {
                say!(
                    "已写入入网文件 {}（单位 {unit}，总部密钥指纹 {fp}）",
                    out.display()
                );
                say!(
                    "入网口令：{}（请电话告知该单位，不要与文件一起发送）",
                    e.passcode
                );
            } else {
                say!(
                    "Wrote enrolment file {} (unit {unit}, headquarters' key fingerprint {fp})",
                    out.display()
                );
                say!(
                    "Passcode: {} (read it out to the unit by phone; never send it with the file)",
                    e.passcode
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
        SyncCommand::Import {
            files,
            passcode,
            json,
        } => {
            let mut reports = Vec::new();
            // Not on the command line, where `ps` shows it: from the environment for scripts,
            // else asked for on the terminal when a file turns out to be an enrolment file.
            let mut passcode = passcode.or_else(|| std::env::var(PASSCODE_ENV).ok());
            for f in &files {
                let options = |passcode: &Option<String>| ImportOptions {
                    passcode: passcode.clone(),
                };
                let r = match app.sync_import_file(f, &options(&passcode)) {
                    Err(e)
                        if e.code() == "sync.passcode_needed"
                            && passcode.is_none()
                            && std::io::IsTerminal::is_terminal(&std::io::stdin()) =>
                    {
                        eprintln!("{}", e.message(lang));
                        passcode = Some(super::ask(if lang == Lang::Zh {
                            "口令："
                        } else {
                            "Passcode: "
                        })?);
                        app.sync_import_file(f, &options(&passcode))?
                    }
                    r => r?,
                };
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
        SyncCommand::RotateKeys => {
            let fp = app.sync_rotate_keys()?;
            if zh {
                say!("已更换本站密钥，新指纹 {fp}。下一个同步包会用原密钥签名并通知对方。");
            } else {
                say!("This site has new keys, fingerprint {fp}. The next bundles announce them under the old ones.");
            }
        }
        SyncCommand::Revoke { unit, reason } => {
            app.sync_revoke(&unit, &reason)?;
            if zh {
                say!("已吊销 {unit} 的密钥；该单位须更换密钥并用新的入网文件重新入网。");
            } else {
                say!("Revoked the key of {unit}; the unit replaces its keys and joins again with a new enrolment file.");
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
