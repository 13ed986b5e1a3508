//! The independent plan checker (`regie verifier`).
//!
//! It re-verifies a plan from its items alone, against the scenario's derived facts
//! ([`crate::model::Facts`]), never from the kernel's variables: one public function per hard
//! rule of docs/regles.md (1 to 13), and the frozen days of a
//! re-planning (named after the rule, listed in `docs/regles.md`), plus
//! [`rule_items`] for malformed items (rule 0) and [`recompute_costs`] for the cost terms.
//!
//! Every rule function takes a [`Context`] (the scenario, its facts, the id lookups) and the
//! whole item list, and skips what it cannot interpret (an unknown person, an item without
//! times): those are rule 0's business, so each function can be called alone on any input
//! without panicking.

mod accompagnement;
mod costs;
mod entete;
mod fixes;
mod items;
mod labour;
mod personnes;
mod render;
mod replan;
mod vacations;

pub(crate) use accompagnement::{rule_ateliers_formations, rule_cip_rdv};
pub use costs::recompute_costs;
pub(crate) use costs::{RdvAndHours, rdv_and_hours};
pub use entete::{ecarts_recalcules, parse_plan_for, shortfalls};
pub(crate) use entete::{header_mismatches, read_plan_for, rule_declared};
pub(crate) use fixes::{Fixe, fixe_of, imposer_applies, rule_13_imposer_interdire};
pub(crate) use items::{check_header, rule_items};
pub use labour::{rule_daily_rest, rule_part_time_day};
pub use personnes::{rule_commute, rule_one_thing_at_a_time, rule_presence};
pub(crate) use personnes::{rule_hours_cap, rule_working_time};
pub(crate) use render::fmt_num;
pub use render::{parse_plan, read_plan, render_report};
pub(crate) use replan::{changements, cle, publies_comptes};
pub use replan::{compte, rule_frozen_days};
pub(crate) use vacations::{rule_encadrement, rule_shifts, rule_skills_and_restrictions};

use crate::format::plan::{Affectation, COST_TERMS, Plan, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::fmt_hhmm;
use crate::model::Facts;
use crate::model::shifts::Shift;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The hard rules of docs/regles.md (1 to 12), and 0 for malformed
/// items or header. A rule's number is its place in this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Rule 0: a malformed item or plan header.
    Items,
    /// Rule 1: one thing at a time, travel included.
    OneThingAtATime,
    /// Rule 2: presence (contract, availability, absences; the CIP's agenda).
    Presence,
    /// Rule 3: commute between home and work.
    Commute,
    /// Rule 4: shifts (starts, durations, crews).
    Shifts,
    /// Rule 5: encadrement ratio and supervision rights.
    Encadrement,
    /// Rule 6: skills and restrictions.
    SkillsAndRestrictions,
    /// Rule 7: daily hours, pause blocks, days a week.
    WorkingTime,
    /// Rule 8: the weekly hours cap.
    HoursCap,
    /// Rule 9: CIP rdv.
    CipRdv,
    /// Rule 10: ateliers, formations and PMSMP.
    AteliersFormations,
    /// Rule 11: the shape of a part-time day.
    PartTimeDay,
    /// Rule 12: daily rest.
    DailyRest,
    /// Rule 13: imposed and forbidden assignments.
    ImposerInterdire,
    /// Rule 14: the frozen days of a re-planning.
    JoursFiges,
}

impl Rule {
    /// Every rule, in number order.
    pub const ALL: [Rule; 15] = [
        Rule::Items,
        Rule::OneThingAtATime,
        Rule::Presence,
        Rule::Commute,
        Rule::Shifts,
        Rule::Encadrement,
        Rule::SkillsAndRestrictions,
        Rule::WorkingTime,
        Rule::HoursCap,
        Rule::CipRdv,
        Rule::AteliersFormations,
        Rule::PartTimeDay,
        Rule::DailyRest,
        Rule::ImposerInterdire,
        Rule::JoursFiges,
    ];

