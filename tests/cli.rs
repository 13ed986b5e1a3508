//! The commands as a user runs them, end to end: plan the example, check it, print it, report it,
//! simulate variants of it. Each step reads the files the previous one wrote.

mod common;

use common::{EXEMPLE, arg, planifier, regie, simuler_csv, text};
use std::path::Path;

#[test]
fn plan_check_print_and_report_the_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.json");
    let html = dir.path().join("plan.html");
    let xlsx = dir.path().join("plan.xlsx");
    let out = planifier(
        EXEMPLE,
        &plan,
        &["--html", arg(&html), "--xlsx", arg(&xlsx)],
    );
    let stdout = common::succeeded(&out);
    assert!(stdout.contains("Statut : optimal"), "{stdout}");
    assert!(stdout.contains("Coût : 1023"), "{stdout}");

    let out = regie(&["verifier", "scenarios/exemple.yaml", arg(&plan)]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Plan conforme"));

    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.contains("Awa D.") && page.contains("Entretien des halls"));
    assert!(std::fs::metadata(&xlsx).expect("xlsx").len() > 0);

    // `regie rapport bilan PLAN --scenario EXEMPLE MORE…`
    let bilan_of = |more: &[&str]| {
        let args = ["rapport", "bilan", arg(&plan), "--scenario", EXEMPLE];
        regie(&[&args[..], more].concat())
    };
    let csv = dir.path().join("bilan");
    let bilan = dir.path().join("bilan.html");
    let out = bilan_of(&["--csv", arg(&csv), "--html", arg(&bilan)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let salaries = std::fs::read_to_string(csv.join("salaries.csv")).expect("salaries.csv");
    assert_eq!(
        salaries.lines().count(),
        13,
        "a header and one line per salarié·e"
    );
    assert!(salaries.contains("Awa D."));

    let anonymous = dir.path().join("anonyme.html");
    let out = bilan_of(&["--html", arg(&anonymous), "--pseudonymiser"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&anonymous).expect("html");
    assert!(!page.contains("Awa D.") && !page.contains("Bruno M."));
}

#[test]
fn simulate_the_example_variants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("comparaison.csv");
    let out = simuler_csv(
        EXEMPLE,
        "tests/fixtures/variantes/exemple.yaml",
        &csv,
        // Only a guard against a hang: every solve of this size ends proven optimal, so the
        // table does not depend on the machine's speed or load (5 s failed on a loaded 2-core
        // machine: every solve stopped at its greedy start).
        &["--limite-secondes", "300"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // For a French spreadsheet by default: BOM, `;`, French headers, decimal comma.
    let table = std::fs::read_to_string(&csv).expect("csv");
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows[0].starts_with("\u{feff}Variante;Statut;"),
        "{}",
        rows[0]
    );
    // base, then the variants of the file, in order.
    assert!(
        rows[1].starts_with("base;") && rows[2].starts_with("identique;"),
        "{table}"
    );
    let head: Vec<&str> = rows[0].split(';').collect();
    let col = head
        .iter()
        .position(|h| *h == "ETP sal./ETP enc.")
        .expect("col");
    let cell = rows[1].split(';').nth(col).expect("cell");
    assert!(cell.contains(',') && !cell.contains('.'), "{cell}");
    assert!(
        table.contains("lot-halls-b-recrutement") && table.contains("1 × eti"),
        "{table}"
    );
}

#[test]
fn a_bad_scenario_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("faux.yaml");
    std::fs::write(&bad, "version: 1\nregie: { nom: X }\nperiode: { debut: 2026-12-07, jours: 40 }\nlieux: []\nsalaries: []\nchantiers: []\n").expect("write");
    let plan = dir.path().join("plan.json");
    let out = regie(&["planifier", arg(&bad), "-o", arg(&plan)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).is_empty());
    common::assert_contains(&text(&out.stderr), "faux.yaml");
    assert!(!plan.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("ls").count(),
        1,
        "no temporary file left"
    );
}

/// A week of one salarié·e and one Monday shift; `extra` is spliced at the top level.
fn tiny(extra: &str) -> String {
    format!(
        r#"version: 1
regie: {{ nom: Test }}
periode: {{ debut: 2026-12-07, jours: 5 }}
lieux: [{{ id: regie }}, {{ id: site }}]
salaries:
  - {{ id: s1, contrat: {{ type: cddi_aci, heures_hebdo: 20, debut: 2026-01-01, fin: 2027-12-31 }}, absences: [{{ date: 2026-12-08 }}] }}
chantiers:
{}{extra}"#,
        common::chantier_sans_encadrement(
            "c1",
            r#"      - { jours: [lun, mar], debuts: ["08:00"], duree: "03:00", equipe: { min: 1, max: 1 } }"#,
        )
    )
}

#[test]
fn planifier_exit_codes_plan_conflicts_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    let plan = dir.path().join("plan.json");
    let run = |sc: &Path| planifier(arg(sc), &plan, &["--effort", "2"]);
    // Every fixed item kept: 0.
    let ok = write("ok.yaml", &tiny(""));
    let out = run(&ok);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("Conflits"));
    // s1 is imposed on Tuesday, when absent: the plan is written, with the conflict: 3.
    let conflit = write(
        "conflit.yaml",
        &tiny("imposer:\n  - { personne: s1, chantier: c1, date: 2026-12-08 }\n"),
    );
    let out = run(&conflit);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Conflits : 1 élément(s) fixe(s)"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&plan).expect("plan");
    assert!(written.contains("\"conflit\": 10000.0"), "{written}");
    assert!(written.contains("\"type\": \"conflit\""), "{written}");
    // Monday's shift is still planned, and the checker accepts the plan.
    assert!(written.contains("\"date\": \"2026-12-07\""), "{written}");
    let out = regie(&["verifier", arg(&conflit), arg(&plan)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // `valider` warns about it beforehand, with its line.
    let out = regie(&["valider", arg(&conflit)]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("{}:15", conflit.display()))
            && stdout.contains("imposer[0]")
            && stdout.contains("absent"),
        "{stdout}"
    );
    // Bad input: 1, nothing written.
    std::fs::remove_file(&plan).expect("rm");
    let bad = write(
        "bad.yaml",
        &tiny("imposer:\n  - { personne: s9, chantier: c1, date: 2026-12-08 }\n"),
    );
    let out = run(&bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("imposer[0].personne"));
    assert!(!plan.exists());
    // A wrong command line: 2 (clap).
    let out = regie(&["planifier", arg(&ok)]);
    assert_eq!(out.status.code(), Some(2));
}
