//! `branchdesk`: the command line. Every subcommand calls `branchdesk-app`, like the desktop:
//! `args` is what clap reads, `commands/<noun>.rs` what each subcommand does.

use std::process::ExitCode;

use branchdesk_domain::Lang;
use clap::Parser;

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

mod args;
mod commands;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let lang = cli_lang();
    match commands::run(cli, lang) {
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
