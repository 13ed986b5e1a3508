//! The generator's places: lieux around the régie, walking trajets between them, and bus
//! lines with their timetables.

use super::*;

impl Gen {
    /// A point at a distance of `lo..=hi` hectometres from the régie.
    pub(super) fn point(&mut self, lo: i32, hi: i32) -> (i32, i32) {
        for _ in 0..1000 {
            let x = self.rng.random_range(-hi..=hi);
            let y = self.rng.random_range(-hi..=hi);
            let r2 = x * x + y * y;
            if r2 >= lo * lo && r2 <= hi * hi {
                return (x, y);
            }
        }
        (lo, 0)
    }

    /// The régie, 3 to 12 sites, home areas (some across the ring road, bus only), an
    /// organisme de formation.
    pub(super) fn lieux(&mut self) {
        let n = self.n;
        let add = |places: &mut Vec<Place>, id: &str, nom: &str, kind, (x, y)| {
            places.push(Place {
                id: id.to_owned(),
                nom: nom.to_owned(),
                kind,
                x,
                y,
            })
        };
        let mut places = vec![];
        add(
            &mut places,
            "regie",
            "Locaux de la régie",
            Kind::Regie,
            (0, 0),
        );
        let sites = (3 + n / 25).clamp(3, 12);
        let parcs = (sites / 3).clamp(1, names::PARCS.len());
        let residences = (sites - parcs).min(names::RESIDENCES.len());
        let res_ix = self.sample(names::RESIDENCES.len(), residences);
        for i in res_ix {
            let p = self.point(6, 22);
            if let Some((id, nom)) = names::RESIDENCES.get(i) {
                add(&mut places, id, nom, Kind::Residence, p);
            }
        }
        let parc_ix = self.sample(names::PARCS.len(), parcs);
        for i in parc_ix {
            let p = self.point(8, 22);
            if let Some((id, nom)) = names::PARCS.get(i) {
                add(&mut places, id, nom, Kind::Parc, p);
            }
        }
        let quartiers = (3 + n / 60).clamp(3, names::QUARTIERS.len());
        let loin = (quartiers / 3).max(1);
        let q_ix = self.sample(names::QUARTIERS.len(), quartiers);
        for (k, i) in q_ix.into_iter().enumerate() {
            let (kind, p) = if k < loin {
                (Kind::Loin, self.point(30, 45))
            } else {
                (Kind::Proche, self.point(6, 22))
            };
            if let Some((id, nom)) = names::QUARTIERS.get(i) {
                add(&mut places, id, nom, kind, p);
            }
        }
        let p = self.point(25, 35);
        add(
            &mut places,
            "organisme-formation",
            "Organisme de formation (centre AFPR)",
            Kind::Organisme,
            p,
        );
        self.places = places;
    }

    pub(super) fn of_kind(&self, kinds: &[Kind]) -> Vec<usize> {
        (0..self.places.len())
            .filter(|&i| self.places.get(i).is_some_and(|p| kinds.contains(&p.kind)))
            .collect()
    }

