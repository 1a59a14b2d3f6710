#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The organisation: chart, dated reorganisations, validation, xlsx/CSV import and export.

use branchdesk_app::org::ExportFormat;
use branchdesk_app::org::{
    AssignInput, NodeKind, OrgView, PersonInput, PositionInput, TemplateInput, UnitInput,
};
use branchdesk_app::{App, AppError, Ctx, InitOptions};
use branchdesk_domain::{AssignmentKind, Lang, PositionAttrs, PositionStatus};

mod common;
use common::demo;

fn empty(dir: &tempfile::TempDir, name: &str) -> App {
    App::init(
        &dir.path().join(name),
        &InitOptions::default(),
        Ctx::local(),
    )
    .unwrap()
}

fn titles(
    app: &App,
    as_of: &str,
    view: OrgView,
    root: Option<&str>,
) -> Vec<(String, Option<String>)> {
    let tree = app.org_tree(Some(as_of), view, root).unwrap();
    let title: std::collections::HashMap<String, String> = tree
        .nodes
        .iter()
        .map(|n| (n.id.clone(), n.title.clone()))
        .collect();
    tree.nodes
        .iter()
        .map(|n| (n.title.clone(), n.parent.as_ref().map(|p| title[p].clone())))
        .collect()
}

fn position_input(app: &App, code: &str) -> PositionInput {
    let snap = app.org_snapshot(None).unwrap();
    let p = snap
        .positions
        .iter()
        .find(|p| p.position.code == code)
        .unwrap();
    PositionInput {
        id: Some(p.position.id.clone()),
        code: code.into(),
        attrs: p.position.attrs.clone(),
        effective: "2016-10-01".into(),
        note: None,
    }
}

#[test]
fn the_demo_chart_shows_seed_004_under_the_city_branch() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let t = titles(&app, "2016-12-31", OrgView::Units, Some("ZB"));
    let has = |child: &str, parent: &str| {
        t.iter()
            .any(|(c, p)| c == child && p.as_deref() == Some(parent))
    };
    assert!(has("运营部", "淄博市分公司"));
    assert!(
        has("运营总监", "运营部"),
        "the top position of a department hangs under it"
    );
    assert!(has("运营主管", "运营总监"));
    assert!(has("文案", "运营主管"));
    assert!(has("美工设计", "运营主管"));
    assert!(has("张店区支公司", "淄博市分公司"));
    // The reporting view crosses units: 运营总监 reports to 总经理 in 总经理室.
    let r = titles(&app, "2016-12-31", OrgView::Reporting, Some("ZB"));
    assert!(r
        .iter()
        .any(|(c, p)| c == "运营总监" && p.as_deref() == Some("总经理")));
    assert!(
        r.iter().all(|(c, _)| c != "运营部"),
        "no unit boxes in the reporting view"
    );
    // Head counts: the city branch counts everyone below it who holds a non-planned post.
    let tree = app
        .org_tree(Some("2016-12-31"), OrgView::Units, Some("ZB"))
        .unwrap();
    let zb = tree.nodes.iter().find(|n| n.code == "ZB").unwrap();
    let people_on_chart: i64 = tree
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Position)
        .map(|n| n.people.len() as i64)
        .sum();
    assert_eq!(zb.headcount, people_on_chart);
    assert!(zb.headcount >= 40);
}

#[test]
fn a_renamed_unit_keeps_its_old_name_before_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let names = |d: &str| {
        titles(&app, d, OrgView::Units, Some("ZB"))
            .into_iter()
            .map(|t| t.0)
            .collect::<Vec<_>>()
    };
    assert!(names("2016-06-30").contains(&"市场部".to_string()));
    assert!(!names("2016-06-30").contains(&"营销管理部".to_string()));
    assert!(names("2016-07-01").contains(&"营销管理部".to_string()));
    let snap = app.org_snapshot(None).unwrap();
    let mkt = snap.units.iter().find(|u| u.unit.code == "ZB-MKT").unwrap();
    let history = app.org_history(&mkt.unit.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].created);
    assert_eq!(history[1].valid_from, "2016-07-01");
    assert_eq!(history[1].changes[0].field, "名称");
    assert_eq!(
        (
            history[1].changes[0].old.as_str(),
            history[1].changes[0].new.as_str()
        ),
        ("市场部", "营销管理部")
    );
}

