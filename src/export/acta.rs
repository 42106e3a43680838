//! The acta (minutes) drafted from what happened: heading, attendance, quorum, agenda, each
//! item with its notes, votes (and superseded counts) and agreements, the closing and the
//! signatures. Nothing is typed twice: every sentence comes from the session's records.
//! Sections are `## ` headings, so a regenerated draft can replace only those the secretary
//! has not edited (`domain::minutes::merge`).

use std::fmt::Write;

use chrono::NaiveDate;

use super::markdown::{SIGNATURES, cell};
use crate::domain::Labeled;
use crate::domain::agenda::PREVIOUS_MINUTES;
use crate::domain::body::{Conductor, MajorityRule};
use crate::domain::dates::{format_time, long_date, medium_date};
use crate::domain::member::Office;
use crate::domain::quorum::{AttendanceMode, Call, Presence};
use crate::domain::vote::VoteMode;
use crate::store::conduct::recess_minutes;
use crate::store::record::{RollRow, SessionRecord};

/// An acta approved in this session, cited in its "Lectura y aprobación del acta…" item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub sha256: String,
}

fn person(row: &RollRow) -> String {
    row.entry
        .as_ref()
        .map(|e| e.representative.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| row.titular.as_ref().map(|t| t.name.clone()))
        .unwrap_or_default()
}

fn institution(row: &RollRow) -> String {
    format!("{} ({})", row.institution.name, row.institution.acronym)
}

/// Markdown of the acta of `r`.
pub fn generate(r: &SessionRecord, approved_here: &[Citation]) -> String {
    let mut out = String::new();
    heading(&mut out, r);
    attendance(&mut out, r);
    quorum(&mut out, r);
    let _ = writeln!(out, "## Orden del día\n");
    for item in &r.items {
        let _ = writeln!(out, "{}. {}", item.position, item.title);
    }
    out.push('\n');
    development(&mut out, r, approved_here);
    agreements(&mut out, r);
    closing(&mut out, r);
    out
}

fn heading(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "# Acta de la {}\n", r.title());
    let _ = writeln!(out, "**{} ({})**\n", r.body.name, r.body.acronym);
    let date = r.session.schedule.date().map(long_date).unwrap_or_else(|| r.session.schedule.describe());
    // A session recorded without its start time says the day only, never "las — horas".
    let when = match r.conduct.started_at {
        Some(t) => format!("siendo las {} horas del {date}", format_time(t.time())),
        None => format!("el {date}"),
    };
    let place = if r.session.place.is_empty() { String::new() } else { format!("En {}, ", r.session.place) };
    let modality = r.session.modality.label();
    let _ = writeln!(
        out,
        "{place}{when}, se reunieron en modalidad {modality} las personas representantes \
         de las instituciones integrantes de la {}, con el fin de celebrar su {}, conforme a lo siguiente.\n",
        r.body.name,
        r.title()
    );
    if let Some(planned) = r.session.scheduled_on {
        let _ = writeln!(out, "La sesión estaba prevista para el {}.\n", long_date(planned));
    }
}

fn attendance(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "## Lista de asistencia\n");
    let _ = writeln!(out, "| Institución | Representante | Carácter | Modalidad | Llegada | Salida |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let voting = r.roll.iter().filter(|x| x.membership.rights.votes());
    for row in voting.clone().filter(|x| x.entry.as_ref().is_some_and(|e| e.mark.presence.present())) {
        let Some(e) = &row.entry else { continue };
        let character = if e.mark.presence == Presence::Titular { "Titular" } else { "Suplente" };
        let mode = if e.mark.mode == AttendanceMode::Remote { "Virtual" } else { "Presencial" };
        let time = |t: Option<chrono::NaiveTime>| t.map(format_time).unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "| {} | {} | {character} | {mode} | {} | {} |",
            cell(&institution(row)),
            cell(&person(row)),
            time(e.mark.arrival),
            time(e.mark.departure)
        );
    }
    out.push('\n');
    let list = |p: Presence| -> Vec<String> {
        voting.clone().filter(|x| x.entry.as_ref().is_some_and(|e| e.mark.presence == p)).map(institution).collect()
    };
    let justified = list(Presence::Justified);
    if !justified.is_empty() {
        let _ = writeln!(out, "Ausencias justificadas: {}.\n", justified.join("; "));
    }
    let absent = list(Presence::Absent);
    if !absent.is_empty() {
        let _ = writeln!(out, "No asistieron: {}.\n", absent.join("; "));
    }
    let guests: Vec<String> = r
        .roll
        .iter()
        .filter(|x| !x.membership.rights.votes() && x.entry.as_ref().is_some_and(|e| e.mark.presence.present()))
        .map(|x| format!("{} ({}, {})", institution(x), person(x), x.membership.rights.label()))
        .collect();
    if !guests.is_empty() {
        let _ = writeln!(out, "Participaron sin voto: {}.\n", guests.join("; "));
    }
}

