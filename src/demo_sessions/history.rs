//! The record of every closed session of the demonstration that the data files list without
//! one: who came (titular or suplente, in person or remote, on time or late, some leaving
//! early, justified absences), the agenda with its times and notes, the votes on the agenda,
//! the previous acta and the matters dealt with, the agreements with their responsibles and
//! deadlines, and where each agreement's follow-up stands today. So the Tablero, the
//! indicators and the reports show a secretariat's real history, not three sessions of 200.
//!
//! Generated, not typed: every choice comes from a hash of the session's body, kind and
//! number, so the history is the same on every load. It is written through the same checked
//! functions the importer uses for recorded sessions, inside the demo's own operation (one
//! transaction, one bitácora entry); nothing is written to a session that has a record.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rusqlite::Connection;

use super::topics::{self, Topic};
use crate::domain::Labeled;
use crate::domain::agenda;
use crate::domain::agreement::{AgreementStatus, Deadline, number};
use crate::domain::body::{Body, MajorityRule};
use crate::domain::followup::{EvidenceKind, Source};
use crate::domain::member::{Institution, Membership, Office, RepresentativeRole};
use crate::domain::quorum::{AttendanceMode, Call, Mark, Presence};
use crate::domain::session::{Modality, Session, SessionEvent, SessionKind, SessionStatus};
use crate::domain::vote::{Ballot, Judging, Tally, VoteMode, judge};
use crate::ops::Tx;
use crate::store::agenda::Item;
use crate::store::agreements::Agreement;
use crate::store::attendance::Entry;
use crate::store::conduct::{Conduct, Event};
use crate::store::followup::{Evidence, Progress};
use crate::store::votes::{Count, Vote};
use crate::store::{
    Result, agenda as agenda_store, agreements, attendance, bodies, conduct, followup, institutions, members, sessions,
    votes,
};

/// A deterministic stream of choices for one session (splitmix64).
struct Dice(u64);

