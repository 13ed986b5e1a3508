//! Validation of a parsed scenario: one named check per error and warning class of
//! docs/validation.md, all collected, each diagnostic carrying the item path
//! (`salaries[3].contrat.heures_hebdo`). Lines and columns are added by the loader
//! ([`crate::format::load`]) from the path.
//!
//! Errors ([`errors`]): `check_version`, `check_period`, `check_settings`, `check_unique_ids`,
//! `check_references`, `check_domicile`, `check_grid`, `check_ranges` and the bounds of
//! [`crate::format::ranges`], then, on a scenario
//! that passed those, `check_fixed_enrolments`.
//! Warnings ([`warnings`], on a scenario without errors): `check_cddi_hours`,
//! `check_pmsmp_duration`, `check_reach`, `check_cip_caseload`, `check_supervision`, and
//! `check_fixed_enrolment_presence` (not in the spec's list: a fixed enrolment the plan cannot
//! honour, on a holiday, outside the contract or outside the person's availability).

use super::scenario::{Absence, Disponibilites, Mobilite, Salarie, Scenario, TypeContrat};
use super::spans::{index, key};
use super::time::{Plage, fmt_hhmm};
use crate::diag::{Diagnostic, Severity};
use crate::model::calendar;
use crate::model::commute::{self, CommuteTable};
use crate::model::places::Places;
use crate::model::presence;
use crate::model::targets;
use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The largest work budget `reglages.solveur.effort` accepts (hours of search at 300
/// salarié·es).
pub const EFFORT_MAX: u32 = 100_000;

/// The longest time limit of a solve, in seconds (24 h): `limite_secondes` is in ]0, 86 400]
/// in a scenario, a variants file and on the command line.
pub const LIMITE_SECONDES_MAX: f64 = 86_400.0;

/// The French error for a time limit `v` outside ]0, [`LIMITE_SECONDES_MAX`]] (an infinite or
/// NaN limit included); `nom` names it (`limite_secondes`, `--limite-secondes`).
pub fn limite_secondes_erreur(nom: &str, v: f64) -> Option<String> {
    (!(v > 0.0 && v <= LIMITE_SECONDES_MAX)).then(|| {
        format!(
            "{nom} doit être comprise entre 0 (exclu) et 86400 secondes, soit 24 h (trouvé : {v})"
        )
    })
}

/// Most salarié·es a CIP should follow before a warning (docs/validation.md: a warning above 30).
pub const MAX_SALARIES_PAR_CIP: usize = 30;
/// Usual CDDI weekly hours (docs/validation.md).
pub const CDDI_HEURES_MIN: f64 = 20.0;
pub const CDDI_HEURES_MAX: f64 = 35.0;
/// Longest period (docs/validation.md).
pub const MAX_JOURS_PERIODE: u32 = 31;
/// Sane ranges of the labour-code settings (docs/regles.md, rules 11 and 12): `duree_legale` in
/// (0, 48] (48 h is the weekly maximum of the Code du travail, L3121-20), at most 10
/// interruptions a day, of at most 12 h each.
pub const MAX_DUREE_LEGALE: f64 = 48.0;
pub const MAX_INTERRUPTIONS: u32 = 10;
pub const MAX_INTERRUPTION_MINUTES: u32 = 720;

/// Collected diagnostics (file, line and column are filled by the loader).
#[derive(Debug, Default)]
struct Report(Vec<Diagnostic>);

impl Report {
    fn push(&mut self, severity: Severity, path: String, message: String) {
        self.0.push(Diagnostic {
            severity,
            file: String::new(),
            line: None,
            column: None,
            path,
            message,
        });
    }
    fn err(&mut self, path: String, message: String) {
        self.push(Severity::Erreur, path, message);
    }
    fn warn(&mut self, path: String, message: String) {
        self.push(Severity::Avertissement, path, message);
    }
}

/// Every error of a well-formed scenario; empty when it may be planned.
pub fn errors(sc: &Scenario) -> Vec<Diagnostic> {
    let mut r = Report::default();
    check_version(sc, &mut r);
    check_period(sc, &mut r);
    check_settings(sc, &mut r);
    check_unique_ids(sc, &mut r);
    check_references(sc, &mut r);
    check_domicile(sc, &mut r);
    check_grid(sc, &mut r);
    check_ranges(sc, &mut r);
    r.0.extend(super::ranges::errors(sc));
    check_imposer(sc, &mut r);
    check_interdire(sc, &mut r);
    check_replanification(sc, &mut r);
    // The fixed enrolments are read through the model (calendar, travel): only on a scenario
    // whose settings, ids and ranges are sound.
    if r.0.is_empty() {
        check_fixed_enrolments(sc, &mut r);
    }
    r.0
}

/// Every warning of a scenario without errors.
pub fn warnings(sc: &Scenario) -> Vec<Diagnostic> {
    let mut r = Report::default();
    check_cddi_hours(sc, &mut r);
    check_pmsmp_duration(sc, &mut r);
    check_reach(sc, &mut r);
    check_cip_caseload(sc, &mut r);
    check_supervision(sc, &mut r);
    check_fixed_enrolment_presence(sc, &mut r);
    r.0
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// `version` must be 1 (the only format version).
fn check_version(sc: &Scenario, r: &mut Report) {
    if sc.version != 1 {
        r.err(
            "version".into(),
            format!(
                "version de format non prise en charge : {} (seule la version 1 existe)",
                sc.version
            ),
        );
    }
}

/// `periode.jours` is 1 to 31, and the period (with a year of margin for the monthly rules)
/// stays inside the calendar.
fn check_period(sc: &Scenario, r: &mut Report) {
    let jours = sc.periode.jours;
    if !(1..=MAX_JOURS_PERIODE).contains(&jours) {
        r.err(
            "periode.jours".into(),
            format!("la période doit compter de 1 à {MAX_JOURS_PERIODE} jours (trouvé : {jours})"),
        );
    }
    let debut = sc.periode.debut;
    let margin = chrono::Days::new(u64::from(jours) + 400);
    if debut.checked_add_days(margin).is_none() || debut.checked_sub_days(margin).is_none() {
        r.err(
            "periode.debut".into(),
            format!("date de début hors du calendrier utilisable : {debut}"),
        );
    }
}

/// Settings and numeric fields whose range the format implies.
fn check_settings(sc: &Scenario, r: &mut Report) {
    let g = &sc.reglages;
    let pas = g.pas_minutes;
    if pas == 0 || !1440u32.is_multiple_of(pas) {
        r.err(
            "reglages.pas_minutes".into(),
            format!(
                "le pas de la grille doit être un nombre de minutes non nul qui divise 60 ou 1440 (trouvé : {pas})"
            ),
        );
    }
    if !(5..=7).contains(&g.jours_semaine) {
        r.err(
            "reglages.jours_semaine".into(),
            format!(
                "jours_semaine doit valoir 5, 6 ou 7 (trouvé : {})",
                g.jours_semaine
            ),
        );
    }
    if !(1..=7).contains(&g.max_jours_semaine) {
        r.err(
            "reglages.max_jours_semaine".into(),
            format!(
                "max_jours_semaine doit être compris entre 1 et 7 (trouvé : {})",
                g.max_jours_semaine
            ),
        );
    }
    if !(g.max_heures_jour > 0.0 && g.max_heures_jour <= 24.0) {
        r.err(
            "reglages.max_heures_jour".into(),
            format!(
                "max_heures_jour doit être compris entre 0 (exclu) et 24 (trouvé : {})",
                g.max_heures_jour
            ),
        );
    }
    if !(g.duree_legale > 0.0 && g.duree_legale <= MAX_DUREE_LEGALE) {
        r.err(
            "reglages.duree_legale".into(),
            format!(
                "duree_legale doit être comprise entre 0 (exclu) et {MAX_DUREE_LEGALE} heures (trouvé : {})",
                g.duree_legale
            ),
        );
    }
    if let Some(n) = g.temps_partiel.interruptions_max
        && n > MAX_INTERRUPTIONS
    {
        r.err(
            "reglages.temps_partiel.interruptions_max".into(),
            format!(
                "interruptions_max doit être compris entre 0 et {MAX_INTERRUPTIONS} (trouvé : {n}) ; null désactive la règle"
            ),
        );
    }
    if g.temps_partiel.interruption_max_minutes > MAX_INTERRUPTION_MINUTES {
        r.err(
            "reglages.temps_partiel.interruption_max_minutes".into(),
            format!(
                "interruption_max_minutes doit être compris entre 0 et {MAX_INTERRUPTION_MINUTES} (trouvé : {})",
                g.temps_partiel.interruption_max_minutes
            ),
        );
    }
    if let Some(h) = g.repos_quotidien_heures
        && !(h.is_finite() && (0.0..24.0).contains(&h))
    {
        r.err(
            "reglages.repos_quotidien_heures".into(),
            format!(
                "repos_quotidien_heures doit être compris entre 0 et 24 (exclu) (trouvé : {h}) ; null désactive la règle"
            ),
        );
    }
    if g.rdv_cip.min_par_mois == 0 {
        r.err(
            "reglages.rdv_cip.min_par_mois".into(),
            "min_par_mois doit valoir au moins 1 (il fixe la durée d'un rendez-vous)".into(),
        );
    }
    if g.rdv_cip.duree_minutes == 0 {
        r.err(
            "reglages.rdv_cip.duree_minutes".into(),
            "la durée d'un rendez-vous CIP doit être non nulle".into(),
        );
    }
    let non_negative: [(&str, f64); 12] = [
        ("heures_complementaires_max", g.heures_complementaires_max),
        ("solveur.ecart_relatif", g.solveur.ecart_relatif),
        ("poids.production", g.poids.production),
        ("poids.rdv_cip_retard", g.poids.rdv_cip_retard),
        ("poids.rdv_cip_restant", g.poids.rdv_cip_restant),
        ("poids.heures_sous_contrat", g.poids.heures_sous_contrat),
        (
            "poids.heures_complementaires",
            g.poids.heures_complementaires,
        ),
        ("poids.besoin_atelier", g.poids.besoin_atelier),
        ("poids.preference", g.poids.preference),
        ("poids.eviter", g.poids.eviter),
        ("poids.changement", g.poids.changement),
        ("poids.conflit", g.poids.conflit),
    ];
    for (name, v) in non_negative {
        if !(v.is_finite() && v >= 0.0) {
            r.err(
                format!("reglages.{name}"),
                format!("{name} doit être un nombre positif ou nul (trouvé : {v})"),
            );
        }
    }
    if let Some(m) = limite_secondes_erreur("limite_secondes", g.solveur.limite_secondes) {
        r.err("reglages.solveur.limite_secondes".into(), m);
    }
    if let Some(e) = g.solveur.effort
        && !(1..=EFFORT_MAX).contains(&e)
    {
        r.err(
            "reglages.solveur.effort".into(),
            format!("l'effort doit être compris entre 1 et {EFFORT_MAX} (trouvé : {e})"),
        );
    }
    for (i, s) in sc.salaries.iter().enumerate() {
        check_hours(
            s.contrat.heures_hebdo,
            key(&index("salaries", i), "contrat.heures_hebdo"),
            r,
        );
    }
    for (i, e) in sc.encadrants.iter().enumerate() {
        check_hours(
            e.heures_hebdo,
            key(&index("encadrants", i), "heures_hebdo"),
            r,
        );
    }
    for (i, c) in sc.chantiers.iter().enumerate() {
        let p = index("chantiers", i);
        if !(1..=3).contains(&c.priorite) {
            r.err(
                key(&p, "priorite"),
                format!(
                    "la priorité doit valoir 1, 2 ou 3 (trouvé : {})",
                    c.priorite
                ),
            );
        }
        if !(c.part_lien_social.is_finite() && (0.0..=1.0).contains(&c.part_lien_social)) {
            r.err(
                key(&p, "part_lien_social"),
                format!(
                    "part_lien_social doit être comprise entre 0 et 1 (trouvé : {})",
                    c.part_lien_social
                ),
            );
        }
    }
}

/// Weekly hours in ]0, 48]: 48 h is the legal maximum of a week's work (docs/format-scenario.md).
fn check_hours(h: f64, path: String, r: &mut Report) {
    if !(h.is_finite() && h > 0.0 && h <= MAX_DUREE_LEGALE) {
        r.err(
            path,
            format!(
                "les heures hebdomadaires doivent être comprises entre 0 (exclu) et {MAX_DUREE_LEGALE}, le maximum légal (trouvé : {h})"
            ),
        );
    }
}

/// Every `id` is unique within its list; an inscrits list names each person once.
fn check_unique_ids(sc: &Scenario, r: &mut Report) {
    fn unique<'a>(list: &str, ids: impl Iterator<Item = &'a str>, r: &mut Report) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.get(id) {
                r.err(
                    key(&index(list, i), "id"),
                    format!(
                        "identifiant « {id} » en double (déjà utilisé par {})",
                        index(list, *first)
                    ),
                );
            } else {
                seen.insert(id, i);
            }
        }
    }
    unique("lieux", sc.lieux.iter().map(|x| x.id.as_str()), r);
    unique("transports", sc.transports.iter().map(|x| x.id.as_str()), r);
    unique("salaries", sc.salaries.iter().map(|x| x.id.as_str()), r);
    unique("encadrants", sc.encadrants.iter().map(|x| x.id.as_str()), r);
    unique("cips", sc.cips.iter().map(|x| x.id.as_str()), r);
    unique("chantiers", sc.chantiers.iter().map(|x| x.id.as_str()), r);
    unique("ateliers", sc.ateliers.iter().map(|x| x.id.as_str()), r);
    unique("formations", sc.formations.iter().map(|x| x.id.as_str()), r);
    let inscrits = sc
        .ateliers
        .iter()
        .enumerate()
        .map(|(i, a)| (index("ateliers", i), &a.inscrits))
        .chain(
            sc.formations
                .iter()
                .enumerate()
                .map(|(i, f)| (index("formations", i), &f.inscrits)),
        );
    for (p, list) in inscrits {
        let mut seen = BTreeSet::new();
        for (k, id) in list.iter().enumerate() {
            if !seen.insert(id.as_str()) {
                r.err(
                    index(&key(&p, "inscrits"), k),
                    format!("« {id} » est inscrit·e deux fois"),
                );
            }
        }
    }
}

