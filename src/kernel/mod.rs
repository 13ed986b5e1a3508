//! The planning kernel (`regie planifier`): a MIP built with `good_lp` and solved by HiGHS.
//!
//! Pipeline: [`activities`] enumerates, per person and day, every item a person could be given
//! (pre-processing removes what can never happen: outside the contract, absences, availability,
//! commute windows, restrictions, skills, collisions with fixed enrolments) → [`build`] turns them
//! into variables and one family of constraints per hard rule, and the cost terms → [`greedy`]
//! builds a start that keeps every hard rule → on large models, [`lns`] improves it while HiGHS
//! bounds the weekly MIP ([`plan`]) → [`solve`] runs HiGHS with the scenario's options (a work
//! budget, `effort`, and a time limit) → [`output`] writes
//! the plan items, the cost terms evaluated from the solution, and the shortfalls with their
//! reasons ([`explain`]); the independent checker reads the plan before it is written.
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
pub mod lns;
pub mod output;
pub mod solve;

pub use solve::{Options, Outcome, Stats};

use crate::format::scenario::Scenario;
use crate::model::Facts;
use solve::Solved;
use std::time::{Duration, Instant};

/// Models with at least this many free activities are improved by [`lns`] beside (or before)
/// the weekly solve; below, HiGHS alone proves the optimum in seconds.
pub const LNS_FROM: usize = 3000;
/// Nodes of the weekly MIP per unit of effort.
pub const NODES_PER_EFFORT: u32 = 20;

/// What a work budget (`--effort N`) allows: `N` rounds of neighbourhood search and
/// `N × NODES_PER_EFFORT` nodes of the weekly MIP. Without a budget, the clock alone stops both.
pub fn budget(opts: &Options) -> (usize, Option<u32>) {
    match opts.effort {
        Some(n) => (n as usize, Some(n.saturating_mul(NODES_PER_EFFORT))),
        None => (usize::MAX, None),
    }
}

/// The wall-clock limit as a duration: at least 0.1 s, at most ten million seconds (an
/// infinite or absurd limit is "no limit"; NaN never reaches here after validation, and is
/// read as the least).
pub fn time_limit(seconds: f64) -> Duration {
    if seconds.is_nan() {
        return Duration::from_millis(100);
    }
    Duration::from_secs_f64(seconds.clamp(0.1, 1e7))
}

/// Builds and solves the week's plan.
///
/// 1. the greedy start, a plan that keeps every hard rule;
/// 2. on large models ([`LNS_FROM`]), two searches side by side, one per core: HiGHS on the
///    weekly MIP from the greedy start (its bound proves how good the plan is), and the
///    neighbourhood search ([`lns`]); the better plan is kept. With `threads: 1` (what-if runs,
///    which are parallel already) the neighbourhood search runs first, for half the time, and
///    HiGHS starts from its plan;
/// 3. the checker reads the plan before it is written.
pub fn plan(sc: &Scenario, facts: &Facts, opts: &Options) -> Outcome {
    let t0 = Instant::now();
    let acts = activities::Activities::new(sc, facts);
    if let Some(outcome) = output::fixed_conflicts(sc, facts, &acts) {
        return outcome;
    }
    let mut g = greedy::Greedy::new(sc, facts, &acts);
    g.run();
    let greedy_plan = g.chosen;
    let limit = time_limit(opts.limite_secondes);
    let (rounds, nodes) = budget(opts);
    let mut weekly = opts.clone();
    if let Some(n) = nodes {
        weekly.highs.push((
            "mip_max_nodes",
            i32::try_from(n).unwrap_or(i32::MAX).to_string(),
        ));
    }
    let free = acts.list.iter().filter(|a| !a.fixed).count();
    let use_lns = free >= LNS_FROM && rounds > 0;
    let mut chosen = greedy_plan.clone();
    let mut report = None;
    if use_lns && opts.threads == 1 {
        let deadline = t0 + limit.mul_f64(0.5);
        report = Some(lns::improve(
            sc,
            facts,
            &acts,
            &mut chosen,
            opts,
            lns::Budget { rounds, deadline },
        ));
    }
    let t1 = Instant::now();
    let model = build::Model::new(sc, facts, &acts);
    let build_seconds = t1.elapsed().as_secs_f64();
    let start = greedy::columns(&model, &acts, &chosen);
    let safe = greedy::columns(&model, &acts, &greedy_plan);
    weekly.limite_secondes = limit.saturating_sub(t0.elapsed()).as_secs_f64().max(0.1);
    let cost = |model: &build::Model, cols: &[f64]| {
        model
            .objective
            .eval_with(&Solved::from_columns(model, cols.to_vec()))
    };
    let before = cost(&model, &safe);
    if !use_lns || opts.threads == 1 {
        let after = cost(&model, &start);
        let mut out = solve::solve(
            sc,
            facts,
            &acts,
            model,
            &weekly,
            build_seconds,
            &start,
            &safe,
        );
        out.stats.lns = report.map(|r| lns::Report { before, after, ..r });
        return out;
    }
    // Two searches side by side, one core each (HiGHS's thread count is process-wide: 1).
    weekly.threads = 1;
    let mut stats = solve::stats_of(&model, build_seconds);
    let objective = model.objective.clone();
    let mut model = model;
    let deadline = t0 + limit;
    let (solved, r) = rayon::join(
        || solve::run_highs(&mut model, &weekly, Some(&start)),
        || {
            lns::improve(
                sc,
                facts,
                &acts,
                &mut chosen,
                opts,
                lns::Budget { rounds, deadline },
            )
        },
    );
    stats.solve_seconds = t1.elapsed().as_secs_f64();
    let found = greedy::columns(&model, &acts, &chosen);
    let found_cost = objective.eval_with(&Solved::from_columns(&model, found.clone()));
    stats.lns = Some(lns::Report {
        before,
        after: found_cost,
        ..r
    });
    // Under a work budget, a weekly solve stopped by the clock gives only its bound: its plan
    // would depend on the machine's speed.
    let usable = |s: &Solved| nodes.is_none() || !s.stopped_by_clock;
    let best = match solved {
        Some(s) if s.objective <= found_cost + 1e-6 && usable(&s) => s,
        other => {
            let bound = other.map_or(0.0, |s| s.bound).min(found_cost);
            let gap = if found_cost > 1e-9 {
                (found_cost - bound) / found_cost
            } else {
                0.0
            };
            Solved {
                objective: found_cost,
                bound,
                gap,
                statut: if gap <= 1e-9 {
                    crate::format::plan::Statut::Optimal
                } else {
                    crate::format::plan::Statut::Realisable
                },
                ..Solved::from_columns(&model, found)
            }
        }
    };
    solve::finish(sc, facts, &acts, &model, &best, &safe, stats)
}
