//! Loading a scenario file: YAML → [`Scenario`], every error at once, then validation.
//!
//! Three stages, each reporting everything it finds before the run stops:
//! 1. syntax: serde_yaml parses the text into a `Value` (one error, with its location);
//! 2. structure: every top-level section, and every element of a list section, is deserialized
//!    on its own, so one file reports the errors of every item (serde's English messages are
//!    translated into French, see [`translate`]);
//! 3. semantics: the named checks of [`crate::format::validate`] and `model::coherence` (only
//!    on a well-formed file), run by `model::load`; on a file with structure errors, the file's
//!    own checks on its well-formed items (see [`semantic_of_the_rest`]), so one item's type
//!    error does not hide an unknown reference elsewhere.
//!
//! Every diagnostic gets its line and column from the [`SpanIndex`] of its item path.

use super::scenario::{
    Atelier, Chantier, Cip, Encadrant, Formation, Imposer, Interdire, Lieu, Ligne, Periode, Regie,
    Reglages, Replanification, ReseauGtfs, Salarie, Scenario, Trajet,
};
use super::spans::{self, SpanIndex};
use crate::diag::{Code, Diagnostic, Error, Result, Severity};
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::path::Path;

/// Stages 1 and 2 of loading a scenario: its text parsed and deserialized, every structure
/// error located, and the published plan of a `replanification` read (relative to `dir`;
/// `None`: the block is left out, as for a scenario kept in the registre). Stage 3, validation,
/// is `model::load`'s: it needs the derived facts.
pub(crate) fn parse(text: &str, file: &str, dir: Option<&Path>) -> Result<(Scenario, SpanIndex)> {
    let (value, spans) = parse_yaml(text, file)?;
    let mut scenario = match structure(&value) {
        Ok(sc) => sc,
        Err(mut diags) => {
            // The other errors of the file too: the items that are well formed, validated.
            diags.extend(semantic_of_the_rest(&value));
            return Err(Error::Invalid(in_file_order(diags, file, &spans)));
        }
    };
    let Some(dir) = dir else {
        scenario.replanification = None;
        return Ok((scenario, spans));
    };
    if let Some(r) = scenario.replanification.as_mut() {
        match read_published(&dir.join(&r.plan), &r.plan) {
            Ok(items) => r.publie = items,
            Err(Error::Invalid(d)) => {
                let d = d
                    .into_iter()
                    .map(|x| {
                        if x.file.is_empty() {
                            locate(x, file, &spans)
                        } else {
                            x
                        }
                    })
                    .collect();
                return Err(Error::Invalid(d));
            }
            Err(e) => return Err(e),
        }
    }
    Ok((scenario, spans))
}

/// The `gtfs` feed of a scenario whose own checks passed, read relative to `dir` and cut down
/// to the scenario ([`super::gtfs`]); its errors name the feed's file and line, or the
/// scenario's item.
pub(crate) fn read_gtfs(
    sc: &mut Scenario,
    dir: &Path,
    file: &str,
    spans: &SpanIndex,
) -> Result<()> {
    match super::gtfs::load(sc, dir) {
        Ok(None) => Ok(()),
        Ok(Some(reseau)) => {
            if let Some(g) = sc.gtfs.as_mut() {
                g.reseau = Some(std::sync::Arc::new(reseau));
            }
            Ok(())
        }
        Err(d) => Err(Error::Invalid(
            d.into_iter()
                .map(|x| {
                    if x.file.is_empty() {
                        locate(x, file, spans)
                    } else {
                        x
                    }
                })
                .collect(),
        )),
    }
}

/// The items of the published plan of a `replanification`: an unreadable file is an error at
/// `replanification.plan` of the scenario; a malformed one names the plan file, line and item.
fn read_published(path: &Path, shown: &str) -> Result<Vec<super::plan::Affectation>> {
    let text = crate::io::read_to_string(path).map_err(|e| {
        Error::Invalid(vec![error(
            Code::PublishedPlanUnreadable,
            "replanification.plan".into(),
            format!("plan publié « {shown} » illisible : {e}"),
        )])
    })?;
    Ok(super::plan::parse_plan(&text, &path.display().to_string())?.affectations)
}

