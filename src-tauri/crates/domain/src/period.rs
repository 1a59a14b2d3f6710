//! Periods, the one place the program computes them: a month (`2016-07`), a quarter
//! (`2016-Q3`), a year (`2016`), an ISO week (`2016-W49`) or a three-year span (`2016-2018`).
//! KPI scoring uses months, quarters and years; plans use every form, one per plan level.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Lang;

/// The years a period may lie in. Anything outside is a typing mistake, not a plan.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    /// An ISO week (Monday to Sunday) of an ISO week-year.
    Week {
        year: i32,
        week: u32,
    },
    /// `from` to `from + 2`, whole years.
    ThreeYears {
        from: i32,
    },
}

/// How a period is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodForm {
    Month,
    Quarter,
    Year,
    Week,
    ThreeYears,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a period: {0:?} (expected YYYY-MM, YYYY-Qn, YYYY, YYYY-Wnn or YYYY-YYYY)")]
pub struct PeriodError(pub String);

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).and_then(|d| d.pred_opt())
}

impl Period {
    pub fn month(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && YEARS.contains(&year))
            .then_some(Period::Month { year, month })
    }

    /// The month a day falls in.
    pub fn month_of(day: NaiveDate) -> Period {
        Period::Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// Parses `s` written in `form` only (a plan level's period, a KPI month).
    pub fn parse_as(s: &str, form: PeriodForm) -> Result<Period, PeriodError> {
        s.parse::<Period>()
            .ok()
            .filter(|p| p.form() == form)
            .ok_or_else(|| PeriodError(s.to_string()))
    }

    pub fn form(&self) -> PeriodForm {
        match self {
            Period::Month { .. } => PeriodForm::Month,
            Period::Quarter { .. } => PeriodForm::Quarter,
            Period::Year { .. } => PeriodForm::Year,
            Period::Week { .. } => PeriodForm::Week,
            Period::ThreeYears { .. } => PeriodForm::ThreeYears,
        }
    }

    /// The (first) year of the period.
    pub fn year(&self) -> i32 {
        match *self {
            Period::Month { year, .. }
            | Period::Quarter { year, .. }
            | Period::Year { year }
            | Period::Week { year, .. } => year,
            Period::ThreeYears { from } => from,
        }
    }

    /// The first and the last day.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        let days = match *self {
            Period::Month { year, month } => ymd(year, month, 1).zip(month_end(year, month)),
            Period::Quarter { year, quarter } => {
                ymd(year, quarter * 3 - 2, 1).zip(month_end(year, quarter * 3))
            }
            Period::Year { year } => ymd(year, 1, 1).zip(ymd(year, 12, 31)),
            Period::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
                    .and_then(|mon| Some((mon, mon.checked_add_days(chrono::Days::new(6))?)))
            }
            Period::ThreeYears { from } => ymd(from, 1, 1).zip(ymd(from + 2, 12, 31)),
        };
        // Every constructed period lies in YEARS, where each of these dates exists.
        days.unwrap_or((NaiveDate::MIN, NaiveDate::MIN))
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        let (a, b) = self.days();
        a <= day && day <= b
    }

    /// The months this period covers (a week: the months its days fall in), in order.
    pub fn months(&self) -> Vec<Period> {
        let (from, to) = self.days();
        let mut out = Vec::new();
        let mut m = Period::month_of(from);
        while let Period::Month { year, month } = m {
            if (year, month) > (to.year(), to.month()) {
                break;
            }
            out.push(m);
            match m.next() {
                Some(n) => m = n,
                None => break,
            }
        }
        out
    }

    /// The period of the same form that follows this one.
    pub fn next(&self) -> Option<Period> {
        self.shift(1)
    }

    /// The period of the same form before this one.
    pub fn previous(&self) -> Option<Period> {
        self.shift(-1)
    }

    fn shift(&self, by: i32) -> Option<Period> {
        let p = match *self {
            Period::Month { year, month } => {
                let n = year * 12 + month as i32 - 1 + by;
                Period::Month {
                    year: n.div_euclid(12),
                    month: n.rem_euclid(12) as u32 + 1,
                }
            }
            Period::Quarter { year, quarter } => {
                let n = year * 4 + quarter as i32 - 1 + by;
                Period::Quarter {
                    year: n.div_euclid(4),
                    quarter: n.rem_euclid(4) as u32 + 1,
                }
            }
            Period::Year { year } => Period::Year { year: year + by },
            Period::Week { .. } => {
                let (mon, _) = self.days();
                let d = mon.checked_add_signed(chrono::TimeDelta::weeks(i64::from(by)))?;
                let w = d.iso_week();
                Period::Week {
                    year: w.year(),
                    week: w.week(),
                }
            }
            Period::ThreeYears { from } => Period::ThreeYears {
                from: from + 3 * by,
            },
        };
        YEARS.contains(&p.year()).then_some(p)
    }

    /// The month after this one (for months only).
    pub fn next_month(&self) -> Option<Period> {
        matches!(self, Period::Month { .. })
            .then(|| self.next())
            .flatten()
    }

    /// As offices write it: 2016年7月, 2016年第三季度, 2016年度, 2016年第49周, 2016—2018年;
    /// Jul 2016, Q3 2016, 2016, Week 49 of 2016, 2016–2018.
    pub fn label(&self, lang: Lang) -> String {
        const Q: [&str; 4] = ["一", "二", "三", "四"];
        const M: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let zh = lang == Lang::Zh;
        match *self {
            Period::Month { year, month } if zh => format!("{year}年{month}月"),
            Period::Month { year, month } => format!("{} {year}", M[(month as usize - 1) % 12]),
            Period::Quarter { year, quarter } if zh => {
                format!("{year}年第{}季度", Q[(quarter as usize - 1) % 4])
            }
            Period::Quarter { year, quarter } => format!("Q{quarter} {year}"),
            Period::Year { year } if zh => format!("{year}年度"),
            Period::Year { year } => format!("{year}"),
            Period::Week { year, week } if zh => format!("{year}年第{week}周"),
            Period::Week { year, week } => format!("Week {week} of {year}"),
            Period::ThreeYears { from } if zh => format!("{from}—{}年", from + 2),
            Period::ThreeYears { from } => format!("{from}–{}", from + 2),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year { year } => write!(f, "{year:04}"),
            Period::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Period::ThreeYears { from } => write!(f, "{from:04}-{:04}", from + 2),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodError(s.to_string());
        let t = s.trim();
        let digits = |d: &str, n: usize| d.len() == n && d.bytes().all(|b| b.is_ascii_digit());
        let year_of = |y: &str| -> Result<i32, PeriodError> {
            if digits(y, 4) {
                y.parse().ok().filter(|y| YEARS.contains(y)).ok_or_else(err)
            } else {
                Err(err())
            }
        };
        let Some((y, rest)) = t.split_once('-') else {
            return Ok(Period::Year { year: year_of(t)? });
        };
        let year = year_of(y)?;
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            return match q {
                "1" | "2" | "3" | "4" => Ok(Period::Quarter {
                    year,
                    quarter: q.parse().map_err(|_| err())?,
                }),
                _ => Err(err()),
            };
        }
        if let Some(w) = rest.strip_prefix(['W', 'w']) {
            if !(digits(w, 2) || digits(w, 1)) {
                return Err(err());
            }
            let week: u32 = w.parse().map_err(|_| err())?;
            // Week 53 exists only in long ISO years.
            NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(err)?;
            return Ok(Period::Week { year, week });
        }
        if digits(rest, 4) {
            let to = year_of(rest)?;
            return if to == year + 2 {
                Ok(Period::ThreeYears { from: year })
            } else {
                Err(err())
            };
        }
        if digits(rest, 2) {
            let month = rest.parse().map_err(|_| err())?;
            return Period::month(year, month).ok_or_else(err);
        }
        Err(err())
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_and_prints() {
        for s in [
            "2016-07",
            "2016-Q3",
            "2016",
            "2016-12",
            "2016-01",
            "2016-W49",
            "2016-2018",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(p("2016-q4").to_string(), "2016-Q4");
        assert_eq!(p("2016-w5").to_string(), "2016-W05");
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "2016-13",
            "2016-00",
            "2016-Q5",
            "16-07",
            "2016-7",
            "",
            "abcd",
            "2016-07-01",
            "2016-2019",
            "2016-W54",
            "2016-W53", // 2016 has 52 ISO weeks
            "0000",
            "9999-01",
            "1899-12",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should not parse");
        }
        assert!("2015-W53".parse::<Period>().is_ok());
    }

    #[test]
    fn forms_are_told_apart() {
        assert_eq!(
            Period::parse_as("2016-07", PeriodForm::Month),
            Ok(p("2016-07"))
        );
        assert!(Period::parse_as("2016-Q3", PeriodForm::Month).is_err());
        assert!(Period::parse_as("2016", PeriodForm::ThreeYears).is_err());
    }

    #[test]
    fn days_of_every_form() {
        assert_eq!(p("2016-2018").days(), (d("2016-01-01"), d("2018-12-31")));
        assert_eq!(p("2016").days(), (d("2016-01-01"), d("2016-12-31")));
        assert_eq!(p("2016-Q4").days(), (d("2016-10-01"), d("2016-12-31")));
        assert_eq!(p("2016-02").days(), (d("2016-02-01"), d("2016-02-29")));
        assert_eq!(p("2016-W49").days(), (d("2016-12-05"), d("2016-12-11")));
        assert!(p("2016-W49").contains(d("2016-12-11")));
        assert!(!p("2016-W49").contains(d("2016-12-12")));
    }

    #[test]
    fn months_of_periods() {
        let names =
            |s: &str| -> Vec<String> { p(s).months().iter().map(|m| m.to_string()).collect() };
        assert_eq!(names("2016-Q3"), ["2016-07", "2016-08", "2016-09"]);
        assert_eq!(p("2016").months().len(), 12);
        assert_eq!(p("2016-2018").months().len(), 36);
        assert_eq!(names("2016-W48"), ["2016-11", "2016-12"]);
        assert_eq!(p("2016-12").next_month(), Some(p("2017-01")));
        assert_eq!(p("2016-Q1").next_month(), None);
    }

    #[test]
    fn next_and_previous() {
        assert_eq!(p("2016-01").previous(), Some(p("2015-12")));
        assert_eq!(p("2016-Q1").previous(), Some(p("2015-Q4")));
        assert_eq!(p("2016-Q4").next(), Some(p("2017-Q1")));
        assert_eq!(p("2016").previous(), Some(p("2015")));
        assert_eq!(p("2016-W52").next(), Some(p("2017-W01")));
        assert_eq!(p("2016-W01").previous(), Some(p("2015-W53")));
        assert_eq!(p("2016-2018").next(), Some(p("2019-2021")));
        assert_eq!(p("1900-01").previous(), None);
    }

    #[test]
    fn labels_as_offices_write_them() {
        assert_eq!(p("2016-07").label(Lang::Zh), "2016年7月");
        assert_eq!(p("2016-Q3").label(Lang::Zh), "2016年第三季度");
        assert_eq!(p("2016").label(Lang::Zh), "2016年度");
        assert_eq!(p("2016-07").label(Lang::En), "Jul 2016");
        assert_eq!(p("2016-Q3").label(Lang::En), "Q3 2016");
        assert_eq!(p("2016-W49").label(Lang::Zh), "2016年第49周");
        assert_eq!(p("2016-2018").label(Lang::Zh), "2016—2018年");
    }
}
