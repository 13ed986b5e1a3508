//! The registre (docs/registre.md): schema and migration, publication and versions, the pointing
//! sheet (CSV and XLSX, every bad cell at once), next week's scenario, the balance from the
//! record, and a process killed in the middle of a write.
//!
//! The small week `PETIT` (2026-12-07 to 12-11) and its hand-built plan, checked like any plan:
//! - Mon and Tue: chantier `halls` 08:00-12:00, crew a and b, encadrant·e e (4 h each).
//! - Wed: a and b at atelier `at1` 09:00-11:00; b sees CIP c1 11:00-11:30, a 12:00-12:30.
//! - b's contract ends on Friday 12-11: next week (from 12-14) leaves b out.

mod common;

use common::{regie_in as regie, scenario, succeeded, text};
use regie_planner::check::{parse_plan, recompute_costs};
use regie_planner::diag::Error;
use regie_planner::format::plan::{Plan, TypeAffectation};
use regie_planner::format::scenario::Scenario;
use regie_planner::format::time::Heure;
use regie_planner::model::Facts;
use regie_planner::model::load::load_str;
use regie_planner::registre::feuille::{self, Cellule};
use regie_planner::registre::{
    Choix, Motif, Pointage, Registre, Semaine, Statut, realise, suivante, verifier_publication,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PETIT: &str = r#"# Une petite semaine pour les tests du registre.
version: 1
regie: { nom: Régie des Tests }
periode: { debut: 2026-12-07, jours: 5 }
lieux: [{ id: regie }, { id: site }]
salaries:
  # Alice reste la semaine suivante.
  - id: a
    nom: Alice Martin
    contrat: { type: cddi_aci, heures_hebdo: 20 }
    cip: c1
    rdv_cip: [{ date: 2026-11-20, minutes: 30 }, { date: 2026-12-01, minutes: 30 }]
    preferences: { eviter: [b] }
  # Bruno finit son contrat vendredi.
  - id: b
    nom: "=Bruno+1"
    contrat: { type: cddi_aci, heures_hebdo: 20, fin: 2026-12-11 }
encadrants:
  - { id: e, nom: Eve Durand, heures_hebdo: 35 }
cips:
  - { id: c1, nom: Carla Roux, lieu: regie }
chantiers:
  - id: halls
    activite: nettoyage
    lieu: site
    vacations:
      - { jours: [lun, mar], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 5 } }
ateliers:
  - { id: at1, theme: numerique, date: 2026-12-09, de: "09:00", a: "11:00", lieu: regie, places: 5, inscrits: [a, b] }
"#;

/// The plan of `PETIT`, costs recomputed, checked.
fn plan(sc: &Scenario) -> Plan {
    let halls = r#""chantier":"halls""#;
    let at = r#""atelier":"at1""#;
    let cip = r#""cip":"c1""#;
    let mut rows = Vec::new();
    for d in ["2026-12-07", "2026-12-08"] {
        for (p, t) in [
            ("e", "encadrement"),
            ("a", "production"),
            ("b", "production"),
        ] {
            rows.push((p, t, halls, d, ("08:00", "12:00"), "site"));
        }
    }
    let wed = "2026-12-09";
    rows.extend([
        ("a", "atelier", at, wed, ("09:00", "11:00"), "regie"),
        ("b", "atelier", at, wed, ("09:00", "11:00"), "regie"),
        ("b", "rdv_cip", cip, wed, ("11:00", "11:30"), "regie"),
        ("a", "rdv_cip", cip, wed, ("12:00", "12:30"), "regie"),
    ]);
    let items: Vec<String> = rows
        .into_iter()
        .map(|(p, t, what, d, h, lieu)| common::item_json(p, t, what, d, h, lieu))
        .collect();
    common::checked_plan(sc, &items, "")
}

fn plan_text(plan: &Plan) -> String {
    serde_json::to_string_pretty(plan).expect("json") + "\n"
}

fn rang(plan: &Plan, personne: &str, t: TypeAffectation, date: &str) -> usize {
    plan.affectations
        .iter()
        .position(|a| a.personne == personne && a.type_ == t && a.date.to_string() == date)
        .unwrap_or_else(|| panic!("{personne} {t:?} {date}"))
}

/// A registre in `dir` with PETIT published once.
fn publie(dir: &Path) -> (PathBuf, Scenario, Plan) {
    let db = dir.join("regie.db");
    let sc = scenario(PETIT);
    let plan = plan(&sc);
    verifier_publication(&sc, "petit.yaml", &plan, "petit.json").expect("publiable");
    let mut reg = Registre::ouvrir(&db, true).expect("registre");
    let p = reg
        .publier(&sc, PETIT, &plan, &plan_text(&plan), None)
        .expect("publier");
    assert_eq!((p.version, p.nouvelle), (1, true));
    (db, sc, plan)
}

fn semaine(db: &Path) -> Semaine {
    Registre::ouvrir(db, false)
        .expect("registre")
        .semaine(None, Choix::Derniere)
        .expect("semaine")
}

fn invalid(e: Error) -> Vec<String> {
    match e {
        Error::Invalid(d) => d.iter().map(|x| x.to_string()).collect(),
        other => panic!("attendu des diagnostics, reçu : {other}"),
    }
}

// ---------------------------------------------------------------- schema and migration

/// Version 1 of the schema, written out here as the first files were (not taken from the code,
/// so that a change of the code cannot hide a file it no longer reads).
const V1: &str = "
CREATE TABLE publications (
    id INTEGER PRIMARY KEY, regie TEXT NOT NULL, debut TEXT NOT NULL, jours INTEGER NOT NULL,
    version INTEGER NOT NULL, publiee_le TEXT NOT NULL, scenario TEXT NOT NULL, plan TEXT NOT NULL,
    UNIQUE (regie, debut, version));
CREATE TABLE pointages (
    publication INTEGER NOT NULL REFERENCES publications(id), rang INTEGER NOT NULL,
    statut TEXT NOT NULL CHECK (statut IN ('fait', 'absent')), motif TEXT, debut_reel TEXT,
    fin_reel TEXT, PRIMARY KEY (publication, rang));
PRAGMA user_version = 1;
";

