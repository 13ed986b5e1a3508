//! Loading a scenario, all three stages: the file parsed and deserialized
//! ([`crate::format::load`]), then validated, the file's own checks and the coherence checks
//! with the derived facts ([`super::coherence`]). Every diagnostic gets its file, line and
//! column from its item path and comes in file order.

use super::coherence;
use crate::diag::{Diagnostic, Error, Result};
use crate::format::load::{in_file_order, parse, read_gtfs};
use crate::format::scenario::Scenario;
use std::path::Path;

/// A scenario that passed validation, with its warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario.
    pub scenario: Scenario,
    /// Its warnings (accepted, worth a look).
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates a scenario file. `Err(Error::Invalid)` holds every error found.
pub fn load_scenario(path: &Path) -> Result<Loaded> {
    let text = crate::io::read_to_string(path)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    load_in(&text, &path.display().to_string(), dir)
}

/// Same as [`load_scenario`] for a text already read; `file` names it in diagnostics. A
/// `replanification.plan` is read relative to the current folder.
pub fn load_str(text: &str, file: &str) -> Result<Loaded> {
    load_in(text, file, Path::new(""))
}

/// [`load_str`] with `replanification.plan` read relative to `dir`.
pub fn load_in(text: &str, file: &str, dir: &Path) -> Result<Loaded> {
    load_with(text, file, Some(dir))
}

/// A scenario kept in the registre: its `replanification` block, if any, is left out (the
/// published plan it names was the publication's input; the registre keeps the week's plan).
pub(crate) fn load_stored(text: &str, file: &str) -> Result<Loaded> {
    load_with(text, file, None)
}

/// Loads a scenario; `dir`: where `replanification.plan` is read (`None`: the block is left
/// out).
fn load_with(text: &str, file: &str, dir: Option<&Path>) -> Result<Loaded> {
    let (mut scenario, spans) = parse(text, file, dir)?;
    // A `gtfs` feed is read once the file's own checks pass (its ids and period are sound),
    // and before the coherence checks, which read the commutes it gives. A scenario kept in
    // the registre (`dir` `None`) is read without its feed.
    if let Some(dir) = dir {
        let errors = crate::format::validate::errors(&scenario);
        if !errors.is_empty() {
            return Err(Error::Invalid(in_file_order(errors, file, &spans)));
        }
        read_gtfs(&mut scenario, dir, file, &spans)?;
    }
    match coherence::validate(&scenario) {
        Err(errors) => Err(Error::Invalid(in_file_order(errors, file, &spans))),
        Ok(mut warnings) => {
            warnings.extend(crate::format::gtfs::warnings(&scenario));
            Ok(Loaded {
                warnings: in_file_order(warnings, file, &spans),
                scenario,
            })
        }
    }
}
