//! What each subcommand does. Errors come back as Spanish sentences for `main` to print.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::Command;
use super::json::{Directory, SessionJson};
use crate::demo;
use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::dates::{format_time, parse_date};
use crate::domain::session::{Session, title};
use crate::export::ics;
use crate::interchange;
use crate::ops::{self, Access, Context, ImportFile, Op};
use crate::output::Dest;
use crate::store::{Store, bodies, institutions, members, sessions};

type Result<T> = std::result::Result<T, String>;

/// The database a command works on, and whether the user named it (`--db` or
/// `SECRETARIA_DB`) or it is the default one in the user's data directory.
pub struct Db<'a> {
    pub path: &'a Path,
    pub chosen: bool,
}

/// Records the command in the bitácora as an access, and passes on any warning about the
/// file (readable by other accounts) on stderr.
fn record_access(store: &mut Store, ctx: &Context) -> Result<()> {
    if let Some(w) = store.warning() {
        eprintln!("aviso: {w}");
    }
    let command = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    ops::access(store, ctx, Access::Command { command }).map_err(|e| e.to_string())
}

/// Opens an existing database (read-only when it cannot be written); a missing one is an
/// error naming it: reading and writing commands never create a database.
fn open_as(db: &Path, ctx: &Context) -> Result<Store> {
    let mut store = Store::open_existing(db).map_err(|e| e.to_string())?;
    record_access(&mut store, ctx)?;
    Ok(store)
}

/// Opens the database, creating it if missing: only for commands that fill it.
fn create_as(db: &Path, ctx: &Context) -> Result<Store> {
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    record_access(&mut store, ctx)?;
    Ok(store)
}

/// The interface draws on a terminal: started from cron or `ssh` without `-t` it says so in
/// Spanish and exits with status 2, instead of failing in English.
fn require_terminal() -> std::result::Result<(), super::Failure> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(super::Failure {
        message: "la interfaz necesita una terminal (con «ssh», use «ssh -t»); para guiones y tareas programadas \
                  use las órdenes de la línea de comandos («secretaria --help»)"
            .into(),
        code: 2,
    })
}

pub fn run(
    command: Option<Command>,
    where_: &Db,
    ctx: &Context,
    filter: Option<String>,
) -> std::result::Result<(), super::Failure> {
    if matches!(command, None | Some(Command::Consola { .. } | Command::Sala { .. })) {
        require_terminal()?;
    }
    run_command(command, where_, ctx, filter).map_err(super::Failure::from)
}

