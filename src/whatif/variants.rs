//! The variants file of `regie simuler` (documented in `docs/simulation.md`): serde types with
//! French keys, unknown keys rejected, and loading with every error at once, each located at its
//! line and column (the approach of [`crate::format::load`]: each variant is deserialized on its
//! own, paths come from `serde_path_to_error`, positions from [`SpanIndex`]).

use crate::diag::{Code, Diagnostic, Error, Result};
pub(crate) use crate::format::load::{deserialize, error};
use crate::format::load::{in_file_order, parse_yaml};
use crate::format::scenario::{
    Chantier, Cip, Contrat, Disponibilites, Encadrant, Equipe, Jour, Lieu, Ligne, Mobilite,
    Salarie, Trajet,
};
use crate::format::spans;
use crate::format::time::{Duree, Heure};
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The whole variants file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fichier {
    /// Solver settings for every solve of the simulation (else the base's `reglages.solveur`).
    #[serde(default)]
    pub solveur: SolveurSimulation,
    /// The file's `variantes` (docs/simulation.md).
    pub variantes: Vec<Variante>,
}

/// The file's `solveur` (docs/simulation.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolveurSimulation {
    /// The file's `solveur.limite_secondes` (docs/simulation.md).
    #[serde(default)]
    pub limite_secondes: Option<f64>,
    /// The file's `solveur.ecart_relatif` (docs/simulation.md).
    #[serde(default)]
    pub ecart_relatif: Option<f64>,
}

/// One variant: a name and operations applied, in a fixed order (see [`super::apply`]), to a copy
/// of the base scenario; then optional questions (recruitment, absenteeism).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variante {
    /// The file's `variantes[].nom` (docs/simulation.md).
    pub nom: String,
    /// The file's `variantes[].description` (docs/simulation.md).
    #[serde(default)]
    pub description: Option<String>,
    /// The file's `variantes[].ajouter_lieux` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_lieux: Vec<Lieu>,
    /// The file's `variantes[].ajouter_trajets` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_trajets: Vec<Trajet>,
    /// The file's `variantes[].ajouter_transports` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_transports: Vec<Ligne>,
    /// The file's `variantes[].retirer_chantiers` (docs/simulation.md).
    #[serde(default)]
    pub retirer_chantiers: Vec<String>,
    /// The file's `variantes[].retirer_salaries` (docs/simulation.md).
    #[serde(default)]
    pub retirer_salaries: Vec<String>,
    /// The file's `variantes[].retirer_encadrants` (docs/simulation.md).
    #[serde(default)]
    pub retirer_encadrants: Vec<String>,
    /// The file's `variantes[].ajouter_chantiers` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_chantiers: Vec<Chantier>,
    /// The file's `variantes[].modifier_vacations` (docs/simulation.md).
    #[serde(default)]
    pub modifier_vacations: Vec<ModifVacation>,
    /// id of a salarié·e (contract hours) or an encadrant·e → new weekly hours.
    #[serde(default)]
    pub heures_hebdo: BTreeMap<String, f64>,
    /// The file's `variantes[].ajouter_salaries` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_salaries: Vec<Salarie>,
    /// The file's `variantes[].ajouter_encadrants` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_encadrants: Vec<Encadrant>,
    /// The file's `variantes[].ajouter_cips` (docs/simulation.md).
    #[serde(default)]
    pub ajouter_cips: Vec<Cip>,
    /// The file's `variantes[].recrutement` (docs/simulation.md).
    #[serde(default)]
    pub recrutement: Option<Recrutement>,
    /// The file's `variantes[].absenteisme` (docs/simulation.md).
    #[serde(default)]
    pub absenteisme: Option<Absenteisme>,
}

/// Changes one vacation of a chantier (index from 0, as in the messages' paths).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModifVacation {
    /// The file's `variantes[].modifier_vacations[].chantier` (docs/simulation.md).
    pub chantier: String,
    /// The file's `variantes[].modifier_vacations[].vacation` (docs/simulation.md).
    pub vacation: usize,
    /// The file's `variantes[].modifier_vacations[].jours` (docs/simulation.md).
    #[serde(default)]
    pub jours: Option<Vec<Jour>>,
    /// The file's `variantes[].modifier_vacations[].debuts` (docs/simulation.md).
    #[serde(default)]
    pub debuts: Option<Vec<Heure>>,
    /// The file's `variantes[].modifier_vacations[].duree` (docs/simulation.md).
    #[serde(default)]
    pub duree: Option<Duree>,
    /// The file's `variantes[].modifier_vacations[].equipe` (docs/simulation.md).
    #[serde(default)]
    pub equipe: Option<Equipe>,
    /// The file's `variantes[].modifier_vacations[].optionnelle` (docs/simulation.md).
    #[serde(default)]
    pub optionnelle: Option<bool>,
}

