//! Bench helper: a quarterly bulletin of N units × 11 indicators, rendered by the engine (time
//! measured here, median of 5) and written as the same content in HTML for a browser to print.
//! `bulletin_bench UNITS OUT_DIR` prints "UNITS ms bytes".
#![allow(clippy::unwrap_used)]

use branchdesk_report::{render, Align, Block, Column, Document, Table};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().unwrap();
    let dir = std::path::PathBuf::from(&args[2]);
    std::fs::create_dir_all(&dir).unwrap();
    let indicators = [
        "人均报价次数",
        "人均投保次数",
        "人均成交保费",
        "保单清分工作",
        "续保管理指数",
        "销售任务执行率",
        "用户活跃率",
        "人均移动端报价量",
        "微信绑定率",
        "支付工具推广成效",
        "系统推广日常管理",
    ];
    let mut rows = Vec::new();
    for u in 0..n {
        let mut r = vec![(u + 1).to_string(), format!("第{}支公司", u + 1)];
        for (k, _) in indicators.iter().enumerate() {
            r.push(format!(
                "{}.{:02}",
                (u * 7 + k * 3) % 15,
                (u * 13 + k) % 100
            ));
        }
        r.push(format!("{}.{:02}", 95 - (u % 40), u % 100));
        r.push(format!(
            "{}{}.{:02}",
            if u % 2 == 0 { "+" } else { "-" },
            u % 9,
            u % 100
        ));
        rows.push(r);
    }
    let mut columns = vec![
        Column {
            title: "排名".into(),
            width: 0.9,
            align: Align::Center,
        },
        Column {
            title: "单位".into(),
            width: 3.2,
            align: Align::Left,
        },
    ];
    columns.extend(indicators.iter().map(|i| Column {
        title: i.to_string(),
        width: 1.0,
        align: Align::Right,
    }));
    columns.push(Column {
        title: "总分".into(),
        width: 1.0,
        align: Align::Right,
    });
    columns.push(Column {
        title: "较上期".into(),
        width: 1.2,
        align: Align::Right,
    });
    let bars: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| (r[1].clone(), r[13].parse().unwrap(), r[13].clone()))
        .collect();
    let doc = Document {
        title: "营销管理系统运营管理考核方案(2016年) 2016年第三季度 考评通报".into(),
        author: "淄博市分公司".into(),
        header_left: "齐鲁示范保险集团".into(),
        header_right: "淄博市分公司".into(),
        footer_note: "分支管理台 生成于 2026-11-22 10:00".into(),
        page_label: "第 {page} 页 / 共 {pages} 页".into(),
        created: "D:20261122100000Z".into(),
        blocks: vec![
            Block::Title("营销管理系统运营管理考核方案(2016年) 考评通报".into()),
            Block::Fields(vec![
                ("期间".into(), "2016年第三季度".into()),
                ("考核对象".into(), n.to_string()),
            ]),
            Block::Heading("一、得分与排名".into()),
            Block::Table(Table {
                columns: columns.clone(),
                rows: rows.clone(),
                total: None,
            }),
            Block::Heading("二、总分排名图".into()),
            Block::Bars(bars.clone()),
        ],
    };
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        bytes = render(&doc).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    std::fs::write(dir.join(format!("bulletin-{n}.pdf")), &bytes).unwrap();
    // The same content as HTML, styled like the PDF.
    let mut html = String::from("<!doctype html><html lang=zh-CN><meta charset=utf-8><style>@page{size:A4;margin:18mm}body{font-family:'WenQuanYi Micro Hei';font-size:9pt}h1{text-align:center;font-size:16pt}table{border-collapse:collapse;width:100%}th,td{border:0.4pt solid #595959;padding:3pt}th{background:#e6e6e6}td.n{text-align:right}thead{display:table-header-group}.bar{background:#8c8c8c;height:11pt;display:inline-block}</style><body><h1>营销管理系统运营管理考核方案(2016年) 考评通报</h1>");
    html.push_str(&format!(
        "<p>期间：2016年第三季度　考核对象：{n}</p><h2>一、得分与排名</h2><table><thead><tr>"
    ));
    for c in &columns {
        html.push_str(&format!("<th>{}</th>", c.title));
    }
    html.push_str("</tr></thead><tbody>");
    for r in &rows {
        html.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            html.push_str(&format!(
                "<td{}>{c}</td>",
                if i > 1 { " class=n" } else { "" }
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table><h2>二、总分排名图</h2>");
    for (l, v, t) in &bars {
        html.push_str(&format!(
            "<div>{l} <span class=bar style='width:{}mm'></span> {t}</div>",
            v
        ));
    }
    html.push_str("</body></html>");
    std::fs::write(dir.join(format!("bulletin-{n}.html")), html).unwrap();
    println!("{n} {:.1} {}", times[2], bytes.len());
}
