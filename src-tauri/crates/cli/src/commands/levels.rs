//! `branchdesk levels`: 销售人员职级 from a level table and a figures file, no database.

use branchdesk_app::levels::{funds_file, load_table, run_files};
use branchdesk_app::AppError;
use branchdesk_domain::{Label, Lang};

use super::to_json;
use crate::args::LevelsCommand;

pub(crate) fn run(cmd: LevelsCommand, lang: Lang) -> Result<(), AppError> {
    match cmd {
        LevelsCommand::Check { table } => {
            let (t, problems) = load_table(&table)?;
            for p in &problems {
                say!("{}", lang.pick(p.zh.clone(), p.en.clone()));
            }
            if !problems.is_empty() {
                return Err(AppError::invalid(
                    "table",
                    format!("职级表有 {} 处问题。", problems.len()),
                    format!("The level table has {} problems.", problems.len()),
                ));
            }
            say!(
                "{}{}",
                t.name,
                lang.pick(
                    format!("：{} 个职级，无问题", t.levels.len()),
                    format!(": {} levels, no problems", t.levels.len())
                )
            );
        }
        LevelsCommand::Run {
            table,
            data,
            from,
            to,
            explain,
            json,
        } => {
            let r = run_files(&table, &data, &from, &to)?;
            if json {
                say!("{}", to_json(&r)?);
                return Ok(());
            }
            say!("{} {} — {}", r.table, from, to);
            for p in &r.people {
                let path: Vec<&str> = p.months.iter().map(|m| m.level.as_str()).collect();
                say!("{} {}  {}", p.code, p.name, path.join(" "));
                for (m, month) in r.months.iter().zip(&p.months) {
                    for n in &month.notes {
                        if explain {
                            say!("    {}", lang.pick(n.zh.clone(), n.en.clone()));
                        } else if n.to.is_some() || n.event.as_str().ends_with("flagged") {
                            say!("    {m} {}", n.event.label(lang));
                        }
                    }
                }
            }
        }
        LevelsCommand::Funds { data, json } => {
            let r = funds_file(&data)?;
            if json {
                say!("{}", to_json(&r)?);
                return Ok(());
            }
            for (name, rows) in [
                (
                    lang.pick("客户交往活动基金", "Client relations fund"),
                    &r.client,
                ),
                (lang.pick("公司活动基金", "Activity fund"), &r.activity),
            ] {
                say!("{name}");
                say!(
                    "{}",
                    lang.pick(
                        "  月份      提取      使用      过期      余额  下月到期",
                        "  month  accrued      used   expired   balance  expiring"
                    )
                );
                for (m, f) in r.months.iter().zip(rows) {
                    say!(
                        "  {m} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
                        f.accrued,
                        f.used,
                        f.expired,
                        f.balance,
                        f.expiring_next
                    );
                }
            }
        }
    }
    Ok(())
}
