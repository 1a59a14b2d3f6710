//! Work summaries (工作总结): a person's plan items of a period with their outcome, and the text.

use branchdesk_domain::PlanLevel;
use rust_decimal::Decimal;

use super::{hundred, index_plan, period_days, period_hint, SummaryItem, WorkSummary};
use crate::shared::names::Names;
use crate::{App, AppError, Result};

impl App {
    /// A person's work summary for a week (`2016-W49`) or month (`2016-12`): their plan items
    /// of that period with progress, and their own words.
    pub fn work_summary(&self, person_id: &str, period: &str) -> Result<WorkSummary> {
        let level = if period.contains("-W") {
            PlanLevel::PersonalWeek
        } else {
            PlanLevel::PersonalMonth
        };
        period_days(level, period).ok_or_else(|| {
            let (zh, en) = period_hint(level);
            AppError::invalid(
                "period",
                format!("“{period}”不是有效期间：{zh}。"),
                format!("\"{period}\" is not a valid period: {en}."),
            )
        })?;
        let names = Names::load(self)?;
        let person_name = names.person(Some(person_id));
        if person_name.is_empty() {
            return Err(AppError::invalid(
                "person_id",
                "请选择人员。",
                "Choose a person.",
            ));
        }
        let rows = self.plans(None)?;
        let items = rows
            .into_iter()
            .filter(|r| {
                r.node.owner_person_id.as_deref() == Some(person_id) && r.node.period == period
            })
            .map(|r| {
                let target = match &r.node.target_value {
                    Some(t) => format!("{t}{}", r.node.target_unit),
                    None => r.node.target_unit.clone(),
                };
                SummaryItem {
                    done: r.progress_pct.parse::<Decimal>().unwrap_or_default() >= hundred(),
                    node_id: r.node.id,
                    title: r.node.title,
                    target,
                    progress_pct: r.progress_pct,
                    outcome: r.node.outcome,
                }
            })
            .collect();
        let saved = self.store.work_summary(person_id, period)?;
        Ok(WorkSummary {
            person_id: person_id.to_string(),
            person_name,
            period: period.to_string(),
            items,
            text: saved.as_ref().map_or_else(String::new, |s| s.0.clone()),
            updated_at: saved.map(|s| s.1),
        })
    }

    /// Saves the summary's text and each item's "what was done / why not".
    pub fn work_summary_save(&mut self, s: &WorkSummary) -> Result<WorkSummary> {
        let current = self.work_summary(&s.person_id, &s.period)?;
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            for item in &s.items {
                if !current.items.iter().any(|c| c.node_id == item.node_id) {
                    continue;
                }
                if let Some(mut n) = w.plan_node(&item.node_id)? {
                    if n.outcome != item.outcome.trim() {
                        n.outcome = item.outcome.trim().to_string();
                        n.updated_at = at.clone();
                        w.put_plan_node(&n)?;
                        index_plan(w, &n)?;
                    }
                }
            }
            w.put_work_summary(&s.person_id, &s.period, s.text.trim(), &at)?;
            Ok(())
        })?;
        self.work_summary(&s.person_id, &s.period)
    }
}
