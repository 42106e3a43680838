//! What the documents cite, read with the body and session it belongs to (see
//! `export::documents`).

use super::sessions::Members;
use super::{Ctx, ImportError};
use crate::domain::Labeled;
use crate::domain::style::{DocStyle, NoticeSigner, RecordWord};
use crate::interchange::schema::{BodyDoc, SessionDoc, Text, VoteDoc, text};
use crate::ops::Tx;
use crate::store::documents::{self, BodyDocuments, Narrative, ReasonKind, SessionDocuments, VoteReason};

fn span(t: &Option<Text>, or: &Text) -> std::ops::Range<usize> {
    t.as_ref().map_or(or.span(), Text::span)
}

pub(super) fn body(tx: &Tx, ctx: &Ctx, id: i64, b: &BodyDoc) -> Result<(), ImportError> {
    let d = BodyDocuments::default();
    let from = ctx.opt_date(&b.gestion_desde, "gestion_desde")?;
    let to = ctx.opt_date(&b.gestion_hasta, "gestion_hasta")?;
    let term = match (from, to) {
        (Some(f), Some(t)) => Some((f, t)),
        (None, None) => None,
        _ => {
            let at = span(&b.gestion_desde, &b.siglas);
            return Err(ctx.at(at, "gestion_desde", "la gestión necesita «gestion_desde» y «gestion_hasta»"));
        }
    };
    let docs = BodyDocuments {
        style: ctx.parse_opt(&b.estilo, "estilo", DocStyle::parse_label)?.unwrap_or(d.style),
        record_word: ctx.parse_opt(&b.palabra_acta, "palabra_acta", RecordWord::parse_label)?.unwrap_or(d.record_word),
        record_pattern: text(&b.patron_acta).to_string(),
        legal_basis: text(&b.fundamento).to_string(),
        room: text(&b.sala).to_string(),
        address: text(&b.domicilio).to_string(),
        city: text(&b.ciudad).to_string(),
        notice_signer: ctx
            .parse_opt(&b.firma_convocatoria, "firma_convocatoria", NoticeSigner::parse_label)?
            .unwrap_or(d.notice_signer),
        contact: text(&b.contacto).to_string(),
        signature_sheet: b.hoja_de_firmas.unwrap_or(false),
        secretariat: text(&b.nombre_secretaria).to_string(),
        term,
    };
    if docs != d {
        let at = span(&b.patron_acta, &b.siglas);
        documents::set_body(tx, id, &docs).map_err(|e| ctx.store(e, |_| Some(at.clone()), at.clone()))?;
    }
    for n in &b.informes {
        let from = ctx.date(&n.desde, "desde")?;
        let to = ctx.date(&n.hasta, "hasta")?;
        let narrative = Narrative {
            place: text(&n.lugar).to_string(),
            actions: text(&n.acciones).to_string(),
            representations: text(&n.representaciones).to_string(),
            cooperation: text(&n.cooperacion).to_string(),
        };
        documents::set_narrative(tx, id, from, to, &narrative)
            .map_err(|e| ctx.store(e, |_| Some(n.hasta.span()), n.desde.span()))?;
    }
    Ok(())
}

pub(super) fn session(tx: &Tx, ctx: &Ctx, id: i64, s: &SessionDoc) -> Result<(), ImportError> {
    let d = SessionDocuments {
        notice_ref: text(&s.oficio).to_string(),
        room: text(&s.sala).to_string(),
        address: text(&s.domicilio).to_string(),
        city: text(&s.ciudad).to_string(),
        annexes: s.anexos.join("\n"),
        confirm_by: ctx.opt_date(&s.confirmar_antes, "confirmar_antes")?,
    };
    if d != SessionDocuments::default() {
        documents::set_session(tx, id, &d).map_err(|e| ctx.store(e, |_| None, s.organo.span()))?;
    }
    Ok(())
}

pub(super) fn reasons(tx: &Tx, ctx: &Ctx, vote: i64, members: &Members, v: &VoteDoc) -> Result<(), ImportError> {
    for r in &v.motivos {
        let (membership, _, _) = members.get(ctx, &r.institucion, "institucion")?;
        let reason = VoteReason {
            membership,
            kind: ctx.parse(&r.tipo, "tipo", ReasonKind::parse_label)?,
            text: r.texto.get_ref().clone(),
        };
        documents::set_reason(tx, vote, &reason).map_err(|e| ctx.store(e, |_| None, r.texto.span()))?;
    }
    Ok(())
}
