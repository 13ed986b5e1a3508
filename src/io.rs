//! Files and standard streams.
//!
//! - [`check_distinct`]: before anything is solved or written, every output of a command is
//!   compared with every input and with the other outputs (symlinks, `..` and hard links seen
//!   through); a command never overwrites its own input.
//! - [`write_atomic`]: an output regular file is written to a temporary file beside its target,
//!   then renamed, so a failed run never leaves a half-written file; the permission mode of the
//!   file it replaces is kept, a symlink is kept (the file it points to is replaced), and a
//!   special file (`/dev/null`, a named pipe) is written in place.
//! - [`print`]: standard output whose write errors are returned ([`Error::Stdout`]), never a
//!   panic as with `print!`; [`crate::stderr_line!`]: `eprintln!` that never panics.

use crate::diag::{Error, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file of a command line, named for the messages by its role (`scénario`, `--html`…).
#[derive(Debug, Clone, Copy)]
pub struct Fichier<'a> {
    /// What the file is for, as the command line names it (`-o`, `--xlsx`…).
    pub role: &'a str,
    /// The file.
    pub path: &'a Path,
}

impl<'a> Fichier<'a> {
    /// A file with its role.
    pub fn new(role: &'a str, path: &'a Path) -> Fichier<'a> {
        Fichier { role, path }
    }
}

/// Refuses a command whose outputs are one of its inputs, or the same file twice, before
/// anything is read, solved or written. Paths are compared once canonical (symlinks and `..`
/// resolved; an output that does not exist yet by its canonical folder and its name), and
/// existing files by identity (a hard link is the same file). A character device
/// (`/dev/null`) may receive several outputs.
pub(crate) fn check_distinct(inputs: &[Fichier<'_>], outputs: &[Fichier<'_>]) -> Result<()> {
    let ids_in: Vec<Identite> = inputs.iter().map(|f| Identite::of(f.path)).collect();
    let ids_out: Vec<Identite> = outputs.iter().map(|f| Identite::of(f.path)).collect();
    for (i, (o, oid)) in outputs.iter().zip(&ids_out).enumerate() {
        if oid.device {
            continue;
        }
        for (inp, iid) in inputs.iter().zip(&ids_in) {
            if oid.same(iid) {
                return Err(Error::Other(format!(
                    "la sortie « {} » ({}) est le fichier d'entrée « {} » ({}) : une sortie n'écrase jamais une entrée ; choisissez un autre fichier de sortie",
                    o.path.display(),
                    o.role,
                    inp.path.display(),
                    inp.role
                )));
            }
        }
        for (p, pid) in outputs.iter().zip(&ids_out).take(i) {
            if oid.same(pid) {
                return Err(Error::Other(format!(
                    "les sorties « {} » ({}) et « {} » ({}) sont le même fichier : donnez un fichier différent à chaque sortie",
                    p.path.display(),
                    p.role,
                    o.path.display(),
                    o.role
                )));
            }
        }
    }
    Ok(())
}

/// What two paths are compared by.
struct Identite {
    canonical: PathBuf,
    /// (device, inode) of an existing file.
    inode: Option<(u64, u64)>,
    /// An existing character device.
    device: bool,
}

impl Identite {
    fn of(path: &Path) -> Identite {
        let meta = fs::metadata(path).ok();
        Identite {
            canonical: canonical(path),
            inode: meta.as_ref().and_then(inode),
            device: meta.as_ref().is_some_and(is_char_device),
        }
    }

    fn same(&self, other: &Identite) -> bool {
        self.canonical == other.canonical
            || matches!((self.inode, other.inode), (Some(a), Some(b)) if a == b)
    }
}

