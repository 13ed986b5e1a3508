use crate::diag::{Error, Result};
use crate::format::plan::{Plan, Statut, TypeAffectation};
use crate::kernel::{self, Options, Stats};
use crate::model::Facts;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
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
    pub(crate) vues: super::rapport::Vues,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    run_replan(args, None)
}

/// `regie replanifier`: the published plan and the last frozen day, given on the command line
/// (they replace the scenario's `replanification` block).
#[derive(Debug, clap::Args)]
pub(crate) struct ReplanArgs {
    #[command(flatten)]
    pub planifier: Args,
    /// Plan déjà publié (JSON), à changer le moins possible
    #[arg(
        long = "plan",
        value_name = "PUBLIE",
        required_unless_present = "registre",
        conflicts_with = "registre"
    )]
    pub plan: Option<PathBuf>,
    /// Prend le plan publié de la semaine (même régie, même début) dans ce registre
    #[arg(long, value_name = "FICHIER")]
    pub registre: Option<PathBuf>,
    /// Dernier jour figé (AAAA-MM-JJ) : les éléments publiés de ce jour et des jours d'avant
    /// sont gardés tels quels
    #[arg(long, value_name = "DATE")]
    pub figer_jusqu_au: Option<chrono::NaiveDate>,
}

pub(crate) fn run_replanifier(args: &ReplanArgs) -> Result<ExitCode> {
    let source = match (&args.plan, &args.registre) {
        (Some(p), _) => Publie::Fichier(p),
        (None, Some(r)) => Publie::Registre(r),
        (None, None) => {
            return Err(Error::Other(
                "indiquez le plan publié : --plan PUBLIE ou --registre FICHIER".into(),
            ));
        }
    };
    run_replan(&args.planifier, Some((source, args.figer_jusqu_au)))
}

