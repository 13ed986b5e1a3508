//! The French text helpers of every output, in one place: numbers as the reports, messages and
//! spreadsheets write them, HTML escaping, CSV fields, the message of an XLSX writing error.
//!
//! A leaf of the crate (it uses only [`crate::diag`]): every layer (`format`'s messages,
//! `report`, `whatif`, `registre`, `cli`) may point down to it.

use crate::diag::Error;

// ----- numbers -----

/// Rounds to 2 decimals, halves away from zero (`0.125` → `0.13`).
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A number for people: up to 6 decimals, no trailing zeros, French decimal comma (`5,2`,
/// `412`).
pub(crate) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    s.replace('.', ",")
}

/// Hours in a report: [`round2`], then [`fmt_num`] (`24,92`, `26`).
pub(crate) fn fmt_h(x: f64) -> String {
    fmt_num(round2(x))
}

/// [`fmt_h`] with a decimal point, for files read by scripts (`5.25`, `12`).
pub(crate) fn fmt_h_point(x: f64) -> String {
    fmt_h(x).replace(',', ".")
}

/// At most 2 decimals as `format!("{:.2}")` rounds them, decimal point, no trailing zeros
/// (`simuler`'s table: `17.33`, `26`, never `-0`).
pub fn fmt_dec2_point(x: f64) -> String {
    let s = format!("{:.2}", if x == 0.0 { 0.0 } else { x });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// [`fmt_dec2_point`] with a French decimal comma, for validation messages (`17,5`, `30,33`).
pub(crate) fn fmt_dec2(x: f64) -> String {
    fmt_dec2_point(x).replace('.', ",")
}

// ----- HTML -----

/// Escapes text for HTML element content and attribute values (quoted with `"` or `'`).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ----- CSV -----

/// What a CSV cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cellule {
    /// Text, most often from the input files (names, clients, ids, variant names): a
    /// spreadsheet must show it, never run it.
    Texte,
    /// A number the program writes (`-3.5` stays a number).
    Nombre,
}

/// One CSV field, comma-separated files (RFC 4180): a text starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading apostrophe, so that a spreadsheet shows it as text
/// instead of running it as a formula (« injection de formule »); then a field with a comma, a
/// quote or a line break is put in quotes, its quotes doubled.
pub fn field(s: &str, cellule: Cellule) -> String {
    field_sep(s, cellule, ',')
}

/// The same field for a file separated by `sep` (`;` for a French spreadsheet): quoted when it
/// holds `sep`, a quote or a line break.
pub(crate) fn field_sep(s: &str, cellule: Cellule, sep: char) -> String {
    let neutral = match cellule {
        Cellule::Texte if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        _ => s.to_owned(),
    };
    if neutral.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The byte order mark a French Excel needs to read a CSV opened by double-click as UTF-8.
pub const BOM: &str = "\u{feff}";

// ----- XLSX -----

/// The error of a workbook that could not be written, in French.
pub(crate) fn xerr(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Other(format!("écriture XLSX impossible : {e}"))
}

pub use crate::diag::terminal;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(fmt_num(5.2), "5,2");
        assert_eq!(fmt_num(412.0), "412");
        assert_eq!(fmt_num(-0.0000001), "0");
        assert_eq!(fmt_num(1.0 / 3.0), "0,333333");
        assert_eq!(fmt_h(24.9166), "24,92");
        assert_eq!(fmt_h(0.125), "0,13");
        assert_eq!(fmt_h_point(5.25), "5.25");
        assert_eq!(fmt_dec2_point(17.333), "17.33");
        assert_eq!(fmt_dec2_point(26.0), "26");
        assert_eq!(fmt_dec2_point(-0.001), "0");
        assert_eq!(fmt_dec2(17.5), "17,5");
        assert_eq!(fmt_dec2(30.333), "30,33");
    }

    #[test]
    fn html_escapes_both_quotes() {
        assert_eq!(
            esc(r#"<a href="x">l'atelier & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;l&#39;atelier &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn semicolon_files_quote_semicolons_not_commas() {
        assert_eq!(
            field_sep("Dupont, Marie", Cellule::Texte, ';'),
            "Dupont, Marie"
        );
        assert_eq!(field_sep("a;b", Cellule::Texte, ';'), "\"a;b\"");
        assert_eq!(field_sep("=1;2", Cellule::Texte, ';'), "\"'=1;2\"");
    }

    #[test]
    fn a_text_that_a_spreadsheet_would_run_gets_an_apostrophe() {
        assert_eq!(field("=1+1", Cellule::Texte), "'=1+1");
        assert_eq!(field("+1+1", Cellule::Texte), "'+1+1");
        assert_eq!(field("-2+3", Cellule::Texte), "'-2+3");
        assert_eq!(field("@SUM(A1)", Cellule::Texte), "'@SUM(A1)");
        assert_eq!(field("\t=1", Cellule::Texte), "'\t=1");
        assert_eq!(field("\r=1", Cellule::Texte), "\"'\r=1\"");
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"y\")", Cellule::Texte),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        assert_eq!(field("-3.5", Cellule::Nombre), "-3.5");
        assert_eq!(field("12", Cellule::Nombre), "12");
        assert_eq!(field("Awa D.", Cellule::Texte), "Awa D.");
        assert_eq!(field("a=b", Cellule::Texte), "a=b");
        assert_eq!(field("", Cellule::Texte), "");
    }

    #[test]
    fn rfc_4180_quoting() {
        assert_eq!(field("Dupont, Marie", Cellule::Texte), "\"Dupont, Marie\"");
        assert_eq!(field("dit \"Jo\"", Cellule::Texte), "\"dit \"\"Jo\"\"\"");
        assert_eq!(field("deux\nlignes", Cellule::Texte), "\"deux\nlignes\"");
    }
}
