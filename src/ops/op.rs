//! Every change a user can make, as a value: what is intended and with what. The bitácora
//! stores it as JSON (`op` and its arguments); long texts and file contents are left out of
//! the arguments, since the rows they change carry what is needed to see and reverse them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::domain::agreement::Deadline;
use crate::domain::body::{Body, MajorityRule};
use crate::domain::member::{InstitutionKind, Office, Representative, RepresentativeRole, Rights};
use crate::domain::quorum::{AttendanceMode, Presence};
use crate::domain::session::Session;
use crate::domain::vote::VoteMode;
use crate::interchange::progress::ProgressSheet;
use crate::store::bodies::SessionSettings;
use crate::store::documents::{BodyDocuments, Narrative, SessionDocuments, VoteReason};
use crate::store::followup::Evidence;
use crate::store::plans::ActivityPlan;
use crate::store::votes::{CountInput, Recount};

/// A file given to an import: its name and SHA-256 go to the bitácora, its content does not.
#[derive(Debug, Clone, Serialize)]
pub struct ImportFile {
    pub name: String,
    pub sha256: String,
    #[serde(skip)]
    pub content: String,
}

impl ImportFile {
    pub fn new(name: impl Into<String>, content: impl Into<String>) -> ImportFile {
        let content = content.into();
        ImportFile { name: name.into(), sha256: crate::domain::minutes::sha256_hex(&content), content }
    }
}

