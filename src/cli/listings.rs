//! `organos`, `calendario` and `sesiones`: the bodies with their directory of members and
//! contacts, and the calendar of sessions — as a table, JSON, CSV or (the directory) XLSX.

use std::collections::HashMap;

use super::json::{Directory, SessionJson};
use super::table::{Align, Table};
use super::xlsx::{Sheet, Value};
use super::{CsvArgs, XlsxArgs, sheet};
use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::dates::{format_time, parse_date};
use crate::domain::member::{Representative, RepresentativeRole};
use crate::domain::session::{Session, title};
use crate::export::ics;
use crate::store::{Store, bodies, institutions, members, sessions};

type Result<T> = std::result::Result<T, String>;

/// The directory's columns: one row per membership.
const DIRECTORY: [&str; 20] = [
    "organo",
    "nombre_organo",
    "siglas",
    "institucion",
    "derechos",
    "cargo",
    "peso",
    "baja",
    "titular",
    "titular_puesto",
    "titular_correo",
    "titular_telefono",
    "titular_designacion",
    "titular_oficio",
    "suplente",
    "suplente_puesto",
    "suplente_correo",
    "suplente_telefono",
    "suplente_designacion",
    "suplente_oficio",
];

fn person(r: Option<&&Representative>) -> [Value; 6] {
    match r {
        Some(r) => [
            r.name.as_str().into(),
            r.position.as_str().into(),
            r.email.as_str().into(),
            r.phone.as_str().into(),
            r.designated_on.into(),
            r.letter_ref.as_str().into(),
        ],
        None => std::array::from_fn(|_| Value::Empty),
    }
}

pub fn organos(store: &Store, json: bool, hoja: &CsvArgs, excel: &XlsxArgs) -> Result<()> {
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let all = bodies::list(conn).map_err(err)?;
    let insts = institutions::list(conn).map_err(err)?;
    let memberships = members::list(conn).map_err(err)?;
    let reps = members::all_representatives(conn).map_err(err)?;
    let dir = Directory {
        bodies: &all,
        institutions: insts.iter().map(|i| (i.id, i)).collect(),
        memberships: &memberships,
        reps: reps.iter().map(|(m, role, r)| ((*m, *role), r)).collect(),
    };
    if json {
        let out: Vec<_> = all.iter().map(|b| dir.body(b)).collect();
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let separator = hoja.separator()?;
    if separator.is_some() || excel.xlsx.is_some() {
        let rows = all.iter().flat_map(|b| memberships.iter().filter(move |m| m.body == b.id).map(move |m| (b, m)));
        let rows: Vec<Vec<Value>> = rows
            .map(|(b, m)| {
                let inst = dir.institutions.get(&m.institution);
                let mut row: Vec<Value> = vec![
                    b.acronym.as_str().into(),
                    b.name.as_str().into(),
                    inst.map_or("", |i| i.acronym.as_str()).into(),
                    inst.map_or("", |i| i.name.as_str()).into(),
                    m.rights.label().into(),
                    m.office.label().into(),
                    m.weight.into(),
                    m.ended_on.into(),
                ];
                row.extend(person(dir.reps.get(&(m.id, RepresentativeRole::Titular))));
                row.extend(person(dir.reps.get(&(m.id, RepresentativeRole::Alternate))));
                row
            })
            .collect();
        if let Some(sep) = separator {
            return sheet::print(sep, &DIRECTORY, rows.iter().map(|r| r.iter().map(Value::csv).collect()));
        }
        let mut sheet = Sheet::new("Directorio", &DIRECTORY)?;
        for r in rows {
            sheet.row(r)?;
        }
        return super::xlsx::write(store, excel, vec![sheet]);
    }
    let depth = |b: &Body| {
        let mut d = 0;
        let mut p = b.parent;
        while let Some(id) = p {
            d += 1;
            p = all.iter().find(|x| x.id == id).and_then(|x| x.parent);
        }
        d
    };
    let mut table = Table::new(&[
        ("SIGLAS", Align::Left),
        ("TIPO", Align::Left),
        ("DEPENDE DE", Align::Left),
        ("INTEGRANTES", Align::Right),
        ("NOMBRE", Align::Left),
    ]);
    for b in &all {
        let count = memberships.iter().filter(|m| m.body == b.id).count();
        let siglas = format!("{}{}", "  ".repeat(depth(b)), b.acronym);
        let parent = b.parent.and_then(|p| dir.acronym(p)).unwrap_or("—");
        table.row([siglas.as_str(), b.kind.label(), parent, &count.to_string(), &b.name]);
    }
    table.print();
    Ok(())
}

/// What `calendario` and `sesiones` are asked for.
pub struct CalendarArgs<'a> {
    pub organo: Option<&'a str>,
    pub desde: Option<&'a str>,
    pub hasta: Option<&'a str>,
    pub json: bool,
    pub ics: bool,
    pub hoja: &'a CsvArgs,
}

