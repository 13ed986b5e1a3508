use crate::diag::{Error, Result};
use crate::format::plan::{Plan, Statut, TypeAffectation};
use crate::kernel::{self, Options, Stats};
use crate::model::Facts;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fichier scénario (YAML)
    pub scenario: PathBuf,
    /// Fichier plan à écrire (JSON)
    #[arg(short = 'o', long)]
    pub sortie: PathBuf,
    /// Limite de temps du solveur, en secondes (remplace reglages.solveur.limite_secondes)
    #[arg(long, allow_negative_numbers = true)]
    pub limite_secondes: Option<f64>,
    /// Écart relatif toléré (remplace reglages.solveur.ecart_relatif)
    #[arg(long)]
    pub ecart: Option<f64>,
    /// Graine du solveur (remplace reglages.solveur.graine)
    #[arg(long)]
    pub graine: Option<u32>,
    /// Nombre de threads du solveur, 0 : automatique (remplace reglages.solveur.threads)
    #[arg(long)]
    pub threads: Option<u32>,
    /// Budget de travail : N tours de recherche par voisinages et 20 × N nœuds du MIP de la
    /// semaine ; le même budget donne le même plan sur toute machine (remplace
    /// reglages.solveur.effort). La limite de temps reste un plafond.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::format::validate::EFFORT_MAX)))]
    pub effort: Option<u32>,
    /// Vues imprimables du plan (--html, --xlsx)
    #[command(flatten)]
    pub vues: super::rapport::Vues,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    use crate::io::Fichier;
    let mut sorties = vec![Fichier::new("-o", &args.sortie)];
    sorties.extend(args.vues.fichiers());
    crate::io::check_distinct(&[Fichier::new("scénario", &args.scenario)], &sorties)?;
    super::check_limite(args.limite_secondes)?;
    let loaded = crate::format::load::load_scenario(&args.scenario)?;
    for w in &loaded.warnings {
        crate::stderr_line!("{w}");
    }
    let sc = &loaded.scenario;
    let facts = Facts::new(sc);
    let mut opts = Options::from_reglages(&sc.reglages.solveur);
    if let Some(v) = args.limite_secondes {
        opts.limite_secondes = v;
    }
    if let Some(v) = args.ecart {
        opts.ecart_relatif = v;
    }
    if let Some(v) = args.graine {
        opts.graine = v;
    }
    if let Some(v) = args.threads {
        opts.threads = v;
    }
    if let Some(v) = args.effort {
        opts.effort = Some(v);
    }
    opts.progress = true;
    let outcome = kernel::plan(sc, &facts, &opts);
    let json = plan_json(&outcome.plan)?;
    crate::io::write_atomic(&args.sortie, json.as_bytes())?;
    // Files first: a closed stdout must not lose them.
    let written = super::rapport::write_views(sc, &outcome.plan, &args.vues, false)?;
    let mut out = summary(sc, &facts, &outcome.plan, &outcome.stats);
    out.push_str(&format!("Plan écrit dans {}\n", args.sortie.display()));
    out.push_str(&written);
    crate::io::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The plan file's text: pretty JSON, keys in the spec's order, a final newline.
pub fn plan_json(plan: &Plan) -> Result<String> {
    let mut s = serde_json::to_string_pretty(plan)
        .map_err(|e| Error::Other(format!("plan non sérialisable : {e}")))?;
    s.push('\n');
    Ok(s)
}

/// The French summary printed after a solve.
pub fn summary(
    sc: &crate::format::scenario::Scenario,
    facts: &Facts,
    plan: &Plan,
    stats: &Stats,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let statut = match plan.statut {
        Statut::Optimal => "optimal".to_owned(),
        Statut::Realisable => format!(
            "réalisable (écart {:.2} %, borne {})",
            stats.gap * 100.0,
            plan.borne.unwrap_or(0.0)
        ),
        Statut::SansSolution => "sans solution".to_owned(),
    };
    let _ = writeln!(out, "Statut : {statut}");
    let _ = writeln!(
        out,
        "Modèle : {} affectations possibles, {} contraintes ; construction {:.2} s, résolution {:.2} s",
        stats.variables, stats.constraints, stats.build_seconds, stats.solve_seconds
    );
    if let Some(c) = &stats.columns {
        let _ = writeln!(
            out,
            "Colonnes journées : {} tours, {} colonnes, borne {:.1}{}, plongée {}, {} voisinages ({} améliorations) ({:.1} s)",
            c.rounds,
            c.columns,
            c.bound,
            if c.converged { " (prouvée)" } else { "" },
            if c.dive { "retenue" } else { "sans gain" },
            c.redives,
            c.improvements,
            c.seconds
        );
    }
    if let Some(r) = &stats.lns {
        let _ = writeln!(
            out,
            "Recherche par voisinages : {} tours, {} améliorations, coût {} → {}{}",
            r.rounds,
            r.improvements,
            r.before,
            r.after,
            if r.stopped_by_clock {
                " (arrêtée par la limite de temps)"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(out, "Coût : {}", plan.cout);
    for (term, v) in &plan.couts {
        if *v != 0.0 {
            let _ = writeln!(out, "  {:<34} {v}", crate::report::libelle_terme(term));
        }
    }
    let demanded: f64 = facts
        .shifts
        .iter()
        .filter(|s| !s.optionnelle)
        .map(|s| f64::from(s.min * s.duree) / 60.0)
        .sum();
    let delivered: f64 = plan
        .affectations
        .iter()
        .filter(|a| a.type_ == TypeAffectation::Production)
        .map(|a| a.hours())
        .sum();
    let _ = writeln!(
        out,
        "Production : {} h planifiées pour {} h demandées (équipes minimales)",
        crate::report::fmt_num(delivered),
        crate::report::fmt_num(demanded)
    );
    let rdv = plan
        .affectations
        .iter()
        .filter(|a| a.type_ == TypeAffectation::RdvCip)
        .count();
    let _ = writeln!(out, "Rendez-vous CIP planifiés : {rdv}");
    let noms = crate::report::Noms::new(sc, false);
    let ecarts = crate::report::ecarts::recalculer(sc, facts, plan, &noms);
    if ecarts.ecarts.is_empty() {
        let _ = writeln!(out, "Aucun écart.");
    } else {
        let _ = writeln!(
            out,
            "Écarts ({}), du plus lourd au plus léger :",
            ecarts.ecarts.len()
        );
        for e in &ecarts.ecarts {
            let _ = writeln!(
                out,
                "  - {} — {}, {} : {} — {}",
                e.libelle, e.quoi, e.quand, e.manque, e.cause
            );
        }
    }
    if !ecarts.informations.is_empty() {
        let _ = writeln!(out, "À savoir ({}) :", ecarts.informations.len());
        for e in &ecarts.informations {
            let _ = writeln!(
                out,
                "  - {} — {}, {} : {} — {}",
                e.libelle, e.quoi, e.quand, e.manque, e.cause
            );
        }
    }
    let _ = writeln!(out, "Heures par salarié·e (planifiées / visées) :");
    for (i, s) in sc.salaries.iter().enumerate() {
        let planned: f64 = plan
            .affectations
            .iter()
            .filter(|a| a.personne == s.id)
            .map(|a| a.hours())
            .sum();
        let target: f64 = facts.salarie_weeks[i].iter().map(|w| w.target).sum();
        let _ = writeln!(
            out,
            "  {:<24} {:>6} / {:>6}",
            noms.of(&s.id),
            crate::report::fmt_num((planned * 100.0).round() / 100.0),
            crate::report::fmt_num((target * 100.0).round() / 100.0)
        );
    }
    out
}
