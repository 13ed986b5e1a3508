//! Shifts: each vacation gives one shift per listed weekday in the period that is not a holiday.

use crate::format::scenario::Scenario;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Index of the chantier in `sc.chantiers`.
    pub chantier: usize,
    /// Index of the vacation in the chantier's `vacations`.
    pub vacation: usize,
    pub date: NaiveDate,
    /// Allowed starts, minutes, in file order.
    pub debuts: Vec<u32>,
    /// Duration, minutes.
    pub duree: u32,
    pub min: u32,
    pub max: u32,
    pub optionnelle: bool,
    /// Index of the chantier's lieu.
    pub lieu: usize,
    /// The chantier's ratio (its own, else `reglages.ratio_encadrement`); 0: no encadrant.
    pub ratio: u32,
}

/// Every shift of the period, sorted by (date, first start, chantier index, vacation index).
pub fn shifts(sc: &Scenario) -> Vec<Shift> {
    todo!()
}
