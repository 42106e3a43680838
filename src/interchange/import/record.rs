//! Actas as recorded, with their observations and fe de erratas, and each body's libro de
//! actas checked once they are all in.

use std::collections::BTreeSet;

use chrono::Timelike;

use super::directory::institution_id;
use super::{Ctx, Held, ImportError, locate, span};
use crate::domain::Labeled;
use crate::domain::minutes::MinutesStatus;
use crate::domain::session::{Session, SessionKind};
use crate::domain::text::fold;
use crate::interchange::schema::{MinutesDoc, Text};
use crate::ops::Tx;
use crate::store::minutes::{self, Erratum, Minutes, Observation};
use crate::store::{sessions, votes};

/// The session of the same body named "ordinaria 22".
fn session_named(tx: &Tx, ctx: &Ctx, of: &Session, name: &Text, field: &str) -> Result<i64, ImportError> {
    let words: Vec<&str> = name.get_ref().split_whitespace().collect();
    let wrong = || {
        ctx.at(
            name.span(),
            field,
            format!("«{}» no nombra una sesión del órgano como «ordinaria 22»", name.get_ref().trim()),
        )
    };
    let [kind, number] = words.as_slice() else { return Err(wrong()) };
    let kind = SessionKind::parse_label(kind).map_err(|_| wrong())?;
    let number: u32 = number.parse().map_err(|_| wrong())?;
    let filter = sessions::Filter { body: Some(of.body), ..Default::default() };
    sessions::list(tx, &filter)?
        .into_iter()
        .find(|s| s.kind == kind && s.number == number)
        .map(|s| s.id)
        .ok_or_else(|| ctx.at(name.span(), field, format!("el órgano no tiene la sesión {} {number}", kind.label())))
}

pub(super) fn minutes(tx: &Tx, ctx: &Ctx, id: i64, a: &MinutesDoc) -> Result<(), ImportError> {
    let of = sessions::get(tx, id)?.ok_or_else(|| ctx.at(a.estado.span(), "", "la sesión desapareció"))?;
    let approved_in = a.aprobada_en.as_ref().map(|n| session_named(tx, ctx, &of, n, "aprobada_en")).transpose()?;
    let approval_vote = match (&a.votacion_aprobacion, approved_in) {
        (Some(v), Some(approving)) => {
            let all = votes::list(tx, approving)?;
            let found = usize::try_from(*v.get_ref()).ok().and_then(|i| i.checked_sub(1)).and_then(|i| all.get(i));
            Some(found.map(|x| x.id).ok_or_else(|| {
                ctx.at(
                    v.span(),
                    "votacion_aprobacion",
                    format!("la sesión que aprobó el acta no tiene una votación número {}", v.get_ref()),
                )
            })?)
        }
        (Some(v), None) => {
            return Err(ctx.at(v.span(), "votacion_aprobacion", "falta «aprobada_en»: la sesión de esa votación"));
        }
        (None, _) => None,
    };
    let m = Minutes {
        session: id,
        status: ctx.parse(&a.estado, "estado", MinutesStatus::parse_label)?,
        text: a.texto.get_ref().clone(),
        generated: a.generado.as_ref().unwrap_or(&a.texto).get_ref().clone(),
        sent_on: ctx.opt_date(&a.enviada, "enviada")?,
        approved_in,
        approval_vote,
        approved_on: ctx.opt_date(&a.aprobada_el, "aprobada_el")?,
        sha256: a.sha256.as_ref().map(|h| h.get_ref().trim().to_string()),
        updated_at: match &a.actualizada {
            Some(t) => ctx.datetime(t, "actualizada")?,
            None => chrono::Local::now().naive_local().with_nanosecond(0).unwrap_or_default(),
        },
        version: 0,
        folio: a.folio.as_ref().map(|f| *f.get_ref()),
        prev_sha256: a.sha256_anterior.as_ref().map(|h| h.get_ref().trim().to_string()),
    };
    let fields = [
        ("estado", Some(a.estado.span())),
        ("sha256", span(&a.sha256)),
        ("aprobada_en", span(&a.aprobada_en)),
        ("aprobada_el", span(&a.aprobada_el)),
        ("folio", span(&a.folio)),
        ("sha256_anterior", span(&a.sha256_anterior)),
        ("votacion_aprobacion", span(&a.votacion_aprobacion)),
    ];
    minutes::insert_recorded(tx, &m).map_err(|e| ctx.store(e, locate(&fields), a.estado.span()))?;
    for o in &a.observaciones {
        let accepted = match &o.decision {
            None => None,
            Some(d) => match fold(d.get_ref()).as_str() {
                "aceptada" => Some(true),
                "rechazada" => Some(false),
                other => {
                    return Err(ctx.at(
                        d.span(),
                        "decision",
                        format!("valor «{other}» no válido; use «aceptada» o «rechazada»"),
                    ));
                }
            },
        };
        let observation = Observation {
            id: 0,
            institution: institution_id(tx, ctx, &o.institucion, "institucion")?,
            text: o.texto.get_ref().clone(),
            received_on: ctx.date(&o.recibida, "recibida")?,
            accepted,
        };
        let decided = ctx.opt_date(&o.decidida, "decidida")?;
        let fields = [("texto", Some(o.texto.span())), ("decidida", span(&o.decidida).or(span(&o.decision)))];
        minutes::insert_observation_recorded(tx, id, &observation, decided)
            .map_err(|e| ctx.store(e, locate(&fields), o.institucion.span()))?;
    }
    for e in &a.erratas {
        let erratum = Erratum {
            id: 0,
            session: id,
            text: e.texto.get_ref().clone(),
            created_on: ctx.date(&e.fecha, "fecha")?,
            approved_in: e.aprobada_en.as_ref().map(|n| session_named(tx, ctx, &of, n, "aprobada_en")).transpose()?,
            approved_on: ctx.opt_date(&e.aprobada_el, "aprobada_el")?,
            sha256: e.sha256.as_ref().map(|h| h.get_ref().trim().to_string()),
        };
        let fields =
            [("texto", Some(e.texto.span())), ("sha256", span(&e.sha256)), ("aprobada_en", span(&e.aprobada_en))];
        minutes::insert_erratum_recorded(tx, &erratum)
            .map_err(|err| ctx.store(err, locate(&fields), e.fecha.span()))?;
    }
    Ok(())
}

