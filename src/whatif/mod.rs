//! What-if for bids (`regie simuler BASE.yaml VARIANTES.yaml`): variants of a base scenario,
//! each solved by the kernel and compared in one table (French; terminal, CSV, HTML).
//!
//! | module | what |
//! |---|---|
//! | [`variants`] | the variants file (YAML, French keys), loaded with located French errors |
//! | [`apply`] | a variant's operations on a copy of the base, then the scenario validation |
//! | [`measure`] | one solve (checked by the verifier) and the table's measures |
//! | [`recruit`] | the recruitment question: smallest hiring in ETP, then heads |
//! | [`absence`] | the absenteeism question: seeded draws, shortfall distribution, tampon |
//! | [`render`] | the comparison table as aligned text, CSV and HTML |
//!
//! Variants run in parallel (rayon), as do the draws and the recruitment batches inside a
//! variant; every HiGHS solve uses one thread (HiGHS's thread count is process-wide). Every
//! number of the table except the times is the same with one thread or many.

pub mod absence;
pub mod apply;
pub mod measure;
pub mod recruit;
pub mod render;
pub mod variants;

use crate::diag::{Diagnostic, Error, Result};
use crate::format::load;
use crate::format::scenario::Scenario;
use crate::format::spans::{self, SpanIndex};
use crate::kernel::Options;
use measure::{Effectifs, Mesures};
use rayon::prelude::*;
use recruit::Embauches;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use variants::{Fichier, Variante};

/// Name of the table's first row: the base scenario as it is.
pub(crate) const NOM_BASE: &str = "base";

/// How a simulation runs (command-line settings).
#[derive(Debug, Clone, Default)]
pub struct Reglages {
    /// Time limit per solve; else the variants file's, else the base's `reglages.solveur`.
    pub limite_secondes: Option<f64>,
    /// Worker threads (variants, draws, batches in parallel); 0: one per core.
    pub threads: usize,
    /// Progress (variants done / total, elapsed) on stderr.
    pub progression: bool,
}

/// A variant ready to run: its scenario (operations applied and validated) and its questions.
#[derive(Debug, Clone)]
pub struct Preparee {
    /// The variant's name.
    pub nom: String,
    /// Path of the variant in the variants file (`variantes[2]`; empty for the base).
    pub chemin: String,
    /// The variant's scenario.
    pub scenario: Scenario,
    /// The variant.
    pub variante: Variante,
}

/// One row of the comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct Ligne {
    /// The variant's name.
    pub variante: String,
    /// The variant's `description`, for the reader.
    pub description: Option<String>,
    /// Ids of the chantiers the variant adds (a new lot): « nouveau » in the table.
    pub(crate) chantiers_ajoutes: Vec<String>,
    /// The measures of the row's plan: the variant, with its hires when a hiring was found.
    pub mesures: Mesures,
    /// Staffing of the row's scenario (hires included).
    pub effectifs: Effectifs,
    /// `None`: no recruitment question.
    pub embauches: Option<Embauches>,
    /// Production shortfall of the variant without hires (recruitment question only).
    pub manque_sans_embauche: Option<f64>,
    /// The absence draws, when asked.
    pub absences: Option<absence::Resultat>,
    /// Every plan of the row (hires, draws) passed the verifier.
    pub verifie: bool,
    /// Number of solves.
    pub resolutions: usize,
    /// Wall time of the whole row, seconds.
    pub secondes: f64,
}

/// The comparison table: the base first, then the variants in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tableau {
    /// The régie's name.
    pub regie: String,
    /// One line per variant, the base first.
    pub lignes: Vec<Ligne>,
}

/// Applies every variant to the base; all errors at once, located in the variants file `text`
/// (named `file`).
pub fn prepare(base: &Scenario, f: &Fichier, text: &str, file: &str) -> Result<Vec<Preparee>> {
    prepare_unlocated(base, f)
        .map_err(|d| load::locate_all(Error::Invalid(d), file, &SpanIndex::build(text)))
}

