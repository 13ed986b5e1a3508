//! `regie valider SCENARIO`: loads and validates a scenario, prints a French summary (counts,
//! who can reach which chantier and how) and every warning. Errors go to stderr through `main`
//! (`Error::Invalid`), with nothing on stdout.

use crate::diag::Result;
use crate::format::gtfs::Reseau;
use crate::format::scenario::{Jour, Mobilite};
use crate::format::time::fmt_hhmm;
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

/// The GTFS feed as kept for the scenario: counts, lieux without a stop, first and last
/// arrival per lieu and weekday (weekdays with the same times grouped).
fn gtfs_summary(sc: &crate::format::scenario::Scenario, r: &Reseau, out: &mut String) {
    let _ = writeln!(
        out,
        "Réseau GTFS : {} arrêt(s) gardé(s) sur {}, {} course(s) sur {}",
        r.arrets.len(),
        r.arrets_lus,
        r.courses.len(),
        r.courses_lues
    );
    let sans: Vec<&str> = sc
        .lieux
        .iter()
        .filter(|l| !r.liens.iter().any(|k| k.lieu == l.id))
        .map(|l| l.id.as_str())
        .collect();
    if !sans.is_empty() {
        let _ = writeln!(out, "Lieux sans arrêt : {}", sans.join(", "));
    }
    let _ = writeln!(out, "Premières et dernières arrivées en bus, par lieu :");
    for l in sc.lieux.iter().filter(|l| !sans.contains(&l.id.as_str())) {
        let arr = r.arrivals(&l.id);
        let mut groups: Vec<(Vec<&str>, (u32, u32))> = Vec::new();
        for j in Jour::ALL {
            let Some(w) = arr[j.index()] else { continue };
            match groups.iter_mut().find(|(_, x)| *x == w) {
                Some((days, _)) => days.push(j.nom()),
                None => groups.push((vec![j.nom()], w)),
            }
        }
        let text = if groups.is_empty() {
            "aucune arrivée sur la période".to_owned()
        } else {
            groups
                .iter()
                .map(|(days, (a, b))| {
                    format!("{} {}–{}", days.join(" "), fmt_hhmm(*a), fmt_hhmm(*b))
                })
                .collect::<Vec<_>>()
                .join(" ; ")
        };
        let _ = writeln!(out, "  {} : {text}", l.id);
    }
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
    if let Some(r) = sc.gtfs.as_ref().and_then(|g| g.reseau.as_deref()) {
        gtfs_summary(sc, r, &mut out);
    }

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
