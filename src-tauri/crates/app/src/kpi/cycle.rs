//! The cycle after the score (DOMAIN.md §8): a period's results are published (each
//! publication a version that stays readable), the period is locked so its figures no longer
//! change and its rewards become payouts, and only a reopening with a reason, by the one who
//! answers for the results, unlocks it.

use std::collections::BTreeMap;

use branchdesk_domain::{Act, Lang, Period};
use branchdesk_kpi::ScoreResult;
use branchdesk_store::{LockRow, PayoutTarget, PublicationRow};
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{parse_period, summary, KpiScoreView, ScoreQuery};
use crate::{App, AppError, Result};

/// One published version of a period's results.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Publication {
    pub scheme_id: String,
    pub period: String,
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "number")]
    pub scheme_version: i64,
    /// Why it was published again (empty for the first version).
    pub reason: String,
    pub published_by: String,
    pub published_at: String,
    /// The sum of the rewards it gives.
    #[ts(type = "string")]
    pub rewards: Decimal,
}

/// The lock that holds a period's figures.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PeriodLock {
    /// The period that was locked: this one, or a longer one holding its months (2016 for
    /// 2016-Q3).
    pub period: String,
    pub months: Vec<String>,
    pub by: String,
    pub at: String,
}

/// A lock or a reopening, in the period's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LockEntry {
    /// `lock` or `reopen`.
    pub action: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// Where a period stands in the cycle under a scheme.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PeriodStatus {
    pub period: String,
    pub scheme_id: String,
    /// The scheme's publications of the period, newest first.
    pub publications: Vec<Publication>,
    /// Today's figures score differently from the newest publication, or nothing is
    /// published yet while there are scores.
    pub changed: bool,
    pub lock: Option<PeriodLock>,
    /// Locks and reopenings of the period, oldest first.
    pub history: Vec<LockEntry>,
}

/// The day of a stored moment, as messages show it ("2016-12-28").
fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

/// The published form of results (without explanations) and its SHA-256.
fn sealed(result: &ScoreResult) -> Result<(String, String)> {
    let mut r = result.clone();
    for u in &mut r.units {
        for i in &mut u.indicators {
            i.explain = None;
        }
    }
    let json = serde_json::to_string(&r).map_err(|e| AppError::Export(e.to_string()))?;
    let digest = Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((json, digest))
}

fn publication(p: &PublicationRow) -> Publication {
    let rewards = serde_json::from_str::<ScoreResult>(&p.results)
        .map(|r| r.rewards.iter().map(|a| a.amount).sum())
        .unwrap_or_default();
    Publication {
        scheme_id: p.scheme_id.clone(),
        period: p.period.clone(),
        version: p.version,
        scheme_version: p.scheme_version,
        reason: p.reason.clone(),
        published_by: p.published_by.clone(),
        published_at: p.published_at.clone(),
        rewards,
    }
}

/// The lock holding `period`: its own, or one whose months cover some of its months.
fn lock_of(locks: &[LockRow], period: &Period) -> Option<PeriodLock> {
    let name = period.to_string();
    let months: Vec<String> = period.months().iter().map(|m| m.to_string()).collect();
    locks
        .iter()
        .find(|l| l.period == name)
        .or_else(|| {
            locks
                .iter()
                .find(|l| l.months.iter().any(|m| months.contains(m)))
        })
        .map(|l| PeriodLock {
            period: l.period.clone(),
            months: l.months.clone(),
            by: l.by.clone(),
            at: l.at.clone(),
        })
}

impl App {
    /// The scheme's current scores of a period in published form (errors when it cannot be
    /// scored).
    fn live(&self, scheme_id: &str, period: &str) -> Result<(KpiScoreView, String, String)> {
        let view = self.kpi_score(&ScoreQuery {
            scheme_id: Some(scheme_id),
            ..ScoreQuery::of(period)
        })?;
        let (json, digest) = sealed(&view.result)?;
        Ok((view, json, digest))
    }

