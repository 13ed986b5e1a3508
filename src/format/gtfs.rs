//! GTFS timetables (docs/format-scenario.md, `gtfs`): the feed a scenario names, read with the
//! `gtfs-structures` crate and cut down, before any table is built, to what rule 3 can use:
//!
//! 1. the trips that run on the period's working days (`calendar.txt` and `calendar_dates.txt`);
//!    a trip counts for a weekday when it runs on **every** working day of the period with that
//!    weekday (a one-week period: exactly that day);
//! 2. the stops tied to a lieu (`lieux[].arrets`, or the stops within `rayon_metres` of
//!    `lieux[].gps`), the trips that serve at least one of them, and, as change points, the other
//!    stops served by kept trips of two different routes;
//! 3. each trip as its passages at the kept stops, arrival rounded up and departure rounded down
//!    to the minute (no boarding where `pickup_type` is 1, no alighting where `drop_off_type`
//!    is 1).
//!
//! [`crate::model::commute`] then scans these courses with the same connection scan as
//! `transports`. Errors are French diagnostics naming the feed's file and line.

use super::scenario::{Jour, Scenario};
use crate::diag::{Code, Diagnostic, Severity};
use chrono::{Datelike, NaiveDate};
use gtfs_structures::{Exception, Gtfs, LocationType, PickupDropOffType};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Walking speed, metres per minute (4.5 km/h).
pub(crate) const MARCHE_METRES_PAR_MINUTE: f64 = 75.0;
/// Detour factor: streets are longer than the straight line between two points.
pub(crate) const DETOUR: f64 = 1.3;

/// A kept stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Arret {
    /// The GTFS `stop_id`.
    pub id: String,
    /// The stop's name, when the feed gives one.
    pub nom: Option<String>,
}

/// A lieu tied to a kept stop, with the walk between them (both ways).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lien {
    /// The lieu's id.
    pub lieu: String,
    /// Index in [`Reseau::arrets`].
    pub arret: usize,
    /// Walk between the lieu and the stop, minutes.
    pub minutes: u32,
}

/// A trip's stop at a kept stop: `arrivee` (`None`: no alighting), `depart` (`None`: no
/// boarding), minutes after midnight of the service day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Index of the stop in [`Reseau::arrets`].
    pub arret: usize,
    pub(crate) arrivee: Option<u32>,
    /// Minute of departure, when one may board here.
    pub depart: Option<u32>,
}

/// A kept trip.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseGtfs {
    /// The route's short name, else its long name, else its id (what the bus shows).
    pub ligne: String,
    /// The GTFS `trip_id`.
    pub trip_id: String,
    /// The weekdays it runs on (every working day of the period with that weekday).
    pub jours: Vec<Jour>,
    /// The stops served, in order.
    pub passages: Vec<Passage>,
}

/// The feed cut down to the scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reseau {
    /// Stops tied to a lieu first (`arrets[..proches]`), then change points; by id in each part.
    pub arrets: Vec<Arret>,
    pub(crate) proches: usize,
    /// Sorted by lieu, then stop.
    pub liens: Vec<Lien>,
    /// Sorted by trip id.
    pub courses: Vec<CourseGtfs>,
    /// Stops and trips in the feed, before filtering.
    pub arrets_lus: usize,
    /// Trips in the feed before the cut.
    pub courses_lues: usize,
}

/// Great-circle distance in metres between two `[lat, lon]` points (haversine, mean radius).
pub(crate) fn distance_metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    const R: f64 = 6_371_000.0;
    let (la1, la2) = (a[0].to_radians(), b[0].to_radians());
    let dla = la2 - la1;
    let dlo = (b[1] - a[1]).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().min(1.0).asin()
}

/// Minutes to walk a straight-line distance: `⌈metres × DETOUR / MARCHE_METRES_PAR_MINUTE⌉`.
pub(crate) fn minutes_a_pied(metres: f64) -> u32 {
    let m = (metres.max(0.0) * DETOUR / MARCHE_METRES_PAR_MINUTE).ceil();
    if m.is_finite() && m < f64::from(u32::MAX) {
        m as u32
    } else {
        u32::MAX
    }
}

