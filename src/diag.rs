//! Diagnostics: errors and warnings about an input file, in French, with file, line, column and
//! the path of the item (`salaries[3].contrat.heures_hebdo`).

use std::fmt;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file is refused.
    Erreur,
    /// The file is accepted; something deserves a look.
    Avertissement,
}

/// One problem of a file, with where it is and what is wrong (in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file concerned.
    pub file: String,
    /// 1-based line, when YAML gives it.
    pub line: Option<usize>,
    /// 1-based column, when YAML gives it.
    pub column: Option<usize>,
    /// Item path, e.g. `salaries[3].contrat.heures_hebdo`; empty for the whole file.
    pub path: String,
    /// The message, in French.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Erreur => "erreur",
            Severity::Avertissement => "avertissement",
        };
        write!(f, "{kind}: {}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        // Paths and messages quote the file's own texts: never raw control characters.
        if !self.path.is_empty() {
            write!(f, ": {}", terminal(&self.path))?;
        }
        write!(f, ": {}", terminal(&self.message))
    }
}

/// Everything that stops a command, each rendered in French for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file that cannot be read.
    #[error("impossible de lire « {path} » : {}", io_message(.source))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file that cannot be written.
    #[error("impossible d'écrire « {path} » : {}", io_message(.source))]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Standard output refused a write. A closed pipe (`regie … | head`) ends the command
    /// quietly (exit code 1, no message: the reader has gone); other errors are shown.
    #[error("impossible d'écrire sur la sortie standard : {}", io_message(.0))]
    Stdout(std::io::Error),
    /// Diagnostics of an invalid input, every one at once.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    /// Any other error, its message in French.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The reader of standard output has gone (`regie … | head -1`): nothing to say.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// An input/output error in French (the system's own words, in English, for the rare others).
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let fr = match e.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "permission refusée",
        K::AlreadyExists => "le fichier existe déjà",
        K::StorageFull => "plus de place sur le disque",
        K::QuotaExceeded => "quota de disque dépassé",
        K::BrokenPipe => "tube fermé par le lecteur",
        K::IsADirectory => "c'est un dossier",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        K::InvalidData => "contenu illisible (ce n'est pas du texte UTF-8)",
        K::FileTooLarge => "fichier trop grand",
        K::Interrupted => "opération interrompue",
        K::CrossesDevices => "déplacement impossible d'un disque à l'autre",
        K::DirectoryNotEmpty => "dossier non vide",
        K::InvalidFilename => "nom de fichier invalide",
        K::WriteZero => "écriture impossible (aucun octet accepté)",
        K::OutOfMemory => "mémoire insuffisante",
        K::TimedOut => "délai dépassé",
        K::Unsupported => "opération non prise en charge par le système",
        K::ResourceBusy => "ressource occupée",
        K::ExecutableFileBusy => "fichier exécutable en cours d'utilisation",
        K::TooManyLinks => "trop de liens",
        K::InvalidInput => "paramètre invalide",
        K::UnexpectedEof => "fin de fichier inattendue",
        K::ArgumentListTooLong => "liste d'arguments trop longue",
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => "réseau inaccessible",
        // The system's own words are English ("… (os error 5) at path …"): only its number.
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("erreur système n° {n}"),
                None => "erreur d'entrée-sortie".to_owned(),
            };
        }
    };
    match e.raw_os_error() {
        Some(n) => format!("{fr} (erreur système {n})"),
        None => fr.to_owned(),
    }
}

fn render_all(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|x| x.severity == Severity::Erreur).count();
    let mut s: String = d.iter().map(|x| format!("{x}\n")).collect();
    s.push_str(&format!("{errors} erreur(s) : fichier refusé"));
    s
}

/// The library's result, with its French [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A line for the terminal: control characters (escape sequences, carriage returns, tabulations,
/// bidirectional overrides) written escaped (`\u{1b}`), never raw. Texts of a plan file reach the
/// terminal unchecked by validation.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}
