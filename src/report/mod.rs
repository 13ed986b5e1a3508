//! Reports for people who would rather look than read JSON (`docs/rapports.md`):
//!
//! | module | what |
//! |---|---|
//! | [`semaine`] | the printable weekly plan: HTML (A4 landscape) and XLSX views of one plan |
//! | [`bilan`] | the balance across many plans: per salarié·e, chantier, client, CIP, activité; HTML, CSV, XLSX |
//! | [`csv`] | the one CSV field writer (quoting, formula injection), for the balance and `simuler` |
//! | [`svg`] | inline SVG bar charts (no JavaScript) |
//!
//! Shared here: names (with pseudonymisation), HTML escaping, French labels, and the matching of a
//! plan's production and encadrement items to the scenario's shifts.

pub mod bilan;
pub mod csv;
pub mod semaine;
pub mod svg;

use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::{CategorieAtelier, Scenario};
use crate::model::shifts::Shift;
use std::collections::BTreeMap;

pub use crate::check::fmt_num;

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// FNV-1a, 64 bits: a hash that never changes between runs, machines or Rust versions.
pub fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The pseudonym of a person: a role letter and 8 hex digits of the stable hash of the régie's
/// name and the person's id, so the same person keeps the same pseudonym in every document.
pub fn pseudonyme(role: char, regie: &str, id: &str) -> String {
    let h = stable_hash(&format!("{regie}\u{1f}{id}"));
    format!("{role}-{:08X}", h >> 32)
}

/// Person names of one scenario as a report shows them: `nom` (else the id), or a pseudonym.
#[derive(Debug, Clone)]
pub struct Noms {
    map: BTreeMap<String, String>,
    regie: String,
    pseudonymiser: bool,
}

impl Noms {
    pub fn new(sc: &Scenario, pseudonymiser: bool) -> Noms {
        let regie = sc.regie.nom.clone();
        let mut map = BTreeMap::new();
        let mut put = |role: char, id: &str, nom: &Option<String>| {
            let shown = if pseudonymiser {
                pseudonyme(role, &regie, id)
            } else {
                nom.clone().unwrap_or_else(|| id.to_owned())
            };
            map.insert(id.to_owned(), shown);
        };
        for s in &sc.salaries {
            put('S', &s.id, &s.nom);
        }
        for e in &sc.encadrants {
            put('E', &e.id, &e.nom);
        }
        for c in &sc.cips {
            put('C', &c.id, &c.nom);
        }
        Noms {
            map,
            regie,
            pseudonymiser,
        }
    }

    /// The shown name of person `id` (an id the scenario does not know: itself, or a pseudonym).
    pub fn of(&self, id: &str) -> String {
        match self.map.get(id) {
            Some(n) => n.clone(),
            None if self.pseudonymiser => pseudonyme('X', &self.regie, id),
            None => id.to_owned(),
        }
    }

    /// The id column of a report: the id, or the pseudonym when pseudonymising.
    pub fn id(&self, id: &str) -> String {
        if self.pseudonymiser {
            self.of(id)
        } else {
            id.to_owned()
        }
    }

    pub fn pseudonymised(&self) -> bool {
        self.pseudonymiser
    }
}

/// French label of an item kind.
pub fn libelle_type(t: TypeAffectation) -> &'static str {
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
pub fn classe_type(t: TypeAffectation) -> &'static str {
    match t {
        TypeAffectation::Production => "prod",
        TypeAffectation::Encadrement => "enc",
        TypeAffectation::RdvCip => "rdv",
        TypeAffectation::Atelier => "at",
        TypeAffectation::Formation => "form",
        TypeAffectation::Pmsmp => "pmsmp",
    }
}

/// French label of an atelier's balance category.
pub fn libelle_categorie(c: CategorieAtelier) -> &'static str {
    match c {
        CategorieAtelier::AtelierCollectif => "ateliers collectifs",
        CategorieAtelier::LienSocial => "actions de lien social",
        CategorieAtelier::VieEquipe => "vie d'équipe",
        CategorieAtelier::AutreAction => "autres actions d'insertion",
    }
}

/// French weekday and date: `lun. 30/11`.
pub fn libelle_jour(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let j = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        [d.weekday().num_days_from_monday() as usize];
    format!("{j} {:02}/{:02}", d.day(), d.month())
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
pub struct Equipage<'p> {
    /// The chosen start (minutes), `None` when nobody is on the shift (it does not run).
    pub debut: Option<u32>,
    /// Production items of the crew (salarié·es).
    pub equipe: Vec<&'p Affectation>,
    /// Encadrement items.
    pub encadrants: Vec<&'p Affectation>,
}

/// Matches the plan's production and encadrement items to `shifts` (the scenario's, in
/// `Facts::shifts` order): the items of a chantier on a date are grouped by (start, duration);
/// each shift takes the first group not yet taken whose start is one of its `debuts` and whose
/// duration is its `duree`. Items that fit no shift are returned apart (a plan that does not
/// belong to the scenario).
pub fn equipages<'p>(
    sc: &Scenario,
    shifts: &[Shift],
    items: &[&'p Affectation],
) -> (Vec<Equipage<'p>>, Vec<&'p Affectation>) {
    let mut groups: BTreeMap<(String, chrono::NaiveDate, u32, u32), Equipage<'p>> = BTreeMap::new();
    let mut loose = Vec::new();
    for &a in items {
        let kind = a.type_;
        if kind != TypeAffectation::Production && kind != TypeAffectation::Encadrement {
            continue;
        }
        let (Some(ch), Some(d), Some(m)) = (a.chantier.as_deref(), a.debut, a.minutes()) else {
            loose.push(a);
            continue;
        };
        let g = groups.entry((ch.to_owned(), a.date, d.0, m)).or_default();
        g.debut = Some(d.0);
        if kind == TypeAffectation::Production {
            g.equipe.push(a);
        } else {
            g.encadrants.push(a);
        }
    }
    let mut out = Vec::with_capacity(shifts.len());
    for s in shifts {
        let Some(ch) = sc.chantiers.get(s.chantier) else {
            out.push(Equipage::default());
            continue;
        };
        let key = s
            .debuts
            .iter()
            .map(|&d| (ch.id.clone(), s.date, d, s.duree))
            .find(|k| groups.contains_key(k));
        match key.and_then(|k| groups.remove(&k)) {
            Some(g) => out.push(g),
            None => out.push(Equipage::default()),
        }
    }
    for g in groups.into_values() {
        loose.extend(g.equipe);
        loose.extend(g.encadrants);
    }
    (out, loose)
}
