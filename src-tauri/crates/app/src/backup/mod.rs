//! 备份与恢复: copies of the whole database that people make, keep and restore.
//!
//! A backup file (`.bdbak`) is the 8 bytes `BDKBAK01`, the manifest's length (u32,
//! little-endian), the manifest (JSON: when, which site, schema, counts, the key file, and the
//! SHA-256 and length of what follows) and then the database copy itself: a `VACUUM INTO` copy,
//! encrypted with the database's key as the database is, checked (`integrity_check`, rows per
//! table) before it is packed. So a backup opens with the passwords (or the recovery key) that
//! opened the database when it was taken, and holds nothing readable without them; the
//! manifest holds counts and the site's name, no person's data.
//!
//! Restoring checks everything (format, schema, length, SHA-256, the key file) before it
//! touches the database; then the current file (with its write-ahead log and key file) is
//! kept aside as `<db>.before-restore-<time>` and the copy takes its place.
//!
//! Automatic backups: one a day, at the first sign-in of the day, into `backups/` beside the
//! database, thinned by [`branchdesk_domain::backup::kept`] (7 daily and 4 weekly by default,
//! 设置 → 备份与恢复).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use branchdesk_domain::backup::{kept, Retention};
use branchdesk_domain::{Counts, Role};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::shared::files::{dir_of, write_durably_with};
use crate::users::{key_file_of, Keyring};
use crate::{App, AppError, Result};

const MAGIC: &[u8; 8] = b"BDKBAK01";
/// The largest manifest read (it holds a key file of at most 1 MiB).
const MAX_MANIFEST: u32 = 2 << 20;
const FORMAT: u32 = 1;
/// Automatic backups are named `branchdesk-YYYYMMDD-HHMMSS.bdbak`.
const AUTO_PREFIX: &str = "branchdesk-";
const AUTO_STAMP: &str = "%Y%m%d-%H%M%S";
pub const EXTENSION: &str = "bdbak";

const KEY_DAILY: &str = "backup.keep_daily";
const KEY_WEEKLY: &str = "backup.keep_weekly";

/// What a backup holds, as its manifest says (shown before anything is restored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// When it was taken, the computer's local time (`YYYY-MM-DD HH:MM:SS`).
    pub taken: String,
    /// The Branchdesk version that took it.
    pub app_version: String,
    pub site_name: String,
    pub role: Role,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub counts: Counts,
    /// Rows in all tables of the copy.
    #[ts(type = "number")]
    pub rows: i64,
    /// The database copy's size in bytes.
    #[ts(type = "number")]
    pub db_bytes: u64,
    /// Encrypted with the database's key (opens with the passwords of the day it was taken).
    pub encrypted: bool,
}

/// A backup file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub info: BackupInfo,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Restored {
    pub info: BackupInfo,
    /// Where the database that was replaced was kept.
    #[ts(optional)]
    pub kept_aside: Option<String>,
}

/// The automatic backups of 设置 → 备份与恢复.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupList {
    pub dir: String,
    pub retention: Retention,
    /// Newest first.
    pub files: Vec<BackupFile>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    #[serde(flatten)]
    info: BackupInfo,
    sha256: String,
    /// The key file beside the database, as it was (JSON), if the database is encrypted.
    keys: Option<String>,
}

fn refusal(code: &'static str, zh: String, en: String) -> AppError {
    AppError::Backup { code, zh, en }
}

fn not_a_backup(path: &Path) -> AppError {
    refusal(
        "backup.not_backup",
        format!(
            "{} 不是分支管理台的备份文件。请选择以 .{EXTENSION} 结尾、由“备份”生成的文件。",
            path.display()
        ),
        format!(
            "{} is not a Branchdesk backup. Choose a .{EXTENSION} file made by Backup.",
            path.display()
        ),
    )
}

/// `why` in Chinese and English: "校验值不符 / checksum".
fn damaged(path: &Path, why: &str) -> AppError {
    let (zh, en) = why.split_once(" / ").unwrap_or((why, why));
    refusal(
        "backup.damaged",
        format!("备份文件 {} 已损坏（{zh}），没有用它恢复任何内容。请换一个较早的备份。", path.display()),
        format!("The backup {} is damaged ({en}); nothing was restored from it. Choose an earlier backup.", path.display()),
    )
}

/// The backups folder beside the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    dir_of(db).join("backups")
}

