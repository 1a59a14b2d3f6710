#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! Properties that must hold for any figures.

use branchdesk_kpi::data::month_idx;
use branchdesk_kpi::{parse, score, Figures, ScoreOptions, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

const SCHEME: &str = r#"
[scheme]
id = "p"
name = "性质测试"
start = "2016-06-01"
end = "2016-12-31"
points = 40

[[indicator]]
id = "pct"
name = "比率"
points = 10
ratio = ["a", "b"]
rule = "percent"

[[indicator]]
id = "tgt"
name = "目标"
points = 10
ratio = ["a", "b"]
rule = "target"
target = 0.5
cap = 1.2

[[indicator]]
id = "band"
name = "分档"
points = 10
ratio = ["a", "b"]
rule = "bands"
bands = [ { max = 0.5, points = 0 }, { min = 0.5, max = 0.9, points = 5 }, { min = 0.9, points = 10 } ]

[[indicator]]
id = "lin"
name = "线性"
points = 10
ratio = ["a", "b"]
rule = "linear"
anchors = [ { at = 0.2, share = 0.2 }, { at = 0.6, share = 0.8 }, { at = 1, share = 1 } ]
"#;

fn figures(rows: &[(u32, u32)]) -> Figures {
    let mut f = Figures::default();
    let m = month_idx("2016-07".parse().unwrap()).unwrap();
    for (k, (a, b)) in rows.iter().enumerate() {
        f.insert(&format!("U{k}"), m, "a", Value::Num(Decimal::from(*a)));
        f.insert(&format!("U{k}"), m, "b", Value::Num(Decimal::from(*b)));
    }
    f
}

proptest! {
    #[test]
    fn total_is_the_sum_of_indicator_scores(rows in prop::collection::vec((0u32..200, 1u32..200), 1..20)) {
        let s = parse(SCHEME).unwrap();
        let r = score(&s, &figures(&rows), ScoreOptions { period: "2016-07".parse().unwrap(), cumulative: false, explain: true }).unwrap();
        for u in &r.units {
            prop_assert_eq!(u.total, u.indicators.iter().map(|i| i.score).sum::<Decimal>());
            prop_assert!(u.total >= Decimal::ZERO && u.total <= Decimal::from(42));
        }
        // ranks are competition ranks of the totals
        for u in &r.units {
            let better = r.units.iter().filter(|v| v.total > u.total).count() as u32;
            prop_assert_eq!(u.rank, better + 1);
        }
    }

    #[test]
    fn a_higher_value_never_scores_lower(a in 0u32..300, extra in 1u32..100, b in 1u32..300) {
        let s = parse(SCHEME).unwrap();
        let opts = ScoreOptions { period: "2016-07".parse().unwrap(), cumulative: false, explain: true };
        let low = score(&s, &figures(&[(a, b)]), opts).unwrap();
        let high = score(&s, &figures(&[(a + extra, b)]), opts).unwrap();
        for (l, h) in low.units[0].indicators.iter().zip(&high.units[0].indicators) {
            prop_assert!(h.score >= l.score, "{}: {} then {}", l.id, l.score, h.score);
        }
    }
}