    /// Where a period stands: its publications under the scheme, whether today's figures
    /// differ from the newest, its lock and history.
    pub fn kpi_status(&self, scheme_id: Option<&str>, period: &str) -> Result<PeriodStatus> {
        let p = parse_period(period)?;
        let period = p.to_string();
        let row = self.scheme_row(scheme_id)?;
        let rows: Vec<PublicationRow> = self
            .store
            .kpi_publications(&period)?
            .into_iter()
            .filter(|x| x.scheme_id == row.id)
            .collect();
        let publications: Vec<Publication> = rows.iter().map(publication).collect();
        let changed = match (self.live(&row.id, &period), rows.first()) {
            (Ok((view, _, digest)), Some(n)) => digest != n.digest && !view.result.units.is_empty(),
            (Ok((view, ..)), None) => !view.result.units.is_empty(),
            (Err(_), _) => false,
        };
        let history = self
            .store
            .kpi_lock_log(&period)?
            .into_iter()
            .map(|e| LockEntry {
                action: e.action,
                reason: e.reason,
                by: e.by,
                at: e.at,
            })
            .collect();
        Ok(PeriodStatus {
            period,
            scheme_id: row.id,
            publications,
            changed,
            lock: lock_of(&self.store.kpi_locks()?, &p),
            history,
        })
    }

    /// Publishes the scheme's results of a period as its next version. Refused while the
    /// period is locked, while any unit cannot be scored, when nothing changed since the last
    /// version, and (for a second version on) without a reason.
    pub fn kpi_publish(
        &mut self,
        scheme_id: Option<&str>,
        period: &str,
        reason: &str,
    ) -> Result<PeriodStatus> {
        self.require(Act::PublishResults)?;
        let p = parse_period(period)?;
        let period = p.to_string();
        let row = self.scheme_row(scheme_id)?;
        if let Some(l) = self.store.kpi_locks()?.iter().find(|l| l.period == period) {
            return Err(AppError::step(
"kpi.locked",
                format!("{period} 的结果已由{}于 {} 锁定，不能再发布新版本；如需更正，请先重新开放该期间（说明理由）。", l.by, day(&l.at)),
                format!("The results of {period} were locked by {} on {}; no new version can be published. To correct them, reopen the period first, giving a reason.", l.by, day(&l.at)),
            ));
        }
        let (view, results, digest) = self.live(&row.id, &period)?;
        if !view.unscored.is_empty() {
            let sep = if self.lang == Lang::Zh { "；" } else { "; " };
            let list: Vec<String> = view
                .unscored
                .iter()
                .map(|u| format!("{}：{}", u.name, u.reasons.join(sep)))
                .collect();
            return Err(AppError::step(
"kpi.incomplete",
                format!("有单位未计分，排名只是暂定，不能发布。请先补齐或更正这些数据：{}", list.join("；")),
                format!("Some units are not scored, so the ranks are provisional and cannot be published. Complete or correct their figures first: {}", list.join("; ")),
            ));
        }
        if view.result.units.is_empty() {
            return Err(AppError::step(
                "kpi.nothing",
                format!("{period} 还没有任何单位的考核数据，没有可发布的结果。"),
                format!("No unit has figures for {period}; there are no results to publish."),
            ));
        }
        let previous = self
            .store
            .kpi_publications(&period)?
            .into_iter()
            .find(|x| x.scheme_id == row.id);
        let reason = reason.trim();
        if let Some(prev) = &previous {
            if prev.digest == digest {
                return Err(AppError::step(
"kpi.unchanged",
                    format!("结果与已发布的第 {} 版相同，无需重新发布。", prev.version),
                    format!("The results are the same as the published version {}; there is nothing to publish.", prev.version),
                ));
            }
            if reason.is_empty() {
                return Err(AppError::invalid(
                    "reason",
                    format!("{period} 已发布第 {} 版：请写明为什么重新发布（例如：申诉后更正了某单位的数据）。", prev.version),
                    format!("Version {} of {period} is published: say why it is published again (e.g. a unit's figure was corrected after an appeal).", prev.version),
                ));
            }
        }
        if reason.chars().count() > 2000 {
            return Err(AppError::invalid(
                "reason",
                "理由最多 2000 字。",
                "The reason is at most 2000 characters.",
            ));
        }
        let names =
            serde_json::to_string(&view.unit_names).map_err(|e| AppError::Export(e.to_string()))?;
        let row_out = PublicationRow {
            scheme_id: row.id.clone(),
            period: period.clone(),
            version: 0,
            scheme_version: row.version,
            results,
            names,
            digest,
            reason: reason.to_string(),
            published_by: self.ctx.operator().to_string(),
            published_at: self.ctx.now(),
        };
        let mut sent = self.results_to_send(&view, reason)?;
        let version = self.store.write(|w| -> Result<i64> {
            let version = w.add_kpi_publication(&row_out)?;
            for r in &mut sent {
                r.version = version;
                w.add_kpi_result(r)?;
            }
            Ok(version)
        })?;
        tracing::info!(period = %period, version, "results published");
        self.kpi_status(Some(&row.id), &period)
    }

