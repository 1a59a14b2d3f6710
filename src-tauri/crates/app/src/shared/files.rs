//! Files the program writes for people: exports, reports, bundles.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{AppError, Result};

/// Where exports go: `BRANCHDESK_EXPORT_DIR` if set, else the user's download folder, else
/// their home folder.
pub fn export_dir() -> PathBuf {
    std::env::var_os("BRANCHDESK_EXPORT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads a file a person picked or dropped: only a regular file (a pipe or a device would
/// never end), and only up to `max` bytes (checked before reading, and while reading in case
/// it grows).
pub fn read_input(path: &Path, max: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
    if !meta.is_file() {
        return Err(AppError::NotAFile(path.to_path_buf()));
    }
    if meta.len() > max {
        return Err(AppError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            max,
        });
    }
    let f = std::fs::File::open(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
    let mut out = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| AppError::File(path.to_path_buf(), e))?;
    if out.len() as u64 > max {
        return Err(AppError::TooLarge {
            path: path.to_path_buf(),
            size: out.len() as u64,
            max,
        });
    }
    Ok(out)
}

/// The largest spreadsheet or CSV file an import reads.
pub const MAX_SHEET_FILE: u64 = 64 << 20;

/// The folder `path` is in (`.` for a bare file name).
pub fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to `path` durably: into a temporary file beside it, synced, then renamed
/// over `path`, so a crash or a full disk never leaves a half-written file under its name.
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    write_durably_with(path, |f| f.write_all(bytes))
}

/// [`write_durably`] of what `fill` writes (a stream too large to hold in memory).
pub fn write_durably_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let dir = dir_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.part"));
    let fail = |e: std::io::Error| {
        let _ = std::fs::remove_file(&tmp);
        AppError::Write(path.to_path_buf(), e)
    };
    // Readable by its owner only (0600): exports hold people's names and figures.
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp).map_err(fail)?;
    fill(&mut f).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(fail)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `files` into `dir` without overwriting anything (adds " (2)" etc. to the name);
/// returns the paths written.
pub fn save_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::Write(dir.to_path_buf(), e))?;
    let mut out = Vec::new();
    for (name, bytes) in files {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut path = dir.join(name);
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem} ({n}).{ext}"));
            n += 1;
        }
        write_durably(&path, bytes)?;
        out.push(path);
    }
    Ok(out)
}

/// Saves one file into [`export_dir`]; returns its full path for the user.
pub fn save(name: String, bytes: Vec<u8>) -> Result<String> {
    let paths = save_files(&export_dir(), &[(name, bytes)])?;
    Ok(paths
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_default())
}
