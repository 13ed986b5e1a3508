//! `regie simuler`: variants, recruitment, absenteeism and the comparison table, on tiny
//! scenarios whose answers are known by hand. Every plan a simulation solves is checked by the
//! verifier (`Ligne::verifie`, asserted on every row).

mod common;

use regie_planner::diag::Error;
use regie_planner::format::scenario::Scenario;
use regie_planner::kernel::{self, Options};
use regie_planner::model::Facts;
use regie_planner::whatif::absence::Tampon;
use regie_planner::whatif::recruit::Embauches;
use regie_planner::whatif::{self, Reglages, Tableau, render, variants};

fn load(yaml: &str) -> Scenario {
    common::scenario(yaml)
}

fn run_with(base: &Scenario, variantes: &str, threads: usize) -> Tableau {
    let f = match variants::load_variants_str(variantes, "variantes.yaml") {
        Ok(f) => f,
        Err(e) => panic!("variants refused: {e}"),
    };
    let prepared = match whatif::prepare(base, &f, variantes, "variantes.yaml") {
        Ok(p) => p,
        Err(e) => panic!("variants not applicable: {e}"),
    };
    let r = Reglages {
        limite_secondes: Some(20.0),
        threads,
        progression: false,
    };
    let opts = whatif::options(base, &f, &r);
    let t = whatif::simulate(&base.regie.nom, &prepared, &opts, &r).expect("simulation");
    for l in &t.lignes {
        assert!(
            l.verifie,
            "a plan of « {} » is refused by the verifier",
            l.variante
        );
    }
    t
}

fn run(base: &Scenario, variantes: &str) -> Tableau {
    run_with(base, variantes, 2)
}

/// Mon 2026-12-07 .. Fri 2026-12-11, no CIP (rdv are not due yet: f = 11/31).
fn scenario(salaries: &str, encadrants: &str, chantiers: &str) -> String {
    common::week("", "", salaries, encadrants, chantiers)
}

fn sal(id: &str, heures: u32) -> String {
    format!(
        "  - {{ id: {id}, contrat: {{ type: cddi_aci, heures_hebdo: {heures}, debut: 2026-01-01, fin: 2027-12-31 }} }}\n"
    )
}

/// Encombrants every weekday 08:00-12:00, crew of exactly 2, one of them with permis B, no
/// encadrant needed; two salarié·es without permis: nothing can run, 5 × 2 × 4 = 40 h short.
fn permis_base() -> Scenario {
    load(&scenario(
        &format!("{}{}", sal("s1", 20), sal("s2", 20)),
        "  []",
        r#"  - id: enc
    activite: encombrants
    lieu: regie
    ratio_encadrement: 0
    competences_une: [permis_b]
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 2 } }"#,
    ))
}

fn permis_variants(max20: u32, max26: u32, max35: u32) -> String {
    format!(
        r#"variantes:
  - nom: recrutement
    recrutement:
      salaries:
        - {{ profil: p20, max: {max20}, contrat: {{ type: cddi_aci, heures_hebdo: 20 }} }}
        - {{ profil: p26b, max: {max26}, contrat: {{ type: cddi_aci, heures_hebdo: 26 }}, competences: [permis_b] }}
        - {{ profil: p35b, max: {max35}, contrat: {{ type: cddi_aci, heures_hebdo: 35 }}, competences: [permis_b] }}
"#
    )
}

