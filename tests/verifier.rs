//! `regie verifier`: the independent checker on hand-built plans for `scenarios/exemple.yaml`.
//!
//! The valid plan `tests/fixtures/plans/exemple-valide.json` (week 2026-W49, Mon 11-30 to Fri
//! 12-04) holds:
//! - Mon 11-30: halls-a 06:30-10:00 at residence-a, crew s01 s04 s11 (bus 3 leaves
//!   quartier-ouest 06:05, reaches residence-a 06:22), e01 (nettoyage); espaces-verts
//!   08:00-11:30 at parc-nord, crew s07 s08 s10 (s07, s10 walk 35 min from quartier-nord),
//!   e02 (espaces_verts); s02 rdv cip-1 13:30-14:00 (November's second rdv); s08 locaux-regie
//!   13:30-15:30 (optional, ratio 0, 20 min walk from parc-nord).
//! - Tue 12-01: s01 rdv cip-1 13:30-14:00 then atelier at-num-1 14:00-16:00 (besoin numerique);
//!   s03 at-num-1 (inscrite).
//! - Wed 12-02: s02 and s09 on both sst-dec séances at organisme-x (s09: bus 3 then bus 5,
//!   arrives 08:20, leaves 16:40).
//! - Thu 12-03, Fri 12-04: s05 PMSMP, 26 / 5 = 5.2 h a day.
//!
//! Its cost, by hand (weights: the defaults):
//! - production: unstaffed non-optional shifts, (min − crew) × hours × priorité:
//!   halls-a Tue-Fri 4 × 3 × 3.5 × 2 = 84; espaces-verts morning Tue-Thu 3 × 3 × 3.5 = 31.5;
//!   espaces-verts afternoon Mon, Tue, Thu 3 × 2 × 3 = 18; encombrants Tue, Fri 2 × 2 × 4 = 16;
//!   total 149.5 × 100 = 14950.
//! - rdv_cip_retard: November (f = 1, R = 2): s02 has 1 + 1 planned, everyone else 2 done;
//!   December: f = 4/31, R = floor(2 × 4/31) = 0. Total 0.
//! - rdv_cip_restant: November 0; December 12 salarié·es × 2 − s01's rdv = 23 × 5 = 115.
//! - heures_sous_contrat: targets 26+26+20+35+26+24+26+24 (s08, absent Wed)+26+20+35+20.8
//!   (s12, from 12-01) = 308.8; planned s01 6, s02 7.5, s03 2, s04 3.5, s05 10.4, s07 3.5,
//!   s08 5.5, s09 7, s10 3.5, s11 3.5 = 52.4; 256.4 × 20 = 5128.
//! - heures_complementaires: 0.
//! - besoin_atelier: s03 recherche_emploi, s04 recherche_emploi, s09 numerique, s12 numerique
//!   and recherche_emploi = 5 × 8 = 40 (s01 and s03 attend at-num-1; s06's fle has no atelier).
//! - preference: s10 (espaces-verts only) is on espaces-verts: 0.
//! - eviter: s10 avoids s07, both on espaces-verts Monday: 1 × 5 = 5.
//! - cout = 14950 + 115 + 5128 + 40 + 5 = 20238.

use TypeAffectation::{Atelier, Encadrement, Formation, Pmsmp, Production, RdvCip};
use regie_planner::check::{
    Context, Report, Rule, check_plan, ecarts_recalcules, parse_plan, read_plan, recompute_costs,
    render_report, rule_commute, rule_daily_rest, rule_one_thing_at_a_time, rule_part_time_day,
    rule_presence,
};
use regie_planner::format::plan::{Affectation, Plan, TypeAffectation};
use regie_planner::format::scenario::Scenario;
use regie_planner::format::time::Heure;
use regie_planner::model::Facts;
use regie_planner::model::load::load_str;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const VALID: &str = "tests/fixtures/plans/exemple-valide.json";
const EXEMPLE: &str = "scenarios/exemple.yaml";

fn exemple() -> Scenario {
    regie_planner::model::load::load_scenario(Path::new(EXEMPLE))
        .expect("exemple.yaml")
        .scenario
}

fn valid() -> Plan {
    read_plan(Path::new(VALID)).expect("plan valide")
}

/// Checks a plan whose items a test edited by hand, its list `ecarts` brought up to date first
/// (the tests of the declared list itself are in tests/fiabilite.rs).
fn check(sc: &Scenario, plan: &Plan) -> Report {
    let facts = Facts::new(sc);
    let mut plan = plan.clone();
    plan.ecarts = ecarts_recalcules(sc, &facts, &plan);
    check_plan(sc, &facts, &plan)
}

fn rules(r: &Report) -> BTreeSet<Rule> {
    r.rules()
}

