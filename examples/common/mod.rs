//! What the examples that measure the kernel share: the scenario named first on the command
//! line, loaded, with its derived facts and the kernel's possible activities.

use regie_planner::Loaded;
use regie_planner::kernel::activities::Activities;
use regie_planner::model::Facts;

/// A scenario ready for the kernel.
pub struct Charge {
    /// The scenario file, loaded and checked.
    pub loaded: Loaded,
    /// Its derived facts.
    pub facts: Facts,
    /// The kernel's possible activities.
    pub acts: Activities,
}

/// The command line's arguments (program name left out) and the scenario its first one names;
/// `None` after printing `usage` when there is no argument, or the loader's error.
pub fn charger(usage: &str) -> Option<(Vec<String>, Charge)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("{usage}");
        return None;
    };
    let loaded = match regie_planner::model::load::load_scenario(std::path::Path::new(path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    };
    let facts = Facts::new(&loaded.scenario);
    let acts = Activities::new(&loaded.scenario, &facts);
    Some((
        args,
        Charge {
            loaded,
            facts,
            acts,
        },
    ))
}
