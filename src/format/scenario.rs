//! The scenario file, version 1 (docs/format-scenario.md): serde types, one per YAML object.
//!
//! Unknown keys are rejected everywhere (`deny_unknown_fields`); every default of `reglages`
//! lives here, in one place. Cross-references (ids) and value ranges are checked by
//! [`crate::format::validate`], not by serde.

use super::time::{Duree, Heure, Plage};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A scenario file, version 1 (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The file's `version` (docs/format-scenario.md).
    pub version: u32,
    /// The file's `regie` (docs/format-scenario.md).
    pub regie: Regie,
    /// The file's `periode` (docs/format-scenario.md).
    pub periode: Periode,
    /// The file's `reglages` (docs/format-scenario.md).
    #[serde(default)]
    pub reglages: Reglages,
    /// The file's `lieux` (docs/format-scenario.md).
    pub lieux: Vec<Lieu>,
    /// The file's `trajets` (docs/format-scenario.md).
    #[serde(default)]
    pub trajets: Vec<Trajet>,
    /// The file's `transports` (docs/format-scenario.md).
    #[serde(default)]
    pub transports: Vec<Ligne>,
    /// A GTFS feed beside (or instead of) `transports` (docs/format-scenario.md, `gtfs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtfs: Option<ReseauGtfs>,
    /// The file's `salaries` (docs/format-scenario.md).
    pub salaries: Vec<Salarie>,
    /// The file's `encadrants` (docs/format-scenario.md).
    #[serde(default)]
    pub encadrants: Vec<Encadrant>,
    /// The file's `cips` (docs/format-scenario.md).
    #[serde(default)]
    pub cips: Vec<Cip>,
    /// The file's `chantiers` (docs/format-scenario.md).
    pub chantiers: Vec<Chantier>,
    /// The file's `ateliers` (docs/format-scenario.md).
    #[serde(default)]
    pub ateliers: Vec<Atelier>,
    /// The file's `formations` (docs/format-scenario.md).
    #[serde(default)]
    pub formations: Vec<Formation>,
    /// Rule 13: assignments the planner must give.
    #[serde(default)]
    pub imposer: Vec<Imposer>,
    /// Rule 13: assignments the planner must never give.
    #[serde(default)]
    pub interdire: Vec<Interdire>,
    /// Re-planning from a published plan (frozen days, `changement` cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replanification: Option<Replanification>,
}

/// An `imposer` entry (rule 13). Exactly one of `chantier`, `cip`, `atelier`; `vacation` and
/// `debut` narrow a chantier entry, `debut` a CIP entry.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Imposer {
    /// The file's `imposer[].personne` (docs/format-scenario.md).
    pub personne: String,
    /// The file's `imposer[].chantier` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    /// The file's `imposer[].cip` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    /// The file's `imposer[].atelier` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    /// The file's `imposer[].date` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Index of the vacation in the chantier's `vacations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacation: Option<usize>,
    /// The file's `imposer[].debut` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
}

/// An `interdire` entry (rule 13): `personne` with `chantier` and/or `date`, or `personnes`
/// (never in the same crew).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Interdire {
    /// The file's `interdire[].personne` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personne: Option<String>,
    /// The file's `interdire[].personnes` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnes: Option<Vec<String>>,
    /// The file's `interdire[].chantier` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    /// The file's `interdire[].date` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Interdire {
    /// True when this entry forbids person `personne` on chantier `chantier` (`None`: an item
    /// that is not on a chantier) on `date`. Pair entries forbid no single item.
    pub(crate) fn forbids(&self, personne: &str, chantier: Option<&str>, date: NaiveDate) -> bool {
        if self.personne.as_deref() != Some(personne) || self.personnes.is_some() {
            return false;
        }
        let chantier_ok = match &self.chantier {
            None => true,
            Some(c) => chantier == Some(c.as_str()),
        };
        let date_ok = self.date.is_none_or(|d| d == date);
        (self.chantier.is_some() || self.date.is_some()) && chantier_ok && date_ok
    }
}

/// `replanification`: the plan already given to people and the last frozen day.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Replanification {
    /// Path of the published plan (relative to the scenario file's folder).
    pub plan: String,
    /// The file's `replanification.figer_jusqu_au` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figer_jusqu_au: Option<NaiveDate>,
    /// The published plan's items, read by the loader.
    #[serde(skip)]
    pub publie: Vec<crate::format::plan::Affectation>,
}

