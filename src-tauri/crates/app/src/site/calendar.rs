//! The working-day calendar: the State Council's notices shipped for the years the demo uses
//! and the current one, with the days headquarters publishes on top (a new year's notice, a
//! correction), which travel down to every unit. Every deadline counted in working days uses it.

use branchdesk_domain::{Act, Calendar, CalendarDay, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shared::input::{check_chars, parse_date};
use crate::{App, AppError, Result};

/// What 设置 → 工作日历 shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarView {
    /// This site is headquarters and may publish days.
    pub hq: bool,
    pub days: Vec<CalendarDay>,
}

impl App {
    /// The calendar deadlines are counted with.
    pub(crate) fn calendar(&self) -> Result<Calendar> {
        let days = self.store.calendar_days()?;
        Ok(Calendar::with(days.into_iter().filter_map(|d| {
            chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d")
                .ok()
                .map(|day| (day, d.working))
        })))
    }

    pub fn calendar_days(&self) -> Result<CalendarView> {
        Ok(CalendarView {
            hq: self.store.site()?.role == Role::Hq,
            days: self.store.calendar_days()?,
        })
    }

    /// Headquarters publishes a day (off, or a weekend day worked); `working: None` takes a
    /// published day back, so the shipped notice (or Monday to Friday) counts again.
    pub fn calendar_set(
        &mut self,
        day: &str,
        working: Option<bool>,
        note: &str,
    ) -> Result<CalendarView> {
        if self.store.site()?.role != Role::Hq {
            return Err(AppError::step(
                "calendar.not_hq",
                "工作日历由总部发布，随同步包下发到各单位。".into(),
                "Headquarters publishes the working-day calendar; it comes down in bundles.".into(),
            ));
        }
        self.require(Act::PublishCalendar)?;
        let day = parse_date("day", day)?;
        let note = note.trim();
        check_chars("note", ("说明", "note"), note)?;
        if note.chars().count() > 100 {
            return Err(AppError::invalid(
                "note",
                "说明不超过100个字。",
                "The note is at most 100 characters.",
            ));
        }
        if let Some(w) = working {
            let date = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").expect("validated");
            let weekend = chrono::Datelike::weekday(&date).number_from_monday() >= 6;
            if w && !weekend {
                return Err(AppError::invalid(
                    "working",
                    format!("{day} 是工作日，不需要设为调休上班。"),
                    format!(
                        "{day} is a weekday already; only a weekend day is made a working day."
                    ),
                ));
            }
        }
        self.store.write(|w| -> Result<()> {
            match working {
                Some(working) => w.put_calendar_day(&CalendarDay {
                    day: day.clone(),
                    working,
                    note: note.to_string(),
                })?,
                None => w.delete_calendar_day(&day)?,
            }
            Ok(())
        })?;
        self.calendar_days()
    }
}
