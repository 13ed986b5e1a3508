//! Stable diagnostic codes (docs/validation.md, « Codes »): every code documented in the doc's
//! tables, no two codes rendered alike, and for each code a bad input (most of them
//! `scenarios/exemple.yaml` with a few lines changed) whose diagnostic carries that code, at the
//! item path and line the doc announces.

mod common;

use common::{coded, line_of, load, shipped_text, shipped_with};
use regie_planner::diag::{Code, Diagnostic, Error, Severity};
use regie_planner::model::load::{load_in, load_str};
use std::collections::{BTreeMap, BTreeSet};

// ----- the doc and the enum -----

/// The rows of docs/validation.md's code tables: code → severity.
fn documented() -> BTreeMap<String, String> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/validation.md"))
        .expect("docs/validation.md");
    let mut rows = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "| `S001` | erreur | … | … |" → ["", "`S001`", "erreur", …, ""]
        let Some(code) = cells
            .get(1)
            .and_then(|c| c.strip_prefix('`'))
            .and_then(|c| c.strip_suffix('`'))
        else {
            continue;
        };
        if cells.len() != 6 {
            continue;
        }
        let previous = rows.insert(code.to_owned(), cells[2].to_owned());
        assert!(previous.is_none(), "{code} documenté deux fois");
    }
    rows
}

#[test]
fn every_code_is_documented_with_its_severity() {
    let doc = documented();
    for code in Code::ALL {
        let severity = doc
            .get(code.as_str())
            .unwrap_or_else(|| panic!("{} ({code:?}) absent de docs/validation.md", code));
        let expected = if code.as_str().starts_with('A') {
            "avertissement"
        } else {
            "erreur"
        };
        assert_eq!(severity, expected, "{code}");
    }
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for code in doc.keys() {
        assert!(
            known.contains(code.as_str()),
            "{code} documenté mais inconnu"
        );
    }
}

#[test]
fn no_two_codes_render_alike() {
    let mut seen = BTreeMap::new();
    for code in Code::ALL {
        let s = code.to_string();
        assert_eq!(s, code.as_str());
        let line = format!("erreur[{s}]: f.yaml: x");
        assert!(coded(&line).is_some(), "code mal formé : {s}");
        if let Some(other) = seen.insert(s.clone(), *code) {
            panic!("{s} : {other:?} et {code:?}");
        }
    }
    assert_eq!(seen.len(), Code::ALL.len());
}

// ----- one bad input per code -----

/// The diagnostics of `text` (named `variante.yaml`): errors of a refused file, else warnings.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match load(text, "variante.yaml") {
        Ok(l) => l.warnings,
        Err(d) => d,
    }
}

/// Asserts that the first diagnostic with `code` is at `path`, on `line`, with the severity the
/// code's family says, and that its rendered line shows the code.
#[track_caller]
fn assert_code(d: &[Diagnostic], code: Code, path: &str, line: Option<usize>) {
    let Some(hit) = d.iter().find(|x| x.code == code) else {
        panic!("{code} absent : {d:#?}");
    };
    assert_eq!(hit.path, path, "{hit}");
    assert_eq!(hit.line, line, "{hit}");
    let severity = if code.as_str().starts_with('A') {
        Severity::Avertissement
    } else {
        Severity::Erreur
    };
    assert_eq!(hit.severity, severity, "{hit}");
    let rendered = hit.to_string();
    let (_, shown, _) = coded(&rendered).unwrap_or_else(|| panic!("sans code : {rendered}"));
    assert_eq!(shown, code.as_str());
}

/// exemple.yaml with `edits`; its first diagnostic with `code` is at `path`, on the line of
/// `needle` in the edited text.
#[track_caller]
fn case(edits: &[(&str, &str)], code: Code, path: &str, needle: &str) {
    let text = shipped_with("exemple", edits);
    assert_code(
        &diagnostics(&text),
        code,
        path,
        Some(line_of(&text, needle)),
    );
}

