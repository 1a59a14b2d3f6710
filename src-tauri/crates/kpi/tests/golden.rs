#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Golden cases from the seed documents (DOMAIN.md §4).

use branchdesk_domain::Period;
use branchdesk_kpi::data::month_idx;
use branchdesk_kpi::{check, parse, score, Figures, ScoreOptions, ScoreResult, Severity, Value};
use rust_decimal::Decimal;

const MMS: &str = include_str!("../../../../assets/schemes/mms-2016.toml");
const POOLS: &str = include_str!("../../../../assets/schemes/marketing-pools-2016.toml");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn m(p: &str) -> i32 {
    month_idx(p.parse().unwrap()).unwrap()
}

fn put(f: &mut Figures, unit: &str, month: &str, pairs: &[(&str, &str)]) {
    for (metric, v) in pairs {
        let value = v
            .parse::<Decimal>()
            .map(Value::Num)
            .unwrap_or_else(|_| Value::Grade(v.to_string()));
        f.insert(unit, m(month), metric, value);
    }
}

fn scheme(body: &str) -> branchdesk_kpi::Scheme {
    let text = format!(
        "[scheme]\nid = \"t\"\nname = \"测试\"\nstart = \"2016-06-01\"\nend = \"2016-12-31\"\npoints = 10\n{body}"
    );
    parse(&text).unwrap()
}

/// Seed 001's template reduced to one of its indicators.
fn mms_only(id: &str) -> branchdesk_kpi::Scheme {
    let mut s = parse(MMS).unwrap();
    s.indicators.retain(|i| i.id == id);
    assert_eq!(s.indicators.len(), 1, "{id} is in the template");
    s
}

fn run(s: &branchdesk_kpi::Scheme, f: &Figures, period: &str, cumulative: bool) -> ScoreResult {
    score(
        s,
        f,
        ScoreOptions {
            period: period.parse::<Period>().unwrap(),
            cumulative,
            explain: true,
        },
    )
    .unwrap()
}

fn unit<'a>(r: &'a ScoreResult, code: &str) -> &'a branchdesk_kpi::UnitScore {
    r.units.iter().find(|u| u.unit == code).unwrap()
}

#[test]
fn cumulative_values_are_ratios_of_sums_not_means_of_ratios() {
    let s = scheme("[metrics]\nquotes = \"报价次数\"\nusers = \"系统用户数\"\n[[indicator]]\nid = \"q\"\nname = \"人均报价次数\"\npoints = 10\nratio = [\"quotes\", \"users\"]\nrule = \"target\"\ntarget = 20\n");
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[("quotes", "1000"), ("users", "80")],
    );
    put(
        &mut f,
        "A",
        "2016-08",
        &[("quotes", "1500"), ("users", "100")],
    );
    put(
        &mut f,
        "A",
        "2016-09",
        &[("quotes", "900"), ("users", "90")],
    );
    let r = run(&s, &f, "2016-Q3", false);
    let a = &unit(&r, "A").indicators[0];
    assert_eq!(a.value.as_deref(), Some("12.5926")); // 3400 / 270, not 12.5
                                                     // 3400/270/20 × 10 = 6.2963 → 6.30 (the mean of ratios would give 6.25)
    assert_eq!(a.score, d("6.30"));
    // Cumulative runs from the window's start (June): June's figures are missing and said so.
    let err = score(
        &s,
        &f,
        ScoreOptions {
            period: "2016-09".parse().unwrap(),
            cumulative: true,
            explain: true,
        },
    )
    .unwrap_err();
    assert!(
        err.iter()
            .any(|p| p.code == "score.missing" && p.zh.contains("2016-06")),
        "{err:?}"
    );
    put(
        &mut f,
        "A",
        "2016-06",
        &[("quotes", "1000"), ("users", "80")],
    );
    let cum = run(&s, &f, "2016-09", true);
    assert_eq!(cum.units[0].indicators[0].value.as_deref(), Some("12.5714")); // 4400 / 350
    assert_eq!(cum.units[0].indicators[0].score, d("6.29"));
    assert_eq!(
        run(&s, &f, "2016-07", false).units[0].indicators[0].score,
        d("6.25")
    );
}

