//! The MIP: variables from the activities, one method per constraint family, and the cost terms
//! of docs/regles.md's « Coût recalculé » table. A family implements one rule of docs/regles.md:
//! its rows are added with the checker's [`Rule`] ([`Model::add`]) and the method bears the
//! same name as the checker's function ([`Rule::function`]), so each rule has one name in the
//! kernel, the checker and the tests.

use super::activities::{Act, Activities, Kind, Who, compatible};
use crate::check::Rule;
use crate::format::scenario::Scenario;
use crate::model::{Facts, calendar};
use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};
use std::collections::{BTreeMap, HashMap};

/// What a cost term counts, to evaluate it and to explain a shortfall.
#[derive(Debug, Clone, PartialEq)]
pub enum TermWhat {
    /// `production`: the shift's crew under its minimum.
    Production {
        /// The shift, by index in `Facts::shifts`.
        shift: usize,
    },
    /// `rdv_cip_retard`: a rdv due in the month not planned.
    RdvRetard {
        /// The salarié·e.
        salarie: usize,
        /// The month, by index in the salarié·e's months.
        month: usize,
    },
    /// `rdv_cip_restant`: a rdv of the month's target not planned.
    RdvRestant {
        /// The salarié·e.
        salarie: usize,
        /// The month, by index in the salarié·e's months.
        month: usize,
    },
    /// `heures_sous_contrat`: hours under the week's target.
    HeuresSousContrat {
        /// The salarié·e.
        salarie: usize,
        /// The ISO week, by index in the salarié·e's weeks.
        week: usize,
    },
    /// `heures_complementaires`: hours over the week's target.
    HeuresComplementaires {
        /// The salarié·e.
        salarie: usize,
        /// The ISO week, by index in the salarié·e's weeks.
        week: usize,
    },
    /// `besoin_atelier`: a theme the salarié·e needs without its atelier.
    BesoinAtelier {
        /// The salarié·e.
        salarie: usize,
        /// The atelier theme.
        theme: String,
    },
    /// `preference`: an activity on a chantier the person does not prefer.
    Preference {
        /// The activity.
        act: usize,
    },
    /// `eviter`: two people who avoid each other on the same shift.
    Eviter {
        /// One person.
        a: usize,
        /// The other.
        b: usize,
        /// The shift.
        shift: usize,
    },
    /// Re-planning: published items left out and new items (one linear term).
    Changement,
    /// `imposer[k]` not matched by any chosen activity (docs/regles.md, « Conflits »).
    Imposer {
        /// The index in `imposer`.
        k: usize,
    },
    /// A fixed item left out before the solve (`Activities::left_out[n]`).
    LeftOut {
        /// The index in `Activities::left_out`.
        n: usize,
    },
}

/// One cost term instance: `weight × max(0, deficit)`.
#[derive(Debug, Clone)]
pub struct Term {
    /// The cost term's name (`reglages.poids`).
    pub name: &'static str,
    /// Its weight.
    pub weight: f64,
    pub(crate) deficit: Expression,
    /// What it counts.
    pub what: TermWhat,
    /// The objective's variable for `max(0, deficit)` (none when the weight is 0 or the term is
    /// linear, like `preference`).
    pub slack: Option<Variable>,
}

/// The weekly MIP: variables, rows by family, objective and cost terms.
pub struct Model {
    /// Binaries are created as continuous [0, 1] variables (LP relaxation).
    pub(crate) relaxed: bool,
    pub(crate) vars: ProblemVariables,
    /// Column index of each variable (good_lp numbers them in creation order).
    pub index: HashMap<Variable, usize>,
    /// `x[id]`: the variable of activity `id` (`None` for fixed items).
    pub x: Vec<Option<Variable>>,
    /// `y[shift][k]`: the shift runs with start `debuts[k]` (`None`: that start cannot run).
    pub y: Vec<Vec<Option<Variable>>>,
    /// The objective: the weighted cost terms.
    pub objective: Expression,
    /// The rows, in the order of [`Model::row_families`].
    pub constraints: Vec<Constraint>,
    /// Rows added per constraint family (rule name), for the summary and the docs.
    pub families: BTreeMap<&'static str, usize>,
    /// The family of each row of `constraints`, in order.
    pub(crate) row_families: Vec<&'static str>,
    /// The cost terms, each with its slack.
    pub terms: Vec<Term>,
    /// Expression of the crew of each shift (sum over starts).
    pub crew: Vec<Expression>,
    /// Rule 7's "works that day" variables with the activities they cover.
    pub(crate) day_vars: Vec<(Variable, Vec<usize>)>,
    /// Rule 11's continuous variables ([`super::labour`]), each with its value in a plan: 1 when
    /// one activity of the first list and none of the second is in the plan, else 0.
    pub(crate) labour_vars: Vec<(Variable, Vec<usize>, Vec<usize>)>,
}

impl Model {
    /// The weekly model of the activities.
    pub fn new(sc: &Scenario, facts: &Facts, acts: &Activities) -> Model {
        Model::build(sc, facts, acts, false, true)
    }

