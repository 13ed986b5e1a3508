//! Local moves on a whole plan, priced exactly and checked rule by rule: the polish.
//!
//! The day columns and the sub-MIPs re-plan a neighbourhood of about a thousand activities at a
//! time, in 0.1 to 2 s each; what they leave is mostly contract hours (docs/noyau.md, « Où est
//! l'écart sur g 70 ») that simple exchanges between people of the same crews would mend. The
//! polish tries every such exchange on the whole plan, in a fixed order, and keeps the first
//! that costs less, until none is left:
//! - **add** a salarié·e to a shift that runs (room in its crew), a CIP rdv or an atelier;
//! - **drop** a salarié·e from a crew above what the shift needs to run;
//! - **swap** a crew member for someone else at the same start;
//! - **move** a crew member to another shift that runs the same day;
//! - **exchange** the crew places of two salarié·es the same day (each takes the other's shift,
//!   at its start);
//! - **chain**: someone else takes a crew member's place, and the crew member goes to another
//!   running shift with room (any day): for a salarié·e short of hours whose shifts are full;
//! - **restart** a running shift at another of its starts, its whole crew and encadrant·es
//!   along, and let someone in who could not come at the old start.
//!
//! Each move is priced by [`Prices`], the model's cost terms read as sums over activities (so
//! its price is the objective's change, to the unit), and kept only when [`Greedy`]'s rules
//! (the same as the greedy start's, [`Greedy::keeps`]) accept the plan after it; callers keep
//! the polished plan only when the checker accepts it at a lower cost. Nothing depends on the
//! clock: the same plan gives the same polished plan.

use super::Greedy;
use crate::kernel::activities::{Activities, Kind, Who};
use crate::kernel::build::Model;
use good_lp::IntoAffineExpression;
use std::collections::HashMap;

/// A change smaller than this is no change (costs are sums of weights × quarter hours).
const EPS: f64 = 1e-7;

/// Passes over the whole plan at most (a pass that finds nothing ends the polish first).
const MAX_PASSES: usize = 50;

/// The model's cost terms, each as a constant plus a sum over activities: the exact price of
/// adding or removing a few activities. Shared by every polish of a run; each keeps the terms'
/// values in its own plan.
#[derive(Debug)]
pub struct Prices {
    /// Per term: its weight, whether it counts `max(0, deficit)` (a slack) or the deficit itself.
    terms: Vec<(f64, bool)>,
    /// Per term: its constant.
    constant: Vec<f64>,
    /// Per activity: the terms it appears in, with its coefficient there.
    by_act: Vec<Vec<(usize, f64)>>,
}

impl Prices {
    /// The prices of `model`'s terms; `None` when a term reads a variable that is not an
    /// activity's (it could not be priced by activities).
    pub fn new(model: &Model, acts: &Activities) -> Option<Prices> {
        let act_of: HashMap<good_lp::Variable, usize> = model
            .x
            .iter()
            .enumerate()
            .filter_map(|(id, v)| v.map(|v| (v, id)))
            .collect();
        let mut by_act: Vec<Vec<(usize, f64)>> = vec![Vec::new(); acts.list.len()];
        let mut terms = Vec::with_capacity(model.terms.len());
        let mut constant = Vec::with_capacity(model.terms.len());
        for (t, term) in model.terms.iter().enumerate() {
            let e = &term.deficit;
            for (var, coef) in e.linear_coefficients() {
                by_act[*act_of.get(&var)?].push((t, coef));
            }
            terms.push((term.weight, term.slack.is_some()));
            constant.push(e.constant());
        }
        Some(Prices {
            terms,
            constant,
            by_act,
        })
    }

    /// The terms' deficits in plan `chosen`.
    fn values(&self, chosen: &[bool]) -> Vec<f64> {
        let mut v = self.constant.clone();
        for (id, terms) in self.by_act.iter().enumerate() {
            if chosen[id] {
                for &(t, c) in terms {
                    v[t] += c;
                }
            }
        }
        v
    }

    /// Term `t`'s cost at deficit `v`.
    fn cost(&self, t: usize, v: f64) -> f64 {
        let (w, clipped) = self.terms[t];
        if clipped { w * v.max(0.0) } else { w * v }
    }
}

/// A polish's prices and the terms' deficits in its current plan.
struct Priced<'p> {
    prices: &'p Prices,
    values: Vec<f64>,
}

