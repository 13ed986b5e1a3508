//! Loading and validation of scenario files (docs/validation.md): one malformed
//! variant per error class, one per warning class, several errors at once, a property test over
//! mutated versions of exemple.yaml, and `regie valider` end to end.
//!
//! Every variant is `scenarios/exemple.yaml` with the few lines its test names changed
//! ([`common::shipped_with`]); the expected lines are computed from the edited text.

mod common;

use common::{line_of, load, shipped_with};
use proptest::prelude::*;
use regie_planner::diag::{Diagnostic, Error, Severity};
use regie_planner::model::load::{load_scenario, load_str};
use std::path::PathBuf;

fn exemple() -> PathBuf {
    common::shipped("exemple")
}

// ----- the edits of exemple.yaml each test makes -----

/// An unclosed flow mapping in the first course of ligne-3.
const SYNTAX: (&str, &str) = (
    r#"[regie, "06:31"], [parc-nord, "06:40"]] }"#,
    r#"[regie, "06:31"], [parc-nord, "06:40"]]"#,
);
/// s04's heures_hebdo is a word.
const WRONG_TYPE: (&str, &str) = (
    "heures_hebdo: 35, debut: 2026-05-15",
    "heures_hebdo: trente-cinq, debut: 2026-05-15",
);
/// s02's competences misspelt competence.
const UNKNOWN_KEY: (&str, &str) = (
    "    competences: [permis_b]\n    cip: cip-1\n    rdv_cip: [{ date: 2026-11-12",
    "    competence: [permis_b]\n    cip: cip-1\n    rdv_cip: [{ date: 2026-11-12",
);
/// Chantier espaces-verts has no lieu.
const MISSING_KEY: (&str, &str) = ("    lieu: parc-nord\n", "");
/// Atelier at-emploi-1 is led by an unknown CIP.
const UNKNOWN_ID: (&str, &str) = ("places: 8, anime_par: cip-1", "places: 8, anime_par: cip-2");
/// A start of halls-a at 07:40.
const OFF_GRID: (&str, &str) = (r#""07:00", "07:30"]"#, r#""07:00", "07:40"]"#);
/// s06 available on jeudi from 14:00 to 06:00.
const RANGE: (&str, &str) = (r#"jeu: ["06:00-14:00"]"#, r#"jeu: ["14:00-06:00"]"#);

/// s03 (marche) lives at organisme-x, which no trajet joins.
const UNREACHABLE: (&str, &str) = (
    "fin: 2027-03-31 }\n    domicile: quartier-nord",
    "fin: 2027-03-31 }\n    domicile: organisme-x",
);

/// The errors of exemple.yaml with `edits`.
#[track_caller]
fn errors(edits: &[(&str, &str)]) -> (String, Vec<Diagnostic>) {
    let text = shipped_with("exemple", edits);
    match load(&text, "variante.yaml") {
        Err(d) => (text, d),
        Ok(_) => panic!("{edits:?} : accepté alors qu'invalide"),
    }
}

/// The warnings of exemple.yaml with `edits` (which must keep it valid).
#[track_caller]
fn warnings(edits: &[(&str, &str)]) -> (String, Vec<Diagnostic>) {
    let text = shipped_with("exemple", edits);
    match load(&text, "variante.yaml") {
        Ok(l) => (text, l.warnings),
        Err(d) => panic!("{edits:?} : refusé : {d:#?}"),
    }
}

/// Asserts one diagnostic: path, 1-based line and column, and a fragment of the message.
#[track_caller]
fn assert_diag(d: &Diagnostic, path: &str, line: usize, column: usize, fragment: &str) {
    assert_eq!(d.path, path, "{d}");
    assert_eq!((d.line, d.column), (Some(line), Some(column)), "{d}");
    assert!(
        d.message.contains(fragment),
        "« {fragment} » absent de : {d}"
    );
}

#[track_caller]
fn only(d: Vec<Diagnostic>) -> Diagnostic {
    assert_eq!(d.len(), 1, "{d:#?}");
    d.into_iter().next().expect("one diagnostic")
}

#[test]
fn exemple_loads_without_warnings() {
    let loaded = load_scenario(&exemple()).expect("exemple.yaml is valid");
    assert_eq!(loaded.scenario.salaries.len(), 12);
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

// ----- one variant per error class -----

#[test]
fn syntax_error_is_located() {
    // The first course of ligne-3 lost its closing `}`; libyaml notices on the next course.
    let (text, d) = errors(&[SYNTAX]);
    let d = only(d);
    assert_eq!(d.severity, Severity::Erreur);
    assert_eq!(d.path, "");
    assert_eq!(d.line, Some(line_of(&text, SYNTAX.1) + 1));
    assert!(d.message.contains("syntaxe YAML invalide"), "{d}");
    assert!(d.message.contains("« , » ou « } » attendu"), "{d}");
    assert_eq!(d.file, "variante.yaml", "{d}");
}

#[test]
fn wrong_type_names_expected_and_found() {
    let (text, d) = errors(&[WRONG_TYPE]);
    assert_diag(
        &only(d),
        "salaries[3].contrat.heures_hebdo",
        line_of(&text, WRONG_TYPE.1),
        32,
        "type incorrect : attendu un nombre, trouvé le texte « trente-cinq »",
    );
}

#[test]
fn unknown_key_lists_the_possible_keys() {
    let (text, d) = errors(&[UNKNOWN_KEY]);
    assert_diag(
        &only(d),
        "salaries[1].competence",
        line_of(&text, "competence: "),
        5,
        "clé inconnue « competence » (clés possibles : id, nom, contrat",
    );
}

#[test]
fn missing_key_is_located_at_its_item() {
    let (text, d) = errors(&[MISSING_KEY]);
    assert_diag(
        &only(d),
        "chantiers[1].lieu",
        line_of(&text, "- id: espaces-verts"),
        5,
        "clé obligatoire manquante « lieu »",
    );
}

#[test]
fn unknown_id_reference() {
    let (text, d) = errors(&[UNKNOWN_ID]);
    assert_diag(
        &only(d),
        "ateliers[1].anime_par",
        line_of(&text, UNKNOWN_ID.1),
        116,
        "référence inconnue « cip-2 »",
    );
}

#[test]
fn time_off_the_grid() {
    let (text, d) = errors(&[OFF_GRID]);
    assert_diag(
        &only(d),
        "chantiers[0].vacations[0].debuts[2]",
        line_of(&text, OFF_GRID.1),
        72,
        "« 07:40 » hors de la grille de 15 minutes",
    );
}

#[test]
fn range_end_not_after_start() {
    let (text, d) = errors(&[RANGE]);
    assert_diag(
        &only(d),
        "salaries[5].disponibilites.jeu[0]",
        line_of(&text, RANGE.1),
        13,
        "plage « 14:00-06:00 » : la fin doit être après le début",
    );
}

#[test]
fn fixed_enrolment_against_absence_is_a_warning() {
    // s09's absence 09:00-10:00 on 2026-12-02 meets the morning séance 08:30-12:00 only: the
    // planner will leave that séance out as a conflict.
    let (text, d) = warnings(&[(
        "    besoins: [numerique]\n    rdv_cip: [{ date: 2026-11-16",
        "    besoins: [numerique]\n    absences: [{ date: 2026-12-02, de: \"09:00\", a: \"10:00\", motif: médecin }]\n    rdv_cip: [{ date: 2026-11-16",
    )]);
    assert_diag(
        &only(d.clone()),
        "formations[0].inscrits[1]",
        line_of(&text, "    inscrits: [s02, s09]"),
        21,
        "s09 est inscrit·e à la formation « sst-dec » le 2026-12-02 de 08:30 à 12:00 mais absent·e",
    );
    assert!(d[0].message.contains("salaries[8].absences[0]"), "{}", d[0]);
}

#[test]
fn fixed_enrolment_against_fixed_enrolment() {
    // at-num-1 moves to 2026-12-02 and enrols s02, who is at sst-dec that afternoon.
    let new = "date: 2026-12-02, de: \"14:00\", a: \"16:00\", lieu: regie, places: 6, inscrits: [s03, s02] }";
    let (text, d) = errors(&[(
        "date: 2026-12-01, de: \"14:00\", a: \"16:00\", lieu: regie, places: 6, inscrits: [s03] }",
        new,
    )]);
    assert_diag(
        &only(d),
        "ateliers[0].inscrits[1]",
        line_of(&text, new),
        122,
        "s02 est inscrit·e à l'atelier « at-num-1 » le 2026-12-02 de 14:00 à 16:00 en même temps que la formation « sst-dec » le 2026-12-02 de 13:00 à 16:30",
    );
}

#[test]
fn fixed_enrolment_on_a_pmsmp_day() {
    // s05, in PMSMP on 2026-12-03, is enrolled in at-emploi-1 that day.
    let new = "anime_par: cip-1, inscrits: [s05] }";
    let (text, d) = errors(&[("anime_par: cip-1 }", new)]);
    assert_diag(
        &only(d),
        "ateliers[1].inscrits[0]",
        line_of(&text, new),
        145,
        "un jour de sa PMSMP (salaries[4].pmsmp[0])",
    );
}

#[test]
fn period_over_31_days() {
    let (text, d) = errors(&[("  jours: 5\n", "  jours: 32\n")]);
    assert_diag(
        &only(d),
        "periode.jours",
        line_of(&text, "  jours: 32"),
        3,
        "la période doit compter de 1 à 31 jours (trouvé : 32)",
    );
}

/// exemple.yaml with `old` replaced by `new`.
#[track_caller]
fn variant(old: &str, new: &str) -> Result<regie_planner::model::load::Loaded, Vec<Diagnostic>> {
    load(&shipped_with("exemple", &[(old, new)]), "variante.yaml")
}

#[test]
fn duplicate_key_is_a_syntax_error_of_its_item() {
    let d = variant(
        "    nom: Bruno M.\n",
        "    nom: Bruno M.\n    nom: Bruno N.\n",
    )
    .expect_err("dup");
    let d = only(d);
    assert_eq!((d.path.as_str(), d.line), ("salaries[1]", Some(53)));
    assert_eq!(d.message, "syntaxe YAML invalide : clé en double « nom »");
}

#[test]
fn settings_sanity() {
    let d = variant(
        "  solveur: { limite_secondes: 30 }",
        "  pas_minutes: 7\n  jours_semaine: 4",
    )
    .expect_err("bad settings");
    let got: Vec<_> = d.iter().map(|d| (d.path.as_str(), d.line)).collect();
    assert_eq!(
        got,
        vec![
            ("reglages.pas_minutes", Some(10)),
            ("reglages.jours_semaine", Some(11))
        ]
    );
    assert!(
        d[0].message.contains("divise 60 ou 1440 (trouvé : 7)"),
        "{}",
        d[0]
    );
}

#[test]
fn time_limit_between_0_and_24_hours() {
    for bad in ["1e20", ".inf", "0", "-1", "86400.5", ".nan"] {
        let d = variant(
            "  solveur: { limite_secondes: 30 }",
            &format!("  solveur: {{ limite_secondes: {bad} }}"),
        )
        .expect_err(bad);
        let d = only(d);
        assert_eq!(d.path, "reglages.solveur.limite_secondes", "{bad}");
        assert_eq!((d.line, d.column), (Some(10), Some(14)), "{bad}");
        assert!(
            d.message.contains(
                "limite_secondes doit être comprise entre 0 (exclu) et 86400 secondes, soit 24 h (trouvé : "
            ),
            "{d}"
        );
    }
    for good in ["86400", "0.5", "600"] {
        variant(
            "  solveur: { limite_secondes: 30 }",
            &format!("  solveur: {{ limite_secondes: {good} }}"),
        )
        .unwrap_or_else(|d| panic!("{good}: {d:?}"));
    }
}

#[test]
fn labour_settings_out_of_range() {
    // Located at their keys: duree_legale 0, 11 interruptions of 721 min, 24 h of rest.
    let (text, d) = errors(&[(
        "  solveur: { limite_secondes: 30 }\n",
        "  solveur: { limite_secondes: 30 }\n  duree_legale: 0\n  temps_partiel: { interruptions_max: 11, interruption_max_minutes: 721 }\n  repos_quotidien_heures: 24\n",
    )]);
    let (duree, partiel, repos) = (
        line_of(&text, "duree_legale: 0"),
        line_of(&text, "interruptions_max: 11"),
        line_of(&text, "repos_quotidien_heures: 24"),
    );
    assert_eq!(d.len(), 4, "{d:#?}");
    assert_diag(
        &d[0],
        "reglages.duree_legale",
        duree,
        3,
        "duree_legale doit être comprise entre 0 (exclu) et 48 heures (trouvé : 0)",
    );
    assert_diag(
        &d[1],
        "reglages.temps_partiel.interruptions_max",
        partiel,
        20,
        "interruptions_max doit être compris entre 0 et 10 (trouvé : 11)",
    );
    assert_diag(
        &d[2],
        "reglages.temps_partiel.interruption_max_minutes",
        partiel,
        43,
        "interruption_max_minutes doit être compris entre 0 et 720 (trouvé : 721)",
    );
    assert_diag(
        &d[3],
        "reglages.repos_quotidien_heures",
        repos,
        3,
        "repos_quotidien_heures doit être compris entre 0 et 24 (exclu) (trouvé : 24)",
    );
}

#[test]
fn labour_settings_defaults_and_null() {
    // Missing keys: the law's defaults.
    let l = variant("  solveur: { limite_secondes: 30 }", "").expect("valid");
    let g = &l.scenario.reglages;
    assert_eq!(g.duree_legale, 35.0);
    assert_eq!(g.temps_partiel.interruptions_max, Some(1));
    assert_eq!(g.temps_partiel.interruption_max_minutes, 120);
    assert_eq!(g.repos_quotidien_heures, Some(11.0));
    // An explicit null turns the rule off; a key left out of `temps_partiel` keeps its default.
    let l = variant(
        "  solveur: { limite_secondes: 30 }",
        "  temps_partiel: { interruptions_max: null }\n  repos_quotidien_heures: null",
    )
    .expect("valid");
    let g = &l.scenario.reglages;
    assert_eq!(g.temps_partiel.interruptions_max, None);
    assert_eq!(g.temps_partiel.interruption_max_minutes, 120);
    assert_eq!(g.repos_quotidien_heures, None);
    // The bounds themselves are accepted.
    let l = variant(
        "  solveur: { limite_secondes: 30 }",
        "  duree_legale: 48\n  temps_partiel: { interruptions_max: 0, interruption_max_minutes: 720 }\n  repos_quotidien_heures: 0",
    )
    .expect("valid");
    assert_eq!(l.scenario.reglages.temps_partiel.interruptions_max, Some(0));
    // A typo inside temps_partiel is refused.
    let d = variant(
        "  solveur: { limite_secondes: 30 }",
        "  temps_partiel: { interruption_max: 2 }",
    )
    .expect_err("unknown key");
    let d = only(d);
    assert_eq!(d.path, "reglages.temps_partiel.interruption_max");
    assert!(
        d.message.contains(
            "clé inconnue « interruption_max » (clés possibles : interruptions_max, interruption_max_minutes)"
        ),
        "{d}"
    );
}

#[test]
fn domicile_required_unless_autonome() {
    let d = variant(
        "    domicile: quartier-ouest\n    mobilite: transports\n    cip: cip-1",
        "    mobilite: transports\n    cip: cip-1",
    )
    .expect_err("no domicile");
    let d = only(d);
    assert_eq!(d.path, "salaries[0].domicile");
    assert_eq!(d.line, Some(45)); // located at salaries[0] (`- id: s01`)
    assert!(
        d.message
            .contains("« domicile » (requise pour la mobilité « transports »)"),
        "{d}"
    );
}

#[test]
fn absence_needs_a_date() {
    let d = variant(
        "absences: [{ date: 2026-12-02, motif: arrêt maladie }]",
        "absences: [{ motif: arrêt maladie }]",
    )
    .expect_err("absence without date");
    let d = only(d);
    assert_eq!(d.path, "salaries[7].absences[0]");
    assert_eq!(d.line, Some(110));
    assert!(d.message.contains("absence sans date"), "{d}");
}

#[test]
fn formation_ceiling_against_fixed_seances() {
    // sst-dec enrols s02 and s09 on both séances: 2 in formation at once > 1.
    let d = variant(
        "  solveur: { limite_secondes: 30 }",
        "  max_en_formation_simultane: 1",
    )
    .expect_err("ceiling");
    let paths: Vec<_> = d.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["formations[0].seances[0]", "formations[0].seances[1]"]
    );
    assert!(
        d[0].message
            .contains("2 salarié·es en formation en même temps le 2026-12-02 à 08:30"),
        "{}",
        d[0]
    );
}

#[test]
fn atelier_with_more_inscrits_than_places() {
    let d = variant(
        "places: 6, inscrits: [s03]",
        "places: 1, inscrits: [s03, s01]",
    )
    .expect_err("places");
    let d = only(d);
    assert_eq!(d.path, "ateliers[0].inscrits");
    assert!(d.message.contains("2 inscrit·es pour 1 place(s)"), "{d}");
}

#[test]
fn cip_caseload_shares_salaries_without_referent() {
    // A second CIP: 2 salarié·es with cip-1, 10 without, shared between 2 → 7 each: no warning.
    let l = variant(
        "\nchantiers:",
        "  - { id: cip-2, lieu: regie }\n\nchantiers:",
    )
    .expect("valid");
    assert!(l.warnings.is_empty(), "{:#?}", l.warnings);
}

// ----- every error at once -----

#[test]
fn structure_errors_of_every_item_at_once() {
    let (text, d) = errors(&[UNKNOWN_KEY, WRONG_TYPE, MISSING_KEY]);
    let got: Vec<_> = d.iter().map(|d| (d.path.as_str(), d.line)).collect();
    assert_eq!(
        got,
        vec![
            (
                "salaries[1].competence",
                Some(line_of(&text, "competence: "))
            ),
            (
                "salaries[3].contrat.heures_hebdo",
                Some(line_of(&text, WRONG_TYPE.1))
            ),
            (
                "chantiers[1].lieu",
                Some(line_of(&text, "- id: espaces-verts"))
            ),
        ]
    );
    assert!(d.iter().all(|d| d.severity == Severity::Erreur));
}

#[test]
fn semantic_errors_of_every_item_at_once() {
    let (text, d) = errors(&[RANGE, OFF_GRID, UNKNOWN_ID]);
    let got: Vec<_> = d.iter().map(|d| (d.path.as_str(), d.line)).collect();
    assert_eq!(
        got,
        vec![
            (
                "salaries[5].disponibilites.jeu[0]",
                Some(line_of(&text, RANGE.1))
            ),
            (
                "chantiers[0].vacations[0].debuts[2]",
                Some(line_of(&text, OFF_GRID.1))
            ),
            ("ateliers[1].anime_par", Some(line_of(&text, UNKNOWN_ID.1))),
        ]
    );
}

#[test]
fn small_texts_report_every_top_level_problem() {
    let d = match load_str("version: 1\nfoo: 2\n", "mini.yaml") {
        Err(Error::Invalid(d)) => d,
        other => panic!("{other:?}"),
    };
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.path.as_str(), d.line, d.message.as_str()))
        .collect();
    // In file order: the missing sections are located at the top of the file (line 1).
    let missing: Vec<_> = got[..5].iter().map(|g| (g.0, g.1)).collect();
    assert_eq!(
        missing,
        vec![
            ("regie", Some(1)),
            ("periode", Some(1)),
            ("lieux", Some(1)),
            ("salaries", Some(1)),
            ("chantiers", Some(1))
        ]
    );
    assert_eq!(got[0].2, "clé obligatoire manquante « regie »");
    assert_eq!(
        got[5],
        (
            "foo",
            Some(2),
            "clé inconnue « foo » (clés possibles : version, regie, periode, reglages, lieux, trajets, transports, gtfs, salaries, encadrants, cips, chantiers, ateliers, formations, imposer, interdire, replanification)"
        )
    );
    assert_eq!(got.len(), 6);
}

