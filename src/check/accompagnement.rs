//! Accompaniment rules: 9 (CIP rdv) and 10 (ateliers, formations, and PMSMP days).

use super::{Context, Index, Rule, Violation, describe, fmt_num, hhmm_range, span};
use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::model::Facts;
use crate::model::calendar::{IsoWeek, Month, is_working_day};
use crate::model::presence::absent_all_day;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Rule 9: a rdv lasts `facts.rdv_minutes`; per salarié·e at most one a day and
/// `rdv_cip.max_par_semaine` an ISO week; with their référent CIP when they have one; per
/// calendar month, history plus planned ≤ the monthly target (`rdv_cip_par_mois`, else
/// `min_par_mois`).
pub(crate) fn rule_cip_rdv(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    let rdv = rdv_items(sc, facts, idx, items, &mut out);
    rdv_counts(sc, rdv, &mut out);
    out
}

/// The rdv of each salarié·e per day, ISO week and month.
#[derive(Default)]
struct RdvParPeriode {
    per_day: BTreeMap<(usize, NaiveDate), usize>,
    per_week: BTreeMap<(usize, IsoWeek), Vec<NaiveDate>>,
    per_month: BTreeMap<(usize, Month), Vec<NaiveDate>>,
}

/// Each rdv item lasts `facts.rdv_minutes` and is with the référent CIP; the rdv come back
/// counted per salarié·e and day, week, month.
fn rdv_items(
    sc: &Scenario,
    facts: &Facts,
    idx: &Index,
    items: &[Affectation],
    out: &mut Vec<Violation>,
) -> RdvParPeriode {
    let mut r = RdvParPeriode::default();
    let (per_day, per_week, per_month) = (&mut r.per_day, &mut r.per_week, &mut r.per_month);
    for it in items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::RdvCip)
    {
        let Some(si) = idx.salarie_of(it) else {
            continue;
        };
        let Some(s) = sc.salaries.get(si) else {
            continue;
        };
        let v = Violation::about(Rule::CipRdv, Some(&s.id), it.cip.as_deref(), Some(it.date));
        if let Some((a, b)) = span(it)
            && b - a != facts.rdv_minutes
        {
            out.push(v(format!(
                "{} : durée {} min au lieu de {} min",
                describe(it),
                b - a,
                facts.rdv_minutes
            )));
        }
        if let Some(referent) = &s.cip
            && it.cip.as_ref() != Some(referent)
        {
            out.push(v(format!(
                "{} : la CIP référente est {referent}",
                describe(it)
            )));
        }
        *per_day.entry((si, it.date)).or_default() += 1;
        per_week
            .entry((si, IsoWeek::of(it.date)))
            .or_default()
            .push(it.date);
        per_month
            .entry((si, Month::of(it.date)))
            .or_default()
            .push(it.date);
    }
    r
}

/// At most one rdv a day, `max_par_semaine` a week, and history plus planned within the
/// monthly target.
fn rdv_counts(sc: &Scenario, r: RdvParPeriode, out: &mut Vec<Violation>) {
    let RdvParPeriode {
        per_day,
        per_week,
        per_month,
    } = r;
    let id = |si: usize| sc.salaries.get(si).map(|s| s.id.as_str());
    for ((si, date), n) in per_day {
        if n > 1 {
            out.push(Violation::new(
                Rule::CipRdv,
                id(si),
                None,
                Some(date),
                format!("{n} rdv CIP le même jour (un au plus)"),
            ));
        }
    }
    let max_week = sc.reglages.rdv_cip.max_par_semaine as usize;
    for ((si, week), dates) in per_week {
        if dates.len() > max_week {
            out.push(Violation::new(
                Rule::CipRdv,
                id(si),
                None,
                dates.iter().min().copied(),
                format!(
                    "{} rdv CIP la semaine {} > max {max_week}",
                    dates.len(),
                    week.label()
                ),
            ));
        }
    }
    for ((si, month), dates) in per_month {
        let Some(s) = sc.salaries.get(si) else {
            continue;
        };
        let target = s
            .rdv_cip_par_mois
            .unwrap_or(sc.reglages.rdv_cip.min_par_mois) as usize;
        let history = s
            .rdv_cip
            .iter()
            .filter(|r| Month::of(r.date) == month)
            .count();
        if history + dates.len() > target {
            out.push(Violation::new(
                Rule::CipRdv,
                Some(&s.id),
                None,
                dates.iter().min().copied(),
                format!(
                    "{} rdv déjà tenus + {} planifiés en {} > objectif mensuel {target}",
                    history,
                    dates.len(),
                    month.label()
                ),
            ));
        }
    }
}

