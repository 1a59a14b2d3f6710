#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! 公文 (outgoing): numbering without gaps or repeats, the signing rule by kind, secrecy scope.

use branchdesk_app::docs::IncomingFilter;
use branchdesk_app::docs::OutgoingInput;
use branchdesk_app::org::{AssignInput, PersonInput, PositionInput};
use branchdesk_app::{App, Ctx};
use branchdesk_domain::{
    AssignmentKind, DocCategory, DocKind, Lang, OutgoingStatus, PositionAttrs, PositionStatus,
};

mod common;
use common::{person, unit};

fn demo(dir: &tempfile::TempDir) -> App {
    let mut app = common::demo(dir);
    for (code, name, prefix, kind) in [
        ("company", "公司发文", "淄人保发", DocKind::Company),
        ("business", "业务发文", "淄人保业发", DocKind::Business),
    ] {
        app.doc_category_save(&DocCategory {
            code: code.into(),
            name: name.into(),
            prefix: prefix.into(),
            kind,
            foreign: false,
        })
        .unwrap();
    }
    app
}

fn draft(app: &mut App, category: &str, title: &str, drafting: &str) -> String {
    let input = OutgoingInput {
        id: None,
        unit_id: unit(app, "ZB"),
        category: category.into(),
        title: title.into(),
        drafting_unit_id: Some(unit(app, drafting)),
        drafter_id: None,
        secret: false,
        scope_units: Vec::new(),
        scope_positions: Vec::new(),
    };
    app.outgoing_save(&input).unwrap().id
}

fn msg(e: branchdesk_app::AppError) -> String {
    e.message(Lang::Zh)
}

#[test]
fn numbers_never_repeat_or_skip_even_when_drafts_are_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let gm = person(&app, "ZB-001");
    let a = draft(
        &mut app,
        "company",
        "关于印发2017年营销管理系统推广考核方案的通知",
        "ZB-OFF",
    );
    let b = draft(&mut app, "company", "关于调整收文阅办流程的通知", "ZB-OFF");
    let c = draft(&mut app, "company", "关于年底续保专项工作的通知", "ZB-OFF");
    for id in [&a, &b, &c] {
        app.outgoing_sign(id, &gm, "2017-07-04").unwrap();
    }
    // Issuing before signing, or withdrawing after issuing, is refused.
    let d = draft(&mut app, "company", "未签发的文件", "ZB-OFF");
    assert!(msg(app.outgoing_issue(&d, "2017-07-05").unwrap_err()).contains("须先签发"));
    app.outgoing_withdraw(&b).unwrap();
    let a = app.outgoing_issue(&a, "2017-07-05").unwrap();
    let c = app.outgoing_issue(&c, "2017-07-06").unwrap();
    assert_eq!(a.number.as_deref(), Some("淄人保发〔2017〕1号"));
    assert_eq!(
        c.number.as_deref(),
        Some("淄人保发〔2017〕2号"),
        "the withdrawn draft cost no number"
    );
    assert!(msg(app.outgoing_withdraw(&a.id).unwrap_err()).contains("不能撤回"));
    // A number reserved ahead and given back is handed out again before any new one.
    let r = app.doc_reserve_number("company", Some(2017)).unwrap();
    assert_eq!(r.number, "淄人保发〔2017〕3号");
    app.doc_release_number("company", 2017, 3).unwrap();
    assert_eq!(
        app.doc_reserve_number("company", Some(2017)).unwrap().seq,
        3
    );
    let e = draft(&mut app, "company", "关于表彰推广先进单位的通报", "ZB-OFF");
    app.outgoing_sign(&e, &gm, "2017-07-10").unwrap();
    assert_eq!(
        app.outgoing_issue(&e, "2017-07-11").unwrap().seq,
        Some(4),
        "3 is still reserved"
    );
    app.doc_release_number("company", 2017, 3).unwrap();
    let f = draft(
        &mut app,
        "company",
        "关于清理长期未登录用户的通知",
        "ZB-OFF",
    );
    app.outgoing_sign(&f, &gm, "2017-07-12").unwrap();
    assert_eq!(
        app.outgoing_issue(&f, "2017-07-12")
            .unwrap()
            .number
            .as_deref(),
        Some("淄人保发〔2017〕3号")
    );
    // A used number is never given back; each year and category counts on its own.
    assert!(app.doc_release_number("company", 2017, 1).is_err());
    assert_eq!(
        app.doc_reserve_number("company", Some(2018)).unwrap().seq,
        1
    );
    assert_eq!(
        app.doc_reserve_number("business", Some(2017)).unwrap().seq,
        1
    );
    let issued: Vec<i64> = app
        .outgoing_list(None)
        .unwrap()
        .iter()
        .filter(|d| {
            d.status == OutgoingStatus::Issued && d.category == "company" && d.year == Some(2017)
        })
        .filter_map(|d| d.seq)
        .collect();
    let mut sorted = issued.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 2, 3, 4]);
    assert!(msg(app.doc_reserve_number("nope", None).unwrap_err()).contains("没有文件类别"));
}

