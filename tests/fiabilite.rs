//! Reliability of the `regie` binary, end to end: an output never overwrites an input, special
//! files and modes are respected, stdout errors end the command without a panic, absurd time
//! limits are refused, nothing is left in the temporary folder, CSV cells cannot run formulas.

mod common;

use common::{arg, regie, regie_command as bin, simuler_csv, text, write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// [`workspace`] with a variants file `v.yaml` holding `text`: the folder, the scenario and the
/// variants file.
fn with_variants(text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, s, _) = workspace();
    let v = write(dir.path(), "v.yaml", text);
    (dir, s, v)
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
    // `regie rapport bilan PLAN --scenario s.yaml MORE…`
    let bilan = |plan: &Path, more: &[&str]| {
        let args = ["rapport", "bilan", arg(plan), "--scenario", arg(&s)];
        regie(&[&args[..], more].concat())
    };
    let before = std::fs::read(&p).expect("read");
    let out = bilan(&p, &["--html", arg(&p)]);
    assert_refused(&out, &[&p]);
    assert_eq!(std::fs::read(&p).expect("read"), before);

    // The --csv folder is an input file, or the --html file.
    let html = dir.path().join("bilan.html");
    for (csv, name) in [(&p, &p), (&html, &html)] {
        let out = bilan(&p, &["--html", arg(&html), "--csv", arg(csv)]);
        assert_refused(&out, &[name]);
        assert_eq!(std::fs::read(&p).expect("read"), before);
        assert!(!html.exists());
    }

    // A plan named like a table of --csv, in the --csv folder.
    let csv = dir.path().join("bilan");
    std::fs::create_dir(&csv).expect("mkdir");
    let clients = csv.join("clients.csv");
    std::fs::copy(&p, &clients).expect("copy");
    let out = bilan(&clients, &["--csv", arg(&csv)]);
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

/// A malformed variants file is refused like a malformed scenario (same loading path): the
/// parser's message in French, with the file, line and column; no output written.
#[test]
fn simuler_reports_a_variants_syntax_error_in_french_with_its_place() {
    let (dir, s, v) = with_variants(
        "variantes:\n  - nom: a\n  - { nom: b, retirer_chantiers: [halls]\n  - nom: c\n",
    );
    let html = dir.path().join("t.html");
    let csv = dir.path().join("t.csv");
    let out = regie(&[
        "simuler",
        arg(&s),
        arg(&v),
        "--html",
        arg(&html),
        "--csv",
        arg(&csv),
        "--silencieux",
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    let first = err.lines().next().unwrap_or_default();
    let expected = format!(
        "erreur[F001]: {}:4:3: syntaxe YAML invalide : « , » ou « }} » attendu",
        v.display()
    );
    assert_eq!(first, expected, "{err}");
    assert!(!err.contains("did not find"), "{err}");
    assert!(!html.exists() && !csv.exists());
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    assert_eq!(names, ["p.json", "s.yaml", "v.yaml"]);
}

// ----- 2. special files, symlinks and modes -----

/// `regie generer` (no solve: fast) writing to `out`, with the shell's `umask` when given.
fn generer(out: &Path, umask: Option<&str>) -> Output {
    let r = match umask {
        Some(m) => Command::new("sh")
            .arg("-c")
            .arg(format!("umask {m} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_regie"))
            .args(["generer", "--salaries", "12", "-o", arg(out)])
            .output(),
        None => bin()
            .args(["generer", "--salaries", "12", "-o", arg(out)])
            .output(),
    };
    let o = r.expect("regie generer");
    assert!(o.status.success(), "{}", text(&o.stderr));
    o
}

/// What `regie generer --salaries 12` writes.
fn generated() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("g.yaml");
    generer(&f, None);
    std::fs::read(&f).expect("read")
}

#[cfg(unix)]
fn is_char_device(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

/// Runs only where /dev/null is writable and /dev is not: where /dev is writable (as root), a
/// regression would replace the machine's /dev/null by a file; the test below covers that case
/// on a device of its own.
#[cfg(unix)]
#[test]
fn dev_null_stays_a_character_device() {
    let null = Path::new("/dev/null");
    let writable = std::fs::OpenOptions::new().write(true).open(null).is_ok();
    if !is_char_device(null) || !writable {
        eprintln!("/dev/null absent ou non inscriptible ici : vérification sautée");
        return;
    }
    if tempfile::NamedTempFile::new_in("/dev").is_ok() {
        eprintln!("/dev inscriptible (root) : vérification sautée, voir le test suivant");
        return;
    }
    generer(null, None);
    assert!(is_char_device(null), "/dev/null was replaced");
}

/// A character device of the test's own (the null device's numbers), where `mknod` is allowed.
#[cfg(unix)]
#[test]
fn a_character_device_is_written_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dev = dir.path().join("nul");
    let made = Command::new("mknod")
        .args([arg(&dev), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mknod refusé ici : vérification sautée");
        return;
    }
    generer(&dev, None);
    assert!(is_char_device(&dev), "the device was replaced by a file");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("tube");
    let made = Command::new("mkfifo")
        .arg(arg(&fifo))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo absent : vérification sautée");
        return;
    }
    let mut reader = Command::new("cat")
        .arg(arg(&fifo))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cat");
    let out = bin()
        .args(["generer", "--salaries", "12", "-o", arg(&fifo)])
        .output()
        .expect("regie");
    // Without a writer on the pipe, `cat` would wait for ever: stop it after a while.
    for _ in 0..100 {
        if matches!(reader.try_wait(), Ok(Some(_))) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = reader.kill();
    let read = reader.wait_with_output().expect("cat output");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by {kind:?}");
    assert_eq!(read.stdout, generated());
}

#[cfg(unix)]
#[test]
fn a_symlink_is_kept_and_its_target_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = write(dir.path(), "vrai.yaml", "ancien");
    let link = dir.path().join("lien.yaml");
    std::os::unix::fs::symlink("vrai.yaml", &link).expect("symlink");
    generer(&link, None);
    let meta = std::fs::symlink_metadata(&link).expect("link");
    assert!(meta.file_type().is_symlink(), "the symlink was replaced");
    assert_eq!(std::fs::read(&real).expect("read"), generated());
    // A dangling link: the file it names is created.
    let dangling = dir.path().join("pendant.yaml");
    std::os::unix::fs::symlink("nouveau.yaml", &dangling).expect("symlink");
    generer(&dangling, None);
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(dir.path().join("nouveau.yaml")).expect("read"),
        generated()
    );
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    for m in [0o644, 0o640, 0o600] {
        let f = dir.path().join(format!("existant-{m:o}.yaml"));
        std::fs::write(&f, "ancien").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(m)).expect("chmod");
        generer(&f, Some("077"));
        assert_eq!(mode(&f), m, "{f:?}");
        assert_eq!(std::fs::read(&f).expect("read"), generated());
    }
    for (umask, m) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let f = dir.path().join(format!("nouveau-{umask}.yaml"));
        generer(&f, Some(umask));
        assert_eq!(mode(&f), m, "umask {umask}");
    }
}