/// The PMSMP days of each salarié·e (docs/regles.md): period days inside a PMSMP's
/// `du..au` that are working days, inside the contract, not whole-day absences.
pub(crate) fn pmsmp_days(sc: &Scenario, facts: &Facts) -> Vec<BTreeSet<NaiveDate>> {
    sc.salaries
        .iter()
        .map(|s| {
            facts
                .days
                .iter()
                .copied()
                .filter(|&d| {
                    s.pmsmp.iter().any(|p| p.du <= d && d <= p.au)
                        && is_working_day(sc, d)
                        && s.contrat.covers(d)
                        && !absent_all_day(&s.absences, d)
                })
                .collect()
        })
        .collect()
}

/// Rule 10: every inscrit is on their atelier and on every séance of their formation (when
/// dated in the period); atelier items match the atelier, formation items a séance of a
/// formation the person is enrolled on; attendance ≤ `places`; only inscrits or salarié·es
/// whose `besoins` hold the theme are added; in-formation salarié·es at any moment ≤
/// `max_en_formation_simultane`. PMSMP: each PMSMP day holds exactly one `pmsmp` item with
/// `heures = heures_hebdo / jours_semaine`, and no `pmsmp` item is on another day.
pub(crate) fn rule_ateliers_formations(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    atelier_inscrits(sc, facts, items, &mut out);
    atelier_items(sc, idx, items, &mut out);
    formation_inscrits(sc, facts, items, &mut out);
    let in_formation = formation_items(sc, idx, items, &mut out);
    if let Some(max) = sc.reglages.max_en_formation_simultane {
        formation_ceiling(in_formation, max, &mut out);
    }
    pmsmp_items(sc, facts, idx, items, &mut out);
    out
}

/// One fixed enrolment as the plan must hold it: an atelier or a séance of a formation.
struct Expected<'a> {
    kind: TypeAffectation,
    /// The atelier's or the formation's id.
    id: &'a str,
    date: NaiveDate,
    span: (u32, u32),
    lieu: &'a str,
}

/// Whether `p` has the item `e` in `items`.
fn has_item(items: &[Affectation], p: &str, e: &Expected) -> bool {
    items.iter().any(|it| {
        it.type_ == e.kind
            && it.personne == p
            && match e.kind {
                TypeAffectation::Atelier => it.atelier.as_deref() == Some(e.id),
                _ => it.formation.as_deref() == Some(e.id),
            }
            && it.date == e.date
            && span(it) == Some(e.span)
            && it.lieu.as_deref() == Some(e.lieu)
    })
}

/// Every inscrit of an atelier of the period is on it.
fn atelier_inscrits(sc: &Scenario, facts: &Facts, items: &[Affectation], out: &mut Vec<Violation>) {
    let in_period = |d: NaiveDate| facts.days.contains(&d);
    for at in sc.ateliers.iter().filter(|at| in_period(at.date)) {
        for p in &at.inscrits {
            if !has_item(
                items,
                p,
                &Expected {
                    kind: TypeAffectation::Atelier,
                    id: &at.id,
                    date: at.date,
                    span: (at.de.0, at.a.0),
                    lieu: &at.lieu,
                },
            ) {
                let mut v = Violation::new(
                    Rule::AteliersFormations,
                    Some(p),
                    Some(&at.id),
                    Some(at.date),
                    format!(
                        "inscrit·e à l'atelier {} ({} à {}) mais pas dans le plan",
                        at.id,
                        hhmm_range(at.de.0, at.a.0),
                        at.lieu
                    ),
                );
                v.fixe = Some(super::fixes::fixe_of(
                    p,
                    Some(&at.id),
                    None,
                    at.date,
                    at.de.0,
                ));
                out.push(v);
            }
        }
    }
}

