//! Why a requirement is not met: each shortfall (`ecarts`) gets a reason in French that names the
//! cause when one can be found, by looking at who could have done it and what stopped them.

use super::activities::{Activities, Kind, Who, cip_slots};
use super::build::TermWhat;
use crate::format::plan::round6;
use crate::format::plan::{Ecart, TypeEcart};
use crate::format::scenario::{Mobilite, Scenario};
use crate::format::time::{Heure, fmt_hhmm};
use crate::model::calendar::mois_long;
use crate::model::noms::Noms;
use crate::model::{Facts, calendar, labour, presence};

/// What the reasons are computed from: the scenario, its activities, the chosen ones (the plan),
/// and how people are named (their `nom`, or a pseudonym in a pseudonymised report).
pub struct Context<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    acts: &'a Activities,
    noms: Noms,
    /// The plan read once, so that each sentence looks up instead of scanning every item (on
    /// 300 salarié·es the scans took 4 s of the planner's summary).
    plan: PlanIndex,
}

/// The chosen items by person and by shift, and who could be on each shift.
struct PlanIndex {
    /// Per person (`Activities::person`): their chosen ids.
    of_person: Vec<Vec<usize>>,
    /// Per shift: its crew (production items).
    crew: Vec<usize>,
    /// Per shift: the encadrant·es on it.
    encadrants_on: Vec<Vec<usize>>,
    /// Per shift: the start it runs at (the first item found).
    running: Vec<Option<u32>>,
    /// Per atelier: its attendance.
    attendance: Vec<usize>,
    /// Per shift: the salarié·es and the encadrant·es who could be on it (an activity exists
    /// for them), sorted.
    could: Vec<(Vec<usize>, Vec<usize>)>,
}

/// Why a salarié·e cannot take a shift (see `Context::exclusion`).
enum Exclusion {
    /// Outside their contract, absent all day or in PMSMP.
    Away,
    /// A medical restriction on the chantier's activity.
    Restricted,
    /// Lacking one of the skills the chantier requires of everyone.
    Skills,
    /// No commute in time, with the earliest arrival when one is known.
    Transport(Option<u32>),
    /// Not available at any of the shift's starts.
    Dispo,
}

impl PlanIndex {
    fn new(facts: &Facts, acts: &Activities, chosen: &[usize], n_ateliers: usize) -> PlanIndex {
        let mut ix = PlanIndex {
            of_person: vec![Vec::new(); acts.by_pd.len()],
            crew: vec![0; facts.shifts.len()],
            encadrants_on: vec![Vec::new(); facts.shifts.len()],
            running: vec![None; facts.shifts.len()],
            attendance: vec![0; n_ateliers],
            could: vec![(Vec::new(), Vec::new()); facts.shifts.len()],
        };
        for a in &acts.list {
            match (a.kind, a.who) {
                (Kind::Production { shift, .. }, Who::Salarie(i)) => ix.could[shift].0.push(i),
                (Kind::Encadrement { shift, .. }, Who::Encadrant(e)) => ix.could[shift].1.push(e),
                _ => {}
            }
        }
        for (salaries, encadrants) in &mut ix.could {
            for v in [salaries, encadrants] {
                v.sort_unstable();
                v.dedup();
            }
        }
        for &id in chosen {
            let a = &acts.list[id];
            if let Some(list) = ix.of_person.get_mut(acts.person(a.who)) {
                list.push(id);
            }
            match (a.kind, a.who) {
                (Kind::Production { shift, k }, _) => {
                    ix.crew[shift] += 1;
                    ix.running[shift].get_or_insert(facts.shifts[shift].debuts[k]);
                }
                (Kind::Encadrement { shift, k }, who) => {
                    if let Who::Encadrant(e) = who {
                        ix.encadrants_on[shift].push(e);
                    }
                    ix.running[shift].get_or_insert(facts.shifts[shift].debuts[k]);
                }
                (Kind::Atelier { atelier }, _) => {
                    if let Some(n) = ix.attendance.get_mut(atelier) {
                        *n += 1;
                    }
                }
                _ => {}
            }
        }
        ix
    }
}

/// An empty shortfall line of a kind, with its reason.
pub fn ecart(type_: TypeEcart, raison: String) -> Ecart {
    Ecart::new(type_, raison)
}

