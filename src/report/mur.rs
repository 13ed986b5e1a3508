//! The wall plan: a one-page overview (people × days) and one sheet per person that can be handed
//! out (their week day by day: what, where, the bus or coach to take and when, their rdv; days
//! off, absences, holidays named). Built from the plan's items and the scenario.

use super::{Noms, date_longue};
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::{Absence, Jour, Mobilite, Scenario};
use crate::format::time::fmt_hhmm;
use crate::model::{Facts, calendar, labour, presence};
use crate::texte::{fmt_h, fmt_num};
use chrono::{Datelike, NaiveDate};

/// One cell of the overview: a few short lines, and a CSS class for the day's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub lignes: Vec<String>,
    /// `travail`, `libre`, `absent`, `ferie`, `pmsmp`, `formation`.
    pub classe: &'static str,
}

/// One row of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneVue {
    pub nom: String,
    /// `S` (salarié·e) or `E` (encadrant·e).
    pub role: char,
    pub jours: Vec<Case>,
}

/// One line of a person's day on their sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Activite {
    pub type_: TypeAffectation,
    /// `07:00–10:30`, or `5,2 h` for a PMSMP day.
    pub horaire: String,
    pub quoi: String,
    /// The lieu's name (empty for a PMSMP day).
    pub lieu: String,
}

/// One day of a person's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct JourFiche {
    pub date: NaiveDate,
    /// The day's state when it is not an ordinary working day (`Férié`, `Congé`, `Repos`...).
    pub etat: Option<String>,
    pub activites: Vec<Activite>,
    /// Part-day absences (`Absent·e 14:00–17:00 (rendez-vous médical)`).
    pub absences: Vec<String>,
    /// How to get there and back, when the model knows (bus or coach, or on foot).
    pub aller: Option<String>,
    pub retour: Option<String>,
}

/// One person's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Fiche {
    pub nom: String,
    /// `Salarié·e — CDDI ACI 26 h` or `Encadrant·e — 35 h`.
    pub role: String,
    /// `24 h planifiées pour 26 h au contrat : 2 h de moins` and the like.
    pub heures: String,
    /// True when `heures` reports hours missing from a salarié·e's contract.
    pub manque: bool,
    pub jours: Vec<JourFiche>,
}

/// The overview's code of the `k`-th chantier: `A` … `Z`, then `AA`, `AB`…
pub fn code_chantier(k: usize) -> String {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    if k < 26 {
        letter(k).to_string()
    } else {
        format!("{}{}", letter(k / 26 - 1), letter(k))
    }
}

/// The overview rows and the sheets, salarié·es then encadrant·es, in scenario order.
pub fn construire(
    sc: &Scenario,
    facts: &Facts,
    plan: &Plan,
    noms: &Noms,
    libelle: &dyn Fn(&Affectation) -> String,
) -> (Vec<LigneVue>, Vec<Fiche>) {
    let mur = Mur {
        sc,
        facts,
        noms,
        libelle,
    };
    let persons = sc
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| (Some(i), &s.id, &s.absences))
        .chain(sc.encadrants.iter().map(|e| (None, &e.id, &e.absences)));
    let mut vue = Vec::new();
    let mut fiches = Vec::new();
    for (k, (sal, id, absences)) in persons.enumerate() {
        let items: Vec<&Affectation> = plan
            .affectations
            .iter()
            .filter(|a| a.personne == *id)
            .collect();
        let mut cases = Vec::new();
        let mut jours = Vec::new();
        for &d in &facts.days {
            let (case, jour) = mur.jour(sal, absences, &items, d);
            cases.push(case);
            jours.push(jour);
        }
        let planned: f64 = items
            .iter()
            .filter(|a| facts.days.contains(&a.date))
            .map(|a| a.hours())
            .sum();
        let (role, heures, manque) = mur.heures(sal, k, planned);
        vue.push(LigneVue {
            nom: noms.of(id),
            role: if sal.is_some() { 'S' } else { 'E' },
            jours: cases,
        });
        fiches.push(Fiche {
            nom: noms.of(id),
            role,
            heures,
            manque,
            jours,
        });
    }
    (vue, fiches)
}

