//! KPI storage: scheme files as archived versions, the monthly figures of units and the log of
//! every change to a figure.

use std::borrow::Borrow;

mod results;
pub use results::{EvidenceRow, ResponseRow, ResultLine, ResultRow, RulingRow};

use rusqlite::{params, Connection, OptionalExtension};

use crate::rows::collect;
use crate::{Reader, Result, Writer};

/// One logged change of a KPI figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueChange {
    pub old: Option<String>,
    pub new: String,
    pub by: String,
    pub at: String,
}

/// A stored scheme version.
#[derive(Debug, Clone)]
pub struct SchemeRow {
    pub id: String,
    pub version: i64,
    pub name: String,
    pub source: String,
    pub added_at: String,
    /// The site the scheme came from (`None`: this site's own).
    pub owner: Option<String>,
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Months that have KPI figures, oldest first.
    pub fn kpi_periods(&self) -> Result<Vec<String>> {
        collect(
            self.conn(),
            "SELECT DISTINCT period FROM kpi_value ORDER BY period",
            [],
            |r| r.get(0),
        )
    }

    /// Every stored scheme version, newest version first per id.
    pub fn schemes(&self) -> Result<Vec<SchemeRow>> {
        collect(
            self.conn(),
            "SELECT s.id, s.version, s.name, s.source, s.added_at, o.site FROM kpi_scheme s
             LEFT JOIN sync_owner o ON o.tbl = 'kpi_scheme' AND o.key = json_array(s.id, s.version)
             ORDER BY o.site IS NOT NULL, s.id, s.version DESC",
            [],
            |r| {
                Ok(SchemeRow {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    name: r.get(2)?,
                    source: r.get(3)?,
                    added_at: r.get(4)?,
                    owner: r.get(5)?,
                })
            },
        )
    }

    /// Every KPI figure as (unit code, period, metric, value), for scoring.
    pub fn kpi_values(&self) -> Result<Vec<(String, String, String, String)>> {
        self.kpi_values_between("0000-01", "9999-12")
    }

