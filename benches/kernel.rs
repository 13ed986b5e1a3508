//! The planning kernel on generated scenarios (fixed seed 7): model build and solve measured apart.
//!
//! `cargo bench --bench kernel`: build at 30, 70, 150, 300 salarié·es (the whole model, and the
//! bound model without rule 11's rows); the greedy start and its polish at 70 and 150; the plan within a work budget at 30 and 70, old pipeline
//! (HiGHS on the weekly MIP) beside the kernel (neighbourhood search beside the bound).
//! `REGIE_BENCH_GRAND=1` adds 150 and 300, which take many minutes with criterion's 10 samples.
//! Each plan prints its cost and bound once on stderr, since criterion only reports times.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use regie_planner::kernel::{
    self, Options,
    activities::Activities,
    build::Model,
    greedy::{self, Greedy},
    solve,
};
use regie_planner::model::Facts;
use std::time::Duration;

const SEED: u64 = 7;

fn options(sc: &regie_planner::format::scenario::Scenario, limit: f64) -> Options {
    let mut o = Options::from_reglages(&sc.reglages.solveur);
    o.limite_secondes = limit;
    o
}

fn bench_kernel(c: &mut Criterion) {
    let mut build = c.benchmark_group("kernel_build");
    build.sample_size(10);
    for n in [30, 70, 150, 300] {
        let sc = regie_planner::generate::generate(n, SEED);
        let facts = Facts::new(&sc);
        build.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let acts = Activities::new(&sc, &facts);
                Model::new(&sc, &facts, &acts)
            })
        });
        build.bench_with_input(BenchmarkId::new("borne", n), &n, |b, _| {
            b.iter(|| {
                let acts = Activities::new(&sc, &facts);
                Model::for_bound(&sc, &facts, &acts)
            })
        });
    }
    build.finish();

    // The polish of the greedy start (its prices built once, outside the timing), beside the
    // greedy start itself as the baseline of the same run; costs before and after go to
    // stderr once.
    let mut polish = c.benchmark_group("kernel_polish");
    polish.sample_size(10);
    for n in [70, 150] {
        let sc = regie_planner::generate::generate(n, SEED);
        let facts = Facts::new(&sc);
        let acts = Activities::new(&sc, &facts);
        let model = Model::for_bound(&sc, &facts, &acts);
        let Some(prices) = greedy::polish::Prices::new(&model, &acts) else {
            continue;
        };
        let greedy_plan = || {
            let mut g = Greedy::new(&sc, &facts, &acts);
            g.run();
            g.chosen
        };
        let polished = || {
            let mut plan = greedy_plan();
            let done = greedy::polish::polish(&sc, &facts, &acts, &prices, &mut plan);
            (plan, done)
        };
        let (_, done) = polished();
        eprintln!("kernel_polish/{n} : {done:?}");
        polish.bench_with_input(BenchmarkId::new("glouton", n), &n, |b, _| {
            b.iter(greedy_plan)
        });
        polish.bench_with_input(BenchmarkId::new("polissage", n), &n, |b, _| {
            b.iter(polished)
        });
    }
    polish.finish();

    // The plan within a work budget (deterministic): the whole weekly MIP from the greedy start
    // as before ("mip", HiGHS with the same node budget), against the kernel (neighbourhood
    // search beside the bound, "kernel"). Costs and bounds go to stderr once.
    let mut sizes = vec![(30, 4), (70, 6)];
    if std::env::var_os("REGIE_BENCH_GRAND").is_some() {
        sizes.extend([(150, 8), (300, 8)]);
    }
    let mut group = c.benchmark_group("kernel_plan");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    for (n, effort) in sizes {
        let mut sc = regie_planner::generate::generate(n, SEED);
        sc.reglages.solveur.effort = Some(effort);
        sc.reglages.solveur.limite_secondes = 600.0;
        let facts = Facts::new(&sc);
        let acts = Activities::new(&sc, &facts);
        let opts = options(&sc, 600.0);
        let mip = || {
            let mut model = Model::new(&sc, &facts, &acts);
            let mut g = Greedy::new(&sc, &facts, &acts);
            g.run();
            let start = g.columns(&model);
            let mut o = opts.clone();
            // HiGHS's thread count is process-wide: a first solve on all cores would leave the
            // kernel's one-thread solves failing in this process (the day columns then gave no
            // bound here: « borne 0 »).
            o.threads = 1;
            o.highs.push((
                "mip_max_nodes",
                (effort * kernel::NODES_PER_EFFORT).to_string(),
            ));
            solve::run_highs(&mut model, &o, Some(&start)).map(|s| (s.objective, s.bound))
        };
        let new = || {
            let out = kernel::plan(&sc, &facts, &opts);
            (out.plan.cout, out.plan.borne.unwrap_or(0.0))
        };
        if let Some((cost, bound)) = mip() {
            eprintln!("kernel_plan/mip/{n} (effort {effort}) : coût {cost:.1}, borne {bound:.1}");
        }
        let (cost, bound) = new();
        eprintln!("kernel_plan/noyau/{n} (effort {effort}) : coût {cost:.1}, borne {bound:.1}");
        group.bench_with_input(BenchmarkId::new("mip", n), &n, |b, _| b.iter(mip));
        group.bench_with_input(BenchmarkId::new("noyau", n), &n, |b, _| b.iter(new));
    }
    group.finish();
}

criterion_group!(benches, bench_kernel);
criterion_main!(benches);
