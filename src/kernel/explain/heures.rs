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
        let least = labour::least_rest(r);
        let mut cands = Vec::new();
        for (k, &d) in days.iter().enumerate() {
            let date = facts.days[d];
            if calendar::is_holiday(sc, date)
                || !s.contrat.covers(date)
                || presence::absent_all_day(&s.absences, date)
                || pmsmp[k] > 0
                || sc.fige(date)
            {
                continue;
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
                    .any(|e| e.forbids(&s.id, Some(&ch.id), date))
                {
                    base |= bit(Obstacle::Interdit);
                }
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
        Semaine {
            days,
            fixed,
            pmsmp,
            cands,
        }
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
            return self.plan_cause(i, &w);
        }
        let alone = self.individual(i, &w, u0);
        let rest = u0 - planned;
        if rest > 0.01 {
            format!(
                "{alone} ; le reste ({} h) : {}",
                fr(round1(rest)),
                self.plan_cause(i, &w)
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
        let (sc, facts) = (self.sc, self.facts);
        let s = &sc.salaries[i];
        let r = &sc.reglages;
        let lost: Vec<&Cand> = w
            .cands
            .iter()
            .filter(|c| c.obstacles & bit(o) != 0)
            .collect();
        let date = |k: usize| date_longue(facts.days[w.days[k]]);
        let chantiers = |v: &[&Cand]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for c in v {
                let n = format!("« {} »", self.nom_chantier(facts.shifts[c.shift].chantier));
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            out
        };
        match o {
            Obstacle::Disponibilite => {
                // Days without any shift inside their availability.
                let vides: Vec<String> = (0..w.days.len())
                    .filter(|&k| {
                        w.cands.iter().any(|c| c.day == k)
                            && w.cands
                                .iter()
                                .filter(|c| c.day == k)
                                .all(|c| c.obstacles & bit(o) != 0)
                    })
                    .map(date)
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
            Obstacle::Absence => {
                let mut jours: Vec<usize> = lost.iter().map(|c| c.day).collect();
                jours.dedup();
                let motif = s
                    .absences
                    .iter()
                    .filter_map(|a| a.motif.clone())
                    .next()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default();
                format!(
                    "absent·e une partie du {}{motif}",
                    liste(&jours.into_iter().map(date).collect::<Vec<_>>(), 3)
                )
            }
            Obstacle::Transport => {
                // The first lost start, by day, with the bus times.
                let Some(c) = lost.iter().min_by_key(|c| (c.day, c.start)) else {
                    return "pas de trajet en bus à temps".to_owned();
                };
                let ch = format!("« {} »", self.nom_chantier(facts.shifts[c.shift].chantier));
                match c.window {
                    None => format!(
                        "aucun trajet en bus ne la ou le mène à {ch} et ne la ou le ramène le {}",
                        date(c.day)
                    ),
                    Some((arr, _)) if c.start < arr => format!(
                        "aucun bus ne la ou le mène à {ch} avant {} pour un début à {} (le {}){}",
                        fmt_hhmm(arr),
                        fmt_hhmm(c.start),
                        date(c.day),
                        autres(lost.len())
                    ),
                    Some((_, dep)) => format!(
                        "le dernier bus de retour de {ch} part à {}, avant la fin à {} (le {}){}",
                        fmt_hhmm(dep),
                        fmt_hhmm(c.end),
                        date(c.day),
                        autres(lost.len())
                    ),
                }
            }
            Obstacle::Competence => {
                let mut manque: Vec<String> = Vec::new();
                for c in &lost {
                    let ch = &sc.chantiers[facts.shifts[c.shift].chantier];
                    for q in &ch.competences_toutes {
                        if !s.competences.contains(q) && !manque.contains(q) {
                            manque.push(q.clone());
                        }
                    }
                }
                format!(
                    "il lui manque {} pour {}",
                    liste(&manque, 3),
                    liste(&chantiers(&lost), 3)
                )
            }
            Obstacle::Restriction => format!(
                "sa restriction médicale l'écarte de {}",
                liste(&chantiers(&lost), 3)
            ),
            Obstacle::Interdit => format!(
                "la coordination l'a écarté·e de {} (interdire)",
                liste(&chantiers(&lost), 3)
            ),
            Obstacle::TempsPartiel => {
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
                    let cuts = labour::interruptions(
                        &day,
                        |x, y| facts.places.travel(x, y),
                        r.pause.minutes,
                    );
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
                            date(k),
                            labour::fmt_duree(cut.minutes),
                            plages.join(", ")
                        ));
                    } else if cuts.len() > n as usize {
                        t.push_str(&format!(
                            " : le {}, une journée plus longue ferait {} ({})",
                            date(k),
                            plural(cuts.len(), "interruption", "interruptions"),
                            plages.join(", ")
                        ));
                    }
                    break;
                }
                t
            }
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

    /// Why the plan gives salarié·e `i` less than their week alone allows: the shifts they can
    /// take are full (structural when the chantiers of their group offer fewer hours than the
    /// group's contracts), or held back by the encadrement.
    fn plan_cause(&self, i: usize, w: &Semaine) -> String {
        let pleines = self.vacations_pleines(i, &w.days);
        let sans_encadrant = self.vacations_sans_encadrant(i, &w.days);
        let structurel = self.groupe(i, &w.days).map(|g| {
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
        });
        match (pleines, structurel) {
            (true, Some(st)) => {
                format!("les vacations qu'elle ou il peut tenir sont complètes, et {st}")
            }
            (true, None) => {
                "les vacations qu'elle ou il peut tenir sont complètes (équipe maximale)".to_owned()
            }
            (false, Some(st)) => st,
            (false, None) if !sans_encadrant.is_empty() => format!(
                "{} qu'elle ou il pourrait tenir {} sans encadrant·e libre",
                liste(&sans_encadrant, 3),
                if sans_encadrant.len() == 1 {
                    "reste"
                } else {
                    "restent"
                }
            ),
            (false, None) => "pas d'autre vacation compatible libre (encadrement, horaires ou autres activités du jour)".to_owned(),
        }
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
