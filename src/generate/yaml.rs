//! Writing a scenario as a readable YAML file, in the style of `exemple.yaml`: block lists of
//! objects, short objects and lists on one line (`{ id: regie, nom: Locaux }`), times quoted
//! (`"06:30"`), default values left out, a French comment before each section.
//!
//! The text is produced from the serde form of [`Scenario`], so every field is written and the
//! loader reads back an equal scenario.

use crate::format::scenario::{Reglages, Scenario};
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// Lines longer than this are written in block style (except for the lists below).
const WIDTH: usize = 100;

/// Lists whose items are always written on one line each (timetables, shifts, dates).
const ONE_LINE_ITEMS: &[&str] = &[
    "lieux",
    "trajets",
    "courses",
    "vacations",
    "absences",
    "pmsmp",
    "rdv_cip",
    "seances",
];

/// Lists of objects written on one line when they fit.
const INLINE_LISTS: &[&str] = &["absences", "pmsmp", "rdv_cip", "seances"];

/// Top-level lists that are required in the format: written even when empty.
const REQUIRED_TOP: &[&str] = &["lieux", "salaries", "chantiers"];

/// Nested lists that are required in the format: written even when empty.
const REQUIRED_LISTS: &[&str] = &[
    "courses",
    "passages",
    "vacations",
    "jours",
    "debuts",
    "seances",
];

/// French comments written before each top-level section.
const SECTIONS: &[(&str, &str)] = &[
    (
        "periode",
        "Période planifiée (jours consécutifs) et jours fériés",
    ),
    (
        "reglages",
        "Réglages (seuls ceux qui diffèrent des valeurs par défaut)",
    ),
    (
        "lieux",
        "Lieux : locaux de la régie, sites des chantiers, quartiers d'habitation, formation",
    ),
    ("trajets", "Temps de marche en minutes, dans les deux sens"),
    (
        "transports",
        "Lignes de bus : chaque course dessert ses arrêts dans l'ordre",
    ),
    ("salaries", "Salarié·es en parcours"),
    ("encadrants", "Encadrant·es techniques"),
    ("cips", "Conseiller·es en insertion professionnelle"),
    ("chantiers", "Chantiers et leurs vacations"),
    ("ateliers", "Ateliers collectifs"),
    (
        "formations",
        "Formations (séances fixes, inscrits réservés)",
    ),
];

/// The scenario as YAML text; `serde_yaml::from_str` reads it back to an equal scenario.
pub fn to_yaml(sc: &Scenario) -> String {
    let Ok(mut value) = serde_json::to_value(sc) else {
        return serde_yaml::to_string(sc).unwrap_or_default();
    };
    if let Value::Object(top) = &mut value {
        let defaults = serde_json::to_value(Reglages::default()).unwrap_or(Value::Null);
        let reglages = top.get("reglages").map(|r| diff(r, &defaults));
        match reglages {
            Some(Some(r)) => {
                top.insert("reglages".to_owned(), r);
            }
            _ => {
                top.shift_remove("reglages");
            }
        }
        for (k, v) in top.iter_mut() {
            if k != "reglages" {
                prune(v);
            }
        }
    }
    let mut out = String::new();
    if let Value::Object(top) = &value {
        for (k, v) in top {
            if skip(k, v) && !REQUIRED_TOP.contains(&k.as_str()) {
                continue;
            }
            if let Some((_, comment)) = SECTIONS.iter().find(|(s, _)| s == k) {
                out.push('\n');
                let _ = writeln!(out, "# {comment}");
            }
            entry(&mut out, k, v, 0);
        }
    }
    out.trim_start().to_owned()
}

/// The part of `v` that differs from `default` (objects compared key by key).
fn diff(v: &Value, default: &Value) -> Option<Value> {
    match (v, default) {
        (Value::Object(a), Value::Object(b)) => {
            let mut m = Map::new();
            for (k, x) in a {
                let d = b.get(k).unwrap_or(&Value::Null);
                if let Some(y) = diff(x, d) {
                    m.insert(k.clone(), y);
                }
            }
            (!m.is_empty()).then_some(Value::Object(m))
        }
        _ if numbers_equal(v, default) || v == default => None,
        _ => Some(v.clone()),
    }
}

