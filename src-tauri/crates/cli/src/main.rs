//! `branchdesk`: the command line. Every subcommand calls `branchdesk-app`, like the desktop:
//! `args` is what clap reads, `commands/<noun>.rs` what each subcommand does.

use std::process::ExitCode;

use branchdesk_domain::Lang;
use clap::Parser;

/// Prints a line to stdout, with any control or text-direction character in it (from a record
/// stored before such characters were refused) shown as �, so a name never moves the terminal's
/// cursor; a closed pipe (`branchdesk … | head`) ends the program quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        if let Err(e) = writeln!(std::io::stdout().lock(), "{}", branchdesk_domain::text::printable(&line)) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod args;
mod commands;

fn main() -> ExitCode {
    let lang = cli_lang();
    // Every argument is text a person gave: checked once, here, like the window's requests.
    let checked = std::env::args_os().skip(1).try_for_each(|a| {
        branchdesk_app::shared::input::check_chars(
            "argument",
            ("命令行参数", "argument"),
            &a.to_string_lossy(),
        )
    });
    let result = checked.and_then(|()| commands::run(args::Cli::parse(), lang));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let label = if lang == Lang::Zh { "错误" } else { "error" };
            let line = format!("{label}: {} [{}]", e.message(lang), e.code());
            eprintln!("{}", branchdesk_domain::text::printable(&line));
            ExitCode::FAILURE
        }
    }
}

/// Messages follow BRANCHDESK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG); Chinese unless
/// one of them asks for English.
fn cli_lang() -> Lang {
    ["BRANCHDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|v| Lang::from_tag(&v))
        .unwrap_or(Lang::Zh)
}
