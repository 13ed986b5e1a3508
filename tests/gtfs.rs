//! GTFS timetables (docs/format-scenario.md, `gtfs`): `tests/fixtures/gtfs-mini` holds the bus 3
//! and 5 of `scenarios/exemple.yaml` as a GTFS feed, with a holiday exception (25 December 2026),
//! a Saturday service, no Sunday service and a shuttle far from every lieu. Each test edits the
//! shipped example: `transports` replaced by the feed.

mod common;

use common::{arg, planifier, regie, succeeded};
use regie_planner::diag::{Code, Error};
use regie_planner::format::scenario::{Jour, Scenario};
use regie_planner::model::Facts;
use regie_planner::model::load::{Loaded, load_in};
use serde_yaml::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn exemple_value() -> Value {
    let text = std::fs::read_to_string(root().join("scenarios/exemple.yaml")).expect("exemple");
    serde_yaml::from_str(&text).expect("yaml")
}

fn set(v: &mut Value, key: &str, x: Value) {
    if let Some(m) = v.as_mapping_mut() {
        m.insert(Value::from(key), x);
    }
}

fn yaml(s: &str) -> Value {
    serde_yaml::from_str(s).expect("yaml")
}

/// The stop of each lieu of the example, as `lieux[].arrets` (0-minute walks: the stop is at
/// the lieu, as a `transports` passage is).
const STOPS: [(&str, &str); 5] = [
    ("quartier-ouest", "QO"),
    ("residence-a", "RA"),
    ("regie", "RG"),
    ("parc-nord", "PN"),
    ("organisme-x", "OX"),
];

/// The example with `transports` replaced by the feed, each lieu tied to its stop by id.
fn with_feed(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = exemple_value();
    if let Some(m) = v.as_mapping_mut() {
        m.remove("transports");
    }
    set(&mut v, "gtfs", yaml("{ chemin: tests/fixtures/gtfs-mini }"));
    if let Some(lieux) = v.get_mut("lieux").and_then(Value::as_sequence_mut) {
        for l in lieux {
            let id = l.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
            if let Some((_, stop)) = STOPS.iter().find(|(lieu, _)| *lieu == id) {
                set(
                    l,
                    "arrets",
                    yaml(&format!("[{{ id: {stop}, minutes: 0 }}]")),
                );
            }
        }
    }
    edit(&mut v);
    v
}

fn load(v: &Value) -> regie_planner::diag::Result<Loaded> {
    let text = serde_yaml::to_string(v).expect("yaml");
    load_in(&text, "gtfs.yaml", &root())
}

fn loaded(v: &Value) -> Scenario {
    match load(v) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

fn hm(s: &str) -> u32 {
    regie_planner::format::time::parse_hhmm(s).expect("heure")
}

fn window(f: &Facts, s: usize, jour: Jour, lieu: &str) -> Option<(u32, u32)> {
    let l = f.places.idx(lieu)?;
    f.commute[s].as_ref()?.window(jour, l)
}

#[test]
fn the_feed_gives_the_same_commutes_as_transports() {
    let plain = regie_planner::model::load::load_scenario(&root().join("scenarios/exemple.yaml"))
        .expect("exemple")
        .scenario;
    let feed = loaded(&with_feed(|_| {}));
    let r = feed
        .gtfs
        .as_ref()
        .and_then(|g| g.reseau.as_deref())
        .expect("réseau lu");
    // The shuttle between DEPOT and ZI, far from every lieu, is left out; so are the holiday
    // and Saturday trips (the period is Monday 30 November to Friday 4 December).
    assert_eq!(r.arrets_lus, 7);
    assert_eq!(r.courses_lues, 14);
    let ids: Vec<&str> = r.arrets.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["OX", "PN", "QO", "RA", "RG"]);
    assert_eq!(r.courses.len(), 9);
    let (a, b) = (Facts::new(&plain), Facts::new(&feed));
    assert_eq!(a.places.ids, b.places.ids);
    let mut compared = 0;
    for (s, (x, y)) in a.commute.iter().zip(&b.commute).enumerate() {
        match (x, y) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                assert_eq!(x.arrive, y.arrive, "arrivées de {}", plain.salaries[s].id);
                assert_eq!(x.depart, y.depart, "départs de {}", plain.salaries[s].id);
                compared += 1;
            }
            _ => panic!("{}: une table d'un côté seulement", plain.salaries[s].id),
        }
    }
    assert!(compared >= 3, "{compared}");
}

