#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Plans: the lifecycle rules, progress by weight and from KPI figures, target adjustments,
//! work summaries.

use branchdesk_app::plans::{AdjustInput, PlanInput, PlanRow};
use branchdesk_app::App;
use branchdesk_domain::{AdjustStatus, Lang, PlanAction, PlanLevel, PlanStatus, Priority};
use rust_decimal::Decimal;

mod common;
use common::demo;

fn plan(app: &App, title: &str) -> PlanRow {
    app.plans(None)
        .unwrap()
        .into_iter()
        .find(|r| r.node.title == title)
        .unwrap_or_else(|| panic!("no plan {title}"))
}

fn input(row: &PlanRow) -> PlanInput {
    let n = &row.node;
    PlanInput {
        id: Some(n.id.clone()),
        unit_id: n.unit_id.clone(),
        parent_id: n.parent_id.clone(),
        level: n.level,
        title: n.title.clone(),
        owner_person_id: n.owner_person_id.clone(),
        owner_position_id: n.owner_position_id.clone(),
        period: n.period.clone(),
        priority: n.priority,
        weight: n.weight.clone(),
        target_value: n.target_value.clone(),
        target_unit: n.target_unit.clone(),
        kpi_metric: n.kpi_metric.clone(),
        actual_value: n.actual_value.clone(),
        progress: n.progress.clone(),
        milestones: n.milestones.clone(),
        outcome: n.outcome.clone(),
        deviation: n.deviation.clone(),
    }
}

fn child(parent: &PlanRow, title: &str, period: &str, weight: &str) -> PlanInput {
    PlanInput {
        id: None,
        parent_id: Some(parent.node.id.clone()),
        level: PlanLevel::Quarter,
        title: title.into(),
        period: period.into(),
        weight: weight.into(),
        target_value: None,
        target_unit: String::new(),
        kpi_metric: None,
        actual_value: None,
        progress: "0".into(),
        milestones: Vec::new(),
        outcome: String::new(),
        deviation: String::new(),
        priority: Priority::Medium,
        ..input(parent)
    }
}

fn msg(e: branchdesk_app::AppError) -> String {
    e.message(Lang::Zh)
}

#[test]
fn a_plan_is_submitted_only_when_the_weights_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let draft = plan(&app, "淄博市分公司2017年度发展计划（草案）");
    assert_eq!(draft.node.status, PlanStatus::Draft);
    assert_eq!(draft.children_weight.as_deref(), Some("60"));
    let e = msg(app
        .plan_transition(&draft.node.id, PlanAction::Submit, "")
        .unwrap_err());
    assert!(
        e.contains("淄博市分公司2017年度发展计划（草案）") && e.contains("60"),
        "{e}"
    );
    assert_eq!(
        plan(&app, "淄博市分公司2017年度发展计划（草案）")
            .node
            .status,
        PlanStatus::Draft
    );
    // A child outside the parent's period, or of the same level, is refused.
    let e = msg(app
        .plan_save(&child(&draft, "二季度", "2018-Q2", "40"))
        .unwrap_err());
    assert!(e.contains("超出了上级计划的期间"), "{e}");
    let mut same = child(&draft, "另一年度计划", "2017", "40");
    same.level = PlanLevel::Annual;
    assert!(msg(app.plan_save(&same).unwrap_err()).contains("层级"));
    let q2 = app
        .plan_save(&child(&draft, "二季度：续保率提升至85%", "2017-Q2", "40"))
        .unwrap();
    // The weights below the children count too.
    let mut month = child(&q2, "4月续保清单分配到人", "2017-04", "50");
    month.level = PlanLevel::Month;
    let m = app.plan_save(&month).unwrap();
    let e = msg(app
        .plan_transition(&draft.node.id, PlanAction::Submit, "")
        .unwrap_err());
    assert!(
        e.contains("二季度：续保率提升至85%") && e.contains("50"),
        "{e}"
    );
    let mut m = input(&m);
    m.weight = "100".into();
    app.plan_save(&m).unwrap();
    let r = app
        .plan_transition(&draft.node.id, PlanAction::Submit, "")
        .unwrap();
    assert_eq!(r.node.status, PlanStatus::Submitted);
    // Submitted plans are not edited; annual plans are approved by HQ, not the unit.
    assert!(msg(app.plan_save(&input(&r)).unwrap_err()).contains("已上报"));
    assert!(msg(app
        .plan_transition(&draft.node.id, PlanAction::Approve, "")
        .unwrap_err())
    .contains("总部"));
    assert!(msg(app
        .plan_transition(&draft.node.id, PlanAction::Return, " ")
        .unwrap_err())
    .contains("修改意见"));
    let r = app
        .plan_transition(
            &draft.node.id,
            PlanAction::Return,
            "增加二季度目标的量化指标",
        )
        .unwrap();
    assert_eq!(r.node.status, PlanStatus::Returned);
    let h = app.plan_history(&draft.node.id).unwrap();
    let steps: Vec<PlanStatus> = h.iter().map(|c| c.to_status).collect();
    assert_eq!(
        steps,
        [
            PlanStatus::Draft,
            PlanStatus::Submitted,
            PlanStatus::Returned
        ]
    );
    assert_eq!(h[2].comment, "增加二季度目标的量化指标");
    // A quarterly goal is approved inside the unit and then executed.
    let q = app
        .plan_transition(&q2.node.id, PlanAction::Submit, "")
        .unwrap();
    assert_eq!(q.node.status, PlanStatus::Submitted);
    let q = app
        .plan_transition(&q2.node.id, PlanAction::Approve, "同意")
        .unwrap();
    let q = app
        .plan_transition(&q.node.id, PlanAction::Start, "")
        .unwrap();
    assert_eq!(q.node.status, PlanStatus::Executing);
}

