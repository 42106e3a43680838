//! A session with its whole record: how it was conducted, its agenda with times and notes,
//! the roll call as it was that day, its events, every vote with every count and ballot, its
//! agreements with their follow-up, the convocatoria and the acta.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{Names, Toml, followup, record};
use crate::domain::Labeled;
use crate::domain::dates::format_time;
use crate::domain::followup::Source;
use crate::domain::member::Rights;
use crate::domain::quorum::{AttendanceMode, Call, Presence};
use crate::domain::session::{Modality, Session, SessionStatus};
use crate::store::agenda::Item;
use crate::store::votes::{Count, Vote};
use crate::store::{self, agenda, agreements, attendance, conduct, notices, votes};

pub(super) fn write_session(out: &mut Toml, conn: &Connection, s: &Session, names: &Names) -> store::Result<()> {
    out.header("[[sesiones]]");
    out.int("id", s.id);
    out.str("organo", names.body(s.body));
    out.str("tipo", s.kind.label());
    out.int("numero", s.number.into());
    out.int("anio", s.schedule.year().into());
    out.str("cuando", &s.schedule.calendar_text());
    if let Some(p) = &s.planned {
        out.opt("previsto", p);
    }
    if let Some(d) = s.scheduled_on {
        out.date("fecha_prevista", d);
    }
    if let Some(t) = s.schedule.time() {
        out.str("hora", &format_time(t));
    }
    out.opt("lugar", &s.place);
    if s.modality != Modality::InPerson {
        out.str("modalidad", s.modality.label());
    }
    out.opt("enlace", &s.link);
    super::documents::write_session(out, conn, s.id)?;
    if s.status != SessionStatus::Scheduled {
        out.str("estado", s.status.label());
    }
    let c = conduct::conduct(conn, s.id)?;
    let items = agenda::list(conn, s.id)?;
    out.opt_datetime("inicio", c.started_at);
    out.opt_datetime("fin", c.ended_at);
    out.flag("segunda_convocatoria", c.call == Call::Second);
    if let Some(current) = c.current_item.and_then(|id| items.iter().find(|i| i.id == id)) {
        out.int("punto_actual", current.position.into());
    }
    write_items(out, &items);
    write_roll(out, conn, s, names)?;
    for e in conduct::events(conn, s.id)? {
        out.header("[[sesiones.eventos]]");
        out.datetime("hora", e.at);
        out.str("evento", e.kind.label());
        out.opt("detalle", &e.detail);
    }
    let all_votes = votes::list(conn, s.id)?;
    let position = |item: i64| items.iter().find(|i| i.id == item).map_or(0, |i| i.position);
    for v in &all_votes {
        write_vote(out, v, position(v.item), names);
        super::documents::write_reasons(out, conn, v.id, names)?;
    }
    for a in agreements::list(conn, s.id)? {
        out.header("[[sesiones.acuerdos]]");
        out.str("numero", &a.number);
        out.int("punto", position(a.item).into());
        if let Some(n) = a.vote.and_then(|v| all_votes.iter().position(|x| x.id == v)) {
            out.int("votacion", n as i64 + 1);
        }
        out.str("texto", &a.text);
        let who: Vec<&str> = a.responsibles.iter().map(|i| names.institution(*i)).collect();
        out.list("responsables", &who);
        if let Some(d) = a.deadline.date() {
            out.date("plazo", d);
        }
        if a.firm {
            out.bool("firme", true);
        }
        out.datetime("registrado", a.created_at);
        followup::write_state(out, conn, Source::Agreement, a.id, "sesiones.acuerdos", names)?;
    }
    if let Some((on, text)) = notices::get(conn, s.id)? {
        out.header("[sesiones.convocatoria]");
        out.date("emitida", on);
        out.str("texto", &text);
    }
    record::write_minutes(out, conn, s, names)
}

