//! The labour-code day rules of docs/regles.md in the MIP: rule 11 (part-time day shape, Code du
//! travail L3123-30) and rule 12 (daily rest, L3131-1). Fixed items count as the constant 1
//! (see `Model::sum_acts`); a PMSMP day's neighbours lose, in pre-processing
//! ([`super::activities`]), the activities too close to its 09:00-17:00.

use super::activities::{Act, Activities};
use super::build::Model;
use crate::check::Rule;
use crate::format::scenario::Scenario;
use crate::model::{Facts, labour};
use good_lp::variable;
use std::collections::BTreeMap;

/// The weekly hours of person `p` (salarié·es first, then encadrant·es).
fn weekly_hours(sc: &Scenario, acts: &Activities, p: usize) -> Option<f64> {
    if p < acts.n_salaries {
        sc.salaries.get(p).map(|s| s.contrat.heures_hebdo)
    } else {
        sc.encadrants
            .get(p - acts.n_salaries)
            .map(|e| e.heures_hebdo)
    }
}

/// The most items of `pd` (sorted by start) a plan can hold on that day: the longest chain of
/// pairwise compatible activities, each after the previous with its travel.
fn longest_chain(facts: &Facts, acts: &Activities, pd: &[usize]) -> usize {
    let mut best: Vec<usize> = Vec::with_capacity(pd.len());
    for (n, &b) in pd.iter().enumerate() {
        let bb = &acts.list[b];
        let before = pd[..n]
            .iter()
            .zip(&best)
            .filter(|&(&c, _)| precedes(facts, &acts.list[c], bb))
            .map(|(_, &k)| k)
            .max()
            .unwrap_or(0);
        best.push(before + 1);
    }
    best.into_iter().max().unwrap_or(0)
}

/// `c` then `b` fit in one day: `b` starts once `c` is over and its travel done.
fn precedes(facts: &Facts, c: &Act, b: &Act) -> bool {
    c.end + facts.places.travel(c.place, b.place) <= b.start
}

impl Model {
    /// Rule 11 (part-time day shape): for each person-day of a person below `duree_legale`,
    /// - count: a block starts at `b` unless a close predecessor `c` (`c.end + travel ≤ b.start
    ///   ≤ c.end + travel + pause`: no interruption between them) is in the plan; the block-start
    ///   expression is `x_b` when `b` has no close predecessor, else a continuous `s_b ≥ 0` with
    ///   `s_b ≥ x_b − Σ x_c`; then `Σ s_b ≤ interruptions_max + 1` (only when the day can hold more
    ///   items than that);
    /// - length: an interruption too long is two consecutive items `a`, `b` with
    ///   `b.start − a.end − travel > max(interruption_max_minutes, pause)`. So when `a` is in the
    ///   plan and anything after it is too, the item right after `a` is "near" (starts after
    ///   `a` and its travel, at most that long after). Per `a` grouped by (end `E`, place) (same
    ///   end: at most one in the plan): `Σ_A x + w_E − 1 ≤ Σ_{near A} x`, where the continuous
    ///   `w_E` is at least every activity of the day starting at or after `E` (a chain over the
    ///   day's starts: `w_k ≥ Σ_{start = S_k} x`, `w_k ≥ w_{k+1}`). An activity starting after `E`
    ///   but before `a`'s travel is done cannot be in the plan with `a` (rule 1).
    pub(super) fn rule_part_time_day(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let Some(pt) = labour::PartTime::of(&sc.reglages) else {
            return;
        };
        for p in 0..acts.by_pd.len() {
            let part_time =
                weekly_hours(sc, acts, p).is_some_and(|h| labour::is_part_time(&sc.reglages, h));
            if !part_time {
                continue;
            }
            for pd in &acts.by_pd[p] {
                // A day of fixed items only is checked on the fixed items (`fixed_conflicts`).
                if pd.iter().all(|&id| self.x[id].is_none()) {
                    continue;
                }
                self.part_time_count(pt, facts, acts, pd);
                self.part_time_length(pt, facts, acts, pd);
            }
        }
    }

    fn part_time_count(
        &mut self,
        pt: labour::PartTime,
        facts: &Facts,
        acts: &Activities,
        pd: &[usize],
    ) {
        let blocks = pt.max as usize + 1;
        if longest_chain(facts, acts, pd) <= blocks {
            return;
        }
        let mut count = good_lp::Expression::from(0.0);
        for &b in pd {
            let bb = &acts.list[b];
            let close: Vec<usize> = pd
                .iter()
                .copied()
                .filter(|&c| {
                    let cc = &acts.list[c];
                    c != b
                        && precedes(facts, cc, bb)
                        && bb.start <= cc.end + facts.places.travel(cc.place, bb.place) + pt.pause
                })
                .collect();
            let xb = self.sum_acts(acts, &[b], |_| 1.0);
            if close.is_empty() {
                count += xb;
                continue;
            }
            // A fixed close predecessor: `b` never starts a block.
            if close.iter().any(|&c| self.x[c].is_none()) {
                continue;
            }
            let s = self.new_var(variable().min(0.0));
            let xc = self.sum_acts(acts, &close, |_| 1.0);
            self.add(Rule::PartTimeDay, (xb - xc - s).leq(0.0));
            self.labour_vars.push((s, vec![b], close));
            count += s;
        }
        self.add(Rule::PartTimeDay, count.leq(blocks as f64));
    }

