//! Next week's scenario (`regie suivante`): this week's scenario with the period moved on, each
//! salarié·e's `rdv_cip` history brought up to date from the registre, and the salarié·es whose
//! contract ended before the new period left out (with every reference to them).
//!
//! Choices (docs/registre.md):
//! - The period moves on by whole weeks: the fewest that cover its `jours` (5 days → 7, so a
//!   Monday-to-Friday week is followed by the next Monday-to-Friday week; 14 → 14).
//! - History: every rdv of the week's current plan that is pointed `fait` (at its real length when
//!   pointed at other times), and every rdv not pointed yet (counted, and listed as such so the
//!   coordinateur checks it); an rdv pointed `absent` is not counted. Entries of months before the
//!   new period's first month no longer count for anything (the rdv rule counts the months of the
//!   period) and are dropped.
//! - The file is edited in place where its shape allows it (the new start date, each changed
//!   `rdv_cip` list written on one line, whole list items removed), so its comments, key order and
//!   layout are kept; the result is read back and compared with the intended scenario. When the
//!   shape does not allow it (a `rdv_cip` or id list written as a block list, a salarié·e written
//!   inside a one-line list…), the whole file is written again from the scenario, without its
//!   comments, and the command says so.

use super::{Semaine, Statut};
use crate::diag::{Error, Result};
use crate::format::plan::{Plan, TypeAffectation};
use crate::format::scenario::{RdvPasse, Scenario};
use crate::model::calendar::Month;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Next week's scenario and what the command tells about it.
#[derive(Debug, Clone)]
pub struct Suivante {
    /// The YAML text to write.
    pub texte: String,
    /// The next week's scenario.
    pub scenario: Scenario,
    /// Lines for the terminal, in French.
    pub messages: Vec<String>,
    /// True when the original file's comments and layout were kept.
    pub commentaires_conserves: bool,
}

/// First day of the period after the one starting `debut` and lasting `jours` days.
pub fn debut_suivant(debut: NaiveDate, jours: u32) -> Option<NaiveDate> {
    let semaines = u64::from(jours.max(1)).div_ceil(7);
    debut.checked_add_days(Days::new(7 * semaines))
}

/// Builds next week's scenario from `texte` (the file `fichier`, whose scenario is `sc`) and the
/// registre's week `semaine` (its current plan `plan`).
pub fn suivante(
    texte: &str,
    fichier: &str,
    sc: &Scenario,
    semaine: &Semaine,
    plan: &Plan,
) -> Result<Suivante> {
    suivante_in(texte, fichier, sc, semaine, plan, std::path::Path::new(""))
}

/// [`suivante`] with the texts read back relative to `dir` (the scenario's folder: where its
/// `gtfs.chemin` and `replanification.plan` are).
pub(crate) fn suivante_in(
    texte: &str,
    fichier: &str,
    sc: &Scenario,
    semaine: &Semaine,
    plan: &Plan,
    dir: &std::path::Path,
) -> Result<Suivante> {
    let debut = debut_suivant(sc.periode.debut, sc.periode.jours)
        .ok_or_else(|| Error::Other("date de la période suivante hors calendrier".to_owned()))?;
    let mut messages = Vec::new();
    let mut next = sc.clone();
    next.periode.debut = debut;
    let partis = retirer_partis(sc, &mut next, debut, &mut messages);
    let garder = retirer_semaine_publiee(sc, &mut next, &partis, &mut messages);
    historique_rdv(plan, semaine, &mut next, Month::of(debut), &mut messages);
    dates_passees(sc, debut, &mut messages);
    ecrire(texte, fichier, dir, sc, next, &partis, &garder, messages)
}

/// Salarié·es whose contract ended before the new period (`debut`) leave `next`, and every
/// list that names them; their ids come back.
fn retirer_partis(
    sc: &Scenario,
    next: &mut Scenario,
    debut: NaiveDate,
    messages: &mut Vec<String>,
) -> Vec<String> {
    let partis: Vec<String> = sc
        .salaries
        .iter()
        .filter(|s| s.contrat.fin.is_some_and(|f| f < debut))
        .map(|s| s.id.clone())
        .collect();
    for s in sc.salaries.iter().filter(|s| partis.contains(&s.id)) {
        messages.push(format!(
            "{}{} : contrat terminé le {}, retiré·e du scénario suivant",
            s.id,
            s.nom
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            s.contrat.fin.map(|f| f.to_string()).unwrap_or_default()
        ));
    }
    next.salaries.retain(|s| !partis.contains(&s.id));
    for a in &mut next.ateliers {
        a.inscrits.retain(|i| !partis.contains(i));
    }
    for f in &mut next.formations {
        f.inscrits.retain(|i| !partis.contains(i));
    }
    for s in &mut next.salaries {
        s.preferences.eviter.retain(|i| !partis.contains(i));
    }
    partis
}

