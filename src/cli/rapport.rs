//! `regie rapport semaine` (the printable weekly plan of an existing plan) and `regie rapport
//! bilan` (the balance across plans). See docs/rapports.md.

use crate::diag::{Error, Result};
use crate::format::plan::Plan;
use crate::format::scenario::Scenario;
use crate::io::Fichier;
use crate::model::Facts;
use crate::report::{Noms, bilan, semaine};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Rapport {
    /// Plan de la semaine imprimable (HTML A4 paysage, XLSX) d'un plan existant.
    Semaine {
        /// Fichier scénario (YAML)
        scenario: PathBuf,
        /// Fichier plan (JSON)
        plan: PathBuf,
        #[command(flatten)]
        vues: Vues,
        /// Remplace les noms des personnes par des identifiants stables
        #[arg(long)]
        pseudonymiser: bool,
        /// Avec --pseudonymiser : les pseudonymes gardés dans ce registre (créé au besoin ; sans
        /// FICHIER : regie.db), pour qu'une personne garde le sien d'un rapport à l'autre
        #[arg(long, value_name = "FICHIER", num_args = 0..=1,
              default_missing_value = crate::registre::FICHIER_DEFAUT,
              requires = "pseudonymiser")]
        registre: Option<PathBuf>,
    },
    /// Bilan production / accompagnement sur un ou plusieurs plans.
    Bilan(BilanArgs),
}

/// The weekly views to write (also the options of `planifier`).
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct Vues {
    /// Plan de la semaine en HTML (un seul fichier, imprimable en A4 paysage)
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Plan de la semaine en XLSX (une feuille par vue)
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Un calendrier iCalendar (.ics) par salarié·e, encadrant·e et CIP, écrit dans ce dossier
    #[arg(long, value_name = "DOSSIER")]
    pub ics: Option<PathBuf>,
    /// Date d'édition imprimée sur chaque page (AAAA-MM-JJ) ; par défaut la date du jour
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    pub edition: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("date « {s} » invalide : attendu AAAA-MM-JJ (ex. 2026-11-27)"))
}

/// Today's date (UTC), for the date of issue when `--edition` is not given: the only place
/// where a report reads the clock (docs/rapports.md).
fn aujourdhui() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_signed(chrono::TimeDelta::try_days(days)?))
        .unwrap_or_default()
}

impl Vues {
    /// The files to write, named by their option.
    pub(crate) fn fichiers(&self) -> Vec<Fichier<'_>> {
        let html = self.html.iter().map(|p| Fichier::new("--html", p));
        html.chain(self.xlsx.iter().map(|p| Fichier::new("--xlsx", p)))
            .collect()
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct BilanArgs {
    /// Fichiers plan (JSON), un ou plusieurs
    #[arg(required_unless_present = "registre")]
    pub plans: Vec<PathBuf>,
    /// Scénario (YAML) : un seul vaut pour tous les plans ; sinon autant que de plans, dans
    /// le même ordre
    #[arg(long = "scenario", required_unless_present = "registre")]
    pub scenarios: Vec<PathBuf>,
    /// Lit les semaines publiées dans le registre au lieu de fichiers plan : la version courante
    /// de chaque semaine, réalisée là où elle est pointée, prévue ailleurs (sans FICHIER :
    /// regie.db)
    #[arg(long, value_name = "FICHIER", num_args = 0..=1,
          default_missing_value = crate::registre::FICHIER_DEFAUT,
          conflicts_with_all = ["plans", "scenarios"])]
    pub registre: Option<PathBuf>,
    /// Ne garder que ce mois (AAAA-MM)
    #[arg(long)]
    pub mois: Option<String>,
    /// Bilan en HTML (graphiques inclus)
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Dossier où écrire les tableaux en CSV (créé au besoin)
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Bilan en XLSX (une feuille par tableau)
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// CSV pour les scripts : virgule, point décimal, sans BOM, en-têtes codés (par défaut :
    /// CSV pour un tableur français, point-virgule, virgule décimale, UTF-8 avec BOM)
    #[arg(long, requires = "csv")]
    pub(crate) csv_international: bool,
    /// Remplace les noms des personnes par des identifiants stables
    #[arg(long)]
    pub pseudonymiser: bool,
}