#[test]
fn hand_computed_commutes_from_the_feed() {
    let sc = loaded(&with_feed(|_| {}));
    let f = Facts::new(&sc);
    let s01 = sc.salaries.iter().position(|s| s.id == "s01").expect("s01");
    // From quartier-ouest: the 06:05 bus 3 reaches regie at 06:31, bus 5 from regie at 08:00
    // reaches organisme-x at 08:20; home by the 17:40 bus 3 from parc-nord (regie 17:49),
    // from organisme-x by bus 5 at 16:40 (regie 17:00, then bus 3 at 17:49).
    assert_eq!(
        window(&f, s01, Jour::Lun, "regie"),
        Some((hm("06:31"), hm("17:49")))
    );
    assert_eq!(
        window(&f, s01, Jour::Mer, "organisme-x"),
        Some((hm("08:20"), hm("16:40")))
    );
    assert_eq!(
        window(&f, s01, Jour::Ven, "parc-nord"),
        Some((hm("06:40"), hm("17:40")))
    );
    // Walks from a stop to the lieux around it: residence-a 06:22 + 20 min to quartier-nord.
    assert_eq!(
        window(&f, s01, Jour::Lun, "quartier-nord").map(|w| w.0),
        Some(hm("06:42"))
    );
}

/// A scenario over a period, on the feed.
fn period(debut: &str, jours: u32, feries: &[&str]) -> Scenario {
    loaded(&with_feed(|v| {
        let feries: Vec<String> = feries.iter().map(|d| d.to_string()).collect();
        set(
            v,
            "periode",
            yaml(&format!(
                "{{ debut: {debut}, jours: {jours}, feries: [{}] }}",
                feries.join(", ")
            )),
        );
        // Keep the example valid over another period: no history, contracts that cover it.
        if let Some(list) = v.get_mut("salaries").and_then(Value::as_sequence_mut) {
            for s in list {
                if let Some(m) = s.as_mapping_mut() {
                    m.remove("rdv_cip");
                }
            }
        }
    }))
}

#[test]
fn the_holiday_exception_and_the_sunday_without_service() {
    let dir = root().join("tests/fixtures/gtfs-mini");
    let feed = regie_planner::format::gtfs::read_feed(&dir, "gtfs-mini").expect("feed");
    let d = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    use regie_planner::format::gtfs::runs_on;
    // Friday 18 December: the weekday service; Christmas: only the holiday one.
    assert!(runs_on(&feed, "semaine", d("2026-12-18")));
    assert!(!runs_on(&feed, "ferie", d("2026-12-18")));
    assert!(!runs_on(&feed, "semaine", d("2026-12-25")));
    assert!(runs_on(&feed, "ferie", d("2026-12-25")));
    // Saturday 26: the Saturday service; Sunday 27: nothing runs.
    assert!(runs_on(&feed, "samedi", d("2026-12-26")));
    for s in ["semaine", "samedi", "ferie", "inconnu"] {
        assert!(!runs_on(&feed, s, d("2026-12-27")), "{s}");
    }

    // One week, Christmas not declared in `feries`: Friday is the 25th, when only the holiday
    // trips run (09:05 from quartier-ouest, regie 09:31; back from parc-nord at 16:40, regie
    // 16:49); Saturday: the 08:05 (regie 08:31) and the 16:40 back; Sunday: walks only.
    let sc = period("2026-12-21", 7, &[]);
    let f = Facts::new(&sc);
    let s01 = sc.salaries.iter().position(|s| s.id == "s01").expect("s01");
    assert_eq!(
        window(&f, s01, Jour::Jeu, "regie"),
        Some((hm("06:31"), hm("17:49")))
    );
    assert_eq!(
        window(&f, s01, Jour::Ven, "regie"),
        Some((hm("09:31"), hm("16:49")))
    );
    assert_eq!(window(&f, s01, Jour::Ven, "organisme-x"), None);
    assert_eq!(
        window(&f, s01, Jour::Sam, "regie"),
        Some((hm("08:31"), hm("16:49")))
    );
    assert_eq!(window(&f, s01, Jour::Dim, "regie"), None);
    // Two weeks: Friday is the 18th (weekday service) and the 25th (holiday service). Without
    // `feries`, a trip counts only if it runs on both Fridays: none does. Declared as a
    // holiday, the 25th is not worked and the 18th decides.
    let sc = period("2026-12-14", 14, &[]);
    let f = Facts::new(&sc);
    assert_eq!(window(&f, s01, Jour::Ven, "regie"), None);
    assert_eq!(
        window(&f, s01, Jour::Jeu, "regie"),
        Some((hm("06:31"), hm("17:49")))
    );
    let sc = period("2026-12-14", 14, &["2026-12-25"]);
    let f = Facts::new(&sc);
    assert_eq!(
        window(&f, s01, Jour::Ven, "regie"),
        Some((hm("06:31"), hm("17:49")))
    );
}

