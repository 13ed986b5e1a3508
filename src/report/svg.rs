//! Inline SVG bar charts: horizontal, stacked, with optional threshold lines. No JavaScript; the
//! series differ by grey level as well as by hue, and every bar carries its total as text, so a
//! black-and-white print still reads.

use crate::texte::{esc, fmt_h};
use std::fmt::Write;

/// One stacked series: a legend label, a fill colour, one value per bar.
#[derive(Debug, Clone)]
pub(crate) struct Serie {
    /// Legend label.
    pub nom: String,
    /// Fill colour (CSS colour).
    pub couleur: &'static str,
    /// One value per bar, in the bars' order.
    pub valeurs: Vec<f64>,
}

/// A vertical line at `valeur` with its label (e.g. the CIP caseload thresholds 25 and 30).
#[derive(Debug, Clone)]
pub(crate) struct Seuil {
    /// Position of the line, in the chart's unit.
    pub valeur: f64,
    /// Label printed by the line.
    pub nom: String,
}

/// Labels longer than this are shortened with « … » (the whole label stays in a tooltip).
const LABEL_MAX: usize = 48;
/// Average width of a character at font-size 11 (sans-serif), pixels.
const CHAR_W: f64 = 6.3;
const BAR_W: f64 = 520.0;
const ROW_H: f64 = 18.0;

/// A horizontal stacked bar chart. `unite` follows each total (`h`, `%`, ``).
pub(crate) fn barres(
    titre: &str,
    labels: &[String],
    series: &[Serie],
    seuils: &[Seuil],
    unite: &str,
) -> String {
    let totals: Vec<f64> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.valeurs.get(i).copied().unwrap_or(0.0).max(0.0))
                .sum()
        })
        .collect();
    let max = totals
        .iter()
        .copied()
        .chain(seuils.iter().map(|s| s.valeur))
        .fold(0.0_f64, f64::max);
    let scale = if max > 0.0 { BAR_W / max } else { 0.0 };
    let legend_h = 22.0;
    let height = legend_h + ROW_H * labels.len() as f64 + 20.0;
    // The label column is as wide as the longest (shortened) label, so none is cut.
    let shown: Vec<String> = labels.iter().map(|l| raccourci(l)).collect();
    let longest = shown.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let label_w = (longest as f64 * CHAR_W + 12.0).max(80.0);
    let width = label_w + BAR_W + 70.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<figure class="graphe"><figcaption>{}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="11">"#,
        esc(titre),
        esc(titre)
    );
    // Legend.
    let mut x = label_w;
    for s in series {
        let _ = write!(
            o,
            r##"<rect x="{x}" y="4" width="12" height="12" fill="{}" stroke="#000" stroke-width="0.5"/><text x="{}" y="14">{}</text>"##,
            s.couleur,
            x + 16.0,
            esc(&s.nom)
        );
        x += 24.0 + 6.5 * s.nom.chars().count() as f64;
    }
    let g = Graphe {
        label_w,
        scale,
        series,
        unite,
    };
    for (i, label) in labels.iter().enumerate() {
        let y = legend_h + ROW_H * i as f64;
        let bar = Barre {
            label,
            shown: &shown[i],
            total: totals[i],
        };
        ligne(&mut o, &g, &bar, i, y);
    }
    let bottom = legend_h + ROW_H * labels.len() as f64;
    for s in seuils {
        let x = label_w + s.valeur * scale;
        let _ = write!(
            o,
            r##"<line x1="{x:.1}" y1="{legend_h}" x2="{x:.1}" y2="{bottom}" stroke="#000" stroke-dasharray="4 3"/><text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"##,
            bottom + 14.0,
            esc(&s.nom)
        );
    }
    o.push_str("</svg></figure>\n");
    o
}

/// `l` shortened to [`LABEL_MAX`] characters with « … ».
fn raccourci(l: &str) -> String {
    if l.chars().count() > LABEL_MAX {
        let mut t: String = l.chars().take(LABEL_MAX - 1).collect();
        t.push('…');
        t
    } else {
        l.to_owned()
    }
}

/// One bar's label as given and as shown, and its total.
struct Barre<'a> {
    label: &'a str,
    shown: &'a str,
    total: f64,
}

/// What every row of one chart shares: the label column's width, pixels per unit, the series
/// and the unit.
struct Graphe<'a> {
    label_w: f64,
    scale: f64,
    series: &'a [Serie],
    unite: &'a str,
}

/// Row `i` of the chart at height `y`: its label, one rectangle per series, its total.
fn ligne(o: &mut String, g: &Graphe, bar: &Barre, i: usize, y: f64) {
    let (label_w, scale, series, unite) = (g.label_w, g.scale, g.series, g.unite);
    let _ = write!(
        o,
        r#"<text x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
        label_w - 6.0,
        y + 12.0,
        esc(bar.label),
        esc(bar.shown)
    );
    let mut x = label_w;
    for s in series {
        let v = s.valeurs.get(i).copied().unwrap_or(0.0).max(0.0);
        let w = v * scale;
        if w > 0.0 {
            let _ = write!(
                o,
                r##"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}" stroke="#000" stroke-width="0.5"><title>{} : {} {}</title></rect>"##,
                y + 2.0,
                ROW_H - 4.0,
                s.couleur,
                esc(&s.nom),
                fmt_h(v),
                esc(unite)
            );
        }
        x += w;
    }
    let _ = write!(
        o,
        r#"<text x="{:.1}" y="{}">{} {}</text>"#,
        x + 4.0,
        y + 12.0,
        fmt_h(bar.total),
        esc(unite)
    );
}

#[cfg(test)]
mod tests {
    use super::{CHAR_W, Serie, barres};

    /// The x of the first label's anchor (its right end) in the chart.
    fn anchor(svg: &str) -> f64 {
        let at = svg.find("text-anchor=\"end\"").expect("label");
        let x = &svg[svg[..at].rfind("x=\"").expect("x") + 3..];
        x[..x.find('"').expect("end")].parse().expect("number")
    }

    #[test]
    fn long_labels_fit_left_of_the_bars_and_very_long_ones_are_shortened() {
        let serie = |n: usize| Serie {
            nom: "Production".to_owned(),
            couleur: "#888",
            valeurs: vec![1.0; n],
        };
        let long = "Entretien des halls, Résidence Les Acacias".to_owned();
        let svg = barres("Heures", std::slice::from_ref(&long), &[serie(1)], &[], "h");
        // The right end of the label minus its width stays inside the picture.
        assert!(
            anchor(&svg) - long.chars().count() as f64 * CHAR_W >= 0.0,
            "{svg}"
        );
        let tres_long = format!("{long} et ses parkings souterrains (lot 2)");
        let svg = barres(
            "Heures",
            std::slice::from_ref(&tres_long),
            &[serie(1)],
            &[],
            "h",
        );
        assert!(svg.contains(&format!("<title>{tres_long}</title>")));
        assert!(svg.contains(">Entretien des halls, Résidence Les Acacias et s…</text>"));
        assert!(anchor(&svg) - 48.0 * CHAR_W >= 0.0);
    }
}