/// Every reference by id resolves: lieux, CIP, salarié·es, chantiers.
fn check_references(sc: &Scenario, r: &mut Report) {
    let lieux: BTreeSet<&str> = sc.lieux.iter().map(|x| x.id.as_str()).collect();
    let salaries: BTreeSet<&str> = sc.salaries.iter().map(|x| x.id.as_str()).collect();
    let cips: BTreeSet<&str> = sc.cips.iter().map(|x| x.id.as_str()).collect();
    let chantiers: BTreeSet<&str> = sc.chantiers.iter().map(|x| x.id.as_str()).collect();
    let mut check = |set: &BTreeSet<&str>, id: &str, path: String, what: &str| {
        if !set.contains(id) {
            r.err(path, format!("référence inconnue « {id} » : {what}"));
        }
    };
    const LIEU: &str = "aucun lieu de ce nom dans « lieux »";
    const SAL: &str = "aucun·e salarié·e de cet identifiant dans « salaries »";
    for (i, t) in sc.trajets.iter().enumerate() {
        let p = index("trajets", i);
        check(&lieux, &t.de, key(&p, "de"), LIEU);
        check(&lieux, &t.a, key(&p, "a"), LIEU);
    }
    for (i, l) in sc.transports.iter().enumerate() {
        for (j, c) in l.courses.iter().enumerate() {
            let p = index(&key(&index("transports", i), "courses"), j);
            for (k, (lieu, _)) in c.passages.iter().enumerate() {
                check(
                    &lieux,
                    lieu,
                    index(&index(&key(&p, "passages"), k), 0),
                    LIEU,
                );
            }
        }
    }
    for (i, s) in sc.salaries.iter().enumerate() {
        let p = index("salaries", i);
        if let Some(d) = &s.domicile {
            check(&lieux, d, key(&p, "domicile"), LIEU);
        }
        if let Some(c) = &s.cip {
            check(
                &cips,
                c,
                key(&p, "cip"),
                "aucune CIP de cet identifiant dans « cips »",
            );
        }
        for (k, c) in s.preferences.chantiers.iter().enumerate() {
            check(
                &chantiers,
                c,
                index(&key(&p, "preferences.chantiers"), k),
                "aucun chantier de cet identifiant dans « chantiers »",
            );
        }
        for (k, e) in s.preferences.eviter.iter().enumerate() {
            check(&salaries, e, index(&key(&p, "preferences.eviter"), k), SAL);
        }
    }
    for (i, c) in sc.cips.iter().enumerate() {
        check(&lieux, &c.lieu, key(&index("cips", i), "lieu"), LIEU);
    }
    for (i, c) in sc.chantiers.iter().enumerate() {
        check(&lieux, &c.lieu, key(&index("chantiers", i), "lieu"), LIEU);
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        let p = index("ateliers", i);
        check(&lieux, &a.lieu, key(&p, "lieu"), LIEU);
        for (k, s) in a.inscrits.iter().enumerate() {
            check(&salaries, s, index(&key(&p, "inscrits"), k), SAL);
        }
        if let Some(c) = &a.anime_par {
            check(
                &cips,
                c,
                key(&p, "anime_par"),
                "aucune CIP de cet identifiant dans « cips »",
            );
        }
    }
    for (i, f) in sc.formations.iter().enumerate() {
        let p = index("formations", i);
        check(&lieux, &f.lieu, key(&p, "lieu"), LIEU);
        for (k, s) in f.inscrits.iter().enumerate() {
            check(&salaries, s, index(&key(&p, "inscrits"), k), SAL);
        }
    }
}

