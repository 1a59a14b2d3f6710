//! When and by whom: the context every use case runs in. The front door (CLI, desktop) makes
//! it and hands it to [`crate::App`]; nothing reads the time or the user from a global.

use chrono::{NaiveDate, NaiveDateTime};

/// The time and the operator a use case runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    clock: Clock,
    operator: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    /// The computer's clock: local date, UTC timestamps.
    System,
    /// A fixed moment (tests).
    Fixed(NaiveDateTime),
    /// The site's own day with the computer's time of day: a demo database's "today".
    Pinned(NaiveDate),
}

impl Ctx {
    /// The computer's clock, done by `operator`.
    pub fn system(operator: impl Into<String>) -> Ctx {
        Ctx {
            clock: Clock::System,
            operator: operator.into(),
        }
    }

    /// Always `at`, done by `operator`.
    pub fn fixed(at: NaiveDateTime, operator: impl Into<String>) -> Ctx {
        Ctx {
            clock: Clock::Fixed(at),
            operator: operator.into(),
        }
    }

    /// The computer's clock, done by the operating-system user: what the front doors use
    /// without accounts.
    pub fn local() -> Ctx {
        Ctx::system(Ctx::os_user())
    }

    /// The operating-system user, for front doors without accounts (`本机用户` if unknown).
    pub fn os_user() -> String {
        std::env::var("USER")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "本机用户".into())
    }

    /// The computer's clock with the day set to `day` (a database that carries its own date);
    /// a fixed clock stays as it is.
    pub fn with_today(self, day: NaiveDate) -> Ctx {
        Ctx {
            clock: match self.clock {
                Clock::System | Clock::Pinned(_) => Clock::Pinned(day),
                fixed @ Clock::Fixed(_) => fixed,
            },
            operator: self.operator,
        }
    }

    /// The computer's clock again (a fixed clock stays as it is).
    pub fn unpinned(self) -> Ctx {
        Ctx {
            clock: match self.clock {
                Clock::Pinned(_) => Clock::System,
                other => other,
            },
            operator: self.operator,
        }
    }

    /// Whether "today" is the database's own day rather than the computer's.
    pub fn pinned(&self) -> bool {
        matches!(self.clock, Clock::Pinned(_))
    }

    /// The moment as (local, UTC) date-times.
    fn moment(&self) -> (NaiveDateTime, NaiveDateTime) {
        match self.clock {
            Clock::System => (
                chrono::Local::now().naive_local(),
                chrono::Utc::now().naive_utc(),
            ),
            Clock::Fixed(t) => (t, t),
            Clock::Pinned(d) => (
                d.and_time(chrono::Local::now().time()),
                d.and_time(chrono::Utc::now().time()),
            ),
        }
    }

    /// The computer's local time even when the database carries its own day: what names
    /// files on disk (backups). A fixed clock stays fixed.
    pub fn wall(&self) -> NaiveDateTime {
        match self.clock {
            Clock::Fixed(t) => t,
            Clock::System | Clock::Pinned(_) => chrono::Local::now().naive_local(),
        }
    }

    /// Today, local time.
    pub fn today(&self) -> NaiveDate {
        self.moment().0.date()
    }

    /// Today as `YYYY-MM-DD`.
    pub fn today_str(&self) -> String {
        self.today().format("%Y-%m-%d").to_string()
    }

    /// Now as `YYYY-MM-DDTHH:MM:SSZ`, for audit trails.
    pub fn now(&self) -> String {
        self.moment().1.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// Now, local time, as people read it on a printed page (`2016-12-05 10:12`).
    pub fn local_minute(&self) -> String {
        self.moment().0.format("%Y-%m-%d %H:%M").to_string()
    }

    /// Now in a PDF's date format (`D:20161205101200Z`).
    pub fn pdf_date(&self) -> String {
        self.moment().1.format("D:%Y%m%d%H%M%SZ").to_string()
    }

    /// The same clock, done by `operator` (the person who signed in).
    pub fn with_operator(self, operator: impl Into<String>) -> Ctx {
        Ctx {
            clock: self.clock,
            operator: operator.into(),
        }
    }

    /// Who is at the keyboard, for the audit trail.
    pub fn operator(&self) -> &str {
        &self.operator
    }
}

impl crate::App {
    /// Runs `f` as if it were `at`, done by `by` (the demo data set is written at its 2016
    /// dates), then returns to the context before.
    pub(crate) fn at<T>(
        &mut self,
        at: NaiveDateTime,
        by: &str,
        f: impl FnOnce(&mut crate::App) -> T,
    ) -> T {
        let saved = std::mem::replace(&mut self.ctx, Ctx::fixed(at, by));
        let out = f(self);
        self.ctx = saved;
        out
    }
}

/// Days from one `YYYY-MM-DD` to another (negative when `to` is earlier; 0 when either is not
/// a date).
pub(crate) fn days_between(from: &str, to: &str) -> i64 {
    match (
        NaiveDate::parse_from_str(from, "%Y-%m-%d"),
        NaiveDate::parse_from_str(to, "%Y-%m-%d"),
    ) {
        (Ok(a), Ok(b)) => (b - a).num_days(),
        _ => 0,
    }
}
