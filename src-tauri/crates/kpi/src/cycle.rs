//! The cycle after the score (DOMAIN.md §8): the appeal window, the time headquarters has to
//! rule on an appeal, and when a locked period's rewards fall due.

use branchdesk_domain::Period;
use chrono::{Months, NaiveDate};

/// Seed 002: "一个月为申诉期".
pub const APPEAL_MONTHS: u32 = 1;
/// Seed 002: disputes are handled "10个工作日内".
pub const RULING_WORKING_DAYS: u32 = 10;

/// The last day a unit may confirm or appeal results published on `published`: the same day
/// `months` later (the month's last day when it has no such day: 31 January → 28 February).
pub fn respond_by(published: NaiveDate, months: u32) -> NaiveDate {
    published
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether results can still be answered on `today`: the window includes its last day.
pub fn may_respond(today: NaiveDate, respond_by: NaiveDate) -> bool {
    today <= respond_by
}

/// The day headquarters must rule on an appeal lodged on `appealed` by: ten working days later
/// (statutory holidays and 调休 make-up days counted as the calendar says).
pub fn ruling_due(appealed: NaiveDate) -> NaiveDate {
    branchdesk_domain::handling_due(appealed, RULING_WORKING_DAYS, true)
}

/// The month a locked period's rewards are paid in. Seed 001: "核对无误后于次月兑现": the month
/// after the results were found correct, which is the day they were locked; results locked
/// before their period ended are still paid only after it, in the month that follows it.
pub fn payout_due(period: &Period, locked_on: NaiveDate) -> Option<Period> {
    let after_lock = Period::month_of(locked_on).next()?;
    let after_period = period.months().last()?.next()?;
    Some(if after_lock.days().0 >= after_period.days().0 {
        after_lock
    } else {
        after_period
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_appeal_window_is_one_month_and_includes_its_last_day() {
        assert_eq!(respond_by(d("2017-01-10"), APPEAL_MONTHS), d("2017-02-10"));
        assert_eq!(respond_by(d("2017-01-31"), APPEAL_MONTHS), d("2017-02-28"));
        assert!(may_respond(d("2017-02-10"), d("2017-02-10")));
        assert!(!may_respond(d("2017-02-11"), d("2017-02-10")));
    }

    #[test]
    fn an_appeal_is_ruled_on_within_ten_working_days() {
        // Lodged Monday 2017-01-09: nine working days to Friday 01-20, and the tenth is Sunday
        // 01-22, worked before the Spring Festival (调休).
        assert_eq!(ruling_due(d("2017-01-09")), d("2017-01-22"));
        // Lodged Monday 2017-03-06, an ordinary fortnight: Monday 03-20.
        assert_eq!(ruling_due(d("2017-03-06")), d("2017-03-20"));
        // Lodged Friday 2016-09-30, before National Day (10-01..07 off, 10-08 and 10-09 worked):
        // 10-08, 10-09, 10-10 … 10-14 (7 days), 10-17, 10-18, 10-19.
        assert_eq!(ruling_due(d("2016-09-30")), d("2016-10-19"));
    }

    #[test]
    fn rewards_fall_due_the_month_after_the_lock() {
        // A year locked on 10 January is paid in February.
        assert_eq!(payout_due(&p("2016"), d("2017-01-10")), Some(p("2017-02")));
        // Locked on the last day of December: paid in January.
        assert_eq!(payout_due(&p("2016"), d("2016-12-31")), Some(p("2017-01")));
        // A quarter locked in mid-November: December.
        assert_eq!(
            payout_due(&p("2016-Q3"), d("2016-11-15")),
            Some(p("2016-12"))
        );
    }

    #[test]
    fn never_before_the_month_after_the_period() {
        // Locked early, on the period's own last days: still the month after the period.
        assert_eq!(
            payout_due(&p("2016-Q3"), d("2016-08-20")),
            Some(p("2016-10"))
        );
        assert_eq!(
            payout_due(&p("2016-09"), d("2016-09-30")),
            Some(p("2016-10"))
        );
    }
}
