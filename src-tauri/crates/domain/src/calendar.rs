//! 工作日: Monday to Friday, less the statutory holidays, plus the 调休 make-up workdays, as the
//! State Council's yearly notice on holiday arrangements (国务院办公厅关于部分节假日安排的通知)
//! publishes them. Shipped as data for the years the demo uses and the current one; a year not
//! here counts Monday to Friday only.

use chrono::{Datelike, NaiveDate};

/// A month and a day.
type Md = (u32, u32);

/// One year's notice: the days off (inclusive ranges, weekends within them included) and the
/// weekend days worked instead (调休上班).
struct Year {
    year: i32,
    off: &'static [(Md, Md)],
    worked: &'static [Md],
}

/// 国务院办公厅关于2016年、2017年、2026年部分节假日安排的通知.
const YEARS: &[Year] = &[
    Year {
        year: 2016,
        off: &[
            ((1, 1), (1, 3)),   // 元旦
            ((2, 7), (2, 13)),  // 春节
            ((4, 2), (4, 4)),   // 清明节
            ((4, 30), (5, 2)),  // 劳动节
            ((6, 9), (6, 11)),  // 端午节
            ((9, 15), (9, 17)), // 中秋节
            ((10, 1), (10, 7)), // 国庆节
        ],
        worked: &[(2, 6), (2, 14), (6, 12), (9, 18), (10, 8), (10, 9)],
    },
    Year {
        year: 2017,
        off: &[
            ((1, 1), (1, 2)),   // 元旦
            ((1, 27), (2, 2)),  // 春节
            ((4, 2), (4, 4)),   // 清明节
            ((4, 29), (5, 1)),  // 劳动节
            ((5, 28), (5, 30)), // 端午节
            ((10, 1), (10, 8)), // 国庆节、中秋节
        ],
        worked: &[(1, 22), (2, 4), (4, 1), (5, 27), (9, 30)],
    },
    Year {
        year: 2026,
        off: &[
            ((1, 1), (1, 3)),   // 元旦
            ((2, 15), (2, 23)), // 春节
            ((4, 4), (4, 6)),   // 清明节
            ((5, 1), (5, 5)),   // 劳动节
            ((6, 19), (6, 21)), // 端午节
            ((9, 25), (9, 27)), // 中秋节
            ((10, 1), (10, 7)), // 国庆节
        ],
        worked: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

/// A day headquarters published: off, or a weekend day worked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CalendarDay {
    /// YYYY-MM-DD
    pub day: String,
    pub working: bool,
    /// 元旦, 春节调休上班, …
    pub note: String,
}

/// The shipped notices with the days headquarters published on top of them (a year's notice
/// not shipped yet, a change to one): `(day, working)` pairs, a published day winning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    published: std::collections::BTreeMap<NaiveDate, bool>,
}