    /// The rule's number in docs/regles.md (0: malformed item or plan header).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The rule's full French name, numbered.
    pub fn nom(self) -> &'static str {
        match self {
            Rule::Items => "0. Éléments du plan",
            Rule::OneThingAtATime => "1. Une chose à la fois",
            Rule::Presence => "2. Présence",
            Rule::Commute => "3. Trajets domicile-travail",
            Rule::Shifts => "4. Vacations",
            Rule::Encadrement => "5. Encadrement",
            Rule::SkillsAndRestrictions => "6. Compétences et restrictions",
            Rule::WorkingTime => "7. Temps de travail",
            Rule::HoursCap => "8. Plafond d'heures",
            Rule::CipRdv => "9. Rendez-vous CIP",
            Rule::AteliersFormations => "10. Ateliers, formations et PMSMP",
            Rule::PartTimeDay => "11. Journée à temps partiel",
            Rule::DailyRest => "12. Repos quotidien",
            Rule::ImposerInterdire => "13. Imposé et interdit",
            Rule::JoursFiges => "14. Jours figés (replanification)",
        }
    }

    /// A short French label for one-line messages (`règle 4 (vacations)`).
    pub fn court(self) -> &'static str {
        match self {
            Rule::Items => "éléments",
            Rule::OneThingAtATime => "une chose à la fois",
            Rule::Presence => "présence",
            Rule::Commute => "trajets",
            Rule::Shifts => "vacations",
            Rule::Encadrement => "encadrement",
            Rule::SkillsAndRestrictions => "compétences",
            Rule::WorkingTime => "temps de travail",
            Rule::HoursCap => "plafond d'heures",
            Rule::CipRdv => "rdv CIP",
            Rule::AteliersFormations => "ateliers et formations",
            Rule::PartTimeDay => "temps partiel",
            Rule::DailyRest => "repos quotidien",
            Rule::ImposerInterdire => "imposé et interdit",
            Rule::JoursFiges => "jours figés",
        }
    }

    /// The rule's one name in the code: the checker's function that checks it (called by
    /// [`Rule::check`]), the kernel's family of constraint rows that implements it
    /// (`kernel::build::Model::add`) and, where there is one, the greedy start's check
    /// (`kernel::greedy`).
    pub const fn function(self) -> &'static str {
        match self {
            Rule::Items => "rule_items",
            Rule::OneThingAtATime => "rule_one_thing_at_a_time",
            Rule::Presence => "rule_presence",
            Rule::Commute => "rule_commute",
            Rule::Shifts => "rule_shifts",
            Rule::Encadrement => "rule_encadrement",
            Rule::SkillsAndRestrictions => "rule_skills_and_restrictions",
            Rule::WorkingTime => "rule_working_time",
            Rule::HoursCap => "rule_hours_cap",
            Rule::CipRdv => "rule_cip_rdv",
            Rule::AteliersFormations => "rule_ateliers_formations",
            Rule::PartTimeDay => "rule_part_time_day",
            Rule::DailyRest => "rule_daily_rest",
            Rule::ImposerInterdire => "rule_13_imposer_interdire",
            Rule::JoursFiges => "rule_frozen_days",
        }
    }

    /// The violations of this rule in `items`: its checker function, [`Rule::function`].
    pub fn check(self, sc: &Scenario, facts: &Facts, items: &[Affectation]) -> Vec<Violation> {
        let cx = &Context::new(sc, facts);
        match self {
            Rule::Items => rule_items(cx, items),
            Rule::OneThingAtATime => rule_one_thing_at_a_time(cx, items),
            Rule::Presence => rule_presence(cx, items),
            Rule::Commute => rule_commute(cx, items),
            Rule::Shifts => rule_shifts(cx, items),
            Rule::Encadrement => rule_encadrement(cx, items),
            Rule::SkillsAndRestrictions => rule_skills_and_restrictions(cx, items),
            Rule::WorkingTime => rule_working_time(cx, items),
            Rule::HoursCap => rule_hours_cap(cx, items),
            Rule::CipRdv => rule_cip_rdv(cx, items),
            Rule::AteliersFormations => rule_ateliers_formations(cx, items),
            Rule::PartTimeDay => rule_part_time_day(cx, items),
            Rule::DailyRest => rule_daily_rest(cx, items),
            Rule::ImposerInterdire => rule_13_imposer_interdire(cx, items),
            Rule::JoursFiges => rule_frozen_days(sc, items),
        }
    }
}