/// The period's working days (holidays of `periode.feries` left out), by weekday.
pub(crate) fn working_days(sc: &Scenario) -> [Vec<NaiveDate>; 7] {
    let mut out: [Vec<NaiveDate>; 7] = Default::default();
    for k in 0..sc.periode.jours {
        let Some(d) = sc
            .periode
            .debut
            .checked_add_days(chrono::Days::new(u64::from(k)))
        else {
            break;
        };
        if !sc.periode.feries.contains(&d) {
            out[Jour::of(d.weekday()).index()].push(d);
        }
    }
    out
}

fn chrono_date(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )
}

/// True when `service_id` runs on `date`: an exception of `calendar_dates.txt` for that date
/// decides (1 added, 2 removed); otherwise `calendar.txt` (date range and weekday).
pub fn runs_on(feed: &Gtfs, service_id: &str, date: NaiveDate) -> bool {
    if let Some(ex) = feed
        .calendar_dates
        .get(service_id)
        .and_then(|v| v.iter().find(|e| chrono_date(e.date) == Some(date)))
    {
        return ex.exception_type == Exception::Added;
    }
    let Some(c) = feed.calendar.get(service_id) else {
        return false;
    };
    let (Some(from), Some(to)) = (chrono_date(c.start_date), chrono_date(c.end_date)) else {
        return false;
    };
    let day = match Jour::of(date.weekday()) {
        Jour::Lun => c.monday,
        Jour::Mar => c.tuesday,
        Jour::Mer => c.wednesday,
        Jour::Jeu => c.thursday,
        Jour::Ven => c.friday,
        Jour::Sam => c.saturday,
        Jour::Dim => c.sunday,
    };
    from <= date && date <= to && day
}

/// Lieux with `gps` or `arrets` in a scenario that names no feed: they are ignored, and said so.
pub fn warnings(sc: &Scenario) -> Vec<Diagnostic> {
    if sc.gtfs.is_some() {
        return Vec::new();
    }
    sc.lieux
        .iter()
        .enumerate()
        .filter(|(_, l)| l.gps.is_some() || !l.arrets.is_empty())
        .map(|(i, l)| {
            Diagnostic::at_path(
                Severity::Avertissement,
                Code::StopsWithoutFeed,
                format!("lieux[{i}]"),
                format!(
                    "« {} » : `gps` et `arrets` ne servent qu'avec un réseau GTFS (clé `gtfs`), absent : ignorés",
                    l.id
                ),
            )
        })
        .collect()
}

/// Reads the feed at `dir/gtfs.chemin` and cuts it down to the scenario (module docs). `Ok(None)`
/// when the scenario names no feed. Errors name the feed's file and line, or `gtfs.chemin` and
/// `lieux[i].arrets[k]` of the scenario (file left empty: the loader fills it in).
pub fn load(sc: &Scenario, dir: &Path) -> Result<Option<Reseau>, Vec<Diagnostic>> {
    let Some(g) = &sc.gtfs else {
        return Ok(None);
    };
    let path = dir.join(&g.chemin);
    let feed = read_feed(&path, &g.chemin)?;
    cut(sc, &feed).map(Some)
}

fn diag(code: Code, file: String, line: Option<usize>, path: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Erreur,
        code,
        file,
        line,
        column: None,
        path: path.to_owned(),
        message,
    }
}