#[test]
fn moving_a_department_is_dated_and_the_old_chart_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(None).unwrap();
    let ops = snap.units.iter().find(|u| u.unit.code == "ZB-OPS").unwrap();
    let zd = snap.units.iter().find(|u| u.unit.code == "ZB-ZD").unwrap();
    let mut attrs = ops.unit.attrs.clone();
    attrs.parent_id = Some(zd.unit.id.clone());
    app.org_save_unit(&UnitInput {
        id: Some(ops.unit.id.clone()),
        code: "ZB-OPS".into(),
        attrs,
        effective: "2016-09-01".into(),
        note: Some("运营部划归张店区支公司".into()),
    })
    .unwrap();
    let parent_of = |d: &str| {
        titles(&app, d, OrgView::Units, None)
            .into_iter()
            .find(|t| t.0 == "运营部")
            .unwrap()
            .1
            .unwrap()
    };
    assert_eq!(parent_of("2016-08-31"), "淄博市分公司");
    assert_eq!(parent_of("2016-09-01"), "张店区支公司");
    let h = app.org_history(&ops.unit.id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(last.note, "运营部划归张店区支公司");
    assert_eq!(last.changes[0].new, "张店区支公司（ZB-ZD）");
}

#[test]
fn a_cycle_in_reporting_lines_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let before = app.org_snapshot(Some("2016-12-31")).unwrap();
    // 总经理 reporting to 文案, who reports (via 主管 and 总监) to 总经理.
    let copy_id = before
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-P-COPY")
        .unwrap()
        .position
        .id
        .clone();
    let mut gm = position_input(&app, "ZB-P-GM");
    gm.attrs.superior_id = Some(copy_id);
    let err = app.org_save_position(&gm).unwrap_err();
    assert_eq!(err.code(), "input.invalid");
    let msg = err.message(Lang::Zh);
    assert!(msg.contains("汇报关系形成循环"), "{msg}");
    assert!(
        msg.contains("总经理（ZB-P-GM）") && msg.contains("文案（ZB-P-COPY）"),
        "{msg}"
    );
    let after = app.org_snapshot(Some("2016-12-31")).unwrap();
    assert_eq!(
        format!("{:?}", before.positions),
        format!("{:?}", after.positions)
    );
    // Its own superior: refused before touching the database.
    let mut me = position_input(&app, "ZB-P-COPY");
    me.attrs.superior_id = me.id.clone();
    assert_eq!(
        app.org_save_position(&me).unwrap_err().code(),
        "input.invalid"
    );
}