/// Atelier items match their atelier, are inscrits or in need of its theme (or imposed), and
/// stay within its places.
fn atelier_items(sc: &Scenario, idx: &Index, items: &[Affectation], out: &mut Vec<Violation>) {
    let mut attendance: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for it in items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::Atelier)
    {
        let Some(ai) = it
            .atelier
            .as_deref()
            .and_then(|a| idx.atelier.get(a).copied())
        else {
            continue;
        };
        let Some(at) = sc.ateliers.get(ai) else {
            continue;
        };
        let v = Violation::about(
            Rule::AteliersFormations,
            Some(&it.personne),
            Some(&at.id),
            Some(it.date),
        );
        if it.date != at.date || span(it) != Some((at.de.0, at.a.0)) {
            out.push(v(format!(
                "{} ne correspond pas à l'atelier ({} {})",
                describe(it),
                at.date,
                hhmm_range(at.de.0, at.a.0)
            )));
        }
        attendance.entry(ai).or_default().insert(&it.personne);
        let imposed = sc
            .imposer
            .iter()
            .any(|e| e.personne == it.personne && e.atelier.as_deref() == Some(at.id.as_str()));
        if !at.inscrits.contains(&it.personne)
            && !imposed
            && let Some(s) = idx.salarie_of(it).and_then(|s| sc.salaries.get(s))
            && !s.besoins.contains(&at.theme)
        {
            out.push(v(format!(
                "ajouté·e à l'atelier {} sans inscription ni besoin « {} »",
                at.id, at.theme
            )));
        }
    }
    for (ai, people) in attendance {
        let Some(at) = sc.ateliers.get(ai) else {
            continue;
        };
        if people.len() > at.places as usize {
            out.push(Violation::new(
                Rule::AteliersFormations,
                None,
                Some(&at.id),
                Some(at.date),
                format!("{} participant·es > {} places", people.len(), at.places),
            ));
        }
    }
}

/// Every inscrit of a formation is on each of its séances of the period.
fn formation_inscrits(
    sc: &Scenario,
    facts: &Facts,
    items: &[Affectation],
    out: &mut Vec<Violation>,
) {
    let in_period = |d: NaiveDate| facts.days.contains(&d);
    for f in &sc.formations {
        for se in f.seances.iter().filter(|se| in_period(se.date)) {
            for p in &f.inscrits {
                if !has_item(
                    items,
                    p,
                    &Expected {
                        kind: TypeAffectation::Formation,
                        id: &f.id,
                        date: se.date,
                        span: (se.de.0, se.a.0),
                        lieu: &f.lieu,
                    },
                ) {
                    let mut v = Violation::new(
                        Rule::AteliersFormations,
                        Some(p),
                        Some(&f.id),
                        Some(se.date),
                        format!(
                            "inscrit·e à la formation {} (séance {} à {}) mais pas dans le plan",
                            f.id,
                            hhmm_range(se.de.0, se.a.0),
                            f.lieu
                        ),
                    );
                    v.fixe = Some(super::fixes::fixe_of(
                        p,
                        None,
                        Some(&f.id),
                        se.date,
                        se.de.0,
                    ));
                    out.push(v);
                }
            }
        }
    }
}

