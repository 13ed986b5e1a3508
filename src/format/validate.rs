//! The file's own checks on a parsed scenario: one named check per error and warning class of
//! docs/validation.md that needs nothing but the file, all collected, each diagnostic carrying
//! its stable [`Code`] (the kind of problem, docs/validation.md « Codes ») and the item path
//! (`salaries[3].contrat.heures_hebdo`). Lines and columns are added by the loader
//! (`model::load`) from the path. The checks that need the period's days, travel times
//! or weekly targets (rule 13's `imposer` and `interdire`, `replanification`, the fixed
//! enrolments, reach) are in `model::coherence`, one layer up.
//!
//! Errors ([`errors`]): `check_version`, `check_period`, `check_settings`, `check_unique_ids`,
//! `check_references`, `check_domicile`, `check_grid`, `check_ranges` and the bounds of
//! [`crate::format::ranges`].
//! Warnings ([`warnings`], on a scenario without errors): `check_cddi_hours`,
//! `check_pmsmp_duration`, `check_cip_caseload`, `check_supervision`.

use super::scenario::{Absence, Disponibilites, Mobilite, Scenario, TypeContrat};
use super::spans::{index, key};
use super::time::{Plage, fmt_hhmm};
use crate::diag::{Code, Diagnostic, Severity};
use chrono::Months;
use std::collections::{BTreeMap, BTreeSet};

/// The largest work budget `reglages.solveur.effort` accepts (hours of search at 300
/// salarié·es).
pub(crate) const EFFORT_MAX: u32 = 100_000;

/// The longest time limit of a solve, in seconds (24 h): `limite_secondes` is in ]0, 86 400]
/// in a scenario, a variants file and on the command line.
pub(crate) const LIMITE_SECONDES_MAX: f64 = 86_400.0;

/// The French error for a time limit `v` outside ]0, [`LIMITE_SECONDES_MAX`]] (an infinite or
/// NaN limit included); `nom` names it (`limite_secondes`, `--limite-secondes`).
pub(crate) fn limite_secondes_erreur(nom: &str, v: f64) -> Option<String> {
    (!(v > 0.0 && v <= LIMITE_SECONDES_MAX)).then(|| {
        format!(
            "{nom} doit être comprise entre 0 (exclu) et 86400 secondes, soit 24 h (trouvé : {v})"
        )
    })
}

/// Most salarié·es a CIP should follow before a warning (docs/validation.md: a warning above 30).
pub(crate) const MAX_SALARIES_PAR_CIP: usize = 30;
/// Usual CDDI weekly hours (docs/validation.md).
pub(crate) const CDDI_HEURES_MIN: f64 = 20.0;
pub(crate) const CDDI_HEURES_MAX: f64 = 35.0;
/// Longest period (docs/validation.md).
pub(crate) const MAX_JOURS_PERIODE: u32 = 31;
/// Sane ranges of the labour-code settings (docs/regles.md, rules 11 and 12): `duree_legale` in
/// (0, 48] (48 h is the weekly maximum of the Code du travail, L3121-20), at most 10
/// interruptions a day, of at most 12 h each.
pub(crate) const MAX_DUREE_LEGALE: f64 = 48.0;
pub(crate) const MAX_INTERRUPTIONS: u32 = 10;
pub(crate) const MAX_INTERRUPTION_MINUTES: u32 = 720;

/// Collected diagnostics (file, line and column are filled by the loader).
#[derive(Debug, Default)]
pub(crate) struct Report(Vec<Diagnostic>);

