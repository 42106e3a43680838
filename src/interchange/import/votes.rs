//! Votes with every count as it was taken, and agreements with their follow-up.

use std::collections::HashSet;

use super::followup::{changes, progress};
use super::sessions::Refs;
use super::{Ctx, ImportError, directory::institution_id, locate, span};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline, number};
use crate::domain::body::{MajorityBase, MajorityRule};
use crate::domain::followup::Source;
use crate::domain::quorum::Call;
use crate::domain::session::Session;
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::interchange::schema::{AgreementDoc, CountDoc, VoteDoc, text};
use crate::ops::Tx;
use crate::store::agreements::{self, Agreement};
use crate::store::bodies;
use crate::store::conduct::Conduct;
use crate::store::votes::{self as vote_store, Count, Recount, Vote};

pub(super) fn vote(tx: &Tx, ctx: &Ctx, session: &Session, refs: &Refs, v: &VoteDoc) -> Result<i64, ImportError> {
    let body = bodies::get(tx, session.body)?.ok_or_else(|| ctx.at(v.mocion.span(), "", "el órgano no existe"))?;
    let mut vote = Vote {
        id: 0,
        session: session.id,
        item: refs.item(ctx, &v.punto, "punto")?,
        motion: v.mocion.get_ref().clone(),
        mode: ctx.parse_opt(&v.modo, "modo", VoteMode::parse_written)?.unwrap_or(VoteMode::Totals),
        rule: ctx.parse_opt(&v.mayoria, "mayoria", MajorityRule::parse_label)?.unwrap_or(body.rules.majority),
        // A vote without its base is read as counted against those present, as every count
        // was before bodies had a base.
        base: ctx
            .parse_opt(&v.base_mayoria, "base_mayoria", MajorityBase::parse_label)?
            .unwrap_or(MajorityBase::Present),
        created_at: ctx.datetime(&v.hora, "hora")?,
        counts: Vec::new(),
    };
    for c in &v.conteos {
        vote.counts.push(count(ctx, refs, c)?);
    }
    // Each count is checked where the file has it, so a refusal names its line.
    let last = vote.counts.len().saturating_sub(1);
    for (i, (c, doc)) in vote.counts.iter().zip(&v.conteos).enumerate() {
        let fields = [
            ("votantes", Some(doc.votantes.span())),
            ("votos_elegibles", Some(doc.votos_elegibles.span())),
            ("integrantes_con_voto", span(&doc.integrantes_con_voto)),
            ("a_favor", Some(doc.a_favor.span())),
            ("quorum_presentes", Some(doc.quorum_presentes.span())),
            ("aprobada", Some(doc.aprobada.span())),
            ("voto_de_calidad", span(&doc.voto_de_calidad)),
            ("sustituido", span(&doc.sustituido)),
        ];
        vote_store::check_recorded_count(tx, session.body, &vote, c, i == last)
            .map_err(|e| ctx.store(e, locate(&fields), doc.hora.span()))?;
    }
    let fields = [("punto", Some(v.punto.span())), ("mocion", Some(v.mocion.span()))];
    vote_store::insert_recorded(tx, &vote).map_err(|e| ctx.store(e, locate(&fields), v.mocion.span()))
}

fn count(ctx: &Ctx, refs: &Refs, c: &CountDoc) -> Result<Count, ImportError> {
    let mut ballots = Vec::with_capacity(c.votantes.get_ref().len());
    let mut seen = HashSet::new();
    for b in c.votantes.get_ref() {
        let (membership, _, weight) = refs.members.get(ctx, &b.institucion, "votantes")?;
        if !seen.insert(membership) {
            return Err(ctx.at(b.institucion.span(), "votantes", "la institución aparece dos veces en este conteo"));
        }
        let ballot = ctx.parse_opt(&b.voto, "voto", Ballot::parse_label)?;
        ballots.push((membership, b.peso.as_ref().map_or(weight, |p| *p.get_ref()), ballot));
    }
    Ok(Count {
        id: 0,
        at: ctx.datetime(&c.hora, "hora")?,
        tally: Tally { for_: *c.a_favor.get_ref(), against: *c.en_contra.get_ref(), abstain: *c.abstencion.get_ref() },
        eligible: *c.votos_elegibles.get_ref(),
        members: c.integrantes_con_voto.as_ref().map(|m| *m.get_ref()),
        quorum_present: *c.quorum_presentes.get_ref(),
        quorum_required: *c.quorum_requerido.get_ref(),
        call: if c.segunda_convocatoria.unwrap_or(false) { Call::Second } else { Call::First },
        approved: *c.aprobada.get_ref(),
        casting_vote: c.voto_de_calidad.as_ref().is_some_and(|v| *v.get_ref()),
        explanation: text(&c.explicacion).into(),
        superseded: c.sustituido.as_ref().is_some_and(|v| *v.get_ref()),
        ballots,
        recount: recount(ctx, refs, c)?,
    })
}

