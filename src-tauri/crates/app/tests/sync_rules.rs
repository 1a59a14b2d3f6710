#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! A bundle proves who sent it, not what they may change: bundles crafted by properly enrolled
//! sites, signed and encrypted with their own keys, that try to change what is not theirs. Each
//! is refused by the rule it breaks, by name, and leaves the recipient's database exactly as it
//! was but for the bundle history.

use std::path::{Path, PathBuf};

use branchdesk_app::kpi::CellInput;
use branchdesk_app::org::{PersonInput, PositionInput};
use branchdesk_app::App;
use branchdesk_domain::{
    BundleOutcome, DocCategory, DocKind, Lang, PositionAttrs, PositionStatus, Role, UnitKind,
};
use serde_json::{json, Value};

mod common;
use common::sites::{add_unit, craft, digest, down, enrol, jinan, row_of, rows, site, up};
use common::unit;

/// Headquarters with 淄博 (the demo) and 济南 enrolled and in step, an enrolment issued for
/// 潍坊 that nobody used yet, a general manager's post of its own and a scheme of its own.
struct Office {
    _dir: tempfile::TempDir,
    hq: App,
    zb: App,
    jn: App,
    hq_db: PathBuf,
    zb_db: PathBuf,
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    let mut jn = jinan(dir.path());
    jn.doc_category_save(&DocCategory {
        code: "company".into(),
        name: "公司发文".into(),
        prefix: "济人保发".into(),
        kind: DocKind::Company,
        foreign: false,
    })
    .unwrap();
    jn.doc_reserve_number("company", Some(2016)).unwrap();
    assert_eq!(
        enrol(&mut hq, &mut zb, "ZB").outcome,
        BundleOutcome::Applied
    );
    assert_eq!(
        enrol(&mut hq, &mut jn, "JN").outcome,
        BundleOutcome::Applied
    );
    hq.sync_enrol("WF").unwrap();
    let office = add_unit(
        &mut hq,
        "QL-OFF",
        "集团办公室",
        UnitKind::Department,
        Some("QL"),
    );
    hq.org_save_position(&PositionInput {
        id: None,
        code: "QL-P-GM".into(),
        attrs: PositionAttrs {
            unit_id: office,
            title: "总经理".into(),
            superior_id: None,
            description: String::new(),
            duties: Vec::new(),
            status: PositionStatus::Active,
            sort: 0,
            closed: false,
        },
        effective: "2016-01-01".into(),
        note: None,
    })
    .unwrap();
    hq.kpi_add_template("marketing-pools-2016").unwrap();
    down(&mut hq, &mut zb, "ZB");
    down(&mut hq, &mut jn, "JN");
    Office {
        hq_db: dir.path().join("hq.db"),
        zb_db: dir.path().join("demo.db"),
        _dir: dir,
        hq,
        zb,
        jn,
    }
}

fn position(app: &App, code: &str) -> String {
    app.org_snapshot(None)
        .unwrap()
        .positions
        .into_iter()
        .find(|p| p.position.code == code)
        .unwrap()
        .position
        .id
}

/// A new version of a unit as `db` holds its latest one, changed by `f`.
fn version_of(db: &Path, unit_id: &str, f: impl Fn(&mut Value)) -> Value {
    let mut v = row_of(
        db,
        "unit_version",
        &format!("unit_id = '{unit_id}' ORDER BY rev DESC"),
    );
    let o = v.as_object_mut().unwrap();
    o.remove("rev");
    o.insert("uid".into(), json!(branchdesk_store::new_id()));
    o.insert("valid_from".into(), json!("2016-11-01"));
    f(&mut v);
    v
}

/// Imports `bytes` at the site in `db` and checks it is refused with `code` naming `rule`,
/// with every table but the bundle history as it was.
fn refused(app: &mut App, db: &Path, bytes: &[u8], code: &str, rule: &str) {
    let before = digest(db);
    let e = app.sync_import(bytes, "crafted.bdk").unwrap_err();
    let msg = e.message(Lang::Zh);
    assert_eq!(e.code(), code, "{msg}");
    assert!(msg.contains(rule), "{rule} not named in: {msg}");
    assert!(msg.contains("数据库未作任何改动"), "{msg}");
    assert_eq!(digest(db), before, "{rule}: the database changed");
}

