//! Large neighbourhood search (LNS): the plan is improved by re-solving, with HiGHS, small parts
//! of the week while everything else stays as it is.
//!
//! A **neighbourhood** frees some people's activities; outside it, the chosen activities become
//! constants and the others disappear ([`Activities::restrict`]), so each sub-MIP is a model of
//! a few thousand columns built in milliseconds, whose optimum HiGHS usually proves at its root.
//! Neighbourhoods follow the régie's structure:
//! - **chantiers**: a chantier, the people who work on it, the chantiers those people also work
//!   on, and the people short of hours who could go there (their other shifts stay as they are);
//! - **caseload**: one CIP's salarié·es, their whole week (rdv, shifts and ateliers move together);
//! - **day**: one day of a group of people;
//! - **people**: a random group of people, their whole week.
//!
//! Each round solves two neighbourhoods side by side (rayon, HiGHS on one thread each) from the
//! same plan and keeps the better improvement. Every sub-MIP stops at a node limit, never at a
//! clock: the rounds are the work budget (`--effort`), so the same scenario and budget give the
//! same plan on any machine. The wall-clock limit only stops the search early.

use super::activities::{Activities, Kind};
use super::build::Model;
use super::greedy::columns;
use super::greedy::polish::Prices;
use super::output;
use super::solve::{Options, Solved, run_highs};
use crate::format::plan::Statut;
use crate::format::scenario::Scenario;
use crate::model::Facts;
use good_lp::Solution;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Nodes HiGHS may explore in one sub-MIP (its root, cuts and heuristics come first).
pub const SUB_MIP_NODES: i32 = 200;
/// Free activities in the first neighbourhoods; the size then adapts (grows while sub-MIPs are
/// proven optimal, shrinks when they stop at the node limit).
pub const FIRST_SIZE: usize = 2500;
/// The same on weeks too large for the day columns ([`super::COLUMNS_UP_TO`]), where the
/// sub-MIPs make the whole search: measured in 60 s, g 300 gives 22 158 and 22 164 against
/// 22 297 to 22 322 from 2 500 (5 500: 22 548 and 22 584; a size capped at 2 500 or 3 500: 22 373
/// to 22 565), g 200 gives 11 622 and 11 639 against 11 824 and 11 894 (docs/noyau.md).
pub const FIRST_SIZE_ALONE: usize = 4000;

/// What the search did, for the summary, the benches and the docs.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Rounds run (each one or two sub-MIPs).
    pub rounds: usize,
    /// Sub-MIPs solved.
    pub solves: usize,
    /// Sub-MIP plans kept (accepted by the checker at a lower cost).
    pub improvements: usize,
    /// Cost of the plan before and after, as the full model counts it.
    pub before: f64,
    /// See [`Report::before`].
    pub after: f64,
    /// The clock stopped the search before its budget was spent.
    pub stopped_by_clock: bool,
}

/// The budget of a search: rounds (each two sub-MIPs), and a wall-clock deadline that may
/// stop it earlier.
#[derive(Debug, Clone, Copy)]
pub struct Budget<'p> {
    /// Rounds of sub-MIPs, and neighbourhoods of the day columns (`--effort`).
    pub rounds: usize,
    /// The wall-clock limit (`--limite-secondes`).
    pub deadline: Instant,
    /// Where the improvements are told (the heartbeat's best cost).
    pub progress: Option<&'p super::solve::Progress>,
    /// The prices of the polish that follows each improvement ([`polished`]); none when the
    /// model's terms could not be priced by activities.
    pub(crate) prices: Option<&'p Prices>,
}

/// One neighbourhood: the activities it frees.
pub(super) struct Hood {
    pub(super) kind: &'static str,
    pub(super) free: Vec<bool>,
}

/// What the neighbourhoods are drawn from.
pub(super) struct Structure {
    n_people: usize,
    /// Activity ids of each person.
    of_person: Vec<Vec<usize>>,
    /// Chantier of each production / encadrement activity.
    chantier: Vec<Option<usize>>,
    n_chantiers: usize,
    /// Salarié·es of each CIP (référent), and those without one.
    caseloads: Vec<Vec<usize>>,
    n_days: usize,
}

