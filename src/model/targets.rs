//! Weekly hour targets (plan-v1.md, "Targets").
//!
//! For person p and ISO week W: `days` = period days in W that are working days, not holidays,
//! inside p's contract (salarié·es), and not whole-day absences.
//! Target = `heures_hebdo × days / jours_semaine`.

use super::calendar::IsoWeek;
use crate::format::scenario::{Encadrant, Salarie, Scenario};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct WeekTarget {
    pub week: IsoWeek,
    /// The counted days (see module doc), in order.
    pub days: Vec<NaiveDate>,
    /// Target hours.
    pub target: f64,
}

/// One entry per ISO week that holds a period day (also weeks with zero counted days).
pub fn salarie_weeks(sc: &Scenario, s: &Salarie) -> Vec<WeekTarget> {
    todo!()
}

/// Same for an encadrant·e (no contract dates: every working day not absent counts).
pub fn encadrant_weeks(sc: &Scenario, e: &Encadrant) -> Vec<WeekTarget> {
    todo!()
}
