//! Reliability of the `regie` binary, end to end: an output never overwrites an input, special
//! files and modes are respected, stdout errors end the command without a panic, absurd time
//! limits are refused, nothing is left in the temporary folder, CSV cells cannot run formulas.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_regie"))
}

fn regie(args: &[&str]) -> Output {
    match bin().args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("regie {args:?} : {e}"),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A folder holding a copy of the example scenario (`s.yaml`) and of a valid plan of it
/// (`p.json`).
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = dir.path().join("s.yaml");
    let p = dir.path().join("p.json");
    std::fs::copy("scenarios/exemple.yaml", &s).expect("copy scenario");
    std::fs::copy("tests/fixtures/plans/exemple-valide.json", &p).expect("copy plan");
    (dir, s, p)
}

/// Asserts a refusal: exit code 1, nothing on stdout, a French message naming `names`.
#[track_caller]
fn assert_refused(out: &Output, names: &[&Path]) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    for n in names {
        assert!(
            err.contains(&format!("« {} »", n.display())),
            "{n:?} absent : {err}"
        );
    }
    assert!(
        err.contains("même fichier") || err.contains("n'écrase jamais une entrée"),
        "{err}"
    );
}

// ----- 1. an output never overwrites an input -----

#[test]
fn planifier_refuses_to_write_over_its_scenario() {
    let (dir, s, _) = workspace();
    let before = std::fs::read(&s).expect("read");
    let out = regie(&["planifier", arg(&s), "-o", arg(&s)]);
    assert_refused(&out, &[&s]);
    assert!(text(&out.stderr).contains("(scénario)"));
    assert_eq!(std::fs::read(&s).expect("read"), before);

    // Through another spelling of the same path, and onto --html / --xlsx.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let detour = sub.join("..").join("s.yaml");
    let plan = dir.path().join("plan.json");
    for (opt, path) in [("--html", &detour), ("--xlsx", &s)] {
        let out = regie(&["planifier", arg(&s), "-o", arg(&plan), opt, arg(path)]);
        assert_refused(&out, &[path, &s]);
        assert!(text(&out.stderr).contains(&format!("({opt})")));
        assert_eq!(std::fs::read(&s).expect("read"), before);
        assert!(!plan.exists(), "refused before anything is written");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_or_a_hard_link_to_the_input_is_the_input() {
    let (dir, s, _) = workspace();
    let before = std::fs::read(&s).expect("read");
    let link = dir.path().join("lien.yaml");
    std::os::unix::fs::symlink(&s, &link).expect("symlink");
    let hard = dir.path().join("dur.yaml");
    std::fs::hard_link(&s, &hard).expect("hard link");
    for target in [&link, &hard] {
        let out = regie(&["planifier", arg(&s), "-o", arg(target)]);
        assert_refused(&out, &[target, &s]);
        assert_eq!(std::fs::read(&s).expect("read"), before);
    }
    // The scenario given through the link, the output by its real name.
    let out = regie(&["planifier", arg(&link), "-o", arg(&s)]);
    assert_refused(&out, &[&s, &link]);
    assert_eq!(std::fs::read(&s).expect("read"), before);
}

#[test]
fn two_outputs_may_not_be_the_same_file() {
    let (dir, s, _) = workspace();
    let plan = dir.path().join("plan.json");
    let out = regie(&["planifier", arg(&s), "-o", arg(&plan), "--html", arg(&plan)]);
    assert_refused(&out, &[&plan]);
    assert!(text(&out.stderr).contains("(-o)") && text(&out.stderr).contains("(--html)"));
    assert!(!plan.exists());
}

#[test]
fn rapport_semaine_refuses_to_write_over_the_plan() {
    let (_dir, s, p) = workspace();
    let before = std::fs::read(&p).expect("read");
    let out = regie(&["rapport", "semaine", arg(&s), arg(&p), "--xlsx", arg(&p)]);
    assert_refused(&out, &[&p]);
    assert!(text(&out.stderr).contains("(plan)"));
    assert_eq!(std::fs::read(&p).expect("read"), before);
}

#[test]
fn rapport_bilan_refuses_to_write_over_a_plan_or_a_scenario() {
    let (dir, s, p) = workspace();
    let before = std::fs::read(&p).expect("read");
    let out = regie(&[
        "rapport",
        "bilan",
        arg(&p),
        "--scenario",
        arg(&s),
        "--html",
        arg(&p),
    ]);
    assert_refused(&out, &[&p]);
    assert_eq!(std::fs::read(&p).expect("read"), before);

    // A plan named like a table of --csv, in the --csv folder.
    let csv = dir.path().join("bilan");
    std::fs::create_dir(&csv).expect("mkdir");
    let clients = csv.join("clients.csv");
    std::fs::copy(&p, &clients).expect("copy");
    let out = regie(&[
        "rapport",
        "bilan",
        arg(&clients),
        "--scenario",
        arg(&s),
        "--csv",
        arg(&csv),
    ]);
    assert_refused(&out, &[&clients]);
    assert_eq!(std::fs::read(&clients).expect("read"), before);
    assert_eq!(std::fs::read_dir(&csv).expect("ls").count(), 1);
}

#[test]
fn simuler_refuses_to_write_over_its_variants() {
    let (dir, s, _) = workspace();
    let v = dir.path().join("v.yaml");
    std::fs::copy("tests/fixtures/variantes/exemple.yaml", &v).expect("copy");
    let before = std::fs::read(&v).expect("read");
    for opt in ["--csv", "--html"] {
        let out = regie(&["simuler", arg(&s), arg(&v), opt, arg(&v), "--silencieux"]);
        assert_refused(&out, &[&v]);
        assert!(text(&out.stderr).contains("(variantes)"));
        assert_eq!(std::fs::read(&v).expect("read"), before);
    }
}
