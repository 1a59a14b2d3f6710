//! Which automatic backups to keep.
//!
//! The rule is restic's `--keep-daily D --keep-weekly W`: going from the newest backup back,
//! keep the newest backup of each of the last `daily` days that have one, and the newest of
//! each of the last `weekly` ISO weeks that have one; a backup kept by both rules counts for
//! both. Days without a backup (a laptop left shut over a holiday) do not use up the count, so
//! a week away never deletes the last good copies.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many automatic backups are kept (设置 → 备份与恢复).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Retention {
    pub daily: u32,
    pub weekly: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            daily: 7,
            weekly: 4,
        }
    }
}

/// For each backup taken at `taken[i]`, whether the rule keeps it.
pub fn kept(taken: &[NaiveDateTime], r: Retention) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]).then(b.cmp(a)));
    let mut keep = vec![false; taken.len()];
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    for i in order {
        let day = taken[i].date();
        if days.len() < r.daily as usize && days.insert(day) {
            keep[i] = true;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if weeks.len() < r.weekly as usize && weeks.insert(week) {
            keep[i] = true;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: &str, h: u32) -> NaiveDateTime {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    /// A laptop that made a backup every working day for eight weeks, as the app does at the
    /// first sign-in of a day, applying the rule after each one as the app does.
    #[test]
    fn sixty_days_of_backups_leave_the_last_week_and_four_weekly_copies() {
        let mut held: Vec<NaiveDateTime> = Vec::new();
        let start = NaiveDate::from_ymd_opt(2016, 11, 1).unwrap();
        for n in 0..60 {
            let day = start + chrono::Duration::days(n);
            if day.weekday().number_from_monday() > 5 {
                continue; // the laptop stays shut at weekends
            }
            held.push(day.and_hms_opt(9, 0, 0).unwrap());
            let keep = kept(&held, Retention::default());
            held = held
                .into_iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(t, _)| t)
                .collect();
        }
        held.sort();
        let days: Vec<String> = held.iter().map(|t| t.date().to_string()).collect();
        // The last day is Friday 2016-12-30. Seven backup days back from it: 12-22 … 12-30
        // (the weekend had none); the weeks: ISO 52 (12-30), 51 (12-23), 50 (12-16), 49 (12-09).
        assert_eq!(
            days,
            [
                "2016-12-09",
                "2016-12-16",
                "2016-12-22",
                "2016-12-23",
                "2016-12-26",
                "2016-12-27",
                "2016-12-28",
                "2016-12-29",
                "2016-12-30"
            ]
        );
    }

    #[test]
    fn several_backups_a_day_keep_the_newest_and_a_long_absence_deletes_nothing_needed() {
        let taken = [
            at("2016-12-05", 9),
            at("2016-12-05", 17),
            at("2016-12-06", 9),
            // Away for six weeks:
            at("2017-01-20", 9),
        ];
        let keep = kept(
            &taken,
            Retention {
                daily: 2,
                weekly: 2,
            },
        );
        // 01-20 (newest day and week), 12-06 (second day, and the newest of its week);
        // 12-05 17:00 and 09:00 are of a day and week already counted.
        assert_eq!(keep, [false, false, true, true]);
        // Nothing kept at all when both counts are zero is allowed by the rule; the settings
        // refuse it (at least one daily copy).
        assert_eq!(
            kept(
                &taken,
                Retention {
                    daily: 0,
                    weekly: 0
                }
            ),
            [false; 4]
        );
    }
}