/// Rule 13, `imposer`: a known person; exactly one of `chantier`, `cip`, `atelier`, each known;
/// a date inside the period; a vacation index of the chantier that runs that day; a start among
/// that vacation's (or any vacation's) `debuts`; a CIP entry for a salarié·e with that CIP as
/// référent (if any) and a start on the grid; an atelier entry without date, vacation or start.
fn check_imposer(sc: &Scenario, r: &mut Report) {
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    for (k, e) in sc.imposer.iter().enumerate() {
        let p = index("imposer", k);
        let salarie = sc.salaries.iter().find(|s| s.id == e.personne);
        let encadrant = sc.encadrants.iter().any(|x| x.id == e.personne);
        if salarie.is_none() && !encadrant {
            r.err(
                key(&p, "personne"),
                format!(
                    "référence inconnue « {} » : aucune personne de cet identifiant dans « salaries » ni « encadrants »",
                    e.personne
                ),
            );
        }
        let n = [e.chantier.is_some(), e.cip.is_some(), e.atelier.is_some()]
            .iter()
            .filter(|x| **x)
            .count();
        if n != 1 {
            r.err(
                p.clone(),
                "une entrée « imposer » nomme exactement un « chantier », une « cip » ou un « atelier »"
                    .into(),
            );
            continue;
        }
        if let Some(d) = e.date
            && !days.contains(&d)
        {
            r.err(
                key(&p, "date"),
                format!("date {d} hors de la période planifiée"),
            );
        }
        if let Some(c) = &e.chantier {
            let Some(ch) = sc.chantiers.iter().find(|x| x.id == *c) else {
                r.err(
                    key(&p, "chantier"),
                    format!("référence inconnue « {c} » : aucun chantier de cet identifiant dans « chantiers »"),
                );
                continue;
            };
            let vacations: Vec<(usize, &super::scenario::Vacation)> = match e.vacation {
                Some(v) => match ch.vacations.get(v) {
                    Some(vac) => vec![(v, vac)],
                    None => {
                        r.err(
                            key(&p, "vacation"),
                            format!(
                                "le chantier « {c} » n'a pas de vacation d'indice {v} (indices de 0 à {})",
                                ch.vacations.len().saturating_sub(1)
                            ),
                        );
                        continue;
                    }
                },
                None => ch.vacations.iter().enumerate().collect(),
            };
            if let (Some(v), Some(d)) = (e.vacation, e.date)
                && days.contains(&d)
                && !vacations
                    .iter()
                    .any(|(_, vac)| vac.jours.contains(&calendar::jour(d)))
            {
                r.err(
                    key(&p, "vacation"),
                    format!(
                        "la vacation {v} du chantier « {c} » n'a pas lieu le {} {d}",
                        calendar::jour(d).nom()
                    ),
                );
            }
            if let Some(h) = e.debut
                && !vacations.iter().any(|(_, vac)| vac.debuts.contains(&h))
            {
                r.err(
                    key(&p, "debut"),
                    format!(
                        "aucune vacation {}du chantier « {c} » ne commence à {h}",
                        e.vacation.map(|v| format!("{v} ")).unwrap_or_default()
                    ),
                );
            }
        } else {
            if e.vacation.is_some() {
                r.err(
                    key(&p, "vacation"),
                    "« vacation » ne va qu'avec un « chantier »".into(),
                );
            }
            if salarie.is_none() && encadrant {
                r.err(
                    key(&p, "personne"),
                    format!(
                        "« {} » est encadrant·e : seul·e un·e salarié·e a des rendez-vous CIP et des ateliers",
                        e.personne
                    ),
                );
            }
        }
        if let Some(c) = &e.cip {
            if !sc.cips.iter().any(|x| x.id == *c) {
                r.err(
                    key(&p, "cip"),
                    format!(
                        "référence inconnue « {c} » : aucune CIP de cet identifiant dans « cips »"
                    ),
                );
            } else if let Some(s) = salarie
                && let Some(ref_cip) = &s.cip
                && ref_cip != c
            {
                r.err(
                    key(&p, "cip"),
                    format!(
                        "la CIP référente de {} est « {ref_cip} » : un rendez-vous avec « {c} » est impossible",
                        s.id
                    ),
                );
            }
            let pas = sc.reglages.pas_minutes;
            if let Some(h) = e.debut
                && pas > 0
                && !h.0.is_multiple_of(pas)
            {
                r.err(
                    key(&p, "debut"),
                    format!(
                        "heure « {h} » hors de la grille de {pas} minutes (reglages.pas_minutes)"
                    ),
                );
            }
        }
        if let Some(a) = &e.atelier {
            if !sc.ateliers.iter().any(|x| x.id == *a) {
                r.err(
                    key(&p, "atelier"),
                    format!("référence inconnue « {a} » : aucun atelier de cet identifiant dans « ateliers »"),
                );
            }
            for (field, given) in [("date", e.date.is_some()), ("debut", e.debut.is_some())] {
                if given {
                    r.err(
                        key(&p, field),
                        format!("« {field} » ne va pas avec un « atelier » (l'atelier a sa date et ses horaires)"),
                    );
                }
            }
        }
    }
}

