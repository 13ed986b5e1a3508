//! Reports: the weekly plan (HTML rendered in headless Chromium, XLSX read back with calamine)
//! and the balance (hand-computed totals on a hand-built plan).
//!
//! The hand-built plan `petit_plan` of `PETIT` (week 2026-W50, Mon 12-07 to Fri 12-11):
//! - Mon: chantier `halls` 08:00-12:00 (vacation Mon-Tue, min 2, part_lien_social 0.25),
//!   crew a (CDDI ACI) and b (contrat `autre`), encadrant·e e.
//! - Tue: `halls` 08:00-12:00, crew a alone (1 missing), encadrant·e e.
//! - Wed: a at atelier `at1` 09:00-11:00 (catégorie lien_social), a rdv with c1 12:00-12:30 (an interruption of 1 h: rule 11 allows it).
//! - Thu: b at formation `sst` 09:00-12:00.
//!
//! By hand:
//! - a: production 8 h → 6 h production + 2 h lien social intégré; 2 h actions de lien social;
//!   0,5 h rdv CIP; accompaniment 4,5 h; total 10,5 h; share 4,5 / 10,5 = 42,86 %.
//! - b: production 4 h → 3 + 1 lien social intégré; formation 3 h; accompaniment 4 h; total 7 h;
//!   share 57,14 %.
//! - halls: demanded 2 shifts × 2 × 4 h = 16 h; delivered 12 h; short 4 h (Tue); insertion
//!   8 h (a only: b's contract is `autre`); encadrement 8 h.
//! - CIP: a follows c1; b has no référent and goes to the least loaded CIP: c1 1, c2 1.
//! - nettoyage: production 12 h, encadrement 8 h, 1 week: ETP 12 / 35 = 0,34 and 8 / 35 = 0,23;
//!   norm 0,34 / 5 = 0,07; 1,5 salarié·e ETP per encadrant·e ETP: conforme.
//! - rdv: a has 1 rdv (30 min) in 2026-12, target 2 and 60 min: insuffisant (mois incomplet).

mod common;

use common::{semaine_of, sheet_names, sheets, texts_of};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use regie_planner::check::{check_plan, recompute_costs};
use regie_planner::format::plan::{Plan, TypeAffectation};
use regie_planner::format::scenario::Scenario;
use regie_planner::kernel::{self, Options};
use regie_planner::model::Facts;
use regie_planner::model::load::{load_scenario, load_str};
use regie_planner::report::bilan::{self, Entree, Tableau, Valeur};
use regie_planner::report::{Noms, semaine};
use std::path::Path;
use std::process::Command;

const PETIT: &str = r#"
version: 1
regie: { nom: Régie des Tests }
periode: { debut: 2026-12-07, jours: 5 }
lieux: [{ id: regie }, { id: site }]
salaries:
  - { id: a, nom: Alice Martin, contrat: { type: cddi_aci, heures_hebdo: 20 }, cip: c1 }
  - { id: b, nom: Bruno Petit, contrat: { type: autre, heures_hebdo: 20 } }
encadrants:
  - { id: e, nom: Eve Durand, heures_hebdo: 35 }
cips:
  - { id: c1, nom: Carla Roux, lieu: regie }
  - { id: c2, nom: Chloé Blanc, lieu: regie }
chantiers:
  - id: halls
    nom: Halls Bailleur
    client: Bailleur X
    activite: nettoyage
    lieu: site
    part_lien_social: 0.25
    vacations:
      - { jours: [lun, mar], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 5 } }
ateliers:
  - { id: at1, theme: numerique, date: 2026-12-09, de: "09:00", a: "11:00", lieu: regie,
      places: 5, inscrits: [a], categorie: lien_social }
formations:
  - { id: sst, intitule: SST, lieu: regie, seances: [{ date: 2026-12-10, de: "09:00", a: "12:00" }],
      inscrits: [b] }
"#;