/// What the overview and the sheets of one plan are drawn from.
struct Mur<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    noms: &'a Noms,
    libelle: &'a dyn Fn(&Affectation) -> String,
}

impl Mur<'_> {
    /// A chantier item's short code, or its label.
    fn code(&self, a: &Affectation) -> String {
        a.chantier
            .as_deref()
            .and_then(|c| self.sc.chantiers.iter().position(|x| x.id == c))
            .map_or_else(|| (self.libelle)(a), code_chantier)
    }

    fn lieu_nom(&self, id: &str) -> String {
        self.sc
            .lieux
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| l.nom.clone())
            .unwrap_or_else(|| id.to_owned())
    }

    /// One person's day `d`: the overview's cell and the sheet's day. `sal`: the salarié·e's
    /// index (`None` for an encadrant·e); `items`: the person's items.
    fn jour(
        &self,
        sal: Option<usize>,
        absences: &[Absence],
        items: &[&Affectation],
        d: NaiveDate,
    ) -> (Case, JourFiche) {
        let (sc, facts, noms, libelle) = (self.sc, self.facts, self.noms, self.libelle);
        let code = |a: &Affectation| self.code(a);
        let lieu_nom = |id: &str| self.lieu_nom(id);
        let mut day: Vec<&Affectation> = items.iter().copied().filter(|a| a.date == d).collect();
        day.sort_by_key(|a| a.debut.map_or(0, |h| h.0));
        let etat = etat_du_jour(sc, sal, absences, d, !noms.pseudonymised());
        let (lignes, classe) = if day.is_empty() {
            let (court, classe) = etat
                .as_ref()
                .map_or(("Libre".to_owned(), "libre"), |(c, _, cl)| (c.clone(), *cl));
            (vec![court], classe)
        } else {
            let classe = if day.iter().any(|a| a.type_ == TypeAffectation::Pmsmp) {
                "pmsmp"
            } else if day.iter().all(|a| a.type_ == TypeAffectation::Formation) {
                "formation"
            } else {
                "travail"
            };
            (day.iter().map(|a| court(a, &code)).collect(), classe)
        };
        let activites: Vec<Activite> = day
            .iter()
            .map(|a| Activite {
                type_: a.type_,
                horaire: super::horaire(a),
                quoi: libelle(a),
                lieu: a.lieu.as_deref().map(&lieu_nom).unwrap_or_default(),
            })
            .collect();
        let partielles: Vec<String> = absences
            .iter()
            .filter(|ab| couvre(ab, d) && ab.de.is_some())
            .map(|ab| {
                let motif = match (&ab.motif, noms.pseudonymised()) {
                    (Some(m), false) => format!(" ({m})"),
                    _ => String::new(),
                };
                format!(
                    "Absent·e {}–{}{motif}",
                    ab.de.map_or(String::new(), |h| h.to_string()),
                    ab.a.map_or(String::new(), |h| h.to_string())
                )
            })
            .collect();
        let (aller, retour) = match sal {
            Some(i) if !day.is_empty() => trajets(sc, facts, i, d, &day),
            _ => (None, None),
        };
        let jour = JourFiche {
            date: d,
            etat: if day.is_empty() {
                Some(etat.map_or("Libre".to_owned(), |(_, long, _)| long))
            } else {
                None
            },
            activites,
            absences: partielles,
            aller,
            retour,
        };
        (Case { lignes, classe }, jour)
    }

    /// A sheet's role, hours line and whether the hours fall short: `sal` is the salarié·e's
    /// index, `k` the person's rank (salarié·es then encadrant·es).
    fn heures(&self, sal: Option<usize>, k: usize, planned: f64) -> (String, String, bool) {
        let (sc, facts) = (self.sc, self.facts);
        let (role, contrat_h, target) = match sal {
            Some(i) => {
                let s = &sc.salaries[i];
                let contrat = match s.contrat.type_ {
                    crate::format::scenario::TypeContrat::CddiAci => "CDDI ACI",
                    crate::format::scenario::TypeContrat::CddiEi => "CDDI EI",
                    crate::format::scenario::TypeContrat::CdiInclusion => "CDI inclusion",
                    crate::format::scenario::TypeContrat::Autre => "contrat",
                };
                (
                    format!(
                        "Salarié·e — {contrat} {} h",
                        fmt_num(s.contrat.heures_hebdo)
                    ),
                    s.contrat.heures_hebdo,
                    facts
                        .salarie_weeks
                        .get(i)
                        .map_or(0.0, |w| w.iter().map(|w| w.target).sum::<f64>()),
                )
            }
            None => {
                let e = k - sc.salaries.len();
                let enc = &sc.encadrants[e];
                (
                    format!("Encadrant·e — {} h", fmt_num(enc.heures_hebdo)),
                    enc.heures_hebdo,
                    facts
                        .encadrant_weeks
                        .get(e)
                        .map_or(0.0, |w| w.iter().map(|w| w.target).sum::<f64>()),
                )
            }
        };
        let diff = planned - target;
        let base = format!(
            "{} h planifiées pour {} h au contrat sur la période",
            fmt_h(planned),
            fmt_h(target)
        );
        let (heures, manque) = if diff.abs() < 0.005 {
            (base, false)
        } else if diff > 0.0 {
            let mot = if labour::is_part_time(&sc.reglages, contrat_h) {
                "heures complémentaires"
            } else {
                "heures supplémentaires"
            };
            (format!("{base} : {} {mot}", fmt_h(diff)), false)
        } else if sal.is_some() {
            (format!("{base} : {} h de moins", fmt_h(-diff)), true)
        } else {
            // An encadrant·e's hours not planned are time available, not a shortfall.
            (format!("{base} : {} h disponibles", fmt_h(-diff)), false)
        };
        (role, heures, manque)
    }
}

