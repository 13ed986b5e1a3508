//! The weeks of the registre as the balance reads them (`regie rapport bilan --registre`): each
//! week's current version only, its plan **as realised** where it is pointed (an absent item is
//! left out and counts 0 h, an item done at other times has its real times) and as planned where
//! it is not. The balance itself is [`crate::report::bilan`], fed the same structures as with plan
//! files; [`tableau_semaines`] adds one line per week saying which it counts: `réalisé`, `prévu`
//! or `en partie réalisé`.

use super::Semaine;
use crate::diag::Result;
use crate::format::plan::Plan;
use crate::format::scenario::Scenario;
use crate::model::calendar::Month;
use crate::report::bilan::{Tableau, Valeur};
use crate::texte::round2;

/// One week ready for the balance.
#[derive(Debug, Clone)]
pub struct SemaineLue {
    /// The published week.
    pub semaine: Semaine,
    /// Its scenario.
    pub scenario: Scenario,
    /// The plan as published.
    pub prevu: Plan,
    /// The plan as realised (absent items out, real times in).
    pub realise: Plan,
}

impl SemaineLue {
    pub(crate) fn pointees(&self) -> usize {
        self.semaine
            .pointages
            .keys()
            .filter(|r| **r < self.prevu.affectations.len())
            .count()
    }
    /// `réalisé` (every item pointed), `prévu` (none) or `en partie réalisé`.
    pub fn source(&self) -> &'static str {
        let n = self.prevu.affectations.len();
        match self.pointees() {
            0 if n > 0 => "prévu",
            k if k == n => "réalisé",
            _ => "en partie réalisé",
        }
    }
}

/// The plan of `semaine` as realised.
pub(crate) fn plan_realise(semaine: &Semaine, plan: &Plan) -> Plan {
    let mut r = plan.clone();
    r.affectations = plan
        .affectations
        .iter()
        .enumerate()
        .filter_map(|(rang, a)| match semaine.pointages.get(&rang) {
            Some(p) => p.realise(a),
            None => Some(a.clone()),
        })
        .collect();
    r
}

/// Reads the weeks of `semaines` that have a day in `mois` (all when `None`).
pub fn lire(semaines: Vec<Semaine>, mois: Option<Month>) -> Result<Vec<SemaineLue>> {
    let mut out = Vec::new();
    for s in semaines {
        let touche = mois.is_none_or(|m| {
            s.debut
                .iter_days()
                .take(s.jours as usize)
                .any(|d| Month::of(d) == m)
        });
        if !touche {
            continue;
        }
        let scenario = s.lire_scenario()?;
        let prevu = s.lire_plan()?;
        let realise = plan_realise(&s, &prevu);
        out.push(SemaineLue {
            semaine: s,
            scenario,
            prevu,
            realise,
        });
    }
    Ok(out)
}

/// Columns of the `semaines` table (documented in docs/registre.md).
pub const COLONNES_SEMAINES: &[&str] = &[
    "regie",
    "semaine",
    "fin",
    "version",
    "affectations",
    "pointees",
    "absences",
    "heures_prevues",
    "heures_comptees",
    "source",
];

/// One line per week: its version, how much of it is pointed, planned and counted hours, and
/// whether the balance counts it as `réalisé` or `prévu`. With `mois`, the counts and hours are
/// those of the week's items in that month; `source` is the whole week's.
pub fn tableau_semaines(semaines: &[SemaineLue], mois: Option<Month>) -> Tableau {
    let keep = |d: chrono::NaiveDate| mois.is_none_or(|m| Month::of(d) == m);
    let t = |s: String| Valeur::Texte(s);
    let lignes = semaines
        .iter()
        .map(|s| {
            let gardees: Vec<usize> = (0..s.prevu.affectations.len())
                .filter(|&r| s.prevu.affectations.get(r).is_some_and(|a| keep(a.date)))
                .collect();
            let pointees = gardees
                .iter()
                .filter(|r| s.semaine.pointages.contains_key(r))
                .count();
            let absences = gardees
                .iter()
                .filter(|r| {
                    s.semaine
                        .pointages
                        .get(r)
                        .is_some_and(|p| p.statut == super::Statut::Absent)
                })
                .count();
            let h = |p: &Plan| -> f64 {
                p.affectations
                    .iter()
                    .filter(|a| keep(a.date))
                    .map(|a| a.hours())
                    .sum()
            };
            vec![
                t(s.semaine.regie.clone()),
                t(s.semaine.debut.to_string()),
                t(s.semaine.fin().to_string()),
                Valeur::Nombre(f64::from(s.semaine.version)),
                Valeur::Nombre(gardees.len() as f64),
                Valeur::Nombre(pointees as f64),
                Valeur::Nombre(absences as f64),
                Valeur::Nombre(round2(h(&s.prevu))),
                Valeur::Nombre(round2(h(&s.realise))),
                t(s.source().to_owned()),
            ]
        })
        .collect();
    Tableau {
        nom: "semaines",
        titre: "Semaines du registre : réalisé (pointé) ou prévu (pas encore pointé)",
        colonnes: COLONNES_SEMAINES,
        lignes,
    }
}
