//! 设置 → 用户: administrators add, disable, enable and reset accounts; everyone changes their
//! own password. Each is logged with who did it.

use branchdesk_domain::{Account, AccountEvent, AccountLogLine, Act};

use super::keyring::Keyring;
use super::{auth, check_password, NewAccount};
use crate::shared::input::validate_name;
use crate::{App, AppError, Result};

impl App {
    /// Every account (administrators only).
    pub fn users_list(&self) -> Result<Vec<Account>> {
        self.require(Act::ManageUsers)?;
        Ok(self.store.accounts()?)
    }

    /// The account log, newest first (administrators only).
    pub fn users_log(&self, limit: usize) -> Result<Vec<AccountLogLine>> {
        self.require(Act::ManageUsers)?;
        Ok(self.store.account_log(limit.min(10_000))?)
    }

    /// Adds an account with its first password (administrators only).
    pub fn users_add(&mut self, new: &NewAccount) -> Result<Account> {
        self.require(Act::ManageUsers)?;
        check_password(&new.password)?;
        let login = new.login.trim();
        if self.store.account(login)?.is_some() {
            return Err(AppError::invalid(
                "login",
                format!("工号 {login} 已有账户。"),
                format!("{login} already has an account."),
            ));
        }
        let mut ring = self.ring()?;
        let key = self.db_key(&ring)?;
        let account = self.add_account_row(new, false)?;
        ring.put(login, &new.password, &key)?;
        ring.save(self.store.path())?;
        Ok(account)
    }

    /// Writes the account row (the key file is the caller's); `first` for the set-up's own
    /// administrator.
    pub(crate) fn add_account_row(&mut self, new: &NewAccount, first: bool) -> Result<Account> {
        let login = new.login.trim().to_string();
        validate_name("login", &login)?;
        if login.chars().count() > 64 {
            return Err(AppError::invalid(
                "login",
                "工号过长。",
                "The login is too long.",
            ));
        }
        let name = match new.name.trim() {
            "" => self
                .store
                .people()?
                .into_iter()
                .find(|p| p.code == login)
                .map(|p| p.name)
                .ok_or_else(|| {
                    AppError::invalid(
                        "name",
                        format!("人员名单中没有工号 {login}，请填写姓名。"),
                        format!("No person has the code {login}; give a name."),
                    )
                })?,
            n => n.to_string(),
        };
        validate_name("name", &name)?;
        let account = Account {
            id: branchdesk_store::new_id(),
            login: login.clone(),
            name,
            hq_staff: new.hq_staff,
            admin: new.admin || first,
            disabled_at: None,
            created_at: self.ctx.now(),
            created_by: self.ctx.operator().to_string(),
            grants: new.grants.clone(),
        };
        let line = AccountLogLine {
            at: self.ctx.now(),
            login,
            event: AccountEvent::Created,
            by: self.ctx.operator().to_string(),
            detail: if account.admin {
                "admin".into()
            } else {
                String::new()
            },
        };
        self.store.write(|w| -> Result<()> {
            w.put_account(&account)?;
            w.log_account(&line)?;
            Ok(())
        })?;
        Ok(account)
    }

    /// Disables (`true`) or enables an account (administrators only; not one's own). A disabled
    /// account's key wrap is removed, so its password opens nothing; enabling needs a reset.
    pub fn users_disable(&mut self, login: &str, disable: bool) -> Result<Account> {
        self.require(Act::ManageUsers)?;
        let mut a = self.known(login)?;
        if self.account().is_some_and(|me| me.login == a.login) {
            return Err(AppError::invalid(
                "login",
                "不能停用自己的账户。",
                "You cannot disable your own account.",
            ));
        }
        a.disabled_at = disable.then(|| self.ctx.now());
        if disable {
            let mut ring = self.ring()?;
            ring.remove(&a.login);
            ring.save(self.store.path())?;
        }
        self.log_and_put(
            &a,
            if disable {
                AccountEvent::Disabled
            } else {
                AccountEvent::Enabled
            },
        )?;
        Ok(a)
    }

    /// Gives an account a new password (administrators only), which its owner should change.
    pub fn users_reset(&mut self, login: &str, password: &str) -> Result<Account> {
        self.require(Act::ManageUsers)?;
        check_password(password)?;
        let a = self.known(login)?;
        let mut ring = self.ring()?;
        let key = self.db_key(&ring)?;
        ring.put(&a.login, password, &key)?;
        ring.failures.remove(&a.login);
        ring.save(self.store.path())?;
        self.log_and_put(&a, AccountEvent::Reset)?;
        Ok(a)
    }

