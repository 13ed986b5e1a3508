//! Calendar facts: period days, holidays, working days, ISO weeks and months.

use crate::format::scenario::{Jour, Scenario};
use chrono::{Datelike, Days, NaiveDate};

/// An ISO week, `(iso_year, week)`; displayed `YYYY-Www`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek(pub i32, pub u32);

impl IsoWeek {
    /// The ISO week of `date`.
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek(w.year(), w.week())
    }
    pub(crate) fn label(self) -> String {
        format!("{}-W{:02}", self.0, self.1)
    }
}

/// A calendar month, `(year, month 1..=12)`; displayed `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32, pub u32);

impl Month {
    /// The month of `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month(date.year(), date.month())
    }
    pub(crate) fn label(self) -> String {
        format!("{}-{:02}", self.0, self.1)
    }
    pub(crate) fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, self.1, 1).unwrap_or(NaiveDate::MIN)
    }
    pub(crate) fn days_in_month(self) -> u32 {
        match self.1 {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if NaiveDate::from_ymd_opt(self.0, 2, 29).is_some() => 29,
            2 => 28,
            _ => 0,
        }
    }
}

/// `periode.jours` consecutive days from `periode.debut` (holidays included).
pub(crate) fn period_days(sc: &Scenario) -> Vec<NaiveDate> {
    (0..u64::from(sc.periode.jours))
        .map_while(|i| sc.periode.debut.checked_add_days(Days::new(i)))
        .collect()
}

/// The weekday of `date` as the format writes it.
pub fn jour(date: NaiveDate) -> Jour {
    Jour::of(date.weekday())
}

/// A date listed in `periode.feries` (also after the period: the f rule uses it).
pub(crate) fn is_holiday(sc: &Scenario, date: NaiveDate) -> bool {
    sc.periode.feries.contains(&date)
}

/// A working day: lun-ven when `jours_semaine` is 5 (lun-sam when 6, every day when 7), not a holiday.
/// In general: the weekday's index from Monday (0..=6) is below `jours_semaine`.
pub(crate) fn is_working_day(sc: &Scenario, date: NaiveDate) -> bool {
    date.weekday().num_days_from_monday() < sc.reglages.jours_semaine && !is_holiday(sc, date)
}

// ----- dates as people write them -----

/// French weekday and date: `lun. 30/11`.
pub fn libelle_jour(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let j = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        [d.weekday().num_days_from_monday() as usize];
    format!("{j} {:02}/{:02}", d.day(), d.month())
}

const JOURS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn nom_mois(m: u32) -> &'static str {
    MOIS.get(m.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// A date as a person writes it: `mardi 1er décembre`, `lundi 30 novembre`.
pub fn date_longue(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let jour = JOURS[d.weekday().num_days_from_monday() as usize];
    let n = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{jour} {n} {}", nom_mois(d.month()))
}

/// A date without its weekday: `1er décembre`, `30 novembre`.
pub fn date_courte(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let n = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{n} {}", nom_mois(d.month()))
}

/// An ISO week as a person names it: `semaine du 30 novembre` (its Monday).
pub fn semaine_du(w: IsoWeek) -> String {
    match chrono::NaiveDate::from_isoywd_opt(w.0, w.1, chrono::Weekday::Mon) {
        Some(lundi) => format!("semaine du {}", date_courte(lundi)),
        None => format!("semaine {} de {}", w.1, w.0),
    }
}

/// A month as a person names it: `décembre 2026`.
pub fn mois_long(m: Month) -> String {
    format!("{} {}", nom_mois(m.1), m.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{d, exemple};

    #[test]
    fn days_in_month_with_leap_years() {
        assert_eq!(Month(2026, 11).days_in_month(), 30);
        assert_eq!(Month(2026, 12).days_in_month(), 31);
        assert_eq!(Month(2026, 2).days_in_month(), 28);
        assert_eq!(Month(2028, 2).days_in_month(), 29);
        assert_eq!(Month(2100, 2).days_in_month(), 28);
        assert_eq!(Month(2000, 2).days_in_month(), 29);
        assert_eq!(Month(2026, 13).days_in_month(), 0);
        assert_eq!(Month::of(d("2026-12-04")).label(), "2026-12");
        assert_eq!(Month(2026, 12).first_day(), d("2026-12-01"));
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(IsoWeek::of(d("2026-11-30")), IsoWeek(2026, 49));
        assert_eq!(IsoWeek::of(d("2026-12-06")), IsoWeek(2026, 49));
        assert_eq!(IsoWeek::of(d("2026-12-07")).label(), "2026-W50");
        // 1 January 2027 is a Friday: ISO week 53 of 2026.
        assert_eq!(IsoWeek::of(d("2027-01-01")).label(), "2026-W53");
    }

    #[test]
    fn period_days_of_exemple() {
        let sc = exemple();
        let days = period_days(&sc);
        let expected: Vec<NaiveDate> = [
            "2026-11-30",
            "2026-12-01",
            "2026-12-02",
            "2026-12-03",
            "2026-12-04",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        assert_eq!(days, expected);
        assert_eq!(jour(days[0]), Jour::Lun);
        assert_eq!(jour(days[4]), Jour::Ven);
    }

    #[test]
    fn working_days_follow_jours_semaine_and_holidays() {
        let mut sc = exemple();
        sc.periode.feries = vec![d("2026-12-25")];
        let fri = d("2026-12-04");
        let sat = d("2026-12-05");
        let sun = d("2026-12-06");
        assert!(is_working_day(&sc, fri));
        assert!(!is_working_day(&sc, sat));
        assert!(!is_working_day(&sc, sun));
        // A holiday after the period is still a holiday and not a working day.
        assert!(is_holiday(&sc, d("2026-12-25")));
        assert!(!is_working_day(&sc, d("2026-12-25")));
        assert!(!is_holiday(&sc, d("2026-12-24")));
        assert!(is_working_day(&sc, d("2026-12-24")));
        sc.reglages.jours_semaine = 6;
        assert!(is_working_day(&sc, sat));
        assert!(!is_working_day(&sc, sun));
        sc.reglages.jours_semaine = 7;
        assert!(is_working_day(&sc, sun));
        assert!(!is_working_day(&sc, d("2026-12-25")));
    }
}