#[test]
fn a_version_1_file_is_migrated_with_its_weeks_and_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("ancien.db");
    let sc = scenario(PETIT);
    let plan = plan(&sc);
    {
        let c = rusqlite::Connection::open(&db).expect("sqlite");
        c.execute_batch(V1).expect("v1");
        c.execute(
            "INSERT INTO publications VALUES (7, 'Régie des Tests', '2026-12-07', 5, 1, '2026-12-04T10:00:00Z', ?1, ?2)",
            rusqlite::params![PETIT, plan_text(&plan)],
        )
        .expect("publication");
        c.execute(
            "INSERT INTO pointages VALUES (7, 1, 'absent', 'maladie', NULL, NULL)",
            [],
        )
        .expect("pointage");
    }
    let reg = Registre::ouvrir(&db, false).expect("migration");
    assert_eq!(reg.version_schema().expect("version"), 3);
    assert_eq!(reg.integrite().expect("integrity"), "ok");
    // The data step filled one row per item of the stored plan.
    assert_eq!(
        reg.comptes().expect("comptes"),
        (1, plan.affectations.len() as i64, 1)
    );
    let s = reg.semaine(None, Choix::Derniere).expect("semaine");
    assert_eq!((s.id, s.version), (7, 1));
    assert_eq!(
        s.pointages.get(&1),
        Some(&Pointage::absent(Some(Motif::Maladie)))
    );
    drop(reg);
    // Opening again changes nothing.
    let reg = Registre::ouvrir(&db, false).expect("again");
    assert_eq!(
        reg.comptes().expect("comptes").1,
        plan.affectations.len() as i64
    );
}

/// Opening `db` fails with an error that says each of `says`.
#[track_caller]
fn refused(db: &Path, says: &[&str]) {
    let e = match Registre::ouvrir(db, false) {
        Ok(_) => panic!("{db:?} ouvert au lieu d'être refusé"),
        Err(e) => e.to_string(),
    };
    for s in says {
        assert!(e.contains(s), "« {s} » absent de : {e}");
    }
}

#[test]
fn files_that_are_not_this_registre_are_refused_in_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = dir.path().join("futur.db");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99;"))
        .expect("futur");
    refused(&newer, &["version 99", "plus récente"]);

    let other = dir.path().join("autre.db");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE clients (id INTEGER);"))
        .expect("autre");
    refused(&other, &["n'est pas un registre"]);

    let text = dir.path().join("texte.db");
    std::fs::write(&text, "ceci n'est pas une base de données, mais un texte assez long pour que SQLite lise son en-tête et le refuse sans hésiter.").expect("write");
    refused(&text, &["texte.db", "pas une base SQLite"]);

    let missing = dir.path().join("absent.db");
    refused(&missing, &["introuvable", "regie publier"]);
    assert!(!missing.exists(), "reading never creates the file");
}

// ---------------------------------------------------------------- publication and versions

#[test]
fn republishing_keeps_versions_counts_the_current_one_and_carries_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, sc, plan) = publie(dir.path());
    let mut reg = Registre::ouvrir(&db, false).expect("registre");
    let s = reg.semaine(None, Choix::Derniere).expect("semaine");
    let r = rang(&plan, "a", TypeAffectation::RdvCip, "2026-12-09");
    reg.pointer(&s, &[(r, Pointage::fait())], None)
        .expect("pointer");

    // The same texts again: nothing new.
    let p = reg
        .publier(&sc, PETIT, &plan, &plan_text(&plan), None)
        .expect("again");
    assert_eq!((p.version, p.nouvelle), (1, false));

    // A new version of the week: b no longer at the Wednesday atelier.
    let mut plan2 = plan.clone();
    let gone = rang(&plan, "b", TypeAffectation::Atelier, "2026-12-09");
    plan2.affectations.remove(gone);
    // (Costs of the new scenario, where b is no longer enrolled: no conflict.)
    let text2 = PETIT.replace("inscrits: [a, b]", "inscrits: [a]");
    let sc2 = scenario(&text2);
    let facts = Facts::new(&sc2);
    plan2.couts = recompute_costs(&sc2, &facts, &plan2.affectations);
    plan2.cout = plan2.couts.values().sum();
    plan2.ecarts = regie_planner::check::ecarts_recalcules(&sc2, &facts, &plan2);
    verifier_publication(&sc2, "petit2.yaml", &plan2, "petit2.json").expect("v2 publiable");
    let p = reg
        .publier(&sc2, &text2, &plan2, &plan_text(&plan2), None)
        .expect("v2");
    assert_eq!(p.version, 2);
    assert_eq!(p.remplace, Some(1));
    assert_eq!(
        p.pointages_repris, 1,
        "a's rdv is the same item in both versions"
    );
    assert_eq!(
        reg.versions("Régie des Tests", sc.periode.debut)
            .expect("versions"),
        vec![1, 2]
    );
    let weeks = reg.semaines(None).expect("semaines");
    assert_eq!(weeks.len(), 1, "one week, counted once");
    assert_eq!(weeks[0].version, 2);
    let r2 = rang(&plan2, "a", TypeAffectation::RdvCip, "2026-12-09");
    assert_eq!(weeks[0].pointages.get(&r2), Some(&Pointage::fait()));
    assert_eq!(reg.comptes().expect("comptes").0, 2, "version 1 is kept");

    // A week overlapping this one with another start would count days twice.
    let text3 = PETIT.replace("debut: 2026-12-07, jours: 5", "debut: 2026-12-09, jours: 5");
    let sc3 = scenario(&text3);
    let mut plan3 = plan.clone();
    plan3.periode.debut = sc3.periode.debut;
    plan3.affectations.retain(|a| a.date >= sc3.periode.debut);
    let e = reg
        .publier(&sc3, &text3, &plan3, &plan_text(&plan3), None)
        .expect_err("overlap")
        .to_string();
    assert!(e.contains("chevauche"), "{e}");
    assert_eq!(reg.comptes().expect("comptes").0, 2);
}

#[test]
fn a_plan_of_another_week_or_that_breaks_a_rule_is_not_published() {
    let sc = scenario(PETIT);
    let mut plan = plan(&sc);
    plan.periode.debut = chrono::NaiveDate::from_ymd_opt(2026, 12, 14).expect("date");
    let e = verifier_publication(&sc, "petit.yaml", &plan, "p.json")
        .expect_err("period")
        .to_string();
    assert!(
        e.contains("rien n'est publié") && e.contains("2026-12-14"),
        "{e}"
    );

    let mut plan = self::plan(&sc);
    // Alice twice at the same time.
    let mut extra = plan.affectations[1].clone();
    extra.chantier = Some("halls".into());
    extra.type_ = TypeAffectation::Atelier;
    extra.atelier = Some("at1".into());
    extra.chantier = None;
    plan.affectations.push(extra);
    let e = verifier_publication(&sc, "petit.yaml", &plan, "p.json")
        .expect_err("rules")
        .to_string();
    assert!(
        e.contains("regie verifier") && e.contains("rien n'est publié"),
        "{e}"
    );
}