/// The dates, times and inscrits of atelier at-num-1 (1 December, s03), and the same moved to
/// 2 December with `inscrit` instead: an edit of exemple.yaml.
fn at_num_on_2_december(inscrit: &str) -> (&'static str, String) {
    (
        r#"date: 2026-12-01, de: "14:00", a: "16:00", lieu: regie, places: 6, inscrits: [s03]"#,
        format!(
            r#"date: 2026-12-02, de: "14:00", a: "16:00", lieu: regie, places: 6, inscrits: [{inscrit}]"#
        ),
    )
}

/// exemple.yaml with `more` appended.
#[track_caller]
fn appended(more: &str, code: Code, path: &str, needle: &str) {
    let text = format!("{}{more}", shipped_text("exemple"));
    let line = line_of(&text, needle);
    assert_code(&diagnostics(&text), code, path, Some(line));
}

#[test]
fn file_codes() {
    // F001: the first course of ligne-3 lost its `}`; libyaml notices on the next line.
    let (old, new) = (
        r#"[regie, "06:31"], [parc-nord, "06:40"]] }"#,
        r#"[regie, "06:31"], [parc-nord, "06:40"]]"#,
    );
    let text = shipped_with("exemple", &[(old, new)]);
    let line = line_of(&text, new) + 1;
    assert_code(&diagnostics(&text), Code::Syntax, "", Some(line));
    // F002, F003: refused before parsing.
    let mut big = shipped_text("exemple");
    big.push_str(&"# commentaire\n".repeat(2_500_000));
    assert_code(&diagnostics(&big), Code::FileTooLarge, "", None);
    let deep = format!("version: 1\nregie: {}{}\n", "[".repeat(70), "]".repeat(70));
    assert_code(&diagnostics(&deep), Code::NestingTooDeep, "", Some(2));
    // F004: a list, not a table of keys.
    let d = diagnostics("- a\n- b\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].code, d[0].path.as_str()), (Code::NotAMapping, ""));
}

#[test]
fn structure_codes() {
    let unknown = "    competence: [permis_b]\n    cip: cip-1\n    rdv_cip: [{ date: 2026-11-12";
    case(
        &[(
            "    competences: [permis_b]\n    cip: cip-1\n    rdv_cip: [{ date: 2026-11-12",
            unknown,
        )],
        Code::UnknownKey,
        "salaries[1].competence",
        "    competence: [permis_b]",
    );
    case(
        &[("    lieu: parc-nord\n", "")],
        Code::MissingKey,
        "chantiers[1].lieu",
        "  - id: espaces-verts",
    );
    // A conditional required key: domicile for the mobilité marche.
    case(
        &[(
            "    domicile: quartier-nord\n    mobilite: marche\n    disponibilites",
            "    mobilite: marche\n    disponibilites",
        )],
        Code::MissingKey,
        "salaries[2].domicile",
        "  - id: s03",
    );
    case(
        &[(
            "heures_hebdo: 35, debut: 2026-05-15",
            "heures_hebdo: trente-cinq, debut: 2026-05-15",
        )],
        Code::WrongType,
        "salaries[3].contrat.heures_hebdo",
        "trente-cinq",
    );
    case(
        &[(
            "    mobilite: marche\n    disponibilites:",
            "    mobilite: velo\n    disponibilites:",
        )],
        Code::UnknownValue,
        "salaries[2].mobilite",
        "mobilite: velo",
    );
    case(
        &[("  debut: 2026-11-30", "  debut: 2026-13-30")],
        Code::InvalidDate,
        "periode.debut",
        "2026-13-30",
    );
    case(
        &[(
            r#"date: 2026-12-01, de: "14:00""#,
            r#"date: 2026-12-01, de: "14h""#,
        )],
        Code::InvalidTime,
        "ateliers[0].de",
        r#"de: "14h""#,
    );
    case(
        &[(
            "    nom: Bruno M.\n",
            "    nom: Bruno M.\n    nom: Bruno N.\n",
        )],
        Code::DuplicateKey,
        "salaries[1]",
        "  - id: s02",
    );
}

#[test]
fn value_codes() {
    case(
        &[("version: 1", "version: 2")],
        Code::UnsupportedVersion,
        "version",
        "version: 2",
    );
    case(
        &[("  jours: 5\n", "  jours: 40\n")],
        Code::OutOfRange,
        "periode.jours",
        "  jours: 40",
    );
    case(
        &[("    nom: Bruno M.\n", "    nom: \"Bruno\\e[31m M.\"\n")],
        Code::ControlCharacter,
        "salaries[1].nom",
        "Bruno\\e",
    );
    case(
        &[(r#""07:00", "07:30"]"#, r#""07:00", "07:40"]"#)],
        Code::OffGrid,
        "chantiers[0].vacations[0].debuts[2]",
        "07:40",
    );
    case(
        &[(r#"jeu: ["06:00-14:00"]"#, r#"jeu: ["14:00-06:00"]"#)],
        Code::InvertedRange,
        "salaries[5].disponibilites.jeu[0]",
        "14:00-06:00",
    );
    case(
        &[(
            r#"debuts: ["08:00"], duree: "04:00""#,
            r#"debuts: ["22:00"], duree: "04:00""#,
        )],
        Code::PastMidnight,
        "chantiers[2].vacations[0].debuts[0]",
        "22:00",
    );
    case(
        &[(
            r#"debuts: ["08:00"], duree: "04:00""#,
            r#"debuts: [], duree: "04:00""#,
        )],
        Code::TooFewElements,
        "chantiers[2].vacations[0].debuts",
        "debuts: []",
    );
    case(
        &[("absences: [{ date: 2026-12-02, motif", "absences: [{ motif")],
        Code::KeyCombination,
        "salaries[7].absences[0]",
        "absences: [{ motif",
    );
}

#[test]
fn reference_codes() {
    case(
        &[("places: 8, anime_par: cip-1", "places: 8, anime_par: cip-2")],
        Code::UnknownReference,
        "ateliers[1].anime_par",
        "cip-2",
    );
    case(
        &[("  - id: s12", "  - id: s11")],
        Code::DuplicateId,
        "salaries[11].id",
        "  - id: s11\n    nom: Loïc F.",
    );
    case(
        &[("inscrits: [s02, s09]", "inscrits: [s02, s02]")],
        Code::DuplicateInscription,
        "formations[0].inscrits[1]",
        "[s02, s02]",
    );
    appended(
        "imposer:\n  - { personne: s01, chantier: halls-a, date: 2027-01-05 }\n",
        Code::DateOutsidePeriod,
        "imposer[0].date",
        "2027-01-05",
    );
}

#[test]
fn coherence_codes() {
    appended(
        "imposer:\n  - { personne: s01, chantier: halls-a, date: 2026-12-01, debut: \"09:00\" }\n",
        Code::ImposedShiftMismatch,
        "imposer[0].debut",
        "debut: \"09:00\"",
    );
    appended(
        "imposer:\n  - { personne: e01, cip: cip-1, date: 2026-12-01 }\n",
        Code::ImposedWrongPerson,
        "imposer[0].personne",
        "personne: e01",
    );
    // s09 at the atelier on the day of her formation, at the same hour.
    let (at_num, moved) = at_num_on_2_december("s09");
    case(
        &[(at_num, &moved)],
        Code::FixedOverlap,
        "ateliers[0].inscrits[0]",
        "id: at-num-1",
    );
    // s05 is in PMSMP on 3 December.
    case(
        &[(
            "places: 8, anime_par: cip-1 }",
            "places: 8, anime_par: cip-1, inscrits: [s05] }",
        )],
        Code::PmsmpConflict,
        "ateliers[1].inscrits[0]",
        "inscrits: [s05]",
    );
    case(
        &[(
            "lieu: regie, places: 6, inscrits",
            "lieu: regie, places: 0, inscrits",
        )],
        Code::AtelierOverbooked,
        "ateliers[0].inscrits",
        "places: 0",
    );
    let solveur = "  solveur: { limite_secondes: 30 }";
    case(
        &[(
            solveur,
            "  solveur: { limite_secondes: 30 }\n  max_en_formation_simultane: 1",
        )],
        Code::FormationCeiling,
        "formations[0].seances[0]",
        "seances: [",
    );
    // s05's PMSMP day counts 26 / 5 = 5.2 h.
    case(
        &[(
            solveur,
            "  solveur: { limite_secondes: 30 }\n  max_heures_jour: 5",
        )],
        Code::PmsmpDayTooLong,
        "salaries[4].pmsmp[0]",
        "Boulangerie Martin",
    );
    // A published plan that is not there, and a GTFS feed that is not there: read relative to
    // the scenario's folder.
    let dir = common::temp_dir();
    for (more, code, path) in [
        (
            "replanification: { plan: absent.json }\n",
            Code::PublishedPlanUnreadable,
            "replanification.plan",
        ),
        (
            "gtfs: { chemin: absent.zip }\n",
            Code::FeedNotFound,
            "gtfs.chemin",
        ),
    ] {
        let text = format!("{}{more}", shipped_text("exemple"));
        let d = match load_in(&text, "variante.yaml", dir.path()) {
            Err(Error::Invalid(d)) => d,
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("{more} accepté"),
        };
        assert_code(&d, code, path, Some(line_of(&text, more.trim_end())));
    }
}

#[test]
fn warning_codes() {
    case(
        &[(
            "heures_hebdo: 35, debut: 2026-05-15",
            "heures_hebdo: 36, debut: 2026-05-15",
        )],
        Code::CddiHours,
        "salaries[3].contrat.heures_hebdo",
        "heures_hebdo: 36",
    );
    case(
        &[("au: 2026-12-04, entreprise", "au: 2027-01-10, entreprise")],
        Code::PmsmpOverMonth,
        "salaries[4].pmsmp[0]",
        "2027-01-10",
    );
    // A contract of 6 days, a PMSMP of 2.
    case(
        &[(
            "cddi_ei, heures_hebdo: 26, debut: 2026-03-01, fin: 2027-02-28",
            "cddi_ei, heures_hebdo: 26, debut: 2026-12-01, fin: 2026-12-06",
        )],
        Code::PmsmpOverQuarter,
        "salaries[4].pmsmp[0]",
        "Boulangerie Martin",
    );
    case(
        &[(
            "fin: 2027-03-31 }\n    domicile: quartier-nord",
            "fin: 2027-03-31 }\n    domicile: organisme-x",
        )],
        Code::Unreachable,
        "salaries[2]",
        "  - id: s03",
    );
    // 20 more salarié·es without référent·e: cip-1 follows 32.
    let more: String = (1..=20)
        .map(|i| {
            format!(
                "  - {{ id: x{i:02}, contrat: {{ type: cddi_aci, heures_hebdo: 26 }}, mobilite: autonome }}\n"
            )
        })
        .collect();
    case(
        &[("\nencadrants:\n", &format!("{more}\nencadrants:\n"))],
        Code::CipCaseload,
        "cips[0]",
        "  - id: cip-1",
    );
    case(
        &[
            (
                "activites: [nettoyage, encombrants]",
                "activites: [nettoyage]",
            ),
            (
                "heures_hebdo: 28, competences: [permis_b] }",
                "heures_hebdo: 28, competences: [permis_b], activites: [nettoyage] }",
            ),
        ],
        Code::Unsupervised,
        "chantiers[2]",
        "  - id: encombrants",
    );
    // s08 is off sick on 2 December.
    let (at_num, moved) = at_num_on_2_december("s08");
    case(
        &[(at_num, &moved)],
        Code::FixedEnrolmentUnavailable,
        "ateliers[0].inscrits[0]",
        "id: at-num-1",
    );
    case(
        &[(
            "{ id: regie, nom: Locaux de la régie }",
            "{ id: regie, nom: Locaux de la régie, gps: [49.18, -0.37] }",
        )],
        Code::StopsWithoutFeed,
        "lieux[0]",
        "gps: [49.18",
    );
}

#[test]
fn a_fixed_item_conflict_is_coded_by_regie_valider() {
    let at_num =
        r#"date: 2026-12-01, de: "14:00", a: "16:00", lieu: regie, places: 6, inscrits: [s03]"#;
    let text = shipped_with(
        "exemple",
        &[(
            at_num,
            r#"date: 2026-12-02, de: "14:00", a: "16:00", lieu: regie, places: 6, inscrits: [s08]"#,
        )],
    );
    let dir = common::temp_dir();
    let file = common::write(dir.path(), "s.yaml", &text);
    let out = common::regie(&["valider", common::arg(&file)]);
    let stdout = common::succeeded(&out);
    let line = line_of(&text, "id: at-num-1");
    let wanted = format!("avertissement[A008]: {}:{line}:", file.display());
    let hit = stdout
        .lines()
        .find(|l| l.starts_with(&wanted))
        .unwrap_or_else(|| panic!("{wanted} absent :\n{stdout}"));
    assert!(hit.contains(": ateliers[0].inscrits[0]: "), "{hit}");
    // The same item's absence warning keeps its own code.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&format!("avertissement[A007]: {}:{line}:", file.display()))),
        "{stdout}"
    );
}

#[test]
fn the_rendered_line_shows_the_code_before_the_place() {
    let text = shipped_with(
        "exemple",
        &[(
            "heures_hebdo: 35, debut: 2026-05-15",
            "heures_hebdo: trente-cinq, debut: 2026-05-15",
        )],
    );
    let e = match load_str(&text, "scenario.yaml") {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepté"),
    };
    let line = line_of(&text, "trente-cinq");
    assert!(
        e.starts_with(&format!(
            "erreur[S003]: scenario.yaml:{line}:32: salaries[3].contrat.heures_hebdo: type incorrect : attendu un nombre, trouvé le texte « trente-cinq »\n"
        )),
        "{e}"
    );
    assert!(e.ends_with("1 erreur(s) : fichier refusé"), "{e}");
}

/// The diagnostics of a variants file `text` (named `v.yaml`), which must be refused.
fn variant_errors(text: &str) -> Vec<Diagnostic> {
    match regie_planner::whatif::variants::load_variants_str(text, "v.yaml") {
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("accepté : {text}"),
    }
}

#[test]
fn variants_codes() {
    // The codes of the scenario where the problem is the same.
    let d = variant_errors("variantes:\n  - nom: a\n    retirer_chantier: [halls-a]\n");
    assert_code(
        &d,
        Code::UnknownKey,
        "variantes[0].retirer_chantier",
        Some(3),
    );
    let d = variant_errors("variantes:\n  - nom: a\n  - nom: a\n");
    assert_code(&d, Code::DuplicateId, "variantes[1].nom", Some(3));
    let d = variant_errors("solveur: { ecart_relatif: 2 }\nvariantes:\n  - nom: a\n");
    assert_code(&d, Code::OutOfRange, "solveur.ecart_relatif", Some(1));
    let d = variant_errors("solveur: { limite_secondes: 1 }\n");
    assert_code(&d, Code::MissingKey, "variantes", Some(1));
    let d = variant_errors("- nom: a\n");
    assert_code(&d, Code::NotAMapping, "", Some(1));
    // Their own: a reserved name, too many hires to try, a profile without target.
    let d = variant_errors("variantes:\n  - nom: base\n");
    assert_code(&d, Code::InvalidName, "variantes[0].nom", Some(2));
    let profils: String = (1..=4)
        .map(|i| {
            format!(
                "        - {{ profil: p{i}, max: 50, contrat: {{ type: cddi_aci, heures_hebdo: 26 }}, mobilite: autonome }}\n"
            )
        })
        .collect();
    let text = format!("variantes:\n  - nom: a\n    recrutement:\n      salaries:\n{profils}");
    let d = variant_errors(&text);
    assert_code(
        &d,
        Code::TooManyCombinations,
        "variantes[0].recrutement",
        Some(3),
    );
    let d = variant_errors(
        "variantes:\n  - nom: a\n    absenteisme:\n      taux: 0.1\n      tirages: 4\n      tampon: { profil: t, max: 1, contrat: { type: cddi_aci, heures_hebdo: 26 }, mobilite: autonome }\n",
    );
    assert_code(
        &d,
        Code::KeyCombination,
        "variantes[0].absenteisme.cible_p90_heures",
        Some(3),
    );
}

/// The diagnostics of importing the sheet `csv` (named `p.csv`) as list `liste` into the
/// example, which must be refused.
fn import_errors(csv: &str, liste: &str) -> Vec<Diagnostic> {
    let sc = common::exemple();
    let f = regie_planner::registre::feuille::lire_csv(csv, "p.csv");
    match regie_planner::importer::importer(&sc, &[(liste.to_owned(), f)]) {
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("accepté : {csv}"),
    }
}

#[test]
fn spreadsheet_codes() {
    let col = |c: &str| format!("feuille « salaries », colonne « {c} »");
    let d = import_errors("id;heures_hebdo\ns01;26\n", "inconnue");
    assert_code(&d, Code::UnknownSheet, "feuille « inconnue »", None);
    let d = import_errors("id;heures_hebdo;couleur\ns01;26;bleu\n", "salaries");
    assert_code(&d, Code::UnknownColumn, &col("couleur"), Some(1));
    let d = import_errors("id;heures_hebdo;heures_hebdo\ns01;26;26\n", "salaries");
    assert_code(&d, Code::DuplicateColumn, &col("heures_hebdo"), Some(1));
    let d = import_errors("nom\nAwa\n", "salaries");
    assert_code(&d, Code::MissingColumn, &col("id"), Some(1));
    let d = import_errors("id;heures_hebdo\n;26\n", "salaries");
    assert_code(&d, Code::EmptyCell, &col("id"), Some(2));
    let d = import_errors("id;heures_hebdo\ns01;vingt\n", "salaries");
    assert_code(&d, Code::BadCell, &col("heures_hebdo"), Some(2));
    let d = import_errors("id;heures_hebdo\ns01;26\ns01;27\n", "salaries");
    assert_code(&d, Code::DuplicateId, &col("id"), Some(3));
}

#[test]
fn plan_codes() {
    let sc = common::exemple();
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/exemple-valide.json"
    ))
    .expect("plan");
    let refused = |text: &str| match regie_planner::check::parse_plan_for(text, "p.json", &sc) {
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("accepté"),
    };
    let other = plan.replacen(
        "\"regie\": \"Régie de quartier du Chemin Vert\"",
        "\"regie\": \"Autre\"",
        1,
    );
    assert_code(&refused(&other), Code::PlanHeaderMismatch, "regie", Some(3));
    // JSON syntax, then the structure codes of the scenario.
    assert_code(
        &refused("{\n  \"format\": ,\n}\n"),
        Code::Syntax,
        "format",
        Some(2),
    );
    // A truncated plan: the line where the file ends, no column 0, no unknown path « ? ».
    let d = refused("{\n");
    assert_eq!(
        d[0].to_string(),
        "erreur[F001]: p.json:2: fin de fichier inattendue (JSON incomplet)"
    );
    let unknown = plan.replacen("\"statut\":", "\"etat\":", 1);
    let d = refused(&unknown);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].code, Code::UnknownKey, "{}", d[0]);
    let wrong = plan.replacen("\"jours\": 5", "\"jours\": \"cinq\"", 1);
    let d = refused(&wrong);
    assert_eq!(
        (d[0].code, d[0].path.as_str()),
        (Code::WrongType, "periode.jours"),
        "{}",
        d[0]
    );
}
