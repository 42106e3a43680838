//! What calamine does not tell about an XLSX: which cells of the first sheet show their number
//! as a percentage (Excel stores 40 % as 0.4). Read from the package itself: the workbook's
//! first sheet through the relationships, `styles.xml`'s number formats, and each cell's
//! style index (`s`).

use std::collections::HashSet;
use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::{MAX_CELLS, Problem};

type Zip<'b> = ZipArchive<Cursor<&'b [u8]>>;

/// An XML part of the package, being read.
type Part<'z, 'b> = Reader<BufReader<zip::read::ZipFile<'z, Cursor<&'b [u8]>>>>;

/// The package could not be read as a ZIP: not an XLSX at all, or a damaged one.
pub(super) fn not_a_workbook(detail: &str) -> Problem {
    Problem::whole(format!(
        "no se pudo leer como libro de Excel (.xlsx): {detail}; ábralo en Excel o LibreOffice y guárdelo de nuevo como «Libro de Excel (.xlsx)»"
    ))
}

/// Positions (row, column, from 0) of the first sheet's cells whose style shows a percentage.
pub(super) fn percent_cells(bytes: &[u8]) -> Result<HashSet<(u32, u32)>, Problem> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| not_a_workbook("el archivo no es un .xlsx (un .xlsx es un archivo ZIP) o está dañado"))?;
    let workbook = relationship(&mut zip, "_rels/.rels", "", |_, kind| kind.ends_with("/officeDocument"))
        .unwrap_or_else(|| "xl/workbook.xml".into());
    let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let percent = percent_styles(&mut zip, &format!("{}styles.xml", prefix(&dir)));
    if percent.is_empty() {
        return Ok(HashSet::new());
    }
    let Some(id) = first_sheet_id(&mut zip, &workbook) else { return Ok(HashSet::new()) };
    let rels = format!("{}_rels/{}.rels", prefix(&dir), workbook.rsplit('/').next().unwrap_or_default());
    let Some(sheet) = relationship(&mut zip, &rels, &dir, |rid, _| rid == id) else { return Ok(HashSet::new()) };
    Ok(styled_cells(&mut zip, &sheet, &percent))
}

fn prefix(dir: &str) -> String {
    if dir.is_empty() { String::new() } else { format!("{dir}/") }
}

/// An XML part of the package, found as Excel finds it: names ignore case and '\' is '/'.
fn part<'z, 'b>(zip: &'z mut Zip<'b>, name: &str) -> Option<Part<'z, 'b>> {
    let wanted = name.trim_start_matches('/').replace('\\', "/");
    let found = zip.file_names().find(|n| n.replace('\\', "/").eq_ignore_ascii_case(&wanted))?.to_string();
    let file = zip.by_name(&found).ok()?;
    Some(Reader::from_reader(BufReader::new(file)))
}

/// The unescaped value of an attribute whose name (without its namespace prefix) is `name`.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| unescape(&a.value))
}

fn unescape(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every start (or empty) element of a part, to `f`, until it says stop or the part ends;
/// a damaged part just ends early (calamine reports what is wrong with it).
fn each_element<R: Read>(mut xml: Reader<BufReader<R>>, mut f: impl FnMut(&BytesStart, bool) -> bool) {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let go = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(&e, true),
            Ok(Event::Empty(e)) => f(&e, false),
            Ok(Event::Eof) | Err(_) => false,
            Ok(_) => true,
        };
        if !go {
            break;
        }
    }
}

/// The target of the first relationship `wanted(id, type)` picks in the `.rels` part `rels`,
/// as a path in the package (relative targets are relative to `dir`).
fn relationship(zip: &mut Zip, rels: &str, dir: &str, wanted: impl Fn(&str, &str) -> bool) -> Option<String> {
    let xml = part(zip, rels)?;
    let mut target = None;
    each_element(xml, |e, _| {
        if e.local_name().as_ref() == b"Relationship" {
            let (id, kind) = (attr(e, b"Id").unwrap_or_default(), attr(e, b"Type").unwrap_or_default());
            if wanted(&id, &kind) {
                target = attr(e, b"Target");
                return false;
            }
        }
        true
    });
    let target = target?;
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{}{target}", prefix(dir)),
    };
    // "xl/worksheets/../worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"
    let mut path: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            s => path.push(s),
        }
    }
    Some(path.join("/"))
}

/// The relationship id of the workbook's first sheet: the one calamine reads.
fn first_sheet_id(zip: &mut Zip, workbook: &str) -> Option<String> {
    let xml = part(zip, workbook)?;
    let mut id = None;
    each_element(xml, |e, _| {
        if e.local_name().as_ref() == b"sheet" {
            // r:id, whatever the prefix; not sheetId.
            id = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == b"id" && a.key.prefix().is_some())
                .map(|a| unescape(&a.value));
            return false;
        }
        true
    });
    id
}