impl Context<'_> {
    /// The `conflit` écart of `imposer[k]`, with the first cause found.
    fn imposer(&self, k: usize) -> Ecart {
        let (sc, facts) = (self.sc, self.facts);
        let e = &sc.imposer[k];
        let fixe = crate::check::Fixe::of_imposer(sc, e);
        let candidates = (0..self.acts.list.len())
            .any(|id| super::build::imposer_matches(sc, facts, self.acts, e, id));
        let raison = if candidates {
            "ne peut pas être tenu avec les règles de la semaine (encadrement, équipe, heures, repos) et les autres éléments imposés".to_owned()
        } else {
            format!(
                "aucune affectation possible : {}",
                imposer_cause(sc, facts, e)
            )
        };
        fixe.ecart(format!("imposer[{k}] laissé de côté : {raison}"))
    }
}

/// Why an `imposer` entry has no possible activity at all (pre-processing removed them all).
pub fn imposer_cause(sc: &Scenario, facts: &Facts, e: &crate::format::scenario::Imposer) -> String {
    let dates: Vec<chrono::NaiveDate> = match e.date {
        Some(d) => vec![d],
        None => facts.days.clone(),
    };
    let salarie = sc.salaries.iter().find(|s| s.id == e.personne);
    let encadrant = sc.encadrants.iter().find(|x| x.id == e.personne);
    let absences = salarie
        .map(|s| &s.absences)
        .or(encadrant.map(|x| &x.absences));
    if dates.iter().all(|d| calendar::is_holiday(sc, *d)) {
        return "jour férié".into();
    }
    if let Some(s) = salarie
        && dates.iter().all(|d| !s.contrat.covers(*d))
    {
        return "hors de son contrat".into();
    }
    if let Some(a) = absences
        && dates.iter().all(|d| presence::absent_all_day(a, *d))
    {
        return "absent·e ce jour-là".into();
    }
    if let Some(k) = sc.interdire.iter().position(|x| {
        dates
            .iter()
            .all(|d| x.forbids(&e.personne, e.chantier.as_deref(), *d))
    }) {
        return format!("interdit par interdire[{k}]");
    }
    if let Some(c) = &e.chantier {
        let runs = facts.shifts.iter().any(|sh| {
            sc.chantiers[sh.chantier].id == *c
                && dates.contains(&sh.date)
                && e.vacation.is_none_or(|v| v == sh.vacation)
        });
        if !runs {
            return format!("le chantier {c} n'a pas de vacation ce jour-là");
        }
        if let Some(s) = salarie {
            let ch = sc.chantiers.iter().find(|x| x.id == *c);
            if ch.is_some_and(|ch| s.restrictions.contains(&ch.activite)) {
                return "activité dans ses restrictions".into();
            }
            if ch.is_some_and(|ch| {
                !ch.competences_toutes
                    .iter()
                    .all(|q| s.competences.contains(q))
            }) {
                return "il lui manque une compétence exigée de toute l'équipe".into();
            }
        }
        if let Some(x) = encadrant
            && sc
                .chantiers
                .iter()
                .find(|ch| ch.id == *c)
                .is_some_and(|ch| !x.can_supervise(&ch.activite) || ch.ratio_encadrement == Some(0))
        {
            return "il ou elle ne peut pas encadrer ce chantier".into();
        }
    }
    if let (Some(s), Some(_)) = (salarie, &e.cip) {
        let months_open = dates.iter().any(|d| {
            let m = calendar::Month::of(*d);
            facts.months[sc.salaries.iter().position(|x| x.id == s.id).unwrap_or(0)]
                .iter()
                .any(|r| r.month == m && r.target > r.history)
        });
        if !months_open {
            return "ses rendez-vous du mois sont déjà tous tenus".into();
        }
    }
    if salarie.is_some_and(|s| s.mobilite != Mobilite::Autonome) {
        return "hors de ses disponibilités, sur une absence, ou pas de trajet possible à ces heures".into();
    }
    "hors de ses disponibilités ou sur une absence".into()
}

use crate::texte::fmt_num as fr;

mod heures;