fn couvre(ab: &Absence, d: NaiveDate) -> bool {
    match (ab.date, ab.du, ab.au) {
        (Some(x), _, _) => x == d,
        (None, Some(a), Some(b)) => a <= d && d <= b,
        _ => false,
    }
}

/// The state of a day without items: (short label for the wall, label for the person's own
/// sheet, CSS class). `None`: an ordinary working day left free. Absence reasons (often health)
/// are never on the wall; the person's own sheet shows them when `motifs` is true.
fn etat_du_jour(
    sc: &Scenario,
    sal: Option<usize>,
    absences: &[Absence],
    d: NaiveDate,
    motifs: bool,
) -> Option<(String, String, &'static str)> {
    if calendar::is_holiday(sc, d) {
        return Some(("Férié".into(), "Jour férié".into(), "ferie"));
    }
    if let Some(i) = sal
        && !sc.salaries[i].contrat.covers(d)
    {
        return Some(("Hors contrat".into(), "Hors contrat".into(), "libre"));
    }
    if presence::absent_all_day(absences, d) {
        let motif = absences
            .iter()
            .find(|ab| couvre(ab, d) && ab.de.is_none())
            .and_then(|ab| ab.motif.clone());
        let conge = motif
            .as_deref()
            .is_some_and(|m| m.trim().to_lowercase().starts_with("cong"));
        let court = if conge { "Congé" } else { "Absent·e" };
        let long = match (motif, motifs) {
            (Some(m), true) => format!("{court} ({m})"),
            _ => court.to_owned(),
        };
        return Some((court.to_owned(), long, "absent"));
    }
    if d.weekday().num_days_from_monday() >= sc.reglages.jours_semaine {
        return Some(("Repos".into(), "Repos".into(), "libre"));
    }
    None
}

