//! `branchdesk backup` and `branchdesk restore`.

use std::io::BufRead;
use std::path::Path;

use branchdesk_app::backup::{self, BackupFile, BackupInfo};
use branchdesk_app::{AppError, Ctx};
use branchdesk_domain::{Label, Lang, Role};

use super::{to_json, Door};
use crate::args::BackupArgs;

pub(crate) fn run(a: BackupArgs, db: &Door, lang: Lang) -> Result<(), AppError> {
    if let Some(file) = a.check {
        let f = backup::inspect(&file)?;
        return print_file(&f, a.json, lang);
    }
    let app = db.open()?;
    if a.list {
        let list = app.backups()?;
        if a.json {
            say!("{}", to_json(&list)?);
        } else {
            for f in &list.files {
                say!("{}\t{}\t{}", f.info.taken, size(f.bytes), f.path);
            }
        }
        return Ok(());
    }
    let made = match a.out {
        Some(out) => app.backup_to(&out)?,
        None => app.backup_now()?,
    };
    print_file(&made, a.json, lang)
}

pub(crate) fn restore(file: &Path, yes: bool, db: &Door, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    let f = backup::inspect(file)?;
    print_file(&f, false, lang)?;
    if !yes {
        say!(
            "{}",
            if zh {
                format!(
                    "将用此备份替换 {}（当前文件另存）。输入 yes 确认：",
                    db.path.display()
                )
            } else {
                format!("This backup will replace {} (the current file is kept aside). Type yes to go on:", db.path.display())
            }
        );
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| AppError::File("stdin".into(), e))?;
        if line.trim() != "yes" {
            return Err(AppError::invalid(
                "yes",
                "未确认，没有恢复任何内容。",
                "Not confirmed; nothing was restored.",
            ));
        }
    }
    let done = backup::restore(&db.path, file, Ctx::local().wall())?;
    if zh {
        say!("已从备份恢复 {}。", db.path.display());
        if let Some(a) = &done.kept_aside {
            say!("原数据库另存为 {a}");
        }
        say!("请用备份时的密码登录。");
    } else {
        say!("Restored {} from the backup.", db.path.display());
        if let Some(a) = &done.kept_aside {
            say!("The database it replaced was kept as {a}");
        }
        say!("Sign in with the passwords of the day the backup was taken.");
    }
    if done.info.role == Role::Unit {
        say!("{}", sync_advice(lang));
    }
    Ok(())
}

/// What a restored unit does next (README, 同步 step 7).
fn sync_advice(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        "如本单位已与总部同步：请总部导出本单位的完整同步包（同步对象 → 完整导出），导入后再发送同步包；备份之后已发给总部的内容仍在总部。"
    } else {
        "If this unit exchanges bundles with headquarters: ask headquarters for a full bundle (同步对象 → 完整导出), import it, then send again; what was sent after the backup is still at headquarters."
    }
}

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn print_file(f: &BackupFile, json: bool, lang: Lang) -> Result<(), AppError> {
    if json {
        say!("{}", to_json(f)?);
        return Ok(());
    }
    let i: &BackupInfo = &f.info;
    let c = &i.counts;
    let rows: [(&str, &str, String); 10] = [
        ("备份文件", "backup", f.path.clone()),
        ("备份时间", "taken", i.taken.clone()),
        (
            "站点",
            "site",
            format!("{}（{}）", i.site_name, i.role.label(lang)),
        ),
        ("结构版本", "schema version", i.schema_version.to_string()),
        ("单位", "units", c.units.to_string()),
        ("人员", "people", c.people.to_string()),
        ("会议", "meetings", c.meetings.to_string()),
        ("考核数据", "KPI figures", c.kpi_values.to_string()),
        ("记录总数", "rows", i.rows.to_string()),
        ("大小", "size", size(f.bytes)),
    ];
    for (zh, en, v) in rows {
        say!("{:<16}{v}", if lang == Lang::Zh { zh } else { en });
    }
    Ok(())
}
