//! One way to print any document: pick the format, render, write the file. A file that
//! cannot be written gives a Spanish error and leaves nothing half-written.

use std::path::Path;

use super::document::{Document, Paper};
use super::{docx, html, md, pdf};
use crate::domain::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Md,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Docx, Format::Html, Format::Md];

    pub fn parse(text: &str) -> Result<Format, String> {
        match fold(text).as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" | "word" => Ok(Format::Docx),
            "html" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Md),
            other => Err(format!("formato «{other}» desconocido; use pdf, docx, html o md")),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

pub fn render(doc: &Document, format: Format, paper: Paper) -> Result<Vec<u8>, String> {
    match format {
        Format::Pdf => pdf::render(doc, paper),
        Format::Docx => docx::render(doc, paper),
        Format::Html => Ok(html::render(doc, paper).into_bytes()),
        Format::Md => Ok(md::render(doc).into_bytes()),
    }
}

/// Renders and writes `path` through a temporary file in the same directory, renamed into
/// place, so a failure never leaves a truncated document behind.
pub fn write(doc: &Document, format: Format, paper: Paper, path: &Path) -> Result<(), String> {
    let bytes = render(doc, format, paper)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(format!("no existe el directorio «{}»", dir.display()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "documento".into());
    let tmp = dir.join(format!(".{name}.tmp"));
    let fail = |e: std::io::Error| format!("no se pudo escribir «{}»: {e}", path.display());
    std::fs::write(&tmp, &bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::markdown::parse;

    #[test]
    fn formats_and_unwritable_paths() {
        assert_eq!(Format::parse("PDF"), Ok(Format::Pdf));
        assert_eq!(Format::parse("markdown"), Ok(Format::Md));
        assert!(Format::parse("odt").is_err());
        let doc = parse("# Acta\n\nTexto con acentos: acción, año.\n", true, None);
        let dir = tempfile::tempdir().expect("tmp");
        for f in Format::ALL {
            let path = dir.path().join(format!("acta.{}", f.extension()));
            write(&doc, f, Paper::Letter, &path).expect("written");
            assert!(std::fs::metadata(&path).expect("file").len() > 0);
        }
        let err = write(&doc, Format::Md, Paper::A4, Path::new("/proc/no/existe/acta.md")).unwrap_err();
        assert!(err.contains("no existe el directorio"), "{err}");
        let err = write(&doc, Format::Md, Paper::A4, Path::new("/proc/acta.md")).unwrap_err();
        assert!(err.starts_with("no se pudo escribir «/proc/acta.md»"), "{err}");
    }
}
