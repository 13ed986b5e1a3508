//! A constructive start for HiGHS: a plan built greedily that keeps every hard rule, so the
//! branch-and-bound starts from a good incumbent instead of searching for one (measured: on
//! generated scenarios of 70 salarié·es HiGHS alone found only poor incumbents in 30 s).
//!
//! Order: staff every mandatory shift up to its minimum (heaviest first), with the encadrant·es
//! and skill holders it needs; then fill salarié·es' hours on running shifts and optional ones;
//! then CIP rdv, earliest slot first; then the ateliers people need. Every addition is checked
//! rule by rule, one method per rule named by the checker's [`Rule`] ([`Greedy::keeps`]: one
//! thing at a time, presence on the CIP's side, commute, shift starts and crews, encadrement,
//! working time, hours cap, rdv, atelier places, part-time day shape, daily rest, people kept
//! apart); `competences_une` is checked on the whole shift.

pub mod polish;

use super::activities::{Activities, Kind, Who, compatible};
use super::build::Model;
use super::day::DayRules;
use crate::check::Rule;
use crate::format::scenario::{Mobilite, Scenario};
use crate::model::{Facts, calendar, labour};

/// The greedy start: a plan built item by item that keeps every hard rule.
pub struct Greedy<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    acts: &'a Activities,
    rules: DayRules<'a>,
    /// The activities in the plan, by id.
    pub chosen: Vec<bool>,
    /// Per person and day: chosen activity ids.
    day: Vec<Vec<Vec<usize>>>,
    /// Per person: ISO week of each period day's index into `caps`.
    week_of_day: Vec<usize>,
    hours: Vec<Vec<f64>>,
    caps: Vec<Vec<f64>>,
    targets: Vec<Vec<f64>>,
    pmsmp_days: Vec<Vec<bool>>,
    /// Per shift: the start it runs at, if it runs.
    pub start: Vec<Option<usize>>,
    crew: Vec<Vec<usize>>,
    encs: Vec<Vec<usize>>,
    /// Per activity id of the shifts: candidates by (shift, k).
    by_start: Vec<Vec<Vec<usize>>>,
    enc_by_start: Vec<Vec<Vec<usize>>>,
    cip_day: std::collections::BTreeMap<(usize, usize), Vec<usize>>,
    atelier_count: Vec<u32>,
    /// Per person: the people an `interdire` entry keeps off their shifts (rule 13).
    apart: Vec<Vec<usize>>,
}

/// An activity the greedy start considers adding, with its person's day as it would be.
struct Candidate {
    id: usize,
    /// Its person and day.
    p: usize,
    d: usize,
    /// The person's items that day with the candidate, sorted by `(start, end)`.
    sorted: Vec<usize>,
    /// [`Greedy::day_rules`], computed once.
    day_ok: std::cell::OnceCell<bool>,
}

impl Candidate {
    fn new(g: &Greedy<'_>, id: usize) -> Candidate {
        let acts = g.acts;
        let a = &acts.list[id];
        let (p, d) = (g.person(a.who), a.day);
        let mut sorted: Vec<usize> = g.day[p][d].clone();
        sorted.push(id);
        sorted.sort_by_key(|&b| (acts.list[b].start, acts.list[b].end));
        Candidate {
            id,
            p,
            d,
            sorted,
            day_ok: std::cell::OnceCell::new(),
        }
    }
}

