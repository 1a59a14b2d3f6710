//! `branchdesk`: the command line. Every subcommand calls `branchdesk-app`, like the desktop.

use std::path::PathBuf;
use std::process::ExitCode;

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
    if let Command::Kpi(k) = cli.command {
        return kpi(k, &path, lang);
    }
    match cli.command {
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
        Command::Kpi(_) => {}
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
