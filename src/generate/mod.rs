//! Seeded generator of realistic scenarios (`regie generer`): one week of a régie with chantiers
//! of nettoyage, espaces verts and encombrants, encadrant·es, CIPs, bus lines, contracts,
//! availabilities, absences, PMSMP, ateliers, formations and the month's rdv history.
//!
//! [`generate`] is pure and deterministic: the same `(salaries, seed)` gives the same scenario on
//! every platform (ChaCha8 RNG, integer geometry, no trigonometry, no hash-map iteration).
//! What it promises, and what `tests/generate.rs` checks, is written on each function.

mod chantiers;
mod enrolments;
mod names;
mod people;
mod places;
mod yaml;

pub use yaml::to_yaml;

use crate::format::scenario::{
    Absence, Atelier, CategorieAtelier, Chantier, Cip, Contrat, Conventionnement, Course,
    Disponibilites, Encadrant, Equipe, Formation, Jour, Lieu, Ligne, Mobilite, Periode, Pmsmp,
    Preferences, RdvPasse, Regie, Reglages, Salarie, Scenario, Seance, Trajet, TypeContrat,
    Vacation,
};
use crate::format::time::{Duree, Heure, Plage};
use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// Smallest and largest sizes `regie generer` accepts.
pub(crate) const MIN_SALARIES: usize = 12;
pub(crate) const MAX_SALARIES: usize = 600;
/// The generator keeps [`demand_ratio`] inside this range.
pub const DEMAND_RATIO: (f64, f64) = (0.70, 0.85);
/// Share of salarié·es who are not `autonome` (they walk or take the bus).
pub(crate) const PART_NON_AUTONOME: f64 = 0.60;

/// Number of encadrant·es for `n` salarié·es: about 1 for 5, plus one.
pub fn encadrants_for(n: usize) -> usize {
    n / 5 + 1
}
/// Number of CIPs for `n` salarié·es: about 1 for 22, at least one.
pub fn cips_for(n: usize) -> usize {
    ((n + 11) / 22).max(1)
}
/// Number of bus lines for `n` salarié·es.
pub fn lignes_for(n: usize) -> usize {
    2 + n / 40
}

/// Crew demand over production capacity: the sum over the period's mandatory shifts of
/// `equipe.min × duree`, divided by the sum of the salarié·es' `heures_hebdo` pro-rated to the
/// period's working days (`heures_hebdo × working days / jours_semaine`). Optional vacations do
/// not count (they may not run).
pub fn demand_ratio(sc: &Scenario) -> f64 {
    ratio(&sc.periode, &sc.reglages, &sc.salaries, &sc.chantiers)
}

fn ratio(
    periode: &Periode,
    reglages: &Reglages,
    salaries: &[Salarie],
    chantiers: &[Chantier],
) -> f64 {
    let days: Vec<NaiveDate> = (0..i64::from(periode.jours.min(31)))
        .map(|k| plus(periode.debut, k))
        .collect();
    let feries: BTreeSet<NaiveDate> = periode.feries.iter().copied().collect();
    let open: Vec<Jour> = days
        .iter()
        .filter(|d| !feries.contains(d))
        .map(|d| Jour::of(d.weekday()))
        .collect();
    let jours_semaine = reglages.jours_semaine.clamp(1, 7) as usize;
    let working = open.iter().filter(|j| j.index() < jours_semaine).count() as f64;
    let mut demand = 0.0;
    for c in chantiers {
        for v in c.vacations.iter().filter(|v| !v.optionnelle) {
            let n = open.iter().filter(|j| v.jours.contains(j)).count() as f64;
            demand += n * f64::from(v.equipe.min) * f64::from(v.duree.0);
        }
    }
    let capacity: f64 = salaries
        .iter()
        .map(|s| s.contrat.heures_hebdo * 60.0 * working / jours_semaine as f64)
        .sum();
    if capacity > 0.0 {
        demand / capacity
    } else {
        0.0
    }
}

/// One line in French summing up a scenario, for `regie generer`.
pub(crate) fn resume(sc: &Scenario) -> String {
    let fin = plus(sc.periode.debut, i64::from(sc.periode.jours) - 1);
    format!(
        "{} : {} salarié·es, {} encadrant·es, {} CIP, {} chantiers, {} lignes de bus, {} ateliers, \
         {} formations, du {} au {} ; demande des chantiers = {:.0} % des heures de contrat.",
        sc.regie.nom,
        sc.salaries.len(),
        sc.encadrants.len(),
        sc.cips.len(),
        sc.chantiers.len(),
        sc.transports.len(),
        sc.ateliers.len(),
        sc.formations.len(),
        sc.periode.debut.format("%d/%m/%Y"),
        fin.format("%d/%m/%Y"),
        demand_ratio(sc) * 100.0
    )
}

/// Generates a scenario of `salaries` salarié·es (clamped to 12..=600) from `seed`.
pub fn generate(salaries: usize, seed: u64) -> Scenario {
    let n = salaries.clamp(MIN_SALARIES, MAX_SALARIES);
    Gen::new(n, seed).build()
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const WEEK: [Jour; 5] = [Jour::Lun, Jour::Mar, Jour::Mer, Jour::Jeu, Jour::Ven];
const DAY: u32 = 24 * 60;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}
fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(TimeDelta::days(days)).unwrap_or(d)
}
fn hm(h: u32, m: u32) -> u32 {
    h * 60 + m
}
fn plage(a: u32, b: u32) -> Plage {
    Plage { debut: a, fin: b }
}