fn run_command(command: Option<Command>, where_: &Db, ctx: &Context, filter: Option<String>) -> Result<()> {
    let db = where_.path;
    let Some(command) = command else {
        return crate::tui::run(db, ctx.clone(), None, !where_.chosen);
    };
    let open = |db: &Path| open_as(db, ctx);
    match command {
        Command::Demo { forzar } => {
            let mut store = create_as(db, ctx)?;
            match demo::load(&mut store, ctx, forzar)? {
                demo::Outcome::Loaded(s) => outln!("Datos de demostración cargados en {}: {s}.", db.display()),
                demo::Outcome::AlreadyThere => {
                    outln!("La base {} ya contiene los datos de demostración.", db.display())
                }
            }
            Ok(())
        }
        Command::Importar { archivos } => {
            let mut files = Vec::with_capacity(archivos.len());
            for path in &archivos {
                let content =
                    std::fs::read_to_string(path).map_err(|e| format!("no se pudo leer «{}»: {e}", path.display()))?;
                files.push(ImportFile::new(path.display().to_string(), content));
            }
            let mut store = create_as(db, ctx)?;
            let done = ops::run(&mut store, ctx, Op::Import { files }).map_err(|e| e.to_string())?;
            outln!("Importado: {}.", done.detail.unwrap_or_default());
            Ok(())
        }
        Command::ImportarAvances { archivo } => {
            let sheet = interchange::progress::read(&archivo).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&archivo).map_err(|e| format!("no se pudo leer «{}»: {e}", archivo.display()))?;
            let op = Op::ImportProgress {
                file: archivo.display().to_string(),
                sha256: crate::domain::minutes::sha256_bytes(&bytes),
                sheet,
            };
            let done = ops::run(&mut open(db)?, ctx, op).map_err(|e| e.to_string())?;
            outln!("{}", done.detail.unwrap_or_default());
            Ok(())
        }
        Command::Exportar { salida, sobrescribir } => {
            let store = open(db)?;
            let files = interchange::export(store.conn()).map_err(|e| e.to_string())?;
            std::fs::create_dir_all(&salida)
                .map_err(|e| format!("no se pudo crear el directorio «{}»: {e}", salida.display()))?;
            let protected = super::protected(&store);
            // Every file is checked before the first is written: all of them or none.
            let dests: Vec<Dest> = files.iter().map(|f| Dest::File(salida.join(&f.name))).collect();
            for d in &dests {
                crate::output::check(d, sobrescribir, &protected).map_err(|e| e.to_string())?;
            }
            for (f, d) in files.iter().zip(&dests) {
                crate::output::write(d, f.content.as_bytes(), sobrescribir, &protected).map_err(|e| e.to_string())?;
                outln!("{}", salida.join(&f.name).display());
            }
            Ok(())
        }
        Command::Organos { json } => {
            let store = open(db)?;
            organos(&store, json)
        }
        Command::Calendario { organo, desde, hasta, json, ics } => {
            let store = open(db)?;
            calendario(&store, organo.as_deref(), desde.as_deref(), hasta.as_deref(), json, ics)
        }
        // The calendar's rows and JSON, so scripts read one shape; no date filters because it
        // is where people look up a session's ID.
        Command::Sesiones { organo, json } => {
            let store = open(db)?;
            calendario(&store, organo.as_deref(), None, None, json, false)
        }
        Command::Sesion { id, json } => {
            let store = open(db)?;
            super::session::show(&store, id, json)
        }
        Command::Consola { id } => crate::tui::run(db, ctx.clone(), Some(id), false),
        Command::Acta { id, impresion } => super::documents::acta_cmd(&mut open(db)?, ctx, id, &impresion),
        Command::Actas { json } => super::documents::actas_cmd(&open(db)?, json),
        Command::Indicadores { organo, dependientes, institucion, desde, hasta, json } => {
            let args = super::indicators::Args {
                organo: organo.as_deref(),
                dependientes,
                institucion: institucion.as_deref(),
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
            };
            super::indicators::indicadores(&open(db)?, &args, json, chrono::Local::now().date_naive())
        }
        Command::Acuerdos { filtros } => super::followup::list(
            &open(db)?,
            crate::domain::followup::Source::Agreement,
            &filtros,
            chrono::Local::now().date_naive(),
        ),
        Command::Actividades { filtros } => super::followup::list(
            &open(db)?,
            crate::domain::followup::Source::Activity,
            &filtros,
            chrono::Local::now().date_naive(),
        ),
        Command::Ronda { accion } => super::rounds::run(&mut open(db)?, ctx, accion, chrono::Local::now()),
        Command::Avance { numero, texto, porcentaje, evidencia, tipo, archivo, fecha, institucion, motivo } => {
            let args = super::followup::ProgressArgs {
                numero: &numero,
                texto: &texto,
                porcentaje,
                evidencia: evidencia.as_deref(),
                tipo: &tipo,
                archivo: archivo.as_deref(),
                fecha: fecha.as_deref(),
                institucion: institucion.as_deref(),
                motivo: motivo.as_deref(),
            };
            super::followup::avance(&mut open(db)?, ctx, &args, chrono::Local::now().date_naive())
        }
        Command::Convocatoria { id, impresion, ics, emitir, forzar } => {
            super::documents::convocatoria_cmd(&mut open(db)?, ctx, id, &impresion, ics.as_deref(), emitir, forzar)
        }
        Command::Informe { tipo, organo, dependientes, desde, hasta, impresion } => {
            let args = super::reports::Args {
                tipo: &tipo,
                organo: &organo,
                dependientes,
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
                print: &impresion,
            };
            super::reports::informe(&open(db)?, &args, chrono::Local::now().date_naive())
        }
        Command::Sala { id } => crate::tui::projector::run(db, ctx, id),
        Command::Bitacora { desde, hasta, organo, cambios, json } => {
            let args = super::journal::Args {
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
                organo: organo.as_deref(),
                usuario: filter.as_deref(),
                cambios,
            };
            super::journal::bitacora(&open(db)?, &args, json)
        }
        Command::Verificar { json } => super::journal::verificar(&open(db)?, json),
        Command::Deshacer { entrada } => super::journal::deshacer(&mut open(db)?, ctx, entrada),
        Command::Config => {
            let file = crate::config::path();
            match crate::config::Config::load_from(&file) {
                (_, Some(problem)) => outln!("Archivo de configuración: {} (con errores: {problem})", file.display()),
                _ if file.exists() => outln!("Archivo de configuración: {}", file.display()),
                _ => {
                    outln!("Archivo de configuración: {} (no existe; se usan los valores por omisión)", file.display())
                }
            }
            outln!("\n{}", crate::config::DEFAULTS);
            Ok(())
        }
        Command::Respaldo { archivo, sobrescribir } => {
            super::backup::respaldo(&mut open(db)?, ctx, &archivo, sobrescribir)
        }
        Command::Restaurar { archivo, si } => super::backup::restaurar(db, ctx, &archivo, si),
        Command::Replica { accion } => super::replica::run(db, ctx, accion),
    }
}

