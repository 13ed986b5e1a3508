//! `--ics DOSSIER` (docs/rapports.md): the example planned, its calendars read back with the
//! `icalendar` crate's parser, each holding exactly its person's items.

mod common;

use common::{EXEMPLE, arg, planifier, regie, succeeded as ok};
use icalendar::{Component, DatePerhapsTime};
use regie_planner::format::plan::{Plan, TypeAffectation};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An event as the tests compare it: date, start and end (`None` for an all-day event), title.
type Ev = (String, Option<String>, Option<String>, String);

fn when(d: Option<DatePerhapsTime>) -> (String, Option<String>) {
    match d {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Floating(t))) => (
            t.date().to_string(),
            Some(t.time().format("%H:%M").to_string()),
        ),
        Some(DatePerhapsTime::Date(d)) => (d.to_string(), None),
        other => panic!("date inattendue : {other:?}"),
    }
}

/// The events of a calendar file, parsed by the `icalendar` crate, with their descriptions.
fn events(path: &Path) -> Vec<(Ev, String)> {
    let text = std::fs::read_to_string(path).expect("ics");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = match icalendar::parser::read_calendar(&unfolded) {
        Ok(c) => c,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let cal: icalendar::Calendar = parsed.into();
    cal.events()
        .map(|e| {
            let (d0, t0) = when(e.get_start());
            let (_, t1) = when(e.get_end());
            assert!(e.get_uid().is_some());
            assert_eq!(e.property_value("DTSTAMP"), Some("20261130T000000Z"));
            (
                (d0, t0, t1, e.get_summary().unwrap_or_default().to_owned()),
                e.get_description().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn plan_of(path: &Path) -> Plan {
    regie_planner::check::read_plan(path).expect("plan")
}

fn dir_bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect()
}

#[test]
fn one_calendar_per_person_and_cip_with_exactly_their_items() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plan = tmp.path().join("plan.json");
    let cal = tmp.path().join("calendriers");
    let stdout = ok(&planifier(
        EXEMPLE,
        &plan,
        &["--effort", "1", "--ics", arg(&cal)],
    ));
    assert!(
        stdout.contains("Calendriers (iCalendar) : 16 fichier(s) écrit(s)"),
        "{stdout}"
    );
    let p = plan_of(&plan);
    let sc = regie_planner::model::load::load_scenario(Path::new(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/exemple.yaml"),
    ))
    .expect("exemple")
    .scenario;
    let chantier = |id: &str| {
        sc.chantiers
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.nom.clone())
            .unwrap_or_default()
    };
    let persons = sc
        .salaries
        .iter()
        .map(|s| ("salarie", &s.id))
        .chain(sc.encadrants.iter().map(|e| ("encadrant", &e.id)));
    let mut with_bus = 0;
    for (role, id) in persons {
        let got = events(&cal.join(format!("{role}-{id}.ics")));
        let mut want: Vec<Ev> = p
            .affectations
            .iter()
            .filter(|a| &a.personne == id)
            .map(|a| {
                (
                    a.date.to_string(),
                    a.debut.map(|h| h.to_string()),
                    a.fin.map(|h| h.to_string()),
                    match a.type_ {
                        TypeAffectation::Production => {
                            chantier(a.chantier.as_deref().unwrap_or(""))
                        }
                        TypeAffectation::Encadrement => {
                            format!(
                                "Encadrement : {}",
                                chantier(a.chantier.as_deref().unwrap_or(""))
                            )
                        }
                        TypeAffectation::RdvCip => "Rendez-vous CIP : Marie L.".to_owned(),
                        _ => String::new(),
                    },
                )
            })
            .collect();
        let mut got_ev: Vec<Ev> = got.iter().map(|(e, _)| e.clone()).collect();
        // Ateliers and formations: compared by time only (their titles are checked below).
        for (w, g) in want.iter_mut().zip(got_ev.iter_mut()) {
            if w.3.is_empty() {
                assert!(
                    g.3.starts_with("Atelier : ")
                        || g.3.starts_with("Formation : ")
                        || g.3.starts_with("PMSMP"),
                    "{g:?}"
                );
                g.3.clear();
            }
        }
        want.sort();
        got_ev.sort();
        assert_eq!(got_ev, want, "calendrier de {id}");
        with_bus += got
            .iter()
            .filter(|(_, d)| d.contains("Aller : Bus 3 : départ"))
            .count();
    }
    assert!(with_bus > 0, "aucun bus nommé dans les calendriers");

    // The CIP's calendar: every rdv of the plan, with the salarié·e's name.
    let rdv = events(&cal.join("cip-cip-1.ics"));
    let n = p
        .affectations
        .iter()
        .filter(|a| a.type_ == TypeAffectation::RdvCip)
        .count();
    assert_eq!(rdv.len(), n);
    assert!(n > 0);
    for ((_, _, _, title), desc) in &rdv {
        assert!(title.starts_with("Rendez-vous avec "), "{title}");
        assert!(desc.starts_with("Salarié·e : "), "{desc}");
    }
    assert!(
        rdv.iter()
            .any(|((_, _, _, t), _)| t == "Rendez-vous avec Awa D.")
    );

    // `rapport semaine --ics` on the same plan: the same bytes, twice.
    let again = tmp.path().join("encore");
    ok(&regie(&[
        "rapport",
        "semaine",
        "scenarios/exemple.yaml",
        arg(&plan),
        "--ics",
        arg(&again),
    ]));
    assert_eq!(dir_bytes(&cal), dir_bytes(&again));
}

#[test]
fn ics_refuses_pseudonyms_and_inputs_in_its_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plan = tmp.path().join("plan.json");
    ok(&planifier(EXEMPLE, &plan, &["--effort", "1"]));
    let out = regie(&[
        "rapport",
        "semaine",
        "scenarios/exemple.yaml",
        arg(&plan),
        "--ics",
        arg(tmp.path()),
        "--pseudonymiser",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--pseudonymiser"));
    // A plan named like a calendar file of the folder: refused, the plan untouched.
    let clash = tmp.path().join("salarie-s01.ics");
    std::fs::copy(&plan, &clash).expect("copy");
    let before = std::fs::read(&clash).expect("read");
    let out = regie(&[
        "rapport",
        "semaine",
        "scenarios/exemple.yaml",
        arg(&clash),
        "--ics",
        arg(tmp.path()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("une sortie n'écrase jamais une entrée"),
        "{err}"
    );
    assert_eq!(std::fs::read(&clash).expect("read"), before);
}