#[cfg(unix)]
fn inode(m: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(unix)]
fn is_char_device(m: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    m.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_char_device(_: &fs::Metadata) -> bool {
    false
}

/// The canonical path of `path`, which may not exist yet: its symlinks followed, then the
/// canonical path of the file, else of its folder joined with its name, else the absolute path.
fn canonical(path: &Path) -> PathBuf {
    let target = final_target(path);
    if let Ok(c) = fs::canonicalize(&target) {
        return c;
    }
    if let (Some(name), Ok(dir)) = (target.file_name(), fs::canonicalize(parent_dir(&target))) {
        return dir.join(name);
    }
    std::path::absolute(&target).unwrap_or(target)
}

/// The folder of `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The path a chain of symlinks ends at (`path` itself when it is not a symlink); the end may
/// not exist (a dangling link). At most 40 links are followed, as the kernel does.
fn final_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        match fs::read_link(&p) {
            Ok(t) if t.is_absolute() => p = t,
            Ok(t) => p = parent_dir(&p).join(t),
            Err(_) => break,
        }
    }
    p
}

/// Writes `bytes` to `path`:
/// - a regular file (new or replaced) is written to a temporary file in its folder, then
///   renamed over it; a file it replaces keeps its permission mode, a new one gets the mode
///   `File::create` gives (0666 under the umask);
/// - a symlink is kept: the file it points to is replaced;
/// - an existing special file (character device such as `/dev/null`, named pipe) is written in
///   place: a rename would replace it with a regular file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let existing = fs::metadata(path).ok();
    if let Some(m) = &existing
        && !m.is_file()
        && !m.is_dir()
    {
        let mut f = fs::OpenOptions::new().write(true).open(path).map_err(err)?;
        f.write_all(bytes).map_err(err)?;
        return f.flush().map_err(err);
    }
    let target = final_target(path);
    let mut tmp = temporary(parent_dir(&target), existing.as_ref()).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    Ok(())
}

/// A temporary file in `dir` with the permission mode of the file it will replace (`existing`),
/// set before anything is written; else the mode a new file gets.
#[cfg(unix)]
fn temporary(
    dir: &Path,
    existing: Option<&fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    match existing {
        Some(m) => {
            let tmp = tempfile::NamedTempFile::new_in(dir)?;
            let mode = m.permissions().mode() & 0o7777;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(mode))?;
            Ok(tmp)
        }
        // Opened with 0666: the kernel applies the umask, as for `File::create`.
        None => tempfile::Builder::new()
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(dir),
    }
}

#[cfg(not(unix))]
fn temporary(
    dir: &Path,
    _existing: Option<&fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::NamedTempFile::new_in(dir)
}

/// Writes `text` to standard output and flushes it. A full disk or a closed pipe is an
/// [`Error::Stdout`], never a panic.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(Error::Stdout)?;
    out.flush().map_err(Error::Stdout)
}

/// `println!` without its panic: a line on standard output, or the error (full disk, closed
/// pipe) for the caller to turn into the exit code: `crate::stdout_line!("…")?`.
#[macro_export]
macro_rules! stdout_line {
    ($($arg:tt)*) => {
        $crate::io::print(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` without its panic: a message standard error cannot take is dropped (there is
/// nowhere left to report it).
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Reads a whole text file; a French error names the file.
pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("plan.json");
        write_atomic(&target, b"{}").expect("write");
        assert_eq!(fs::read(&target).expect("read"), b"{}");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn an_output_that_does_not_exist_yet_is_compared_by_its_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = dir.path().join("s.yaml");
        fs::write(&s, "x").expect("write");
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).expect("mkdir");
        let same = sub.join("..").join("s.yaml");
        let e = check_distinct(
            &[Fichier::new("scénario", &s)],
            &[Fichier::new("-o", &same)],
        )
        .expect_err("same file");
        assert!(e.to_string().contains("(scénario)"), "{e}");
        let new = sub.join("..").join("plan.json");
        let other = dir.path().join("plan.json");
        check_distinct(&[Fichier::new("scénario", &s)], &[Fichier::new("-o", &new)])
            .expect("distinct");
        let e = check_distinct(
            &[Fichier::new("scénario", &s)],
            &[Fichier::new("-o", &new), Fichier::new("--html", &other)],
        )
        .expect_err("two outputs, one file");
        assert!(e.to_string().contains("(--html)"), "{e}");
    }
}