impl<'a> Greedy<'a> {
    /// A start with the fixed items only (see [`Greedy::run`]).
    pub fn new(sc: &'a Scenario, facts: &'a Facts, acts: &'a Activities) -> Greedy<'a> {
        let n_p = acts.by_pd.len();
        let n_d = facts.days.len();
        let mut weeks: Vec<calendar::IsoWeek> = facts
            .days
            .iter()
            .map(|d| calendar::IsoWeek::of(*d))
            .collect();
        weeks.dedup();
        let week_of_day = facts
            .days
            .iter()
            .map(|d| {
                weeks
                    .iter()
                    .position(|w| *w == calendar::IsoWeek::of(*d))
                    .unwrap_or(0)
            })
            .collect();
        let hc = 1.0 + sc.reglages.heures_complementaires_max;
        let week_targets = |list: &[crate::model::targets::WeekTarget]| -> Vec<f64> {
            weeks
                .iter()
                .map(|w| list.iter().find(|t| t.week == *w).map_or(0.0, |t| t.target))
                .collect()
        };
        let mut targets = Vec::with_capacity(n_p);
        let mut caps = Vec::with_capacity(n_p);
        for i in 0..sc.salaries.len() {
            let t = week_targets(&facts.salarie_weeks[i]);
            caps.push(t.iter().map(|x| x * hc + 1e-9).collect());
            targets.push(t);
        }
        for e in 0..sc.encadrants.len() {
            let t = week_targets(&facts.encadrant_weeks[e]);
            caps.push(t.iter().map(|x| x + 1e-9).collect());
            targets.push(t);
        }
        let mut by_start: Vec<Vec<Vec<usize>>> = facts
            .shifts
            .iter()
            .map(|s| vec![Vec::new(); s.debuts.len()])
            .collect();
        let mut enc_by_start = by_start.clone();
        for (id, a) in acts.list.iter().enumerate() {
            match a.kind {
                Kind::Production { shift, k } => by_start[shift][k].push(id),
                Kind::Encadrement { shift, k } => enc_by_start[shift][k].push(id),
                _ => {}
            }
        }
        let mut g = Greedy {
            sc,
            facts,
            acts,
            rules: DayRules::new(sc, facts, acts),
            chosen: vec![false; acts.list.len()],
            day: vec![vec![Vec::new(); n_d]; n_p],
            week_of_day,
            hours: vec![vec![0.0; weeks.len()]; n_p],
            caps,
            targets,
            pmsmp_days: (0..n_p)
                .map(|p| {
                    (0..n_d)
                        .map(|d| p < acts.n_salaries && acts.pmsmp[p].contains(&d))
                        .collect()
                })
                .collect(),
            start: vec![None; facts.shifts.len()],
            crew: vec![Vec::new(); facts.shifts.len()],
            encs: vec![Vec::new(); facts.shifts.len()],
            by_start,
            enc_by_start,
            cip_day: Default::default(),
            atelier_count: vec![0; sc.ateliers.len()],
            apart: vec![Vec::new(); n_p],
        };
        for group in super::build::apart_groups(sc, acts) {
            for &p in &group {
                g.apart[p].extend(group.iter().copied().filter(|&q| q != p));
            }
        }
        // Fixed items and PMSMP hours.
        for (id, a) in acts.list.iter().enumerate() {
            if a.fixed {
                g.apply(id);
            }
        }
        for (i, days) in acts.pmsmp.iter().enumerate() {
            let h =
                sc.salaries[i].contrat.heures_hebdo / f64::from(sc.reglages.jours_semaine.max(1));
            for &d in days {
                g.hours[i][g.week_of_day[d]] += h;
            }
        }
        g
    }

    fn day_index(&self, date: chrono::NaiveDate) -> usize {
        self.facts.days.iter().position(|d| *d == date).unwrap_or(0)
    }

    fn person(&self, who: Who) -> usize {
        self.acts.person(who)
    }

    /// Whether activity `id` can be added: it is not in the plan yet and the plan with it keeps
    /// every hard rule ([`Greedy::keeps`], rule by rule).
    fn can_add(&self, id: usize) -> bool {
        if self.chosen[id] {
            return false;
        }
        let c = Candidate::new(self, id);
        Rule::ALL.iter().all(|&rule| self.keeps(rule, &c))
    }

    /// Whether adding the candidate keeps `rule`: one method per rule of the checker, named
    /// by its [`Rule::function`] (the rules that the activities keep by construction are
    /// `true` here, see [`super::activities`]).
    fn keeps(&self, rule: Rule, c: &Candidate) -> bool {
        match rule {
            // Activities are well-formed items, and frozen days hold fixed activities only.
            Rule::Items | Rule::JoursFiges => true,
            Rule::OneThingAtATime => self.rule_one_thing_at_a_time(c),
            Rule::Presence => self.rule_presence(c),
            Rule::Commute => self.rule_commute(c),
            Rule::Shifts => self.rule_shifts(c),
            Rule::Encadrement => self.rule_encadrement(c),
            // Restrictions and `competences_toutes` are pre-processing; `competences_une` is
            // the business of the whole shift (`staff`, `place_one`).
            Rule::SkillsAndRestrictions => true,
            Rule::WorkingTime => self.rule_working_time(c),
            Rule::HoursCap => self.rule_hours_cap(c),
            Rule::CipRdv => self.rule_cip_rdv(c),
            Rule::AteliersFormations => self.rule_ateliers_formations(c),
            Rule::PartTimeDay => self.rule_part_time_day(c),
            Rule::DailyRest => self.rule_daily_rest(c),
            Rule::ImposerInterdire => self.rule_13_imposer_interdire(c),
        }
    }

    /// Rules 1, 3 (the first item's arrival, the last one's departure), 7 (daily hours and
    /// pause blocks), 9 (one rdv a day) and 11 on the candidate's day, checked together by
    /// [`DayRules`] (once per candidate).
    fn day_rules(&self, c: &Candidate) -> bool {
        *c.day_ok.get_or_init(|| {
            self.rules.prefix_ok(c.p, &c.sorted) && self.rules.ends_ok(c.p, &c.sorted)
        })
    }

    /// Rule 1 (one thing at a time, travel included): [`Greedy::day_rules`].
    fn rule_one_thing_at_a_time(&self, c: &Candidate) -> bool {
        self.day_rules(c)
    }

    /// Rule 3 (commute): [`Greedy::day_rules`].
    fn rule_commute(&self, c: &Candidate) -> bool {
        self.day_rules(c)
    }

    /// Rule 11 (part-time day shape): [`Greedy::day_rules`].
    fn rule_part_time_day(&self, c: &Candidate) -> bool {
        self.day_rules(c)
    }

    /// Rule 7 (working time): the day's hours and pause blocks ([`Greedy::day_rules`]), and at
    /// most `max_jours_semaine` days worked in the ISO week.
    fn rule_working_time(&self, c: &Candidate) -> bool {
        if !self.day_rules(c) {
            return false;
        }
        let (p, d) = (c.p, c.d);
        if !self.day[p][d].is_empty() || self.pmsmp_days[p][d] {
            return true;
        }
        let wk = self.week_of_day[d];
        let used = (0..self.facts.days.len())
            .filter(|&dd| {
                self.week_of_day[dd] == wk
                    && (!self.day[p][dd].is_empty() || self.pmsmp_days[p][dd])
            })
            .count();
        (used as u32) < self.sc.reglages.max_jours_semaine
    }

    /// Rule 12 (daily rest) with the days before and after.
    fn rule_daily_rest(&self, c: &Candidate) -> bool {
        self.rest_ok(c.p, c.d, &c.sorted)
    }

    /// Rule 8 (hours cap) in the candidate's ISO week.
    fn rule_hours_cap(&self, c: &Candidate) -> bool {
        let (p, a) = (c.p, &self.acts.list[c.id]);
        let wk = self.week_of_day[c.d];
        self.hours[p][wk] + f64::from(a.minutes()) / 60.0 <= self.caps[p][wk]
    }

    /// Rule 13: nobody an `interdire` entry keeps apart from this person is on the shift.
    fn rule_13_imposer_interdire(&self, c: &Candidate) -> bool {
        let acts = self.acts;
        let p = c.p;
        match acts.list[c.id].kind {
            Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
                self.apart[p].is_empty()
                    || !self.crew[shift]
                        .iter()
                        .chain(&self.encs[shift])
                        .any(|&b| self.apart[p].contains(&self.person(acts.list[b].who)))
            }
            _ => true,
        }
    }

