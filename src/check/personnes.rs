//! Per-person rules: 1 (one thing at a time), 2 (presence), 3 (commute), 7 (working time),
//! 8 (hours cap).

use super::{Context, Rule, Violation, describe, fmt_num, hhmm_range, span};
use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::{Absence, Disponibilites, Scenario};
use crate::format::time::fmt_hhmm;
use crate::model::calendar::{IsoWeek, is_holiday, jour};
use crate::model::presence;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// A timed item: start, end, the item.
type Timed<'a> = (u32, u32, &'a Affectation);
/// A timed item at a known place: start, end, place index, the item.
type Placed<'a> = (u32, u32, usize, &'a Affectation);

/// Items grouped by (person, date), in input order within a group.
fn by_person_day(items: &[Affectation]) -> BTreeMap<(&str, NaiveDate), Vec<&Affectation>> {
    let mut m: BTreeMap<(&str, NaiveDate), Vec<&Affectation>> = BTreeMap::new();
    for it in items {
        m.entry((it.personne.as_str(), it.date))
            .or_default()
            .push(it);
    }
    m
}

/// The timed items of a group sorted by (start, end), with their spans.
fn timed<'a>(group: &[&'a Affectation]) -> Vec<(u32, u32, &'a Affectation)> {
    let mut t: Vec<(u32, u32, &Affectation)> = group
        .iter()
        .filter_map(|it| span(it).map(|(a, b)| (a, b, *it)))
        .collect();
    t.sort_by_key(|&(a, b, _)| (a, b));
    t
}

/// Rule 1: a person's items on a day do not overlap; between consecutive items at different
/// places there is at least the in-day travel time; a PMSMP day holds no other item.
pub fn rule_one_thing_at_a_time(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let facts = cx.facts;
    let mut out = Vec::new();
    for ((p, date), group) in by_person_day(items) {
        let v = Violation::about(Rule::OneThingAtATime, Some(p), None, Some(date));
        let t = timed(&group);
        let has_pmsmp = group.iter().any(|it| it.type_ == TypeAffectation::Pmsmp);
        if has_pmsmp && !t.is_empty() {
            let others: Vec<String> = t.iter().map(|(_, _, it)| describe(it)).collect();
            out.push(v(format!(
                "jour de PMSMP avec d'autres éléments : {}",
                others.join(", ")
            )));
        }
        // `prev`: the item that ends last among those already seen.
        let mut prev: Option<(u32, u32, &Affectation)> = None;
        for &(a, b, it) in &t {
            if let Some((_, pb, pit)) = prev {
                if a < pb {
                    out.push(v(format!(
                        "{} et {} se chevauchent",
                        describe(pit),
                        describe(it)
                    )));
                } else {
                    let places = (
                        pit.lieu.as_deref().and_then(|l| facts.places.idx(l)),
                        it.lieu.as_deref().and_then(|l| facts.places.idx(l)),
                    );
                    if let (Some(x), Some(y)) = places {
                        let need = facts.places.travel(x, y);
                        if a - pb < need {
                            out.push(v(format!(
                                "{} puis {} : {} min pour aller de {} à {}, il en faut {}",
                                describe(pit),
                                describe(it),
                                a - pb,
                                pit.lieu.as_deref().unwrap_or(""),
                                it.lieu.as_deref().unwrap_or(""),
                                need
                            )));
                        }
                    }
                }
            }
            if prev.is_none_or(|(_, pb, _)| b > pb) {
                prev = Some((a, b, it));
            }
        }
    }
    out
}

/// Why `[a, b)` is refused on `date`, or `None` when `is_present` accepts it.
fn presence_problem(
    sc: &Scenario,
    dispo: Option<&Disponibilites>,
    absences: &[Absence],
    date: NaiveDate,
    a: u32,
    b: u32,
) -> Option<String> {
    if presence::is_present(&sc.reglages, dispo, absences, date, a, b) {
        return None;
    }
    let intervals = presence::intervals(&sc.reglages, dispo, date);
    let inside = intervals.iter().any(|&(x, y)| x <= a && b <= y);
    if !inside {
        let list: Vec<String> = intervals.iter().map(|&(x, y)| hhmm_range(x, y)).collect();
        let list = if list.is_empty() {
            "aucune ce jour".to_owned()
        } else {
            list.join(", ")
        };
        return Some(format!("hors disponibilités (disponibilités : {list})"));
    }
    let busy: Vec<String> = presence::absence_intervals(absences, date)
        .iter()
        .filter(|&&(x, y)| x < b && a < y)
        .map(|&(x, y)| hhmm_range(x, y.min(24 * 60)))
        .collect();
    Some(format!("pendant une absence ({})", busy.join(", ")))
}

