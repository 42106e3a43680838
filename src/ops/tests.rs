//! The operation layer on temporary databases: every operation leaves its entry, a refusal
//! leaves nothing, the chain and the actas prove themselves, undo reverses only what nothing
//! rests on, and history is never destroyed.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::changes::ChangeKind;
use super::journal;
use super::*;
use crate::domain::member::RepresentativeRole;
use crate::domain::quorum::Presence;
use crate::domain::session::SessionStatus;
use crate::store::record::SessionRecord;
use crate::store::tests::{at, session_fixture};
use crate::store::{Store, agenda, attendance, members, minutes, sessions};

fn ctx() -> Context {
    Context::for_tests("secretaria")
}

fn entries(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM bitacora", [], |r| r.get(0)).expect("q")
}

fn last(store: &Store) -> journal::Entry {
    let seq: i64 = store.conn().query_row("SELECT max(seq) FROM bitacora", [], |r| r.get(0)).expect("q");
    journal::get(store.conn(), seq).expect("q").expect("entry")
}

/// The fixture's session, opened at 10:00 with its first three voting members present.
fn opened() -> (Store, i64, Vec<i64>) {
    let (mut store, session, ms) = session_fixture();
    run(&mut store, &ctx(), Op::OpenSession { session, at: at(10, 0), other_day: false }).expect("open");
    for m in &ms[..3] {
        let op = Op::Mark { session, membership: *m, presence: Presence::Titular, at: at(10, 1).time() };
        run(&mut store, &ctx(), op).expect("mark");
    }
    (store, session, ms)
}

fn mark(session: i64, membership: i64, presence: Presence, t: NaiveDateTime) -> Op {
    Op::Mark { session, membership, presence, at: t.time() }
}

#[test]
fn each_operation_leaves_one_entry_with_its_rows_and_subject() {
    let (mut store, session, ms) = opened();
    let before = entries(&store);
    let done = run(&mut store, &ctx(), mark(session, ms[3], Presence::Alternate, at(10, 5))).expect("mark");
    assert_eq!(entries(&store), before + 1);
    let e = last(&store);
    assert_eq!(done.seq, Some(e.seq));
    assert_eq!((e.op.as_str(), e.actor.as_str(), e.session), ("mark", "secretaria", Some(session)));
    assert!(e.body.is_some(), "the entry names the session's body");
    let changes = e.changes();
    let row = changes.iter().find(|c| c.table == "attendance").expect("the roll row");
    assert_eq!(row.kind, ChangeKind::Update);
    assert_eq!(row.before.get("presence").and_then(|v| v.as_str()), Some("absent"));
    assert_eq!(row.after.get("presence").and_then(|v| v.as_str()), Some("suplente"));
    assert_eq!(e.args_value()["presence"], "suplente");
    // The same mark again changes nothing and leaves no entry.
    run(&mut store, &ctx(), mark(session, ms[3], Presence::Alternate, at(10, 6))).expect("again");
    assert_eq!(entries(&store), before + 1);
}

#[test]
fn a_refused_operation_writes_nothing_and_names_the_field() {
    let (mut store, session, _) = opened();
    let before = entries(&store);
    let items = agenda::list(store.conn(), session).expect("q");
    let err = run(&mut store, &ctx(), Op::AddItem { session, title: "  ".into(), after: None }).unwrap_err();
    assert_eq!(err.field(), Some("titulo"), "{err}");
    assert_eq!(entries(&store), before);
    assert_eq!(agenda::list(store.conn(), session).expect("q"), items);
    let err = run(&mut store, &ctx(), Op::Reopen { session, at: at(11, 0), reason: "x".into() }).unwrap_err();
    assert!(matches!(err, OpError::Refused(_)), "{err:?}");
    assert_eq!(entries(&store), before);
}

#[test]
fn long_texts_are_kept_as_edits_never_twice() {
    let (mut store, session, _) = opened();
    let item = agenda::list(store.conn(), session).expect("q")[0].clone();
    let long = "La Presidencia dio la bienvenida a las instituciones integrantes. ".repeat(10);
    run(&mut store, &ctx(), Op::SaveNotes { item: item.id, base: 0, text: long.clone() }).expect("notes");
    let more = format!("{long}Se tomó lista.");
    run(&mut store, &ctx(), Op::SaveNotes { item: item.id, base: 1, text: more.clone() }).expect("more");
    let e = last(&store);
    assert!(!e.changes_json.contains(&long[..100]), "the whole text is not in the entry");
    assert!(e.changes_json.contains("Se tomó lista."), "what was typed is");
    assert!(e.args.len() < 100, "nor in the arguments: {}", e.args);
}