#[test]
fn a_variant_identical_to_the_base_gives_the_base_plan_cost() {
    let text = std::fs::read_to_string("scenarios/exemple.yaml").expect("exemple");
    let base = load(&text);
    let t = run(&base, "variantes:\n  - nom: identique\n");
    assert_eq!(t.lignes.len(), 2);
    assert_eq!(t.lignes[0].variante, "base");
    assert_eq!(t.lignes[1].variante, "identique");
    // The kernel alone on the base.
    let facts = Facts::new(&base);
    let opts = Options {
        threads: 1,
        ..Options::from_reglages(&base.reglages.solveur)
    };
    let plan = kernel::plan(&base, &facts, &opts).plan;
    assert!(regie_planner::check::check_plan(&base, &facts, &plan).ok());
    assert_eq!(t.lignes[0].mesures.cout, plan.cout);
    assert_eq!(t.lignes[1].mesures.cout, plan.cout);
    // The hours under contract are what the cost term counts, in hours; the terminal shows
    // them, and the raw cost only with `--cout`.
    let h = t.lignes[0].mesures.heures_sous_contrat;
    let terme = plan
        .couts
        .get("heures_sous_contrat")
        .copied()
        .unwrap_or(0.0);
    assert!(h > 0.0);
    assert!((h * base.reglages.poids.heures_sous_contrat - terme).abs() < 1e-6);
    let ecran = render::terminal(&t);
    assert!(ecran.contains("Heures sous contrat (h)"), "{ecran}");
    assert!(!ecran.contains("Coût"), "{ecran}");
    assert!(render::terminal_avec(&t, true).contains("Coût"));
    assert_eq!(t.lignes[1].mesures, {
        let mut m = t.lignes[0].mesures.clone();
        m.secondes = t.lignes[1].mesures.secondes;
        m
    });
    // exemple.yaml by hand: halls-a 5 × 3 × 3.5 + espaces-verts 4 × 3 × 3.5 + 3 × 2 × 3
    // + encombrants 2 × 2 × 4 = 52.5 + 42 + 18 + 16 = 128.5 h demanded.
    assert_eq!(t.lignes[0].mesures.demandee, 128.5);
    // 12 salarié·es for one CIP (1 CIP = 1 ETP, as in the balance report).
    assert_eq!(t.lignes[0].effectifs.salaries, 12);
    assert_eq!(
        regie_planner::texte::fmt_dec2_point(t.lignes[0].effectifs.file_par_etp_cip.expect("cip")),
        "12"
    );
}

#[test]
fn the_smallest_hiring_is_one_26h_salarie_with_permis_b() {
    let base = permis_base();
    let t = run(&base, &permis_variants(2, 1, 1));
    let b = &t.lignes[0];
    // 5 days × crew 2 × 4 h.
    assert_eq!((b.mesures.demandee, b.mesures.manque), (40.0, 40.0));
    let r = &t.lignes[1];
    // p20 (20 h, no permis) comes first in ETP order and cannot help; p26b does.
    assert_eq!(
        r.embauches,
        Some(Embauches::Trouvee {
            comptes: vec![("p26b".to_owned(), 1)],
            etp: 0.742857,
            personnes: 1
        })
    );
    assert_eq!((r.mesures.manque, r.mesures.livree), (0.0, 40.0));
    assert_eq!(r.manque_sans_embauche, Some(40.0));
    assert_eq!(r.effectifs.salaries, 3);
    // A larger maximum never changes the answer.
    let big = run(&base, &permis_variants(6, 5, 5));
    assert_eq!(big.lignes[1].embauches, r.embauches);
    assert_eq!(big.lignes[1].mesures.manque, 0.0);
}

#[test]
fn no_hiring_within_the_maximums_says_so() {
    let base = permis_base();
    let v = r#"variantes:
  - nom: sans-permis
    recrutement:
      salaries:
        - { profil: p20, max: 3, contrat: { type: cddi_aci, heures_hebdo: 20 } }
"#;
    let t = run(&base, v);
    assert_eq!(
        t.lignes[1].embauches,
        Some(Embauches::Impossible {
            manque_au_maximum: 40.0
        })
    );
    // One solve without hires, one with every maximum: nothing else is tried.
    assert_eq!(t.lignes[1].resolutions, 2);
    assert!(render::terminal(&t).contains("aucune embauche dans les maximums ne suffit"));
}

