use crate::diag::{Error, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(_scenario: &Path, _plan: &Path) -> Result<ExitCode> {
    Err(Error::Other(
        "« verifier » n'est pas encore disponible".into(),
    ))
}
