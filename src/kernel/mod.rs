//! The planning kernel (`regie planifier`): a MIP built with `good_lp` and solved by HiGHS.
//!
//! Pipeline: [`activities`] enumerates, per person and day, every item a person could be given
//! (pre-processing removes what can never happen: outside the contract, absences, availability,
//! commute windows, restrictions, skills, collisions with fixed enrolments) → [`build`] turns them
//! into variables and one family of constraints per hard rule, and the cost terms → [`greedy`]
//! builds a start that keeps every hard rule → on large models, the day columns of [`colgen`]
//! (one column per person-day; a bound that sees rule 11, then neighbourhoods re-planned on the
//! columns, up to [`COLUMNS_UP_TO`] free activities) and [`lns`] improve it, on both cores
//! when the columns prove the bound, else beside HiGHS bounding the weekly MIP ([`plan`]) → [`solve`] runs HiGHS with the scenario's options (a work
//! budget, `effort`, and a time limit) → [`output`] writes
//! the plan items, the cost terms evaluated from the solution, and the shortfalls with their
//! reasons ([`explain`]); the independent checker reads the plan before it is written.
//!
//! Constraint families, by the rule of docs/regles.md they
//! implement (the checker in `crate::check` has a function of the same rule name):
//!
//! | rule | family (in [`build`], or the file named) |
//! |---|---|
//! | 1. one thing at a time | `rule_one_thing_at_a_time`: a clique per start time per person-day, a pair per travel conflict; PMSMP days hold nothing else (pre-processing) |
//! | 2. presence | pre-processing (`activities`); CIP side: `rule_presence` |
//! | 3. commute | pre-processing (windows exist) + `rule_commute` (an item that starts before the earliest arrival needs an earlier item; one that ends after the latest departure needs a later one) |
//! | 4. shifts | `rule_shifts`: one start per shift, crew ≤ max, ≥ 1 if it runs, ≥ min if optional |
//! | 5. encadrement | `rule_encadrement`: crew ≤ ratio × encadrant·es; supervision rights in pre-processing |
//! | 6. skills and restrictions | pre-processing (`competences_toutes`, restrictions) + `rule_skills_and_restrictions` (`competences_une`) |
//! | 7. working time | `rule_working_time`: daily hours, pause blocks, days per week |
//! | 8. hours cap | `rule_hours_cap` |
//! | 9. CIP rdv | `rule_cip_rdv` + `rule_presence` (CIP agenda) |
//! | 10. ateliers and formations | fixed items are constants; `rule_ateliers_formations` (places); formation ceiling checked on the fixed items |
//! | 11. part-time day shape (docs/regles.md) | [`labour`] `rule_part_time_day`: block starts counted per person-day (≤ `interruptions_max` + 1); after an item, the next one is near enough (interruption ≤ `interruption_max_minutes`) |
//! | 12. daily rest (docs/regles.md) | [`labour`] `rule_daily_rest`: an end too late and a start too early the next day exclude each other; PMSMP neighbours in pre-processing |

pub mod activities;
pub mod build;
pub mod colgen;
pub mod day;
pub mod explain;
pub mod greedy;
pub mod labour;
pub mod lns;
pub mod outcome;
pub mod output;
pub mod solve;

pub use outcome::{Outcome, Stats};
pub use solve::{Options, time_limit};

