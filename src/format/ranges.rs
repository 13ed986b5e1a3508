//! The documented range of every number of a scenario that no other check bounds, and the
//! characters allowed in its ids and names (docs/format-scenario.md, « Bornes »). Absurd
//! values (a crew of 4 294 967 295, a weight of 1e300, a rdv of 4 294 967 295 minutes) would
//! make the model huge or the costs meaningless: each is an error with its path, located by the
//! loader. Called from [`crate::format::validate::errors`].

use super::scenario::Scenario;
use super::spans::{index, key};
use crate::diag::Diagnostic;
use crate::format::load::error;

/// The largest weight of a cost term (`reglages.poids.*`).
pub const POIDS_MAX: f64 = 1e6;
/// The largest crew (`equipe.min`, `equipe.max`) of a vacation.
pub const EQUIPE_MAX: u32 = 200;
/// The most CIP rdv a month (`rdv_cip_par_mois`, `reglages.rdv_cip.min_par_mois`), and a week
/// (`reglages.rdv_cip.max_par_semaine`).
pub const RDV_PAR_MOIS_MAX: u32 = 20;
/// The shortest and longest CIP rdv, minutes (`reglages.rdv_cip.duree_minutes`).
pub const RDV_MINUTES: (u32, u32) = (5, 480);
/// The longest journey, pause threshold or past rdv, minutes (one day).
pub const MINUTES_JOUR: u32 = 1440;
/// The most people one encadrant·e may supervise (`ratio_encadrement`).
pub const RATIO_MAX: u32 = 100;
/// The most places of an atelier, rdv of a CIP a day, people in formation at once.
pub const PLACES_MAX: u32 = 1000;
/// The most solver threads.
pub const THREADS_MAX: u32 = 256;

/// The most (salarié·e, shift start) pairs a scenario may have: the planner's memory grows with
/// them, about 4.6 KB a pair (measured: 600 generated salarié·es, 1 754 starts, 1.05 million
/// pairs, 4.8 GB; 1 000 salarié·es, 12.7 GB). Above, about 5.5 GB, the run is refused before it
/// starts.
pub const MAX_PAIRES: u64 = 1_200_000;

/// The (salarié·e, shift start) pairs of the period: salarié·es × the starts of every vacation
/// on each period day of its weekdays (holidays counted: an upper bound).
pub fn paires(sc: &Scenario) -> u64 {
    let jours: Vec<crate::format::scenario::Jour> = (0..sc.periode.jours.min(366))
        .filter_map(|k| {
            sc.periode
                .debut
                .checked_add_days(chrono::Days::new(u64::from(k)))
        })
        .map(|d| crate::format::scenario::Jour::of(chrono::Datelike::weekday(&d)))
        .collect();
    let starts: u64 = sc
        .chantiers
        .iter()
        .flat_map(|c| &c.vacations)
        .map(|v| {
            let days = jours.iter().filter(|j| v.jours.contains(j)).count() as u64;
            days.saturating_mul(v.debuts.len() as u64)
        })
        .fold(0u64, u64::saturating_add);
    (sc.salaries.len() as u64).saturating_mul(starts)
}

/// An error at `path` for a value outside its range.
fn hors(path: String, nom: &str, trouve: impl std::fmt::Display, attendu: &str) -> Diagnostic {
    error(
        path,
        format!("{nom} hors limites : {trouve} (attendu {attendu})"),
    )
}

