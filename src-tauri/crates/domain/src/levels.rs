//! 销售人员职级: seed 002's rules for sales people's levels (§4.3), as a pure engine. A level
//! table (the seed's table 4.1 is missing: it is data) and each person's monthly figures give,
//! month by month, the level paid and every event with the figures and the rule behind it.
//!
//! The seed's rules, and what was decided where it is silent (each decision is a setting of
//! the table where reasonable people differ):
//! - **当月考核、次月执行** (4.3.2): everything judged on month M's figures takes effect in M+1.
//! - **任职资格**: a person moves up one level when they meet the next level's monthly target in
//!   `qualify_months` consecutive months (decided: 2 by default, so that 4.3.3's "a demoted
//!   person goes back up on **one** month" is an easier road than a first promotion; set it to
//!   1 and both are the same). One level a month: a figure that clears two levels' targets
//!   moves one (decided; `skip_levels = true` lets it move as far as the figure reaches).
//! - **降级标准** (4.3.1): judged on 2-month cycles that do not overlap: a cycle's total below
//!   twice the level's monthly `keep` standard moves the person down one level; the next cycle
//!   starts the month the result applies. A change of level starts a new cycle (decided: a
//!   cycle is judged against one level).
//! - **重新升级** (4.3.3): a person demoted from a level who, in one month, meets that level's
//!   monthly target goes back to it the next month.
//! - Promotion and demotion in the same month: the promotion wins and the cycle starts again
//!   (decided: the latest month shows the person can do the work).
//! - **临界工资** (4.3.4): the lowest level's pay. Two consecutive months paid at it flags the
//!   person for dismissal (视为开除); a 智慧助理 is flagged for the marketing general manager's
//!   decision instead (4.3.5). The engine flags; people decide.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// What happened to a person in a month.
    pub enum LevelEvent {
        Qualified = "qualified", "晋级", "Qualified for the next level";
        Demoted = "demoted", "降级", "Demoted";
        Repromoted = "repromoted", "重新升级", "Back to the level demoted from";
        CriticalWage = "critical_wage", "临界工资", "On the critical wage";
        DismissalFlagged = "dismissal_flagged", "连续两个月临界工资，视为开除", "Two months on the critical wage: dismissal";
        DecisionFlagged = "decision_flagged", "智慧助理连续两个月临界工资，由营销总经理处理", "Assistant two months on the critical wage: for the marketing GM";
    }
}

/// One level of the table, lowest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Level {
    pub code: String,
    pub name: String,
    /// 任职资格: the monthly figure that qualifies for this level.
    #[ts(type = "string")]
    pub target: Decimal,
    /// 降级标准: the monthly standard to keep it (a 2-month cycle is judged on twice this).
    #[ts(type = "string")]
    pub keep: Decimal,
    /// The level's monthly pay (the lowest level's is the critical wage).
    #[ts(type = "string")]
    pub wage: Decimal,
}

fn two() -> u32 {
    2
}

/// A level table: the levels lowest first, and the settings where the seed is silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelTable {
    pub name: String,
    /// What the figures are (e.g. 个人当月完成保费), for reports.
    #[serde(default)]
    pub metric: String,
    /// Consecutive months meeting the next level's target for a first promotion.
    #[serde(default = "two")]
    pub qualify_months: u32,
    /// A figure that clears several levels' targets moves as far as it reaches.
    #[serde(default)]
    pub skip_levels: bool,
    #[serde(rename = "level")]
    pub levels: Vec<Level>,
}

/// Something wrong with a table, named so a person can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TableProblem {
    pub level: Option<String>,
    pub zh: String,
    pub en: String,
}

