//! The monitoring board (经营监控, seed 000's 实施监控 and 风险预警): one row per unit with a
//! light per check and the reason for each. The rules here are pure: they turn the figures the
//! application gathers into lights at thresholds people can change in 设置.
//!
//! A check without the data to judge it is `Missing`, never green: a unit that entered nothing
//! does not look on track.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// A light on the board.
    pub enum Light {
        Red = "red", "预警", "Warning";
        Amber = "amber", "关注", "Watch";
        /// Nothing to judge the check by (no running plan, no figures).
        Missing = "missing", "无数据", "No data";
        Green = "green", "正常", "On track";
    }

    /// What a light is about.
    pub enum Check {
        Plans = "plans", "计划进度", "Plan progress";
        Overdue = "overdue", "逾期事项", "Overdue items";
        Kpi = "kpi", "考核得分", "KPI score";
        Figures = "figures", "考核数据", "KPI figures";
        Submissions = "submissions", "合规报送", "Compliant submissions";
        Docs = "docs", "收文办理", "Incoming documents";
        Bundle = "bundle", "同步包", "Bundles";
    }

    /// Where a follow-up of a warning (督办) stands.
    pub enum FollowupState {
        /// Waiting for the unit's report, before its due date.
        Open = "open", "待答复", "Waiting for the unit";
        /// Past its due date without a report for this round.
        Overdue = "overdue", "逾期未答复", "Overdue";
        /// The unit reported; headquarters closes it or returns it.
        Reported = "reported", "已答复待办结", "Reported, to close";
        Closed = "closed", "已办结", "Closed";
    }
}

/// A follow-up's state on `today`: closed once headquarters closed it; reported when the unit's
/// report answers the current round (a return opens the next one, so an earlier report no
/// longer counts); otherwise open until its due date and overdue after it. Rounds, not
/// timestamps, decide: the two sites' clocks need not agree.
pub fn followup_state(
    closed: bool,
    round: i64,
    reported_round: Option<i64>,
    due: NaiveDate,
    today: NaiveDate,
) -> FollowupState {
    if closed {
        FollowupState::Closed
    } else if reported_round == Some(round) {
        FollowupState::Reported
    } else if today > due {
        FollowupState::Overdue
    } else {
        FollowupState::Open
    }
}

impl Light {
    /// Most urgent first: red, amber, no data, green (the board's order).
    pub fn urgency(self) -> u8 {
        match self {
            Light::Red => 0,
            Light::Amber => 1,
            Light::Missing => 2,
            Light::Green => 3,
        }
    }

    /// The row's light: the worst judged light; `Missing` only when nothing could be judged.
    pub fn of_row(lights: impl IntoIterator<Item = Light>) -> Light {
        lights
            .into_iter()
            .filter(|l| *l != Light::Missing)
            .min_by_key(|l| l.urgency())
            .unwrap_or(Light::Missing)
    }

    fn worst(self, other: Light) -> Light {
        if other.urgency() < self.urgency() {
            other
        } else {
            self
        }
    }
}

/// Where the lights change (设置 → 经营监控). Whole numbers: points, percent, days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct BoardThresholds {
    /// A plan this many points behind the share of its period elapsed is amber…
    pub plan_amber: u32,
    /// …and red when more than this many behind (issue 19: amber 5–10, red beyond 10).
    pub plan_red: u32,
    /// Any overdue item is amber; one overdue by more than this many days is red.
    pub overdue_red_days: u32,
    /// A KPI total below this percent of the scheme's points is amber…
    pub kpi_amber_below: u32,
    /// …and below this percent red.
    pub kpi_red_below: u32,
    /// A total fallen by this many points since the previous period is amber…
    pub kpi_fall_amber: u32,
    /// …and by this many red.
    pub kpi_fall_red: u32,
    /// Compliant submissions a month (seed 001: at least 5); none at all is red.
    pub submissions: u32,
    /// Days since a unit's last bundle arrived: amber from this many…
    pub silence_amber_days: u32,
    /// …red from this many (and red when none ever arrived).
    pub silence_red_days: u32,
}

impl Default for BoardThresholds {
    fn default() -> Self {
        BoardThresholds::DEFAULT
    }
}