// ----- 3. write errors on stdout -----

/// `regie ARGS` with stdout on `/dev/full` (every write: no space left); `None` where there is
/// no /dev/full.
fn to_dev_full(args: &[&str]) -> Option<Output> {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()?;
    Some(bin().args(args).stdout(full).output().expect("regie"))
}

#[test]
fn a_full_stdout_is_a_french_error_not_a_panic() {
    let Some(out) = to_dev_full(&["valider", "scenarios/exemple.yaml"]) else {
        eprintln!("pas de /dev/full ici : vérification sautée");
        return;
    };
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("impossible d'écrire sur la sortie standard : plus de place sur le disque"),
        "{err}"
    );
}

#[test]
fn files_are_written_before_a_full_stdout_stops_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let g = dir.path().join("g.yaml");
    let Some(out) = to_dev_full(&["generer", "--salaries", "12", "-o", arg(&g)]) else {
        return;
    };
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&g).expect("written"), generated());

    let plan = dir.path().join("plan.json");
    let html = dir.path().join("plan.html");
    let out = to_dev_full(&[
        "planifier",
        "scenarios/exemple.yaml",
        "-o",
        arg(&plan),
        "--html",
        arg(&html),
        "--effort",
        "1",
        "--threads",
        "1",
    ])
    .expect("/dev/full");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("sortie standard"), "{err}");
    assert!(plan.exists() && html.exists());
}

#[test]
fn a_full_stderr_does_not_panic_either() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(dir.path(), "faux.yaml", "version: 2\n");
    let out = bin()
        .args(["valider", arg(&bad)])
        .stderr(full)
        .output()
        .expect("regie");
    assert_eq!(out.status.code(), Some(1));
}

/// `regie ARGS` with stdout on a pipe whose reading end is already closed.
fn to_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    bin().args(args).stdout(writer).output().expect("regie")
}

