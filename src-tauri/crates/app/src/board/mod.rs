//! 经营监控: the monitoring board. One row per unit (subsidiaries, branches and offices: the
//! units a manager or headquarters oversees) with a light per check and its reason in words.
//! Each record counts for the nearest such unit at or above its own (a department's plan for
//! its branch). The lights' rules are `branchdesk_domain::board`; this file gathers the figures.
//!
//! Files: `kpi` (score, figures, submissions), `bundles` (headquarters: units' silence),
//! `xlsx` (the board as a workbook), `followups` (督办: a warning followed up with the unit),
//! `analysis` (the monthly analysis report).

mod analysis;
mod bundles;
mod followups;
mod kpi;
mod xlsx;

pub use followups::{FollowupDecision, FollowupInput, FollowupReport, FollowupView, FollowupsView};

use std::collections::HashMap;

use branchdesk_domain::{
    elapsed_pct, overdue_light, plan_light, Board, BoardRow, BoardThresholds, Check, Lang, Light,
    Period, PlanLevel, PlanStatus, Signal, UnitKind,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::minutes::ActionFilter;
use crate::plans::{any_period_days, PlanRow};
use crate::shared::input::parse_date;
use crate::shared::names::Names;
use crate::{App, Result};

/// Which board: the day it is judged on (today when absent) and the month being entered
/// (`current_period` when absent; the month before it is the one judged complete).
#[derive(Debug, Clone, Default)]
pub struct BoardQuery {
    pub as_of: Option<String>,
    pub month: Option<String>,
}

/// The units that get a row.
fn on_board(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Subsidiary | UnitKind::Branch | UnitKind::Office
    )
}

/// What the checks found for one unit, before it becomes a row.
#[derive(Default)]
struct Found {
    signals: Vec<Signal>,
}

/// The signals of every unit, keyed by the unit's id.
pub(super) struct Rows<'a> {
    pub(super) names: &'a Names,
    found: HashMap<String, Found>,
    lang: Lang,
}

impl Rows<'_> {
    /// The board unit a record of `unit_id` counts for: itself or the nearest above it.
    pub(super) fn owner(&self, unit_id: &str) -> Option<String> {
        let mut id = unit_id.to_string();
        for _ in 0..64 {
            let u = self.names.units.get(&id)?;
            if self.found.contains_key(&id) {
                return Some(id);
            }
            id = u.attrs.parent_id.clone()?;
        }
        None
    }

    pub(super) fn push(&mut self, unit_id: &str, s: Signal) {
        if let Some(f) = self.found.get_mut(unit_id) {
            f.signals.push(s);
        }
    }

    pub(super) fn pick(&self, zh: String, en: String) -> String {
        self.lang.pick(zh, en)
    }
}

pub(super) fn signal(
    check: Check,
    light: Light,
    reason: String,
    page: &str,
    open_id: Option<String>,
) -> Signal {
    Signal {
        check,
        light,
        reason,
        page: page.into(),
        open_id,
    }
}

fn pct(d: Decimal) -> String {
    d.round_dp(1).normalize().to_string()
}

/// The worst overdue item of a unit: (days, title, who).
type Worst = (i64, String, String);