fn quorum(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "## Verificación del quórum\n");
    // The quorum that opened deliberation is the one verified at the first vote, or now.
    let first = r.votes.iter().flat_map(|v| v.counts.iter()).min_by_key(|c| c.at);
    let (present, required) =
        first.map_or((r.quorum.present, r.quorum.required), |c| (c.quorum_present, c.quorum_required));
    let call = match r.conduct.call {
        Call::First => "primera convocatoria".to_string(),
        Call::Second => {
            let wait = r.body.rules.second_call.map(|(_, w)| w).unwrap_or(0);
            format!("segunda convocatoria, tras {wait} minutos de espera")
        }
    };
    let rule = match r.conduct.call {
        Call::First => r.body.rules.quorum.text(),
        Call::Second => r.body.rules.second_call.map(|(q, _)| q.text()).unwrap_or_default(),
    };
    let verdict = if present >= required {
        "se declaró la existencia de quórum legal y válidos los acuerdos que se adopten"
    } else {
        "no se reunió el quórum requerido"
    };
    let _ = writeln!(
        out,
        "La Secretaría Técnica verificó la asistencia de {present} de {} votos de las instituciones integrantes con \
         derecho a voto. En {call}, el quórum requerido es de {required} ({rule}), por lo que {verdict}.\n",
        r.quorum.total
    );
}

fn development(out: &mut String, r: &SessionRecord, approved_here: &[Citation]) {
    let _ = writeln!(out, "## Desarrollo de la sesión\n");
    for item in &r.items {
        let _ = writeln!(out, "### {}. {}\n", item.position, item.title);
        if let (Some(s), Some(e)) = (item.started_at, item.ended_at) {
            let _ = writeln!(out, "*De {} a {} horas.*\n", format_time(s.time()), format_time(e.time()));
        }
        if !item.notes.trim().is_empty() {
            let _ = writeln!(out, "{}\n", item.notes.trim());
        }
        if item.title == PREVIOUS_MINUTES {
            for c in approved_here {
                let date = c.date.map(|d| format!(", celebrada el {}", medium_date(d))).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "Se aprobó el Acta de la {}{date}, cuyo texto definitivo queda identificado con la huella \
                     SHA-256 `{}`.\n",
                    c.title, c.sha256
                );
            }
        }
        for v in r.votes.iter().filter(|v| v.item == item.id) {
            let Some(current) = v.current() else { continue };
            // A consensus is consulted, not voted: no count, and dissent by name.
            if v.rule == MajorityRule::Consensus {
                let _ = writeln!(
                    out,
                    "Se consultó el consenso sobre la propuesta: «{}». {}\n",
                    v.motion, current.explanation
                );
            } else {
                let mode = if v.mode == VoteMode::Nominal { "nominal" } else { "por totales" };
                let _ = writeln!(
                    out,
                    "Se sometió a votación {mode}, por {}, la moción: «{}». Con quórum verificado de {} (requerido {}), \
                     el resultado fue: {}. {}\n",
                    v.rule.phrase(),
                    v.motion,
                    current.quorum_present,
                    current.quorum_required,
                    current.tally.text(),
                    current.explanation
                );
            }
            for (old, next) in v.counts.iter().zip(v.counts.iter().skip(1)) {
                let lead = match &next.recount {
                    Some(x) => match x.requested_by {
                        Some(m) => {
                            format!(
                                "A solicitud de {} se realizó un recuento (motivo: {})",
                                r.member_name(m),
                                x.reason.trim()
                            )
                        }
                        None => format!("La Secretaría Técnica corrigió el conteo (motivo: {})", x.reason.trim()),
                    },
                    None => "Se realizó un recuento".to_string(),
                };
                let _ = writeln!(
                    out,
                    "{lead}; el conteo de las {} horas ({}) quedó sustituido por el de las {} horas.\n",
                    format_time(old.at.time()),
                    old.tally.text(),
                    format_time(next.at.time())
                );
            }
            if v.mode == VoteMode::Nominal && v.rule != MajorityRule::Consensus {
                let ballots: Vec<String> = current
                    .ballots
                    .iter()
                    .map(|(m, _, b)| format!("{}: {}", r.member_name(*m), b.map_or("no votó", |b| b.label())))
                    .collect();
                let _ = writeln!(out, "Sentido del voto: {}.\n", ballots.join("; "));
            }
        }
        let adopted: Vec<_> = r.agreements.iter().filter(|a| a.item == item.id).collect();
        for a in adopted {
            let firm = if a.firm { " ACUERDO FIRME." } else { "" };
            let _ = writeln!(out, "- **Acuerdo {}.** {}{firm}", a.number, a.text);
        }
        if r.agreements.iter().any(|a| a.item == item.id) {
            out.push('\n');
        }
    }
}