fn petit() -> Scenario {
    load_str(PETIT, "petit.yaml").expect("petit.yaml").scenario
}

fn petit_plan(sc: &Scenario) -> Plan {
    let prod = |p: &str, d: &str| {
        format!(
            r#"{{"personne":"{p}","type":"production","chantier":"halls","date":"{d}","debut":"08:00","fin":"12:00","lieu":"site"}}"#
        )
    };
    let enc = |d: &str| {
        format!(
            r#"{{"personne":"e","type":"encadrement","chantier":"halls","date":"{d}","debut":"08:00","fin":"12:00","lieu":"site"}}"#
        )
    };
    let items = [
        enc("2026-12-07"),
        prod("a", "2026-12-07"),
        prod("b", "2026-12-07"),
        enc("2026-12-08"),
        prod("a", "2026-12-08"),
        r#"{"personne":"a","type":"atelier","atelier":"at1","date":"2026-12-09","debut":"09:00","fin":"11:00","lieu":"regie"}"#.to_owned(),
        r#"{"personne":"a","type":"rdv_cip","cip":"c1","date":"2026-12-09","debut":"12:00","fin":"12:30","lieu":"regie"}"#.to_owned(),
        r#"{"personne":"b","type":"formation","formation":"sst","date":"2026-12-10","debut":"09:00","fin":"12:00","lieu":"regie"}"#.to_owned(),
    ];
    common::checked_plan(sc, &items, "")
}

fn num(t: &Tableau, key: &str, value: &str, col: &str) -> f64 {
    t.cell(key, value, col)
        .and_then(Valeur::nombre)
        .unwrap_or_else(|| panic!("{}: {key}={value} {col}", t.nom))
}

fn text<'a>(t: &'a Tableau, key: &str, value: &str, col: &str) -> &'a str {
    t.cell(key, value, col)
        .and_then(Valeur::texte)
        .unwrap_or_else(|| panic!("{}: {key}={value} {col}", t.nom))
}

fn bilan_of(sc: &Scenario, plan: &Plan, pseudonymiser: bool) -> bilan::Bilan {
    bilan::bilan(
        &[Entree { scenario: sc, plan }],
        &bilan::Options {
            mois: None,
            pseudonymiser,
        },
    )
}

#[test]
fn balance_categories_by_hand() {
    let sc = petit();
    let plan = petit_plan(&sc);
    let b = bilan_of(&sc, &plan, false);
    let t = b.tableau("salaries").expect("salaries");
    let expect = [
        ("heures_production", 6.0, 3.0),
        ("lien_social_integre", 2.0, 1.0),
        ("rdv_individuels_cip", 0.5, 0.0),
        ("ateliers_collectifs", 0.0, 0.0),
        ("actions_lien_social", 2.0, 0.0),
        ("vie_equipe", 0.0, 0.0),
        ("formations", 0.0, 3.0),
        ("pmsmp", 0.0, 0.0),
        ("autres_actions", 0.0, 0.0),
        ("heures_accompagnement", 4.5, 4.0),
        ("heures_total", 10.5, 7.0),
        ("part_accompagnement_pct", 42.86, 57.14),
    ];
    for (col, a, bb) in expect {
        assert_eq!(num(t, "salarie", "a", col), a, "a {col}");
        assert_eq!(num(t, "salarie", "b", col), bb, "b {col}");
    }
    assert_eq!(text(t, "salarie", "a", "nom"), "Alice Martin");

    let t = b.tableau("chantiers").expect("chantiers");
    assert_eq!(num(t, "chantier", "halls", "heures_demandees"), 16.0);
    assert_eq!(num(t, "chantier", "halls", "heures_livrees"), 12.0);
    assert_eq!(num(t, "chantier", "halls", "heures_manquantes"), 4.0);
    assert_eq!(num(t, "chantier", "halls", "heures_insertion"), 8.0);
    assert_eq!(num(t, "chantier", "halls", "heures_encadrement"), 8.0);
    let t = b.tableau("clients").expect("clients");
    assert_eq!(num(t, "client", "Bailleur X", "chantiers"), 1.0);
    assert_eq!(num(t, "client", "Bailleur X", "heures_manquantes"), 4.0);

    let t = b.tableau("rdv_cip").expect("rdv");
    assert_eq!(num(t, "salarie", "a", "rdv"), 1.0);
    assert_eq!(num(t, "salarie", "a", "minutes"), 30.0);
    assert_eq!(
        text(t, "salarie", "a", "statut"),
        "insuffisant (mois incomplet)"
    );
    assert_eq!(text(t, "salarie", "a", "mois"), "2026-12");
}

