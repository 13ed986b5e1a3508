//! The scenario generator (`regie generer`) and the shipped scenarios: determinism, YAML round
//! trip, and the structural invariants the generator promises (docs/validation.md, plus
//! the sizes and shares of the generator's brief).

use chrono::{Datelike, NaiveDate, Weekday};
use regie_planner::format::scenario::{Jour, Mobilite, Scenario};
use regie_planner::generate::{
    DEMAND_RATIO, cips_for, demand_ratio, encadrants_for, generate, lignes_for, to_yaml,
};
use std::collections::{BTreeMap, BTreeSet};

fn parse(text: &str) -> Scenario {
    serde_yaml::from_str::<Scenario>(text).expect("the YAML reads back")
}

fn day_of(d: NaiveDate) -> Jour {
    Jour::of(d.weekday())
}

/// Every problem of the Validation section that a generated or shipped scenario must not have.
fn problems(sc: &Scenario) -> Vec<String> {
    let mut out = vec![];
    let pas = sc.reglages.pas_minutes;
    let mut on_grid = |what: &str, m: u32| {
        if !m.is_multiple_of(pas) {
            out.push(format!("{what}: {m} hors grille"));
        }
    };
    // Times on the grid (bus passages excepted: timetables are to the minute, as in the example).
    for s in &sc.salaries {
        for ps in s.disponibilites.iter().flat_map(|d| d.values()) {
            for p in ps {
                on_grid(&s.id, p.debut);
                on_grid(&s.id, p.fin);
            }
        }
        for a in &s.absences {
            for h in a.de.iter().chain(a.a.iter()) {
                on_grid(&s.id, h.0);
            }
        }
    }
    for c in &sc.chantiers {
        for v in &c.vacations {
            on_grid(&c.id, v.duree.0);
            for d in &v.debuts {
                on_grid(&c.id, d.0);
            }
        }
    }
    for a in &sc.ateliers {
        on_grid(&a.id, a.de.0);
        on_grid(&a.id, a.a.0);
    }
    for f in &sc.formations {
        for x in &f.seances {
            on_grid(&f.id, x.de.0);
            on_grid(&f.id, x.a.0);
        }
    }
    // Unique ids.
    let mut unique = |list: &str, ids: Vec<&str>| {
        let set: BTreeSet<&str> = ids.iter().copied().collect();
        if set.len() != ids.len() {
            out.push(format!("{list}: id en double"));
        }
    };
    unique("lieux", sc.lieux.iter().map(|x| x.id.as_str()).collect());
    unique(
        "transports",
        sc.transports.iter().map(|x| x.id.as_str()).collect(),
    );
    unique(
        "salaries",
        sc.salaries.iter().map(|x| x.id.as_str()).collect(),
    );
    unique(
        "encadrants",
        sc.encadrants.iter().map(|x| x.id.as_str()).collect(),
    );
    unique("cips", sc.cips.iter().map(|x| x.id.as_str()).collect());
    unique(
        "chantiers",
        sc.chantiers.iter().map(|x| x.id.as_str()).collect(),
    );
    unique(
        "ateliers",
        sc.ateliers.iter().map(|x| x.id.as_str()).collect(),
    );
    unique(
        "formations",
        sc.formations.iter().map(|x| x.id.as_str()).collect(),
    );
    // References.
    let lieux: BTreeSet<&str> = sc.lieux.iter().map(|x| x.id.as_str()).collect();
    let salaries: BTreeSet<&str> = sc.salaries.iter().map(|x| x.id.as_str()).collect();
    let cips: BTreeSet<&str> = sc.cips.iter().map(|x| x.id.as_str()).collect();
    let chantiers: BTreeSet<&str> = sc.chantiers.iter().map(|x| x.id.as_str()).collect();
    let mut refs: Vec<(&str, &BTreeSet<&str>, String)> = vec![];
    for t in &sc.trajets {
        refs.push((&t.de, &lieux, "trajets".into()));
        refs.push((&t.a, &lieux, "trajets".into()));
    }
    for l in &sc.transports {
        for c in &l.courses {
            for (p, _) in &c.passages {
                refs.push((p, &lieux, l.id.clone()));
            }
            if c.passages.windows(2).any(|w| w[1].1 <= w[0].1) {
                out.push(format!("{}: passages non croissants", l.id));
            }
        }
    }
    for s in &sc.salaries {
        if let Some(d) = &s.domicile {
            refs.push((d, &lieux, s.id.clone()));
        } else if s.mobilite != Mobilite::Autonome {
            out.push(format!("{}: domicile manquant", s.id));
        }
        if let Some(c) = &s.cip {
            refs.push((c, &cips, s.id.clone()));
        }
        for c in &s.preferences.chantiers {
            refs.push((c, &chantiers, s.id.clone()));
        }
        for e in &s.preferences.eviter {
            refs.push((e, &salaries, s.id.clone()));
        }
        if let (Some(a), Some(b)) = (s.contrat.debut, s.contrat.fin)
            && b < a
        {
            out.push(format!("{}: contrat fini avant son début", s.id));
        }
        for ps in s.disponibilites.iter().flat_map(|d| d.values()) {
            if ps.iter().any(|p| p.fin <= p.debut) {
                out.push(format!("{}: plage vide", s.id));
            }
        }
        for a in &s.absences {
            match (a.days(), a.de, a.a) {
                (None, _, _) => out.push(format!("{}: absence sans date", s.id)),
                (Some((x, y)), _, _) if y < x => out.push(format!("{}: absence inversée", s.id)),
                (_, Some(x), Some(y)) if y <= x => out.push(format!("{}: absence vide", s.id)),
                _ => {}
            }
        }
        if s.pmsmp.iter().any(|p| p.au < p.du) {
            out.push(format!("{}: PMSMP inversée", s.id));
        }
    }
    for c in &sc.cips {
        refs.push((&c.lieu, &lieux, c.id.clone()));
    }
    for c in &sc.chantiers {
        refs.push((&c.lieu, &lieux, c.id.clone()));
        for v in &c.vacations {
            if v.equipe.max < v.equipe.min || v.debuts.is_empty() || v.jours.is_empty() {
                out.push(format!("{}: vacation incohérente", c.id));
            }
        }
    }
    for a in &sc.ateliers {
        refs.push((&a.lieu, &lieux, a.id.clone()));
        for i in &a.inscrits {
            refs.push((i, &salaries, a.id.clone()));
        }
        if let Some(c) = &a.anime_par {
            refs.push((c, &cips, a.id.clone()));
        }
        if a.a <= a.de || a.inscrits.len() > a.places as usize {
            out.push(format!("{}: atelier incohérent", a.id));
        }
    }
    for f in &sc.formations {
        refs.push((&f.lieu, &lieux, f.id.clone()));
        for i in &f.inscrits {
            refs.push((i, &salaries, f.id.clone()));
        }
        if f.seances.iter().any(|x| x.a <= x.de) {
            out.push(format!("{}: séance vide", f.id));
        }
    }
    for (id, set, from) in refs {
        if !set.contains(id) {
            out.push(format!("{from}: référence inconnue {id}"));
        }
    }
    // Fixed enrolments: no collision with an absence, a PMSMP day or another enrolment.
    let mut fixed: BTreeMap<&str, Vec<(NaiveDate, u32, u32, String)>> = BTreeMap::new();
    for a in &sc.ateliers {
        for i in &a.inscrits {
            fixed
                .entry(i)
                .or_default()
                .push((a.date, a.de.0, a.a.0, a.id.clone()));
        }
    }
    for f in &sc.formations {
        for i in &f.inscrits {
            for x in &f.seances {
                fixed
                    .entry(i)
                    .or_default()
                    .push((x.date, x.de.0, x.a.0, f.id.clone()));
            }
        }
    }
    for s in &sc.salaries {
        let Some(list) = fixed.get(s.id.as_str()) else {
            continue;
        };
        for (k, &(d, de, a, ref what)) in list.iter().enumerate() {
            if s.absences
                .iter()
                .any(|x| x.on(d).is_some_and(|(p, q)| p < a && de < q))
            {
                out.push(format!("{}: {what} pendant une absence", s.id));
            }
            if s.pmsmp.iter().any(|p| p.du <= d && d <= p.au) {
                out.push(format!("{}: {what} pendant une PMSMP", s.id));
            }
            for &(d2, de2, a2, ref w2) in list.iter().skip(k + 1) {
                if d == d2 && de < a2 && de2 < a {
                    out.push(format!("{}: {what} et {w2} se chevauchent", s.id));
                }
            }
        }
    }
    if sc.periode.jours == 0 || sc.periode.jours > 31 {
        out.push("période de plus de 31 jours".into());
    }
    out
}

