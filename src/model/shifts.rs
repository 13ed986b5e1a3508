//! Shifts: each vacation gives one shift per listed weekday in the period that is not a holiday.

use super::calendar::{is_holiday, jour, period_days};
use crate::format::scenario::Scenario;
use chrono::NaiveDate;

/// One vacation of a chantier on one day of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Index of the chantier in `sc.chantiers`.
    pub chantier: usize,
    /// Index of the vacation in the chantier's `vacations`.
    pub vacation: usize,
    /// The day.
    pub date: NaiveDate,
    /// Allowed starts, minutes, in file order.
    pub debuts: Vec<u32>,
    /// Duration, minutes.
    pub duree: u32,
    /// The smallest crew.
    pub min: u32,
    /// The largest crew.
    pub max: u32,
    /// The shift may not run (`optionnelle`).
    pub optionnelle: bool,
    /// Index of the chantier's lieu.
    pub lieu: usize,
    /// The chantier's ratio (its own, else `reglages.ratio_encadrement`); 0: no encadrant.
    pub ratio: u32,
}

/// The shift a production or encadrement item is on: chantier `chantier` (its index in
/// `sc.chantiers`), date `date`, from `debut` to `fin` (minutes) — the first of `shifts` with
/// that chantier and date, `debut` among its `debuts` and `fin = debut + duree`. The one
/// matcher of items to shifts: the checker's crews and the reports' crews both read it.
pub fn shift_of(
    shifts: &[Shift],
    chantier: usize,
    date: NaiveDate,
    (debut, fin): (u32, u32),
) -> Option<usize> {
    shifts.iter().position(|s| {
        s.chantier == chantier
            && s.date == date
            && s.debuts.contains(&debut)
            && fin == debut + s.duree
    })
}

/// Every shift of the period, sorted by (date, first start, chantier index, vacation index).
///
/// "First start" is the earliest of `debuts`. A listed weekday gives shifts even when it is not a
/// working day (a `sam` vacation runs with `jours_semaine` 5); holidays give none. A chantier whose
/// lieu does not resolve (impossible after validation) gives no shifts rather than a panic.
pub fn shifts(sc: &Scenario) -> Vec<Shift> {
    let days = period_days(sc);
    let mut out = Vec::new();
    for (ci, ch) in sc.chantiers.iter().enumerate() {
        let Some(lieu) = sc.lieux.iter().position(|l| l.id == ch.lieu) else {
            continue;
        };
        let ratio = ch
            .ratio_encadrement
            .unwrap_or(sc.reglages.ratio_encadrement);
        for (vi, v) in ch.vacations.iter().enumerate() {
            for &date in &days {
                if !v.jours.contains(&jour(date)) || is_holiday(sc, date) {
                    continue;
                }
                out.push(Shift {
                    chantier: ci,
                    vacation: vi,
                    date,
                    debuts: v.debuts.iter().map(|h| h.0).collect(),
                    duree: v.duree.0,
                    min: v.equipe.min,
                    max: v.equipe.max,
                    optionnelle: v.optionnelle,
                    lieu,
                    ratio,
                });
            }
        }
    }
    out.sort_by_key(|s| {
        (
            s.date,
            s.debuts.iter().copied().min().unwrap_or(0),
            s.chantier,
            s.vacation,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{d, exemple, hm};

    /// `(date, chantier id, vacation index)` of each shift.
    fn keys(sc: &Scenario, v: &[Shift]) -> Vec<(String, String, usize)> {
        v.iter()
            .map(|s| {
                (
                    s.date.to_string(),
                    sc.chantiers[s.chantier].id.clone(),
                    s.vacation,
                )
            })
            .collect()
    }

    #[test]
    fn shifts_of_exemple() {
        let sc = exemple();
        let v = shifts(&sc);
        // halls-a 5 + espaces-verts 4 + 3 + encombrants 2 + locaux-regie 5.
        assert_eq!(v.len(), 19);
        let k = keys(&sc, &v);
        let first_days: Vec<(String, String, usize)> = [
            ("2026-11-30", "halls-a", 0),
            ("2026-11-30", "espaces-verts", 0),
            ("2026-11-30", "espaces-verts", 1),
            ("2026-11-30", "locaux-regie", 0),
            ("2026-12-01", "halls-a", 0),
            // Same first start 08:00: chantier index decides.
            ("2026-12-01", "espaces-verts", 0),
            ("2026-12-01", "encombrants", 0),
            ("2026-12-01", "espaces-verts", 1),
            ("2026-12-01", "locaux-regie", 0),
        ]
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), *c))
        .collect();
        assert_eq!(k[..9], first_days[..]);
        let s = &v[0];
        assert_eq!(s.debuts, vec![hm("06:30"), hm("07:00"), hm("07:30")]);
        assert_eq!(s.duree, hm("03:30"));
        assert_eq!((s.min, s.max, s.optionnelle), (3, 4, false));
        assert_eq!(s.lieu, 1); // residence-a
        assert_eq!(s.ratio, 5);
        let locaux = &v[3];
        assert_eq!(locaux.ratio, 0);
        assert!(locaux.optionnelle);
        assert_eq!(locaux.lieu, 0); // regie
        // Friday: halls-a, encombrants, locaux-regie.
        let fri: Vec<&str> = v
            .iter()
            .filter(|s| s.date == d("2026-12-04"))
            .map(|s| sc.chantiers[s.chantier].id.as_str())
            .collect();
        assert_eq!(fri, vec!["halls-a", "encombrants", "locaux-regie"]);
    }

    #[test]
    fn holidays_give_no_shift() {
        let mut sc = exemple();
        sc.periode.feries = vec![d("2026-12-01")];
        let v = shifts(&sc);
        assert_eq!(v.len(), 14);
        assert!(v.iter().all(|s| s.date != d("2026-12-01")));
    }

    #[test]
    fn a_listed_saturday_gives_a_shift_with_five_working_days() {
        let mut sc = exemple();
        sc.periode.jours = 7;
        sc.chantiers[3].vacations[0]
            .jours
            .push(crate::format::scenario::Jour::Sam);
        sc.chantiers[3].ratio_encadrement = None;
        sc.reglages.ratio_encadrement = 4;
        let v = shifts(&sc);
        assert_eq!(v.len(), 20);
        let last = v.last().expect("shift");
        assert_eq!(last.date, d("2026-12-05"));
        assert_eq!(sc.chantiers[last.chantier].id, "locaux-regie");
        assert_eq!(last.ratio, 4);
    }

    #[test]
    fn first_start_is_the_earliest() {
        let mut sc = exemple();
        // espaces-verts afternoon vacation may now start at 06:00: it comes first on Monday.
        sc.chantiers[1].vacations[1]
            .debuts
            .push(crate::format::time::Heure(hm("06:00")));
        let v = shifts(&sc);
        assert_eq!((v[0].chantier, v[0].vacation), (1, 1));
        assert_eq!(v[0].debuts, vec![hm("13:00"), hm("13:30"), hm("06:00")]);
        assert_eq!((v[1].chantier, v[1].vacation), (0, 0));
    }
}