#[test]
fn a_closed_pipe_ends_quietly_with_code_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let g = dir.path().join("g.yaml");
    for args in [
        vec!["valider", "scenarios/exemple.yaml"],
        vec![
            "verifier",
            "scenarios/exemple.yaml",
            "tests/fixtures/plans/exemple-valide.json",
        ],
        vec!["generer", "--salaries", "12", "-o", arg(&g)],
    ] {
        let out = to_closed_pipe(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?} {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
    assert!(g.exists(), "the file is written before stdout");
}

#[test]
fn head_reading_one_line_of_a_large_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("grand.yaml");
    let out = regie(&["generer", "--salaries", "200", "-o", arg(&big)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut child = bin()
        .args(["valider", arg(&big)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("regie");
    let mut first = String::new();
    if let Some(stdout) = child.stdout.take() {
        use std::io::BufRead;
        std::io::BufReader::new(stdout)
            .read_line(&mut first)
            .expect("one line");
    }
    let out = child.wait_with_output().expect("regie");
    assert!(first.starts_with("Scénario valide"), "{first}");
    // The summary (about 150 kB) does not fit in the pipe (64 kB) once it is closed.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

// ----- 4. time limits -----

#[test]
fn an_absurd_time_limit_on_the_command_line_is_refused_in_french() {
    let (dir, s, v) = with_variants("variantes:\n  - nom: a\n");
    let plan = dir.path().join("plan.json");
    let csv = dir.path().join("t.csv");
    for limite in ["inf", "1e20", "NaN", "0", "-5", "86401"] {
        for args in [
            vec!["planifier", arg(&s), "-o", arg(&plan)],
            vec![
                "simuler",
                arg(&s),
                arg(&v),
                "--csv",
                arg(&csv),
                "--silencieux",
            ],
        ] {
            let mut args = args.clone();
            args.extend(["--limite-secondes", limite]);
            let out = regie(&args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?} {err}");
            assert!(!err.contains("panicked"), "{err}");
            assert!(
                err.contains("--limite-secondes doit être comprise entre 0 (exclu) et 86400 secondes, soit 24 h"),
                "{args:?} {err}"
            );
            assert!(!plan.exists() && !csv.exists(), "refused before solving");
        }
    }
}

#[test]
fn every_seconds_to_duration_conversion_is_clamped() {
    use regie_planner::kernel::time_limit;
    use std::time::Duration;
    assert_eq!(time_limit(f64::INFINITY), Duration::from_secs(86_400));
    assert_eq!(time_limit(1e20), Duration::from_secs(86_400));
    assert_eq!(time_limit(f64::NAN), Duration::from_millis(100));
    assert_eq!(time_limit(-1.0), Duration::from_millis(100));
    assert_eq!(time_limit(30.0), Duration::from_secs(30));
}

// ----- 5. temporary files of the solver -----

/// Entries of `dir` holding a HiGHS log (`.tmpXXXX/highs.log`).
fn solver_leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.join("highs.log").exists())
        .collect()
}

#[test]
fn a_finished_solve_leaves_nothing_in_the_temporary_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let plan = work.path().join("plan.json");
    let out = bin()
        .args(["planifier", "scenarios/exemple.yaml", "-o", arg(&plan)])
        .args(["--effort", "1", "--threads", "1"])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("regie");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(tmp.path()).expect("ls").count(), 0);
}

/// A solve killed while HiGHS runs (its progress shows on stderr) leaves no HiGHS log behind.
#[test]
fn a_killed_solve_leaves_no_solver_log() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let plan = work.path().join("plan.json");
    let mut child = bin()
        .args(["planifier", "scenarios/regie-70.yaml", "-o", arg(&plan)])
        .args(["--limite-secondes", "600"])
        .env("TMPDIR", tmp.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("regie");
    let mut seen = String::new();
    if let Some(err) = child.stderr.take() {
        for line in std::io::BufReader::new(err).lines() {
            let line = line.expect("stderr");
            seen.push_str(&line);
            seen.push('\n');
            // The heartbeat runs while HiGHS does, with its log file open.
            if line.starts_with("résolution :") {
                break;
            }
        }
    }
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(seen.contains("résolution :"), "HiGHS never ran: {seen}");
    assert_eq!(solver_leftovers(tmp.path()), Vec::<PathBuf>::new());
    assert!(!plan.exists());
}

// ----- 6. formula injection in CSV -----

#[test]
fn variant_names_that_look_like_formulas_stay_text_in_csv() {
    let (dir, s, v) = with_variants(
        "variantes:\n  - nom: '=HYPERLINK(\"http://x\",\"y\")'\n  - nom: \"@SUM(A1)\"\n  - nom: \"-2+3\"\n",
    );
    let csv = dir.path().join("t.csv");
    let out = simuler_csv(
        arg(&s),
        arg(&v),
        &csv,
        &[
            "--csv-international",
            "--limite-secondes",
            "1",
            "--threads",
            "1",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = std::fs::read_to_string(&csv).expect("csv");
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 5, "{table}");
    assert!(
        rows[2].starts_with(r#""'=HYPERLINK(""http://x"",""y"")","#),
        "{}",
        rows[2]
    );
    assert!(rows[3].starts_with("'@SUM(A1),"), "{}", rows[3]);
    assert!(rows[4].starts_with("'-2+3,"), "{}", rows[4]);
    // Numbers are not touched: no apostrophe before a digit or a minus sign.
    assert!(!table.contains(",'-") && !table.contains(",'0"), "{table}");
}

// ----- 7. a plan file's claims are recomputed, its header checked by every reader -----

/// The valid plan of the example as JSON, to edit.
fn plan_value() -> serde_json::Value {
    let text = std::fs::read_to_string("tests/fixtures/plans/exemple-valide.json").expect("plan");
    serde_json::from_str(&text).expect("json")
}

fn write_plan(dir: &Path, v: &serde_json::Value) -> PathBuf {
    let p = dir.join("edite.json");
    std::fs::write(&p, serde_json::to_string_pretty(v).expect("json")).expect("write plan");
    p
}

/// `regie verifier` on the example and `v`: exit code and stdout.
fn verifier_on(v: &serde_json::Value) -> (Option<i32>, String) {
    let (dir, s, _) = workspace();
    let p = write_plan(dir.path(), v);
    let out = regie(&["verifier", arg(&s), arg(&p)]);
    (out.status.code(), text(&out.stdout))
}

#[test]
fn the_shipped_valid_plan_is_conforme_with_its_shortfall_list() {
    let (code, out) = verifier_on(&plan_value());
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("écarts du plan"), "{out}");
}

#[test]
fn an_emptied_shortfall_list_is_reported_line_by_line() {
    let mut v = plan_value();
    let n = v["ecarts"].as_array().map_or(0, Vec::len);
    assert!(n > 10, "le plan valide a {n} écarts");
    v["ecarts"] = serde_json::json!([]);
    let (code, out) = verifier_on(&v);
    assert_eq!(code, Some(1), "{out}");
    let lines = out
        .lines()
        .filter(|l| l.contains("absent de la liste « ecarts »"))
        .count();
    assert_eq!(lines, n, "{out}");
    assert!(
        out.contains("règle 0 (éléments) — encombrants 2026-12-01 : écarts du plan : production du chantier encombrants le 2026-12-01 non couvert (manque 2) mais absent de la liste « ecarts »"),
        "{out}"
    );
}

#[test]
fn a_stale_or_invented_shortfall_is_reported() {
    let mut v = plan_value();
    let ecarts = v["ecarts"].as_array_mut().expect("ecarts");
    let prod = ecarts
        .iter_mut()
        .find(|e| e["type"] == "production")
        .expect("un écart de production");
    prod["manque"] = serde_json::json!(1.0);
    ecarts.push(serde_json::json!({
        "type": "atelier", "personne": "s01", "theme": "inventé", "raison": "x"
    }));
    let (code, out) = verifier_on(&v);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(": manque déclaré 1, recalculé 2"), "{out}");
    assert!(
        out.contains(
            "atelier inventé de s01 déclaré dans « ecarts » mais couvert par les affectations"
        ),
        "{out}"
    );
}

#[test]
fn a_lying_status_or_bound_is_reported() {
    // The plan's `statut` and `borne` as set (unchanged when `None`), `verifier`'s exit code and
    // a line it must print.
    let cases = [
        (
            Some("sans_solution"),
            None,
            1,
            Some("statut « sans_solution » mais le plan a 19 affectation(s)"),
        ),
        (
            Some("optimal"),
            Some(0.0),
            1,
            Some("statut « optimal » mais la borne (0) n'est pas égale au coût (20238)"),
        ),
        (
            None,
            Some(30000.0),
            1,
            Some("borne 30000 supérieure au coût 20238"),
        ),
        // The truth passes: `optimal` with its bound equal to its cost.
        (Some("optimal"), Some(20238.0), 0, None),
    ];
    for (statut, borne, code, message) in cases {
        let mut v = plan_value();
        if let Some(statut) = statut {
            v["statut"] = serde_json::json!(statut);
        }
        if let Some(borne) = borne {
            v["borne"] = serde_json::json!(borne);
        }
        let (got, out) = verifier_on(&v);
        assert_eq!(got, Some(code), "{statut:?} {borne:?} : {out}");
        if let Some(message) = message {
            assert!(out.contains(message), "{statut:?} {borne:?} : {out}");
        }
    }
}

#[test]
fn rapport_semaine_lists_the_shortfalls_of_a_plan_whose_list_was_emptied() {
    let (dir, s, _) = workspace();
    let mut v = plan_value();
    v["ecarts"] = serde_json::json!([]);
    let p = write_plan(dir.path(), &v);
    let html = dir.path().join("semaine.html");
    let out = regie(&[
        "rapport",
        "semaine",
        arg(&s),
        arg(&p),
        "--html",
        arg(&html),
        "--edition",
        "2026-11-27",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(!page.contains("toutes les exigences sont couvertes"));
    assert!(page.contains("<h2 id=\"ecarts\">Écarts ("), "{page}");
    assert!(!page.contains("<h2 id=\"ecarts\">Écarts (0)"), "{page}");
}

/// Every command that reads a plan with its scenario refuses a header of another week or régie,
/// with the plan file, the line of the key and a French message, and writes nothing.
#[test]
fn every_plan_reader_refuses_a_header_of_another_week() {
    let cases: [(&str, serde_json::Value, &str); 4] = [
        (
            "jours",
            serde_json::json!(4_000_000_000u64),
            "le plan couvre 4000000000 jour(s), la période du scénario 5 jour(s)",
        ),
        (
            "jours",
            serde_json::json!(40),
            "le plan couvre 40 jour(s), la période du scénario 5 jour(s)",
        ),
        (
            "debut",
            serde_json::json!("2026-12-07"),
            "le plan commence le 2026-12-07, la période du scénario le 2026-11-30",
        ),
        (
            "regie",
            serde_json::json!("Une autre régie"),
            "le plan est celui de « Une autre régie », le scénario celui de « Régie de quartier du Chemin Vert »",
        ),
    ];
    for (key, value, message) in cases {
        let (dir, s, _) = workspace();
        let mut v = plan_value();
        if key == "regie" {
            v[key] = value;
        } else {
            v["periode"][key] = value;
        }
        let p = write_plan(dir.path(), &v);
        let html = dir.path().join("sortie.html");
        let neuf = dir.path().join("neuf.json");
        let commands: [Vec<&str>; 4] = [
            vec!["verifier", arg(&s), arg(&p)],
            vec!["rapport", "semaine", arg(&s), arg(&p), "--html", arg(&html)],
            vec![
                "rapport",
                "bilan",
                arg(&p),
                "--scenario",
                arg(&s),
                "--html",
                arg(&html),
            ],
            vec!["replanifier", arg(&s), "--plan", arg(&p), "-o", arg(&neuf)],
        ];
        for c in commands {
            let out = regie(&c);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{c:?} : {err}");
            assert!(err.contains(&format!("{}:", p.display())), "{c:?} : {err}");
            assert!(
                err.contains(&format!("en-tête du plan : {message}")),
                "{c:?} : {err}"
            );
            assert!(!html.exists() && !neuf.exists(), "{c:?}");
        }
    }
}

// ----- 8. every number within its documented range, odd times and control characters refused -----

const EXEMPLE: &str = "scenarios/exemple.yaml";

fn exemple_text() -> String {
    std::fs::read_to_string(EXEMPLE).expect("exemple.yaml")
}

/// The example with the first `from` replaced by `to`; the 1-based line of the change.
fn edited(from: &str, to: &str) -> (String, usize) {
    let text = exemple_text();
    let at = text.find(from).unwrap_or_else(|| panic!("{from:?} absent"));
    let line = text[..at].matches('\n').count() + 1;
    (text.replacen(from, to, 1), line)
}

/// Loading refuses the text with an error at `s.yaml:line`, naming `path` and saying `message`.
#[track_caller]
fn refused_at(text: &str, line: usize, path: &str, message: &str) {
    let e = match regie_planner::model::load::load_str(text, "s.yaml") {
        Ok(_) => panic!("accepté : {path}"),
        Err(e) => common::without_codes(&e.to_string()),
    };
    let wanted = format!("s.yaml:{line}:");
    let hit = e
        .lines()
        .find(|l| l.starts_with(&format!("erreur: {wanted}")) && l.contains(path));
    match hit {
        Some(l) => assert!(l.contains(message), "{l}"),
        None => panic!("pas d'erreur {wanted} {path} :\n{e}"),
    }
    assert!(!e.contains('\u{1b}'), "séquence brute : {e:?}");
}

/// The example with the first `from` replaced by `to` is refused at the line of the change,
/// naming `path` and saying `message` (see [`refused_at`]).
#[track_caller]
fn refused_edit(from: &str, to: &str, path: &str, message: &str) {
    let (t, l) = edited(from, to);
    refused_at(&t, l, path, message);
}

/// Appends `reglages` lines after `solveur`.
fn with_reglages(extra: &str) -> (String, usize) {
    edited(
        "  solveur: { limite_secondes: 30 }\n",
        &format!("  solveur: {{ limite_secondes: 30 }}\n{extra}"),
    )
}

#[test]
fn weekly_hours_above_the_legal_maximum_are_refused() {
    refused_edit(
        "heures_hebdo: 26, debut: 2026-06-01",
        "heures_hebdo: 168, debut: 2026-06-01",
        "salaries[0].contrat.heures_hebdo",
        "entre 0 (exclu) et 48, le maximum légal (trouvé : 168)",
    );
    refused_edit(
        "heures_hebdo: 26, debut: 2026-06-01",
        "heures_hebdo: 48.5, debut: 2026-06-01",
        "salaries[0].contrat.heures_hebdo",
        "(trouvé : 48.5)",
    );
    refused_edit(
        "heures_hebdo: 26, debut: 2026-06-01",
        "heures_hebdo: 0, debut: 2026-06-01",
        "salaries[0].contrat.heures_hebdo",
        "(trouvé : 0)",
    );
}

#[test]
fn settings_out_of_range_are_refused_each_at_its_line() {
    let cases: [(&str, &str, &str); 9] = [
        (
            "  poids: { production: 1e300 }\n",
            "reglages.poids.production",
            "le poids production hors limites : 1e300 (attendu de 0 à 1 000 000)",
        ),
        (
            "  poids: { conflit: 1000001 }\n",
            "reglages.poids.conflit",
            "hors limites : 1000001",
        ),
        (
            "  rdv_cip: { duree_minutes: 4294967295 }\n",
            "reglages.rdv_cip.duree_minutes",
            "duree_minutes hors limites : 4294967295 (attendu de 5 à 480)",
        ),
        (
            "  rdv_cip: { duree_minutes: 481 }\n",
            "reglages.rdv_cip.duree_minutes",
            "(attendu de 5 à 480)",
        ),
        (
            "  rdv_cip: { duree_minutes: 35 }\n",
            "reglages.rdv_cip.duree_minutes",
            "hors de la grille de 15 minutes",
        ),
        (
            "  rdv_cip: { min_par_mois: 4294967295 }\n",
            "reglages.rdv_cip.min_par_mois",
            "(attendu de 0 à 20)",
        ),
        (
            "  ratio_encadrement: 4294967295\n",
            "reglages.ratio_encadrement",
            "(attendu de 0 à 100)",
        ),
        (
            "  pause: { apres_minutes: 360, minutes: 100000 }\n",
            "reglages.pause.minutes",
            "(attendu de 0 à 720)",
        ),
        (
            "  trajet_defaut_minutes: 100000\n",
            "reglages.trajet_defaut_minutes",
            "(attendu de 0 à 1440)",
        ),
    ];
    for (extra, path, message) in cases {
        let (t, l) = with_reglages(extra);
        refused_at(&t, l + 1, path, message);
    }
    refused_edit(
        "solveur: { limite_secondes: 30 }",
        "solveur: { limite_secondes: 30, ecart_relatif: 1e308 }",
        "reglages.solveur.ecart_relatif",
        "ecart_relatif hors limites : 1e308 (attendu de 0 à 1)",
    );
    refused_edit(
        "solveur: { limite_secondes: 30 }",
        "solveur: { limite_secondes: 30, threads: 100000 }",
        "reglages.solveur.threads",
        "(attendu de 0 à 256)",
    );
}

#[test]
fn crews_rdv_places_and_journeys_out_of_range_are_refused() {
    refused_edit(
        "equipe: { min: 3, max: 4 }",
        "equipe: { min: 3, max: 4294967295 }",
        ".equipe.max",
        "equipe.max hors limites : 4294967295 (attendu de 0 à 200)",
    );
    let (t, l) = edited(
        "  - id: s01\n",
        "  - id: s01\n    rdv_cip_par_mois: 4294967295\n",
    );
    refused_at(
        &t,
        l + 1,
        "salaries[0].rdv_cip_par_mois",
        "(attendu de 0 à 20)",
    );
    refused_edit(
        "minutes: 20 }",
        "minutes: 4294967295 }",
        "trajets[0].minutes",
        "(attendu de 0 à 1440)",
    );
    refused_edit(
        "{ date: 2026-11-05, minutes: 30 }",
        "{ date: 2026-11-05, minutes: 99999 }",
        "salaries[0].rdv_cip[0].minutes",
        "(attendu de 0 à 1440)",
    );
}

#[test]
fn odd_clock_times_and_ranges_are_refused() {
    for (from, to) in [
        (
            "\"06:30\", \"07:00\", \"07:30\"",
            "\"+6:+5\", \"07:00\", \"07:30\"",
        ),
        (
            "\"06:30\", \"07:00\", \"07:30\"",
            "\" 06:30\", \"07:00\", \"07:30\"",
        ),
        ("duree: \"03:30\"", "duree: \"+3:30\""),
    ] {
        let (t, l) = edited(from, to);
        let e = regie_planner::model::load::load_str(&t, "s.yaml")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(&format!("s.yaml:{l}:")), "{to} : {e}");
        assert!(e.contains("invalide"), "{to} : {e}");
    }
    // A time range with spaces around its dash, in a salarié·e's availability.
    let (t, l) = edited(
        "  - id: s01\n",
        "  - id: s01\n    disponibilites: { lun: [\"08:30 - 16:30\"] }\n",
    );
    let e = regie_planner::model::load::load_str(&t, "s.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains(&format!("s.yaml:{}:", l + 1)), "{e}");
    assert!(
        e.contains("plage horaire invalide « 08:30 - 16:30 »"),
        "{e}"
    );
}

#[test]
fn control_characters_in_ids_and_names_are_refused_and_never_printed_raw() {
    refused_edit(
        "  - id: s01\n",
        "  - id: \"s01\\e[31m\"\n",
        "salaries[0].id",
        "caractère de contrôle U+001B interdit dans « s01\\u{1b}[31m »",
    );
    refused_edit(
        "    nom: Awa D.\n",
        "    nom: \"Awa\\rD.\"\n",
        "salaries[0].nom",
        "U+000D",
    );
    refused_edit(
        "  nom: Régie de quartier du Chemin Vert",
        "  nom: \"Régie\\u202Eevil\"",
        "regie.nom",
        "U+202E",
    );
    // Through the binary: nothing raw on the terminal either.
    let dir = tempfile::tempdir().expect("tempdir");
    let s = dir.path().join("s.yaml");
    let (t, _) = edited("  - id: s01\n", "  - id: \"s01\\e[31m\"\n");
    std::fs::write(&s, t).expect("write");
    let out = regie(&["valider", arg(&s)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b) && !out.stdout.contains(&0x1b));
}

#[test]
fn variants_numbers_out_of_range_are_refused() {
    use regie_planner::whatif::variants::load_variants_str;
    let text = std::fs::read_to_string("tests/fixtures/variantes/exemple.yaml").expect("variantes");
    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "absenteisme: { taux: 0.08, tirages: 4, graine: 7 }",
            "absenteisme: { taux: 0.08, tirages: 4, graine: 7, cible_p90_heures: 10, tampon: { profil: t, max: 4000000000, contrat: { type: cddi_aci, heures_hebdo: 26 } } }",
            "absenteisme.tampon.max",
            "nombre de salarié·es tampon hors limites : 4000000000 (attendu de 0 à 20)",
        ),
        (
            "{ profil: cddi-26, max: 3,",
            "{ profil: cddi-26, max: 4294967295,",
            "recrutement.salaries[0].max",
            "nombre d'embauches du profil hors limites : 4294967295 (attendu de 0 à 50)",
        ),
        (
            "solveur: { limite_secondes: 10 }",
            "solveur: { limite_secondes: 10, ecart_relatif: 1e308 }",
            "solveur.ecart_relatif",
            "entre 0 et 1",
        ),
        (
            "  - nom: identique\n",
            "  - nom: \"identique\\e]0;x\\a\"\n",
            "variantes[0].nom",
            "caractère de contrôle U+001B",
        ),
    ];
    for (from, to, path, message) in cases {
        assert!(text.contains(from), "{from}");
        let line = text[..text.find(from).unwrap_or(0)].matches('\n').count() + 1;
        let e = match load_variants_str(&text.replacen(from, to, 1), "v.yaml") {
            Ok(_) => panic!("accepté : {to}"),
            Err(e) => common::without_codes(&e.to_string()),
        };
        let hit = e.lines().find(|l| l.contains(path));
        match hit {
            Some(l) => {
                assert!(l.starts_with(&format!("erreur: v.yaml:{line}:")), "{l}");
                assert!(l.contains(message), "{l}");
            }
            None => panic!("{path} absent :\n{e}"),
        }
    }
}

// ----- 9. all errors at once -----

#[test]
fn a_type_error_does_not_hide_an_unknown_reference_or_an_off_grid_time() {
    let text = exemple_text();
    let line_of = |t: &str, s: &str| t[..t.find(s).unwrap_or(0)].matches('\n').count() + 1;
    let t = text
        .replacen(
            "heures_hebdo: 26, debut: 2026-06-01",
            "heures_hebdo: vingt, debut: 2026-06-01",
            1,
        )
        .replacen("    lieu: residence-a\n", "    lieu: nulle-part\n", 1)
        .replacen(
            "debuts: [\"06:30\", \"07:00\", \"07:30\"]",
            "debuts: [\"06:30\", \"07:10\", \"07:30\"]",
            1,
        );
    let lines = [
        (
            line_of(&t, "vingt"),
            "salaries[0].contrat.heures_hebdo",
            "type incorrect",
        ),
        (
            line_of(&t, "nulle-part"),
            ".lieu",
            "référence inconnue « nulle-part »",
        ),
        (
            line_of(&t, "\"07:10\""),
            ".debuts[1]",
            "hors de la grille de 15 minutes",
        ),
    ];
    let e = match regie_planner::model::load::load_str(&t, "s.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => common::without_codes(&e.to_string()),
    };
    for (line, path, message) in lines {
        let hit = e
            .lines()
            .find(|l| l.starts_with(&format!("erreur: s.yaml:{line}:")) && l.contains(path));
        match hit {
            Some(l) => assert!(l.contains(message), "{l}"),
            None => panic!("ligne {line} {path} absente :\n{e}"),
        }
    }
    assert!(e.ends_with("3 erreur(s) : fichier refusé"), "{e}");
}

#[test]
fn an_item_left_out_for_its_type_error_is_not_also_an_unknown_reference() {
    // s01's contract is malformed: the ateliers and preferences that name s01 are not errors.
    let t = exemple_text().replacen(
        "heures_hebdo: 26, debut: 2026-06-01",
        "heures_hebdo: vingt, debut: 2026-06-01",
        1,
    );
    let e = match regie_planner::model::load::load_str(&t, "s.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => e.to_string(),
    };
    assert!(!e.contains("« s01 »"), "{e}");
    assert!(e.ends_with("1 erreur(s) : fichier refusé"), "{e}");
}

// ----- 10. French everywhere: serde and YAML messages, clap, system errors -----

/// English words that must never reach a user.
const ANGLAIS: [&str; 16] = [
    "expected",
    "invalid type",
    "invalid value",
    "invalid length",
    "field identifier",
    "Value::Tagged",
    "fewer elements",
    "as u128",
    "did not find",
    "mapping",
    "stream",
    "os error",
    "Usage",
    "Print",
    "error:",
    "found",
];

#[track_caller]
fn all_french(s: &str) {
    for w in ANGLAIS {
        assert!(!s.contains(w), "« {w} » dans : {s}");
    }
}

#[test]
fn yaml_and_serde_messages_are_in_french() {
    let cases: [(&str, &str, &str); 7] = [
        (
            "  debut: 2026-11-30\n",
            "  debut: 2026-11-30\n  3: 4\n",
            "attendu un nom de clé",
        ),
        (
            "mobilite: transports",
            "mobilite: { a: 1 }",
            "attendu une valeur parmi celles permises",
        ),
        (
            "[[quartier-ouest, \"06:05\"]",
            "[[quartier-ouest, \"06:05\", 3]",
            "attendu moins d'éléments, trouvé 3 élément(s)",
        ),
        (
            "  jours: 5\n",
            "  jours: 18446744073709551616\n",
            "le nombre entier 18446744073709551616, bien trop grand",
        ),
        (
            "regie:\n  nom: Régie",
            "regie: &\n  nom: Régie",
            "lettre ou chiffre attendu",
        ),
        (
            "regie:\n  nom: Régie de quartier du Chemin Vert\n",
            "regie:\n  <<: 3\n  nom: R\n",
            "« << » (fusion) attend une table de clés",
        ),
        ("version: 1\n", "version: !!binary 1\n", "erreur"),
    ];
    for (from, to, message) in cases {
        let (t, _) = edited(from, to);
        let e = match regie_planner::model::load::load_str(&t, "s.yaml") {
            Ok(_) => panic!("accepté : {to}"),
            Err(e) => e.to_string(),
        };
        assert!(e.contains(message), "{to} : {e}");
        all_french(&e);
    }
    // A file that is not UTF-8, through the binary.
    let dir = tempfile::tempdir().expect("tempdir");
    let s = dir.path().join("s.yaml");
    std::fs::write(&s, b"version: 1\nregie: \xff\xfe\n").expect("write");
    let out = regie(&["valider", arg(&s)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("UTF-8"), "{}", text(&out.stderr));
    all_french(&text(&out.stderr));
}

#[test]
fn system_errors_are_french_without_the_english_os_text() {
    use regie_planner::diag::io_message;
    let m = io_message(&std::io::Error::from_raw_os_error(5));
    assert_eq!(m, "erreur système n° 5");
    let m = io_message(&std::io::Error::from_raw_os_error(2));
    assert_eq!(m, "fichier ou dossier introuvable (erreur système 2)");
    let m = io_message(&std::io::Error::other("boom at path /tmp/.tmpXYZ"));
    assert_eq!(m, "erreur d'entrée-sortie");
}

#[test]
fn clap_help_and_errors_are_in_french() {
    for args in [
        vec!["--help"],
        vec!["planifier", "--help"],
        vec!["rapport", "bilan", "-h"],
        vec!["generer", "--help"],
    ] {
        let out = regie(&args);
        let o = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(o.contains("Utilisation : regie"), "{o}");
        assert!(o.contains("Afficher l'aide"), "{o}");
        all_french(&o);
        assert!(
            !o.contains("[default:") && !o.contains("[possible values"),
            "{o}"
        );
    }
    let o = text(&regie(&["--help"]).stdout);
    assert!(
        o.contains("Commandes:") && o.contains("Afficher la version"),
        "{o}"
    );
    let o = text(&regie(&["generer", "--help"]).stdout);
    assert!(o.contains("[par défaut : 1]"), "{o}");

    let cases: [(&[&str], &str); 5] = [
        (
            &["generer"],
            "erreur : argument(s) obligatoire(s) manquant(s) : --salaries <SALARIES>, --sortie <SORTIE>",
        ),
        (
            &["planifer", "x"],
            "erreur : commande inconnue « planifer » (vouliez-vous dire « planifier » ?)",
        ),
        (
            &["valider", "--frobnicate", "x"],
            "erreur : argument inattendu « --frobnicate »",
        ),
        (
            &[
                "planifier",
                "s.yaml",
                "-o",
                "p.json",
                "--limite-secondes",
                "abc",
            ],
            "valeur « abc » invalide pour « --limite-secondes <LIMITE_SECONDES> » : ce n'est pas un nombre",
        ),
        (
            &[
                "verifier",
                "s",
                "p",
                "--publie",
                "x",
                "--figer-jusqu-au",
                "2026-13-01",
            ],
            "date invalide (attendu AAAA-MM-JJ)",
        ),
    ];
    for (args, message) in cases {
        let out = regie(args);
        let e = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?} : {e}");
        assert!(out.stdout.is_empty());
        assert!(e.contains(message), "{args:?} : {e}");
        assert!(
            e.contains("Pour plus d'informations, essayez « --help »."),
            "{e}"
        );
        all_french(&e);
    }
    // The help on a full stdout: a French error, not a panic.
    if let Some(out) = to_dev_full(&["--help"]) {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("sortie standard"),
            "{}",
            text(&out.stderr)
        );
    }
}

