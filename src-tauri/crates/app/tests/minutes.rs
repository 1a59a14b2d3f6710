#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Meetings and minutes: carry-forward, locking and revisions, the follow-up board,
//! submissions feeding the KPI figure, and search in Chinese.

use branchdesk_app::minutes::{ActionFilter, ActionInput, ActionUpdate, MinutesInput};
use branchdesk_app::App;
use branchdesk_domain::{
    ActionStatus, AgendaItem, AttendRole, Attendee, MeetingKind, MeetingStatus, MinutesBody,
    Verdict,
};

mod common;
use common::{demo, person, unit};

/// A weekly meeting of 淄川区支公司 (which has no meetings in the demo).
fn meeting(app: &App, held_at: &str, actions: &[(&str, &str)]) -> MinutesInput {
    let chair = person(app, "ZB-ZC-01");
    MinutesInput {
        id: None,
        unit_id: unit(app, "ZB-ZC"),
        kind: MeetingKind::Weekly,
        series: "淄川区支公司周例会".into(),
        title: format!("淄川区支公司周例会 {held_at}"),
        held_at: held_at.into(),
        place: "会议室".into(),
        chair_id: Some(chair.clone()),
        recorder_id: Some(person(app, "ZB-ZC-03")),
        body: MinutesBody {
            attendees: vec![Attendee {
                person_id: chair.clone(),
                role: AttendRole::Present,
                reason: String::new(),
            }],
            agenda: vec![AgendaItem {
                title: "续保工作".into(),
                points: "到期续保清单已分配。".into(),
            }],
            decisions: vec!["每周一分配续保清单。".into()],
            revision_note: String::new(),
        },
        actions: actions
            .iter()
            .map(|(title, due)| ActionInput {
                id: None,
                title: (*title).into(),
                detail: String::new(),
                owner_id: Some(chair.clone()),
                due_on: (*due).into(),
                plan_node_id: None,
            })
            .collect(),
    }
}

fn titles(v: &[branchdesk_app::minutes::ActionView]) -> Vec<&str> {
    v.iter().map(|a| a.item.title.as_str()).collect()
}

#[test]
fn open_items_carry_forward_to_later_meetings_of_the_series() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let a = app
        .minutes_save(&meeting(
            &app,
            "2016-07-04 08:30",
            &[
                ("落实续保分配", "2016-07-08"),
                ("清理未登录用户", "2016-07-06"),
            ],
        ))
        .unwrap();
    // A meeting created in advance, before the one in between exists.
    let c = app
        .minutes_save(&meeting(&app, "2016-07-18 08:30", &[]))
        .unwrap();
    assert_eq!(titles(&c.carried), ["落实续保分配", "清理未登录用户"]);
    // 清理未登录用户 is done before the second meeting.
    let done = a
        .actions
        .iter()
        .find(|x| x.item.title == "清理未登录用户")
        .unwrap();
    app.action_update(&ActionUpdate {
        id: done.item.id.clone(),
        status: ActionStatus::Done,
        due_on: None,
        note: "已清理3人".into(),
    })
    .unwrap();
    let b = app
        .minutes_save(&meeting(
            &app,
            "2016-07-11 08:30",
            &[("组织移动端报价培训", "2016-07-20")],
        ))
        .unwrap();
    // Done "today" (after these 2016 meetings): still shown at both as closed since then.
    assert_eq!(titles(&b.carried), ["落实续保分配", "清理未登录用户"]);
    let c = app.minutes_get(&c.meeting.id).unwrap();
    assert_eq!(
        titles(&c.carried),
        ["落实续保分配", "清理未登录用户", "组织移动端报价培训"],
        "the meeting made in advance also carries what the one in between raised"
    );
    // Another series of the same unit carries nothing from this one.
    let mut other = meeting(&app, "2016-07-25 08:30", &[]);
    other.series = "淄川区支公司月度经营分析会".into();
    other.kind = MeetingKind::MonthlyReview;
    assert!(app.minutes_save(&other).unwrap().carried.is_empty());
    // New form for the series: place, chair and attendees come from its latest meeting.
    let form = app
        .minutes_new(
            &unit(&app, "ZB-ZC"),
            MeetingKind::Weekly,
            Some("淄川区支公司周例会"),
        )
        .unwrap();
    assert_eq!(form.chair_id, a.meeting.chair_id);
    assert_eq!(form.body.attendees.len(), 1);
    assert!(form.title.contains("第4期"), "{}", form.title);
    // Issue 23: when the series already met on the demo's day (or later), the next meeting
    // defaults to a week after it, not to the same minute (whose carried items were missing).
    let today = app.settings().unwrap().today;
    let last = meeting(
        &app,
        &format!("{today} 09:00"),
        &[("汇总本周续保清单", &today)],
    );
    app.minutes_save(&last).unwrap();
    let next = app
        .minutes_new(
            &unit(&app, "ZB-ZC"),
            MeetingKind::Weekly,
            Some("淄川区支公司周例会"),
        )
        .unwrap();
    let week_later = (chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap()
        + chrono::Duration::days(7))
    .format("%Y-%m-%dT09:00")
    .to_string();
    assert_eq!(next.held_at, week_later);
    let carried = app
        .minutes_carried(&next.unit_id, &next.series, &next.held_at)
        .unwrap();
    assert!(
        titles(&carried).contains(&"汇总本周续保清单"),
        "{:?}",
        titles(&carried)
    );
}