/// Stage 1, shared by every YAML file the commands read (scenarios, variants files): the text
/// parsed into a `Value`, YAML merge keys (`<<: *modele`) applied so shared blocks may be written
/// once, and the [`SpanIndex`] that locates item paths. A syntax error is one diagnostic with
/// its file, line, column and a French message.
pub(crate) fn parse_yaml(text: &str, file: &str) -> Result<(Value, SpanIndex)> {
    // Size and nesting first: the parser takes tens of seconds to refuse 60 000 nested lists.
    super::taille::verifier(text, file).map_err(|d| Error::Invalid(vec![d]))?;
    let mut value = match serde_yaml::from_str::<Value>(text) {
        Ok(v) => v,
        Err(e) => return Err(Error::Invalid(vec![syntax_error(&e, file)])),
    };
    if let Err(e) = value.apply_merge() {
        return Err(Error::Invalid(vec![syntax_error(&e, file)]));
    }
    Ok((value, SpanIndex::build(text)))
}

/// Names the file of a diagnostic and, if it has no position yet, gives it the line and column
/// of its item path.
pub(crate) fn locate(mut d: Diagnostic, file: &str, spans: &SpanIndex) -> Diagnostic {
    d.file = file.to_owned();
    if d.line.is_none()
        && let Some((line, column)) = spans.locate(&d.path)
    {
        d.line = Some(line);
        d.column = Some(column);
    }
    d
}

/// Locates every diagnostic and sorts them by position (stable: same place, check order).
pub(crate) fn in_file_order(
    diags: Vec<Diagnostic>,
    file: &str,
    spans: &SpanIndex,
) -> Vec<Diagnostic> {
    let mut v: Vec<Diagnostic> = diags.into_iter().map(|d| locate(d, file, spans)).collect();
    v.sort_by_key(|d| (d.line, d.column));
    v
}

/// [`in_file_order`] on the diagnostics of an [`Error::Invalid`]; other errors pass through.
pub(crate) fn locate_all(e: Error, file: &str, spans: &SpanIndex) -> Error {
    match e {
        Error::Invalid(diags) => Error::Invalid(in_file_order(diags, file, spans)),
        other => other,
    }
}

fn syntax_error(e: &serde_yaml::Error, file: &str) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the location is given apart.
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    // Errors raised while building the value carry the path of their mapping: "a.b[1]: ...".
    let (path, msg) = match msg.split_once(": duplicate entry") {
        Some((path, rest)) => (path.to_owned(), format!("duplicate entry{rest}")),
        None => match msg.split_once(": invalid type: ") {
            Some((path, rest)) => (path.to_owned(), format!("invalid type: {rest}")),
            None => (String::new(), msg.to_owned()),
        },
    };
    let code = if msg.starts_with("duplicate entry") {
        Code::DuplicateKey
    } else {
        Code::Syntax
    };
    Diagnostic {
        severity: Severity::Erreur,
        code,
        file: file.to_owned(),
        line: e.location().map(|l| l.line()),
        column: e.location().map(|l| l.column()),
        path,
        message: format!("syntaxe YAML invalide : {}", translate_syntax(&msg)),
    }
}