/// Earliest arrival at every lieu leaving `home` at `leave` on `jour`: walks over `trajets`
/// (chained) and, with `transit`, courses boarded at any passage and left at any later one.
/// A plain fixed point, independent of the model's connection scan.
fn earliest(
    sc: &Scenario,
    home: &str,
    jour: Jour,
    leave: u32,
    transit: bool,
) -> BTreeMap<String, u32> {
    let mut arr: BTreeMap<String, u32> = BTreeMap::new();
    arr.insert(home.to_owned(), leave);
    loop {
        let before = arr.clone();
        for t in &sc.trajets {
            for (a, b) in [(&t.de, &t.a), (&t.a, &t.de)] {
                if let Some(&x) = arr.get(a) {
                    let y = x + t.minutes;
                    if arr.get(b).is_none_or(|&z| y < z) {
                        arr.insert(b.clone(), y);
                    }
                }
            }
        }
        if transit {
            for l in &sc.transports {
                for c in l.courses.iter().filter(|c| c.jours.contains(&jour)) {
                    let board = c
                        .passages
                        .iter()
                        .position(|(p, h)| arr.get(p).is_some_and(|&x| x <= h.0));
                    if let Some(i) = board {
                        for (p, h) in c.passages.iter().skip(i + 1) {
                            if arr.get(p).is_none_or(|&z| h.0 < z) {
                                arr.insert(p.clone(), h.0);
                            }
                        }
                    }
                }
            }
        }
        if arr == before {
            return arr;
        }
    }
}

