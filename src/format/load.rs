//! Loading a scenario file: YAML → [`Scenario`], every error at once, then validation.
//! (Interim: serde only; the full loader with spans replaces this.)

use super::scenario::Scenario;
use crate::diag::{Diagnostic, Error, Result, Severity};
use std::path::Path;

/// A scenario that passed validation, with its warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates a scenario file. `Err(Error::Invalid)` holds every error found.
pub fn load_scenario(path: &Path) -> Result<Loaded> {
    let text = crate::io::read_to_string(path)?;
    load_str(&text, &path.display().to_string())
}

/// Same as [`load_scenario`] for a text already read; `file` names it in diagnostics.
pub fn load_str(text: &str, file: &str) -> Result<Loaded> {
    match serde_yaml::from_str::<Scenario>(text) {
        Ok(scenario) => Ok(Loaded {
            scenario,
            warnings: vec![],
        }),
        Err(e) => Err(Error::Invalid(vec![Diagnostic {
            severity: Severity::Erreur,
            file: file.to_owned(),
            line: e.location().map(|l| l.line()),
            column: e.location().map(|l| l.column()),
            path: String::new(),
            message: e.to_string(),
        }])),
    }
}