/// [`prepare`] without locations (paths only).
pub fn prepare_unlocated(
    base: &Scenario,
    f: &Fichier,
) -> std::result::Result<Vec<Preparee>, Vec<Diagnostic>> {
    let mut out = vec![Preparee {
        nom: NOM_BASE.to_owned(),
        chemin: String::new(),
        scenario: base.clone(),
        variante: Variante {
            nom: NOM_BASE.to_owned(),
            ..Variante::default()
        },
    }];
    let mut errs = Vec::new();
    for (i, v) in f.variantes.iter().enumerate() {
        let path = spans::index("variantes", i);
        match apply::apply(base, v, &path) {
            Ok(sc) => {
                // The questions' profiles are checked once, at their maximum.
                if let Some(r) = &v.recrutement {
                    let maxv: Vec<u32> = r
                        .salaries
                        .iter()
                        .map(|p| p.max)
                        .chain(r.encadrants.iter().map(|p| p.max))
                        .collect();
                    let with = recruit::with_hires(&sc, r, &maxv);
                    if let Err(e) = apply::validated(with, &spans::key(&path, "recrutement")) {
                        errs.extend(e);
                    }
                }
                if let Some(a) = &v.absenteisme
                    && let Some(t) = &a.tampon
                {
                    let with = absence::with_tampons(&sc, t, t.max);
                    if let Err(e) = apply::validated(with, &spans::key(&path, "absenteisme")) {
                        errs.extend(e);
                    }
                }
                out.push(Preparee {
                    nom: v.nom.trim().to_owned(),
                    chemin: path,
                    scenario: sc,
                    variante: v.clone(),
                });
            }
            Err(e) => errs.extend(e),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// The solver options of every solve: one HiGHS thread, the time limit of `r`, else of the
/// variants file, else of the base.
pub fn options(base: &Scenario, f: &Fichier, r: &Reglages) -> Options {
    let mut o = Options::from_reglages(&base.reglages.solveur);
    if let Some(l) = r.limite_secondes.or(f.solveur.limite_secondes) {
        o.limite_secondes = l;
    }
    if let Some(g) = f.solveur.ecart_relatif {
        o.ecart_relatif = g;
    }
    o.threads = 1;
    o.progress = false;
    o
}

/// Runs every prepared variant and builds the table.
pub fn simulate(
    regie: &str,
    prepared: &[Preparee],
    opts: &Options,
    r: &Reglages,
) -> Result<Tableau> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(r.threads)
        .build()
        .map_err(|e| Error::Other(format!("impossible de lancer les fils de calcul : {e}")))?;
    let start = Instant::now();
    let done = AtomicUsize::new(0);
    let total = prepared.len();
    if r.progression {
        crate::stderr_line!("simulation : {total} ligne(s) à calculer");
    }
    let rows: Vec<std::result::Result<Ligne, Vec<Diagnostic>>> = pool.install(|| {
        prepared
            .par_iter()
            .map(|p| {
                let row = run_one(p, opts);
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                if r.progression {
                    crate::stderr_line!(
                        "variantes terminées : {n}/{total} ({:.1} s écoulées)",
                        start.elapsed().as_secs_f64()
                    );
                }
                row
            })
            .collect()
    });
    let mut lignes = Vec::with_capacity(rows.len());
    let mut errs = Vec::new();
    for row in rows {
        match row {
            Ok(l) => lignes.push(l),
            Err(e) => errs.extend(e),
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    Ok(Tableau {
        regie: regie.to_owned(),
        lignes,
    })
}

/// One row: the variant's solve, then its questions.
fn run_one(p: &Preparee, opts: &Options) -> std::result::Result<Ligne, Vec<Diagnostic>> {
    let t = Instant::now();
    let sc = &p.scenario;
    let sans = measure::solve(sc, opts, sc.salaries.len());
    let mut resolutions = 1;
    let mut verifie = sans.verifie;
    let manque_sans_embauche = p.variante.recrutement.as_ref().map(|_| sans.manque);
    let (embauches, scenario, mesures) = match &p.variante.recrutement {
        Some(r) => {
            let found = recruit::search(sc, r, opts, &sans);
            resolutions += found.resolutions;
            verifie &= found.mesures.verifie;
            (Some(found.embauches), found.scenario, found.mesures)
        }
        None => (None, sc.clone(), sans),
    };
    let absences = match &p.variante.absenteisme {
        Some(a) => {
            let res = absence::simulate(&scenario, a, opts, &spans::key(&p.chemin, "absenteisme"))?;
            resolutions += res.resolutions;
            verifie &= res.sans_tampon.verifie;
            if let Some(absence::Tampon::Atteint { distribution, .. }) = &res.tampon {
                verifie &= distribution.verifie;
            }
            Some(res)
        }
        None => None,
    };
    Ok(Ligne {
        variante: p.nom.clone(),
        description: p.variante.description.clone(),
        chantiers_ajoutes: p
            .variante
            .ajouter_chantiers
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        effectifs: Effectifs::of(&scenario),
        mesures,
        embauches,
        manque_sans_embauche,
        absences,
        verifie,
        resolutions,
        secondes: t.elapsed().as_secs_f64(),
    })
}
