//! Places: lieu indices, shortest walks over `trajets` (which may chain), in-day travel.

use crate::format::scenario::Scenario;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Places {
    /// Lieu ids in file order; a place's index is its position.
    pub ids: Vec<String>,
    pub index: BTreeMap<String, usize>,
    /// `walk[a][b]`: shortest walk in minutes over `trajets` entries (both ways), `None` if no path.
    /// `walk[a][a] = Some(0)`.
    pub walk: Vec<Vec<Option<u32>>>,
    /// `trajet_defaut_minutes`.
    pub default_minutes: u32,
}

impl Places {
    pub fn new(sc: &Scenario) -> Places {
        todo!()
    }
    /// Index of a lieu id (validated scenarios always resolve).
    pub fn idx(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
    /// Minutes to move between two work places during the day (rule 1): the shortest walk, else
    /// `trajet_defaut_minutes` (the régie's van); 0 for the same place.
    pub fn travel(&self, a: usize, b: usize) -> u32 {
        todo!()
    }
}
