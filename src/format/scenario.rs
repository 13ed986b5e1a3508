//! The scenario file, version 1 (docs/format-scenario.md): serde types, one per YAML object.
//!
//! Unknown keys are rejected everywhere (`deny_unknown_fields`); every default of `reglages`
//! lives here, in one place. Cross-references (ids) and value ranges are checked by
//! [`crate::format::validate`], not by serde.

use super::time::{Duree, Heure, Plage};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub regie: Regie,
    pub periode: Periode,
    #[serde(default)]
    pub reglages: Reglages,
    pub lieux: Vec<Lieu>,
    #[serde(default)]
    pub trajets: Vec<Trajet>,
    #[serde(default)]
    pub transports: Vec<Ligne>,
    /// A GTFS feed beside (or instead of) `transports` (docs/format-scenario.md, `gtfs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtfs: Option<ReseauGtfs>,
    pub salaries: Vec<Salarie>,
    #[serde(default)]
    pub encadrants: Vec<Encadrant>,
    #[serde(default)]
    pub cips: Vec<Cip>,
    pub chantiers: Vec<Chantier>,
    #[serde(default)]
    pub ateliers: Vec<Atelier>,
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
    pub personne: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Index of the vacation in the chantier's `vacations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacation: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
}

/// An `interdire` entry (rule 13): `personne` with `chantier` and/or `date`, or `personnes`
/// (never in the same crew).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Interdire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personne: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Interdire {
    /// True when this entry forbids person `personne` on chantier `chantier` (`None`: an item
    /// that is not on a chantier) on `date`. Pair entries forbid no single item.
    pub fn forbids(&self, personne: &str, chantier: Option<&str>, date: NaiveDate) -> bool {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figer_jusqu_au: Option<NaiveDate>,
    /// The published plan's items, read by the loader.
    #[serde(skip)]
    pub publie: Vec<crate::format::plan::Affectation>,
}

impl Scenario {
    /// The last frozen day of a re-planning, if any.
    pub fn fige_jusqu_au(&self) -> Option<NaiveDate> {
        self.replanification.as_ref()?.figer_jusqu_au
    }
    /// True when `date` is a frozen day (on or before `figer_jusqu_au`).
    pub fn fige(&self, date: NaiveDate) -> bool {
        self.fige_jusqu_au().is_some_and(|f| date <= f)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regie {
    pub nom: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    pub debut: NaiveDate,
    pub jours: u32,
    #[serde(default)]
    pub feries: Vec<NaiveDate>,
}

/// Weekdays as the format writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Jour {
    Lun,
    Mar,
    Mer,
    Jeu,
    Ven,
    Sam,
    Dim,
}

impl Jour {
    pub const ALL: [Jour; 7] = [
        Jour::Lun,
        Jour::Mar,
        Jour::Mer,
        Jour::Jeu,
        Jour::Ven,
        Jour::Sam,
        Jour::Dim,
    ];