/// Share of the non-autonome salarié·es who can reach, on Monday... Friday's first open day, at
/// least one mandatory vacation before its last start option.
fn reach_share(sc: &Scenario) -> f64 {
    let day = sc
        .periode
        .debut
        .iter_days()
        .take(sc.periode.jours as usize)
        .find(|d| !sc.periode.feries.contains(d) && d.weekday() != Weekday::Sat)
        .unwrap_or(sc.periode.debut);
    let jour = day_of(day);
    let lieu_of: BTreeMap<&str, &str> = sc
        .chantiers
        .iter()
        .map(|c| (c.id.as_str(), c.lieu.as_str()))
        .collect();
    let (mut movers, mut ok) = (0, 0);
    for s in sc
        .salaries
        .iter()
        .filter(|s| s.mobilite != Mobilite::Autonome)
    {
        let Some(home) = &s.domicile else { continue };
        movers += 1;
        let arr = earliest(sc, home, jour, 5 * 60, s.mobilite == Mobilite::Transports);
        let reachable = sc.chantiers.iter().any(|c| {
            c.vacations.iter().any(|v| {
                !v.optionnelle
                    && v.jours.contains(&jour)
                    && lieu_of
                        .get(c.id.as_str())
                        .and_then(|l| arr.get(*l))
                        .is_some_and(|&a| v.debuts.iter().any(|d| a <= d.0))
            })
        });
        if reachable {
            ok += 1;
        }
    }
    if movers == 0 {
        1.0
    } else {
        f64::from(ok) / f64::from(movers)
    }
}

/// Per open day and half-day, the shifts needing an encadrant never outnumber the encadrant·es
/// present.
fn encadrement_problems(sc: &Scenario) -> Vec<String> {
    let mut out = vec![];
    for d in sc.periode.debut.iter_days().take(sc.periode.jours as usize) {
        if sc.periode.feries.contains(&d) {
            continue;
        }
        let j = day_of(d);
        let present = sc
            .encadrants
            .iter()
            .filter(|e| e.disponibilites.as_ref().is_none_or(|x| x.contains_key(&j)))
            .filter(|e| {
                !e.absences
                    .iter()
                    .any(|a| a.whole_day() && a.on(d).is_some())
            })
            .count();
        for morning in [true, false] {
            let shifts = sc
                .chantiers
                .iter()
                .filter(|c| c.ratio_encadrement != Some(0))
                .flat_map(|c| c.vacations.iter())
                .filter(|v| !v.optionnelle && v.jours.contains(&j))
                .filter(|v| v.debuts.first().is_some_and(|h| (h.0 < 12 * 60) == morning))
                .map(|v| v.equipe.min.div_ceil(5) as usize)
                .sum::<usize>();
            if shifts > present {
                out.push(format!(
                    "{d} matin={morning}: {shifts} vacations, {present} encadrant·es"
                ));
            }
        }
    }
    out
}

#[test]
fn same_seed_same_file_other_seed_other_file() {
    let a = to_yaml(&generate(30, 7));
    let b = to_yaml(&generate(30, 7));
    assert_eq!(a, b);
    let c = to_yaml(&generate(30, 8));
    assert_ne!(a, c);
    let d = to_yaml(&generate(31, 7));
    assert_ne!(a, d);
}

