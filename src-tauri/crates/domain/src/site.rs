use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// What a database is: a unit's (subsidiary, branch) or headquarters'.
    pub enum Role {
        Unit = "unit", "单位", "Unit";
        Hq = "hq", "总部", "Headquarters";
    }

    /// What a line of the home page's work list is.
    pub enum WorkKind {
        Action = "action", "督办事项", "Action item";
        Incoming = "incoming", "收文办理", "Incoming document";
        Figures = "figures", "考核数据", "KPI figures";
        Bundle = "bundle", "同步包", "Sync bundle";
        Approval = "approval", "待审批计划", "Plan to approve";
        Review = "review", "待审核材料", "Submission to review";
        Results = "results", "考核结果", "Assessment results";
        Followup = "followup", "总部督办", "Headquarters follow-up";
    }

    /// How much the log file says (设置; `BRANCHDESK_LOG` overrides it).
    pub enum LogLevel {
        Warn = "warn", "仅问题", "Problems only";
        Info = "info", "一般（默认）", "Normal (default)";
        Debug = "debug", "详细（排查问题时）", "Detailed (for support)";
    }
}

/// The user's language. Chinese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en-US")]
    En,
}

impl Lang {
    /// The Chinese or the English of a pair, for this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en-US",
        }
    }

    /// Accepts `zh-CN`, `zh`, `zh_CN.UTF-8`, `en-US`, `en`, ... Anything not Chinese is English.
    /// A language tag or a locale (`zh-CN`, `en_US.UTF-8`): Chinese first, English only when
    /// the tag asks for it (`C.UTF-8`, `POSIX` or nothing are not a request for English).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// The identity of this database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SiteInfo {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// The group (集团) the site belongs to, shown in headers and reports.
    pub group_name: String,
    pub created_at: String,
}

/// User-editable settings (设置).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    pub site: SiteInfo,
    pub language: Lang,
    /// The period the user works in, `YYYY-MM`, shown in the top bar.
    pub current_period: String,
    /// Where the database file lives (read-only, for the user's information).
    pub db_path: String,
    /// Days a handler of an incoming document has (seed 004: 三日内).
    pub handle_days: u32,
    /// Whether those are working days (weekends and statutory holidays do not count, 调休
    /// make-up workdays do) or calendar days.
    pub handle_working_days: bool,
    /// Minutes without a key press or click before the window locks itself (1-240).
    pub lock_minutes: u32,
    /// How much the log file says.
    pub log_level: LogLevel,
    /// Months a unit has to confirm or appeal published results (seed 002: 一个月; 1-6).
    pub appeal_months: u32,
    /// Where the monitoring board's lights change.
    pub board: crate::BoardThresholds,
    /// Today as this database counts it (`YYYY-MM-DD`): defaults, deadlines and overdue counts
    /// use it.
    pub today: String,
    /// Set when the database carries its own day (the demo's 2016-12-28), shown in a banner.
    pub site_today: Option<String>,
}

/// A change to the settings; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsUpdate {
    #[ts(optional)]
    pub site_name: Option<String>,
    #[ts(optional)]
    pub group_name: Option<String>,
    #[ts(optional)]
    pub language: Option<Lang>,
    #[ts(optional)]
    pub current_period: Option<String>,
    #[ts(optional)]
    pub handle_days: Option<u32>,
    #[ts(optional)]
    pub handle_working_days: Option<bool>,
    #[ts(optional)]
    pub lock_minutes: Option<u32>,
    #[ts(optional)]
    pub log_level: Option<LogLevel>,
    #[ts(optional)]
    pub appeal_months: Option<u32>,
    #[ts(optional)]
    pub board: Option<crate::BoardThresholds>,
    /// The database's own day (`YYYY-MM-DD`); empty to follow the computer's clock again.
    #[ts(optional)]
    pub site_today: Option<String>,
}

/// Rows per main entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Organisational units other than departments (group, regions, subsidiaries, branches).
    #[ts(type = "number")]
    pub units: i64,
    #[ts(type = "number")]
    pub departments: i64,
    #[ts(type = "number")]
    pub positions: i64,
    /// People currently employed (those who left are kept but not counted).
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub assignments: i64,
    #[ts(type = "number")]
    pub meetings: i64,
    #[ts(type = "number")]
    pub action_items: i64,
    #[ts(type = "number")]
    pub kpi_values: i64,
}

/// What `branchdesk info` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Info {
    #[ts(type = "number")]
    pub schema_version: i64,
    pub db_path: String,
    pub site: SiteInfo,
    pub counts: Counts,
    /// Periods (`YYYY-MM`) that have KPI figures, oldest first.
    pub periods: Vec<String>,
}

/// The home page (首页): what needs attention, read live from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub site: SiteInfo,
    pub current_period: String,
    pub counts: Counts,
    #[ts(type = "number")]
    pub open_action_items: i64,
    #[ts(type = "number")]
    pub overdue_action_items: i64,
    #[ts(optional)]
    pub latest_kpi_period: Option<String>,
    /// The day's work: what is overdue or due soon, waiting for this person or this site,
    /// most urgent first; each line opens its record.
    pub work: Vec<WorkItem>,
}

/// One line of the day's work list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkItem {
    pub kind: WorkKind,
    pub title: String,
    /// Who, where, how many: in the user's language.
    pub detail: String,
    #[ts(optional)]
    pub due_on: Option<String>,
    /// Days past due (0 when not overdue).
    #[ts(type = "number")]
    pub overdue_days: i64,
    /// The page that opens the record, and the record there (a meeting, a document, a plan).
    pub page: String,
    #[ts(optional)]
    pub open_id: Option<String>,
    /// The signed-in person's own work (their items, their acts).
    pub mine: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_tags() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
        assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), "\"zh-CN\"");
    }

    /// Issue 23: a database made from a shell with LANG=C.UTF-8 opened in English.
    #[test]
    fn chinese_unless_english_is_asked_for() {
        for zh in ["zh-CN", "C.UTF-8", "C", "POSIX", "", "de_DE.UTF-8"] {
            assert_eq!(Lang::from_tag(zh), Lang::Zh, "{zh}");
        }
        for en in ["en-US", "en_GB.UTF-8", "EN"] {
            assert_eq!(Lang::from_tag(en), Lang::En, "{en}");
        }
    }

    #[test]
    fn role_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Role::parse("HQ"), None);
    }
}