#[test]
fn a_unit_changes_only_its_own_part_of_the_tree() {
    let mut o = office();
    let ql = unit(&o.hq, "QL");
    let jn = unit(&o.hq, "JN");
    let zb = unit(&o.hq, "ZB");
    let zb_off = unit(&o.hq, "ZB-OFF");
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "renames headquarters' group",
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &ql, |v| v["name"] = json!("淄博集团"))],
            ),
            "sync.forbidden",
            "unit_version.unit_id",
        ),
        (
            "moves another unit under itself",
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &jn, |v| v["parent_id"] = json!(zb))],
            ),
            "sync.forbidden",
            "unit_version.unit_id",
        ),
        (
            "moves itself under another unit",
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &zb, |v| v["parent_id"] = json!(jn))],
            ),
            "sync.forbidden",
            "unit_version.parent_id",
        ),
        (
            "moves its department under another unit",
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &zb_off, |v| {
                    v["parent_id"] = json!(jn)
                })],
            ),
            "sync.forbidden",
            "unit_version.parent_id",
        ),
        (
            "makes its department its own ancestor",
            rows(
                "unit",
                &[{
                    let mut u = row_of(&o.hq_db, "unit", &format!("id = '{zb}'"));
                    u["parent_id"] = json!(zb_off);
                    u
                }],
            ),
            "sync.forbidden",
            "unit.parent_id",
        ),
        (
            "adds a second top of the tree",
            rows(
                "unit",
                &[
                    json!({"id": branchdesk_store::new_id(), "code": "ZB-TOP", "name": "新集团",
                    "kind": "group", "parent_id": null, "econ_assessed": 0, "sort": 0, "closed": 0}),
                ],
            ),
            "sync.forbidden",
            "unit.parent_id",
        ),
        (
            "takes the code headquarters reserved for 潍坊",
            rows(
                "unit",
                &[
                    json!({"id": branchdesk_store::new_id(), "code": "WF", "name": "潍坊市分公司",
                    "kind": "branch", "parent_id": zb, "econ_assessed": 0, "sort": 0, "closed": 0}),
                ],
            ),
            "sync.forbidden",
            "unit.code",
        ),
        (
            "takes a code 济南 holds",
            rows(
                "unit",
                &[
                    json!({"id": branchdesk_store::new_id(), "code": "JN-OFF", "name": "办公室",
                    "kind": "department", "parent_id": zb, "econ_assessed": 0, "sort": 0, "closed": 0}),
                ],
            ),
            "sync.collision",
            "unit.code",
        ),
        (
            "overwrites headquarters' group row",
            rows(
                "unit",
                &[{
                    let mut u = row_of(&o.hq_db, "unit", &format!("id = '{ql}'"));
                    u["name"] = json!("淄博集团");
                    u
                }],
            ),
            "sync.forbidden",
            "unit.owner",
        ),
        (
            "deletes 济南",
            json!({"name": "unit", "cols": ["id"], "put": [], "del": [[jn]]}),
            "sync.forbidden",
            "unit.owner",
        ),
        (
            "puts a person into headquarters' general manager's post",
            rows(
                "assignment",
                &[
                    json!({"id": branchdesk_store::new_id(), "person_id": common::person(&o.zb, "ZB-001"),
                    "position_id": position(&o.hq, "QL-P-GM"), "kind": "primary",
                    "start_on": "2016-11-01", "end_on": null}),
                ],
            ),
            "sync.forbidden",
            "assignment.position_id",
        ),
        (
            "puts a position into 济南's unit",
            rows(
                "position",
                &[{
                    let mut p = row_of(&o.hq_db, "position", "code = 'ZB-P-GM'");
                    p["id"] = json!(branchdesk_store::new_id());
                    p["code"] = json!("ZB-P-X");
                    p["unit_id"] = json!(jn);
                    p
                }],
            ),
            "sync.forbidden",
            "position.unit_id",
        ),
    ];
    let mut cases = cases.into_iter();
    for (what, tables, code, rule) in cases.by_ref() {
        let bytes = craft(&o.zb_db, &o.hq_db, json!([tables]));
        eprintln!("{what}");
        refused(&mut o.hq, &o.hq_db, &bytes, code, rule);
    }
    // Every refusal is in headquarters' history, by its code.
    let history = o.hq.sync_status().unwrap().history;
    assert!(history
        .iter()
        .any(|h| h.code == "sync.collision" && h.message.contains("济南市分公司")));
    // 淄博's genuine changes of its own still go in.
    let next = version_of(&o.hq_db, &zb_off, |v| v["name"] = json!("综合办公室"));
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("unit_version", &[next])]));
    let r = o.hq.sync_import(&bytes, "ok.bdk").unwrap();
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
}

#[test]
fn figures_plans_decisions_and_announcements_belong_to_their_owners() {
    let mut o = office();
    let jn = unit(&o.hq, "JN");
    let zd = unit(&o.hq, "ZB-ZD");
    let decision = json!({"id": branchdesk_store::new_id(), "unit_id": unit(&o.hq, "ZB"),
        "kind": "plan", "subject_id": "x", "verdict": "approve", "comment": "同意",
        "stamp": "submitted", "decided_by": "集团总部", "decided_at": "2016-12-05T10:00:00Z"});
    let node = |status: &str, level: &str, period: &str| {
        json!({"id": branchdesk_store::new_id(), "unit_id": unit(&o.hq, "ZB"), "parent_id": null,
            "level": level, "title": "2017年经营计划", "period": period, "priority": "high",
            "weight": "0", "target_unit": "", "progress": "0", "status": status,
            "deviation": "", "outcome": "", "milestones": "[]", "sort": 0,
            "updated_at": "2016-12-05T10:00:00Z"})
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "enters 济南's figures",
            rows(
                "kpi_value",
                &[json!({"unit_id": jn, "period": "2016-11", "metric": "quotes", "value": "1"})],
            ),
            "kpi_value.unit_id",
        ),
        (
            "logs a change of 济南's figure",
            rows(
                "kpi_value_log",
                &[
                    json!({"uid": branchdesk_store::new_id(), "unit_id": jn, "period": "2016-11",
                    "metric": "quotes", "old_value": null, "new_value": "1",
                    "changed_by": "x", "changed_at": "2016-12-05T10:00:00Z"}),
                ],
            ),
            "kpi_value_log.unit_id",
        ),
        (
            "sends headquarters' approval",
            rows("hq_decision", &[decision]),
            "hq_decision.senders",
        ),
        (
            "announces in headquarters' name",
            rows(
                "announcement",
                &[
                    json!({"id": branchdesk_store::new_id(), "unit_id": null, "title": "集团通知",
                    "body": "", "published_at": "2016-12-05T10:00:00Z", "by": "集团总部"}),
                ],
            ),
            "announcement.senders",
        ),
        (
            "sends itself better results",
            rows(
                "kpi_result",
                &[
                    json!({"id": branchdesk_store::new_id(), "unit_id": zd, "scheme_name": "x",
                    "period": "2016-Q4", "version": 1, "total": "100.00", "rank": 1, "ranked": 11,
                    "reward": "2000.00", "scores": "[]", "reason": "", "published_by": "集团总部",
                    "published_at": "2016-12-05T10:00:00Z", "respond_by": "2017-01-05"}),
                ],
            ),
            "kpi_result.senders",
        ),
        (
            "rules on its own appeal",
            rows(
                "kpi_ruling",
                &[
                    json!({"id": branchdesk_store::new_id(), "response_id": "x", "unit_id": zd,
                    "verdict": "upheld", "comment": "同意", "decided_by": "集团总部",
                    "decided_at": "2016-12-05T10:00:00Z"}),
                ],
            ),
            "kpi_ruling.senders",
        ),
        (
            "approves its own annual plan",
            rows("plan_node", &[node("approved", "annual", "2017")]),
            "plan_node.status",
        ),
        (
            "issues a target",
            rows("plan_node", &[node("issued", "month", "2017-01")]),
            "plan_node.status",
        ),
        (
            "writes minutes for 济南",
            rows(
                "meeting",
                &[{
                    let mut m = row_of(&o.hq_db, "meeting", &format!("unit_id = '{zd}'"));
                    m["id"] = json!(branchdesk_store::new_id());
                    m["unit_id"] = json!(jn);
                    m
                }],
            ),
            "meeting.unit_id",
        ),
    ];
    for (what, tables, rule) in cases {
        eprintln!("{what}");
        let bytes = craft(&o.zb_db, &o.hq_db, json!([tables]));
        refused(&mut o.hq, &o.hq_db, &bytes, "sync.forbidden", rule);
    }

    // Headquarters cannot enter a unit's figures either: they are the unit's to send.
    let scheme = o.hq.kpi_schemes().unwrap()[0].id.clone();
    let e =
        o.hq.kpi_save(
            Some(&scheme),
            "2016-11",
            &[CellInput {
                unit: "ZB-ZD".into(),
                metric: "performance".into(),
                value: "100".into(),
            }],
        )
        .unwrap_err();
    assert_eq!(e.code(), "sync.owned", "{}", e.message(Lang::Zh));

    // A scheme id is its site's own name: 淄博's "version 3" of headquarters' scheme is a
    // scheme of 淄博's, and headquarters' default stays its own.
    let mut v3 = row_of(&o.hq_db, "kpi_scheme", "id = 'marketing-pools-2016'");
    v3["version"] = json!(3);
    v3["name"] = json!("营销奖金池（淄博改）");
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("kpi_scheme", &[v3])]));
    assert_eq!(
        o.hq.sync_import(&bytes, "v3.bdk").unwrap().outcome,
        BundleOutcome::Applied
    );
    let schemes = o.hq.kpi_schemes().unwrap();
    let own = schemes
        .iter()
        .find(|s| s.id == "marketing-pools-2016")
        .unwrap();
    assert_eq!(own.version, 1);
    let zb_site = o.zb.info().unwrap().site.id;
    assert!(schemes
        .iter()
        .any(|s| s.id == format!("marketing-pools-2016@{zb_site}") && s.version == 3));
    assert_eq!(
        o.hq.kpi_entry(None, "2016-11").unwrap().scheme_id,
        "marketing-pools-2016"
    );
}

