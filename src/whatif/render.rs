//! The comparison table as aligned text (terminal), CSV and a self-contained HTML page.
//!
//! Every format reads the same column list ([`colonnes`]); CSV keeps every column under a stable
//! key (documented in `docs/simulation.md`), comma-separated, decimal point, UTF-8; the terminal
//! keeps the main columns. Numbers are rounded to 2 decimals.

use super::absence::Tampon;
use super::measure::SEUIL_FILE_CIP;
use super::{Ligne, Tableau};
use crate::format::plan::{COST_TERMS, Statut};
use crate::texte::{Cellule, esc, field_sep, fmt_dec2_point as num};
use std::fmt::Write;

/// One column: CSV key, French header, shown on the terminal, value of a row.
pub struct Colonne {
    pub(crate) cle: String,
    /// The column's title.
    pub titre: String,
    /// Shown on the terminal too.
    pub terminal: bool,
    /// A time: left out by [`csv`] with `avec_temps = false` (times differ between runs).
    pub temps: bool,
    /// Text (a name from the variants file, a word), not a number: neutralised in CSV.
    pub texte: bool,
    /// The cell of a line.
    pub valeur: Box<dyn Fn(&Ligne) -> String>,
}

fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_else(|| "—".to_owned())
}

fn statut(s: Statut) -> &'static str {
    match s {
        Statut::Optimal => "optimal",
        Statut::Realisable => "réalisable",
        Statut::SansSolution => "sans solution",
    }
}

fn col(
    cle: &str,
    titre: &str,
    terminal: bool,
    valeur: impl Fn(&Ligne) -> String + 'static,
) -> Colonne {
    Colonne {
        cle: cle.to_owned(),
        titre: titre.to_owned(),
        terminal,
        temps: false,
        texte: false,
        valeur: Box::new(valeur),
    }
}

/// A text column (see [`Colonne::texte`]).
fn texte(c: Colonne) -> Colonne {
    Colonne { texte: true, ..c }
}

