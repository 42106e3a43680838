//! `indicadores`: how a body (or all of them) is doing over a period.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::Labeled;
use crate::domain::dates::parse_date;
use crate::domain::followup;
use crate::domain::indicators::{CommitmentStats, RATE_DEFINITION, percent, percent_text};
use crate::store::followup::{ListFilter, Tracked, list};
use crate::store::{Store, bodies, indicators, institutions};

type Result<T> = std::result::Result<T, String>;

#[derive(Serialize)]
struct SessionsJson {
    realizadas: u32,
    programadas: u32,
    minimo: Option<u32>,
}

#[derive(Serialize)]
struct AttendanceJson {
    institucion: String,
    nombre: String,
    sesiones: u32,
    presente: u32,
    justificadas: u32,
    /// `null` when no session with a roll call fell in the period ("sin datos").
    porcentaje: Option<f64>,
    meta: u32,
}

#[derive(Serialize)]
struct CommitmentsJson {
    adoptados: u32,
    cumplidos: u32,
    cumplidos_en_plazo: u32,
    en_proceso: u32,
    vencidos: u32,
    sin_efecto: u32,
    tasa_cumplimiento: Option<f64>,
    definicion: &'static str,
}

/// An open commitment of the institution asked about.
#[derive(Serialize)]
struct PendingJson {
    numero: String,
    fuente: &'static str,
    organo: String,
    /// When it was taken: the session's date, or the first day of the plan's year.
    adoptado: Option<String>,
    texto: String,
    plazo: String,
    estado: &'static str,
    avance: u32,
    vencido: bool,
    semaforo: Option<&'static str>,
}

#[derive(Serialize)]
struct IndicatorsJson {
    organo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    institucion: Option<String>,
    desde: String,
    hasta: String,
    sesiones: SessionsJson,
    asistencia: Vec<AttendanceJson>,
    /// Agreements and work-plan activities together; then each source alone.
    compromisos: CommitmentsJson,
    acuerdos: CommitmentsJson,
    actividades: CommitmentsJson,
    /// With an institution: its open commitments in those bodies, whenever adopted, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pendientes: Option<Vec<PendingJson>>,
}

fn commitments_json(c: &CommitmentStats) -> CommitmentsJson {
    CommitmentsJson {
        adoptados: c.adopted,
        cumplidos: c.done,
        cumplidos_en_plazo: c.done_on_time,
        en_proceso: c.in_progress,
        vencidos: c.overdue,
        sin_efecto: c.void,
        tasa_cumplimiento: c.rate(),
        definicion: RATE_DEFINITION,
    }
}

pub struct Args<'a> {
    pub organo: Option<&'a str>,
    pub dependientes: bool,
    pub institucion: Option<&'a str>,
    pub desde: Option<&'a str>,
    pub hasta: Option<&'a str>,
}