/// The recruitment question: the smallest hiring within the maximums that brings the production
/// shortfall under `tolerance_heures`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recrutement {
    #[serde(default)]
    pub(crate) tolerance_heures: f64,
    /// The file's `variantes[].recrutement.salaries` (docs/simulation.md).
    #[serde(default)]
    pub salaries: Vec<ProfilSalarie>,
    /// The file's `variantes[].recrutement.encadrants` (docs/simulation.md).
    #[serde(default)]
    pub encadrants: Vec<ProfilEncadrant>,
}

/// A salarié·e one could hire; `max` of them at most.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilSalarie {
    /// The file's `variantes[].recrutement.salaries[].profil` (docs/simulation.md).
    pub profil: String,
    /// The file's `variantes[].recrutement.salaries[].max` (docs/simulation.md).
    pub max: u32,
    /// `debut` absent: the first day of the period (a new hire).
    pub contrat: Contrat,
    /// The file's `variantes[].recrutement.salaries[].mobilite` (docs/simulation.md).
    #[serde(default)]
    pub mobilite: Mobilite,
    /// The file's `variantes[].recrutement.salaries[].domicile` (docs/simulation.md).
    #[serde(default)]
    pub domicile: Option<String>,
    /// The file's `variantes[].recrutement.salaries[].competences` (docs/simulation.md).
    #[serde(default)]
    pub competences: Vec<String>,
    #[serde(default)]
    pub(crate) restrictions: Vec<String>,
    /// The file's `variantes[].recrutement.salaries[].cip` (docs/simulation.md).
    #[serde(default)]
    pub cip: Option<String>,
    /// The file's `variantes[].recrutement.salaries[].disponibilites` (docs/simulation.md).
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
}

/// An encadrant·e one could hire; `max` of them at most.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilEncadrant {
    /// The file's `variantes[].recrutement.encadrants[].profil` (docs/simulation.md).
    pub profil: String,
    /// The file's `variantes[].recrutement.encadrants[].max` (docs/simulation.md).
    pub max: u32,
    /// The file's `variantes[].recrutement.encadrants[].heures_hebdo` (docs/simulation.md).
    pub heures_hebdo: f64,
    /// The file's `variantes[].recrutement.encadrants[].competences` (docs/simulation.md).
    #[serde(default)]
    pub competences: Vec<String>,
    /// The file's `variantes[].recrutement.encadrants[].activites` (docs/simulation.md).
    #[serde(default)]
    pub activites: Option<Vec<String>>,
    /// The file's `variantes[].recrutement.encadrants[].disponibilites` (docs/simulation.md).
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
}

/// The absenteeism question: `tirages` random draws of whole-day absences at rate `taux`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absenteisme {
    /// The file's `variantes[].absenteisme.taux` (docs/simulation.md).
    pub taux: f64,
    /// The file's `variantes[].absenteisme.tirages` (docs/simulation.md).
    pub tirages: u32,
    /// The file's `variantes[].absenteisme.graine` (docs/simulation.md).
    #[serde(default = "graine_defaut")]
    pub graine: u64,
    /// Target for the 90th percentile of the production shortfall, hours.
    #[serde(default)]
    pub cible_p90_heures: Option<f64>,
    /// Profile of the "tampon" salarié·es tried (0, 1, … up to `max`) to meet the target.
    #[serde(default)]
    pub tampon: Option<ProfilSalarie>,
}

fn graine_defaut() -> u64 {
    1
}

/// Full-time weekly hours: 1 ETP.
pub(crate) const HEURES_ETP: f64 = 35.0;
/// Most hiring vectors a recruitment question may span (product of `max + 1`).
pub(crate) const MAX_COMBINAISONS: u64 = 200_000;
/// Most draws of an absenteeism question.
pub(crate) const MAX_TIRAGES: u32 = 10_000;
/// Most hires of one recruitment profile (`max`).
pub(crate) const MAX_PAR_PROFIL: u32 = 50;
/// Most "tampon" salarié·es an absenteeism question tries (`tampon.max`): each one more is a
/// whole series of draws.
pub(crate) const MAX_TAMPON: u32 = 20;
/// The largest tolerance and target, hours (`tolerance_heures`, `cible_p90_heures`).
pub(crate) const MAX_HEURES_CIBLE: f64 = 10_000.0;

/// Reads and checks the text of a variants file (`Err(Error::Invalid)` holds every error
/// found); `file` names it in diagnostics. Syntax errors, positions and
/// French messages come from the scenarios' loading path ([`crate::format::load`]).
pub fn load_variants_str(text: &str, file: &str) -> Result<Fichier> {
    let (value, spans) = parse_yaml(text, file)?;
    structure(&value)
        .and_then(|f| {
            let errs = check(&f);
            if errs.is_empty() { Ok(f) } else { Err(errs) }
        })
        .map_err(|d| Error::Invalid(in_file_order(d, file, &spans)))
}

