//! The documented range of every number of a scenario that no other check bounds, and the
//! characters allowed in its ids and names (docs/format-scenario.md, « Bornes »). Absurd
//! values (a crew of 4 294 967 295, a weight of 1e300, a rdv of 4 294 967 295 minutes) would
//! make the model huge or the costs meaningless: each is an error with its path, located by the
//! loader. Called from [`crate::format::validate::errors`].

use super::scenario::Scenario;
use super::spans::{index, key};
use crate::diag::{Code, Diagnostic};
use crate::format::load::error;

/// The largest weight of a cost term (`reglages.poids.*`).
pub(crate) const POIDS_MAX: f64 = 1e6;
/// The largest crew (`equipe.min`, `equipe.max`) of a vacation.
pub(crate) const EQUIPE_MAX: u32 = 200;
/// The most CIP rdv a month (`rdv_cip_par_mois`, `reglages.rdv_cip.min_par_mois`), and a week
/// (`reglages.rdv_cip.max_par_semaine`).
pub(crate) const RDV_PAR_MOIS_MAX: u32 = 20;
/// The shortest and longest CIP rdv, minutes (`reglages.rdv_cip.duree_minutes`).
pub(crate) const RDV_MINUTES: (u32, u32) = (5, 480);
/// The longest journey, pause threshold or past rdv, minutes (one day).
pub(crate) const MINUTES_JOUR: u32 = 1440;
/// The most people one encadrant·e may supervise (`ratio_encadrement`).
pub(crate) const RATIO_MAX: u32 = 100;
/// The most places of an atelier, rdv of a CIP a day, people in formation at once.
pub(crate) const PLACES_MAX: u32 = 1000;
/// The most solver threads.
pub(crate) const THREADS_MAX: u32 = 256;

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
        Code::OutOfRange,
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
Code::ControlCharacter,
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
    reglages(o, sc);
    let n = paires(sc);
    if n > MAX_PAIRES {
        o.push(error(
Code::ScenarioTooLarge,
            "salaries".into(),
            format!(
                "scénario trop grand pour être planifié : {} salarié·es × débuts de vacation de la période = {n} paires (au plus {MAX_PAIRES}, environ 5,5 Go de mémoire) ; le planifier par équipes ou par chantiers séparés",
                sc.salaries.len()
            ),
        ));
    }
    lieux_et_transports(o, sc);
    for (i, s) in sc.salaries.iter().enumerate() {
        salarie(o, sc, index("salaries", i), s);
    }
    encadrants_et_cips(o, sc);
    chantiers(o, sc);
    ateliers_et_formations(o, sc);
    out
}

/// A number of `reglages` and its documented range.
enum Borne {
    /// An integer in `lo..=hi`.
    Entier { v: u32, lo: u32, hi: u32 },
    /// A decimal at most `hi`, the range shown as `attendu` (NaN, infinities and negative
    /// numbers are validate's own errors).
    Decimal { v: f64, hi: f64, attendu: String },
}

/// The error of `nom` at `path` when it is out of its range `b`.
fn borne(out: &mut Vec<Diagnostic>, path: String, nom: &str, b: Borne) {
    match b {
        Borne::Entier { v, lo, hi } => entier(out, path, nom, v, lo, hi),
        Borne::Decimal { v, hi, attendu } => {
            if v.is_finite() && v > hi {
                out.push(hors(path, nom, nombre(v), &attendu));
            }
        }
    }
}

/// From 0 to `hi`.
fn jusqua(v: u32, hi: u32) -> Borne {
    Borne::Entier { v, lo: 0, hi }
}

