//! Accounts, their grants and their log (`account`, `account_grant`, `account_log`).

use std::borrow::Borrow;

use branchdesk_domain::{Account, AccountEvent, AccountLogLine, Act};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::{Reader, Result, Writer};

const COLS: &str = "id, login, name, hq_staff, admin, disabled_at, created_at, created_by";

fn account(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        hq_staff: r.get(3)?,
        admin: r.get(4)?,
        disabled_at: r.get(5)?,
        created_at: r.get(6)?,
        created_by: r.get(7)?,
        grants: Vec::new(),
    })
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Every account, by login, with its grants.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLS} FROM account ORDER BY login"))?;
        let mut out: Vec<Account> = stmt
            .query_map([], account)?
            .collect::<rusqlite::Result<_>>()?;
        for a in &mut out {
            a.grants = self.grants(&a.id)?;
        }
        Ok(out)
    }

    /// The account with this login, with its grants.
    pub fn account(&self, login: &str) -> Result<Option<Account>> {
        let a = self
            .conn()
            .query_row(
                &format!("SELECT {COLS} FROM account WHERE login = ?1"),
                [login],
                account,
            )
            .optional()?;
        match a {
            Some(mut a) => {
                a.grants = self.grants(&a.id)?;
                Ok(Some(a))
            }
            None => Ok(None),
        }
    }

    fn grants(&self, id: &str) -> Result<Vec<Act>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT act FROM account_grant WHERE account_id = ?1 ORDER BY act")?;
        let names: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names.iter().filter_map(|n| Act::parse(n)).collect())
    }

    /// The account log, newest first.
    pub fn account_log(&self, limit: usize) -> Result<Vec<AccountLogLine>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, login, event, by, detail FROM account_log ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                let event: String = r.get(2)?;
                Ok(AccountLogLine {
                    at: r.get(0)?,
                    login: r.get(1)?,
                    event: AccountEvent::parse(&event).unwrap_or(AccountEvent::Changed),
                    by: r.get(3)?,
                    detail: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    /// Adds or updates an account (by id) and replaces its grants.
    pub fn put_account(&self, a: &Account) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO account ({COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   hq_staff = excluded.hq_staff, admin = excluded.admin,
                   disabled_at = excluded.disabled_at"
            ),
            params![
                a.id,
                a.login,
                a.name,
                a.hq_staff,
                a.admin,
                a.disabled_at,
                a.created_at,
                a.created_by
            ],
        )?;
        self.tx
            .execute("DELETE FROM account_grant WHERE account_id = ?1", [&a.id])?;
        for g in &a.grants {
            self.tx.execute(
                "INSERT INTO account_grant (account_id, act) VALUES (?1, ?2)",
                params![a.id, g.as_str()],
            )?;
        }
        Ok(())
    }

    pub fn log_account(&self, line: &AccountLogLine) -> Result<()> {
        self.tx.execute(
            "INSERT INTO account_log (at, login, event, by, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                line.at,
                line.login,
                line.event.as_str(),
                line.by,
                line.detail
            ],
        )?;
        Ok(())
    }
}
