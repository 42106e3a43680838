//! A generated calendar of realistic size, for benchmarks: `years` × `bodies` with roughly
//! 25 sessions per body and year.

use chrono::NaiveDate;

use super::{Result, Store, StoreError, bodies, institutions, members};
use crate::domain::Labeled;
use crate::domain::body::{Body, BodyKind, BodyRules, MeetingWord, MinimumSessions};
use crate::domain::member::{InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights};
use crate::domain::schedule::Schedule;
use crate::domain::session::{Modality, Session, SessionKind, SessionStatus};
use crate::ops::{self, Context, Tx};

/// Writes `f` as one generated-data entry of the bitácora.
fn bulk<T>(store: &mut Store, what: &str, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
    let ctx = Context::new(Some("generador"));
    ops::batch(store, &ctx, |b| b.generate(what, f)).map_err(|e| StoreError::Refused(e.to_string()))
}

pub fn generate(store: &mut Store, first_year: i32, years: i32, body_count: usize, today: NaiveDate) -> Result<()> {
    bulk(store, "calendario", |tx| {
        let insts: Vec<i64> = (0..30)
            .map(|i| {
                institutions::insert(
                    tx,
                    &format!("INST{i:02}"),
                    &format!("Institución número {i}"),
                    InstitutionKind::Institution,
                )
            })
            .collect::<Result<_>>()?;
        let mut root = None;
        for b in 0..body_count {
            let body = Body {
                id: 0,
                acronym: format!("ORG{b:02}"),
                name: format!("Órgano colegiado número {b}"),
                kind: if b == 0 { BodyKind::Plenary } else { BodyKind::WorkingGroup },
                parent: root,
                coordinator: Some(insts[b % insts.len()]),
                meeting_word: MeetingWord::Session,
                timezone: "America/Mexico_City".into(),
                place: String::new(),
                rules: BodyRules { minimum: MinimumSessions::parse("2 por trimestre").ok(), ..Default::default() },
            };
            let id = bodies::insert(tx, &body)?;
            root = root.or(Some(id));
            for (k, inst) in insts.iter().enumerate().take(15) {
                let office = match k {
                    0 => Office::Presidency,
                    1 => Office::TechnicalSecretariat,
                    _ => Office::Member,
                };
                let m = members::insert(
                    tx,
                    &Membership {
                        id: 0,
                        body: id,
                        institution: *inst,
                        rights: Rights::VoiceAndVote,
                        office,
                        weight: 1,
                        ended_on: None,
                    },
                )?;
                let rep = Representative {
                    name: format!("Persona {b}-{k}"),
                    email: format!("p{b}.{k}@ejemplo.org"),
                    ..Default::default()
                };
                members::designate(tx, m, RepresentativeRole::Titular, &rep, today)?;
            }
            let mut n = 0;
            for y in first_year..first_year + years {
                for month in 1..=12u32 {
                    for day in [8u32, 22] {
                        n += 1;
                        let date = NaiveDate::from_ymd_opt(y, month, day).unwrap_or(today);
                        let schedule = if n % 11 == 0 {
                            Schedule::Window { year: y, from: month, to: (month + 1).min(12), slash: false }
                        } else {
                            Schedule::Date { date, time: chrono::NaiveTime::from_hms_opt(10, 0, 0) }
                        };
                        let status = if schedule.date().is_some_and(|d| d < today) {
                            SessionStatus::Closed
                        } else {
                            SessionStatus::Scheduled
                        };
                        let s = Session {
                            id: 0,
                            body: id,
                            kind: SessionKind::Ordinary,
                            number: n,
                            schedule,
                            planned: None,
                            scheduled_on: None,
                            place: "Sala de juntas".into(),
                            modality: Modality::Hybrid,
                            link: String::new(),
                            status,
                        };
                        super::sessions::insert(tx, &s)?;
                    }
                }
            }
        }
        Ok(())
    })
}