// ----- one variant per warning class -----

#[test]
fn warning_cddi_hours() {
    let new = "heures_hebdo: 18, debut: 2026-10-01";
    let (text, d) = warnings(&[("heures_hebdo: 20, debut: 2026-10-01", new)]);
    let d = only(d);
    assert_eq!(d.severity, Severity::Avertissement);
    assert_diag(
        &d,
        "salaries[2].contrat.heures_hebdo",
        line_of(&text, new),
        32,
        "s03 : CDDI de 18 h par semaine, hors de la durée habituelle (20 à 35 h)",
    );
}

#[test]
fn warning_pmsmp_over_one_month() {
    // 2026-12-03 + 1 month = 2027-01-03 ≤ 2027-01-05; 34 days of a 365-day contract (< 25 %).
    let new = "au: 2027-01-05, entreprise: Boulangerie Martin";
    let (text, d) = warnings(&[("au: 2026-12-04, entreprise: Boulangerie Martin", new)]);
    assert_diag(
        &only(d),
        "salaries[4].pmsmp[0]",
        line_of(&text, new),
        13,
        "PMSMP du 2026-12-03 au 2027-01-05 (34 jours), plus d'un mois",
    );
}

#[test]
fn warning_pmsmp_over_a_quarter_of_the_contract() {
    // Contract 2026-11-02..2026-12-31 = 60 days; PMSMP 2026-12-07..22 = 16 days; 16 × 4 > 60.
    let (text, d) = warnings(&[
        (
            "debut: 2026-11-02, fin: 2027-03-01 }",
            "debut: 2026-11-02, fin: 2026-12-31 }",
        ),
        (
            "    preferences: { chantiers: [espaces-verts], eviter: [s07] }\n",
            "    pmsmp: [{ du: 2026-12-07, au: 2026-12-22, entreprise: Jardins du Cloître }]\n    preferences: { chantiers: [espaces-verts], eviter: [s07] }\n",
        ),
    ]);
    assert_diag(
        &only(d),
        "salaries[9].pmsmp[0]",
        line_of(&text, "Jardins du Cloître"),
        13,
        "PMSMP de 16 jours, plus de 25 % de la durée du contrat (60 jours)",
    );
}

