//! The JSON shape of `sesion --json`: the whole state of one session. Field names are Spanish
//! and part of the interface scripts rely on; times are ISO 8601 without zone, in the body's
//! local time as the secretary recorded them.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::json::SessionJson;
use crate::domain::Labeled;
use crate::domain::dates::format_time;
use crate::domain::quorum::{AttendanceMode, Presence, QuorumCount};
use crate::domain::vote::VoteMode;
use crate::store::agenda::Item;
use crate::store::agreements::Agreement;
use crate::store::record::{RollRow, SessionRecord};
use crate::store::votes::{Count, Vote};

#[derive(Serialize)]
pub struct SessionDetailJson<'a> {
    #[serde(flatten)]
    pub sesion: SessionJson<'a>,
    /// The zone of the body's clock, which every time of the session is in.
    pub zona_horaria: &'a str,
    pub inicio: Option<String>,
    pub fin: Option<String>,
    pub asistencia: Vec<AttendanceJson<'a>>,
    pub quorum: QuorumJson,
    pub puntos: Vec<ItemJson<'a>>,
    pub acuerdos: Vec<AgreementJson<'a>>,
    pub eventos: Vec<EventJson<'a>>,
}

#[derive(Serialize)]
pub struct AttendanceJson<'a> {
    pub institucion: &'a str,
    pub nombre_institucion: &'a str,
    pub representante: Option<&'a str>,
    pub caracter: &'static str,
    pub modalidad: &'static str,
    pub llegada: Option<String>,
    pub salida: Option<String>,
    pub vota: bool,
    pub derechos: &'static str,
    pub cargo: &'static str,
    pub peso: u32,
}

#[derive(Serialize)]
pub struct QuorumJson {
    pub presentes: u32,
    pub total: u32,
    pub requerido: u32,
    pub regla: String,
    pub convocatoria: &'static str,
    pub alcanzado: bool,
    pub indicador: String,
}

#[derive(Serialize)]
pub struct ItemJson<'a> {
    pub orden: u32,
    pub titulo: &'a str,
    pub inicio: Option<String>,
    pub fin: Option<String>,
    pub notas: &'a str,
    pub actual: bool,
    pub votaciones: Vec<VoteJson<'a>>,
}

#[derive(Serialize)]
pub struct VoteJson<'a> {
    pub mocion: &'a str,
    pub modo: &'static str,
    pub regla: &'static str,
    /// What an absolute or two-thirds majority was counted against.
    pub base: &'static str,
    pub hora: String,
    /// Who could vote at the count in force (empty before any count).
    pub elegibles: Vec<&'a str>,
    pub votos_elegibles: Option<u32>,
    pub conteos: Vec<CountJson<'a>>,
    pub resultado: Option<&'static str>,
    pub voto_de_calidad: bool,
}

#[derive(Serialize)]
pub struct CountJson<'a> {
    pub a_favor: u32,
    pub en_contra: u32,
    pub abstencion: u32,
    pub hora: String,
    pub vigente: bool,
    pub aprobada: bool,
    pub voto_de_calidad: bool,
    pub convocatoria: &'static str,
    pub quorum_presentes: u32,
    pub quorum_requerido: u32,
    pub explicacion: &'a str,
    /// A recount's reason, and who asked for it (siglas; none: the Secretaría Técnica).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub motivo_recuento: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recuento_solicitado_por: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votos: Option<Vec<BallotJson<'a>>>,
}

#[derive(Serialize)]
pub struct BallotJson<'a> {
    pub institucion: &'a str,
    pub voto: Option<&'static str>,
}

#[derive(Serialize)]
pub struct AgreementJson<'a> {
    pub numero: &'a str,
    pub texto: &'a str,
    pub responsables: Vec<&'a str>,
    pub plazo: String,
    pub estado: &'static str,
    pub punto: Option<u32>,
}

#[derive(Serialize)]
pub struct EventJson<'a> {
    pub hora: String,
    pub evento: &'a str,
    pub detalle: &'a str,
}

/// "2024-02-21T10:00:00".
pub fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The person to name for a roll-call row: who came, else the titular expected.
pub fn representative(row: &RollRow) -> Option<&str> {
    row.entry
        .as_ref()
        .map(|e| e.representative.as_str())
        .filter(|n| !n.trim().is_empty())
        .or_else(|| row.titular.as_ref().map(|t| t.name.as_str()))
}