impl Dice {
    fn for_session(body: &str, kind: SessionKind, number: u32) -> Dice {
        let mut seed = 0xcbf2_9ce4_8422_2325_u64;
        for b in body.bytes().chain(kind.code().bytes()) {
            seed = (seed ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Dice(seed ^ u64::from(number).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// A member as the history uses it.
struct Seat {
    membership: Membership,
    institution: Institution,
    /// Everyone designated to the seat: (role, name, from).
    people: Vec<(RepresentativeRole, String, Option<NaiveDate>)>,
}

impl Seat {
    /// Who held the role on `on`: the latest designated by then, else the earliest on file.
    fn person(&self, role: RepresentativeRole, on: NaiveDate) -> String {
        let of_role = self.people.iter().filter(|(r, _, _)| *r == role);
        of_role
            .clone()
            .filter(|(_, _, from)| from.is_none_or(|f| f <= on))
            .max_by_key(|(_, _, from)| *from)
            .or_else(|| of_role.min_by_key(|(_, _, from)| *from))
            .map(|(_, name, _)| name.clone())
            .unwrap_or_default()
    }
}

/// Writes the history of every closed session of the bodies with these siglas that has no
/// record; returns how many. `today` is the day the follow-up is seen from.
pub fn write(tx: &Tx, demo_bodies: &[&str], today: NaiveDate) -> Result<usize> {
    let held: Vec<Session> = sessions::list(tx, &sessions::Filter::default())?
        .into_iter()
        .filter(|s| s.status == SessionStatus::Closed && s.schedule.date().is_some())
        .collect();
    let all_bodies = bodies::list(tx)?;
    let mut seats: HashMap<i64, Vec<Seat>> = HashMap::new();
    let mut written = 0;
    for s in held {
        if !untouched(tx, s.id)? {
            continue;
        }
        let Some(body) = all_bodies.iter().find(|b| b.id == s.body && demo_bodies.contains(&b.acronym.as_str())) else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(e) = seats.entry(body.id) {
            e.insert(load_seats(tx, body.id)?);
        }
        let parent = body.parent.and_then(|p| all_bodies.iter().find(|b| b.id == p)).map(|b| b.acronym.as_str());
        let body_seats = seats.get(&body.id).map(Vec::as_slice).unwrap_or_default();
        if record(tx, &s, body, parent, body_seats, today)? {
            written += 1;
        }
    }
    Ok(written)
}

fn untouched(conn: &Connection, session: i64) -> Result<bool> {
    let c = conduct::conduct(conn, session)?;
    Ok(c.started_at.is_none()
        && agenda_store::list(conn, session)?.is_empty()
        && attendance::list(conn, session)?.is_empty())
}

fn load_seats(conn: &Connection, body: i64) -> Result<Vec<Seat>> {
    let mut out = Vec::new();
    for m in members::for_body(conn, body)? {
        let Some(institution) = institutions::get(conn, m.institution)? else { continue };
        let people = members::designations(conn, m.id)?
            .into_iter()
            .map(|d| (d.role, d.person.name, d.person.designated_on))
            .collect();
        out.push(Seat { membership: m, institution, people });
    }
    Ok(out)
}

fn at(date: NaiveDate, minutes: i64) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::minutes(minutes)
}

/// One session's whole record; false when the body has nobody with vote.
fn record(tx: &Tx, s: &Session, body: &Body, parent: Option<&str>, seats: &[Seat], today: NaiveDate) -> Result<bool> {
    let Some(date) = s.schedule.date() else { return Ok(false) };
    let mut dice = Dice::for_session(&body.acronym, s.kind, s.number);
    let seats: Vec<&Seat> = seats.iter().filter(|x| x.membership.active_on(date)).collect();
    let total: u32 = seats.iter().filter(|x| x.membership.rights.votes()).map(|x| x.membership.weight).sum();
    if total == 0 {
        return Ok(false);
    }
    let start = s.schedule.time().map_or(10 * 60, |t| i64::from(t.num_seconds_from_midnight() / 60));
    let start = start + i64::try_from(dice.below(8)).unwrap_or(0);
    let open = at(date, start);

    // Roll call: most come; quorum is always reached (a session without it is not held).
    let required = body.rules.quorum.required(total);
    let mut present_weight = 0;
    let mut marks: Vec<(usize, Mark, String)> = Vec::new();
    let remote_share = match s.modality {
        Modality::Virtual => 100,
        Modality::Hybrid => 35,
        Modality::InPerson => 5,
    };
    for (i, seat) in seats.iter().enumerate() {
        let votes = seat.membership.rights.votes();
        let office = seat.membership.office != Office::Member;
        let comes = office || (votes && (dice.chance(82) || present_weight < required)) || (!votes && dice.chance(45));
        let presence = if !comes {
            if dice.chance(55) { Presence::Justified } else { Presence::Absent }
        } else if dice.chance(22) {
            Presence::Alternate
        } else {
            Presence::Titular
        };
        let here = presence.present();
        if here && votes {
            present_weight += seat.membership.weight;
        }
        // Members with vote are in the room before the first vote; a guest may come late.
        let late = !votes && dice.chance(25);
        let arrival = here.then(|| {
            let minutes = if late { 20 + dice.below(40) } else { dice.below(12) };
            at(date, start + i64::try_from(minutes).unwrap_or(0) - 5).time()
        });
        let mode = if here && dice.chance(remote_share) { AttendanceMode::Remote } else { AttendanceMode::InPerson };
        let role =
            if presence == Presence::Alternate { RepresentativeRole::Alternate } else { RepresentativeRole::Titular };
        let person = if here { seat.person(role, date) } else { String::new() };
        marks.push((i, Mark { membership: seat.membership.id, presence, mode, arrival, departure: None }, person));
    }

    // Quorum is always reached: absent members with vote come until it is.
    for (i, mark, person) in &mut marks {
        let m = &seats[*i].membership;
        if present_weight >= required {
            break;
        }
        if m.rights.votes() && !mark.presence.present() {
            mark.presence = Presence::Titular;
            mark.arrival = Some(at(date, start).time());
            *person = seats[*i].person(RepresentativeRole::Titular, date);
            present_weight += m.weight;
        }
    }

    // The agenda: the standard items and one or two of the body's matters.
    let pool = topics::of(&body.acronym, parent);
    let first = usize::try_from(dice.below(pool.len() as u64)).unwrap_or(0);
    let mut matters: Vec<&Topic> = vec![&pool[first]];
    if pool.len() > 1 && dice.chance(55) {
        matters.push(&pool[(first + 1) % pool.len()]);
    }
    let conducted_by =
        if matches!(body.kind, crate::domain::body::BodyKind::WorkingGroup | crate::domain::body::BodyKind::Subgroup) {
            "la coordinación"
        } else {
            "la Presidencia"
        };
    // The body's documents name its secretariat («Secretaría Ejecutiva» in the CICESCT).
    let docs = crate::store::documents::body(tx, body.id)?;
    let office = docs.secretariat_name();
    let mut titles: Vec<(String, String)> = vec![
        (
            agenda::ROLL_CALL.into(),
            // The counts are the acta's own «Verificación del quórum»; the notes say what it does not.
            format!("La {office} pasó lista de asistencia y {conducted_by} declaró instalada la sesión."),
        ),
        (agenda::AGENDA_APPROVAL.into(), "Se dio lectura al orden del día, sin propuestas de modificación.".into()),
        (
            agenda::PREVIOUS_MINUTES.into(),
            "Se dispensó la lectura del acta de la sesión anterior, circulada con la convocatoria; no hubo \
             observaciones de fondo."
                .into(),
        ),
    ];
    titles.extend(matters.iter().map(|m| (m.title.to_string(), m.notes.to_string())));
    let general = if dice.chance(50) {
        "No se trataron otros asuntos.".to_string()
    } else {
        format!(
            "La {office} recordó la fecha de la próxima sesión y pidió actualizar los datos de contacto de las \
             personas representantes."
        )
    };
    // The closing item is named as the body's style names it («Asuntos varios», «Puntos varios»).
    let closing = docs.style.closing_item();
    titles.push((closing.into(), general));
    let mut minute = start + 2;
    let mut item_ids = Vec::new();
    let mut times = Vec::new();
    for (n, (title, notes)) in titles.iter().enumerate() {
        let length = match n {
            0 => 5,
            1 | 2 => 4 + i64::try_from(dice.below(4)).unwrap_or(0),
            _ => 20 + i64::try_from(dice.below(35)).unwrap_or(0),
        };
        let item = Item {
            id: 0,
            session: s.id,
            position: u32::try_from(n + 1).unwrap_or(u32::MAX),
            title: title.clone(),
            started_at: Some(at(date, minute)),
            ended_at: Some(at(date, minute + length)),
            notes: notes.clone(),
            notes_version: 0,
        };
        times.push((minute, minute + length));
        item_ids.push(agenda_store::insert_recorded(tx, s.id, &item)?);
        minute += length;
    }
    let close_minute = minute + 3;
    let closing = Item {
        id: 0,
        session: s.id,
        position: u32::try_from(titles.len() + 1).unwrap_or(u32::MAX),
        title: agenda::CLOSING.into(),
        started_at: Some(at(date, minute)),
        ended_at: Some(at(date, close_minute)),
        // The closing time is the acta's own closing sentence.
        notes: format!(
            "Agotado el orden del día, {conducted_by} agradeció la participación de las personas asistentes."
        ),
        notes_version: 0,
    };
    let closing_id = agenda_store::insert_recorded(tx, s.id, &closing)?;
    let end = at(date, close_minute);
    // Someone with voice only may leave before the end; quorum is never broken by it.
    if let Some((_, mark, _)) =
        marks.iter_mut().find(|(i, m, _)| m.presence.present() && !seats[*i].membership.rights.votes())
        && dice.chance(40)
    {
        mark.departure = Some(at(date, close_minute - 15).time());
    }
    conduct::set_recorded(
        tx,
        s.id,
        &Conduct { started_at: Some(open), ended_at: Some(end), call: Call::First, current_item: Some(closing_id) },
    )?;
    for (i, mark, person) in &marks {
        let m = &seats[*i].membership;
        let entry = Entry { mark: mark.clone(), representative: person.clone() };
        attendance::insert_recorded(tx, s.id, &entry, m.rights, m.weight)?;
    }
    conduct::insert_event_recorded(tx, s.id, &Event { at: open, kind: SessionEvent::Opened, detail: String::new() })?;
    conduct::insert_event_recorded(tx, s.id, &Event { at: end, kind: SessionEvent::Closed, detail: String::new() })?;

    // Votes: the agenda, the previous acta, and the first matter when it was put to a vote.
    let voters: Vec<(i64, u32)> = marks
        .iter()
        .filter(|(i, m, _)| m.presence.present() && seats[*i].membership.rights.votes())
        .map(|(i, _, _)| (seats[*i].membership.id, seats[*i].membership.weight))
        .collect();
    let names = seats.iter().map(|x| (x.membership.id, x.institution.name.clone())).collect();
    let sitting = Sitting { session: s.id, names, body, voters: &voters, total, required, date };
    let mut vote_ids = Vec::new();
    vote_ids.push(sitting.vote(tx, item_ids[1], "Aprobación del orden del día", times[1].0 + 1, 0, &mut dice)?);
    let abstaining = u32::from(dice.chance(40));
    vote_ids.push(sitting.vote(
        tx,
        item_ids[2],
        "Aprobación del acta de la sesión anterior",
        times[2].0 + 1,
        abstaining,
        &mut dice,
    )?);
    let matter_vote = dice.chance(50);
    if matter_vote {
        // The motion is the agreement as it was read out before the vote, quoted without its
        // closing full stop.
        let motion = matters[0].agreement.trim_end_matches('.');
        vote_ids.push(sitting.vote(tx, item_ids[3], motion, times[3].1 - 3, 0, &mut dice)?);
    }

    // Agreements: the approved acta, and one per matter.
    let pattern: String =
        tx.query_row("SELECT agreement_pattern FROM bodies WHERE id = ?1", [body.id], |r| r.get(0))?;
    let secretariat = seats
        .iter()
        .find(|x| x.membership.office == Office::TechnicalSecretariat)
        .or_else(|| seats.iter().find(|x| x.membership.office == Office::Presidency))
        .or_else(|| seats.first())
        .map(|x| x.institution.id);
    let mut adopted = vec![Adoption {
        item: item_ids[2],
        vote: vote_ids.get(1).copied(),
        text: format!("Se aprueba el acta de la sesión anterior. La {office} la integrará al archivo del órgano."),
        who: secretariat.into_iter().collect(),
        months: 1,
        minute: times[2].1,
    }];
    for (n, m) in matters.iter().enumerate() {
        let mut who: Vec<i64> = m
            .responsibles
            .iter()
            .filter_map(|a| seats.iter().find(|x| x.institution.acronym == *a).map(|x| x.institution.id))
            .collect();
        if who.is_empty() {
            who.extend(secretariat);
        }
        let vote = if n == 0 && matter_vote { vote_ids.get(2).copied() } else { None };
        adopted.push(Adoption {
            item: item_ids[3 + n],
            vote,
            text: m.agreement.to_string(),
            who,
            months: m.months,
            minute: times[3 + n].1 - 1,
        });
    }
    let mut seq = 0;
    for Adoption { item, vote, text, who, months, minute } in adopted {
        let Some(&by) = who.first() else { continue };
        seq += 1;
        let deadline = match months {
            0 => Deadline::Permanent,
            n => Deadline::Date(date.checked_add_months(Months::new(n)).unwrap_or(date)),
        };
        let a = Agreement {
            id: 0,
            session: s.id,
            item,
            vote,
            seq,
            number: number(&pattern, &body.acronym, s.kind, s.number, date, seq),
            text,
            deadline,
            status: AgreementStatus::Pending,
            created_at: at(date, minute),
            firm: false,
            responsibles: who,
        };
        follow_up(tx, a, by, today, &mut dice)?;
    }
    Ok(true)
}

/// An agreement about to be written.
struct Adoption {
    item: i64,
    vote: Option<i64>,
    text: String,
    who: Vec<i64>,
    months: u32,
    minute: i64,
}

/// What a vote of the history is counted with.
struct Sitting<'a> {
    session: i64,
    /// Institution names by membership, for a consensus's explanation.
    names: HashMap<i64, String>,
    body: &'a Body,
    voters: &'a [(i64, u32)],
    total: u32,
    required: u32,
    date: NaiveDate,
}

impl Sitting<'_> {
    /// A vote approved with `abstaining` abstentions (by consensus in a consensus body).
    fn vote(&self, tx: &Tx, item: i64, motion: &str, minute: i64, abstaining: u32, dice: &mut Dice) -> Result<i64> {
        let rule = self.body.rules.majority;
        let present: u32 = self.voters.iter().map(|(_, w)| w).sum();
        let nominal = rule == MajorityRule::Consensus || dice.chance(15);
        let abstaining = if rule == MajorityRule::Unanimity { 0 } else { abstaining.min(self.voters.len() as u32 / 3) };
        let mut ballots = Vec::new();
        let mut tally = Tally::default();
        for (n, (m, w)) in self.voters.iter().enumerate() {
            let ballot =
                if (n as u32) + abstaining >= self.voters.len() as u32 { Ballot::Abstain } else { Ballot::For };
            match ballot {
                Ballot::Abstain => tally.abstain += w,
                _ => tally.for_ += w,
            }
            ballots.push((*m, *w, nominal.then_some(ballot)));
        }
        let mut judging = Judging::new(rule, self.body.rules.majority_base, present, self.total);
        judging.abstained = self
            .voters
            .iter()
            .zip(&ballots)
            .filter(|(_, (_, _, b))| *b == Some(Ballot::Abstain))
            .map(|((m, _), _)| self.names.get(m).cloned().unwrap_or_default())
            .collect();
        let decision = judge(&judging, &tally, None);
        let count = Count {
            id: 0,
            at: at(self.date, minute + 1),
            tally,
            eligible: present,
            members: Some(self.total),
            quorum_present: present,
            quorum_required: self.required,
            call: Call::First,
            approved: decision.approved,
            casting_vote: false,
            explanation: decision.explanation,
            superseded: false,
            ballots,
            recount: None,
        };
        let vote = Vote {
            id: 0,
            session: self.session,
            item,
            motion: motion.into(),
            mode: if nominal { VoteMode::Nominal } else { VoteMode::Totals },
            rule,
            base: self.body.rules.majority_base,
            created_at: at(self.date, minute),
            counts: vec![count],
        };
        votes::insert_recorded(tx, &vote)
    }
}

/// Where an agreement stands today: most past deadlines fulfilled (some late) with their
/// evidence, some in progress, a few overdue without a report; recent ones pending or under
/// way; permanent ones followed up.
fn follow_up(tx: &Tx, mut a: Agreement, by: i64, today: NaiveDate, dice: &mut Dice) -> Result<()> {
    let adopted = a.created_at.date();
    let roll = dice.below(100);
    let (status, percent, done_on) = match a.deadline.date() {
        Some(d) if d < today && roll < 62 => {
            let late = roll < 12;
            let on =
                if late { d + Duration::days(10 + (roll as i64)) } else { d - Duration::days(1 + (roll as i64 % 9)) };
            (AgreementStatus::Done, 100, Some(on.clamp(adopted, today)))
        }
        Some(d) if d < today && roll < 85 => (AgreementStatus::InProgress, 30 + (roll as u32 % 6) * 10, None),
        Some(d) if d < today => (AgreementStatus::Pending, 0, None),
        Some(_) if roll < 40 => (AgreementStatus::InProgress, 20 + (roll as u32 % 4) * 10, None),
        Some(_) => (AgreementStatus::Pending, 0, None),
        None if roll < 70 => (AgreementStatus::InProgress, 50, None),
        None => (AgreementStatus::Pending, 0, None),
    };
    a.status = status;
    let id = agreements::insert_recorded(tx, &a, percent, done_on)?;
    if percent == 0 {
        return Ok(());
    }
    let reported = done_on.unwrap_or_else(|| {
        let mid = adopted + Duration::days(20 + (roll as i64 % 25));
        mid.min(today)
    });
    let evidence = (status == AgreementStatus::Done).then(|| Evidence {
        kind: if roll.is_multiple_of(2) { EvidenceKind::Letter } else { EvidenceKind::Report },
        reference: if roll.is_multiple_of(2) {
            format!("Oficio {}/{}/{:04}", a.number.split('/').next().unwrap_or("ST"), reported.year(), 100 + roll * 7)
        } else {
            format!("Informe de cumplimiento del acuerdo {}", a.number)
        },
        file_sha256: None,
    });
    let text = if status == AgreementStatus::Done {
        "Se cumplió lo acordado; se remitió el medio de verificación a la Secretaría Técnica."
    } else {
        "Se informó un avance parcial; lo pendiente se reportará en la siguiente sesión."
    };
    let progress =
        Progress { id: 0, on: reported, text: text.into(), percent, institution: Some(by), evidence, reason: None };
    followup::insert_progress_recorded(tx, Source::Agreement, id, &progress)
}
