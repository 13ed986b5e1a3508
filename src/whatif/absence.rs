//! The absenteeism question: random whole-day absences, re-planned, and the distribution of the
//! production shortfall; then how many "tampon" salarié·es keep its 90th percentile under a target.
//!
//! Draw `d` (0-based) uses its own generator `ChaCha8Rng::seed_from_u64(graine + d)`, so draws
//! may run in any order and in parallel with the same numbers. In a draw, each salarié·e, in list
//! order, and each period day in order get one number `u` in [0, 1); the person is absent that
//! whole day when `u < taux` and the day is a working day inside the contract that is not already
//! a whole-day absence, nor a day of a fixed enrolment (atelier, formation séance): those are kept.
//! Tampon salarié·es come last in the list: adding them never changes the others' draws.
//!
//! Tampon (the reading of the guide's "tampon" salarié·es): for k = 0, 1, … up to the profile's
//! `max`, the same draws are re-run with k extra salarié·es of the `tampon` profile (absent at the
//! same rate); the answer is the first k whose 90th percentile is at most `cible_p90_heures`.

use super::apply::{salarie_from_profile, validated};
use super::measure;
use super::variants::{Absenteisme, ProfilSalarie};
use crate::diag::Diagnostic;
use crate::format::scenario::{Absence, Scenario};
use crate::kernel::Options;
use crate::kernel::output::round6;
use crate::model::calendar::{is_working_day, period_days};
use crate::model::presence::absent_all_day;
use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Motif of the drawn absences.
pub(crate) const MOTIF: &str = "absence simulée";

/// Distribution of the shortfall over the draws (hours).
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    /// Number of draws.
    pub tirages: u32,
    /// Mean shortfall.
    pub moyenne: f64,
    /// Nearest-rank 90th percentile: the ⌈0.9 n⌉-th smallest value.
    pub p90: f64,
    /// Smallest shortfall.
    pub min: f64,
    /// Largest shortfall.
    pub max: f64,
    /// Every draw passed the verifier.
    pub verifie: bool,
}

/// The tampon answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Tampon {
    /// k tampon salarié·es keep the 90th percentile under the target (with their distribution).
    Atteint {
        /// Tampon salarié·es added.
        k: u32,
        /// The shortfall with them.
        distribution: Distribution,
    },
    /// Even `max` do not.
    NonAtteint {
        /// The most tampon salarié·es tried.
        max: u32,
        /// The 90th percentile with them.
        p90: f64,
    },
}

/// What the absence draws found: the shortfall without tampon, the tampon answer, the solves.
#[derive(Debug, Clone, PartialEq)]
pub struct Resultat {
    /// The shortfall with nobody added.
    pub sans_tampon: Distribution,
    /// The tampon answer, when asked.
    pub tampon: Option<Tampon>,
    /// Number of solves.
    pub resolutions: usize,
}

/// The nearest-rank percentile `q` (0 < q ≤ 1) of `v` (not empty).
pub(crate) fn percentile(v: &[f64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n == 0 {
        return 0.0;
    }
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    s[rank - 1]
}

/// Days with a fixed enrolment of salarié·e `id` (never drawn absent).
fn fixed_days(sc: &Scenario, id: &str) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = sc
        .ateliers
        .iter()
        .filter(|a| a.inscrits.iter().any(|x| x == id))
        .map(|a| a.date)
        .collect();
    for f in &sc.formations {
        if f.inscrits.iter().any(|x| x == id) {
            v.extend(f.seances.iter().map(|s| s.date));
        }
    }
    v
}

/// The scenario of draw `d`.
pub fn draw(sc: &Scenario, taux: f64, graine: u64, d: u32) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(graine.wrapping_add(u64::from(d)));
    let days = period_days(sc);
    let mut out = sc.clone();
    for s in &mut out.salaries {
        let fixed = fixed_days(sc, &s.id);
        let mut drawn = Vec::new();
        for &day in &days {
            let u: f64 = rng.random();
            if u < taux
                && is_working_day(sc, day)
                && s.contrat.covers(day)
                && !absent_all_day(&s.absences, day)
                && !fixed.contains(&day)
            {
                drawn.push(day);
            }
        }
        s.absences.extend(drawn.into_iter().map(|day| Absence {
            date: Some(day),
            du: None,
            au: None,
            de: None,
            a: None,
            motif: Some(MOTIF.to_owned()),
        }));
    }
    out
}

/// The variant with k tampon salarié·es, ids `tampon-PROFIL-K`.
pub(crate) fn with_tampons(sc: &Scenario, p: &ProfilSalarie, k: u32) -> Scenario {
    let mut out = sc.clone();
    for i in 1..=k {
        let id = format!("tampon-{}-{i}", p.profil);
        out.salaries.push(salarie_from_profile(sc, p, id));
    }
    out
}

/// Runs every draw of `sc` (in parallel) and returns the distribution of the shortfall.
fn distribution(
    sc: &Scenario,
    a: &Absenteisme,
    opts: &Options,
    path: &str,
) -> Result<Distribution, Vec<Diagnostic>> {
    let runs: Vec<Result<(f64, bool), Vec<Diagnostic>>> = (0..a.tirages)
        .into_par_iter()
        .map(|d| {
            let drawn = validated(draw(sc, a.taux, a.graine, d), path)?;
            let m = measure::solve(&drawn, opts, drawn.salaries.len());
            Ok((m.manque, m.verifie))
        })
        .collect();
    let mut manques = Vec::with_capacity(runs.len());
    let mut verifie = true;
    for r in runs {
        let (m, ok) = r?;
        manques.push(m);
        verifie &= ok;
    }
    let n = manques.len().max(1) as f64;
    Ok(Distribution {
        tirages: a.tirages,
        moyenne: round6(manques.iter().sum::<f64>() / n),
        p90: percentile(&manques, 0.9),
        min: manques.iter().copied().reduce(f64::min).unwrap_or(0.0),
        max: manques.iter().copied().fold(0.0, f64::max),
        verifie,
    })
}

/// Answers the absenteeism question on the variant `sc` (`path` locates errors).
pub fn simulate(
    sc: &Scenario,
    a: &Absenteisme,
    opts: &Options,
    path: &str,
) -> Result<Resultat, Vec<Diagnostic>> {
    let sans_tampon = distribution(sc, a, opts, path)?;
    let mut resolutions = a.tirages as usize;
    let tampon = match (&a.tampon, a.cible_p90_heures) {
        (Some(p), Some(cible)) => {
            let mut found = None;
            let mut last = sans_tampon.clone();
            for k in 0..=p.max {
                let dist = if k == 0 {
                    sans_tampon.clone()
                } else {
                    resolutions += a.tirages as usize;
                    distribution(&with_tampons(sc, p, k), a, opts, path)?
                };
                if dist.p90 <= cible + 1e-9 {
                    found = Some(Tampon::Atteint {
                        k,
                        distribution: dist,
                    });
                    break;
                }
                last = dist;
            }
            Some(found.unwrap_or(Tampon::NonAtteint {
                max: p.max,
                p90: last.p90,
            }))
        }
        _ => None,
    };
    Ok(Resultat {
        sans_tampon,
        tampon,
        resolutions,
    })
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentile() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.9), 9.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 0.9), 3.0);
        assert_eq!(percentile(&[5.0], 0.9), 5.0);
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.9), 18.0);
    }
}