#[test]
fn balance_cip_ratio_and_thresholds() {
    let sc = petit();
    let plan = petit_plan(&sc);
    let t = bilan_of(&sc, &plan, false);
    let t = t.tableau("cip").expect("cip");
    // Whole people: a follows c1; b has no référent and goes to the least loaded CIP, c2.
    assert_eq!(num(t, "cip", "c1", "salaries_suivis"), 1.0);
    assert_eq!(num(t, "cip", "c2", "salaries_suivis"), 1.0);
    assert_eq!(num(t, "cip", "c2", "dont_sans_referent"), 1.0);
    assert_eq!(num(t, "cip", "c1", "etp_cip"), 1.0);
    assert_eq!(text(t, "cip", "c1", "statut"), "ok");
    // 25 more salarié·es with c1: 26 > 25; 5 more: 31 > 30. (Same plan: the
    // caseload counts everyone under contract in the period, planned or not.)
    let mut big = sc.clone();
    for i in 0..25 {
        let mut s = big.salaries[0].clone();
        s.id = format!("x{i}");
        big.salaries.push(s);
    }
    let b = bilan_of(&big, &plan, false);
    let t = b.tableau("cip").expect("cip");
    assert_eq!(num(t, "cip", "c1", "salaries_par_etp"), 26.0);
    assert_eq!(text(t, "cip", "c1", "statut"), "au-dessus de 25");
    for i in 25..30 {
        let mut s = big.salaries[0].clone();
        s.id = format!("x{i}");
        big.salaries.push(s);
    }
    let b = bilan_of(&big, &plan, false);
    let t = b.tableau("cip").expect("cip");
    assert_eq!(num(t, "cip", "c1", "salaries_par_etp"), 31.0);
    assert_eq!(text(t, "cip", "c1", "statut"), "alerte : plus de 30");
}

#[test]
fn balance_encadrement_etp_against_one_in_five() {
    let sc = petit();
    let plan = petit_plan(&sc);
    let b = bilan_of(&sc, &plan, false);
    let t = b.tableau("activites").expect("activites");
    assert_eq!(num(t, "activite", "nettoyage", "heures_production"), 12.0);
    assert_eq!(num(t, "activite", "nettoyage", "heures_encadrement"), 8.0);
    assert_eq!(num(t, "activite", "nettoyage", "semaines"), 1.0);
    assert_eq!(num(t, "activite", "nettoyage", "etp_production"), 0.34);
    assert_eq!(num(t, "activite", "nettoyage", "etp_encadrement"), 0.23);
    assert_eq!(
        num(t, "activite", "nettoyage", "etp_encadrement_norme"),
        0.07
    );
    assert_eq!(
        num(t, "activite", "nettoyage", "salaries_etp_par_encadrant_etp"),
        1.5
    );
    assert_eq!(text(t, "activite", "nettoyage", "statut"), "conforme");

    // An autonomous chantier (ratio 0, no encadrant·e allowed): the same crews, no encadrement.
    let mut sc0 = sc.clone();
    sc0.chantiers[0].ratio_encadrement = Some(0);
    let mut plan0 = plan.clone();
    plan0
        .affectations
        .retain(|a| a.type_ != TypeAffectation::Encadrement);
    let facts0 = Facts::new(&sc0);
    plan0.couts = recompute_costs(&sc0, &facts0, &plan0.affectations);
    plan0.cout = plan0.couts.values().sum();
    assert!(check_plan(&sc0, &facts0, &plan0).ok());
    let b = bilan_of(&sc0, &plan0, false);
    let t = b.tableau("activites").expect("activites");
    assert_eq!(num(t, "activite", "nettoyage", "heures_encadrement"), 0.0);
    assert_eq!(
        text(t, "activite", "nettoyage", "statut"),
        "aucun encadrement"
    );
}

