//! From a solution to a plan file: items, cost terms evaluated from the solution, shortfalls.

use super::activities::{Activities, Kind, Who};
use super::build::{Model, TermWhat};
use super::explain;
use crate::format::plan::{
    Affectation, COST_TERMS, Ecart, PLAN_FORMAT, PeriodeRef, Plan, Statut, TypeEcart,
};
use crate::format::scenario::Scenario;
use crate::model::{Facts, labour};
use std::collections::BTreeMap;

pub(crate) use crate::format::plan::round6;

/// A model solved by HiGHS: its column values and what HiGHS says of it.
pub struct Solved {
    /// Value of each column of the model, by column index.
    pub values: Vec<f64>,
    /// The column index of each variable of the model.
    pub index: std::collections::HashMap<good_lp::Variable, usize>,
    /// Optimal, feasible, or no solution.
    pub statut: Statut,
    /// The plan's cost, as the model counts it.
    pub objective: f64,
    /// The best proven lower bound.
    pub bound: f64,
    /// Relative gap between `objective` and `bound`.
    pub gap: f64,
    /// Simplex (or IPM) iterations HiGHS spent, all nodes included.
    pub iterations: i64,
    /// HiGHS stopped at the time limit (its result then depends on the machine).
    pub stopped_by_clock: bool,
}

impl Solved {
    /// Column values of `model` seen as a solution that HiGHS did not prove anything about.
    pub fn from_columns(model: &Model, values: Vec<f64>) -> Solved {
        Solved {
            values,
            index: model.index.clone(),
            statut: Statut::Realisable,
            objective: 0.0,
            bound: 0.0,
            gap: 1.0,
            iterations: 0,
            stopped_by_clock: false,
        }
    }
}

impl good_lp::Solution for Solved {
    fn status(&self) -> good_lp::SolutionStatus {
        good_lp::SolutionStatus::Optimal
    }
    fn value(&self, v: good_lp::Variable) -> f64 {
        self.index
            .get(&v)
            .and_then(|&i| self.values.get(i))
            .copied()
            .unwrap_or(0.0)
    }
}

fn header(sc: &Scenario, statut: Statut) -> Plan {
    Plan {
        format: PLAN_FORMAT.to_owned(),
        regie: sc.regie.nom.clone(),
        periode: PeriodeRef {
            debut: sc.periode.debut,
            jours: sc.periode.jours,
        },
        statut,
        cout: 0.0,
        borne: None,
        couts: COST_TERMS.iter().map(|t| (t.to_string(), 0.0)).collect(),
        affectations: Vec::new(),
        ecarts: Vec::new(),
    }
}

pub use super::activities::affectation;
use super::activities::pmsmp_items;

/// Items sorted by date, start, person (then kind and ids, for a total order).
pub(crate) fn sort_items(items: &mut [Affectation]) {
    items.sort_by(|a, b| {
        (
            a.date,
            a.debut,
            &a.personne,
            a.type_,
            &a.chantier,
            &a.cip,
            &a.atelier,
            &a.formation,
        )
            .cmp(&(
                b.date,
                b.debut,
                &b.personne,
                b.type_,
                &b.chantier,
                &b.cip,
                &b.atelier,
                &b.formation,
            ))
    });
}

/// A plan with no items, of status `sans_solution` (plans written before the conflicts of
/// docs/regles.md, « Conflits »; the planner no longer writes it).
pub fn sans_solution(sc: &Scenario, ecarts: Vec<Ecart>) -> Plan {
    let mut plan = header(sc, Statut::SansSolution);
    plan.ecarts = ecarts;
    plan
}

/// Drops encadrant·es a running shift does not need (the objective is indifferent to them):
/// keeps, in file order, holders of the `competences_une` skills the crew lacks, then as many as
/// the ratio needs. Removing an encadrement item breaks no hard rule but rule 11 (a part-time
/// encadrant·e's day shape), which is checked before each removal.
fn trim_encadrement(sc: &Scenario, facts: &Facts, acts: &Activities, chosen: &mut Vec<usize>) {
    let mut by_shift: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &id in chosen.iter() {
        match acts.list[id].kind {
            Kind::Production { shift, .. } => by_shift.entry(shift).or_default().0.push(id),
            Kind::Encadrement { shift, .. } => by_shift.entry(shift).or_default().1.push(id),
            _ => {}
        }
    }
    let mut drop: Vec<usize> = Vec::new();
    for (shift, (crew, mut encs)) in by_shift {
        let sh = &facts.shifts[shift];
        if sh.ratio == 0 || encs.is_empty() {
            continue;
        }
        encs.sort_by_key(|&id| acts.list[id].who);
        let enc_of = |id: usize| match acts.list[id].who {
            Who::Encadrant(e) => Some(&sc.encadrants[e]),
            Who::Salarie(_) => None,
        };
        let mut keep: Vec<usize> = Vec::new();
        for skill in &sc.chantiers[sh.chantier].competences_une {
            let crew_has = crew.iter().any(|&id| match acts.list[id].who {
                Who::Salarie(i) => sc.salaries[i].competences.contains(skill),
                Who::Encadrant(_) => false,
            });
            let kept_has = keep
                .iter()
                .any(|&id| enc_of(id).is_some_and(|e| e.competences.contains(skill)));
            if !crew_has
                && !kept_has
                && let Some(&id) = encs
                    .iter()
                    .find(|&&id| enc_of(id).is_some_and(|e| e.competences.contains(skill)))
            {
                keep.push(id);
            }
        }
        let need = crew.len().div_ceil(sh.ratio as usize);
        for &id in &encs {
            if keep.len() >= need {
                break;
            }
            if !keep.contains(&id) {
                keep.push(id);
            }
        }
        drop.extend(encs.into_iter().filter(|id| !keep.contains(id)));
    }
    // Rule 11: a part-time encadrant·e keeps an item whose removal would lengthen an
    // interruption of their day or add one.
    let pt = labour::PartTime::of(&sc.reglages);
    let mut dropped: Vec<usize> = Vec::new();
    // Re-planning: frozen items and the published plan's encadrement items stay.
    let publies = crate::check::publies_comptes(sc);
    for id in drop {
        let a = &acts.list[id];
        if sc.fige(facts.days[a.day])
            || (!publies.is_empty()
                && publies.contains_key(&crate::check::cle(&affectation(sc, facts, acts, id))))
        {
            continue;
        }
        let part_time = match a.who {
            Who::Encadrant(e) => labour::is_part_time(&sc.reglages, sc.encadrants[e].heures_hebdo),
            Who::Salarie(_) => false,
        };
        if let (Some(pt), true) = (pt, part_time) {
            let mut day: Vec<(u32, u32, usize)> = chosen
                .iter()
                .filter(|&&c| c != id && !dropped.contains(&c))
                .map(|&c| &acts.list[c])
                .filter(|c| c.who == a.who && c.day == a.day)
                .map(|c| (c.start, c.end, c.place))
                .collect();
            day.sort_unstable();
            if !pt.day_ok(&day, |x, y| facts.places.travel(x, y)) {
                continue;
            }
        }
        dropped.push(id);
    }
    chosen.retain(|id| !dropped.contains(id));
}