/// Before the session opens there is no roll-call row: everyone counts as absent.
pub fn presence(row: &RollRow) -> Presence {
    row.entry.as_ref().map_or(Presence::Absent, |e| e.mark.presence)
}

pub fn quorum(q: &QuorumCount) -> QuorumJson {
    QuorumJson {
        presentes: q.present,
        total: q.total,
        requerido: q.required,
        regla: q.rule.text(),
        convocatoria: q.call.label(),
        alcanzado: q.reached(),
        indicador: q.indicator(),
    }
}

pub fn result_label(approved: bool) -> &'static str {
    if approved { "aprobada" } else { "rechazada" }
}

pub fn detail(r: &SessionRecord) -> SessionDetailJson<'_> {
    SessionDetailJson {
        sesion: SessionJson::new(&r.session, &r.body),
        zona_horaria: &r.body.timezone,
        inicio: r.conduct.started_at.map(iso),
        fin: r.conduct.ended_at.map(iso),
        asistencia: r.roll.iter().map(attendance).collect(),
        quorum: quorum(&r.quorum),
        puntos: r.items.iter().map(|i| item(r, i)).collect(),
        acuerdos: r.agreements.iter().map(|a| agreement(r, a)).collect(),
        eventos: r
            .events
            .iter()
            .map(|e| EventJson { hora: iso(e.at), evento: e.kind.code(), detalle: &e.detail })
            .collect(),
    }
}

fn attendance(row: &RollRow) -> AttendanceJson<'_> {
    let mark = row.entry.as_ref().map(|e| &e.mark);
    AttendanceJson {
        institucion: &row.institution.acronym,
        nombre_institucion: &row.institution.name,
        representante: representative(row),
        caracter: presence(row).short(),
        modalidad: mark.map_or(AttendanceMode::InPerson, |m| m.mode).label(),
        llegada: mark.and_then(|m| m.arrival).map(format_time),
        salida: mark.and_then(|m| m.departure).map(format_time),
        vota: row.membership.rights.votes(),
        derechos: row.membership.rights.label(),
        cargo: row.membership.office.label(),
        peso: row.membership.weight,
    }
}

fn item<'a>(r: &'a SessionRecord, i: &'a Item) -> ItemJson<'a> {
    ItemJson {
        orden: i.position,
        titulo: &i.title,
        inicio: i.started_at.map(iso),
        fin: i.ended_at.map(iso),
        notas: &i.notes,
        actual: r.conduct.current_item == Some(i.id),
        votaciones: r.votes.iter().filter(|v| v.item == i.id).map(|v| vote(r, v)).collect(),
    }
}

fn vote<'a>(r: &'a SessionRecord, v: &'a Vote) -> VoteJson<'a> {
    let current = v.current();
    VoteJson {
        mocion: &v.motion,
        modo: v.mode.label(),
        regla: v.rule.label(),
        base: v.base.label(),
        hora: iso(v.created_at),
        elegibles: current
            .map(|c| c.ballots.iter().map(|(m, _, _)| r.member_acronym(*m)).collect())
            .unwrap_or_default(),
        votos_elegibles: current.map(|c| c.eligible),
        conteos: v.counts.iter().map(|c| count(r, v.mode, c)).collect(),
        resultado: current.map(|c| result_label(c.approved)),
        voto_de_calidad: current.is_some_and(|c| c.casting_vote),
    }
}

fn count<'a>(r: &'a SessionRecord, mode: VoteMode, c: &'a Count) -> CountJson<'a> {
    CountJson {
        a_favor: c.tally.for_,
        en_contra: c.tally.against,
        abstencion: c.tally.abstain,
        hora: iso(c.at),
        vigente: !c.superseded,
        aprobada: c.approved,
        voto_de_calidad: c.casting_vote,
        convocatoria: c.call.label(),
        quorum_presentes: c.quorum_present,
        quorum_requerido: c.quorum_required,
        explicacion: &c.explanation,
        motivo_recuento: c.recount.as_ref().map(|x| x.reason.as_str()),
        recuento_solicitado_por: c.recount.as_ref().and_then(|x| x.requested_by).map(|m| r.member_acronym(m)),
        votos: (mode == VoteMode::Nominal).then(|| {
            c.ballots
                .iter()
                .map(|(m, _, b)| BallotJson { institucion: r.member_acronym(*m), voto: b.map(|b| b.label()) })
                .collect()
        }),
    }
}

