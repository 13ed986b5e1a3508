//! The `regie` command line. `main` calls [`run`]; each subcommand lives in its own file and
//! returns the process exit code; errors are rendered in French by `main`.

mod generer;
mod planifier;
mod rapport;
mod simuler;
mod valider;
mod verifier;

use crate::diag::{Error, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "regie",
    version,
    about = "Planification des Régies de Quartier : plan de la semaine, simulations, bilans"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Charge et valide un scénario ; affiche un résumé et les avertissements.
    Valider {
        /// Fichier scénario (YAML)
        scenario: PathBuf,
    },
    /// Vérifie un plan contre toutes les règles dures et recalcule son coût.
    Verifier {
        /// Fichier scénario (YAML)
        scenario: PathBuf,
        /// Fichier plan (JSON)
        plan: PathBuf,
    },
    /// Génère un scénario réaliste (graine fixe : même fichier).
    Generer(generer::Args),
    /// Calcule le plan de la semaine.
    Planifier(planifier::Args),
    /// Compare des variantes d'un scénario (appel d'offres, recrutement, absentéisme).
    Simuler(simuler::Args),
    /// Rapports : plan de la semaine imprimable, bilan production / accompagnement.
    #[command(subcommand)]
    Rapport(rapport::Rapport),
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Valider { scenario } => valider::run(&scenario),
        Command::Verifier { scenario, plan } => verifier::run(&scenario, &plan),
        Command::Generer(args) => generer::run(&args),
        Command::Planifier(args) => planifier::run(&args),
        Command::Simuler(args) => simuler::run(&args),
        Command::Rapport(r) => rapport::run(&r),
    }
}

/// `--limite-secondes` of `planifier` and `simuler`: in ]0, 86 400] like `limite_secondes` in
/// the files; `inf`, `NaN`, 0 or a negative number is refused before anything is solved.
fn check_limite(limite: Option<f64>) -> Result<()> {
    match limite
        .and_then(|v| crate::format::validate::limite_secondes_erreur("--limite-secondes", v))
    {
        Some(m) => Err(Error::Other(m)),
        None => Ok(()),
    }
}