#[test]
fn progress_rolls_up_by_weight_and_reads_kpi_figures() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let quotes = plan(&app, "第四季度移动端报价不少于600笔");
    let sum: Decimal = ["2016-10", "2016-11", "2016-12"]
        .iter()
        .map(|m| {
            app.kpi_entry(None, m).unwrap().values["ZB-ZD"]["mobile_quotes"]
                .parse::<Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(quotes.actual.as_deref(), Some(sum.to_string().as_str()));
    let expected = (sum * Decimal::from(100) / Decimal::from(600)).min(Decimal::from(100));
    let expected =
        expected.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(quotes.progress_pct, expected.to_string());
    let annual = plan(&app, "张店区支公司2016年度经营计划");
    let renew: Decimal = plan(&app, "到期续保全部分配到人")
        .progress_pct
        .parse()
        .unwrap();
    assert_eq!(renew, Decimal::from(80));
    let full = (sum * Decimal::from(100) / Decimal::from(600)).min(Decimal::from(100));
    let rolled = ((full * Decimal::from(50) + renew * Decimal::from(50)) / Decimal::from(100))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(annual.progress_pct, rolled.to_string());
    // An entered actual against its target: 22 of 30.
    assert_eq!(
        plan(&app, "12月支付工具推广每支公司不少于30笔").progress_pct,
        "73.33"
    );
}

#[test]
fn executing_plans_change_only_progress_and_close_with_a_deviation_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let renew = plan(&app, "年底续保专项：续保分配率达到95%");
    let mut i = input(&renew);
    i.target_value = Some("90".into());
    assert!(msg(app.plan_save(&i).unwrap_err()).contains("目标调整申请"));
    let mut i = input(&renew);
    i.actual_value = Some("93".into());
    i.milestones[2].done = true;
    let r = app.plan_save(&i).unwrap();
    assert_eq!(r.actual.as_deref(), Some("93"));
    let e = msg(app
        .plan_transition(&renew.node.id, PlanAction::Close, "")
        .unwrap_err());
    assert!(e.contains("偏差分析"), "{e}");
    let r = app
        .plan_transition(
            &renew.node.id,
            PlanAction::Close,
            "团体业务续保清单滞后，分配率差2个百分点",
        )
        .unwrap();
    assert_eq!(r.node.status, PlanStatus::Closed);
    assert_eq!(r.node.deviation, "团体业务续保清单滞后，分配率差2个百分点");
    assert!(app
        .search("滞后 分配率", 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == renew.node.id));
}

