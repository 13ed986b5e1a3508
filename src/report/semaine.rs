//! The printable weekly plan of one plan file: the shortfalls first, then one grid per chantier
//! (days × vacations: start, encadrant·es, crew), one per salarié·e and encadrant·e (their week
//! and hours against the contract), and the CIP agenda. [`Semaine`] holds the views; [`html`]
//! and [`xlsx`] render them.

use super::ecarts::{Ecarts, LigneEcart};
use super::{Noms, classe_type, equipages, horaire, libelle_jour, libelle_type};
use crate::diag::Result;
use crate::format::plan::{Affectation, Plan, Statut, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::fmt_hhmm;
use crate::model::Facts;
use crate::texte::{esc, fmt_h, fmt_num, round2, xerr};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::fmt::Write;

/// One line of a person's or the CIP's day.
#[derive(Debug, Clone, PartialEq)]
pub struct Ligne {
    /// Item kind (CSS class and XLSX colour).
    pub type_: TypeAffectation,
    /// `07:00–10:30`, or `5,2 h` for a PMSMP day.
    pub horaire: String,
    /// What, in French: chantier and lieu, `RDV avec …`, atelier's theme, formation's title.
    pub libelle: String,
}

/// One cell of a chantier grid: a shift of that day.
#[derive(Debug, Clone, PartialEq)]
pub struct Cellule {
    /// `07:00–10:30`, or `None` when the shift does not run.
    pub horaire: Option<String>,
    /// Names of the encadrant·es on the shift.
    pub encadrants: Vec<String>,
    /// Names of the crew (salarié·es).
    pub equipe: Vec<String>,
    /// Minimum crew of the shift.
    pub min: u32,
    /// How many people are missing from `min` (0 for an optional shift).
    pub manque: u32,
    /// True for an optional shift (it may not run).
    pub optionnelle: bool,
}

#[derive(Debug, Clone, PartialEq)]
/// One chantier's grid: days × vacations.
pub struct GrilleChantier {
    /// The chantier's id in the scenario.
    pub id: String,
    /// The chantier's name.
    pub nom: String,
    /// The client's name (empty when none).
    pub client: String,
    /// The activity (`espaces verts`, `nettoyage`...).
    pub activite: String,
    /// The lieu's name.
    pub lieu: String,
    /// One row per vacation: its label and one cell per period day (`None`: no shift that day).
    pub lignes: Vec<(String, Vec<Option<Cellule>>)>,
}

#[derive(Debug, Clone, PartialEq)]
/// One person's week: a salarié·e, an encadrant·e or a CIP.
pub struct GrillePersonne {
    /// The person's id in the scenario.
    pub id: String,
    /// The person's name (or pseudonym).
    pub nom: String,
    /// `Salarié·e — CDDI ACI 26 h` or `Encadrant·e — 35 h`.
    pub role: String,
    /// Weekly contract hours (0 for a CIP).
    pub contrat_heures: f64,
    /// Hours aimed at over the period (the weeks' targets; 0 for a CIP).
    pub heures_visees: f64,
    /// Hours planned over the period.
    pub heures_planifiees: f64,
    /// One list per period day.
    pub jours: Vec<Vec<Ligne>>,
}

/// One item of the plan as the `Affectations` sheet shows it: names, not ids.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneAffectation {
    /// The day.
    pub date: NaiveDate,
    /// Start, minutes since midnight (`None` for a PMSMP day).
    pub debut: Option<u32>,
    /// End, minutes since midnight (`None` for a PMSMP day).
    pub fin: Option<u32>,
    /// Length in hours.
    pub heures: f64,
    /// The person's id.
    pub id: String,
    /// The person's name (or pseudonym).
    pub nom: String,
    /// Item kind.
    pub type_: TypeAffectation,
    /// Chantier's name, `RDV avec la CIP …`, atelier's theme, formation's title.
    pub quoi: String,
    /// The lieu's name.
    pub lieu: String,
}

/// Every view of the weekly plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Semaine {
    /// The régie's name.
    pub regie: String,
    /// The solver's status in French (`optimal`, `réalisable (limite de temps atteinte)`, `sans solution`).
    pub statut: String,
    /// The plan's cost (the objective's value).
    pub cout: f64,
    /// The period's days, in order.
    pub jours: Vec<NaiveDate>,
    /// Shortfalls and information lines, recomputed from the plan's items.
    pub ecarts: Ecarts,
    /// One grid per chantier, in scenario order.
    pub chantiers: Vec<GrilleChantier>,
    /// One grid per salarié·e, in scenario order.
    pub salaries: Vec<GrillePersonne>,
    /// One grid per encadrant·e, in scenario order.
    pub encadrants: Vec<GrillePersonne>,
    /// The CIP agenda: one grid per CIP (rdv and the ateliers they lead).
    pub cips: Vec<GrillePersonne>,
    /// Items that match no shift or no period day of the scenario (a plan of another scenario).
    pub hors_scenario: usize,
    /// Re-planning: who changes what from the published plan (person, `− jour élément` or
    /// `+ jour élément`), by person and day.
    pub changements: Vec<(String, String)>,
    /// Date of issue as printed (`27 novembre 2026`), when given ([`Semaine::avec_edition`]).
    pub edition: Option<String>,
    /// The plan's items, in the plan's order.
    pub affectations: Vec<LigneAffectation>,
    /// The wall's overview (people × days) and one sheet per person.
    pub vue: Vec<super::mur::LigneVue>,
    /// One sheet per person (salarié·es, then encadrant·es).
    pub fiches: Vec<super::mur::Fiche>,
}

fn libelle_statut(s: Statut) -> &'static str {
    match s {
        Statut::Optimal => "optimal",
        Statut::Realisable => "réalisable (limite de temps atteinte)",
        Statut::SansSolution => "sans solution",
    }
}