#[test]
fn csv_columns_are_stable() {
    let sc = petit();
    let plan = petit_plan(&sc);
    let b = bilan_of(&sc, &plan, false);
    let heads: Vec<(&str, String)> = b
        .tableaux
        .iter()
        .map(|t| {
            let csv = bilan::csv(t);
            (t.nom, csv.lines().next().unwrap_or("").to_owned())
        })
        .collect();
    // The columns documented in docs/rapports.md, in this order.
    assert_eq!(
        heads,
        vec![
            ("regie", "regie,salaries,heures_production,heures_accompagnement,heures_total,part_accompagnement_pct,heures_demandees,heures_livrees,heures_manquantes,heures_insertion,semaines,encadrement_technique,etp_encadrement_technique,accompagnement_socio_professionnel,etp_accompagnement_socio_professionnel".to_owned()),
            ("conventionnement", "regie,conventionnement,chantiers,heures_demandees,heures_livrees,heures_manquantes,heures_insertion,heures_encadrement,salaries,heures_accompagnement".to_owned()),
            ("salaries", "regie,salarie,nom,heures_production,lien_social_integre,rdv_individuels_cip,ateliers_collectifs,actions_lien_social,vie_equipe,formations,pmsmp,autres_actions,heures_accompagnement,heures_total,part_accompagnement_pct".to_owned()),
            ("rdv_cip", "regie,salarie,nom,mois,rdv,minutes,rdv_vises,minutes_visees,mois_complet,statut".to_owned()),
            ("chantiers", "regie,chantier,nom,client,activite,heures_demandees,heures_livrees,heures_manquantes,heures_insertion,heures_encadrement".to_owned()),
            ("clients", "regie,client,chantiers,heures_demandees,heures_livrees,heures_manquantes,heures_insertion".to_owned()),
            ("cip", "regie,cip,nom,salaries_suivis,dont_sans_referent,etp_cip,salaries_par_etp,statut".to_owned()),
            ("activites", "regie,activite,heures_production,heures_encadrement,semaines,etp_production,etp_encadrement,etp_encadrement_norme,salaries_etp_par_encadrant_etp,statut".to_owned()),
            ("heures_mensuelles", "regie,salarie,nom,contrat,mois,heures".to_owned()),
        ]
    );
    // `regie rapport bilan --csv` checks these files against its inputs before computing.
    let names: Vec<&str> = heads.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, bilan::TABLEAUX);
    let docs = std::fs::read_to_string("docs/rapports.md").expect("docs/rapports.md");
    for (nom, head) in &heads {
        assert!(
            docs.contains(head.as_str()),
            "docs/rapports.md must document {nom}.csv"
        );
    }
    let salaries = bilan::csv(b.tableau("salaries").expect("salaries"));
    assert!(
        salaries.contains("Régie des Tests,a,Alice Martin,6,2,0.5,0,2,0,0,0,0,4.5,10.5,42.86\n")
    );
}

