//! Unit tests of the progress spreadsheet reader and its import.
use std::io::Write as _;

use super::cells::{Cell, Sheet, cell_at, date, letter, percent, text};
use super::csv::read_csv;
use super::layout::{Layout, normalize};
use super::xlsx::cell_of;
use super::*;
use crate::ops::{self, Context, Op};
use crate::store::Store;

fn csv_sheet(text: &str) -> Sheet {
    read_csv(text.as_bytes()).expect("csv")
}

fn cells_of(s: &Sheet, i: usize) -> &[(usize, Cell)] {
    &s.rows[i].cells
}

#[test]
fn csv_quotes_delimiters_encodings_and_row_numbers() {
    let s = csv_sheet(
        "acuerdo,avance\r\n\"A/1\",\"Se envió el oficio, con anexos\"\r\n\r\n\"A/2\",\"dos\nlíneas\"\r\nA/3,tres\r\n",
    );
    assert_eq!(s.header_row, 1);
    assert_eq!(s.headers, ["acuerdo", "avance"]);
    let rows: Vec<usize> = s.rows.iter().map(|r| r.number).collect();
    assert_eq!(rows, [2, 4, 5], "a blank line is a row; a quoted line break is not");
    assert_eq!(*cell_at(cells_of(&s, 0), 1), Cell::Text("Se envió el oficio, con anexos".into()));
    let semi = csv_sheet("\u{feff}Acuerdo;Porcentaje\nA/1;40,5\n");
    assert_eq!(semi.headers[0], "Acuerdo", "BOM stripped");
    assert_eq!(*cell_at(cells_of(&semi, 0), 1), Cell::Text("40,5".into()));
    let latin = read_csv(b"acuerdo,instituci\xf3n\nA/1,Comisi\xf3n\n").expect("cp1252");
    assert_eq!(latin.headers[1], "institución");
    assert_eq!(*cell_at(cells_of(&latin, 0), 1), Cell::Text("Comisión".into()));
    assert!(read_csv(b"\n\n").is_err());
}

#[test]
fn a_csv_mixing_utf8_and_windows_1252_is_refused_at_its_first_bad_row() {
    let mut bytes =
        "acuerdo,fecha,avance\nA/1,2024-03-08,Comisión\n\"A/2\",2024-03-09,\"dos\nlíneas\"\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"A/3,2024-03-10,Instituci\xf3n\nA/4,2024-03-11,Comisi\xf3n\n");
    let p = read_csv(&bytes).expect_err("mixed");
    assert_eq!(p.row, 4, "the quoted line break is not a row: {p:?}");
    assert!(
        p.message.starts_with("la fila 4 no es UTF-8 válido (el byte 0xF3, que en Windows-1252 sería «ó»)"),
        "{p:?}"
    );
    assert!(p.message.contains("(p. ej. «Comisión»)") && p.message.contains("«CSV UTF-8"), "{p:?}");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
    assert_eq!(read_csv(&with_bom).expect_err("mixed").row, 4);
}