use crate::format::scenario::Scenario;
use crate::model::Facts;
use solve::{Progress, Solved};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// Builds and solves the week's plan.
///
/// 1. the greedy start, a plan that keeps every hard rule;
/// 2. small models (below [`LNS_FROM`] free activities): HiGHS on the whole weekly MIP from
///    that start, which it usually proves optimal in seconds;
/// 3. large models: the greedy start polished ([`greedy::polish`]: local moves priced by the
///    model's cost terms), then the day columns ([`colgen`]) and the neighbourhood search
///    ([`lns`]) make the plan, polished again after each round that gains. Up to
///    [`COLUMNS_BOUND_UP_TO`] free activities the day columns also prove the bound, when the
///    time limit leaves their generation the time it needs ([`bound_seconds`]); beyond,
///    there is no bound (HiGHS does not finish the weekly model's presolve in 10 minutes at
///    300 salarié·es). The search has both cores. With `threads: 1` (what-if runs, parallel
///    already) the search runs first, for half the time, then HiGHS on the weekly MIP without
///    rule 11's rows ([`build::Model::for_bound`]) from its plan, for the bound. HiGHS's plan
///    is kept when it is better, the checker accepts it, and (under a work budget) the clock
///    did not stop it;
/// 4. the checker reads the plan before it is written.
pub fn plan(sc: &Scenario, facts: &Facts, opts: &Options) -> Outcome {
    let t0 = Instant::now();
    let acts = activities::Activities::new(sc, facts);
    let mut g = greedy::Greedy::new(sc, facts, &acts);
    g.run();
    let greedy_plan = g.chosen;
    let (rounds, nodes) = budget(opts);
    let mut weekly = opts.clone();
    if let Some(n) = nodes {
        weekly.highs.push((
            "mip_max_nodes",
            i32::try_from(n).unwrap_or(i32::MAX).to_string(),
        ));
    }
    let run = Run {
        sc,
        facts,
        acts: &acts,
        opts,
        t0,
        limit: time_limit(opts.limite_secondes),
        rounds,
        nodes,
        free: acts.free(),
    };
    if run.free < LNS_FROM || rounds == 0 {
        return run.whole_week(&greedy_plan, weekly);
    }
    // HiGHS's thread count is process-wide: every solve of the search uses one.
    weekly.threads = 1;
    run.searched(&greedy_plan, weekly)
}

/// One run of [`plan`]: what its phases share.
struct Run<'r> {
    sc: &'r Scenario,
    facts: &'r Facts,
    acts: &'r activities::Activities,
    opts: &'r Options,
    t0: Instant,
    limit: Duration,
    /// Rounds of the search ([`budget`]).
    rounds: usize,
    /// HiGHS's node budget, under a work budget.
    nodes: Option<u32>,
    /// Free activities.
    free: usize,
}

/// What the search did: the day columns' report (when they ran) and the sub-MIPs'.
type Searched = (Option<colgen::Report>, lns::Report);

