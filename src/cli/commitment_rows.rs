//! How `acuerdos` and `actividades` print one commitment: as JSON, CSV, or a table line.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::domain::Labeled;
use crate::domain::followup::{Source, light, overdue};
use crate::store::followup::Tracked;
use crate::store::plans::ActivityPlan;

/// One commitment as printed; the fields of the other source are left out.
#[derive(Serialize)]
pub struct CommitmentJson<'a> {
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
    responsables: Names<'a>,
    plazo: Term,
    estado: &'static str,
    avance: u32,
    vencido: bool,
    semaforo: Option<&'static str>,
}

/// The responsible institutions' siglas, written straight from the ids (no list per row).
pub struct Names<'a> {
    ids: &'a [i64],
    acronyms: &'a HashMap<i64, &'a str>,
}

impl Names<'_> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(|i| self.acronyms.get(i).copied().unwrap_or("?"))
    }

    fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The deadline as a date, or «permanente».
pub struct Term(Option<NaiveDate>);

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{d}"),
            None => f.write_str("permanente"),
        }
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a row needs besides the commitment: names of bodies and institutions, the plans'
/// columns, today.
pub struct Lookup<'a> {
    pub plans: HashMap<i64, ActivityPlan>,
    pub acronyms: HashMap<i64, &'a str>,
    pub bodies: HashMap<i64, &'a str>,
    pub today: NaiveDate,
}

impl Lookup<'_> {
    pub fn json<'b>(&'b self, t: &'b Tracked) -> CommitmentJson<'b> {
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
            responsables: Names { ids: &t.responsibles, acronyms: &self.acronyms },
            plazo: Term(t.deadline.date()),
            estado: t.status.label(),
            avance: t.progress,
            vencido: overdue(t.status, t.deadline, today),
            semaforo: light(t.status, t.deadline, today, t.warning_days).map(|l| l.label()),
        }
    }
}

/// How the list prints: JSON, CSV, or a table for people.
#[derive(Clone, Copy)]
pub enum Format {
    Json,
    Csv(Source),
    Table(Source),
}

impl Format {
    pub fn start(self, out: &mut impl Write) -> std::io::Result<()> {
        match self {
            Format::Json => out.write_all(b"["),
            Format::Csv(Source::Agreement) => {
                writeln!(out, "numero,organo,sesion,responsables,plazo,estado,avance,vencido,semaforo,texto")
            }
            Format::Csv(Source::Activity) => writeln!(
                out,
                "numero,organo,objetivo,estrategia,meta,indicador,periodo,responsables,plazo,estado,avance,vencido,semaforo,texto"
            ),
            Format::Table(source) => {
                let what = match source {
                    Source::Agreement => "ACUERDO",
                    Source::Activity => "ACTIVIDAD",
                };
                writeln!(
                    out,
                    "{:<24} {:<9} {:<13} {:>6}  {:<20} {:<18} {what}",
                    "NÚMERO", "SEMÁFORO", "ESTADO", "AVANCE", "PLAZO", "RESPONSABLES"
                )
            }
        }
    }

    /// The `index`-th row (from 0).
    pub fn row(self, out: &mut impl Write, r: &CommitmentJson, index: usize) -> std::io::Result<()> {
        match self {
            Format::Json => {
                out.write_all(if index == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *out, r).map_err(std::io::Error::other)
            }
            Format::Csv(source) => csv_row(out, source, r),
            Format::Table(_) => writeln!(
                out,
                "{:<24} {:<9} {:<13} {:>5}%  {:<20} {:<18} {}",
                r.numero,
                r.semaforo.unwrap_or("—"),
                r.estado,
                r.avance,
                r.periodo.map_or(r.plazo.to_string(), |p| format!("{p} ({})", r.plazo)),
                r.responsables.join(", "),
                r.texto
            ),
        }
    }

    pub fn end(self, out: &mut impl Write) -> std::io::Result<()> {
        match self {
            Format::Json => out.write_all(b"\n]\n"),
            Format::Csv(_) | Format::Table(_) => Ok(()),
        }
    }
}

fn csv_row(out: &mut impl Write, source: Source, r: &CommitmentJson) -> std::io::Result<()> {
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
        r.plazo.to_string(),
        r.estado.to_string(),
        r.avance.to_string(),
        if r.vencido { "sí" } else { "no" }.to_string(),
        r.semaforo.unwrap_or("").to_string(),
        r.texto.into(),
    ]);
    let quoted: Vec<String> = fields.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect();
    writeln!(out, "{}", quoted.join(","))
}