fn h(s: &str) -> Option<Heure> {
    regie_planner::format::time::parse_hhmm(s).map(Heure)
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

/// Index of the item of `personne` of kind `type_` on `date` starting at `debut`.
fn find(plan: &Plan, personne: &str, type_: TypeAffectation, date: &str, debut: &str) -> usize {
    plan.affectations
        .iter()
        .position(|it| {
            it.personne == personne
                && it.type_ == type_
                && it.date == d(date)
                && (it.debut.is_none() || it.debut == h(debut))
        })
        .expect("élément du plan")
}

fn timed(
    personne: &str,
    type_: TypeAffectation,
    date: &str,
    debut: &str,
    fin: &str,
    lieu: &str,
) -> Affectation {
    Affectation {
        personne: personne.into(),
        type_,
        chantier: None,
        cip: None,
        atelier: None,
        formation: None,
        date: d(date),
        debut: h(debut),
        fin: h(fin),
        lieu: Some(lieu.into()),
        heures: None,
    }
}

fn production(
    p: &str,
    kind: TypeAffectation,
    chantier: &str,
    date: &str,
    de: &str,
    a: &str,
    lieu: &str,
) -> Affectation {
    Affectation {
        chantier: Some(chantier.into()),
        ..timed(p, kind, date, de, a, lieu)
    }
}

fn rdv(p: &str, date: &str, de: &str, a: &str) -> Affectation {
    Affectation {
        cip: Some("cip-1".into()),
        ..timed(p, RdvCip, date, de, a, "regie")
    }
}

fn only(r: &Report, rule: Rule) {
    assert_eq!(
        rules(r),
        BTreeSet::from([rule]),
        "violations : {:#?}",
        r.violations
    );
}

/// `plan` checked against `sc`: only `rule` is broken (`n` times when given). The report comes
/// back for the test's own asserts.
#[track_caller]
fn breaks(sc: &Scenario, plan: &Plan, rule: Rule, n: Option<usize>) -> Report {
    let r = check(sc, plan);
    only(&r, rule);
    if let Some(n) = n {
        assert_eq!(r.violations.len(), n, "{:#?}", r.violations);
    }
    r
}

/// The people of `r`'s violations, in order.
fn who(r: &Report) -> Vec<&str> {
    r.violations
        .iter()
        .filter_map(|v| v.personne.as_deref())
        .collect()
}

/// Exactly the rules `broken` are broken in `r`.
#[track_caller]
fn broken(r: &Report, broken: &[Rule]) {
    assert_eq!(rules(r), BTreeSet::from_iter(broken.iter().copied()));
}

/// The first violation of `rule` in `r` says `fragment`.
#[track_caller]
fn says_of(r: &Report, rule: Rule, fragment: &str) {
    let m = &r.of(rule)[0].message;
    assert!(m.contains(fragment), "« {fragment} » absent de : {m}");
}

/// Violation `i` of `r` says `fragment`.
#[track_caller]
fn says(r: &Report, i: usize, fragment: &str) {
    let m = &r.violations[i].message;
    assert!(m.contains(fragment), "« {fragment} » absent de : {m}");
}

/// Violation `i` of `r` ends with `fragment`.
#[track_caller]
fn ends_with(r: &Report, i: usize, fragment: &str) {
    let m = &r.violations[i].message;
    assert!(m.ends_with(fragment), "« {fragment} » ne termine pas : {m}");
}

/// Item `i` of `plan` moved to `debut`-`fin`.
fn retime(plan: &mut Plan, i: usize, debut: &str, fin: &str) {
    plan.affectations[i].debut = h(debut);
    plan.affectations[i].fin = h(fin);
}

// --- The valid plan --------------------------------------------------------------------------

#[test]
fn valid_plan_passes_with_hand_computed_cost() {
    let sc = exemple();
    let plan = valid();
    let r = check(&sc, &plan);
    assert!(r.violations.is_empty(), "{:#?}", r.violations);
    assert!(r.cost_mismatch.is_empty(), "{:#?}", r.cost_mismatch);
    assert!(r.ok());
    let expected = [
        ("production", 14950.0),
        ("rdv_cip_retard", 0.0),
        ("rdv_cip_restant", 115.0),
        ("heures_sous_contrat", 5128.0),
        ("heures_complementaires", 0.0),
        ("besoin_atelier", 40.0),
        ("preference", 0.0),
        ("eviter", 5.0),
    ];
    for (k, v) in expected {
        assert!(
            (r.costs[k] - v).abs() < 1e-6,
            "{k} : {} au lieu de {v}",
            r.costs[k]
        );
    }
    assert!((r.cost - 20238.0).abs() < 1e-6);
    let text = render_report(&r, &plan);
    assert!(text.ends_with("Plan conforme : aucune règle enfreinte, coût 20238 vérifié.\n"));
}

// --- One crafted plan per hard rule ----------------------------------------------------------

#[test]
fn rule_1_overlapping_items() {
    let (sc, mut plan) = (exemple(), valid());
    // s01's rdv moved onto the atelier it preceded.
    let i = find(&plan, "s01", RdvCip, "2026-12-01", "13:30");
    retime(&mut plan, i, "14:00", "14:30");
    let r = breaks(&sc, &plan, Rule::OneThingAtATime, Some(1));
    assert_eq!(r.violations[0].personne.as_deref(), Some("s01"));
    assert_eq!(r.violations[0].date, Some(d("2026-12-01")));
}

#[test]
fn rule_1_nothing_else_on_a_pmsmp_day() {
    let (sc, mut plan) = (exemple(), valid());
    // s05 (no référent, Dec: 0 held) would be a fine rdv on any other day.
    plan.affectations
        .push(rdv("s05", "2026-12-03", "09:00", "09:30"));
    let r = breaks(&sc, &plan, Rule::OneThingAtATime, None);
    assert_eq!(r.violations[0].personne.as_deref(), Some("s05"));
}

#[test]
fn rule_1_travel_time_between_places() {
    let mut sc = exemple();
    let mut plan = valid();
    // at-num-1 moves to parc-nord: s01's rdv at the régie ends 14:00, the atelier starts 14:00
    // 20 min away. (s03 walks to parc-nord in 35 min; s01 takes the 17:40 bus home.)
    sc.ateliers[0].lieu = "parc-nord".into();
    for it in plan
        .affectations
        .iter_mut()
        .filter(|it| it.atelier.is_some())
    {
        it.lieu = Some("parc-nord".into());
    }
    let r = breaks(&sc, &plan, Rule::OneThingAtATime, Some(1));
    says(&r, 0, "il en faut 20");
    assert_eq!(
        rule_one_thing_at_a_time(&Context::new(&sc, &Facts::new(&sc)), &plan.affectations).len(),
        1
    );
}

#[test]
fn rule_2_cip_not_available() {
    let (sc, mut plan) = (exemple(), valid());
    // cip-1 works from 13:30 on Mondays.
    let i = find(&plan, "s02", RdvCip, "2026-11-30", "13:30");
    retime(&mut plan, i, "13:00", "13:30");
    let r = breaks(&sc, &plan, Rule::Presence, Some(1));
    assert_eq!(r.violations[0].sujet.as_deref(), Some("cip-1"));
}

#[test]
fn rule_2_outside_the_contract_and_absent() {
    let (sc, mut plan) = (exemple(), valid());
    // s12's contract starts 12-01: not on Monday's espaces-verts.
    let i = find(&plan, "s08", Production, "2026-11-30", "08:00");
    plan.affectations[i].personne = "s12".into();
    let r = breaks(&sc, &plan, Rule::Presence, None);
    says(&r, 0, "hors contrat");

    // s08 is absent all day on 12-02.
    let mut plan = valid();
    let i = find(&plan, "s02", RdvCip, "2026-11-30", "13:30");
    plan.affectations[i].personne = "s08".into();
    plan.affectations[i].date = d("2026-12-02");
    let facts = Facts::new(&sc);
    let v = rule_presence(&Context::new(&sc, &facts), &plan.affectations);
    // s08 absent, and cip-1 does not work on Wednesdays.
    assert_eq!(v.len(), 2, "{v:#?}");
    assert!(v.iter().any(|x| x.message.contains("pendant une absence")));
}

#[test]
fn rule_3_no_bus_early_enough() {
    let mut sc = exemple();
    let plan = valid();
    // Without the 06:05 bus, the first reaches residence-a at 07:07: too late for 06:30.
    sc.transports[0].courses.remove(0);
    let r = breaks(&sc, &plan, Rule::Commute, None);
    assert_eq!(who(&r), ["s01", "s04", "s11"]);
    says(&r, 0, "07:07");
}

#[test]
fn rule_3_place_with_no_way_there() {
    let mut sc = exemple();
    let plan = valid();
    // s07 walks; from quartier-ouest no walk reaches parc-nord.
    sc.salaries[6].domicile = Some("quartier-ouest".into());
    let facts = Facts::new(&sc);
    let v = rule_commute(&Context::new(&sc, &facts), &plan.affectations);
    assert_eq!(v.len(), 2, "{v:#?}"); // no way there, no way home
    breaks(&sc, &plan, Rule::Commute, None);
}

#[test]
fn rule_4_items_of_one_shift_with_two_starts() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s04", Production, "2026-11-30", "06:30");
    retime(&mut plan, i, "07:00", "10:30");
    let r = breaks(&sc, &plan, Rule::Shifts, Some(1));
    says(&r, 0, "06:30, 07:00");
}