impl Scenario {
    /// The last frozen day of a re-planning, if any.
    pub(crate) fn fige_jusqu_au(&self) -> Option<NaiveDate> {
        self.replanification.as_ref()?.figer_jusqu_au
    }
    /// True when `date` is a frozen day (on or before `figer_jusqu_au`).
    pub(crate) fn fige(&self, date: NaiveDate) -> bool {
        self.fige_jusqu_au().is_some_and(|f| date <= f)
    }
}

/// The file's `regie` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regie {
    /// The file's `regie.nom` (docs/format-scenario.md).
    pub nom: String,
}

/// The file's `periode` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    /// The file's `periode.debut` (docs/format-scenario.md).
    pub debut: NaiveDate,
    /// The file's `periode.jours` (docs/format-scenario.md).
    pub jours: u32,
    /// The file's `periode.feries` (docs/format-scenario.md).
    #[serde(default)]
    pub feries: Vec<NaiveDate>,
}

/// Weekdays as the format writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Jour {
    /// `lun`, as the file writes the weekday (docs/format-scenario.md).
    Lun,
    /// `mar`, as the file writes the weekday (docs/format-scenario.md).
    Mar,
    /// `mer`, as the file writes the weekday (docs/format-scenario.md).
    Mer,
    /// `jeu`, as the file writes the weekday (docs/format-scenario.md).
    Jeu,
    /// `ven`, as the file writes the weekday (docs/format-scenario.md).
    Ven,
    /// `sam`, as the file writes the weekday (docs/format-scenario.md).
    Sam,
    /// `dim`, as the file writes the weekday (docs/format-scenario.md).
    Dim,
}

impl Jour {
    /// The file's `pub` (docs/format-scenario.md).
    pub const ALL: [Jour; 7] = [
        Jour::Lun,
        Jour::Mar,
        Jour::Mer,
        Jour::Jeu,
        Jour::Ven,
        Jour::Sam,
        Jour::Dim,
    ];

    /// The file's `pub` (docs/format-scenario.md).
    pub fn of(weekday: Weekday) -> Jour {
        Jour::ALL[weekday.num_days_from_monday() as usize]
    }
    /// The file's `pub` (docs/format-scenario.md).
    pub fn index(self) -> usize {
        self as usize
    }
    /// The file's `pub` (docs/format-scenario.md).
    pub fn nom(self) -> &'static str {
        ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"][self as usize]
    }
}

/// `disponibilites`: weekday → intervals. A weekday not listed is unavailable.
pub(crate) type Disponibilites = BTreeMap<Jour, Vec<Plage>>;

/// The file's `reglages` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Reglages {
    /// The file's `reglages.pas_minutes` (docs/format-scenario.md).
    pub pas_minutes: u32,
    /// The file's `reglages.jours_semaine` (docs/format-scenario.md).
    pub jours_semaine: u32,
    pub(crate) journee: Plage,
    /// The file's `reglages.ratio_encadrement` (docs/format-scenario.md).
    pub ratio_encadrement: u32,
    /// The file's `reglages.trajet_defaut_minutes` (docs/format-scenario.md).
    pub trajet_defaut_minutes: u32,
    /// The file's `reglages.rdv_cip` (docs/format-scenario.md).
    pub rdv_cip: ReglagesRdvCip,
    /// The file's `reglages.max_heures_jour` (docs/format-scenario.md).
    pub max_heures_jour: f64,
    /// The file's `reglages.pause` (docs/format-scenario.md).
    pub pause: ReglagesPause,
    /// The file's `reglages.max_jours_semaine` (docs/format-scenario.md).
    pub max_jours_semaine: u32,
    /// The file's `reglages.heures_complementaires_max` (docs/format-scenario.md).
    pub heures_complementaires_max: f64,
    /// The file's `reglages.max_en_formation_simultane` (docs/format-scenario.md).
    pub max_en_formation_simultane: Option<u32>,
    /// Weekly hours of a full-time contract (docs/regles.md): below it, a contract is part-time
    /// and rule 11 applies.
    pub duree_legale: f64,
    /// Rule 11 (part-time day shape).
    pub temps_partiel: ReglagesTempsPartiel,
    /// Rule 12: least daily rest, hours (`null`: the rule is off).
    pub repos_quotidien_heures: Option<f64>,
    /// The file's `reglages.solveur` (docs/format-scenario.md).
    pub solveur: ReglagesSolveur,
    /// The file's `reglages.poids` (docs/format-scenario.md).
    pub poids: Poids,
}