    /// The same model with every binary relaxed to [0, 1] (its LP relaxation).
    pub fn relaxation(sc: &Scenario, facts: &Facts, acts: &Activities) -> Model {
        Model::build(sc, facts, acts, true, true)
    }

    /// The model without rule 11's rows, for the bound of a large week: those rows never moved
    /// its LP bound on the scenarios measured but made its LP 4 times slower (docs/noyau.md).
    /// Its lower bound holds for the whole model; a plan it finds may break rule 11, and is
    /// written only if the checker accepts it.
    pub fn for_bound(sc: &Scenario, facts: &Facts, acts: &Activities) -> Model {
        Model::build(sc, facts, acts, false, false)
    }

    fn build(
        sc: &Scenario,
        facts: &Facts,
        acts: &Activities,
        relaxed: bool,
        part_time: bool,
    ) -> Model {
        let mut m = Model {
            relaxed,
            vars: ProblemVariables::new(),
            index: HashMap::new(),
            x: Vec::new(),
            y: Vec::new(),
            objective: Expression::from(0.0),
            constraints: Vec::new(),
            families: BTreeMap::new(),
            row_families: Vec::new(),
            terms: Vec::new(),
            crew: Vec::new(),
            day_vars: Vec::new(),
            labour_vars: Vec::new(),
        };
        m.x = acts
            .list
            .iter()
            .map(|a| if a.fixed { None } else { Some(m.new_binary()) })
            .collect();
        m.rule_shifts(sc, facts, acts);
        m.rule_encadrement(sc, facts, acts);
        m.rule_skills_and_restrictions(sc, facts, acts);
        m.rule_one_thing_at_a_time(facts, acts);
        m.rule_commute(sc, facts, acts);
        m.rule_working_time(sc, facts, acts);
        if part_time {
            m.rule_part_time_day(sc, facts, acts);
        }
        m.rule_daily_rest(sc, facts, acts);
        m.rule_hours_cap(sc, facts, acts);
        m.rule_cip_rdv(sc, facts, acts);
        m.rule_presence(sc, facts, acts);
        m.rule_ateliers_formations(sc, acts);
        m.rule_13_imposer_interdire(sc, facts, acts);
        m.cost_production(sc, facts);
        m.cost_hours(sc, facts, acts);
        m.cost_rdv(sc, facts, acts);
        m.cost_besoin_atelier(sc, facts, acts);
        m.cost_preference(sc, facts, acts);
        m.cost_eviter(sc, facts, acts);
        m.cost_conflit(sc, facts, acts);
        m.cost_changement(sc, facts, acts);
        m
    }

    fn new_binary(&mut self) -> Variable {
        if self.relaxed {
            self.new_var(variable().min(0.0).max(1.0))
        } else {
            self.new_var(variable().binary())
        }
    }

    pub(super) fn new_var(&mut self, def: good_lp::VariableDefinition) -> Variable {
        let v = self.vars.add(def);
        let n = self.index.len();
        self.index.insert(v, n);
        v
    }

    /// Adds a row of the family of `rule`: the family bears the checker's name of the rule
    /// ([`Rule::function`]), so the kernel and the checker name each rule alike.
    pub(crate) fn add(&mut self, rule: Rule, c: Constraint) {
        self.add_row(rule.function(), c);
    }

    /// Adds a row of the family `family` (a hard rule's, or a cost term's slack row).
    fn add_row(&mut self, family: &'static str, c: Constraint) {
        *self.families.entry(family).or_default() += 1;
        self.row_families.push(family);
        self.constraints.push(c);
    }