/// Where `replanifier` reads the published plan.
#[derive(Clone, Copy)]
enum Publie<'a> {
    Fichier(&'a PathBuf),
    /// The registre's current version of the week (same régie, same first day).
    Registre(&'a PathBuf),
}

/// The published plan's items of the week of `sc` in the registre, and how to name it.
fn from_registre(
    sc: &crate::format::scenario::Scenario,
    path: &Path,
) -> Result<(String, Vec<crate::format::plan::Affectation>)> {
    let reg = crate::registre::Registre::ouvrir(path, false)?;
    let semaine = reg.semaine(
        Some(&sc.regie.nom),
        crate::registre::Choix::Debut(sc.periode.debut),
    )?;
    Ok((semaine.nom(), semaine.lire_plan()?.affectations))
}

/// Sets the scenario's re-planning from the command line: the published plan's items and the
/// last frozen day, both checked against the period.
pub(crate) fn set_replanification(
    sc: &mut crate::format::scenario::Scenario,
    plan: &Path,
    figer: Option<chrono::NaiveDate>,
) -> Result<()> {
    let publie = crate::check::read_plan_for(plan, sc)?.affectations;
    set_published(sc, &plan.display().to_string(), publie, figer)
}

/// [`set_replanification`] with the items already read; `shown` names the published plan.
fn set_published(
    sc: &mut crate::format::scenario::Scenario,
    shown: &str,
    publie: Vec<crate::format::plan::Affectation>,
    figer: Option<chrono::NaiveDate>,
) -> Result<()> {
    let days = crate::model::calendar::period_days(sc);
    let (debut, fin) = (
        sc.periode.debut,
        days.last().copied().unwrap_or(sc.periode.debut),
    );
    if let Some(d) = figer
        && !days.contains(&d)
    {
        return Err(Error::Other(format!(
            "--figer-jusqu-au {d} : hors de la période du scénario (du {debut} au {fin})"
        )));
    }
    if let Some(it) = publie.iter().find(|it| !days.contains(&it.date)) {
        return Err(Error::Other(format!(
            "le plan publié « {shown} » a un élément du {} hors de la période du scénario (du {debut} au {fin})",
            it.date
        )));
    }
    sc.replanification = Some(crate::format::scenario::Replanification {
        plan: shown.to_owned(),
        figer_jusqu_au: figer,
        publie,
    });
    Ok(())
}

fn run_replan(
    args: &Args,
    replan: Option<(Publie, Option<chrono::NaiveDate>)>,
) -> Result<ExitCode> {
    use crate::io::Fichier;
    let mut sorties = vec![Fichier::new("-o", &args.sortie)];
    sorties.extend(args.vues.fichiers());
    let mut entrees = vec![Fichier::new("scénario", &args.scenario)];
    match replan {
        Some((Publie::Fichier(p), _)) => entrees.push(Fichier::new("--plan", p)),
        Some((Publie::Registre(r), _)) => entrees.push(Fichier::new("--registre", r)),
        None => {}
    }
    crate::io::check_distinct(&entrees, &sorties)?;
    super::check_limite(args.limite_secondes)?;
    let mut loaded = crate::model::load::load_scenario(&args.scenario)?;
    for w in &loaded.warnings {
        crate::stderr_line!("{w}");
    }
    match replan {
        Some((Publie::Fichier(p), figer)) => set_replanification(&mut loaded.scenario, p, figer)?,
        Some((Publie::Registre(r), figer)) => {
            let (shown, items) = from_registre(&loaded.scenario, r)?;
            set_published(&mut loaded.scenario, &shown, items, figer)?;
        }
        None => {
            // The scenario's own block: its published plan is an input too.
            if let Some(r) = &loaded.scenario.replanification {
                let dir = args.scenario.parent().unwrap_or(Path::new(""));
                let publie = dir.join(&r.plan);
                crate::io::check_distinct(
                    &[Fichier::new("replanification.plan", &publie)],
                    &sorties,
                )?;
            }
        }
    }
    let sc = &loaded.scenario;
    let mut entrees_vues = entrees.clone();
    entrees_vues.push(Fichier::new("-o", &args.sortie));
    super::rapport::check_ics(sc, &args.vues, &entrees_vues)?;
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
    super::developer_switches(&mut opts);
    let outcome = kernel::plan(sc, &facts, &opts);
    let json = plan_json(&outcome.plan)?;
    crate::io::write_atomic(&args.sortie, json.as_bytes())?;
    // Files first: a closed stdout must not lose them.
    let written = super::rapport::write_views(sc, &outcome.plan, &args.vues, false, &entrees_vues)?;
    let mut out = summary(sc, &facts, &outcome.plan, &outcome.stats);
    out.push_str(&format!("Plan écrit dans {}\n", args.sortie.display()));
    out.push_str(&written);
    crate::io::print(&out)?;
    Ok(exit_code(&outcome.plan))
}

/// Exit code of `planifier` when a plan was written: 0 when every fixed item is kept,
/// [`EXIT_CONFLITS`] when some are left out (`conflit` écarts). (1: no plan, an error; 2: a
/// wrong command line.)
pub(crate) fn exit_code(plan: &Plan) -> ExitCode {
    if plan
        .ecarts
        .iter()
        .any(|e| e.type_ == crate::format::plan::TypeEcart::Conflit)
    {
        ExitCode::from(EXIT_CONFLITS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `planifier` wrote a plan that leaves fixed items out (each one a `conflit` écart).
pub(crate) const EXIT_CONFLITS: u8 = 3;

/// The plan file's text: pretty JSON, keys in the spec's order, a final newline.
pub(crate) fn plan_json(plan: &Plan) -> Result<String> {
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
    let mut out = String::new();
    summary_solve(&mut out, plan, stats);
    summary_plan(&mut out, facts, plan);
    let noms = crate::report::Noms::new(sc, false);
    summary_ecarts(&mut out, sc, facts, plan, &noms);
    out.push_str(&changes_text(sc, plan));
    summary_hours(&mut out, sc, facts, plan, &noms);
    out
}

/// How the solve went: status, model size, column generation and neighbourhood search.
fn summary_solve(out: &mut String, plan: &Plan, stats: &Stats) {
    use std::fmt::Write;
    let statut = match plan.statut {
        Statut::Optimal => "optimal".to_owned(),
        Statut::Realisable => match plan.borne.filter(|b| *b > 0.0) {
            Some(b) => format!("réalisable (écart {:.2} %, borne {b})", stats.gap * 100.0),
            None => "réalisable (pas de borne prouvée dans le temps donné)".to_owned(),
        },
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
            "Colonnes journées : {} voisinages ({} améliorations), {} colonnes, {} ({:.1} s)",
            c.redives,
            c.improvements,
            c.columns,
            if let Some(needs) = c.needs_seconds {
                format!(
                    "borne non calculée : il lui faudrait environ {needs:.0} s, plus que la limite de temps ne lui laisse"
                )
            } else if c.rounds == 0 {
                "borne non calculée (semaine trop grande)".to_owned()
            } else if c.bound <= 0.0 && !c.converged {
                format!(
                    "pas encore de borne après {} tours (génération non terminée : plus de temps la donne)",
                    c.rounds
                )
            } else {
                format!(
                    "borne {:.1}{} en {} tours",
                    c.bound,
                    if c.converged { " (prouvée)" } else { "" },
                    c.rounds
                )
            },
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
}

/// Conflicts, the cost by term, production and rdv planned.
fn summary_plan(out: &mut String, facts: &Facts, plan: &Plan) {
    use std::fmt::Write;
    let conflits = plan
        .ecarts
        .iter()
        .filter(|e| e.type_ == crate::format::plan::TypeEcart::Conflit)
        .count();
    if conflits > 0 {
        let _ = writeln!(
            out,
            "Conflits : {conflits} élément(s) fixe(s) laissé(s) de côté (voir les écarts « Conflit ») ; tout le reste est planifié"
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
        crate::texte::fmt_num(delivered),
        crate::texte::fmt_num(demanded)
    );
    let rdv = plan
        .affectations
        .iter()
        .filter(|a| a.type_ == TypeAffectation::RdvCip)
        .count();
    let _ = writeln!(out, "Rendez-vous CIP planifiés : {rdv}");
}

/// The shortfalls, ranked, and the information lines.
fn summary_ecarts(
    out: &mut String,
    sc: &crate::format::scenario::Scenario,
    facts: &Facts,
    plan: &Plan,
    noms: &crate::report::Noms,
) {
    use std::fmt::Write;
    let ecarts = crate::report::ecarts::recalculer(sc, facts, plan, noms);
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
}

/// Hours per salarié·e, planned against the target.
fn summary_hours(
    out: &mut String,
    sc: &crate::format::scenario::Scenario,
    facts: &Facts,
    plan: &Plan,
    noms: &crate::report::Noms,
) {
    use std::fmt::Write;
    let _ = writeln!(out, "Heures par salarié·e (planifiées / visées) :");
    for (i, s) in sc.salaries.iter().enumerate() {
        let planned = plan.hours_of(&s.id);
        let target: f64 = facts.salarie_weeks[i].iter().map(|w| w.target).sum();
        let _ = writeln!(
            out,
            "  {:<24} {:>6} / {:>6}",
            noms.of(&s.id),
            crate::texte::fmt_h(planned),
            crate::texte::fmt_h(target)
        );
    }
}

/// Re-planning: who changes what from the published plan (empty without `replanification`).
pub(crate) fn changes_text(sc: &crate::format::scenario::Scenario, plan: &Plan) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let Some(r) = &sc.replanification else {
        return out;
    };
    let (removed, added) = crate::check::changements(sc, &plan.affectations);
    let fige = r
        .figer_jusqu_au
        .map(|d| format!(", jours figés jusqu'au {d} inclus"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Changements par rapport au plan publié{fige} : {} ({} retiré(s), {} ajouté(s))",
        removed.len() + added.len(),
        removed.len(),
        added.len()
    );
    let mut by_person: std::collections::BTreeMap<&str, Vec<(chrono::NaiveDate, String)>> =
        Default::default();
    for (sign, list) in [("−", &removed), ("+", &added)] {
        for it in list.iter() {
            by_person.entry(it.personne.as_str()).or_default().push((
                it.date,
                format!("{sign} {} {}", it.date, crate::check::describe_item(it)),
            ));
        }
    }
    for (p, mut lines) in by_person {
        lines.sort();
        let lines: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
        let _ = writeln!(out, "  {p} : {}", lines.join(" ; "));
    }
    out
}
