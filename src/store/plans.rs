//! Annual work plans (programa anual de trabajo, POA) and their activities, the commitments a
//! body takes for a year besides the agreements of its sessions.

use crate::ops::Tx;
use rusqlite::{Connection, params};

use super::{Result, StoreError, bodies, optional};
use crate::domain::period::period_end;
use crate::domain::text::counted;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: i64,
    pub body: i64,
    pub year: i32,
    pub title: String,
}

/// What the plan says of an activity, in the columns of the POA monitoring matrix.
#[derive(serde::Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityPlan {
    pub objective: String,
    pub strategy: String,
    pub text: String,
    pub goal: String,
    pub indicator: String,
    /// As the plan writes it: "1er semestre", "marzo-diciembre", "Durante el ejercicio"…
    pub period: String,
    /// The responsible as the plan words it, when it is more than an institution's name.
    pub responsible_note: String,
    /// Institution ids; at least one.
    pub responsibles: Vec<i64>,
}

/// An activity with its number and plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub plan: i64,
    pub seq: u32,
    pub number: String,
    pub details: ActivityPlan,
}

/// "CITDP/PAT-2024/07".
pub fn activity_number(siglas: &str, year: i32, seq: u32) -> String {
    format!("{siglas}/PAT-{year}/{seq:02}")
}