/// The feed as `gtfs-structures` reads it (shapes left out), its errors in French.
pub fn read_feed(path: &Path, shown: &str) -> Result<Gtfs, Vec<Diagnostic>> {
    use gtfs_structures::Error as E;
    let in_feed = |name: &str| path.join(name).display().to_string();
    gtfs_structures::GtfsReader::default()
        .read_shapes(false)
        .read_from_path(path)
        .map_err(|e| {
            vec![match e {
                E::NotFileNorDirectory(_) => diag(
                    Code::FeedNotFound,
                    String::new(),
                    None,
                    "gtfs.chemin",
                    format!("réseau GTFS « {shown} » introuvable (ni dossier ni fichier .zip)"),
                ),
                E::MissingFile(f) => diag(
                    Code::FeedFileMissing,
                    String::new(),
                    None,
                    "gtfs.chemin",
                    format!("fichier « {f} » absent du réseau GTFS « {shown} »"),
                ),
                E::ReferenceError(id) => diag(
                    Code::FeedUnknownId,
                    path.display().to_string(),
                    None,
                    "",
                    format!("identifiant « {id} » inconnu, cité dans le réseau GTFS"),
                ),
                E::InvalidTime(t) => diag(
                    Code::FeedBadLine,
                    path.display().to_string(),
                    None,
                    "",
                    format!("heure « {t} » invalide (HH:MM:SS attendu)"),
                ),
                E::CSVError {
                    file_name,
                    source,
                    line_in_error,
                } => {
                    let line = source.position().map(|p| p.line() as usize);
                    let cells = line_in_error
                        .map(|l| {
                            let pairs: Vec<String> = l
                                .headers
                                .iter()
                                .zip(&l.values)
                                .map(|(h, v)| format!("{h}={v}"))
                                .collect();
                            format!(" ({})", pairs.join(", "))
                        })
                        .unwrap_or_default();
                    diag(
                        Code::FeedBadLine,
                        in_feed(&file_name),
                        line,
                        "",
                        format!("ligne illisible{cells} : {source}"),
                    )
                }
                E::NamedFileIO { file_name, source } => diag(
                    Code::FeedUnreadable,
                    in_feed(&file_name),
                    None,
                    "",
                    format!("fichier illisible : {source}"),
                ),
                E::IO(io) => diag(
                    Code::FeedUnreadable,
                    String::new(),
                    None,
                    "gtfs.chemin",
                    format!(
                        "réseau GTFS « {shown} » illisible : {}",
                        crate::diag::io_message(&io)
                    ),
                ),
                E::Zip(z) => diag(
                    Code::FeedUnreadable,
                    String::new(),
                    None,
                    "gtfs.chemin",
                    format!("archive zip « {shown} » illisible : {z}"),
                ),
                other => diag(
                    Code::FeedUnreadable,
                    String::new(),
                    None,
                    "gtfs.chemin",
                    format!("réseau GTFS « {shown} » illisible : {other}"),
                ),
            }]
        })
}