impl Report {
    fn push(&mut self, severity: Severity, code: Code, path: String, message: String) {
        self.0
            .push(Diagnostic::at_path(severity, code, path, message));
    }
    pub(crate) fn err(&mut self, code: Code, path: String, message: String) {
        self.push(Severity::Erreur, code, path, message);
    }
    pub(crate) fn warn(&mut self, code: Code, path: String, message: String) {
        self.push(Severity::Avertissement, code, path, message);
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<Diagnostic>> for Report {
    fn from(d: Vec<Diagnostic>) -> Report {
        Report(d)
    }
}

impl From<Report> for Vec<Diagnostic> {
    fn from(r: Report) -> Vec<Diagnostic> {
        r.0
    }
}

/// Every error of a well-formed scenario that the file shows by itself; the checks that need
/// the period's days or travel times are in `model::coherence`.
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
    r.0
}

/// Every warning of a scenario without errors that the file shows by itself (see
/// `model::coherence` for the others).
pub fn warnings(sc: &Scenario) -> Vec<Diagnostic> {
    let mut r = Report::default();
    check_cddi_hours(sc, &mut r);
    check_pmsmp_duration(sc, &mut r);
    check_cip_caseload(sc, &mut r);
    check_supervision(sc, &mut r);
    r.0
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// `version` must be 1 (the only format version).
fn check_version(sc: &Scenario, r: &mut Report) {
    if sc.version != 1 {
        r.err(
            Code::UnsupportedVersion,
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
            Code::OutOfRange,
            "periode.jours".into(),
            format!("la période doit compter de 1 à {MAX_JOURS_PERIODE} jours (trouvé : {jours})"),
        );
    }
    let debut = sc.periode.debut;
    let margin = chrono::Days::new(u64::from(jours) + 400);
    if debut.checked_add_days(margin).is_none() || debut.checked_sub_days(margin).is_none() {
        r.err(
            Code::OutOfRange,
            "periode.debut".into(),
            format!("date de début hors du calendrier utilisable : {debut}"),
        );
    }
}

/// Settings and numeric fields whose range the format implies.
fn check_settings(sc: &Scenario, r: &mut Report) {
    check_week_settings(sc, r);
    check_labour_settings(sc, r);
    check_weights_and_solver(sc, r);
    check_hours_and_chantiers(sc, r);
}

/// The grid, the working week and day, the legal duration.
fn check_week_settings(sc: &Scenario, r: &mut Report) {
    let g = &sc.reglages;
    let pas = g.pas_minutes;
    if pas == 0 || !1440u32.is_multiple_of(pas) {
        r.err(Code::OutOfRange,
            "reglages.pas_minutes".into(),
            format!(
                "le pas de la grille doit être un nombre de minutes non nul qui divise 60 ou 1440 (trouvé : {pas})"
            ),
        );
    }
    if !(5..=7).contains(&g.jours_semaine) {
        r.err(
            Code::OutOfRange,
            "reglages.jours_semaine".into(),
            format!(
                "jours_semaine doit valoir 5, 6 ou 7 (trouvé : {})",
                g.jours_semaine
            ),
        );
    }
    if !(1..=7).contains(&g.max_jours_semaine) {
        r.err(
            Code::OutOfRange,
            "reglages.max_jours_semaine".into(),
            format!(
                "max_jours_semaine doit être compris entre 1 et 7 (trouvé : {})",
                g.max_jours_semaine
            ),
        );
    }
    if !(g.max_heures_jour > 0.0 && g.max_heures_jour <= 24.0) {
        r.err(
            Code::OutOfRange,
            "reglages.max_heures_jour".into(),
            format!(
                "max_heures_jour doit être compris entre 0 (exclu) et 24 (trouvé : {})",
                g.max_heures_jour
            ),
        );
    }
    if !(g.duree_legale > 0.0 && g.duree_legale <= MAX_DUREE_LEGALE) {
        r.err(Code::OutOfRange,
            "reglages.duree_legale".into(),
            format!(
                "duree_legale doit être comprise entre 0 (exclu) et {MAX_DUREE_LEGALE} heures (trouvé : {})",
                g.duree_legale
            ),
        );
    }
}

/// Part-time days, daily rest and the CIP rdv's settings.
fn check_labour_settings(sc: &Scenario, r: &mut Report) {
    let g = &sc.reglages;
    if let Some(n) = g.temps_partiel.interruptions_max
        && n > MAX_INTERRUPTIONS
    {
        r.err(Code::OutOfRange,
            "reglages.temps_partiel.interruptions_max".into(),
            format!(
                "interruptions_max doit être compris entre 0 et {MAX_INTERRUPTIONS} (trouvé : {n}) ; null désactive la règle"
            ),
        );
    }
    if g.temps_partiel.interruption_max_minutes > MAX_INTERRUPTION_MINUTES {
        r.err(Code::OutOfRange,
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
        r.err(Code::OutOfRange,
            "reglages.repos_quotidien_heures".into(),
            format!(
                "repos_quotidien_heures doit être compris entre 0 et 24 (exclu) (trouvé : {h}) ; null désactive la règle"
            ),
        );
    }
    if g.rdv_cip.min_par_mois == 0 {
        r.err(
            Code::OutOfRange,
            "reglages.rdv_cip.min_par_mois".into(),
            "min_par_mois doit valoir au moins 1 (il fixe la durée d'un rendez-vous)".into(),
        );
    }
    if g.rdv_cip.duree_minutes == 0 {
        r.err(
            Code::OutOfRange,
            "reglages.rdv_cip.duree_minutes".into(),
            "la durée d'un rendez-vous CIP doit être non nulle".into(),
        );
    }
}

/// Weights and the relative gap not negative; the solver's time limit and effort.
fn check_weights_and_solver(sc: &Scenario, r: &mut Report) {
    let g = &sc.reglages;
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
                Code::OutOfRange,
                format!("reglages.{name}"),
                format!("{name} doit être un nombre positif ou nul (trouvé : {v})"),
            );
        }
    }
    if let Some(m) = limite_secondes_erreur("limite_secondes", g.solveur.limite_secondes) {
        r.err(
            Code::OutOfRange,
            "reglages.solveur.limite_secondes".into(),
            m,
        );
    }
    if let Some(e) = g.solveur.effort
        && !(1..=EFFORT_MAX).contains(&e)
    {
        r.err(
            Code::OutOfRange,
            "reglages.solveur.effort".into(),
            format!("l'effort doit être compris entre 1 et {EFFORT_MAX} (trouvé : {e})"),
        );
    }
}

