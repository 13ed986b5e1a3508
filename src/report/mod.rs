//! Reports for people who would rather look than read JSON (`docs/rapports.md`):
//!
//! | module | what |
//! |---|---|
//! | [`semaine`] | the printable weekly plan: HTML (A4 landscape) and XLSX views of one plan |
//! | [`bilan`] | the balance across many plans: per salarié·e, chantier, client, CIP, activité; HTML, CSV, XLSX |
//! | [`svg`] | inline SVG bar charts (no JavaScript) |
//!
//! Shared here: names (with pseudonymisation), French labels, and the matching of a plan's
//! production and encadrement items to the scenario's shifts. Numbers, HTML escaping and CSV
//! fields come from [`crate::texte`].

pub mod bilan;
pub mod ecarts;
pub mod ics;
pub mod mur;
pub mod semaine;
pub mod svg;
pub mod xlsx;

use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::model::shifts::Shift;
use crate::texte::fmt_num;
use std::collections::BTreeMap;

/// The pseudonym of the `n`-th person (from 1) of a role: `S-001`, `E-002`, `C-003`.
pub fn pseudonyme(role: char, n: usize) -> String {
    format!("{role}-{n:03}")
}

/// Person names of one or more scenarios as a report shows them: `nom` (else the id), or a
/// pseudonym.
///
/// Pseudonyms are numbered per role (S salarié·es, E encadrant·es, C CIP) in the order people
/// appear in the scenarios, taken in the order given (the balance gives them by period start),
/// each id numbered once. A person keeps their pseudonym in every report made from the same
/// scenario, and across weeks as long as the scenario's lists are only appended to (newcomers at
/// the end). The number says nothing of the id or the name: a list of candidate ids does not
/// give it back, unlike a hash of the id (docs/rapports.md, Pseudonymisation).
#[derive(Debug, Clone)]
pub struct Noms {
    map: BTreeMap<String, String>,
    /// Every id and name of the scenarios with its shown form, longest first (for [`Noms::texte`]).
    remplacements: Vec<(String, String)>,
    pseudonymiser: bool,
}

impl Noms {
    pub fn new(sc: &Scenario, pseudonymiser: bool) -> Noms {
        Noms::de(&[sc], pseudonymiser)
    }

    /// The names of several scenarios (the same people across weeks).
    pub fn de(scenarios: &[&Scenario], pseudonymiser: bool) -> Noms {
        let mut map = BTreeMap::new();
        let mut remplacements = Vec::new();
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        let mut put = |role: char, id: &str, nom: &Option<String>| {
            if map.contains_key(id) {
                return;
            }
            let shown = if pseudonymiser {
                let n = counts.entry(role).or_insert(0);
                *n += 1;
                pseudonyme(role, *n)
            } else {
                nom.clone().unwrap_or_else(|| id.to_owned())
            };
            remplacements.push((id.to_owned(), shown.clone()));
            if let Some(n) = nom {
                remplacements.push((n.clone(), shown.clone()));
            }
            map.insert(id.to_owned(), shown);
        };
        for sc in scenarios {
            for s in &sc.salaries {
                put('S', &s.id, &s.nom);
            }
        }
        for sc in scenarios {
            for e in &sc.encadrants {
                put('E', &e.id, &e.nom);
            }
        }
        for sc in scenarios {
            for c in &sc.cips {
                put('C', &c.id, &c.nom);
            }
        }
        remplacements.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        remplacements.retain(|(k, _)| !k.is_empty());
        Noms {
            map,
            remplacements,
            pseudonymiser,
        }
    }

    /// The shown name of person `id` (an id the scenario does not know: itself, or
    /// `personne inconnue` when pseudonymising).
    pub fn of(&self, id: &str) -> String {
        match self.map.get(id) {
            Some(n) => n.clone(),
            None if self.pseudonymiser => "personne inconnue".to_owned(),
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

    /// Free text from a plan file (a conflict's reason) as a report may show it: when
    /// pseudonymising, every id and name of the scenarios standing as a whole word is replaced
    /// by its pseudonym; otherwise the text as it is.
    pub fn texte(&self, s: &str) -> String {
        if !self.pseudonymiser {
            return s.to_owned();
        }
        let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
        let mut out = s.to_owned();
        for (k, v) in &self.remplacements {
            let mut res = String::with_capacity(out.len());
            let mut rest = out.as_str();
            let mut prev: Option<char> = None;
            while let Some(pos) = rest.find(k.as_str()) {
                let before = rest[..pos].chars().next_back().or(prev);
                let after = rest[pos + k.len()..].chars().next();
                res.push_str(&rest[..pos]);
                if before.is_some_and(word) || after.is_some_and(word) {
                    res.push_str(k);
                } else {
                    res.push_str(v);
                }
                prev = k.chars().next_back();
                rest = &rest[pos + k.len()..];
            }
            res.push_str(rest);
            out = res;
        }
        out
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

/// French label of a cost term of the plan (`heures_sous_contrat` → `heures sous le contrat`).
pub fn libelle_terme(term: &str) -> &str {
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

/// French weekday and date: `lun. 30/11`.
pub fn libelle_jour(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let j = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        [d.weekday().num_days_from_monday() as usize];
    format!("{j} {:02}/{:02}", d.day(), d.month())
}

const JOURS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn nom_mois(m: u32) -> &'static str {
    MOIS.get(m.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// A date as a person writes it: `mardi 1er décembre`, `lundi 30 novembre`.
pub fn date_longue(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let jour = JOURS[d.weekday().num_days_from_monday() as usize];
    let n = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{jour} {n} {}", nom_mois(d.month()))
}

/// A date without its weekday: `1er décembre`, `30 novembre`.
pub fn date_courte(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let n = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{n} {}", nom_mois(d.month()))
}

/// An ISO week as a person names it: `semaine du 30 novembre` (its Monday).
pub fn semaine_du(w: crate::model::calendar::IsoWeek) -> String {
    match chrono::NaiveDate::from_isoywd_opt(w.0, w.1, chrono::Weekday::Mon) {
        Some(lundi) => format!("semaine du {}", date_courte(lundi)),
        None => format!("semaine {} de {}", w.1, w.0),
    }
}

/// A month as a person names it: `décembre 2026`.
pub fn mois_long(m: crate::model::calendar::Month) -> String {
    format!("{} {}", nom_mois(m.1), m.0)
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