/// Formation items match a séance of a formation the person is enrolled on; the spans of
/// salarié·es in formation come back, per date.
fn formation_items<'a>(
    sc: &Scenario,
    idx: &Index,
    items: &'a [Affectation],
    out: &mut Vec<Violation>,
) -> BTreeMap<NaiveDate, Vec<(u32, u32, &'a str)>> {
    let mut in_formation: BTreeMap<NaiveDate, Vec<(u32, u32, &str)>> = BTreeMap::new();
    for it in items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::Formation)
    {
        let Some(f) = it
            .formation
            .as_deref()
            .and_then(|f| idx.formation.get(f))
            .and_then(|&f| sc.formations.get(f))
        else {
            continue;
        };
        let v = Violation::about(
            Rule::AteliersFormations,
            Some(&it.personne),
            Some(&f.id),
            Some(it.date),
        );
        let real = f
            .seances
            .iter()
            .any(|se| se.date == it.date && span(it) == Some((se.de.0, se.a.0)));
        if !real {
            out.push(v(format!(
                "{} ne correspond à aucune séance de la formation",
                describe(it)
            )));
        }
        if !f.inscrits.contains(&it.personne) {
            out.push(v(format!(
                "{} : pas inscrit·e à cette formation",
                describe(it)
            )));
        }
        if let (Some((a, b)), Some(_)) = (span(it), idx.salarie_of(it)) {
            in_formation
                .entry(it.date)
                .or_default()
                .push((a, b, it.personne.as_str()));
        }
    }
    in_formation
}

/// At most `max` salarié·es in formation at any moment.
fn formation_ceiling(
    in_formation: BTreeMap<NaiveDate, Vec<(u32, u32, &str)>>,
    max: u32,
    out: &mut Vec<Violation>,
) {
    for (date, spans) in in_formation {
        // The count only grows at a start: check every start.
        let worst = spans
            .iter()
            .map(|&(t, _, _)| {
                let people: BTreeSet<&str> = spans
                    .iter()
                    .filter(|&&(a, b, _)| a <= t && t < b)
                    .map(|&(_, _, p)| p)
                    .collect();
                (people.len(), t)
            })
            .max_by_key(|&(n, t)| (n, std::cmp::Reverse(t)));
        if let Some((n, t)) = worst
            && n > max as usize
        {
            out.push(Violation::new(
                Rule::AteliersFormations,
                None,
                None,
                Some(date),
                format!(
                    "{n} salarié·es en formation en même temps à {} > max {max}",
                    crate::format::time::fmt_hhmm(t)
                ),
            ));
        }
    }
}

/// Each PMSMP day holds exactly one `pmsmp` item of the right hours, and no other day does.
fn pmsmp_items(
    sc: &Scenario,
    facts: &Facts,
    idx: &Index,
    items: &[Affectation],
    out: &mut Vec<Violation>,
) {
    let days = pmsmp_days(sc, facts);
    let mut seen: BTreeMap<(usize, NaiveDate), Vec<&Affectation>> = BTreeMap::new();
    for it in items.iter().filter(|it| it.type_ == TypeAffectation::Pmsmp) {
        if let Some(si) = idx.salarie_of(it) {
            seen.entry((si, it.date)).or_default().push(it);
        }
    }
    for (si, s) in sc.salaries.iter().enumerate() {
        let expected = s.contrat.heures_hebdo / f64::from(sc.reglages.jours_semaine);
        let Some(mine) = days.get(si) else { continue };
        let v = |date, m: String| {
            Violation::new(Rule::AteliersFormations, Some(&s.id), None, Some(date), m)
        };
        for &d in mine {
            let n = seen.get(&(si, d)).map_or(0, Vec::len);
            if n != 1 {
                out.push(v(
                    d,
                    format!("jour de PMSMP avec {n} élément(s) « pmsmp » au lieu d'un"),
                ));
            }
        }
        for ((_, d), list) in seen.range((si, NaiveDate::MIN)..=(si, NaiveDate::MAX)) {
            if !mine.contains(d) {
                out.push(v(
                    *d,
                    "élément « pmsmp » un jour qui n'est pas un jour de PMSMP".into(),
                ));
            }
            for it in list {
                if let Some(h) = it.heures
                    && (h - expected).abs() > 1e-6
                {
                    out.push(v(
                        *d,
                        format!(
                            "PMSMP de {} h au lieu de {} h (heures hebdomadaires / jours par semaine)",
                            fmt_num(h),
                            fmt_num(expected)
                        ),
                    ));
                }
            }
        }
    }
}
