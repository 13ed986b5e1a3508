//! `regie importer SCENARIO TABLEUR -o SORTIE.yaml` and `regie importer SCENARIO --modele
//! TABLEUR` (see [`crate::importer`] and docs/importer.md).

use crate::diag::{Error, Result};
use crate::io::Fichier;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Scénario à compléter (YAML) ; il n'est jamais modifié
    pub scenario: PathBuf,
    /// Tableur à lire (.xlsx : feuilles salaries, encadrants, cips, chantiers ; .csv : une liste, voir --liste)
    #[arg(required_unless_present = "modele")]
    pub tableur: Option<PathBuf>,
    /// Scénario complété à écrire (YAML)
    #[arg(short = 'o', long, required_unless_present = "modele")]
    pub sortie: Option<PathBuf>,
    /// Liste que remplit un fichier CSV : salaries, encadrants, cips ou chantiers
    #[arg(long, default_value = "salaries", value_parser = ["salaries", "encadrants", "cips", "chantiers"])]
    pub liste: String,
    /// Écrit le tableur modèle (.xlsx ou .csv) rempli avec les listes du scénario
    #[arg(long, value_name = "TABLEUR", conflicts_with_all = ["tableur", "sortie"])]
    pub modele: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    if let Some(m) = &args.modele {
        crate::io::check_distinct(
            &[Fichier::new("scénario", &args.scenario)],
            &[Fichier::new("--modele", m)],
        )?;
        let format = crate::registre::feuille::Format::of(m)?;
        let sc = crate::model::load::load_scenario(&args.scenario)?.scenario;
        let bytes = match format {
            crate::registre::feuille::Format::Xlsx => crate::importer::modele_xlsx(&sc)?,
            crate::registre::feuille::Format::Csv => {
                crate::importer::modele_csv(&sc, &args.liste).into_bytes()
            }
        };
        crate::io::write_atomic(m, &bytes)?;
        crate::stdout_line!("Tableur modèle écrit dans {}", m.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(tableur), Some(sortie)) = (&args.tableur, &args.sortie) else {
        return Err(Error::Other(
            "donnez le tableur à lire et -o SORTIE.yaml, ou --modele TABLEUR".to_owned(),
        ));
    };
    crate::io::check_distinct(
        &[
            Fichier::new("scénario", &args.scenario),
            Fichier::new("tableur", tableur),
        ],
        &[Fichier::new("-o", sortie)],
    )?;
    let sc = crate::model::load::load_scenario(&args.scenario)?.scenario;
    let feuilles = crate::importer::lire(tableur, &args.liste)?;
    let (imported, bilan) = crate::importer::importer(&sc, &feuilles)?;
    let texte = crate::generate::to_yaml(&imported);
    // The result must be a valid scenario (references to lieux, CIPs, chantiers…), read from
    // the scenario's folder like the original.
    let dir = args.scenario.parent().unwrap_or(Path::new(""));
    let shown = format!("{} (scénario complété, non écrit)", sortie.display());
    let loaded = match crate::model::load::load_in(&texte, &shown, dir) {
        Ok(l) => l,
        // Errors of an imported item name its row in the spreadsheet.
        Err(Error::Invalid(d)) => {
            return Err(Error::Invalid(
                d.into_iter().map(|x| bilan.vers_tableur(x)).collect(),
            ));
        }
        Err(e) => return Err(e),
    };
    crate::io::write_atomic(sortie, texte.as_bytes())?;
    for w in &loaded.warnings {
        crate::stderr_line!("{w}");
    }
    let mut out = crate::importer::resume(&bilan);
    out.push_str(&format!("Scénario écrit dans {}\n", sortie.display()));
    crate::io::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
