#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures

mod common;
use branchdesk_app::kpi::CellInput;
use branchdesk_app::kpi::ScoreQuery;
use branchdesk_app::{App, Ctx, InitOptions};

fn demo() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = App::init(
        &dir.path().join("d.db"),
        &InitOptions {
            demo: true,
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .unwrap();
    (dir, app)
}

fn cell(unit: &str, metric: &str, value: &str) -> CellInput {
    CellInput {
        unit: unit.into(),
        metric: metric.into(),
        value: value.into(),
    }
}

#[test]
fn the_demo_scores_every_sub_branch_for_a_quarter_and_the_year() {
    let (_dir, app) = demo();
    let q3 = app
        .kpi_score(&ScoreQuery::of("2016-Q3").explained())
        .unwrap();
    assert_eq!(q3.result.units.len(), 11);
    assert_eq!(q3.scheme.id, "mms-2016");
    assert_eq!(
        q3.unit_names.get("ZB-ZD").map(String::as_str),
        Some("张店区支公司")
    );
    for u in &q3.result.units {
        assert_eq!(u.total, u.indicators.iter().map(|i| i.score).sum());
        assert!(u.indicators.iter().all(|i| i.explain.is_some()));
    }
    let year = app.kpi_score(&ScoreQuery::of("2016")).unwrap();
    let prizes: Vec<_> = year
        .result
        .rewards
        .iter()
        .filter(|r| r.reward == "year_end_prizes")
        .collect();
    assert_eq!(prizes.len(), 6, "top six units get a prize");
}

#[test]
fn entry_rejects_bad_cells_by_name_and_saves_nothing() {
    let (_dir, mut app) = demo();
    let grid = app.kpi_entry(None, "2016-07").unwrap();
    assert_eq!(grid.units.len(), 11);
    let sorting = grid
        .metrics
        .iter()
        .find(|m| m.id == "policy_sorting")
        .unwrap();
    assert_eq!(
        sorting.grades.as_deref().unwrap(),
        ["有效落实", "一般", "未实施"]
    );
    let before = grid.values["ZB-ZD"]["users"].clone();

    let err = app
        .kpi_save(
            None,
            "2016-07",
            &[
                cell("ZB-ZD", "users", "61"),
                cell("ZB-ZD", "quotes", "-5"),
                cell("ZB-ZC", "policy_sorting", "优秀"),
                cell("ZB-XX", "users", "3"),
            ],
        )
        .unwrap_err();
    assert_eq!(err.code(), "kpi.cells");
    let api = err.to_api(branchdesk_domain::Lang::Zh);
    let cells = api.cells.unwrap();
    assert_eq!(cells.len(), 3);
    assert!(cells
        .iter()
        .any(|c| c.unit == "ZB-ZC" && c.message.contains("有效落实")));
    assert_eq!(
        app.kpi_entry(None, "2016-07").unwrap().values["ZB-ZD"]["users"],
        before,
        "nothing saved"
    );

    let r = app
        .kpi_save(
            None,
            "2016-07",
            &[
                cell("ZB-ZD", "users", "1,061"),
                cell("ZB-ZD", "quotes", &grid.values["ZB-ZD"]["quotes"]),
            ],
        )
        .unwrap();
    assert_eq!((r.changed, r.unchanged), (1, 1));
    assert_eq!(
        app.kpi_entry(None, "2016-07").unwrap().values["ZB-ZD"]["users"],
        "1061"
    );
    let h = app.kpi_history("ZB-ZD", "2016-07", "users").unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0].old.as_deref(), h[0].new.as_str()),
        (Some(before.as_str()), "1061")
    );
    assert!(!h[0].by.is_empty() && h[0].at.ends_with('Z'));
}

