//! The generator's chantiers: halls, espaces verts, encombrants, EI and locaux, with their
//! vacations, tuned until the crew demand meets its goal.

use super::*;

impl Gen {
    /// Chantiers until the crew demand reaches a goal drawn in 0.74..=0.78 of contract hours
    /// (see [`demand_ratio`]): first supervised ACI work (halls, espaces verts, encombrants, one EI
    /// chantier in seven) while the encadrant·es suffice, then bigger ACI crews (up to 5, one
    /// encadrant), then autonomous EI work, then fine steps.
    pub(super) fn chantiers(&mut self) {
        let goal = 0.74 + 0.01 * f64::from(self.between(0, 4));
        let residences = self.of_kind(&[Kind::Residence]);
        let parcs = self.of_kind(&[Kind::Parc]);
        let encombrants_max = 1 + self.n / 80;
        let mut encombrants = 0;
        let mut used: BTreeSet<String> = BTreeSet::new();
        // The régie's own premises: optional EI work.
        let locaux = self.locaux();
        self.push_chantier(locaux, &mut used);
        // 0 halls, 1 espaces verts, 2 encombrants, 3 EI.
        let cycle = [0u8, 1, 0, 2, 0, 1, 3];
        // A kind is given up after three candidates in a row that the encadrant·es cannot cover.
        let mut failures = [0u8; 3];
        let mut blocked = [false; 3];
        let (mut r, mut p) = (0usize, 0usize);
        for k in 0..5000 {
            if self.ratio() >= goal - 0.03 || blocked.iter().all(|b| *b) {
                break;
            }
            let kind = cycle.get(k % cycle.len()).copied().unwrap_or(0);
            if blocked.get(kind as usize).copied().unwrap_or(false) {
                continue;
            }
            let c = match kind {
                0 => {
                    let site = residences.get(r % residences.len().max(1)).copied();
                    r += 1;
                    site.map(|s| self.halls(s))
                }
                1 => {
                    let site = parcs.get(p % parcs.len().max(1)).copied();
                    p += 1;
                    site.map(|s| self.espaces_verts(s))
                }
                2 if encombrants < encombrants_max => {
                    encombrants += 1;
                    Some(self.encombrants(encombrants))
                }
                2 => {
                    blocked[2] = true;
                    None
                }
                _ => {
                    let site = residences.get(self.below(residences.len())).copied();
                    site.map(|s| self.ei(s))
                }
            };
            match c {
                Some(c) if kind == 3 || self.encadrement_fits(&c) => {
                    if let Some(f) = failures.get_mut(kind as usize) {
                        *f = 0;
                    }
                    self.push_chantier(c, &mut used)
                }
                Some(_) => {
                    let k = kind as usize;
                    if let (Some(f), Some(b)) = (failures.get_mut(k), blocked.get_mut(k)) {
                        *f += 1;
                        *b = *f >= 3;
                    }
                }
                None => {}
            }
        }
        self.raise_crews(goal - 0.03, true);
        for _ in 0..5000 {
            if self.ratio() >= goal - 0.03 {
                break;
            }
            let site = residences.get(self.below(residences.len())).copied();
            if let Some(c) = site.map(|s| self.ei(s)) {
                self.push_chantier(c, &mut used);
            }
        }
        self.tune_demand(goal);
    }

    /// Adds a chantier, giving it a free id (`halls-x-2`, "(lot 2)") when its own is taken.
    pub(super) fn push_chantier(&mut self, mut c: Chantier, used: &mut BTreeSet<String>) {
        let (base_id, base_nom) = (c.id.clone(), c.nom.clone());
        let mut suffix = 2;
        while used.contains(&c.id) {
            c.id = format!("{base_id}-{suffix}");
            c.nom = base_nom.as_ref().map(|n| format!("{n} (lot {suffix})"));
            suffix += 1;
        }
        used.insert(c.id.clone());
        self.chantiers.push(c);
    }

