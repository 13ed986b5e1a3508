//! The derived domain: facts computed once from a validated scenario and shared by the kernel
//! (`crate::kernel`) and the independent checker (`crate::check`). Each fact is a named function
//! in its own module, tested on hand-computed cases:
//!
//! | module | facts |
//! |---|---|
//! | [`calendar`] | period days, holidays, working days, ISO weeks, months |
//! | [`presence`] | availability intervals and absences of a person on a date |
//! | [`places`] | lieu indices, shortest walks over `trajets`, in-day travel times |
//! | [`commute`] | earliest arrival / latest departure per home, weekday and place (connection scan) |
//! | [`shifts`] | the shifts of the period |
//! | [`targets`] | weekly hour targets per person |
//! | [`months`] | rdv duration and monthly rdv requirements (R with the f rule, history, target) |

pub mod calendar;
pub mod commute;
pub mod months;
pub mod places;
pub mod presence;
pub mod shifts;
pub mod targets;

use crate::format::scenario::Scenario;

/// Every derived fact of a scenario, computed once.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The period's days, in order (`periode.debut` + 0..jours), holidays included.
    pub days: Vec<chrono::NaiveDate>,
    pub places: places::Places,
    pub shifts: Vec<shifts::Shift>,
    /// `commute[s]` for salarié·e index `s` (`None` for `autonome`).
    pub commute: Vec<Option<commute::CommuteTable>>,
    /// `salarie_weeks[s]`: weekly targets of salarié·e `s`, weeks in order.
    pub salarie_weeks: Vec<Vec<targets::WeekTarget>>,
    /// `encadrant_weeks[e]`: weekly caps of encadrant·e `e`.
    pub encadrant_weeks: Vec<Vec<targets::WeekTarget>>,
    /// `months[s]`: monthly rdv requirements of salarié·e `s`, months in order.
    pub months: Vec<Vec<months::MonthReq>>,
    /// Duration of one CIP rdv, minutes.
    pub rdv_minutes: u32,
}

impl Facts {
    /// Derives every fact. The scenario must have passed validation (ids resolve).
    pub fn new(sc: &Scenario) -> Facts {
        let days = calendar::period_days(sc);
        let places = places::Places::new(sc);
        let shifts = shifts::shifts(sc);
        let commute = sc
            .salaries
            .iter()
            .map(|s| commute::CommuteTable::for_salarie(sc, &places, s))
            .collect();
        let salarie_weeks = sc
            .salaries
            .iter()
            .map(|s| targets::salarie_weeks(sc, s))
            .collect();
        let encadrant_weeks = sc
            .encadrants
            .iter()
            .map(|e| targets::encadrant_weeks(sc, e))
            .collect();
        let months = sc
            .salaries
            .iter()
            .map(|s| months::month_requirements(sc, s))
            .collect();
        let rdv_minutes = months::rdv_minutes(&sc.reglages);
        Facts {
            days,
            places,
            shifts,
            commute,
            salarie_weeks,
            encadrant_weeks,
            months,
            rdv_minutes,
        }
    }
}