/// The ranges of `reglages` (tables of bounds, in the file's order), with the rdv's duration
/// on the grid.
fn reglages(o: &mut Vec<Diagnostic>, sc: &Scenario) {
    let g = &sc.reglages;
    let r = "reglages";
    let rdv = key(r, "rdv_cip");
    let pause = key(r, "pause");
    let bornes: [(String, &str, Option<Borne>); 8] = [
        (
            key(r, "ratio_encadrement"),
            "ratio_encadrement",
            Some(jusqua(g.ratio_encadrement, RATIO_MAX)),
        ),
        (
            key(r, "trajet_defaut_minutes"),
            "trajet_defaut_minutes",
            Some(jusqua(g.trajet_defaut_minutes, MINUTES_JOUR)),
        ),
        (
            key(&rdv, "min_par_mois"),
            "min_par_mois",
            Some(jusqua(g.rdv_cip.min_par_mois, RDV_PAR_MOIS_MAX)),
        ),
        (
            key(&rdv, "max_par_semaine"),
            "max_par_semaine",
            Some(jusqua(g.rdv_cip.max_par_semaine, RDV_PAR_MOIS_MAX)),
        ),
        (
            key(&rdv, "min_minutes_par_mois"),
            "min_minutes_par_mois",
            Some(jusqua(
                g.rdv_cip.min_minutes_par_mois,
                RDV_PAR_MOIS_MAX * RDV_MINUTES.1,
            )),
        ),
        // 0 is validate's own error.
        (
            key(&rdv, "duree_minutes"),
            "duree_minutes",
            (g.rdv_cip.duree_minutes != 0).then_some(Borne::Entier {
                v: g.rdv_cip.duree_minutes,
                lo: RDV_MINUTES.0,
                hi: RDV_MINUTES.1,
            }),
        ),
        (
            key(&pause, "apres_minutes"),
            "apres_minutes",
            Some(jusqua(g.pause.apres_minutes, MINUTES_JOUR)),
        ),
        (
            key(&pause, "minutes"),
            "minutes",
            Some(jusqua(g.pause.minutes, MINUTES_JOUR / 2)),
        ),
    ];
    for (path, nom, b) in bornes {
        if let Some(b) = b {
            borne(o, path, nom, b);
        }
        if nom == "duree_minutes" {
            rdv_sur_la_grille(o, sc, &rdv);
        }
    }
    reglages_decimaux(o, sc);
}

/// The ranges of `reglages` after the pause: hours, formation, solver, weights.
fn reglages_decimaux(o: &mut Vec<Diagnostic>, sc: &Scenario) {
    let g = &sc.reglages;
    let r = "reglages";
    let solveur = key(r, "solveur");
    let bornes: [(String, &str, Option<Borne>); 4] = [
        (
            key(r, "heures_complementaires_max"),
            "heures_complementaires_max",
            Some(Borne::Decimal {
                v: g.heures_complementaires_max,
                hi: super::validate::MAX_DUREE_LEGALE,
                attendu: format!("de 0 à {}", super::validate::MAX_DUREE_LEGALE),
            }),
        ),
        (
            key(r, "max_en_formation_simultane"),
            "max_en_formation_simultane",
            g.max_en_formation_simultane.map(|m| jusqua(m, PLACES_MAX)),
        ),
        (
            key(&solveur, "ecart_relatif"),
            "ecart_relatif",
            Some(Borne::Decimal {
                v: g.solveur.ecart_relatif,
                hi: 1.0,
                attendu: "de 0 à 1".into(),
            }),
        ),
        (
            key(&solveur, "threads"),
            "threads",
            Some(jusqua(g.solveur.threads, THREADS_MAX)),
        ),
    ];
    for (path, nom, b) in bornes {
        if let Some(b) = b {
            borne(o, path, nom, b);
        }
    }
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
        let b = Borne::Decimal {
            v,
            hi: POIDS_MAX,
            attendu: "de 0 à 1 000 000".into(),
        };
        borne(o, key(&poids, nom), &format!("le poids {nom}"), b);
    }
}

