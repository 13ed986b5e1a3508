//! The cost terms of docs/regles.md (« Coût recalculé »), recomputed from the items alone, each weighted by
//! `reglages.poids`.

use super::{Index, crews};
use crate::format::plan::{Affectation, COST_TERMS, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::model::Facts;
use crate::model::calendar::{IsoWeek, Month};
use std::collections::{BTreeMap, BTreeSet};

/// Unweighted counts of every term (shortfall hours, rdv, items...), keyed by [`COST_TERMS`].
pub(crate) fn cost_counts(
    sc: &Scenario,
    facts: &Facts,
    items: &[Affectation],
) -> BTreeMap<String, f64> {
    let idx = Index::new(sc);
    let mut t: BTreeMap<String, f64> = COST_TERMS.iter().map(|k| (k.to_string(), 0.0)).collect();
    let crews = crews(&idx, facts, items);
    count_production(sc, facts, &crews, &mut t);
    count_rdv_and_hours(facts, &idx, items, &mut t);
    count_besoin_atelier(sc, facts, items, &mut t);
    count_preference(sc, &idx, items, &mut t);
    count_eviter(sc, &idx, &crews, &mut t);
    // conflit: each fixed item missing from the plan (docs/regles.md, « Conflits »).
    add(
        &mut t,
        "conflit",
        super::fixes::missing_fixed(sc, facts, items).len() as f64,
    );
    // changement: published items after the frozen days missing from the plan, and new ones.
    let (removed, added) = super::replan::changements(sc, items);
    add(&mut t, "changement", (removed.len() + added.len()) as f64);
    t
}

/// Adds `x` to term `k`.
fn add(t: &mut BTreeMap<String, f64>, k: &str, x: f64) {
    if let Some(v) = t.get_mut(k) {
        *v += x;
    }
}

fn count_production(
    sc: &Scenario,
    facts: &Facts,
    crews: &[super::Crew],
    t: &mut BTreeMap<String, f64>,
) {
    // production: non-optional shifts, max(0, min − crew) × duree in hours × priorite.
    for (shift, crew) in facts.shifts.iter().zip(crews) {
        if shift.optionnelle {
            continue;
        }
        let prio = sc.chantiers.get(shift.chantier).map_or(1, |c| c.priorite);
        let missing = shift.min.saturating_sub(crew.size());
        add(
            t,
            "production",
            f64::from(missing) * f64::from(shift.duree) / 60.0 * f64::from(prio),
        );
    }
}

/// The plan's rdv per (salarié·e, month), and its hours on period days per (salarié·e, ISO
/// week): what the rdv and hours terms, and the shortfall list, count from.
pub(crate) fn rdv_and_hours(facts: &Facts, idx: &Index, items: &[Affectation]) -> RdvAndHours {
    let mut rdv: BTreeMap<(usize, Month), u32> = BTreeMap::new();
    let mut hours: BTreeMap<(usize, IsoWeek), f64> = BTreeMap::new();
    for it in items {
        let Some(s) = idx.salarie_of(it) else {
            continue;
        };
        if it.type_ == TypeAffectation::RdvCip {
            *rdv.entry((s, Month::of(it.date))).or_default() += 1;
        }
        if facts.days.contains(&it.date) {
            *hours.entry((s, IsoWeek::of(it.date))).or_default() += it.hours();
        }
    }
    (rdv, hours)
}

/// Rdv per (salarié·e, month) and hours per (salarié·e, ISO week).
pub(crate) type RdvAndHours = (
    BTreeMap<(usize, Month), u32>,
    BTreeMap<(usize, IsoWeek), f64>,
);

/// rdv_cip_retard and rdv_cip_restant per salarié·e and month; heures_sous_contrat and
/// heures_complementaires per salarié·e and week.
fn count_rdv_and_hours(
    facts: &Facts,
    idx: &Index,
    items: &[Affectation],
    t: &mut BTreeMap<String, f64>,
) {
    let (rdv, hours) = rdv_and_hours(facts, idx, items);
    for (s, months) in facts.months.iter().enumerate() {
        for m in months {
            let planned = rdv.get(&(s, m.month)).copied().unwrap_or(0);
            let done = i64::from(m.history) + i64::from(planned);
            add(t, "rdv_cip_retard", (i64::from(m.due) - done).max(0) as f64);
            add(
                t,
                "rdv_cip_restant",
                (i64::from(m.target) - done).max(0) as f64,
            );
        }
    }
    for (s, weeks) in facts.salarie_weeks.iter().enumerate() {
        for w in weeks {
            let planned = hours.get(&(s, w.week)).copied().unwrap_or(0.0);
            add(t, "heures_sous_contrat", (w.target - planned).max(0.0));
            add(t, "heures_complementaires", (planned - w.target).max(0.0));
        }
    }
}

fn count_besoin_atelier(
    sc: &Scenario,
    facts: &Facts,
    items: &[Affectation],
    t: &mut BTreeMap<String, f64>,
) {
    for _ in unmet_atelier_needs(sc, facts, items) {
        add(t, "besoin_atelier", 1.0);
    }
}

/// `besoin_atelier`: each salarié·e and theme of their besoins that an atelier of the period
/// has, when they attend none of those ateliers: `(salarié·e id, theme)`, in scenario order.
pub(crate) fn unmet_atelier_needs<'s>(
    sc: &'s Scenario,
    facts: &Facts,
    items: &[Affectation],
) -> Vec<(&'s str, &'s str)> {
    let attended: BTreeSet<(&str, &str)> = items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::Atelier)
        .filter_map(|it| Some((it.personne.as_str(), it.atelier.as_deref()?)))
        .collect();
    let mut out = Vec::new();
    for s in &sc.salaries {
        let themes: BTreeSet<&String> = s.besoins.iter().collect();
        for theme in themes {
            let mut ateliers = sc
                .ateliers
                .iter()
                .filter(|a| &a.theme == theme && facts.days.contains(&a.date))
                .peekable();
            if ateliers.peek().is_some()
                && !ateliers.any(|a| attended.contains(&(s.id.as_str(), a.id.as_str())))
            {
                out.push((s.id.as_str(), theme.as_str()));
            }
        }
    }
    out
}