#[test]
fn final_minutes_are_locked_and_corrections_are_new_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let mut input = meeting(&app, "2016-08-01 08:30", &[("落实续保分配", "2016-08-05")]);
    let v = app.minutes_save(&input).unwrap();
    input.id = Some(v.meeting.id.clone());
    let v = app.minutes_finalise(&v.meeting.id).unwrap();
    assert_eq!((v.meeting.status, v.meeting.rev), (MeetingStatus::Final, 1));
    input.body.decisions = vec!["每周二分配续保清单。".into()];
    let err = app.minutes_save(&input).unwrap_err();
    assert_eq!(err.code(), "input.invalid");
    assert!(err.message(branchdesk_domain::Lang::Zh).contains("修订"));
    assert_eq!(
        app.minutes_revise(&v.meeting.id, " ").unwrap_err().code(),
        "input.invalid"
    );
    app.minutes_revise(&v.meeting.id, "决议日期记录有误")
        .unwrap();
    // In a revision, removing an action item cancels it (it is kept, with the reason).
    input.actions.clear();
    app.minutes_save(&input).unwrap();
    let v2 = app.minutes_finalise(&v.meeting.id).unwrap();
    assert_eq!(v2.meeting.rev, 2);
    assert_eq!(v2.revisions.len(), 2);
    assert_eq!(v2.revisions[1].reason, "决议日期记录有误");
    let cancelled = &v2.actions[0];
    assert_eq!(cancelled.item.status, ActionStatus::Cancelled);
    let first = app.minutes_revision(&v.meeting.id, 1).unwrap();
    assert_eq!(first.body.decisions, ["每周一分配续保清单。"]);
    assert_eq!(first.actions[0].item.status, ActionStatus::Open);
    assert_eq!(
        app.minutes_revision(&v.meeting.id, 2)
            .unwrap()
            .body
            .decisions,
        ["每周二分配续保清单。"]
    );
    // Only one submission, however often it is revised; finalised minutes cannot be deleted.
    let subs = app.submissions(Some("2016-08")).unwrap();
    assert_eq!(
        subs.iter()
            .filter(|s| s.submission.meeting_id.as_deref() == Some(&v.meeting.id))
            .count(),
        1
    );
    assert_eq!(
        app.minutes_delete(&v.meeting.id).unwrap_err().code(),
        "input.invalid"
    );
    // Search sees the corrected text only.
    assert!(app
        .search("每周二分配", 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == v.meeting.id));
    assert!(!app
        .search("每周一分配", 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == v.meeting.id));
}

