#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The engine's output checked with the tools people's machines use: poppler (pdftotext,
//! pdffonts, pdfinfo, pdftoppm) and qpdf.

use std::path::Path;
use std::process::Command;

use branchdesk_report::{render, Align, Block, Column, Document, Table};

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        title: "测试报告".into(),
        author: "淄博市分公司".into(),
        header_left: "齐鲁示范保险集团".into(),
        header_right: "张店区支公司".into(),
        footer_note: "分支管理台 生成于 2026-11-22 10:00".into(),
        page_label: "第 {page} 页 / 共 {pages} 页".into(),
        created: "D:20261122100000Z".into(),
        blocks,
    }
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(file);
    if tool == "pdftotext" {
        cmd.arg("-"); // to stdout
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} is not installed: {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(dir: &tempfile::TempDir, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn long_table(rows: usize) -> Block {
    Block::Table(Table {
        columns: vec![
            Column {
                title: "序号".into(),
                width: 1.0,
                align: Align::Center,
            },
            Column {
                title: "单位名称".into(),
                width: 4.0,
                align: Align::Left,
            },
            Column {
                title: "保费（元）".into(),
                width: 2.0,
                align: Align::Right,
            },
        ],
        rows: (1..=rows)
            .map(|i| {
                vec![
                    i.to_string(),
                    format!("第{i}支公司（含续保拓展部及车商业务）"),
                    format!("{},{:03}.00", i, i % 1000),
                ]
            })
            .collect(),
        total: Some(vec![String::new(), "合计".into(), "123,456.00".into()]),
    })
}

#[test]
fn chinese_text_comes_back_and_the_font_is_an_embedded_subset() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = render(&doc(vec![
        Block::Title("考核得分表".into()),
        Block::Paragraph("续保管理指数：续保率 = 已续保 ÷ 应续保。".into()),
    ]))
    .unwrap();
    let path = write(&dir, &bytes);
    let text = run("pdftotext", &["-layout"], &path).replace(' ', "");
    assert!(text.contains("考核得分表"), "{text}");
    assert!(
        text.contains("续保管理指数：续保率=已续保÷应续保。"),
        "{text}"
    );
    assert!(
        text.contains("齐鲁示范保险集团") && text.contains("第1页/共1页"),
        "{text}"
    );
    let fonts = run("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "one font: {fonts}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert!(cols[0].contains('+'), "subset tag: {fonts}");
    assert_eq!(
        &cols[cols.len() - 5..cols.len() - 2],
        ["yes", "yes", "yes"],
        "emb sub uni: {fonts}"
    );
    // A subset: far smaller than the 5 MB font.
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let info = run("pdfinfo", &[], &path);
    assert!(info.contains("Title:           测试报告"), "{info}");
    assert!(info.contains("Author:          淄博市分公司"), "{info}");
    assert!(
        info.contains("CreationDate:    Sun Nov 22 10:00:00 2026"),
        "{info}"
    );
    run("qpdf", &["--check"], &path);
}

#[test]
fn a_long_table_breaks_across_pages_with_its_header_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        &render(&doc(vec![Block::Title("长表".into()), long_table(120)])).unwrap(),
    );
    let info = run("pdfinfo", &[], &path);
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{pages} pages");
    for page in 1..=pages {
        let p = page.to_string();
        let text = run("pdftotext", &["-f", &p, "-l", &p, "-layout"], &path).replace(' ', "");
        assert!(
            text.contains("单位名称") && text.contains("保费（元）"),
            "page {page} repeats the header: {text}"
        );
        assert!(
            text.contains(&format!("第{page}页/共{pages}页")),
            "page {page}: {text}"
        );
    }
    let last = run(
        "pdftotext",
        &["-f", &pages.to_string(), "-l", &pages.to_string()],
        &path,
    );
    assert!(last.contains("第120支公司") && last.contains("合计"));
    run("qpdf", &["--check"], &path);
}

/// The first page rendered as a picture has ink on it (a blank page is a failure).
#[test]
fn the_first_page_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        &render(&doc(vec![
            Block::Title("考核得分表".into()),
            long_table(20),
        ]))
        .unwrap(),
    );
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let pgm = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .unwrap();
    let data = std::fs::read(pgm).unwrap();
    // P5 header: magic, width, height, maxval, then one byte per pixel.
    let header_end = data
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 1;
    let pixels = &data[header_end..];
    let dark = pixels.iter().filter(|&&v| v < 128).count();
    assert!(
        dark > pixels.len() / 200,
        "only {dark} dark pixels of {}",
        pixels.len()
    );
}

#[test]
fn the_org_chart_is_landscape_and_a_big_one_is_paginated_by_branch() {
    use branchdesk_report::{render_chart, ChartNode};
    let dir = tempfile::tempdir().unwrap();
    let node = |parent: Option<usize>, title: String| ChartNode {
        parent,
        title,
        subtitle: "空缺".into(),
        tinted: parent.is_none(),
    };
    // Small: the operations department of seed 004 fits one A4 landscape page.
    let small = vec![
        node(None, "运营部".into()),
        node(Some(0), "运营总监".into()),
        node(Some(1), "运营主管".into()),
        node(Some(2), "文案".into()),
        node(Some(2), "美工设计".into()),
    ];
    let path = write(&dir, &render_chart(&doc(Vec::new()), &small).unwrap());
    let info = run("pdfinfo", &[], &path);
    assert!(info.contains("842 x 595 pts (A4)"), "{info}");
    let text = run("pdftotext", &[], &path);
    for t in ["运营部", "运营总监", "运营主管", "文案", "美工设计"] {
        assert!(text.contains(t), "{t} is on the chart: {text}");
    }
    // Big: 40 branches of 12 positions each do not fit one page legibly.
    let mut big = vec![node(None, "集团".into())];
    for b in 0..40 {
        let head = big.len();
        big.push(node(Some(0), format!("第{b}分公司")));
        for p in 0..12 {
            big.push(node(
                Some(if p < 3 { head } else { head + 1 + p % 3 }),
                format!("岗位{b}-{p}"),
            ));
        }
    }
    let path = write(&dir, &render_chart(&doc(Vec::new()), &big).unwrap());
    let info = run("pdfinfo", &[], &path);
    assert!(info.contains("(A3)"), "{info}");
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!((3..=41).contains(&pages), "{pages} pages");
    let text = run("pdftotext", &[], &path);
    for b in 0..40 {
        assert!(
            text.contains(&format!("岗位{b}-11")),
            "branch {b} is drawn somewhere"
        );
    }
    run("qpdf", &["--check"], &path);
}
