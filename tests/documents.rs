//! Documents people act on (issue 11): the shortfall list recomputed from the plan, ranked, with
//! causes in names and French dates; pseudonymisation without leaks; typed XLSX cells; the
//! funder's balance; the wall plan.
//!
//! `DEUX` (week 2026-W50, Mon 12-07 to Fri 12-11) has two chantiers on Monday and Tuesday
//! mornings, 08:00-12:00, both supervised by the only encadrante, Eve Durand:
//! - `halls` « Halls Bailleur », a marché public (priorité 2), crew 2-5;
//! - `encombrants` « Collecte des encombrants », priorité 1, crew 1-2.
//!
//! The hand-built plan `deux_plan`: Monday, Eve and both salarié·es on the halls; Tuesday,
//! nobody anywhere. By hand (default weights: production 100, heures sous contrat 20):
//! - Tue halls: 2 missing × 4 h × priorité 2 × 100 = 1 600;
//! - Mon encombrants, Tue encombrants: 1 × 4 h × 100 = 400 each;
//! - Alice and Bruno: 20 h target, 4 h planned: 16 h × 20 = 320 each;
//! - Alice's rdv CIP (1 a month, not due before the 11th of December: `floor(1 × 11 / 31)` = 0):
//!   information, not a shortfall.

mod common;

use common::{semaine_of, sheet_names, sheets, texts_of};

use calamine::Data;
use regie_planner::check::check_plan;
use regie_planner::format::plan::{Plan, TypeEcart};
use regie_planner::format::scenario::Scenario;
use regie_planner::model::Facts;
use regie_planner::model::load::load_str;
use regie_planner::report::ecarts::recalculer;
use regie_planner::report::{Noms, semaine};

const DEUX: &str = r#"
version: 1
regie: { nom: Régie des Tests }
periode: { debut: 2026-12-07, jours: 5 }
reglages: { rdv_cip: { min_par_mois: 1 } }
lieux: [{ id: regie }, { id: site }]
salaries:
  - { id: a, nom: Alice Martin, contrat: { type: cddi_aci, heures_hebdo: 20 }, cip: c1 }
  - { id: b, nom: Bruno Petit, contrat: { type: cddi_ei, heures_hebdo: 20 }, cip: c1,
      rdv_cip: [{ date: 2026-12-01, minutes: 60 }] }
encadrants:
  - { id: e, nom: Eve Durand, heures_hebdo: 35 }
cips:
  - { id: c1, nom: Carla Roux, lieu: regie }
chantiers:
  - id: halls
    nom: Halls Bailleur
    client: Bailleur X
    activite: nettoyage
    lieu: site
    priorite: 2
    vacations:
      - { jours: [lun, mar], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 5 } }
  - id: encombrants
    nom: Collecte des encombrants
    client: Ville
    activite: collecte
    conventionnement: ei
    lieu: site
    vacations:
      - { jours: [lun, mar], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 2 } }
"#;

fn deux() -> Scenario {
    load_str(DEUX, "deux.yaml").expect("deux.yaml").scenario
}

/// A plan of `sc` from its items (JSON objects), costs recomputed, checked by the checker. Its
/// list `ecarts` is the one given, stale on purpose in some tests (the reports recompute it):
/// the checker's lines about that list are the only ones allowed.
fn plan_of(sc: &Scenario, items: &[String], ecarts: &str) -> Plan {
    common::checked_plan(sc, items, ecarts)
}

fn item(p: &str, t: &str, ch: &str, d: &str, de: &str, a: &str) -> String {
    let key = if t == "rdv_cip" { "cip" } else { "chantier" };
    let lieu = if t == "rdv_cip" { "regie" } else { "site" };
    format!(
        r#"{{"personne":"{p}","type":"{t}","{key}":"{ch}","date":"{d}","debut":"{de}","fin":"{a}","lieu":"{lieu}"}}"#
    )
}

fn deux_plan(sc: &Scenario) -> Plan {
    plan_of(
        sc,
        &[
            item("e", "encadrement", "halls", "2026-12-07", "08:00", "12:00"),
            item("a", "production", "halls", "2026-12-07", "08:00", "12:00"),
            item("b", "production", "halls", "2026-12-07", "08:00", "12:00"),
        ],
        // A stale line, as in a hand-edited plan: never shown.
        r#"{"type":"production","chantier":"halls","date":"2026-12-07","debut":"08:00","manque":2,"raison":"ligne périmée"}"#,
    )
}

#[test]
fn shortfalls_are_recomputed_ranked_and_explained_in_names() {
    let sc = deux();
    let plan = deux_plan(&sc);
    let facts = Facts::new(&sc);
    let e = recalculer(&sc, &facts, &plan, &Noms::new(&sc, false));
    let lignes: Vec<(&str, &str, &str, f64)> = e
        .ecarts
        .iter()
        .map(|l| {
            (
                l.libelle.as_str(),
                l.quoi.as_str(),
                l.quand.as_str(),
                l.poids,
            )
        })
        .collect();
    assert_eq!(
        lignes,
        [
            (
                "Production",
                "Halls Bailleur",
                "mardi 8 décembre, 08:00",
                1600.0
            ),
            (
                "Production",
                "Collecte des encombrants",
                "lundi 7 décembre, 08:00",
                400.0
            ),
            (
                "Production",
                "Collecte des encombrants",
                "mardi 8 décembre, 08:00",
                400.0
            ),
            (
                "Heures sous le contrat",
                "Alice Martin",
                "semaine du 7 décembre",
                320.0
            ),
            (
                "Heures sous le contrat",
                "Bruno Petit",
                "semaine du 7 décembre",
                320.0
            ),
        ]
    );
    // The stale line of the file is not shown.
    assert!(e.ecarts.iter().all(|l| l.cause != "ligne périmée"));
    // Monday's collecte: the binding cause is the encadrante, named, and where she is.
    let lundi = &e.ecarts[1];
    assert!(
        lundi.cause.contains("Eve Durand") && lundi.cause.contains("sur « Halls Bailleur »"),
        "{}",
        lundi.cause
    );
    assert_eq!(lundi.manque, "1 personne, 4 h");
    // Alice's rdv of December is not due yet: information only; Bruno had his in history.
    assert_eq!(e.informations.len(), 1);
    assert_eq!(e.informations[0].libelle, "Rendez-vous CIP");
    assert_eq!(e.informations[0].quoi, "Alice Martin");
    assert_eq!(e.informations[0].quand, "décembre 2026");
    // No id, no code name, no ISO week anywhere.
    for l in e.ecarts.iter().chain(&e.informations) {
        let all = format!(
            "{} {} {} {} {}",
            l.libelle, l.quoi, l.quand, l.manque, l.cause
        );
        for bad in [
            "RdvCip", "W50", "2026-12", " a ", " b ", "rdv_cip", "halls ",
        ] {
            assert!(!all.contains(bad), "« {bad} » dans « {all} »");
        }
    }
}