/// Rule 2: every timed item inside the contract (salarié·es), inside one availability
/// interval, outside absences, on a period day that is not a holiday; a CIP's rdv inside the
/// CIP's availability, outside its absences and the ateliers it leads, at most `max_rdv_jour`
/// a day, never two at once. PMSMP days are checked by rule 10.
pub fn rule_presence(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts) = (cx.sc, cx.facts);
    let mut out = Vec::new();
    let mut cip_day: BTreeMap<(usize, NaiveDate), Vec<Timed>> = BTreeMap::new();
    for it in items {
        let Some((a, b)) = span(it) else { continue };
        // Frozen days of a re-planning are the past: rule 2 is not checked on them.
        if it.type_ == TypeAffectation::Pmsmp || !facts.days.contains(&it.date) || sc.fige(it.date)
        {
            continue;
        }
        let what = describe(it);
        person_presence(cx, (a, b, it), &what, &mut out);
        if it.type_ != TypeAffectation::RdvCip {
            continue;
        }
        if let Some(ci) = cip_presence(cx, (a, b, it), &what, &mut out) {
            cip_day.entry((ci, it.date)).or_default().push((a, b, it));
        }
    }
    cip_days(sc, cip_day, &mut out);
    out
}

/// Item `it` (`what`, from `a` to `b`) inside its person's contract, availability and
/// presence, not on a holiday.
fn person_presence(cx: &Context, (a, b, it): Timed, what: &str, out: &mut Vec<Violation>) {
    let (sc, idx) = (cx.sc, &cx.idx);
    let v = Violation::about(Rule::Presence, Some(&it.personne), None, Some(it.date));
    if is_holiday(sc, it.date) {
        out.push(v(format!("{what} : jour férié")));
    }
    if let Some(e) = idx.encadrant_of(it).and_then(|e| sc.encadrants.get(e)) {
        if let Some(m) = presence_problem(sc, e.disponibilites.as_ref(), &e.absences, it.date, a, b)
        {
            out.push(v(format!("{what} : {m}")));
        }
    } else if let Some(s) = idx.salarie_of(it).and_then(|s| sc.salaries.get(s)) {
        if !s.contrat.covers(it.date) {
            let du = s.contrat.debut.map_or("…".to_owned(), |d| d.to_string());
            let au = s.contrat.fin.map_or("…".to_owned(), |d| d.to_string());
            out.push(v(format!("{what} : hors contrat (du {du} au {au})")));
        }
        if let Some(m) = presence_problem(sc, s.disponibilites.as_ref(), &s.absences, it.date, a, b)
        {
            out.push(v(format!("{what} : {m}")));
        }
    }
}

/// Rdv `it` (`what`, from `a` to `b`) inside its CIP's availability and presence, outside the
/// ateliers the CIP leads; the CIP's index comes back.
fn cip_presence(
    cx: &Context,
    (a, b, it): Timed,
    what: &str,
    out: &mut Vec<Violation>,
) -> Option<usize> {
    let (sc, idx) = (cx.sc, &cx.idx);
    let ci = it.cip.as_deref().and_then(|c| idx.cip.get(c).copied())?;
    let cip = sc.cips.get(ci)?;
    let vc = Violation::about(
        Rule::Presence,
        Some(&it.personne),
        Some(&cip.id),
        Some(it.date),
    );
    if let Some(m) = presence_problem(
        sc,
        cip.disponibilites.as_ref(),
        &cip.absences,
        it.date,
        a,
        b,
    ) {
        out.push(vc(format!("{what} : la CIP est {m}")));
    }
    for at in &sc.ateliers {
        if at.anime_par.as_deref() == Some(cip.id.as_str())
            && at.date == it.date
            && at.de.0 < b
            && a < at.a.0
        {
            out.push(vc(format!(
                "{what} : la CIP anime l'atelier {} ({})",
                at.id,
                hhmm_range(at.de.0, at.a.0)
            )));
        }
    }
    Some(ci)
}