/// When an automatic backup named `name` was taken.
fn auto_stamp(name: &str) -> Option<NaiveDateTime> {
    let stamp = name
        .strip_prefix(AUTO_PREFIX)?
        .strip_suffix(&format!(".{EXTENSION}"))?;
    NaiveDateTime::parse_from_str(stamp, AUTO_STAMP).ok()
}

impl App {
    /// The retention of automatic backups (设置).
    pub fn backup_retention(&self) -> Result<Retention> {
        let get = |k: &str, default: u32| -> Result<u32> {
            Ok(self
                .store
                .setting(k)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        let d = Retention::default();
        Ok(Retention {
            daily: get(KEY_DAILY, d.daily)?,
            weekly: get(KEY_WEEKLY, d.weekly)?,
        })
    }

    /// Sets how many automatic backups are kept: 1–60 daily, 0–52 weekly.
    pub fn set_backup_retention(&mut self, r: Retention) -> Result<Retention> {
        if !(1..=60).contains(&r.daily) {
            return Err(AppError::invalid(
                "daily",
                "每日备份应保留1到60份。",
                "Keep 1 to 60 daily backups.",
            ));
        }
        if r.weekly > 52 {
            return Err(AppError::invalid(
                "weekly",
                "每周备份最多保留52份。",
                "Keep at most 52 weekly backups.",
            ));
        }
        self.require(branchdesk_domain::Act::RestoreBackup)?;
        self.store.write(|w| -> Result<()> {
            w.set_setting(KEY_DAILY, &r.daily.to_string())?;
            w.set_setting(KEY_WEEKLY, &r.weekly.to_string())?;
            Ok(())
        })?;
        self.backup_retention()
    }

    /// Writes a backup of the open database to `out` (replacing a file there only once the
    /// new one is complete), checks it by reading it back, and says what it holds.
    pub fn backup_to(&self, out: &Path) -> Result<BackupFile> {
        let dir = dir_of(out);
        std::fs::create_dir_all(dir).map_err(|e| AppError::Write(dir.to_path_buf(), e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let started = std::time::Instant::now();
        let copy = dir.join(format!(".{name}.db-part"));
        let _ = std::fs::remove_file(&copy);
        let facts = self.store.copy_to(&copy, self.key.as_ref())?;
        let written = self.pack(&copy, out, facts);
        let _ = std::fs::remove_file(&copy);
        written?;
        let made = inspect(out)?;
        tracing::info!(
            bytes = made.bytes,
            rows = made.info.rows,
            ms = started.elapsed().as_millis() as u64,
            "backup written and checked"
        );
        Ok(made)
    }

    fn pack(&self, copy: &Path, out: &Path, facts: branchdesk_store::CopyFacts) -> Result<()> {
        let site = self.store.site()?;
        let db_bytes = std::fs::metadata(copy)
            .map_err(|e| AppError::File(copy.to_path_buf(), e))?
            .len();
        let mut hash = Sha256::new();
        let mut f = std::fs::File::open(copy).map_err(|e| AppError::File(copy.to_path_buf(), e))?;
        std::io::copy(&mut f, &mut hash).map_err(|e| AppError::File(copy.to_path_buf(), e))?;
        let keys = match Keyring::load(self.store.path())? {
            Some(k) => Some(
                serde_json::to_string(&k)
                    .map_err(|e| AppError::Export(format!("key file: {e}")))?,
            ),
            None => None,
        };
        let manifest = Manifest {
            format: FORMAT,
            info: BackupInfo {
                taken: self.ctx.wall().format("%Y-%m-%d %H:%M:%S").to_string(),
                app_version: env!("CARGO_PKG_VERSION").into(),
                site_name: site.name,
                role: site.role,
                schema_version: facts.schema_version,
                counts: self.store.counts()?,
                rows: facts.total_rows(),
                db_bytes,
                encrypted: self.key.is_some(),
            },
            sha256: hex(&hash.finalize()),
            keys,
        };
        let json = serde_json::to_vec(&manifest).map_err(|e| AppError::Export(e.to_string()))?;
        let mut f = std::fs::File::open(copy).map_err(|e| AppError::File(copy.to_path_buf(), e))?;
        write_durably_with(out, |w| {
            w.write_all(MAGIC)?;
            w.write_all(&(json.len() as u32).to_le_bytes())?;
            w.write_all(&json)?;
            std::io::copy(&mut f, w).map(drop)
        })
    }

    /// Today's automatic backup, unless there is one already (by the computer's clock); then
    /// thins the folder by the retention rule. Returns the backup made, if any.
    pub fn backup_auto(&self) -> Result<Option<BackupFile>> {
        let now = self.ctx.wall();
        let dir = backup_dir(self.store.path());
        let today = now.date();
        if auto_files(&dir)?.iter().any(|(_, t)| t.date() == today) {
            return Ok(None);
        }
        let made = self.backup_now()?;
        Ok(Some(made))
    }

    /// A backup into the backups folder now (automatic name), then the folder thinned.
    pub fn backup_now(&self) -> Result<BackupFile> {
        let dir = backup_dir(self.store.path());
        let name = format!(
            "{AUTO_PREFIX}{}.{EXTENSION}",
            self.ctx.wall().format(AUTO_STAMP)
        );
        let made = self.backup_to(&dir.join(name))?;
        let files = auto_files(&dir)?;
        let stamps: Vec<NaiveDateTime> = files.iter().map(|(_, t)| *t).collect();
        for ((path, _), keep) in files.iter().zip(kept(&stamps, self.backup_retention()?)) {
            if !keep && path.to_string_lossy() != made.path {
                std::fs::remove_file(path).map_err(|e| AppError::Write(path.clone(), e))?;
            }
        }
        Ok(made)
    }

    /// The automatic backups, newest first (what their manifests say; a file that cannot be
    /// read is left out of the list, not deleted).
    pub fn backups(&self) -> Result<BackupList> {
        let dir = backup_dir(self.store.path());
        let mut files: Vec<BackupFile> = auto_files(&dir)?
            .into_iter()
            .rev()
            .filter_map(|(p, _)| {
                let (m, _) = read_manifest(&p).ok()?;
                let bytes = std::fs::metadata(&p).ok()?.len();
                Some(BackupFile {
                    path: p.display().to_string(),
                    bytes,
                    info: m.info,
                })
            })
            .collect();
        files.sort_by(|a, b| b.info.taken.cmp(&a.info.taken));
        Ok(BackupList {
            dir: dir.display().to_string(),
            retention: self.backup_retention()?,
            files,
        })
    }

    /// The window's restore: an administrator, with the password typed again. The caller
    /// closes this `App` and calls [`restore`].
    pub fn may_restore(&mut self) -> Result<()> {
        self.require_signed(branchdesk_domain::Act::RestoreBackup)
    }
}

/// The automatic backups in `dir`, oldest first, with when each was taken.
fn auto_files(dir: &Path) -> Result<Vec<(PathBuf, NaiveDateTime)>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<(PathBuf, NaiveDateTime)> = entries
        .filter_map(|e| {
            let p = e.ok()?.path();
            let t = auto_stamp(p.file_name()?.to_str()?)?;
            p.is_file().then_some((p, t))
        })
        .collect();
    out.sort_by_key(|(_, t)| *t);
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest of the backup at `path` and the offset of the database copy.
fn read_manifest(path: &Path) -> Result<(Manifest, u64)> {
    let meta = std::fs::metadata(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
    if !meta.is_file() {
        return Err(AppError::NotAFile(path.to_path_buf()));
    }
    let mut f = std::fs::File::open(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
    let mut head = [0u8; 12];
    if f.read_exact(&mut head).is_err() || &head[..8] != MAGIC {
        return Err(not_a_backup(path));
    }
    let len = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if len > MAX_MANIFEST || u64::from(len) + 12 > meta.len() {
        return Err(damaged(path, "清单长度不符 / manifest length"));
    }
    let mut json = vec![0u8; len as usize];
    f.read_exact(&mut json)
        .map_err(|e| AppError::File(path.to_path_buf(), e))?;
    let m: Manifest = serde_json::from_slice(&json)
        .map_err(|_| damaged(path, "清单无法读取 / manifest unreadable"))?;
    if m.format != FORMAT {
        return Err(damaged(path, &format!("格式 {0} / format {0}", m.format)));
    }
    Ok((m, 12 + u64::from(len)))
}

/// Streams the database copy of the backup at `path` (after its manifest) into `sink`, and
/// checks its length and SHA-256 against the manifest.
fn read_copy(path: &Path, m: &Manifest, offset: u64, sink: &mut impl Write) -> Result<()> {
    use std::io::Seek;
    let mut f = std::fs::File::open(path).map_err(|e| AppError::File(path.to_path_buf(), e))?;
    f.seek(std::io::SeekFrom::Start(offset))
        .map_err(|e| AppError::File(path.to_path_buf(), e))?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut n: u64 = 0;
    loop {
        let k = f
            .read(&mut buf)
            .map_err(|e| AppError::File(path.to_path_buf(), e))?;
        if k == 0 {
            break;
        }
        n += k as u64;
        if n > m.info.db_bytes {
            return Err(damaged(path, "长度不符 / length"));
        }
        hash.update(&buf[..k]);
        sink.write_all(&buf[..k])
            .map_err(|e| AppError::Write(path.to_path_buf(), e))?;
    }
    if n != m.info.db_bytes {
        return Err(damaged(path, "文件不完整 / truncated"));
    }
    if hex(&hash.finalize()) != m.sha256 {
        return Err(damaged(path, "校验值不符 / checksum"));
    }
    Ok(())
}

/// Reads the whole backup at `path` and checks it (format, length, SHA-256, key file, not
/// from a newer Branchdesk); says what it holds. Nothing is written.
pub fn inspect(path: &Path) -> Result<BackupFile> {
    let (m, offset) = read_manifest(path)?;
    read_copy(path, &m, offset, &mut std::io::sink())?;
    check_manifest(path, &m)?;
    Ok(BackupFile {
        path: path.display().to_string(),
        bytes: std::fs::metadata(path)
            .map_err(|e| AppError::File(path.to_path_buf(), e))?
            .len(),
        info: m.info,
    })
}

fn check_manifest(path: &Path, m: &Manifest) -> Result<Option<Keyring>> {
    if m.info.schema_version > branchdesk_store::SCHEMA_VERSION {
        return Err(branchdesk_store::Error::NewerSchema {
            found: m.info.schema_version,
            supported: branchdesk_store::SCHEMA_VERSION,
        }
        .into());
    }
    match (&m.keys, m.info.encrypted) {
        (Some(k), true) => Keyring::parse(k.as_bytes(), path).map(Some),
        (None, false) => Ok(None),
        _ => Err(damaged(path, "密钥文件不符 / key file")),
    }
}

/// Replaces the database at `db` with the backup at `file`, after checking all of it. The
/// current database (with its write-ahead log and key file) is kept aside as
/// `<db>.before-restore-<at>`. The database must not be open in this process; another
/// program that has it open keeps writing into the file kept aside.
pub fn restore(db: &Path, file: &Path, at: NaiveDateTime) -> Result<Restored> {
    let (m, offset) = read_manifest(file)?;
    let keys = check_manifest(file, &m)?;
    let dir = dir_of(db);
    std::fs::create_dir_all(dir).map_err(|e| AppError::Write(dir.to_path_buf(), e))?;
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.restoring"));
    let _ = std::fs::remove_file(&tmp);
    let unpack = || -> Result<()> {
        let mut refused = None;
        let written = write_durably_with(&tmp, |f| {
            read_copy(file, &m, offset, f).map_err(|e| {
                refused = Some(e);
                std::io::Error::other("backup")
            })
        });
        if let Some(e) = refused {
            return Err(e);
        }
        written?;
        if m.info.encrypted {
            if !branchdesk_store::is_encrypted(&tmp)? {
                return Err(damaged(file, "未加密 / not encrypted"));
            }
        } else {
            branchdesk_store::check_copy(&tmp, None)?;
        }
        Ok(())
    };
    if let Err(e) = unpack() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let kept_aside = if db.exists() {
        let aside = PathBuf::from(format!(
            "{}.before-restore-{}",
            db.display(),
            at.format("%Y%m%d-%H%M%S")
        ));
        let side = |from: &Path, to: &Path| -> Result<()> {
            if from.exists() {
                std::fs::rename(from, to).map_err(|e| AppError::Write(to.to_path_buf(), e))?;
            }
            Ok(())
        };
        side(db, &aside)?;
        for suffix in ["-wal", "-shm"] {
            side(
                &PathBuf::from(format!("{}{suffix}", db.display())),
                &PathBuf::from(format!("{}{suffix}", aside.display())),
            )?;
        }
        side(&key_file_of(db), &key_file_of(&aside))?;
        Some(aside.display().to_string())
    } else {
        None
    };
    std::fs::rename(&tmp, db).map_err(|e| AppError::Write(db.to_path_buf(), e))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    if let Some(k) = keys {
        k.save(db)?;
    }
    tracing::info!(
        bytes = m.info.db_bytes,
        rows = m.info.rows,
        kept_aside = kept_aside.is_some(),
        "database restored from a backup"
    );
    Ok(Restored {
        info: m.info,
        kept_aside,
    })
}