/// Rule 13, `interdire`: `personne` with a `chantier` and/or a `date`, or `personnes` (two or
/// more distinct people, nothing else); every id known, the date inside the period.
fn check_interdire(sc: &Scenario, r: &mut Report) {
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    let known = |id: &str| {
        sc.salaries.iter().any(|s| s.id == id) || sc.encadrants.iter().any(|e| e.id == id)
    };
    let unknown = |id: &str| {
        format!(
            "référence inconnue « {id} » : aucune personne de cet identifiant dans « salaries » ni « encadrants »"
        )
    };
    for (k, e) in sc.interdire.iter().enumerate() {
        let p = index("interdire", k);
        match (&e.personne, &e.personnes) {
            (Some(id), None) => {
                if !known(id) {
                    r.err(key(&p, "personne"), unknown(id));
                }
                if e.chantier.is_none() && e.date.is_none() {
                    r.err(
                        p.clone(),
                        "une entrée « interdire » avec « personne » nomme un « chantier », une « date » ou les deux".into(),
                    );
                }
            }
            (None, Some(ids)) => {
                let distinct: BTreeSet<&String> = ids.iter().collect();
                if distinct.len() < 2 {
                    r.err(
                        key(&p, "personnes"),
                        "« personnes » nomme au moins deux personnes différentes".into(),
                    );
                }
                for (j, id) in ids.iter().enumerate() {
                    if !known(id) {
                        r.err(index(&key(&p, "personnes"), j), unknown(id));
                    }
                }
                if e.chantier.is_some() || e.date.is_some() {
                    r.err(
                        p.clone(),
                        "« personnes » (jamais dans la même équipe) ne va ni avec « chantier » ni avec « date »".into(),
                    );
                }
            }
            _ => {
                r.err(
                    p.clone(),
                    "une entrée « interdire » a soit « personne », soit « personnes »".into(),
                );
                continue;
            }
        }
        if let Some(c) = &e.chantier
            && !sc.chantiers.iter().any(|x| x.id == *c)
        {
            r.err(
                key(&p, "chantier"),
                format!("référence inconnue « {c} » : aucun chantier de cet identifiant dans « chantiers »"),
            );
        }
        if let Some(d) = e.date
            && !days.contains(&d)
        {
            r.err(
                key(&p, "date"),
                format!("date {d} hors de la période planifiée"),
            );
        }
        // A PMSMP day is an item of the scenario itself: it cannot be forbidden.
        if let (Some(id), Some(d), None) = (&e.personne, e.date, &e.chantier)
            && let Some(s) = sc.salaries.iter().find(|s| s.id == *id)
            && s.pmsmp.iter().any(|pm| pm.du <= d && d <= pm.au)
            && calendar::is_working_day(sc, d)
            && s.contrat.covers(d)
            && !presence::absent_all_day(&s.absences, d)
        {
            r.err(
                key(&p, "date"),
                format!(
                    "{id} est en PMSMP le {d} : ce jour ne peut pas être interdit (le jour de PMSMP est un élément du plan)"
                ),
            );
        }
    }
}

