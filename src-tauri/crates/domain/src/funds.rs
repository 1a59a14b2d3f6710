//! 营销活动基金 (seed 002, part two): what the branch's two funds accrue each month, and their
//! ledger. Each month's money may be used in the month it accrued and the two after (当月产生、3个月
//! 内使用), oldest first; what is left after that expires. A fund never goes below zero: a use
//! larger than what is available is refused, naming the month.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Months a month's money may be used in, counting the month it accrued.
pub const FUND_LIFE: usize = 3;

/// 公司客户交往活动基金 (1.2): 1% of the branch's completed amount for the month.
pub fn client_fund(completed: Decimal) -> Decimal {
    (completed * Decimal::new(1, 2)).round_dp(2)
}

/// 公司活动基金 (2.2.1), by the month's achievement rate (completed ÷ target): below 65% none;
/// from 65% 0.25%, from 75% 0.4%, from 85% 0.5% of the completed amount (decided: "65%以上"
/// includes 65%, as 以上 does in Chinese rules). No target, no rate: none.
pub fn activity_fund(completed: Decimal, target: Decimal) -> Decimal {
    if target <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let rate = completed / target;
    let pct = |n: i64| Decimal::new(n, 2);
    let share = if rate >= pct(85) {
        Decimal::new(5, 3)
    } else if rate >= pct(75) {
        Decimal::new(4, 3)
    } else if rate >= pct(65) {
        Decimal::new(25, 4)
    } else {
        Decimal::ZERO
    };
    (completed * share).round_dp(2)
}

/// One month of a fund's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FundMonth {
    pub month: usize,
    #[ts(type = "string")]
    pub accrued: Decimal,
    #[ts(type = "string")]
    pub used: Decimal,
    /// Money of the month three months back, unused, gone at this month's end.
    #[ts(type = "string")]
    pub expired: Decimal,
    /// What is left at the month's end.
    #[ts(type = "string")]
    pub balance: Decimal,
    /// Of the balance, what expires at the end of next month (to spend first).
    #[ts(type = "string")]
    pub expiring_next: Decimal,
}

/// A use larger than what the fund holds that month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Overdrawn {
    pub month: usize,
    #[ts(type = "string")]
    pub used: Decimal,
    #[ts(type = "string")]
    pub available: Decimal,
}

/// The ledger of `(accrued, used)` per month, using the oldest money first.
pub fn fund_ledger(months: &[(Decimal, Decimal)]) -> Result<Vec<FundMonth>, Overdrawn> {
    // What is left of each month's money, by the month it accrued.
    let mut lots: Vec<(usize, Decimal)> = Vec::new();
    let mut out = Vec::with_capacity(months.len());
    for (i, &(accrued, used)) in months.iter().enumerate() {
        lots.push((i, accrued));
        let available: Decimal = lots.iter().map(|l| l.1).sum();
        if used > available || used < Decimal::ZERO {
            return Err(Overdrawn {
                month: i,
                used,
                available,
            });
        }
        let mut left = used;
        for lot in lots.iter_mut() {
            let take = left.min(lot.1);
            lot.1 -= take;
            left -= take;
        }
        // Money whose last month this was.
        let expired: Decimal = lots
            .iter()
            .filter(|l| l.0 + FUND_LIFE <= i + 1)
            .map(|l| l.1)
            .sum();
        lots.retain(|l| l.0 + FUND_LIFE > i + 1 && l.1 > Decimal::ZERO);
        out.push(FundMonth {
            month: i,
            accrued,
            used,
            expired,
            balance: lots.iter().map(|l| l.1).sum(),
            expiring_next: lots
                .iter()
                .filter(|l| l.0 + FUND_LIFE == i + 2)
                .map(|l| l.1)
                .sum(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_funds_accrue_by_the_seeds_rates() {
        assert_eq!(client_fund(d("1234567")), d("12345.67"));
        // 达成率 64.9% none; 65% 0.25%; 75% 0.4%; 85% and above 0.5%.
        assert_eq!(activity_fund(d("649000"), d("1000000")), d("0"));
        assert_eq!(activity_fund(d("650000"), d("1000000")), d("1625.00"));
        assert_eq!(activity_fund(d("750000"), d("1000000")), d("3000.00"));
        assert_eq!(activity_fund(d("850000"), d("1000000")), d("4250.00"));
        assert_eq!(activity_fund(d("1200000"), d("1000000")), d("6000.00"));
        assert_eq!(activity_fund(d("1200000"), d("0")), d("0"));
    }

    #[test]
    fn money_unused_for_three_months_expires_oldest_first() {
        let m = |a: &str, u: &str| (d(a), d(u));
        // January's 1,000 can be used in January, February and March; 400 of it is used in
        // February (the oldest first, before February's own), the other 600 expires at the end
        // of March. February's 500 is used in April.
        let l =
            fund_ledger(&[m("1000", "0"), m("500", "400"), m("0", "0"), m("0", "500")]).unwrap();
        assert_eq!(l[1].balance, d("1100"));
        assert_eq!(
            l[1].expiring_next,
            d("600"),
            "January's rest goes at the end of March"
        );
        assert_eq!(l[2].expired, d("600"));
        assert_eq!(l[2].balance, d("500"));
        assert_eq!(l[3].balance, d("0"));
        assert_eq!(l[3].expired, d("0"));
        // At the end of January nothing expires next month; at the end of February, January's
        // money does.
        let l = fund_ledger(&[m("1000", "0"), m("500", "0")]).unwrap();
        assert_eq!(l[0].expiring_next, d("0"));
        assert_eq!(l[1].expiring_next, d("1000"));
    }

    #[test]
    fn a_use_beyond_what_the_fund_holds_is_refused_naming_the_month() {
        let m = |a: &str, u: &str| (d(a), d(u));
        let e = fund_ledger(&[m("1000", "0"), m("0", "0"), m("0", "0"), m("0", "1")]).unwrap_err();
        assert_eq!(
            (e.month, e.available),
            (3, d("0")),
            "January's money expired in March"
        );
        assert_eq!(fund_ledger(&[m("10", "-1")]).unwrap_err().month, 0);
    }

    #[test]
    fn a_fund_never_goes_negative_and_every_yuan_is_accounted_for() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..500 {
            let months: Vec<(Decimal, Decimal)> = (0..12)
                .map(|_| (Decimal::from(next(1000)), Decimal::from(next(800))))
                .collect();
            // Uses as given, or as much as the fund held when one is too large.
            let mut ok = Vec::new();
            for &(a, u) in &months {
                ok.push((a, u));
                if fund_ledger(&ok).is_err() {
                    ok.pop();
                    ok.push((a, Decimal::ZERO));
                }
            }
            let l = fund_ledger(&ok).unwrap();
            let mut balance = Decimal::ZERO;
            for (m, &(a, u)) in l.iter().zip(&ok) {
                assert!(m.balance >= Decimal::ZERO && m.expired >= Decimal::ZERO);
                balance = balance + a - u - m.expired;
                assert_eq!(balance, m.balance, "accrued − used − expired = balance");
            }
        }
    }
}