impl Semaine {
    /// Builds the views of `plan`, a plan of `sc`.
    pub fn new(sc: &Scenario, facts: &Facts, plan: &Plan, noms: &Noms) -> Semaine {
        let jours = facts.days.clone();
        let ecarts = super::ecarts::recalculer(sc, facts, plan, noms);
        let items: Vec<&Affectation> = plan.affectations.iter().collect();
        let (eq, loose) = equipages(sc, &facts.shifts, &items);
        let mut hors_scenario = loose.len();
        let chantiers = grilles_chantiers(sc, facts, &eq, noms);
        let vues = Vues {
            sc,
            plan,
            noms,
            jours: &jours,
        };
        let salaries = vues.salaries(facts, &mut hors_scenario);
        let encadrants = vues.encadrants(facts, &mut hors_scenario);
        let cips = vues.cips();
        let affectations = vues.affectations();
        let (vue, fiches) =
            super::mur::construire(sc, facts, plan, noms, &|a| vues.ligne(a).libelle);
        Semaine {
            regie: sc.regie.nom.clone(),
            statut: libelle_statut(plan.statut).to_owned(),
            cout: plan.cout,
            jours,
            ecarts,
            chantiers,
            salaries,
            encadrants,
            cips,
            hors_scenario,
            changements: changements(sc, plan, noms),
            edition: None,
            affectations,
            vue,
            fiches,
        }
    }

    /// The same views with a date of issue printed on every page.
    pub fn avec_edition(mut self, d: NaiveDate) -> Semaine {
        use chrono::Datelike;
        self.edition = Some(format!("{} {}", super::date_courte(d), d.year()));
        self
    }

    fn periode(&self) -> String {
        match (self.jours.first(), self.jours.last()) {
            (Some(a), Some(b)) => {
                format!("du {} au {}", a.format("%d/%m/%Y"), b.format("%d/%m/%Y"))
            }
            _ => String::new(),
        }
    }
}

/// One grid per chantier: its vacations × the period's days, with each shift's crew.
fn grilles_chantiers(
    sc: &Scenario,
    facts: &Facts,
    eq: &[super::Equipage],
    noms: &Noms,
) -> Vec<GrilleChantier> {
    let day_index = |d: NaiveDate| facts.days.iter().position(|&x| x == d);
    let mut chantiers = Vec::new();
    for (ci, ch) in sc.chantiers.iter().enumerate() {
        let mut lignes = Vec::new();
        for (vi, v) in ch.vacations.iter().enumerate() {
            let debuts: Vec<String> = v.debuts.iter().map(|h| h.to_string()).collect();
            let label = format!(
                "Vacation {} : {} h, début {}, équipe {}-{}{}",
                vi + 1,
                fmt_hhmm(v.duree.0),
                debuts.join(" / "),
                v.equipe.min,
                v.equipe.max,
                if v.optionnelle { " (optionnelle)" } else { "" }
            );
            let mut cells: Vec<Option<Cellule>> = vec![None; facts.days.len()];
            for (si, s) in facts.shifts.iter().enumerate() {
                if s.chantier != ci || s.vacation != vi {
                    continue;
                }
                let Some(di) = day_index(s.date) else {
                    continue;
                };
                let g = eq.get(si).cloned().unwrap_or_default();
                let crew = g.equipe.len() as u32;
                cells[di] = Some(Cellule {
                    horaire: g
                        .debut
                        .map(|d| format!("{}–{}", fmt_hhmm(d), fmt_hhmm(d + s.duree))),
                    encadrants: g.encadrants.iter().map(|a| noms.of(&a.personne)).collect(),
                    equipe: g.equipe.iter().map(|a| noms.of(&a.personne)).collect(),
                    min: s.min,
                    manque: if s.optionnelle {
                        0
                    } else {
                        s.min.saturating_sub(crew)
                    },
                    optionnelle: s.optionnelle,
                });
            }
            lignes.push((label, cells));
        }
        chantiers.push(GrilleChantier {
            id: ch.id.clone(),
            nom: ch.nom.clone().unwrap_or_else(|| ch.id.clone()),
            client: ch.client.clone().unwrap_or_default(),
            activite: ch.activite.clone(),
            lieu: lieu_nom(sc, &ch.lieu),
            lignes,
        });
    }

    chantiers
}

/// What the person grids, the CIP agenda and the item list of one plan share.
struct Vues<'a> {
    sc: &'a Scenario,
    plan: &'a Plan,
    noms: &'a Noms,
    jours: &'a [NaiveDate],
}

