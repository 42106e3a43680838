//! Printing from the interface: choose format and paper, write the file, and where the
//! system has a printer command (`lp`), send PDFs to it.

use std::path::PathBuf;
use std::process::Command;

use super::app::{App, Modal};
use super::forms::{EditForm, Printable, Purpose};
use super::strings;
use super::widgets::form::{Field, Form};
use crate::export::document::Document;
use crate::export::document::Paper;
use crate::export::minutes_doc::acta;
use crate::export::print::{Format, Target, write};
use crate::export::round_letters::round_letters;
use crate::output::{Dest, OutputError, Protected};
use crate::store::record::SessionRecord;
use crate::store::{self, notices};

/// The convocatoria as issued (or, before issuing, a draft dated today).
fn notice_document(conn: &rusqlite::Connection, session: i64, today: chrono::NaiveDate) -> store::Result<Document> {
    let issued = notices::issued_on(conn, session)?;
    let record = SessionRecord::load(conn, session)?;
    let sources = crate::export::sources::Sources::load(conn, &record, Vec::new())?;
    let text = crate::export::convocatoria::generate(&record, &sources, issued.unwrap_or(today));
    let language = sources.style().language();
    Ok(Document { language, ..crate::export::markdown::parse(&text, issued.is_none(), None) })
}

/// Whether a printer command exists on this machine.
fn has_lp() -> bool {
    Command::new("lp").arg("-V").output().is_ok()
}

/// The print form: format, paper (the configuration's by default), file, and the printer
/// where there is one.
pub(super) fn print_form(session: i64, what: Printable) -> EditForm {
    {
        let formats = Format::ALL.iter().map(|f| f.extension().to_string()).collect();
        let dir = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(|| PathBuf::from("."));
        let (stem, title) = match what {
            Printable::Minutes => ("acta", "Imprimir el acta"),
            Printable::Notice => ("convocatoria", "Imprimir la convocatoria"),
            Printable::RoundLetters => ("oficios-ronda", "Imprimir los oficios de la ronda"),
        };
        let file = dir.join(format!("{stem}-{session}.pdf"));
        let mut fields = vec![
            Field::choice("formato", "Formato", formats, "pdf"),
            Field::choice("papel", "Papel", vec!["carta".into(), "a4".into()], &crate::config::get().formato.papel),
            Field::text("archivo", "Guardar en", &file.display().to_string()),
        ];
        if has_lp() {
            fields.push(Field::choice("imprimir", "Enviar a la impresora (PDF)", vec!["no".into(), "sí".into()], "no"));
        }
        Form::new(title, fields, Purpose::Print(session, what))
    }
}

impl App {
    /// Writes the acta as the print form asks; errors go back to the form.
    pub(super) fn print(&mut self, session: i64, what: Printable) -> Result<String, (String, String)> {
        let Some(Modal::Form(form, _)) = &self.modal else { return Err((String::new(), String::new())) };
        let format = Format::parse(&form.value("formato")).map_err(|m| ("formato".to_string(), m))?;
        let paper = Paper::parse(&form.value("papel")).map_err(|m| ("papel".to_string(), m))?;
        let mut path = PathBuf::from(form.value("archivo"));
        if path.as_os_str().is_empty() {
            return Err(("archivo".into(), "indique dónde guardar el archivo".into()));
        }
        if path.extension().is_none_or(|e| e != format.extension()) {
            path.set_extension(format.extension());
        }
        let send = form.value("imprimir") == "sí";
        // What is typed in the acta is part of what prints.
        self.flush_all().map_err(|e| (String::new(), e.to_string()))?;
        if what == Printable::Minutes
            && let Some(why) = crate::ops::verify::acta_tampered(self.env.store.conn(), session)
                .map_err(|e| (String::new(), e.to_string()))?
        {
            return Err((String::new(), format!("No se imprime: {why}.")));
        }
        let doc = match what {
            Printable::Minutes => acta(self.env.store.conn(), session).map(|a| a.document()),
            Printable::Notice => notice_document(self.env.store.conn(), session, self.env.today),
            Printable::RoundLetters => round_letters(self.env.store.conn(), session, None, self.env.today),
        }
        .map_err(|e| (String::new(), e.to_string()))?;
        // An existing file is replaced only when the secretary presses Intro a second time.
        let overwrite = self.overwrite_ok.as_ref() == Some(&path);
        let protected = self.env.store.path().map(Protected::database).unwrap_or_default();
        let dest = Dest::File(path.clone());
        // The convocatoria's invitation goes beside it under the same rule, checked first.
        let ics = (what == Printable::Notice).then(|| Dest::File(path.with_extension("ics")));
        let checked = match &ics {
            Some(ics) => crate::output::check(ics, overwrite, &protected),
            None => Ok(()),
        };
        match checked
            .and_then(|()| write(&doc, format, paper, &Target { dest: &dest, overwrite, protected: &protected }))
        {
            Ok(()) => self.overwrite_ok = None,
            Err(OutputError::Exists(p)) => {
                let message =
                    format!("«{}» ya existe: pulse Intro otra vez para reemplazarlo, o cambie el nombre", p.display());
                self.overwrite_ok = Some(path);
                return Err(("archivo".into(), message));
            }
            Err(e) => return Err(("archivo".into(), e.to_string())),
        }
        if what == Printable::Minutes {
            let access = crate::ops::Access::PrintActa {
                session,
                format: format.extension().into(),
                file: path.display().to_string(),
            };
            crate::ops::access(&mut self.env.store, &self.env.ctx, access)
                .map_err(|e| (String::new(), e.to_string()))?;
        }
        let mut also = String::new();
        if what == Printable::Notice {
            // The invitation travels with the convocatoria: calendar apps import it.
            let ics = path.with_extension("ics");
            let record =
                SessionRecord::load(self.env.store.conn(), session).map_err(|e| (String::new(), e.to_string()))?;
            let stamp = chrono::Utc::now().naive_utc();
            let conn = self.env.store.conn();
            let sources = crate::export::sources::Sources::load(conn, &record, Vec::new())
                .map_err(|e| (String::new(), e.to_string()))?;
            let calendar = crate::export::convocatoria::invitation(conn, &record, &sources, stamp)
                .map_err(|e| (String::new(), e.to_string()))?;
            crate::output::write(&Dest::File(ics.clone()), calendar.as_bytes(), overwrite, &protected)
                .map_err(|e| ("archivo".to_string(), e.to_string()))?;
            also = format!(" Invitación de calendario: {}.", ics.display());
            // What the letter lacks (a signer, an oficio number) is said where the secretary looks.
            for warning in crate::export::convocatoria::warnings(&record, &sources) {
                also.push_str(&format!(" {}: {warning}.", strings::WARNING));
            }
        }
        if send && format == Format::Pdf {
            let out =
                Command::new("lp").arg(&path).output().map_err(|e| ("imprimir".to_string(), format!("lp: {e}")))?;
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
                return Err(("imprimir".into(), format!("la impresora rechazó el trabajo: {err}")));
            }
            return Ok(format!("Guardado en {} y enviado a la impresora.{also}", path.display()));
        }
        Ok(format!("Guardado en {}.{also}", path.display()))
    }
}
