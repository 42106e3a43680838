//! How a body writes its documents, and what a session's convocatoria cites: two forms, each
//! saved by one operation.

use chrono::NaiveDate;

use super::{EditForm, Purpose, Refusal, labels, parse, refusal};
use crate::domain::Labeled;
use crate::domain::dates::parse_date;
use crate::domain::style::{DocStyle, NoticeSigner, RecordWord};
use crate::ops::Op;
use crate::store::documents::{BodyDocuments, SessionDocuments};
use crate::tui::env::Environment;
use crate::tui::strings as s;
use crate::tui::widgets::form::{Field, Form};

fn yes_no(key: &'static str, label: &'static str, value: bool) -> Field {
    Field::choice(key, label, vec![s::NO.into(), s::YES.into()], if value { s::YES } else { s::NO })
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

fn optional_date(form: &EditForm, key: &str) -> Result<Option<NaiveDate>, Refusal> {
    let text = form.value(key);
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse(form, key, parse_date).map(Some)
}

pub fn body_documents_form(body: i64, acronym: &str, d: &BodyDocuments) -> EditForm {
    let fields = vec![
        Field::choice("estilo", s::F_STYLE, labels::<DocStyle>(), d.style.label()),
        Field::choice("palabra_acta", s::F_RECORD_WORD, labels::<RecordWord>(), d.record_word.label()),
        Field::text("patron_acta", s::F_RECORD_PATTERN, &d.record_pattern),
        Field::text("fundamento", s::F_LEGAL_BASIS, &d.legal_basis),
        Field::text("sala", s::F_ROOM, &d.room),
        Field::text("domicilio", s::F_ADDRESS, &d.address),
        Field::text("ciudad", s::F_CITY, &d.city),
        Field::choice("firma_convocatoria", s::F_NOTICE_SIGNER, labels::<NoticeSigner>(), d.notice_signer.label()),
        Field::text("contacto", s::F_CONTACT, &d.contact),
        yes_no("hoja_de_firmas", s::F_SHEET, d.signature_sheet),
        Field::text("nombre_secretaria", s::F_SECRETARIAT, &d.secretariat),
        Field::text("gestion_desde", s::F_TERM_FROM, &date_text(d.term.map(|t| t.0))),
        Field::text("gestion_hasta", s::F_TERM_TO, &date_text(d.term.map(|t| t.1))),
    ];
    Form::new(format!("{} · {acronym}", s::FORM_BODY_DOCUMENTS), fields, Purpose::BodyDocuments(body))
}

pub fn save_body_documents(env: &mut Environment, form: &EditForm, body: i64) -> Result<(), Refusal> {
    let term = match (optional_date(form, "gestion_desde")?, optional_date(form, "gestion_hasta")?) {
        (Some(from), Some(to)) => Some((from, to)),
        (None, None) => None,
        (None, Some(_)) => return Err(("gestion_desde".into(), s::TERM_BOTH.into())),
        (Some(_), None) => return Err(("gestion_hasta".into(), s::TERM_BOTH.into())),
    };
    let documents = BodyDocuments {
        style: parse(form, "estilo", DocStyle::parse_label)?,
        record_word: parse(form, "palabra_acta", RecordWord::parse_label)?,
        record_pattern: form.value("patron_acta"),
        legal_basis: form.value("fundamento"),
        room: form.value("sala"),
        address: form.value("domicilio"),
        city: form.value("ciudad"),
        notice_signer: parse(form, "firma_convocatoria", NoticeSigner::parse_label)?,
        contact: form.value("contacto"),
        signature_sheet: form.value("hoja_de_firmas") == s::YES,
        secretariat: form.value("nombre_secretaria"),
        term,
    };
    env.run(Op::SaveBodyDocuments { body, documents }).map_err(refusal)?;
    Ok(())
}

pub fn session_documents_form(session: i64, title: &str, d: &SessionDocuments) -> EditForm {
    let fields = vec![
        Field::text("oficio", s::F_NOTICE_REF, &d.notice_ref),
        Field::text("sala", s::F_ROOM, &d.room),
        Field::text("domicilio", s::F_ADDRESS, &d.address),
        Field::text("ciudad", s::F_CITY, &d.city),
        Field::text("anexos", s::F_ANNEXES, &d.annex_list().join("; ")),
        Field::text("confirmar_antes", s::F_CONFIRM_BY, &date_text(d.confirm_by)),
    ];
    Form::new(format!("{} · {title}", s::FORM_SESSION_DOCUMENTS), fields, Purpose::SessionDocuments(session))
}

pub fn save_session_documents(env: &mut Environment, form: &EditForm, session: i64) -> Result<(), Refusal> {
    let annexes: Vec<String> =
        form.value("anexos").split(';').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
    let documents = SessionDocuments {
        notice_ref: form.value("oficio"),
        room: form.value("sala"),
        address: form.value("domicilio"),
        city: form.value("ciudad"),
        annexes: annexes.join("\n"),
        confirm_by: optional_date(form, "confirmar_antes")?,
    };
    env.run(Op::SaveSessionDocuments { session, documents }).map_err(refusal)?;
    Ok(())
}
