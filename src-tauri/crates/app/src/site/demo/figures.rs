//! The demo's KPI scheme (seed 001 with targets) and its generated monthly figures.

use branchdesk_domain::{Submission, SubmissionKind, Verdict};
use branchdesk_store::{new_id, Writer};

use crate::site::demo::{next_month, DEMO_TARGETS, KPI_MONTHS, MMS_TEMPLATE, REVIEWER};
use crate::{AppError, Result};

/// The seed 001 template with the demo's targets filled in.
pub(super) fn demo_scheme() -> Result<(String, String, String)> {
    let bad = |e: &dyn std::fmt::Display| AppError::Demo(format!("mms-2016 template: {e}"));
    let mut t: toml::Table = toml::from_str(MMS_TEMPLATE).map_err(|e| bad(&e))?;
    let indicators = t
        .get_mut("indicator")
        .and_then(|v| v.as_array_mut())
        .ok_or_else(|| bad(&"no indicators"))?;
    for ind in indicators.iter_mut().filter_map(|v| v.as_table_mut()) {
        let id = ind
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if let Some((_, target)) = DEMO_TARGETS.iter().find(|(k, _)| *k == id) {
            ind.insert("target".into(), toml::Value::Integer(*target));
            ind.insert(
                "note".into(),
                toml::Value::String(format!(
                    "演示目标值 {target}（原文附件缺失，由市公司设定）。"
                )),
            );
        }
    }
    let header = t
        .get_mut("scheme")
        .and_then(|v| v.as_table_mut())
        .ok_or_else(|| bad(&"no [scheme]"))?;
    if let Some(notes) = header.get_mut("notes").and_then(|v| v.as_array_mut()) {
        notes.push(toml::Value::String(
            "演示数据：人均类指标的目标值为演示设定。".into(),
        ));
    }
    let id = header
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let name = header
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let source = toml::to_string(&t).map_err(|e| bad(&e))?;
    Ok((id, name, source))
}

/// Plausible monthly figures for seed 001's metrics, the same on every run (a fixed
/// pseudo-random sequence per unit), so that demo scores and screenshots are reproducible.
pub(super) fn write_kpi_figures(w: &Writer<'_>, unit_id: &str, unit_no: u64) -> Result<()> {
    let mut rng = Lcg(0x9E37_79B9_7F4A_7C15 ^ (unit_no + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let users = 20 + rng.below(40); // system users of the unit
    for month in KPI_MONTHS {
        let due = 150 + rng.below(250);
        let valid_tasks = 60 + rng.below(120);
        let figures: [(&str, String); 14] = [
            ("users", users.to_string()),
            ("quotes", (users * (12 + rng.below(16))).to_string()),
            ("conversions", (users * (3 + rng.below(6))).to_string()),
            (
                "closed_premium",
                format!(
                    "{}.{:02}",
                    users * (8_000 + rng.below(12_000)),
                    rng.below(100)
                ),
            ),
            (
                "policy_sorting",
                ["有效落实", "一般", "未实施"][rng.below(10).min(9) as usize / 4].to_string(),
            ),
            ("renewal_due", due.to_string()),
            (
                "renewal_assigned",
                (due * (70 + rng.below(31)) / 100).to_string(),
            ),
            ("tasks_valid", valid_tasks.to_string()),
            (
                "tasks_executed",
                (valid_tasks * (60 + rng.below(41)) / 100).to_string(),
            ),
            (
                "active_users",
                (users * (50 + rng.below(51)) / 100).to_string(),
            ),
            ("mobile_quotes", (users * (2 + rng.below(10))).to_string()),
            (
                "wechat_bound",
                (users * (85 + rng.below(16)) / 100).min(users).to_string(),
            ),
            ("mobile_payment", (users * (1 + rng.below(8))).to_string()),
            ("compliant_submissions", (3 + rng.below(5)).to_string()),
        ];
        for (metric, value) in &figures {
            w.put_kpi_value(unit_id, month, metric, value)?;
        }
        // The submissions behind `compliant_submissions`, reviewed on the 5th of next month.
        let n: usize = figures[13].1.parse().expect("a count");
        let reviewed = format!("{}-05T10:00:00Z", next_month(month));
        let kinds = [
            SubmissionKind::Briefing,
            SubmissionKind::Bulletin,
            SubmissionKind::Training,
        ];
        let ym = month.replacen('-', "年", 1);
        let late = (unit_no + u64::from(month.as_bytes()[6])).is_multiple_of(4);
        for i in 0..n + usize::from(late) {
            let kind = kinds[i % kinds.len()];
            let title = match kind {
                SubmissionKind::Briefing => format!("{ym}月工作简报（第{}期）", i / 3 + 1),
                SubmissionKind::Bulletin => format!("{ym}月系统推广数据简报"),
                _ => format!("{ym}月系统操作培训记录"),
            };
            let bad = i == n;
            w.put_submission(&Submission {
                id: new_id(),
                unit_id: unit_id.to_string(),
                month: month.to_string(),
                kind,
                title,
                meeting_id: None,
                submitted_on: format!("{month}-{:02}", 10 + 3 * (i % 6)),
                verdict: Some(if bad {
                    Verdict::Noncompliant
                } else {
                    Verdict::Compliant
                }),
                verdict_note: if bad {
                    "缺少参训人员签到表，请补充后重新报送。".into()
                } else {
                    String::new()
                },
                reviewed_by: Some(REVIEWER.into()),
                reviewed_at: Some(reviewed.clone()),
            })?;
        }
    }
    Ok(())
}

pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}