impl Vues<'_> {
    fn day_index(&self, d: NaiveDate) -> Option<usize> {
        self.jours.iter().position(|&x| x == d)
    }

    fn chantier_nom(&self, id: &str) -> String {
        chantier_nom(self.sc, id)
    }

    /// One item as a person's grid shows it.
    fn ligne(&self, a: &Affectation) -> Ligne {
        let (sc, noms) = (self.sc, self.noms);
        let libelle = match a.type_ {
            TypeAffectation::Production | TypeAffectation::Encadrement => {
                let c = a.chantier.as_deref().unwrap_or("");
                self.chantier_nom(c)
            }
            TypeAffectation::RdvCip => {
                format!("RDV CIP ({})", noms.of(a.cip.as_deref().unwrap_or("")))
            }
            TypeAffectation::Atelier => {
                let id = a.atelier.as_deref().unwrap_or("");
                match sc.ateliers.iter().find(|x| x.id == id) {
                    Some(at) => format!("Atelier {}", at.theme),
                    None => format!("Atelier {id}"),
                }
            }
            TypeAffectation::Formation => {
                let id = a.formation.as_deref().unwrap_or("");
                let t = sc
                    .formations
                    .iter()
                    .find(|f| f.id == id)
                    .and_then(|f| f.intitule.clone())
                    .unwrap_or_else(|| id.to_owned());
                format!("Formation {t}")
            }
            TypeAffectation::Pmsmp => {
                let e = sc
                    .salaries
                    .iter()
                    .find(|s| s.id == a.personne)
                    .and_then(|s| {
                        s.pmsmp
                            .iter()
                            .find(|p| p.du <= a.date && a.date <= p.au)
                            .and_then(|p| p.entreprise.clone())
                    });
                match e {
                    // The host company could identify the person: not in a pseudonymised report.
                    Some(e) if !noms.pseudonymised() => format!("PMSMP chez {e}"),
                    _ => "PMSMP".to_owned(),
                }
            }
        };
        Ligne {
            type_: a.type_,
            horaire: horaire(a),
            libelle,
        }
    }

    /// The items of `id` per period day, and their hours; an item off the period's days is
    /// counted in `counted`.
    fn days_of(&self, id: &str, counted: &mut usize) -> (Vec<Vec<Ligne>>, f64) {
        let mut days = vec![Vec::new(); self.jours.len()];
        let mut h = 0.0;
        for a in self.plan.affectations.iter().filter(|a| a.personne == id) {
            h += a.hours();
            match self.day_index(a.date) {
                Some(di) => days[di].push(self.ligne(a)),
                None => *counted += 1,
            }
        }
        (days, h)
    }

    /// One grid per salarié·e.
    fn salaries(&self, facts: &Facts, hors_scenario: &mut usize) -> Vec<GrillePersonne> {
        let (sc, noms) = (self.sc, self.noms);
        let mut salaries = Vec::new();
        for (i, s) in sc.salaries.iter().enumerate() {
            let (days, h) = self.days_of(&s.id, hors_scenario);
            let contrat = match s.contrat.type_ {
                crate::format::scenario::TypeContrat::CddiAci => "CDDI ACI",
                crate::format::scenario::TypeContrat::CddiEi => "CDDI EI",
                crate::format::scenario::TypeContrat::CdiInclusion => "CDI inclusion",
                crate::format::scenario::TypeContrat::Autre => "contrat",
            };
            salaries.push(GrillePersonne {
                id: noms.id(&s.id),
                nom: noms.of(&s.id),
                role: format!(
                    "Salarié·e — {contrat} {} h",
                    fmt_num(s.contrat.heures_hebdo)
                ),
                contrat_heures: s.contrat.heures_hebdo,
                heures_visees: facts
                    .salarie_weeks
                    .get(i)
                    .map_or(0.0, |w| w.iter().map(|w| w.target).sum()),
                heures_planifiees: h,
                jours: days,
            });
        }
        salaries
    }

    /// One grid per encadrant·e.
    fn encadrants(&self, facts: &Facts, hors_scenario: &mut usize) -> Vec<GrillePersonne> {
        let (sc, noms) = (self.sc, self.noms);
        let mut encadrants = Vec::new();
        for (i, e) in sc.encadrants.iter().enumerate() {
            let (days, h) = self.days_of(&e.id, hors_scenario);
            encadrants.push(GrillePersonne {
                id: noms.id(&e.id),
                nom: noms.of(&e.id),
                role: format!("Encadrant·e — {} h", fmt_num(e.heures_hebdo)),
                contrat_heures: e.heures_hebdo,
                heures_visees: facts
                    .encadrant_weeks
                    .get(i)
                    .map_or(0.0, |w| w.iter().map(|w| w.target).sum()),
                heures_planifiees: h,
                jours: days,
            });
        }
        encadrants
    }

    /// The CIP agenda: one grid per CIP, rdv and the ateliers they lead.
    fn cips(&self) -> Vec<GrillePersonne> {
        let (sc, plan, noms) = (self.sc, self.plan, self.noms);
        let mut cips = Vec::new();
        for c in &sc.cips {
            let mut days: Vec<Vec<(u32, Ligne)>> = vec![Vec::new(); self.jours.len()];
            let mut h = 0.0;
            for a in &plan.affectations {
                if a.type_ == TypeAffectation::RdvCip
                    && a.cip.as_deref() == Some(c.id.as_str())
                    && let Some(di) = self.day_index(a.date)
                {
                    h += a.hours();
                    days[di].push((
                        a.debut.map_or(0, |d| d.0),
                        Ligne {
                            type_: TypeAffectation::RdvCip,
                            horaire: horaire(a),
                            libelle: format!("RDV avec {}", noms.of(&a.personne)),
                        },
                    ));
                }
            }
            for at in &sc.ateliers {
                if at.anime_par.as_deref() == Some(c.id.as_str())
                    && let Some(di) = self.day_index(at.date)
                {
                    h += f64::from(at.a.0.saturating_sub(at.de.0)) / 60.0;
                    let n = plan
                        .affectations
                        .iter()
                        .filter(|a| a.atelier.as_deref() == Some(at.id.as_str()))
                        .count();
                    days[di].push((
                        at.de.0,
                        Ligne {
                            type_: TypeAffectation::Atelier,
                            horaire: format!("{}–{}", at.de, at.a),
                            libelle: format!("Anime l'atelier {} ({n} inscrit·es)", at.theme),
                        },
                    ));
                }
            }
            let days = days
                .into_iter()
                .map(|mut d| {
                    d.sort_by_key(|(t, _)| *t);
                    d.into_iter().map(|(_, l)| l).collect()
                })
                .collect();
            cips.push(GrillePersonne {
                id: noms.id(&c.id),
                nom: noms.of(&c.id),
                role: format!("CIP — lieu : {}", lieu_nom(sc, &c.lieu)),
                contrat_heures: 0.0,
                heures_visees: 0.0,
                heures_planifiees: h,
                jours: days,
            });
        }
        cips
    }

    /// The plan's items, in the plan's order, as the `Affectations` sheet shows them.
    fn affectations(&self) -> Vec<LigneAffectation> {
        let (sc, plan, noms) = (self.sc, self.plan, self.noms);
        plan.affectations
            .iter()
            .map(|a| LigneAffectation {
                date: a.date,
                debut: a.debut.map(|h| h.0),
                fin: a.fin.map(|h| h.0),
                heures: a.hours(),
                id: noms.id(&a.personne),
                nom: noms.of(&a.personne),
                type_: a.type_,
                quoi: match a.type_ {
                    TypeAffectation::RdvCip => {
                        format!("CIP {}", noms.of(a.cip.as_deref().unwrap_or("")))
                    }
                    _ => self.ligne(a).libelle,
                },
                lieu: a
                    .lieu
                    .as_deref()
                    .map(|l| lieu_nom(sc, l))
                    .unwrap_or_default(),
            })
            .collect()
    }
}