impl LevelTable {
    /// Levels out of order, duplicate codes, standards that make a level unreachable or
    /// impossible to keep: every problem, none if the table can be run.
    pub fn check(&self) -> Vec<TableProblem> {
        let mut out = Vec::new();
        let mut say = |level: Option<&Level>, zh: String, en: String| {
            out.push(TableProblem {
                level: level.map(|l| l.code.clone()),
                zh,
                en,
            })
        };
        if self.levels.len() < 2 {
            say(
                None,
                "职级表至少要有两个职级（最低一级的薪资即临界工资）。".into(),
                "A level table needs at least two levels (the lowest one's pay is the critical wage)."
                    .into(),
            );
        }
        if !(1..=12).contains(&self.qualify_months) {
            say(
                None,
                format!(
                    "qualify_months 应在 1 到 12 之间，现为 {}。",
                    self.qualify_months
                ),
                format!(
                    "qualify_months must be 1 to 12, not {}.",
                    self.qualify_months
                ),
            );
        }
        let mut codes = std::collections::HashSet::new();
        for (i, l) in self.levels.iter().enumerate() {
            if l.code.trim().is_empty() || !codes.insert(l.code.as_str()) {
                say(
                    Some(l),
                    format!("第 {} 个职级的编码“{}”为空或重复。", i + 1, l.code),
                    format!(
                        "Level {}'s code \"{}\" is empty or repeated.",
                        i + 1,
                        l.code
                    ),
                );
            }
            if l.target < Decimal::ZERO || l.keep < Decimal::ZERO || l.wage < Decimal::ZERO {
                say(
                    Some(l),
                    format!("{}：月目标、降级标准和薪资都不能为负数。", l.name),
                    format!(
                        "{}: the target, the standard and the pay cannot be negative.",
                        l.name
                    ),
                );
            }
            if l.keep > l.target && i > 0 {
                say(
                    Some(l),
                    format!("{}：降级标准（{}）高于任职资格（{}），刚晋级的人在第一个周期就会被降级。", l.name, l.keep, l.target),
                    format!("{}: the standard to keep it ({}) is above the target to reach it ({}), so whoever reaches it is demoted in the first cycle.", l.name, l.keep, l.target),
                );
            }
            if let Some(below) = i.checked_sub(1).map(|j| &self.levels[j]) {
                if l.target <= below.target {
                    say(
                        Some(l),
                        format!("{}的月目标（{}）不高于下一级{}的（{}）：职级须从低到高排列，否则无法区分。", l.name, l.target, below.name, below.target),
                        format!("{}'s target ({}) is not above {}'s ({}) below it: levels go lowest first, each harder to reach.", l.name, l.target, below.name, below.target),
                    );
                }
                if l.wage < below.wage {
                    say(
                        Some(l),
                        format!(
                            "{}的薪资（{}）低于下一级{}的（{}）。",
                            l.name, l.wage, below.name, below.wage
                        ),
                        format!(
                            "{}'s pay ({}) is below that of {} ({}) beneath it.",
                            l.name, l.wage, below.name, below.wage
                        ),
                    );
                }
            }
        }
        out
    }

    fn index(&self, code: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.code == code)
    }
}

/// A person and their monthly figures, from the first month run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelPerson {
    pub code: String,
    pub name: String,
    /// The level held in the first month.
    pub level: String,
    /// A 智慧助理: the critical wage is flagged for a decision, not for dismissal.
    #[serde(default)]
    pub assistant: bool,
    /// One figure per month run, in order.
    #[ts(type = "Array<string>")]
    pub figures: Vec<Decimal>,
}

/// One event of a month, with the figure and the rule that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LevelNote {
    pub event: LevelEvent,
    /// The level it leads to (from the next month), for a change.
    pub to: Option<String>,
    /// The figures and the rule, in words.
    pub zh: String,
    pub en: String,
}

/// A person in one month: the level held and paid, the figure, what it led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LevelMonth {
    /// 0 for the first month run.
    pub month: usize,
    pub level: String,
    #[ts(type = "string")]
    pub wage: Decimal,
    #[ts(type = "string")]
    pub figure: Decimal,
    pub notes: Vec<LevelNote>,
}

/// A person's months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LevelRun {
    pub code: String,
    pub name: String,
    pub months: Vec<LevelMonth>,
}