impl Run<'_> {
    /// A small week (or no search budget): HiGHS on the weekly model, from the greedy plan.
    fn whole_week(&self, greedy_plan: &[bool], mut weekly: Options) -> Outcome {
        let t1 = Instant::now();
        let model = build::Model::new(self.sc, self.facts, self.acts);
        let build_seconds = t1.elapsed().as_secs_f64();
        let start = greedy::columns(&model, self.acts, greedy_plan);
        weekly.limite_secondes = remaining(self.t0, self.limit);
        outcome::solve(
            self.sc,
            self.facts,
            self.acts,
            model,
            &weekly,
            build_seconds,
            &start,
            &start,
        )
    }

    /// The search from `chosen` until `deadline`: the day columns (up to [`COLUMNS_UP_TO`]
    /// free activities), then the sub-MIPs, on the same budget.
    fn search(
        &self,
        chosen: &mut Vec<bool>,
        deadline: Instant,
        progress: Option<&Progress>,
        prices: Option<&greedy::polish::Prices>,
    ) -> Searched {
        let within = lns::Budget {
            rounds: self.rounds,
            deadline,
            progress,
            prices,
        };
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let columns = (self.free <= COLUMNS_UP_TO).then(|| {
            let (report, dived) =
                day_columns(sc, facts, acts, chosen, self.opts, within, self.nodes);
            if let Some(p) = dived {
                *chosen = p;
            }
            report
        });
        let report = lns::improve(sc, facts, acts, chosen, self.opts, within);
        (columns, report)
    }

    /// The search on both cores while HiGHS does not run: the heartbeat reads its progress.
    fn search_with_heartbeat(
        &self,
        chosen: &mut Vec<bool>,
        before: f64,
        prices: Option<&greedy::polish::Prices>,
    ) -> Searched {
        let progress = Arc::new(Progress::default());
        progress.set_best(before);
        let stop = Arc::new(AtomicBool::new(false));
        let beat = self
            .opts
            .progress
            .then(|| solve::search_heartbeat(self.t0, stop.clone(), progress.clone()));
        let report = self.search(chosen, self.t0 + self.limit, Some(&progress), prices);
        stop.store(true, Ordering::Relaxed);
        if let Some(b) = beat {
            let _ = b.join();
        }
        report
    }

    /// The search, and the bound: HiGHS on the weekly model after the search (one thread), or
    /// the day columns' (up to [`COLUMNS_BOUND_UP_TO`]; beyond, none).
    fn searched(&self, greedy_plan: &[bool], mut weekly: Options) -> Outcome {
        let sequential = self.opts.threads == 1;
        let t1 = Instant::now();
        let mut model = build::Model::for_bound(self.sc, self.facts, self.acts);
        let mut stats = outcome::stats_of(&model, t1.elapsed().as_secs_f64());
        // HiGHS takes the model's objective: plans are costed with this copy.
        let objective = model.objective.clone();
        let (safe, before) = self.cost(&model, &objective, greedy_plan);
        let prices = greedy::polish::Prices::new(&model, self.acts);
        let mut chosen = greedy_plan.to_vec();
        lns::polished(
            self.sc,
            self.facts,
            self.acts,
            prices.as_ref(),
            None,
            &mut chosen,
            self.t0 + self.limit,
        );
        let until = self.t0 + self.limit;
        let (t2, (columns, search), solved) = if sequential {
            // The search for half the time, then HiGHS on the weekly model from its plan.
            let r = self.search(
                &mut chosen,
                self.t0 + self.limit.mul_f64(0.5),
                None,
                prices.as_ref(),
            );
            let t2 = Instant::now();
            weekly.limite_secondes = remaining(self.t0, self.limit);
            let start = greedy::columns(&model, self.acts, &chosen);
            let solved = solve::run_highs_until(&mut model, &weekly, Some(&start), until);
            (t2, r, solved)
        } else {
            // Up to COLUMNS_BOUND_UP_TO, the day columns prove a bound at least as high (rule
            // 11 included); beyond, HiGHS does not finish the weekly model's presolve in 10
            // minutes (300 salarié·es, docs/noyau.md) and would only hold a core and 1.2 GiB:
            // both cores go to the plan.
            let t2 = Instant::now();
            let (_, polished) = self.cost(&model, &objective, &chosen);
            let r = self.search_with_heartbeat(&mut chosen, polished, prices.as_ref());
            (t2, r, None)
        };
        stats.solve_seconds = t2.elapsed().as_secs_f64();
        let (found, found_cost) = self.cost(&model, &objective, &chosen);
        let columns_bound = columns.as_ref().map_or(0.0, |c| c.bound);
        stats.columns = columns;
        stats.lns = Some(lns::Report {
            before,
            after: found_cost,
            ..search
        });
        // HiGHS's plan, when it is better, allowed (under a work budget, a solve stopped by
        // the clock gives only its bound: its plan would depend on the machine) and keeps
        // rule 11.
        let bound = solved
            .as_ref()
            .map_or(0.0, |s| s.bound)
            .max(columns_bound)
            .min(found_cost);
        if let Some(s) = solved
            && s.objective < found_cost - 1e-6
            && (self.nodes.is_none() || !s.stopped_by_clock)
            && let Some(out) = outcome::accepted(self.sc, self.facts, self.acts, &model, &s, &stats)
        {
            return out;
        }
        let gap = solve::relative_gap(found_cost, bound);
        let best = Solved {
            objective: found_cost,
            bound,
            gap,
            statut: if gap <= 1e-9 {
                crate::format::plan::Statut::Optimal
            } else {
                crate::format::plan::Statut::Realisable
            },
            ..Solved::from_columns(&model, found)
        };
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        outcome::finish(
            sc,
            facts,
            acts,
            &model,
            &best,
            &safe,
            stats,
            self.opts.trace_cg,
        )
    }

    /// A plan's columns in `model` and its cost by `objective` (the model's).
    fn cost(
        &self,
        model: &build::Model,
        objective: &good_lp::Expression,
        plan: &[bool],
    ) -> (Vec<f64>, f64) {
        let cols = greedy::columns(model, self.acts, plan);
        let c = objective.eval_with(&Solved::from_columns(model, cols.clone()));
        (cols, c)
    }
}