    /// Changes the password of the account signed in; the old one must be given.
    pub fn users_change_password(&mut self, old: &str, new: &str) -> Result<()> {
        let Some(me) = self.account().cloned() else {
            return Err(auth(
                "auth.no_session",
                "没有登录的账户。",
                "No account is signed in.",
            ));
        };
        check_password(new)?;
        let mut ring = self.ring()?;
        let Some(key) = ring.open(&me.login, old)? else {
            return Err(auth(
                "auth.bad_password",
                "原密码不正确，密码未修改。",
                "The current password is wrong; nothing was changed.",
            ));
        };
        ring.put(&me.login, new, &key)?;
        ring.save(self.store.path())?;
        self.log_and_put(&me, AccountEvent::PasswordChanged)
    }

    fn known(&self, login: &str) -> Result<Account> {
        self.store.account(login.trim())?.ok_or_else(|| {
            AppError::invalid(
                "login",
                format!("没有工号 {login} 的账户。"),
                format!("There is no account {login}."),
            )
        })
    }

    fn log_and_put(&mut self, a: &Account, event: AccountEvent) -> Result<()> {
        let line = AccountLogLine {
            at: self.ctx.now(),
            login: a.login.clone(),
            event,
            by: self.ctx.operator().to_string(),
            detail: String::new(),
        };
        self.store.write(|w| -> Result<()> {
            w.put_account(a)?;
            w.log_account(&line)?;
            Ok(())
        })
    }

    fn ring(&self) -> Result<Keyring> {
        Keyring::load(self.store.path())?.ok_or_else(|| {
            auth(
                "auth.plain",
                "此数据库未加密、没有账户。请先设置管理员（branchdesk users setup）。",
                "This database is not encrypted and has no accounts. Set up an administrator first (branchdesk users setup).",
            )
        })
    }

    /// The key the database is open with.
    fn db_key(&self, ring: &Keyring) -> Result<branchdesk_store::DbKey> {
        let key = self.key.as_ref().ok_or_else(|| {
            auth(
                "auth.plain",
                "此数据库未加密。",
                "This database is not encrypted.",
            )
        })?;
        let copy = branchdesk_store::DbKey::from_bytes(*key.bytes());
        if !ring.is_key(&copy) {
            return Err(auth(
                "auth.keyfile",
                "密钥文件与数据库不符。",
                "The key file does not belong to this database.",
            ));
        }
        Ok(copy)
    }
}

impl App {
    /// The accounts of a new encrypted database and its key file; keeps the recovery key for
    /// [`App::take_recovery_key`].
    pub(crate) fn first_accounts(&mut self, accounts: &crate::site::Accounts) -> Result<()> {
        use super::keyring::{recovery_text, DemoAccounts, DemoPerson};
        use crate::site::Accounts;
        let Some(key) = &self.key else {
            return Ok(());
        };
        let key = branchdesk_store::DbKey::from_bytes(*key.bytes());
        let mut ring = Keyring::new(&key);
        match accounts {
            Accounts::None => return Ok(()),
            Accounts::Admin(a) => {
                self.add_account_row(a, true)?;
                ring.put(a.login.trim(), &a.password, &key)?;
            }
            Accounts::Demo => {
                let hq = self.store.site()?.role == branchdesk_domain::Role::Hq;
                let today = self.ctx.today_str();
                let positions = self.store.positions(Some(&today))?;
                let assignments = self.store.assignments()?;
                let mut people = Vec::new();
                let mut logins = Vec::new();
                for p in self.store.people()? {
                    let titles: Vec<String> = assignments
                        .iter()
                        .filter(|a| a.person_id == p.id && a.holds_on(&today))
                        .filter_map(|a| positions.iter().find(|x| x.id == a.position_id))
                        .map(|x| x.attrs.title.clone())
                        .collect();
                    if titles.is_empty() {
                        continue;
                    }
                    let new = NewAccount {
                        login: p.code.clone(),
                        name: p.name.clone(),
                        password: super::DEMO_PASSWORD.into(),
                        admin: titles.iter().any(|t| t == "办公室主任"),
                        hq_staff: hq,
                        grants: Vec::new(),
                    };
                    self.add_account_row(&new, false)?;
                    logins.push(new.login);
                    people.push(DemoPerson {
                        login: p.code,
                        name: p.name,
                        post: titles.join("、"),
                    });
                }
                let logins: Vec<&str> = logins.iter().map(String::as_str).collect();
                ring.put_all(&logins, super::DEMO_PASSWORD, &key)?;
                // The sign-in screen offers one person per post (the first by 工号): every
                // role once, not every sub-branch's manager.
                people.sort_by(|a, b| a.login.cmp(&b.login));
                let mut seen = std::collections::BTreeSet::new();
                people.retain(|p| seen.insert(p.post.clone()));
                ring.demo = Some(DemoAccounts {
                    password: super::DEMO_PASSWORD.into(),
                    people,
                });
            }
        }
        ring.save(self.store.path())?;
        self.recovery = Some(recovery_text(&key));
        Ok(())
    }
}
