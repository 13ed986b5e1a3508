//! Why a salarié·e is short of contract hours in a week: first what their own week allows (every
//! shift of the week as if nobody else were there, under their presence, transport, skills and
//! the day rules), then what the others and the encadrement leave them.
//!
//! The week alone is a bound: the most hours the person could work, each shift at one of its
//! starts, with their other items of the plan (rdv, ateliers, formations, PMSMP days) where they
//! are. When it is below the target, each obstacle is lifted in turn (presence, transport,
//! skills, restrictions, `interdire`, rules 7, 11 and 12) and the one that gives back the most
//! hours is the binding cause, said with its days and times. When the bound reaches what is
//! planned, the rest is the plan's: the shifts the person can reach are full (the chantiers of
//! the group of salarié·es who reach them offer fewer hours than their contracts: structural),
//! or held back by the encadrement.

use super::super::activities::{Kind, Who};
use super::{Context, liste, plural};
use crate::format::scenario::Mobilite;
use crate::format::time::fmt_hhmm;
use crate::model::calendar::{self, IsoWeek, date_longue};
use crate::model::{labour, presence};
use crate::texte::fmt_num as fr;
use std::collections::BTreeMap;

/// What keeps a salarié·e off a shift, or off a combination of shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Obstacle {
    /// Outside their `disponibilites`.
    Disponibilite,
    /// On a partial absence.
    Absence,
    /// No bus (or walk) there in time, or back home after.
    Transport,
    /// A `competences_toutes` they lack.
    Competence,
    /// An activité of their `restrictions`.
    Restriction,
    /// An `interdire` entry.
    Interdit,
    /// Rule 11: the part-time day's interruptions.
    TempsPartiel,
    /// Rule 12: the daily rest.
    Repos,
    /// Rule 7: hours a day.
    MaxJour,
    /// Rule 7: days a week.
    MaxJours,
}

const ALL: [Obstacle; 10] = [
    Obstacle::Disponibilite,
    Obstacle::Absence,
    Obstacle::Transport,
    Obstacle::Competence,
    Obstacle::Restriction,
    Obstacle::Interdit,
    Obstacle::TempsPartiel,
    Obstacle::Repos,
    Obstacle::MaxJour,
    Obstacle::MaxJours,
];

fn bit(o: Obstacle) -> u16 {
    1 << (o as u16)
}

/// One start of one shift of the week, for one salarié·e, with what keeps them off it.
#[derive(Debug, Clone)]
struct Cand {
    day: usize,
    shift: usize,
    start: u32,
    end: u32,
    place: usize,
    obstacles: u16,
    /// Transport: the earliest arrival and the latest departure at the place (`None`: no way
    /// there or back that day).
    window: Option<(u32, u32)>,
}

/// A fixed item of the day (start, end, place); PMSMP days are whole.
type Item = (u32, u32, usize);

/// The week of one salarié·e as the bound sees it.
struct Semaine {
    /// The week's days (indices in `facts.days`), in order.
    days: Vec<usize>,
    /// Per day of `days`: the person's other items of the plan that day.
    fixed: Vec<Vec<Item>>,
    /// Per day: PMSMP minutes (a whole day, 09:00-17:00 for rule 12).
    pmsmp: Vec<u32>,
    cands: Vec<Cand>,
}

/// The best of a day for rule 12 and rule 7's days: its minutes by (first start, last end).
type DayOptions = BTreeMap<Option<(u32, u32)>, u32>;

/// Enumeration of one day's combinations stops after this many steps (a regie of many
/// chantiers): the bound is then the best found, never above the truth.
const STEPS: usize = 20_000;