impl Priced<'_> {
    /// The change of cost when the activities of `changes` enter (`true`) or leave the plan.
    fn delta(&self, changes: &[(usize, bool)]) -> f64 {
        // The polish prices millions of moves (most of its time): the terms moved are kept
        // on the stack when they fit, in a vector only beyond.
        let total: usize = changes
            .iter()
            .map(|&(id, _)| self.prices.by_act[id].len())
            .sum();
        let mut small = [(0usize, 0.0f64); 32];
        let mut large = Vec::new();
        let moved: &mut [(usize, f64)] = if total <= small.len() {
            &mut small[..total]
        } else {
            large.resize(total, (0, 0.0));
            &mut large
        };
        let mut n = 0;
        for &(id, on) in changes {
            let sign = if on { 1.0 } else { -1.0 };
            for &(t, c) in &self.prices.by_act[id] {
                match moved[..n].iter_mut().find(|(u, _)| *u == t) {
                    Some((_, d)) => *d += sign * c,
                    None => {
                        moved[n] = (t, sign * c);
                        n += 1;
                    }
                }
            }
        }
        let p = self.prices;
        moved[..n]
            .iter()
            .map(|&(t, d)| p.cost(t, self.values[t] + d) - p.cost(t, self.values[t]))
            .sum()
    }

    /// The terms that `changes` move, each once with its total change (see [`Priced::delta`]).
    fn moved(&self, changes: &[(usize, bool)]) -> Vec<(usize, f64)> {
        let mut moved: Vec<(usize, f64)> = Vec::new();
        for &(id, on) in changes {
            let sign = if on { 1.0 } else { -1.0 };
            for &(t, c) in &self.prices.by_act[id] {
                match moved.iter_mut().find(|(u, _)| *u == t) {
                    Some((_, d)) => *d += sign * c,
                    None => moved.push((t, sign * c)),
                }
            }
        }
        moved
    }

    /// The change of cost when the terms move by `moved` ([`Priced::moved`]) and activity `z`
    /// enters the plan.
    fn delta_with(&self, moved: &[(usize, f64)], z: usize) -> f64 {
        let p = self.prices;
        let step = |t: usize, d: f64| p.cost(t, self.values[t] + d) - p.cost(t, self.values[t]);
        let of_z = &p.by_act[z];
        let shared: f64 = moved
            .iter()
            .map(|&(t, d)| {
                let more: f64 = of_z.iter().filter(|(u, _)| *u == t).map(|(_, c)| c).sum();
                step(t, d + more)
            })
            .sum();
        let own: f64 = of_z
            .iter()
            .filter(|(t, _)| !moved.iter().any(|(u, _)| u == t))
            .map(|&(t, c)| step(t, c))
            .sum();
        shared + own
    }

    /// Records the changes (already made to the plan) in the deficits.
    fn commit(&mut self, changes: &[(usize, bool)]) {
        for &(id, on) in changes {
            let sign = if on { 1.0 } else { -1.0 };
            for &(t, c) in &self.prices.by_act[id] {
                self.values[t] += sign * c;
            }
        }
    }
}

/// What the polish did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Polished {
    /// Moves kept.
    pub moves: usize,
    /// Passes over the plan.
    pub passes: usize,
    /// The cost saved, as [`Prices`] count it.
    pub gain: f64,
}

/// Polishes `chosen` (a plan that keeps every hard rule) in place by local moves priced by
/// `prices` (see the module's doc).
pub fn polish(
    sc: &crate::format::scenario::Scenario,
    facts: &crate::model::Facts,
    acts: &Activities,
    prices: &Prices,
    chosen: &mut [bool],
) -> Polished {
    polish_until(sc, facts, acts, prices, chosen, None)
}

/// [`polish`], stopped between two passes once `until` has passed: the user's time limit (at
/// 300 salarié·es a pass takes about 0.4 s). A work budget never stops it: its deadline is the
/// time limit too, reached only when the clock ends the run anyway.
pub fn polish_until(
    sc: &crate::format::scenario::Scenario,
    facts: &crate::model::Facts,
    acts: &Activities,
    prices: &Prices,
    chosen: &mut [bool],
    until: Option<std::time::Instant>,
) -> Polished {
    let mut g = Greedy::new(sc, facts, acts);
    for (id, &on) in chosen.iter().enumerate() {
        if on && !g.chosen[id] {
            g.apply(id);
        }
    }
    let mut priced = Priced {
        prices,
        values: prices.values(&g.chosen),
    };
    let done = g.polish(&mut priced, until);
    chosen.copy_from_slice(&g.chosen);
    done
}