    /// Rule 4 (shifts): one start per shift, crew ≤ max.
    fn rule_shifts(&self, c: &Candidate) -> bool {
        match self.acts.list[c.id].kind {
            Kind::Production { shift, k } => {
                self.start[shift].is_none_or(|s| s == k)
                    && (self.crew[shift].len() as u32) < self.facts.shifts[shift].max
            }
            Kind::Encadrement { shift, k } => self.start[shift].is_none_or(|s| s == k),
            _ => true,
        }
    }

    /// Rule 5 (encadrement): the crew stays within the ratio of the encadrant·es there.
    fn rule_encadrement(&self, c: &Candidate) -> bool {
        match self.acts.list[c.id].kind {
            Kind::Production { shift, .. } => {
                let ratio = self.facts.shifts[shift].ratio;
                ratio == 0 || self.crew[shift].len() < ratio as usize * self.encs[shift].len()
            }
            _ => true,
        }
    }

    /// Rule 9 (CIP rdv, salarié·e side): at most `max_par_semaine` in the ISO week, history +
    /// planned below the monthly target (one a day: [`Greedy::day_rules`]).
    fn rule_cip_rdv(&self, c: &Candidate) -> bool {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let a = &acts.list[c.id];
        let Kind::Rdv { .. } = a.kind else {
            return true;
        };
        let Who::Salarie(i) = a.who else { return false };
        let date = facts.days[c.d];
        let rdv_days: Vec<usize> = (0..facts.days.len())
            .flat_map(|dd| self.day[c.p][dd].iter().copied())
            .filter(|&b| matches!(acts.list[b].kind, Kind::Rdv { .. }))
            .map(|b| acts.list[b].day)
            .collect();
        let week = calendar::IsoWeek::of(date);
        let in_week = rdv_days
            .iter()
            .filter(|&&dd| calendar::IsoWeek::of(facts.days[dd]) == week)
            .count();
        if in_week as u32 >= sc.reglages.rdv_cip.max_par_semaine {
            return false;
        }
        let month = calendar::Month::of(date);
        let in_month = rdv_days
            .iter()
            .filter(|&&dd| calendar::Month::of(facts.days[dd]) == month)
            .count() as u32;
        facts.months[i]
            .iter()
            .find(|m| m.month == month)
            .is_some_and(|m| m.history + in_month < m.target)
    }

    /// Rule 2 (presence), the CIP's side of a rdv: at most `max_rdv_jour` a day, never two at
    /// once (the salarié·es' side is pre-processing).
    fn rule_presence(&self, c: &Candidate) -> bool {
        let (sc, acts) = (self.sc, self.acts);
        let a = &acts.list[c.id];
        let Kind::Rdv { cip } = a.kind else {
            return true;
        };
        let booked = self
            .cip_day
            .get(&(cip, c.d))
            .map_or(&[][..], |v| v.as_slice());
        if sc.cips[cip]
            .max_rdv_jour
            .is_some_and(|max| booked.len() as u32 >= max)
        {
            return false;
        }
        booked
            .iter()
            .all(|&b| acts.list[b].end <= a.start || a.end <= acts.list[b].start)
    }

    /// Rule 10 (ateliers and formations): an atelier's places; formations are fixed items only.
    fn rule_ateliers_formations(&self, c: &Candidate) -> bool {
        match self.acts.list[c.id].kind {
            Kind::Atelier { atelier } => {
                self.atelier_count[atelier] < self.sc.ateliers[atelier].places
            }
            Kind::Formation { .. } => false,
            _ => true,
        }
    }

