//! Forms of the follow-up rounds: opening one, recording that oficios went out, and answers.

use chrono::NaiveDate;

use super::{EditForm, Purpose, Refusal, chosen_body, parse, refusal};
use crate::domain::dates::parse_date;
use crate::ops::Op;
use crate::tui::data::Directory;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

pub fn round_form(data: &Directory, today: NaiveDate) -> EditForm {
    let bodies: Vec<String> = data.bodies.iter().map(|b| b.acronym.clone()).collect();
    let first = bodies.first().cloned().unwrap_or_default();
    let fields = vec![
        Field::choice("organo", "Órgano", bodies, &first),
        Field::text("corte", "Fecha de corte", &today.to_string()),
    ];
    Form::new("Nueva ronda de seguimiento", fields, Purpose::NewRound)
}

/// Sending one institution's oficio (`Some`) or every one not yet sent.
pub fn sent_form(round: i64, institution: Option<(i64, &str)>, today: NaiveDate) -> EditForm {
    let title = match institution {
        Some((_, acronym)) => format!("Envío del oficio a {acronym}"),
        None => "Envío de todos los oficios sin enviar".into(),
    };
    let fields = vec![Field::text("fecha", "Fecha de envío", &today.to_string())];
    Form::new(title, fields, Purpose::RoundSent { round, institution: institution.map(|(id, _)| id) })
}

pub fn answer_form(round: i64, institution: i64, acronym: &str, today: NaiveDate) -> EditForm {
    let fields = vec![
        Field::text("fecha", "Fecha de la respuesta", &today.to_string()),
        Field::text("oficio", "Oficio de respuesta (opcional)", ""),
    ];
    Form::new(format!("Respuesta de {acronym}"), fields, Purpose::RoundAnswer { round, institution })
}

/// Saves the form; a new round returns its id.
pub fn save(env: &mut Environment, data: &Directory, form: &EditForm) -> Result<Option<i64>, Refusal> {
    let op = match form.purpose.clone() {
        Purpose::NewRound => {
            let body = chosen_body(data, form)?;
            Op::OpenRound { body: body.id, cutoff: parse(form, "corte", parse_date)?, at: env.now_in(&body.timezone) }
        }
        Purpose::RoundSent { round, institution } => {
            Op::MarkSent { round, institutions: institution.map(|i| vec![i]), on: parse(form, "fecha", parse_date)? }
        }
        Purpose::RoundAnswer { round, institution } => Op::MarkAnswered {
            round,
            institution,
            on: parse(form, "fecha", parse_date)?,
            reply: Some(form.value("oficio")),
        },
        _ => return Ok(None),
    };
    let creates = matches!(op, Op::OpenRound { .. });
    let done = env.run(op).map_err(refusal)?;
    Ok(if creates { done.id } else { None })
}
