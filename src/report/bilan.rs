//! The balance across plans (`regie rapport bilan`): per salarié·e (production and accompaniment
//! hours in the guide's categories, CIP rdv per month), per chantier and client (hours demanded,
//! delivered, short, insertion hours), per CIP (caseload per full-time post) and per activité
//! (encadrement ETP against the 1/5 norm). Every choice is written in `docs/rapports.md`.
//!
//! [`bilan`] computes the tables ([`Tableau`]); [`csv`], [`html`] and [`xlsx`] render them. Rows
//! are sorted by régie then id, so the output depends only on the inputs.

use super::svg::{Serie, Seuil, barres};
use super::{Noms, equipages};
use crate::diag::Result;
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::{CategorieAtelier, Conventionnement, Scenario, TypeContrat};
use crate::model::calendar::{IsoWeek, Month};
use crate::texte::{Cellule, esc, field, field_sep, fmt_h, fmt_h_point, round2, xerr};
use chrono::{Datelike, Days, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One plan and the scenario it was made from.
#[derive(Debug, Clone, Copy)]
pub struct Entree<'a> {
    /// The scenario the plan was made from.
    pub scenario: &'a Scenario,
    /// The plan.
    pub plan: &'a Plan,
}

/// Options of the balance.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep only the days of this month.
    pub mois: Option<Month>,
    /// Replace people's names with stable pseudonyms (`S-001`, `E-002`...).
    pub pseudonymiser: bool,
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Valeur {
    /// Text, written as is (escaped in HTML, quoted in CSV when needed).
    Texte(String),
    /// A number of hours or a count: `12,5` in French CSV and HTML, `12.5` in plain CSV.
    Nombre(f64),
}

impl Valeur {
    fn csv(&self) -> String {
        match self {
            Valeur::Texte(s) => field(s, Cellule::Texte),
            Valeur::Nombre(x) => field(&fmt_h_point(*x), Cellule::Nombre),
        }
    }
    fn html(&self) -> String {
        match self {
            Valeur::Texte(s) => esc(s),
            Valeur::Nombre(x) => fmt_h(*x),
        }
    }
    /// The number, `None` for a text cell.
    pub fn nombre(&self) -> Option<f64> {
        match self {
            Valeur::Nombre(x) => Some(*x),
            Valeur::Texte(_) => None,
        }
    }
    /// The text, `None` for a number cell.
    pub fn texte(&self) -> Option<&str> {
        match self {
            Valeur::Texte(s) => Some(s),
            Valeur::Nombre(_) => None,
        }
    }
}

/// The names of the balance's tables, in order (the files of `--csv` are `NOM.csv`).
pub const TABLEAUX: [&str; 9] = [
    "regie",
    "conventionnement",
    "salaries",
    "rdv_cip",
    "chantiers",
    "clients",
    "cip",
    "activites",
    "heures_mensuelles",
];

/// The French header of a column (XLSX, HTML, CSV for a French spreadsheet); the code itself
/// stays the header of the CSV for scripts (`--csv-international`).
pub(crate) fn libelle_colonne(code: &str) -> &str {
    match code {
        "regie" => "Régie",
        "salarie" => "Salarié·e",
        "nom" => "Nom",
        "heures_production" => "Heures de production",
        "lien_social_integre" => "Lien social intégré (h)",
        "rdv_individuels_cip" => "Rendez-vous individuels CIP (h)",
        "ateliers_collectifs" => "Ateliers collectifs (h)",
        "actions_lien_social" => "Actions de lien social (h)",
        "vie_equipe" => "Vie d'équipe (h)",
        "formations" => "Formations (h)",
        "pmsmp" => "PMSMP (h)",
        "autres_actions" => "Autres actions d'insertion (h)",
        "heures_accompagnement" => "Heures d'accompagnement",
        "heures_total" => "Heures au total",
        "part_accompagnement_pct" => "Part d'accompagnement (%)",
        "mois" => "Mois",
        "rdv" => "Rendez-vous",
        "minutes" => "Minutes",
        "rdv_vises" => "Rendez-vous visés",
        "minutes_visees" => "Minutes visées",
        "mois_complet" => "Mois complet",
        "statut" => "Statut",
        "chantier" => "Chantier",
        "client" => "Client",
        "activite" => "Activité",
        "heures_demandees" => "Heures demandées",
        "heures_livrees" => "Heures livrées",
        "heures_manquantes" => "Heures manquantes",
        "heures_insertion" => "Heures d'insertion",
        "heures_encadrement" => "Heures d'encadrement",
        "chantiers" => "Chantiers",
        "cip" => "CIP",
        "salaries_suivis" => "Salarié·es suivi·es",
        "dont_sans_referent" => "Dont sans référent·e",
        "etp_cip" => "ETP CIP",
        "salaries_par_etp" => "Salarié·es par ETP",
        "semaines" => "Semaines",
        "etp_production" => "ETP production",
        "etp_encadrement" => "ETP encadrement",
        "etp_encadrement_norme" => "ETP encadrement (norme 1/5)",
        "salaries_etp_par_encadrant_etp" => "ETP salarié·es par ETP encadrant·e",
        "salaries" => "Salarié·es",
        "encadrement_technique" => "Encadrement technique (h)",
        "accompagnement_socio_professionnel" => "Accompagnement socio-professionnel (h)",
        "etp_encadrement_technique" => "ETP encadrement technique",
        "etp_accompagnement_socio_professionnel" => "ETP accompagnement socio-professionnel",
        "conventionnement" => "Conventionnement",
        "contrat" => "Contrat",
        "heures" => "Heures",
        "semaine" => "Semaine du",
        "fin" => "Au",
        "version" => "Version",
        "affectations" => "Affectations",
        "pointees" => "Pointées",
        "absences" => "Absences",
        "heures_prevues" => "Heures prévues",
        "heures_comptees" => "Heures comptées",
        "source" => "Source",
        other => other,
    }
}

/// The sheet name of a table in the workbook (at most 31 characters).
pub(crate) fn nom_feuille(nom: &str) -> &str {
    match nom {
        "regie" => "Régie",
        "conventionnement" => "ACI et EI",
        "salaries" => "Salarié·es",
        "rdv_cip" => "Rendez-vous CIP",
        "chantiers" => "Chantiers",
        "clients" => "Clients",
        "cip" => "CIP",
        "activites" => "Activités",
        "heures_mensuelles" => "Heures mensuelles (EMI)",
        "semaines" => "Semaines",
        other => other,
    }
}

