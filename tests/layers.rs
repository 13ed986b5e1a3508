//! The library's layers point down only (README, « Architecture »): every `crate::X` path in a
//! module of `src/` names a module of a lower layer. Read from the source text, so a new upward
//! `use` (or a full path in code) fails this test with the file and line that wrote it.

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules of `src/`, lowest layer first; a module may use the modules of the
/// layers before its own, never its own layer's others nor a later one.
const LAYERS: &[&[&str]] = &[
    &["diag"],
    &["texte", "io"],
    &["format"],
    &["model"],
    &["check", "generate"],
    &["kernel"],
    &["report"],
    &["whatif", "registre"],
    &["importer"],
    &["cli"],
];

/// Upward uses that are known and left for later, with the reason; each must still be found
/// (remove it here once fixed).
const KNOWN: &[(&str, &str, &str)] = &[];

/// Macros exported at the crate root (`crate::stdout_line!`), with the module that defines them.
const MACROS: &[(&str, &str)] = &[("stdout_line", "io"), ("stderr_line", "io")];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The identifiers that follow `prefix` in `code` (one line, comments already cut), skipping a
/// `prefix` glued to a longer path or identifier (`my_crate::`, `a::super::`).
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        out.push(
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect(),
        );
    }
    out
}

/// Every `crate::NAME` in the code of `text` (line comments and doc comments left out), with its
/// 1-based line.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for name in names_after(code, "crate::") {
            let name = match MACROS.iter().find(|m| m.0 == name) {
                Some(m) => m.1.to_owned(),
                None => name,
            };
            out.push((n + 1, name));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("{dir:?} illisible");
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every use of a module by another one in `src/`: (from, to, file:line).
fn uses() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        let top = rel
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_owned();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{f:?} : {e}"));
        for (line, to) in crate_paths(&text) {
            if to != top {
                out.push((top.clone(), to, format!("src/{rel}:{line}")));
            }
        }
    }
    out
}

#[test]
fn every_module_of_src_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for e in std::fs::read_dir(&src).expect("src").flatten() {
        let name = e
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if name != "lib" && name != "main" && layer(&name).is_none() {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "modules sans couche : {missing:?}");
}

#[test]
fn layers_point_down_only() {
    let mut upward = Vec::new();
    let mut known_seen = BTreeSet::new();
    for (from, to, at) in uses() {
        let (Some(lf), Some(lt)) = (layer(&from), layer(&to)) else {
            upward.push(format!("{at}: {from} → {to} (module inconnu)"));
            continue;
        };
        if lt < lf {
            continue;
        }
        if let Some(k) = KNOWN.iter().find(|k| k.0 == from && k.1 == to) {
            known_seen.insert(k.0.to_owned() + "→" + k.1);
            continue;
        }
        upward.push(format!("{at}: {from} → {to}"));
    }
    assert!(
        upward.is_empty(),
        "usages vers le haut ou dans la même couche :\n{}",
        upward.join("\n")
    );
    let stale: Vec<_> = KNOWN
        .iter()
        .filter(|k| !known_seen.contains(&(k.0.to_owned() + "→" + k.1)))
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions corrigées, à retirer de KNOWN : {stale:?}"
    );
}

#[test]
fn the_scanner_sees_paths_and_skips_comments() {
    let text = "use crate::model::Facts;\n// crate::report in a comment\nlet x = crate::check::rule(); // crate::whatif\nfn my_crate::x\ncrate::stdout_line!(out);";
    assert_eq!(
        crate_paths(text),
        vec![
            (1, "model".to_owned()),
            (3, "check".to_owned()),
            (5, "io".to_owned())
        ]
    );
}

/// The kernel's modules, lowest layer first, with the same rule as [`LAYERS`]: the possible
/// activities, then the model and the day rules, the greedy start and what explains a
/// shortfall, the plan written from a solution, HiGHS's run, the day columns and the
/// neighbourhood search, and what a run gives.
const KERNEL_LAYERS: &[&[&str]] = &[
    &["activities"],
    &["build", "day"],
    &["explain", "greedy", "labour"],
    &["output"],
    &["solve"],
    &["colgen", "lns"],
    &["outcome"],
];

/// Every kernel module named in the code of `text` (comments left out), with its 1-based line:
/// `crate::kernel::NAME` anywhere, and `super::NAME` in a file directly under `src/kernel/`
/// (`nested`: a file of a module's own folder, where `super::` is that module).
fn kernel_paths(text: &str, nested: bool) -> Vec<(usize, String)> {
    let parent = if nested { "super::super::" } else { "super::" };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for prefix in ["crate::kernel::", parent] {
            out.extend(
                names_after(code, prefix)
                    .into_iter()
                    .map(|name| (n + 1, name)),
            );
        }
    }
    out
}

#[test]
fn the_kernels_modules_point_down_only() {
    let kernel = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/kernel");
    let layer = |m: &str| KERNEL_LAYERS.iter().position(|l| l.contains(&m));
    let mut files = Vec::new();
    rust_files(&kernel, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for f in files {
        let rel = f
            .strip_prefix(&kernel)
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        let from = rel
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_owned();
        if from == "mod" {
            continue;
        }
        seen.insert(from.clone());
        let Some(lf) = layer(&from) else {
            wrong.push(format!("src/kernel/{rel} : module sans couche"));
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{f:?} : {e}"));
        for (line, to) in kernel_paths(&text, rel.contains('/')) {
            match layer(&to) {
                Some(lt) if lt < lf => {}
                // `super::Name` of an item of `kernel/mod.rs`, not a module.
                None if to.chars().next().is_some_and(char::is_uppercase) => {}
                _ if to == from => {}
                _ => wrong.push(format!("src/kernel/{rel}:{line}: {from} → {to}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "usages vers le haut ou dans la même couche du noyau :\n{}",
        wrong.join("\n")
    );
    let listed: BTreeSet<String> = KERNEL_LAYERS
        .iter()
        .flat_map(|l| l.iter().map(|m| m.to_string()))
        .collect();
    assert_eq!(seen, listed, "KERNEL_LAYERS et src/kernel/ diffèrent");
}
