//! How `acuerdos` and `actividades` print one commitment: as JSON, spreadsheet cells (CSV and
//! XLSX), or a table row.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;

use super::sheet::yes_no;
use super::table::Align;
use super::xlsx::Value;
use crate::domain::Labeled;
use crate::domain::followup::{Source, light, overdue};
use crate::store::followup::Tracked;
use crate::store::plans::ActivityPlan;

/// One commitment as printed; the fields of the other source are left out.
pub struct CommitmentJson<'a> {
    numero: &'a str,
    texto: &'a str,
    organo: &'a str,
    sesion: Option<i64>,
    objetivo: Option<&'a str>,
    estrategia: Option<&'a str>,
    meta: Option<&'a str>,
    indicador: Option<&'a str>,
    periodo: Option<&'a str>,
    responsables: Names<'a>,
    plazo: Term,
    estado: &'static str,
    avance: u32,
    vencido: bool,
    semaforo: Option<&'static str>,
}

/// Siglas by id: a few dozen bodies or institutions, looked up for every row, which a
/// binary search does faster than hashing.
pub struct Siglas<'a>(Vec<(i64, &'a str)>);

impl<'a> FromIterator<(i64, &'a str)> for Siglas<'a> {
    fn from_iter<I: IntoIterator<Item = (i64, &'a str)>>(items: I) -> Self {
        let mut all: Vec<(i64, &str)> = items.into_iter().collect();
        all.sort_unstable();
        Siglas(all)
    }
}

impl<'a> Siglas<'a> {
    fn get(&self, id: i64) -> Option<&'a str> {
        self.0.binary_search_by_key(&id, |(i, _)| *i).ok().map(|at| self.0[at].1)
    }
}

/// The responsible institutions' siglas, written straight from the ids (no list per row).
pub struct Names<'a> {
    ids: &'a [i64],
    acronyms: &'a Siglas<'a>,
}

impl Names<'_> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(|i| self.acronyms.get(*i).unwrap_or("?"))
    }

    fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
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

/// What a row needs besides the commitment: names of bodies and institutions, the plans'
/// columns, today.
pub struct Lookup<'a> {
    pub plans: HashMap<i64, ActivityPlan>,
    pub acronyms: Siglas<'a>,
    pub bodies: Siglas<'a>,
    pub today: NaiveDate,
}

impl Lookup<'_> {
    pub fn json<'b>(&'b self, t: &'b Tracked) -> CommitmentJson<'b> {
        let plan = self.plans.get(&t.id);
        let today = self.today;
        CommitmentJson {
            numero: &t.number,
            texto: &t.text,
            organo: self.bodies.get(t.body).unwrap_or(""),
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

/// The spreadsheet columns (CSV and XLSX) of each source.
pub fn sheet_headers(source: Source) -> &'static [&'static str] {
    match source {
        Source::Agreement => {
            &["numero", "organo", "sesion", "responsables", "plazo", "estado", "avance", "vencido", "semaforo", "texto"]
        }
        Source::Activity => &[
            "numero",
            "organo",
            "objetivo",
            "estrategia",
            "meta",
            "indicador",
            "periodo",
            "responsables",
            "plazo",
            "estado",
            "avance",
            "vencido",
            "semaforo",
            "texto",
        ],
    }
}

/// One commitment's spreadsheet cells, typed: the deadline a date (or «permanente»), the
/// progress a number.
pub fn sheet_cells(source: Source, r: &CommitmentJson) -> Vec<Value> {
    let mut cells: Vec<Value> = vec![r.numero.into(), r.organo.into()];
    match source {
        Source::Agreement => cells.push(r.sesion.into()),
        Source::Activity => {
            for v in [r.objetivo, r.estrategia, r.meta, r.indicador, r.periodo] {
                cells.push(v.unwrap_or("").into());
            }
        }
    }
    cells.extend([
        r.responsables.join(" ").into(),
        r.plazo.0.map_or_else(|| "permanente".into(), Value::Date),
        r.estado.into(),
        r.avance.into(),
        yes_no(r.vencido).into(),
        r.semaforo.unwrap_or("").into(),
        r.texto.into(),
    ]);
    cells
}

/// The table's columns; the last one names the source.
pub fn table_headers(source: Source) -> [(&'static str, Align); 7] {
    let what = match source {
        Source::Agreement => "ACUERDO",
        Source::Activity => "ACTIVIDAD",
    };
    [
        ("NÚMERO", Align::Left),
        ("SEMÁFORO", Align::Left),
        ("ESTADO", Align::Left),
        ("AVANCE", Align::Right),
        ("PLAZO", Align::Left),
        ("RESPONSABLES", Align::Left),
        (what, Align::Left),
    ]
}

/// Which table columns may wrap on a narrow terminal: the period, the responsibles and the text.
pub const TABLE_WRAPS: [bool; 7] = [false, false, false, false, true, true, true];

/// One commitment as a table row.
pub fn table_cells(r: &CommitmentJson) -> [String; 7] {
    [
        r.numero.to_string(),
        r.semaforo.unwrap_or("—").to_string(),
        r.estado.to_string(),
        format!("{} %", r.avance),
        r.periodo.map_or(r.plazo.to_string(), |p| format!("{p} ({})", r.plazo)),
        r.responsables.join(", "),
        r.texto.to_string(),
    ]
}

/// The JSON list: its opening, each row, its close.
pub fn json_start(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"[")
}

/// The `index`-th row (from 0).
pub fn json_next(out: &mut impl Write, r: &CommitmentJson, index: usize) -> std::io::Result<()> {
    out.write_all(if index == 0 { b"\n  " } else { b",\n  " })?;
    json_row(out, r)
}

pub fn json_end(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"\n]\n")
}