/// One table of the balance: a file of `--csv`, a sheet of `--xlsx`, a section of `--html`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tableau {
    /// File stem and sheet name (`salaries`, `rdv_cip`, ...).
    pub nom: &'static str,
    /// French title of the table (`Salarié·es`, `Chantiers`...).
    pub titre: &'static str,
    /// Column codes, stable (`heures_production`...); French headers come from them.
    pub colonnes: &'static [&'static str],
    /// Rows, one value per column.
    pub lignes: Vec<Vec<Valeur>>,
}

impl Tableau {
    /// The column index of `col` (panics never: `None` when absent).
    pub fn col(&self, col: &str) -> Option<usize> {
        self.colonnes.iter().position(|c| *c == col)
    }
    /// The cell of the first row whose column `key` holds `value`, in column `col`.
    pub fn cell(&self, key: &str, value: &str, col: &str) -> Option<&Valeur> {
        let k = self.col(key)?;
        let c = self.col(col)?;
        self.lignes
            .iter()
            .find(|r| r.get(k).and_then(Valeur::texte) == Some(value))
            .and_then(|r| r.get(c))
    }
}

/// The CSV columns, stable (documented in docs/rapports.md): those of the `salaries` table
/// (production and accompaniment hours per salarié·e).
pub(crate) const COLONNES_SALARIES: &[&str] = &[
    "regie",
    "salarie",
    "nom",
    "heures_production",
    "lien_social_integre",
    "rdv_individuels_cip",
    "ateliers_collectifs",
    "actions_lien_social",
    "vie_equipe",
    "formations",
    "pmsmp",
    "autres_actions",
    "heures_accompagnement",
    "heures_total",
    "part_accompagnement_pct",
];
/// Columns of the `rdv_cip` table: CIP appointments per salarié·e and month.
pub(crate) const COLONNES_RDV: &[&str] = &[
    "regie",
    "salarie",
    "nom",
    "mois",
    "rdv",
    "minutes",
    "rdv_vises",
    "minutes_visees",
    "mois_complet",
    "statut",
];
/// Columns of the `chantiers` table: hours asked and delivered per chantier.
pub(crate) const COLONNES_CHANTIERS: &[&str] = &[
    "regie",
    "chantier",
    "nom",
    "client",
    "activite",
    "heures_demandees",
    "heures_livrees",
    "heures_manquantes",
    "heures_insertion",
    "heures_encadrement",
];
/// Columns of the `clients` table: hours asked and delivered per client.
pub(crate) const COLONNES_CLIENTS: &[&str] = &[
    "regie",
    "client",
    "chantiers",
    "heures_demandees",
    "heures_livrees",
    "heures_manquantes",
    "heures_insertion",
];
/// Columns of the `cip` table: caseload per CIP.
pub(crate) const COLONNES_CIP: &[&str] = &[
    "regie",
    "cip",
    "nom",
    "salaries_suivis",
    "dont_sans_referent",
    "etp_cip",
    "salaries_par_etp",
    "statut",
];
/// Columns of the `activites` table: hours and full-time equivalents per activity.
pub(crate) const COLONNES_ACTIVITES: &[&str] = &[
    "regie",
    "activite",
    "heures_production",
    "heures_encadrement",
    "semaines",
    "etp_production",
    "etp_encadrement",
    "etp_encadrement_norme",
    "salaries_etp_par_encadrant_etp",
    "statut",
];

/// Columns of the `regie` table: one row per régie.
pub(crate) const COLONNES_REGIE: &[&str] = &[
    "regie",
    "salaries",
    "heures_production",
    "heures_accompagnement",
    "heures_total",
    "part_accompagnement_pct",
    "heures_demandees",
    "heures_livrees",
    "heures_manquantes",
    "heures_insertion",
    "semaines",
    "encadrement_technique",
    "etp_encadrement_technique",
    "accompagnement_socio_professionnel",
    "etp_accompagnement_socio_professionnel",
];
/// Columns of the `conventionnement` table: hours per funding agreement.
pub(crate) const COLONNES_CONVENTIONNEMENT: &[&str] = &[
    "regie",
    "conventionnement",
    "chantiers",
    "heures_demandees",
    "heures_livrees",
    "heures_manquantes",
    "heures_insertion",
    "heures_encadrement",
    "salaries",
    "heures_accompagnement",
];
/// Columns of the `heures_mensuelles` table: hours per salarié·e and month.
pub(crate) const COLONNES_HEURES_MENSUELLES: &[&str] =
    &["regie", "salarie", "nom", "contrat", "mois", "heures"];

/// The whole balance.
#[derive(Debug, Clone, PartialEq)]
pub struct Bilan {
    /// `2026-12`, or the first and last day covered.
    pub periode: String,
    /// Names of the régies of the plans, sorted.
    pub regies: Vec<String>,
    /// Number of plans read.
    pub plans: usize,
    /// The tables, in the order of [`TABLEAUX`].
    pub tableaux: Vec<Tableau>,
    /// Items of a person or chantier the scenario does not know (not counted).
    pub hors_scenario: usize,
    /// Days of the plans kept by the month filter (0: the month is outside every plan).
    pub jours_retenus: usize,
    /// The days the plans cover, whatever the month filter (`du 30/11/2026 au 04/12/2026`).
    pub couverture: String,
    /// The first day counted (the workbook's creation date: the same plans, the same bytes).
    pub premier_jour: NaiveDate,
}

impl Bilan {
    /// The table named `nom` (`salaries`, `chantiers`...), if any.
    pub fn tableau(&self, nom: &str) -> Option<&Tableau> {
        self.tableaux.iter().find(|t| t.nom == nom)
    }
}

#[derive(Debug, Default, Clone)]
struct AccSalarie {
    nom: String,
    contrat: Option<TypeContrat>,
    production: f64,
    lien_integre: f64,
    rdv: f64,
    categories: [f64; 4],
    formations: f64,
    pmsmp: f64,
}

#[derive(Debug, Default, Clone)]
struct AccChantier {
    nom: String,
    conventionnement: &'static str,
    client: String,
    activite: String,
    demandees: f64,
    livrees: f64,
    manquantes: f64,
    insertion: f64,
    encadrement: f64,
}