#[test]
fn target_adjustments_only_for_future_months_asked_a_month_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    // The demo database carries its own day: lead times count from it, not the computer's.
    let settings = app.settings().unwrap();
    assert_eq!(settings.site_today.as_deref(), Some("2016-12-28"));
    let today = chrono::NaiveDate::parse_from_str(&settings.today, "%Y-%m-%d").unwrap();
    let month = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
    let in_three = today.checked_add_months(chrono::Months::new(3)).unwrap();
    let parent = plan(&app, "张店区支公司2016年度经营计划");
    let mut p = child(&parent, "保费收入目标", &month(in_three), "0");
    p.parent_id = None;
    p.level = PlanLevel::Month;
    p.target_value = Some("1,200,000".into());
    p.target_unit = "元".into();
    let node = app.plan_save(&p).unwrap();
    assert_eq!(node.node.target_value.as_deref(), Some("1200000"));
    let ask = |m: String| AdjustInput {
        node_id: node.node.id.clone(),
        month: m,
        new_target: "1100000".into(),
        reason: "重点客户续保推迟".into(),
    };
    // This month and next month are too late; the month after next is allowed unless next
    // month starts exactly a month from today.
    let e = msg(app.plan_adjust_request(&ask(month(today))).unwrap_err());
    assert!(e.contains("提前一个月"), "{e}");
    let next = today.checked_add_months(chrono::Months::new(1)).unwrap();
    assert!(
        app.plan_adjust_request(&ask(month(next))).is_err()
            || today.format("%d").to_string() == "01"
    );
    let a = app.plan_adjust_request(&ask(month(in_three))).unwrap();
    assert_eq!(
        (a.status, a.old_target.as_deref()),
        (AdjustStatus::Pending, Some("1200000"))
    );
    assert!(msg(app.plan_adjust_request(&ask(month(in_three))).unwrap_err()).contains("待审批"));
    assert_eq!(plan(&app, "保费收入目标").pending_adjustments, 1);
    assert!(msg(app
        .plan_adjust_decide(&a.id, AdjustStatus::Approved, "")
        .unwrap_err())
    .contains("审批意见"));
    let d = app
        .plan_adjust_decide(&a.id, AdjustStatus::Approved, "同意，报总经理备案")
        .unwrap();
    assert_eq!(
        (d.status, d.decision.as_str()),
        (AdjustStatus::Approved, "同意，报总经理备案")
    );
    assert_eq!(
        plan(&app, "保费收入目标").node.target_value.as_deref(),
        Some("1100000")
    );
    assert!(app
        .plan_adjust_decide(&a.id, AdjustStatus::Refused, "重复审批")
        .is_err());
    // A refusal is kept with its reason and changes nothing.
    let b = app
        .plan_adjust_request(&AdjustInput {
            new_target: "900000".into(),
            ..ask(month(in_three))
        })
        .unwrap();
    app.plan_adjust_decide(&b.id, AdjustStatus::Refused, "调整幅度过大，不予批准")
        .unwrap();
    assert_eq!(
        plan(&app, "保费收入目标").node.target_value.as_deref(),
        Some("1100000")
    );
    let all = app.plan_adjustments(Some(&node.node.id)).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .any(|x| x.status == AdjustStatus::Refused && x.decision == "调整幅度过大，不予批准"));
}

#[test]
fn work_summaries_list_the_week_and_keep_the_owners_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let person = app
        .org_snapshot(None)
        .unwrap()
        .people
        .into_iter()
        .find(|p| p.person.name == "黄蕾")
        .unwrap()
        .person
        .id;
    let mut s = app.work_summary(&person, "2016-W49").unwrap();
    let items: Vec<(&str, bool)> = s.items.iter().map(|i| (i.title.as_str(), i.done)).collect();
    assert_eq!(
        items,
        [
            ("逐一联系未绑定微信的用户", true),
            ("整理支付工具推广成效排名", false)
        ]
    );
    assert_eq!(s.items[1].outcome, "两家支公司数据未报，排名延后到下周。");
    s.items[1].outcome = "数据已催报，12月12日完成排名。".into();
    s.text = "本周完成微信绑定跟进。".into();
    let saved = app.work_summary_save(&s).unwrap();
    assert_eq!(saved.text, "本周完成微信绑定跟进。");
    assert_eq!(
        app.work_summary(&person, "2016-W49").unwrap().items[1].outcome,
        "数据已催报，12月12日完成排名。"
    );
    assert!(app.work_summary(&person, "2016-W99").is_err());
}
