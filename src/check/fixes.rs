//! Fixed items (docs/regles.md, « Conflits ») and rule 13 (`imposer`, `interdire`).
//!
//! The fixed items of a scenario are the séances of formation enrolments, the atelier
//! `inscrits` and the `imposer` entries. One may be missing from a plan only when a `conflit`
//! écart names it ([`Fixe::named_by`]); each missing one counts in the `conflit` cost term.

use super::{Context, Index, Rule, Violation, crews, shift_of};
use crate::format::plan::{Affectation, Ecart, TypeAffectation, TypeEcart};
use crate::format::scenario::{Imposer, Scenario};
use crate::format::time::{Heure, fmt_hhmm};
use crate::model::Facts;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// A fixed item, as a `conflit` écart names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fixe {
    pub personne: String,
    pub chantier: Option<String>,
    pub cip: Option<String>,
    pub atelier: Option<String>,
    pub formation: Option<String>,
    pub date: Option<NaiveDate>,
    pub debut: Option<Heure>,
}

impl Fixe {
    fn new(personne: &str) -> Fixe {
        Fixe {
            personne: personne.to_owned(),
            chantier: None,
            cip: None,
            atelier: None,
            formation: None,
            date: None,
            debut: None,
        }
    }

    /// The fixed item of an `imposer` entry (an atelier entry is the atelier's item, with its
    /// date and start).
    pub(crate) fn of_imposer(sc: &Scenario, e: &Imposer) -> Fixe {
        let mut f = Fixe::new(&e.personne);
        f.chantier = e.chantier.clone();
        f.cip = e.cip.clone();
        f.date = e.date;
        f.debut = e.debut;
        if let Some(a) = &e.atelier {
            f.atelier = Some(a.clone());
            if let Some(at) = sc.ateliers.iter().find(|x| x.id == *a) {
                f.date = Some(at.date);
                f.debut = Some(at.de);
            }
        }
        f
    }

    /// True when `e` is a `conflit` écart naming this item.
    pub(crate) fn named_by(&self, e: &Ecart) -> bool {
        e.type_ == TypeEcart::Conflit
            && e.personne.as_deref() == Some(self.personne.as_str())
            && e.chantier == self.chantier
            && e.cip == self.cip
            && e.atelier == self.atelier
            && e.formation == self.formation
            && e.date == self.date
            && e.debut == self.debut
    }

    /// The `conflit` écart of this item, with its cause.
    pub fn ecart(&self, raison: String) -> Ecart {
        Ecart {
            chantier: self.chantier.clone(),
            personne: Some(self.personne.clone()),
            cip: self.cip.clone(),
            atelier: self.atelier.clone(),
            formation: self.formation.clone(),
            date: self.date,
            debut: self.debut,
            ..Ecart::new(TypeEcart::Conflit, raison)
        }
    }

    /// `s04 : chantier halls-a le 2026-12-01 à 07:00` style description, in French.
    pub(crate) fn describe(&self) -> String {
        let mut s = format!("{} : ", self.personne);
        if let Some(c) = &self.chantier {
            s.push_str(&format!("chantier {c}"));
        } else if let Some(c) = &self.cip {
            s.push_str(&format!("rendez-vous avec {c}"));
        } else if let Some(a) = &self.atelier {
            s.push_str(&format!("atelier {a}"));
        } else if let Some(f) = &self.formation {
            s.push_str(&format!("formation {f}"));
        }
        if let Some(d) = self.date {
            s.push_str(&format!(" le {d}"));
        }
        if let Some(h) = self.debut {
            s.push_str(&format!(" à {}", fmt_hhmm(h.0)));
        }
        s
    }
}

/// True when item `it` matches `imposer` entry `e` (rule 13).
pub(crate) fn matches_imposer(
    sc: &Scenario,
    facts: &Facts,
    idx: &Index,
    e: &Imposer,
    it: &Affectation,
) -> bool {
    if it.personne != e.personne
        || e.date.is_some_and(|d| d != it.date)
        || e.debut.is_some_and(|h| it.debut != Some(h))
    {
        return false;
    }
    if let Some(c) = &e.chantier {
        return matches!(
            it.type_,
            TypeAffectation::Production | TypeAffectation::Encadrement
        ) && it.chantier.as_deref() == Some(c.as_str())
            && e.vacation.is_none_or(|v| {
                shift_of(idx, facts, it).is_some_and(|k| facts.shifts[k].vacation == v)
            });
    }
    if let Some(c) = &e.cip {
        return it.type_ == TypeAffectation::RdvCip && it.cip.as_deref() == Some(c.as_str());
    }
    if let Some(a) = &e.atelier {
        return it.type_ == TypeAffectation::Atelier
            && it.atelier.as_deref() == Some(a.as_str())
            && sc.ateliers.iter().any(|x| x.id == *a);
    }
    false
}