/// Rule 13 and re-planning: what was for the published week does not carry over. Which
/// `imposer` and `interdire` entries are kept comes back.
fn retirer_semaine_publiee(
    sc: &Scenario,
    next: &mut Scenario,
    partis: &[String],
    messages: &mut Vec<String>,
) -> (Vec<bool>, Vec<bool>) {
    let (garder_imposer, garder_interdire) = garder_regle_13(sc, partis);
    let retires = garder_imposer.iter().filter(|k| !**k).count()
        + garder_interdire.iter().filter(|k| !**k).count();
    if retires > 0 {
        messages.push(format!(
            "{retires} entrée(s) « imposer » ou « interdire » datées de la semaine publiée (ou qui nomment une personne partie) retirées ; les entrées sans date sont gardées"
        ));
    }
    let mut k = 0;
    next.imposer.retain(|_| {
        k += 1;
        garder_imposer[k - 1]
    });
    let mut k = 0;
    next.interdire.retain(|_| {
        k += 1;
        garder_interdire[k - 1]
    });
    if next.replanification.take().is_some() {
        messages
            .push("bloc « replanification » retiré : il concernait la semaine publiée".to_owned());
    }

    (garder_imposer, garder_interdire)
}

/// The rdv history of `next` from the registre's week: rdv held (as pointed) are added, those
/// before the new period's first month dropped.
fn historique_rdv(
    plan: &Plan,
    semaine: &Semaine,
    next: &mut Scenario,
    premier_mois: Month,
    messages: &mut Vec<String>,
) {
    // rdv history from the registre.
    let mut tenus: BTreeMap<&str, Vec<RdvPasse>> = BTreeMap::new();
    for (rang, a) in plan.affectations.iter().enumerate() {
        if a.type_ != TypeAffectation::RdvCip {
            continue;
        }
        let quand = format!(
            "{} le {}{}",
            a.personne,
            a.date,
            a.debut.map(|h| format!(" à {h}")).unwrap_or_default()
        );
        let minutes = match semaine.pointages.get(&rang) {
            Some(p) if p.statut == Statut::Absent => {
                messages.push(format!(
                    "rdv CIP de {quand} : absent·e{}, non compté",
                    p.motif
                        .map(|m| format!(" ({})", m.code()))
                        .unwrap_or_default()
                ));
                continue;
            }
            Some(p) => p.realise(a).and_then(|r| r.minutes()).unwrap_or(0),
            None => {
                messages.push(format!(
                    "rdv CIP de {quand} pas encore pointé : compté comme tenu, à vérifier (regie pointer)"
                ));
                a.minutes().unwrap_or(0)
            }
        };
        tenus
            .entry(a.personne.as_str())
            .or_default()
            .push(RdvPasse {
                date: a.date,
                minutes,
            });
    }
    for s in &mut next.salaries {
        let mut h: Vec<RdvPasse> = s
            .rdv_cip
            .iter()
            .filter(|r| {
                !tenus
                    .get(s.id.as_str())
                    .is_some_and(|t| t.iter().any(|x| x.date == r.date))
            })
            .cloned()
            .collect();
        h.extend(tenus.get(s.id.as_str()).into_iter().flatten().cloned());
        h.retain(|r| Month::of(r.date) >= premier_mois);
        h.sort_by_key(|r| r.date);
        s.rdv_cip = h;
    }
}

/// Ateliers and séances dated before the new period give nothing any more: said.
fn dates_passees(sc: &Scenario, debut: NaiveDate, messages: &mut Vec<String>) {
    let passes = sc.ateliers.iter().filter(|a| a.date < debut).count();
    let seances = sc
        .formations
        .iter()
        .flat_map(|f| &f.seances)
        .filter(|s| s.date < debut)
        .count();
    if passes + seances > 0 {
        messages.push(format!(
            "{passes} atelier(s) et {seances} séance(s) de formation sont datés d'avant le {debut} : ils ne donnent plus rien, ajoutez ceux de la nouvelle semaine"
        ));
    }
}

