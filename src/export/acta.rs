//! The acta (minutes) drafted from what happened, in the form the body's country writes it
//! (`domain::style`): the heading block with its identifier, the opening with place, time and
//! date in words, legal basis and convocatoria, attendance, quorum, the items dealt with and
//! their votes and agreements, the closing, "Firman al calce…" and the signatures, and on
//! request a hoja de firmas. Nothing is typed twice: every sentence comes from the records,
//! and what a person typed is printed as typed (`md::verbatim`). Sections are `## ` headings,
//! so a regenerated draft can replace only those the secretary has not edited
//! (`domain::minutes::merge`).

use std::fmt::Write;

use super::markdown::SIGNATURES;
use super::md::{cell_text, inline, inline_lines, verbatim};
pub use super::sources::Citation;
use super::sources::{Sources, countries, lead, member_name, person, secretariat};
use crate::domain::agenda::{CLOSING, PREVIOUS_MINUTES};
use crate::domain::dates::medium_date;
use crate::domain::member::Rights;
use crate::domain::quorum::{AttendanceMode, Call, Presence};
use crate::domain::session::Modality;
use crate::domain::spelled::{date_words, time_words};
use crate::domain::style::{DocStyle, record_identifier};
use crate::domain::text::{and_list, fold, of_name, plural};
use crate::domain::{Labeled, vote::Ballot};
use crate::store::record::{RollRow, SessionRecord};

mod votes;

/// The identifier of the acta of `r` ("ACTA CITDP/SO-21/2024").
pub fn identifier(r: &SessionRecord, s: &Sources) -> String {
    let year = r.session.schedule.year();
    record_identifier(s.body.pattern(), s.body.record_word, &r.body.acronym, r.session.kind, r.session.number, year)
}

/// "Acta de la Vigésima Primera Sesión Ordinaria".
pub fn heading_title(r: &SessionRecord, s: &Sources) -> String {
    format!("{} de la {}", s.body.record_word.title(), r.title())
}

/// Markdown of the acta of `r`.
pub fn generate(r: &SessionRecord, s: &Sources) -> String {
    let mut out = String::new();
    heading(&mut out, r, s);
    attendance(&mut out, r);
    quorum(&mut out, r);
    let _ = writeln!(out, "## Orden del día\n");
    for item in &r.items {
        let _ = writeln!(out, "{}. {}", item.position, inline(&item.title));
    }
    out.push('\n');
    development(&mut out, r, s);
    agreements(&mut out, r);
    closing(&mut out, r, s);
    if s.body.signature_sheet {
        signature_sheet(&mut out, r);
    }
    out
}

/// "los países miembros" or "las instituciones integrantes".
fn members_phrase(r: &SessionRecord) -> &'static str {
    if countries(r) { "los países miembros" } else { "las instituciones integrantes" }
}

/// "En la Ciudad de México", "En San José", "En la ciudad de Tegucigalpa".
fn in_city(style: DocStyle, city: &str) -> String {
    if fold(city).starts_with("ciudad") {
        format!("En la {city}")
    } else if matches!(style, DocStyle::Honduras | DocStyle::Regional) {
        format!("En la ciudad de {city}")
    } else {
        format!("En {city}")
    }
}

/// "en la sala Tlatelolco", "en el salón Juárez".
pub(crate) fn in_room(room: &str) -> String {
    let f = fold(room);
    let rooms = ["sala", "salon", "auditorio", "despacho", "oficina", "biblioteca", "aula", "edificio"];
    if rooms.iter().any(|r| f.starts_with(r)) {
        format!("en {}", crate::domain::text::with_article(room))
    } else {
        format!("en la sala {room}")
    }
}

