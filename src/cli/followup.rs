//! `acuerdos`, `actividades` and `avance`: the commitments a secretariat chases, and
//! reporting progress on them.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ListArgs, lookup};
use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::parse_date;
use crate::domain::followup::{EvidenceKind, Source, light, overdue};
use crate::domain::minutes::sha256_bytes;
use crate::store::followup::{self, Evidence, ListFilter, Report, Tracked};
use crate::store::plans::{self, ActivityPlan};
use crate::store::{Store, bodies, institutions};

type Result<T> = std::result::Result<T, String>;

/// One commitment as `acuerdos` and `actividades` print it; the fields of the other source
/// are left out.
#[derive(Serialize)]
struct CommitmentJson<'a> {
    numero: &'a str,
    texto: &'a str,
    organo: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sesion: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    objetivo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    estrategia: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicador: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    periodo: Option<&'a str>,
    responsables: Vec<&'a str>,
    plazo: String,
    estado: &'static str,
    avance: u32,
    vencido: bool,
    semaforo: Option<&'static str>,
}

/// `acuerdos` or `actividades`. Rows are written as they are formatted, so ten thousand of
/// them never sit in memory twice.
pub fn list(store: &Store, source: Source, f: &ListArgs, today: NaiveDate) -> Result<()> {
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let all_bodies = bodies::list(conn).map_err(err)?;
    let insts = institutions::list(conn).map_err(err)?;
    let date =
        |flag: &str, v: &Option<String>| v.as_deref().map(parse_date).transpose().map_err(|e| format!("{flag}: {e}"));
    let filter = ListFilter {
        source: Some(source),
        body: f.organo.as_deref().map(|s| lookup::body(conn, s).map(|b| b.id)).transpose()?,
        institution: f.institucion.as_deref().map(|q| lookup::institution(conn, q)).transpose()?,
        status: f
            .estado
            .as_deref()
            .map(AgreementStatus::parse_label)
            .transpose()
            .map_err(|e| format!("--estado: {e}"))?,
        overdue_on: f.vencidos.then_some(today),
        due_from: date("--desde", &f.desde)?,
        due_to: date("--hasta", &f.hasta)?,
    };
    let rows = followup::list(conn, &filter).map_err(err)?;
    let plans: HashMap<i64, ActivityPlan> = match source {
        Source::Activity => plans::all_details(conn).map_err(err)?,
        Source::Agreement => HashMap::new(),
    };
    let look = Lookup {
        plans,
        acronyms: insts.iter().map(|i| (i.id, i.acronym.as_str())).collect(),
        bodies: all_bodies.iter().map(|b| (b.id, b.acronym.as_str())).collect(),
        today,
    };
    let json_of = |t| look.json(t);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if f.json {
        write_json(&mut out, rows.iter().map(json_of))
    } else if f.csv {
        write_csv(&mut out, source, rows.iter().map(json_of))
    } else {
        write_table(&mut out, source, rows.iter().map(json_of))
    };
    // A closed stdout (`| head`) ends the listing quietly.
    let _ = written.and_then(|()| out.flush());
    Ok(())
}

struct Lookup<'a> {
    plans: HashMap<i64, ActivityPlan>,
    acronyms: HashMap<i64, &'a str>,
    bodies: HashMap<i64, &'a str>,
    today: NaiveDate,
}

impl Lookup<'_> {
    fn json<'b>(&'b self, t: &'b Tracked) -> CommitmentJson<'b> {
        let plan = self.plans.get(&t.id);
        let today = self.today;
        CommitmentJson {
            numero: &t.number,
            texto: &t.text,
            organo: self.bodies.get(&t.body).copied().unwrap_or(""),
            sesion: t.session,
            objetivo: plan.map(|p| p.objective.as_str()),
            estrategia: plan.map(|p| p.strategy.as_str()),
            meta: plan.map(|p| p.goal.as_str()),
            indicador: plan.map(|p| p.indicator.as_str()),
            periodo: t.period.as_deref(),
            responsables: t.responsibles.iter().map(|i| self.acronyms.get(i).copied().unwrap_or("?")).collect(),
            plazo: t.deadline.date().map_or("permanente".to_string(), |d| d.to_string()),
            estado: t.status.label(),
            avance: t.progress,
            vencido: overdue(t.status, t.deadline, today),
            semaforo: light(t.status, t.deadline, today, t.warning_days).map(|l| l.label()),
        }
    }
}

