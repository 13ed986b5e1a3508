use crate::diag::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(scenario: &Path) -> Result<ExitCode> {
    let loaded = crate::format::load::load_scenario(scenario)?;
    for w in &loaded.warnings {
        println!("{w}");
    }
    println!(
        "Scénario valide : {} salarié·es.",
        loaded.scenario.salaries.len()
    );
    Ok(ExitCode::SUCCESS)
}
