//! Writes an organisation workbook for benchmarks: `gen_org UNITS POSITIONS PEOPLE OUT.xlsx`.
//! A group with regions, branches and departments; positions in reporting chains inside each
//! department under its head; people spread over the positions (several per sales post).
#![allow(clippy::unwrap_used)]

use rust_xlsxwriter::Workbook;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, units, positions, people, out] = args.as_slice() else {
        eprintln!("usage: gen_org UNITS POSITIONS PEOPLE OUT.xlsx");
        std::process::exit(2);
    };
    let (units, positions, people): (usize, usize, usize) = (
        units.parse().unwrap(),
        positions.parse().unwrap(),
        people.parse().unwrap(),
    );
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("单位").unwrap();
    for (c, h) in ["编码", "名称", "类型", "上级单位编码"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // QL the group (headquarters' own); U0 a provincial branch under it (the site that owns
    // everything below, as a unit joins headquarters); U1..=10 regions; then branches; the
    // rest departments of branches.
    for (c, v) in ["QL", "齐鲁示范保险集团", "集团", ""].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let regions = 10.min(units.saturating_sub(1));
    let branches = ((units - 1 - regions) / 5).max(1);
    let mut unit_codes = Vec::new();
    for i in 0..units {
        let (name, kind, parent) = if i == 0 {
            ("省分公司".to_string(), "分公司", "QL".to_string())
        } else if i <= regions {
            (format!("第{i}区域"), "区域", "U0".to_string())
        } else if i <= regions + branches {
            (
                format!("分公司{i}"),
                "分公司",
                format!("U{}", 1 + (i - regions - 1) % regions.max(1)),
            )
        } else {
            (
                format!("部门{i}"),
                "部门",
                format!("U{}", regions + 1 + (i - regions - branches - 1) % branches),
            )
        };
        let r = i as u32 + 2;
        ws.write_string(r, 0, format!("U{i}")).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_string(r, 2, kind).unwrap();
        ws.write_string(r, 3, parent).unwrap();
        unit_codes.push(format!("U{i}"));
    }
    let ws = book.add_worksheet();
    ws.set_name("岗位").unwrap();
    for (c, h) in [
        "编码",
        "所属单位编码",
        "岗位名称",
        "直属上级岗位编码",
        "主要职责",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Each unit gets a head; other positions report to their unit's head or to a lead.
    let titles = [
        "客户经理",
        "业务主管",
        "综合内勤",
        "理赔专员",
        "核保专员",
        "文案",
        "美工设计",
    ];
    for p in 0..positions {
        let unit = p % units;
        let (title, superior) = if p < units {
            (
                "负责人".to_string(),
                if unit == 0 {
                    String::new()
                } else {
                    parent_head(unit, regions, branches)
                },
            )
        } else {
            let lead = p - units;
            (
                titles[lead % titles.len()].to_string(),
                if lead % 3 == 0 {
                    format!("P{unit}")
                } else {
                    format!("P{}", p - units.min(p))
                },
            )
        };
        let r = p as u32 + 1;
        ws.write_string(r, 0, format!("P{p}")).unwrap();
        ws.write_string(r, 1, &unit_codes[unit]).unwrap();
        ws.write_string(r, 2, title).unwrap();
        ws.write_string(r, 3, superior).unwrap();
        ws.write_string(r, 4, "1. 完成月度经营指标\n2. 按时报送数据")
            .unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("人员").unwrap();
    for (c, h) in ["工号", "姓名"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let family = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    let given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
    let fam: Vec<char> = family.chars().collect();
    let giv: Vec<char> = given.chars().collect();
    for i in 0..people {
        let r = i as u32 + 1;
        ws.write_string(r, 0, format!("E{i:06}")).unwrap();
        ws.write_string(
            r,
            1,
            format!(
                "{}{}{}",
                fam[i % fam.len()],
                giv[(i / fam.len()) % giv.len()],
                giv[(i / 7) % giv.len()]
            ),
        )
        .unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("任职").unwrap();
    for (c, h) in ["工号", "岗位编码", "开始日期"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..people {
        let r = i as u32 + 1;
        ws.write_string(r, 0, format!("E{i:06}")).unwrap();
        ws.write_string(r, 1, format!("P{}", i % positions))
            .unwrap();
        ws.write_string(r, 2, "2016-01-01").unwrap();
    }
    book.save(out).unwrap();
}

/// The head position of a unit's parent (heads are P0..P{units}).
fn parent_head(unit: usize, regions: usize, branches: usize) -> String {
    if unit <= regions {
        "P0".into()
    } else if unit <= regions + branches {
        format!("P{}", 1 + (unit - regions - 1) % regions.max(1))
    } else {
        format!(
            "P{}",
            regions + 1 + (unit - regions - branches - 1) % branches
        )
    }
}
