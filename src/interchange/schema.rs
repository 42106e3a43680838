//! The shape of a data file (see docs/formato-datos.md). Values the domain must check are
//! kept with their position so errors can name the line. The record of each session (its
//! agenda, roll, votes, agreements, acta…) is in `schema/record.rs`.

mod record;

use serde::Deserialize;
use toml::Spanned;

pub use record::*;

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
    #[serde(default)]
    pub rondas: Vec<RoundDoc>,
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

/// One row of the plan, in the columns of the POA monitoring matrix, and its follow-up.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityDoc {
    /// As cited ("CITDP/PAT-2024/05"); by default the next in the plan.
    pub numero: Option<Text>,
    pub objetivo: Text,
    pub estrategia: Option<Text>,
    pub actividad: Text,
    pub meta: Option<Text>,
    pub indicador: Option<Text>,
    pub responsables: Spanned<Vec<Text>>,
    pub responsables_texto: Option<Text>,
    pub periodo: Text,
    /// The deadline when a reprogramming moved it from the end of the period.
    pub plazo: Option<Text>,
    pub estado: Option<Text>,
    pub avance: Option<Spanned<u32>>,
    pub cumplido_el: Option<Text>,
    #[serde(default)]
    pub avances: Vec<ProgressDoc>,
    #[serde(default)]
    pub cambios: Vec<ChangeDoc>,
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
    pub id: Option<Spanned<i64>>,
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
    /// What an absolute or two-thirds majority counts against (by default, those present).
    pub base_mayoria: Option<Text>,
    pub voto_de_calidad: Option<bool>,
    /// A vote against must give its reasons (voto razonado o salvado).
    pub voto_razonado: Option<bool>,
    /// Agreements may be declared firme (Costa Rica, LGAP arts. 56-57).
    pub acuerdos_firmes: Option<bool>,
    /// «Presidencia» or «Coordinación»; by default what the kind of body usually has.
    pub conduce: Option<Text>,
    pub minimo_ordinarias: Option<Text>,
    pub aviso_ordinaria_dias: Option<Spanned<u32>>,
    pub aviso_extraordinaria_dias: Option<Spanned<u32>>,
    /// Days before a deadline at which the semáforo turns yellow.
    pub aviso_vencimiento_dias: Option<Spanned<u32>>,
    /// Share of held sessions each member should attend, in percent.
    pub meta_asistencia: Option<Spanned<u32>>,
    /// The body's own standing agenda items, between the standard opening and closing ones.
    #[serde(default)]
    pub puntos_propios: Vec<String>,
    pub patron_acuerdos: Option<Text>,
    // How its documents are written (see store::documents::BodyDocuments).
    pub estilo: Option<Text>,
    pub palabra_acta: Option<Text>,
    pub patron_acta: Option<Text>,
    pub fundamento: Option<Text>,
    pub sala: Option<Text>,
    pub domicilio: Option<Text>,
    pub ciudad: Option<Text>,
    pub firma_convocatoria: Option<Text>,
    pub contacto: Option<Text>,
    pub hoja_de_firmas: Option<bool>,
    pub nombre_secretaria: Option<Text>,
    pub gestion_desde: Option<Text>,
    pub gestion_hasta: Option<Text>,
    #[serde(default)]
    pub integrantes: Vec<MemberDoc>,
    /// The narrative of each informe de gestión.
    #[serde(default)]
    pub informes: Vec<NarrativeDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeDoc {
    pub desde: Text,
    pub hasta: Text,
    pub lugar: Option<Text>,
    pub acciones: Option<Text>,
    pub representaciones: Option<Text>,
    pub cooperacion: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDoc {
    pub institucion: Text,
    pub derechos: Option<Text>,
    pub cargo: Option<Text>,
    pub peso: Option<Spanned<u32>>,
    /// The baja: from this day the institution is no longer a member.
    pub baja: Option<Text>,
    pub motivo_baja: Option<Text>,
    pub titular: Option<RepresentativeDoc>,
    pub suplente: Option<RepresentativeDoc>,
    /// Who held the seats before, with the day each designation ended.
    #[serde(default)]
    pub anteriores: Vec<PastDesignationDoc>,
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
pub struct PastDesignationDoc {
    /// "titular" or "suplente".
    pub rol: Text,
    pub nombre: Text,
    pub puesto: Option<Text>,
    pub correo: Option<Text>,
    pub telefono: Option<Text>,
    pub designacion: Option<Text>,
    pub oficio: Option<Text>,
    pub hasta: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDoc {
    pub id: Option<Spanned<i64>>,
    pub organo: Text,
    pub tipo: Text,
    pub numero: Spanned<u32>,
    pub anio: Spanned<i32>,
    pub cuando: Text,
    pub previsto: Option<Text>,
    /// Held on another day: the day it was scheduled for (`cuando` is the day it was held).
    pub fecha_prevista: Option<Text>,
    pub hora: Option<Text>,
    pub lugar: Option<Text>,
    pub modalidad: Option<Text>,
    pub enlace: Option<Text>,
    /// The convocatoria's oficio, the room, address and city when not the body's, the
    /// annexes and the day by which to confirm attendance.
    pub oficio: Option<Text>,
    pub sala: Option<Text>,
    pub domicilio: Option<Text>,
    pub ciudad: Option<Text>,
    #[serde(default)]
    pub anexos: Vec<String>,
    pub confirmar_antes: Option<Text>,
    pub estado: Option<Text>,
    /// When it was opened and closed ("2024-02-21 10:02").
    pub inicio: Option<Text>,
    pub fin: Option<Text>,
    pub segunda_convocatoria: Option<bool>,
    /// The `orden` of the item under way.
    pub punto_actual: Option<Spanned<u32>>,
    #[serde(default)]
    pub puntos: Vec<ItemDoc>,
    #[serde(default)]
    pub asistencia: Vec<AttendanceDoc>,
    #[serde(default)]
    pub eventos: Vec<EventDoc>,
    #[serde(default)]
    pub votaciones: Vec<VoteDoc>,
    #[serde(default)]
    pub acuerdos: Vec<AgreementDoc>,
    pub convocatoria: Option<NoticeDoc>,
    pub acta: Option<MinutesDoc>,
}

/// A follow-up round (ronda de seguimiento) of a body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDoc {
    pub id: Option<Spanned<i64>>,
    pub organo: Text,
    pub corte: Text,
    pub creada: Option<Text>,
    #[serde(default)]
    pub solicitudes: Vec<RequestDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestDoc {
    pub institucion: Text,
    pub oficio: Text,
    pub compromisos: Spanned<Vec<String>>,
    pub enviada: Option<Text>,
    pub respondida: Option<Text>,
    pub respuesta: Option<Text>,
}

/// The text of an optional field, empty when absent.
pub fn text(field: &Option<Text>) -> &str {
    field.as_ref().map_or("", |t| t.get_ref().as_str())
}
