//! The Branchdesk desktop shell. Thin on purpose: each command (`commands/<noun>.rs`) locks the
//! application layer, calls one use case and turns its error into a code plus a message in the
//! user's language. `build.rs` reads the commands from those files: the handler list, the
//! permissions and the capability are generated from them, never kept by hand.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod shell;

use branchdesk_app::{Accounts, ApiError, App, Ctx, InitOptions};
use branchdesk_domain::Lang;

use shell::Shell;

/// The database file; the demo one is created the first time (its people sign in with the
/// demo password shown on the sign-in screen).
fn database(lang: Lang) -> Result<std::path::PathBuf, ApiError> {
    let path = branchdesk_app::default_db_path().map_err(|e| e.to_api(lang))?;
    if !path.exists() {
        App::init(
            &path,
            &InitOptions {
                demo: true,
                accounts: Accounts::Demo,
                ..InitOptions::default()
            },
            Ctx::local(),
        )
        .map_err(|e| e.to_api(lang))?;
    }
    Ok(path)
}

fn main() {
    let lang = std::env::var("LANG")
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    let db = database(lang);
    // Kept until the window closes: dropping it flushes the log.
    let _log = db
        .as_ref()
        .ok()
        .and_then(|p| branchdesk_app::shared::log::start(p, "desktop"));
    let shell = Shell::new(db, lang);
    let handler: Box<dyn Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync> =
        Box::new(commands::handler!());
    let result = tauri::Builder::default()
        .manage(shell)
        // Every text a command receives is checked once, here, before any use case sees it.
        .invoke_handler(move |invoke| match shell::refused_text(&invoke) {
            Some(e) => {
                invoke.resolver.reject(e);
                true
            }
            None => handler(invoke),
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("the window could not start");
        eprintln!("Branchdesk could not start its window: {e}");
        std::process::exit(1);
    }
}