#[test]
fn wechat_binding_bands_are_half_open() {
    let one = mms_only("wechat_binding");
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[("wechat_bound", "54"), ("users", "60")],
    ); // 90% → 2
    put(
        &mut f,
        "B",
        "2016-07",
        &[("wechat_bound", "53"), ("users", "60")],
    ); // 88.3% → 0
    put(
        &mut f,
        "C",
        "2016-07",
        &[("wechat_bound", "60"), ("users", "60")],
    ); // 100% → 4
    let r = run(&one, &f, "2016-07", false);
    assert_eq!(unit(&r, "A").indicators[0].score, d("2"));
    assert_eq!(unit(&r, "B").indicators[0].score, d("0"));
    assert_eq!(unit(&r, "C").indicators[0].score, d("4"));
}

#[test]
fn rank_bands_and_ties() {
    let one = mms_only("mobile_rank");
    let mut f = Figures::default();
    // 11 units with mobile quotes per user 110, 100, …, 10; units 3 and 4 tie (rank 3, 3).
    for k in 0..11 {
        let q = if k == 3 { 90 } else { 110 - 10 * k };
        put(
            &mut f,
            &format!("U{k:02}"),
            "2016-07",
            &[("mobile_quotes", &q.to_string()), ("users", "1")],
        );
    }
    let r = run(&one, &f, "2016-07", false);
    let ind = |c: &str| unit(&r, c).indicators[0].clone();
    assert_eq!((ind("U02").rank, ind("U02").score), (Some(3), d("6")));
    assert_eq!(
        (ind("U03").rank, ind("U03").score),
        (Some(3), d("6")),
        "a tie gets the better band"
    );
    assert_eq!(
        (ind("U04").rank, ind("U04").score),
        (Some(5), d("3")),
        "competition ranking skips 4"
    );
    assert_eq!((ind("U07").rank, ind("U07").score), (Some(8), d("3")));
    assert_eq!((ind("U08").rank, ind("U08").score), (Some(9), d("0")));
    assert_eq!(r.units[0].rank, 1);
}

#[test]
fn submissions_are_one_point_each_capped_at_five() {
    let one = mms_only("daily_management");
    let mut f = Figures::default();
    put(&mut f, "A", "2016-07", &[("compliant_submissions", "7")]);
    put(&mut f, "B", "2016-07", &[("compliant_submissions", "3")]);
    let r = run(&one, &f, "2016-07", false);
    assert_eq!(unit(&r, "A").indicators[0].score, d("5"));
    assert_eq!(unit(&r, "B").indicators[0].score, d("3"));
}

#[test]
fn the_templates_validate_with_the_documented_warnings_only() {
    let s = parse(MMS).unwrap();
    let findings = check(&s, &toml::from_str(MMS).unwrap());
    assert!(
        findings.iter().all(|x| x.severity == Severity::Warning),
        "{findings:#?}"
    );
    let codes: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|x| (x.code, x.subject.as_deref()))
        .collect();
    assert!(
        codes.contains(&("best_below_points", Some("policy_sorting"))),
        "{codes:?}"
    );
    assert_eq!(codes.iter().filter(|c| c.0 == "target_unset").count(), 3);

    let p = parse(POOLS).unwrap();
    let findings = check(&p, &toml::from_str(POOLS).unwrap());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn the_seed_002_bands_as_written_are_reported_by_name() {
    let as_written = POOLS.replace(
        "{ min = 0.65, max = 0.8, rate = 0.002 }",
        "{ min = 0.6, max = 0.8, rate = 0.002 }",
    );
    let s = parse(&as_written).unwrap();
    let findings = check(&s, &toml::from_str(&as_written).unwrap());
    let overlap = findings
        .iter()
        .find(|x| x.code == "band_overlap")
        .expect("overlap reported");
    assert_eq!(overlap.severity, Severity::Error);
    assert_eq!(overlap.subject.as_deref(), Some("support_pool"));
    assert!(
        overlap.zh.contains("后援人员奖金池")
            && overlap.zh.contains("0.6")
            && overlap.zh.contains("0.65"),
        "{}",
        overlap.zh
    );
}

