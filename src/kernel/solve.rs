//! Solving: HiGHS options from `reglages.solveur` (or the command line), the run, the outcome.

use super::build::Model;
pub use super::output::Solved;
use crate::format::plan::Statut;
use crate::format::scenario::ReglagesSolveur;
use good_lp::{SolverModel, solvers::highs::highs};
use highs::HighsModelStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Solver options (`reglages.solveur`, overridable on the command line).
#[derive(Debug, Clone)]
pub struct Options {
    /// Wall-clock limit of the whole solve, seconds (`limite_secondes`, `--limite-secondes`).
    pub limite_secondes: f64,
    /// Relative gap at which a solve stops (`ecart_relatif`, `--ecart`).
    pub ecart_relatif: f64,
    /// Seed of HiGHS and of the neighbourhood draws (`graine`, `--graine`).
    pub graine: u32,
    /// 0: let HiGHS choose. HiGHS's thread count is process-wide: keep it the same for every solve
    /// of a process (what-if runs use 1).
    pub threads: u32,
    /// Work budget (`reglages.solveur.effort`, `--effort`), see [`super::budget`].
    pub effort: Option<u32>,
    /// Print a heartbeat on stderr while a solve runs longer than a second.
    pub progress: bool,
    /// Further HiGHS options by name (`solver`, `mip_lp_solver`…), values parsed as a boolean,
    /// an integer, a number or else a string: for the measurements of docs/noyau.md.
    pub highs: Vec<(&'static str, String)>,
    /// Developer trace on stderr: the day columns' rounds, dives and neighbourhoods, and the
    /// rules a rejected solver plan breaks (`REGIE_TRACE_CG`, read by the command line).
    pub trace_cg: bool,
    /// Developer trace on stderr: each round and neighbourhood of the large neighbourhood
    /// search (`REGIE_TRACE_LNS`, read by the command line).
    pub trace_lns: bool,
    /// HiGHS's `mip_heuristic_effort` for the weekly solve and the sub-MIPs
    /// (`REGIE_HEURISTIQUE`, read by the command line): for measurements.
    pub heuristic_effort: Option<f64>,
    /// HiGHS's own log on stdout, instead of the heartbeat's reading of it
    /// (`REGIE_JOURNAL_HIGHS`, read by the command line).
    pub highs_log: bool,
}

impl Options {
    /// The options of a scenario's `reglages.solveur` (no heartbeat, traces off).
    pub fn from_reglages(r: &ReglagesSolveur) -> Options {
        Options {
            limite_secondes: r.limite_secondes,
            ecart_relatif: r.ecart_relatif,
            graine: r.graine,
            threads: r.threads,
            effort: r.effort,
            progress: false,
            highs: Vec::new(),
            trace_cg: false,
            trace_lns: false,
            heuristic_effort: None,
            highs_log: false,
        }
    }
}

/// The last branch-and-bound line of a HiGHS log: (best bound, best solution), when known.
fn last_progress(log: &str) -> Option<(Option<f64>, Option<f64>)> {
    log.lines().rev().find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // "Src Proc. InQueue Leaves Expl. BestBound BestSol Gap Cuts InLp Confl. LpIters Time":
        // the line ends with a time like "12.3s" and holds a percentage (explored share).
        let time = cols.last()?;
        if !time.ends_with('s') || time.trim_end_matches('s').parse::<f64>().is_err() {
            return None;
        }
        let pct = cols.iter().position(|c| c.ends_with('%'))?;
        let num = |c: Option<&&str>| c.and_then(|c| c.parse::<f64>().ok());
        Some((num(cols.get(pct + 1)), num(cols.get(pct + 2))))
    })
}

/// The tail of HiGHS's log the heartbeat keeps (its last lines are all it reads).
const LOG_TAIL: usize = 64 * 1024;