#[test]
fn headers_and_letters() {
    assert_eq!(normalize(" Tipo de Evidencia "), "tipo_evidencia");
    assert_eq!(normalize("INSTITUCIÓN"), "institucion");
    assert_eq!(normalize("tipo-evidencia"), "tipo_evidencia");
    let letters: Vec<String> = [0, 3, 25, 26, 27, 701, 16_383].into_iter().map(letter).collect();
    assert_eq!(letters, ["A", "D", "Z", "AA", "AB", "ZZ", "XFD"]);
    let missing = Layout::of(&csv_sheet("fecha,Avance,notas\n2024-03-01,x,y\n")).expect_err("missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].row, 1);
    assert!(missing[0].message.starts_with("falta la columna obligatoria «acuerdo»;"), "{missing:?}");
    assert!(missing[0].message.ends_with("esta fila tiene «fecha», «Avance», «notas»"), "{missing:?}");
    let twice = Layout::of(&csv_sheet("acuerdo,fecha,avance,Fecha\n")).expect_err("twice");
    assert!(twice[0].message.contains("dos veces"));
}

#[test]
fn cell_values() {
    let t = |s: &str| Cell::Text(s.into());
    assert_eq!(percent(&t("40 %")), Ok(Some(40)));
    assert_eq!(percent(&Cell::Number(100.0)), Ok(Some(100)));
    assert_eq!(percent(&t("120")), Ok(Some(120)), "the store says why 120 is wrong");
    let fraction = percent(&Cell::Number(0.4)).unwrap_err();
    assert!(fraction.contains("si quiso decir 40 %, escriba 40 o dé a la celda formato de porcentaje"), "{fraction}");
    assert_eq!(percent(&Cell::Percent(1.0)), Ok(Some(100)), "100 % is stored as 1");
    assert_eq!(percent(&Cell::Percent(0.4)), Ok(Some(40)));
    assert_eq!(percent(&Cell::Percent(0.07)), Ok(Some(7)), "0.07 × 100 is not exactly 7");
    assert_eq!(percent(&Cell::Percent(0.0)), Ok(Some(0)));
    assert!(percent(&Cell::Percent(0.405)).unwrap_err().contains("no «40.5 %»"));
    assert!(percent(&Cell::Percent(-0.1)).is_err());
    assert!(percent(&t("mucho")).unwrap_err().contains("«mucho» no es un porcentaje"));
    assert!(percent(&t("-5")).is_err());
    assert_eq!(percent(&Cell::Empty), Ok(None));
    let d = NaiveDate::from_ymd_opt(2024, 3, 21);
    assert_eq!(date(&t("21/03/2024")), Ok(d));
    assert_eq!(date(&t("2024-03-21")), Ok(d));
    assert!(date(&Cell::Number(45372.0)).unwrap_err().contains("formato de fecha"));
    let excel = calamine::ExcelDateTime::new(45372.0, calamine::ExcelDateTimeType::DateTime, false);
    assert_eq!(cell_of(&calamine::DataRef::DateTime(excel), false), Cell::Date(d));
    let huge = calamine::ExcelDateTime::new(1e300, calamine::ExcelDateTimeType::DateTime, false);
    assert_eq!(cell_of(&calamine::DataRef::DateTime(huge), false), Cell::Date(None), "no overflow");
    assert_eq!(cell_of(&calamine::DataRef::Float(0.4), true), Cell::Percent(0.4));
    assert_eq!(text(&Cell::Number(12.0)), Ok(Some("12".into())));
    assert_eq!(text(&Cell::Percent(0.4)), Ok(Some("40 %".into())));
    assert!(text(&Cell::Error("#N/A".into())).is_err());
}

#[test]
fn messages_name_file_row_and_column() {
    let p = Problem { column: Some("porcentaje"), letter: Some("D".into()), ..Problem::new(7, "no 120") };
    let e = ProgressError { file: "avances.xlsx".into(), problems: vec![p] };
    assert_eq!(e.to_string(), "avances.xlsx, fila 7, columna «porcentaje» (D): no 120");
    let summary = ImportSummary { file: "avances.csv".into(), reports: 12, agreements: 9, fulfilled: vec![] };
    assert_eq!(summary.to_string(), "Importados 12 avances de avances.csv: ningún acuerdo quedó cumplido.");
}

// ── XLSX built by hand: the smallest package calamine and Excel open ──

/// A cell of a hand-made sheet: its reference and the XML inside `<c>` (with its attributes).
pub(super) fn inline(r: &str, text: &str) -> String {
    format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

/// An XLSX whose first sheet has `rows` (`<row>` elements) and whose styles are `xfs` (the
/// numFmtId of each cellXfs entry; `custom` declares numFmts).
pub(super) fn xlsx(rows: &str, custom: &[(u32, &str)], xfs: &[u32]) -> Vec<u8> {
    let num_fmts: String = custom
        .iter()
        .map(|(id, code)| format!("<numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>", code.replace('"', "&quot;")))
        .collect();
    let cell_xfs: String = xfs.iter().map(|id| format!("<xf numFmtId=\"{id}\" fontId=\"0\" xfId=\"0\"/>")).collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            format!(
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>\
                 <sheet name=\"Avances\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/styles.xml",
            format!(
                "<?xml version=\"1.0\"?><styleSheet xmlns=\"{main}\"><numFmts count=\"{}\">{num_fmts}</numFmts>\
                 <cellStyleXfs count=\"1\"><xf numFmtId=\"9\"/></cellStyleXfs>\
                 <cellXfs count=\"{}\">{cell_xfs}</cellXfs></styleSheet>",
                custom.len(),
                xfs.len()
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{rows}</sheetData></worksheet>"),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("zip");
        zip.write_all(content.as_bytes()).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// The header row of the hand-made sheets: acuerdo, fecha, avance, porcentaje, evidencia.
pub(super) fn header_row() -> String {
    let cells: String = ["acuerdo", "fecha", "avance", "porcentaje", "evidencia"]
        .iter()
        .zip(["A1", "B1", "C1", "D1", "E1"])
        .map(|(h, r)| inline(r, h))
        .collect();
    format!("<row r=\"1\">{cells}</row>")
}

/// `bytes` as a file named `name` in a fresh directory, read.
fn read_bytes(name: &str, bytes: &[u8]) -> Result<ProgressSheet, ProgressError> {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    read(&path)
}

/// A demo database's progress entries and follow-up columns, and how many bitácora entries.
pub(super) fn snapshot(store: &Store) -> (Vec<String>, i64) {
    let conn = store.conn();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || '|' || coalesce(agreement_id, '') || '|' || coalesce(activity_id, '') || '|' || on_date || '|' || text || '|' || percent FROM commitment_progress ORDER BY id",
        "SELECT id || '|' || status || '|' || progress || '|' || coalesce(done_on, '') FROM agreements ORDER BY id",
        "SELECT id || '|' || status || '|' || progress || '|' || coalesce(done_on, '') FROM activities ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).expect("sql");
        rows.extend(stmt.query_map([], |r| r.get::<_, String>(0)).expect("q").map(|r| r.expect("row")));
    }
    let entries = conn.query_row("SELECT count(*) FROM bitacora", [], |r| r.get(0)).expect("q");
    (rows, entries)
}

/// Imports `sheet` into `store` through the operation layer.
pub(super) fn import(store: &mut Store, sheet: ProgressSheet) -> Result<String, String> {
    let op = Op::ImportProgress { file: "avances.xlsx".into(), sha256: String::new(), sheet };
    ops::run(store, &Context::for_tests("prueba"), op).map(|d| d.detail.unwrap_or_default()).map_err(|e| e.to_string())
}

fn progress_of(store: &Store, number: &str) -> (u32, crate::domain::agreement::AgreementStatus) {
    let t = crate::store::followup::by_number(store.conn(), number).expect("agreement");
    (t.progress, t.status)
}

#[test]
fn xlsx_percent_cells_import_as_shown_and_formulas_by_their_value() {
    // Styles: 0 general, 1 built-in 9 (0 %), 2 custom 0.0 %, 3 built-in 10 (0.00 %), 4 a date.
    let rows = format!(
        "{}<row r=\"2\">{}{}{}<c r=\"D2\" s=\"1\"><v>0.4</v></c></row>\
         <row r=\"3\">{}{}{}<c r=\"D3\" s=\"2\"><f>B9/B9</f><v>1</v></c>{}</row>\
         <row r=\"4\">{}<c r=\"B4\" s=\"4\"><f>DATE(2024,6,1)</f><v>45444</v></c><c r=\"C4\" t=\"str\"><f>\"Se \"&amp;\"envió\"</f><v>Se envió</v></c><c r=\"D4\" s=\"3\"><v>0.35</v></c></row>",
        header_row(),
        inline("A2", "CITDP/SO-21/2024/03"),
        inline("B2", "2024-03-08"),
        inline("C2", "Primer envío"),
        inline("A3", "CITDP/SO-21/2024/05"),
        inline("B3", "2024-04-15"),
        inline("C3", "Se presentó la estrategia"),
        inline("E3", "Informe SNDIF, abril 2024"),
        inline("A4", "CITDP/SO-21/2024/02"),
    );
    let bytes = xlsx(&rows, &[(164, "0.0%"), (165, "dd/mm/yyyy")], &[0, 9, 164, 10, 165]);
    let sheet = read_bytes("avances.xlsx", &bytes).expect("read");
    let mut store = crate::demo::in_memory();
    let done = import(&mut store, sheet).expect("import");
    assert!(done.starts_with("Importados 3 avances"), "{done}");
    use crate::domain::agreement::AgreementStatus::{Done, InProgress};
    assert_eq!(progress_of(&store, "CITDP/SO-21/2024/03"), (40, InProgress), "40 % stored as 0.4");
    assert_eq!(progress_of(&store, "CITDP/SO-21/2024/05"), (100, Done), "100 % stored as 1, by a formula");
    assert_eq!(progress_of(&store, "CITDP/SO-21/2024/02"), (35, InProgress), "0.00 % format");
    let t = crate::store::followup::by_number(store.conn(), "CITDP/SO-21/2024/02").expect("q");
    let h = crate::store::followup::history(store.conn(), t.source, t.id).expect("q");
    let last = h.last().expect("entry");
    assert_eq!(last.text, "Se envió", "the formula's value, not its text");
    assert_eq!(last.on, NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"), "a date formula's value");
}

#[test]
fn a_plain_fraction_is_still_refused() {
    let rows = format!(
        "{}<row r=\"2\">{}{}{}<c r=\"D2\"><v>0.4</v></c></row>",
        header_row(),
        inline("A2", "CITDP/SO-21/2024/03"),
        inline("B2", "2024-03-08"),
        inline("C2", "Primer envío"),
    );
    let sheet = read_bytes("avances.xlsx", &xlsx(&rows, &[], &[0])).expect("read");
    let mut store = crate::demo::in_memory();
    let err = import(&mut store, sheet).expect_err("refused");
    assert!(err.contains("fila 2, columna «porcentaje» (D): «0.4» no es un porcentaje de 0 a 100"), "{err}");
    assert!(err.contains("formato de porcentaje"), "{err}");
}

#[test]
fn far_cells_cost_nothing_and_are_refused_by_name() {
    let valid = format!(
        "{}<row r=\"2\">{}{}{}</row>",
        header_row(),
        inline("A2", "CITDP/SO-21/2024/03"),
        inline("B2", "2024-03-08"),
        inline("C2", "Primer envío"),
    );
    for (cell, row) in [("XFD1048576", 1_048_576), ("ALL100000", 100_000)] {
        let rows = format!("{valid}<row r=\"{row}\">{}</row>", inline(cell, "x"));
        let started = std::time::Instant::now();
        let err = read_bytes("lejos.xlsx", &xlsx(&rows, &[], &[0])).expect_err("refused");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "read sparsely");
        assert_eq!(err.problems[0].row, row);
        let message = err.to_string();
        assert!(
            message.contains(&format!("lejos.xlsx, fila {row}: la celda {cell} tiene datos, pero el importador lee solo las columnas A a IV (256 columnas)")),
            "{message}"
        );
    }
    // A declared dimension of the whole sheet and formatted empty cells far away are nothing.
    let rows = format!("{valid}<row r=\"1048576\"><c r=\"XFD1048576\" s=\"0\"/></row>");
    let sheet = read_bytes("formato.xlsx", &xlsx(&rows, &[], &[0])).expect("formatted empty cells are not data");
    assert_eq!(sheet.rows(), 1);
}

#[test]
fn plausible_dates_only() {
    let mut store = crate::demo::in_memory();
    let sheet = read_bytes(
        "fechas.csv",
        b"acuerdo,fecha,avance\nCITDP/SO-21/2024/03,1899-12-31,x\nCITDP/SO-21/2024/03,2037-01-01,y\n",
    )
    .expect("read");
    let before = snapshot(&store);
    let err = import(&mut store, sheet).expect_err("refused");
    assert!(
        err.contains("fila 2, columna «fecha»: la fecha 1899-12-31 (31 de diciembre de 1899) es anterior a 1990"),
        "{err}"
    );
    assert!(err.contains("fila 3, columna «fecha»: la fecha 2037-01-01"), "{err}");
    assert_eq!(snapshot(&store), before, "nothing written");
}

#[test]
fn many_rows_on_few_agreements_keep_the_rules_of_one_by_one() {
    // More numbers than a book looks up one by one, so every commitment is read at once; the
    // same agreement many times, a repeat, an unknown number twice, and fulfilment.
    let mut csv = String::from("acuerdo,fecha,avance,porcentaje,evidencia\n");
    for i in 0..80 {
        csv.push_str(&format!("NO/EXISTE/{i},2024-03-08,x,,\n"));
    }
    let mut store = crate::demo::in_memory();
    let before = snapshot(&store);
    let err = import(&mut store, read_bytes("a.csv", csv.as_bytes()).expect("read")).expect_err("unknown");
    assert!(
        err.contains("fila 2, columna «acuerdo»: no existe ningún acuerdo ni actividad con el número «NO/EXISTE/0»")
    );
    assert!(err.contains("corrija los 80 problemas"), "{err}");
    assert_eq!(snapshot(&store), before);

    let mut base = String::from("acuerdo,fecha,avance,porcentaje,evidencia\n");
    for p in 1..=99 {
        base.push_str(&format!("CITDP/SO-21/2024/03,2024-03-{:02},Avance {p},{p},\n", 8 + p % 20));
    }
    let csv = format!("{base}CITDP/SO-21/2024/03,2024-05-01,Cumplido,100,\n");
    let err = import(&mut store, read_bytes("b.csv", csv.as_bytes()).expect("read")).expect_err("no evidence");
    assert!(err.contains("fila 101, columna «evidencia»: para marcar el acuerdo como cumplido"), "{err}");
    let repeat = format!("{csv}CITDP/SO-21/2024/03,2024-03-09,Avance 1,1,\n");
    let err = import(&mut store, read_bytes("b.csv", repeat.as_bytes()).expect("read")).expect_err("repeat");
    assert!(err.contains("fila 102, columna «avance»: este avance ya está registrado"), "{err}");
    assert_eq!(snapshot(&store), before);
    let fixed = format!("{base}CITDP/SO-21/2024/03,2024-05-01,Cumplido,100,Oficio 1\n");
    let done = import(&mut store, read_bytes("b.csv", fixed.as_bytes()).expect("read")).expect("imports");
    assert!(done.contains("Importados 100 avances") && done.contains("1 acuerdo quedó cumplido"), "{done}");
    let after = crate::store::followup::by_number(store.conn(), "CITDP/SO-21/2024/03").expect("q");
    assert_eq!((after.progress, after.status), (100, crate::domain::agreement::AgreementStatus::Done));
    let again = "acuerdo,fecha,avance,porcentaje,evidencia\nCITDP/SO-21/2024/03,2024-06-01,Otra vez,100,Oficio 2\n";
    let err = import(&mut store, read_bytes("c.csv", again.as_bytes()).expect("read")).expect_err("closed");
    assert!(err.contains("ya no admite avances"), "{err}");
}

#[test]
fn the_reporter_hears_the_rows_go_in() {
    use std::sync::{Arc, Mutex};
    let heard = Arc::new(Mutex::new(Vec::new()));
    let seen = heard.clone();
    let sheet = read_bytes(
        "a.csv",
        b"acuerdo,fecha,avance\nCITDP/SO-21/2024/03,2024-03-08,x\n\nCITDP/SO-21/2024/03,2024-03-09,y\n",
    )
    .expect("read")
    .with_reporter(Arc::new(move |done, total| seen.lock().expect("lock").push((done, total))));
    let mut store = crate::demo::in_memory();
    import(&mut store, sheet).expect("import");
    assert_eq!(*heard.lock().expect("lock"), [(0, 2), (2, 2)], "the blank line is no record");
}