/// Reading the record: kept in the bitácora as the plan SINTRA asks for ("bitácora de accesos
/// y modificaciones").
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "acceso", rename_all = "snake_case")]
pub enum Access {
    /// The interface opened on the database.
    Interface,
    /// A command run against the database, as typed (without the program's name).
    Command { command: String },
    /// An acta printed, to a file or the printer.
    PrintActa { session: i64, format: String, file: String },
    /// A backup of the whole database written to `file`.
    Backup { file: String },
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    Access(Access),
    // ── Bodies, members and representatives ──
    /// A new body (`body.id == 0`) or changes to one, with its coordinating institution by
    /// siglas and its session settings.
    SaveBody {
        body: Body,
        coordinator: Option<String>,
        settings: SessionSettings,
    },
    DeleteBody {
        body: i64,
    },
    /// A new membership (`membership == 0`) or changes to one. An institution with unknown
    /// siglas is created with `name`; a known one takes `name` and `kind` if they changed.
    SaveMember {
        membership: i64,
        body: i64,
        institution: String,
        name: String,
        kind: InstitutionKind,
        rights: Rights,
        office: Office,
        weight: u32,
    },
    /// Takes a member out of the body: deleted when nothing in the record names it, otherwise
    /// given an end date (baja) and left out of later sessions only.
    RemoveMember {
        membership: i64,
        on: NaiveDate,
        reason: String,
    },
    /// Names the titular or suplente; a different person ends the previous designation (the
    /// day the new one was designated, else `on`).
    Designate {
        membership: i64,
        role: RepresentativeRole,
        person: Representative,
        on: NaiveDate,
    },
    /// Leaves the seat without titular or suplente from `on`; the designation stays in history.
    EndDesignation {
        membership: i64,
        role: RepresentativeRole,
        on: NaiveDate,
    },
    // ── Calendar and convocatoria ──
    /// A new session (`session.id == 0`) or changes to one.
    SaveSession {
        session: Session,
    },
    DeleteSession {
        session: i64,
    },
    PrepareAgenda {
        session: i64,
    },
    /// Issues the convocatoria dated `on`, its text generated from the session's record.
    IssueNotice {
        session: i64,
        on: NaiveDate,
    },
    /// How a body writes its documents and what they cite (style, legal basis, place).
    SaveBodyDocuments {
        body: i64,
        documents: BodyDocuments,
    },
    /// What a session's convocatoria and acta cite: oficio, room, annexes, confirmation.
    SaveSessionDocuments {
        session: i64,
        documents: SessionDocuments,
    },
    /// The reasons a member gives for its vote (voto salvado o razonado); empty removes them.
    RecordVoteReason {
        session: i64,
        vote: i64,
        reason: VoteReason,
    },
    /// The narrative of the informe de gestión of a body's term.
    SaveNarrative {
        body: i64,
        from: NaiveDate,
        to: NaiveDate,
        #[serde(skip)]
        narrative: Narrative,
    },
    // ── The live session ──
    /// Opens a convoked session at `at`, the body's wall clock; `other_day`: the secretary
    /// confirmed it is held on a day other than the scheduled one.
    OpenSession {
        session: i64,
        at: NaiveDateTime,
        other_day: bool,
    },
    SetCurrentItem {
        session: i64,
        item: i64,
        at: NaiveDateTime,
    },
    SecondCall {
        session: i64,
        at: NaiveDateTime,
    },
    Suspend {
        session: i64,
        at: NaiveDateTime,
        reason: String,
    },
    Resume {
        session: i64,
        at: NaiveDateTime,
    },
    Close {
        session: i64,
        at: NaiveDateTime,
    },
    Reopen {
        session: i64,
        at: NaiveDateTime,
        reason: String,
    },
    AddItem {
        session: i64,
        title: String,
        after: Option<i64>,
    },
    RenameItem {
        item: i64,
        title: String,
    },
    MoveItem {
        item: i64,
        up: bool,
    },
    RemoveItem {
        item: i64,
    },
    /// The notes of an item, over the version they were loaded at (`base`).
    SaveNotes {
        item: i64,
        base: i64,
        #[serde(skip)]
        text: String,
    },
    Mark {
        session: i64,
        membership: i64,
        presence: Presence,
        at: NaiveTime,
    },
    SetMode {
        session: i64,
        membership: i64,
        mode: AttendanceMode,
    },
    SetDeparture {
        session: i64,
        membership: i64,
        at: Option<NaiveTime>,
    },
    SetArrival {
        session: i64,
        membership: i64,
        at: NaiveTime,
    },
    CallVote {
        session: i64,
        item: i64,
        motion: String,
        mode: VoteMode,
        rule: MajorityRule,
        at: NaiveDateTime,
    },
    /// A count; a recount (the vote already has one) says why and who asked.
    Count {
        vote: i64,
        input: CountInput,
        recount: Option<Recount>,
        at: NaiveDateTime,
    },
    /// Takes back a vote called but never counted.
    RemoveVote {
        vote: i64,
    },
    /// An agreement, its responsible institutions by siglas.
    AdoptAgreement {
        session: i64,
        item: i64,
        vote: Option<i64>,
        text: String,
        responsibles: Vec<String>,
        deadline: Deadline,
        at: NaiveDateTime,
    },
    /// Declares an agreement firme (where the body's reglamento allows it), in the session
    /// that adopted it.
    DeclareFirm {
        agreement: i64,
    },
    // ── The acta ──
    /// The first draft, generated from the records of the closed session.
    DraftMinutes {
        session: i64,
        at: NaiveDateTime,
    },
    SaveMinutes {
        session: i64,
        base: i64,
        at: NaiveDateTime,
        #[serde(skip)]
        text: String,
    },
    /// Regenerates the sections the secretary did not edit, from `text` as it is on screen.
    RegenerateMinutes {
        session: i64,
        at: NaiveDateTime,
        #[serde(skip)]
        text: String,
    },
    SendMinutes {
        session: i64,
        on: NaiveDate,
    },
    AddObservation {
        session: i64,
        institution: String,
        text: String,
        on: NaiveDate,
    },
    DecideObservation {
        observation: i64,
        accepted: bool,
        on: NaiveDate,
    },
    ApproveMinutes {
        session: i64,
        approving: i64,
    },
    AddErratum {
        session: i64,
        text: String,
        on: NaiveDate,
    },
    ApproveErratum {
        erratum: i64,
        approving: i64,
    },
    // ── Follow-up ──
    /// Progress on an agreement or activity; the reporting institution by siglas.
    AddProgress {
        number: String,
        on: NaiveDate,
        text: String,
        percent: Option<u32>,
        institution: Option<String>,
        evidence: Option<Evidence>,
        reason: Option<String>,
    },
    Reprogram {
        number: String,
        deadline: Deadline,
        reason: String,
        on: NaiveDate,
    },
    Void {
        number: String,
        reason: String,
        on: NaiveDate,
    },
    /// An activity for a body's plan of a year (the plan is created with `plan_title` when the
    /// body has none that year).
    AddActivity {
        body: i64,
        year: i32,
        plan_title: String,
        activity: ActivityPlan,
    },
    EditActivity {
        activity: i64,
        plan_title: String,
        details: ActivityPlan,
    },
    DeleteActivity {
        activity: i64,
    },
    OpenRound {
        body: i64,
        cutoff: NaiveDate,
        at: NaiveDateTime,
    },
    /// The oficios sent: to these institutions, or to every one not sent yet.
    MarkSent {
        round: i64,
        institutions: Option<Vec<i64>>,
        on: NaiveDate,
    },
    MarkAnswered {
        round: i64,
        institution: i64,
        on: NaiveDate,
        reply: Option<String>,
    },
    // ── Data ──
    Import {
        files: Vec<ImportFile>,
    },
    ImportProgress {
        file: String,
        sha256: String,
        #[serde(skip)]
        sheet: ProgressSheet,
    },
    /// The demonstration data, marked as such.
    LoadDemo,
    /// Reverses the changes of an earlier entry by the same person.
    Undo {
        entry: i64,
    },
    /// The database was replaced by the backup `file` (its SHA-256); the replaced one was kept
    /// at `kept`. Recorded in the restored database, as the first thing after it.
    Restore {
        file: String,
        sha256: String,
        kept: String,
    },
}

