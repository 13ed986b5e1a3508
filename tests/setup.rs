//! `.ci/setup` on simulated fresh machines: a fake `ldconfig` says which shared libraries the
//! machine holds, fake `cmake` / `chromium` say which commands it has, and the script runs in
//! dry-run mode (`REGIE_SETUP_DRY_RUN=1`), printing what it would install.
//!
//! The defect this guards: a machine with `libclang-cpp.so.14` but no `libclang` matched the old
//! detection (`libclang.*\.so`), nothing was installed, and HiGHS's build stopped with
//! "Unable to find libclang".

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// A fresh machine: its `ldconfig -p` lines, whether it has cmake and chromium, and
/// `LIBCLANG_PATH` (a folder holding the given file names).
struct Machine<'a> {
    ldconfig: &'a [&'a str],
    cmake: bool,
    /// A C++ compiler (`c++`).
    cxx: bool,
    chromium: bool,
    libclang_path: Option<&'a [&'a str]>,
}

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("write a fake command");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// What `.ci/setup` would install on that machine (the packages of its "installation :" line).
fn would_install(m: &Machine) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("bin folder");
    // The few real tools the script uses, and nothing else of the host's PATH.
    for tool in ["awk", "grep", "basename", "id"] {
        let real = ["/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(tool))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{tool} is on every Debian machine"));
        std::os::unix::fs::symlink(real, bin.join(tool)).expect("symlink");
    }
    let lines: String = m
        .ldconfig
        .iter()
        .map(|l| format!("\t{l} (libc6,x86-64) => /lib/x86_64-linux-gnu/{l}\\n"))
        .collect();
    script(
        &bin.join("ldconfig"),
        &format!(
            "printf '{} libs found in cache\\n{lines}'",
            m.ldconfig.len()
        ),
    );
    if m.cmake {
        script(&bin.join("cmake"), "exit 0");
    }
    if m.chromium {
        script(&bin.join("chromium"), "exit 0");
    }
    if m.cxx {
        script(&bin.join("c++"), "exit 0");
    }
    let mut cmd = Command::new("/bin/bash");
    cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/setup"))
        .env_clear()
        .env("PATH", &bin)
        .env("REGIE_SETUP_DRY_RUN", "1");
    if let Some(files) = m.libclang_path {
        let lib = dir.path().join("lib");
        std::fs::create_dir(&lib).expect("lib folder");
        for f in files {
            std::fs::write(lib.join(f), b"").expect("fake library");
        }
        cmd.env("LIBCLANG_PATH", &lib);
    }
    let out = cmd.output().expect("bash runs .ci/setup");
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .find_map(|l| l.strip_prefix("installation : "))
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

const FULL: Machine = Machine {
    ldconfig: &["libclang-14.so.1"],
    cmake: true,
    cxx: true,
    chromium: true,
    libclang_path: None,
};

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    let m = Machine {
        ldconfig: &["libclang-cpp.so.14", "libLLVM-14.so.1"],
        ..FULL
    };
    assert_eq!(would_install(&m), ["libclang1-14"]);
}

#[test]
fn each_name_bindgen_loads_counts_as_libclang() {
    for name in [
        "libclang.so",
        "libclang.so.1",
        "libclang-14.so",
        "libclang-14.so.1",
        "libclang-14.so.13",
        "libclang-16.0.6.so.16",
    ] {
        let m = Machine {
            ldconfig: &["libclang-cpp.so.14", name],
            ..FULL
        };
        assert!(would_install(&m).is_empty(), "{name}");
    }
}

#[test]
fn a_bare_machine_gets_everything() {
    let m = Machine {
        ldconfig: &["libc.so.6"],
        cmake: false,
        cxx: false,
        chromium: false,
        libclang_path: None,
    };
    assert_eq!(
        would_install(&m),
        ["cmake", "g++", "libclang1-14", "chromium"]
    );
}

#[test]
fn libclang_path_counts_only_when_it_holds_libclang() {
    let bare = Machine {
        ldconfig: &[],
        ..FULL
    };
    let cpp_only = Machine {
        libclang_path: Some(&["libclang-cpp.so.14"]),
        ..bare
    };
    assert_eq!(would_install(&cpp_only), ["libclang1-14"]);
    let wheel = Machine {
        libclang_path: Some(&["libclang.so"]),
        ..bare
    };
    assert!(would_install(&wheel).is_empty());
}

#[test]
fn a_machine_without_a_cpp_compiler_gets_one() {
    let m = Machine { cxx: false, ..FULL };
    assert_eq!(would_install(&m), ["g++"]);
}

#[test]
fn missing_commands_are_installed() {
    let m = Machine {
        cmake: false,
        cxx: true,
        ..FULL
    };
    assert_eq!(would_install(&m), ["cmake"]);
    let m = Machine {
        chromium: false,
        ..FULL
    };
    assert_eq!(would_install(&m), ["chromium"]);
}