impl Default for Reglages {
    fn default() -> Self {
        Reglages {
            pas_minutes: 15,
            jours_semaine: 5,
            journee: Plage {
                debut: 5 * 60,
                fin: 21 * 60,
            },
            ratio_encadrement: 5,
            trajet_defaut_minutes: 30,
            rdv_cip: ReglagesRdvCip::default(),
            max_heures_jour: 10.0,
            pause: ReglagesPause::default(),
            max_jours_semaine: 6,
            heures_complementaires_max: 0.10,
            max_en_formation_simultane: None,
            duree_legale: 35.0,
            temps_partiel: ReglagesTempsPartiel::default(),
            repos_quotidien_heures: Some(11.0),
            solveur: ReglagesSolveur::default(),
            poids: Poids::default(),
        }
    }
}

/// The file's `reglages.rdv_cip` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesRdvCip {
    /// The file's `reglages.rdv_cip.min_par_mois` (docs/format-scenario.md).
    pub min_par_mois: u32,
    pub(crate) min_minutes_par_mois: u32,
    /// The file's `reglages.rdv_cip.duree_minutes` (docs/format-scenario.md).
    pub duree_minutes: u32,
    pub(crate) max_par_semaine: u32,
}

impl Default for ReglagesRdvCip {
    fn default() -> Self {
        ReglagesRdvCip {
            min_par_mois: 2,
            min_minutes_par_mois: 60,
            duree_minutes: 30,
            max_par_semaine: 1,
        }
    }
}

/// The file's `reglages.pause` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesPause {
    /// The file's `reglages.pause.apres_minutes` (docs/format-scenario.md).
    pub apres_minutes: u32,
    /// The file's `reglages.pause.minutes` (docs/format-scenario.md).
    pub minutes: u32,
}

impl Default for ReglagesPause {
    fn default() -> Self {
        ReglagesPause {
            apres_minutes: 360,
            minutes: 20,
        }
    }
}

/// `temps_partiel` (rule 11, Code du travail L3123-30): at most `interruptions_max`
/// interruptions a day (`null`: the rule is off), each of at most `interruption_max_minutes`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesTempsPartiel {
    /// The file's `reglages.temps_partiel.interruptions_max` (docs/format-scenario.md).
    pub interruptions_max: Option<u32>,
    /// The file's `reglages.temps_partiel.interruption_max_minutes` (docs/format-scenario.md).
    pub interruption_max_minutes: u32,
}

impl Default for ReglagesTempsPartiel {
    fn default() -> Self {
        ReglagesTempsPartiel {
            interruptions_max: Some(1),
            interruption_max_minutes: 120,
        }
    }
}

/// The file's `reglages.solveur` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesSolveur {
    /// The file's `reglages.solveur.limite_secondes` (docs/format-scenario.md).
    pub limite_secondes: f64,
    /// The file's `reglages.solveur.ecart_relatif` (docs/format-scenario.md).
    pub ecart_relatif: f64,
    /// The file's `reglages.solveur.graine` (docs/format-scenario.md).
    pub graine: u32,
    /// The file's `reglages.solveur.threads` (docs/format-scenario.md).
    pub threads: u32,
    /// Work budget (rounds of neighbourhood search, nodes of the weekly MIP): the same budget
    /// gives the same plan on any machine. `None`: the time limit alone stops the search.
    pub effort: Option<u32>,
}

impl Default for ReglagesSolveur {
    fn default() -> Self {
        ReglagesSolveur {
            limite_secondes: 60.0,
            ecart_relatif: 0.0,
            graine: 1,
            threads: 0,
            effort: None,
        }
    }
}

