//! iCalendar files (`--ics DOSSIER`, docs/rapports.md): one per salarié·e and encadrant·e (their
//! items: what, where, the chantier, the CIP, and on the day's first and last items the bus to
//! take there and back) and one per CIP (their rdv, with the salarié·e's name). Built with the
//! `icalendar` crate.
//!
//! Deterministic: the same plan gives the same bytes. `DTSTAMP` is the first day of the period
//! at 00:00 UTC (never the clock); `UID` is built from the item (person, date, start, kind,
//! what), so importing the same week again updates its events instead of doubling them. Times
//! are floating local times (the phone's own time zone, which is the régie's).

use super::mur;
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::fmt_hhmm;
use crate::model::Facts;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use icalendar::{Calendar, Component, Event, EventLike};
use std::collections::{BTreeMap, BTreeSet};

/// One calendar file: its name in the folder and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fichier {
    /// File name in the folder (`salarie-ID.ics`...).
    pub nom: String,
    /// iCalendar text (RFC 5545).
    pub texte: String,
}

/// A file name from an id: letters, digits, `-`, `_` and `.` kept (accents too), anything else
/// (a `/`, a space) replaced by `_`; never empty, never starting with a dot.
fn nom_fichier(prefixe: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() {
        format!("{prefixe}-_.ics")
    } else {
        format!("{prefixe}-{safe}.ics")
    }
}

/// The names an item's calendar entry shows: people and CIPs as every report shows them
/// ([`super::Noms`], never pseudonymised here), lieux and chantiers as the weekly plan does.
struct Noms<'a> {
    sc: &'a Scenario,
    gens: super::Noms,
}

impl Noms<'_> {
    fn lieu(&self, id: &str) -> String {
        super::semaine::lieu_nom(self.sc, id)
    }
    fn chantier(&self, id: &str) -> String {
        super::semaine::chantier_nom(self.sc, id)
    }
    fn cip(&self, id: &str) -> String {
        self.gens.of(id)
    }
    fn personne(&self, id: &str) -> String {
        self.gens.of(id)
    }
    fn atelier(&self, id: &str) -> String {
        self.sc
            .ateliers
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| a.theme.clone())
    }
    fn formation(&self, id: &str) -> String {
        self.sc
            .formations
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.intitule.clone())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The title of an item in its person's calendar.
fn titre(n: &Noms, a: &Affectation) -> String {
    let ou =
        |x: &Option<String>, f: &dyn Fn(&str) -> String| x.as_deref().map(f).unwrap_or_default();
    match a.type_ {
        TypeAffectation::Production => ou(&a.chantier, &|c| n.chantier(c)),
        TypeAffectation::Encadrement => {
            format!("Encadrement : {}", ou(&a.chantier, &|c| n.chantier(c)))
        }
        TypeAffectation::RdvCip => format!("Rendez-vous CIP : {}", ou(&a.cip, &|c| n.cip(c))),
        TypeAffectation::Atelier => format!("Atelier : {}", ou(&a.atelier, &|c| n.atelier(c))),
        TypeAffectation::Formation => {
            format!("Formation : {}", ou(&a.formation, &|c| n.formation(c)))
        }
        TypeAffectation::Pmsmp => "PMSMP (stage en entreprise)".to_owned(),
    }
}

/// A stable id for an item, seen from `vu_par` (the person, or the CIP).
fn uid(sc: &Scenario, vu_par: &str, a: &Affectation) -> String {
    let quoi = [&a.chantier, &a.cip, &a.atelier, &a.formation]
        .iter()
        .find_map(|x| x.as_deref())
        .unwrap_or("");
    let debut = a
        .debut
        .map_or("jour".to_owned(), |h| fmt_hhmm(h.0).replace(':', ""));
    let regie: String = sc
        .regie
        .nom
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "{vu_par}/{}/{debut}/{}/{quoi}/{}@{regie}.regie-planner",
        a.date.format("%Y%m%d"),
        a.type_.code(),
        a.personne
    )
}

fn at(d: NaiveDate, minutes: u32) -> NaiveDateTime {
    let t = NaiveTime::from_num_seconds_from_midnight_opt(minutes.min(24 * 60 - 1) * 60, 0)
        .unwrap_or(NaiveTime::MIN);
    d.and_time(t)
}

/// An event for item `a` with its description lines.
fn event(sc: &Scenario, vu_par: &str, a: &Affectation, summary: &str, lignes: &[String]) -> Event {
    let n = Noms {
        sc,
        gens: super::Noms::new(sc, false),
    };
    let mut ev = Event::new();
    ev.uid(&uid(sc, vu_par, a))
        .timestamp(sc.periode.debut.and_time(NaiveTime::MIN).and_utc())
        .summary(summary);
    if let Some(l) = &a.lieu {
        ev.location(&n.lieu(l));
    }
    if !lignes.is_empty() {
        ev.description(&lignes.join("\n"));
    }
    match (a.debut, a.fin) {
        (Some(d), Some(f)) => {
            ev.starts(at(a.date, d.0)).ends(at(a.date, f.0));
        }
        _ => {
            ev.starts(a.date).ends(a.date.succ_opt().unwrap_or(a.date));
        }
    }
    ev.done()
}

