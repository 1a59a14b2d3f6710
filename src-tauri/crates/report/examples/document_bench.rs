//! Bench helper: a 公文 of about PAGES pages in the national format (GB/T 9704), rendered by
//! the engine (time measured here, median of 5), and the same text as HTML with the same fonts
//! and page geometry for a browser to print. `document_bench PAGES OUT_DIR` prints
//! "PAGES ms bytes".
#![allow(clippy::unwrap_used)]

use branchdesk_report::{render_official, Level, Official, Paragraph};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages: usize = args[1].parse().unwrap();
    let dir = std::path::PathBuf::from(&args[2]);
    std::fs::create_dir_all(&dir).unwrap();
    let sentence = "各单位要把经营目标责任制考核作为全年工作的重要抓手，按月跟踪计划进度，及时分析偏差原因，提出整改措施，确保2017年各项指标按期完成。";
    // About 20 lines of body a page: three-line paragraphs, a heading every five.
    let mut body = Vec::new();
    const NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for i in 0..pages * 7 {
        if i % 5 == 0 {
            body.push(Paragraph {
                level: Level::One,
                text: format!("{}、第{}部分工作要求", NUM[(i / 5) % 10], i / 5 + 1),
            });
        }
        body.push(Paragraph {
            level: Level::Text,
            text: format!("{sentence}（第{}项）", i + 1),
        });
    }
    let doc = Official {
        author: "淄博市分公司".into(),
        created: "D:20161205100000Z".into(),
        copy_no: "000001".into(),
        mark: "淄博市分公司文件".into(),
        number: "淄人保发〔2016〕63号".into(),
        title: "关于印发二〇一七年度县支公司经营目标责任制考核办法的通知".into(),
        addressees: "各县支公司，市公司各部门".into(),
        body,
        attachments: vec!["二〇一七年度县支公司经营目标责任制考核办法".into()],
        issuer: "淄博市分公司".into(),
        date: "2016年12月5日".into(),
        cc: "山东省分公司".into(),
        printer: "淄博市分公司办公室".into(),
        printed: "2016年12月5日".into(),
        ..Official::default()
    };
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        bytes = render_official(&doc).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    std::fs::write(dir.join("document.pdf"), &bytes).unwrap();

    // The same document for a browser: the same fonts, page box and grid.
    let fonts = std::fs::canonicalize("assets/fonts").unwrap();
    let face = |name: &str, file: &str| {
        format!(
            "@font-face {{ font-family: '{name}'; src: url('file://{}/{file}'); }}\n",
            fonts.display()
        )
    };
    let mut html = String::from("<!doctype html><html><head><meta charset=utf-8><style>\n");
    html.push_str(&face("BDFang", "BranchdeskFangsong.ttf"));
    html.push_str(&face("BDSerif", "BranchdeskSerifBold.ttf"));
    html.push_str(&face("BDHei", "wqy-microhei.ttc"));
    html.push_str(
        "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-family: BDFang; font-size: 16pt; line-height: 10.227mm; letter-spacing: -0.21pt; text-align: justify; }
.mark { font-family: BDSerif; color: #e60000; font-size: 52pt; text-align: center; margin-top: 35mm; line-height: 1; }
.no { text-align: center; margin-top: 20mm; }
hr { border: 0; border-top: 1pt solid #e60000; margin: 4mm 0 20mm; }
h1 { font-family: BDSerif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 10mm; line-height: 10.227mm; }
p { margin: 0; text-indent: 2em; }
p.to { text-indent: 0; }
p.h { font-family: BDHei; }
.sign { text-align: right; margin-right: 4em; margin-top: 10mm; }
</style></head><body>\n",
    );
    html.push_str(&format!(
        "<div class=mark>{}</div><div class=no>{}</div><hr><h1>{}</h1><p class=to>{}：</p>\n",
        doc.mark, doc.number, doc.title, doc.addressees
    ));
    for p in &doc.body {
        let class = if p.level == Level::One {
            " class=h"
        } else {
            ""
        };
        html.push_str(&format!("<p{class}>{}</p>\n", p.text));
    }
    html.push_str(&format!(
        "<p>附件：{}</p><div class=sign>{}<br>{}</div></body></html>\n",
        doc.attachments[0], doc.issuer, doc.date
    ));
    std::fs::write(dir.join("document.html"), html).unwrap();
    println!("{pages} {:.1} {}", times[2], bytes.len());
}
