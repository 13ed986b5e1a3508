use crate::diag::{Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Nombre de salarié·es (12 à 600)
    #[arg(long)]
    pub salaries: usize,
    /// Graine du générateur
    #[arg(long, default_value_t = 1)]
    pub graine: u64,
    /// Fichier à écrire
    #[arg(short = 'o', long)]
    pub sortie: PathBuf,
}

pub fn run(_args: &Args) -> Result<ExitCode> {
    Err(Error::Other(
        "« generer » n'est pas encore disponible".into(),
    ))
}
