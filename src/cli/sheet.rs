//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the accents), the
//! separator asked for or configured (`;` by default, what Spanish-locale Excel expects),
//! CRLF line endings, and no cell that could run as a formula. Rows are written as they come.

use std::io::Write;

use crate::config::CsvSeparator;
use crate::domain::text::{inert_cell, printable};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV being written to `out`, one row at a time.
pub struct Csv<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> Csv<W> {
    /// Starts the file: the byte-order mark, then the header row.
    pub fn start(mut out: W, separator: CsvSeparator, headers: &[&str]) -> std::io::Result<Csv<W>> {
        out.write_all(BOM)?;
        let writer = csv::WriterBuilder::new()
            .delimiter(separator.byte())
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        let mut csv = Csv { writer };
        csv.row(headers.iter().copied())?;
        Ok(csv)
    }

    /// One row; each cell shown without control characters and unable to run as a formula.
    pub fn row<I, S>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let record = cells.into_iter().map(|c| inert_cell(&printable(c.as_ref())).into_owned());
        self.writer.write_record(record).map_err(io)
    }

    /// Flushes what is left.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// The csv crate's error as the I/O error it wraps, so a closed pipe is still seen as one.
fn io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes a whole CSV to standard output; a closed pipe ends it quietly.
pub fn print<R>(separator: CsvSeparator, headers: &[&str], rows: R) -> Result<(), String>
where
    R: IntoIterator<Item = Vec<String>>,
{
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = Csv::start(out, separator, headers).and_then(|mut csv| {
        for r in rows {
            csv.row(&r)?;
        }
        csv.finish()
    });
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("no se pudo escribir el CSV: {e}")),
        _ => Ok(()),
    }
}

/// A number with decimals as the configuration writes them («15,3» or «15.3»).
pub fn decimal(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if crate::config::get().formato.separador_decimal == "," { text.replace('.', ",") } else { text }
}

/// "sí" or "no".
pub fn yes_no(value: bool) -> &'static str {
    if value { "sí" } else { "no" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(separator: CsvSeparator, rows: &[&[&str]]) -> String {
        let mut out = Vec::new();
        let mut csv = Csv::start(&mut out, separator, &["numero", "texto"]).expect("start");
        for r in rows {
            csv.row(r.iter().copied()).expect("row");
        }
        csv.finish().expect("finish");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn bom_separator_crlf_quotes_and_inert_cells() {
        let text = written(CsvSeparator::Semicolon, &[&["A/01", "uno; dos"], &["=1+1", "línea\nnueva \"x\""]]);
        assert_eq!(text, "\u{feff}numero;texto\r\nA/01;\"uno; dos\"\r\n'=1+1;\"línea\nnueva \"\"x\"\"\"\r\n");
        let tab = written(CsvSeparator::Tab, &[&["-5", "a,b"]]);
        assert_eq!(tab, "\u{feff}numero\ttexto\r\n'-5\ta,b\r\n");
        let comma = written(CsvSeparator::Comma, &[&["\u{1b}[31m", "a,b"]]);
        assert_eq!(comma, "\u{feff}numero,texto\r\n\u{241b}[31m,\"a,b\"\r\n");
    }
}
