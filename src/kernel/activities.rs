//! Pre-processing: every item a person could be given, per person and day, before any variable
//! exists. What can never happen is left out here, so the model stays small:
//! days outside the contract, holidays, whole-day absences and PMSMP days (rule 2, rule 1);
//! items outside availability or overlapping an absence (rule 2); places a salarié·e cannot reach
//! or leave for home that weekday (rule 3); activités in their restrictions and chantiers whose
//! `competences_toutes` they lack (rule 6); activités an encadrant·e may not supervise (rule 5);
//! CIP slots outside the CIP's agenda (rule 2); months whose rdv target is already met (rule 9);
//! ateliers whose theme they do not need (rule 10); anything colliding with a fixed enrolment;
//! items too close to a PMSMP day (09:00-17:00) for the daily rest (rule 12).

use crate::format::plan::{Affectation, TypeAffectation};
use crate::format::scenario::{Cip, Mobilite, Scenario};
use crate::format::time::Heure;
use crate::model::{Facts, calendar, labour, presence};
use chrono::NaiveDate;

/// Who does an activity: salarié·e `i` is person `i`, encadrant·e `e` is person `S + e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Who {
    /// Salarié·e by index in `salaries`.
    Salarie(usize),
    /// Encadrant·e by index in `encadrants`.
    Encadrant(usize),
}

/// What an activity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Salarié·e on shift `shift` started at `debuts[k]`.
    Production {
        /// The shift, by index in `Facts::shifts`.
        shift: usize,
        /// The start, by index in the shift's `debuts`.
        k: usize,
    },
    /// Encadrant·e on shift `shift` started at `debuts[k]`.
    Encadrement {
        /// The shift, by index in `Facts::shifts`.
        shift: usize,
        /// The start, by index in the shift's `debuts`.
        k: usize,
    },
    /// An individual rdv with CIP `cip`.
    Rdv {
        /// The CIP, by index in `cips`.
        cip: usize,
    },
    /// Attending an atelier (fixed for its inscrits).
    Atelier {
        /// The atelier, by index in `ateliers`.
        atelier: usize,
    },
    /// A formation séance of an enrolled salarié·e (always fixed).
    Formation {
        /// The formation, by index in `formations`.
        formation: usize,
        /// The séance, by index in the formation's `seances`.
        seance: usize,
    },
}

/// One item a person could be given: who, what, when and where.
#[derive(Debug, Clone)]
pub struct Act {
    /// The person.
    pub who: Who,
    /// What it is.
    pub kind: Kind,
    /// Index of the date in `facts.days`.
    pub day: usize,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End, minutes since midnight.
    pub end: u32,
    /// The place, by index in `Facts::places`.
    pub place: usize,
    /// A fixed enrolment (formation séance, atelier inscrit): always in the plan.
    pub fixed: bool,
}

impl Act {
    /// Its length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end - self.start
    }
}

/// Every activity of the period, with indexes by person and day.
#[derive(Debug, Clone)]
pub struct Activities {
    /// The activities, by id.
    pub list: Vec<Act>,
    /// `by_pd[p][d]`: ids in `list` of person `p`'s activities on day `d`, sorted by (start, end, id).
    pub(crate) by_pd: Vec<Vec<Vec<usize>>>,
    /// `pmsmp[i]`: the PMSMP days (indices in `facts.days`) of salarié·e `i`.
    pub pmsmp: Vec<Vec<usize>>,
    pub(crate) n_salaries: usize,
    /// Fixed items left out of the plan (docs/regles.md, « Conflits »), each with its cause in French:
    /// those that the other fixed items and the person's own constraints make impossible.
    pub(crate) left_out: Vec<(crate::check::Fixe, String)>,
}

/// True when `a` then `b` (or `b` then `a`) fit in one day of one person: no overlap, and the
/// travel time between their places fits in the gap (rule 1).
pub(crate) fn compatible(facts: &Facts, a: &Act, b: &Act) -> bool {
    let ab = a.end + facts.places.travel(a.place, b.place) <= b.start;
    let ba = b.end + facts.places.travel(b.place, a.place) <= a.start;
    ab || ba
}