pub fn run(r: &Rapport) -> Result<ExitCode> {
    match r {
        Rapport::Semaine {
            scenario,
            plan,
            vues,
            pseudonymiser,
            registre,
        } => {
            if vues.html.is_none() && vues.xlsx.is_none() && vues.ics.is_none() {
                return Err(Error::Other(
                    "rien à écrire : donnez --html FICHIER, --xlsx FICHIER et/ou --ics DOSSIER"
                        .to_owned(),
                ));
            }
            if vues.ics.is_some() && *pseudonymiser {
                return Err(Error::Other(
                    "--ics écrit le calendrier nominatif de chaque personne : il ne se combine pas avec --pseudonymiser"
                        .to_owned(),
                ));
            }
            let mut entrees = vec![
                Fichier::new("scénario", scenario),
                Fichier::new("plan", plan),
            ];
            entrees.extend(registre.iter().map(|p| Fichier::new("--registre", p)));
            crate::io::check_distinct(&entrees, &vues.fichiers())?;
            let loaded = crate::model::load::load_scenario(scenario)?;
            for w in &loaded.warnings {
                crate::stderr_line!("{w}");
            }
            let plan_path = plan;
            let plan = crate::check::read_plan_for(plan_path, &loaded.scenario)?;
            let entrees = [
                Fichier::new("scénario", scenario),
                Fichier::new("plan", plan_path),
            ];
            let noms = match registre {
                Some(path) => crate::registre::Registre::ouvrir(path, true)?
                    .pseudonymes(&plan.regie, &[&loaded.scenario])?,
                None => Noms::new(&loaded.scenario, *pseudonymiser),
            };
            let written = write_views_noms(&loaded.scenario, &plan, vues, &noms, &entrees)?;
            crate::io::print(&written)?;
            Ok(ExitCode::SUCCESS)
        }
        Rapport::Bilan(args) => run_bilan(args),
    }
}

/// Writes the weekly views asked for by `vues` (used by `planifier` too); returns the lines
/// to print once every file is written. `entrees`: the command's inputs, which no calendar file
/// of `--ics` may replace (checked with the other views before anything is written).
pub(crate) fn write_views(
    sc: &Scenario,
    plan: &Plan,
    vues: &Vues,
    pseudonymiser: bool,
    entrees: &[Fichier<'_>],
) -> Result<String> {
    write_views_noms(sc, plan, vues, &Noms::new(sc, pseudonymiser), entrees)
}

/// [`write_views`] naming people with `noms` (the registre's pseudonyms).
fn write_views_noms(
    sc: &Scenario,
    plan: &Plan,
    vues: &Vues,
    noms: &Noms,
    entrees: &[Fichier<'_>],
) -> Result<String> {
    let mut out = String::new();
    if vues.html.is_none() && vues.xlsx.is_none() && vues.ics.is_none() {
        return Ok(out);
    }
    let facts = Facts::new(sc);
    let calendriers = match &vues.ics {
        Some(dir) => {
            check_ics(sc, vues, entrees)?;
            let files = crate::report::ics::calendriers(sc, &facts, plan);
            let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.nom)).collect();
            Some((dir, files, paths))
        }
        None => None,
    };
    let s = semaine::Semaine::new(sc, &facts, plan, noms)
        .avec_edition(vues.edition.unwrap_or_else(aujourdhui));
    if s.hors_scenario > 0 {
        crate::stderr_line!(
            "avertissement : {} affectation(s) du plan ne correspondent pas au scénario",
            s.hors_scenario
        );
    }
    if let Some(p) = &vues.html {
        crate::io::write_atomic(p, semaine::html(&s).as_bytes())?;
        out.push_str(&format!(
            "Plan de la semaine (HTML) écrit dans {}\n",
            p.display()
        ));
    }
    if let Some(p) = &vues.xlsx {
        crate::io::write_atomic(p, &semaine::xlsx(&s)?)?;
        out.push_str(&format!(
            "Plan de la semaine (XLSX) écrit dans {}\n",
            p.display()
        ));
    }
    if let Some((dir, files, paths)) = calendriers {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.display().to_string(),
            source,
        })?;
        for (f, p) in files.iter().zip(&paths) {
            crate::io::write_atomic(p, f.texte.as_bytes())?;
        }
        out.push_str(&format!(
            "Calendriers (iCalendar) : {} fichier(s) écrit(s) dans {}\n",
            files.len(),
            dir.display()
        ));
    }
    Ok(out)
}