/// The same people, pseudonymised: the causes name nobody; the pseudonyms follow the
/// scenario's order.
#[test]
fn pseudonymised_shortfalls_leak_no_name() {
    let sc = deux();
    let plan = deux_plan(&sc);
    let facts = Facts::new(&sc);
    let noms = Noms::new(&sc, true);
    assert_eq!(noms.of("a"), "S-001");
    assert_eq!(noms.of("b"), "S-002");
    assert_eq!(noms.of("e"), "E-001");
    assert_eq!(noms.of("c1"), "C-001");
    let e = recalculer(&sc, &facts, &plan, &noms);
    let all: String = e
        .ecarts
        .iter()
        .chain(&e.informations)
        .map(|l| format!("{} {} {} {}\n", l.quoi, l.quand, l.manque, l.cause))
        .collect();
    assert!(all.contains("E-001 est sur « Halls Bailleur »"), "{all}");
    for n in [
        "Alice", "Martin", "Bruno", "Petit", "Eve", "Durand", "Carla", "Roux",
    ] {
        assert!(!all.contains(n), "« {n} » dans {all}");
    }
}

/// A conflict line comes from the plan file (it cannot be recomputed from the items): its text is
/// rewritten through the pseudonyms, whole words only.
#[test]
fn conflict_text_is_pseudonymised_word_by_word() {
    let sc = deux();
    let noms = Noms::new(&sc, true);
    assert_eq!(
        noms.texte("Alice Martin (a) et b ne peuvent pas : e a dit non à c1."),
        "S-001 (S-001) et S-002 ne peuvent pas : E-001 S-001 dit non à C-001."
    );
    assert_eq!(Noms::new(&sc, false).texte("a et b"), "a et b");
}

/// The weekly report shows the recomputed list (not the file's), and its XLSX has typed cells.
#[test]
fn weekly_report_shows_the_recomputed_list_with_typed_cells() {
    let sc = deux();
    let plan = deux_plan(&sc);
    let s = semaine_of(&sc, &plan, false);
    let html = semaine::html(&s);
    assert!(html.contains("Écarts (5)"), "{html}");
    assert!(html.contains("À savoir (1)"));
    assert!(!html.contains("ligne périmée"));
    let wb = sheets(semaine::xlsx(&s).expect("xlsx"));
    let ecarts = &wb.iter().find(|(n, _)| n == "Écarts").expect("Écarts").1;
    assert_eq!(ecarts.len(), 6);
    assert_eq!(ecarts[1][0], Data::String("Production".into()));
    assert_eq!(ecarts[1][1], Data::String("Halls Bailleur".into()));
    // 2026-12-08 as a date (Excel serial 46364), 08:00 as a time (1/3 of a day), 8 h a number.
    assert!(
        matches!(&ecarts[1][3], Data::DateTime(d) if (d.as_f64() - 46364.0).abs() < 1e-9),
        "{:?}",
        ecarts[1][3]
    );
    assert!(
        matches!(&ecarts[1][4], Data::DateTime(d) if (d.as_f64() - 1.0 / 3.0).abs() < 1e-9),
        "{:?}",
        ecarts[1][4]
    );
    assert_eq!(ecarts[1][6], Data::Float(8.0));
    let info = &wb
        .iter()
        .find(|(n, _)| n == "À savoir")
        .expect("À savoir")
        .1;
    assert_eq!(info.len(), 2);
}

/// `TypeEcart` lines of a plan from the planner and the recomputed list agree (one line per
/// requirement term; rdv retard and restant of a month make one line).
#[test]
fn recomputed_list_matches_the_planners_lines() {
    let sc = deux();
    let facts = Facts::new(&sc);
    let mut opts = regie_planner::kernel::Options::from_reglages(&sc.reglages.solveur);
    opts.threads = 1;
    opts.effort = Some(2);
    let plan = regie_planner::kernel::plan(&sc, &facts, &opts).plan;
    assert!(check_plan(&sc, &facts, &plan).ok());
    let e = recalculer(&sc, &facts, &plan, &Noms::new(&sc, false));
    assert_eq!(e.ecarts.len() + e.informations.len(), plan.ecarts.len());
    let count = |t: TypeEcart| plan.ecarts.iter().filter(|x| x.type_ == t).count();
    let ours = |t: TypeEcart| {
        e.ecarts
            .iter()
            .chain(&e.informations)
            .filter(|x| x.type_ == t)
            .count()
    };
    for t in [TypeEcart::Production, TypeEcart::RdvCip, TypeEcart::Heures] {
        assert_eq!(count(t), ours(t), "{t:?}");
    }
}

/// `exemple.yaml` planned at effort 2 (deterministic), checked.
fn exemple() -> (Scenario, Plan) {
    let (sc, plan) = exemple_at(2);
    assert!(check_plan(&sc, &Facts::new(&sc), &plan).ok());
    (sc, plan)
}

/// `exemple.yaml` planned on one thread at effort `effort` (deterministic).
fn exemple_at(effort: u32) -> (Scenario, Plan) {
    let sc =
        regie_planner::model::load::load_scenario(std::path::Path::new("scenarios/exemple.yaml"))
            .expect("exemple")
            .scenario;
    let facts = Facts::new(&sc);
    let mut opts = regie_planner::kernel::Options::from_reglages(&sc.reglages.solveur);
    opts.threads = 1;
    opts.effort = Some(effort);
    let plan = regie_planner::kernel::plan(&sc, &facts, &opts).plan;
    (sc, plan)
}

/// The balance of one plan, over its whole period.
fn balance_of(
    sc: &Scenario,
    plan: &Plan,
    pseudonymiser: bool,
) -> regie_planner::report::bilan::Bilan {
    use regie_planner::report::bilan;
    bilan::bilan(
        &[bilan::Entree { scenario: sc, plan }],
        &bilan::Options {
            mois: None,
            pseudonymiser,
        },
    )
}