/// Per régie: what the latest scenario says of each person, and the days covered.
#[derive(Debug, Default, Clone)]
struct AccRegie {
    /// Salarié·e id → (period start of the scenario that said it, référent CIP, rdv target,
    /// minimum minutes).
    salaries: BTreeMap<String, (NaiveDate, Option<String>, u32, u32)>,
    /// CIP id → shown name, from the latest scenario.
    cips: BTreeMap<String, (NaiveDate, String)>,
    /// Days of the plans' periods kept by the month filter.
    jours: BTreeSet<NaiveDate>,
    /// All days of the plans' periods.
    tous_jours: BTreeSet<NaiveDate>,
    /// First day of the earliest plan (history before it counts).
    debut: Option<NaiveDate>,
    /// Planned rdv per (salarié·e, month): count and minutes; history apart, deduplicated.
    rdv: BTreeMap<(String, Month), (u32, u32)>,
    historique: BTreeSet<(String, NaiveDate, u32)>,
    /// Salarié·e → months whose days they are under contract on (within kept days).
    mois_sous_contrat: BTreeSet<(String, Month)>,
    jours_semaine: u32,
    /// Activité → (production, encadrement) hours.
    activites: BTreeMap<String, (f64, f64)>,
    /// Ateliers led by a CIP on a kept day: (atelier id, date) → hours (counted once).
    ateliers_cip: BTreeMap<(String, NaiveDate), f64>,
    /// Hours per (salarié·e, month) on kept days, and the contract's label.
    mensuelles: BTreeMap<(String, Month), (String, f64)>,
}

fn period_days(plan: &Plan) -> Vec<NaiveDate> {
    (0..u64::from(plan.periode.jours))
        .map_while(|i| plan.periode.debut.checked_add_days(Days::new(i)))
        .collect()
}

/// What the plans add up to before the tables are drawn: per régie, per (régie, salarié·e) and
/// per (régie, chantier), the names of each régie, and the items the scenario does not know.
#[derive(Debug, Default)]
struct Acc {
    regies: BTreeMap<String, AccRegie>,
    salaries: BTreeMap<(String, String), AccSalarie>,
    chantiers: BTreeMap<(String, String), AccChantier>,
    hors_scenario: usize,
    noms_regie: BTreeMap<String, (NaiveDate, Noms)>,
}

impl Acc {
    /// The names of `regie`'s latest scenario.
    fn noms_of(&self, regie: &str) -> Option<&Noms> {
        self.noms_regie.get(regie).map(|(_, n)| n)
    }

    /// The id shown for `id` of `regie` (its pseudonym when pseudonymised).
    fn id_of(&self, regie: &str, id: &str) -> String {
        self.noms_of(regie).map_or(id.to_owned(), |n| n.id(id))
    }

    /// The name shown for `id` of `regie`.
    fn nom_of(&self, regie: &str, id: &str) -> String {
        self.noms_of(regie).map_or(id.to_owned(), |n| n.of(id))
    }
}

fn t(s: &str) -> Valeur {
    Valeur::Texte(s.to_owned())
}

fn n(x: f64) -> Valeur {
    Valeur::Nombre(x)
}

/// The scenarios of `entrees` by régie (the plan's `regie`), oldest period first: what one
/// naming per régie is made from (docs/rapports.md, Pseudonymisation).
pub(crate) fn scenarios_par_regie<'a>(
    entrees: &[Entree<'a>],
) -> BTreeMap<String, Vec<&'a Scenario>> {
    let mut par_regie: BTreeMap<&str, Vec<(NaiveDate, usize)>> = BTreeMap::new();
    for (k, e) in entrees.iter().enumerate() {
        par_regie
            .entry(e.plan.regie.as_str())
            .or_default()
            .push((e.plan.periode.debut, k));
    }
    par_regie
        .into_iter()
        .map(|(r, mut v)| {
            v.sort();
            (
                r.to_owned(),
                v.iter().map(|&(_, k)| entrees[k].scenario).collect(),
            )
        })
        .collect()
}

/// Computes the balance of `entrees`. Plans are grouped by régie (the plan's `regie`).
pub fn bilan(entrees: &[Entree], opts: &Options) -> Bilan {
    // One naming per régie over all its scenarios: the same person has the same pseudonym in
    // every table.
    let noms_de: BTreeMap<String, Noms> = scenarios_par_regie(entrees)
        .into_iter()
        .map(|(r, scs)| (r, Noms::de(&scs, opts.pseudonymiser)))
        .collect();
    bilan_noms(entrees, opts, &noms_de)
}

/// [`bilan`] with the names of each régie given (the registre's pseudonyms).
pub(crate) fn bilan_noms(
    entrees: &[Entree],
    opts: &Options,
    noms_de: &BTreeMap<String, Noms>,
) -> Bilan {
    let keep = |d: NaiveDate| opts.mois.is_none_or(|m| Month::of(d) == m);
    let mut acc = Acc::default();
    for e in entrees {
        let noms = noms_de
            .get(e.plan.regie.as_str())
            .cloned()
            .unwrap_or_else(|| Noms::new(e.scenario, opts.pseudonymiser));
        add_entree(&mut acc, e, noms, &keep);
    }
    let (t_chantiers, t_clients) = tables_chantiers_clients(&acc);
    let (t_regie, t_conv) = tables_regie_conventionnement(&acc);
    let tableaux = vec![
        t_regie,
        t_conv,
        table_salaries(&acc),
        table_rdv(&acc),
        t_chantiers,
        t_clients,
        table_cip(&acc),
        table_activites(&acc),
        table_mensuelles(&acc),
    ];
    let regies = &acc.regies;
    let all: BTreeSet<NaiveDate> = regies
        .values()
        .flat_map(|r| r.jours.iter().copied())
        .collect();
    let periode = match (opts.mois, all.first(), all.last()) {
        (Some(m), _, _) => super::mois_long(m),
        (None, Some(a), Some(b)) => {
            format!("du {} au {}", a.format("%d/%m/%Y"), b.format("%d/%m/%Y"))
        }
        _ => "aucun jour".to_owned(),
    };
    let tous: BTreeSet<NaiveDate> = regies
        .values()
        .flat_map(|r| r.tous_jours.iter().copied())
        .collect();
    let couverture = match (tous.first(), tous.last()) {
        (Some(a), Some(b)) => format!("du {} au {}", a.format("%d/%m/%Y"), b.format("%d/%m/%Y")),
        _ => "aucun jour".to_owned(),
    };
    Bilan {
        periode,
        regies: regies.keys().cloned().collect(),
        plans: entrees.len(),
        tableaux,
        hors_scenario: acc.hors_scenario,
        jours_retenus: all.len(),
        couverture,
        premier_jour: all.first().copied().unwrap_or_default(),
    }
}