#[test]
fn a_new_position_with_a_person_appears_on_the_chart_and_planned_ones_are_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(None).unwrap();
    let ops = snap
        .units
        .iter()
        .find(|u| u.unit.code == "ZB-OPS")
        .unwrap()
        .unit
        .id
        .clone();
    let lead = snap
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-P-OPSM")
        .unwrap()
        .position
        .id
        .clone();
    let attrs = |title: &str, status| PositionAttrs {
        unit_id: ops.clone(),
        title: title.into(),
        superior_id: Some(lead.clone()),
        description: "负责新媒体账号运营".into(),
        duties: vec!["运营公众号".into(), "策划线上活动".into()],
        status,
        sort: 9,
        ..Default::default()
    };
    let pos = app
        .org_save_position(&PositionInput {
            id: None,
            code: "ZB-P-NEWM".into(),
            attrs: attrs("新媒体专员", PositionStatus::Active),
            effective: "2016-11-01".into(),
            note: None,
        })
        .unwrap();
    app.org_save_position(&PositionInput {
        id: None,
        code: "ZB-P-DATA".into(),
        attrs: attrs("数据分析员", PositionStatus::Planned),
        effective: "2016-11-01".into(),
        note: None,
    })
    .unwrap();
    let person = app
        .org_save_person(&PersonInput {
            id: None,
            code: "ZB-100".into(),
            name: "孙悦".into(),
            phone: String::new(),
            left_on: None,
        })
        .unwrap();
    app.org_assign(&AssignInput {
        person_id: person.id.clone(),
        position_id: pos.id.clone(),
        kind: AssignmentKind::Primary,
        start_on: "2016-11-01".into(),
        end_on: None,
        end_other: false,
    })
    .unwrap();
    let tree = app
        .org_tree(Some("2016-11-15"), OrgView::Units, Some("ZB-OPS"))
        .unwrap();
    let node = tree.nodes.iter().find(|n| n.code == "ZB-P-NEWM").unwrap();
    assert_eq!(node.people[0].name, "孙悦");
    assert_eq!(node.parent.as_deref(), Some(lead.as_str()));
    let before = app
        .org_tree(Some("2016-10-31"), OrgView::Units, Some("ZB-OPS"))
        .unwrap();
    assert!(
        before.nodes.iter().all(|n| n.code != "ZB-P-NEWM"),
        "not there before its date"
    );
    // Head count of 运营部 grows by one person, not by the planned post.
    let ops_count = |t: &branchdesk_app::org::OrgTree| {
        t.nodes
            .iter()
            .find(|n| n.code == "ZB-OPS")
            .unwrap()
            .headcount
    };
    assert_eq!(ops_count(&tree), ops_count(&before) + 1);
    // The same person twice in the same post is refused.
    let again = app.org_assign(&AssignInput {
        person_id: person.id.clone(),
        position_id: pos.id.clone(),
        kind: AssignmentKind::Primary,
        start_on: "2016-11-20".into(),
        end_on: None,
        end_other: false,
    });
    assert_eq!(again.unwrap_err().code(), "input.invalid");
}

#[test]
fn people_who_leave_are_kept_with_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(Some("2016-12-01")).unwrap();
    let who = snap
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-P-COPY")
        .unwrap()
        .holders[0]
        .clone();
    app.org_save_person(&PersonInput {
        id: Some(who.person_id.clone()),
        code: who.person_code.clone(),
        name: who.name.clone(),
        phone: String::new(),
        left_on: Some("2016-12-15".into()),
    })
    .unwrap();
    let holders = |d: &str| {
        app.org_snapshot(Some(d))
            .unwrap()
            .positions
            .into_iter()
            .find(|p| p.position.code == "ZB-P-COPY")
            .unwrap()
            .holders
            .len()
    };
    assert_eq!(holders("2016-12-15"), 1, "the last day still counts");
    assert_eq!(holders("2016-12-16"), 0);
    let snap = app.org_snapshot(Some("2017-01-01")).unwrap();
    let person = snap
        .people
        .iter()
        .find(|p| p.person.id == who.person_id)
        .unwrap();
    assert!(person.left);
    assert_eq!(
        person.posts[0].assignment.end_on.as_deref(),
        Some("2016-12-15")
    );
    assert_eq!(person.posts[0].title, "文案");
}

#[test]
fn change_of_post_ends_the_previous_one_the_day_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(Some("2016-12-01")).unwrap();
    let who = snap
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-P-COPY")
        .unwrap()
        .holders[0]
        .clone();
    let target = snap
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-P-ART")
        .unwrap()
        .position
        .id
        .clone();
    app.org_assign(&AssignInput {
        person_id: who.person_id.clone(),
        position_id: target,
        kind: AssignmentKind::Primary,
        start_on: "2016-12-01".into(),
        end_on: None,
        end_other: true,
    })
    .unwrap();
    let snap = app.org_snapshot(Some("2016-12-01")).unwrap();
    let posts = &snap
        .people
        .iter()
        .find(|p| p.person.id == who.person_id)
        .unwrap()
        .posts;
    assert_eq!(posts.len(), 2);
    assert_eq!(
        (posts[0].title.as_str(), posts[0].current),
        ("美工设计", true)
    );
    assert_eq!(
        (
            posts[1].title.as_str(),
            posts[1].assignment.end_on.as_deref()
        ),
        ("文案", Some("2016-11-30"))
    );
}

