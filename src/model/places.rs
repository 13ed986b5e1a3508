//! Places: lieu indices, shortest walks over `trajets` (which may chain), in-day travel.

use crate::format::scenario::Scenario;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Places {
    /// Lieu ids in file order; a place's index is its position.
    pub ids: Vec<String>,
    pub index: BTreeMap<String, usize>,
    /// `walk[a][b]`: shortest walk in minutes over `trajets` entries (both ways), `None` if no path.
    /// `walk[a][a] = Some(0)`.
    pub walk: Vec<Vec<Option<u32>>>,
    /// `trajet_defaut_minutes`.
    pub default_minutes: u32,
}

impl Places {
    /// Floyd–Warshall over the `trajets` entries (both ways; the shortest entry wins when a pair
    /// is listed twice; entries naming an unknown lieu are ignored).
    pub fn new(sc: &Scenario) -> Places {
        let ids: Vec<String> = sc.lieux.iter().map(|l| l.id.clone()).collect();
        let mut index = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            // First occurrence wins (ids are unique in a validated scenario).
            index.entry(id.clone()).or_insert(i);
        }
        let n = ids.len();
        let mut walk: Vec<Vec<Option<u32>>> = vec![vec![None; n]; n];
        for (i, row) in walk.iter_mut().enumerate() {
            row[i] = Some(0);
        }
        for t in &sc.trajets {
            let (Some(&a), Some(&b)) = (index.get(&t.de), index.get(&t.a)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let m = walk[a][b].map_or(t.minutes, |old| old.min(t.minutes));
            walk[a][b] = Some(m);
            walk[b][a] = Some(m);
        }
        for k in 0..n {
            let row_k = walk[k].clone();
            for row_i in walk.iter_mut() {
                let Some(ik) = row_i[k] else { continue };
                for (ij, kj) in row_i.iter_mut().zip(&row_k) {
                    let Some(kj) = *kj else { continue };
                    let via = ik.saturating_add(kj);
                    if ij.is_none_or(|d| via < d) {
                        *ij = Some(via);
                    }
                }
            }
        }
        Places {
            ids,
            index,
            walk,
            default_minutes: sc.reglages.trajet_defaut_minutes,
        }
    }
    /// Index of a lieu id (validated scenarios always resolve).
    pub fn idx(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
    /// Minutes to move between two work places during the day (rule 1): the shortest walk, else
    /// `trajet_defaut_minutes` (the régie's van); 0 for the same place.
    pub fn travel(&self, a: usize, b: usize) -> u32 {
        if a == b {
            return 0;
        }
        self.walk_between(a, b).unwrap_or(self.default_minutes)
    }
    /// `walk[a][b]`, `None` also for an index out of range (never panics).
    pub fn walk_between(&self, a: usize, b: usize) -> Option<u32> {
        *self.walk.get(a)?.get(b)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::exemple;

    fn walk(p: &Places, a: &str, b: &str) -> Option<u32> {
        p.walk[p.idx(a).expect("a")][p.idx(b).expect("b")]
    }

    #[test]
    fn walks_chain_over_trajets_both_ways() {
        let p = Places::new(&exemple());
        assert_eq!(p.ids[0], "regie");
        assert_eq!(p.idx("organisme-x"), Some(5));
        assert_eq!(p.idx("inconnu"), None);
        // quartier-nord → regie (15) → parc-nord (20).
        assert_eq!(walk(&p, "quartier-nord", "parc-nord"), Some(35));
        assert_eq!(walk(&p, "parc-nord", "quartier-nord"), Some(35));
        // Direct 20 beats regie 15 + 10.
        assert_eq!(walk(&p, "quartier-nord", "residence-a"), Some(20));
        // Direct 25 beats regie 10 + 20.
        assert_eq!(walk(&p, "residence-a", "parc-nord"), Some(25));
        assert_eq!(walk(&p, "residence-a", "regie"), Some(10));
        assert_eq!(walk(&p, "regie", "regie"), Some(0));
        assert_eq!(walk(&p, "quartier-ouest", "quartier-ouest"), Some(0));
        assert_eq!(walk(&p, "quartier-ouest", "regie"), None);
        assert_eq!(walk(&p, "organisme-x", "regie"), None);
    }

    #[test]
    fn travel_uses_walk_else_default() {
        let mut sc = exemple();
        let p = Places::new(&sc);
        let i = |id: &str| p.idx(id).expect("lieu");
        assert_eq!(p.travel(i("quartier-nord"), i("parc-nord")), 35);
        assert_eq!(p.travel(i("regie"), i("organisme-x")), 30);
        assert_eq!(p.travel(i("organisme-x"), i("organisme-x")), 0);
        assert_eq!(p.travel(99, 98), 30);
        sc.reglages.trajet_defaut_minutes = 45;
        let p = Places::new(&sc);
        assert_eq!(p.travel(i("regie"), i("organisme-x")), 45);
        assert_eq!(p.travel(i("regie"), i("parc-nord")), 20);
    }

    #[test]
    fn duplicate_trajets_keep_the_shortest() {
        let mut sc = exemple();
        sc.trajets.push(crate::format::scenario::Trajet {
            de: "parc-nord".into(),
            a: "regie".into(),
            minutes: 12,
        });
        let p = Places::new(&sc);
        assert_eq!(walk(&p, "regie", "parc-nord"), Some(12));
        // quartier-nord → regie → parc-nord now 15 + 12.
        assert_eq!(walk(&p, "quartier-nord", "parc-nord"), Some(27));
        // residence-a → regie → parc-nord 10 + 12 = 22 beats the direct 25.
        assert_eq!(walk(&p, "residence-a", "parc-nord"), Some(22));
    }
}
