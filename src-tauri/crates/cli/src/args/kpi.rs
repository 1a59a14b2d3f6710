//! `branchdesk kpi …`: schemes, scoring, figures and the cycle after the score.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum KpiCommand {
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
        /// A scheme stored in the database [default: this site's first own one; at a unit, headquarters' first]
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
    /// Publish a period's results as its next version (a second version needs --reason)
    Publish {
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        /// Why the results are published again
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Lock a published period: its figures stop changing and its rewards become payouts
    Lock {
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long)]
        json: bool,
    },
    /// Reopen a locked period, saying why (kept in its history)
    Reopen {
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Where a period stands: its published versions, its lock and history
    Status {
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 推广先进专员: each ranked unit's 系统推广专员 by the unit's total (a year's first three put forward)
    Specialists {
        /// A month, a quarter or a year
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long, value_name = "ID")]
        scheme_id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 奖励兑现: the rewards of locked periods to pay, or record one as paid (--pay)
    Payouts {
        /// Only this period
        #[arg(long, value_name = "P")]
        period: Option<String>,
        /// Record the payout with this number as paid
        #[arg(long, value_name = "ID")]
        pay: Option<i64>,
        /// The day it was paid [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", requires = "pay")]
        on: Option<String>,
        /// Write the register to this .xlsx for finance
        #[arg(long, value_name = "FILE.xlsx", conflicts_with = "pay")]
        xlsx: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Results headquarters sent (at a unit: received), with the answers and rulings
    Results {
        #[arg(long, value_name = "P")]
        period: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// At a unit: confirm results, or appeal one indicator with a reason
    Answer {
        /// The results' id (see `kpi results --json`)
        #[arg(long, value_name = "ID")]
        result: String,
        /// Appeal this indicator (its id) instead of confirming
        #[arg(long, value_name = "INDICATOR", requires = "reason")]
        appeal: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        /// A file supporting the appeal (up to five, 5 MB each)
        #[arg(long, value_name = "FILE", requires = "appeal")]
        evidence: Vec<PathBuf>,
    },
    /// Save a file supporting an appeal (see `kpi results --json`)
    Evidence {
        #[arg(long, value_name = "ID")]
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// At headquarters: rule on an appeal
    Rule {
        /// The appeal's response id (see `kpi results --json`)
        #[arg(long, value_name = "ID")]
        response: String,
        /// Uphold the appeal (default: refuse it)
        #[arg(long)]
        uphold: bool,
        #[arg(long)]
        comment: String,
    },
}

#[derive(Subcommand)]
pub enum SchemeCommand {
    /// Validate a scheme file and store it as the next version of its id
    Add { file: PathBuf },
    /// List the stored schemes (latest versions)
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum DataCommand {
    /// Import monthly figures from CSV or .xlsx (unit,period,metric,value): all rows or none
    Import { file: PathBuf },
}
