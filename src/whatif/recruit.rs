//! The recruitment question: the smallest hiring (in ETP, then in heads) that brings the
//! production shortfall under the tolerance while keeping the accompaniment minimums.
//!
//! A hiring is a vector of counts, one per profile (salarié·e profiles first, then encadrant·e
//! profiles, in file order). Candidates are the vectors within the maximums, in one total order
//! that depends on the vectors only, never on the maximums: total weekly hours (ETP), then heads,
//! then more of the earlier profiles first. The answer is the first *acceptable* vector in that
//! order: production shortfall ≤ tolerance, and the existing salarié·es miss no more rdv due by
//! now than they do without hiring (hiring must not cost accompaniment).
//!
//! Search: the vector of every maximum is solved first (not acceptable: no hiring within the
//! maximums can, one solve). Then the candidates are solved in order, in batches of [`LOT`] run in
//! parallel (rayon, one HiGHS thread per solve); a candidate every count of which is at most that
//! of a vector found not acceptable is skipped (more people never lengthen the shortfall: extra
//! people may always be left idle). The batch size is fixed, so the solves, and the answer, are the
//! same with one thread or many. Raising a maximum only adds candidates: the answer can only
//! become a cheaper vector, and stays the same when the cheaper ones were already within the
//! smaller maximums.

use super::apply::{encadrant_from_profile, salarie_from_profile};
use super::measure::{self, Mesures};
use super::variants::{HEURES_ETP, Recrutement};
use crate::format::scenario::Scenario;
use crate::kernel::Options;
use rayon::prelude::*;
use std::cmp::Reverse;

/// Candidates solved together.
pub(crate) const LOT: usize = 4;

/// The answer to a recruitment question.
#[derive(Debug, Clone, PartialEq)]
pub enum Embauches {
    /// The variant needs no hire.
    Aucune,
    /// The smallest hiring: `(profil, count)` for every profile with a non-zero count.
    Trouvee {
        /// `(profil, count)` for every profile hired.
        comptes: Vec<(String, u32)>,
        /// Full-time equivalents hired.
        etp: f64,
        /// People hired.
        personnes: u32,
    },
    /// No hiring within the maximums reaches the tolerance; shortfall with every maximum hired.
    Impossible {
        /// The shortfall with every maximum hired.
        manque_au_maximum: f64,
    },
}

impl Embauches {
    /// Full-time equivalents hired (0 unless found).
    pub fn etp(&self) -> f64 {
        match self {
            Embauches::Trouvee { etp, .. } => *etp,
            _ => 0.0,
        }
    }
    /// People hired (0 unless found).
    pub fn personnes(&self) -> u32 {
        match self {
            Embauches::Trouvee { personnes, .. } => *personnes,
            _ => 0,
        }
    }
    /// `2 × cddi-26, 1 × eti` / `aucune` / `impossible`.
    pub fn texte(&self) -> String {
        match self {
            Embauches::Aucune => "aucune".to_owned(),
            Embauches::Trouvee { comptes, .. } => comptes
                .iter()
                .map(|(p, n)| format!("{n} × {p}"))
                .collect::<Vec<_>>()
                .join(", "),
            Embauches::Impossible { .. } => "impossible".to_owned(),
        }
    }
}

/// The outcome of the search: the answer, the scenario with the hires (the variant itself when
/// none or impossible) and its measures, and the number of solves.
#[derive(Debug, Clone)]
pub struct Recherche {
    /// The answer.
    pub embauches: Embauches,
    /// The scenario with the hires.
    pub scenario: Scenario,
    /// Its measures.
    pub mesures: Mesures,
    /// Number of solves.
    pub resolutions: usize,
}

/// One profile as the search sees it.
struct Profil {
    nom: String,
    max: u32,
    /// Weekly hours × 100, integer (ETP order without float ties).
    centiemes: i64,
}

fn profils(r: &Recrutement) -> Vec<Profil> {
    let mk = |nom: &str, max: u32, h: f64| Profil {
        nom: nom.to_owned(),
        max,
        centiemes: (h * 100.0).round() as i64,
    };
    r.salaries
        .iter()
        .map(|p| mk(&p.profil, p.max, p.contrat.heures_hebdo))
        .chain(
            r.encadrants
                .iter()
                .map(|p| mk(&p.profil, p.max, p.heures_hebdo)),
        )
        .collect()
}

/// The variant with `counts` hires: ids `recrue-PROFIL-K` (K from 1), appended after everyone.
pub(crate) fn with_hires(sc: &Scenario, r: &Recrutement, counts: &[u32]) -> Scenario {
    let mut out = sc.clone();
    let ns = r.salaries.len();
    for (p, &n) in r.salaries.iter().zip(counts) {
        for k in 1..=n {
            let id = format!("recrue-{}-{k}", p.profil);
            out.salaries.push(salarie_from_profile(sc, p, id));
        }
    }
    for (p, &n) in r.encadrants.iter().zip(counts.iter().skip(ns)) {
        for k in 1..=n {
            let id = format!("recrue-{}-{k}", p.profil);
            out.encadrants.push(encadrant_from_profile(p, id));
        }
    }
    out
}

