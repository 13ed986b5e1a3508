//! Reports for people who would rather look than read JSON (`docs/rapports.md`):
//!
//! | module | what |
//! |---|---|
//! | [`semaine`] | the printable weekly plan: HTML (A4 landscape) and XLSX views of one plan |
//! | [`bilan`] | the balance across many plans: per salarié·e, chantier, client, CIP, activité; HTML, CSV, XLSX |
//! | [`svg`] | inline SVG bar charts (no JavaScript) |
//!
//! Shared here: French labels, and the matching of a plan's production and encadrement items to
//! the scenario's shifts. Names (with pseudonymisation, [`crate::model::noms`]) and dates in words
//! ([`crate::model::calendar`]) live in `model`, below the kernel whose causes use them too, and
//! are re-exported here. Numbers, HTML escaping and CSV
//! fields come from [`crate::texte`].

pub mod bilan;
pub mod ecarts;
pub mod ics;
pub mod mur;
pub mod semaine;
pub(crate) mod svg;
pub(crate) mod xlsx;

use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::model::shifts::Shift;
use crate::texte::fmt_num;
use std::collections::BTreeMap;

pub use crate::model::calendar::{date_courte, date_longue, libelle_jour, mois_long, semaine_du};
pub use crate::model::noms::{Noms, pseudonyme};

/// French label of an item kind.
pub(crate) fn libelle_type(t: TypeAffectation) -> &'static str {
    match t {
        TypeAffectation::Production => "Production",
        TypeAffectation::Encadrement => "Encadrement",
        TypeAffectation::RdvCip => "RDV CIP",
        TypeAffectation::Atelier => "Atelier",
        TypeAffectation::Formation => "Formation",
        TypeAffectation::Pmsmp => "PMSMP",
    }
}

/// CSS class (and XLSX colour key) of an item kind.
pub(crate) fn classe_type(t: TypeAffectation) -> &'static str {
    match t {
        TypeAffectation::Production => "prod",
        TypeAffectation::Encadrement => "enc",
        TypeAffectation::RdvCip => "rdv",
        TypeAffectation::Atelier => "at",
        TypeAffectation::Formation => "form",
        TypeAffectation::Pmsmp => "pmsmp",
    }
}

/// French label of a cost term of the plan (`heures_sous_contrat` → `heures sous le contrat`).
pub(crate) fn libelle_terme(term: &str) -> &str {
    match term {
        "production" => "production manquante",
        "rdv_cip_retard" => "rendez-vous CIP en retard",
        "rdv_cip_restant" => "rendez-vous CIP restant à tenir",
        "heures_sous_contrat" => "heures sous le contrat",
        "heures_complementaires" => "heures au-delà du contrat",
        "besoin_atelier" => "besoins d'atelier non couverts",
        "preference" => "préférences de chantier non suivies",
        "eviter" => "personnes à séparer ensemble",
        "conflit" => "éléments fixes impossibles",
        "changement" => "changements par rapport au plan publié",
        other => other,
    }
}

/// `07:00–10:30` for a timed item, `5,2 h` for a PMSMP day.
pub fn horaire(a: &Affectation) -> String {
    match (a.debut, a.fin) {
        (Some(d), Some(f)) => format!("{d}–{f}"),
        _ => format!("{} h", fmt_num(a.hours())),
    }
}

/// A running shift as the plan staffs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Equipage<'p> {
    /// The chosen start (minutes), `None` when nobody is on the shift (it does not run).
    pub debut: Option<u32>,
    /// Production items of the crew (salarié·es).
    pub equipe: Vec<&'p Affectation>,
    /// Encadrement items.
    pub encadrants: Vec<&'p Affectation>,
}

/// Matches the plan's production and encadrement items to `shifts` (the scenario's, in
/// `Facts::shifts` order) with [`crate::model::shifts::shift_of`], the checker's matcher. A
/// shift whose items start at several of its `debuts` keeps those of the first start (in
/// `debuts` order) that has any; items that fit no shift, and the other starts' items, are
/// returned apart (a plan that does not belong to the scenario, or breaks rule 4).
pub(crate) fn equipages<'p>(
    sc: &Scenario,
    shifts: &[Shift],
    items: &[&'p Affectation],
) -> (Vec<Equipage<'p>>, Vec<&'p Affectation>) {
    // Per shift, per start: its items in plan order.
    let mut by_start: Vec<BTreeMap<u32, Equipage<'p>>> = vec![BTreeMap::new(); shifts.len()];
    let mut loose = Vec::new();
    // The checker's lookups: chantier ids and an item's times.
    let idx = crate::check::Index::new(sc);
    for &a in items {
        let kind = a.type_;
        if kind != TypeAffectation::Production && kind != TypeAffectation::Encadrement {
            continue;
        }
        let chantier = a.chantier.as_deref().and_then(|ch| idx.chantier.get(ch));
        let found = chantier
            .zip(crate::check::span(a))
            .and_then(|(&c, (debut, fin))| {
                crate::model::shifts::shift_of(shifts, c, a.date, (debut, fin)).map(|k| (k, debut))
            });
        let Some((k, debut)) = found else {
            loose.push(a);
            continue;
        };
        let g = by_start[k].entry(debut).or_default();
        g.debut = Some(debut);
        if kind == TypeAffectation::Production {
            g.equipe.push(a);
        } else {
            g.encadrants.push(a);
        }
    }
    let mut out = Vec::with_capacity(shifts.len());
    for (s, mut groups) in shifts.iter().zip(by_start) {
        let first = s.debuts.iter().find(|d| groups.contains_key(d)).copied();
        out.push(first.and_then(|d| groups.remove(&d)).unwrap_or_default());
        for g in groups.into_values() {
            loose.extend(g.equipe);
            loose.extend(g.encadrants);
        }
    }
    (out, loose)
}
