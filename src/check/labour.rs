//! The labour-code day rules of docs/regles.md: 11 (part-time day shape, Code du travail
//! L3123-30) and 12 (daily rest, L3131-1), read from the plan items with the shared facts of
//! [`crate::model::labour`].

use super::{Context, Index, Rule, Violation, fmt_num, span};
use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::fmt_hhmm;
use crate::model::labour::{
    self, PMSMP_DEBUT, PMSMP_FIN, PartTime, fmt_duree, interruptions, rest_between,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A known person: a salarié·e (`false`, index) or an encadrant·e (`true`, index).
type Person = (bool, usize);
/// A timed item of a day: start, end, place (when known).
type Timed = (u32, u32, Option<usize>);

/// The person an item belongs to, by its kind (rule 0 reports the others).
fn person(idx: &Index, it: &Affectation) -> Option<Person> {
    idx.encadrant_of(it)
        .map(|e| (true, e))
        .or_else(|| idx.salarie_of(it).map(|s| (false, s)))
}

fn id_and_hours(sc: &Scenario, p: Person) -> Option<(&str, f64)> {
    match p {
        (true, e) => sc
            .encadrants
            .get(e)
            .map(|x| (x.id.as_str(), x.heures_hebdo)),
        (false, s) => sc
            .salaries
            .get(s)
            .map(|x| (x.id.as_str(), x.contrat.heures_hebdo)),
    }
}

/// Rule 11: for a person whose weekly hours are below `duree_legale`, each day has at most
/// `temps_partiel.interruptions_max` interruptions, each of at most
/// `temps_partiel.interruption_max_minutes` (an interruption: a gap between two consecutive
/// timed items longer than the travel between their places plus `pause.minutes`; it lasts the
/// gap less the travel). Off when `interruptions_max` is `null`. An item at an unknown place
/// (rule 0) is taken as needing no travel.
pub fn rule_part_time_day(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let Some(pt) = PartTime::of(&sc.reglages) else {
        return Vec::new();
    };
    let mut days: BTreeMap<(Person, NaiveDate), Vec<Timed>> = BTreeMap::new();
    for it in items {
        let (Some(p), Some((a, b))) = (person(idx, it), span(it)) else {
            continue;
        };
        let place = it.lieu.as_deref().and_then(|l| facts.places.idx(l));
        days.entry((p, it.date)).or_default().push((a, b, place));
    }
    let travel = |x: Option<usize>, y: Option<usize>| match (x, y) {
        (Some(x), Some(y)) => facts.places.travel(x, y),
        _ => 0,
    };
    let mut out = Vec::new();
    for ((p, date), mut day) in days {
        let Some((id, hours)) = id_and_hours(sc, p) else {
            continue;
        };
        if !labour::is_part_time(&sc.reglages, hours) {
            continue;
        }
        day.sort_by_key(|&(a, b, _)| (a, b));
        let cuts = interruptions(&day, travel, pt.pause);
        let v = Violation::about(Rule::PartTimeDay, Some(id), None, Some(date));
        if cuts.len() > pt.max as usize {
            let list: Vec<String> = cuts
                .iter()
                .map(|c| format!("{}-{}", fmt_hhmm(c.from), fmt_hhmm(c.to)))
                .collect();
            out.push(v(format!(
                "{} interruption{} (au plus {}) : {} (temps partiel de {} h par semaine)",
                cuts.len(),
                if cuts.len() > 1 { "s" } else { "" },
                pt.max,
                list.join(", "),
                fmt_num(hours)
            )));
        }
        for c in cuts.iter().filter(|c| c.minutes > pt.max_minutes) {
            out.push(v(format!(
                "interruption de {} entre {} et {} (au plus {})",
                fmt_duree(c.minutes),
                fmt_hhmm(c.from),
                fmt_hhmm(c.to),
                fmt_duree(pt.max_minutes)
            )));
        }
    }
    out
}

/// Rule 12: for every person, between the end of the last timed item of a day and the start of
/// the first one of the next calendar day, at least `repos_quotidien_heures` hours (off when
/// `null`). A PMSMP day counts as 09:00-17:00.
pub fn rule_daily_rest(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, idx) = (cx.sc, &cx.idx);
    let Some(least) = labour::least_rest(&sc.reglages) else {
        return Vec::new();
    };
    // Per person and date: first start, last end.
    let mut days: BTreeMap<Person, BTreeMap<NaiveDate, (u32, u32)>> = BTreeMap::new();
    for it in items {
        let Some(p) = person(idx, it) else { continue };
        let s = match (it.type_, span(it)) {
            (_, Some(s)) => s,
            (TypeAffectation::Pmsmp, None) => (PMSMP_DEBUT, PMSMP_FIN),
            _ => continue,
        };
        days.entry(p)
            .or_default()
            .entry(it.date)
            .and_modify(|(a, b)| {
                *a = (*a).min(s.0);
                *b = (*b).max(s.1);
            })
            .or_insert(s);
    }
    let mut out = Vec::new();
    for (p, dates) in days {
        let Some((id, _)) = id_and_hours(sc, p) else {
            continue;
        };
        for (&date, &(_, end)) in &dates {
            let Some(next) = date.succ_opt() else {
                continue;
            };
            let Some(&(start, _)) = dates.get(&next) else {
                continue;
            };
            if labour::rest_ok(end, start, least) {
                continue;
            }
            out.push(Violation::new(
                Rule::DailyRest,
                Some(id),
                None,
                Some(date),
                format!(
                    "repos de {} entre le {date} {} et le {next} {} (au moins {} h)",
                    fmt_duree(rest_between(end, start)),
                    fmt_hhmm(end),
                    fmt_hhmm(start),
                    fmt_num(least / 60.0)
                ),
            ));
        }
    }
    out
}
