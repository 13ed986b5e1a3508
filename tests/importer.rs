//! `regie importer` (docs/importer.md): the shipped scenarios written to the spreadsheet layout
//! and read back give the same scenario; a file with bad cells gets every error with its cell.

mod common;

use common::{arg, regie, succeeded};
use regie_planner::diag::Error;
use regie_planner::format::scenario::Scenario;
use regie_planner::generate::to_yaml;
use regie_planner::importer;
use regie_planner::model::load::load_scenario;
use std::path::Path;
use std::process::Output;

const SHIPPED: [&str; 4] = ["exemple", "fin-de-mois", "regie-70", "rurale"];

fn shipped(name: &str) -> Scenario {
    load_scenario(&common::shipped(name))
        .expect("scénario livré")
        .scenario
}

fn without_lists(sc: &Scenario) -> Scenario {
    let mut e = sc.clone();
    e.salaries.clear();
    e.encadrants.clear();
    e.cips.clear();
    e.chantiers.clear();
    e
}

/// `regie importer scenarios/exemple.yaml SHEET -o OUT`.
fn importer_exemple(sheet: &Path, out: &Path) -> Output {
    regie(&["importer", common::EXEMPLE, arg(sheet), "-o", arg(out)])
}

fn import(sc: &Scenario, path: &Path, liste: &str) -> Scenario {
    let feuilles = importer::lire(path, liste).expect("tableur");
    match importer::importer(sc, &feuilles) {
        Ok((s, _)) => s,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn shipped_scenarios_round_trip_through_xlsx_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in SHIPPED {
        let sc = shipped(name);
        assert!(!sc.salaries.is_empty());
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        std::fs::write(&xlsx, importer::modele_xlsx(&sc).expect("xlsx")).expect("write");
        // Into the scenario without its lists: every entry added back, in order.
        let back = import(&without_lists(&sc), &xlsx, "salaries");
        assert_eq!(to_yaml(&back), to_yaml(&sc), "{name} (xlsx)");
        // Into the scenario itself: every entry updated, nothing changed.
        let same = import(&sc, &xlsx, "salaries");
        assert_eq!(to_yaml(&same), to_yaml(&sc), "{name} (mise à jour)");
        // One list per CSV file.
        let mut partial = without_lists(&sc);
        for liste in ["salaries", "encadrants", "cips", "chantiers"] {
            let csv = dir.path().join(format!("{name}-{liste}.csv"));
            std::fs::write(&csv, importer::modele_csv(&sc, liste)).expect("write");
            partial = import(&partial, &csv, liste);
        }
        assert_eq!(to_yaml(&partial), to_yaml(&sc), "{name} (csv)");
    }
}

#[test]
fn the_command_updates_adds_and_keeps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("salaries.csv");
    // s01 gets 30 h and a new availability; s99 is new; the others are kept as they are.
    std::fs::write(
        &csv,
        "id;nom;contrat;heures_hebdo;debut_contrat;domicile;mobilite;cip;disponibilites;absences\n\
         s01;Awa D.;cddi_aci;30;01/06/2026;quartier-ouest;transports;cip-1;lun 08:00-12:00, 13:00-16:00;\n\
         s99;Zoé N.;cddi_aci;26,5;2026-11-01;quartier-nord;marche;cip-1;;\"2026-12-02..2026-12-03 (congé); 2026-12-01 14:00-17:00 (médecin)\"\n",
    )
    .expect("write");
    let out_yaml = dir.path().join("complet.yaml");
    let out = importer_exemple(&csv, &out_yaml);
    let stdout = succeeded(&out);
    assert!(
        stdout.contains(
            "salaries : 1 mis à jour, 1 ajouté(s), 11 gardé(s) sans ligne dans le tableur"
        ),
        "{stdout}"
    );
    let sc = load_scenario(&out_yaml).expect("scénario écrit").scenario;
    let s01 = sc.salaries.iter().find(|s| s.id == "s01").expect("s01");
    assert_eq!(s01.contrat.heures_hebdo, 30.0);
    // Columns the sheet does not have are kept: s01's rdv history and besoins.
    assert_eq!(s01.rdv_cip.len(), 2);
    assert_eq!(s01.besoins, ["numerique"]);
    let dispo = s01.disponibilites.as_ref().expect("disponibilités");
    assert_eq!(dispo.len(), 1);
    let s99 = sc.salaries.last().expect("s99");
    assert_eq!(s99.id, "s99");
    assert_eq!(s99.contrat.heures_hebdo, 26.5);
    assert_eq!(s99.absences.len(), 2);
    assert_eq!(s99.absences[0].motif.as_deref(), Some("congé"));
    assert_eq!(sc.salaries.len(), 13);
}

