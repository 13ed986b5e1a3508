//! The shortfall list as people read it, recomputed from the plan's items (never the plan file's
//! own `ecarts`, which a hand-edited plan leaves stale): one line per requirement not met, ranked
//! by its weight in the cost (so the production of a marché public, `priorite` 2, comes before the
//! same hours elsewhere), each with the cause found from the plan and the scenario
//! ([`crate::kernel::explain`]), in names and French dates.
//!
//! Lines that are not shortfalls go apart as information: rdv CIP that are not due yet (the month
//! goes on after the period, nothing is late) and hours above the contract (heures
//! complémentaires or supplémentaires, within the cap).

use super::{Noms, date_longue, mois_long, semaine_du};
use crate::check::{Index, crews};
use crate::format::plan::{Affectation, Plan, TypeAffectation, TypeEcart};
use crate::format::scenario::Scenario;
use crate::format::time::Heure;
use crate::kernel::activities::{Activities, Kind, Who};
use crate::kernel::explain::Context;
use crate::model::calendar::{IsoWeek, Month};
use crate::model::{Facts, labour};
use crate::texte::fmt_h;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One line of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneEcart {
    /// Kind of shortfall, as in the plan file's `ecarts`.
    pub type_: TypeEcart,
    /// `Production`, `Rendez-vous CIP`, `Heures sous le contrat`, `Atelier`, `Conflit`,
    /// `Heures complémentaires`, `Heures supplémentaires`.
    pub libelle: String,
    /// The line's weight in the plan's cost (what ranks the list).
    pub poids: f64,
    /// Chantier or person (name or pseudonym), and theme.
    pub quoi: String,
    /// `mardi 1er décembre, 07:00`, `semaine du 30 novembre`, `décembre 2026`.
    pub quand: String,
    /// The day, when the line has one (typed cell in the XLSX).
    pub date: Option<NaiveDate>,
    /// The start, when the line has one (typed cell in the XLSX).
    pub debut: Option<Heure>,
    /// `1 personne, 3,5 h`, `2 rendez-vous`, `4,5 h`.
    pub manque: String,
    /// Hours missing (production, hours), when the line counts hours.
    pub heures: Option<f64>,
    /// Why, in French (the kernel's explanation, or `ligne périmée`...).
    pub cause: String,
}

/// Shortfalls (ranked) and information lines (in date order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ecarts {
    /// Shortfalls, heaviest first.
    pub ecarts: Vec<LigneEcart>,
    /// Information lines (not costs: CIP appointments still to hold...), in date order.
    pub informations: Vec<LigneEcart>,
}

