//! `regie verifier SCENARIO PLAN.json`: checks a plan against every hard rule and its declared
//! cost; exit 0 only for a conforming plan with the right cost.

use crate::check::{check_plan, read_plan_for, render_report};
use crate::diag::Result;
use crate::model::Facts;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    scenario: &Path,
    plan: &Path,
    publie: Option<&Path>,
    figer: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let mut loaded = crate::model::load::load_scenario(scenario)?;
    if let Some(p) = publie {
        super::planifier::set_replanification(&mut loaded.scenario, p, figer)?;
    }
    let plan = read_plan_for(plan, &loaded.scenario)?;
    let facts = Facts::new(&loaded.scenario);
    let report = check_plan(&loaded.scenario, &facts, &plan);
    crate::io::print(&render_report(&report, &plan))?;
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
