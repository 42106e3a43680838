use super::{EditForm, Purpose, Refusal, labels, number, parse, refusal};
use crate::domain::Labeled;
use crate::domain::dates::parse_date;
use crate::domain::member::{
    Institution, InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights,
};
use crate::ops::Op;
use crate::store::members;
use crate::tui::env::Environment;
use crate::tui::widgets::form::{Field, Form};

pub fn member_form(body: i64, existing: Option<(&Membership, &Institution)>) -> EditForm {
    let (siglas, name, kind, rights, office, weight) = match existing {
        Some((m, i)) => (i.acronym.as_str(), i.name.as_str(), i.kind, m.rights, m.office, m.weight),
        None => ("", "", InstitutionKind::Institution, Rights::VoiceAndVote, Office::Member, 1),
    };
    let fields = vec![
        Field::text("institucion", "Siglas de la institución", siglas),
        Field::text("nombre", "Nombre (si es nueva)", name),
        Field::choice("tipo", "Tipo", labels::<InstitutionKind>(), kind.label()),
        Field::choice("derechos", "Derechos", labels::<Rights>(), rights.label()),
        Field::choice("cargo", "Cargo", labels::<Office>(), office.label()),
        Field::text("peso", "Peso del voto", &weight.to_string()),
    ];
    match existing {
        Some((m, i)) => Form::new(format!("Editar integrante {}", i.acronym), fields, Purpose::EditMember(m.id)),
        None => Form::new("Nueva integrante", fields, Purpose::NewMember(body)),
    }
}

/// Saves a membership; an institution whose siglas are unknown is created with the name
/// given, and a known one takes the name typed if it changed.
pub fn save(env: &mut Environment, form: &EditForm) -> Result<i64, Refusal> {
    let siglas = form.value("institucion");
    let name = form.value("nombre");
    let kind = parse(form, "tipo", InstitutionKind::parse_label)?;
    let rights = parse(form, "derechos", Rights::parse_label)?;
    let office = parse(form, "cargo", Office::parse_label)?;
    let weight = number(form, "peso")?;
    let (membership, body) = match form.purpose {
        Purpose::EditMember(id) => (id, members::get(env.store.conn(), id).ok().flatten().map_or(0, |m| m.body)),
        Purpose::NewMember(body) => (0, body),
        _ => return Err((String::new(), "formulario equivocado".into())),
    };
    let op = Op::SaveMember { membership, body, institution: siglas, name, kind, rights, office, weight };
    env.run(op).map_err(refusal)?.id.ok_or_else(|| (String::new(), "la integrante no se guardó".into()))
}

pub fn representative_form(
    membership: i64,
    role: RepresentativeRole,
    institution: &str,
    current: Option<&Representative>,
) -> EditForm {
    let empty = Representative::default();
    let r = current.unwrap_or(&empty);
    let role_title = if role == RepresentativeRole::Titular { "Titular" } else { "Suplente" };
    let fields = vec![
        Field::text("nombre", "Nombre", &r.name),
        Field::text("puesto", "Puesto", &r.position),
        Field::text("correo", "Correo", &r.email),
        Field::text("telefono", "Teléfono", &r.phone),
        Field::text("designacion", "Fecha de designación", &r.designated_on.map(|d| d.to_string()).unwrap_or_default()),
        Field::text("oficio", "Oficio de designación", &r.letter_ref),
    ];
    Form::new(format!("{role_title} de {institution}"), fields, Purpose::Representative(membership, role))
}

pub fn save_representative(
    env: &mut Environment,
    form: &EditForm,
    membership: i64,
    role: RepresentativeRole,
) -> Result<(), Refusal> {
    let designated = form.value("designacion");
    let rep = Representative {
        name: form.value("nombre"),
        position: form.value("puesto"),
        email: form.value("correo"),
        phone: form.value("telefono"),
        designated_on: if designated.is_empty() { None } else { Some(parse(form, "designacion", parse_date)?) },
        letter_ref: form.value("oficio"),
    };
    let on = env.today;
    env.run(Op::Designate { membership, role, person: rep, on }).map(|_| ()).map_err(refusal)
}
