//! Applying a variant's operations to a copy of the base scenario, then validating the result
//! like a scenario file ([`crate::model::coherence::validate`]).
//!
//! Operations are applied in one fixed order, whatever their order in the file: places, walks and
//! bus lines are added; chantiers, salarié·es and encadrant·es are removed (with every reference
//! to them: atelier and formation inscrits, preferences); chantiers are added; vacations are
//! changed; weekly hours are changed; salarié·es, encadrant·es and CIPs are added.
//! Hires and "tampon" salarié·es are made from profiles by [`salarie_from_profile`] and
//! [`encadrant_from_profile`].

use super::variants::{ProfilEncadrant, ProfilSalarie, Variante, error};
use crate::diag::{Code, Diagnostic};
use crate::format::scenario::{Contrat, Encadrant, Preferences, Salarie, Scenario};
use crate::format::spans;

/// Applies `v` (the variant at `path`, e.g. `variantes[2]`) to a copy of `base`. Errors name the
/// variant's operation when it is the cause, else the scenario path found by validation.
pub fn apply(base: &Scenario, v: &Variante, path: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let mut sc = base.clone();
    let mut errs = Vec::new();
    let at = |k: &str| spans::key(path, k);

    sc.lieux.extend(v.ajouter_lieux.iter().cloned());
    sc.trajets.extend(v.ajouter_trajets.iter().cloned());
    sc.transports.extend(v.ajouter_transports.iter().cloned());
    retirer(&mut sc, v, path, &mut errs);
    sc.chantiers.extend(v.ajouter_chantiers.iter().cloned());
    modifier_vacations(&mut sc, v, path, &mut errs);
    for (id, h) in &v.heures_hebdo {
        if let Some(s) = sc.salaries.iter_mut().find(|s| &s.id == id) {
            s.contrat.heures_hebdo = *h;
        } else if let Some(e) = sc.encadrants.iter_mut().find(|e| &e.id == id) {
            e.heures_hebdo = *h;
        } else {
            errs.push(error(
                Code::UnknownReference,
                spans::key(&at("heures_hebdo"), id),
                format!("ni salarié·e ni encadrant·e « {id} »"),
            ));
        }
    }

    sc.salaries.extend(v.ajouter_salaries.iter().cloned());
    sc.encadrants.extend(v.ajouter_encadrants.iter().cloned());
    sc.cips.extend(v.ajouter_cips.iter().cloned());

    if !errs.is_empty() {
        return Err(errs);
    }
    validated(sc, path)
}

/// `retirer_chantiers`, `retirer_salaries`, `retirer_encadrants`: each id removed with every
/// list that names it; an unknown id is an error at its place in the variant `path`.
fn retirer(sc: &mut Scenario, v: &Variante, path: &str, errs: &mut Vec<Diagnostic>) {
    let at = |k: &str| spans::key(path, k);
    for (i, id) in v.retirer_chantiers.iter().enumerate() {
        if !sc.chantiers.iter().any(|c| &c.id == id) {
            errs.push(error(
                Code::UnknownReference,
                spans::index(&at("retirer_chantiers"), i),
                format!("chantier inconnu « {id} »"),
            ));
            continue;
        }
        sc.chantiers.retain(|c| &c.id != id);
        for s in &mut sc.salaries {
            s.preferences.chantiers.retain(|c| c != id);
        }
    }
    for (i, id) in v.retirer_salaries.iter().enumerate() {
        if !sc.salaries.iter().any(|s| &s.id == id) {
            errs.push(error(
                Code::UnknownReference,
                spans::index(&at("retirer_salaries"), i),
                format!("salarié·e inconnu·e « {id} »"),
            ));
            continue;
        }
        sc.salaries.retain(|s| &s.id != id);
        for s in &mut sc.salaries {
            s.preferences.eviter.retain(|x| x != id);
        }
        for a in &mut sc.ateliers {
            a.inscrits.retain(|x| x != id);
        }
        for f in &mut sc.formations {
            f.inscrits.retain(|x| x != id);
        }
    }
    for (i, id) in v.retirer_encadrants.iter().enumerate() {
        if !sc.encadrants.iter().any(|e| &e.id == id) {
            errs.push(error(
                Code::UnknownReference,
                spans::index(&at("retirer_encadrants"), i),
                format!("encadrant·e inconnu·e « {id} »"),
            ));
            continue;
        }
        sc.encadrants.retain(|e| &e.id != id);
    }
}

