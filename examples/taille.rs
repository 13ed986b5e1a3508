//! Prints the kernel's model size by activity kind and constraint family (developer aid):
//! `cargo run --release --example taille -- SCENARIO`.
use regie_planner::kernel::activities::{Activities, Kind};
use regie_planner::kernel::build::Model;
use regie_planner::model::Facts;
use std::collections::BTreeMap;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage : taille SCENARIO");
        return;
    };
    let loaded = match regie_planner::model::load::load_scenario(std::path::Path::new(&path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let sc = &loaded.scenario;
    let facts = Facts::new(sc);
    let acts = Activities::new(sc, &facts);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &acts.list {
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
    let model = Model::new(sc, &facts, &acts);
    for (f, n) in &model.families {
        println!("{f:<28} {n}");
    }
}