impl App {
    /// The board on a day: every unit's lights with their reasons, most urgent first.
    pub fn board(&self, q: &BoardQuery) -> Result<Board> {
        let as_of: NaiveDate = match &q.as_of {
            Some(d) => parse_date("as_of", d)?
                .parse()
                .unwrap_or_else(|_| self.ctx.today()),
            None => self.ctx.today(),
        };
        let day = as_of.format("%Y-%m-%d").to_string();
        let settings = self.settings()?;
        let t = settings.board;
        let month = match &q.month {
            Some(m) => crate::shared::input::month("month", m)?,
            None => settings.current_period.clone(),
        };
        let last_month = month
            .parse::<Period>()
            .ok()
            .and_then(|p| p.previous())
            .map_or_else(String::new, |p| p.to_string());
        let names = Names::load(self)?;
        let mut units: Vec<_> = names
            .units
            .values()
            .filter(|u| on_board(u.attrs.kind))
            .collect();
        units.sort_by(|a, b| a.attrs.sort.cmp(&b.attrs.sort).then(a.code.cmp(&b.code)));
        let mut rows = Rows {
            names: &names,
            found: units
                .iter()
                .map(|u| (u.id.clone(), Found::default()))
                .collect(),
            lang: self.lang,
        };

        let plans = self.plans(None)?;
        plan_lights(&mut rows, &plans, as_of, &t);
        self.overdue_lights(&mut rows, &plans, &day, &t)?;
        self.kpi_lights(&mut rows, &month, &last_month, &t)?;
        let unknown = self.bundle_lights(&mut rows, as_of, &t)?;

        let mut out: Vec<BoardRow> = units
            .iter()
            .map(|u| {
                let signals = rows
                    .found
                    .remove(&u.id)
                    .map(|f| f.signals)
                    .unwrap_or_default();
                BoardRow {
                    unit_id: u.id.clone(),
                    unit_code: u.code.clone(),
                    unit_name: u.attrs.name.clone(),
                    parent_name: names.unit(u.attrs.parent_id.as_deref()),
                    light: Light::of_row(signals.iter().map(|s| s.light)),
                    signals,
                }
            })
            .collect();
        out.extend(unknown);
        out.sort_by_key(|r| r.light.urgency());
        Ok(Board {
            as_of: day,
            month,
            last_month,
            thresholds: t,
            rows: out,
        })
    }
}

/// A unit's own plan (three-year to monthly) approved or executing on `as_of`: its progress
/// and the share of its period gone by, in percent.
pub(super) fn pace(r: &PlanRow, as_of: NaiveDate) -> Option<(Decimal, Decimal)> {
    let n = &r.node;
    let unit_level = matches!(
        n.level,
        PlanLevel::ThreeYear | PlanLevel::Annual | PlanLevel::Quarter | PlanLevel::Month
    );
    if !unit_level || !matches!(n.status, PlanStatus::Approved | PlanStatus::Executing) {
        return None;
    }
    let (start, end) = any_period_days(&n.period)?;
    if as_of < start || as_of > end {
        return None;
    }
    let progress: Decimal = r.progress_pct.parse().unwrap_or_default();
    Some((progress, elapsed_pct(start, end, as_of)))
}

/// Plans running on the day (approved or executing, a unit's own levels): the one furthest
/// behind the share of its period elapsed decides.
fn plan_lights(rows: &mut Rows<'_>, plans: &[PlanRow], as_of: NaiveDate, t: &BoardThresholds) {
    let mut worst: HashMap<String, (Decimal, String, String, Decimal, Decimal)> = HashMap::new();
    let mut running: HashMap<String, usize> = HashMap::new();
    for r in plans {
        let n = &r.node;
        let Some((progress, elapsed)) = pace(r, as_of) else {
            continue;
        };
        let Some(owner) = rows.owner(&n.unit_id) else {
            continue;
        };
        let behind = elapsed - progress;
        *running.entry(owner.clone()).or_default() += 1;
        let slot = worst.entry(owner).or_insert((
            Decimal::MIN,
            String::new(),
            String::new(),
            progress,
            elapsed,
        ));
        if behind > slot.0 {
            *slot = (behind, n.id.clone(), n.title.clone(), progress, elapsed);
        }
    }
    let ids: Vec<String> = rows.found.keys().cloned().collect();
    for id in ids {
        let s = match (worst.get(&id), running.get(&id)) {
            (Some((behind, plan, title, progress, elapsed)), Some(n)) => {
                let light = plan_light(*behind, t);
                let reason = if light == Light::Green {
                    rows.pick(
                            format!("{n} 项执行中的计划均跟上进度（最慢：「{title}」完成 {}%，时间已过 {}%）", pct(*progress), pct(*elapsed)),
                            format!("{n} running plans keep pace (slowest: “{title}” {}% done, {}% of the time gone)", pct(*progress), pct(*elapsed)),
                        )
                } else {
                    rows.pick(
                        format!(
                            "「{title}」完成 {}%，时间已过 {}%，落后 {} 个百分点",
                            pct(*progress),
                            pct(*elapsed),
                            pct(*behind)
                        ),
                        format!(
                            "“{title}” is {}% done with {}% of the time gone: {} points behind",
                            pct(*progress),
                            pct(*elapsed),
                            pct(*behind)
                        ),
                    )
                };
                signal(Check::Plans, light, reason, "plans", Some(plan.clone()))
            }
            _ => signal(
                Check::Plans,
                Light::Missing,
                rows.pick(
                    "今天没有执行中的计划".into(),
                    "No plan running today".into(),
                ),
                "plans",
                None,
            ),
        };
        rows.push(&id, s);
    }
}

