//! Coherence of a scenario with its derived facts (docs/validation.md): the checks that need the
//! period's days, travel times, commutes or weekly targets, which the file's own checks
//! ([`crate::format::validate`]) cannot see without reaching up into the model.
//!
//! [`validate`] runs everything in the loader's order: the file's errors, rule 13 and the
//! `replanification` block against the period's days (computed once), then, on a scenario
//! without errors, the fixed enrolments against [`Facts`] (built once), then every warning.
//! Diagnostics carry their item path; the loader ([`crate::model::load`]) adds file, line and
//! column.

use super::Facts;
use super::calendar;
use super::presence;
use crate::diag::{Code, Diagnostic};
use crate::format::scenario::{Imposer, Mobilite, Scenario};
use crate::format::spans::{index, key};
use crate::format::time::fmt_hhmm;
use crate::format::validate::{self, Report, mobilite_nom};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Validates a well-formed scenario: `Err` with every error, or `Ok` with every warning.
pub(crate) fn validate(sc: &Scenario) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut r = Report::from(validate::errors(sc));
    let days: BTreeSet<NaiveDate> = calendar::period_days(sc).into_iter().collect();
    check_imposer(sc, &days, &mut r);
    check_interdire(sc, &days, &mut r);
    check_replanification(sc, &days, &mut r);
    if !r.is_empty() {
        return Err(r.into());
    }
    // The fixed enrolments are read through the facts (calendar, travel): only on a scenario
    // whose settings, ids and ranges are sound.
    let facts = Facts::new(sc);
    let items = fixed_items(sc, &days);
    check_fixed_enrolments(sc, &facts, &days, &items, &mut r);
    if !r.is_empty() {
        return Err(r.into());
    }
    let mut w = Report::from(validate::warnings(sc));
    check_reach(sc, &facts, &mut w);
    check_fixed_enrolment_presence(sc, &items, &mut w);
    Ok(w.into())
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Rule 13, `imposer`: a known person; exactly one of `chantier`, `cip`, `atelier`, each known;
/// a date inside the period; a vacation index of the chantier that runs that day; a start among
/// that vacation's (or any vacation's) `debuts`; a CIP entry for a salarié·e with that CIP as
/// référent (if any) and a start on the grid; an atelier entry without date, vacation or start.
fn check_imposer(sc: &Scenario, days: &BTreeSet<NaiveDate>, r: &mut Report) {
    for (k, e) in sc.imposer.iter().enumerate() {
        check_imposer_entry(sc, days, &index("imposer", k), e, r);
    }
}

/// One `imposer` entry, at path `p`.
fn check_imposer_entry(
    sc: &Scenario,
    days: &BTreeSet<NaiveDate>,
    p: &str,
    e: &Imposer,
    r: &mut Report,
) {
    let salarie = sc.salaries.iter().find(|s| s.id == e.personne);
    let encadrant = sc.encadrants.iter().any(|x| x.id == e.personne);
    if salarie.is_none() && !encadrant {
        r.err(Code::UnknownReference,
            key(p, "personne"),
            format!(
                "référence inconnue « {} » : aucune personne de cet identifiant dans « salaries » ni « encadrants »",
                e.personne
            ),
        );
    }
    let n = [e.chantier.is_some(), e.cip.is_some(), e.atelier.is_some()]
        .iter()
        .filter(|x| **x)
        .count();
    if n != 1 {
        r.err(Code::KeyCombination,
            p.to_owned(),
            "une entrée « imposer » nomme exactement un « chantier », une « cip » ou un « atelier »"
                .into(),
        );
        return;
    }
    if let Some(d) = e.date
        && !days.contains(&d)
    {
        r.err(
            Code::DateOutsidePeriod,
            key(p, "date"),
            format!("date {d} hors de la période planifiée"),
        );
    }
    if let Some(c) = &e.chantier {
        check_imposer_chantier(sc, days, p, e, c, r);
    } else {
        if e.vacation.is_some() {
            r.err(
                Code::KeyCombination,
                key(p, "vacation"),
                "« vacation » ne va qu'avec un « chantier »".into(),
            );
        }
        if salarie.is_none() && encadrant {
            r.err(Code::ImposedWrongPerson,
                key(p, "personne"),
                format!(
                    "« {} » est encadrant·e : seul·e un·e salarié·e a des rendez-vous CIP et des ateliers",
                    e.personne
                ),
            );
        }
    }
    if let Some(c) = &e.cip {
        check_imposer_cip(sc, p, e, salarie, c, r);
    }
    if let Some(a) = &e.atelier {
        if !sc.ateliers.iter().any(|x| x.id == *a) {
            r.err(Code::UnknownReference,
                key(p, "atelier"),
                format!("référence inconnue « {a} » : aucun atelier de cet identifiant dans « ateliers »"),
            );
        }
        for (field, given) in [("date", e.date.is_some()), ("debut", e.debut.is_some())] {
            if given {
                r.err(Code::KeyCombination,
                    key(p, field),
                    format!("« {field} » ne va pas avec un « atelier » (l'atelier a sa date et ses horaires)"),
                );
            }
        }
    }
}

