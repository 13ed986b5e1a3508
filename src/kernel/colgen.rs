//! Day columns: the week seen as one choice per person-day among that person's possible days
//! (a Dantzig-Wolfe reformulation of the weekly MIP of [`super::build`]), solved by column
//! generation, then as a MIP over the columns found (price-and-branch).
//!
//! - **A column** is one person's whole day: a list of their activities that keeps every rule of
//!   the day by itself ([`super::day::DayRules`]: rules 1, 3, 7, one rdv a day, and rule 11, the
//!   part-time day shape). The fixed items of that day are in every column; a person-day left
//!   empty (or with its fixed items only) needs no column.
//! - **The master** keeps every other row of the weekly model, with `x_a` replaced by the sum of
//!   the columns that hold `a`: shifts and their crews, encadrement, skills, hours cap, rdv per
//!   week and month, CIP agenda, atelier places, daily rest between two days (rule 12), days per
//!   week, and the cost terms. Rows that only speak of one person's day are kept by the columns
//!   themselves and left out (`IN_THE_DAY`). Each person-day has `Σ columns ≤ 1`.
//! - **Pricing**: the master's duals give each activity a reduced cost; the best day of a
//!   person-day is the cheapest chain of activities in time order that keeps the day's rules,
//!   found by a depth-first search that prunes on the sum of the negative costs still ahead.
//!   Columns of negative reduced cost enter the master; when none is left, the master's LP value
//!   is the bound of the whole weekly problem (rule 11 included, which the weekly LP cannot see).
//!   At any round, the LP value plus every person-day's most negative reduced cost is a bound
//!   too (Lagrangian), so a search stopped by its budget still gives a proven bound.
//! - **Price-and-branch**: the master with binary columns, solved by HiGHS from a given plan,
//!   gives a plan that keeps every hard rule (the checker still reads it).

use super::activities::Activities;
use super::build::Model;
use super::day::DayRules;
use super::solve::Options;
use crate::check::Rule;
use crate::format::scenario::Scenario;
use crate::model::Facts;
use highs::{Col, ColProblem, HighsModelStatus, Row, Sense};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

/// Row families that only speak of one person's day: the columns keep them by construction.
const IN_THE_DAY: [&str; 4] = [
    Rule::OneThingAtATime.function(),
    Rule::Commute.function(),
    Rule::WorkingTime.function(),
    Rule::CipRdv.function(),
];

/// The most search nodes for one person-day in one pricing round; beyond, the round's
/// Lagrangian bound is not proven (counted in [`Report::incomplete`]).
const NODES_PER_DAY: usize = 2_000_000;

/// Cost of one unit of violation of a row of the master (see [`Master::new`]).
const ELASTIC: f64 = 1e6;

/// The dive fixes a quarter of the fractional candidates at a time.
const DIVE_BATCH: usize = 4;
/// Pricing rounds after each fixing of the dive.
const DIVE_ROUNDS: usize = 3;

/// "No deadline" of [`Master::generate_and_dive_to_the_end`]: a year.
const NO_DEADLINE_SECONDS: u64 = 365 * 24 * 3600;

/// Least gain for a re-planned neighbourhood to count (costs are in hundredths at least).
const IMPROVES: f64 = 1e-3;

/// Columns kept per person-day and round (the most negative ones).
const BEST_PER_DAY: usize = 3;

/// A master variable that is not a day column: shift starts, days worked, cost slacks.
struct Other {
    cost: f64,
    lo: f64,
    hi: f64,
    integer: bool,
    rows: Vec<(usize, f64)>,
    /// Its column in the weekly model (`usize::MAX` for the elastic columns).
    col: usize,
    /// The shift of a shift-start variable.
    shift: Option<usize>,
}

struct PersonDay {
    p: usize,
    /// Every activity of the person-day (fixed ones included), sorted by `(start, end)`.
    items: Vec<usize>,
    /// `Σ columns ≤ 1`.
    convexity: usize,
    /// `Σ columns − works_that_day ≤ 0` when rule 7 counts days for this person.
    link: Option<usize>,
}

/// The weekly model's columns, sorted out for the master ([`Master::new`]).
struct ModelColumns {
    /// The activity of each column that is an `x` (possible assignment).
    act: Vec<Option<usize>>,
    /// The binary columns (shift starts, days worked).
    binary: Vec<bool>,
    /// The shift of each shift-start column.
    shift_of: HashMap<usize, usize>,
    /// Rule 7's "works that day" columns and their person-day.
    day_var: BTreeMap<usize, (usize, usize)>,
}

impl ModelColumns {
    fn of(model: &Model, acts: &Activities) -> ModelColumns {
        let n_cols = model.index.len();
        let mut act: Vec<Option<usize>> = vec![None; n_cols];
        for (id, v) in model.x.iter().enumerate() {
            if let Some(v) = v
                && let Some(&c) = model.index.get(v)
            {
                act[c] = Some(id);
            }
        }
        let mut binary = vec![false; n_cols];
        let mut shift_of: HashMap<usize, usize> = HashMap::new();
        for (sid, ys) in model.y.iter().enumerate() {
            for y in ys.iter().flatten() {
                if let Some(&c) = model.index.get(y) {
                    binary[c] = true;
                    shift_of.insert(c, sid);
                }
            }
        }
        let mut day_var: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (w, ids) in &model.day_vars {
            if let (Some(&c), Some(&id)) = (model.index.get(w), ids.first()) {
                binary[c] = true;
                let a = &acts.list[id];
                day_var.insert(c, (acts.person(a.who), a.day));
            }
        }
        ModelColumns {
            act,
            binary,
            shift_of,
            day_var,
        }
    }
}

/// A master being built, step by step ([`Master::new`]).
struct Draft {
    pd_index: HashMap<(usize, usize), usize>,
    pds: Vec<PersonDay>,
    pd_of: Vec<usize>,
    rows: Vec<(f64, f64)>,
    row_names: Vec<&'static str>,
    act_rows: Vec<Vec<(usize, f64)>>,
    act_cost: Vec<f64>,
    others: Vec<Other>,
    /// Rows before this one are convexity and link rows (never elastic).
    first_row: usize,
}

impl Draft {
    /// One convexity row per person-day with a free activity.
    fn person_days(model: &Model, acts: &Activities) -> Draft {
        let mut pd_index: HashMap<(usize, usize), usize> = HashMap::new();
        let mut pds = Vec::new();
        let mut pd_of = vec![usize::MAX; acts.list.len()];
        let mut rows: Vec<(f64, f64)> = Vec::new();
        for (p, days) in acts.by_pd.iter().enumerate() {
            for (d, items) in days.iter().enumerate() {
                if items.iter().all(|&id| model.x[id].is_none()) {
                    continue;
                }
                let k = pds.len();
                pd_index.insert((p, d), k);
                for &id in items {
                    if model.x[id].is_some() {
                        pd_of[id] = k;
                    }
                }
                rows.push((f64::NEG_INFINITY, 1.0));
                pds.push(PersonDay {
                    p,
                    items: items.clone(),
                    convexity: rows.len() - 1,
                    link: None,
                });
            }
        }
        Draft {
            pd_index,
            pds,
            pd_of,
            rows,
            row_names: Vec::new(),
            act_rows: vec![Vec::new(); acts.list.len()],
            act_cost: vec![0.0; acts.list.len()],
            others: Vec::new(),
            first_row: 0,
        }
    }

