//! Weekly hour targets (docs/regles.md).
//!
//! For person p and ISO week W: `days` = period days in W that are working days, not holidays,
//! inside p's contract (salarié·es), and not whole-day absences.
//! Target = `heures_hebdo × days / jours_semaine`.

use super::calendar::{IsoWeek, is_working_day, period_days};
use super::presence::absent_all_day;
use crate::format::scenario::{Encadrant, Salarie, Scenario};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WeekTarget {
    pub week: IsoWeek,
    /// The counted days (see module doc), in order.
    pub days: Vec<NaiveDate>,
    /// Target hours.
    pub target: f64,
}

/// One entry per ISO week that holds a period day (also weeks with zero counted days).
pub(crate) fn salarie_weeks(sc: &Scenario, s: &Salarie) -> Vec<WeekTarget> {
    weeks(sc, s.contrat.heures_hebdo, |d| {
        s.contrat.covers(d) && !absent_all_day(&s.absences, d)
    })
}

/// Same for an encadrant·e (no contract dates: every working day not absent counts).
pub(crate) fn encadrant_weeks(sc: &Scenario, e: &Encadrant) -> Vec<WeekTarget> {
    weeks(sc, e.heures_hebdo, |d| !absent_all_day(&e.absences, d))
}

/// `heures_hebdo × days / jours_semaine` (0 when `jours_semaine` is 0, which validation forbids).
pub(crate) fn target_hours(sc: &Scenario, heures_hebdo: f64, days: usize) -> f64 {
    if sc.reglages.jours_semaine == 0 {
        return 0.0;
    }
    heures_hebdo * days as f64 / f64::from(sc.reglages.jours_semaine)
}

/// The weeks of the period with the days that are working days (so not holidays) and `counts`.
fn weeks(sc: &Scenario, heures_hebdo: f64, counts: impl Fn(NaiveDate) -> bool) -> Vec<WeekTarget> {
    let mut out: Vec<WeekTarget> = Vec::new();
    for d in period_days(sc) {
        let week = IsoWeek::of(d);
        if out.last().is_none_or(|w| w.week != week) {
            out.push(WeekTarget {
                week,
                days: Vec::new(),
                target: 0.0,
            });
        }
        if is_working_day(sc, d)
            && counts(d)
            && let Some(w) = out.last_mut()
        {
            w.days.push(d);
        }
    }
    for w in &mut out {
        w.target = target_hours(sc, heures_hebdo, w.days.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{d, exemple, salarie};

    fn dates(v: &[&str]) -> Vec<NaiveDate> {
        v.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn exemple_week_targets() {
        let sc = exemple();
        let s01 = salarie_weeks(&sc, salarie(&sc, "s01"));
        assert_eq!(s01.len(), 1);
        assert_eq!(s01[0].week, IsoWeek(2026, 49));
        assert_eq!(s01[0].week.label(), "2026-W49");
        assert_eq!(s01[0].days.len(), 5);
        assert_eq!(s01[0].target, 26.0);
        // s12: contract from 1 December, 26 h → 4 days → 20.8 h.
        let s12 = salarie_weeks(&sc, salarie(&sc, "s12"));
        assert_eq!(
            s12[0].days,
            dates(&["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"])
        );
        assert_eq!(s12[0].target, 20.8);
        // s08: 30 h, whole-day absence on 2 December → 24 h.
        let s08 = salarie_weeks(&sc, salarie(&sc, "s08"));
        assert_eq!(s08[0].days.len(), 4);
        assert!(!s08[0].days.contains(&d("2026-12-02")));
        assert_eq!(s08[0].target, 24.0);
        // s05: PMSMP days still count.
        assert_eq!(salarie_weeks(&sc, salarie(&sc, "s05"))[0].target, 26.0);
        // s03: 20 h.
        assert_eq!(salarie_weeks(&sc, salarie(&sc, "s03"))[0].target, 20.0);
        // Encadrant·es: heures_hebdo pro-rated, no contract dates.
        assert_eq!(encadrant_weeks(&sc, &sc.encadrants[0])[0].target, 35.0);
        assert_eq!(encadrant_weeks(&sc, &sc.encadrants[2])[0].target, 28.0);
    }

    #[test]
    fn a_holiday_and_a_partial_absence() {
        let mut sc = exemple();
        sc.periode.feries = vec![d("2026-12-01")];
        sc.salaries[0].absences =
            serde_yaml::from_str(r#"[{ date: 2026-12-03, de: "08:00", a: "12:00" }]"#)
                .expect("absence");
        let w = salarie_weeks(&sc, &sc.salaries[0]);
        // The partial absence does not remove 3 December.
        assert_eq!(
            w[0].days,
            dates(&["2026-11-30", "2026-12-02", "2026-12-03", "2026-12-04"])
        );
        assert_eq!(w[0].target, 20.8);
        // s12 loses 1 December twice over: 3 days, 15.6 h.
        let w = salarie_weeks(&sc, salarie(&sc, "s12"));
        assert_eq!(w[0].days.len(), 3);
        assert_eq!(w[0].target, 26.0 * 3.0 / 5.0);
        let e = encadrant_weeks(&sc, &sc.encadrants[0]);
        assert_eq!(e[0].target, 28.0);
    }

    #[test]
    fn weeks_across_a_month_end_and_an_iso_week_boundary() {
        let mut sc = exemple();
        // Thursday 26 November to Wednesday 2 December: W48 (Thu, Fri; Sat, Sun not working)
        // and W49 (Mon 30 Nov, Tue 1, Wed 2 Dec).
        sc.periode.debut = d("2026-11-26");
        sc.periode.jours = 7;
        let w = salarie_weeks(&sc, salarie(&sc, "s01"));
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].week, IsoWeek(2026, 48));
        assert_eq!(w[0].days, dates(&["2026-11-26", "2026-11-27"]));
        assert_eq!(w[0].target, 10.4);
        assert_eq!(w[1].week, IsoWeek(2026, 49));
        assert_eq!(
            w[1].days,
            dates(&["2026-11-30", "2026-12-01", "2026-12-02"])
        );
        assert_eq!(w[1].target, 15.6);
        // s12 starts on 1 December: W48 is listed with no day and a zero target.
        let w = salarie_weeks(&sc, salarie(&sc, "s12"));
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].days, vec![]);
        assert_eq!(w[0].target, 0.0);
        assert_eq!(w[1].days, dates(&["2026-12-01", "2026-12-02"]));
        assert_eq!(w[1].target, 10.4);
    }

    #[test]
    fn six_working_days_a_week() {
        let mut sc = exemple();
        sc.reglages.jours_semaine = 6;
        sc.periode.jours = 7;
        let w = salarie_weeks(&sc, salarie(&sc, "s01"));
        assert_eq!(w[0].days.len(), 6);
        assert_eq!(w[0].days[5], d("2026-12-05"));
        assert_eq!(w[0].target, 26.0);
        // s04, 35 h, with a holiday on Saturday: 35 × 5 / 6.
        sc.periode.feries = vec![d("2026-12-05")];
        let w = salarie_weeks(&sc, salarie(&sc, "s04"));
        assert_eq!(w[0].days.len(), 5);
        assert!((w[0].target - 175.0 / 6.0).abs() < 1e-9);
    }
}
