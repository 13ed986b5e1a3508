//! `regie importer` (docs/importer.md): salarié·es, encadrant·es, CIPs and chantiers read from a
//! spreadsheet (CSV or XLSX, French column headers) into a scenario, and the same layout written
//! from a scenario (`--modele`).
//!
//! Every cell is checked on its own, so that a file gets every bad cell at once (sheet, row,
//! column, what is wrong) before anything is written. A row whose `id` is already in the
//! scenario updates that entry: each column of the sheet replaces its field (an empty cell: the
//! field's default), fields without a column are kept. A new `id` adds an entry at the end of its
//! list. Entries the sheet does not name are kept, and listed.

use crate::diag::{Code, Diagnostic, Error, Result, Severity};
use crate::format::scenario::Scenario;
use crate::format::time::parse_hhmm;
use crate::registre::feuille::{Cellule, Feuille, lire_date};
use crate::texte::{self, xerr};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Genre {
    /// Text as is.
    Texte,
    /// A number (decimal comma or point).
    Nombre,
    /// A whole number.
    Entier,
    /// `AAAA-MM-JJ`, `JJ/MM/AAAA` or a date cell.
    Date,
    /// Words separated by commas: `permis_b, cariste`.
    Liste,
    /// One of the listed words.
    Choix(&'static [&'static str]),
    /// `lun 08:30-16:30; mar 08:30-12:00, 13:00-16:30`.
    Disponibilites,
    /// `2026-12-01; 2026-12-02..2026-12-04 (congé); 2026-12-05 14:00-17:00 (médecin)`.
    Absences,
    /// `2026-12-07..2026-12-11 (Boulangerie Martin)`.
    Pmsmp,
    /// `2026-11-05 30; 2026-11-19 45` (date and minutes).
    Rdv,
    /// `lun mar jeu 06:30 07:00 durée 03:30 équipe 3-4 optionnelle; ven 08:00 durée 04:00 équipe 2-3`.
    Vacations,
}

/// A column: its header, the path of its field in the list's item, how it is written, and
/// whether a new entry needs it.
#[derive(Debug, Clone, Copy)]
pub struct Colonne {
    /// The column's header in the sheet.
    pub entete: &'static str,
    /// The entry's key path the column fills.
    pub chemin: &'static [&'static str],
    pub(crate) genre: Genre,
    /// A new entry needs this column.
    pub requise: bool,
}

