//! Seeded generator of realistic scenarios (`regie generer`): one week of a régie with chantiers
//! of nettoyage, espaces verts and encombrants, encadrant·es, CIPs, bus lines, contracts,
//! availabilities, absences, PMSMP, ateliers, formations and the month's rdv history.
//!
//! [`generate`] is pure and deterministic: the same `(salaries, seed)` gives the same scenario on
//! every platform (ChaCha8 RNG, integer geometry, no trigonometry, no hash-map iteration).
//! What it promises, and what `tests/generate.rs` checks, is written on each function.

mod names;
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
pub const MIN_SALARIES: usize = 12;
pub const MAX_SALARIES: usize = 600;
/// The generator keeps [`demand_ratio`] inside this range.
pub const DEMAND_RATIO: (f64, f64) = (0.70, 0.85);
/// Share of salarié·es who are not `autonome` (they walk or take the bus).
pub const PART_NON_AUTONOME: f64 = 0.60;

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
pub fn resume(sc: &Scenario) -> String {
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

    /// A point at a distance of `lo..=hi` hectometres from the régie.
    fn point(&mut self, lo: i32, hi: i32) -> (i32, i32) {
        for _ in 0..1000 {
            let x = self.rng.random_range(-hi..=hi);
            let y = self.rng.random_range(-hi..=hi);
            let r2 = x * x + y * y;
            if r2 >= lo * lo && r2 <= hi * hi {
                return (x, y);
            }
        }
        (lo, 0)
    }

    /// The régie, 3 to 12 sites, home areas (some across the ring road, bus only), an
    /// organisme de formation.
    fn lieux(&mut self) {
        let n = self.n;
        let add = |places: &mut Vec<Place>, id: &str, nom: &str, kind, (x, y)| {
            places.push(Place {
                id: id.to_owned(),
                nom: nom.to_owned(),
                kind,
                x,
                y,
            })
        };
        let mut places = vec![];
        add(
            &mut places,
            "regie",
            "Locaux de la régie",
            Kind::Regie,
            (0, 0),
        );
        let sites = (3 + n / 25).clamp(3, 12);
        let parcs = (sites / 3).clamp(1, names::PARCS.len());
        let residences = (sites - parcs).min(names::RESIDENCES.len());
        let res_ix = self.sample(names::RESIDENCES.len(), residences);
        for i in res_ix {
            let p = self.point(6, 22);
            if let Some((id, nom)) = names::RESIDENCES.get(i) {
                add(&mut places, id, nom, Kind::Residence, p);
            }
        }
        let parc_ix = self.sample(names::PARCS.len(), parcs);
        for i in parc_ix {
            let p = self.point(8, 22);
            if let Some((id, nom)) = names::PARCS.get(i) {
                add(&mut places, id, nom, Kind::Parc, p);
            }
        }
        let quartiers = (3 + n / 60).clamp(3, names::QUARTIERS.len());
        let loin = (quartiers / 3).max(1);
        let q_ix = self.sample(names::QUARTIERS.len(), quartiers);
        for (k, i) in q_ix.into_iter().enumerate() {
            let (kind, p) = if k < loin {
                (Kind::Loin, self.point(30, 45))
            } else {
                (Kind::Proche, self.point(6, 22))
            };
            if let Some((id, nom)) = names::QUARTIERS.get(i) {
                add(&mut places, id, nom, kind, p);
            }
        }
        let p = self.point(25, 35);
        add(
            &mut places,
            "organisme-formation",
            "Organisme de formation (centre AFPR)",
            Kind::Organisme,
            p,
        );
        self.places = places;
    }

    fn of_kind(&self, kinds: &[Kind]) -> Vec<usize> {
        (0..self.places.len())
            .filter(|&i| self.places.get(i).is_some_and(|p| kinds.contains(&p.kind)))
            .collect()
    }

    /// Walking times (14 min per km plus 2, rounded to 5, 10 to 40 min): each place to the
    /// régie and to its three nearest places, when under 40 minutes. Bus-only home areas have
    /// none.
    fn trajets(&mut self) -> Vec<Trajet> {
        let walkers: Vec<usize> = self.of_kind(&[
            Kind::Regie,
            Kind::Residence,
            Kind::Parc,
            Kind::Proche,
            Kind::Organisme,
        ]);
        let minutes = |a: &Place, b: &Place| -> Option<u32> {
            let raw = a.dist_km(b) * 14.0 + 2.0;
            if raw > 40.0 {
                None
            } else {
                Some((((raw / 5.0).round() as u32) * 5).clamp(10, 40))
            }
        };
        let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
        for &a in &walkers {
            let Some(pa) = self.places.get(a) else {
                continue;
            };
            let mut near: Vec<(u64, usize)> = walkers
                .iter()
                .filter(|&&b| b != a)
                .filter_map(|&b| {
                    let pb = self.places.get(b)?;
                    Some(((pa.dist_km(pb) * 1000.0) as u64, b))
                })
                .collect();
            near.sort_unstable();
            let mut chosen: Vec<usize> = near.iter().take(3).map(|&(_, b)| b).collect();
            chosen.push(0);
            for b in chosen {
                if b != a {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
        let mut out = vec![];
        for (a, b) in pairs {
            let (Some(pa), Some(pb)) = (self.places.get(a), self.places.get(b)) else {
                continue;
            };
            if let Some(m) = minutes(pa, pb) {
                out.push(Trajet {
                    de: pa.id.clone(),
                    a: pb.id.clone(),
                    minutes: m,
                });
            }
        }
        out
    }

    /// Bus lines (2 + n/40): each runs from a home area (or the organisme) through some sites
    /// and the régie (the hub every line serves) to another end; courses both ways every 20 to 40
    /// minutes from about 05:45 to 20:00 on weekdays, every hour on Saturdays for some lines.
    fn transports(&mut self) -> Vec<Ligne> {
        let lines = lignes_for(self.n);
        let mut ends: Vec<usize> = self.of_kind(&[Kind::Loin]);
        ends.extend(self.of_kind(&[Kind::Proche]));
        ends.extend(self.of_kind(&[Kind::Organisme]));
        let sites = self.of_kind(&[Kind::Residence, Kind::Parc]);
        let mut out = vec![];
        for l in 0..lines {
            let start = ends.get((2 * l) % ends.len().max(1)).copied().unwrap_or(0);
            let mut end = ends
                .get((2 * l + 1) % ends.len().max(1))
                .copied()
                .unwrap_or(0);
            if end == start {
                end = ends
                    .get((2 * l + 2) % ends.len().max(1))
                    .copied()
                    .unwrap_or(0);
            }
            let mut middle: Vec<usize> = sites
                .iter()
                .enumerate()
                .filter(|(j, _)| j % lines == l)
                .map(|(_, &s)| s)
                .collect();
            while middle.len() < 2 && middle.len() < sites.len() {
                let extra = sites.get(self.below(sites.len())).copied().unwrap_or(0);
                if !middle.contains(&extra) {
                    middle.push(extra);
                }
            }
            middle.push(0);
            middle.retain(|&m| m != start && m != end);
            let Some(p0) = self.places.get(start).cloned() else {
                continue;
            };
            middle.sort_by_key(|&m| {
                self.places
                    .get(m)
                    .map_or(0, |p| (p.dist_km(&p0) * 1000.0) as u64)
            });
            let mut route = vec![start];
            route.extend(middle);
            route.push(end);
            // Cumulative minutes from the first stop: 2.5 min per km plus 1 at each stop.
            let mut offsets = vec![0u32];
            for w in route.windows(2) {
                let (Some(a), Some(b)) = (self.places.get(w[0]), self.places.get(w[1])) else {
                    continue;
                };
                let step = ((a.dist_km(b) * 2.5).round() as u32 + 1).max(2);
                let last = offsets.last().copied().unwrap_or(0);
                offsets.push(last + step);
            }
            let total = offsets.last().copied().unwrap_or(0);
            let headway = 20 + 5 * self.between(0, 4);
            let saturday = self.chance(0.5);
            let mut courses = vec![];
            for back in [false, true] {
                let stops: Vec<(usize, u32)> = if back {
                    route
                        .iter()
                        .rev()
                        .zip(offsets.iter().rev())
                        .map(|(&s, &o)| (s, total - o))
                        .collect()
                } else {
                    route.iter().copied().zip(offsets.iter().copied()).collect()
                };
                let mut t = hm(5, 40) + self.between(0, 12);
                while t <= hm(20, 0) {
                    courses.push(self.course(&stops, t, &WEEK));
                    t += headway;
                }
                if saturday {
                    let mut t = hm(7, 0) + self.between(0, 20);
                    while t <= hm(19, 0) {
                        courses.push(self.course(&stops, t, &[Jour::Sam]));
                        t += 60;
                    }
                }
            }
            out.push(Ligne {
                id: format!("ligne-{}", l + 1),
                nom: Some(format!("Bus {}", l + 1)),
                courses,
            });
        }
        out
    }

    fn course(&self, stops: &[(usize, u32)], t: u32, jours: &[Jour]) -> Course {
        Course {
            jours: jours.to_vec(),
            passages: stops
                .iter()
                .filter_map(|&(s, o)| Some((self.places.get(s)?.id.clone(), Heure(t + o))))
                .collect(),
        }
    }

    fn nom_personne(&mut self) -> String {
        let p = self.pick_str(names::PRENOMS);
        let i = self.pick(names::INITIALES).copied().unwrap_or('A');
        format!("{p} {i}.")
    }

    // -- salarié·es ----------------------------------------------------------------------------

    fn salaries(&mut self) {
        let n = self.n;
        let width = n.to_string().len().max(2);
        let non_autonome = self.flags(n, PART_NON_AUTONOME);
        let limited = self.flags(n, 0.15);
        let proches = self.of_kind(&[Kind::Proche]);
        let homes = self.of_kind(&[Kind::Proche, Kind::Loin]);
        let pstart = self.debut;
        for i in 0..n {
            let id = format!("s{:0width$}", i + 1);
            let nom = self.nom_personne();
            // Contract.
            let r = self.below(100);
            let type_ = match r {
                0..=74 => TypeContrat::CddiAci,
                75..=92 => TypeContrat::CddiEi,
                _ => TypeContrat::CdiInclusion,
            };
            let mut heures = *self
                .pick(&[26, 26, 26, 26, 26, 20, 24, 24, 28, 30, 30, 35, 35])
                .unwrap_or(&26);
            let dispo = if limited.get(i).copied().unwrap_or(false) {
                let (d, h) = self.disponibilites();
                heures = h;
                Some(d)
            } else {
                None
            };
            let (debut, fin) = match type_ {
                TypeContrat::CdiInclusion => {
                    let e = self.between(100, 1500);
                    (Some(plus(pstart, -i64::from(e))), None)
                }
                _ => {
                    let r = self.below(100);
                    if r < 4 {
                        // Starts inside the week (a Tuesday to a Thursday).
                        let d = plus(pstart, i64::from(self.between(1, 3)));
                        let months = *self.pick(&[4u32, 6, 6, 12]).unwrap_or(&6);
                        let f = d
                            .checked_add_months(Months::new(months))
                            .map_or(d, |x| plus(x, -1));
                        (Some(d), Some(f))
                    } else if r < 8 {
                        // Ends inside the week.
                        let f = plus(pstart, i64::from(self.between(0, 3)));
                        let months = *self.pick(&[4u32, 6, 12, 24]).unwrap_or(&6);
                        let d = f
                            .checked_sub_months(Months::new(months))
                            .map_or(f, |x| plus(x, 1));
                        (Some(d), Some(f))
                    } else {
                        let e = i64::from(self.between(7, 300));
                        let mut f = i64::from(self.between(14, 240));
                        if e + f < 122 {
                            f = 122 - e;
                        }
                        (Some(plus(pstart, -e)), Some(plus(pstart, f)))
                    }
                }
            };
            let contrat = Contrat {
                type_,
                heures_hebdo: f64::from(heures),
                debut,
                fin,
            };
            // Mobility: ~60 % walk or take the bus (three in four of them by bus).
            let (mobilite, domicile) = if non_autonome.get(i).copied().unwrap_or(true) {
                if self.chance(0.25) && !proches.is_empty() {
                    let h = proches.get(self.below(proches.len())).copied();
                    (Mobilite::Marche, h)
                } else {
                    let h = homes.get(self.below(homes.len())).copied();
                    (Mobilite::Transports, h)
                }
            } else {
                (Mobilite::Autonome, None)
            };
            let domicile = domicile
                .and_then(|h| self.places.get(h))
                .map(|p| p.id.clone());
            let permis = match mobilite {
                Mobilite::Autonome => self.chance(0.45),
                _ => self.chance(0.08),
            };
            let competences = if permis {
                vec!["permis_b".to_owned()]
            } else {
                vec![]
            };
            let restrictions = match self.below(100) {
                0..=7 => vec!["encombrants".to_owned()],
                8..=9 => vec!["espaces_verts".to_owned()],
                _ => vec![],
            };
            let besoins = self.besoins();
            self.salaries.push(Salarie {
                id,
                nom: Some(nom),
                contrat,
                domicile,
                mobilite,
                competences,
                restrictions,
                cip: None,
                rdv_cip_par_mois: None,
                disponibilites: dispo,
                absences: vec![],
                pmsmp: vec![],
                rdv_cip: vec![],
                besoins,
                preferences: Preferences::default(),
            });
            self.busy.push(vec![]);
        }
        self.absences_and_pmsmp();
        self.rdv_history();
    }

    /// A limited availability and the contract hours that go with it.
    fn disponibilites(&mut self) -> (Disponibilites, u32) {
        let mut d = Disponibilites::new();
        match self.below(4) {
            0 => {
                // School hours, Wednesday with the children.
                for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                    d.insert(j, vec![plage(hm(8, 30), hm(16, 30))]);
                }
                (d, *self.pick(&[20, 20, 24]).unwrap_or(&20))
            }
            1 => {
                // Mornings only.
                for j in WEEK {
                    d.insert(j, vec![plage(hm(6, 0), hm(13, 0))]);
                }
                (d, *self.pick(&[20, 22, 24]).unwrap_or(&20))
            }
            2 => {
                // Not on Wednesdays.
                for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                    d.insert(j, vec![plage(hm(6, 0), hm(18, 0))]);
                }
                (d, *self.pick(&[24, 26]).unwrap_or(&24))
            }
            _ => {
                // Friday afternoon off.
                for j in [Jour::Lun, Jour::Mar, Jour::Mer, Jour::Jeu] {
                    d.insert(j, vec![plage(hm(6, 0), hm(18, 0))]);
                }
                d.insert(Jour::Ven, vec![plage(hm(6, 0), hm(12, 0))]);
                (d, *self.pick(&[24, 26, 28]).unwrap_or(&26))
            }
        }
    }

    fn besoins(&mut self) -> Vec<String> {
        const THEMES: [&str; 10] = [
            "numerique",
            "numerique",
            "numerique",
            "recherche_emploi",
            "recherche_emploi",
            "recherche_emploi",
            "fle",
            "fle",
            "acces_droits",
            "sante",
        ];
        let mut out: Vec<String> = vec![];
        if self.chance(0.55) {
            let k = if self.chance(0.3) { 2 } else { 1 };
            for _ in 0..k {
                let t = if self.chance(0.1) {
                    "budget".to_owned()
                } else {
                    self.pick_str(&THEMES)
                };
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Whole-day, half-day and multi-day absences (about 15 % of people), and a few PMSMP of 2 to
    /// 5 days for people whose contract covers the week.
    fn absences_and_pmsmp(&mut self) {
        let open = self.open_days();
        let n = self.salaries.len();
        let pmsmp_count = (n / 25).max(1);
        let covering: Vec<usize> = (0..n)
            .filter(|&i| {
                self.salaries
                    .get(i)
                    .is_some_and(|s| self.days.iter().all(|d| s.contrat.covers(*d)))
            })
            .collect();
        let chosen = self.sample(covering.len(), pmsmp_count);
        let mut with_pmsmp = BTreeSet::new();
        for c in chosen {
            let Some(&i) = covering.get(c) else { continue };
            let len = self.between(2, 5) as usize;
            let first = self.below(self.days.len().saturating_sub(len) + 1);
            let du = self.days.get(first).copied().unwrap_or(self.debut);
            let au = self
                .days
                .get((first + len - 1).min(self.days.len().saturating_sub(1)))
                .copied()
                .unwrap_or(du);
            let entreprise = self.pick_str(names::ENTREPRISES);
            if let Some(s) = self.salaries.get_mut(i) {
                s.pmsmp.push(Pmsmp {
                    du,
                    au,
                    entreprise: Some(entreprise),
                });
            }
            let mut d = du;
            while d <= au {
                self.block(i, d, 0, DAY);
                d = plus(d, 1);
            }
            with_pmsmp.insert(i);
        }
        for i in 0..n {
            if with_pmsmp.contains(&i) || !self.chance(0.15) || open.is_empty() {
                continue;
            }
            let date = open
                .get(self.below(open.len()))
                .copied()
                .unwrap_or(self.debut);
            let motif = self.pick_str(names::MOTIFS);
            let absence = match self.below(10) {
                0..=3 => Absence {
                    date: Some(date),
                    du: None,
                    au: None,
                    de: None,
                    a: None,
                    motif: Some(motif),
                },
                4..=8 => {
                    let (de, a) = if self.chance(0.5) {
                        (hm(8, 0), hm(12, 0))
                    } else {
                        (hm(13, 30), hm(17, 0))
                    };
                    let motif = if motif == "congé" || motif == "arrêt maladie" {
                        "rendez-vous médical".to_owned()
                    } else {
                        motif
                    };
                    Absence {
                        date: Some(date),
                        du: None,
                        au: None,
                        de: Some(Heure(de)),
                        a: Some(Heure(a)),
                        motif: Some(motif),
                    }
                }
                _ => Absence {
                    date: None,
                    du: Some(date),
                    au: Some(plus(date, i64::from(self.between(1, 2)))),
                    de: None,
                    a: None,
                    motif: Some("arrêt maladie".to_owned()),
                },
            };
            if let Some((a, b)) = absence.days() {
                let mut d = a;
                while d <= b {
                    let (de, fin) = absence.on(d).unwrap_or((0, DAY));
                    self.block(i, d, de, fin);
                    d = plus(d, 1);
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.absences.push(absence);
            }
        }
    }

    fn block(&mut self, i: usize, date: NaiveDate, de: u32, a: u32) {
        if let Some(b) = self.busy.get_mut(i) {
            b.push(Busy { date, de, a });
        }
    }

    /// True when salarié·e `i` can be booked on `date` from `de` to `a`: inside the contract and
    /// the availability, no absence, PMSMP or other booking then.
    fn free(&self, i: usize, date: NaiveDate, de: u32, a: u32) -> bool {
        let Some(s) = self.salaries.get(i) else {
            return false;
        };
        if !s.contrat.covers(date) {
            return false;
        }
        if let Some(d) = &s.disponibilites {
            let ok = d
                .get(&Jour::of(date.weekday()))
                .is_some_and(|ps| ps.iter().any(|p| p.contains(de, a)));
            if !ok {
                return false;
            }
        }
        self.busy
            .get(i)
            .is_some_and(|bs| !bs.iter().any(|b| b.date == date && b.de < a && de < b.a))
    }

    /// Rdv already held this month before the week: up to 2 when the month is well advanced.
    fn rdv_history(&mut self) {
        let month_start = ymd(self.debut.year(), self.debut.month(), 1);
        for i in 0..self.salaries.len() {
            let from = self
                .salaries
                .get(i)
                .and_then(|s| s.contrat.debut)
                .map_or(month_start, |d| d.max(month_start));
            let mut days = vec![];
            let mut d = from;
            while d < self.debut {
                let ferie = FERIES.iter().any(|&(y, m, j)| ymd(y, m, j) == d);
                if d.weekday().num_days_from_monday() < 5 && !ferie {
                    days.push(d);
                }
                d = plus(d, 1);
            }
            let k = match days.len() {
                12.. => *self.pick(&[0usize, 1, 1, 2, 2, 2, 2]).unwrap_or(&2),
                5..=11 => *self.pick(&[0usize, 1, 1]).unwrap_or(&1),
                _ => 0,
            };
            let chosen = self.sample(days.len(), k);
            let mut rdv = vec![];
            for c in chosen {
                let minutes = *self.pick(&[30u32, 30, 30, 30, 45, 60]).unwrap_or(&30);
                if let Some(&date) = days.get(c) {
                    rdv.push(RdvPasse { date, minutes });
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.rdv_cip = rdv;
            }
        }
    }

    // -- staff ---------------------------------------------------------------------------------

    fn encadrants(&mut self) {
        let count = encadrants_for(self.n);
        let width = count.to_string().len().max(2);
        let open = self.open_days();
        for i in 0..count {
            let nom = self.nom_personne();
            let heures = *self
                .pick(&[35u32, 35, 35, 35, 35, 35, 35, 28, 30, 32])
                .unwrap_or(&35);
            let permis = i == 0 || self.chance(0.8);
            let activites = if i < 2 || self.chance(0.5) {
                None
            } else {
                let sets: [&[&str]; 5] = [
                    &["nettoyage"],
                    &["espaces_verts"],
                    &["nettoyage", "encombrants"],
                    &["espaces_verts", "encombrants"],
                    &["nettoyage", "espaces_verts"],
                ];
                let s = sets.get(self.below(sets.len())).copied().unwrap_or(&[]);
                Some(s.iter().map(|x| (*x).to_owned()).collect())
            };
            let disponibilites = if heures < 35 {
                // Part time: one day off in the week.
                let off = WEEK.get(self.below(5)).copied().unwrap_or(Jour::Mer);
                let mut d = Disponibilites::new();
                for j in WEEK.into_iter().filter(|j| *j != off) {
                    d.insert(j, vec![plage(hm(6, 0), hm(17, 0))]);
                }
                Some(d)
            } else {
                None
            };
            let absences = if self.chance(0.1) && !open.is_empty() {
                let date = open
                    .get(self.below(open.len()))
                    .copied()
                    .unwrap_or(self.debut);
                vec![Absence {
                    date: Some(date),
                    du: None,
                    au: None,
                    de: None,
                    a: None,
                    motif: Some("congé".to_owned()),
                }]
            } else {
                vec![]
            };
            self.encadrants.push(Encadrant {
                id: format!("e{:0width$}", i + 1),
                nom: Some(nom),
                heures_hebdo: f64::from(heures),
                competences: if permis {
                    vec!["permis_b".to_owned()]
                } else {
                    vec![]
                },
                activites,
                disponibilites,
                absences,
            });
        }
    }

    /// CIPs (about 1 for 22) at the régie, part-time patterns, 6 to 8 rdv a day; most
    /// salarié·es get a référent·e, spread evenly.
    fn cips(&mut self) {
        let count = cips_for(self.n);
        let open = self.open_days();
        for i in 0..count {
            let nom = self.nom_personne();
            let mut d = Disponibilites::new();
            let am = plage(hm(9, 0), hm(12, 0));
            let pm = plage(hm(13, 30), hm(17, 0));
            match self.below(3) {
                0 => {
                    d.insert(Jour::Lun, vec![pm]);
                    d.insert(Jour::Mar, vec![am, pm]);
                    d.insert(Jour::Jeu, vec![am, pm]);
                    d.insert(Jour::Ven, vec![am]);
                }
                1 => {
                    for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                        d.insert(j, vec![am, pm]);
                    }
                }
                _ => {
                    for j in WEEK {
                        d.insert(j, vec![am, plage(hm(13, 30), hm(16, 30))]);
                    }
                }
            }
            let absences = if self.chance(0.15) && !open.is_empty() {
                let date = open
                    .get(self.below(open.len()))
                    .copied()
                    .unwrap_or(self.debut);
                vec![Absence {
                    date: Some(date),
                    du: None,
                    au: None,
                    de: Some(Heure(hm(13, 30))),
                    a: Some(Heure(hm(17, 0))),
                    motif: Some("réunion partenaires".to_owned()),
                }]
            } else {
                vec![]
            };
            let max = self.between(6, 8);
            self.cips.push(Cip {
                id: format!("cip-{}", i + 1),
                nom: Some(nom),
                lieu: "regie".to_owned(),
                disponibilites: Some(d),
                absences,
                max_rdv_jour: Some(max),
            });
            self.cip_busy.push(vec![]);
        }
        let ids: Vec<String> = self.cips.iter().map(|c| c.id.clone()).collect();
        let mut next = self.below(ids.len());
        for i in 0..self.salaries.len() {
            if self.chance(0.9) {
                let id = ids.get(next % ids.len().max(1)).cloned();
                next += 1;
                if let Some(s) = self.salaries.get_mut(i) {
                    s.cip = id;
                }
            }
        }
    }

    // -- chantiers -----------------------------------------------------------------------------

    /// Chantiers until the crew demand reaches a goal drawn in 0.74..=0.78 of contract hours
    /// (see [`demand_ratio`]): first supervised ACI work (halls, espaces verts, encombrants, one EI
    /// chantier in seven) while the encadrant·es suffice, then bigger ACI crews (up to 5, one
    /// encadrant), then autonomous EI work, then fine steps.
    fn chantiers(&mut self) {
        let goal = 0.74 + 0.01 * f64::from(self.between(0, 4));
        let residences = self.of_kind(&[Kind::Residence]);
        let parcs = self.of_kind(&[Kind::Parc]);
        let encombrants_max = 1 + self.n / 80;
        let mut encombrants = 0;
        let mut used: BTreeSet<String> = BTreeSet::new();
        // The régie's own premises: optional EI work.
        let locaux = self.locaux();
        self.push_chantier(locaux, &mut used);
        // 0 halls, 1 espaces verts, 2 encombrants, 3 EI.
        let cycle = [0u8, 1, 0, 2, 0, 1, 3];
        // A kind is given up after three candidates in a row that the encadrant·es cannot cover.
        let mut failures = [0u8; 3];
        let mut blocked = [false; 3];
        let (mut r, mut p) = (0usize, 0usize);
        for k in 0..5000 {
            if self.ratio() >= goal - 0.03 || blocked.iter().all(|b| *b) {
                break;
            }
            let kind = cycle.get(k % cycle.len()).copied().unwrap_or(0);
            if blocked.get(kind as usize).copied().unwrap_or(false) {
                continue;
            }
            let c = match kind {
                0 => {
                    let site = residences.get(r % residences.len().max(1)).copied();
                    r += 1;
                    site.map(|s| self.halls(s))
                }
                1 => {
                    let site = parcs.get(p % parcs.len().max(1)).copied();
                    p += 1;
                    site.map(|s| self.espaces_verts(s))
                }
                2 if encombrants < encombrants_max => {
                    encombrants += 1;
                    Some(self.encombrants(encombrants))
                }
                2 => {
                    blocked[2] = true;
                    None
                }
                _ => {
                    let site = residences.get(self.below(residences.len())).copied();
                    site.map(|s| self.ei(s))
                }
            };
            match c {
                Some(c) if kind == 3 || self.encadrement_fits(&c) => {
                    if let Some(f) = failures.get_mut(kind as usize) {
                        *f = 0;
                    }
                    self.push_chantier(c, &mut used)
                }
                Some(_) => {
                    let k = kind as usize;
                    if let (Some(f), Some(b)) = (failures.get_mut(k), blocked.get_mut(k)) {
                        *f += 1;
                        *b = *f >= 3;
                    }
                }
                None => {}
            }
        }
        self.raise_crews(goal - 0.03, true);
        for _ in 0..5000 {
            if self.ratio() >= goal - 0.03 {
                break;
            }
            let site = residences.get(self.below(residences.len())).copied();
            if let Some(c) = site.map(|s| self.ei(s)) {
                self.push_chantier(c, &mut used);
            }
        }
        self.tune_demand(goal);
    }

    /// Adds a chantier, giving it a free id (`halls-x-2`, "(lot 2)") when its own is taken.
    fn push_chantier(&mut self, mut c: Chantier, used: &mut BTreeSet<String>) {
        let (base_id, base_nom) = (c.id.clone(), c.nom.clone());
        let mut suffix = 2;
        while used.contains(&c.id) {
            c.id = format!("{base_id}-{suffix}");
            c.nom = base_nom.as_ref().map(|n| format!("{n} (lot {suffix})"));
            suffix += 1;
        }
        used.insert(c.id.clone());
        self.chantiers.push(c);
    }

    /// (chantier, vacation) of the mandatory vacations, of supervised chantiers only if `aci`.
    fn slots(&self, aci: bool) -> Vec<(usize, usize)> {
        self.chantiers
            .iter()
            .enumerate()
            .filter(|(_, c)| !aci || c.ratio_encadrement != Some(0))
            .flat_map(|(ci, c)| {
                c.vacations
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.optionnelle)
                    .map(move |(vi, _)| (ci, vi))
            })
            .collect()
    }

    fn bump(&mut self, ci: usize, vi: usize, up: bool) {
        if let Some(v) = self
            .chantiers
            .get_mut(ci)
            .and_then(|c| c.vacations.get_mut(vi))
        {
            if up {
                v.equipe.min += 1;
                v.equipe.max += 1;
            } else if v.equipe.min > 1 {
                v.equipe.min -= 1;
                v.equipe.max -= 1;
            }
        }
    }

    /// Raises crew minimums in turn (up to their cap) until the ratio reaches `goal`.
    fn raise_crews(&mut self, goal: f64, aci: bool) {
        let slots = self.slots(aci);
        let mut cursor = 0usize;
        for _ in 0..20_000 {
            if self.ratio() >= goal {
                break;
            }
            let mut found = None;
            for step in 0..slots.len() {
                let Some(&(ci, vi)) = slots.get((cursor + step) % slots.len()) else {
                    break;
                };
                if self.vac_min(ci, vi).is_some_and(|(m, c)| m < c) {
                    found = Some((ci, vi));
                    cursor += step + 1;
                    break;
                }
            }
            let Some((ci, vi)) = found else {
                break;
            };
            self.bump(ci, vi, true);
        }
    }

    /// True when, with `extra`, every half-day of the week has at most as many shifts needing
    /// an encadrant as there are encadrant·es present, less a margin of one in six.
    /// Crews stay at most 5 (the ratio), so each such shift needs one encadrant.
    fn encadrement_fits(&self, extra: &Chantier) -> bool {
        for d in self.open_days() {
            let j = Jour::of(d.weekday());
            let present = self
                .encadrants
                .iter()
                .filter(|e| {
                    e.disponibilites.as_ref().is_none_or(|x| x.contains_key(&j))
                        && !e
                            .absences
                            .iter()
                            .any(|a| a.on(d).is_some() && a.whole_day())
                })
                .count();
            let limit = present.saturating_sub(present / 6);
            for morning in [true, false] {
                let count = self
                    .chantiers
                    .iter()
                    .chain(std::iter::once(extra))
                    .filter(|c| c.ratio_encadrement != Some(0))
                    .flat_map(|c| c.vacations.iter())
                    .filter(|v| !v.optionnelle && v.jours.contains(&j))
                    .filter(|v| {
                        v.debuts
                            .first()
                            .is_some_and(|h| (h.0 < hm(12, 0)) == morning)
                    })
                    .count();
                if count > limit {
                    return false;
                }
            }
        }
        true
    }

    /// Fine steps: raises the smallest vacation until the ratio reaches `goal`, then lowers
    /// crews while it is above 0.83.
    fn tune_demand(&mut self, goal: f64) {
        let slots = self.slots(false);
        for _ in 0..20_000 {
            if self.ratio() >= goal {
                break;
            }
            let target = slots
                .iter()
                .copied()
                .filter(|&(ci, vi)| self.vac_min(ci, vi).is_some_and(|(m, c)| m < c))
                .min_by_key(|&(ci, vi)| self.vac_weight(ci, vi));
            let Some((ci, vi)) = target else {
                break;
            };
            self.bump(ci, vi, true);
        }
        for _ in 0..20_000 {
            if self.ratio() <= DEMAND_RATIO.1 - 0.02 {
                break;
            }
            let target = slots
                .iter()
                .copied()
                .filter(|&(ci, vi)| self.vac_min(ci, vi).is_some_and(|(m, _)| m > 2))
                .min_by_key(|&(ci, vi)| self.vac_weight(ci, vi));
            let Some((ci, vi)) = target else {
                break;
            };
            self.bump(ci, vi, false);
        }
    }

    /// `(min, cap)` of a vacation: ACI crews up to 5 (one encadrant), EI crews up to 3.
    fn vac_min(&self, ci: usize, vi: usize) -> Option<(u32, u32)> {
        let c = self.chantiers.get(ci)?;
        let v = c.vacations.get(vi)?;
        let cap = if c.ratio_encadrement == Some(0) { 3 } else { 5 };
        Some((v.equipe.min, cap))
    }
    fn vac_weight(&self, ci: usize, vi: usize) -> u32 {
        self.chantiers
            .get(ci)
            .and_then(|c| c.vacations.get(vi))
            .map_or(u32::MAX, |v| v.jours.len() as u32 * v.duree.0)
    }

    fn ratio(&self) -> f64 {
        let periode = Periode {
            debut: self.debut,
            jours: self.days.len() as u32,
            feries: self.feries.clone(),
        };
        ratio(
            &periode,
            &Reglages::default(),
            &self.salaries,
            &self.chantiers,
        )
    }

    fn place_id(&self, i: usize) -> (String, String) {
        self.places.get(i).map_or_else(
            || ("regie".to_owned(), String::new()),
            |p| (p.id.clone(), p.nom.clone()),
        )
    }

    fn jours_sur(&mut self, k: usize) -> Vec<Jour> {
        let mut ix = self.sample(5, k);
        ix.sort_unstable();
        ix.into_iter()
            .filter_map(|i| WEEK.get(i).copied())
            .collect()
    }

    fn vacation(jours: Vec<Jour>, debuts: &[u32], duree: u32, min: u32, plus_max: u32) -> Vacation {
        Vacation {
            jours,
            debuts: debuts.iter().map(|&d| Heure(d)).collect(),
            duree: Duree(duree),
            equipe: Equipe {
                min,
                max: min + plus_max,
            },
            optionnelle: false,
        }
    }

    /// Halls and stairwells of a residence: early morning, 2 or 3 start options between 06:00
    /// and 08:00, 3 to 4 h; sometimes an afternoon round for the bins.
    fn halls(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let first = hm(6, 0) + 30 * self.between(0, 3);
        let options = self.between(2, 3);
        let debuts: Vec<u32> = (0..options)
            .map(|k| first + 30 * k)
            .filter(|&t| t <= hm(8, 0))
            .collect();
        let duree = *self.pick(&[180u32, 210, 210, 240]).unwrap_or(&210);
        let jours = if self.chance(0.75) {
            WEEK.to_vec()
        } else {
            vec![Jour::Lun, Jour::Mer, Jour::Ven]
        };
        let min = self.between(3, 4);
        let plus_max = self.between(1, 2);
        let mut vacations = vec![Self::vacation(jours, &debuts, duree, min, plus_max)];
        if self.chance(0.6) {
            // Afternoon round: bins, windows, common rooms.
            let k = self.between(3, 5) as usize;
            let jours = self.jours_sur(k);
            let duree = *self.pick(&[150u32, 180]).unwrap_or(&150);
            let min = self.between(2, 3);
            vacations.push(Self::vacation(
                jours,
                &[hm(13, 30), hm(14, 0)],
                duree,
                min,
                1,
            ));
        }
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: format!("halls-{}", lieu.trim_start_matches("res-")),
            nom: Some(format!("Entretien des halls et escaliers, {nom}")),
            client: Some(client),
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu,
            priorite: if self.chance(0.6) { 2 } else { 1 },
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations,
        }
    }

    /// Green spaces: mornings 08:00 or 08:30 for 3.5 h, afternoons 13:00 or 13:30 for 3 h.
    fn espaces_verts(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let jours = if self.chance(0.5) {
            WEEK.to_vec()
        } else {
            vec![Jour::Lun, Jour::Mar, Jour::Mer, Jour::Jeu]
        };
        let min = self.between(3, 4);
        let plus_max = self.between(1, 2);
        let mut vacations = vec![Self::vacation(
            jours,
            &[hm(8, 0), hm(8, 30)],
            210,
            min,
            plus_max,
        )];
        let k = self.between(3, 5) as usize;
        let jours = self.jours_sur(k);
        let min = self.between(2, 4);
        vacations.push(Self::vacation(
            jours,
            &[hm(13, 0), hm(13, 30)],
            180,
            min,
            self.between(1, 2),
        ));
        let client = self.pick_str(names::VILLES);
        let lien = self.chance(0.3);
        Chantier {
            id: format!("ev-{lieu}"),
            nom: Some(format!("Espaces verts, {nom}")),
            client: Some(client),
            activite: "espaces_verts".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu,
            priorite: if self.chance(0.4) { 2 } else { 1 },
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: if lien { 0.1 } else { 0.0 },
            vacations,
        }
    }

    /// Bulky waste: from the régie's depot with the van (one permis B in the crew), 4 h, two
    /// days a week.
    fn encombrants(&mut self, k: usize) -> Chantier {
        let pairs: [[Jour; 2]; 3] = [
            [Jour::Mar, Jour::Ven],
            [Jour::Lun, Jour::Jeu],
            [Jour::Mer, Jour::Ven],
        ];
        let jours = pairs
            .get((k - 1) % 3)
            .copied()
            .unwrap_or([Jour::Mar, Jour::Ven]);
        let debuts: &[u32] = if self.chance(0.5) {
            &[hm(8, 0)]
        } else {
            &[hm(7, 30), hm(8, 0)]
        };
        let min = self.between(2, 3);
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: "encombrants".to_owned(),
            nom: Some("Collecte des encombrants".to_owned()),
            client: Some(client),
            activite: "encombrants".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu: "regie".to_owned(),
            priorite: 2,
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec!["permis_b".to_owned()],
            part_lien_social: 0.0,
            vacations: vec![Self::vacation(jours.to_vec(), debuts, 240, min, 1)],
        }
    }

    /// EI work (market, autonomous: ratio 0): common parts of a residence, 2.5 h, early
    /// morning or late afternoon.
    fn ei(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let first = if self.chance(0.5) {
            hm(6, 0) + 30 * self.between(0, 1)
        } else {
            hm(16, 30) + 30 * self.between(0, 1)
        };
        let min = self.between(2, 3);
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: format!("ei-{}", lieu.trim_start_matches("res-")),
            nom: Some(format!("Parties communes (prestation EI), {nom}")),
            client: Some(client),
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Ei,
            lieu,
            priorite: 1,
            ratio_encadrement: Some(0),
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations: vec![Self::vacation(
                WEEK.to_vec(),
                &[first, first + 30],
                150,
                min,
                1,
            )],
        }
    }

    fn locaux(&mut self) -> Chantier {
        let mut v = Self::vacation(WEEK.to_vec(), &[hm(13, 30), hm(14, 0)], 120, 1, 1);
        v.optionnelle = true;
        Chantier {
            id: "locaux-regie".to_owned(),
            nom: Some("Entretien des locaux de la régie".to_owned()),
            client: None,
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Ei,
            lieu: "regie".to_owned(),
            priorite: 1,
            ratio_encadrement: Some(0),
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations: vec![v],
        }
    }

    /// A few preferred chantiers (8 %) and colleagues to avoid (4 %).
    fn preferences(&mut self) {
        let n = self.salaries.len();
        let ids: Vec<String> = self
            .chantiers
            .iter()
            .filter(|c| !c.vacations.iter().all(|v| v.optionnelle))
            .map(|c| c.id.clone())
            .collect();
        for i in 0..n {
            let mut p = Preferences::default();
            if self.chance(0.08)
                && let Some(c) = ids.get(self.below(ids.len()))
            {
                p.chantiers.push(c.clone());
            }
            if self.chance(0.04) {
                let j = self.below(n);
                if j != i
                    && let Some(o) = self.salaries.get(j)
                {
                    p.eviter.push(o.id.clone());
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.preferences = p;
            }
        }
    }

    // -- accompaniment -------------------------------------------------------------------------

    /// Up to `k` salarié·es free on every `(date, de, a)`, preferring those `wanted` accepts;
    /// books them.
    fn enrol(
        &mut self,
        slots: &[(NaiveDate, u32, u32)],
        k: usize,
        wanted: &dyn Fn(&Salarie) -> bool,
    ) -> Vec<String> {
        let n = self.salaries.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut self.rng);
        let mut out = vec![];
        for pass in [true, false] {
            for &i in &order {
                if out.len() >= k {
                    break;
                }
                let Some(s) = self.salaries.get(i) else {
                    continue;
                };
                if wanted(s) != pass || out.contains(&s.id) {
                    continue;
                }
                // One fixed enrolment a day at most: two on one day may leave an interruption
                // that the part-time day rule (plan rule 11) forbids, and the week would have
                // no plan.
                let day_taken = |d: NaiveDate| {
                    self.busy
                        .get(i)
                        .is_some_and(|bs| bs.iter().any(|b| b.date == d))
                };
                if slots
                    .iter()
                    .all(|&(d, de, a)| self.free(i, d, de, a) && !day_taken(d))
                {
                    out.push(s.id.clone());
                    for &(d, de, a) in slots {
                        self.block(i, d, de, a);
                    }
                }
            }
        }
        let mut ids: Vec<(usize, String)> = out
            .into_iter()
            .map(|id| {
                (
                    self.salaries.iter().position(|s| s.id == id).unwrap_or(0),
                    id,
                )
            })
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    /// Formations (1 + n/50): SST, gestes et postures, CACES, habilitation électrique; 1 or 2
    /// séances, 2 to 6 inscrits free at every séance.
    fn formations(&mut self) -> Vec<Formation> {
        let count = 1 + self.n / 50;
        let open = self.open_days();
        let mut out = vec![];
        for f in 0..count {
            if open.is_empty() {
                break;
            }
            let di = self.below(open.len());
            let d = open.get(di).copied().unwrap_or(self.debut);
            let next = open.get(di + 1).copied();
            let kind = (f + self.below(4)) % 4;
            let (code, intitule, lieu, seances): (&str, &str, &str, Vec<(NaiveDate, u32, u32)>) =
                match kind {
                    0 => (
                        "sst",
                        "Sauveteur secouriste du travail (SST)",
                        "organisme-formation",
                        vec![(d, hm(8, 30), hm(12, 0)), (d, hm(13, 0), hm(16, 30))],
                    ),
                    1 => (
                        "gestes-postures",
                        "Gestes et postures",
                        "regie",
                        vec![(d, hm(9, 0), hm(12, 0))],
                    ),
                    2 => (
                        "caces",
                        "CACES R489 chariots élévateurs",
                        "organisme-formation",
                        match next {
                            Some(n2) => {
                                vec![(d, hm(8, 30), hm(12, 30)), (n2, hm(8, 30), hm(12, 30))]
                            }
                            None => vec![(d, hm(8, 30), hm(12, 30)), (d, hm(13, 30), hm(16, 30))],
                        },
                    ),
                    _ => (
                        "habilitation",
                        "Habilitation électrique H0B0",
                        "organisme-formation",
                        vec![(d, hm(13, 30), hm(16, 30))],
                    ),
                };
            let k = self.between(2, 6) as usize;
            let caces = kind == 2;
            let inscrits = self.enrol(&seances, k, &|s: &Salarie| {
                !caces || s.competences.iter().any(|c| c == "permis_b")
            });
            if inscrits.is_empty() {
                continue;
            }
            out.push(Formation {
                id: format!("{code}-{}", f + 1),
                intitule: Some(intitule.to_owned()),
                lieu: lieu.to_owned(),
                seances: seances
                    .iter()
                    .map(|&(date, de, a)| Seance {
                        date,
                        de: Heure(de),
                        a: Heure(a),
                    })
                    .collect(),
                inscrits,
            });
        }
        out
    }

    /// Ateliers (1 to 2 for 15 salarié·es): themes drawn from the besoins, at the régie, 6 to
    /// 10 places, 0 to 3 inscrits free then, some led by a CIP free then.
    fn ateliers(&mut self) -> Vec<Atelier> {
        let lo = self.n.div_ceil(15).max(1);
        let hi = (2 * self.n / 15).max(lo);
        let count = self.between(lo as u32, hi as u32) as usize;
        let open = self.open_days();
        let themes: Vec<String> = self
            .salaries
            .iter()
            .flat_map(|s| s.besoins.clone())
            .collect();
        let mut out = vec![];
        for a in 0..count {
            if open.is_empty() {
                break;
            }
            let theme = themes
                .get(self.below(themes.len()))
                .cloned()
                .unwrap_or_else(|| "numerique".to_owned());
            let date = open
                .get(self.below(open.len()))
                .copied()
                .unwrap_or(self.debut);
            let slots = [
                (hm(14, 0), hm(16, 0)),
                (hm(13, 30), hm(15, 30)),
                (hm(9, 30), hm(11, 30)),
                (hm(14, 0), hm(16, 30)),
            ];
            let (de, fin) = slots
                .get(self.below(slots.len()))
                .copied()
                .unwrap_or((hm(14, 0), hm(16, 0)));
            let places = self.between(6, 10);
            let k = self.below(4).min(places as usize);
            let t = theme.clone();
            let inscrits = self.enrol(&[(date, de, fin)], k, &|s: &Salarie| s.besoins.contains(&t));
            let anime_par = if self.chance(0.4) {
                self.free_cip(date, de, fin)
            } else {
                None
            };
            let job_dating = theme == "recherche_emploi" && self.chance(0.2);
            out.push(Atelier {
                id: format!("at-{}-{}", theme.replace('_', "-"), a + 1),
                theme,
                date,
                de: Heure(de),
                a: Heure(fin),
                lieu: "regie".to_owned(),
                places,
                inscrits,
                anime_par,
                categorie: if job_dating {
                    CategorieAtelier::AutreAction
                } else {
                    CategorieAtelier::AtelierCollectif
                },
            });
        }
        out
    }

    /// A CIP available, not absent and not already leading an atelier then; books them.
    fn free_cip(&mut self, date: NaiveDate, de: u32, a: u32) -> Option<String> {
        let start = self.below(self.cips.len());
        for k in 0..self.cips.len() {
            let i = (start + k) % self.cips.len();
            let Some(c) = self.cips.get(i) else { continue };
            let available = c.disponibilites.as_ref().is_none_or(|d| {
                d.get(&Jour::of(date.weekday()))
                    .is_some_and(|ps| ps.iter().any(|p| p.contains(de, a)))
            });
            let absent = c
                .absences
                .iter()
                .any(|x| x.on(date).is_some_and(|(s, e)| s < a && de < e));
            let busy = self
                .cip_busy
                .get(i)
                .is_some_and(|bs| bs.iter().any(|b| b.date == date && b.de < a && de < b.a));
            if available && !absent && !busy {
                let id = c.id.clone();
                if let Some(b) = self.cip_busy.get_mut(i) {
                    b.push(Busy { date, de, a });
                }
                return Some(id);
            }
        }
        None
    }
}
