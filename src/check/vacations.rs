//! Shift rules: 4 (shifts), 5 (encadrement), 6 (skills and restrictions).

use super::{Context, Crew, Rule, Violation, crews, describe, shift_of, shift_window, span};
use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::fmt_hhmm;
use crate::model::shifts::Shift;

fn shift_violation(sc: &Scenario, rule: Rule, shift: &Shift, message: String) -> Violation {
    let chantier = sc.chantiers.get(shift.chantier).map(|c| c.id.as_str());
    Violation::new(rule, None, chantier, Some(shift.date), message)
}

/// Rule 4: every production/encadrement item is on a shift of its chantier (a start among
/// `debuts`, `fin = debut + duree`); all items of a shift share one start; crew ≤ `equipe.max`,
/// ≥ 1 when the shift runs, ≥ `equipe.min` when an optional shift runs.
pub(crate) fn rule_shifts(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    for it in items {
        if !matches!(
            it.type_,
            TypeAffectation::Production | TypeAffectation::Encadrement
        ) || span(it).is_none()
        {
            continue;
        }
        let Some(c) = it
            .chantier
            .as_deref()
            .and_then(|c| idx.chantier.get(c).copied())
        else {
            continue;
        };
        if shift_of(idx, facts, it).is_some() {
            continue;
        }
        let options: Vec<String> = facts
            .shifts
            .iter()
            .filter(|s| s.chantier == c && s.date == it.date)
            .map(|s| {
                let starts: Vec<String> = s.debuts.iter().map(|&d| fmt_hhmm(d)).collect();
                format!("débuts {} pour {}", starts.join(", "), fmt_hhmm(s.duree))
            })
            .collect();
        let why = if options.is_empty() {
            "aucune vacation ce jour".to_owned()
        } else {
            format!("vacations du jour : {}", options.join(" ; "))
        };
        out.push(Violation::new(
            Rule::Shifts,
            Some(&it.personne),
            it.chantier.as_deref(),
            Some(it.date),
            format!("{} ne correspond à aucune vacation ({why})", describe(it)),
        ));
    }
    for (shift, crew) in facts.shifts.iter().zip(crews(idx, facts, items)) {
        let win = shift_window(shift, &crew);
        let mut v = |m: String| out.push(shift_violation(sc, Rule::Shifts, shift, m));
        if crew.starts.len() > 1 {
            let starts: Vec<String> = crew.starts.iter().map(|&d| fmt_hhmm(d)).collect();
            v(format!(
                "plusieurs débuts sur la même vacation : {}",
                starts.join(", ")
            ));
        }
        let n = crew.size();
        if n > shift.max {
            v(format!(
                "équipe de {n} > max {} (vacation {win})",
                shift.max
            ));
        }
        if crew.runs() && n == 0 {
            v(format!("vacation {win} tenue sans aucun·e salarié·e"));
        }
        if shift.optionnelle && n > 0 && n < shift.min {
            v(format!(
                "vacation optionnelle {win} tenue avec une équipe de {n} < min {}",
                shift.min
            ));
        }
    }
    out
}

/// Rule 5: on every running shift with ratio r > 0, crew ≤ r × encadrant·es, and each of them
/// may supervise the chantier's activité; with r = 0, no encadrant·e on it.
pub(crate) fn rule_encadrement(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    for (shift, crew) in facts.shifts.iter().zip(crews(idx, facts, items)) {
        if !crew.runs() {
            continue;
        }
        let Some(chantier) = sc.chantiers.get(shift.chantier) else {
            continue;
        };
        let win = shift_window(shift, &crew);
        let n = crew.size();
        let m = u32::try_from(crew.encadrants.len()).unwrap_or(u32::MAX);
        if shift.ratio == 0 {
            if m > 0 {
                out.push(shift_violation(
                    sc,
                    Rule::Encadrement,
                    shift,
                    format!("vacation {win} sans encadrement (ratio 0) mais {m} encadrant·e(s)"),
                ));
            }
            continue;
        }
        if u64::from(n) > u64::from(shift.ratio) * u64::from(m) {
            out.push(shift_violation(
                sc,
                Rule::Encadrement,
                shift,
                format!(
                    "vacation {win} : équipe de {n} pour {m} encadrant·e(s), ratio {} max",
                    shift.ratio
                ),
            ));
        }
        for e in crew.encadrants.iter().filter_map(|&e| sc.encadrants.get(e)) {
            if !e.can_supervise(&chantier.activite) {
                out.push(Violation::new(
                    Rule::Encadrement,
                    Some(&e.id),
                    Some(&chantier.id),
                    Some(shift.date),
                    format!(
                        "vacation {win} : ne peut pas encadrer l'activité « {} »",
                        chantier.activite
                    ),
                ));
            }
        }
    }
    out
}

/// Rule 6: every crew member holds each of `competences_toutes`; for each skill of
/// `competences_une`, someone on the shift (crew or encadrant·e) holds it; no salarié·e works on
/// an activité listed in their `restrictions`.
pub(crate) fn rule_skills_and_restrictions(cx: &Context, items: &[Affectation]) -> Vec<Violation> {
    let (sc, facts, idx) = (cx.sc, cx.facts, &cx.idx);
    let mut out = Vec::new();
    for it in items
        .iter()
        .filter(|it| it.type_ == TypeAffectation::Production)
    {
        let (Some(s), Some(c)) = (
            idx.salarie_of(it).and_then(|s| sc.salaries.get(s)),
            it.chantier
                .as_deref()
                .and_then(|c| idx.chantier.get(c))
                .and_then(|&c| sc.chantiers.get(c)),
        ) else {
            continue;
        };
        let v = Violation::about(
            Rule::SkillsAndRestrictions,
            Some(&s.id),
            Some(&c.id),
            Some(it.date),
        );
        for skill in &c.competences_toutes {
            if !s.competences.contains(skill) {
                out.push(v(format!(
                    "{} : compétence « {skill} » requise de toute l'équipe",
                    describe(it)
                )));
            }
        }
        if s.restrictions.contains(&c.activite) {
            out.push(v(format!(
                "{} : restriction médicale sur l'activité « {} »",
                describe(it),
                c.activite
            )));
        }
    }
    for (shift, crew) in facts.shifts.iter().zip(crews(idx, facts, items)) {
        if !crew.runs() {
            continue;
        }
        let Some(chantier) = sc.chantiers.get(shift.chantier) else {
            continue;
        };
        for skill in &chantier.competences_une {
            if !holds(sc, &crew, skill) {
                out.push(shift_violation(
                    sc,
                    Rule::SkillsAndRestrictions,
                    shift,
                    format!(
                        "vacation {} : personne sur la vacation n'a la compétence « {skill} »",
                        shift_window(shift, &crew)
                    ),
                ));
            }
        }
    }
    out
}

fn holds(sc: &Scenario, crew: &Crew, skill: &String) -> bool {
    crew.salaries
        .iter()
        .filter_map(|&s| sc.salaries.get(s))
        .any(|s| s.competences.contains(skill))
        || crew
            .encadrants
            .iter()
            .filter_map(|&e| sc.encadrants.get(e))
            .any(|e| e.competences.contains(skill))
}
