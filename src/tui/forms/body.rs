use super::{EditForm, Purpose, Refusal, labels, number, parse, refusal};
use crate::domain::Labeled;
use crate::domain::body::{
    Body, BodyKind, BodyRules, Conductor, DEFAULT_TIMEZONE, MajorityBase, MajorityRule, MeetingWord, MinimumSessions,
    QuorumRule, TIMEZONES,
};
use crate::ops::Op;
use crate::store::bodies::SessionSettings;
use crate::tui::data::Directory;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

const YES_NO: [&str; 2] = ["No", "Sí"];

pub fn body_form(data: &Directory, body: Option<&Body>, settings: &SessionSettings) -> EditForm {
    let default = Body {
        id: 0,
        acronym: String::new(),
        name: String::new(),
        kind: BodyKind::WorkingGroup,
        parent: None,
        coordinator: None,
        meeting_word: MeetingWord::Session,
        timezone: DEFAULT_TIMEZONE.into(),
        place: String::new(),
        rules: BodyRules { conductor: Conductor::for_kind(BodyKind::WorkingGroup), ..BodyRules::default() },
    };
    let b = body.unwrap_or(&default);
    let r = &b.rules;
    let parent = b.parent.map(|p| data.acronym(p).to_string()).unwrap_or_default();
    let coordinator = b.coordinator.and_then(|c| data.institution(c)).map(|i| i.acronym.clone()).unwrap_or_default();
    let fields = vec![
        Field::text("siglas", "Siglas", &b.acronym),
        Field::text("nombre", "Nombre", &b.name),
        Field::choice("tipo", "Tipo", labels::<BodyKind>(), b.kind.label()),
        Field::text("padre", "Depende de (siglas)", &parent),
        Field::text("coordina", "Coordina (siglas)", &coordinator),
        Field::choice("denominacion", "Llama a sus encuentros", labels::<MeetingWord>(), b.meeting_word.label()),
        Field::choice("zona_horaria", "Zona horaria", zones(&b.timezone), &b.timezone),
        Field::text("lugar", "Sede habitual", &b.place),
        Field::text("quorum", "Quórum", &r.quorum.text()),
        Field::text(
            "quorum_segunda",
            "Quórum 2ª convocatoria",
            &r.second_call.map(|(q, _)| q.text()).unwrap_or_default(),
        ),
        Field::text(
            "espera_segunda_min",
            "Espera 2ª conv. (min)",
            &r.second_call.map(|(_, w)| w.to_string()).unwrap_or_default(),
        ),
        Field::choice("mayoria", "Mayoría", labels::<MajorityRule>(), r.majority.label()),
        Field::choice(
            "base_mayoria",
            "Mayoría absoluta y 2/3 sobre",
            labels::<MajorityBase>(),
            r.majority_base.label(),
        ),
        Field::choice(
            "voto_de_calidad",
            "Voto de calidad",
            YES_NO.map(String::from).to_vec(),
            YES_NO[usize::from(r.casting_vote)],
        ),
        Field::choice(
            "voto_razonado",
            "Voto en contra razonado",
            YES_NO.map(String::from).to_vec(),
            YES_NO[usize::from(r.dissent_reasons)],
        ),
        Field::choice(
            "acuerdos_firmes",
            "Acuerdos firmes",
            YES_NO.map(String::from).to_vec(),
            YES_NO[usize::from(r.firm_agreements)],
        ),
        Field::choice("conduce", "Conduce y firma", labels::<Conductor>(), r.conductor.label()),
        Field::text("minimo_ordinarias", "Mínimo de ordinarias", &r.minimum.map(|m| m.text()).unwrap_or_default()),
        Field::text("aviso_ordinaria_dias", "Aviso ordinaria (días)", &r.notice_ordinary_days.to_string()),
        Field::text("aviso_extraordinaria_dias", "Aviso extraord. (días)", &r.notice_extraordinary_days.to_string()),
        Field::text("puntos_propios", "Puntos propios (con ;)", &settings.agenda_items.join("; ")),
        Field::text("patron_acuerdos", "Número de acuerdos", &settings.agreement_pattern),
    ];
    match body {
        Some(b) => Form::new(format!("Editar órgano {}", b.acronym), fields, Purpose::EditBody(b.id)),
        None => Form::new("Nuevo órgano", fields, Purpose::NewBody),
    }
}

/// The region's zones, and the body's own when a data file gave it another.
fn zones(current: &str) -> Vec<String> {
    let mut all: Vec<String> = TIMEZONES.iter().map(|z| z.to_string()).collect();
    if !all.iter().any(|z| z == current) {
        all.insert(0, current.to_string());
    }
    all
}

fn optional(form: &EditForm, key: &str) -> Option<String> {
    Some(form.value(key)).filter(|v| !v.is_empty())
}

pub fn save(env: &mut Environment, data: &Directory, form: &EditForm) -> Result<i64, Refusal> {
    let second_call = match (optional(form, "quorum_segunda"), optional(form, "espera_segunda_min")) {
        (Some(_), Some(_)) => {
            Some((parse(form, "quorum_segunda", QuorumRule::parse)?, number(form, "espera_segunda_min")?))
        }
        (Some(_), None) => {
            return Err((
                "espera_segunda_min".into(),
                "indique los minutos de espera de la segunda convocatoria".into(),
            ));
        }
        (None, Some(_)) => {
            return Err(("quorum_segunda".into(), "indique el quórum de la segunda convocatoria".into()));
        }
        (None, None) => None,
    };
    let rules = BodyRules {
        quorum: parse(form, "quorum", QuorumRule::parse)?,
        second_call,
        majority: parse(form, "mayoria", MajorityRule::parse_label)?,
        majority_base: parse(form, "base_mayoria", MajorityBase::parse_label)?,
        casting_vote: form.value("voto_de_calidad") == YES_NO[1],
        dissent_reasons: form.value("voto_razonado") == YES_NO[1],
        firm_agreements: form.value("acuerdos_firmes") == YES_NO[1],
        conductor: parse(form, "conduce", Conductor::parse_label)?,
        minimum: optional(form, "minimo_ordinarias")
            .map(|_| parse(form, "minimo_ordinarias", MinimumSessions::parse))
            .transpose()?,
        notice_ordinary_days: number(form, "aviso_ordinaria_dias")?,
        notice_extraordinary_days: number(form, "aviso_extraordinaria_dias")?,
    };
    let parent = match optional(form, "padre") {
        Some(p) => Some(
            data.bodies
                .iter()
                .find(|b| b.acronym.eq_ignore_ascii_case(&p))
                .map(|b| b.id)
                .ok_or_else(|| ("padre".to_string(), format!("no hay ningún órgano con siglas «{p}»")))?,
        ),
        None => None,
    };
    let coordinator_siglas = optional(form, "coordina");
    let settings = SessionSettings {
        agenda_items: form
            .value("puntos_propios")
            .split(';')
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect(),
        agreement_pattern: form.value("patron_acuerdos"),
    };
    let id = match form.purpose {
        Purpose::EditBody(id) => id,
        _ => 0,
    };
    let body = Body {
        id,
        acronym: form.value("siglas"),
        name: form.value("nombre"),
        kind: parse(form, "tipo", BodyKind::parse_label)?,
        parent,
        coordinator: None,
        meeting_word: parse(form, "denominacion", MeetingWord::parse_label)?,
        timezone: form.value("zona_horaria"),
        place: form.value("lugar"),
        rules,
    };
    let done = env.run(Op::SaveBody { body, coordinator: coordinator_siglas, settings }).map_err(refusal)?;
    Ok(done.id.unwrap_or(id))
}