/// Every text of every pseudonymised output (weekly HTML and XLSX, balance HTML, CSV and XLSX)
/// holds no name and no id of any person of the scenario.
#[test]
fn pseudonymised_outputs_hold_no_name_and_no_id() {
    let (sc, plan) = exemple();
    let s = semaine_of(&sc, &plan, true);
    let b = balance_of(&sc, &plan, true);
    let all = texts_of(&s, &b).join("\n");
    let secrets = secrets_of(&sc);
    assert!(secrets.len() > 30);
    for x in &secrets {
        assert!(
            !all.contains(x.as_str()),
            "« {x} » dans une sortie pseudonymisée"
        );
    }
    assert!(all.contains("S-001") && all.contains("E-001") && all.contains("C-001"));
}

/// The XML of every worksheet of a workbook, by sheet file (`xl/worksheets/sheet1.xml`...), and
/// the workbook's XML (defined names: the repeated header rows).
fn sheet_xml(bytes: &[u8]) -> (Vec<String>, String) {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut sheets = Vec::new();
    let mut workbook = String::new();
    let mut names: Vec<String> = (0..z.len())
        .map(|i| {
            z.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    names.sort();
    for n in names {
        let mut text = String::new();
        z.by_name(&n)
            .expect("entry")
            .read_to_string(&mut text)
            .expect("xml");
        if n.starts_with("xl/worksheets/sheet") {
            sheets.push(text);
        } else if n == "xl/workbook.xml" {
            workbook = text;
        }
    }
    (sheets, workbook)
}

/// Every sheet of the weekly workbook: one page wide, header row frozen and repeated on every
/// printed page, a filter; the régie and the date of issue in the page header. The
/// `Affectations` sheet names chantiers and lieux, with typed date, time and hours cells.
#[test]
fn weekly_workbook_prints_one_page_wide_with_names() {
    let (sc, plan) = exemple();
    let s = semaine_of(&sc, &plan, false)
        .avec_edition(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    let bytes = semaine::xlsx(&s).expect("xlsx");
    let (xml, workbook) = sheet_xml(&bytes);
    assert_eq!(xml.len(), 7);
    for x in &xml {
        assert!(
            x.contains(r#"fitToWidth="1""#) || x.contains("fitToPage"),
            "{x}"
        );
        assert!(x.contains(r#"fitToHeight="0""#), "{x}");
        assert!(x.contains(r#"state="frozen""#));
        assert!(x.contains("<autoFilter"));
        assert!(x.contains("Régie de quartier du Chemin Vert"));
        assert!(x.contains("Édité le 27 novembre 2026"));
    }
    assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), 7);

    let wb = sheets(bytes);
    let aff = &wb
        .iter()
        .find(|(n, _)| n == "Affectations")
        .expect("sheet")
        .1;
    let ch = sc
        .chantiers
        .iter()
        .find(|c| c.id == "encombrants")
        .expect("encombrants");
    let nom = ch.nom.clone().expect("nom");
    let lieu = sc
        .lieux
        .iter()
        .find(|l| l.id == ch.lieu)
        .and_then(|l| l.nom.clone())
        .expect("lieu");
    let row = aff
        .iter()
        .find(|r| r[7] == Data::String(nom.clone()))
        .expect("an item on the encombrants");
    assert_eq!(row[8], Data::String(lieu));
    assert!(matches!(row[0], Data::DateTime(_)), "{:?}", row[0]);
    assert!(matches!(row[1], Data::DateTime(_)), "{:?}", row[1]);
    assert!(matches!(row[3], Data::Float(_)), "{:?}", row[3]);
    // No id in Quoi / Lieu.
    for r in aff.iter().skip(1) {
        for c in [7, 8] {
            let t = r[c].to_string();
            assert!(
                sc.chantiers.iter().all(|x| x.id != t) && sc.lieux.iter().all(|x| x.id != t),
                "identifiant « {t} »"
            );
        }
    }
}

/// The balance of `deux_plan` by hand (Mon: Alice (CDDI ACI) and Bruno (CDDI EI) 4 h each on the
/// halls (ACI), Eve 4 h of encadrement; nothing else):
/// - régie: 2 salarié·es, production 8 h, accompaniment 0, demanded halls 2 × 2 × 4 = 16 +
///   encombrants 2 × 1 × 4 = 8, i.e. 24 h; delivered 8 h; short 16 h; insertion 8 h; encadrement
///   technique 4 h (ETP 4 / 35 = 0,11); accompagnement socio-professionnel 0;
/// - ACI: halls, demanded 16, delivered 8, short 8, insertion 8, encadrement 4; 1 salariée (Alice);
///   EI: encombrants, demanded 8, delivered 0, short 8; 1 salarié (Bruno);
/// - monthly hours: Alice 4 (CDDI ACI), Bruno 4 (CDDI EI), December 2026.
#[test]
fn balance_totals_split_and_monthly_hours_by_hand() {
    use regie_planner::report::bilan::{self, Valeur};
    let sc = deux();
    let plan = deux_plan(&sc);
    let b = bilan::bilan(
        &[bilan::Entree {
            scenario: &sc,
            plan: &plan,
        }],
        &bilan::Options {
            mois: None,
            pseudonymiser: false,
        },
    );
    let num = |t: &str, key: &str, value: &str, col: &str| {
        b.tableau(t)
            .and_then(|t| t.cell(key, value, col))
            .and_then(Valeur::nombre)
            .unwrap_or_else(|| panic!("{t} {value} {col}"))
    };
    let r = "Régie des Tests";
    for (col, v) in [
        ("salaries", 2.0),
        ("heures_production", 8.0),
        ("heures_accompagnement", 0.0),
        ("heures_demandees", 24.0),
        ("heures_livrees", 8.0),
        ("heures_manquantes", 16.0),
        ("heures_insertion", 8.0),
        ("encadrement_technique", 4.0),
        ("etp_encadrement_technique", 0.11),
        ("accompagnement_socio_professionnel", 0.0),
    ] {
        assert_eq!(num("regie", "regie", r, col), v, "{col}");
    }
    for (kind, col, v) in [
        ("ACI", "chantiers", 1.0),
        ("ACI", "heures_demandees", 16.0),
        ("ACI", "heures_livrees", 8.0),
        ("ACI", "heures_manquantes", 8.0),
        ("ACI", "heures_insertion", 8.0),
        ("ACI", "heures_encadrement", 4.0),
        ("ACI", "salaries", 1.0),
        ("EI", "chantiers", 1.0),
        ("EI", "heures_demandees", 8.0),
        ("EI", "heures_livrees", 0.0),
        ("EI", "heures_manquantes", 8.0),
        ("EI", "salaries", 1.0),
    ] {
        assert_eq!(
            num("conventionnement", "conventionnement", kind, col),
            v,
            "{kind} {col}"
        );
    }
    let m = b.tableau("heures_mensuelles").expect("heures_mensuelles");
    assert_eq!(m.lignes.len(), 2);
    assert_eq!(num("heures_mensuelles", "salarie", "a", "heures"), 4.0);
    assert_eq!(
        m.cell("salarie", "b", "contrat").and_then(Valeur::texte),
        Some("CDDI EI")
    );
    assert_eq!(
        m.cell("salarie", "a", "mois").and_then(Valeur::texte),
        Some("2026-12")
    );

    // The CSV a French spreadsheet opens: BOM, `;`, decimal comma, French headers.
    let csv = bilan::csv_francais(b.tableau("regie").expect("regie"));
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    let head: Vec<&str> = lines[0].split(';').collect();
    let row: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(head.len(), row.len());
    let at = |h: &str| row[head.iter().position(|x| *x == h).expect(h)];
    assert_eq!(at("Régie"), "Régie des Tests");
    assert_eq!(at("Heures manquantes"), "16");
    assert_eq!(at("ETP encadrement technique"), "0,11");

    // The workbook: French sheet names and headers, numbers as numbers.
    let wb = sheets(bilan::xlsx(&b).expect("xlsx"));
    assert_eq!(
        sheet_names(&wb),
        [
            "Régie",
            "ACI et EI",
            "Salarié·es",
            "Rendez-vous CIP",
            "Chantiers",
            "Clients",
            "CIP",
            "Activités",
            "Heures mensuelles (EMI)"
        ]
    );
    for (_, rows) in &wb {
        for h in &rows[0] {
            let h = h.to_string();
            assert!(!h.contains('_'), "en-tête « {h} »");
        }
    }
    let regie = &wb[0].1;
    assert_eq!(regie[1][2], Data::Float(8.0));
}

/// `--mois` outside the plans: a French error, and no file written.
#[test]
fn balance_of_a_month_outside_the_plans_is_refused() {
    let sc_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/exemple.yaml");
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, plan) = exemple_at(1);
    let p = dir.path().join("plan.json");
    std::fs::write(&p, serde_json::to_string(&plan).expect("json")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_regie"))
        .args(["rapport", "bilan"])
        .arg(&p)
        .arg("--scenario")
        .arg(&sc_path)
        .args(["--mois", "2027-03", "--csv"])
        .arg(dir.path().join("bilan"))
        .output()
        .expect("regie");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("aucun jour des plans n'est en mars 2027")
            && err.contains("du 30/11/2026 au 04/12/2026"),
        "{err}"
    );
    assert!(!dir.path().join("bilan").exists());
}

/// `MUR` (week 2026-W52, Mon 12-21 to Fri 12-25, Christmas a holiday): Alice (12 h, by coach
/// from the hamlet: Car 7 at 07:10, on site 07:40; back at 12:15, home 12:45) ill on Wednesday
/// and at a medical appointment Thursday afternoon; Bruno (35 h) on a PMSMP on Tuesday and on
/// leave Wednesday and Thursday; Eve, encadrante, 35 h.
const MUR: &str = r#"
version: 1
regie: { nom: Régie du Mur }
periode: { debut: 2026-12-21, jours: 5, feries: [2026-12-25] }
reglages: { heures_complementaires_max: 0.2 }
lieux:
  - { id: site, nom: Résidence Les Tilleuls }
  - { id: hameau, nom: Le Hameau }
transports:
  - id: l7
    nom: Car 7
    courses:
      - { jours: [lun, mar, mer, jeu, ven], passages: [[hameau, "07:10"], [site, "07:40"]] }
      - { jours: [lun, mar, mer, jeu, ven], passages: [[site, "12:15"], [hameau, "12:45"]] }
salaries:
  - id: a
    nom: Alice Martin
    contrat: { type: cddi_aci, heures_hebdo: 12 }
    domicile: hameau
    mobilite: transports
    absences:
      - { date: 2026-12-23, motif: arrêt maladie }
      - { date: 2026-12-24, de: "14:00", a: "17:00", motif: rendez-vous médical }
  - id: b
    nom: Bruno Petit
    contrat: { type: cddi_aci, heures_hebdo: 35 }
    absences: [{ du: 2026-12-23, au: 2026-12-24, motif: congé }]
    pmsmp: [{ du: 2026-12-22, au: 2026-12-22, entreprise: Boulangerie Dupain }]
encadrants:
  - { id: e, nom: Eve Durand, heures_hebdo: 35 }
chantiers:
  - id: halls
    nom: Halls Tilleuls
    activite: nettoyage
    lieu: site
    vacations:
      - { jours: [lun, mar], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 5 } }
"#;

fn mur() -> (Scenario, Plan) {
    let sc = load_str(MUR, "mur.yaml").expect("mur.yaml").scenario;
    let plan = plan_of(
        &sc,
        &[
            item("e", "encadrement", "halls", "2026-12-21", "08:00", "12:00"),
            item("a", "production", "halls", "2026-12-21", "08:00", "12:00"),
            item("b", "production", "halls", "2026-12-21", "08:00", "12:00"),
            r#"{"personne":"b","type":"pmsmp","date":"2026-12-22","heures":7}"#.to_owned(),
            item("e", "encadrement", "halls", "2026-12-22", "08:00", "12:00"),
            item("a", "production", "halls", "2026-12-22", "08:00", "12:00"),
        ],
        "",
    );
    (sc, plan)
}

/// The wall: page 1 is the overview, every day of every person named (holiday, leave, absence
/// without its reason, PMSMP, free); then one sheet per person with where to be, the coach to
/// take and when, the reason of their own absences; an encadrante's unplanned hours are
/// available time, not a shortfall; a part-time contract's extra hours are complémentaires.
#[test]
fn wall_plan_overview_then_one_sheet_per_person() {
    let (sc, plan) = mur();
    let s = semaine_of(&sc, &plan, false)
        .avec_edition(chrono::NaiveDate::from_ymd_opt(2026, 12, 18).expect("date"));
    let row = |nom: &str| -> Vec<String> {
        s.vue
            .iter()
            .find(|l| l.nom == nom)
            .expect(nom)
            .jours
            .iter()
            .map(|c| c.lignes.join(" · "))
            .collect()
    };
    // Chantiers by their code (A: Halls Tilleuls, in the legend under the overview).
    assert_eq!(
        row("Alice Martin"),
        ["A 08:00", "A 08:00", "Absent·e", "Libre", "Férié"]
    );
    assert_eq!(
        row("Bruno Petit"),
        ["A 08:00", "PMSMP", "Congé", "Congé", "Férié"]
    );
    assert_eq!(
        row("Eve Durand"),
        ["A 08:00", "A 08:00", "Libre", "Libre", "Férié"]
    );

    let html = semaine::html(&s);
    // Page 1: the title and the overview, before anything else.
    let vue = html.find("Vue d'ensemble").expect("overview");
    for later in ["Écarts (", "<h2 id=\"chantiers\"", "class=\"fiche\""] {
        assert!(html.find(later).expect(later) > vue, "{later}");
    }
    let overview = &html[vue..html.find("</section>").expect("end of overview")];
    assert!(overview.contains("<b>A</b> Halls Tilleuls"));
    assert!(!overview.contains("maladie") && !overview.contains("médical"));
    assert!(!overview.contains('—'));
    // Régie and date of issue on every printed page (a fixed footer), and on every sheet.
    assert!(html.contains(
        "<div class=\"pied\">Régie du Mur · plan de la semaine du 21/12/2026 au 25/12/2026 · édité le 18 décembre 2026</div>"
    ));
    assert_eq!(html.matches("<section class=\"fiche\">").count(), 3);
    assert_eq!(html.matches("édité le 18 décembre 2026").count(), 2 + 3);

    let fiche = |nom: &str| {
        let start = html
            .find(&format!("<section class=\"fiche\"><h2>{nom}"))
            .expect(nom);
        let end = html[start..].find("</section>").expect("end") + start;
        html[start..end].to_owned()
    };
    let alice = fiche("Alice Martin");
    for want in [
        "Lundi 21 décembre",
        "Halls Tilleuls — Résidence Les Tilleuls",
        "Aller : Car 7 : départ Le Hameau à 07:10, descendre à Résidence Les Tilleuls à 07:40",
        "Retour : Car 7 : départ Résidence Les Tilleuls à 12:15, retour chez soi vers 12:45",
        "Absent·e (arrêt maladie)",
        "Absent·e 14:00–17:00 (rendez-vous médical)",
        "Jour férié",
        "8 h planifiées pour 7,2 h au contrat sur la période : 0,8 heures complémentaires",
    ] {
        assert!(alice.contains(want), "« {want} » absent de {alice}");
    }
    let bruno = fiche("Bruno Petit");
    assert!(bruno.contains("PMSMP chez Boulangerie Dupain"), "{bruno}");
    assert!(bruno.contains("Congé (congé)"), "{bruno}");
    let eve = fiche("Eve Durand");
    assert!(eve.contains("h disponibles"), "{eve}");
    assert!(
        !eve.contains("de moins") && !eve.contains("manque"),
        "{eve}"
    );

    // Pseudonymised: no reason, no host company, no name.
    let html = semaine::html(&semaine_of(&sc, &plan, true));
    for bad in [
        "maladie",
        "médical",
        "Boulangerie",
        "Alice",
        "Bruno",
        "Eve",
        "(congé)",
    ] {
        assert!(!html.contains(bad), "« {bad} » dans la page pseudonymisée");
    }
}

/// The issue's case: `exemple` with the new lot of halls (residence B). When the collecte des
/// encombrants falls short, the cause names the encadrant·es who may supervise it and where they
/// are, not « the salarié·es are on other activities ».
#[test]
fn new_lot_shortfall_on_the_encombrants_names_the_encadrants() {
    let text = std::fs::read_to_string("tests/fixtures/variantes/exemple.yaml").expect("variantes");
    let (sc, _) = exemple();
    let f = regie_planner::whatif::variants::load_variants_str(&text, "v.yaml").expect("v");
    let p = regie_planner::whatif::prepare(&sc, &f, &text, "v.yaml").expect("prepare");
    let lot = p.iter().find(|v| v.nom == "lot-halls-b").expect("lot");
    let sc = &lot.scenario;
    let facts = Facts::new(sc);
    let mut opts = regie_planner::kernel::Options::from_reglages(&sc.reglages.solveur);
    opts.threads = 1;
    opts.effort = Some(2);
    let plan = regie_planner::kernel::plan(sc, &facts, &opts).plan;
    assert!(check_plan(sc, &facts, &plan).ok());
    let e = recalculer(sc, &facts, &plan, &Noms::new(sc, false));
    let enc: Vec<_> = e
        .ecarts
        .iter()
        .filter(|l| l.quoi == "Collecte des encombrants")
        .collect();
    assert!(!enc.is_empty());
    for l in enc {
        assert!(l.cause.contains("Karim B."), "{}", l.cause);
    }
}

/// Bruno's hours are short because the chantiers run only two mornings (8 h at most), and the
/// only shifts he could still take, the collectes, have no encadrant·e free (Eve is on the
/// halls, which are full): the cause says both.
#[test]
fn hours_short_for_want_of_an_encadrant_say_which_chantier() {
    let text = DEUX
        .replace("equipe: { min: 2, max: 5 }", "equipe: { min: 1, max: 1 }")
        .replace("equipe: { min: 1, max: 2 }", "equipe: { min: 1, max: 5 }");
    let sc = load_str(&text, "deux.yaml").expect("deux").scenario;
    let plan = plan_of(
        &sc,
        &[
            item("e", "encadrement", "halls", "2026-12-07", "08:00", "12:00"),
            item("a", "production", "halls", "2026-12-07", "08:00", "12:00"),
            item("e", "encadrement", "halls", "2026-12-08", "08:00", "12:00"),
            item("a", "production", "halls", "2026-12-08", "08:00", "12:00"),
        ],
        "",
    );
    let (bruno, _) = hours_cause_of(&sc, &plan, "Bruno Petit");
    assert_eq!(
        bruno,
        "0 h planifiées pour 20 h visées : au plus 8 h possibles : les vacations qu'elle ou il peut rejoindre n'en offrent pas plus dans la semaine (horaires des chantiers, trajets entre eux, ses autres activités) ; les 8 h possibles non planifiées : « Collecte des encombrants » qu'elle ou il pourrait tenir reste sans encadrant·e libre, les autres sont complètes"
    );
}

/// The workbooks carry the first day of their plans as their creation date, never the moment
/// they are written: the same plans give the same bytes.
#[test]
fn workbooks_are_dated_by_their_plans_not_by_the_clock() {
    use regie_planner::report::bilan;
    use std::io::Read;
    let (sc, plan) = exemple();
    let s = semaine_of(&sc, &plan, false);
    let b = balance_of(&sc, &plan, false);
    let first = format!("{}T00:00:00Z", sc.periode.debut);
    for bytes in [
        semaine::xlsx(&s).expect("xlsx"),
        bilan::xlsx(&b).expect("xlsx"),
    ] {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut core = String::new();
        z.by_name("docProps/core.xml")
            .expect("core.xml")
            .read_to_string(&mut core)
            .expect("xml");
        assert!(
            core.contains(&format!(">{first}</dcterms:created>")),
            "{core}"
        );
    }
}

/// One salarié·e, Alice Martin (20 h), and two chantiers without encadrement, every weekday of
/// week 2026-W50: « Halls du matin » 08:00-12:00 and « Parc de l'après-midi » 14:00-17:00, crews
/// up to 5. Each case of `hours_shortfalls_name_their_binding_cause` edits it so that one
/// obstacle is the true cause of Alice's shortfall.
const HEURES: &str = r#"
version: 1
regie: { nom: Régie des Heures }
periode: { debut: 2026-12-07, jours: 5 }
reglages: { ratio_encadrement: 0 }
lieux: [{ id: maison }, { id: site }, { id: bureau }]
salaries:
  - { id: a, nom: Alice Martin, contrat: { type: cddi_aci, heures_hebdo: 20 }, mobilite: autonome }
chantiers:
  - id: matin
    nom: Halls du matin
    activite: nettoyage
    lieu: site
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 5 } }
  - id: aprem
    nom: Parc de l'après-midi
    activite: espaces_verts
    lieu: site
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["14:00"], duree: "03:00", equipe: { min: 1, max: 5 } }
"#;

const SEMAINE_50: [&str; 5] = [
    "2026-12-07",
    "2026-12-08",
    "2026-12-09",
    "2026-12-10",
    "2026-12-11",
];

/// The cause of `qui`'s hours shortfall in `plan`, with the whole recomputed list.
fn hours_cause_of(
    sc: &Scenario,
    plan: &Plan,
    qui: &str,
) -> (String, regie_planner::report::ecarts::Ecarts) {
    let facts = Facts::new(sc);
    let e = recalculer(sc, &facts, plan, &Noms::new(sc, false));
    let cause = e
        .ecarts
        .iter()
        .find(|l| l.quoi == qui && l.libelle == "Heures sous le contrat")
        .map(|l| l.cause.clone())
        .unwrap_or_else(|| panic!("pas d'écart d'heures pour {qui} : {:#?}", e.ecarts));
    (cause, e)
}

/// The cause of Alice's hours shortfall in `HEURES` edited by `edits`, with the plan `items`.
fn alice_cause(edits: &[(&str, &str)], items: &[String]) -> String {
    let text = common::edit(HEURES, edits);
    let sc = load_str(&text, "heures.yaml").expect("heures").scenario;
    hours_cause_of(&sc, &plan_of(&sc, items, ""), "Alice Martin").0
}

/// A case of `hours_shortfalls_name_their_binding_cause`: what it is, the edits of `HEURES`,
/// Alice's items, the cause expected.
type Cas<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<String>, &'a str);

/// Alice on `chantier` from `de` to `a` on each of `days` (indices in `SEMAINE_50`).
fn alice_on(chantier: &str, days: &[usize], de: &str, a: &str) -> Vec<String> {
    days.iter()
        .map(|&d| item("a", "production", chantier, SEMAINE_50[d], de, a))
        .collect()
}

#[test]
fn hours_shortfalls_name_their_binding_cause() {
    const FULL_TIME: (&str, &str) = ("heures_hebdo: 20 }", "heures_hebdo: 35 }");
    let all = [0, 1, 2, 3, 4];
    let bus = r#"transports:
  - id: ligne-1
    nom: Bus 1
    courses:
      - { jours: [lun, mar, mer, jeu, ven], passages: [[maison, "08:50"], [site, "09:00"]] }
      - { jours: [lun, mar, mer, jeu, ven], passages: [[site, "17:30"], [maison, "17:40"]] }
salaries:"#;
    let mut repos = alice_on("matin", &all, "05:00", "09:00");
    repos.push(item(
        "a",
        "production",
        "aprem",
        SEMAINE_50[4],
        "17:00",
        "21:00",
    ));
    // (what the case is, edits of HEURES, Alice's items, the cause expected)
    let cas: Vec<Cas> = vec![
        (
            "disponibilités : lundi et mardi matin, 8 h sur 20",
            vec![(
                "mobilite: autonome }",
                r#"mobilite: autonome, disponibilites: { lun: ["08:00-12:00"], mar: ["08:00-12:00"] } }"#,
            )],
            alice_on("matin", &[0, 1], "08:00", "12:00"),
            "8 h planifiées pour 20 h visées : au plus 8 h possibles : ses disponibilités (lun., mar. 08:00-12:00) ne laissent pas plus de vacations, aucune le mercredi 9 décembre, jeudi 10 décembre et vendredi 11 décembre",
        ),
        (
            "bus : arrivée à 09:00, les halls commencent à 08:00 ; 15 h d'après-midi",
            vec![
                (
                    "mobilite: autonome }",
                    "mobilite: transports, domicile: maison }",
                ),
                ("salaries:", bus),
            ],
            alice_on("aprem", &all, "14:00", "17:00"),
            "au plus 15 h possibles : aucun bus ne la ou le mène à « Halls du matin » avant 09:00 pour un début à 08:00 (le lundi 7 décembre)",
        ),
        (
            "règle 11 : matin jusqu'à 11:00, après-midi dès 14:00",
            vec![("duree: \"04:00\"", "duree: \"03:00\"")],
            alice_on("matin", &all, "08:00", "11:00"),
            "au plus 15 h possibles : à temps partiel, au plus 1 interruption par jour d'au plus 2 h 00 : le lundi 7 décembre, une journée plus longue ferait une interruption de 3 h 00 (11:00-14:00)",
        ),
        (
            "règle 12, temps plein : 05:00-09:00 et 17:00-21:00, 8 h de repos entre deux jours",
            vec![
                FULL_TIME,
                ("debuts: [\"08:00\"]", "debuts: [\"05:00\"]"),
                (
                    "debuts: [\"14:00\"], duree: \"03:00\"",
                    "debuts: [\"17:00\"], duree: \"04:00\"",
                ),
            ],
            repos,
            "24 h planifiées pour 35 h visées : au plus 24 h possibles : le repos quotidien d'au moins 11 h entre deux journées",
        ),
        (
            "règle 7 : au plus 6 h par jour, deux vacations de 4 h",
            vec![
                FULL_TIME,
                (
                    "reglages: { ratio_encadrement: 0 }",
                    "reglages: { ratio_encadrement: 0, max_heures_jour: 6 }",
                ),
            ],
            alice_on("matin", &all, "08:00", "12:00"),
            "au plus 20 h possibles : au plus 6 h de travail par jour",
        ),
        (
            "compétence : l'après-midi demande un CACES",
            vec![
                FULL_TIME,
                (
                    "activite: espaces_verts",
                    "activite: espaces_verts\n    competences_toutes: [caces]",
                ),
            ],
            alice_on("matin", &all, "08:00", "12:00"),
            "au plus 20 h possibles : il lui manque caces pour « Parc de l'après-midi »",
        ),
    ];
    for (quoi, edits, items, attendu) in &cas {
        let c = alice_cause(edits, items);
        assert!(
            c.contains(attendu),
            "{quoi} :\n« {attendu} » absent de :\n{c}"
        );
        assert!(!c.contains("n'offrent que"), "{quoi} : {c}");
    }
    // A partial absence every morning (soins): the afternoons only, 15 h; the motif is said,
    // except in a pseudonymised report.
    let absente = r#"mobilite: autonome,
      absences: [{ du: 2026-12-07, au: 2026-12-11, de: "07:00", a: "13:00", motif: soins }] }"#;
    let c = alice_cause(
        &[("mobilite: autonome }", absente)],
        &alice_on("aprem", &all, "14:00", "17:00"),
    );
    common::assert_contains(
        &c,
        "au plus 15 h possibles : absent·e une partie du lundi 7 décembre, mardi 8 décembre, mercredi 9 décembre et 2 autres (soins)",
    );
    let sc = load_str(
        &common::edit(HEURES, &[("mobilite: autonome }", absente)]),
        "heures.yaml",
    )
    .expect("heures")
    .scenario;
    let plan = plan_of(&sc, &alice_on("aprem", &all, "14:00", "17:00"), "");
    let e = recalculer(&sc, &Facts::new(&sc), &plan, &Noms::new(&sc, true));
    let pseudo = e.ecarts.iter().find(|l| l.quoi == "S-001").expect("S-001");
    assert!(
        pseudo.cause.contains("absent·e une partie") && !pseudo.cause.contains("soins"),
        "{}",
        pseudo.cause
    );
    // Structural: crews of 1; Alice and Bruno (20 h each) can reach both chantiers, 35 h in all;
    // Chloé's bureau is hers alone. Bruno could work 35 h alone: the shortfall is the group's.
    let text = common::edit(
        HEURES,
        &[
            ("max: 5 } }\n  - id: aprem", "max: 1 } }\n  - id: aprem"),
            (
                "duree: \"03:00\", equipe: { min: 1, max: 5 } }",
                "duree: \"03:00\", equipe: { min: 1, max: 1 } }",
            ),
            (
                "mobilite: autonome }",
                "mobilite: autonome }
  - { id: b, nom: Bruno Petit, contrat: { type: cddi_aci, heures_hebdo: 20 }, mobilite: autonome }
  - { id: c, nom: Chloé Roux, contrat: { type: cddi_aci, heures_hebdo: 20 }, mobilite: autonome,
      competences: [caces], restrictions: [nettoyage, espaces_verts] }",
            ),
        ],
    ) + r#"  - id: bureau
    nom: Bureau
    activite: tri
    lieu: bureau
    competences_toutes: [caces]
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 3 } }
"#;
    let sc = load_str(&text, "heures.yaml").expect("heures").scenario;
    let mut items = alice_on("matin", &all, "08:00", "12:00");
    for d in SEMAINE_50 {
        items.push(item("b", "production", "aprem", d, "14:00", "17:00"));
        items.push(
            item("c", "production", "bureau", d, "08:00", "12:00")
                .replace("\"site\"", "\"bureau\""),
        );
    }
    let plan = plan_of(&sc, &items, "");
    let (bruno, e) = hours_cause_of(&sc, &plan, "Bruno Petit");
    assert_eq!(
        bruno,
        "15 h planifiées pour 20 h visées : les vacations qu'elle ou il peut tenir sont complètes, et les chantiers que Bruno Petit peut rejoindre (« Halls du matin » et « Parc de l'après-midi ») n'offrent que 35 h à équipe maximale pour 40 h de contrats des 2 salarié·es qui peuvent les rejoindre"
    );
    assert!(
        e.ecarts
            .iter()
            .all(|l| l.quoi != "Chloé Roux" && l.quoi != "Alice Martin")
    );
}