// ----- 11. input that scales: size and nesting before parsing, a run too big refused -----

#[test]
fn deep_nesting_is_refused_before_parsing_with_its_line() {
    let deep = format!(
        "version: 1\nregie: {}{}\n",
        "[".repeat(60_000),
        "]".repeat(60_000)
    );
    let e = match regie_planner::model::load::load_str(&deep, "s.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.starts_with("erreur[F003]: s.yaml:2: imbrication trop profonde : plus de 64 niveaux"),
        "{e}"
    );
    let mut blocks = String::from("version: 1\nregie:\n");
    for i in 0..100 {
        blocks.push_str(&format!("{}a{i}:\n", "  ".repeat(i + 1)));
    }
    let e = match regie_planner::model::load::load_str(&blocks, "s.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.contains("erreur[F003]: s.yaml:66: imbrication trop profonde"),
        "{e}"
    );
    // A variants file goes through the same reader.
    let e = match regie_planner::whatif::variants::load_variants_str(&deep, "v.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.contains("erreur[F003]: v.yaml:2: imbrication trop profonde"),
        "{e}"
    );
    // The shipped scenarios are far from the limit.
    for s in ["exemple", "fin-de-mois", "rurale", "regie-70"] {
        let t = std::fs::read_to_string(format!("scenarios/{s}.yaml")).expect("scénario");
        assert!(regie_planner::model::load::load_str(&t, s).is_ok(), "{s}");
    }
}

