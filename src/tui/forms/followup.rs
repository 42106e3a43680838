//! Forms of the follow-up: a progress report with its evidence, a new deadline, sin efecto.

use super::{EditForm, Purpose, Refusal, labels, parse, refusal};
use crate::domain::Labeled;
use crate::domain::agreement::Deadline;
use crate::domain::dates::parse_date;
use crate::domain::followup::EvidenceKind;
use crate::store::followup::{self, Evidence, Report};
use crate::store::{StoreError, institutions};
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

pub fn progress_form(number: &str, current: u32, today: chrono::NaiveDate) -> EditForm {
    let fields = vec![
        Field::text("fecha", "Fecha", &today.to_string()),
        Field::text("texto", "Avance", ""),
        Field::text("porcentaje", "Porcentaje (0–100)", &current.to_string()),
        Field::text("institucion", "Informa (siglas)", ""),
        Field::choice("tipo", "Tipo de evidencia", labels::<EvidenceKind>(), EvidenceKind::Letter.label()),
        Field::text("evidencia", "Medio de verificación", ""),
        Field::text("motivo", "Motivo (si baja el %)", ""),
    ];
    Form::new(format!("Avance de {number}"), fields, Purpose::Progress(number.to_string()))
}

pub fn reprogram_form(number: &str) -> EditForm {
    let fields = vec![Field::text("plazo", "Nuevo plazo", ""), Field::text("motivo", "Motivo", "")];
    Form::new(format!("Reprogramar {number}"), fields, Purpose::Reprogram(number.to_string()))
}

pub fn void_form(number: &str) -> EditForm {
    Form::new(
        format!("Dejar sin efecto {number}"),
        vec![Field::text("motivo", "Motivo", "")],
        Purpose::VoidAgreement(number.to_string()),
    )
}

fn optional(form: &EditForm, key: &str) -> Option<String> {
    Some(form.value(key)).filter(|v| !v.is_empty())
}

pub fn save(env: &mut Environment, form: &EditForm) -> Result<Option<i64>, Refusal> {
    let today = env.today;
    let result = match form.purpose.clone() {
        Purpose::Progress(number) => {
            let on = parse(form, "fecha", parse_date)?;
            let percent =
                parse(form, "porcentaje", |t| t.parse::<u32>().map_err(|_| format!("«{t}» no es un número")))?;
            let kind = parse(form, "tipo", EvidenceKind::parse_label)?;
            let evidence = optional(form, "evidencia").map(|reference| Evidence { kind, reference, file_sha256: None });
            let siglas = optional(form, "institucion");
            let text = form.value("texto");
            let reason = optional(form, "motivo");
            env.store.write(|tx| {
                let institution = match &siglas {
                    Some(s) => Some(
                        institutions::by_acronym(tx, s)?
                            .ok_or_else(|| {
                                StoreError::invalid(
                                    "institucion",
                                    format!("no hay ninguna institución con siglas «{s}»"),
                                )
                            })?
                            .id,
                    ),
                    None => None,
                };
                let report = Report { on, text, percent: Some(percent), institution, evidence, reason };
                followup::add_progress(tx, &number, &report).map(|_| None)
            })
        }
        Purpose::Reprogram(number) => {
            let deadline = parse(form, "plazo", Deadline::parse)?;
            let reason = form.value("motivo");
            env.store.write(|tx| followup::reprogram(tx, &number, deadline, &reason, today).map(|_| None))
        }
        Purpose::VoidAgreement(number) => {
            let reason = form.value("motivo");
            env.store.write(|tx| followup::void(tx, &number, &reason, today).map(|_| None))
        }
        _ => Err(StoreError::Refused("formulario equivocado".into())),
    };
    // The store names the field "texto" for the progress text; the form calls it the same.
    result.map_err(refusal)
}
