//! `indicadores`: how a body (or all of them) is doing over a period.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::table::{Align, Table};
use super::xlsx::{Sheet, Value};
use super::{CsvArgs, XlsxArgs, sheet};
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
    /// What the minimum counts.
    ordinarias_realizadas: u32,
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

/// How the indicators are given: text, JSON, CSV or XLSX.
pub struct Output<'a> {
    pub json: bool,
    pub hoja: &'a CsvArgs,
    pub excel: &'a XlsxArgs,
}

pub fn indicadores(store: &Store, a: &Args, format: &Output, today: NaiveDate) -> Result<()> {
    let separator = format.hoja.separator()?;
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
        sesiones: SessionsJson {
            realizadas: i.held,
            ordinarias_realizadas: i.held_ordinary,
            programadas: i.planned,
            minimo: i.minimum,
        },
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
    if format.json {
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    if let Some(sep) = separator {
        let rows = long_rows(&out);
        return sheet::print(sep, &LONG_COLUMNS, rows.iter().map(|r| r.iter().map(Value::csv).collect()));
    }
    if format.excel.xlsx.is_some() {
        return super::xlsx::write(store, format.excel, workbook(&out)?);
    }
    print_text(&out, &i, from, to);
    Ok(())
}

fn print_text(out: &IndicatorsJson, i: &indicators::Indicators, from: NaiveDate, to: NaiveDate) {
    let c = &i.commitments;
    let scope_name = out.organo.clone().unwrap_or_else(|| "todos los órganos".into());
    let (from, to) = (crate::domain::dates::medium_date(from), crate::domain::dates::medium_date(to));
    match &out.institucion {
        Some(who) => outln!("Indicadores de {who} en {scope_name}, del {from} al {to}"),
        None => outln!("Indicadores de {scope_name}, del {from} al {to}"),
    }
    let minimum = out.sesiones.minimo.map_or("sin mínimo".to_string(), |m| {
        format!("{} ordinarias, mínimo {m}", out.sesiones.ordinarias_realizadas)
    });
    let sessions = if out.institucion.is_some() { "Sesiones de los órganos en que tiene voto" } else { "Sesiones" };
    outln!("\n{sessions}: {} realizadas de {} programadas ({minimum})", i.held, i.planned);
    outln!("\nAsistencia (sesiones con lista registrada):");
    let mut table = Table::new(&[
        ("", Align::Left),
        ("INSTITUCIÓN", Align::Left),
        ("ASISTENCIA", Align::Right),
        ("PRESENTE", Align::Right),
        ("SESIONES", Align::Right),
        ("JUSTIFICADAS", Align::Right),
        ("META", Align::Right),
    ]);
    for r in &out.asistencia {
        let mark = match r.porcentaje {
            Some(p) if p >= f64::from(r.meta) => "✔",
            Some(_) => "✘",
            None => " ",
        };
        table.row([
            mark.to_string(),
            r.institucion.clone(),
            percent_text(r.porcentaje),
            r.presente.to_string(),
            r.sesiones.to_string(),
            r.justificadas.to_string(),
            format!("{} %", r.meta),
        ]);
    }
    if !out.asistencia.is_empty() {
        table.print();
    }
    for (label, c) in [("Compromisos", c), ("  Acuerdos", &i.agreements), ("  Actividades", &i.activities)] {
        let agree = |n: u32, word: &str| crate::domain::text::counted(n.into(), word, &format!("{word}s"));
        outln!(
            "{}{label}: {} · {} ({} en plazo) · {} en proceso · {} · {} sin efecto · cumplimiento {}",
            if label == "Compromisos" { "\n" } else { "" },
            agree(c.adopted, "adoptado"),
            agree(c.done, "cumplido"),
            c.done_on_time,
            c.in_progress,
            agree(c.overdue, "vencido"),
            c.void,
            percent_text(c.rate())
        );
    }
    outln!("({RATE_DEFINITION})");
    if let Some(rows) = &out.pendientes {
        outln!("\nCompromisos abiertos, del más antiguo al más reciente: {}", rows.len());
        let mut table = Table::new(&[
            ("ADOPTADO", Align::Left),
            ("NÚMERO", Align::Left),
            ("SEMÁFORO", Align::Left),
            ("ÓRGANO", Align::Left),
            ("ESTADO", Align::Left),
            ("AVANCE", Align::Right),
            ("PLAZO", Align::Left),
        ]);
        for p in rows {
            table.row([
                p.adoptado.as_deref().unwrap_or(""),
                &p.numero,
                p.semaforo.unwrap_or(""),
                &p.organo,
                p.estado,
                &format!("{} %", p.avance),
                &p.plazo,
            ]);
        }
        table.print();
    }
}

/// The CSV's columns: one indicator a row, so the whole report is one table.
const LONG_COLUMNS: [&str; 8] = ["seccion", "concepto", "nombre", "valor", "de", "justificadas", "porcentaje", "meta"];

fn long_rows(out: &IndicatorsJson) -> Vec<Vec<Value>> {
    let e = || Value::Empty;
    let s = &out.sesiones;
    let mut rows = vec![vec![
        "sesiones".into(),
        "realizadas".into(),
        e(),
        s.realizadas.into(),
        s.programadas.into(),
        e(),
        e(),
        s.minimo.into(),
    ]];
    for r in &out.asistencia {
        rows.push(vec![
            "asistencia".into(),
            r.institucion.as_str().into(),
            r.nombre.as_str().into(),
            r.presente.into(),
            r.sesiones.into(),
            r.justificadas.into(),
            r.porcentaje.into(),
            r.meta.into(),
        ]);
    }
    for (section, c) in
        [("compromisos", &out.compromisos), ("acuerdos", &out.acuerdos), ("actividades", &out.actividades)]
    {
        for (concept, n) in [
            ("adoptados", c.adoptados),
            ("cumplidos", c.cumplidos),
            ("cumplidos en plazo", c.cumplidos_en_plazo),
            ("en proceso", c.en_proceso),
            ("vencidos", c.vencidos),
            ("sin efecto", c.sin_efecto),
        ] {
            rows.push(vec![section.into(), concept.into(), e(), n.into(), c.adoptados.into(), e(), e(), e()]);
        }
        rows.push(vec![
            section.into(),
            "cumplimiento".into(),
            c.definicion.into(),
            c.cumplidos.into(),
            (c.adoptados - c.sin_efecto.min(c.adoptados)).into(),
            e(),
            c.tasa_cumplimiento.into(),
            e(),
        ]);
    }
    rows
}

/// The workbook: the indicators as in the CSV, attendance by institution, and (for an
/// institution) its open commitments.
fn workbook(out: &IndicatorsJson) -> Result<Vec<Sheet>> {
    let mut summary = Sheet::new("Indicadores", &LONG_COLUMNS)?;
    for r in long_rows(out) {
        summary.row(r)?;
    }
    let mut attendance = Sheet::new(
        "Asistencia",
        &["institucion", "nombre", "sesiones", "presente", "justificadas", "porcentaje", "meta"],
    )?;
    for r in &out.asistencia {
        attendance.row(vec![
            r.institucion.as_str().into(),
            r.nombre.as_str().into(),
            r.sesiones.into(),
            r.presente.into(),
            r.justificadas.into(),
            r.porcentaje.into(),
            r.meta.into(),
        ])?;
    }
    let mut sheets = vec![summary, attendance];
    if let Some(pending) = &out.pendientes {
        let mut p = Sheet::new(
            "Pendientes",
            &["adoptado", "numero", "fuente", "organo", "estado", "avance", "vencido", "semaforo", "plazo", "texto"],
        )?;
        for r in pending {
            p.row(vec![
                date_value(r.adoptado.as_deref()),
                r.numero.as_str().into(),
                r.fuente.into(),
                r.organo.as_str().into(),
                r.estado.into(),
                r.avance.into(),
                sheet::yes_no(r.vencido).into(),
                r.semaforo.unwrap_or("").into(),
                date_value(Some(&r.plazo)),
                r.texto.as_str().into(),
            ])?;
        }
        sheets.push(p);
    }
    Ok(sheets)
}

/// An ISO date as a date cell; anything else («permanente») as text.
fn date_value(text: Option<&str>) -> Value {
    match text {
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d").map_or_else(|_| t.into(), Value::Date),
        None => Value::Empty,
    }
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