/// An `imposer` entry naming CIP `c`: it exists, is the salarié·e's référent (if any), and the
/// start is on the grid.
fn check_imposer_cip(
    sc: &Scenario,
    p: &str,
    e: &Imposer,
    salarie: Option<&crate::format::scenario::Salarie>,
    c: &str,
    r: &mut Report,
) {
    if !sc.cips.iter().any(|x| x.id == *c) {
        r.err(
            Code::UnknownReference,
            key(p, "cip"),
            format!("référence inconnue « {c} » : aucune CIP de cet identifiant dans « cips »"),
        );
    } else if let Some(s) = salarie
        && let Some(ref_cip) = &s.cip
        && ref_cip != c
    {
        r.err(Code::ImposedWrongPerson,
            key(p, "cip"),
            format!(
                "la CIP référente de {} est « {ref_cip} » : un rendez-vous avec « {c} » est impossible",
                s.id
            ),
        );
    }
    let pas = sc.reglages.pas_minutes;
    if let Some(h) = e.debut
        && pas > 0
        && !h.0.is_multiple_of(pas)
    {
        r.err(
            Code::OffGrid,
            key(p, "debut"),
            format!("heure « {h} » hors de la grille de {pas} minutes (reglages.pas_minutes)"),
        );
    }
}

/// An `imposer` entry naming chantier `c`: it exists, and so do its vacation (running on the
/// entry's date) and start.
fn check_imposer_chantier(
    sc: &Scenario,
    days: &BTreeSet<NaiveDate>,
    p: &str,
    e: &Imposer,
    c: &str,
    r: &mut Report,
) {
    let Some(ch) = sc.chantiers.iter().find(|x| x.id == *c) else {
        r.err(
            Code::UnknownReference,
            key(p, "chantier"),
            format!(
                "référence inconnue « {c} » : aucun chantier de cet identifiant dans « chantiers »"
            ),
        );
        return;
    };
    let vacations: Vec<(usize, &crate::format::scenario::Vacation)> = match e.vacation {
        Some(v) => match ch.vacations.get(v) {
            Some(vac) => vec![(v, vac)],
            None => {
                r.err(
                    Code::UnknownReference,
                    key(p, "vacation"),
                    format!(
                        "le chantier « {c} » n'a pas de vacation d'indice {v} (indices de 0 à {})",
                        ch.vacations.len().saturating_sub(1)
                    ),
                );
                return;
            }
        },
        None => ch.vacations.iter().enumerate().collect(),
    };
    if let (Some(v), Some(d)) = (e.vacation, e.date)
        && days.contains(&d)
        && !vacations
            .iter()
            .any(|(_, vac)| vac.jours.contains(&calendar::jour(d)))
    {
        r.err(
            Code::ImposedShiftMismatch,
            key(p, "vacation"),
            format!(
                "la vacation {v} du chantier « {c} » n'a pas lieu le {} {d}",
                calendar::jour(d).nom()
            ),
        );
    }
    if let Some(h) = e.debut
        && !vacations.iter().any(|(_, vac)| vac.debuts.contains(&h))
    {
        r.err(
            Code::ImposedShiftMismatch,
            key(p, "debut"),
            format!(
                "aucune vacation {}du chantier « {c} » ne commence à {h}",
                e.vacation.map(|v| format!("{v} ")).unwrap_or_default()
            ),
        );
    }
}

