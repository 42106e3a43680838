//! Forms of the acta's approval cycle.

use super::{EditForm, Purpose, Refusal, parse, refusal};
use crate::domain::dates::parse_date;
use crate::store::{StoreError, institutions, minutes};
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
    let purpose = form.purpose.clone();
    let result = match purpose {
        Purpose::SendMinutes(session) => {
            let on = parse(form, "fecha", parse_date)?;
            env.store.write(|tx| minutes::send(tx, session, on)).map(|_| None)
        }
        Purpose::Observation(session) => {
            let on = parse(form, "fecha", parse_date)?;
            let siglas = form.value("institucion");
            let text = form.value("observacion");
            env.store
                .write(|tx| {
                    let inst = institutions::by_acronym(tx, &siglas)?.ok_or_else(|| {
                        StoreError::invalid("institucion", format!("no hay ninguna institución con siglas «{siglas}»"))
                    })?;
                    minutes::add_observation(tx, session, inst.id, &text, on)
                })
                .map(Some)
        }
        Purpose::ApproveMinutes(session, options) => {
            let approving = chosen(form, &options)?;
            env.store.write(|tx| minutes::approve(tx, session, approving)).map(|_| None)
        }
        Purpose::Erratum(session) => {
            let text = form.value("texto");
            let today = env.today;
            env.store.write(|tx| minutes::add_erratum(tx, session, &text, today)).map(Some)
        }
        Purpose::ApproveErratum(erratum, options) => {
            let approving = chosen(form, &options)?;
            env.store.write(|tx| minutes::approve_erratum(tx, erratum, approving)).map(|_| None)
        }
        _ => Err(StoreError::Refused("formulario equivocado".into())),
    };
    result.map_err(refusal)
}
