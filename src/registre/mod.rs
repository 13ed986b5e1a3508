//! The registre: the régie's record of its weeks, in one SQLite file (`docs/registre.md`).
//!
//! | step | command | module |
//! |---|---|---|
//! | a week's scenario and plan, checked, kept with a version number | `regie publier` | [`Registre::publier`] |
//! | what happened, item by item (done, absent with a motif, other times) | `regie pointer` | [`Registre::pointer`], [`feuille`] |
//! | next week's scenario, rdv history carried from the record | `regie suivante` | [`suivante`] |
//! | the balance from the record: realised where pointed, planned elsewhere | `regie rapport bilan --registre` | [`realise`] |
//!
//! Choices: the database is SQLite compiled into the binary (`rusqlite`, feature `bundled`), so
//! nothing is installed. It keeps the **rollback journal** (`journal_mode=DELETE`) and
//! `synchronous=FULL` rather than WAL: one coordinateur writes at a time, and between two
//! commands the registre is one single file that can be copied or saved as it is (with WAL, the
//! last weeks could sit in a `-wal` file beside it, lost by a copy of the `.db` alone; WAL also
//! does not work on the network shares where a régie may keep its files). Every write is one
//! transaction (`BEGIN IMMEDIATE` … `COMMIT`): a command stopped at any point leaves the registre
//! as it was before it or as it is after it. The schema is versioned by `PRAGMA user_version`
//! ([`schema`]).

pub mod feuille;
pub mod realise;
pub mod schema;
pub mod suivante;

use crate::check::{check_plan, parse_plan, render_report};
use crate::diag::{Diagnostic, Error, Result};
use crate::format::plan::{Affectation, Plan, TypeAffectation};
use crate::format::scenario::Scenario;
use crate::format::time::{Heure, parse_hhmm};
use crate::model::Facts;
use crate::model::noms::Noms;
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A SQLite error of registre file `fichier`, in French.
fn erreur_sqlite(fichier: &str, e: &rusqlite::Error) -> Error {
    Error::Other(format!("registre « {fichier} » : {}", francais(e)))
}

/// The registre file used when `--registre` is not given, in the current directory.
pub(crate) const FICHIER_DEFAUT: &str = "regie.db";

/// The environment variable of the test hook (read by the command line only, passed down as a
/// value): when set to a file name, every write transaction of the registre creates that file
/// once its rows are written, then waits 30 s before its `COMMIT`, so that a test can kill the
/// process inside the transaction. Never set it in normal use.
pub(crate) const PAUSE_TEST_ENV: &str = "REGIE_TEST_PAUSE_TRANSACTION";

/// What happened to one item of a published plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Statut {
    /// Done (as planned, or at the real times given).
    Fait,
    /// The person was not there: the item counts 0 h.
    Absent,
}

impl Statut {
    /// The status as the registre writes it.
    pub fn code(self) -> &'static str {
        match self {
            Statut::Fait => "fait",
            Statut::Absent => "absent",
        }
    }
    /// The status of a code.
    pub fn parse(s: &str) -> Option<Statut> {
        match normalise(s).as_str() {
            "fait" | "faite" => Some(Statut::Fait),
            "absent" | "absente" | "absent_e" => Some(Statut::Absent),
            _ => None,
        }
    }
}

/// Why a person was absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Motif {
    /// Sick leave.
    Maladie,
    /// Work accident.
    AccidentTravail,
    /// Leave (congé).
    Conge,
    /// Authorised absence.
    AbsenceAutorisee,
    /// Unjustified absence.
    AbsenceInjustifiee,
    /// Any other reason.
    Autre,
}