/// The file's `reglages.poids` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Poids {
    /// The file's `reglages.poids.production` (docs/format-scenario.md).
    pub production: f64,
    /// The file's `reglages.poids.rdv_cip_retard` (docs/format-scenario.md).
    pub rdv_cip_retard: f64,
    /// The file's `reglages.poids.rdv_cip_restant` (docs/format-scenario.md).
    pub rdv_cip_restant: f64,
    /// The file's `reglages.poids.heures_sous_contrat` (docs/format-scenario.md).
    pub heures_sous_contrat: f64,
    /// The file's `reglages.poids.heures_complementaires` (docs/format-scenario.md).
    pub heures_complementaires: f64,
    /// The file's `reglages.poids.besoin_atelier` (docs/format-scenario.md).
    pub besoin_atelier: f64,
    /// The file's `reglages.poids.preference` (docs/format-scenario.md).
    pub preference: f64,
    /// The file's `reglages.poids.eviter` (docs/format-scenario.md).
    pub eviter: f64,
    /// Re-planning: each published item changed or new item (docs/regles.md).
    pub changement: f64,
    /// Each fixed item left out of the plan.
    pub conflit: f64,
}

impl Default for Poids {
    fn default() -> Self {
        Poids {
            production: 100.0,
            rdv_cip_retard: 200.0,
            rdv_cip_restant: 5.0,
            heures_sous_contrat: 20.0,
            heures_complementaires: 10.0,
            besoin_atelier: 8.0,
            preference: 1.0,
            eviter: 5.0,
            changement: 40.0,
            conflit: 10_000.0,
        }
    }
}

/// The file's `lieux[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lieu {
    /// The file's `lieux[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `lieux[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// `[latitude, longitude]` in degrees (WGS 84): ties the lieu to the GTFS stops within
    /// `gtfs.rayon_metres` when `arrets` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gps: Option<[f64; 2]>,
    /// GTFS stops this lieu is tied to, by `stop_id` (a station stands for its platforms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arrets: Vec<ArretLieu>,
}

/// A stop of `lieux[].arrets`: its `stop_id` and the walk in minutes (from the distance when
/// left out and both the lieu and the stop have coordinates).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArretLieu {
    /// The file's `lieux[].arrets[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `lieux[].arrets[].minutes` (docs/format-scenario.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// `gtfs`: a published GTFS feed (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReseauGtfs {
    /// A `.zip` or a folder of `.txt` files, relative to the scenario file's folder.
    pub chemin: String,
    /// Straight-line radius around a lieu's `gps` within which stops are tied to it.
    #[serde(default = "default_rayon_metres")]
    pub(crate) rayon_metres: u32,
    /// The feed as read by the loader, filtered to the period and the lieux (`None` until
    /// loaded, and for a scenario kept in the registre).
    #[serde(skip)]
    pub reseau: Option<std::sync::Arc<super::gtfs::Reseau>>,
}

fn default_rayon_metres() -> u32 {
    500
}

/// The file's `trajets[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Trajet {
    /// The file's `trajets[].de` (docs/format-scenario.md).
    pub de: String,
    /// The file's `trajets[].a` (docs/format-scenario.md).
    pub a: String,
    /// The file's `trajets[].minutes` (docs/format-scenario.md).
    pub minutes: u32,
}

/// The file's `transports[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ligne {
    /// The file's `transports[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `transports[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// The file's `transports[].courses` (docs/format-scenario.md).
    pub courses: Vec<Course>,
}

/// The file's `transports[].courses[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The file's `transports[].courses[].jours` (docs/format-scenario.md).
    pub jours: Vec<Jour>,
    /// `[lieu, "HH:MM"]` pairs in the order the bus serves them.
    pub passages: Vec<(String, Heure)>,
}

/// The file's `salaries[].contrat.type` (docs/format-scenario.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeContrat {
    /// `cddi_aci`, a value of the file's `salaries[].contrat.type` (docs/format-scenario.md).
    CddiAci,
    /// `cddi_ei`, a value of the file's `salaries[].contrat.type` (docs/format-scenario.md).
    CddiEi,
    /// `cdi_inclusion`, a value of the file's `salaries[].contrat.type` (docs/format-scenario.md).
    CdiInclusion,
    /// `autre`, a value of the file's `salaries[].contrat.type` (docs/format-scenario.md).
    Autre,
}