#[test]
fn a_file_too_large_is_refused_before_parsing() {
    let mut big = exemple_text();
    big.push_str(&"# commentaire\n".repeat(2_500_000));
    let e = match regie_planner::model::load::load_str(&big, "s.yaml") {
        Ok(_) => panic!("accepté"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.starts_with("erreur[F002]: s.yaml: fichier trop grand : 34 Mo (au plus 32 Mo)"),
        "{e}"
    );
}

#[test]
fn a_scenario_too_big_to_plan_is_refused_at_validation() {
    use regie_planner::format::ranges::{MAX_PAIRES, errors, paires};
    let mut sc = regie_planner::model::load::load_str(&exemple_text(), "s.yaml")
        .expect("exemple")
        .scenario;
    let one = paires(&sc) / sc.salaries.len() as u64;
    assert!(one > 0);
    assert!(errors(&sc).is_empty());
    // As many salarié·es as it takes to pass the limit.
    let base = sc.salaries[0].clone();
    let wanted = MAX_PAIRES / one + 1;
    for i in sc.salaries.len() as u64..wanted {
        let mut s = base.clone();
        s.id = format!("x{i}");
        sc.salaries.push(s);
    }
    let e = errors(&sc);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path, "salaries");
    assert_eq!(e[0].code, regie_planner::diag::Code::ScenarioTooLarge);
    assert!(
        e[0].message
            .starts_with("scénario trop grand pour être planifié"),
        "{}",
        e[0].message
    );
    sc.salaries.pop();
    assert!(paires(&sc) <= MAX_PAIRES);
    assert!(errors(&sc).is_empty());
}