const fn col(entete: &'static str, chemin: &'static [&'static str], genre: Genre) -> Colonne {
    Colonne {
        entete,
        chemin,
        genre,
        requise: false,
    }
}

const fn req(entete: &'static str, chemin: &'static [&'static str], genre: Genre) -> Colonne {
    Colonne {
        entete,
        chemin,
        genre,
        requise: true,
    }
}

const CONTRATS: &[&str] = &["cddi_aci", "cddi_ei", "cdi_inclusion", "autre"];
const MOBILITES: &[&str] = &["marche", "transports", "autonome"];

/// The columns of the `salaries` sheet.
pub const SALARIES: &[Colonne] = &[
    req("id", &["id"], Genre::Texte),
    col("nom", &["nom"], Genre::Texte),
    req("contrat", &["contrat", "type"], Genre::Choix(CONTRATS)),
    req("heures_hebdo", &["contrat", "heures_hebdo"], Genre::Nombre),
    col("debut_contrat", &["contrat", "debut"], Genre::Date),
    col("fin_contrat", &["contrat", "fin"], Genre::Date),
    col("domicile", &["domicile"], Genre::Texte),
    col("mobilite", &["mobilite"], Genre::Choix(MOBILITES)),
    col("competences", &["competences"], Genre::Liste),
    col("restrictions", &["restrictions"], Genre::Liste),
    col("cip", &["cip"], Genre::Texte),
    col("rdv_cip_par_mois", &["rdv_cip_par_mois"], Genre::Entier),
    col("disponibilites", &["disponibilites"], Genre::Disponibilites),
    col("absences", &["absences"], Genre::Absences),
    col("pmsmp", &["pmsmp"], Genre::Pmsmp),
    col("rdv_cip", &["rdv_cip"], Genre::Rdv),
    col("besoins", &["besoins"], Genre::Liste),
    col("preferences", &["preferences", "chantiers"], Genre::Liste),
    col("eviter", &["preferences", "eviter"], Genre::Liste),
];

/// The columns of the `encadrants` sheet.
pub(crate) const ENCADRANTS: &[Colonne] = &[
    req("id", &["id"], Genre::Texte),
    col("nom", &["nom"], Genre::Texte),
    req("heures_hebdo", &["heures_hebdo"], Genre::Nombre),
    col("competences", &["competences"], Genre::Liste),
    col("activites", &["activites"], Genre::Liste),
    col("disponibilites", &["disponibilites"], Genre::Disponibilites),
    col("absences", &["absences"], Genre::Absences),
];

/// The columns of the `cips` sheet.
pub(crate) const CIPS: &[Colonne] = &[
    req("id", &["id"], Genre::Texte),
    col("nom", &["nom"], Genre::Texte),
    req("lieu", &["lieu"], Genre::Texte),
    col("disponibilites", &["disponibilites"], Genre::Disponibilites),
    col("absences", &["absences"], Genre::Absences),
    col("max_rdv_jour", &["max_rdv_jour"], Genre::Entier),
];

const CONVENTIONNEMENTS: &[&str] = &["aci", "ei"];

/// The columns of the `chantiers` sheet.
pub(crate) const CHANTIERS: &[Colonne] = &[
    req("id", &["id"], Genre::Texte),
    col("nom", &["nom"], Genre::Texte),
    col("client", &["client"], Genre::Texte),
    req("activite", &["activite"], Genre::Texte),
    col(
        "conventionnement",
        &["conventionnement"],
        Genre::Choix(CONVENTIONNEMENTS),
    ),
    req("lieu", &["lieu"], Genre::Texte),
    col("priorite", &["priorite"], Genre::Entier),
    col("ratio_encadrement", &["ratio_encadrement"], Genre::Entier),
    col("competences_toutes", &["competences_toutes"], Genre::Liste),
    col("competences_une", &["competences_une"], Genre::Liste),
    col("part_lien_social", &["part_lien_social"], Genre::Nombre),
    req("vacations", &["vacations"], Genre::Vacations),
];

/// The lists a spreadsheet can fill: sheet name (= scenario key) and columns.
pub(crate) const LISTES: [(&str, &[Colonne]); 4] = [
    ("salaries", SALARIES),
    ("encadrants", ENCADRANTS),
    ("cips", CIPS),
    ("chantiers", CHANTIERS),
];

fn colonnes(liste: &str) -> Option<&'static [Colonne]> {
    LISTES.iter().find(|(n, _)| *n == liste).map(|(_, c)| *c)
}

/// A bad cell: sheet, row, column (1-based), message.
fn erreur(
    code: Code,
    fichier: &str,
    feuille: &str,
    ligne: usize,
    colonne: usize,
    entete: &str,
    m: String,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Erreur,
        code,
        file: fichier.to_owned(),
        line: Some(ligne),
        column: Some(colonne),
        path: format!("feuille « {feuille} », colonne « {entete} »"),
        message: m,
    }
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn date_texte(s: &str) -> std::result::Result<String, String> {
    lire_date(&Cellule::Texte(s.to_owned()))
        .map(|d| d.to_string())
        .ok_or_else(|| format!("date « {s} » invalide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)"))
}

fn plage(s: &str) -> std::result::Result<(String, String), String> {
    let bad = || format!("plage « {s} » invalide (attendu HH:MM-HH:MM)");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let (a, b) = (a.trim(), b.trim());
    let a = parse_hhmm(a).ok_or_else(bad)?;
    let b = parse_hhmm(b).ok_or_else(bad)?;
    Ok((
        crate::format::time::fmt_hhmm(a),
        crate::format::time::fmt_hhmm(b),
    ))
}

/// `text (motif)` → (`text`, `Some(motif)`).
fn motif(s: &str) -> (&str, Option<String>) {
    match s.trim().strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
        Some((head, m)) => (head.trim(), Some(m.trim().to_owned())),
        None => (s.trim(), None),
    }
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::from(k), v);
    }
    Value::Mapping(m)
}

