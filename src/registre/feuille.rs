//! The pointing sheet (`regie pointer --modele` and `regie pointer FICHIER`): one row per item of
//! the published week, the plan's columns, then four empty columns the coordinateur fills.
//!
//! CSV in the French style, to open with a double click in a French Excel: `;` between fields,
//! decimal comma, UTF-8 with a byte-order mark, CRLF line ends. A cell that begins with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is written with a leading apostrophe, so a spreadsheet
//! never reads it as a formula (a name such as `=HYPERLINK(…)` stays text); the reader drops that
//! apostrophe. XLSX cells are always written as strings or numbers, never formulas.
//!
//! Reading accepts what a spreadsheet makes of the file: `;`, `,` or tab separators (from the
//! header line), UTF-8 with or without BOM or Windows-1252 (Excel's "CSV (séparateur :
//! point-virgule)"), dates `AAAA-MM-JJ` or `JJ/MM/AAAA` or a date cell, times `7:30`, `07:30`,
//! `07:30:00` or a time cell; rows in any order; columns found by their header name. Every bad
//! cell is reported (row, column, what is wrong) before anything is written.

use super::{Motif, Pointage, Semaine, Statut, erreur_cellule, schema};
use crate::diag::{Code, Diagnostic, Error, Result};
use crate::format::plan::{Plan, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::{Heure, fmt_hhmm, parse_hhmm};
use crate::texte::{self, xerr};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// The columns of the sheet, in order.
pub const COLONNES: [&str; 12] = [
    "date",
    "personne",
    "nom",
    "type",
    "quoi",
    "debut",
    "fin",
    "heures",
    "statut",
    "motif",
    "debut_reel",
    "fin_reel",
];

/// Columns a sheet must have to be read back.
const REQUISES: [&str; 8] = [
    "date",
    "personne",
    "type",
    "debut",
    "statut",
    "motif",
    "debut_reel",
    "fin_reel",
];

/// CSV or XLSX, from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma- or semicolon-separated values.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// The format of a file, by its extension.
    pub fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(Error::Other(format!(
                "« {} » : extension inconnue, attendu .csv ou .xlsx",
                path.display()
            ))),
        }
    }
}

/// One row of the template: the item's cells (text) and its hours (a number).
#[derive(Debug, Clone, PartialEq)]
pub struct Ligne {
    pub(crate) cellules: [String; 12],
    /// Hours done.
    pub heures: f64,
}

/// The rows of week `semaine` (plan order: date, start, person), with what is already pointed.
pub fn lignes(semaine: &Semaine, sc: &Scenario, plan: &Plan) -> Vec<Ligne> {
    let noms = crate::report::Noms::new(sc, false);
    plan.affectations
        .iter()
        .enumerate()
        .map(|(rang, a)| {
            let p = semaine.pointages.get(&rang);
            let h = |x: Option<Heure>| x.map(|h| h.to_string()).unwrap_or_default();
            Ligne {
                cellules: [
                    a.date.to_string(),
                    a.personne.clone(),
                    noms.of(&a.personne),
                    a.type_.code().to_owned(),
                    schema::quoi(a).to_owned(),
                    h(a.debut),
                    h(a.fin),
                    texte::fmt_num(a.hours()),
                    p.map(|p| p.statut.code().to_owned()).unwrap_or_default(),
                    p.and_then(|p| p.motif)
                        .map(|m| m.code().to_owned())
                        .unwrap_or_default(),
                    h(p.and_then(|p| p.debut_reel)),
                    h(p.and_then(|p| p.fin_reel)),
                ],
                heures: a.hours(),
            }
        })
        .collect()
}

/// The template as French CSV (BOM, `;`, CRLF).
pub fn csv(lignes: &[Ligne]) -> String {
    let mut o = String::from(texte::BOM);
    o.push_str(&COLONNES.join(";"));
    o.push_str("\r\n");
    for l in lignes {
        let cells: Vec<String> = l
            .cellules
            .iter()
            .map(|c| texte::field_sep(c, texte::Cellule::Texte, ';'))
            .collect();
        o.push_str(&cells.join(";"));
        o.push_str("\r\n");
    }
    o
}