#[test]
fn lieux_tied_by_gps_walk_to_the_stops_nearby() {
    // regie 0.001° of latitude (111 m) south of stop RG: ⌈111.2 × 1.3 / 75⌉ = 2 min; every
    // other lieu tied by id as before. RA is 1.1 km away: outside the 500 m radius.
    let sc = loaded(&with_feed(|v| {
        if let Some(l) = v
            .get_mut("lieux")
            .and_then(Value::as_sequence_mut)
            .and_then(|l| {
                l.iter_mut()
                    .find(|l| l.get("id") == Some(&Value::from("regie")))
            })
            && let Some(m) = l.as_mapping_mut()
        {
            m.remove("arrets");
            m.insert(Value::from("gps"), yaml("[48.019, 2.0]"));
        }
    }));
    let r = sc
        .gtfs
        .as_ref()
        .and_then(|g| g.reseau.as_deref())
        .expect("réseau");
    let regie: Vec<(&str, u32)> = r
        .liens
        .iter()
        .filter(|l| l.lieu == "regie")
        .map(|l| (r.arrets[l.arret].id.as_str(), l.minutes))
        .collect();
    assert_eq!(regie, [("RG", 2)]);
    let f = Facts::new(&sc);
    let s01 = sc.salaries.iter().position(|s| s.id == "s01").expect("s01");
    // 06:31 at RG + 2 min = 06:33 is beaten by RA at 06:22 and the 10-minute `trajets` walk
    // to regie (06:32); home: 10 min to RA for its 17:58 bus (17:48) beats 2 min to RG for the
    // 17:49 one (17:47). Bus 5 from RG at 08:00 is still reached (06:31 at RG).
    assert_eq!(
        window(&f, s01, Jour::Lun, "regie"),
        Some((hm("06:32"), hm("17:48")))
    );
    // With the walk to RA longer than the detour through RG, RG decides.
    let mut slow = sc.clone();
    for t in &mut slow.trajets {
        if (t.de.as_str(), t.a.as_str()) == ("regie", "residence-a") {
            t.minutes = 30;
        }
    }
    let g = Facts::new(&slow);
    assert_eq!(
        window(&g, s01, Jour::Lun, "regie"),
        Some((hm("06:33"), hm("17:47")))
    );
    assert_eq!(
        window(&f, s01, Jour::Lun, "organisme-x"),
        Some((hm("08:20"), hm("16:40")))
    );
}

