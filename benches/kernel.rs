//! The planning kernel on generated scenarios (fixed seeds): model build and solve measured apart.
//! `cargo bench --bench kernel`; sizes from the issue: 30, 70, 150, 300 salarié·es.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use regie_planner::kernel::{Options, activities::Activities, build::Model, solve};
use regie_planner::model::Facts;
use std::time::Duration;

const SIZES: [usize; 4] = [30, 70, 150, 300];
const SEED: u64 = 7;

fn options(sc: &regie_planner::format::scenario::Scenario) -> Options {
    let mut o = Options::from_reglages(&sc.reglages.solveur);
    o.limite_secondes = 30.0;
    o.threads = 0;
    o
}

fn bench_kernel(c: &mut Criterion) {
    let mut build = c.benchmark_group("kernel_build");
    for n in SIZES {
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

    let mut solve_group = c.benchmark_group("kernel_solve");
    solve_group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        let sc = regie_planner::generate::generate(n, SEED);
        let facts = Facts::new(&sc);
        let acts = Activities::new(&sc, &facts);
        let opts = options(&sc);
        solve_group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_with_setup(
                || Model::new(&sc, &facts, &acts),
                |mut model| solve::run_highs(&mut model, &opts, None).map(|s| (s.objective, s.gap)),
            )
        });
    }
    solve_group.finish();
}

criterion_group!(benches, bench_kernel);
criterion_main!(benches);
