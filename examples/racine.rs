//! Measures the root of the kernel's MIP (developer aid for docs/noyau.md): the greedy start's
//! cost, and the LP relaxation's value, time and iterations with HiGHS's dual simplex or its
//! interior point method.
//! `cargo run --release --example racine -- SCENARIO [simplex|ipm|pdlp]...`
mod common;

use regie_planner::kernel::build::Model;
use regie_planner::kernel::greedy::{Greedy, columns};
use regie_planner::kernel::solve::{Options, Solved, run_highs};
use std::time::Instant;

fn main() {
    let Some((args, c)) = common::charger("usage : racine SCENARIO [simplex|ipm|pdlp]...") else {
        return;
    };
    let sc = &c.loaded.scenario;
    let mut g = Greedy::new(sc, &c.facts, &c.acts);
    g.run();
    let model = Model::new(sc, &c.facts, &c.acts);
    let start = columns(&model, &c.acts, &g.chosen);
    let values = Solved::from_columns(&model, start.clone());
    let cost = model.objective.eval_with(&values);
    println!(
        "départ glouton : {cost:.1} ({} variables, {} contraintes)",
        model.index.len(),
        model.constraints.len()
    );
    let solvers: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        vec!["simplex"]
    };
    for solver in solvers {
        let mut lp = Model::relaxation(sc, &c.facts, &c.acts);
        let mut opts = Options::from_reglages(&sc.reglages.solveur);
        opts.threads = 1;
        opts.limite_secondes = 600.0;
        opts.highs.push(("solver", solver.to_owned()));
        let t = Instant::now();
        let r = run_highs(&mut lp, &opts, None);
        let secs = t.elapsed().as_secs_f64();
        match r {
            Some(s) => println!(
                "relaxation ({solver}) : {:.1} en {secs:.2} s, {} itérations ; écart au départ {:.1} %",
                s.objective,
                s.iterations,
                100.0 * (cost - s.objective) / cost.max(1e-9)
            ),
            None => println!("relaxation ({solver}) : pas de solution en {secs:.2} s"),
        }
    }
}