/// A cell as a YAML value (`None`: empty), or what is wrong with it.
fn valeur(c: &Cellule, genre: Genre) -> std::result::Result<Option<Value>, String> {
    if matches!(c, Cellule::Vide) || c.texte().is_empty() {
        return Ok(None);
    }
    let s = c.texte();
    let v = match genre {
        Genre::Texte => Value::from(s),
        Genre::Nombre => nombre(c, &s)?,
        Genre::Entier => entier(c, &s)?,
        Genre::Date => Value::from(match c {
            Cellule::Nombre(_) => lire_date(c)
                .map(|d| d.to_string())
                .ok_or_else(|| format!("date invalide : {s}"))?,
            _ => date_texte(&s)?,
        }),
        Genre::Liste => Value::Sequence(split_list(&s, ',').into_iter().map(Value::from).collect()),
        Genre::Choix(ok) => {
            let w = s.to_lowercase();
            if !ok.contains(&w.as_str()) {
                return Err(format!(
                    "valeur « {s} » inconnue (possibles : {})",
                    ok.join(", ")
                ));
            }
            Value::from(w)
        }
        Genre::Disponibilites => disponibilites(&s)?,
        Genre::Absences => absences(&s)?,
        Genre::Pmsmp => pmsmp(&s)?,
        Genre::Vacations => vacations(&s)?,
        Genre::Rdv => rdv_passes(&s)?,
    };
    Ok(Some(v))
}

/// A number: a cell's number, or a text with a comma or a point.
fn nombre(c: &Cellule, s: &str) -> std::result::Result<Value, String> {
    let x = match c {
        Cellule::Nombre(x) => *x,
        _ => s
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| format!("nombre attendu, trouvé « {s} »"))?,
    };
    if !x.is_finite() {
        return Err(format!("nombre attendu, trouvé « {s} »"));
    }
    Ok(Value::from(x))
}

/// A whole number: a cell's whole number, or a text.
fn entier(c: &Cellule, s: &str) -> std::result::Result<Value, String> {
    let x: u64 = match c {
        Cellule::Nombre(x) if x.fract() == 0.0 && *x >= 0.0 && *x < 1e9 => *x as u64,
        _ => s
            .parse()
            .map_err(|_| format!("nombre entier attendu, trouvé « {s} »"))?,
    };
    Ok(Value::from(x))
}

/// `lun 08:30-12:00, 13:30-16:30; mar …`: plages per weekday.
fn disponibilites(s: &str) -> std::result::Result<Value, String> {
    let mut m = Mapping::new();
    for part in split_list(s, ';') {
        let (jour, plages) = part.split_once(' ').ok_or_else(|| {
            format!("« {part} » : attendu un jour puis ses plages (lun 08:30-16:30)")
        })?;
        let jour = jour.trim().to_lowercase();
        if !JOURS.contains(&jour.as_str()) {
            return Err(format!(
                "jour « {jour} » inconnu (lun, mar, mer, jeu, ven, sam, dim)"
            ));
        }
        let mut list = Vec::new();
        for p in split_list(plages, ',') {
            let (a, b) = plage(&p)?;
            list.push(Value::from(format!("{a}-{b}")));
        }
        if m.insert(Value::from(jour.clone()), Value::Sequence(list))
            .is_some()
        {
            return Err(format!("jour « {jour} » donné deux fois"));
        }
    }
    Ok(Value::Mapping(m))
}

