//! `regie simuler BASE.yaml VARIANTES.yaml`: what-if for bids (see [`crate::whatif`] and
//! `docs/simulation.md`). Prints the comparison table; writes it as HTML and CSV on request.

use crate::diag::Result;
use crate::whatif::{self, render, variants};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Scénario de base (YAML)
    pub base: PathBuf,
    /// Fichier de variantes (YAML, voir docs/simulation.md)
    pub variantes: PathBuf,
    /// Écrit le tableau comparatif en HTML (page autonome)
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Écrit le tableau comparatif en CSV pour un tableur français (point-virgule, virgule
    /// décimale, UTF-8 avec BOM, en-têtes en français)
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// CSV pour les scripts : virgule, point décimal, sans BOM, colonnes codées stables (voir
    /// docs/simulation.md)
    #[arg(long, requires = "csv")]
    pub(crate) csv_international: bool,
    /// Limite de temps de chaque résolution, en secondes (remplace solveur.limite_secondes)
    #[arg(long, allow_negative_numbers = true)]
    pub limite_secondes: Option<f64>,
    /// Nombre de calculs en parallèle, 0 : un par cœur
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// N'affiche pas la progression sur la sortie d'erreur
    #[arg(long)]
    pub silencieux: bool,
    /// Affiche aussi le coût de chaque variante au terminal (il ne se compare qu'entre
    /// variantes aux mêmes effectifs ; le CSV et le détail du HTML l'ont toujours)
    #[arg(long)]
    pub cout: bool,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    use crate::io::Fichier;
    let sorties: Vec<Fichier> = (args.csv.iter().map(|p| Fichier::new("--csv", p)))
        .chain(args.html.iter().map(|p| Fichier::new("--html", p)))
        .collect();
    crate::io::check_distinct(
        &[
            Fichier::new("scénario de base", &args.base),
            Fichier::new("variantes", &args.variantes),
        ],
        &sorties,
    )?;
    super::check_limite(args.limite_secondes)?;
    let loaded = crate::model::load::load_scenario(&args.base)?;
    for w in &loaded.warnings {
        crate::stderr_line!("{w}");
    }
    let base = loaded.scenario;
    let text = crate::io::read_to_string(&args.variantes)?;
    let file = args.variantes.display().to_string();
    let fichier = variants::load_variants_str(&text, &file)?;
    let prepared = whatif::prepare(&base, &fichier, &text, &file)?;
    let reglages = whatif::Reglages {
        limite_secondes: args.limite_secondes,
        threads: args.threads,
        progression: !args.silencieux,
    };
    let mut opts = whatif::options(&base, &fichier, &reglages);
    super::developer_switches(&mut opts);
    let tableau = whatif::simulate(&base.regie.nom, &prepared, &opts, &reglages).map_err(|e| {
        crate::format::load::locate_all(e, &file, &crate::format::spans::SpanIndex::build(&text))
    })?;
    // Files first: a closed stdout must not lose them.
    if let Some(p) = &args.csv {
        let text = if args.csv_international {
            render::csv(&tableau, true)
        } else {
            render::csv_francais(&tableau, true)
        };
        crate::io::write_atomic(p, text.as_bytes())?;
    }
    if let Some(p) = &args.html {
        crate::io::write_atomic(p, render::html(&tableau).as_bytes())?;
    }
    let mut out = render::terminal_avec(&tableau, args.cout);
    if let Some(p) = &args.csv {
        out.push_str(&format!("Tableau CSV écrit dans {}\n", p.display()));
    }
    if let Some(p) = &args.html {
        out.push_str(&format!("Tableau HTML écrit dans {}\n", p.display()));
    }
    crate::io::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
