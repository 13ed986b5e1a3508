//! Clock times, durations and time ranges of the scenario format (`"HH:MM"`, `"HH:MM-HH:MM"`).
//!
//! Everything is kept in minutes since midnight (`u32`), the unit the model and the kernel use.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;

/// Parses `"HH:MM"` into minutes since midnight (00:00 to 24:00): one or two digits, `:`, two
/// digits, nothing else (no sign, no space: `"+6:+5"`, `" 07:30"` and `"08:30 - 16:30"`'s halves
/// are refused).
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Formats minutes since midnight as `"HH:MM"`.
pub(crate) fn fmt_hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A clock time, minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Heure(pub u32);

/// A duration in minutes (written `"HH:MM"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duree(pub u32);

/// A time range `"HH:MM-HH:MM"`; `fin > debut` is checked by validation, not here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Plage {
    /// Start, minutes since midnight.
    pub debut: u32,
    /// End, minutes since midnight.
    pub fin: u32,
}

impl Plage {
    /// True when `start..end` lies within the plage.
    pub fn contains(&self, start: u32, end: u32) -> bool {
        self.debut <= start && end <= self.fin
    }
}

impl fmt::Display for Heure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_hhmm(self.0))
    }
}
impl fmt::Display for Duree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_hhmm(self.0))
    }
}
impl fmt::Display for Plage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", fmt_hhmm(self.debut), fmt_hhmm(self.fin))
    }
}

fn expecting_string<'de, D: Deserializer<'de>>(
    d: D,
    what: &'static str,
) -> Result<String, D::Error> {
    struct V(&'static str);
    impl de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Err(E::custom(format!(
                "{v} n'est pas {} (mettre entre guillemets)",
                self.0
            )))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Err(E::custom(format!(
                "{v} n'est pas {} (mettre entre guillemets)",
                self.0
            )))
        }
    }
    d.deserialize_str(V(what))
}

impl<'de> Deserialize<'de> for Heure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = expecting_string(d, "une heure \"HH:MM\"")?;
        parse_hhmm(&s)
            .map(Heure)
            .ok_or_else(|| de::Error::custom(format!("heure invalide « {s} » (attendu \"HH:MM\")")))
    }
}
impl<'de> Deserialize<'de> for Duree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = expecting_string(d, "une durée \"HH:MM\"")?;
        parse_hhmm(&s)
            .map(Duree)
            .ok_or_else(|| de::Error::custom(format!("durée invalide « {s} » (attendu \"HH:MM\")")))
    }
}
impl<'de> Deserialize<'de> for Plage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = expecting_string(d, "une plage \"HH:MM-HH:MM\"")?;
        s.split_once('-')
            .and_then(|(a, b)| {
                Some(Plage {
                    debut: parse_hhmm(a)?,
                    fin: parse_hhmm(b)?,
                })
            })
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "plage horaire invalide « {s} » (attendu \"HH:MM-HH:MM\")"
                ))
            })
    }
}
impl Serialize for Heure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_hhmm(self.0))
    }
}
impl Serialize for Duree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_hhmm(self.0))
    }
}
impl Serialize for Plage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_clock_times() {
        assert_eq!(parse_hhmm("06:30"), Some(390));
        assert_eq!(parse_hhmm("6:05"), Some(365));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("24:15"), None);
        assert_eq!(parse_hhmm("12:60"), None);
        assert_eq!(parse_hhmm("1230"), None);
        for odd in [
            "+6:+5",
            " 07:30",
            "07:30 ",
            "08:30 ",
            "+1:00",
            "1:-5",
            "٠٧:٣٠",
            "07:3O",
        ] {
            assert_eq!(parse_hhmm(odd), None, "{odd:?}");
        }
        assert_eq!(fmt_hhmm(390), "06:30");
    }
}