// ---------------------------------------------------------------- the pointing sheet

fn fill(csv: &str, rows: &[(&str, &str, &str, [&str; 4])]) -> String {
    // rows: (personne, type, date, [statut, motif, debut_reel, fin_reel])
    let mut out = String::new();
    for line in csv.split_inclusive("\r\n") {
        let body = line.trim_end_matches("\r\n");
        let mut c: Vec<String> = body.split(';').map(str::to_owned).collect();
        for (p, t, d, v) in rows {
            if c.len() == 12 && c[1] == *p && c[3] == *t && c[0] == *d {
                for (k, x) in v.iter().enumerate() {
                    c[8 + k] = (*x).to_owned();
                }
            }
        }
        out.push_str(&c.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn the_csv_sheet_is_french_neutralises_formulas_and_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, sc, plan) = publie(dir.path());
    let s = semaine(&db);
    let lignes = feuille::lignes(&s, &sc, &plan);
    assert_eq!(lignes.len(), plan.affectations.len());
    let csv = feuille::csv(&lignes);
    assert!(csv.starts_with(
        "\u{feff}date;personne;nom;type;quoi;debut;fin;heures;statut;motif;debut_reel;fin_reel\r\n"
    ));
    assert!(
        csv.contains("2026-12-07;a;Alice Martin;production;halls;08:00;12:00;4;;;;\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(";rdv_cip;c1;11:00;11:30;0,5;"),
        "decimal comma: {csv}"
    );
    assert!(csv.contains(";'=Bruno+1;"), "formula neutralised: {csv}");
    assert_eq!(
        csv,
        feuille::csv(&feuille::lignes(&s, &sc, &plan)),
        "same bytes"
    );

    let rempli = fill(
        &csv,
        &[
            ("a", "production", "2026-12-07", ["fait", "", "08:30", ""]),
            (
                "b",
                "production",
                "2026-12-08",
                ["Absent", "Absence injustifiée", "", ""],
            ),
            ("a", "rdv_cip", "2026-12-09", ["fait", "", "", ""]),
        ],
    );
    let f = feuille::lire_csv(&feuille::decoder(rempli.as_bytes()), "rempli.csv");
    let mut got = feuille::saisies(&f, &s, &plan).expect("saisies");
    got.sort_by_key(|x| x.0);
    let mut want = vec![
        (
            rang(&plan, "a", TypeAffectation::Production, "2026-12-07"),
            Pointage {
                statut: Statut::Fait,
                motif: None,
                debut_reel: Some(Heure(8 * 60 + 30)),
                fin_reel: None,
            },
        ),
        (
            rang(&plan, "b", TypeAffectation::Production, "2026-12-08"),
            Pointage::absent(Some(Motif::AbsenceInjustifiee)),
        ),
        (
            rang(&plan, "a", TypeAffectation::RdvCip, "2026-12-09"),
            Pointage::fait(),
        ),
    ];
    want.sort_by_key(|x| x.0);
    assert_eq!(got, want);

    // Excel's "CSV (séparateur : point-virgule)" is Windows-1252, with French dates.
    let latin: Vec<u8> = "date;personne;type;debut;statut;motif;debut_reel;fin_reel\r\n09/12/2026;b;rdv_cip;11:00;absent;congé;;\r\n"
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    let f = feuille::lire_csv(&feuille::decoder(&latin), "excel.csv");
    let got = feuille::saisies(&f, &s, &plan).expect("cp1252");
    assert_eq!(
        got,
        vec![(
            rang(&plan, "b", TypeAffectation::RdvCip, "2026-12-09"),
            Pointage::absent(Some(Motif::Conge))
        )]
    );
}

#[test]
fn every_bad_cell_is_reported_with_its_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, sc, plan) = publie(dir.path());
    let s = semaine(&db);
    let csv = feuille::csv(&feuille::lignes(&s, &sc, &plan));
    let rempli = fill(
        &csv,
        &[
            ("e", "encadrement", "2026-12-07", ["fini", "", "", ""]),
            ("a", "production", "2026-12-07", ["fait", "maladie", "", ""]),
            (
                "b",
                "production",
                "2026-12-07",
                ["fait", "", "13:00", "12:30"],
            ),
            (
                "e",
                "encadrement",
                "2026-12-08",
                ["absent", "vacances", "", ""],
            ),
            ("a", "production", "2026-12-08", ["absent", "", "08:00", ""]),
            ("b", "production", "2026-12-08", ["fait", "", "8h75", ""]),
            ("a", "atelier", "2026-12-09", ["", "maladie", "", ""]),
        ],
    )
    .replace("2026-12-09;b;'=Bruno+1;rdv_cip", "2026-12-10;b;x;rdv_cip")
    .replace(
        ";rdv_cip;c1;11:00;11:30;0,5;;",
        ";rdv_cip;c1;11:00;11:30;0,5;fait;",
    );
    let f = feuille::lire_csv(&rempli, "rempli.csv");
    let errors = invalid(feuille::saisies(&f, &s, &plan).expect_err("bad cells"));
    let expect = [
        (
            "T006",
            "ligne 2, colonne I (statut): « fini » n'est pas un statut",
        ),
        (
            "T009",
            "ligne 3, colonne J (motif): un motif ne va qu'avec le statut « absent »",
        ),
        (
            "T009",
            "ligne 4, colonne K (debut_reel): l'horaire réel finit (12:30) avant de commencer (13:00)",
        ),
        (
            "T006",
            "ligne 5, colonne J (motif): « vacances » n'est pas un motif",
        ),
        (
            "T009",
            "ligne 6, colonne K (debut_reel): une absence n'a pas d'horaire réel",
        ),
        (
            "T006",
            "ligne 7, colonne K (debut_reel): « 8h75 » n'est pas une heure",
        ),
        ("T005", "ligne 8, colonne I (statut): statut manquant"),
        (
            "T007",
            "ligne 10, colonne B (personne): aucune affectation « rdv_cip » de b le 2026-12-10 à 11:00",
        ),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for (e, (code, x)) in errors.iter().zip(expect) {
        assert!(
            e.starts_with(&format!("erreur[{code}]: rempli.csv: ")) && e.contains(x),
            "{e}\n  attendu : {code} {x}"
        );
    }

    // A sheet without the pointing columns.
    let f = feuille::lire_csv("date;personne;type;debut\r\n", "court.csv");
    let errors = invalid(feuille::saisies(&f, &s, &plan).expect_err("columns"));
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors[0].contains("colonne « statut » absente"),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.starts_with("erreur[T004]: court.csv: ligne 1, ")),
        "{errors:#?}"
    );

    // The same item on two rows, and a row out of the week.
    let fait = fill(
        &csv,
        &[("a", "production", "2026-12-07", ["fait", "", "", ""])],
    );
    let row = fait
        .split("\r\n")
        .find(|l| l.starts_with("2026-12-07;a;") && l.contains(";fait;"))
        .expect("row of a")
        .to_owned();
    let hors = row.replacen("2026-12-07", "2026-12-21", 1);
    let text = format!("{fait}{row}\r\n{hors}\r\n");
    let n = text.trim_end().split("\r\n").count();
    let f = feuille::lire_csv(&text, "double.csv");
    let errors = invalid(feuille::saisies(&f, &s, &plan).expect_err("double"));
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!(
            "erreur[T008]: double.csv: ligne {}, colonne B (personne): même affectation",
            n - 1
        )),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with(&format!(
            "erreur[R004]: double.csv: ligne {n}, colonne A (date): "
        )),
        "{errors:#?}"
    );
}