/// `regie rapport semaine` of `exemple.yaml` and its fixture plan with `args`, which must succeed.
fn rapport_exemple(args: &[&str]) {
    let mut all = vec![
        "rapport",
        "semaine",
        common::EXEMPLE,
        "tests/fixtures/plans/exemple-valide.json",
    ];
    all.extend_from_slice(args);
    let out = common::regie(&all);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
}

/// Inès P. goes to her formation at the Organisme de formation on Wednesday: no course goes
/// there from Quartier Ouest, only Bus 3 to the régie then Bus 5. Her sheet on the wall plan
/// and her calendar give each ride: line, stop to board and time, stop to get off (the change)
/// and time, there and back.
#[test]
fn journeys_with_a_change_give_each_ride() {
    let dir = common::temp_dir();
    let html = dir.path().join("mur.html");
    let ics = dir.path().join("ics");
    rapport_exemple(&["--html", common::arg(&html), "--ics", common::arg(&ics)]);
    let aller = "Avec correspondance : partir de chez soi à 06:50 ; Bus 3 : monter à Quartier Ouest à 06:50, descendre à Locaux de la régie à 07:16 ; changer pour Bus 5 : monter à Locaux de la régie à 08:00, descendre à Organisme de formation à 08:20";
    let retour = "Avec correspondance : Bus 5 : monter à Organisme de formation à 16:40, descendre à Locaux de la régie à 17:00 ; changer pour Bus 3 : monter à Locaux de la régie à 17:49, descendre à Quartier Ouest à 18:15 ; retour chez soi vers 18:15";
    let page = std::fs::read_to_string(&html).expect("html");
    common::assert_contains(&page, aller);
    common::assert_contains(&page, retour);
    assert!(!page.contains("arrivée possible dès"), "plus d'heure seule");
    // The calendar: lines unfolded, iCalendar escapes undone.
    let cal = std::fs::read_to_string(ics.join("salarie-s09.ics")).expect("ics");
    let cal = cal
        .replace("\r\n ", "")
        .replace("\\;", ";")
        .replace("\\,", ",");
    common::assert_contains(&cal, &format!("Aller : {aller}"));
    common::assert_contains(&cal, &format!("Retour : {retour}"));
}