#[test]
fn rule_4_crew_over_max_and_wrong_duration() {
    let (sc, mut plan) = (exemple(), valid());
    for p in ["s06", "s09"] {
        plan.affectations.push(production(
            p,
            Production,
            "halls-a",
            "2026-11-30",
            "06:30",
            "10:00",
            "residence-a",
        ));
    }
    let r = breaks(&sc, &plan, Rule::Shifts, None);
    assert_eq!(
        r.violations[0].line(),
        "règle 4 (vacations) — halls-a 2026-11-30 : équipe de 5 > max 4 (vacation 06:30-10:00)"
    );

    let mut plan = valid();
    let i = find(&plan, "s08", Production, "2026-11-30", "13:30");
    plan.affectations[i].fin = h("16:00");
    let r = breaks(&sc, &plan, Rule::Shifts, None);
    says(&r, 0, "aucune vacation");
}

#[test]
fn rule_5_missing_encadrant_and_wrong_activity() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "e01", Encadrement, "2026-11-30", "06:30");
    plan.affectations.remove(i);
    breaks(&sc, &plan, Rule::Encadrement, Some(1));

    // e01 (nettoyage, encombrants) and e02 (espaces_verts) swapped.
    let mut plan = valid();
    let i = find(&plan, "e01", Encadrement, "2026-11-30", "06:30");
    let j = find(&plan, "e02", Encadrement, "2026-11-30", "08:00");
    plan.affectations[i].personne = "e02".into();
    plan.affectations[j].personne = "e01".into();
    breaks(&sc, &plan, Rule::Encadrement, Some(2));
}

#[test]
fn rule_5_no_encadrant_on_a_ratio_0_shift() {
    let (sc, mut plan) = (exemple(), valid());
    plan.affectations.push(production(
        "e03",
        Encadrement,
        "locaux-regie",
        "2026-11-30",
        "13:30",
        "15:30",
        "regie",
    ));
    breaks(&sc, &plan, Rule::Encadrement, None);
}

#[test]
fn rule_6_medical_restriction() {
    let (sc, mut plan) = (exemple(), valid());
    // Tuesday encombrants: s07 (restricted from encombrants), s08, e01 (permis_b).
    for (p, k) in [
        ("s07", Production),
        ("s08", Production),
        ("e01", Encadrement),
    ] {
        plan.affectations.push(production(
            p,
            k,
            "encombrants",
            "2026-12-01",
            "08:00",
            "12:00",
            "regie",
        ));
    }
    let r = breaks(&sc, &plan, Rule::SkillsAndRestrictions, Some(1));
    assert_eq!(r.violations[0].personne.as_deref(), Some("s07"));

    // Same crew with e02 instead of e01: nobody holds permis_b (and e02 cannot supervise).
    let n = plan.affectations.len();
    plan.affectations[n - 1].personne = "e02".into();
    plan.affectations.remove(n - 3); // s07
    plan.affectations.push(production(
        "s12",
        Production,
        "encombrants",
        "2026-12-01",
        "08:00",
        "12:00",
        "regie",
    ));
    let r = check(&sc, &plan);
    broken(&r, &[Rule::Encadrement, Rule::SkillsAndRestrictions]);
    says_of(&r, Rule::SkillsAndRestrictions, "permis_b");
}

#[test]
fn rule_6_skill_required_of_every_crew_member() {
    let mut sc = exemple();
    sc.chantiers[0].competences_toutes = vec!["permis_b".into()];
    let r = check(&sc, &valid());
    only(&r, Rule::SkillsAndRestrictions);
    assert_eq!(who(&r), ["s01", "s04"]); // s11 holds permis_b
}

#[test]
fn rule_7_break_and_days_per_week() {
    let mut sc = exemple();
    // s01 on Tuesday: rdv 13:30-14:00 then atelier 14:00-16:00, 150 min without a break.
    sc.reglages.pause.apres_minutes = 120;
    let r = check(&sc, &valid());
    only(&r, Rule::WorkingTime);
    assert_eq!(r.violations.len(), 1);
    assert_eq!(r.violations[0].personne.as_deref(), Some("s01"));

    let mut sc = exemple();
    sc.reglages.max_jours_semaine = 1;
    let r = check(&sc, &valid());
    only(&r, Rule::WorkingTime);
    assert_eq!(who(&r), ["s01", "s02", "s05"]);

    let mut sc = exemple();
    sc.reglages.max_heures_jour = 6.0;
    let r = check(&sc, &valid());
    only(&r, Rule::WorkingTime);
    assert_eq!(who(&r), ["s02", "s09"]); // 7 h of formation on Wednesday
}

#[test]
fn rule_8_hours_cap() {
    let mut sc = exemple();
    // s02: 7.5 h planned > 5 × 1.1 = 5.5.
    sc.salaries[1].contrat.heures_hebdo = 5.0;
    let r = check(&sc, &valid());
    only(&r, Rule::HoursCap);
    says(&r, 0, "7,5 h");
    says(&r, 0, "> 5,5 h");

    // e02: 3.5 h > 3 h, no heures complémentaires for encadrant·es.
    let mut sc = exemple();
    sc.encadrants[1].heures_hebdo = 3.0;
    let r = check(&sc, &valid());
    only(&r, Rule::HoursCap);
    assert_eq!(r.violations[0].personne.as_deref(), Some("e02"));
}

#[test]
fn rule_9_duration_week_and_month() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s02", RdvCip, "2026-11-30", "13:30");
    plan.affectations[i].fin = h("14:15");
    let r = breaks(&sc, &plan, Rule::CipRdv, None);
    says(&r, 0, "45 min au lieu de 30");

    // A second rdv for s01 on Monday: 2 in W49 > 1, and November 2 held + 1 > 2. (After the
    // halls 06:30-10:00, 4 h of interruption: rule 11 is turned off here.)
    let mut sc = sc;
    sc.reglages.temps_partiel.interruptions_max = None;
    let mut plan = valid();
    plan.affectations
        .push(rdv("s01", "2026-11-30", "14:00", "14:30"));
    breaks(&sc, &plan, Rule::CipRdv, Some(2));
}

#[test]
fn rule_10_inscrit_missing_and_unneeded_atelier() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s03", Atelier, "2026-12-01", "14:00");
    plan.affectations.remove(i);
    let r = breaks(&sc, &plan, Rule::AteliersFormations, None);
    assert_eq!(r.violations[0].personne.as_deref(), Some("s03"));

    // s07 has no numerique need.
    let mut plan = valid();
    plan.affectations.push(Affectation {
        atelier: Some("at-num-1".into()),
        ..timed("s07", Atelier, "2026-12-01", "14:00", "16:00", "regie")
    });
    breaks(&sc, &plan, Rule::AteliersFormations, None);
}