/// A building takes its article ("la Secretaría de Gobernación", "las Oficinas Centrales");
/// a place name does not ("Tegucigalpa, Honduras").
fn site_phrase(site: &str) -> String {
    const BUILDINGS: [&str; 24] = [
        "secretaria",
        "ministerio",
        "comision",
        "fiscalia",
        "procuraduria",
        "instituto",
        "direccion",
        "oficina",
        "sala",
        "salon",
        "auditorio",
        "hotel",
        "edificio",
        "centro",
        "palacio",
        "casa",
        "sede",
        "cancilleria",
        "universidad",
        "biblioteca",
        "patronato",
        "embajada",
        "camara",
        "museo",
    ];
    let first = fold(site.split_whitespace().next().unwrap_or(""));
    if BUILDINGS.iter().any(|b| first.starts_with(b)) {
        crate::domain::text::with_article(site)
    } else {
        site.to_string()
    }
}

/// The sentence's first letter in capitals ("en la Sala…" opens the acta as "En la Sala…").
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The venue without a trailing ", {city}" the city clause already says, whole or by its
/// first part ("Tegucigalpa" of "Tegucigalpa, M.D.C.").
fn venue<'a>(place: &'a str, city: &str) -> &'a str {
    let place = place.trim();
    let city = city.trim();
    let short = city.split(',').next().unwrap_or(city).trim();
    for name in [city, short] {
        if name.is_empty() {
            continue;
        }
        if let Some(rest) = place.strip_suffix(name).map(str::trim_end).and_then(|p| p.strip_suffix(',')) {
            return rest.trim_end();
        }
    }
    place
}

fn heading(out: &mut String, r: &SessionRecord, s: &Sources) {
    let style = s.style();
    let _ = writeln!(out, "# {}\n", heading_title(r, s));
    let _ = writeln!(out, "**{} ({})**\n", inline(&r.body.name), inline(&r.body.acronym));
    let _ = writeln!(out, "**{}**\n", inline(&identifier(r, s)));
    let city = s.city();
    let mut place: Vec<String> = Vec::new();
    if r.session.modality == Modality::Virtual {
        place.push("Mediante videoconferencia".into());
    } else {
        if !city.is_empty() {
            place.push(in_city(style, &inline(city)));
        }
        let site = venue(&r.session.place, city);
        let mut at = String::new();
        if !s.room().is_empty() {
            at.push_str(&in_room(&inline(s.room())));
        }
        if !site.is_empty() {
            let joined = if at.is_empty() { "en" } else { " de" };
            let _ = write!(at, "{joined} {}", inline(&site_phrase(site)));
        }
        if !s.address().is_empty() {
            let _ = write!(at, ", con domicilio en {}", inline(s.address()));
        }
        if !at.is_empty() {
            place.push(at);
        }
        if r.session.modality == Modality::Hybrid {
            place.push("y por videoconferencia".into());
        }
        if place.is_empty() {
            place.push("Reunidas".into());
        }
    }
    let when = when_words(r, s);
    let mut basis = String::new();
    if !s.body.legal_basis.trim().is_empty() {
        let _ = write!(basis, ", con fundamento en {}", inline(s.body.legal_basis.trim()));
    }
    if let Some(on) = s.notice_on {
        let oficio = match s.session.notice_ref.trim() {
            "" => String::new(),
            reference => format!(" mediante el oficio {}", inline(reference)),
        };
        let joint = if basis.is_empty() { "," } else { " y" };
        let _ = write!(basis, "{joint} previa convocatoria emitida{oficio} el {}", medium_date(on));
    }
    let _ = writeln!(
        out,
        "{}{when}{basis}, se reunieron las personas representantes de {} {}, para celebrar su {}, conforme al \
         siguiente orden del día.\n",
        capitalized(&place.join(", ")),
        members_phrase(r),
        of_name(&inline(&r.body.name)),
        r.title()
    );
    // Held on another day: the record says the day it was planned for.
    if let Some(planned) = r.session.scheduled_on {
        let _ = writeln!(out, "La sesión estaba prevista para el día {}.\n", date_words(planned));
    }
}