/// Adds one plan and its scenario to `acc`: its people, its shifts' demand and its items.
fn add_entree(acc: &mut Acc, e: &Entree, noms: Noms, keep: &dyn Fn(NaiveDate) -> bool) {
    let sc = e.scenario;
    let plan = e.plan;
    let regie = plan.regie.clone();
    let start = plan.periode.debut;
    let Acc {
        regies,
        salaries,
        chantiers,
        hors_scenario,
        noms_regie,
    } = acc;
    let r = regies.entry(regie.clone()).or_default();
    r.jours_semaine = sc.reglages.jours_semaine;
    let days: Vec<NaiveDate> = period_days(plan);
    r.tous_jours.extend(days.iter().copied());
    let kept: Vec<NaiveDate> = days.iter().copied().filter(|&d| keep(d)).collect();
    r.jours.extend(kept.iter().copied());
    r.debut = Some(r.debut.map_or(start, |d| d.min(start)));
    match noms_regie.get(&regie) {
        Some((d, _)) if *d > start => {}
        _ => {
            noms_regie.insert(regie.clone(), (start, noms.clone()));
        }
    }
    for c in &sc.cips {
        let newer = r.cips.get(&c.id).is_none_or(|(d, _)| *d <= start);
        if newer {
            r.cips.insert(c.id.clone(), (start, noms.of(&c.id)));
        }
    }
    for s in &sc.salaries {
        if !kept.iter().any(|&d| s.contrat.covers(d)) {
            continue;
        }
        for &d in &kept {
            if s.contrat.covers(d) {
                r.mois_sous_contrat.insert((s.id.clone(), Month::of(d)));
            }
        }
        let newer = r.salaries.get(&s.id).is_none_or(|(d, ..)| *d <= start);
        if newer {
            r.salaries.insert(
                s.id.clone(),
                (
                    start,
                    s.cip.clone(),
                    s.rdv_cip_par_mois
                        .unwrap_or(sc.reglages.rdv_cip.min_par_mois),
                    sc.reglages.rdv_cip.min_minutes_par_mois,
                ),
            );
        }
        for h in &s.rdv_cip {
            r.historique.insert((s.id.clone(), h.date, h.minutes));
        }
        let acc = salaries
            .entry((regie.to_owned(), s.id.clone()))
            .or_default();
        acc.nom = noms.of(&s.id);
        acc.contrat = Some(s.contrat.type_);
    }

    let items = add_demand(sc, plan, r, chantiers, &regie, &kept, keep);
    add_items(sc, r, salaries, chantiers, hors_scenario, &regie, items);
}

/// Chantier demand and crews, shift by shift, the ateliers a CIP leads and the monthly hours
/// of insertion contracts; the items kept by the month filter come back.
fn add_demand<'p>(
    sc: &Scenario,
    plan: &'p Plan,
    r: &mut AccRegie,
    chantiers: &mut BTreeMap<(String, String), AccChantier>,
    regie: &str,
    kept: &[NaiveDate],
    keep: &dyn Fn(NaiveDate) -> bool,
) -> Vec<&'p Affectation> {
    let shifts: Vec<_> = crate::model::shifts::shifts(sc)
        .into_iter()
        .filter(|s| keep(s.date))
        .collect();
    let items: Vec<&Affectation> = plan.affectations.iter().filter(|a| keep(a.date)).collect();
    for at in &sc.ateliers {
        if at
            .anime_par
            .as_ref()
            .is_some_and(|c| sc.cips.iter().any(|x| x.id == *c))
            && kept.contains(&at.date)
        {
            r.ateliers_cip.insert(
                (at.id.clone(), at.date),
                f64::from(at.a.0.saturating_sub(at.de.0)) / 60.0,
            );
        }
    }
    for a in &items {
        if let Some(s) = sc.salaries.iter().find(|s| s.id == a.personne)
            && let Some(contrat) = libelle_contrat_insertion(s.contrat.type_)
        {
            let m = r
                .mensuelles
                .entry((s.id.clone(), Month::of(a.date)))
                .or_insert_with(|| (contrat.to_owned(), 0.0));
            m.1 += a.hours();
        }
    }
    let (eq, _) = equipages(sc, &shifts, &items);
    for (s, g) in shifts.iter().zip(&eq) {
        let Some(ch) = sc.chantiers.get(s.chantier) else {
            continue;
        };
        let acc = chantier_acc(chantiers, regie, ch);
        if !s.optionnelle {
            let h = f64::from(s.duree) / 60.0;
            acc.demandees += f64::from(s.min) * h;
            acc.manquantes += f64::from(s.min.saturating_sub(g.equipe.len() as u32)) * h;
        }
    }

    items
}

/// Hours of each kept item: production and encadrement per chantier and activité, the
/// accompaniment categories per salarié·e, rdv per month.
fn add_items(
    sc: &Scenario,
    r: &mut AccRegie,
    salaries: &mut BTreeMap<(String, String), AccSalarie>,
    chantiers: &mut BTreeMap<(String, String), AccChantier>,
    hors_scenario: &mut usize,
    regie: &str,
    items: Vec<&Affectation>,
) {
    for a in items {
        let h = a.hours();
        match a.type_ {
            TypeAffectation::Production | TypeAffectation::Encadrement => {
                let Some(ch) = a
                    .chantier
                    .as_deref()
                    .and_then(|c| sc.chantiers.iter().find(|x| x.id == c))
                else {
                    *hors_scenario += 1;
                    continue;
                };
                let acc = chantier_acc(chantiers, regie, ch);
                let act = r.activites.entry(ch.activite.clone()).or_default();
                if a.type_ == TypeAffectation::Encadrement {
                    acc.encadrement += h;
                    act.1 += h;
                    continue;
                }
                acc.livrees += h;
                act.0 += h;
                let Some(s) = sc.salaries.iter().find(|s| s.id == a.personne) else {
                    *hors_scenario += 1;
                    continue;
                };
                if s.contrat.type_ != TypeContrat::Autre {
                    acc.insertion += h;
                }
                let part = ch.part_lien_social.clamp(0.0, 1.0);
                let sa = salaries
                    .entry((regie.to_owned(), s.id.clone()))
                    .or_default();
                sa.production += h * (1.0 - part);
                sa.lien_integre += h * part;
            }
            _ => {
                if !sc.salaries.iter().any(|s| s.id == a.personne) {
                    *hors_scenario += 1;
                    continue;
                }
                let sa = salaries
                    .entry((regie.to_owned(), a.personne.clone()))
                    .or_default();
                match a.type_ {
                    TypeAffectation::RdvCip => {
                        sa.rdv += h;
                        let m = r
                            .rdv
                            .entry((a.personne.clone(), Month::of(a.date)))
                            .or_default();
                        m.0 += 1;
                        m.1 += a.minutes().unwrap_or(0);
                    }
                    TypeAffectation::Atelier => {
                        let cat = a
                            .atelier
                            .as_deref()
                            .and_then(|id| sc.ateliers.iter().find(|x| x.id == id))
                            .map_or(CategorieAtelier::AtelierCollectif, |x| x.categorie);
                        sa.categories[cat as usize] += h;
                    }
                    TypeAffectation::Formation => sa.formations += h,
                    TypeAffectation::Pmsmp => sa.pmsmp += h,
                    _ => {}
                }
            }
        }
    }
}

