//! `regie generer`: writes a seeded, realistic scenario (see [`crate::generate`]).
use crate::diag::{Error, Result};
use crate::generate::{self, MAX_SALARIES, MIN_SALARIES};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Nombre de salarié·es (12 à 600)
    #[arg(long)]
    pub salaries: usize,
    /// Graine du générateur (même graine, même fichier)
    #[arg(long, default_value_t = 1)]
    pub graine: u64,
    /// Fichier à écrire
    #[arg(short = 'o', long)]
    pub sortie: PathBuf,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    if !(MIN_SALARIES..=MAX_SALARIES).contains(&args.salaries) {
        return Err(Error::Other(format!(
            "nombre de salarié·es hors limites : {} (attendu entre {MIN_SALARIES} et {MAX_SALARIES})",
            args.salaries
        )));
    }
    let sc = generate::generate(args.salaries, args.graine);
    let mut text = format!(
        "# Scénario généré par « regie generer --salaries {} --graine {} » (même graine : même fichier).\n",
        args.salaries, args.graine
    );
    text.push_str(&generate::to_yaml(&sc));
    crate::io::write_atomic(&args.sortie, text.as_bytes())?;
    crate::io::print(&format!(
        "{} : {}\n",
        args.sortie.display(),
        generate::resume(&sc)
    ))?;
    Ok(ExitCode::SUCCESS)
}