#[test]
fn checks_catch_points_gaps_unknown_metrics_and_rank_coverage() {
    let text = r#"
[scheme]
id = "bad"
name = "有问题的方案"
start = "2016-06-01"
end = "2016-12-31"
points = 100

[[indicator]]
id = "a"
name = "甲"
points = 50
ratio = ["quotes", "userz"]
rule = "bands"
bands = [ { min = 0.9, max = 1, points = 2 }, { min = 1.1, points = 4 } ]

[[indicator]]
id = "b"
name = "乙"
points = 40
metric = "mobile_quotes"
rule = "rank"
targt = 3
bands = [ { from = 1, to = 3, points = 40 }, { from = 5, to = 11, points = 0 } ]
"#;
    let s = parse(text).unwrap();
    let f = check(&s, &toml::from_str(text).unwrap());
    let has = |code: &str, subject: Option<&str>| {
        f.iter()
            .any(|x| x.code == code && x.subject.as_deref() == subject)
    };
    assert!(has("points_sum", None), "{f:#?}");
    assert!(has("unknown_metric", Some("a")));
    assert!(has("band_gap", Some("a"))); // below 0.9 and between 1 and 1.1
    assert_eq!(
        f.iter()
            .filter(|x| x.code == "band_gap" && x.subject.as_deref() == Some("a"))
            .count(),
        2
    );
    assert!(has("rank_gap", Some("b")));
    assert!(has("rank_uncovered", Some("b")));
    assert!(has("unknown_field", Some("b")));
    assert!(has("best_below_points", Some("a")));
}

#[test]
fn reward_pools_at_85_and_100_percent() {
    let s = parse(POOLS).unwrap();
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[
            ("performance", "850000"),
            ("performance_target", "1000000"),
            ("completed_amount", "300000"),
        ],
    );
    put(
        &mut f,
        "B",
        "2016-07",
        &[
            ("performance", "1000000"),
            ("performance_target", "1000000"),
            ("completed_amount", "0"),
        ],
    );
    let r = run(&s, &f, "2016-07", false);
    let amount = |reward: &str, u: &str| {
        r.rewards
            .iter()
            .find(|x| x.reward == reward && x.unit == u)
            .map(|x| x.amount)
    };
    assert_eq!(amount("support_pool", "A"), Some(d("5100.00"))); // 0.6% of 850,000
    assert_eq!(amount("support_pool", "B"), Some(d("10000.00"))); // 1%
    assert_eq!(amount("activity_fund", "A"), Some(d("4250.00"))); // 0.5% from 85%
    assert_eq!(amount("activity_fund", "B"), Some(d("5000.00")));
    assert_eq!(amount("customer_relations", "A"), Some(d("3000.00")));
    assert_eq!(amount("customer_relations", "B"), None);
}

fn full_month(f: &mut Figures, u: &str, month: &str, grade: &str, mobile: &str, subs: &str) {
    put(
        f,
        u,
        month,
        &[
            ("users", "50"),
            ("quotes", "1000"),
            ("conversions", "250"),
            ("closed_premium", "500000"),
            ("policy_sorting", grade),
            ("renewal_assigned", "90"),
            ("renewal_due", "100"),
            ("tasks_executed", "80"),
            ("tasks_valid", "100"),
            ("active_users", "45"),
            ("mobile_quotes", mobile),
            ("wechat_bound", "50"),
            ("mobile_payment", mobile),
            ("compliant_submissions", subs),
        ],
    );
}

