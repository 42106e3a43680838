//! The convocatoria: an oficio to each member's titular, by name and position, with
//! "Presente", the legal basis, date, time, place or link, the orden del día, the second-call
//! rule, the previous acta to approve, the annexes, a deadline and contact to confirm, the
//! signature of whoever convokes and a copy (c.c.p.) to the suplente. Each oficio starts on a
//! page of its own (a level-1 heading, the body's letterhead). Sent with an iCalendar
//! invitation (`ics::invitation`).

use std::fmt::Write;

use super::markdown::SIGNATURES;
use super::md::inline;
use super::sources::{Lead, Sources, lead, secretariat};
use crate::domain::Labeled;
use crate::domain::dates::{format_time, long_date, medium_date};
use crate::domain::member::Representative;
use crate::domain::session::Modality;
use crate::domain::style::NoticeSigner;
use crate::domain::text::{fold, of_name, with_article};
use crate::store::record::{RollRow, SessionRecord};

/// Who signs: the office's name, the seat and the person, if the directory has one.
struct Signer<'a> {
    office: String,
    seat: Option<&'a RollRow>,
    person: Option<Representative>,
}

fn signer<'a>(r: &'a SessionRecord, s: &Sources) -> (Signer<'a>, Lead) {
    let (who, seat) = lead(r);
    let signer = match s.body.notice_signer {
        NoticeSigner::Conductor => {
            Signer { office: who.office().to_string(), seat, person: seat.and_then(|x| x.titular.clone()) }
        }
        NoticeSigner::Secretariat => {
            let seat = secretariat(r);
            let office = s.body.secretariat_name().to_string();
            Signer { office, seat, person: seat.and_then(|x| x.titular.clone()) }
        }
    };
    (signer, who)
}

/// What the secretary must know before sending: the oficio would end without a signature.
pub fn warnings(r: &SessionRecord, s: &Sources) -> Vec<String> {
    let (signer, _) = signer(r, s);
    let mut out = Vec::new();
    if signer.person.as_ref().is_none_or(|p| p.name.trim().is_empty()) {
        out.push(format!(
            "la convocatoria no tiene quién la firme: {} no tiene titular registrado en el directorio; designe a \
             la persona titular antes de enviarla",
            if signer.seat.is_some() {
                signer.office.to_string()
            } else {
                format!("el órgano no tiene {}", signer.office)
            }
        ));
    }
    if s.session.notice_ref.trim().is_empty() {
        out.push(
            "la convocatoria no tiene número de oficio: regístrelo en los datos de la convocatoria (tecla x en el \
             calendario, o «oficio» en el archivo de datos)"
                .into(),
        );
    }
    if addressees(r, &signer).is_empty() {
        out.push("el órgano no tiene integrantes a quienes convocar".into());
    }
    out
}

/// Every member but the one who signs, in roll order.
fn addressees<'a>(r: &'a SessionRecord, signer: &Signer) -> Vec<&'a RollRow> {
    r.roll.iter().filter(|x| signer.seat.is_none_or(|s| s.membership.id != x.membership.id)).collect()
}

/// Markdown of the convocatoria of `r`, issued on `on`: one oficio per addressee.
pub fn generate(r: &SessionRecord, s: &Sources, on: chrono::NaiveDate) -> String {
    let (signer, lead) = signer(r, s);
    let list = addressees(r, &signer);
    let mut out = String::new();
    if list.is_empty() {
        letter(&mut out, r, s, on, &signer, lead, None);
    }
    for row in list {
        letter(&mut out, r, s, on, &signer, lead, Some(row));
    }
    out
}

