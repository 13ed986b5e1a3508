//! The plan file, version 1 (docs/regles.md): what `planifier` writes and `verifier` reads,
//! and the one reader of it (French errors with line, column and item path).

use super::time::Heure;
use crate::diag::{Code, Diagnostic, Error, Result, Severity};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const PLAN_FORMAT: &str = "regie-plan/1";

/// The file's `statut` (docs/regles.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Statut {
    /// `optimal`, a value of the file's `statut` (docs/regles.md).
    Optimal,
    /// `realisable`, a value of the file's `statut` (docs/regles.md).
    Realisable,
    /// `sans_solution`, a value of the file's `statut` (docs/regles.md).
    SansSolution,
}

/// The file's `periode` (docs/regles.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodeRef {
    /// The file's `periode.debut` (docs/regles.md).
    pub debut: NaiveDate,
    /// The file's `periode.jours` (docs/regles.md).
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
pub(crate) const COST_TERMS_V2: [&str; 2] = ["conflit", "changement"];

/// A plan file, `regie-plan/1` (docs/regles.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The file's `format` (docs/regles.md).
    pub format: String,
    /// The file's `regie` (docs/regles.md).
    pub regie: String,
    /// The file's `periode` (docs/regles.md).
    pub periode: PeriodeRef,
    /// The file's `statut` (docs/regles.md).
    pub statut: Statut,
    /// The file's `cout` (docs/regles.md).
    pub cout: f64,
    /// The file's `borne` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borne: Option<f64>,
    /// Weighted cost per term (weight × count), keyed by [`COST_TERMS`].
    pub couts: BTreeMap<String, f64>,
    /// The file's `affectations` (docs/regles.md).
    pub affectations: Vec<Affectation>,
    /// The file's `ecarts` (docs/regles.md).
    #[serde(default)]
    pub ecarts: Vec<Ecart>,
}

impl Plan {
    /// The hours person `personne` is planned for: the sum of [`Affectation::hours`] over their
    /// items.
    pub fn hours_of(&self, personne: &str) -> f64 {
        self.affectations
            .iter()
            .filter(|a| a.personne == personne)
            .map(Affectation::hours)
            .sum()
    }
}

/// The file's `affectations[].type` (docs/regles.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeAffectation {
    /// `production`, a value of the file's `affectations[].type` (docs/regles.md).
    Production,
    /// `encadrement`, a value of the file's `affectations[].type` (docs/regles.md).
    Encadrement,
    /// `rdv_cip`, a value of the file's `affectations[].type` (docs/regles.md).
    RdvCip,
    /// `atelier`, a value of the file's `affectations[].type` (docs/regles.md).
    Atelier,
    /// `formation`, a value of the file's `affectations[].type` (docs/regles.md).
    Formation,
    /// `pmsmp`, a value of the file's `affectations[].type` (docs/regles.md).
    Pmsmp,
}

impl TypeAffectation {
    /// Every kind, in the order of the enum (and of the plan's legend).
    pub(crate) const ALL: [TypeAffectation; 6] = [
        TypeAffectation::Production,
        TypeAffectation::Encadrement,
        TypeAffectation::RdvCip,
        TypeAffectation::Atelier,
        TypeAffectation::Formation,
        TypeAffectation::Pmsmp,
    ];
    /// The kind as the plan file writes it (`rdv_cip`…).
    pub const fn code(self) -> &'static str {
        match self {
            TypeAffectation::Production => "production",
            TypeAffectation::Encadrement => "encadrement",
            TypeAffectation::RdvCip => "rdv_cip",
            TypeAffectation::Atelier => "atelier",
            TypeAffectation::Formation => "formation",
            TypeAffectation::Pmsmp => "pmsmp",
        }
    }
}

/// One person doing one thing at one place on one date.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Affectation {
    /// The file's `affectations[].personne` (docs/regles.md).
    pub personne: String,
    /// The file's `affectations[].type` (docs/regles.md).
    #[serde(rename = "type")]
    pub type_: TypeAffectation,
    /// The file's `affectations[].chantier` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    /// The file's `affectations[].cip` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    /// The file's `affectations[].atelier` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    /// The file's `affectations[].formation` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<String>,
    /// The file's `affectations[].date` (docs/regles.md).
    pub date: NaiveDate,
    /// The file's `affectations[].debut` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
    /// The file's `affectations[].fin` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fin: Option<Heure>,
    /// The file's `affectations[].lieu` (docs/regles.md).
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

