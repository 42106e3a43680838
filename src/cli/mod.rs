//! Command line: Spanish subcommands over the store, and the TUI when none is given.

/// Like `println!`, but a closed stdout (`secretaria actas | head`) ends the output quietly
/// instead of panicking, and control characters in the data are shown, never sent to the
/// terminal.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stdout().lock(), "{}", $crate::domain::text::printable(&text));
    }};
}

/// Like `print!`, with the same tolerances.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = write!(std::io::stdout().lock(), "{}", $crate::domain::text::printable(&text));
    }};
}

mod args;
mod backup;
mod changed;
mod commands;
mod commitment_rows;
mod documents;
mod followup;
mod indicators;
mod journal;
mod json;
mod listings;
mod lookup;
mod manual;
mod replica;
mod reports;
mod rounds;
mod session;
mod session_json;
mod sheet;
mod spanish;
mod table;
mod xlsx;

pub use args::{CsvArgs, ListArgs, PrintArgs, RoundCommand, XlsxArgs};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "secretaria",
    version,
    about = "Secretaría técnica de órganos colegiados: órganos, integrantes y calendario de sesiones.\nSin orden abre la interfaz de terminal."
)]
pub struct Cli {
    /// Archivo de la base de datos (o la variable SECRETARIA_DB; por omisión, en el directorio de datos del usuario)
    #[arg(long, global = true, env = "SECRETARIA_DB", hide_env = true, value_name = "RUTA")]
    pub db: Option<PathBuf>,