/// Every id and name of the people of `sc` (and the PMSMP host companies).
fn secrets_of(sc: &Scenario) -> Vec<String> {
    let mut secrets: Vec<String> = Vec::new();
    for s in &sc.salaries {
        secrets.push(s.id.clone());
        secrets.extend(s.nom.clone());
        secrets.extend(s.pmsmp.iter().filter_map(|p| p.entreprise.clone()));
    }
    for e in &sc.encadrants {
        secrets.push(e.id.clone());
        secrets.extend(e.nom.clone());
    }
    for c in &sc.cips {
        secrets.push(c.id.clone());
        secrets.extend(c.nom.clone());
    }
    secrets
}

/// With a registre, pseudonyms are kept in its table: after Bruno M. (s02) leaves, the list is
/// reversed and Zoé N. (s13) arrives first, everybody keeps their pseudonym and Zoé gets the
/// next number never given, S-013; the same again once the file is reopened. Without a
/// registre, the numbering follows the list (and changes). The weekly report made with the
/// registre's pseudonyms holds no name and no id.
#[test]
fn pseudonyms_kept_by_the_registre_survive_removals_and_reordering() {
    use regie_planner::registre::Registre;
    let dir = common::temp_dir();
    let db = dir.path().join("regie.db");
    let (sc, plan) = exemple();
    let regie = plan.regie.clone();
    let mut reg = Registre::ouvrir(&db, true).expect("registre");
    let avant = reg.pseudonymes(&regie, &[&sc]).expect("pseudonymes");
    // The first time: the order of the lists, as without a registre.
    assert_eq!(avant.of("s01"), "S-001");
    assert_eq!(avant.of("s12"), "S-012");
    assert_eq!(avant.of("e03"), "E-003");
    assert_eq!(avant.of("cip-1"), "C-001");
    let mut apres_sc = sc.clone();
    apres_sc.salaries.retain(|s| s.id != "s02");
    apres_sc.salaries.reverse();
    let mut zoe = apres_sc.salaries[0].clone();
    zoe.id = "s13".to_owned();
    zoe.nom = Some("Zoé N.".to_owned());
    apres_sc.salaries.insert(0, zoe);
    apres_sc.encadrants.reverse();
    let apres = reg.pseudonymes(&regie, &[&apres_sc]).expect("pseudonymes");
    for s in apres_sc.salaries.iter().filter(|s| s.id != "s13") {
        assert_eq!(apres.of(&s.id), avant.of(&s.id), "{}", s.id);
    }
    for e in &apres_sc.encadrants {
        assert_eq!(apres.of(&e.id), avant.of(&e.id), "{}", e.id);
    }
    assert_eq!(apres.of("s13"), "S-013");
    drop(reg);
    let mut reg = Registre::ouvrir(&db, false).expect("registre rouvert");
    let encore = reg.pseudonymes(&regie, &[&apres_sc]).expect("pseudonymes");
    assert_eq!(encore.pseudonymes(), apres.pseudonymes());
    // Without a registre: the order of the lists, so the others are renumbered.
    let sans = Noms::new(&apres_sc, true);
    assert_eq!(sans.of("s13"), "S-001");
    assert_ne!(sans.of("s01"), avant.of("s01"));
    // The weekly report with the registre's pseudonyms: no name, no id.
    let facts = Facts::new(&sc);
    let s = semaine::Semaine::new(&sc, &facts, &plan, &encore);
    let mut outputs = vec![semaine::html(&s)];
    for (name, rows) in sheets(semaine::xlsx(&s).expect("xlsx")) {
        outputs.push(name);
        for r in rows {
            outputs.extend(r.iter().map(|c| c.to_string()));
        }
    }
    let all = outputs.join("\n");
    for x in secrets_of(&apres_sc) {
        assert!(
            !all.contains(x.as_str()),
            "« {x} » dans une sortie pseudonymisée"
        );
    }
    assert!(all.contains(&avant.of("s12")) && all.contains("E-001"));
    // The command: `rapport semaine --pseudonymiser --registre` reads and extends the same table.
    let html = dir.path().join("semaine.html");
    rapport_exemple(&[
        "--html",
        common::arg(&html),
        "--pseudonymiser",
        "--registre",
        common::arg(&db),
    ]);
    let page = std::fs::read_to_string(&html).expect("html");
    for x in secrets_of(&sc) {
        assert!(
            !page.contains(x.as_str()),
            "« {x} » dans le HTML pseudonymisé"
        );
    }
    // Bruno M. (s02) kept his S-002 in the table, though he was not in the last scenario.
    common::assert_contains(&page, "S-002");
}

