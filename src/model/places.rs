//! Places: lieu indices, shortest walks over `trajets` (which may chain), in-day travel.
//!
//! Walking times are computed only from the lieux that matter (a domicile, a chantier, a CIP,
//! an atelier, a formation or a bus stop names them), with one shortest-path search per such
//! lieu over the `trajets` graph, never all pairs: 20 000 lieux of which a few dozen are used
//! cost a few dozen searches, not 20 000³ steps and 20 000² distances.

use crate::format::scenario::Scenario;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// The scenario's places, indexed, with the shortest walks between them.
#[derive(Debug, Clone)]
pub struct Places {
    /// Lieu ids in file order; a place's index is its position.
    pub ids: Vec<String>,
    /// Place id → index.
    pub index: BTreeMap<String, usize>,
    /// The `trajets` graph: per lieu, its neighbours and the shortest entry's minutes.
    adj: Vec<Vec<(usize, u32)>>,
    /// Shortest walks in minutes from each lieu that matters to every lieu (`None`: no path),
    /// one row per such lieu, in index order.
    rows: Vec<Vec<Option<u32>>>,
    /// `row_of[p]`: the row of `rows` holding the walks from lieu `p` (`NO_ROW`: none kept).
    /// A plain vector, not a map: in-day travel reads it for every pair of items the kernel
    /// compares.
    row_of: Vec<u32>,
    /// In-day travel between two kept lieux, `travel[row_of[a] × rows.len() + row_of[b]]`
    /// (the walk, else `trajet_defaut_minutes`): one load where the kernel's day rules ask.
    travel: Vec<u32>,
    /// `trajet_defaut_minutes`.
    pub(crate) default_minutes: u32,
}

/// `Places::row_of` for a lieu whose walks are not kept.
const NO_ROW: u32 = u32::MAX;

/// Shortest walks from `src` over `adj` (Dijkstra; minutes add up saturating).
fn shortest_from(adj: &[Vec<(usize, u32)>], src: usize) -> Vec<Option<u32>> {
    let mut dist: Vec<Option<u32>> = vec![None; adj.len()];
    let Some(d0) = dist.get_mut(src) else {
        return dist;
    };
    *d0 = Some(0);
    let mut heap = BinaryHeap::from([Reverse((0u32, src))]);
    while let Some(Reverse((d, u))) = heap.pop() {
        if dist.get(u).copied().flatten().is_some_and(|best| d > best) {
            continue;
        }
        for &(v, w) in adj.get(u).map_or(&[][..], Vec::as_slice) {
            let nd = d.saturating_add(w);
            if let Some(slot) = dist.get_mut(v)
                && slot.is_none_or(|old| nd < old)
            {
                *slot = Some(nd);
                heap.push(Reverse((nd, v)));
            }
        }
    }
    dist
}

