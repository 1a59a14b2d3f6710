//! Assessment periods: a month (`2016-07`), a quarter (`2016-Q3`) or a year (`2016`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year { year: i32 },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a period: {0:?} (expected YYYY-MM, YYYY-Qn or YYYY)")]
pub struct PeriodError(pub String);

impl Period {
    pub fn month(year: i32, month: u32) -> Option<Period> {
        (1..=12)
            .contains(&month)
            .then_some(Period::Month { year, month })
    }

    pub fn year(&self) -> i32 {
        match *self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year { year } => {
                year
            }
        }
    }

    /// The months this period covers, in order.
    pub fn months(&self) -> Vec<Period> {
        let (year, from, to) = match *self {
            Period::Month { year, month } => (year, month, month),
            Period::Quarter { year, quarter } => (year, quarter * 3 - 2, quarter * 3),
            Period::Year { year } => (year, 1, 12),
        };
        (from..=to)
            .map(|month| Period::Month { year, month })
            .collect()
    }

    /// The month that follows this one (only meaningful for months).
    pub fn next_month(&self) -> Option<Period> {
        match *self {
            Period::Month { year, month: 12 } => Some(Period::Month {
                year: year + 1,
                month: 1,
            }),
            Period::Month { year, month } => Some(Period::Month {
                year,
                month: month + 1,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year { year } => write!(f, "{year:04}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodError(s.to_string());
        let t = s.trim();
        let year_of = |y: &str| -> Result<i32, PeriodError> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        match t.split_once('-') {
            None => Ok(Period::Year { year: year_of(t)? }),
            Some((y, rest)) => {
                let year = year_of(y)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    match q {
                        "1" | "2" | "3" | "4" => Ok(Period::Quarter {
                            year,
                            quarter: q.parse().map_err(|_| err())?,
                        }),
                        _ => Err(err()),
                    }
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    let month = rest.parse().map_err(|_| err())?;
                    Period::month(year, month).ok_or_else(err)
                } else {
                    Err(err())
                }
            }
        }
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

    #[test]
    fn parses_and_prints() {
        for s in ["2016-07", "2016-Q3", "2016", "2016-12", "2016-01"] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), s);
        }
        assert_eq!("2016-q4".parse::<Period>().unwrap().to_string(), "2016-Q4");
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
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should not parse");
        }
    }

    #[test]
    fn months_of_periods() {
        let q3: Period = "2016-Q3".parse().unwrap();
        let names: Vec<String> = q3.months().iter().map(|p| p.to_string()).collect();
        assert_eq!(names, ["2016-07", "2016-08", "2016-09"]);
        assert_eq!("2016".parse::<Period>().unwrap().months().len(), 12);
        let dec: Period = "2016-12".parse().unwrap();
        assert_eq!(dec.next_month().unwrap().to_string(), "2017-01");
    }
}