/// The text of next week's scenario: `texte` edited in place when it reads back as `next`
/// (read relative to `dir`), else rewritten whole.
#[allow(clippy::too_many_arguments)]
fn ecrire(
    texte: &str,
    fichier: &str,
    dir: &std::path::Path,
    sc: &Scenario,
    next: Scenario,
    partis: &[String],
    garder: &(Vec<bool>, Vec<bool>),
    mut messages: Vec<String>,
) -> Result<Suivante> {
    let debut = next.periode.debut;
    let attendu = serde_json::to_value(&next).map_err(|e| Error::Other(e.to_string()))?;
    let lu_pareil = |t: &str| -> bool {
        crate::model::load::load_in(t, fichier, dir)
            .ok()
            .and_then(|l| serde_json::to_value(&l.scenario).ok())
            .is_some_and(|v| v == attendu)
    };
    if let Some(t) = editer(texte, sc, &next, partis, (&garder.0, &garder.1))
        && lu_pareil(&t)
    {
        return Ok(Suivante {
            texte: t,
            scenario: next,
            messages,
            commentaires_conserves: true,
        });
    }
    let mut t = format!(
        "# Scénario de la période du {debut}, écrit par « regie suivante » à partir de « {fichier} »\n# (les commentaires et la mise en page du fichier d'origine n'ont pas pu être repris).\n"
    );
    t.push_str(&crate::generate::to_yaml(&next));
    // The rewritten text must read back as the intended scenario; say why when it does not.
    crate::model::load::load_in(&t, fichier, dir)?;
    if !lu_pareil(&t) {
        return Err(Error::Other(format!(
            "« {fichier} » : le scénario suivant relu diffère de celui calculé : rien n'est écrit"
        )));
    }
    messages.push(
        "les commentaires et la mise en page du fichier d'origine n'ont pas pu être conservés : le fichier est réécrit en entier"
            .to_owned(),
    );
    Ok(Suivante {
        texte: t,
        scenario: next,
        messages,
        commentaires_conserves: false,
    })
}

/// One position of the text: where a map entry or list element starts (its key, its first
/// character) and where its value starts.
#[derive(Debug, Clone, Copy)]
struct Noeud {
    entree: usize,
    valeur: usize,
}

/// Byte offsets of every node of a YAML text, by item path (as in `format::spans`).
#[derive(Debug, Default)]
struct Carte {
    noeuds: BTreeMap<String, Noeud>,
}

