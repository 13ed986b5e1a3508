//! Fuzzing: the shipped scenarios, the example's variants file and its valid plan, mutated at
//! random (seeded, so every run is the same) and fed to every command.
//!
//! - In the process, through the library entry points of the commands (`valider`, `simuler`'s
//!   reading and applying of variants, `verifier`, `rapport semaine`, `rapport bilan`): no
//!   panic on any input (each case runs under `catch_unwind`).
//! - Through the binary, for `valider`, `verifier`, `planifier`, `rapport semaine` and
//!   `simuler`, each case under `timeout` (60 s; a hang is an exit code 124): no panic (code
//!   101), no hang, and only the documented exit codes (0 and 1; 3 for a plan with conflicts;
//!   2 never, the command lines are right); a plan that `planifier` writes passes `verifier`.
//!
//! `cargo test --test fuzz` runs a bounded number of cases; more with
//! `REGIE_FUZZ_CAS=100000 cargo test --release --test fuzz -- --nocapture` (cases per command in
//! the process) and `REGIE_FUZZ_BINAIRE=200` (cases per command through the binary);
//! `REGIE_FUZZ_GRAINE` changes the seed. The figures are printed at the end (`--nocapture`).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use regie_planner::format::scenario::Scenario;
use regie_planner::model::Facts;
use regie_planner::model::load::load_str;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;

const SCENARIOS: [&str; 3] = [
    "scenarios/exemple.yaml",
    "scenarios/fin-de-mois.yaml",
    "scenarios/rurale.yaml",
];
const VARIANTES: &str = "tests/fixtures/variantes/exemple.yaml";
const PLAN: &str = "tests/fixtures/plans/exemple-valide.json";

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p} : {e}"))
}

/// Values that break types and ranges.
const EXTREMES: [&str; 22] = [
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "1e308",
    "-1e308",
    "1e-320",
    ".nan",
    ".inf",
    "~",
    "[]",
    "{}",
    "\"\"",
    "true",
    "\"+6:+5\"",
    "\" 07:30\"",
    "\"08:30 - 16:30\"",
    "\"24:00\"",
    "\"\\e[31m\"",
    "&a",
    "*a",
];