/// While HiGHS runs, prints elapsed time, best cost and bound on stderr once a second (on one
/// refreshed line in a terminal, every 5 s otherwise), read from HiGHS's log file.
fn heartbeat(
    start: Instant,
    stop: Arc<AtomicBool>,
    mut log: Option<std::fs::File>,
) -> std::thread::JoinHandle<()> {
    let mut text: Vec<u8> = Vec::new();
    beat(start, stop, move || {
        use std::io::Read;
        // What HiGHS appended since the last read.
        if let Some(f) = log.as_mut() {
            let _ = f.read_to_end(&mut text);
            if text.len() > 2 * LOG_TAIL {
                text.drain(..text.len() - LOG_TAIL);
            }
        }
        last_progress(&String::from_utf8_lossy(&text))
    })
}

/// What the search has found so far, for the heartbeat when HiGHS does not run: the best
/// cost and the bound (none yet: NaN).
#[derive(Debug)]
pub struct Progress {
    best: AtomicU64,
    bound: AtomicU64,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            best: AtomicU64::new(f64::NAN.to_bits()),
            bound: AtomicU64::new(f64::NAN.to_bits()),
        }
    }
}

impl Progress {
    /// The best cost is now `cost`.
    pub fn set_best(&self, cost: f64) {
        self.best.store(cost.to_bits(), Ordering::Relaxed);
    }

    /// The best cost falls by `gain` (an improvement kept by the search).
    pub fn improve_by(&self, gain: f64) {
        let best = f64::from_bits(self.best.load(Ordering::Relaxed));
        if !best.is_nan() {
            self.set_best(best - gain);
        }
    }

    /// The best cost so far (`None` before the first).
    pub fn best(&self) -> Option<f64> {
        loaded(&self.best)
    }

    /// The best cost is now `cost` if that is lower: for searches that run side by side from
    /// the same plan, whose gains do not add up.
    pub fn lower_to(&self, cost: f64) {
        let _ = self
            .best
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                let best = f64::from_bits(bits);
                (best.is_nan() || cost < best).then_some(cost.to_bits())
            });
    }

    /// The proven bound is now `bound`.
    pub fn set_bound(&self, bound: f64) {
        self.bound.store(bound.to_bits(), Ordering::Relaxed);
    }

    /// `(bound, best)`, as [`last_progress`] reads them from HiGHS's log.
    fn read(&self) -> Option<(Option<f64>, Option<f64>)> {
        Some((loaded(&self.bound), self.best()))
    }
}

/// The value stored in `a` (`None` while it is NaN: not known yet).
fn loaded(a: &AtomicU64) -> Option<f64> {
    Some(f64::from_bits(a.load(Ordering::Relaxed))).filter(|v| !v.is_nan())
}

/// The heartbeat of [`heartbeat`] for the search (day columns and neighbourhoods), read from
/// `progress`.
pub fn search_heartbeat(
    start: Instant,
    stop: Arc<AtomicBool>,
    progress: Arc<Progress>,
) -> std::thread::JoinHandle<()> {
    beat(start, stop, move || progress.read())
}

/// Prints `résolution : T s, meilleur coût C, borne B` once a second on a terminal (one
/// refreshed line), every 5 s otherwise, from what `read` gives, until `stop`.
fn beat(
    start: Instant,
    stop: Arc<AtomicBool>,
    mut read: impl FnMut() -> Option<(Option<f64>, Option<f64>)> + Send + 'static,
) -> std::thread::JoinHandle<()> {
    use std::io::IsTerminal;
    std::thread::spawn(move || {
        let tty = std::io::stderr().is_terminal();
        let every = if tty { 1 } else { 5 };
        let mut shown = 0;
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            let t = start.elapsed().as_secs();
            if t < 1 || t < shown + every || stop.load(Ordering::Relaxed) {
                continue;
            }
            shown = t;
            let fmt = |x: Option<f64>| x.map_or("—".to_owned(), |v| format!("{v:.1}"));
            let msg = match read() {
                Some((bound, best)) => format!(
                    "résolution : {t} s, meilleur coût {}, borne {}",
                    fmt(best),
                    fmt(bound)
                ),
                None => format!("résolution : {t} s"),
            };
            if tty {
                use std::io::Write as _;
                let _ = write!(std::io::stderr(), "\r{msg}   ");
            } else {
                crate::stderr_line!("{msg}");
            }
        }
        if tty && shown > 0 {
            crate::stderr_line!();
        }
    })
}