#[test]
fn the_xlsx_sheet_reads_back_typed_cells_and_is_the_same_file_twice() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, sc, plan) = publie(dir.path());
    let s = semaine(&db);
    let lignes = feuille::lignes(&s, &sc, &plan);
    let a = feuille::xlsx(&lignes, s.debut).expect("xlsx");
    let b = feuille::xlsx(&lignes, s.debut).expect("xlsx");
    assert_eq!(a, b, "no timestamp: same week, same bytes");
    let modele = dir.path().join("modele.xlsx");
    std::fs::write(&modele, &a).expect("write");
    let f = feuille::lire(&modele).expect("read");
    assert_eq!(f.entete, feuille::COLONNES.map(str::to_owned).to_vec());
    assert_eq!(f.lignes.len(), plan.affectations.len());
    assert_eq!(f.lignes[0].1[1], Cellule::Texte("e".into()));
    assert!(feuille::saisies(&f, &s, &plan).expect("empty").is_empty());

    // What Excel makes of a filled sheet: a date cell, time cells.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Pointage").expect("name");
    for (c, h) in feuille::COLONNES.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 12, 7).expect("date");
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    ws.write_datetime_with_format(1, 0, &date, &fmt)
        .expect("date");
    ws.write_string(1, 1, "a").expect("a");
    ws.write_string(1, 3, "production").expect("type");
    ws.write_number(1, 5, 8.0 / 24.0).expect("debut");
    ws.write_string(1, 8, "fait").expect("statut");
    ws.write_number(1, 11, 11.5 / 24.0).expect("fin_reel");
    let rempli = dir.path().join("rempli.xlsx");
    std::fs::write(&rempli, wb.save_to_buffer().expect("save")).expect("write");
    let f = feuille::lire(&rempli).expect("read");
    let got = feuille::saisies(&f, &s, &plan).expect("saisies");
    assert_eq!(
        got,
        vec![(
            rang(&plan, "a", TypeAffectation::Production, "2026-12-07"),
            Pointage {
                statut: Statut::Fait,
                motif: None,
                debut_reel: None,
                fin_reel: Some(Heure(11 * 60 + 30)),
            }
        )]
    );
}

// ---------------------------------------------------------------- next week

#[test]
fn next_week_moves_the_period_carries_rdv_and_leaves_out_ended_contracts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, sc, plan) = publie(dir.path());
    let s = semaine(&db);
    let n = suivante::suivante(PETIT, "petit.yaml", &sc, &s, &plan).expect("suivante");
    assert!(n.commentaires_conserves);
    assert!(n.texte.contains("# Alice reste la semaine suivante."));
    assert!(!n.texte.contains("Bruno"), "{}", n.texte);
    let next = scenario(&n.texte);
    assert_eq!(next.periode.debut.to_string(), "2026-12-14");
    assert_eq!(next.salaries.len(), 1);
    let a = &next.salaries[0];
    assert!(a.preferences.eviter.is_empty());
    assert_eq!(next.ateliers[0].inscrits, vec!["a".to_owned()]);
    // November's entry no longer counts; December's stays; the Wednesday rdv, not pointed yet,
    // is counted and flagged.
    let h: Vec<(String, u32)> = a
        .rdv_cip
        .iter()
        .map(|r| (r.date.to_string(), r.minutes))
        .collect();
    assert_eq!(
        h,
        vec![("2026-12-01".into(), 30), ("2026-12-09".into(), 30)]
    );
    assert!(
        n.messages
            .iter()
            .any(|m| m.contains("rdv CIP de a le 2026-12-09") && m.contains("pas encore pointé")),
        "{:?}",
        n.messages
    );
    assert!(
        n.messages
            .iter()
            .any(|m| m.starts_with("b (=Bruno+1) : contrat terminé le 2026-12-11"))
    );
    // Same inputs, same text.
    let again = suivante::suivante(PETIT, "petit.yaml", &sc, &s, &plan).expect("again");
    assert_eq!(again.texte, n.texte);

    // Pointed absent: not counted; pointed at other times: its real length.
    let mut reg = Registre::ouvrir(&db, false).expect("registre");
    let r = rang(&plan, "a", TypeAffectation::RdvCip, "2026-12-09");
    reg.pointer(&s, &[(r, Pointage::absent(Some(Motif::Maladie)))], None)
        .expect("absent");
    let s = semaine(&db);
    let n = suivante::suivante(PETIT, "petit.yaml", &sc, &s, &plan).expect("absent");
    let h: Vec<String> = scenario(&n.texte).salaries[0]
        .rdv_cip
        .iter()
        .map(|r| r.date.to_string())
        .collect();
    assert_eq!(h, vec!["2026-12-01".to_owned()]);
    let longer = Pointage {
        statut: Statut::Fait,
        motif: None,
        debut_reel: None,
        fin_reel: Some(Heure(12 * 60 + 45)),
    };
    reg.pointer(&s, &[(r, longer)], None).expect("longer");
    let s = semaine(&db);
    let n = suivante::suivante(PETIT, "petit.yaml", &sc, &s, &plan).expect("longer");
    let last = scenario(&n.texte).salaries[0]
        .rdv_cip
        .last()
        .map(|r| r.minutes);
    assert_eq!(last, Some(45));
}