/// One broken rule: which rule, who or what, when, and what is wrong (in French).
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The person concerned, when there is one.
    pub personne: Option<String>,
    /// The day concerned, when there is one.
    pub date: Option<NaiveDate>,
    /// What is wrong, in French.
    pub message: String,
    /// The other subject concerned, when there is one: a chantier (shift rules), a CIP, an
    /// atelier or a formation id.
    pub sujet: Option<String>,
    /// A missing fixed item (rules 10 and 13): excused when a `conflit` écart names it.
    pub fixe: Option<Fixe>,
}

impl Violation {
    pub(crate) fn new(
        rule: Rule,
        personne: Option<&str>,
        sujet: Option<&str>,
        date: Option<NaiveDate>,
        message: String,
    ) -> Violation {
        Violation {
            rule,
            personne: personne.map(str::to_owned),
            date,
            message,
            sujet: sujet.map(str::to_owned),
            fixe: None,
        }
    }

    /// The violation of `rule` by `personne` on `sujet` at `date` for a message still to come:
    /// the closure a check calls once per problem it finds with the same who, what and when.
    pub(crate) fn about<'a>(
        rule: Rule,
        personne: Option<&'a str>,
        sujet: Option<&'a str>,
        date: Option<NaiveDate>,
    ) -> impl Fn(String) -> Violation + 'a {
        move |message| Violation::new(rule, personne, sujet, date, message)
    }

    /// `règle 4 (vacations) — halls-a 2026-12-01 : équipe de 5 > max 4`.
    pub fn line(&self) -> String {
        let mut who: Vec<String> = Vec::new();
        who.extend(self.personne.clone());
        who.extend(self.sujet.clone());
        who.extend(self.date.map(|d| d.to_string()));
        let who = if who.is_empty() {
            "plan".to_owned()
        } else {
            who.join(" ")
        };
        format!(
            "règle {} ({}) — {} : {}",
            self.rule.number(),
            self.rule.court(),
            who,
            self.message
        )
    }
}

/// The outcome of [`check_plan`].
#[derive(Debug, Clone)]
pub struct Report {
    /// Every broken rule, sorted by (rule, date, person, subject, message).
    pub violations: Vec<Violation>,
    /// Recomputed weighted cost per term of [`COST_TERMS`].
    pub costs: BTreeMap<String, f64>,
    /// Sum of [`Report::costs`].
    pub cost: f64,
    /// Differences between the declared `cout`/`couts` and the recomputation (French messages).
    pub cost_mismatch: Vec<String>,
}

impl Report {
    /// True when the plan breaks no rule and its declared cost is the recomputed one.
    pub fn ok(&self) -> bool {
        self.violations.is_empty() && self.cost_mismatch.is_empty()
    }
    /// The violations of one rule.
    pub fn of(&self, rule: Rule) -> Vec<&Violation> {
        self.violations.iter().filter(|v| v.rule == rule).collect()
    }
    /// The distinct rules broken, in order.
    pub fn rules(&self) -> BTreeSet<Rule> {
        self.violations.iter().map(|v| v.rule).collect()
    }
}

/// Sorts violations deterministically: rule, date, person, subject, message.
pub(crate) fn sort_violations(v: &mut [Violation]) {
    v.sort_by(|a, b| {
        (a.rule, a.date, &a.personne, &a.sujet, &a.message).cmp(&(
            b.rule,
            b.date,
            &b.personne,
            &b.sujet,
            &b.message,
        ))
    });
}

/// Every hard rule in order, each function with its rule, without the missing fixed items
/// (which a plan may leave out when it names them in a `conflit` écart: [`check_plan`] checks
/// that). The planner reads its plans with it.
pub fn all_rules(sc: &Scenario, facts: &Facts, items: &[Affectation]) -> Vec<Violation> {
    let mut v = rules_and_missing_fixed(sc, facts, items);
    v.retain(|x| x.fixe.is_none());
    v
}