/// The PMSMP days of a salarié·e (docs/regles.md): period days inside `du..au` that are
/// working days, not holidays, inside the contract and not whole-day absences.
pub(crate) fn pmsmp_days(sc: &Scenario, facts: &Facts, i: usize) -> Vec<usize> {
    let s = &sc.salaries[i];
    let mut days: Vec<usize> = facts
        .days
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            s.pmsmp.iter().any(|p| p.du <= **d && **d <= p.au)
                && calendar::is_working_day(sc, **d)
                && s.contrat.covers(**d)
                && !presence::absent_all_day(&s.absences, **d)
        })
        .map(|(k, _)| k)
        .collect();
    days.dedup();
    days
}

impl Activities {
    /// Activities the plan may choose or not (the week's size for the search's thresholds).
    pub fn free(&self) -> usize {
        self.list.iter().filter(|a| !a.fixed).count()
    }

    /// The person index of `who`: salarié·es first, then encadrant·es.
    pub fn person(&self, who: Who) -> usize {
        match who {
            Who::Salarie(i) => i,
            Who::Encadrant(e) => self.n_salaries + e,
        }
    }

    /// Every activity of the scenario's period, pre-processed (see the module docs).
    pub fn new(sc: &Scenario, facts: &Facts) -> Activities {
        let n_s = sc.salaries.len();
        let n_p = n_s + sc.encadrants.len();
        let n_d = facts.days.len();
        let mut acts = Activities {
            list: Vec::new(),
            by_pd: vec![vec![Vec::new(); n_d]; n_p],
            pmsmp: (0..n_s).map(|i| pmsmp_days(sc, facts, i)).collect(),
            n_salaries: n_s,
            left_out: Vec::new(),
        };
        acts.add_frozen(sc, facts);
        acts.add_fixed(sc, facts);
        acts.select_fixed(sc, facts);
        // A frozen day of a re-planning holds its published items and nothing else.
        let open: Vec<usize> = (0..n_d).filter(|&d| !sc.fige(facts.days[d])).collect();
        for i in 0..n_s {
            for &d in &open {
                acts.add_salarie_day(sc, facts, i, d);
            }
        }
        for e in 0..sc.encadrants.len() {
            for &d in &open {
                acts.add_encadrant_day(sc, facts, e, d);
            }
        }
        for pd in acts.by_pd.iter_mut().flatten() {
            pd.sort_by_key(|&id| (acts.list[id].start, acts.list[id].end, id));
        }
        acts
    }