#[test]
fn the_form_is_checked_and_nothing_is_saved_on_a_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let before = app.minutes_list(None).unwrap().len();
    let mut m = meeting(&app, "2016-08-01 08:30", &[("落实续保分配", "2016-07-30")]);
    let e = app.minutes_save(&m).unwrap_err();
    assert!(
        e.message(branchdesk_domain::Lang::Zh)
            .contains("早于会议日期"),
        "{}",
        e.message(branchdesk_domain::Lang::Zh)
    );
    m.actions[0].due_on = "2016-08-05".into();
    m.actions[0].owner_id = None;
    assert!(app
        .minutes_save(&m)
        .unwrap_err()
        .message(branchdesk_domain::Lang::Zh)
        .contains("责任人"));
    m.actions.clear();
    m.body.attendees.push(Attendee {
        person_id: person(&app, "ZB-ZC-02"),
        role: AttendRole::Absent,
        reason: " ".into(),
    });
    let e = app.minutes_save(&m).unwrap_err();
    assert!(
        e.message(branchdesk_domain::Lang::Zh).contains("缺席原因"),
        "{}",
        e.message(branchdesk_domain::Lang::Zh)
    );
    m.held_at = "2016-13-01 08:30".into();
    assert_eq!(app.minutes_save(&m).unwrap_err().code(), "input.invalid");
    assert_eq!(app.minutes_list(None).unwrap().len(), before);
    // A draft can be deleted with its items.
    m.held_at = "2016-08-01 08:30".into();
    m.body.attendees.pop();
    m.actions = meeting(&app, "2016-08-01 08:30", &[("落实续保分配", "2016-08-05")]).actions;
    let v = app.minutes_save(&m).unwrap();
    app.minutes_delete(&v.meeting.id).unwrap();
    assert_eq!(app.minutes_list(None).unwrap().len(), before);
    assert!(!app
        .search("落实续保分配", 50)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == v.actions[0].item.id));
}