#[test]
fn next_week_rewrites_the_whole_file_when_its_shape_cannot_be_edited_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _, plan) = publie(dir.path());
    let s = semaine(&db);
    let block = PETIT.replace(
        "    rdv_cip: [{ date: 2026-11-20, minutes: 30 }, { date: 2026-12-01, minutes: 30 }]\n",
        "    rdv_cip:\n      - { date: 2026-11-20, minutes: 30 }\n      - { date: 2026-12-01, minutes: 30 }\n",
    );
    assert_ne!(block, PETIT);
    let sc = scenario(&block);
    let n = suivante::suivante(&block, "petit.yaml", &sc, &s, &plan).expect("suivante");
    assert!(!n.commentaires_conserves);
    assert!(
        n.messages
            .iter()
            .any(|m| m.contains("n'ont pas pu être conservés"))
    );
    let next = scenario(&n.texte);
    assert_eq!(next.periode.debut.to_string(), "2026-12-14");
    let h: Vec<String> = next.salaries[0]
        .rdv_cip
        .iter()
        .map(|r| r.date.to_string())
        .collect();
    assert_eq!(h, vec!["2026-12-01".to_owned(), "2026-12-09".to_owned()]);
}

#[test]
fn the_period_moves_on_by_whole_weeks() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    assert_eq!(
        suivante::debut_suivant(d("2026-11-30"), 5),
        Some(d("2026-12-07"))
    );
    assert_eq!(
        suivante::debut_suivant(d("2026-11-30"), 7),
        Some(d("2026-12-07"))
    );
    assert_eq!(
        suivante::debut_suivant(d("2026-11-30"), 14),
        Some(d("2026-12-14"))
    );
    assert_eq!(
        suivante::debut_suivant(d("2026-11-30"), 1),
        Some(d("2026-12-07"))
    );
}

// ---------------------------------------------------------------- the realised plan

#[test]
fn the_realised_plan_drops_absences_and_takes_real_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _, plan) = publie(dir.path());
    let mut reg = Registre::ouvrir(&db, false).expect("registre");
    let s = reg.semaine(None, Choix::Derniere).expect("semaine");
    let absent = rang(&plan, "b", TypeAffectation::Production, "2026-12-07");
    let tard = rang(&plan, "a", TypeAffectation::Production, "2026-12-07");
    let late = Pointage {
        statut: Statut::Fait,
        motif: None,
        debut_reel: Some(Heure(9 * 60)),
        fin_reel: None,
    };
    reg.pointer(&s, &[(absent, Pointage::absent(None)), (tard, late)], None)
        .expect("pointer");
    let lues = realise::lire(reg.semaines(None).expect("semaines"), None).expect("lire");
    assert_eq!(lues.len(), 1);
    let l = &lues[0];
    assert_eq!(l.realise.affectations.len(), plan.affectations.len() - 1);
    let hours = |p: &Plan| p.affectations.iter().map(|a| a.hours()).sum::<f64>();
    assert_eq!(hours(&l.prevu) - hours(&l.realise), 4.0 + 1.0);
    assert_eq!(l.source(), "en partie réalisé");
    let t = realise::tableau_semaines(&lues, None);
    assert_eq!(t.lignes.len(), 1);
    assert_eq!(
        t.cell("semaine", "2026-12-07", "source")
            .and_then(|v| v.texte()),
        Some("en partie réalisé")
    );
    assert_eq!(
        t.cell("semaine", "2026-12-07", "heures_comptees")
            .and_then(|v| v.nombre()),
        Some(hours(&plan) - 5.0)
    );
}

// ---------------------------------------------------------------- killed in the middle

/// The registre as a test compares it: integrity, row counts, versions and records.
fn etat(db: &Path) -> (String, (i64, i64, i64), Vec<u32>, usize) {
    let reg = Registre::ouvrir(db, false).expect("registre");
    let s = reg.semaine(None, Choix::Derniere).expect("semaine");
    (
        reg.integrite().expect("integrity"),
        reg.comptes().expect("comptes"),
        reg.versions(&s.regie, s.debut).expect("versions"),
        s.pointages.len(),
    )
}

