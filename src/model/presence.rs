//! Presence: when a person may be given an item on a date (rule 2, "Presence").
//!
//! An item lies inside ONE `disponibilites` interval of its weekday (intervals are not merged;
//! `disponibilites` absent: the whole `journee`), and overlaps no absence.

use crate::format::scenario::{Absence, Disponibilites, Jour, Reglages};
use chrono::{Datelike, NaiveDate};

/// The availability intervals `[start, end)` in minutes of a weekday's date, before absences.
/// `dispo` absent: `[journee.debut, journee.fin)`. A weekday not listed: none.
pub(crate) fn intervals(
    reglages: &Reglages,
    dispo: Option<&Disponibilites>,
    date: NaiveDate,
) -> Vec<(u32, u32)> {
    match dispo {
        None => vec![(reglages.journee.debut, reglages.journee.fin)],
        Some(d) => d
            .get(&Jour::of(date.weekday()))
            .map(|plages| plages.iter().map(|p| (p.debut, p.fin)).collect())
            .unwrap_or_default(),
    }
}

/// True when some absence takes the whole of `date`.
/// An absence is whole-day when it has neither `de` nor `a` (docs/regles.md).
pub(crate) fn absent_all_day(absences: &[Absence], date: NaiveDate) -> bool {
    absences
        .iter()
        .any(|a| a.whole_day() && a.on(date).is_some())
}

/// The absences' busy intervals `[start, end)` on `date` (whole-day absences give `(0, 1440)`).
/// A partial absence over a `du`/`au` range takes its `de`-`a` part of each day of the range
/// (missing `de`: 00:00, missing `a`: 24:00).
pub(crate) fn absence_intervals(absences: &[Absence], date: NaiveDate) -> Vec<(u32, u32)> {
    absences.iter().filter_map(|a| a.on(date)).collect()
}

