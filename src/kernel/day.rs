//! One person's day as the hard rules see it, on activities: rule 1 (one thing at a time, with
//! the travel between places), rule 3 (the first item after the earliest arrival, the last before
//! the latest departure home), rule 7 (daily hours, pause blocks), rule 9's one rdv a day and
//! rule 11 (part-time day shape). Shared by the greedy start, which adds items one by one, and
//! the day columns of [`super::colgen`], which enumerate whole days.
//!
//! A day is a list of activity ids sorted by `(start, end)`. Every rule here but the last
//! departure holds for a day when it holds for the day with more items after: a search that
//! appends items in time order checks [`DayRules::prefix_ok`] at each step and
//! [`DayRules::ends_ok`] where the day may end.

use super::activities::{Activities, Kind, Who, compatible};
use crate::format::scenario::{Mobilite, Scenario};
use crate::model::{Facts, calendar, labour};

/// The rules that speak of one person's day (1: one thing at a time with travel, 3: commute
/// windows, 7: hours of the day, 11: the part-time day's interruptions), checked on a day's
/// items in start order: what a day column keeps by construction.
pub struct DayRules<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    acts: &'a Activities,
    part_time: Option<labour::PartTime>,
}

impl<'a> DayRules<'a> {
    /// The day rules of a scenario's activities.
    pub fn new(sc: &'a Scenario, facts: &'a Facts, acts: &'a Activities) -> DayRules<'a> {
        DayRules {
            sc,
            facts,
            acts,
            part_time: labour::PartTime::of(&sc.reglages),
        }
    }

    /// Weekly hours of person `p`: `contrat.heures_hebdo` or the encadrant·e's `heures_hebdo`.
    pub fn weekly_hours(&self, p: usize) -> f64 {
        let n = self.acts.n_salaries;
        if p < n {
            self.sc.salaries[p].contrat.heures_hebdo
        } else {
            self.sc.encadrants[p - n].heures_hebdo
        }
    }

    /// Rule 11 applies to person `p` (the rule is on and the contract is part-time).
    pub fn part_time(&self, p: usize) -> Option<labour::PartTime> {
        self.part_time
            .filter(|_| labour::is_part_time(&self.sc.reglages, self.weekly_hours(p)))
    }

    /// The commute window of salarié·e `p` at the day's place `place` (`Some(None)`: no rule 3
    /// for this person; `None`: the place cannot be reached or left that day).
    fn window(&self, p: usize, d: usize, place: usize) -> Option<Option<(u32, u32)>> {
        if p >= self.acts.n_salaries || self.sc.salaries[p].mobilite == Mobilite::Autonome {
            return Some(None);
        }
        let table = self.facts.commute[p].as_ref()?;
        table
            .window(calendar::jour(self.facts.days[d]), place)
            .map(Some)
    }

    /// Rule 1 between activities `a` and `b` alone, travel included: one of the pairs that
    /// [`DayRules::prefix_ok`] checks when `b` joins a day holding `a`.
    pub fn compatible(&self, a: usize, b: usize) -> bool {
        compatible(self.facts, &self.acts.list[a], &self.acts.list[b])
    }

    /// Rules 1, 7, one rdv a day, 11 and the first item's arrival (rule 3) for person `p`'s day
    /// `sorted` (ids sorted by `(start, end)`, all of that person and day).
    pub fn prefix_ok(&self, p: usize, sorted: &[usize]) -> bool {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let Some(&first) = sorted.first() else {
            return true;
        };
        let list = &acts.list;
        // Rule 1: every pair, with its travel.
        for (n, &a) in sorted.iter().enumerate() {
            if sorted[n + 1..]
                .iter()
                .any(|&b| !compatible(facts, &list[a], &list[b]))
            {
                return false;
            }
        }
        // Rule 7: daily hours and pause blocks.
        let minutes: u32 = sorted.iter().map(|&b| list[b].minutes()).sum();
        if f64::from(minutes) > sc.reglages.max_heures_jour * 60.0 + 1e-9 {
            return false;
        }
        let pause = &sc.reglages.pause;
        let mut block_start = list[first].start;
        let mut block_len = 1;
        for w in sorted.windows(2) {
            let (x, y) = (&list[w[0]], &list[w[1]]);
            if y.start < x.end + pause.minutes {
                block_len += 1;
                if block_len >= 2 && y.end - block_start > pause.apres_minutes {
                    return false;
                }
            } else {
                block_start = y.start;
                block_len = 1;
            }
        }
        // Rule 9: one rdv a day.
        if sorted
            .iter()
            .filter(|&&b| matches!(list[b].kind, Kind::Rdv { .. }))
            .count()
            > 1
        {
            return false;
        }
        // Rule 11.
        if let Some(pt) = self.part_time(p) {
            let day: Vec<(u32, u32, usize)> = sorted
                .iter()
                .map(|&b| (list[b].start, list[b].end, list[b].place))
                .collect();
            if !pt.day_ok(&day, |x, y| facts.places.travel(x, y)) {
                return false;
            }
        }
        // Rule 3: the first item after the earliest arrival.
        let a = &list[first];
        match self.window(p, a.day, a.place) {
            Some(None) => true,
            Some(Some((arrive, _))) => a.start >= arrive,
            None => false,
        }
    }

    /// Rule 3's other end: the day's last item ends before the latest departure home.
    pub fn ends_ok(&self, p: usize, sorted: &[usize]) -> bool {
        let Some(&last) = sorted.last() else {
            return true;
        };
        let a = &self.acts.list[last];
        match self.window(p, a.day, a.place) {
            Some(None) => true,
            Some(Some((_, depart))) => a.end <= depart,
            None => false,
        }
    }

    /// The person of an activity's `who`.
    pub fn person(&self, who: Who) -> usize {
        self.acts.person(who)
    }
}