fn letter(
    out: &mut String,
    r: &SessionRecord,
    s: &Sources,
    on: chrono::NaiveDate,
    signer: &Signer,
    lead: Lead,
    to: Option<&RollRow>,
) {
    let style = s.style();
    let _ = writeln!(out, "# {}\n", inline(&r.body.name));
    let _ = writeln!(out, "**{}**\n", signer.office);
    // Without a number the line is left out, not filled with a mark: `warnings` says so.
    let reference = s.session.notice_ref.trim();
    if !reference.is_empty() {
        let circular = addressees(r, signer).len() > 1;
        let _ = writeln!(out, "{} {}\\", style.oficio_label(circular), inline(reference));
    }
    let _ = writeln!(out, "Asunto: Convocatoria a la {}.\n", r.title());
    let city = s.city();
    let place_date = style.letter_date(city, on);
    let _ = writeln!(out, "{}\n", inline(&place_date));
    // The addressee: name in bold, position, institution, "Presente".
    let mut lines = Vec::new();
    match to {
        Some(row) => {
            match row.titular.as_ref().filter(|t| !t.name.trim().is_empty()) {
                Some(t) => {
                    lines.push(format!("**{}**", inline(&t.name)));
                    if !t.position.trim().is_empty() {
                        lines.push(inline(&t.position));
                    }
                }
                None => lines.push(format!("**Titular de {}**", inline(&with_article(&row.institution.name)))),
            }
            lines.push(inline(&row.institution.name));
        }
        None => lines.push(format!("**Integrantes {}**", of_name(&inline(&r.body.name)))),
    }
    lines.push("Presente".into());
    let _ = writeln!(out, "{}\n", lines.join("\\\n"));
    if let Some(greeting) = style.greeting() {
        let _ = writeln!(out, "{greeting}\n");
    }
    body(out, r, s, signer, lead);
    let _ = writeln!(out, "Atentamente,\n");
    let name = signer.person.as_ref().map(|p| p.name.trim().to_string()).unwrap_or_default();
    let mut role = signer.office.to_string();
    if let Some(p) = signer.person.as_ref().filter(|p| !p.position.trim().is_empty()) {
        role = format!("{}, {}", p.position.trim(), role);
    }
    let role = format!("{role} {}", of_name(&r.body.name));
    let _ = writeln!(out, "~~~{SIGNATURES}");
    let clean = |t: &str| t.replace(['\n', '\r'], " ").replace('|', "/");
    if name.is_empty() {
        let _ = writeln!(out, "{}", clean(&role));
    } else {
        let _ = writeln!(out, "{} | {}", clean(&name), clean(&role));
    }
    let _ = writeln!(out, "~~~\n");
    if let Some(row) = to
        && let Some(alt) = row.alternate.as_ref().filter(|a| !a.name.trim().is_empty())
    {
        // The institution is the addressee's own; the copy says who the suplente is to them.
        let position = match alt.position.trim() {
            "" => ", suplente".to_string(),
            p => format!(", {} y suplente", inline(p)),
        };
        let _ = writeln!(
            out,
            "{} {}{position} de la persona titular. Para su conocimiento.\n",
            style.copy_label(),
            inline(alt.name.trim()),
        );
    }
}

/// The `.ics` invitation that goes with the convocatoria: organized by whoever signs it,
/// every titular (required) and suplente (optional) with an e-mail invited.
pub fn invitation(
    conn: &rusqlite::Connection,
    r: &SessionRecord,
    s: &Sources,
    stamp: chrono::NaiveDateTime,
) -> crate::store::Result<String> {
    use super::ics::{Invitation, Invitee};
    let (signer, _) = signer(r, s);
    let organizer = match signer.person.as_ref() {
        Some(p) => Invitee { name: p.name.clone(), email: p.email.clone(), required: true },
        None => Invitee { name: signer.office.to_string(), email: String::new(), required: true },
    };
    let mut attendees = Vec::new();
    for row in addressees(r, &signer) {
        for (person, required) in [(&row.titular, true), (&row.alternate, false)] {
            if let Some(p) = person.as_ref().filter(|p| !p.email.trim().is_empty()) {
                attendees.push(Invitee { name: p.name.clone(), email: p.email.clone(), required });
            }
        }
    }
    let mut description =
        format!("{}\n{}\nModalidad: {}", r.body.name, r.title(), crate::domain::Labeled::label(r.session.modality));
    if !r.session.link.trim().is_empty() {
        let _ = write!(description, "\nEnlace: {}", r.session.link.trim());
    }
    description.push_str("\n\nOrden del día:");
    for item in &r.items {
        let _ = write!(description, "\n{}. {}", item.position, item.title);
    }
    let invitation = Invitation {
        summary: format!("{} · {}", r.body.acronym, r.title()),
        description,
        organizer,
        attendees,
        sequence: crate::store::documents::notice_sequence(conn, r.session.id)?,
    };
    Ok(super::ics::invitation(&r.session, &r.body, &invitation, stamp))
}