impl Structure {
    pub(super) fn new(sc: &Scenario, facts: &Facts, acts: &Activities) -> Structure {
        let n_people = acts.by_pd.len();
        let of_person = acts
            .by_pd
            .iter()
            .map(|days| days.iter().flatten().copied().collect())
            .collect();
        let chantier = acts
            .list
            .iter()
            .map(|a| match a.kind {
                Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
                    Some(facts.shifts[shift].chantier)
                }
                _ => None,
            })
            .collect();
        let mut caseloads = vec![Vec::new(); sc.cips.len() + 1];
        for (i, s) in sc.salaries.iter().enumerate() {
            let c = s
                .cip
                .as_ref()
                .and_then(|c| sc.cips.iter().position(|x| x.id == *c))
                .unwrap_or(sc.cips.len());
            caseloads[c].push(i);
        }
        caseloads.retain(|c| !c.is_empty());
        Structure {
            n_people,
            of_person,
            chantier,
            n_chantiers: sc.chantiers.len(),
            caseloads,
            n_days: facts.days.len(),
        }
    }

    /// The people with at least one free activity.
    pub(super) fn people_of(&self, acts: &Activities, free: &[bool]) -> Vec<bool> {
        let mut on = vec![false; self.n_people];
        for (id, a) in acts.list.iter().enumerate() {
            if free[id] {
                on[acts.person(a.who)] = true;
            }
        }
        on
    }

    /// Frees `ids` that pass `keep` and counts the new ones.
    fn free_all(free: &mut [bool], ids: &[usize], keep: impl Fn(usize) -> bool) -> usize {
        let mut n = 0;
        for &id in ids {
            if !free[id] && keep(id) {
                free[id] = true;
                n += 1;
            }
        }
        n
    }

    /// A chantier and those around it (see the module doc).
    fn chantiers(
        &self,
        acts: &Activities,
        chosen: &[bool],
        rng: &mut ChaCha8Rng,
        size: usize,
        taken: &[bool],
    ) -> Hood {
        let mut free = vec![false; acts.list.len()];
        let mut in_hood = vec![false; self.n_chantiers];
        let mut person_in = vec![false; self.n_people];
        let mut queue = vec![rng.random_range(0..self.n_chantiers.max(1))];
        let mut count = 0;
        while let Some(c) = queue.pop() {
            if count >= size || in_hood.get(c).copied().unwrap_or(true) {
                continue;
            }
            in_hood[c] = true;
            // The people who work there now, then the others who could.
            let mut people: Vec<usize> = (0..self.n_people)
                .filter(|&p| {
                    self.of_person[p]
                        .iter()
                        .any(|&id| chosen[id] && self.chantier[id] == Some(c))
                })
                .collect();
            let mut could: Vec<usize> = (0..self.n_people)
                .filter(|&p| {
                    !people.contains(&p)
                        && self.of_person[p]
                            .iter()
                            .any(|&id| self.chantier[id] == Some(c))
                })
                .collect();
            could.shuffle(rng);
            people.extend(could);
            for p in people {
                if count >= size {
                    break;
                }
                if person_in[p] || taken[p] {
                    continue;
                }
                person_in[p] = true;
                count += Self::free_all(&mut free, &self.of_person[p], |id| {
                    chosen[id] || self.chantier[id].is_none_or(|ch| in_hood[ch])
                });
                for &id in &self.of_person[p] {
                    if chosen[id]
                        && let Some(other) = self.chantier[id]
                        && !in_hood[other]
                    {
                        queue.insert(0, other);
                    }
                }
            }
            // People already in: their activities on the chantier just added.
            for (ids, _) in self.of_person.iter().zip(&person_in).filter(|(_, on)| **on) {
                if count < size {
                    count += Self::free_all(&mut free, ids, |id| self.chantier[id] == Some(c));
                }
            }
            if queue.is_empty() && count < size {
                let left: Vec<usize> = (0..self.n_chantiers).filter(|&c| !in_hood[c]).collect();
                if let Some(&c) = left.choose(rng) {
                    queue.push(c);
                }
            }
        }
        Hood {
            kind: "chantiers",
            free,
        }
    }

    /// Whole weeks of people taken in `order` until `size` activities are free.
    fn people(
        &self,
        acts: &Activities,
        order: &[usize],
        size: usize,
        kind: &'static str,
        day: Option<usize>,
        taken: &[bool],
    ) -> Hood {
        let mut free = vec![false; acts.list.len()];
        let mut count = 0;
        for &p in order.iter().filter(|&&p| !taken[p]) {
            if count >= size {
                break;
            }
            count += Self::free_all(&mut free, &self.of_person[p], |id| {
                day.is_none_or(|d| acts.list[id].day == d)
            });
        }
        Hood { kind, free }
    }

    pub(super) fn draw(
        &self,
        acts: &Activities,
        chosen: &[bool],
        rng: &mut ChaCha8Rng,
        n: usize,
        size: usize,
        taken: &[bool],
    ) -> Hood {
        let mut everyone: Vec<usize> = (0..self.n_people).collect();
        everyone.shuffle(rng);
        match n % 4 {
            0 => self.chantiers(acts, chosen, rng, size, taken),
            1 => {
                let c = rng.random_range(0..self.caseloads.len().max(1));
                let mut order = self.caseloads.get(c).cloned().unwrap_or_default();
                order.shuffle(rng);
                self.people(acts, &order, size, "suivi", None, taken)
            }
            2 => {
                let d = rng.random_range(0..self.n_days.max(1));
                self.people(acts, &everyone, size, "jour", Some(d), taken)
            }
            _ => self.people(acts, &everyone, size, "personnes", None, taken),
        }
    }
}

