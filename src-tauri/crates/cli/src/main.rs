//! `branchdesk`: the command line. Every subcommand calls `branchdesk-app`, like the desktop.

use std::path::PathBuf;
use std::process::ExitCode;

use branchdesk_app::plans::PlanAction;
use branchdesk_app::{App, AppError, InitOptions};
use branchdesk_domain::{Info, Lang, Role};
use clap::{Parser, Subcommand, ValueEnum};

/// Prints a line to stdout; a closed pipe (`branchdesk … | head`) ends the program quietly
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "branchdesk",
    version,
    about = "Branchdesk 分支管理台: org, plans, minutes, KPI scoring, reports and sync, offline."
)]
struct Cli {
    /// Database file [default: $BRANCHDESK_DB, else the app-data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new database (never overwrites an existing one)
    Init {
        /// Fill it with the demo data set (a Zibo branch and its sub-branches)
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
    },
    /// Show the schema version, the site and the number of rows per main entity
    Info {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// KPI schemes and scoring
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// The organisation: units, positions, people, assignments
    #[command(subcommand)]
    Org(OrgCommand),
    /// PDF reports
    #[command(subcommand)]
    Report(ReportCommand),
    /// 督办事项: open action items by due date (the follow-up board)
    Actions {
        /// Only those past their due date
        #[arg(long)]
        overdue: bool,
        /// Only this owner (a person's id or 工号)
        #[arg(long, value_name = "ID")]
        owner: Option<String>,
        /// Also done and cancelled items
        #[arg(long)]
        all: bool,
        /// The day overdue is measured against [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
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
enum SyncCommand {
    /// Headquarters: write an enrolment file for a unit (its code, HQ's keys, a one-time token)
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
        #[arg(long)]
        json: bool,
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
enum MinutesCommand {
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
enum DocsCommand {
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
enum PlansCommand {
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
enum ReportCommand {
    /// 考核得分表: one unit's scores for a period, with explanations
    Scorecard {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// 2016-07, 2016-Q3 or 2016
        #[arg(long)]
        period: String,
        /// The scheme [default: the first stored]
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
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
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
enum ViewArg {
    Units,
    Reporting,
}

#[derive(Subcommand)]
enum KpiCommand {
    /// Validate a scheme file: errors exit non-zero, warnings do not
    Check {
        scheme: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Score figures: from files (--scheme and --data) or from the database (--scheme-id)
    Score {
        /// A scheme file (with --data: no database needed)
        #[arg(
            long,
            value_name = "SCHEME.toml",
            requires = "data",
            conflicts_with = "scheme_id"
        )]
        scheme: Option<PathBuf>,
        /// Monthly figures, CSV: unit,period,metric,value
        #[arg(long, value_name = "DATA.csv", requires = "scheme")]
        data: Option<PathBuf>,
        /// A scheme stored in the database [default: the first one]
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        /// A month (2016-07), a quarter (2016-Q3) or a year (2016)
        #[arg(long, value_name = "P")]
        period: String,
        /// Score from the window's start through the period
        #[arg(long)]
        cumulative: bool,
        /// Include inputs, formula and intermediate values for every score
        #[arg(long)]
        explain: bool,
        #[arg(long)]
        json: bool,
    },
    /// Stored schemes
    #[command(subcommand)]
    Scheme(SchemeCommand),
    /// Stored monthly figures
    #[command(subcommand)]
    Data(DataCommand),
}

#[derive(Subcommand)]
enum SchemeCommand {
    /// Validate a scheme file and store it as the next version of its id
    Add { file: PathBuf },
    /// List the stored schemes (latest versions)
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DataCommand {
    /// Import monthly figures from CSV or .xlsx (unit,period,metric,value): all rows or none
    Import { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Unit,
    Hq,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli_lang();
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let label = if lang == Lang::Zh { "错误" } else { "error" };
            eprintln!("{label}: {} [{}]", e.message(lang), e.code());
            ExitCode::FAILURE
        }
    }
}

/// Messages follow BRANCHDESK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG); English when
/// nothing says Chinese.
fn cli_lang() -> Lang {
    ["BRANCHDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|v| Lang::from_tag(&v))
        .unwrap_or(Lang::En)
}

fn run(cli: Cli, lang: Lang) -> Result<(), AppError> {
    let path = match cli.db {
        Some(p) => p,
        None => branchdesk_app::default_db_path()?,
    };
    let command = match cli.command {
        Command::Kpi(k) => return kpi(k, &path, lang),
        Command::Org(o) => return org(o, &path, lang),
        Command::Report(r) => return report(r, &path),
        Command::Actions {
            overdue,
            owner,
            all,
            today,
            json,
        } => return actions(&path, overdue, owner, all, today, json, lang),
        Command::Minutes(m) => return minutes(m, &path, lang),
        Command::Plans(p) => return plans(p, &path),
        Command::Docs(d) => return docs(d, &path),
        Command::Sync(s) => return sync(s, &path, lang),
        Command::Search { text, limit, json } => {
            let hits = App::open(&path)?.search(&text, limit)?;
            if json {
                say!("{}", to_json(&hits)?);
            } else {
                for h in &hits {
                    say!(
                        "{}\t{}\t{}\t{}\t{}",
                        h.kind,
                        h.at,
                        h.unit_name,
                        h.title,
                        h.excerpt
                    );
                }
            }
            return Ok(());
        }
        c => c,
    };
    match command {
        Command::Init {
            demo,
            site_name,
            group_name,
            role,
        } => {
            let opts = InitOptions {
                demo,
                site_name,
                group_name,
                role: match role {
                    RoleArg::Unit => Role::Unit,
                    RoleArg::Hq => Role::Hq,
                },
                language: lang,
            };
            let app = App::init(&path, &opts)?;
            let info = app.info()?;
            if lang == Lang::Zh {
                say!(
                    "已创建数据库 {}（{}，{} 个单位，{} 人）",
                    path.display(),
                    info.site.name,
                    info.counts.units,
                    info.counts.people
                );
            } else {
                say!(
                    "Created {} ({}, {} units, {} people)",
                    path.display(),
                    info.site.name,
                    info.counts.units,
                    info.counts.people
                );
            }
        }
        Command::Info { json } => {
            let info = App::open(&path)?.info()?;
            if json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&info)
                        .map_err(|e| AppError::Demo(e.to_string()))?
                );
            } else {
                print_info(&info, lang);
            }
        }
        _ => {}
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn actions(
    db: &std::path::Path,
    overdue: bool,
    owner: Option<String>,
    all: bool,
    today: Option<String>,
    json: bool,
    lang: Lang,
) -> Result<(), AppError> {
    let app = App::open(db)?;
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

fn minutes(cmd: MinutesCommand, db: &std::path::Path, lang: Lang) -> Result<(), AppError> {
    let app = App::open(db)?;
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

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| AppError::File(dir.to_path_buf(), e))?;
    }
    // Write beside, then rename: a reader never sees half a bundle.
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(|e| AppError::File(tmp.clone(), e))?;
    std::fs::rename(&tmp, path).map_err(|e| AppError::File(path.to_path_buf(), e))
}

fn sync(cmd: SyncCommand, db: &std::path::Path, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    let mut app = App::open(db)?;
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
            let reports = if all {
                let dir = out_dir.unwrap_or_else(|| PathBuf::from("."));
                app.sync_export_all(&dir, full)?
            } else {
                let (bytes, mut r) = app.sync_export(to.as_deref(), full, &mut |_, _| {})?;
                let out = out.unwrap_or_else(|| PathBuf::from(&r.file));
                write_file(&out, &bytes)?;
                r.file = out.display().to_string();
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

fn docs(cmd: DocsCommand, db: &std::path::Path) -> Result<(), AppError> {
    let mut app = App::open(db)?;
    match cmd {
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
            let incoming = app.incoming_list(overdue, today.as_deref())?;
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

fn plans(cmd: PlansCommand, db: &std::path::Path) -> Result<(), AppError> {
    let mut app = App::open(db)?;
    match cmd {
        PlansCommand::Step {
            plan,
            action,
            comment,
        } => {
            let step: PlanAction = serde_json::from_value(serde_json::Value::String(
                action.clone(),
            ))
            .map_err(|_| {
                AppError::invalid(
                    "action",
                    format!("“{action}”不是计划操作：可用 accept、submit、approve、return、start、close。"),
                    format!("\"{action}\" is not a plan step: use accept, submit, approve, return, start or close."),
                )
            })?;
            let id = app.plan_find(&plan)?;
            let r = app.plan_transition(&id, step, &comment)?;
            say!(
                "{}\t{}\t{}",
                r.node.id,
                r.node.status.as_str(),
                r.node.title
            );
        }
        PlansCommand::List { unit, json } => {
            let unit_id = match unit {
                None => None,
                Some(code) => Some(app.unit_id(&code)?.ok_or_else(|| {
                    AppError::invalid(
                        "unit",
                        format!("没有编码为 {code} 的单位。"),
                        format!("No unit with code {code}."),
                    )
                })?),
            };
            let rows = app.plans(unit_id.as_deref())?;
            if json {
                say!("{}", to_json(&rows)?);
            } else {
                for r in &rows {
                    say!(
                        "{}\t{}\t{}\t{}%\t{}\t{}",
                        r.node.period,
                        r.node.status.as_str(),
                        r.node.weight,
                        r.progress_pct,
                        r.node.title,
                        r.unit_name
                    );
                }
            }
        }
    }
    Ok(())
}

fn report(cmd: ReportCommand, db: &std::path::Path) -> Result<(), AppError> {
    let app = App::open(db)?;
    let (bytes, out) = match cmd {
        ReportCommand::Scorecard {
            unit,
            period,
            scheme_id,
            out,
        } => (
            app.report_scorecard(&unit, &period, scheme_id.as_deref())?,
            out,
        ),
        ReportCommand::Bulletin {
            period,
            scheme_id,
            out,
        } => (app.report_bulletin(&period, scheme_id.as_deref())?, out),
        ReportCommand::Minutes { id, out } => (app.report_minutes(&id)?, out),
        ReportCommand::Slip { id, out } => (app.report_slip(&id)?, out),
        ReportCommand::Register { from, to, out } => (app.report_register(&from, &to)?, out),
        ReportCommand::Plan { unit, period, out } => (app.report_plan(&unit, &period)?, out),
        ReportCommand::Orgchart { unit, as_of, out } => {
            (app.report_orgchart(unit.as_deref(), as_of.as_deref())?, out)
        }
    };
    std::fs::write(&out, bytes).map_err(|e| AppError::File(out.clone(), e))?;
    say!("{}", out.display());
    Ok(())
}

fn org(cmd: OrgCommand, db: &std::path::Path, lang: Lang) -> Result<(), AppError> {
    use branchdesk_app::org::{NodeKind, OrgView};
    let zh = lang == Lang::Zh;
    match cmd {
        OrgCommand::Import {
            files,
            effective,
            json,
        } => {
            let r = App::open(db)?.org_import_files(&files, effective.as_deref())?;
            if json {
                say!("{}", to_json(&r)?);
            } else {
                for (name_zh, name_en, t) in [
                    ("单位", "units", &r.units),
                    ("岗位", "positions", &r.positions),
                    ("人员", "people", &r.people),
                    ("任职", "assignments", &r.assignments),
                ] {
                    if zh {
                        say!(
                            "{name_zh}：新增 {}，变更 {}，未变 {}",
                            t.added,
                            t.changed,
                            t.unchanged
                        );
                    } else {
                        say!(
                            "{name_en}: {} added, {} changed, {} unchanged",
                            t.added,
                            t.changed,
                            t.unchanged
                        );
                    }
                }
                if zh {
                    say!("变更自 {} 起生效。", r.effective);
                } else {
                    say!("Changes take effect on {}.", r.effective);
                }
            }
        }
        OrgCommand::Export { out, as_of } => {
            let app = App::open(db)?;
            let csv = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let stem = out
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("org")
                .to_string();
            let files = app.org_export(as_of.as_deref(), csv, &stem)?;
            let dir = out
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            for (name, bytes) in files {
                let path = if csv { dir.join(&name) } else { out.clone() };
                std::fs::write(&path, bytes).map_err(|e| AppError::File(path.clone(), e))?;
                say!("{}", path.display());
            }
        }
        OrgCommand::Template { out } => {
            let bytes = App::open(db)?.org_template_xlsx()?;
            std::fs::write(&out, bytes).map_err(|e| AppError::File(out.clone(), e))?;
            say!("{}", out.display());
        }
        OrgCommand::Tree {
            unit,
            as_of,
            view,
            json,
        } => {
            let view = match view {
                ViewArg::Units => OrgView::Units,
                ViewArg::Reporting => OrgView::Reporting,
            };
            let tree = App::open(db)?.org_tree(as_of.as_deref(), view, unit.as_deref())?;
            if json {
                say!("{}", to_json(&tree)?);
                return Ok(());
            }
            let mut depth: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for n in &tree.nodes {
                let d = n
                    .parent
                    .as_deref()
                    .and_then(|p| depth.get(p))
                    .map_or(0, |d| d + 1);
                depth.insert(&n.id, d);
                let people: Vec<&str> = n.people.iter().map(|p| p.name.as_str()).collect();
                let extra = match n.kind {
                    NodeKind::Unit if zh => format!("（{} 人）", n.headcount),
                    NodeKind::Unit => format!(" ({} people)", n.headcount),
                    NodeKind::Position if people.is_empty() => {
                        if zh {
                            "：空缺".into()
                        } else {
                            ": vacant".into()
                        }
                    }
                    NodeKind::Position => format!(
                        "{}{}",
                        if zh { "：" } else { ": " },
                        people.join(if zh { "、" } else { ", " })
                    ),
                };
                say!("{}{} [{}]{}", "  ".repeat(d), n.title, n.code, extra);
            }
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(v).map_err(|e| AppError::Demo(e.to_string()))
}

fn kpi(cmd: KpiCommand, db: &std::path::Path, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    match cmd {
        KpiCommand::Check { scheme, json } => {
            let report = branchdesk_app::kpi::check_scheme_file(&scheme)?;
            if json {
                say!("{}", to_json(&report)?);
            } else {
                for f in &report.findings {
                    let sev = match (f.severity, zh) {
                        (branchdesk_kpi::Severity::Error, true) => "错误",
                        (branchdesk_kpi::Severity::Error, false) => "error",
                        (branchdesk_kpi::Severity::Warning, true) => "警告",
                        (branchdesk_kpi::Severity::Warning, false) => "warning",
                    };
                    let subject = f
                        .subject
                        .as_deref()
                        .map(|s| format!("[{s}] "))
                        .unwrap_or_default();
                    say!(
                        "{sev} {subject}{} ({})",
                        if zh { &f.zh } else { &f.en },
                        f.code
                    );
                }
                if zh {
                    say!(
                        "方案 {}：{} 个错误，{} 个警告。",
                        report.scheme,
                        report.errors,
                        report.warnings
                    );
                } else {
                    say!(
                        "scheme {}: {} errors, {} warnings.",
                        report.scheme,
                        report.errors,
                        report.warnings
                    );
                }
            }
            if report.errors > 0 {
                std::process::exit(1);
            }
        }
        KpiCommand::Scheme(SchemeCommand::Add { file }) => {
            let s = App::open(db)?.kpi_add_scheme(&file)?;
            say!("{} v{} {}", s.id, s.version, s.name);
            for f in &s.findings {
                say!(
                    "  {} [{}] {}",
                    f.severity,
                    f.subject.as_deref().unwrap_or("-"),
                    f.message
                );
            }
        }
        KpiCommand::Scheme(SchemeCommand::List { json }) => {
            let list = App::open(db)?.kpi_schemes()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for s in &list {
                    say!(
                        "{}  v{}  {}  {} – {}",
                        s.id,
                        s.version,
                        s.name,
                        s.start,
                        s.end
                    );
                }
            }
        }
        KpiCommand::Data(DataCommand::Import { file }) => {
            let r = App::open(db)?.kpi_import(&file)?;
            if zh {
                say!("已导入：{} 项有变化，{} 项未变。", r.changed, r.unchanged);
            } else {
                say!(
                    "Imported: {} changed, {} unchanged.",
                    r.changed,
                    r.unchanged
                );
            }
        }
        KpiCommand::Score {
            scheme,
            data,
            scheme_id,
            period,
            cumulative,
            explain,
            json,
        } => {
            let r = match (scheme, data) {
                (Some(scheme), Some(data)) => {
                    branchdesk_app::kpi::score_files(&scheme, &data, &period, cumulative, explain)?
                }
                _ => {
                    App::open(db)?
                        .kpi_score(scheme_id.as_deref(), &period, cumulative, explain)?
                        .result
                }
            };
            if json {
                say!("{}", to_json(&r)?);
            } else {
                say!(
                    "{} {}{}",
                    r.scheme,
                    r.period,
                    if cumulative {
                        if zh {
                            "（累计）"
                        } else {
                            " (cumulative)"
                        }
                    } else {
                        ""
                    }
                );
                for u in &r.units {
                    let scores: Vec<String> =
                        u.indicators.iter().map(|i| i.score.to_string()).collect();
                    say!(
                        "{:>4}  {:<12} {:>8}  {}",
                        u.rank,
                        u.unit,
                        u.total.to_string(),
                        scores.join(" ")
                    );
                }
                for a in &r.rewards {
                    say!("{} {} ¥{}", a.reward, a.unit, a.amount);
                }
            }
        }
    }
    Ok(())
}

fn print_info(info: &Info, lang: Lang) {
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