/// Every hard rule in order, the missing fixed items included (rules 10 and 13).
pub(crate) fn rules_and_missing_fixed(
    sc: &Scenario,
    facts: &Facts,
    items: &[Affectation],
) -> Vec<Violation> {
    let mut v: Vec<Violation> = Rule::ALL
        .iter()
        .flat_map(|rule| rule.check(sc, facts, items))
        .collect();
    sort_violations(&mut v);
    v
}

/// Checks a plan: header, every hard rule, and the declared costs against the recomputation.
pub fn check_plan(sc: &Scenario, facts: &Facts, plan: &Plan) -> Report {
    let mut violations = check_header(sc, plan);
    violations.extend(rule_declared(sc, facts, plan));
    violations.extend(rules_and_missing_fixed(sc, facts, &plan.affectations));
    // A missing fixed item is allowed when a `conflit` écart names it (docs/regles.md, « Conflits »).
    violations.retain(|v| {
        v.fixe
            .as_ref()
            .is_none_or(|f| !plan.ecarts.iter().any(|e| f.named_by(e)))
    });
    sort_violations(&mut violations);
    let costs = recompute_costs(sc, facts, &plan.affectations);
    let cost: f64 = costs.values().sum();
    let mut cost_mismatch = Vec::new();
    for term in COST_TERMS {
        let computed = costs.get(term).copied().unwrap_or(0.0);
        match plan.couts.get(term) {
            // A plan written before the `conflit` and `changement` terms: read as 0.
            None if crate::format::plan::COST_TERMS_V2.contains(&term) && computed == 0.0 => {}
            None => cost_mismatch.push(format!(
                "coût « {term} » absent du plan (recalculé : {})",
                fmt_num(computed)
            )),
            Some(&declared) if !close(declared, computed) => cost_mismatch.push(format!(
                "coût « {term} » : déclaré {}, recalculé {}",
                fmt_num(declared),
                fmt_num(computed)
            )),
            Some(_) => {}
        }
    }
    for term in plan.couts.keys() {
        if !COST_TERMS.contains(&term.as_str()) {
            cost_mismatch.push(format!(
                "coût « {term} » inconnu (termes : {})",
                COST_TERMS.join(", ")
            ));
        }
    }
    if !close(plan.cout, cost) {
        cost_mismatch.push(format!(
            "coût total : déclaré {}, recalculé {}",
            fmt_num(plan.cout),
            fmt_num(cost)
        ));
    }
    Report {
        violations,
        costs,
        cost,
        cost_mismatch,
    }
}

/// Equal within 1e-6, relative to the larger magnitude (absolute below 1).
pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: id lookups, item spans, shifts and their crews.

/// What every rule function reads besides the items: the scenario, its derived facts, and the
/// id lookups built once from the scenario.
pub struct Context<'a> {
    /// The scenario the plan is checked against.
    pub sc: &'a Scenario,
    /// Its derived facts ([`Facts::new`]).
    pub facts: &'a Facts,
    pub(crate) idx: Index<'a>,
}

impl<'a> Context<'a> {
    /// The inputs of the rule functions for `sc` and its `facts`.
    pub fn new(sc: &'a Scenario, facts: &'a Facts) -> Context<'a> {
        Context {
            sc,
            facts,
            idx: Index::new(sc),
        }
    }
}

