//! 首页's work list: what is overdue or due soon, and what waits for this person or this site,
//! most urgent first, each line naming the page and record that opens it.

use branchdesk_domain::{Act, Lang, PlanStatus, Role, WorkItem, WorkKind};

use crate::minutes::ActionFilter;
use crate::{App, Result};

/// Items due within this many days are listed before they are overdue.
const DUE_SOON_DAYS: i64 = 3;
/// The list is for a glance, not a register.
const MAX_LINES: usize = 100;

impl App {
    pub(crate) fn worklist(&self) -> Result<Vec<WorkItem>> {
        let me = self.actor()?;
        let my_person = me.as_ref().and_then(|a| a.person_id.clone());
        let may = |act: Act| me.as_ref().is_none_or(|a| a.may(act).is_ok());
        let pick = |zh: String, en: String| self.lang.pick(zh, en);
        let today = self.ctx.today();
        let soon = (today + chrono::Duration::days(DUE_SOON_DAYS))
            .format("%Y-%m-%d")
            .to_string();
        let mut out = Vec::new();

        // Action items and incoming documents' handlers, overdue or due within three days.
        for a in self.actions_board(&ActionFilter::default())? {
            if a.overdue_days == 0 && a.item.due_on > soon {
                continue;
            }
            let (kind, page, open_id) = match &a.item.doc_id {
                Some(doc) => (WorkKind::Incoming, "docs", Some(doc.clone())),
                None if a.item.plan_node_id.is_some() && a.item.meeting_id.is_none() => {
                    (WorkKind::Action, "plans", a.item.plan_node_id.clone())
                }
                None => (WorkKind::Action, "minutes", a.item.meeting_id.clone()),
            };
            let source = if a.meeting_title.is_empty() {
                a.unit_name.clone()
            } else {
                a.meeting_title.clone()
            };
            out.push(WorkItem {
                kind,
                title: a.item.title.clone(),
                detail: format!("{} · {source}", a.owner_name),
                due_on: Some(a.item.due_on.clone()),
                overdue_days: a.overdue_days,
                page: page.into(),
                open_id,
                mine: my_person.is_some() && a.item.owner_id == my_person,
            });
        }

        // Figures missing for the current period, for those who enter them.
        if may(Act::EnterFigures) {
            let period = self.settings()?.current_period;
            if let Ok(grid) = self.kpi_entry(None, &period) {
                let mut missing = 0;
                let mut units = 0;
                for u in &grid.units {
                    let gaps = grid.missing(&u.code).count();
                    missing += gaps;
                    units += usize::from(gaps > 0);
                }
                if missing > 0 {
                    out.push(WorkItem {
                        kind: WorkKind::Figures,
                        title: pick(
                            format!("{period} 考核数据未录齐"),
                            format!("KPI figures for {period} incomplete"),
                        ),
                        detail: pick(
                            format!("{units} 个单位共缺 {missing} 项"),
                            format!("{missing} figures missing for {units} units"),
                        ),
                        due_on: None,
                        overdue_days: 0,
                        page: "kpi".into(),
                        open_id: None,
                        mine: true,
                    });
                }
            }
        }

        // Changes not yet sent to (or not acknowledged by) a peer.
        let status = self.sync_status()?;
        for p in status.peers.iter().filter(|p| p.revoked_at.is_none()) {
            if p.unacked_changes > 0 {
                out.push(WorkItem {
                    kind: WorkKind::Bundle,
                    title: pick(
                        format!("向{}发出同步包", p.name),
                        format!("Send a bundle to {}", p.name),
                    ),
                    detail: pick(
                        format!("{} 条变更对方尚未收到", p.unacked_changes),
                        format!("{} changes not received there yet", p.unacked_changes),
                    ),
                    due_on: None,
                    overdue_days: 0,
                    page: "sync".into(),
                    open_id: None,
                    mine: false,
                });
            }
        }

        // Headquarters: units' plans waiting for approval.
        if status.site.role == Role::Hq && may(Act::ApproveUnitPlan) {
            for r in self.plans(None)? {
                if r.node.status == PlanStatus::Submitted {
                    out.push(WorkItem {
                        kind: WorkKind::Approval,
                        title: r.node.title.clone(),
                        detail: pick(
                            format!("{} 上报，待审批", r.unit_name),
                            format!("submitted by {}, to approve", r.unit_name),
                        ),
                        due_on: None,
                        overdue_days: 0,
                        page: "plans".into(),
                        open_id: Some(r.node.id.clone()),
                        mine: true,
                    });
                }
            }
        }

        // Submissions waiting for a verdict, for those who review them.
        if may(Act::ReviewSubmission) {
            for s in self.submissions(None)? {
                if s.submission.verdict.is_none() {
                    out.push(WorkItem {
                        kind: WorkKind::Review,
                        title: s.submission.title.clone(),
                        detail: pick(
                            format!("{} {} 报送，待审核", s.unit_name, s.submission.submitted_on),
                            format!(
                                "from {} on {}, to review",
                                s.unit_name, s.submission.submitted_on
                            ),
                        ),
                        due_on: None,
                        overdue_days: 0,
                        page: "minutes".into(),
                        open_id: None,
                        mine: true,
                    });
                }
            }
        }

        // Headquarters' results to confirm or appeal (at a unit), one line per period and
        // version; appeals to rule on (at headquarters), one line each.
        let hq = self.site()?.role == Role::Hq;
        let answer = !hq && may(Act::AnswerResults);
        let rule = hq && may(Act::RuleAppeal);
        if answer || rule {
            let days_past = |due: &str| {
                due.parse::<chrono::NaiveDate>()
                    .map_or(0, |d| (today - d).num_days().max(0))
            };
            let mut open: Vec<(String, i64, String, usize)> = Vec::new();
            for r in self.kpi_results(None)?.rows {
                use crate::kpi::AnswerState;
                if answer && r.state == AnswerState::Open {
                    match open
                        .iter_mut()
                        .find(|o| o.0 == r.period && o.1 == r.version)
                    {
                        Some(o) => o.3 += 1,
                        None => open.push((r.period.clone(), r.version, r.respond_by.clone(), 1)),
                    }
                }
                if rule && r.state == AnswerState::Appealed {
                    let due = r.ruling_due.clone().unwrap_or_default();
                    let indicator = r
                        .scores
                        .iter()
                        .find(|s| s.id == r.indicator)
                        .map_or(r.indicator.clone(), |s| s.name.clone());
                    out.push(WorkItem {
                        kind: WorkKind::Results,
                        title: pick(
                            format!("{} 对 {} 考核结果的申诉待裁决", r.unit_name, r.period),
                            format!("Appeal of {} against {} to rule on", r.unit_name, r.period),
                        ),
                        detail: pick(
                            format!("申诉“{indicator}”：{}", r.appeal),
                            format!("on {indicator}: {}", r.appeal),
                        ),
                        overdue_days: days_past(&due),
                        due_on: Some(due),
                        page: "kpi".into(),
                        open_id: Some("answers".into()),
                        mine: true,
                    });
                }
            }
            for (period, version, due, n) in open {
                out.push(WorkItem {
                    kind: WorkKind::Results,
                    title: pick(
                        format!("{period} 考核结果（第 {version} 版）待确认或申诉"),
                        format!("Results of {period} (version {version}) to confirm or appeal"),
                    ),
                    detail: pick(
                        format!("{n} 个单位，申诉期到 {due}"),
                        format!("{n} units; the appeal window runs to {due}"),
                    ),
                    overdue_days: 0,
                    due_on: Some(due),
                    page: "kpi".into(),
                    open_id: Some("answers".into()),
                    mine: true,
                });
            }
        }

        // 督办: at a unit, follow-ups to report on; at headquarters, reports to close.
        let report = !hq && may(Act::ReportFollowup);
        let decide = hq && may(Act::RaiseFollowup);
        if report || decide {
            use branchdesk_domain::{FollowupState, Label};
            for f in self.board_followups()?.rows {
                let waiting = matches!(f.state, FollowupState::Open | FollowupState::Overdue);
                let (zh, en) = (f.check.label(Lang::Zh), f.check.label(Lang::En));
                let (title, detail) = if report && waiting {
                    (
                        pick(
                            format!("总部督办：{zh}"),
                            format!("Follow-up from headquarters: {en}"),
                        ),
                        format!("{} · {}", f.unit_name, f.request),
                    )
                } else if decide && f.state == FollowupState::Reported {
                    (
                        pick(
                            format!("{}已答复督办“{zh}”，待办结", f.unit_name),
                            format!(
                                "{} reported on the follow-up of {en}: to close",
                                f.unit_name
                            ),
                        ),
                        f.report.clone(),
                    )
                } else {
                    continue;
                };
                let overdue = if waiting {
                    f.due
                        .parse::<chrono::NaiveDate>()
                        .map_or(0, |d| (today - d).num_days().max(0))
                } else {
                    0
                };
                out.push(WorkItem {
                    kind: WorkKind::Followup,
                    title,
                    detail,
                    due_on: Some(f.due.clone()),
                    overdue_days: overdue,
                    page: "home".into(),
                    open_id: Some(format!("followup-{}", f.id)),
                    mine: true,
                });
            }
        }

        // Most overdue first, then this person's own, then the nearest due date.
        out.sort_by(|a, b| {
            b.overdue_days
                .cmp(&a.overdue_days)
                .then(b.mine.cmp(&a.mine))
                .then(a.due_on.cmp(&b.due_on))
        });
        out.truncate(MAX_LINES);
        Ok(out)
    }
}