#[test]
fn csv_import_is_all_or_nothing() {
    let (dir, mut app) = demo();
    let users =
        |app: &App| app.kpi_entry(None, "2016-12").unwrap().values["ZB-ZD"]["users"].clone();
    let before = users(&app);
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "unit,period,metric,value\nZB-ZD,2016-12,users,51\nZB-NOPE,2016-12,users,40\n",
    )
    .unwrap();
    let err = app.kpi_import(&bad).unwrap_err();
    assert!(err
        .message(branchdesk_domain::Lang::Zh)
        .contains("第 3 行：没有编码为 ZB-NOPE 的单位"));
    assert_eq!(users(&app), before, "nothing written");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "unit,period,metric,value\nZB-ZD,2016-12,users,51\nZB-ZC,2016-12,users,41\n",
    )
    .unwrap();
    let r = app.kpi_import(&good).unwrap();
    assert_eq!(r.changed, 2);
    assert_eq!(users(&app), "51");
    // A month outside the scheme's window is refused, here and in the grid.
    std::fs::write(&good, "unit,period,metric,value\nZB-ZD,2027-06,users,5\n").unwrap();
    let msg = app
        .kpi_import(&good)
        .unwrap_err()
        .message(branchdesk_domain::Lang::Zh);
    assert!(
        msg.contains("第 2 行：2027-06 不在方案") && msg.contains("2016-06 至 2016-12"),
        "{msg}"
    );
    let cell = vec![branchdesk_app::kpi::CellInput {
        unit: "ZB-ZD".into(),
        metric: "users".into(),
        value: "5".into(),
    }];
    let msg = app
        .kpi_save(None, "2027-06", &cell)
        .unwrap_err()
        .message(branchdesk_domain::Lang::Zh);
    assert!(msg.contains("不在方案"), "{msg}");
    assert!(!app.info().unwrap().periods.contains(&"2027-06".to_string()));
}

#[test]
fn a_scheme_with_errors_is_not_stored() {
    let (dir, mut app) = demo();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[scheme]\nid = \"x\"\nname = \"坏方案\"\nstart = \"2016-01-01\"\nend = \"2016-12-31\"\npoints = 100\n[[indicator]]\nid = \"a\"\nname = \"甲\"\npoints = 10\nratio = [\"quotes\", \"users\"]\nrule = \"percent\"\n").unwrap();
    let err = app.kpi_add_scheme(&path).unwrap_err();
    assert_eq!(err.code(), "kpi.scheme_invalid");
    assert_eq!(app.kpi_schemes().unwrap().len(), 1);
    let ok = dir.path().join("ok.toml");
    std::fs::write(
        &ok,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("points = 100", "points = 10"),
    )
    .unwrap();
    let s = app.kpi_add_scheme(&ok).unwrap();
    assert_eq!((s.id.as_str(), s.version), ("x", 1));
    assert_eq!(
        app.kpi_add_scheme(&ok).unwrap().version,
        2,
        "adding again archives a new version"
    );
}

#[test]
fn the_trend_has_a_score_for_every_month_of_the_window() {
    let (_dir, app) = demo();
    let t = app.kpi_trend(None, "ZB-ZD").unwrap();
    assert_eq!(
        t.months,
        ["2016-06", "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12"]
    );
    assert!(t.totals.iter().all(Option::is_some));
    let july = app.kpi_score(&ScoreQuery::of("2016-07")).unwrap();
    let zd = july
        .result
        .units
        .iter()
        .find(|u| u.unit == "ZB-ZD")
        .unwrap();
    assert_eq!(t.totals[1], Some(zd.total));
    assert_eq!(t.indicators.len(), 11);
    assert_eq!(t.indicators[0].scores[1], Some(zd.indicators[0].score));
}

#[test]
fn the_seed_templates_ship_with_their_notes_and_can_be_added() {
    let (_dir, mut app) = demo();
    let t = app.kpi_templates().unwrap();
    assert_eq!(t.len(), 2);
    let pools = t.iter().find(|s| s.id == "marketing-pools-2016").unwrap();
    assert!(
        pools.notes.iter().any(|n| n.contains("65%")),
        "the note on the document's overlap ships"
    );
    let mms = t.iter().find(|s| s.id == "mms-2016").unwrap();
    assert!(mms.findings.iter().any(|f| f.code == "target_unset"));
    let added = app.kpi_add_template("marketing-pools-2016").unwrap();
    assert_eq!(added.version, 1);
    assert_eq!(app.kpi_schemes().unwrap().len(), 2);
    assert_eq!(
        app.kpi_add_template("nope").unwrap_err().code(),
        "input.invalid"
    );
}