/// One local move, by the activities it starts from (see the module's doc).
#[derive(Debug, Clone, Copy)]
enum Move {
    /// Activity `id` enters the plan (a crew place on a running shift, a rdv, an atelier).
    Add(usize),
    /// Crew place `x` leaves the plan.
    Drop(usize),
    /// Crew place `x` leaves, `y` enters (someone else at the same start, or the same person
    /// on another shift that runs that day).
    Replace(usize, usize),
    /// Crew places `x` and `y` (two people, two shifts the same day) leave; `x`'s person takes
    /// `y`'s shift (activity `x2`) and `y`'s person `x`'s (activity `y2`), each at its start.
    Exchange {
        x: usize,
        y: usize,
        x2: usize,
        y2: usize,
    },
    /// Crew place `x` goes to someone else at the same start (activity `y`), and `x`'s person
    /// takes crew place `z` on another shift that runs (any day, room in its crew): a short
    /// ejection chain, for a salarié·e short of hours who can reach only full crews.
    Chain { x: usize, y: usize, z: usize },
    /// Running shift `shift` starts at its start `k2` instead (each of its crew and
    /// encadrant·es at the new start), and activity `z` (someone else) joins its crew: for a
    /// salarié·e who cannot be there at the shift's present start.
    Restart {
        shift: usize,
        k2: usize,
        z: Option<usize>,
    },
}

