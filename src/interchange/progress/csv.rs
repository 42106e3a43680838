//! CSV: UTF-8 (with or without BOM), or Windows-1252 when the whole file is not UTF-8 — what
//! Excel's «CSV (delimitado por comas)» writes. A file with both is refused: its accents
//! cannot all be read right whichever way it is decoded.

use std::borrow::Cow;

use super::Problem;
use super::cells::{Cell, CellCount, Row, Sheet, sheet_of};

/// Excel (Spanish locales) writes ';' where the decimal separator is ','; a tab when pasted.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    [b';', b'\t'].into_iter().find(|d| count(char::from(*d)) > count(',')).unwrap_or(b',')
}

/// The first word with a letter beyond ASCII written as valid UTF-8 ("Comisión"), if any:
/// the sign that the file was saved as UTF-8.
fn utf8_word(bytes: &[u8]) -> Option<String> {
    bytes.utf8_chunks().find_map(|chunk| {
        let valid = chunk.valid();
        let at = valid.find(|c: char| !c.is_ascii())?;
        let start = valid[..at].rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + 1);
        let end = valid[at..].find(|c: char| !c.is_alphanumeric()).map_or(valid.len(), |i| at + i);
        valid.get(start..end).map(str::to_string)
    })
}

pub(super) fn read_csv(bytes: &[u8]) -> Result<Sheet, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text: Cow<str> = match std::str::from_utf8(bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(e) => match utf8_word(bytes) {
            Some(word) => return Err(mixed(bytes, e.valid_up_to(), &word)),
            // Excel's «CSV (delimitado por comas)» is Windows-1252, not UTF-8.
            None => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
        },
    };
    let rows = records(&text)?.into_iter().map(|(_, row)| row).collect();
    sheet_of(rows, false)
}

/// The refusal of a file that is UTF-8 but for some bytes: the row of the first one.
fn mixed(bytes: &[u8], bad: usize, word: &str) -> Problem {
    let lossy = String::from_utf8_lossy(bytes);
    let row = match records(&lossy) {
        Ok(rows) => rows.iter().take_while(|(start, _)| *start <= bad).last().map_or(1, |(_, r)| r.number),
        Err(p) => p.row.max(1),
    };
    let byte = bytes.get(bad).copied().unwrap_or(0);
    let one = [byte];
    let (as_1252, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
    Problem::new(
        row,
        format!(
            "la fila {row} no es UTF-8 válido (el byte 0x{byte:02X}, que en Windows-1252 sería «{as_1252}»), pero el resto del archivo sí es UTF-8 (p. ej. «{word}»), así que no se puede saber qué letras quiso escribir; abra el archivo en Excel o LibreOffice, revise esa fila y guárdelo como «CSV UTF-8 (delimitado por comas)»"
        ),
    )
}

/// Every record with the byte where it starts, numbered as a spreadsheet numbers rows.
fn records(text: &str) -> Result<Vec<(usize, Row)>, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut count = CellCount::default();
    // Rows as a spreadsheet numbers them: a blank line is a row, a line break inside a quoted
    // cell is not. csv's own line count can't be used: it skips blank lines and, with CRLF, a
    // record's position lags behind the line it is on.
    let bytes = text.as_bytes();
    let (mut seen, mut lines, mut inner_breaks) = (0, 0, 0);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // Only I/O and UTF-8 errors are possible here, and the input is UTF-8 in memory.
            Err(e) => {
                let row = lines + 2 - inner_breaks;
                let why = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "tiene texto que no es UTF-8 válido",
                    _ => "no se puede leer como CSV",
                };
                return Err(Problem::new(
                    row,
                    format!("el archivo {why} a partir de esta fila; guárdelo como «CSV UTF-8 (delimitado por comas)»"),
                ));
            }
        }
        let mut start = record.position().map_or(seen, |p| p.byte() as usize).max(seen);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        lines += bytes.get(seen..start).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count());
        seen = start;
        let cells: Vec<(usize, Cell)> = record
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(i, f)| (i, Cell::Text(f.trim().to_string())))
            .collect();
        count.add(cells.len())?;
        rows.push((start, Row { number: lines + 1 - inner_breaks, cells }));
        inner_breaks += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_that_shows_utf8() {
        assert_eq!(utf8_word("a,Comisión Nacional".as_bytes()).as_deref(), Some("Comisión"));
        assert_eq!(utf8_word(b"instituci\xf3n"), None, "a lone Windows-1252 byte is not UTF-8");
        assert_eq!(utf8_word(b"plain ascii"), None);
    }
}
