//! The registre's schema and its migrations, numbered by `PRAGMA user_version`.
//!
//! | version | what it adds |
//! |---|---|
//! | 1 | `publications` (one row per published version of a week: the scenario's YAML text and the plan's JSON text) and `pointages` (what happened to an item, by its rank in the plan) |
//! | 2 | `affectations` (the plan's items as rows, filled from the stored plans, so that any SQLite tool reads the week) and the view `semaines_courantes` |
//! | 3 | `pseudonymes` (each person's pseudonym in the reports of a régie, kept so that it never changes) |
//!
//! Every migration runs in one transaction with the `user_version` update: a file is at one
//! version or the next, never between.

use crate::format::plan::Affectation;
use rusqlite::{Connection, Transaction, params};

/// The schema version this build writes and reads.
pub(crate) const VERSION: i32 = 3;

/// Version 1, exactly as the first registre files were created (tests build such files by hand
/// to check the migration).
pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    regie TEXT NOT NULL,
    debut TEXT NOT NULL,
    jours INTEGER NOT NULL,
    version INTEGER NOT NULL,
    publiee_le TEXT NOT NULL,
    scenario TEXT NOT NULL,
    plan TEXT NOT NULL,
    UNIQUE (regie, debut, version)
);
CREATE TABLE pointages (
    publication INTEGER NOT NULL REFERENCES publications(id),
    rang INTEGER NOT NULL,
    statut TEXT NOT NULL CHECK (statut IN ('fait', 'absent')),
    motif TEXT,
    debut_reel TEXT,
    fin_reel TEXT,
    PRIMARY KEY (publication, rang)
);
";

const SCHEMA_V2: &str = "
CREATE TABLE affectations (
    publication INTEGER NOT NULL REFERENCES publications(id),
    rang INTEGER NOT NULL,
    date TEXT NOT NULL,
    personne TEXT NOT NULL,
    type TEXT NOT NULL,
    quoi TEXT NOT NULL,
    debut TEXT,
    fin TEXT,
    heures REAL NOT NULL,
    PRIMARY KEY (publication, rang)
);
CREATE VIEW semaines_courantes AS
    SELECT p.* FROM publications p
    WHERE p.version = (SELECT MAX(q.version) FROM publications q
                       WHERE q.regie = p.regie AND q.debut = p.debut);
";

const SCHEMA_V3: &str = "
CREATE TABLE pseudonymes (
    regie TEXT NOT NULL,
    personne TEXT NOT NULL,
    pseudonyme TEXT NOT NULL,
    PRIMARY KEY (regie, personne),
    UNIQUE (regie, pseudonyme)
);
";

/// What a migration step can fail on, in French (the caller adds the file name).
pub(crate) type StepResult = std::result::Result<(), String>;

/// Brings `conn` from `from` to [`VERSION`] inside `tx`. `from` is checked by the caller.
pub(crate) fn migrate(tx: &Transaction, from: i32) -> StepResult {
    if from < 1 {
        tx.execute_batch(SCHEMA_V1).map_err(|e| e.to_string())?;
    }
    if from < 2 {
        tx.execute_batch(SCHEMA_V2).map_err(|e| e.to_string())?;
        fill_affectations(tx)?;
    }
    if from < 3 {
        tx.execute_batch(SCHEMA_V3).map_err(|e| e.to_string())?;
    }
    tx.pragma_update(None, "user_version", VERSION)
        .map_err(|e| e.to_string())
}

/// Version 2's data step: one `affectations` row per item of every stored plan.
fn fill_affectations(tx: &Transaction) -> StepResult {
    let mut st = tx
        .prepare("SELECT id, plan FROM publications ORDER BY id")
        .map_err(|e| e.to_string())?;
    let rows: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .map_err(|e| e.to_string())?;
    drop(st);
    for (id, text) in rows {
        let plan = crate::check::parse_plan(&text, &format!("publication {id}"))
            .map_err(|e| format!("plan de la publication {id} illisible : {e}"))?;
        insert_affectations(tx, id, &plan.affectations).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// What an item is about: its chantier, CIP, atelier or formation (empty for a PMSMP day).
pub fn quoi(a: &Affectation) -> &str {
    a.chantier
        .as_deref()
        .or(a.cip.as_deref())
        .or(a.atelier.as_deref())
        .or(a.formation.as_deref())
        .unwrap_or("")
}

/// Writes the `affectations` rows of publication `id`.
pub(crate) fn insert_affectations(
    conn: &Connection,
    id: i64,
    items: &[Affectation],
) -> rusqlite::Result<()> {
    let mut st = conn.prepare(
        "INSERT INTO affectations (publication, rang, date, personne, type, quoi, debut, fin, heures)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (rang, a) in items.iter().enumerate() {
        st.execute(params![
            id,
            rang as i64,
            a.date.to_string(),
            a.personne,
            a.type_.code(),
            quoi(a),
            a.debut.map(|h| h.to_string()),
            a.fin.map(|h| h.to_string()),
            a.hours(),
        ])?;
    }
    Ok(())
}