/// `DATE[..DATE] [HH:MM-HH:MM] (motif); …`: absences.
fn absences(s: &str) -> std::result::Result<Value, String> {
    let mut out = Vec::new();
    for part in split_list(s, ';') {
        let (head, m) = motif(&part);
        let mut words = head.split_whitespace();
        let jours = words.next().unwrap_or("");
        let mut pairs = match jours.split_once("..") {
            Some((a, b)) => vec![
                ("du", Value::from(date_texte(a)?)),
                ("au", Value::from(date_texte(b)?)),
            ],
            None => vec![("date", Value::from(date_texte(jours)?))],
        };
        if let Some(p) = words.next() {
            let (a, b) = plage(p)?;
            pairs.push(("de", Value::from(a)));
            pairs.push(("a", Value::from(b)));
        }
        if let Some(extra) = words.next() {
            return Err(format!("« {extra} » en trop dans l'absence « {part} »"));
        }
        if let Some(m) = m {
            pairs.push(("motif", Value::from(m)));
        }
        out.push(map(pairs));
    }
    Ok(Value::Sequence(out))
}

/// `DATE..DATE (entreprise); …`: PMSMP periods.
fn pmsmp(s: &str) -> std::result::Result<Value, String> {
    let mut out = Vec::new();
    for part in split_list(s, ';') {
        let (head, m) = motif(&part);
        let (a, b) = head
            .split_once("..")
            .ok_or_else(|| format!("« {part} » : attendu AAAA-MM-JJ..AAAA-MM-JJ (entreprise)"))?;
        let mut pairs = vec![
            ("du", Value::from(date_texte(a.trim())?)),
            ("au", Value::from(date_texte(b.trim())?)),
        ];
        if let Some(m) = m {
            pairs.push(("entreprise", Value::from(m)));
        }
        out.push(map(pairs));
    }
    Ok(Value::Sequence(out))
}

/// Vacations separated by `;` (see [`vacation`]).
fn vacations(s: &str) -> std::result::Result<Value, String> {
    let mut out = Vec::new();
    for part in split_list(s, ';') {
        out.push(vacation(&part)?);
    }
    Ok(Value::Sequence(out))
}

/// `DATE MINUTES; …`: CIP rdv already held.
fn rdv_passes(s: &str) -> std::result::Result<Value, String> {
    let mut out = Vec::new();
    for part in split_list(s, ';') {
        let (d, m) = part.split_once(' ').ok_or_else(|| {
            format!("« {part} » : attendu une date puis des minutes (2026-11-05 30)")
        })?;
        let minutes: u32 = m
            .trim()
            .parse()
            .map_err(|_| format!("« {m} » : minutes attendues (nombre entier)"))?;
        out.push(map(vec![
            ("date", Value::from(date_texte(d)?)),
            ("minutes", Value::from(minutes)),
        ]));
    }
    Ok(Value::Sequence(out))
}

const JOURS: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];

/// One vacation: weekdays, start times, `durée HH:MM`, `équipe MIN-MAX`, `optionnelle`.
fn vacation(part: &str) -> std::result::Result<Value, String> {
    let mut jours = Vec::new();
    let mut debuts = Vec::new();
    let (mut duree, mut equipe, mut optionnelle) = (None, None, false);
    let mut words = part.split_whitespace();
    while let Some(w) = words.next() {
        let lw = w.to_lowercase();
        if JOURS.contains(&lw.as_str()) {
            jours.push(Value::from(lw));
        } else if let Some(h) = parse_hhmm(w) {
            debuts.push(Value::from(crate::format::time::fmt_hhmm(h)));
        } else if lw == "durée" || lw == "duree" {
            let d = words
                .next()
                .and_then(parse_hhmm)
                .ok_or_else(|| format!("« {part} » : « durée » doit être suivie de HH:MM"))?;
            duree = Some(crate::format::time::fmt_hhmm(d));
        } else if lw == "équipe" || lw == "equipe" {
            let e = words
                .next()
                .and_then(|x| x.split_once('-'))
                .and_then(|(a, b)| {
                    Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?))
                })
                .ok_or_else(|| {
                    format!("« {part} » : « équipe » doit être suivie de MIN-MAX (3-4)")
                })?;
            equipe = Some(e);
        } else if lw == "optionnelle" {
            optionnelle = true;
        } else {
            return Err(format!(
                "« {w} » inattendu dans la vacation « {part} » (jours, heures de début, durée HH:MM, équipe MIN-MAX, optionnelle)"
            ));
        }
    }
    let duree = duree.ok_or_else(|| format!("« {part} » : durée manquante (durée 03:30)"))?;
    let (min, max) = equipe.ok_or_else(|| format!("« {part} » : équipe manquante (équipe 3-4)"))?;
    let mut pairs = vec![
        ("jours", Value::Sequence(jours)),
        ("debuts", Value::Sequence(debuts)),
        ("duree", Value::from(duree)),
        (
            "equipe",
            map(vec![("min", Value::from(min)), ("max", Value::from(max))]),
        ),
    ];
    if optionnelle {
        pairs.push(("optionnelle", Value::from(true)));
    }
    Ok(map(pairs))
}