fn translate_syntax(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("duplicate entry with key ") {
        return format!("clé en double « {} »", rest.trim_matches('"'));
    }
    if msg.starts_with("invalid type: ") {
        return translate(msg);
    }
    if msg.starts_with("expected a mapping or list of mappings for merging") {
        return "« << » (fusion) attend une table de clés ou une liste de tables de clés"
            .to_owned();
    }
    match msg {
        "EOF while parsing a value" => "fin de fichier inattendue".to_owned(),
        "recursion limit exceeded" => "imbrication trop profonde".to_owned(),
        "repetition limit exceeded" => "trop de répétitions (alias)".to_owned(),
        "unknown anchor" => "ancre inconnue".to_owned(),
        m if m.starts_with("deserializing from YAML containing more than one document") => {
            "un seul document YAML est attendu".to_owned()
        }
        m => {
            const LIBYAML: [(&str, &str); 17] = [
                (
                    "did not find expected alphabetic or numeric character",
                    "lettre ou chiffre attendu (nom d'ancre « & » ou d'alias « * » vide ?)",
                ),
                (
                    "stream did not contain valid UTF-8",
                    "texte qui n'est pas en UTF-8",
                ),
                ("found undefined tag handle", "étiquette « ! » inconnue"),
                (
                    "did not find expected key",
                    "clé attendue (indentation incorrecte ?)",
                ),
                ("did not find expected ',' or '}'", "« , » ou « } » attendu"),
                ("did not find expected ',' or ']'", "« , » ou « ] » attendu"),
                ("did not find expected node content", "valeur attendue"),
                (
                    "did not find expected '-' indicator",
                    "« - » attendu (indentation de la liste ?)",
                ),
                (
                    "mapping values are not allowed in this context",
                    "« : » inattendu à cet endroit (mettre la valeur entre guillemets ?)",
                ),
                (
                    "found character that cannot start any token",
                    "caractère inattendu (tabulation, « @ » ou « ` » ?)",
                ),
                (
                    "found unexpected end of stream",
                    "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
                ),
                ("could not find expected ':'", "« : » attendu"),
                (
                    "found a tab character",
                    "tabulation dans l'indentation (utiliser des espaces)",
                ),
                (
                    "found unknown escape character",
                    "séquence d'échappement inconnue",
                ),
                (
                    "block sequence entries are not allowed in this context",
                    "élément de liste « - » inattendu à cet endroit",
                ),
                (
                    "control characters are not allowed",
                    "caractère de contrôle interdit",
                ),
                (
                    "invalid leading UTF-8 octet",
                    "texte qui n'est pas en UTF-8",
                ),
            ];
            match LIBYAML.iter().find(|(en, _)| m.starts_with(en)) {
                Some((_, fr)) => (*fr).to_owned(),
                None => m.to_owned(),
            }
        }
    }
}

/// The top-level sections: (key, required).
const SECTIONS: [(&str, bool); 17] = [
    ("version", true),
    ("regie", true),
    ("periode", true),
    ("reglages", false),
    ("lieux", true),
    ("trajets", false),
    ("transports", false),
    ("gtfs", false),
    ("salaries", true),
    ("encadrants", false),
    ("cips", false),
    ("chantiers", true),
    ("ateliers", false),
    ("formations", false),
    ("imposer", false),
    ("interdire", false),
    ("replanification", false),
];

/// An error at an item path, located later from the span index.
pub(crate) fn error(code: Code, path: String, message: String) -> Diagnostic {
    Diagnostic::at_path(Severity::Erreur, code, path, message)
}

