//! CIP rdv: the duration of one rdv and the monthly requirements (plan-v1.md, rule 9 and the
//! `rdv_cip_retard` / `rdv_cip_restant` terms).

use super::calendar::Month;
use crate::format::scenario::{Reglages, Salarie, Scenario};
use chrono::NaiveDate;

/// `max(duree_minutes, min_minutes_par_mois / min_par_mois)` rounded up to `pas_minutes`.
pub fn rdv_minutes(reglages: &Reglages) -> u32 {
    todo!()
}

#[derive(Debug, Clone, PartialEq)]
pub struct MonthReq {
    pub month: Month,
    /// `rdv_cip_par_mois` of the person, else `reglages.rdv_cip.min_par_mois`.
    pub target: u32,
    /// Number of `rdv_cip` history entries dated in the month.
    pub history: u32,
    /// R = floor(target × f): rdv due by the end of the period's part of the month.
    pub due: u32,
    /// The f factor (1 when no working day of the month inside the contract follows `last`).
    pub f: f64,
    /// Last period day in the month inside the contract.
    pub last: NaiveDate,
}

/// One entry per month that holds a period day inside the salarié·e's contract.
pub fn month_requirements(sc: &Scenario, s: &Salarie) -> Vec<MonthReq> {
    todo!()
}