/// Id → index of every list of the scenario the items refer to.
pub(crate) struct Index<'a> {
    pub sal: BTreeMap<&'a str, usize>,
    pub enc: BTreeMap<&'a str, usize>,
    pub cip: BTreeMap<&'a str, usize>,
    pub chantier: BTreeMap<&'a str, usize>,
    pub atelier: BTreeMap<&'a str, usize>,
    pub formation: BTreeMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    pub fn new(sc: &'a Scenario) -> Index<'a> {
        fn ids<'a, T>(v: &'a [T], id: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, usize> {
            let mut m = BTreeMap::new();
            for (i, x) in v.iter().enumerate() {
                m.entry(id(x)).or_insert(i);
            }
            m
        }
        Index {
            sal: ids(&sc.salaries, |x| x.id.as_str()),
            enc: ids(&sc.encadrants, |x| x.id.as_str()),
            cip: ids(&sc.cips, |x| x.id.as_str()),
            chantier: ids(&sc.chantiers, |x| x.id.as_str()),
            atelier: ids(&sc.ateliers, |x| x.id.as_str()),
            formation: ids(&sc.formations, |x| x.id.as_str()),
        }
    }
    /// The salarié·e index of an item's person, for item kinds that are a salarié·e's.
    pub(crate) fn salarie_of(&self, it: &Affectation) -> Option<usize> {
        if it.type_ == TypeAffectation::Encadrement {
            return None;
        }
        self.sal.get(it.personne.as_str()).copied()
    }
    /// The encadrant·e index of an `encadrement` item's person.
    pub(crate) fn encadrant_of(&self, it: &Affectation) -> Option<usize> {
        if it.type_ != TypeAffectation::Encadrement {
            return None;
        }
        self.enc.get(it.personne.as_str()).copied()
    }
}

/// `[debut, fin)` of a timed item with `debut < fin`.
pub(crate) fn span(it: &Affectation) -> Option<(u32, u32)> {
    match (it.debut, it.fin) {
        (Some(a), Some(b)) if a.0 < b.0 => Some((a.0, b.0)),
        _ => None,
    }
}

pub(crate) fn hhmm_range(a: u32, b: u32) -> String {
    format!("{}-{}", fmt_hhmm(a), fmt_hhmm(b))
}

/// Short French description of an item: `production halls-a 06:30-10:00`.
pub(crate) fn describe_item(it: &Affectation) -> String {
    describe(it)
}

/// Short French description of an item: `production halls-a 06:30-10:00`.
pub(crate) fn describe(it: &Affectation) -> String {
    let kind = match it.type_ {
        TypeAffectation::Production => "production",
        TypeAffectation::Encadrement => "encadrement",
        TypeAffectation::RdvCip => "rdv CIP",
        TypeAffectation::Atelier => "atelier",
        TypeAffectation::Formation => "formation",
        TypeAffectation::Pmsmp => "PMSMP",
    };
    let id = it
        .chantier
        .as_deref()
        .or(it.cip.as_deref())
        .or(it.atelier.as_deref())
        .or(it.formation.as_deref());
    let mut s = kind.to_owned();
    if let Some(id) = id {
        s.push(' ');
        s.push_str(id);
    }
    if let Some((a, b)) = span(it) {
        s.push(' ');
        s.push_str(&hhmm_range(a, b));
    }
    s
}

/// The shift a `production`/`encadrement` item is on: same chantier and date, a start in
/// `debuts` and `fin = debut + duree`. When two vacations of a chantier both match (same start
/// and duration on one date), the first in `facts.shifts` order is taken.
pub(crate) fn shift_of(idx: &Index, facts: &Facts, it: &Affectation) -> Option<usize> {
    if !matches!(
        it.type_,
        TypeAffectation::Production | TypeAffectation::Encadrement
    ) {
        return None;
    }
    let c = *idx.chantier.get(it.chantier.as_deref()?)?;
    crate::model::shifts::shift_of(&facts.shifts, c, it.date, span(it)?)
}

/// Who is on a shift: distinct salarié·es (production items) and encadrant·es, and the starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Crew {
    pub salaries: BTreeSet<usize>,
    pub encadrants: BTreeSet<usize>,
    pub starts: BTreeSet<u32>,
}

impl Crew {
    pub fn runs(&self) -> bool {
        !self.salaries.is_empty() || !self.encadrants.is_empty()
    }
    pub fn size(&self) -> u32 {
        u32::try_from(self.salaries.len()).unwrap_or(u32::MAX)
    }
}