    /// Rule 12 for person `p` whose day `d` would be `sorted` (ids sorted by start): the rest
    /// from the day before and until the day after (a PMSMP day counts as 09:00-17:00).
    fn rest_ok(&self, p: usize, d: usize, sorted: &[usize]) -> bool {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let r = &sc.reglages;
        let Some(first) = sorted.first() else {
            return true;
        };
        let Some(least) = labour::least_rest(r) else {
            return true;
        };
        let start = acts.list[*first].start;
        let end = sorted.iter().map(|&b| acts.list[b].end).max().unwrap_or(0);
        // The day before: its last end; the day after: its first start.
        if d > 0 && facts.days[d - 1].succ_opt() == Some(facts.days[d]) {
            let before = self.day[p][d - 1].iter().map(|&b| acts.list[b].end).max();
            let before = if self.pmsmp_days[p][d - 1] {
                Some(labour::PMSMP_FIN)
            } else {
                before
            };
            if before.is_some_and(|e| !labour::rest_ok(e, start, least)) {
                return false;
            }
        }
        if d + 1 < facts.days.len() && facts.days[d].succ_opt() == Some(facts.days[d + 1]) {
            let after = self.day[p][d + 1].iter().map(|&b| acts.list[b].start).min();
            let after = if self.pmsmp_days[p][d + 1] {
                Some(labour::PMSMP_DEBUT)
            } else {
                after
            };
            if after.is_some_and(|s| !labour::rest_ok(end, s, least)) {
                return false;
            }
        }
        true
    }

    fn apply(&mut self, id: usize) {
        let a = &self.acts.list[id];
        let p = self.person(a.who);
        self.chosen[id] = true;
        self.day[p][a.day].push(id);
        self.hours[p][self.week_of_day[a.day]] += f64::from(a.minutes()) / 60.0;
        match a.kind {
            Kind::Production { shift, k } => {
                self.start[shift] = Some(k);
                self.crew[shift].push(id);
            }
            Kind::Encadrement { shift, k } => {
                self.start[shift] = Some(k);
                self.encs[shift].push(id);
            }
            Kind::Rdv { cip } => self.cip_day.entry((cip, a.day)).or_default().push(id),
            Kind::Atelier { atelier } => self.atelier_count[atelier] += 1,
            Kind::Formation { .. } => {}
        }
    }