#[test]
fn two_units_with_the_same_category_keep_their_own_numbers() {
    let mut o = office();
    // Both units call their category "company" and numbered in it for 2016.
    o.zb.doc_reserve_number("company", Some(2016)).unwrap();
    up(&mut o.zb, &mut o.hq);
    up(&mut o.jn, &mut o.hq);
    let zb_site = o.zb.info().unwrap().site.id;
    let jn_site = o.jn.info().unwrap().site.id;
    let c = rusqlite::Connection::open(&o.hq_db).unwrap();
    let prefixes: Vec<(String, String)> = c
        .prepare("SELECT code, prefix FROM doc_category ORDER BY prefix")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(prefixes.contains(&(format!("company@{jn_site}"), "济人保发".into())));
    assert!(prefixes.contains(&(format!("company@{zb_site}"), "淄人保发".into())));
    let numbered = |site: &str| -> i64 {
        c.query_row(
            "SELECT count(*) FROM doc_number WHERE category = ?1 AND year = 2016",
            [format!("company@{site}")],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(numbered(&zb_site) >= 1);
    assert_eq!(numbered(&jn_site), 1);
    // Headquarters lists them for the units' documents but numbers only in its own.
    let cats = o.hq.doc_categories().unwrap();
    assert!(cats.iter().filter(|c| c.foreign).count() >= 2);
    let e =
        o.hq.doc_reserve_number(&format!("company@{jn_site}"), Some(2016))
            .unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("其他站点"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn headquarters_changes_only_its_own_records_at_a_unit() {
    let mut o = office();
    let zb = unit(&o.zb, "ZB");
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "renames the unit",
            rows(
                "unit_version",
                &[version_of(&o.zb_db, &zb, |v| v["name"] = json!("总部改名"))],
            ),
            "unit_version.unit_id",
        ),
        (
            "drafts the unit's plan for it",
            rows(
                "plan_node",
                &[
                    json!({"id": branchdesk_store::new_id(), "unit_id": zb, "parent_id": null,
                    "level": "month", "title": "代拟计划", "period": "2017-01", "priority": "high",
                    "weight": "0", "target_unit": "", "progress": "0", "status": "draft",
                    "deviation": "", "outcome": "", "milestones": "[]", "sort": 0,
                    "updated_at": "2016-12-05T10:00:00Z"}),
                ],
            ),
            "plan_node.status",
        ),
        (
            "enters the unit's figures",
            rows(
                "kpi_value",
                &[
                    json!({"unit_id": unit(&o.zb, "ZB-ZD"), "period": "2017-01", "metric": "quotes", "value": "1"}),
                ],
            ),
            "kpi_value.unit_id",
        ),
    ];
    for (what, tables, rule) in cases {
        eprintln!("{what}");
        let bytes = craft(&o.hq_db, &o.zb_db, json!([tables]));
        refused(&mut o.zb, &o.zb_db, &bytes, "sync.forbidden", rule);
    }
    // A person of headquarters' own is headquarters' to add.
    o.hq.org_save_person(&PersonInput {
        id: None,
        code: "QL0001".into(),
        name: "韩总".into(),
        phone: String::new(),
        left_on: None,
    })
    .unwrap();
    assert_eq!(
        down(&mut o.hq, &mut o.zb, "ZB").outcome,
        BundleOutcome::Applied
    );
}

#[test]
fn a_unit_answers_only_the_follow_ups_and_results_sent_to_it() {
    use branchdesk_app::board::FollowupInput;
    let mut o = office();
    let jn_db = o._dir.path().join("jn.db");
    o.hq.set_ctx(branchdesk_app::Ctx::fixed(
        chrono::NaiveDate::from_ymd_opt(2016, 12, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        "集团总部",
    ));
    // Headquarters follows up 张店's plan; 淄博 has it, 济南 does not.
    let f =
        o.hq.board_followup_raise(&FollowupInput {
            unit: "ZB-ZD".into(),
            check: branchdesk_domain::Check::Plans,
            request: "请报送整改措施。".into(),
            due: "2017-01-06".into(),
        })
        .unwrap();
    down(&mut o.hq, &mut o.zb, "ZB");
    let jn = unit(&o.hq, "JN");
    let report = |unit_id: &str| {
        json!({"id": branchdesk_store::new_id(), "followup_id": f.id, "unit_id": unit_id,
            "round": 1, "note": "已整改", "done_on": "2016-12-28", "by": "x",
            "at": "2016-12-28T10:00:00Z"})
    };
    // 济南 answers 张店's follow-up in its own name: the follow-up is not its.
    let bytes = craft(
        &jn_db,
        &o.hq_db,
        json!([rows("board_report", &[report(&jn)])]),
    );
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "board_report.followup_id.unit_id",
    );
    // 淄博 raises a follow-up of its own and sends it up as headquarters' would go down.
    let own = json!({"id": branchdesk_store::new_id(), "unit_id": unit(&o.hq, "ZB-ZD"),
        "topic": "plans", "light": "green", "reason": "", "request": "已办结", "due": "2017-01-06",
        "raised_by": "x", "raised_at": "2016-12-28T10:00:00Z", "round": 1, "outcome": "closed",
        "comment": "", "decided_by": "x", "decided_at": "2016-12-28T10:00:00Z"});
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("board_followup", &[own])]));
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "board_followup.senders",
    );
    // The same rule for results: 淄博's results answered in 济南's name.
    // (淄博's scheme, which came up with its figures, not headquarters' own.)
    let came =
        o.hq.kpi_schemes()
            .unwrap()
            .into_iter()
            .find(|s| s.id.contains('@'))
            .unwrap()
            .id;
    o.hq.kpi_publish(Some(&came), "2016-Q3", "").unwrap();
    let result = o.hq.kpi_results(Some("2016-Q3")).unwrap().rows[0]
        .id
        .clone();
    let bytes = craft(
        &jn_db,
        &o.hq_db,
        json!([rows(
            "kpi_response",
            &[
                json!({"id": branchdesk_store::new_id(), "result_id": result, "unit_id": jn,
                "kind": "confirm", "indicator": "", "reason": "", "by": "x",
                "at": "2016-12-28T10:00:00Z"})
            ]
        )]),
    );
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "kpi_response.result_id.unit_id",
    );
    // 淄博's own report of its own follow-up is taken.
    let bytes = craft(
        &o.zb_db,
        &o.hq_db,
        json!([rows("board_report", &[report(&unit(&o.hq, "ZB-ZD"))])]),
    );
    assert_eq!(
        o.hq.sync_import(&bytes, "ok.bdk").unwrap().outcome,
        BundleOutcome::Applied
    );
    assert_eq!(
        o.hq.board_followups().unwrap().rows[0].state,
        branchdesk_domain::FollowupState::Reported
    );
}