/// The items of the plan made of the `chosen` activities (and the PMSMP days), sorted.
/// Encadrement items a shift does not need are left out, as in the written plan.
pub fn items_of(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    chosen: &[bool],
) -> Vec<Affectation> {
    items_of_ids(sc, facts, acts, &kept_ids(sc, facts, acts, chosen))
}

/// The ids of the `chosen` activities, without the encadrement items a shift does not need.
fn kept_ids(sc: &Scenario, facts: &Facts, acts: &Activities, chosen: &[bool]) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..acts.list.len()).filter(|&id| chosen[id]).collect();
    trim_encadrement(sc, facts, acts, &mut ids);
    ids
}

fn items_of_ids(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    ids: &[usize],
) -> Vec<Affectation> {
    let mut items: Vec<Affectation> = ids
        .iter()
        .map(|&id| affectation(sc, facts, acts, id))
        .collect();
    items.extend(pmsmp_items(sc, facts, acts));
    sort_items(&mut items);
    items
}

/// The plan of a solution: items, cost terms evaluated from the solution, shortfalls explained.
pub(crate) fn plan_from_solution(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    model: &Model,
    s: &Solved,
) -> Plan {
    let rounded = Solved {
        values: s.values.iter().map(|v| v.round()).collect(),
        index: s.index.clone(),
        statut: s.statut,
        objective: s.objective,
        bound: s.bound,
        gap: s.gap,
        iterations: s.iterations,
        stopped_by_clock: s.stopped_by_clock,
    };
    let on: Vec<bool> = (0..acts.list.len())
        .map(|id| match model.x[id] {
            None => true,
            Some(v) => good_lp::Solution::value(&rounded, v) > 0.5,
        })
        .collect();
    let chosen = kept_ids(sc, facts, acts, &on);
    let mut plan = header(sc, s.statut);
    plan.affectations = items_of_ids(sc, facts, acts, &chosen);

    let mut couts: BTreeMap<String, f64> =
        COST_TERMS.iter().map(|t| (t.to_string(), 0.0)).collect();
    let mut ecarts = Vec::new();
    let ctx = explain::Context::new(sc, facts, acts, &chosen);
    for term in &model.terms {
        let deficit = term.deficit.eval_with(&rounded);
        let count = round6(deficit.max(0.0));
        if count <= 0.0 {
            continue;
        }
        *couts.entry(term.name.to_owned()).or_default() += term.weight * count;
        if let Some(e) = ctx.ecart(&term.what, count) {
            ecarts.push(e);
        }
    }
    // `changement` as the checker counts it, on the items written (encadrement items a shift
    // does not need are left out after the solve).
    if sc.replanification.is_some() {
        let (removed, added) = crate::check::changements(sc, &plan.affectations);
        couts.insert(
            "changement".to_owned(),
            sc.reglages.poids.changement * (removed.len() + added.len()) as f64,
        );
    }
    for v in couts.values_mut() {
        *v = round6(*v);
    }
    plan.cout = round6(couts.values().sum());
    plan.couts = couts;
    plan.borne = Some(match s.statut {
        Statut::Optimal => plan.cout,
        _ => round6(s.bound.min(plan.cout)),
    });
    merge_rdv_ecarts(&mut ecarts);
    plan.ecarts = ecarts;
    let _ = TermWhat::Preference { act: 0 };
    plan
}

/// `rdv_cip_retard` and `rdv_cip_restant` of one person and month give one shortfall line.
fn merge_rdv_ecarts(ecarts: &mut Vec<Ecart>) {
    let mut seen: Vec<(Option<String>, Option<String>)> = Vec::new();
    ecarts.retain(|e| {
        if e.type_ != TypeEcart::RdvCip {
            return true;
        }
        let key = (e.personne.clone(), e.mois.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}
