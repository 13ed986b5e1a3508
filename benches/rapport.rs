//! The balance report at batch size: 52 weekly plans of a 150-salarié·e régie (issue: under 5 s).
//! `cargo bench --bench rapport`. The plan is solved once (5 s limit) and reused as 52 weeks,
//! each scenario and plan shifted by 7 days, so the report groups by month as for a real year.

use chrono::Days;
use criterion::{Criterion, criterion_group, criterion_main};
use regie_planner::format::plan::Plan;
use regie_planner::format::scenario::Scenario;
use regie_planner::kernel::{self, Options};
use regie_planner::model::Facts;
use regie_planner::report::bilan::{self, Entree};
use std::time::Duration;

fn year() -> Vec<(Scenario, Plan)> {
    let sc = regie_planner::generate::generate(150, 7);
    let facts = Facts::new(&sc);
    let mut opts = Options::from_reglages(&sc.reglages.solveur);
    opts.limite_secondes = 5.0;
    opts.threads = 1;
    let plan = kernel::plan(&sc, &facts, &opts).plan;
    (0..52u64)
        .map(|w| {
            let shift = |d: chrono::NaiveDate| d.checked_add_days(Days::new(7 * w)).unwrap_or(d);
            let mut s = sc.clone();
            s.periode.debut = shift(s.periode.debut);
            s.periode.feries = s.periode.feries.iter().map(|&d| shift(d)).collect();
            let mut p = plan.clone();
            p.periode.debut = shift(p.periode.debut);
            for a in &mut p.affectations {
                a.date = shift(a.date);
            }
            (s, p)
        })
        .collect()
}

fn bench_bilan(c: &mut Criterion) {
    let weeks = year();
    let entrees: Vec<Entree> = weeks
        .iter()
        .map(|(scenario, plan)| Entree { scenario, plan })
        .collect();
    let mut g = c.benchmark_group("bilan");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("52_semaines_150_salaries_calcul", |b| {
        b.iter(|| bilan::bilan(&entrees, &bilan::Options::default()))
    });
    g.bench_function("52_semaines_150_salaries_html_csv_xlsx", |b| {
        b.iter(|| {
            let r = bilan::bilan(&entrees, &bilan::Options::default());
            let html = bilan::html(&r);
            let csv: usize = r.tableaux.iter().map(|t| bilan::csv(t).len()).sum();
            let xlsx = bilan::xlsx(&r).map(|x| x.len()).unwrap_or(0);
            html.len() + csv + xlsx
        })
    });
    g.finish();
}

criterion_group!(benches, bench_bilan);
criterion_main!(benches);