    /// Quién hace los cambios, para la bitácora (o la variable SECRETARIA_USUARIO; por omisión, el usuario del sistema)
    #[arg(long, global = true, env = "SECRETARIA_USUARIO", hide_env = true, value_name = "NOMBRE")]
    pub usuario: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Carga los datos de demostración (órganos reales, personas ficticias)
    Demo {
        /// Cargarlos aunque la base ya tenga datos propios
        #[arg(long)]
        forzar: bool,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Importa archivos TOML (todo o nada; los errores indican archivo, línea y campo)
    Importar {
        /// Archivos a importar
        #[arg(required = true, value_name = "ARCHIVO")]
        archivos: Vec<PathBuf>,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Importa avances de acuerdos desde una hoja de cálculo CSV o XLSX (todo o nada; los errores indican archivo, fila y columna)
    ImportarAvances {
        /// Hoja con las columnas acuerdo, fecha y avance (y, si se quiere, porcentaje, institucion, tipo_evidencia, evidencia, motivo)
        #[arg(value_name = "ARCHIVO")]
        archivo: PathBuf,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Exporta la base a archivos TOML, uno por órgano principal
    Exportar {
        /// Directorio donde escribir los archivos (por omisión, el actual)
        #[arg(long, value_name = "DIR", default_value = ".", hide_default_value = true)]
        salida: PathBuf,
        /// Reemplazar los archivos que ya existan
        #[arg(long)]
        sobrescribir: bool,
    },
    /// Lista los órganos con su tipo, siglas, órgano superior e integrantes (--csv y --xlsx: el directorio de integrantes y contactos)
    Organos {
        /// Salida en JSON
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
        #[command(flatten)]
        excel: XlsxArgs,
    },
    /// Lista el calendario de sesiones
    Calendario {
        /// Solo las sesiones de este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Desde esta fecha (AAAA-MM-DD o «21 de febrero de 2024»)
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Hasta esta fecha
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        /// Salida en JSON
        #[arg(long, conflicts_with_all = ["ics", "csv"])]
        json: bool,
        /// Salida en formato iCalendar (.ics) para importar en aplicaciones de calendario
        #[arg(long, conflicts_with = "csv")]
        ics: bool,
        #[command(flatten)]
        hoja: CsvArgs,
    },
    /// Lista las sesiones (todas o las de un órgano) en orden de calendario, con su número de identificación
    Sesiones {
        /// Solo las sesiones de este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Salida en JSON
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
    },
    /// Muestra el estado completo de una sesión: asistencia, quórum, orden del día, votaciones y acuerdos
    Sesion {
        /// Número de identificación de la sesión (columna ID de «secretaria sesiones»)
        #[arg(value_name = "SESION_ID")]
        id: i64,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Abre la interfaz directamente en la consola de una sesión (la abre si está convocada)
    Consola {
        /// Número de identificación de la sesión (columna ID de «secretaria sesiones»)
        #[arg(value_name = "SESION_ID")]
        id: i64,
    },
    /// Abre una sesión convocada, con la hora del órgano; si hoy no es el día previsto, solo con --otro-dia
    Abrir {
        /// Número de identificación de la sesión (columna ID de «secretaria sesiones»)
        #[arg(value_name = "SESION_ID")]
        id: i64,
        /// Confirmar que se celebra hoy aunque estaba prevista para otro día (queda la fecha de hoy y la prevista)
        #[arg(long)]
        otro_dia: bool,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Imprime el acta de una sesión en PDF, DOCX, HTML o Markdown (borrador hasta que se aprueba)
    Acta {
        /// Número de identificación de la sesión
        #[arg(value_name = "SESION_ID")]
        id: i64,
        #[command(flatten)]
        impresion: PrintArgs,
    },
    /// Lista las actas de las sesiones clausuradas con su estado de aprobación
    Actas {
        /// Salida en JSON
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
    },
    /// Imprime la convocatoria de una sesión; con --emitir la registra y la sesión queda convocada
    Convocatoria {
        /// Número de identificación de la sesión
        #[arg(value_name = "SESION_ID")]
        id: i64,
        #[command(flatten)]
        impresion: PrintArgs,
        /// Escribe también la invitación de calendario (.ics)
        #[arg(long, value_name = "ARCHIVO")]
        ics: Option<PathBuf>,
        /// Registra hoy la emisión y pasa la sesión a «convocada»
        #[arg(long)]
        emitir: bool,
        /// Emitirla aunque no se cumpla la anticipación mínima del reglamento
        #[arg(long, requires = "emitir")]
        forzar: bool,
        /// Con --emitir, responde en JSON con lo que cambió
        #[arg(long, requires = "emitir")]
        json: bool,
    },
    /// Lista los acuerdos con su estado, avance y semáforo, para darles seguimiento
    Acuerdos {
        #[command(flatten)]
        filtros: ListArgs,
    },
    /// Lista las actividades de los programas de trabajo con su periodo, meta, avance y semáforo
    Actividades {
        #[command(flatten)]
        filtros: ListArgs,
    },
    /// Rondas de seguimiento: piden a cada institución responsable el avance de sus compromisos abiertos
    Ronda {
        #[command(subcommand)]
        accion: RoundCommand,
    },
    /// Registra un avance de un acuerdo o una actividad (al 100 % con evidencia, queda cumplido)
    Avance {
        /// Número del acuerdo o de la actividad, p. ej. CITDP/SO-21/2024/03 o CITDP/PAT-2024/05
        #[arg(value_name = "NUMERO")]
        numero: String,
        /// Qué se hizo
        #[arg(long, value_name = "TEXTO")]
        texto: String,
        /// Porcentaje de avance, de 0 a 100
        #[arg(long, value_name = "P")]
        porcentaje: Option<u32>,
        /// Medio de verificación: referencia, p. ej. «Oficio SEGOB/UPMRIP/123/2024»
        #[arg(long, value_name = "REF")]
        evidencia: Option<String>,
        /// Tipo de evidencia: oficio, minuta, informe, fotografía o enlace (por omisión, oficio)
        #[arg(long, value_name = "TIPO", default_value = "oficio", hide_default_value = true)]
        tipo: String,
        /// Archivo de la evidencia; se guarda su huella SHA-256
        #[arg(long, value_name = "ARCHIVO")]
        archivo: Option<PathBuf>,
        /// Fecha del avance (por omisión, hoy)
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Institución que lo informa (siglas)
        #[arg(long, value_name = "SIGLAS")]
        institucion: Option<String>,
        /// Motivo, si el porcentaje baja
        #[arg(long, value_name = "MOTIVO")]
        motivo: Option<String>,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Indicadores: sesiones realizadas contra el mínimo, asistencia por institución y cumplimiento de compromisos
    Indicadores {
        /// Solo este órgano (siglas); por omisión, todos
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Incluir los órganos que dependen de él
        #[arg(long, requires = "organo")]
        dependientes: bool,
        /// Solo esta institución (siglas o nombre): su asistencia, sus compromisos y la lista de los que tiene abiertos, del más antiguo al más reciente
        #[arg(long, value_name = "SIGLAS")]
        institucion: Option<String>,
        /// Desde esta fecha (por omisión, el 1 de enero del año en curso)
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Hasta esta fecha (por omisión, el 31 de diciembre del año en curso)
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        /// Salida en JSON
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
        #[command(flatten)]
        excel: XlsxArgs,
    },
    /// Imprime un informe del órgano: «seguimiento» (matriz de monitoreo del Plan Operativo Anual) o «gestion» (informe de gestión de la Presidencia y la Secretaría Técnica)
    Informe {
        /// seguimiento o gestion
        #[arg(value_name = "TIPO")]
        tipo: String,
        /// Siglas del órgano
        #[arg(long, value_name = "SIGLAS")]
        organo: String,
        /// Incluir los órganos que dependen de él
        #[arg(long)]
        dependientes: bool,
        /// Desde esta fecha (por omisión, el 1 de enero del año en curso)
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Hasta esta fecha (por omisión, el 31 de diciembre del año en curso)
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        #[command(flatten)]
        impresion: PrintArgs,
    },
    /// Vista de sala para el proyector: sesión, punto en curso, quórum y última votación, en grande y de solo lectura
    Sala {
        /// Número de identificación de la sesión
        #[arg(value_name = "SESION_ID")]
        id: i64,
    },
    /// Bitácora de accesos y modificaciones: quién cambió qué y cuándo, con los valores anteriores y nuevos (--usuario: solo lo que hizo esa persona)
    Bitacora {
        /// Desde esta fecha
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Hasta esta fecha
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        /// Solo lo que toca a este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Sin los accesos (solo cambios)
        #[arg(long)]
        cambios: bool,
        /// Salida en JSON, con los cambios de cada entrada
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
    },
    /// Comprueba la base: integridad, la cadena de la bitácora, cada acta aprobada contra su SHA-256 y el libro de actas de cada órgano
    Verificar {
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Copia la base en uso a un archivo (aunque otras personas la estén usando), la comprueba y dice qué contiene
    Respaldo {
        /// Archivo del respaldo
        #[arg(value_name = "ARCHIVO")]
        archivo: PathBuf,
        /// Reemplazar el archivo si ya existe
        #[arg(long)]
        sobrescribir: bool,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Reemplaza la base en uso por un respaldo, después de confirmar; la base reemplazada queda al lado
    Restaurar {
        /// Archivo del respaldo
        #[arg(value_name = "ARCHIVO")]
        archivo: PathBuf,
        /// Confirmar sin preguntar (para guiones)
        #[arg(long)]
        si: bool,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Muestra dónde está el archivo de configuración, si tiene errores, y todos sus valores por omisión
    Config,
    /// Réplica continua con Litestream: cuánto va atrasada y cómo recuperar la base desde ella (docs/despliegue.md)
    Replica {
        #[command(subcommand)]
        accion: replica::ReplicaCommand,
    },
    /// Deshace su último cambio (o el de la entrada indicada), si nada se ha construido sobre él
    Deshacer {
        /// Número de la entrada de la bitácora (por omisión, su último cambio)
        #[arg(value_name = "ENTRADA")]
        entrada: Option<i64>,
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Imprime el guion de autocompletado de la línea de órdenes: bash, zsh o fish
    Completions {
        /// bash, zsh o fish
        #[arg(value_name = "INTERPRETE", value_parser = ["bash", "zsh", "fish"], hide_possible_values = true)]
        shell: String,
    },
    /// Imprime la página de manual (man) de todas las órdenes, p. ej. «secretaria manual | man -l -»
    Manual,
    /// Muestra la ayuda general o la de una orden, p. ej. «secretaria help calendario»
    Help {
        /// La orden (y la acción, para «ronda»)
        #[arg(value_name = "ORDEN")]
        orden: Vec<String>,
    },
}

/// The database in use and its companion files, which no output may overwrite.
pub fn protected(store: &crate::store::Store) -> crate::output::Protected {
    store.path().map(crate::output::Protected::database).unwrap_or_default()
}

/// Where the database lives when neither `--db` nor `SECRETARIA_DB` says.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("secretaria").join("secretaria.db")
}

pub fn main() -> ExitCode {
    let matches = match spanish::command(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => return spanish::report(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return spanish::report(e),
    };
    let db = cli.db.clone().unwrap_or_else(default_db_path);
    let (config, problem) = crate::config::Config::load();
    if let Some(p) = problem {
        eprintln!("aviso: configuración {p}; se usan los valores por omisión");
    }
    // In «bitacora», --usuario names whose entries to list, not who is reading.
    let listing = matches!(cli.command, Some(Command::Bitacora { .. }));
    let person = config.person().map(String::from);
    crate::config::set(config);
    let usuario = if listing { None } else { cli.usuario.as_deref().or(person.as_deref()) };
    let ctx = crate::ops::Context::new(usuario);
    let filter = if listing { cli.usuario.clone() } else { None };
    let where_ = commands::Db { path: &db };
    match commands::run(cli.command, &where_, &ctx, filter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// Why a command failed, and the exit status to say it with (2: it cannot run here at all,
/// such as the interface without a terminal; 1: anything else).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure { message, code: 1 }
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure { message: message.into(), code: 1 }
    }
}
