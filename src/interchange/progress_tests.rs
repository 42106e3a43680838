//! Unit tests of the progress spreadsheet reader.
use super::*;

fn csv_sheet(text: &str) -> Sheet {
    read_csv(text.as_bytes()).expect("csv")
}

#[test]
fn csv_quotes_delimiters_encodings_and_row_numbers() {
    let s = csv_sheet(
        "acuerdo,avance\r\n\"A/1\",\"Se envió el oficio, con anexos\"\r\n\r\n\"A/2\",\"dos\nlíneas\"\r\nA/3,tres\r\n",
    );
    assert_eq!(s.header_row, 1);
    assert_eq!(s.headers, ["acuerdo", "avance"]);
    let rows: Vec<usize> = s.rows.iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, [2, 4, 5], "a blank line is a row; a quoted line break is not");
    assert_eq!(s.rows[0].1[1], Cell::Text("Se envió el oficio, con anexos".into()));
    let semi = csv_sheet("\u{feff}Acuerdo;Porcentaje\nA/1;40,5\n");
    assert_eq!(semi.headers[0], "Acuerdo", "BOM stripped");
    assert_eq!(semi.rows[0].1[1], Cell::Text("40,5".into()));
    let latin = read_csv(b"acuerdo,instituci\xf3n\nA/1,SEGOB\n").expect("cp1252");
    assert_eq!(latin.headers[1], "institución");
    assert!(read_csv(b"\n\n").is_err());
}

#[test]
fn headers_and_letters() {
    assert_eq!(normalize(" Tipo de Evidencia "), "tipo_evidencia");
    assert_eq!(normalize("INSTITUCIÓN"), "institucion");
    assert_eq!(normalize("tipo-evidencia"), "tipo_evidencia");
    let letters: Vec<String> = [0, 3, 25, 26, 27, 701].into_iter().map(letter).collect();
    assert_eq!(letters, ["A", "D", "Z", "AA", "AB", "ZZ"]);
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
    assert!(percent(&Cell::Number(0.4)).unwrap_err().contains("formato de porcentaje"));
    assert!(percent(&t("mucho")).unwrap_err().contains("«mucho» no es un porcentaje"));
    assert!(percent(&t("-5")).is_err());
    assert_eq!(percent(&Cell::Empty), Ok(None));
    let d = NaiveDate::from_ymd_opt(2024, 3, 21);
    assert_eq!(date(&t("21/03/2024")), Ok(d));
    assert_eq!(date(&t("2024-03-21")), Ok(d));
    assert!(date(&Cell::Number(45372.0)).unwrap_err().contains("formato de fecha"));
    let excel = calamine::ExcelDateTime::new(45372.0, calamine::ExcelDateTimeType::DateTime, false);
    assert_eq!(cell_of(&Data::DateTime(excel)), Cell::Date(d));
    assert_eq!(text(&Cell::Number(12.0)), Ok(Some("12".into())));
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
