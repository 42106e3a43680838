//! The follow-up: where each commitment stands with its progress and changes, work plans with
//! their activities, and follow-up rounds with their requests.

use rusqlite::Connection;

use super::{Names, Toml};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::Source;
use crate::domain::period::period_end;
use crate::store::{self, followup, plans, rounds};

/// Status, progress and fulfilment of a commitment (the keys of its table), then its progress
/// entries and changes as `[[{prefix}.avances]]` and `[[{prefix}.cambios]]`.
pub(super) fn write_state(
    out: &mut Toml,
    conn: &Connection,
    source: Source,
    id: i64,
    prefix: &str,
    names: &Names,
) -> store::Result<()> {
    let state = followup::state(conn, source, id)?;
    if state.status != AgreementStatus::Pending {
        out.str("estado", state.status.label());
    }
    if state.progress != 0 {
        out.int("avance", state.progress.into());
    }
    out.opt_date("cumplido_el", state.done_on);
    for p in followup::history(conn, source, id)? {
        out.header(&format!("[[{prefix}.avances]]"));
        out.date("fecha", p.on);
        out.str("texto", &p.text);
        out.int("porcentaje", p.percent.into());
        if let Some(i) = p.institution {
            out.str("institucion", names.institution(i));
        }
        if let Some(e) = &p.evidence {
            out.str("tipo_evidencia", e.kind.label());
            out.opt("evidencia", &e.reference);
            if let Some(h) = &e.file_sha256 {
                out.str("archivo_sha256", h);
            }
        }
        if let Some(r) = &p.reason {
            out.str("motivo", r);
        }
    }
    for c in followup::changes(conn, source, id)? {
        out.header(&format!("[[{prefix}.cambios]]"));
        out.date("fecha", c.on);
        out.str("estado", c.status.label());
        if let Some(d) = &c.old_deadline {
            out.str("plazo_anterior", d);
        }
        if let Some(d) = &c.new_deadline {
            out.str("plazo_nuevo", d);
        }
        out.str("motivo", &c.reason);
    }
    Ok(())
}

pub(super) fn write_plan(out: &mut Toml, conn: &Connection, p: &plans::Plan, names: &Names) -> store::Result<()> {
    out.header("[[programas]]");
    out.str("organo", names.body(p.body));
    out.int("anio", p.year.into());
    out.str("titulo", &p.title);
    let mut previous = 0;
    for a in plans::activities(conn, p.id)? {
        let d = &a.details;
        out.header("[[programas.actividades]]");
        // The number only when it is not the one the next activity would take.
        if a.seq != previous + 1 || a.number != plans::activity_number(names.body(p.body), p.year, a.seq) {
            out.str("numero", &a.number);
        }
        previous = a.seq;
        out.str("objetivo", &d.objective);
        out.opt("estrategia", &d.strategy);
        out.str("actividad", &d.text);
        out.opt("meta", &d.goal);
        out.opt("indicador", &d.indicator);
        let who: Vec<&str> = d.responsibles.iter().map(|i| names.institution(*i)).collect();
        out.list("responsables", &who);
        out.opt("responsables_texto", &d.responsible_note);
        out.str("periodo", &d.period);
        let state = followup::state(conn, Source::Activity, a.id)?;
        if period_end(&d.period, p.year).ok() != Some(state.deadline) {
            match state.deadline {
                Deadline::Date(day) => out.date("plazo", day),
                Deadline::Permanent => out.str("plazo", "permanente"),
            }
        }
        write_state(out, conn, Source::Activity, a.id, "programas.actividades", names)?;
    }
    Ok(())
}

pub(super) fn write_round(out: &mut Toml, conn: &Connection, r: &rounds::Round, names: &Names) -> store::Result<()> {
    out.header("[[rondas]]");
    out.int("id", r.id);
    out.str("organo", names.body(r.body));
    out.date("corte", r.cutoff);
    out.opt_datetime("creada", rounds::created_at(conn, r.id)?);
    for q in rounds::requests(conn, r.id)? {
        out.header("[[rondas.solicitudes]]");
        out.str("institucion", &q.acronym);
        out.str("oficio", &q.reference);
        let items: Vec<&str> = q.items.iter().map(String::as_str).collect();
        out.list("compromisos", &items);
        out.opt_date("enviada", q.sent_on);
        out.opt_date("respondida", q.answered_on);
        if let Some(a) = &q.answer_ref {
            out.str("respuesta", a);
        }
    }
    Ok(())
}