/// Runs `regie ARGS` with the test hook, waits until it is inside its transaction, kills it.
fn kill_inside_transaction(dir: &Path, args: &[&str]) {
    let marker = dir.join("dans-la-transaction");
    let _ = std::fs::remove_file(&marker);
    let mut child = Command::new(env!("CARGO_BIN_EXE_regie"))
        .current_dir(dir)
        .args(args)
        .env("REGIE_TEST_PAUSE_TRANSACTION", &marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Bounded wait: 6 000 polls of 10 ms.
    for _ in 0..6000 {
        if marker.exists() {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("regie {args:?} ended ({status}) before its transaction");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        marker.exists(),
        "regie {args:?} never reached its transaction"
    );
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(!status.success());
}

#[test]
fn a_process_killed_inside_its_transaction_leaves_the_registre_as_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _, plan) = publie(dir.path());
    std::fs::write(dir.path().join("petit.yaml"), PETIT).expect("scenario");
    std::fs::write(dir.path().join("v2.yaml"), format!("{PETIT}# version 2\n")).expect("v2");
    std::fs::write(dir.path().join("petit.json"), plan_text(&plan)).expect("plan");
    let before = etat(&db);
    assert_eq!(before.0, "ok");

    kill_inside_transaction(dir.path(), &["publier", "v2.yaml", "petit.json"]);
    assert!(
        dir.path().join("regie.db-journal").exists(),
        "killed with its rollback journal on disk"
    );
    assert_eq!(
        etat(&db),
        before,
        "publier killed: the registre is as before"
    );

    kill_inside_transaction(
        dir.path(),
        &[
            "pointer",
            "--absent",
            "a",
            "--date",
            "2026-12-07",
            "--motif",
            "maladie",
        ],
    );
    assert_eq!(
        etat(&db),
        before,
        "pointer killed: the registre is as before"
    );

    // The same commands, not killed, give the state after.
    let out = regie(dir.path(), &["publier", "v2.yaml", "petit.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = regie(
        dir.path(),
        &["pointer", "--absent", "a", "--date", "2026-12-07"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = etat(&db);
    let n = plan.affectations.len() as i64;
    assert_eq!(after.0, "ok");
    assert_eq!(after.1, (before.1.0 + 1, before.1.1 + n, before.1.2 + 1));
    assert_eq!(after.2, vec![1, 2]);
}

#[test]
fn a_process_killed_at_any_moment_leaves_the_state_before_or_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _, plan) = publie(dir.path());
    std::fs::write(dir.path().join("petit.json"), plan_text(&plan)).expect("plan");
    let n = plan.affectations.len() as i64;
    for (i, delay) in [0u64, 1, 2, 4, 8, 15, 30, 60, 120, 250]
        .into_iter()
        .enumerate()
    {
        let file = format!("v{i}.yaml");
        std::fs::write(dir.path().join(&file), format!("{PETIT}# variante {i}\n")).expect("v");
        let (_, (p0, a0, k0), _, _) = etat(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_regie"))
            .current_dir(dir.path())
            .args(["publier", &file, "petit.json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let (ok, (p, a, k), _, _) = etat(&db);
        assert_eq!(ok, "ok", "delay {delay} ms");
        assert_eq!(k, k0);
        assert!(
            (p, a) == (p0, a0) || (p, a) == (p0 + 1, a0 + n),
            "delay {delay} ms: {p0}/{a0} → {p}/{a}"
        );
    }
}

// ---------------------------------------------------------------- the routine, end to end

fn col(header: &str, name: &str) -> usize {
    header
        .split(';')
        .position(|h| h.trim_start_matches('\u{feff}') == name)
        .unwrap_or_else(|| panic!("{name}"))
}

fn csv_num(table: &str, key_col: &str, key: &str, col_name: &str) -> f64 {
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let k = header.iter().position(|h| *h == key_col).expect("key col");
    let c = header.iter().position(|h| *h == col_name).expect("col");
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r.get(k) == Some(&key))
        .and_then(|r| r.get(c).and_then(|x| x.parse().ok()))
        .unwrap_or_else(|| panic!("{key_col}={key} {col_name}"))
}

#[test]
fn the_weekly_routine_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let exemple = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/exemple.yaml"
    ))
    .expect("exemple");
    std::fs::write(d.join("semaine.yaml"), &exemple).expect("write");
    // `regie ARGS` in `d`, which must succeed: its standard output.
    let ok = |args: &[&str]| succeeded(&regie(d, args));
    // `regie rapport bilan ARGS --csv-international` in `d`: its standard output.
    let bilan =
        |args: &[&str]| ok(&[&["rapport", "bilan"], args, &["--csv-international"]].concat());

    ok(&[
        "planifier",
        "semaine.yaml",
        "-o",
        "plan.json",
        "--effort",
        "2",
        "--threads",
        "1",
    ]);
    let stdout = ok(&["publier", "semaine.yaml", "plan.json"]);
    common::assert_contains(&stdout, "version 1");
    assert!(
        d.join("regie.db").exists(),
        "default registre in the current directory"
    );

    ok(&["pointer", "--modele", "pointage.xlsx"]);
    let xlsx = feuille::lire(&d.join("pointage.xlsx")).expect("xlsx");
    ok(&["pointer", "--modele", "pointage.csv"]);
    let modele = std::fs::read_to_string(d.join("pointage.csv")).expect("csv");
    let mut lines: Vec<String> = modele.split("\r\n").map(str::to_owned).collect();
    assert_eq!(
        xlsx.lignes.len(),
        lines.len() - 2,
        "one row per item in both formats"
    );
    let header = lines[0].clone();
    let (c_date, c_pers, c_type, c_debut, c_heures) = (
        col(&header, "date"),
        col(&header, "personne"),
        col(&header, "type"),
        col(&header, "debut"),
        col(&header, "heures"),
    );
    let (c_statut, c_motif, c_dr) = (
        col(&header, "statut"),
        col(&header, "motif"),
        col(&header, "debut_reel"),
    );
    let cells = |l: &str| l.split(';').map(str::to_owned).collect::<Vec<String>>();
    // One rdv held, one production item 30 min late, one production item absent (other people).
    // The first rdv of December (November's history no longer counts in December's weeks).
    let rdv = lines
        .iter()
        .position(|l| {
            let c = cells(l);
            c.get(c_type).map(String::as_str) == Some("rdv_cip")
                && c[c_date].as_str() >= "2026-12-01"
        })
        .expect("rdv row");
    let p_rdv = cells(&lines[rdv])[c_pers].clone();
    let d_rdv = cells(&lines[rdv])[c_date].clone();
    let prod = |exclude: &[String]| {
        lines.iter().position(|l| {
            let c = cells(l);
            c.get(c_type).map(String::as_str) == Some("production") && !exclude.contains(&c[c_pers])
        })
    };
    let late = prod(std::slice::from_ref(&p_rdv)).expect("production row");
    let p_late = cells(&lines[late])[c_pers].clone();
    let absent = prod(&[p_rdv.clone(), p_late.clone()]).expect("another production row");
    let p_absent = cells(&lines[absent])[c_pers].clone();
    let h_absent: f64 = cells(&lines[absent])[c_heures]
        .replace(',', ".")
        .parse()
        .expect("heures");
    let set = |lines: &mut Vec<String>, i: usize, k: usize, v: &str| {
        let mut c = cells(&lines[i]);
        c[k] = v.to_owned();
        lines[i] = c.join(";");
    };
    set(&mut lines, rdv, c_statut, "fait");
    let debut = cells(&lines[late])[c_debut].clone();
    let (hh, mm) = debut.split_once(':').expect("hh:mm");
    let m: u32 = hh.parse::<u32>().expect("h") * 60 + mm.parse::<u32>().expect("m") + 30;
    set(&mut lines, late, c_statut, "fait");
    set(
        &mut lines,
        late,
        c_dr,
        &format!("{:02}:{:02}", m / 60, m % 60),
    );
    set(&mut lines, absent, c_statut, "absent");
    set(&mut lines, absent, c_motif, "maladie");
    std::fs::write(d.join("rempli.csv"), lines.join("\r\n")).expect("write");

    // A sheet with a bad cell records nothing.
    let mut bad = lines.clone();
    set(&mut bad, rdv, c_statut, "peut-être");
    std::fs::write(d.join("faux.csv"), bad.join("\r\n")).expect("write");
    let out = regie(d, &["pointer", "faux.csv"]);
    assert_eq!(out.status.code(), Some(1));
    common::assert_contains(&text(&out.stderr), "« peut-être » n'est pas un statut");
    assert_eq!(etat(&d.join("regie.db")).3, 0, "nothing recorded");

    let stdout = ok(&["pointer", "rempli.csv"]);
    common::assert_contains(&stdout, "3 affectation(s) pointée(s)");

    // Next week: the held rdv is one more in the history.
    let stdout = ok(&["suivante", "semaine.yaml", "-o", "suivante.yaml"]);
    assert!(
        stdout.contains("pas encore pointé"),
        "unpointed rdv flagged: {stdout}"
    );
    assert!(
        stdout.contains("commentaires et mise en page conservés"),
        "{stdout}"
    );
    let next_text = std::fs::read_to_string(d.join("suivante.yaml")).expect("suivante");
    assert!(next_text.starts_with("# A small but complete scenario"));
    let old = scenario_of(&exemple);
    let next = scenario_of(&next_text);
    assert_eq!(next.periode.debut.to_string(), "2026-12-07");
    let count = |sc: &Scenario, p: &str, date: &str| {
        sc.salaries.iter().find(|s| s.id == p).map_or(0, |s| {
            s.rdv_cip
                .iter()
                .filter(|r| r.date.to_string() == date)
                .count()
        })
    };
    assert_eq!(count(&old, &p_rdv, &d_rdv), 0);
    assert_eq!(count(&next, &p_rdv, &d_rdv), 1, "{p_rdv} {d_rdv}");
    assert_eq!(next.salaries.len(), old.salaries.len());

    // The balance from the registre: the absent item's hours are missing, the late one's half
    // hour too; the plan file's balance has them.
    let stdout = bilan(&["--registre", "--csv", "reel"]);
    assert!(
        stdout.contains("en partie réalisé (3 affectation(s) pointée(s)"),
        "{stdout}"
    );
    bilan(&["plan.json", "--scenario", "semaine.yaml", "--csv", "prevu"]);
    let read = |p: &str| std::fs::read_to_string(d.join(p)).expect(p);
    let (reel, prevu) = (read("reel/salaries.csv"), read("prevu/salaries.csv"));
    let total = |t: &str, p: &str| csv_num(t, "salarie", p, "heures_total");
    assert_eq!(total(&prevu, &p_absent) - total(&reel, &p_absent), h_absent);
    assert_eq!(total(&prevu, &p_late) - total(&reel, &p_late), 0.5);
    assert_eq!(total(&prevu, &p_rdv), total(&reel, &p_rdv));
    let semaines = read("reel/semaines.csv");
    assert_eq!(semaines.lines().count(), 2, "{semaines}");
    assert!(semaines.contains(",2026-11-30,2026-12-04,1,"), "{semaines}");

    // With --mois, the week's line counts the items of that month only.
    bilan(&["--registre", "--mois", "2026-11", "--csv", "novembre"]);
    let novembre = lines
        .iter()
        .filter(|l| l.starts_with("2026-11-30;"))
        .count();
    assert!(novembre > 0);
    assert_eq!(
        csv_num(
            &read("novembre/semaines.csv"),
            "semaine",
            "2026-11-30",
            "affectations"
        ),
        novembre as f64
    );

    // The same week published twice is counted once.
    let out = regie(d, &["publier", "semaine.yaml", "plan.json"]);
    common::assert_contains(&text(&out.stdout), "déjà publiée");
    std::fs::write(d.join("semaine.yaml"), format!("{exemple}# republiée\n")).expect("write");
    let out = regie(d, &["publier", "semaine.yaml", "plan.json"]);
    common::assert_contains(&text(&out.stdout), "version 2");
    common::assert_contains(&text(&out.stdout), "3 pointage(s) repris");
    bilan(&["--registre", "regie.db", "--csv", "reel2"]);
    let semaines = read("reel2/semaines.csv");
    assert_eq!(semaines.lines().count(), 2, "{semaines}");
    assert!(semaines.contains(",2026-11-30,2026-12-04,2,"), "{semaines}");
    assert_eq!(
        read("reel2/salaries.csv"),
        reel,
        "counted once, records carried"
    );
}

