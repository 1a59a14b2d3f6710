//! At headquarters: how long each enrolled unit has been silent.

use std::collections::HashMap;

use branchdesk_domain::{silence_light, BoardRow, BoardThresholds, Check, Role};
use chrono::NaiveDate;

use super::{signal, Rows};
use crate::{App, Result};

impl App {
    /// At headquarters: days since each enrolled unit's last bundle arrived. A unit whose
    /// organisation has not arrived yet gets a row of its own (returned) with that light.
    pub(super) fn bundle_lights(
        &self,
        rows: &mut Rows<'_>,
        as_of: NaiveDate,
        t: &BoardThresholds,
    ) -> Result<Vec<BoardRow>> {
        let status = self.sync_status()?;
        let mut unknown = Vec::new();
        if status.site.role != Role::Hq {
            return Ok(unknown);
        }
        let by_code: HashMap<String, String> = rows
            .names
            .units
            .values()
            .map(|u| (u.code.clone(), u.id.clone()))
            .collect();
        for p in status
            .peers
            .iter()
            .filter(|p| p.revoked_at.is_none() && p.role == Role::Unit)
        {
            let Some(code) = &p.unit_code else { continue };
            let id = by_code.get(code).and_then(|u| rows.owner(u));
            let last = p
                .last_in
                .as_deref()
                .and_then(|s| s.get(..10))
                .and_then(|d| d.parse::<NaiveDate>().ok());
            let days = last.map(|d| (as_of - d).num_days().max(0));
            let reason = match (last, days) {
                (Some(d), Some(n)) => rows.pick(
                    format!("最近一次收到同步包：{d}（{n} 天前）"),
                    format!("Last bundle received {d} ({n} days ago)"),
                ),
                _ => rows.pick(
                    "已加入，从未收到同步包".into(),
                    "Enrolled; no bundle ever received".into(),
                ),
            };
            let s = signal(Check::Bundle, silence_light(days, t), reason, "sync", None);
            match id {
                Some(id) => rows.push(&id, s),
                None => unknown.push(BoardRow {
                    unit_id: String::new(),
                    unit_code: code.clone(),
                    unit_name: p.name.clone(),
                    parent_name: String::new(),
                    light: s.light,
                    signals: vec![s],
                }),
            }
        }
        // Enrolment files issued and not used: nothing has arrived since the day of issue.
        for (code, issued) in self.store.open_enrolments()? {
            let issued = issued.get(..10).unwrap_or_default().to_string();
            let days = issued
                .parse::<NaiveDate>()
                .ok()
                .map(|d| (as_of - d).num_days().max(0));
            let reason = rows.pick(
                format!("{issued} 签发入网文件，尚未收到第一个同步包"),
                format!("Enrolment file issued {issued}; no bundle received yet"),
            );
            let s = signal(Check::Bundle, silence_light(days, t), reason, "sync", None);
            let known = by_code.get(&code).and_then(|u| rows.owner(u));
            match known {
                Some(id) => rows.push(&id, s),
                None => unknown.push(BoardRow {
                    unit_id: String::new(),
                    unit_code: code.clone(),
                    unit_name: code,
                    parent_name: String::new(),
                    light: s.light,
                    signals: vec![s],
                }),
            }
        }
        Ok(unknown)
    }
}