/// The same report written twice, more than a second apart (the resolution of a workbook's
/// dates), gives the same bytes: nothing in the workbooks comes from the clock. Through the
/// command (weekly XLSX, date of issue given) and the balance workbook.
#[test]
fn workbooks_written_twice_are_byte_identical() {
    use regie_planner::report::bilan;
    let dir = common::temp_dir();
    let ecrire = |nom: &str| {
        let p = dir.path().join(nom);
        rapport_exemple(&["--xlsx", common::arg(&p), "--edition", "2026-11-27"]);
        std::fs::read(&p).expect("xlsx")
    };
    let text = std::fs::read_to_string("tests/fixtures/plans/exemple-valide.json").expect("plan");
    let sc = common::exemple();
    let plan = regie_planner::check::parse_plan(&text, "plan.json").expect("plan");
    let premier = (
        ecrire("a.xlsx"),
        bilan::xlsx(&balance_of(&sc, &plan, false)).expect("xlsx"),
    );
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    let second = (
        ecrire("b.xlsx"),
        bilan::xlsx(&balance_of(&sc, &plan, false)).expect("xlsx"),
    );
    assert!(
        premier.0 == second.0,
        "le XLSX de la semaine change d'une écriture à l'autre"
    );
    assert!(
        premier.1 == second.1,
        "le XLSX du bilan change d'une écriture à l'autre"
    );
}