fn scenario_of(text: &str) -> Scenario {
    load_str(text, "x.yaml").expect("scenario").scenario
}

#[test]
fn docs_registre_names_the_sheet_columns_motifs_and_balance_columns() {
    let doc = std::fs::read_to_string("docs/registre.md").expect("docs/registre.md");
    let table: String = doc
        .lines()
        .filter(|l| l.starts_with("| `"))
        .collect::<Vec<_>>()
        .join("\n");
    for c in feuille::COLONNES {
        assert!(table.contains(&format!("`{c}`")), "colonne {c}");
    }
    for m in Motif::ALL {
        assert!(
            doc.contains(&format!("`{}`", m.code())),
            "motif {}",
            m.code()
        );
    }
    assert!(doc.contains(&realise::COLONNES_SEMAINES.join(",")));
    let rapports = std::fs::read_to_string("docs/rapports.md").expect("docs/rapports.md");
    assert!(rapports.contains(&realise::COLONNES_SEMAINES.join(",")));
}

// ---------------------------------------------------------------- re-planning

const REPLAN: &str = r#"version: 1
regie: { nom: Régie des Tests }
periode: { debut: 2026-12-07, jours: 5 }
lieux: [{ id: regie }, { id: site }, { id: parc }]
trajets: [{ de: site, a: parc, minutes: 15 }]
salaries:
  - { id: s1, contrat: { type: cddi_aci, heures_hebdo: 35 } }
  - { id: s2, contrat: { type: cddi_aci, heures_hebdo: 26 } }
  - { id: s3, contrat: { type: cddi_aci, heures_hebdo: 26 } }
  - { id: s4, contrat: { type: cddi_aci, heures_hebdo: 20 } }
  - { id: s5, contrat: { type: cddi_aci, heures_hebdo: 20 } }
encadrants:
  - { id: e1, heures_hebdo: 35 }
cips:
  - { id: cip1, lieu: regie, disponibilites: { mar: ["09:00-12:00"], jeu: ["14:00-16:00"] } }
chantiers:
  - id: halls
    activite: nettoyage
    lieu: site
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "03:30", equipe: { min: 3, max: 4 } }
  - id: parc
    activite: espaces_verts
    lieu: parc
    ratio_encadrement: 0
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["13:00"], duree: "03:00", equipe: { min: 1, max: 2 } }
"#;

