//! Desktop commands of Search.
//! Each is one call into `branchdesk-app` through [`crate::shell::with`].

use branchdesk_app::search;

use crate::shell::{with, CmdResult, Shell};

#[tauri::command]
pub fn search(
    shell: tauri::State<'_, Shell>,
    query: String,
) -> CmdResult<Vec<search::SearchResult>> {
    with(&shell, |app| app.search(&query, 100))
}
