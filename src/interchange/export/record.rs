//! The acta of a session with its cycle, its observations and its fe de erratas. The other
//! sessions it names (the one that approved it) are named by kind and number, as the body's
//! documents do: "ordinaria 22".

use rusqlite::Connection;

use super::{Names, Toml};
use crate::domain::Labeled;
use crate::domain::session::Session;
use crate::store::{self, minutes, sessions, votes};

/// "ordinaria 22": how a data file names another session of the same body.
fn session_ref(conn: &Connection, id: i64) -> store::Result<String> {
    Ok(sessions::get(conn, id)?.map(|s| format!("{} {}", s.kind.label(), s.number)).unwrap_or_default())
}

pub(super) fn write_minutes(out: &mut Toml, conn: &Connection, s: &Session, names: &Names) -> store::Result<()> {
    let Some(m) = minutes::get(conn, s.id)? else { return Ok(()) };
    out.header("[sesiones.acta]");
    out.str("estado", m.status.label());
    out.str("texto", &m.text);
    if m.generated != m.text {
        out.str("generado", &m.generated);
    }
    out.datetime("actualizada", m.updated_at);
    out.opt_date("enviada", m.sent_on);
    if let Some(a) = m.approved_in {
        out.str("aprobada_en", &session_ref(conn, a)?);
        if let Some(v) = m.approval_vote
            && let Some(n) = votes::list(conn, a)?.iter().position(|x| x.id == v)
        {
            out.int("votacion_aprobacion", n as i64 + 1);
        }
    }
    out.opt_date("aprobada_el", m.approved_on);
    if let Some(h) = &m.sha256 {
        out.str("sha256", h);
    }
    if let Some(f) = m.folio {
        out.int("folio", f);
    }
    if let Some(h) = &m.prev_sha256 {
        out.str("sha256_anterior", h);
    }
    for o in minutes::observations(conn, s.id)? {
        out.header("[[sesiones.acta.observaciones]]");
        out.str("institucion", names.institution(o.institution));
        out.str("texto", &o.text);
        out.date("recibida", o.received_on);
        if let Some(accepted) = o.accepted {
            out.str("decision", if accepted { "aceptada" } else { "rechazada" });
        }
        out.opt_date("decidida", minutes::decided_on(conn, o.id)?);
    }
    for e in minutes::errata(conn, s.id)? {
        out.header("[[sesiones.acta.erratas]]");
        out.str("texto", &e.text);
        out.date("fecha", e.created_on);
        if let Some(a) = e.approved_in {
            out.str("aprobada_en", &session_ref(conn, a)?);
        }
        out.opt_date("aprobada_el", e.approved_on);
        if let Some(h) = &e.sha256 {
            out.str("sha256", h);
        }
    }
    Ok(())
}