/// Rule 13, `interdire`: `personne` with a `chantier` and/or a `date`, or `personnes` (two or
/// more distinct people, nothing else); every id known, the date inside the period.
fn check_interdire(sc: &Scenario, days: &BTreeSet<NaiveDate>, r: &mut Report) {
    let known = |id: &str| {
        sc.salaries.iter().any(|s| s.id == id) || sc.encadrants.iter().any(|e| e.id == id)
    };
    let unknown = |id: &str| {
        format!(
            "référence inconnue « {id} » : aucune personne de cet identifiant dans « salaries » ni « encadrants »"
        )
    };
    for (k, e) in sc.interdire.iter().enumerate() {
        let p = index("interdire", k);
        match (&e.personne, &e.personnes) {
            (Some(id), None) => {
                if !known(id) {
                    r.err(Code::UnknownReference, key(&p, "personne"), unknown(id));
                }
                if e.chantier.is_none() && e.date.is_none() {
                    r.err(Code::KeyCombination,
                        p.clone(),
                        "une entrée « interdire » avec « personne » nomme un « chantier », une « date » ou les deux".into(),
                    );
                }
            }
            (None, Some(ids)) => {
                let distinct: BTreeSet<&String> = ids.iter().collect();
                if distinct.len() < 2 {
                    r.err(
                        Code::TooFewElements,
                        key(&p, "personnes"),
                        "« personnes » nomme au moins deux personnes différentes".into(),
                    );
                }
                for (j, id) in ids.iter().enumerate() {
                    if !known(id) {
                        r.err(
                            Code::UnknownReference,
                            index(&key(&p, "personnes"), j),
                            unknown(id),
                        );
                    }
                }
                if e.chantier.is_some() || e.date.is_some() {
                    r.err(Code::KeyCombination,
                        p.clone(),
                        "« personnes » (jamais dans la même équipe) ne va ni avec « chantier » ni avec « date »".into(),
                    );
                }
            }
            _ => {
                r.err(
                    Code::KeyCombination,
                    p.clone(),
                    "une entrée « interdire » a soit « personne », soit « personnes »".into(),
                );
                continue;
            }
        }
        if let Some(c) = &e.chantier
            && !sc.chantiers.iter().any(|x| x.id == *c)
        {
            r.err(Code::UnknownReference,
                key(&p, "chantier"),
                format!("référence inconnue « {c} » : aucun chantier de cet identifiant dans « chantiers »"),
            );
        }
        if let Some(d) = e.date
            && !days.contains(&d)
        {
            r.err(
                Code::DateOutsidePeriod,
                key(&p, "date"),
                format!("date {d} hors de la période planifiée"),
            );
        }
        // A PMSMP day is an item of the scenario itself: it cannot be forbidden.
        if let (Some(id), Some(d), None) = (&e.personne, e.date, &e.chantier)
            && let Some(s) = sc.salaries.iter().find(|s| s.id == *id)
            && s.pmsmp.iter().any(|pm| pm.du <= d && d <= pm.au)
            && calendar::is_working_day(sc, d)
            && s.contrat.covers(d)
            && !presence::absent_all_day(&s.absences, d)
        {
            r.err(Code::PmsmpConflict,
                key(&p, "date"),
                format!(
                    "{id} est en PMSMP le {d} : ce jour ne peut pas être interdit (le jour de PMSMP est un élément du plan)"
                ),
            );
        }
    }
}

/// `replanification`: the published plan is of the same period; `figer_jusqu_au` inside it.
fn check_replanification(sc: &Scenario, days: &BTreeSet<NaiveDate>, r: &mut Report) {
    let Some(rp) = &sc.replanification else {
        return;
    };
    if let Some(d) = rp.figer_jusqu_au
        && !days.contains(&d)
    {
        r.err(
            Code::DateOutsidePeriod,
            "replanification.figer_jusqu_au".into(),
            format!("date {d} hors de la période planifiée"),
        );
    }
    if let Some(it) = rp.publie.iter().find(|it| !days.contains(&it.date)) {
        r.err(
            Code::DateOutsidePeriod,
            "replanification.plan".into(),
            format!(
                "le plan publié « {} » a un élément du {} hors de la période du scénario",
                rp.plan, it.date
            ),
        );
    }
}

