//! The cycle after the score (DOMAIN.md §8): when a locked period's rewards fall due.

use branchdesk_domain::Period;
use chrono::NaiveDate;

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