/// Runs one person through their months. `months` names each month for the notes (2017-03).
/// A level not in the table is refused by its name.
pub fn run_person(
    t: &LevelTable,
    p: &LevelPerson,
    months: &[String],
) -> Result<LevelRun, TableProblem> {
    let Some(mut at) = t.index(&p.level) else {
        return Err(TableProblem {
            level: Some(p.level.clone()),
            zh: format!(
                "{}（{}）的起始职级“{}”不在职级表中。",
                p.name, p.code, p.level
            ),
            en: format!(
                "{} ({})'s starting level \"{}\" is not in the table.",
                p.name, p.code, p.level
            ),
        });
    };
    let top = t.levels.len() - 1;
    let month = |i: usize| {
        months
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    // The highest level the person was demoted from (4.3.3), the first month of the cycle
    // under way, the months in a row meeting the next target, the months in a row on the
    // critical wage.
    let mut demoted_from: Option<usize> = None;
    let mut cycle_start = 0usize;
    let mut streak = 0u32;
    let mut critical = 0u32;
    let mut out = Vec::with_capacity(p.figures.len());
    for (i, &v) in p.figures.iter().enumerate() {
        let here = &t.levels[at];
        let mut notes = Vec::new();
        let m = month(i);
        // 临界工资: paid at the lowest level this month.
        if at == 0 {
            critical += 1;
            notes.push(LevelNote {
                event: LevelEvent::CriticalWage,
                to: None,
                zh: format!(
                    "{m} 按{}领取临界工资 {}（连续第 {critical} 个月）",
                    here.name, here.wage
                ),
                en: format!(
                    "{m}: paid the critical wage {} as {} (month {critical} in a row)",
                    here.wage, here.name
                ),
            });
            if critical == 2 {
                notes.push(if p.assistant {
                    LevelNote {
                        event: LevelEvent::DecisionFlagged,
                        to: None,
                        zh: format!("{m} 智慧助理连续 2 个月领取临界工资：由公司营销总经理视工作表现处理（基本法 4.3.5）"),
                        en: format!("{m}: an assistant two months in a row on the critical wage: for the marketing general manager to decide on their work (4.3.5)"),
                    }
                } else {
                    LevelNote {
                        event: LevelEvent::DismissalFlagged,
                        to: None,
                        zh: format!("{m} 连续 2 个月领取临界工资，视为开除（基本法 4.3.4），请经理确认"),
                        en: format!("{m}: two months in a row on the critical wage: dismissal (4.3.4), for the manager to confirm"),
                    }
                });
            }
        } else {
            critical = 0;
        }

        // Up: back to a level demoted from on one month's figure (4.3.3); otherwise the next
        // level's target met for `qualify_months` months in a row.
        let mut next = at;
        if let Some(d) = demoted_from.filter(|&d| d > at) {
            if v >= t.levels[d].target {
                next = d;
                notes.push(LevelNote {
                    event: LevelEvent::Repromoted,
                    to: Some(t.levels[d].code.clone()),
                    zh: format!("{m} 完成 {v}，达到原级别{}的月目标 {}：次月重新升回{}（基本法 4.3.3）", t.levels[d].name, t.levels[d].target, t.levels[d].name),
                    en: format!("{m}: {v} meets the monthly target {} of {}, the level demoted from: back to it next month (4.3.3)", t.levels[d].target, t.levels[d].name),
                });
            }
        }
        if next == at && at < top {
            if v >= t.levels[at + 1].target {
                streak += 1;
            } else {
                streak = 0;
            }
            if streak >= t.qualify_months {
                let reach = if t.skip_levels {
                    (at + 1..=top)
                        .take_while(|&j| v >= t.levels[j].target)
                        .last()
                        .unwrap_or(at + 1)
                } else {
                    at + 1
                };
                next = reach;
                notes.push(LevelNote {
                    event: LevelEvent::Qualified,
                    to: Some(t.levels[reach].code.clone()),
                    zh: format!("{m} 完成 {v}，连续 {} 个月达到{}的月目标 {}：次月起按{}执行（基本法 4.3.2）", t.qualify_months, t.levels[reach].name, t.levels[at + 1].target, t.levels[reach].name),
                    en: format!("{m}: {v}; {} months in a row at or above {}'s target {}: that level from next month (4.3.2)", t.qualify_months, t.levels[reach].name, t.levels[at + 1].target),
                });
            }
        }

        // Down: at the end of a 2-month cycle, its total against twice the standard.
        if next == at && i > cycle_start && at > 0 {
            let total: Decimal = p.figures[cycle_start..=i].iter().copied().sum();
            let standard = here.keep * Decimal::TWO;
            if total < standard {
                next = at - 1;
                // The level just left: one month at its target brings the person back to it.
                demoted_from = Some(at);
                notes.push(LevelNote {
                    event: LevelEvent::Demoted,
                    to: Some(t.levels[next].code.clone()),
                    zh: format!("{} 至 {m} 两个月合计 {total}，低于{}的降级标准 {}（每月 {}）：次月降为{}（基本法 4.3.1）", month(cycle_start), here.name, standard, here.keep, t.levels[next].name),
                    en: format!("{} to {m}: {total} in two months, below {}'s standard {} ({} a month): {} from next month (4.3.1)", month(cycle_start), here.name, standard, here.keep, t.levels[next].name),
                });
            }
            cycle_start = i + 1;
        }
        out.push(LevelMonth {
            month: i,
            level: here.code.clone(),
            wage: here.wage,
            figure: v,
            notes,
        });
        if next != at {
            // A new level: a new cycle and a new count towards the next target.
            at = next;
            cycle_start = i + 1;
            streak = 0;
            if demoted_from.is_some_and(|d| d <= at) {
                demoted_from = None;
            }
        }
    }
    Ok(LevelRun {
        code: p.code.clone(),
        name: p.name.clone(),
        months: out,
    })
}

/// 孤儿单 (seed 002 §6): the developer of an orphan customer's deal earns the standard
/// commission; a helper, if any, earns 10% of it (on top, decided: the seed does not take it
/// from the developer). Returns (developer, helper).
pub fn orphan_commission(standard: Decimal, helped: bool) -> (Decimal, Decimal) {
    let helper = if helped {
        (standard * Decimal::new(1, 1)).round_dp(2)
    } else {
        Decimal::ZERO
    };
    (standard, helper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Three levels: 临界 (the critical wage), 专员, 高级专员.
    fn table(qualify_months: u32) -> LevelTable {
        let level = |code: &str, name: &str, target: &str, keep: &str, wage: &str| Level {
            code: code.into(),
            name: name.into(),
            target: d(target),
            keep: d(keep),
            wage: d(wage),
        };
        LevelTable {
            name: "示例".into(),
            metric: String::new(),
            qualify_months,
            skip_levels: false,
            levels: vec![
                level("L0", "见习", "0", "0", "1800"),
                level("L1", "专员", "30000", "20000", "3000"),
                level("L2", "高级专员", "60000", "40000", "4500"),
            ],
        }
    }

    fn person(level: &str, figures: &[&str]) -> LevelPerson {
        LevelPerson {
            code: "ZB-S01".into(),
            name: "王磊".into(),
            level: level.into(),
            assistant: false,
            figures: figures.iter().map(|f| d(f)).collect(),
        }
    }

    fn months(n: usize) -> Vec<String> {
        (1..=n).map(|m| format!("2017-{m:02}")).collect()
    }

    fn run(t: &LevelTable, p: &LevelPerson) -> LevelRun {
        run_person(t, p, &months(p.figures.len())).unwrap()
    }

    fn levels(r: &LevelRun) -> Vec<&str> {
        r.months.iter().map(|m| m.level.as_str()).collect()
    }

    fn events(r: &LevelRun, month: usize) -> Vec<LevelEvent> {
        r.months[month].notes.iter().map(|n| n.event).collect()
    }

    #[test]
    fn qualifying_in_march_pays_the_new_level_in_april() {
        // One month suffices with qualify_months = 1; the new pay starts the month after.
        let r = run(
            &table(1),
            &person("L1", &["35000", "35000", "65000", "65000", "65000"]),
        );
        assert_eq!(levels(&r), ["L1", "L1", "L1", "L2", "L2"]);
        assert_eq!(events(&r, 2), [LevelEvent::Qualified]);
        assert_eq!(r.months[3].wage, d("4500"));
        assert!(
            r.months[2].notes[0].zh.contains("2017-03 完成 65000"),
            "{:?}",
            r.months[2].notes
        );
        // By default a first promotion takes two months in a row.
        let r = run(
            &table(2),
            &person(
                "L1",
                &[
                    "35000", "35000", "65000", "50000", "65000", "65000", "65000",
                ],
            ),
        );
        assert_eq!(levels(&r), ["L1", "L1", "L1", "L1", "L1", "L1", "L2"]);
    }

    #[test]
    fn demotion_is_judged_on_cycles_that_do_not_overlap() {
        // Cycle Jan–Feb: 45,000 ≥ 40,000 kept; cycle Mar–Apr: 30,000 < 40,000, demoted in May;
        // a fresh cycle starts in May at the new level.
        let r = run(
            &table(2),
            &person(
                "L1",
                &["25000", "20000", "15000", "15000", "25000", "25000"],
            ),
        );
        assert_eq!(levels(&r), ["L1", "L1", "L1", "L1", "L0", "L0"]);
        assert_eq!(events(&r, 1), []);
        assert_eq!(events(&r, 3), [LevelEvent::Demoted]);
        assert!(r.months[3].notes[0]
            .zh
            .contains("2017-03 至 2017-04 两个月合计 30000"));
        // Feb–Mar together would be 35,000 < 40,000: not a cycle, so not judged.
        let r = run(
            &table(2),
            &person("L1", &["25000", "20000", "15000", "25000"]),
        );
        assert_eq!(levels(&r), ["L1", "L1", "L1", "L1"]);
    }

    #[test]
    fn a_demoted_person_goes_back_up_on_one_month_of_the_higher_target() {
        let r = run(
            &table(2),
            &person("L2", &["10000", "10000", "61000", "30000"]),
        );
        // Demoted in March (Jan–Feb 20,000 < 80,000); March meets 高级专员's 60,000: back in April,
        // on one month though a first promotion takes two.
        assert_eq!(levels(&r), ["L2", "L2", "L1", "L2"]);
        assert_eq!(events(&r, 2), [LevelEvent::Repromoted]);
        assert!(r.months[2].notes[0].zh.contains("重新升回高级专员"));
    }

    #[test]
    fn two_consecutive_months_on_the_critical_wage_are_flagged_two_separated_ones_not() {
        let r = run(&table(2), &person("L0", &["1000", "1000", "1000"]));
        assert_eq!(events(&r, 0), [LevelEvent::CriticalWage]);
        assert_eq!(
            events(&r, 1),
            [LevelEvent::CriticalWage, LevelEvent::DismissalFlagged]
        );
        assert_eq!(events(&r, 2), [LevelEvent::CriticalWage], "flagged once");
        // Critical in January, back up (a demoted 专员 meeting 30,000), down again: separated.
        let r = run(
            &table(2),
            &person("L1", &["5000", "5000", "31000", "5000", "5000", "1000"]),
        );
        assert_eq!(levels(&r), ["L1", "L1", "L0", "L1", "L1", "L0"]);
        assert!(r.months.iter().all(|m| !m
            .notes
            .iter()
            .any(|n| n.event == LevelEvent::DismissalFlagged)));
        // A 智慧助理 is left to the marketing general manager.
        let mut p = person("L0", &["0", "0"]);
        p.assistant = true;
        assert_eq!(
            events(&run(&table(2), &p), 1),
            [LevelEvent::CriticalWage, LevelEvent::DecisionFlagged]
        );
    }

    #[test]
    fn one_level_a_month_unless_the_table_says_so() {
        let r = run(&table(1), &person("L0", &["90000", "90000", "90000"]));
        assert_eq!(levels(&r), ["L0", "L1", "L2"]);
        let mut t = table(1);
        t.skip_levels = true;
        assert_eq!(
            levels(&run(&t, &person("L0", &["90000", "0"]))),
            ["L0", "L2"]
        );
    }

    #[test]
    fn no_one_moves_more_than_one_level_a_month_whatever_the_figures() {
        // A property over many figure sequences: without skip_levels, every month's level is at
        // most one away from the month before's, and the lowest level is never left downwards.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let t = table(1);
        for _ in 0..500 {
            let figures: Vec<String> = (0..12)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 10) * 10_000).to_string()
                })
                .collect();
            let refs: Vec<&str> = figures.iter().map(String::as_str).collect();
            let start = ["L0", "L1", "L2"][(x % 3) as usize];
            let r = run(&t, &person(start, &refs));
            let idx: Vec<usize> = r
                .months
                .iter()
                .map(|m| t.index(&m.level).unwrap())
                .collect();
            for w in idx.windows(2) {
                assert!(w[0].abs_diff(w[1]) <= 1, "{figures:?}: {idx:?}");
            }
        }
    }

    #[test]
    fn a_table_out_of_order_or_impossible_to_keep_is_refused_by_name() {
        assert!(table(2).check().is_empty());
        let mut t = table(2);
        t.levels.swap(1, 2);
        let p = t.check();
        assert!(
            p.iter().any(|p| p.zh.contains("职级须从低到高排列")),
            "{p:?}"
        );
        let mut t = table(2);
        t.levels[2].keep = d("70000");
        assert!(t.check().iter().any(|p| p.level.as_deref() == Some("L2")
            && p.zh.contains("降级标准（70000）高于任职资格（60000）")));
        let mut t = table(2);
        t.levels[1].code = "L0".into();
        assert!(t.check().iter().any(|p| p.zh.contains("为空或重复")));
        let mut t = table(0);
        t.levels.truncate(1);
        assert_eq!(t.check().len(), 2);
        assert!(run_person(&table(2), &person("L9", &["1"]), &months(1)).is_err());
    }

    #[test]
    fn an_orphan_deal_pays_the_developer_in_full_and_a_helper_ten_percent() {
        assert_eq!(orphan_commission(d("800"), true), (d("800"), d("80.00")));
        assert_eq!(orphan_commission(d("800"), false), (d("800"), d("0")));
        assert_eq!(orphan_commission(d("333.33"), true).1, d("33.33"));
    }
}