/// `replanification`: the published plan is of the same period; `figer_jusqu_au` inside it.
fn check_replanification(sc: &Scenario, r: &mut Report) {
    let Some(rp) = &sc.replanification else {
        return;
    };
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    if let Some(d) = rp.figer_jusqu_au
        && !days.contains(&d)
    {
        r.err(
            "replanification.figer_jusqu_au".into(),
            format!("date {d} hors de la période planifiée"),
        );
    }
    if let Some(it) = rp.publie.iter().find(|it| !days.contains(&it.date)) {
        r.err(
            "replanification.plan".into(),
            format!(
                "le plan publié « {} » a un élément du {} hors de la période du scénario",
                rp.plan, it.date
            ),
        );
    }
}

/// `domicile` is required unless the mobilité is `autonome`.
fn check_domicile(sc: &Scenario, r: &mut Report) {
    for (i, s) in sc.salaries.iter().enumerate() {
        if s.mobilite != Mobilite::Autonome && s.domicile.is_none() {
            r.err(
                key(&index("salaries", i), "domicile"),
                format!(
                    "clé obligatoire manquante « domicile » (requise pour la mobilité « {} »)",
                    mobilite_nom(s.mobilite)
                ),
            );
        }
    }
}

/// Every clock time and duration is a multiple of `pas_minutes`: journée, disponibilités,
/// absences, vacations (débuts, durée), ateliers, séances. Bus `passages` are timetable data,
/// not planned times, and stay off the grid (exemple.yaml: "06:05").
fn check_grid(sc: &Scenario, r: &mut Report) {
    let pas = sc.reglages.pas_minutes;
    if pas == 0 || !1440u32.is_multiple_of(pas) {
        return; // reported by check_settings
    }
    let mut on = |m: u32, what: &str, path: String| {
        if !m.is_multiple_of(pas) {
            r.err(
                path,
                format!(
                    "{what} « {} » hors de la grille de {pas} minutes (reglages.pas_minutes)",
                    fmt_hhmm(m)
                ),
            );
        }
    };
    let j = sc.reglages.journee;
    on(j.debut, "heure", "reglages.journee".into());
    on(j.fin, "heure", "reglages.journee".into());
    let people = persons(sc);
    for (p, dispo, absences) in &people {
        if let Some(d) = dispo {
            for (jour, plages) in *d {
                for (k, pl) in plages.iter().enumerate() {
                    let path = index(&key(&key(p, "disponibilites"), jour.nom()), k);
                    on(pl.debut, "heure", path.clone());
                    on(pl.fin, "heure", path);
                }
            }
        }
        for (k, a) in absences.iter().enumerate() {
            let ap = index(&key(p, "absences"), k);
            if let Some(h) = a.de {
                on(h.0, "heure", key(&ap, "de"));
            }
            if let Some(h) = a.a {
                on(h.0, "heure", key(&ap, "a"));
            }
        }
    }
    for (i, c) in sc.chantiers.iter().enumerate() {
        for (v, vac) in c.vacations.iter().enumerate() {
            let vp = index(&key(&index("chantiers", i), "vacations"), v);
            for (k, d) in vac.debuts.iter().enumerate() {
                on(d.0, "heure", index(&key(&vp, "debuts"), k));
            }
            on(vac.duree.0, "durée", key(&vp, "duree"));
        }
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        let p = index("ateliers", i);
        on(a.de.0, "heure", key(&p, "de"));
        on(a.a.0, "heure", key(&p, "a"));
    }
    for (i, f) in sc.formations.iter().enumerate() {
        for (k, s) in f.seances.iter().enumerate() {
            let p = index(&key(&index("formations", i), "seances"), k);
            on(s.de.0, "heure", key(&p, "de"));
            on(s.a.0, "heure", key(&p, "a"));
        }
    }
}

/// Every person with availability and absences: (path, disponibilites, absences).
fn persons(sc: &Scenario) -> Vec<(String, Option<&Disponibilites>, &[Absence])> {
    let mut v = Vec::new();
    for (i, s) in sc.salaries.iter().enumerate() {
        v.push((
            index("salaries", i),
            s.disponibilites.as_ref(),
            s.absences.as_slice(),
        ));
    }
    for (i, e) in sc.encadrants.iter().enumerate() {
        v.push((
            index("encadrants", i),
            e.disponibilites.as_ref(),
            e.absences.as_slice(),
        ));
    }
    for (i, c) in sc.cips.iter().enumerate() {
        v.push((
            index("cips", i),
            c.disponibilites.as_ref(),
            c.absences.as_slice(),
        ));
    }
    v
}