#[test]
fn pseudonymised_outputs_contain_no_name() {
    let sc = petit();
    let plan = petit_plan(&sc);
    let b = bilan_of(&sc, &plan, true);
    let s = semaine_of(&sc, &plan, true);
    let all = texts_of(&s, &b).join("\n");
    let names = sc
        .salaries
        .iter()
        .map(|s| s.nom.clone())
        .chain(sc.encadrants.iter().map(|e| e.nom.clone()))
        .chain(sc.cips.iter().map(|c| c.nom.clone()))
        .flatten()
        .collect::<Vec<_>>();
    assert_eq!(names.len(), 5);
    for n in &names {
        for part in n.split(' ') {
            assert!(
                !all.contains(part),
                "« {part} » dans une sortie pseudonymisée"
            );
        }
    }
    // Stable: the same pseudonym in every run and both reports.
    let p = regie_planner::report::pseudonyme('S', 1);
    assert_eq!(p, Noms::new(&sc, true).of("a"));
    assert!(all.contains(&p));
    assert_eq!(
        bilan::csv(&bilan_of(&sc, &plan, true).tableaux[0]),
        bilan::csv(&b.tableaux[0])
    );
}

/// Names a spreadsheet would run as formulas: CSV cells start with an apostrophe, XLSX cells are
/// strings (never formulas), numbers stay numbers.
#[test]
fn names_that_look_like_formulas_stay_text() {
    let hyperlink = r#"=HYPERLINK("http://x","y")"#;
    let text = PETIT
        .replacen("nom: Alice Martin", &format!("nom: '{hyperlink}'"), 1)
        .replacen("client: Bailleur X", "client: \"+1+1\"", 1)
        .replacen("nom: Halls Bailleur", "nom: \"@SUM(A1)\"", 1)
        .replacen("nom: Carla Roux", "nom: \"-2+3\"", 1);
    let sc = load_str(&text, "injection.yaml")
        .expect("injection.yaml")
        .scenario;
    let plan = petit_plan(&sc);
    let b = bilan_of(&sc, &plan, false);
    let csv = |nom: &str| bilan::csv(b.tableau(nom).expect(nom));
    let salaries = csv("salaries");
    assert!(
        salaries.contains(r#",a,"'=HYPERLINK(""http://x"",""y"")",6,2,0.5,"#),
        "{salaries}"
    );
    let chantiers = csv("chantiers");
    assert!(
        chantiers.contains(",halls,'@SUM(A1),'+1+1,nettoyage,16,12,4,"),
        "{chantiers}"
    );
    assert!(csv("clients").contains(",'+1+1,"), "{}", csv("clients"));
    assert!(csv("cip").contains(",c1,'-2+3,"), "{}", csv("cip"));

    let s = semaine_of(&sc, &plan, false);
    for bytes in [
        bilan::xlsx(&b).expect("xlsx"),
        semaine::xlsx(&s).expect("xlsx"),
    ] {
        let mut wb: Xlsx<_> =
            open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("xlsx");
        for name in wb.sheet_names().to_vec() {
            let formulas = wb.worksheet_formula(&name).expect("formulas");
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "formula in sheet {name}"
            );
        }
        let cells: Vec<Data> = sheets(bytes)
            .into_iter()
            .flat_map(|(_, rows)| rows.into_iter().flatten())
            .collect();
        for name in [hyperlink, "+1+1", "@SUM(A1)"] {
            assert!(
                cells.iter().any(|c| *c == Data::String(name.to_owned())),
                "{name} is not a string cell"
            );
        }
    }
}

/// `exemple.yaml` solved (1 thread, as every solve in a test process), checked.
fn exemple() -> (Scenario, Plan) {
    let sc = load_scenario(Path::new("scenarios/exemple.yaml"))
        .expect("exemple")
        .scenario;
    let facts = Facts::new(&sc);
    let mut opts = Options::from_reglages(&sc.reglages.solveur);
    opts.threads = 1;
    opts.limite_secondes = 20.0;
    let plan = kernel::plan(&sc, &facts, &opts).plan;
    let report = check_plan(&sc, &facts, &plan);
    assert!(report.ok(), "{:?}", report.violations);
    (sc, plan)
}

fn chromium() -> String {
    for c in ["chromium", "chromium-browser"] {
        if Command::new(c).arg("--version").output().is_ok() {
            return c.to_owned();
        }
    }
    panic!(
        "chromium est introuvable : ce test affiche le plan dans Chromium sans interface. \
         Lancez `bash .ci/setup` (installe le paquet Debian chromium), puis relancez les tests."
    );
}

