//! Reading a plan file (errors in French with line and column) and the text report of
//! `regie verifier`.

use super::Report;
use crate::diag::{Diagnostic, Error, Result, Severity};
use crate::format::plan::{COST_TERMS, Plan};
use std::path::Path;

pub use crate::texte::fmt_num;

/// Reads and parses a plan file.
pub fn read_plan(path: &Path) -> Result<Plan> {
    let text = crate::io::read_to_string(path)?;
    parse_plan(&text, &path.display().to_string())
}

/// Parses a plan's JSON text; `file` names it in the error (with line, column and item path).
pub fn parse_plan(text: &str, file: &str) -> Result<Plan> {
    let err = |path: String, e: serde_json::Error| {
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Erreur,
            file: file.to_owned(),
            line: Some(e.line()),
            column: Some(e.column()),
            path: if path == "." { String::new() } else { path },
            message: french_json_error(&e),
        }])
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        err(path, e.into_inner())
    })?;
    de.end().map_err(|e| err(String::new(), e))?;
    Ok(plan)
}

/// serde_json's message, translated for the common cases.
fn french_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let raw = e.to_string();
    // serde_json appends " at line L column C": the diagnostic already says where.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    let quoted = |prefix: &str| {
        raw.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('`'))
            .and_then(|r| r.split('`').next())
            .map(str::to_owned)
    };
    if let Some(k) = quoted("unknown field ") {
        return format!("clé inconnue « {k} »");
    }
    if let Some(k) = quoted("missing field ") {
        return format!("clé obligatoire « {k} » absente");
    }
    if let Some(k) = quoted("unknown variant ") {
        return format!("valeur « {k} » inconnue");
    }
    if let Some(k) = quoted("duplicate field ") {
        return format!("clé « {k} » en double");
    }
    match e.classify() {
        Category::Syntax => format!("JSON invalide ({raw})"),
        Category::Eof => "fin de fichier inattendue (JSON incomplet)".to_owned(),
        Category::Data => format!("valeur invalide ({raw})"),
        Category::Io => format!("lecture impossible ({raw})"),
    }
}

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