#[test]
fn the_seed_004_template_builds_the_operations_chart_in_a_new_unit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(None).unwrap();
    let zd = snap.units.iter().find(|u| u.unit.code == "ZB-ZD").unwrap();
    let mut attrs = zd.unit.attrs.clone();
    attrs.name = "张店运营部".into();
    attrs.kind = branchdesk_domain::UnitKind::Department;
    attrs.parent_id = Some(zd.unit.id.clone());
    let unit = app
        .org_save_unit(&UnitInput {
            id: None,
            code: "ZB-ZD-OPS".into(),
            attrs,
            effective: "2016-12-01".into(),
            note: None,
        })
        .unwrap();
    let codes = app
        .org_apply_template(&TemplateInput {
            template: "operations".into(),
            unit_id: unit.id.clone(),
            superior_id: None,
            effective: "2016-12-01".into(),
        })
        .unwrap();
    assert_eq!(
        codes,
        [
            "ZB-ZD-OPS-GM",
            "ZB-ZD-OPS-OPSD",
            "ZB-ZD-OPS-OPSM",
            "ZB-ZD-OPS-COPY",
            "ZB-ZD-OPS-ART"
        ]
    );
    let t = titles(&app, "2016-12-01", OrgView::Units, Some("ZB-ZD-OPS"));
    assert_eq!(
        t,
        [
            ("张店运营部".to_string(), None),
            ("总经理".into(), Some("张店运营部".into())),
            ("运营总监".into(), Some("总经理".into())),
            ("运营主管".into(), Some("运营总监".into())),
            ("文案".into(), Some("运营主管".into())),
            ("美工设计".into(), Some("运营主管".into())),
        ]
    );
    let snap = app.org_snapshot(None).unwrap();
    let copy = snap
        .positions
        .iter()
        .find(|p| p.position.code == "ZB-ZD-OPS-COPY")
        .unwrap();
    assert_eq!(copy.position.attrs.duties.len(), 7);
    assert!(copy.position.attrs.duties[0].contains("微信公众平台"));
    // Applying it again to the same unit gives new codes, never a clash.
    let again = app
        .org_apply_template(&TemplateInput {
            template: "operations".into(),
            unit_id: unit.id,
            superior_id: None,
            effective: "2016-12-01".into(),
        })
        .unwrap();
    assert_eq!(again[0], "ZB-ZD-OPS-GM-2");
}

// ---- Import and export ---------------------------------------------------------------------

fn export_csv(app: &App) -> Vec<(String, Vec<u8>)> {
    app.org_export(Some("2016-12-31"), ExportFormat::Csv, "org")
        .unwrap()
}

#[test]
fn export_then_import_changes_nothing_and_rebuilds_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let xlsx = app
        .org_export(Some("2016-12-31"), ExportFormat::Xlsx, "组织架构")
        .unwrap();
    assert_eq!(xlsx[0].0, "组织架构.xlsx");
    let report = app.org_import(&xlsx, Some("2016-12-31")).unwrap();
    assert!(!report.changed_anything(), "{report:?}");
    assert_eq!(report.units.unchanged, 18);
    assert_eq!(report.positions.unchanged, 48);

    // Into an empty database, then out again: the same CSV files.
    let mut fresh = empty(&dir, "fresh.db");
    let report = fresh.org_import(&xlsx, Some("2016-12-31")).unwrap();
    assert_eq!(
        (
            report.units.added,
            report.positions.added,
            report.people.added
        ),
        (18, 48, 47)
    );
    assert_eq!(export_csv(&fresh), export_csv(&app));
    // CSV files import the same way.
    let mut fresh2 = empty(&dir, "fresh2.db");
    fresh2
        .org_import(&export_csv(&app), Some("2016-12-31"))
        .unwrap();
    assert_eq!(export_csv(&fresh2), export_csv(&app));
}

fn csv_file(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.to_string(), text.as_bytes().to_vec())
}

fn problems(err: AppError) -> Vec<String> {
    assert_eq!(err.code(), "org.file");
    err.to_api(Lang::Zh)
        .problems
        .unwrap()
        .into_iter()
        .map(|p| {
            format!(
                "{} {} {} {}",
                p.sheet,
                p.row.unwrap_or(0),
                p.column.unwrap_or_default(),
                p.message
            )
        })
        .collect()
}