/// One fixed item of a salarié·e: an atelier inscription or a séance of a formation.
#[derive(Debug, Clone)]
struct Fixed {
    date: NaiveDate,
    de: u32,
    a: u32,
    lieu: String,
    /// "l'atelier « at-num-1 »" / "la formation « sst-dec »".
    label: String,
    path: String,
}

impl Fixed {
    fn describe(&self) -> String {
        format!(
            "{} le {} de {} à {}",
            self.label,
            self.date,
            fmt_hhmm(self.de),
            fmt_hhmm(self.a)
        )
    }
}

/// Fixed items in the period, per salarié·e index, sorted by (date, start).
fn fixed_items(sc: &Scenario, days: &BTreeSet<NaiveDate>) -> Vec<Vec<Fixed>> {
    let by_id: BTreeMap<&str, usize> = sc
        .salaries
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Each list of enrolments (its key in the file) and per entry: its label, its place, its
    // inscrits and its dated sessions (an atelier has one, a formation its séances).
    let ateliers: Vec<_> = sc
        .ateliers
        .iter()
        .map(|a| {
            let label = format!("l'atelier « {} »", a.id);
            (label, &a.lieu, &a.inscrits, vec![(a.date, a.de.0, a.a.0)])
        })
        .collect();
    let formations: Vec<_> = sc
        .formations
        .iter()
        .map(|f| {
            let label = format!("la formation « {} »", f.id);
            let seances = f.seances.iter().map(|se| (se.date, se.de.0, se.a.0));
            (label, &f.lieu, &f.inscrits, seances.collect())
        })
        .collect();
    let mut out = vec![Vec::new(); sc.salaries.len()];
    for (list, entries) in [("ateliers", ateliers), ("formations", formations)] {
        for (i, (label, lieu, inscrits, sessions)) in entries.into_iter().enumerate() {
            for (k, s) in inscrits.iter().enumerate() {
                let Some(&si) = by_id.get(s.as_str()) else {
                    continue;
                };
                for &(date, de, a) in sessions.iter().filter(|(d, _, _)| days.contains(d)) {
                    out[si].push(Fixed {
                        date,
                        de,
                        a,
                        lieu: lieu.clone(),
                        label: label.clone(),
                        path: index(&key(&index(list, i), "inscrits"), k),
                    });
                }
            }
        }
    }
    for v in &mut out {
        v.sort_by_key(|f| (f.date, f.de, f.a));
    }
    out
}

/// A fixed enrolment (atelier inscription, formation séance) dated in the period collides with
/// another fixed enrolment of theirs (overlap, or too little time to travel between the two
/// places), or with one of their PMSMP days (docs/regles.md); an atelier with
/// more inscrits than places; more people in formation at once than
/// `max_en_formation_simultane`. (One on an absence is a warning since the conflicts of
/// docs/regles.md, « Conflits »: the planner leaves it out.)
fn check_fixed_enrolments(
    sc: &Scenario,
    facts: &Facts,
    days: &BTreeSet<NaiveDate>,
    items: &[Vec<Fixed>],
    r: &mut Report,
) {
    let places = &facts.places;
    for (si, s) in sc.salaries.iter().enumerate() {
        let sp = index("salaries", si);
        let mine = &items[si];
        // (An enrolment on an absence is a warning: the planner leaves it out as a conflict.)
        for (j, g) in mine.iter().enumerate() {
            for f in &mine[..j] {
                if f.date != g.date {
                    continue;
                }
                let travel = match (places.idx(&f.lieu), places.idx(&g.lieu)) {
                    (Some(a), Some(b)) => places.travel(a, b),
                    _ => 0,
                };
                if f.a.saturating_add(travel) > g.de && f.de < g.a.saturating_add(travel) {
                    let why = if f.a > g.de && f.de < g.a {
                        "en même temps que".to_owned()
                    } else {
                        format!("trop près (trajet de {travel} min) de")
                    };
                    r.err(
                        Code::FixedOverlap,
                        g.path.clone(),
                        format!(
                            "{} est inscrit·e à {} {why} {} ({})",
                            s.id,
                            g.describe(),
                            f.describe(),
                            f.path
                        ),
                    );
                }
            }
        }
        let target_days: BTreeSet<NaiveDate> = facts.salarie_weeks[si]
            .iter()
            .flat_map(|w| w.days.iter().copied())
            .collect();
        for (k, pm) in s.pmsmp.iter().enumerate() {
            for f in mine {
                if pm.du <= f.date && f.date <= pm.au && target_days.contains(&f.date) {
                    r.err(
                        Code::PmsmpConflict,
                        f.path.clone(),
                        format!(
                            "{} est inscrit·e à {}, un jour de sa PMSMP ({})",
                            s.id,
                            f.describe(),
                            index(&key(&sp, "pmsmp"), k)
                        ),
                    );
                }
            }
        }
    }
    for (i, a) in sc.ateliers.iter().enumerate() {
        if a.inscrits.len() > a.places as usize {
            r.err(
                Code::AtelierOverbooked,
                key(&index("ateliers", i), "inscrits"),
                format!("{} inscrit·es pour {} place(s)", a.inscrits.len(), a.places),
            );
        }
    }
    if let Some(max) = sc.reglages.max_en_formation_simultane {
        check_formation_ceiling(sc, days, max, r);
    }
}

