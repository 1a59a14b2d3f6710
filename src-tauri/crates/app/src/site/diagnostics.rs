//! 设置 → 导出诊断信息: a zip for support with the recent logs, the versions, the schema and
//! how many rows each table has. No record: no name, title, figure or file name of the
//! database's contents (the logs hold none either, see `shared/log.rs`).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::backup::backup_dir;
use crate::shared::log::log_files;
use crate::{App, AppError, Result};

/// Log files put in the zip (the newest), and the most of each.
const LOGS: usize = 7;
const MAX_LOG: u64 = 8 << 20;

#[derive(Serialize)]
struct About {
    app_version: &'static str,
    os: &'static str,
    arch: &'static str,
    schema_version: i64,
    role: branchdesk_domain::Role,
    encrypted: bool,
    db_bytes: u64,
    wal_bytes: u64,
    rows: std::collections::BTreeMap<String, i64>,
    backups: usize,
    logs: Vec<String>,
}

impl App {
    /// Writes the diagnostics zip to `out` (durably, 0600).
    pub fn diagnostics_to(&self, out: &Path) -> Result<()> {
        let db = self.store.path();
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let logs = log_files(db);
        let recent = &logs[logs.len().saturating_sub(LOGS)..];
        let about = About {
            app_version: env!("CARGO_PKG_VERSION"),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            schema_version: self.store.schema_version()?,
            role: self.store.site()?.role,
            encrypted: self.key.is_some(),
            db_bytes: size(db),
            wal_bytes: size(Path::new(&format!("{}-wal", db.display()))),
            rows: self.store.table_rows()?,
            backups: std::fs::read_dir(backup_dir(db)).map_or(0, |d| d.count()),
            logs: recent
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect(),
        };
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let fail = |e: zip::result::ZipError| AppError::Export(format!("diagnostics: {e}"));
        zip.start_file("about.json", opts).map_err(fail)?;
        let json =
            serde_json::to_vec_pretty(&about).map_err(|e| AppError::Export(e.to_string()))?;
        zip.write_all(&json)
            .map_err(|e| AppError::Write(out.to_path_buf(), e))?;
        for p in recent {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = tail(p, MAX_LOG)?;
            zip.start_file(format!("logs/{name}"), opts).map_err(fail)?;
            zip.write_all(&bytes)
                .map_err(|e| AppError::Write(out.to_path_buf(), e))?;
        }
        let bytes = zip.finish().map_err(fail)?.into_inner();
        crate::shared::files::write_durably(out, &bytes)?;
        tracing::info!(
            bytes = bytes.len(),
            logs = recent.len(),
            "diagnostics written"
        );
        Ok(())
    }
}

/// The last `max` bytes of the file at `p` (a log that grew large keeps its newest lines).
fn tail(p: &Path, max: u64) -> Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(p).map_err(|e| AppError::File(p.to_path_buf(), e))?;
    let len = f
        .metadata()
        .map_err(|e| AppError::File(p.to_path_buf(), e))?
        .len();
    f.seek(SeekFrom::Start(len.saturating_sub(max)))
        .map_err(|e| AppError::File(p.to_path_buf(), e))?;
    let mut out = Vec::new();
    f.take(max)
        .read_to_end(&mut out)
        .map_err(|e| AppError::File(p.to_path_buf(), e))?;
    Ok(out)
}
