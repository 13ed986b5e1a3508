//! The `regie` command line. `main` calls [`run`]; each subcommand lives in its own file and
//! returns the process exit code; errors are rendered in French by `main`.

mod aide;
mod generer;
mod importer;
mod planifier;
mod pointer;
mod publier;
mod rapport;
mod simuler;
mod suivante;
mod valider;
mod verifier;

use crate::diag::{Error, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "regie",
    version,
    about = "Planification des Régies de Quartier : plan de la semaine, simulations, bilans"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        /// Plan publié dont le plan est une replanification (remplace le bloc replanification)
        #[arg(long, value_name = "PUBLIE")]
        publie: Option<PathBuf>,
        /// Dernier jour figé de la replanification (avec --publie)
        #[arg(long, value_name = "DATE", requires = "publie")]
        figer_jusqu_au: Option<chrono::NaiveDate>,
    },
    /// Génère un scénario réaliste (graine fixe : même fichier).
    Generer(generer::Args),
    /// Calcule le plan de la semaine.
    Planifier(planifier::Args),
    /// Refait le plan d'une semaine publiée en changeant le moins possible (jours figés).
    Replanifier(planifier::ReplanArgs),
    /// Compare des variantes d'un scénario (appel d'offres, recrutement, absentéisme).
    Simuler(simuler::Args),
    /// Rapports : plan de la semaine imprimable, bilan production / accompagnement.
    #[command(subcommand)]
    Rapport(rapport::Rapport),
    /// Publie la semaine (scénario et plan vérifiés) dans le registre de la régie.
    Publier(publier::Args),
    /// Pointe ce qui s'est passé : fait, absent (motif), autres heures.
    Pointer(pointer::Args),
    /// Écrit le scénario de la semaine suivante (période, rendez-vous CIP tenus, contrats finis).
    Suivante(suivante::Args),
    /// Complète un scénario avec les salarié·es, encadrant·es et CIP d'un tableur (CSV, XLSX).
    Importer(importer::Args),
}

/// `--registre FICHIER`, shared by the commands that use the registre.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RegistreArg {
    /// Registre de la régie (base SQLite) ; par défaut regie.db dans le dossier courant
    #[arg(long = "registre", value_name = "FICHIER", default_value = crate::registre::FICHIER_DEFAUT)]
    pub registre: PathBuf,
}

/// The registre's test hook (see [`crate::registre::PAUSE_TEST_ENV`]), read here and passed
/// down as a value.
fn pause_test() -> Option<PathBuf> {
    std::env::var_os(crate::registre::PAUSE_TEST_ENV).map(PathBuf::from)
}

/// The developer switches of the kernel, read from the environment here and passed down as
/// values ([`crate::kernel::Options`]; README, « Pour les développeur·ses »):
/// `REGIE_TRACE_CG`, `REGIE_TRACE_LNS` and `REGIE_JOURNAL_HIGHS` (set: on), `REGIE_HEURISTIQUE`
/// (a number: HiGHS's `mip_heuristic_effort`; anything else is ignored).
fn developer_switches(opts: &mut crate::kernel::Options) {
    opts.trace_cg = std::env::var_os("REGIE_TRACE_CG").is_some();
    opts.trace_lns = std::env::var_os("REGIE_TRACE_LNS").is_some();
    opts.highs_log = std::env::var_os("REGIE_JOURNAL_HIGHS").is_some();
    opts.heuristic_effort = std::env::var("REGIE_HEURISTIQUE")
        .ok()
        .and_then(|v| v.parse::<f64>().ok());
}

/// Runs `regie` on the process's arguments: the exit code, or the error that `main` prints.
pub fn run() -> Result<ExitCode> {
    // clap's help and errors in French (see `aide`).
    let matches = match aide::franciser(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => return aide::sortir(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return aide::sortir(&e),
    };
    match cli.command {
        Command::Valider { scenario } => valider::run(&scenario),
        Command::Verifier {
            scenario,
            plan,
            publie,
            figer_jusqu_au,
        } => verifier::run(&scenario, &plan, publie.as_deref(), figer_jusqu_au),
        Command::Generer(args) => generer::run(&args),
        Command::Planifier(args) => planifier::run(&args),
        Command::Replanifier(args) => planifier::run_replanifier(&args),
        Command::Simuler(args) => simuler::run(&args),
        Command::Rapport(r) => rapport::run(&r),
        Command::Publier(args) => publier::run(&args),
        Command::Pointer(args) => pointer::run(&args),
        Command::Suivante(args) => suivante::run(&args),
        Command::Importer(args) => importer::run(&args),
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