fn set_path(item: &mut Value, chemin: &[&str], v: Option<Value>) {
    let Some((last, parents)) = chemin.split_last() else {
        return;
    };
    let mut cur = item;
    for p in parents {
        let Some(m) = cur.as_mapping_mut() else {
            return;
        };
        cur = m
            .entry(Value::from(*p))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
    }
    if let Some(m) = cur.as_mapping_mut() {
        match v {
            Some(v) => {
                m.insert(Value::from(*last), v);
            }
            None => {
                m.remove(*last);
            }
        }
    }
}

/// What an import did, for the terminal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bilan {
    /// (list, updated, added, kept without a row).
    pub(crate) listes: Vec<(String, usize, usize, Vec<String>)>,
    /// The sheet row each item came from: `("salaries[3]", (file, row))`.
    pub(crate) origine: BTreeMap<String, (String, usize)>,
}

impl Bilan {
    /// A diagnostic about the imported scenario, moved to the row its item came from (file and
    /// row of the sheet, the item's path kept), when it came from one.
    pub(crate) fn vers_tableur(&self, mut d: Diagnostic) -> Diagnostic {
        let item = d.path.find(']').map_or("", |k| &d.path[..=k]);
        if let Some((file, row)) = self.origine.get(item) {
            let liste = item.split('[').next().unwrap_or("");
            d.file = file.clone();
            d.line = Some(*row);
            d.column = None;
            d.path = format!("feuille « {liste} », {}", d.path);
        }
        d
    }
}

