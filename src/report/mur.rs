//! The wall plan: a one-page overview (people × days) and one sheet per person that can be handed
//! out (their week day by day: what, where, the bus or coach to take and when, their rdv; days
//! off, absences, holidays named). Built from the plan's items and the scenario.

use super::{Noms, date_longue};
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::{Absence, Jour, Mobilite, Scenario};
use crate::format::time::Plage;
use crate::format::time::fmt_hhmm;
use crate::model::{Facts, calendar, labour, presence};
use crate::texte::{fmt_h, fmt_num};
use chrono::{Datelike, NaiveDate};

/// One cell of the overview: a few short lines, and a CSS class for the day's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Short lines of the cell (chantier code and hours, or the day's state).
    pub lignes: Vec<String>,
    /// `travail`, `libre`, `absent`, `ferie`, `pmsmp`, `formation`.
    pub classe: &'static str,
}

/// One row of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneVue {
    /// The person's name (or pseudonym).
    pub nom: String,
    /// `S` (salarié·e) or `E` (encadrant·e).
    pub role: char,
    /// One cell per period day.
    pub jours: Vec<Case>,
}

/// One line of a person's day on their sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Activite {
    /// Item kind.
    pub type_: TypeAffectation,
    /// `07:00–10:30`, or `5,2 h` for a PMSMP day.
    pub horaire: String,
    /// Chantier's name, `RDV avec la CIP …`, atelier's theme, formation's title.
    pub quoi: String,
    /// The lieu's name (empty for a PMSMP day).
    pub lieu: String,
}

/// One day of a person's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct JourFiche {
    /// The day.
    pub date: NaiveDate,
    /// The day's state when it is not an ordinary working day (`Férié`, `Congé`, `Repos`...).
    pub etat: Option<String>,
    /// The day's items, in time order.
    pub activites: Vec<Activite>,
    /// Part-day absences (`Absent·e 14:00–17:00 (rendez-vous médical)`).
    pub absences: Vec<String>,
    /// How to get there and back, when the model knows (bus or coach, or on foot).
    pub aller: Option<String>,
    /// The way back, when the model knows (as `aller`).
    pub retour: Option<String>,
}

/// One person's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Fiche {
    /// The person's name (or pseudonym).
    pub nom: String,
    /// `Salarié·e — CDDI ACI 26 h` or `Encadrant·e — 35 h`.
    pub role: String,
    /// `24 h planifiées pour 26 h au contrat : 2 h de moins` and the like.
    pub heures: String,
    /// True when `heures` reports hours missing from a salarié·e's contract.
    pub manque: bool,
    /// One entry per period day.
    pub jours: Vec<JourFiche>,
}

/// The overview's code of the `k`-th chantier: `A` … `Z`, then `AA`, `AB`…
pub(crate) fn code_chantier(k: usize) -> String {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    if k < 26 {
        letter(k).to_string()
    } else {
        format!("{}{}", letter(k / 26 - 1), letter(k))
    }
}