/// Whether a number format shows a percentage: a '%' outside quotes, escapes and brackets in
/// its first section (the one for positive numbers).
pub(super) fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut escaped, mut bracket) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// Style indices (positions in `cellXfs`) whose number format is a percentage: the built-in
/// 9 (0 %) and 10 (0.00 %), or a custom format with '%'.
fn percent_styles(zip: &mut Zip, styles: &str) -> HashSet<usize> {
    let Some(xml) = part(zip, styles) else { return HashSet::new() };
    let mut custom: Vec<(String, bool)> = Vec::new();
    let (mut in_xfs, mut index, mut found) = (false, 0usize, HashSet::new());
    let mut end_seen = false;
    each_element(xml, |e, start| {
        match e.local_name().as_ref() {
            b"numFmt" => {
                if let (Some(id), Some(code)) = (attr(e, b"numFmtId"), attr(e, b"formatCode")) {
                    custom.push((id, is_percent_format(&code)));
                }
            }
            b"cellXfs" => {
                in_xfs = start;
                end_seen = !start;
            }
            b"xf" if in_xfs => {
                let id = attr(e, b"numFmtId").unwrap_or_default();
                let percent = match custom.iter().find(|(c, _)| *c == id) {
                    Some((_, p)) => *p,
                    None => matches!(id.as_str(), "9" | "10"),
                };
                if percent {
                    found.insert(index);
                }
                index += 1;
            }
            // cellXfs ends before the next section starts (cellStyles, dxfs…).
            b"cellStyles" | b"dxfs" | b"tableStyles" | b"colors" if in_xfs => {
                in_xfs = false;
                end_seen = true;
            }
            _ => {}
        }
        !end_seen
    });
    found
}

/// "D12" → (11, 3); `None` for anything else, or beyond Excel's XFD1048576.
pub(super) fn cell_ref(r: &[u8]) -> Option<(u32, u32)> {
    let split = r.iter().position(u8::is_ascii_digit)?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let mut col = 0u32;
    for l in letters {
        col = col * 26 + u32::from(l.to_ascii_uppercase().checked_sub(b'A').filter(|d| *d < 26)?) + 1;
    }
    let mut row = 0u32;
    for d in digits {
        row = row * 10 + u32::from(d.checked_sub(b'0').filter(|d| *d < 10)?);
    }
    ((1..=16_384).contains(&col) && (1..=1_048_576).contains(&row)).then(|| (row - 1, col - 1))
}

/// Positions of the cells of `sheet` with a value and one of `styles`, followed as calamine
/// follows them (a cell without `r` is the one after the previous).
fn styled_cells(zip: &mut Zip, sheet: &str, styles: &HashSet<usize>) -> HashSet<(u32, u32)> {
    let Some(xml) = part(zip, sheet) else { return HashSet::new() };
    let mut out = HashSet::new();
    let (mut row, mut col) = (0u32, 0u32);
    each_element(xml, |e, start| {
        match e.local_name().as_ref() {
            b"row" => {
                if let Some(r) = attr(e, b"r").and_then(|r| r.trim().parse::<u32>().ok()) {
                    row = r.saturating_sub(1);
                }
                col = 0;
            }
            b"c" => {
                let at = attr(e, b"r").and_then(|r| cell_ref(r.as_bytes())).unwrap_or((row, col));
                col = at.1.saturating_add(1);
                let style = attr(e, b"s").and_then(|s| s.parse::<usize>().ok());
                if start && style.is_some_and(|s| styles.contains(&s)) {
                    out.insert(at);
                }
            }
            _ => {}
        }
        // calamine refuses the sheet beyond this many cells; no need to go on.
        out.len() <= MAX_CELLS
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_and_cell_references() {
        for (code, percent) in [
            ("0%", true),
            ("0.00%", true),
            ("#,##0.0 %", true),
            ("[Red]0%", true),
            ("0\"%\"", false),
            ("0\\%", false),
            ("0.00", false),
            ("0;0%", false),
            ("[$%-es]0", false),
            ("dd/mm/yyyy", false),
        ] {
            assert_eq!(is_percent_format(code), percent, "{code}");
        }
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"d12"), Some((11, 3)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        for bad in [&b"XFE1"[..], b"A0", b"A1048577", b"AAAA1", b"A", b"1", b"A1B", b"", b"A99999999999"] {
            assert_eq!(cell_ref(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(unescape(b"0.0&quot;%&quot;"), "0.0\"%\"");
    }
}