fn write_items(out: &mut Toml, items: &[Item]) {
    let mut previous = 0;
    for i in items {
        out.header("[[sesiones.puntos]]");
        if i.position != previous + 1 {
            out.int("orden", i.position.into());
        }
        previous = i.position;
        out.str("titulo", &i.title);
        out.opt_datetime("inicio", i.started_at);
        out.opt_datetime("fin", i.ended_at);
        if !i.notes.is_empty() {
            out.str("notas", &i.notes);
        }
    }
}

/// The roll as it was that day, in the order the members were made.
fn write_roll(out: &mut Toml, conn: &Connection, s: &Session, names: &Names) -> store::Result<()> {
    let mut roll = attendance::list(conn, s.id)?;
    roll.sort_by_key(|e| e.mark.membership);
    let snapshot: HashMap<i64, (Option<Rights>, Option<u32>)> =
        attendance::snapshot(conn, s.id)?.into_iter().map(|(m, r, w)| (m, (r, w))).collect();
    for e in roll {
        let m = &e.mark;
        // Rights and weight are written when that day's differ from the member's now.
        let now = names.member_now(m.membership);
        let (rights, weight) = snapshot.get(&m.membership).copied().unwrap_or_default();
        let (rights, weight) = (rights.unwrap_or(now.0), weight.unwrap_or(now.1));
        out.header("[[sesiones.asistencia]]");
        out.str("institucion", names.member(m.membership));
        if m.presence != Presence::Absent {
            out.str("presencia", m.presence.label());
        }
        if m.mode != AttendanceMode::InPerson {
            out.str("modalidad", m.mode.label());
        }
        if let Some(t) = m.arrival {
            out.str("llegada", &format_time(t));
        }
        if let Some(t) = m.departure {
            out.str("salida", &format_time(t));
        }
        if !e.representative.is_empty() {
            out.str("representante", &e.representative);
        }
        if rights != now.0 {
            out.str("derechos", rights.label());
        }
        if weight != now.1 {
            out.int("peso", weight.into());
        }
    }
    Ok(())
}

fn write_vote(out: &mut Toml, v: &Vote, item: u32, names: &Names) {
    out.header("[[sesiones.votaciones]]");
    out.int("punto", item.into());
    out.str("mocion", &v.motion);
    out.str("modo", v.mode.label());
    out.str("mayoria", v.rule.label());
    if v.base != crate::domain::body::MajorityBase::Present {
        out.str("base_mayoria", v.base.label());
    }
    out.datetime("hora", v.created_at);
    for c in &v.counts {
        write_count(out, c, names);
    }
}

fn write_count(out: &mut Toml, c: &Count, names: &Names) {
    out.header("[[sesiones.votaciones.conteos]]");
    out.datetime("hora", c.at);
    out.int("a_favor", c.tally.for_.into());
    out.int("en_contra", c.tally.against.into());
    out.int("abstencion", c.tally.abstain.into());
    out.int("votos_elegibles", c.eligible.into());
    if let Some(m) = c.members {
        out.int("integrantes_con_voto", m.into());
    }
    out.int("quorum_presentes", c.quorum_present.into());
    out.int("quorum_requerido", c.quorum_required.into());
    out.flag("segunda_convocatoria", c.call == Call::Second);
    out.bool("aprobada", c.approved);
    out.flag("voto_de_calidad", c.casting_vote);
    out.opt("explicacion", &c.explanation);
    out.flag("sustituido", c.superseded);
    if let Some(r) = &c.recount {
        out.str("motivo_recuento", &r.reason);
        if let Some(m) = r.requested_by {
            out.str("recuento_solicitado_por", names.member(m));
        }
    }
    let mut line = String::from("votantes = [");
    for (m, w, b) in &c.ballots {
        let mut fields = vec![format!("institucion = {}", super::quoted(names.member(*m)))];
        if *w != names.member_now(*m).1 {
            fields.push(format!("peso = {w}"));
        }
        if let Some(b) = b {
            fields.push(format!("voto = {}", super::quoted(b.label())));
        }
        line.push_str(&format!("\n    {{ {} }},", fields.join(", ")));
    }
    if !c.ballots.is_empty() {
        line.push('\n');
    }
    line.push(']');
    out.0.push_str(&line);
    out.0.push('\n');
}