/// The template as a workbook of one sheet, `Pointage`. `date_document` is written as the file's
/// creation date (the week's first day), so the same week gives the same bytes.
pub fn xlsx(lignes: &[Ligne], date_document: NaiveDate) -> Result<Vec<u8>> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DataValidation, DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(
        u16::try_from(date_document.year()).unwrap_or(2000),
        date_document.month() as u8,
        date_document.day() as u8,
    )
    .map_err(xerr)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let bold = Format::new().set_bold();
    let saisie = Format::new().set_background_color("#FFF7D6");
    let heures = Format::new().set_num_format("0.00");
    let ws = wb.add_worksheet();
    ws.set_name("Pointage").map_err(xerr)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    for (c, h) in COLONNES.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xerr)?;
        let width = if *h == "nom" { 22.0 } else { 12.0 };
        ws.set_column_width(c as u16, width).map_err(xerr)?;
    }
    for (i, l) in lignes.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in l.cellules.iter().enumerate() {
            let col = c as u16;
            if COLONNES[c] == "heures" {
                ws.write_number_with_format(row, col, l.heures, &heures)
            } else if c >= 8 {
                ws.write_string_with_format(row, col, v.as_str(), &saisie)
            } else {
                ws.write_string(row, col, v.as_str())
            }
            .map_err(xerr)?;
        }
    }
    let last = lignes.len() as u32;
    if last > 0 {
        let statuts = DataValidation::new()
            .allow_list_strings(&["fait", "absent"])
            .map_err(xerr)?
            .ignore_blank(true);
        ws.add_data_validation(1, 8, last, 8, &statuts)
            .map_err(xerr)?;
        let motifs: Vec<&str> = Motif::ALL.iter().map(|m| m.code()).collect();
        let motifs = DataValidation::new()
            .allow_list_strings(&motifs)
            .map_err(xerr)?
            .ignore_blank(true);
        ws.add_data_validation(1, 9, last, 9, &motifs)
            .map_err(xerr)?;
        ws.autofilter(0, 0, last, COLONNES.len() as u16 - 1)
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}

/// A cell as read: text, or a number (an XLSX number, date or time).
#[derive(Debug, Clone, PartialEq)]
pub enum Cellule {
    /// An empty cell.
    Vide,
    /// A text.
    Texte(String),
    /// A number.
    Nombre(f64),
}

impl Cellule {
    pub(crate) fn texte(&self) -> String {
        match self {
            Cellule::Vide => String::new(),
            Cellule::Texte(s) => {
                let s = s.trim();
                s.strip_prefix('\'').unwrap_or(s).trim().to_owned()
            }
            Cellule::Nombre(x) => texte::fmt_num(*x),
        }
    }
    fn vide(&self) -> bool {
        self.texte().is_empty()
    }
}

/// A sheet as read: its header and its rows, each with its 1-based row number.
#[derive(Debug, Clone)]
pub struct Feuille {
    /// The file the sheet comes from.
    pub fichier: String,
    /// The header row.
    pub entete: Vec<String>,
    /// The other rows, each with its 1-based line.
    pub lignes: Vec<(usize, Vec<Cellule>)>,
}

/// A spreadsheet file's name (for messages) and bytes.
pub(crate) fn octets(path: &Path) -> Result<(String, Vec<u8>)> {
    let fichier = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: fichier.clone(),
        source,
    })?;
    Ok((fichier, bytes))
}

/// Reads a CSV or XLSX sheet.
pub fn lire(path: &Path) -> Result<Feuille> {
    let (fichier, bytes) = octets(path)?;
    match Format::of(path)? {
        Format::Csv => Ok(lire_csv(&decoder(&bytes), &fichier)),
        Format::Xlsx => lire_xlsx(bytes, &fichier),
    }
}

/// UTF-8 (BOM dropped), else Windows-1252.
pub fn decoder(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    }
}