    /// Locks a period: its months' figures no longer change, and the rewards of every
    /// scheme's newest publication of it become payouts. Refused unless each of those
    /// publications is what today's figures give.
    pub fn kpi_lock(&mut self, scheme_id: Option<&str>, period: &str) -> Result<PeriodStatus> {
        self.require(Act::LockResults)?;
        let p = parse_period(period)?;
        let period = p.to_string();
        let locks = self.store.kpi_locks()?;
        if let Some(l) = locks.iter().find(|l| l.period == period) {
            return Err(AppError::step(
                "kpi.locked",
                format!("{period} 已由{}于 {} 锁定。", l.by, day(&l.at)),
                format!("{period} was locked by {} on {}.", l.by, day(&l.at)),
            ));
        }
        self.refuse_unanswered(&period)?;
        let mut newest: BTreeMap<String, PublicationRow> = BTreeMap::new();
        for x in self.store.kpi_publications(&period)? {
            newest.entry(x.scheme_id.clone()).or_insert(x);
        }
        if newest.is_empty() {
            return Err(AppError::step(
                "kpi.unpublished",
                format!("{period} 的结果还没有发布：先发布，各单位看到结果后再锁定。"),
                format!(
                    "The results of {period} are not published: publish them first, then lock."
                ),
            ));
        }
        let schemes = self.store.schemes()?;
        let units: BTreeMap<String, String> = self.store.all_unit_ids()?.into_iter().collect();
        let mut payouts = Vec::new();
        for (id, pubd) in &newest {
            let (_, _, digest) = self.live(id, &period)?;
            if digest != pubd.digest {
                return Err(AppError::step(
"kpi.changed",
                    format!("方案 {id} 的第 {} 版发布后，数据或方案有改动，现在的结果与发布的不同：请先重新发布（说明理由），再锁定。", pubd.version),
                    format!("Figures or the scheme changed after version {} of {id} was published, so today's results differ: publish again (with a reason) before locking.", pubd.version),
                ));
            }
            let reward_names: BTreeMap<String, String> = schemes
                .iter()
                .find(|s| s.id == *id && s.version == pubd.scheme_version)
                .and_then(|s| summary(s, self.lang).ok())
                .map(|(_, s)| s.rewards.into_iter().map(|r| (r.id, r.name)).collect())
                .unwrap_or_default();
            let result: ScoreResult =
                serde_json::from_str(&pubd.results).map_err(|e| AppError::Export(e.to_string()))?;
            let targets: Vec<PayoutTarget> = result
                .rewards
                .iter()
                .filter_map(|r| {
                    Some(PayoutTarget {
                        reward: r.reward.clone(),
                        unit_id: units.get(&r.unit)?.clone(),
                        amount: r.amount,
                        rule: reward_names
                            .get(&r.reward)
                            .cloned()
                            .unwrap_or_else(|| r.reward.clone()),
                    })
                })
                .collect();
            payouts.push((id.clone(), pubd.version, targets));
        }
        let due = branchdesk_kpi::cycle::payout_due(&p, self.ctx.today())
            .map(|m| m.to_string())
            .unwrap_or_default();
        let taken: Vec<String> = locks.iter().flat_map(|l| l.months.clone()).collect();
        let months: Vec<String> = p
            .months()
            .iter()
            .map(|m| m.to_string())
            .filter(|m| !taken.contains(m))
            .collect();
        let (by, at) = (self.ctx.operator().to_string(), self.ctx.now());
        self.store.write(|w| -> Result<()> {
            w.lock_kpi_period(&period, &months, &by, &at)?;
            for (id, version, targets) in &payouts {
                w.set_kpi_payouts(id, &period, *version, targets, &due)?;
            }
            Ok(())
        })?;
        tracing::info!(period = %period, "results locked");
        self.kpi_status(scheme_id, &period)
    }