/// The wall-clock limit as a duration, the one conversion of seconds to a [`Duration`] (which
/// panics on an infinite or huge float): clamped to [0.1 s, 24 h], the range the files and the
/// command line accept ([`crate::format::validate::LIMITE_SECONDES_MAX`]); a library caller's
/// infinite or absurd limit is the longest, NaN the shortest.
pub fn time_limit(seconds: f64) -> Duration {
    if seconds.is_nan() {
        return Duration::from_millis(100);
    }
    Duration::from_secs_f64(seconds.clamp(0.1, crate::format::validate::LIMITE_SECONDES_MAX))
}

/// Runs HiGHS on the model (its variables, objective and rows are consumed; the rest stays for
/// reading the solution). `None` when HiGHS found no solution (not expected: the plan with only the
/// fixed items is feasible once `fixed_conflicts` passed).
pub fn run_highs(model: &mut Model, opts: &Options, start: Option<&[f64]>) -> Option<Solved> {
    Job::take(model, opts, start).run(&Arc::new(AtomicBool::new(false)))
}

/// How long [`run_highs_until`] waits past its deadline for HiGHS to stop on its own clock.
const GRACE: Duration = Duration::from_millis(500);

/// [`run_highs`] on a thread of its own, waited for until `until` (plus [`GRACE`]): the weekly
/// bound after the search with `threads: 1` (what-if runs).
///
/// HiGHS reads its clock only between the steps of its presolve, and on the weekly model of
/// 300 salarié·es (a million rows) one step can last more than ten seconds: a 60 s run came back
/// after 74 s (measured: docs/noyau.md, « La limite de temps, de bout en bout »). A run not back
/// by then gives `None`, as a run without a solution would; its heartbeat is silenced and the
/// thread finishes alone (HiGHS stops at its next reading of the clock), its model dropped there.
pub fn run_highs_until(
    model: &mut Model,
    opts: &Options,
    start: Option<&[f64]>,
    until: Instant,
) -> Option<Solved> {
    let job = Job::take(model, opts, start);
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel();
    let stop_job = stop.clone();
    std::thread::spawn(move || {
        let _ = tx.send(job.run(&stop_job));
    });
    let wait = until.saturating_duration_since(Instant::now()) + GRACE;
    let solved = rx.recv_timeout(wait).ok().flatten();
    stop.store(true, Ordering::Relaxed);
    solved
}

/// One run of HiGHS, taken from a model: what a thread can own.
struct Job {
    vars: good_lp::ProblemVariables,
    objective: good_lp::Expression,
    constraints: Vec<good_lp::Constraint>,
    index: std::collections::HashMap<good_lp::Variable, usize>,
    relaxed: bool,
    opts: Options,
    start: Option<Vec<f64>>,
    /// The end of the run: HiGHS's own limit is what is left of it when it starts (the time
    /// spent passing the model to HiGHS counts).
    deadline: Instant,
}

impl Job {
    /// The model's variables, objective and rows (consumed; the rest stays for reading the
    /// solution).
    fn take(model: &mut Model, opts: &Options, start: Option<&[f64]>) -> Job {
        Job {
            vars: std::mem::take(&mut model.vars),
            objective: std::mem::replace(&mut model.objective, good_lp::Expression::from(0.0)),
            constraints: std::mem::take(&mut model.constraints),
            index: model.index.clone(),
            relaxed: model.relaxed,
            opts: opts.clone(),
            start: start.map(<[f64]>::to_vec),
            deadline: Instant::now() + time_limit(opts.limite_secondes),
        }
    }

