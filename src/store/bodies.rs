//! Bodies and the rules each one keeps.

use crate::ops::Tx;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code, optional};
use crate::domain::Labeled;
use crate::domain::body::{Body, BodyRules, MinimumSessions, QuorumRule, check_acronym, check_name, check_timezone};

const COLUMNS: &str = "id, acronym, name, kind, parent_id, coordinator_id, meeting_word, timezone, place, quorum, \
     second_quorum, second_wait_min, majority, casting_vote, minimum, notice_ordinary_days, notice_extraordinary_days, \
     majority_base, dissent_reasons, firm_agreements, conducted_by";

fn parse_col<T>(idx: usize, text: &str, parse: fn(&str) -> std::result::Result<T, String>) -> rusqlite::Result<T> {
    parse(text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into()))
}

fn from_row(row: &Row) -> rusqlite::Result<Body> {
    let quorum: String = row.get(9)?;
    let second: Option<String> = row.get(10)?;
    let wait: Option<u32> = row.get(11)?;
    let minimum: Option<String> = row.get(14)?;
    let second_call = match second {
        Some(q) => Some((parse_col(10, &q, QuorumRule::parse)?, wait.unwrap_or(0))),
        None => None,
    };
    Ok(Body {
        id: row.get(0)?,
        acronym: row.get(1)?,
        name: row.get(2)?,
        kind: code(row, 3)?,
        parent: row.get(4)?,
        coordinator: row.get(5)?,
        meeting_word: code(row, 6)?,
        timezone: row.get(7)?,
        place: row.get(8)?,
        rules: BodyRules {
            quorum: parse_col(9, &quorum, QuorumRule::parse)?,
            second_call,
            majority: code(row, 12)?,
            majority_base: code(row, 17)?,
            casting_vote: row.get(13)?,
            dissent_reasons: row.get(18)?,
            firm_agreements: row.get(19)?,
            conductor: code(row, 20)?,
            minimum: minimum.map(|m| parse_col(14, &m, MinimumSessions::parse)).transpose()?,
            notice_ordinary_days: row.get(15)?,
            notice_extraordinary_days: row.get(16)?,
        },
    })
}

/// All bodies, parents before children, siblings by siglas.
pub fn list(conn: &Connection) -> Result<Vec<Body>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM bodies ORDER BY acronym"))?;
    let all: Vec<Body> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(tree_order(all))
}

/// Depth-first order so a flat list reads as a tree.
pub fn tree_order(mut all: Vec<Body>) -> Vec<Body> {
    fn visit(parent: Option<i64>, pool: &mut Vec<Body>, out: &mut Vec<Body>) {
        let (children, rest): (Vec<Body>, Vec<Body>) =
            std::mem::take(pool).into_iter().partition(|b| b.parent == parent);
        *pool = rest;
        for child in children {
            let id = child.id;
            out.push(child);
            visit(Some(id), pool, out);
        }
    }
    let known: std::collections::HashSet<i64> = all.iter().map(|b| b.id).collect();
    for b in &mut all {
        if b.parent.is_some_and(|p| !known.contains(&p)) {
            b.parent = None;
        }
    }
    let mut out = Vec::with_capacity(all.len());
    visit(None, &mut all, &mut out);
    out
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Body>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM bodies WHERE id = ?1"), [id], from_row))
}

pub fn by_acronym(conn: &Connection, acronym: &str) -> Result<Option<Body>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM bodies WHERE acronym = ?1"), [acronym.trim()], from_row))
}

