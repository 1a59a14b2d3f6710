//! `branchdesk init`, `branchdesk info` and `branchdesk calendar`.

use branchdesk_app::AppError;
use branchdesk_domain::{Info, Lang};

use super::{to_json, Door};
use crate::args::CalendarCommand;

pub(crate) fn print_info(info: &Info, lang: Lang) {
    let c = &info.counts;
    let rows: [(&str, &str, String); 12] = [
        ("数据库", "database", info.db_path.clone()),
        (
            "结构版本",
            "schema version",
            info.schema_version.to_string(),
        ),
        (
            "站点",
            "site",
            format!("{} ({})", info.site.name, info.site.role.as_str()),
        ),
        ("单位", "units", c.units.to_string()),
        ("部门", "departments", c.departments.to_string()),
        ("岗位", "positions", c.positions.to_string()),
        ("人员", "people", c.people.to_string()),
        ("任职", "assignments", c.assignments.to_string()),
        ("会议", "meetings", c.meetings.to_string()),
        ("督办事项", "action items", c.action_items.to_string()),
        ("考核数据", "KPI figures", c.kpi_values.to_string()),
        ("考核期间", "KPI periods", info.periods.join(" ")),
    ];
    for (zh, en, v) in rows {
        say!("{:<16}{v}", if lang == Lang::Zh { zh } else { en });
    }
}

/// `branchdesk calendar …`.
pub(crate) fn calendar(cmd: CalendarCommand, db: &Door) -> Result<(), AppError> {
    let mut app = db.open()?;
    let view = match cmd {
        CalendarCommand::List { json } => {
            let view = app.calendar_days()?;
            if json {
                say!("{}", to_json(&view)?);
                return Ok(());
            }
            view
        }
        CalendarCommand::Set {
            day,
            off: _,
            work,
            note,
        } => app.calendar_set(&day, Some(work), &note)?,
        CalendarCommand::Clear { day } => app.calendar_set(&day, None, "")?,
    };
    for d in view.days {
        say!(
            "{}\t{}\t{}",
            d.day,
            if d.working { "上班" } else { "放假" },
            d.note
        );
    }
    Ok(())
}