    /// The model's columns that are not activities become other variables; returns the other
    /// variable of each column.
    fn others(&mut self, kinds: &ModelColumns, n_cols: usize) -> Vec<Option<usize>> {
        let mut other_of: Vec<Option<usize>> = vec![None; n_cols];
        for (c, slot) in other_of.iter_mut().enumerate() {
            if kinds.act.get(c).is_some_and(Option::is_none) {
                *slot = Some(self.others.len());
                let (lo, hi) = if kinds.binary[c] {
                    (0.0, 1.0)
                } else {
                    (0.0, f64::INFINITY)
                };
                self.others.push(Other {
                    cost: 0.0,
                    lo,
                    hi,
                    integer: kinds.binary[c],
                    rows: Vec::new(),
                    col: c,
                    shift: kinds.shift_of.get(&c).copied(),
                });
            }
        }
        other_of
    }

    /// `Σ columns − works_that_day ≤ 0` for each person-day that rule 7 counts.
    fn links(&mut self, kinds: &ModelColumns, other_of: &[Option<usize>]) {
        for (&c, &(p, d)) in &kinds.day_var {
            let (Some(&k), Some(o)) = (self.pd_index.get(&(p, d)), other_of[c]) else {
                continue;
            };
            self.rows.push((f64::NEG_INFINITY, 0.0));
            let r = self.rows.len() - 1;
            self.pds[k].link = Some(r);
            self.others[o].rows.push((r, -1.0));
        }
        self.first_row = self.rows.len();
        self.row_names = vec![""; self.rows.len()];
    }

    /// The objective's coefficients, on activities and other variables.
    fn costs(&mut self, model: &Model, kinds: &ModelColumns, other_of: &[Option<usize>]) {
        use good_lp::IntoAffineExpression;
        for (v, coef) in (&model.objective).linear_coefficients() {
            let Some(&c) = model.index.get(&v) else {
                continue;
            };
            match (kinds.act[c], other_of[c]) {
                (Some(id), _) => self.act_cost[id] += coef,
                (None, Some(o)) => self.others[o].cost += coef,
                _ => {}
            }
        }
    }

    /// The weekly model's rows, less those the day columns keep by construction; the
    /// encadrement rows `z ≤ y` are gathered by start (returned) instead.
    fn weekly_rows(
        &mut self,
        model: &Model,
        constraints: &[good_lp::Constraint],
        kinds: &ModelColumns,
        other_of: &[Option<usize>],
    ) -> BTreeMap<usize, Vec<usize>> {
        use good_lp::IntoAffineExpression;
        let mut encadrants_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, con) in constraints.iter().enumerate() {
            let family = model.row_families.get(k).copied().unwrap_or("");
            let e = con.expression();
            let mut ax: Vec<(usize, f64)> = Vec::new();
            let mut ao: Vec<(usize, f64)> = Vec::new();
            for (v, coef) in e.linear_coefficients() {
                let Some(&c) = model.index.get(&v) else {
                    continue;
                };
                match (kinds.act[c], other_of[c]) {
                    (Some(id), _) => ax.push((id, coef)),
                    (None, Some(o)) => ao.push((o, coef)),
                    _ => {}
                }
            }
            let one_day = ax
                .first()
                .is_some_and(|&(a, _)| ax.iter().all(|&(b, _)| self.pd_of[b] == self.pd_of[a]));
            if ao.is_empty() && one_day && IN_THE_DAY.contains(&family) {
                continue;
            }
            // `x_a ≤ works_that_day`: replaced by the person-day's link row.
            if family == Rule::WorkingTime.function()
                && ax.len() == 1
                && ao.len() == 1
                && kinds.day_var.contains_key(&self.others[ao[0].0].col)
            {
                continue;
            }
            // `z ≤ y` for each encadrant·e of a start: one row `Σ z ≤ n × y` per start (the
            // same at integer `y`, far fewer rows; the dive fixes the starts first).
            if family == Rule::Encadrement.function()
                && ax.len() == 1
                && ao.len() == 1
                && ax[0].1 == 1.0
                && ao[0].1 == -1.0
                && self.others[ao[0].0].shift.is_some()
            {
                encadrants_of.entry(ao[0].0).or_default().push(ax[0].0);
                continue;
            }
            let rhs = -e.constant();
            self.row_names.push(family);
            self.rows.push(if con.is_equality() {
                (rhs, rhs)
            } else {
                (f64::NEG_INFINITY, rhs)
            });
            let r = self.rows.len() - 1;
            for (id, coef) in ax {
                self.act_rows[id].push((r, coef));
            }
            for (o, coef) in ao {
                self.others[o].rows.push((r, coef));
            }
        }
        encadrants_of
    }

    /// One row `Σ z ≤ n × y` per encadrant·es' start.
    fn encadrement_rows(&mut self, encadrants_of: BTreeMap<usize, Vec<usize>>) {
        for (o, zs) in encadrants_of {
            self.row_names.push(Rule::Encadrement.function());
            self.rows.push((f64::NEG_INFINITY, 0.0));
            let r = self.rows.len() - 1;
            for &id in &zs {
                self.act_rows[id].push((r, 1.0));
            }
            self.others[o].rows.push((r, -(zs.len() as f64)));
        }
    }

    /// Every row of the weekly model is elastic at a prohibitive cost: the dive's fixings
    /// never leave the master without a solution (and so without duals to price new days
    /// that repair it). An LP with these columns is a relaxation: its value is still a bound.
    fn elastic(&mut self) {
        for (r, &(lo, hi)) in self.rows.iter().enumerate().skip(self.first_row) {
            for sign in [-1.0, 1.0] {
                if (sign < 0.0 && hi.is_finite()) || (sign > 0.0 && lo.is_finite()) {
                    self.others.push(Other {
                        cost: ELASTIC,
                        lo: 0.0,
                        hi: f64::INFINITY,
                        integer: false,
                        rows: vec![(r, sign)],
                        col: usize::MAX,
                        shift: None,
                    });
                }
            }
        }
    }

    fn into_master<'a>(
        mut self,
        sc: &'a Scenario,
        facts: &'a Facts,
        acts: &'a Activities,
        offset: f64,
        model_columns: usize,
    ) -> Master<'a> {
        for list in self.act_rows.iter_mut() {
            list.sort_by_key(|&(r, _)| r);
        }
        for o in self.others.iter_mut() {
            o.rows.sort_by_key(|&(r, _)| r);
        }
        let mut row_others: Vec<Vec<usize>> = vec![Vec::new(); self.rows.len()];
        for (o, other) in self.others.iter().enumerate() {
            for &(r, _) in &other.rows {
                row_others[r].push(o);
            }
        }
        Master {
            acts,
            rules: DayRules::new(sc, facts, acts),
            rows: self.rows,
            row_names: self.row_names,
            act_rows: self.act_rows,
            act_cost: self.act_cost,
            others: self.others,
            row_others,
            pds: self.pds,
            pd_of: self.pd_of,
            columns: Vec::new(),
            seen: HashMap::new(),
            offset,
            model_columns,
        }
    }
}