/// Stage 2: the structure of every section and item, all errors collected.
fn structure(value: &Value) -> std::result::Result<Scenario, Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let Some(root) = value.as_mapping() else {
        let names: Vec<&str> = SECTIONS.iter().map(|s| s.0).collect();
        return Err(vec![error(
            Code::NotAMapping,
            String::new(),
            format!(
                "le fichier doit être une table de clés ({}) ; trouvé : {}",
                names.join(", "),
                describe(value)
            ),
        )]);
    };
    for (k, v) in root {
        let Some(name) = k.as_str() else {
            errs.push(error(
                Code::UnknownKey,
                String::new(),
                format!("clé de premier niveau non textuelle : {}", describe(k)),
            ));
            continue;
        };
        match name {
            "version" => one::<u32>(v, name, &mut errs),
            "regie" => one::<Regie>(v, name, &mut errs),
            "periode" => one::<Periode>(v, name, &mut errs),
            "reglages" => one::<Reglages>(v, name, &mut errs),
            "lieux" => list::<Lieu>(v, name, &mut errs),
            "trajets" => list::<Trajet>(v, name, &mut errs),
            "transports" => list::<Ligne>(v, name, &mut errs),
            "gtfs" => one::<ReseauGtfs>(v, name, &mut errs),
            "salaries" => list::<Salarie>(v, name, &mut errs),
            "encadrants" => list::<Encadrant>(v, name, &mut errs),
            "cips" => list::<Cip>(v, name, &mut errs),
            "chantiers" => list::<Chantier>(v, name, &mut errs),
            "ateliers" => list::<Atelier>(v, name, &mut errs),
            "formations" => list::<Formation>(v, name, &mut errs),
            "imposer" => list::<Imposer>(v, name, &mut errs),
            "interdire" => list::<Interdire>(v, name, &mut errs),
            "replanification" => one::<Replanification>(v, name, &mut errs),
            other => {
                let names: Vec<&str> = SECTIONS.iter().map(|s| s.0).collect();
                errs.push(error(
                    Code::UnknownKey,
                    other.to_owned(),
                    format!(
                        "clé inconnue « {other} » (clés possibles : {})",
                        names.join(", ")
                    ),
                ));
            }
        }
    }
    for (name, required) in SECTIONS {
        if required && root.get(name).is_none() {
            errs.push(error(
                Code::MissingKey,
                name.to_owned(),
                format!("clé obligatoire manquante « {name} »"),
            ));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    // Every part deserialized alone: the whole does too (same deserializer, same rules).
    deserialize::<Scenario>(value, "").map_err(|d| vec![d])
}

/// Stage 3 on a file with structure errors, so that one item's type error does not hide an
/// unknown reference or an off-grid time elsewhere: the items that failed are left out of their
/// lists, the rest is validated, and the paths of its diagnostics are given back their place in
/// the file. A diagnostic that names (« id ») an item left out is dropped: it would only repeat
/// that item's own error as an unknown reference. Nothing is reported when a section that is
/// one value (`periode`, `reglages`…) is itself malformed or missing: the checks depend on it.
fn semantic_of_the_rest(value: &Value) -> Vec<Diagnostic> {
    let Some(root) = value.as_mapping() else {
        return Vec::new();
    };
    let mut kept = serde_yaml::Mapping::new();
    // Per list section: index in the kept list → index in the file.
    let mut places: Vec<(String, Vec<usize>)> = Vec::new();
    let mut left_out: Vec<String> = Vec::new();
    for (k, v) in root {
        let Some(name) = k.as_str() else {
            continue;
        };
        let ok = |x: &Value| -> bool {
            match name {
                "lieux" => deserialize::<Lieu>(x, "").is_ok(),
                "trajets" => deserialize::<Trajet>(x, "").is_ok(),
                "transports" => deserialize::<Ligne>(x, "").is_ok(),
                "salaries" => deserialize::<Salarie>(x, "").is_ok(),
                "encadrants" => deserialize::<Encadrant>(x, "").is_ok(),
                "cips" => deserialize::<Cip>(x, "").is_ok(),
                "chantiers" => deserialize::<Chantier>(x, "").is_ok(),
                "ateliers" => deserialize::<Atelier>(x, "").is_ok(),
                "formations" => deserialize::<Formation>(x, "").is_ok(),
                "imposer" => deserialize::<Imposer>(x, "").is_ok(),
                "interdire" => deserialize::<Interdire>(x, "").is_ok(),
                _ => false,
            }
        };
        match (name, v) {
            ("replanification", _) => {} // its published plan is read only from a sound file
            (
                "lieux" | "trajets" | "transports" | "salaries" | "encadrants" | "cips"
                | "chantiers" | "ateliers" | "formations" | "imposer" | "interdire",
                Value::Sequence(items),
            ) => {
                let mut list = Vec::new();
                let mut from = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if ok(item) {
                        list.push(item.clone());
                        from.push(i);
                    } else if let Some(id) = item.get("id").and_then(Value::as_str) {
                        left_out.push(id.to_owned());
                    }
                }
                places.push((name.to_owned(), from));
                kept.insert(k.clone(), Value::Sequence(list));
            }
            _ => {
                kept.insert(k.clone(), v.clone());
            }
        }
    }
    let Ok(scenario) = deserialize::<Scenario>(&Value::Mapping(kept), "") else {
        return Vec::new();
    };
    super::validate::errors(&scenario)
        .into_iter()
        .filter(|d| {
            !left_out
                .iter()
                .any(|id| d.message.contains(&format!("« {id} »")))
        })
        .map(|mut d| {
            d.path = back_in_place(&d.path, &places);
            d
        })
        .collect()
}