pub fn indicadores(store: &Store, a: &Args, json: bool, today: NaiveDate) -> Result<()> {
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let date = |flag: &str, v: Option<&str>| v.map(|t| parse_date(t).map_err(|e| format!("--{flag}: {e}"))).transpose();
    let from = date("desde", a.desde)?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = date("hasta", a.hasta)?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today));
    if from > to {
        return Err(format!("--desde ({from}) es posterior a --hasta ({to})"));
    }
    let all = bodies::list(conn).map_err(err)?;
    let scope = match a.organo {
        Some(s) => {
            let b = all
                .iter()
                .find(|b| b.acronym.eq_ignore_ascii_case(s.trim()))
                .ok_or_else(|| format!("no hay ningún órgano con siglas «{s}»"))?;
            indicators::scope(conn, b.id, a.dependientes).map_err(err)?
        }
        None => all.iter().map(|b| b.id).collect(),
    };
    let institution = a.institucion.map(|q| super::lookup::institution(conn, q)).transpose()?;
    let i = match institution {
        Some(id) => indicators::compute_for_institution(conn, &scope, id, from, to, today),
        None => indicators::compute(conn, &scope, from, to, today),
    }
    .map_err(err)?;
    let pending = institution.map(|id| pending(conn, &all, &scope, id, today)).transpose().map_err(err)?;
    let institution_acronym = match institution {
        Some(id) => institutions::get(conn, id).map_err(err)?.map(|i| i.acronym),
        None => None,
    };
    let c = &i.commitments;
    let out = IndicatorsJson {
        organo: a.organo.map(|s| s.trim().to_uppercase()),
        institucion: institution_acronym,
        desde: from.to_string(),
        hasta: to.to_string(),
        sesiones: SessionsJson { realizadas: i.held, programadas: i.planned, minimo: i.minimum },
        asistencia: i
            .attendance
            .iter()
            .map(|r| AttendanceJson {
                institucion: r.acronym.clone(),
                nombre: r.name.clone(),
                sesiones: r.sessions,
                presente: r.present,
                justificadas: r.justified,
                porcentaje: percent(r.present, r.sessions),
                meta: r.target,
            })
            .collect(),
        compromisos: commitments_json(c),
        acuerdos: commitments_json(&i.agreements),
        actividades: commitments_json(&i.activities),
        pendientes: pending,
    };
    if json {
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let scope_name = out.organo.clone().unwrap_or_else(|| "todos los órganos".into());
    match &out.institucion {
        Some(who) => outln!("Indicadores de {who} en {scope_name}, del {from} al {to}"),
        None => outln!("Indicadores de {scope_name}, del {from} al {to}"),
    }
    let minimum = out.sesiones.minimo.map_or("sin mínimo".to_string(), |m| format!("mínimo {m}"));
    let sessions = if out.institucion.is_some() { "Sesiones de los órganos en que tiene voto" } else { "Sesiones" };
    outln!("\n{sessions}: {} realizadas de {} programadas ({minimum})", i.held, i.planned);
    outln!("\nAsistencia (sesiones con lista registrada):");
    for r in &out.asistencia {
        let mark = match r.porcentaje {
            Some(p) if p >= f64::from(r.meta) => "✔",
            Some(_) => "✘",
            None => " ",
        };
        outln!(
            "  {mark} {:<12} {:>9}  ({} de {}; {} justificadas; meta {} %)",
            r.institucion,
            percent_text(r.porcentaje),
            r.presente,
            r.sesiones,
            r.justificadas,
            r.meta
        );
    }
    for (label, c) in [("Compromisos", c), ("  Acuerdos", &i.agreements), ("  Actividades", &i.activities)] {
        outln!(
            "{}{label}: {} adoptados · {} cumplidos ({} en plazo) · {} en proceso · {} vencidos · {} sin efecto · cumplimiento {}",
            if label == "Compromisos" { "\n" } else { "" },
            c.adopted,
            c.done,
            c.done_on_time,
            c.in_progress,
            c.overdue,
            c.void,
            percent_text(c.rate())
        );
    }
    outln!("({RATE_DEFINITION})");
    if let Some(rows) = &out.pendientes {
        outln!("\nCompromisos abiertos, del más antiguo al más reciente: {}", rows.len());
        for p in rows {
            outln!(
                "  {:<10} {:<24} {:<9} {:<8} {:<13} {:>4} %  {}",
                p.adoptado.as_deref().unwrap_or(""),
                p.numero,
                p.semaforo.unwrap_or(""),
                p.organo,
                p.estado,
                p.avance,
                p.plazo
            );
        }
    }
    Ok(())
}

/// The open commitments `institution` answers for in the bodies of `scope`, oldest first.
fn pending(
    conn: &rusqlite::Connection,
    all: &[crate::domain::body::Body],
    scope: &[i64],
    institution: i64,
    today: NaiveDate,
) -> crate::store::Result<Vec<PendingJson>> {
    let filter = ListFilter { institution: Some(institution), ..ListFilter::default() };
    let mut open: Vec<Tracked> =
        list(conn, &filter)?.into_iter().filter(|t| followup::open(t.status) && scope.contains(&t.body)).collect();
    open.sort_by_key(|t| t.start);
    let siglas: std::collections::HashMap<i64, &str> = all.iter().map(|b| (b.id, b.acronym.as_str())).collect();
    Ok(open
        .into_iter()
        .map(|t| PendingJson {
            fuente: t.source.label(),
            organo: siglas.get(&t.body).map_or_else(String::new, |s| s.to_string()),
            adoptado: t.start.map(|d| d.to_string()),
            plazo: t.term(),
            estado: t.status.label(),
            avance: t.progress,
            vencido: followup::overdue(t.status, t.deadline, today),
            semaforo: followup::light(t.status, t.deadline, today, t.warning_days).map(|l| l.label()),
            numero: t.number,
            texto: t.text,
        })
        .collect())
}