/// The state of a dive ([`Master::dive_open`]).
struct Dive {
    /// Rows of day columns only ([`Master::pure_rows`]).
    pure: Vec<bool>,
    /// Per row: the load of the day columns fixed to 1.
    load: Vec<f64>,
    /// Per row: its upper bound in the LP.
    upper: Vec<f64>,
    /// Shifts (the first groups of [`Master::group`]).
    n_shifts: usize,
    /// Per other variable of the master: a shift start.
    shift_other: Vec<bool>,
    /// Per LP column: fixed by the dive (to 1, or forbidden).
    fixed: Vec<bool>,
    /// Person-days still to fix.
    open: Vec<bool>,
    /// The LP's values after the last step.
    values: Vec<f64>,
    report: Report,
    deadline: Instant,
}

impl Dive {
    /// A column's load fits the pure rows on top of `load`.
    fn fits(&self, load: &[f64], list: &[(usize, f64)]) -> bool {
        list.iter()
            .all(|&(r, c)| !self.pure[r] || load[r] + c <= self.upper[r] + 1e-6)
    }

    /// The candidates of a step: first the fractional shift starts (they shape every crew),
    /// then, once the starts are whole, the fractional day columns and those at 1; most
    /// fractional first.
    fn candidates(&self, lp: &Lp) -> (Vec<(f64, usize)>, Vec<usize>, bool) {
        let mut frac: Vec<(f64, usize)> = Vec::new();
        let mut ones: Vec<usize> = Vec::new();
        let fixed = |j: usize| self.fixed.get(j).copied().unwrap_or(false);
        for (j, &v) in self.values.iter().enumerate() {
            if let Some(Var::Other(o)) = lp.vars.get(j)
                && self.shift_other.get(*o).copied().unwrap_or(false)
                && !fixed(j)
                && v > 1e-6
                && v < 1.0 - 1e-6
            {
                frac.push((v, j));
            }
        }
        let starts = !frac.is_empty();
        if !starts {
            for (j, &v) in self.values.iter().enumerate() {
                if !matches!(lp.vars.get(j), Some(Var::Day(_))) || fixed(j) {
                    continue;
                }
                if v >= 1.0 - 1e-6 {
                    ones.push(j);
                } else if v > 1e-6 {
                    frac.push((v, j));
                }
            }
        }
        frac.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        (frac, ones, starts)
    }
}

/// What the column generation did, for the summary and docs/noyau.md.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Pricing rounds run.
    pub rounds: usize,
    /// Columns in the master at the end.
    pub columns: usize,
    /// The master's LP value at the last round.
    pub lp: f64,
    /// The best proven bound (the LP value when no column prices out, else the best
    /// Lagrangian bound of a round).
    pub bound: f64,
    /// No column prices out: `lp` is the bound of the weekly problem.
    pub converged: bool,
    /// Person-days whose pricing stopped at its node limit in the last round.
    pub incomplete: usize,
    /// Wall time of the day columns (generation, dives and neighbourhoods), seconds.
    pub seconds: f64,
    /// Simplex iterations of the master's LPs.
    pub iterations: i64,
    /// Neighbourhoods re-planned from the day columns ([`Master::redive`]), and how many
    /// improved the plan.
    pub redives: usize,
    /// Of [`Report::redives`], those whose plan the checker accepted at a lower cost.
    pub improvements: usize,
    /// The bound was not generated because the time limit leaves it less time than it needs:
    /// the seconds it would need ([`crate::kernel::bound_seconds`]).
    pub needs_seconds: Option<f64>,
    /// The master's LP value at the last round, by cost family (the family of a cost
    /// variable's first row; `journées` for the day columns' own costs).
    pub terms: BTreeMap<&'static str, f64>,
}

/// The restricted master of the day columns: the weekly model's rows that link person-days
/// (crews, encadrement, CIP agendas, weekly hours, cost slacks), one convexity row per
/// person-day, and the day columns generated so far (each a feasible day of one person, rules
/// 1, 3, 7 and 11 inside it). Every row is elastic at a prohibitive cost.
pub struct Master<'a> {
    acts: &'a Activities,
    rules: DayRules<'a>,
    /// Bounds of each row.
    rows: Vec<(f64, f64)>,
    /// The family of each row of the weekly model kept ("" for convexity and link rows).
    row_names: Vec<&'static str>,
    /// Per activity: its rows and coefficients in the master (sorted by row).
    act_rows: Vec<Vec<(usize, f64)>>,
    act_cost: Vec<f64>,
    others: Vec<Other>,
    /// Per row: the other variables in it.
    row_others: Vec<Vec<usize>>,
    pds: Vec<PersonDay>,
    /// Per activity: its person-day (`usize::MAX` for fixed ones and days without free items).
    pd_of: Vec<usize>,
    /// Day columns: person-day and free activities (sorted).
    pub columns: Vec<(usize, Vec<usize>)>,
    seen: HashMap<(usize, Vec<usize>), usize>,
    offset: f64,
    /// Columns of the weekly model (to read a plan's values of the other variables).
    model_columns: usize,
}