/// Structure: the top level, then each variant on its own (all errors collected).
fn structure(value: &Value) -> std::result::Result<Fichier, Vec<Diagnostic>> {
    let Some(root) = value.as_mapping() else {
        return Err(vec![error(
            Code::NotAMapping,
            String::new(),
            "le fichier de variantes doit être une table de clés (solveur, variantes)".into(),
        )]);
    };
    let mut errs = Vec::new();
    for (k, v) in root {
        match k.as_str() {
            Some("solveur") => {
                if let Err(d) = deserialize::<SolveurSimulation>(v, "solveur") {
                    errs.push(d);
                }
            }
            Some("variantes") => match v {
                Value::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Err(d) = deserialize::<Variante>(item, &spans::index("variantes", i))
                        {
                            errs.push(d);
                        }
                    }
                }
                _ => errs.push(error(
                    Code::WrongType,
                    "variantes".into(),
                    "type incorrect : attendu une liste de variantes".into(),
                )),
            },
            Some(other) => errs.push(error(
                Code::UnknownKey,
                other.to_owned(),
                format!("clé inconnue « {other} » (clés possibles : solveur, variantes)"),
            )),
            None => errs.push(error(
                Code::UnknownKey,
                String::new(),
                "clé de premier niveau non textuelle".into(),
            )),
        }
    }
    if root.get("variantes").is_none() {
        errs.push(error(
            Code::MissingKey,
            "variantes".into(),
            "clé obligatoire manquante « variantes »".into(),
        ));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    deserialize::<Fichier>(value, "").map_err(|d| vec![d])
}

/// Checks that need no scenario: names, ranges of the questions. References to the base's ids
/// are checked when the variant is applied ([`super::apply`]).
fn check(f: &Fichier) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let mut noms = BTreeSet::new();
    if let Some(m) = f
        .solveur
        .limite_secondes
        .and_then(|l| crate::format::validate::limite_secondes_erreur("limite_secondes", l))
    {
        errs.push(error(Code::OutOfRange, "solveur.limite_secondes".into(), m));
    }
    if let Some(g) = f.solveur.ecart_relatif
        && !(0.0..=1.0).contains(&g)
    {
        errs.push(error(
            Code::OutOfRange,
            "solveur.ecart_relatif".into(),
            "l'écart relatif doit être compris entre 0 et 1".into(),
        ));
    }
    for (i, v) in f.variantes.iter().enumerate() {
        let p = spans::index("variantes", i);
        let nom = v.nom.trim();
        if nom.is_empty() {
            errs.push(error(
                Code::InvalidName,
                spans::key(&p, "nom"),
                "le nom d'une variante ne peut pas être vide".into(),
            ));
        } else if nom == super::NOM_BASE {
            errs.push(error(
                Code::InvalidName,
                spans::key(&p, "nom"),
                format!(
                    "le nom « {} » est réservé à la ligne du scénario de base",
                    super::NOM_BASE
                ),
            ));
        } else if !noms.insert(nom.to_owned()) {
            errs.push(error(
                Code::DuplicateId,
                spans::key(&p, "nom"),
                format!("nom de variante en double « {nom} »"),
            ));
        }
        for (id, h) in &v.heures_hebdo {
            if !(h.is_finite() && *h > 0.0 && *h <= 48.0) {
                errs.push(error(
                    Code::OutOfRange,
                    spans::key(&spans::key(&p, "heures_hebdo"), id),
                    format!("heures hebdomadaires hors limites : {h} (attendu entre 0 et 48)"),
                ));
            }
        }
        crate::format::ranges::texte(&mut errs, spans::key(&p, "nom"), &v.nom);
        if let Some(r) = &v.recrutement {
            check_recrutement(r, &spans::key(&p, "recrutement"), &mut errs);
        }
        if let Some(a) = &v.absenteisme {
            check_absenteisme(a, &spans::key(&p, "absenteisme"), &mut errs);
        }
    }
    errs
}