fn numbers_equal(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// True for an entry left out: absent options, empty optional lists, default flags.
fn skip(k: &str, v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty() && !REQUIRED_LISTS.contains(&k),
        Value::Bool(b) => !b && k == "optionnelle",
        Value::Number(n) => k == "part_lien_social" && n.as_f64() == Some(0.0),
        Value::String(s) => k == "categorie" && s == "atelier_collectif",
        Value::Object(m) => k == "preferences" && m.values().all(|x| skip("", x)),
    }
}

/// Removes the skipped entries everywhere below `v`.
fn prune(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                prune(x);
            }
            m.retain(|k, x| !skip(k, x));
        }
        Value::Array(a) => {
            for x in a.iter_mut() {
                prune(x);
            }
        }
        _ => {}
    }
}

fn entry(out: &mut String, k: &str, v: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let f = flow(v);
            if indent + k.len() + 2 + f.len() <= WIDTH && !matches!(k, "regie" | "periode") {
                let _ = writeln!(out, "{pad}{k}: {f}");
            } else {
                let _ = writeln!(out, "{pad}{k}:");
                for (k2, v2) in m {
                    entry(out, k2, v2, indent + 2);
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let f = flow(v);
            let items_are_maps = a.iter().any(Value::is_object);
            if (!items_are_maps || INLINE_LISTS.contains(&k))
                && indent + k.len() + 2 + f.len() <= WIDTH
            {
                let _ = writeln!(out, "{pad}{k}: {f}");
            } else {
                let _ = writeln!(out, "{pad}{k}:");
                let one_line = ONE_LINE_ITEMS.contains(&k);
                for x in a {
                    item(out, x, indent + 2, one_line);
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{pad}{k}: {}", flow(v));
        }
    }
}

fn item(out: &mut String, v: &Value, indent: usize, one_line: bool) {
    let pad = " ".repeat(indent);
    let f = flow(v);
    match v {
        Value::Object(m) if !m.is_empty() && !one_line && indent + 2 + f.len() > WIDTH => {
            let mut first = true;
            for (k, x) in m {
                let mut s = String::new();
                entry(&mut s, k, x, indent + 2);
                if first {
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(s.get(indent + 2..).unwrap_or(&s));
                    first = false;
                } else {
                    out.push_str(&s);
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{pad}- {f}");
        }
    }
}

/// One-line (flow) form of a value.
fn flow(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => scalar(s),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(flow).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(m) => {
            if m.is_empty() {
                return "{}".to_owned();
            }
            let parts: Vec<String> = m.iter().map(|(k, x)| format!("{k}: {}", flow(x))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

fn number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => format!("{f}"),
        None => n.to_string(),
    }
}

/// A string, plain when YAML reads it back as the same string, else double-quoted.
pub(crate) fn scalar(s: &str) -> String {
    if is_date(s) || is_plain(s) {
        s.to_owned()
    } else {
        quote(s)
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn is_plain(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.chars()
            .all(|c| c.is_alphanumeric() || " -_.'()/·’".contains(c))
        && !RESERVED.contains(&s.to_lowercase().as_str())
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_plain_only_when_safe() {
        assert_eq!(scalar("Awa D."), "Awa D.");
        assert_eq!(scalar("Jean-Paul V."), "Jean-Paul V.");
        assert_eq!(scalar("06:30"), "\"06:30\"");
        assert_eq!(scalar("08:30-16:30"), "\"08:30-16:30\"");
        assert_eq!(scalar("2026-11-30"), "2026-11-30");
        assert_eq!(
            scalar("Entretien des halls, résidence A"),
            "\"Entretien des halls, résidence A\""
        );
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("12"), "\"12\"");
        assert_eq!(scalar("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn numbers_are_written_without_useless_decimals() {
        assert_eq!(flow(&serde_json::json!(26.0)), "26");
        assert_eq!(flow(&serde_json::json!(0.1)), "0.1");
        assert_eq!(flow(&serde_json::json!(7)), "7");
    }

    #[test]
    fn default_settings_are_left_out() {
        let d = serde_json::to_value(Reglages::default()).expect("json");
        assert_eq!(diff(&d, &d), None);
        let mut r = Reglages {
            max_en_formation_simultane: Some(3),
            ..Reglages::default()
        };
        r.solveur.limite_secondes = 30.0;
        let v = serde_json::to_value(r).expect("json");
        assert_eq!(
            flow(&diff(&v, &d).expect("diff")),
            "{ max_en_formation_simultane: 3, solveur: { limite_secondes: 30 } }"
        );
    }
}