impl<'a> Master<'a> {
    /// The master of `model` (the weekly model built without rule 11's rows: the columns keep
    /// rule 11). Its rows are taken from the model.
    pub fn new(
        sc: &'a Scenario,
        facts: &'a Facts,
        acts: &'a Activities,
        model: &mut Model,
    ) -> Master<'a> {
        let n_cols = model.index.len();
        let kinds = ModelColumns::of(model, acts);
        let mut draft = Draft::person_days(model, acts);
        let other_of = draft.others(&kinds, n_cols);
        draft.links(&kinds, &other_of);
        draft.costs(model, &kinds, &other_of);
        use good_lp::IntoAffineExpression;
        let offset = model.objective.constant();
        // The rows move to the master (the model keeps its variables and objective).
        let constraints = std::mem::take(&mut model.constraints);
        let encadrants_of = draft.weekly_rows(model, &constraints, &kinds, &other_of);
        draft.encadrement_rows(encadrants_of);
        draft.elastic();
        draft.into_master(sc, facts, acts, offset, n_cols)
    }
    /// Rows of the master per family of the weekly model ("" for convexity and link rows).
    pub fn families(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for f in &self.row_names {
            *out.entry(*f).or_default() += 1;
        }
        out
    }

    /// The person-days holding an activity marked in `acts_free`.
    pub fn days_of(&self, acts_free: &[bool]) -> Vec<bool> {
        self.pds
            .iter()
            .map(|pd| {
                pd.items
                    .iter()
                    .any(|&id| acts_free.get(id).copied().unwrap_or(false))
            })
            .collect()
    }

    /// Rows and columns of the master.
    pub fn size(&self) -> (usize, usize) {
        (self.rows.len(), self.others.len() + self.columns.len())
    }

    /// Adds the day columns of a plan (`chosen`, fixed items included); returns their indices
    /// among the day columns.
    pub fn add_plan(&mut self, chosen: &[bool]) -> Vec<usize> {
        let mut by_pd: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (id, &on) in chosen.iter().enumerate() {
            if on && self.pd_of.get(id).is_some_and(|&k| k != usize::MAX) {
                by_pd.entry(self.pd_of[id]).or_default().push(id);
            }
        }
        by_pd
            .into_iter()
            .map(|(k, ids)| self.add_column(k, ids).0)
            .collect()
    }

    /// Adds a day column (free activity ids of person-day `k`) unless it is there already.
    /// Returns its index and whether it is new.
    fn add_column(&mut self, k: usize, mut ids: Vec<usize>) -> (usize, bool) {
        ids.sort_unstable();
        if let Some(&n) = self.seen.get(&(k, ids.clone())) {
            return (n, false);
        }
        let n = self.columns.len();
        self.seen.insert((k, ids.clone()), n);
        self.columns.push((k, ids));
        (n, true)
    }

    /// Objective coefficient and rows of day column `n`.
    fn column(&self, n: usize) -> (f64, Vec<(usize, f64)>) {
        let (k, ids) = &self.columns[n];
        let pd = &self.pds[*k];
        let mut rows: BTreeMap<usize, f64> = BTreeMap::new();
        let mut cost = 0.0;
        for &id in ids {
            cost += self.act_cost[id];
            for &(r, c) in &self.act_rows[id] {
                *rows.entry(r).or_default() += c;
            }
        }
        *rows.entry(pd.convexity).or_default() += 1.0;
        if let Some(r) = pd.link {
            *rows.entry(r).or_default() += 1.0;
        }
        (cost, rows.into_iter().filter(|&(_, c)| c != 0.0).collect())
    }

    /// The whole master in HiGHS (binary day columns and integer variables when `integer`).
    fn highs(&self, integer: bool, opts: &Options) -> Option<Lp> {
        let part = Part {
            rows: vec![true; self.rows.len()],
            others: vec![true; self.others.len()],
            pds: vec![true; self.pds.len()],
            load: vec![0.0; self.rows.len()],
        };
        self.lp(integer, opts, &part)
    }

    /// A part of the master in HiGHS: its rows (bounds less the load of the days that stay),
    /// its other variables, and the columns of its person-days.
    fn lp(&self, integer: bool, opts: &Options, part: &Part) -> Option<Lp> {
        let mut hm = highs::Model::try_new(ColProblem::default()).ok()?;
        hm.set_sense(Sense::Minimise);
        hm.make_quiet();
        let _ = hm.try_set_option("threads", 1);
        super::solve::seed_and_journal(&mut hm, opts);
        let mut lp = Lp {
            hm: None,
            rows: vec![None; self.rows.len()],
            master_rows: Vec::new(),
            upper: vec![f64::INFINITY; self.rows.len()],
            cols: Vec::new(),
            vars: Vec::new(),
            spent: 0.0,
            trace: opts.trace_cg,
        };
        for (r, &(lo, hi)) in self.rows.iter().enumerate() {
            if part.rows[r] {
                let load = part.load[r];
                lp.rows[r] = Some(
                    hm.try_add_row((lo - load)..=(hi - load), std::iter::empty())
                        .ok()?,
                );
                lp.master_rows.push(r);
                lp.upper[r] = hi - load;
            }
        }
        lp.hm = Some(hm);
        for (o, other) in self.others.iter().enumerate() {
            if part.others[o] {
                let integral = integer && other.integer;
                lp.add(
                    Var::Other(o),
                    other.cost,
                    (other.lo, other.hi),
                    &other.rows,
                    integral,
                )?;
            }
        }
        for n in 0..self.columns.len() {
            if part.pds[self.columns[n].0] {
                let (cost, list) = self.column(n);
                lp.add(Var::Day(n), cost, (0.0, 1.0), &list, integer)?;
            }
        }
        Some(lp)
    }

    /// The part of the master that re-planning the person-days marked in `free` touches, the
    /// columns of `plan` (by person-day) staying as they are: the rows of the free days'
    /// activities, then every other variable of those rows and every row of those variables,
    /// until no row or variable is added. A row left out holds only days that stay.
    fn part(&self, free: &[bool], plan: &[Option<usize>]) -> Part {
        let mut rows = vec![false; self.rows.len()];
        let mut others = vec![false; self.others.len()];
        let mut todo: Vec<usize> = Vec::new();
        let mark = |r: usize, rows: &mut Vec<bool>, todo: &mut Vec<usize>| {
            if !rows[r] {
                rows[r] = true;
                todo.push(r);
            }
        };
        for (k, pd) in self.pds.iter().enumerate() {
            if !free[k] {
                continue;
            }
            mark(pd.convexity, &mut rows, &mut todo);
            if let Some(r) = pd.link {
                mark(r, &mut rows, &mut todo);
            }
            for &id in pd.items.iter().filter(|&&id| self.pd_of[id] == k) {
                for &(r, _) in &self.act_rows[id] {
                    mark(r, &mut rows, &mut todo);
                }
            }
        }
        while let Some(r) = todo.pop() {
            for &o in &self.row_others[r] {
                if !others[o] {
                    others[o] = true;
                    for &(r2, _) in &self.others[o].rows {
                        mark(r2, &mut rows, &mut todo);
                    }
                }
            }
        }
        let mut load = vec![0.0; self.rows.len()];
        for (k, n) in plan.iter().enumerate() {
            if let Some(n) = *n
                && !free[k]
            {
                for (r, c) in self.column(n).1 {
                    load[r] += c;
                }
            }
        }
        Part {
            rows,
            others,
            pds: free.to_vec(),
            load,
        }
    }

    /// Column generation from the columns already in the master, until no column prices out,
    /// `rounds` rounds, or the deadline. The master's LPs run on one thread; the pricing of the
    /// person-days in parallel (each person-day's search is deterministic).
    pub fn generate(&mut self, opts: &Options, rounds: usize, deadline: Instant) -> Report {
        self.root(opts, rounds, deadline).0
    }

    /// Column generation, then the dive from its LP ([`Master::dive`]) until `deadline`.
    pub fn generate_and_dive(
        &mut self,
        opts: &Options,
        rounds: usize,
        root_deadline: Instant,
        deadline: Instant,
    ) -> (Report, Option<Vec<bool>>) {
        let (report, lp) = self.root(opts, rounds, root_deadline);
        let plan = lp.and_then(|(lp, values)| self.dive_from(lp, values, deadline));
        (report, plan)
    }

    /// [`Master::generate_and_dive`] without a clock: the generation runs until no column
    /// prices out (or `rounds` rounds), the dive until the plan is whole. For tests and
    /// measurements whose result must not depend on the machine's speed.
    pub fn generate_and_dive_to_the_end(
        &mut self,
        opts: &Options,
        rounds: usize,
    ) -> (Report, Option<Vec<bool>>) {
        let never = Instant::now() + std::time::Duration::from_secs(NO_DEADLINE_SECONDS);
        self.generate_and_dive(opts, rounds, never, never)
    }

    /// The column generation of [`Master::generate`], with its LP and last solution.
    fn root(
        &mut self,
        opts: &Options,
        rounds: usize,
        deadline: Instant,
    ) -> (Report, Option<(Lp, Vec<f64>)>) {
        let t0 = Instant::now();
        let mut report = Report::default();
        let Some(mut lp) = self.highs(false, opts) else {
            return (report, None);
        };
        // Columns added to an optimal master leave its basis primal feasible: the primal
        // simplex goes on from there, without presolve.
        lp.set("presolve", "off");
        lp.set_int("simplex_strategy", 4);
        let all = vec![true; self.pds.len()];
        let values = self.rounds(&mut lp, &all, rounds, deadline, &mut report);
        if let Some(v) = &values {
            report.terms = self.terms(&lp, v);
        }
        report.columns = self.columns.len();
        report.seconds = t0.elapsed().as_secs_f64();
        (report, values.map(|v| (lp, v)))
    }

    /// Pricing rounds on `lp` for the person-days marked in `open`; updates `report` (rounds,
    /// LP value, bound when every person-day is open). Returns the last LP solution, or `None`
    /// when the master has none (infeasible under the dive's fixings, or the clock).
    fn rounds(
        &mut self,
        lp: &mut Lp,
        open: &[bool],
        rounds: usize,
        deadline: Instant,
        report: &mut Report,
    ) -> Option<Vec<f64>> {
        let mut done = 0;
        loop {
            let (obj, values, duals, iterations) = lp.solve(deadline)?;
            report.iterations += iterations;
            let value = obj + self.offset;
            report.rounds += 1;
            report.lp = value;
            let tp = Instant::now();
            let priced: Vec<Priced> = (0..self.pds.len())
                .into_par_iter()
                .map(|k| {
                    if open[k] {
                        self.price(k, &duals)
                    } else {
                        Priced::default()
                    }
                })
                .collect();
            let all_open = open.iter().all(|&o| o);
            report.incomplete = priced.iter().filter(|p| !p.complete).count();
            let lagrange = value + priced.iter().map(|p| p.least.min(0.0)).sum::<f64>();
            if all_open && report.incomplete == 0 {
                report.bound = report.bound.max(lagrange.max(0.0));
            }
            if lp.trace {
                crate::stderr_line!(
                    "cg {} : lp {value:.1} ({iterations} it., {:.2} s), lagrange {lagrange:.1}, pricing {:.2} s, {} colonnes",
                    report.rounds,
                    lp.spent,
                    tp.elapsed().as_secs_f64(),
                    priced.iter().map(|p| p.columns.len()).sum::<usize>(),
                );
            }
            let mut added = 0;
            for (k, p) in priced.into_iter().enumerate() {
                for ids in p.columns {
                    let (n, new) = self.add_column(k, ids);
                    if !new {
                        continue;
                    }
                    let (cost, list) = self.column(n);
                    lp.add(Var::Day(n), cost, (0.0, 1.0), &list, false)?;
                    added += 1;
                }
            }
            done += 1;
            if added == 0 {
                if all_open && report.incomplete == 0 {
                    report.converged = true;
                    report.bound = report.bound.max(value);
                }
                return Some(values);
            }
            if done >= rounds || Instant::now() >= deadline {
                // The columns just added are not in `values`: they are at 0.
                let mut values = values;
                values.resize(lp.cols.len(), 0.0);
                return Some(values);
            }
        }
    }

    /// Price-and-dive: from the master's LP, fixes to 1 the day columns and shift starts the
    /// LP likes most (a batch at a time, pricing the open person-days again after each), until
    /// the LP is integral. Returns the plan (fixed items included), or `None` when the dive
    /// ends in an infeasible master or the clock stops it.
    pub fn dive(&mut self, opts: &Options, deadline: Instant) -> Option<Vec<bool>> {
        let (_, lp) = self.root(opts, usize::MAX, deadline);
        let (lp, values) = lp?;
        self.dive_from(lp, values, deadline)
    }

    fn dive_from(&mut self, lp: Lp, values: Vec<f64>, deadline: Instant) -> Option<Vec<bool>> {
        let open = vec![true; self.pds.len()];
        let mut lp = lp;
        let days = self.dive_open(&mut lp, values, open, deadline, f64::INFINITY)?;
        let mut plan: Vec<bool> = self.acts.list.iter().map(|a| a.fixed).collect();
        for id in days {
            plan[id] = true;
        }
        Some(plan)
    }

    /// Re-plans the person-days marked in `free` (the rest of `plan` stays as it is): their
    /// columns are generated again under the duals of the part of the master they touch
    /// ([`Master::part`]), then the dive makes them whole. Returns the new plan (`None`: no
    /// plan, or the clock).
    pub fn redive(
        &mut self,
        opts: &Options,
        plan: &[bool],
        free: &[bool],
        deadline: Instant,
    ) -> Option<Vec<bool>> {
        let current = self.add_plan(plan);
        let mut in_plan: Vec<Option<usize>> = vec![None; self.pds.len()];
        for n in current {
            in_plan[self.columns[n].0] = Some(n);
        }
        let part = self.part(free, &in_plan);
        let mut lp = self.lp(false, opts, &part)?;
        lp.set("presolve", "off");
        lp.trace(&format!(
            "voisinage : {} lignes sur {}, {} colonnes",
            lp.master_rows.len(),
            self.rows.len(),
            lp.cols.len()
        ));
        // The free days' value in the current plan: their columns fixed to 1. A dive that
        // cannot go below it is not run, and one that rises to it is stopped.
        let mine: Vec<usize> = (0..lp.vars.len())
            .filter(|&j| matches!(lp.vars[j], Var::Day(n) if in_plan[self.columns[n].0] == Some(n)))
            .collect();
        for &j in &mine {
            lp.bounds(j, 1.0, 1.0);
        }
        let mut report = Report::default();
        let (current, _, _, _) = lp.solve(deadline)?;
        let cutoff = current + self.offset - IMPROVES;
        for &j in &mine {
            lp.bounds(j, 0.0, 1.0);
        }
        let values = self.rounds(&mut lp, free, usize::MAX, deadline, &mut report)?;
        if report.lp >= cutoff && report.incomplete == 0 {
            lp.trace(&format!(
                "voisinage sans gain possible : LP {:.1}, plan {:.1}",
                report.lp,
                cutoff + IMPROVES
            ));
            return None;
        }
        let days = self.dive_open(&mut lp, values, free.to_vec(), deadline, cutoff)?;
        // The days that stay, then the free days' new columns.
        let mut out: Vec<bool> = plan
            .iter()
            .enumerate()
            .map(|(id, &on)| {
                on && self
                    .pd_of
                    .get(id)
                    .is_none_or(|&k| k == usize::MAX || !free[k])
            })
            .collect();
        for id in days {
            out[id] = true;
        }
        Some(out)
    }

    /// The dive on `lp` with only the person-days in `open` left to fix. Returns the free
    /// activities of the day columns it fixed to 1; `None` as soon as the LP's value (offset
    /// included) reaches `cutoff` after a fixing (the dive would not beat the plan it is
    /// meant to improve).
    fn dive_open(
        &mut self,
        lp: &mut Lp,
        values: Vec<f64>,
        open: Vec<bool>,
        deadline: Instant,
        cutoff: f64,
    ) -> Option<Vec<usize>> {
        let mut dive = Dive {
            pure: self.pure_rows(),
            load: vec![0.0; self.rows.len()],
            upper: lp.upper.clone(),
            n_shifts: self
                .others
                .iter()
                .filter_map(|o| o.shift)
                .max()
                .map_or(0, |m| m + 1),
            shift_other: self.others.iter().map(|o| o.shift.is_some()).collect(),
            fixed: vec![false; lp.cols.len()],
            open,
            values,
            report: Report::default(),
            deadline,
        };
        loop {
            let (frac, ones, starts) = dive.candidates(lp);
            if frac.is_empty() {
                break;
            }
            lp.trace(&format!(
                "plongée : {} fractionnaires ({}), {} à 1",
                frac.len(),
                if starts { "débuts" } else { "journées" },
                ones.len()
            ));
            let (pick, forbidden) = self.pick(&mut dive, lp, &frac, &ones);
            if pick.is_empty() && ones.is_empty() {
                if forbidden == 0 {
                    return None;
                }
                dive.values =
                    self.rounds(lp, &dive.open, DIVE_ROUNDS, deadline, &mut dive.report)?;
                continue;
            }
            let fixed_batch = self.fix(&mut dive, lp, &pick, &ones)?;
            if fixed_batch && dive.report.lp >= cutoff {
                lp.trace(&format!("plongée arrêtée : LP {:.1}", dive.report.lp));
                return None;
            }
        }
        // A row still violated: no plan (the fixings contradict each other).
        if self.violation(lp, &dive.values) > 1e-6 {
            return None;
        }
        let mut days = Vec::new();
        for (j, &v) in dive.values.iter().enumerate() {
            if let Some(Var::Day(n)) = lp.vars.get(j)
                && v > 0.5
            {
                days.extend(self.columns[*n].1.iter().copied());
            }
        }
        Some(days)
    }

    /// Rows of day columns only (hours cap, rdv, CIP agenda, places, daily rest): a column
    /// whose load there, with the columns already fixed, goes over the bound is forbidden
    /// without asking the LP.
    fn pure_rows(&self) -> Vec<bool> {
        let mut pure = vec![true; self.rows.len()];
        for o in self.others.iter().filter(|o| o.col != usize::MAX) {
            for &(r, _) in &o.rows {
                pure[r] = false;
            }
        }
        pure
    }

    /// The batch of a dive's step: the most fractional candidates first, at most one a shift
    /// (or a person) and a quarter of them, each fitting the pure rows with the columns at 1;
    /// a column that does not fit even alone is forbidden on the spot (counted).
    fn pick(
        &self,
        dive: &mut Dive,
        lp: &mut Lp,
        frac: &[(f64, usize)],
        ones: &[usize],
    ) -> (Vec<usize>, usize) {
        let mut taken: Vec<bool> = vec![false; dive.n_shifts + self.acts.by_pd.len()];
        for &j in ones {
            taken[self.group(lp.vars[j], dive.n_shifts)] = true;
        }
        let batch = (frac.len() / DIVE_BATCH).max(1);
        let mut pick: Vec<usize> = Vec::new();
        let mut trial = dive.load.clone();
        for &j in ones {
            if let Var::Day(n) = lp.vars[j] {
                for (r, c) in self.column(n).1 {
                    trial[r] += c;
                }
            }
        }
        let mut forbidden = 0;
        for &(_, j) in frac {
            let g = self.group(lp.vars[j], dive.n_shifts);
            if pick.len() >= batch || taken[g] {
                continue;
            }
            if let Var::Day(n) = lp.vars[j] {
                let list = self.column(n).1;
                if !dive.fits(&dive.load, &list) {
                    lp.bounds(j, 0.0, 0.0);
                    dive.fixed.resize(lp.cols.len(), false);
                    dive.fixed[j] = true;
                    forbidden += 1;
                    continue;
                }
                if !dive.fits(&trial, &list) {
                    continue;
                }
                for (r, c) in list {
                    trial[r] += c;
                }
            }
            taken[g] = true;
            pick.push(j);
        }
        (pick, forbidden)
    }

    /// Fixes the batch; when the master then breaks a row, half the batch, down to the single
    /// best column, which is forbidden instead when even it breaks a row (`false`). `None`
    /// when the master has no solution or the clock stops the dive.
    fn fix(
        &mut self,
        dive: &mut Dive,
        lp: &mut Lp,
        pick: &[usize],
        ones: &[usize],
    ) -> Option<bool> {
        let mut size = pick.len();
        loop {
            let chosen: Vec<usize> = ones.iter().chain(&pick[..size]).copied().collect();
            for &j in &chosen {
                lp.bounds(j, 1.0, 1.0);
            }
            lp.set_int("simplex_strategy", 1);
            let mut open_now = dive.open.clone();
            for &j in &chosen {
                if let Var::Day(n) = lp.vars[j] {
                    open_now[self.columns[n].0] = false;
                }
            }
            let solved = self.rounds(lp, &open_now, DIVE_ROUNDS, dive.deadline, &mut dive.report);
            if let Some(v) = solved.filter(|v| self.violation(lp, v) < 1e-6) {
                dive.fixed.resize(lp.cols.len(), false);
                for &j in &chosen {
                    dive.fixed[j] = true;
                    if let Var::Day(n) = lp.vars[j] {
                        for (r, c) in self.column(n).1 {
                            dive.load[r] += c;
                        }
                    }
                }
                dive.open = open_now;
                dive.values = v;
                return Some(true);
            }
            for &j in &chosen {
                lp.bounds(j, 0.0, 1.0);
            }
            if Instant::now() >= dive.deadline {
                return None;
            }
            if size <= 1 {
                let j = *pick.first()?;
                lp.bounds(j, 0.0, 0.0);
                dive.fixed.resize(lp.cols.len(), false);
                dive.fixed[j] = true;
                dive.values =
                    self.rounds(lp, &dive.open, DIVE_ROUNDS, dive.deadline, &mut dive.report)?;
                return Some(false);
            }
            size /= 2;
        }
    }

    /// The group of a candidate of the dive: its shift, or its person (after the shifts): two
    /// days of one person fixed together could break their weekly hours cap.
    fn group(&self, v: Var, n_shifts: usize) -> usize {
        match v {
            Var::Other(o) => self.others[o].shift.unwrap_or(0),
            Var::Day(n) => n_shifts + self.pds[self.columns[n].0].p,
        }
    }

    /// The LP's objective `values` by cost family (see [`Report::terms`]).
    fn terms(&self, lp: &Lp, values: &[f64]) -> BTreeMap<&'static str, f64> {
        let mut out: BTreeMap<&'static str, f64> = BTreeMap::new();
        for (v, &x) in lp.vars.iter().zip(values) {
            let (family, cost) = match *v {
                Var::Other(o) => {
                    let other = &self.others[o];
                    let family = if other.col == usize::MAX {
                        "élastique"
                    } else {
                        other.rows.first().map_or("", |&(r, _)| self.row_names[r])
                    };
                    (family, other.cost)
                }
                Var::Day(n) => ("journées", self.column(n).0),
            };
            if cost != 0.0 && x.abs() > 1e-9 {
                *out.entry(family).or_default() += cost * x;
            }
        }
        out
    }

    /// How much the LP's solution `values` breaks the master's rows (the elastic columns' sum).
    fn violation(&self, lp: &Lp, values: &[f64]) -> f64 {
        lp.vars
            .iter()
            .zip(values)
            .filter(|(v, _)| matches!(v, Var::Other(o) if self.others[*o].col == usize::MAX))
            .map(|(_, x)| x)
            .sum()
    }

    /// The best day columns of person-day `k` under the row duals.
    fn price(&self, k: usize, duals: &[f64]) -> Priced {
        let pd = &self.pds[k];
        let n = pd.items.len();
        let free: Vec<bool> = pd.items.iter().map(|&id| self.pd_of[id] == k).collect();
        let rho: Vec<f64> = pd
            .items
            .iter()
            .zip(&free)
            .map(|(&id, &f)| {
                if f {
                    self.act_cost[id]
                        - self.act_rows[id]
                            .iter()
                            .map(|&(r, c)| c * duals[r])
                            .sum::<f64>()
                } else {
                    0.0
                }
            })
            .collect();
        let mut suffix = vec![0.0; n + 1];
        for j in (0..n).rev() {
            suffix[j] = suffix[j + 1] + rho[j].min(0.0);
        }
        let mut next_fixed = vec![n; n + 1];
        for j in (0..n).rev() {
            next_fixed[j] = if free[j] { next_fixed[j + 1] } else { j };
        }
        let dual_constant = duals[pd.convexity] + pd.link.map_or(0.0, |r| duals[r]);
        let mut s = Search {
            rules: &self.rules,
            p: pd.p,
            items: &pd.items,
            free: &free,
            rho: &rho,
            suffix: &suffix,
            next_fixed: &next_fixed,
            chain: Vec::new(),
            best: Vec::new(),
            base: dual_constant - 1e-6,
            nodes: 0,
            complete: true,
        };
        s.go(0, 0.0);
        let least = s
            .best
            .first()
            .map_or(0.0, |(v, _)| v - dual_constant)
            .min(0.0);
        Priced {
            complete: s.complete,
            least,
            columns: s
                .best
                .into_iter()
                .map(|(_, chain)| {
                    chain
                        .into_iter()
                        .filter(|&id| self.pd_of[id] == k)
                        .collect()
                })
                .collect(),
        }
    }

    /// Price-and-branch: the master with binary columns, solved by HiGHS from the plan `start`
    /// (its columns are added when missing; `start_columns` are the weekly model's column values
    /// of that plan, for the other variables). Returns the plan found (fixed items included)
    /// and HiGHS's objective, or `None` when HiGHS found nothing.
    pub fn solve_mip(
        &mut self,
        start: &[bool],
        start_columns: &[f64],
        opts: &Options,
        nodes: Option<u32>,
        deadline: Instant,
    ) -> Option<(Vec<bool>, f64)> {
        let chosen = self.add_plan(start);
        let lp = self.highs(true, opts)?;
        let mut hm = lp.hm?;
        let mut values: Vec<f64> = self
            .others
            .iter()
            .map(|o| start_columns.get(o.col).copied().unwrap_or(0.0))
            .collect();
        let mut lambda = vec![0.0; self.columns.len()];
        for n in chosen {
            lambda[n] = 1.0;
        }
        values.extend(lambda);
        if start_columns.len() == self.model_columns {
            let _ = hm.try_set_solution(Some(&values), None, None, None);
        }
        let _ = hm.try_set_option("mip_rel_gap", opts.ecart_relatif.max(0.0));
        let left = deadline.saturating_duration_since(Instant::now());
        let _ = hm.try_set_option("time_limit", left.as_secs_f64().max(0.1));
        if let Some(n) = nodes {
            let _ = hm.try_set_option("mip_max_nodes", i32::try_from(n).unwrap_or(i32::MAX));
        }
        let solved = hm.try_solve().ok()?;
        if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
            return None;
        }
        let sol = solved.get_solution();
        let cols = sol.columns();
        let mut plan: Vec<bool> = self.acts.list.iter().map(|a| a.fixed).collect();
        for (n, (_, ids)) in self.columns.iter().enumerate() {
            if cols.get(self.others.len() + n).is_some_and(|&v| v > 0.5) {
                for &id in ids {
                    plan[id] = true;
                }
            }
        }
        Some((plan, solved.objective_value() + self.offset))
    }
}

