use super::*;
use crate::store::{Store, agenda, bodies, sessions};

/// The next convoked session of `acronym`, its agenda prepared.
pub(crate) fn next_session(acronym: &str) -> (Store, SessionRecord) {
    let mut store = crate::demo::in_memory();
    let body = bodies::by_acronym(store.conn(), acronym).expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    let s = sessions::list(store.conn(), &filter)
        .expect("q")
        .into_iter()
        .find(|s| s.status == crate::domain::session::SessionStatus::Convened)
        .expect("convoked");
    crate::ops::testing::write(&mut store, |tx| agenda::ensure(tx, s.id)).expect("agenda");
    let r = SessionRecord::load(store.conn(), s.id).expect("record");
    (store, r)
}

#[test]
fn convocatoria_of_the_next_citdp_session() {
    let (store, r) = next_session("CITDP");
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
    let sources = Sources::load(store.conn(), &r, Vec::new()).expect("sources");
    let text = generate(&r, &sources, on);
    assert!(text.contains("Lectura y aprobación del acta de la sesión anterior"));
    assert!(text.contains("Asunto: Convocatoria a la"), "{text}");
    assert!(text.contains("Presente"));
    assert!(text.contains("me permito convocarle"));
    assert!(!text.contains("Por instrucciones de la Presidencia"), "the Presidencia signs in its own name");
    assert!(text.contains("c.c.p. "), "a copy to the suplente");
    assert!(text.contains("segunda convocatoria 30 minutos después"), "{text}");
    assert!(warnings(&r, &sources).is_empty());
    let first = text.split("\n# ").next().expect("first oficio");
    insta::assert_snapshot!(first);
}

/// The invitation read by Python's `icalendar` (installed by .ci/run): a REQUEST with its
/// organizer, every titular and suplente with an e-mail, and a SEQUENCE that grows.
#[test]
fn the_invitation_is_one_calendar_applications_accept() {
    let (mut store, r) = next_session("CITDP");
    let stamp = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("valid");
    let sources = Sources::load(store.conn(), &r, Vec::new()).expect("sources");
    let ics = invitation(store.conn(), &r, &sources, stamp).expect("ics");
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("METHOD:REQUEST\r\n"));
    assert!(
        unfolded.contains("ORGANIZER;CN=\"Cecilia Arellano Montes\":mailto:carellano@ejemplo.gob.mx"),
        "{unfolded}"
    );
    let with_email = r
        .roll
        .iter()
        .filter(|x| x.membership.office != crate::domain::member::Office::Presidency)
        .flat_map(|x| [&x.titular, &x.alternate])
        .flatten()
        .filter(|p| !p.email.trim().is_empty())
        .count();
    assert_eq!(unfolded.matches("\r\nATTENDEE;").count(), with_email);
    let sequence = |ics: &str| -> u32 {
        let at = ics.find("SEQUENCE:").expect("sequence") + "SEQUENCE:".len();
        ics[at..].split("\r\n").next().and_then(|n| n.parse().ok()).expect("number")
    };
    let before = sequence(&ics);
    let mut s = r.session.clone();
    s.place = "Salón Revolución, Secretaría de Gobernación".into();
    let ctx = crate::ops::Context::for_tests("secretaria");
    crate::ops::run(&mut store, &ctx, crate::ops::Op::SaveSession { session: s }).expect("changed");
    let r2 = SessionRecord::load(store.conn(), r.session.id).expect("record");
    let after = invitation(store.conn(), &r2, &sources, stamp).expect("ics");
    assert!(sequence(&after) > before, "SEQUENCE raised by the change");

    let script = r#"
import sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
assert cal.get('METHOD') == 'REQUEST', cal.get('METHOD')
events = [c for c in cal.walk('VEVENT')]
assert len(events) == 1
e = events[0]
att = e.get('ATTENDEE')
att = att if isinstance(att, list) else [att]
print(len(att), str(e.get('ORGANIZER')), int(e.get('SEQUENCE')), e.decoded('DTSTART').isoformat())
"#;
    let run = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !run {
        eprintln!("se omite: falta el módulo icalendar de Python (pip install icalendar)");
        return;
    }
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().expect("stdin").write_all(after.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "icalendar refused it: {}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with(&format!("{with_email} mailto:carellano@ejemplo.gob.mx {}", sequence(&after))), "{said}");
}

/// With nobody to sign, the letter still ends with the office that convokes, and the
/// secretary is told before sending it.
#[test]
fn a_body_without_signers_is_warned() {
    let (store, mut r) = next_session("CITDP");
    for row in r.roll.iter_mut().filter(|x| x.membership.office == crate::domain::member::Office::Presidency) {
        row.titular = None;
    }
    let sources = Sources::load(store.conn(), &r, Vec::new()).expect("sources");
    let warned = warnings(&r, &sources);
    assert!(warned.iter().any(|w| w.contains("no tiene quién la firme")), "{warned:?}");
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
    let text = generate(&r, &sources, on);
    let first = text.split("\n# ").next().expect("first oficio");
    let after = &first[first.find("Atentamente,").expect("closing")..];
    assert!(after.contains("Presidencia de la Comisión Intersecretarial"), "the office signs: {after}");
    assert!(!first.contains("Cecilia Arellano Montes"), "nobody's name invented: {first}");
}