#[test]
fn warning_unreachable_salarie() {
    // organisme-x has no trajets: walking from it reaches no other place.
    let (text, d) = warnings(&[UNREACHABLE]);
    assert_diag(
        &only(d),
        "salaries[2]",
        line_of(&text, "- id: s03"),
        5,
        "s03 ne peut atteindre aucun chantier depuis « organisme-x » (marche)",
    );
}

#[test]
fn warning_cip_caseload() {
    // 21 salarié·es with cip-1 + 10 without référent shared by the only CIP = 31 > 30.
    let more: String = (13..=31)
        .map(|i| {
            format!(
                "  - {{ id: s{i}, contrat: {{ type: cddi_aci, heures_hebdo: 26 }}, cip: cip-1 }}\n"
            )
        })
        .collect();
    let (text, d) = warnings(&[(
        "    besoins: [numerique, recherche_emploi]\n\nencadrants:",
        &format!("    besoins: [numerique, recherche_emploi]\n{more}\nencadrants:"),
    )]);
    assert_diag(
        &only(d),
        "cips[0]",
        line_of(&text, "- id: cip-1"),
        5,
        "cip-1 suit 31 salarié·es (21 en référence et 10 sans référent·e",
    );
}

#[test]
fn warning_chantier_without_encadrant() {
    // espaces-verts becomes jardinage, and e03 supervises only nettoyage and encombrants.
    let (text, d) = warnings(&[
        (
            "heures_hebdo: 28, competences: [permis_b] }",
            "heures_hebdo: 28, competences: [permis_b], activites: [nettoyage, encombrants] }",
        ),
        ("    activite: espaces_verts\n", "    activite: jardinage\n"),
    ]);
    assert_diag(
        &only(d),
        "chantiers[1]",
        line_of(&text, "- id: espaces-verts"),
        5,
        "aucun·e encadrant·e ne peut encadrer le chantier « espaces-verts » (activité « jardinage »)",
    );
}