/// ", siendo las diez horas del día veinte de febrero de dos mil veinticuatro": the actual
/// start if the session was opened, else the scheduled time.
fn when_words(r: &SessionRecord, s: &Sources) -> String {
    let style = s.style();
    let started = r.conduct.started_at;
    let date = started.map(|t| t.date()).or_else(|| r.session.schedule.date());
    let time = started.map(|t| t.time()).or_else(|| r.session.schedule.time());
    match (time, date) {
        (Some(t), Some(d)) => {
            format!(", {} {} {} {}", style.time_intro(), time_words(t), style.date_intro(), date_words(d))
        }
        (None, Some(d)) => format!(", el día {}", date_words(d)),
        _ => String::new(),
    }
}

fn attendance(out: &mut String, r: &SessionRecord) {
    let member = if countries(r) { "País" } else { "Institución" };
    let _ = writeln!(out, "## Lista de asistencia\n");
    let _ = writeln!(out, "| {member} | Representante | Carácter | Modalidad | Llegada | Salida |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let voting = r.roll.iter().filter(|x| x.membership.rights.votes());
    for row in voting.clone().filter(|x| x.entry.as_ref().is_some_and(|e| e.mark.presence.present())) {
        let Some(e) = &row.entry else { continue };
        let character = if e.mark.presence == Presence::Titular { "Titular" } else { "Suplente" };
        let mode = if e.mark.mode == AttendanceMode::Remote { "Virtual" } else { "Presencial" };
        let time =
            |t: Option<chrono::NaiveTime>| t.map(crate::domain::dates::format_time).unwrap_or_else(|| "—".into());
        let name = person(row).map(|p| p.name).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {character} | {mode} | {} | {} |",
            cell_text(&row.institution.formal_name()),
            cell_text(&name),
            time(e.mark.arrival),
            time(e.mark.departure)
        );
    }
    out.push('\n');
    let list = |p: Presence| -> Vec<String> {
        voting
            .clone()
            .filter(|x| x.entry.as_ref().is_some_and(|e| e.mark.presence == p))
            .map(|x| inline(&x.institution.formal_name()))
            .collect()
    };
    // The verb agrees with how many are named: «Justificó su inasistencia: SECTUR».
    let said = |out: &mut String, names: &[String], one: &str, many: &str| {
        if !names.is_empty() {
            let lead = plural(i64::try_from(names.len()).unwrap_or(i64::MAX), one, many);
            let _ = writeln!(out, "{lead}: {}.\n", names.join("; "));
        }
    };
    said(out, &list(Presence::Justified), "Justificó su inasistencia", "Justificaron su inasistencia");
    said(out, &list(Presence::Absent), "No asistió", "No asistieron");
    // Observers are named with the invariable «con estatus de observador», which holds for a
    // woman representing an organisation as for the organisation itself.
    let guests = |rights: Rights| -> Vec<String> {
        r.roll
            .iter()
            .filter(|x| x.membership.rights == rights && x.entry.as_ref().is_some_and(|e| e.mark.presence.present()))
            .map(|x| match person(x) {
                Some(p) => inline(&format!("{} ({})", x.institution.formal_name(), p.name)),
                None => inline(&x.institution.formal_name()),
            })
            .collect()
    };
    said(out, &guests(Rights::VoiceOnly), "Participó con voz y sin voto", "Participaron con voz y sin voto");
    said(
        out,
        &guests(Rights::Observer),
        "Participó con estatus de observador",
        "Participaron con estatus de observador",
    );
}

/// "12 de las 15 instituciones con derecho a voto", "5 de los 8 países con derecho a voto".
/// All of them present: "las 6 instituciones con derecho a voto", not "6 de las 6".
pub fn present_of(r: &SessionRecord, present: u32, total: u32) -> String {
    match (countries(r), present == total) {
        (true, true) => format!("los {total} países con derecho a voto"),
        (true, false) => format!("{present} de los {total} países con derecho a voto"),
        (false, true) => format!("las {total} instituciones con derecho a voto"),
        (false, false) => format!("{present} de las {total} instituciones con derecho a voto"),
    }
}