impl Places {
    /// The `trajets` graph (both ways; the shortest entry wins when a pair is listed twice;
    /// entries naming an unknown lieu are ignored) and the walks from every lieu that a
    /// domicile, chantier, CIP, atelier, formation or bus passage names.
    pub fn new(sc: &Scenario) -> Places {
        let ids: Vec<String> = sc.lieux.iter().map(|l| l.id.clone()).collect();
        let mut index = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            // First occurrence wins (ids are unique in a validated scenario).
            index.entry(id.clone()).or_insert(i);
        }
        let n = ids.len();
        let mut best: BTreeMap<(usize, usize), u32> = BTreeMap::new();
        for t in &sc.trajets {
            let (Some(&a), Some(&b)) = (index.get(&t.de), index.get(&t.a)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let key = (a.min(b), a.max(b));
            let m = best.get(&key).map_or(t.minutes, |&old| old.min(t.minutes));
            best.insert(key, m);
        }
        let mut adj: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
        for (&(a, b), &m) in &best {
            adj[a].push((b, m));
            adj[b].push((a, m));
        }
        let used: BTreeSet<usize> = sc
            .salaries
            .iter()
            .filter_map(|s| s.domicile.as_deref())
            .chain(sc.chantiers.iter().map(|c| c.lieu.as_str()))
            .chain(sc.cips.iter().map(|c| c.lieu.as_str()))
            .chain(sc.ateliers.iter().map(|a| a.lieu.as_str()))
            .chain(sc.formations.iter().map(|f| f.lieu.as_str()))
            .chain(
                sc.transports
                    .iter()
                    .flat_map(|l| &l.courses)
                    .flat_map(|c| &c.passages)
                    .map(|(lieu, _)| lieu.as_str()),
            )
            .filter_map(|id| index.get(id).copied())
            .collect();
        let mut row_of = vec![NO_ROW; n];
        let mut rows = Vec::with_capacity(used.len());
        for p in used {
            row_of[p] = u32::try_from(rows.len()).unwrap_or(NO_ROW);
            rows.push(shortest_from(&adj, p));
        }
        let default_minutes = sc.reglages.trajet_defaut_minutes;
        let kept: Vec<usize> = (0..n).filter(|&p| row_of[p] != NO_ROW).collect();
        let travel = rows
            .iter()
            .flat_map(|row| {
                kept.iter()
                    .map(move |&b| row.get(b).copied().flatten().unwrap_or(default_minutes))
            })
            .collect();
        Places {
            ids,
            index,
            adj,
            rows,
            row_of,
            travel,
            default_minutes,
        }
    }
    /// Index of a lieu id (validated scenarios always resolve).
    pub fn idx(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
    /// Minutes to move between two work places during the day (rule 1): the shortest walk, else
    /// `trajet_defaut_minutes` (the régie's van); 0 for the same place.
    #[inline]
    pub fn travel(&self, a: usize, b: usize) -> u32 {
        if a == b {
            return 0;
        }
        if let (Some(&ra), Some(&rb)) = (self.row_of.get(a), self.row_of.get(b))
            && ra != NO_ROW
            && rb != NO_ROW
            && let Some(&t) = (ra as usize)
                .checked_mul(self.rows.len())
                .and_then(|i| self.travel.get(i + rb as usize))
        {
            return t;
        }
        self.walk_between(a, b).unwrap_or(self.default_minutes)
    }
    /// The shortest walk between two lieux (walks go both ways), `Some(0)` from a lieu to
    /// itself, `None` without a path and for an index out of range (never panics).
    pub(crate) fn walk_between(&self, a: usize, b: usize) -> Option<u32> {
        let n = self.ids.len();
        if a >= n || b >= n {
            return None;
        }
        if a == b {
            return Some(0);
        }
        if let Some(row) = self.row(a) {
            return row.get(b).copied().flatten();
        }
        if let Some(row) = self.row(b) {
            return row.get(a).copied().flatten();
        }
        shortest_from(&self.adj, a).get(b).copied().flatten()
    }
    /// The walks from `p` are kept (a lieu that something names): [`Places::walk_from`] costs
    /// nothing for it.
    pub(crate) fn has_row(&self, p: usize) -> bool {
        self.row(p).is_some()
    }
    /// The kept walks from `p`, if any.
    fn row(&self, p: usize) -> Option<&Vec<Option<u32>>> {
        let r = *self.row_of.get(p)?;
        self.rows.get(usize::try_from(r).ok()?)
    }
    /// The shortest walks from `p` to every lieu (the same as to `p`: walks go both ways);
    /// computed on the spot for a lieu nothing names, all `None` out of range.
    pub(crate) fn walk_from(&self, p: usize) -> Cow<'_, [Option<u32>]> {
        match self.row(p) {
            Some(row) => Cow::Borrowed(row.as_slice()),
            None if p < self.ids.len() => Cow::Owned(shortest_from(&self.adj, p)),
            None => Cow::Owned(vec![None; self.ids.len()]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::exemple;

    fn walk(p: &Places, a: &str, b: &str) -> Option<u32> {
        p.walk_between(p.idx(a).expect("a"), p.idx(b).expect("b"))
    }

    #[test]
    fn a_lieu_nothing_names_is_walked_on_demand_like_the_others() {
        let mut sc = exemple();
        for i in 0..5 {
            sc.lieux.push(crate::format::scenario::Lieu {
                id: format!("chaine-{i}"),
                nom: None,
                gps: None,
                arrets: Vec::new(),
            });
            let de = if i == 0 {
                "regie".to_owned()
            } else {
                format!("chaine-{}", i - 1)
            };
            sc.trajets.push(crate::format::scenario::Trajet {
                de,
                a: format!("chaine-{i}"),
                minutes: 3,
            });
        }
        let p = Places::new(&sc);
        assert_eq!(walk(&p, "chaine-4", "regie"), Some(15));
        assert_eq!(walk(&p, "chaine-1", "chaine-4"), Some(9));
        assert_eq!(walk(&p, "chaine-4", "parc-nord"), Some(35));
        assert_eq!(walk(&p, "chaine-4", "quartier-ouest"), None);
        let row = p.walk_from(p.idx("chaine-2").expect("lieu"));
        assert_eq!(row[p.idx("regie").expect("regie")], Some(9));
        assert_eq!(p.walk_from(999).len(), p.ids.len());
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