#[test]
fn generated_scenarios_read_back_and_hold_their_promises() {
    for (n, seeds) in [(12, 0..6), (30, 0..3), (70, 0..2), (150, 0..1), (600, 0..1)] {
        for seed in seeds {
            let sc = generate(n, seed);
            let text = to_yaml(&sc);
            let back = parse(&text);
            assert_eq!(
                serde_json::to_value(&sc).expect("json"),
                serde_json::to_value(&back).expect("json"),
                "n={n} seed={seed}: the YAML reads back to another scenario"
            );
            let p = problems(&back);
            assert!(p.is_empty(), "n={n} seed={seed}: {p:?}");
            let e = encadrement_problems(&back);
            assert!(e.is_empty(), "n={n} seed={seed}: {e:?}");

            assert_eq!(back.salaries.len(), n);
            assert_eq!(back.periode.jours, 5);
            assert_eq!(back.periode.debut.weekday(), Weekday::Mon);
            let r = demand_ratio(&back);
            assert!(
                (DEMAND_RATIO.0..=DEMAND_RATIO.1).contains(&r),
                "n={n} seed={seed}: ratio {r}"
            );
            // About 1 encadrant for 5 and 1 CIP for 22.
            let (ne, nc) = (back.encadrants.len(), back.cips.len());
            assert_eq!((ne, nc), (encadrants_for(n), cips_for(n)));
            assert!(ne * 6 >= n && ne * 4 <= n + 8, "n={n}: {ne} encadrant·es");
            assert!(
                nc >= 1 && nc * 15 <= n + 15 && nc * 30 >= n,
                "n={n}: {nc} CIP"
            );
            assert_eq!(back.transports.len(), lignes_for(n));
            // About 60 % walk or ride the bus.
            let movers = back
                .salaries
                .iter()
                .filter(|s| s.mobilite != Mobilite::Autonome)
                .count() as f64;
            let share = movers / n as f64;
            assert!((0.45..=0.75).contains(&share), "n={n}: {share}");
            // Contract hours 20 to 35.
            assert!(
                back.salaries
                    .iter()
                    .all(|s| (20.0..=35.0).contains(&s.contrat.heures_hebdo))
            );
            // Almost everyone who walks or rides can reach a chantier in time.
            let reach = reach_share(&back);
            assert!(reach >= 0.95, "n={n} seed={seed}: {reach}");
        }
    }
}

#[test]
fn month_end_weeks_and_holidays_come_up() {
    let mut month_end = 0;
    let mut holiday = 0;
    for seed in 0..30 {
        let sc = generate(12, seed);
        let last = sc.periode.debut + chrono::Days::new(4);
        if last.month() != sc.periode.debut.month() {
            month_end += 1;
        }
        if !sc.periode.feries.is_empty() {
            holiday += 1;
        }
    }
    // One seed in three straddles a month end (10 expected of 30), some have a holiday.
    assert!((5..=16).contains(&month_end), "{month_end}");
    assert!(holiday >= 1, "{holiday}");
}

#[test]
fn out_of_range_sizes_are_clamped_by_the_library() {
    assert_eq!(generate(3, 1).salaries.len(), 12);
    assert_eq!(generate(10_000, 1).salaries.len(), 600);
}

#[test]
fn shipped_scenarios_parse_and_are_consistent() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenarios/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let sc = serde_yaml::from_str::<Scenario>(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let p = problems(&sc);
        assert!(p.is_empty(), "{}: {p:?}", f.display());
        // The writer is not only for generated scenarios: it round-trips these too.
        assert_eq!(
            serde_json::to_value(parse(&to_yaml(&sc))).expect("json"),
            serde_json::to_value(&sc).expect("json"),
            "{}",
            f.display()
        );
        let e = encadrement_problems(&sc);
        assert!(e.is_empty(), "{}: {e:?}", f.display());
        let reach = reach_share(&sc);
        assert!(reach >= 0.9, "{}: {reach}", f.display());
        let share = commute_share(&sc);
        assert!(share >= 0.6, "{}: {share}", f.display());
    }
}

/// With the model's commute tables: for the salarié·es who walk or ride, the share of (person,
/// mandatory shift) pairs where some start option lets them arrive in time and get home.
fn commute_share(sc: &Scenario) -> f64 {
    use regie_planner::model::{commute::CommuteTable, places::Places};
    let places = Places::new(sc);
    let (mut pairs, mut ok) = (0u32, 0u32);
    for s in &sc.salaries {
        let Some(t) = CommuteTable::for_salarie(sc, &places, s) else {
            continue;
        };
        for c in &sc.chantiers {
            let Some(&l) = places.index.get(&c.lieu) else {
                continue;
            };
            for v in c.vacations.iter().filter(|v| !v.optionnelle) {
                for d in sc.periode.debut.iter_days().take(sc.periode.jours as usize) {
                    let j = day_of(d);
                    if !v.jours.contains(&j) || sc.periode.feries.contains(&d) {
                        continue;
                    }
                    pairs += 1;
                    let fits = t.window(j, l).is_some_and(|(a, b)| {
                        v.debuts.iter().any(|h| a <= h.0 && h.0 + v.duree.0 <= b)
                    });
                    if fits {
                        ok += 1;
                    }
                }
            }
        }
    }
    if pairs == 0 {
        1.0
    } else {
        f64::from(ok) / f64::from(pairs)
    }
}

#[test]
fn bus_and_walks_get_people_to_their_shifts_and_home() {
    for (n, seed) in [(12, 3), (30, 1), (70, 2), (150, 5), (300, 1)] {
        let sc = generate(n, seed);
        let share = commute_share(&sc);
        assert!(share >= 0.95, "n={n} seed={seed}: {share}");
    }
}