#[test]
fn text_with_control_or_direction_characters_and_impossible_dates_never_get_in() {
    let mut o = office();
    let zb_off = unit(&o.hq, "ZB-OFF");
    // A name that would reverse itself on screen, a terminal escape inside a meeting's JSON
    // body, a 13th month, a 30th of February: each refused, the whole bundle with it.
    let meeting = |body: &str| {
        let mut m = row_of(
            &o.hq_db,
            "meeting",
            &format!("unit_id = '{}'", unit(&o.hq, "ZB-ZD")),
        );
        m["id"] = json!(branchdesk_store::new_id());
        m["body"] = json!(body);
        m
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &zb_off, |v| {
                    v["name"] = json!("办公室\u{202e}exe.txt")
                })],
            ),
            "sync.payload",
            "U+202E",
        ),
        (
            rows(
                "meeting",
                &[meeting(r#"{"agenda":[{"title":"\u001b[2J清屏"}]}"#)],
            ),
            "sync.payload",
            "U+001B",
        ),
        (
            rows(
                "kpi_value",
                &[
                    json!({"unit_id": unit(&o.hq, "ZB-ZD"), "period": "2016-13", "metric": "quotes", "value": "1"}),
                ],
            ),
            "db.invalid_value",
            "kpi_value.period",
        ),
        (
            rows(
                "unit_version",
                &[version_of(&o.hq_db, &zb_off, |v| {
                    v["valid_from"] = json!("2016-02-30")
                })],
            ),
            "db.invalid_value",
            "unit_version.valid_from",
        ),
    ];
    for (tables, code, words) in cases {
        let bytes = craft(&o.zb_db, &o.hq_db, json!([tables]));
        refused(&mut o.hq, &o.hq_db, &bytes, code, words);
    }
    // The same from people: the app refuses the text before it reaches a use case's SQL, and
    // the schema refuses the impossible year even past the app.
    let e = o.zb.doc_reserve_number("company", Some(99999)).unwrap_err();
    assert_eq!(e.code(), "input.invalid");
    let e =
        o.zb.org_save_person(&PersonInput {
            id: None,
            code: "ZB-999".into(),
            name: "韩\u{1b}[31m立新".into(),
            phone: String::new(),
            left_on: None,
        })
        .unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("U+001B"),
        "{}",
        e.message(Lang::Zh)
    );
    let request =
        json!({"input": {"title": "周例会", "agenda": [{"points": ["ok", "\u{2066}x"]}]}});
    let e = branchdesk_app::shared::input::check_request(&request).unwrap_err();
    let msg = e.message(Lang::Zh);
    assert!(
        msg.contains("input.agenda.0.points.1") && msg.contains("U+2066"),
        "{msg}"
    );
    assert!(
        branchdesk_app::shared::input::check_request(&json!({"a": ["第一行\n第二行\t"]})).is_ok()
    );
}