fn mms_with_targets() -> branchdesk_kpi::Scheme {
    let text = MMS
        .replacen(
            "rule = \"target\"\ncap = 1",
            "rule = \"target\"\ntarget = 20\ncap = 1",
            1,
        )
        .replacen(
            "rule = \"target\"\ncap = 1",
            "rule = \"target\"\ntarget = 5\ncap = 1",
            1,
        )
        .replacen(
            "rule = \"target\"\ncap = 1",
            "rule = \"target\"\ntarget = 10000\ncap = 1",
            1,
        );
    parse(&text).unwrap()
}

#[test]
fn whole_scheme_totals_ranks_year_and_rewards() {
    let s = mms_with_targets();
    let mut f = Figures::default();
    for (k, month) in [
        "2016-06", "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12",
    ]
    .iter()
    .enumerate()
    {
        // A: everything at target, best mobile; B: same but grade 一般 and fewer submissions
        full_month(&mut f, "A", month, "有效落实", "500", "5");
        full_month(
            &mut f,
            "B",
            month,
            "一般",
            "400",
            if k % 2 == 0 { "5" } else { "3" },
        );
    }
    let july = run(&s, &f, "2016-07", false);
    let a = unit(&july, "A");
    // 15+15+10 (at target) + 5 (grade) + 9 + 8 + 9 (percents) + 6 (rank 1) + 4 + 5 (rank 1) + 5 = 91
    assert_eq!(a.total, d("91"));
    assert_eq!(
        a.total,
        a.indicators.iter().map(|i| i.score).sum::<Decimal>()
    );
    assert_eq!(a.rank, 1);
    let b = unit(&july, "B");
    // 40 + 3 + 26 + 6 (rank 2 of 2 is in 1-3) + 4 + 5 + 3 = 87
    assert_eq!(b.total, d("87"));
    // the specialist's 300 for the month at ≥ 90; B is below
    let r = |res: &ScoreResult, id: &str, u: &str| {
        res.rewards
            .iter()
            .find(|x| x.reward == id && x.unit == u)
            .map(|x| x.amount)
    };
    assert_eq!(r(&july, "specialist_monthly", "A"), Some(d("300")));
    // year-end prizes are not given for a month or a quarter
    assert_eq!(r(&july, "year_end_prizes", "A"), None);
    assert_eq!(
        r(&run(&s, &f, "2016-Q3", false), "year_end_prizes", "A"),
        None
    );
    // …but a cumulative score through December is the year's
    assert_eq!(
        r(&run(&s, &f, "2016-12", true), "year_end_prizes", "A"),
        Some(d("2000"))
    );
    assert_eq!(r(&july, "specialist_monthly", "B"), None);

    // The year: sum of the quarters' totals (Q2 has only June inside the window).
    let year = run(&s, &f, "2016", false);
    let q: Vec<Decimal> = ["2016-Q2", "2016-Q3", "2016-Q4"]
        .iter()
        .map(|p| unit(&run(&s, &f, p, false), "B").total)
        .collect();
    assert_eq!(unit(&year, "B").total, q.iter().sum::<Decimal>());
    assert_eq!(unit(&year, "A").total, d("273")); // 91 × 3 quarters
    assert_eq!(year.months.len(), 7);
    assert_eq!(r(&year, "year_end_prizes", "A"), Some(d("2000")));
    assert_eq!(r(&year, "year_end_prizes", "B"), Some(d("1600")));
    assert_eq!(r(&year, "specialist_monthly", "A"), Some(d("2100"))); // 7 months × 300
}