pub fn create(conn: &Tx, body: i64, year: i32, title: &str) -> Result<i64> {
    let b = bodies::get(conn, body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    if !(2000..=2100).contains(&year) {
        return Err(StoreError::invalid("anio", format!("el año {year} no es válido")));
    }
    if title.trim().is_empty() {
        return Err(StoreError::invalid("titulo", "escriba el título del programa"));
    }
    if by_body_year(conn, body, year)?.is_some() {
        return Err(StoreError::invalid("anio", format!("{} ya tiene un programa de trabajo para {year}", b.acronym)));
    }
    conn.execute(
        "INSERT INTO work_plans (body_id, year, title) VALUES (?1, ?2, ?3)",
        params![body, year, title.trim()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Gives the plan the title it has in the body's documents ("Programa Anual de Trabajo 2024
/// de la Comisión Intersecretarial"); reports print it above the plan's matrix.
pub fn rename(conn: &Tx, id: i64, title: &str) -> Result<()> {
    if title.trim().is_empty() {
        return Err(StoreError::invalid("titulo", "escriba el título del programa"));
    }
    match conn.execute("UPDATE work_plans SET title = ?2 WHERE id = ?1", params![id, title.trim()])? {
        0 => Err(StoreError::Refused("el programa de trabajo no existe".into())),
        _ => Ok(()),
    }
}

fn plan_row(r: &rusqlite::Row) -> rusqlite::Result<Plan> {
    Ok(Plan { id: r.get(0)?, body: r.get(1)?, year: r.get(2)?, title: r.get(3)? })
}

pub fn by_body_year(conn: &Connection, body: i64, year: i32) -> Result<Option<Plan>> {
    optional(conn.query_row(
        "SELECT id, body_id, year, title FROM work_plans WHERE body_id = ?1 AND year = ?2",
        params![body, year],
        plan_row,
    ))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Plan>> {
    optional(conn.query_row("SELECT id, body_id, year, title FROM work_plans WHERE id = ?1", [id], plan_row))
}

/// Every plan, by body and year.
pub fn list(conn: &Connection) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare_cached("SELECT id, body_id, year, title FROM work_plans ORDER BY body_id, year")?;
    let rows = stmt.query_map([], plan_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What an activity must have; returns its deadline in the plan's year.
fn check(a: &ActivityPlan, year: i32) -> Result<crate::domain::agreement::Deadline> {
    for (field, value, what) in
        [("objetivo", &a.objective, "el objetivo al que responde"), ("actividad", &a.text, "la actividad")]
    {
        if value.trim().is_empty() {
            return Err(StoreError::invalid(field, format!("escriba {what}")));
        }
    }
    if a.responsibles.is_empty() {
        return Err(StoreError::invalid("responsables", "indique al menos una institución responsable"));
    }
    period_end(&a.period, year).map_err(|m| StoreError::invalid("periodo", m))
}

fn set_responsibles(conn: &Connection, activity: i64, responsibles: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM activity_responsibles WHERE activity_id = ?1", [activity])?;
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO activity_responsibles (activity_id, institution_id) VALUES (?1, ?2)")?;
    for r in responsibles {
        stmt.execute([activity, *r])?;
    }
    Ok(())
}

/// Corrects an activity as the plan words it. Its deadline follows the new period, unless it
/// was reprogrammed: then the new deadline stands (the period is what the plan said).
pub fn update_activity(conn: &Tx, id: i64, a: &ActivityPlan) -> Result<()> {
    let current = activity(conn, id)?.ok_or_else(|| StoreError::Refused(format!("no existe la actividad {id}")))?;
    let p = get(conn, current.plan)?.ok_or_else(|| StoreError::Refused("el programa de trabajo no existe".into()))?;
    let deadline = check(a, p.year)?;
    conn.execute(
        "UPDATE activities SET objective = ?2, strategy = ?3, text = ?4, goal = ?5, indicator = ?6, period = ?7, \
         responsible_note = ?8, deadline = CASE WHEN status = 'rescheduled' THEN deadline ELSE ?9 END WHERE id = ?1",
        params![
            id,
            a.objective.trim(),
            a.strategy.trim(),
            a.text.trim(),
            a.goal.trim(),
            a.indicator.trim(),
            a.period.trim(),
            a.responsible_note.trim(),
            deadline.date().map(|d| d.to_string())
        ],
    )?;
    set_responsibles(conn, id, &a.responsibles)
}

/// Adds an activity at the end of the plan. Its deadline is the last day of its period.
pub fn add_activity(conn: &Tx, plan: i64, a: &ActivityPlan) -> Result<i64> {
    let p = get(conn, plan)?.ok_or_else(|| StoreError::Refused("el programa de trabajo no existe".into()))?;
    let deadline = check(a, p.year)?;
    let siglas = bodies::get(conn, p.body)?.map(|b| b.acronym).unwrap_or_default();
    let seq: u32 =
        conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM activities WHERE plan_id = ?1", [plan], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO activities (plan_id, seq, number, objective, strategy, text, goal, indicator, period, deadline, \
         responsible_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            plan,
            seq,
            activity_number(&siglas, p.year, seq),
            a.objective.trim(),
            a.strategy.trim(),
            a.text.trim(),
            a.goal.trim(),
            a.indicator.trim(),
            a.period.trim(),
            deadline.date().map(|d| d.to_string()),
            a.responsible_note.trim()
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_responsibles(conn, id, &a.responsibles)?;
    Ok(id)
}

/// Inserts an activity as a data file records it: its sequence and number as they were
/// given, and where its follow-up stands (status, progress, fulfilment, and its deadline,
/// which a reprogramming may have moved from the end of its period).
pub fn insert_activity_recorded(
    conn: &Tx,
    plan: i64,
    seq: u32,
    number: &str,
    a: &ActivityPlan,
    state: &super::followup::State,
) -> Result<i64> {
    let p = get(conn, plan)?.ok_or_else(|| StoreError::Refused("el programa de trabajo no existe".into()))?;
    check(a, p.year)?;
    super::agreements::check_follow_up(state.status, state.progress, state.done_on)?;
    if number.trim().is_empty() {
        return Err(StoreError::invalid("numero", "falta el número de la actividad"));
    }
    let clash: Option<String> = optional(conn.query_row(
        "SELECT number FROM activities WHERE number = ?1 OR (plan_id = ?2 AND seq = ?3)",
        params![number.trim(), plan, seq],
        |r| r.get(0),
    ))?;
    if let Some(other) = clash {
        return Err(StoreError::invalid("numero", format!("ya hay una actividad con el número «{other}»")));
    }
    conn.execute(
        "INSERT INTO activities (plan_id, seq, number, objective, strategy, text, goal, indicator, period, deadline, \
         responsible_note, status, progress, done_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            plan,
            seq,
            number.trim(),
            a.objective.trim(),
            a.strategy.trim(),
            a.text.trim(),
            a.goal.trim(),
            a.indicator.trim(),
            a.period.trim(),
            state.deadline.date().map(|d| d.to_string()),
            a.responsible_note.trim(),
            crate::domain::Labeled::code(state.status),
            state.progress,
            state.done_on.map(|d| d.to_string())
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_responsibles(conn, id, &a.responsibles)?;
    Ok(id)
}

/// Removes an activity entered by mistake and returns its number. One with a history
/// (progress, a change of status) or already listed in a follow-up oficio is part of the
/// record and is refused: it can be left sin efecto instead. The numbers of the others stay,
/// since they may have been cited.
pub fn delete_activity(conn: &Tx, id: i64) -> Result<String> {
    let a = activity(conn, id)?.ok_or_else(|| StoreError::Refused(format!("no existe la actividad {id}")))?;
    let count = |sql: &str| conn.query_row(sql, [id], |r| r.get::<_, i64>(0));
    let progress = count("SELECT count(*) FROM commitment_progress WHERE activity_id = ?1")?;
    let changes = count("SELECT count(*) FROM commitment_changes WHERE activity_id = ?1")?;
    if progress + changes > 0 {
        let parts: Vec<String> = [(progress, "avance", "avances"), (changes, "cambio de estado", "cambios de estado")]
            .into_iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, one, many)| counted(n, one, many))
            .collect();
        return Err(StoreError::Refused(format!(
            "{} tiene historial ({}); déjela sin efecto en lugar de eliminarla",
            a.number,
            parts.join(" y ")
        )));
    }
    let cited: i64 = conn.query_row(
        "SELECT count(*) FROM round_requests WHERE instr(char(10) || items || char(10), char(10) || ?1 || char(10)) > 0",
        [&a.number],
        |r| r.get(0),
    )?;
    if cited > 0 {
        return Err(StoreError::Refused(format!(
            "{} figura en {} de rondas de seguimiento; déjela sin efecto en lugar de eliminarla",
            a.number,
            counted(cited, "oficio", "oficios")
        )));
    }
    conn.execute("DELETE FROM activities WHERE id = ?1", [id])?;
    Ok(a.number)
}

const ACTIVITY_COLUMNS: &str =
    "id, plan_id, seq, number, objective, strategy, text, goal, indicator, period, responsible_note";

fn activity_row(r: &rusqlite::Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        plan: r.get(1)?,
        seq: r.get(2)?,
        number: r.get(3)?,
        details: ActivityPlan {
            objective: r.get(4)?,
            strategy: r.get(5)?,
            text: r.get(6)?,
            goal: r.get(7)?,
            indicator: r.get(8)?,
            period: r.get(9)?,
            responsible_note: r.get(10)?,
            responsibles: Vec::new(),
        },
    })
}

fn with_responsibles(conn: &Connection, mut a: Activity) -> Result<Activity> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.institution_id FROM activity_responsibles r JOIN institutions i ON i.id = r.institution_id \
         WHERE r.activity_id = ?1 ORDER BY i.acronym",
    )?;
    a.details.responsibles = stmt.query_map([a.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(a)
}

pub fn activity(conn: &Connection, id: i64) -> Result<Option<Activity>> {
    let row = optional(conn.query_row(
        &format!("SELECT {ACTIVITY_COLUMNS} FROM activities WHERE id = ?1"),
        [id],
        activity_row,
    ))?;
    row.map(|a| with_responsibles(conn, a)).transpose()
}

/// The activities of a plan, in the plan's order.
pub fn activities(conn: &Connection, plan: i64) -> Result<Vec<Activity>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {ACTIVITY_COLUMNS} FROM activities WHERE plan_id = ?1 ORDER BY seq"))?;
    let rows: Vec<Activity> = stmt.query_map([plan], activity_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|a| with_responsibles(conn, a)).collect()
}

/// What every plan says of each activity, by activity id, in one query (no responsibles):
/// for listings that show the matrix columns beside the follow-up.
pub fn all_details(conn: &Connection) -> Result<std::collections::HashMap<i64, ActivityPlan>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ACTIVITY_COLUMNS} FROM activities"))?;
    let rows =
        stmt.query_map([], activity_row)?.map(|a| a.map(|a| (a.id, a.details))).collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, institutions};

    fn institution(conn: &Connection, siglas: &str) -> i64 {
        institutions::by_acronym(conn, siglas).expect("q").expect("institution").id
    }

    fn stored_deadline(conn: &Connection, id: i64) -> Option<String> {
        conn.query_row("SELECT deadline FROM activities WHERE id = ?1", [id], |r| r.get(0)).expect("q")
    }

    /// The demo with a 2025 plan for the Subcomisión Consultiva, and an activity of it for SSA
    /// in `period` (not yet added).
    fn scc_plan_2025(text: &str, period: &str) -> (Store, i64, i64, ActivityPlan) {
        let mut store = crate::demo::in_memory();
        let body = bodies::by_acronym(store.conn(), "SCC").expect("q").expect("SCC").id;
        let ssa = institution(store.conn(), "SSA");
        let plan = store.write(|tx| create(tx, body, 2025, "Programa de trabajo 2025")).expect("plan");
        let a = ActivityPlan {
            objective: "Coordinar".into(),
            text: text.into(),
            period: period.into(),
            responsibles: vec![ssa],
            ..ActivityPlan::default()
        };
        (store, body, plan, a)
    }

    #[test]
    fn a_plan_numbers_its_activities_and_derives_their_deadlines() {
        let (mut store, body, plan, mut a) = scc_plan_2025("Difundir la ruta de atención", "Tercer trimestre");
        let ssa = a.responsibles[0];
        assert!(store.write(|tx| create(tx, body, 2025, "Otro")).unwrap_err().to_string().contains("ya tiene"));
        let id = store.write(|tx| add_activity(tx, plan, &a)).expect("activity");
        let got = activity(store.conn(), id).expect("q").expect("there");
        assert_eq!(got.number, "SCC/PAT-2025/01");
        assert_eq!(got.details.responsibles, vec![ssa]);
        assert_eq!(stored_deadline(store.conn(), id).as_deref(), Some("2025-09-30"));
        a.period = "algún día".into();
        let e = store.write(|tx| add_activity(tx, plan, &a)).unwrap_err();
        assert!(e.to_string().starts_with("campo «periodo»: no reconozco"), "{e}");
        a.period = "permanente".into();
        a.responsibles.clear();
        assert!(store.write(|tx| add_activity(tx, plan, &a)).unwrap_err().to_string().contains("responsable"));
        assert_eq!(activities(store.conn(), plan).expect("q").len(), 1);
        store.write(|tx| rename(tx, plan, " Programa Anual de Trabajo 2025 ")).expect("renamed");
        assert_eq!(get(store.conn(), plan).expect("q").expect("plan").title, "Programa Anual de Trabajo 2025");
        let e = store.write(|tx| rename(tx, plan, "  ")).unwrap_err().to_string();
        assert!(e.starts_with("campo «titulo»"), "{e}");
        assert!(store.write(|tx| rename(tx, plan + 1000, "Otro")).is_err());
    }

    #[test]
    fn only_an_activity_without_history_or_oficio_is_deleted() {
        let (mut store, body, plan, a) = scc_plan_2025("Difundir la ruta", "1er semestre");
        let ids: Vec<i64> = (0..4).map(|_| store.write(|tx| add_activity(tx, plan, &a)).expect("activity")).collect();
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let report = crate::store::followup::Report {
            on: d(2025, 3, 1),
            text: "Se inició".into(),
            percent: Some(10),
            institution: None,
            evidence: None,
            reason: None,
        };
        store.write(|tx| crate::store::followup::add_progress(tx, "SCC/PAT-2025/02", &report)).expect("progress");
        store
            .write(|tx| crate::store::followup::void(tx, "SCC/PAT-2025/03", "Duplicada", d(2025, 3, 2)))
            .expect("void");
        let e = store.write(|tx| delete_activity(tx, ids[1])).unwrap_err().to_string();
        assert!(e.contains("SCC/PAT-2025/02 tiene historial (1 avance);"), "{e}");
        let e = store.write(|tx| delete_activity(tx, ids[2])).unwrap_err().to_string();
        assert!(e.contains("(1 cambio de estado);") && e.contains("sin efecto"), "{e}");
        let gone = ids[0];
        assert_eq!(store.write(|tx| delete_activity(tx, gone)).expect("deleted"), "SCC/PAT-2025/01");
        let left: Vec<String> = activities(store.conn(), plan).expect("q").into_iter().map(|a| a.number).collect();
        assert_eq!(left, ["SCC/PAT-2025/02", "SCC/PAT-2025/03", "SCC/PAT-2025/04"], "the others keep their numbers");
        let responsibles: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM activity_responsibles WHERE activity_id = ?1", [gone], |r| r.get(0))
            .expect("q");
        assert_eq!(responsibles, 0);
        let cutoff = d(2025, 12, 31);
        let noon = cutoff.and_hms_opt(12, 0, 0).expect("time");
        store.write(|tx| crate::store::rounds::create(tx, body, cutoff, noon)).expect("round");
        let e = store.write(|tx| delete_activity(tx, ids[3])).unwrap_err().to_string();
        assert!(e.contains("SCC/PAT-2025/04 figura en 1 oficio de"), "{e}");
        assert_eq!(activities(store.conn(), plan).expect("q").len(), 3, "refusals change nothing");
        assert!(store.write(|tx| delete_activity(tx, gone)).unwrap_err().to_string().contains("no existe"));
    }

    #[test]
    fn a_corrected_activity_follows_its_new_period_unless_it_was_reprogrammed() {
        let (mut store, _, plan, mut a) = scc_plan_2025("Difundir la ruta", "1er semestre");
        let ssa = a.responsibles[0];
        let fgr = institution(store.conn(), "FGR");
        let id = store.write(|tx| add_activity(tx, plan, &a)).expect("activity");
        let deadline = |store: &Store| stored_deadline(store.conn(), id);
        a.text = "Difundir la ruta de atención a víctimas".into();
        a.period = "Cuarto trimestre".into();
        a.responsibles = vec![fgr, ssa];
        store.write(|tx| update_activity(tx, id, &a)).expect("corrected");
        let got = activity(store.conn(), id).expect("q").expect("there");
        assert_eq!(got.details.text, "Difundir la ruta de atención a víctimas");
        assert_eq!(got.details.responsibles, vec![fgr, ssa]);
        assert_eq!(got.number, "SCC/PAT-2025/01", "the number stays");
        assert_eq!(deadline(&store).as_deref(), Some("2025-12-31"));
        let number = got.number.clone();
        store
            .write(|tx| {
                let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date");
                let to = crate::domain::agreement::Deadline::Date(d(2026, 3, 31));
                crate::store::followup::reprogram(tx, &number, to, "Sin presupuesto", d(2025, 11, 1))
            })
            .expect("reprogrammed");
        a.period = "2do semestre".into();
        store.write(|tx| update_activity(tx, id, &a)).expect("corrected again");
        assert_eq!(deadline(&store).as_deref(), Some("2026-03-31"), "the reprogrammed deadline stands");
        a.period = "cuando se pueda".into();
        let e = store.write(|tx| update_activity(tx, id, &a)).unwrap_err();
        assert!(e.to_string().starts_with("campo «periodo»"), "{e}");
        a.period = "2do semestre".into();
        a.responsibles.clear();
        assert!(store.write(|tx| update_activity(tx, id, &a)).is_err());
        let unchanged = activity(store.conn(), id).expect("q").expect("there");
        assert_eq!(unchanged.details.responsibles, vec![fgr, ssa], "a refused correction changes nothing");
    }
}
