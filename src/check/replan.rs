//! Re-planning (docs/regles.md): the frozen days of the published plan and the `changement` term.
//!
//! Items compare on (person, type, date, debut, fin, chantier / cip / atelier / formation).

use super::{Rule, Violation};
use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::Heure;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What two items are compared on.
pub(crate) type Cle = (
    String,
    TypeAffectation,
    NaiveDate,
    Option<Heure>,
    Option<Heure>,
    Option<String>,
);

/// The comparison key of an item.
pub(crate) fn cle(it: &Affectation) -> Cle {
    let id = it
        .chantier
        .clone()
        .or_else(|| it.cip.clone())
        .or_else(|| it.atelier.clone())
        .or_else(|| it.formation.clone());
    (it.personne.clone(), it.type_, it.date, it.debut, it.fin, id)
}

/// True for the item types that the `changement` term counts.
pub fn compte(type_: TypeAffectation) -> bool {
    matches!(
        type_,
        TypeAffectation::Production
            | TypeAffectation::Encadrement
            | TypeAffectation::RdvCip
            | TypeAffectation::Atelier
    )
}

/// The published items the `changement` term compares with: those of a counted type dated
/// after `figer_jusqu_au` (all of them when it is absent), by key (with their number).
pub(crate) fn publies_comptes(sc: &Scenario) -> BTreeMap<Cle, usize> {
    let mut m = BTreeMap::new();
    if let Some(r) = &sc.replanification {
        for it in r
            .publie
            .iter()
            .filter(|it| compte(it.type_) && !sc.fige(it.date))
        {
            *m.entry(cle(it)).or_default() += 1;
        }
    }
    m
}

/// The changes from the published plan: (published items the new plan does not contain,
/// new items the published plan does not contain), both of the counted types and dated after
/// the frozen days. Empty without `replanification`.
pub(crate) fn changements<'a>(
    sc: &'a Scenario,
    items: &'a [Affectation],
) -> (Vec<&'a Affectation>, Vec<&'a Affectation>) {
    let Some(r) = &sc.replanification else {
        return (Vec::new(), Vec::new());
    };
    let count = |list: &'a [Affectation]| {
        let mut m: BTreeMap<Cle, Vec<&'a Affectation>> = BTreeMap::new();
        for it in list
            .iter()
            .filter(|it| compte(it.type_) && !sc.fige(it.date))
        {
            m.entry(cle(it)).or_default().push(it);
        }
        m
    };
    let (old, new) = (count(&r.publie), count(items));
    let minus = |a: &BTreeMap<Cle, Vec<&'a Affectation>>,
                 b: &BTreeMap<Cle, Vec<&'a Affectation>>| {
        let mut out = Vec::new();
        for (k, v) in a {
            let n = b.get(k).map_or(0, Vec::len);
            out.extend(v.iter().skip(n).copied());
        }
        out
    };
    (minus(&old, &new), minus(&new, &old))
}

/// Frozen days: every item of the published plan dated on or before `figer_jusqu_au` is in the
/// plan unchanged, and no other item is dated on those days.
pub fn rule_frozen_days(sc: &Scenario, items: &[Affectation]) -> Vec<Violation> {
    let Some(r) = &sc.replanification else {
        return Vec::new();
    };
    if r.figer_jusqu_au.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut left: Vec<&Affectation> = items.iter().filter(|it| sc.fige(it.date)).collect();
    for old in r.publie.iter().filter(|it| sc.fige(it.date)) {
        match left.iter().position(|it| *it == old) {
            Some(k) => {
                left.remove(k);
            }
            None => out.push(Violation::new(
                Rule::JoursFiges,
                Some(&old.personne),
                None,
                Some(old.date),
                format!(
                    "{} du plan publié absent ou modifié un jour figé",
                    super::describe(old)
                ),
            )),
        }
    }
    for it in left {
        out.push(Violation::new(
            Rule::JoursFiges,
            Some(&it.personne),
            None,
            Some(it.date),
            format!(
                "{} ajouté un jour figé (absent du plan publié)",
                super::describe(it)
            ),
        ));
    }
    out
}
