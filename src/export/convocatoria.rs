//! The convocatoria: the formal notice of a session, signed by the Presidencia, with its
//! agenda; printed like the minutes and sent with an iCalendar invitation.

use std::fmt::Write;

use super::markdown::SIGNATURES;
use crate::domain::Labeled;
use crate::domain::dates::{format_time, long_date, medium_date};
use crate::domain::member::Office;
use crate::domain::session::Modality;
use crate::store::record::SessionRecord;

/// Markdown of the convocatoria of `r`, issued on `on`.
pub fn generate(r: &SessionRecord, on: chrono::NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Convocatoria a la {}\n", r.title());
    let _ = writeln!(out, "**{} ({})**\n", r.body.name, r.body.acronym);
    let _ = writeln!(
        out,
        "*{}, {}.*\n",
        if r.body.place.is_empty() { "Emitida" } else { r.body.place.as_str() },
        medium_date(on)
    );
    let _ = writeln!(out, "A las personas representantes de las instituciones integrantes de la {}:\n", r.body.name);
    let when = match (r.session.schedule.date(), r.session.schedule.time()) {
        (Some(d), Some(t)) => format!("el {} a las {} horas", long_date(d), format_time(t)),
        (Some(d), None) => format!("el {}", long_date(d)),
        _ => r.session.schedule.describe(),
    };
    let place = match r.session.modality {
        Modality::Virtual => format!("de manera virtual, por medio del enlace {}", link_or_pending(&r.session.link)),
        Modality::Hybrid => format!(
            "de manera híbrida, en {} y por medio del enlace {}",
            place_or_pending(&r.session.place),
            link_or_pending(&r.session.link)
        ),
        Modality::InPerson => format!("de manera presencial, en {}", place_or_pending(&r.session.place)),
    };
    let _ = writeln!(
        out,
        "Por instrucciones de la Presidencia, se les convoca a la {}, que se celebrará {when}, {place}, conforme al \
         siguiente\n",
        r.title()
    );
    let _ = writeln!(out, "## Orden del día\n");
    for item in &r.items {
        let _ = writeln!(out, "{}. {}", item.position, item.title);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "Se solicita confirmar la asistencia de la persona titular o, en su ausencia, de la suplente. La sesión es \
         {} y sus acuerdos se adoptan por {}.\n",
        r.session.kind.label(),
        r.body.rules.majority.phrase()
    );
    let _ = writeln!(out, "Atentamente,\n");
    let _ = writeln!(out, "~~~{SIGNATURES}");
    if let Some(p) = r.roll.iter().find(|x| x.membership.office == Office::Presidency) {
        let name = p.titular.as_ref().map(|t| t.name.clone()).unwrap_or_default();
        let _ = writeln!(out, "{name} | Presidencia — {}", p.institution.acronym);
    }
    let _ = writeln!(out, "~~~");
    out
}

fn place_or_pending(place: &str) -> String {
    if place.trim().is_empty() { "el lugar que se comunicará oportunamente".into() } else { place.trim().into() }
}

fn link_or_pending(link: &str) -> String {
    if link.trim().is_empty() { "que se comunicará oportunamente".into() } else { link.trim().into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{agenda, bodies, sessions};

    #[test]
    fn convocatoria_of_the_next_citdp_session() {
        let mut store = crate::demo::in_memory();
        let body = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
        let filter = sessions::Filter { body: Some(body), ..Default::default() };
        let s = sessions::list(store.conn(), &filter)
            .expect("q")
            .into_iter()
            .find(|s| s.status == crate::domain::session::SessionStatus::Convened)
            .expect("convoked");
        store.write(|tx| agenda::ensure(tx, s.id)).expect("agenda");
        let r = SessionRecord::load(store.conn(), s.id).expect("record");
        let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid");
        let text = generate(&r, on);
        insta::assert_snapshot!(text);
        assert!(text.contains("Lectura y aprobación del acta de la sesión anterior"));
        assert!(text.contains("| Presidencia — SEGOB"));
    }
}
