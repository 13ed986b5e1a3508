//! Writes a large generated GTFS feed and a scenario that uses it, to measure how the planner
//! reads a real network's size (README, « Réseaux GTFS ») :
//! `cargo run --release --example gtfs_gros -- DOSSIER [ARRETS] [COURSES]`, then
//! `/usr/bin/time -v target/release/regie valider DOSSIER/scenario.yaml`.
//!
//! The feed: a grid of stops about 450 m apart (2 000 by default), 100 lines of 20 stops along
//! its rows and columns, trips both ways every few minutes (20 000 by default, 20 stops each),
//! a weekday, a Saturday and a Sunday service. The scenario is `scenarios/exemple.yaml` with its
//! `transports` replaced by the feed and GPS coordinates on its lieux. Same arguments, same
//! bytes.

use std::fmt::Write as _;
use std::path::Path;

const COLS: usize = 50;
const STOPS_PER_LINE: usize = 20;
const LINES: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage : gtfs_gros DOSSIER [ARRETS] [COURSES]");
        std::process::exit(2);
    };
    let stops: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let trips: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    if let Err(e) = write_all(Path::new(dir), stops.max(COLS * 2), trips) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

/// Latitude and longitude of stop `k` of the grid (0.004° ≈ 445 m north, 0.006° ≈ 445 m east
/// at 48° N).
fn coords(k: usize) -> (f64, f64) {
    let (r, c) = (k / COLS, k % COLS);
    (48.0 + 0.004 * r as f64, 2.0 + 0.006 * c as f64)
}

fn write_all(dir: &Path, stops: usize, trips: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let rows = stops / COLS;
    let stops = rows * COLS;
    let put = |name: &str, text: &str| std::fs::write(dir.join(name), text);
    put(
        "agency.txt",
        "agency_id,agency_name,agency_url,agency_timezone\ngros,Réseau généré,https://example.org,Europe/Paris\n",
    )?;
    let mut s = String::from("stop_id,stop_name,stop_lat,stop_lon\n");
    for k in 0..stops {
        let (lat, lon) = coords(k);
        let _ = writeln!(s, "S{k},Arrêt {k},{lat:.6},{lon:.6}");
    }
    put("stops.txt", &s)?;
    put(
        "calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
         semaine,1,1,1,1,1,0,0,20260101,20271231\n\
         samedi,0,0,0,0,0,1,0,20260101,20271231\n\
         dimanche,0,0,0,0,0,0,1,20260101,20271231\n",
    )?;
    put(
        "calendar_dates.txt",
        "service_id,date,exception_type\nsemaine,20261225,2\ndimanche,20261225,1\n",
    )?;
    // Line l: even lines along a row, odd ones along a column, 20 consecutive stops.
    let line_stops = |l: usize| -> Vec<usize> {
        if l.is_multiple_of(2) {
            let r = (l / 2 * 7) % rows;
            let c0 = (l * 3) % (COLS - STOPS_PER_LINE);
            (0..STOPS_PER_LINE).map(|i| r * COLS + c0 + i).collect()
        } else {
            let c = (l / 2 * 11) % COLS;
            let r0 = (l * 5) % rows.saturating_sub(STOPS_PER_LINE).max(1);
            (0..STOPS_PER_LINE)
                .map(|i| ((r0 + i) % rows) * COLS + c)
                .collect()
        }
    };
    let mut r = String::from("route_id,agency_id,route_short_name,route_long_name,route_type\n");
    for l in 0..LINES {
        let _ = writeln!(r, "L{l},gros,{l},Ligne {l},3");
    }
    put("routes.txt", &r)?;
    let mut t = String::from("route_id,service_id,trip_id\n");
    let mut st = String::from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
    let per_line = trips.div_ceil(LINES);
    for l in 0..LINES {
        let path = line_stops(l);
        for k in 0..per_line {
            if l * per_line + k >= trips {
                break;
            }
            let service = match k % 10 {
                0 => "samedi",
                1 => "dimanche",
                _ => "semaine",
            };
            let id = format!("T{l}-{k}");
            let _ = writeln!(t, "L{l},{service},{id}");
            // Trips both ways, from 05:00 onwards, spread over the day.
            let start = 5 * 3600 + (k / 2) * (17 * 3600) / (per_line / 2).max(1);
            let order: Vec<usize> = if k.is_multiple_of(2) {
                path.clone()
            } else {
                path.iter().rev().copied().collect()
            };
            for (i, stop) in order.iter().enumerate() {
                let at = start + i * 120;
                let hms = format!("{:02}:{:02}:{:02}", at / 3600, at / 60 % 60, at % 60);
                let _ = writeln!(st, "{id},{hms},{hms},S{stop},{}", i + 1);
            }
        }
    }
    put("trips.txt", &t)?;
    put("stop_times.txt", &st)?;
    put("scenario.yaml", &scenario(stops)?)
}

/// `scenarios/exemple.yaml`, its buses replaced by the feed, its lieux placed on the grid.
fn scenario(stops: usize) -> std::io::Result<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scenarios/exemple.yaml"))?;
    let mut v: serde_yaml::Value = serde_yaml::from_str(&text).map_err(std::io::Error::other)?;
    let Some(m) = v.as_mapping_mut() else {
        return Err(std::io::Error::other("exemple.yaml : pas une table"));
    };
    m.remove("transports");
    m.insert(
        "gtfs".into(),
        serde_yaml::from_str("{ chemin: '.' }").map_err(std::io::Error::other)?,
    );
    if let Some(lieux) = m.get_mut("lieux").and_then(|l| l.as_sequence_mut()) {
        for (i, l) in lieux.iter_mut().enumerate() {
            // Between four stops of the grid, spread over it.
            let k = (i * 397 + 123) % stops;
            let (lat, lon) = coords(k);
            let gps: serde_yaml::Value =
                serde_yaml::from_str(&format!("[{:.6}, {:.6}]", lat + 0.002, lon + 0.003))
                    .map_err(std::io::Error::other)?;
            if let Some(l) = l.as_mapping_mut() {
                l.insert("gps".into(), gps);
            }
        }
    }
    serde_yaml::to_string(&v).map_err(std::io::Error::other)
}
