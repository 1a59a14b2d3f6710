//! `branchdesk minutes …` and `branchdesk actions` (the follow-up board).

use branchdesk_app::AppError;
use branchdesk_domain::Lang;

use super::to_json;
use super::Door;
use crate::args::*;

pub(crate) fn actions(args: ActionsArgs, db: &Door, lang: Lang) -> Result<(), AppError> {
    let ActionsArgs {
        overdue,
        owner,
        all,
        today,
        json,
    } = args;
    let app = db.open()?;
    let owner_id = match owner {
        None => None,
        Some(o) => Some(
            app.org_snapshot(None)?
                .people
                .into_iter()
                .find(|p| p.person.id == o || p.person.code == o)
                .map(|p| p.person.id)
                .ok_or_else(|| {
                    AppError::invalid(
                        "owner",
                        format!("没有这个人员：{o}"),
                        format!("No such person: {o}"),
                    )
                })?,
        ),
    };
    let items = app.actions_board(&branchdesk_app::minutes::ActionFilter {
        owner_id,
        unit_id: None,
        overdue_only: overdue,
        include_closed: all,
        today,
    })?;
    if json {
        say!("{}", to_json(&items)?);
        return Ok(());
    }
    for a in &items {
        let late = match (a.overdue_days, lang) {
            (0, _) => String::new(),
            (d, Lang::Zh) => format!("逾期{d}天"),
            (d, _) => format!("{d} days overdue"),
        };
        say!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            a.item.due_on,
            a.item.status.as_str(),
            late,
            a.owner_name,
            a.item.title,
            a.meeting_title
        );
    }
    Ok(())
}

pub(crate) fn run(cmd: MinutesCommand, db: &Door, lang: Lang) -> Result<(), AppError> {
    let app = db.open()?;
    match cmd {
        MinutesCommand::List { json } => {
            let rows = app.minutes_list(None)?;
            if json {
                say!("{}", to_json(&rows)?);
            } else {
                for r in &rows {
                    let status = match (r.meeting.status.as_str(), lang) {
                        ("final", Lang::Zh) => "已定稿",
                        (_, Lang::Zh) => "草稿",
                        (s, _) => s,
                    };
                    say!(
                        "{}\t{}\t{}\t{}\t{}/{}\t{}",
                        r.meeting.id,
                        r.meeting.held_at.replace('T', " "),
                        status,
                        r.meeting.title,
                        r.open_actions,
                        r.actions,
                        r.unit_name
                    );
                }
            }
        }
        MinutesCommand::Show { id, json } => {
            let v = app.minutes_get(&id)?;
            if json {
                say!("{}", to_json(&v)?);
            } else {
                say!(
                    "{}（{}）",
                    v.meeting.title,
                    v.meeting.held_at.replace('T', " ")
                );
                for d in &v.body.decisions {
                    say!("- {d}");
                }
                for a in v.carried.iter().chain(&v.actions) {
                    say!(
                        "* {} {} {} {}",
                        a.item.due_on,
                        a.item.status.as_str(),
                        a.owner_name,
                        a.item.title
                    );
                }
            }
        }
    }
    Ok(())
}