/// Every synced row the site in `db` holds, by table and key, with the site that owns it
/// (`None`: the site itself).
fn rows_by_owner(
    db: &Path,
) -> std::collections::BTreeMap<(String, String), (Option<String>, String)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for t in branchdesk_store::sync::TABLES {
        let key = t
            .key
            .iter()
            .map(|k| format!("t.{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let key = match t.rowid {
            Some(_) => "json_array(t.uid)".to_string(),
            None => format!("json_array({key})"),
        };
        let sql = format!(
            "SELECT {key}, o.site, t.* FROM {name} t LEFT JOIN sync_owner o ON o.tbl = '{name}' AND o.key = {key}",
            name = t.name
        );
        let mut stmt = c.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows: Vec<_> = stmt
            .query_map([], |r| {
                let mut all = String::new();
                for i in 2..n {
                    all.push_str(&format!("|{:?}", r.get_ref(i)?));
                }
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, all))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (k, owner, all) in rows {
            out.insert((t.name.to_string(), k), (owner, all));
        }
    }
    out
}

/// A property of the import, not of the file format: whatever an enrolled unit puts in a
/// bundle (random tables, keys of anyone's records, parents, statuses, junk), no row it does
/// not own changes, and nothing panics.
#[test]
fn random_bundles_from_an_enrolled_unit_never_change_what_it_does_not_own() {
    let mut o = office();
    let zb_site = o.zb.info().unwrap().site.id;
    let c = rusqlite::Connection::open(&o.hq_db).unwrap();
    // Ids of every owner's records, to point at.
    let mut ids: Vec<String> = Vec::new();
    for t in [
        "unit",
        "position",
        "person",
        "plan_node",
        "meeting",
        "outgoing_doc",
        "incoming_doc",
        "action_item",
        "hq_decision",
        "submission",
    ] {
        let mut stmt = c
            .prepare(&format!("SELECT id FROM {t} ORDER BY random() LIMIT 40"))
            .unwrap();
        ids.extend(
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap),
        );
    }
    // And 淄博's own, which its bundles may well touch.
    let own: Vec<String> = c
        .prepare("SELECT json_extract(key, '$[0]') FROM sync_owner WHERE site = ?1 AND tbl IN ('unit', 'position', 'person', 'plan_node', 'meeting', 'outgoing_doc') ORDER BY random() LIMIT 200")
        .unwrap()
        .query_map([&zb_site], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut codes: Vec<String> = c
        .prepare("SELECT code FROM unit UNION SELECT code FROM doc_category UNION SELECT id FROM kpi_scheme")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    codes.push("WF".into());
    let columns = |t: &str| -> Vec<(String, String)> {
        c.prepare("SELECT name, type FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([t], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(n, _): &(String, String)| {
                !(matches!(n.as_str(), "rev" | "rowid") || n == "id" && t.ends_with("_log"))
            })
            .collect()
    };
    let statuses = [
        "draft",
        "submitted",
        "approved",
        "executing",
        "closed",
        "issued",
        "returned",
        "pending",
        "compliant",
        "final",
        "open",
        "done",
        "active",
    ];
    let mut seed: u64 = 0x5eed_2016;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let tables = branchdesk_store::sync::TABLES;
    let (mut applied, mut refused_n) = (0, 0);
    for round in 0..150 {
        let before = rows_by_owner(&o.hq_db);
        let mut payload = Vec::new();
        for _ in 0..1 + rnd(2) {
            let t = &tables[rnd(tables.len())];
            if payload.iter().any(|p: &Value| p["name"] == t.name) {
                continue;
            }
            let cols = columns(t.name);
            let mut put = Vec::new();
            for _ in 0..1 + rnd(2) {
                // Half the rows are real ones (anyone's) with a column or two changed.
                let real: Option<Value> = c
                    .query_row(&format!("SELECT count(*) FROM {}", t.name), [], |r| {
                        r.get::<_, i64>(0)
                    })
                    .ok()
                    .filter(|n| *n > 0 && rnd(2) == 0)
                    .map(|n| {
                        let k = t.key[0];
                        let filter = format!(
                            "{k} = (SELECT {k} FROM {} LIMIT 1 OFFSET {})",
                            t.name,
                            rnd(n as usize)
                        );
                        row_of(&o.hq_db, t.name, &filter)
                    });
                let mut row = serde_json::Map::new();
                for (name, ty) in &cols {
                    if let Some(r) = &real {
                        if rnd(cols.len()) != 0 {
                            row.insert(name.clone(), r[name].clone());
                            continue;
                        }
                    }
                    let v = match rnd(10) {
                        _ if name == "uid" => json!(branchdesk_store::new_id()),
                        0..=1 if name.ends_with("id") || name == "id" => json!(ids[rnd(ids.len())]),
                        2..=6 if name.ends_with("id") && name != "id" => json!(own[rnd(own.len())]),
                        2..=6 if name == "id" => json!(branchdesk_store::new_id()),
                        _ if name == "code" || name == "category" => json!(codes[rnd(codes.len())]),
                        _ if name == "status" || name == "verdict" => {
                            json!(statuses[rnd(statuses.len())])
                        }
                        _ if name == "level" => {
                            json!(["annual", "month", "quarter", "three_year"][rnd(4)])
                        }
                        _ if name == "kind" => json!(
                            [
                                "branch",
                                "department",
                                "plan",
                                "company",
                                "primary",
                                "minutes"
                            ][rnd(6)]
                        ),
                        _ if name.contains("period") || name == "month" => {
                            json!(["2016-07", "2016-08", "2016-13", "2016", "2016-Q3"][rnd(5)])
                        }
                        _ if name.ends_with("_on") || name == "valid_from" => {
                            json!(["2016-07-01", "2016-08-01", "2016-02-30", "x"][rnd(4)])
                        }
                        _ if name.ends_with("_at") => json!("2016-07-05T08:30"),
                        _ if ty == "INTEGER" => json!([0, 1, 2016, -1][rnd(4)]),
                        9 => Value::Null,
                        _ if name.ends_with("id") => json!(ids[rnd(ids.len())]),
                        _ => json!(["淄博", "x", "{}", "[]", "1"][rnd(5)]),
                    };
                    row.insert(name.clone(), v);
                }
                put.push(Value::Object(row));
            }
            let mut table = rows(t.name, &put);
            if rnd(4) == 0 {
                table["del"] = json!([[ids[rnd(ids.len())]]]);
            }
            payload.push(table);
        }
        let bytes = craft(&o.zb_db, &o.hq_db, Value::Array(payload));
        match o.hq.sync_import(&bytes, "random.bdk") {
            Ok(_) => applied += 1,
            Err(e) => {
                refused_n += 1;
                // Refused by name, never as an internal failure.
                assert_ne!(
                    e.code(),
                    "db.internal",
                    "round {round}: {}",
                    e.message(Lang::En)
                );
            }
        }
        let after = rows_by_owner(&o.hq_db);
        for (k, (owner, row)) in &before {
            if owner.as_deref() == Some(zb_site.as_str()) {
                continue;
            }
            assert_eq!(
                after.get(k).map(|(_, r)| r),
                Some(row),
                "round {round}: {k:?} (owned by {owner:?}) changed"
            );
        }
        for (k, (owner, _)) in &after {
            if !before.contains_key(k) {
                assert_eq!(
                    owner.as_deref(),
                    Some(zb_site.as_str()),
                    "round {round}: new {k:?} not 淄博's"
                );
            }
        }
    }
    eprintln!("{applied} applied, {refused_n} refused");
    // Both ways happened: some random bundles were the unit's own business and went in.
    assert!(
        applied > 0 && refused_n > 0,
        "{applied} applied, {refused_n} refused"
    );
}