fn calendrier(nom: &str, events: Vec<Event>) -> String {
    let mut cal = Calendar::new();
    cal.name(nom);
    for e in events {
        cal.push(e);
    }
    cal.done().to_string()
}

/// The names of the calendar files of a scenario, in the order of [`calendriers`]
/// (`salarie-ID.ics`, `encadrant-ID.ics`, `cip-ID.ics`; a suffix `-2`… when two ids give the
/// same name). They depend on the scenario only, so a command checks them before solving.
pub(crate) fn noms_fichiers(sc: &Scenario) -> Vec<String> {
    let ids = (sc.salaries.iter().map(|s| ("salarie", s.id.as_str())))
        .chain(sc.encadrants.iter().map(|e| ("encadrant", e.id.as_str())))
        .chain(sc.cips.iter().map(|c| ("cip", c.id.as_str())));
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for (prefixe, id) in ids {
        let mut nom = nom_fichier(prefixe, id);
        let mut k = 2;
        while !used.insert(nom.to_lowercase()) {
            nom = nom_fichier(prefixe, &format!("{id}-{k}"));
            k += 1;
        }
        out.push(nom);
    }
    out
}

/// The calendars of a plan: salarié·es, encadrant·es, then CIPs, in scenario order; the items of
/// each in date and start order.
pub fn calendriers(sc: &Scenario, facts: &Facts, plan: &Plan) -> Vec<Fichier> {
    let n = Noms {
        sc,
        gens: super::Noms::new(sc, false),
    };
    let semaine = format!("semaine du {}", super::date_longue(sc.periode.debut));
    let mut by_person: BTreeMap<&str, Vec<&Affectation>> = BTreeMap::new();
    for a in &plan.affectations {
        by_person.entry(a.personne.as_str()).or_default().push(a);
    }
    for items in by_person.values_mut() {
        items.sort_by_key(|a| (a.date, a.debut.map_or(0, |h| h.0)));
    }
    let mut noms = noms_fichiers(sc).into_iter();
    let mut out = Vec::new();
    let mut push = |texte: String| {
        if let Some(nom) = noms.next() {
            out.push(Fichier { nom, texte });
        }
    };
    let persons = sc
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| (Some(i), s.id.as_str()))
        .chain(sc.encadrants.iter().map(|e| (None, e.id.as_str())));
    for (sal, id) in persons {
        let items = by_person.get(id).map(Vec::as_slice).unwrap_or_default();
        let mut events = Vec::new();
        for a in items {
            let day: Vec<&Affectation> =
                items.iter().copied().filter(|x| x.date == a.date).collect();
            let timed: Vec<&&Affectation> = day.iter().filter(|x| x.debut.is_some()).collect();
            let first = timed.first().is_some_and(|x| std::ptr::eq(**x, *a));
            let last = timed.last().is_some_and(|x| std::ptr::eq(**x, *a));
            let mut lignes = Vec::new();
            if let Some(c) = &a.chantier {
                let ch = sc.chantiers.iter().find(|x| &x.id == c);
                lignes.push(format!("Chantier : {}", n.chantier(c)));
                if let Some(client) = ch.and_then(|x| x.client.as_deref()) {
                    lignes.push(format!("Client : {client}"));
                }
            }
            if let Some(c) = &a.cip {
                lignes.push(format!("CIP : {}", n.cip(c)));
            }
            if let (Some(i), true) = (sal, first || last) {
                let (aller, retour) = mur::trajets(sc, facts, i, a.date, &day);
                if let (true, Some(x)) = (first, aller) {
                    lignes.push(format!("Aller : {x}"));
                }
                if let (true, Some(x)) = (last, retour) {
                    lignes.push(format!("Retour : {x}"));
                }
            }
            events.push(event(sc, id, a, &titre(&n, a), &lignes));
        }
        let nom = format!("{} — {semaine}", n.personne(id));
        push(calendrier(&nom, events));
    }
    for c in &sc.cips {
        let mut rdv: Vec<&Affectation> = plan
            .affectations
            .iter()
            .filter(|a| a.type_ == TypeAffectation::RdvCip && a.cip.as_deref() == Some(&c.id))
            .collect();
        rdv.sort_by_key(|a| (a.date, a.debut.map_or(0, |h| h.0), a.personne.as_str()));
        let events = rdv
            .iter()
            .map(|a| {
                let qui = n.personne(&a.personne);
                event(
                    sc,
                    &c.id,
                    a,
                    &format!("Rendez-vous avec {qui}"),
                    &[format!("Salarié·e : {qui} ({})", a.personne)],
                )
            })
            .collect();
        let nom = format!("{} (CIP) — {semaine}", n.cip(&c.id));
        push(calendrier(&nom, events));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_never_empty() {
        assert_eq!(nom_fichier("salarie", "s01"), "salarie-s01.ics");
        assert_eq!(nom_fichier("cip", "../x y"), "cip-_x_y.ics");
        assert_eq!(nom_fichier("cip", "..."), "cip-_.ics");
        assert_eq!(nom_fichier("salarie", "Zoé"), "salarie-Zoé.ics");
    }
}