/// The result of pricing one person-day.
#[derive(Default)]
struct Priced {
    /// The search ran to its end (not stopped by [`NODES_PER_DAY`]).
    complete: bool,
    /// The most negative reduced cost found (0 when none is negative).
    least: f64,
    /// Activity ids (free ones) of the columns of negative reduced cost.
    columns: Vec<Vec<usize>>,
}

/// Depth-first search over a person-day's activities in time order.
struct Search<'s> {
    rules: &'s DayRules<'s>,
    p: usize,
    items: &'s [usize],
    free: &'s [bool],
    rho: &'s [f64],
    /// `suffix[j]`: the sum of the negative reduced costs of items `j..`.
    suffix: &'s [f64],
    /// `next_fixed[j]`: the first fixed item at or after `j` (`items.len()` when none).
    next_fixed: &'s [usize],
    chain: Vec<usize>,
    /// The best chains, by value (sum of reduced costs), best first.
    best: Vec<(f64, Vec<usize>)>,
    /// Only chains below this value are columns of negative reduced cost.
    base: f64,
    nodes: usize,
    complete: bool,
}

impl Search<'_> {
    fn threshold(&self) -> f64 {
        if self.best.len() < BEST_PER_DAY {
            self.base
        } else {
            self.best.last().map_or(self.base, |b| b.0)
        }
    }

    fn go(&mut self, from: usize, value: f64) {
        self.nodes += 1;
        if self.nodes > NODES_PER_DAY {
            self.complete = false;
            return;
        }
        let n = self.items.len();
        if self.next_fixed[from] == n
            && value < self.threshold()
            && self.has_free()
            && self.rules.ends_ok(self.p, &self.chain)
        {
            let pos = self.best.partition_point(|b| b.0 <= value);
            self.best.insert(pos, (value, self.chain.clone()));
            self.best.truncate(BEST_PER_DAY);
        }
        let last = self.next_fixed[from].min(n.saturating_sub(1));
        for j in from..=last.max(from) {
            if j >= n {
                break;
            }
            let v = value + self.rho[j];
            if v + self.suffix[j + 1] >= self.threshold() {
                continue;
            }
            // Most candidates overlap the chain's last item: rejected on that pair alone
            // before the whole chain is checked (`prefix_ok` would reject them the same).
            if self
                .chain
                .last()
                .is_some_and(|&l| !self.rules.compatible(l, self.items[j]))
            {
                continue;
            }
            self.chain.push(self.items[j]);
            if self.rules.prefix_ok(self.p, &self.chain) {
                self.go(j + 1, v);
            }
            self.chain.pop();
            if !self.complete {
                return;
            }
        }
    }

    fn has_free(&self) -> bool {
        self.chain.iter().any(|id| {
            self.items
                .iter()
                .position(|x| x == id)
                .is_some_and(|j| self.free[j])
        })
    }
}