/// The file's `salaries[].contrat` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contrat {
    /// The file's `salaries[].contrat.type` (docs/format-scenario.md).
    #[serde(rename = "type")]
    pub type_: TypeContrat,
    /// The file's `salaries[].contrat.heures_hebdo` (docs/format-scenario.md).
    pub heures_hebdo: f64,
    /// First day of the contract; absent: started before any date of interest.
    #[serde(default)]
    pub debut: Option<NaiveDate>,
    /// Last day of the contract (inclusive); absent: no end (CDI inclusion).
    #[serde(default)]
    pub fin: Option<NaiveDate>,
}

impl Contrat {
    /// The file's `pub` (docs/format-scenario.md).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.debut.is_none_or(|d| d <= date) && self.fin.is_none_or(|f| date <= f)
    }
}

/// The file's `salaries[].mobilite` (docs/format-scenario.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mobilite {
    /// `marche`, a value of the file's `salaries[].mobilite` (docs/format-scenario.md).
    Marche,
    /// `transports`, a value of the file's `salaries[].mobilite` (docs/format-scenario.md).
    Transports,
    /// `autonome`, a value of the file's `salaries[].mobilite` (docs/format-scenario.md).
    #[default]
    Autonome,
}

/// An absence: whole days (`date`, or `du`/`au`), or part of each of those days (`de`/`a`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// The file's `absences[].date` (docs/format-scenario.md).
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The file's `absences[].du` (docs/format-scenario.md).
    #[serde(default)]
    pub du: Option<NaiveDate>,
    /// The file's `absences[].au` (docs/format-scenario.md).
    #[serde(default)]
    pub au: Option<NaiveDate>,
    /// The file's `absences[].de` (docs/format-scenario.md).
    #[serde(default)]
    pub de: Option<Heure>,
    /// The file's `absences[].a` (docs/format-scenario.md).
    #[serde(default)]
    pub a: Option<Heure>,
    /// The file's `absences[].motif` (docs/format-scenario.md).
    #[serde(default)]
    pub motif: Option<String>,
}

impl Absence {
    /// First and last day of the absence (validation guarantees one form is given).
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        match (self.date, self.du, self.au) {
            (Some(d), None, None) => Some((d, d)),
            (None, Some(du), Some(au)) => Some((du, au)),
            (None, Some(du), None) => Some((du, du)),
            _ => None,
        }
    }
    /// True when the absence takes the whole of each of its days.
    pub fn whole_day(&self) -> bool {
        self.de.is_none() && self.a.is_none()
    }
    /// The part of `date` the absence takes, as minutes `[start, end)`, if any.
    pub fn on(&self, date: NaiveDate) -> Option<(u32, u32)> {
        let (a, b) = self.days()?;
        if date < a || date > b {
            return None;
        }
        Some((self.de.map_or(0, |h| h.0), self.a.map_or(24 * 60, |h| h.0)))
    }
}

/// The file's `salaries[].pmsmp[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pmsmp {
    /// The file's `salaries[].pmsmp[].du` (docs/format-scenario.md).
    pub du: NaiveDate,
    /// The file's `salaries[].pmsmp[].au` (docs/format-scenario.md).
    pub au: NaiveDate,
    /// The file's `salaries[].pmsmp[].entreprise` (docs/format-scenario.md).
    #[serde(default)]
    pub entreprise: Option<String>,
}

/// The file's `salaries[].rdv_cip[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RdvPasse {
    /// The file's `salaries[].rdv_cip[].date` (docs/format-scenario.md).
    pub date: NaiveDate,
    /// The file's `salaries[].rdv_cip[].minutes` (docs/format-scenario.md).
    pub minutes: u32,
}

/// The file's `salaries[].preferences` (docs/format-scenario.md).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Preferences {
    /// The file's `salaries[].preferences.chantiers` (docs/format-scenario.md).
    pub chantiers: Vec<String>,
    /// The file's `salaries[].preferences.eviter` (docs/format-scenario.md).
    pub eviter: Vec<String>,
}

