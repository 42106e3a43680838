//! The record of a session in a data file: agenda items, roll call, events, votes with their
//! counts, agreements with their follow-up, the convocatoria and the acta.

use serde::Deserialize;
use toml::Spanned;

use super::Text;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    /// Its place in the orden del día; by default the one after the previous item.
    pub orden: Option<Spanned<u32>>,
    pub titulo: Text,
    pub inicio: Option<Text>,
    pub fin: Option<Text>,
    pub notas: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceDoc {
    pub institucion: Text,
    pub presencia: Option<Text>,
    pub modalidad: Option<Text>,
    pub llegada: Option<Text>,
    pub salida: Option<Text>,
    /// The person who came, as named that day.
    pub representante: Option<Text>,
    /// The rights and weight the member had that day.
    pub derechos: Option<Text>,
    pub peso: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    pub hora: Text,
    pub evento: Text,
    pub detalle: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteDoc {
    /// The `orden` of the item voted on.
    pub punto: Spanned<u32>,
    pub mocion: Text,
    pub modo: Option<Text>,
    pub mayoria: Option<Text>,
    pub base_mayoria: Option<Text>,
    pub hora: Text,
    #[serde(default)]
    pub conteos: Vec<CountDoc>,
    /// Votos salvados and razonados, transcribed in the acta.
    #[serde(default)]
    pub motivos: Vec<ReasonDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonDoc {
    pub institucion: Text,
    /// "voto salvado" or "voto razonado".
    pub tipo: Text,
    pub texto: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountDoc {
    pub hora: Text,
    pub a_favor: Spanned<u32>,
    pub en_contra: Spanned<u32>,
    pub abstencion: Spanned<u32>,
    pub votos_elegibles: Spanned<u32>,
    /// The weight of all the members with vote at that count.
    pub integrantes_con_voto: Option<Spanned<u32>>,
    pub quorum_presentes: Spanned<u32>,
    pub quorum_requerido: Spanned<u32>,
    pub segunda_convocatoria: Option<bool>,
    pub aprobada: Spanned<bool>,
    pub voto_de_calidad: Option<Spanned<bool>>,
    pub explicacion: Option<Text>,
    pub sustituido: Option<Spanned<bool>>,
    /// A recount's reason and who asked for it (siglas; absent: the Secretaría Técnica).
    pub motivo_recuento: Option<Text>,
    pub recuento_solicitado_por: Option<Text>,
    /// Who could vote at this count, with weight and (nominal votes) ballot.
    pub votantes: Spanned<Vec<BallotDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotDoc {
    pub institucion: Text,
    pub peso: Option<Spanned<u32>>,
    pub voto: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementDoc {
    /// As cited; by default numbered by the body's pattern.
    pub numero: Option<Text>,
    /// The `orden` of the item it was adopted in.
    pub punto: Spanned<u32>,
    /// The vote that adopted it: its place among the session's votes (1, 2…).
    pub votacion: Option<Spanned<u32>>,
    pub texto: Text,
    pub responsables: Spanned<Vec<Text>>,
    pub plazo: Option<Text>,
    /// Declared firme in the session (where the body's reglamento allows it).
    pub firme: Option<bool>,
    pub registrado: Option<Text>,
    pub estado: Option<Text>,
    pub avance: Option<Spanned<u32>>,
    pub cumplido_el: Option<Text>,
    #[serde(default)]
    pub avances: Vec<ProgressDoc>,
    #[serde(default)]
    pub cambios: Vec<ChangeDoc>,
}

/// A progress entry of an agreement or an activity.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressDoc {
    pub fecha: Text,
    pub texto: Text,
    pub porcentaje: Spanned<u32>,
    pub institucion: Option<Text>,
    pub tipo_evidencia: Option<Text>,
    pub evidencia: Option<Text>,
    pub archivo_sha256: Option<Text>,
    pub motivo: Option<Text>,
}

/// A reprogramming or a sin efecto.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeDoc {
    pub fecha: Text,
    pub estado: Text,
    pub plazo_anterior: Option<Text>,
    pub plazo_nuevo: Option<Text>,
    pub motivo: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeDoc {
    pub emitida: Text,
    pub texto: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesDoc {
    pub estado: Text,
    pub texto: Text,
    /// The text as last generated from the record, when the secretary's differs.
    pub generado: Option<Text>,
    pub actualizada: Option<Text>,
    pub enviada: Option<Text>,
    /// The later session of the same body that approved it: "ordinaria 22".
    pub aprobada_en: Option<Text>,
    /// The approving vote: its place among that session's votes (1, 2…).
    pub votacion_aprobacion: Option<Spanned<u32>>,
    pub aprobada_el: Option<Text>,
    pub sha256: Option<Text>,
    pub folio: Option<Spanned<i64>>,
    pub sha256_anterior: Option<Text>,
    #[serde(default)]
    pub observaciones: Vec<ObservationDoc>,
    #[serde(default)]
    pub erratas: Vec<ErratumDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationDoc {
    pub institucion: Text,
    pub texto: Text,
    pub recibida: Text,
    /// "aceptada" or "rechazada".
    pub decision: Option<Text>,
    pub decidida: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErratumDoc {
    pub texto: Text,
    pub fecha: Text,
    pub aprobada_en: Option<Text>,
    pub aprobada_el: Option<Text>,
    pub sha256: Option<Text>,
}