/// One random mutation of a text (YAML or JSON): lines deleted, duplicated, swapped, a number
/// or a value replaced by an extreme, the text truncated, bytes inserted.
fn mutate(text: &str, rng: &mut StdRng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return String::new();
    }
    let rounds = rng.random_range(1..=3);
    for _ in 0..rounds {
        let n = lines.len().max(1);
        let i = rng.random_range(0..n);
        match rng.random_range(0..9) {
            0 => {
                if lines.len() > 1 {
                    lines.remove(i);
                }
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.random_range(0..n);
                lines.swap(i, j);
            }
            3 | 4 => {
                // A number of the line replaced by an extreme.
                let l = &lines[i];
                let digits: Vec<usize> = l
                    .char_indices()
                    .filter(|(k, c)| {
                        c.is_ascii_digit()
                            && (*k == 0 || !l[..*k].ends_with(|x: char| x.is_ascii_digit()))
                    })
                    .map(|(k, _)| k)
                    .collect();
                if let Some(&start) = digits.get(rng.random_range(0..digits.len().max(1))) {
                    let end = l[start..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                        .map_or(l.len(), |e| start + e);
                    let x = EXTREMES[rng.random_range(0..EXTREMES.len())];
                    lines[i] = format!("{}{x}{}", &l[..start], &l[end..]);
                }
            }
            5 => {
                // The value after `: ` replaced.
                let l = lines[i].clone();
                if let Some(k) = l.find(": ") {
                    let x = EXTREMES[rng.random_range(0..EXTREMES.len())];
                    let end = l[k + 2..]
                        .find([',', '}', ']'])
                        .map_or(l.len(), |e| k + 2 + e);
                    lines[i] = format!("{}: {x}{}", &l[..k], &l[end..]);
                }
            }
            6 => {
                // Indentation changed.
                let l = lines[i].trim_start().to_owned();
                let pad = rng.random_range(0..12);
                lines[i] = format!("{}{l}", " ".repeat(pad));
            }
            7 => {
                // Odd characters inserted.
                let l = &lines[i];
                let cuts: Vec<usize> = l.char_indices().map(|(k, _)| k).collect();
                let at = cuts
                    .get(rng.random_range(0..cuts.len().max(1)))
                    .copied()
                    .unwrap_or(0);
                let odd = ["\t", "\u{1b}[2J", "\r", "\"", "'", "[", "{", "#", "\0", "é"];
                let x = odd[rng.random_range(0..odd.len())];
                lines[i] = format!("{}{x}{}", &l[..at], &l[at..]);
            }
            _ => {
                // Truncated.
                lines.truncate(i.max(1));
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Runs `f`; a panic is a failure named `what`, with the input.
fn no_panic<F: FnOnce()>(what: &str, input: &str, failures: &mut Vec<String>, f: F) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        failures.push(format!(
            "{what} : panique sur l'entrée\n{}",
            input.chars().take(4000).collect::<String>()
        ));
    }
}

fn base_scenario() -> Scenario {
    match load_str(&read(SCENARIOS[0]), "exemple.yaml") {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

/// The commands' work on a scenario that loads: its valid plan checked, the week's report, the
/// balance.
fn commands_on(sc: &Scenario, plan_text: &str) {
    let facts = Facts::new(sc);
    let Ok(plan) = regie_planner::check::parse_plan_for(plan_text, "p.json", sc) else {
        return;
    };
    let report = regie_planner::check::check_plan(sc, &facts, &plan);
    let _ = regie_planner::check::render_report(&report, &plan);
    for pseudo in [false, true] {
        let noms = regie_planner::report::Noms::new(sc, pseudo);
        let s = regie_planner::report::semaine::Semaine::new(sc, &facts, &plan, &noms);
        let _ = regie_planner::report::semaine::html(&s);
        let _ = regie_planner::report::semaine::xlsx(&s);
        let b = regie_planner::report::bilan::bilan(
            &[regie_planner::report::bilan::Entree {
                scenario: sc,
                plan: &plan,
            }],
            &regie_planner::report::bilan::Options {
                mois: None,
                pseudonymiser: pseudo,
            },
        );
        let _ = regie_planner::report::bilan::html(&b);
        for t in &b.tableaux {
            let _ = regie_planner::report::bilan::csv(t);
            let _ = regie_planner::report::bilan::csv_francais(t);
        }
    }
}

#[test]
fn mutated_inputs_never_panic_in_the_library() {
    let cas = env_count("REGIE_FUZZ_CAS", 150);
    let graine = env_count("REGIE_FUZZ_GRAINE", 8) as u64;
    let mut rng = StdRng::seed_from_u64(graine);
    let mut failures = Vec::new();
    let base = base_scenario();
    let plan_text = read(PLAN);
    let variantes = read(VARIANTES);
    let scenarios: Vec<String> = SCENARIOS.iter().map(|p| read(p)).collect();
    // Quiet panics: they are counted, not printed one by one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (mut valides, mut plans_lus) = (0usize, 0usize);
    for k in 0..cas {
        // valider (and, on a scenario that loads, verifier and the reports on the valid plan).
        let t = mutate(&scenarios[k % scenarios.len()], &mut rng);
        no_panic("valider", &t, &mut failures, || {
            if let Ok(l) = load_str(&t, "s.yaml") {
                valides += 1;
                commands_on(&l.scenario, &plan_text);
            }
        });
        // verifier, rapport semaine, rapport bilan on a mutated plan.
        let p = mutate(&plan_text, &mut rng);
        no_panic("verifier", &p, &mut failures, || {
            if regie_planner::check::parse_plan_for(&p, "p.json", &base).is_ok() {
                plans_lus += 1;
            }
            commands_on(&base, &p);
        });
        // simuler: reading the variants, applying them to the base.
        let v = mutate(&variantes, &mut rng);
        no_panic("simuler", &v, &mut failures, || {
            if let Ok(f) = regie_planner::whatif::variants::load_variants_str(&v, "v.yaml") {
                let _ = regie_planner::whatif::prepare(&base, &f, &v, "v.yaml");
            }
        });
    }
    std::panic::set_hook(hook);
    println!(
        "fuzz (bibliothèque, graine {graine}) : {cas} cas par commande (valider, verifier et rapports, simuler) ; {valides} scénarios mutés acceptés, {plans_lus} plans mutés lus ; paniques : {}",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `regie ARGS` under `timeout 60`: its exit code (124: the time ran out).
fn regie(args: &[&str]) -> Option<i32> {
    let out = Command::new("timeout")
        .arg("60")
        .arg(env!("CARGO_BIN_EXE_regie"))
        .args(args)
        .output();
    match out {
        Ok(o) => o.status.code(),
        Err(e) => panic!("timeout {args:?} : {e}"),
    }
}

#[test]
fn mutated_inputs_through_the_binary_end_with_documented_codes() {
    let cas = env_count("REGIE_FUZZ_BINAIRE", 3);
    let graine = env_count("REGIE_FUZZ_GRAINE", 8) as u64;
    let mut rng = StdRng::seed_from_u64(graine.wrapping_add(1));
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = |name: &str, text: &str| {
        let p = d.join(name);
        std::fs::write(&p, text).expect("write");
        p.to_str().expect("utf-8").to_owned()
    };
    let exemple = file("exemple.yaml", &read(SCENARIOS[0]));
    let plan_text = read(PLAN);
    // The first two variants only (no recruitment or absenteeism question: each solve of the
    // binary must stay short).
    let all = read(VARIANTES);
    let variantes = all
        .split("  - nom: lot-halls-b-recrutement")
        .next()
        .unwrap_or(&all)
        .to_owned();
    let out_json = d.join("sortie.json").to_str().expect("utf-8").to_owned();
    let out_html = d.join("sortie.html").to_str().expect("utf-8").to_owned();
    let mut runs: Vec<(String, Option<i32>, String)> = Vec::new();
    for k in 0..cas {
        let s = file(
            "s.yaml",
            &mutate(&read(SCENARIOS[k % SCENARIOS.len()]), &mut rng),
        );
        let p = file("p.json", &mutate(&plan_text, &mut rng));
        let v = file("v.yaml", &mutate(&variantes, &mut rng));
        let code = regie(&["valider", &s]);
        runs.push(("valider".into(), code, s.clone()));
        let code = regie(&["verifier", &exemple, &p]);
        runs.push(("verifier".into(), code, p.clone()));
        let code = regie(&["rapport", "semaine", &exemple, &p, "--html", &out_html]);
        runs.push(("rapport semaine".into(), code, p.clone()));
        let code = regie(&[
            "planifier",
            &s,
            "-o",
            &out_json,
            "--effort",
            "1",
            "--limite-secondes",
            "10",
        ]);
        runs.push(("planifier".into(), code, s.clone()));
        if matches!(code, Some(0 | 3)) {
            // A plan the planner wrote passes its own checker.
            // Its code 1 (a rule broken) is a failure here: recorded as `None`.
            let code = regie(&["verifier", &s, &out_json]);
            runs.push((
                "verifier du plan écrit par planifier".into(),
                code.filter(|&c| c == 0),
                s.clone(),
            ));
            let _ = std::fs::remove_file(&out_json);
        }
        let code = regie(&[
            "simuler",
            &exemple,
            &v,
            "--limite-secondes",
            "2",
            "--html",
            &out_html,
        ]);
        runs.push(("simuler".into(), code, v.clone()));
        // Keep the failing inputs for the message.
        for r in runs.iter_mut().rev().take(6) {
            if !matches!(r.1, Some(0 | 1 | 3)) {
                r.2 = std::fs::read_to_string(Path::new(&r.2)).unwrap_or_default();
            }
        }
    }
    let panics = runs.iter().filter(|r| r.1 == Some(101)).count();
    let hangs = runs.iter().filter(|r| r.1 == Some(124)).count();
    println!(
        "fuzz (binaire) : {cas} cas par commande (valider, verifier, rapport semaine, planifier, simuler) ; paniques : {panics}, blocages : {hangs}"
    );
    let bad: Vec<String> = runs
        .iter()
        .filter(|r| !matches!(r.1, Some(0 | 1 | 3)))
        .map(|r| {
            format!(
                "{} : code {:?} sur\n{}",
                r.0,
                r.1,
                r.2.chars().take(3000).collect::<String>()
            )
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n\n"));
}