/// A crew of 6 on a nettoyage shift (ratio 5) with one encadrant: 5 at most, 1 × 4 h × 5 days
/// short. More salarié·es cannot help; one encadrant can.
#[test]
fn an_encadrant_is_hired_when_the_ratio_binds() {
    let sals: String = (1..=6).map(|k| sal(&format!("s{k}"), 20)).collect();
    let base = load(&scenario(
        &sals,
        "  - { id: e1, heures_hebdo: 35 }",
        r#"  - id: c1
    activite: nettoyage
    lieu: site
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 6, max: 6 } }"#,
    ));
    let v = r#"variantes:
  - nom: lot
    recrutement:
      salaries:
        - { profil: cddi-26, max: 3, contrat: { type: cddi_aci, heures_hebdo: 26 } }
      encadrants:
        - { profil: eti, max: 2, heures_hebdo: 35, activites: [nettoyage] }
"#;
    let t = run(&base, v);
    assert_eq!(t.lignes[0].mesures.manque, 20.0);
    assert_eq!(
        t.lignes[0].effectifs.salaries_par_etp_encadrant,
        Some(3.428571)
    );
    let r = &t.lignes[1];
    assert_eq!(
        r.embauches,
        Some(Embauches::Trouvee {
            comptes: vec![("eti".to_owned(), 1)],
            etp: 1.0,
            personnes: 1
        })
    );
    assert_eq!(r.mesures.manque, 0.0);
    // 6 × 20 h / 35 = 3.43 ETP for 2 ETP of encadrant·es.
    assert_eq!(r.effectifs.salaries_par_etp_encadrant, Some(1.714286));
}

/// One salarié·e (20 h) on a daily 4-hour shift that needs one person.
fn solo_base() -> Scenario {
    load(&scenario(
        &sal("s1", 20),
        "  []",
        &common::chantier_sans_encadrement(
            "c1",
            r#"      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 1 } }"#,
        ),
    ))
}

#[test]
fn absenteeism_rate_zero_gives_no_spread_and_rate_one_loses_everything() {
    let base = solo_base();
    let v = r#"variantes:
  - nom: zero
    absenteisme: { taux: 0, tirages: 3, graine: 5 }
  - nom: tous
    absenteisme: { taux: 1, tirages: 2 }
"#;
    let t = run(&base, v);
    let zero = t.lignes[1]
        .absences
        .as_ref()
        .expect("absences")
        .sans_tampon
        .clone();
    assert_eq!(zero.tirages, 3);
    assert_eq!(
        (zero.min, zero.max, zero.moyenne, zero.p90),
        (0.0, 0.0, 0.0, 0.0)
    );
    // Everyone absent every day: the whole demand, 5 × 4 h, is short in every draw.
    let tous = t.lignes[2]
        .absences
        .as_ref()
        .expect("absences")
        .sans_tampon
        .clone();
    assert_eq!(
        (tous.min, tous.max, tous.moyenne, tous.p90),
        (20.0, 20.0, 20.0, 20.0)
    );
}

#[test]
fn the_same_seed_gives_the_same_draws_and_tampon_meets_the_target() {
    let base = solo_base();
    let v = r#"variantes:
  - nom: absences
    absenteisme:
      taux: 0.3
      tirages: 10
      graine: 11
      cible_p90_heures: 0
      tampon: { profil: tampon, max: 5, contrat: { type: cddi_aci, heures_hebdo: 20 } }
"#;
    let a = run(&base, v);
    let b = run(&base, v);
    let ra = a.lignes[1].absences.clone().expect("absences");
    let rb = b.lignes[1].absences.clone().expect("absences");
    assert_eq!(ra, rb);
    // Shortfalls are whole days of 4 h.
    let d = &ra.sans_tampon;
    assert!(d.p90 > 0.0 && (d.p90 / 4.0).fract() == 0.0, "{d:?}");
    match ra.tampon {
        Some(Tampon::Atteint { k, distribution }) => {
            assert!(k >= 1);
            assert_eq!(distribution.p90, 0.0);
        }
        other => panic!("tampon not found: {other:?}"),
    }
    // Another seed draws other days.
    let other = run(&base, &v.replace("graine: 11", "graine: 12"));
    let ro = other.lignes[1].absences.clone().expect("absences");
    assert_eq!(ro.sans_tampon.tirages, 10);
}

