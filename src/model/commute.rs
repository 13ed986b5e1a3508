//! Commute (rule 3): for a salarié·e who is not `autonome`, the earliest arrival at each place
//! from home and the latest departure from each place that still gets home, per weekday, by a
//! connection scan over the timetable (walks chained over `trajets`, courses boarded at any
//! passage and left at any later one, changes when the next departure is at or after the arrival).
//! `marche`: walks only. Leaving home no earlier than `journee.debut`, home by `journee.fin`.

use super::places::Places;
use crate::format::gtfs::Reseau;
use crate::format::scenario::{Jour, Mobilite, Salarie, Scenario};

/// A salarié·e's commute windows: per weekday and place, the earliest arrival and the latest departure home.
#[derive(Debug, Clone)]
pub struct CommuteTable {
    /// `arrive[jour][lieu]`: earliest arrival (minutes) at the lieu, `None` if unreachable.
    pub arrive: [Vec<Option<u32>>; 7],
    /// `depart[jour][lieu]`: latest departure (minutes) from the lieu that gets home by the end
    /// of `journee`, `None` if home cannot be reached from it.
    pub depart: [Vec<Option<u32>>; 7],
}

impl CommuteTable {
    /// `None` for `autonome` salarié·es (any time inside `journee` works).
    ///
    /// `marche`: walks only; `transports`: walks and courses. A `domicile` missing or unknown
    /// (validation forbids it) makes every place unreachable.
    pub fn for_salarie(sc: &Scenario, places: &Places, s: &Salarie) -> Option<CommuteTable> {
        Self::for_salarie_in(sc, &Network::new(sc, places), places, s)
    }
    /// [`CommuteTable::for_salarie`] on a network built once for the scenario.
    pub(crate) fn for_salarie_in(
        sc: &Scenario,
        net: &Network,
        places: &Places,
        s: &Salarie,
    ) -> Option<CommuteTable> {
        let transit = match s.mobilite {
            Mobilite::Autonome => return None,
            Mobilite::Marche => false,
            Mobilite::Transports => true,
        };
        let n = places.ids.len();
        let home = s.domicile.as_deref().and_then(|d| places.idx(d));
        let journee = sc.reglages.journee;
        let arrive = std::array::from_fn(|j| match home {
            Some(h) => net.earliest(h, Jour::ALL[j], journee.debut, transit),
            None => vec![None; n],
        });
        let depart = std::array::from_fn(|j| match home {
            Some(h) => net.latest(h, Jour::ALL[j], journee.fin, transit),
            None => vec![None; n],
        });
        Some(CommuteTable { arrive, depart })
    }
    /// The window `[earliest arrival, latest departure]` at `lieu` on `jour`, if the place can be
    /// both reached and left for home that day (`None` too for an index out of range).
    pub fn window(&self, jour: Jour, lieu: usize) -> Option<(u32, u32)> {
        Some((
            (*self.arrive[jour.index()].get(lieu)?)?,
            (*self.depart[jour.index()].get(lieu)?)?,
        ))
    }
}

/// How the journey scan first reached a node: walking from a node, or riding a course from
/// its stop `board` to its stop `alight`.
#[derive(Clone, Copy)]
enum Parent {
    Walk(usize),
    Ride {
        course: usize,
        board: usize,
        alight: usize,
    },
}

/// One ride of a journey: the line, where to board and when, where to get off and when (nodes
/// of [`Network`]: name them with [`Network::nom`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    /// The line's name, as the network names it.
    pub ligne: String,
    /// The node where one boards.
    pub monter: usize,
    /// Departure, minutes after midnight.
    pub depart: u32,
    /// The node where one gets off.
    pub descendre: usize,
    /// Arrival, minutes after midnight.
    pub arrivee: u32,
}

/// A journey: when to leave, the rides in order (none: on foot), when one arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    /// When to leave, minutes after midnight.
    pub partir: u32,
    /// The rides in order (empty: on foot).
    pub legs: Vec<Leg>,
    /// Arrival, minutes after midnight.
    pub arrivee: u32,
}

/// One stop of a course in the scan: a node (a lieu, or a GTFS stop after the lieux), the
/// arrival (`None`: cannot alight) and the departure (`None`: cannot board), in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    /// The stop, by index in the network.
    pub node: usize,
    /// Minute of arrival, when one may alight here.
    pub arr: Option<u32>,
    pub(crate) dep: Option<u32>,
}