#[test]
fn a_bad_file_changes_nothing_and_names_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let before = export_csv(&app);
    let units = "编码,名称,类型,上级单位编码\nX1,新一部,部门,ZB\nX2,,部门,ZB\nX1,重复,部门,ZB\nX3,三部,车间,NOPE\n";
    let positions = "编码,所属单位编码,岗位名称,直属上级岗位编码\nA,X1,甲,C\nB,X1,乙,A\nC,X1,丙,B\nD,X1,丁,ZZZ\n";
    let err = app
        .org_import(
            &[
                csv_file("units.csv", units),
                csv_file("positions.csv", positions),
            ],
            Some("2016-12-31"),
        )
        .unwrap_err();
    let p = problems(err);
    let has = |s: &str| p.iter().any(|l| l.contains(s));
    assert!(has("单位 3 名称 名称不能为空"), "{p:#?}");
    assert!(has("单位 4 编码 编码 X1 重复（第 2 行已有）"), "{p:#?}");
    assert!(has("单位 5 类型 类型“车间”无法识别"), "{p:#?}");
    assert!(
        has("单位 5 上级单位编码 上级单位编码 NOPE 不存在"),
        "{p:#?}"
    );
    for row in [2, 3, 4] {
        assert!(
            has(&format!(
                "岗位 {row} 直属上级岗位编码 汇报关系形成循环：A → C → B → A"
            )),
            "row {row}: {p:#?}"
        );
    }
    assert!(
        has("岗位 5 直属上级岗位编码 直属上级岗位编码 ZZZ 不存在"),
        "{p:#?}"
    );
    assert_eq!(export_csv(&app), before, "nothing was written");
}

#[test]
fn a_cycle_through_the_database_is_caught_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    // 总经理 (in the database) made to report to 文案 by the file.
    let positions = "编码,所属单位编码,岗位名称,直属上级岗位编码\nZB-P-GM,ZB-GM,总经理,ZB-P-COPY\n";
    let p = problems(
        app.org_import(&[csv_file("p.csv", positions)], Some("2016-12-31"))
            .unwrap_err(),
    );
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].starts_with("岗位 2 直属上级岗位编码 汇报关系形成循环"),
        "{p:#?}"
    );
}

#[test]
fn missing_required_columns_and_unknown_references_in_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let a = "工号,岗位编码,开始日期,结束日期\nZB-001,NOPE,2016-01-01,\nNOBODY,ZB-P-GM,2016-13-01,\nZB-001,ZB-P-GM,2016-05-01,2016-04-01\n";
    let p = problems(app.org_import(&[csv_file("a.csv", a)], None).unwrap_err());
    let has = |s: &str| p.iter().any(|l| l.contains(s));
    assert!(has("任职 2 岗位编码 岗位编码 NOPE 不存在"), "{p:#?}");
    assert!(has("任职 3 工号 工号 NOBODY 不存在"), "{p:#?}");
    assert!(has("任职 3 开始日期 “2016-13-01”不是有效日期"), "{p:#?}");
    assert!(has("任职 4 结束日期 结束日期早于开始日期"), "{p:#?}");
    let people = "姓名,电话\n张三,123\n";
    let err = app
        .org_import(&[csv_file("people.csv", people)], None)
        .unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("缺少必填列“工号”"),
        "{}",
        err.message(Lang::Zh)
    );
}

#[test]
fn an_import_with_changes_is_dated_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let units =
        "编码,名称,类型,上级单位编码\nZB-PLAN,企划宣传部,部门,ZB\nZB-NEW,客户服务部,部门,ZB\n";
    let r = app
        .org_import(&[csv_file("units.csv", units)], Some("2016-10-01"))
        .unwrap();
    assert_eq!((r.units.added, r.units.changed), (1, 1));
    let names = |d: &str| {
        titles(&app, d, OrgView::Units, Some("ZB"))
            .into_iter()
            .map(|t| t.0)
            .collect::<Vec<_>>()
    };
    assert!(names("2016-09-30").contains(&"企划部".to_string()));
    assert!(names("2016-10-01").contains(&"企划宣传部".to_string()));
    assert!(names("2016-10-01").contains(&"客户服务部".to_string()));
    assert!(!names("2016-09-30").contains(&"客户服务部".to_string()));
}

