//! The planning kernel (`regie planifier`): a MIP built with `good_lp` and solved by HiGHS.
//!
//! Pipeline: [`activities`] enumerates, per person and day, every item a person could be given
//! (pre-processing removes what can never happen: outside the contract, absences, availability,
//! commute windows, restrictions, skills, collisions with fixed enrolments) → [`build`] turns them
//! into variables and one family of constraints per hard rule, and the cost terms → [`greedy`]
//! builds a start that keeps every hard rule ([`rins`] improves it on large models with short
//! limits) → [`solve`] runs HiGHS from that start with the scenario's options → [`output`] writes
//! the plan items, the cost terms evaluated from the solution, and the shortfalls with their
//! reasons ([`explain`]); the independent checker reads the plan before it is written.
//!
//! Constraint families, by the rule of `spec/plan-v1.md` (and plan-v2.md's rules 11 and 12) they
//! implement (the checker in `crate::check` has a function of the same rule name):
//!
//! | rule | family (in [`build`], or the file named) |
//! |---|---|
//! | 1. one thing at a time | `rule_one_thing_at_a_time`: a clique per start time per person-day, a pair per travel conflict; PMSMP days hold nothing else (pre-processing) |
//! | 2. presence | pre-processing (`activities`); CIP side: `rule_cip_agenda` |
//! | 3. commute | pre-processing (windows exist) + `rule_commute` (an item that starts before the earliest arrival needs an earlier item; one that ends after the latest departure needs a later one) |
//! | 4. shifts | `rule_shifts`: one start per shift, crew ≤ max, ≥ 1 if it runs, ≥ min if optional |
//! | 5. encadrement | `rule_encadrement`: crew ≤ ratio × encadrant·es; supervision rights in pre-processing |
//! | 6. skills and restrictions | pre-processing (`competences_toutes`, restrictions) + `rule_skills` (`competences_une`) |
//! | 7. working time | `rule_working_time`: daily hours, pause blocks, days per week |
//! | 8. hours cap | `rule_hours_cap` |
//! | 9. CIP rdv | `rule_cip_rdv` + `rule_cip_agenda` |
//! | 10. ateliers and formations | fixed items are constants; `rule_ateliers` (places); formation ceiling checked on the fixed items |
//! | 11. part-time day shape (plan-v2.md) | [`labour`] `rule_part_time_day`: block starts counted per person-day (≤ `interruptions_max` + 1); after an item, the next one is near enough (interruption ≤ `interruption_max_minutes`) |
//! | 12. daily rest (plan-v2.md) | [`labour`] `rule_daily_rest`: an end too late and a start too early the next day exclude each other; PMSMP neighbours in pre-processing |

pub mod activities;
pub mod build;
pub mod explain;
pub mod greedy;
pub mod labour;
pub mod output;
pub mod rins;
pub mod solve;

pub use solve::{Options, Outcome, Stats};

use crate::format::scenario::Scenario;
use crate::model::Facts;

/// Builds and solves the week's plan.
pub fn plan(sc: &Scenario, facts: &Facts, opts: &Options) -> Outcome {
    let t0 = std::time::Instant::now();
    let acts = activities::Activities::new(sc, facts);
    if let Some(outcome) = output::fixed_conflicts(sc, facts, &acts) {
        return outcome;
    }
    // HiGHS starts from a plan that keeps every hard rule, built greedily.
    let mut g = greedy::Greedy::new(sc, facts, &acts);
    g.run();
    let mut chosen = g.chosen;
    let limit = std::time::Duration::from_secs_f64(opts.limite_secondes.max(0.1));
    if acts.list.iter().filter(|a| !a.fixed).count() >= RINS_FROM
        && opts.limite_secondes <= RINS_UNTIL_SECONDS
    {
        let r = rins::improve(sc, facts, &acts, &mut chosen, opts, t0 + limit.mul_f64(0.5));
        if std::env::var_os("REGIE_TRACE_RINS").is_some() {
            eprintln!("rins : {r:?} après {:.1} s", t0.elapsed().as_secs_f64());
        }
    }
    let t1 = std::time::Instant::now();
    let model = build::Model::new(sc, facts, &acts);
    let build_seconds = t1.elapsed().as_secs_f64();
    let start = greedy::columns(&model, &acts, &chosen);
    let mut rest = opts.clone();
    rest.limite_secondes = limit.saturating_sub(t0.elapsed()).as_secs_f64().max(0.1);
    solve::solve(sc, facts, &acts, model, &rest, build_seconds, &start)
}

/// Models with at least this many free activities run [`rins`] for up to half the time limit
/// before the weekly solve, when the limit is at most [`RINS_UNTIL_SECONDS`]. Measured on 70
/// generated salarié·es (18 680 activities): with 30 s, 3 458 with RINS against 4 387 without
/// (HiGHS alone never leaves its root node); with 60 s, 3 461 against 2 873 (HiGHS's own RINS,
/// after its cuts, does better when it has the time).
pub const RINS_FROM: usize = 8000;
pub const RINS_UNTIL_SECONDS: f64 = 40.0;