    /// The figures of the months `from` to `to` (`YYYY-MM`, both included), as
    /// [`Reader::kpi_values`] gives them: what one period's score or grid reads.
    pub fn kpi_values_between(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, String, String, String)>> {
        collect(
            self.conn(),
            "SELECT u.code, v.period, v.metric, v.value FROM kpi_value v JOIN unit u ON u.id = v.unit_id
             WHERE v.period BETWEEN ?1 AND ?2
             ORDER BY u.sort, u.code, v.period",
            [from, to],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
    }

    /// Who last changed each figure of `period` that has a history, with its value now:
    /// (unit id, metric) → (the audit label, the value).
    pub fn kpi_authors(
        &self,
        period: &str,
    ) -> Result<std::collections::HashMap<(String, String), (String, String)>> {
        Ok(collect(
            self.conn(),
            "SELECT l.unit_id, l.metric, l.changed_by, v.value FROM kpi_value_log l
               JOIN kpi_value v ON v.unit_id = l.unit_id AND v.period = l.period AND v.metric = l.metric
             WHERE l.period = ?1
               AND l.id = (SELECT max(id) FROM kpi_value_log m
                           WHERE m.unit_id = l.unit_id AND m.period = l.period AND m.metric = l.metric)",
            [period],
            |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))),
        )?
        .into_iter()
        .collect())
    }

    /// The history of one figure, newest first.
    pub fn kpi_value_history(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
    ) -> Result<Vec<ValueChange>> {
        collect(
            self.conn(),
            "SELECT old_value, new_value, changed_by, changed_at FROM kpi_value_log
             WHERE unit_id = ?1 AND period = ?2 AND metric = ?3 ORDER BY id DESC",
            [unit_id, period, metric],
            |r| {
                Ok(ValueChange {
                    old: r.get(0)?,
                    new: r.get(1)?,
                    by: r.get(2)?,
                    at: r.get(3)?,
                })
            },
        )
    }

    /// Units that are assessed (not the group, not departments): (id, code, name), in order.
    pub fn assessed_units(&self) -> Result<Vec<(String, String, String)>> {
        collect(
            self.conn(),
            "SELECT id, code, name FROM unit WHERE kind IN ('subsidiary', 'branch', 'office')
             AND EXISTS (SELECT 1 FROM kpi_value v WHERE v.unit_id = unit.id)
             ORDER BY sort, code",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Whether the unit has any KPI figure (is assessed).
    pub fn has_kpi_values(&self, unit_id: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM kpi_value WHERE unit_id = ?1)",
            [unit_id],
            |r| r.get(0),
        )?)
    }

    /// A metric's monthly figures for a unit over `months`: (month, value) where there is one.
    pub fn kpi_metric_values(
        &self,
        unit_id: &str,
        metric: &str,
        months: &[String],
    ) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT value FROM kpi_value WHERE unit_id = ?1 AND metric = ?2 AND period = ?3",
        )?;
        for m in months {
            if let Some(v) = stmt
                .query_row(params![unit_id, metric, m], |r| r.get::<_, String>(0))
                .optional()?
            {
                out.push((m.clone(), v));
            }
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// Sets one monthly KPI figure, replacing an earlier value for the same cell.
    pub fn put_kpi_value(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
        value: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO kpi_value (unit_id, period, metric, value) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (unit_id, period, metric) DO UPDATE SET value = excluded.value",
            params![unit_id, period, metric, value],
        )?;
        Ok(())
    }

    /// Sets one figure and logs who changed it from what. Returns false (and logs nothing)
    /// when the value is unchanged.
    pub fn record_kpi_value(
        &self,
        unit_id: &str,
        period: &str,
        metric: &str,
        value: &str,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let old: Option<String> = self
            .tx
            .query_row(
                "SELECT value FROM kpi_value WHERE unit_id = ?1 AND period = ?2 AND metric = ?3",
                params![unit_id, period, metric],
                |r| r.get(0),
            )
            .optional()?;
        if old.as_deref() == Some(value) {
            return Ok(false);
        }
        self.put_kpi_value(unit_id, period, metric, value)?;
        self.tx.execute(
            "INSERT INTO kpi_value_log (unit_id, period, metric, old_value, new_value, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![unit_id, period, metric, old, value, by, at],
        )?;
        Ok(true)
    }

    /// Archives a scheme file as the next version of its id; returns that version.
    pub fn add_scheme(&self, id: &str, name: &str, source: &str, at: &str) -> Result<i64> {
        let version: i64 = self.tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM kpi_scheme WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO kpi_scheme (id, version, name, source, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, version, name, source, at],
        )?;
        Ok(version)
    }
}

/// One published version of a period's results.
#[derive(Debug, Clone)]
pub struct PublicationRow {
    pub scheme_id: String,
    pub period: String,
    pub version: i64,
    pub scheme_version: i64,
    /// The scores as published (JSON).
    pub results: String,
    /// Unit code → name on the day (JSON).
    pub names: String,
    pub digest: String,
    pub reason: String,
    pub published_by: String,
    pub published_at: String,
}

/// A locked period: its months, who locked it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockRow {
    pub period: String,
    pub months: Vec<String>,
    pub by: String,
    pub at: String,
}

/// One lock or reopening of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockEvent {
    pub period: String,
    /// `lock` or `reopen`.
    pub action: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// A reward to pay (or, negative, to recover).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutRow {
    pub id: i64,
    pub scheme_id: String,
    pub period: String,
    pub version: i64,
    pub reward: String,
    pub unit_code: String,
    pub unit_name: String,
    pub amount: String,
    pub rule: String,
    pub due_month: String,
    pub paid_at: Option<String>,
    pub paid_by: Option<String>,
}

/// A reward of locked results, to become payout rows.
#[derive(Debug, Clone)]
pub struct PayoutTarget {
    pub reward: String,
    pub unit_id: String,
    pub amount: rust_decimal::Decimal,
    pub rule: String,
}

