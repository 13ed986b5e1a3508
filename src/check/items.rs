//! Rule 0: the plan header and well-formed items (people of the right role, ids that exist,
//! the right place, times in order, dates in the period, PMSMP days with hours and no times).

use super::{Context, Index, Rule, Violation, describe};
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::model::Facts;

fn v(it: &Affectation, message: String) -> Violation {
    Violation::new(
        Rule::Items,
        Some(&it.personne),
        None,
        Some(it.date),
        message,
    )
}

/// The plan header: `format` is `regie-plan/1`, the régie and the period are the scenario's
/// (see [`super::header_mismatches`]).
pub(crate) fn check_header(sc: &Scenario, plan: &Plan) -> Vec<Violation> {
    super::header_mismatches(sc, plan)
        .into_iter()
        .map(|(_, m)| {
            Violation::new(
                Rule::Items,
                None,
                None,
                None,
                format!("en-tête du plan : {m}"),
            )
        })
        .collect()
}

/// Rule 0: every item is well formed and refers to what exists, at the right place.
pub(crate) fn rule_items(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    for it in items {
        let what = describe(it);
        item_person(idx, it, &what, &mut out);
        let expected_lieu = item_reference(sc, idx, it, &what, &mut out);
        item_times_and_place(facts, it, &what, expected_lieu, &mut out);
        if !facts.days.contains(&it.date) {
            out.push(v(it, format!("{what} : date hors de la période")));
        }
    }
    out
}

/// The item's person exists, in the role its kind needs.
fn item_person(idx: &Index, it: &Affectation, what: &str, out: &mut Vec<Violation>) {
    if it.type_ == TypeAffectation::Encadrement {
        if !idx.enc.contains_key(it.personne.as_str()) {
            out.push(v(
                it,
                format!(
                    "{what} : « {} » n'est pas un·e encadrant·e du scénario",
                    it.personne
                ),
            ));
        }
    } else if !idx.sal.contains_key(it.personne.as_str()) {
        out.push(v(
            it,
            format!(
                "{what} : « {} » n'est pas un·e salarié·e du scénario",
                it.personne
            ),
        ));
    }
}

/// The reference the item's kind needs, and no other, known to the scenario; the lieu that
/// reference expects comes back.
fn item_reference<'s>(
    sc: &'s Scenario,
    idx: &Index,
    it: &Affectation,
    what: &str,
    out: &mut Vec<Violation>,
) -> Option<&'s str> {
    // The reference this kind needs, and no other.
    let (needed, expected_lieu): (Option<(&str, Option<&String>)>, Option<&str>) = match it.type_ {
        TypeAffectation::Production | TypeAffectation::Encadrement => {
            let l = it
                .chantier
                .as_deref()
                .and_then(|c| idx.chantier.get(c))
                .and_then(|&c| sc.chantiers.get(c))
                .map(|c| c.lieu.as_str());
            (Some(("chantier", it.chantier.as_ref())), l)
        }
        TypeAffectation::RdvCip => {
            let l = it
                .cip
                .as_deref()
                .and_then(|c| idx.cip.get(c))
                .and_then(|&c| sc.cips.get(c))
                .map(|c| c.lieu.as_str());
            (Some(("cip", it.cip.as_ref())), l)
        }
        TypeAffectation::Atelier => {
            let l = it
                .atelier
                .as_deref()
                .and_then(|c| idx.atelier.get(c))
                .and_then(|&c| sc.ateliers.get(c))
                .map(|c| c.lieu.as_str());
            (Some(("atelier", it.atelier.as_ref())), l)
        }
        TypeAffectation::Formation => {
            let l = it
                .formation
                .as_deref()
                .and_then(|c| idx.formation.get(c))
                .and_then(|&c| sc.formations.get(c))
                .map(|c| c.lieu.as_str());
            (Some(("formation", it.formation.as_ref())), l)
        }
        TypeAffectation::Pmsmp => (None, None),
    };
    let fields = [
        ("chantier", it.chantier.as_ref()),
        ("cip", it.cip.as_ref()),
        ("atelier", it.atelier.as_ref()),
        ("formation", it.formation.as_ref()),
    ];
    for (name, value) in fields {
        let is_needed = needed.is_some_and(|(n, _)| n == name);
        match (is_needed, value) {
            (true, None) => out.push(v(it, format!("{what} : champ « {name} » manquant"))),
            (false, Some(x)) => out.push(v(
                it,
                format!("{what} : champ « {name} » (« {x} ») inattendu pour ce type"),
            )),
            (true, Some(x)) => {
                let exists = match name {
                    "chantier" => idx.chantier.contains_key(x.as_str()),
                    "cip" => idx.cip.contains_key(x.as_str()),
                    "atelier" => idx.atelier.contains_key(x.as_str()),
                    _ => idx.formation.contains_key(x.as_str()),
                };
                if !exists {
                    out.push(v(
                        it,
                        format!("{what} : {name} « {x} » inconnu·e du scénario"),
                    ));
                }
            }
            (false, None) => {}
        }
    }
    expected_lieu
}

/// Times, place and hours: a PMSMP day has hours only, any other item a start before its end
/// and its expected place.
fn item_times_and_place(
    facts: &Facts,
    it: &Affectation,
    what: &str,
    expected_lieu: Option<&str>,
    out: &mut Vec<Violation>,
) {
    if it.type_ == TypeAffectation::Pmsmp {
        match it.heures {
            None => out.push(v(it, format!("{what} : champ « heures » manquant"))),
            Some(h) if !h.is_finite() || h <= 0.0 => {
                out.push(v(it, format!("{what} : heures {h} invalides")))
            }
            Some(_) => {}
        }
        if it.debut.is_some() || it.fin.is_some() || it.lieu.is_some() {
            out.push(v(
                it,
                format!("{what} : un jour de PMSMP n'a ni horaires ni lieu"),
            ));
        }
    } else {
        match (it.debut, it.fin) {
            (Some(a), Some(b)) if a.0 >= b.0 => {
                out.push(v(it, format!("{what} : début {a} pas avant la fin {b}")))
            }
            (Some(_), Some(_)) => {}
            _ => out.push(v(it, format!("{what} : « debut » et « fin » sont requis"))),
        }
        if it.heures.is_some() {
            out.push(v(
                it,
                format!("{what} : « heures » réservé aux jours de PMSMP"),
            ));
        }
        match (it.lieu.as_deref(), expected_lieu) {
            (None, _) => out.push(v(it, format!("{what} : champ « lieu » manquant"))),
            (Some(l), Some(e)) if l != e => {
                out.push(v(it, format!("{what} : lieu « {l} » au lieu de « {e} »")))
            }
            (Some(l), None) if facts.places.idx(l).is_none() => {
                out.push(v(it, format!("{what} : lieu « {l} » inconnu")))
            }
            _ => {}
        }
    }
}