/// Ranges: an end after its start (plages, absences, ateliers, séances, vacations within the
/// day, passages of a course in time order), date ranges in order (contract, absences, PMSMP),
/// equipe min ≤ max, at least one start per vacation, a non-zero duration.
fn check_ranges(sc: &Scenario, r: &mut Report) {
    let plage = |pl: &Plage, path: String, r: &mut Report| {
        if pl.fin <= pl.debut {
            r.err(
                path,
                format!("plage « {pl} » : la fin doit être après le début"),
            );
        }
    };
    plage(&sc.reglages.journee, "reglages.journee".into(), r);
    for (p, dispo, absences) in persons(sc) {
        if let Some(d) = dispo {
            for (jour, plages) in d {
                for (k, pl) in plages.iter().enumerate() {
                    plage(
                        pl,
                        index(&key(&key(&p, "disponibilites"), jour.nom()), k),
                        r,
                    );
                }
            }
        }
        for (k, a) in absences.iter().enumerate() {
            check_absence(a, index(&key(&p, "absences"), k), r);
        }
    }
    for (i, s) in sc.salaries.iter().enumerate() {
        let p = index("salaries", i);
        if let (Some(d), Some(f)) = (s.contrat.debut, s.contrat.fin)
            && f < d
        {
            r.err(
                key(&p, "contrat.fin"),
                format!("fin de contrat ({f}) avant son début ({d})"),
            );
        }
        for (k, pm) in s.pmsmp.iter().enumerate() {
            if pm.au < pm.du {
                r.err(
                    key(&index(&key(&p, "pmsmp"), k), "au"),
                    format!("PMSMP : la fin ({}) est avant le début ({})", pm.au, pm.du),
                );
            }
        }
    }
    for (i, l) in sc.transports.iter().enumerate() {
        for (j, c) in l.courses.iter().enumerate() {
            let p = index(&key(&index("transports", i), "courses"), j);
            for (k, w) in c.passages.windows(2).enumerate() {
                if w[1].1 < w[0].1 {
                    r.err(
                        index(&key(&p, "passages"), k + 1),
                        format!(
                            "passage à « {} » à {} avant le passage précédent ({})",
                            w[1].0, w[1].1, w[0].1
                        ),
                    );
                }
            }
        }
    }
    for (i, c) in sc.chantiers.iter().enumerate() {
        for (v, vac) in c.vacations.iter().enumerate() {
            let vp = index(&key(&index("chantiers", i), "vacations"), v);
            if vac.debuts.is_empty() {
                r.err(
                    key(&vp, "debuts"),
                    "la vacation doit avoir au moins une heure de début".into(),
                );
            }
            if vac.duree.0 == 0 {
                r.err(
                    key(&vp, "duree"),
                    "la durée de la vacation doit être non nulle".into(),
                );
            }
            for (k, d) in vac.debuts.iter().enumerate() {
                if d.0 + vac.duree.0 > 24 * 60 {
                    r.err(
                        index(&key(&vp, "debuts"), k),
                        format!(
                            "une vacation commençant à {d} et durant {} finirait après minuit",
                            vac.duree
                        ),
                    );
                }
            }
            if vac.equipe.min > vac.equipe.max {
                r.err(
                    key(&vp, "equipe"),
                    format!(
                        "équipe : le minimum ({}) dépasse le maximum ({})",
                        vac.equipe.min, vac.equipe.max
                    ),
                );
            }
        }
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        if a.a <= a.de {
            r.err(
                key(&index("ateliers", i), "a"),
                format!(
                    "atelier : la fin ({}) doit être après le début ({})",
                    a.a, a.de
                ),
            );
        }
    }
    for (i, f) in sc.formations.iter().enumerate() {
        for (k, s) in f.seances.iter().enumerate() {
            if s.a <= s.de {
                r.err(
                    key(&index(&key(&index("formations", i), "seances"), k), "a"),
                    format!(
                        "séance : la fin ({}) doit être après le début ({})",
                        s.a, s.de
                    ),
                );
            }
        }
    }
}

/// An absence has `date`, or `du` (with an optional `au` not before it); `a` after `de`.
fn check_absence(a: &Absence, p: String, r: &mut Report) {
    match (a.date, a.du, a.au) {
        (Some(_), None, None) | (None, Some(_), None) => {}
        (None, Some(du), Some(au)) => {
            if au < du {
                r.err(
                    key(&p, "au"),
                    format!("absence : la fin ({au}) est avant le début ({du})"),
                );
            }
        }
        (None, None, Some(_)) => r.err(
            p.clone(),
            "absence : « au » sans « du » (donner « date », ou « du » et « au »)".into(),
        ),
        (None, None, None) => r.err(
            p.clone(),
            "absence sans date : donner « date », ou « du » et « au »".into(),
        ),
        (Some(_), _, _) => r.err(
            p.clone(),
            "absence : donner soit « date », soit « du » et « au », pas les deux".into(),
        ),
    }
    if let (Some(de), Some(fin)) = (a.de, a.a)
        && fin <= de
    {
        r.err(
            key(&p, "a"),
            format!("absence : la fin ({fin}) doit être après le début ({de})"),
        );
    }
}

/// One fixed item of a salarié·e: an atelier inscription or a séance of a formation.
#[derive(Debug, Clone)]
struct Fixed {
    date: NaiveDate,
    de: u32,
    a: u32,
    lieu: String,
    /// "l'atelier « at-num-1 »" / "la formation « sst-dec »".
    label: String,
    path: String,
}

impl Fixed {
    fn describe(&self) -> String {
        format!(
            "{} le {} de {} à {}",
            self.label,
            self.date,
            fmt_hhmm(self.de),
            fmt_hhmm(self.a)
        )
    }
}

/// Fixed items in the period, per salarié·e index, sorted by (date, start).
fn fixed_items(sc: &Scenario, days: &BTreeSet<NaiveDate>) -> Vec<Vec<Fixed>> {
    let by_id: BTreeMap<&str, usize> = sc
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut out = vec![Vec::new(); sc.salaries.len()];
    for (i, a) in sc.ateliers.iter().enumerate() {
        if !days.contains(&a.date) {
            continue;
        }
        for (k, s) in a.inscrits.iter().enumerate() {
            if let Some(&si) = by_id.get(s.as_str()) {
                out[si].push(Fixed {
                    date: a.date,
                    de: a.de.0,
                    a: a.a.0,
                    lieu: a.lieu.clone(),
                    label: format!("l'atelier « {} »", a.id),
                    path: index(&key(&index("ateliers", i), "inscrits"), k),
                });
            }
        }
    }
    for (i, f) in sc.formations.iter().enumerate() {
        for (k, s) in f.inscrits.iter().enumerate() {
            let Some(&si) = by_id.get(s.as_str()) else {
                continue;
            };
            for se in f.seances.iter().filter(|se| days.contains(&se.date)) {
                out[si].push(Fixed {
                    date: se.date,
                    de: se.de.0,
                    a: se.a.0,
                    lieu: f.lieu.clone(),
                    label: format!("la formation « {} »", f.id),
                    path: index(&key(&index("formations", i), "inscrits"), k),
                });
            }
        }
    }
    for v in &mut out {
        v.sort_by_key(|f| (f.date, f.de, f.a));
    }
    out
}