    fn undo(&mut self, id: usize) {
        let a = &self.acts.list[id];
        let p = self.person(a.who);
        self.chosen[id] = false;
        self.day[p][a.day].retain(|&b| b != id);
        self.hours[p][self.week_of_day[a.day]] -= f64::from(a.minutes()) / 60.0;
        match a.kind {
            Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
                self.crew[shift].retain(|&b| b != id);
                self.encs[shift].retain(|&b| b != id);
                if self.crew[shift].is_empty() && self.encs[shift].is_empty() {
                    self.start[shift] = None;
                }
            }
            Kind::Rdv { cip } => {
                if let Some(booked) = self.cip_day.get_mut(&(cip, a.day)) {
                    booked.retain(|&b| b != id);
                }
            }
            Kind::Atelier { atelier } => {
                self.atelier_count[atelier] = self.atelier_count[atelier].saturating_sub(1);
            }
            Kind::Formation { .. } => {}
        }
    }

    /// How much a salarié·e's hours cost would fall by adding `hours` in week `wk` (positive: better).
    fn hours_gain(&self, p: usize, wk: usize, hours: f64) -> f64 {
        let w = &self.sc.reglages.poids;
        let cost = |h: f64| {
            let t = self.targets[p][wk];
            w.heures_sous_contrat * (t - h).max(0.0) + w.heures_complementaires * (h - t).max(0.0)
        };
        cost(self.hours[p][wk]) - cost(self.hours[p][wk] + hours)
    }

    fn holds(&self, id: usize, skill: &str) -> bool {
        match self.acts.list[id].who {
            Who::Salarie(i) => self.sc.salaries[i].competences.iter().any(|c| c == skill),
            Who::Encadrant(e) => self.sc.encadrants[e].competences.iter().any(|c| c == skill),
        }
    }

    /// Staffs shift `sid` at start `k` with up to `want` salarié·es (and the encadrant·es and
    /// skill holders needed); keeps it only with at least `need` of them. Returns the crew size.
    fn staff(&mut self, sid: usize, k: usize, want: u32, need: u32) -> usize {
        let sh = &self.facts.shifts[sid];
        let ch = &self.sc.chantiers[sh.chantier];
        let mut added: Vec<usize> = Vec::new();
        let mut cands: Vec<usize> = self.by_start[sid][k].clone();
        cands.sort_by(|&a, &b| {
            let (pa, pb) = (
                self.person(self.acts.list[a].who),
                self.person(self.acts.list[b].who),
            );
            let wk = self.week_of_day[self.day_index(sh.date)];
            let ga = self.hours_gain(pa, wk, f64::from(sh.duree) / 60.0);
            let gb = self.hours_gain(pb, wk, f64::from(sh.duree) / 60.0);
            gb.total_cmp(&ga).then(a.cmp(&b))
        });
        // Skill holders first, for each competences_une skill.
        for skill in &ch.competences_une {
            if self.crew[sid]
                .iter()
                .chain(&self.encs[sid])
                .any(|&id| self.holds(id, skill))
            {
                continue;
            }
            let enc_holder = self.enc_by_start[sid][k]
                .iter()
                .copied()
                .find(|&id| self.holds(id, skill) && self.can_add(id));
            if let Some(id) = enc_holder {
                self.apply(id);
                added.push(id);
            }
        }
        let mut crew_added = 0u32;
        for &id in &cands {
            if crew_added >= want {
                break;
            }
            if sh.ratio > 0 && self.crew[sid].len() >= sh.ratio as usize * self.encs[sid].len() {
                let enc = self.enc_by_start[sid][k]
                    .iter()
                    .copied()
                    .find(|&e| self.can_add(e));
                match enc {
                    Some(e) => {
                        self.apply(e);
                        added.push(e);
                    }
                    None => break,
                }
            }
            if self.can_add(id) {
                self.apply(id);
                added.push(id);
                crew_added += 1;
            }
        }
        // Skills still missing: a salarié·e holder, else give up the shift.
        let mut ok = crew_added >= need.max(1);
        for skill in &ch.competences_une {
            if !ok {
                break;
            }
            if self.crew[sid]
                .iter()
                .chain(&self.encs[sid])
                .any(|&id| self.holds(id, skill))
            {
                continue;
            }
            ok = false;
        }
        if !ok {
            for id in added.into_iter().rev() {
                self.undo(id);
            }
            return 0;
        }
        // Encadrant·es beyond the ratio's need are left to the trimming of the output.
        crew_added as usize
    }

    /// Runs the construction.
    pub fn run(&mut self) {
        let (sc, facts) = (self.sc, self.facts);
        let weight = |sid: usize| {
            let sh = &facts.shifts[sid];
            f64::from(sc.chantiers[sh.chantier].priorite) * f64::from(sh.duree) * f64::from(sh.min)
        };
        let mut order: Vec<usize> = (0..facts.shifts.len())
            .filter(|&s| !facts.shifts[s].optionnelle)
            .collect();
        order.sort_by(|&a, &b| weight(b).total_cmp(&weight(a)).then(a.cmp(&b)));
        self.place_imposed();
        self.place_published();
        for &sid in &order {
            let min = facts.shifts[sid].min;
            // A shift an `imposer` entry already runs: only completed up to its minimum.
            if let Some(k) = self.start[sid] {
                let crew = self.crew[sid].len() as u32;
                if crew < min {
                    self.staff(sid, k, min - crew, 1);
                }
                continue;
            }
            let mut best: Option<(usize, usize)> = None;
            for k in 0..facts.shifts[sid].debuts.len() {
                let n = self.staff(sid, k, min, 1);
                if n > 0 {
                    let ids: Vec<usize> = self.crew[sid]
                        .iter()
                        .chain(&self.encs[sid])
                        .copied()
                        .collect();
                    for id in ids.into_iter().rev() {
                        self.undo(id);
                    }
                }
                if best.is_none_or(|(_, b)| n > b) {
                    best = Some((k, n));
                }
            }
            if let Some((k, n)) = best
                && n > 0
            {
                self.staff(sid, k, min, 1);
            }
        }
        // CIP rdv (a late rdv costs far more than any hour), earliest first; then the ateliers
        // people need; then hours.
        for due_only in [true, false] {
            for id in 0..self.acts.list.len() {
                let a = &self.acts.list[id];
                let (Kind::Rdv { .. }, Who::Salarie(i)) = (a.kind, a.who) else {
                    continue;
                };
                if due_only && !self.rdv_due(i, a.day) {
                    continue;
                }
                // `swap_for_rdv` adds the rdv itself when it succeeds.
                if self.can_add(id) {
                    self.apply(id);
                } else if due_only {
                    self.swap_for_rdv(id);
                }
            }
        }
        for id in 0..self.acts.list.len() {
            let a = &self.acts.list[id];
            if let (Kind::Atelier { atelier }, Who::Salarie(i)) = (a.kind, a.who) {
                let theme = &sc.ateliers[atelier].theme;
                let has = (0..facts.days.len()).flat_map(|d| self.day[i][d].iter()).any(
                    |&b| matches!(self.acts.list[b].kind, Kind::Atelier { atelier: x } if sc.ateliers[x].theme == *theme),
                );
                if !has && self.can_add(id) {
                    self.apply(id);
                }
            }
        }
        // Hours: more people on running shifts, then optional shifts.
        for &sid in &order {
            if let Some(k) = self.start[sid] {
                let room = facts.shifts[sid]
                    .max
                    .saturating_sub(self.crew[sid].len() as u32);
                self.fill(sid, k, room);
            }
        }
        for sid in (0..facts.shifts.len()).filter(|&s| facts.shifts[s].optionnelle) {
            let sh = &facts.shifts[sid];
            for k in 0..sh.debuts.len() {
                if self.staff_gainful(sid, k, sh.max, sh.min.max(1)) > 0 {
                    break;
                }
            }
        }
    }

    /// Rule 13's `imposer` entries first (a left-out one costs far more than anything else):
    /// for each, the first matching activity that can be added with what its shift needs
    /// (an encadrant·e for the ratio, skill holders, the minimum crew of an optional shift).
    fn place_imposed(&mut self) {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        for e in &sc.imposer {
            if e.atelier.is_some() {
                continue; // a fixed item
            }
            let ids: Vec<usize> = (0..acts.list.len())
                .filter(|&id| super::build::imposer_matches(sc, facts, acts, e, id))
                .collect();
            if ids.iter().any(|&id| self.chosen[id]) {
                continue;
            }
            for id in ids {
                if self.place_one(id) {
                    break;
                }
            }
        }
    }

    /// Re-planning: the published plan's items after the frozen days first, shift by shift
    /// (its encadrant·es, then its crew, kept only when the shift keeps its rules), then its
    /// rdv and ateliers, so that the start changes as little as it can.
    fn place_published(&mut self) {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let publies = crate::check::publies_comptes(sc);
        if publies.is_empty() {
            return;
        }
        let published: Vec<usize> = (0..acts.list.len())
            .filter(|&id| {
                !acts.list[id].fixed
                    && publies.contains_key(&crate::check::cle(&super::activities::affectation(
                        sc, facts, acts, id,
                    )))
            })
            .collect();
        let mut by_shift: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
            Default::default();
        for &id in &published {
            match acts.list[id].kind {
                Kind::Encadrement { shift, .. } => by_shift.entry(shift).or_default().0.push(id),
                Kind::Production { shift, .. } => by_shift.entry(shift).or_default().1.push(id),
                _ => {
                    if self.can_add(id) {
                        self.apply(id);
                    }
                }
            }
        }
        for (shift, (encs, crew)) in by_shift {
            let sh = &facts.shifts[shift];
            let mut added = Vec::new();
            for id in encs.into_iter().chain(crew) {
                let fits_ratio = match acts.list[id].kind {
                    Kind::Production { .. } => {
                        sh.ratio == 0
                            || self.crew[shift].len() < sh.ratio as usize * self.encs[shift].len()
                    }
                    _ => true,
                };
                if fits_ratio && self.can_add(id) {
                    self.apply(id);
                    added.push(id);
                }
            }
            let n = self.crew[shift].len() as u32;
            let need = self.need(shift);
            let skills = sc.chantiers[sh.chantier].competences_une.iter().all(|q| {
                self.crew[shift]
                    .iter()
                    .chain(&self.encs[shift])
                    .any(|&x| self.holds(x, q))
            });
            if (n > 0 || !self.encs[shift].is_empty()) && (n < need || !skills) {
                for id in added.into_iter().rev() {
                    self.undo(id);
                }
            }
        }
    }

    /// The crew shift `shift` needs when it runs: at least 1 (an encadrant·e alone cannot run
    /// it), the minimum of an optional shift (rule 4).
    fn need(&self, shift: usize) -> u32 {
        let sh = &self.facts.shifts[shift];
        if sh.optionnelle { sh.min.max(1) } else { 1 }
    }

    /// Adds activity `id` with what its shift needs; everything is undone when it cannot.
    fn place_one(&mut self, id: usize) -> bool {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let a = &acts.list[id];
        let (Kind::Production { shift, k } | Kind::Encadrement { shift, k }) = a.kind else {
            if self.can_add(id) {
                self.apply(id);
                return true;
            }
            return false;
        };
        let sh = &facts.shifts[shift];
        if self.start[shift].is_some_and(|s| s != k) {
            return false;
        }
        let before: Vec<usize> = self.crew[shift]
            .iter()
            .chain(&self.encs[shift])
            .copied()
            .collect();
        let mut added: Vec<usize> = Vec::new();
        let is_crew = matches!(a.kind, Kind::Production { .. });
        if is_crew
            && sh.ratio > 0
            && self.crew[shift].len() >= sh.ratio as usize * self.encs[shift].len()
            && let Some(e) = self.enc_by_start[shift][k]
                .iter()
                .copied()
                .find(|&e| self.can_add(e))
        {
            self.apply(e);
            added.push(e);
        }
        if !self.can_add(id) {
            for x in added.into_iter().rev() {
                self.undo(x);
            }
            return false;
        }
        self.apply(id);
        added.push(id);
        let need = self.need(shift);
        let crew = self.crew[shift].len() as u32;
        let mut ok = true;
        if crew < need {
            ok = self.staff(shift, k, need - crew, need - crew) > 0;
        }
        // Skills: an encadrant·e holder, else a salarié·e holder.
        for skill in &sc.chantiers[sh.chantier].competences_une {
            if !ok {
                break;
            }
            let held = |g: &Self| {
                g.crew[shift]
                    .iter()
                    .chain(&g.encs[shift])
                    .any(|&x| g.holds(x, skill))
            };
            if held(self) {
                continue;
            }
            let holder = self.enc_by_start[shift][k]
                .iter()
                .chain(&self.by_start[shift][k])
                .copied()
                .find(|&x| self.holds(x, skill) && self.can_add(x));
            match holder {
                Some(x) => self.apply(x),
                None => ok = false,
            }
        }
        if ok && sh.ratio > 0 && self.crew[shift].len() > sh.ratio as usize * self.encs[shift].len()
        {
            ok = false;
        }
        if !ok {
            let now: Vec<usize> = self.crew[shift]
                .iter()
                .chain(&self.encs[shift])
                .copied()
                .collect();
            for x in now.into_iter().rev() {
                if !before.contains(&x) {
                    self.undo(x);
                }
            }
            return false;
        }
        true
    }

    /// A due rdv blocked by the person's own shifts that day: hand those shifts to someone else
    /// (same start, a replacement that keeps every rule and skill) and take the rdv. Everything
    /// is put back when no replacement is found. True when the rdv was added.
    fn swap_for_rdv(&mut self, rdv: usize) -> bool {
        let (acts, facts) = (self.acts, self.facts);
        let a = &acts.list[rdv];
        let p = self.person(a.who);
        let blocking: Vec<usize> = self.day[p][a.day]
            .iter()
            .copied()
            .filter(|&b| !compatible(facts, a, &acts.list[b]))
            .collect();
        if blocking.is_empty()
            || !blocking
                .iter()
                .all(|&b| matches!(acts.list[b].kind, Kind::Production { .. }))
        {
            return false;
        }
        for &b in &blocking {
            self.undo(b);
        }
        let mut added: Vec<usize> = Vec::new();
        let mut ok = self.day_ok(p, a.day) && self.can_add(rdv);
        if ok {
            self.apply(rdv);
            added.push(rdv);
            for &b in &blocking {
                let Kind::Production { shift, k } = acts.list[b].kind else {
                    continue;
                };
                let skills = &self.sc.chantiers[facts.shifts[shift].chantier].competences_une;
                let replacement = self.by_start[shift][k].iter().copied().find(|&c| {
                    c != b && acts.list[c].who != a.who && self.can_add(c) && {
                        // Keep every competences_une skill on the shift.
                        skills.iter().all(|q| {
                            self.holds(c, q)
                                || self.crew[shift]
                                    .iter()
                                    .chain(&self.encs[shift])
                                    .any(|&x| self.holds(x, q))
                        })
                    }
                });
                match replacement {
                    Some(c) => {
                        self.apply(c);
                        added.push(c);
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if !ok {
            for id in added.into_iter().rev() {
                self.undo(id);
            }
            for &b in &blocking {
                self.apply(b);
            }
        }
        ok
    }

    /// Rule 3 for a person's day after an item was removed: first and last items still inside
    /// the commute window.
    fn day_ok(&self, p: usize, d: usize) -> bool {
        let items = &self.day[p][d];
        if items.is_empty()
            || p >= self.acts.n_salaries
            || self.sc.salaries[p].mobilite == Mobilite::Autonome
        {
            return true;
        }
        let Some(table) = &self.facts.commute[p] else {
            return false;
        };
        let jour = calendar::jour(self.facts.days[d]);
        let first = items
            .iter()
            .map(|&b| &self.acts.list[b])
            .min_by_key(|a| (a.start, a.end));
        let last = items
            .iter()
            .map(|&b| &self.acts.list[b])
            .max_by_key(|a| (a.end, a.start));
        match (first, last) {
            (Some(f), Some(l)) => {
                table
                    .window(jour, f.place)
                    .is_some_and(|(arr, _)| f.start >= arr)
                    && table
                        .window(jour, l.place)
                        .is_some_and(|(_, dep)| l.end <= dep)
            }
            _ => true,
        }
    }

    /// True when salarié·e `i` still owes rdv that are due (R) in the month of day `d`.
    fn rdv_due(&self, i: usize, d: usize) -> bool {
        let month = calendar::Month::of(self.facts.days[d]);
        let planned = (0..self.facts.days.len())
            .filter(|&dd| calendar::Month::of(self.facts.days[dd]) == month)
            .flat_map(|dd| self.day[i][dd].iter())
            .filter(|&&b| matches!(self.acts.list[b].kind, Kind::Rdv { .. }))
            .count() as u32;
        self.facts.months[i]
            .iter()
            .any(|m| m.month == month && m.due > m.history + planned)
    }

    /// Adds salarié·es whose hours cost falls to a running shift, up to `room`.
    fn fill(&mut self, sid: usize, k: usize, room: u32) {
        let sh = &self.facts.shifts[sid];
        let h = f64::from(sh.duree) / 60.0;
        let wk = self.week_of_day[self.day_index(sh.date)];
        let mut added = 0;
        let cands = self.by_start[sid][k].clone();
        for id in cands {
            if added >= room {
                break;
            }
            let p = self.person(self.acts.list[id].who);
            if self.hours_gain(p, wk, h) <= 0.0 {
                continue;
            }
            if sh.ratio > 0 && self.crew[sid].len() >= sh.ratio as usize * self.encs[sid].len() {
                match self.enc_by_start[sid][k]
                    .iter()
                    .copied()
                    .find(|&e| self.can_add(e))
                {
                    Some(e) => self.apply(e),
                    None => break,
                }
            }
            if self.can_add(id) {
                self.apply(id);
                added += 1;
            }
        }
    }

    /// Optional shift: staffed only with salarié·es whose hours cost falls.
    fn staff_gainful(&mut self, sid: usize, k: usize, want: u32, need: u32) -> usize {
        let sh = &self.facts.shifts[sid];
        let h = f64::from(sh.duree) / 60.0;
        let wk = self.week_of_day[self.day_index(sh.date)];
        let gainful = self.by_start[sid][k]
            .iter()
            .filter(|&&id| self.hours_gain(self.person(self.acts.list[id].who), wk, h) > 0.0)
            .count() as u32;
        if gainful < need {
            return 0;
        }
        let saved = std::mem::take(&mut self.by_start[sid][k]);
        let kept: Vec<usize> = saved
            .iter()
            .copied()
            .filter(|&id| self.hours_gain(self.person(self.acts.list[id].who), wk, h) > 0.0)
            .collect();
        self.by_start[sid][k] = kept;
        let n = self.staff(sid, k, want, need);
        self.by_start[sid][k] = saved;
        n
    }

    /// The column values of the model for this plan (slacks at their least value).
    pub fn columns(&self, model: &Model) -> Vec<f64> {
        columns(model, self.acts, &self.chosen)
    }
}

/// The column values of `model` (built on `acts`) for the plan made of the `chosen` activities:
/// shift starts, days worked and slacks follow from the items.
pub fn columns(model: &Model, acts: &Activities, chosen: &[bool]) -> Vec<f64> {
    let mut cols = vec![0.0; model.index.len()];
    let mut set = |v: good_lp::Variable, x: f64| {
        if let Some(&i) = model.index.get(&v) {
            cols[i] = x;
        }
    };
    let mut running: std::collections::BTreeSet<(usize, usize)> = Default::default();
    for (id, a) in acts.list.iter().enumerate() {
        if chosen[id]
            && let Kind::Production { shift, k } | Kind::Encadrement { shift, k } = a.kind
        {
            running.insert((shift, k));
        }
    }
    for (id, var) in model.x.iter().enumerate() {
        if let Some(v) = var {
            set(*v, if chosen[id] { 1.0 } else { 0.0 });
        }
    }
    for (sid, ys) in model.y.iter().enumerate() {
        for (k, y) in ys.iter().enumerate() {
            if let Some(y) = y {
                set(
                    *y,
                    if running.contains(&(sid, k)) {
                        1.0
                    } else {
                        0.0
                    },
                );
            }
        }
    }
    for (w, ids) in &model.day_vars {
        set(
            *w,
            if ids.iter().any(|&id| chosen[id]) {
                1.0
            } else {
                0.0
            },
        );
    }
    for (v, any, none) in &model.labour_vars {
        let on = any.iter().any(|&c| chosen[c]) && !none.iter().any(|&c| chosen[c]);
        set(*v, if on { 1.0 } else { 0.0 });
    }
    let by_var: std::collections::HashMap<good_lp::Variable, usize> = model
        .x
        .iter()
        .enumerate()
        .filter_map(|(id, v)| Some(((*v)?, id)))
        .collect();
    let values = Values { chosen, by_var };
    let slacks: Vec<(good_lp::Variable, f64)> = model
        .terms
        .iter()
        .filter_map(|t| Some((t.slack?, t.deficit.eval_with(&values).max(0.0))))
        .collect();
    for (v, x) in slacks {
        set(v, x);
    }
    cols
}

/// The greedy plan seen as a good_lp solution (for evaluating expressions).
struct Values<'g> {
    chosen: &'g [bool],
    by_var: std::collections::HashMap<good_lp::Variable, usize>,
}

impl good_lp::Solution for Values<'_> {
    fn status(&self) -> good_lp::SolutionStatus {
        good_lp::SolutionStatus::Optimal
    }
    fn value(&self, v: good_lp::Variable) -> f64 {
        match self.by_var.get(&v) {
            Some(&id) if self.chosen[id] => 1.0,
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kernel::activities::{Activities, Kind};
    use crate::kernel::greedy::Greedy;
    use crate::model::Facts;

    /// Taking a CIP rdv or an atelier place back frees it: the greedy start's `swap_for_rdv`
    /// puts a rdv back when no one can take the person's shift, and the CIP's slot stayed
    /// booked, closing it to everyone else (a generated 70 went from 9 805 to 7 701 once fixed).
    #[test]
    fn undo_frees_the_cip_slot_and_the_atelier_place() {
        let sc = crate::generate::generate(30, 7);
        let facts = Facts::new(&sc);
        let acts = Activities::new(&sc, &facts);
        let mut g = Greedy::new(&sc, &facts, &acts);
        let list = &acts.list;
        let kind_of = |id: usize| list[id].kind;
        // Two people's rdv with the same CIP that overlap: one excludes the other.
        let rdvs: Vec<usize> = (0..list.len())
            .filter(|&id| matches!(kind_of(id), Kind::Rdv { .. }) && !list[id].fixed)
            .collect();
        let (a, b) = rdvs
            .iter()
            .flat_map(|&a| rdvs.iter().map(move |&b| (a, b)))
            .find(|&(a, b)| {
                let (x, y) = (&list[a], &list[b]);
                x.who != y.who
                    && x.kind == y.kind
                    && x.day == y.day
                    && x.start < y.end
                    && y.start < x.end
            })
            .expect("two overlapping rdv with one CIP");
        assert!(g.can_add(a) && g.can_add(b));
        g.apply(a);
        assert!(!g.can_add(b), "the CIP is busy");
        g.undo(a);
        assert!(g.can_add(b), "the slot is free again");
        // An atelier place taken, then given back.
        let one = (0..list.len())
            .find(|&id| matches!(kind_of(id), Kind::Atelier { .. }) && !list[id].fixed)
            .expect("an atelier activity");
        let Kind::Atelier { atelier } = kind_of(one) else {
            unreachable!("found as an atelier")
        };
        let before = g.atelier_count[atelier];
        g.apply(one);
        assert_eq!(g.atelier_count[atelier], before + 1);
        g.undo(one);
        assert_eq!(g.atelier_count[atelier], before);
    }
}