/// Headquarters' general manager (in post from 2016) and a numbering category of its own.
fn hq_can_issue(o: &mut Office) -> String {
    use branchdesk_app::org::AssignInput;
    let gm =
        o.hq.org_save_person(&PersonInput {
            id: None,
            code: "QL-001".into(),
            name: "周建华".into(),
            phone: String::new(),
            left_on: None,
        })
        .unwrap();
    o.hq.org_assign(&AssignInput {
        person_id: gm.id.clone(),
        position_id: position(&o.hq, "QL-P-GM"),
        kind: branchdesk_domain::AssignmentKind::Primary,
        start_on: "2016-01-01".into(),
        end_on: None,
        end_other: false,
    })
    .unwrap();
    o.hq.doc_category_save(&DocCategory {
        code: "ql".into(),
        name: "集团发文".into(),
        prefix: "鲁示集发".into(),
        kind: DocKind::Company,
        foreign: false,
    })
    .unwrap();
    gm.id
}

fn hq_issue(o: &mut Office, gm: &str, title: &str, scope: &[&str]) -> String {
    let d =
        o.hq.outgoing_save(&branchdesk_app::docs::OutgoingInput {
            id: None,
            unit_id: unit(&o.hq, "QL"),
            category: "ql".into(),
            title: title.into(),
            drafting_unit_id: Some(unit(&o.hq, "QL-OFF")),
            drafter_id: None,
            secret: !scope.is_empty(),
            scope_units: scope.iter().map(|c| unit(&o.hq, c)).collect(),
            scope_positions: Vec::new(),
        })
        .unwrap();
    if scope.is_empty() {
        let plan: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_be_bytes()).collect();
        o.hq.outgoing_attach(&d.id, "节日值班安排表.xlsx", &plan)
            .unwrap();
    }
    o.hq.outgoing_sign(&d.id, gm, "2016-12-20").unwrap();
    o.hq.outgoing_issue(&d.id, "2016-12-21").unwrap();
    d.id
}

