//! CIP rdv: the duration of one rdv and the monthly requirements (docs/regles.md, rule 9 and the
//! `rdv_cip_retard` / `rdv_cip_restant` terms).

use super::calendar::{Month, is_working_day, period_days};
use crate::format::scenario::{Reglages, Salarie, Scenario};
use chrono::{Datelike, NaiveDate};

/// `max(duree_minutes, min_minutes_par_mois / min_par_mois)` rounded up to `pas_minutes`.
/// `min_par_mois` 0: `duree_minutes`; `pas_minutes` 0: no rounding.
pub(crate) fn rdv_minutes(reglages: &Reglages) -> u32 {
    let r = &reglages.rdv_cip;
    let per_rdv = if r.min_par_mois == 0 {
        0
    } else {
        r.min_minutes_par_mois.div_ceil(r.min_par_mois)
    };
    let m = r.duree_minutes.max(per_rdv);
    let pas = reglages.pas_minutes;
    if pas == 0 { m } else { m.div_ceil(pas) * pas }
}

/// The rdv a salarié·e owes in one month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthReq {
    /// The month.
    pub month: Month,
    /// `rdv_cip_par_mois` of the person, else `reglages.rdv_cip.min_par_mois`.
    pub target: u32,
    /// Number of `rdv_cip` history entries dated in the month.
    pub history: u32,
    /// R = floor(target × f): rdv due by the end of the period's part of the month.
    pub due: u32,
    /// The f factor (1 when no working day of the month inside the contract follows `last`).
    pub f: f64,
    /// Last period day in the month inside the contract.
    pub last: NaiveDate,
}

/// One entry per month that holds a period day inside the salarié·e's contract.
///
/// `due` = floor(target × f), computed in integers as `target × day / days_in_month` when f < 1.
pub(crate) fn month_requirements(sc: &Scenario, s: &Salarie) -> Vec<MonthReq> {
    // Last period day inside the contract, per month, months in order.
    let mut lasts: Vec<(Month, NaiveDate)> = Vec::new();
    for d in period_days(sc).into_iter().filter(|&d| s.contrat.covers(d)) {
        let m = Month::of(d);
        match lasts.last_mut() {
            Some((lm, last)) if *lm == m => *last = d,
            _ => lasts.push((m, d)),
        }
    }
    let target = s
        .rdv_cip_par_mois
        .unwrap_or(sc.reglages.rdv_cip.min_par_mois);
    lasts
        .into_iter()
        .map(|(month, last)| {
            let history = s
                .rdv_cip
                .iter()
                .filter(|r| Month::of(r.date) == month)
                .count() as u32;
            let dim = month.days_in_month();
            let later_working_day = last
                .iter_days()
                .skip(1)
                .take_while(|&d| Month::of(d) == month)
                .any(|d| is_working_day(sc, d) && s.contrat.covers(d));
            let (f, due) = if later_working_day && dim > 0 {
                let day = last.day();
                (
                    f64::from(day) / f64::from(dim),
                    ((u64::from(target) * u64::from(day)) / u64::from(dim)) as u32,
                )
            } else {
                (1.0, target)
            };
            MonthReq {
                month,
                target,
                history,
                due,
                f,
                last,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{d, exemple, salarie};

    #[test]
    fn rdv_duration() {
        let mut r = Reglages::default();
        assert_eq!(rdv_minutes(&r), 30);
        // 75 / 2 = 37.5 → 38 → grid 15 → 45.
        r.rdv_cip.min_minutes_par_mois = 75;
        assert_eq!(rdv_minutes(&r), 45);
        r.pas_minutes = 10;
        assert_eq!(rdv_minutes(&r), 40);
        r.pas_minutes = 15;
        r.rdv_cip.min_minutes_par_mois = 60;
        r.rdv_cip.duree_minutes = 40;
        assert_eq!(rdv_minutes(&r), 45);
        r.rdv_cip.min_par_mois = 0;
        r.rdv_cip.duree_minutes = 30;
        assert_eq!(rdv_minutes(&r), 30);
        r.rdv_cip.min_par_mois = 1;
        assert_eq!(rdv_minutes(&r), 60);
    }

    #[test]
    fn s01_november_and_december() {
        let sc = exemple();
        let m = month_requirements(&sc, salarie(&sc, "s01"));
        assert_eq!(
            m,
            vec![
                MonthReq {
                    month: Month(2026, 11),
                    target: 2,
                    history: 2,
                    due: 2,
                    f: 1.0,
                    last: d("2026-11-30"),
                },
                MonthReq {
                    month: Month(2026, 12),
                    target: 2,
                    history: 0,
                    due: 0,
                    f: 4.0 / 31.0,
                    last: d("2026-12-04"),
                },
            ]
        );
        // s02 has one November rdv.
        let m = month_requirements(&sc, salarie(&sc, "s02"));
        assert_eq!((m[0].history, m[0].due), (1, 2));
    }

    #[test]
    fn s12_only_december() {
        let sc = exemple();
        let m = month_requirements(&sc, salarie(&sc, "s12"));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].month, Month(2026, 12));
        assert_eq!((m[0].target, m[0].history, m[0].due), (2, 0, 0));
        assert_eq!(m[0].last, d("2026-12-04"));
    }

    #[test]
    fn a_contract_ending_mid_month_makes_f_one() {
        let mut sc = exemple();
        sc.salaries[0].contrat.fin = Some(d("2026-12-03"));
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!(m[1].last, d("2026-12-03"));
        assert_eq!((m[1].f, m[1].due), (1.0, 2));
        // Ending on Friday 4 December, with Saturday and Sunday left in the contract: still 1.
        sc.salaries[0].contrat.fin = Some(d("2026-12-06"));
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!((m[1].last, m[1].f, m[1].due), (d("2026-12-04"), 1.0, 2));
        // Ending Monday 7 December: a working day follows inside the contract.
        sc.salaries[0].contrat.fin = Some(d("2026-12-07"));
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!((m[1].f, m[1].due), (4.0 / 31.0, 0));
    }

    #[test]
    fn a_holiday_after_the_period_can_end_the_month() {
        let mut sc = exemple();
        // Monday 28 to Wednesday 30 December; Thursday 31 is the only working day left.
        sc.periode.debut = d("2026-12-28");
        sc.periode.jours = 3;
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].last, d("2026-12-30"));
        // f = 30/31: floor(2 × 30 / 31) = 1.
        assert_eq!((m[0].f, m[0].due), (30.0 / 31.0, 1));
        // An individual target of 3: floor(90 / 31) = 2.
        sc.salaries[0].rdv_cip_par_mois = Some(3);
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!((m[0].target, m[0].due), (3, 2));
        // 31 December a holiday: no working day follows, f = 1.
        sc.periode.feries = vec![d("2026-12-31")];
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!((m[0].f, m[0].due), (1.0, 3));
    }

    #[test]
    fn mid_month_gives_one_of_two() {
        let mut sc = exemple();
        // Period ending Friday 13 November 2026: 13 / 30 of 2 → 0; ending Monday 16: 16/30 → 1.
        sc.periode.debut = d("2026-11-09");
        sc.periode.jours = 5;
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!((m[0].last, m[0].due), (d("2026-11-13"), 0));
        // History counts every entry dated in the month (19 November too).
        assert_eq!(m[0].history, 2);
        sc.periode.jours = 8;
        let m = month_requirements(&sc, &sc.salaries[0]);
        assert_eq!(
            (m[0].last, m[0].f, m[0].due),
            (d("2026-11-16"), 16.0 / 30.0, 1)
        );
    }
}
