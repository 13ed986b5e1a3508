//! The planning kernel on generated scenarios (fixed seed 7): model build and solve measured apart.
//!
//! `cargo bench --bench kernel`: build at 30, 70, 150, 300 salarié·es; solve at 30 and 70 with the
//! issue's time targets (70: 2 s). `REGIE_BENCH_GRAND=1` adds the solves at 150 (10 s) and 300
//! (30 s), which take several minutes with criterion's 10 samples. Each solve prints its status,
//! cost and gap once on stderr, since criterion only reports times.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use regie_planner::kernel::{Options, activities::Activities, build::Model, greedy::Greedy, solve};
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
    }
    build.finish();

    let mut sizes = vec![(30, 10.0), (70, 2.0)];
    if std::env::var_os("REGIE_BENCH_GRAND").is_some() {
        sizes.extend([(150, 10.0), (300, 30.0)]);
    }
    let mut group = c.benchmark_group("kernel_solve");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    for (n, limit) in sizes {
        let sc = regie_planner::generate::generate(n, SEED);
        let facts = Facts::new(&sc);
        let acts = Activities::new(&sc, &facts);
        let opts = options(&sc, limit);
        let run = || {
            let mut model = Model::new(&sc, &facts, &acts);
            let mut g = Greedy::new(&sc, &facts, &acts);
            g.run();
            let start = g.columns(&model);
            solve::run_highs(&mut model, &opts, Some(&start)).map(|s| (s.objective, s.bound, s.gap))
        };
        if let Some((cost, bound, gap)) = run() {
            eprintln!(
                "kernel_solve/{n}: limite {limit} s, coût {cost:.1}, borne {bound:.1}, écart {:.2} %",
                gap * 100.0
            );
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| b.iter(run));
    }
    group.finish();
}

criterion_group!(benches, bench_kernel);
criterion_main!(benches);
