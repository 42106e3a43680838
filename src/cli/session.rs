//! `secretaria sesion`: one session's whole state, as JSON or as a summary to read.

use std::fmt::Write as _;

use chrono::{NaiveDateTime, Timelike};

use super::changed::Answer;
use super::session_json::{detail, presence, representative, result_label};
use crate::domain::Labeled;
use crate::domain::dates::{format_time, long_date, medium_date};
use crate::ops::{Context, Op, OpError};
use crate::store::Store;
use crate::store::record::SessionRecord;

/// `abrir`: opens a convoked session at the body's wall clock. On a day other than the
/// scheduled one it needs `--otro-dia`, the command line's way of answering the question the
/// console asks.
pub fn open(store: &mut Store, ctx: &Context, id: i64, other_day: bool, json: bool) -> Result<(), String> {
    let record = SessionRecord::load(store.conn(), id).map_err(|e| e.to_string())?;
    let at = crate::domain::zone::local_time(ctx.now(), &record.body.timezone);
    let at = at.with_nanosecond(0).unwrap_or(at);
    let op = Op::OpenSession { session: id, at, other_day };
    let done = match crate::ops::run(store, ctx, op) {
        Ok(done) => done,
        Err(e @ OpError::Invalid { field: "fecha", .. }) => {
            return Err(format!("{}; para abrirla hoy, repita la orden con --otro-dia", e.to_string_without_field()));
        }
        Err(e) => return Err(e.to_string()),
    };
    let opened = SessionRecord::load(store.conn(), id).map_err(|e| e.to_string())?;
    let day = opened.session.schedule.date().map(|d| d.to_string());
    if json {
        Answer::new(done.seq, "open_session")
            .with("sesion", id)
            .with("fecha", day)
            .with("fecha_prevista", opened.session.scheduled_on.map(|d| d.to_string()))
            .with("inicio", opened.conduct.started_at.map(super::session_json::iso))
            .with("zona_horaria", opened.body.timezone.clone())
            .print();
    } else {
        let planned = opened
            .session
            .scheduled_on
            .map(|d| format!(" (estaba prevista para el {})", medium_date(d)))
            .unwrap_or_default();
        outln!(
            "Abierta la {} de {} a las {} ({}){planned}.",
            opened.title(),
            opened.body.acronym,
            format_time(at.time()),
            opened.body.timezone
        );
    }
    Ok(())
}

pub fn show(store: &Store, id: i64, json: bool) -> Result<(), String> {
    let record = SessionRecord::load(store.conn(), id).map_err(|e| e.to_string())?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&detail(&record)).map_err(|e| e.to_string())?);
    } else {
        out!("{}", summary(&record));
    }
    Ok(())
}

/// "21 de febrero de 2024 10:00", or only the time when it is the session's own day.
fn moment(r: &SessionRecord, t: NaiveDateTime) -> String {
    if r.session.schedule.date() == Some(t.date()) {
        format_time(t.time())
    } else {
        format!("{} {}", medium_date(t.date()), format_time(t.time()))
    }
}

fn dash(text: Option<String>) -> String {
    text.unwrap_or_else(|| "—".into())
}