/// A chantier's `nom`, else its id.
pub(super) fn chantier_nom(sc: &Scenario, id: &str) -> String {
    sc.chantiers
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.nom.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// A lieu's `nom`, else its id.
pub(super) fn lieu_nom(sc: &Scenario, id: &str) -> String {
    sc.lieux
        .iter()
        .find(|l| l.id == id)
        .and_then(|l| l.nom.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// The stylesheet shared by the weekly plan and the balance report: A4 landscape, colours by kind
/// of activity doubled by a border style and a text tag so that a black-and-white print reads.
pub(crate) const CSS: &str = r#"
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #000; margin: 0 8px; }
h1 { font-size: 16pt; margin: 6px 0; }
h2 { font-size: 13pt; margin: 14px 0 6px; border-bottom: 2px solid #000; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
p.meta { margin: 2px 0 8px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #555; padding: 2px 4px; vertical-align: top; text-align: left; }
th { background: #e6e6e6; }
td.num, th.num { text-align: right; white-space: nowrap; }
.grille td { width: 17%; }
.grille th:first-child, .grille td:first-child { width: 15%; }
.act { display: block; margin: 1px 0; padding: 1px 3px; border-left: 4px solid #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.act .tag { font-weight: bold; font-size: 8pt; }
.prod { background: #dbeafe; border-left-style: solid; }
.enc { background: #e0e7ff; border-left-style: double; }
.rdv { background: #fde68a; border-left-style: dashed; }
.at { background: #bbf7d0; border-left-style: dotted; }
.form { background: #fbcfe8; border-left: 4px double #000; }
.pmsmp { background: #e9d5ff; border-left: 4px groove #000; }
.manque { font-weight: bold; text-decoration: underline; }
.alerte { font-weight: bold; }
.legende span.act { display: inline-block; margin-right: 8px; }
.personne { break-inside: avoid; page-break-inside: avoid; }
.ok { }
figure.graphe { margin: 6px 0 12px; break-inside: avoid; }
figure.graphe figcaption { font-weight: bold; margin-bottom: 2px; }
@media print { body { margin: 0; } h2 { break-before: auto; } }
.pied { position: fixed; bottom: 0; left: 0; right: 0; font-size: 7pt; color: #333; border-top: 1px solid #999; background: #fff; padding: 1px 8px; }
@media screen { .pied { position: static; margin-top: 12px; } }
body.semaine { padding-bottom: 14px; }
section.vue { break-after: page; page-break-after: always; }
div.vues.deux { display: flex; gap: 4px; align-items: flex-start; }
div.vues.deux table.vue { width: 50%; }
table.vue { table-layout: fixed; font-size: 7.5pt; line-height: 1.15; break-inside: auto; page-break-inside: auto; margin-bottom: 2px; }
table.vue.serree { font-size: 6pt; }
table.vue.deux { font-size: 5pt; line-height: 1.1; }
table.vue.deux tbody th { white-space: nowrap; }
p.codes { font-size: 7pt; margin: 2px 0; }
p.codes span { margin-right: 8px; white-space: nowrap; }
section.vue h2 { margin-top: 4px; }
table.vue td, table.vue th { padding: 0 2px; }
table.vue th:first-child { width: 13%; }
table.vue td.libre { color: #555; font-style: italic; }
table.vue td.absent, table.vue td.ferie { background: #eee; font-style: italic; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.vue td.pmsmp { background: #e9d5ff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.vue td.formation { background: #fbcfe8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.vue tr.encadrants th { background: #d4d4d4; }
section.fiche { break-before: page; page-break-before: always; }
section.fiche h2 { font-size: 15pt; }
section.fiche p.heures { font-size: 11pt; }
table.fiche td { font-size: 10.5pt; }
table.fiche td.jour { width: 16%; font-weight: bold; }
table.fiche td.trajet { width: 28%; font-size: 9pt; }
.etat { font-style: italic; }
table.large { font-size: 7.5pt; }
table.large th { font-size: 7pt; }
table.totaux { width: auto; }
table.totaux th:first-child { text-align: left; }
"#;

/// The short tag printed before each activity, for black-and-white prints.
fn tag(t: TypeAffectation) -> &'static str {
    match t {
        TypeAffectation::Production => "PROD",
        TypeAffectation::Encadrement => "ENC",
        TypeAffectation::RdvCip => "CIP",
        TypeAffectation::Atelier => "ATEL",
        TypeAffectation::Formation => "FORM",
        TypeAffectation::Pmsmp => "PMSMP",
    }
}

fn act(o: &mut String, l: &Ligne) {
    let _ = write!(
        o,
        r#"<span class="act {}"><span class="tag">{}</span> {} {}</span>"#,
        classe_type(l.type_),
        tag(l.type_),
        esc(&l.horaire),
        esc(&l.libelle)
    );
}

fn entete_jours(o: &mut String, first: &str, jours: &[NaiveDate]) {
    let _ = write!(o, "<tr><th>{}</th>", esc(first));
    for &d in jours {
        let _ = write!(o, "<th>{}</th>", esc(&libelle_jour(d)));
    }
    o.push_str("</tr>");
}

fn table_ecarts(o: &mut String, lignes: &[LigneEcart], manque: &str) {
    let _ = write!(
        o,
        "<table class=\"ecarts\"><thead><tr><th>Type</th><th>Qui / quoi</th><th>Quand</th><th>{manque}</th><th>Cause</th></tr></thead><tbody>"
    );
    for e in lignes {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&e.libelle),
            esc(&e.quoi),
            esc(&e.quand),
            esc(&e.manque),
            esc(&e.cause)
        );
    }
    o.push_str("</tbody></table>\n");
}

/// Characters a day cell of the two-table overview holds on one printed line (5 pt on A4
/// landscape, five days: about 24 mm a cell; lines break between words), to estimate how many
/// lines a row takes.
const CARACTERES_PAR_LIGNE_DEUX: usize = 21;

/// The printed lines row `l` of the two-table overview takes: its tallest cell's.
fn lignes_imprimees(l: &super::mur::LigneVue) -> usize {
    l.jours
        .iter()
        .map(|c| {
            let texte: usize = c.lignes.iter().map(|x| x.chars().count() + 3).sum();
            texte
                .saturating_sub(3)
                .div_ceil(CARACTERES_PAR_LIGNE_DEUX)
                .max(1)
        })
        .max()
        .unwrap_or(1)
}

/// Where the overview's rows split into two tables side by side: where the taller of the two
/// is the shortest once printed (rows of several lines and role headers counted), so that the
/// page holds the most; the middle when it makes no difference.
fn coupure_vue(vue: &[super::mur::LigneVue]) -> usize {
    let lignes: Vec<usize> = vue.iter().map(lignes_imprimees).collect();
    let hauteur = |r: std::ops::Range<usize>| -> usize {
        let entetes = 1 + vue[r.clone()]
            .windows(2)
            .filter(|w| w[0].role != w[1].role)
            .count();
        entetes + lignes[r].iter().sum::<usize>()
    };
    let milieu = vue.len().div_ceil(2);
    (1..vue.len())
        .min_by_key(|&i| {
            let plus_haut = hauteur(0..i).max(hauteur(i..vue.len()));
            (plus_haut, i.abs_diff(milieu), i)
        })
        .unwrap_or(milieu)
}

/// The one-page overview: one row per person, one column per day, codes in the cells (`A 06:30`,
/// `RDV 14:00`) and their legend. Beyond 36 people, two tables side by side, split where they
/// print the shortest ([`coupure_vue`]).
fn vue_html(o: &mut String, s: &Semaine) {
    o.push_str("<section class=\"vue\" id=\"vue\"><h2>Vue d'ensemble de la semaine</h2>");
    let n = s.vue.len();
    let halves: Vec<&[super::mur::LigneVue]> = if n > 36 {
        let (a, b) = s.vue.split_at(coupure_vue(&s.vue));
        vec![a, b]
    } else {
        vec![&s.vue[..]]
    };
    let serree = match n {
        0..=24 => "",
        25..=36 => " serree",
        _ => " serree deux",
    };
    let _ = write!(o, "<div class=\"vues{serree}\">");
    let deux = halves.len() > 1;
    for half in halves {
        let _ = write!(o, "<table class=\"vue{serree}\"><thead>");
        // Two tables: the names, on one line, set the first column (bold: about 1.1 `ch` a
        // character).
        match half.iter().map(|l| l.nom.chars().count()).max() {
            Some(m) if deux => {
                let _ = write!(
                    o,
                    "<tr><th style=\"width: {}ch\">Personne</th>",
                    m * 11 / 10 + 1
                );
            }
            _ => o.push_str("<tr><th>Personne</th>"),
        }
        for &d in &s.jours {
            let _ = write!(o, "<th>{}</th>", esc(&libelle_jour(d)));
        }
        o.push_str("</tr></thead><tbody>");
        let mut role = None;
        for l in half {
            if role != Some(l.role) {
                role = Some(l.role);
                let (classe, titre) = if l.role == 'S' {
                    ("salaries", "Salarié·es")
                } else {
                    ("encadrants", "Encadrant·es")
                };
                let _ = write!(
                    o,
                    "<tr class=\"{classe}\"><th colspan=\"{}\">{titre}</th></tr>",
                    s.jours.len() + 1
                );
            }
            let _ = write!(o, "<tr><th>{}</th>", esc(&l.nom));
            for c in &l.jours {
                let texte: Vec<String> = c.lignes.iter().map(|x| esc(x)).collect();
                let _ = write!(o, "<td class=\"{}\">{}</td>", c.classe, texte.join(" · "));
            }
            o.push_str("</tr>");
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</div><p class=\"codes\">");
    for (i, c) in s.chantiers.iter().enumerate() {
        let _ = write!(
            o,
            "<span><b>{}</b> {}</span> ",
            esc(&super::mur::code_chantier(i)),
            esc(&c.nom)
        );
    }
    o.push_str("<span><b>RDV</b> rendez-vous CIP</span> <span><b>At.</b> atelier</span> <span><b>Form.</b> formation</span></p></section>\n");
}

/// One page per person: their week, where to be, how to get there, their rdv.
fn fiches_html(o: &mut String, s: &Semaine) {
    for f in &s.fiches {
        let _ = write!(
            o,
            "<section class=\"fiche\"><h2>{} <small>— {}</small></h2><p class=\"meta\">{} · semaine {}{}</p><p class=\"heures{}\">{}</p>",
            esc(&f.nom),
            esc(&f.role),
            esc(&s.regie),
            esc(&s.periode()),
            esc(&s
                .edition
                .as_ref()
                .map(|e| format!(" · édité le {e}"))
                .unwrap_or_default()),
            if f.manque { " manque" } else { "" },
            esc(&f.heures)
        );
        o.push_str("<table class=\"fiche\"><thead><tr><th>Jour</th><th>Quoi, où</th><th>Trajet</th></tr></thead><tbody>");
        for j in &f.jours {
            let _ = write!(
                o,
                "<tr><td class=\"jour\">{}</td><td>",
                esc(&super::mur::titre_jour(j.date))
            );
            if let Some(e) = &j.etat {
                let _ = write!(o, "<span class=\"etat\">{}</span>", esc(e));
            }
            for a in &j.activites {
                let lieu = if a.lieu.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", a.lieu)
                };
                let _ = write!(
                    o,
                    r#"<span class="act {}"><span class="tag">{}</span> {} {}{}</span>"#,
                    classe_type(a.type_),
                    tag(a.type_),
                    esc(&a.horaire),
                    esc(&a.quoi),
                    esc(&lieu)
                );
            }
            for a in &j.absences {
                let _ = write!(o, "<span class=\"etat\">{}</span><br>", esc(a));
            }
            o.push_str("</td><td class=\"trajet\">");
            if let Some(a) = &j.aller {
                let _ = write!(o, "Aller : {}<br>", esc(a));
            }
            if let Some(r) = &j.retour {
                let _ = write!(o, "Retour : {}", esc(r));
            }
            o.push_str("</td></tr>");
        }
        o.push_str("</tbody></table></section>\n");
    }
}

/// The self-contained HTML page (no script, no external resource).
pub fn html(s: &Semaine) -> String {
    let mut o = String::new();
    entete_html(&mut o, s);
    // Page 1: the overview, people × days.
    vue_html(&mut o, s);
    legende_html(&mut o);
    ecarts_html(&mut o, s);
    changements_html(&mut o, s);
    chantiers_html(&mut o, s);
    cips_html(&mut o, s);
    fiches_html(&mut o, s);
    o.push_str("</body></html>\n");
    o
}

/// The page's head, its footer repeated on every printed page, title and status.
fn entete_html(o: &mut String, s: &Semaine) {
    let titre = format!("Plan de la semaine — {}", s.regie);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body class=\"semaine\">\n",
        esc(&titre)
    );
    let edition = s
        .edition
        .as_ref()
        .map(|e| format!(" · édité le {e}"))
        .unwrap_or_default();
    // Repeated at the bottom of every printed page (a fixed element prints on each page).
    let _ = writeln!(
        o,
        "<div class=\"pied\">{} · plan de la semaine {}{}</div>",
        esc(&s.regie),
        esc(&s.periode()),
        esc(&edition)
    );
    let _ = writeln!(
        o,
        "<h1>{}</h1><p class=\"meta\">Période {} · statut du plan : {} · coût {}{}</p>",
        esc(&titre),
        esc(&s.periode()),
        esc(&s.statut),
        fmt_num(s.cout),
        esc(&edition)
    );

    if s.hors_scenario > 0 {
        let _ = writeln!(
            o,
            "<p class=\"alerte\">Attention : {} affectation(s) du plan ne correspondent à aucune vacation ou aucun jour du scénario.</p>",
            s.hors_scenario
        );
    }
}

/// The legend of the item kinds.
fn legende_html(o: &mut String) {
    o.push_str("<p class=\"legende\">Légende : ");
    for t in TypeAffectation::ALL {
        let _ = write!(
            o,
            r#"<span class="act {}"><span class="tag">{}</span> {}</span>"#,
            classe_type(t),
            tag(t),
            libelle_type(t)
        );
    }
    o.push_str("</p>\n");
}

/// Shortfalls, ranked by weight; information lines after them.
fn ecarts_html(o: &mut String, s: &Semaine) {
    let _ = writeln!(
        o,
        "<h2 id=\"ecarts\">Écarts ({})</h2>",
        s.ecarts.ecarts.len()
    );
    if s.ecarts.ecarts.is_empty() {
        o.push_str("<p>Aucun écart : toutes les exigences sont couvertes.</p>\n");
    } else {
        o.push_str("<p class=\"meta\">Du plus lourd au plus léger (la production des marchés publics d'abord).</p>\n");
        table_ecarts(o, &s.ecarts.ecarts, "Manque");
    }
    if !s.ecarts.informations.is_empty() {
        let _ = writeln!(
            o,
            "<h2 id=\"informations\">À savoir ({})</h2>",
            s.ecarts.informations.len()
        );
        o.push_str("<p class=\"meta\">Ce ne sont pas des écarts : rendez-vous CIP pas encore dus (le mois continue après la période), heures au-delà du contrat.</p>\n");
        table_ecarts(o, &s.ecarts.informations, "Quoi");
    }
}

/// Re-planning: who changes what from the published plan.
fn changements_html(o: &mut String, s: &Semaine) {
    if !s.changements.is_empty() {
        let _ = writeln!(
            o,
            "<h2 id=\"changements\">Changements par rapport au plan publié ({})</h2>",
            s.changements.len()
        );
        o.push_str("<table><tr><th>Qui</th><th>Changement</th></tr>");
        for (qui, quoi) in &s.changements {
            let _ = write!(o, "<tr><td>{}</td><td>{}</td></tr>", esc(qui), esc(quoi));
        }
        o.push_str("</table>\n");
    }
}

/// One grid per chantier.
fn chantiers_html(o: &mut String, s: &Semaine) {
    o.push_str("<h2 id=\"chantiers\">Chantiers</h2>\n");
    for c in &s.chantiers {
        let _ = write!(
            o,
            "<h3>{} <small>— {} · {} · {}</small></h3><table class=\"grille\">",
            esc(&c.nom),
            esc(if c.client.is_empty() {
                "sans client"
            } else {
                &c.client
            }),
            esc(&c.activite),
            esc(&c.lieu)
        );
        entete_jours(o, "Vacation", &s.jours);
        for (label, cells) in &c.lignes {
            let _ = write!(o, "<tr><th>{}</th>", esc(label));
            for cell in cells {
                o.push_str("<td>");
                match cell {
                    None => o.push_str("<span class=\"etat\">pas de vacation</span>"),
                    Some(c) => {
                        match &c.horaire {
                            Some(h) => {
                                let _ = write!(o, "<b>{}</b><br>", esc(h));
                            }
                            None if c.optionnelle => {
                                o.push_str("<i>non assurée (optionnelle)</i><br>")
                            }
                            None => o.push_str("<i>non assurée</i><br>"),
                        }
                        if !c.encadrants.is_empty() {
                            let _ =
                                write!(o, "Encadrement : {}<br>", esc(&c.encadrants.join(", ")));
                        }
                        for n in &c.equipe {
                            let _ = write!(
                                o,
                                r#"<span class="act prod"><span class="tag">PROD</span> {}</span>"#,
                                esc(n)
                            );
                        }
                        if c.manque > 0 {
                            let _ = write!(
                                o,
                                "<span class=\"manque\">Manque {} (min. {})</span>",
                                c.manque, c.min
                            );
                        }
                    }
                }
                o.push_str("</td>");
            }
            o.push_str("</tr>");
        }
        o.push_str("</table>\n");
    }
}

/// The CIP agenda: one grid per CIP.
fn cips_html(o: &mut String, s: &Semaine) {
    o.push_str("<h2 id=\"cip\">Agenda des CIP</h2>\n");
    for p in &s.cips {
        let _ = write!(
            o,
            "<div class=\"personne\"><h3>{} <small>— {}</small></h3><table class=\"grille\">",
            esc(&p.nom),
            esc(&p.role)
        );
        entete_jours(o, "Heures", &s.jours);
        let _ = write!(
            o,
            "<tr><td>{} h de rendez-vous et d'ateliers</td>",
            fmt_h(p.heures_planifiees)
        );
        for d in &p.jours {
            o.push_str("<td>");
            if d.is_empty() {
                o.push_str("<span class=\"etat\">pas de rendez-vous</span>");
            }
            for l in d {
                act(o, l);
            }
            o.push_str("</td>");
        }
        o.push_str("</tr></table></div>\n");
    }
}

/// One day's lines as a cell's text (one line each).
fn texte_jour(d: &[Ligne]) -> String {
    d.iter()
        .map(|l| format!("{} {} {}", tag(l.type_), l.horaire, l.libelle))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The XLSX workbook: sheets `Écarts`, `Chantiers`, `Salariés`, `Encadrants`, `CIP` (the same
/// views as the HTML, one row per person or vacation and one column per day) and `Affectations`
/// (one row per item of the plan, for filters and pivot tables).
pub fn xlsx(s: &Semaine) -> Result<Vec<u8>> {
    let premier = s.jours.first().copied().unwrap_or_default();
    let mut wb = super::xlsx::classeur(premier)?;
    let wrap = Format::new().set_text_wrap();
    for (name, lignes) in [
        ("Écarts", &s.ecarts.ecarts),
        ("À savoir", &s.ecarts.informations),
    ] {
        feuille_ecarts(&mut wb, s, name, lignes, &wrap)?;
    }
    feuille_chantiers(&mut wb, s, &wrap)?;
    for (name, v, heures) in [
        ("Salariés", &s.salaries, true),
        ("Encadrants", &s.encadrants, true),
        ("CIP", &s.cips, false),
    ] {
        feuille_personnes(&mut wb, s, name, v, heures, &wrap)?;
    }
    feuille_affectations(&mut wb, s)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The sheet of shortfalls or of information lines.
fn feuille_ecarts(
    wb: &mut Workbook,
    s: &Semaine,
    name: &str,
    lignes: &[LigneEcart],
    wrap: &Format,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    let cols = [
        "Type",
        "Qui / quoi",
        "Quand",
        "Date",
        "Début",
        "Manque",
        "Heures",
        "Cause",
    ];
    super::xlsx::entete(ws, &cols, &s.regie, s.edition.as_deref())?;
    for (r, e) in lignes.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, &e.libelle).map_err(xerr)?;
        ws.write_string(r, 1, &e.quoi).map_err(xerr)?;
        ws.write_string(r, 2, &e.quand).map_err(xerr)?;
        if let Some(d) = e.date {
            super::xlsx::date(ws, r, 3, d)?;
        }
        if let Some(h) = e.debut {
            super::xlsx::heure(ws, r, 4, h.0)?;
        }
        ws.write_string(r, 5, &e.manque).map_err(xerr)?;
        if let Some(h) = e.heures {
            ws.write_number(r, 6, h).map_err(xerr)?;
        }
        ws.write_string_with_format(r, 7, &e.cause, wrap)
            .map_err(xerr)?;
    }
    ws.autofilter(0, 0, lignes.len() as u32, cols.len() as u16 - 1)
        .map_err(xerr)?;
    for (c, w) in [
        (0, 16),
        (1, 30),
        (2, 26),
        (3, 11),
        (4, 7),
        (5, 22),
        (6, 8),
        (7, 80),
    ] {
        ws.set_column_width(c, w).map_err(xerr)?;
    }
    Ok(())
}

/// The header row of a sheet with one column per period day between `first` and `last`.
fn entete_jours_xlsx(ws: &mut Worksheet, s: &Semaine, first: &[&str], last: &[&str]) -> Result<()> {
    let jours: Vec<String> = s.jours.iter().map(|&d| libelle_jour(d)).collect();
    let mut cols: Vec<&str> = first.to_vec();
    cols.extend(jours.iter().map(String::as_str));
    cols.extend(last);
    super::xlsx::entete(ws, &cols, &s.regie, s.edition.as_deref())?;
    for i in 0..jours.len() {
        ws.set_column_width((first.len() + i) as u16, 32)
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, first.len() as u16).map_err(xerr)?;
    Ok(())
}

/// The chantier grids, one row per vacation.
fn feuille_chantiers(wb: &mut Workbook, s: &Semaine, wrap: &Format) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Chantiers").map_err(xerr)?;
    entete_jours_xlsx(ws, s, &["Chantier", "Client", "Vacation"], &[])?;
    let mut r = 1u32;
    for c in &s.chantiers {
        for (label, cells) in &c.lignes {
            ws.write_string(r, 0, &c.nom).map_err(xerr)?;
            ws.write_string(r, 1, &c.client).map_err(xerr)?;
            ws.write_string(r, 2, label).map_err(xerr)?;
            for (i, cell) in cells.iter().enumerate() {
                let text = match cell {
                    None => "pas de vacation".to_owned(),
                    Some(c) => texte_cellule(c),
                };
                ws.write_string_with_format(r, 3 + i as u16, text, wrap)
                    .map_err(xerr)?;
            }
            r += 1;
        }
    }
    ws.set_column_width(0, 30).map_err(xerr)?;
    ws.set_column_width(2, 30).map_err(xerr)?;
    if r > 1 {
        ws.autofilter(0, 0, r - 1, 2).map_err(xerr)?;
    }
    Ok(())
}

/// One row per person of `v` (salarié·es, encadrant·es or CIP); `heures`: with the target
/// and contract hours.
fn feuille_personnes(
    wb: &mut Workbook,
    s: &Semaine,
    name: &str,
    v: &[GrillePersonne],
    heures: bool,
    wrap: &Format,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    let n = s.jours.len() as u16;
    let last: &[&str] = if heures {
        &["Heures planifiées", "Heures visées", "Heures du contrat"]
    } else {
        &["Heures"]
    };
    entete_jours_xlsx(ws, s, &["Id", "Nom", "Rôle"], last)?;
    for (i, p) in v.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &p.id).map_err(xerr)?;
        ws.write_string(r, 1, &p.nom).map_err(xerr)?;
        ws.write_string(r, 2, &p.role).map_err(xerr)?;
        for (j, d) in p.jours.iter().enumerate() {
            ws.write_string_with_format(r, 3 + j as u16, texte_jour(d), wrap)
                .map_err(xerr)?;
        }
        ws.write_number(r, 3 + n, round2(p.heures_planifiees))
            .map_err(xerr)?;
        if heures {
            ws.write_number(r, 4 + n, round2(p.heures_visees))
                .map_err(xerr)?;
            ws.write_number(r, 5 + n, p.contrat_heures).map_err(xerr)?;
        }
    }
    ws.set_column_width(1, 20).map_err(xerr)?;
    ws.set_column_width(2, 26).map_err(xerr)?;
    if !v.is_empty() {
        ws.autofilter(0, 0, v.len() as u32, 2).map_err(xerr)?;
    }
    Ok(())
}

/// The plan's items, one row each.
fn feuille_affectations(wb: &mut Workbook, s: &Semaine) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Affectations").map_err(xerr)?;
    let cols = [
        "Date", "Début", "Fin", "Heures", "Id", "Nom", "Type", "Quoi", "Lieu",
    ];
    super::xlsx::entete(ws, &cols, &s.regie, s.edition.as_deref())?;
    for (i, a) in s.affectations.iter().enumerate() {
        let r = i as u32 + 1;
        super::xlsx::date(ws, r, 0, a.date)?;
        if let Some(m) = a.debut {
            super::xlsx::heure(ws, r, 1, m)?;
        }
        if let Some(m) = a.fin {
            super::xlsx::heure(ws, r, 2, m)?;
        }
        ws.write_number(r, 3, a.heures).map_err(xerr)?;
        ws.write_string(r, 4, &a.id).map_err(xerr)?;
        ws.write_string(r, 5, &a.nom).map_err(xerr)?;
        ws.write_string(r, 6, libelle_type(a.type_)).map_err(xerr)?;
        ws.write_string(r, 7, &a.quoi).map_err(xerr)?;
        ws.write_string(r, 8, &a.lieu).map_err(xerr)?;
    }
    for (c, w) in [(0, 11), (5, 20), (6, 12), (7, 34), (8, 24)] {
        ws.set_column_width(c, w).map_err(xerr)?;
    }
    ws.autofilter(0, 0, s.affectations.len() as u32, 8)
        .map_err(xerr)?;
    Ok(())
}

/// A chantier cell as text: start, encadrant·es, crew, shortfall.
pub(crate) fn texte_cellule(c: &Cellule) -> String {
    let mut lines = vec![match &c.horaire {
        Some(h) => h.clone(),
        None => "non assurée".to_owned(),
    }];
    if !c.encadrants.is_empty() {
        lines.push(format!("Encadrement : {}", c.encadrants.join(", ")));
    }
    lines.extend(c.equipe.iter().cloned());
    if c.manque > 0 {
        lines.push(format!("Manque {} (min. {})", c.manque, c.min));
    }
    lines.join("\n")
}

/// Re-planning: each published item removed (`−`) and each new item (`+`), by person and day.
fn changements(sc: &Scenario, plan: &Plan, noms: &Noms) -> Vec<(String, String)> {
    let (removed, added) = crate::check::changements(sc, &plan.affectations);
    let mut v: Vec<(String, NaiveDate, String)> = Vec::new();
    for (sign, list) in [("−", removed), ("+", added)] {
        for it in list {
            v.push((
                noms.of(&it.personne),
                it.date,
                format!(
                    "{sign} {} {}",
                    libelle_jour(it.date),
                    crate::check::describe_item(it)
                ),
            ));
        }
    }
    v.sort();
    v.into_iter().map(|(p, _, l)| (p, l)).collect()
}

#[cfg(test)]
mod tests {
    use super::coupure_vue;
    use crate::report::mur::{Case, LigneVue};

    fn ligne(role: char, texte: &str) -> LigneVue {
        LigneVue {
            nom: "Nom P.".into(),
            role,
            jours: vec![Case {
                lignes: vec![texte.into()],
                classe: "travail",
            }],
        }
    }

    /// Rows of three printed lines at the top: the first table takes fewer rows, so that the
    /// two print the same height; rows of one line each split in the middle.
    #[test]
    fn the_two_tables_split_where_they_print_the_same_height() {
        let haute = "C 08:00 · F 13:30 · RDV 16:30 · At. 09:30 · B 06:00";
        let mut vue: Vec<LigneVue> = (0..12).map(|_| ligne('S', haute)).collect();
        vue.extend((0..28).map(|_| ligne('S', "C 08:00")));
        // 12 rows of 3 lines then 28 of 1, a header line a table: at 11 rows, 34 and 32 lines
        // (at 10, 31 and 35; in the middle, at 20, 45 and 21).
        assert_eq!(coupure_vue(&vue), 11);
        let plates: Vec<LigneVue> = (0..40).map(|_| ligne('S', "C 08:00")).collect();
        assert_eq!(coupure_vue(&plates), 20);
    }
}
