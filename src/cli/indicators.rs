//! `indicadores`: how a body (or all of them) is doing over a period.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::dates::parse_date;
use crate::domain::indicators::{CommitmentStats, RATE_DEFINITION, percent, percent_text};
use crate::store::{Store, bodies, indicators};

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

#[derive(Serialize)]
struct IndicatorsJson {
    organo: Option<String>,
    desde: String,
    hasta: String,
    sesiones: SessionsJson,
    asistencia: Vec<AttendanceJson>,
    /// Agreements and work-plan activities together; then each source alone.
    compromisos: CommitmentsJson,
    acuerdos: CommitmentsJson,
    actividades: CommitmentsJson,
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
    let i = indicators::compute(conn, &scope, from, to, today).map_err(err)?;
    let c = &i.commitments;
    let out = IndicatorsJson {
        organo: a.organo.map(|s| s.trim().to_uppercase()),
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
    };
    if json {
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let scope_name = out.organo.clone().unwrap_or_else(|| "todos los órganos".into());
    outln!("Indicadores de {scope_name}, del {from} al {to}");
    let minimum = out.sesiones.minimo.map_or("sin mínimo".to_string(), |m| format!("mínimo {m}"));
    outln!("\nSesiones: {} realizadas de {} programadas ({minimum})", i.held, i.planned);
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
    Ok(())
}