impl Context<'_> {
    fn semaine(&self, i: usize, week: IsoWeek) -> Semaine {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let s = &sc.salaries[i];
        let r = &sc.reglages;
        let days: Vec<usize> = (0..facts.days.len())
            .filter(|&d| IsoWeek::of(facts.days[d]) == week)
            .collect();
        let mut fixed = vec![Vec::new(); days.len()];
        for &id in self.mine(Who::Salarie(i)) {
            let a = &acts.list[id];
            if matches!(a.kind, Kind::Production { .. }) {
                continue;
            }
            if let Some(k) = days.iter().position(|&d| d == a.day) {
                fixed[k].push((a.start, a.end, a.place));
            }
        }
        let per_day = s.contrat.heures_hebdo / f64::from(r.jours_semaine.max(1));
        let pmsmp: Vec<u32> = days
            .iter()
            .map(|d| {
                if acts.pmsmp.get(i).is_some_and(|p| p.contains(d)) {
                    (per_day * 60.0).round() as u32
                } else {
                    0
                }
            })
            .collect();
        let mut cands = Vec::new();
        for k in 0..days.len() {
            self.cands_du_jour(i, &days, &pmsmp, k, &mut cands);
        }
        Semaine {
            days,
            fixed,
            pmsmp,
            cands,
        }
    }

    /// Adds to `cands` every start of every shift of the `k`-th day of `days` for salarié·e `i`,
    /// with its obstacles; none on a day they cannot work at all (holiday, outside the contract,
    /// absent all day, PMSMP, frozen).
    fn cands_du_jour(
        &self,
        i: usize,
        days: &[usize],
        pmsmp: &[u32],
        k: usize,
        cands: &mut Vec<Cand>,
    ) {
        let (sc, facts) = (self.sc, self.facts);
        let s = &sc.salaries[i];
        let r = &sc.reglages;
        let least = labour::least_rest(r);
        let d = days[k];
        let date = facts.days[d];
        if calendar::is_holiday(sc, date)
            || !s.contrat.covers(date)
            || presence::absent_all_day(&s.absences, date)
            || pmsmp[k] > 0
            || sc.fige(date)
        {
            return;
        }
        let jour = calendar::jour(date);
        let near_pmsmp = |x: Option<usize>| {
            x.and_then(|x| days.iter().position(|&y| y == x))
                .is_some_and(|x| pmsmp[x] > 0)
        };
        let (pmsmp_before, pmsmp_after) = (
            near_pmsmp(d.checked_sub(1)) && k > 0,
            near_pmsmp(Some(d + 1)) && k + 1 < days.len(),
        );
        for (sid, sh) in facts.shifts.iter().enumerate() {
            if sh.date != date {
                continue;
            }
            let base = self.obstacles_du_poste(i, sid);
            let window = match s.mobilite {
                Mobilite::Autonome => Some((0, labour::DAY)),
                _ => facts.commute[i]
                    .as_ref()
                    .and_then(|t| t.window(jour, sh.lieu)),
            };
            for &start in &sh.debuts {
                let end = start + sh.duree;
                let mut o = base;
                if window.is_none_or(|(arr, dep)| start < arr || end > dep) {
                    o |= bit(Obstacle::Transport);
                }
                let dispo = s.disponibilites.as_ref();
                if !presence::is_present(r, dispo, &[], date, start, end) {
                    o |= bit(Obstacle::Disponibilite);
                }
                if !presence::is_present(r, None, &s.absences, date, start, end) {
                    o |= bit(Obstacle::Absence);
                }
                if let Some(l) = least
                    && ((pmsmp_before && !labour::rest_ok(labour::PMSMP_FIN, start, l))
                        || (pmsmp_after && !labour::rest_ok(end, labour::PMSMP_DEBUT, l)))
                {
                    o |= bit(Obstacle::Repos);
                }
                cands.push(Cand {
                    day: k,
                    shift: sid,
                    start,
                    end,
                    place: sh.lieu,
                    obstacles: o,
                    window,
                });
            }
        }
    }

    /// The obstacles that keep salarié·e `i` off shift `sid` whatever its start: a medical
    /// restriction, a missing skill, a ban from the chantier that day.
    fn obstacles_du_poste(&self, i: usize, sid: usize) -> u16 {
        let sc = self.sc;
        let s = &sc.salaries[i];
        let sh = &self.facts.shifts[sid];
        let ch = &sc.chantiers[sh.chantier];
        let mut base = 0;
        if s.restrictions.contains(&ch.activite) {
            base |= bit(Obstacle::Restriction);
        }
        if !ch
            .competences_toutes
            .iter()
            .all(|c| s.competences.contains(c))
        {
            base |= bit(Obstacle::Competence);
        }
        if sc
            .interdire
            .iter()
            .any(|e| e.forbids(&s.id, Some(&ch.id), sh.date))
        {
            base |= bit(Obstacle::Interdit);
        }
        base
    }

    /// True when the day `items` (sorted by start) keeps rules 1, 7 (pause blocks; hours a day
    /// unless lifted) and 11 (unless lifted) for salarié·e `i`.
    fn day_ok(&self, i: usize, items: &[Item], lifted: u16) -> bool {
        let (sc, facts) = (self.sc, self.facts);
        let r = &sc.reglages;
        for (n, a) in items.iter().enumerate() {
            for b in &items[n + 1..] {
                let ab = a.1 + facts.places.travel(a.2, b.2) <= b.0;
                let ba = b.1 + facts.places.travel(b.2, a.2) <= a.0;
                if !(ab || ba) {
                    return false;
                }
            }
        }
        let minutes: u32 = items.iter().map(|x| x.1 - x.0).sum();
        if lifted & bit(Obstacle::MaxJour) == 0
            && f64::from(minutes) > r.max_heures_jour * 60.0 + 1e-9
        {
            return false;
        }
        if let Some(first) = items.first() {
            let mut block_start = first.0;
            let mut block_len = 1;
            for w in items.windows(2) {
                if w[1].0 < w[0].1 + r.pause.minutes {
                    block_len += 1;
                    if w[1].1 - block_start > r.pause.apres_minutes {
                        return false;
                    }
                } else {
                    block_start = w[1].0;
                    block_len = 1;
                }
            }
            let _ = block_len;
        }
        if lifted & bit(Obstacle::TempsPartiel) == 0
            && labour::is_part_time(r, sc.salaries[i].contrat.heures_hebdo)
            && let Some(pt) = labour::PartTime::of(r)
            && !pt.day_ok(items, |x, y| facts.places.travel(x, y))
        {
            return false;
        }
        true
    }

    /// Every way of filling day `k` with the candidates not kept off by an obstacle outside
    /// `lifted`, by (first start, last end), with the best minutes of each; and the best set.
    fn day_options(&self, i: usize, w: &Semaine, k: usize, lifted: u16) -> (DayOptions, Vec<Item>) {
        let mut opts = DayOptions::new();
        if w.pmsmp[k] > 0 {
            opts.insert(Some((labour::PMSMP_DEBUT, labour::PMSMP_FIN)), w.pmsmp[k]);
            return (opts, Vec::new());
        }
        let mut cands: Vec<Item> = w
            .cands
            .iter()
            .filter(|c| c.day == k && c.obstacles & !lifted == 0)
            .map(|c| (c.start, c.end, c.place))
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let mut fixed = w.fixed[k].clone();
        fixed.sort_unstable();
        let mut best: (u32, Vec<Item>) = (0, Vec::new());
        let mut steps = 0;
        let mut chosen: Vec<Item> = Vec::new();
        self.fill(
            i,
            &cands,
            0,
            &fixed,
            &mut chosen,
            lifted,
            &mut steps,
            &mut opts,
            &mut best,
        );
        (opts, best.1)
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(
        &self,
        i: usize,
        cands: &[Item],
        from: usize,
        fixed: &[Item],
        chosen: &mut Vec<Item>,
        lifted: u16,
        steps: &mut usize,
        opts: &mut DayOptions,
        best: &mut (u32, Vec<Item>),
    ) {
        *steps += 1;
        let mut day: Vec<Item> = fixed.iter().chain(chosen.iter()).copied().collect();
        day.sort_unstable();
        if !self.day_ok(i, &day, lifted) {
            return;
        }
        let minutes: u32 = day.iter().map(|x| x.1 - x.0).sum();
        let key = match (day.first(), day.iter().map(|x| x.1).max()) {
            (Some(f), Some(l)) => Some((f.0, l)),
            _ => None,
        };
        let e = opts.entry(key).or_insert(0);
        *e = (*e).max(minutes);
        if minutes > best.0 {
            *best = (minutes, chosen.clone());
        }
        for n in from..cands.len() {
            if *steps >= STEPS {
                return;
            }
            let c = cands[n];
            if chosen.last().is_some_and(|l| c.0 < l.1) {
                continue;
            }
            chosen.push(c);
            self.fill(i, cands, n + 1, fixed, chosen, lifted, steps, opts, best);
            chosen.pop();
        }
    }

    /// The most minutes salarié·e `i` could work in week `w` alone, the obstacles in `lifted`
    /// set aside (rule 12 between consecutive days, rule 7's days a week).
    fn alone(&self, i: usize, w: &Semaine, lifted: u16) -> u32 {
        let r = &self.sc.reglages;
        let least = labour::least_rest(r).filter(|_| lifted & bit(Obstacle::Repos) == 0);
        let max_days = if lifted & bit(Obstacle::MaxJours) == 0 {
            r.max_jours_semaine as usize
        } else {
            w.days.len()
        };
        // State: (last end of the previous day when it was worked, days worked) → minutes.
        let mut states: BTreeMap<(Option<u32>, usize), u32> = BTreeMap::new();
        states.insert((None, 0), 0);
        for k in 0..w.days.len() {
            let (opts, _) = self.day_options(i, w, k, lifted);
            let consecutive = k > 0 && w.days[k - 1] + 1 == w.days[k];
            let mut next: BTreeMap<(Option<u32>, usize), u32> = BTreeMap::new();
            for (&(prev_end, worked), &total) in &states {
                let prev_end = prev_end.filter(|_| consecutive);
                for (&key, &m) in &opts {
                    let state = match key {
                        None => (None, worked),
                        Some((first, last)) => {
                            if let (Some(l), Some(pe)) = (least, prev_end)
                                && !labour::rest_ok(pe, first, l)
                            {
                                continue;
                            }
                            if worked + 1 > max_days {
                                continue;
                            }
                            (Some(last), worked + 1)
                        }
                    };
                    let e = next.entry(state).or_insert(0);
                    *e = (*e).max(total + m);
                }
                if opts.is_empty() {
                    let e = next.entry((None, worked)).or_insert(0);
                    *e = (*e).max(total);
                }
            }
            states = next;
        }
        states.values().copied().max().unwrap_or(0)
    }

    /// The cause of an hours shortfall: `planned` of `target` hours for salarié·e `i` in week
    /// `week` (the sentence after « X h planifiées pour Y h visées : »).
    pub(super) fn hours_cause(&self, i: usize, wk: usize, planned: f64, target: f64) -> String {
        let week = self.facts.salarie_weeks[i][wk].week;
        let w = self.semaine(i, week);
        let u0 = f64::from(self.alone(i, &w, 0)) / 60.0;
        let u0 = u0.max(planned);
        if u0 + 0.01 >= target {
            return self.plan_cause(i, &w, target - planned);
        }
        let alone = self.individual(i, &w, u0);
        let rest = u0 - planned;
        if rest > 0.01 {
            format!(
                "{alone} ; les {} h possibles non planifiées : {}",
                fr(round1(rest)),
                self.plan_cause(i, &w, target - planned)
            )
        } else {
            alone
        }
    }

    /// The person's week alone reaches `u0` < `target` hours: the obstacle whose lifting gives
    /// back the most hours, said with its days.
    fn individual(&self, i: usize, w: &Semaine, u0: f64) -> String {
        let present: u16 = w.cands.iter().fold(0, |m, c| m | c.obstacles)
            | bit(Obstacle::TempsPartiel)
            | bit(Obstacle::Repos)
            | bit(Obstacle::MaxJour)
            | bit(Obstacle::MaxJours);
        let mut gains: Vec<(Obstacle, f64)> = ALL
            .iter()
            .filter(|&&o| present & bit(o) != 0)
            .map(|&o| (o, f64::from(self.alone(i, w, bit(o))) / 60.0 - u0))
            .filter(|(_, g)| *g > 0.01)
            .collect();
        gains.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let debut = format!("au plus {} h possibles", fr(round1(u0)));
        match gains.first() {
            None => format!(
                "{debut} : les vacations qu'elle ou il peut rejoindre n'en offrent pas plus dans la semaine (horaires des chantiers, trajets entre eux, ses autres activités)"
            ),
            Some(&(o, _)) => {
                let mut s = format!("{debut} : {}", self.obstacle(i, w, o));
                if let Some(&(o2, _)) = gains.get(1) {
                    s.push_str(&format!(" ; aussi {}", self.obstacle(i, w, o2)));
                }
                s
            }
        }
    }

    /// An obstacle in words, with the days and times that show it.
    fn obstacle(&self, i: usize, w: &Semaine, o: Obstacle) -> String {
        let r = &self.sc.reglages;
        let lost: Vec<&Cand> = w
            .cands
            .iter()
            .filter(|c| c.obstacles & bit(o) != 0)
            .collect();
        match o {
            Obstacle::Disponibilite => self.obstacle_disponibilite(i, w),
            Obstacle::Absence => self.obstacle_absence(i, w, &lost),
            Obstacle::Transport => self.obstacle_transport(w, &lost),
            Obstacle::Competence => self.obstacle_competence(i, &lost),
            Obstacle::Restriction => format!(
                "sa restriction médicale l'écarte de {}",
                liste(&self.chantiers_de(&lost), 3)
            ),
            Obstacle::Interdit => format!(
                "la coordination l'a écarté·e de {} (interdire)",
                liste(&self.chantiers_de(&lost), 3)
            ),
            Obstacle::TempsPartiel => self.obstacle_temps_partiel(i, w),
            Obstacle::Repos => format!(
                "le repos quotidien d'au moins {} h entre deux journées",
                fr(r.repos_quotidien_heures.unwrap_or(0.0))
            ),
            Obstacle::MaxJour => format!("au plus {} h de travail par jour", fr(r.max_heures_jour)),
            Obstacle::MaxJours => format!(
                "au plus {} jours travaillés par semaine",
                r.max_jours_semaine
            ),
        }
    }

    /// The `k`-th day of the week in words (`mardi 1er décembre`).
    fn jour_long(&self, w: &Semaine, k: usize) -> String {
        date_longue(self.facts.days[w.days[k]])
    }

    /// The chantiers of the lost starts, `« name »`, once each in their first order.
    fn chantiers_de(&self, v: &[&Cand]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in v {
            let n = format!(
                "« {} »",
                self.nom_chantier(self.facts.shifts[c.shift].chantier)
            );
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// [`Obstacle::Disponibilite`] in words: the availability, and the days without any shift
    /// inside it.
    fn obstacle_disponibilite(&self, i: usize, w: &Semaine) -> String {
        let o = Obstacle::Disponibilite;
        // Days without any shift inside their availability.
        let vides: Vec<String> = (0..w.days.len())
            .filter(|&k| {
                w.cands.iter().any(|c| c.day == k)
                    && w.cands
                        .iter()
                        .filter(|c| c.day == k)
                        .all(|c| c.obstacles & bit(o) != 0)
            })
            .map(|k| self.jour_long(w, k))
            .collect();
        let mut t = format!(
            "ses disponibilités ({}) ne laissent pas plus de vacations",
            self.disponibilites(i, w)
        );
        if !vides.is_empty() {
            t.push_str(&format!(", aucune le {}", liste(&vides, 3)));
        }
        t
    }

    /// [`Obstacle::Absence`] in words: the days of the part-day absences, with a motif unless
    /// pseudonymised.
    fn obstacle_absence(&self, i: usize, w: &Semaine, lost: &[&Cand]) -> String {
        let facts = self.facts;
        let s = &self.sc.salaries[i];
        let mut jours: Vec<usize> = lost.iter().map(|c| c.day).collect();
        jours.dedup();
        // The motif of an absence on one of those days; never in a pseudonymised
        // document (docs/rapports.md).
        let motif = s
            .absences
            .iter()
            .filter(|a| jours.iter().any(|&k| a.on(facts.days[w.days[k]]).is_some()))
            .find_map(|a| a.motif.clone())
            .filter(|_| !self.noms.pseudonymised())
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let jours: Vec<String> = jours.into_iter().map(|k| self.jour_long(w, k)).collect();
        format!("absent·e une partie du {}{motif}", liste(&jours, 3))
    }

    /// [`Obstacle::Transport`] in words: the first lost start, by day, with the bus times.
    fn obstacle_transport(&self, w: &Semaine, lost: &[&Cand]) -> String {
        let Some(c) = lost.iter().min_by_key(|c| (c.day, c.start)) else {
            return "pas de trajet en bus à temps".to_owned();
        };
        let ch = format!(
            "« {} »",
            self.nom_chantier(self.facts.shifts[c.shift].chantier)
        );
        match c.window {
            None => format!(
                "aucun trajet en bus ne la ou le mène à {ch} et ne la ou le ramène le {}",
                self.jour_long(w, c.day)
            ),
            Some((arr, _)) if c.start < arr => format!(
                "aucun bus ne la ou le mène à {ch} avant {} pour un début à {} (le {}){}",
                fmt_hhmm(arr),
                fmt_hhmm(c.start),
                self.jour_long(w, c.day),
                autres(lost.len())
            ),
            Some((_, dep)) => format!(
                "le dernier bus de retour de {ch} part à {}, avant la fin à {} (le {}){}",
                fmt_hhmm(dep),
                fmt_hhmm(c.end),
                self.jour_long(w, c.day),
                autres(lost.len())
            ),
        }
    }

    /// [`Obstacle::Competence`] in words: the skills missing, and for which chantiers.
    fn obstacle_competence(&self, i: usize, lost: &[&Cand]) -> String {
        let sc = self.sc;
        let s = &sc.salaries[i];
        let mut manque: Vec<String> = Vec::new();
        for c in lost {
            let ch = &sc.chantiers[self.facts.shifts[c.shift].chantier];
            for q in &ch.competences_toutes {
                if !s.competences.contains(q) && !manque.contains(q) {
                    manque.push(q.clone());
                }
            }
        }
        format!(
            "il lui manque {} pour {}",
            liste(&manque, 3),
            liste(&self.chantiers_de(lost), 3)
        )
    }

    /// [`Obstacle::TempsPartiel`] in words: the part-time limits, and the first day where
    /// lifting them gives more, with the interruption it would need.
    fn obstacle_temps_partiel(&self, i: usize, w: &Semaine) -> String {
        let (r, facts) = (&self.sc.reglages, self.facts);
        let o = Obstacle::TempsPartiel;
        let n = r.temps_partiel.interruptions_max.unwrap_or(0);
        let mut t = format!(
            "à temps partiel, au plus {} par jour d'au plus {}",
            plural(n as usize, "interruption", "interruptions"),
            labour::fmt_duree(r.temps_partiel.interruption_max_minutes)
        );
        // A day where lifting rule 11 gives more, with the interruption it would need.
        for k in 0..w.days.len() {
            let (_, with) = self.day_options(i, w, k, 0);
            let (_, without) = self.day_options(i, w, k, bit(o));
            let sum = |v: &[Item]| v.iter().map(|x| x.1 - x.0).sum::<u32>();
            if sum(&without) <= sum(&with) {
                continue;
            }
            let mut day: Vec<Item> = w.fixed[k].iter().chain(&without).copied().collect();
            day.sort_unstable();
            let cuts =
                labour::interruptions(&day, |x, y| facts.places.travel(x, y), r.pause.minutes);
            let plages: Vec<String> = cuts
                .iter()
                .map(|c| format!("{}-{}", fmt_hhmm(c.from), fmt_hhmm(c.to)))
                .collect();
            if let Some(cut) = cuts
                .iter()
                .find(|c| c.minutes > r.temps_partiel.interruption_max_minutes)
            {
                t.push_str(&format!(
                    " : le {}, une journée plus longue ferait une interruption de {} ({})",
                    self.jour_long(w, k),
                    labour::fmt_duree(cut.minutes),
                    plages.join(", ")
                ));
            } else if cuts.len() > n as usize {
                t.push_str(&format!(
                    " : le {}, une journée plus longue ferait {} ({})",
                    self.jour_long(w, k),
                    plural(cuts.len(), "interruption", "interruptions"),
                    plages.join(", ")
                ));
            }
            break;
        }
        t
    }

    /// The availability of salarié·e `i` on the week's days: `lun., mar. 06:00-14:00 ; jeu.
    /// 08:00-12:00` (days with the same hours together; days without any left out).
    fn disponibilites(&self, i: usize, w: &Semaine) -> String {
        use chrono::Datelike;
        let (sc, facts) = (self.sc, self.facts);
        let s = &sc.salaries[i];
        let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
        for &d in &w.days {
            let date = facts.days[d];
            let plages = presence::intervals(&sc.reglages, s.disponibilites.as_ref(), date);
            if plages.is_empty() {
                continue;
            }
            let h = plages
                .iter()
                .map(|&(a, b)| format!("{}-{}", fmt_hhmm(a), fmt_hhmm(b)))
                .collect::<Vec<_>>()
                .join(", ");
            let j = JOURS[date.weekday().num_days_from_monday() as usize];
            match groups.iter_mut().find(|g| g.1 == h) {
                Some(g) => g.0.push(j),
                None => groups.push((vec![j], h)),
            }
        }
        if groups.is_empty() {
            return "aucune ces jours-là".to_owned();
        }
        groups
            .iter()
            .map(|(j, h)| format!("{} {h}", j.join(", ")))
            .collect::<Vec<_>>()
            .join(" ; ")
    }

    /// What holds salarié·e `i` off one start of a shift they could take and are not on, in the
    /// plan as it is: the shift (full, or its crew fills the ratio of its encadrant·es), or
    /// their own day (an item in the way, the day's rules, the rest, the days a week).
    fn verdict(&self, i: usize, id: usize, days: &[usize], manque: f64) -> Verdict {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let a = &acts.list[id];
        let Kind::Production { shift, .. } = a.kind else {
            return Verdict::Libre;
        };
        let sh = &facts.shifts[shift];
        if self.plan.crew[shift] >= sh.max as usize {
            return Verdict::Complete;
        }
        if sh.ratio > 0
            && self.plan.crew[shift] >= self.plan.encadrants_on[shift].len() * sh.ratio as usize
            && self
                .encadrement_binding(shift, self.encadrant_candidates(shift), "")
                .is_some()
        {
            return Verdict::Encadrement;
        }
        let mine = self.mine(Who::Salarie(i));
        let of_day = |d: usize| -> Vec<usize> {
            let mut v: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|&x| acts.list[x].day == d)
                .collect();
            v.sort_by_key(|&x| (acts.list[x].start, acts.list[x].end, x));
            v
        };
        let today = of_day(a.day);
        if let Some(&x) = today
            .iter()
            .find(|&&x| !super::super::activities::compatible(facts, &acts.list[x], a))
        {
            return Verdict::Occupe(x);
        }
        let mut day = today.clone();
        day.push(id);
        day.sort_by_key(|&x| (acts.list[x].start, acts.list[x].end, x));
        let rules = super::super::day::DayRules::new(sc, facts, acts);
        if !rules.prefix_ok(i, &day) || !rules.ends_ok(i, &day) {
            return Verdict::Journee;
        }
        if let Some(least) = labour::least_rest(&sc.reglages) {
            let first = day.first().map(|&x| acts.list[x].start);
            let last = day.iter().map(|&x| acts.list[x].end).max();
            let before = a
                .day
                .checked_sub(1)
                .filter(|&p| facts.days[p].succ_opt() == Some(facts.days[a.day]))
                .and_then(|p| of_day(p).iter().map(|&x| acts.list[x].end).max());
            let after = Some(a.day + 1)
                .filter(|&n| {
                    facts
                        .days
                        .get(n)
                        .is_some_and(|x| facts.days[a.day].succ_opt() == Some(*x))
                })
                .and_then(|n| of_day(n).first().map(|&x| acts.list[x].start));
            let bad_before =
                matches!((before, first), (Some(e), Some(f)) if !labour::rest_ok(e, f, least));
            let bad_after =
                matches!((last, after), (Some(e), Some(f)) if !labour::rest_ok(e, f, least));
            if bad_before || bad_after {
                return Verdict::Repos;
            }
        }
        if today.is_empty() {
            let worked = days.iter().filter(|&&d| !of_day(d).is_empty()).count()
                + days
                    .iter()
                    .filter(|&&d| acts.pmsmp.get(i).is_some_and(|p| p.contains(&d)))
                    .count();
            if worked >= sc.reglages.max_jours_semaine as usize {
                return Verdict::Jours;
            }
        }
        if f64::from(a.minutes()) / 60.0 > manque + 0.01 {
            return Verdict::AuDela;
        }
        Verdict::Libre
    }

    /// Why the plan gives salarié·e `i` less than their week alone allows: for each shift they
    /// could take and are not on, what holds them off ([`Self::verdict`]; the shift's best
    /// start), said by kind; full shifts add the structural capacity of their group when short.
    fn plan_cause(&self, i: usize, w: &Semaine, manque: f64) -> String {
        let (facts, acts) = (self.facts, self.acts);
        let verdicts = self.verdicts(i, w, manque);
        let structurel = self.structurel(i, &w.days);
        let count = |k: Verdict| verdicts.values().filter(|v| v.0 == k).count();
        let total = verdicts.len();
        let complete = count(Verdict::Complete);
        let sans_encadrant = self.vacations_sans_encadrant(i, &w.days);
        if total > 0 && complete == total {
            return match structurel {
                Some(st) => {
                    format!("les vacations qu'elle ou il peut tenir sont complètes, et {st}")
                }
                None => "les vacations qu'elle ou il peut tenir sont complètes (équipe maximale)"
                    .to_owned(),
            };
        }
        if total > 0
            && complete + count(Verdict::Encadrement) == total
            && !sans_encadrant.is_empty()
        {
            return format!(
                "{} qu'elle ou il pourrait tenir {} sans encadrant·e libre{}",
                liste(&sans_encadrant, 3),
                if sans_encadrant.len() == 1 {
                    "reste"
                } else {
                    "restent"
                },
                if complete > 0 {
                    ", les autres sont complètes"
                } else {
                    ""
                }
            );
        }
        if total == 0 {
            return structurel.unwrap_or_else(|| {
                "pas d'autre vacation compatible libre (encadrement, horaires ou autres activités du jour)".to_owned()
            });
        }
        // Mixed: a shift with room first, then a count per kind. A shift that falls while the
        // person already works elsewhere would give no more hours: not counted.
        let mut parts = Vec::new();
        let quand = |id: usize| {
            let a = &acts.list[id];
            format!(
                "le {} à {}",
                date_longue(facts.days[a.day]),
                fmt_hhmm(a.start)
            )
        };
        let first = |k: Verdict| verdicts.values().find(|v| v.0 == k).map(|v| v.1);
        if let Some(id) = first(Verdict::Libre)
            && let Kind::Production { shift, .. } = acts.list[id].kind
        {
            parts.push(format!(
                "« {} » {} avait encore une place{}, que le plan ne lui donne pas",
                self.nom_chantier(facts.shifts[shift].chantier),
                quand(id),
                autres_pareil(count(Verdict::Libre))
            ));
        }
        let counts = self.comptes(&verdicts, manque, &sans_encadrant);
        if !counts.is_empty() {
            parts.push(format!(
                "vacations qu'elle ou il pourrait encore tenir : {}",
                counts.join(", ")
            ));
        }
        if parts.is_empty() {
            parts.push(
                "les vacations qu'elle ou il peut encore tenir tombent quand elle ou il travaille déjà"
                    .to_owned(),
            );
        }
        let mut s = parts.join(" ; ");
        if let Some(st) = structurel {
            s.push_str(&format!(" ; {st}"));
        }
        s
    }

    /// Per shift salarié·e `i` could take and is not on (at a start the plan runs, or any when
    /// it does not run): its best verdict (the lowest in `Verdict`'s order: Libre first) and the
    /// activity that has it.
    fn verdicts(&self, i: usize, w: &Semaine, manque: f64) -> BTreeMap<usize, (Verdict, usize)> {
        let acts = self.acts;
        let mut on = vec![false; self.facts.shifts.len()];
        for &id in self.mine(Who::Salarie(i)) {
            if let Kind::Production { shift, .. } = acts.list[id].kind {
                on[shift] = true;
            }
        }
        let mut verdicts: BTreeMap<usize, (Verdict, usize)> = BTreeMap::new();
        for &d in &w.days {
            for &id in &acts.by_pd[i][d] {
                let Kind::Production { shift, .. } = acts.list[id].kind else {
                    continue;
                };
                if on[shift] || self.plan.running[shift].is_some_and(|s| s != acts.list[id].start) {
                    continue;
                }
                let v = self.verdict(i, id, &w.days, manque);
                let e = verdicts.entry(shift).or_insert((v, id));
                if v.rank() < e.0.rank() {
                    *e = (v, id);
                }
            }
        }
        verdicts
    }

    /// The structural shortfall of salarié·e `i`'s group on `days` ([`Self::groupe`]) in words,
    /// when there is one.
    fn structurel(&self, i: usize, days: &[usize]) -> Option<String> {
        self.groupe(i, days).map(|g| {
            if g.personnes == self.sc.salaries.len() {
                format!(
                    "les chantiers de la semaine n'offrent que {} h à équipe maximale pour {} h de contrats des {} salarié·es",
                    fr(g.offert.round()),
                    fr(g.a_couvrir.round()),
                    g.personnes
                )
            } else {
                format!(
                    "les chantiers que {} peut rejoindre ({}) n'offrent que {} h à équipe maximale pour {} h de contrats des {} salarié·es qui peuvent les rejoindre",
                    self.noms.of(&self.sc.salaries[i].id),
                    liste(&g.chantiers, 4),
                    fr(g.offert.round()),
                    fr(g.a_couvrir.round()),
                    g.personnes
                )
            }
        })
    }

    /// The shifts still open to the person, counted by what holds them off (longer than the
    /// hours missing, full, the day's rules, the daily rest, the days a week, no encadrant·e,
    /// another activity), each count in words.
    fn comptes(
        &self,
        verdicts: &BTreeMap<usize, (Verdict, usize)>,
        manque: f64,
        sans_encadrant: &[String],
    ) -> Vec<String> {
        let count = |k: Verdict| verdicts.values().filter(|v| v.0 == k).count();
        let complete = count(Verdict::Complete);
        let mut counts: Vec<String> = Vec::new();
        let n = count(Verdict::AuDela);
        if n > 0 {
            counts.push(format!(
                "{n} plus longue{} que les {} h qui manquent (au-delà du contrat)",
                if n > 1 { "s" } else { "" },
                fr(round1(manque))
            ));
        }
        if complete > 0 {
            counts.push(format!(
                "{complete} complète{}",
                if complete > 1 { "s" } else { "" }
            ));
        }
        let n = count(Verdict::Journee);
        if n > 0 {
            counts.push(format!(
                "{n} hors des règles de sa journée (temps partiel, heures par jour, pauses, bus du retour)"
            ));
        }
        let n = count(Verdict::Repos);
        if n > 0 {
            counts.push(format!("{n} sans son repos quotidien"));
        }
        let n = count(Verdict::Jours);
        if n > 0 {
            counts.push(format!(
                "{n} au-delà de {} jours travaillés",
                self.sc.reglages.max_jours_semaine
            ));
        }
        if !sans_encadrant.is_empty() {
            counts.push(format!(
                "{} sans encadrant·e libre ({})",
                count(Verdict::Encadrement),
                liste(sans_encadrant, 3)
            ));
        }
        let mut pendant: Vec<String> = Vec::new();
        let mut n_pendant = 0;
        for (v, _) in verdicts.values() {
            if let Verdict::Occupe(x) = v
                && !matches!(self.acts.list[*x].kind, Kind::Production { .. })
            {
                n_pendant += 1;
                let o = self.occupation(*x);
                if !pendant.contains(&o) {
                    pendant.push(o);
                }
            }
        }
        if n_pendant > 0 {
            counts.push(format!(
                "{n_pendant} quand elle ou il est {}",
                liste(&pendant, 2)
            ));
        }
        counts
    }

    /// The group of salarié·e `i` on `days`: the salarié·es and shifts linked by « can take »
    /// (each person with every shift they have an activity on, each shift with every person),
    /// when its shifts at their maximum crews offer fewer hours than the group's contract time
    /// left once their other items are counted.
    fn groupe(&self, i: usize, days: &[usize]) -> Option<Groupe> {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let n = sc.salaries.len();
        let shifts_of = |p: usize| -> Vec<usize> {
            let mut v: Vec<usize> = days
                .iter()
                .flat_map(|&d| acts.by_pd[p][d].iter())
                .filter_map(|&id| match acts.list[id].kind {
                    Kind::Production { shift, .. } => Some(shift),
                    _ => None,
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut people = vec![false; n];
        let mut shifts = vec![false; facts.shifts.len()];
        let mut todo = vec![i];
        people[i] = true;
        while let Some(p) = todo.pop() {
            for sh in shifts_of(p) {
                if shifts[sh] {
                    continue;
                }
                shifts[sh] = true;
                for &q in &self.plan.could[sh].0 {
                    if q < n && !people[q] {
                        people[q] = true;
                        todo.push(q);
                    }
                }
            }
        }
        let week = IsoWeek::of(facts.days[*days.first()?]);
        let offert: f64 = (0..facts.shifts.len())
            .filter(|&s| shifts[s])
            .map(|s| f64::from(facts.shifts[s].max) * f64::from(facts.shifts[s].duree) / 60.0)
            .sum();
        let a_couvrir: f64 = (0..n)
            .filter(|&p| people[p])
            .map(|p| self.left_to_cover(p, week))
            .sum();
        if offert + 1e-9 >= a_couvrir {
            return None;
        }
        let mut chantiers: Vec<String> = Vec::new();
        for s in (0..facts.shifts.len()).filter(|&s| shifts[s]) {
            let nom = format!("« {} »", self.nom_chantier(facts.shifts[s].chantier));
            if !chantiers.contains(&nom) {
                chantiers.push(nom);
            }
        }
        Some(Groupe {
            personnes: people.iter().filter(|p| **p).count(),
            chantiers,
            offert,
            a_couvrir,
        })
    }
}

/// What holds a salarié·e off a shift they could take, in the plan as it is.
#[derive(Debug, Clone, Copy)]
enum Verdict {
    /// Nothing: the shift had room.
    Libre,
    /// The shift is longer than the hours missing: it would take them beyond their contract
    /// (heures complémentaires or supplémentaires, a cost of their own).
    AuDela,
    /// The person's item (an activity id) is in the way.
    Occupe(usize),
    /// The day's rules (7, 11, 3's way home).
    Journee,
    /// Rule 12 with the day before or after.
    Repos,
    /// Rule 7's days a week.
    Jours,
    /// The crew fills the ratio and the other encadrant·es are held elsewhere.
    Encadrement,
    /// At its maximum crew.
    Complete,
}

impl Verdict {
    fn rank(self) -> u8 {
        match self {
            Verdict::Libre => 0,
            Verdict::AuDela => 1,
            Verdict::Occupe(_) => 2,
            Verdict::Journee => 3,
            Verdict::Repos => 4,
            Verdict::Jours => 5,
            Verdict::Encadrement => 6,
            Verdict::Complete => 7,
        }
    }
}

impl PartialEq for Verdict {
    /// Same kind (an `Occupe` whatever the item).
    fn eq(&self, other: &Verdict) -> bool {
        self.rank() == other.rank()
    }
}

/// `, et N autres de même` when more shifts are held off the same way.
fn autres_pareil(n: usize) -> String {
    if n > 1 {
        format!(", et {} de même", plural(n - 1, "autre", "autres"))
    } else {
        String::new()
    }
}

/// Weekday abbreviations, from Monday.
const JOURS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

/// A group of salarié·es and the chantiers they can reach, short of hours.
struct Groupe {
    personnes: usize,
    chantiers: Vec<String>,
    offert: f64,
    a_couvrir: f64,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// ` ; de même pour N autres horaires` when more starts are lost the same way.
fn autres(n: usize) -> String {
    if n > 1 {
        format!(
            ", et {} de même",
            plural(n - 1, "autre horaire", "autres horaires")
        )
    } else {
        String::new()
    }
}