/// The day columns make the plan of weeks up to this many free activities (70 salarié·es:
/// about 20 000; 150: 76 000); beyond (300: 285 000), a neighbourhood's part of the master
/// (every shift its days could join) costs more than the neighbourhood search's sub-MIPs gain
/// (measured: docs/noyau.md).
pub const COLUMNS_UP_TO: usize = 100_000;

/// The column generation runs for the bound on weeks up to this many free activities (the
/// same as [`COLUMNS_UP_TO`]). It converges in about 4 s on 70 salarié·es and in 13 rounds
/// (about 50 s) on 150, to the bound HiGHS's root LP reaches in about 90 s (9 170 on g 150),
/// with half the memory; before it converges there is no bound (HiGHS's was 1 744 then). HiGHS's
/// weekly model does not run on two threads at any size: beyond this, at 300 salarié·es, it
/// had no bound after 60, 300 or 600 s (its presolve unfinished) and held a core and 1.2 GiB
/// (measured: docs/noyau.md).
pub const COLUMNS_BOUND_UP_TO: usize = COLUMNS_UP_TO;

/// Share of the search's time given to the day columns (generation and dive); the
/// neighbourhood search has the rest, and all of it once the day columns stop paying
/// ([`REDIVE_STALL`]).
const COLUMNS_SHARE: f64 = 0.9;

/// Rounds of the day columns' neighbourhoods without an improvement after which the time goes
/// to the neighbourhood search's sub-MIPs (on g 70 the re-planned neighbourhoods make the big
/// early gains, the sub-MIPs the later ones: docs/noyau.md).
const REDIVE_STALL: usize = 3;

/// Pricing rounds of the bound's column generation under a work budget (it converges in 11 on
/// 70 salarié·es): the clock must not decide which columns the neighbourhoods start from.
const BOUND_ROUNDS_UNDER_BUDGET: usize = 40;

/// The day columns of [`colgen`]: their bound (weeks up to [`COLUMNS_BOUND_UP_TO`] free
/// activities), and the plan of neighbourhoods re-planned on the columns, each kept when it keeps
/// every hard rule and costs less. With two threads, two masters work side by side: while one
/// generates the columns of the bound, the other re-plans neighbourhoods from the greedy start;
/// then each round re-plans two neighbourhoods of different people, one per master, from the
/// same plan, and keeps both when the checker accepts the plan with both. Under a work budget
/// (`nodes` set) every step is counted, never timed (a neighbourhood stopped by the clock gives
/// no plan).
fn day_columns(
    sc: &Scenario,
    facts: &Facts,
    acts: &activities::Activities,
    chosen: &[bool],
    opts: &Options,
    within: lns::Budget<'_>,
    nodes: Option<u32>,
) -> (colgen::Report, Option<Vec<bool>>) {
    let t = Instant::now();
    let hoods = Hoods {
        sc,
        facts,
        acts,
        opts,
        st: lns::Structure::new(sc, facts, acts),
        nobody: vec![false; acts.by_pd.len()],
        progress: within.progress,
        prices: within.prices,
        until: t + within
            .deadline
            .saturating_duration_since(t)
            .mul_f64(COLUMNS_SHARE),
        budgeted: nodes.is_some(),
    };
    let new_master = || {
        let mut model = build::Model::for_bound(sc, facts, acts);
        let mut master = colgen::Master::new(sc, facts, acts, &mut model);
        master.add_plan(chosen);
        master
    };
    let mut first = new_master();
    let mut second = (opts.threads != 1).then(new_master);
    let free = acts.free();
    // The bound (and the columns of the root), with the first master; meanwhile (not under a
    // budget) the second re-plans neighbourhoods from the greedy start.
    let (mut report, mut best) = if free <= COLUMNS_BOUND_UP_TO {
        hoods.bound(t, &mut first, second.as_mut(), chosen)
    } else {
        (colgen::Report::default(), chosen.to_vec())
    };
    // Rounds of one neighbourhood per master, of different people, from the same plan.
    let mut rng =
        <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(u64::from(opts.graine));
    let most = nodes.map_or(usize::MAX, |_| within.rounds);
    let (mut stall, mut round) = (0, 0);
    while report.redives < most && Instant::now() < hoods.until && stall < REDIVE_STALL {
        let current = best.clone();
        let found = hoods.paired(
            &mut first,
            second.as_mut(),
            &current,
            round,
            &mut rng,
            &mut report,
        );
        round += 1;
        if hoods.budgeted && Instant::now() >= hoods.until {
            break;
        }
        let before = report.improvements;
        hoods.merge(found, &current, &mut best, &mut report);
        stall = if report.improvements > before {
            0
        } else {
            stall + 1
        };
        if opts.trace_cg {
            crate::stderr_line!(
                "voisinages {} : améliorations {}, t {:.2}",
                report.redives,
                report.improvements,
                t.elapsed().as_secs_f64()
            );
        }
    }
    report.seconds = t.elapsed().as_secs_f64();
    let changed = best.as_slice() != chosen;
    (report, changed.then_some(best))
}