#[test]
fn concurrent_reservations_from_separate_processes_get_distinct_numbers() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(&dir));
    let path = dir.path().join("demo.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut app = App::open(&path, Ctx::local()).unwrap();
                (0..25)
                    .map(|_| app.doc_reserve_number("company", Some(2017)).unwrap().seq)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<i64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    all.sort_unstable();
    assert_eq!(all, (1..=100).collect::<Vec<_>>());
}

#[test]
fn company_documents_are_signed_by_the_gm_and_business_ones_by_a_deputy() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    // Drafting: company documents come from the office, business ones from a department.
    let bad = OutgoingInput {
        id: None,
        unit_id: unit(&app, "ZB"),
        category: "company".into(),
        title: "运营部起草的公司文件".into(),
        drafting_unit_id: Some(unit(&app, "ZB-OPS")),
        drafter_id: None,
        secret: false,
        scope_units: Vec::new(),
        scope_positions: Vec::new(),
    };
    assert!(msg(app.outgoing_save(&bad).unwrap_err()).contains("由办公室拟稿"));
    let company = draft(&mut app, "company", "关于加强保密管理的通知", "ZB-OFF");
    let business = draft(
        &mut app,
        "business",
        "关于开展移动端报价培训的通知",
        "ZB-MKT",
    );
    let ops = person(&app, "ZB-004");
    let e = msg(app.outgoing_sign(&company, &ops, "2017-07-04").unwrap_err());
    assert!(e.contains("由总经理签发") && e.contains("运营总监"), "{e}");
    let gm = person(&app, "ZB-001");
    let e = msg(app.outgoing_sign(&business, &gm, "2017-07-04").unwrap_err());
    assert!(
        e.contains("分管副总经理签发") && e.contains("总经理"),
        "{e}"
    );
    assert_eq!(
        app.outgoing_sign(&company, &gm, "2017-07-04")
            .unwrap()
            .status,
        OutgoingStatus::Signed
    );
    // A second deputy GM appointed from 2017-08-01 signs business documents from that day on.
    let gm_post = app
        .org_snapshot(None)
        .unwrap()
        .positions
        .into_iter()
        .find(|p| p.position.code == "ZB-P-GM")
        .unwrap()
        .position;
    let post = app
        .org_save_position(&PositionInput {
            id: None,
            code: "ZB-P-DGM2".into(),
            attrs: PositionAttrs {
                unit_id: gm_post.attrs.unit_id.clone(),
                title: "副总经理（分管财务）".into(),
                superior_id: Some(gm_post.id.clone()),
                description: String::new(),
                duties: Vec::new(),
                status: PositionStatus::Active,
                sort: 1,
                ..Default::default()
            },
            effective: "2017-01-01".into(),
            note: None,
        })
        .unwrap();
    let deputy = app
        .org_save_person(&PersonInput {
            id: None,
            code: "ZB-020".into(),
            name: "唐振华".into(),
            phone: String::new(),
            left_on: None,
        })
        .unwrap();
    app.org_assign(&AssignInput {
        person_id: deputy.id.clone(),
        position_id: post.id.clone(),
        kind: AssignmentKind::Primary,
        start_on: "2017-08-01".into(),
        end_on: None,
        end_other: false,
    })
    .unwrap();
    let e = msg(app
        .outgoing_sign(&business, &deputy.id, "2017-07-20")
        .unwrap_err());
    assert!(
        e.contains("唐振华") && e.contains("无"),
        "not yet in post: {e}"
    );
    let signed = app
        .outgoing_sign(&business, &deputy.id, "2017-08-02")
        .unwrap();
    assert_eq!(signed.signer_id.as_deref(), Some(deputy.id.as_str()));
    assert_eq!(signed.signed_by, "唐振华（副总经理（分管财务））");
    assert!(msg(app.outgoing_issue(&business, "2017-08-01").unwrap_err()).contains("早于签发日期"));
    assert_eq!(
        app.outgoing_issue(&business, "2017-08-03")
            .unwrap()
            .number
            .as_deref(),
        Some("淄人保业发〔2017〕1号")
    );
}