fn cp1252(b: u8) -> char {
    const HAUT: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HAUT[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Parses CSV text (quotes as RFC 4180); the separator is the most frequent of `;`, `,`, tab on
/// the header line.
pub fn lire_csv(text: &str, fichier: &str) -> Feuille {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = [';', ',', '\t']
        .into_iter()
        .max_by_key(|c| (first.matches(*c).count(), *c == ';'))
        .unwrap_or(';');
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == sep => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            c => field.push(c),
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    let mut it = records.into_iter();
    let entete = it.next().unwrap_or_default();
    let lignes = it
        .enumerate()
        .map(|(i, r)| {
            (
                i + 2,
                r.into_iter()
                    .map(|s| {
                        if s.trim().is_empty() {
                            Cellule::Vide
                        } else {
                            Cellule::Texte(s)
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    Feuille {
        fichier: fichier.to_owned(),
        entete: entete.iter().map(|h| h.trim().to_lowercase()).collect(),
        lignes,
    }
}

fn lire_xlsx(bytes: Vec<u8>, fichier: &str) -> Result<Feuille> {
    let mut feuilles = lire_classeur(bytes, fichier)?;
    let k = feuilles
        .iter()
        .position(|(n, _)| n == "Pointage")
        .unwrap_or(0);
    if k < feuilles.len() {
        Ok(feuilles.swap_remove(k).1)
    } else {
        Err(Error::Other(format!(
            "« {fichier} » : classeur XLSX illisible : aucune feuille"
        )))
    }
}

/// Every sheet of an XLSX workbook, in order, with its name.
pub(crate) fn lire_classeur(bytes: Vec<u8>, fichier: &str) -> Result<Vec<(String, Feuille)>> {
    use calamine::{Data, Reader, Xlsx};
    let illisible = |e: &dyn std::fmt::Display| {
        Error::Other(format!("« {fichier} » : classeur XLSX illisible : {e}"))
    };
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| illisible(&e))?;
    let cellule = |d: &Data| match d {
        Data::Empty => Cellule::Vide,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cellule::Texte(s.clone()),
        Data::Int(i) => Cellule::Nombre(*i as f64),
        Data::Float(f) => Cellule::Nombre(*f),
        Data::DateTime(t) => Cellule::Nombre(t.as_f64()),
        Data::Bool(b) => Cellule::Texte(b.to_string()),
        Data::Error(e) => Cellule::Texte(format!("#{e:?}")),
    };
    let mut out = Vec::new();
    for nom in wb.sheet_names() {
        let range = wb.worksheet_range(&nom).map_err(|e| illisible(&e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows();
        let pad = |v: Vec<Cellule>| -> Vec<Cellule> {
            let mut out = vec![Cellule::Vide; c0 as usize];
            out.extend(v);
            out
        };
        let entete: Vec<String> = rows
            .next()
            .map(|r| pad(r.iter().map(cellule).collect()))
            .unwrap_or_default()
            .iter()
            .map(|c| c.texte().to_lowercase())
            .collect();
        let lignes = rows
            .enumerate()
            .map(|(i, r)| (r0 as usize + i + 2, pad(r.iter().map(cellule).collect())))
            .collect();
        out.push((
            nom,
            Feuille {
                fichier: fichier.to_owned(),
                entete,
                lignes,
            },
        ));
    }
    Ok(out)
}

/// Excel's day 0 (dates are days since 1899-12-30, with the 1900 leap-year bug folded in).
fn date_excel(x: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !(1.0..=2_958_465.0).contains(&x) {
        return None;
    }
    base.checked_add_days(chrono::Days::new(x.floor() as u64))
}

/// A date cell: `AAAA-MM-JJ`, `JJ/MM/AAAA` or a spreadsheet date.
pub(crate) fn lire_date(c: &Cellule) -> Option<NaiveDate> {
    match c {
        Cellule::Nombre(x) => date_excel(*x),
        _ => {
            let s = c.texte();
            let s = s.split([' ', 'T']).next().unwrap_or("");
            if let Ok(d) = s.parse::<NaiveDate>() {
                return Some(d);
            }
            NaiveDate::parse_from_str(s, "%d/%m/%Y").ok()
        }
    }
}

fn lire_heure(c: &Cellule) -> Option<Heure> {
    match c {
        Cellule::Nombre(x) => {
            let frac = x.fract();
            let m = (frac * 24.0 * 60.0).round() as u32;
            (m <= 24 * 60).then_some(Heure(m))
        }
        _ => {
            let s = c.texte().replace(['h', 'H'], ":");
            let s = s.trim();
            let s = match s.matches(':').count() {
                2 => s
                    .rsplit_once(':')
                    .map_or(s, |(a, sec)| if sec == "00" { a } else { s }),
                _ => s,
            };
            let s = if s.ends_with(':') {
                format!("{s}00")
            } else {
                s.to_owned()
            };
            parse_hhmm(s.trim()).map(Heure)
        }
    }
}

fn lire_type(s: &str) -> Option<TypeAffectation> {
    let n = super::normalise(s);
    TypeAffectation::ALL.into_iter().find(|t| t.code() == n)
}

/// Maps each column of [`COLONNES`] found in the header to its index; every required column
/// that is missing is an error.
fn colonnes(feuille: &Feuille) -> Result<BTreeMap<&'static str, usize>> {
    let col: BTreeMap<&'static str, usize> = COLONNES
        .iter()
        .filter_map(|c| Some((*c, feuille.entete.iter().position(|h| h == c)?)))
        .collect();
    let manquantes: Vec<Diagnostic> = REQUISES
        .iter()
        .filter(|r| !col.contains_key(*r))
        .map(|r| {
            erreur_cellule(
                Code::MissingColumn,
                &feuille.fichier,
                1,
                feuille.entete.len() + 1,
                r,
                format!(
                    "colonne « {r} » absente de l'en-tête (colonnes attendues : {})",
                    COLONNES.join(", ")
                ),
            )
        })
        .collect();
    if manquantes.is_empty() {
        Ok(col)
    } else {
        Err(Error::Invalid(manquantes))
    }
}

/// One row being read: its cells by column name, and where its errors go.
struct LigneLue<'a> {
    fichier: &'a str,
    ligne: usize,
    cells: &'a [Cellule],
    col: &'a BTreeMap<&'static str, usize>,
    diags: &'a mut Vec<Diagnostic>,
}

/// Which item a row is about: person, date, kind, planned start.
type Cible = (String, NaiveDate, TypeAffectation, Option<Heure>);

impl LigneLue<'_> {
    fn cell(&self, name: &str) -> &Cellule {
        const VIDE: &Cellule = &Cellule::Vide;
        self.col
            .get(name)
            .and_then(|&i| self.cells.get(i))
            .unwrap_or(VIDE)
    }
    fn err(&mut self, code: Code, name: &str, message: String) {
        let k = self.col.get(name).map_or(0, |i| i + 1);
        self.diags.push(erreur_cellule(
            code,
            self.fichier,
            self.ligne,
            k,
            name,
            message,
        ));
    }
    /// The value of cell `name` read by `lire`; `None` (and an error naming `attendu`) when it
    /// does not read, `None` alone when it is empty.
    fn valeur<T>(
        &mut self,
        name: &str,
        lire: impl Fn(&Cellule) -> Option<T>,
        attendu: &str,
    ) -> Option<T> {
        let c = self.cell(name);
        if c.vide() {
            return None;
        }
        let v = lire(c);
        if v.is_none() {
            let t = c.texte();
            self.err(Code::BadCell, name, format!("« {t} » n'est pas {attendu}"));
        }
        v
    }
    fn pointee(&self) -> bool {
        ["statut", "motif", "debut_reel", "fin_reel"]
            .iter()
            .any(|n| !self.cell(n).vide())
    }
    fn cible(&mut self) -> Option<Cible> {
        let date = self.valeur("date", lire_date, "une date (AAAA-MM-JJ ou JJ/MM/AAAA)");
        if self.cell("date").vide() {
            self.err(Code::EmptyCell, "date", "date manquante".to_owned());
        }
        let personne = self.cell("personne").texte();
        if personne.is_empty() {
            self.err(Code::EmptyCell, "personne", "personne manquante".to_owned());
        }
        let type_ = self.valeur(
            "type",
            |c| lire_type(&c.texte()),
            "un type d'affectation (production, encadrement, rdv_cip, atelier, formation, pmsmp)",
        );
        if self.cell("type").vide() {
            self.err(Code::EmptyCell, "type", "type manquant".to_owned());
        }
        let debut_vide = self.cell("debut").vide();
        let debut = self.valeur("debut", lire_heure, "une heure (HH:MM)");
        if !debut_vide && debut.is_none() {
            return None;
        }
        Some((personne.clone(), date?, type_?, debut)).filter(|_| !personne.is_empty())
    }
    fn pointage(&mut self) -> Option<Pointage> {
        if self.cell("statut").vide() {
            self.err(Code::EmptyCell,
                "statut",
                "statut manquant : « fait » ou « absent » (les autres cellules de pointage sont remplies)".to_owned(),
            );
        }
        let statut = self.valeur(
            "statut",
            |c| Statut::parse(&c.texte()),
            "un statut : fait ou absent",
        );
        let liste = format!("un motif : {}", Motif::liste());
        let motif = self.valeur("motif", |c| Motif::parse(&c.texte()), &liste);
        let motif_faux = !self.cell("motif").vide() && motif.is_none();
        let debut_reel = self.valeur("debut_reel", lire_heure, "une heure (HH:MM)");
        let fin_reel = self.valeur("fin_reel", lire_heure, "une heure (HH:MM)");
        let heures_fausses = (!self.cell("debut_reel").vide() && debut_reel.is_none())
            || (!self.cell("fin_reel").vide() && fin_reel.is_none());
        if motif_faux || heures_fausses {
            return None;
        }
        Some(Pointage {
            statut: statut?,
            motif,
            debut_reel,
            fin_reel,
        })
    }
}

/// Reads the records of a sheet against week `semaine` (its plan `plan`): every bad cell is
/// reported at once (`Error::Invalid`); otherwise the records by item rank. Rows whose four
/// pointing cells are empty are not pointed and give nothing.
pub fn saisies(
    feuille: &Feuille,
    semaine: &Semaine,
    plan: &Plan,
) -> Result<Vec<(usize, Pointage)>> {
    let col = colonnes(feuille)?;
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut out: Vec<(usize, Pointage)> = Vec::new();
    let mut vus: BTreeMap<usize, usize> = BTreeMap::new();
    for (ligne, cells) in &feuille.lignes {
        let mut l = LigneLue {
            fichier: &feuille.fichier,
            ligne: *ligne,
            cells,
            col: &col,
            diags: &mut diags,
        };
        if !l.pointee() {
            continue;
        }
        let (cible, pointage) = (l.cible(), l.pointage());
        let (Some((personne, date, type_, debut)), Some(p)) = (cible, pointage) else {
            continue;
        };
        if !semaine.contient(date) {
            l.err(
                Code::DateOutsidePeriod,
                "date",
                format!(
                    "le {date} n'est pas dans la semaine publiée du {} au {}",
                    semaine.debut,
                    semaine.fin()
                ),
            );
            continue;
        }
        let trouve = plan.affectations.iter().position(|a| {
            a.personne == personne && a.date == date && a.type_ == type_ && a.debut == debut
        });
        let Some(rang) = trouve else {
            let quand = debut
                .map(|h| format!(" à {}", fmt_hhmm(h.0)))
                .unwrap_or_default();
            l.err(Code::UnknownAssignment,
                "personne",
                format!(
                    "aucune affectation « {} » de {personne} le {date}{quand} dans le plan publié (version {})",
                    type_.code(),
                    semaine.version
                ),
            );
            continue;
        };
        if let Some(avant) = vus.insert(rang, *ligne) {
            l.err(
                Code::DuplicateAssignment,
                "personne",
                format!("même affectation que la ligne {avant} ({personne} le {date})"),
            );
            continue;
        }
        if let Some(m) = plan.affectations.get(rang).and_then(|a| p.probleme(a)) {
            let name = if p.debut_reel.is_some() || p.fin_reel.is_some() {
                "debut_reel"
            } else if p.motif.is_some() {
                "motif"
            } else {
                "statut"
            };
            l.err(Code::InconsistentPointage, name, m);
            continue;
        }
        out.push((rang, p));
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(diags))
    }
}
