//! Working days, for deadlines.

use chrono::{Datelike, NaiveDate};

/// The deadline for handling a document received on `received`: `days` later, counting only
/// Monday to Friday when `working`. (Public holidays are not known to the program yet.)
pub fn handling_due(received: NaiveDate, days: u32, working: bool) -> NaiveDate {
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
        if d.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::handling_due;
    use chrono::NaiveDate;

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
}