/// Refuses `--ics` calendar files that would replace an input or another output (their names
/// depend on the scenario only: checked before solving).
pub(crate) fn check_ics(sc: &Scenario, vues: &Vues, entrees: &[Fichier<'_>]) -> Result<()> {
    let Some(dir) = &vues.ics else {
        return Ok(());
    };
    let paths: Vec<PathBuf> = crate::report::ics::noms_fichiers(sc)
        .iter()
        .map(|n| dir.join(n))
        .collect();
    let mut sorties = vues.fichiers();
    sorties.extend(paths.iter().map(|p| Fichier::new("--ics", p)));
    crate::io::check_distinct(entrees, &sorties)
}

fn run_bilan(args: &BilanArgs) -> Result<ExitCode> {
    if args.html.is_none() && args.csv.is_none() && args.xlsx.is_none() {
        return Err(Error::Other(
            "rien à écrire : donnez --html, --csv DOSSIER et/ou --xlsx".to_owned(),
        ));
    }
    let csv_files: Vec<PathBuf> = match &args.csv {
        Some(dir) => bilan::TABLEAUX
            .iter()
            .map(|nom| dir.join(format!("{nom}.csv")))
            .collect(),
        None => Vec::new(),
    };
    let entrees: Vec<Fichier> = (args.plans.iter().map(|p| Fichier::new("plan", p)))
        .chain(args.scenarios.iter().map(|p| Fichier::new("--scenario", p)))
        .chain(args.registre.iter().map(|p| Fichier::new("--registre", p)))
        .collect();
    let sorties: Vec<Fichier> = (args.html.iter().map(|p| Fichier::new("--html", p)))
        .chain(args.xlsx.iter().map(|p| Fichier::new("--xlsx", p)))
        .chain(args.csv.iter().map(|p| Fichier::new("--csv", p)))
        .chain(csv_files.iter().map(|p| Fichier::new("--csv", p)))
        .collect();
    crate::io::check_distinct(&entrees, &sorties)?;
    let mois = match &args.mois {
        Some(m) => Some(bilan::parse_mois(m).ok_or_else(|| {
            Error::Other(format!(
                "mois « {m} » invalide : attendu AAAA-MM (ex. 2026-12)"
            ))
        })?),
        None => None,
    };
    let b = match &args.registre {
        Some(path) => bilan_registre(path, mois, args.pseudonymiser)?,
        None => bilan_plans(args, mois)?,
    };
    if let Some(m) = mois
        && b.jours_retenus == 0
    {
        return Err(Error::Other(format!(
            "--mois {} : aucun jour des plans n'est en {} (les plans vont {}) ; rien n'est écrit",
            m.label(),
            crate::report::mois_long(m),
            b.couverture
        )));
    }
    write_bilan(&b, args)
}

/// The balance of the registre's weeks (see [`crate::registre::realise`]).
fn bilan_registre(
    path: &Path,
    mois: Option<crate::model::calendar::Month>,
    pseudonymiser: bool,
) -> Result<bilan::Bilan> {
    use crate::registre::{Registre, realise};
    let mut reg = Registre::ouvrir(path, false)?;
    let lues = realise::lire(reg.semaines(None)?, mois)?;
    if lues.is_empty() {
        return Err(Error::Other(format!(
            "registre « {} » : aucune semaine publiée{}",
            reg.fichier(),
            mois.map(|m| format!(" en {}", m.label()))
                .unwrap_or_default()
        )));
    }
    for l in &lues {
        crate::io::print(&format!(
            "{}, semaine du {} (version {}) : {} ({} affectation(s) pointée(s) sur {})\n",
            l.semaine.regie,
            l.semaine.debut,
            l.semaine.version,
            l.source(),
            l.pointees(),
            l.prevu.affectations.len()
        ))?;
    }
    let entrees: Vec<bilan::Entree> = lues
        .iter()
        .map(|l| bilan::Entree {
            scenario: &l.scenario,
            plan: &l.realise,
        })
        .collect();
    let opts = bilan::Options {
        mois,
        pseudonymiser,
    };
    // Pseudonyms from the registre's table: a person keeps theirs from one report to the next.
    let mut b = if pseudonymiser {
        let mut noms = std::collections::BTreeMap::new();
        for (regie, scs) in bilan::scenarios_par_regie(&entrees) {
            let n = reg.pseudonymes(&regie, &scs)?;
            noms.insert(regie, n);
        }
        bilan::bilan_noms(&entrees, &opts, &noms)
    } else {
        bilan::bilan(&entrees, &opts)
    };
    b.tableaux.insert(0, realise::tableau_semaines(&lues, mois));
    Ok(b)
}

/// The balance of plan files, each with its scenario.
fn bilan_plans(
    args: &BilanArgs,
    mois: Option<crate::model::calendar::Month>,
) -> Result<bilan::Bilan> {
    let n = args.plans.len();
    let k = args.scenarios.len();
    if k != 1 && k != n {
        return Err(Error::Other(format!(
            "{k} scénarios pour {n} plans : donnez un seul --scenario (pour tous les plans) ou un par plan, dans l'ordre des plans"
        )));
    }
    let mut scenarios = Vec::with_capacity(k);
    for p in &args.scenarios {
        let loaded = crate::model::load::load_scenario(p)?;
        for w in &loaded.warnings {
            crate::stderr_line!("{w}");
        }
        scenarios.push(loaded.scenario);
    }
    let mut plans = Vec::with_capacity(n);
    for (i, p) in args.plans.iter().enumerate() {
        let si = if k == 1 { 0 } else { i };
        let Some(sc) = scenarios.get(si) else {
            continue;
        };
        plans.push(crate::check::read_plan_for(p, sc)?);
    }
    let entrees: Vec<bilan::Entree> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, plan)| {
            let sc = scenarios.get(if k == 1 { 0 } else { i })?;
            Some(bilan::Entree { scenario: sc, plan })
        })
        .collect();
    Ok(bilan::bilan(
        &entrees,
        &bilan::Options {
            mois,
            pseudonymiser: args.pseudonymiser,
        },
    ))
}

fn write_bilan(b: &bilan::Bilan, args: &BilanArgs) -> Result<ExitCode> {
    if b.hors_scenario > 0 {
        crate::stderr_line!(
            "avertissement : {} affectation(s) ne correspondent pas au scénario et ne sont pas comptées",
            b.hors_scenario
        );
    }
    let mut out = String::new();
    if let Some(p) = &args.html {
        crate::io::write_atomic(p, bilan::html(b).as_bytes())?;
        out.push_str(&format!("Bilan (HTML) écrit dans {}\n", p.display()));
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.display().to_string(),
            source,
        })?;
        for t in &b.tableaux {
            let text = if args.csv_international {
                bilan::csv(t)
            } else {
                bilan::csv_francais(t)
            };
            crate::io::write_atomic(&dir.join(format!("{}.csv", t.nom)), text.as_bytes())?;
        }
        out.push_str(&format!("Bilan (CSV) écrit dans {}\n", dir.display()));
    }
    if let Some(p) = &args.xlsx {
        crate::io::write_atomic(p, &bilan::xlsx(b)?)?;
        out.push_str(&format!("Bilan (XLSX) écrit dans {}\n", p.display()));
    }
    crate::io::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
