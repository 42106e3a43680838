//! Institutions, bodies with their rules and settings, and members with their baja and every
//! designation, past and present.

use toml::Spanned;

use super::{Ctx, ImportError, Summary, locate, span};
use crate::domain::Labeled;
use crate::domain::body::{
    Body, BodyKind, BodyRules, Conductor, DEFAULT_TIMEZONE, MajorityBase, MajorityRule, MeetingWord, MinimumSessions,
    QuorumRule,
};
use crate::domain::member::{InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights};
use crate::interchange::schema::{BodyDoc, FileDoc, MemberDoc, PastDesignationDoc, RepresentativeDoc, Text, text};
use crate::ops::Tx;
use crate::store::members::Designation;
use crate::store::{bodies, institutions, members};

pub(super) fn institutions(tx: &Tx, ctx: &Ctx, doc: &FileDoc, summary: &mut Summary) -> Result<(), ImportError> {
    for i in &doc.instituciones {
        let kind =
            ctx.parse_opt(&i.tipo, "tipo", InstitutionKind::parse_label)?.unwrap_or(InstitutionKind::Institution);
        let fields = [("siglas", Some(i.siglas.span())), ("nombre", Some(i.nombre.span()))];
        let existed = institutions::by_acronym(tx, i.siglas.get_ref())
            .map_err(|e| ctx.store(e, locate(&fields), i.siglas.span()))?;
        institutions::ensure(tx, i.siglas.get_ref(), i.nombre.get_ref(), kind)
            .map_err(|e| ctx.store(e, locate(&fields), i.siglas.span()))?;
        if existed.is_none() {
            summary.institutions += 1;
        }
    }
    Ok(())
}

/// An institution named by siglas in `field`.
pub(super) fn institution_id(tx: &Tx, ctx: &Ctx, siglas: &Text, field: &str) -> Result<i64, ImportError> {
    match institutions::by_acronym(tx, siglas.get_ref()) {
        Ok(Some(i)) => Ok(i.id),
        Ok(None) => Err(ctx.at(
            siglas.span(),
            field,
            format!("no hay ninguna institución con siglas «{}»; defínala en [[instituciones]]", siglas.get_ref()),
        )),
        Err(e) => Err(ctx.store(e, |_| None, siglas.span())),
    }
}

/// A body named by siglas in `field`.
pub(super) fn body_named(tx: &Tx, ctx: &Ctx, siglas: &Text, field: &str) -> Result<Body, ImportError> {
    bodies::by_acronym(tx, siglas.get_ref())
        .map_err(|e| ctx.store(e, |_| None, siglas.span()))?
        .ok_or_else(|| ctx.at(siglas.span(), field, format!("no hay ningún órgano con siglas «{}»", siglas.get_ref())))
}

fn body_fields(b: &BodyDoc) -> Vec<(&'static str, Option<std::ops::Range<usize>>)> {
    vec![
        ("id", span(&b.id)),
        ("siglas", Some(b.siglas.span())),
        ("nombre", Some(b.nombre.span())),
        ("zona_horaria", span(&b.zona_horaria)),
        ("padre", span(&b.padre)),
        ("coordina", span(&b.coordina)),
        ("espera_segunda_min", span(&b.espera_segunda_min)),
        ("aviso_ordinaria_dias", span(&b.aviso_ordinaria_dias)),
        ("aviso_vencimiento_dias", span(&b.aviso_vencimiento_dias)),
        ("meta_asistencia", span(&b.meta_asistencia)),
    ]
}