#[test]
fn notes_saved_over_a_newer_version_are_refused_with_the_other_text() {
    let (mut store, session, _) = opened();
    let item = agenda::list(store.conn(), session).expect("q")[0].id;
    run(&mut store, &ctx(), Op::SaveNotes { item, base: 0, text: "Consola A".into() }).expect("first");
    let other = Context::for_tests("otra");
    let err = run(&mut store, &other, Op::SaveNotes { item, base: 0, text: "Consola B".into() }).unwrap_err();
    match err {
        OpError::Conflict { theirs, version } => assert_eq!((theirs.as_str(), version), ("Consola A", 1)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(agenda::get(store.conn(), item).expect("q").expect("item").notes, "Consola A");
    run(&mut store, &other, Op::SaveNotes { item, base: 1, text: "Consola A\n\nConsola B".into() }).expect("joined");
}

#[test]
fn the_chain_breaks_where_an_entry_was_edited_or_deleted() {
    let (mut store, session, ms) = opened();
    run(&mut store, &ctx(), mark(session, ms[3], Presence::Titular, at(10, 5))).expect("mark");
    assert!(journal::check_chain(store.conn()).expect("q").is_empty());
    let conn = store.conn();
    conn.execute_batch("DROP TRIGGER bitacora_append_only_update; DROP TRIGGER bitacora_append_only_delete;")
        .expect("a tamperer with sqlite3");
    conn.execute("UPDATE bitacora SET actor = 'nadie' WHERE seq = 2", []).expect("edit");
    let problems = journal::check_chain(conn).expect("q");
    assert_eq!(problems, ["bitácora: la entrada 2 fue modificada (su huella no coincide)"]);
    conn.execute("DELETE FROM bitacora WHERE seq = 3", []).expect("delete");
    let problems = journal::check_chain(conn).expect("q");
    assert!(problems.iter().any(|p| p.contains("falta la entrada 3")), "{problems:?}");
    let max: i64 = conn.query_row("SELECT max(seq) FROM bitacora", [], |r| r.get(0)).expect("q");
    conn.execute("DELETE FROM bitacora WHERE seq = ?1", [max]).expect("delete the last");
    let problems = journal::check_chain(conn).expect("q");
    assert!(problems.iter().any(|p| p.contains("última entrada")), "{problems:?}");
    assert!(!verify::verify(conn).expect("q").ok);
}

#[test]
fn the_bitacora_cannot_be_changed_through_sql_while_its_guards_stand() {
    let (store, _, _) = opened();
    let err = store.conn().execute("UPDATE bitacora SET actor = 'x'", []).unwrap_err();
    assert!(err.to_string().contains("solo admite entradas nuevas"), "{err}");
    assert!(store.conn().execute("DELETE FROM bitacora", []).is_err());
}

/// The demo's approved acta (CITDP 21ª), and the store.
fn approved_acta() -> (Store, i64) {
    let store = crate::demo::in_memory();
    let m = minutes::list(store.conn())
        .expect("q")
        .into_iter()
        .find(|m| m.status == crate::domain::minutes::MinutesStatus::Approved)
        .expect("the demo has an approved acta");
    (store, m.session)
}

#[test]
fn a_forged_acta_is_found_and_refused() {
    let (store, session) = approved_acta();
    assert!(verify::verify(store.conn()).expect("q").ok, "the demo verifies");
    assert_eq!(verify::acta_tampered(store.conn(), session).expect("q"), None);
    let conn = store.conn();
    let err = conn.execute("UPDATE minutes SET text = text || 'x' WHERE session_id = ?1", [session]).unwrap_err();
    assert!(err.to_string().contains("definitiva"), "the database itself refuses: {err}");
    conn.execute_batch("DROP TRIGGER frozen_minutes_update").expect("a forger with sqlite3");
    conn.execute("UPDATE minutes SET text = replace(text, 'SSPC', 'SEGOB') WHERE session_id = ?1", [session])
        .expect("forged");
    let why = verify::acta_tampered(conn, session).expect("q").expect("found");
    assert!(why.contains("no coincide con su huella"), "{why}");
    let report = verify::verify(conn).expect("q");
    assert!(!report.ok);
    assert!(report.problems().any(|p| p.contains("fue alterado")));
    // Rehashing the forged text does not help: the bitácora recorded the approved hash, and
    // the libro de actas chains it.
    conn.execute(
        "UPDATE minutes SET sha256 = ?2 WHERE session_id = ?1",
        params![session, crate::domain::minutes::sha256_hex("otro")],
    )
    .expect("rehash");
    let report = verify::verify(conn).expect("q");
    assert!(report.problems().any(|p| p.contains("no es la que registró su aprobación")), "{report:?}");
}

#[test]
fn the_libro_de_actas_chains_each_approved_acta_to_the_one_before() {
    let (store, session) = approved_acta();
    let m = minutes::get(store.conn(), session).expect("q").expect("m");
    assert_eq!((m.folio, m.prev_sha256.as_deref()), (Some(1), None));
    store.conn().execute_batch("DROP TRIGGER frozen_minutes_update").expect("tamper");
    store.conn().execute("UPDATE minutes SET folio = 2 WHERE session_id = ?1", [session]).expect("renumber");
    let report = verify::verify(store.conn()).expect("q");
    assert!(report.problems().any(|p| p.contains("libro de actas")), "{report:?}");
}

#[test]
fn a_session_with_an_approved_acta_is_not_reopened_nor_changed() {
    let (mut store, session) = approved_acta();
    let err = run(&mut store, &ctx(), Op::Reopen { session, at: at(18, 0), reason: "corregir".into() }).unwrap_err();
    assert!(err.to_string().contains("ya no se reabre"), "{err}");
    let item = agenda::list(store.conn(), session).expect("q")[0].clone();
    let err = run(&mut store, &ctx(), Op::SaveNotes { item: item.id, base: item.notes_version, text: "x".into() })
        .unwrap_err();
    assert!(err.to_string().contains("acta aprobada"), "{err}");
    let err = store.conn().execute("DELETE FROM attendance WHERE session_id = ?1", [session]).unwrap_err();
    assert!(err.to_string().contains("acta aprobada"), "{err}");
}

#[test]
fn a_member_with_history_is_given_its_baja_and_every_past_roll_stays() {
    let (mut store, session) = approved_acta();
    let roll = |store: &Store| {
        let r = SessionRecord::load(store.conn(), session).expect("record");
        (r.roll.len(), r.quorum.present, r.quorum.total)
    };
    let before = roll(&store);
    let m = members::roll(store.conn(), session).expect("q")[3].id;
    let done = run(&mut store, &ctx(), Op::RemoveMember { membership: m, on: at(0, 0).date(), reason: "".into() })
        .expect("removed");
    assert_eq!(done.detail.as_deref(), Some("baja"));
    assert_eq!(roll(&store), before, "the held session keeps its roll and quorum");
    let ended = members::get(store.conn(), m).expect("q").expect("kept");
    assert!(ended.ended_on.is_some());
    let err = store.conn().execute("DELETE FROM memberships WHERE id = ?1", [m]).unwrap_err();
    assert!(err.to_string().contains("se da de baja"), "the database refuses too: {err}");
}

#[test]
fn a_member_added_by_mistake_is_deleted() {
    let (mut store, session, _) = session_fixture();
    let body = sessions::get(store.conn(), session).expect("q").expect("s").body;
    let op = Op::SaveMember {
        membership: 0,
        body,
        institution: "NUEVA".into(),
        name: "Institución nueva".into(),
        kind: crate::domain::member::InstitutionKind::Institution,
        rights: crate::domain::member::Rights::VoiceAndVote,
        office: crate::domain::member::Office::Member,
        weight: 1,
    };
    let m = run(&mut store, &ctx(), op).expect("added").id.expect("id");
    let done = run(&mut store, &ctx(), Op::RemoveMember { membership: m, on: at(0, 0).date(), reason: "".into() })
        .expect("removed");
    assert_eq!(done.detail.as_deref(), Some("eliminada"));
    assert!(members::get(store.conn(), m).expect("q").is_none());
}

#[test]
fn undo_reverses_ones_own_last_change_and_is_itself_recorded() {
    let (mut store, session, ms) = opened();
    let roll = |store: &Store| attendance::list(store.conn(), session).expect("q");
    let before = roll(&store);
    run(&mut store, &ctx(), mark(session, ms[4], Presence::Titular, at(10, 5))).expect("mark");
    assert_ne!(roll(&store), before);
    let seq = undo::last_undoable(store.conn(), "secretaria").expect("q").expect("one");
    let done = run(&mut store, &ctx(), Op::Undo { entry: seq }).expect("undo");
    assert_eq!(roll(&store), before, "exactly as it was");
    let e = last(&store);
    assert_eq!((e.op.as_str(), e.undoes, done.seq), ("undo", Some(seq), Some(e.seq)));
    let again = run(&mut store, &ctx(), Op::Undo { entry: seq }).unwrap_err();
    assert!(again.to_string().contains("ya se deshizo"), "{again}");
    assert!(verify::verify(store.conn()).expect("q").ok);
}

#[test]
fn undo_is_refused_for_someone_elses_change_and_after_a_later_one() {
    let (mut store, session, ms) = opened();
    run(&mut store, &ctx(), mark(session, ms[4], Presence::Titular, at(10, 5))).expect("mark");
    let mine = last(&store).seq;
    let other = Context::for_tests("otra");
    let err = run(&mut store, &other, Op::Undo { entry: mine }).unwrap_err();
    assert!(err.to_string().contains("sus propios cambios"), "{err}");
    run(&mut store, &other, mark(session, ms[4], Presence::Alternate, at(10, 6))).expect("theirs");
    let err = run(&mut store, &ctx(), Op::Undo { entry: mine }).unwrap_err();
    assert!(err.to_string().contains("modificó lo mismo"), "{err}");
}

#[test]
fn undo_of_a_deletion_brings_back_every_row() {
    let (mut store, session, _) = session_fixture();
    let s = sessions::get(store.conn(), session).expect("q").expect("s");
    let planned = crate::domain::session::Session {
        id: 0,
        number: 30,
        schedule: crate::domain::schedule::Schedule::parse("junio-julio", 2024, None).expect("window"),
        status: SessionStatus::Scheduled,
        ..s
    };
    let id = run(&mut store, &ctx(), Op::SaveSession { session: planned }).expect("new").id.expect("id");
    run(&mut store, &ctx(), Op::PrepareAgenda { session: id }).expect("agenda");
    let items = agenda::list(store.conn(), id).expect("q");
    run(&mut store, &ctx(), Op::DeleteSession { session: id }).expect("deleted");
    assert!(sessions::get(store.conn(), id).expect("q").is_none());
    let e = last(&store);
    assert!(
        e.changes().iter().filter(|c| c.kind == ChangeKind::Delete).count() > items.len(),
        "what was deleted is kept"
    );
    run(&mut store, &ctx(), Op::Undo { entry: e.seq }).expect("undo");
    assert!(sessions::get(store.conn(), id).expect("q").is_some());
    assert_eq!(agenda::list(store.conn(), id).expect("q"), items, "with its agenda");
    assert!(verify::verify(store.conn()).expect("q").ok, "and every reference whole");
}

#[test]
fn undo_stops_at_a_session_whose_acta_was_sent() {
    let (mut store, session, ms) = opened();
    run(&mut store, &ctx(), mark(session, ms[4], Presence::Titular, at(10, 5))).expect("mark");
    let marked = last(&store).seq;
    run(&mut store, &ctx(), Op::Close { session, at: at(12, 0) }).expect("close");
    run(&mut store, &ctx(), Op::DraftMinutes { session, at: at(12, 30) }).expect("draft");
    run(&mut store, &ctx(), Op::SendMinutes { session, on: at(0, 0).date() }).expect("send");
    let err = run(&mut store, &ctx(), Op::Undo { entry: marked }).unwrap_err();
    assert!(err.to_string().contains("ya se envió"), "{err}");
}

#[test]
fn designations_keep_who_held_the_seat() {
    let (mut store, _, ms) = session_fixture();
    let person = |name: &str, on| crate::domain::member::Representative {
        name: name.into(),
        designated_on: Some(on),
        ..Default::default()
    };
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("valid");
    let op = |p, on| Op::Designate { membership: ms[1], role: RepresentativeRole::Titular, person: p, on };
    run(&mut store, &ctx(), op(person("Marta Gil", day(3, 1)), day(3, 1))).expect("new titular");
    let held: Vec<_> = members::designations(store.conn(), ms[1])
        .expect("q")
        .into_iter()
        .filter(|d| d.role == RepresentativeRole::Titular)
        .collect();
    assert_eq!(held.len(), 2, "Titular 1 is kept, ended");
    assert_eq!(held[0].ended_on, Some(day(3, 1)));
    let e = last(&store);
    assert!(e.changes().iter().any(|c| c.table == "designations" && c.kind == ChangeKind::Update));
}

#[test]
fn writers_wait_for_each_other_instead_of_failing() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).expect("open");
        crate::demo::load(&mut store, &ctx(), false).expect("demo");
    }
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("open");
                let c = Context::for_tests(&format!("hilo {t}"));
                for i in 0..25 {
                    let op = Op::AddProgress {
                        number: "CITDP/SO-21/2024/02".into(),
                        on: NaiveDate::from_ymd_opt(2024, 4, 1).expect("valid"),
                        text: format!("Avance {t}-{i}"),
                        percent: Some(10),
                        institution: None,
                        evidence: None,
                        reason: None,
                    };
                    run(&mut store, &c, op).expect("no write is lost to a lock");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let store = Store::open(&path).expect("open");
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM commitment_progress WHERE text LIKE 'Avance %-%'", [], |r| r.get(0))
        .expect("q");
    assert_eq!(n, 100);
    assert!(journal::check_chain(store.conn()).expect("q").is_empty(), "one chain whatever the order");
}