const SESSION_COLUMNS: [&str; 12] = [
    "id",
    "organo",
    "tipo",
    "numero",
    "titulo",
    "fecha",
    "hora",
    "ventana",
    "previsto",
    "lugar",
    "modalidad",
    "estado",
];

pub fn calendario(store: &Store, a: &CalendarArgs) -> Result<()> {
    let conn = store.conn();
    let all = bodies::list(conn).map_err(|e| e.to_string())?;
    let body = match a.organo {
        Some(siglas) => Some(
            all.iter()
                .find(|b| b.acronym.eq_ignore_ascii_case(siglas.trim()))
                .ok_or_else(|| format!("no hay ningún órgano con siglas «{siglas}»; véalos con «secretaria organos»"))?
                .id,
        ),
        None => None,
    };
    let separator = a.hoja.separator()?;
    let date = |flag: &str, v: Option<&str>| v.map(|t| parse_date(t).map_err(|e| format!("--{flag}: {e}"))).transpose();
    let filter = sessions::Filter { body, from: date("desde", a.desde)?, to: date("hasta", a.hasta)?, undated: false };
    if let (Some(f), Some(t)) = (filter.from, filter.to)
        && f > t
    {
        return Err(format!("--desde ({f}) es posterior a --hasta ({t})"));
    }
    let list = sessions::list(conn, &filter).map_err(|e| e.to_string())?;
    let by_id: HashMap<i64, &Body> = all.iter().map(|b| (b.id, b)).collect();
    if a.ics {
        let stamp = chrono::Utc::now().naive_utc();
        // iCalendar's lines end in CRLF: written as they are, not through `out!`.
        let calendar = ics::calendar(&list, &all, stamp);
        crate::output::write(&crate::output::Dest::Stdout, calendar.as_bytes(), false, &Default::default())
            .map_err(|e| e.to_string())?;
        return Ok(());
    }
    let rows: Vec<(&Session, &Body)> = list.iter().filter_map(|s| by_id.get(&s.body).map(|b| (s, *b))).collect();
    if a.json {
        let out: Vec<SessionJson> = rows.iter().map(|(s, b)| SessionJson::new(s, b)).collect();
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    if let Some(sep) = separator {
        let lines = rows.iter().map(|(s, b)| {
            let j = SessionJson::new(s, b);
            vec![
                j.id.to_string(),
                j.organo.to_string(),
                j.tipo.to_string(),
                j.numero.to_string(),
                j.titulo,
                j.fecha.unwrap_or_default(),
                j.hora.unwrap_or_default(),
                j.ventana.unwrap_or_default(),
                j.previsto.unwrap_or_default().to_string(),
                j.lugar.to_string(),
                j.modalidad.to_string(),
                j.estado.to_string(),
            ]
        });
        return sheet::print(sep, &SESSION_COLUMNS, lines);
    }
    let mut table = Table::new(&[
        ("ID", Align::Right),
        ("FECHA", Align::Left),
        ("HORA", Align::Left),
        ("ÓRGANO", Align::Left),
        ("SESIÓN", Align::Left),
        ("ESTADO", Align::Left),
    ]);
    for (s, b) in rows {
        let when = match s.schedule.date() {
            Some(d) => crate::domain::dates::medium_date(d),
            None => s.schedule.describe(),
        };
        let time = s.schedule.time().map(format_time).unwrap_or_default();
        table.row([
            s.id.to_string(),
            when,
            time,
            b.acronym.clone(),
            title(s.number, s.kind, b.meeting_word),
            s.status.label().to_string(),
        ]);
    }
    table.print();
    Ok(())
}