/// Salarié·es in formation at the same moment (fixed séances) ≤ `max_en_formation_simultane`.
fn check_formation_ceiling(sc: &Scenario, days: &BTreeSet<NaiveDate>, max: u32, r: &mut Report) {
    // (date, start, end, people, path of the séance)
    let mut seances = Vec::new();
    for (i, f) in sc.formations.iter().enumerate() {
        for (k, se) in f.seances.iter().enumerate() {
            if days.contains(&se.date) && !f.inscrits.is_empty() {
                let p = index(&key(&index("formations", i), "seances"), k);
                seances.push((se.date, se.de.0, se.a.0, &f.inscrits, p));
            }
        }
    }
    let mut reported = BTreeSet::new();
    for (date, start, _, _, path) in &seances {
        // The count is highest at some séance's start.
        let mut people = BTreeSet::new();
        for (d, b, e, ins, _) in &seances {
            if d == date && b <= start && start < e {
                people.extend(ins.iter().map(String::as_str));
            }
        }
        if people.len() > max as usize && reported.insert((*date, *start)) {
            r.err(Code::FormationCeiling,
                path.clone(),
                format!(
                    "{} salarié·es en formation en même temps le {date} à {} : au-delà de max_en_formation_simultane ({max})",
                    people.len(),
                    fmt_hhmm(*start)
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

/// How a salarié·e gets to a chantier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Moyen {
    APied,
    EnTransports,
}

impl Moyen {
    pub fn nom(self) -> &'static str {
        match self {
            Moyen::APied => "à pied",
            Moyen::EnTransports => "en transports",
        }
    }
}

/// A chantier a salarié·e can work on, and how they get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Acces {
    /// Index in `sc.chantiers`.
    pub chantier: usize,
    pub(crate) moyen: Moyen,
}

/// The chantiers a salarié·e who is not `autonome` can work on from home: some shift of the
/// period (a vacation's weekday on a period day that is not a holiday) has a start `d` with
/// `arrival ≤ d` and `d + duree ≤ departure` at the chantier's lieu that weekday. `Moyen::APied`
/// when walking alone gives such a window, else `EnTransports`. `None` for `autonome`
/// salarié·es (they reach everything) and for an unknown home. `si`: the salarié·e's index in
/// `sc.salaries`.
pub(crate) fn accessible_chantiers(sc: &Scenario, facts: &Facts, si: usize) -> Option<Vec<Acces>> {
    let s = sc.salaries.get(si)?;
    let table = facts.commute.get(si)?.as_ref()?;
    let places = &facts.places;
    let home = places.idx(s.domicile.as_deref()?)?;
    let jours: BTreeSet<_> = facts
        .days
        .iter()
        .filter(|d| !calendar::is_holiday(sc, **d))
        .map(|d| calendar::jour(*d))
        .collect();
    let journee = sc.reglages.journee;
    let mut walk_cache = BTreeMap::new();
    let mut out = Vec::new();
    for (ci, c) in sc.chantiers.iter().enumerate() {
        let Some(lieu) = places.idx(&c.lieu) else {
            continue;
        };
        let mut best: Option<Moyen> = None;
        for vac in &c.vacations {
            for &jour in vac.jours.iter().filter(|j| jours.contains(j)) {
                let fits = |(arr, dep): (u32, u32)| {
                    vac.debuts
                        .iter()
                        .any(|d| arr <= d.0 && d.0 + vac.duree.0 <= dep)
                };
                if !table.window(jour, lieu).is_some_and(fits) {
                    continue;
                }
                let moyen = if s.mobilite == Mobilite::Marche {
                    Moyen::APied
                } else {
                    let (arr, dep): &(Vec<Option<u32>>, Vec<Option<u32>>) =
                        walk_cache.entry(jour).or_insert_with(|| {
                            (
                                facts.network.earliest(home, jour, journee.debut, false),
                                facts.network.latest(home, jour, journee.fin, false),
                            )
                        });
                    let walk = arr
                        .get(lieu)
                        .copied()
                        .flatten()
                        .zip(dep.get(lieu).copied().flatten());
                    if walk.is_some_and(fits) {
                        Moyen::APied
                    } else {
                        Moyen::EnTransports
                    }
                };
                best = Some(best.map_or(moyen, |b| b.min(moyen)));
            }
        }
        if let Some(moyen) = best {
            out.push(Acces {
                chantier: ci,
                moyen,
            });
        }
    }
    Some(out)
}

/// A salarié·e (not `autonome`) who can reach no chantier (see [`accessible_chantiers`]).
fn check_reach(sc: &Scenario, facts: &Facts, r: &mut Report) {
    if sc.salaries.iter().all(|s| s.mobilite == Mobilite::Autonome) {
        return;
    }
    for (i, s) in sc.salaries.iter().enumerate() {
        if let Some(acces) = accessible_chantiers(sc, facts, i)
            && acces.is_empty()
        {
            r.warn(
                Code::Unreachable,
                index("salaries", i),
                format!(
                    "{} ne peut atteindre aucun chantier depuis « {} » ({}) pendant la période",
                    s.id,
                    s.domicile.as_deref().unwrap_or("?"),
                    mobilite_nom(s.mobilite)
                ),
            );
        }
    }
}

/// A fixed enrolment in the period that the plan cannot honour (docs/regles.md rules 2 and 10):
/// on a holiday, outside the salarié·e's contract, or inside no `disponibilites` interval of
/// that weekday (the whole `journee` when absent). The planner will report it as infeasible;
/// the warning names the cause beforehand.
fn check_fixed_enrolment_presence(sc: &Scenario, items: &[Vec<Fixed>], r: &mut Report) {
    for (si, (s, mine)) in sc.salaries.iter().zip(items).enumerate() {
        for f in mine {
            for (k, abs) in s.absences.iter().enumerate() {
                if let Some((b, e)) = abs.on(f.date)
                    && b < f.a
                    && f.de < e
                {
                    r.warn(Code::FixedEnrolmentUnavailable,
                        f.path.clone(),
                        format!(
                            "{} est inscrit·e à {} mais absent·e à ce moment ({}) : l'inscription ne pourra pas être tenue (écart « conflit »)",
                            s.id,
                            f.describe(),
                            index(&key(&index("salaries", si), "absences"), k)
                        ),
                    );
                }
            }
        }
        for f in mine {
            let why = if calendar::is_holiday(sc, f.date) {
                "un jour férié"
            } else if !s.contrat.covers(f.date) {
                "hors de son contrat"
            } else if !presence::intervals(&sc.reglages, s.disponibilites.as_ref(), f.date)
                .iter()
                .any(|&(b, e)| b <= f.de && f.a <= e)
            {
                "hors de ses disponibilités"
            } else {
                continue;
            };
            r.warn(
                Code::FixedEnrolmentUnavailable,
                f.path.clone(),
                format!(
                    "{} est inscrit·e à {}, {why} : l'inscription ne pourra pas être tenue",
                    s.id,
                    f.describe()
                ),
            );
        }
    }
}
