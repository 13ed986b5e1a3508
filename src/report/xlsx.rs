//! Shared XLSX helpers: typed cells (dates, times) and the page setup every sheet gets (A4
//! landscape, one page wide, header row frozen, repeated on every printed page, régie and date of
//! issue in the page header).

use crate::diag::Result;
use crate::texte::xerr;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// A new workbook whose creation date is `jour` at midnight rather than the moment it is
/// written, so that the same plan gives the same bytes.
pub(crate) fn classeur(jour: NaiveDate) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(
        u16::try_from(jour.year()).unwrap_or(2000),
        u8::try_from(jour.month()).unwrap_or(1),
        u8::try_from(jour.day()).unwrap_or(1),
    )
    .map_err(xerr)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    Ok(wb)
}

/// Writes the bold header row `cols` and sets the page up (see the module's doc).
pub(crate) fn entete(
    ws: &mut Worksheet,
    cols: &[&str],
    regie: &str,
    edition: Option<&str>,
) -> Result<()> {
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xerr)?;
    }
    mise_en_page(ws, regie, edition, 1)
}

/// Page setup: A4 landscape, one page wide, the first `rows` rows frozen and repeated.
pub(crate) fn mise_en_page(
    ws: &mut Worksheet,
    regie: &str,
    edition: Option<&str>,
    rows: u32,
) -> Result<()> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    if rows > 0 {
        ws.set_freeze_panes(rows, 0).map_err(xerr)?;
        ws.set_repeat_rows(0, rows - 1).map_err(xerr)?;
    }
    // `&` starts a code in Excel's page headers: doubled to print as itself.
    let regie = regie.replace('&', "&&");
    let header = match edition {
        Some(e) => format!("&L{regie}&RÉdité le {}", e.replace('&', "&&")),
        None => format!("&L{regie}"),
    };
    ws.set_header(header);
    ws.set_footer("&CPage &P / &N");
    Ok(())
}

/// A date cell (`jj/mm/aaaa`), a real date a spreadsheet can filter by month.
pub(crate) fn date(ws: &mut Worksheet, r: u32, c: u16, d: NaiveDate) -> Result<()> {
    let fmt = Format::new().set_num_format("dd/mm/yyyy");
    let (Ok(y), Ok(m), Ok(j)) = (
        u16::try_from(d.year()),
        u8::try_from(d.month()),
        u8::try_from(d.day()),
    ) else {
        return ws
            .write_string(r, c, d.to_string())
            .map(|_| ())
            .map_err(xerr);
    };
    let dt = ExcelDateTime::from_ymd(y, m, j).map_err(xerr)?;
    ws.write_datetime_with_format(r, c, &dt, &fmt)
        .map_err(xerr)?;
    Ok(())
}

/// A time cell (`hh:mm`) from minutes since midnight.
pub(crate) fn heure(ws: &mut Worksheet, r: u32, c: u16, minutes: u32) -> Result<()> {
    let fmt = Format::new().set_num_format("hh:mm");
    let (Ok(h), Ok(m)) = (u16::try_from(minutes / 60), u8::try_from(minutes % 60)) else {
        return Ok(());
    };
    let dt = ExcelDateTime::from_hms(h, m, 0).map_err(xerr)?;
    ws.write_datetime_with_format(r, c, &dt, &fmt)
        .map_err(xerr)?;
    Ok(())
}