    /// Solves; the heartbeat (when `opts.progress`) stops at the end or when `stop` is set.
    fn run(self, stop: &Arc<AtomicBool>) -> Option<Solved> {
        let opts = &self.opts;
        let mut problem = self.vars.minimise(self.objective).using(highs);
        for c in self.constraints {
            problem.add_constraint(c);
        }
        let mut hm = problem.try_into_inner().ok()?;
        if let Some(cols) = &self.start {
            // A start HiGHS finds infeasible is only ignored.
            let _ = hm.try_set_solution(Some(cols), None, None, None);
        }
        let left = self.deadline.saturating_duration_since(Instant::now());
        let _ = hm.try_set_option(
            "time_limit",
            left.max(Duration::from_millis(100)).as_secs_f64(),
        );
        let _ = hm.try_set_option("mip_rel_gap", opts.ecart_relatif.max(0.0));
        seed_and_journal(&mut hm, opts);
        if let Some(v) = opts.heuristic_effort {
            let _ = hm.try_set_option("mip_heuristic_effort", v);
        }
        for (name, value) in &opts.highs {
            let _ = if let Ok(b) = value.parse::<bool>() {
                hm.try_set_option(*name, b)
            } else if let Ok(i) = value.parse::<i32>() {
                hm.try_set_option(*name, i)
            } else if let Ok(f) = value.parse::<f64>() {
                hm.try_set_option(*name, f)
            } else {
                hm.try_set_option(*name, value.as_str())
            };
        }
        if opts.threads > 0 {
            let _ = hm.try_set_option("threads", i32::try_from(opts.threads).unwrap_or(1));
        }
        // Progress: HiGHS writes its log to a file that the heartbeat reads. HiGHS opens the file
        // when the option is set; once the heartbeat has opened it too, its temporary folder is
        // removed: both keep reading and writing the open file, and nothing is left in the
        // temporary folder whatever the end of the process (error, panic, kill).
        let log = if opts.progress && !opts.highs_log {
            tempfile::tempdir().ok().and_then(|dir| {
                let path = dir.path().join("highs.log");
                let _ = hm.try_set_option("output_flag", true);
                let _ = hm.try_set_option("log_to_console", false);
                let _ = hm.try_set_option("log_file", path.display().to_string().as_str());
                let reader = std::fs::File::open(&path).ok();
                drop(dir);
                reader
            })
        } else {
            None
        };
        let start = Instant::now();
        let beat = opts.progress.then(|| heartbeat(start, stop.clone(), log));
        let solved = hm.try_solve();
        stop.store(true, Ordering::Relaxed);
        if let Some(b) = beat {
            let _ = b.join();
        }
        let solved = solved.ok()?;
        if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
            return None;
        }
        let objective = solved.objective_value();
        // Every cost term is ≥ 0, so 0 is a proven bound when HiGHS has none yet (stopped before the
        // end of the root LP); the gap is then relative to that bound.
        let bound = solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map_or(0.0, |b| b.max(0.0));
        let gap = relative_gap(objective, bound);
        let stopped_by_clock = solved.status() == HighsModelStatus::ReachedTimeLimit;
        let statut = match solved.status() {
            HighsModelStatus::Optimal if gap <= 1e-9 || self.relaxed => Statut::Optimal,
            _ => Statut::Realisable,
        };
        let values = solved.get_solution().columns().to_vec();
        let iterations = [c"simplex_iteration_count", c"ipm_iteration_count"]
            .iter()
            .filter_map(|k| solved.int_info_value(k).ok())
            .filter(|n| *n > 0)
            .sum();
        Some(Solved {
            values,
            index: self.index,
            statut,
            objective,
            bound,
            gap,
            iterations,
            stopped_by_clock,
        })
    }
}

/// What every HiGHS model of the kernel shares: the seed (`graine`), and, as a developer aid,
/// HiGHS's own log on stdout when `opts.highs_log` is set.
pub(super) fn seed_and_journal(hm: &mut highs::Model, opts: &Options) {
    let _ = hm.try_set_option(
        "random_seed",
        i32::try_from(opts.graine).unwrap_or(i32::MAX),
    );
    if opts.highs_log {
        let _ = hm.try_set_option("output_flag", true);
        let _ = hm.try_set_option("log_to_console", true);
    }
}

/// The relative gap between a plan's cost and a proven bound (0 for a plan of cost 0).
pub fn relative_gap(cost: f64, bound: f64) -> f64 {
    if cost.abs() > 1e-9 {
        ((cost - bound) / cost.abs()).max(0.0)
    } else {
        0.0
    }
}