#[test]
fn parallel_and_sequential_runs_give_identical_tables() {
    let base = permis_base();
    let v = format!(
        "{}  - nom: absences\n    absenteisme: {{ taux: 0.3, tirages: 4, graine: 3 }}\n    ajouter_salaries:\n      - {{ id: s3, contrat: {{ type: cddi_aci, heures_hebdo: 26 }}, competences: [permis_b] }}\n",
        permis_variants(2, 2, 1)
    );
    let seq = run_with(&base, &v, 1);
    let par = run_with(&base, &v, 2);
    assert_eq!(render::csv(&seq, false), render::csv(&par, false));
    assert_eq!(seq.lignes.len(), 3);
    // The CSV has every documented column and one line per row.
    let csv = render::csv(&seq, true);
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.starts_with("variante,statut,verifie,production_demandee_h,"));
    let html = render::html(&seq);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<td>1 × p26b</td>"));
}

#[test]
fn operations_change_the_scenario() {
    let base = permis_base();
    let v = r#"variantes:
  - nom: ops
    retirer_salaries: [s2]
    heures_hebdo: { s1: 26 }
    modifier_vacations:
      - { chantier: enc, vacation: 0, equipe: { min: 1, max: 1 }, jours: [lun, mar] }
    ajouter_chantiers:
      - id: halls
        activite: nettoyage
        lieu: site
        ratio_encadrement: 0
        vacations:
          - { jours: [mer], debuts: ["06:00"], duree: "02:00", equipe: { min: 1, max: 1 } }
    ajouter_salaries:
      - { id: b1, contrat: { type: cddi_aci, heures_hebdo: 20 }, competences: [permis_b] }
"#;
    let f = variants::load_variants_str(v, "v.yaml").expect("variants");
    let p = whatif::prepare(&base, &f, v, "v.yaml").expect("prepare");
    let sc = &p[1].scenario;
    let ids: Vec<&str> = sc.salaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["s1", "b1"]);
    assert_eq!(sc.salaries[0].contrat.heures_hebdo, 26.0);
    assert_eq!(sc.chantiers.len(), 2);
    assert_eq!(sc.chantiers[0].vacations[0].equipe.min, 1);
    let t = run(&base, v);
    // enc: 2 days × 1 × 4 h; halls: 1 × 2 h; b1 holds the permis: all staffed.
    assert_eq!(
        (t.lignes[1].mesures.demandee, t.lignes[1].mesures.manque),
        (10.0, 0.0)
    );
}

fn errors(e: Error) -> Vec<String> {
    match e {
        Error::Invalid(d) => d.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    }
}