fn quorum(out: &mut String, r: &SessionRecord) {
    let _ = writeln!(out, "## Verificación del quórum\n");
    // The quorum that opened deliberation is the one verified at the first vote, or now.
    let first = r.votes.iter().flat_map(|v| v.counts.iter()).min_by_key(|c| c.at);
    let (present, required) =
        first.map_or((r.quorum.present, r.quorum.required), |c| (c.quorum_present, c.quorum_required));
    let (call, rule) = match r.conduct.call {
        Call::First => ("primera convocatoria".to_string(), r.body.rules.quorum.text()),
        Call::Second => {
            let (q, wait) = r.body.rules.second_call.map_or((String::new(), 0), |(q, w)| (q.text(), w));
            (
                format!(
                    "segunda convocatoria, tras {} de espera",
                    crate::domain::text::counted(wait.into(), "minuto", "minutos")
                ),
                q,
            )
        }
    };
    let (who, _) = lead(r);
    let verdict = if present >= required {
        "por lo que declaró la existencia de quórum legal y la validez de los acuerdos que se adopten"
    } else {
        "por lo que no se reunió el quórum requerido"
    };
    let subject = who.subject();
    let mut subject = subject.to_string();
    if let Some(first) = subject.get(..1) {
        subject = format!("{}{}", first.to_uppercase(), &subject[1..]);
    }
    let _ = writeln!(
        out,
        "{subject} verificó la asistencia de {}. En {call}, el quórum requerido es de {required} ({rule}), {verdict}.\n",
        present_of(r, present, r.quorum.total)
    );
}

fn is_closing(title: &str) -> bool {
    fold(title) == fold(CLOSING)
}

fn development(out: &mut String, r: &SessionRecord, s: &Sources) {
    let _ = writeln!(out, "## Desarrollo de la sesión\n");
    for item in r.items.iter().filter(|i| !is_closing(&i.title)) {
        let votes: Vec<_> = r.votes.iter().filter(|v| v.item == item.id && v.current().is_some()).collect();
        let adopted: Vec<_> = r.agreements.iter().filter(|a| a.item == item.id).collect();
        let cites = item.title == PREVIOUS_MINUTES && !s.citations.is_empty();
        let dealt = item.started_at.zip(item.ended_at).is_some_and(|(a, b)| b > a);
        let has_content = !item.notes.trim().is_empty() || !votes.is_empty() || !adopted.is_empty() || cites;
        // An item not dealt with is left out; one opened without anything said, noted as such.
        if !has_content && !dealt {
            continue;
        }
        let _ = writeln!(out, "### {}. {}\n", item.position, inline(&item.title));
        if !has_content {
            let _ = writeln!(out, "Sin asuntos que tratar.\n");
            continue;
        }
        if !item.notes.trim().is_empty() {
            let _ = writeln!(out, "{}\n", verbatim(&item.notes));
        }
        if item.title == PREVIOUS_MINUTES {
            for c in &s.citations {
                let date = c.date.map(|d| format!(", celebrada el {}", medium_date(d))).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "Se aprobó el {} de la {}{date}, cuyo texto definitivo queda identificado con la huella \
                     SHA-256 `{}`.\n",
                    s.body.record_word.label(),
                    c.title,
                    c.sha256
                );
            }
        }
        for v in votes {
            votes::write(out, r, s, v);
        }
        for a in adopted {
            let firm = if a.firm { " **ACUERDO FIRME.**" } else { "" };
            let _ = writeln!(out, "- **Acuerdo {}.** {}{firm}", inline(&a.number), inline_lines(&a.text));
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
        let firm = if a.firm { " ACUERDO FIRME." } else { "" };
        let _ = writeln!(
            out,
            "| {} | {}{firm} | {} | {} |",
            cell_text(&a.number),
            cell_text(&a.text),
            cell_text(&who.join(", ")),
            a.deadline.text()
        );
    }
    out.push('\n');
}