#[test]
fn secret_documents_are_listed_only_within_their_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let open = draft(&mut app, "company", "关于春节值班安排的通知", "ZB-OFF");
    let mut secret = OutgoingInput {
        id: None,
        unit_id: unit(&app, "ZB"),
        category: "company".into(),
        title: "关于张店区支公司人事调整的决定（秘密）".into(),
        drafting_unit_id: Some(unit(&app, "ZB-OFF")),
        drafter_id: None,
        secret: true,
        scope_units: Vec::new(),
        scope_positions: Vec::new(),
    };
    assert!(msg(app.outgoing_save(&secret).unwrap_err()).contains("报送范围"));
    secret.scope_units = vec![unit(&app, "ZB-ZD")];
    let s = app.outgoing_save(&secret).unwrap();
    let mkt_post = app
        .org_snapshot(None)
        .unwrap()
        .positions
        .into_iter()
        .find(|p| p.position.code == "ZB-P-MKTD")
        .unwrap()
        .position;
    let by_post = OutgoingInput {
        title: "营销管理部经理阅知的秘密文件".into(),
        scope_units: Vec::new(),
        scope_positions: vec![mkt_post.id.clone()],
        ..secret.clone()
    };
    let p = app.outgoing_save(&by_post).unwrap();
    let ids =
        |v: Vec<branchdesk_domain::OutgoingDoc>| v.into_iter().map(|d| d.id).collect::<Vec<_>>();
    let zd = ids(app.outgoing_list(Some(&unit(&app, "ZB-ZD"))).unwrap());
    assert!(zd.contains(&open) && zd.contains(&s.id) && !zd.contains(&p.id));
    let zc = ids(app.outgoing_list(Some(&unit(&app, "ZB-ZC"))).unwrap());
    assert!(zc.contains(&open) && !zc.contains(&s.id) && !zc.contains(&p.id));
    let mkt = ids(app.outgoing_list(Some(&unit(&app, "ZB-MKT"))).unwrap());
    assert!(mkt.contains(&p.id) && !mkt.contains(&s.id));
    // The register itself (no viewer) lists everything.
    let all = ids(app.outgoing_list(None).unwrap());
    assert!(all.contains(&s.id) && all.contains(&p.id));
    assert_eq!(all.len(), zc.len() + 2);
}

fn incoming(app: &App, received: &str, handlers: &[&str]) -> branchdesk_app::docs::IncomingInput {
    branchdesk_app::docs::IncomingInput {
        unit_id: unit(app, "ZB"),
        received_on: received.into(),
        sender: "省分公司运营管理部".into(),
        title: "关于做好年底续保工作的通知".into(),
        doc_number: "鲁人保运〔2016〕88号".into(),
        urgent: false,
        instruction: "请运营部牵头落实，营销管理部配合。".into(),
        secret: false,
        handlers: handlers.iter().map(|h| person(app, h)).collect(),
        from_doc: None,
    }
}