/// `crews[k]` is who is on `facts.shifts[k]` (only items of known people of the right role).
pub(crate) fn crews(idx: &Index, facts: &Facts, items: &[Affectation]) -> Vec<Crew> {
    let mut crews = vec![Crew::default(); facts.shifts.len()];
    for it in items {
        let Some(k) = shift_of(idx, facts, it) else {
            continue;
        };
        let (Some(crew), Some((a, _))) = (crews.get_mut(k), span(it)) else {
            continue;
        };
        let known = match it.type_ {
            TypeAffectation::Production => idx.salarie_of(it).map(|s| crew.salaries.insert(s)),
            TypeAffectation::Encadrement => idx.encadrant_of(it).map(|e| crew.encadrants.insert(e)),
            _ => None,
        };
        if known.is_some() {
            crew.starts.insert(a);
        }
    }
    crews
}

/// `halls-a 06:30-10:00` style label of a shift, using the chosen start when there is one.
pub(crate) fn shift_window(shift: &Shift, crew: &Crew) -> String {
    let start = crew
        .starts
        .first()
        .copied()
        .or_else(|| shift.debuts.first().copied())
        .unwrap_or(0);
    hhmm_range(start, start + shift.duree)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(fmt_num(20238.0), "20238");
        assert_eq!(fmt_num(5.2), "5,2");
        assert_eq!(fmt_num(256.400_000_000_1), "256,4");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(1.0 / 3.0), "0,333333");
    }

    #[test]
    fn cost_tolerance_is_relative_above_one() {
        assert!(close(20238.0, 20238.0 + 0.01));
        assert!(!close(20238.0, 20238.1));
        assert!(close(0.0, 5e-7));
        assert!(!close(0.0, 2e-6));
    }

    #[test]
    fn rule_numbers_and_names() {
        let numbers: Vec<u8> = Rule::ALL.iter().map(|r| r.number()).collect();
        assert_eq!(numbers, (0..=14).collect::<Vec<u8>>());
        assert_eq!(Rule::OneThingAtATime.nom(), "1. Une chose à la fois");
        assert_eq!(Rule::PartTimeDay.nom(), "11. Journée à temps partiel");
        assert_eq!(Rule::DailyRest.nom(), "12. Repos quotidien");
        for r in Rule::ALL {
            assert!(r.nom().starts_with(&format!("{}. ", r.number())), "{r:?}");
        }
        assert_eq!(Rule::Shifts.court(), "vacations");
        let v = Violation::new(Rule::Shifts, None, Some("halls-a"), None, "x".into());
        assert_eq!(v.line(), "règle 4 (vacations) — halls-a : x");
        let v = Violation::new(Rule::Items, None, None, None, "y".into());
        assert_eq!(v.line(), "règle 0 (éléments) — plan : y");
    }

    /// Each rule's one name ([`Rule::function`]) is the name of the function that checks it.
    #[test]
    fn each_rule_is_named_by_its_checker_function() {
        use std::any::type_name_of_val as path;
        let functions = [
            (Rule::Items, path(&rule_items)),
            (Rule::OneThingAtATime, path(&rule_one_thing_at_a_time)),
            (Rule::Presence, path(&rule_presence)),
            (Rule::Commute, path(&rule_commute)),
            (Rule::Shifts, path(&rule_shifts)),
            (Rule::Encadrement, path(&rule_encadrement)),
            (
                Rule::SkillsAndRestrictions,
                path(&rule_skills_and_restrictions),
            ),
            (Rule::WorkingTime, path(&rule_working_time)),
            (Rule::HoursCap, path(&rule_hours_cap)),
            (Rule::CipRdv, path(&rule_cip_rdv)),
            (Rule::AteliersFormations, path(&rule_ateliers_formations)),
            (Rule::PartTimeDay, path(&rule_part_time_day)),
            (Rule::DailyRest, path(&rule_daily_rest)),
            (Rule::ImposerInterdire, path(&rule_13_imposer_interdire)),
            (Rule::JoursFiges, path(&rule_frozen_days)),
        ];
        assert_eq!(functions.map(|(r, _)| r), Rule::ALL);
        for (rule, path) in functions {
            assert!(
                path.ends_with(&format!("::{}", rule.function())),
                "{rule:?}: {path}"
            );
        }
    }
}