/// The activities of `sc` that the plan's items are, by (person, kind, day, start, end). Items
/// that match no activity (a hand-edited plan off the scenario) are left out: they still count
/// for hours, crews and rdv, only the causes do not see them.
fn chosen(sc: &Scenario, facts: &Facts, acts: &Activities, items: &[Affectation]) -> Vec<usize> {
    type Key = (usize, u8, usize, usize, u32, u32);
    let key_of_act = |id: usize| -> Key {
        let a = &acts.list[id];
        let (k, sub) = match a.kind {
            Kind::Production { shift, .. } => (0, facts.shifts[shift].chantier),
            Kind::Encadrement { shift, .. } => (1, facts.shifts[shift].chantier),
            Kind::Rdv { cip } => (2, cip),
            Kind::Atelier { atelier } => (3, atelier),
            Kind::Formation { formation, .. } => (4, formation),
        };
        (acts.person(a.who), k, sub, a.day, a.start, a.end)
    };
    let mut index: BTreeMap<Key, usize> = BTreeMap::new();
    for id in 0..acts.list.len() {
        index.entry(key_of_act(id)).or_insert(id);
    }
    let pos = |v: &[String], id: Option<&str>| id.and_then(|id| v.iter().position(|x| x == id));
    let sal: Vec<String> = sc.salaries.iter().map(|s| s.id.clone()).collect();
    let enc: Vec<String> = sc.encadrants.iter().map(|e| e.id.clone()).collect();
    let ch: Vec<String> = sc.chantiers.iter().map(|c| c.id.clone()).collect();
    let cips: Vec<String> = sc.cips.iter().map(|c| c.id.clone()).collect();
    let ats: Vec<String> = sc.ateliers.iter().map(|a| a.id.clone()).collect();
    let fos: Vec<String> = sc.formations.iter().map(|f| f.id.clone()).collect();
    let mut out = Vec::new();
    for it in items {
        let who = match it.type_ {
            TypeAffectation::Encadrement => {
                pos(&enc, Some(&it.personne)).map(|e| acts.person(Who::Encadrant(e)))
            }
            _ => pos(&sal, Some(&it.personne)),
        };
        let sub = match it.type_ {
            TypeAffectation::Production => pos(&ch, it.chantier.as_deref()).map(|c| (0, c)),
            TypeAffectation::Encadrement => pos(&ch, it.chantier.as_deref()).map(|c| (1, c)),
            TypeAffectation::RdvCip => pos(&cips, it.cip.as_deref()).map(|c| (2, c)),
            TypeAffectation::Atelier => pos(&ats, it.atelier.as_deref()).map(|c| (3, c)),
            TypeAffectation::Formation => pos(&fos, it.formation.as_deref()).map(|c| (4, c)),
            TypeAffectation::Pmsmp => None,
        };
        let day = facts.days.iter().position(|&d| d == it.date);
        if let (Some(p), Some((k, s)), Some(d), Some(a), Some(b)) =
            (who, sub, day, it.debut, it.fin)
            && let Some(&id) = index.get(&(p, k, s, d, a.0, b.0))
        {
            out.push(id);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The shortfall list of `plan` (a plan of `sc`), recomputed from its items.
pub fn recalculer(sc: &Scenario, facts: &Facts, plan: &Plan, noms: &Noms) -> Ecarts {
    let acts = Activities::new(sc, facts);
    let chosen = chosen(sc, facts, &acts, &plan.affectations);
    let r = Recalcul {
        sc,
        facts,
        ctx: Context::new(sc, facts, &acts, &chosen).with_noms(noms),
        idx: Index::new(sc),
        noms,
        items: &plan.affectations,
    };
    let mut out = Ecarts::default();
    r.production(&mut out);
    let (rdv, hours) = r.counts();
    r.rdv(&rdv, &mut out);
    r.hours(&hours, &mut out);
    r.ateliers(&mut out);
    r.conflits(plan, &mut out);
    let order = |a: &LigneEcart, b: &LigneEcart| {
        (a.date, a.debut, &a.quoi, &a.libelle).cmp(&(b.date, b.debut, &b.quoi, &b.libelle))
    };
    out.ecarts
        .sort_by(|a, b| b.poids.total_cmp(&a.poids).then_with(|| order(a, b)));
    out.informations.sort_by(order);
    out
}

fn nom_chantier(sc: &Scenario, c: usize) -> String {
    let ch = &sc.chantiers[c];
    ch.nom.clone().unwrap_or_else(|| ch.id.clone())
}

/// What the shortfall lines of one plan are computed from.
struct Recalcul<'a> {
    sc: &'a Scenario,
    facts: &'a Facts,
    ctx: Context<'a>,
    idx: Index<'a>,
    noms: &'a Noms,
    items: &'a [Affectation],
}

impl Recalcul<'_> {
    /// Production: non-optional shifts short of their minimum crew.
    fn production(&self, out: &mut Ecarts) {
        let (sc, facts, ctx, idx, items) = (self.sc, self.facts, &self.ctx, &self.idx, self.items);
        let poids = &sc.reglages.poids;
        for (sid, (sh, crew)) in facts
            .shifts
            .iter()
            .zip(crews(idx, facts, items))
            .enumerate()
        {
            let missing = sh.min.saturating_sub(crew.size());
            if sh.optionnelle || missing == 0 {
                continue;
            }
            let e = ctx.production(sid, f64::from(missing));
            let heures = f64::from(missing) * f64::from(sh.duree) / 60.0;
            let prio = sc.chantiers.get(sh.chantier).map_or(1, |c| c.priorite);
            let debut = crew.starts.iter().next().copied().map(Heure).or(e.debut);
            out.ecarts.push(LigneEcart {
                type_: TypeEcart::Production,
                libelle: "Production".to_owned(),
                poids: poids.production * heures * f64::from(prio),
                quoi: nom_chantier(sc, sh.chantier),
                quand: match debut {
                    Some(d) => format!("{}, {d}", date_longue(sh.date)),
                    None => date_longue(sh.date),
                },
                date: Some(sh.date),
                debut,
                manque: format!(
                    "{} personne{}, {} h",
                    missing,
                    if missing > 1 { "s" } else { "" },
                    fmt_h(heures)
                ),
                heures: Some(heures),
                cause: e.raison,
            });
        }
    }

    /// Rdv per (salarié·e, month) and hours per (salarié·e, week) in the plan.
    fn counts(&self) -> crate::check::RdvAndHours {
        crate::check::rdv_and_hours(self.facts, &self.idx, self.items)
    }

    /// Rdv still to hold per salarié·e and month: late ones are shortfalls, the others news.
    fn rdv(&self, rdv: &BTreeMap<(usize, Month), u32>, out: &mut Ecarts) {
        let (sc, facts, ctx, noms) = (self.sc, self.facts, &self.ctx, self.noms);
        let poids = &sc.reglages.poids;
        for (i, months) in facts.months.iter().enumerate() {
            for (mi, m) in months.iter().enumerate() {
                let done = m.history + rdv.get(&(i, m.month)).copied().unwrap_or(0);
                let missing = m.target.saturating_sub(done);
                if missing == 0 {
                    continue;
                }
                let late = m.due.saturating_sub(done);
                let e = ctx.rdv(i, mi);
                let line = LigneEcart {
                    type_: TypeEcart::RdvCip,
                    libelle: "Rendez-vous CIP".to_owned(),
                    poids: poids.rdv_cip_retard * f64::from(late)
                        + poids.rdv_cip_restant * f64::from(missing),
                    quoi: noms.of(&sc.salaries[i].id),
                    quand: mois_long(m.month),
                    date: None,
                    debut: None,
                    manque: if late > 0 {
                        format!("{late} rendez-vous en retard (sur {missing} à tenir)")
                    } else {
                        format!("{missing} rendez-vous à tenir")
                    },
                    heures: None,
                    cause: if late > 0 {
                        e.raison
                    } else {
                        "le mois continue après la période : rien n'est en retard".to_owned()
                    },
                };
                if late > 0 {
                    out.ecarts.push(line);
                } else {
                    out.informations.push(line);
                }
            }
        }
    }

    /// Hours under (shortfall) or over (news) the contract, per salarié·e and week.
    fn hours(&self, hours: &BTreeMap<(usize, IsoWeek), f64>, out: &mut Ecarts) {
        let (sc, facts, ctx, noms) = (self.sc, self.facts, &self.ctx, self.noms);
        let poids = &sc.reglages.poids;
        for (i, weeks) in facts.salarie_weeks.iter().enumerate() {
            let s = &sc.salaries[i];
            for (wk, w) in weeks.iter().enumerate() {
                let planned = hours.get(&(i, w.week)).copied().unwrap_or(0.0);
                let diff = crate::kernel::output::round6(w.target - planned);
                if diff == 0.0 {
                    continue;
                }
                let e = ctx.hours(i, wk, diff.abs(), diff > 0.0);
                let mut line = LigneEcart {
                    type_: TypeEcart::Heures,
                    libelle: "Heures sous le contrat".to_owned(),
                    poids: poids.heures_sous_contrat * diff.abs(),
                    quoi: noms.of(&s.id),
                    quand: semaine_du(w.week),
                    date: w.days.first().copied(),
                    debut: None,
                    manque: format!("{} h", fmt_h(diff.abs())),
                    heures: Some(diff.abs()),
                    cause: e.raison,
                };
                if diff > 0.0 {
                    out.ecarts.push(line);
                } else {
                    line.libelle = if labour::is_part_time(&sc.reglages, s.contrat.heures_hebdo) {
                        "Heures complémentaires"
                    } else {
                        "Heures supplémentaires"
                    }
                    .to_owned();
                    line.poids = poids.heures_complementaires * diff.abs();
                    line.manque = format!("{} h de plus", fmt_h(diff.abs()));
                    out.informations.push(line);
                }
            }
        }
    }

    /// Atelier needs no atelier of the period meets.
    fn ateliers(&self, out: &mut Ecarts) {
        let (sc, facts, ctx, noms, items) = (self.sc, self.facts, &self.ctx, self.noms, self.items);
        let poids = &sc.reglages.poids;
        let attended: BTreeSet<(&str, &str)> = items
            .iter()
            .filter(|it| it.type_ == TypeAffectation::Atelier)
            .filter_map(|it| Some((it.personne.as_str(), it.atelier.as_deref()?)))
            .collect();
        for (i, s) in sc.salaries.iter().enumerate() {
            let themes: BTreeSet<&String> = s.besoins.iter().collect();
            for theme in themes {
                let ateliers: Vec<&crate::format::scenario::Atelier> = sc
                    .ateliers
                    .iter()
                    .filter(|a| &a.theme == theme && facts.days.contains(&a.date))
                    .collect();
                if ateliers.is_empty()
                    || ateliers
                        .iter()
                        .any(|a| attended.contains(&(s.id.as_str(), a.id.as_str())))
                {
                    continue;
                }
                let e = ctx.atelier(i, theme);
                let dates: Vec<String> = ateliers.iter().map(|a| date_longue(a.date)).collect();
                out.ecarts.push(LigneEcart {
                    type_: TypeEcart::Atelier,
                    libelle: "Atelier".to_owned(),
                    poids: poids.besoin_atelier,
                    quoi: format!("{}, atelier {theme}", noms.of(&s.id)),
                    quand: dates.join(" ou "),
                    date: ateliers.first().map(|a| a.date),
                    debut: None,
                    manque: "1 atelier".to_owned(),
                    heures: None,
                    cause: e.raison,
                });
            }
        }
    }

    /// Conflicts (fixed items that could not be kept) cannot be recomputed from the items: the
    /// plan's own lines are kept, with every name and id of the scenario rewritten through `noms`.
    fn conflits(&self, plan: &Plan, out: &mut Ecarts) {
        let (sc, noms) = (self.sc, self.noms);
        for e in plan.ecarts.iter().filter(|e| e.type_ == TypeEcart::Conflit) {
            let quoi = [
                e.personne.as_deref().map(|p| noms.of(p)),
                e.chantier.as_deref().map(|c| {
                    sc.chantiers
                        .iter()
                        .position(|x| x.id == c)
                        .map_or_else(|| noms.texte(c), |i| nom_chantier(sc, i))
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            out.ecarts.push(LigneEcart {
                type_: TypeEcart::Conflit,
                libelle: "Conflit".to_owned(),
                poids: f64::INFINITY,
                quoi,
                quand: e.date.map(date_longue).unwrap_or_default(),
                date: e.date,
                debut: e.debut,
                manque: String::new(),
                heures: None,
                cause: noms.texte(&e.raison),
            });
        }
    }
}
