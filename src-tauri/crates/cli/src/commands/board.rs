//! `branchdesk board`: the monitoring board (经营监控) as text, JSON or xlsx.

use branchdesk_app::board::BoardQuery;
use branchdesk_app::AppError;
use branchdesk_domain::{Label, Lang, Light};

use super::{to_json, write_file, Door};
use crate::args::BoardArgs;

pub(crate) fn run(args: BoardArgs, db: &Door, lang: Lang) -> Result<(), AppError> {
    let BoardArgs {
        as_of,
        light,
        xlsx,
        json,
    } = args;
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
