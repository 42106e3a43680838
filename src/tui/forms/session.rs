use chrono::{Datelike, NaiveDate};

use super::{EditForm, Purpose, Refusal, chosen_body, labels, number, parse, refusal, year};
use crate::domain::Labeled;
use crate::domain::dates::{day_month, format_time};
use crate::domain::schedule::Schedule;
use crate::domain::session::{Modality, Session, SessionKind, SessionStatus};
use crate::ops::Op;
use crate::store::sessions;
use crate::tui::data::Directory;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

/// A form for `session`, or for a new one on `day` (its date pre-filled) of the first body.
pub fn session_form(env: &Environment, data: &Directory, session: Option<&Session>, day: NaiveDate) -> EditForm {
    let bodies: Vec<String> = data.bodies.iter().map(|b| b.acronym.clone()).collect();
    let (body, kind, number, year, when, time, place, modality, link, status, planned) = match session {
        Some(s) => (
            data.acronym(s.body).to_string(),
            s.kind,
            s.number.to_string(),
            s.schedule.year().to_string(),
            s.schedule.calendar_text(),
            s.schedule.time().map(format_time).unwrap_or_default(),
            s.place.clone(),
            s.modality,
            s.link.clone(),
            s.status,
            s.planned.clone().unwrap_or_default(),
        ),
        None => {
            let first = data.bodies.first();
            let next = first
                .and_then(|b| sessions::next_number(env.store.conn(), b.id, SessionKind::Ordinary).ok())
                .unwrap_or(1);
            let place = first.map(|b| b.place.clone()).unwrap_or_default();
            let (year, when) = (day.year().to_string(), day_month(day));
            let body = first.map(|b| b.acronym.clone()).unwrap_or_default();
            (
                body,
                SessionKind::Ordinary,
                next.to_string(),
                year,
                when,
                "10:00".into(),
                place,
                Modality::InPerson,
                String::new(),
                SessionStatus::Scheduled,
                String::new(),
            )
        }
    };
    let fields = vec![
        Field::choice("organo", "Órgano", bodies, &body),
        Field::choice("tipo", "Tipo", labels::<SessionKind>(), kind.label()),
        Field::text("numero", "Número", &number),
        Field::text("anio", "Año", &year),
        Field::text("cuando", "Fecha o ventana", &when),
        Field::text("hora", "Hora", &time),
        Field::text("lugar", "Lugar", &place),
        Field::choice("modalidad", "Modalidad", labels::<Modality>(), modality.label()),
        Field::text("enlace", "Enlace", &link),
        Field::choice("estado", "Estado", labels::<SessionStatus>(), status.label()),
        Field::text("previsto", "Previsto originalmente", &planned),
    ];
    match session {
        Some(s) => Form::new("Editar sesión", fields, Purpose::EditSession(s.id)),
        None => Form::new("Nueva sesión", fields, Purpose::NewSession),
    }
}

/// In a new-session form, choosing another body or kind proposes that body's next number and
/// its usual place (unless the user already typed another place).
pub fn refresh_new(env: &Environment, data: &Directory, form: &mut EditForm, previous_body: &str) {
    if form.purpose != Purpose::NewSession {
        return;
    }
    let Some(body) = data.bodies.iter().find(|b| b.acronym == form.value("organo")) else { return };
    let Ok(kind) = SessionKind::parse_label(&form.value("tipo")) else { return };
    if let Ok(n) = sessions::next_number(env.store.conn(), body.id, kind) {
        form.set_text("numero", &n.to_string());
    }
    let old_place = data.bodies.iter().find(|b| b.acronym == previous_body).map(|b| b.place.as_str()).unwrap_or("");
    if form.value("lugar").is_empty() || form.value("lugar") == old_place {
        form.set_text("lugar", &body.place);
    }
}

pub fn save(env: &mut Environment, data: &Directory, form: &EditForm) -> Result<i64, Refusal> {
    let body = chosen_body(data, form)?;
    let year = year(form)?;
    let time = form.value("hora");
    let schedule =
        Schedule::parse(&form.value("cuando"), year, Some(&time).filter(|t| !t.is_empty()).map(String::as_str))
            .map_err(|m| (if m.contains("hora") { "hora" } else { "cuando" }.to_string(), m))?;
    let planned = form.value("previsto");
    let id = match form.purpose {
        Purpose::EditSession(id) => id,
        _ => 0,
    };
    let session = Session {
        id,
        body: body.id,
        kind: parse(form, "tipo", SessionKind::parse_label)?,
        number: number(form, "numero")?,
        schedule,
        planned: Some(planned).filter(|p| !p.is_empty()),
        scheduled_on: None,
        place: form.value("lugar"),
        modality: parse(form, "modalidad", Modality::parse_label)?,
        link: form.value("enlace"),
        status: parse(form, "estado", SessionStatus::parse_label)?,
    };
    Ok(env.run(Op::SaveSession { session }).map_err(refusal)?.id.unwrap_or(id))
}
