//! The planning kernel (`regie planifier`): a MIP built with `good_lp` and solved by HiGHS.
//!
//! Pipeline: [`activities`] enumerates, per person and day, every item a person could be given
//! (pre-processing removes what can never happen: outside the contract, absences, availability,
//! commute windows, restrictions, skills, collisions with fixed enrolments) → [`build`] turns them
//! into variables and one family of constraints per hard rule, and the cost terms → [`solve`] runs
//! HiGHS with the scenario's options → [`output`] writes the plan items, the cost terms evaluated
//! from the solution, and the shortfalls with their reasons ([`explain`]).
//!
//! Constraint families, by the rule of `spec/plan-v1.md` they implement (the checker in
//! `crate::check` has a function of the same rule name):
//!
//! | rule | family (in [`build`]) |
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

pub mod activities;
pub mod build;
pub mod explain;
pub mod greedy;
pub mod output;
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
    let model = build::Model::new(sc, facts, &acts);
    let build_seconds = t0.elapsed().as_secs_f64();
    solve::solve(sc, facts, &acts, model, opts, build_seconds)
}