/// Each body's libro de actas, once every acta is in: its approved actas numbered 1, 2…
/// (folio), each holding the SHA-256 of the one before it. A break is placed on the acta of
/// the files where it shows.
pub(super) fn check_books(tx: &Tx, held: &[Held]) -> Result<(), ImportError> {
    let approved_here =
        |id: i64| held.iter().find(|(s, _, doc)| *s == id && doc.acta.as_ref().is_some_and(|a| a.sha256.is_some()));
    let mut bodies = BTreeSet::new();
    for (id, _, doc) in held {
        if doc.acta.as_ref().is_some_and(|a| a.sha256.is_some())
            && let Some(s) = sessions::get(tx, *id)?
        {
            bodies.insert(s.body);
        }
    }
    let all = minutes::list(tx)?;
    for body in bodies {
        let mut book: Vec<&Minutes> = Vec::new();
        for m in all.iter().filter(|m| m.status == MinutesStatus::Approved) {
            if sessions::get(tx, m.session)?.is_some_and(|s| s.body == body) {
                book.push(m);
            }
        }
        book.sort_by_key(|m| m.folio.unwrap_or(i64::MAX));
        let mut previous: Option<&str> = None;
        for (i, m) in book.iter().enumerate() {
            let expected = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
            let problem = if m.folio != Some(expected) {
                Some(("folio", format!("en el libro de actas del órgano esta acta debería llevar el folio {expected}")))
            } else if m.prev_sha256.as_deref() != previous {
                Some((
                    "sha256_anterior",
                    match previous {
                        Some(p) => {
                            format!("el libro de actas no encadena: el acta anterior aprobada tiene la huella {p}")
                        }
                        None => {
                            "la primera acta aprobada del órgano no tiene acta anterior: quite «sha256_anterior»".into()
                        }
                    },
                ))
            } else {
                None
            };
            // The break is placed on this acta if it came in the files, else on one that did.
            let here = approved_here(m.session).or_else(|| book.iter().find_map(|b| approved_here(b.session)));
            if let Some((field, message)) = problem
                && let Some((_, ctx, doc)) = here
                && let Some(a) = &doc.acta
            {
                let at = match field {
                    "folio" => span(&a.folio),
                    _ => span(&a.sha256_anterior),
                };
                return Err(ctx.at(at.unwrap_or(a.estado.span()), field, message));
            }
            previous = m.sha256.as_deref();
        }
    }
    Ok(())
}