/// Hours per salarié·e: production and accompaniment.
fn table_salaries(acc: &Acc) -> Tableau {
    let salaries = &acc.salaries;
    // Salarié·es.
    let mut lignes = Vec::new();
    for ((regie, id), a) in salaries {
        let [collectifs, lien, vie, autres] = a.categories;
        let accomp =
            a.lien_integre + a.rdv + collectifs + lien + vie + autres + a.formations + a.pmsmp;
        let total = a.production + accomp;
        let nom = if a.nom.is_empty() {
            acc.nom_of(regie, id)
        } else {
            a.nom.clone()
        };
        lignes.push(vec![
            t(regie),
            t(&acc.id_of(regie, id)),
            t(&nom),
            n(round2(a.production)),
            n(round2(a.lien_integre)),
            n(round2(a.rdv)),
            n(round2(collectifs)),
            n(round2(lien)),
            n(round2(vie)),
            n(round2(a.formations)),
            n(round2(a.pmsmp)),
            n(round2(autres)),
            n(round2(accomp)),
            n(round2(total)),
            n(part_accompagnement(accomp, total)),
        ]);
    }
    Tableau {
        nom: "salaries",
        titre: "Heures par salarié·e : production et accompagnement",
        colonnes: COLONNES_SALARIES,
        lignes,
    }
}

/// The share of accompagnement in the hours worked, in percent (two decimals); 0 without
/// hours. The `part_accompagnement_pct` column of the salarié·es and régies tables.
fn part_accompagnement(accomp: f64, total: f64) -> f64 {
    if total > 0.0 {
        round2(accomp / total * 100.0)
    } else {
        0.0
    }
}

/// Individual CIP rdv per salarié·e and month, with history before the plans.
fn table_rdv(acc: &Acc) -> Tableau {
    let regies = &acc.regies;
    // Rdv per month.
    let mut lignes = Vec::new();
    for (regie, r) in regies {
        let debut = r.debut.unwrap_or(NaiveDate::MIN);
        for (id, m) in &r.mois_sous_contrat {
            let Some((_, _, vises, min_minutes)) = r.salaries.get(id) else {
                continue;
            };
            let (mut count, mut minutes) = r.rdv.get(&(id.clone(), *m)).copied().unwrap_or((0, 0));
            for (_, _, mins) in r
                .historique
                .range((id.clone(), m.first_day(), 0)..)
                .take_while(|(p, d, _)| p == id && Month::of(*d) == *m)
                .filter(|(_, d, _)| *d < debut)
            {
                count += 1;
                minutes += mins;
            }
            let complet = (1..=m.days_in_month()).all(|day| {
                NaiveDate::from_ymd_opt(m.0, m.1, day).is_none_or(|d| {
                    d.weekday().num_days_from_monday() >= r.jours_semaine
                        || r.tous_jours.contains(&d)
                })
            });
            let court = count < *vises || minutes < *min_minutes;
            let statut = match (court, complet) {
                (false, _) => "atteint",
                (true, true) => "insuffisant",
                (true, false) => "insuffisant (mois incomplet)",
            };
            let nom = acc.nom_of(regie, id);
            lignes.push(vec![
                t(regie),
                t(&acc.id_of(regie, id)),
                t(&nom),
                t(&m.label()),
                n(f64::from(count)),
                n(f64::from(minutes)),
                n(f64::from(*vises)),
                n(f64::from(*min_minutes)),
                t(if complet { "oui" } else { "non" }),
                t(statut),
            ]);
        }
    }
    Tableau {
        nom: "rdv_cip",
        titre: "Rendez-vous individuels CIP par mois (règle : au moins 2 et 1 h)",
        colonnes: COLONNES_RDV,
        lignes,
    }
}

/// Hours per chantier, and per client.
fn tables_chantiers_clients(acc: &Acc) -> (Tableau, Tableau) {
    let chantiers = &acc.chantiers;
    // Chantiers and clients.
    let mut lignes = Vec::new();
    let mut clients: BTreeMap<(String, String), (usize, [f64; 4])> = BTreeMap::new();
    for ((regie, id), a) in chantiers {
        lignes.push(vec![
            t(regie),
            t(id),
            t(&a.nom),
            t(&a.client),
            t(&a.activite),
            n(round2(a.demandees)),
            n(round2(a.livrees)),
            n(round2(a.manquantes)),
            n(round2(a.insertion)),
            n(round2(a.encadrement)),
        ]);
        let c = clients
            .entry((regie.clone(), a.client.clone()))
            .or_default();
        c.0 += 1;
        c.1[0] += a.demandees;
        c.1[1] += a.livrees;
        c.1[2] += a.manquantes;
        c.1[3] += a.insertion;
    }
    let t_chantiers = Tableau {
        nom: "chantiers",
        titre: "Heures par chantier",
        colonnes: COLONNES_CHANTIERS,
        lignes,
    };
    let lignes = clients
        .iter()
        .map(|((regie, client), (k, h))| {
            vec![
                t(regie),
                t(client),
                n(*k as f64),
                n(round2(h[0])),
                n(round2(h[1])),
                n(round2(h[2])),
                n(round2(h[3])),
            ]
        })
        .collect();
    let t_clients = Tableau {
        nom: "clients",
        titre: "Heures par client (donneur d'ordre)",
        colonnes: COLONNES_CLIENTS,
        lignes,
    };

    (t_chantiers, t_clients)
}