/// Weekly hours of people; a chantier's priority and share of social link.
fn check_hours_and_chantiers(sc: &Scenario, r: &mut Report) {
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
                Code::OutOfRange,
                key(&p, "priorite"),
                format!(
                    "la priorité doit valoir 1, 2 ou 3 (trouvé : {})",
                    c.priorite
                ),
            );
        }
        if !(c.part_lien_social.is_finite() && (0.0..=1.0).contains(&c.part_lien_social)) {
            r.err(
                Code::OutOfRange,
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
        r.err(Code::OutOfRange,
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
                    Code::DuplicateId,
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
                    Code::DuplicateInscription,
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
            r.err(
                Code::UnknownReference,
                path,
                format!("référence inconnue « {id} » : {what}"),
            );
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

/// `domicile` is required unless the mobilité is `autonome`.
fn check_domicile(sc: &Scenario, r: &mut Report) {
    for (i, s) in sc.salaries.iter().enumerate() {
        if s.mobilite != Mobilite::Autonome && s.domicile.is_none() {
            r.err(
                Code::MissingKey,
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
                Code::OffGrid,
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
    check_people_ranges(sc, r);
    check_course_order(sc, r);
    check_vacation_ranges(sc, r);
    check_session_ranges(sc, r);
}

/// A plage's end after its start.
fn check_plage(pl: &Plage, path: String, r: &mut Report) {
    if pl.fin <= pl.debut {
        r.err(
            Code::InvertedRange,
            path,
            format!("plage « {pl} » : la fin doit être après le début"),
        );
    }
}

/// The day's plage; people's plages and absences; contracts and PMSMP in date order.
fn check_people_ranges(sc: &Scenario, r: &mut Report) {
    check_plage(&sc.reglages.journee, "reglages.journee".into(), r);
    for (p, dispo, absences) in persons(sc) {
        if let Some(d) = dispo {
            for (jour, plages) in d {
                for (k, pl) in plages.iter().enumerate() {
                    check_plage(
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
                Code::InvertedRange,
                key(&p, "contrat.fin"),
                format!("fin de contrat ({f}) avant son début ({d})"),
            );
        }
        for (k, pm) in s.pmsmp.iter().enumerate() {
            if pm.au < pm.du {
                r.err(
                    Code::InvertedRange,
                    key(&index(&key(&p, "pmsmp"), k), "au"),
                    format!("PMSMP : la fin ({}) est avant le début ({})", pm.au, pm.du),
                );
            }
        }
    }
}

/// The passages of a course in time order.
fn check_course_order(sc: &Scenario, r: &mut Report) {
    for (i, l) in sc.transports.iter().enumerate() {
        for (j, c) in l.courses.iter().enumerate() {
            let p = index(&key(&index("transports", i), "courses"), j);
            for (k, w) in c.passages.windows(2).enumerate() {
                if w[1].1 < w[0].1 {
                    r.err(
                        Code::InvertedRange,
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
}

/// Vacations: a start, a duration, within the day, equipe min ≤ max.
fn check_vacation_ranges(sc: &Scenario, r: &mut Report) {
    for (i, c) in sc.chantiers.iter().enumerate() {
        for (v, vac) in c.vacations.iter().enumerate() {
            let vp = index(&key(&index("chantiers", i), "vacations"), v);
            if vac.debuts.is_empty() {
                r.err(
                    Code::TooFewElements,
                    key(&vp, "debuts"),
                    "la vacation doit avoir au moins une heure de début".into(),
                );
            }
            if vac.duree.0 == 0 {
                r.err(
                    Code::OutOfRange,
                    key(&vp, "duree"),
                    "la durée de la vacation doit être non nulle".into(),
                );
            }
            for (k, d) in vac.debuts.iter().enumerate() {
                if d.0 + vac.duree.0 > 24 * 60 {
                    r.err(
                        Code::PastMidnight,
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
                    Code::InvertedRange,
                    key(&vp, "equipe"),
                    format!(
                        "équipe : le minimum ({}) dépasse le maximum ({})",
                        vac.equipe.min, vac.equipe.max
                    ),
                );
            }
        }
    }
}

/// Ateliers and formation séances end after they start.
fn check_session_ranges(sc: &Scenario, r: &mut Report) {
    for (i, a) in sc.ateliers.iter().enumerate() {
        if a.a <= a.de {
            r.err(
                Code::InvertedRange,
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
                    Code::InvertedRange,
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
                    Code::InvertedRange,
                    key(&p, "au"),
                    format!("absence : la fin ({au}) est avant le début ({du})"),
                );
            }
        }
        (None, None, Some(_)) => r.err(
            Code::KeyCombination,
            p.clone(),
            "absence : « au » sans « du » (donner « date », ou « du » et « au »)".into(),
        ),
        (None, None, None) => r.err(
            Code::KeyCombination,
            p.clone(),
            "absence sans date : donner « date », ou « du » et « au »".into(),
        ),
        (Some(_), _, _) => r.err(
            Code::KeyCombination,
            p.clone(),
            "absence : donner soit « date », soit « du » et « au », pas les deux".into(),
        ),
    }
    if let (Some(de), Some(fin)) = (a.de, a.a)
        && fin <= de
    {
        r.err(
            Code::InvertedRange,
            key(&p, "a"),
            format!("absence : la fin ({fin}) doit être après le début ({de})"),
        );
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
                Code::CddiHours,
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
                    Code::PmsmpOverMonth,
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
                    r.warn(Code::PmsmpOverQuarter,
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
                Code::CipCaseload,
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
            r.warn(Code::Unsupervised,
                index("chantiers", i),
                format!(
                    "aucun·e encadrant·e ne peut encadrer le chantier « {} » (activité « {} ») : ses vacations ne pourront pas tourner",
                    c.id, c.activite
                ),
            );
        }
    }
}

pub(crate) fn mobilite_nom(m: Mobilite) -> &'static str {
    match m {
        Mobilite::Marche => "marche",
        Mobilite::Transports => "transports",
        Mobilite::Autonome => "autonome",
    }
}
