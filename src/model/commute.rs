//! Commute (rule 3): for a salarié·e who is not `autonome`, the earliest arrival at each place
//! from home and the latest departure from each place that still gets home, per weekday, by a
//! connection scan over the timetable (walks chained over `trajets`, courses boarded at any
//! passage and left at any later one, changes when the next departure is at or after the arrival).
//! `marche`: walks only. Leaving home no earlier than `journee.debut`, home by `journee.fin`.

use super::places::Places;
use crate::format::scenario::{Jour, Salarie, Scenario};

#[derive(Debug, Clone)]
pub struct CommuteTable {
    /// `arrive[jour][lieu]`: earliest arrival (minutes) at the lieu, `None` if unreachable.
    pub arrive: [Vec<Option<u32>>; 7],
    /// `depart[jour][lieu]`: latest departure (minutes) from the lieu that gets home by the end
    /// of `journee`, `None` if home cannot be reached from it.
    pub depart: [Vec<Option<u32>>; 7],
}

impl CommuteTable {
    /// `None` for `autonome` salarié·es (any time inside `journee` works).
    pub fn for_salarie(sc: &Scenario, places: &Places, s: &Salarie) -> Option<CommuteTable> {
        todo!()
    }
    /// The window `[earliest arrival, latest departure]` at `lieu` on `jour`, if the place can be
    /// both reached and left for home that day.
    pub fn window(&self, jour: Jour, lieu: usize) -> Option<(u32, u32)> {
        Some((
            self.arrive[jour.index()][lieu]?,
            self.depart[jour.index()][lieu]?,
        ))
    }
}

/// Earliest arrival at every place leaving `home` no earlier than `leave` on `jour`.
/// `transit`: ride courses (mobilité `transports`) or only walk (`marche`).
pub fn earliest_arrivals(
    sc: &Scenario,
    places: &Places,
    home: usize,
    jour: Jour,
    leave: u32,
    transit: bool,
) -> Vec<Option<u32>> {
    todo!()
}

/// Latest departure from every place that reaches `home` by `back` on `jour`.
pub fn latest_departures(
    sc: &Scenario,
    places: &Places,
    home: usize,
    jour: Jour,
    back: u32,
    transit: bool,
) -> Vec<Option<u32>> {
    todo!()
}