/// Where the production shortfall falls: `Collecte des encombrants (existant) 16 h`, « — » when
/// nothing is short.
pub fn ou_manque(l: &Ligne) -> String {
    if l.mesures.manques.is_empty() {
        return "—".to_owned();
    }
    l.mesures
        .manques
        .iter()
        .map(|(id, nom, h)| {
            let quel = if l.chantiers_ajoutes.contains(id) {
                "nouveau"
            } else {
                "existant"
            };
            format!("{nom} ({quel}) {} h", num(*h).replace('.', ","))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Every column, in order.
pub fn colonnes() -> Vec<Colonne> {
    let mut v = colonnes_production();
    v.extend(colonnes_embauches());
    v.extend(colonnes_effectifs());
    v.extend(colonnes_couts());
    v.extend(colonnes_absences());
    let mut t = col("secondes", "Temps (s)", true, |l| {
        format!("{:.1}", l.secondes)
    });
    t.temps = true;
    v.push(t);
    v
}

/// The variant, its status, production, accompaniment and rdv.
fn colonnes_production() -> Vec<Colonne> {
    vec![
        texte(col("variante", "Variante", true, |l| l.variante.clone())),
        texte(col("statut", "Statut", true, |l| {
            statut(l.mesures.statut).to_owned()
        })),
        texte(col("verifie", "Vérifié", false, |l| {
            if l.verifie { "oui" } else { "non" }.to_owned()
        })),
        col("production_demandee_h", "Prod. demandée (h)", true, |l| {
            num(l.mesures.demandee)
        }),
        col("production_livree_h", "Prod. livrée (h)", true, |l| {
            num(l.mesures.livree)
        }),
        col("production_manque_h", "Manque (h)", true, |l| {
            num(l.mesures.manque)
        }),
        texte(col("manque_chantiers", "Où manque-t-il", true, |l| {
            ou_manque(l)
        })),
        col("accompagnement_h", "Accomp. (h)", true, |l| {
            num(l.mesures.accompagnement)
        }),
        col("rdv_planifies", "RDV CIP", true, |l| {
            l.mesures.rdv_planifies.to_string()
        }),
        col("rdv_en_retard", "RDV en retard", true, |l| {
            l.mesures.rdv_en_retard.to_string()
        }),
        col(
            "heures_sous_contrat_h",
            "Heures sous contrat (h)",
            true,
            |l| num(l.mesures.heures_sous_contrat),
        ),
    ]
}

/// What is short without hiring, and the hiring that covers it.
fn colonnes_embauches() -> Vec<Colonne> {
    vec![
        col(
            "manque_sans_embauche_h",
            "Manque sans embauche (h)",
            false,
            |l| opt(l.manque_sans_embauche),
        ),
        texte(col("embauches", "Embauches", true, |l| {
            l.embauches
                .as_ref()
                .map(|e| e.texte())
                .unwrap_or_else(|| "—".to_owned())
        })),
        col("embauches_etp", "Embauches (ETP)", true, |l| {
            l.embauches
                .as_ref()
                .map(|e| num(e.etp()))
                .unwrap_or_else(|| "—".to_owned())
        }),
        col("embauches_personnes", "Embauches (pers.)", false, |l| {
            l.embauches
                .as_ref()
                .map(|e| e.personnes().to_string())
                .unwrap_or_else(|| "—".to_owned())
        }),
        col(
            "manque_au_maximum_h",
            "Manque avec tous les maximums (h)",
            false,
            |l| match &l.embauches {
                Some(super::recruit::Embauches::Impossible { manque_au_maximum }) => {
                    num(*manque_au_maximum)
                }
                _ => "—".to_owned(),
            },
        ),
    ]
}

/// Staff and ratios.
fn colonnes_effectifs() -> Vec<Colonne> {
    vec![
        col("salaries", "Salarié·es", false, |l| {
            l.effectifs.salaries.to_string()
        }),
        col("etp_salaries", "ETP salarié·es", false, |l| {
            num(l.effectifs.etp_salaries)
        }),
        col("etp_encadrants", "ETP encadrant·es", false, |l| {
            num(l.effectifs.etp_encadrants)
        }),
        col(
            "salaries_par_etp_encadrant",
            "ETP sal./ETP enc.",
            true,
            |l| opt(l.effectifs.salaries_par_etp_encadrant),
        ),
        col("etp_cip", "ETP CIP", false, |l| num(l.effectifs.etp_cip)),
        col("suivis_par_etp_cip", "Suivis/ETP CIP", true, |l| {
            let v = opt(l.effectifs.file_par_etp_cip);
            if l.effectifs.alerte_cip() {
                format!("{v} !")
            } else {
                v
            }
        }),
        texte(col("alerte_cip", "Alerte CIP", false, |l| {
            if l.effectifs.alerte_cip() {
                "oui"
            } else {
                "non"
            }
            .to_owned()
        })),
    ]
}

/// The cost, then one column per cost term (on the terminal only with `simuler --cout`: a raw
/// cost reads as « better » or « worse », which it is only between variants of the same staff).
fn colonnes_couts() -> Vec<Colonne> {
    let mut v = vec![col("cout", "Coût", false, |l| num(l.mesures.cout))];
    for term in COST_TERMS {
        let t = term.to_owned();
        v.push(col(
            &format!("cout_{term}"),
            &format!("Coût : {}", crate::report::libelle_terme(term)),
            false,
            move |l| num(l.mesures.couts.get(&t).copied().unwrap_or(0.0)),
        ));
    }
    v
}

/// Absenteeism draws and the buffer.
fn colonnes_absences() -> Vec<Colonne> {
    vec![
        col("absences_tirages", "Tirages", false, |l| {
            l.absences
                .as_ref()
                .map(|a| a.sans_tampon.tirages.to_string())
                .unwrap_or_else(|| "—".to_owned())
        }),
        col(
            "absences_manque_moyen_h",
            "Abs. manque moyen (h)",
            true,
            |l| opt(l.absences.as_ref().map(|a| a.sans_tampon.moyenne)),
        ),
        col("absences_manque_p90_h", "Abs. manque P90 (h)", true, |l| {
            opt(l.absences.as_ref().map(|a| a.sans_tampon.p90))
        }),
        col("absences_manque_max_h", "Abs. manque max (h)", false, |l| {
            opt(l.absences.as_ref().map(|a| a.sans_tampon.max))
        }),
        col("tampon", "Tampon", true, |l| {
            match l.absences.as_ref().and_then(|a| a.tampon.as_ref()) {
                None => "—".to_owned(),
                Some(Tampon::Atteint { k, .. }) => k.to_string(),
                Some(Tampon::NonAtteint { max, .. }) => format!("> {max}"),
            }
        }),
        col("tampon_p90_h", "P90 avec tampon (h)", false, |l| {
            match l.absences.as_ref().and_then(|a| a.tampon.as_ref()) {
                None => "—".to_owned(),
                Some(Tampon::Atteint { distribution, .. }) => num(distribution.p90),
                Some(Tampon::NonAtteint { p90, .. }) => num(*p90),
            }
        }),
        col("resolutions", "Résolutions", false, |l| {
            l.resolutions.to_string()
        }),
    ]
}

/// Aligned text for the terminal (main columns, without the cost), then the legend of the flags.
pub fn terminal(t: &Tableau) -> String {
    terminal_avec(t, false)
}

/// [`terminal`], with the cost column when `cout` (`simuler --cout`).
pub fn terminal_avec(t: &Tableau, cout: bool) -> String {
    let cols: Vec<Colonne> = colonnes()
        .into_iter()
        .filter(|c| c.terminal || (cout && c.cle == "cout"))
        .collect();
    let cells: Vec<Vec<String>> = t
        .lignes
        .iter()
        .map(|l| {
            cols.iter()
                .map(|c| {
                    let v = (c.valeur)(l);
                    if c.cle == "suivis_par_etp_cip" && l.effectifs.alerte_cip() {
                        format!("{v} !")
                    } else {
                        v
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([c.titre.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "Simulation : {}", t.regie);
    let line = |row: &[String]| -> String {
        row.iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (s, w))| {
                let pad = w.saturating_sub(s.chars().count());
                // Text columns (name, status, hires) left-aligned, numbers right-aligned.
                if i == 0 || i == 1 || cols[i].cle == "embauches" {
                    format!("{s}{}", " ".repeat(pad))
                } else {
                    format!("{}{s}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let titres: Vec<String> = cols.iter().map(|c| c.titre.clone()).collect();
    let _ = writeln!(out, "{}", line(&titres));
    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let _ = writeln!(out, "{}", "-".repeat(total));
    for r in &cells {
        let _ = writeln!(out, "{}", line(r));
    }
    if t.lignes.iter().any(|l| l.effectifs.alerte_cip()) {
        let _ = writeln!(
            out,
            "« ! » : plus de {} salarié·es suivi·es par ETP de CIP (repère du guide : 20 à 25).",
            num(SEUIL_FILE_CIP)
        );
    }
    for l in &t.lignes {
        if !l.verifie {
            let _ = writeln!(
                out,
                "Attention : un plan de la variante « {} » est refusé par le vérificateur.",
                l.variante
            );
        }
        if let Some(super::recruit::Embauches::Impossible { manque_au_maximum }) = &l.embauches {
            let _ = writeln!(
                out,
                "{} : aucune embauche dans les maximums ne suffit (manque restant avec toutes les embauches : {} h).",
                l.variante,
                num(*manque_au_maximum)
            );
        }
    }
    out
}

/// CSV: a header of stable keys, one line per row; an empty field where the terminal shows
/// « — » (no such question). Without times when `avec_temps` is false. A text cell that a
/// spreadsheet would run as a formula starts with an apostrophe ([`field`]).
pub fn csv(t: &Tableau, avec_temps: bool) -> String {
    csv_dialecte(t, avec_temps, false)
}

/// The same table as CSV for a French spreadsheet opened by double-click (the default of
/// `simuler --csv`): UTF-8 with a byte order mark, `;` separator, decimal comma, French headers,
/// `\r\n` line ends; the same neutralisation of formulas.
pub fn csv_francais(t: &Tableau, avec_temps: bool) -> String {
    csv_dialecte(t, avec_temps, true)
}

/// The one CSV writer of [`csv`] (`francais` false: `,`, stable keys, `\n`, decimal point)
/// and [`csv_francais`] (`francais` true: byte order mark, `;`, French headers, `\r\n`,
/// decimal comma).
fn csv_dialecte(t: &Tableau, avec_temps: bool, francais: bool) -> String {
    let (sep, fin) = if francais { (';', "\r\n") } else { (',', "\n") };
    let cols: Vec<Colonne> = colonnes()
        .into_iter()
        .filter(|c| avec_temps || !c.temps)
        .collect();
    let mut out = String::new();
    if francais {
        out.push_str(crate::texte::BOM);
    }
    let head: Vec<String> = cols
        .iter()
        .map(|c| {
            field_sep(
                if francais { &c.titre } else { &c.cle },
                Cellule::Texte,
                sep,
            )
        })
        .collect();
    out.push_str(&head.join(&sep.to_string()));
    out.push_str(fin);
    for l in &t.lignes {
        let row: Vec<String> = cols
            .iter()
            .map(|c| {
                let v = (c.valeur)(l);
                if v == "—" {
                    String::new()
                } else if c.texte {
                    field_sep(&v, Cellule::Texte, sep)
                } else if francais {
                    field_sep(&v.replace('.', ","), Cellule::Nombre, sep)
                } else {
                    field_sep(&v, Cellule::Nombre, sep)
                }
            })
            .collect();
        out.push_str(&row.join(&sep.to_string()));
        out.push_str(fin);
    }
    out
}

/// The columns of the HTML page's main table (the others are in each row's detail).
const PRINCIPALES: [&str; 10] = [
    "production_livree_h",
    "production_manque_h",
    "manque_chantiers",
    "accompagnement_h",
    "rdv_en_retard",
    "heures_sous_contrat_h",
    "embauches",
    "salaries_par_etp_encadrant",
    "suivis_par_etp_cip",
    "absences_manque_p90_h",
];

/// A self-contained HTML page (inline style, no script): a narrow table of the main columns, the
/// variant's description under its name, and every other column in a `<details>` under each row.
pub fn html(t: &Tableau) -> String {
    let cols = colonnes();
    let main: Vec<&Colonne> = PRINCIPALES
        .iter()
        .filter_map(|k| cols.iter().find(|c| c.cle == *k))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>Simulation — {}</title>\n<style>\nbody {{ font-family: sans-serif; margin: 1.5em; max-width: 60em; }}\ntable {{ border-collapse: collapse; font-size: 0.9em; width: 100%; }}\nth, td {{ border: 1px solid #bbb; padding: 0.25em 0.5em; vertical-align: top; }}\nth {{ background: #eef; }}\ntd.n {{ text-align: right; white-space: nowrap; }}\ntr.base td {{ background: #f6f6f6; }}\ntd.alerte {{ background: #fdd; }}\n.desc {{ font-size: 0.85em; color: #333; }}\ndetails {{ margin: 0.2em 0; }}\ndetails table {{ width: auto; font-size: 0.85em; }}\n@media print {{ details > table {{ display: table; }} }}\n</style>\n</head>\n<body>\n<h1>Simulation : {}</h1>\n<p>Une ligne par variante ; la première est le scénario de base. Production en heures sur les vacations non optionnelles (équipe minimale) ; « Où manque-t-il » dit sur quel chantier, nouveau (ajouté par la variante) ou existant. Les rendez-vous en retard ne comptent pas, pour une recrue, le mois commencé avant son arrivée. Le coût de chaque variante est dans son détail : il ne se compare qu'entre variantes aux mêmes effectifs (une équipe plus petite a moins d'heures à planifier, donc souvent un coût plus bas).</p>\n<table>\n<thead><tr><th>Variante</th>",
        esc(&t.regie),
        esc(&t.regie)
    );
    for c in &main {
        let _ = write!(out, "<th>{}</th>", esc(&c.titre));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, l) in t.lignes.iter().enumerate() {
        out.push_str(if i == 0 {
            "<tr class=\"base\">"
        } else {
            "<tr>"
        });
        let _ = write!(out, "<td><b>{}</b>", esc(&l.variante));
        if let Some(d) = &l.description {
            let _ = write!(out, "<br><span class=\"desc\">{}</span>", esc(d));
        }
        out.push_str("</td>");
        for c in &main {
            let v = (c.valeur)(l);
            let alert = (c.cle == "suivis_par_etp_cip" && l.effectifs.alerte_cip())
                || (c.cle == "embauches" && v == "impossible");
            let class = match (c.texte, alert) {
                (_, true) => " class=\"alerte\"",
                (false, false) => " class=\"n\"",
                _ => "",
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&v));
        }
        out.push_str("</tr>\n");
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\"><details><summary>Détail de « {} »{}</summary><table>",
            main.len() + 1,
            esc(&l.variante),
            if l.verifie {
                ""
            } else {
                " — attention : un plan refusé par le vérificateur"
            }
        );
        for c in cols
            .iter()
            .filter(|c| !PRINCIPALES.contains(&c.cle.as_str()))
        {
            let _ = write!(
                out,
                "<tr><th>{}</th><td{}>{}</td></tr>",
                esc(&c.titre),
                if c.texte { "" } else { " class=\"n\"" },
                esc(&(c.valeur)(l))
            );
        }
        out.push_str("</table></details></td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}
