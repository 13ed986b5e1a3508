//! Presence: when a person may be given an item on a date (rule 2, "Presence").
//!
//! An item lies inside ONE `disponibilites` interval of its weekday (intervals are not merged;
//! `disponibilites` absent: the whole `journee`), and overlaps no absence.

use crate::format::scenario::{Absence, Disponibilites, Reglages};
use chrono::NaiveDate;

/// The availability intervals `[start, end)` in minutes of a weekday's date, before absences.
/// `dispo` absent: `[journee.debut, journee.fin)`. A weekday not listed: none.
pub fn intervals(
    reglages: &Reglages,
    dispo: Option<&Disponibilites>,
    date: NaiveDate,
) -> Vec<(u32, u32)> {
    todo!()
}

/// True when some absence takes the whole of `date`.
pub fn absent_all_day(absences: &[Absence], date: NaiveDate) -> bool {
    todo!()
}

/// The absences' busy intervals `[start, end)` on `date` (whole-day absences give `(0, 1440)`).
pub fn absence_intervals(absences: &[Absence], date: NaiveDate) -> Vec<(u32, u32)> {
    todo!()
}

/// Rule 2 for one item: `[start, end)` lies inside one availability interval and overlaps no absence.
pub fn is_present(
    reglages: &Reglages,
    dispo: Option<&Disponibilites>,
    absences: &[Absence],
    date: NaiveDate,
    start: u32,
    end: u32,
) -> bool {
    todo!()
}