    /// (chantier, vacation) of the mandatory vacations, of supervised chantiers only if `aci`.
    pub(super) fn slots(&self, aci: bool) -> Vec<(usize, usize)> {
        self.chantiers
            .iter()
            .enumerate()
            .filter(|(_, c)| !aci || c.ratio_encadrement != Some(0))
            .flat_map(|(ci, c)| {
                c.vacations
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.optionnelle)
                    .map(move |(vi, _)| (ci, vi))
            })
            .collect()
    }

    pub(super) fn bump(&mut self, ci: usize, vi: usize, up: bool) {
        if let Some(v) = self
            .chantiers
            .get_mut(ci)
            .and_then(|c| c.vacations.get_mut(vi))
        {
            if up {
                v.equipe.min += 1;
                v.equipe.max += 1;
            } else if v.equipe.min > 1 {
                v.equipe.min -= 1;
                v.equipe.max -= 1;
            }
        }
    }

    /// Raises crew minimums in turn (up to their cap) until the ratio reaches `goal`.
    pub(super) fn raise_crews(&mut self, goal: f64, aci: bool) {
        let slots = self.slots(aci);
        let mut cursor = 0usize;
        for _ in 0..20_000 {
            if self.ratio() >= goal {
                break;
            }
            let mut found = None;
            for step in 0..slots.len() {
                let Some(&(ci, vi)) = slots.get((cursor + step) % slots.len()) else {
                    break;
                };
                if self.vac_min(ci, vi).is_some_and(|(m, c)| m < c) {
                    found = Some((ci, vi));
                    cursor += step + 1;
                    break;
                }
            }
            let Some((ci, vi)) = found else {
                break;
            };
            self.bump(ci, vi, true);
        }
    }

    /// True when, with `extra`, every half-day of the week has at most as many shifts needing
    /// an encadrant as there are encadrant·es present, less a margin of one in six.
    /// Crews stay at most 5 (the ratio), so each such shift needs one encadrant.
    pub(super) fn encadrement_fits(&self, extra: &Chantier) -> bool {
        for d in self.open_days() {
            let j = Jour::of(d.weekday());
            let present = self
                .encadrants
                .iter()
                .filter(|e| {
                    e.disponibilites.as_ref().is_none_or(|x| x.contains_key(&j))
                        && !e
                            .absences
                            .iter()
                            .any(|a| a.on(d).is_some() && a.whole_day())
                })
                .count();
            let limit = present.saturating_sub(present / 6);
            for morning in [true, false] {
                let count = self
                    .chantiers
                    .iter()
                    .chain(std::iter::once(extra))
                    .filter(|c| c.ratio_encadrement != Some(0))
                    .flat_map(|c| c.vacations.iter())
                    .filter(|v| !v.optionnelle && v.jours.contains(&j))
                    .filter(|v| {
                        v.debuts
                            .first()
                            .is_some_and(|h| (h.0 < hm(12, 0)) == morning)
                    })
                    .count();
                if count > limit {
                    return false;
                }
            }
        }
        true
    }

    /// Fine steps: raises the smallest vacation until the ratio reaches `goal`, then lowers
    /// crews while it is above 0.83.
    pub(super) fn tune_demand(&mut self, goal: f64) {
        let slots = self.slots(false);
        for _ in 0..20_000 {
            if self.ratio() >= goal {
                break;
            }
            let target = slots
                .iter()
                .copied()
                .filter(|&(ci, vi)| self.vac_min(ci, vi).is_some_and(|(m, c)| m < c))
                .min_by_key(|&(ci, vi)| self.vac_weight(ci, vi));
            let Some((ci, vi)) = target else {
                break;
            };
            self.bump(ci, vi, true);
        }
        for _ in 0..20_000 {
            if self.ratio() <= DEMAND_RATIO.1 - 0.02 {
                break;
            }
            let target = slots
                .iter()
                .copied()
                .filter(|&(ci, vi)| self.vac_min(ci, vi).is_some_and(|(m, _)| m > 2))
                .min_by_key(|&(ci, vi)| self.vac_weight(ci, vi));
            let Some((ci, vi)) = target else {
                break;
            };
            self.bump(ci, vi, false);
        }
    }

    /// `(min, cap)` of a vacation: ACI crews up to 5 (one encadrant), EI crews up to 3.
    pub(super) fn vac_min(&self, ci: usize, vi: usize) -> Option<(u32, u32)> {
        let c = self.chantiers.get(ci)?;
        let v = c.vacations.get(vi)?;
        let cap = if c.ratio_encadrement == Some(0) { 3 } else { 5 };
        Some((v.equipe.min, cap))
    }
    pub(super) fn vac_weight(&self, ci: usize, vi: usize) -> u32 {
        self.chantiers
            .get(ci)
            .and_then(|c| c.vacations.get(vi))
            .map_or(u32::MAX, |v| v.jours.len() as u32 * v.duree.0)
    }

    pub(super) fn ratio(&self) -> f64 {
        let periode = Periode {
            debut: self.debut,
            jours: self.days.len() as u32,
            feries: self.feries.clone(),
        };
        ratio(
            &periode,
            &Reglages::default(),
            &self.salaries,
            &self.chantiers,
        )
    }

    pub(super) fn place_id(&self, i: usize) -> (String, String) {
        self.places.get(i).map_or_else(
            || ("regie".to_owned(), String::new()),
            |p| (p.id.clone(), p.nom.clone()),
        )
    }

    pub(super) fn jours_sur(&mut self, k: usize) -> Vec<Jour> {
        let mut ix = self.sample(5, k);
        ix.sort_unstable();
        ix.into_iter()
            .filter_map(|i| WEEK.get(i).copied())
            .collect()
    }

    pub(super) fn vacation(
        jours: Vec<Jour>,
        debuts: &[u32],
        duree: u32,
        min: u32,
        plus_max: u32,
    ) -> Vacation {
        Vacation {
            jours,
            debuts: debuts.iter().map(|&d| Heure(d)).collect(),
            duree: Duree(duree),
            equipe: Equipe {
                min,
                max: min + plus_max,
            },
            optionnelle: false,
        }
    }

    /// Halls and stairwells of a residence: early morning, 2 or 3 start options between 06:00
    /// and 08:00, 3 to 4 h; sometimes an afternoon round for the bins.
    pub(super) fn halls(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let first = hm(6, 0) + 30 * self.between(0, 3);
        let options = self.between(2, 3);
        let debuts: Vec<u32> = (0..options)
            .map(|k| first + 30 * k)
            .filter(|&t| t <= hm(8, 0))
            .collect();
        let duree = *self.pick(&[180u32, 210, 210, 240]).unwrap_or(&210);
        let jours = if self.chance(0.75) {
            WEEK.to_vec()
        } else {
            vec![Jour::Lun, Jour::Mer, Jour::Ven]
        };
        let min = self.between(3, 4);
        let plus_max = self.between(1, 2);
        let mut vacations = vec![Self::vacation(jours, &debuts, duree, min, plus_max)];
        if self.chance(0.6) {
            // Afternoon round: bins, windows, common rooms.
            let k = self.between(3, 5) as usize;
            let jours = self.jours_sur(k);
            let duree = *self.pick(&[150u32, 180]).unwrap_or(&150);
            let min = self.between(2, 3);
            vacations.push(Self::vacation(
                jours,
                &[hm(13, 30), hm(14, 0)],
                duree,
                min,
                1,
            ));
        }
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: format!("halls-{}", lieu.trim_start_matches("res-")),
            nom: Some(format!("Entretien des halls et escaliers, {nom}")),
            client: Some(client),
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu,
            priorite: if self.chance(0.6) { 2 } else { 1 },
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations,
        }
    }

    /// Green spaces: mornings 08:00 or 08:30 for 3.5 h, afternoons 13:00 or 13:30 for 3 h.
    pub(super) fn espaces_verts(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let jours = if self.chance(0.5) {
            WEEK.to_vec()
        } else {
            vec![Jour::Lun, Jour::Mar, Jour::Mer, Jour::Jeu]
        };
        let min = self.between(3, 4);
        let plus_max = self.between(1, 2);
        let mut vacations = vec![Self::vacation(
            jours,
            &[hm(8, 0), hm(8, 30)],
            210,
            min,
            plus_max,
        )];
        let k = self.between(3, 5) as usize;
        let jours = self.jours_sur(k);
        let min = self.between(2, 4);
        vacations.push(Self::vacation(
            jours,
            &[hm(13, 0), hm(13, 30)],
            180,
            min,
            self.between(1, 2),
        ));
        let client = self.pick_str(names::VILLES);
        let lien = self.chance(0.3);
        Chantier {
            id: format!("ev-{lieu}"),
            nom: Some(format!("Espaces verts, {nom}")),
            client: Some(client),
            activite: "espaces_verts".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu,
            priorite: if self.chance(0.4) { 2 } else { 1 },
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: if lien { 0.1 } else { 0.0 },
            vacations,
        }
    }

    /// Bulky waste: from the régie's depot with the van (one permis B in the crew), 4 h, two
    /// days a week.
    pub(super) fn encombrants(&mut self, k: usize) -> Chantier {
        let pairs: [[Jour; 2]; 3] = [
            [Jour::Mar, Jour::Ven],
            [Jour::Lun, Jour::Jeu],
            [Jour::Mer, Jour::Ven],
        ];
        let jours = pairs
            .get((k - 1) % 3)
            .copied()
            .unwrap_or([Jour::Mar, Jour::Ven]);
        let debuts: &[u32] = if self.chance(0.5) {
            &[hm(8, 0)]
        } else {
            &[hm(7, 30), hm(8, 0)]
        };
        let min = self.between(2, 3);
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: "encombrants".to_owned(),
            nom: Some("Collecte des encombrants".to_owned()),
            client: Some(client),
            activite: "encombrants".to_owned(),
            conventionnement: Conventionnement::Aci,
            lieu: "regie".to_owned(),
            priorite: 2,
            ratio_encadrement: None,
            competences_toutes: vec![],
            competences_une: vec!["permis_b".to_owned()],
            part_lien_social: 0.0,
            vacations: vec![Self::vacation(jours.to_vec(), debuts, 240, min, 1)],
        }
    }

    /// EI work (market, autonomous: ratio 0): common parts of a residence, 2.5 h, early
    /// morning or late afternoon.
    pub(super) fn ei(&mut self, site: usize) -> Chantier {
        let (lieu, nom) = self.place_id(site);
        let first = if self.chance(0.5) {
            hm(6, 0) + 30 * self.between(0, 1)
        } else {
            hm(16, 30) + 30 * self.between(0, 1)
        };
        let min = self.between(2, 3);
        let client = self.pick_str(names::BAILLEURS);
        Chantier {
            id: format!("ei-{}", lieu.trim_start_matches("res-")),
            nom: Some(format!("Parties communes (prestation EI), {nom}")),
            client: Some(client),
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Ei,
            lieu,
            priorite: 1,
            ratio_encadrement: Some(0),
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations: vec![Self::vacation(
                WEEK.to_vec(),
                &[first, first + 30],
                150,
                min,
                1,
            )],
        }
    }

    pub(super) fn locaux(&mut self) -> Chantier {
        let mut v = Self::vacation(WEEK.to_vec(), &[hm(13, 30), hm(14, 0)], 120, 1, 1);
        v.optionnelle = true;
        Chantier {
            id: "locaux-regie".to_owned(),
            nom: Some("Entretien des locaux de la régie".to_owned()),
            client: None,
            activite: "nettoyage".to_owned(),
            conventionnement: Conventionnement::Ei,
            lieu: "regie".to_owned(),
            priorite: 1,
            ratio_encadrement: Some(0),
            competences_toutes: vec![],
            competences_une: vec![],
            part_lien_social: 0.0,
            vacations: vec![v],
        }
    }
}