#[test]
fn rule_10_formation_and_pmsmp_days() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s09", Formation, "2026-12-02", "13:00");
    plan.affectations.remove(i);
    breaks(&sc, &plan, Rule::AteliersFormations, None);

    let mut plan = valid();
    let i = find(&plan, "s05", Pmsmp, "2026-12-04", "");
    plan.affectations[i].heures = Some(4.0);
    let r = breaks(&sc, &plan, Rule::AteliersFormations, None);
    says(&r, 0, "4 h au lieu de 5,2 h");

    // The PMSMP item moved to Wednesday: Friday lacks one, Wednesday is not a PMSMP day.
    plan.affectations[i].heures = Some(5.2);
    plan.affectations[i].date = d("2026-12-02");
    breaks(&sc, &plan, Rule::AteliersFormations, Some(2));
}

#[test]
fn rule_10_formation_ceiling() {
    let mut sc = exemple();
    sc.reglages.max_en_formation_simultane = Some(1);
    let r = check(&sc, &valid());
    only(&r, Rule::AteliersFormations);
    says(&r, 0, "2 salarié·es en formation");
}

/// An atelier `recherche_emploi` at `lieu` on Tuesday 12-01 (s12 needs the theme).
fn atelier_emploi(sc: &mut Scenario, de: &str, a: &str, lieu: &str) {
    let mut at = sc.ateliers[1].clone();
    at.id = "at-emploi-2".into();
    at.date = d("2026-12-01");
    at.de = h(de).expect("heure");
    at.a = h(a).expect("heure");
    at.lieu = lieu.into();
    at.anime_par = None;
    sc.ateliers.push(at);
}

fn atelier(p: &str, id: &str, date: &str, de: &str, a: &str, lieu: &str) -> Affectation {
    Affectation {
        atelier: Some(id.into()),
        ..timed(p, Atelier, date, de, a, lieu)
    }
}

/// s12 (26 h, autonome, from Tuesday 12-01) on Tuesday: rdv 09:00-09:30 at the régie, at-num-1
/// 14:00-16:00 at the régie, and `extra`.
fn s12_tuesday(extra: Vec<Affectation>) -> Plan {
    let mut plan = valid();
    plan.affectations
        .push(rdv("s12", "2026-12-01", "09:00", "09:30"));
    plan.affectations.push(atelier(
        "s12",
        "at-num-1",
        "2026-12-01",
        "14:00",
        "16:00",
        "regie",
    ));
    plan.affectations.extend(extra);
    plan
}

#[test]
fn rule_11_interruption_too_long() {
    // 09:30 → 14:00 at the same place: one interruption of 4 h 30 > 2 h.
    let sc = exemple();
    let plan = s12_tuesday(Vec::new());
    let r = breaks(&sc, &plan, Rule::PartTimeDay, Some(1));
    let v = &r.violations[0];
    assert_eq!(v.personne.as_deref(), Some("s12"));
    assert_eq!(v.date, Some(d("2026-12-01")));
    assert_eq!(
        v.message,
        "interruption de 4 h 30 entre 09:30 et 14:00 (au plus 2 h 00)"
    );
    assert_eq!(
        v.line(),
        "règle 11 (temps partiel) — s12 2026-12-01 : interruption de 4 h 30 entre 09:30 et 14:00 (au plus 2 h 00)"
    );
    assert_eq!(
        rule_part_time_day(&Context::new(&sc, &Facts::new(&sc)), &plan.affectations).len(),
        1
    );

    // Off with `interruptions_max: null`; a full-time contract is exempt.
    let mut off = exemple();
    off.reglages.temps_partiel.interruptions_max = None;
    assert!(check(&off, &plan).violations.is_empty());
    let mut full = exemple();
    full.reglages.duree_legale = 26.0; // s12's 26 h are no longer below it
    assert!(check(&full, &plan).violations.is_empty());
    let mut longer = exemple();
    longer.reglages.temps_partiel.interruption_max_minutes = 270;
    assert!(check(&longer, &plan).violations.is_empty());
}

#[test]
fn rule_11_two_interruptions_and_the_boundaries() {
    // at-emploi-2 10:30-12:00 between: gaps of 60 and 120 min (exactly the most allowed), but
    // two interruptions.
    let mut sc = exemple();
    atelier_emploi(&mut sc, "10:30", "12:00", "regie");
    let plan = s12_tuesday(vec![atelier(
        "s12",
        "at-emploi-2",
        "2026-12-01",
        "10:30",
        "12:00",
        "regie",
    )]);
    let r = breaks(&sc, &plan, Rule::PartTimeDay, Some(1));
    assert_eq!(
        r.violations[0].message,
        "2 interruptions (au plus 1) : 09:30-10:30, 12:00-14:00 (temps partiel de 26 h par semaine)"
    );
    sc.reglages.temps_partiel.interruptions_max = Some(2);
    assert!(check(&sc, &plan).violations.is_empty());

    // at-emploi-2 10:00-12:00 at residence-a (10 min from the régie): the 30 min gap is exactly
    // travel + pause, no interruption; 12:00 → 14:00 is one of 2 h − 10 min.
    let mut sc = exemple();
    atelier_emploi(&mut sc, "10:00", "12:00", "residence-a");
    let plan = s12_tuesday(vec![atelier(
        "s12",
        "at-emploi-2",
        "2026-12-01",
        "10:00",
        "12:00",
        "residence-a",
    )]);
    let r = check(&sc, &plan);
    assert!(r.violations.is_empty(), "{:#?}", r.violations);
    // 15 minutes later: 45 min > 10 + 20, a second interruption.
    let mut sc = exemple();
    atelier_emploi(&mut sc, "10:15", "12:00", "residence-a");
    let plan = s12_tuesday(vec![atelier(
        "s12",
        "at-emploi-2",
        "2026-12-01",
        "10:15",
        "12:00",
        "residence-a",
    )]);
    let r = breaks(&sc, &plan, Rule::PartTimeDay, None);
    assert!(
        r.violations[0]
            .message
            .starts_with("2 interruptions (au plus 1) : 09:30-10:15, 12:00-14:00"),
        "{}",
        r.violations[0].message
    );

    // The valid plan's one-interruption days (s08 on Monday, s02 and s09 on Wednesday) break a
    // rule that allows none.
    let mut sc = exemple();
    sc.reglages.temps_partiel.interruptions_max = Some(0);
    let r = check(&sc, &valid());
    only(&r, Rule::PartTimeDay);
    assert_eq!(who(&r), ["s08", "s02", "s09"]);
    assert!(
        r.violations[0]
            .message
            .starts_with("1 interruption (au plus 0) : 11:30-13:30"),
        "{}",
        r.violations[0].message
    );
}

