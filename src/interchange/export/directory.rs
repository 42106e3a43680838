//! Institutions, bodies with all their rules and settings, and their members with the baja
//! and every designation, past and present.

use rusqlite::Connection;

use super::{Names, Toml};
use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::member::{
    Institution, InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights,
};
use crate::store::{self, bodies, members};

/// Writes institutions by siglas.
pub(super) fn write_institutions<'a>(out: &mut Toml, list: impl Iterator<Item = &'a Institution>) {
    let mut all: Vec<&Institution> = list.collect();
    all.sort_by(|a, b| a.acronym.cmp(&b.acronym));
    for i in all {
        out.header("[[instituciones]]");
        out.str("siglas", &i.acronym);
        out.str("nombre", &i.name);
        if i.kind != InstitutionKind::Institution {
            out.str("tipo", i.kind.label());
        }
    }
}

pub(super) fn write_body(
    out: &mut Toml,
    conn: &Connection,
    b: &Body,
    own: &[&Membership],
    names: &Names,
) -> store::Result<()> {
    let settings = bodies::session_settings(conn, b.id)?;
    let follow_up = bodies::follow_up_settings(conn, b.id)?;
    out.header("[[organos]]");
    out.int("id", b.id);
    out.str("siglas", &b.acronym);
    out.str("nombre", &b.name);
    out.str("tipo", b.kind.label());
    if let Some(p) = b.parent {
        out.str("padre", names.body(p));
    }
    if let Some(c) = b.coordinator {
        out.str("coordina", names.institution(c));
    }
    out.str("denominacion", b.meeting_word.label());
    out.str("zona_horaria", &b.timezone);
    out.opt("lugar", &b.place);
    let r = &b.rules;
    out.str("quorum", &r.quorum.text());
    if let Some((q, wait)) = r.second_call {
        out.str("quorum_segunda", &q.text());
        out.int("espera_segunda_min", wait.into());
    }
    out.str("mayoria", r.majority.label());
    if r.majority_base != crate::domain::body::MajorityBase::Present {
        out.str("base_mayoria", r.majority_base.label());
    }
    out.bool("voto_de_calidad", r.casting_vote);
    if r.dissent_reasons {
        out.bool("voto_razonado", true);
    }
    if r.firm_agreements {
        out.bool("acuerdos_firmes", true);
    }
    if r.conductor != crate::domain::body::Conductor::for_kind(b.kind) {
        out.str("conduce", r.conductor.label());
    }
    if let Some(m) = r.minimum {
        out.str("minimo_ordinarias", &m.text());
    }
    out.int("aviso_ordinaria_dias", r.notice_ordinary_days.into());
    out.int("aviso_extraordinaria_dias", r.notice_extraordinary_days.into());
    let defaults = bodies::FollowUpSettings::default();
    if follow_up.warning_days != defaults.warning_days {
        out.int("aviso_vencimiento_dias", follow_up.warning_days.into());
    }
    if follow_up.attendance_target != defaults.attendance_target {
        out.int("meta_asistencia", follow_up.attendance_target.into());
    }
    if !settings.agenda_items.is_empty() {
        let items: Vec<&str> = settings.agenda_items.iter().map(String::as_str).collect();
        out.list("puntos_propios", &items);
    }
    if settings.agreement_pattern != crate::domain::agreement::DEFAULT_PATTERN {
        out.str("patron_acuerdos", &settings.agreement_pattern);
    }
    super::documents::write_body(out, conn, b.id)?;
    for m in own.iter().filter(|m| m.body == b.id) {
        write_member(out, conn, m, names)?;
    }
    super::documents::write_narratives(out, conn, b.id)
}

fn write_member(out: &mut Toml, conn: &Connection, m: &Membership, names: &Names) -> store::Result<()> {
    out.header("[[organos.integrantes]]");
    out.str("institucion", names.institution(m.institution));
    if m.rights != Rights::VoiceAndVote {
        out.str("derechos", m.rights.label());
    }
    if m.office != Office::Member {
        out.str("cargo", m.office.label());
    }
    if m.weight != 1 {
        out.int("peso", m.weight.into());
    }
    if let Some(end) = m.ended_on {
        out.date("baja", end);
        out.opt("motivo_baja", &members::end_reason(conn, m.id)?);
    }
    let history = members::designations(conn, m.id)?;
    for (role, key) in [(RepresentativeRole::Titular, "titular"), (RepresentativeRole::Alternate, "suplente")] {
        if let Some(d) = history.iter().find(|d| d.role == role && d.ended_on.is_none()) {
            out.header(&format!("[organos.integrantes.{key}]"));
            write_person(out, &d.person);
        }
    }
    for d in history.iter().filter(|d| d.ended_on.is_some()) {
        out.header("[[organos.integrantes.anteriores]]");
        out.str("rol", d.role.label());
        write_person(out, &d.person);
        out.opt_date("hasta", d.ended_on);
    }
    Ok(())
}

fn write_person(out: &mut Toml, r: &Representative) {
    out.str("nombre", &r.name);
    out.opt("puesto", &r.position);
    out.opt("correo", &r.email);
    out.opt("telefono", &r.phone);
    out.opt_date("designacion", r.designated_on);
    out.opt("oficio", &r.letter_ref);
}