/// Salarié·es followed per CIP, in whole people.
fn table_cip(acc: &Acc) -> Tableau {
    let regies = &acc.regies;
    // CIP caseload in whole people: each salarié·e counts for their référent; those without one
    // are given, in id order, to the CIP who follows the fewest at that moment (ties: CIP id).
    let mut lignes = Vec::new();
    for (regie, r) in regies {
        let mut suivis: BTreeMap<String, (u32, u32)> =
            r.cips.keys().map(|c| (c.clone(), (0, 0))).collect();
        let mut sans: Vec<&String> = Vec::new();
        for (id, (_, cip, _, _)) in &r.salaries {
            match cip.as_ref().and_then(|c| suivis.get_mut(c)) {
                Some(v) => v.0 += 1,
                None => sans.push(id),
            }
        }
        if suivis.is_empty() {
            if !sans.is_empty() {
                lignes.push(vec![
                    t(regie),
                    t("(aucun CIP)"),
                    t("(aucun CIP)"),
                    n(sans.len() as f64),
                    n(sans.len() as f64),
                    n(0.0),
                    n(0.0),
                    t("aucun CIP"),
                ]);
            }
            continue;
        }
        for _ in &sans {
            if let Some(v) = suivis.values_mut().min_by_key(|v| v.0) {
                v.0 += 1;
                v.1 += 1;
            }
        }
        for (cip, (total, dont)) in &suivis {
            let statut = if *total > 30 {
                "alerte : plus de 30"
            } else if *total > 25 {
                "au-dessus de 25"
            } else {
                "ok"
            };
            let nom = r.cips.get(cip).map_or(cip.clone(), |(_, n)| n.clone());
            lignes.push(vec![
                t(regie),
                t(&acc.id_of(regie, cip)),
                t(&nom),
                n(f64::from(*total)),
                n(f64::from(*dont)),
                n(1.0),
                n(f64::from(*total)),
                t(statut),
            ]);
        }
    }
    Tableau {
        nom: "cip",
        titre: "Salarié·es suivi·es par CIP (1 CIP = 1 ETP ; repère 20 à 25, alerte au-delà de 30 ; sans référent·e : confié·es à la CIP la moins chargée)",
        colonnes: COLONNES_CIP,
        lignes,
    }
}

/// Encadrement per activité against the 1-in-5 norm.
fn table_activites(acc: &Acc) -> Tableau {
    let regies = &acc.regies;
    // Encadrement per activité.
    let mut lignes = Vec::new();
    for (regie, r) in regies {
        let semaines: BTreeSet<IsoWeek> = r.jours.iter().map(|&d| IsoWeek::of(d)).collect();
        let k = semaines.len() as f64;
        for (act, (prod, enc)) in &r.activites {
            let etp = |h: f64| if k > 0.0 { h / (35.0 * k) } else { 0.0 };
            let ratio = if *enc > 0.0 { prod / enc } else { 0.0 };
            let statut = if *enc <= 0.0 && *prod > 0.0 {
                "aucun encadrement"
            } else if *prod > 5.0 * enc + 1e-9 {
                "sous la norme 1/5"
            } else {
                "conforme"
            };
            lignes.push(vec![
                t(regie),
                t(act),
                n(round2(*prod)),
                n(round2(*enc)),
                n(k),
                n(round2(etp(*prod))),
                n(round2(etp(*enc))),
                n(round2(etp(*prod) / 5.0)),
                n(round2(ratio)),
                t(statut),
            ]);
        }
    }
    Tableau {
        nom: "activites",
        titre: "Encadrement par activité (ETP, norme indicative 1 pour 5)",
        colonnes: COLONNES_ACTIVITES,
        lignes,
    }
}

/// Régie totals, and the ACI / EI split.
fn tables_regie_conventionnement(acc: &Acc) -> (Tableau, Tableau) {
    // Régie totals, and the two staff categories of the ASP's annual balance.
    let mut lignes = Vec::new();
    let mut conv = Vec::new();
    for (regie, r) in &acc.regies {
        let semaines: BTreeSet<IsoWeek> = r.jours.iter().map(|&d| IsoWeek::of(d)).collect();
        let k = semaines.len() as f64;
        let etp = |h: f64| if k > 0.0 { round2(h / (35.0 * k)) } else { 0.0 };
        let (prod, accomp, rdv, par_contrat) = heures_regie(acc, regie, r);
        let (ch, by_conv) = heures_chantiers_regie(acc, regie);
        let asp = rdv + r.ateliers_cip.values().sum::<f64>();
        let total = prod + accomp;
        lignes.push(vec![
            t(regie),
            n(r.salaries.len() as f64),
            n(round2(prod)),
            n(round2(accomp)),
            n(round2(total)),
            n(part_accompagnement(accomp, total)),
            n(round2(ch[0])),
            n(round2(ch[1])),
            n(round2(ch[2])),
            n(round2(ch[3])),
            n(k),
            n(round2(ch[4])),
            n(etp(ch[4])),
            n(round2(asp)),
            n(etp(asp)),
        ]);
        for kind in ["ACI", "EI"] {
            let (nch, v) = by_conv.get(kind).copied().unwrap_or_default();
            let (ns, acc) = par_contrat.get(kind).copied().unwrap_or_default();
            if nch == 0 && ns == 0 {
                continue;
            }
            conv.push(vec![
                t(regie),
                t(kind),
                n(nch as f64),
                n(round2(v[0])),
                n(round2(v[1])),
                n(round2(v[2])),
                n(round2(v[3])),
                n(round2(v[4])),
                n(f64::from(ns)),
                n(round2(acc)),
            ]);
        }
    }
    let t_regie = Tableau {
        nom: "regie",
        titre: "Totaux de la régie (encadrement technique et accompagnement socio-professionnel : les deux catégories de personnel du bilan annuel de l'ASP)",
        colonnes: COLONNES_REGIE,
        lignes,
    };
    let t_conv = Tableau {
        nom: "conventionnement",
        titre: "Atelier et chantier d'insertion (ACI) et entreprise d'insertion (EI) : chantiers selon leur conventionnement, salarié·es selon leur contrat",
        colonnes: COLONNES_CONVENTIONNEMENT,
        lignes: conv,
    };

    (t_regie, t_conv)
}

/// A régie's production, accompaniment and rdv hours, and per contract kind (`ACI`, `EI`) the
/// salarié·es and their accompaniment hours.
#[allow(clippy::type_complexity)]
fn heures_regie<'a>(
    acc: &'a Acc,
    regie: &str,
    r: &AccRegie,
) -> (f64, f64, f64, BTreeMap<&'a str, (u32, f64)>) {
    let salaries = &acc.salaries;
    let mut prod = 0.0;
    let mut accomp = 0.0;
    let mut rdv = 0.0;
    let mut par_contrat: BTreeMap<&str, (u32, f64)> = BTreeMap::new();
    for ((rg, id), a) in salaries {
        if rg != regie || !r.salaries.contains_key(id) {
            continue;
        }
        let [c, l, v, o] = a.categories;
        let acc = a.lien_integre + a.rdv + c + l + v + o + a.formations + a.pmsmp;
        prod += a.production;
        accomp += acc;
        rdv += a.rdv;
        let kind = match a.contrat {
            Some(TypeContrat::CddiAci) => "ACI",
            Some(TypeContrat::CddiEi) => "EI",
            _ => "",
        };
        let e = par_contrat.entry(kind).or_default();
        e.0 += 1;
        e.1 += acc;
    }
    (prod, accomp, rdv, par_contrat)
}

