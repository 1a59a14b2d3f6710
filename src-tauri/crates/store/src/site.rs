//! This database's identity (site), its settings, its signing keys and the counts of the home
//! page.

use std::borrow::Borrow;

use branchdesk_domain::{Counts, Role, SiteInfo};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{Error, Reader, Result, Writer};

impl<C: Borrow<Connection>> Reader<C> {
    /// The identity of this database.
    pub fn site(&self) -> Result<SiteInfo> {
        self.conn()
            .query_row(
                "SELECT id, name, role, group_name, created_at FROM site WHERE singleton = 1",
                [],
                |r| {
                    let role: String = r.get(2)?;
                    Ok(SiteInfo {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        role: Role::parse(&role).unwrap_or(Role::Unit),
                        group_name: r.get(3)?,
                        created_at: r.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotInitialised)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Rows per main entity.
    pub fn counts(&self) -> Result<Counts> {
        let count =
            |sql: &str| -> Result<i64> { Ok(self.conn().query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            units: count("SELECT count(*) FROM unit WHERE kind <> 'department' AND closed = 0")?,
            departments: count(
                "SELECT count(*) FROM unit WHERE kind = 'department' AND closed = 0",
            )?,
            positions: count("SELECT count(*) FROM position WHERE closed = 0")?,
            people: count("SELECT count(*) FROM person WHERE status = 'active'")?,
            assignments: count("SELECT count(*) FROM assignment")?,
            meetings: count("SELECT count(*) FROM meeting")?,
            action_items: count("SELECT count(*) FROM action_item")?,
            kpi_values: count("SELECT count(*) FROM kpi_value")?,
        })
    }

    /// The site's secret keys (Ed25519 signing seed and X25519 secret).
    pub fn site_keys(&self) -> Result<Option<[u8; 64]>> {
        let v: Option<Vec<u8>> = self
            .conn()
            .query_row("SELECT secret FROM site_key", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.try_into().ok()))
    }
}

impl Writer<'_> {
    pub fn set_site(
        &self,
        id: &str,
        name: &str,
        role: Role,
        group_name: &str,
        created_at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO site (singleton, id, name, role, group_name, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, group_name = excluded.group_name",
            params![id, name, role.as_str(), group_name, created_at],
        )?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn set_site_keys(&self, secret: &[u8; 64]) -> Result<()> {
        self.tx.execute(
            "INSERT INTO site_key (singleton, secret) VALUES (1, ?1)
             ON CONFLICT (singleton) DO UPDATE SET secret = excluded.secret",
            [&secret[..]],
        )?;
        Ok(())
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// The days headquarters published in the working-day calendar, in order.
    pub fn calendar_days(&self) -> Result<Vec<branchdesk_domain::CalendarDay>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT day, working, note FROM calendar_day ORDER BY day")?;
        let rows = stmt.query_map([], |r| {
            Ok(branchdesk_domain::CalendarDay {
                day: r.get(0)?,
                working: r.get(1)?,
                note: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    pub fn put_calendar_day(&self, d: &branchdesk_domain::CalendarDay) -> Result<()> {
        self.tx.execute(
            "INSERT INTO calendar_day (day, working, note) VALUES (?1, ?2, ?3)
             ON CONFLICT (day) DO UPDATE SET working = excluded.working, note = excluded.note",
            params![d.day, d.working, d.note],
        )?;
        Ok(())
    }

    pub fn delete_calendar_day(&self, day: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM calendar_day WHERE day = ?1", [day])?;
        Ok(())
    }
}
