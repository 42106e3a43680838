//! The record holds what happened, through the operation layer: a session opened on another
//! day, agreements only with quorum, uncounted votes taken back, agreements declared firme
//! only where the reglamento allows — each change one bitácora entry, each refusal none.

use super::*;
use crate::domain::agreement::Deadline;
use crate::domain::body::MajorityRule;
use crate::domain::quorum::Presence;
use crate::domain::vote::{Tally, VoteMode};
use crate::store::record::SessionRecord;
use crate::store::tests::{at, session_fixture};
use crate::store::votes::CountInput;
use crate::store::{Store, agenda, agreements, bodies, sessions, votes};

fn ctx() -> Context {
    Context::for_tests("secretaria")
}

fn entries(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM bitacora", [], |r| r.get(0)).expect("q")
}

fn last_op(store: &Store) -> String {
    store.conn().query_row("SELECT op FROM bitacora ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).expect("q")
}

fn field_of(e: &OpError) -> Option<&'static str> {
    match e {
        OpError::Invalid { field, .. } => Some(field),
        _ => None,
    }
}

/// The fixture's session opened on its day, with `present` of its five voting members.
fn opened(present: usize) -> (Store, i64, Vec<i64>, i64) {
    let (mut store, session, ms) = session_fixture();
    run(&mut store, &ctx(), Op::OpenSession { session, at: at(10, 0), other_day: false }).expect("open");
    for m in &ms[..present] {
        let op = Op::Mark { session, membership: *m, presence: Presence::Titular, at: at(10, 1).time() };
        run(&mut store, &ctx(), op).expect("mark");
    }
    let item = agenda::list(store.conn(), session).expect("q")[0].id;
    (store, session, ms, item)
}

fn adopt(session: i64, item: i64) -> Op {
    Op::AdoptAgreement {
        session,
        item,
        vote: None,
        text: "Remitir el informe".into(),
        responsibles: vec!["I1".into()],
        deadline: Deadline::Permanent,
        at: at(10, 20),
    }
}

#[test]
fn opening_on_another_day_needs_the_flag_and_keeps_the_scheduled_day() {
    let (mut store, session, _) = session_fixture();
    let scheduled = sessions::get(store.conn(), session).expect("q").expect("s").schedule.date().expect("date");
    let later = at(18, 30) + chrono::Duration::days(9);
    let before = entries(&store);
    let err = run(&mut store, &ctx(), Op::OpenSession { session, at: later, other_day: false }).unwrap_err();
    assert_eq!(field_of(&err), Some("fecha"), "{err}");
    assert!(err.to_string().contains("prevista para el"), "{err}");
    assert_eq!(entries(&store), before, "a refusal leaves no entry");
    run(&mut store, &ctx(), Op::OpenSession { session, at: later, other_day: true }).expect("confirmed");
    assert_eq!((entries(&store), last_op(&store).as_str()), (before + 1, "open_session"));
    let r = SessionRecord::load(store.conn(), session).expect("record");
    assert_eq!(r.session.schedule.date(), Some(later.date()), "held today");
    assert_eq!(r.session.schedule.time(), Some(later.time()), "at the hour it was opened, as the calendar lists it");
    assert_eq!(r.session.scheduled_on, Some(scheduled), "the scheduled day kept as prevista");
    assert_eq!(r.conduct.started_at, Some(later), "the start is the day and time it was opened");
}

#[test]
fn agreements_need_quorum() {
    let (mut store, session, ms, item) = opened(2);
    let before = entries(&store);
    let err = run(&mut store, &ctx(), adopt(session, item)).unwrap_err();
    assert_eq!(field_of(&err), Some("quorum"), "{err}");
    assert!(err.to_string().contains("sin quórum no se adoptan acuerdos"), "{err}");
    assert_eq!(entries(&store), before);
    assert!(agreements::list(store.conn(), session).expect("q").is_empty());
    let op = Op::Mark { session, membership: ms[2], presence: Presence::Titular, at: at(10, 5).time() };
    run(&mut store, &ctx(), op).expect("a third member arrives");
    run(&mut store, &ctx(), adopt(session, item)).expect("with quorum");
    assert_eq!(agreements::list(store.conn(), session).expect("q").len(), 1);
}

#[test]
fn an_uncounted_vote_is_taken_back_and_the_bitacora_says_so() {
    let (mut store, session, _, item) = opened(3);
    let call = |motion: &str| Op::CallVote {
        session,
        item,
        motion: motion.into(),
        mode: VoteMode::Totals,
        rule: MajorityRule::Simple,
        at: at(10, 10),
    };
    let uncounted = run(&mut store, &ctx(), call("Aprobar el orden del día")).expect("call").id.expect("id");
    run(&mut store, &ctx(), Op::RemoveVote { vote: uncounted }).expect("removed");
    assert_eq!(last_op(&store), "remove_vote");
    assert!(votes::get(store.conn(), uncounted).expect("q").is_none());
    let counted = run(&mut store, &ctx(), call("Aprobar el acta")).expect("call").id.expect("id");
    let t = Tally { for_: 3, against: 0, abstain: 0 };
    let op = Op::Count { vote: counted, input: CountInput::Totals(t, None), recount: None, at: at(10, 11) };
    run(&mut store, &ctx(), op).expect("count");
    let before = entries(&store);
    assert!(run(&mut store, &ctx(), Op::RemoveVote { vote: counted }).is_err(), "a counted vote stays");
    assert_eq!(entries(&store), before);
    assert!(votes::get(store.conn(), counted).expect("q").is_some());
}

#[test]
fn firme_only_where_the_reglamento_allows_it_and_the_acta_says_it() {
    let (mut store, session, _, item) = opened(3);
    let agreement = run(&mut store, &ctx(), adopt(session, item)).expect("adopt").id.expect("id");
    let before = entries(&store);
    let err = run(&mut store, &ctx(), Op::DeclareFirm { agreement }).unwrap_err();
    assert_eq!(field_of(&err), Some("firme"), "{err}");
    assert!(err.to_string().contains("no prevé acuerdos firmes"), "{err}");
    assert_eq!(entries(&store), before);

    let body = sessions::get(store.conn(), session).expect("q").expect("s").body;
    let mut b = bodies::get(store.conn(), body).expect("q").expect("body");
    b.rules.firm_agreements = true;
    store.write(|tx| bodies::update(tx, &b)).expect("the reglamento allows it");
    run(&mut store, &ctx(), Op::DeclareFirm { agreement }).expect("firme");
    assert_eq!(last_op(&store), "declare_firm");
    assert!(agreements::list(store.conn(), session).expect("q")[0].firm);
    let again = run(&mut store, &ctx(), Op::DeclareFirm { agreement }).unwrap_err();
    assert!(again.to_string().contains("ya fue declarado firme"), "{again}");

    let r = SessionRecord::load(store.conn(), session).expect("record");
    let sources = crate::export::sources::Sources::load(store.conn(), &r, Vec::new()).expect("sources");
    let acta = crate::export::acta::generate(&r, &sources);
    assert!(acta.contains("Remitir el informe **ACUERDO FIRME.**"), "{acta}");
}
