//! The follow-up as recorded: progress entries and changes of agreements and activities, work
//! plans with their activities, and follow-up rounds with their requests.

use super::directory::{body_named, institution_id};
use super::{Ctx, ImportError, locate, span};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::{EvidenceKind, Source};
use crate::domain::period::period_end;
use crate::interchange::schema::{ActivityDoc, ChangeDoc, PlanDoc, ProgressDoc, RoundDoc, text};
use crate::ops::Tx;
use crate::store::followup::{self, Change, Evidence, Progress, State};
use crate::store::plans::{self, ActivityPlan};
use crate::store::rounds::{self, Request, Round};

/// A commitment's progress entries, in the order of the file.
pub(super) fn progress(tx: &Tx, ctx: &Ctx, source: Source, id: i64, list: &[ProgressDoc]) -> Result<(), ImportError> {
    for p in list {
        let evidence = match (&p.tipo_evidencia, &p.evidencia) {
            (None, None) => None,
            (kind, reference) => Some(Evidence {
                kind: ctx.parse_opt(kind, "tipo_evidencia", EvidenceKind::parse_label)?.unwrap_or(EvidenceKind::Letter),
                reference: text(reference).into(),
                file_sha256: p.archivo_sha256.as_ref().map(|h| h.get_ref().clone()),
            }),
        };
        if evidence.is_none()
            && let Some(h) = &p.archivo_sha256
        {
            return Err(ctx.at(
                h.span(),
                "archivo_sha256",
                "la huella de un archivo va con su evidencia («evidencia»)",
            ));
        }
        let entry = Progress {
            id: 0,
            on: ctx.date(&p.fecha, "fecha")?,
            text: p.texto.get_ref().clone(),
            percent: *p.porcentaje.get_ref(),
            institution: p.institucion.as_ref().map(|i| institution_id(tx, ctx, i, "institucion")).transpose()?,
            evidence,
            reason: p.motivo.as_ref().map(|m| m.get_ref().clone()),
        };
        let fields = [
            ("texto", Some(p.texto.span())),
            ("porcentaje", Some(p.porcentaje.span())),
            ("archivo_sha256", span(&p.archivo_sha256)),
        ];
        followup::insert_progress_recorded(tx, source, id, &entry)
            .map_err(|e| ctx.store(e, locate(&fields), p.fecha.span()))?;
    }
    Ok(())
}

/// A commitment's reprogrammings and sin efecto, in the order of the file.
pub(super) fn changes(tx: &Tx, ctx: &Ctx, source: Source, id: i64, list: &[ChangeDoc]) -> Result<(), ImportError> {
    for c in list {
        let change = Change {
            on: ctx.date(&c.fecha, "fecha")?,
            status: ctx.parse(&c.estado, "estado", AgreementStatus::parse_label)?,
            old_deadline: c.plazo_anterior.as_ref().map(|d| d.get_ref().clone()),
            new_deadline: c.plazo_nuevo.as_ref().map(|d| d.get_ref().clone()),
            reason: c.motivo.get_ref().clone(),
        };
        let fields = [("estado", Some(c.estado.span())), ("motivo", Some(c.motivo.span()))];
        followup::insert_change_recorded(tx, source, id, &change)
            .map_err(|e| ctx.store(e, locate(&fields), c.fecha.span()))?;
    }
    Ok(())
}

pub(super) fn plan(tx: &Tx, ctx: &Ctx, p: &PlanDoc) -> Result<usize, ImportError> {
    let body = body_named(tx, ctx, &p.organo, "organo")?;
    let year = ctx.year(&p.anio, "anio")?;
    let fields = [("anio", Some(p.anio.span())), ("titulo", Some(p.titulo.span()))];
    let plan = plans::create(tx, body.id, year, p.titulo.get_ref())
        .map_err(|e| ctx.store(e, locate(&fields), p.organo.span()))?;
    let mut previous = 0u32;
    for a in &p.actividades {
        previous = activity(tx, ctx, plan, &body.acronym, year, previous, a)?;
    }
    Ok(p.actividades.len())
}

/// The sequence an activity takes: the next one, or the one its number ends with when the
/// number is given and ends with a later one (activities removed from the plan leave gaps).
fn sequence(previous: u32, number: Option<&str>) -> u32 {
    let next = previous.saturating_add(1);
    number
        .and_then(|n| n.rsplit('/').next())
        .and_then(|tail| tail.trim().parse::<u32>().ok())
        .filter(|n| *n > previous)
        .unwrap_or(next)
}