#[test]
fn headquarters_sends_a_document_two_units_sign_for_it_one_handles_it() {
    use branchdesk_app::docs::{DistributeInput, IncomingInput};
    use branchdesk_domain::ReceiptState;
    let mut o = office();
    let gm = hq_can_issue(&mut o);
    let doc = hq_issue(
        &mut o,
        &gm,
        "关于做好2017年元旦春节期间安全生产工作的通知",
        &[],
    );
    let mut text = o.hq.outgoing_content(&doc, None).unwrap().content;
    // Issued: the text is frozen; it still travels as it was saved (the template here).
    text.body = "各单位要切实做好节日期间安全生产工作。".into();
    assert_eq!(
        o.hq.outgoing_content_save(&text).unwrap_err().code(),
        "docs.content_frozen"
    );
    // Secret, for 淄博 and the units below it.
    let secret = hq_issue(&mut o, &gm, "关于调整部分干部职务的通知", &["ZB"]);
    let elsewhere = hq_issue(&mut o, &gm, "关于集团机关内部分工的通知", &["QL-OFF"]);
    let (zb, zd, zc) = (
        unit(&o.hq, "ZB"),
        unit(&o.hq, "ZB-ZD"),
        unit(&o.hq, "ZB-ZC"),
    );
    let send = |o: &mut Office, doc: &str, main: &[&String], cc: &[&String]| {
        o.hq.outgoing_distribute(&DistributeInput {
            doc_id: doc.into(),
            main: main.iter().map(|s| s.to_string()).collect(),
            cc: cc.iter().map(|s| s.to_string()).collect(),
        })
    };
    // A secret document goes only within its scope; a unit is named once.
    let jn = unit(&o.hq, "JN");
    let e = send(&mut o, &secret, &[&jn], &[]).unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("不在这份秘密文件的报送范围内"),
        "{}",
        e.message(Lang::Zh)
    );
    assert_eq!(
        send(&mut o, &doc, &[&zb], &[&zb]).unwrap_err().code(),
        "input.invalid"
    );
    send(&mut o, &secret, &[&zd], &[]).unwrap();
    let sent = send(&mut o, &doc, &[&zb, &zd], &[&zc]).unwrap();
    assert!(sent.iter().all(|r| r.state == ReceiptState::Unsigned));

    // Down: the three units find it waiting; 张店 also the secret one; nobody the third.
    down(&mut o.hq, &mut o.zb, "ZB");
    let inbox = o.zb.docs_inbox().unwrap();
    let waiting = |d: &str| {
        let mut u: Vec<String> = inbox
            .iter()
            .filter(|l| l.doc.id == d)
            .map(|l| l.unit_name.clone())
            .collect();
        u.sort();
        u
    };
    assert_eq!(
        waiting(&doc),
        ["张店区支公司", "淄博市分公司", "淄川区支公司"]
    );
    assert_eq!(waiting(&secret), ["张店区支公司"]);
    assert!(o
        .zb
        .outgoing_list(None)
        .unwrap()
        .iter()
        .all(|d| d.id != elsewhere));
    // Headquarters' document is headquarters' to change: not its text, files or recipients here.
    let mut theirs = o.zb.outgoing_content(&doc, None).unwrap();
    assert!(!theirs.editable);
    theirs.content.body = "改过".into();
    assert_eq!(
        o.zb.outgoing_content_save(&theirs.content)
            .unwrap_err()
            .code(),
        "docs.not_ours"
    );
    assert_eq!(
        o.zb.outgoing_attach(&doc, "a.txt", b"x")
            .unwrap_err()
            .code(),
        "docs.not_ours"
    );
    let zc_here = unit(&o.zb, "ZB-ZC");
    let resend = o.zb.outgoing_distribute(&DistributeInput {
        doc_id: doc.clone(),
        main: vec![zc_here],
        cc: Vec::new(),
    });
    assert_eq!(resend.unwrap_err().code(), "docs.not_ours");
    // The attachment came with it, byte for byte.
    let files = o.zb.outgoing_files(&doc).unwrap();
    assert_eq!(files.len(), 1);
    let (_, bytes) = o.zb.outgoing_file(&files[0].id).unwrap();
    assert_eq!(bytes, o.hq.outgoing_file(&files[0].id).unwrap().1);
    let line = inbox.iter().find(|l| l.doc.id == doc).unwrap();
    assert_eq!(line.sender, "齐鲁示范保险集团");
    assert_eq!(line.doc.number.as_deref(), Some("鲁示集发〔2016〕1号"));

    // 淄博 and 张店 sign for it: each becomes 收文, filled in from the document.
    let handler = common::person(&o.zb, "ZB-001");
    let receive = |o: &mut Office, unit_id: &String| {
        o.zb.incoming_register(&IncomingInput {
            unit_id: unit_id.clone(),
            received_on: "2016-12-22".into(),
            sender: String::new(),
            title: String::new(),
            doc_number: String::new(),
            urgent: false,
            instruction: "请办公室组织传达学习。".into(),
            secret: false,
            handlers: vec![handler.clone()],
            from_doc: Some(doc.clone()),
        })
    };
    let zb_zb = unit(&o.zb, "ZB");
    let zb_zd = unit(&o.zb, "ZB-ZD");
    let row = receive(&mut o, &zb_zb).unwrap();
    assert_eq!(
        (
            row.doc.sender.as_str(),
            row.doc.title.as_str(),
            row.doc.doc_number.as_str()
        ),
        (
            "齐鲁示范保险集团",
            "关于做好2017年元旦春节期间安全生产工作的通知",
            "鲁示集发〔2016〕1号"
        )
    );
    assert_eq!(
        receive(&mut o, &zb_zb).unwrap_err().code(),
        "docs.signed_already"
    );
    receive(&mut o, &zb_zd).unwrap();
    // 淄博's handler reports: handled.
    o.zb.action_update(&branchdesk_app::minutes::ActionUpdate {
        id: row.handlers[0].item.id.clone(),
        status: branchdesk_domain::ActionStatus::Done,
        due_on: None,
        note: "已于12月23日组织传达学习，并部署节日值班。".into(),
    })
    .unwrap();

    // Up: headquarters sees exactly that, unit by unit.
    let r = up(&mut o.zb, &mut o.hq);
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
    let states: Vec<(String, ReceiptState)> =
        o.hq.outgoing_recipients(&doc)
            .unwrap()
            .into_iter()
            .map(|r| (r.unit_name, r.state))
            .collect();
    assert_eq!(
        states,
        [
            ("淄博市分公司".to_string(), ReceiptState::Done),
            ("张店区支公司".to_string(), ReceiptState::Signed),
            ("淄川区支公司".to_string(), ReceiptState::Unsigned),
        ]
    );
    let done =
        o.hq.outgoing_recipients(&doc)
            .unwrap()
            .remove(0)
            .receipt
            .unwrap();
    assert_eq!(done.received_on, "2016-12-22");
    assert!(done.outcome.starts_with("已于12月23日组织传达学习"));
    assert!(o.hq.outgoing_detail(&doc).unwrap().recipients.len() == 3);
    // A signed-for unit stays on the list.
    assert_eq!(
        send(&mut o, &doc, &[&zd], &[]).unwrap_err().code(),
        "docs.recipient_signed"
    );

    // A receipt for a document not sent to the unit is refused by its rule, nothing changed.
    let forged = json!({"doc_id": elsewhere, "unit_id": zb, "received_on": "2016-12-22",
        "received_by": "孙倩（文书）", "incoming_id": null, "done_on": null, "outcome": ""});
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("doc_receipt", &[forged])]));
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "doc_receipt.doc_id.unit_id",
    );

    // An attachment whose bytes do not match its SHA-256 (changed on the way) is refused.
    let own =
        o.zb.outgoing_list(None)
            .unwrap()
            .into_iter()
            .find(|d| d.number.is_some() && d.unit_id == zb_zb)
            .unwrap();
    let real = b"2016-12 value table".to_vec();
    let sum = {
        use sha2::Digest;
        sha2::Sha256::digest(&real)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let changed: String = b"2016-12 value tablE"
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = json!({"id": branchdesk_store::new_id(), "doc_id": own.id, "name": "数据表.xlsx",
        "size": real.len(), "sha256": sum, "data": {"hex": changed}, "sort": 0, "added_at": "2016-12-22T08:00:00Z"});
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("doc_file", &[file])]));
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "doc_file.data",
    );
    // Bytes that are not hexadecimal, a size that is not the bytes', a name that is a path:
    // refused, nothing changed.
    let good: String = real.iter().map(|b| format!("{b:02x}")).collect();
    for (what, name, data, size) in [
        ("not hex", "数据表.xlsx", json!({"hex": "zz"}), 1),
        ("size", "数据表.xlsx", json!({"hex": "00ff"}), 3),
        ("path", "../../.bashrc", json!({"hex": good}), real.len()),
    ] {
        eprintln!("{what}");
        let file = json!({"id": branchdesk_store::new_id(), "doc_id": own.id, "name": name,
            "size": size, "sha256": sum, "data": data, "sort": 0, "added_at": "2016-12-22T08:00:00Z"});
        let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("doc_file", &[file])]));
        let before = digest(&o.hq_db);
        let e = o.hq.sync_import(&bytes, "crafted.bdk").unwrap_err();
        assert!(
            e.message(Lang::Zh).contains("数据库未作任何改动"),
            "{what}: {}",
            e.message(Lang::Zh)
        );
        assert_eq!(digest(&o.hq_db), before, "{what}");
    }
    // The same file unchanged goes in.
    let file = json!({"id": branchdesk_store::new_id(), "doc_id": own.id, "name": "数据表.xlsx",
        "size": real.len(), "sha256": sum, "data": {"hex": good}, "sort": 0, "added_at": "2016-12-22T08:00:00Z"});
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("doc_file", &[file])]));
    let r = o.hq.sync_import(&bytes, "ok.bdk").unwrap();
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
}