/// `salaries[2].nom` of a list without its malformed items → the path of that item in the file.
fn back_in_place(path: &str, places: &[(String, Vec<usize>)]) -> String {
    for (name, from) in places {
        let Some(rest) = path.strip_prefix(name.as_str()) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('[') else {
            continue;
        };
        let Some((n, tail)) = rest.split_once(']') else {
            continue;
        };
        if let Some(orig) = n.parse::<usize>().ok().and_then(|i| from.get(i)) {
            return format!("{name}[{orig}]{tail}");
        }
    }
    path.to_owned()
}

/// A section that is one value.
fn one<T: DeserializeOwned>(v: &Value, path: &str, errs: &mut Vec<Diagnostic>) {
    if let Err(d) = deserialize::<T>(v, path) {
        errs.push(d);
    }
}

/// A list section: each element on its own.
fn list<T: DeserializeOwned>(v: &Value, path: &str, errs: &mut Vec<Diagnostic>) {
    match v {
        Value::Null => {}
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                one::<T>(item, &spans::index(path, i), errs);
            }
        }
        other => errs.push(error(
            Code::WrongType,
            path.to_owned(),
            format!(
                "type incorrect : attendu une liste, trouvé {}",
                describe(other)
            ),
        )),
    }
}

/// Deserializes one item, naming the path of what is wrong inside it (`base` + serde's path),
/// with serde's message in French.
pub(crate) fn deserialize<T: DeserializeOwned>(
    v: &Value,
    base: &str,
) -> std::result::Result<T, Diagnostic> {
    serde_path_to_error::deserialize::<_, T>(v).map_err(|e| {
        let mut path = base.to_owned();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    path = spans::index(&path, *index);
                }
                serde_path_to_error::Segment::Map { key } => path = spans::key(&path, key),
                serde_path_to_error::Segment::Enum { .. } => {}
                serde_path_to_error::Segment::Unknown => break,
            }
        }
        let msg = e.inner().to_string();
        // A missing key is named by its own path (located at its parent's place).
        if let Some(rest) = msg.strip_prefix("missing field `")
            && let Some(name) = rest.split('`').next()
        {
            path = spans::key(&path, name);
        }
        error(Code::of_serde_message(&msg), path, translate(&msg))
    })
}

/// A French description of a YAML value found where another was expected.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "une valeur vide".to_owned(),
        Value::Bool(b) => format!("le booléen {b}"),
        Value::Number(n) => format!("le nombre {n}"),
        Value::String(s) => format!("le texte « {s} »"),
        Value::Sequence(_) => "une liste".to_owned(),
        Value::Mapping(_) => "une table de clés".to_owned(),
        Value::Tagged(t) => format!("une valeur étiquetée {}", t.tag),
    }
}