/// A part of the master (see [`Master::part`]).
struct Part {
    rows: Vec<bool>,
    others: Vec<bool>,
    /// The person-days whose columns are in it.
    pds: Vec<bool>,
    /// Per row: the load of the columns that stay as they are.
    load: Vec<f64>,
}

/// A variable of an LP of the master.
#[derive(Clone, Copy, Debug)]
enum Var {
    /// One of [`Master::others`].
    Other(usize),
    /// One of [`Master::columns`].
    Day(usize),
}

/// An LP of the master in HiGHS, between solves: the whole master, or the part of it that a
/// neighbourhood touches ([`Master::restricted`]).
struct Lp {
    hm: Option<highs::Model>,
    /// The HiGHS row of each row of the master (`None`: not in this LP).
    rows: Vec<Option<Row>>,
    /// The master's row of each HiGHS row, in order (to read the duals).
    master_rows: Vec<usize>,
    /// The upper bound of each row of the master in this LP (the load of the days that stay
    /// as they are taken off; infinite for a row not in this LP).
    upper: Vec<f64>,
    cols: Vec<Col>,
    /// What each HiGHS column is, in order.
    vars: Vec<Var>,
    /// Seconds spent in HiGHS's solves of this model.
    spent: f64,
    /// [`Options::trace_cg`].
    trace: bool,
}

