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

/// A name that stays a file in the folder it is saved in, whatever it was given (a record
/// from another site may name `../../.bashrc`): no path separators or characters file systems
/// refuse (each becomes "-"), no control characters, not hidden, at most 120 characters.
pub fn safe_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    let clean: String = clean.chars().take(120).collect();
    if clean.is_empty() {
        "file".into()
    } else {
        clean
    }
}

/// Writes `files` into `dir` without overwriting anything (adds " (2)" etc. to the name);
/// returns the paths written. Names are made [`safe_name`]s.
pub fn save_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::Write(dir.to_path_buf(), e))?;
    let mut out = Vec::new();
    for (name, bytes) in files {
        let name = &safe_name(name);
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

#[cfg(test)]
mod safe_name_tests {
    use super::*;

    #[test]
    fn a_hostile_name_stays_a_file_in_the_folder() {
        assert_eq!(safe_name("../../.bashrc"), "-..-.bashrc");
        assert_eq!(
            safe_name("C:\\Windows\\system.ini"),
            "C--Windows-system.ini"
        );
        assert_eq!(safe_name(".."), "file");
        assert_eq!(safe_name("关于A/B岗位的通知.pdf"), "关于A-B岗位的通知.pdf");
        assert_eq!(safe_name("a:b*c?.pdf"), "a-b-c-.pdf");
        assert_eq!(safe_name("调整表\u{0}\u{1b}.xlsx"), "调整表.xlsx");
        assert_eq!(
            safe_name("公文-淄人保发〔2016〕63号.pdf"),
            "公文-淄人保发〔2016〕63号.pdf"
        );
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("out");
        let paths = save_files(&inner, &[("../../escape.txt".into(), b"x".to_vec())]).unwrap();
        assert_eq!(paths[0], inner.join("-..-escape.txt"));
        assert!(!dir.path().join("escape.txt").exists());
    }
}