/// Public holidays of the years the generator draws weeks from (those on a weekday).
const FERIES: [(i32, u32, u32); 6] = [
    (2026, 11, 11),
    (2026, 12, 25),
    (2027, 1, 1),
    (2027, 3, 29),
    (2027, 5, 6),
    (2027, 5, 17),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Regie,
    Residence,
    Parc,
    /// A home area within walking distance of the régie.
    Proche,
    /// A home area across the ring road: bus only.
    Loin,
    Organisme,
}

#[derive(Debug, Clone)]
struct Place {
    id: String,
    nom: String,
    kind: Kind,
    /// Position in hectometres, the régie at the origin.
    x: i32,
    y: i32,
}

impl Place {
    fn dist_km(&self, o: &Place) -> f64 {
        let dx = f64::from(self.x - o.x);
        let dy = f64::from(self.y - o.y);
        (dx * dx + dy * dy).sqrt() / 10.0
    }
}

/// A time a salarié·e is already taken: `[de, a)` minutes on `date`.
#[derive(Debug, Clone, Copy)]
struct Busy {
    date: NaiveDate,
    de: u32,
    a: u32,
}

struct Gen {
    rng: ChaCha8Rng,
    n: usize,
    debut: NaiveDate,
    days: Vec<NaiveDate>,
    feries: Vec<NaiveDate>,
    places: Vec<Place>,
    salaries: Vec<Salarie>,
    busy: Vec<Vec<Busy>>,
    encadrants: Vec<Encadrant>,
    cips: Vec<Cip>,
    cip_busy: Vec<Vec<Busy>>,
    chantiers: Vec<Chantier>,
}

impl Gen {
    fn new(n: usize, seed: u64) -> Gen {
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
            n,
            debut: NaiveDate::default(),
            days: vec![],
            feries: vec![],
            places: vec![],
            salaries: vec![],
            busy: vec![],
            encadrants: vec![],
            cips: vec![],
            cip_busy: vec![],
            chantiers: vec![],
        }
    }

    // -- random helpers --------------------------------------------------------------------

    fn below(&mut self, k: usize) -> usize {
        if k <= 1 {
            0
        } else {
            self.rng.random_range(0..k as u32) as usize
        }
    }
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..=hi)
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> Option<&'a T> {
        let i = self.below(xs.len());
        xs.get(i)
    }
    fn pick_str(&mut self, xs: &[&str]) -> String {
        self.pick(xs).map_or_else(String::new, |s| (*s).to_owned())
    }
    /// `k` distinct indices below `len`, in increasing order.
    fn sample(&mut self, len: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        all.shuffle(&mut self.rng);
        all.truncate(k.min(len));
        all.sort_unstable();
        all
    }
    /// Exactly `round(p × len)` flags set, shuffled (proportions hold even at small sizes).
    fn flags(&mut self, len: usize, p: f64) -> Vec<bool> {
        let k = ((len as f64) * p).round() as usize;
        let mut v: Vec<bool> = (0..len).map(|i| i < k).collect();
        v.shuffle(&mut self.rng);
        v
    }

    fn open_days(&self) -> Vec<NaiveDate> {
        self.days
            .iter()
            .copied()
            .filter(|d| !self.feries.contains(d))
            .collect()
    }

    // -- the whole scenario ------------------------------------------------------------------

    fn build(mut self) -> Scenario {
        self.periode();
        self.lieux();
        let trajets = self.trajets();
        let transports = self.transports();
        self.salaries();
        self.encadrants();
        self.cips();
        self.chantiers();
        self.preferences();
        let formations = self.formations();
        let ateliers = self.ateliers();
        let nom = self.pick_str(names::REGIES);
        Scenario {
            version: 1,
            regie: Regie { nom },
            periode: Periode {
                debut: self.debut,
                jours: self.days.len() as u32,
                feries: self.feries.clone(),
            },
            reglages: Reglages::default(),
            lieux: self
                .places
                .iter()
                .map(|p| Lieu {
                    id: p.id.clone(),
                    nom: Some(p.nom.clone()),
                    gps: None,
                    arrets: Vec::new(),
                })
                .collect(),
            trajets,
            transports,
            gtfs: None,
            salaries: self.salaries,
            encadrants: self.encadrants,
            cips: self.cips,
            chantiers: self.chantiers,
            ateliers,
            formations,
            imposer: Vec::new(),
            interdire: Vec::new(),
            replanification: None,
        }
    }

    /// A Monday-to-Friday week between September 2026 and June 2027: one seed in three a week
    /// that straddles a month end, one in six a week with a public holiday.
    fn periode(&mut self) {
        let first = ymd(2026, 9, 7);
        let feries: Vec<NaiveDate> = FERIES.iter().map(|&(y, m, d)| ymd(y, m, d)).collect();
        let mondays: Vec<NaiveDate> = (0..43).map(|w| plus(first, 7 * w)).collect();
        let straddles = |m: &NaiveDate| m.month() != plus(*m, 4).month();
        let holiday = |m: &NaiveDate| (0..5).any(|k| feries.contains(&plus(*m, k)));
        let month_end: Vec<NaiveDate> = mondays.iter().copied().filter(straddles).collect();
        let with_holiday: Vec<NaiveDate> = mondays.iter().copied().filter(holiday).collect();
        let plain: Vec<NaiveDate> = mondays
            .iter()
            .copied()
            .filter(|m| !straddles(m) && !holiday(m))
            .collect();
        let draw = self.below(6);
        let pool = match draw {
            0 | 1 => &month_end,
            2 => &with_holiday,
            _ => &plain,
        };
        self.debut = self.pick(pool).copied().unwrap_or(first);
        self.days = (0..5).map(|k| plus(self.debut, k)).collect();
        self.feries = self
            .days
            .iter()
            .copied()
            .filter(|d| feries.contains(d))
            .collect();
    }
}
