#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! The GB/T 9704-2012 print measured as a printer would: positions from `pdftotext
//! -bbox-layout`, the red from the rendered page (`pdftoppm`), the fonts from `pdffonts`.

use std::path::{Path, PathBuf};
use std::process::Command;

use branchdesk_report::{render_official, Level, Official, Paragraph};

const PT_MM: f32 = 25.4 / 72.0;

fn para(level: Level, text: &str) -> Paragraph {
    Paragraph {
        level,
        text: text.into(),
    }
}

/// A notice long enough for three pages, with every element of the format.
fn notice() -> Official {
    let filler = "各单位要把经营目标责任制考核作为全年工作的重要抓手，按月跟踪计划进度，及时分析偏差原因，提出整改措施，确保各项指标按期完成。";
    let mut body = vec![
        para(Level::Text, "为进一步加强经营管理，明确各县支公司经营目标和责任，经公司研究，决定印发《二〇一六年度县支公司经营目标责任制考核办法》，现将有关事项通知如下。"),
        para(Level::One, "一、总体要求"),
        para(Level::Text, filler),
        para(Level::Two, "（一）强化考核。考核结果与绩效工资挂钩，按季度兑现。"),
        para(Level::Three, "1.按月报送。各单位于每月5日前报送上月经营数据。"),
        para(Level::Four, "（1）数据须经单位负责人签字确认。"),
    ];
    for i in 0..14 {
        body.push(para(
            Level::Text,
            &format!(
                "{filler}第{}项工作由各单位负责人牵头落实，2016年12月31日前完成。",
                i + 1
            ),
        ));
    }
    Official {
        author: "淄博市分公司".into(),
        created: "D:20161205100000Z".into(),
        copy_no: "000123".into(),
        secrecy: "秘密★1年".into(),
        urgency: "特急".into(),
        mark: "淄博市分公司文件".into(),
        number: "淄人保发〔2016〕63号".into(),
        signer: None,
        title: "关于印发二〇一六年度县支公司经营目标责任制考核办法的通知".into(),
        addressees: "各县支公司，市公司各部门".into(),
        body,
        attachments: vec![
            "二〇一六年度县支公司经营目标责任制考核办法".into(),
            "考核指标及计分标准".into(),
        ],
        attendance: Vec::new(),
        issuer: "淄博市分公司".into(),
        date: "2016年12月5日".into(),
        note: "联系人：刘晓燕，电话：0533-2288123".into(),
        cc: "山东省分公司，淄博市分公司领导班子成员".into(),
        printer: "淄博市分公司办公室".into(),
        printed: "2016年12月5日".into(),
    }
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("official");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is not installed: {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A line of text as pdftotext places it, in millimetres from the page's top left.
#[derive(Debug)]
struct Line {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse::<f32>().unwrap() * PT_MM
}

/// Every page's lines.
fn lines(pdf: &Path) -> Vec<Vec<Line>> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<line ")
                .skip(1)
                .map(|l| {
                    let tag = &l[..l.find('>').unwrap()];
                    let text = l
                        .split("<word ")
                        .skip(1)
                        .map(|w| {
                            let w = &w[w.find('>').unwrap() + 1..];
                            w[..w.find("</word>").unwrap()].to_string()
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                    Line {
                        x0: attr(tag, "xMin"),
                        y0: attr(tag, "yMin"),
                        x1: attr(tag, "xMax"),
                        y1: attr(tag, "yMax"),
                        text,
                    }
                })
                .collect()
        })
        .collect()
}

fn near(value: f32, target: f32, tolerance: f32) -> bool {
    (value - target).abs() <= tolerance
}

#[test]
fn the_type_area_is_37_mm_down_28_mm_in_with_22_lines_of_28_characters() {
    let pdf = write("notice.pdf", &render_official(&notice()).unwrap());
    let pages = lines(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // 份号 on the 版心's first line, in its top left corner.
    let first = &pages[0][0];
    assert_eq!(first.text, "000123");
    assert!(
        near(first.y0, 37.0, 1.0) && near(first.x0, 28.0, 1.0),
        "{first:?}"
    );

    // Page 2 is body only: 22 lines inside the 225 mm 版心, then the page number.
    let body: Vec<&Line> = pages[1].iter().filter(|l| l.y0 < 37.0 + 225.0).collect();
    assert_eq!(body.len(), 22, "{body:#?}");
    assert!(near(body[0].y0, 37.0, 1.0), "{:?}", body[0]);
    let pitch = (body[21].y0 - body[0].y0) / 21.0;
    assert!(near(pitch, 225.0 / 22.0, 0.3), "line pitch {pitch} mm");
    // Lines that continue a paragraph start at the 订口; a paragraph's first line two
    // characters in (156 / 28 mm each).
    let char_mm = 156.0 / 28.0;
    let flush: Vec<&&Line> = body
        .iter()
        .filter(|l| !l.text.starts_with(['各', '（', '1']))
        .collect();
    assert!(flush.len() > 5);
    for l in &flush {
        assert!(near(l.x0, 28.0, 1.0), "{l:?}");
    }
    let indented = body.iter().find(|l| l.text.starts_with('各')).unwrap();
    assert!(near(indented.x0, 28.0 + 2.0 * char_mm, 1.0), "{indented:?}");
    // A full line of ideographs and punctuation: 28 characters, its last at the right edge.
    let full: Vec<&&Line> = body
        .iter()
        .filter(|l| l.text.chars().count() >= 27 && l.text.chars().all(|c| !c.is_ascii()))
        .collect();
    assert!(!full.is_empty());
    for l in full {
        assert_eq!(l.text.chars().count(), 28, "{l:?}");
        assert!(near(l.x1, 28.0 + 156.0, 1.0), "{l:?}");
    }
    // No line starts with closing punctuation.
    for page in &pages {
        for l in page {
            let c = l.text.chars().next().unwrap_or(' ');
            assert!(!"，。、；：）》”".contains(c), "{l:?}");
        }
    }
}

#[test]
fn page_numbers_sit_7_mm_under_the_type_area_on_the_outside_corner() {
    let pdf = write("notice.pdf", &render_official(&notice()).unwrap());
    let pages = lines(&pdf);
    for (i, page) in pages.iter().enumerate() {
        let n = page
            .iter()
            .find(|l| l.text.replace(' ', "") == format!("—{}—", i + 1))
            .unwrap_or_else(|| panic!("page {}: no page number in {page:#?}", i + 1));
        // Below the 版心 (bottom at 262 mm), its dashes about 7 mm down.
        assert!(n.y0 > 262.0 + 3.0 && n.y1 < 262.0 + 13.0, "{n:?}");
        let one = 14.0 * PT_MM; // a 4号 character
        if i % 2 == 0 {
            assert!(
                near(n.x1, 28.0 + 156.0 - one, 1.0),
                "odd page {}: {n:?}",
                i + 1
            );
        } else {
            assert!(near(n.x0, 28.0 + one, 1.0), "even page {}: {n:?}", i + 1);
        }
    }
}

#[test]
fn the_title_breaks_symmetrically_and_the_closing_parts_are_in_place() {
    let pdf = write("notice.pdf", &render_official(&notice()).unwrap());
    let pages = lines(&pdf);
    let p1 = &pages[0];
    let at = |t: &str| {
        p1.iter()
            .position(|l| l.text == t)
            .unwrap_or_else(|| panic!("{t} not in {p1:#?}"))
    };
    // Two title lines of 14 characters each, centred.
    let t1 = &p1[at("关于印发二〇一六年度县支公司")];
    let t2 = &p1[at("经营目标责任制考核办法的通知")];
    for t in [t1, t2] {
        assert!(near((t.x0 + t.x1) / 2.0, 28.0 + 78.0, 1.0), "{t:?}");
    }
    // The number centred under the mark; 主送 flush left after the title.
    let number = &p1[at("淄人保发〔2016〕63号")];
    assert!(
        near((number.x0 + number.x1) / 2.0, 106.0, 1.0),
        "{number:?}"
    );
    let to = &p1[at("各县支公司，市公司各部门：")];
    assert!(near(to.x0, 28.0, 1.0) && to.y0 > t2.y1);

    let all: Vec<&Line> = pages.iter().flatten().collect();
    let find = |t: &str| {
        *all.iter()
            .find(|l| l.text.starts_with(t))
            .unwrap_or_else(|| panic!("{t}"))
    };
    // 附件说明 two characters in; the second name aligned with the first.
    let a1 = find("附件：1.二〇一六年度");
    let a2 = find("2.考核指标及计分标准");
    let char_mm = 156.0 / 28.0;
    assert!(near(a1.x0, 28.0 + 2.0 * char_mm, 1.0), "{a1:?}");
    assert!(near(a2.x0, 28.0 + 5.0 * char_mm, 1.0), "{a2:?}");
    // 成文日期 four characters from the right edge, the issuer centred over it.
    let date = find("2016年12月5日");
    assert!(near(date.x1, 184.0 - 4.0 * char_mm, 1.0), "{date:?}");
    let issuer = all.iter().rfind(|l| l.text == "淄博市分公司").unwrap();
    assert!(near(
        (issuer.x0 + issuer.x1) / 2.0,
        (date.x0 + date.x1) / 2.0,
        1.0
    ));
    // 版记 at the last page's foot: 印发 ends on the 版心's bottom line.
    let last = pages.last().unwrap();
    let printed = last.iter().find(|l| l.text.contains("印发")).unwrap();
    assert!(
        printed.y1 < 262.0 && printed.y0 > 262.0 - 225.0 / 22.0,
        "{printed:?}"
    );
    assert!(last
        .iter()
        .any(|l| l.text.starts_with("抄送：山东省分公司")));
}

/// Reads a binary PPM (pdftoppm's default output) as rows of RGB pixels.
fn ppm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[i + 1..].to_vec())
}

