//! `branchdesk users …`: accounts, passwords, the recovery key.

use branchdesk_app::users::{NewAccount, SignIn};
use branchdesk_app::{App, AppError, Ctx};
use branchdesk_domain::{Act, Label, Lang};

use super::{ask, to_json, Door, NEW_PASSWORD_ENV};
use crate::args::*;

pub(crate) fn run(cmd: UsersCommand, db: &Door) -> Result<(), AppError> {
    let zh = db.lang == Lang::Zh;
    match cmd {
        UsersCommand::Setup { admin, name } => {
            let password = db.new_password(super::PASSWORD_ENV)?;
            let mut app = App::set_up(
                &db.path,
                &NewAccount {
                    login: admin,
                    name: name.unwrap_or_default(),
                    password,
                    admin: true,
                    ..NewAccount::default()
                },
                Ctx::local(),
            )?;
            if zh {
                say!(
                    "已加密数据库 {}，管理员：{}",
                    db.path.display(),
                    app.ctx().operator()
                );
            } else {
                say!(
                    "Encrypted {}; administrator: {}",
                    db.path.display(),
                    app.ctx().operator()
                );
            }
            if let Some(key) = app.take_recovery_key() {
                print_recovery(&key, false, db.lang);
            }
        }
        UsersCommand::List { json } => {
            let list = db.open()?.users_list()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for a in &list {
                    let flags = [
                        (a.admin, if zh { "管理员" } else { "admin" }),
                        (a.hq_staff, if zh { "总部" } else { "HQ staff" }),
                        (
                            a.disabled_at.is_some(),
                            if zh { "已停用" } else { "disabled" },
                        ),
                    ];
                    let flags: Vec<&str> = flags.iter().filter(|f| f.0).map(|f| f.1).collect();
                    let grants: Vec<&str> = a.grants.iter().map(|g| g.label(db.lang)).collect();
                    say!(
                        "{}\t{}\t{}\t{}",
                        a.login,
                        a.name,
                        flags.join(","),
                        grants.join(",")
                    );
                }
            }
        }
        UsersCommand::Add {
            login,
            name,
            admin,
            hq_staff,
            grant,
        } => {
            let mut app = db.open()?;
            let grants = grant
                .iter()
                .map(|g| {
                    Act::parse(g).or_else(|| Act::from_label(g)).ok_or_else(|| {
                        let all: Vec<&str> = Act::ALL.iter().map(|a| a.as_str()).collect();
                        AppError::invalid(
                            "grant",
                            format!("不认识的授权“{g}”；可选：{}", all.join("、")),
                            format!("Unknown grant \"{g}\"; one of: {}", all.join(", ")),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let a = app.users_add(&NewAccount {
                login,
                name: name.unwrap_or_default(),
                password: db.new_password(NEW_PASSWORD_ENV)?,
                admin,
                hq_staff,
                grants,
            })?;
            if zh {
                say!("已添加账户 {}（{}）", a.login, a.name);
            } else {
                say!("Added {} ({})", a.login, a.name);
            }
        }
        UsersCommand::Disable { login } => {
            let a = db.open()?.users_disable(&login, true)?;
            say!(
                "{}",
                if zh {
                    format!("已停用 {}", a.login)
                } else {
                    format!("Disabled {}", a.login)
                }
            );
        }
        UsersCommand::Enable { login } => {
            let a = db.open()?.users_disable(&login, false)?;
            say!(
                "{}",
                if zh {
                    format!("已启用 {}（请用 reset 设置新密码）", a.login)
                } else {
                    format!("Enabled {} (give it a password with reset)", a.login)
                }
            );
        }
        UsersCommand::Reset { login } => {
            let mut app = db.open()?;
            let a = app.users_reset(&login, &db.new_password(NEW_PASSWORD_ENV)?)?;
            say!(
                "{}",
                if zh {
                    format!("已重置 {} 的密码", a.login)
                } else {
                    format!("Reset the password of {}", a.login)
                }
            );
        }
        UsersCommand::Passwd => {
            let mut app = db.open()?;
            let old = db.password(zh)?;
            app.users_change_password(&old, &db.new_password(NEW_PASSWORD_ENV)?)?;
            say!(
                "{}",
                if zh {
                    "密码已修改"
                } else {
                    "Password changed"
                }
            );
        }
        UsersCommand::Recover {
            login,
            recovery_key,
        } => {
            let key = match recovery_key {
                Some(k) => k,
                None => ask(if zh {
                    "恢复密钥："
                } else {
                    "Recovery key: "
                })?,
            };
            let app = App::recover(
                &db.path,
                &key,
                &SignIn {
                    login,
                    password: db.new_password(NEW_PASSWORD_ENV)?,
                },
                Ctx::local(),
            )?;
            say!(
                "{}",
                if zh {
                    format!("已为 {} 设置新密码", app.ctx().operator())
                } else {
                    format!("New password set for {}", app.ctx().operator())
                }
            );
        }
        UsersCommand::Log { limit, json } => {
            let log = db.open()?.users_log(limit)?;
            if json {
                say!("{}", to_json(&log)?);
            } else {
                for l in &log {
                    say!(
                        "{}\t{}\t{}\t{}\t{}",
                        l.at,
                        l.login,
                        l.event.label(db.lang),
                        l.by,
                        l.detail
                    );
                }
            }
        }
    }
    Ok(())
}

/// The recovery key, once, with what to do with it.
pub(crate) fn print_recovery(key: &str, demo: bool, lang: Lang) {
    if lang == Lang::Zh {
        say!("恢复密钥（只显示这一次，请打印后妥善保管；忘记所有密码或丢失密钥文件时凭它打开数据库）：");
        say!("  {key}");
        if demo {
            say!(
                "演示数据库的账户：各演示人员的工号，密码 {}",
                branchdesk_app::users::DEMO_PASSWORD
            );
        }
    } else {
        say!("Recovery key (shown only this once: print it and keep it safe; it opens the database if every password or the key file is lost):");
        say!("  {key}");
        if demo {
            say!(
                "Demo accounts: each demo person's 工号, password {}",
                branchdesk_app::users::DEMO_PASSWORD
            );
        }
    }
}
