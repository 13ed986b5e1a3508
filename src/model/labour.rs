//! The labour-code day rules of docs/regles.md, as facts on one person's day, shared by the checker
//! (which reads plan items) and the kernel's greedy start (which reads activities):
//! - rule 11, part-time day shape (Code du travail L3123-30): [`PartTime`], [`interruptions`];
//! - rule 12, daily rest (L3131-1): [`least_rest`], [`rest_between`], [`rest_ok`].
//!
//! A day is a list of `(start, end, place)` triples sorted by `(start, end)`; the place is any
//! copyable value the caller's travel function reads (a lieu index, or an `Option` of one).

use crate::format::scenario::Reglages;

/// Minutes in a day.
pub(crate) const DAY: u32 = 24 * 60;
/// A PMSMP day has no times: rule 12 reads it as 09:00-17:00.
pub(crate) const PMSMP_DEBUT: u32 = 9 * 60;
pub(crate) const PMSMP_FIN: u32 = 17 * 60;

/// True when a contract of `heures_hebdo` a week is part-time (below `duree_legale`).
pub(crate) fn is_part_time(r: &Reglages, heures_hebdo: f64) -> bool {
    heures_hebdo < r.duree_legale
}

/// One interruption of a day: the previous item ends at `from`, the next starts at `to`, and the
/// interruption lasts `minutes` (the gap less the travel between the two places).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interruption {
    pub from: u32,
    pub to: u32,
    pub minutes: u32,
}

/// The interruptions of a day sorted by `(start, end)`: between two consecutive items, the gap
/// `start(next) − end(previous)` is an interruption when it exceeds the travel between their
/// places plus `pause`; it lasts `gap − travel`. The previous item is the one that ends last
/// among those before (items that overlap, a rule 1 matter, make no interruption).
pub fn interruptions<P: Copy>(
    day: &[(u32, u32, P)],
    travel: impl Fn(P, P) -> u32,
    pause: u32,
) -> Vec<Interruption> {
    let mut out = Vec::new();
    let mut prev: Option<(u32, P)> = None;
    for &(start, end, place) in day {
        if let Some((pend, pplace)) = prev {
            let gap = start.saturating_sub(pend);
            let t = travel(pplace, place);
            if gap > t.saturating_add(pause) {
                out.push(Interruption {
                    from: pend,
                    to: start,
                    minutes: gap - t,
                });
            }
        }
        if prev.is_none_or(|(pend, _)| end > pend) {
            prev = Some((end, place));
        }
    }
    out
}

/// Rule 11's settings, when the rule is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartTime {
    /// Interruptions a day, at most.
    pub max: u32,
    /// Minutes of one interruption, at most.
    pub(crate) max_minutes: u32,
    /// `pause.minutes`: a shorter gap (beyond travel) is a break, not an interruption.
    pub pause: u32,
}

impl PartTime {
    /// `None` when `temps_partiel.interruptions_max` is `null` (the rule is off).
    pub fn of(r: &Reglages) -> Option<PartTime> {
        Some(PartTime {
            max: r.temps_partiel.interruptions_max?,
            max_minutes: r.temps_partiel.interruption_max_minutes,
            pause: r.pause.minutes,
        })
    }

    /// True when a day sorted by `(start, end)` keeps rule 11.
    pub(crate) fn day_ok<P: Copy>(
        &self,
        day: &[(u32, u32, P)],
        travel: impl Fn(P, P) -> u32,
    ) -> bool {
        let cuts = interruptions(day, travel, self.pause);
        cuts.len() <= self.max as usize && cuts.iter().all(|c| c.minutes <= self.max_minutes)
    }
}

/// Rule 12's least rest in minutes (`None`: `repos_quotidien_heures` is `null`, the rule is off).
pub(crate) fn least_rest(r: &Reglages) -> Option<f64> {
    r.repos_quotidien_heures.map(|h| h * 60.0)
}

