//! `regie simuler` on generated scenarios. `cargo bench --bench whatif`.
//!
//! Criterion measures a small simulation (the base and 3 variants of a generated 30-salarié
//! scenario). The issue's sizes are too long for criterion's 10 samples; with
//! `REGIE_BENCH_LONG=1` the bench also times, once each, and prints:
//! - 100 variants of a generated 70-salarié scenario, 0.5 s per solve, with 1 then 2 threads
//!   (target ≤ 60 s on 2 cores; the speed-up is printed);
//! - a recruitment question on that base plus a new lot, 3 profiles × 10, 1 s per solve
//!   (target ≤ 20 s).

use criterion::{Criterion, criterion_group, criterion_main};
use regie_planner::format::scenario::{Equipe, Scenario};
use regie_planner::whatif::variants::{
    Fichier, ModifVacation, SolveurSimulation, Variante, load_variants_str,
};
use regie_planner::whatif::{self, Reglages};
use std::time::{Duration, Instant};

const SEED: u64 = 7;

/// `n` variants of `base`: vacation crews +1, one departure, contract hours, a copied chantier.
fn variants(base: &Scenario, n: usize, limite: f64) -> Fichier {
    let mut v = Vec::with_capacity(n);
    let nch = base.chantiers.len().max(1);
    let ns = base.salaries.len().max(1);
    for i in 0..n {
        let mut x = Variante {
            nom: format!("v{i:03}"),
            ..Variante::default()
        };
        match i % 4 {
            0 => {
                let c = &base.chantiers[(i / 4) % nch];
                if let Some(vac) = c.vacations.first() {
                    x.modifier_vacations = vec![ModifVacation {
                        chantier: c.id.clone(),
                        vacation: 0,
                        jours: None,
                        debuts: None,
                        duree: None,
                        equipe: Some(Equipe {
                            min: vac.equipe.min + 1,
                            max: vac.equipe.max + 1,
                        }),
                        optionnelle: None,
                    }];
                }
            }
            1 => x.retirer_salaries = vec![base.salaries[i % ns].id.clone()],
            2 => {
                x.heures_hebdo
                    .insert(base.salaries[(i * 7) % ns].id.clone(), 30.0);
            }
            _ => {
                let mut c = base.chantiers[(i / 4) % nch].clone();
                c.id = format!("lot-{i}");
                x.ajouter_chantiers = vec![c];
            }
        }
        v.push(x);
    }
    Fichier {
        solveur: SolveurSimulation {
            limite_secondes: Some(limite),
            ecart_relatif: None,
        },
        variantes: v,
    }
}

fn run(base: &Scenario, f: &Fichier, threads: usize) -> f64 {
    let prepared = whatif::prepare_unlocated(base, f).expect("variants apply");
    let r = Reglages {
        limite_secondes: None,
        threads,
        progression: false,
    };
    let opts = whatif::options(base, f, &r);
    let t = Instant::now();
    let tableau = whatif::simulate(&base.regie.nom, &prepared, &opts, &r).expect("simulation");
    let s = t.elapsed().as_secs_f64();
    assert!(tableau.lignes.iter().all(|l| l.verifie));
    s
}

fn recruitment(base: &Scenario) -> String {
    let c = &base.chantiers[0];
    format!(
        r#"variantes:
  - nom: lot-recrutement
    ajouter_chantiers:
      - id: lot-halls
        activite: nettoyage
        lieu: {lieu}
        priorite: 2
        vacations:
          - {{ jours: [lun, mar, mer, jeu, ven], debuts: ["06:30", "07:00"], duree: "03:00", equipe: {{ min: 5, max: 6 }} }}
    recrutement:
      salaries:
        - {{ profil: cddi-26, max: 10, contrat: {{ type: cddi_aci, heures_hebdo: 26 }} }}
        - {{ profil: cddi-20-permis, max: 10, contrat: {{ type: cddi_aci, heures_hebdo: 20 }}, competences: [permis_b] }}
      encadrants:
        - {{ profil: eti, max: 10, heures_hebdo: 35 }}
"#,
        lieu = c.lieu
    )
}

fn long_measurements() {
    let base = regie_planner::generate::generate(70, SEED);
    let f = variants(&base, 100, 0.5);
    let t1 = run(&base, &f, 1);
    eprintln!("whatif 100 variantes × 70 salarié·es, 0,5 s par résolution, 1 fil : {t1:.1} s");
    let t2 = run(&base, &f, 2);
    eprintln!(
        "whatif 100 variantes × 70 salarié·es, 0,5 s par résolution, 2 fils : {t2:.1} s (accélération {:.2})",
        t1 / t2
    );
    let text = recruitment(&base);
    let fr = load_variants_str(&text, "bench").expect("recruitment variants");
    let prepared = whatif::prepare_unlocated(&base, &fr).expect("apply");
    let r = Reglages {
        limite_secondes: Some(1.0),
        threads: 2,
        progression: false,
    };
    let opts = whatif::options(&base, &fr, &r);
    let t = Instant::now();
    let tab = whatif::simulate(&base.regie.nom, &prepared, &opts, &r).expect("simulation");
    let s = t.elapsed().as_secs_f64();
    let l = &tab.lignes[1];
    eprintln!(
        "recrutement 3 profils × 10 sur 70 salarié·es, 1 s par résolution, 2 fils : {s:.1} s ; manque sans embauche {} h ; réponse {} ; {} résolutions",
        l.manque_sans_embauche.unwrap_or(0.0),
        l.embauches.as_ref().map(|e| e.texte()).unwrap_or_default(),
        l.resolutions
    );
}

fn bench_whatif(c: &mut Criterion) {
    if std::env::var_os("REGIE_BENCH_LONG").is_some() {
        long_measurements();
    }
    let base = regie_planner::generate::generate(30, SEED);
    let f = variants(&base, 3, 0.5);
    let mut g = c.benchmark_group("whatif");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(5));
    for threads in [1, 2] {
        g.bench_function(format!("30_salaries_3_variantes_{threads}_fils"), |b| {
            b.iter(|| run(&base, &f, threads))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_whatif);
criterion_main!(benches);