/// s12 on Tuesday: rdv `de`-`a` with cip-1 (available until 21:00 that day); on Wednesday
/// halls-a 06:30-10:00 with e01.
fn evening_then_morning(de: &str, a: &str) -> (Scenario, Plan) {
    let mut sc = exemple();
    let mar = sc.cips[0]
        .disponibilites
        .as_mut()
        .and_then(|m| m.get_mut(&regie_planner::format::scenario::Jour::Mar))
        .expect("mardi");
    mar[1].fin = regie_planner::format::time::parse_hhmm("21:00").expect("heure");
    let mut plan = valid();
    plan.affectations.push(rdv("s12", "2026-12-01", de, a));
    for (p, kind) in [("s12", Production), ("e01", Encadrement)] {
        plan.affectations.push(production(
            p,
            kind,
            "halls-a",
            "2026-12-02",
            "06:30",
            "10:00",
            "residence-a",
        ));
    }
    (sc, plan)
}

#[test]
fn rule_12_daily_rest() {
    // 20:30 → 06:30: 10 h of rest.
    let (sc, plan) = evening_then_morning("20:00", "20:30");
    let r = breaks(&sc, &plan, Rule::DailyRest, Some(1));
    let v = &r.violations[0];
    assert_eq!(v.personne.as_deref(), Some("s12"));
    assert_eq!(v.date, Some(d("2026-12-01")));
    assert_eq!(
        v.message,
        "repos de 10 h 00 entre le 2026-12-01 20:30 et le 2026-12-02 06:30 (au moins 11 h)"
    );
    assert_eq!(
        rule_daily_rest(&Context::new(&sc, &Facts::new(&sc)), &plan.affectations).len(),
        1
    );
    // `null` turns the rule off.
    let mut off = sc.clone();
    off.reglages.repos_quotidien_heures = None;
    assert!(check(&off, &plan).violations.is_empty());
    // 19:30 → 06:30: exactly 11 h, allowed; 10.5 h asked for is met by 10 h 30 too.
    let (sc, plan) = evening_then_morning("19:00", "19:30");
    assert!(check(&sc, &plan).violations.is_empty());
    let (mut sc, plan) = evening_then_morning("19:30", "20:00");
    sc.reglages.repos_quotidien_heures = Some(10.5);
    assert!(check(&sc, &plan).violations.is_empty());
    sc.reglages.repos_quotidien_heures = Some(10.75);
    let r = breaks(&sc, &plan, Rule::DailyRest, None);
    ends_with(&r, 0, "(au moins 10,75 h)");
}

#[test]
fn rule_12_a_pmsmp_day_counts_as_nine_to_five() {
    // s05's PMSMP on Thursday only, then halls-a at 05:30 on Friday with e01: 17:00 → 05:30 is
    // 12 h 30 of rest.
    let mut sc = exemple();
    sc.salaries[4].pmsmp[0].au = d("2026-12-03");
    sc.chantiers[0].vacations[0]
        .debuts
        .insert(0, h("05:30").expect("heure"));
    let mut plan = valid();
    let i = find(&plan, "s05", Pmsmp, "2026-12-04", "");
    plan.affectations.remove(i);
    for (p, kind) in [("s05", Production), ("e01", Encadrement)] {
        plan.affectations.push(production(
            p,
            kind,
            "halls-a",
            "2026-12-04",
            "05:30",
            "09:00",
            "residence-a",
        ));
    }
    let r = check(&sc, &plan);
    assert!(r.violations.is_empty(), "{:#?}", r.violations);
    sc.reglages.repos_quotidien_heures = Some(13.0);
    let r = breaks(&sc, &plan, Rule::DailyRest, Some(1));
    assert_eq!(
        r.violations[0].message,
        "repos de 12 h 30 entre le 2026-12-03 17:00 et le 2026-12-04 05:30 (au moins 13 h)"
    );
    // Two PMSMP days in a row (the valid plan, Thursday and Friday): 16 h of rest.
    let mut sc = exemple();
    sc.reglages.repos_quotidien_heures = Some(16.5);
    let r = check(&sc, &valid());
    only(&r, Rule::DailyRest);
    assert_eq!(r.violations[0].personne.as_deref(), Some("s05"));
    assert!(
        r.violations[0].message.starts_with("repos de 16 h 00"),
        "{}",
        r.violations[0].message
    );
}

#[test]
fn rule_0_malformed_items_and_header() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s03", Atelier, "2026-12-01", "14:00");
    plan.affectations[i].lieu = Some("parc-nord".into());
    let r = check(&sc, &plan);
    // The wrong place; and s03 lacks the exact atelier item.
    broken(&r, &[Rule::Items, Rule::AteliersFormations]);
    says_of(&r, Rule::Items, "au lieu de « regie »");

    let mut plan = valid();
    plan.format = "regie-plan/2".into();
    plan.affectations
        .push(rdv("s99", "2026-12-01", "09:00", "09:30"));
    breaks(&sc, &plan, Rule::Items, Some(2));
}

// --- Costs -----------------------------------------------------------------------------------

#[test]
fn wrong_or_missing_declared_cost_fails() {
    let (sc, mut plan) = (exemple(), valid());
    plan.cout = 20000.0;
    let r = check(&sc, &plan);
    assert!(r.violations.is_empty());
    assert_eq!(r.cost_mismatch.len(), 1);
    assert!(!r.ok());
    assert!(render_report(&r, &plan).ends_with(
        "Plan non conforme : 0 infraction(s), coût déclaré 20000 ≠ recalculé 20238 (1 écart(s)).\n"
    ));

    let mut plan = valid();
    plan.couts.remove("eviter");
    let r = check(&sc, &plan);
    assert!(!r.ok());
    assert_eq!(r.cost_mismatch.len(), 1);
    assert!(r.cost_mismatch[0].contains("eviter"));

    // Within the tolerance.
    let mut plan = valid();
    plan.cout = 20238.0 + 1e-3;
    assert!(check(&sc, &plan).ok());
}

/// A 3-day period that ends a month (Mon 2027-03-29 to Wed 03-31): f = 1 in March.
const SMALL: &str = r#"
version: 1
regie: { nom: Petite régie }
periode: { debut: 2027-03-29, jours: 3 }
lieux: [{ id: regie }, { id: site }]
salaries:
  - id: a
    contrat: { type: cddi_aci, heures_hebdo: 20, debut: 2027-01-01 }
    besoins: [numerique]
    rdv_cip_par_mois: 3
    rdv_cip: [{ date: 2027-03-10, minutes: 30 }]
    preferences: { chantiers: [parc], eviter: [b] }
  - id: b
    contrat: { type: cddi_aci, heures_hebdo: 5, debut: 2027-01-01 }
