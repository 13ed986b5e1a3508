//! regie-planner: weekly planning, bid what-ifs and balance reports for Régies de Quartier.
//!
//! Layout: [`format`] (files in and out) → [`model`] (derived facts) → [`kernel`] (the MIP) and
//! [`check`] (the independent verifier); [`generate`] makes realistic scenarios; [`registre`] keeps
//! the published weeks and what happened (SQLite); [`cli`] is `regie`. [`texte`] holds the
//! French text helpers (numbers, HTML escaping, CSV fields) every layer uses.
#![forbid(unsafe_code)]

pub mod check;
pub mod cli;
pub mod diag;
pub mod format;
pub mod generate;
pub mod importer;
pub mod io;
pub mod kernel;
pub mod model;
pub mod registre;
pub mod report;
pub mod texte;
pub mod whatif;