#[test]
fn warning_fixed_enrolment_outside_availability() {
    // s06 lists no mercredi in disponibilites: neither séance of 2026-12-02 can be held.
    let new = "    inscrits: [s02, s09, s06]";
    let (text, d) = warnings(&[("    inscrits: [s02, s09]", new)]);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_diag(
        &d[0],
        "formations[0].inscrits[2]",
        line_of(&text, new),
        26,
        "s06 est inscrit·e à la formation « sst-dec » le 2026-12-02 de 08:30 à 12:00, hors de ses disponibilités",
    );
    assert!(d[1].message.contains("de 13:00 à 16:30"), "{}", d[1]);
}

// ----- property test: mutated exemple.yaml -----
// Mutations: delete a line, duplicate a line, replace a token by another, replace a number,
// truncate.

fn mutate(text: &str, op: u8, a: usize, b: usize) -> String {
    // A text truncated to nothing (or without a token or a number) has nothing left to mutate.
    if text.trim().is_empty() || !text.bytes().any(|c| c.is_ascii_digit()) {
        return text.to_owned();
    }
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    match op % 5 {
        0 => {
            let i = a % n;
            lines
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, l)| format!("{l}\n"))
                .collect()
        }
        1 => {
            let i = a % n;
            let mut v: Vec<&str> = lines.clone();
            v.insert(i, lines[i]);
            v.iter().map(|l| format!("{l}\n")).collect()
        }
        2 => {
            // Replace the a-th token by the b-th (tokens: runs split at spaces and punctuation).
            let seps = |c: char| c.is_whitespace() || "[]{},:\"".contains(c);
            let tokens: Vec<(usize, &str)> = text
                .split(seps)
                .scan(0usize, |_, t| Some(t))
                .filter(|t| !t.is_empty())
                .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
                .collect();
            let (pos, old) = tokens[a % tokens.len()];
            let new = tokens[b % tokens.len()].1;
            format!("{}{new}{}", &text[..pos], &text[pos + old.len()..])
        }
        3 => {
            // Replace the a-th number (digits only) by b % 100: mostly still loadable.
            let mut starts = Vec::new();
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
                    starts.push(i);
                }
            }
            let i = starts[a % starts.len()];
            let end = (i..bytes.len())
                .find(|&k| !bytes[k].is_ascii_digit())
                .unwrap_or(bytes.len());
            format!("{}{}{}", &text[..i], b % 100, &text[end..])
        }
        _ => {
            let mut cut = a % text.len();
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_owned()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_exemple_never_panics(ops in prop::collection::vec((0u8..5, any::<usize>(), any::<usize>()), 1..3)) {
        let mut text = std::fs::read_to_string(exemple()).expect("exemple.yaml");
        for (op, a, b) in ops {
            text = mutate(&text, op, a, b);
        }
        match load_str(&text, "mutant.yaml") {
            Ok(loaded) => {
                let facts = regie_planner::model::Facts::new(&loaded.scenario);
                prop_assert!(facts.days.len() <= 31);
            }
            Err(Error::Invalid(d)) => {
                prop_assert!(!d.is_empty());
                prop_assert!(d.iter().all(|d| d.severity == Severity::Erreur && !d.message.is_empty()));
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

// ----- the command line -----

#[test]
fn cli_valider_prints_the_summary() {
    let out = common::regie(&["valider", common::EXEMPLE]);
    assert!(out.status.success(), "{out:?}");
    let stdout = common::text(&out.stdout);
    for line in [
        "salarié·es : 12",
        "encadrant·es : 3",
        "CIP : 1",
        "chantiers : 4",
        // halls-a 5 + espaces-verts 4 + 3 + encombrants 2 + locaux-regie 5.
        "vacations de la période : 19",
        "ateliers : 2",
        "formations : 1",
        "  s03 (marche, depuis quartier-nord) : halls-a (à pied), espaces-verts (à pied), encombrants (à pied), locaux-regie (à pied)",
        "  s01 (transports, depuis quartier-ouest) : halls-a (en transports), espaces-verts (en transports)",
        "Aucun avertissement.",
    ] {
        assert!(stdout.contains(line), "« {line} » absent de :\n{stdout}");
    }
}

/// `regie valider` on exemple.yaml with `edits`, written as `name` in a temporary folder; the
/// edited text comes back with the output.
fn valider(name: &str, edits: &[(&str, &str)]) -> (String, std::process::Output) {
    let dir = common::temp_dir();
    let text = shipped_with("exemple", edits);
    let file = common::write(dir.path(), name, &text);
    (text, common::regie(&["valider", common::arg(&file)]))
}

#[test]
fn cli_valider_prints_warnings_and_exits_0() {
    let (text, out) = valider("unreachable.yaml", &[UNREACHABLE]);
    assert!(out.status.success(), "{out:?}");
    let stdout = common::text(&out.stdout);
    // s03 can reach nothing, not even the atelier they are enrolled in: both are said (the
    // second before any solve, as a fixed item the plan will leave out).
    assert!(stdout.contains("Avertissements (2) :"), "{stdout}");
    assert!(
        stdout.contains("  s03 (marche, depuis organisme-x) : aucun chantier"),
        "{stdout}"
    );
    let line = line_of(&text, "id: at-num-1");
    assert!(
        stdout.contains(&format!("unreachable.yaml:{line}:117: ateliers[0].inscrits[0]: élément fixe impossible à tenir (s03 : atelier at-num-1 le 2026-12-01 à 14:00)"))
            && stdout.contains("règle 3 (trajets)"),
        "{stdout}"
    );
}

#[test]
fn cli_valider_refuses_a_bad_file_on_stderr_only() {
    let (text, out) = valider("several.yaml", &[UNKNOWN_KEY, WRONG_TYPE, MISSING_KEY]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{out:?}");
    let stderr = common::text(&out.stderr);
    let line = line_of(&text, WRONG_TYPE.1);
    assert!(
        stderr.contains(&format!(
            "several.yaml:{line}:32: salaries[3].contrat.heures_hebdo: type incorrect"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 erreur(s) : fichier refusé"), "{stderr}");
}

#[test]
fn effort_is_a_budget_between_1_and_the_maximum() {
    let l = variant(
        "  solveur: { limite_secondes: 30 }",
        "  solveur: { effort: 40 }",
    )
    .expect("valid");
    assert_eq!(l.scenario.reglages.solveur.effort, Some(40));
    for bad in ["0", "100001"] {
        let d = variant(
            "  solveur: { limite_secondes: 30 }",
            &format!("  solveur: {{ effort: {bad} }}"),
        )
        .expect_err("out of range");
        let d = only(d);
        assert_eq!(d.path, "reglages.solveur.effort", "{d}");
        assert!(d.message.contains("entre 1 et 100000"), "{d}");
    }
}

/// exemple.yaml with `extra` appended.
fn exemple_with(extra: &str) -> Result<regie_planner::model::load::Loaded, Error> {
    load_str(
        &format!("{}{extra}", common::shipped_text("exemple")),
        "semaine.yaml",
    )
}

#[test]
fn imposer_and_interdire_entries_are_checked_with_their_lines() {
    let ok = exemple_with(
        r#"imposer:
  - { personne: s04, chantier: halls-a, date: 2026-12-01 }
  - { personne: s04, chantier: halls-a, date: 2026-12-02, vacation: 0, debut: "07:00" }
  - { personne: s03, cip: cip-1, date: 2026-12-02, debut: "10:00" }
  - { personne: s09, atelier: at-num-1 }
interdire:
  - { personne: s07, chantier: encombrants }
  - { personne: s07, chantier: halls-a, date: 2026-12-03 }
  - { personne: s07, date: 2026-12-04 }
  - { personnes: [s02, s09] }
"#,
    );
    assert!(ok.is_ok(), "{:?}", ok.err().map(|e| e.to_string()));
    let Err(Error::Invalid(d)) = exemple_with(
        r#"imposer:
  - { personne: s99, chantier: halls-a, date: 2026-12-01 }
  - { personne: s04, chantier: nulle-part, date: 2026-12-01 }
  - { personne: s04, chantier: halls-a, date: 2027-01-04 }
  - { personne: s04, chantier: halls-a, date: 2026-12-02, vacation: 3 }
  - { personne: s04, chantier: halls-a, date: 2026-12-02, vacation: 0, debut: "08:00" }
  - { personne: s03, cip: cip-9 }
  - { personne: s09, atelier: at-inconnu }
interdire:
  - { personne: s77, chantier: encombrants }
  - { personne: s07, date: 2025-01-01 }
  - { personnes: [s02, x] }
  - { personne: s07 }
  - { personne: s05, date: 2026-12-03 }
"#,
    ) else {
        panic!("accepted");
    };
    // Lines counted from the end of exemple.yaml (the first appended line is 1).
    let base = common::shipped_text("exemple").lines().count();
    let expected = [
        ("imposer[0].personne", 2, "s99"),
        ("imposer[1].chantier", 3, "nulle-part"),
        ("imposer[2].date", 4, "hors de la période"),
        ("imposer[3].vacation", 5, "pas de vacation d'indice 3"),
        ("imposer[4].debut", 6, "ne commence à 08:00"),
        ("imposer[5].cip", 7, "cip-9"),
        ("imposer[6].atelier", 8, "at-inconnu"),
        ("interdire[0].personne", 10, "s77"),
        ("interdire[1].date", 11, "hors de la période"),
        ("interdire[2].personnes[1]", 12, "« x »"),
        ("interdire[3]", 13, "nomme un « chantier », une « date »"),
        ("interdire[4].date", 14, "est en PMSMP le 2026-12-03"),
    ];
    assert_eq!(d.len(), expected.len(), "{d:#?}");
    for (diag, (path, line, fragment)) in d.iter().zip(expected) {
        assert_eq!(diag.file, "semaine.yaml");
        assert_eq!(diag.path, path, "{diag}");
        assert_eq!(diag.line, Some(base + line), "{diag}");
        assert!(
            diag.message.contains(fragment),
            "« {fragment} » absent de : {diag}"
        );
    }
}
