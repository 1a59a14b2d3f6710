//! `branchdesk board`: the monitoring board (经营监控) as text, JSON or xlsx.

use branchdesk_app::board::{
    BoardQuery, FollowupDecision, FollowupInput, FollowupReport, FollowupView,
};
use branchdesk_app::AppError;
use branchdesk_domain::{Check, Label, Lang, Light};

use super::{to_json, write_file, Door};
use crate::args::{BoardAction, BoardArgs};

pub(crate) fn run(args: BoardArgs, db: &Door, lang: Lang) -> Result<(), AppError> {
    let BoardArgs {
        action,
        as_of,
        light,
        xlsx,
        json,
    } = args;
    if let Some(action) = action {
        return followups(action, db, lang);
    }
    let mut only = Vec::new();
    for l in &light {
        only.push(Light::from_label(l).ok_or_else(|| {
            AppError::invalid(
                "light",
                format!("没有这种信号灯：{l}（可用 red、amber、missing、green）"),
                format!("No such light: {l} (use red, amber, missing or green)"),
            )
        })?);
    }
    let app = db.open()?;
    let q = BoardQuery { as_of, month: None };
    if let Some(out) = xlsx {
        write_file(&out, &app.board_xlsx(&q)?)?;
        say!("{}", out.display());
        return Ok(());
    }
    let mut board = app.board(&q)?;
    if !only.is_empty() {
        board.rows.retain(|r| only.contains(&r.light));
    }
    if json {
        say!("{}", to_json(&board)?);
        return Ok(());
    }
    say!(
        "{} {}",
        lang.pick("经营监控", "Monitoring board,"),
        board.as_of
    );
    for r in &board.rows {
        say!("{}  {} {}", r.light.label(lang), r.unit_code, r.unit_name);
        for s in r.signals.iter().filter(|s| s.light != Light::Green) {
            say!(
                "    {} {}: {}",
                s.light.label(lang),
                s.check.label(lang),
                s.reason
            );
        }
    }
    Ok(())
}

fn followups(action: BoardAction, db: &Door, lang: Lang) -> Result<(), AppError> {
    let line = |f: &FollowupView| {
        say!(
            "{}  {} {} {}  {}: {}",
            f.id,
            f.state.label(lang),
            f.unit,
            f.unit_name,
            f.check.label(lang),
            f.request
        );
    };
    let f = match action {
        BoardAction::Followups { json } => {
            let all = db.open()?.board_followups()?;
            if json {
                say!("{}", to_json(&all)?);
            } else {
                all.rows.iter().for_each(line);
            }
            return Ok(());
        }
        BoardAction::FollowUp {
            unit,
            check,
            request,
            due,
        } => {
            let check = Check::from_label(&check).ok_or_else(|| {
                AppError::invalid(
                    "check",
                    format!("没有这项检查：{check}（可用 plans、overdue、kpi、figures、submissions、docs、bundle）"),
                    format!("No such check: {check} (use plans, overdue, kpi, figures, submissions, docs or bundle)"),
                )
            })?;
            db.open()?.board_followup_raise(&FollowupInput {
                unit,
                check,
                request,
                due,
            })?
        }
        BoardAction::Report { id, note, done_on } => {
            db.open()?.board_followup_report(&FollowupReport {
                followup_id: id,
                note,
                done_on,
            })?
        }
        BoardAction::Close { id, comment } => {
            db.open()?.board_followup_decide(&FollowupDecision {
                followup_id: id,
                close: true,
                comment,
                due: None,
            })?
        }
        BoardAction::Return { id, comment, due } => {
            db.open()?.board_followup_decide(&FollowupDecision {
                followup_id: id,
                close: false,
                comment,
                due: Some(due),
            })?
        }
    };
    line(&f);
    Ok(())
}