/// A short line of the overview: `A 06:30` (the chantier's code), `RDV 14:00`, `At. 09:30`,
/// `Form. 08:30`, `PMSMP`.
fn court(a: &Affectation, code: &dyn Fn(&Affectation) -> String) -> String {
    let debut = a.debut.map(|h| format!(" {h}")).unwrap_or_default();
    match a.type_ {
        TypeAffectation::Pmsmp => "PMSMP".to_owned(),
        TypeAffectation::RdvCip => format!("RDV{debut}"),
        TypeAffectation::Atelier => format!("At.{debut}"),
        TypeAffectation::Formation => format!("Form.{debut}"),
        TypeAffectation::Production | TypeAffectation::Encadrement => format!("{}{debut}", code(a)),
    }
}

/// How salarié·e `i` gets to the day's first place and home from the last one, when the model
/// knows: a direct bus or coach course (the latest that arrives in time, the earliest that leaves
/// after the end), else on foot (`marche`, or a walk of at most 30 minutes), else the earliest
/// arrival / latest departure the commute model computes (with changes).
fn trajets(
    sc: &Scenario,
    facts: &Facts,
    i: usize,
    d: NaiveDate,
    day: &[&Affectation],
) -> (Option<String>, Option<String>) {
    let s = &sc.salaries[i];
    if s.mobilite == Mobilite::Autonome {
        return (None, None);
    }
    let places = &facts.places;
    let Some(home) = s.domicile.as_deref().and_then(|h| places.idx(h)) else {
        return (None, None);
    };
    let timed: Vec<&&Affectation> = day.iter().filter(|a| a.debut.is_some()).collect();
    let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
        return (None, None);
    };
    let (Some(p0), Some(start)) = (
        first.lieu.as_deref().and_then(|l| places.idx(l)),
        first.debut.map(|h| h.0),
    ) else {
        return (None, None);
    };
    let (Some(p1), Some(end)) = (
        last.lieu.as_deref().and_then(|l| places.idx(l)),
        last.fin.map(|h| h.0),
    ) else {
        return (None, None);
    };
    let jour = calendar::jour(d);
    let t = Trajets {
        sc,
        facts,
        i,
        jour,
        home,
        transit: s.mobilite == Mobilite::Transports,
        courses: courses_du_jour(sc, places, jour),
    };
    (t.aller(p0, start), t.retour(p1, end))
}

/// The courses of every line that run on `jour`: (line name, (place, time) of each stop).
fn courses_du_jour(
    sc: &Scenario,
    places: &crate::model::places::Places,
    jour: Jour,
) -> Vec<(String, Vec<(usize, u32)>)> {
    sc.transports
        .iter()
        .flat_map(|l| {
            let nom = l.nom.clone().unwrap_or_else(|| l.id.clone());
            l.courses
                .iter()
                .filter(|c| c.jours.contains(&jour))
                .map(move |c| {
                    (
                        nom.clone(),
                        c.passages
                            .iter()
                            .filter_map(|(lieu, h)| Some((places.idx(lieu)?, h.0)))
                            .collect(),
                    )
                })
        })
        .collect()
}

/// One salarié·e's day: how to get to the first place and home from the last.
struct Trajets<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    /// The salarié·e's index.
    i: usize,
    jour: Jour,
    home: usize,
    transit: bool,
    courses: Vec<(String, Vec<(usize, u32)>)>,
}

