//! `regie pointer`: what happened, item by item, in the registre. Three ways:
//! `--modele FICHIER` writes the sheet of the published week; `FICHIER` reads it back filled in
//! (every bad cell reported, nothing recorded when one is bad); `--absent PERSONNE --date JOUR
//! [--motif M]` records a whole day's absence.

use crate::diag::{Error, Result};
use crate::format::plan::Plan;
use crate::registre::feuille::{self, Format};
use crate::registre::{Choix, Motif, Pointage, Registre, Semaine, Statut};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Feuille de pointage remplie à enregistrer (CSV ou XLSX)
    #[arg(required_unless_present_any = ["modele", "absent"], conflicts_with_all = ["modele", "absent"])]
    pub fichier: Option<PathBuf>,
    /// Écrit la feuille de pointage de la semaine publiée (CSV ou XLSX, selon l'extension)
    #[arg(long, value_name = "FICHIER", conflicts_with = "absent")]
    pub modele: Option<PathBuf>,
    /// Pointe cette personne absente toute la journée --date : chacune de ses affectations du jour
    #[arg(long, value_name = "PERSONNE", requires = "date")]
    pub absent: Option<String>,
    /// Jour de l'absence (AAAA-MM-JJ)
    #[arg(long, value_name = "AAAA-MM-JJ", requires = "absent")]
    pub date: Option<String>,
    /// Motif de l'absence : maladie, accident_travail, conge, absence_autorisee,
    /// absence_injustifiee, autre
    #[arg(long, requires = "absent")]
    pub motif: Option<String>,
    /// Semaine publiée, par sa date de début (AAAA-MM-JJ) ; par défaut la dernière publiée
    #[arg(long, value_name = "AAAA-MM-JJ", conflicts_with = "absent")]
    pub semaine: Option<String>,
    /// Régie, quand le registre en tient plusieurs
    #[arg(long)]
    pub regie: Option<String>,
    #[command(flatten)]
    pub registre: super::RegistreArg,
}

