//! What a run gives: the plan written (never one that breaks a hard rule: the independent
//! checker reads it first) and the run's sizes, times and phase reports. Above [`super::solve`],
//! [`super::colgen`] and [`super::lns`], whose reports it gathers.

use super::activities::Activities;
use super::build::Model;
use super::output;
use super::solve::{Options, Solved, run_highs};
use crate::format::plan::Plan;
use crate::format::scenario::Scenario;
use crate::model::Facts;
use std::time::Instant;

/// Sizes and times of one run, for the summary and the benches.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Time to build the weekly model, seconds.
    pub build_seconds: f64,
    /// Time of the search and the solves after the build, seconds.
    pub solve_seconds: f64,
    /// Variables of the weekly model (possible assignments and the others).
    pub variables: usize,
    /// Rows of the weekly model.
    pub constraints: usize,
    /// Relative gap reported by HiGHS (0 when proven optimal).
    pub gap: f64,
    /// Rows per constraint family.
    pub families: Vec<(&'static str, usize)>,
    /// The solver's plan broke a hard rule and the greedy start was written instead (a kernel
    /// bug: tests assert it stays false).
    pub fallback: bool,
    /// What the large neighbourhood search did before the weekly solve, when it ran.
    pub lns: Option<super::lns::Report>,
    /// What the day columns did (bound, dive), when they ran.
    pub columns: Option<super::colgen::Report>,
}

/// What [`super::plan`] gives: the plan (already accepted by the checker) and how it was found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The plan, in the plan file's format.
    pub plan: Plan,
    /// Sizes, times and what each phase did.
    pub stats: Stats,
}

/// Sizes of a model, before HiGHS consumes its rows.
pub fn stats_of(model: &Model, build_seconds: f64) -> Stats {
    Stats {
        build_seconds,
        variables: model.x.len(),
        constraints: model.constraints.len(),
        families: model.families.iter().map(|(k, v)| (*k, *v)).collect(),
        ..Stats::default()
    }
}

/// Solves the model from `start` and writes the plan; `safe` (the greedy start) is written
/// instead of a plan that breaks a hard rule.
#[allow(clippy::too_many_arguments)]
pub fn solve(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    model: Model,
    opts: &Options,
    build_seconds: f64,
    start: &[f64],
    safe: &[f64],
) -> Outcome {
    let mut stats = stats_of(&model, build_seconds);
    let t = Instant::now();
    let mut model = model;
    let solved = run_highs(&mut model, opts, Some(start))
        .unwrap_or_else(|| Solved::from_columns(&model, start.to_vec()));
    stats.solve_seconds = t.elapsed().as_secs_f64();
    finish(sc, facts, acts, &model, &solved, safe, stats, opts.trace_cg)
}

/// The outcome of a solution when the independent checker accepts its plan; `None` when the
/// plan breaks a hard rule.
pub fn accepted(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    model: &Model,
    solved: &Solved,
    stats: &Stats,
) -> Option<Outcome> {
    let plan = output::plan_from_solution(sc, facts, acts, model, solved);
    crate::check::all_rules(sc, facts, &plan.affectations)
        .is_empty()
        .then(|| Outcome {
            plan,
            stats: Stats {
                gap: solved.gap,
                ..stats.clone()
            },
        })
}

/// Writes the plan of a solution. Never a plan that breaks a hard rule: the independent checker
/// reads it first, and the greedy start (`safe`, built rule by rule) replaces a plan it rejects.
/// Tests assert that this never happens (`Stats::fallback`). `trace`: the rules it breaks on
/// stderr ([`Options::trace_cg`]).
#[allow(clippy::too_many_arguments)]
pub fn finish(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    model: &Model,
    solved: &Solved,
    safe: &[f64],
    mut stats: Stats,
    trace: bool,
) -> Outcome {
    if let Some(out) = accepted(sc, facts, acts, model, solved, &stats) {
        return out;
    }
    crate::stderr_line!(
        "avertissement : le plan du solveur enfreint une règle dure ; plan de départ utilisé"
    );
    if trace {
        let plan = output::plan_from_solution(sc, facts, acts, model, solved);
        for v in crate::check::all_rules(sc, facts, &plan.affectations)
            .iter()
            .take(5)
        {
            crate::stderr_line!("  {v:?}");
        }
    }
    stats.gap = solved.gap;
    stats.fallback = true;
    let plan = output::plan_from_solution(
        sc,
        facts,
        acts,
        model,
        &Solved::from_columns(model, safe.to_vec()),
    );
    Outcome { plan, stats }
}