cips: [{ id: c1, lieu: regie }]
chantiers:
  - id: halls
    activite: nettoyage
    lieu: site
    priorite: 2
    ratio_encadrement: 0
    vacations: [{ jours: [lun, mar, mer], debuts: ["08:00"], duree: "04:00", equipe: { min: 3, max: 4 } }]
  - id: parc
    activite: espaces_verts
    lieu: site
    vacations: [{ jours: [ven], debuts: ["08:00"], duree: "04:00", equipe: { min: 1, max: 2 } }]
ateliers:
  - { id: at1, theme: numerique, date: 2027-03-30, de: "10:00", a: "12:00", lieu: regie, places: 5 }
"#;

#[test]
fn every_cost_term_by_hand_on_a_small_case() {
    let sc = load_str(SMALL, "petit.yaml").expect("scénario").scenario;
    let facts = Facts::new(&sc);
    let p = |who, date| production(who, Production, "halls", date, "08:00", "12:00", "site");
    let mut r = rdv("a", "2027-03-31", "09:00", "09:30");
    r.cip = Some("c1".into());
    let items = vec![
        p("a", "2027-03-29"),
        p("b", "2027-03-29"),
        p("a", "2027-03-30"),
        r,
    ];
    let costs = recompute_costs(&sc, &facts, &items);
    let expected: BTreeMap<&str, f64> = BTreeMap::from([
        // Mon: 1 missing × 4 h × 2; Tue: 2 × 4 × 2; Wed: 3 × 4 × 2 → 48 × 100.
        ("production", 4800.0),
        // March, f = 1: a R = 3, 1 held + 1 planned → 1; b R = 2, none → 2. 3 × 200.
        ("rdv_cip_retard", 600.0),
        // Same counts against the targets (3 and 2): 3 × 5.
        ("rdv_cip_restant", 15.0),
        // a: target 20 × 3/5 = 12, planned 8.5 → 3.5 × 20.
        ("heures_sous_contrat", 70.0),
        // b: target 5 × 3/5 = 3, planned 4 → 1 × 10.
        ("heures_complementaires", 10.0),
        // a needs numerique, at1 is in the period, a does not attend: 1 × 8.
        ("besoin_atelier", 8.0),
        // a prefers parc, works twice on halls: 2 × 1.
        ("preference", 2.0),
        // {a, b} together on Monday's shift: 1 × 5.
        ("eviter", 5.0),
        // No fixed item missing, no re-planning.
        ("conflit", 0.0),
        ("changement", 0.0),
    ]);
    for (k, v) in &expected {
        assert!(
            (costs[*k] - v).abs() < 1e-9,
            "{k} : {} au lieu de {v}",
            costs[*k]
        );
    }
    assert_eq!(costs.len(), 10);
}

// --- Reading and the command line ------------------------------------------------------------

#[test]
fn unknown_key_in_the_plan_names_file_and_line() {
    let text = std::fs::read_to_string(VALID).expect("fixture");
    let bad = text.replacen("\"statut\"", "\"statu\"", 1);
    let e = parse_plan(&bad, "plan.json").expect_err("clé inconnue");
    let msg = e.to_string();
    assert!(msg.contains("plan.json:8:9: statu:"), "{msg}");
    assert!(msg.contains("clé inconnue « statu »"), "{msg}");
}

fn regie(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_regie"))
        .args(args)
        .output()
        .expect("regie");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_exit_codes_and_verdict() {
    let (code, out, _) = regie(&["verifier", EXEMPLE, VALID]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("Plan conforme : aucune règle enfreinte, coût 20238 vérifié.\n"),
        "{out}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let mut plan = valid();
    let i = find(&plan, "e01", Encadrement, "2026-11-30", "06:30");
    plan.affectations.remove(i);
    let path = dir.path().join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).expect("json")).expect("écriture");
    let (code, out, _) = regie(&["verifier", EXEMPLE, path.to_str().expect("chemin")]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("règle 5 (encadrement) — halls-a 2026-11-30 : "),
        "{out}"
    );
    assert!(
        out.ends_with("Plan non conforme : 1 infraction(s), coût 20238 vérifié.\n"),
        "{out}"
    );

    std::fs::write(&path, "{ \"format\": ").expect("écriture");
    let (code, out, err) = regie(&["verifier", EXEMPLE, path.to_str().expect("chemin")]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("plan.json:1:"), "{err}");
}

// --- Robustness ------------------------------------------------------------------------------

/// Random items (unknown people and ids, missing or reversed times, dates outside the period,
/// any kind with any field): the checker reports, never panics, and is deterministic.
#[test]
fn random_plans_never_panic() {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    let sc = exemple();
    let facts = Facts::new(&sc);
    let people = ["s01", "s03", "s05", "s07", "s08", "s12", "e01", "e02", "zz"];
    let kinds = [Production, Encadrement, RdvCip, Atelier, Formation, Pmsmp];
    let chantiers = [
        "halls-a",
        "espaces-verts",
        "encombrants",
        "locaux-regie",
        "nope",
    ];
    let lieux = [
        "regie",
        "residence-a",
        "parc-nord",
        "organisme-x",
        "ailleurs",
    ];
    let dates = [
        "2026-11-29",
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
        "2026-12-04",
    ];
    let mut rng = StdRng::seed_from_u64(7);
    for _ in 0..300 {
        let mut plan = valid();
        for _ in 0..rng.random_range(0..12) {
            let n = plan.affectations.len();
            if n > 0 && rng.random_bool(0.3) {
                plan.affectations.remove(rng.random_range(0..n));
            }
            let pick = |r: &mut StdRng, v: &[&str]| v[r.random_range(0..v.len())].to_owned();
            let time = |r: &mut StdRng| {
                r.random_bool(0.9)
                    .then(|| Heure(r.random_range(0..=96u32) * 15))
            };
            let it = Affectation {
                personne: pick(&mut rng, &people),
                type_: kinds[rng.random_range(0..kinds.len())],
                chantier: rng.random_bool(0.5).then(|| pick(&mut rng, &chantiers)),
                cip: rng.random_bool(0.2).then(|| "cip-1".to_owned()),
                atelier: rng.random_bool(0.2).then(|| "at-num-1".to_owned()),
                formation: rng.random_bool(0.2).then(|| "sst-dec".to_owned()),
                date: d(&pick(&mut rng, &dates)),
                debut: time(&mut rng),
                fin: time(&mut rng),
                lieu: rng.random_bool(0.8).then(|| pick(&mut rng, &lieux)),
                heures: rng.random_bool(0.2).then(|| rng.random_range(0.0..12.0)),
            };
            plan.affectations.push(it);
        }
        let a = check_plan(&sc, &facts, &plan);
        let b = check_plan(&sc, &facts, &plan);
        assert_eq!(a.violations, b.violations);
        let text = render_report(&a, &plan);
        let verdict = format!("Plan non conforme : {} infraction(s)", a.violations.len());
        assert_eq!(a.ok(), !text.contains(&verdict), "{text}");
        assert_eq!(
            text.lines().filter(|l| l.starts_with("règle ")).count(),
            a.violations.len()
        );
    }
}