/// A body with `members` voting institutions and a session of it opened at 10:00 on `day`,
/// with most of them present: the console under load. Returns the session id.
pub fn live_session(store: &mut Store, members: usize, day: NaiveDate) -> Result<i64> {
    use crate::domain::quorum::Presence;
    let start = day.and_hms_opt(10, 0, 0).unwrap_or_default();
    bulk(store, "sesión en vivo", |tx| {
        let body = bodies::insert(
            tx,
            &Body {
                id: 0,
                acronym: "PLENO40".into(),
                name: "Pleno de prueba con cuarenta integrantes".into(),
                kind: BodyKind::Plenary,
                parent: None,
                coordinator: None,
                meeting_word: MeetingWord::Session,
                timezone: "America/Mexico_City".into(),
                place: String::new(),
                rules: BodyRules { casting_vote: true, ..Default::default() },
            },
        )?;
        let mut ids = Vec::new();
        for i in 0..members {
            let inst = institutions::insert(
                tx,
                &format!("P40-{i:02}"),
                &format!("Integrante {i}"),
                InstitutionKind::Institution,
            )?;
            let office = if i == 0 { Office::Presidency } else { Office::Member };
            let m = members::insert(
                tx,
                &Membership {
                    id: 0,
                    body,
                    institution: inst,
                    rights: Rights::VoiceAndVote,
                    office,
                    weight: 1,
                    ended_on: None,
                },
            )?;
            for role in [RepresentativeRole::Titular, RepresentativeRole::Alternate] {
                let rep = Representative { name: format!("Persona {i} {}", role.code()), ..Default::default() };
                members::designate(tx, m, role, &rep, day)?;
            }
            ids.push(m);
        }
        let session = super::sessions::insert(
            tx,
            &Session {
                id: 0,
                body,
                kind: SessionKind::Ordinary,
                number: 1,
                schedule: Schedule::Date { date: day, time: start.time().into() },
                planned: None,
                scheduled_on: None,
                place: String::new(),
                modality: Modality::InPerson,
                link: String::new(),
                status: SessionStatus::Convened,
            },
        )?;
        super::conduct::open(tx, session, start)?;
        for m in ids.iter().take(members * 7 / 8) {
            super::attendance::mark(tx, session, *m, Presence::Titular, start.time())?;
        }
        Ok(session)
    })
}

/// The live session carried through six hours: 20 agenda items with notes, 10 votes (two
/// nominal, one recounted), an agreement per vote, and the clausura. Returns the session id.
pub fn full_session(store: &mut Store, members: usize, day: NaiveDate) -> Result<i64> {
    use super::votes::CountInput;
    use crate::domain::agreement::Deadline;
    use crate::domain::body::MajorityRule;
    use crate::domain::vote::{Ballot, Tally, VoteMode};
    let session = live_session(store, members, day)?;
    let start = day.and_hms_opt(10, 0, 0).unwrap_or_default();
    bulk(store, "sesión de seis horas", |tx| {
        for i in 0..15 {
            super::agenda::add(
                tx,
                session,
                &format!("Informe número {} de las instituciones sobre el programa anual", i + 1),
                None,
            )?;
        }
        let items = super::agenda::list(tx, session)?;
        let present: Vec<i64> =
            super::attendance::list(tx, session)?.iter().filter(|e| e.mark.here()).map(|e| e.mark.membership).collect();
        let owner = institutions::by_acronym(tx, "P40-01")?.map(|i| i.id).into_iter().collect::<Vec<_>>();
        for (n, item) in items.iter().enumerate() {
            let at = start + chrono::Duration::minutes(18 * n as i64);
            super::conduct::set_current(tx, session, item.id, at)?;
            let notes = "La Presidencia cedió la palabra a las instituciones integrantes, que informaron sobre el avance de sus compromisos, las dificultades encontradas y las acciones previstas para el siguiente periodo. ".repeat(4);
            super::agenda::save_notes(tx, item.id, notes.trim(), item.notes_version)?;
            if n % 2 == 1 && n < 20 {
                let mode = if n % 6 == 1 { VoteMode::Nominal } else { VoteMode::Totals };
                let vote = super::votes::create(
                    tx,
                    session,
                    item.id,
                    &format!("Aprobar el informe del punto {}", n + 1),
                    mode,
                    MajorityRule::Simple,
                    at,
                )?;
                let input = match mode {
                    VoteMode::Nominal => CountInput::Nominal(present.iter().map(|m| (*m, Ballot::For)).collect()),
                    VoteMode::Totals => {
                        CountInput::Totals(Tally { for_: present.len() as u32 - 2, against: 1, abstain: 1 }, None)
                    }
                };
                super::votes::record_count(tx, vote, &input, None, at)?;
                if n == 3 {
                    let why =
                        super::votes::Recount { reason: "se pidió confirmar el conteo".into(), requested_by: None };
                    super::votes::record_count(tx, vote, &input, Some(&why), at + chrono::Duration::minutes(2))?;
                }
                super::agreements::add(
                    tx,
                    session,
                    item.id,
                    Some(vote),
                    "Se aprueba el informe y se instruye a la Secretaría Técnica darle seguimiento.",
                    &owner,
                    Deadline::Permanent,
                    at,
                )?;
            }
        }
        super::conduct::close(tx, session, start + chrono::Duration::hours(6))
    })?;
    Ok(session)
}