    /// The expression `Σ coef(a) · x[a]` (+ the fixed items as constants).
    pub(super) fn sum_acts<'a>(
        &self,
        acts: &'a Activities,
        ids: impl IntoIterator<Item = &'a usize>,
        coef: impl Fn(&Act) -> f64,
    ) -> Expression {
        let mut e = Expression::from(0.0);
        for &id in ids {
            let a = &acts.list[id];
            match self.x[id] {
                Some(v) => e.add_mul(coef(a), v),
                None => e += coef(a),
            }
        }
        e
    }

    /// Adds `weight × slack` to the objective with `slack ≥ deficit, slack ≥ 0`, and records the term.
    fn add_term(&mut self, name: &'static str, weight: f64, deficit: Expression, what: TermWhat) {
        let mut slack = None;
        if weight > 0.0 {
            let v = self.new_var(variable().min(0.0));
            self.objective.add_mul(weight, v);
            let c = (deficit.clone() - v).leq(0.0);
            self.add_row(name, c);
            slack = Some(v);
        }
        self.terms.push(Term {
            name,
            weight,
            deficit,
            what,
            slack,
        });
    }

    // ---------------------------------------------------------------- hard rules

    /// Rule 4 (shifts): one start per running shift; crew ≤ max, ≥ 1 when it runs, ≥ min when an
    /// optional shift runs. A start with no possible crew gets no variable.
    fn rule_shifts(&mut self, _sc: &Scenario, facts: &Facts, acts: &Activities) {
        let mut by_start: Vec<Vec<Vec<usize>>> = facts
            .shifts
            .iter()
            .map(|s| vec![Vec::new(); s.debuts.len()])
            .collect();
        for (id, a) in acts.list.iter().enumerate() {
            if let Kind::Production { shift, k } = a.kind {
                by_start[shift][k].push(id);
            }
        }
        for (sid, shift) in facts.shifts.iter().enumerate() {
            let mut ys = Vec::new();
            let mut once = Expression::from(0.0);
            let mut crew_all = Expression::from(0.0);
            for ids in &by_start[sid] {
                if ids.is_empty() {
                    ys.push(None);
                    continue;
                }
                let y = self.new_binary();
                once += y;
                let crew = self.sum_acts(acts, ids, |_| 1.0);
                crew_all += crew.clone();
                // (Per-member links x ≤ y were tried: the bound moved by 0.002 % and the root LP
                // took 2.7 × longer on 70 salarié·es; the aggregated rows below are kept.)
                self.add(
                    Rule::Shifts,
                    (crew.clone() - f64::from(shift.max) * y).leq(0.0),
                );
                let low = if shift.optionnelle {
                    f64::from(shift.min.max(1))
                } else {
                    1.0
                };
                self.add(Rule::Shifts, (crew - low * y).geq(0.0));
                ys.push(Some(y));
            }
            if ys.iter().flatten().count() > 1 {
                self.add(Rule::Shifts, once.leq(1.0));
            }
            self.y.push(ys);
            self.crew.push(crew_all);
        }
    }

    /// Rule 5 (encadrement): crew ≤ ratio × encadrant·es on every running shift with ratio > 0;
    /// an encadrant·e is only on a shift that runs with that start.
    fn rule_encadrement(&mut self, _sc: &Scenario, facts: &Facts, acts: &Activities) {
        let mut enc: Vec<Vec<Vec<usize>>> = facts
            .shifts
            .iter()
            .map(|s| vec![Vec::new(); s.debuts.len()])
            .collect();
        let mut crew: Vec<Vec<Vec<usize>>> = enc.clone();
        for (id, a) in acts.list.iter().enumerate() {
            match a.kind {
                Kind::Encadrement { shift, k } => enc[shift][k].push(id),
                Kind::Production { shift, k } => crew[shift][k].push(id),
                _ => {}
            }
        }
        for (sid, shift) in facts.shifts.iter().enumerate() {
            for k in 0..shift.debuts.len() {
                let y = self.y[sid][k];
                for &id in &enc[sid][k] {
                    let Some(z) = self.x[id] else {
                        // A fixed encadrement item (the fixed days of a neighbourhood): its start
                        // runs and no other start does (the crew's rows only see fixed crews).
                        let ys = self.y[sid].clone();
                        for (k2, y2) in ys.iter().enumerate() {
                            if let Some(y2) = *y2 {
                                let row = if k2 == k {
                                    Expression::from(y2).geq(1.0)
                                } else {
                                    Expression::from(y2).leq(0.0)
                                };
                                self.add(Rule::Encadrement, row);
                            }
                        }
                        continue;
                    };
                    match y {
                        Some(y) => self.add(Rule::Encadrement, (z - y).leq(0.0)),
                        None => self.add(Rule::Encadrement, Expression::from(z).leq(0.0)),
                    }
                }
                if shift.ratio > 0 && !crew[sid][k].is_empty() {
                    let c = self.sum_acts(acts, &crew[sid][k], |_| 1.0);
                    let e = self.sum_acts(acts, &enc[sid][k], |_| f64::from(shift.ratio));
                    self.add(Rule::Encadrement, (c - e).leq(0.0));
                    // Valid inequality: a running shift (crew ≥ 1) has at least one whole
                    // encadrant·e. Implied in integers; without it the LP relaxation runs shifts
                    // with 0.6 of an encadrant·e and the bound is weak.
                    if let Some(y) = y {
                        let e1 = self.sum_acts(acts, &enc[sid][k], |_| 1.0);
                        self.add(Rule::Encadrement, (e1 - y).geq(0.0));
                    }
                }
            }
        }
    }

    /// Rule 6 (skills): for each `competences_une` skill, someone on a running shift holds it.
    /// (`competences_toutes` and restrictions are pre-processing.)
    fn rule_skills_and_restrictions(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let mut on: Vec<Vec<Vec<usize>>> = facts
            .shifts
            .iter()
            .map(|s| vec![Vec::new(); s.debuts.len()])
            .collect();
        for (id, a) in acts.list.iter().enumerate() {
            if let Kind::Production { shift, k } | Kind::Encadrement { shift, k } = a.kind {
                on[shift][k].push(id);
            }
        }
        for (sid, shift) in facts.shifts.iter().enumerate() {
            let ch = &sc.chantiers[shift.chantier];
            for skill in &ch.competences_une {
                for (k, on_k) in on[sid].iter().enumerate() {
                    let Some(y) = self.y[sid][k] else { continue };
                    let holders: Vec<usize> = on_k
                        .iter()
                        .copied()
                        .filter(|&id| match acts.list[id].who {
                            Who::Salarie(i) => sc.salaries[i].competences.contains(skill),
                            Who::Encadrant(e) => sc.encadrants[e].competences.contains(skill),
                        })
                        .collect();
                    let h = self.sum_acts(acts, &holders, |_| 1.0);
                    self.add(Rule::SkillsAndRestrictions, (h - y).geq(0.0));
                }
            }
        }
    }

    /// Rule 1 (one thing at a time): per person and day, at each start time at most one of the
    /// items running then; and two items whose gap is shorter than the travel between their places
    /// are exclusive.
    fn rule_one_thing_at_a_time(&mut self, facts: &Facts, acts: &Activities) {
        for pd in acts.by_pd.iter().flatten() {
            let vars: Vec<usize> = pd
                .iter()
                .copied()
                .filter(|&id| self.x[id].is_some())
                .collect();
            if vars.len() < 2 {
                continue;
            }
            let mut last: Vec<usize> = Vec::new();
            let mut starts: Vec<u32> = vars.iter().map(|&id| acts.list[id].start).collect();
            starts.dedup();
            for t in starts {
                let clique: Vec<usize> = vars
                    .iter()
                    .copied()
                    .filter(|&id| acts.list[id].start <= t && t < acts.list[id].end)
                    .collect();
                if clique.len() >= 2 && !clique.iter().all(|id| last.contains(id)) {
                    let e = self.sum_acts(acts, &clique, |_| 1.0);
                    self.add(Rule::OneThingAtATime, e.leq(1.0));
                    last = clique;
                }
            }
            for (n, &a) in vars.iter().enumerate() {
                for &b in &vars[n + 1..] {
                    let (aa, bb) = (&acts.list[a], &acts.list[b]);
                    let overlap = aa.start < bb.end && bb.start < aa.end;
                    if !overlap && !compatible(facts, aa, bb) {
                        let e = self.sum_acts(acts, &[a, b], |_| 1.0);
                        self.add(Rule::OneThingAtATime, e.leq(1.0));
                    }
                }
            }
        }
    }

    /// Rule 3 (commute): an item that starts before the earliest arrival at its place cannot be
    /// the day's first, so it needs an earlier compatible item; one that ends after the latest
    /// departure cannot be the last, so it needs a later one.
    fn rule_commute(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        for (i, s) in sc.salaries.iter().enumerate() {
            let Some(table) = &facts.commute[i] else {
                continue;
            };
            if s.mobilite == crate::format::scenario::Mobilite::Autonome {
                continue;
            }
            for (d, pd) in acts.by_pd[i].iter().enumerate() {
                // Frozen days are the past: rule 3 is not checked on them.
                if sc.fige(facts.days[d]) {
                    continue;
                }
                let jour = calendar::jour(facts.days[d]);
                for &id in pd {
                    let a = &acts.list[id];
                    let Some((arrive, depart)) = table.window(jour, a.place) else {
                        continue;
                    };
                    let early = a.start < arrive;
                    let late = a.end > depart;
                    if !early && !late {
                        continue;
                    }
                    let before: Vec<usize> = pd
                        .iter()
                        .copied()
                        .filter(|&b| {
                            b != id
                                && acts.list[b].end
                                    + facts.places.travel(acts.list[b].place, a.place)
                                    <= a.start
                        })
                        .collect();
                    let after: Vec<usize> = pd
                        .iter()
                        .copied()
                        .filter(|&b| {
                            b != id
                                && a.end + facts.places.travel(a.place, acts.list[b].place)
                                    <= acts.list[b].start
                        })
                        .collect();
                    let me = self.sum_acts(acts, &[id], |_| 1.0);
                    if early {
                        let e = self.sum_acts(acts, &before, |_| 1.0);
                        self.add(Rule::Commute, (me.clone() - e).leq(0.0));
                    }
                    if late {
                        let e = self.sum_acts(acts, &after, |_| 1.0);
                        self.add(Rule::Commute, (me - e).leq(0.0));
                    }
                }
            }
        }
    }

    /// Rule 7 (working time): daily hours, pause blocks, days per ISO week.
    fn rule_working_time(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let r = &sc.reglages;
        let cap = (r.max_heures_jour * 60.0).floor();
        let n_p = acts.by_pd.len();
        for p in 0..n_p {
            for pd in &acts.by_pd[p] {
                if pd.iter().any(|&id| self.x[id].is_some()) {
                    let total: u32 = pd.iter().map(|&id| acts.list[id].minutes()).sum();
                    if f64::from(total) > cap {
                        let e = self.sum_acts(acts, pd, |a| f64::from(a.minutes()));
                        self.add(Rule::WorkingTime, e.leq(cap));
                    }
                    self.pause_chains(r.pause.minutes, r.pause.apres_minutes, facts, acts, pd);
                }
            }
            // Days per ISO week.
            let mut weeks: BTreeMap<calendar::IsoWeek, Vec<usize>> = BTreeMap::new();
            for (d, date) in facts.days.iter().enumerate() {
                let pmsmp = p < acts.n_salaries && acts.pmsmp[p].contains(&d);
                if !acts.by_pd[p][d].is_empty() || pmsmp {
                    weeks
                        .entry(calendar::IsoWeek::of(*date))
                        .or_default()
                        .push(d);
                }
            }
            for days in weeks.values() {
                if days.len() as u32 <= r.max_jours_semaine {
                    continue;
                }
                let mut count = Expression::from(0.0);
                for &d in days {
                    let pd = &acts.by_pd[p][d];
                    let fixed = pd.iter().any(|&id| self.x[id].is_none())
                        || (p < acts.n_salaries && acts.pmsmp[p].contains(&d));
                    if fixed {
                        count += 1.0;
                        continue;
                    }
                    let w = self.new_binary();
                    count += w;
                    self.day_vars.push((w, pd.clone()));
                    for &id in pd {
                        if let Some(v) = self.x[id] {
                            self.add(Rule::WorkingTime, (v - w).leq(0.0));
                        }
                    }
                }
                self.add(Rule::WorkingTime, count.leq(f64::from(r.max_jours_semaine)));
            }
        }
    }

    /// Pause blocks (rule 7): a chain of items with gaps shorter than `pause` whose span exceeds
    /// `apres` cannot all be in the plan.
    fn pause_chains(
        &mut self,
        pause: u32,
        apres: u32,
        facts: &Facts,
        acts: &Activities,
        pd: &[usize],
    ) {
        const MAX_CHAINS: usize = 5000;
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut stack: Vec<Vec<usize>> = pd.iter().map(|&id| vec![id]).collect();
        while let Some(chain) = stack.pop() {
            if found.len() >= MAX_CHAINS {
                break;
            }
            let Some(&last) = chain.last() else { continue };
            let (first_start, l) = (acts.list[chain[0]].start, &acts.list[last]);
            for &next in pd {
                let n = &acts.list[next];
                if n.start < l.end || n.start >= l.end + pause {
                    continue;
                }
                if l.end + facts.places.travel(l.place, n.place) > n.start {
                    continue;
                }
                if matches!((l.kind, n.kind), (Kind::Rdv { .. }, Kind::Rdv { .. })) {
                    continue;
                }
                let mut c = chain.clone();
                c.push(next);
                if n.end - first_start > apres {
                    found.push(c);
                } else {
                    stack.push(c);
                }
            }
        }
        for chain in found {
            if chain.iter().all(|&id| self.x[id].is_none()) {
                continue;
            }
            let e = self.sum_acts(acts, &chain, |_| 1.0);
            self.add(Rule::WorkingTime, e.leq((chain.len() - 1) as f64));
        }
    }

    /// Planned hours of person `p` in the week of `days` (items + PMSMP days).
    fn planned_hours(
        &self,
        sc: &Scenario,
        acts: &Activities,
        p: usize,
        days: &[usize],
    ) -> Expression {
        let ids: Vec<usize> = days
            .iter()
            .flat_map(|&d| acts.by_pd[p][d].iter().copied())
            .collect();
        let mut e = self.sum_acts(acts, &ids, |a| f64::from(a.minutes()) / 60.0);
        if p < acts.n_salaries {
            let s = &sc.salaries[p];
            let n = days.iter().filter(|d| acts.pmsmp[p].contains(d)).count();
            e += n as f64 * s.contrat.heures_hebdo / f64::from(sc.reglages.jours_semaine.max(1));
        }
        e
    }

    fn week_days(facts: &Facts, week: calendar::IsoWeek) -> Vec<usize> {
        (0..facts.days.len())
            .filter(|&d| calendar::IsoWeek::of(facts.days[d]) == week)
            .collect()
    }

    /// Rule 8 (hours cap): planned ≤ target × (1 + heures_complementaires_max) for salarié·es,
    /// ≤ target for encadrant·es, per ISO week.
    fn rule_hours_cap(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let hc = sc.reglages.heures_complementaires_max;
        for i in 0..sc.salaries.len() {
            for w in &facts.salarie_weeks[i] {
                let days = Self::week_days(facts, w.week);
                let e = self.planned_hours(sc, acts, i, &days);
                // The fixed part (frozen days of a re-planning) may already be over the cap of
                // the new scenario (an absence lowered the target): nothing more is planned
                // then, and the model stays feasible (the checker reports rule 8).
                let cap = (w.target * (1.0 + hc)).max(good_lp::IntoAffineExpression::constant(&e));
                self.add(Rule::HoursCap, e.leq(cap + 1e-9));
            }
        }
        for e in 0..sc.encadrants.len() {
            let p = acts.n_salaries + e;
            for w in &facts.encadrant_weeks[e] {
                let days = Self::week_days(facts, w.week);
                let ex = self.planned_hours(sc, acts, p, &days);
                let cap = w.target.max(good_lp::IntoAffineExpression::constant(&ex));
                self.add(Rule::HoursCap, ex.leq(cap + 1e-9));
            }
        }
    }

    fn rdv_ids(acts: &Activities, i: usize, days: impl Iterator<Item = usize>) -> Vec<usize> {
        days.flat_map(|d| acts.by_pd[i][d].iter().copied())
            .filter(|&id| matches!(acts.list[id].kind, Kind::Rdv { .. }))
            .collect()
    }

    /// Rule 9 (CIP rdv, salarié·e side): one a day, `max_par_semaine` an ISO week, history +
    /// planned ≤ the monthly target.
    fn rule_cip_rdv(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let per_week = f64::from(sc.reglages.rdv_cip.max_par_semaine);
        for i in 0..sc.salaries.len() {
            for d in 0..facts.days.len() {
                let ids = Self::rdv_ids(acts, i, std::iter::once(d));
                if ids.len() > 1 {
                    let e = self.sum_acts(acts, &ids, |_| 1.0);
                    self.add(Rule::CipRdv, e.leq(1.0));
                }
            }
            for w in &facts.salarie_weeks[i] {
                let ids = Self::rdv_ids(acts, i, Self::week_days(facts, w.week).into_iter());
                if ids.len() as f64 > per_week {
                    let e = self.sum_acts(acts, &ids, |_| 1.0);
                    self.add(Rule::CipRdv, e.leq(per_week));
                }
            }
            for m in &facts.months[i] {
                let days = (0..facts.days.len())
                    .filter(|&d| calendar::Month::of(facts.days[d]) == m.month);
                let ids = Self::rdv_ids(acts, i, days);
                let room = f64::from(m.target.saturating_sub(m.history));
                if ids.len() as f64 > room {
                    let e = self.sum_acts(acts, &ids, |_| 1.0);
                    self.add(Rule::CipRdv, e.leq(room));
                }
            }
        }
    }

    /// Rule 2 (presence), the CIP's side of the rdv (the salarié·es' side is pre-processing):
    /// a CIP sees one salarié·e at a time, at most `max_rdv_jour` a day.
    fn rule_presence(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let mut by_cip_day: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (id, a) in acts.list.iter().enumerate() {
            if let Kind::Rdv { cip } = a.kind {
                by_cip_day.entry((cip, a.day)).or_default().push(id);
            }
        }
        for ((c, _), ids) in by_cip_day {
            let mut starts: Vec<u32> = ids.iter().map(|&id| acts.list[id].start).collect();
            starts.sort_unstable();
            starts.dedup();
            for t in starts {
                let clique: Vec<usize> = ids
                    .iter()
                    .copied()
                    .filter(|&id| acts.list[id].start <= t && t < acts.list[id].end)
                    .collect();
                if clique.len() > 1 {
                    let e = self.sum_acts(acts, &clique, |_| 1.0);
                    self.add(Rule::Presence, e.leq(1.0));
                }
            }
            if let Some(max) = sc.cips[c].max_rdv_jour {
                let _ = facts;
                let e = self.sum_acts(acts, &ids, |_| 1.0);
                self.add(Rule::Presence, e.leq(f64::from(max)));
            }
        }
    }

    /// Rule 10 (ateliers): attendance ≤ places (fixed inscrits count as constants).
    fn rule_ateliers_formations(&mut self, sc: &Scenario, acts: &Activities) {
        let mut by_at: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (id, a) in acts.list.iter().enumerate() {
            if let Kind::Atelier { atelier } = a.kind {
                by_at.entry(atelier).or_default().push(id);
            }
        }
        for (at, ids) in by_at {
            if ids.iter().any(|&id| self.x[id].is_some()) {
                let e = self.sum_acts(acts, &ids, |_| 1.0);
                self.add(
                    Rule::AteliersFormations,
                    e.leq(f64::from(sc.ateliers[at].places)),
                );
            }
        }
    }

    /// Rule 13, the people of an `interdire: { personnes: [...] }` entry: at most one of them
    /// on each shift (crew or encadrement). (Single-person entries are pre-processing: the
    /// activities they forbid do not exist; `imposer` entries are the `conflit` terms.)
    fn rule_13_imposer_interdire(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let groups = apart_groups(sc, acts);
        if groups.is_empty() {
            return;
        }
        let mut on: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (id, a) in acts.list.iter().enumerate() {
            if let Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } = a.kind {
                on.entry((shift, acts.person(a.who))).or_default().push(id);
            }
        }
        for group in groups {
            for shift in 0..facts.shifts.len() {
                let ids: Vec<usize> = group
                    .iter()
                    .filter_map(|&p| on.get(&(shift, p)))
                    .flatten()
                    .copied()
                    .collect();
                let people = group
                    .iter()
                    .filter(|&&p| on.contains_key(&(shift, p)))
                    .count();
                if people >= 2 {
                    let e = self.sum_acts(acts, &ids, |_| 1.0);
                    self.add(Rule::ImposerInterdire, e.leq(1.0));
                }
            }
        }
    }

    // ---------------------------------------------------------------- cost terms

    /// `changement` (re-planning): each published item of a counted type after the frozen days
    /// that the plan does not hold, and each such item of the plan that the published one does
    /// not hold. Linear: the number of published items, −1 per activity that is one of them,
    /// +1 per other activity of a counted type.
    fn cost_changement(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let w = sc.reglages.poids.changement;
        if sc.replanification.is_none() {
            return;
        }
        let publies = crate::check::publies_comptes(sc);
        let total: usize = publies.values().sum();
        let mut e = Expression::from(total as f64);
        for (id, a) in acts.list.iter().enumerate() {
            if sc.fige(facts.days[a.day]) {
                continue;
            }
            let it = super::activities::affectation(sc, facts, acts, id);
            if !crate::check::compte(it.type_) {
                continue;
            }
            let coef = if publies.contains_key(&crate::check::cle(&it)) {
                -1.0
            } else {
                1.0
            };
            match self.x[id] {
                Some(v) => {
                    e.add_mul(coef, v);
                    self.objective.add_mul(w * coef, v);
                }
                None => {
                    e += coef;
                    self.objective += w * coef;
                }
            }
        }
        self.objective += w * total as f64;
        self.terms.push(Term {
            name: "changement",
            weight: w,
            deficit: e,
            what: TermWhat::Changement,
            slack: None,
        });
    }

    /// `conflit`: each `imposer` entry that no chosen activity matches, and each fixed item
    /// left out before the solve (a constant).
    fn cost_conflit(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let w = sc.reglages.poids.conflit;
        for (k, e) in sc.imposer.iter().enumerate() {
            // Atelier entries are fixed items (`Activities::left_out` when they cannot be kept).
            if e.atelier.is_some() {
                continue;
            }
            let ids: Vec<usize> = (0..acts.list.len())
                .filter(|&id| imposer_matches(sc, facts, acts, e, id))
                .collect();
            let kept = self.sum_acts(acts, &ids, |_| 1.0);
            self.add_term("conflit", w, 1.0 - kept, TermWhat::Imposer { k });
        }
        for n in 0..acts.left_out.len() {
            self.add_term("conflit", w, Expression::from(1.0), TermWhat::LeftOut { n });
        }
    }

    /// `production`: per non-optional shift, `max(0, min − crew) × duree_h × priorite`.
    fn cost_production(&mut self, sc: &Scenario, facts: &Facts) {
        let w = sc.reglages.poids.production;
        for (sid, shift) in facts.shifts.iter().enumerate() {
            if shift.optionnelle || shift.min == 0 {
                continue;
            }
            let prio = f64::from(sc.chantiers[shift.chantier].priorite);
            let weight = w * f64::from(shift.duree) / 60.0 * prio;
            let deficit = f64::from(shift.min) - self.crew[sid].clone();
            self.add_term(
                "production",
                weight,
                deficit,
                TermWhat::Production { shift: sid },
            );
            // Valid inequality: a shift that does not run misses its whole minimum,
            // `slack ≥ min × (1 − Σ_k y_k)`. Implied in integers; without it the relaxation may
            // run a shift "at 60 %" with 60 % of its larger maximum crew and see it nearly
            // covered (docs/noyau.md: a 70-salarié·e régie's root LP went from 7 928 to 31 682;
            // on the generated scenarios HiGHS's presolve finds as much by itself).
            let runs: Vec<Variable> = self.y[sid].iter().flatten().copied().collect();
            if let (Some(slack), false) = (self.terms.last().and_then(|t| t.slack), runs.is_empty())
            {
                let mut row = Expression::from(f64::from(shift.min)) - slack;
                for y in runs {
                    row.add_mul(-f64::from(shift.min), y);
                }
                self.add_row("production", row.leq(0.0));
            }
        }
    }

    /// `heures_sous_contrat` and `heures_complementaires`, per salarié·e and week.
    fn cost_hours(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let p = &sc.reglages.poids;
        for i in 0..sc.salaries.len() {
            for (wk, w) in facts.salarie_weeks[i].iter().enumerate() {
                let days = Self::week_days(facts, w.week);
                let planned = self.planned_hours(sc, acts, i, &days);
                let under = w.target - planned.clone();
                let over = planned - w.target;
                self.add_term(
                    "heures_sous_contrat",
                    p.heures_sous_contrat,
                    under,
                    TermWhat::HeuresSousContrat {
                        salarie: i,
                        week: wk,
                    },
                );
                self.add_term(
                    "heures_complementaires",
                    p.heures_complementaires,
                    over,
                    TermWhat::HeuresComplementaires {
                        salarie: i,
                        week: wk,
                    },
                );
            }
        }
    }

    /// `rdv_cip_retard` and `rdv_cip_restant`, per salarié·e and month.
    fn cost_rdv(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let p = &sc.reglages.poids;
        for i in 0..sc.salaries.len() {
            for (mi, m) in facts.months[i].iter().enumerate() {
                let days = (0..facts.days.len())
                    .filter(|&d| calendar::Month::of(facts.days[d]) == m.month);
                let ids = Self::rdv_ids(acts, i, days);
                let planned = self.sum_acts(acts, &ids, |_| 1.0);
                let hist = f64::from(m.history);
                let retard = f64::from(m.due) - hist - planned.clone();
                let restant = f64::from(m.target) - hist - planned;
                self.add_term(
                    "rdv_cip_retard",
                    p.rdv_cip_retard,
                    retard,
                    TermWhat::RdvRetard {
                        salarie: i,
                        month: mi,
                    },
                );
                self.add_term(
                    "rdv_cip_restant",
                    p.rdv_cip_restant,
                    restant,
                    TermWhat::RdvRestant {
                        salarie: i,
                        month: mi,
                    },
                );
            }
        }
    }

    /// `besoin_atelier`: per salarié·e and needed theme that some atelier of the period has.
    fn cost_besoin_atelier(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let w = sc.reglages.poids.besoin_atelier;
        for (i, s) in sc.salaries.iter().enumerate() {
            let mut themes: Vec<&String> = s.besoins.iter().collect();
            themes.sort();
            themes.dedup();
            for theme in themes {
                let offered = sc
                    .ateliers
                    .iter()
                    .any(|a| a.theme == *theme && facts.days.contains(&a.date));
                if !offered {
                    continue;
                }
                let ids: Vec<usize> = acts.by_pd[i]
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|&id| matches!(acts.list[id].kind, Kind::Atelier { atelier } if sc.ateliers[atelier].theme == *theme))
                    .collect();
                let attend = self.sum_acts(acts, &ids, |_| 1.0);
                self.add_term(
                    "besoin_atelier",
                    w,
                    1.0 - attend,
                    TermWhat::BesoinAtelier {
                        salarie: i,
                        theme: theme.clone(),
                    },
                );
            }
        }
    }

    /// `preference`: each production item on a chantier outside a non-empty `preferences.chantiers`.
    fn cost_preference(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let w = sc.reglages.poids.preference;
        for (id, a) in acts.list.iter().enumerate() {
            let (Who::Salarie(i), Kind::Production { shift, .. }) = (a.who, a.kind) else {
                continue;
            };
            let prefs = &sc.salaries[i].preferences.chantiers;
            let ch = &sc.chantiers[facts.shifts[shift].chantier].id;
            if prefs.is_empty() || prefs.contains(ch) {
                continue;
            }
            // A fixed item (a frozen day of a re-planning) counts as a constant.
            let deficit = match self.x[id] {
                Some(v) => {
                    self.objective.add_mul(w, v);
                    Expression::from(v)
                }
                None => {
                    self.objective += w;
                    Expression::from(1.0)
                }
            };
            self.terms.push(Term {
                name: "preference",
                weight: w,
                deficit,
                what: TermWhat::Preference { act: id },
                slack: None,
            });
        }
    }

    /// `eviter`: each unordered pair that should not work together, per shift where both are in the crew.
    fn cost_eviter(&mut self, sc: &Scenario, facts: &Facts, acts: &Activities) {
        let w = sc.reglages.poids.eviter;
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (a, s) in sc.salaries.iter().enumerate() {
            for other in &s.preferences.eviter {
                if let Some(b) = sc.salaries.iter().position(|x| x.id == *other)
                    && a != b
                {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        if pairs.is_empty() {
            return;
        }
        let mut on: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (id, a) in acts.list.iter().enumerate() {
            if let (Who::Salarie(i), Kind::Production { shift, .. }) = (a.who, a.kind) {
                on.entry((i, shift)).or_default().push(id);
            }
        }
        for (a, b) in pairs {
            for shift in 0..facts.shifts.len() {
                let (Some(xa), Some(xb)) = (on.get(&(a, shift)), on.get(&(b, shift))) else {
                    continue;
                };
                let both =
                    self.sum_acts(acts, xa, |_| 1.0) + self.sum_acts(acts, xb, |_| 1.0) - 1.0;
                self.add_term("eviter", w, both, TermWhat::Eviter { a, b, shift });
            }
        }
    }
}

/// The groups of people (indices as in [`Activities::person`]) that an `interdire` entry keeps
/// apart (`personnes`), each with at least two known people.
pub(crate) fn apart_groups(sc: &Scenario, acts: &Activities) -> Vec<Vec<usize>> {
    let person = |id: &str| {
        sc.salaries.iter().position(|s| s.id == id).or_else(|| {
            sc.encadrants
                .iter()
                .position(|e| e.id == id)
                .map(|e| acts.n_salaries + e)
        })
    };
    sc.interdire
        .iter()
        .filter_map(|e| e.personnes.as_ref())
        .map(|ids| {
            let mut g: Vec<usize> = ids.iter().filter_map(|id| person(id)).collect();
            g.sort_unstable();
            g.dedup();
            g
        })
        .filter(|g| g.len() >= 2)
        .collect()
}

/// True when activity `id` matches `imposer` entry `e` (rule 13): same person, and the
/// entry's chantier (with its vacation, date and start when given) or CIP (date, start).
pub(crate) fn imposer_matches(
    sc: &Scenario,
    facts: &Facts,
    acts: &Activities,
    e: &crate::format::scenario::Imposer,
    id: usize,
) -> bool {
    let a = &acts.list[id];
    let personne = match a.who {
        Who::Salarie(i) => &sc.salaries[i].id,
        Who::Encadrant(x) => &sc.encadrants[x].id,
    };
    if *personne != e.personne
        || e.date.is_some_and(|d| d != facts.days[a.day])
        || e.debut.is_some_and(|h| h.0 != a.start)
    {
        return false;
    }
    match a.kind {
        Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
            let sh = &facts.shifts[shift];
            e.chantier.as_deref() == Some(sc.chantiers[sh.chantier].id.as_str())
                && e.vacation.is_none_or(|v| v == sh.vacation)
        }
        Kind::Rdv { cip } => e.cip.as_deref() == Some(sc.cips[cip].id.as_str()),
        Kind::Atelier { atelier } => e.atelier.as_deref() == Some(sc.ateliers[atelier].id.as_str()),
        Kind::Formation { .. } => false,
    }
}