impl Calendar {
    pub fn with(days: impl IntoIterator<Item = (NaiveDate, bool)>) -> Calendar {
        Calendar {
            published: days.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.published
            .get(&d)
            .copied()
            .unwrap_or_else(|| is_working_day(d))
    }

    /// [`handling_due`] counted with this calendar.
    pub fn handling_due(&self, received: NaiveDate, days: u32, working: bool) -> NaiveDate {
        due(received, days, working, |d| self.is_working_day(d))
    }
}

/// Whether the shipped notices make `d` a working day: a 调休 weekend day worked, or Monday to
/// Friday outside the statutory holidays.
pub fn is_working_day(d: NaiveDate) -> bool {
    let md = (d.month(), d.day());
    if let Some(y) = YEARS.iter().find(|y| y.year == d.year()) {
        if y.worked.contains(&md) {
            return true;
        }
        if y.off.iter().any(|(from, to)| (*from..=*to).contains(&md)) {
            return false;
        }
    }
    d.weekday().number_from_monday() <= 5
}

/// The deadline for handling a document received on `received`: `days` later, counting only
/// working days when `working` (holidays and 调休 included), else calendar days.
pub fn handling_due(received: NaiveDate, days: u32, working: bool) -> NaiveDate {
    due(received, days, working, is_working_day)
}

fn due(
    received: NaiveDate,
    days: u32,
    working: bool,
    is_working_day: impl Fn(NaiveDate) -> bool,
) -> NaiveDate {
    if !working {
        return received
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
    }
    let mut d = received;
    let mut left = days;
    while left > 0 {
        let Some(next) = d.succ_opt() else {
            return NaiveDate::MAX;
        };
        d = next;
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_days_working_or_calendar() {
        assert_eq!(handling_due(d("2016-12-05"), 3, true), d("2016-12-08")); // Mon → Thu
        assert_eq!(handling_due(d("2016-12-02"), 3, true), d("2016-12-07")); // Fri → Wed
        assert_eq!(handling_due(d("2016-12-03"), 3, true), d("2016-12-07")); // Sat → Wed
        assert_eq!(handling_due(d("2016-12-02"), 3, false), d("2016-12-05"));
    }

    /// Seed 004's three working days across the 2016 National Day holiday (10-01 to 10-07 off,
    /// Saturday 10-08 and Sunday 10-09 worked) and the Mid-Autumn 调休 Sunday (09-18 worked).
    #[test]
    fn deadlines_across_national_day_and_a_make_up_workday() {
        // Received Thursday 09-29: Fri 09-30 (1), holiday to 10-07, Sat 10-08 (2), Sun 10-09 (3).
        assert_eq!(handling_due(d("2016-09-29"), 3, true), d("2016-10-09"));
        // Received on the holiday's first day: the first working day after it counts first.
        assert_eq!(handling_due(d("2016-10-01"), 3, true), d("2016-10-10"));
        // Received Wednesday 09-14: Mid-Autumn 09-15 to 09-17 off, Sun 09-18 worked (1), Mon (2), Tue (3).
        assert_eq!(handling_due(d("2016-09-14"), 3, true), d("2016-09-20"));
        assert!(is_working_day(d("2016-10-08")) && !is_working_day(d("2016-10-03")));
        assert!(!is_working_day(d("2017-01-02")), "元旦 补休 Monday");
        assert!(is_working_day(d("2017-01-22")), "春节 调休 Sunday");
        assert!(!is_working_day(d("2026-02-16")) && is_working_day(d("2026-02-28")));
    }

    /// A year not shipped (2027) counts Monday to Friday until headquarters publishes its
    /// notice; a published day wins over a shipped one.
    #[test]
    fn published_days_override_the_shipped_notices() {
        let cal = Calendar::with([
            (d("2027-01-01"), false), // 元旦, a Friday
            (d("2027-02-06"), true),  // a Saturday worked
            (d("2016-10-08"), false), // a correction of a shipped day
        ]);
        assert!(
            is_working_day(d("2027-01-01")),
            "not shipped: a Friday works"
        );
        assert!(!cal.is_working_day(d("2027-01-01")));
        assert!(cal.is_working_day(d("2027-02-06")));
        assert!(!cal.is_working_day(d("2016-10-08")));
        // Received Thursday 2026-12-31: 元旦 off, the weekend, due Tuesday 01-05 not Monday.
        assert_eq!(cal.handling_due(d("2026-12-31"), 2, true), d("2027-01-05"));
        assert_eq!(handling_due(d("2026-12-31"), 2, true), d("2027-01-04"));
        assert_eq!(
            Calendar::default().handling_due(d("2016-09-29"), 3, true),
            d("2016-10-09")
        );
    }

    /// Each year's notice is consistent: the days worked fall on weekends and outside the days
    /// off, and every year's ranges are in order.
    #[test]
    fn the_shipped_notices_are_consistent() {
        for y in YEARS {
            for &(m, day) in y.worked {
                let w = NaiveDate::from_ymd_opt(y.year, m, day).unwrap();
                assert!(
                    w.weekday().number_from_monday() >= 6,
                    "{w} worked but not a weekend day"
                );
                assert!(is_working_day(w));
            }
            for &(from, to) in y.off {
                let a = NaiveDate::from_ymd_opt(y.year, from.0, from.1).unwrap();
                let b = NaiveDate::from_ymd_opt(y.year, to.0, to.1).unwrap();
                assert!(a <= b && (b - a).num_days() < 10, "{a}..{b}");
                let mut x = a;
                while x <= b {
                    assert!(!is_working_day(x), "{x} should be off");
                    x = x.succ_opt().unwrap();
                }
            }
        }
    }
}