#[test]
fn headquarters_publishes_the_working_day_calendar_and_unit_deadlines_follow_it() {
    use branchdesk_app::docs::IncomingInput;
    let mut o = office();
    // Only headquarters publishes; a weekday is not made a working day.
    assert_eq!(
        o.zb.calendar_set("2016-12-30", Some(false), "调休")
            .unwrap_err()
            .code(),
        "calendar.not_hq"
    );
    assert_eq!(
        o.hq.calendar_set("2016-12-29", Some(true), "")
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    let view =
        o.hq.calendar_set("2016-12-30", Some(false), "年终盘点放假")
            .unwrap();
    assert!(view.hq && view.days.len() == 1);
    o.hq.calendar_set("2017-01-07", Some(true), "调休上班")
        .unwrap();
    o.hq.calendar_set("2017-01-07", None, "").unwrap();
    down(&mut o.hq, &mut o.zb, "ZB");
    let days = o.zb.calendar_days().unwrap();
    assert!(!days.hq);
    assert_eq!(
        days.days
            .iter()
            .map(|d| (d.day.as_str(), d.working))
            .collect::<Vec<_>>(),
        [("2016-12-30", false)],
        "the day taken back did not go down"
    );
    // Received Wednesday 12-28, three working days: Thu 29, (Fri 30 off), (元旦 to Mon 01-02
    // off), Tue 01-03, Wed 01-04.
    let row =
        o.zb.incoming_register(&IncomingInput {
            unit_id: unit(&o.zb, "ZB"),
            received_on: "2016-12-28".into(),
            sender: "省分公司办公室".into(),
            title: "关于做好年终决算工作的通知".into(),
            doc_number: String::new(),
            urgent: false,
            instruction: String::new(),
            secret: false,
            handlers: vec![common::person(&o.zb, "ZB-001")],
            from_doc: None,
        })
        .unwrap();
    assert_eq!(row.due_on, "2017-01-04");
    // A unit's bundle cannot publish days.
    let day = json!({"day": "2017-01-09", "working": 0, "note": "自定放假"});
    let bytes = craft(&o.zb_db, &o.hq_db, json!([rows("calendar_day", &[day])]));
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "calendar_day",
    );
}

#[test]
fn headquarters_sees_which_units_have_read_an_announcement() {
    let mut o = office();
    let a =
        o.hq.announce(
            None,
            "关于元旦值班安排的公告",
            "各单位于12月30日前报送值班表。",
        )
        .unwrap();
    down(&mut o.hq, &mut o.zb, "ZB");
    assert!(o
        .zb
        .announcements()
        .unwrap()
        .iter()
        .any(|x| x.id == a.id && !x.seen));
    o.zb.mark_announcement_seen(&a.id).unwrap();
    o.zb.mark_announcement_seen(&a.id).unwrap(); // twice: one receipt
    let r = up(&mut o.zb, &mut o.hq);
    assert_eq!(r.outcome, BundleOutcome::Applied, "{}", r.message);
    let seen =
        o.hq.announcements()
            .unwrap()
            .into_iter()
            .find(|x| x.id == a.id)
            .unwrap();
    assert_eq!(seen.reads.len(), 1);
    assert_eq!(seen.reads[0].unit_name, "淄博市分公司");
    assert!(!seen.reads[0].read_by.is_empty());
    // 淄博 cannot say 济南 has read it.
    let forged = json!({"announcement_id": a.id, "unit_id": unit(&o.hq, "JN"),
        "read_at": "2016-12-28T09:00:00Z", "read_by": "孙倩"});
    let bytes = craft(
        &o.zb_db,
        &o.hq_db,
        json!([rows("announcement_read", &[forged])]),
    );
    refused(
        &mut o.hq,
        &o.hq_db,
        &bytes,
        "sync.forbidden",
        "announcement_read.unit_id",
    );
}