impl Motif {
    /// Every reason, in order.
    pub const ALL: [Motif; 6] = [
        Motif::Maladie,
        Motif::AccidentTravail,
        Motif::Conge,
        Motif::AbsenceAutorisee,
        Motif::AbsenceInjustifiee,
        Motif::Autre,
    ];
    /// The reason as the registre writes it.
    pub fn code(self) -> &'static str {
        match self {
            Motif::Maladie => "maladie",
            Motif::AccidentTravail => "accident_travail",
            Motif::Conge => "conge",
            Motif::AbsenceAutorisee => "absence_autorisee",
            Motif::AbsenceInjustifiee => "absence_injustifiee",
            Motif::Autre => "autre",
        }
    }
    /// Reads a motif as a person types it: case, accents, spaces and hyphens do not matter
    /// (`Absence injustifiée`, `congé`, `accident du travail`).
    pub fn parse(s: &str) -> Option<Motif> {
        let n = normalise(s).replace("_du_", "_").replace("_de_", "_");
        let n = match n.as_str() {
            "arret_maladie" => "maladie",
            "at" => "accident_travail",
            "conges" | "conges_payes" | "cp" => "conge",
            "injustifiee" => "absence_injustifiee",
            "autorisee" => "absence_autorisee",
            other => other,
        };
        Motif::ALL.into_iter().find(|m| m.code() == n)
    }
    /// The list of codes, for messages.
    pub fn liste() -> String {
        Motif::ALL.map(Motif::code).join(", ")
    }
}

/// Lower case, no accents, `_` between words.
fn normalise(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            ' ' | '-' | '\'' | '’' | '.' | '·' => '_',
            c => c,
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('_').to_owned()
}

/// The record of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointage {
    /// Done or not.
    pub statut: Statut,
    /// Why not, when not done.
    pub motif: Option<Motif>,
    /// Real start and end, when they differ from the plan's (`fait` only).
    pub debut_reel: Option<Heure>,
    /// The real end, when it differs.
    pub fin_reel: Option<Heure>,
}

impl Pointage {
    /// Done as planned.
    pub fn fait() -> Pointage {
        Pointage {
            statut: Statut::Fait,
            motif: None,
            debut_reel: None,
            fin_reel: None,
        }
    }
    /// Not done, with its reason.
    pub fn absent(motif: Option<Motif>) -> Pointage {
        Pointage {
            statut: Statut::Absent,
            motif,
            debut_reel: None,
            fin_reel: None,
        }
    }
    /// True when the item was done at other times than planned.
    pub(crate) fn autre_horaire(&self) -> bool {
        self.statut == Statut::Fait && (self.debut_reel.is_some() || self.fin_reel.is_some())
    }
    /// The item as it happened: `None` when the person was absent; the real times otherwise.
    pub fn realise(&self, a: &Affectation) -> Option<Affectation> {
        if self.statut == Statut::Absent {
            return None;
        }
        let mut r = a.clone();
        if let Some(d) = self.debut_reel {
            r.debut = Some(d);
        }
        if let Some(f) = self.fin_reel {
            r.fin = Some(f);
        }
        Some(r)
    }
    /// What is wrong with this record for item `a`, in French (`None`: nothing).
    pub(crate) fn probleme(&self, a: &Affectation) -> Option<String> {
        match self.statut {
            Statut::Absent if self.debut_reel.is_some() || self.fin_reel.is_some() => Some(
                "une absence n'a pas d'horaire réel : videz debut_reel et fin_reel, ou mettez le statut « fait »".to_owned(),
            ),
            Statut::Fait if self.motif.is_some() => Some(
                "un motif ne va qu'avec le statut « absent »".to_owned(),
            ),
            Statut::Fait if self.autre_horaire() && a.debut.is_none() => Some(
                "une journée de PMSMP n'a pas d'horaire : statut « fait » ou « absent » seulement".to_owned(),
            ),
            Statut::Fait => {
                let (d, f) = (self.debut_reel.or(a.debut), self.fin_reel.or(a.fin));
                match (d, f) {
                    (Some(d), Some(f)) if f <= d => Some(format!(
                        "l'horaire réel finit ({f}) avant de commencer ({d})"
                    )),
                    _ => None,
                }
            }
            Statut::Absent => None,
        }
    }
}

/// The identity of an item across two versions of a week: person, kind, what, date, times.
pub(crate) type Cle = (
    String,
    TypeAffectation,
    String,
    NaiveDate,
    Option<Heure>,
    Option<Heure>,
);

pub(crate) fn cle(a: &Affectation) -> Cle {
    (
        a.personne.clone(),
        a.type_,
        schema::quoi(a).to_owned(),
        a.date,
        a.debut,
        a.fin,
    )
}