fn validate(conn: &Connection, body: &Body) -> Result<()> {
    check_acronym(&body.acronym).map_err(|m| StoreError::invalid("siglas", m))?;
    check_name(&body.name).map_err(|m| StoreError::invalid("nombre", m))?;
    check_timezone(&body.timezone).map_err(|m| StoreError::invalid("zona_horaria", m))?;
    if let Some(other) = by_acronym(conn, &body.acronym)?.filter(|o| o.id != body.id) {
        return Err(StoreError::invalid("siglas", format!("ya existe el órgano «{}» ({})", other.acronym, other.name)));
    }
    if let Some((_, wait)) = body.rules.second_call
        && wait > 24 * 60
    {
        return Err(StoreError::invalid("espera_segunda_min", format!("{wait} minutos es más de un día")));
    }
    if body.rules.notice_ordinary_days > 365 || body.rules.notice_extraordinary_days > 365 {
        return Err(StoreError::invalid("aviso_ordinaria_dias", "la anticipación no puede pasar de 365 días"));
    }
    // Walk up from the new parent: meeting ourselves means a cycle.
    let mut cursor = body.parent;
    while let Some(p) = cursor {
        if p == body.id {
            return Err(StoreError::invalid(
                "padre",
                "un órgano no puede depender de sí mismo ni de un órgano que depende de él",
            ));
        }
        cursor = match get(conn, p)? {
            Some(parent) => parent.parent,
            None => return Err(StoreError::invalid("padre", "el órgano superior no existe")),
        };
    }
    if let Some(c) = body.coordinator
        && super::institutions::get(conn, c)?.is_none()
    {
        return Err(StoreError::invalid("coordina", "la institución coordinadora no existe"));
    }
    Ok(())
}

fn values(body: &Body) -> [rusqlite::types::Value; 20] {
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.trim().to_string());
    let opt_int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    let r = &body.rules;
    [
        text(&body.acronym),
        text(&body.name),
        text(body.kind.code()),
        opt_int(body.parent),
        opt_int(body.coordinator),
        text(body.meeting_word.code()),
        text(&body.timezone),
        text(&body.place),
        Value::Text(r.quorum.text()),
        r.second_call.map_or(Value::Null, |(q, _)| Value::Text(q.text())),
        r.second_call.map_or(Value::Null, |(_, w)| Value::Integer(i64::from(w))),
        text(r.majority.code()),
        Value::Integer(i64::from(r.casting_vote)),
        r.minimum.map_or(Value::Null, |m| Value::Text(m.text())),
        Value::Integer(i64::from(r.notice_ordinary_days)),
        Value::Integer(i64::from(r.notice_extraordinary_days)),
        text(r.majority_base.code()),
        Value::Integer(i64::from(r.dissent_reasons)),
        Value::Integer(i64::from(r.firm_agreements)),
        text(r.conductor.code()),
    ]
}

pub fn insert(conn: &Tx, body: &Body) -> Result<i64> {
    let probe = Body { id: i64::MIN, ..body.clone() };
    validate(conn, &probe)?;
    conn.execute(
        "INSERT INTO bodies (acronym, name, kind, parent_id, coordinator_id, meeting_word, timezone, place, quorum, \
         second_quorum, second_wait_min, majority, casting_vote, minimum, notice_ordinary_days, notice_extraordinary_days, \
         majority_base, dissent_reasons, firm_agreements, conducted_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        rusqlite::params_from_iter(values(body)),
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Tx, body: &Body) -> Result<()> {
    validate(conn, body)?;
    let mut vals = values(body).to_vec();
    vals.push(rusqlite::types::Value::Integer(body.id));
    let n = conn.execute(
        "UPDATE bodies SET acronym = ?1, name = ?2, kind = ?3, parent_id = ?4, coordinator_id = ?5, meeting_word = ?6, \
         timezone = ?7, place = ?8, quorum = ?9, second_quorum = ?10, second_wait_min = ?11, majority = ?12, \
         casting_vote = ?13, minimum = ?14, notice_ordinary_days = ?15, notice_extraordinary_days = ?16, \
         majority_base = ?17, dissent_reasons = ?18, firm_agreements = ?19, conducted_by = ?20 WHERE id = ?21",
        rusqlite::params_from_iter(vals),
    )?;
    if n == 0 {
        return Err(StoreError::Refused("el órgano ya no existe".into()));
    }
    Ok(())
}

/// Inserts a body as a data file records it, keeping its `id` when it has one (> 0) so the
/// record it is restored from orders and numbers the same; an id already in use is refused.
pub fn insert_recorded(conn: &Tx, body: &Body) -> Result<i64> {
    if body.id <= 0 {
        return insert(conn, body);
    }
    if let Some(other) = get(conn, body.id)? {
        return Err(StoreError::invalid(
            "id",
            format!(
                "el id {} ya es del órgano «{}» en esta base; quite «id» para que se asigne otro",
                body.id, other.acronym
            ),
        ));
    }
    validate(conn, &Body { id: i64::MIN, ..body.clone() })?;
    let mut vals = vec![rusqlite::types::Value::Integer(body.id)];
    vals.extend(values(body));
    conn.execute(
        "INSERT INTO bodies (id, acronym, name, kind, parent_id, coordinator_id, meeting_word, timezone, place, quorum, \
         second_quorum, second_wait_min, majority, casting_vote, minimum, notice_ordinary_days, notice_extraordinary_days, \
         majority_base, dissent_reasons, firm_agreements, conducted_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        rusqlite::params_from_iter(vals),
    )?;
    Ok(body.id)
}

/// What a body sets for the follow-up: days before a deadline at which the semáforo turns
/// yellow, and the share of held sessions each member should attend (percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpSettings {
    pub warning_days: u32,
    pub attendance_target: u32,
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        FollowUpSettings { warning_days: crate::domain::followup::DEFAULT_WARNING_DAYS, attendance_target: 80 }
    }
}