/// What the connection scan runs on: the lieux (nodes `0..n`, the indices of [`Places`]), then
/// the stops of the scenario's GTFS feed (node `n + k` for `reseau.arrets[k]`); the walks
/// between them; each weekday's courses, `transports` and GTFS trips alike.
///
/// Walks: between lieux, the `trajets` ones ([`Places::walk`]); between a lieu and a stop, or two
/// stops, the shortest chain of `trajets` and lieu–stop ties (`lieux[].arrets`, `gps`). A walk
/// through a stop never shortens a walk between two lieux. Change points (stops tied to no lieu)
/// are left only by a course.
#[derive(Debug, Clone)]
pub struct Network {
    lieux: usize,
    nodes: usize,
    /// `walk[a][b]` for the lieux and the stops tied to a lieu; an empty row (a lieu that
    /// nothing names, without a GTFS feed) is read from `places` on demand.
    walk: Vec<Vec<Option<u32>>>,
    /// The lieux and their walks ([`Places::walk_from`]).
    places: Places,
    courses: [Vec<Vec<Stop>>; 7],
    /// `lignes[j][k]`: the name of the line of `courses[j][k]` (`transports[].nom`, else its
    /// id; `Ligne` and the GTFS route's short name).
    lignes: [Vec<String>; 7],
    /// A node's name: the lieu's `nom` (else its id), the stop's name (else its id).
    noms: Vec<String>,
}

impl Network {
    /// The bus network of the scenario (`transports` and GTFS courses) over its places.
    pub fn new(sc: &Scenario, places: &Places) -> Network {
        let n = places.ids.len();
        let reseau = sc.gtfs.as_ref().and_then(|g| g.reseau.as_deref());
        let (tied, stops) = reseau.map_or((0, 0), |r| (r.proches, r.arrets.len()));
        let walk = walks(places, reseau);
        let mut courses: [Vec<Vec<Stop>>; 7] = Default::default();
        let mut lignes: [Vec<String>; 7] = Default::default();
        for (j, (day, names)) in courses.iter_mut().zip(lignes.iter_mut()).enumerate() {
            let jour = Jour::ALL[j];
            for (l, c) in sc
                .transports
                .iter()
                .flat_map(|l| l.courses.iter().map(move |c| (l, c)))
            {
                if c.jours.contains(&jour) {
                    names.push(l.nom.clone().unwrap_or_else(|| l.id.clone()));
                    day.push(
                        c.passages
                            .iter()
                            .filter_map(|(lieu, h)| {
                                Some(Stop {
                                    node: places.idx(lieu)?,
                                    arr: Some(h.0),
                                    dep: Some(h.0),
                                })
                            })
                            .collect(),
                    );
                }
            }
            let mut gtfs: Vec<(Vec<Stop>, String)> = reseau
                .iter()
                .flat_map(|r| &r.courses)
                .filter(|c| c.jours.contains(&jour))
                .map(|c| {
                    let stops = c
                        .passages
                        .iter()
                        .map(|p| Stop {
                            node: n + p.arret,
                            arr: p.arrivee,
                            dep: p.depart,
                        })
                        .collect();
                    (stops, format!("Ligne {}", c.ligne))
                })
                .collect();
            // In order of first departure: the first pass of the scan then does most of the work
            // (the result does not depend on the order; the sort is stable).
            gtfs.sort_by_key(|(c, _)| c.iter().find_map(|s| s.dep));
            for (c, name) in gtfs {
                day.push(c);
                names.push(name);
            }
        }
        let noms = sc
            .lieux
            .iter()
            .map(|l| l.nom.clone().unwrap_or_else(|| l.id.clone()))
            .chain(
                reseau
                    .iter()
                    .flat_map(|r| &r.arrets)
                    .map(|a| a.nom.clone().unwrap_or_else(|| a.id.clone())),
            )
            .collect();
        Network {
            lieux: n,
            nodes: n + stops,
            walk: {
                debug_assert_eq!(walk.len(), n + tied);
                walk
            },
            courses,
            lignes,
            noms,
            places: places.clone(),
        }
    }