/// Applies the sheets (`(list name, sheet)`) to `sc`: the scenario with its lists updated, or
/// every bad cell.
pub fn importer(sc: &Scenario, feuilles: &[(String, Feuille)]) -> Result<(Scenario, Bilan)> {
    let mut root = serde_yaml::to_value(sc).map_err(|e| Error::Other(e.to_string()))?;
    let mut errs = Vec::new();
    let mut bilan = Bilan::default();
    for (liste, f) in feuilles {
        let Some(cols) = colonnes(liste) else {
            errs.push(Diagnostic {
                severity: Severity::Erreur,
                code: Code::UnknownSheet,
                file: f.fichier.clone(),
                line: None,
                column: None,
                path: format!("feuille « {liste} »"),
                message: format!(
                    "feuille inconnue (possibles : {})",
                    LISTES.map(|l| l.0).join(", ")
                ),
            });
            continue;
        };
        if let Some(lecture) = Lecture::new(f, liste, cols, &mut errs) {
            lecture.appliquer(&mut root, &mut bilan, &mut errs);
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let sc: Scenario =
        crate::format::load::deserialize(&root, "").map_err(|d| Error::Invalid(vec![d]))?;
    Ok((sc, bilan))
}

/// One sheet being applied to its list: the list's columns and where the header puts them.
struct Lecture<'a> {
    f: &'a Feuille,
    liste: &'a str,
    cols: &'static [Colonne],
    /// The known columns of the header, by position.
    index: Vec<(usize, &'static Colonne)>,
    /// The position of `id`.
    id_col: usize,
}

impl<'a> Lecture<'a> {
    /// Reads the header: every column known, `id` present, none twice (`None`, with the
    /// errors, when `id` is missing).
    fn new(
        f: &'a Feuille,
        liste: &'a str,
        cols: &'static [Colonne],
        errs: &mut Vec<Diagnostic>,
    ) -> Option<Lecture<'a>> {
        let mut index: Vec<(usize, &Colonne)> = Vec::new();
        let mut seen = BTreeSet::new();
        for (k, h) in f.entete.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            match cols.iter().find(|c| c.entete == h) {
                Some(c) if seen.insert(c.entete) => index.push((k, c)),
                Some(_) => errs.push(erreur(
                    Code::DuplicateColumn,
                    &f.fichier,
                    liste,
                    1,
                    k + 1,
                    h,
                    "colonne en double".into(),
                )),
                None => errs.push(erreur(
                    Code::UnknownColumn,
                    &f.fichier,
                    liste,
                    1,
                    k + 1,
                    h,
                    format!(
                        "colonne inconnue (possibles : {})",
                        cols.iter().map(|c| c.entete).collect::<Vec<_>>().join(", ")
                    ),
                )),
            }
        }
        let Some(&(id_col, _)) = index.iter().find(|(_, c)| c.entete == "id") else {
            errs.push(erreur(
                Code::MissingColumn,
                &f.fichier,
                liste,
                1,
                1,
                "id",
                "colonne « id » absente".into(),
            ));
            return None;
        };
        Some(Lecture {
            f,
            liste,
            cols,
            index,
            id_col,
        })
    }

    /// Updates the list's entries named by the rows and adds the others (`root`, the
    /// scenario as YAML); records each row's origin and the list's counts in `bilan`.
    fn appliquer(&self, root: &mut Value, bilan: &mut Bilan, errs: &mut Vec<Diagnostic>) {
        let (f, liste, id_col) = (self.f, self.liste, self.id_col);
        let items: Vec<Value> = root
            .get(liste)
            .and_then(Value::as_sequence)
            .cloned()
            .unwrap_or_default();
        let ids: Vec<String> = items
            .iter()
            .map(|v| v.get("id").and_then(Value::as_str).unwrap_or("").to_owned())
            .collect();
        let mut items = items;
        let (mut updated, mut added) = (0, 0);
        let mut named = BTreeSet::new();
        for (ligne, cells) in &f.lignes {
            if cells.iter().all(|c| c.texte().is_empty()) {
                continue;
            }
            let id = cells.get(id_col).cloned().unwrap_or(Cellule::Vide).texte();
            if id.is_empty() {
                errs.push(erreur(
                    Code::EmptyCell,
                    &f.fichier,
                    liste,
                    *ligne,
                    id_col + 1,
                    "id",
                    "identifiant manquant".into(),
                ));
                continue;
            }
            if !named.insert(id.clone()) {
                errs.push(erreur(
                    Code::DuplicateId,
                    &f.fichier,
                    liste,
                    *ligne,
                    id_col + 1,
                    "id",
                    format!("identifiant « {id} » déjà donné plus haut"),
                ));
                continue;
            }
            let existing = ids.iter().position(|x| *x == id);
            let Some(item) = self.item(*ligne, cells, &id, existing.map(|i| &items[i]), errs)
            else {
                continue;
            };
            match existing {
                Some(i) => {
                    items[i] = item;
                    updated += 1;
                    bilan
                        .origine
                        .insert(format!("{liste}[{i}]"), (f.fichier.clone(), *ligne));
                }
                None => {
                    bilan.origine.insert(
                        format!("{liste}[{}]", items.len()),
                        (f.fichier.clone(), *ligne),
                    );
                    items.push(item);
                    added += 1;
                }
            }
        }
        let kept: Vec<String> = ids
            .iter()
            .filter(|i| !named.contains(*i))
            .cloned()
            .collect();
        bilan.listes.push((liste.to_owned(), updated, added, kept));
        if let Some(m) = root.as_mapping_mut() {
            m.insert(Value::from(liste), Value::Sequence(items));
        }
    }

    /// The entry of row `ligne` (named `id`): `existing` (or a new entry) with the row's cells;
    /// `None`, with the errors, when a cell is wrong or a new entry lacks a required column.
    fn item(
        &self,
        ligne: usize,
        cells: &[Cellule],
        id: &str,
        existing: Option<&Value>,
        errs: &mut Vec<Diagnostic>,
    ) -> Option<Value> {
        let (f, liste) = (self.f, self.liste);
        let cell = |k: usize| cells.get(k).cloned().unwrap_or(Cellule::Vide);
        let mut item = existing
            .cloned()
            .unwrap_or_else(|| Value::Mapping(Mapping::new()));
        let mut ok = true;
        for (k, c) in &self.index {
            match valeur(&cell(*k), c.genre) {
                Ok(None) if c.requise => {
                    ok = false;
                    errs.push(erreur(
                        Code::EmptyCell,
                        &f.fichier,
                        liste,
                        ligne,
                        k + 1,
                        c.entete,
                        "cellule vide : colonne obligatoire".into(),
                    ));
                }
                Ok(v) => set_path(&mut item, c.chemin, v),
                Err(m) => {
                    ok = false;
                    errs.push(erreur(
                        Code::BadCell,
                        &f.fichier,
                        liste,
                        ligne,
                        k + 1,
                        c.entete,
                        m,
                    ));
                }
            }
        }
        if existing.is_none() {
            for c in self.cols.iter().filter(|c| c.requise) {
                if !self.index.iter().any(|(_, x)| x.entete == c.entete) {
                    ok = false;
                    errs.push(erreur(Code::MissingColumn,
                        &f.fichier,
                        liste,
                        ligne,
                        1,
                        c.entete,
                        format!("colonne « {} » absente : obligatoire pour une nouvelle entrée (« {id} »)", c.entete),
                    ));
                }
            }
        }
        ok.then_some(item)
    }
}

