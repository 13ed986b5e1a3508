//! The generator's people: salarié·es (contracts, homes, availability, needs, absences,
//! PMSMP, rdv history, preferences), encadrant·es and CIP.

use super::*;

impl Gen {
    pub(super) fn nom_personne(&mut self) -> String {
        let p = self.pick_str(names::PRENOMS);
        let i = self.pick(names::INITIALES).copied().unwrap_or('A');
        format!("{p} {i}.")
    }

    pub(super) fn salaries(&mut self) {
        let n = self.n;
        let width = n.to_string().len().max(2);
        let non_autonome = self.flags(n, PART_NON_AUTONOME);
        let limited = self.flags(n, 0.15);
        let proches = self.of_kind(&[Kind::Proche]);
        let homes = self.of_kind(&[Kind::Proche, Kind::Loin]);
        let pstart = self.debut;
        for i in 0..n {
            let id = format!("s{:0width$}", i + 1);
            let nom = self.nom_personne();
            // Contract.
            let r = self.below(100);
            let type_ = match r {
                0..=74 => TypeContrat::CddiAci,
                75..=92 => TypeContrat::CddiEi,
                _ => TypeContrat::CdiInclusion,
            };
            let mut heures = *self
                .pick(&[26, 26, 26, 26, 26, 20, 24, 24, 28, 30, 30, 35, 35])
                .unwrap_or(&26);
            let dispo = if limited.get(i).copied().unwrap_or(false) {
                let (d, h) = self.disponibilites();
                heures = h;
                Some(d)
            } else {
                None
            };
            let (debut, fin) = self.contract_dates(type_, pstart);
            let contrat = Contrat {
                type_,
                heures_hebdo: f64::from(heures),
                debut,
                fin,
            };
            let (mobilite, domicile) = self.mobility(
                non_autonome.get(i).copied().unwrap_or(true),
                &proches,
                &homes,
            );
            let permis = match mobilite {
                Mobilite::Autonome => self.chance(0.45),
                _ => self.chance(0.08),
            };
            let competences = if permis {
                vec!["permis_b".to_owned()]
            } else {
                vec![]
            };
            let restrictions = match self.below(100) {
                0..=7 => vec!["encombrants".to_owned()],
                8..=9 => vec!["espaces_verts".to_owned()],
                _ => vec![],
            };
            let besoins = self.besoins();
            self.salaries.push(Salarie {
                id,
                nom: Some(nom),
                contrat,
                domicile,
                mobilite,
                competences,
                restrictions,
                cip: None,
                rdv_cip_par_mois: None,
                disponibilites: dispo,
                absences: vec![],
                pmsmp: vec![],
                rdv_cip: vec![],
                besoins,
                preferences: Preferences::default(),
            });
            self.busy.push(vec![]);
        }
        self.absences_and_pmsmp();
        self.rdv_history();
    }