/// Minutes of rest between an item ending at `end` and one starting at `next_start` the next
/// calendar day.
pub(crate) fn rest_between(end: u32, next_start: u32) -> u32 {
    (DAY + next_start).saturating_sub(end)
}

/// True when the rest between `end` and `next_start` the next day is at least `least` minutes.
pub(crate) fn rest_ok(end: u32, next_start: u32, least: f64) -> bool {
    f64::from(rest_between(end, next_start)) >= least - 1e-9
}

/// `3 h 00` style duration, for messages.
pub(crate) fn fmt_duree(minutes: u32) -> String {
    format!("{} h {:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::hm;

    /// Travel: 0 at the same place, else 10 minutes.
    fn travel(a: u8, b: u8) -> u32 {
        if a == b { 0 } else { 10 }
    }

    #[test]
    fn gaps_up_to_travel_and_pause_are_no_interruption() {
        // Same place, 20 min break: none. Other place, 10 + 20 = 30: none; 31 would be one.
        let day = [
            (hm("06:30"), hm("09:30"), 0),
            (hm("09:50"), hm("11:00"), 0),
            (hm("11:30"), hm("12:00"), 1),
        ];
        assert!(interruptions(&day, travel, 20).is_empty());
        let day = [(hm("06:30"), hm("09:30"), 0), (hm("10:15"), hm("11:00"), 1)];
        assert_eq!(
            interruptions(&day, travel, 20),
            vec![Interruption {
                from: hm("09:30"),
                to: hm("10:15"),
                minutes: 35
            }]
        );
    }

    #[test]
    fn interruption_length_and_count() {
        let pt = PartTime {
            max: 1,
            max_minutes: 120,
            pause: 20,
        };
        // 09:30 → 13:00 at another place: 210 − 10 = 200 min > 120.
        let long = [(hm("06:30"), hm("09:30"), 0), (hm("13:00"), hm("16:00"), 1)];
        assert!(!pt.day_ok(&long, travel));
        // 09:30 → 11:40 at another place: 130 − 10 = 120 min, allowed.
        let edge = [(hm("06:30"), hm("09:30"), 0), (hm("11:40"), hm("14:00"), 1)];
        assert!(pt.day_ok(&edge, travel));
        // Two interruptions of an hour.
        let two = [
            (hm("06:30"), hm("08:00"), 0),
            (hm("09:00"), hm("10:00"), 0),
            (hm("11:00"), hm("12:00"), 0),
        ];
        assert_eq!(interruptions(&two, travel, 20).len(), 2);
        assert!(!pt.day_ok(&two, travel));
        assert!(PartTime { max: 2, ..pt }.day_ok(&two, travel));
        // Overlapping items (a rule 1 matter) make no interruption.
        let overlap = [(hm("06:30"), hm("12:00"), 0), (hm("08:00"), hm("09:00"), 0)];
        assert!(interruptions(&overlap, travel, 20).is_empty());
    }

    #[test]
    fn settings_and_rest() {
        let mut r = Reglages::default();
        assert!(is_part_time(&r, 26.0));
        assert!(!is_part_time(&r, 35.0));
        assert_eq!(
            PartTime::of(&r),
            Some(PartTime {
                max: 1,
                max_minutes: 120,
                pause: 20
            })
        );
        assert_eq!(least_rest(&r), Some(660.0));
        r.temps_partiel.interruptions_max = None;
        r.repos_quotidien_heures = None;
        assert_eq!(PartTime::of(&r), None);
        assert_eq!(least_rest(&r), None);
        // 20:30 → 07:30: exactly 11 h; 06:30: 10 h.
        assert_eq!(rest_between(hm("20:30"), hm("07:30")), 660);
        assert!(rest_ok(hm("20:30"), hm("07:30"), 660.0));
        assert!(!rest_ok(hm("20:30"), hm("06:30"), 660.0));
        assert_eq!(fmt_duree(210), "3 h 30");
        assert_eq!(fmt_duree(120), "2 h 00");
    }
}