#[test]
fn weekly_plan_renders_in_chromium_and_xlsx_matches_the_plan() {
    let (sc, plan) = exemple();
    let facts = Facts::new(&sc);
    let noms = Noms::new(&sc, false);
    let s = semaine::Semaine::new(&sc, &facts, &plan, &noms);
    assert_eq!(s.hors_scenario, 0);
    let html = semaine::html(&s);
    // Self-contained: no script, no external resource.
    for bad in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(bad), "{bad}");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("plan.html");
    std::fs::write(&page, &html).expect("write");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profil").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium: {err}");
    for l in err.lines() {
        assert!(
            !l.contains("Uncaught") && !l.contains("CONSOLE"),
            "console de la page : {l}"
        );
    }
    assert!(dom.contains("Plan de la semaine — Régie de quartier du Chemin Vert"));
    for n in [
        "Awa D.",
        "Loïc F.",
        "Karim B.",
        "Marie L.",
        "Entretien des halls, résidence A",
        "Collecte des encombrants",
        "Agenda des CIP",
    ] {
        assert!(dom.contains(n), "« {n} » absent de la page rendue");
    }
    let recomputed = regie_planner::report::ecarts::recalculer(&sc, &facts, &plan, &noms);
    assert_eq!(
        recomputed.ecarts.len() + recomputed.informations.len(),
        plan.ecarts.len()
    );
    assert!(dom.contains(&format!("Écarts ({})", recomputed.ecarts.len())));

    // XLSX read back: one row per item, and each salarié·e's hours, against the plan.
    let sheets = sheets(semaine::xlsx(&s).expect("xlsx"));
    assert_eq!(
        sheet_names(&sheets),
        [
            "Écarts",
            "À savoir",
            "Chantiers",
            "Salariés",
            "Encadrants",
            "CIP",
            "Affectations"
        ]
    );
    let sheet = |n: &str| &sheets.iter().find(|(x, _)| x == n).expect("sheet").1;
    let aff = sheet("Affectations");
    assert_eq!(aff.len(), plan.affectations.len() + 1);
    for (row, a) in aff.iter().skip(1).zip(&plan.affectations) {
        // Typed cells: the date as an Excel date, the start as a time (fractions of a day).
        let serial = (a.date - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch"))
            .num_days() as f64;
        assert!(
            matches!(&row[0], Data::DateTime(d) if d.as_f64() == serial),
            "{:?}",
            row[0]
        );
        match a.debut {
            Some(h) => assert!(
                matches!(&row[1], Data::DateTime(d) if (d.as_f64() - f64::from(h.0) / 1440.0).abs() < 1e-9),
                "{:?}",
                row[1]
            ),
            None => assert_eq!(row[1], Data::Empty),
        }
        assert_eq!(row[3], Data::Float(a.hours()));
        assert_eq!(row[4].to_string(), a.personne);
        assert_eq!(row[5].to_string(), noms.of(&a.personne));
    }
    assert_eq!(sheet("Écarts").len(), recomputed.ecarts.len() + 1);
    assert_eq!(sheet("À savoir").len(), recomputed.informations.len() + 1);
    let sal = sheet("Salariés");
    let n = facts.days.len();
    for (row, s) in sal.iter().skip(1).zip(&sc.salaries) {
        assert_eq!(row[0].to_string(), s.id);
        let planned = plan.hours_of(&s.id);
        assert_eq!(row[3 + n], Data::Float((planned * 100.0).round() / 100.0));
        assert_eq!(row[5 + n], Data::Float(s.contrat.heures_hebdo));
        // Every item of the person appears in its day's cell.
        for a in plan.affectations.iter().filter(|a| a.personne == s.id) {
            let di = facts.days.iter().position(|&d| d == a.date).expect("day");
            let cell = row[3 + di].to_string();
            assert!(cell.contains(&regie_planner::report::horaire(a)), "{cell}");
        }
    }
    // The chantier grid shows each crew member under their shift.
    let ch = sheet("Chantiers");
    let a = plan
        .affectations
        .iter()
        .find(|a| a.type_ == TypeAffectation::Production)
        .expect("production");
    let di = facts.days.iter().position(|&d| d == a.date).expect("day");
    assert!(ch.iter().any(|r| {
        let c = r[3 + di].to_string();
        c.contains(&noms.of(&a.personne)) && c.starts_with(&regie_planner::report::horaire(a))
    }));
}

