//! Calendar facts: period days, holidays, working days, ISO weeks and months.

use crate::format::scenario::{Jour, Scenario};
use chrono::{Datelike, NaiveDate};

/// An ISO week, `(iso_year, week)`; displayed `YYYY-Www`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek(pub i32, pub u32);

impl IsoWeek {
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek(w.year(), w.week())
    }
    pub fn label(self) -> String {
        format!("{}-W{:02}", self.0, self.1)
    }
}

/// A calendar month, `(year, month 1..=12)`; displayed `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32, pub u32);

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month(date.year(), date.month())
    }
    pub fn label(self) -> String {
        format!("{}-{:02}", self.0, self.1)
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, self.1, 1).unwrap_or(NaiveDate::MIN)
    }
    pub fn days_in_month(self) -> u32 {
        todo!()
    }
}

/// `periode.jours` consecutive days from `periode.debut` (holidays included).
pub fn period_days(sc: &Scenario) -> Vec<NaiveDate> {
    todo!()
}

pub fn jour(date: NaiveDate) -> Jour {
    Jour::of(date.weekday())
}

/// A date listed in `periode.feries` (also after the period: the f rule uses it).
pub fn is_holiday(sc: &Scenario, date: NaiveDate) -> bool {
    todo!()
}

/// A working day: lun-ven when `jours_semaine` is 5 (lun-sam when 6, every day when 7), not a holiday.
pub fn is_working_day(sc: &Scenario, date: NaiveDate) -> bool {
    todo!()
}