pub fn follow_up_settings(conn: &Connection, body: i64) -> Result<FollowUpSettings> {
    Ok(conn.query_row("SELECT warning_days, attendance_target FROM bodies WHERE id = ?1", [body], |r| {
        Ok(FollowUpSettings { warning_days: r.get(0)?, attendance_target: r.get(1)? })
    })?)
}

pub fn set_follow_up_settings(conn: &Tx, body: i64, s: FollowUpSettings) -> Result<()> {
    if s.warning_days > 365 {
        return Err(StoreError::invalid("aviso_vencimiento_dias", "el aviso no puede pasar de 365 días"));
    }
    if s.attendance_target > 100 {
        return Err(StoreError::invalid("meta_asistencia", "la meta de asistencia es un porcentaje de 0 a 100"));
    }
    conn.execute(
        "UPDATE bodies SET warning_days = ?2, attendance_target = ?3 WHERE id = ?1",
        params![body, s.warning_days, s.attendance_target],
    )?;
    Ok(())
}

/// Deletes a body with its memberships. Refused while it has sub-bodies or sessions: those
/// are the body's history and must be removed deliberately first.
pub fn delete(conn: &Tx, id: i64) -> Result<()> {
    let (children, sessions): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM bodies WHERE parent_id = ?1), (SELECT count(*) FROM sessions WHERE body_id = ?1)",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if children > 0 {
        return Err(StoreError::Refused(format!(
            "el órgano tiene {}; elimínelos o muévalos primero",
            crate::domain::text::counted(children, "órgano dependiente", "órganos dependientes")
        )));
    }
    if sessions > 0 {
        return Err(StoreError::Refused(format!(
            "el órgano tiene {} en el calendario; elimínelas primero",
            crate::domain::text::counted(sessions, "sesión", "sesiones")
        )));
    }
    conn.execute("DELETE FROM bodies WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::body::{BodyKind, MeetingWord};
    use crate::store::Store;

    pub fn sample(acronym: &str, parent: Option<i64>) -> Body {
        Body {
            id: 0,
            acronym: acronym.into(),
            name: format!("Órgano {acronym}"),
            kind: if parent.is_some() { BodyKind::WorkingGroup } else { BodyKind::Plenary },
            parent,
            coordinator: None,
            meeting_word: MeetingWord::Session,
            timezone: "America/Mexico_City".into(),
            place: String::new(),
            rules: BodyRules {
                second_call: Some((QuorumRule::Fraction { num: 1, den: 3 }, 30)),
                minimum: MinimumSessions::parse("2 por año").ok(),
                casting_vote: true,
                ..Default::default()
            },
        }
    }

    #[test]
    fn round_trip_with_rules() {
        let mut store = Store::open_in_memory().expect("open");
        let id = store.write(|tx| insert(tx, &sample("CITDP", None))).expect("insert");
        let got = get(store.conn(), id).expect("q").expect("found");
        assert_eq!(got, Body { id, ..sample("CITDP", None) });
        // The rules reglamentos vary in survive an update.
        let mut costa_rica = got.clone();
        costa_rica.rules.dissent_reasons = true;
        costa_rica.rules.firm_agreements = true;
        costa_rica.rules.conductor = crate::domain::body::Conductor::Coordination;
        costa_rica.rules.majority_base = crate::domain::body::MajorityBase::Cast;
        store.write(|tx| update(tx, &costa_rica)).expect("update");
        assert_eq!(get(store.conn(), id).expect("q").expect("found"), costa_rica);
    }

    #[test]
    fn tree_order_and_cycles() {
        let mut store = Store::open_in_memory().expect("open");
        let root = store.write(|tx| insert(tx, &sample("Z-ROOT", None))).expect("insert");
        let child = store.write(|tx| insert(tx, &sample("A-CHILD", Some(root)))).expect("insert");
        store.write(|tx| insert(tx, &sample("B-OTHER", None))).expect("insert");
        let order: Vec<String> = list(store.conn()).expect("q").into_iter().map(|b| b.acronym).collect();
        assert_eq!(order, ["B-OTHER", "Z-ROOT", "A-CHILD"]);
        let mut cyclic = get(store.conn(), root).expect("q").expect("found");
        cyclic.parent = Some(child);
        let err = store.write(|tx| update(tx, &cyclic)).unwrap_err();
        assert!(err.to_string().starts_with("campo «padre»"), "{err}");
    }

    #[test]
    fn validation_and_deletion_rules() {
        let mut store = Store::open_in_memory().expect("open");
        let root = store.write(|tx| insert(tx, &sample("CITDP", None))).expect("insert");
        let dup = store.write(|tx| insert(tx, &sample("CITDP", None))).unwrap_err();
        assert!(dup.to_string().contains("ya existe el órgano"), "{dup}");
        let mut bad_zone = sample("X", None);
        bad_zone.timezone = "Mars/Olympus".into();
        assert!(store.write(|tx| insert(tx, &bad_zone)).unwrap_err().to_string().contains("zona_horaria"));
        let child = store.write(|tx| insert(tx, &sample("GT", Some(root)))).expect("insert");
        let refused = store.write(|tx| delete(tx, root)).unwrap_err();
        assert!(refused.to_string().contains("dependiente"), "{refused}");
        store.write(|tx| delete(tx, child)).expect("delete child");
        store.write(|tx| delete(tx, root)).expect("delete root");
        assert!(list(store.conn()).expect("q").is_empty());
    }
}