#[test]
fn incoming_documents_are_handled_within_three_working_days_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    // Received on Friday 2016-12-02: three working days end on Wednesday 2016-12-07.
    let row = app
        .incoming_register(&incoming(&app, "2016-12-02", &["ZB-004", "ZB-011"]))
        .unwrap();
    assert_eq!(row.due_on, "2016-12-07");
    assert_eq!(row.handlers.len(), 2);
    assert!(row
        .handlers
        .iter()
        .all(|h| h.meeting_title == "收文：省分公司运营管理部 鲁人保运〔2016〕88号"));
    // On the same board as the meetings' items, overdue from the 8th.
    let board = |today: &str| {
        app.actions_board(&branchdesk_app::minutes::ActionFilter {
            overdue_only: true,
            today: Some(today.into()),
            ..Default::default()
        })
        .unwrap()
    };
    assert!(!board("2016-12-07")
        .iter()
        .any(|a| a.item.doc_id.as_deref() == Some(row.doc.id.as_str())));
    let late: Vec<_> = board("2016-12-08")
        .into_iter()
        .filter(|a| a.item.doc_id.as_deref() == Some(row.doc.id.as_str()))
        .collect();
    assert_eq!(late.len(), 2);
    assert_eq!(late[0].overdue_days, 1);
    assert_eq!(
        app.incoming_list(&IncomingFilter {
            overdue_only: true,
            today: Some("2016-12-08".into()),
        })
        .unwrap()
        .len(),
        1
    );
    assert!(app
        .incoming_list(&IncomingFilter {
            overdue_only: true,
            today: Some("2016-12-07".into()),
        })
        .unwrap()
        .is_empty());
    // Reporting back needs a note; past the deadline it asks for the reason too.
    let first = late[0].item.id.clone();
    let done = |note: &str| branchdesk_app::minutes::ActionUpdate {
        id: first.clone(),
        status: branchdesk_domain::ActionStatus::Done,
        due_on: None,
        note: note.into(),
    };
    assert!(msg(app.action_update(&done("")).unwrap_err()).contains("逾期原因"));
    app.action_update(&done("已制定续保专项方案；因等待省公司清单延误一天。"))
        .unwrap();
    let r = app
        .incoming_list(&IncomingFilter {
            overdue_only: false,
            today: Some("2016-12-08".into()),
        })
        .unwrap()
        .into_iter()
        .find(|r| r.doc.id == row.doc.id)
        .unwrap();
    assert!(!r.done, "one handler still has to report");
    // Calendar days when the office chooses them; a future date or no handler is refused.
    app.update_settings(&branchdesk_domain::SettingsUpdate {
        handle_working_days: Some(false),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        app.incoming_register(&incoming(&app, "2016-12-02", &["ZB-004"]))
            .unwrap()
            .due_on,
        "2016-12-05"
    );
    assert!(msg(app
        .incoming_register(&incoming(&app, "2099-01-01", &["ZB-004"]))
        .unwrap_err())
    .contains("不能晚于今天"));
    assert!(msg(app
        .incoming_register(&incoming(&app, "2016-12-02", &[]))
        .unwrap_err())
    .contains("阅办"));
    // Found by search.
    assert!(app
        .search("续保 鲁人保运", 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == row.doc.id));
}