#[test]
fn missing_figures_division_by_zero_and_bad_grades_are_named() {
    let s = mms_with_targets();
    let mut f = Figures::default();
    full_month(&mut f, "A", "2016-07", "优秀", "5", "5");
    full_month(&mut f, "B", "2016-07", "一般", "5", "5");
    f.insert("B", m("2016-07"), "renewal_due", Value::Num(d("0")));
    f.insert("C", m("2016-07"), "users", Value::Num(d("-3")));
    let err = score(
        &s,
        &f,
        ScoreOptions {
            period: "2016-07".parse().unwrap(),
            cumulative: false,
            explain: true,
        },
    )
    .unwrap_err();
    let text: Vec<String> = err.iter().map(|p| p.zh.clone()).collect();
    let joined = text.join("\n");
    // Named in words (the scheme's metric names), and each attributed to its unit.
    let quotes = &s.metrics["quotes"];
    assert!(
        joined.contains(&format!("缺少数据：C 2016-07 的“{quotes}”")),
        "{joined}"
    ); // missing, named
    assert!(
        err.iter().any(|p| p.code == "score.div_zero"
            && p.unit.as_deref() == Some("B")
            && p.zh.contains("合计为 0")),
        "{joined}"
    );
    assert!(
        err.iter()
            .any(|p| p.code == "score.negative" && p.unit.as_deref() == Some("C")),
        "{joined}"
    );
    assert!(
        err.iter()
            .any(|p| p.code == "score.grade" && p.zh.contains("优秀")),
        "{joined}"
    );
}

#[test]
fn unset_targets_stop_scoring_with_a_clear_message() {
    let s = parse(MMS).unwrap();
    let mut f = Figures::default();
    full_month(&mut f, "A", "2016-07", "一般", "5", "5");
    let err = score(
        &s,
        &f,
        ScoreOptions {
            period: "2016-07".parse().unwrap(),
            cumulative: false,
            explain: true,
        },
    )
    .unwrap_err();
    assert!(err
        .iter()
        .any(|p| p.code == "score.target_unset" && p.zh.contains("人均报价次数")));
}

#[test]
fn interpolation_step_lower_is_better_floors_and_caps() {
    let s = scheme(
        r#"
[[indicator]]
id = "lin"
name = "线性"
points = 4
metric = "performance"
rule = "linear"
target = 100
anchors = [ { at = 0.8, share = 0.8 }, { at = 1, share = 1 }, { at = 1.2, share = 1.2 } ]

[[indicator]]
id = "step"
name = "加减分"
points = 4
metric = "completed_amount"
rule = "step"
target = 100
base = 4
step = 0.03
bonus = 1
bonus_cap = 6
penalty = 1
penalty_cap = 6
min_score = 0

[[indicator]]
id = "cost"
name = "费用率"
points = 2
metric = "performance_target"
order = "asc"
rule = "target"
target = 50
cap = 1.2
max_score = 2
"#,
    );
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[
            ("performance", "90"),
            ("completed_amount", "110"),
            ("performance_target", "40"),
        ],
    );
    put(
        &mut f,
        "B",
        "2016-07",
        &[
            ("performance", "79"),
            ("completed_amount", "80"),
            ("performance_target", "100"),
        ],
    );
    put(
        &mut f,
        "C",
        "2016-07",
        &[
            ("performance", "150"),
            ("completed_amount", "97"),
            ("performance_target", "50"),
        ],
    );
    let r = run(&s, &f, "2016-07", false);
    let sc = |u: &str, k: usize| unit(&r, u).indicators[k].score;
    assert_eq!(sc("A", 0), d("3.6")); // 90%: share 0.9 × 4
    assert_eq!(sc("B", 0), d("0")); // below the first anchor
    assert_eq!(sc("C", 0), d("4.8")); // capped at the last anchor, 120%
    assert_eq!(sc("A", 1), d("7")); // +10%: 3 steps of 3% → +3
    assert_eq!(sc("B", 1), d("0")); // −20%: 6 steps → −6, floored at 0
    assert_eq!(sc("C", 1), d("3")); // −3%: one step → −1
    assert_eq!(sc("A", 2), d("2")); // lower is better: 50/40 = 1.25 → cap 1.2 × 2 = 2.4 → max_score 2
    assert_eq!(sc("B", 2), d("1")); // 50/100 = 0.5 × 2
    assert_eq!(sc("C", 2), d("2"));
}

