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

mod backup;
mod commands;
mod commitment_rows;
mod documents;
mod followup;
mod indicators;
mod journal;
mod json;
mod lookup;
mod replica;
mod reports;
mod rounds;
mod session;
mod session_json;
mod spanish;

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
    },
    /// Importa archivos TOML (todo o nada; los errores indican archivo, línea y campo)
    Importar {
        /// Archivos a importar
        #[arg(required = true, value_name = "ARCHIVO")]
        archivos: Vec<PathBuf>,
    },
    /// Importa avances de acuerdos desde una hoja de cálculo CSV o XLSX (todo o nada; los errores indican archivo, fila y columna)
    ImportarAvances {
        /// Hoja con las columnas acuerdo, fecha y avance (y, si se quiere, porcentaje, institucion, tipo_evidencia, evidencia, motivo)
        #[arg(value_name = "ARCHIVO")]
        archivo: PathBuf,
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
    /// Lista los órganos con su tipo, siglas, órgano superior e integrantes
    Organos {
        /// Salida en JSON
        #[arg(long)]
        json: bool,
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
        #[arg(long, conflicts_with = "ics")]
        json: bool,
        /// Salida en formato iCalendar (.ics) para importar en aplicaciones de calendario
        #[arg(long)]
        ics: bool,
    },
    /// Lista las sesiones (todas o las de un órgano) en orden de calendario, con su número de identificación
    Sesiones {
        /// Solo las sesiones de este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
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
        #[arg(long)]
        json: bool,
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
        #[arg(long)]
        json: bool,
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
        #[arg(long)]
        json: bool,
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
    },
    /// Reemplaza la base en uso por un respaldo, después de confirmar; la base reemplazada queda al lado
    Restaurar {
        /// Archivo del respaldo
        #[arg(value_name = "ARCHIVO")]
        archivo: PathBuf,
        /// Confirmar sin preguntar (para guiones)
        #[arg(long)]
        si: bool,
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
    },
}

/// What `ronda` does.
#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Abre una ronda para un órgano con fecha de corte: una solicitud (oficio) por institución responsable
    Nueva {
        /// Siglas del órgano
        #[arg(long, value_name = "SIGLAS")]
        organo: String,
        /// Fecha de corte (por omisión, hoy)
        #[arg(long, value_name = "FECHA")]
        corte: Option<String>,
    },
    /// Lista las rondas con sus solicitudes enviadas, respondidas y sin respuesta
    Lista {
        /// Solo las de este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Muestra las solicitudes de una ronda y quién no ha respondido
    Ver {
        /// Número de la ronda
        #[arg(value_name = "RONDA")]
        id: i64,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Registra el envío de las solicitudes: la de una institución, o todas las no enviadas
    Enviada {
        /// Número de la ronda
        #[arg(value_name = "RONDA")]
        id: i64,
        /// Siglas de la institución (por omisión, todas las pendientes de envío)
        #[arg(long, value_name = "SIGLAS")]
        institucion: Option<String>,
        /// Fecha de envío (por omisión, hoy)
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
    },
    /// Registra la respuesta de una institución
    Respuesta {
        /// Número de la ronda
        #[arg(value_name = "RONDA")]
        id: i64,
        /// Siglas de la institución que respondió
        #[arg(long, value_name = "SIGLAS")]
        institucion: String,
        /// Fecha de la respuesta (por omisión, hoy)
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Referencia del oficio de respuesta
        #[arg(long, value_name = "REFERENCIA")]
        oficio: Option<String>,
    },
    /// Imprime los oficios de la ronda (todos, o el de una institución)
    Oficios {
        /// Número de la ronda
        #[arg(value_name = "RONDA")]
        id: i64,
        /// Solo el oficio a esta institución (siglas)
        #[arg(long, value_name = "SIGLAS")]
        institucion: Option<String>,
        #[command(flatten)]
        impresion: PrintArgs,
    },
}

/// How to print a document: format, paper and file.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// pdf, docx, html o md (por omisión, pdf)
    #[arg(long, value_name = "FORMATO", default_value = "pdf", hide_default_value = true)]
    pub formato: String,
    /// carta o a4 (por omisión, el de la configuración: carta)
    #[arg(long, value_name = "PAPEL")]
    pub papel: Option<String>,
    /// Archivo a escribir («-»: la salida estándar)
    #[arg(long, value_name = "ARCHIVO")]
    pub salida: PathBuf,
    /// Reemplazar el archivo si ya existe
    #[arg(long)]
    pub sobrescribir: bool,
}

impl PrintArgs {
    /// The paper asked for, else the configured one.
    pub fn paper(&self) -> Result<crate::export::document::Paper, String> {
        let text = self.papel.as_deref().unwrap_or(&crate::config::get().formato.papel);
        crate::export::document::Paper::parse(text).map_err(|e| format!("--papel: {e}"))
    }

    pub fn dest(&self) -> crate::output::Dest {
        crate::output::Dest::of(&self.salida)
    }

    /// Refuses, before anything is recorded, a destination that cannot be written.
    pub fn check(&self, store: &crate::store::Store) -> Result<(), String> {
        crate::output::check(&self.dest(), self.sobrescribir, &protected(store)).map_err(|e| e.to_string())
    }

    /// Writes the document; says where it went, unless it went to standard output.
    pub fn write(
        &self,
        store: &crate::store::Store,
        doc: &crate::export::document::Document,
        format: crate::export::print::Format,
        paper: crate::export::document::Paper,
        what: &str,
    ) -> Result<(), String> {
        let (dest, protected) = (self.dest(), protected(store));
        let target = crate::export::print::Target { dest: &dest, overwrite: self.sobrescribir, protected: &protected };
        crate::export::print::write(doc, format, paper, &target).map_err(|e| e.to_string())?;
        if let crate::output::Dest::File(path) = &dest {
            outln!("{what} en {}.", path.display());
        }
        Ok(())
    }
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
    let where_ = commands::Db { path: &db, chosen: cli.db.is_some() };
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

/// Filters shared by `acuerdos` and `actividades`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Solo los de este órgano (siglas)
    #[arg(long, value_name = "SIGLAS")]
    pub organo: Option<String>,
    /// Solo aquellos de los que esta institución es responsable (siglas o nombre completo)
    #[arg(long, value_name = "INSTITUCION")]
    pub institucion: Option<String>,
    /// pendiente, «en proceso», cumplido, reprogramado o «sin efecto»
    #[arg(long, value_name = "ESTADO")]
    pub estado: Option<String>,
    /// Solo los vencidos (abiertos y con el plazo pasado)
    #[arg(long)]
    pub vencidos: bool,
    /// Solo los que vencen a partir de esta fecha
    #[arg(long, value_name = "FECHA")]
    pub desde: Option<String>,
    /// Solo los que vencen hasta esta fecha
    #[arg(long, value_name = "FECHA")]
    pub hasta: Option<String>,
    /// Salida en JSON
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Salida en CSV (para hojas de cálculo)
    #[arg(long)]
    pub csv: bool,
}
