use chrono::NaiveDate;

use super::management::{ATTENDANCE_COLUMNS, COMMITMENT_COLUMNS, PENDING_COLUMNS};
use super::work_plan::{COLUMNS, justification};
use super::*;
use crate::domain::indicators::RATE_DEFINITION;
use crate::export::document::{Block, Document, Signature};
use crate::store::Store;
use crate::store::followup::{Change, Progress};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid")
}

const TODAY: (i32, u32, u32) = (2026, 11, 24);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn demo() -> (Store, i64) {
    let store = crate::demo::in_memory();
    let citdp = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
    (store, citdp)
}

fn tables(doc: &Document) -> Vec<(&Vec<String>, &Vec<Vec<String>>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { header, rows } => Some((header, rows)),
            _ => None,
        })
        .collect()
}

fn table_with<'a>(doc: &'a Document, first: &str) -> &'a Vec<Vec<String>> {
    tables(doc).into_iter().find(|(h, _)| h.first().is_some_and(|c| c == first)).map(|(_, r)| r).expect(first)
}

fn text(doc: &Document) -> String {
    crate::export::md::render(doc)
}

#[test]
fn goal_states() {
    use AgreementStatus::*;
    let due = Deadline::Date(d(2024, 6, 30));
    let on = d(2024, 6, 30);
    let after = d(2024, 7, 1);
    assert_eq!(goal_state(Void, due, None, 30, after), GoalState::Void);
    assert_eq!(goal_state(Done, due, Some(on), 100, after), GoalState::Met, "on the deadline day");
    assert_eq!(goal_state(Done, due, Some(after), 100, after), GoalState::MetLate);
    assert_eq!(goal_state(Done, Deadline::Permanent, Some(after), 100, after), GoalState::Met);
    assert_eq!(goal_state(Done, due, None, 100, after), GoalState::Met, "no date of fulfilment: not late");
    assert_eq!(goal_state(Pending, due, None, 0, on), GoalState::NotStarted, "the deadline day is on time");
    assert_eq!(goal_state(Pending, due, None, 0, after), GoalState::Overdue);
    assert_eq!(goal_state(Pending, due, None, 20, on), GoalState::InProgress, "progress reported");
    assert_eq!(goal_state(InProgress, due, None, 60, on), GoalState::InProgress);
    assert_eq!(goal_state(InProgress, due, None, 60, after), GoalState::Overdue);
    assert_eq!(goal_state(Rescheduled, due, None, 40, on), GoalState::Rescheduled);
    assert_eq!(goal_state(Rescheduled, due, None, 40, after), GoalState::Overdue, "past the new deadline");
    assert_eq!(goal_state(Pending, Deadline::Permanent, None, 0, after), GoalState::NotStarted);
    assert_eq!(GoalState::MetLate.label(), "cumplida fuera de plazo");
}

#[test]
fn justification_prefers_the_latest_reason() {
    let progress = |on, text: &str, reason: Option<&str>| Progress {
        id: 0,
        on,
        text: text.into(),
        percent: 40,
        institution: None,
        evidence: None,
        reason: reason.map(Into::into),
    };
    let reprogrammed = Change {
        on: d(2024, 7, 5),
        status: AgreementStatus::Rescheduled,
        old_deadline: Some("1er semestre".into()),
        new_deadline: Some("2025-06-30".into()),
        reason: "Falta la instancia normalizadora.".into(),
    };
    assert_eq!(justification(&[], &[]), "");
    let later = progress(d(2025, 3, 12), "Tres mesas de trabajo.", None);
    assert_eq!(justification(&[], std::slice::from_ref(&later)), "Tres mesas de trabajo. (12 de marzo de 2025)");
    assert_eq!(
        justification(std::slice::from_ref(&reprogrammed), std::slice::from_ref(&later)),
        "Reprogramada el 5 de julio de 2024; nuevo plazo: 30 de junio de 2025: Falta la instancia normalizadora.",
        "a reason beats a later progress text"
    );
    let lowered = progress(d(2025, 4, 1), "Se corrigió.", Some("Se midió mal"));
    assert_eq!(justification(&[reprogrammed], &[later, lowered]), "Se midió mal (1 de abril de 2025)");
}

#[test]
fn shortening_and_bars() {
    assert_eq!(shorten("corto", 120), "corto");
    let long = "palabra ".repeat(30);
    let short = shorten(&long, 120);
    assert!(short.chars().count() <= 120 && short.ends_with("palabra…"), "{short}");
    assert_eq!(bar(Some(100.0)), "█".repeat(20));
    assert_eq!(bar(Some(50.0)), "█".repeat(10));
    assert_eq!(bar(Some(0.0)), "");
    assert_eq!(bar(None), "");
}

