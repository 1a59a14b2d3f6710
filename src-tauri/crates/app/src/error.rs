use std::path::PathBuf;

use branchdesk_domain::Lang;
use serde::Serialize;
use ts_rs::TS;

/// Every error the application layer reports. Each has a stable [`code`](AppError::code) for
/// programs and a [`message`](AppError::message) in the user's language that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{en}")]
    Invalid {
        field: &'static str,
        zh: String,
        en: String,
    },
    #[error("no place for the database: set BRANCHDESK_DB or pass --db")]
    NoDataDir,
    #[error("demo data set is broken: {0}")]
    Demo(String),
    #[error("cannot read {0}: {1}")]
    File(PathBuf, #[source] std::io::Error),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, #[source] std::io::Error),
    #[error("{0} is not a regular file")]
    NotAFile(PathBuf),
    #[error("{path} has {size} bytes; at most {max} are read")]
    TooLarge { path: PathBuf, size: u64, max: u64 },
    #[error("scheme file {0} cannot be read: {1}")]
    Scheme(PathBuf, String),
    #[error("the scheme has errors")]
    SchemeInvalid(Vec<branchdesk_kpi::Finding>),
    #[error("{} problems with the figures", .0.len())]
    Kpi(Vec<branchdesk_kpi::Problem>),
    #[error("{} cells are wrong", .0.len())]
    Cells(Vec<crate::shared::problems::CellError>),
    #[error("{} problems in the file", .0.len())]
    OrgFile(Vec<crate::shared::problems::FileProblem>),
    #[error("cannot write the export: {0}")]
    Export(String),
    #[error("{en}")]
    Sync {
        code: &'static str,
        zh: String,
        en: String,
    },
    #[error("{en}")]
    Backup {
        code: &'static str,
        zh: String,
        en: String,
    },
    #[error("{en}")]
    Auth {
        code: &'static str,
        zh: String,
        en: String,
    },
    /// A step that cannot be taken now: of the assessment cycle (publish, lock, reopen, pay) or
    /// of a follow-up (raise, report, close).
    #[error("{en}")]
    Cycle {
        code: &'static str,
        zh: String,
        en: String,
    },
    #[error(transparent)]
    Store(#[from] branchdesk_store::Error),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What the UI receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    /// Stable, for programs and tests: e.g. `db.newer_schema`, `input.invalid`.
    pub code: String,
    /// For people, in their language.
    pub message: String,
    /// The field an `input.invalid` error is about.
    #[ts(optional)]
    pub field: Option<String>,
    /// The grid cells a `kpi.cells` error is about.
    #[ts(optional)]
    pub cells: Option<Vec<crate::shared::problems::CellError>>,
    /// Every problem of an `org.file` error, with sheet, row and column.
    #[ts(optional)]
    pub problems: Option<Vec<crate::shared::problems::ProblemView>>,
}

impl AppError {
    /// A step that cannot be taken now (of the assessment cycle or a follow-up), by its code.
    pub fn step(code: &'static str, zh: String, en: String) -> Self {
        AppError::Cycle { code, zh, en }
    }

    pub fn invalid(field: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        AppError::Invalid {
            field,
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        use branchdesk_store::Error as S;
        match self {
            AppError::Invalid { .. } => "input.invalid",
            AppError::NoDataDir => "db.no_data_dir",
            AppError::Demo(_) => "demo.invalid",
            AppError::File(..) => "file.unreadable",
            AppError::NotAFile(_) => "file.not_regular",
            AppError::Write(_, e) if e.kind() == std::io::ErrorKind::StorageFull => {
                "file.disk_full"
            }
            AppError::Write(..) => "file.write",
            AppError::TooLarge { .. } => "file.too_large",
            AppError::Scheme(..) => "kpi.scheme_syntax",
            AppError::SchemeInvalid(_) => "kpi.scheme_invalid",
            AppError::Kpi(p) => p.first().map_or("kpi.data", |p| p.code),
            AppError::Cells(_) => "kpi.cells",
            AppError::OrgFile(_) => "org.file",
            AppError::Export(_) => "export.failed",
            AppError::Sync { code, .. }
            | AppError::Auth { code, .. }
            | AppError::Cycle { code, .. }
            | AppError::Backup { code, .. } => code,
            AppError::Store(e) => match e {
                S::AlreadyExists(_) => "db.exists",
                S::Missing(_) => "db.missing",
                S::NotBranchdesk(_) => "db.not_branchdesk",
                S::NewerSchema { .. } => "db.newer_schema",
                S::NotInitialised => "db.not_initialised",
                S::Duplicate(_) => "db.duplicate",
                S::NotFound(_) => "db.not_found",
                S::Io(..) => "db.io",
                S::Owned(_) => "sync.owned",
                S::SyncRefs(_) => "sync.missing_refs",
                S::SyncPayload(_) => "sync.payload",
                S::Refused(r) => r.code,
                S::InvalidValue(_) => "db.invalid_value",
                S::ReadOnly(_) => "db.read_only",
                S::DiskFull => "db.disk_full",
                S::Locked => "db.locked",
                S::Damaged(_) => "db.damaged",
                S::Encrypted(_) => "auth.encrypted",
                S::WrongKey => "auth.wrong_key",
                S::Closed(_) => "kpi.locked",
                S::Sqlite(_) => "db.internal",
            },
        }
    }

    /// A message for people, in `lang`, that says what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use branchdesk_store::Error as S;
        let zh = lang == Lang::Zh;
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            AppError::Invalid { zh: z, en, .. } => if zh { z.clone() } else { en.clone() },
            AppError::NoDataDir => pick(
                zh,
                "找不到存放数据库的目录。请设置环境变量 BRANCHDESK_DB 或使用 --db 指定数据库文件。".into(),
                "No folder for the database was found. Set BRANCHDESK_DB or pass --db FILE.".into(),
            ),
            AppError::Demo(why) => pick(
                zh,
                format!("演示数据有误：{why}。请重新安装程序。"),
                format!("The demo data set is broken: {why}. Reinstall the program."),
            ),
            AppError::File(p, err) => pick(
                zh,
                format!("无法读取文件 {}：{err}。请检查路径。", path(p)),
                format!("Cannot read {}: {err}. Check the path.", path(p)),
            ),
            AppError::Write(p, err) if err.kind() == std::io::ErrorKind::StorageFull => pick(
                zh,
                format!("磁盘（或U盘）已满，{} 未写入，也未记为已发送。请清理空间或换一个位置后重新导出。", path(p)),
                format!("The disk (or stick) is full: {} was not written, nor recorded as sent. Free some space or choose another place, then export again.", path(p)),
            ),
            AppError::Write(p, err) => pick(
                zh,
                format!("无法写入 {}：{err}。文件未写入，也未记为已发送；请检查该位置是否可写后重试。", path(p)),
                format!("Cannot write {}: {err}. Nothing was written or recorded as sent; check the place is writable and try again.", path(p)),
            ),
            AppError::NotAFile(p) => pick(
                zh,
                format!("{} 不是普通文件（可能是文件夹、管道或设备）。请选择要导入的文件本身。", path(p)),
                format!("{} is not a regular file (a folder, a pipe or a device). Choose the file itself.", path(p)),
            ),
            AppError::TooLarge { path: p, size, max } => pick(
                zh,
                format!("文件 {} 有 {} MB，超过允许的 {} MB，未读取。请确认选择的文件是否正确，或拆分后分别导入。", path(p), size >> 20, max >> 20),
                format!("{} has {} MB, more than the {} MB allowed; it was not read. Check it is the right file, or split it.", path(p), size >> 20, max >> 20),
            ),
            AppError::Scheme(p, err) => pick(
                zh,
                format!("考核方案文件 {} 格式有误：{err}", path(p)),
                format!("The scheme file {} is malformed: {err}", path(p)),
            ),
            AppError::SchemeInvalid(findings) => {
                let lines: Vec<&str> = findings.iter().map(|f| if zh { f.zh.as_str() } else { f.en.as_str() }).collect();
                pick(
                    zh,
                    format!("考核方案有错误，请先修正（可用 branchdesk kpi check 查看）：\n{}", lines.join("\n")),
                    format!("The scheme has errors; fix them first (see `branchdesk kpi check`):\n{}", lines.join("\n")),
                )
            }
            AppError::Kpi(problems) => {
                let lines: Vec<&str> = problems.iter().map(|p| if zh { p.zh.as_str() } else { p.en.as_str() }).collect();
                pick(
                    zh,
                    format!("考核数据有 {} 处问题，未计分：\n{}", lines.len(), lines.join("\n")),
                    format!("{} problems with the figures; nothing was scored:\n{}", lines.len(), lines.join("\n")),
                )
            }
            AppError::Cells(cells) => {
                let lines: Vec<String> = cells.iter().map(|c| format!("{} / {}: {}", c.unit, c.metric, c.message)).collect();
                pick(
                    zh,
                    format!("有 {} 个单元格填写有误，均未保存，请修改标红的单元格：\n{}", cells.len(), lines.join("\n")),
                    format!("{} cells are wrong and nothing was saved; fix the cells marked in red:\n{}", cells.len(), lines.join("\n")),
                )
            }
            AppError::OrgFile(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.line(lang)).collect();
                pick(
                    zh,
                    format!("文件有 {} 处问题，未导入任何数据。请逐条修改后重新导入：\n{}", lines.len(), lines.join("\n")),
                    format!("{} problems in the file; nothing was imported. Fix each and import again:\n{}", lines.len(), lines.join("\n")),
                )
            }
            AppError::Export(e) => pick(
                zh,
                format!("导出失败：{e}。"),
                format!("The export failed: {e}."),
            ),
            AppError::Sync { zh: z, en, .. }
            | AppError::Auth { zh: z, en, .. }
            | AppError::Cycle { zh: z, en, .. }
            | AppError::Backup { zh: z, en, .. } => {
                if zh {
                    z.clone()
                } else {
                    en.clone()
                }
            }
            AppError::Store(e) => match e {
                S::AlreadyExists(p) => pick(
                    zh,
                    format!("数据库已存在：{}。如要重新创建，请先移走该文件，或用 --db 指定新文件。", path(p)),
                    format!("A database already exists at {}. Move it away first, or choose another file with --db.", path(p)),
                ),
                S::Missing(p) => pick(
                    zh,
                    format!("找不到数据库：{}。请先运行 branchdesk init 创建（加 --demo 可载入演示数据）。", path(p)),
                    format!("No database at {}. Create one first with `branchdesk init` (add --demo for demo data).", path(p)),
                ),
                S::NotBranchdesk(p) => pick(
                    zh,
                    format!("{} 不是分支管理台的数据库。请检查文件路径。", path(p)),
                    format!("{} is not a Branchdesk database. Check the file path.", path(p)),
                ),
                S::NewerSchema { found, supported } => pick(
                    zh,
                    format!("该数据库由更新版本的分支管理台创建（结构版本 {found}，本程序支持到 {supported}）。请升级程序后再打开；文件未作任何改动。"),
                    format!("This database was written by a newer Branchdesk (schema {found}; this program supports up to {supported}). Upgrade the program to open it; the file was not changed."),
                ),
                S::NotInitialised => pick(
                    zh,
                    "数据库尚未初始化（缺少站点信息）。请用 branchdesk init 重新创建。".into(),
                    "The database was never initialised (no site identity). Create it again with `branchdesk init`.".into(),
                ),
                S::Duplicate(what) => pick(
                    zh,
                    format!("记录重复：{what}。请改用其他编码。"),
                    format!("Duplicate record: {what}. Use another code."),
                ),
                S::NotFound(what) => pick(zh, format!("未找到：{what}。"), format!("Not found: {what}.")),
                S::Io(p, err) => pick(
                    zh,
                    format!("无法读写文件 {}：{err}。请检查磁盘空间和权限。", path(p)),
                    format!("Cannot read or write {}: {err}. Check disk space and permissions.", path(p)),
                ),
                S::Owned(table) => pick(
                    zh,
                    format!("这条记录（{table}）来自另一站点，只有创建它的站点可以修改或删除。如需更正，请联系该单位；总部的意见请以批复或公告下发。"),
                    format!("This record ({table}) came from another site; only the site that created it can change or delete it. Ask that site to correct it."),
                ),
                S::SyncRefs(missing) => pick(
                    zh,
                    format!("同步包中的记录引用了本库没有的数据：{}。可能缺少更早的同步包，或发送方需导出完整同步包（--full）。已拒绝导入，数据库未作任何改动。", missing.join("；")),
                    format!("Records in the bundle refer to data this database does not have: {}. An earlier bundle may be missing, or the sender should export a full bundle (--full). Refused; nothing was changed.", missing.join("; ")),
                ),
                S::Refused(r) => pick(
                    zh,
                    format!("同步包中的{}不被接受：{}（规则 {}）。整个同步包已拒绝导入，数据库未作任何改动；请联系发送方核实。", r.record, r.zh, r.rule),
                    format!("{} in the bundle is not accepted: {} (rule {}). The whole bundle was refused and nothing was changed; check with the sender.", r.record, r.en, r.rule),
                ),
                S::SyncPayload(why) => pick(
                    zh,
                    format!("同步包内容格式有误（{why}）。已拒绝导入，数据库未作任何改动。"),
                    format!("The bundle's content is malformed ({why}). Refused; nothing was changed."),
                ),
                S::InvalidValue(col) => pick(
                    zh,
                    format!("{col} 不是有效的日期、月份、期间或年份（须为真实存在的日期，月份 01–12，年份 1900–2999），数据库未作任何改动（若来自同步包，整个同步包已拒绝导入）。"),
                    format!("{col} is not a valid date, month, period or year (a real day, months 01–12, years 1900–2999); nothing was saved, and a bundle carrying it was refused whole."),
                ),
                S::ReadOnly(what) => pick(
                    zh,
                    format!("数据库在只读位置（如光盘或写保护的U盘），只能查看，不能修改（{what}）。如需修改，请把数据库文件复制到本机硬盘后再打开。"),
                    format!("The database is on read-only media (a disc or a write-protected stick): it can be read, not changed ({what}). To change it, copy the file to this computer's disk and open the copy."),
                ),
                S::DiskFull => pick(
                    zh,
                    "磁盘已满，本次修改未保存，数据库保持原样。请清理磁盘空间后重试。".into(),
                    "The disk is full. This change was not saved and the database is as it was. Free some disk space and try again.".into(),
                ),
                S::Locked => pick(
                    zh,
                    "数据库正被另一个程序（如另一个分支管理台窗口或命令行）写入，等待后仍未释放。请关闭其他正在使用该数据库的程序后重试；本次未作任何改动。".into(),
                    "Another program (another Branchdesk window or the command line) is writing to the database and did not finish in time. Close the other program and try again; nothing was changed.".into(),
                ),
                S::Damaged(what) => pick(
                    zh,
                    format!("数据库文件已损坏（{what}），为防止损坏扩大，未打开。请先复制保存该文件，然后从最近的备份恢复；单位恢复后可请总部导出完整同步包补齐数据。"),
                    format!("The database file is damaged ({what}); it was not opened, so the damage cannot spread. Keep a copy of the file, then restore the latest backup; a unit can then ask headquarters for a full bundle."),
                ),
                S::Encrypted(p) => pick(
                    zh,
                    format!("数据库 {} 已加密，须登录后打开。请用 --user 指定工号并输入密码。", path(p)),
                    format!("The database {} is encrypted and opens only after signing in. Pass --user and your password.", path(p)),
                ),
                S::WrongKey => pick(
                    zh,
                    "密钥打不开此数据库：密钥文件或恢复密钥不属于这个数据库。".into(),
                    "The key does not open this database: the key file or recovery key belongs to another database.".into(),
                ),
                S::Closed(month) => pick(
                    zh,
                    format!("{month} 的考核数据所属期间的结果已发布并锁定，不能再修改；如需更正，请由总经理或总部重新开放该期间（说明理由）。数据库未作任何改动（若来自同步包，整个同步包已拒绝导入）。"),
                    format!("The figures of {month} belong to a period whose results are published and locked; they cannot change. To correct them, the general manager or headquarters reopens the period, giving a reason. Nothing was changed (a bundle carrying them was refused whole)."),
                ),
                S::Sqlite(err) => pick(
                    zh,
                    format!("数据库操作失败：{err}。数据未改动；如反复出现，请备份数据库文件后联系技术支持。"),
                    format!("A database operation failed: {err}. Nothing was changed; if this keeps happening, back up the database file and contact support."),
                ),
            },
        }
    }

    pub fn to_api(&self, lang: Lang) -> ApiError {
        ApiError {
            code: self.code().to_string(),
            message: self.message(lang),
            field: match self {
                AppError::Invalid { field, .. } => Some(field.to_string()),
                _ => None,
            },
            cells: match self {
                AppError::Cells(c) => Some(c.clone()),
                _ => None,
            },
            problems: match self {
                AppError::OrgFile(p) => Some(p.iter().map(|p| p.view(lang)).collect()),
                _ => None,
            },
        }
    }
}

fn pick(zh: bool, z: String, en: String) -> String {
    if zh {
        z
    } else {
        en
    }
}