fn agreements(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "## Acuerdos adoptados\n");
    if r.agreements.is_empty() {
        let _ = writeln!(out, "En esta sesión no se adoptaron acuerdos.\n");
        return;
    }
    let _ = writeln!(out, "| Número | Acuerdo | Responsables | Plazo |");
    let _ = writeln!(out, "|---|---|---|---|");
    for a in &r.agreements {
        let who: Vec<&str> = a.responsibles.iter().map(|i| r.acronym(*i)).collect();
        let _ = writeln!(out, "| {} | {} | {} | {} |", a.number, cell(&a.text), who.join(", "), a.deadline.text());
    }
    out.push('\n');
}

fn closing(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "## Clausura\n");
    let end = r.conduct.ended_at.unwrap_or_default();
    let recess = recess_minutes(&r.events, end);
    if recess > 0 {
        let _ = writeln!(out, "La sesión tuvo {recess} minutos de receso.\n");
    }
    let reopened: Vec<&str> = r
        .events
        .iter()
        .filter(|e| e.kind == crate::domain::session::SessionEvent::Reopened)
        .map(|e| e.detail.as_str())
        .collect();
    for reason in reopened {
        let _ = writeln!(out, "La sesión fue reabierta por el siguiente motivo: {reason}.\n");
    }
    match r.conduct.ended_at {
        Some(t) => {
            let _ = writeln!(
                out,
                "No habiendo más asuntos que tratar, {} declaró clausurada la sesión a las {} horas del {}.\n",
                r.body.rules.conductor.phrase(),
                format_time(t.time()),
                long_date(t.date())
            );
        }
        None => {
            let _ = writeln!(out, "La sesión no ha sido clausurada.\n");
        }
    }
    // Who signs is who was there: without a recorded roll nobody is named (a blank line to
    // sign), never whoever holds the seat today.
    let recorded = r.roll_recorded();
    let sign = |x: &RollRow, role: &str| {
        let name = if recorded { person(x) } else { String::new() };
        (name, format!("{role} — {}", x.institution.acronym))
    };
    // Who conducts signs first: the Presidencia, or in a working group the coordinating
    // institution (the member holding the Presidencia if none is set).
    let conductor = r.body.rules.conductor;
    let leads = |x: &&RollRow| match (conductor, r.body.coordinator) {
        (Conductor::Coordination, Some(c)) => x.institution.id == c,
        _ => x.membership.office == Office::Presidency,
    };
    let first = r.roll.iter().find(leads).map(|x| sign(x, conductor.label()));
    let secretariat = r
        .roll
        .iter()
        .find(|x| x.membership.office == Office::TechnicalSecretariat)
        .map(|x| sign(x, Office::TechnicalSecretariat.label()));
    let _ = writeln!(out, "~~~{SIGNATURES}");
    for (name, role) in first.into_iter().chain(secretariat) {
        let _ = writeln!(out, "{name} | {role}");
    }
    let _ = writeln!(out, "~~~");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, bodies, sessions};

    fn demo_session(acronym: &str, number: u32) -> (Store, SessionRecord) {
        let store = crate::demo::in_memory();
        let body = bodies::by_acronym(store.conn(), acronym).expect("q").expect("body").id;
        let filter = sessions::Filter { body: Some(body), ..Default::default() };
        let s = sessions::list(store.conn(), &filter)
            .expect("q")
            .into_iter()
            .find(|s| s.number == number)
            .expect("session");
        let r = SessionRecord::load(store.conn(), s.id).expect("record");
        (store, r)
    }

    #[test]
    fn acta_of_the_demo_citdp_session() {
        let (_, r) = demo_session("CITDP", 21);
        let text = generate(&r, &[]);
        insta::assert_snapshot!(text);
        let doc = super::super::markdown::parse(&text, true, None);
        assert_eq!(doc.title, "Acta de la Vigésima Primera Sesión Ordinaria");
        assert!(text.contains("la Presidencia ejerce su voto de calidad a favor"));
        assert!(text.contains("Ausencias justificadas: Secretaría de Turismo (SECTUR)."), "{text}");
    }

    #[test]
    fn recount_and_citation_appear() {
        let (_, r) = demo_session("SC-PP", 169);
        let citation = Citation {
            title: "Centésima Sexagésima Octava Sesión Ordinaria".into(),
            date: None,
            sha256: "ab12".into(),
        };
        let text = generate(&r, &[citation]);
        assert!(text.contains("quedó sustituido"), "the superseded count is on record");
        assert!(text.contains("huella SHA-256 `ab12`"), "the approved acta is cited");
    }
}