    fn part_time_length(
        &mut self,
        pt: labour::PartTime,
        facts: &Facts,
        acts: &Activities,
        pd: &[usize],
    ) {
        let longest = pt.max_minutes.max(pt.pause);
        // The `a` side by (end, place); every activity by start.
        let mut ends: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
        let mut starts: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for &id in pd {
            let a = &acts.list[id];
            ends.entry((a.end, a.place)).or_default().push(id);
            starts.entry(a.start).or_default().push(id);
        }
        let starts: Vec<(u32, Vec<usize>)> = starts.into_iter().collect();
        // A group needs a row when something may come after it too late to be near.
        let rows: Vec<((u32, usize), usize, Vec<usize>)> = ends
            .keys()
            .filter_map(|&(e, p)| {
                let k = starts.iter().position(|(s, _)| *s >= e)?;
                let far = starts[k..].iter().flat_map(|(_, ids)| ids).any(|&b| {
                    let bb = &acts.list[b];
                    bb.start > e + facts.places.travel(p, bb.place) + longest
                });
                if !far {
                    return None;
                }
                let near: Vec<usize> = pd
                    .iter()
                    .copied()
                    .filter(|&c| {
                        let cc = &acts.list[c];
                        let t = facts.places.travel(p, cc.place);
                        e + t <= cc.start && cc.start <= e + t + longest
                    })
                    .collect();
                Some(((e, p), k, near))
            })
            .collect();
        let Some(k0) = rows.iter().map(|r| r.1).min() else {
            return;
        };
        // w[k] ≥ every activity starting at or after the k-th start of the day.
        let mut w: Vec<Option<good_lp::Variable>> = vec![None; starts.len()];
        let mut after: Vec<usize> = Vec::new();
        let mut next: Option<good_lp::Variable> = None;
        for k in (k0..starts.len()).rev() {
            let v = self.new_var(variable().min(0.0));
            let group = self.sum_acts(acts, &starts[k].1, |_| 1.0);
            self.add(Rule::PartTimeDay, (group - v).leq(0.0));
            if let Some(n) = next {
                self.add(Rule::PartTimeDay, (n - v).leq(0.0));
            }
            after.extend(&starts[k].1);
            let mut any = after.clone();
            any.sort_unstable();
            self.labour_vars.push((v, any, Vec::new()));
            w[k] = Some(v);
            next = Some(v);
        }
        for (group, k, near) in rows {
            let Some(Some(wk)) = w.get(k) else { continue };
            let lhs = self.sum_acts(acts, &ends[&group], |_| 1.0) + *wk
                - self.sum_acts(acts, &near, |_| 1.0);
            self.add(Rule::PartTimeDay, lhs.leq(1.0));
        }
    }

    /// Rule 12 (daily rest): for each person and two consecutive period days that are
    /// consecutive dates, activities of the first day grouped by end `E`, of the second by start
    /// `S`; for each `(E, S)` whose rest `24 h + S − E` is short: `Σ_{end = E} x + Σ_{start = S} x
    /// ≤ 1` (activities with the same end, or the same start, overlap).
    pub(super) fn rule_daily_rest(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let Some(least) = labour::least_rest(&sc.reglages) else {
            return;
        };
        for p in 0..acts.by_pd.len() {
            for d in 1..facts.days.len() {
                if facts.days[d - 1].succ_opt() != Some(facts.days[d]) {
                    continue;
                }
                let mut ends: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
                for &id in &acts.by_pd[p][d - 1] {
                    ends.entry(acts.list[id].end).or_default().push(id);
                }
                let mut starts: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
                for &id in &acts.by_pd[p][d] {
                    starts.entry(acts.list[id].start).or_default().push(id);
                }
                for (&e, left) in &ends {
                    for (&s, right) in &starts {
                        if labour::rest_ok(e, s, least) {
                            continue;
                        }
                        if left.iter().chain(right).all(|&id| self.x[id].is_none()) {
                            continue;
                        }
                        let sum = self.sum_acts(acts, left, |_| 1.0)
                            + self.sum_acts(acts, right, |_| 1.0);
                        self.add(Rule::DailyRest, sum.leq(1.0));
                    }
                }
            }
        }
    }
}