fn publication(r: &rusqlite::Row<'_>) -> rusqlite::Result<PublicationRow> {
    Ok(PublicationRow {
        scheme_id: r.get(0)?,
        period: r.get(1)?,
        version: r.get(2)?,
        scheme_version: r.get(3)?,
        results: r.get(4)?,
        names: r.get(5)?,
        digest: r.get(6)?,
        reason: r.get(7)?,
        published_by: r.get(8)?,
        published_at: r.get(9)?,
    })
}

const PUBLICATION: &str =
    "SELECT scheme_id, period, version, scheme_version, results, names, digest, reason,
    published_by, published_at FROM kpi_publication";

impl<C: Borrow<Connection>> Reader<C> {
    /// Every published version of `period` under every scheme, newest first per scheme.
    pub fn kpi_publications(&self, period: &str) -> Result<Vec<PublicationRow>> {
        collect(
            self.conn(),
            &format!("{PUBLICATION} WHERE period = ?1 ORDER BY scheme_id, version DESC"),
            [period],
            publication,
        )
    }

    /// Every locked period with its months.
    pub fn kpi_locks(&self) -> Result<Vec<LockRow>> {
        let rows: Vec<(String, String, String, String)> = collect(
            self.conn(),
            "SELECT period, month, locked_by, locked_at FROM kpi_lock ORDER BY period, month",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut out: Vec<LockRow> = Vec::new();
        for (period, month, by, at) in rows {
            match out.last_mut() {
                Some(l) if l.period == period => l.months.push(month),
                _ => out.push(LockRow {
                    period,
                    months: vec![month],
                    by,
                    at,
                }),
            }
        }
        Ok(out)
    }

    /// The lock and reopening history of a period, oldest first.
    pub fn kpi_lock_log(&self, period: &str) -> Result<Vec<LockEvent>> {
        collect(
            self.conn(),
            "SELECT period, action, reason, by, at FROM kpi_lock_log WHERE period = ?1 ORDER BY id",
            [period],
            |r| {
                Ok(LockEvent {
                    period: r.get(0)?,
                    action: r.get(1)?,
                    reason: r.get(2)?,
                    by: r.get(3)?,
                    at: r.get(4)?,
                })
            },
        )
    }

    /// Payout rows of a period (or all), in the order they were made.
    pub fn kpi_payouts(&self, period: Option<&str>) -> Result<Vec<PayoutRow>> {
        collect(
            self.conn(),
            "SELECT p.id, p.scheme_id, p.period, p.version, p.reward, u.code, u.name, p.amount,
                    p.rule, p.due_month, p.paid_at, p.paid_by
             FROM kpi_payout p JOIN unit u ON u.id = p.unit_id
             WHERE ?1 IS NULL OR p.period = ?1 ORDER BY p.period, p.scheme_id, p.id",
            [period],
            |r| {
                Ok(PayoutRow {
                    id: r.get(0)?,
                    scheme_id: r.get(1)?,
                    period: r.get(2)?,
                    version: r.get(3)?,
                    reward: r.get(4)?,
                    unit_code: r.get(5)?,
                    unit_name: r.get(6)?,
                    amount: r.get(7)?,
                    rule: r.get(8)?,
                    due_month: r.get(9)?,
                    paid_at: r.get(10)?,
                    paid_by: r.get(11)?,
                })
            },
        )
    }
}

impl Writer<'_> {
    /// Stores a publication as the next version of its period; returns that version.
    pub fn add_kpi_publication(&self, p: &PublicationRow) -> Result<i64> {
        let version: i64 = self.tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM kpi_publication
             WHERE scheme_id = ?1 AND period = ?2",
            [&p.scheme_id, &p.period],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO kpi_publication (scheme_id, period, version, scheme_version, results, names,
                digest, reason, published_by, published_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                p.scheme_id,
                p.period,
                version,
                p.scheme_version,
                p.results,
                p.names,
                p.digest,
                p.reason,
                p.published_by,
                p.published_at
            ],
        )?;
        Ok(version)
    }

    /// Locks the months of `period` and logs it.
    pub fn lock_kpi_period(
        &self,
        period: &str,
        months: &[String],
        by: &str,
        at: &str,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO kpi_lock (month, period, locked_by, locked_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for m in months {
            stmt.execute(params![m, period, by, at])?;
        }
        self.log_lock(period, "lock", "", by, at)
    }

    /// Unlocks the months `period` locked and logs why.
    pub fn reopen_kpi_period(&self, period: &str, reason: &str, by: &str, at: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM kpi_lock WHERE period = ?1", [period])?;
        self.log_lock(period, "reopen", reason, by, at)
    }

    fn log_lock(&self, period: &str, action: &str, reason: &str, by: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO kpi_lock_log (period, action, reason, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![period, action, reason, by, at],
        )?;
        Ok(())
    }

    /// Makes the payout rows of a scheme's period add up to `targets`: unpaid rows are replaced; paid rows
    /// stay, and where they differ from the target a row for the difference is added.
    pub fn set_kpi_payouts(
        &self,
        scheme_id: &str,
        period: &str,
        version: i64,
        targets: &[PayoutTarget],
        due_month: &str,
    ) -> Result<()> {
        use rust_decimal::Decimal;
        use std::collections::BTreeMap;
        self.tx.execute(
            "DELETE FROM kpi_payout WHERE scheme_id = ?1 AND period = ?2 AND paid_at IS NULL",
            [scheme_id, period],
        )?;
        let mut paid: BTreeMap<(String, String), (Decimal, String)> = BTreeMap::new();
        let rows: Vec<(String, String, String, String)> = collect(
            self.tx,
            "SELECT reward, unit_id, amount, rule FROM kpi_payout WHERE scheme_id = ?1 AND period = ?2",
            [scheme_id, period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        for (reward, unit, amount, rule) in rows {
            let a: Decimal = amount
                .parse()
                .map_err(|_| crate::Error::InvalidValue(format!("kpi_payout.amount {amount}")))?;
            let e = paid.entry((reward, unit)).or_insert((Decimal::ZERO, rule));
            e.0 += a;
        }
        let mut want: BTreeMap<(String, String), (Decimal, String)> = BTreeMap::new();
        for t in targets {
            let e = want
                .entry((t.reward.clone(), t.unit_id.clone()))
                .or_insert((Decimal::ZERO, t.rule.clone()));
            e.0 += t.amount;
        }
        for (key, (_, rule)) in &paid {
            want.entry(key.clone())
                .or_insert((Decimal::ZERO, rule.clone()));
        }
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO kpi_payout (scheme_id, period, version, reward, unit_id, amount, rule, due_month)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for ((reward, unit), (amount, rule)) in want {
            let already = paid
                .get(&(reward.clone(), unit.clone()))
                .map_or(Decimal::ZERO, |p| p.0);
            let rest = amount - already;
            if rest.is_zero() {
                continue;
            }
            insert.execute(params![
                scheme_id,
                period,
                version,
                reward,
                unit,
                rest.to_string(),
                rule,
                due_month
            ])?;
        }
        Ok(())
    }

    /// Removes a period's unpaid payouts (its results are being corrected).
    pub fn drop_unpaid_payouts(&self, period: &str) -> Result<()> {
        self.tx.execute(
            "DELETE FROM kpi_payout WHERE period = ?1 AND paid_at IS NULL",
            [period],
        )?;
        Ok(())
    }

    /// Marks a payout paid; false when there is no such unpaid row.
    pub fn pay_kpi_payout(&self, id: i64, on: &str, by: &str) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE kpi_payout SET paid_at = ?2, paid_by = ?3 WHERE id = ?1 AND paid_at IS NULL",
            params![id, on, by],
        )? == 1)
    }
}