/// The plain-text summary: header, quorum, roll call, agenda with votes, agreements.
pub fn summary(r: &SessionRecord) -> String {
    let s = &r.session;
    let mut out = String::new();
    let _ = writeln!(out, "{} (sesión {})", r.title(), s.id);
    let _ = writeln!(out, "Órgano: {} — {}", r.body.acronym, r.body.name);
    let _ = writeln!(out, "Estado: {}", s.status.label());
    let when = match (s.schedule.date(), s.schedule.time()) {
        (Some(d), Some(t)) => format!("{}, {}", long_date(d), format_time(t)),
        (Some(d), None) => long_date(d),
        _ => s.schedule.describe(),
    };
    let place = if s.place.trim().is_empty() { String::new() } else { format!(" · {}", s.place) };
    let planned = s.scheduled_on.map(|d| format!(" (prevista: {})", medium_date(d))).unwrap_or_default();
    let _ = writeln!(out, "Fecha: {when}{planned}{place} · {} · hora de {}", s.modality.label(), r.body.timezone);
    let _ = writeln!(
        out,
        "Inicio: {} · Fin: {}",
        dash(r.conduct.started_at.map(|t| moment(r, t))),
        dash(r.conduct.ended_at.map(|t| moment(r, t)))
    );
    let q = &r.quorum;
    let _ = writeln!(out, "{} ({}, {} convocatoria)", q.indicator(), q.rule.text(), q.call.label());

    out.push_str("\nAsistencia\n");
    let _ = writeln!(
        out,
        "  {:<12} {:<12} {:<11} {:<7} {:<7} {:<5} REPRESENTANTE",
        "SIGLAS", "CARÁCTER", "MODALIDAD", "LLEGADA", "SALIDA", "VOTO"
    );
    for row in &r.roll {
        let mark = row.entry.as_ref().map(|e| &e.mark);
        let _ = writeln!(
            out,
            "  {:<12} {:<12} {:<11} {:<7} {:<7} {:<5} {}",
            row.institution.acronym,
            presence(row).short(),
            mark.filter(|m| m.presence.present()).map_or("—", |m| m.mode.label()),
            dash(mark.and_then(|m| m.arrival).map(format_time)),
            dash(mark.and_then(|m| m.departure).map(format_time)),
            if row.membership.rights.votes() { "sí" } else { "no" },
            representative(row).unwrap_or("—"),
        );
    }

    out.push_str("\nOrden del día\n");
    if r.items.is_empty() {
        out.push_str("  (sin puntos; se arma al abrir la sesión)\n");
    }
    for item in &r.items {
        let current = if r.conduct.current_item == Some(item.id) { "▶" } else { " " };
        let times = match (item.started_at, item.ended_at) {
            (Some(a), Some(b)) => format!(" ({}–{})", format_time(a.time()), format_time(b.time())),
            (Some(a), None) => format!(" (desde {})", format_time(a.time())),
            _ => String::new(),
        };
        let _ = writeln!(out, "  {current} {:>2}. {}{times}", item.position, item.title);
        for v in r.votes.iter().filter(|v| v.item == item.id) {
            let _ = writeln!(out, "        Votación «{}» ({}, mayoría {})", v.motion, v.mode.label(), v.rule.label());
            match v.current() {
                Some(c) => {
                    let recounts = v.counts.len() - 1;
                    let note = match recounts {
                        0 => String::new(),
                        1 => " · tras 1 recuento".into(),
                        n => format!(" · tras {n} recuentos"),
                    };
                    let why = c.recount.as_ref().map(|x| {
                        let who = x.requested_by.map_or("la Secretaría Técnica", |m| r.member_acronym(m));
                        format!(" (pedido por {who}: {})", x.reason)
                    });
                    let note = format!("{note}{}", why.unwrap_or_default());
                    let _ = writeln!(
                        out,
                        "          {}: {}{note}",
                        result_label(c.approved).to_uppercase(),
                        c.tally.text()
                    );
                    let _ = writeln!(out, "          {}", c.explanation);
                }
                None => out.push_str("          sin conteo todavía\n"),
            }
        }
    }

    out.push_str("\nAcuerdos\n");
    if r.agreements.is_empty() {
        out.push_str("  (ninguno)\n");
    }
    for a in &r.agreements {
        let resp: Vec<&str> = a.responsibles.iter().map(|i| r.acronym(*i)).collect();
        let _ = writeln!(out, "  {}  {}", a.number, a.text);
        let _ = writeln!(
            out,
            "      Responsables: {} · Plazo: {} · {}",
            resp.join(", "),
            a.deadline.text(),
            a.status.label()
        );
    }
    if !r.events.is_empty() {
        out.push_str("\nRegistro\n");
        for e in &r.events {
            let detail = if e.detail.is_empty() { String::new() } else { format!(": {}", e.detail) };
            let _ = writeln!(out, "  {}  {}{detail}", moment(r, e.at), e.kind.label());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quorum::Presence;
    use crate::store::tests::{at, session_fixture};
    use crate::store::{agenda, attendance, conduct};

    #[test]
    fn summary_shows_quorum_roll_and_current_item() {
        let (mut store, session, ms) = session_fixture();
        let before = summary(&SessionRecord::load(store.conn(), session).expect("load"));
        assert!(before.contains("Estado: convocada") && before.contains("sin puntos"), "{before}");
        store.write(|tx| conduct::open(tx, session, at(10, 0))).expect("open");
        for m in &ms[..3] {
            store.write(|tx| attendance::mark(tx, session, *m, Presence::Alternate, at(10, 2).time())).expect("mark");
        }
        let item = agenda::list(store.conn(), session).expect("q")[1].id;
        store.write(|tx| conduct::set_current(tx, session, item, at(10, 5))).expect("current");
        let text = summary(&SessionRecord::load(store.conn(), session).expect("load"));
        assert!(text.starts_with("Vigésima Primera Sesión Ordinaria"), "{text}");
        assert!(text.contains("Quórum 3/5 · requerido 3 · ✔ (mitad más uno, primera convocatoria)"), "{text}");
        assert!(text.contains("Inicio: 10:00 · Fin: —"), "{text}");
        assert!(text.contains("  I1           suplente     presencial  10:02"), "{text}");
        assert!(text.contains("Suplente 1") && text.contains("Titular 4"), "{text}");
        assert!(text.contains("  ▶  2. ") && text.contains("(desde 10:05)"), "{text}");
        assert!(text.contains("  I4           ausente      —           —"), "no modality for the absent:\n{text}");
        assert!(text.contains("Acuerdos\n  (ninguno)") && text.contains("Registro\n  10:00  abierta"), "{text}");
    }
}
