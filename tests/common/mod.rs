//! Helpers shared by the integration tests: running the `regie` binary, the shipped scenarios
//! with small text edits (so a test says what it changes instead of carrying a whole copy of a
//! scenario), loading a scenario text, and temporary folders.
//!
//! Each test binary includes this module with `mod common;` and uses only part of it.
#![allow(dead_code)]

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use regie_planner::check::{check_plan, parse_plan, recompute_costs};
use regie_planner::diag::{Diagnostic, Error};
use regie_planner::format::plan::Plan;
use regie_planner::format::scenario::Scenario;
use regie_planner::model::Facts;
use regie_planner::model::load::{Loaded, load_str};
use regie_planner::report::Noms;
use regie_planner::report::bilan::{self, Bilan};
use regie_planner::report::semaine::{self, Semaine};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shipped example scenario, relative to the crate root (tests run there).
pub const EXEMPLE: &str = "scenarios/exemple.yaml";

/// `scenarios/NAME.yaml` as an absolute path.
pub fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.yaml"))
}

/// The text of `scenarios/NAME.yaml`.
pub fn shipped_text(name: &str) -> String {
    match std::fs::read_to_string(shipped(name)) {
        Ok(t) => t,
        Err(e) => panic!("scenarios/{name}.yaml : {e}"),
    }
}

/// `text` with each `(old, new)` applied in turn; every `old` must occur exactly once in the
/// text it applies to, so an edit can never land somewhere else than the test says.
#[track_caller]
pub fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (old, new) in edits {
        let n = text.matches(old).count();
        assert_eq!(n, 1, "« {old} » apparaît {n} fois au lieu d'une");
        text = text.replacen(old, new, 1);
    }
    text
}

/// `scenarios/NAME.yaml` with `edits` applied (see [`edit`]).
#[track_caller]
pub fn shipped_with(name: &str, edits: &[(&str, &str)]) -> String {
    edit(&shipped_text(name), edits)
}

/// The 1-based line of `text` on which `needle` occurs; it must occur exactly once.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    let n = text.matches(needle).count();
    assert_eq!(n, 1, "« {needle} » apparaît {n} fois au lieu d'une");
    let at = text.find(needle).unwrap_or(0);
    text[..at].matches('\n').count() + 1
}

/// Loads a scenario text named `file`: the scenario with its warnings, or every diagnostic of a
/// refused file. Any other error fails the test.
pub fn load(text: &str, file: &str) -> Result<Loaded, Vec<Diagnostic>> {
    match load_str(text, file) {
        Ok(l) => Ok(l),
        Err(Error::Invalid(d)) => Err(d),
        Err(e) => panic!("{file} : {e}"),
    }
}

/// A scenario text that must load; its warnings are ignored.
#[track_caller]
pub fn scenario(text: &str) -> Scenario {
    match load(text, "test.yaml") {
        Ok(l) => l.scenario,
        Err(d) => panic!("scénario refusé : {d:#?}"),
    }
}

/// The shipped example, loaded.
pub fn exemple() -> Scenario {
    scenario(&shipped_text("exemple"))
}

/// A one-week scenario text (régie `Test`, 2026-12-07, 5 days) on the places `regie` and `site`
/// (10 minutes apart) and the lines `more_lieux`; `top` (whole lines) stands before `lieux`, and
/// `salaries`, `encadrants`, `chantiers` are the lists' YAML lines.
pub fn week(
    top: &str,
    more_lieux: &str,
    salaries: &str,
    encadrants: &str,
    chantiers: &str,
) -> String {
    format!(
        r#"version: 1
regie: {{ nom: Test }}
periode: {{ debut: 2026-12-07, jours: 5 }}
{top}lieux:
  - {{ id: regie }}
  - {{ id: site }}
{more_lieux}trajets:
  - {{ de: regie, a: site, minutes: 10 }}
salaries:
{salaries}
encadrants:
{encadrants}
chantiers:
{chantiers}
"#
    )
}

/// The week's report of `plan` (what `rapport semaine` renders), names shown or pseudonymised.
pub fn semaine_of(sc: &Scenario, plan: &Plan, pseudonymiser: bool) -> Semaine {
    let noms = Noms::new(sc, pseudonymiser);
    Semaine::new(sc, &Facts::new(sc), plan, &noms)
}

/// Every sheet of a workbook, in order: its name and its rows of cells.
pub fn sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).expect("sheet");
            (n, r.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

/// The names of [`sheets`], in order.
pub fn sheet_names(sheets: &[(String, Vec<Vec<Data>>)]) -> Vec<&str> {
    sheets.iter().map(|(n, _)| n.as_str()).collect()
}

/// Every text a reader gets from the week's report `s` and the balance `b`: both HTML pages, every
/// CSV table, and every sheet name and cell of both workbooks.
pub fn texts_of(s: &Semaine, b: &Bilan) -> Vec<String> {
    let mut out = vec![semaine::html(s), bilan::html(b)];
    out.extend(b.tableaux.iter().map(bilan::csv));
    for bytes in [
        semaine::xlsx(s).expect("xlsx"),
        bilan::xlsx(b).expect("xlsx"),
    ] {
        for (name, rows) in sheets(bytes) {
            out.push(name);
            out.extend(rows.iter().flatten().map(|c| c.to_string()));
        }
    }
    out
}

/// A `chantiers` entry `id`, nettoyage at `site` with no encadrant·e (ratio 0), and its
/// `vacations` lines; it ends with a newline.
pub fn chantier_sans_encadrement(id: &str, vacations: &str) -> String {
    format!(
        "  - id: {id}\n    activite: nettoyage\n    lieu: site\n    ratio_encadrement: 0\n    vacations:\n{vacations}\n"
    )
}

/// The `regie` binary, to run with arguments, folders and streams of the test's choosing.
pub fn regie_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_regie"))
}