/// A régie's chantier hours (demanded, delivered, missing, insertion, encadrement), in all and
/// per conventionnement.
#[allow(clippy::type_complexity)]
fn heures_chantiers_regie<'a>(
    acc: &'a Acc,
    regie: &str,
) -> ([f64; 5], BTreeMap<&'a str, (usize, [f64; 5])>) {
    let chantiers = &acc.chantiers;
    let mut ch = [0.0f64; 5];
    let mut by_conv: BTreeMap<&str, (usize, [f64; 5])> = BTreeMap::new();
    for ((rg, _), a) in chantiers {
        if rg != regie {
            continue;
        }
        let v = [
            a.demandees,
            a.livrees,
            a.manquantes,
            a.insertion,
            a.encadrement,
        ];
        let e = by_conv.entry(a.conventionnement).or_default();
        e.0 += 1;
        for i in 0..5 {
            ch[i] += v[i];
            e.1[i] += v[i];
        }
    }
    (ch, by_conv)
}

/// Whole hours per salarié·e and month (the ASP's monthly declaration).
fn table_mensuelles(acc: &Acc) -> Tableau {
    let regies = &acc.regies;
    // Monthly hours per salarié·e and contract, whole hours (the ASP's monthly declaration).
    let mut lignes = Vec::new();
    for (regie, r) in regies {
        for ((id, m), (contrat, h)) in &r.mensuelles {
            let nom = acc.nom_of(regie, id);
            lignes.push(vec![
                t(regie),
                t(&acc.id_of(regie, id)),
                t(&nom),
                t(contrat),
                t(&m.label()),
                n(h.round()),
            ]);
        }
    }
    Tableau {
        nom: "heures_mensuelles",
        titre: "Heures par salarié·e et par mois, en heures entières (déclaration mensuelle à l'ASP)",
        colonnes: COLONNES_HEURES_MENSUELLES,
        lignes,
    }
}

fn chantier_acc<'a>(
    map: &'a mut BTreeMap<(String, String), AccChantier>,
    regie: &str,
    ch: &crate::format::scenario::Chantier,
) -> &'a mut AccChantier {
    let acc = map.entry((regie.to_owned(), ch.id.clone())).or_default();
    acc.nom = ch.nom.clone().unwrap_or_else(|| ch.id.clone());
    acc.conventionnement = match ch.conventionnement {
        Conventionnement::Aci => "ACI",
        Conventionnement::Ei => "EI",
    };
    acc.client = ch
        .client
        .clone()
        .unwrap_or_else(|| "(sans client)".to_owned());
    acc.activite = ch.activite.clone();
    acc
}

/// The contract's label in the monthly hours export (EMI): insertion contracts only.
fn libelle_contrat_insertion(t: TypeContrat) -> Option<&'static str> {
    match t {
        TypeContrat::CddiAci => Some("CDDI ACI"),
        TypeContrat::CddiEi => Some("CDDI EI"),
        TypeContrat::CdiInclusion => Some("CDI inclusion"),
        TypeContrat::Autre => None,
    }
}

/// Parses `YYYY-MM`.
pub(crate) fn parse_mois(s: &str) -> Option<Month> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (1..=12).contains(&m).then_some(Month(y, m))
}

/// One table as CSV for a French spreadsheet opened by double-click: UTF-8 with a byte order
/// mark, `;` separator, decimal comma, French headers ([`libelle_colonne`]), `\r\n` line ends;
/// the same neutralisation of formulas as [`csv`].
pub fn csv_francais(t: &Tableau) -> String {
    let mut o = String::from(crate::texte::BOM);
    o.push_str(
        &t.colonnes
            .iter()
            .map(|c| field_sep(libelle_colonne(c), Cellule::Texte, ';'))
            .collect::<Vec<_>>()
            .join(";"),
    );
    o.push_str("\r\n");
    for r in &t.lignes {
        let cells: Vec<String> = r
            .iter()
            .map(|v| match v {
                Valeur::Texte(s) => field_sep(s, Cellule::Texte, ';'),
                Valeur::Nombre(x) => field_sep(&fmt_h(*x), Cellule::Nombre, ';'),
            })
            .collect();
        o.push_str(&cells.join(";"));
        o.push_str("\r\n");
    }
    o
}

/// One table as CSV for scripts (`--csv-international`): comma separator, decimal point, UTF-8
/// without BOM, the stable column codes as header, `\n` line ends; a
/// text cell that a spreadsheet would run as a formula starts with an apostrophe
/// ([`field`]).
pub fn csv(t: &Tableau) -> String {
    let mut o = t
        .colonnes
        .iter()
        .map(|c| field(c, Cellule::Texte))
        .collect::<Vec<_>>()
        .join(",");
    o.push('\n');
    for r in &t.lignes {
        o.push_str(&r.iter().map(Valeur::csv).collect::<Vec<_>>().join(","));
        o.push('\n');
    }
    o
}