/// Step 2 of the module docs: the lieu–stop ties. Errors: an unknown stop id, a walk that
/// cannot be computed, coordinates out of range.
fn ties(
    sc: &Scenario,
    feed: &Gtfs,
    rayon: f64,
) -> Result<BTreeMap<(String, String), u32>, Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let mut ties: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut tie = |lieu: &str, stop: &str, m: u32| {
        let e = ties.entry((lieu.to_owned(), stop.to_owned())).or_insert(m);
        *e = (*e).min(m);
    };
    let coords = |s: &gtfs_structures::Stop| Some([s.latitude?, s.longitude?]);
    // Sorted platforms, so that equal distances tie the same way on every run.
    let mut platforms: Vec<&gtfs_structures::Stop> = feed
        .stops
        .values()
        .map(|s| s.as_ref())
        .filter(|s| matches!(s.location_type, LocationType::StopPoint))
        .collect();
    platforms.sort_by(|a, b| a.id.cmp(&b.id));
    for (i, l) in sc.lieux.iter().enumerate() {
        if let Some([lat, lon]) = l.gps
            && !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
        {
            errs.push(diag(
                Code::OutOfRange,
                String::new(),
                None,
                &format!("lieux[{i}].gps"),
                format!(
                    "coordonnées [{lat}, {lon}] hors des bornes (latitude ±90, longitude ±180)"
                ),
            ));
            continue;
        }
        for (k, a) in l.arrets.iter().enumerate() {
            let Some(stop) = feed.stops.get(&a.id) else {
                errs.push(diag(
                    Code::UnknownStop,
                    String::new(),
                    None,
                    &format!("lieux[{i}].arrets[{k}].id"),
                    format!("arrêt « {} » absent du réseau GTFS (stops.txt)", a.id),
                ));
                continue;
            };
            // A station stands for its platforms.
            let members: Vec<&gtfs_structures::Stop> =
                if matches!(stop.location_type, LocationType::StopArea) {
                    platforms
                        .iter()
                        .copied()
                        .filter(|p| p.parent_station.as_deref() == Some(a.id.as_str()))
                        .collect()
                } else {
                    vec![stop.as_ref()]
                };
            for p in members {
                let m = match (a.minutes, l.gps, coords(p)) {
                    (Some(m), _, _) => m,
                    (None, Some(g), Some(c)) => minutes_a_pied(distance_metres(g, c)),
                    _ => {
                        errs.push(diag(
                            Code::WalkTimeUnknown,
                            String::new(),
                            None,
                            &format!("lieux[{i}].arrets[{k}]"),
                            format!(
                                "temps de marche vers l'arrêt « {} » inconnu : donner `minutes`, \
                                 ou les coordonnées `gps` du lieu (et de l'arrêt dans stops.txt)",
                                p.id
                            ),
                        ));
                        continue;
                    }
                };
                tie(&l.id, &p.id, m);
            }
        }
        if let (true, Some(g)) = (l.arrets.is_empty(), l.gps) {
            for p in &platforms {
                if let Some(c) = coords(p) {
                    let d = distance_metres(g, c);
                    if d <= rayon {
                        tie(&l.id, &p.id, minutes_a_pied(d));
                    }
                }
            }
        }
    }
    if errs.is_empty() { Ok(ties) } else { Err(errs) }
}

/// A GTFS time in seconds → minutes, rounded up (`up`, arrivals) or down (departures).
fn minutes(s: Option<u32>, up: bool) -> Option<u32> {
    s.map(|s| if up { s.div_ceil(60) } else { s / 60 })
}

/// Steps 1 to 3 of the module docs on a feed already read.
pub fn cut(sc: &Scenario, feed: &Gtfs) -> Result<Reseau, Vec<Diagnostic>> {
    let rayon = sc
        .gtfs
        .as_ref()
        .map_or(500.0, |g| f64::from(g.rayon_metres));
    let ties = ties(sc, feed, rayon)?;
    let near: BTreeSet<&str> = ties.keys().map(|(_, s)| s.as_str()).collect();
    let kept = kept_trips(sc, feed, &near);
    let changes = change_points(&kept, &near);
    let ids: Vec<&str> = near.iter().chain(changes.iter()).copied().collect();
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let arrets = ids
        .iter()
        .map(|id| Arret {
            id: (*id).to_owned(),
            nom: feed.stops.get(*id).and_then(|s| s.name.clone()),
        })
        .collect();
    let liens = ties
        .iter()
        .filter_map(|((lieu, stop), m)| {
            Some(Lien {
                lieu: lieu.clone(),
                arret: *index.get(stop.as_str())?,
                minutes: *m,
            })
        })
        .collect();
    let courses = kept
        .into_iter()
        .filter_map(|(t, jours)| course(feed, &index, t, jours))
        .collect();
    Ok(Reseau {
        arrets,
        proches: near.len(),
        liens,
        courses,
        arrets_lus: feed.stops.len(),
        courses_lues: feed.trips.len(),
    })
}

/// The trips that serve a stop near a place, each with the weekdays on which every working day
/// of the period has its service (in trip id order).
fn kept_trips<'f>(
    sc: &Scenario,
    feed: &'f Gtfs,
    near: &BTreeSet<&str>,
) -> Vec<(&'f gtfs_structures::Trip, Vec<Jour>)> {
    let days = working_days(sc);
    // Services: weekdays on which every working day of that weekday has the service.
    let mut services: BTreeMap<&str, Vec<Jour>> = BTreeMap::new();
    let mut trips: Vec<&gtfs_structures::Trip> = feed.trips.values().collect();
    trips.sort_by(|a, b| a.id.cmp(&b.id));
    let mut kept = Vec::new();
    for t in &trips {
        let jours = services
            .entry(t.service_id.as_str())
            .or_insert_with(|| {
                Jour::ALL
                    .into_iter()
                    .filter(|j| {
                        let ds = &days[j.index()];
                        !ds.is_empty() && ds.iter().all(|d| runs_on(feed, &t.service_id, *d))
                    })
                    .collect()
            })
            .clone();
        if jours.is_empty()
            || !t
                .stop_times
                .iter()
                .any(|st| near.contains(st.stop.id.as_str()))
        {
            continue;
        }
        kept.push((*t, jours));
    }
    kept
}