/// A solved neighbourhood: its improvement (in the sub-model's cost, whose constants differ from
/// the full model's but not its differences) and the new choice of its free activities.
struct Outcome {
    gain: f64,
    proven: bool,
    changes: Vec<(usize, bool)>,
}

fn solve_hood(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    chosen: &[bool],
    hood: &Hood,
    opts: &Options,
    deadline: Instant,
) -> Option<Outcome> {
    let (sub, orig) = acts.restrict(|id| hood.free[id], chosen);
    let sub_chosen: Vec<bool> = orig.iter().map(|&id| chosen[id]).collect();
    let mut model = Model::new(sc, facts, &sub);
    let start = columns(&model, &sub, &sub_chosen);
    // HiGHS gets what is left once the sub-model is built (its build took up to 2 s of the
    // last round beyond the limit on 300 salarié·es).
    let mut opts = opts.clone();
    opts.limite_secondes = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
        .max(0.05);
    let opts = &opts;
    let before = model
        .objective
        .eval_with(&Solved::from_columns(&model, start.clone()));
    let t = Instant::now();
    let solved = run_highs(&mut model, opts, Some(&start))?;
    if opts.trace_lns {
        crate::stderr_line!(
            "  {} : {} libres, {} colonnes, {:.2} s, gain {:.1}, {:?}",
            hood.kind,
            hood.free.iter().filter(|f| **f).count(),
            model.index.len(),
            t.elapsed().as_secs_f64(),
            before - solved.objective,
            solved.statut
        );
    }
    let changes: Vec<(usize, bool)> = model
        .x
        .iter()
        .enumerate()
        .filter_map(|(k, v)| {
            let on = solved.value((*v)?) > 0.5;
            (on != sub_chosen[k]).then_some((orig[k], on))
        })
        .collect();
    Some(Outcome {
        gain: before - solved.objective,
        proven: solved.statut == Statut::Optimal,
        changes,
    })
}

fn apply(chosen: &mut [bool], changes: &[(usize, bool)]) {
    for &(id, on) in changes {
        chosen[id] = on;
    }
}

/// How much `both` saves on `one`, as the checker counts costs; `None` when `both` breaks a
/// hard rule.
pub(super) fn merge_gain(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    one: &[bool],
    both: &[bool],
) -> Option<f64> {
    let items = output::items_of(sc, facts, acts, both);
    if !crate::check::all_rules(sc, facts, &items).is_empty() {
        return None;
    }
    let cost = |items: &[crate::format::plan::Affectation]| -> f64 {
        crate::check::recompute_costs(sc, facts, items)
            .values()
            .sum()
    };
    Some(cost(&output::items_of(sc, facts, acts, one)) - cost(&items))
}

