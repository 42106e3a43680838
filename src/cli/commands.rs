//! What each subcommand does. Errors come back as Spanish sentences for `main` to print.

use std::path::Path;

use super::Command;
use super::changed::Answer;
use super::listings;
use crate::demo;
use crate::interchange;
use crate::ops::{self, Access, Context, ImportFile, Op};
use crate::output::Dest;
use crate::store::Store;

type Result<T> = std::result::Result<T, String>;

/// The database a command works on (`--db`, `SECRETARIA_DB`, or the default one in the
/// user's data directory).
pub struct Db<'a> {
    pub path: &'a Path,
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
    // What only prints about the program itself: no database involved.
    match command {
        Some(Command::Completions { shell }) => return super::manual::completions(&shell).map_err(Into::into),
        Some(Command::Manual) => return super::manual::manual().map_err(Into::into),
        Some(Command::Help { orden }) => {
            return super::manual::help(&orden).map_err(|message| super::Failure { message, code: 2 });
        }
        _ => {}
    }
    run_command(command, where_, ctx, filter).map_err(super::Failure::from)
}

fn run_command(command: Option<Command>, where_: &Db, ctx: &Context, filter: Option<String>) -> Result<()> {
    let db = where_.path;
    let Some(command) = command else {
        return crate::tui::run(db, ctx.clone(), None, true);
    };
    let open = |db: &Path| open_as(db, ctx);
    match command {
        Command::Demo { forzar, json } => {
            let mut store = create_as(db, ctx)?;
            let outcome = demo::load(&mut store, ctx, forzar)?;
            if json {
                return demo_json(&store, db, &outcome);
            }
            match outcome {
                demo::Outcome::Loaded(s) => outln!("Datos de demostración cargados en {}: {s}.", db.display()),
                demo::Outcome::AlreadyThere => {
                    outln!("La base {} ya contiene los datos de demostración.", db.display())
                }
            }
            Ok(())
        }
        Command::Importar { archivos, json } => {
            let mut files = Vec::with_capacity(archivos.len());
            for path in &archivos {
                let bytes = std::fs::read(path).map_err(|e| format!("no se pudo leer «{}»: {e}", path.display()))?;
                let name = path.display().to_string();
                let content = interchange::utf8(&name, bytes).map_err(|e| e.to_string())?;
                files.push(ImportFile::new(name, content));
            }
            let mut store = create_as(db, ctx)?;
            let done = ops::run(&mut store, ctx, Op::Import { files }).map_err(|e| e.to_string())?;
            if json {
                let names: Vec<String> = archivos.iter().map(|p| p.display().to_string()).collect();
                Answer::new(done.seq, "import").with("archivos", names).with("resumen", done.detail).print();
                return Ok(());
            }
            outln!("Importado: {}.", done.detail.unwrap_or_default());
            Ok(())
        }
        Command::ImportarAvances { archivo, json } => {
            let mut sheet = interchange::progress::read(&archivo).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&archivo).map_err(|e| format!("no se pudo leer «{}»: {e}", archivo.display()))?;
            // A bar on the terminal for imports long enough to wait for (a few thousand rows
            // take a second); never when stderr is a file or a pipe.
            let bar = (sheet.rows() >= 2_000 && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(|| {
                let style =
                    indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} filas · quedan {eta}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                        .progress_chars("=> ");
                let bar = indicatif::ProgressBar::new(sheet.rows() as u64).with_style(style);
                bar.set_message("Importando avances");
                bar
            });
            if let Some(bar) = &bar {
                let bar = bar.clone();
                sheet = sheet.with_reporter(std::sync::Arc::new(move |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                    if done == total {
                        bar.set_message("Guardando en la bitácora");
                    }
                }));
            }
            let op = Op::ImportProgress {
                file: archivo.display().to_string(),
                sha256: crate::domain::minutes::sha256_bytes(&bytes),
                sheet,
            };
            let done = ops::run(&mut open(db)?, ctx, op);
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            let done = done.map_err(|e| e.to_string())?;
            if json {
                let file = archivo.display().to_string();
                Answer::new(done.seq, "import_progress").with("archivo", file).with("resumen", done.detail).print();
                return Ok(());
            }
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
        Command::Organos { json, hoja, excel } => listings::organos(&open(db)?, json, &hoja, &excel),
        Command::Calendario { organo, desde, hasta, json, ics, hoja } => {
            let args = listings::CalendarArgs {
                organo: organo.as_deref(),
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
                json,
                ics,
                hoja: &hoja,
            };
            listings::calendario(&open(db)?, &args)
        }
        // The calendar's rows and JSON, so scripts read one shape; no date filters because it
        // is where people look up a session's ID.
        Command::Sesiones { organo, json, hoja } => {
            let args = listings::CalendarArgs {
                organo: organo.as_deref(),
                desde: None,
                hasta: None,
                json,
                ics: false,
                hoja: &hoja,
            };
            listings::calendario(&open(db)?, &args)
        }
        Command::Sesion { id, json } => {
            let store = open(db)?;
            super::session::show(&store, id, json)
        }
        Command::Consola { id } => crate::tui::run(db, ctx.clone(), Some(id), false),
        Command::Abrir { id, otro_dia, json } => super::session::open(&mut open(db)?, ctx, id, otro_dia, json),
        Command::Acta { id, impresion } => super::documents::acta_cmd(&mut open(db)?, ctx, id, &impresion),
        Command::Actas { json, hoja } => super::documents::actas_cmd(&open(db)?, json, &hoja),
        Command::Indicadores { organo, dependientes, institucion, desde, hasta, json, hoja, excel } => {
            let args = super::indicators::Args {
                organo: organo.as_deref(),
                dependientes,
                institucion: institucion.as_deref(),
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
            };
            let format = super::indicators::Output { json, hoja: &hoja, excel: &excel };
            super::indicators::indicadores(&open(db)?, &args, &format, chrono::Local::now().date_naive())
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
        Command::Avance { numero, texto, porcentaje, evidencia, tipo, archivo, fecha, institucion, motivo, json } => {
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
                json,
            };
            super::followup::avance(&mut open(db)?, ctx, &args, chrono::Local::now().date_naive())
        }
        Command::Convocatoria { id, impresion, ics, emitir, forzar, json } => {
            let issue = super::documents::Issue { emitir, forzar, json };
            super::documents::convocatoria_cmd(&mut open(db)?, ctx, id, &impresion, ics.as_deref(), issue)
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
        Command::Bitacora { desde, hasta, organo, cambios, json, hoja } => {
            let args = super::journal::Args {
                desde: desde.as_deref(),
                hasta: hasta.as_deref(),
                organo: organo.as_deref(),
                usuario: filter.as_deref(),
                cambios,
            };
            super::journal::bitacora(&open(db)?, &args, json, &hoja)
        }
        Command::Verificar { json } => super::journal::verificar(&open(db)?, json),
        Command::Deshacer { entrada, json } => super::journal::deshacer(&mut open(db)?, ctx, entrada, json),
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
        Command::Respaldo { archivo, sobrescribir, json } => {
            super::backup::respaldo(&mut open(db)?, ctx, &archivo, sobrescribir, json)
        }
        Command::Restaurar { archivo, si, json } => super::backup::restaurar(db, ctx, &archivo, si, json),
        Command::Replica { accion } => super::replica::run(db, ctx, accion),
        // Answered in `run`, before any database is opened.
        Command::Completions { .. } | Command::Manual | Command::Help { .. } => Ok(()),
    }
}

/// `demo --json`: the entry that marks the demo, and what was imported.
fn demo_json(store: &Store, db: &Path, outcome: &demo::Outcome) -> Result<()> {
    let base = db.display().to_string();
    match outcome {
        demo::Outcome::Loaded(summary) => {
            let filter = ops::journal::Filter { changes_only: true, limit: Some(1), ..Default::default() };
            let last = ops::journal::list(store.conn(), &filter).map_err(|e| e.to_string())?;
            let entry = last.first().filter(|e| e.op == "load_demo").map(|e| e.seq);
            Answer::new(entry, "load_demo").with("base", base).with("resumen", summary.as_str()).print();
        }
        demo::Outcome::AlreadyThere => {
            Answer::new(None, "load_demo").with("base", base).with("ya_estaba", true).print();
        }
    }
    Ok(())
}