#[test]
fn citdp_2024_work_plan_matrix() {
    let (store, citdp) = demo();
    let doc = work_plan_report(store.conn(), citdp, false, d(2024, 1, 1), d(2024, 12, 31), today()).expect("report");
    assert_eq!(doc.title, "Informe de seguimiento al Plan Operativo Anual");
    assert!(!doc.draft);
    assert!(doc.footer.as_deref().is_some_and(|f| f.starts_with("Generado por secretaria el 24 de noviembre de 2026")));
    let all = tables(&doc);
    assert_eq!(all.len(), 2, "one plan: its matrix and its «Estado de las metas»");
    let (header, rows) = all[0];
    let (state_header, states) = all[1];
    assert_eq!(state_header, &vec!["Estado".to_string(), "Metas".to_string()]);
    let counted: usize = states.iter().map(|r| r[1].parse::<usize>().expect("a number")).sum();
    assert_eq!(counted, rows.len(), "every goal counted once: {states:?}");
    assert!(text(&doc).contains("**PAÍS:** México\n"), "the seed's PAÍS field: {}", text(&doc));
    assert_eq!(header, &COLUMNS.map(String::from).to_vec());
    assert_eq!(header[5], "Estado de las metas");
    assert_eq!(rows.len(), 67);
    assert!(rows.iter().all(|r| r.len() == 7));
    let row = |n: &str| rows.iter().find(|r| r[1].starts_with(n)).expect(n);
    let first = row("CITDP/PAT-2024/01.");
    assert!(first[1].ends_with("(1er trimestre · OIT)"), "plazo and responsables: {}", first[1]);
    let void = row("CITDP/PAT-2024/07.");
    assert_eq!(void[5], "sin efecto");
    assert!(
        void[6].starts_with("Sin efecto desde el 30 de septiembre de 2024: El proyecto de Ley General"),
        "{}",
        void[6]
    );
    let reprogrammed = row("CITDP/PAT-2024/15.");
    assert_eq!((reprogrammed[4].as_str(), reprogrammed[5].as_str()), ("40 %", "vencida"), "past 30 June 2025");
    assert!(reprogrammed[6].starts_with("Reprogramada el 5 de julio de 2024; nuevo plazo: 30 de junio de 2025"));
    let done = row("CITDP/PAT-2024/23.");
    assert_eq!((done[4].as_str(), done[5].as_str()), ("100 %", "cumplida"));
    assert!(done[6].contains("Se celebró la primera reunión con la DGTIC."));
    let count = |s: &str| rows.iter().filter(|r| r[5] == s).count();
    assert_eq!(count("cumplida") + count("cumplida fuera de plazo"), 11);
    assert_eq!(count("cumplida fuera de plazo"), 2);
    assert!(rows.iter().any(|r| r[0] == "ídem"), "a repeated objective is not written twice in a row");
    let md = text(&doc);
    assert!(md.contains("FECHA:") && md.contains("martes 24 de noviembre de 2026"), "{md}");
    assert!(md.contains("Comisión Intersecretarial"));
    assert!(md.contains(RATE_DEFINITION), "the rate is stated with its definition");
    assert!(md.contains("67 actividades programadas; 11 cumplidas (9 en plazo)"), "{md}");
}