impl Op {
    /// The stable code stored in the bitácora.
    pub fn code(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m.get("op").and_then(|v| v.as_str()).unwrap_or("?").to_string(),
            _ => "?".into(),
        }
    }

    /// The arguments as stored: everything but the `op` tag.
    pub fn args(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut m)) => {
                m.remove("op");
                serde_json::Value::Object(m)
            }
            _ => serde_json::Value::Null,
        }
    }

    /// Accesses are recorded although they change nothing.
    pub fn logs_when_unchanged(&self) -> bool {
        matches!(self, Op::Access(_) | Op::Restore { .. })
    }
}

/// What the bitácora shows for an operation code.
pub fn label(code: &str) -> &'static str {
    match code {
        "access" => "Acceso",
        "save_body" => "Órgano guardado",
        "delete_body" => "Órgano eliminado",
        "save_member" => "Integrante guardada",
        "remove_member" => "Integrante retirada (baja)",
        "designate" => "Designación de titular o suplente",
        "end_designation" => "Fin de una designación",
        "save_session" => "Sesión guardada",
        "delete_session" => "Sesión eliminada",
        "prepare_agenda" => "Orden del día preparado",
        "issue_notice" => "Convocatoria emitida",
        "save_body_documents" => "Datos de documentos del órgano",
        "save_session_documents" => "Datos de la convocatoria",
        "record_vote_reason" => "Voto salvado o razonado",
        "save_narrative" => "Informe de gestión redactado",
        "open_session" => "Sesión abierta",
        "set_current_item" => "Cambio de punto",
        "second_call" => "Segunda convocatoria",
        "suspend" => "Receso",
        "resume" => "Reanudación",
        "close" => "Clausura",
        "reopen" => "Reapertura",
        "add_item" => "Punto agregado",
        "rename_item" => "Punto renombrado",
        "move_item" => "Punto movido",
        "remove_item" => "Punto quitado",
        "save_notes" => "Notas guardadas",
        "mark" => "Asistencia",
        "set_mode" => "Modalidad de asistencia",
        "set_departure" => "Salida o regreso",
        "set_arrival" => "Hora de llegada",
        "call_vote" => "Votación convocada",
        "count" => "Conteo de votos",
        "remove_vote" => "Votación sin contar retirada",
        "adopt_agreement" => "Acuerdo adoptado",
        "declare_firm" => "Acuerdo declarado firme",
        "draft_minutes" => "Acta redactada",
        "save_minutes" => "Acta editada",
        "regenerate_minutes" => "Acta regenerada",
        "send_minutes" => "Acta enviada a revisión",
        "add_observation" => "Observación al acta",
        "decide_observation" => "Observación decidida",
        "approve_minutes" => "Acta aprobada",
        "add_erratum" => "Fe de erratas",
        "approve_erratum" => "Fe de erratas aprobada",
        "add_progress" => "Avance registrado",
        "reprogram" => "Reprogramación",
        "void" => "Sin efecto",
        "add_activity" => "Actividad agregada",
        "edit_activity" => "Actividad corregida",
        "delete_activity" => "Actividad eliminada",
        "open_round" => "Ronda de seguimiento abierta",
        "mark_sent" => "Oficios enviados",
        "mark_answered" => "Respuesta recibida",
        "import" => "Importación de datos",
        "import_progress" => "Importación de avances",
        "load_demo" => "Datos de demostración",
        "undo" => "Deshacer",
        "restore" => "Restauración desde un respaldo",
        "generate" => "Datos generados (pruebas de rendimiento)",
        _ => "Operación",
    }
}
