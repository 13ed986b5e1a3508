//! The generator's enrolments: formations and ateliers with their séances, and who is
//! enrolled in them.

use super::*;

impl Gen {
    /// Up to `k` salarié·es free on every `(date, de, a)`, preferring those `wanted` accepts;
    /// books them.
    pub(super) fn enrol(
        &mut self,
        slots: &[(NaiveDate, u32, u32)],
        k: usize,
        wanted: &dyn Fn(&Salarie) -> bool,
    ) -> Vec<String> {
        let n = self.salaries.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut self.rng);
        let mut out = vec![];
        for pass in [true, false] {
            for &i in &order {
                if out.len() >= k {
                    break;
                }
                let Some(s) = self.salaries.get(i) else {
                    continue;
                };
                if wanted(s) != pass || out.contains(&s.id) {
                    continue;
                }
                // One fixed enrolment a day at most: two on one day may leave an interruption
                // that the part-time day rule (plan rule 11) forbids, and the week would have
                // no plan.
                let day_taken = |d: NaiveDate| {
                    self.busy
                        .get(i)
                        .is_some_and(|bs| bs.iter().any(|b| b.date == d))
                };
                if slots
                    .iter()
                    .all(|&(d, de, a)| self.free(i, d, de, a) && !day_taken(d))
                {
                    out.push(s.id.clone());
                    for &(d, de, a) in slots {
                        self.block(i, d, de, a);
                    }
                }
            }
        }
        let mut ids: Vec<(usize, String)> = out
            .into_iter()
            .map(|id| {
                (
                    self.salaries.iter().position(|s| s.id == id).unwrap_or(0),
                    id,
                )
            })
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    /// Formations (1 + n/50): SST, gestes et postures, CACES, habilitation électrique; 1 or 2
    /// séances, 2 to 6 inscrits free at every séance.
    pub(super) fn formations(&mut self) -> Vec<Formation> {
        let count = 1 + self.n / 50;
        let open = self.open_days();
        let mut out = vec![];
        for f in 0..count {
            if open.is_empty() {
                break;
            }
            let di = self.below(open.len());
            let d = open.get(di).copied().unwrap_or(self.debut);
            let next = open.get(di + 1).copied();
            let kind = (f + self.below(4)) % 4;
            let (code, intitule, lieu, seances): (&str, &str, &str, Vec<(NaiveDate, u32, u32)>) =
                match kind {
                    0 => (
                        "sst",
                        "Sauveteur secouriste du travail (SST)",
                        "organisme-formation",
                        vec![(d, hm(8, 30), hm(12, 0)), (d, hm(13, 0), hm(16, 30))],
                    ),
                    1 => (
                        "gestes-postures",
                        "Gestes et postures",
                        "regie",
                        vec![(d, hm(9, 0), hm(12, 0))],
                    ),
                    2 => (
                        "caces",
                        "CACES R489 chariots élévateurs",
                        "organisme-formation",
                        match next {
                            Some(n2) => {
                                vec![(d, hm(8, 30), hm(12, 30)), (n2, hm(8, 30), hm(12, 30))]
                            }
                            None => vec![(d, hm(8, 30), hm(12, 30)), (d, hm(13, 30), hm(16, 30))],
                        },
                    ),
                    _ => (
                        "habilitation",
                        "Habilitation électrique H0B0",
                        "organisme-formation",
                        vec![(d, hm(13, 30), hm(16, 30))],
                    ),
                };
            let k = self.between(2, 6) as usize;
            let caces = kind == 2;
            let inscrits = self.enrol(&seances, k, &|s: &Salarie| {
                !caces || s.competences.iter().any(|c| c == "permis_b")
            });
            if inscrits.is_empty() {
                continue;
            }
            out.push(Formation {
                id: format!("{code}-{}", f + 1),
                intitule: Some(intitule.to_owned()),
                lieu: lieu.to_owned(),
                seances: seances
                    .iter()
                    .map(|&(date, de, a)| Seance {
                        date,
                        de: Heure(de),
                        a: Heure(a),
                    })
                    .collect(),
                inscrits,
            });
        }
        out
    }

    /// Ateliers (1 to 2 for 15 salarié·es): themes drawn from the besoins, at the régie, 6 to
    /// 10 places, 0 to 3 inscrits free then, some led by a CIP free then.
    pub(super) fn ateliers(&mut self) -> Vec<Atelier> {
        let lo = self.n.div_ceil(15).max(1);
        let hi = (2 * self.n / 15).max(lo);
        let count = self.between(lo as u32, hi as u32) as usize;
        let open = self.open_days();
        let themes: Vec<String> = self
            .salaries
            .iter()
            .flat_map(|s| s.besoins.clone())
            .collect();
        let mut out = vec![];
        for a in 0..count {
            if open.is_empty() {
                break;
            }
            let theme = themes
                .get(self.below(themes.len()))
                .cloned()
                .unwrap_or_else(|| "numerique".to_owned());
            let date = open
                .get(self.below(open.len()))
                .copied()
                .unwrap_or(self.debut);
            let slots = [
                (hm(14, 0), hm(16, 0)),
                (hm(13, 30), hm(15, 30)),
                (hm(9, 30), hm(11, 30)),
                (hm(14, 0), hm(16, 30)),
            ];
            let (de, fin) = slots
                .get(self.below(slots.len()))
                .copied()
                .unwrap_or((hm(14, 0), hm(16, 0)));
            let places = self.between(6, 10);
            let k = self.below(4).min(places as usize);
            let t = theme.clone();
            let inscrits = self.enrol(&[(date, de, fin)], k, &|s: &Salarie| s.besoins.contains(&t));
            let anime_par = if self.chance(0.4) {
                self.free_cip(date, de, fin)
            } else {
                None
            };
            let job_dating = theme == "recherche_emploi" && self.chance(0.2);
            out.push(Atelier {
                id: format!("at-{}-{}", theme.replace('_', "-"), a + 1),
                theme,
                date,
                de: Heure(de),
                a: Heure(fin),
                lieu: "regie".to_owned(),
                places,
                inscrits,
                anime_par,
                categorie: if job_dating {
                    CategorieAtelier::AutreAction
                } else {
                    CategorieAtelier::AtelierCollectif
                },
            });
        }
        out
    }

    /// A CIP available, not absent and not already leading an atelier then; books them.
    pub(super) fn free_cip(&mut self, date: NaiveDate, de: u32, a: u32) -> Option<String> {
        let start = self.below(self.cips.len());
        for k in 0..self.cips.len() {
            let i = (start + k) % self.cips.len();
            let Some(c) = self.cips.get(i) else { continue };
            let available = c.disponibilites.as_ref().is_none_or(|d| {
                d.get(&Jour::of(date.weekday()))
                    .is_some_and(|ps| ps.iter().any(|p| p.contains(de, a)))
            });
            let absent = c
                .absences
                .iter()
                .any(|x| x.on(date).is_some_and(|(s, e)| s < a && de < e));
            let busy = self
                .cip_busy
                .get(i)
                .is_some_and(|bs| bs.iter().any(|b| b.date == date && b.de < a && de < b.a));
            if available && !absent && !busy {
                let id = c.id.clone();
                if let Some(b) = self.cip_busy.get_mut(i) {
                    b.push(Busy { date, de, a });
                }
                return Some(id);
            }
        }
        None
    }
}
