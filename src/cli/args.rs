//! Argument groups shared by several subcommands (printing, listing filters, spreadsheets)
//! and the `ronda` actions. The subcommands themselves are in `mod.rs`.

use std::path::PathBuf;

use clap::Subcommand;

use crate::config::CsvSeparator;

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
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
    },
    /// Lista las rondas con sus solicitudes enviadas, respondidas y sin respuesta
    Lista {
        /// Solo las de este órgano (siglas)
        #[arg(long, value_name = "SIGLAS")]
        organo: Option<String>,
        /// Salida en JSON
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[command(flatten)]
        hoja: CsvArgs,
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
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
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
        /// Responde en JSON con lo que cambió
        #[arg(long)]
        json: bool,
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
        crate::output::check(&self.dest(), self.sobrescribir, &super::protected(store)).map_err(|e| e.to_string())
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
        self.write_document(store, doc, (format, paper), Some(what))
    }

    /// Writes the document; `what`: the sentence saying where it went (none: say nothing,
    /// the answer is JSON).
    pub fn write_document(
        &self,
        store: &crate::store::Store,
        doc: &crate::export::document::Document,
        (format, paper): (crate::export::print::Format, crate::export::document::Paper),
        what: Option<&str>,
    ) -> Result<(), String> {
        let (dest, protected) = (self.dest(), super::protected(store));
        let target = crate::export::print::Target { dest: &dest, overwrite: self.sobrescribir, protected: &protected };
        crate::export::print::write(doc, format, paper, &target).map_err(|e| e.to_string())?;
        if let (crate::output::Dest::File(path), Some(what)) = (&dest, what) {
            outln!("{what} en {}.", path.display());
        }
        Ok(())
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
    #[command(flatten)]
    pub hoja: CsvArgs,
    #[command(flatten)]
    pub excel: XlsxArgs,
}

/// `--csv` and its separator, for every listing.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CsvArgs {
    /// Salida en CSV para hojas de cálculo (UTF-8 con BOM, líneas CRLF)
    #[arg(long)]
    pub csv: bool,
    /// Separador del CSV: «;», «,» o «tab» (por omisión, el de la configuración: «;»)
    #[arg(long, value_name = "SEP", requires = "csv")]
    pub separador: Option<String>,
}

impl CsvArgs {
    /// The separator asked for, else the configured one; `None` without `--csv`.
    pub fn separator(&self) -> Result<Option<CsvSeparator>, String> {
        if !self.csv {
            return Ok(None);
        }
        match &self.separador {
            Some(text) => CsvSeparator::parse(text).map(Some).map_err(|e| format!("--separador: {e}")),
            None => Ok(Some(crate::config::get().formato.separador_csv)),
        }
    }
}

/// `--xlsx ARCHIVO`: an Excel workbook written through `crate::output`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct XlsxArgs {
    /// Escribe la lista en una hoja de Excel (.xlsx) en este archivo
    #[arg(long, value_name = "ARCHIVO", conflicts_with_all = ["json", "csv"])]
    pub xlsx: Option<PathBuf>,
    /// Reemplazar el archivo .xlsx si ya existe
    #[arg(long, requires = "xlsx")]
    pub sobrescribir: bool,
}
