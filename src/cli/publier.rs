//! `regie publier SCENARIO PLAN`: records the week's scenario and plan in the registre, once the
//! plan is checked against the scenario (same régie and period, `regie verifier` accepts it).
//! Publishing the same week again records a new version; earlier ones are kept.

use crate::diag::Result;
use crate::registre::{Registre, verifier_publication};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Scénario de la semaine (YAML)
    pub scenario: PathBuf,
    /// Plan de la semaine (JSON), calculé par « regie planifier »
    pub plan: PathBuf,
    #[command(flatten)]
    pub registre: super::RegistreArg,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let scenario_file = args.scenario.display().to_string();
    let plan_file = args.plan.display().to_string();
    let scenario_text = crate::io::read_to_string(&args.scenario)?;
    let plan_text = crate::io::read_to_string(&args.plan)?;
    // A `replanification.plan` is read relative to the scenario's folder.
    let dir = args.scenario.parent().unwrap_or(std::path::Path::new(""));
    let loaded = crate::model::load::load_in(&scenario_text, &scenario_file, dir)?;
    for w in &loaded.warnings {
        crate::stderr_line!("{w}");
    }
    let sc = &loaded.scenario;
    let plan = crate::check::parse_plan(&plan_text, &plan_file)?;
    verifier_publication(sc, &scenario_file, &plan, &plan_file)?;
    let mut reg = Registre::ouvrir(&args.registre.registre, true)?;
    let p = reg.publier(
        sc,
        &scenario_text,
        &plan,
        &plan_text,
        super::pause_test().as_deref(),
    )?;
    let fin = crate::model::calendar::period_days(sc)
        .last()
        .copied()
        .unwrap_or(sc.periode.debut);
    if !p.nouvelle {
        crate::stdout_line!(
            "Semaine du {} au {fin} de « {} » déjà publiée à l'identique (version {}) dans {} : rien n'est changé.",
            sc.periode.debut,
            sc.regie.nom,
            p.version,
            reg.fichier()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    crate::stdout_line!(
        "Semaine du {} au {fin} de « {} » publiée dans {} : version {} ({} affectations).",
        sc.periode.debut,
        sc.regie.nom,
        reg.fichier(),
        p.version,
        plan.affectations.len()
    )?;
    if let Some(v) = p.remplace {
        crate::stdout_line!(
            "Elle remplace la version {v}, gardée dans le registre mais plus comptée ; {} pointage(s) repris sur les affectations inchangées.",
            p.pointages_repris
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