#[test]
fn citdp_2024_management_report() {
    let (store, citdp) = demo();
    let doc = management_report(store.conn(), citdp, false, d(2024, 1, 1), d(2024, 12, 31), today()).expect("report");
    assert_eq!(doc.title, "Informe de gestión");
    assert!(doc.draft && doc.footer.is_some(), "2024 alone is not the term of office: no narrative yet");
    let held = table_with(&doc, "Sesión");
    assert_eq!(held.len(), 3, "three sessions held: {held:?}");
    assert!(held.iter().any(|r| r[0] == "Vigésima Primera Sesión Ordinaria"));
    let attendance = tables(&doc).into_iter().find(|(h, _)| **h == ATTENDANCE_COLUMNS.map(String::from)).expect("a");
    assert_eq!(attendance.1.len(), 15);
    let sectur = attendance.1.iter().find(|r| r[0].ends_with("(SECTUR)")).expect("SECTUR");
    // Its three held sessions carry their roll: present at two, excused from the 21st.
    assert_eq!(sectur[1..].to_vec(), ["3", "2", "1", "66.7 %", "80 %", "✘"]);
    let commitments = tables(&doc).into_iter().find(|(h, _)| **h == COMMITMENT_COLUMNS.map(String::from)).expect("c");
    let labels: Vec<&str> = commitments.1.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(labels, ["Acuerdos", "Actividades", "Total"]);
    assert_eq!((commitments.1[1][1].as_str(), commitments.1[2][1].as_str()), ("67", "78"));
    let pending = tables(&doc).into_iter().find(|(h, _)| **h == PENDING_COLUMNS.map(String::from)).expect("p");
    let rows = pending.1;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| ["verde", "amarillo", "rojo"].contains(&r[5].as_str())), "{rows:?}");
    assert!(rows.iter().all(|r| r[1].chars().count() <= 120));
    assert!(rows.iter().any(|r| r[1].ends_with('…')), "long texts are shortened");
    // Oldest first: the plan's activities (from 1 January) before the agreements of February.
    let position = |prefix: &str| rows.iter().position(|r| r[0].starts_with(prefix)).expect(prefix);
    assert!(position("CITDP/PAT-2024/") < position("CITDP/SO-21/2024/"));
    let sessions_order: Vec<&str> = rows.iter().filter(|r| r[0].contains("/SO-")).map(|r| r[0].as_str()).collect();
    let mut sorted = sessions_order.clone();
    sorted.sort_by_key(|n| n.split('/').nth(1).and_then(|s| s.trim_start_matches("SO-").parse::<u32>().ok()));
    assert_eq!(sessions_order, sorted);
    let md = text(&doc);
    assert!(md.contains(RATE_DEFINITION));
    assert!(md.contains("█"), "compliance drawn as a bar");
    let signatures: Vec<&Signature> =
        doc.blocks.iter().filter_map(|b| if let Block::Signatures(s) = b { Some(s) } else { None }).flatten().collect();
    assert_eq!(signatures.len(), 2);
    assert!(signatures[0].role.starts_with("Presidencia") && !signatures[0].name.is_empty(), "{signatures:?}");
    assert!(signatures[1].role.starts_with("Secretaría Técnica"), "{signatures:?}");
}

#[test]
fn dependents_are_included_when_asked() {
    let (store, citdp) = demo();
    let alone = management_report(store.conn(), citdp, false, d(2024, 1, 1), d(2024, 12, 31), today()).expect("r");
    let all = management_report(store.conn(), citdp, true, d(2024, 1, 1), d(2024, 12, 31), today()).expect("r");
    let chart = |doc: &Document| table_with(doc, "Órgano").len();
    assert_eq!(chart(&alone), 1);
    assert!(chart(&all) > 5, "one bar per body of the scope");
}

#[test]
fn an_empty_period_says_there_are_no_data() {
    let (store, citdp) = demo();
    let (from, to) = (d(2031, 1, 1), d(2031, 12, 31));
    let plan = work_plan_report(store.conn(), citdp, true, from, to, today()).expect("report");
    assert!(tables(&plan).is_empty(), "no empty matrix");
    assert!(text(&plan).contains("sin datos"));
    let management = management_report(store.conn(), citdp, true, from, to, today()).expect("report");
    let md = text(&management);
    assert!(md.contains("No hubo sesiones programadas ni realizadas en el periodo: sin datos."), "{md}");
    assert!(md.contains("No quedan compromisos pendientes del periodo."));
    let commitments = table_with(&management, "Compromisos");
    assert!(commitments.iter().all(|r| r[7] == "sin datos"));
    assert!(work_plan_report(store.conn(), 999_999, false, from, to, today()).is_err(), "an unknown body");
}

/// The term of office with its narrative is a finished informe; a period nobody has written
/// about is a draft that says which section is missing.
#[test]
fn the_narrative_of_the_term_or_a_draft() {
    let (store, citdp) = demo();
    let term = management_report(store.conn(), citdp, false, d(2024, 1, 1), d(2025, 12, 31), today()).expect("r");
    let text = text(&term);
    assert!(!term.draft, "the term's narrative is written");
    assert!(text.contains("**PERIODO DE GESTIÓN:**"), "{text}");
    assert!(text.contains("## 2. Representación en eventos\n\nReunión de la Red de Funcionarios de Enlace"), "{text}");
    // Typed line breaks stay line breaks.
    assert!(text.contains("cada semestre.\\\nLa Secretaría Técnica integró"), "{text}");
    let year = management_report(store.conn(), citdp, false, d(2024, 1, 1), d(2024, 12, 31), today()).expect("r");
    assert!(year.draft, "no narrative for that period: a draft");
    let text = crate::export::md::render(&year);
    assert!(text.starts_with("**BORRADOR**"), "{text}");
    assert!(text.contains("**PERIODO:**"), "not the term of office: {text}");
    assert_eq!(text.matches("Sección aún no redactada").count(), 3, "{text}");
}
