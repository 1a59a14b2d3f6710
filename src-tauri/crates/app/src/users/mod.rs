//! 用户: signing in, accounts, authority and signing acts.
//!
//! A database made by the front doors is encrypted (SQLCipher) with a random key, wrapped per
//! account by its password in the key file beside it (`keyring.rs`). Signing in unwraps the
//! key and opens the database as that account; its person's posts on the day decide what it
//! may do (`branchdesk_domain::RULES`, checked by [`App::require`]). Signing acts (签发,
//! approvals, finalising minutes) take the password again ([`App::confirm`]).
//!
//! An [`App`] opened without an account ([`App::open`] on a plain database, as tests and tools
//! do) has no session: every act is allowed. The CLI and the desktop shell never do that.
//!
//! Files: `keyring.rs` (the key file, recovery keys), `accounts.rs` (add, list, disable,
//! reset, change password), `session.rs` (sign in, recover, set up a plain database).

mod accounts;
pub mod keyring;
mod session;

use branchdesk_domain::{Account, Act, Actor, HeldPost, Label, Lang};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) use keyring::{path_of as key_file_of, Keyring};
pub use keyring::{DemoAccounts, DemoPerson};
pub use session::{DbState, SignIn};

use crate::{App, AppError, Result};

/// The password of every account of the demo database (shown on its sign-in screen only).
pub const DEMO_PASSWORD: &str = "zibo2016";

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

/// Who is signed in to an open database.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) account: Account,
    /// The password was typed again for the next signing act.
    pub(crate) confirmed: bool,
}

/// A new account.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewAccount {
    /// 工号 of a person, or a headquarters staff login.
    pub login: String,
    /// The person's name (taken from the organisation when empty and the 工号 is known).
    #[serde(default)]
    pub name: String,
    pub password: String,
    #[serde(default)]
    pub admin: bool,
    #[serde(default)]
    pub hq_staff: bool,
    #[serde(default)]
    pub grants: Vec<Act>,
}

pub(crate) fn auth(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Auth {
        code,
        zh: zh.into(),
        en: en.into(),
    }
}

pub(crate) fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::invalid(
            "password",
            format!("密码至少 {MIN_PASSWORD} 位。"),
            format!("A password has at least {MIN_PASSWORD} characters."),
        ));
    }
    Ok(())
}

impl App {
    /// The account signed in, if any.
    pub fn account(&self) -> Option<&Account> {
        self.session.as_ref().map(|s| &s.account)
    }

    /// The person at the keyboard as the rules see them today: their posts on the context's
    /// day, grants and flags. `None` without a session.
    pub fn actor(&self) -> Result<Option<Actor>> {
        let Some(s) = &self.session else {
            return Ok(None);
        };
        let a = &s.account;
        let today = self.ctx.today_str();
        let person = self.store.people()?.into_iter().find(|p| p.code == a.login);
        let mut posts = Vec::new();
        if let Some(p) = &person {
            let positions = self.store.positions(Some(&today))?;
            let units = self.store.units(Some(&today))?;
            for asg in self.store.assignments()? {
                if asg.person_id != p.id || !asg.holds_on(&today) {
                    continue;
                }
                if let Some(pos) = positions.iter().find(|x| x.id == asg.position_id) {
                    let unit = units
                        .iter()
                        .find(|u| u.id == pos.attrs.unit_id)
                        .map(|u| u.attrs.name.clone())
                        .unwrap_or_default();
                    posts.push(HeldPost {
                        title: pos.attrs.title.clone(),
                        unit,
                    });
                }
            }
        }
        Ok(Some(Actor {
            login: a.login.clone(),
            name: person.as_ref().map_or(a.name.clone(), |p| p.name.clone()),
            person_id: person.map(|p| p.id),
            posts,
            admin: a.admin,
            hq_staff: a.hq_staff,
            grants: a.grants.clone(),
        }))
    }

    /// Refuses `act` unless the person signed in may do it today; the refusal names the rule
    /// and who may do it instead. Always allowed without a session.
    pub fn require(&self, act: Act) -> Result<()> {
        let Some(actor) = self.actor()? else {
            return Ok(());
        };
        actor.may(act).map_err(|rule| {
            auth(
                "auth.forbidden",
                format!(
                    "{}须由{}登录后操作，当前用户：{}。",
                    act.label(Lang::Zh),
                    rule.zh,
                    actor.label()
                ),
                format!(
                    "Only {} may {}; signed in: {}.",
                    rule.en,
                    act.label(Lang::En),
                    actor.label()
                ),
            )
        })
    }

    /// [`App::require`] for a signing act: also takes the confirmation [`App::confirm`] gave.
    pub(crate) fn require_signed(&mut self, act: Act) -> Result<()> {
        self.require(act)?;
        match &mut self.session {
            None => Ok(()),
            Some(s) if s.confirmed => {
                s.confirmed = false;
                Ok(())
            }
            Some(_) => Err(auth(
                "auth.confirm_needed",
                "这是签字行为，请再次输入您的密码确认。",
                "This is a signing act: enter your password again to confirm it.",
            )),
        }
    }

    /// The person signed in and their posts, as an audit line names them ("韩立新（总经理）").
    pub fn signature(&self) -> Result<Option<String>> {
        Ok(self.actor()?.map(|a| a.label()))
    }
}

/// Why a front door does not open a plain database: it has no accounts yet.
pub fn plain_refusal(path: &std::path::Path) -> AppError {
    auth(
        "auth.plain",
        format!(
            "数据库 {} 尚未加密、没有账户。请由管理员先设置：branchdesk users setup --admin 工号（将加密数据库并创建管理员）。",
            path.display()
        ),
        format!(
            "The database {} is not encrypted and has no accounts. An administrator sets it up first: branchdesk users setup --admin LOGIN (encrypts it and creates the administrator).",
            path.display()
        ),
    )
}

/// Why a front door opens nothing without an account.
pub fn no_user_refusal() -> AppError {
    auth(
        "auth.no_user",
        "请用 --user 工号 指定登录账户（或设置环境变量 BRANCHDESK_USER）；没有账户不能打开数据库。",
        "Sign in with --user LOGIN (or set BRANCHDESK_USER); nothing opens without an account.",
    )
}

/// Why a use case cannot run in the window: it is locked, or nobody signed in.
pub fn signed_out(locked: bool) -> AppError {
    if locked {
        auth(
            "auth.locked",
            "窗口已锁定，请输入密码解锁。",
            "The window is locked: enter your password to unlock it.",
        )
    } else {
        auth("auth.signed_out", "请先登录。", "Sign in first.")
    }
}

/// What the window shows before and after signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DoorView {
    pub state: DbState,
    /// The person signed in, if any.
    #[ts(optional)]
    pub actor: Option<Actor>,
    /// Locked by this login.
    #[ts(optional)]
    pub locked: Option<String>,
    /// …who is this person, with their posts ("韩立新（总经理）").
    #[ts(optional)]
    pub locked_name: Option<String>,
}