fn agreement<'a>(r: &'a SessionRecord, a: &'a Agreement) -> AgreementJson<'a> {
    AgreementJson {
        numero: &a.number,
        texto: &a.text,
        responsables: a.responsibles.iter().map(|i| r.acronym(*i)).collect(),
        plazo: a.deadline.date().map_or_else(|| "permanente".to_string(), |d| d.format("%Y-%m-%d").to_string()),
        estado: a.status.label(),
        punto: r.items.iter().find(|i| i.id == a.item).map(|i| i.position),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::body::MajorityRule;
    use crate::domain::vote::Ballot;
    use crate::store::tests::{at, session_fixture};
    use crate::store::votes::CountInput;
    use crate::store::{agenda, attendance, conduct, votes};

    #[test]
    fn nominal_ballots_and_the_count_in_force() {
        let (mut store, session, ms) = session_fixture();
        store.write(|tx| conduct::open(tx, session, at(10, 0))).expect("open");
        for m in &ms[..3] {
            store.write(|tx| attendance::mark(tx, session, *m, Presence::Titular, at(10, 1).time())).expect("mark");
        }
        let item = agenda::list(store.conn(), session).expect("q")[1].id;
        store.write(|tx| conduct::set_current(tx, session, item, at(10, 5))).expect("current");
        let vote = store
            .write(|tx| votes::create(tx, session, item, "Moción", VoteMode::Nominal, MajorityRule::Simple, at(10, 6)))
            .expect("vote");
        let ballots = vec![(ms[0], Ballot::For), (ms[1], Ballot::Against)];
        store.write(|tx| votes::record_count(tx, vote, &CountInput::Nominal(ballots), None, at(10, 7))).expect("count");
        let r = SessionRecord::load(store.conn(), session).expect("load");
        let json = serde_json::to_value(detail(&r)).expect("json");
        assert_eq!(json["titulo"], "Vigésima Primera Sesión Ordinaria");
        assert_eq!((json["inicio"].as_str(), json["fin"].as_str()), (Some("2024-02-21T10:00:00"), None));
        let v = &json["puntos"][1]["votaciones"][0];
        assert_eq!(json["puntos"][1]["actual"], true);
        assert_eq!(v["elegibles"], serde_json::json!(["I0", "I1", "I2"]));
        assert_eq!(v["votos_elegibles"], 3);
        assert_eq!((v["resultado"].as_str(), v["voto_de_calidad"].as_bool()), (Some("aprobada"), Some(true)));
        let votos = v["conteos"][0]["votos"].as_array().expect("nominal ballots");
        assert_eq!(votos[2], serde_json::json!({"institucion": "I2", "voto": null}));
        assert_eq!(v["conteos"][0]["hora"], "2024-02-21T10:07:00");
        let absent = &json["asistencia"][4];
        assert_eq!(
            (absent["caracter"].as_str(), absent["representante"].as_str()),
            (Some("ausente"), Some("Titular 4"))
        );
        assert_eq!(json["eventos"][0]["evento"], "abierta");
    }

    #[test]
    fn before_opening_and_totals_votes() {
        let (store, session, _) = session_fixture();
        let r = SessionRecord::load(store.conn(), session).expect("load");
        let json = serde_json::to_value(detail(&r)).expect("json");
        assert_eq!((json["estado"].as_str(), json["inicio"].is_null()), (Some("convocada"), true));
        assert!(json["asistencia"].as_array().expect("roll").iter().all(|a| a["caracter"] == "ausente"));
        assert_eq!(json["quorum"]["alcanzado"], false);
        assert_eq!(json["asistencia"][5]["vota"], false, "the invitado");
        let c = CountJson {
            a_favor: 1,
            en_contra: 0,
            abstencion: 0,
            hora: String::new(),
            vigente: true,
            aprobada: true,
            voto_de_calidad: false,
            convocatoria: "primera",
            quorum_presentes: 1,
            quorum_requerido: 1,
            explicacion: "",
            motivo_recuento: None,
            recuento_solicitado_por: None,
            votos: None,
        };
        assert!(serde_json::to_value(c).expect("json").get("votos").is_none(), "no ballots for totals");
    }
}
