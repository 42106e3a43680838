//! `bitacora`, `verificar` and `deshacer`: the record's audit trail, its proof, and undo.

use serde::Serialize;
use serde_json::Value;

use super::table::{Align, Table};
use super::{CsvArgs, lookup};
use crate::domain::body::local_time;
use crate::domain::dates::parse_date;
use crate::ops::journal::{self, Entry, Filter};
use crate::ops::{self, Context, Op, undo, verify};
use crate::store::{Store, bodies};

type Result<T> = std::result::Result<T, String>;

pub struct Args<'a> {
    pub desde: Option<&'a str>,
    pub hasta: Option<&'a str>,
    pub organo: Option<&'a str>,
    pub usuario: Option<&'a str>,
    pub cambios: bool,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    entrada: i64,
    fecha_utc: String,
    /// In the body's time zone (the machine's when the entry is about no body).
    fecha_local: String,
    zona: &'a str,
    usuario: &'a str,
    organo: Option<&'a str>,
    sesion: Option<i64>,
    operacion: &'a str,
    descripcion: &'static str,
    argumentos: Value,
    cambios: Vec<ops::changes::Change>,
    deshace: Option<i64>,
    huella_anterior: &'a str,
    huella: &'a str,
}

/// "CITDP" and its zone for an entry, from the bodies loaded once.
struct Places {
    bodies: Vec<crate::domain::body::Body>,
}

impl Places {
    fn of(&self, e: &Entry) -> (Option<&str>, &str) {
        match e.body.and_then(|id| self.bodies.iter().find(|b| b.id == id)) {
            Some(b) => (Some(b.acronym.as_str()), b.timezone.as_str()),
            None => (None, ""),
        }
    }
}

