//! A session and its record: the calendar entry, then its agenda, how it was conducted, the
//! roll call as it was that day, its events, votes, agreements and convocatoria.

use std::collections::HashMap;

use super::directory::body_named;
use super::{Ctx, ImportError, Summary, locate, span, votes};
use crate::domain::Labeled;
use crate::domain::member::Rights;
use crate::domain::quorum::{AttendanceMode, Call, Mark, Presence};
use crate::domain::schedule::Schedule;
use crate::domain::session::{Modality, Session, SessionEvent, SessionKind, SessionStatus};
use crate::interchange::schema::{AttendanceDoc, SessionDoc, Text, text};
use crate::ops::Tx;
use crate::store::agenda::Item;
use crate::store::attendance::Entry;
use crate::store::conduct::{Conduct, Event};
use crate::store::{agenda, attendance, conduct, institutions, members, notices, sessions};

/// Inserts the calendar entry; the record comes later, once every session exists.
pub(super) fn session(tx: &Tx, ctx: &Ctx, s: &SessionDoc) -> Result<i64, ImportError> {
    let body = body_named(tx, ctx, &s.organo, "organo")?;
    if let Some(h) = &s.hora {
        ctx.parse(h, "hora", crate::domain::dates::parse_time)?;
    }
    let year = ctx.year(&s.anio, "anio")?;
    let schedule = Schedule::parse(s.cuando.get_ref(), year, s.hora.as_ref().map(|h| h.get_ref().as_str()))
        .map_err(|m| ctx.at(s.cuando.span(), "cuando", m))?;
    if let Some(d) = schedule.date() {
        crate::domain::dates::check_plausible(d, ctx.today).map_err(|m| ctx.at(s.cuando.span(), "cuando", m))?;
    }
    let session = Session {
        id: ctx.id(&s.id)?,
        body: body.id,
        kind: ctx.parse(&s.tipo, "tipo", SessionKind::parse_label)?,
        number: *s.numero.get_ref(),
        schedule,
        planned: s.previsto.as_ref().map(|p| p.get_ref().clone()),
        scheduled_on: ctx.opt_date(&s.fecha_prevista, "fecha_prevista")?,
        place: text(&s.lugar).into(),
        modality: ctx.parse_opt(&s.modalidad, "modalidad", Modality::parse_label)?.unwrap_or(Modality::InPerson),
        link: text(&s.enlace).into(),
        status: ctx.parse_opt(&s.estado, "estado", SessionStatus::parse_label)?.unwrap_or(SessionStatus::Scheduled),
    };
    let fields = [
        ("id", span(&s.id)),
        ("numero", Some(s.numero.span())),
        ("cuando", Some(s.cuando.span())),
        ("enlace", span(&s.enlace)),
        ("organo", Some(s.organo.span())),
        ("fecha_prevista", span(&s.fecha_prevista)),
    ];
    let id = sessions::insert_recorded(tx, &session).map_err(|e| ctx.store(e, locate(&fields), s.organo.span()))?;
    super::documents::session(tx, ctx, id, s)?;
    Ok(id)
}

/// The members of the session's body by siglas: (membership, rights, weight).
pub(super) struct Members(HashMap<String, (i64, Rights, u32)>);

impl Members {
    fn of(tx: &Tx, body: i64) -> Result<Members, ImportError> {
        let mut by_siglas = HashMap::new();
        for m in members::for_body(tx, body)? {
            if let Some(i) = institutions::get(tx, m.institution)? {
                by_siglas.insert(i.acronym, (m.id, m.rights, m.weight));
            }
        }
        Ok(Members(by_siglas))
    }

    pub fn get(&self, ctx: &Ctx, siglas: &Text, field: &str) -> Result<(i64, Rights, u32), ImportError> {
        self.0.get(siglas.get_ref().trim()).copied().ok_or_else(|| {
            ctx.at(
                siglas.span(),
                field,
                format!("«{}» no es integrante del órgano de esta sesión", siglas.get_ref().trim()),
            )
        })
    }
}

/// Everything the session's record refers to by its own numbers: items by `orden`, votes by
/// their place.
pub(super) struct Refs {
    pub items: HashMap<u32, i64>,
    pub votes: Vec<i64>,
    pub members: Members,
}

impl Refs {
    pub fn item(&self, ctx: &Ctx, orden: &toml::Spanned<u32>, field: &str) -> Result<i64, ImportError> {
        self.items.get(orden.get_ref()).copied().ok_or_else(|| {
            ctx.at(orden.span(), field, format!("la sesión no tiene ningún punto con orden {}", orden.get_ref()))
        })
    }
}

