#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The minutes (会议纪要) and plan (计划书) PDFs, read back with poppler and qpdf.

use std::process::Command;

use branchdesk_domain::Lang;

mod common;
use common::demo;

/// The PDF's text (spaces removed), after `qpdf --check` and `pdffonts` agree it is sound.
fn checked_text(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let qpdf = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    assert!(
        fonts.contains("BDKREP+WenQuanYiMicroHei") && fonts.contains("yes yes yes"),
        "{fonts}"
    );
    // The first page is not blank: a good share of its pixels are ink.
    let prefix = dir.path().join(format!("{name}-page"));
    assert!(Command::new("pdftoppm")
        .args(["-gray", "-r", "30", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap()
        .success());
    let pgm = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.to_string_lossy().contains(&format!("{name}-page"))
                && p.extension().is_some_and(|e| e == "pgm")
        })
        .unwrap();
    let data = std::fs::read(pgm).unwrap();
    let ink = data
        .iter()
        .rev()
        .take(data.len() - 20)
        .filter(|b| **b < 128)
        .count();
    assert!(
        ink > 500,
        "page 1 of {name} looks blank ({ink} dark pixels)"
    );
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).replace([' ', '\n'], "")
}

#[test]
fn minutes_pdf_has_attendees_decisions_actions_and_signature_lines() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let m = app
        .minutes_list(None)
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.title == "2016年第11期总经理办公会")
        .unwrap();
    let view = app.minutes_get(&m.meeting.id).unwrap();
    let text = checked_text(&dir, "gm.pdf", &app.report_minutes(&m.meeting.id).unwrap());
    assert!(text.contains("2016年第11期总经理办公会纪要"));
    assert!(
        text.contains("缺席：陈静（带队参加省公司续保专项培训）"),
        "{text}"
    );
    for d in &view.body.decisions {
        assert!(text.contains(&d.replace(' ', "")), "decision missing: {d}");
    }
    for a in &view.actions {
        assert!(
            text.contains(&a.item.title.replace(' ', "")),
            "action missing: {}",
            a.item.title
        );
    }
    assert!(text.contains("已定稿（第1版）"));
    assert!(text.contains("主持人签字") && text.contains("记录人签字"));
    assert!(text.contains("第1页/共1页"));
    // A weekly meeting lists the items carried from earlier meetings of its series.
    let w = app
        .minutes_list(None)
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.title == "张店区支公司周例会（第10期）")
        .unwrap();
    let view = app.minutes_get(&w.meeting.id).unwrap();
    assert!(!view.carried.is_empty());
    let text = checked_text(
        &dir,
        "weekly.pdf",
        &app.report_minutes(&w.meeting.id).unwrap(),
    );
    assert!(text.contains("前次会议督办事项落实情况"));
    for a in &view.carried {
        assert!(text.contains(&a.item.title), "{}", a.item.title);
    }
}

#[test]
fn plan_pdf_shows_the_tree_progress_and_deviations() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let text = checked_text(&dir, "plan.pdf", &app.report_plan("ZB", "2016").unwrap());
    assert!(text.contains("淄博市分公司2016年度计划书"));
    let rows = app.plans(None).unwrap();
    for r in rows.iter().filter(|r| r.node.period.starts_with("2016")) {
        assert!(
            text.contains(&format!("{}%", r.progress_pct)),
            "{} {}",
            r.node.title,
            r.progress_pct
        );
    }
    // 22 of 30 is short of the target and has no analysis yet: the report says so.
    assert!(
        text.contains("目标30笔，实际22笔：（尚未填写偏差分析）"),
        "{text}"
    );
    assert!(text.contains("成立续保专项小组"));
    // The 2017 draft is not in the 2016 plan; a period without plans is refused clearly.
    assert!(!text.contains("2017年度发展计划（草案）"));
    let e = app.report_plan("ZB", "2030").unwrap_err();
    assert!(e.message(Lang::Zh).contains("没有计划"));
    assert_eq!(
        app.report_plan("NOPE", "2016").unwrap_err().code(),
        "input.invalid"
    );
}

#[test]
fn slip_and_register_pdfs_carry_the_documents_and_their_handling() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let rows = app.incoming_list(&Default::default()).unwrap();
    let late = rows
        .iter()
        .find(|r| r.overdue_days > 0)
        .expect("the demo leaves a document unhandled");
    let text = checked_text(&dir, "slip.pdf", &app.report_slip(&late.doc.id).unwrap());
    assert!(text.contains("收文阅办单"));
    assert!(
        text.contains(&late.doc.title) && text.contains(&late.doc.doc_number),
        "{text}"
    );
    assert!(text.contains(&late.doc.instruction.replace(' ', "")));
    for h in &late.handlers {
        assert!(text.contains(&h.owner_name));
    }
    assert!(text.contains("逾期") && text.contains("领导签批"));
    let text = checked_text(
        &dir,
        "register.pdf",
        &app.report_register("2016-12-01", "2016-12-31").unwrap(),
    );
    assert!(
        text.contains("公文登记簿（2016-12-01至2016-12-31）"),
        "{text}"
    );
    let december: Vec<_> = rows
        .iter()
        .filter(|r| r.doc.received_on.starts_with("2016-12"))
        .collect();
    assert_eq!(december.len(), 3);
    for r in december {
        assert!(text.contains(&r.doc.doc_number));
    }
    let issued: Vec<_> = app
        .outgoing_list(None)
        .unwrap()
        .into_iter()
        .filter(|d| {
            d.issued_on
                .as_deref()
                .is_some_and(|i| i.starts_with("2016-12"))
        })
        .collect();
    assert_eq!(issued.len(), 3);
    for d in issued {
        assert!(
            text.contains(d.number.as_deref().unwrap()),
            "{:?}",
            d.number
        );
    }
    assert!(!text.contains("2016-11-"), "only the period's documents");
}

#[test]
fn minutes_print_in_the_national_format_with_who_attended_after_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir);
    let m = app
        .minutes_list(None)
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.title == "2016年第11期总经理办公会")
        .unwrap();
    let view = app.minutes_get(&m.meeting.id).unwrap();
    let bytes = app.report_minutes_official(&m.meeting.id).unwrap();
    let path = dir.path().join("gbt.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let qpdf = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    if let Ok(keep) = std::env::var("BRANCHDESK_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .replace([' ', '\n'], "");
    // The red mark, the issue as its number, the meeting as its title.
    assert!(
        text.starts_with("总经理办公会纪要第11期2016年第11期总经理办公会"),
        "{text}"
    );
    for d in &view.body.decisions {
        assert!(text.contains(&d.replace(' ', "")), "decision missing: {d}");
    }
    for a in &view.actions {
        assert!(
            text.contains(
                &a.item
                    .title
                    .replace(' ', "")
                    .trim_end_matches('。')
                    .to_string()
            ),
            "{}",
            a.item.title
        );
    }
    // 出席 and 请假 come after the text, the excused with their reasons; no signature lines.
    let present = text.find("出席：").expect("出席 listed");
    let excused = text
        .find("请假：陈静（带队参加省公司续保专项培训）")
        .expect("请假 listed");
    assert!(
        present > text.find("会议议定事项").unwrap() && excused > present,
        "{text}"
    );
    assert!(!text.contains("主持人签字"));
    assert!(text.contains("印发"));
}
