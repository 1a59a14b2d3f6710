//! What every desktop command shares: the open application behind a lock, running a use case
//! on it (or off the window's thread), and a picked file's bytes from the request body.

use std::path::PathBuf;
use std::sync::Mutex;

use branchdesk_app::{ApiError, App, AppError};
use branchdesk_domain::Lang;
use tauri::Manager;

/// The database file and, once someone signed in, the open application. Locking or signing
/// out drops the [`App`], and with it the database key.
pub struct Shell(pub Mutex<Door>);

pub struct Door {
    /// The database file, or why there is none (shown instead of a crash).
    pub path: Result<PathBuf, ApiError>,
    /// The application, while someone is signed in.
    pub app: Option<App>,
    /// Locked by this login: only they (or another account) sign in again.
    pub locked: Option<String>,
    /// The person who locked it, as the lock screen names them.
    pub locked_name: Option<String>,
    /// The language of messages while nobody is signed in.
    pub lang: Lang,
}

impl Shell {
    pub fn new(path: Result<PathBuf, ApiError>, lang: Lang) -> Shell {
        Shell(Mutex::new(Door {
            path,
            app: None,
            locked: None,
            locked_name: None,
            lang,
        }))
    }
}

pub type CmdResult<T> = Result<T, ApiError>;

fn internal() -> ApiError {
    ApiError {
        code: "app.internal".into(),
        message: "内部错误，请重新启动程序。 Internal error: restart the program.".into(),
        field: None,
        cells: None,
        problems: None,
    }
}

/// Runs `f` on the door itself (signing in, locking).
#[track_caller]
pub fn door<T>(shell: &Shell, f: impl FnOnce(&mut Door) -> Result<T, AppError>) -> CmdResult<T> {
    let at = std::panic::Location::caller();
    let mut guard = shell.0.lock().map_err(|_| internal())?;
    let lang = guard.app.as_ref().map_or(guard.lang, App::lang);
    f(&mut guard).map_err(|e| refused(at, &e, lang))
}

/// A command's refusal: logged with its code and the command's place in the source (never
/// its message, which may name people), then put in the user's language.
fn refused(at: &std::panic::Location<'_>, e: &AppError, lang: Lang) -> ApiError {
    tracing::warn!(command = %format_args!("{}:{}", at.file(), at.line()), code = e.code(), "refused");
    e.to_api(lang)
}

/// Runs a use case as the person signed in; without one, says the window is locked or that
/// nobody is signed in (the window then shows its sign-in screen).
#[track_caller]
pub fn with<T>(shell: &Shell, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> CmdResult<T> {
    let at = std::panic::Location::caller();
    let mut guard = shell.0.lock().map_err(|_| internal())?;
    let lang = guard.lang;
    let locked = guard.locked.is_some();
    let Some(app) = guard.app.as_mut() else {
        if let Err(e) = &guard.path {
            return Err(e.clone());
        }
        return Err(branchdesk_app::users::signed_out(locked).to_api(lang));
    };
    let lang = app.lang();
    f(app).map_err(|e| refused(at, &e, lang))
}

/// The error for a request that carries a control or text-direction character, if it does.
pub fn refused_text<R: tauri::Runtime>(invoke: &tauri::ipc::Invoke<R>) -> Option<ApiError> {
    let tauri::ipc::InvokeBody::Json(v) = invoke.message.payload() else {
        return None; // a picked file's raw bytes, checked by the import that reads them
    };
    let webview = invoke.message.webview();
    let shell = webview.state::<Shell>();
    let lang = shell
        .0
        .lock()
        .ok()
        .map(|g| g.app.as_ref().map_or(g.lang, App::lang))
        .unwrap_or_default();
    branchdesk_app::shared::input::check_request(v)
        .err()
        .map(|e| e.to_api(lang))
}

fn ipc_error() -> ApiError {
    ApiError {
        code: "app.ipc".into(),
        message: "文件未能传给程序，请重试。 The file did not reach the program; try again.".into(),
        field: None,
        cells: None,
        problems: None,
    }
}

/// The request's raw body (a JSON array of numbers would be several times the size and slow
/// to parse).
fn body(request: &tauri::ipc::Request<'_>) -> CmdResult<Vec<u8>> {
    match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => Ok(bytes.clone()),
        // Where the webview cannot post a raw body, Tauri sends the array as JSON.
        tauri::ipc::InvokeBody::Json(v) => {
            serde_json::from_value(v.clone()).map_err(|_| ipc_error())
        }
    }
}

/// A request header, URI-decoded.
pub fn header(request: &tauri::ipc::Request<'_>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
}

/// A picked file: its bytes are the request's raw body, its name the `x-file-name` header.
pub fn picked_file(request: &tauri::ipc::Request<'_>) -> CmdResult<(String, Vec<u8>)> {
    Ok((
        header(request, "x-file-name").unwrap_or_default(),
        body(request)?,
    ))
}

/// Several picked files in one raw body, one after the other: their URI-encoded names in the
/// `x-file-names` header separated by `/`, their sizes in `x-file-sizes` separated by commas.
pub fn picked_files(request: &tauri::ipc::Request<'_>) -> CmdResult<Vec<(String, Vec<u8>)>> {
    let bytes = body(request)?;
    let raw = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let names: Vec<String> = raw("x-file-names")
        .split('/')
        .filter(|n| !n.is_empty())
        .map(|n| {
            percent_encoding::percent_decode_str(n)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let sizes: Vec<usize> = raw("x-file-sizes")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| ipc_error()))
        .collect::<CmdResult<_>>()?;
    if names.len() != sizes.len() || sizes.iter().sum::<usize>() != bytes.len() {
        return Err(ipc_error());
    }
    let mut at = 0;
    Ok(names
        .into_iter()
        .zip(sizes)
        .map(|(name, n)| {
            let file = bytes[at..at + n].to_vec();
            at += n;
            (name, file)
        })
        .collect())
}

/// Runs `f` on a worker thread so the window keeps painting.
pub async fn blocking<T: Send + 'static>(
    handle: tauri::AppHandle,
    f: impl FnOnce(&mut App, &tauri::AppHandle) -> Result<T, AppError> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let shell = handle.state::<Shell>();
        with(&shell, |app| f(app, &handle))
    })
    .await
    .map_err(|e| ApiError {
        code: "app.internal".into(),
        message: format!("内部错误：{e}。 Internal error."),
        field: None,
        cells: None,
        problems: None,
    })?
}
