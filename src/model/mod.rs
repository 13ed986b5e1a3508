//! The derived domain: facts computed once from a validated scenario and shared by the kernel
//! (`kernel`) and the independent checker (`check`). Each fact is a named function
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
//! | [`noms`] | people as a document names them (`nom`, id, or pseudonym `S-001`) |
//! | [`labour`] | the labour-code day rules on one person's day: interruptions (rule 11), daily rest (rule 12) |
//!
//! Above the facts: [`coherence`], the validation checks that need them (rule 13's entries
//! against the period, fixed enrolments, reach), and [`load`], the scenario loader that runs
//! the file's checks and those.

pub mod calendar;
pub(crate) mod coherence;
pub mod commute;
pub(crate) mod labour;
pub mod load;
pub mod months;
pub mod noms;
pub mod places;
pub(crate) mod presence;
pub mod shifts;
pub mod targets;

use crate::format::scenario::Scenario;

/// Every derived fact of a scenario, computed once.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The period's days, in order (`periode.debut` + 0..jours), holidays included.
    pub days: Vec<chrono::NaiveDate>,
    /// The places and the travel between them.
    pub places: places::Places,
    /// Every shift of the period.
    pub shifts: Vec<shifts::Shift>,
    /// `commute[s]` for salarié·e index `s` (`None` for `autonome`).
    pub commute: Vec<Option<commute::CommuteTable>>,
    /// The lieux, stops, walks and courses rule 3 scans.
    pub network: commute::Network,
    /// `salarie_weeks[s]`: weekly targets of salarié·e `s`, weeks in order.
    pub(crate) salarie_weeks: Vec<Vec<targets::WeekTarget>>,
    /// `encadrant_weeks[e]`: weekly caps of encadrant·e `e`.
    pub(crate) encadrant_weeks: Vec<Vec<targets::WeekTarget>>,
    /// `months[s]`: monthly rdv requirements of salarié·e `s`, months in order.
    pub months: Vec<Vec<months::MonthReq>>,
    /// Duration of one CIP rdv, minutes.
    pub(crate) rdv_minutes: u32,
}

impl Facts {
    /// Derives every fact. The scenario must have passed validation (ids resolve).
    pub fn new(sc: &Scenario) -> Facts {
        let days = calendar::period_days(sc);
        let places = places::Places::new(sc);
        let shifts = shifts::shifts(sc);
        // One network for the scenario; one table per (domicile, mobilité): the table depends on
        // nothing else.
        let net = commute::Network::new(sc, &places);
        let mut tables = std::collections::BTreeMap::new();
        let commute = sc
            .salaries
            .iter()
            .map(|s| {
                tables
                    .entry((s.domicile.clone(), s.mobilite as u8))
                    .or_insert_with(|| commute::CommuteTable::for_salarie_in(sc, &net, &places, s))
                    .clone()
            })
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
            network: net,
            salarie_weeks,
            encadrant_weeks,
            months,
            rdv_minutes,
        }
    }
}

/// Test helpers shared by the model's tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::format::scenario::Scenario;
    use chrono::NaiveDate;

    /// `scenarios/exemple.yaml`, parsed.
    pub fn exemple() -> Scenario {
        serde_yaml::from_str(include_str!("../../scenarios/exemple.yaml")).expect("exemple.yaml")
    }

    pub fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// `"HH:MM"` → minutes.
    pub fn hm(s: &str) -> u32 {
        crate::format::time::parse_hhmm(s).expect("heure")
    }

    pub fn salarie<'a>(sc: &'a Scenario, id: &str) -> &'a crate::format::scenario::Salarie {
        sc.salaries.iter().find(|s| s.id == id).expect("salarié·e")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{d, exemple};
    use super::*;

    #[test]
    fn facts_of_exemple() {
        let sc = exemple();
        let f = Facts::new(&sc);
        assert_eq!(f.days.len(), 5);
        assert_eq!(f.days[0], d("2026-11-30"));
        assert_eq!(f.days[4], d("2026-12-04"));
        assert_eq!(f.places.ids.len(), 6);
        assert_eq!(f.shifts.len(), 19);
        // s01 transports, s02 autonome.
        assert!(f.commute[0].is_some());
        assert!(f.commute[1].is_none());
        assert_eq!(f.salarie_weeks.len(), 12);
        assert_eq!(f.encadrant_weeks.len(), 3);
        assert_eq!(f.encadrant_weeks[2][0].target, 28.0);
        // s12 starts on 1 December: no November entry.
        assert_eq!(f.months[11].len(), 1);
        assert_eq!(f.months[0].len(), 2);
        assert_eq!(f.rdv_minutes, 30);
    }

    #[test]
    fn facts_never_panic_on_dangling_references() {
        let mut sc = exemple();
        sc.salaries[0].domicile = Some("nulle-part".into());
        sc.chantiers[0].lieu = "nulle-part".into();
        sc.trajets[0].de = "nulle-part".into();
        sc.transports[0].courses[0].passages[0].0 = "nulle-part".into();
        sc.reglages.jours_semaine = 0;
        sc.reglages.pas_minutes = 0;
        sc.reglages.rdv_cip.min_par_mois = 0;
        let f = Facts::new(&sc);
        // halls-a (5 shifts) dropped.
        assert_eq!(f.shifts.len(), 14);
        let c = f.commute[0].as_ref().expect("transports");
        assert!(c.arrive.iter().all(|j| j.iter().all(Option::is_none)));
        assert_eq!(f.salarie_weeks[0][0].target, 0.0);
        assert_eq!(f.rdv_minutes, 30);
    }
}
