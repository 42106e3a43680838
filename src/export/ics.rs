//! iCalendar (RFC 5545): one VEVENT per dated session, in its body's time zone.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::session::{Modality, Session, SessionStatus, title};
use crate::domain::zone;

/// How long a session lasts in the invitation when the calendar only gives its start.
const DEFAULT_HOURS: i64 = 2;

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn push_line(out: &mut String, line: &str) {
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// "-06", or "-0430" when the offset has minutes: the zone's abbreviation as the IANA
/// database writes it for the region.
fn tzname(minutes: i32) -> String {
    let text = offset_text(minutes);
    if minutes % 60 == 0 { text[..3].to_string() } else { text }
}

/// One observance of a VTIMEZONE: from `local` on, the offset goes `from` → `to`.
fn observance(line: &mut impl FnMut(&str), daylight: bool, local: NaiveDateTime, from: i32, to: i32) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    line(&format!("BEGIN:{kind}"));
    line(&format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
    line(&format!("TZOFFSETFROM:{}", offset_text(from)));
    line(&format!("TZOFFSETTO:{}", offset_text(to)));
    line(&format!("TZNAME:{}", tzname(to)));
    line(&format!("END:{kind}"));
}

/// The VTIMEZONE of `zone` over the years `first..=last` of the events that use it: its
/// offset at the start and every change (daylight saving in Chile, Paraguay, Cuba…) from the
/// IANA database, so a calendar shows the body's wall-clock time whatever its own rules.
fn vtimezone(line: &mut impl FnMut(&str), zone: &str, (first, last): (i32, i32)) {
    let year_start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let (Some(from), Some(to)) = (year_start(first), year_start(last.saturating_add(1))) else { return };
    // From the zone's own midnight of the first year to that of the year after the last.
    let (start, end) =
        (zone::instant(from, zone).unwrap_or(from.and_utc()), zone::instant(to, zone).unwrap_or(to.and_utc()));
    // An unknown zone (only a hand-written database has one) is written as UTC.
    let offset = zone::offset_at(zone, start).unwrap_or(0);
    line("BEGIN:VTIMEZONE");
    line(&format!("TZID:{zone}"));
    observance(line, zone::daylight_at(zone, start), from, offset, offset);
    for t in zone::transitions(zone, start, end) {
        observance(line, t.daylight, t.local, t.from, t.to);
    }
    line("END:VTIMEZONE");
}

/// The stable UID of a session's event: an update carries the same one.
fn uid(s: &Session, b: &Body) -> String {
    format!("UID:sesion-{}-{}-{}-{}@secretaria", b.acronym, s.kind.code(), s.number, s.id)
}

/// DTSTART and DTEND of a dated session, in its body's zone (or all day without a time).
fn when(line: &mut impl FnMut(&str), s: &Session, b: &Body) {
    let Some(date) = s.schedule.date() else { return };
    match s.schedule.time() {
        Some(t) => {
            let start = date.and_time(t);
            let end = start + Duration::hours(DEFAULT_HOURS);
            line(&format!("DTSTART;TZID={}:{}", b.timezone, start.format("%Y%m%dT%H%M%S")));
            line(&format!("DTEND;TZID={}:{}", b.timezone, end.format("%Y%m%dT%H%M%S")));
        }
        None => {
            let next = date.succ_opt().unwrap_or(date);
            line(&format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
            line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
}

/// A person invited: their name and e-mail, and whether their presence is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub name: String,
    pub email: String,
    pub required: bool,
}

/// What an invitation says besides the session's date, time and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub summary: String,
    pub description: String,
    pub organizer: Invitee,
    pub attendees: Vec<Invitee>,
    pub sequence: u32,
}

/// A quoted parameter value (RFC 5545 §3.2): no double quotes or control characters inside.
fn param(text: &str) -> String {
    let clean: String = text.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// The invitation to one session (RFC 5546 iTIP): `METHOD:REQUEST` (or `CANCEL` for a
/// cancelled session), its ORGANIZER, one ATTENDEE per person with an e-mail, and `sequence`,
/// which grows with every change so calendar applications replace the earlier invitation.
pub fn invitation(s: &Session, b: &Body, i: &Invitation, stamp: NaiveDateTime) -> String {
    let Invitation { summary, description, organizer, attendees, sequence } = i;
    let mut out = String::new();
    let mut line = |l: &str| push_line(&mut out, l);
    let cancelled = s.status == SessionStatus::Cancelled;
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//secretaria//Convocatoria//ES");
    line("CALSCALE:GREGORIAN");
    line(if cancelled { "METHOD:CANCEL" } else { "METHOD:REQUEST" });
    if let (Some(_), Some(date)) = (s.schedule.time(), s.schedule.date()) {
        vtimezone(&mut line, &b.timezone, (date.year(), date.year()));
    }
    line("BEGIN:VEVENT");
    line(&uid(s, b));
    line(&format!("SEQUENCE:{sequence}"));
    line(&format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
    when(&mut line, s, b);
    line(&format!("SUMMARY:{}", escape(summary)));
    let place = match (s.modality, s.place.trim(), s.link.trim()) {
        (Modality::Virtual, _, link) if !link.is_empty() => link.to_string(),
        (_, place, _) => place.to_string(),
    };
    if !place.is_empty() {
        line(&format!("LOCATION:{}", escape(&place)));
    }
    line(&format!("DESCRIPTION:{}", escape(description)));
    if !s.link.trim().is_empty() {
        line(&format!("URL:{}", s.link.trim()));
    }
    if !organizer.email.trim().is_empty() {
        line(&format!("ORGANIZER;CN={}:mailto:{}", param(&organizer.name), organizer.email.trim()));
    }
    for a in attendees.iter().filter(|a| !a.email.trim().is_empty()) {
        let role = if a.required { "REQ-PARTICIPANT" } else { "OPT-PARTICIPANT" };
        line(&format!(
            "ATTENDEE;CN={};ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
            param(&a.name),
            a.email.trim()
        ));
    }
    line(if cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
    line("END:VEVENT");
    line("END:VCALENDAR");
    out
}

/// The calendar for `sessions`; sessions without an exact date are left out (they have no
/// time to put in a calendar). `stamp` is the DTSTAMP, in UTC.
pub fn calendar(sessions: &[Session], bodies: &[Body], stamp: NaiveDateTime) -> String {
    let body_of = |id: i64| bodies.iter().find(|b| b.id == id);
    let dated: Vec<(&Session, &Body)> = sessions
        .iter()
        .filter(|s| s.schedule.date().is_some())
        .filter_map(|s| body_of(s.body).map(|b| (s, b)))
        .collect();
    let mut out = String::new();
    let mut line = |l: &str| push_line(&mut out, l);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//secretaria//Calendario de sesiones//ES");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:Calendario de sesiones");
    // Each zone over the years of its timed events.
    let mut zones: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for (s, b) in dated.iter().filter(|(s, _)| s.schedule.time().is_some()) {
        let Some(year) = s.schedule.date().map(|d| d.year()) else { continue };
        let span = zones.entry(b.timezone.as_str()).or_insert((year, year));
        *span = (span.0.min(year), span.1.max(year));
    }
    for (zone, years) in zones {
        vtimezone(&mut line, zone, years);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for (s, b) in dated {
        line("BEGIN:VEVENT");
        line(&uid(s, b));
        line(&format!("DTSTAMP:{stamp}"));
        when(&mut line, s, b);
        line(&format!("SUMMARY:{}", escape(&format!("{} · {}", b.acronym, title(s.number, s.kind, b.meeting_word)))));
        let place = match (s.modality, s.place.trim(), s.link.trim()) {
            (Modality::Virtual, _, link) if !link.is_empty() => link.to_string(),
            (_, place, _) => place.to_string(),
        };
        if !place.is_empty() {
            line(&format!("LOCATION:{}", escape(&place)));
        }
        let mut desc = format!("{}\nModalidad: {}\nEstado: {}", b.name, s.modality.label(), s.status.label());
        if !s.link.trim().is_empty() {
            let _ = write!(desc, "\nEnlace: {}", s.link.trim());
        }
        line(&format!("DESCRIPTION:{}", escape(&desc)));
        if !s.link.trim().is_empty() {
            line(&format!("URL:{}", s.link.trim()));
        }
        line(match s.status {
            SessionStatus::Cancelled => "STATUS:CANCELLED",
            SessionStatus::Scheduled => "STATUS:TENTATIVE",
            _ => "STATUS:CONFIRMED",
        });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::body::{BodyKind, BodyRules, MeetingWord};
    use crate::domain::schedule::Schedule;
    use crate::domain::session::SessionKind;
    use chrono::NaiveDate;

    fn body() -> Body {
        Body {
            id: 1,
            acronym: "CONACOES".into(),
            name: "Comisión Nacional contra la Explotación Sexual Comercial de Niñas, Niños y Adolescentes".into(),
            kind: BodyKind::Plenary,
            parent: None,
            coordinator: None,
            meeting_word: MeetingWord::Session,
            timezone: "America/Costa_Rica".into(),
            place: String::new(),
            rules: BodyRules::default(),
        }
    }

    fn session(id: i64, when: &str, time: Option<&str>, status: SessionStatus) -> Session {
        Session {
            id,
            body: 1,
            kind: SessionKind::Ordinary,
            number: id as u32,
            schedule: Schedule::parse(when, 2026, time).expect("valid"),
            planned: None,
            scheduled_on: None,
            place: "Sala 1, PANI; San José".into(),
            modality: Modality::Hybrid,
            link: "https://reunion.ejemplo.cr/abc".into(),
            status,
        }
    }

    fn stamp() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("valid")
    }

    #[test]
    fn well_formed_calendar() {
        let sessions = [
            session(21, "3 de diciembre", Some("09:30"), SessionStatus::Convened),
            session(22, "febrero-marzo", None, SessionStatus::Scheduled),
            session(23, "5 de marzo", None, SessionStatus::Cancelled),
        ];
        let ics = calendar(&sessions, &[body()], stamp());
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "line over 75 octets: {l}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2, "the window has no date");
        assert_eq!(unfolded.matches("BEGIN:").count(), unfolded.matches("END:").count());
        assert!(unfolded.contains("DTSTART;TZID=America/Costa_Rica:20261203T093000"));
        assert!(unfolded.contains("DTEND;TZID=America/Costa_Rica:20261203T113000"));
        assert!(unfolded.contains("TZOFFSETTO:-0600"));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20260305"));
        assert!(unfolded.contains("STATUS:CANCELLED"));
        assert!(unfolded.contains("SUMMARY:CONACOES · Vigésima Primera Sesión Ordinaria"));
        assert!(unfolded.contains("LOCATION:Sala 1\\, PANI\\; San José"));
        assert!(unfolded.contains("DTSTAMP:20261124T120000Z"));
    }

    /// Chile changes its clocks twice a year: the zone block carries both changes of the
    /// event's year, read by Python's `icalendar` as the same instants the IANA database gives.
    #[test]
    fn a_zone_with_daylight_saving_carries_its_changes() {
        let santiago = Body { timezone: "America/Santiago".into(), ..body() };
        let ics =
            calendar(&[session(30, "10 de septiembre", Some("10:00"), SessionStatus::Convened)], &[santiago], stamp());
        let unfolded = ics.replace("\r\n ", "");
        let block =
            &unfolded[unfolded.find("BEGIN:VTIMEZONE").expect("zone")..unfolded.find("END:VTIMEZONE").expect("end")];
        // Summer time (-03) until the first Sunday of April, winter (-04) until the first
        // Sunday of September.
        assert!(
            block.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260101T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300"),
            "{block}"
        );
        assert!(
            block.contains("BEGIN:STANDARD\r\nDTSTART:20260405T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0400"),
            "{block}"
        );
        assert!(
            block.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260906T000000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0300"),
            "{block}"
        );
        let costa_rica =
            calendar(&[session(31, "10 de septiembre", Some("10:00"), SessionStatus::Convened)], &[body()], stamp());
        assert!(!costa_rica.contains("DAYLIGHT"), "no daylight saving in Costa Rica");
        let script = r#"
import sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
e = [c for c in cal.walk('VEVENT')][0]
print(e.decoded('DTSTART').utcoffset().total_seconds() / 3600)
"#;
        let has_icalendar = std::process::Command::new("python3")
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_icalendar {
            eprintln!("se omite la lectura con Python: falta el módulo icalendar (pip install icalendar)");
            return;
        }
        use std::io::Write;
        for (when, hours) in [("10 de septiembre", "-3.0"), ("10 de julio", "-4.0"), ("10 de marzo", "-3.0")] {
            let santiago = Body { timezone: "America/Santiago".into(), ..body() };
            let ics = calendar(&[session(30, when, Some("10:00"), SessionStatus::Convened)], &[santiago], stamp());
            let mut child = std::process::Command::new("python3")
                .args(["-c", script])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("python3");
            child.stdin.take().expect("stdin").write_all(ics.as_bytes()).expect("write");
            let out = child.wait_with_output().expect("output");
            assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), hours, "{when}: {ics}");
        }
    }

    #[test]
    fn folding_never_splits_characters() {
        let mut out = String::new();
        push_line(&mut out, &format!("DESCRIPTION:{}", "ñ".repeat(100)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75);
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), format!("DESCRIPTION:{}", "ñ".repeat(100)));
        assert_eq!(offset_text(-240), "-0400");
        assert_eq!(offset_text(330), "+0530");
    }
}
