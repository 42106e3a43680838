//! Forms of the follow-up: a progress report with its evidence, a new deadline, sin efecto.

use super::{EditForm, Purpose, Refusal, labels, parse, refusal};
use crate::domain::Labeled;
use crate::domain::agreement::Deadline;
use crate::domain::dates::parse_date;
use crate::domain::followup::EvidenceKind;
use crate::ops::Op;
use crate::store::followup::Evidence;
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
    let op = match form.purpose.clone() {
        Purpose::Progress(number) => {
            let kind = parse(form, "tipo", EvidenceKind::parse_label)?;
            Op::AddProgress {
                number,
                on: parse(form, "fecha", parse_date)?,
                text: form.value("texto"),
                percent: Some(parse(form, "porcentaje", |t| {
                    t.parse::<u32>().map_err(|_| format!("«{t}» no es un número"))
                })?),
                institution: optional(form, "institucion"),
                evidence: optional(form, "evidencia").map(|reference| Evidence { kind, reference, file_sha256: None }),
                reason: optional(form, "motivo"),
            }
        }
        Purpose::Reprogram(number) => Op::Reprogram {
            number,
            deadline: parse(form, "plazo", Deadline::parse)?,
            reason: form.value("motivo"),
            on: today,
        },
        Purpose::VoidAgreement(number) => Op::Void { number, reason: form.value("motivo"), on: today },
        _ => return Err((String::new(), "formulario equivocado".into())),
    };
    // The operation names the field "texto" for the progress text; the form calls it the same.
    env.run(op).map(|_| None).map_err(refusal)
}