/// The body of object `n` of a PDF (between `n 0 obj` and `endobj`).
fn pdf_obj(pdf: &[u8], n: usize) -> &[u8] {
    let head = format!("\n{n} 0 obj");
    let start = pdf
        .windows(head.len())
        .position(|w| w == head.as_bytes())
        .unwrap_or_else(|| panic!("objet {n} absent du PDF"))
        + head.len();
    let end = pdf[start..]
        .windows(6)
        .position(|w| w == b"endobj")
        .expect("endobj")
        + start;
    &pdf[start..end]
}

/// The object number after `key` in a dictionary (`/Contents 7 0 R` → 7).
fn pdf_ref(dict: &[u8], key: &str) -> Option<usize> {
    let text = String::from_utf8_lossy(dict);
    let rest = &text[text.find(key)? + key.len()..];
    rest.trim_start()
        .trim_start_matches('[')
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The decompressed content stream of the first page of a PDF written by Chromium, and the
/// number of pages.
fn pdf_first_page(pdf: &[u8]) -> (String, usize) {
    use std::io::Read;
    let text = String::from_utf8_lossy(pdf);
    let catalog = text.find("/Type /Catalog").expect("catalog");
    let root: usize = text[catalog..]
        .split("/Pages")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("pages");
    let count: usize = pdf_ref(pdf_obj(pdf, root), "/Count").expect("count");
    // Down the page tree by first kids to the first page.
    let mut n = root;
    loop {
        let dict = pdf_obj(pdf, n);
        match pdf_ref(dict, "/Kids") {
            Some(k) => n = k,
            None => break,
        }
    }
    let contents = pdf_ref(pdf_obj(pdf, n), "/Contents").expect("contents");
    let obj = pdf_obj(pdf, contents);
    let start = obj.windows(6).position(|w| w == b"stream").expect("stream") + 6;
    let start = start
        + obj[start..]
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
    let end = obj
        .windows(9)
        .rposition(|w| w == b"endstream")
        .expect("endstream");
    let mut out = String::new();
    flate2::read::ZlibDecoder::new(&obj[start..end])
        .read_to_string(&mut out)
        .expect("flux de page");
    (out, count)
}

/// `html` printed to PDF by headless Chromium in `dir`: page 1's content stream, page count.
fn print_to_pdf(dir: &Path, name: &str, html: &str) -> (String, usize) {
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, html).expect("write");
    let pdf = dir.join(format!("{name}.pdf"));
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profil").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf_first_page(&std::fs::read(&pdf).expect("pdf"))
}