/// `modifier_vacations`: the fields given replace those of the vacation.
fn modifier_vacations(sc: &mut Scenario, v: &Variante, path: &str, errs: &mut Vec<Diagnostic>) {
    let at = |k: &str| spans::key(path, k);
    for (i, m) in v.modifier_vacations.iter().enumerate() {
        let mp = spans::index(&at("modifier_vacations"), i);
        let Some(ch) = sc.chantiers.iter_mut().find(|c| c.id == m.chantier) else {
            errs.push(error(
                Code::UnknownReference,
                spans::key(&mp, "chantier"),
                format!("chantier inconnu « {} »", m.chantier),
            ));
            continue;
        };
        let n = ch.vacations.len();
        let Some(vac) = ch.vacations.get_mut(m.vacation) else {
            errs.push(error(
                Code::UnknownReference,
                spans::key(&mp, "vacation"),
                format!(
                    "le chantier « {} » n'a pas de vacation d'indice {} (indices de 0 à {})",
                    m.chantier,
                    m.vacation,
                    n.saturating_sub(1)
                ),
            ));
            continue;
        };
        if let Some(j) = &m.jours {
            vac.jours = j.clone();
        }
        if let Some(d) = &m.debuts {
            vac.debuts = d.clone();
        }
        if let Some(d) = m.duree {
            vac.duree = d;
        }
        if let Some(e) = m.equipe {
            vac.equipe = e;
        }
        if let Some(o) = m.optionnelle {
            vac.optionnelle = o;
        }
    }
}

/// Runs the scenario validation on a modified scenario; its errors are reported at the variant
/// (`path`), with the scenario path they concern in the message.
pub(crate) fn validated(sc: Scenario, path: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let Err(errs) = crate::model::coherence::validate(&sc) else {
        return Ok(sc);
    };
    Err(errs
        .into_iter()
        .map(|d| {
            let what = if d.path.is_empty() {
                String::new()
            } else {
                format!("{} : ", d.path)
            };
            error(
                d.code,
                path.to_owned(),
                format!("scénario modifié invalide : {what}{}", d.message),
            )
        })
        .collect())
}

/// A salarié·e made from a profile, id `id`. A contract without `debut` starts on the first day
/// of the period (a new hire).
pub(crate) fn salarie_from_profile(sc: &Scenario, p: &ProfilSalarie, id: String) -> Salarie {
    Salarie {
        id,
        nom: None,
        contrat: Contrat {
            type_: p.contrat.type_,
            heures_hebdo: p.contrat.heures_hebdo,
            debut: Some(p.contrat.debut.unwrap_or(sc.periode.debut)),
            fin: p.contrat.fin,
        },
        domicile: p.domicile.clone(),
        mobilite: p.mobilite,
        competences: p.competences.clone(),
        restrictions: p.restrictions.clone(),
        cip: p.cip.clone(),
        rdv_cip_par_mois: None,
        disponibilites: p.disponibilites.clone(),
        absences: Vec::new(),
        pmsmp: Vec::new(),
        rdv_cip: Vec::new(),
        besoins: Vec::new(),
        preferences: Preferences::default(),
    }
}

/// An encadrant·e made from a profile, id `id`.
pub(crate) fn encadrant_from_profile(p: &ProfilEncadrant, id: String) -> Encadrant {
    Encadrant {
        id,
        nom: None,
        heures_hebdo: p.heures_hebdo,
        competences: p.competences.clone(),
        activites: p.activites.clone(),
        disponibilites: p.disponibilites.clone(),
        absences: Vec::new(),
    }
}
