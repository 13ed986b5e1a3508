//! regie-planner: weekly planning, bid what-ifs and balance reports for Régies de Quartier.
//!
//! Layers, lowest first; a module uses only those of earlier layers (`tests/layers.rs` checks
//! it): [`diag`]; [`texte`] (French text helpers: numbers, HTML escaping, CSV fields) and [`io`];
//! [`format`] (files in and out, the file's own checks); [`model`] (derived facts, the checks
//! that need them, the scenario loader); [`check`] (the independent verifier) and [`generate`]
//! (realistic scenarios); [`kernel`] (the MIP); [`report`]; [`whatif`] and [`registre`] (the
//! published weeks and what happened, SQLite); [`cli`] is `regie`.
//!
//! Items are `pub(crate)` unless the binary, the tests, the benches or the examples name them
//! (README, « Architecture », « Surface publique »); what stays public is documented.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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

// The library's main entry points, for the binary, the tests, the benches and the examples:
// load a scenario, derive its facts, plan it, check a plan, generate a scenario.
pub use check::{Report, check_plan};
pub use diag::{Code, Diagnostic, Error, Result, Severity};
pub use format::plan::{Plan, parse_plan, read_plan};
pub use format::scenario::Scenario;
pub use generate::generate;
pub use kernel::{Options, Outcome, plan};
pub use model::Facts;
pub use model::load::{Loaded, load_scenario, load_str};