impl Greedy<'_> {
    /// Improves the plan until no move gains (see the module's doc): each pass lists the moves
    /// that gain on the plan as it is, then tries them in the plan's order, each priced again
    /// and checked on the plan as the earlier ones left it.
    fn polish(&mut self, priced: &mut Priced<'_>, until: Option<std::time::Instant>) -> Polished {
        let mut done = Polished::default();
        while done.passes < MAX_PASSES && until.is_none_or(|t| std::time::Instant::now() < t) {
            done.passes += 1;
            let before = done.moves;
            // In the plan's order: sorting by gain was measured worse (docs/noyau.md).
            for m in self.moves(priced) {
                self.try_move(priced, &mut done, m);
            }
            if done.moves == before {
                break;
            }
        }
        done
    }

    /// Every move that the prices say gains on the plan as it is (rules not checked yet).
    fn moves(&self, priced: &Priced<'_>) -> Vec<Move> {
        let acts = self.acts;
        let mut found = Vec::new();
        // Per person and running shift: the person's crew place there, at the shift's start.
        let mut place: HashMap<(usize, usize), usize> = HashMap::new();
        for (shift, k) in self.start.iter().enumerate() {
            if let Some(k) = *k {
                for &b in &self.by_start[shift][k] {
                    place.insert((self.person(acts.list[b].who), shift), b);
                }
            }
        }
        for (id, a) in acts.list.iter().enumerate() {
            if a.fixed || !matches!(a.who, Who::Salarie(_)) {
                continue;
            }
            if !self.chosen[id] {
                let fits = match a.kind {
                    Kind::Production { shift, k } => {
                        self.start[shift] == Some(k) && self.room(shift) && self.free(id, None)
                    }
                    Kind::Rdv { .. } | Kind::Atelier { .. } => true,
                    _ => false,
                };
                if fits && priced.delta(&[(id, true)]) < -EPS {
                    found.push(Move::Add(id));
                }
                continue;
            }
            let Kind::Production { shift, k } = a.kind else {
                continue;
            };
            let d = priced.delta(&[(id, false)]);
            if d < -EPS {
                found.push(Move::Drop(id));
            }
            let p = self.person(a.who);
            // Chains from `id` (after its exchanges): someone at the same start takes its
            // place, its person the best other place (see `Greedy::best_place`).
            let onward = self.best_place(priced, id, d);
            let mut chains = Vec::new();
            let others = self.by_start[shift][k].iter().copied();
            let elsewhere = acts.by_pd[p][a.day].iter().copied().filter(|&y| {
                matches!(acts.list[y].kind, Kind::Production { shift: s2, k: k2 }
                    if s2 != shift && self.start[s2] == Some(k2))
            });
            for y in others.chain(elsewhere) {
                if y == id || self.chosen[y] || (acts.list[y].who != a.who && !self.free(y, None)) {
                    continue;
                }
                let d = priced.delta(&[(id, false), (y, true)]);
                if d < -EPS {
                    found.push(Move::Replace(id, y));
                }
                if let Some((z, dz)) = onward
                    && acts.list[y].who != a.who
                    && d + dz < -EPS
                    && priced.delta(&[(id, false), (y, true), (z, true)]) < -EPS
                {
                    chains.push(Move::Chain { x: id, y, z });
                }
            }
            self.exchanges(priced, &place, id, &mut found);
            found.append(&mut chains);
        }
        self.restarts(priced, &mut found);
        found
    }

    /// Running shift `shift` has room for one more in its crew (rule 4's maximum).
    fn room(&self, shift: usize) -> bool {
        (self.crew[shift].len() as u32) < self.facts.shifts[shift].max
    }

    /// Activity `id`'s person has nothing else at its hours that day but `leaving` (travel
    /// aside): a quick test before pricing a move that adds it ([`Greedy::can_add`] checks
    /// everything). The exact test of rule 1 with travel here changes which chains and
    /// restarts are kept, and measured worse on two scenarios of four (docs/noyau.md, « Chaîne,
    /// décalage, et un défaut du départ glouton »).
    fn free(&self, id: usize, leaving: Option<usize>) -> bool {
        let a = &self.acts.list[id];
        self.day[self.person(a.who)][a.day].iter().all(|&b| {
            let b_ = &self.acts.list[b];
            Some(b) == leaving || b_.end <= a.start || a.end <= b_.start
        })
    }

    /// The changes that start running shift `shift` at `k2` instead: each of its people leaves
    /// and takes the same place at the new start (encadrant·es first); `None` when one of them
    /// is fixed or has no such activity.
    fn restart_changes(&self, shift: usize, k2: usize) -> Option<Vec<(usize, bool)>> {
        let acts = self.acts;
        if self.start[shift].is_none_or(|k| k == k2) {
            return None;
        }
        let (encs, crew) = (&self.encs[shift], &self.crew[shift]);
        let mut changes = Vec::with_capacity(2 * (encs.len() + crew.len()));
        for (members, there) in [
            (encs, &self.enc_by_start[shift][k2]),
            (crew, &self.by_start[shift][k2]),
        ] {
            for &b in members {
                let who = acts.list[b].who;
                let b2 = there.iter().copied().find(|&c| acts.list[c].who == who)?;
                if acts.list[b].fixed {
                    return None;
                }
                changes.push((b, false));
                changes.push((b2, true));
            }
        }
        Some(changes)
    }

    /// The restarts of running shifts (see [`Move::Restart`]) that the prices say gain, each
    /// with the best newcomer to its crew (or none).
    fn restarts(&self, priced: &Priced<'_>, found: &mut Vec<Move>) {
        let acts = self.acts;
        for (shift, starts) in self.by_start.iter().enumerate() {
            for (k2, there) in starts.iter().enumerate() {
                let Some(changes) = self.restart_changes(shift, k2) else {
                    continue;
                };
                // The restart's own terms once (its people's places cancel out), then each
                // newcomer's on top.
                let moved = priced.moved(&changes);
                let alone = priced.delta(&changes);
                let room = self.room(shift);
                let mut best: (f64, Option<usize>) = (alone, None);
                for &z in there.iter().filter(|_| room) {
                    let who = acts.list[z].who;
                    if acts.list[z].fixed
                        || self.crew[shift].iter().any(|&b| acts.list[b].who == who)
                        || !self.free(z, None)
                    {
                        continue;
                    }
                    let d = priced.delta_with(&moved, z);
                    if d < best.0 {
                        best = (d, Some(z));
                    }
                }
                if best.0 < -EPS {
                    found.push(Move::Restart {
                        shift,
                        k2,
                        z: best.1,
                    });
                }
            }
        }
    }

    /// The best other place of crew place `x`'s person, for a chain ([`Move::Chain`]): on
    /// another running shift with room in its crew (any day), with the change of cost it adds
    /// to `x` leaving (whose own change is `out`). Whoever takes `x`'s place touches none of its
    /// terms, so the chain's price is the replacement's plus this (checked exactly after).
    fn best_place(&self, priced: &Priced<'_>, x: usize, out: f64) -> Option<(usize, f64)> {
        let acts = self.acts;
        let p = self.person(acts.list[x].who);
        let Kind::Production { shift, .. } = acts.list[x].kind else {
            return None;
        };
        acts.by_pd[p]
            .iter()
            .flatten()
            .copied()
            .filter(|&z| {
                let b = &acts.list[z];
                !self.chosen[z]
                    && !b.fixed
                    && matches!(b.kind, Kind::Production { shift: s2, k: k2 }
                        if s2 != shift && self.start[s2] == Some(k2) && self.room(s2))
                    && self.free(z, Some(x))
            })
            .map(|z| (z, priced.delta(&[(x, false), (z, true)]) - out))
            .min_by(|l, r| l.1.total_cmp(&r.1))
    }

    /// The exchanges of crew place `x` with a crew place `y > x` of someone else on another
    /// shift that runs that day, that the prices say gain.
    fn exchanges(
        &self,
        priced: &Priced<'_>,
        place: &HashMap<(usize, usize), usize>,
        x: usize,
        found: &mut Vec<Move>,
    ) {
        let acts = self.acts;
        let a = &acts.list[x];
        let Kind::Production { shift, .. } = a.kind else {
            return;
        };
        let p = self.person(a.who);
        for &x2 in &acts.by_pd[p][a.day] {
            let Kind::Production { shift: s2, k: k2 } = acts.list[x2].kind else {
                continue;
            };
            if s2 == shift || self.start[s2] != Some(k2) || acts.list[x2].fixed {
                continue;
            }
            for &y in &self.crew[s2] {
                let b = &acts.list[y];
                if y <= x || b.fixed || !matches!(b.who, Who::Salarie(_)) {
                    continue;
                }
                let Some(&y2) = place.get(&(self.person(b.who), shift)) else {
                    continue;
                };
                if acts.list[y2].fixed || self.chosen[y2] {
                    continue;
                }
                let d = priced.delta(&[(x, false), (y, false), (x2, true), (y2, true)]);
                if d < -EPS {
                    found.push(Move::Exchange { x, y, x2, y2 });
                }
            }
        }
    }

    /// Tries move `m` on the plan as it is now: kept when it still gains and the plan keeps
    /// every rule.
    fn try_move(&mut self, priced: &mut Priced<'_>, done: &mut Polished, m: Move) {
        let acts = self.acts;
        let changes: Vec<(usize, bool)> = match m {
            Move::Add(id) if !self.chosen[id] => vec![(id, true)],
            Move::Drop(x) if self.chosen[x] => vec![(x, false)],
            Move::Replace(x, y) if self.chosen[x] && !self.chosen[y] => {
                vec![(x, false), (y, true)]
            }
            Move::Exchange { x, y, x2, y2 }
                if self.chosen[x] && self.chosen[y] && !self.chosen[x2] && !self.chosen[y2] =>
            {
                vec![(x, false), (y, false), (x2, true), (y2, true)]
            }
            Move::Chain { x, y, z } if self.chosen[x] && !self.chosen[y] && !self.chosen[z] => {
                vec![(x, false), (y, true), (z, true)]
            }
            Move::Restart { shift, k2, z } if z.is_none_or(|z| !self.chosen[z]) => {
                let Some(mut changes) = self.restart_changes(shift, k2) else {
                    return;
                };
                changes.extend(z.map(|z| (z, true)));
                changes
            }
            _ => return,
        };
        let d = priced.delta(&changes);
        if d >= -EPS {
            return;
        }
        let kept = match m {
            Move::Add(id) => {
                let ok = self.can_add(id);
                if ok {
                    self.apply(id);
                }
                ok
            }
            Move::Drop(x) => self.replace(x, None),
            Move::Replace(x, y) => {
                let Kind::Production { shift, k } = acts.list[y].kind else {
                    return;
                };
                (acts.list[y].who == acts.list[x].who || self.start[shift] == Some(k))
                    && self.replace(x, Some(y))
            }
            Move::Exchange { x, y, x2, y2 } => self.exchange([x, y], [x2, y2]),
            Move::Chain { x, y, z } => self.chain(x, y, z),
            Move::Restart { .. } => self.restart(&changes),
        };
        if kept {
            done.keep(priced, &changes, d);
        }
    }

    /// Takes crew member `x` off its shift, and puts `y` in (someone else at the same start, or
    /// the same person on another shift that runs that day), when the plan after it keeps every
    /// hard rule; true when done, else the plan is as it was.
    fn replace(&mut self, x: usize, y: Option<usize>) -> bool {
        let acts = self.acts;
        let same_person = y.is_some_and(|y| acts.list[y].who == acts.list[x].who);
        self.undo(x);
        // The person's day without `x` (with `y` instead, `can_add` checks it).
        let ok = (same_person || self.day_kept(x)) && y.is_none_or(|y| self.can_add(y));
        if ok {
            if let Some(y) = y {
                self.apply(y);
            }
            if self.crew_kept(x) && self.skills_kept(x) && y.is_none_or(|y| self.skills_kept(y)) {
                return true;
            }
            if let Some(y) = y {
                self.undo(y);
            }
        }
        self.apply(x);
        false
    }

    /// Crew places `from` leave and `to` enter (two people exchanging their shifts), when the
    /// plan after it keeps every hard rule; true when done, else the plan is as it was.
    fn exchange(&mut self, from: [usize; 2], to: [usize; 2]) -> bool {
        let runs = |g: &Self, id: usize| match g.acts.list[id].kind {
            Kind::Production { shift, k } => g.start[shift] == Some(k),
            _ => false,
        };
        if !to.iter().all(|&id| runs(self, id)) || !self.swap(&from, &to) {
            return false;
        }
        if to.iter().all(|&id| self.skills_kept(id)) {
            return true;
        }
        self.unswap(&from, &to);
        false
    }

    /// Activities `out` leave and `into` enter, in order, each checked by
    /// [`Greedy::can_add`] on the plan as the earlier ones left it; true when all entered, else
    /// the plan is as it was.
    fn swap(&mut self, out: &[usize], into: &[usize]) -> bool {
        out.iter().for_each(|&id| self.undo(id));
        for (n, &id) in into.iter().enumerate() {
            if !self.can_add(id) {
                self.unswap(out, &into[..n]);
                return false;
            }
            self.apply(id);
        }
        true
    }

    /// Undoes [`Greedy::swap`]: `into` leave, `out` come back.
    fn unswap(&mut self, out: &[usize], into: &[usize]) {
        into.iter().rev().for_each(|&id| self.undo(id));
        out.iter().for_each(|&id| self.apply(id));
    }

    /// Crew place `x` goes to `y` (someone else at the same start) and `x`'s person takes `z`,
    /// when the plan after it keeps every hard rule; true when done, else the plan is as it was.
    fn chain(&mut self, x: usize, y: usize, z: usize) -> bool {
        let Kind::Production { shift, k } = self.acts.list[y].kind else {
            return false;
        };
        if self.start[shift] != Some(k) || !self.replace(x, Some(y)) {
            return false;
        }
        if self.can_add(z) {
            self.apply(z);
            return true;
        }
        self.undo(y);
        self.apply(x);
        false
    }

    /// A restart's changes (its people's old places out, new places and the newcomer in, in
    /// that order), when the plan after it keeps every hard rule; true when done, else the plan
    /// is as it was.
    fn restart(&mut self, changes: &[(usize, bool)]) -> bool {
        let ids = |on: bool| -> Vec<usize> {
            changes
                .iter()
                .filter(|&&(_, o)| o == on)
                .map(|&(id, _)| id)
                .collect()
        };
        self.swap(&ids(false), &ids(true))
    }

    /// The day of `x`'s person (`x` removed) keeps rules 1, 3, 7 and 11.
    fn day_kept(&self, x: usize) -> bool {
        let a = &self.acts.list[x];
        let p = self.person(a.who);
        let mut sorted = self.day[p][a.day].clone();
        sorted.sort_by_key(|&b| (self.acts.list[b].start, self.acts.list[b].end));
        self.rules.prefix_ok(p, &sorted) && self.rules.ends_ok(p, &sorted)
    }

    /// `x`'s shift, if it runs, still has the crew it needs ([`Greedy::need`]).
    fn crew_kept(&self, x: usize) -> bool {
        let Kind::Production { shift, .. } = self.acts.list[x].kind else {
            return true;
        };
        let crew = self.crew[shift].len();
        crew as u32 >= self.need(shift) || (crew == 0 && self.encs[shift].is_empty())
    }

    /// The shift of activity `id`, if it runs, has a holder of each `competences_une` skill.
    fn skills_kept(&self, id: usize) -> bool {
        let (Kind::Production { shift, .. } | Kind::Encadrement { shift, .. }) =
            self.acts.list[id].kind
        else {
            return true;
        };
        if self.crew[shift].is_empty() && self.encs[shift].is_empty() {
            return true;
        }
        let ch = &self.sc.chantiers[self.facts.shifts[shift].chantier];
        ch.competences_une.iter().all(|q| {
            self.crew[shift]
                .iter()
                .chain(&self.encs[shift])
                .any(|&b| self.holds(b, q))
        })
    }
}

impl Polished {
    /// Records a kept move (already applied) of price `d`.
    fn keep(&mut self, priced: &mut Priced<'_>, changes: &[(usize, bool)], d: f64) {
        priced.commit(changes);
        self.moves += 1;
        self.gain -= d;
    }
}