impl BoardThresholds {
    /// As shipped: issue 19's amber 5–10 points behind, seed 001's five submissions.
    pub const DEFAULT: BoardThresholds = BoardThresholds {
        plan_amber: 5,
        plan_red: 10,
        overdue_red_days: 15,
        kpi_amber_below: 70,
        kpi_red_below: 60,
        kpi_fall_amber: 5,
        kpi_fall_red: 10,
        submissions: 5,
        silence_amber_days: 14,
        silence_red_days: 30,
    };

    /// What is wrong with a set of thresholds, in Chinese and English, or `None`.
    pub fn problem(&self) -> Option<(String, String)> {
        let pairs = [
            (self.plan_amber, self.plan_red, "计划落后", "plan behind"),
            (
                self.kpi_fall_amber,
                self.kpi_fall_red,
                "得分下降",
                "KPI fall",
            ),
            (
                self.silence_amber_days,
                self.silence_red_days,
                "未收到同步包天数",
                "days without a bundle",
            ),
        ];
        for (amber, red, zh, en) in pairs {
            if amber > red {
                return Some((
                    format!("{zh}的“关注”阈值（{amber}）不能大于“预警”阈值（{red}）。"),
                    format!(
                        "The amber threshold for {en} ({amber}) cannot exceed the red one ({red})."
                    ),
                ));
            }
        }
        if self.kpi_red_below > self.kpi_amber_below || self.kpi_amber_below > 100 {
            return Some((
                format!(
                    "考核得分阈值须满足 预警（{}%）≤ 关注（{}%）≤ 100%。",
                    self.kpi_red_below, self.kpi_amber_below
                ),
                format!(
                    "KPI thresholds must satisfy red ({}%) ≤ amber ({}%) ≤ 100%.",
                    self.kpi_red_below, self.kpi_amber_below
                ),
            ));
        }
        if !(1..=31).contains(&self.submissions) {
            return Some((
                format!(
                    "每月合规报送篇数须在 1 到 31 之间（现为 {}）。",
                    self.submissions
                ),
                format!(
                    "Submissions a month must be 1 to 31 (not {}).",
                    self.submissions
                ),
            ));
        }
        if self.plan_red > 100 || self.overdue_red_days > 365 || self.silence_red_days > 365 {
            return Some((
                "计划阈值不超过 100 个百分点，天数不超过 365 天。".into(),
                "Plan thresholds are at most 100 points, days at most 365.".into(),
            ));
        }
        None
    }
}

/// Percent of a period's days gone by on `as_of` (the day itself counted), 0–100.
pub fn elapsed_pct(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Decimal {
    let total = (end - start).num_days() + 1;
    if total <= 0 || as_of < start {
        return Decimal::ZERO;
    }
    let gone = ((as_of - start).num_days() + 1).min(total);
    (Decimal::from(gone) * Decimal::ONE_HUNDRED / Decimal::from(total)).round_dp(2)
}

/// A plan's light from how many points its progress is behind the time elapsed: amber from
/// `plan_amber` up to and including `plan_red`, red beyond.
pub fn plan_light(behind: Decimal, t: &BoardThresholds) -> Light {
    if behind > Decimal::from(t.plan_red) {
        Light::Red
    } else if behind >= Decimal::from(t.plan_amber) {
        Light::Amber
    } else {
        Light::Green
    }
}

/// Overdue items (action items, milestones, incoming documents) from the most days any is
/// overdue: none is green, any amber, more than `overdue_red_days` red.
pub fn overdue_light(most_days: i64, t: &BoardThresholds) -> Light {
    if most_days > i64::from(t.overdue_red_days) {
        Light::Red
    } else if most_days > 0 {
        Light::Amber
    } else {
        Light::Green
    }
}

/// A KPI total (`pct` of the scheme's points) and its fall since the previous period
/// (`fall` in points, positive when it fell): the worse of the two lights.
pub fn kpi_light(pct: Decimal, fall: Option<Decimal>, t: &BoardThresholds) -> Light {
    let level = if pct < Decimal::from(t.kpi_red_below) {
        Light::Red
    } else if pct < Decimal::from(t.kpi_amber_below) {
        Light::Amber
    } else {
        Light::Green
    };
    let trend = match fall {
        Some(f) if f >= Decimal::from(t.kpi_fall_red) => Light::Red,
        Some(f) if f >= Decimal::from(t.kpi_fall_amber) => Light::Amber,
        _ => Light::Green,
    };
    level.worst(trend)
}

/// Figures missing: the month before the current one should be complete (red when not); the
/// current month is being entered (amber while incomplete).
pub fn figures_light(missing_last_month: usize, missing_this_month: usize) -> Light {
    if missing_last_month > 0 {
        Light::Red
    } else if missing_this_month > 0 {
        Light::Amber
    } else {
        Light::Green
    }
}

/// Compliant submissions in a finished month: none red, fewer than required amber; no figure
/// at all is missing.
pub fn submissions_light(n: Option<Decimal>, t: &BoardThresholds) -> Light {
    match n {
        None => Light::Missing,
        Some(n) if n <= Decimal::ZERO => Light::Red,
        Some(n) if n < Decimal::from(t.submissions) => Light::Amber,
        Some(_) => Light::Green,
    }
}

/// Days since a unit's last bundle arrived (`None`: none ever did).
pub fn silence_light(days: Option<i64>, t: &BoardThresholds) -> Light {
    match days {
        None => Light::Red,
        Some(d) if d >= i64::from(t.silence_red_days) => Light::Red,
        Some(d) if d >= i64::from(t.silence_amber_days) => Light::Amber,
        Some(_) => Light::Green,
    }
}

/// One light of a row with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Signal {
    pub check: Check,
    pub light: Light,
    /// Why, in the user's language, with the figures: "「…」进度 60%，时间已过 99%".
    pub reason: String,
    /// The page that shows the records behind it, and the record to open there.
    pub page: String,
    pub open_id: Option<String>,
}