#[test]
fn the_template_has_every_sheet_and_imports_as_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let bytes = app.org_template_xlsx().unwrap();
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["单位", "岗位", "人员", "任职", "说明"]);
    let units = book.worksheet_range("单位").unwrap();
    let header: Vec<String> = units
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..3], ["编码*", "名称*", "类型*"]);
    let r = app
        .org_import(&[("模板.xlsx".into(), bytes)], None)
        .unwrap();
    assert!(!r.changed_anything());
}

/// A workbook saved by LibreOffice Calc (tests/fixtures/org-libreoffice.xlsx): numbers typed
/// as numbers, dates typed as dates, duties on several lines in a cell.
#[test]
fn a_workbook_written_by_libreoffice_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty(&dir, "lo.db");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/org-libreoffice.xlsx");
    let r = app.org_import_files(&[path], Some("2016-01-01")).unwrap();
    assert_eq!(
        (
            r.units.added,
            r.positions.added,
            r.people.added,
            r.assignments.added
        ),
        (3, 5, 4, 4)
    );
    let t = titles(&app, "2016-06-01", OrgView::Units, None);
    assert!(
        t.contains(&("美工设计".to_string(), Some("运营主管".to_string()))),
        "{t:?}"
    );
    let snap = app.org_snapshot(Some("2016-06-01")).unwrap();
    let gm = snap
        .positions
        .iter()
        .find(|p| p.position.attrs.title == "总经理")
        .unwrap();
    assert_eq!(gm.position.attrs.duties.len(), 3);
    let person = snap
        .people
        .iter()
        .find(|p| p.person.code == "1001")
        .unwrap();
    assert_eq!(person.posts[0].assignment.start_on, "2015-03-01");
    let left = snap
        .people
        .iter()
        .find(|p| p.person.code == "1004")
        .unwrap();
    assert_eq!(left.person.left_on.as_deref(), Some("2016-04-30"));
}

#[test]
fn a_dated_change_can_be_undone_and_the_undo_is_history_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let snap = app.org_snapshot(None).unwrap();
    let mkt = snap
        .units
        .iter()
        .find(|u| u.unit.code == "ZB-MKT")
        .unwrap()
        .unit
        .id
        .clone();
    let name = |app: &App, d: &str| {
        app.org_snapshot(Some(d))
            .unwrap()
            .units
            .into_iter()
            .find(|u| u.unit.id == mkt)
            .unwrap()
            .unit
            .attrs
            .name
    };
    assert_eq!(name(&app, "2016-08-01"), "营销管理部");
    app.org_revert(&mkt, "2016-07-01").unwrap();
    assert_eq!(
        name(&app, "2016-08-01"),
        "市场部",
        "the rename of 2016-07-01 is undone"
    );
    let h = app.org_history(&mkt).unwrap();
    assert_eq!(h.len(), 3, "created, renamed, renamed back: {h:?}");
    assert_eq!(h[2].note, "撤回 2016-07-01 的变更");
    // The version that set the unit up cannot be undone.
    let err = app.org_revert(&mkt, "2015-01-01").unwrap_err();
    assert!(err.message(Lang::Zh).contains("设立时的记录"));
}

#[test]
fn the_org_chart_pdf_shows_the_chart_as_of_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let pdf = app.report_orgchart(Some("ZB"), Some("2016-06-30")).unwrap();
    let path = dir.path().join("oc.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    let text = String::from_utf8_lossy(&out.stdout).replace(' ', "");
    assert!(
        text.contains("淄博市分公司组织架构图（2016-06-30）"),
        "{text}"
    );
    // As of June 2016 the marketing department still had its old name (营销管理部经理 is a
    // position's title, unchanged).
    assert!(text.contains("市场部\n\n部门"), "{text}");
    assert!(!text.contains("营销管理部\n\n部门"), "{text}");
    let tree = app
        .org_tree(Some("2016-06-30"), OrgView::Units, Some("ZB"))
        .unwrap();
    for n in tree.nodes.iter().filter(|n| n.kind == NodeKind::Position) {
        assert!(text.contains(&n.title), "{} is on the chart", n.title);
        for p in &n.people {
            assert!(text.contains(&p.name), "{} is on the chart", p.name);
        }
    }
}