/// Polishes `plan` (a plan that keeps every hard rule) by [`super::greedy::polish`]'s local
/// moves until `until` at most, kept when the checker accepts the result at a lower cost (told
/// to `progress`). Returns the gain (0 when nothing is kept).
pub(super) fn polished(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    prices: Option<&Prices>,
    progress: Option<&super::solve::Progress>,
    plan: &mut [bool],
    until: Instant,
) -> f64 {
    let Some(prices) = prices else {
        return 0.0;
    };
    let mut next = plan.to_vec();
    let done = super::greedy::polish::polish_until(sc, facts, acts, prices, &mut next, Some(until));
    if done.moves == 0 {
        return 0.0;
    }
    let Some(g) = merge_gain(sc, facts, acts, plan, &next).filter(|g| *g > 1e-6) else {
        return 0.0;
    };
    plan.copy_from_slice(&next);
    if let Some(p) = progress {
        p.improve_by(g);
    }
    g
}

/// Improves `chosen` (a plan that keeps every hard rule) within `budget`.
pub fn improve(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    chosen: &mut [bool],
    opts: &Options,
    budget: Budget<'_>,
) -> Report {
    let st = Structure::new(sc, facts, acts);
    let mut rng = ChaCha8Rng::seed_from_u64(u64::from(opts.graine));
    let mut size = if acts.free() > super::COLUMNS_UP_TO {
        FIRST_SIZE_ALONE
    } else {
        FIRST_SIZE
    };
    let mut report = Report::default();
    let parallel = opts.threads != 1;
    for round in 0..budget.rounds {
        let left = budget
            .deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left < 0.2 {
            report.stopped_by_clock = true;
            break;
        }
        let mut o = opts.clone();
        o.progress = false;
        o.threads = 1;
        o.limite_secondes = left;
        o.highs.push(("mip_max_nodes", SUB_MIP_NODES.to_string()));
        // Two neighbourhoods of different kinds and different people, so that both
        // improvements can usually be kept.
        let first = st.draw(
            acts,
            chosen,
            &mut rng,
            2 * round,
            size,
            &vec![false; st.n_people],
        );
        let taken = st.people_of(acts, &first.free);
        let second = st.draw(acts, chosen, &mut rng, 2 * round + 1, size, &taken);
        let hoods = [first, second];
        let (a, b) = if parallel {
            rayon::join(
                || solve_hood(sc, facts, acts, chosen, &hoods[0], &o, budget.deadline),
                || solve_hood(sc, facts, acts, chosen, &hoods[1], &o, budget.deadline),
            )
        } else {
            (
                solve_hood(sc, facts, acts, chosen, &hoods[0], &o, budget.deadline),
                solve_hood(sc, facts, acts, chosen, &hoods[1], &o, budget.deadline),
            )
        };
        report.rounds += 1;
        report.solves += 2;
        let proven = [&a, &b]
            .iter()
            .all(|r| r.as_ref().is_some_and(|r| r.proven));
        size = if proven {
            size + size / 5
        } else {
            (size - size / 5).max(500)
        };
        // The better improvement of the two first (the first on a tie).
        let mut found: Vec<Outcome> = [a, b]
            .into_iter()
            .flatten()
            .filter(|r| r.gain > 1e-6)
            .collect();
        if found.len() == 2 && found[1].gain > found[0].gain + 1e-9 {
            found.swap(0, 1);
        }
        // Each improvement is kept when the plan with it keeps every hard rule and costs less
        // (the checker decides: a sub-problem's model that missed a rule costs one round, not
        // the search; and both started from the same plan and may meet on a shift or a CIP's
        // agenda).
        let before = report.improvements;
        for r in found {
            let mut next = chosen.to_vec();
            apply(&mut next, &r.changes);
            if let Some(g) = merge_gain(sc, facts, acts, chosen, &next).filter(|g| *g > 1e-6) {
                chosen.copy_from_slice(&next);
                report.improvements += 1;
                if let Some(p) = budget.progress {
                    p.improve_by(g);
                }
            }
        }
        if report.improvements > before {
            polished(
                sc,
                facts,
                acts,
                budget.prices,
                budget.progress,
                chosen,
                budget.deadline,
            );
        }
        if opts.trace_lns {
            crate::stderr_line!(
                "lns {round} : {}+{} taille {size}, améliorations {}",
                hoods[0].kind,
                hoods[1].kind,
                report.improvements
            );
        }
    }
    report
}