/// Rule 2 for one item: `[start, end)` lies inside one availability interval and overlaps no absence.
pub(crate) fn is_present(
    reglages: &Reglages,
    dispo: Option<&Disponibilites>,
    absences: &[Absence],
    date: NaiveDate,
    start: u32,
    end: u32,
) -> bool {
    let inside = intervals(reglages, dispo, date)
        .iter()
        .any(|&(a, b)| a <= start && end <= b);
    inside
        && !absence_intervals(absences, date)
            .iter()
            .any(|&(a, b)| start < b && a < end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{d, exemple, hm, salarie};

    fn absences(yaml: &str) -> Vec<Absence> {
        serde_yaml::from_str(yaml).expect("absences")
    }

    #[test]
    fn intervals_from_disponibilites_or_journee() {
        let sc = exemple();
        let r = &sc.reglages;
        let mon = d("2026-11-30");
        let wed = d("2026-12-02");
        // No disponibilites: the whole journee.
        assert_eq!(intervals(r, None, mon), vec![(hm("05:00"), hm("21:00"))]);
        // s06 lists lun, mar, jeu, ven only.
        let s06 = salarie(&sc, "s06");
        let dispo = s06.disponibilites.as_ref();
        assert_eq!(intervals(r, dispo, mon), vec![(hm("06:00"), hm("14:00"))]);
        assert_eq!(intervals(r, dispo, wed), vec![]);
        // The CIP's two intervals on Tuesday, not merged, in order.
        let cip = sc.cips[0].disponibilites.as_ref();
        assert_eq!(
            intervals(r, cip, d("2026-12-01")),
            vec![(hm("09:00"), hm("12:00")), (hm("13:30"), hm("17:00"))]
        );
    }

    #[test]
    fn an_item_lies_inside_one_interval() {
        let sc = exemple();
        let r = &sc.reglages;
        let dispo: Disponibilites =
            serde_yaml::from_str(r#"{ lun: ["08:00-12:00", "12:00-16:00"] }"#).expect("dispo");
        let mon = d("2026-11-30");
        assert!(is_present(
            r,
            Some(&dispo),
            &[],
            mon,
            hm("08:00"),
            hm("12:00")
        ));
        assert!(is_present(
            r,
            Some(&dispo),
            &[],
            mon,
            hm("12:00"),
            hm("16:00")
        ));
        // Across two adjacent intervals: not present (intervals are not merged).
        assert!(!is_present(
            r,
            Some(&dispo),
            &[],
            mon,
            hm("11:00"),
            hm("13:00")
        ));
        assert!(!is_present(
            r,
            Some(&dispo),
            &[],
            mon,
            hm("07:45"),
            hm("09:00")
        ));
        // Tuesday is not listed.
        assert!(!is_present(
            r,
            Some(&dispo),
            &[],
            d("2026-12-01"),
            hm("08:00"),
            hm("09:00")
        ));
        // Without disponibilites: inside journee only.
        assert!(is_present(r, None, &[], mon, hm("05:00"), hm("21:00")));
        assert!(!is_present(r, None, &[], mon, hm("20:30"), hm("21:15")));
    }

    #[test]
    fn whole_day_absences() {
        let sc = exemple();
        let s08 = salarie(&sc, "s08");
        let wed = d("2026-12-02");
        assert!(absent_all_day(&s08.absences, wed));
        assert!(!absent_all_day(&s08.absences, d("2026-12-01")));
        assert_eq!(absence_intervals(&s08.absences, wed), vec![(0, 1440)]);
        assert_eq!(absence_intervals(&s08.absences, d("2026-12-03")), vec![]);
        assert!(!is_present(
            &sc.reglages,
            None,
            &s08.absences,
            wed,
            hm("08:00"),
            hm("09:00")
        ));
        // A du/au range takes each of its days.
        let abs = absences("[{ du: 2026-12-01, au: 2026-12-03, motif: arrêt }]");
        assert!(!absent_all_day(&abs, d("2026-11-30")));
        assert!(absent_all_day(&abs, d("2026-12-01")));
        assert!(absent_all_day(&abs, d("2026-12-02")));
        assert!(absent_all_day(&abs, d("2026-12-03")));
        assert!(!absent_all_day(&abs, d("2026-12-04")));
    }

    #[test]
    fn partial_absence_over_a_range_takes_part_of_each_day() {
        let sc = exemple();
        let r = &sc.reglages;
        let abs = absences(r#"[{ du: 2026-12-01, au: 2026-12-03, de: "13:30", a: "17:00" }]"#);
        for day in ["2026-12-01", "2026-12-02", "2026-12-03"] {
            let day = d(day);
            assert!(!absent_all_day(&abs, day));
            assert_eq!(
                absence_intervals(&abs, day),
                vec![(hm("13:30"), hm("17:00"))]
            );
            assert!(!is_present(r, None, &abs, day, hm("13:00"), hm("14:00")));
            assert!(!is_present(r, None, &abs, day, hm("16:45"), hm("18:00")));
            assert!(!is_present(r, None, &abs, day, hm("14:00"), hm("15:00")));
            // Touching is not overlapping.
            assert!(is_present(r, None, &abs, day, hm("09:00"), hm("13:30")));
            assert!(is_present(r, None, &abs, day, hm("17:00"), hm("18:00")));
        }
        let fri = d("2026-12-04");
        assert_eq!(absence_intervals(&abs, fri), vec![]);
        assert!(is_present(r, None, &abs, fri, hm("13:30"), hm("17:00")));
    }

    #[test]
    fn a_missing_bound_means_midnight() {
        let sc = exemple();
        let r = &sc.reglages;
        let abs =
            absences(r#"[{ date: 2026-12-01, a: "10:00" }, { date: 2026-12-02, de: "15:00" }]"#);
        assert_eq!(
            absence_intervals(&abs, d("2026-12-01")),
            vec![(0, hm("10:00"))]
        );
        assert_eq!(
            absence_intervals(&abs, d("2026-12-02")),
            vec![(hm("15:00"), 1440)]
        );
        assert!(!absent_all_day(&abs, d("2026-12-01")));
        assert!(!is_present(
            r,
            None,
            &abs,
            d("2026-12-01"),
            hm("09:45"),
            hm("10:15")
        ));
        assert!(is_present(
            r,
            None,
            &abs,
            d("2026-12-01"),
            hm("10:00"),
            hm("11:00")
        ));
        assert!(is_present(
            r,
            None,
            &abs,
            d("2026-12-02"),
            hm("14:00"),
            hm("15:00")
        ));
        assert!(!is_present(
            r,
            None,
            &abs,
            d("2026-12-02"),
            hm("20:00"),
            hm("21:00")
        ));
    }
}