fn local(e: &Entry, zone: &str) -> String {
    let t = if zone.is_empty() { e.at.with_timezone(&chrono::Local).naive_local() } else { local_time(e.at, zone) };
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// One line about what the entry did: its arguments in short.
fn summary(e: &Entry) -> String {
    let args = e.args_value();
    let mut parts: Vec<String> = Vec::new();
    if let Value::Object(m) = &args {
        for (k, v) in m.iter().filter(|(_, v)| !v.is_null()) {
            let text = crate::ops::words::show(v);
            parts.push(format!("{}: {}", crate::ops::words::field(k), crate::domain::text::shortened(&text, 40)));
        }
    }
    let n = e.changes().len();
    if n > 0 {
        parts.push(crate::domain::text::counted(n as i64, "registro", "registros"));
    }
    parts.join(" · ")
}

pub fn bitacora(store: &Store, a: &Args, json: bool, hoja: &CsvArgs) -> Result<()> {
    let conn = store.conn();
    let separator = hoja.separator()?;
    let date = |flag: &str, v: Option<&str>| v.map(|t| parse_date(t).map_err(|e| format!("--{flag}: {e}"))).transpose();
    let body = a.organo.map(|s| lookup::body(conn, s)).transpose()?;
    let filter = Filter {
        from: date("desde", a.desde)?,
        to: date("hasta", a.hasta)?,
        body: body.map(|b| b.id),
        actor: a.usuario.map(str::to_string),
        changes_only: a.cambios,
        limit: None,
    };
    if let (Some(f), Some(t)) = (filter.from, filter.to)
        && f > t
    {
        return Err(format!("--desde ({f}) es posterior a --hasta ({t})"));
    }
    let entries = journal::list(conn, &filter).map_err(|e| e.to_string())?;
    let places = Places { bodies: bodies::list(conn).map_err(|e| e.to_string())? };
    if json {
        let out: Vec<EntryJson> = entries
            .iter()
            .map(|e| {
                let (organo, zona) = places.of(e);
                EntryJson {
                    entrada: e.seq,
                    fecha_utc: journal::stamp(e.at),
                    fecha_local: local(e, zona),
                    zona: if zona.is_empty() { "local" } else { zona },
                    usuario: &e.actor,
                    organo,
                    sesion: e.session,
                    operacion: &e.op,
                    descripcion: ops::label(&e.op),
                    argumentos: e.args_value(),
                    cambios: e.changes(),
                    deshace: e.undoes,
                    huella_anterior: &e.prev_hash,
                    huella: &e.hash,
                }
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    if let Some(sep) = separator {
        let headers = [
            "entrada",
            "fecha_utc",
            "fecha_local",
            "zona",
            "usuario",
            "organo",
            "sesion",
            "operacion",
            "descripcion",
            "detalle",
            "deshace",
        ];
        let rows = entries.iter().map(|e| {
            let (organo, zona) = places.of(e);
            vec![
                e.seq.to_string(),
                journal::stamp(e.at),
                local(e, zona),
                if zona.is_empty() { "local" } else { zona }.to_string(),
                e.actor.clone(),
                organo.unwrap_or("").to_string(),
                e.session.map(|s| s.to_string()).unwrap_or_default(),
                e.op.clone(),
                ops::label(&e.op).to_string(),
                summary(e),
                e.undoes.map(|u| u.to_string()).unwrap_or_default(),
            ]
        });
        return super::sheet::print(sep, &headers, rows);
    }
    if entries.is_empty() {
        outln!("La bitácora no tiene entradas con esos filtros.");
        return Ok(());
    }
    let mut table = Table::new(&[
        ("N.º", Align::Right),
        ("FECHA Y HORA", Align::Left),
        ("USUARIO", Align::Left),
        ("ÓRGANO", Align::Left),
        ("OPERACIÓN", Align::Left),
        ("DETALLE", Align::Left),
    ]);
    for e in &entries {
        let (organo, zona) = places.of(e);
        let what = match e.undoes {
            Some(u) => format!("{} (entrada {u})", ops::label(&e.op)),
            None => ops::label(&e.op).to_string(),
        };
        table.row([
            e.seq.to_string(),
            local(e, zona),
            crate::domain::text::shortened(&e.actor, 24),
            organo.unwrap_or("—").to_string(),
            what,
            summary(e),
        ]);
    }
    table.print();
    Ok(())
}

pub fn verificar(store: &Store, json: bool) -> Result<()> {
    let report = verify::verify(store.conn()).map_err(|e| e.to_string())?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        for c in &report.checks {
            let mark = if c.problems.is_empty() { "✔" } else { "✘" };
            outln!("{mark} {}", c.name);
            for p in &c.problems {
                outln!("    {p}");
            }
        }
        outln!(
            "{} en la bitácora; {}.",
            crate::domain::text::counted(report.entries, "entrada", "entradas"),
            crate::domain::text::counted(report.approved as i64, "acta aprobada", "actas aprobadas")
        );
    }
    if report.ok {
        if !json {
            outln!("La base está íntegra.");
        }
        Ok(())
    } else {
        let n = report.problems().count();
        Err(format!("la verificación encontró {}", crate::domain::text::counted(n as i64, "problema", "problemas")))
    }
}

pub fn deshacer(store: &mut Store, ctx: &Context, entrada: Option<i64>, json: bool) -> Result<()> {
    let entry = match entrada {
        Some(n) => n,
        None => undo::last_undoable(store.conn(), &ctx.actor)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("«{}» no tiene cambios que deshacer", ctx.actor))?,
    };
    let op = Op::Undo { entry };
    let code = op.code();
    let done = ops::run(store, ctx, op).map_err(|e| e.to_string())?;
    if json {
        super::changed::Answer::new(done.seq, &code).with("deshace", entry).with("detalle", done.detail).print();
        return Ok(());
    }
    outln!(
        "Deshecho: {} (entrada {entry}); queda registrado como la entrada {}.",
        done.detail.unwrap_or_default(),
        done.seq.unwrap_or_default()
    );
    Ok(())
}
