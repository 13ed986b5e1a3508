//! One solve of a scenario and what the comparison table reads from it: production demanded,
//! delivered and short, accompaniment, rdv, staffing ratios, cost terms. Every plan is checked by
//! the independent verifier ([`crate::check::check_plan`]).

use crate::check::{self, Index, crews};
use crate::format::plan::{Plan, Statut, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::kernel::output::round6;
use crate::kernel::{self, Options};
use crate::model::Facts;
use crate::model::calendar::Month;
use std::collections::BTreeMap;
use std::time::Instant;

use super::variants::HEURES_ETP;

/// Caseload per CIP ETP above which the table raises a flag (guide: 20 to 25 per ETP).
pub(crate) const SEUIL_FILE_CIP: f64 = 25.0;

/// What one solve gives the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesures {
    /// The plan's status.
    pub statut: Statut,
    /// The verifier accepts the plan (no broken rule, cost recomputed equal).
    pub verifie: bool,
    /// The plan's cost.
    pub cout: f64,
    /// Cost per term.
    pub couts: BTreeMap<String, f64>,
    /// Σ over mandatory shifts of `equipe.min × duree`, hours.
    pub demandee: f64,
    /// Σ over mandatory shifts of `min(crew, equipe.min) × duree`, hours.
    pub livree: f64,
    /// `demandee − livree`: Σ `max(0, min − crew) × duree` (not weighted by priority).
    pub manque: f64,
    /// Hours of salarié·es' rdv CIP, ateliers, formations and PMSMP days.
    pub accompagnement: f64,
    pub(crate) rdv_planifies: u32,
    /// rdv due by now (R) still missing, every salarié·e.
    pub rdv_en_retard: u32,
    /// Same, only the first `existants` salarié·es (the ones before any hire).
    pub(crate) rdv_en_retard_existants: u32,
    /// Contract hours not planned: Σ over salarié·es and weeks of `max(0, target − planned)`.
    pub heures_sous_contrat: f64,
    /// Wall time of the solve (build, solve, check), seconds.
    pub secondes: f64,
    /// Where the production shortfall falls: per chantier (id, name, hours), most hours first.
    pub(crate) manques: Vec<(String, String, f64)>,
}

/// Solves `sc` with `opts` and measures the plan; `existants` is the number of salarié·es present
/// before hires (they come first in `sc.salaries`).
pub fn solve(sc: &Scenario, opts: &Options, existants: usize) -> Mesures {
    let t = Instant::now();
    let facts = Facts::new(sc);
    let plan = kernel::plan(sc, &facts, opts).plan;
    let verifie = plan.statut == Statut::SansSolution || check::check_plan(sc, &facts, &plan).ok();
    let mut m = measure(sc, &facts, &plan, existants);
    m.verifie = verifie;
    m.secondes = t.elapsed().as_secs_f64();
    m
}