#[test]
fn issued_documents_keep_a_dispatch_log_and_corrections_are_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let gm = person(&app, "ZB-001");
    let id = draft(
        &mut app,
        "company",
        "关于印发2017年度发展计划的通知",
        "ZB-OFF",
    );
    let send = |id: &str, on: &str| branchdesk_app::docs::DispatchInput {
        doc_id: id.into(),
        sent_on: on.into(),
        to_unit: "张店区支公司".into(),
        recipient: "王建国".into(),
        content: "纸质文件一份".into(),
    };
    assert!(msg(app.outgoing_dispatch(&send(&id, "2017-01-05")).unwrap_err()).contains("印发后"));
    app.outgoing_sign(&id, &gm, "2017-01-04").unwrap();
    let issued = app.outgoing_issue(&id, "2017-01-05").unwrap();
    assert!(
        msg(app.outgoing_dispatch(&send(&id, "2017-01-04")).unwrap_err()).contains("早于印发日期")
    );
    let detail = app.outgoing_dispatch(&send(&id, "2017-01-06")).unwrap();
    assert_eq!(detail.dispatches.len(), 1);
    let detail = app
        .dispatch_outcome(&detail.dispatches[0].id, "已传达至全体员工")
        .unwrap();
    assert_eq!(detail.dispatches[0].outcome, "已传达至全体员工");
    // A correction keeps the original as a revision; the number stays.
    assert!(msg(app.outgoing_correct(&id, "新标题", " ").unwrap_err()).contains("更正原因"));
    let d = app
        .outgoing_correct(
            &id,
            "关于印发2017年度发展计划（修订稿）的通知",
            "标题漏写“修订稿”",
        )
        .unwrap();
    assert_eq!(d.doc.number, issued.number);
    assert_eq!(d.revisions.len(), 1);
    assert_eq!(
        d.revisions[0].before.title,
        "关于印发2017年度发展计划的通知"
    );
    assert_eq!(d.revisions[0].reason, "标题漏写“修订稿”");
    // The register is searched by title and number.
    assert!(app
        .search("修订稿", 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == id && h.kind == "outgoing"));
    let number = issued.number.unwrap();
    assert!(app
        .search(&number, 10)
        .unwrap()
        .iter()
        .any(|h| h.ref_id == id));
}

/// Issue 23: emoji showed as boxes in fields and vanished from PDFs; titles refuse them with a
/// message that names the character.
#[test]
fn titles_with_emoji_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let e = app
        .outgoing_save(&OutgoingInput {
            id: None,
            unit_id: unit(&app, "ZB"),
            category: "company".into(),
            title: "关于年终总结的通知🎉".into(),
            drafting_unit_id: Some(unit(&app, "ZB-OFF")),
            drafter_id: None,
            secret: false,
            scope_units: Vec::new(),
            scope_positions: Vec::new(),
        })
        .unwrap_err();
    let m = e.message(branchdesk_domain::Lang::Zh);
    assert!(m.contains("第 10 个字符是表情符号（🎉）"), "{m}");
}

#[test]
fn a_draft_is_written_from_its_template_frozen_when_signed_and_printed_in_the_national_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let gm = person(&app, "ZB-001");
    let id = draft(
        &mut app,
        "company",
        "关于申请调整2017年度保费计划的请示",
        "ZB-OFF",
    );

    // A new text comes from the template of its kind, signed by the issuing unit.
    let view = app
        .outgoing_content(&id, Some(branchdesk_domain::DocForm::Request))
        .unwrap();
    assert!(!view.saved && view.editable);
    assert!(
        view.content.body.ends_with("妥否，请批示。"),
        "{}",
        view.content.body
    );
    let zb = app
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .find(|u| u.unit.code == "ZB")
        .unwrap()
        .unit
        .attrs
        .name;
    assert_eq!(view.content.issuer, zb);

    let mut c = view.content;
    c.addressees = "山东省分公司".into();
    c.body = "受台风影响，一季度车险保费完成率为86.5%。\n一、调整的理由\n（一）承保车辆减少。全市新车上牌量同比下降。\n妥否，请批示。".into();
    c.attachments = "1.2017年度保费计划调整表\n2.各县支公司完成情况".into();
    c.note = "联系人：刘晓燕，电话：0533-2288123".into();
    c.cc = "淄博市分公司领导班子成员".into();
    c.copy_no = "12a".into();
    let e = app.outgoing_content_save(&c).unwrap_err();
    assert!(msg(e).contains("份号"));
    c.copy_no = "123".into();
    c.body.push('\u{202E}'); // a direction override hides what a text says
    assert_eq!(
        app.outgoing_content_save(&c).unwrap_err().code(),
        "input.invalid"
    );
    c.body.pop();
    let saved = app.outgoing_content_save(&c).unwrap();
    assert!(app.outgoing_content(&id, None).unwrap().saved);
    // Search finds the text and the attachments' names.
    for word in ["承保车辆减少", "保费计划调整表"] {
        let hits = app.search(word, 10).unwrap();
        assert!(hits.iter().any(|h| h.ref_id == id), "{word}: {hits:?}");
    }

    // Signed: the text no longer changes.
    app.outgoing_sign(&id, &gm, "2017-07-04").unwrap();
    let mut late = saved.clone();
    late.body = "改过的正文".into();
    assert_eq!(
        app.outgoing_content_save(&late).unwrap_err().code(),
        "docs.content_frozen"
    );
    assert_eq!(
        app.outgoing_content(&id, None).unwrap().content.body,
        saved.body
    );
    let doc = app.outgoing_issue(&id, "2017-07-05").unwrap();

    let text = common::pdftotext(&app.report_document(&id).unwrap());
    let signer = doc.signed_by.split('（').next().unwrap().to_string();
    for want in [
        "000123".to_string(),
        format!("{zb}文件"),
        "淄人保发〔2017〕1号".into(),
        format!("签发人：{signer}"),
        "山东省分公司：".into(),
        "附件：1.2017年度保费计划调整表".into(),
        "2.各县支公司完成情况".into(),
        "2017年7月4日".into(),
        "（联系人：刘晓燕，电话：0533-2288123）".into(),
        "抄送：淄博市分公司领导班子成员".into(),
        "2017年7月5日印发".into(),
    ] {
        assert!(
            text.replace(' ', "").contains(&want.replace(' ', "")),
            "{want} not in\n{text}"
        );
    }
}