impl Trajets<'_> {
    fn nom_lieu(&self, p: usize) -> String {
        let id = self.facts.places.ids.get(p).cloned().unwrap_or_default();
        self.sc
            .lieux
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| l.nom.clone())
            .unwrap_or(id)
    }

    /// Going to `p0` for `start`: the course arriving latest while in time.
    fn aller(&self, p0: usize, start: u32) -> Option<String> {
        let (sc, facts, places, i, jour, home, transit) = (
            self.sc,
            self.facts,
            &self.facts.places,
            self.i,
            self.jour,
            self.home,
            self.transit,
        );
        let (courses, journee) = (&self.courses, sc.reglages.journee);
        let nom_lieu = |p: usize| self.nom_lieu(p);
        let walk_home_to = places.walk_between(home, p0);
        let mut best: Option<(u32, u32, String, usize, u32, usize, u32)> = None;
        if transit {
            for (nom, c) in courses {
                for (bi, &(pb, tb)) in c.iter().enumerate() {
                    let Some(wh) = places.walk_between(home, pb) else {
                        continue;
                    };
                    if tb < journee.debut + wh {
                        continue;
                    }
                    for &(pa, ta) in &c[bi + 1..] {
                        let Some(wp) = places.walk_between(pa, p0) else {
                            continue;
                        };
                        let arrive = ta + wp;
                        if arrive > start {
                            continue;
                        }
                        let key = (arrive, tb);
                        if best.as_ref().is_none_or(|b| (b.0, b.1) < key) {
                            best = Some((arrive, tb, nom.clone(), pb, tb - wh, pa, ta));
                        }
                    }
                }
            }
        }
        match (best, walk_home_to) {
            (_, Some(w)) if w <= 30 || !transit => Some(format!(
                "À pied : partir à {}",
                fmt_hhmm(start.saturating_sub(w))
            )),
            (Some((_, tb, nom, pb, leave, pa, ta)), _) => Some(format!(
                "{nom} : départ {} à {}{}, descendre à {} à {}",
                nom_lieu(pb),
                fmt_hhmm(tb),
                if leave < tb {
                    format!(" (partir de chez soi à {})", fmt_hhmm(leave))
                } else {
                    String::new()
                },
                nom_lieu(pa),
                fmt_hhmm(ta)
            )),
            _ => facts.commute[i]
                .as_ref()
                .and_then(|t| t.window(jour, p0))
                .map(|(arr, _)| {
                    format!(
                        "Transports en commun avec correspondance : arrivée possible dès {}",
                        fmt_hhmm(arr)
                    )
                }),
        }
    }

    /// Coming back from `p1` after `end`: the course leaving earliest after the end.
    fn retour(&self, p1: usize, end: u32) -> Option<String> {
        let (sc, facts, places, i, jour, home, transit) = (
            self.sc,
            self.facts,
            &self.facts.places,
            self.i,
            self.jour,
            self.home,
            self.transit,
        );
        let (courses, journee) = (&self.courses, sc.reglages.journee);
        let nom_lieu = |p: usize| self.nom_lieu(p);
        let walk_back = places.walk_between(p1, home);
        let mut best: Option<(u32, String, usize, u32, usize, u32)> = None;
        if transit {
            for (nom, c) in courses {
                for (bi, &(pb, tb)) in c.iter().enumerate() {
                    let Some(wp) = places.walk_between(p1, pb) else {
                        continue;
                    };
                    if tb < end + wp {
                        continue;
                    }
                    for &(pa, ta) in &c[bi + 1..] {
                        let Some(wh) = places.walk_between(pa, home) else {
                            continue;
                        };
                        if ta + wh > journee.fin {
                            continue;
                        }
                        if best.as_ref().is_none_or(|b| tb < b.0) {
                            best = Some((tb, nom.clone(), pb, tb, pa, ta + wh));
                        }
                    }
                }
            }
        }
        match (best, walk_back) {
            (_, Some(w)) if w <= 30 || !transit => Some(format!(
                "À pied : retour chez soi vers {}",
                fmt_hhmm(end + w)
            )),
            (Some((_, nom, pb, tb, _, home_at)), _) => Some(format!(
                "{nom} : départ {} à {}, retour chez soi vers {}",
                nom_lieu(pb),
                fmt_hhmm(tb),
                fmt_hhmm(home_at)
            )),
            _ => facts.commute[i]
                .as_ref()
                .and_then(|t| t.window(jour, p1))
                .map(|(_, dep)| {
                    format!(
                        "Transports en commun avec correspondance : dernier départ possible à {}",
                        fmt_hhmm(dep)
                    )
                }),
        }
    }
}

/// `lundi 30 novembre` for a sheet's day heading.
pub fn titre_jour(d: NaiveDate) -> String {
    let s = date_longue(d);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}