#[test]
fn errors_name_the_item_the_file_and_the_line() {
    // An unknown stop id, and a stop without a walking time (no `minutes`, lieu without gps).
    let v = with_feed(|v| {
        if let Some(l) = v.get_mut("lieux").and_then(Value::as_sequence_mut) {
            set(&mut l[0], "arrets", yaml("[{ id: NULLEPART }, { id: RG }]"));
        }
    });
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreurs attendues");
    };
    let text: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    assert_eq!(d.len(), 2, "{text:#?}");
    assert_eq!(d[0].path, "lieux[0].arrets[0].id");
    assert_eq!(d[0].code, Code::UnknownStop);
    assert!(d[0].line.is_some());
    assert!(
        d[0].message.contains("arrêt « NULLEPART » absent"),
        "{text:#?}"
    );
    assert_eq!(d[1].path, "lieux[0].arrets[1]");
    assert_eq!(d[1].code, Code::WalkTimeUnknown);
    assert!(d[1].message.contains("temps de marche"), "{text:#?}");

    // Ties without a feed: ignored, with a warning at the lieu.
    let v = with_feed(|v| {
        if let Some(m) = v.as_mapping_mut() {
            m.remove("gtfs");
        }
    });
    let w: Vec<_> = load(&v)
        .expect("valide")
        .warnings
        .into_iter()
        .filter(|d| d.path.starts_with("lieux"))
        .collect();
    assert_eq!(w.len(), 5, "{w:#?}");
    assert_eq!(w[0].path, "lieux[0]");
    assert!(w.iter().all(|w| w.code == Code::StopsWithoutFeed), "{w:#?}");
    assert!(w[0].message.contains("ignorés"), "{}", w[0]);

    // A feed that does not exist: at gtfs.chemin.
    let v = with_feed(|v| set(v, "gtfs", yaml("{ chemin: nulle/part.zip }")));
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, "gtfs.chemin");
    assert_eq!(d[0].code, Code::FeedNotFound);
    assert!(d[0].message.contains("introuvable"), "{}", d[0]);

    // A bad time in stop_times.txt: the feed's file and line.
    let dir = tempfile::tempdir().expect("tempdir");
    let src = root().join("tests/fixtures/gtfs-mini");
    for e in std::fs::read_dir(&src).expect("fixture") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name");
        std::fs::copy(&p, dir.path().join(name)).expect("copy");
    }
    let st = dir.path().join("stop_times.txt");
    let text = std::fs::read_to_string(&st).expect("stop_times");
    std::fs::write(&st, text.replacen("06:22:00,06:22:00", "6h22,6h22", 1)).expect("write");
    let chemin = dir.path().display().to_string();
    let v = with_feed(|v| set(v, "gtfs", yaml(&format!("{{ chemin: '{chemin}' }}"))));
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].file.ends_with("stop_times.txt"), "{}", d[0]);
    assert_eq!(d[0].line, Some(3), "{}", d[0]);
    assert_eq!(d[0].code, Code::FeedBadLine, "{}", d[0]);

    // A stop time at a stop the feed does not define.
    std::fs::write(&st, text.replacen("06:22:00,RA,2", "06:22:00,ZZ,2", 1)).expect("write");
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, Code::FeedUnknownId, "{}", d[0]);
    assert!(d[0].message.contains("« ZZ »"), "{}", d[0]);

    // A required file missing: at gtfs.chemin.
    std::fs::write(&st, &text).expect("write");
    std::fs::remove_file(dir.path().join("trips.txt")).expect("remove");
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (d[0].code, d[0].path.as_str()),
        (Code::FeedFileMissing, "gtfs.chemin"),
        "{}",
        d[0]
    );
    assert!(d[0].message.contains("trips.txt"), "{}", d[0]);

    // A zip archive that is not one.
    let zip = dir.path().join("reseau.zip");
    std::fs::write(&zip, "pas une archive").expect("write");
    let chemin = zip.display().to_string();
    let v = with_feed(|v| set(v, "gtfs", yaml(&format!("{{ chemin: '{chemin}' }}"))));
    let Err(Error::Invalid(d)) = load(&v) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (d[0].code, d[0].path.as_str()),
        (Code::FeedUnreadable, "gtfs.chemin"),
        "{}",
        d[0]
    );
}

#[test]
fn valider_reports_the_feed_and_a_plan_made_with_it_passes_the_checker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let chemin = root()
        .join("tests/fixtures/gtfs-mini")
        .display()
        .to_string();
    let v = with_feed(|v| {
        set(v, "gtfs", yaml(&format!("{{ chemin: '{chemin}' }}")));
        // quartier-nord has no stop.
    });
    let sc = dir.path().join("gtfs.yaml");
    std::fs::write(&sc, serde_yaml::to_string(&v).expect("yaml")).expect("write");

    let out = regie(&["valider", arg(&sc)]);
    let stdout = succeeded(&out);
    assert!(
        stdout.contains("Réseau GTFS : 5 arrêt(s) gardé(s) sur 7, 9 course(s) sur 14"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Lieux sans arrêt : quartier-nord"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  regie : lun mar mer jeu ven 06:31–17:49"),
        "{stdout}"
    );
    assert!(
        stdout.contains("s01 (transports, depuis quartier-ouest) :"),
        "{stdout}"
    );

    let plan = dir.path().join("plan.json");
    let cal = dir.path().join("calendriers");
    succeeded(&planifier(
        arg(&sc),
        &plan,
        &["--effort", "1", "--ics", arg(&cal)],
    ));
    let out = regie(&["verifier", arg(&sc), arg(&plan)]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("Plan conforme"), "{stdout}");
    // The calendars name the GTFS line to take, boarded at a stop.
    let texts: Vec<String> = std::fs::read_dir(&cal)
        .expect("calendriers")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("ics"))
        .collect();
    assert!(
        texts.iter().any(|t| t
            .replace("\r\n ", "")
            .contains("Aller : Ligne 3 : départ Quartier Ouest à ")),
        "aucun calendrier ne nomme la ligne 3"
    );
}
