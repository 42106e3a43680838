//! The shape of a data file (see docs/formato-datos.md). Values the domain must check are
//! kept with their position so errors can name the line.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDoc {
    #[serde(default)]
    pub instituciones: Vec<InstitutionDoc>,
    #[serde(default)]
    pub organos: Vec<BodyDoc>,
    #[serde(default)]
    pub sesiones: Vec<SessionDoc>,
    #[serde(default)]
    pub programas: Vec<PlanDoc>,
}

/// An annual work plan (programa anual de trabajo, POA) of a body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDoc {
    pub organo: Text,
    pub anio: Spanned<i32>,
    pub titulo: Text,
    #[serde(default)]
    pub actividades: Vec<ActivityDoc>,
}

/// One row of the plan, in the columns of the POA monitoring matrix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityDoc {
    pub objetivo: Text,
    pub estrategia: Option<Text>,
    pub actividad: Text,
    pub meta: Option<Text>,
    pub indicador: Option<Text>,
    pub responsables: Spanned<Vec<Text>>,
    pub responsables_texto: Option<Text>,
    pub periodo: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionDoc {
    pub siglas: Text,
    pub nombre: Text,
    pub tipo: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyDoc {
    pub siglas: Text,
    pub nombre: Text,
    pub tipo: Text,
    pub padre: Option<Text>,
    pub coordina: Option<Text>,
    pub denominacion: Option<Text>,
    pub zona_horaria: Option<Text>,
    pub lugar: Option<Text>,
    pub quorum: Option<Text>,
    pub quorum_segunda: Option<Text>,
    pub espera_segunda_min: Option<Spanned<u32>>,
    pub mayoria: Option<Text>,
    pub voto_de_calidad: Option<bool>,
    pub minimo_ordinarias: Option<Text>,
    pub aviso_ordinaria_dias: Option<Spanned<u32>>,
    pub aviso_extraordinaria_dias: Option<Spanned<u32>>,
    /// The body's own standing agenda items, between the standard opening and closing ones.
    #[serde(default)]
    pub puntos_propios: Vec<String>,
    pub patron_acuerdos: Option<Text>,
    #[serde(default)]
    pub integrantes: Vec<MemberDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDoc {
    pub institucion: Text,
    pub derechos: Option<Text>,
    pub cargo: Option<Text>,
    pub peso: Option<Spanned<u32>>,
    pub titular: Option<RepresentativeDoc>,
    pub suplente: Option<RepresentativeDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeDoc {
    pub nombre: Text,
    pub puesto: Option<Text>,
    pub correo: Option<Text>,
    pub telefono: Option<Text>,
    pub designacion: Option<Text>,
    pub oficio: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDoc {
    pub organo: Text,
    pub tipo: Text,
    pub numero: Spanned<u32>,
    pub anio: Spanned<i32>,
    pub cuando: Text,
    pub previsto: Option<Text>,
    pub hora: Option<Text>,
    pub lugar: Option<Text>,
    pub modalidad: Option<Text>,
    pub enlace: Option<Text>,
    pub estado: Option<Text>,
}

/// The text of an optional field, empty when absent.
pub fn text(field: &Option<Text>) -> &str {
    field.as_ref().map_or("", |t| t.get_ref().as_str())
}
