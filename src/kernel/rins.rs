//! RINS (relaxation induced neighbourhood search), run by the kernel itself before the weekly
//! solve: the activities on which the LP relaxation and the greedy start agree are fixed, and
//! the much smaller MIP left over is solved from the greedy start.
//!
//! Why here and not inside HiGHS: HiGHS runs the same heuristic only after its root cut loop,
//! which on 70 salarié·es takes 30 to 50 s; the LP relaxation alone takes about 3 s.

use super::activities::Activities;
use super::build::Model;
use super::greedy::columns;
use super::solve::{Options, Solved, run_highs};
use crate::format::plan::Statut;
use crate::format::scenario::Scenario;
use crate::model::Facts;
use good_lp::{Expression, Solution};
use std::time::Instant;

/// What the search did, for the summary and the docs.
#[derive(Debug, Clone, Default)]
pub struct Rins {
    pub fixed: usize,
    pub free: usize,
    pub before: f64,
    pub after: f64,
}

/// Improves `chosen` (a plan that keeps every hard rule) until `deadline`. Returns what it did,
/// or `None` when the relaxation could not be solved in time.
pub fn improve(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    chosen: &mut [bool],
    opts: &Options,
    deadline: Instant,
) -> Option<Rins> {
    let left = |now: Instant| deadline.saturating_duration_since(now).as_secs_f64();
    let mut o = opts.clone();
    o.progress = false;
    o.limite_secondes = left(Instant::now());
    if o.limite_secondes < 0.5 {
        return None;
    }
    let mut lp = Model::relaxation(sc, facts, acts);
    let relaxed = run_highs(&mut lp, &o, None)?;
    if relaxed.statut != Statut::Optimal {
        return None;
    }
    let mut model = Model::new(sc, facts, acts);
    let start = columns(&model, acts, chosen);
    let values = Solved {
        values: start.clone(),
        index: model.index.clone(),
        statut: Statut::Realisable,
        objective: 0.0,
        bound: 0.0,
        gap: 0.0,
    };
    let before = model.objective.eval_with(&values);
    let mut info = Rins {
        before,
        after: before,
        ..Rins::default()
    };
    let agreed: Vec<(good_lp::Variable, f64)> = model
        .x
        .iter()
        .zip(&lp.x)
        .enumerate()
        .filter_map(|(id, (x, l))| {
            let (x, l) = ((*x)?, (*l)?);
            let current = if chosen[id] { 1.0 } else { 0.0 };
            ((relaxed.value(l) - current).abs() < 0.1).then_some((x, current))
        })
        .collect();
    info.fixed = agreed.len();
    info.free = model.x.iter().flatten().count() - agreed.len();
    for (x, v) in agreed {
        model.add("rins", good_lp::constraint::eq(Expression::from(x), v));
    }
    o.limite_secondes = left(Instant::now());
    if o.limite_secondes < 0.1 {
        return Some(info);
    }
    let solved = run_highs(&mut model, &o, Some(&start))?;
    if solved.objective < before - 1e-6 {
        for (id, var) in model.x.iter().enumerate() {
            if let Some(v) = var {
                chosen[id] = solved.value(*v) > 0.5;
            }
        }
        info.after = solved.objective;
    }
    Some(info)
}