/// The file's `salaries[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Salarie {
    /// The file's `salaries[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `salaries[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// The file's `salaries[].contrat` (docs/format-scenario.md).
    pub contrat: Contrat,
    /// The file's `salaries[].domicile` (docs/format-scenario.md).
    #[serde(default)]
    pub domicile: Option<String>,
    /// The file's `salaries[].mobilite` (docs/format-scenario.md).
    #[serde(default)]
    pub mobilite: Mobilite,
    /// The file's `salaries[].competences` (docs/format-scenario.md).
    #[serde(default)]
    pub competences: Vec<String>,
    #[serde(default)]
    pub(crate) restrictions: Vec<String>,
    /// The file's `salaries[].cip` (docs/format-scenario.md).
    #[serde(default)]
    pub cip: Option<String>,
    /// The file's `salaries[].rdv_cip_par_mois` (docs/format-scenario.md).
    #[serde(default)]
    pub rdv_cip_par_mois: Option<u32>,
    /// The file's `salaries[].disponibilites` (docs/format-scenario.md).
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    /// The file's `salaries[].absences` (docs/format-scenario.md).
    #[serde(default)]
    pub absences: Vec<Absence>,
    /// The file's `salaries[].pmsmp` (docs/format-scenario.md).
    #[serde(default)]
    pub pmsmp: Vec<Pmsmp>,
    /// The file's `salaries[].rdv_cip` (docs/format-scenario.md).
    #[serde(default)]
    pub rdv_cip: Vec<RdvPasse>,
    /// The file's `salaries[].besoins` (docs/format-scenario.md).
    #[serde(default)]
    pub besoins: Vec<String>,
    /// The file's `salaries[].preferences` (docs/format-scenario.md).
    #[serde(default)]
    pub preferences: Preferences,
}

/// The file's `encadrants[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Encadrant {
    /// The file's `encadrants[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `encadrants[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// The file's `encadrants[].heures_hebdo` (docs/format-scenario.md).
    pub heures_hebdo: f64,
    /// The file's `encadrants[].competences` (docs/format-scenario.md).
    #[serde(default)]
    pub competences: Vec<String>,
    /// What they can supervise; absent: every activité.
    #[serde(default)]
    pub activites: Option<Vec<String>>,
    /// The file's `encadrants[].disponibilites` (docs/format-scenario.md).
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    /// The file's `encadrants[].absences` (docs/format-scenario.md).
    #[serde(default)]
    pub absences: Vec<Absence>,
}

impl Encadrant {
    pub(crate) fn can_supervise(&self, activite: &str) -> bool {
        self.activites
            .as_ref()
            .is_none_or(|a| a.iter().any(|x| x == activite))
    }
}

/// The file's `cips[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cip {
    /// The file's `cips[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `cips[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// The file's `cips[].lieu` (docs/format-scenario.md).
    pub lieu: String,
    /// The file's `cips[].disponibilites` (docs/format-scenario.md).
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    /// The file's `cips[].absences` (docs/format-scenario.md).
    #[serde(default)]
    pub absences: Vec<Absence>,
    /// At most this many rdv a day; absent: no limit.
    #[serde(default)]
    pub max_rdv_jour: Option<u32>,
}

/// The file's `chantiers[].conventionnement` (docs/format-scenario.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conventionnement {
    /// `aci`, a value of the file's `chantiers[].conventionnement` (docs/format-scenario.md).
    #[default]
    Aci,
    /// `ei`, a value of the file's `chantiers[].conventionnement` (docs/format-scenario.md).
    Ei,
}

/// The file's `chantiers[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Chantier {
    /// The file's `chantiers[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `chantiers[].nom` (docs/format-scenario.md).
    #[serde(default)]
    pub nom: Option<String>,
    /// The file's `chantiers[].client` (docs/format-scenario.md).
    #[serde(default)]
    pub client: Option<String>,
    /// The file's `chantiers[].activite` (docs/format-scenario.md).
    pub activite: String,
    /// The file's `chantiers[].conventionnement` (docs/format-scenario.md).
    #[serde(default)]
    pub conventionnement: Conventionnement,
    /// The file's `chantiers[].lieu` (docs/format-scenario.md).
    pub lieu: String,
    /// The file's `chantiers[].priorite` (docs/format-scenario.md).
    #[serde(default = "un")]
    pub priorite: u32,
    /// The file's `chantiers[].ratio_encadrement` (docs/format-scenario.md).
    #[serde(default)]
    pub ratio_encadrement: Option<u32>,
    /// The file's `chantiers[].competences_toutes` (docs/format-scenario.md).
    #[serde(default)]
    pub competences_toutes: Vec<String>,
    /// The file's `chantiers[].competences_une` (docs/format-scenario.md).
    #[serde(default)]
    pub competences_une: Vec<String>,
    /// The file's `chantiers[].part_lien_social` (docs/format-scenario.md).
    #[serde(default)]
    pub part_lien_social: f64,
    /// The file's `chantiers[].vacations` (docs/format-scenario.md).
    pub vacations: Vec<Vacation>,
}

