//! One way to print any document: pick the format, render, write the file. A file that
//! cannot be written gives a Spanish error and leaves nothing half-written.

use super::document::{Document, Paper};
use super::{docx, html, md, pdf};
use crate::domain::text::fold;
use crate::output::{self, Dest, OutputError, Protected};

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

/// Where a document goes and whether an existing file may be replaced.
pub struct Target<'a> {
    pub dest: &'a Dest,
    pub overwrite: bool,
    pub protected: &'a Protected,
}

/// Renders and writes the document safely (see `output`): a failure leaves nothing behind.
pub fn write(doc: &Document, format: Format, paper: Paper, target: &Target) -> Result<(), OutputError> {
    let bytes = render(doc, format, paper).map_err(OutputError::Refused)?;
    output::write(target.dest, &bytes, target.overwrite, target.protected)
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
        let protected = Protected::default();
        let print = |f: Format, path: &std::path::Path| {
            let dest = Dest::of(path);
            write(&doc, f, Paper::A4, &Target { dest: &dest, overwrite: false, protected: &protected })
        };
        for f in Format::ALL {
            let path = dir.path().join(format!("acta.{}", f.extension()));
            print(f, &path).expect("written");
            assert!(std::fs::metadata(&path).expect("file").len() > 0);
        }
        let err = print(Format::Md, std::path::Path::new("/proc/no/existe/acta.md")).unwrap_err().to_string();
        assert!(err.contains("no existe el directorio"), "{err}");
        let err = print(Format::Md, std::path::Path::new("/proc/acta.md")).unwrap_err().to_string();
        assert!(err.starts_with("no se pudo escribir «/proc/acta.md»"), "{err}");
    }
}
