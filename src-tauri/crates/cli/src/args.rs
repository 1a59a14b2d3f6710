//! The command line as clap reads it: one subcommand per feature noun (`kpi`, `org`, `plans`,
//! `minutes`, `docs`, `sync`, `report`, `search`, and `init`/`info` for the site).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod kpi;
pub use kpi::*;

#[derive(Parser)]
#[command(
    name = "branchdesk",
    version,
    about = "Branchdesk 分支管理台: org, plans, minutes, KPI scoring, reports and sync, offline."
)]
pub struct Cli {
    /// Database file [default: $BRANCHDESK_DB, else the app-data directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Sign in as this account (工号) [default: $BRANCHDESK_USER]; the password is read from
    /// the terminal without echo, or from $BRANCHDESK_PASSWORD
    #[arg(long, global = true, value_name = "工号")]
    pub user: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new database (never overwrites an existing one)
    Init {
        /// Fill it with the demo data set (a Zibo branch and its sub-branches; with --role hq,
        /// headquarters with four cities brought in by their bundles)
        #[arg(long)]
        demo: bool,
        /// The site's name, e.g. 淄博市分公司
        #[arg(long, value_name = "NAME")]
        site_name: Option<String>,
        /// The group's name, shown in headers and reports
        #[arg(long, value_name = "NAME")]
        group_name: Option<String>,
        /// Whether this database belongs to a unit or to headquarters
        #[arg(long, value_enum, default_value = "unit")]
        role: RoleArg,
        /// The first administrator's 工号 [default: --user]; the password is read from the
        /// terminal, or from $BRANCHDESK_PASSWORD (the demo's people get the demo password)
        #[arg(long, value_name = "工号")]
        admin: Option<String>,
        /// The first administrator's name, if the 工号 is not in the organisation yet
        #[arg(long, value_name = "NAME")]
        admin_name: Option<String>,
    },
    /// 用户: accounts and passwords
    #[command(subcommand)]
    Users(UsersCommand),
    /// 备份: a checked copy of the database, encrypted like it (default: into backups/ beside
    /// the database, keeping 7 daily and 4 weekly copies as set in 设置)
    Backup(BackupArgs),
    /// 恢复: replace the database with a backup after checking all of it; the current file is
    /// kept aside as <db>.before-restore-<time>. Close the window first.
    Restore {
        /// The backup file (.bdbak)
        file: PathBuf,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
    /// Show the schema version, the site and the number of rows per main entity
    Info {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Write the diagnostics zip for support instead (recent logs, versions, row counts;
        /// no records)
        #[arg(long, value_name = "FILE.zip")]
        diagnostics: Option<PathBuf>,
    },
    /// KPI schemes and scoring
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// 销售人员职级: seed 002's level rules month by month (no database needed)
    #[command(subcommand)]
    Levels(LevelsCommand),
    /// The organisation: units, positions, people, assignments
    #[command(subcommand)]
    Org(OrgCommand),
    /// PDF reports
    #[command(subcommand)]
    Report(ReportCommand),
    /// 督办事项: open action items by due date (the follow-up board)
    Actions(ActionsArgs),
    /// 经营监控: one row per unit with red / amber / green lights and the reason for each
    Board(BoardArgs),
    /// 会议纪要
    #[command(subcommand)]
    Minutes(MinutesCommand),
    /// 计划: plan trees with progress
    #[command(subcommand)]
    Plans(PlansCommand),
    /// 公文: the document register
    #[command(subcommand)]
    Docs(DocsCommand),
    /// 同步: bundles between units and headquarters
    #[command(subcommand)]
    Sync(SyncCommand),
    /// 工作日历: the days off and weekend days worked that deadlines are counted with
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Full-text search of minutes, decisions, action items and plans (Chinese words of any
    /// length)
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// The days headquarters published (over the State Council notices shipped for 2016, 2017
    /// and 2026)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Headquarters: publish a day off (--off) or a weekend day worked (--work); it goes down
    /// in the next bundles
    Set {
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: String,
        #[arg(long, conflicts_with = "work", required_unless_present = "work")]
        off: bool,
        #[arg(long)]
        work: bool,
        /// e.g. 元旦, 春节调休上班
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Headquarters: take a published day back
    Clear {
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: String,
    },
}

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Encrypt a plain database (from before accounts) and make its first administrator
    Setup {
        #[arg(long, value_name = "工号")]
        admin: String,
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// List the accounts (administrators)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add an account (administrators); its password from the terminal or
    /// $BRANCHDESK_NEW_PASSWORD
    Add {
        #[arg(long, value_name = "工号")]
        login: String,
        /// The name, if the 工号 is not a person of the organisation
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        admin: bool,
        /// A headquarters staff account
        #[arg(long)]
        hq_staff: bool,
        /// Acts granted beyond the posts (e.g. enter_figures); repeatable
        #[arg(long, value_name = "ACT")]
        grant: Vec<String>,
    },
    /// Disable an account (administrators)
    Disable {
        #[arg(long, value_name = "工号")]
        login: String,
    },
    /// Enable a disabled account again (administrators; give it a new password with reset)
    Enable {
        #[arg(long, value_name = "工号")]
        login: String,
    },
    /// Give an account a new password (administrators)
    Reset {
        #[arg(long, value_name = "工号")]
        login: String,
    },
    /// Change your own password
    Passwd,
    /// Open with the recovery key and give an account a new password
    Recover {
        #[arg(long, value_name = "工号")]
        login: String,
        /// The recovery key printed at set-up [default: read from the terminal]
        #[arg(long, value_name = "KEY")]
        recovery_key: Option<String>,
    },
    /// The account log: sign-ins, failures, changes (administrators)
    Log {
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Headquarters: write an enrolment file for a unit (its code, HQ's keys, a one-time token)
    /// and print the passcode to read out to the unit by phone (never send it with the file)
    Enrol {
        /// The unit's org code, e.g. ZB
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a bundle: what the recipient has not acknowledged yet (or everything with --full)
    Export {
        /// The recipient: a unit code, a site name or id [default: the only peer]
        #[arg(long, value_name = "PEER")]
        to: Option<String>,
        /// A complete snapshot (a new headquarters, a rebuilt laptop)
        #[arg(long)]
        full: bool,
        /// Headquarters: one bundle per enrolled unit, into --out-dir
        #[arg(long, conflicts_with = "to")]
        all: bool,
        #[arg(long, value_name = "FILE", required_unless_present = "all")]
        out: Option<PathBuf>,
        #[arg(long, value_name = "DIR", required_if_eq("all", "true"))]
        out_dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Verify and apply bundles (or an enrolment file), each in one transaction
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The passcode headquarters read out for an enrolment file (e.g. 7KQ4-M2XD-9RTA-HW3B)
        /// [default: BRANCHDESK_PASSCODE, else asked for on the terminal; on the command line
        /// other users of this computer can see it in `ps`]
        #[arg(long)]
        passcode: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Move this site to new keys; each peer learns them from the next bundle, signed with the
    /// keys it knows
    RotateKeys,
    /// Headquarters: revoke a unit's key (a lost laptop); its bundles are refused until it
    /// replaces its keys and joins again with a new enrolment file
    Revoke {
        /// The unit's code or name
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long)]
        reason: String,
    },
    /// Peers with what was sent, received and acknowledged, and the bundle history
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Headquarters: publish an announcement (to one unit, or all); it goes with the next bundles
    Announce {
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        body: String,
    },
    /// Announcements from headquarters
    Announcements {
        #[arg(long)]
        json: bool,
    },
    /// Headquarters' approvals and reviews: at HQ whether each reached its unit, at a unit
    /// what was applied
    Decisions {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum MinutesCommand {
    /// Every meeting, newest first, with its id
    List {
        #[arg(long)]
        json: bool,
    },
    /// One meeting's minutes with action items, carried items and revisions
    Show {
        #[arg(long)]
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum DocsCommand {
    /// Draft an outgoing document (发文) in a category, issued by a unit, drafted by a department
    Draft {
        #[arg(long, value_name = "CODE")]
        category: String,
        #[arg(long)]
        title: String,
        /// The issuing unit's code
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// The drafting department's code
        #[arg(long, value_name = "CODE")]
        drafting_unit: String,
        #[arg(long)]
        json: bool,
    },
    /// A draft's text (正文, 主送, 抄送, 附件, 署名, 印发…): shows it (a new one from the
    /// template of --form), or saves the JSON of FILE (the shape `--json` prints)
    Text {
        #[arg(long)]
        id: String,
        /// 文种 of a new text: notice (通知), request (请示), report (报告), letter (函), minutes (纪要)
        #[arg(long)]
        form: Option<String>,
        /// Save this JSON file as the text
        #[arg(long, value_name = "FILE.json")]
        set: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Attach files (附件, any type, 20 MB each) to a draft
    Attach {
        #[arg(long)]
        id: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A document's attachments
    Files {
        #[arg(long)]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Save one attachment (its id from `docs files`), checked against its SHA-256
    File {
        #[arg(long, value_name = "ID")]
        file_id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 分发: send an issued document to units (主送 --to, 抄送 --cc; unit codes, the whole
    /// list); it travels in each unit's next bundle
    Send {
        #[arg(long)]
        id: String,
        #[arg(long, value_name = "CODE", value_delimiter = ',', required = true)]
        to: Vec<String>,
        #[arg(long, value_name = "CODE", value_delimiter = ',')]
        cc: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Documents sent to this site's units and not yet signed for
    Inbox {
        #[arg(long)]
        json: bool,
    },
    /// 签收: sign for a document sent to a unit; it is registered as 收文 and routed to the
    /// handlers (工号)
    Receive {
        #[arg(long)]
        id: String,
        /// The receiving unit's code
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long = "handler", value_name = "工号", required = true)]
        handlers: Vec<String>,
        /// 领导批示
        #[arg(long, default_value = "")]
        instruction: String,
        /// [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Reserve the next number of a category (淄人保发〔2016〕63号); never repeats or skips
    Number {
        #[arg(long, value_name = "CODE")]
        category: String,
        /// [default: this year]
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Give a reserved number back; the next reservation takes it
    Release {
        #[arg(long, value_name = "CODE")]
        category: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        seq: i64,
    },
    /// The register: incoming documents (with their handlers) and outgoing ones, newest first
    List {
        /// Only incoming documents with a handler past the deadline
        #[arg(long)]
        overdue: bool,
        /// Outgoing: only what this unit may see (secret documents outside its scope are left out)
        #[arg(long, value_name = "CODE")]
        for_unit: Option<String>,
        /// The day "overdue" is measured against [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Numbering categories
    Categories {
        #[arg(long)]
        json: bool,
    },
    /// Add or change a numbering category
    Category {
        #[arg(long)]
        code: String,
        /// e.g. 公司发文
        #[arg(long)]
        name: String,
        /// The issuer's code before the year, e.g. 淄人保发
        #[arg(long)]
        prefix: String,
        /// company: drafted by the office, signed by the GM; business: by a department and
        /// the deputy GM in charge
        #[arg(long, value_parser = ["company", "business"])]
        kind: String,
    },
}

#[derive(Subcommand)]
pub enum PlansCommand {
    /// Plan nodes with status, weight and progress
    List {
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One step of a plan's lifecycle: accept (draft an issued target), submit, approve,
    /// return, start or close. At headquarters, approving or returning a unit's plan is a
    /// decision that goes to the unit with the next bundle.
    Step {
        /// The plan's id or its exact title
        plan: String,
        /// accept | submit | approve | return | start | close
        action: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 月度经营分析报告: the lights and their reasons, KPI ranking and heat map, plans behind
    /// schedule, overdue items, document handling, totals month by month
    Analysis {
        /// The month analysed, e.g. 2016-11
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 考核得分表: one unit's scores for a period, with explanations
    Scorecard {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// 2016-07, 2016-Q3 or 2016
        #[arg(long)]
        period: String,
        /// The scheme [default: this site's first own one; at a unit, headquarters' first]
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 组织架构图: a unit and everything below it, on landscape pages
    Orgchart {
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 会议纪要: one meeting's formal minutes with signature lines (ids from `minutes list`)
    Minutes {
        #[arg(long)]
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// 纪要 in the national format (GB/T 9704 §10.3) for issuing, instead of the record form
        #[arg(long)]
        official: bool,
    },
    /// 计划书: a unit's plans within a period, with progress and deviations
    Plan {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// 2016, 2016-Q4, 2016-12 …
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 公文 in the national format (GB/T 9704-2012): one outgoing document (ids from `docs list --json`)
    Document {
        #[arg(long)]
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 收文阅办单: one incoming document with its handlers (ids from `docs list --json`)
    Slip {
        #[arg(long)]
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 公文登记簿: documents received and issued between two dates
    Register {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 考评通报: all units ranked for a period, with a chart of totals and rewards
    Bulletin {
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        /// A published version of the results [default: the newest; a period never published prints as a draft]
        #[arg(long, value_name = "N")]
        version: Option<i64>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Import from one .xlsx (sheets 单位 岗位 人员 任职) or .csv files (one entity each).
    /// All or nothing: a bad file changes nothing and every problem is listed.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The date changes to existing units and positions take effect [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        effective: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export as .xlsx, or with a .csv name as four CSV files (NAME-units.csv …)
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The organisation as it was on this date [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// Write the blank import template (.xlsx with Chinese headers and instructions)
    Template {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the chart as an indented tree, or as JSON nodes
    Tree {
        /// Only this unit and what is below it
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// units: units with their positions; reporting: positions by direct superior
        #[arg(long, value_enum, default_value = "units")]
        view: ViewArg,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ViewArg {
    Units,
    Reporting,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Unit,
    Hq,
}

/// `branchdesk actions`: which items of the follow-up board to list.
#[derive(Args)]
pub struct ActionsArgs {
    /// Only those past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only this owner (a person's id or 工号)
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// Also done and cancelled items
    #[arg(long)]
    pub all: bool,
    /// The day overdue is measured against [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `branchdesk board`: the monitoring board on a day, and 督办 (follow-ups of its warnings).
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BoardArgs {
    #[command(subcommand)]
    pub action: Option<BoardAction>,
    /// The day the lights are judged on [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Only units with this light (red, amber, missing, green); may be repeated
    #[arg(long, value_name = "LIGHT")]
    pub light: Vec<String>,
    /// Write the board as an xlsx workbook
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// `branchdesk levels`: a level table and people's monthly figures, month by month.
#[derive(Subcommand)]
pub enum LevelsCommand {
    /// Check a level table: order, duplicate codes, standards that cannot be kept
    Check {
        #[arg(long, value_name = "LEVELS.toml")]
        table: PathBuf,
    },
    /// Each person's level and pay per month, and every qualification, demotion,
    /// re-promotion and critical-wage flag with the figures behind it
    Run {
        #[arg(long, value_name = "LEVELS.toml")]
        table: PathBuf,
        /// CSV: 工号,姓名,起始职级,智慧助理,2017-01,2017-02,… (one row per person)
        #[arg(long, value_name = "PEOPLE.csv")]
        data: PathBuf,
        /// The first month (YYYY-MM)
        #[arg(long)]
        from: String,
        /// The last month (YYYY-MM)
        #[arg(long)]
        to: String,
        /// Say why, month by month
        #[arg(long)]
        explain: bool,
        #[arg(long)]
        json: bool,
    },
    /// The two activity funds month by month: accrued, used (oldest first), expired after 3 months
    Funds {
        /// CSV: 月份,完成额,目标,客户交往费用,活动费用 (one row per month, in order)
        #[arg(long, value_name = "FUNDS.csv")]
        data: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// 督办: headquarters follows up a warning; the unit reports; headquarters closes or returns it.
#[derive(Subcommand)]
pub enum BoardAction {
    /// The follow-ups raised (headquarters) or received (a unit)
    Followups {
        #[arg(long)]
        json: bool,
    },
    /// Headquarters: follow up a unit's red or amber light
    FollowUp {
        /// The unit's code
        #[arg(long)]
        unit: String,
        /// The check: plans, overdue, kpi, figures, submissions, docs or bundle
        #[arg(long)]
        check: String,
        /// What the unit is asked to do
        #[arg(long)]
        request: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
    },
    /// A unit: report what was done on a follow-up
    Report {
        #[arg(long)]
        id: String,
        #[arg(long)]
        note: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        done_on: String,
    },
    /// Headquarters: close a follow-up
    Close {
        #[arg(long)]
        id: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Headquarters: return a reported follow-up, saying what is missing, with a new due date
    Return {
        #[arg(long)]
        id: String,
        #[arg(long)]
        comment: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
    },
}

#[derive(Args)]
pub struct BackupArgs {
    /// Write the backup to this file instead
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// List the automatic backups
    #[arg(long, conflicts_with = "out")]
    pub list: bool,
    /// Check a backup file and show what it holds, without restoring anything
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out", "list"])]
    pub check: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

impl Command {
    /// The subcommand's name, for the log.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Init { .. } => "init",
            Command::Users(_) => "users",
            Command::Backup(_) => "backup",
            Command::Restore { .. } => "restore",
            Command::Info { .. } => "info",
            Command::Kpi(_) => "kpi",
            Command::Levels(_) => "levels",
            Command::Org(_) => "org",
            Command::Report(_) => "report",
            Command::Actions(_) => "actions",
            Command::Board(_) => "board",
            Command::Minutes(_) => "minutes",
            Command::Plans(_) => "plans",
            Command::Docs(_) => "docs",
            Command::Sync(_) => "sync",
            Command::Calendar(_) => "calendar",
            Command::Search { .. } => "search",
        }
    }
}
