//! `branchdesk init` and `branchdesk info`.

use branchdesk_domain::{Info, Lang};

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