/// What the day columns' neighbourhoods share ([`day_columns`]).
struct Hoods<'s> {
    sc: &'s Scenario,
    facts: &'s Facts,
    acts: &'s activities::Activities,
    opts: &'s Options,
    st: lns::Structure,
    /// No one taken: the first neighbourhood of a round may free anyone.
    nobody: Vec<bool>,
    progress: Option<&'s Progress>,
    /// The polish's prices ([`lns::polished`]).
    prices: Option<&'s greedy::polish::Prices>,
    /// End of the day columns' time.
    until: Instant,
    /// Under a work budget: every step counted, never timed.
    budgeted: bool,
}

impl Hoods<'_> {
    /// Polishes `plan` until `until` at most ([`lns::polished`]).
    fn polished(&self, plan: &mut [bool], until: Instant) {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        lns::polished(sc, facts, acts, self.prices, self.progress, plan, until);
    }

    /// The bound's generation on `first`; beside it (two threads, not under a budget) `second`
    /// re-plans neighbourhoods from `chosen` until the generation ends. The report (its
    /// redives are the second master's) and the plan. When the time limit leaves the generation
    /// less time than it needs ([`bound_seconds`]; not under a budget), no generation: each
    /// master re-plans a stream of neighbourhoods instead ([`Hoods::streams`]).
    fn bound(
        &self,
        t: Instant,
        first: &mut colgen::Master<'_>,
        second: Option<&mut colgen::Master<'_>>,
        chosen: &[bool],
    ) -> (colgen::Report, Vec<bool>) {
        // Beside a second master that re-plans meanwhile, the generation may take longer.
        let share = if second.is_some() {
            BOUND_SHARE_BESIDE
        } else {
            BOUND_SHARE
        };
        let bound_until = t + self.until.saturating_duration_since(t).mul_f64(share);
        let (rounds, gen_until) = if self.budgeted {
            (BOUND_ROUNDS_UNDER_BUDGET, self.until)
        } else {
            (usize::MAX, bound_until)
        };
        let needs = bound_seconds(self.acts.free());
        let left = bound_until.saturating_duration_since(t).as_secs_f64();
        if !self.budgeted && needs > left {
            let (plan, mut report) = self.streams(first, second, chosen, bound_until);
            report.needs_seconds = Some(needs);
            return (report, plan);
        }
        let (report, best) = match second.filter(|_| !self.budgeted) {
            Some(other) => {
                let done = AtomicBool::new(false);
                let base = self.progress.and_then(Progress::best);
                let (mut report, (found, (tried, kept))) = rayon::join(
                    || {
                        let r = first.generate(self.opts, rounds, gen_until);
                        done.store(true, Ordering::Relaxed);
                        r
                    },
                    || self.stream(other, chosen, &done, bound_until, (1, base)),
                );
                report.redives = tried;
                report.improvements = kept;
                (report, found)
            }
            None => (
                first.generate(self.opts, rounds, gen_until),
                chosen.to_vec(),
            ),
        };
        if let Some(p) = self.progress {
            p.set_bound(report.bound);
        }
        (report, best)
    }

    /// Instead of the bound, when the time limit leaves its generation less time than it needs
    /// (not under a budget; [`Hoods::bound`]): a stream of neighbourhoods on each master from
    /// `chosen` until `until`, each with its own draws (side by side on two threads); the
    /// better plan, with the other's changes carried into it when the checker accepts them at
    /// a lower cost.
    fn streams(
        &self,
        first: &mut colgen::Master<'_>,
        second: Option<&mut colgen::Master<'_>>,
        chosen: &[bool],
        until: Instant,
    ) -> (Vec<bool>, colgen::Report) {
        let never = AtomicBool::new(false);
        let base = self.progress.and_then(Progress::best);
        // A stream's plan and its report.
        let run = |m: &mut colgen::Master<'_>, seed: u64| {
            let (plan, (redives, improvements)) =
                self.stream(m, chosen, &never, until, (seed, base));
            let report = colgen::Report {
                columns: m.columns.len(),
                redives,
                improvements,
                ..colgen::Report::default()
            };
            (plan, report)
        };
        let Some(second) = second else {
            return run(first, 1);
        };
        let ((p1, r1), (p2, r2)) = rayon::join(|| run(first, 2), || run(second, 1));
        let mut report = colgen::Report {
            columns: r1.columns + r2.columns,
            redives: r1.redives + r2.redives,
            improvements: r1.improvements + r2.improvements,
            ..colgen::Report::default()
        };
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let gain = |p: &[bool]| lns::merge_gain(sc, facts, acts, chosen, p).unwrap_or(0.0);
        let (mut best, other) = if gain(&p2) > gain(&p1) {
            (p2, p1)
        } else {
            (p1, p2)
        };
        self.merge(vec![(0.0, other)], chosen, &mut best, &mut report);
        (best, report)
    }

    /// Neighbourhoods re-planned one after the other on `other` from `chosen`, until `done`
    /// or `until`, drawn with the run's seed plus `seed`: the plan, neighbourhoods tried and
    /// kept. `base` is the heartbeat's best cost when the stream starts (that of `chosen`).
    fn stream(
        &self,
        other: &mut colgen::Master<'_>,
        chosen: &[bool],
        done: &AtomicBool,
        until: Instant,
        (seed, base): (u64, Option<f64>),
    ) -> (Vec<bool>, (usize, usize)) {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(
            u64::from(self.opts.graine) + seed,
        );
        let mut plan = chosen.to_vec();
        let (mut tried, mut kept) = (0, 0);
        // The heartbeat's best is `base` (the cost of `chosen`) less this stream's own gains: a
        // stream beside another from the same plan does not add its gains to the other's.
        let mut gained = 0.0;
        while !done.load(Ordering::Relaxed) && Instant::now() < until {
            let hood = self
                .st
                .draw(acts, &plan, &mut rng, tried, REDIVE_SIZE, &self.nobody);
            tried += 1;
            let days = other.days_of(&hood.free);
            if let Some(p) = other.redive(self.opts, &plan, &days, until)
                && let Some(g) = lns::merge_gain(sc, facts, acts, &plan, &p).filter(|g| *g > 1e-6)
            {
                plan = p;
                kept += 1;
                gained += g + lns::polished(sc, facts, acts, self.prices, None, &mut plan, until);
                if let (Some(pr), Some(b)) = (self.progress, base) {
                    pr.lower_to(b - gained);
                }
            }
        }
        (plan, (tried, kept))
    }

    /// One round: a neighbourhood re-planned on each master (of different people) from
    /// `current`; the plans that beat it, with their gain, best first.
    fn paired(
        &self,
        first: &mut colgen::Master<'_>,
        second: Option<&mut colgen::Master<'_>>,
        current: &[bool],
        round: usize,
        rng: &mut rand_chacha::ChaCha8Rng,
        report: &mut colgen::Report,
    ) -> Vec<(f64, Vec<bool>)> {
        let (sc, facts, acts, opts) = (self.sc, self.facts, self.acts, self.opts);
        // Kinds: two "chantiers" (the big gains), then "suivi" or "jour" beside "personnes".
        let (k1, k2) = match round % 3 {
            0 => (0, 0),
            1 => (1, 3),
            _ => (2, 3),
        };
        let h1 = self
            .st
            .draw(acts, current, rng, k1, REDIVE_SIZE, &self.nobody);
        let d1 = first.days_of(&h1.free);
        let (p1, p2) = match second {
            Some(other) => {
                let taken = self.st.people_of(acts, &h1.free);
                let h2 = self.st.draw(acts, current, rng, k2, REDIVE_SIZE, &taken);
                let d2 = other.days_of(&h2.free);
                report.redives += 2;
                rayon::join(
                    || first.redive(opts, current, &d1, self.until),
                    || other.redive(opts, current, &d2, self.until),
                )
            }
            None => {
                report.redives += 1;
                (first.redive(opts, current, &d1, self.until), None)
            }
        };
        let mut found: Vec<(f64, Vec<bool>)> = [p1, p2]
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let g = lns::merge_gain(sc, facts, acts, current, &p)?;
                (g > 1e-6).then_some((g, p))
            })
            .collect();
        if found.len() == 2 && found[1].0 > found[0].0 + 1e-9 {
            found.swap(0, 1);
        }
        found
    }

    /// Each plan of `found` (re-planned from `current`) carried into `best` as its changes,
    /// kept when the checker accepts the result at a lower cost.
    fn merge(
        &self,
        found: Vec<(f64, Vec<bool>)>,
        current: &[bool],
        best: &mut Vec<bool>,
        report: &mut colgen::Report,
    ) {
        let before = report.improvements;
        for (_, p) in found {
            let mut next = best.clone();
            for (id, (&now, &was)) in p.iter().zip(current).enumerate() {
                if now != was {
                    next[id] = now;
                }
            }
            if let Some(g) =
                lns::merge_gain(self.sc, self.facts, self.acts, best, &next).filter(|g| *g > 1e-6)
            {
                *best = next;
                report.improvements += 1;
                if let Some(p) = self.progress {
                    p.improve_by(g);
                }
            }
        }
        if report.improvements > before {
            self.polished(best, self.until);
        }
    }
}