fn count_preference(
    sc: &Scenario,
    idx: &Index,
    items: &[Affectation],
    t: &mut BTreeMap<String, f64>,
) {
    // preference: production items on a chantier outside a non-empty preferences.chantiers.
    for it in items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::Production)
    {
        let Some(s) = idx.salarie_of(it).and_then(|s| sc.salaries.get(s)) else {
            continue;
        };
        let prefs = &s.preferences.chantiers;
        if !prefs.is_empty() && !it.chantier.as_ref().is_some_and(|c| prefs.contains(c)) {
            add(t, "preference", 1.0);
        }
    }
}

fn count_eviter(sc: &Scenario, idx: &Index, crews: &[super::Crew], t: &mut BTreeMap<String, f64>) {
    // eviter: per unordered pair {a, b} (b in a's eviter or a in b's), per shift with both.
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (a, s) in sc.salaries.iter().enumerate() {
        for other in &s.preferences.eviter {
            if let Some(&b) = idx.sal.get(other.as_str())
                && a != b
            {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    for crew in crews {
        for &(a, b) in &pairs {
            if crew.salaries.contains(&a) && crew.salaries.contains(&b) {
                add(t, "eviter", 1.0);
            }
        }
    }
}

/// Weighted cost per term (`reglages.poids.NAME × count`), keyed by [`COST_TERMS`].
pub fn recompute_costs(
    sc: &Scenario,
    facts: &Facts,
    items: &[Affectation],
) -> BTreeMap<String, f64> {
    let p = &sc.reglages.poids;
    cost_counts(sc, facts, items)
        .into_iter()
        .map(|(k, x)| {
            let w = match k.as_str() {
                "production" => p.production,
                "rdv_cip_retard" => p.rdv_cip_retard,
                "rdv_cip_restant" => p.rdv_cip_restant,
                "heures_sous_contrat" => p.heures_sous_contrat,
                "heures_complementaires" => p.heures_complementaires,
                "besoin_atelier" => p.besoin_atelier,
                "preference" => p.preference,
                "eviter" => p.eviter,
                "conflit" => p.conflit,
                "changement" => p.changement,
                _ => 0.0,
            };
            (k, w * x)
        })
        .collect()
}
