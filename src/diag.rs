//! Diagnostics: errors and warnings about an input file, in French, with file, line, column and
//! the path of the item (`salaries[3].contrat.heures_hebdo`).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Erreur,
    Avertissement,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
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
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that stops a command, each rendered in French for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("impossible de lire « {path} » : {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("impossible d'écrire « {path} » : {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{0}")]
    Other(String),
}

fn render_all(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|x| x.severity == Severity::Erreur).count();
    let mut s: String = d.iter().map(|x| format!("{x}\n")).collect();
    s.push_str(&format!("{errors} erreur(s) : fichier refusé"));
    s
}

pub type Result<T> = std::result::Result<T, Error>;