/// A fixed enrolment (atelier inscription, formation séance) dated in the period collides with
/// another fixed enrolment of theirs (overlap, or too little time to travel between the two
/// places), or with one of their PMSMP days (docs/regles.md); an atelier with
/// more inscrits than places; more people in formation at once than
/// `max_en_formation_simultane`. (One on an absence is a warning since the conflicts of
/// docs/regles.md, « Conflits »: the planner leaves it out.)
fn check_fixed_enrolments(sc: &Scenario, r: &mut Report) {
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    let places = Places::new(sc);
    let items = fixed_items(sc, &days);
    for (si, s) in sc.salaries.iter().enumerate() {
        let sp = index("salaries", si);
        let mine = &items[si];
        // (An enrolment on an absence is a warning: the planner leaves it out as a conflict.)
        for (j, g) in mine.iter().enumerate() {
            for f in &mine[..j] {
                if f.date != g.date {
                    continue;
                }
                let travel = match (places.idx(&f.lieu), places.idx(&g.lieu)) {
                    (Some(a), Some(b)) => places.travel(a, b),
                    _ => 0,
                };
                if f.a.saturating_add(travel) > g.de && f.de < g.a.saturating_add(travel) {
                    let why = if f.a > g.de && f.de < g.a {
                        "en même temps que".to_owned()
                    } else {
                        format!("trop près (trajet de {travel} min) de")
                    };
                    r.err(
                        g.path.clone(),
                        format!(
                            "{} est inscrit·e à {} {why} {} ({})",
                            s.id,
                            g.describe(),
                            f.describe(),
                            f.path
                        ),
                    );
                }
            }
        }
        let target_days: BTreeSet<NaiveDate> = targets::salarie_weeks(sc, s)
            .into_iter()
            .flat_map(|w| w.days)
            .collect();
        for (k, pm) in s.pmsmp.iter().enumerate() {
            for f in mine {
                if pm.du <= f.date && f.date <= pm.au && target_days.contains(&f.date) {
                    r.err(
                        f.path.clone(),
                        format!(
                            "{} est inscrit·e à {}, un jour de sa PMSMP ({})",
                            s.id,
                            f.describe(),
                            index(&key(&sp, "pmsmp"), k)
                        ),
                    );
                }
            }
        }
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        if a.inscrits.len() > a.places as usize {
            r.err(
                key(&index("ateliers", i), "inscrits"),
                format!("{} inscrit·es pour {} place(s)", a.inscrits.len(), a.places),
            );
        }
    }
    if let Some(max) = sc.reglages.max_en_formation_simultane {
        check_formation_ceiling(sc, &days, max, r);
    }
}

