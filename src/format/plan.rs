//! The plan file, version 1 (docs/regles.md): what `planifier` writes and `verifier` reads.

use super::time::Heure;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const PLAN_FORMAT: &str = "regie-plan/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Statut {
    Optimal,
    Realisable,
    SansSolution,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodeRef {
    pub debut: NaiveDate,
    pub jours: u32,
}

/// The cost terms, in the order of the spec's table. Keys are the `reglages.poids` names.
pub const COST_TERMS: [&str; 10] = [
    "production",
    "rdv_cip_retard",
    "rdv_cip_restant",
    "heures_sous_contrat",
    "heures_complementaires",
    "besoin_atelier",
    "preference",
    "eviter",
    "conflit",
    "changement",
];

/// Cost terms added with conflicts and re-planning (docs/regles.md): a plan file written before them may leave them out (read as 0).
pub const COST_TERMS_V2: [&str; 2] = ["conflit", "changement"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub format: String,
    pub regie: String,
    pub periode: PeriodeRef,
    pub statut: Statut,
    pub cout: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borne: Option<f64>,
    /// Weighted cost per term (weight × count), keyed by [`COST_TERMS`].
    pub couts: BTreeMap<String, f64>,
    pub affectations: Vec<Affectation>,
    #[serde(default)]
    pub ecarts: Vec<Ecart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeAffectation {
    Production,
    Encadrement,
    RdvCip,
    Atelier,
    Formation,
    Pmsmp,
}

/// One person doing one thing at one place on one date.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Affectation {
    pub personne: String,
    #[serde(rename = "type")]
    pub type_: TypeAffectation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<String>,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fin: Option<Heure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu: Option<String>,
    /// Only for `pmsmp`: the day's hours (`heures_hebdo / jours_semaine`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heures: Option<f64>,
}

impl Affectation {
    /// Duration in minutes of a timed item; `None` for a PMSMP day.
    pub fn minutes(&self) -> Option<u32> {
        Some(self.fin?.0.saturating_sub(self.debut?.0))
    }
    /// Hours the item counts for in the person's week.
    pub fn hours(&self) -> f64 {
        match self.minutes() {
            Some(m) => f64::from(m) / 60.0,
            None => self.heures.unwrap_or(0.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeEcart {
    Production,
    RdvCip,
    Heures,
    Atelier,
    /// A fixed item (formation séance, atelier inscrit, `imposer` entry) left out of the plan,
    /// with its cause (docs/regles.md, « Conflits »; also the fixed items of an old `sans_solution`).
    Conflit,
}

/// A requirement not met (a non-zero requirement term), with its reason in French.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ecart {
    #[serde(rename = "type")]
    pub type_: TypeEcart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personne: Option<String>,
    /// `conflit`: the CIP, atelier or formation of the fixed item left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
    /// `YYYY-MM` for rdv shortfalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mois: Option<String>,
    /// ISO week `YYYY-Www` for hours shortfalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semaine: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// How many are missing: crew members, rdv, hours (negative never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manque: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heures: Option<f64>,
    pub raison: String,
}