fn closing(out: &mut String, r: &SessionRecord, s: &Sources) {
    let _ = writeln!(out, "## Clausura\n");
    // What the secretary noted under the agenda's own Clausura item is said here, once.
    for item in r.items.iter().filter(|i| is_closing(&i.title) && !i.notes.trim().is_empty()) {
        let _ = writeln!(out, "{}\n", verbatim(&item.notes));
    }
    let end = r.conduct.ended_at.unwrap_or_default();
    let recess = crate::store::conduct::recess_minutes(&r.events, end);
    if recess > 0 {
        let _ =
            writeln!(out, "La sesión tuvo {} de receso.\n", crate::domain::text::counted(recess, "minuto", "minutos"));
    }
    for e in r.events.iter().filter(|e| e.kind == crate::domain::session::SessionEvent::Reopened) {
        let _ = writeln!(out, "La sesión fue reabierta por el siguiente motivo: {}.\n", inline(&e.detail));
    }
    match r.conduct.ended_at {
        Some(t) => {
            let _ = writeln!(out, "{}\n", s.style().closing_sentence(&time_words(t.time())));
        }
        None => {
            let _ = writeln!(out, "La sesión no ha sido clausurada.\n");
        }
    }
    let _ = writeln!(out, "{}\n", s.style().signing_sentence(s.body.record_word));
    let (who, seat) = lead(r);
    // Who signs is who was there: without a recorded roll nobody is named (a blank line to
    // sign), never whoever holds the seat today.
    let recorded = r.roll_recorded();
    let _ = writeln!(out, "~~~{SIGNATURES}");
    for (office, row) in [(who.office(), seat), (s.body.secretariat_name(), secretariat(r))] {
        let name = row.filter(|_| recorded).and_then(person).map(|p| p.name).unwrap_or_default();
        let role = match row {
            Some(x) => format!("{office} — {}", member_name(x)),
            None => office.to_string(),
        };
        let _ = writeln!(out, "{} | {}", signature_text(&name), signature_text(&role));
    }
    let _ = writeln!(out, "~~~");
}

/// A name or role on a signature line: one line, no `|` (it separates name from role).
fn signature_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "/").trim().to_string()
}

/// Everyone who attended, each to sign beside their name.
fn signature_sheet(out: &mut String, r: &SessionRecord) {
    let present: Vec<&RollRow> =
        r.roll.iter().filter(|x| x.entry.as_ref().is_some_and(|e| e.mark.presence.present())).collect();
    if present.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Hoja de firmas\n");
    let _ = writeln!(out, "Personas que asistieron a la {} {}.\n", r.title(), of_name(&inline(&r.body.name)));
    let _ = writeln!(out, "~~~{SIGNATURES}");
    for x in present {
        let name = person(x).map(|p| p.name).unwrap_or_default();
        let character = match x.entry.as_ref().map(|e| e.mark.presence) {
            Some(Presence::Titular) => "Titular",
            Some(Presence::Alternate) => "Suplente",
            _ => x.membership.rights.label(),
        };
        let _ = writeln!(
            out,
            "{} | {}",
            signature_text(&name),
            signature_text(&format!("{character} — {}", member_name(x)))
        );
    }
    let _ = writeln!(out, "~~~");
}

/// "ninguno", "1", "12": a count that may be zero, said as actas say it.
pub fn none_or(n: u32, feminine: bool) -> String {
    match n {
        0 if feminine => "ninguna".into(),
        0 => "ninguno".into(),
        n => n.to_string(),
    }
}

/// Roll order of those who cast `ballot` in a nominal count.
pub fn voters(r: &SessionRecord, ballots: &[(i64, u32, Option<Ballot>)], ballot: Ballot) -> Vec<String> {
    r.roll
        .iter()
        .filter(|x| ballots.iter().any(|(m, _, b)| *m == x.membership.id && *b == Some(ballot)))
        .map(|x| inline(&member_name(x)))
        .collect::<Vec<_>>()
}

pub fn list(items: &[String]) -> String {
    and_list(items)
}

#[cfg(test)]
mod tests;