/// The weekly plan printed to PDF by headless Chromium: page 1 holds the overview (many lines of
/// text, not a title alone), and there is one more page per person's sheet.
#[test]
fn weekly_plan_prints_to_pdf_with_content_on_page_one() {
    let (sc, plan) = exemple();
    let s = semaine_of(&sc, &plan, false)
        .avec_edition(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    let dir = tempfile::tempdir().expect("tempdir");
    let html = semaine::html(&s);
    let (first, pages) = print_to_pdf(dir.path(), "plan", &html);
    // The same page with its title only (what page 1 held when the shortfall table was long):
    // page 1 of the plan holds at least one more text run per person and day (the overview).
    let titre = &html[..html.find("<h1>").expect("h1")];
    let (control, _) = print_to_pdf(
        dir.path(),
        "titre",
        &format!(
            "{titre}<h1>Plan de la semaine — {}</h1></body></html>",
            sc.regie.nom
        ),
    );
    let runs = |t: &str| t.matches("TJ").count() + t.matches("Tj").count();
    let people = sc.salaries.len() + sc.encadrants.len();
    assert!(
        runs(&first) >= runs(&control) + people * Facts::new(&sc).days.len(),
        "page 1 : {} textes ; titre seul : {} ; {pages} pages",
        runs(&first),
        runs(&control)
    );
    // Page 1 (overview), the shortfalls and chantiers, then one page per person.
    assert!(pages > people, "{pages} pages pour {people} personnes");
}

/// `regie-70.yaml` planned once at effort 1 (deterministic), checked; shared by the tests below.
fn regie_70() -> &'static (Scenario, Plan) {
    static PLAN: std::sync::OnceLock<(Scenario, Plan)> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| {
        let sc = load_scenario(Path::new("scenarios/regie-70.yaml"))
            .expect("regie-70")
            .scenario;
        let facts = Facts::new(&sc);
        let mut opts = Options::from_reglages(&sc.reglages.solveur);
        opts.threads = 1;
        opts.effort = Some(1);
        let plan = kernel::plan(&sc, &facts, &opts).plan;
        assert!(check_plan(&sc, &facts, &plan).ok());
        (sc, plan)
    })
}

/// The issue's case: `regie-70` pseudonymised. No output (weekly HTML and XLSX, balance HTML,
/// CSV both ways and XLSX) holds a name or an id of any person of the scenario, nor a PMSMP host
/// company, as a whole word.
#[test]
fn regie_70_pseudonymised_outputs_hold_no_name_and_no_id() {
    let (sc, plan) = regie_70();
    let s = semaine_of(sc, plan, true);
    let b = bilan::bilan(
        &[Entree { scenario: sc, plan }],
        &bilan::Options {
            mois: None,
            pseudonymiser: true,
        },
    );
    let mut outputs = texts_of(&s, &b);
    outputs.extend(b.tableaux.iter().map(bilan::csv_francais));
    let all = outputs.join("\n");
    let mut secrets: Vec<&str> = Vec::new();
    for s in &sc.salaries {
        secrets.push(&s.id);
        secrets.extend(s.nom.as_deref());
        secrets.extend(s.pmsmp.iter().filter_map(|p| p.entreprise.as_deref()));
    }
    for e in &sc.encadrants {
        secrets.push(&e.id);
        secrets.extend(e.nom.as_deref());
    }
    for c in &sc.cips {
        secrets.push(&c.id);
        secrets.extend(c.nom.as_deref());
    }
    assert!(secrets.len() > 150);
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    for x in secrets {
        for (i, _) in all.match_indices(x) {
            let before = all[..i].chars().next_back();
            let after = all[i + x.len()..].chars().next();
            assert!(
                before.is_some_and(word) || after.is_some_and(word),
                "« {x} » dans une sortie pseudonymisée : …{}…",
                &all[all.floor_char_boundary(i.saturating_sub(40))
                    ..all.ceil_char_boundary((i + x.len() + 40).min(all.len()))]
            );
        }
    }
}

/// The overview of `regie-70.yaml` (70 salarié·es, 15 encadrant·es) printed alone holds on one
/// A4 landscape page (two tables side by side, chantier codes and their legend).
#[test]
fn the_overview_of_85_people_prints_on_one_page() {
    let (sc, plan) = regie_70();
    let s = semaine_of(sc, plan, false)
        .avec_edition(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    assert!(s.vue.len() > 80);
    let html = semaine::html(&s);
    let end = html.find("</section>").expect("overview") + "</section>".len();
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, pages) = print_to_pdf(
        dir.path(),
        "vue",
        &format!("{}</body></html>", &html[..end]),
    );
    assert_eq!(pages, 1);
}