/// The measures of a plan (`verifie` false and `secondes` 0: filled by [`solve`]).
pub fn measure(sc: &Scenario, facts: &Facts, plan: &Plan, existants: usize) -> Mesures {
    let idx = Index::new(sc);
    let crews = crews(&idx, facts, &plan.affectations);
    let (mut demandee, mut livree) = (0.0, 0.0);
    let mut par_chantier: BTreeMap<usize, f64> = BTreeMap::new();
    for (shift, crew) in facts.shifts.iter().zip(&crews) {
        if shift.optionnelle {
            continue;
        }
        let h = f64::from(shift.duree) / 60.0;
        demandee += f64::from(shift.min) * h;
        livree += f64::from(crew.size().min(shift.min)) * h;
        let missing = f64::from(shift.min.saturating_sub(crew.size())) * h;
        if missing > 0.0 {
            *par_chantier.entry(shift.chantier).or_default() += missing;
        }
    }
    let mut manques: Vec<(String, String, f64)> = par_chantier
        .into_iter()
        .filter_map(|(c, h)| {
            let ch = sc.chantiers.get(c)?;
            Some((
                ch.id.clone(),
                ch.nom.clone().unwrap_or_else(|| ch.id.clone()),
                round6(h),
            ))
        })
        .collect();
    manques.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let mut accompagnement = 0.0;
    let mut rdv: BTreeMap<(usize, Month), u32> = BTreeMap::new();
    for it in &plan.affectations {
        let Some(s) = idx.salarie_of(it) else {
            continue;
        };
        match it.type_ {
            TypeAffectation::RdvCip => {
                accompagnement += it.hours();
                *rdv.entry((s, Month::of(it.date))).or_default() += 1;
            }
            TypeAffectation::Atelier | TypeAffectation::Formation | TypeAffectation::Pmsmp => {
                accompagnement += it.hours();
            }
            TypeAffectation::Production | TypeAffectation::Encadrement => {}
        }
    }
    let (mut retard, mut retard_existants) = (0, 0);
    for (s, months) in facts.months.iter().enumerate() {
        // A recruit (after the first `existants`) owes nothing for a month begun before their
        // first day: hired on Monday 30 November, their first rdv are December's.
        let debut = (s >= existants)
            .then(|| sc.salaries.get(s).and_then(|x| x.contrat.debut))
            .flatten();
        for m in months {
            if debut.is_some_and(|d| m.month.first_day() < d) {
                continue;
            }
            let done = m.history + rdv.get(&(s, m.month)).copied().unwrap_or(0);
            let missing = m.due.saturating_sub(done);
            retard += missing;
            if s < existants {
                retard_existants += missing;
            }
        }
    }
    let (_, hours) = check::rdv_and_hours(facts, &idx, &plan.affectations);
    let heures_sous_contrat: f64 = facts
        .salarie_weeks
        .iter()
        .enumerate()
        .flat_map(|(i, weeks)| weeks.iter().map(move |w| (i, w)))
        .map(|(i, w)| (w.target - hours.get(&(i, w.week)).copied().unwrap_or(0.0)).max(0.0))
        .sum();
    Mesures {
        statut: plan.statut,
        verifie: false,
        cout: plan.cout,
        couts: plan.couts.clone(),
        demandee: round6(demandee),
        livree: round6(livree),
        manque: round6(demandee - livree),
        accompagnement: round6(accompagnement),
        rdv_planifies: rdv.values().sum(),
        rdv_en_retard: retard,
        rdv_en_retard_existants: retard_existants,
        heures_sous_contrat: round6(heures_sous_contrat),
        secondes: 0.0,
        manques,
    }
}

/// Staffing ratios of a scenario (no solve needed).
#[derive(Debug, Clone, PartialEq)]
pub struct Effectifs {
    /// Salarié·es.
    pub salaries: usize,
    /// Σ contract hours / 35.
    pub(crate) etp_salaries: f64,
    pub(crate) etp_encadrants: f64,
    /// `etp_salaries / etp_encadrants` (none without encadrant·es).
    pub salaries_par_etp_encadrant: Option<f64>,
    /// CIP ETP: 1 per CIP (the scenario gives no CIP working time; same reading as the report).
    pub etp_cip: f64,
    /// Salarié·es (heads) per CIP ETP (none without CIP).
    pub file_par_etp_cip: Option<f64>,
}

impl Effectifs {
    /// The headcounts of a scenario.
    pub fn of(sc: &Scenario) -> Effectifs {
        let etp_salaries: f64 = sc
            .salaries
            .iter()
            .map(|s| s.contrat.heures_hebdo / HEURES_ETP)
            .sum();
        let etp_encadrants: f64 = sc
            .encadrants
            .iter()
            .map(|e| e.heures_hebdo / HEURES_ETP)
            .sum();
        // The scenario gives no CIP working time: 1 CIP = 1 ETP, as in the balance report
        // (`docs/rapports.md`), so both documents give the same caseload.
        let etp_cip = sc.cips.len() as f64;
        let ratio = |a: f64, b: f64| (b > 0.0).then(|| round6(a / b));
        Effectifs {
            salaries: sc.salaries.len(),
            etp_salaries: round6(etp_salaries),
            etp_encadrants: round6(etp_encadrants),
            salaries_par_etp_encadrant: ratio(etp_salaries, etp_encadrants),
            etp_cip: round6(etp_cip),
            file_par_etp_cip: ratio(sc.salaries.len() as f64, etp_cip),
        }
    }

    /// True when the CIP caseload per ETP is above [`SEUIL_FILE_CIP`].
    pub(crate) fn alerte_cip(&self) -> bool {
        self.file_par_etp_cip.is_some_and(|x| x > SEUIL_FILE_CIP)
    }
}