#[test]
fn replanning_after_an_absence_keeps_monday_and_changes_little() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("semaine.yaml"), REPLAN).expect("write");
    let plan_args = ["--effort", "2", "--threads", "1"];
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(plan_args);
        regie(d, &all)
    };
    // `regie ARGS` in `d`, which must succeed: its standard output.
    let ok = |args: &[&str]| succeeded(&regie(d, args));
    // `regie replanifier semaine2.yaml FROM -o OUT`, the solve's arguments after it; `from` is
    // the published plan (`--plan` or `--registre`) and the frozen day.
    let replanifier = |from: [&str; 4], out: &str| {
        run(&[&["replanifier", "semaine2.yaml"], &from[..], &["-o", out]].concat())
    };
    // Two files of `d` hold the same bytes.
    let same = |a: &str, b: &str| {
        let read = |f: &str| std::fs::read(d.join(f)).expect(f);
        assert!(read(a) == read(b), "{a} and {b} differ");
    };
    succeeded(&run(&["planifier", "semaine.yaml", "-o", "plan.json"]));
    ok(&["publier", "semaine.yaml", "plan.json"]);
    // s1 (full time: Monday alone stays under the cap of a one-day target) is absent from
    // Tuesday: pointed in the registre, and written in the scenario.
    ok(&[
        "pointer",
        "--absent",
        "s1",
        "--date",
        "2026-12-08",
        "--motif",
        "maladie",
    ]);
    let absent = REPLAN.replace(
        "  - { id: s1, contrat: { type: cddi_aci, heures_hebdo: 35 } }",
        "  - { id: s1, contrat: { type: cddi_aci, heures_hebdo: 35 }, absences: [{ du: 2026-12-08, au: 2026-12-11, motif: arrêt maladie }] }",
    );
    std::fs::write(d.join("semaine2.yaml"), &absent).expect("write");
    let publie = ["--plan", "plan.json", "--figer-jusqu-au", "2026-12-07"];
    let stdout = succeeded(&replanifier(publie, "plan2.json"));
    assert!(
        stdout.contains("Changements par rapport au plan publié"),
        "{stdout}"
    );
    assert!(stdout.contains("  s1 : − 2026-12-08"), "{stdout}");

    let read = |name: &str| {
        parse_plan(&std::fs::read_to_string(d.join(name)).expect("plan"), name).expect("plan")
    };
    let (old, new) = (read("plan.json"), read("plan2.json"));
    let monday = |p: &Plan| -> Vec<String> {
        p.affectations
            .iter()
            .filter(|a| a.date.to_string() == "2026-12-07")
            .map(|a| serde_json::to_string(a).expect("json"))
            .collect()
    };
    assert!(!monday(&old).is_empty());
    assert_eq!(monday(&old), monday(&new), "Monday is frozen");
    assert!(
        new.affectations
            .iter()
            .all(|a| a.personne != "s1" || a.date.to_string() == "2026-12-07"),
        "s1 has nothing after Monday"
    );
    // Few changes: s1's items after Monday, and at most as many given to someone else.
    let s1_after = old
        .affectations
        .iter()
        .filter(|a| a.personne == "s1" && a.date.to_string() != "2026-12-07")
        .count();
    assert!(s1_after > 0);
    let changes = new.couts["changement"] / 40.0;
    assert!(changes >= s1_after as f64);
    assert!(
        changes <= 2.0 * s1_after as f64,
        "{changes} changes for {s1_after} items of s1"
    );
    // The checker, told the published plan and the frozen day, accepts it.
    let out = regie(
        d,
        &[
            "verifier",
            "semaine2.yaml",
            "plan2.json",
            "--publie",
            "plan.json",
            "--figer-jusqu-au",
            "2026-12-07",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stdout));
    // Without them the cost differs: the changement term is the re-planning's.
    let out = regie(d, &["verifier", "semaine2.yaml", "plan2.json"]);
    assert!(!out.status.success());

    // The same through the scenario's block: the same plan, byte for byte.
    let block =
        format!("{absent}replanification:\n  plan: plan.json\n  figer_jusqu_au: 2026-12-07\n");
    std::fs::write(d.join("semaine3.yaml"), block).expect("write");
    succeeded(&run(&[
        "planifier",
        "semaine3.yaml",
        "-o",
        "plan3.json",
        "--html",
        "plan3.html",
    ]));
    // The week's page lists who changes what.
    let page = std::fs::read_to_string(d.join("plan3.html")).expect("html");
    assert!(
        page.contains("Changements par rapport au plan publié"),
        "{page}"
    );
    assert!(page.contains("− mar. 08/12 production"), "{page}");
    same("plan2.json", "plan3.json");
    let out = regie(d, &["verifier", "semaine3.yaml", "plan3.json"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    // The published plan taken from the registre: the same plan again.
    let registre = ["--registre", "regie.db", "--figer-jusqu-au", "2026-12-07"];
    succeeded(&replanifier(registre, "plan4.json"));
    same("plan2.json", "plan4.json");
    // The block's plan is read relative to the scenario's folder.
    std::fs::create_dir(d.join("sem")).expect("mkdir");
    std::fs::write(
        d.join("sem/semaine5.yaml"),
        format!("{absent}replanification:\n  plan: ../plan.json\n  figer_jusqu_au: 2026-12-07\n"),
    )
    .expect("write");
    succeeded(&run(&[
        "planifier",
        "sem/semaine5.yaml",
        "-o",
        "plan5.json",
    ]));
    same("plan2.json", "plan5.json");
    // Published as the week's new version, and pointed: the registre keeps the week's plan,
    // its scenario is read back without the block. (From now on, the registre's plan of the
    // week is this one.)
    let stdout = ok(&["publier", "sem/semaine5.yaml", "plan5.json"]);
    common::assert_contains(&stdout, "version 2");
    ok(&["pointer", "--modele", "pointage.csv"]);

    // A frozen day outside the period is refused before anything is solved.
    let out = replanifier(
        ["--plan", "plan.json", "--figer-jusqu-au", "2026-12-20"],
        "refuse.json",
    );
    assert_eq!(out.status.code(), Some(1));
    common::assert_contains(&text(&out.stderr), "hors de la période");
    assert!(!d.join("refuse.json").exists());
    // Next week: the re-planning block and the dated entries of rule 13 stay behind, the
    // undated ones carry over, the comments stay.
    let with_13 = format!(
        "{}# Décisions de la coordination\nimposer:\n  - {{ personne: s2, chantier: halls, date: 2026-12-09 }}\ninterdire:\n  - {{ personne: s3, chantier: parc }}\n  - {{ personne: s4, date: 2026-12-10 }}\n",
        std::fs::read_to_string(d.join("semaine3.yaml")).expect("semaine3")
    );
    std::fs::write(d.join("semaine4.yaml"), &with_13).expect("write");
    let out = regie(d, &["suivante", "semaine4.yaml", "-o", "suivante.yaml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout) + &text(&out.stderr);
    assert!(
        stdout.contains("bloc « replanification » retiré"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 entrée(s) « imposer » ou « interdire »"),
        "{stdout}"
    );
    let next = std::fs::read_to_string(d.join("suivante.yaml")).expect("suivante");
    assert!(
        !next.contains("replanification") && !next.contains("imposer"),
        "{next}"
    );
    assert!(next.contains("# Décisions de la coordination"), "{next}");
    assert!(
        next.contains("  - { personne: s3, chantier: parc }"),
        "{next}"
    );
    assert!(!next.contains("s4, date"), "{next}");
    ok(&["valider", "suivante.yaml"]);

    // The published plan is an input: -o may not overwrite it.
    let out = run(&["planifier", "semaine3.yaml", "-o", "plan.json"]);
    assert_eq!(out.status.code(), Some(1));
    common::assert_contains(&text(&out.stderr), "n'écrase jamais une entrée");
}