#[test]
fn variant_errors_are_french_and_located() {
    // Structure errors of every variant at once.
    let v = "variantes:\n  - nom: a\n    retirer_chantier: [enc]\n  - nom: b\n    absenteisme: { taux: huit, tirages: 3 }\n";
    let e = errors(variants::load_variants_str(v, "v.yaml").expect_err("refused"));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("erreur[S001]: v.yaml:3:5: variantes[0].retirer_chantier: clé inconnue « retirer_chantier » (clés possibles : nom, description,"), "{e:?}");
    assert_eq!(
        e[1],
        "erreur[S003]: v.yaml:5:20: variantes[1].absenteisme.taux: type incorrect : attendu un nombre, trouvé le texte « huit »"
    );
    // The time limit of every solve: in ]0, 86 400] seconds.
    for bad in ["1e20", ".inf", "0", "-3"] {
        let v = format!("solveur: {{ limite_secondes: {bad} }}\nvariantes:\n  - nom: a\n");
        let e = errors(variants::load_variants_str(&v, "v.yaml").expect_err(bad));
        assert_eq!(
            e,
            vec![format!(
                "erreur[V002]: v.yaml:1:12: solveur.limite_secondes: limite_secondes doit être comprise entre 0 (exclu) et 86400 secondes, soit 24 h (trouvé : {})",
                match bad {
                    "1e20" => "100000000000000000000",
                    ".inf" => "inf",
                    other => other,
                }
            )]
        );
    }
    // Then the checks of a well-formed file.
    let v = "variantes:\n  - nom: a\n  - nom: a\n    absenteisme: { taux: 8, tirages: 3 }\n";
    let e = errors(variants::load_variants_str(v, "v.yaml").expect_err("refused"));
    assert_eq!(
        e,
        vec![
            "erreur[R002]: v.yaml:3:5: variantes[1].nom: nom de variante en double « a »",
            "erreur[V002]: v.yaml:4:20: variantes[1].absenteisme.taux: taux d'absentéisme hors limites : 8 (attendu entre 0 et 1, par exemple 0.08)"
        ]
    );

    let base = permis_base();
    let v = "variantes:\n  - nom: a\n    retirer_chantiers: [halls]\n    ajouter_chantiers:\n      - { id: x, activite: nettoyage, lieu: nulle-part, vacations: [] }\n";
    let f = variants::load_variants_str(v, "v.yaml").expect("structure ok");
    let e = errors(whatif::prepare(&base, &f, v, "v.yaml").expect_err("refused"));
    assert_eq!(
        e,
        vec![
            "erreur[R001]: v.yaml:3:25: variantes[0].retirer_chantiers[0]: chantier inconnu « halls »"
        ]
    );
    let v = "variantes:\n  - nom: a\n    ajouter_chantiers:\n      - { id: x, activite: nettoyage, lieu: nulle-part, vacations: [] }\n";
    let f = variants::load_variants_str(v, "v.yaml").expect("structure ok");
    let e = errors(whatif::prepare(&base, &f, v, "v.yaml").expect_err("refused"));
    assert!(
        e.iter().any(|m| m.starts_with(
            "erreur[R001]: v.yaml:2:5: variantes[0]: scénario modifié invalide : chantiers[1].lieu"
        )),
        "{e:?}"
    );
}

/// Every variants file of docs/simulation.md (a ```yaml block with `variantes:`) parses and
/// applies to scenarios/exemple.yaml.
#[test]
fn the_examples_of_the_documentation_parse_and_apply() {
    let doc = std::fs::read_to_string("docs/simulation.md").expect("doc");
    let base = load(&std::fs::read_to_string("scenarios/exemple.yaml").expect("exemple"));
    let mut n = 0;
    for block in doc.split("```yaml\n").skip(1) {
        let Some((yaml, _)) = block.split_once("```") else {
            continue;
        };
        if !yaml.contains("variantes:") {
            continue;
        }
        n += 1;
        let f = match variants::load_variants_str(yaml, "doc.yaml") {
            Ok(f) => f,
            Err(e) => panic!("doc example {n} refused: {e}\n{yaml}"),
        };
        if let Err(e) = whatif::prepare(&base, &f, yaml, "doc.yaml") {
            panic!("doc example {n} not applicable: {e}\n{yaml}");
        }
    }
    assert!(n >= 3, "only {n} examples found");
}

#[test]
fn the_shipped_fixture_applies_to_exemple() {
    let base = load(&std::fs::read_to_string("scenarios/exemple.yaml").expect("exemple"));
    let text = std::fs::read_to_string("tests/fixtures/variantes/exemple.yaml").expect("fixture");
    let f = variants::load_variants_str(&text, "exemple.yaml").expect("variants");
    let p = whatif::prepare(&base, &f, &text, "exemple.yaml").expect("prepare");
    assert_eq!(p.len(), 6);
    assert_eq!(p[2].scenario.chantiers.len(), 5);
}

/// A new lot of a marché public (priorité 3) staffed at the price of an existing chantier: the
/// table says where the shortfall falls (the existing chantier), not just « Manque 20 h ».
#[test]
fn the_table_says_which_chantier_is_short_new_or_existing() {
    let base = load(&scenario(
        &format!("{}{}", sal("s1", 20), sal("s2", 20)),
        "  []",
        r#"  - id: collecte
    nom: Collecte
    activite: collecte
    lieu: site
    ratio_encadrement: 0
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 1 } }"#,
    ));
    let v = r#"variantes:
  - nom: lot
    description: marché gagné, lot neuf le matin
    ajouter_chantiers:
      - id: neuf
        nom: Lot neuf
        activite: nettoyage
        lieu: site
        priorite: 3
        ratio_encadrement: 0
        vacations:
          - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 2 } }