/// A decimal number as written by people (`1e300`, not three hundred digits).
fn nombre(v: f64) -> String {
    if v.abs() >= 1e7 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// `v` in `lo..=hi`, else an error.
fn entier(out: &mut Vec<Diagnostic>, path: String, nom: &str, v: u32, lo: u32, hi: u32) {
    if !(lo..=hi).contains(&v) {
        out.push(hors(path, nom, v, &format!("de {lo} à {hi}")));
    }
}

/// Characters that must not reach a terminal or a report: control characters (escape
/// sequences, carriage returns, line breaks, tabulations) and the bidirectional overrides.
fn interdit(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A text with no control character; the error shows it escaped, never raw.
pub fn texte(out: &mut Vec<Diagnostic>, path: String, s: &str) {
    if let Some(c) = s.chars().find(|&c| interdit(c)) {
        out.push(error(
            path,
            format!(
                "caractère de contrôle U+{:04X} interdit dans « {} » (séquences d'échappement, retours à la ligne et tabulations ne sont pas permis)",
                u32::from(c),
                s.escape_debug()
            ),
        ));
    }
}

/// Every range and text check of a scenario.
pub fn errors(sc: &Scenario) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let o = &mut out;
    let g = &sc.reglages;
    let r = "reglages";
    entier(
        o,
        key(r, "ratio_encadrement"),
        "ratio_encadrement",
        g.ratio_encadrement,
        0,
        RATIO_MAX,
    );
    entier(
        o,
        key(r, "trajet_defaut_minutes"),
        "trajet_defaut_minutes",
        g.trajet_defaut_minutes,
        0,
        MINUTES_JOUR,
    );
    let rdv = key(r, "rdv_cip");
    entier(
        o,
        key(&rdv, "min_par_mois"),
        "min_par_mois",
        g.rdv_cip.min_par_mois,
        0,
        RDV_PAR_MOIS_MAX,
    );
    entier(
        o,
        key(&rdv, "max_par_semaine"),
        "max_par_semaine",
        g.rdv_cip.max_par_semaine,
        0,
        RDV_PAR_MOIS_MAX,
    );
    entier(
        o,
        key(&rdv, "min_minutes_par_mois"),
        "min_minutes_par_mois",
        g.rdv_cip.min_minutes_par_mois,
        0,
        RDV_PAR_MOIS_MAX * RDV_MINUTES.1,
    );
    let d = g.rdv_cip.duree_minutes;
    if d != 0 {
        // 0 is validate's own error.
        entier(
            o,
            key(&rdv, "duree_minutes"),
            "duree_minutes",
            d,
            RDV_MINUTES.0,
            RDV_MINUTES.1,
        );
        let pas = g.pas_minutes;
        if pas != 0
            && 1440 % pas == 0
            && !d.is_multiple_of(pas)
            && (RDV_MINUTES.0..=RDV_MINUTES.1).contains(&d)
        {
            o.push(error(
                key(&rdv, "duree_minutes"),
                format!(
                    "durée d'un rendez-vous CIP de {d} minutes hors de la grille de {pas} minutes (reglages.pas_minutes)"
                ),
            ));
        }
    }
    let pause = key(r, "pause");
    entier(
        o,
        key(&pause, "apres_minutes"),
        "apres_minutes",
        g.pause.apres_minutes,
        0,
        MINUTES_JOUR,
    );
    entier(
        o,
        key(&pause, "minutes"),
        "minutes",
        g.pause.minutes,
        0,
        MINUTES_JOUR / 2,
    );
    let hc = g.heures_complementaires_max;
    if hc.is_finite() && hc > super::validate::MAX_DUREE_LEGALE {
        o.push(hors(
            key(r, "heures_complementaires_max"),
            "heures_complementaires_max",
            nombre(hc),
            &format!("de 0 à {}", super::validate::MAX_DUREE_LEGALE),
        ));
    }
    if let Some(m) = g.max_en_formation_simultane {
        entier(
            o,
            key(r, "max_en_formation_simultane"),
            "max_en_formation_simultane",
            m,
            0,
            PLACES_MAX,
        );
    }
    let solveur = key(r, "solveur");
    let e = g.solveur.ecart_relatif;
    if e.is_finite() && e > 1.0 {
        o.push(hors(
            key(&solveur, "ecart_relatif"),
            "ecart_relatif",
            nombre(e),
            "de 0 à 1",
        ));
    }
    entier(
        o,
        key(&solveur, "threads"),
        "threads",
        g.solveur.threads,
        0,
        THREADS_MAX,
    );
    let poids = key(r, "poids");
    let p = &g.poids;
    for (nom, v) in [
        ("production", p.production),
        ("rdv_cip_retard", p.rdv_cip_retard),
        ("rdv_cip_restant", p.rdv_cip_restant),
        ("heures_sous_contrat", p.heures_sous_contrat),
        ("heures_complementaires", p.heures_complementaires),
        ("besoin_atelier", p.besoin_atelier),
        ("preference", p.preference),
        ("eviter", p.eviter),
        ("changement", p.changement),
        ("conflit", p.conflit),
    ] {
        // NaN, infinities and negative weights are validate's own error.
        if v.is_finite() && v > POIDS_MAX {
            o.push(hors(
                key(&poids, nom),
                &format!("le poids {nom}"),
                nombre(v),
                "de 0 à 1 000 000",
            ));
        }
    }

    let n = paires(sc);
    if n > MAX_PAIRES {
        o.push(error(
            "salaries".into(),
            format!(
                "scénario trop grand pour être planifié : {} salarié·es × débuts de vacation de la période = {n} paires (au plus {MAX_PAIRES}, environ 5,5 Go de mémoire) ; le planifier par équipes ou par chantiers séparés",
                sc.salaries.len()
            ),
        ));
    }
    texte(o, key("regie", "nom"), &sc.regie.nom);
    for (i, l) in sc.lieux.iter().enumerate() {
        let p = index("lieux", i);
        texte(o, key(&p, "id"), &l.id);
        if let Some(n) = &l.nom {
            texte(o, key(&p, "nom"), n);
        }
    }
    for (i, t) in sc.trajets.iter().enumerate() {
        entier(
            o,
            key(&index("trajets", i), "minutes"),
            "minutes",
            t.minutes,
            0,
            MINUTES_JOUR,
        );
    }
    for (i, l) in sc.transports.iter().enumerate() {
        let p = index("transports", i);
        texte(o, key(&p, "id"), &l.id);
        if let Some(n) = &l.nom {
            texte(o, key(&p, "nom"), n);
        }
    }
    for (i, s) in sc.salaries.iter().enumerate() {
        let p = index("salaries", i);
        texte(o, key(&p, "id"), &s.id);
        if let Some(n) = &s.nom {
            texte(o, key(&p, "nom"), n);
        }
        for (j, c) in s.competences.iter().enumerate() {
            texte(o, index(&key(&p, "competences"), j), c);
        }
        if let Some(n) = s.rdv_cip_par_mois {
            entier(
                o,
                key(&p, "rdv_cip_par_mois"),
                "rdv_cip_par_mois",
                n,
                0,
                RDV_PAR_MOIS_MAX,
            );
        }
        for (j, h) in s.rdv_cip.iter().enumerate() {
            entier(
                o,
                key(&index(&key(&p, "rdv_cip"), j), "minutes"),
                "minutes",
                h.minutes,
                0,
                MINUTES_JOUR,
            );
        }
        for (j, a) in s.absences.iter().enumerate() {
            if let Some(m) = &a.motif {
                texte(o, key(&index(&key(&p, "absences"), j), "motif"), m);
            }
        }
        for (j, m) in s.pmsmp.iter().enumerate() {
            let mp = index(&key(&p, "pmsmp"), j);
            if let Some(e) = &m.entreprise {
                texte(o, key(&mp, "entreprise"), e);
            }
            // A PMSMP day counts heures_hebdo / jours_semaine hours and cannot be left out: above
            // max_heures_jour, no plan respects rule 7 (the data contradict each other).
            let jour = s.contrat.heures_hebdo / f64::from(g.jours_semaine.max(1));
            let dans_la_periode = sc
                .periode
                .debut
                .checked_add_days(chrono::Days::new(u64::from(sc.periode.jours.min(366))))
                .is_some_and(|fin| m.du < fin && m.au >= sc.periode.debut);
            if dans_la_periode && jour.is_finite() && jour > g.max_heures_jour + 1e-9 {
                o.push(error(
                    mp,
                    format!(
                        "une journée de PMSMP compte {} h (heures_hebdo / jours_semaine), plus que reglages.max_heures_jour ({} h) : aucun plan ne peut la tenir",
                        crate::texte::fmt_h(jour),
                        crate::texte::fmt_h(g.max_heures_jour)
                    ),
                ));
            }
        }
    }
    for (i, e) in sc.encadrants.iter().enumerate() {
        let p = index("encadrants", i);
        texte(o, key(&p, "id"), &e.id);
        if let Some(n) = &e.nom {
            texte(o, key(&p, "nom"), n);
        }
        for (j, c) in e.competences.iter().enumerate() {
            texte(o, index(&key(&p, "competences"), j), c);
        }
    }
    for (i, c) in sc.cips.iter().enumerate() {
        let p = index("cips", i);
        texte(o, key(&p, "id"), &c.id);
        if let Some(n) = &c.nom {
            texte(o, key(&p, "nom"), n);
        }
        if let Some(m) = c.max_rdv_jour {
            entier(o, key(&p, "max_rdv_jour"), "max_rdv_jour", m, 0, PLACES_MAX);
        }
    }
    for (i, c) in sc.chantiers.iter().enumerate() {
        let p = index("chantiers", i);
        texte(o, key(&p, "id"), &c.id);
        for (k, v) in [
            ("nom", c.nom.as_deref()),
            ("client", c.client.as_deref()),
            ("activite", Some(c.activite.as_str())),
        ] {
            if let Some(v) = v {
                texte(o, key(&p, k), v);
            }
        }
        if let Some(ratio) = c.ratio_encadrement {
            entier(
                o,
                key(&p, "ratio_encadrement"),
                "ratio_encadrement",
                ratio,
                0,
                RATIO_MAX,
            );
        }
        for (j, v) in c.vacations.iter().enumerate() {
            let eq = key(&index(&key(&p, "vacations"), j), "equipe");
            entier(
                o,
                key(&eq, "min"),
                "equipe.min",
                v.equipe.min,
                0,
                EQUIPE_MAX,
            );
            entier(
                o,
                key(&eq, "max"),
                "equipe.max",
                v.equipe.max,
                0,
                EQUIPE_MAX,
            );
        }
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        let p = index("ateliers", i);
        texte(o, key(&p, "id"), &a.id);
        texte(o, key(&p, "theme"), &a.theme);
        entier(o, key(&p, "places"), "places", a.places, 0, PLACES_MAX);
    }
    for (i, f) in sc.formations.iter().enumerate() {
        let p = index("formations", i);
        texte(o, key(&p, "id"), &f.id);
        if let Some(n) = &f.intitule {
            texte(o, key(&p, "intitule"), n);
        }
    }
    out
}
