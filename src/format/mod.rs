//! File formats: the scenario (YAML, input) and the plan (JSON, output), with loading and
//! validation. Format types are kept apart from the derived model (`model`).

pub mod gtfs;
pub mod load;
pub mod plan;
pub mod ranges;
pub mod scenario;
pub(crate) mod spans;
pub mod taille;
pub mod time;
pub(crate) mod validate;