#[test]
fn every_bad_cell_is_reported_with_its_sheet_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("faux.csv");
    std::fs::write(
        &csv,
        "id;nom;contrat;heures_hebdo;debut_contrat;mobilite;disponibilites;absences;telephone\n\
         s01;Awa D.;cdd;vingt;31/02/2026;velo;lundi 8h;2026-13-01;06\n\
         s01;Awa D.;cddi_aci;26;;;;;\n\
         ;sans id;cddi_aci;26;;;;;\n\
         s98;Nouveau;cddi_aci;;;;mar 09:00-12:00;;\n",
    )
    .expect("write");
    let sc = shipped("exemple");
    let feuilles = importer::lire(&csv, "salaries").expect("csv");
    let Err(Error::Invalid(d)) = importer::importer(&sc, &feuilles) else {
        panic!("erreurs attendues");
    };
    let got: Vec<(Option<usize>, Option<usize>, String)> = d
        .iter()
        .map(|x| (x.line, x.column, x.path.clone()))
        .collect();
    let c = |l: usize, k: usize, h: &str| {
        (
            Some(l),
            Some(k),
            format!("feuille « salaries », colonne « {h} »"),
        )
    };
    assert_eq!(
        got,
        [
            c(1, 9, "telephone"),
            c(2, 3, "contrat"),
            c(2, 4, "heures_hebdo"),
            c(2, 5, "debut_contrat"),
            c(2, 6, "mobilite"),
            c(2, 7, "disponibilites"),
            c(2, 8, "absences"),
            c(3, 1, "id"),
            c(4, 1, "id"),
            c(5, 4, "heures_hebdo"),
        ],
        "{d:#?}"
    );
    assert!(
        d[2].message.contains("nombre attendu, trouvé « vingt »"),
        "{}",
        d[2]
    );
    assert!(d[1].message.contains("possibles : cddi_aci"), "{}", d[1]);
    assert!(d[7].message.contains("déjà donné plus haut"), "{}", d[7]);
    assert!(d[9].message.contains("obligatoire"), "{}", d[9]);

    // Through the command: every error on stderr, nothing written.
    let out_yaml = dir.path().join("sortie.yaml");
    let out = importer_exemple(&csv, &out_yaml);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.matches("erreur[").count(), 10, "{err}");
    assert!(
        err.contains(&format!(
            "erreur[T006]: {}:2:4: feuille « salaries », colonne « heures_hebdo »: nombre attendu, trouvé « vingt »",
            csv.display()
        )),
        "{err}"
    );
    assert!(!out_yaml.exists());

    // Cells right, references wrong (an unknown CIP): the row of the spreadsheet is named.
    let csv = dir.path().join("reference.csv");
    std::fs::write(
        &csv,
        "id;contrat;heures_hebdo;cip\ns01;cddi_aci;26;cip-1\ns97;cddi_aci;26;cip-9\n",
    )
    .expect("write");
    let out = importer_exemple(&csv, &out_yaml);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains(&format!(
            "erreur[R001]: {}:3: feuille « salaries », salaries[12].cip",
            csv.display()
        )),
        "{err}"
    );
    assert!(!out_yaml.exists());
}

#[test]
fn chantiers_with_their_vacations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("chantiers.csv");
    std::fs::write(
        &csv,
        "id;nom;activite;lieu;vacations\n\
         vitres;Vitres de la régie;nettoyage;regie;\"lun jeu 08:00 08:30 durée 02:00 équipe 1-2 optionnelle; ven 14:00 durée 03:00 équipe 2-3\"\n\
         faux;Faux;nettoyage;regie;lun 08:00 durée 3h équipe 2-3\n",
    )
    .expect("write");
    let sc = shipped("exemple");
    let feuilles = importer::lire(&csv, "chantiers").expect("csv");
    let Err(Error::Invalid(d)) = importer::importer(&sc, &feuilles) else {
        panic!("erreur attendue");
    };
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].line, d[0].column), (Some(3), Some(5)));
    assert!(d[0].message.contains("durée"), "{}", d[0]);
    // Without the bad row: the new chantier, with its two vacations.
    let text = std::fs::read_to_string(&csv).expect("read");
    let good: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&csv, good).expect("write");
    let sc = import(&sc, &csv, "chantiers");
    let c = sc.chantiers.last().expect("vitres");
    assert_eq!(c.id, "vitres");
    assert_eq!(c.vacations.len(), 2);
    assert_eq!(c.vacations[0].debuts.len(), 2);
    assert!(c.vacations[0].optionnelle);
    assert_eq!(
        (c.vacations[1].equipe.min, c.vacations[1].equipe.max),
        (2, 3)
    );
}

#[test]
fn xlsx_date_and_number_cells_are_read() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("personnel.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("salaries").expect("nom");
    for (c, h) in ["id", "contrat", "heures_hebdo", "debut_contrat", "cip"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("entête");
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(1, 0, "s96").expect("id");
    ws.write_string(1, 1, "CDDI_ACI").expect("contrat");
    ws.write_number(1, 2, 24.5).expect("heures");
    let d = ExcelDateTime::from_ymd(2026, 11, 2).expect("date");
    ws.write_datetime_with_format(1, 3, &d, &date)
        .expect("début");
    ws.write_string(1, 4, "cip-1").expect("cip");
    wb.save(&path).expect("xlsx");
    let sc = import(&shipped("exemple"), &path, "salaries");
    let s = sc.salaries.last().expect("s96");
    assert_eq!(s.id, "s96");
    assert_eq!(s.contrat.heures_hebdo, 24.5);
    assert_eq!(s.contrat.debut, Some("2026-11-02".parse().expect("date")));
}