pub(super) fn record(tx: &Tx, ctx: &Ctx, id: i64, s: &SessionDoc, summary: &mut Summary) -> Result<(), ImportError> {
    let session = sessions::get(tx, id)?.ok_or_else(|| ctx.at(s.organo.span(), "", "la sesión desapareció"))?;
    let mut refs = Refs { items: HashMap::new(), votes: Vec::new(), members: Members::of(tx, session.body)? };
    let mut previous = 0u32;
    for i in &s.puntos {
        let position = match &i.orden {
            Some(o) => *o.get_ref(),
            None => previous.saturating_add(1),
        };
        previous = position;
        let item = Item {
            id: 0,
            session: id,
            position,
            title: i.titulo.get_ref().clone(),
            started_at: ctx.opt_datetime(&i.inicio, "inicio")?,
            ended_at: ctx.opt_datetime(&i.fin, "fin")?,
            notes: text(&i.notas).into(),
            notes_version: 0,
        };
        let fields = [("orden", span(&i.orden)), ("titulo", Some(i.titulo.span()))];
        let item_id =
            agenda::insert_recorded(tx, id, &item).map_err(|e| ctx.store(e, locate(&fields), i.titulo.span()))?;
        refs.items.insert(position, item_id);
    }
    let current = s.punto_actual.as_ref().map(|p| refs.item(ctx, p, "punto_actual")).transpose()?;
    let c = Conduct {
        started_at: ctx.opt_datetime(&s.inicio, "inicio")?,
        ended_at: ctx.opt_datetime(&s.fin, "fin")?,
        call: if s.segunda_convocatoria.unwrap_or(false) { Call::Second } else { Call::First },
        current_item: current,
    };
    let fields = [("fin", span(&s.fin)), ("punto_actual", span(&s.punto_actual))];
    conduct::set_recorded(tx, id, &c).map_err(|e| ctx.store(e, locate(&fields), s.organo.span()))?;
    for a in &s.asistencia {
        roll_row(tx, ctx, id, &refs.members, a)?;
    }
    for e in &s.eventos {
        let event = Event {
            at: ctx.datetime(&e.hora, "hora")?,
            kind: ctx.parse(&e.evento, "evento", SessionEvent::parse_label)?,
            detail: text(&e.detalle).into(),
        };
        conduct::insert_event_recorded(tx, id, &event).map_err(|err| ctx.store(err, |_| None, e.evento.span()))?;
    }
    for v in &s.votaciones {
        let vote = votes::vote(tx, ctx, &session, &refs, v)?;
        super::documents::reasons(tx, ctx, vote, &refs.members, v)?;
        refs.votes.push(vote);
        summary.votes += 1;
    }
    for (n, a) in s.acuerdos.iter().enumerate() {
        votes::agreement(tx, ctx, &session, &c, &refs, n, a)?;
        summary.agreements += 1;
    }
    if let Some(n) = &s.convocatoria {
        let on = ctx.date(&n.emitida, "emitida")?;
        notices::insert_recorded(tx, id, on, n.texto.get_ref())
            .map_err(|e| ctx.store(e, |_| Some(n.emitida.span()), n.emitida.span()))?;
    }
    Ok(())
}

fn roll_row(tx: &Tx, ctx: &Ctx, session: i64, members: &Members, a: &AttendanceDoc) -> Result<(), ImportError> {
    let (membership, rights, weight) = members.get(ctx, &a.institucion, "institucion")?;
    let entry = Entry {
        mark: Mark {
            membership,
            presence: ctx.parse_opt(&a.presencia, "presencia", Presence::parse_label)?.unwrap_or(Presence::Absent),
            mode: ctx
                .parse_opt(&a.modalidad, "modalidad", AttendanceMode::parse_label)?
                .unwrap_or(AttendanceMode::InPerson),
            arrival: ctx.opt_time(&a.llegada, "llegada")?,
            departure: ctx.opt_time(&a.salida, "salida")?,
        },
        representative: text(&a.representante).into(),
    };
    let rights = ctx.parse_opt(&a.derechos, "derechos", Rights::parse_label)?.unwrap_or(rights);
    let weight = a.peso.as_ref().map_or(weight, |p| *p.get_ref());
    let fields = [("institucion", Some(a.institucion.span())), ("peso", span(&a.peso))];
    attendance::insert_recorded(tx, session, &entry, rights, weight)
        .map_err(|e| ctx.store(e, locate(&fields), a.institucion.span()))
}