/// Per CIP and day: at most `max_rdv_jour` rdv, never two at once.
fn cip_days<'p>(
    sc: &Scenario,
    cip_day: BTreeMap<(usize, NaiveDate), Vec<Timed<'p>>>,
    out: &mut Vec<Violation>,
) {
    for ((ci, date), mut rdvs) in cip_day {
        let Some(cip) = sc.cips.get(ci) else { continue };
        let v = Violation::about(Rule::Presence, None, Some(&cip.id), Some(date));
        if let Some(max) = cip.max_rdv_jour
            && rdvs.len() > max as usize
        {
            out.push(v(format!("{} rdv dans la journée > max {max}", rdvs.len())));
        }
        rdvs.sort_by(|x, y| (x.0, x.1, &x.2.personne).cmp(&(y.0, y.1, &y.2.personne)));
        let mut prev: Option<(u32, &Affectation)> = None;
        for &(a, b, it) in &rdvs {
            if let Some((pb, pit)) = prev
                && a < pb
            {
                out.push(v(format!(
                    "rdv de {} ({}) et de {} ({}) en même temps",
                    pit.personne,
                    describe(pit),
                    it.personne,
                    describe(it)
                )));
            }
            if prev.is_none_or(|(pb, _)| b > pb) {
                prev = Some((b, it));
            }
        }
    }
}

/// Rule 3: for a salarié·e who is not `autonome`, on each day: the first item starts no earlier
/// than the earliest arrival at its place, the last ends no later than the latest departure
/// from its place; and no item is at a place with no way there or no way home that weekday.
pub fn rule_commute(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut days: BTreeMap<(usize, NaiveDate), Vec<Placed>> = BTreeMap::new();
    // Frozen days of a re-planning are the past: rule 3 is not checked on them.
    for it in items.iter().filter(|it| !sc.fige(it.date)) {
        let (Some(s), Some((a, b)), Some(l)) = (
            idx.salarie_of(it),
            span(it),
            it.lieu.as_deref().and_then(|l| facts.places.idx(l)),
        ) else {
            continue;
        };
        days.entry((s, it.date)).or_default().push((a, b, l, it));
    }
    let mut out = Vec::new();
    for ((s, date), day) in days {
        let Some(Some(table)) = facts.commute.get(s) else {
            continue;
        };
        let Some(sal) = sc.salaries.get(s) else {
            continue;
        };
        let j = jour(date).index();
        let arrive = |l: usize| {
            table
                .arrive
                .get(j)
                .and_then(|v| v.get(l))
                .copied()
                .flatten()
        };
        let depart = |l: usize| {
            table
                .depart
                .get(j)
                .and_then(|v| v.get(l))
                .copied()
                .flatten()
        };
        let v = Violation::about(Rule::Commute, Some(&sal.id), None, Some(date));
        let lieu = |it: &Affectation| it.lieu.clone().unwrap_or_default();
        for &(_, _, l, it) in &day {
            if arrive(l).is_none() {
                out.push(v(format!(
                    "{} : aucun moyen d'arriver à {} ce jour depuis le domicile",
                    describe(it),
                    lieu(it)
                )));
            }
            if depart(l).is_none() {
                out.push(v(format!(
                    "{} : aucun moyen de rentrer au domicile depuis {} ce jour",
                    describe(it),
                    lieu(it)
                )));
            }
        }
        if let Some(&(a, _, l, it)) = day.iter().min_by_key(|x| (x.0, x.1))
            && let Some(earliest) = arrive(l)
            && a < earliest
        {
            out.push(v(format!(
                "{} commence à {}, arrivée possible à {} au plus tôt {}",
                describe(it),
                fmt_hhmm(a),
                lieu(it),
                fmt_hhmm(earliest)
            )));
        }
        if let Some(&(_, b, l, it)) = day.iter().max_by_key(|x| (x.1, x.0))
            && let Some(latest) = depart(l)
            && b > latest
        {
            out.push(v(format!(
                "{} finit à {}, dernier départ possible de {} pour rentrer à {}",
                describe(it),
                fmt_hhmm(b),
                lieu(it),
                fmt_hhmm(latest)
            )));
        }
    }
    out
}