// --- Rule 13 (imposer, interdire) and conflicts ---------------------------------------------

use regie_planner::format::plan::{Ecart, TypeEcart};
use regie_planner::format::scenario::{Imposer, Interdire};

fn imposer(personne: &str) -> Imposer {
    Imposer {
        personne: personne.into(),
        chantier: None,
        cip: None,
        atelier: None,
        date: None,
        vacation: None,
        debut: None,
    }
}

fn interdire(personne: Option<&str>, chantier: Option<&str>, date: Option<&str>) -> Interdire {
    Interdire {
        personne: personne.map(Into::into),
        personnes: None,
        chantier: chantier.map(Into::into),
        date: date.map(d),
    }
}

/// The plan's costs set to the recomputed ones (what a planner would declare).
fn with_costs(sc: &Scenario, mut plan: Plan) -> Plan {
    plan.couts = recompute_costs(sc, &Facts::new(sc), &plan.affectations);
    plan.cout = plan.couts.values().sum();
    plan
}

fn conflit(personne: &str) -> Ecart {
    let mut e = regie_planner::kernel::explain::ecart(TypeEcart::Conflit, "test".into());
    e.personne = Some(personne.into());
    e
}

#[test]
fn rule_13_imposer_met_missing_and_excused_by_a_conflict() {
    let mut sc = exemple();
    // s01 is on halls-a on Monday at 06:30 (vacation 0): every shape of the entry is met.
    sc.imposer.push(Imposer {
        chantier: Some("halls-a".into()),
        date: Some(d("2026-11-30")),
        ..imposer("s01")
    });
    sc.imposer.push(Imposer {
        chantier: Some("halls-a".into()),
        date: Some(d("2026-11-30")),
        vacation: Some(0),
        debut: h("06:30"),
        ..imposer("s01")
    });
    sc.imposer.push(Imposer {
        cip: Some("cip-1".into()),
        date: Some(d("2026-12-01")),
        debut: h("13:30"),
        ..imposer("s01")
    });
    sc.imposer.push(Imposer {
        atelier: Some("at-num-1".into()),
        ..imposer("s03")
    });
    let r = check(&sc, &valid());
    assert!(r.ok(), "{:#?}", r.violations);

    // Another start, another day: not met.
    for (date, debut) in [("2026-11-30", "07:00"), ("2026-12-01", "06:30")] {
        let mut sc = exemple();
        sc.imposer.push(Imposer {
            chantier: Some("halls-a".into()),
            date: Some(d(date)),
            debut: h(debut),
            ..imposer("s01")
        });
        let r = check(&sc, &valid());
        only(&r, Rule::ImposerInterdire);
        assert_eq!(r.violations[0].personne.as_deref(), Some("s01"));
        assert_eq!(r.costs["conflit"], 10_000.0);
        // A conflit écart naming it: allowed, once the cost counts it.
        let mut plan = valid();
        plan.ecarts.push(Ecart {
            chantier: Some("halls-a".into()),
            date: Some(d(date)),
            debut: h(debut),
            ..conflit("s01")
        });
        let r = check(&sc, &plan);
        assert!(r.violations.is_empty(), "{:#?}", r.violations);
        assert!(
            !r.cost_mismatch.is_empty(),
            "the conflit term must be declared"
        );
        let r = check(&sc, &with_costs(&sc, plan.clone()));
        assert!(r.ok(), "{:#?} {:#?}", r.violations, r.cost_mismatch);
        assert!((r.cost - 30_238.0).abs() < 1e-6);
        // An écart naming another item does not excuse it.
        plan.ecarts.last_mut().expect("écart").debut = h("08:00");
        let r = check(&sc, &with_costs(&sc, plan));
        only(&r, Rule::ImposerInterdire);
    }
}

#[test]
fn rule_13_interdire_each_shape() {
    // s01: halls-a 06:30 on Monday, rdv then atelier on Tuesday.
    let cases = [
        (interdire(Some("s01"), Some("halls-a"), None), true),
        (
            interdire(Some("s01"), Some("halls-a"), Some("2026-11-30")),
            true,
        ),
        (
            interdire(Some("s01"), Some("halls-a"), Some("2026-12-01")),
            false,
        ),
        (interdire(Some("s01"), None, Some("2026-12-01")), true),
        (interdire(Some("s01"), None, Some("2026-12-02")), false),
        (interdire(Some("s01"), Some("espaces-verts"), None), false),
    ];
    for (entry, broken) in cases {
        let mut sc = exemple();
        sc.interdire.push(entry.clone());
        let r = check(&sc, &valid());
        if broken {
            only(&r, Rule::ImposerInterdire);
            assert!(
                r.violations
                    .iter()
                    .all(|v| v.personne.as_deref() == Some("s01"))
            );
        } else {
            assert!(r.ok(), "{entry:?} : {:#?}", r.violations);
        }
    }
    // Never in the same crew: s01 and s04 are both on halls-a on Monday; s01 and s07 never
    // share a shift. An encadrant·e counts too (e01 supervises halls-a).
    for (pair, broken) in [
        (["s01", "s04"], true),
        (["s01", "s07"], false),
        (["e01", "s11"], true),
    ] {
        let mut sc = exemple();
        sc.interdire.push(Interdire {
            personnes: Some(pair.iter().map(|x| x.to_string()).collect()),
            ..interdire(None, None, None)
        });
        let r = check(&sc, &valid());
        if broken {
            only(&r, Rule::ImposerInterdire);
            assert_eq!(r.violations.len(), 1);
            assert_eq!(r.violations[0].sujet.as_deref(), Some("halls-a"));
        } else {
            assert!(r.ok(), "{pair:?} : {:#?}", r.violations);
        }
    }
}

#[test]
fn rule_10_a_missing_inscrit_is_allowed_only_with_its_conflict() {
    let (sc, mut plan) = (exemple(), valid());
    let i = find(&plan, "s03", Atelier, "2026-12-01", "14:00");
    plan.affectations.remove(i);
    let plan = with_costs(&sc, plan);
    let r = breaks(&sc, &plan, Rule::AteliersFormations, None);
    assert_eq!(r.costs["conflit"], 10_000.0);
    let mut excused = plan.clone();
    excused.ecarts.push(Ecart {
        atelier: Some("at-num-1".into()),
        date: Some(d("2026-12-01")),
        debut: h("14:00"),
        ..conflit("s03")
    });
    let r = check(&sc, &excused);
    assert!(r.ok(), "{:#?} {:#?}", r.violations, r.cost_mismatch);
    // The same for a formation séance.
    let mut plan = valid();
    let i = find(&plan, "s09", Formation, "2026-12-02", "13:00");
    plan.affectations.remove(i);
    plan.ecarts.push(Ecart {
        formation: Some("sst-dec".into()),
        date: Some(d("2026-12-02")),
        debut: h("13:00"),
        ..conflit("s09")
    });
    let r = check(&sc, &with_costs(&sc, plan));
    assert!(r.ok(), "{:#?} {:#?}", r.violations, r.cost_mismatch);
}