/// What a body sets for its sessions beyond its rules: its own standing agenda items and the
/// pattern of its agreement numbers.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    pub agenda_items: Vec<String>,
    pub agreement_pattern: String,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            agenda_items: Vec::new(),
            agreement_pattern: crate::domain::agreement::DEFAULT_PATTERN.into(),
        }
    }
}

pub fn session_settings(conn: &Connection, body: i64) -> Result<SessionSettings> {
    let (template, pattern): (String, String) =
        conn.query_row("SELECT agenda_template, agreement_pattern FROM bodies WHERE id = ?1", [body], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(SessionSettings { agenda_items: template.lines().map(String::from).collect(), agreement_pattern: pattern })
}

pub fn set_session_settings(conn: &Tx, body: i64, settings: &SessionSettings) -> Result<()> {
    crate::domain::agreement::check_pattern(&settings.agreement_pattern)
        .map_err(|m| StoreError::invalid("patron_acuerdos", m))?;
    let items: Vec<&str> = settings.agenda_items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()).collect();
    conn.execute(
        "UPDATE bodies SET agenda_template = ?2, agreement_pattern = ?3 WHERE id = ?1",
        params![body, items.join("\n"), settings.agreement_pattern.trim()],
    )?;
    Ok(())
}

#[cfg(test)]
mod settings_tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn agenda_template_and_pattern() {
        let mut store = Store::open_in_memory().expect("open");
        let id = store.write(|tx| insert(tx, &tests::sample("CITDP", None))).expect("insert");
        assert_eq!(session_settings(store.conn(), id).expect("q"), SessionSettings::default());
        let s = SessionSettings {
            agenda_items: vec!["Informe de la Secretaría Técnica".into(), " ".into()],
            agreement_pattern: "ACU/{anio}/{n:02}".into(),
        };
        store.write(|tx| set_session_settings(tx, id, &s)).expect("set");
        let got = session_settings(store.conn(), id).expect("q");
        assert_eq!(got.agenda_items, ["Informe de la Secretaría Técnica"]);
        assert_eq!(got.agreement_pattern, "ACU/{anio}/{n:02}");
        let bad = SessionSettings { agreement_pattern: "{siglas}".into(), ..got };
        let err = store.write(|tx| set_session_settings(tx, id, &bad)).unwrap_err();
        assert!(err.to_string().starts_with("campo «patron_acuerdos»"), "{err}");
    }
}