/// Rule 7: per person and day, at most `max_heures_jour` hours (a PMSMP day counts its
/// `heures`); items separated by less than `pause.minutes` form a block whose span is at most
/// `pause.apres_minutes` when it holds 2 items or more; per ISO week, at most
/// `max_jours_semaine` days with items.
pub(crate) fn rule_working_time(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let sc = cx.sc;
    let r = &sc.reglages;
    let mut out = Vec::new();
    let mut weeks: BTreeMap<(&str, IsoWeek), BTreeSet<NaiveDate>> = BTreeMap::new();
    for ((p, date), group) in by_person_day(items) {
        weeks
            .entry((p, IsoWeek::of(date)))
            .or_default()
            .insert(date);
        let v = Violation::about(Rule::WorkingTime, Some(p), None, Some(date));
        let total: f64 = group.iter().map(|it| it.hours()).sum();
        if total > r.max_heures_jour + 1e-6 {
            out.push(v(format!(
                "{} h de travail dans la journée > max {} h",
                fmt_num(total),
                fmt_num(r.max_heures_jour)
            )));
        }
        let t = timed(&group);
        let mut block: Option<(u32, u32, usize)> = None;
        let mut blocks = Vec::new();
        for &(a, b, _) in &t {
            block = match block {
                Some((s, e, n)) if a < e.saturating_add(r.pause.minutes) => {
                    Some((s, e.max(b), n + 1))
                }
                Some(done) => {
                    blocks.push(done);
                    Some((a, b, 1))
                }
                None => Some((a, b, 1)),
            };
        }
        blocks.extend(block);
        for (s, e, n) in blocks {
            if n >= 2 && e - s > r.pause.apres_minutes {
                out.push(v(format!(
                    "{} min de travail sans pause de {} min ({}), max {} min",
                    e - s,
                    r.pause.minutes,
                    hhmm_range(s, e),
                    r.pause.apres_minutes
                )));
            }
        }
    }
    for ((p, week), dates) in weeks {
        if dates.len() > r.max_jours_semaine as usize {
            out.push(Violation::new(
                Rule::WorkingTime,
                Some(p),
                None,
                dates.first().copied(),
                format!(
                    "{} jours travaillés la semaine {} > max {}",
                    dates.len(),
                    week.label(),
                    r.max_jours_semaine
                ),
            ));
        }
    }
    out
}

/// Rule 8: per person and ISO week, planned hours ≤ target × (1 + `heures_complementaires_max`)
/// for salarié·es, ≤ target for encadrant·es (tolerance 1e-6).
pub(crate) fn rule_hours_cap(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut sal: BTreeMap<(usize, IsoWeek), f64> = BTreeMap::new();
    let mut enc: BTreeMap<(usize, IsoWeek), f64> = BTreeMap::new();
    for it in items.iter().filter(|it| facts.days.contains(&it.date)) {
        let key = IsoWeek::of(it.date);
        if let Some(s) = idx.salarie_of(it) {
            *sal.entry((s, key)).or_default() += it.hours();
        } else if let Some(e) = idx.encadrant_of(it) {
            *enc.entry((e, key)).or_default() += it.hours();
        }
    }
    let mut out = Vec::new();
    let factor = 1.0 + sc.reglages.heures_complementaires_max;
    let mut check = |id: &str,
                     weeks: &[crate::model::targets::WeekTarget],
                     planned: &BTreeMap<(usize, IsoWeek), f64>,
                     i: usize,
                     f: f64,
                     what: &str| {
        for w in weeks {
            let p = planned.get(&(i, w.week)).copied().unwrap_or(0.0);
            let cap = w.target * f;
            if p > cap + 1e-6 {
                out.push(Violation::new(
                    Rule::HoursCap,
                    Some(id),
                    None,
                    facts
                        .days
                        .iter()
                        .find(|d| IsoWeek::of(**d) == w.week)
                        .copied(),
                    format!(
                        "{} h planifiées la semaine {} > {} h ({what})",
                        fmt_num(p),
                        w.week.label(),
                        fmt_num(cap)
                    ),
                ));
            }
        }
    };
    for (i, s) in sc.salaries.iter().enumerate() {
        if let Some(weeks) = facts.salarie_weeks.get(i) {
            check(
                &s.id,
                weeks,
                &sal,
                i,
                factor,
                "contrat et heures complémentaires",
            );
        }
    }
    for (i, e) in sc.encadrants.iter().enumerate() {
        if let Some(weeks) = facts.encadrant_weeks.get(i) {
            check(&e.id, weeks, &enc, i, 1.0, "heures hebdomadaires");
        }
    }
    out
}