    /// The walks from node `a` to every node (walks go both ways: also the walks to `a`).
    fn row(&self, a: usize) -> Option<std::borrow::Cow<'_, [Option<u32>]>> {
        let row = self.walk.get(a)?;
        if row.is_empty() && a < self.lieux {
            return Some(self.places.walk_from(a));
        }
        Some(std::borrow::Cow::Borrowed(row.as_slice()))
    }

    /// The courses running on `jour`, each with its line's name.
    pub fn courses(&self, jour: Jour) -> impl Iterator<Item = (&str, &[Stop])> {
        self.lignes[jour.index()]
            .iter()
            .map(String::as_str)
            .zip(self.courses[jour.index()].iter().map(Vec::as_slice))
    }

    /// A node's name (empty for a node out of range).
    pub fn nom(&self, node: usize) -> &str {
        self.noms.get(node).map_or("", String::as_str)
    }

    /// The walk in minutes from node `a` to node `b` (0 for the same node).
    pub fn walk(&self, a: usize, b: usize) -> Option<u32> {
        if a == b {
            return Some(0);
        }
        match (self.walk.get(a), self.walk.get(b)) {
            (Some(row), _) if !row.is_empty() => row.get(b).copied().flatten(),
            (_, Some(row)) if !row.is_empty() => row.get(a).copied().flatten(),
            _ => self.places.walk_between(a, b),
        }
    }

    /// Earliest arrival at every lieu leaving lieu `home` no earlier than `leave` on `jour`.
    /// `transit`: ride courses (mobilité `transports`) or only walk (`marche`).
    pub fn earliest(&self, home: usize, jour: Jour, leave: u32, transit: bool) -> Vec<Option<u32>> {
        let mut arr: Vec<Option<u32>> = (0..self.nodes)
            .map(|p| self.walk(home, p).map(|w| leave.saturating_add(w)))
            .collect();
        if transit {
            self.scan_earliest(&mut arr, jour);
        }
        arr.truncate(self.lieux);
        arr
    }

    /// Repeated scans until nothing improves: the least fixpoint of the boarding rule, which is
    /// what a single connection scan in departure order gives on a consistent timetable, and
    /// stays exact with equal times and zero-minute walks.
    fn scan_earliest(&self, arr: &mut [Option<u32>], jour: Jour) {
        loop {
            let mut changed = false;
            for c in &self.courses[jour.index()] {
                let Some(board) = c.iter().position(|s| {
                    s.dep
                        .is_some_and(|d| arr.get(s.node).copied().flatten().is_some_and(|a| a <= d))
                }) else {
                    continue;
                };
                for s in &c[board + 1..] {
                    let Some(t) = s.arr else { continue };
                    let Some(slot) = arr.get_mut(s.node) else {
                        continue;
                    };
                    if slot.is_none_or(|a| t < a) {
                        *slot = Some(t);
                        changed = true;
                        if let Some(row) = self.row(s.node) {
                            for (q, w) in row.iter().enumerate() {
                                if let Some(v) = w.map(|w| t.saturating_add(w))
                                    && arr[q].is_none_or(|a| v < a)
                                {
                                    arr[q] = Some(v);
                                }
                            }
                        }
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// The journey from lieu `from` to lieu `to` on `jour` that leaves no earlier than `leave`
    /// and arrives earliest, leg by leg (walks between legs are not legs). `None` when `to`
    /// cannot be reached. With several journeys arriving at the same time, the one the scan
    /// finds first (the courses in their order).
    pub fn journey(&self, from: usize, to: usize, jour: Jour, leave: u32) -> Option<Journey> {
        let (arr, parent) = self.scan_with_parents(from, jour, leave);
        let arrivee = arr.get(to).copied().flatten()?;
        // Back from `to` to `from` along the parents (at most one step per node).
        let mut legs: Vec<Leg> = Vec::new();
        let mut node = to;
        for _ in 0..=self.nodes {
            if node == from {
                legs.reverse();
                let partir = match legs.first() {
                    Some(l) => self
                        .walk(from, l.monter)
                        .map_or(leave, |w| l.depart.saturating_sub(w)),
                    None => leave,
                };
                return Some(Journey {
                    partir,
                    legs,
                    arrivee,
                });
            }
            match parent.get(node).copied().flatten()? {
                Parent::Walk(p) => node = p,
                Parent::Ride {
                    course,
                    board,
                    alight,
                } => {
                    let leg = self.leg(jour, course, board, alight, &arr, &parent)?;
                    node = leg.monter;
                    legs.push(leg);
                }
            }
        }
        None
    }

    /// The connection scan of [`Network::earliest`] from lieu `from`, keeping how each node
    /// was reached first: earliest arrivals and parents.
    fn scan_with_parents(
        &self,
        from: usize,
        jour: Jour,
        leave: u32,
    ) -> (Vec<Option<u32>>, Vec<Option<Parent>>) {
        let mut arr: Vec<Option<u32>> = (0..self.nodes)
            .map(|p| self.walk(from, p).map(|w| leave.saturating_add(w)))
            .collect();
        let mut parent: Vec<Option<Parent>> = (0..self.nodes)
            .map(|p| (p != from && arr[p].is_some()).then_some(Parent::Walk(from)))
            .collect();
        let courses = &self.courses[jour.index()];
        loop {
            let mut changed = false;
            for (ci, c) in courses.iter().enumerate() {
                let Some(board) = c.iter().position(|s| {
                    s.dep
                        .is_some_and(|d| arr.get(s.node).copied().flatten().is_some_and(|a| a <= d))
                }) else {
                    continue;
                };
                for (k, s) in c.iter().enumerate().skip(board + 1) {
                    let Some(t) = s.arr else { continue };
                    if arr.get(s.node).is_none_or(|a| a.is_some_and(|a| a <= t)) {
                        continue;
                    }
                    arr[s.node] = Some(t);
                    parent[s.node] = Some(Parent::Ride {
                        course: ci,
                        board,
                        alight: k,
                    });
                    changed = true;
                    if let Some(row) = self.row(s.node) {
                        for (q, w) in row.iter().enumerate() {
                            if let Some(v) = w.map(|w| t.saturating_add(w))
                                && q != s.node
                                && arr[q].is_none_or(|a| v < a)
                            {
                                arr[q] = Some(v);
                                parent[q] = Some(Parent::Walk(s.node));
                            }
                        }
                    }
                }
            }
            if !changed {
                return (arr, parent);
            }
        }
    }

    /// The ride of course `course` that ends at its stop `alight`. Where to board: a stop
    /// before `alight` reached in time, not by this same course, and preferably straight off a
    /// ride or at the start (no walk to it); the latest such. Else the first stop reached in
    /// time.
    fn leg(
        &self,
        jour: Jour,
        course: usize,
        board: usize,
        alight: usize,
        arr: &[Option<u32>],
        parent: &[Option<Parent>],
    ) -> Option<Leg> {
        let c = self.courses[jour.index()].get(course)?;
        let in_time = |k: usize| {
            c[k].dep.is_some_and(|d| {
                arr.get(c[k].node)
                    .copied()
                    .flatten()
                    .is_some_and(|a| a <= d)
            })
        };
        let how = |k: usize| parent.get(c[k].node).copied().flatten();
        let not_this =
            |k: usize| !matches!(how(k), Some(Parent::Ride { course: x, .. }) if x == course);
        let no_walk = |k: usize| !matches!(how(k), Some(Parent::Walk(_)));
        let board = (board..alight)
            .rev()
            .find(|&k| in_time(k) && not_this(k) && no_walk(k))
            .or_else(|| (board..alight).find(|&k| in_time(k) && not_this(k)))
            .unwrap_or(board);
        let (b, a) = (c.get(board)?, c.get(alight)?);
        Some(Leg {
            ligne: self.lignes[jour.index()].get(course)?.clone(),
            monter: b.node,
            depart: b.dep.unwrap_or(0),
            descendre: a.node,
            arrivee: a.arr.unwrap_or(0),
        })
    }

    /// The journey from lieu `from` that reaches lieu `to` by `by` on `jour`, leaving as late
    /// as possible (but not before `earliest`), then arriving as early as possible.
    pub fn journey_by(
        &self,
        from: usize,
        to: usize,
        jour: Jour,
        earliest: u32,
        by: u32,
        transit: bool,
    ) -> Option<Journey> {
        let leave = (*self.latest(to, jour, by, transit).get(from)?)?;
        self.journey(from, to, jour, leave.max(earliest))
            .filter(|j| j.arrivee <= by)
    }

    /// Latest departure from every lieu that reaches lieu `home` by `back` on `jour`.
    pub(crate) fn latest(
        &self,
        home: usize,
        jour: Jour,
        back: u32,
        transit: bool,
    ) -> Vec<Option<u32>> {
        let mut dep: Vec<Option<u32>> = (0..self.nodes)
            .map(|p| self.walk(p, home).and_then(|w| back.checked_sub(w)))
            .collect();
        if transit {
            self.scan_latest(&mut dep, jour);
        }
        dep.truncate(self.lieux);
        dep
    }

    /// The mirror of `scan_earliest`: alight at the last stop that still gets home, board at any
    /// earlier one, walk backwards from there.
    fn scan_latest(&self, dep: &mut [Option<u32>], jour: Jour) {
        loop {
            let mut changed = false;
            for c in &self.courses[jour.index()] {
                let Some(alight) = c.iter().rposition(|s| {
                    s.arr
                        .is_some_and(|t| dep.get(s.node).copied().flatten().is_some_and(|d| t <= d))
                }) else {
                    continue;
                };
                for s in &c[..alight] {
                    let Some(t) = s.dep else { continue };
                    let Some(slot) = dep.get_mut(s.node) else {
                        continue;
                    };
                    if slot.is_none_or(|d| t > d) {
                        *slot = Some(t);
                        changed = true;
                        // Walks go both ways: the walks to `s.node` are its row.
                        if let Some(row) = self.row(s.node) {
                            for (q, w) in row.iter().enumerate() {
                                if let Some(v) = w.and_then(|w| t.checked_sub(w))
                                    && let Some(slot) = dep.get_mut(q)
                                    && slot.is_none_or(|d| v > d)
                                {
                                    *slot = Some(v);
                                }
                            }
                        }
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }
}

/// The walk matrix of [`Network`]: `Places::walk` for the lieux, the ties of the GTFS feed,
/// closed by Floyd–Warshall, then the lieu–lieu block reset to `Places::walk`.
fn walks(places: &Places, reseau: Option<&Reseau>) -> Vec<Vec<Option<u32>>> {
    let n = places.ids.len();
    let Some(r) = reseau else {
        // Without a feed: the rows of the lieux that something names; the others on demand.
        return (0..n)
            .map(|i| {
                if places.has_row(i) {
                    places.walk_from(i).into_owned()
                } else {
                    Vec::new()
                }
            })
            .collect();
    };
    let m = n + r.proches;
    let mut w: Vec<Vec<Option<u32>>> = vec![vec![None; m]; m];
    for (i, row) in w.iter_mut().enumerate() {
        row[i] = Some(0);
        let src = places.walk_from(i);
        if src.len() == n {
            row[..n].copy_from_slice(&src);
        }
    }
    for l in &r.liens {
        let (Some(a), b) = (places.idx(&l.lieu), n + l.arret) else {
            continue;
        };
        if b < m && w[a][b].is_none_or(|x| l.minutes < x) {
            w[a][b] = Some(l.minutes);
            w[b][a] = Some(l.minutes);
        }
    }
    for k in 0..m {
        let row_k = w[k].clone();
        for row_i in w.iter_mut() {
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
    for (i, row) in w.iter_mut().enumerate().take(n) {
        let src = places.walk_from(i);
        if src.len() == n {
            row[..n].copy_from_slice(&src);
        }
    }
    w
}

/// Earliest arrival at every place leaving `home` no earlier than `leave` on `jour`.
/// `transit`: ride courses (mobilité `transports`) or only walk (`marche`).
#[cfg(test)]
pub(crate) fn earliest_arrivals(
    sc: &Scenario,
    places: &Places,
    home: usize,
    jour: Jour,
    leave: u32,
    transit: bool,
) -> Vec<Option<u32>> {
    Network::new(sc, places).earliest(home, jour, leave, transit)
}

/// The courses running on `jour`, each as its passages `(lieu index, minutes)` in service order
/// (a passage at an unknown lieu, impossible after validation, is left out).
#[cfg(test)]
fn courses_on(sc: &Scenario, places: &Places, jour: Jour) -> Vec<Vec<(usize, u32)>> {
    sc.transports
        .iter()
        .flat_map(|l| &l.courses)
        .filter(|c| c.jours.contains(&jour))
        .map(|c| {
            c.passages
                .iter()
                .filter_map(|(lieu, h)| Some((places.idx(lieu)?, h.0)))
                .collect()
        })
        .collect()
}

/// Latest departure from every place that reaches `home` by `back` on `jour`.
#[cfg(test)]
pub(crate) fn latest_departures(
    sc: &Scenario,
    places: &Places,
    home: usize,
    jour: Jour,
    back: u32,
    transit: bool,
) -> Vec<Option<u32>> {
    Network::new(sc, places).latest(home, jour, back, transit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::time::Heure;
    use crate::model::testing::{exemple, hm, salarie};

    /// `(lieu, "HH:MM" or "-")` for each place, in the order of `lieux`.
    fn named(p: &Places, v: &[Option<u32>]) -> Vec<(String, String)> {
        p.ids
            .iter()
            .zip(v)
            .map(|(id, t)| {
                let t = t.map_or("-".to_owned(), crate::format::time::fmt_hhmm);
                (id.clone(), t)
            })
            .collect()
    }

    fn expect(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn s01_by_bus_on_monday() {
        let sc = exemple();
        let p = Places::new(&sc);
        let t = CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s01")).expect("transports");
        let lun = Jour::Lun.index();
        // quartier-nord: bus 3 to residence-a (06:22) then 20 min walk; organisme-x: change at
        // regie (06:31) to bus 5 (08:00).
        assert_eq!(
            named(&p, &t.arrive[lun]),
            expect(&[
                ("regie", "06:31"),
                ("residence-a", "06:22"),
                ("parc-nord", "06:40"),
                ("quartier-ouest", "05:00"),
                ("quartier-nord", "06:42"),
                ("organisme-x", "08:20"),
            ])
        );
        // Home by the 17:40 course of bus 3 (quartier-ouest 18:15); organisme-x: bus 5 at 16:40
        // then bus 3 at regie 17:49; quartier-nord: walk 20 min to residence-a (17:58).
        assert_eq!(
            named(&p, &t.depart[lun]),
            expect(&[
                ("regie", "17:49"),
                ("residence-a", "17:58"),
                ("parc-nord", "17:40"),
                ("quartier-ouest", "21:00"),
                ("quartier-nord", "17:38"),
                ("organisme-x", "16:40"),
            ])
        );
        let regie = p.idx("regie").expect("regie");
        assert_eq!(t.window(Jour::Lun, regie), Some((hm("06:31"), hm("17:49"))));
    }

    #[test]
    fn s01_on_saturday_reaches_only_home() {
        let sc = exemple();
        let p = Places::new(&sc);
        let t = CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s01")).expect("transports");
        for jour in [Jour::Sam, Jour::Dim] {
            let j = jour.index();
            let home = p.idx("quartier-ouest").expect("home");
            for l in 0..p.ids.len() {
                if l == home {
                    assert_eq!(t.arrive[j][l], Some(hm("05:00")));
                    assert_eq!(t.depart[j][l], Some(hm("21:00")));
                } else {
                    assert_eq!(t.arrive[j][l], None);
                    assert_eq!(t.depart[j][l], None);
                    assert_eq!(t.window(jour, l), None);
                }
            }
            assert_eq!(t.window(jour, p.ids.len()), None);
        }
    }

    #[test]
    fn s03_walks_only() {
        let sc = exemple();
        let p = Places::new(&sc);
        let t = CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s03")).expect("marche");
        for j in [Jour::Lun, Jour::Sam] {
            assert_eq!(
                named(&p, &t.arrive[j.index()]),
                expect(&[
                    ("regie", "05:15"),
                    ("residence-a", "05:20"),
                    ("parc-nord", "05:35"),
                    ("quartier-ouest", "-"),
                    ("quartier-nord", "05:00"),
                    ("organisme-x", "-"),
                ])
            );
            assert_eq!(
                named(&p, &t.depart[j.index()]),
                expect(&[
                    ("regie", "20:45"),
                    ("residence-a", "20:40"),
                    ("parc-nord", "20:25"),
                    ("quartier-ouest", "-"),
                    ("quartier-nord", "21:00"),
                    ("organisme-x", "-"),
                ])
            );
        }
    }

    #[test]
    fn autonome_has_no_table() {
        let sc = exemple();
        let p = Places::new(&sc);
        assert!(CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s02")).is_none());
        assert!(CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s12")).is_none());
    }

    #[test]
    fn walk_then_ride_from_quartier_nord() {
        // With transit, quartier-nord walks to parc-nord (05:35) and boards the 11:40 course
        // towards quartier-ouest (12:15); regie 05:15 then bus 5 at 08:00 to organisme-x.
        let sc = exemple();
        let p = Places::new(&sc);
        let qn = p.idx("quartier-nord").expect("qn");
        let arr = earliest_arrivals(&sc, &p, qn, Jour::Mar, hm("05:00"), true);
        assert_eq!(arr[p.idx("quartier-ouest").expect("qo")], Some(hm("12:15")));
        assert_eq!(arr[p.idx("organisme-x").expect("ox")], Some(hm("08:20")));
        assert_eq!(arr[p.idx("regie").expect("regie")], Some(hm("05:15")));
        // Back home from quartier-ouest: the last course leaving it is 12:20 (residence-a 12:37,
        // then a 20 min walk); organisme-x: bus 5 at 16:40 to regie, then a 15 min walk.
        let dep = latest_departures(&sc, &p, qn, Jour::Mar, hm("21:00"), true);
        assert_eq!(dep[p.idx("quartier-ouest").expect("qo")], Some(hm("12:20")));
        assert_eq!(dep[p.idx("organisme-x").expect("ox")], Some(hm("16:40")));
    }

    #[test]
    fn a_change_needs_the_next_departure_at_or_after_the_arrival() {
        let sc0 = exemple();
        let p = Places::new(&sc0);
        let qo = p.idx("quartier-ouest").expect("qo");
        let ox = p.idx("organisme-x").expect("ox");
        let with_bus5 = |first: [(&str, &str); 2], second: [(&str, &str); 2]| {
            let mut sc = exemple();
            let courses = &mut sc.transports[1].courses;
            courses[0].passages = first
                .iter()
                .map(|(l, h)| ((*l).into(), Heure(hm(h))))
                .collect();
            courses[1].passages = second
                .iter()
                .map(|(l, h)| ((*l).into(), Heure(hm(h))))
                .collect();
            sc
        };
        // Bus 3 reaches regie at 06:31: bus 5 leaving at 06:31 is caught, at 06:30 missed.
        let sc = with_bus5(
            [("regie", "06:31"), ("organisme-x", "06:51")],
            [("organisme-x", "17:29"), ("regie", "17:49")],
        );
        assert_eq!(
            earliest_arrivals(&sc, &p, qo, Jour::Lun, hm("05:00"), true)[ox],
            Some(hm("06:51"))
        );
        // Bus 5 reaching regie at 17:49 still catches bus 3 leaving regie at 17:49.
        assert_eq!(
            latest_departures(&sc, &p, qo, Jour::Lun, hm("21:00"), true)[ox],
            Some(hm("17:29"))
        );
        let sc = with_bus5(
            [("regie", "06:30"), ("organisme-x", "06:50")],
            [("organisme-x", "17:30"), ("regie", "17:50")],
        );
        assert_eq!(
            earliest_arrivals(&sc, &p, qo, Jour::Lun, hm("05:00"), true)[ox],
            None
        );
        assert_eq!(
            latest_departures(&sc, &p, qo, Jour::Lun, hm("21:00"), true)[ox],
            None
        );
    }

    #[test]
    fn journee_bounds_the_commute() {
        let mut sc = exemple();
        sc.reglages.journee.debut = hm("07:00");
        sc.reglages.journee.fin = hm("18:00");
        let p = Places::new(&sc);
        let t = CommuteTable::for_salarie(&sc, &p, salarie(&sc, "s01")).expect("transports");
        let lun = Jour::Lun.index();
        // First course caught: 07:35; regie 08:01 misses bus 5 at 08:00.
        assert_eq!(
            t.arrive[lun][p.idx("residence-a").expect("ra")],
            Some(hm("07:52"))
        );
        assert_eq!(
            t.arrive[lun][p.idx("regie").expect("regie")],
            Some(hm("08:01"))
        );
        assert_eq!(t.arrive[lun][p.idx("organisme-x").expect("ox")], None);
        // Home by 18:00: the 17:40 course arrives 18:15, too late; the 15:40 one arrives 16:15.
        assert_eq!(
            t.depart[lun][p.idx("regie").expect("regie")],
            Some(hm("15:49"))
        );
        assert_eq!(t.depart[lun][p.idx("organisme-x").expect("ox")], None);
    }

    /// The textbook single-pass connection scan (connections sorted by departure, a per-course
    /// "boarded" flag), used as an independent reference for `earliest_arrivals`.
    fn reference_earliest(
        sc: &Scenario,
        p: &Places,
        home: usize,
        jour: Jour,
        leave: u32,
    ) -> Vec<Option<u32>> {
        let mut arr: Vec<Option<u32>> = (0..p.ids.len())
            .map(|q| p.walk_between(home, q).map(|w| leave + w))
            .collect();
        let mut conns = Vec::new();
        for (k, c) in courses_on(sc, p, jour).iter().enumerate() {
            for w in c.windows(2) {
                conns.push((w[0].1, w[1].1, w[0].0, w[1].0, k));
            }
        }
        conns.sort();
        let mut boarded = vec![false; conns.len()];
        for (t0, t1, a, b, k) in conns {
            if boarded[k] || arr[a].is_some_and(|x| x <= t0) {
                boarded[k] = true;
                if arr[b].is_none_or(|x| t1 < x) {
                    arr[b] = Some(t1);
                    for (q, w) in p.walk_from(b).iter().enumerate() {
                        if let Some(w) = w
                            && arr[q].is_none_or(|x| t1 + w < x)
                        {
                            arr[q] = Some(t1 + w);
                        }
                    }
                }
            }
        }
        arr
    }

    /// The mirror: connections by decreasing arrival, a per-course "can alight" flag.
    fn reference_latest(
        sc: &Scenario,
        p: &Places,
        home: usize,
        jour: Jour,
        back: u32,
    ) -> Vec<Option<u32>> {
        let mut dep: Vec<Option<u32>> = (0..p.ids.len())
            .map(|q| p.walk_between(q, home).and_then(|w| back.checked_sub(w)))
            .collect();
        let mut conns = Vec::new();
        for (k, c) in courses_on(sc, p, jour).iter().enumerate() {
            for w in c.windows(2) {
                conns.push((w[1].1, w[0].1, w[1].0, w[0].0, k));
            }
        }
        conns.sort();
        conns.reverse();
        let mut alight = vec![false; conns.len()];
        for (t1, t0, b, a, k) in conns {
            if alight[k] || dep[b].is_some_and(|x| t1 <= x) {
                alight[k] = true;
                if dep[a].is_none_or(|x| t0 > x) {
                    dep[a] = Some(t0);
                    for (q, w) in p.walk_from(a).iter().enumerate() {
                        if let Some(v) = w.and_then(|w| t0.checked_sub(w))
                            && dep[q].is_none_or(|x| v > x)
                        {
                            dep[q] = Some(v);
                        }
                    }
                }
            }
        }
        dep
    }

    #[test]
    fn agrees_with_the_textbook_connection_scan() {
        let sc = exemple();
        let p = Places::new(&sc);
        for home in 0..p.ids.len() {
            for jour in Jour::ALL {
                for t in (hm("05:00")..=hm("21:00")).step_by(15) {
                    assert_eq!(
                        earliest_arrivals(&sc, &p, home, jour, t, true),
                        reference_earliest(&sc, &p, home, jour, t),
                        "arrivées depuis {} le {} à {t}",
                        p.ids[home],
                        jour.nom()
                    );
                    assert_eq!(
                        latest_departures(&sc, &p, home, jour, t, true),
                        reference_latest(&sc, &p, home, jour, t),
                        "départs vers {} le {} à {t}",
                        p.ids[home],
                        jour.nom()
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Random walks and timetables (strictly increasing times along a course, walks of at
        /// least one minute): the fixpoint scan equals the textbook single pass.
        #[test]
        fn random_timetables_agree_with_the_textbook_scan(
            trajets in proptest::collection::vec((0usize..6, 0usize..6, 1u32..40), 0..6),
            courses in proptest::collection::vec(
                (proptest::collection::vec((0usize..6, 1u32..30), 2..5), 300u32..1200),
                0..8,
            ),
            home in 0usize..6,
            leave in 300u32..900,
            back in 600u32..1260,
        ) {
            let mut sc = exemple();
            let lieu = |i: usize| sc.lieux[i].id.clone();
            sc.trajets = trajets
                .iter()
                .map(|&(a, b, m)| crate::format::scenario::Trajet { de: lieu(a), a: lieu(b), minutes: m })
                .collect();
            let mut lines = Vec::new();
            for (stops, start) in &courses {
                let mut t = *start;
                let mut passages = Vec::new();
                for &(stop, gap) in stops {
                    passages.push((lieu(stop), Heure(t)));
                    t += gap;
                }
                lines.push(crate::format::scenario::Course { jours: vec![Jour::Lun], passages });
            }
            sc.transports = vec![crate::format::scenario::Ligne {
                id: "l".into(),
                nom: None,
                courses: lines,
            }];
            let p = Places::new(&sc);
            proptest::prop_assert_eq!(
                earliest_arrivals(&sc, &p, home, Jour::Lun, leave, true),
                reference_earliest(&sc, &p, home, Jour::Lun, leave)
            );
            proptest::prop_assert_eq!(
                latest_departures(&sc, &p, home, Jour::Lun, back, true),
                reference_latest(&sc, &p, home, Jour::Lun, back)
            );
        }
    }

    /// Quartier Ouest to the Organisme de formation (exemple): no course goes there straight;
    /// Bus 3 to the régie, then Bus 5. The journey names both rides, boarding at the régie
    /// (where Bus 3 leaves one), not at a stop one would walk to.
    #[test]
    fn a_journey_with_a_change_gives_each_ride() {
        let sc = exemple();
        let p = Places::new(&sc);
        let net = Network::new(&sc, &p);
        let i = |id: &str| p.idx(id).expect("lieu");
        let (home, regie, orga) = (i("quartier-ouest"), i("regie"), i("organisme-x"));
        let j = net
            .journey_by(home, orga, Jour::Mer, hm("05:00"), hm("08:30"), true)
            .expect("un trajet");
        let legs: Vec<(&str, usize, u32, usize, u32)> = j
            .legs
            .iter()
            .map(|l| (l.ligne.as_str(), l.monter, l.depart, l.descendre, l.arrivee))
            .collect();
        assert_eq!(
            legs,
            [
                ("Bus 3", home, hm("06:50"), regie, hm("07:16")),
                ("Bus 5", regie, hm("08:00"), orga, hm("08:20")),
            ]
        );
        assert_eq!((j.partir, j.arrivee), (hm("06:50"), hm("08:20")));
        // Back after 16:30: Bus 5 at 16:40, then Bus 3 boarded at the régie at 17:49.
        let r = net
            .journey(orga, home, Jour::Mer, hm("16:30"))
            .expect("retour");
        let legs: Vec<(usize, u32, usize, u32)> = r
            .legs
            .iter()
            .map(|l| (l.monter, l.depart, l.descendre, l.arrivee))
            .collect();
        assert_eq!(
            legs,
            [
                (orga, hm("16:40"), regie, hm("17:00")),
                (regie, hm("17:49"), home, hm("18:15")),
            ]
        );
        // Too late for any journey: none.
        assert!(
            net.journey_by(home, orga, Jour::Mer, hm("05:00"), hm("08:10"), true)
                .is_none()
        );
    }
}
