//! `acuerdos` and `avance`: the agreements a secretariat chases, and reporting progress.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::parse_date;
use crate::domain::followup::{EvidenceKind, light, overdue};
use crate::domain::minutes::sha256_bytes;
use crate::domain::text::fold;
use crate::store::followup::{self, Evidence, Report};
use crate::store::{Store, bodies, institutions};

type Result<T> = std::result::Result<T, String>;

#[derive(Serialize)]
struct AgreementJson {
    numero: String,
    texto: String,
    organo: String,
    sesion: i64,
    responsables: Vec<String>,
    plazo: String,
    estado: &'static str,
    avance: u32,
    vencido: bool,
    semaforo: Option<&'static str>,
}

pub struct Filters<'a> {
    pub organo: Option<&'a str>,
    pub institucion: Option<&'a str>,
    pub estado: Option<&'a str>,
    pub vencidos: bool,
}

pub fn acuerdos(store: &Store, f: &Filters, json: bool, csv: bool, today: NaiveDate) -> Result<()> {
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let all_bodies = bodies::list(conn).map_err(err)?;
    let insts = institutions::list(conn).map_err(err)?;
    let body = match f.organo {
        Some(s) => Some(
            all_bodies
                .iter()
                .find(|b| b.acronym.eq_ignore_ascii_case(s.trim()))
                .ok_or_else(|| format!("no hay ningún órgano con siglas «{s}»"))?
                .id,
        ),
        None => None,
    };
    let institution = match f.institucion {
        Some(q) => Some(
            insts
                .iter()
                .find(|i| i.acronym.eq_ignore_ascii_case(q.trim()) || fold(&i.name) == fold(q))
                .ok_or_else(|| format!("no hay ninguna institución «{q}» (siglas o nombre completo)"))?
                .id,
        ),
        None => None,
    };
    let status = f.estado.map(AgreementStatus::parse_label).transpose().map_err(|e| format!("--estado: {e}"))?;
    let acronym = |id: i64| insts.iter().find(|i| i.id == id).map_or("?".to_string(), |i| i.acronym.clone());
    let filter = followup::ListFilter { body, institution, status, overdue_on: f.vencidos.then_some(today) };
    let rows: Vec<AgreementJson> = followup::list(conn, &filter)
        .map_err(err)?
        .into_iter()
        .map(|t| {
            let a = &t.agreement;
            AgreementJson {
                numero: a.number.clone(),
                texto: a.text.clone(),
                organo: all_bodies.iter().find(|b| b.id == t.body).map_or(String::new(), |b| b.acronym.clone()),
                sesion: a.session,
                responsables: a.responsibles.iter().map(|i| acronym(*i)).collect(),
                plazo: a.deadline.date().map_or("permanente".to_string(), |d| d.to_string()),
                estado: a.status.label(),
                avance: t.progress,
                vencido: overdue(a.status, a.deadline, today),
                semaforo: light(a.status, a.deadline, today, t.warning_days).map(|l| l.label()),
            }
        })
        .collect();
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
    } else if csv {
        outln!("numero,organo,sesion,responsables,plazo,estado,avance,vencido,semaforo,texto");
        for r in &rows {
            let fields = [
                r.numero.clone(),
                r.organo.clone(),
                r.sesion.to_string(),
                r.responsables.join(" "),
                r.plazo.clone(),
                r.estado.to_string(),
                r.avance.to_string(),
                if r.vencido { "sí" } else { "no" }.to_string(),
                r.semaforo.unwrap_or("").to_string(),
                r.texto.clone(),
            ];
            let quoted: Vec<String> = fields.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect();
            outln!("{}", quoted.join(","));
        }
    } else {
        outln!(
            "{:<24} {:<9} {:<13} {:>6}  {:<10} {:<18} ACUERDO",
            "NÚMERO",
            "SEMÁFORO",
            "ESTADO",
            "AVANCE",
            "PLAZO",
            "RESPONSABLES"
        );
        for r in &rows {
            outln!(
                "{:<24} {:<9} {:<13} {:>5}%  {:<10} {:<18} {}",
                r.numero,
                r.semaforo.unwrap_or("—"),
                r.estado,
                r.avance,
                r.plazo,
                r.responsables.join(", "),
                r.texto
            );
        }
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
    let institution = match a.institucion {
        Some(s) => Some(
            institutions::by_acronym(store.conn(), s)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("--institucion: no hay ninguna institución con siglas «{s}»"))?
                .id,
        ),
        None => None,
    };
    let report = Report {
        on,
        text: a.texto.to_string(),
        percent: a.porcentaje,
        institution,
        evidence: reference.map(|reference| Evidence { kind, reference, file_sha256 }),
        reason: a.motivo.map(str::to_string),
    };
    let status = store.write(|tx| followup::add_progress(tx, a.numero, &report)).map_err(|e| e.to_string())?;
    outln!("Avance registrado en {}: el acuerdo está «{}».", a.numero.trim(), status.label());
    Ok(())
}