/// The balance as a workbook: one sheet per table ([`nom_feuille`]), French headers, each sheet
/// one page wide with its header row frozen, repeated and filtered.
pub fn xlsx(b: &Bilan) -> Result<Vec<u8>> {
    let mut wb = super::xlsx::classeur(b.premier_jour)?;
    let regies = b.regies.join(", ");
    for t in &b.tableaux {
        let ws = wb.add_worksheet();
        ws.set_name(nom_feuille(t.nom)).map_err(xerr)?;
        let cols: Vec<&str> = t.colonnes.iter().map(|c| libelle_colonne(c)).collect();
        super::xlsx::entete(ws, &cols, &regies, None)?;
        for (c, h) in cols.iter().enumerate() {
            let w = (h.chars().count() as f64 / 1.6 + 2.0).clamp(10.0, 24.0);
            ws.set_column_width(c as u16, w).map_err(xerr)?;
        }
        for (i, r) in t.lignes.iter().enumerate() {
            for (c, v) in r.iter().enumerate() {
                let (row, col) = (i as u32 + 1, c as u16);
                match v {
                    Valeur::Texte(s) => ws.write_string(row, col, s.as_str()),
                    Valeur::Nombre(x) => ws.write_number(row, col, *x),
                }
                .map_err(xerr)?;
            }
        }
        if !t.colonnes.is_empty() {
            ws.autofilter(0, 0, t.lignes.len() as u32, t.colonnes.len() as u16 - 1)
                .map_err(xerr)?;
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

/// `skip_regie`: leave out the `regie` column (one régie only: the page's header names it).
fn table_html(o: &mut String, t: &Tableau, skip_regie: bool) {
    // The régie totals read down: one line per indicator, one column per régie.
    if t.nom == "regie" {
        let _ = write!(
            o,
            "<table id=\"t-{}\" class=\"totaux\"><tr><th></th>",
            t.nom
        );
        for r in &t.lignes {
            let _ = write!(
                o,
                "<th class=\"num\">{}</th>",
                r.first().map(Valeur::html).unwrap_or_default()
            );
        }
        o.push_str("</tr>");
        for (c, code) in t.colonnes.iter().enumerate().skip(1) {
            let _ = write!(o, "<tr><th>{}</th>", esc(libelle_colonne(code)));
            for r in &t.lignes {
                let _ = write!(
                    o,
                    "<td class=\"num\">{}</td>",
                    r.get(c).map(Valeur::html).unwrap_or_default()
                );
            }
            o.push_str("</tr>");
        }
        o.push_str("</table>\n");
        return;
    }
    let skip = usize::from(skip_regie && t.colonnes.first() == Some(&"regie"));
    let large = if t.colonnes.len() - skip > 10 {
        " class=\"large\""
    } else {
        ""
    };
    let _ = write!(o, "<table id=\"t-{}\"{large}><tr>", t.nom);
    for c in &t.colonnes[skip..] {
        let _ = write!(o, "<th>{}</th>", esc(libelle_colonne(c)));
    }
    o.push_str("</tr>");
    for r in &t.lignes {
        o.push_str("<tr>");
        for v in r.iter().skip(skip) {
            let alerte = matches!(v, Valeur::Texte(s) if s.starts_with("insuffisant")
                || s.starts_with("alerte") || s.starts_with("au-dessus")
                || s.starts_with("sous la norme") || s.starts_with("aucun"));
            let cls = match v {
                Valeur::Nombre(_) => " class=\"num\"",
                Valeur::Texte(_) if alerte => " class=\"alerte\"",
                Valeur::Texte(_) => "",
            };
            let mark = if alerte { "⚠ " } else { "" };
            let _ = write!(o, "<td{cls}>{mark}{}</td>", v.html());
        }
        o.push_str("</tr>");
    }
    o.push_str("</table>\n");
}

fn column(t: &Tableau, col: &str) -> Vec<f64> {
    let Some(c) = t.col(col) else {
        return vec![0.0; t.lignes.len()];
    };
    t.lignes
        .iter()
        .map(|r| r.get(c).and_then(Valeur::nombre).unwrap_or(0.0))
        .collect()
}

fn labels(t: &Tableau, cols: &[&str]) -> Vec<String> {
    let idx: Vec<usize> = cols.iter().filter_map(|c| t.col(c)).collect();
    t.lignes
        .iter()
        .map(|r| {
            idx.iter()
                .filter_map(|&i| r.get(i).and_then(Valeur::texte))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect()
}

/// The balance as one self-contained HTML page with inline SVG charts.
pub fn html(b: &Bilan) -> String {
    let mut o = String::new();
    let titre = "Bilan production et accompagnement";
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{titre}</title><style>{}</style></head><body>\n<h1>{titre}</h1>",
        super::semaine::CSS
    );
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} · {} plan(s) · régie(s) : {}</p>",
        esc(&b.periode),
        b.plans,
        esc(&b.regies.join(", "))
    );
    if b.hors_scenario > 0 {
        let _ = writeln!(
            o,
            "<p class=\"alerte\">Attention : {} affectation(s) ne correspondent à aucune personne ou aucun chantier du scénario et ne sont pas comptées.</p>",
            b.hors_scenario
        );
    }
    let multi = b.regies.len() > 1;
    for t in &b.tableaux {
        let _ = writeln!(o, "<h2 id=\"{}\">{}</h2>", t.nom, esc(t.titre));
        if let Some(svg) = graphique(t, multi) {
            o.push_str(&svg);
        }
        if t.lignes.is_empty() {
            o.push_str("<p>Rien à signaler sur la période.</p>\n");
        } else {
            table_html(&mut o, t, !multi);
        }
    }
    o.push_str("</body></html>\n");
    o
}

/// The chart drawn above table `t`, for the tables that have one; `multi`: several régies
/// (their rows are labelled with the régie).
fn graphique(t: &Tableau, multi: bool) -> Option<String> {
    let key: &[&str] = match (t.nom, multi) {
        ("salaries", false) | ("rdv_cip", false) => &["nom"],
        ("salaries", true) | ("rdv_cip", true) => &["regie", "nom"],
        ("chantiers", false) => &["nom"],
        ("chantiers", true) => &["regie", "nom"],
        ("clients", false) => &["client"],
        ("clients", true) => &["regie", "client"],
        ("cip", false) => &["nom"],
        ("cip", true) => &["regie", "nom"],
        (_, false) => &["activite"],
        (_, true) => &["regie", "activite"],
    };
    let l = labels(t, key);
    match t.nom {
        "salaries" if !t.lignes.is_empty() => Some(barres(
            "Heures de production et d'accompagnement par salarié·e",
            &l,
            &[
                Serie {
                    nom: "production".into(),
                    couleur: "#1e40af",
                    valeurs: column(t, "heures_production"),
                },
                Serie {
                    nom: "accompagnement".into(),
                    couleur: "#fbbf24",
                    valeurs: column(t, "heures_accompagnement"),
                },
            ],
            &[],
            "h",
        )),
        "chantiers" if !t.lignes.is_empty() => {
            let man = column(t, "heures_manquantes");
            let liv = column(t, "heures_livrees");
            // Bars: delivered, then what is missing of the demand.
            Some(barres(
                "Heures livrées et manquantes par chantier",
                &l,
                &[
                    Serie {
                        nom: "livrées".into(),
                        couleur: "#1e40af",
                        valeurs: liv,
                    },
                    Serie {
                        nom: "manquantes".into(),
                        couleur: "#f87171",
                        valeurs: man,
                    },
                ],
                &[],
                "h",
            ))
        }
        "cip" if !t.lignes.is_empty() => Some(barres(
            "Salarié·es suivi·es par ETP de CIP",
            &l,
            &[Serie {
                nom: "salarié·es par ETP".into(),
                couleur: "#059669",
                valeurs: column(t, "salaries_par_etp"),
            }],
            &[
                Seuil {
                    valeur: 25.0,
                    nom: "25".into(),
                },
                Seuil {
                    valeur: 30.0,
                    nom: "30".into(),
                },
            ],
            "",
        )),
        "activites" if !t.lignes.is_empty() => Some(barres(
            "Salarié·es (ETP) par encadrant·e (ETP), par activité — norme 5",
            &l,
            &[Serie {
                nom: "ratio".into(),
                couleur: "#7c3aed",
                valeurs: column(t, "salaries_etp_par_encadrant_etp"),
            }],
            &[Seuil {
                valeur: 5.0,
                nom: "1/5".into(),
            }],
            "",
        )),
        _ => None,
    }
}