/// Every vector within the maximums, in the search order (see the module doc).
fn candidates(ps: &[Profil]) -> Vec<Vec<u32>> {
    let mut all: Vec<Vec<u32>> = vec![Vec::new()];
    for p in ps {
        all = all
            .into_iter()
            .flat_map(|v| {
                (0..=p.max).map(move |k| {
                    let mut w = v.clone();
                    w.push(k);
                    w
                })
            })
            .collect();
    }
    let key = |v: &Vec<u32>| {
        let hours: i64 = v
            .iter()
            .zip(ps)
            .map(|(&k, p)| i64::from(k) * p.centiemes)
            .sum();
        let heads: u32 = v.iter().sum();
        (
            hours,
            heads,
            v.iter().map(|&k| Reverse(k)).collect::<Vec<_>>(),
        )
    };
    all.sort_by_cached_key(key);
    all
}

fn acceptable(m: &Mesures, r: &Recrutement, retard_sans: u32) -> bool {
    m.statut != crate::format::plan::Statut::SansSolution
        && m.manque <= r.tolerance_heures + 1e-9
        && m.rdv_en_retard_existants <= retard_sans
}

/// Answers the recruitment question of a variant `sc` whose plan without hires is `sans`.
pub fn search(sc: &Scenario, r: &Recrutement, opts: &Options, sans: &Mesures) -> Recherche {
    let existants = sc.salaries.len();
    let retard_sans = sans.rdv_en_retard_existants;
    let none = |embauches, resolutions| Recherche {
        embauches,
        scenario: sc.clone(),
        mesures: sans.clone(),
        resolutions,
    };
    if acceptable(sans, r, retard_sans) {
        return none(Embauches::Aucune, 0);
    }
    let ps = profils(r);
    let maxv: Vec<u32> = ps.iter().map(|p| p.max).collect();
    let solve = |v: &[u32]| {
        let hired = with_hires(sc, r, v);
        let m = measure::solve(&hired, opts, existants);
        (hired, m)
    };
    let (hired_max, m_max) = solve(&maxv);
    let mut resolutions = 1;
    if !acceptable(&m_max, r, retard_sans) {
        return none(
            Embauches::Impossible {
                manque_au_maximum: m_max.manque,
            },
            resolutions,
        );
    }
    let mut refused: Vec<Vec<u32>> = vec![vec![0; ps.len()]];
    let order = candidates(&ps);
    let mut next = 0;
    while next < order.len() {
        let mut batch: Vec<&Vec<u32>> = Vec::with_capacity(LOT);
        while batch.len() < LOT && next < order.len() {
            let v = &order[next];
            next += 1;
            let dominated = refused.iter().any(|w| v.iter().zip(w).all(|(a, b)| a <= b));
            if !dominated {
                batch.push(v);
            }
        }
        let results: Vec<(Scenario, Mesures)> = batch
            .par_iter()
            .map(|v| {
                if **v == maxv {
                    (hired_max.clone(), m_max.clone())
                } else {
                    solve(v)
                }
            })
            .collect();
        for (v, (hired, m)) in batch.iter().zip(results) {
            if **v != maxv {
                resolutions += 1;
            }
            if acceptable(&m, r, retard_sans) {
                let comptes = ps
                    .iter()
                    .zip(v.iter())
                    .filter(|(_, k)| **k > 0)
                    .map(|(p, k)| (p.nom.clone(), *k))
                    .collect();
                let centiemes: i64 = v
                    .iter()
                    .zip(&ps)
                    .map(|(&k, p)| i64::from(k) * p.centiemes)
                    .sum();
                return Recherche {
                    embauches: Embauches::Trouvee {
                        comptes,
                        etp: crate::kernel::output::round6(centiemes as f64 / 100.0 / HEURES_ETP),
                        personnes: v.iter().sum(),
                    },
                    scenario: hired,
                    mesures: m,
                    resolutions,
                };
            }
            refused.push((*v).clone());
        }
    }
    // Not reached: the vector of every maximum is acceptable and is a candidate.
    Recherche {
        embauches: Embauches::Impossible {
            manque_au_maximum: m_max.manque,
        },
        scenario: sc.clone(),
        mesures: sans.clone(),
        resolutions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_order_depends_on_hours_heads_then_profile_order() {
        let ps = vec![
            Profil {
                nom: "a".into(),
                max: 2,
                centiemes: 2600,
            },
            Profil {
                nom: "b".into(),
                max: 1,
                centiemes: 3500,
            },
        ];
        let c = candidates(&ps);
        assert_eq!(
            c,
            vec![
                vec![0, 0],
                vec![1, 0],
                vec![0, 1],
                vec![2, 0],
                vec![1, 1],
                vec![2, 1]
            ]
        );
        // A larger maximum only inserts candidates: the relative order of the others is kept.
        let big = vec![
            Profil {
                nom: "a".into(),
                max: 5,
                centiemes: 2600,
            },
            Profil {
                nom: "b".into(),
                max: 3,
                centiemes: 3500,
            },
        ];
        let cb: Vec<Vec<u32>> = candidates(&big)
            .into_iter()
            .filter(|v| v[0] <= 2 && v[1] <= 1)
            .collect();
        assert_eq!(cb, c);
    }

    #[test]
    fn equal_hours_and_heads_prefer_the_earlier_profile() {
        let ps = vec![
            Profil {
                nom: "sal".into(),
                max: 1,
                centiemes: 3500,
            },
            Profil {
                nom: "enc".into(),
                max: 1,
                centiemes: 3500,
            },
        ];
        assert_eq!(candidates(&ps)[1], vec![1, 0]);
    }
}