/// A rdv's duration (in its range) on the grid of `pas_minutes` (when the grid is valid).
fn rdv_sur_la_grille(o: &mut Vec<Diagnostic>, sc: &Scenario, rdv: &str) {
    let g = &sc.reglages;
    let (d, pas) = (g.rdv_cip.duree_minutes, g.pas_minutes);
    if d != 0
        && pas != 0
        && 1440 % pas == 0
        && !d.is_multiple_of(pas)
        && (RDV_MINUTES.0..=RDV_MINUTES.1).contains(&d)
    {
        o.push(error(
Code::OffGrid,
            key(rdv, "duree_minutes"),
            format!(
                "durée d'un rendez-vous CIP de {d} minutes hors de la grille de {pas} minutes (reglages.pas_minutes)"
            ),
        ));
    }
}

/// The `id` and the optional `nom` of the item at `p`: texts.
fn id_et_nom(o: &mut Vec<Diagnostic>, p: &str, id: &str, nom: Option<&String>) {
    texte(o, key(p, "id"), id);
    if let Some(n) = nom {
        texte(o, key(p, "nom"), n);
    }
}

/// The régie's name, places, journeys and transport lines.
fn lieux_et_transports(o: &mut Vec<Diagnostic>, sc: &Scenario) {
    texte(o, key("regie", "nom"), &sc.regie.nom);
    for (i, l) in sc.lieux.iter().enumerate() {
        id_et_nom(o, &index("lieux", i), &l.id, l.nom.as_ref());
    }
    for (i, t) in sc.trajets.iter().enumerate() {
        let path = key(&index("trajets", i), "minutes");
        entier(o, path, "minutes", t.minutes, 0, MINUTES_JOUR);
    }
    for (i, l) in sc.transports.iter().enumerate() {
        id_et_nom(o, &index("transports", i), &l.id, l.nom.as_ref());
    }
}

/// One salarié·e at `p`: texts, rdv counts and minutes, and PMSMP days that fit a day.
fn salarie(
    o: &mut Vec<Diagnostic>,
    sc: &Scenario,
    p: String,
    s: &crate::format::scenario::Salarie,
) {
    id_et_nom(o, &p, &s.id, s.nom.as_ref());
    for (j, c) in s.competences.iter().enumerate() {
        texte(o, index(&key(&p, "competences"), j), c);
    }
    if let Some(n) = s.rdv_cip_par_mois {
        let path = key(&p, "rdv_cip_par_mois");
        entier(o, path, "rdv_cip_par_mois", n, 0, RDV_PAR_MOIS_MAX);
    }
    for (j, h) in s.rdv_cip.iter().enumerate() {
        let path = key(&index(&key(&p, "rdv_cip"), j), "minutes");
        entier(o, path, "minutes", h.minutes, 0, MINUTES_JOUR);
    }
    for (j, a) in s.absences.iter().enumerate() {
        if let Some(m) = &a.motif {
            texte(o, key(&index(&key(&p, "absences"), j), "motif"), m);
        }
    }
    let g = &sc.reglages;
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
Code::PmsmpDayTooLong,
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

/// Encadrant·es' and CIPs' texts, and a CIP's rdv a day.
fn encadrants_et_cips(o: &mut Vec<Diagnostic>, sc: &Scenario) {
    for (i, e) in sc.encadrants.iter().enumerate() {
        let p = index("encadrants", i);
        id_et_nom(o, &p, &e.id, e.nom.as_ref());
        for (j, c) in e.competences.iter().enumerate() {
            texte(o, index(&key(&p, "competences"), j), c);
        }
    }
    for (i, c) in sc.cips.iter().enumerate() {
        let p = index("cips", i);
        id_et_nom(o, &p, &c.id, c.nom.as_ref());
        if let Some(m) = c.max_rdv_jour {
            entier(o, key(&p, "max_rdv_jour"), "max_rdv_jour", m, 0, PLACES_MAX);
        }
    }
}

/// Chantiers: texts, ratio, crews.
fn chantiers(o: &mut Vec<Diagnostic>, sc: &Scenario) {
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
            let path = key(&p, "ratio_encadrement");
            entier(o, path, "ratio_encadrement", ratio, 0, RATIO_MAX);
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
}

/// Ateliers' and formations' texts, and an atelier's places.
fn ateliers_et_formations(o: &mut Vec<Diagnostic>, sc: &Scenario) {
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
}