/// "en la sala Tlatelolco de la Secretaría de Gobernación, con domicilio en …, Ciudad de México".
fn where_text(r: &SessionRecord, s: &Sources) -> String {
    let link = r.session.link.trim();
    let link = if link.is_empty() { "que se comunicará oportunamente".to_string() } else { inline(link) };
    let mut place = String::new();
    if !s.room().is_empty() {
        let _ = write!(place, "{} de ", super::acta::in_room(&inline(s.room())));
    } else {
        place.push_str("en ");
    }
    let site = r.session.place.trim();
    if site.is_empty() {
        place = "en el lugar que se comunicará oportunamente".into();
    } else {
        place.push_str(&inline(&with_article(site)));
    }
    if !s.address().is_empty() {
        let _ = write!(place, ", con domicilio en {}", inline(s.address()));
    }
    let city = s.city();
    if !city.is_empty() && !fold(site).contains(&fold(city)) && !fold(s.address()).contains(&fold(city)) {
        let _ = write!(place, ", {}", inline(city));
    }
    match r.session.modality {
        Modality::Virtual => format!("de manera virtual, por medio del enlace {link}"),
        Modality::Hybrid => format!("de manera híbrida, {place}, y por medio del enlace {link}"),
        Modality::InPerson => format!("de manera presencial, {place}"),
    }
}

fn body(out: &mut String, r: &SessionRecord, s: &Sources, signer: &Signer, lead: Lead) {
    let when = match (r.session.schedule.date(), r.session.schedule.time()) {
        (Some(d), Some(t)) => format!("el {} a las {} horas", long_date(d), format_time(t)),
        (Some(d), None) => format!("el {}", long_date(d)),
        _ => r.session.schedule.describe(),
    };
    let basis = match s.body.legal_basis.trim() {
        "" => String::new(),
        b => format!("Con fundamento en {}, ", inline(b)),
    };
    // Whoever convokes in their own name says so; the Secretaría Técnica convokes by
    // instruction of the Presidencia (or the Coordinación).
    let instruction = if signer.office.as_str() == lead.office() {
        String::new()
    } else {
        format!("por instrucciones de {}, ", lead.subject())
    };
    let mut opening = format!("{basis}{instruction}me permito convocarle a la {}", r.title());
    if let Some(first) = opening.get(..1) {
        opening = format!("{}{}", first.to_uppercase(), &opening[1..]);
    }
    let _ = writeln!(
        out,
        "{opening} {}, que se celebrará {when}, {}, conforme al siguiente:\n",
        of_name(&inline(&r.body.name)),
        where_text(r, s)
    );
    let _ = writeln!(out, "**Orden del día**\n");
    for item in &r.items {
        let _ = writeln!(out, "{}. {}", item.position, inline(&item.title));
    }
    out.push('\n');
    if let Some((q, wait)) = r.body.rules.second_call {
        let members =
            if super::sources::countries(r) { "los países miembros" } else { "las instituciones integrantes" };
        let _ = writeln!(
            out,
            "De no reunirse en primera convocatoria el quórum de {} de {members}, la sesión se \
             celebrará en segunda convocatoria {} después de la hora señalada, en el mismo lugar, con \
             la presencia de {} de {members}.\n",
            r.body.rules.quorum.prose(),
            crate::domain::text::counted(wait.into(), "minuto", "minutos"),
            q.prose()
        );
    }
    if let Some((title, date)) = &s.previous {
        let date = date.map(|d| format!(", celebrada el {}", medium_date(d))).unwrap_or_default();
        let _ = writeln!(
            out,
            "Se adjunta para su aprobación el proyecto de {} de la {title}{date}.\n",
            s.body.record_word.label()
        );
    }
    let annexes = s.session.annex_list();
    if !annexes.is_empty() {
        let _ = writeln!(out, "Se anexan:\n");
        for a in annexes {
            let _ = writeln!(out, "- {}", inline(a));
        }
        out.push('\n');
    }
    let mut confirm =
        "Le agradeceré confirmar la asistencia de la persona titular o, en su ausencia, de la suplente".to_string();
    if let Some(by) = s.session.confirm_by {
        let _ = write!(confirm, ", a más tardar el {}", medium_date(by));
    }
    if !s.body.contact.trim().is_empty() {
        let _ = write!(confirm, ", con {}", inline(s.body.contact.trim()));
    }
    let _ = writeln!(out, "{confirm}.\n");
    let _ = writeln!(out, "{}\n", s.style().farewell());
}

#[cfg(test)]
mod tests;
