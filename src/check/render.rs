//! The text report of `regie verifier`. (Reading a plan file is [`crate::format::plan`]'s.)

use super::Report;
use crate::format::plan::{COST_TERMS, Plan};
pub use crate::format::plan::{parse_plan, read_plan};

pub(crate) use crate::texte::fmt_num;

/// The text report: one line per violation, the cost table, the cost differences, then one
/// verdict line.
pub fn render_report(report: &Report, plan: &Plan) -> String {
    let mut s = String::new();
    for v in &report.violations {
        s.push_str(&crate::texte::terminal(&v.line()));
        s.push('\n');
    }
    s.push_str(&format!(
        "{:<24} {:>14} {:>14}\n",
        "coût", "déclaré", "recalculé"
    ));
    for term in COST_TERMS {
        let declared = plan
            .couts
            .get(term)
            .map_or("absent".to_owned(), |&x| fmt_num(x));
        let computed = fmt_num(report.costs.get(term).copied().unwrap_or(0.0));
        s.push_str(&format!("{term:<24} {declared:>14} {computed:>14}\n"));
    }
    s.push_str(&format!(
        "{:<24} {:>14} {:>14}\n",
        "total",
        fmt_num(plan.cout),
        fmt_num(report.cost)
    ));
    for m in &report.cost_mismatch {
        s.push_str(&format!("écart — {}\n", crate::texte::terminal(m)));
    }
    let cost = if report.cost_mismatch.is_empty() {
        format!("coût {} vérifié", fmt_num(report.cost))
    } else {
        format!(
            "coût déclaré {} ≠ recalculé {} ({} écart(s))",
            fmt_num(plan.cout),
            fmt_num(report.cost),
            report.cost_mismatch.len()
        )
    };
    if report.ok() {
        s.push_str(&format!(
            "Plan conforme : aucune règle enfreinte, {cost}.\n"
        ));
    } else {
        s.push_str(&format!(
            "Plan non conforme : {} infraction(s), {cost}.\n",
            report.violations.len()
        ));
    }
    s
}