/// Salarié·es in formation at the same moment (fixed séances) ≤ `max_en_formation_simultane`.
fn check_formation_ceiling(sc: &Scenario, days: &BTreeSet<NaiveDate>, max: u32, r: &mut Report) {
    // (date, start, end, people, path of the séance)
    let mut seances = Vec::new();
    for (i, f) in sc.formations.iter().enumerate() {
        for (k, se) in f.seances.iter().enumerate() {
            if days.contains(&se.date) && !f.inscrits.is_empty() {
                let p = index(&key(&index("formations", i), "seances"), k);
                seances.push((se.date, se.de.0, se.a.0, &f.inscrits, p));
            }
        }
    }
    let mut reported = BTreeSet::new();
    for (date, start, _, _, path) in &seances {
        // The count is highest at some séance's start.
        let mut people = BTreeSet::new();
        for (d, b, e, ins, _) in &seances {
            if d == date && b <= start && start < e {
                people.extend(ins.iter().map(String::as_str));
            }
        }
        if people.len() > max as usize && reported.insert((*date, *start)) {
            r.err(
                path.clone(),
                format!(
                    "{} salarié·es en formation en même temps le {date} à {} : au-delà de max_en_formation_simultane ({max})",
                    people.len(),
                    fmt_hhmm(*start)
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

/// CDDI (types `cddi_aci`, `cddi_ei`) weekly hours outside 20-35.
fn check_cddi_hours(sc: &Scenario, r: &mut Report) {
    for (i, s) in sc.salaries.iter().enumerate() {
        let h = s.contrat.heures_hebdo;
        let cddi = matches!(s.contrat.type_, TypeContrat::CddiAci | TypeContrat::CddiEi);
        if cddi && !(CDDI_HEURES_MIN..=CDDI_HEURES_MAX).contains(&h) {
            r.warn(
                key(&index("salaries", i), "contrat.heures_hebdo"),
                format!(
                    "{} : CDDI de {} h par semaine, hors de la durée habituelle (20 à 35 h)",
                    s.id,
                    crate::texte::fmt_dec2(h)
                ),
            );
        }
    }
}

/// A PMSMP over one month (its last day on or after the same day of the next month), or over
/// 25 % of the contract's duration (days, both counted inclusively; only when the contract has
/// both dates).
fn check_pmsmp_duration(sc: &Scenario, r: &mut Report) {
    for (i, s) in sc.salaries.iter().enumerate() {
        for (k, pm) in s.pmsmp.iter().enumerate() {
            let p = index(&key(&index("salaries", i), "pmsmp"), k);
            let days = (pm.au - pm.du).num_days() + 1;
            if pm
                .du
                .checked_add_months(Months::new(1))
                .is_some_and(|m| pm.au >= m)
            {
                r.warn(
                    p.clone(),
                    format!(
                        "{} : PMSMP du {} au {} ({days} jours), plus d'un mois",
                        s.id, pm.du, pm.au
                    ),
                );
            }
            if let (Some(d), Some(f)) = (s.contrat.debut, s.contrat.fin) {
                let contract = (f - d).num_days() + 1;
                if contract > 0 && days * 4 > contract {
                    r.warn(
                        p,
                        format!(
                            "{} : PMSMP de {days} jours, plus de 25 % de la durée du contrat ({contract} jours)",
                            s.id
                        ),
                    );
                }
            }
        }
    }
}

/// How a salarié·e gets to a chantier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Moyen {
    APied,
    EnTransports,
}

impl Moyen {
    pub fn nom(self) -> &'static str {
        match self {
            Moyen::APied => "à pied",
            Moyen::EnTransports => "en transports",
        }
    }
}

/// A chantier a salarié·e can work on, and how they get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acces {
    /// Index in `sc.chantiers`.
    pub chantier: usize,
    pub moyen: Moyen,
}

/// The chantiers a salarié·e who is not `autonome` can work on from home: some shift of the
/// period (a vacation's weekday on a period day that is not a holiday) has a start `d` with
/// `arrival ≤ d` and `d + duree ≤ departure` at the chantier's lieu that weekday. `Moyen::APied`
/// when walking alone gives such a window, else `EnTransports`. `None` for `autonome`
/// salarié·es (they reach everything) and for an unknown home.
pub fn accessible_chantiers(sc: &Scenario, places: &Places, s: &Salarie) -> Option<Vec<Acces>> {
    let table = CommuteTable::for_salarie(sc, places, s)?;
    let home = places.idx(s.domicile.as_deref()?)?;
    let jours: BTreeSet<_> = calendar::period_days(sc)
        .into_iter()
        .filter(|d| !calendar::is_holiday(sc, *d))
        .map(calendar::jour)
        .collect();
    let journee = sc.reglages.journee;
    let mut walk_cache = BTreeMap::new();
    let mut out = Vec::new();
    for (ci, c) in sc.chantiers.iter().enumerate() {
        let Some(lieu) = places.idx(&c.lieu) else {
            continue;
        };
        let mut best: Option<Moyen> = None;
        for vac in &c.vacations {
            for &jour in vac.jours.iter().filter(|j| jours.contains(j)) {
                let fits = |(arr, dep): (u32, u32)| {
                    vac.debuts
                        .iter()
                        .any(|d| arr <= d.0 && d.0 + vac.duree.0 <= dep)
                };
                if !table.window(jour, lieu).is_some_and(fits) {
                    continue;
                }
                let moyen = if s.mobilite == Mobilite::Marche {
                    Moyen::APied
                } else {
                    let (arr, dep): &(Vec<Option<u32>>, Vec<Option<u32>>) =
                        walk_cache.entry(jour).or_insert_with(|| {
                            (
                                commute::earliest_arrivals(
                                    sc,
                                    places,
                                    home,
                                    jour,
                                    journee.debut,
                                    false,
                                ),
                                commute::latest_departures(
                                    sc,
                                    places,
                                    home,
                                    jour,
                                    journee.fin,
                                    false,
                                ),
                            )
                        });
                    let walk = arr
                        .get(lieu)
                        .copied()
                        .flatten()
                        .zip(dep.get(lieu).copied().flatten());
                    if walk.is_some_and(fits) {
                        Moyen::APied
                    } else {
                        Moyen::EnTransports
                    }
                };
                best = Some(best.map_or(moyen, |b| b.min(moyen)));
            }
        }
        if let Some(moyen) = best {
            out.push(Acces {
                chantier: ci,
                moyen,
            });
        }
    }
    Some(out)
}

/// A salarié·e (not `autonome`) who can reach no chantier (see [`accessible_chantiers`]).
fn check_reach(sc: &Scenario, r: &mut Report) {
    if sc.salaries.iter().all(|s| s.mobilite == Mobilite::Autonome) {
        return;
    }
    let places = Places::new(sc);
    for (i, s) in sc.salaries.iter().enumerate() {
        if let Some(acces) = accessible_chantiers(sc, &places, s)
            && acces.is_empty()
        {
            r.warn(
                index("salaries", i),
                format!(
                    "{} ne peut atteindre aucun chantier depuis « {} » ({}) pendant la période",
                    s.id,
                    s.domicile.as_deref().unwrap_or("?"),
                    mobilite_nom(s.mobilite)
                ),
            );
        }
    }
}

/// More than 30 salarié·es per CIP. A salarié·e with no référent is counted as shared equally
/// between all CIP (their rdv may be with any of them).
fn check_cip_caseload(sc: &Scenario, r: &mut Report) {
    let n = sc.cips.len();
    if n == 0 {
        return;
    }
    let shared = sc.salaries.iter().filter(|s| s.cip.is_none()).count();
    for (i, c) in sc.cips.iter().enumerate() {
        let own = sc
            .salaries
            .iter()
            .filter(|s| s.cip.as_deref() == Some(c.id.as_str()))
            .count();
        // own + shared / n > 30, in integers.
        if own * n + shared > MAX_SALARIES_PAR_CIP * n {
            let load = own as f64 + shared as f64 / n as f64;
            let detail = if shared > 0 {
                format!(
                    " ({own} en référence et {shared} sans référent·e partagé·es entre {n} CIP)"
                )
            } else {
                String::new()
            };
            r.warn(
                index("cips", i),
                format!(
                    "{} suit {} salarié·es{detail} : au-delà de {MAX_SALARIES_PAR_CIP}",
                    c.id,
                    crate::texte::fmt_dec2(load)
                ),
            );
        }
    }
}

/// A chantier that needs encadrement (ratio > 0) and that no encadrant·e may supervise.
fn check_supervision(sc: &Scenario, r: &mut Report) {
    for (i, c) in sc.chantiers.iter().enumerate() {
        let ratio = c.ratio_encadrement.unwrap_or(sc.reglages.ratio_encadrement);
        if ratio > 0 && !sc.encadrants.iter().any(|e| e.can_supervise(&c.activite)) {
            r.warn(
                index("chantiers", i),
                format!(
                    "aucun·e encadrant·e ne peut encadrer le chantier « {} » (activité « {} ») : ses vacations ne pourront pas tourner",
                    c.id, c.activite
                ),
            );
        }
    }
}

/// A fixed enrolment in the period that the plan cannot honour (docs/regles.md rules 2 and 10):
/// on a holiday, outside the salarié·e's contract, or inside no `disponibilites` interval of
/// that weekday (the whole `journee` when absent). The planner will report it as infeasible;
/// the warning names the cause beforehand.
fn check_fixed_enrolment_presence(sc: &Scenario, r: &mut Report) {
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    let items = fixed_items(sc, &days);
    for (si, (s, mine)) in sc.salaries.iter().zip(&items).enumerate() {
        for f in mine {
            for (k, abs) in s.absences.iter().enumerate() {
                if let Some((b, e)) = abs.on(f.date)
                    && b < f.a
                    && f.de < e
                {
                    r.warn(
                        f.path.clone(),
                        format!(
                            "{} est inscrit·e à {} mais absent·e à ce moment ({}) : l'inscription ne pourra pas être tenue (écart « conflit »)",
                            s.id,
                            f.describe(),
                            index(&key(&index("salaries", si), "absences"), k)
                        ),
                    );
                }
            }
        }
        for f in mine {
            let why = if calendar::is_holiday(sc, f.date) {
                "un jour férié"
            } else if !s.contrat.covers(f.date) {
                "hors de son contrat"
            } else if !presence::intervals(&sc.reglages, s.disponibilites.as_ref(), f.date)
                .iter()
                .any(|&(b, e)| b <= f.de && f.a <= e)
            {
                "hors de ses disponibilités"
            } else {
                continue;
            };
            r.warn(
                f.path.clone(),
                format!(
                    "{} est inscrit·e à {}, {why} : l'inscription ne pourra pas être tenue",
                    s.id,
                    f.describe()
                ),
            );
        }
    }
}

pub fn mobilite_nom(m: Mobilite) -> &'static str {
    match m {
        Mobilite::Marche => "marche",
        Mobilite::Transports => "transports",
        Mobilite::Autonome => "autonome",
    }
}