#[test]
fn follow_ups_are_logged_and_postponing_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let v = app
        .minutes_save(&meeting(
            &app,
            "2016-08-01 08:30",
            &[("落实续保分配", "2016-08-05")],
        ))
        .unwrap();
    let id = v.actions[0].item.id.clone();
    // An item may be linked to a plan node; the board names the plan. A bogus link is refused.
    let plan = app
        .plans(None)
        .unwrap()
        .into_iter()
        .find(|p| p.node.title == "到期续保全部分配到人")
        .unwrap();
    let mut linked = meeting(
        &app,
        "2016-08-02 08:30",
        &[("逐户回访未续保客户", "2016-08-09")],
    );
    linked.actions[0].plan_node_id = Some("no-such-plan".into());
    assert!(app
        .minutes_save(&linked)
        .unwrap_err()
        .message(branchdesk_domain::Lang::Zh)
        .contains("关联的计划不存在"));
    linked.actions[0].plan_node_id = Some(plan.node.id.clone());
    let lv = app.minutes_save(&linked).unwrap();
    assert_eq!(
        lv.actions[0].plan_title.as_deref(),
        Some("到期续保全部分配到人")
    );
    let board = app.actions_board(&ActionFilter::default()).unwrap();
    assert_eq!(
        board
            .iter()
            .find(|a| a.item.id == lv.actions[0].item.id)
            .unwrap()
            .plan_title
            .as_deref(),
        Some("到期续保全部分配到人")
    );
    let up = |status, due: Option<&str>, note: &str| ActionUpdate {
        id: id.clone(),
        status,
        due_on: due.map(str::to_string),
        note: note.into(),
    };
    assert_eq!(
        app.action_update(&up(ActionStatus::Open, Some("2016-08-12"), ""))
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    assert_eq!(
        app.action_update(&up(ActionStatus::Cancelled, None, ""))
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    app.action_update(&up(
        ActionStatus::InProgress,
        Some("2016-08-12"),
        "团体业务清单未到",
    ))
    .unwrap();
    let overdue = app
        .actions_board(&ActionFilter {
            overdue_only: true,
            today: Some("2016-08-15".into()),
            ..Default::default()
        })
        .unwrap();
    let item = overdue.iter().find(|a| a.item.id == id).unwrap();
    assert_eq!(item.overdue_days, 3);
    assert_eq!(item.meeting_title, v.meeting.title);
    app.action_update(&up(ActionStatus::Done, None, ""))
        .unwrap();
    let h = app.action_history(&id).unwrap();
    let steps: Vec<(Option<ActionStatus>, ActionStatus, &str)> = h
        .iter()
        .map(|c| (c.old_status, c.new_status, c.due_on.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (None, ActionStatus::Open, "2016-08-05"),
            (
                Some(ActionStatus::Open),
                ActionStatus::InProgress,
                "2016-08-12"
            ),
            (
                Some(ActionStatus::InProgress),
                ActionStatus::Done,
                "2016-08-12"
            ),
        ]
    );
    assert_eq!(h[1].note, "团体业务清单未到");
    let board = app
        .actions_board(&ActionFilter {
            today: Some("2016-08-15".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        !board.iter().any(|a| a.item.id == id),
        "done items leave the board"
    );
}

#[test]
fn compliant_submissions_become_the_kpi_figure() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let zc = unit(&app, "ZB-ZC");
    let figure = |app: &App| {
        app.kpi_entry(None, "2016-09")
            .unwrap()
            .values
            .get("ZB-ZC")
            .and_then(|v| v.get("compliant_submissions"))
            .cloned()
    };
    let existing = app
        .submissions(Some("2016-09"))
        .unwrap()
        .into_iter()
        .filter(|s| s.submission.unit_id == zc && s.submission.verdict == Some(Verdict::Compliant))
        .count();
    assert_eq!(
        figure(&app),
        Some(existing.to_string()),
        "the demo's figure is its compliant count"
    );
    let v = app
        .minutes_save(&meeting(&app, "2016-09-05 08:30", &[]))
        .unwrap();
    let v = app.minutes_finalise(&v.meeting.id).unwrap();
    let s = v.submission.unwrap();
    assert_eq!(
        (s.month.as_str(), s.unit_id.as_str(), s.verdict),
        ("2016-09", zc.as_str(), None)
    );
    assert_eq!(
        app.submission_review(&s.id, Some(Verdict::Noncompliant), "")
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    app.submission_review(&s.id, Some(Verdict::Compliant), "")
        .unwrap();
    assert_eq!(figure(&app), Some((existing + 1).to_string()));
    app.submission_review(&s.id, Some(Verdict::Noncompliant), "缺少参会人员签字")
        .unwrap();
    assert_eq!(figure(&app), Some(existing.to_string()));
    let h = app
        .kpi_history("ZB-ZC", "2016-09", "compliant_submissions")
        .unwrap();
    assert!(h[0].by.starts_with("报送审核"), "{:?}", h[0]);
    // A department's minutes count for its sub-branch's parent unit chain: 营销管理部 → 淄博市分公司,
    // which is not assessed, so no figure appears for it.
    let city = unit(&app, "ZB");
    let mut dept = meeting(&app, "2016-09-06 08:30", &[]);
    dept.unit_id = unit(&app, "ZB-MKT");
    dept.series = "营销管理部周例会".into();
    let v = app.minutes_save(&dept).unwrap();
    let s = app
        .minutes_finalise(&v.meeting.id)
        .unwrap()
        .submission
        .unwrap();
    assert_eq!(s.unit_id, city);
    app.submission_review(&s.id, Some(Verdict::Compliant), "")
        .unwrap();
    assert!(!app
        .kpi_entry(None, "2016-09")
        .unwrap()
        .values
        .contains_key("ZB"));
}

#[test]
fn search_finds_two_character_chinese_words_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let hits = app.search("续保", 200).unwrap();
    let kinds: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["action", "incoming", "meeting", "outgoing", "plan"]
            .into_iter()
            .collect()
    );
    assert!(hits
        .iter()
        .all(|h| h.excerpt.contains("续保") || h.title.contains("续保")));
    // Every action item whose title mentions 续保 is found.
    let all = app
        .actions_board(&ActionFilter {
            include_closed: true,
            ..Default::default()
        })
        .unwrap();
    for a in all.iter().filter(|a| a.item.title.contains("续保")) {
        assert!(
            hits.iter().any(|h| h.ref_id == a.item.id),
            "{}",
            a.item.title
        );
    }
    assert!(app.search("续保 培训", 50).unwrap().iter().all(|h| {
        let t = format!("{}{}", h.title, h.excerpt);
        t.contains("续保") && t.contains("培训")
    }));
    assert!(app.search("火星", 50).unwrap().is_empty());
    assert!(app.search("  ", 50).unwrap().is_empty());
}
