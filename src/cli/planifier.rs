use crate::diag::{Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fichier scénario (YAML)
    pub scenario: PathBuf,
    /// Fichier plan à écrire (JSON)
    #[arg(short = 'o', long)]
    pub sortie: PathBuf,
    /// Limite de temps du solveur, en secondes (remplace reglages.solveur.limite_secondes)
    #[arg(long)]
    pub limite_secondes: Option<f64>,
    /// Écart relatif toléré (remplace reglages.solveur.ecart_relatif)
    #[arg(long)]
    pub ecart: Option<f64>,
    /// Graine du solveur (remplace reglages.solveur.graine)
    #[arg(long)]
    pub graine: Option<u32>,
    /// Nombre de threads du solveur, 0 : automatique (remplace reglages.solveur.threads)
    #[arg(long)]
    pub threads: Option<u32>,
}

pub fn run(_args: &Args) -> Result<ExitCode> {
    Err(Error::Other(
        "« planifier » n'est pas encore disponible".into(),
    ))
}