fn check_recrutement(r: &Recrutement, p: &str, errs: &mut Vec<Diagnostic>) {
    if !(r.tolerance_heures.is_finite() && (0.0..=MAX_HEURES_CIBLE).contains(&r.tolerance_heures)) {
        errs.push(error(
            Code::OutOfRange,
            spans::key(p, "tolerance_heures"),
            format!(
                "la tolérance doit être un nombre d'heures de 0 à {MAX_HEURES_CIBLE} (trouvé : {})",
                r.tolerance_heures
            ),
        ));
    }
    if r.salaries.is_empty() && r.encadrants.is_empty() {
        errs.push(error(
            Code::TooFewElements,
            p.to_owned(),
            "aucun profil de recrutement (clés salaries ou encadrants)".into(),
        ));
    }
    let mut profils = BTreeSet::new();
    let mut combinaisons: u64 = 1;
    let all = r
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                spans::index(&spans::key(p, "salaries"), i),
                &s.profil,
                s.max,
                s.contrat.heures_hebdo,
            )
        })
        .chain(r.encadrants.iter().enumerate().map(|(i, e)| {
            (
                spans::index(&spans::key(p, "encadrants"), i),
                &e.profil,
                e.max,
                e.heures_hebdo,
            )
        }));
    for (ip, profil, max, heures) in all {
        if !valid_profile_name(profil) {
            errs.push(error(
                Code::InvalidName,
                spans::key(&ip, "profil"),
                format!("nom de profil invalide « {profil} » (lettres, chiffres, « - » ou « _ »)"),
            ));
        } else if !profils.insert(profil.clone()) {
            errs.push(error(
                Code::DuplicateId,
                spans::key(&ip, "profil"),
                format!("profil en double « {profil} »"),
            ));
        }
        if !(heures.is_finite() && heures > 0.0 && heures <= 48.0) {
            errs.push(error(
                Code::OutOfRange,
                ip.clone(),
                format!(
                    "heures hebdomadaires du profil hors limites : {heures} (attendu entre 0 et 48)"
                ),
            ));
        }
        if max > MAX_PAR_PROFIL {
            errs.push(error(Code::OutOfRange,
                spans::key(&ip, "max"),
                format!(
                    "nombre d'embauches du profil hors limites : {max} (attendu de 0 à {MAX_PAR_PROFIL})"
                ),
            ));
        }
        combinaisons = combinaisons.saturating_mul(u64::from(max) + 1);
    }
    if combinaisons > MAX_COMBINAISONS {
        errs.push(error(Code::TooManyCombinations,
            p.to_owned(),
            format!(
                "trop de combinaisons d'embauches ({combinaisons}, au plus {MAX_COMBINAISONS}) : réduire les maximums ou le nombre de profils"
            ),
        ));
    }
}

fn check_absenteisme(a: &Absenteisme, p: &str, errs: &mut Vec<Diagnostic>) {
    if !(0.0..=1.0).contains(&a.taux) {
        errs.push(error(
            Code::OutOfRange,
            spans::key(p, "taux"),
            format!(
                "taux d'absentéisme hors limites : {} (attendu entre 0 et 1, par exemple 0.08)",
                a.taux
            ),
        ));
    }
    if a.tirages == 0 || a.tirages > MAX_TIRAGES {
        errs.push(error(
            Code::OutOfRange,
            spans::key(p, "tirages"),
            format!(
                "nombre de tirages hors limites : {} (attendu de 1 à {MAX_TIRAGES})",
                a.tirages
            ),
        ));
    }
    if let Some(c) = a.cible_p90_heures
        && !(c.is_finite() && (0.0..=MAX_HEURES_CIBLE).contains(&c))
    {
        errs.push(error(
            Code::OutOfRange,
            spans::key(p, "cible_p90_heures"),
            format!(
                "la cible doit être un nombre d'heures de 0 à {MAX_HEURES_CIBLE} (trouvé : {c})"
            ),
        ));
    }
    if a.tampon.is_some() && a.cible_p90_heures.is_none() {
        errs.push(error(
            Code::KeyCombination,
            spans::key(p, "cible_p90_heures"),
            "un profil « tampon » demande une cible (cible_p90_heures)".into(),
        ));
    }
    if let Some(t) = &a.tampon {
        let tp = spans::key(p, "tampon");
        if t.max > MAX_TAMPON {
            errs.push(error(
                Code::OutOfRange,
                spans::key(&tp, "max"),
                format!(
                    "nombre de salarié·es tampon hors limites : {} (attendu de 0 à {MAX_TAMPON})",
                    t.max
                ),
            ));
        }
        if !valid_profile_name(&t.profil) {
            errs.push(error(
                Code::InvalidName,
                spans::key(&tp, "profil"),
                format!(
                    "nom de profil invalide « {} » (lettres, chiffres, « - » ou « _ »)",
                    t.profil
                ),
            ));
        }
        let h = t.contrat.heures_hebdo;
        if !(h.is_finite() && h > 0.0 && h <= 48.0) {
            errs.push(error(
                Code::OutOfRange,
                spans::key(&spans::key(&tp, "contrat"), "heures_hebdo"),
                format!(
                    "heures hebdomadaires du profil hors limites : {h} (attendu entre 0 et 48)"
                ),
            ));
        }
    }
}

fn valid_profile_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}