#[test]
fn xlsx_import_reads_excel_dates_and_numbers_and_names_bad_rows() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, mut app) = demo();
    let write = |name: &str, rows: &[(&str, &str, &str, f64)]| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["单位", "期间", "数据项", "数值"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("yyyy-mm");
        for (r, (unit, period, metric, value)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *unit).unwrap();
            // Excel keeps "2016-12" typed into a cell as a date
            let (y, m) = period.split_once('-').unwrap();
            let d = ExcelDateTime::from_ymd(y.parse().unwrap(), m.parse().unwrap(), 1).unwrap();
            ws.write_datetime_with_format(r, 1, &d, &date).unwrap();
            ws.write_string(r, 2, *metric).unwrap();
            ws.write_number(r, 3, *value).unwrap();
        }
        let path = dir.path().join(name);
        wb.save(&path).unwrap();
        path
    };
    let bad = write(
        "bad.xlsx",
        &[
            ("ZB-ZD", "2016-12", "users", 50.0),
            ("ZB-NOPE", "2016-12", "users", 1.0),
            ("ZB-ZC", "2016-12", "users", -0.0),
        ],
    );
    let err = app.kpi_import(&bad).unwrap_err();
    let msg = err.message(branchdesk_domain::Lang::Zh);
    assert!(msg.contains("第 3 行：没有编码为 ZB-NOPE 的单位"), "{msg}");
    assert_ne!(
        app.kpi_entry(None, "2016-12").unwrap().values["ZB-ZD"]["users"],
        "50",
        "nothing written"
    );

    let good = write(
        "good.xlsx",
        &[
            ("ZB-ZD", "2016-12", "users", 50.0),
            ("ZB-ZD", "2016-12", "closed_premium", 12345.67),
        ],
    );
    let r = app.kpi_import(&good).unwrap();
    assert_eq!(r.changed, 2);
    let grid = app.kpi_entry(None, "2016-12").unwrap();
    assert_eq!(grid.values["ZB-ZD"]["users"], "50");
    assert_eq!(grid.values["ZB-ZD"]["closed_premium"], "12345.67");
}

#[test]
fn an_import_with_unknown_columns_or_a_bom_is_handled() {
    let (_dir, mut app) = demo();
    let err = app
        .kpi_import_bytes(
            "x.csv",
            "单位,月份,指标,值\nZB-ZD,2016-12,users,5\n".as_bytes(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "data.header");
    // Excel's "CSV UTF-8" starts with a byte-order mark; Chinese headers are accepted.
    let with_bom = "\u{feff}单位,期间,数据项,数值\nZB-ZD,2016-12,users,5\n";
    assert_eq!(
        app.kpi_import_bytes("x.csv", with_bom.as_bytes())
            .unwrap()
            .changed,
        1
    );
}

// ---- PDF reports ---------------------------------------------------------------------------

/// The PDF's text without spaces (poppler spaces table columns by their widths).
fn pdftotext(bytes: &[u8]) -> String {
    common::pdftotext(bytes).replace(' ', "")
}

#[test]
fn the_scorecard_pdf_carries_the_scores_the_engine_computed() {
    let dir = tempfile::tempdir().unwrap();
    let app = branchdesk_app::App::init(
        &dir.path().join("d.db"),
        &branchdesk_app::InitOptions {
            demo: true,
            ..Default::default()
        },
        Ctx::local(),
    )
    .unwrap();
    let view = app.kpi_score(&ScoreQuery::of("2016-12")).unwrap();
    let zd = view
        .result
        .units
        .iter()
        .find(|u| u.unit == "ZB-ZD")
        .unwrap();
    let text = pdftotext(&app.report_scorecard("ZB-ZD", "2016-12", None).unwrap());
    assert!(text.contains("考核得分表"), "{text}");
    assert!(text.contains("单位：张店区支公司（ZB-ZD）"), "{text}");
    assert!(text.contains("期间：2016年12月"), "{text}");
    assert!(text.contains(&format!("总分：{}/100", zd.total)), "{text}");
    assert!(text.contains(&format!("排名：{}/11", zd.rank)), "{text}");
    for ind in &zd.indicators {
        let name = &view
            .scheme
            .indicators
            .iter()
            .find(|x| x.id == ind.id)
            .unwrap()
            .name;
        assert!(text.contains(name.as_str()), "{name} is listed");
    }
    assert!(text.contains("附录：得分说明"));
    // A unit without scores is refused with a message, not an empty PDF.
    let err = app.report_scorecard("NOPE", "2016-12", None).unwrap_err();
    assert_eq!(err.code(), "input.invalid");
}

#[test]
fn the_bulletin_ranks_every_unit_with_the_change_since_last_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let app = branchdesk_app::App::init(
        &dir.path().join("d.db"),
        &branchdesk_app::InitOptions {
            demo: true,
            ..Default::default()
        },
        Ctx::local(),
    )
    .unwrap();
    let now = app.kpi_score(&ScoreQuery::of("2016-Q4")).unwrap();
    let before = app.kpi_score(&ScoreQuery::of("2016-Q3")).unwrap();
    let text = pdftotext(&app.report_bulletin("2016-Q4", None, None).unwrap());
    assert!(
        text.contains("考评通报") && text.contains("期间：2016年第四季度"),
        "{text}"
    );
    for u in &now.result.units {
        let name = &now.unit_names[&u.unit];
        let prev = before
            .result
            .units
            .iter()
            .find(|x| x.unit == u.unit)
            .unwrap()
            .total;
        let d = u.total - prev;
        let change = if d > rust_decimal::Decimal::ZERO {
            format!("+{d}")
        } else {
            d.to_string()
        };
        let line = text
            .lines()
            .find(|l| l.contains(name.as_str()) && l.starts_with(&u.rank.to_string()))
            .unwrap_or_else(|| panic!("{name} has a row: {text}"));
        assert!(
            line.ends_with(&format!("{}{change}", u.total)),
            "{line} ends with total {} and change {change}",
            u.total
        );
    }
}