    /// Walking times (14 min per km plus 2, rounded to 5, 10 to 40 min): each place to the
    /// régie and to its three nearest places, when under 40 minutes. Bus-only home areas have
    /// none.
    pub(super) fn trajets(&mut self) -> Vec<Trajet> {
        let walkers: Vec<usize> = self.of_kind(&[
            Kind::Regie,
            Kind::Residence,
            Kind::Parc,
            Kind::Proche,
            Kind::Organisme,
        ]);
        let minutes = |a: &Place, b: &Place| -> Option<u32> {
            let raw = a.dist_km(b) * 14.0 + 2.0;
            if raw > 40.0 {
                None
            } else {
                Some((((raw / 5.0).round() as u32) * 5).clamp(10, 40))
            }
        };
        let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
        for &a in &walkers {
            let Some(pa) = self.places.get(a) else {
                continue;
            };
            let mut near: Vec<(u64, usize)> = walkers
                .iter()
                .filter(|&&b| b != a)
                .filter_map(|&b| {
                    let pb = self.places.get(b)?;
                    Some(((pa.dist_km(pb) * 1000.0) as u64, b))
                })
                .collect();
            near.sort_unstable();
            let mut chosen: Vec<usize> = near.iter().take(3).map(|&(_, b)| b).collect();
            chosen.push(0);
            for b in chosen {
                if b != a {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
        let mut out = vec![];
        for (a, b) in pairs {
            let (Some(pa), Some(pb)) = (self.places.get(a), self.places.get(b)) else {
                continue;
            };
            if let Some(m) = minutes(pa, pb) {
                out.push(Trajet {
                    de: pa.id.clone(),
                    a: pb.id.clone(),
                    minutes: m,
                });
            }
        }
        out
    }

    /// Bus lines (2 + n/40): each runs from a home area (or the organisme) through some sites
    /// and the régie (the hub every line serves) to another end; courses both ways every 20 to 40
    /// minutes from about 05:45 to 20:00 on weekdays, every hour on Saturdays for some lines.
    pub(super) fn transports(&mut self) -> Vec<Ligne> {
        let lines = lignes_for(self.n);
        let mut ends: Vec<usize> = self.of_kind(&[Kind::Loin]);
        ends.extend(self.of_kind(&[Kind::Proche]));
        ends.extend(self.of_kind(&[Kind::Organisme]));
        let sites = self.of_kind(&[Kind::Residence, Kind::Parc]);
        let mut out = vec![];
        for l in 0..lines {
            let start = ends.get((2 * l) % ends.len().max(1)).copied().unwrap_or(0);
            let mut end = ends
                .get((2 * l + 1) % ends.len().max(1))
                .copied()
                .unwrap_or(0);
            if end == start {
                end = ends
                    .get((2 * l + 2) % ends.len().max(1))
                    .copied()
                    .unwrap_or(0);
            }
            let mut middle: Vec<usize> = sites
                .iter()
                .enumerate()
                .filter(|(j, _)| j % lines == l)
                .map(|(_, &s)| s)
                .collect();
            while middle.len() < 2 && middle.len() < sites.len() {
                let extra = sites.get(self.below(sites.len())).copied().unwrap_or(0);
                if !middle.contains(&extra) {
                    middle.push(extra);
                }
            }
            middle.push(0);
            middle.retain(|&m| m != start && m != end);
            let Some(p0) = self.places.get(start).cloned() else {
                continue;
            };
            middle.sort_by_key(|&m| {
                self.places
                    .get(m)
                    .map_or(0, |p| (p.dist_km(&p0) * 1000.0) as u64)
            });
            let mut route = vec![start];
            route.extend(middle);
            route.push(end);
            // Cumulative minutes from the first stop: 2.5 min per km plus 1 at each stop.
            let mut offsets = vec![0u32];
            for w in route.windows(2) {
                let (Some(a), Some(b)) = (self.places.get(w[0]), self.places.get(w[1])) else {
                    continue;
                };
                let step = ((a.dist_km(b) * 2.5).round() as u32 + 1).max(2);
                let last = offsets.last().copied().unwrap_or(0);
                offsets.push(last + step);
            }
            let total = offsets.last().copied().unwrap_or(0);
            let headway = 20 + 5 * self.between(0, 4);
            let saturday = self.chance(0.5);
            let mut courses = vec![];
            for back in [false, true] {
                let stops: Vec<(usize, u32)> = if back {
                    route
                        .iter()
                        .rev()
                        .zip(offsets.iter().rev())
                        .map(|(&s, &o)| (s, total - o))
                        .collect()
                } else {
                    route.iter().copied().zip(offsets.iter().copied()).collect()
                };
                let mut t = hm(5, 40) + self.between(0, 12);
                while t <= hm(20, 0) {
                    courses.push(self.course(&stops, t, &WEEK));
                    t += headway;
                }
                if saturday {
                    let mut t = hm(7, 0) + self.between(0, 20);
                    while t <= hm(19, 0) {
                        courses.push(self.course(&stops, t, &[Jour::Sam]));
                        t += 60;
                    }
                }
            }
            out.push(Ligne {
                id: format!("ligne-{}", l + 1),
                nom: Some(format!("Bus {}", l + 1)),
                courses,
            });
        }
        out
    }

    pub(super) fn course(&self, stops: &[(usize, u32)], t: u32, jours: &[Jour]) -> Course {
        Course {
            jours: jours.to_vec(),
            passages: stops
                .iter()
                .filter_map(|&(s, o)| Some((self.places.get(s)?.id.clone(), Heure(t + o))))
                .collect(),
        }
    }
}