#[test]
fn a_plan_without_the_new_cost_terms_is_read_as_zero() {
    let (sc, mut plan) = (exemple(), valid());
    plan.couts.remove("conflit");
    plan.couts.remove("changement");
    assert!(check(&sc, &plan).ok());
}

// --- Re-planning: frozen days and the changement term ----------------------------------------

use regie_planner::check::rule_frozen_days;
use regie_planner::format::scenario::Replanification;

/// exemple.yaml re-planned from the valid plan, Monday 11-30 frozen.
fn replanned() -> Scenario {
    let mut sc = exemple();
    sc.replanification = Some(Replanification {
        plan: "publie.json".into(),
        figer_jusqu_au: Some(d("2026-11-30")),
        publie: valid().affectations,
    });
    sc
}

#[test]
fn frozen_days_are_kept_exactly_and_rules_2_and_3_are_not_checked_on_them() {
    let sc = replanned();
    let r = check(&sc, &valid());
    assert!(r.ok(), "{:#?} {:#?}", r.violations, r.cost_mismatch);
    assert_eq!(r.costs["changement"], 0.0);
    // A Monday item moved: the frozen day is broken.
    let mut plan = valid();
    let i = find(&plan, "s02", RdvCip, "2026-11-30", "13:30");
    retime(&mut plan, i, "14:00", "14:30");
    let v = rule_frozen_days(&sc, &plan.affectations);
    assert_eq!(v.len(), 2, "{v:#?}"); // the published one is missing, the moved one is new
    assert!(v.iter().all(|x| x.rule == Rule::JoursFiges));
    assert!(v.iter().all(|x| x.personne.as_deref() == Some("s02")));
    // A Monday item removed, or one added: broken too.
    let mut plan = valid();
    plan.affectations.remove(i);
    assert_eq!(rule_frozen_days(&sc, &plan.affectations).len(), 1);
    let mut plan = valid();
    plan.affectations
        .push(rdv("s05", "2026-11-30", "09:00", "09:30"));
    let r = check(&sc, &plan);
    assert!(r.rules().contains(&Rule::JoursFiges), "{:#?}", r.violations);
    // s01 absent on Monday in the new scenario: Monday is the past, rule 2 is not checked on
    // it (and s01 is not absent on the later days).
    let mut sc = replanned();
    let s01 = sc.salaries.iter_mut().find(|s| s.id == "s01").expect("s01");
    s01.absences.push(regie_planner::format::scenario::Absence {
        date: Some(d("2026-11-30")),
        du: None,
        au: None,
        de: None,
        a: None,
        motif: None,
    });
    let r = check(&sc, &with_costs(&sc, valid()));
    assert!(r.ok(), "{:#?} {:#?}", r.violations, r.cost_mismatch);
    // Without the re-planning, the same plan breaks rule 2.
    let mut plain = sc.clone();
    plain.replanification = None;
    let r = check(&plain, &with_costs(&plain, valid()));
    assert!(r.rules().contains(&Rule::Presence));
}

#[test]
fn changement_counts_removed_and_added_items_after_the_frozen_days() {
    let sc = replanned();
    // s01 leaves at-num-1 on Tuesday (1 removed: 40), s09 joins it (1 added: 80 in all).
    let mut plan = valid();
    let i = find(&plan, "s01", Atelier, "2026-12-01", "14:00");
    plan.affectations.remove(i);
    let r = check(&sc, &with_costs(&sc, plan.clone()));
    assert_eq!(r.costs["changement"], 40.0);
    plan.affectations.push(Affectation {
        atelier: Some("at-num-1".into()),
        ..timed("s09", Atelier, "2026-12-01", "14:00", "16:00", "regie")
    });
    let r = check(&sc, &with_costs(&sc, plan.clone()));
    assert_eq!(r.costs["changement"], 80.0);
    // Formation and PMSMP items are not counted; with no frozen day every published item is.
    let mut sc = replanned();
    if let Some(r) = sc.replanification.as_mut() {
        r.figer_jusqu_au = None;
    }
    let mut plan = valid();
    let i = find(&plan, "s02", RdvCip, "2026-11-30", "13:30");
    plan.affectations.remove(i);
    let i = find(&plan, "s09", Formation, "2026-12-02", "13:00");
    plan.affectations.remove(i);
    let r = check(&sc, &with_costs(&sc, plan));
    assert_eq!(r.costs["changement"], 40.0);
}

/// The checker and the week's report match items to shifts with the same function
/// (`model::shifts::shift_of`). c1 has two Monday vacations of 3 h: A may start at 06:00 or
/// 07:00, B only at 07:00. s1 works 06:00-09:00 and s2 07:00-10:00: both items are A's (the
/// first vacation they fit), which then runs at two starts (rule 4). The report agrees: A's
/// crew is s1 alone and s2's item is set apart, not counted as B's crew (it was, when the
/// report had its own matcher).
#[test]
fn the_checker_and_the_report_put_an_item_on_the_same_shift() {
    let text = r#"version: 1
regie: { nom: Test }
periode: { debut: 2026-12-07, jours: 5 }
lieux: [{ id: regie }, { id: site }]
salaries:
  - { id: s1, contrat: { type: cddi_aci, heures_hebdo: 20 } }
  - { id: s2, contrat: { type: cddi_aci, heures_hebdo: 20 } }
chantiers:
  - id: c1
    activite: nettoyage
    lieu: site
    ratio_encadrement: 0
    vacations:
      - { jours: [lun], debuts: ["06:00", "07:00"], duree: "03:00", equipe: { min: 1, max: 2 } }
      - { jours: [lun], debuts: ["07:00"], duree: "03:00", equipe: { min: 1, max: 2 } }
"#;
    let sc = load_str(text, "t.yaml").expect("scénario").scenario;
    let facts = Facts::new(&sc);
    let mut plan = valid();
    plan.regie = sc.regie.nom.clone();
    plan.periode.debut = d("2026-12-07");
    plan.periode.jours = 5;
    plan.affectations = vec![
        production(
            "s1",
            Production,
            "c1",
            "2026-12-07",
            "06:00",
            "09:00",
            "site",
        ),
        production(
            "s2",
            Production,
            "c1",
            "2026-12-07",
            "07:00",
            "10:00",
            "site",
        ),
    ];
    let report = check(&sc, &plan);
    assert!(rules(&report).contains(&Rule::Shifts), "{report:#?}");
    let noms = regie_planner::report::Noms::new(&sc, false);
    let s = regie_planner::report::semaine::Semaine::new(&sc, &facts, &plan, &noms);
    assert_eq!(s.hors_scenario, 1, "s2's item is apart");
}