#[test]
fn an_import_checks_figures_as_the_grid_does() {
    let (_dir, mut app) = demo();
    let err = app
        .kpi_import_bytes(
            "x.csv",
            "unit,period,metric,value\nZB-ZD,2016-12,nonsense,5\nZB-ZC,2016-12,users,-4\n"
                .as_bytes(),
        )
        .unwrap_err();
    let msg = err.message(branchdesk_domain::Lang::Zh);
    assert!(msg.contains("第 2 行：方案中没有数据项 nonsense"), "{msg}");
    assert!(
        msg.contains("第 3 行：") && msg.contains("不能为负数"),
        "{msg}"
    );
    // The grid refuses the same two.
    let cells = |metric: &str, value: &str| {
        vec![branchdesk_app::kpi::CellInput {
            unit: "ZB-ZD".into(),
            metric: metric.into(),
            value: value.into(),
        }]
    };
    assert_eq!(
        app.kpi_save(None, "2016-12", &cells("nonsense", "5"))
            .unwrap_err()
            .code(),
        "kpi.cells"
    );
    assert_eq!(
        app.kpi_save(None, "2016-12", &cells("users", "-4"))
            .unwrap_err()
            .code(),
        "kpi.cells"
    );
    // Thousands separators are read in both.
    let r = app
        .kpi_import_bytes(
            "x.csv",
            "unit,period,metric,value\nZB-ZD,2016-12,closed_premium,\"1,600\"\n".as_bytes(),
        )
        .unwrap();
    assert_eq!(r.changed, 1);
    app.kpi_save(None, "2016-12", &cells("closed_premium", "2,400"))
        .unwrap();
    let grid = app.kpi_entry(None, "2016-12").unwrap();
    assert_eq!(grid.values["ZB-ZD"]["closed_premium"], "2400");
}