    /// Reopens a locked period, for the reason given: its figures can change again, and its
    /// unpaid payouts wait for the next lock (paid ones stay).
    pub fn kpi_reopen(
        &mut self,
        scheme_id: Option<&str>,
        period: &str,
        reason: &str,
    ) -> Result<PeriodStatus> {
        self.require(Act::LockResults)?;
        let p = parse_period(period)?;
        let period = p.to_string();
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 2000 {
            return Err(AppError::invalid(
                "reason",
                "重新开放已锁定的结果须写明理由（最多 2000 字），理由记入该期间的记录。",
                "Reopening locked results needs a reason (at most 2000 characters); it is kept in the period's history.",
            ));
        }
        if !self.store.kpi_locks()?.iter().any(|l| l.period == period) {
            return Err(AppError::step(
                "kpi.not_locked",
                format!("{period} 没有锁定，无需重新开放。"),
                format!("{period} is not locked; there is nothing to reopen."),
            ));
        }
        let (by, at) = (self.ctx.operator().to_string(), self.ctx.now());
        self.store.write(|w| -> Result<()> {
            w.reopen_kpi_period(&period, reason, &by, &at)?;
            w.drop_unpaid_payouts(&period)?;
            Ok(())
        })?;
        tracing::info!(period = %period, "results reopened");
        self.kpi_status(scheme_id, &period)
    }

    /// The results of a published version (the newest when `version` is absent) as the score
    /// view shows them, or `None` when the scheme has not published the period.
    pub fn kpi_published(
        &self,
        scheme_id: Option<&str>,
        period: &str,
        version: Option<i64>,
    ) -> Result<Option<(KpiScoreView, Publication)>> {
        let period = parse_period(period)?.to_string();
        let row = self.scheme_row(scheme_id)?;
        let Some(pubd) = self
            .store
            .kpi_publications(&period)?
            .into_iter()
            .filter(|x| x.scheme_id == row.id)
            .find(|x| version.is_none_or(|v| v == x.version))
        else {
            return match version {
                None => Ok(None),
                Some(v) => Err(AppError::step(
                    "kpi.no_version",
                    format!("{period} 没有第 {v} 版发布的结果。"),
                    format!("{period} has no published version {v}."),
                )),
            };
        };
        let scheme = self
            .store
            .schemes()?
            .into_iter()
            .find(|s| s.id == pubd.scheme_id && s.version == pubd.scheme_version)
            .unwrap_or(row);
        let (_, summary) = summary(&scheme, self.lang)?;
        let bad = |e: serde_json::Error| AppError::Export(e.to_string());
        let view = KpiScoreView {
            scheme: summary,
            result: serde_json::from_str(&pubd.results).map_err(bad)?,
            unit_names: serde_json::from_str(&pubd.names).map_err(bad)?,
            unscored: Vec::new(),
        };
        Ok(Some((view, publication(&pubd))))
    }

    /// Refuses changing figures of locked months, naming the first such figure and the lock.
    pub(super) fn refuse_locked(&self, rows: &[(String, String, String, String)]) -> Result<()> {
        let locks = self.store.kpi_locks()?;
        for (unit_id, month, metric, _) in rows {
            let Some(l) = locks.iter().find(|l| l.months.contains(month)) else {
                continue;
            };
            let (unit, metric) = self.cell_names(unit_id, metric);
            return Err(AppError::step(
"kpi.locked",
                format!("{unit} {month} 的“{metric}”属于已锁定的 {}（{}于 {} 锁定），不能再修改。如需更正，请总经理重新开放 {}（说明理由）。没有保存任何数据。", l.period, l.by, day(&l.at), l.period),
                format!("{metric} of {unit} for {month} belongs to {}, locked by {} on {}; it cannot change. To correct it, the general manager reopens {} with a reason. Nothing was saved.", l.period, l.by, day(&l.at), l.period),
            ));
        }
        Ok(())
    }
}