#[test]
fn attachments_are_kept_with_their_checksum_listed_when_the_text_names_none_and_frozen_once_signed()
{
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(&dir);
    let gm = person(&app, "ZB-001");
    let id = draft(
        &mut app,
        "company",
        "关于印发2017年续保工作方案的通知",
        "ZB-OFF",
    );
    let sheet: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let f = app
        .outgoing_attach(&id, "/home/u/下载/2017年续保工作方案.xlsx", &sheet)
        .unwrap();
    assert_eq!(
        f.name, "2017年续保工作方案.xlsx",
        "the path is cut to the file's name"
    );
    assert_eq!(f.size, 1_200_000);
    let out = std::process::Command::new("sha256sum")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(&sheet)?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with(&f.sha256),
        "{}",
        f.sha256
    );
    app.outgoing_attach(&id, "续保清单分配表.pdf", b"%PDF-1.4 ...")
        .unwrap();
    // Refused by name: the same name twice, a control character, more than 20 MB.
    let code = |r: branchdesk_app::Result<branchdesk_domain::DocFile>| r.unwrap_err().code();
    assert_eq!(
        code(app.outgoing_attach(&id, "续保清单分配表.pdf", b"x")),
        "input.invalid"
    );
    assert_eq!(
        code(app.outgoing_attach(&id, "清单\u{202E}fdp.exe", b"x")),
        "input.invalid"
    );
    let big = vec![0u8; branchdesk_app::docs::MAX_FILE + 1];
    let e = app
        .outgoing_attach(&id, "全年保单影像.zip", &big)
        .unwrap_err();
    assert!(msg(e).contains("不能超过 20 MB"));
    // Search finds a document by its attachments' names.
    let hits = app.search("续保清单分配表", 10).unwrap();
    assert!(hits.iter().any(|h| h.ref_id == id), "{hits:?}");
    let (back, bytes) = app.outgoing_file(&f.id).unwrap();
    assert_eq!((back.sha256, bytes), (f.sha256.clone(), sheet));

    // The text names no attachments: the print lists the files, without their extensions.
    app.outgoing_sign(&id, &gm, "2017-07-04").unwrap();
    let text = common::pdftotext(&app.report_document(&id).unwrap()).replace(' ', "");
    assert!(text.contains("附件：1.2017年续保工作方案"), "{text}");
    assert!(text.contains("2.续保清单分配表"), "{text}");
    // Signed: the files no longer change.
    assert_eq!(
        code(app.outgoing_attach(&id, "补充说明.docx", b"x")),
        "docs.content_frozen"
    );
    assert_eq!(
        app.outgoing_detach(&f.id).unwrap_err().code(),
        "docs.content_frozen"
    );
    assert_eq!(app.outgoing_files(&id).unwrap().len(), 2);
}