impl App {
    /// Overdue action items and plan milestones; incoming documents past their handling
    /// deadline separately.
    fn overdue_lights(
        &self,
        rows: &mut Rows<'_>,
        plans: &[PlanRow],
        day: &str,
        t: &BoardThresholds,
    ) -> Result<()> {
        let mut items: HashMap<String, (usize, Worst)> = HashMap::new();
        let mut docs: HashMap<String, (usize, Worst)> = HashMap::new();
        let note = |map: &mut HashMap<String, (usize, Worst)>, owner: String, w: Worst| {
            let slot = map
                .entry(owner)
                .or_insert((0, (0, String::new(), String::new())));
            slot.0 += 1;
            if w.0 > slot.1 .0 {
                slot.1 = w;
            }
        };
        let filter = ActionFilter {
            overdue_only: true,
            today: Some(day.to_string()),
            ..ActionFilter::default()
        };
        for a in self.actions_board(&filter)? {
            let Some(owner) = a.item.unit_id.as_deref().and_then(|u| rows.owner(u)) else {
                continue;
            };
            let w = (a.overdue_days, a.item.title.clone(), a.owner_name.clone());
            if a.item.doc_id.is_some() {
                note(&mut docs, owner, w);
            } else {
                note(&mut items, owner, w);
            }
        }
        for r in plans {
            if !matches!(r.node.status, PlanStatus::Approved | PlanStatus::Executing) {
                continue;
            }
            let Some(owner) = rows.owner(&r.node.unit_id) else {
                continue;
            };
            for m in r.node.milestones.iter().filter(|m| !m.done) {
                let days = crate::shared::clock::days_between(&m.due_on, day);
                if days > 0 {
                    note(
                        &mut items,
                        owner.clone(),
                        (days, m.title.clone(), r.owner_name.clone()),
                    );
                }
            }
        }
        let ids: Vec<String> = rows.found.keys().cloned().collect();
        for id in ids {
            let (n, (days, title, who)) = items.remove(&id).unwrap_or_default();
            let reason = if n == 0 {
                rows.pick(
                    "没有逾期的督办事项和里程碑".into(),
                    "No overdue action item or milestone".into(),
                )
            } else {
                rows.pick(
                    format!("{n} 项逾期，最久 {days} 天：「{title}」（{who}）"),
                    format!("{n} overdue, the longest {days} days: “{title}” ({who})"),
                )
            };
            let s = signal(
                Check::Overdue,
                overdue_light(days, t),
                reason,
                "minutes",
                None,
            );
            rows.push(&id, s);
            let (n, (days, title, who)) = docs.remove(&id).unwrap_or_default();
            let reason = if n == 0 {
                rows.pick(
                    "没有超过办理时限的收文".into(),
                    "No incoming document past its deadline".into(),
                )
            } else {
                rows.pick(
                    format!("{n} 件收文超过办理时限，最久 {days} 天：「{title}」（{who}）"),
                    format!("{n} incoming documents past their deadline, the longest {days} days: “{title}” ({who})"),
                )
            };
            rows.push(
                &id,
                signal(Check::Docs, overdue_light(days, t), reason, "docs", None),
            );
        }
        Ok(())
    }
}