#[test]
fn a_pmsmp_day_longer_than_max_heures_jour_is_refused_instead_of_planned_against_rule_7() {
    let (t, l) = with_reglages("  max_heures_jour: 0.25\n");
    let line = t[..t
        .find("pmsmp: [{ du: 2026-12-03")
        .expect("pmsmp de l'exemple")]
        .matches('\n')
        .count()
        + 1;
    assert!(line > l);
    refused_at(
        &t,
        line,
        "salaries[4].pmsmp[0]",
        "une journée de PMSMP compte 5,2 h (heures_hebdo / jours_semaine), plus que reglages.max_heures_jour (0,25 h)",
    );
}

#[test]
fn escape_sequences_of_a_plan_file_are_never_printed_raw() {
    let mut v = plan_value();
    v["affectations"][0]["personne"] = serde_json::json!("s01\u{1b}[2J\u{1b}[31m");
    v["couts"]["x\u{1b}[5m"] = serde_json::json!(1.0);
    let (code, out) = verifier_on(&v);
    assert_eq!(code, Some(1), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains("« s01\\u{1b}[2J\\u{1b}[31m » n'est pas un·e"),
        "{out}"
    );
    assert!(out.contains("coût « x\\u{1b}[5m » inconnu"), "{out}");
    // An unknown key of the plan, in the error on stderr.
    let (dir, s, _) = workspace();
    let mut v = plan_value();
    v["\u{1b}]0;titre\u{7}"] = serde_json::json!(1);
    let p = write_plan(dir.path(), &v);
    let out = regie(&["verifier", arg(&s), arg(&p)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("clé inconnue"),
        "{}",
        text(&out.stderr)
    );
}