/// One unit on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BoardRow {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    /// The unit above it, to tell a city branch's sub-branches from another's.
    pub parent_name: String,
    /// The worst of its judged lights.
    pub light: Light,
    pub signals: Vec<Signal>,
}

/// The board on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Board {
    pub as_of: String,
    /// The month being entered (`current_period`) and the finished month judged before it.
    pub month: String,
    pub last_month: String,
    pub thresholds: BoardThresholds,
    /// Most urgent first.
    pub rows: Vec<BoardRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_followup_is_reported_only_for_its_current_round() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let due = d("2016-12-20");
        use FollowupState::*;
        assert_eq!(followup_state(false, 1, None, due, d("2016-12-20")), Open);
        assert_eq!(
            followup_state(false, 1, None, due, d("2016-12-21")),
            Overdue
        );
        assert_eq!(
            followup_state(false, 1, Some(1), due, d("2016-12-25")),
            Reported
        );
        // Returned: round 2, the round-1 report no longer answers it.
        assert_eq!(
            followup_state(false, 2, Some(1), due, d("2016-12-19")),
            Open
        );
        assert_eq!(
            followup_state(false, 2, Some(1), due, d("2016-12-21")),
            Overdue
        );
        assert_eq!(
            followup_state(true, 2, Some(1), due, d("2016-12-21")),
            Closed
        );
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// The rules at the thresholds as shipped.
    const T: BoardThresholds = BoardThresholds::DEFAULT;

    #[test]
    fn plan_light_is_amber_from_5_to_10_points_behind_and_red_beyond() {
        assert_eq!(plan_light(d("-20"), &T), Light::Green, "ahead of time");
        assert_eq!(plan_light(d("4.99"), &T), Light::Green);
        assert_eq!(
            plan_light(d("5"), &T),
            Light::Amber,
            "5 is amber (inclusive)"
        );
        assert_eq!(plan_light(d("10"), &T), Light::Amber, "10 is still amber");
        assert_eq!(plan_light(d("10.01"), &T), Light::Red, "beyond 10 is red");
    }

    #[test]
    fn elapsed_share_counts_the_day_itself() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let (a, b) = (day("2016-01-01"), day("2016-12-31"));
        assert_eq!(elapsed_pct(a, b, day("2016-12-31")), d("100"));
        assert_eq!(
            elapsed_pct(a, b, day("2017-03-01")),
            d("100"),
            "never past 100"
        );
        assert_eq!(elapsed_pct(a, b, day("2015-12-31")), d("0"), "not begun");
        // 2016 has 366 days; 28 December is day 363.
        assert_eq!(elapsed_pct(a, b, day("2016-12-28")), d("99.18"));
        assert_eq!(
            elapsed_pct(day("2016-10-01"), day("2016-12-31"), day("2016-11-15")),
            d("50.00")
        );
    }

    #[test]
    fn overdue_is_amber_at_once_and_red_after_the_days_allowed() {
        assert_eq!(overdue_light(0, &T), Light::Green);
        assert_eq!(overdue_light(1, &T), Light::Amber);
        assert_eq!(
            overdue_light(15, &T),
            Light::Amber,
            "15 days is the edge, still amber"
        );
        assert_eq!(overdue_light(16, &T), Light::Red);
    }

    #[test]
    fn kpi_light_takes_the_worse_of_level_and_fall() {
        assert_eq!(
            kpi_light(d("70"), None, &T),
            Light::Green,
            "70% is not below 70"
        );
        assert_eq!(kpi_light(d("69.99"), None, &T), Light::Amber);
        assert_eq!(
            kpi_light(d("60"), None, &T),
            Light::Amber,
            "60% is not below 60"
        );
        assert_eq!(kpi_light(d("59.99"), None, &T), Light::Red);
        assert_eq!(kpi_light(d("90"), Some(d("4.99")), &T), Light::Green);
        assert_eq!(
            kpi_light(d("90"), Some(d("5")), &T),
            Light::Amber,
            "a fall of 5"
        );
        assert_eq!(
            kpi_light(d("90"), Some(d("10")), &T),
            Light::Red,
            "a fall of 10"
        );
        assert_eq!(
            kpi_light(d("65"), Some(d("-8")), &T),
            Light::Amber,
            "a rise does not help the level"
        );
        assert_eq!(kpi_light(d("50"), Some(d("5")), &T), Light::Red);
    }

    #[test]
    fn figures_missing_last_month_are_red_this_month_amber() {
        assert_eq!(figures_light(0, 0), Light::Green);
        assert_eq!(figures_light(0, 3), Light::Amber);
        assert_eq!(figures_light(1, 0), Light::Red);
    }

    #[test]
    fn submissions_below_five_are_amber_none_red_no_figure_missing() {
        assert_eq!(submissions_light(Some(d("5")), &T), Light::Green);
        assert_eq!(submissions_light(Some(d("4")), &T), Light::Amber);
        assert_eq!(submissions_light(Some(d("1")), &T), Light::Amber);
        assert_eq!(submissions_light(Some(d("0")), &T), Light::Red);
        assert_eq!(
            submissions_light(None, &T),
            Light::Missing,
            "no figure is not green"
        );
    }

    #[test]
    fn silence_counts_days_and_never_is_red() {
        assert_eq!(silence_light(Some(13), &T), Light::Green);
        assert_eq!(silence_light(Some(14), &T), Light::Amber);
        assert_eq!(silence_light(Some(29), &T), Light::Amber);
        assert_eq!(silence_light(Some(30), &T), Light::Red);
        assert_eq!(
            silence_light(None, &T),
            Light::Red,
            "enrolled but never sent"
        );
    }

    #[test]
    fn a_row_is_its_worst_judged_light_and_missing_only_when_nothing_was_judged() {
        use Light::*;
        assert_eq!(Light::of_row([Green, Missing, Amber]), Amber);
        assert_eq!(Light::of_row([Green, Missing]), Green);
        assert_eq!(Light::of_row([Missing, Missing]), Missing);
        assert_eq!(Light::of_row([Amber, Red, Green]), Red);
        assert_eq!(Light::of_row([]), Missing);
    }

    #[test]
    fn thresholds_out_of_order_are_refused_by_name() {
        assert_eq!(BoardThresholds::default().problem(), None);
        let bad = BoardThresholds {
            plan_amber: 12,
            ..T
        };
        assert!(bad.problem().unwrap().0.contains("计划落后"));
        let bad = BoardThresholds {
            kpi_red_below: 80,
            ..T
        };
        assert!(bad.problem().unwrap().1.contains("red (80%)"));
        let bad = BoardThresholds {
            submissions: 0,
            ..T
        };
        assert!(bad.problem().is_some());
    }
}