    /// The sub-problem of a neighbourhood: the activities for which `free(id)` holds stay as they
    /// are; outside it, the `chosen` ones become fixed items (constants of the model) and the
    /// others are dropped. Returns it with the original id of each of its activities.
    pub fn restrict(
        &self,
        free: impl Fn(usize) -> bool,
        chosen: &[bool],
    ) -> (Activities, Vec<usize>) {
        let mut new_id = vec![usize::MAX; self.list.len()];
        let mut orig = Vec::new();
        let mut list = Vec::new();
        for (id, a) in self.list.iter().enumerate() {
            let keep = free(id);
            if keep || chosen[id] {
                new_id[id] = list.len();
                orig.push(id);
                let mut a = a.clone();
                a.fixed |= !keep;
                list.push(a);
            }
        }
        // Ids keep their relative order, so each day's list stays sorted by (start, end, id).
        let by_pd = self
            .by_pd
            .iter()
            .map(|days| {
                days.iter()
                    .map(|ids| {
                        ids.iter()
                            .map(|&id| new_id[id])
                            .filter(|&id| id != usize::MAX)
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let sub = Activities {
            list,
            by_pd,
            pmsmp: self.pmsmp.clone(),
            n_salaries: self.n_salaries,
            left_out: self.left_out.clone(),
        };
        (sub, orig)
    }

    fn push(&mut self, act: Act) {
        let p = self.person(act.who);
        let d = act.day;
        self.list.push(act);
        let id = self.list.len() - 1;
        self.by_pd[p][d].push(id);
    }

    /// Re-planning: the published plan's timed items on the frozen days, as fixed items (an item
    /// that the scenario no longer knows is not kept; the checker then names it).
    fn add_frozen(&mut self, sc: &Scenario, facts: &Facts) {
        use crate::format::plan::TypeAffectation as T;
        let Some(r) = &sc.replanification else {
            return;
        };
        for it in r.publie.iter().filter(|it| sc.fige(it.date)) {
            let (Some(day), Some(debut), Some(fin)) = (
                facts.days.iter().position(|d| *d == it.date),
                it.debut,
                it.fin,
            ) else {
                continue;
            };
            let (start, end) = (debut.0, fin.0);
            let who = if it.type_ == T::Encadrement {
                sc.encadrants
                    .iter()
                    .position(|e| e.id == it.personne)
                    .map(Who::Encadrant)
            } else {
                sc.salaries
                    .iter()
                    .position(|s| s.id == it.personne)
                    .map(Who::Salarie)
            };
            let Some(who) = who else { continue };
            let pos = |ids: &[String], id: &Option<String>| {
                id.as_ref().and_then(|x| ids.iter().position(|y| y == x))
            };
            let kind_place: Option<(Kind, usize)> = match it.type_ {
                T::Production | T::Encadrement => {
                    let c = sc
                        .chantiers
                        .iter()
                        .position(|c| Some(&c.id) == it.chantier.as_ref());
                    facts
                        .shifts
                        .iter()
                        .enumerate()
                        .find(|(_, sh)| {
                            Some(sh.chantier) == c
                                && sh.date == it.date
                                && sh.debuts.contains(&start)
                                && start + sh.duree == end
                        })
                        .and_then(|(shift, sh)| {
                            let k = sh.debuts.iter().position(|&x| x == start)?;
                            let kind = if it.type_ == T::Production {
                                Kind::Production { shift, k }
                            } else {
                                Kind::Encadrement { shift, k }
                            };
                            Some((kind, sh.lieu))
                        })
                }
                T::RdvCip => {
                    let ids: Vec<String> = sc.cips.iter().map(|c| c.id.clone()).collect();
                    pos(&ids, &it.cip).and_then(|cip| {
                        Some((Kind::Rdv { cip }, facts.places.idx(&sc.cips[cip].lieu)?))
                    })
                }
                T::Atelier => {
                    let ids: Vec<String> = sc.ateliers.iter().map(|a| a.id.clone()).collect();
                    pos(&ids, &it.atelier).and_then(|atelier| {
                        Some((
                            Kind::Atelier { atelier },
                            facts.places.idx(&sc.ateliers[atelier].lieu)?,
                        ))
                    })
                }
                T::Formation => {
                    let ids: Vec<String> = sc.formations.iter().map(|f| f.id.clone()).collect();
                    pos(&ids, &it.formation).and_then(|formation| {
                        let f = &sc.formations[formation];
                        let seance = f
                            .seances
                            .iter()
                            .position(|x| x.date == it.date && x.de.0 == start && x.a.0 == end)?;
                        Some((
                            Kind::Formation { formation, seance },
                            facts.places.idx(&f.lieu)?,
                        ))
                    })
                }
                T::Pmsmp => None,
            };
            let Some((kind, place)) = kind_place else {
                continue;
            };
            self.push(Act {
                who,
                kind,
                day,
                start,
                end,
                place,
                fixed: true,
            });
        }
    }

    /// Fixed enrolments inside the period: formation séances and atelier inscrits (on a frozen
    /// day, the published plan's items stand instead).
    fn add_fixed(&mut self, sc: &Scenario, facts: &Facts) {
        let sal_index = |id: &str| sc.salaries.iter().position(|s| s.id == id);
        for (f, form) in sc.formations.iter().enumerate() {
            let Some(place) = facts.places.idx(&form.lieu) else {
                continue;
            };
            for (k, seance) in form.seances.iter().enumerate() {
                let Some(day) = facts.days.iter().position(|d| *d == seance.date) else {
                    continue;
                };
                if sc.fige(seance.date) {
                    continue;
                }
                for who in form.inscrits.iter().filter_map(|id| sal_index(id)) {
                    self.push(Act {
                        who: Who::Salarie(who),
                        kind: Kind::Formation {
                            formation: f,
                            seance: k,
                        },
                        day,
                        start: seance.de.0,
                        end: seance.a.0,
                        place,
                        fixed: true,
                    });
                }
            }
        }
        for (a, at) in sc.ateliers.iter().enumerate() {
            let Some(place) = facts.places.idx(&at.lieu) else {
                continue;
            };
            let Some(day) = facts.days.iter().position(|d| *d == at.date) else {
                continue;
            };
            if sc.fige(at.date) {
                continue;
            }
            // Inscrits, then the people an `imposer` entry sends there (rule 13), each once.
            let mut people: Vec<usize> =
                at.inscrits.iter().filter_map(|id| sal_index(id)).collect();
            for e in &sc.imposer {
                if e.atelier.as_deref() == Some(at.id.as_str())
                    && let Some(i) = sal_index(&e.personne)
                    && !people.contains(&i)
                {
                    people.push(i);
                }
            }
            for who in people {
                self.push(Act {
                    who: Who::Salarie(who),
                    kind: Kind::Atelier { atelier: a },
                    day,
                    start: at.de.0,
                    end: at.a.0,
                    place,
                    fixed: true,
                });
            }
        }
    }

    /// The fixed items that can be kept, in order of date, start, end and person: each one is
    /// kept when the independent checker finds nothing wrong with it and the ones kept before
    /// (with the PMSMP days), and it is not forbidden by `interdire`; the others are left out
    /// (`left_out`, with the checker's finding as the cause).
    fn select_fixed(&mut self, sc: &Scenario, facts: &Facts) {
        let mut order: Vec<usize> = (0..self.list.len()).collect();
        order.sort_by_key(|&id| {
            let a = &self.list[id];
            (a.day, a.start, a.end, self.person(a.who), id)
        });
        // Each person's items kept so far (PMSMP days, frozen days, fixed items) and what they
        // already break (a frozen day of a re-planning may, in the new scenario): only what an
        // item adds to it leaves that item out. A fixed item only meets rules of its person
        // (the rules between people, places and the formation ceiling, are validation errors).
        type Kept = (
            Vec<crate::format::plan::Affectation>,
            Option<Vec<crate::check::Violation>>,
        );
        let mut kept: std::collections::BTreeMap<String, Kept> = Default::default();
        for it in pmsmp_items(sc, facts, self) {
            kept.entry(it.personne.clone()).or_default().0.push(it);
        }
        let mut keep = vec![false; self.list.len()];
        for id in order {
            let it = affectation(sc, facts, self, id);
            let (items, before) = kept.entry(it.personne.clone()).or_default();
            // The frozen days of a re-planning are kept as they are (and come first).
            if sc.fige(it.date) {
                items.push(it);
                keep[id] = true;
                continue;
            }
            let fixe = crate::check::fixe_of(
                &it.personne,
                it.atelier.as_deref(),
                it.formation.as_deref(),
                it.date,
                self.list[id].start,
            );
            if let Some(k) = sc
                .interdire
                .iter()
                .position(|e| e.forbids(&it.personne, None, it.date))
            {
                self.left_out.push((
                    fixe,
                    format!("la personne est interdite ce jour-là (interdire[{k}])"),
                ));
                continue;
            }
            let base = before.get_or_insert_with(|| crate::check::all_rules(sc, facts, items));
            items.push(it);
            let now = crate::check::all_rules(sc, facts, items);
            if let Some(v) = now.iter().find(|v| !base.contains(v)) {
                let cause = format!(
                    "ne peut pas être tenu avec les autres éléments fixes : {}",
                    v.line()
                );
                items.pop();
                self.left_out.push((fixe, cause));
            } else {
                keep[id] = true;
                *before = Some(now);
            }
        }
        if keep.iter().all(|k| *k) {
            return;
        }
        let list = std::mem::take(&mut self.list);
        for pd in self.by_pd.iter_mut().flatten() {
            pd.clear();
        }
        for (id, a) in list.into_iter().enumerate() {
            if keep[id] {
                self.push(a);
            }
        }
    }

    /// True when an `interdire` entry forbids this activity (rule 13).
    fn forbidden(&self, sc: &Scenario, facts: &Facts, act: &Act) -> bool {
        if sc.interdire.is_empty() {
            return false;
        }
        let personne = match act.who {
            Who::Salarie(i) => &sc.salaries[i].id,
            Who::Encadrant(e) => &sc.encadrants[e].id,
        };
        let chantier = match act.kind {
            Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
                Some(sc.chantiers[facts.shifts[shift].chantier].id.as_str())
            }
            _ => None,
        };
        let date = facts.days[act.day];
        sc.interdire
            .iter()
            .any(|e| e.forbids(personne, chantier, date))
    }

    /// Keeps a candidate only if it fits with every fixed item of the person that day and no
    /// `interdire` entry forbids it.
    fn push_candidate(&mut self, sc: &Scenario, facts: &Facts, act: Act) {
        if self.forbidden(sc, facts, &act) {
            return;
        }
        let p = self.person(act.who);
        let clash = self.by_pd[p][act.day]
            .iter()
            .any(|&id| self.list[id].fixed && !compatible(facts, &self.list[id], &act));
        if !clash {
            self.push(act);
        }
    }

    fn add_salarie_day(&mut self, sc: &Scenario, facts: &Facts, i: usize, d: usize) {
        let s = &sc.salaries[i];
        let date = facts.days[d];
        if calendar::is_holiday(sc, date)
            || !s.contrat.covers(date)
            || presence::absent_all_day(&s.absences, date)
            || self.pmsmp[i].contains(&d)
        {
            return;
        }
        // Rule 12 beside a PMSMP day (09:00-17:00): the rest before and after it.
        let next_to = |k: Option<usize>| {
            k.is_some_and(|k| {
                self.pmsmp[i].contains(&k)
                    && facts
                        .days
                        .get(k)
                        .is_some_and(|x| x.succ_opt() == Some(date) || date.succ_opt() == Some(*x))
            })
        };
        let day = SalarieDay {
            i,
            d,
            date,
            pmsmp_before: next_to(d.checked_sub(1)),
            pmsmp_after: next_to(Some(d + 1)),
        };
        self.add_salarie_production(sc, facts, &day);
        self.add_salarie_rdv(sc, facts, &day);
        self.add_salarie_ateliers(sc, facts, &day);
    }

    /// Production: the shifts of the day the salarié·e may work on, at each start they are
    /// present for.
    fn add_salarie_production(&mut self, sc: &Scenario, facts: &Facts, day: &SalarieDay) {
        let (i, date) = (day.i, day.date);
        let s = &sc.salaries[i];
        for (sid, shift) in facts.shifts.iter().enumerate() {
            if shift.date != date {
                continue;
            }
            let ch = &sc.chantiers[shift.chantier];
            if s.restrictions.contains(&ch.activite)
                || !ch
                    .competences_toutes
                    .iter()
                    .all(|c| s.competences.contains(c))
                || !day.reachable(sc, facts, shift.lieu)
            {
                continue;
            }
            for (k, &start) in shift.debuts.iter().enumerate() {
                let end = start + shift.duree;
                if day.present(sc, start, end) {
                    self.push_candidate(
                        sc,
                        facts,
                        day.act(Kind::Production { shift: sid, k }, start, end, shift.lieu),
                    );
                }
            }
        }
    }

    /// CIP rdv: only in a month whose target is not met by the history.
    fn add_salarie_rdv(&mut self, sc: &Scenario, facts: &Facts, day: &SalarieDay) {
        let (i, d) = (day.i, day.d);
        let s = &sc.salaries[i];
        let month = calendar::Month::of(day.date);
        let open = facts.months[i]
            .iter()
            .any(|m| m.month == month && m.target > m.history);
        if !open {
            return;
        }
        for (c, cip) in sc.cips.iter().enumerate() {
            if s.cip.as_ref().is_some_and(|id| *id != cip.id) {
                continue;
            }
            let Some(place) = facts.places.idx(&cip.lieu) else {
                continue;
            };
            if !day.reachable(sc, facts, place) {
                continue;
            }
            let mut slots = cip_slots(sc, facts, c, d);
            slots.extend(imposed_rdv_slots(sc, facts, i, c, d));
            slots.sort_unstable();
            slots.dedup();
            for (start, end) in slots {
                if day.present(sc, start, end) {
                    self.push_candidate(
                        sc,
                        facts,
                        day.act(Kind::Rdv { cip: c }, start, end, place),
                    );
                }
            }
        }
    }

    /// Ateliers the person needs and is not already enrolled in.
    fn add_salarie_ateliers(&mut self, sc: &Scenario, facts: &Facts, day: &SalarieDay) {
        let s = &sc.salaries[day.i];
        for (a, at) in sc.ateliers.iter().enumerate() {
            let imposed = sc
                .imposer
                .iter()
                .any(|e| e.personne == s.id && e.atelier.as_deref() == Some(at.id.as_str()));
            if at.date != day.date
                || !s.besoins.contains(&at.theme)
                || at.inscrits.contains(&s.id)
                || imposed
            {
                continue;
            }
            let Some(place) = facts.places.idx(&at.lieu) else {
                continue;
            };
            if day.reachable(sc, facts, place) && day.present(sc, at.de.0, at.a.0) {
                self.push_candidate(
                    sc,
                    facts,
                    day.act(Kind::Atelier { atelier: a }, at.de.0, at.a.0, place),
                );
            }
        }
    }

    fn add_encadrant_day(&mut self, sc: &Scenario, facts: &Facts, e: usize, d: usize) {
        let enc = &sc.encadrants[e];
        let date = facts.days[d];
        if calendar::is_holiday(sc, date) || presence::absent_all_day(&enc.absences, date) {
            return;
        }
        for (sid, shift) in facts.shifts.iter().enumerate() {
            if shift.date != date || shift.ratio == 0 {
                continue;
            }
            if !enc.can_supervise(&sc.chantiers[shift.chantier].activite) {
                continue;
            }
            for (k, &start) in shift.debuts.iter().enumerate() {
                let end = start + shift.duree;
                if presence::is_present(
                    &sc.reglages,
                    enc.disponibilites.as_ref(),
                    &enc.absences,
                    date,
                    start,
                    end,
                ) {
                    self.push_candidate(
                        sc,
                        facts,
                        Act {
                            who: Who::Encadrant(e),
                            kind: Kind::Encadrement { shift: sid, k },
                            day: d,
                            start,
                            end,
                            place: shift.lieu,
                            fixed: false,
                        },
                    );
                }
            }
        }
    }
}

/// The rdv times that an `imposer` entry gives salarié·e `i` with CIP `c` on day `d` (rule 13),
/// when the CIP is there and free then (the person's side is checked like any slot).
fn imposed_rdv_slots(
    sc: &Scenario,
    facts: &Facts,
    i: usize,
    c: usize,
    d: usize,
) -> Vec<(u32, u32)> {
    let (cip, date) = (&sc.cips[c], facts.days[d]);
    let len = facts.rdv_minutes.max(1);
    sc.imposer
        .iter()
        .filter(|e| {
            e.personne == sc.salaries[i].id
                && e.cip.as_deref() == Some(cip.id.as_str())
                && e.date.is_none_or(|x| x == date)
        })
        .filter_map(|e| e.debut)
        .map(|h| (h.0, h.0 + len))
        .filter(|&(t, end)| {
            !calendar::is_holiday(sc, date)
                && cip_present(sc, cip, date, t, end)
                && sc.ateliers.iter().all(|a| {
                    a.date != date
                        || a.anime_par.as_deref() != Some(cip.id.as_str())
                        || end <= a.de.0
                        || a.a.0 <= t
                })
        })
        .collect()
}

/// CIP `cip` available and not absent on `date` from `t` to `end` (rule 2).
fn cip_present(sc: &Scenario, cip: &Cip, date: NaiveDate, t: u32, end: u32) -> bool {
    presence::is_present(
        &sc.reglages,
        cip.disponibilites.as_ref(),
        &cip.absences,
        date,
        t,
        end,
    )
}

/// The rdv slots of CIP `c` on day `d`: every `rdv_minutes` from the start of each availability
/// interval, inside the interval, outside the CIP's absences and the ateliers it leads (rule 2).
/// (Slots are aligned on the interval starts, a choice of the kernel that keeps the model small;
/// the checker accepts any time.)
pub(crate) fn cip_slots(sc: &Scenario, facts: &Facts, c: usize, d: usize) -> Vec<(u32, u32)> {
    let cip = &sc.cips[c];
    let date = facts.days[d];
    if calendar::is_holiday(sc, date) {
        return Vec::new();
    }
    let len = facts.rdv_minutes.max(1);
    let led: Vec<(u32, u32)> = sc
        .ateliers
        .iter()
        .filter(|a| a.date == date && a.anime_par.as_deref() == Some(cip.id.as_str()))
        .map(|a| (a.de.0, a.a.0))
        .collect();
    let mut slots = Vec::new();
    for (lo, hi) in presence::intervals(&sc.reglages, cip.disponibilites.as_ref(), date) {
        let mut t = lo;
        while t + len <= hi {
            let end = t + len;
            let free = led.iter().all(|&(a, b)| end <= a || b <= t);
            if free && cip_present(sc, cip, date, t, end) {
                slots.push((t, end));
            }
            t += len;
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// A working day of salarié·e `i` (period day `d`), as the pre-processing of their
/// activities sees it.
struct SalarieDay {
    i: usize,
    d: usize,
    date: chrono::NaiveDate,
    /// The day before / after is a PMSMP day (rule 12 with its 09:00-17:00).
    pmsmp_before: bool,
    pmsmp_after: bool,
}

impl SalarieDay {
    /// A free activity of this day.
    fn act(&self, kind: Kind, start: u32, end: u32, place: usize) -> Act {
        Act {
            who: Who::Salarie(self.i),
            kind,
            day: self.d,
            start,
            end,
            place,
            fixed: false,
        }
    }

    /// Rule 3: a place with no way there or no way home that weekday gets nothing.
    fn reachable(&self, sc: &Scenario, facts: &Facts, place: usize) -> bool {
        match (&facts.commute[self.i], sc.salaries[self.i].mobilite) {
            (_, Mobilite::Autonome) => true,
            (Some(table), _) => table.window(calendar::jour(self.date), place).is_some(),
            (None, _) => false,
        }
    }

    /// Present from `start` to `end` (rule 2), and rested beside a PMSMP day (rule 12).
    fn present(&self, sc: &Scenario, start: u32, end: u32) -> bool {
        let r = &sc.reglages;
        let s = &sc.salaries[self.i];
        let rested = labour::least_rest(r).is_none_or(|l| {
            (!self.pmsmp_before || labour::rest_ok(labour::PMSMP_FIN, start, l))
                && (!self.pmsmp_after || labour::rest_ok(end, labour::PMSMP_DEBUT, l))
        });
        presence::is_present(
            r,
            s.disponibilites.as_ref(),
            &s.absences,
            self.date,
            start,
            end,
        ) && rested
    }
}

/// The items of an activity, as the plan file writes them.
pub fn affectation(sc: &Scenario, facts: &Facts, acts: &Activities, id: usize) -> Affectation {
    let a = &acts.list[id];
    let personne = match a.who {
        Who::Salarie(i) => sc.salaries[i].id.clone(),
        Who::Encadrant(e) => sc.encadrants[e].id.clone(),
    };
    let mut item = Affectation {
        personne,
        type_: TypeAffectation::Production,
        chantier: None,
        cip: None,
        atelier: None,
        formation: None,
        date: facts.days[a.day],
        debut: Some(Heure(a.start)),
        fin: Some(Heure(a.end)),
        lieu: facts.places.ids.get(a.place).cloned(),
        heures: None,
    };
    match a.kind {
        Kind::Production { shift, .. } => {
            item.chantier = Some(sc.chantiers[facts.shifts[shift].chantier].id.clone());
        }
        Kind::Encadrement { shift, .. } => {
            item.type_ = TypeAffectation::Encadrement;
            item.chantier = Some(sc.chantiers[facts.shifts[shift].chantier].id.clone());
        }
        Kind::Rdv { cip } => {
            item.type_ = TypeAffectation::RdvCip;
            item.cip = Some(sc.cips[cip].id.clone());
        }
        Kind::Atelier { atelier } => {
            item.type_ = TypeAffectation::Atelier;
            item.atelier = Some(sc.ateliers[atelier].id.clone());
        }
        Kind::Formation { formation, .. } => {
            item.type_ = TypeAffectation::Formation;
            item.formation = Some(sc.formations[formation].id.clone());
        }
    }
    item
}

/// PMSMP day items: one per PMSMP day, `heures = heures_hebdo / jours_semaine`.
pub(crate) fn pmsmp_items(sc: &Scenario, facts: &Facts, acts: &Activities) -> Vec<Affectation> {
    let mut items = Vec::new();
    for (i, days) in acts.pmsmp.iter().enumerate() {
        let s = &sc.salaries[i];
        // Not rounded: exactly heures_hebdo / jours_semaine, as the spec and any checker compute it.
        let h = s.contrat.heures_hebdo / f64::from(sc.reglages.jours_semaine.max(1));
        for &d in days {
            items.push(Affectation {
                personne: s.id.clone(),
                type_: TypeAffectation::Pmsmp,
                chantier: None,
                cip: None,
                atelier: None,
                formation: None,
                date: facts.days[d],
                debut: None,
                fin: None,
                lieu: None,
                heures: Some(h),
            });
        }
    }
    items
}
