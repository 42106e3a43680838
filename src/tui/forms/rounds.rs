//! Forms of the follow-up rounds: opening one, recording that oficios went out, and answers.

use chrono::NaiveDate;

use super::{EditForm, Purpose, Refusal, chosen_body, parse, refusal};
use crate::domain::dates::parse_date;
use crate::store::{StoreError, rounds};
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
    let now = env.now();
    match form.purpose.clone() {
        Purpose::NewRound => {
            let body = chosen_body(data, form)?.id;
            let cutoff = parse(form, "corte", parse_date)?;
            env.store.write(|tx| rounds::create(tx, body, cutoff, now)).map(Some).map_err(refusal)
        }
        Purpose::RoundSent { round, institution } => {
            let on = parse(form, "fecha", parse_date)?;
            env.store
                .write(|tx| {
                    let targets: Vec<i64> = match institution {
                        Some(i) => vec![i],
                        None => rounds::requests(tx, round)?
                            .iter()
                            .filter(|q| q.sent_on.is_none())
                            .map(|q| q.institution)
                            .collect(),
                    };
                    if targets.is_empty() {
                        return Err(StoreError::Refused("todos los oficios de la ronda ya se enviaron".into()));
                    }
                    for i in targets {
                        rounds::mark_sent(tx, round, i, on)?;
                    }
                    Ok(None)
                })
                .map_err(refusal)
        }
        Purpose::RoundAnswer { round, institution } => {
            let on = parse(form, "fecha", parse_date)?;
            let reply = form.value("oficio");
            env.store
                .write(|tx| rounds::mark_answered(tx, round, institution, on, Some(reply.as_str())))
                .map(|()| None)
                .map_err(refusal)
        }
        _ => Ok(None),
    }
}