/// The file's `ecarts[].type` (docs/regles.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeEcart {
    /// `production`, a value of the file's `ecarts[].type` (docs/regles.md).
    Production,
    /// `rdv_cip`, a value of the file's `ecarts[].type` (docs/regles.md).
    RdvCip,
    /// `heures`, a value of the file's `ecarts[].type` (docs/regles.md).
    Heures,
    /// `atelier`, a value of the file's `ecarts[].type` (docs/regles.md).
    Atelier,
    /// A fixed item (formation séance, atelier inscrit, `imposer` entry) left out of the plan,
    /// with its cause (docs/regles.md, « Conflits »; also the fixed items of an old `sans_solution`).
    Conflit,
}

/// A requirement not met (a non-zero requirement term), with its reason in French.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ecart {
    /// The file's `ecarts[].type` (docs/regles.md).
    #[serde(rename = "type")]
    pub type_: TypeEcart,
    /// The file's `ecarts[].chantier` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chantier: Option<String>,
    /// The file's `ecarts[].personne` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personne: Option<String>,
    /// `conflit`: the CIP, atelier or formation of the fixed item left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cip: Option<String>,
    /// The file's `ecarts[].atelier` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atelier: Option<String>,
    /// The file's `ecarts[].formation` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<String>,
    /// The file's `ecarts[].date` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The file's `ecarts[].debut` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debut: Option<Heure>,
    /// `YYYY-MM` for rdv shortfalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mois: Option<String>,
    /// ISO week `YYYY-Www` for hours shortfalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semaine: Option<String>,
    /// The file's `ecarts[].theme` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// How many are missing: crew members, rdv, hours (negative never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manque: Option<f64>,
    /// The file's `ecarts[].heures` (docs/regles.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heures: Option<f64>,
    /// The file's `ecarts[].raison` (docs/regles.md).
    pub raison: String,
}

/// Reads and parses a plan file.
pub fn read_plan(path: &Path) -> Result<Plan> {
    let text = crate::io::read_to_string(path)?;
    parse_plan(&text, &path.display().to_string())
}

/// Parses a plan's JSON text; `file` names it in the error (with line, column and item path).
pub fn parse_plan(text: &str, file: &str) -> Result<Plan> {
    let err = |path: String, e: serde_json::Error| {
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Erreur,
            code: json_code(&e),
            file: file.to_owned(),
            line: Some(e.line()),
            // serde_json says column 0 at the end of a file that ends with a newline.
            column: Some(e.column()).filter(|&c| c > 0),
            // `serde_path_to_error` writes `.` for the root and `?` when it lost the path.
            path: if path == "." || path == "?" {
                String::new()
            } else {
                path
            },
            message: french_json_error(&e),
        }])
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        err(path, e.into_inner())
    })?;
    de.end().map_err(|e| err(String::new(), e))?;
    Ok(plan)
}

/// The code of a serde_json error: its syntax, or the kind of its data error.
fn json_code(e: &serde_json::Error) -> Code {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => {
            let raw = e.to_string();
            Code::of_serde_message(raw.split(" at line ").next().unwrap_or(&raw))
        }
        Category::Syntax | Category::Eof | Category::Io => Code::Syntax,
    }
}

/// serde_json's message, translated for the common cases.
fn french_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let raw = e.to_string();
    // serde_json appends " at line L column C": the diagnostic already says where.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    let quoted = |prefix: &str| {
        raw.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('`'))
            .and_then(|r| r.split('`').next())
            .map(str::to_owned)
    };
    if let Some(k) = quoted("unknown field ") {
        return format!("clé inconnue « {k} »");
    }
    if let Some(k) = quoted("missing field ") {
        return format!("clé obligatoire « {k} » absente");
    }
    if let Some(k) = quoted("unknown variant ") {
        return format!("valeur « {k} » inconnue");
    }
    if let Some(k) = quoted("duplicate field ") {
        return format!("clé « {k} » en double");
    }
    match e.classify() {
        Category::Syntax => format!("JSON invalide ({raw})"),
        Category::Eof => "fin de fichier inattendue (JSON incomplet)".to_owned(),
        Category::Data => format!("valeur invalide ({raw})"),
        Category::Io => format!("lecture impossible ({raw})"),
    }
}

/// Rounds to 6 decimals, so that float noise never reaches the file (determinism).
pub(crate) fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

impl Ecart {
    /// A shortfall of type `type_` with its reason, every other field empty.
    pub fn new(type_: TypeEcart, raison: String) -> Ecart {
        Ecart {
            type_,
            chantier: None,
            personne: None,
            cip: None,
            atelier: None,
            formation: None,
            date: None,
            debut: None,
            mois: None,
            semaine: None,
            theme: None,
            manque: None,
            heures: None,
            raison,
        }
    }
}