/// Inserts an activity after the one with sequence `previous`; returns its own sequence.
fn activity(
    tx: &Tx,
    ctx: &Ctx,
    plan: i64,
    siglas: &str,
    year: i32,
    previous: u32,
    a: &ActivityDoc,
) -> Result<u32, ImportError> {
    let mut responsibles = Vec::with_capacity(a.responsables.get_ref().len());
    for r in a.responsables.get_ref() {
        responsibles.push(institution_id(tx, ctx, r, "responsables")?);
    }
    let details = ActivityPlan {
        objective: a.objetivo.get_ref().clone(),
        strategy: text(&a.estrategia).into(),
        text: a.actividad.get_ref().clone(),
        goal: text(&a.meta).into(),
        indicator: text(&a.indicador).into(),
        period: a.periodo.get_ref().clone(),
        responsible_note: text(&a.responsables_texto).into(),
        responsibles,
    };
    let seq = sequence(previous, a.numero.as_ref().map(|n| n.get_ref().as_str()));
    let number = a.numero.as_ref().map_or_else(|| plans::activity_number(siglas, year, seq), |n| n.get_ref().clone());
    let deadline = match &a.plazo {
        Some(p) => {
            let d = ctx.parse(p, "plazo", Deadline::parse)?;
            if let Some(day) = d.date() {
                crate::domain::dates::check_plausible(day, ctx.today).map_err(|m| ctx.at(p.span(), "plazo", m))?;
            }
            d
        }
        None => ctx.parse(&a.periodo, "periodo", |t| period_end(t, year))?,
    };
    let state = State {
        status: ctx.parse_opt(&a.estado, "estado", AgreementStatus::parse_label)?.unwrap_or(AgreementStatus::Pending),
        progress: a.avance.as_ref().map_or(0, |p| *p.get_ref()),
        done_on: ctx.opt_date(&a.cumplido_el, "cumplido_el")?,
        deadline,
    };
    let fields = [
        ("numero", span(&a.numero)),
        ("objetivo", Some(a.objetivo.span())),
        ("actividad", Some(a.actividad.span())),
        ("periodo", Some(a.periodo.span())),
        ("responsables", Some(a.responsables.span())),
        ("avance", span(&a.avance)),
        ("cumplido_el", span(&a.cumplido_el)),
    ];
    let id = plans::insert_activity_recorded(tx, plan, seq, &number, &details, &state)
        .map_err(|e| ctx.store(e, locate(&fields), a.actividad.span()))?;
    progress(tx, ctx, Source::Activity, id, &a.avances)?;
    changes(tx, ctx, Source::Activity, id, &a.cambios)?;
    Ok(seq)
}

pub(super) fn round(tx: &Tx, ctx: &Ctx, r: &RoundDoc) -> Result<(), ImportError> {
    let body = body_named(tx, ctx, &r.organo, "organo")?;
    let round = Round { id: ctx.id(&r.id)?, body: body.id, cutoff: ctx.date(&r.corte, "corte")? };
    let created = match &r.creada {
        Some(c) => ctx.datetime(c, "creada")?,
        None => chrono::Local::now().naive_local(),
    };
    let fields = [("id", span(&r.id)), ("corte", Some(r.corte.span()))];
    let id =
        rounds::insert_recorded(tx, &round, created).map_err(|e| ctx.store(e, locate(&fields), r.organo.span()))?;
    for q in &r.solicitudes {
        let request = Request {
            institution: institution_id(tx, ctx, &q.institucion, "institucion")?,
            acronym: String::new(),
            name: String::new(),
            reference: q.oficio.get_ref().clone(),
            items: q.compromisos.get_ref().clone(),
            sent_on: ctx.opt_date(&q.enviada, "enviada")?,
            answered_on: ctx.opt_date(&q.respondida, "respondida")?,
            answer_ref: q.respuesta.as_ref().map(|a| a.get_ref().clone()),
        };
        let fields = [
            ("institucion", Some(q.institucion.span())),
            ("oficio", Some(q.oficio.span())),
            ("compromisos", Some(q.compromisos.span())),
            ("enviada", span(&q.enviada)),
            ("respondida", span(&q.respondida)),
        ];
        rounds::insert_request_recorded(tx, id, &request)
            .map_err(|e| ctx.store(e, locate(&fields), q.institucion.span()))?;
    }
    Ok(())
}
