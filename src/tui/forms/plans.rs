//! The work plan's activities from the Seguimiento screen: adding one to a body's plan for a
//! year (the plan is created if the body has none that year) and correcting one.

use chrono::Datelike;

use super::{EditForm, Purpose, Refusal, chosen_body, refusal, year};
use crate::ops::Op;
use crate::store::plans::{self, Activity, ActivityPlan};
use crate::store::{Result as StoreResult, institutions};
use crate::tui::data::Directory;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

fn plan_fields(a: &ActivityPlan, siglas: &str) -> Vec<Field> {
    vec![
        Field::text("objetivo", "Objetivo", &a.objective),
        Field::text("estrategia", "Estrategia o línea de acción", &a.strategy),
        Field::text("actividad", "Actividad", &a.text),
        Field::text("meta", "Meta", &a.goal),
        Field::text("indicador", "Indicador", &a.indicator),
        Field::text("periodo", "Periodo (p. ej. «1er semestre»)", &a.period),
        Field::text("responsables", "Responsables (siglas, separadas por comas)", siglas),
        Field::text("responsables_texto", "Responsables como los escribe el programa", &a.responsible_note),
    ]
}

/// A new activity; the body and year proposed are those of the selected commitment.
pub fn activity_form(data: &Directory, body: Option<&str>, year: i32) -> EditForm {
    let bodies: Vec<String> = data.bodies.iter().map(|b| b.acronym.clone()).collect();
    let chosen = body.map(str::to_string).or_else(|| bodies.first().cloned()).unwrap_or_default();
    let mut fields = vec![
        Field::choice("organo", "Órgano", bodies, &chosen),
        Field::text("anio", "Año del programa", &year.to_string()),
        Field::text("titulo", "Título del programa (si se crea)", ""),
    ];
    fields.extend(plan_fields(&ActivityPlan::default(), ""));
    Form::new("Nueva actividad del programa de trabajo", fields, Purpose::NewActivity)
}

pub fn edit_activity_form(env: &Environment, a: &Activity) -> StoreResult<EditForm> {
    let mut siglas = Vec::new();
    for id in &a.details.responsibles {
        if let Some(i) = institutions::get(env.store.conn(), *id)? {
            siglas.push(i.acronym);
        }
    }
    let title = plans::get(env.store.conn(), a.plan)?.map(|p| p.title).unwrap_or_default();
    let mut fields = vec![Field::text("titulo", "Título del programa de trabajo", &title)];
    fields.extend(plan_fields(&a.details, &siglas.join(", ")));
    Ok(Form::new(format!("Corregir {}", a.number), fields, Purpose::EditActivity(a.id)))
}

fn details(env: &Environment, form: &EditForm) -> Result<ActivityPlan, Refusal> {
    let mut responsibles = Vec::new();
    let all = institutions::list(env.store.conn()).map_err(refusal)?;
    for s in form.value("responsables").split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let i = crate::domain::member::find_institution(&all, s)
            .ok_or_else(|| ("responsables".to_string(), format!("no existe la institución «{s}»")))?;
        responsibles.push(i.id);
    }
    Ok(ActivityPlan {
        objective: form.value("objetivo"),
        strategy: form.value("estrategia"),
        text: form.value("actividad"),
        goal: form.value("meta"),
        indicator: form.value("indicador"),
        period: form.value("periodo"),
        responsible_note: form.value("responsables_texto"),
        responsibles,
    })
}

/// Saves the form; returns the activity's id.
pub fn save(env: &mut Environment, data: &Directory, form: &EditForm) -> Result<Option<i64>, Refusal> {
    let details = details(env, form)?;
    let plan_title = form.value("titulo").trim().to_string();
    let op = match form.purpose {
        Purpose::NewActivity => {
            Op::AddActivity { body: chosen_body(data, form)?.id, year: year(form)?, plan_title, activity: details }
        }
        Purpose::EditActivity(activity) => Op::EditActivity { activity, plan_title, details },
        _ => return Err((String::new(), "formulario inesperado".into())),
    };
    env.run(op).map(|d| d.id).map_err(refusal)
}

/// The year a new activity is proposed for: the one of the selected row's deadline, or today's.
pub fn proposed_year(deadline: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> i32 {
    deadline.unwrap_or(today).year()
}