impl Lp {
    fn add(
        &mut self,
        var: Var,
        cost: f64,
        (lo, hi): (f64, f64),
        rows: &[(usize, f64)],
        integer: bool,
    ) -> Option<()> {
        let hm = self.hm.as_mut()?;
        let factors: Vec<(Row, f64)> = rows
            .iter()
            .filter_map(|&(r, c)| self.rows.get(r).copied().flatten().map(|row| (row, c)))
            .collect();
        let col = hm
            .try_add_column_with_integrality(cost, lo..=hi, factors, integer)
            .ok()?;
        self.cols.push(col);
        self.vars.push(var);
        Some(())
    }

    fn set(&mut self, name: &str, value: &str) {
        if let Some(hm) = self.hm.as_mut() {
            let _ = hm.try_set_option(name, value);
        }
    }

    fn set_int(&mut self, name: &str, value: i32) {
        if let Some(hm) = self.hm.as_mut() {
            let _ = hm.try_set_option(name, value);
        }
    }

    fn bounds(&mut self, j: usize, lo: f64, hi: f64) {
        if let (Some(hm), Some(&c)) = (self.hm.as_mut(), self.cols.get(j)) {
            hm.change_column_bounds(c, lo..=hi);
        }
    }

    /// Solves the LP: objective (without the offset), column values, the duals of the master's
    /// rows (0 for a row not in this LP), iterations.
    /// `None` when it is not solved to optimality (infeasible, or the clock).
    fn solve(&mut self, deadline: Instant) -> Option<(f64, Vec<f64>, Vec<f64>, i64)> {
        let mut hm = self.hm.take()?;
        // HiGHS's clock runs over every solve of one model: the limit is what was spent so
        // far plus what is left.
        let left = deadline.saturating_duration_since(Instant::now());
        let _ = hm.try_set_option("time_limit", self.spent + left.as_secs_f64().max(0.05));
        let t = Instant::now();
        let solved = hm.try_solve().ok()?;
        self.spent += t.elapsed().as_secs_f64();
        let status = solved.status();
        if status != HighsModelStatus::Optimal {
            self.trace(&format!("lp {status:?}"));
        }
        let out = (status == HighsModelStatus::Optimal).then(|| {
            let sol = solved.get_solution();
            let mut duals = vec![0.0; self.rows.len()];
            for (&r, &d) in self.master_rows.iter().zip(sol.dual_rows()) {
                duals[r] = d;
            }
            (
                solved.objective_value(),
                sol.columns().to_vec(),
                duals,
                solved.simplex_iteration_count(),
            )
        });
        self.hm = Some(solved.into());
        out
    }
}

impl Lp {
    /// Developer trace ([`Options::trace_cg`]).
    fn trace(&self, what: &str) {
        if self.trace {
            crate::stderr_line!("  {what}");
        }
    }
}