"#;
    let t = run(&base, v);
    assert_eq!(render::ou_manque(&t.lignes[0]), "—");
    assert_eq!(t.lignes[1].mesures.manque, 20.0);
    assert_eq!(render::ou_manque(&t.lignes[1]), "Collecte (existant) 20 h");
    // The narrow HTML table: the description under the name, the main columns, the rest (cost
    // terms in French) in each row's detail.
    let html = render::html(&t);
    assert!(html.contains("<span class=\"desc\">marché gagné, lot neuf le matin</span>"));
    let head = &html[html.find("<thead>").expect("thead")..html.find("</thead>").expect("end")];
    assert_eq!(head.matches("<th>").count(), 11, "{head}");
    assert!(head.contains("<th>Heures sous contrat (h)</th>") && !head.contains("Coût"));
    assert_eq!(html.matches("<details>").count(), 2);
    assert!(html.contains("<th>Coût : heures sous le contrat</th>"));
    assert!(html.contains("<td>Collecte (existant) 20 h</td>"));
    // The one HTML escaper (crate::texte::esc) escapes the apostrophe too.
    assert!(html.contains("<th>Coût : besoins d&#39;atelier non couverts</th>"));
    assert!(!html.contains("d'atelier"));
    let csv = render::csv(&t, false);
    assert!(csv.contains(",Collecte (existant) 20 h,"), "{csv}");
    // For a French spreadsheet: BOM, `;`, French headers, decimal comma, CRLF.
    let fr = render::csv_francais(&t, false);
    let rows: Vec<&str> = fr.split("\r\n").collect();
    assert!(
        rows[0].starts_with("\u{feff}Variante;Statut;Vérifié;"),
        "{}",
        rows[0]
    );
    assert!(rows[2].starts_with("lot;"), "{}", rows[2]);
    assert!(
        rows[2].contains(";Collecte (existant) 20 h;"),
        "{}",
        rows[2]
    );
    let head: Vec<&str> = rows[0].split(';').collect();
    let etp = head
        .iter()
        .position(|h| *h == "ETP salarié·es")
        .expect("ETP");
    assert_eq!(rows[2].split(';').nth(etp), Some("1,14"));
}

/// A recruit hired on the first day of a period that starts on Monday 30 November owes no rdv
/// for November: the recruit's row shows no rdv late (the existing salarié's November is done).
#[test]
fn a_recruit_hired_on_the_first_day_owes_no_rdv_for_the_month_before() {
    let base = load(
        r#"version: 1
regie: { nom: Test }
periode: { debut: 2026-11-30, jours: 5 }
lieux: [{ id: regie }, { id: site }]
trajets: [{ de: regie, a: site, minutes: 10 }]
salaries:
  - { id: s1, contrat: { type: cddi_aci, heures_hebdo: 20, debut: 2026-01-01 }, cip: c1,
      rdv_cip: [{ date: 2026-11-03, minutes: 30 }, { date: 2026-11-17, minutes: 30 }] }
cips:
  - { id: c1, lieu: regie }
chantiers:
  - id: collecte
    activite: collecte
    lieu: site
    ratio_encadrement: 0
    vacations:
      - { jours: [lun, mar, mer, jeu, ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 2, max: 2 } }
"#,
    );
    let v = r#"variantes:
  - nom: recrue
    recrutement:
      salaries:
        - { profil: p20, max: 2, contrat: { type: cddi_aci, heures_hebdo: 20 }, cip: c1 }
"#;
    let t = run(&base, v);
    assert_eq!(t.lignes[0].mesures.rdv_en_retard, 0);
    let r = &t.lignes[1];
    assert_eq!(
        r.embauches,
        Some(Embauches::Trouvee {
            comptes: vec![("p20".to_owned(), 1)],
            etp: 0.571429,
            personnes: 1
        })
    );
    assert_eq!(r.mesures.manque, 0.0);
    assert_eq!(r.mesures.rdv_en_retard, 0);
}
