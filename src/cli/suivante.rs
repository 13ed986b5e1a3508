//! `regie suivante SCENARIO -o SUIVANT.yaml`: next week's scenario, from this week's file and the
//! registre (see [`crate::registre::suivante`]).

use crate::diag::{Error, Result};
use crate::registre::{Registre, suivante};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Scénario de la semaine publiée (YAML)
    pub scenario: PathBuf,
    /// Scénario de la semaine suivante à écrire (YAML)
    #[arg(short = 'o', long)]
    pub sortie: PathBuf,
    #[command(flatten)]
    pub registre: super::RegistreArg,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let fichier = args.scenario.display().to_string();
    let texte = crate::io::read_to_string(&args.scenario)?;
    // A `replanification.plan` is read relative to the scenario's folder.
    let dir = args.scenario.parent().unwrap_or(std::path::Path::new(""));
    let loaded = crate::model::load::load_in(&texte, &fichier, dir)?;
    let sc = &loaded.scenario;
    let reg = Registre::ouvrir(&args.registre.registre, false)?;
    let semaine = reg
        .semaines(Some(&sc.regie.nom))?
        .into_iter()
        .find(|s| s.debut == sc.periode.debut)
        .ok_or_else(|| {
            Error::Other(format!(
                "la semaine du {} de « {} » n'est pas publiée dans {} : publiez-la d'abord (regie publier {fichier} PLAN)",
                sc.periode.debut,
                sc.regie.nom,
                reg.fichier()
            ))
        })?;
    if semaine.scenario != texte {
        crate::stderr_line!(
            "avertissement : « {fichier} » n'est pas le scénario publié (version {}) ; la semaine suivante part de « {fichier} », les rendez-vous du plan publié",
            semaine.version
        );
    }
    let plan = semaine.lire_plan()?;
    let s = suivante::suivante_in(&texte, &fichier, sc, &semaine, &plan, dir)?;
    // Read back from the folder it is written to (a `gtfs.chemin` is relative to it).
    let dir_sortie = args.sortie.parent().unwrap_or(std::path::Path::new(""));
    let loaded_next =
        crate::model::load::load_in(&s.texte, &args.sortie.display().to_string(), dir_sortie)?;
    crate::io::write_atomic(&args.sortie, s.texte.as_bytes())?;
    for m in &s.messages {
        crate::stdout_line!("{m}")?;
    }
    for w in &loaded_next.warnings {
        crate::stderr_line!("{w}");
    }
    let non_pointees = plan
        .affectations
        .len()
        .saturating_sub(semaine.pointages.len());
    if non_pointees > 0 {
        crate::stdout_line!(
            "{non_pointees} affectation(s) sur {} de la semaine du {} ne sont pas pointées (regie pointer).",
            plan.affectations.len(),
            semaine.debut
        )?;
    }
    crate::stdout_line!(
        "Scénario de la période du {} ({} jour(s), {} salarié·es) écrit dans {}{}.",
        s.scenario.periode.debut,
        s.scenario.periode.jours,
        s.scenario.salaries.len(),
        args.sortie.display(),
        if s.commentaires_conserves {
            " (commentaires et mise en page conservés)"
        } else {
            ""
        }
    )?;
    Ok(ExitCode::SUCCESS)
}
