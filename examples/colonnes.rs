//! Measures the day columns of `kernel::colgen` (developer aid for docs/noyau.md): the greedy
//! start, the column generation's bound, rounds, columns and time, then the master solved as a
//! MIP from the greedy plan (price-and-branch), its plan's cost and the checker's verdict.
//! `cargo run --release --example colonnes -- SCENARIO [SECONDES_CG] [SECONDES_MIP]`
mod common;

use regie_planner::kernel::activities::Activities;
use regie_planner::kernel::build::Model;
use regie_planner::kernel::colgen::Master;
use regie_planner::kernel::greedy::{Greedy, columns};
use regie_planner::kernel::solve::{Options, Solved};
use regie_planner::model::Facts;
use std::time::{Duration, Instant};

fn main() {
    let Some((args, c)) = common::charger("usage : colonnes SCENARIO [SECONDES_CG] [SECONDES_MIP]")
    else {
        return;
    };
    let secs = |k: usize, d: f64| args.get(k).and_then(|s| s.parse().ok()).unwrap_or(d);
    let sc = &c.loaded.scenario;
    let mut g = Greedy::new(sc, &c.facts, &c.acts);
    g.run();
    let full = Model::new(sc, &c.facts, &c.acts);
    let cost_of = |plan: &[bool]| {
        let cols = columns(&full, &c.acts, plan);
        full.objective.eval_with(&Solved::from_columns(&full, cols))
    };
    let greedy_cost = cost_of(&g.chosen);
    println!("départ glouton : {greedy_cost:.1}");
    let greedy_items = regie_planner::kernel::output::items_of(sc, &c.facts, &c.acts, &g.chosen);
    println!(
        "départ glouton par terme : {:?}",
        rounded(&regie_planner::check::recompute_costs(
            sc,
            &c.facts,
            &greedy_items
        ))
    );
    let t = Instant::now();
    let mut model = Model::for_bound(sc, &c.facts, &c.acts);
    let model_for_start = Model::for_bound(sc, &c.facts, &c.acts);
    let mut master = Master::new(sc, &c.facts, &c.acts, &mut model);
    master.add_plan(&g.chosen);
    let (rows, cols) = master.size();
    println!("lignes par famille : {:?}", master.families());
    println!(
        "maître : {rows} lignes, {cols} colonnes ; construit en {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let mut opts = Options::from_reglages(&sc.reglages.solveur);
    opts.threads = 1;
    opts.trace_cg = std::env::var_os("REGIE_TRACE_CG").is_some();
    let t = Instant::now();
    let (r, dived) = master.generate_and_dive(
        &opts,
        usize::MAX,
        Instant::now() + Duration::from_secs_f64(secs(1, 60.0)),
        Instant::now() + Duration::from_secs_f64(secs(1, 60.0) + secs(2, 30.0)),
    );
    print_generation(&r, greedy_cost);
    println!("LP par terme : {:?}", rounded(&r.terms));
    let mut best = g.chosen.clone();
    match dived {
        Some(plan) => {
            best = plan.clone();
            let cost = cost_of(&plan);
            let (out, v) = checked(sc, &c.facts, &c.acts, &plan);
            println!(
                "plongée : coût {cost:.1} en {:.2} s ; écart à la borne {:.2} % ; vérificateur : {} infraction(s)",
                t.elapsed().as_secs_f64(),
                100.0 * (cost - r.bound) / cost.max(1e-9),
                v.len()
            );
            print_violations(&v);
            let terms = regie_planner::check::recompute_costs(sc, &c.facts, &out);
            println!("plan par terme : {:?}", rounded(&terms));
        }
        None => println!("plongée : pas de plan"),
    }
    let t = Instant::now();
    let start_cols = columns(&model_for_start, &c.acts, &best);
    match master.solve_mip(
        &best,
        &start_cols,
        &opts,
        None,
        Instant::now() + Duration::from_secs_f64(secs(2, 30.0)),
    ) {
        Some((plan, obj)) => {
            let cost = cost_of(&plan);
            let (_, v) = checked(sc, &c.facts, &c.acts, &plan);
            println!(
                "MIP maître : objectif {obj:.1}, coût recalculé {cost:.1} en {:.2} s ; écart à la borne {:.2} % ; vérificateur : {} infraction(s)",
                t.elapsed().as_secs_f64(),
                100.0 * (cost - r.bound) / cost.max(1e-9),
                v.len()
            );
            print_violations(&v);
        }
        None => println!("MIP maître : pas de solution"),
    }
}

/// The generation's rounds, columns, bound and time, and the greedy start's gap to the bound.
fn print_generation(r: &regie_planner::kernel::colgen::Report, greedy_cost: f64) {
    println!(
        "génération : {} tours, {} colonnes, LP {:.1}, borne {:.1} ({}), {} jours incomplets, {} itérations, {:.2} s ; écart au départ {:.1} %",
        r.rounds,
        r.columns,
        r.lp,
        r.bound,
        if r.converged {
            "convergée"
        } else {
            "non convergée"
        },
        r.incomplete,
        r.iterations,
        r.seconds,
        100.0 * (greedy_cost - r.bound) / greedy_cost.max(1e-9)
    );
}

/// The items of a plan of activities and the hard rules they break.
fn checked(
    sc: &regie_planner::format::scenario::Scenario,
    facts: &Facts,
    acts: &Activities,
    plan: &[bool],
) -> (
    Vec<regie_planner::format::plan::Affectation>,
    Vec<regie_planner::check::Violation>,
) {
    let out = regie_planner::kernel::output::items_of(sc, facts, acts, plan);
    let v = regie_planner::check::all_rules(sc, facts, &out);
    (out, v)
}

/// The first five violations.
fn print_violations(v: &[regie_planner::check::Violation]) {
    for x in v.iter().take(5) {
        println!("  {}", x.line());
    }
}

/// Non-zero values rounded to a tenth, for reading.
fn rounded<K: Ord + Clone + std::fmt::Display>(
    m: &std::collections::BTreeMap<K, f64>,
) -> Vec<String> {
    m.iter()
        .filter(|(_, v)| v.abs() > 0.05)
        .map(|(k, v)| format!("{k} {v:.1}"))
        .collect()
}