/// One JSON object, written field by field: serde's derive spent more time on the keys and
/// its generic machinery than on the data, a fifth of `acuerdos --vencidos` over ten years.
fn json_row(out: &mut impl Write, r: &CommitmentJson) -> std::io::Result<()> {
    out.write_all(b"{\"numero\":")?;
    json_str(out, r.numero)?;
    out.write_all(b",\"texto\":")?;
    json_str(out, r.texto)?;
    out.write_all(b",\"organo\":")?;
    json_str(out, r.organo)?;
    if let Some(s) = r.sesion {
        out.write_all(b",\"sesion\":")?;
        out.write_all(itoa::Buffer::new().format(s).as_bytes())?;
    }
    for (key, value) in [
        (&b",\"objetivo\":"[..], r.objetivo),
        (b",\"estrategia\":", r.estrategia),
        (b",\"meta\":", r.meta),
        (b",\"indicador\":", r.indicador),
        (b",\"periodo\":", r.periodo),
    ] {
        if let Some(v) = value {
            out.write_all(key)?;
            json_str(out, v)?;
        }
    }
    out.write_all(b",\"responsables\":[")?;
    for (i, name) in r.responsables.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        json_str(out, name)?;
    }
    out.write_all(b"],\"plazo\":\"")?;
    match r.plazo.0 {
        Some(d) => out.write_all(&iso_date(d))?,
        None => out.write_all(b"permanente")?,
    }
    out.write_all(b"\",\"estado\":")?;
    json_str(out, r.estado)?;
    out.write_all(b",\"avance\":")?;
    out.write_all(itoa::Buffer::new().format(r.avance).as_bytes())?;
    out.write_all(if r.vencido { b",\"vencido\":true" } else { b",\"vencido\":false" })?;
    out.write_all(b",\"semaforo\":")?;
    match r.semaforo {
        Some(l) => json_str(out, l)?,
        None => out.write_all(b"null")?,
    }
    out.write_all(b"}")
}

/// A JSON string; text with nothing to escape (nearly all of it) is copied as it is.
fn json_str(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    // A fold without early exit, which the compiler turns into a vector loop.
    if s.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\')) {
        return serde_json::to_writer(out, s).map_err(std::io::Error::other);
    }
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

/// `2024-06-30`, without the formatting machinery.
fn iso_date(d: NaiveDate) -> [u8; 10] {
    use chrono::Datelike;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = u32::try_from(d.year()).unwrap_or(0);
    let (m, day) = (d.month(), d.day());
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(r: &CommitmentJson) -> String {
        let mut out = Vec::new();
        json_row(&mut out, r).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    fn sample<'a>(acronyms: &'a Siglas<'a>, ids: &'a [i64]) -> CommitmentJson<'a> {
        CommitmentJson {
            numero: "CITDP/SO-01/2024/03",
            texto: "Enviar el \"informe\"\ncon anexos \\ y tabla\t",
            organo: "CITDP",
            sesion: Some(42),
            objetivo: None,
            estrategia: None,
            meta: None,
            indicador: None,
            periodo: None,
            responsables: Names { ids, acronyms },
            plazo: Term(NaiveDate::from_ymd_opt(2024, 6, 30)),
            estado: "en proceso",
            avance: 40,
            vencido: true,
            semaforo: Some("rojo"),
        }
    }

    #[test]
    fn a_row_is_the_json_serde_would_write() {
        let acronyms: Siglas = [(2, "FGR"), (1, "SEGOB")].into_iter().collect();
        let ids = [2, 1, 9];
        let written: serde_json::Value = serde_json::from_str(&text(&sample(&acronyms, &ids))).expect("json");
        assert_eq!(
            written,
            serde_json::json!({
                "numero": "CITDP/SO-01/2024/03",
                "texto": "Enviar el \"informe\"\ncon anexos \\ y tabla\t",
                "organo": "CITDP",
                "sesion": 42,
                "responsables": ["FGR", "SEGOB", "?"],
                "plazo": "2024-06-30",
                "estado": "en proceso",
                "avance": 40,
                "vencido": true,
                "semaforo": "rojo",
            })
        );
    }

    #[test]
    fn activities_carry_their_plan_columns_and_a_permanent_term() {
        let acronyms: Siglas = std::iter::empty().collect();
        let mut r = sample(&acronyms, &[]);
        r.sesion = None;
        r.objetivo = Some("Prevenir");
        r.estrategia = Some("");
        r.meta = Some("4 talleres");
        r.indicador = Some("talleres realizados");
        r.periodo = Some("permanente");
        r.plazo = Term(None);
        r.semaforo = None;
        r.vencido = false;
        let t = text(&r);
        assert!(!t.contains("sesion"), "{t}");
        let v: serde_json::Value = serde_json::from_str(&t).expect("json");
        assert_eq!(v["objetivo"], "Prevenir");
        assert_eq!(v["estrategia"], "");
        assert_eq!(v["periodo"], "permanente");
        assert_eq!(v["plazo"], "permanente");
        assert_eq!(v["responsables"], serde_json::json!([]));
        assert_eq!(v["semaforo"], serde_json::Value::Null);
        assert_eq!(v["vencido"], false);
    }

    #[test]
    fn dates_keep_their_leading_zeros() {
        assert_eq!(&iso_date(NaiveDate::from_ymd_opt(2007, 1, 5).expect("date")), b"2007-01-05");
        assert_eq!(&iso_date(NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")), b"2026-12-31");
    }
}