#[test]
fn explanations_name_inputs_formula_and_steps() {
    let s = scheme("[metrics]\nquotes = \"报价次数\"\nusers = \"系统用户数\"\n[[indicator]]\nid = \"q\"\nname = \"人均报价次数\"\npoints = 10\nratio = [\"quotes\", \"users\"]\nrule = \"target\"\ntarget = 20\n");
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[("quotes", "1000"), ("users", "80")],
    );
    let r = run(&s, &f, "2016-07", false);
    let e = r.units[0].indicators[0].explain.as_ref().unwrap();
    // In the scheme's words, not its ids (issue 23).
    assert_eq!(e.inputs.get("Σ 报价次数").map(String::as_str), Some("1000"));
    assert_eq!(e.inputs.get("Σ 系统用户数").map(String::as_str), Some("80"));
    assert!(e.formula.contains("min(a, 1) × 10"));
    assert_eq!(e.steps.len(), e.steps_zh.len());
    assert!(
        e.steps_zh[0].contains("完成率 a = 实际值 ÷ 目标值"),
        "{:?}",
        e.steps_zh
    );
    assert!(e.steps_zh.last().unwrap().contains("四舍五入保留 2 位"));
    assert!(e.steps.iter().any(|s| s.contains("6.25")), "{:?}", e.steps);
}

#[test]
fn csv_rows_are_checked_and_every_bad_row_named() {
    let good =
        "unit,period,metric,value\nZB-ZD,2016-07,users,50\nZB-ZD,2016-07,policy_sorting,有效落实\n";
    let f = Figures::from_csv(good.as_bytes()).unwrap();
    assert_eq!(f.len(), 2);
    let bad = "unit,period,metric,value\nZB-ZD,2016-13,users,50\nZB-ZD,2016-07,users,5O0x1\nZB-ZD,2016-07,,3\n";
    let err = Figures::from_csv(bad.as_bytes()).unwrap_err();
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].zh.starts_with("第 2 行"));
    assert!(err[1].zh.starts_with("第 3 行"));
    let wrong_header = Figures::from_csv("a,b,c,d\n".as_bytes()).unwrap_err();
    assert_eq!(wrong_header[0].code, "data.header");
}

#[test]
fn sections_have_subtotals_that_add_up_to_the_total() {
    let text = r#"
[scheme]
id = "sec"
name = "分组方案"
start = "2016-06-01"
end = "2016-12-31"
points = 100

[[section]]
id = "ops"
name = "运营指标"
points = 80

[[section]]
id = "tasks"
name = "重点任务"
points = 20

[[indicator]]
id = "renewal"
name = "续保管理指数"
section = "ops"
points = 80
ratio = ["renewal_assigned", "renewal_due"]
rule = "percent"

[[indicator]]
id = "daily"
name = "系统推广日常管理"
section = "tasks"
points = 20
metric = "compliant_submissions"
rule = "per_item"
each = 4
"#;
    let s = parse(text).unwrap();
    assert!(check(&s, &toml::from_str(text).unwrap()).is_empty());
    let mut f = Figures::default();
    put(
        &mut f,
        "A",
        "2016-07",
        &[
            ("renewal_assigned", "90"),
            ("renewal_due", "100"),
            ("compliant_submissions", "3"),
        ],
    );
    let r = run(&s, &f, "2016-07", false);
    let a = unit(&r, "A");
    assert_eq!(a.sections.get("ops"), Some(&d("72")));
    assert_eq!(a.sections.get("tasks"), Some(&d("12")));
    assert_eq!(a.total, d("84"));

    // an indicator outside any section, and sections that do not add up, are reported
    let broken = text
        .replace("section = \"tasks\"\n", "")
        .replace("points = 80\n\n[[section]]", "points = 70\n\n[[section]]");
    let f2 = check(&parse(&broken).unwrap(), &toml::from_str(&broken).unwrap());
    assert!(f2
        .iter()
        .any(|x| x.code == "no_section" && x.subject.as_deref() == Some("daily")));
    assert!(f2.iter().any(|x| x.code == "section_sum"));
}

