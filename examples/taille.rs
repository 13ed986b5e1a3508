//! Prints the kernel's model size by activity kind and constraint family (developer aid):
//! `cargo run --release --example taille -- SCENARIO`.
mod common;

use regie_planner::kernel::activities::Kind;
use regie_planner::kernel::build::Model;
use std::collections::BTreeMap;

fn main() {
    let Some((_, c)) = common::charger("usage : taille SCENARIO") else {
        return;
    };
    let sc = &c.loaded.scenario;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &c.acts.list {
        let k = match a.kind {
            Kind::Production { .. } => "production",
            Kind::Encadrement { .. } => "encadrement",
            Kind::Rdv { .. } => "rdv",
            Kind::Atelier { .. } => "atelier",
            Kind::Formation { .. } => "formation",
        };
        *kinds.entry(k).or_default() += 1;
    }
    println!("activités : {kinds:?}");
    let model = Model::new(sc, &c.facts, &c.acts);
    for (f, n) in &model.families {
        println!("{f:<28} {n}");
    }
}