/// `A`, `A et B`, `A, B et C`; beyond `max` names: `A, B, C et 4 autres`.
fn liste(noms: &[String], max: usize) -> String {
    match noms.len() {
        0 => String::new(),
        1 => noms[0].clone(),
        n if n <= max => format!("{} et {}", noms[..n - 1].join(", "), noms[n - 1]),
        n if n == max + 1 => format!("{} et 1 autre", noms[..max].join(", ")),
        n => format!("{} et {} autres", noms[..max].join(", "), n - max),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl<'a> Context<'a> {
    /// The context of a plan (`chosen`: the activities it holds) for explaining its shortfalls.
    pub fn new(
        sc: &'a Scenario,
        facts: &'a Facts,
        acts: &'a Activities,
        chosen: &'a [usize],
    ) -> Self {
        Context {
            sc,
            facts,
            acts,
            noms: Noms::new(sc, false),
            plan: PlanIndex::new(facts, acts, chosen, sc.ateliers.len()),
        }
    }

    /// The same context naming people with `noms` (a report's names or pseudonyms).
    pub fn with_noms(mut self, noms: &Noms) -> Self {
        self.noms = noms.clone();
        self
    }

    /// The chosen items of one person.
    fn mine(&self, who: Who) -> &[usize] {
        self.plan
            .of_person
            .get(self.acts.person(who))
            .map_or(&[], Vec::as_slice)
    }

    fn nom_chantier(&self, c: usize) -> String {
        let ch = &self.sc.chantiers[c];
        ch.nom.clone().unwrap_or_else(|| ch.id.clone())
    }

    /// What the chosen activity `id` is, for a sentence: `sur « Halls A »`, `en rendez-vous CIP`.
    fn occupation(&self, id: usize) -> String {
        match self.acts.list[id].kind {
            Kind::Production { shift, .. } | Kind::Encadrement { shift, .. } => {
                format!(
                    "sur « {} »",
                    self.nom_chantier(self.facts.shifts[shift].chantier)
                )
            }
            Kind::Rdv { .. } => "en rendez-vous CIP".to_owned(),
            Kind::Atelier { atelier } => format!("à l'atelier {}", self.sc.ateliers[atelier].theme),
            Kind::Formation { formation, .. } => {
                let f = &self.sc.formations[formation];
                format!(
                    "en formation {}",
                    f.intitule.clone().unwrap_or_else(|| f.id.clone())
                )
            }
        }
    }

    /// Why encadrant·e `e` is not on shift `sid`: another chosen item overlapping it that day, or
    /// their hours of the week already at their target. `None`: nothing in the plan holds them.
    fn encadrant_pris(&self, e: usize, sid: usize) -> Option<String> {
        let (facts, acts) = (self.facts, self.acts);
        let sh = &facts.shifts[sid];
        let lo = sh.debuts.iter().copied().min().unwrap_or(0);
        let hi = sh.debuts.iter().copied().max().unwrap_or(0) + sh.duree;
        let day = facts.days.iter().position(|&d| d == sh.date)?;
        let mine = self.mine(Who::Encadrant(e));
        let busy = mine.iter().copied().find(|&id| {
            let a = &acts.list[id];
            a.day == day && a.start < hi && lo < a.end
        });
        if let Some(id) = busy {
            return Some(self.occupation(id));
        }
        let week = calendar::IsoWeek::of(sh.date);
        let target = facts
            .encadrant_weeks
            .get(e)?
            .iter()
            .find(|w| w.week == week)?
            .target;
        let planned: u32 = mine
            .iter()
            .map(|&id| &acts.list[id])
            .filter(|a| calendar::IsoWeek::of(facts.days[a.day]) == week)
            .map(|a| a.minutes())
            .sum();
        (f64::from(planned + sh.duree) / 60.0 > target + 1e-9)
            .then(|| "à leur plafond d'heures de la semaine".to_owned())
    }

    /// The shortfall line of a cost term that `count` units of the plan leave unmet, with its
    /// cause; `None` for a term that is not a shortfall.
    pub fn ecart(&self, what: &TermWhat, count: f64) -> Option<Ecart> {
        match what {
            TermWhat::Production { shift } => Some(self.production(*shift, count)),
            TermWhat::RdvRetard { salarie, month } | TermWhat::RdvRestant { salarie, month } => {
                Some(self.rdv(*salarie, *month))
            }
            TermWhat::HeuresSousContrat { salarie, week } => {
                Some(self.hours(*salarie, *week, count, true))
            }
            TermWhat::HeuresComplementaires { salarie, week } => {
                Some(self.hours(*salarie, *week, count, false))
            }
            TermWhat::BesoinAtelier { salarie, theme } => Some(self.atelier(*salarie, theme)),
            TermWhat::Preference { .. } | TermWhat::Eviter { .. } | TermWhat::Changement => None,
            TermWhat::Imposer { k } => Some(self.imposer(*k)),
            TermWhat::LeftOut { n } => self
                .acts
                .left_out
                .get(*n)
                .map(|(f, raison)| f.ecart(raison.clone())),
        }
    }

    /// A chantier's shift short of `missing` (the production term's unmet amount), with its cause.
    pub fn production(&self, sid: usize, missing: f64) -> Ecart {
        let (sc, facts) = (self.sc, self.facts);
        let sh = &facts.shifts[sid];
        let ch = &sc.chantiers[sh.chantier];
        let running_start = self.plan.running[sid];
        let mut e = ecart(TypeEcart::Production, String::new());
        e.chantier = Some(ch.id.clone());
        e.date = Some(sh.date);
        e.debut =
            Some(Heure(running_start.unwrap_or_else(|| {
                sh.debuts.iter().copied().min().unwrap_or(0)
            })));
        e.manque = Some(round6(missing));
        e.heures = Some(round6(missing * f64::from(sh.duree) / 60.0));
        e.raison = self.production_reason(sid);
        e
    }

    fn production_reason(&self, sid: usize) -> String {
        let (sc, facts) = (self.sc, self.facts);
        let sh = &facts.shifts[sid];
        let ch = &sc.chantiers[sh.chantier];
        let candidates: &[usize] = &self.plan.could[sid].0;
        let encadrants = self.shift_encadrants(sid);
        let moment = if sh.debuts.iter().all(|&t| t < 12 * 60) {
            "ce matin-là"
        } else {
            "ce jour-là"
        };
        if sh.ratio > 0 && encadrants.is_empty() {
            return format!(
                "aucun·e encadrant·e pouvant superviser « {} » n'est disponible {moment}",
                ch.activite
            );
        }
        for skill in &ch.competences_une {
            let holder = candidates
                .iter()
                .any(|&i| sc.salaries[i].competences.contains(skill))
                || encadrants
                    .iter()
                    .any(|&e| sc.encadrants[e].competences.contains(skill));
            if !holder {
                return format!("personne avec {skill} disponible {moment}");
            }
        }
        if (candidates.len() as u32) < sh.min {
            return format!(
                "seules {} peuvent tenir cette vacation{}",
                plural(candidates.len(), "personne", "personnes"),
                self.exclusions(sid)
            );
        }
        if let Some(r) = self.commute_reason(sid) {
            return r;
        }
        if sh.ratio > 0
            && let Some(r) = self.encadrement_binding(sid, &encadrants, moment)
        {
            return r;
        }
        self.busy_reason(candidates)
    }

    /// The encadrant·es who have an encadrement activity on shift `sid`, sorted, once each.
    fn shift_encadrants(&self, sid: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (self.acts.list.iter())
            .filter_map(|a| match (a.kind, a.who) {
                (Kind::Encadrement { shift, .. }, Who::Encadrant(e)) if shift == sid => Some(e),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The commute as the cause of a short shift: every candidate could only come after another
    /// item that day (no bus in time), or every one's last bus home leaves before the end.
    fn commute_reason(&self, sid: usize) -> Option<String> {
        let (sc, facts) = (self.sc, self.facts);
        let sh = &facts.shifts[sid];
        let candidates: &[usize] = &self.plan.could[sid].0;
        // Candidates who could only come after another item that day: no bus in time.
        let jour = calendar::jour(sh.date);
        let last_start = sh.debuts.iter().copied().max().unwrap_or(0);
        let first_end = sh.debuts.iter().copied().min().unwrap_or(0) + sh.duree;
        let windows: Vec<Option<(u32, u32)>> = candidates
            .iter()
            .map(|&i| match sc.salaries[i].mobilite {
                Mobilite::Autonome => None,
                _ => facts.commute[i]
                    .as_ref()
                    .and_then(|t| t.window(jour, sh.lieu)),
            })
            .collect();
        if !candidates.is_empty()
            && windows
                .iter()
                .all(|w| w.is_some_and(|(arr, _)| arr > last_start))
        {
            let arr = windows.iter().flatten().map(|w| w.0).min().unwrap_or(0);
            return Some(format!(
                "aucun bus n'arrive avant {} pour un début à {} ({} ne peut venir que d'une autre activité du jour)",
                fmt_hhmm(arr),
                fmt_hhmm(last_start),
                plural(candidates.len(), "personne", "personnes")
            ));
        }
        if !candidates.is_empty()
            && windows
                .iter()
                .all(|w| w.is_some_and(|(_, dep)| dep < first_end))
        {
            let dep = windows.iter().flatten().map(|w| w.1).max().unwrap_or(0);
            return Some(format!(
                "le dernier bus de retour part à {}, avant la fin de la vacation ({})",
                fmt_hhmm(dep),
                fmt_hhmm(first_end)
            ));
        }
        None
    }

    /// The last cause of a short shift: its candidates (named) are all busy elsewhere or at their
    /// ceiling of hours.
    fn busy_reason(&self, candidates: &[usize]) -> String {
        let noms: Vec<String> = candidates
            .iter()
            .map(|&i| self.noms.of(&self.sc.salaries[i].id))
            .collect();
        format!(
            "{} qui pouvai{} tenir cette vacation ({}) {} déjà sur d'autres activités ou à {} plafond d'heures",
            if candidates.len() == 1 {
                "la seule personne"
            } else {
                "les personnes"
            },
            if candidates.len() == 1 { "t" } else { "ent" },
            liste(&noms, 4),
            if candidates.len() == 1 { "est" } else { "sont" },
            if candidates.len() == 1 { "son" } else { "leur" },
        )
    }

    /// The encadrement as the binding cause of a short shift: the crew already fills the ratio of
    /// the encadrant·es on it, and every other encadrant·e who may supervise the activité is held
    /// elsewhere (named, with where they are).
    fn encadrement_binding(
        &self,
        sid: usize,
        encadrants: &[usize],
        moment: &str,
    ) -> Option<String> {
        let (sc, facts) = (self.sc, self.facts);
        let sh = &facts.shifts[sid];
        let ch = &sc.chantiers[sh.chantier];
        let on: &[usize] = &self.plan.encadrants_on[sid];
        let crew = self.plan.crew[sid];
        if crew < on.len() * sh.ratio as usize {
            return None;
        }
        let mut ailleurs: Vec<(String, String)> = Vec::new();
        for &e in encadrants.iter().filter(|e| !on.contains(e)) {
            let pris = self.encadrant_pris(e, sid)?;
            ailleurs.push((self.noms.of(&sc.encadrants[e].id), pris));
        }
        let mut parts = Vec::new();
        if !on.is_empty() {
            let noms: Vec<String> = on
                .iter()
                .map(|&e| self.noms.of(&sc.encadrants[e].id))
                .collect();
            parts.push(format!(
                "encadrement complet : {} y encadre{} déjà {} (1 encadrant·e pour {})",
                liste(&noms, 4),
                if on.len() == 1 { "" } else { "nt" },
                plural(crew, "personne", "personnes"),
                sh.ratio
            ));
        }
        // Group the others by where they are: « A et B sont sur « Halls A » ».
        let mut by_place: Vec<(String, Vec<String>)> = Vec::new();
        for (nom, pris) in ailleurs {
            match by_place.iter_mut().find(|(p, _)| *p == pris) {
                Some((_, v)) => v.push(nom),
                None => by_place.push((pris, vec![nom])),
            }
        }
        let autres: Vec<String> = by_place
            .iter()
            .map(|(pris, noms)| {
                format!(
                    "{} {} {pris}",
                    liste(noms, 4),
                    if noms.len() == 1 { "est" } else { "sont" }
                )
            })
            .collect();
        if on.is_empty() {
            parts.push(format!(
                "{} pouvant encadrer « {} » : {} {moment}",
                if encadrants.len() == 1 {
                    "la seule personne"
                } else {
                    "les encadrant·es"
                },
                ch.activite,
                autres.join(" ; ")
            ));
        } else if !autres.is_empty() {
            parts.push(format!("{} {moment}", autres.join(" ; ")));
        } else {
            parts.push(format!("pas d'autre encadrant·e pour « {} »", ch.activite));
        }
        Some(parts.join(" ; "))
    }

    /// Why salarié·es cannot take shift `sid`: counts by cause.
    fn exclusions(&self, sid: usize) -> String {
        let sh = &self.facts.shifts[sid];
        let ch = &self.sc.chantiers[sh.chantier];
        let (mut away, mut restricted, mut skills, mut transport, mut dispo) = (0, 0, 0, 0, 0);
        let mut earliest_bus: Option<u32> = None;
        for i in 0..self.sc.salaries.len() {
            match self.exclusion(sid, i) {
                Some(Exclusion::Away) => away += 1,
                Some(Exclusion::Restricted) => restricted += 1,
                Some(Exclusion::Skills) => skills += 1,
                Some(Exclusion::Transport(arr)) => {
                    transport += 1;
                    if let Some(arr) = arr {
                        earliest_bus = Some(earliest_bus.map_or(arr, |b: u32| b.min(arr)));
                    }
                }
                Some(Exclusion::Dispo) => dispo += 1,
                None => {}
            }
        }
        let mut parts = Vec::new();
        if away > 0 {
            parts.push(format!(
                "{} hors contrat, absentes ou en PMSMP",
                plural(away, "personne", "personnes")
            ));
        }
        if transport > 0 {
            let mut p = format!(
                "{} sans transport à temps",
                plural(transport, "personne", "personnes")
            );
            if let Some(b) = earliest_bus {
                p.push_str(&format!(
                    " (aucun bus n'arrive avant {} pour un début à {})",
                    fmt_hhmm(b),
                    fmt_hhmm(sh.debuts.iter().copied().max().unwrap_or(0))
                ));
            }
            parts.push(p);
        }
        if dispo > 0 {
            parts.push(format!(
                "{} indisponibles à ces horaires",
                plural(dispo, "personne", "personnes")
            ));
        }
        if restricted > 0 {
            parts.push(format!(
                "{} avec une restriction médicale pour « {} »",
                plural(restricted, "personne", "personnes"),
                ch.activite
            ));
        }
        if skills > 0 {
            parts.push(format!(
                "{} sans {}",
                plural(skills, "personne", "personnes"),
                ch.competences_toutes.join(", ")
            ));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" : {}", parts.join(" ; "))
        }
    }

    /// Why salarié·e `i` cannot take shift `sid`, the first cause found in this order: away,
    /// medical restriction, skills, transport, availability; `None` when they could.
    fn exclusion(&self, sid: usize, i: usize) -> Option<Exclusion> {
        let (sc, facts) = (self.sc, self.facts);
        let sh = &facts.shifts[sid];
        let ch = &sc.chantiers[sh.chantier];
        let s = &sc.salaries[i];
        let d = facts.days.iter().position(|x| *x == sh.date);
        if !s.contrat.covers(sh.date)
            || presence::absent_all_day(&s.absences, sh.date)
            || d.is_some_and(|d| self.acts.pmsmp[i].contains(&d))
        {
            return Some(Exclusion::Away);
        }
        if s.restrictions.contains(&ch.activite) {
            return Some(Exclusion::Restricted);
        }
        if !ch
            .competences_toutes
            .iter()
            .all(|c| s.competences.contains(c))
        {
            return Some(Exclusion::Skills);
        }
        if s.mobilite != Mobilite::Autonome {
            let window = facts.commute[i]
                .as_ref()
                .and_then(|t| t.window(calendar::jour(sh.date), sh.lieu));
            let last_start = sh.debuts.iter().copied().max().unwrap_or(0);
            match window {
                None => return Some(Exclusion::Transport(None)),
                Some((arr, dep))
                    if arr > last_start
                        || dep < sh.debuts.iter().copied().min().unwrap_or(0) + sh.duree =>
                {
                    return Some(Exclusion::Transport(Some(arr)));
                }
                _ => {}
            }
        }
        let ok = sh.debuts.iter().any(|&t| {
            presence::is_present(
                &sc.reglages,
                s.disponibilites.as_ref(),
                &s.absences,
                sh.date,
                t,
                t + sh.duree,
            )
        });
        (!ok).then_some(Exclusion::Dispo)
    }

    /// Salarié·e `i`'s CIP rdv missing in month `mi`, late or still to hold, with the cause.
    pub fn rdv(&self, i: usize, mi: usize) -> Ecart {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let s = &sc.salaries[i];
        let m = &facts.months[i][mi];
        let in_month = |d: usize| calendar::Month::of(facts.days[d]) == m.month;
        let planned = self
            .mine(Who::Salarie(i))
            .iter()
            .filter(|&&id| {
                let a = &acts.list[id];
                matches!(a.kind, Kind::Rdv { .. }) && in_month(a.day)
            })
            .count() as u32;
        let missing = m.target.saturating_sub(m.history + planned);
        let late = m.due.saturating_sub(m.history + planned);
        let candidates = acts.by_pd[i]
            .iter()
            .enumerate()
            .filter(|(d, _)| in_month(*d))
            .flat_map(|(_, ids)| ids.iter())
            .filter(|&&id| matches!(acts.list[id].kind, Kind::Rdv { .. }))
            .count();
        let cip_name = |c: usize| self.noms.of(&sc.cips[c].id);
        let nom = self.noms.of(&s.id);
        let mois = mois_long(m.month);
        let cips: Vec<usize> = (0..sc.cips.len())
            .filter(|&c| s.cip.as_ref().is_none_or(|id| *id == sc.cips[c].id))
            .collect();
        let cip_days = (0..facts.days.len())
            .filter(|&d| {
                in_month(d) && cips.iter().any(|&c| !cip_slots(sc, facts, c, d).is_empty())
            })
            .count();
        let weeks: std::collections::BTreeSet<_> = (0..facts.days.len())
            .filter(|&d| in_month(d))
            .map(|d| calendar::IsoWeek::of(facts.days[d]))
            .collect();
        let who = match s.cip.as_ref() {
            Some(_) => cips
                .first()
                .map(|&c| format!("la CIP {}", cip_name(c)))
                .unwrap_or_else(|| "la CIP".into()),
            None => "aucune CIP".to_owned(),
        };
        let raison = if sc.cips.is_empty() {
            "aucune CIP dans le scénario".to_owned()
        } else if cip_days == 0 {
            format!("{who} n'a aucun créneau libre sur la période en {mois}")
        } else if candidates == 0 {
            format!("aucun créneau de {who} ne tombe quand {nom} est présent·e et peut venir")
        } else if planned as usize + missing as usize
            > weeks.len() * sc.reglages.rdv_cip.max_par_semaine as usize
        {
            format!(
                "au plus {} rendez-vous par semaine : la période n'en permet que {} en {mois}",
                sc.reglages.rdv_cip.max_par_semaine,
                weeks.len() * sc.reglages.rdv_cip.max_par_semaine as usize,
            )
        } else {
            format!("{who} est complète les jours où {nom} travaille")
        };
        let mut e = ecart(TypeEcart::RdvCip, String::new());
        e.personne = Some(s.id.clone());
        e.mois = Some(m.month.label());
        e.manque = Some(f64::from(missing));
        e.raison = if late > 0 {
            format!("{raison} ({late} en retard)")
        } else {
            // Nothing is late: the month goes on after the period (f < 1), so the remaining rdv
            // can still be held in time. Information, not a shortfall (docs/rapports.md).
            format!(
                "pas encore dû : {} à tenir d'ici la fin de {mois}, après la période ; rien n'est en retard",
                plural(missing as usize, "rendez-vous", "rendez-vous")
            )
        };
        e
    }

    /// Salarié·e `i`'s hours under (`under`) or over their contract in week `wk`, with the
    /// binding cause.
    pub fn hours(&self, i: usize, wk: usize, count: f64, under: bool) -> Ecart {
        let (sc, facts) = (self.sc, self.facts);
        let s = &sc.salaries[i];
        let w = &facts.salarie_weeks[i][wk];
        let mut e = ecart(TypeEcart::Heures, String::new());
        e.personne = Some(s.id.clone());
        e.semaine = Some(w.week.label());
        e.heures = Some(round6(if under { count } else { -count }));
        if under {
            e.manque = Some(round6(count));
            e.raison = format!(
                "{} h planifiées pour {} h visées : {}",
                fr(w.target - count),
                fr(w.target),
                self.hours_cause(i, wk, w.target - count, w.target)
            );
        } else {
            let mot = if labour::is_part_time(&sc.reglages, s.contrat.heures_hebdo) {
                "heures complémentaires"
            } else {
                "heures supplémentaires"
            };
            e.raison = format!(
                "{mot} : {} h au-delà des {} h visées",
                fr(count),
                fr(w.target)
            );
        }
        e
    }

    /// The chantiers (« Collecte des encombrants ») of the shifts salarié·e `i` could take on
    /// `days`, is free for, and that are not at their maximum crew, but whose crew already fills
    /// the ratio of the encadrant·es on them (or have none): the encadrement holds them back.
    fn vacations_sans_encadrant(&self, i: usize, days: &[usize]) -> Vec<String> {
        let (facts, acts) = (self.facts, self.acts);
        let crew = &self.plan.crew;
        let mine = self.mine(Who::Salarie(i));
        let mut out: Vec<String> = Vec::new();
        for &d in days {
            for &id in &acts.by_pd[i][d] {
                let a = &acts.list[id];
                let Kind::Production { shift, .. } = a.kind else {
                    continue;
                };
                let sh = &facts.shifts[shift];
                let busy = mine.iter().any(|&c| {
                    let b = &acts.list[c];
                    b.day == d && b.start < a.end && a.start < b.end
                });
                if busy || sh.ratio == 0 || crew[shift] >= sh.max as usize {
                    continue;
                }
                if crew[shift] >= self.plan.encadrants_on[shift].len() * sh.ratio as usize
                    && self
                        .encadrement_binding(shift, self.encadrant_candidates(shift), "")
                        .is_some()
                {
                    let nom = format!("« {} »", self.nom_chantier(sh.chantier));
                    if !out.contains(&nom) {
                        out.push(nom);
                    }
                }
            }
        }
        out
    }

    /// The encadrant·es who could be on shift `sid` (an activity exists for them).
    fn encadrant_candidates(&self, sid: usize) -> &[usize] {
        &self.plan.could[sid].1
    }

    /// The contract hours of salarié·e `i` in week `week` left once their other items (rdv,
    /// ateliers, formations, PMSMP days) are counted.
    fn left_to_cover(&self, i: usize, week: calendar::IsoWeek) -> f64 {
        let (facts, acts) = (self.facts, self.acts);
        let Some(w) = facts.salarie_weeks[i].iter().find(|w| w.week == week) else {
            return 0.0;
        };
        let autres: u32 = self
            .mine(Who::Salarie(i))
            .iter()
            .map(|&id| &acts.list[id])
            .filter(|a| {
                !matches!(a.kind, Kind::Production { .. })
                    && calendar::IsoWeek::of(facts.days[a.day]) == week
            })
            .map(|a| a.minutes())
            .sum();
        let pmsmp = acts.pmsmp.get(i).map_or(0, |d| {
            d.iter()
                .filter(|&&d| calendar::IsoWeek::of(facts.days[d]) == week)
                .count()
        });
        let h_pmsmp = pmsmp as f64 * self.sc.salaries[i].contrat.heures_hebdo
            / f64::from(self.sc.reglages.jours_semaine.max(1));
        (w.target - f64::from(autres) / 60.0 - h_pmsmp).max(0.0)
    }

    /// Salarié·e `i`'s need of an atelier on `theme` left uncovered, with the cause.
    pub fn atelier(&self, i: usize, theme: &str) -> Ecart {
        let (sc, facts, acts) = (self.sc, self.facts, self.acts);
        let s = &sc.salaries[i];
        let offered: Vec<usize> = (0..sc.ateliers.len())
            .filter(|&a| sc.ateliers[a].theme == theme && facts.days.contains(&sc.ateliers[a].date))
            .collect();
        let candidates: Vec<usize> = acts.by_pd[i]
            .iter()
            .flatten()
            .filter_map(|&id| match acts.list[id].kind {
                Kind::Atelier { atelier } if offered.contains(&atelier) => Some(atelier),
                _ => None,
            })
            .collect();
        let full = candidates
            .iter()
            .all(|&a| self.plan.attendance[a] as u32 >= sc.ateliers[a].places);
        let mut e = ecart(TypeEcart::Atelier, String::new());
        e.personne = Some(s.id.clone());
        e.theme = Some(theme.to_owned());
        e.manque = Some(1.0);
        e.raison = if candidates.is_empty() {
            format!(
                "{} est indisponible, absent·e ou occupé·e par une activité fixe pendant l'atelier « {theme} »",
                self.noms.of(&s.id)
            )
        } else if full {
            format!("atelier « {theme} » complet")
        } else {
            format!(
                "l'atelier « {theme} » tombe pendant des vacations que {} tient",
                self.noms.of(&s.id)
            )
        };
        e
    }
}

/// The fixed items that cannot be kept on their own (docs/regles.md, « Conflits »), found before any
/// solve, for `regie valider`: each fixed item that the pre-processing leaves out (with the
/// checker's finding), and each `imposer` entry that no possible activity matches. Each is a
/// warning at the scenario's item path (`formations[0].inscrits[1]`, `imposer[2]`).
pub fn fixed_item_warnings(sc: &Scenario, facts: &Facts) -> Vec<crate::diag::Diagnostic> {
    let acts = Activities::new(sc, facts);
    let warn = |path: String, message: String| crate::diag::Diagnostic {
        severity: crate::diag::Severity::Avertissement,
        code: crate::diag::Code::FixedItemConflict,
        file: String::new(),
        line: None,
        column: None,
        path,
        message,
    };
    let mut out = Vec::new();
    for (fixe, cause) in &acts.left_out {
        let p = &fixe.personne;
        let path = if let Some(f) = &fixe.formation {
            sc.formations.iter().position(|x| x.id == *f).map(|i| {
                let j = sc.formations[i].inscrits.iter().position(|x| x == p);
                format!("formations[{i}].inscrits[{}]", j.unwrap_or(0))
            })
        } else if let Some(a) = &fixe.atelier {
            let inscrit = sc.ateliers.iter().enumerate().find_map(|(i, at)| {
                let j = at.inscrits.iter().position(|x| x == p)?;
                (at.id == *a).then(|| format!("ateliers[{i}].inscrits[{j}]"))
            });
            inscrit.or_else(|| {
                sc.imposer
                    .iter()
                    .position(|e| e.personne == *p && e.atelier.as_deref() == Some(a.as_str()))
                    .map(|k| format!("imposer[{k}]"))
            })
        } else {
            None
        };
        out.push(warn(
            path.unwrap_or_default(),
            format!(
                "élément fixe impossible à tenir ({}) : {cause} ; il sera laissé de côté (écart « conflit »)",
                fixe.describe()
            ),
        ));
    }
    for (k, e) in sc.imposer.iter().enumerate() {
        if e.atelier.is_some() || !crate::check::imposer_applies(sc, facts, e) {
            continue;
        }
        let any =
            (0..acts.list.len()).any(|id| super::build::imposer_matches(sc, facts, &acts, e, id));
        if !any {
            out.push(warn(
                format!("imposer[{k}]"),
                format!(
                    "élément imposé impossible à tenir ({}) : aucune affectation possible, {} ; il sera laissé de côté (écart « conflit »)",
                    crate::check::Fixe::of_imposer(sc, e).describe(),
                    imposer_cause(sc, facts, e)
                ),
            ));
        }
    }
    out
}