#[test]
fn the_mark_and_the_separator_are_red_and_the_fonts_embedded_subsets() {
    let pdf = write("notice.pdf", &render_official(&notice()).unwrap());
    let out = pdf.with_file_name("page1");
    tool(
        "pdftoppm",
        &[
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    let (w, h, px) = ppm(&out.with_extension("ppm"));
    let mm = |rows: usize| rows as f32 * 25.4 / 100.0;
    let red_in_row = |y: usize| {
        (0..w)
            .filter(|x| {
                let p = &px[(y * w + x) * 3..(y * w + x) * 3 + 3];
                p[0] > 180 && p[1] < 90 && p[2] < 90
            })
            .count()
    };
    let red_rows: Vec<usize> = (0..h).filter(|y| red_in_row(*y) > 0).collect();
    assert!(!red_rows.is_empty(), "nothing red on page 1");
    // The mark's top 35 mm under the 版心's (37 mm): 72 mm from the page's top.
    assert!(
        near(mm(red_rows[0]), 72.0, 1.5),
        "the mark starts {} mm down",
        mm(red_rows[0])
    );
    // The separator: a red row as wide as the 版心, under the number.
    let wide: Vec<usize> = red_rows
        .iter()
        .copied()
        .filter(|y| mm(red_in_row(*y)) > 150.0)
        .collect();
    assert!(!wide.is_empty(), "no red line 156 mm wide");
    assert!(
        mm(wide[0]) > 90.0 && mm(wide[0]) < 130.0,
        "separator at {} mm",
        mm(wide[0])
    );
    // Below the separator nothing is red (the title and body are black).
    assert!(red_rows.iter().all(|y| *y <= wide[wide.len() - 1]));

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    for name in [
        "BranchdeskFangsong",
        "BranchdeskKai",
        "BranchdeskSerifBold",
        "WenQuanYiMicroHei",
    ] {
        let line = fonts
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {fonts}"));
        assert!(line.contains("yes yes yes"), "{line}");
        assert_eq!(line.as_bytes()[6], b'+', "{line}");
    }
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("代仿宋_GB2312") && info.contains("代方正小标宋"),
        "{info}"
    );
}

#[test]
fn a_report_upwards_names_its_signer_and_rare_characters_still_print() {
    let mut doc = notice();
    doc.signer = Some("韩立新".into());
    doc.mark = "淄博市分公司".into();
    doc.copy_no.clear();
    doc.secrecy.clear();
    doc.urgency.clear();
    doc.title = "关于申请调整2016年度保费计划的请示".into();
    doc.addressees = "山东省分公司".into();
    // 喆 and 堃 are outside GB 2312: drawn from the fallback font, still text.
    doc.body = vec![para(
        Level::Text,
        "经办人王喆、李堃核实，我公司一季度保费完成率为86.5%。",
    )];
    doc.attachments.clear();
    let pdf = write("request.pdf", &render_official(&doc).unwrap());
    let pages = lines(&pdf);
    let p1 = &pages[0];
    let number = p1
        .iter()
        .find(|l| l.text.contains("淄人保发〔2016〕63号"))
        .unwrap();
    let char_mm = 156.0 / 28.0;
    assert!(near(number.x0, 28.0 + char_mm, 1.0), "{number:?}");
    let signer = p1.iter().find(|l| l.text.contains("韩立新")).unwrap();
    assert!(signer.text.contains("签发人："), "{signer:?}");
    assert!(near(signer.x1, 184.0 - char_mm, 1.0), "{signer:?}");
    assert!(p1.iter().any(|l| l.text.contains("王喆、李堃")), "{p1:#?}");
}

#[test]
fn minutes_list_who_attended_after_the_body() {
    let doc = Official {
        mark: "总经理办公会议纪要".into(),
        number: "〔2016〕12号".into(),
        title: String::new(),
        addressees: String::new(),
        body: vec![para(Level::Text, "2016年12月5日，韩立新同志主持召开总经理办公会议，研究了四季度经营工作。现纪要如下：")],
        attachments: Vec::new(),
        attendance: vec![
            ("出席".into(), "韩立新、王建国、刘晓燕、赵志强、孙丽、周海涛、吴国庆、郑明、冯涛、陈静、褚卫东、卫红、蒋文".into()),
            ("请假".into(), "沈晓东（出差）".into()),
        ],
        issuer: String::new(),
        date: String::new(),
        ..notice()
    };
    let pdf = write("minutes.pdf", &render_official(&doc).unwrap());
    let pages = lines(&pdf);
    let all: Vec<&Line> = pages.iter().flatten().collect();
    let present = all
        .iter()
        .position(|l| l.text.starts_with("出席：韩立新"))
        .unwrap();
    let char_mm = 156.0 / 28.0;
    assert!(near(all[present].x0, 28.0 + 2.0 * char_mm, 1.0));
    // The names run on aligned after the colon.
    let next = all[present + 1];
    assert!(near(next.x0, 28.0 + 5.0 * char_mm, 1.0), "{next:?}");
    assert!(all.iter().any(|l| l.text.starts_with("请假：沈晓东")));
}