fn un() -> u32 {
    1
}

/// The file's `chantiers[].vacations[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vacation {
    /// The file's `chantiers[].vacations[].jours` (docs/format-scenario.md).
    pub jours: Vec<Jour>,
    /// The file's `chantiers[].vacations[].debuts` (docs/format-scenario.md).
    pub debuts: Vec<Heure>,
    /// The file's `chantiers[].vacations[].duree` (docs/format-scenario.md).
    pub duree: Duree,
    /// The file's `chantiers[].vacations[].equipe` (docs/format-scenario.md).
    pub equipe: Equipe,
    /// The file's `chantiers[].vacations[].optionnelle` (docs/format-scenario.md).
    #[serde(default)]
    pub optionnelle: bool,
}

/// The file's `chantiers[].vacations[].equipe` (docs/format-scenario.md).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Equipe {
    /// The file's `chantiers[].vacations[].equipe.min` (docs/format-scenario.md).
    pub min: u32,
    /// The file's `chantiers[].vacations[].equipe.max` (docs/format-scenario.md).
    pub max: u32,
}

/// The file's `ateliers[].categorie` (docs/format-scenario.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategorieAtelier {
    /// `atelier_collectif`, a value of the file's `ateliers[].categorie` (docs/format-scenario.md).
    #[default]
    AtelierCollectif,
    /// `lien_social`, a value of the file's `ateliers[].categorie` (docs/format-scenario.md).
    LienSocial,
    /// `vie_equipe`, a value of the file's `ateliers[].categorie` (docs/format-scenario.md).
    VieEquipe,
    /// `autre_action`, a value of the file's `ateliers[].categorie` (docs/format-scenario.md).
    AutreAction,
}

/// The file's `ateliers[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Atelier {
    /// The file's `ateliers[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `ateliers[].theme` (docs/format-scenario.md).
    pub theme: String,
    /// The file's `ateliers[].date` (docs/format-scenario.md).
    pub date: NaiveDate,
    /// The file's `ateliers[].de` (docs/format-scenario.md).
    pub de: Heure,
    /// The file's `ateliers[].a` (docs/format-scenario.md).
    pub a: Heure,
    /// The file's `ateliers[].lieu` (docs/format-scenario.md).
    pub lieu: String,
    /// The file's `ateliers[].places` (docs/format-scenario.md).
    pub places: u32,
    /// The file's `ateliers[].inscrits` (docs/format-scenario.md).
    #[serde(default)]
    pub inscrits: Vec<String>,
    /// The file's `ateliers[].anime_par` (docs/format-scenario.md).
    #[serde(default)]
    pub anime_par: Option<String>,
    /// The file's `ateliers[].categorie` (docs/format-scenario.md).
    #[serde(default)]
    pub categorie: CategorieAtelier,
}

/// The file's `formations[].seances[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Seance {
    /// The file's `formations[].seances[].date` (docs/format-scenario.md).
    pub date: NaiveDate,
    /// The file's `formations[].seances[].de` (docs/format-scenario.md).
    pub de: Heure,
    /// The file's `formations[].seances[].a` (docs/format-scenario.md).
    pub a: Heure,
}

/// The file's `formations[]` (docs/format-scenario.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    /// The file's `formations[].id` (docs/format-scenario.md).
    pub id: String,
    /// The file's `formations[].intitule` (docs/format-scenario.md).
    #[serde(default)]
    pub intitule: Option<String>,
    /// The file's `formations[].lieu` (docs/format-scenario.md).
    pub lieu: String,
    /// The file's `formations[].seances` (docs/format-scenario.md).
    pub seances: Vec<Seance>,
    /// The file's `formations[].inscrits` (docs/format-scenario.md).
    #[serde(default)]
    pub inscrits: Vec<String>,
}