/// Change points: stops away from the places served by kept trips of at least two routes.
fn change_points<'f>(
    kept: &[(&'f gtfs_structures::Trip, Vec<Jour>)],
    near: &BTreeSet<&str>,
) -> BTreeSet<&'f str> {
    let mut routes_at: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (t, _) in kept {
        for st in &t.stop_times {
            routes_at
                .entry(st.stop.id.as_str())
                .or_default()
                .insert(t.route_id.as_str());
        }
    }
    routes_at
        .iter()
        .filter(|(s, r)| r.len() >= 2 && !near.contains(**s))
        .map(|(s, _)| *s)
        .collect()
}

/// A kept trip as a course over the stops of `index` (`None` when fewer than two of its
/// passages remain).
fn course(
    feed: &Gtfs,
    index: &BTreeMap<&str, usize>,
    t: &gtfs_structures::Trip,
    jours: Vec<Jour>,
) -> Option<CourseGtfs> {
    let passages: Vec<Passage> = t
        .stop_times
        .iter()
        .filter_map(|st| {
            let arret = *index.get(st.stop.id.as_str())?;
            let arr = st.arrival_time.or(st.departure_time);
            let dep = st.departure_time.or(st.arrival_time);
            let p = Passage {
                arret,
                arrivee: minutes(arr, true)
                    .filter(|_| st.drop_off_type != PickupDropOffType::NotAvailable),
                depart: minutes(dep, false)
                    .filter(|_| st.pickup_type != PickupDropOffType::NotAvailable),
            };
            (p.arrivee.is_some() || p.depart.is_some()).then_some(p)
        })
        .collect();
    (passages.len() >= 2).then(|| CourseGtfs {
        ligne: feed
            .routes
            .get(&t.route_id)
            .and_then(|r| r.short_name.clone().or_else(|| r.long_name.clone()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| t.route_id.clone()),
        trip_id: t.id.clone(),
        jours,
        passages,
    })
}

impl Reseau {
    /// The first and last arrival at `lieu` per weekday: a course's stop where one can alight
    /// (not its first), at a stop tied to the lieu, plus the walk. `None`: no arrival that day.
    pub(crate) fn arrivals(&self, lieu: &str) -> [Option<(u32, u32)>; 7] {
        let mut out = [None; 7];
        for l in self.liens.iter().filter(|l| l.lieu == lieu) {
            for c in &self.courses {
                for p in c.passages.iter().skip(1).filter(|p| p.arret == l.arret) {
                    let Some(t) = p.arrivee.map(|t| t.saturating_add(l.minutes)) else {
                        continue;
                    };
                    for j in &c.jours {
                        let slot: &mut Option<(u32, u32)> = &mut out[j.index()];
                        *slot = Some(slot.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_minutes_from_distance() {
        // 75 m/min with a 1.3 detour: 300 m straight → 390 m → 5.2 → 6 min.
        assert_eq!(minutes_a_pied(300.0), 6);
        assert_eq!(minutes_a_pied(0.0), 0);
        assert_eq!(minutes_a_pied(f64::NAN), 0);
        assert_eq!(minutes_a_pied(f64::INFINITY), u32::MAX);
        // One thousandth of a degree of latitude is about 111 m.
        let d = distance_metres([48.0, 2.0], [48.001, 2.0]);
        assert!((d - 111.2).abs() < 0.5, "{d}");
    }
}