pub(super) fn body(tx: &Tx, ctx: &Ctx, b: &BodyDoc) -> Result<i64, ImportError> {
    let second_call = match (&b.quorum_segunda, &b.espera_segunda_min) {
        (Some(q), Some(w)) => Some((ctx.parse(q, "quorum_segunda", QuorumRule::parse)?, *w.get_ref())),
        (Some(q), None) => {
            return Err(ctx.at(
                q.span(),
                "espera_segunda_min",
                "falta la espera en minutos de la segunda convocatoria",
            ));
        }
        (None, Some(w)) => {
            return Err(ctx.at(w.span(), "quorum_segunda", "hay espera de segunda convocatoria pero falta su quórum"));
        }
        (None, None) => None,
    };
    let defaults = BodyRules::default();
    let kind = ctx.parse(&b.tipo, "tipo", BodyKind::parse_label)?;
    let rules = BodyRules {
        quorum: ctx.parse_opt(&b.quorum, "quorum", QuorumRule::parse)?.unwrap_or(defaults.quorum),
        second_call,
        majority: ctx.parse_opt(&b.mayoria, "mayoria", MajorityRule::parse_label)?.unwrap_or(defaults.majority),
        majority_base: ctx
            .parse_opt(&b.base_mayoria, "base_mayoria", MajorityBase::parse_label)?
            .unwrap_or(defaults.majority_base),
        casting_vote: b.voto_de_calidad.unwrap_or(false),
        dissent_reasons: b.voto_razonado.unwrap_or(false),
        firm_agreements: b.acuerdos_firmes.unwrap_or(false),
        conductor: ctx.parse_opt(&b.conduce, "conduce", Conductor::parse_label)?.unwrap_or(Conductor::for_kind(kind)),
        minimum: ctx.parse_opt(&b.minimo_ordinarias, "minimo_ordinarias", MinimumSessions::parse)?,
        notice_ordinary_days: b.aviso_ordinaria_dias.as_ref().map_or(defaults.notice_ordinary_days, |v| *v.get_ref()),
        notice_extraordinary_days: b
            .aviso_extraordinaria_dias
            .as_ref()
            .map_or(defaults.notice_extraordinary_days, |v| *v.get_ref()),
    };
    let coordinator = b.coordina.as_ref().map(|c| institution_id(tx, ctx, c, "coordina")).transpose()?;
    let body = Body {
        id: ctx.id(&b.id)?,
        acronym: b.siglas.get_ref().clone(),
        name: b.nombre.get_ref().clone(),
        kind,
        parent: None,
        coordinator,
        meeting_word: ctx
            .parse_opt(&b.denominacion, "denominacion", MeetingWord::parse_label)?
            .unwrap_or(MeetingWord::Session),
        timezone: b.zona_horaria.as_ref().map_or(DEFAULT_TIMEZONE.to_string(), |z| z.get_ref().clone()),
        place: text(&b.lugar).to_string(),
        rules,
    };
    let fields = body_fields(b);
    let id = bodies::insert_recorded(tx, &body).map_err(|e| ctx.store(e, locate(&fields), b.siglas.span()))?;
    let settings = bodies::SessionSettings {
        agenda_items: b.puntos_propios.clone(),
        agreement_pattern: b
            .patron_acuerdos
            .as_ref()
            .map_or(crate::domain::agreement::DEFAULT_PATTERN.to_string(), |p| p.get_ref().clone()),
    };
    let at = b.patron_acuerdos.as_ref().map_or(b.siglas.span(), Spanned::span);
    bodies::set_session_settings(tx, id, &settings).map_err(|e| ctx.store(e, |_| Some(at.clone()), at.clone()))?;
    let defaults = bodies::FollowUpSettings::default();
    let follow_up = bodies::FollowUpSettings {
        warning_days: b.aviso_vencimiento_dias.as_ref().map_or(defaults.warning_days, |v| *v.get_ref()),
        attendance_target: b.meta_asistencia.as_ref().map_or(defaults.attendance_target, |v| *v.get_ref()),
    };
    bodies::set_follow_up_settings(tx, id, follow_up).map_err(|e| ctx.store(e, locate(&fields), b.siglas.span()))?;
    super::documents::body(tx, ctx, id, b)?;
    Ok(id)
}