/// The `n`-th agreement of the session (from 0), with its follow-up.
pub(super) fn agreement(
    tx: &Tx,
    ctx: &Ctx,
    session: &Session,
    conduct: &Conduct,
    refs: &Refs,
    n: usize,
    a: &AgreementDoc,
) -> Result<(), ImportError> {
    let seq = u32::try_from(n + 1).unwrap_or(u32::MAX);
    let vote = match &a.votacion {
        Some(v) => Some(
            usize::try_from(*v.get_ref())
                .ok()
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| refs.votes.get(i))
                .copied()
                .ok_or_else(|| {
                    ctx.at(v.span(), "votacion", format!("la sesión no tiene una votación número {}", v.get_ref()))
                })?,
        ),
        None => None,
    };
    let mut responsibles = Vec::with_capacity(a.responsables.get_ref().len());
    for r in a.responsables.get_ref() {
        responsibles.push(institution_id(tx, ctx, r, "responsables")?);
    }
    let created_at = match &a.registrado {
        Some(r) => ctx.datetime(r, "registrado")?,
        None => conduct.started_at.unwrap_or_else(|| session.schedule.span().0.and_time(chrono::NaiveTime::MIN)),
    };
    let number = match &a.numero {
        Some(n) => n.get_ref().clone(),
        None => {
            let body = bodies::get(tx, session.body)?.map(|b| b.acronym).unwrap_or_default();
            let pattern = bodies::session_settings(tx, session.body)?.agreement_pattern;
            let date = session.schedule.date().unwrap_or(created_at.date());
            number(&pattern, &body, session.kind, session.number, date, seq)
        }
    };
    let deadline = ctx.parse_opt(&a.plazo, "plazo", Deadline::parse)?.unwrap_or(Deadline::Permanent);
    if let (Some(d), Some(p)) = (deadline.date(), &a.plazo) {
        crate::domain::dates::check_plausible(d, ctx.today).map_err(|m| ctx.at(p.span(), "plazo", m))?;
    }
    let agreement = Agreement {
        id: 0,
        session: session.id,
        item: refs.item(ctx, &a.punto, "punto")?,
        vote,
        seq,
        number,
        text: a.texto.get_ref().clone(),
        deadline,
        status: ctx.parse_opt(&a.estado, "estado", AgreementStatus::parse_label)?.unwrap_or(AgreementStatus::Pending),
        created_at,
        firm: a.firme.unwrap_or(false),
        responsibles,
    };
    let fields = [
        ("numero", span(&a.numero)),
        ("texto", Some(a.texto.span())),
        ("responsables", Some(a.responsables.span())),
        ("avance", span(&a.avance)),
        ("cumplido_el", span(&a.cumplido_el)),
        ("estado", span(&a.estado)),
    ];
    let id = agreements::insert_recorded(
        tx,
        &agreement,
        a.avance.as_ref().map_or(0, |p| *p.get_ref()),
        ctx.opt_date(&a.cumplido_el, "cumplido_el")?,
    )
    .map_err(|e| ctx.store(e, locate(&fields), a.texto.span()))?;
    progress(tx, ctx, Source::Agreement, id, &a.avances)?;
    changes(tx, ctx, Source::Agreement, id, &a.cambios)?;
    Ok(())
}

/// A recount's reason and who asked, when the count says them.
fn recount(ctx: &Ctx, refs: &Refs, c: &CountDoc) -> Result<Option<Recount>, ImportError> {
    let requested_by = match &c.recuento_solicitado_por {
        Some(who) => Some(refs.members.get(ctx, who, "recuento_solicitado_por")?.0),
        None => None,
    };
    let reason = text(&c.motivo_recuento).to_string();
    Ok((!reason.is_empty() || requested_by.is_some()).then_some(Recount { reason, requested_by }))
}