/// A list of the scenario as rows of its sheet (header first), every cell as text.
pub fn lignes(sc: &Scenario, liste: &str) -> Vec<Vec<String>> {
    let Some(cols) = colonnes(liste) else {
        return Vec::new();
    };
    let root = serde_yaml::to_value(sc).unwrap_or(Value::Null);
    let mut out = vec![cols.iter().map(|c| c.entete.to_owned()).collect()];
    for item in root
        .get(liste)
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        out.push(
            cols.iter()
                .map(|c| {
                    let mut v = Some(item);
                    for p in c.chemin {
                        v = v.and_then(|x| x.get(*p));
                    }
                    v.map(|v| texte_de(v, c.genre)).unwrap_or_default()
                })
                .collect(),
        );
    }
    out
}

fn scalaire(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if n.is_f64() {
                texte::fmt_num(x)
            } else {
                n.to_string()
            }
        }
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A field's value as its cell text (the inverse of [`valeur`]).
fn texte_de(v: &Value, genre: Genre) -> String {
    let get = |v: &Value, k: &str| v.get(k).map(scalaire).unwrap_or_default();
    let seq = |v: &Value| v.as_sequence().cloned().unwrap_or_default();
    match genre {
        Genre::Liste => seq(v).iter().map(scalaire).collect::<Vec<_>>().join(", "),
        Genre::Disponibilites => v
            .as_mapping()
            .map(|m| {
                m.iter()
                    .map(|(j, p)| {
                        format!(
                            "{} {}",
                            scalaire(j),
                            seq(p).iter().map(scalaire).collect::<Vec<_>>().join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        Genre::Absences => seq(v)
            .iter()
            .map(|a| {
                let mut s = match (get(a, "date"), get(a, "du"), get(a, "au")) {
                    (d, _, _) if !d.is_empty() => d,
                    (_, du, au) if au.is_empty() => du,
                    (_, du, au) => format!("{du}..{au}"),
                };
                let (de, fin) = (get(a, "de"), get(a, "a"));
                if !de.is_empty() || !fin.is_empty() {
                    let de = if de.is_empty() {
                        "00:00".to_owned()
                    } else {
                        de
                    };
                    let fin = if fin.is_empty() {
                        "24:00".to_owned()
                    } else {
                        fin
                    };
                    s.push_str(&format!(" {de}-{fin}"));
                }
                let m = get(a, "motif");
                if !m.is_empty() {
                    s.push_str(&format!(" ({m})"));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
        Genre::Pmsmp => seq(v)
            .iter()
            .map(|p| {
                let e = get(p, "entreprise");
                let base = format!("{}..{}", get(p, "du"), get(p, "au"));
                if e.is_empty() {
                    base
                } else {
                    format!("{base} ({e})")
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        Genre::Rdv => seq(v)
            .iter()
            .map(|r| format!("{} {}", get(r, "date"), get(r, "minutes")))
            .collect::<Vec<_>>()
            .join("; "),
        Genre::Vacations => seq(v)
            .iter()
            .map(|x| {
                let words = |k: &str| {
                    x.get(k)
                        .map(|l| seq(l).iter().map(scalaire).collect::<Vec<_>>().join(" "))
                        .unwrap_or_default()
                };
                let eq = x.get("equipe").cloned().unwrap_or(Value::Null);
                let opt = x.get("optionnelle").and_then(Value::as_bool) == Some(true);
                format!(
                    "{} {} durée {} équipe {}-{}{}",
                    words("jours"),
                    words("debuts"),
                    get(x, "duree"),
                    get(&eq, "min"),
                    get(&eq, "max"),
                    if opt { " optionnelle" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => scalaire(v),
    }
}

/// The template of the lists as an XLSX workbook: one sheet per list, filled with the
/// scenario's entries (text cells, the header frozen).
pub fn modele_xlsx(sc: &Scenario) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for (liste, _) in LISTES {
        let ws = wb.add_worksheet();
        ws.set_name(liste).map_err(xerr)?;
        for (r, row) in lignes(sc, liste).iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if r == 0 {
                    ws.write_string_with_format(r, c, v, &bold).map_err(xerr)?;
                } else if !v.is_empty() {
                    ws.write_string(r, c, v).map_err(xerr)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// One list as a French CSV (`;`, UTF-8 with BOM, CRLF).
pub fn modele_csv(sc: &Scenario, liste: &str) -> String {
    let mut out = String::from(texte::BOM);
    for row in lignes(sc, liste) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| texte::field_sep(c, texte::Cellule::Texte, ';'))
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The sheets of a spreadsheet file: every sheet named like a list for an XLSX (other sheets
/// are ignored); for a CSV, the one list `liste`.
pub fn lire(path: &std::path::Path, liste: &str) -> Result<Vec<(String, Feuille)>> {
    use crate::registre::feuille::{Format, decoder, lire_classeur, lire_csv, octets};
    let (fichier, bytes) = octets(path)?;
    match Format::of(path)? {
        Format::Csv => Ok(vec![(
            liste.to_owned(),
            lire_csv(&decoder(&bytes), &fichier),
        )]),
        Format::Xlsx => {
            let all = lire_classeur(bytes, &fichier)?;
            let known: Vec<(String, Feuille)> = all
                .into_iter()
                .filter(|(n, _)| colonnes(&n.to_lowercase()).is_some())
                .map(|(n, f)| (n.to_lowercase(), f))
                .collect();
            if known.is_empty() {
                return Err(Error::Other(format!(
                    "« {fichier} » : aucune feuille nommée {}",
                    LISTES.map(|l| l.0).join(", ")
                )));
            }
            Ok(known)
        }
    }
}

/// Lines for the terminal about an import.
pub(crate) fn resume(b: &Bilan) -> String {
    let mut out = String::new();
    for (liste, maj, ajout, gardes) in &b.listes {
        let mut line = format!("{liste} : {maj} mis à jour, {ajout} ajouté(s)");
        if !gardes.is_empty() {
            line.push_str(&format!(
                ", {} gardé(s) sans ligne dans le tableur ({})",
                gardes.len(),
                gardes.join(", ")
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
