//! The one CSV field writer of every CSV output (`rapport bilan --csv`, `simuler --csv`).

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
pub fn field_sep(s: &str, cellule: Cellule, sep: char) -> String {
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

#[cfg(test)]
mod tests {
    use super::{Cellule, field, field_sep};

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