    pub fn of(weekday: Weekday) -> Jour {
        Jour::ALL[weekday.num_days_from_monday() as usize]
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn nom(self) -> &'static str {
        ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"][self as usize]
    }
}

/// `disponibilites`: weekday → intervals. A weekday not listed is unavailable.
pub type Disponibilites = BTreeMap<Jour, Vec<Plage>>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Reglages {
    pub pas_minutes: u32,
    pub jours_semaine: u32,
    pub journee: Plage,
    pub ratio_encadrement: u32,
    pub trajet_defaut_minutes: u32,
    pub rdv_cip: ReglagesRdvCip,
    pub max_heures_jour: f64,
    pub pause: ReglagesPause,
    pub max_jours_semaine: u32,
    pub heures_complementaires_max: f64,
    pub max_en_formation_simultane: Option<u32>,
    /// Weekly hours of a full-time contract (docs/regles.md): below it, a contract is part-time
    /// and rule 11 applies.
    pub duree_legale: f64,
    /// Rule 11 (part-time day shape).
    pub temps_partiel: ReglagesTempsPartiel,
    /// Rule 12: least daily rest, hours (`null`: the rule is off).
    pub repos_quotidien_heures: Option<f64>,
    pub solveur: ReglagesSolveur,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesRdvCip {
    pub min_par_mois: u32,
    pub min_minutes_par_mois: u32,
    pub duree_minutes: u32,
    pub max_par_semaine: u32,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesPause {
    pub apres_minutes: u32,
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
    pub interruptions_max: Option<u32>,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReglagesSolveur {
    pub limite_secondes: f64,
    pub ecart_relatif: f64,
    pub graine: u32,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Poids {
    pub production: f64,
    pub rdv_cip_retard: f64,
    pub rdv_cip_restant: f64,
    pub heures_sous_contrat: f64,
    pub heures_complementaires: f64,
    pub besoin_atelier: f64,
    pub preference: f64,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lieu {
    pub id: String,
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
    pub id: String,
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
    pub rayon_metres: u32,
    /// The feed as read by the loader, filtered to the period and the lieux (`None` until
    /// loaded, and for a scenario kept in the registre).
    #[serde(skip)]
    pub reseau: Option<std::sync::Arc<super::gtfs::Reseau>>,
}

fn default_rayon_metres() -> u32 {
    500
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Trajet {
    pub de: String,
    pub a: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ligne {
    pub id: String,
    #[serde(default)]
    pub nom: Option<String>,
    pub courses: Vec<Course>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub jours: Vec<Jour>,
    /// `[lieu, "HH:MM"]` pairs in the order the bus serves them.
    pub passages: Vec<(String, Heure)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeContrat {
    CddiAci,
    CddiEi,
    CdiInclusion,
    Autre,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contrat {
    #[serde(rename = "type")]
    pub type_: TypeContrat,
    pub heures_hebdo: f64,
    /// First day of the contract; absent: started before any date of interest.
    #[serde(default)]
    pub debut: Option<NaiveDate>,
    /// Last day of the contract (inclusive); absent: no end (CDI inclusion).
    #[serde(default)]
    pub fin: Option<NaiveDate>,
}

impl Contrat {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.debut.is_none_or(|d| d <= date) && self.fin.is_none_or(|f| date <= f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mobilite {
    Marche,
    Transports,
    #[default]
    Autonome,
}

/// An absence: whole days (`date`, or `du`/`au`), or part of each of those days (`de`/`a`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub du: Option<NaiveDate>,
    #[serde(default)]
    pub au: Option<NaiveDate>,
    #[serde(default)]
    pub de: Option<Heure>,
    #[serde(default)]
    pub a: Option<Heure>,
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pmsmp {
    pub du: NaiveDate,
    pub au: NaiveDate,
    #[serde(default)]
    pub entreprise: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RdvPasse {
    pub date: NaiveDate,
    pub minutes: u32,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Preferences {
    pub chantiers: Vec<String>,
    pub eviter: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Salarie {
    pub id: String,
    #[serde(default)]
    pub nom: Option<String>,
    pub contrat: Contrat,
    #[serde(default)]
    pub domicile: Option<String>,
    #[serde(default)]
    pub mobilite: Mobilite,
    #[serde(default)]
    pub competences: Vec<String>,
    #[serde(default)]
    pub restrictions: Vec<String>,
    #[serde(default)]
    pub cip: Option<String>,
    #[serde(default)]
    pub rdv_cip_par_mois: Option<u32>,
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    #[serde(default)]
    pub absences: Vec<Absence>,
    #[serde(default)]
    pub pmsmp: Vec<Pmsmp>,
    #[serde(default)]
    pub rdv_cip: Vec<RdvPasse>,
    #[serde(default)]
    pub besoins: Vec<String>,
    #[serde(default)]
    pub preferences: Preferences,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Encadrant {
    pub id: String,
    #[serde(default)]
    pub nom: Option<String>,
    pub heures_hebdo: f64,
    #[serde(default)]
    pub competences: Vec<String>,
    /// What they can supervise; absent: every activité.
    #[serde(default)]
    pub activites: Option<Vec<String>>,
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    #[serde(default)]
    pub absences: Vec<Absence>,
}

impl Encadrant {
    pub fn can_supervise(&self, activite: &str) -> bool {
        self.activites
            .as_ref()
            .is_none_or(|a| a.iter().any(|x| x == activite))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cip {
    pub id: String,
    #[serde(default)]
    pub nom: Option<String>,
    pub lieu: String,
    #[serde(default)]
    pub disponibilites: Option<Disponibilites>,
    #[serde(default)]
    pub absences: Vec<Absence>,
    /// At most this many rdv a day; absent: no limit.
    #[serde(default)]
    pub max_rdv_jour: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conventionnement {
    #[default]
    Aci,
    Ei,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Chantier {
    pub id: String,
    #[serde(default)]
    pub nom: Option<String>,
    #[serde(default)]
    pub client: Option<String>,
    pub activite: String,
    #[serde(default)]
    pub conventionnement: Conventionnement,
    pub lieu: String,
    #[serde(default = "un")]
    pub priorite: u32,
    #[serde(default)]
    pub ratio_encadrement: Option<u32>,
    #[serde(default)]
    pub competences_toutes: Vec<String>,
    #[serde(default)]
    pub competences_une: Vec<String>,
    #[serde(default)]
    pub part_lien_social: f64,
    pub vacations: Vec<Vacation>,
}

fn un() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vacation {
    pub jours: Vec<Jour>,
    pub debuts: Vec<Heure>,
    pub duree: Duree,
    pub equipe: Equipe,
    #[serde(default)]
    pub optionnelle: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Equipe {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategorieAtelier {
    #[default]
    AtelierCollectif,
    LienSocial,
    VieEquipe,
    AutreAction,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Atelier {
    pub id: String,
    pub theme: String,
    pub date: NaiveDate,
    pub de: Heure,
    pub a: Heure,
    pub lieu: String,
    pub places: u32,
    #[serde(default)]
    pub inscrits: Vec<String>,
    #[serde(default)]
    pub anime_par: Option<String>,
    #[serde(default)]
    pub categorie: CategorieAtelier,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Seance {
    pub date: NaiveDate,
    pub de: Heure,
    pub a: Heure,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    pub id: String,
    #[serde(default)]
    pub intitule: Option<String>,
    pub lieu: String,
    pub seances: Vec<Seance>,
    #[serde(default)]
    pub inscrits: Vec<String>,
}
