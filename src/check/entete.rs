//! What a plan file says about itself: its header (format, régie, period) against the scenario,
//! and its claims (status, bound, shortfall list `ecarts`) against what its items show. A plan
//! file is a text anyone can edit: nothing it declares is taken on trust.
//!
//! [`read_plan_for`] is the one reader of plan files for the commands that have the scenario
//! (`verifier`, `rapport semaine`, `rapport bilan`, `replanifier --plan`): a plan of another
//! régie, another period or another format is refused before anything is computed from it.
//! [`rule_declared`] checks the claims (rule 0 of `regie verifier`).

use super::{Index, Rule, Violation, close, crews, fmt_num};
use crate::diag::{Code, Diagnostic, Error, Result, Severity};
use crate::format::plan::{Ecart, PLAN_FORMAT, Plan, Statut, TypeEcart};
use crate::format::scenario::Scenario;
use crate::model::Facts;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The differences between a plan's header and the scenario: (key of the header, French
/// message). Empty when the plan is one of this scenario's week.
pub(crate) fn header_mismatches(sc: &Scenario, plan: &Plan) -> Vec<(&'static str, String)> {
    let (pp, sp) = (&plan.periode, &sc.periode);
    [
        mismatch("format", plan.format.as_str(), PLAN_FORMAT, |p, _| {
            format!("format « {p} » inconnu : ce programme lit les plans « {PLAN_FORMAT} »")
        }),
        mismatch("regie", &plan.regie, &sc.regie.nom, |p, s| {
            format!("le plan est celui de « {p} », le scénario celui de « {s} »")
        }),
        mismatch("debut", &pp.debut, &sp.debut, |p, s| {
            format!("le plan commence le {p}, la période du scénario le {s}")
        }),
        mismatch("jours", &pp.jours, &sp.jours, |p, s| {
            format!("le plan couvre {p} jour(s), la période du scénario {s} jour(s)")
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// `(key, message)` when the plan's header value `plan` differs from the scenario's `sc`; the
/// message is made from both values.
fn mismatch<T: PartialEq + ?Sized>(
    key: &'static str,
    plan: &T,
    sc: &T,
    message: fn(&T, &T) -> String,
) -> Option<(&'static str, String)> {
    (plan != sc).then(|| (key, message(plan, sc)))
}

/// Line and column (1-based) of the first `"key"` of a JSON text followed by `:`.
fn json_key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(&needle)) {
        let at = from + i;
        let after = text.get(at + needle.len()..).unwrap_or("");
        if after.trim_start().starts_with(':') {
            let before = text.get(..at).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Some((line, column));
        }
        from = at + needle.len();
    }
    None
}

/// Parses a plan's JSON text and checks its header against the scenario: a plan of another
/// régie, period or format is an error (with the file, line and key), never read further.
pub fn parse_plan_for(text: &str, file: &str, sc: &Scenario) -> Result<Plan> {
    let plan = super::parse_plan(text, file)?;
    let diags: Vec<Diagnostic> = header_mismatches(sc, &plan)
        .into_iter()
        .map(|(key, message)| {
            let pos = json_key_position(text, key);
            Diagnostic {
                severity: Severity::Erreur,
                code: Code::PlanHeaderMismatch,
                file: file.to_owned(),
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
                path: match key {
                    "debut" | "jours" => format!("periode.{key}"),
                    k => k.to_owned(),
                },
                message: format!("en-tête du plan : {message}"),
            }
        })
        .collect();
    if diags.is_empty() {
        Ok(plan)
    } else {
        Err(Error::Invalid(diags))
    }
}

/// Reads a plan file with [`parse_plan_for`].
pub(crate) fn read_plan_for(path: &Path, sc: &Scenario) -> Result<Plan> {
    let text = crate::io::read_to_string(path)?;
    parse_plan_for(&text, &path.display().to_string(), sc)
}

fn header_violation(message: String) -> Violation {
    Violation::new(Rule::Items, None, None, None, message)
}

/// A shortfall as the checker keys it: its kind, then who or what, then when.
pub(crate) type Cle = (TypeEcart, String, String);

fn decrire(c: &Cle) -> String {
    match c.0 {
        TypeEcart::Production => format!("production du chantier {} le {}", c.1, c.2),
        TypeEcart::RdvCip => format!("rendez-vous CIP de {} en {}", c.1, c.2),
        TypeEcart::Heures => format!("heures sous le contrat de {} (semaine {})", c.1, c.2),
        TypeEcart::Atelier => format!("atelier {} de {}", c.2, c.1),
        TypeEcart::Conflit => format!("conflit {} {}", c.1, c.2),
    }
}

/// Whether the quantity missing is compared (crew members, hours), or only the presence.
fn quantite_comparee(t: TypeEcart) -> bool {
    matches!(t, TypeEcart::Production | TypeEcart::Heures)
}

/// The shortfalls the items show (every kind but `conflit`, which only the planner knows), with
/// the quantity missing (crew members, hours; 0 when only the presence counts).
pub fn shortfalls(sc: &Scenario, facts: &Facts, plan: &Plan) -> BTreeMap<Cle, f64> {
    let idx = Index::new(sc);
    let items = &plan.affectations;
    let mut out: BTreeMap<Cle, f64> = BTreeMap::new();
    for (sh, crew) in facts.shifts.iter().zip(crews(&idx, facts, items)) {
        let missing = sh.min.saturating_sub(crew.size());
        if sh.optionnelle || missing == 0 {
            continue;
        }
        let Some(ch) = sc.chantiers.get(sh.chantier) else {
            continue;
        };
        *out.entry((TypeEcart::Production, ch.id.clone(), sh.date.to_string()))
            .or_default() += f64::from(missing);
    }
    let (rdv, hours) = super::costs::rdv_and_hours(facts, &idx, items);
    for (i, months) in facts.months.iter().enumerate() {
        let Some(s) = sc.salaries.get(i) else {
            continue;
        };
        for m in months {
            let done = m
                .history
                .saturating_add(rdv.get(&(i, m.month)).copied().unwrap_or(0));
            if m.target > done {
                out.insert((TypeEcart::RdvCip, s.id.clone(), m.month.label()), 0.0);
            }
        }
    }
    for (i, weeks) in facts.salarie_weeks.iter().enumerate() {
        let Some(s) = sc.salaries.get(i) else {
            continue;
        };
        for w in weeks {
            let planned = hours.get(&(i, w.week)).copied().unwrap_or(0.0);
            let diff = crate::format::plan::round6(w.target - planned);
            if diff > 0.0 {
                out.insert((TypeEcart::Heures, s.id.clone(), w.week.label()), diff);
            }
        }
    }
    for (salarie, theme) in super::costs::unmet_atelier_needs(sc, facts, items) {
        out.insert(
            (TypeEcart::Atelier, salarie.to_owned(), theme.to_owned()),
            0.0,
        );
    }
    out
}

/// The list `ecarts` a plan with these items declares, as far as the checker can tell: one line
/// per shortfall of [`shortfalls`] (reason « recalculé à partir des affectations »), then the
/// plan's own `conflit` lines. For tools and tests that edit a plan's items by hand.
pub fn ecarts_recalcules(sc: &Scenario, facts: &Facts, plan: &Plan) -> Vec<Ecart> {
    let mut out: Vec<Ecart> = shortfalls(sc, facts, plan)
        .into_iter()
        .map(|((t, a, b), q)| {
            let mut e = Ecart::new(t, "recalculé à partir des affectations".to_owned());
            match t {
                TypeEcart::Production => {
                    e.chantier = Some(a);
                    e.date = b.parse().ok();
                    e.manque = Some(q);
                }
                TypeEcart::RdvCip => {
                    e.personne = Some(a);
                    e.mois = Some(b);
                }
                TypeEcart::Heures => {
                    e.personne = Some(a);
                    e.semaine = Some(b);
                    e.manque = Some(q);
                    e.heures = Some(q);
                }
                TypeEcart::Atelier => {
                    e.personne = Some(a);
                    e.theme = Some(b);
                }
                TypeEcart::Conflit => {}
            }
            e
        })
        .collect();
    out.extend(
        plan.ecarts
            .iter()
            .filter(|e| e.type_ == TypeEcart::Conflit)
            .cloned(),
    );
    out
}

/// The shortfalls a plan file declares, keyed as [`shortfalls`] (hours above the contract and
/// conflicts left out).
fn declared(plan: &Plan) -> BTreeMap<Cle, f64> {
    let mut out: BTreeMap<Cle, f64> = BTreeMap::new();
    for e in &plan.ecarts {
        let who = e.personne.clone().unwrap_or_default();
        let (cle, q) = match e.type_ {
            TypeEcart::Production => (
                (
                    e.type_,
                    e.chantier.clone().unwrap_or_default(),
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                e.manque.unwrap_or(0.0),
            ),
            TypeEcart::RdvCip => ((e.type_, who, e.mois.clone().unwrap_or_default()), 0.0),
            TypeEcart::Heures => {
                let q = e.manque.or(e.heures).unwrap_or(0.0);
                if q <= 0.0 {
                    continue; // hours above the contract: information, not a shortfall.
                }
                ((e.type_, who, e.semaine.clone().unwrap_or_default()), q)
            }
            TypeEcart::Atelier => ((e.type_, who, e.theme.clone().unwrap_or_default()), 0.0),
            TypeEcart::Conflit => continue,
        };
        *out.entry(cle).or_default() += q;
    }
    out
}

/// Rule 0, the plan's claims: a `sans_solution` plan has no items; a bound never exceeds the
/// cost and equals it when the plan says `optimal`; the list `ecarts` is the list of
/// requirements the items leave unmet (conflicts apart). Each lie is one French line.
pub(crate) fn rule_declared(sc: &Scenario, facts: &Facts, plan: &Plan) -> Vec<Violation> {
    let mut out = Vec::new();
    match plan.statut {
        Statut::SansSolution if !plan.affectations.is_empty() => {
            out.push(header_violation(format!(
                "statut « sans_solution » mais le plan a {} affectation(s) : un plan sans solution n'en a aucune",
                plan.affectations.len()
            )));
        }
        Statut::Optimal => match plan.borne {
            Some(b) if !close(b, plan.cout) => out.push(header_violation(format!(
                "statut « optimal » mais la borne ({}) n'est pas égale au coût ({}) : l'optimalité n'est pas prouvée",
                fmt_num(b),
                fmt_num(plan.cout)
            ))),
            None => out.push(header_violation(
                "statut « optimal » sans borne : l'optimalité n'est pas prouvée".to_owned(),
            )),
            Some(_) => {}
        },
        _ => {}
    }
    if let Some(b) = plan.borne
        && b > plan.cout
        && !close(b, plan.cout)
    {
        out.push(header_violation(format!(
            "borne {} supérieure au coût {} : une borne inférieure ne peut dépasser le coût",
            fmt_num(b),
            fmt_num(plan.cout)
        )));
    }
    if plan.statut == Statut::SansSolution {
        return out;
    }
    let expected = shortfalls(sc, facts, plan);
    let declared = declared(plan);
    let keys: BTreeSet<&Cle> = expected.keys().chain(declared.keys()).collect();
    for k in keys {
        let (personne, sujet) = match k.0 {
            TypeEcart::Production => (None, Some(k.1.as_str())),
            _ => (Some(k.1.as_str()), None),
        };
        let date = match k.0 {
            TypeEcart::Production => k.2.parse().ok(),
            _ => None,
        };
        let v = Violation::about(Rule::Items, personne, sujet, date);
        match (expected.get(k), declared.get(k)) {
            (Some(r), None) => out.push(v(format!(
                "écarts du plan : {} non couvert{} mais absent de la liste « ecarts »",
                decrire(k),
                if quantite_comparee(k.0) {
                    format!(" (manque {})", fmt_num(*r))
                } else {
                    String::new()
                }
            ))),
            (None, Some(_)) => out.push(v(format!(
                "écarts du plan : {} déclaré dans « ecarts » mais couvert par les affectations",
                decrire(k)
            ))),
            (Some(r), Some(d)) if quantite_comparee(k.0) && !close(*r, *d) => out.push(v(format!(
                "écarts du plan : {} : manque déclaré {}, recalculé {}",
                decrire(k),
                fmt_num(*d),
                fmt_num(*r)
            ))),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::json_key_position;

    #[test]
    fn finds_a_key_not_a_value() {
        let t = "{\n  \"regie\": \"jours\",\n  \"periode\": {\"debut\": 1, \"jours\": 5}\n}";
        assert_eq!(json_key_position(t, "jours"), Some((3, 27)));
        assert_eq!(json_key_position(t, "regie"), Some((2, 3)));
        assert_eq!(json_key_position(t, "absent"), None);
    }
}