/// True when the `imposer` entry names something the plan should hold: an atelier entry whose
/// atelier is outside the period gives no item.
pub(crate) fn imposer_applies(sc: &Scenario, facts: &Facts, e: &Imposer) -> bool {
    match &e.atelier {
        Some(a) => sc
            .ateliers
            .iter()
            .any(|x| x.id == *a && facts.days.contains(&x.date)),
        None => true,
    }
}

/// Rule 13: every `imposer` entry is matched by an item (a missing one carries its [`Fixe`],
/// excused by a `conflit` écart in [`super::check_plan`]); no item matches an `interdire`
/// entry; two people of a `personnes` entry are never on the same shift (crew or encadrement).
pub(crate) fn rule_13_imposer_interdire(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    for (k, e) in sc.imposer.iter().enumerate() {
        if !imposer_applies(sc, facts, e)
            || items
                .iter()
                .any(|it| matches_imposer(sc, facts, idx, e, it))
        {
            continue;
        }
        let fixe = Fixe::of_imposer(sc, e);
        let mut v = Violation::new(
            Rule::ImposerInterdire,
            Some(&e.personne),
            e.chantier
                .as_deref()
                .or(e.cip.as_deref())
                .or(e.atelier.as_deref()),
            fixe.date,
            format!(
                "imposer[{k}] ({}) : aucun élément du plan ne lui correspond",
                fixe.describe()
            ),
        );
        v.fixe = Some(fixe);
        out.push(v);
    }
    for (k, e) in sc.interdire.iter().enumerate() {
        if e.personnes.is_some() {
            continue;
        }
        for it in items {
            if e.forbids(&it.personne, it.chantier.as_deref(), it.date) {
                out.push(Violation::new(
                    Rule::ImposerInterdire,
                    Some(&it.personne),
                    it.chantier.as_deref(),
                    Some(it.date),
                    format!("{} interdit par interdire[{k}]", super::describe(it)),
                ));
            }
        }
    }
    let crews = crews(idx, facts, items);
    for (k, e) in sc.interdire.iter().enumerate() {
        let Some(ids) = &e.personnes else { continue };
        let ids: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        for (shift, crew) in facts.shifts.iter().zip(&crews) {
            let mut on: Vec<&str> = crew
                .salaries
                .iter()
                .filter_map(|&s| sc.salaries.get(s).map(|x| x.id.as_str()))
                .chain(
                    crew.encadrants
                        .iter()
                        .filter_map(|&x| sc.encadrants.get(x).map(|x| x.id.as_str())),
                )
                .filter(|id| ids.contains(id))
                .collect();
            on.sort_unstable();
            if on.len() >= 2 {
                let ch = sc.chantiers.get(shift.chantier).map(|c| c.id.as_str());
                out.push(Violation::new(
                    Rule::ImposerInterdire,
                    None,
                    ch,
                    Some(shift.date),
                    format!(
                        "{} sur la même vacation {} ({}) : interdit par interdire[{k}]",
                        on.join(" et "),
                        super::shift_window(shift, crew),
                        ch.unwrap_or("?")
                    ),
                ));
            }
        }
    }
    out
}

/// Every fixed item missing from the plan (rules 10 and 13), sorted, each once.
pub(crate) fn missing_fixed(sc: &Scenario, facts: &Facts, items: &[Affectation]) -> Vec<Fixe> {
    let mut v: BTreeSet<Fixe> = BTreeSet::new();
    let cx = &Context::new(sc, facts);
    for x in super::rule_ateliers_formations(cx, items)
        .into_iter()
        .chain(rule_13_imposer_interdire(cx, items))
    {
        if let Some(f) = x.fixe {
            v.insert(f);
        }
    }
    v.into_iter().collect()
}

/// The fixed item of an atelier inscrit or a formation séance.
pub(crate) fn fixe_of(
    personne: &str,
    atelier: Option<&str>,
    formation: Option<&str>,
    date: NaiveDate,
    de: u32,
) -> Fixe {
    let mut f = Fixe::new(personne);
    f.atelier = atelier.map(str::to_owned);
    f.formation = formation.map(str::to_owned);
    f.date = Some(date);
    f.debut = Some(Heure(de));
    f
}