/// Share of the day columns' time that the generation for the bound may take at most (it
/// converges in 4 s on 70 salarié·es; on 150 and more it is cut, and the bound is then the
/// best Lagrangian bound of its rounds).
const BOUND_SHARE: f64 = 0.4;
/// The same when a second master re-plans neighbourhoods meanwhile (two threads): all of the
/// day columns' time. Both cores work on the plan anyway, and on 150 salarié·es the generation
/// needs about 13 rounds (50 s on a 2-core machine): at 0.6 a 60 s run ended after 8 rounds
/// with no bound, where HiGHS's root LP had given one (docs/noyau.md).
const BOUND_SHARE_BESIDE: f64 = 1.0;

/// Seconds the bound's column generation needs on a week of `free` free activities, beside a
/// second master (two cores): about `(free / 11 000)²`. Measured on a 2-core machine, the bound
/// came within 5 s on 70 salarié·es (18 680 free activities; estimate 2.9 s), 5 to 10 s on 94
/// (29 321; 7.1 s), 15 to 20 s on 120 (48 719; 19.6 s), 40 to 50 s on 150 (76 425; 48.3 s).
/// When the limit leaves it less, the bound would not come and its core is better spent on the
/// plan ([`Hoods::streams`]; docs/noyau.md).
pub fn bound_seconds(free: usize) -> f64 {
    (free as f64 / BOUND_FREE_PER_SECOND_ROOT).powi(2)
}

/// See [`bound_seconds`].
const BOUND_FREE_PER_SECOND_ROOT: f64 = 11_000.0;

/// Activities freed by one neighbourhood of the day columns.
const REDIVE_SIZE: usize = 1000;

/// Seconds left of `limit` since `t0` (at least 0.1).
fn remaining(t0: Instant, limit: Duration) -> f64 {
    limit.saturating_sub(t0.elapsed()).as_secs_f64().max(0.1)
}