/// One published version of a week, with its records.
#[derive(Debug, Clone)]
pub struct Semaine {
    /// The week's row id.
    pub id: i64,
    /// The régie's name.
    pub regie: String,
    /// First day.
    pub debut: NaiveDate,
    /// Number of days.
    pub jours: u32,
    /// Version of the week (1, then one more at each publication).
    pub version: u32,
    /// When it was published.
    pub publiee_le: String,
    /// The scenario's YAML text, as published.
    pub scenario: String,
    /// The plan's JSON text, as published.
    pub plan: String,
    /// Records by item rank in the plan.
    pub pointages: BTreeMap<usize, Pointage>,
}

impl Semaine {
    /// Last day of the period.
    pub fn fin(&self) -> NaiveDate {
        self.debut
            .checked_add_days(Days::new(u64::from(self.jours.max(1)) - 1))
            .unwrap_or(self.debut)
    }
    pub(crate) fn contient(&self, d: NaiveDate) -> bool {
        self.debut <= d && d <= self.fin()
    }
    /// How diagnostics name this week's stored texts.
    pub fn nom(&self) -> String {
        format!(
            "registre : {}, semaine du {} (version {})",
            self.regie, self.debut, self.version
        )
    }
    pub(crate) fn lire_plan(&self) -> Result<Plan> {
        parse_plan(&self.plan, &format!("{} plan", self.nom()))
    }
    pub(crate) fn lire_scenario(&self) -> Result<Scenario> {
        Ok(
            crate::model::load::load_stored(&self.scenario, &format!("{} scénario", self.nom()))?
                .scenario,
        )
    }
}

/// Which week a command is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choix {
    /// The latest published week.
    Derniere,
    /// The week starting that day.
    Debut(NaiveDate),
    /// The week holding that day.
    Contenant(NaiveDate),
}

/// The outcome of [`Registre::publier`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publie {
    /// Version of the week.
    pub version: u32,
    /// False when the same scenario and plan were already the current version.
    pub nouvelle: bool,
    /// The version this one replaces.
    pub remplace: Option<u32>,
    /// Records carried over from the replaced version (identical items).
    pub pointages_repris: usize,
}

/// Checks that `plan` belongs to `sc` (same régie and period) and that the checker accepts it.
pub fn verifier_publication(
    sc: &Scenario,
    scenario_file: &str,
    plan: &Plan,
    plan_file: &str,
) -> Result<()> {
    if plan.regie != sc.regie.nom {
        return Err(Error::Other(format!(
            "le plan « {plan_file} » est celui de « {} » mais le scénario « {scenario_file} » est celui de « {} » : rien n'est publié",
            plan.regie, sc.regie.nom
        )));
    }
    if plan.periode.debut != sc.periode.debut || plan.periode.jours != sc.periode.jours {
        return Err(Error::Other(format!(
            "le plan « {plan_file} » couvre {} jour(s) à partir du {} mais le scénario « {scenario_file} » {} jour(s) à partir du {} : rien n'est publié",
            plan.periode.jours, plan.periode.debut, sc.periode.jours, sc.periode.debut
        )));
    }
    let facts = Facts::new(sc);
    let report = check_plan(sc, &facts, plan);
    if !report.ok() {
        return Err(Error::Other(format!(
            "le plan « {plan_file} » ne passe pas la vérification (regie verifier) : rien n'est publié\n{}",
            render_report(&report, plan).trim_end()
        )));
    }
    Ok(())
}

/// An open registre.
#[derive(Debug)]
pub struct Registre {
    conn: Connection,
    fichier: String,
}