pub(super) fn link_parent(tx: &Tx, ctx: &Ctx, id: i64, b: &BodyDoc) -> Result<(), ImportError> {
    let Some(padre) = &b.padre else { return Ok(()) };
    let fields = body_fields(b);
    let err = |e| ctx.store(e, locate(&fields), padre.span());
    let parent = body_named(tx, ctx, padre, "padre")?;
    let mut body = bodies::get(tx, id)
        .map_err(err)?
        .ok_or_else(|| ctx.at(b.siglas.span(), "siglas", "el órgano desapareció durante la importación"))?;
    body.parent = Some(parent.id);
    bodies::update(tx, &body).map_err(err)
}

/// The body's members in the order of the file (which is the order they were made in).
pub(super) fn members(tx: &Tx, ctx: &Ctx, body: i64, b: &BodyDoc, summary: &mut Summary) -> Result<(), ImportError> {
    for m in &b.integrantes {
        member(tx, ctx, body, m, summary)?;
    }
    Ok(())
}

fn member(tx: &Tx, ctx: &Ctx, body: i64, m: &MemberDoc, summary: &mut Summary) -> Result<(), ImportError> {
    let membership = Membership {
        id: 0,
        body,
        institution: institution_id(tx, ctx, &m.institucion, "institucion")?,
        rights: ctx.parse_opt(&m.derechos, "derechos", Rights::parse_label)?.unwrap_or(Rights::VoiceAndVote),
        office: ctx.parse_opt(&m.cargo, "cargo", Office::parse_label)?.unwrap_or(Office::Member),
        weight: m.peso.as_ref().map_or(1, |p| *p.get_ref()),
        ended_on: ctx.opt_date(&m.baja, "baja")?,
    };
    let fields = [
        ("peso", span(&m.peso)),
        ("cargo", span(&m.cargo)),
        ("motivo_baja", span(&m.motivo_baja)),
        ("institucion", Some(m.institucion.span())),
    ];
    let id = members::insert_recorded(tx, &membership, text(&m.motivo_baja))
        .map_err(|e| ctx.store(e, locate(&fields), m.institucion.span()))?;
    summary.memberships += 1;
    // Past designations first: whoever holds a seat now was designated after them.
    for d in &m.anteriores {
        let role = ctx.parse(&d.rol, "rol", RepresentativeRole::parse_label)?;
        let designation =
            Designation { role, person: past_person(ctx, d)?, ended_on: Some(ctx.date(&d.hasta, "hasta")?) };
        let fields = [
            ("nombre", Some(d.nombre.span())),
            ("correo", span(&d.correo)),
            ("telefono", span(&d.telefono)),
            ("hasta", Some(d.hasta.span())),
        ];
        members::insert_designation_recorded(tx, id, &designation)
            .map_err(|e| ctx.store(e, locate(&fields), d.nombre.span()))?;
        summary.representatives += 1;
    }
    for (role, doc) in [(RepresentativeRole::Titular, &m.titular), (RepresentativeRole::Alternate, &m.suplente)] {
        let Some(r) = doc else { continue };
        let designation = Designation { role, person: person(ctx, r)?, ended_on: None };
        let fields = [("nombre", Some(r.nombre.span())), ("correo", span(&r.correo)), ("telefono", span(&r.telefono))];
        members::insert_designation_recorded(tx, id, &designation)
            .map_err(|e| ctx.store(e, locate(&fields), r.nombre.span()))?;
        summary.representatives += 1;
    }
    Ok(())
}

fn person(ctx: &Ctx, r: &RepresentativeDoc) -> Result<Representative, ImportError> {
    Ok(Representative {
        name: r.nombre.get_ref().clone(),
        position: text(&r.puesto).into(),
        email: text(&r.correo).into(),
        phone: text(&r.telefono).into(),
        designated_on: ctx.opt_date(&r.designacion, "designacion")?,
        letter_ref: text(&r.oficio).into(),
    })
}

fn past_person(ctx: &Ctx, r: &PastDesignationDoc) -> Result<Representative, ImportError> {
    Ok(Representative {
        name: r.nombre.get_ref().clone(),
        position: text(&r.puesto).into(),
        email: text(&r.correo).into(),
        phone: text(&r.telefono).into(),
        designated_on: ctx.opt_date(&r.designacion, "designacion")?,
        letter_ref: text(&r.oficio).into(),
    })
}