/// Agreements for the closed sessions of a generated calendar — `per_session` each, with
/// responsibles, deadlines spread around `today`, a share of them fulfilled and progress
/// entries — written directly (these sessions are history, not replayed), for the
/// follow-up benchmarks. Returns how many agreements there are.
pub fn commitments(store: &mut Store, per_session: usize, today: NaiveDate) -> Result<usize> {
    bulk(store, "acuerdos", |tx| {
        let insts: Vec<i64> = institutions::list(tx)?.iter().map(|i| i.id).collect();
        let closed: Vec<(i64, String, String, u32)> = {
            let mut stmt = tx.prepare(
                "SELECT s.id, coalesce(s.date, s.starts_on), b.acronym, s.number FROM sessions s \
                 JOIN bodies b ON b.id = s.body_id WHERE s.status = 'closed'",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut n = 0usize;
        let mut agreement = tx.prepare(
            "INSERT INTO agreements (session_id, item_id, seq, number, text, deadline, status, created_at, progress, done_on) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut responsible =
            tx.prepare("INSERT OR IGNORE INTO agreement_responsibles (agreement_id, institution_id) VALUES (?1, ?2)")?;
        let mut progress = tx.prepare(
            "INSERT INTO commitment_progress (agreement_id, on_date, text, percent, evidence_kind, evidence_ref) \
             VALUES (?1, ?2, 'Avance informado por la institución responsable.', ?3, 'letter', 'Oficio de avance')",
        )?;
        for (session, date, acronym, number) in closed {
            let item = super::agenda::add(tx, session, "Seguimiento de acuerdos", None)?;
            let held = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or(today);
            for seq in 1..=per_session as u32 {
                n += 1;
                let deadline = held + chrono::Duration::days(30 + (n % 365) as i64);
                let (status, pct) = match n % 5 {
                    0 | 1 => ("done", 100),
                    2 => ("in_progress", 50),
                    _ => ("pending", 0),
                };
                let done_on =
                    (status == "done").then(|| (deadline - chrono::Duration::days((n % 60) as i64)).to_string());
                agreement.execute(rusqlite::params![
                    session,
                    item,
                    seq,
                    format!("{acronym}/SO-{number}/{}/{seq:02}", held.format("%Y")),
                    "Las instituciones responsables informarán a la Secretaría Técnica el avance del compromiso.",
                    deadline.to_string(),
                    status,
                    format!("{held} 10:00:00"),
                    pct,
                    done_on
                ])?;
                let id = tx.last_insert_rowid();
                for k in 0..2 {
                    responsible.execute(rusqlite::params![id, insts[(n + k * 7) % insts.len()]])?;
                }
                if pct > 0 {
                    progress.execute(rusqlite::params![id, (held + chrono::Duration::days(20)).to_string(), pct])?;
                }
            }
        }
        Ok(n)
    })
}

/// A work plan per body and year with `per_plan` activities, periods of every shape, and the
/// same mix of statuses as the agreements: the second source of commitments.
pub fn work_plans(store: &mut Store, per_plan: usize, today: NaiveDate) -> Result<usize> {
    const PERIODS: [&str; 8] = [
        "1er semestre",
        "2do semestre",
        "1er trimestre",
        "Tercer trimestre",
        "marzo-diciembre",
        "abril/mayo",
        "Durante el ejercicio",
        "permanente",
    ];
    bulk(store, "programas de trabajo", |tx| {
        let insts: Vec<i64> = institutions::list(tx)?.iter().map(|i| i.id).collect();
        let years: Vec<(i64, String, i32)> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT b.id, b.acronym, CAST(substr(coalesce(s.date, s.starts_on), 1, 4) AS INTEGER) \
                 FROM sessions s JOIN bodies b ON b.id = s.body_id ORDER BY 1, 3",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?
        };
        let mut n = 0usize;
        for (body, acronym, year) in years {
            let plan = super::plans::create(tx, body, year, &format!("Programa de trabajo {year}"))?;
            for seq in 1..=per_plan as u32 {
                n += 1;
                let period = PERIODS[n % PERIODS.len()];
                let deadline = crate::domain::period::period_end(period, year).map_err(StoreError::Refused)?;
                let (status, pct) = match n % 5 {
                    0 | 1 if deadline.date().is_some_and(|d| d <= today) => ("done", 100),
                    2 => ("in_progress", 50),
                    _ => ("pending", 0),
                };
                let done_on = (status == "done").then(|| deadline.date().map(|d| d.to_string())).flatten();
                tx.execute(
                    "INSERT INTO activities (plan_id, seq, number, objective, text, goal, indicator, period, deadline, \
                     status, progress, done_on) VALUES (?1, ?2, ?3, 'Fortalecer la coordinación interinstitucional', \
                     'Realizar las acciones de capacitación y difusión programadas.', 'Acciones realizadas', \
                     'Número de acciones', ?4, ?5, ?6, ?7, ?8)",
                    rusqlite::params![
                        plan,
                        seq,
                        super::plans::activity_number(&acronym, year, seq),
                        period,
                        deadline.date().map(|d| d.to_string()),
                        status,
                        pct,
                        done_on
                    ],
                )?;
                let id = tx.last_insert_rowid();
                for k in 0..2 {
                    tx.execute(
                        "INSERT OR IGNORE INTO activity_responsibles (activity_id, institution_id) VALUES (?1, ?2)",
                        [id, insts[(n + k * 5) % insts.len()]],
                    )?;
                }
                if pct > 0 {
                    tx.execute(
                        "INSERT INTO commitment_progress (activity_id, on_date, text, percent, evidence_kind, evidence_ref) \
                         VALUES (?1, ?2, 'Avance informado por la institución responsable.', ?3, 'report', 'Informe')",
                        rusqlite::params![id, format!("{year}-06-15"), pct],
                    )?;
                }
            }
        }
        Ok(n)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_full_six_hour_session_prints() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut store = super::Store::open(&dir.path().join("s.db")).expect("open");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid");
        let id = super::full_session(&mut store, 40, day).expect("session");
        let acta = crate::export::minutes_doc::acta(store.conn(), id).expect("acta");
        assert!(acta.markdown.contains("### 20."), "twenty items");
        assert_eq!(acta.markdown.matches("Se sometió a votación").count(), 10);
        let pdf = crate::export::pdf::render(&acta.document(), crate::export::document::Paper::Letter).expect("pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