/// `regie ARGS` run from the crate root.
pub fn regie(args: &[&str]) -> Output {
    run(regie_command().args(args), args)
}

/// `regie ARGS` run from `dir`.
pub fn regie_in(dir: &Path, args: &[&str]) -> Output {
    run(regie_command().current_dir(dir).args(args), args)
}

/// `regie planifier SC -o PLAN --threads 1 MORE…` run from the crate root: a plan made on one
/// thread, so that it does not depend on the machine.
pub fn planifier(sc: &str, plan: &Path, more: &[&str]) -> Output {
    let args = ["planifier", sc, "-o", arg(plan), "--threads", "1"];
    regie(&[&args[..], more].concat())
}

/// `regie simuler SC VARIANTES --csv CSV --silencieux MORE…` run from the crate root: the
/// comparison table written to `csv`, nothing on the standard output.
pub fn simuler_csv(sc: &str, variantes: &str, csv: &Path, more: &[&str]) -> Output {
    let args = ["simuler", sc, variantes, "--csv", arg(csv), "--silencieux"];
    regie(&[&args[..], more].concat())
}

fn run(cmd: &mut Command, args: &[&str]) -> Output {
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("regie {args:?} : {e}"),
    }
}

/// Bytes of an output, as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A path as a command-line argument.
pub fn arg(p: &Path) -> &str {
    match p.to_str() {
        Some(s) => s,
        None => panic!("chemin non UTF-8 : {p:?}"),
    }
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("dossier temporaire : {e}"),
    }
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Err(e) = std::fs::write(&p, text) {
        panic!("{p:?} : {e}");
    }
    p
}

/// One plan item as JSON: `what` is its reference (`"chantier":"halls"`, `"cip":"c1"`, …).
pub fn item_json(p: &str, t: &str, what: &str, d: &str, h: (&str, &str), lieu: &str) -> String {
    format!(
        r#"{{"personne":"{p}","type":"{t}",{what},"date":"{d}","debut":"{}","fin":"{}","lieu":"{lieu}"}}"#,
        h.0, h.1
    )
}

/// A plan of `sc` made of `items` (JSON objects), its costs recomputed. With `ecarts` empty,
/// its shortfall list is recomputed and the checker must accept the plan; otherwise `ecarts`
/// (JSON objects joined by commas) is kept as given, stale on purpose in some tests (the reports
/// recompute it), and the checker's lines about that list are the only ones allowed.
#[track_caller]
pub fn checked_plan(sc: &Scenario, items: &[String], ecarts: &str) -> Plan {
    let text = format!(
        r#"{{"format":"regie-plan/1","regie":"{}","periode":{{"debut":"{}","jours":{}}},"statut":"realisable","cout":0,"couts":{{}},"affectations":[{}],"ecarts":[{ecarts}]}}"#,
        sc.regie.nom,
        sc.periode.debut,
        sc.periode.jours,
        items.join(",")
    );
    let mut plan = match parse_plan(&text, "plan.json") {
        Ok(p) => p,
        Err(e) => panic!("plan : {e}"),
    };
    let facts = Facts::new(sc);
    plan.couts = recompute_costs(sc, &facts, &plan.affectations);
    plan.cout = plan.couts.values().sum();
    if ecarts.is_empty() {
        plan.ecarts = regie_planner::check::ecarts_recalcules(sc, &facts, &plan);
    }
    let report = check_plan(sc, &facts, &plan);
    let other: Vec<_> = report
        .violations
        .iter()
        .filter(|v| !v.message.starts_with("écarts du plan : "))
        .collect();
    assert!(
        other.is_empty() && report.cost_mismatch.is_empty(),
        "{other:?}"
    );
    if ecarts.is_empty() {
        assert!(report.ok(), "{:?}", report.violations);
    }
    plan
}

/// Asserts that `hay` contains `needle`, showing `hay` otherwise.
#[track_caller]
pub fn assert_contains(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "« {needle} » absent de :\n{hay}");
}

/// The standard output of a command that must have succeeded (its standard error is shown
/// otherwise).
#[track_caller]
pub fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// A rendered diagnostic line (`erreur[S003]: f.yaml:3:5: …`) split into its severity word, its
/// code and the rest (`f.yaml:3:5: …`); `None` when the line does not start with `erreur[` or
/// `avertissement[`, a code of a letter and three digits, and `]: `.
pub fn coded(line: &str) -> Option<(&str, &str, &str)> {
    let (kind, rest) = line.split_once('[')?;
    if kind != "erreur" && kind != "avertissement" {
        return None;
    }
    let (code, rest) = rest.split_once("]: ")?;
    let b = code.as_bytes();
    let well_formed =
        b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
    well_formed.then_some((kind, code, rest))
}

/// The error lines of a rendered report, each with its code checked by [`coded`] and taken
/// off (`erreur: f.yaml:3:5: …`), for tests about positions and messages; the codes have their
/// own tests (tests/codes.rs).
pub fn without_codes(report: &str) -> String {
    report
        .lines()
        .map(|l| match coded(l) {
            Some((kind, _, rest)) => format!("{kind}: {rest}"),
            None => {
                assert!(
                    !l.starts_with("erreur") && !l.starts_with("avertissement"),
                    "code absent ou mal formé : {l}"
                );
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
