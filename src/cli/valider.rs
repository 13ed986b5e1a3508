//! `regie valider SCENARIO`: loads and validates a scenario, prints a French summary (counts,
//! who can reach which chantier and how) and every warning. Errors go to stderr through `main`
//! (`Error::Invalid`), with nothing on stdout.

use crate::diag::Result;
use crate::format::scenario::Mobilite;
use crate::format::validate::mobilite_nom;
use crate::model::Facts;
use crate::model::coherence::accessible_chantiers;
use crate::model::load::Loaded;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(scenario: &Path) -> Result<ExitCode> {
    let mut loaded = crate::model::load::load_scenario(scenario)?;
    // Fixed items that cannot be kept on their own, located in the file.
    let text = crate::io::read_to_string(scenario)?;
    let spans = crate::format::spans::SpanIndex::build(&text);
    let facts = Facts::new(&loaded.scenario);
    for mut d in crate::kernel::explain::fixed_item_warnings(&loaded.scenario, &facts) {
        d.file = scenario.display().to_string();
        if let Some((line, column)) = spans.locate(&d.path) {
            d.line = Some(line);
            d.column = Some(column);
        }
        loaded.warnings.push(d);
    }
    loaded.warnings.sort_by_key(|d| (d.line, d.column));
    crate::io::print(&summary(&loaded))?;
    Ok(ExitCode::SUCCESS)
}

/// The whole text `regie valider` prints for a valid scenario.
pub fn summary(loaded: &Loaded) -> String {
    let sc = &loaded.scenario;
    let facts = Facts::new(sc);
    let mut out = String::new();
    let fin = facts.days.last().copied().unwrap_or(sc.periode.debut);
    // Writing to a String cannot fail.
    let _ = writeln!(out, "Scénario valide : {}", sc.regie.nom);
    let _ = writeln!(
        out,
        "Période : du {} au {fin} ({} jour(s), {} férié(s))",
        sc.periode.debut,
        sc.periode.jours,
        sc.periode.feries.len()
    );
    let _ = writeln!(out, "salarié·es : {}", sc.salaries.len());
    let _ = writeln!(out, "encadrant·es : {}", sc.encadrants.len());
    let _ = writeln!(out, "CIP : {}", sc.cips.len());
    let _ = writeln!(out, "chantiers : {}", sc.chantiers.len());
    let _ = writeln!(out, "vacations de la période : {}", facts.shifts.len());
    let _ = writeln!(out, "ateliers : {}", sc.ateliers.len());
    let _ = writeln!(out, "formations : {}", sc.formations.len());

    let non_autonomes: Vec<_> = sc
        .salaries
        .iter()
        .enumerate()
        .filter(|(_, s)| s.mobilite != Mobilite::Autonome)
        .collect();
    if !non_autonomes.is_empty() {
        let _ = writeln!(out, "Chantiers accessibles depuis le domicile :");
        for (si, s) in non_autonomes {
            let acces = accessible_chantiers(sc, &facts, si).unwrap_or_default();
            let list = if acces.is_empty() {
                "aucun chantier".to_owned()
            } else {
                acces
                    .iter()
                    .filter_map(|a| {
                        let c = sc.chantiers.get(a.chantier)?;
                        Some(format!("{} ({})", c.id, a.moyen.nom()))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                out,
                "  {} ({}, depuis {}) : {list}",
                s.id,
                mobilite_nom(s.mobilite),
                s.domicile.as_deref().unwrap_or("?")
            );
        }
    }
    let autonomes = sc
        .salaries
        .iter()
        .filter(|s| s.mobilite == Mobilite::Autonome)
        .count();
    if autonomes > 0 {
        let _ = writeln!(
            out,
            "  {autonomes} salarié·e(s) autonome(s) : tous les chantiers"
        );
    }
    if loaded.warnings.is_empty() {
        let _ = writeln!(out, "Aucun avertissement.");
    } else {
        let _ = writeln!(out, "Avertissements ({}) :", loaded.warnings.len());
        for w in &loaded.warnings {
            let _ = writeln!(out, "{w}");
        }
    }
    out
}