/// The overview rows and the sheets, salarié·es then encadrant·es, in scenario order.
pub(crate) fn construire(
    sc: &Scenario,
    facts: &Facts,
    plan: &Plan,
    noms: &Noms,
    libelle: &dyn Fn(&Affectation) -> String,
) -> (Vec<LigneVue>, Vec<Fiche>) {
    let code = |a: &Affectation| -> String {
        a.chantier
            .as_deref()
            .and_then(|c| sc.chantiers.iter().position(|x| x.id == c))
            .map_or_else(|| libelle(a), code_chantier)
    };
    let mut vue = Vec::new();
    let mut fiches = Vec::new();
    let persons = sc
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| (Some(i), &s.id, &s.absences))
        .chain(sc.encadrants.iter().map(|e| (None, &e.id, &e.absences)));
    for (k, (sal, id, absences)) in persons.enumerate() {
        let items: Vec<&Affectation> = plan
            .affectations
            .iter()
            .filter(|a| a.personne == *id)
            .collect();
        let mut cases = Vec::new();
        let mut jours = Vec::new();
        for &d in &facts.days {
            let mut day: Vec<&Affectation> =
                items.iter().copied().filter(|a| a.date == d).collect();
            day.sort_by_key(|a| a.debut.map_or(0, |h| h.0));
            let etat = etat_du_jour(sc, sal, absences, d, !noms.pseudonymised());
            cases.push(case_du_jour(&day, etat.as_ref(), &code));
            let jour = JourPersonne {
                sc,
                facts,
                noms,
                sal,
                absences,
                d,
            };
            jours.push(jour.fiche(&day, etat, libelle));
        }
        let planned: f64 = items
            .iter()
            .filter(|a| facts.days.contains(&a.date))
            .map(|a| a.hours())
            .sum();
        let (role, contrat_h, target) = role_et_cible(sc, facts, sal, k);
        let (heures, manque) = heures_fiche(sc, planned, target, contrat_h, sal.is_some());
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

/// The overview's cell of a day: its items' short lines, or the day's state (`Libre` when
/// nothing else), with the CSS class.
fn case_du_jour(
    day: &[&Affectation],
    etat: Option<&(String, String, &'static str)>,
    code: &dyn Fn(&Affectation) -> String,
) -> Case {
    let (lignes, classe) = if day.is_empty() {
        let (court, classe) =
            etat.map_or(("Libre".to_owned(), "libre"), |(c, _, cl)| (c.clone(), *cl));
        (vec![court], classe)
    } else {
        let classe = if day.iter().any(|a| a.type_ == TypeAffectation::Pmsmp) {
            "pmsmp"
        } else if day.iter().all(|a| a.type_ == TypeAffectation::Formation) {
            "formation"
        } else {
            "travail"
        };
        (day.iter().map(|a| court(a, code)).collect(), classe)
    };
    Case { lignes, classe }
}

/// One person's day, for their sheet: the scenario, the person (`sal`: salarié·e index, `None`
/// for an encadrant·e) and their absences, the date.
struct JourPersonne<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    noms: &'a Noms,
    sal: Option<usize>,
    absences: &'a [Absence],
    d: NaiveDate,
}

impl JourPersonne<'_> {
    /// The sheet's entry for the day: its items (`day`, sorted), its state when it has none
    /// (`etat`, from [`etat_du_jour`]), the part-day absences and the way there and back.
    fn fiche(
        &self,
        day: &[&Affectation],
        etat: Option<(String, String, &'static str)>,
        libelle: &dyn Fn(&Affectation) -> String,
    ) -> JourFiche {
        let sc = self.sc;
        let activites: Vec<Activite> = day
            .iter()
            .map(|a| Activite {
                type_: a.type_,
                horaire: super::horaire(a),
                quoi: libelle(a),
                lieu: (a.lieu.as_deref())
                    .map(|l| super::semaine::lieu_nom(sc, l))
                    .unwrap_or_default(),
            })
            .collect();
        let (aller, retour) = match self.sal {
            Some(i) if !day.is_empty() => trajets(sc, self.facts, i, self.d, day),
            _ => (None, None),
        };
        JourFiche {
            date: self.d,
            etat: if day.is_empty() {
                Some(etat.map_or("Libre".to_owned(), |(_, long, _)| long))
            } else {
                None
            },
            activites,
            absences: self.partielles(),
            aller,
            retour,
        }
    }

    /// The part-day absences of the day: `Absent·e 14:00–17:00 (motif)`, the reason left out
    /// when names are pseudonymised.
    fn partielles(&self) -> Vec<String> {
        let d = self.d;
        self.absences
            .iter()
            .filter(|ab| couvre(ab, d) && ab.de.is_some())
            .map(|ab| {
                let motif = match (&ab.motif, self.noms.pseudonymised()) {
                    (Some(m), false) => format!(" ({m})"),
                    _ => String::new(),
                };
                format!(
                    "Absent·e {}–{}{motif}",
                    ab.de.map_or(String::new(), |h| h.to_string()),
                    ab.a.map_or(String::new(), |h| h.to_string())
                )
            })
            .collect()
    }
}

/// The `k`-th person's role line (`Salarié·e — CDDI ACI 26 h`, `Encadrant·e — 35 h`), weekly
/// contract hours and hours aimed at over the period (`sal`: salarié·e index, `None` for an
/// encadrant·e, whose index is `k` less the salarié·es).
fn role_et_cible(sc: &Scenario, facts: &Facts, sal: Option<usize>, k: usize) -> (String, f64, f64) {
    match sal {
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
    }
}

/// The sheet's hours line (`24 h planifiées pour 26 h au contrat sur la période : 2 h de
/// moins`) and whether it reports hours missing from a salarié·e's contract.
fn heures_fiche(
    sc: &Scenario,
    planned: f64,
    target: f64,
    contrat_h: f64,
    salarie: bool,
) -> (String, bool) {
    let diff = planned - target;
    let base = format!(
        "{} h planifiées pour {} h au contrat sur la période",
        fmt_h(planned),
        fmt_h(target)
    );
    if diff.abs() < 0.005 {
        (base, false)
    } else if diff > 0.0 {
        let mot = if labour::is_part_time(&sc.reglages, contrat_h) {
            "heures complémentaires"
        } else {
            "heures supplémentaires"
        };
        (format!("{base} : {} {mot}", fmt_h(diff)), false)
    } else if salarie {
        (format!("{base} : {} h de moins", fmt_h(-diff)), true)
    } else {
        // An encadrant·e's hours not planned are time available, not a shortfall.
        (format!("{base} : {} h disponibles", fmt_h(-diff)), false)
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
pub(crate) fn trajets(
    sc: &Scenario,
    facts: &Facts,
    i: usize,
    d: NaiveDate,
    day: &[&Affectation],
) -> (Option<String>, Option<String>) {
    match Trajets::of(sc, facts, i, d, day) {
        Some(t) => (t.aller(), t.retour()),
        None => (None, None),
    }
}

/// A salarié·e's commute of a day: home, the first place and its start, the last place and its
/// end (minutes), as [`trajets`] tells it.
struct Trajets<'a> {
    facts: &'a Facts,
    /// The salarié·e's index.
    i: usize,
    jour: Jour,
    home: usize,
    p0: usize,
    start: u32,
    p1: usize,
    end: u32,
    /// Comes by public transport (else on foot).
    transit: bool,
    journee: Plage,
}

/// A direct course of the network: its line's name, boarded at node `monte` at `depart`, left
/// at node `descend` at `arrivee` (minutes).
struct Course<'n> {
    nom: &'n str,
    monte: usize,
    depart: u32,
    descend: usize,
    arrivee: u32,
}

impl<'a> Trajets<'a> {
    /// The day's commute of salarié·e `i`; `None` when they come on their own, have no known
    /// home or the day has no timed item at a known place.
    fn of(
        sc: &Scenario,
        facts: &'a Facts,
        i: usize,
        d: NaiveDate,
        day: &[&Affectation],
    ) -> Option<Self> {
        let s = &sc.salaries[i];
        if s.mobilite == Mobilite::Autonome {
            return None;
        }
        let places = &facts.places;
        let home = s.domicile.as_deref().and_then(|h| places.idx(h))?;
        let timed: Vec<&&Affectation> = day.iter().filter(|a| a.debut.is_some()).collect();
        let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
            return None;
        };
        let (Some(p0), Some(start)) = (
            first.lieu.as_deref().and_then(|l| places.idx(l)),
            first.debut.map(|h| h.0),
        ) else {
            return None;
        };
        let (Some(p1), Some(end)) = (
            last.lieu.as_deref().and_then(|l| places.idx(l)),
            last.fin.map(|h| h.0),
        ) else {
            return None;
        };
        Some(Trajets {
            facts,
            i,
            jour: calendar::jour(d),
            home,
            p0,
            start,
            p1,
            end,
            transit: s.mobilite == Mobilite::Transports,
            journee: sc.reglages.journee,
        })
    }

    /// Without a journey to tell (none found), the commute model's earliest arrival and latest
    /// departure at place `p`.
    fn fenetre(&self, p: usize) -> Option<(u32, u32)> {
        self.facts.commute[self.i]
            .as_ref()
            .and_then(|t| t.window(self.jour, p))
    }

    /// The name of a node of the network (a lieu or a stop).
    fn nom_lieu(&self, p: usize) -> String {
        self.facts.network.nom(p).to_owned()
    }

    /// Every ride of a direct course of the day, boarded before it is left. Courses of
    /// `transports` and of the GTFS feed alike, boarded and left at lieux or stops.
    fn rides(&self) -> impl Iterator<Item = Course<'a>> + 'a {
        let net = &self.facts.network;
        net.courses(self.jour).flat_map(|(nom, c)| {
            c.iter().enumerate().flat_map(move |(bi, sb)| {
                c[bi + 1..].iter().filter_map(move |sa| {
                    let ((monte, Some(depart)), (descend, Some(arrivee))) =
                        ((sb.node, sb.dep), (sa.node, sa.arr))
                    else {
                        return None;
                    };
                    Some(Course {
                        nom,
                        monte,
                        depart,
                        descend,
                        arrivee,
                    })
                })
            })
        })
    }

    /// Going: the direct course arriving latest while in time (by transport only), with the
    /// arrival at the first place and the time to leave home.
    fn course_aller(&self) -> Option<(u32, Course<'a>, u32)> {
        let net = &self.facts.network;
        let mut best: Option<(u32, Course<'a>, u32)> = None;
        if !self.transit {
            return best;
        }
        for c in self.rides() {
            let Some(wh) = net.walk(self.home, c.monte) else {
                continue;
            };
            let Some(wp) = net.walk(c.descend, self.p0) else {
                continue;
            };
            let arrive = c.arrivee + wp;
            if c.depart < self.journee.debut + wh || arrive > self.start {
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|b| (b.0, b.1.depart) < (arrive, c.depart))
            {
                let leave = c.depart - wh;
                best = Some((arrive, c, leave));
            }
        }
        best
    }

    /// The way there, in French: on foot, a direct course, a journey with changes, or the
    /// earliest arrival the commute model computes.
    fn aller(&self) -> Option<String> {
        let best = self.course_aller();
        let walk_home_to = self.facts.places.walk_between(self.home, self.p0);
        let (start, journee) = (self.start, self.journee);
        match (best, walk_home_to) {
            (_, Some(w)) if w <= 30 || !self.transit => Some(format!(
                "À pied : partir à {}",
                fmt_hhmm(start.saturating_sub(w))
            )),
            (Some((_, c, leave)), _) => Some(format!(
                "{} : départ {} à {}{}, descendre à {} à {}",
                c.nom,
                self.nom_lieu(c.monte),
                fmt_hhmm(c.depart),
                if leave < c.depart {
                    format!(" (partir de chez soi à {})", fmt_hhmm(leave))
                } else {
                    String::new()
                },
                self.nom_lieu(c.descend),
                fmt_hhmm(c.arrivee)
            )),
            _ => {
                let net = &self.facts.network;
                let j = net.journey_by(
                    self.home,
                    self.p0,
                    self.jour,
                    journee.debut,
                    start,
                    self.transit,
                );
                match j {
                    Some(j) if !j.legs.is_empty() => Some(format!(
                        "Avec correspondance : partir de chez soi à {} ; {}",
                        fmt_hhmm(j.partir),
                        etapes(net, &j.legs)
                    )),
                    _ => self.fenetre(self.p0).map(|(arr, _)| {
                        format!(
                            "Transports en commun avec correspondance : arrivée possible dès {}",
                            fmt_hhmm(arr)
                        )
                    }),
                }
            }
        }
    }

    /// Coming back: the direct course leaving earliest after the end (by transport only), with
    /// the time home.
    fn course_retour(&self) -> Option<(Course<'a>, u32)> {
        let net = &self.facts.network;
        let mut best: Option<(Course<'a>, u32)> = None;
        if !self.transit {
            return best;
        }
        for c in self.rides() {
            let Some(wp) = net.walk(self.p1, c.monte) else {
                continue;
            };
            let Some(wh) = net.walk(c.descend, self.home) else {
                continue;
            };
            if c.depart < self.end + wp || c.arrivee + wh > self.journee.fin {
                continue;
            }
            if best.as_ref().is_none_or(|b| c.depart < b.0.depart) {
                let home_at = c.arrivee + wh;
                best = Some((c, home_at));
            }
        }
        best
    }

    /// The way back, in French: on foot, a direct course, a journey with changes, or the latest
    /// departure the commute model computes.
    fn retour(&self) -> Option<String> {
        let best = self.course_retour();
        let walk_back = self.facts.places.walk_between(self.p1, self.home);
        let (end, journee) = (self.end, self.journee);
        match (best, walk_back) {
            (_, Some(w)) if w <= 30 || !self.transit => Some(format!(
                "À pied : retour chez soi vers {}",
                fmt_hhmm(end + w)
            )),
            (Some((c, home_at)), _) => Some(format!(
                "{} : départ {} à {}, retour chez soi vers {}",
                c.nom,
                self.nom_lieu(c.monte),
                fmt_hhmm(c.depart),
                fmt_hhmm(home_at)
            )),
            _ => {
                let net = &self.facts.network;
                let j = net
                    .journey(self.p1, self.home, self.jour, end)
                    .filter(|j| self.transit && j.arrivee <= journee.fin);
                match j {
                    Some(j) if !j.legs.is_empty() => Some(format!(
                        "Avec correspondance : {} ; retour chez soi vers {}",
                        etapes(net, &j.legs),
                        fmt_hhmm(j.arrivee)
                    )),
                    _ => self.fenetre(self.p1).map(|(_, dep)| {
                        format!(
                            "Transports en commun avec correspondance : dernier départ possible à {}",
                            fmt_hhmm(dep)
                        )
                    }),
                }
            }
        }
    }
}

/// The rides of a journey with a change: `Bus 3 : monter à Quartier Ouest à 06:50, descendre à
/// Locaux de la régie à 07:16 ; changer pour Bus 5 : monter à …`.
fn etapes(net: &crate::model::commute::Network, legs: &[crate::model::commute::Leg]) -> String {
    legs.iter()
        .enumerate()
        .map(|(k, l)| {
            format!(
                "{}{} : monter à {} à {}, descendre à {} à {}",
                if k == 0 { "" } else { "changer pour " },
                l.ligne,
                net.nom(l.monter),
                fmt_hhmm(l.depart),
                net.nom(l.descendre),
                fmt_hhmm(l.arrivee)
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// `lundi 30 novembre` for a sheet's day heading.
pub(crate) fn titre_jour(d: NaiveDate) -> String {
    let s = date_longue(d);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}
