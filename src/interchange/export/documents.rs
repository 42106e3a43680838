//! What the documents cite, written with the body and the session it belongs to: a body's
//! document conventions and informes de gestión, a session's convocatoria details, firm
//! agreements and the reasons of votes. Defaults are left out.

use rusqlite::Connection;

use super::{Names, Toml};
use crate::domain::Labeled;
use crate::store::documents::{self, BodyDocuments};
use crate::store::{self};

/// The body's keys; written before its `[[organos.integrantes]]`.
pub(super) fn write_body(out: &mut Toml, conn: &Connection, body: i64) -> store::Result<()> {
    let d = documents::body(conn, body)?;
    let default = BodyDocuments::default();
    if d.style != default.style {
        out.str("estilo", d.style.label());
    }
    if d.record_word != default.record_word {
        out.str("palabra_acta", d.record_word.label());
    }
    out.opt("patron_acta", &d.record_pattern);
    out.opt("fundamento", &d.legal_basis);
    out.opt("sala", &d.room);
    out.opt("domicilio", &d.address);
    out.opt("ciudad", &d.city);
    if d.notice_signer != default.notice_signer {
        out.str("firma_convocatoria", d.notice_signer.label());
    }
    out.opt("contacto", &d.contact);
    out.flag("hoja_de_firmas", d.signature_sheet);
    out.opt("nombre_secretaria", &d.secretariat);
    if let Some((from, to)) = d.term {
        out.date("gestion_desde", from);
        out.date("gestion_hasta", to);
    }
    Ok(())
}

/// The body's `[[organos.informes]]`, after its members.
pub(super) fn write_narratives(out: &mut Toml, conn: &Connection, body: i64) -> store::Result<()> {
    for (from, to, n) in documents::narratives(conn, body)? {
        out.header("[[organos.informes]]");
        out.date("desde", from);
        out.date("hasta", to);
        out.opt("lugar", &n.place);
        out.opt("acciones", &n.actions);
        out.opt("representaciones", &n.representations);
        out.opt("cooperacion", &n.cooperation);
    }
    Ok(())
}

/// The session's keys for its convocatoria.
pub(super) fn write_session(out: &mut Toml, conn: &Connection, session: i64) -> store::Result<()> {
    let d = documents::session(conn, session)?;
    out.opt("oficio", &d.notice_ref);
    out.opt("sala", &d.room);
    out.opt("domicilio", &d.address);
    out.opt("ciudad", &d.city);
    let annexes: Vec<&str> = d.annexes.lines().collect();
    if !d.annexes.is_empty() {
        out.list("anexos", &annexes);
    }
    out.opt_date("confirmar_antes", d.confirm_by);
    Ok(())
}

/// The vote's `[[sesiones.votaciones.motivos]]`, after its counts.
pub(super) fn write_reasons(out: &mut Toml, conn: &Connection, vote: i64, names: &Names) -> store::Result<()> {
    for r in documents::reasons(conn, vote)? {
        out.header("[[sesiones.votaciones.motivos]]");
        out.str("institucion", names.member(r.membership));
        out.str("tipo", r.kind.label());
        out.str("texto", &r.text);
    }
    Ok(())
}