/// Translates serde's (English) error messages into French; French messages (our own
/// deserializers of times and ranges) pass through.
pub(crate) fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let names = list_after(tail, "expected one of ")
            .or_else(|| list_after(tail, "expected "))
            .unwrap_or_default();
        return if names.is_empty() {
            format!("clé inconnue « {name} » (aucune clé possible ici)")
        } else {
            format!("clé inconnue « {name} » (clés possibles : {names})")
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("clé obligatoire manquante « {name} »");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let names = list_after(tail, "expected one of ")
            .or_else(|| list_after(tail, "expected "))
            .unwrap_or_default();
        return format!("valeur inconnue « {name} » (valeurs possibles : {names})");
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("clé en double « {name} »");
    }
    for (prefix, fr) in [
        ("invalid type: ", "type incorrect"),
        ("invalid value: ", "valeur incorrecte"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            if expected == "a formatted date string" && prefix == "invalid value: " {
                return "date invalide (attendu AAAA-MM-JJ)".to_owned();
            }
            return format!(
                "{fr} : attendu {}, trouvé {}",
                expected_fr(expected),
                unexpected_fr(found)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ")
        && let Some((n, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "longueur incorrecte : attendu {}, trouvé {n} élément(s)",
            expected_fr(expected)
        );
    }
    // chrono's date parse errors.
    if matches!(
        msg,
        "input is out of range"
            | "no possible date and time matching input"
            | "input is not enough for unique date and time"
            | "input contains invalid characters"
            | "premature end of input"
            | "trailing input"
            | "bad or unsupported format string"
    ) {
        return "date invalide (attendu AAAA-MM-JJ)".to_owned();
    }
    msg.to_owned()
}

/// "`a`, `b`" after `prefix` → "a, b".
fn list_after(tail: &str, prefix: &str) -> Option<String> {
    let i = tail.find(prefix)?;
    Some(
        tail[i + prefix.len()..]
            .replace("` or `", ", ")
            .replace('`', ""),
    )
}

fn expected_fr(e: &str) -> String {
    match e {
        "u8" | "u16" | "u32" | "u64" | "usize" => "un nombre entier positif ou nul".to_owned(),
        "i8" | "i16" | "i32" | "i64" => "un nombre entier".to_owned(),
        "f32" | "f64" => "un nombre".to_owned(),
        "a string" => "un texte".to_owned(),
        "a boolean" => "un booléen (true ou false)".to_owned(),
        "a sequence" => "une liste".to_owned(),
        "a map" => "une table de clés".to_owned(),
        "a formatted date string" => "une date AAAA-MM-JJ".to_owned(),
        "a tuple of size 2" => "une paire [lieu, \"HH:MM\"]".to_owned(),
        "option" => "une valeur ou rien".to_owned(),
        e if e.starts_with("struct ") => "une table de clés".to_owned(),
        e if e.starts_with("enum ") => "une valeur parmi celles permises".to_owned(),
        e if e.starts_with("field index") => "une clé textuelle".to_owned(),
        "field identifier" | "variant identifier" => "un nom de clé".to_owned(),
        "a Value::Tagged enum" | "a YAML tag starting with '!'" => {
            "une valeur parmi celles permises (un texte)".to_owned()
        }
        "fewer elements in sequence" => "moins d'éléments".to_owned(),
        "any YAML value" => "une valeur".to_owned(),
        e => e.to_owned(),
    }
}

fn unexpected_fr(u: &str) -> String {
    let strip = |s: &str| s.trim_matches('`').to_owned();
    if let Some(s) = u.strip_prefix("string ") {
        return format!("le texte « {} »", s.trim_matches('"'));
    }
    if let Some(s) = u.strip_prefix("integer ") {
        // serde_yaml reads integers beyond 64 bits as 128 bits: "`N` as u128".
        if let Some(n) = s
            .strip_suffix(" as u128")
            .or_else(|| s.strip_suffix(" as i128"))
        {
            return format!("le nombre entier {}, bien trop grand", strip(n));
        }
        return format!("le nombre entier {}", strip(s));
    }
    if let Some(s) = u.strip_prefix("floating point ") {
        return format!("le nombre décimal {}", strip(s));
    }
    if let Some(s) = u.strip_prefix("boolean ") {
        return format!("le booléen {}", strip(s));
    }
    match u {
        "unit value" => "une valeur vide".to_owned(),
        "sequence" => "une liste".to_owned(),
        "map" => "une table de clés".to_owned(),
        "enum" => "une valeur étiquetée".to_owned(),
        u => u.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn translates_serde_messages() {
        assert_eq!(
            translate("unknown field `nmo`, expected one of `id`, `nom`"),
            "clé inconnue « nmo » (clés possibles : id, nom)"
        );
        assert_eq!(
            translate("missing field `contrat`"),
            "clé obligatoire manquante « contrat »"
        );
        assert_eq!(
            translate("invalid type: string \"vingt\", expected f64"),
            "type incorrect : attendu un nombre, trouvé le texte « vingt »"
        );
        assert_eq!(
            translate("unknown variant `velo`, expected one of `marche`, `transports`, `autonome`"),
            "valeur inconnue « velo » (valeurs possibles : marche, transports, autonome)"
        );
        assert_eq!(
            translate("input is out of range"),
            "date invalide (attendu AAAA-MM-JJ)"
        );
        assert_eq!(
            translate("invalid value: integer `-3`, expected u32"),
            "valeur incorrecte : attendu un nombre entier positif ou nul, trouvé le nombre entier -3"
        );
    }
}