fn pause_test(marqueur: Option<&Path>) -> std::result::Result<(), String> {
    if let Some(p) = marqueur {
        std::fs::write(p, b"transaction ouverte\n").map_err(|e| e.to_string())?;
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
    Ok(())
}

impl Registre {
    /// Opens the registre `path` and brings its schema to the current version. With `creer`, a
    /// missing file is created (`publier`); otherwise it is an error.
    pub fn ouvrir(path: &Path, creer: bool) -> Result<Registre> {
        let fichier = path.display().to_string();
        if !creer && !path.exists() {
            return Err(Error::Other(format!(
                "registre « {fichier} » introuvable : publiez d'abord une semaine (regie publier SCENARIO PLAN), ou donnez le bon fichier avec --registre FICHIER"
            )));
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if creer {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let err =
            |e: rusqlite::Error| Error::Other(format!("registre « {fichier} » : {}", francais(&e)));
        let conn = Connection::open_with_flags(path, flags).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(err)?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(Error::Other(format!(
                "registre « {fichier} » : journal « {mode} » au lieu du journal de retour arrière"
            )));
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(err)?;
        let mut reg = Registre { conn, fichier };
        reg.migrer()?;
        Ok(reg)
    }

    /// The file name, as given.
    pub fn fichier(&self) -> &str {
        &self.fichier
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        Error::Other(format!("registre « {} » : {}", self.fichier, francais(&e)))
    }

    fn migrer(&mut self) -> Result<()> {
        let fichier = self.fichier.clone();
        let err =
            |e: rusqlite::Error| Error::Other(format!("registre « {fichier} » : {}", francais(&e)));
        // Up to date: no write lock taken (a registre on a read-only share can still be read).
        let lue: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if lue == schema::VERSION {
            return Ok(());
        }
        // Read again inside the transaction: another command may have migrated meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let version: i32 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version == schema::VERSION {
            return Ok(());
        }
        if version > schema::VERSION {
            return Err(Error::Other(format!(
                "registre « {fichier} » : schéma version {version}, écrit par une version plus récente de regie (celle-ci lit jusqu'à la version {}) : mettez regie à jour",
                schema::VERSION
            )));
        }
        if version == 0 {
            let tables: i64 = tx
                .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(err)?;
            if tables > 0 {
                return Err(Error::Other(format!(
                    "« {fichier} » est une base SQLite qui n'est pas un registre de regie : rien n'y est écrit"
                )));
            }
        }
        schema::migrate(&tx, version).map_err(|m| {
            Error::Other(format!(
                "registre « {fichier} » : migration du schéma {version} impossible : {m}"
            ))
        })?;
        tx.commit().map_err(err)
    }

    /// The names of `scenarios` (people of régie `regie`) pseudonymised with the registre's
    /// table: a person keeps the pseudonym the table gives them; the others get the next
    /// number of their role, written to the table in the same transaction (docs/rapports.md,
    /// Pseudonymisation).
    pub fn pseudonymes(&mut self, regie: &str, scenarios: &[&Scenario]) -> Result<Noms> {
        let fichier = self.fichier.clone();
        let err = |e: rusqlite::Error| erreur_sqlite(&fichier, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let lus: Vec<(String, String)> = tx
            .prepare("SELECT personne, pseudonyme FROM pseudonymes WHERE regie = ?1")
            .and_then(|mut st| {
                st.query_map(params![regie], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(err)?;
        let connus: BTreeMap<String, String> = lus.into_iter().collect();
        let noms = Noms::de_table(scenarios, &connus);
        for (id, p) in noms.pseudonymes() {
            if !connus.contains_key(&id) {
                tx.execute(
                    "INSERT OR IGNORE INTO pseudonymes (regie, personne, pseudonyme) VALUES (?1, ?2, ?3)",
                    params![regie, id, p],
                )
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(noms)
    }

    /// Schema version of the open file.
    pub fn version_schema(&self) -> Result<i32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok` for a sound file.
    pub fn integrite(&self) -> Result<String> {
        let mut st = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let lines: Vec<String> = st
            .query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        Ok(lines.join("\n"))
    }

    /// Records a new version of the week of `sc` (already checked by [`verifier_publication`]),
    /// in one transaction. The same texts as the current version record nothing. Records of the
    /// replaced version are carried over to the identical items of the new one.
    pub fn publier(
        &mut self,
        sc: &Scenario,
        scenario_text: &str,
        plan: &Plan,
        plan_text: &str,
        pause: Option<&Path>,
    ) -> Result<Publie> {
        let fichier = self.fichier.clone();
        let err =
            |e: rusqlite::Error| Error::Other(format!("registre « {fichier} » : {}", francais(&e)));
        let regie = sc.regie.nom.as_str();
        let debut = sc.periode.debut;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let courante: Option<(i64, u32, String, String)> = tx
            .query_row(
                "SELECT id, version, scenario, plan FROM publications
                 WHERE regie = ?1 AND debut = ?2 ORDER BY version DESC LIMIT 1",
                params![regie, debut.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(err)?;
        if let Some((_, v, s, p)) = &courante
            && s == scenario_text
            && p == plan_text
        {
            return Ok(Publie {
                version: *v,
                nouvelle: false,
                remplace: None,
                pointages_repris: 0,
            });
        }
        // A week of the same régie that overlaps this one with another start would be counted
        // twice by the balance.
        let fin = debut
            .checked_add_days(Days::new(u64::from(sc.periode.jours.max(1)) - 1))
            .unwrap_or(debut);
        if let Some((d, f)) = chevauchement(&tx, regie, debut, fin).map_err(err)? {
            return Err(Error::Other(format!(
                "la semaine du {debut} au {fin} chevauche la semaine publiée du {d} au {f} de « {regie} » : rien n'est publié (une même journée serait comptée deux fois)"
            )));
        }
        let version = courante.as_ref().map_or(1, |c| c.1 + 1);
        tx.execute(
            "INSERT INTO publications (regie, debut, jours, version, publiee_le, scenario, plan)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?5, ?6)",
            params![
                regie,
                debut.to_string(),
                sc.periode.jours,
                version,
                scenario_text,
                plan_text
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        schema::insert_affectations(&tx, id, &plan.affectations).map_err(err)?;
        let repris = match &courante {
            Some((ancien, _, _, ancien_plan)) => {
                let ancien_plan = parse_plan(
                    ancien_plan,
                    &format!("registre : {regie}, semaine du {debut}"),
                )?;
                reprendre_pointages(&tx, *ancien, &ancien_plan, id, plan).map_err(err)?
            }
            None => 0,
        };
        pause_test(pause).map_err(|m| Error::Other(format!("crochet de test : {m}")))?;
        tx.commit().map_err(err)?;
        Ok(Publie {
            version,
            nouvelle: true,
            remplace: courante.map(|c| c.1),
            pointages_repris: repris,
        })
    }

    /// Records `saisies` (item rank, record) on week `semaine`, in one transaction; a record
    /// already there for an item is replaced. Refused when the week has been republished since
    /// it was read.
    pub fn pointer(
        &mut self,
        semaine: &Semaine,
        saisies: &[(usize, Pointage)],
        pause: Option<&Path>,
    ) -> Result<()> {
        let fichier = self.fichier.clone();
        let err =
            |e: rusqlite::Error| Error::Other(format!("registre « {fichier} » : {}", francais(&e)));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let derniere: Option<u32> = tx
            .query_row(
                "SELECT MAX(version) FROM publications WHERE regie = ?1 AND debut = ?2",
                params![semaine.regie, semaine.debut.to_string()],
                |r| r.get(0),
            )
            .map_err(err)?;
        if derniere != Some(semaine.version) {
            return Err(Error::Other(format!(
                "la semaine du {} a été publiée à nouveau pendant la saisie : rien n'est enregistré, recommencez",
                semaine.debut
            )));
        }
        for (rang, p) in saisies {
            inserer_pointage(&tx, semaine.id, *rang, p).map_err(err)?;
        }
        pause_test(pause).map_err(|m| Error::Other(format!("crochet de test : {m}")))?;
        tx.commit().map_err(err)
    }

    /// The current version of every published week, by régie then start (`regie`: only that one).
    pub fn semaines(&self, regie: Option<&str>) -> Result<Vec<Semaine>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, regie, debut, jours, version, publiee_le, scenario, plan
                 FROM semaines_courantes WHERE ?1 IS NULL OR regie = ?1 ORDER BY regie, debut",
            )
            .map_err(|e| self.err(e))?;
        let rows: Vec<(Semaine, String)> = st
            .query_map(params![regie], |r| {
                Ok((
                    Semaine {
                        id: r.get(0)?,
                        regie: r.get(1)?,
                        debut: NaiveDate::MIN,
                        jours: r.get(3)?,
                        version: r.get(4)?,
                        publiee_le: r.get(5)?,
                        scenario: r.get(6)?,
                        plan: r.get(7)?,
                        pointages: BTreeMap::new(),
                    },
                    r.get(2)?,
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(rows.len());
        for (mut s, debut) in rows {
            s.debut = debut.parse::<NaiveDate>().map_err(|_| {
                Error::Other(format!(
                    "registre « {} » : date de semaine illisible « {debut} » (publication {})",
                    self.fichier, s.id
                ))
            })?;
            s.pointages = charger_pointages(&self.conn, s.id).map_err(|e| self.err(e))?;
            out.push(s);
        }
        Ok(out)
    }

    /// The week `choix` designates (current version), among those of `regie` when given.
    pub fn semaine(&self, regie: Option<&str>, choix: Choix) -> Result<Semaine> {
        let toutes = self.semaines(regie)?;
        let regies: BTreeSet<&str> = toutes.iter().map(|s| s.regie.as_str()).collect();
        if toutes.is_empty() {
            return Err(Error::Other(match regie {
                Some(r) => format!(
                    "registre « {} » : aucune semaine publiée pour « {r} »",
                    self.fichier
                ),
                None => format!(
                    "registre « {} » : aucune semaine publiée (regie publier SCENARIO PLAN)",
                    self.fichier
                ),
            }));
        }
        if regies.len() > 1 {
            return Err(Error::Other(format!(
                "registre « {} » : plusieurs régies ({}) : précisez laquelle avec --regie NOM",
                self.fichier,
                regies.into_iter().collect::<Vec<_>>().join(", ")
            )));
        }
        let trouvee = match choix {
            Choix::Derniere => toutes.into_iter().max_by_key(|s| s.debut),
            Choix::Debut(d) => toutes.into_iter().find(|s| s.debut == d),
            Choix::Contenant(d) => toutes.into_iter().find(|s| s.contient(d)),
        };
        trouvee.ok_or_else(|| {
            Error::Other(match choix {
                Choix::Derniere => {
                    format!("registre « {} » : aucune semaine publiée", self.fichier)
                }
                Choix::Debut(d) => format!(
                    "registre « {} » : aucune semaine publiée ne commence le {d}",
                    self.fichier
                ),
                Choix::Contenant(d) => format!(
                    "registre « {} » : aucune semaine publiée ne contient le {d}",
                    self.fichier
                ),
            })
        })
    }

    /// Every version number recorded for the week of `regie` starting `debut`.
    pub fn versions(&self, regie: &str, debut: NaiveDate) -> Result<Vec<u32>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT version FROM publications WHERE regie = ?1 AND debut = ?2 ORDER BY version",
            )
            .map_err(|e| self.err(e))?;
        st.query_map(params![regie, debut.to_string()], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// Row counts of the three tables (publications, affectations, pointages).
    pub fn comptes(&self) -> Result<(i64, i64, i64)> {
        self.conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM publications), (SELECT COUNT(*) FROM affectations),
                        (SELECT COUNT(*) FROM pointages)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.err(e))
    }
}

/// The first other current week of `regie` that shares a day with `debut..=fin`.
fn chevauchement(
    conn: &Connection,
    regie: &str,
    debut: NaiveDate,
    fin: NaiveDate,
) -> rusqlite::Result<Option<(NaiveDate, NaiveDate)>> {
    let mut st = conn
        .prepare("SELECT debut, jours FROM semaines_courantes WHERE regie = ?1 AND debut <> ?2")?;
    let autres: Vec<(String, u32)> = st
        .query_map(params![regie, debut.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(autres.into_iter().find_map(|(d, j)| {
        let d = d.parse::<NaiveDate>().ok()?;
        let f = d
            .checked_add_days(Days::new(u64::from(j.max(1)) - 1))
            .unwrap_or(d);
        (d <= fin && debut <= f).then_some((d, f))
    }))
}

/// Copies the records of publication `ancien` (plan `ancien_plan`) to the identical items of
/// publication `id` (plan `plan`); returns how many.
fn reprendre_pointages(
    conn: &Connection,
    ancien: i64,
    ancien_plan: &Plan,
    id: i64,
    plan: &Plan,
) -> rusqlite::Result<usize> {
    let anciens = charger_pointages(conn, ancien)?;
    let par_cle: BTreeMap<Cle, &Pointage> = ancien_plan
        .affectations
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((cle(a), anciens.get(&i)?)))
        .collect();
    let mut repris = 0;
    for (rang, a) in plan.affectations.iter().enumerate() {
        if let Some(p) = par_cle.get(&cle(a)) {
            inserer_pointage(conn, id, rang, p)?;
            repris += 1;
        }
    }
    Ok(repris)
}

fn inserer_pointage(conn: &Connection, id: i64, rang: usize, p: &Pointage) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO pointages (publication, rang, statut, motif, debut_reel, fin_reel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (publication, rang) DO UPDATE SET statut = excluded.statut,
             motif = excluded.motif, debut_reel = excluded.debut_reel, fin_reel = excluded.fin_reel",
        params![
            id,
            rang as i64,
            p.statut.code(),
            p.motif.map(Motif::code),
            p.debut_reel.map(|h| h.to_string()),
            p.fin_reel.map(|h| h.to_string()),
        ],
    )?;
    Ok(())
}

/// A `pointages` row: rank, statut, motif, real start, real end.
type LignePointage = (i64, String, Option<String>, Option<String>, Option<String>);

fn charger_pointages(conn: &Connection, id: i64) -> rusqlite::Result<BTreeMap<usize, Pointage>> {
    let mut st = conn.prepare(
        "SELECT rang, statut, motif, debut_reel, fin_reel FROM pointages WHERE publication = ?1 ORDER BY rang",
    )?;
    let rows: Vec<LignePointage> = st
        .query_map(params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = BTreeMap::new();
    for (rang, statut, motif, d, f) in rows {
        let bad = |what: &str| {
            rusqlite::Error::InvalidColumnType(
                0,
                format!("{what} illisible (publication {id}, rang {rang})"),
                rusqlite::types::Type::Text,
            )
        };
        let statut = Statut::parse(&statut).ok_or_else(|| bad("statut"))?;
        let motif = match motif {
            Some(m) => Some(Motif::parse(&m).ok_or_else(|| bad("motif"))?),
            None => None,
        };
        let heure = |h: Option<String>| -> rusqlite::Result<Option<Heure>> {
            match h {
                Some(h) => Ok(Some(Heure(
                    parse_hhmm(&h).ok_or_else(|| bad("horaire réel"))?,
                ))),
                None => Ok(None),
            }
        };
        let rang = usize::try_from(rang).map_err(|_| bad("rang"))?;
        out.insert(
            rang,
            Pointage {
                statut,
                motif,
                debut_reel: heure(d)?,
                fin_reel: heure(f)?,
            },
        );
    }
    Ok(out)
}

/// SQLite's errors in French where a coordinateur may meet them.
fn francais(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "ce fichier n'est pas une base SQLite (registre)".to_owned()
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "le registre est occupé par une autre commande regie : réessayez".to_owned()
        }
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            "le registre n'est pas modifiable (droits du fichier ou du dossier)".to_owned()
        }
        Some(ErrorCode::CannotOpen) => {
            "impossible d'ouvrir le fichier (dossier absent ?)".to_owned()
        }
        Some(ErrorCode::DiskFull) => "disque plein".to_owned(),
        _ => e.to_string(),
    }
}

/// Diagnostics helper for the sheet reader: one error at a row and column.
pub(crate) fn erreur_cellule(
    code: crate::diag::Code,
    fichier: &str,
    ligne: usize,
    colonne: usize,
    nom_colonne: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        severity: crate::diag::Severity::Erreur,
        code,
        file: fichier.to_owned(),
        line: None,
        column: None,
        path: format!(
            "ligne {ligne}, colonne {} ({nom_colonne})",
            lettre_colonne(colonne)
        ),
        message,
    }
}

/// Spreadsheet column letter of a 1-based column (`1` → `A`, `27` → `AA`).
pub(crate) fn lettre_colonne(mut c: usize) -> String {
    let mut s = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        s.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}