fn write_json<'a>(out: &mut impl Write, rows: impl Iterator<Item = CommitmentJson<'a>>) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in rows.enumerate() {
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &r).map_err(std::io::Error::other)?;
    }
    out.write_all(b"\n]\n")
}

fn write_csv<'a>(
    out: &mut impl Write,
    source: Source,
    rows: impl Iterator<Item = CommitmentJson<'a>>,
) -> std::io::Result<()> {
    let header = match source {
        Source::Agreement => "numero,organo,sesion,responsables,plazo,estado,avance,vencido,semaforo,texto",
        Source::Activity => {
            "numero,organo,objetivo,estrategia,meta,indicador,periodo,responsables,plazo,estado,avance,vencido,semaforo,texto"
        }
    };
    writeln!(out, "{header}")?;
    for r in rows {
        let mut fields: Vec<String> = vec![r.numero.into(), r.organo.into()];
        match source {
            Source::Agreement => fields.push(r.sesion.map(|s| s.to_string()).unwrap_or_default()),
            Source::Activity => {
                for v in [r.objetivo, r.estrategia, r.meta, r.indicador, r.periodo] {
                    fields.push(v.unwrap_or("").into());
                }
            }
        }
        fields.extend([
            r.responsables.join(" "),
            r.plazo.clone(),
            r.estado.to_string(),
            r.avance.to_string(),
            if r.vencido { "sí" } else { "no" }.to_string(),
            r.semaforo.unwrap_or("").to_string(),
            r.texto.into(),
        ]);
        let quoted: Vec<String> = fields.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect();
        writeln!(out, "{}", quoted.join(","))?;
    }
    Ok(())
}

fn write_table<'a>(
    out: &mut impl Write,
    source: Source,
    rows: impl Iterator<Item = CommitmentJson<'a>>,
) -> std::io::Result<()> {
    let what = match source {
        Source::Agreement => "ACUERDO",
        Source::Activity => "ACTIVIDAD",
    };
    writeln!(
        out,
        "{:<24} {:<9} {:<13} {:>6}  {:<20} {:<18} {what}",
        "NÚMERO", "SEMÁFORO", "ESTADO", "AVANCE", "PLAZO", "RESPONSABLES"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<24} {:<9} {:<13} {:>5}%  {:<20} {:<18} {}",
            r.numero,
            r.semaforo.unwrap_or("—"),
            r.estado,
            r.avance,
            r.periodo.map_or(r.plazo.clone(), |p| format!("{p} ({})", r.plazo)),
            r.responsables.join(", "),
            r.texto
        )?;
    }
    Ok(())
}

pub struct ProgressArgs<'a> {
    pub numero: &'a str,
    pub texto: &'a str,
    pub porcentaje: Option<u32>,
    pub evidencia: Option<&'a str>,
    pub tipo: &'a str,
    pub archivo: Option<&'a Path>,
    pub fecha: Option<&'a str>,
    pub institucion: Option<&'a str>,
    pub motivo: Option<&'a str>,
}

pub fn avance(store: &mut Store, a: &ProgressArgs, today: NaiveDate) -> Result<()> {
    let on = a.fecha.map(parse_date).transpose().map_err(|e| format!("--fecha: {e}"))?.unwrap_or(today);
    let kind = EvidenceKind::parse_label(a.tipo).map_err(|e| format!("--tipo: {e}"))?;
    let file_sha256 = match a.archivo {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("--archivo: no se pudo leer «{}»: {e}", path.display()))?;
            // The hash of the exact bytes proves later which file was presented.
            Some(sha256_bytes(&bytes))
        }
        None => None,
    };
    let reference = a
        .evidencia
        .map(str::to_string)
        .or_else(|| a.archivo.and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()));
    let institution = a.institucion.map(|s| lookup::institution(store.conn(), s)).transpose()?;
    let report = Report {
        on,
        text: a.texto.to_string(),
        percent: a.porcentaje,
        institution,
        evidence: reference.map(|reference| Evidence { kind, reference, file_sha256 }),
        reason: a.motivo.map(str::to_string),
    };
    let status = store.write(|tx| followup::add_progress(tx, a.numero, &report)).map_err(|e| e.to_string())?;
    let what = followup::by_number(store.conn(), a.numero).map_or("el compromiso", |t| t.source.with_article());
    outln!("Avance registrado en {} ({what}); estado «{}».", a.numero.trim(), status.label());
    Ok(())
}