/// Issue 23: a 0 typed for one unit's denominator used to blank the whole ranking. The others
/// are scored and ranked among themselves; the unit is left out with the reason in words.
#[test]
fn a_unit_that_cannot_be_scored_is_left_out_and_the_rest_ranked() {
    let s = mms_with_targets();
    let mut f = Figures::default();
    full_month(&mut f, "A", "2016-07", "有效落实", "5", "5");
    full_month(&mut f, "B", "2016-07", "有效落实", "9", "5");
    full_month(&mut f, "C", "2016-07", "有效落实", "7", "5");
    f.insert("C", m("2016-07"), "users", Value::Num(d("0")));
    f.name_unit("C", "博山支公司");
    let opts = ScoreOptions {
        period: "2016-07".parse().unwrap(),
        cumulative: false,
        explain: false,
    };
    assert!(score(&s, &f, opts).is_err(), "the whole ranking fails");
    let p = branchdesk_kpi::score_partial(&s, &f, opts).unwrap();
    let ranked: Vec<&str> = p.result.units.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(ranked.len(), 2);
    assert!(ranked.contains(&"A") && ranked.contains(&"B"), "{ranked:?}");
    // The same as scoring A and B alone: C's figures play no part in their ranks.
    let mut ab = Figures::default();
    full_month(&mut ab, "A", "2016-07", "有效落实", "5", "5");
    full_month(&mut ab, "B", "2016-07", "有效落实", "9", "5");
    let alone = score(&s, &ab, opts).unwrap();
    for u in &alone.units {
        let got = unit(&p.result, &u.unit);
        assert_eq!((got.total, got.rank), (u.total, u.rank), "{}", u.unit);
    }
    let why = &p.unscored["C"];
    let users = &s.metrics["users"];
    assert!(
        why.iter()
            .any(|w| w.zh.contains("博山支公司") && w.zh.contains(&format!("“{users}”合计为 0"))),
        "{why:?}"
    );
    // Each reason once, even where several indicators divide by the same metric.
    let mut texts: Vec<&str> = why.iter().map(|w| w.zh.as_str()).collect();
    texts.dedup();
    assert_eq!(texts.len(), why.len());
    assert!(
        !why.iter().any(|w| w.zh.contains("users")),
        "codes in words: {why:?}"
    );

    // A scheme problem (no unit's exclusion mends it) still fails as a whole.
    let mut all_bad = Figures::default();
    full_month(&mut all_bad, "A", "2016-07", "有效落实", "5", "5");
    all_bad.insert("A", m("2016-07"), "users", Value::Num(d("0")));
    let e = branchdesk_kpi::score_partial(&s, &all_bad, opts).unwrap_err();
    assert!(e.iter().any(|p| p.code == "score.div_zero"), "{e:?}");
}

/// Issue 23: "0.8667 → 0.00" said nothing of the band; the step names it as the scheme does.
#[test]
fn a_band_score_names_the_band_that_applied() {
    let s = scheme("[[indicator]]\nid = \"w\"\nname = \"微信绑定率\"\npoints = 5\nratio = [\"bound\", \"users\"]\nrule = \"bands\"\nbands = [{ min = 0.9, points = 5 }, { min = 0.85, max = 0.9, points = 3 }, { max = 0.85, points = 0 }]\n");
    let mut f = Figures::default();
    put(&mut f, "A", "2016-07", &[("bound", "52"), ("users", "60")]);
    let r = run(&s, &f, "2016-07", false);
    let e = r.units[0].indicators[0].explain.as_ref().unwrap();
    assert_eq!(r.units[0].total, d("3"));
    assert!(
        e.steps_zh
            .iter()
            .any(|x| x == "所在区间 [0.85, 0.9) → 3 分"),
        "{:?}",
        e.steps_zh
    );
    assert!(
        e.steps.iter().any(|x| x == "band [0.85, 0.9) → 3 points"),
        "{:?}",
        e.steps
    );
}
