//! Forms of the acta's approval cycle.

use super::{EditForm, Purpose, Refusal, parse, refusal};
use crate::domain::dates::parse_date;
use crate::ops::Op;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

pub fn send_form(session: i64, today: chrono::NaiveDate) -> EditForm {
    let fields = vec![Field::text("fecha", "Fecha de envío", &today.to_string())];
    Form::new("Enviar el acta a revisión", fields, Purpose::SendMinutes(session))
}

pub fn observation_form(session: i64, today: chrono::NaiveDate) -> EditForm {
    let fields = vec![
        Field::text("institucion", "Institución (siglas)", ""),
        Field::text("observacion", "Observación", ""),
        Field::text("fecha", "Recibida el", &today.to_string()),
    ];
    Form::new("Observación al acta", fields, Purpose::Observation(session))
}

/// Choosing the later closed session that approves the acta (or an erratum): `options` are
/// (session id, title with date).
pub fn approve_form(purpose: Purpose, options: &[(i64, String)]) -> EditForm {
    let labels: Vec<String> = options.iter().map(|(_, t)| t.clone()).collect();
    let first = labels.first().cloned().unwrap_or_default();
    let title =
        if matches!(purpose, Purpose::ApproveErratum(..)) { "Aprobar la fe de erratas" } else { "Aprobar el acta" };
    Form::new(title, vec![Field::choice("sesion", "Aprobada en la sesión", labels, &first)], purpose)
}

pub fn erratum_form(session: i64) -> EditForm {
    let fields = vec![Field::text("texto", "Fe de erratas", "Donde dice «…» debe decir «…».")];
    Form::new("Fe de erratas", fields, Purpose::Erratum(session))
}

fn chosen(form: &EditForm, options: &[i64]) -> Result<i64, Refusal> {
    let idx = match form.fields.first().map(|f| &f.input) {
        Some(crate::tui::widgets::form::Input::Choice { index, .. }) => *index,
        _ => 0,
    };
    options.get(idx).copied().ok_or_else(|| {
        ("sesion".to_string(), "no hay una sesión posterior clausurada del órgano que pueda aprobarla".to_string())
    })
}

pub fn save(env: &mut Environment, form: &EditForm) -> Result<Option<i64>, Refusal> {
    let op = match form.purpose.clone() {
        Purpose::SendMinutes(session) => Op::SendMinutes { session, on: parse(form, "fecha", parse_date)? },
        Purpose::Observation(session) => Op::AddObservation {
            session,
            institution: form.value("institucion"),
            text: form.value("observacion"),
            on: parse(form, "fecha", parse_date)?,
        },
        Purpose::ApproveMinutes(session, options) => Op::ApproveMinutes { session, approving: chosen(form, &options)? },
        Purpose::Erratum(session) => Op::AddErratum { session, text: form.value("texto"), on: env.today },
        Purpose::ApproveErratum(erratum, options) => Op::ApproveErratum { erratum, approving: chosen(form, &options)? },
        _ => return Err((String::new(), "formulario equivocado".into())),
    };
    let creates = matches!(op, Op::AddObservation { .. } | Op::AddErratum { .. });
    let done = env.run(op).map_err(refusal)?;
    Ok(if creates { done.id } else { None })
}