fn organos(store: &Store, json: bool) -> Result<()> {
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
    let depth = |b: &Body| {
        let mut d = 0;
        let mut p = b.parent;
        while let Some(id) = p {
            d += 1;
            p = all.iter().find(|x| x.id == id).and_then(|x| x.parent);
        }
        d
    };
    let mut out = format!("{:<14} {:<17} {:<10} {:>11}  {}\n", "SIGLAS", "TIPO", "DEPENDE DE", "INTEGRANTES", "NOMBRE");
    for b in &all {
        let count = memberships.iter().filter(|m| m.body == b.id).count();
        let siglas = format!("{}{}", "  ".repeat(depth(b)), b.acronym);
        let parent = b.parent.and_then(|p| dir.acronym(p)).unwrap_or("—");
        let _ = writeln!(out, "{siglas:<14} {:<17} {parent:<10} {count:>11}  {}", b.kind.label(), b.name);
    }
    out!("{out}");
    Ok(())
}

fn calendario(
    store: &Store,
    organo: Option<&str>,
    desde: Option<&str>,
    hasta: Option<&str>,
    json: bool,
    ics_out: bool,
) -> Result<()> {
    let conn = store.conn();
    let all = bodies::list(conn).map_err(|e| e.to_string())?;
    let body = match organo {
        Some(siglas) => Some(
            all.iter()
                .find(|b| b.acronym.eq_ignore_ascii_case(siglas.trim()))
                .ok_or_else(|| format!("no hay ningún órgano con siglas «{siglas}»; véalos con «secretaria organos»"))?
                .id,
        ),
        None => None,
    };
    let date = |flag: &str, v: Option<&str>| v.map(|t| parse_date(t).map_err(|e| format!("--{flag}: {e}"))).transpose();
    let filter = sessions::Filter { body, from: date("desde", desde)?, to: date("hasta", hasta)?, undated: false };
    if let (Some(f), Some(t)) = (filter.from, filter.to)
        && f > t
    {
        return Err(format!("--desde ({f}) es posterior a --hasta ({t})"));
    }
    let list = sessions::list(conn, &filter).map_err(|e| e.to_string())?;
    let by_id: HashMap<i64, &Body> = all.iter().map(|b| (b.id, b)).collect();
    if ics_out {
        let stamp = chrono::Utc::now().naive_utc();
        // iCalendar's lines end in CRLF: written as they are, not through `out!`.
        let calendar = ics::calendar(&list, &all, stamp);
        crate::output::write(&crate::output::Dest::Stdout, calendar.as_bytes(), false, &Default::default())
            .map_err(|e| e.to_string())?;
        return Ok(());
    }
    let rows: Vec<(&Session, &Body)> = list.iter().filter_map(|s| by_id.get(&s.body).map(|b| (s, *b))).collect();
    if json {
        let out: Vec<SessionJson> = rows.iter().map(|(s, b)| SessionJson::new(s, b)).collect();
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let mut out =
        format!("{:>5}  {:<24} {:<5}  {:<12} {:<42} {}\n", "ID", "FECHA", "HORA", "ÓRGANO", "SESIÓN", "ESTADO");
    for (s, b) in rows {
        let when = match s.schedule.date() {
            Some(d) => crate::domain::dates::medium_date(d),
            None => s.schedule.describe(),
        };
        let time = s.schedule.time().map(format_time).unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>5}  {when:<24} {time:<5}  {:<12} {:<42} {}",
            s.id,
            b.acronym,
            title(s.number, s.kind, b.meeting_word),
            s.status.label()
        );
    }
    out!("{out}");
    Ok(())
}