#[derive(Debug)]
enum Cadre {
    Map {
        path: String,
        key: Option<String>,
        first: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct Marcheur<'t> {
    lignes: Vec<usize>,
    texte: &'t str,
    pile: Vec<Cadre>,
    carte: Carte,
    fini: bool,
}

impl Marcheur<'_> {
    fn offset(&self, m: Marker) -> usize {
        let start = self
            .lignes
            .get(m.line().saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let line = &self.texte[start..];
        start
            + line
                .char_indices()
                .nth(m.col())
                .map_or(line.len(), |(i, _)| i)
    }

    /// A node starts at `pos`: returns its path, records it, and advances the parent.
    fn noeud(&mut self, pos: usize, scalar_key: Option<&str>) -> Option<String> {
        match self.pile.last_mut() {
            None => Some(String::new()),
            Some(Cadre::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                self.carte.noeuds.insert(
                    p.clone(),
                    Noeud {
                        entree: pos,
                        valeur: pos,
                    },
                );
                Some(p)
            }
            Some(Cadre::Map { path, key, first }) => {
                let parent = path.clone();
                if *first {
                    // A block mapping is marked at its first `:`; its first key is earlier.
                    *first = false;
                    if let Some(n) = self.carte.noeuds.get_mut(&parent) {
                        n.valeur = n.valeur.min(pos);
                        n.entree = n.entree.min(pos);
                    }
                }
                match key.take() {
                    None => {
                        let k = scalar_key.unwrap_or("?").to_owned();
                        let p = if parent.is_empty() {
                            k.clone()
                        } else {
                            format!("{parent}.{k}")
                        };
                        self.carte.noeuds.insert(
                            p,
                            Noeud {
                                entree: pos,
                                valeur: usize::MAX,
                            },
                        );
                        *key = Some(k);
                        None
                    }
                    Some(k) => {
                        let p = if parent.is_empty() {
                            k
                        } else {
                            format!("{parent}.{k}")
                        };
                        if let Some(n) = self.carte.noeuds.get_mut(&p) {
                            n.valeur = pos;
                        }
                        Some(p)
                    }
                }
            }
        }
    }
}

impl MarkedEventReceiver for Marcheur<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.fini {
            return;
        }
        let pos = self.offset(mark);
        match ev {
            Event::Scalar(v, ..) => {
                self.noeud(pos, Some(&v));
            }
            Event::Alias(_) => {
                self.noeud(pos, Some("?"));
            }
            Event::MappingStart(..) => {
                let path = self.noeud(pos, None).unwrap_or_else(|| "\u{0}".to_owned());
                self.pile.push(Cadre::Map {
                    path,
                    key: None,
                    first: true,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.noeud(pos, None).unwrap_or_else(|| "\u{0}".to_owned());
                self.pile.push(Cadre::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.pile.pop();
            }
            Event::DocumentEnd => self.fini = true,
            _ => {}
        }
    }
}

fn carte(texte: &str) -> Option<Carte> {
    let mut lignes = vec![0];
    lignes.extend(texte.match_indices('\n').map(|(i, _)| i + 1));
    let mut m = Marcheur {
        lignes,
        texte,
        pile: Vec::new(),
        carte: Carte::default(),
        fini: false,
    };
    let mut parser = Parser::new_from_str(texte);
    parser.load(&mut m, false).ok()?;
    Some(m.carte)
}

/// The offset just past the bracket that closes the one at `open` (`[` or `{`).
fn fermeture(t: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in t.get(open..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn debut_ligne(t: &str, pos: usize) -> usize {
    t[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the text of node `chemin` ends: the start of the line after its last line that holds
/// something else than blanks and comments (the next node's comments stay with it).
fn fin_bloc(t: &str, c: &Carte, chemin: &str) -> Option<usize> {
    let n = c.noeuds.get(chemin)?;
    let dedans = |p: &str| {
        p.len() > chemin.len()
            && p.starts_with(chemin)
            && matches!(p.as_bytes().get(chemin.len()), Some(b'.' | b'['))
    };
    let suivant = c
        .noeuds
        .iter()
        .filter(|(p, x)| x.entree > n.entree && !dedans(p))
        .map(|(_, x)| x.entree)
        .min()
        .unwrap_or(t.len());
    let mut fin = if suivant >= t.len() {
        t.len()
    } else {
        debut_ligne(t, suivant)
    };
    // Step back over blank and comment-only lines, never above the node's own first line.
    while fin > n.entree {
        let corps = if t[..fin].ends_with('\n') {
            fin - 1
        } else {
            fin
        };
        let ls = debut_ligne(t, corps);
        if ls <= n.entree {
            break;
        }
        let ligne = t[ls..corps].trim();
        if ligne.is_empty() || ligne.starts_with('#') {
            fin = ls;
        } else {
            break;
        }
    }
    Some(fin)
}

fn liste_rdv(h: &[RdvPasse]) -> String {
    let items: Vec<String> = h
        .iter()
        .map(|r| format!("{{ date: {}, minutes: {} }}", r.date, r.minutes))
        .collect();
    format!("[{}]", items.join(", "))
}

/// A text edit: replace `debut..fin` by `par`.
type Edit = (usize, usize, String);

/// The in-place edits from `sc` to `next`; `None` when the file's shape does not allow them.
/// Which `imposer` and `interdire` entries the next week keeps: those without a date (a
/// `personnes` entry loses the people who left, and goes when fewer than two remain), not
/// naming a person who left.
fn garder_regle_13(sc: &Scenario, partis: &[String]) -> (Vec<bool>, Vec<bool>) {
    let imposer = sc
        .imposer
        .iter()
        .map(|e| e.date.is_none() && e.atelier.is_none() && !partis.contains(&e.personne))
        .collect();
    let interdire = sc
        .interdire
        .iter()
        .map(|e| {
            e.date.is_none()
                && !e.personne.as_ref().is_some_and(|p| partis.contains(p))
                && !e
                    .personnes
                    .as_ref()
                    .is_some_and(|ps| ps.iter().any(|p| partis.contains(p)))
        })
        .collect();
    (imposer, interdire)
}

/// The edit that removes a whole top-level entry (`cle:` and its block).
fn retrait_section(t: &str, c: &Carte, cle: &str) -> Option<Edit> {
    let n = c.noeuds.get(cle)?;
    let debut = debut_ligne(t, n.entree);
    if !t[debut..].starts_with(cle) {
        return None;
    }
    Some((debut, fin_bloc(t, c, cle)?, String::new()))
}

fn editer(
    t: &str,
    sc: &Scenario,
    next: &Scenario,
    partis: &[String],
    garder: (&[bool], &[bool]),
) -> Option<String> {
    let c = carte(t)?;
    let mut edits = edits_semaine_publiee(t, &c, sc, garder)?;
    edits.push(edit_debut(t, &c, sc, next)?);
    for (i, s) in sc.salaries.iter().enumerate() {
        let item = format!("salaries[{i}]");
        let n = c.noeuds.get(&item)?;
        if partis.contains(&s.id) {
            edits.push(retrait_salarie(t, &c, &item, n)?);
            continue;
        }
        let nouveau = &next.salaries.iter().find(|x| x.id == s.id)?.rdv_cip;
        let meme = nouveau.len() == s.rdv_cip.len()
            && nouveau
                .iter()
                .zip(&s.rdv_cip)
                .all(|(a, b)| a.date == b.date && a.minutes == b.minutes);
        if !meme {
            edits.push(edit_rdv(t, &c, &item, n, nouveau)?);
        }
        for (j, e) in s.preferences.eviter.iter().enumerate() {
            if partis.contains(e) {
                edits.push(retrait(t, &c, &format!("{item}.preferences.eviter"), j)?);
            }
        }
    }
    edits_inscrits(t, &c, sc, partis, &mut edits)?;
    appliquer(t, edits)
}

/// Rule 13's entries of the published week and the re-planning block, removed.
fn edits_semaine_publiee(
    t: &str,
    c: &Carte,
    sc: &Scenario,
    (garder_imposer, garder_interdire): (&[bool], &[bool]),
) -> Option<Vec<Edit>> {
    let mut edits: Vec<Edit> = Vec::new();
    // Rule 13's entries of the published week and the re-planning block.
    for (cle, garder) in [("imposer", garder_imposer), ("interdire", garder_interdire)] {
        if garder.iter().all(|g| *g) {
            continue;
        }
        if garder.iter().all(|g| !*g) {
            edits.push(retrait_section(t, c, cle)?);
            continue;
        }
        for (k, _) in garder.iter().enumerate().filter(|(_, g)| !**g) {
            let item = format!("{cle}[{k}]");
            let n = c.noeuds.get(&item)?;
            let ls = debut_ligne(t, n.entree);
            if t[ls..n.entree].trim() != "-" {
                return None;
            }
            edits.push((ls, fin_bloc(t, c, &item)?, String::new()));
        }
    }
    if sc.replanification.is_some() {
        edits.push(retrait_section(t, c, "replanification")?);
    }

    Some(edits)
}

/// The start date moved to the next period's.
fn edit_debut(t: &str, c: &Carte, sc: &Scenario, next: &Scenario) -> Option<Edit> {
    // The start date.
    let v = c.noeuds.get("periode.debut")?.valeur;
    let ancien = sc.periode.debut.to_string();
    let q = usize::from(t.get(v..).unwrap_or("").starts_with(['"', '\'']));
    if !t
        .get(v.saturating_add(q)..)
        .unwrap_or("")
        .starts_with(&ancien)
    {
        return None;
    }
    Some((v + q, v + q + ancien.len(), next.periode.debut.to_string()))
}

/// Salarié·e `item` (node `n`) removed, with the comment lines just above it.
fn retrait_salarie(t: &str, c: &Carte, item: &str, n: &Noeud) -> Option<Edit> {
    let ls = debut_ligne(t, n.entree);
    let avant = &t[ls..n.entree];
    if !avant.trim_start().starts_with('-') || !avant.trim_start()[1..].trim().is_empty() {
        return None;
    }
    // The comment lines just above the item, at its indentation, describe it.
    let indent = avant.len() - avant.trim_start().len();
    let mut debut = ls;
    while debut > 0 {
        let prev = debut_ligne(t, debut - 1);
        let ligne = &t[prev..debut - 1];
        let retrait = ligne.len() - ligne.trim_start().len();
        if retrait == indent && ligne.trim_start().starts_with('#') {
            debut = prev;
        } else {
            break;
        }
    }
    Some((debut, fin_bloc(t, c, item)?, String::new()))
}

/// Salarié·e `item`'s (node `n`) rdv history replaced by `nouveau`.
fn edit_rdv(t: &str, c: &Carte, item: &str, n: &Noeud, nouveau: &[RdvPasse]) -> Option<Edit> {
    let liste = liste_rdv(nouveau);
    match c.noeuds.get(&format!("{item}.rdv_cip")) {
        Some(r) if t.get(r.valeur..).unwrap_or("").starts_with('[') => {
            Some((r.valeur, fermeture(t, r.valeur)?, liste))
        }
        Some(_) => None,
        None if t.get(n.entree..).unwrap_or("").starts_with('{') => {
            let close = fermeture(t, n.entree)? - 1;
            let last = t[..close].trim_end().len();
            Some((last, last, format!(", rdv_cip: {liste}")))
        }
        None => {
            let col = n.entree - debut_ligne(t, n.entree);
            let at = fin_bloc(t, c, item)?;
            let nl = if at > 0 && !t[..at].ends_with('\n') {
                "\n"
            } else {
                ""
            };
            Some((at, at, format!("{nl}{}rdv_cip: {liste}\n", " ".repeat(col))))
        }
    }
}

/// Those who left, removed from the ateliers' and formations' inscrits.
fn edits_inscrits(
    t: &str,
    c: &Carte,
    sc: &Scenario,
    partis: &[String],
    edits: &mut Vec<Edit>,
) -> Option<()> {
    for (i, a) in sc.ateliers.iter().enumerate() {
        for (j, e) in a.inscrits.iter().enumerate() {
            if partis.contains(e) {
                edits.push(retrait(t, c, &format!("ateliers[{i}].inscrits"), j)?);
            }
        }
    }
    for (i, f) in sc.formations.iter().enumerate() {
        for (j, e) in f.inscrits.iter().enumerate() {
            if partis.contains(e) {
                edits.push(retrait(t, c, &format!("formations[{i}].inscrits"), j)?);
            }
        }
    }

    Some(())
}

/// `edits` applied to `t`, when none overlaps another.
fn appliquer(t: &str, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by_key(|e| (e.0, e.1));
    for w in edits.windows(2) {
        if w[0].1 > w[1].0 {
            return None;
        }
    }
    let mut out = t.to_owned();
    for (a, b, par) in edits.into_iter().rev() {
        out.replace_range(a..b, &par);
    }
    Some(out)
}

/// The edit that removes element `j` of the id list `liste` (one line of a block list, or one
/// element and its comma of a one-line list).
fn retrait(t: &str, c: &Carte, liste: &str, j: usize) -> Option<Edit> {
    let l = c.noeuds.get(liste)?;
    let e = c.noeuds.get(&format!("{liste}[{j}]"))?.entree;
    let rest = &t[e..];
    let len = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].find(q)? + 2,
        _ => rest.find([',', ']', '\n', ' ', '#']).unwrap_or(rest.len()),
    };
    if t.get(l.valeur..).unwrap_or("").starts_with('[') {
        let apres = &t[e + len..];
        let blanc = apres.len() - apres.trim_start().len();
        if apres.trim_start().starts_with(',') {
            let apres2 = &apres.trim_start()[1..];
            let blanc2 = apres2.len() - apres2.trim_start().len();
            return Some((e, e + len + blanc + 1 + blanc2, String::new()));
        }
        let avant = t[..e].trim_end();
        if avant.ends_with(',') {
            return Some((avant.len() - 1, e + len, String::new()));
        }
        return Some((e, e + len, String::new()));
    }
    let ls = debut_ligne(t, e);
    if t[ls..e].trim() != "-" {
        return None;
    }
    let le = t[e..].find('\n').map_or(t.len(), |i| e + i + 1);
    Some((ls, le, String::new()))
}