    /// The start and end of a contract of `type_` around the period starting
    /// `pstart`: a CDI began long ago; a few CDDI start or end inside the week.
    pub(super) fn contract_dates(
        &mut self,
        type_: TypeContrat,
        pstart: NaiveDate,
    ) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match type_ {
            TypeContrat::CdiInclusion => {
                let e = self.between(100, 1500);
                (Some(plus(pstart, -i64::from(e))), None)
            }
            _ => {
                let r = self.below(100);
                if r < 4 {
                    // Starts inside the week (a Tuesday to a Thursday).
                    let d = plus(pstart, i64::from(self.between(1, 3)));
                    let months = *self.pick(&[4u32, 6, 6, 12]).unwrap_or(&6);
                    let f = d
                        .checked_add_months(Months::new(months))
                        .map_or(d, |x| plus(x, -1));
                    (Some(d), Some(f))
                } else if r < 8 {
                    // Ends inside the week.
                    let f = plus(pstart, i64::from(self.between(0, 3)));
                    let months = *self.pick(&[4u32, 6, 12, 24]).unwrap_or(&6);
                    let d = f
                        .checked_sub_months(Months::new(months))
                        .map_or(f, |x| plus(x, 1));
                    (Some(d), Some(f))
                } else {
                    let e = i64::from(self.between(7, 300));
                    let mut f = i64::from(self.between(14, 240));
                    if e + f < 122 {
                        f = 122 - e;
                    }
                    (Some(plus(pstart, -e)), Some(plus(pstart, f)))
                }
            }
        }
    }

    /// Mobility and home: ~60 % walk or take the bus (three in four of them by bus), the others
    /// are autonomous.
    pub(super) fn mobility(
        &mut self,
        non_autonome: bool,
        proches: &[usize],
        homes: &[usize],
    ) -> (Mobilite, Option<String>) {
        let (mobilite, domicile) = if non_autonome {
            if self.chance(0.25) && !proches.is_empty() {
                let h = proches.get(self.below(proches.len())).copied();
                (Mobilite::Marche, h)
            } else {
                let h = homes.get(self.below(homes.len())).copied();
                (Mobilite::Transports, h)
            }
        } else {
            (Mobilite::Autonome, None)
        };
        let domicile = domicile
            .and_then(|h| self.places.get(h))
            .map(|p| p.id.clone());
        (mobilite, domicile)
    }

    /// A limited availability and the contract hours that go with it.
    pub(super) fn disponibilites(&mut self) -> (Disponibilites, u32) {
        let mut d = Disponibilites::new();
        match self.below(4) {
            0 => {
                // School hours, Wednesday with the children.
                for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                    d.insert(j, vec![plage(hm(8, 30), hm(16, 30))]);
                }
                (d, *self.pick(&[20, 20, 24]).unwrap_or(&20))
            }
            1 => {
                // Mornings only.
                for j in WEEK {
                    d.insert(j, vec![plage(hm(6, 0), hm(13, 0))]);
                }
                (d, *self.pick(&[20, 22, 24]).unwrap_or(&20))
            }
            2 => {
                // Not on Wednesdays.
                for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                    d.insert(j, vec![plage(hm(6, 0), hm(18, 0))]);
                }
                (d, *self.pick(&[24, 26]).unwrap_or(&24))
            }
            _ => {
                // Friday afternoon off.
                for j in [Jour::Lun, Jour::Mar, Jour::Mer, Jour::Jeu] {
                    d.insert(j, vec![plage(hm(6, 0), hm(18, 0))]);
                }
                d.insert(Jour::Ven, vec![plage(hm(6, 0), hm(12, 0))]);
                (d, *self.pick(&[24, 26, 28]).unwrap_or(&26))
            }
        }
    }

    pub(super) fn besoins(&mut self) -> Vec<String> {
        const THEMES: [&str; 10] = [
            "numerique",
            "numerique",
            "numerique",
            "recherche_emploi",
            "recherche_emploi",
            "recherche_emploi",
            "fle",
            "fle",
            "acces_droits",
            "sante",
        ];
        let mut out: Vec<String> = vec![];
        if self.chance(0.55) {
            let k = if self.chance(0.3) { 2 } else { 1 };
            for _ in 0..k {
                let t = if self.chance(0.1) {
                    "budget".to_owned()
                } else {
                    self.pick_str(&THEMES)
                };
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Whole-day, half-day and multi-day absences (about 15 % of people), and a few PMSMP of 2 to
    /// 5 days for people whose contract covers the week.
    pub(super) fn absences_and_pmsmp(&mut self) {
        let open = self.open_days();
        let n = self.salaries.len();
        let pmsmp_count = (n / 25).max(1);
        let covering: Vec<usize> = (0..n)
            .filter(|&i| {
                self.salaries
                    .get(i)
                    .is_some_and(|s| self.days.iter().all(|d| s.contrat.covers(*d)))
            })
            .collect();
        let chosen = self.sample(covering.len(), pmsmp_count);
        let mut with_pmsmp = BTreeSet::new();
        for c in chosen {
            let Some(&i) = covering.get(c) else { continue };
            let len = self.between(2, 5) as usize;
            let first = self.below(self.days.len().saturating_sub(len) + 1);
            let du = self.days.get(first).copied().unwrap_or(self.debut);
            let au = self
                .days
                .get((first + len - 1).min(self.days.len().saturating_sub(1)))
                .copied()
                .unwrap_or(du);
            let entreprise = self.pick_str(names::ENTREPRISES);
            if let Some(s) = self.salaries.get_mut(i) {
                s.pmsmp.push(Pmsmp {
                    du,
                    au,
                    entreprise: Some(entreprise),
                });
            }
            let mut d = du;
            while d <= au {
                self.block(i, d, 0, DAY);
                d = plus(d, 1);
            }
            with_pmsmp.insert(i);
        }
        for i in 0..n {
            if with_pmsmp.contains(&i) || !self.chance(0.15) || open.is_empty() {
                continue;
            }
            let date = open
                .get(self.below(open.len()))
                .copied()
                .unwrap_or(self.debut);
            let motif = self.pick_str(names::MOTIFS);
            let absence = match self.below(10) {
                0..=3 => Absence {
                    date: Some(date),
                    du: None,
                    au: None,
                    de: None,
                    a: None,
                    motif: Some(motif),
                },
                4..=8 => {
                    let (de, a) = if self.chance(0.5) {
                        (hm(8, 0), hm(12, 0))
                    } else {
                        (hm(13, 30), hm(17, 0))
                    };
                    let motif = if motif == "congé" || motif == "arrêt maladie" {
                        "rendez-vous médical".to_owned()
                    } else {
                        motif
                    };
                    Absence {
                        date: Some(date),
                        du: None,
                        au: None,
                        de: Some(Heure(de)),
                        a: Some(Heure(a)),
                        motif: Some(motif),
                    }
                }
                _ => Absence {
                    date: None,
                    du: Some(date),
                    au: Some(plus(date, i64::from(self.between(1, 2)))),
                    de: None,
                    a: None,
                    motif: Some("arrêt maladie".to_owned()),
                },
            };
            if let Some((a, b)) = absence.days() {
                let mut d = a;
                while d <= b {
                    let (de, fin) = absence.on(d).unwrap_or((0, DAY));
                    self.block(i, d, de, fin);
                    d = plus(d, 1);
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.absences.push(absence);
            }
        }
    }

    pub(super) fn block(&mut self, i: usize, date: NaiveDate, de: u32, a: u32) {
        if let Some(b) = self.busy.get_mut(i) {
            b.push(Busy { date, de, a });
        }
    }

    /// True when salarié·e `i` can be booked on `date` from `de` to `a`: inside the contract and
    /// the availability, no absence, PMSMP or other booking then.
    pub(super) fn free(&self, i: usize, date: NaiveDate, de: u32, a: u32) -> bool {
        let Some(s) = self.salaries.get(i) else {
            return false;
        };
        if !s.contrat.covers(date) {
            return false;
        }
        if let Some(d) = &s.disponibilites {
            let ok = d
                .get(&Jour::of(date.weekday()))
                .is_some_and(|ps| ps.iter().any(|p| p.contains(de, a)));
            if !ok {
                return false;
            }
        }
        self.busy
            .get(i)
            .is_some_and(|bs| !bs.iter().any(|b| b.date == date && b.de < a && de < b.a))
    }

    /// Rdv already held this month before the week: up to 2 when the month is well advanced.
    pub(super) fn rdv_history(&mut self) {
        let month_start = ymd(self.debut.year(), self.debut.month(), 1);
        for i in 0..self.salaries.len() {
            let from = self
                .salaries
                .get(i)
                .and_then(|s| s.contrat.debut)
                .map_or(month_start, |d| d.max(month_start));
            let mut days = vec![];
            let mut d = from;
            while d < self.debut {
                let ferie = FERIES.iter().any(|&(y, m, j)| ymd(y, m, j) == d);
                if d.weekday().num_days_from_monday() < 5 && !ferie {
                    days.push(d);
                }
                d = plus(d, 1);
            }
            let k = match days.len() {
                12.. => *self.pick(&[0usize, 1, 1, 2, 2, 2, 2]).unwrap_or(&2),
                5..=11 => *self.pick(&[0usize, 1, 1]).unwrap_or(&1),
                _ => 0,
            };
            let chosen = self.sample(days.len(), k);
            let mut rdv = vec![];
            for c in chosen {
                let minutes = *self.pick(&[30u32, 30, 30, 30, 45, 60]).unwrap_or(&30);
                if let Some(&date) = days.get(c) {
                    rdv.push(RdvPasse { date, minutes });
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.rdv_cip = rdv;
            }
        }
    }

    pub(super) fn encadrants(&mut self) {
        let count = encadrants_for(self.n);
        let width = count.to_string().len().max(2);
        let open = self.open_days();
        for i in 0..count {
            let nom = self.nom_personne();
            let heures = *self
                .pick(&[35u32, 35, 35, 35, 35, 35, 35, 28, 30, 32])
                .unwrap_or(&35);
            let permis = i == 0 || self.chance(0.8);
            let activites = if i < 2 || self.chance(0.5) {
                None
            } else {
                let sets: [&[&str]; 5] = [
                    &["nettoyage"],
                    &["espaces_verts"],
                    &["nettoyage", "encombrants"],
                    &["espaces_verts", "encombrants"],
                    &["nettoyage", "espaces_verts"],
                ];
                let s = sets.get(self.below(sets.len())).copied().unwrap_or(&[]);
                Some(s.iter().map(|x| (*x).to_owned()).collect())
            };
            let disponibilites = if heures < 35 {
                // Part time: one day off in the week.
                let off = WEEK.get(self.below(5)).copied().unwrap_or(Jour::Mer);
                let mut d = Disponibilites::new();
                for j in WEEK.into_iter().filter(|j| *j != off) {
                    d.insert(j, vec![plage(hm(6, 0), hm(17, 0))]);
                }
                Some(d)
            } else {
                None
            };
            let absences = self.maybe_absence(0.1, &open, None, "congé");
            self.encadrants.push(Encadrant {
                id: format!("e{:0width$}", i + 1),
                nom: Some(nom),
                heures_hebdo: f64::from(heures),
                competences: if permis {
                    vec!["permis_b".to_owned()]
                } else {
                    vec![]
                },
                activites,
                disponibilites,
                absences,
            });
        }
    }

    /// With chance `p`, one absence on an open day drawn at random: from `heures.0` to
    /// `heures.1`, or the whole day.
    pub(super) fn maybe_absence(
        &mut self,
        p: f64,
        open: &[NaiveDate],
        heures: Option<(u32, u32)>,
        motif: &str,
    ) -> Vec<Absence> {
        if !self.chance(p) || open.is_empty() {
            return vec![];
        }
        let date = open
            .get(self.below(open.len()))
            .copied()
            .unwrap_or(self.debut);
        vec![Absence {
            date: Some(date),
            du: None,
            au: None,
            de: heures.map(|h| Heure(h.0)),
            a: heures.map(|h| Heure(h.1)),
            motif: Some(motif.to_owned()),
        }]
    }

    /// CIPs (about 1 for 22) at the régie, part-time patterns, 6 to 8 rdv a day; most
    /// salarié·es get a référent·e, spread evenly.
    pub(super) fn cips(&mut self) {
        let count = cips_for(self.n);
        let open = self.open_days();
        for i in 0..count {
            let nom = self.nom_personne();
            let mut d = Disponibilites::new();
            let am = plage(hm(9, 0), hm(12, 0));
            let pm = plage(hm(13, 30), hm(17, 0));
            match self.below(3) {
                0 => {
                    d.insert(Jour::Lun, vec![pm]);
                    d.insert(Jour::Mar, vec![am, pm]);
                    d.insert(Jour::Jeu, vec![am, pm]);
                    d.insert(Jour::Ven, vec![am]);
                }
                1 => {
                    for j in [Jour::Lun, Jour::Mar, Jour::Jeu, Jour::Ven] {
                        d.insert(j, vec![am, pm]);
                    }
                }
                _ => {
                    for j in WEEK {
                        d.insert(j, vec![am, plage(hm(13, 30), hm(16, 30))]);
                    }
                }
            }
            let absences = self.maybe_absence(
                0.15,
                &open,
                Some((hm(13, 30), hm(17, 0))),
                "réunion partenaires",
            );
            let max = self.between(6, 8);
            self.cips.push(Cip {
                id: format!("cip-{}", i + 1),
                nom: Some(nom),
                lieu: "regie".to_owned(),
                disponibilites: Some(d),
                absences,
                max_rdv_jour: Some(max),
            });
            self.cip_busy.push(vec![]);
        }
        let ids: Vec<String> = self.cips.iter().map(|c| c.id.clone()).collect();
        let mut next = self.below(ids.len());
        for i in 0..self.salaries.len() {
            if self.chance(0.9) {
                let id = ids.get(next % ids.len().max(1)).cloned();
                next += 1;
                if let Some(s) = self.salaries.get_mut(i) {
                    s.cip = id;
                }
            }
        }
    }

    /// A few preferred chantiers (8 %) and colleagues to avoid (4 %).
    pub(super) fn preferences(&mut self) {
        let n = self.salaries.len();
        let ids: Vec<String> = self
            .chantiers
            .iter()
            .filter(|c| !c.vacations.iter().all(|v| v.optionnelle))
            .map(|c| c.id.clone())
            .collect();
        for i in 0..n {
            let mut p = Preferences::default();
            if self.chance(0.08)
                && let Some(c) = ids.get(self.below(ids.len()))
            {
                p.chantiers.push(c.clone());
            }
            if self.chance(0.04) {
                let j = self.below(n);
                if j != i
                    && let Some(o) = self.salaries.get(j)
                {
                    p.eviter.push(o.id.clone());
                }
            }
            if let Some(s) = self.salaries.get_mut(i) {
                s.preferences = p;
            }
        }
    }
}