fn date(s: &str, what: &str) -> Result<NaiveDate> {
    s.trim().parse::<NaiveDate>().map_err(|_| {
        Error::Other(format!(
            "{what} « {s} » invalide : attendu AAAA-MM-JJ (ex. 2026-12-01)"
        ))
    })
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let mut reg = Registre::ouvrir(&args.registre.registre, false)?;
    let regie = args.regie.as_deref();
    let choix = match &args.semaine {
        Some(s) => Some(Choix::Debut(date(s, "semaine")?)),
        None => None,
    };
    if let Some(path) = &args.modele {
        let format = Format::of(path)?;
        let semaine = reg.semaine(regie, choix.unwrap_or(Choix::Derniere))?;
        let sc = semaine.lire_scenario()?;
        let plan = semaine.lire_plan()?;
        let lignes = feuille::lignes(&semaine, &sc, &plan);
        let bytes = match format {
            Format::Csv => feuille::csv(&lignes).into_bytes(),
            Format::Xlsx => feuille::xlsx(&lignes, semaine.debut)?,
        };
        crate::io::write_atomic(path, &bytes)?;
        crate::stdout_line!(
            "Feuille de pointage de la semaine du {} au {} de « {} » (version {}, {} affectations, {} déjà pointée(s)) écrite dans {}.",
            semaine.debut,
            semaine.fin(),
            semaine.regie,
            semaine.version,
            plan.affectations.len(),
            semaine.pointages.len(),
            path.display()
        )?;
        crate::stdout_line!(
            "Remplissez statut (fait ou absent), motif (absences) et debut_reel / fin_reel (autres heures), puis : regie pointer {}",
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if let (Some(personne), Some(jour)) = (&args.absent, &args.date) {
        let jour = date(jour, "date")?;
        let motif = match &args.motif {
            Some(m) => Some(Motif::parse(m).ok_or_else(|| {
                Error::Other(format!("motif « {m} » inconnu : {}", Motif::liste()))
            })?),
            None => None,
        };
        let semaine = reg.semaine(regie, Choix::Contenant(jour))?;
        let plan = semaine.lire_plan()?;
        let saisies: Vec<(usize, Pointage)> = plan
            .affectations
            .iter()
            .enumerate()
            .filter(|(_, a)| a.personne == *personne && a.date == jour)
            .map(|(rang, _)| (rang, Pointage::absent(motif)))
            .collect();
        if saisies.is_empty() {
            let connu = plan.affectations.iter().any(|a| a.personne == *personne);
            return Err(Error::Other(if connu {
                format!(
                    "{personne} n'a aucune affectation le {jour} dans la semaine publiée du {} (version {}) : rien n'est enregistré",
                    semaine.debut, semaine.version
                )
            } else {
                format!(
                    "« {personne} » n'a aucune affectation dans la semaine publiée du {} (version {}) : identifiant inconnu ? rien n'est enregistré",
                    semaine.debut, semaine.version
                )
            }));
        }
        reg.pointer(&semaine, &saisies, super::pause_test().as_deref())?;
        crate::stdout_line!(
            "{personne} pointé·e absent·e le {jour}{} : {} affectation(s) dans {}.",
            motif
                .map(|m| format!(" ({})", m.code()))
                .unwrap_or_default(),
            saisies.len(),
            reg.fichier()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.fichier else {
        return Err(Error::Other(
            "rien à faire : donnez une feuille remplie, --modele FICHIER ou --absent PERSONNE --date JOUR".to_owned(),
        ));
    };
    let f = feuille::lire(path)?;
    let semaine = match choix {
        Some(c) => reg.semaine(regie, c)?,
        None => semaine_de_la_feuille(&reg, regie, &f)?,
    };
    let plan = semaine.lire_plan()?;
    let saisies = feuille::saisies(&f, &semaine, &plan)?;
    reg.pointer(&semaine, &saisies, super::pause_test().as_deref())?;
    crate::stdout_line!("{}", resume(&semaine, &plan, &saisies, &reg, path))?;
    Ok(ExitCode::SUCCESS)
}

/// The week of the first row with a readable date in the week's registre; the latest otherwise.
fn semaine_de_la_feuille(
    reg: &Registre,
    regie: Option<&str>,
    f: &feuille::Feuille,
) -> Result<Semaine> {
    let Some(i) = f.entete.iter().position(|h| h == "date") else {
        return reg.semaine(regie, Choix::Derniere);
    };
    let premier = f
        .lignes
        .iter()
        .filter_map(|(_, cells)| cells.get(i))
        .find_map(feuille::lire_date);
    match premier {
        Some(d) => reg
            .semaine(regie, Choix::Contenant(d))
            .or_else(|_| reg.semaine(regie, Choix::Derniere)),
        None => reg.semaine(regie, Choix::Derniere),
    }
}

fn resume(
    semaine: &Semaine,
    plan: &Plan,
    saisies: &[(usize, Pointage)],
    reg: &Registre,
    path: &std::path::Path,
) -> String {
    let faits = saisies
        .iter()
        .filter(|(_, p)| p.statut == Statut::Fait)
        .count();
    let horaires = saisies.iter().filter(|(_, p)| p.autre_horaire()).count();
    let absents = saisies.len() - faits;
    let mut deja: std::collections::BTreeSet<usize> = semaine.pointages.keys().copied().collect();
    deja.extend(saisies.iter().map(|(r, _)| *r));
    let reste = plan.affectations.len().saturating_sub(deja.len());
    format!(
        "{} : {} affectation(s) pointée(s) dans {} pour la semaine du {} (version {}) : {faits} faite(s) dont {horaires} à d'autres heures, {absents} absence(s) ; {reste} affectation(s) sur {} restent à pointer.",
        path.display(),
        saisies.len(),
        reg.fichier(),
        semaine.debut,
        semaine.version,
        plan.affectations.len()
    )
}