/// Issue 23: figures that arrived from elsewhere (a bundle, an older version) with a zero
/// denominator for one unit no longer blank the ranking: the others are ranked, the unit is
/// named 未计分 with the reason in words, and the bulletin says the ranks are provisional.
#[test]
fn a_unit_that_cannot_be_scored_is_named_and_the_others_ranked() {
    let (dir, app) = demo();
    let full = app.kpi_score(&ScoreQuery::of("2016-12")).unwrap();
    assert!(full.unscored.is_empty());
    let n = full.result.units.len();
    drop(app);
    let conn = rusqlite::Connection::open(dir.path().join("d.db")).unwrap();
    conn.execute(
        "UPDATE kpi_value SET value = '0' WHERE metric = 'users' AND period = '2016-12'
           AND unit_id = (SELECT id FROM unit WHERE code = 'ZB-BS')",
        [],
    )
    .unwrap();
    drop(conn);
    let app = App::open(&dir.path().join("d.db"), Ctx::local()).unwrap();
    let view = app.kpi_score(&ScoreQuery::of("2016-12")).unwrap();
    assert_eq!(view.result.units.len(), n - 1);
    assert!(view.result.units.iter().all(|u| u.unit != "ZB-BS"));
    let ranks: Vec<u32> = view.result.units.iter().map(|u| u.rank).collect();
    assert_eq!(ranks[0], 1);
    assert_eq!(view.unscored.len(), 1);
    let u = &view.unscored[0];
    assert_eq!(u.unit, "ZB-BS");
    let text = u.reasons.join("；");
    assert!(
        text.contains(&u.name) && text.contains("系统用户数") && text.contains("合计为 0"),
        "{text}"
    );
    assert!(
        !text.contains("users") && !text.contains("ZB-BS"),
        "codes, not words: {text}"
    );
    let pdf = pdftotext(&app.report_bulletin("2016-12", None, None).unwrap());
    assert!(
        pdf.contains("排名为暂定") && pdf.contains("未计分"),
        "{pdf}"
    );
    let e = app.report_scorecard("ZB-BS", "2016-12", None).unwrap_err();
    assert!(e.message(branchdesk_domain::Lang::Zh).contains("未计分"));

    // Missing figures are one reason per month naming the metrics once, without the unit's
    // name repeated in each or a full stop before the list's own separator.
    drop(app);
    let conn = rusqlite::Connection::open(dir.path().join("d.db")).unwrap();
    conn.execute(
        "DELETE FROM kpi_value WHERE metric IN ('quotes', 'users') AND period = '2016-12'
           AND unit_id = (SELECT id FROM unit WHERE code = 'ZB-GX')",
        [],
    )
    .unwrap();
    drop(conn);
    let app = App::open(&dir.path().join("d.db"), Ctx::local()).unwrap();
    let view = app.kpi_score(&ScoreQuery::of("2016-12")).unwrap();
    let gx = view.unscored.iter().find(|u| u.unit == "ZB-GX").unwrap();
    assert_eq!(
        gx.reasons,
        ["缺少 2016-12 的数据：系统报价次数、系统用户数"],
        "{:?}",
        gx.reasons
    );
    assert!(view
        .unscored
        .iter()
        .flat_map(|u| &u.reasons)
        .all(|r| !r.ends_with('。')));
}

#[test]
fn specialists_are_ranked_by_their_units_totals_and_the_years_first_three_put_forward() {
    let (_dir, mut app) = demo();
    // Each sub-branch's 系统推广专员 in the demo organisation (the third person of each).
    let demo: toml::Table = toml::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../assets/demo/demo.toml"
        ))
        .unwrap(),
    )
    .unwrap();
    let specialist = |code: &str| -> String {
        let b = demo["branch"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["code"].as_str() == Some(code))
            .unwrap();
        b["people"][2].as_str().unwrap().to_string()
    };
    let year = app.kpi_specialists(None, "2016").unwrap();
    let scores = app
        .kpi_score(&ScoreQuery {
            scheme_id: None,
            period: "2016",
            cumulative: false,
            explain: false,
        })
        .unwrap();
    assert_eq!(year.as_of, "2016-12-31");
    assert_eq!(year.rows.len(), scores.result.units.len());
    for (row, u) in year.rows.iter().zip(&scores.result.units) {
        assert_eq!(
            (row.unit.as_str(), row.rank, row.total.clone()),
            (u.unit.as_str(), u.rank, u.total.to_string())
        );
        assert_eq!(
            row.person_name.as_deref(),
            Some(specialist(&row.unit).as_str()),
            "{}",
            row.unit
        );
        assert_eq!(row.title.as_deref(), Some("系统推广专员"));
        assert_eq!(row.put_forward, u.rank <= 3);
    }
    assert!(year.rows.iter().filter(|r| r.put_forward).count() >= 3);
    // A month's ranking puts nobody forward.
    assert!(app
        .kpi_specialists(None, "2016-11")
        .unwrap()
        .rows
        .iter()
        .all(|r| !r.put_forward));

    // The post empty on the period's last day: the unit is ranked, with nobody named.
    let zd = year.rows.iter().find(|r| r.unit == "ZB-ZD").unwrap();
    let person = common::person(&app, zd.person_code.as_deref().unwrap());
    let snapshot = app.org_snapshot(Some("2016-12-31")).unwrap();
    let assignment = snapshot
        .people
        .iter()
        .find(|p| p.person.id == person)
        .unwrap()
        .posts
        .iter()
        .find(|p| p.current && p.title == "系统推广专员")
        .unwrap()
        .assignment
        .id
        .clone();
    app.org_end_assignment(&assignment, "2016-12-01").unwrap();
    let after = app.kpi_specialists(None, "2016").unwrap();
    let zd = after.rows.iter().find(|r| r.unit == "ZB-ZD").unwrap();
    assert_eq!(zd.person_name, None);
}
