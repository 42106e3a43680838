//! Every Spanish word the interface shows that is not a domain label.

pub const APP: &str = "secretaria";
pub const TAB_CALENDAR: &str = "Calendario";
pub const TAB_BODIES: &str = "Órganos";
pub const DEMO_BADGE: &str = " DEMO ";
pub const DEMO_HINT: &str = "datos de demostración";
pub const HELP_HINT: &str = "? ayuda · q salir";
pub const DB: &str = "base";
pub const TOO_SMALL: &str = "Ventana demasiado pequeña";

pub const AGENDA: &str = "Agenda";
pub const MONTH: &str = "Mes";
pub const UNFIXED: &str = "Por fijar (ventanas y «Por definir»)";
pub const BEHIND: &str = "Por debajo del mínimo de sesiones";
pub const NONE_BEHIND: &str = "Todos los órganos van al día.";
pub const NO_SESSIONS_YEAR: &str = "No hay sesiones con fecha este año. Pulse «n» para programar una.";
pub const NO_UNFIXED: &str = "Ninguna sesión pendiente de fecha.";
pub const DETAIL: &str = "Detalle";
pub const TODAY: &str = "hoy";
pub const DAY_EMPTY: &str = "Sin sesiones este día.";
pub const MONTH_WINDOWS: &str = "Con ventana en este mes";
pub const PLANNED: &str = "previsto";

pub const BODIES: &str = "Órganos";
pub const MEMBERS: &str = "Integrantes";
pub const REPRESENTATIVES: &str = "Representantes";
pub const RULES: &str = "Reglas";
pub const NO_BODIES: &str = "No hay órganos. Pulse «n» para crear uno.";
pub const NO_MEMBERS: &str = "Sin integrantes. Pulse «i» para agregar una institución.";
pub const NOT_DESIGNATED: &str = "sin designar";
pub const TITULAR: &str = "Titular";
pub const ALTERNATE: &str = "Suplente";

pub const HELP_TITLE: &str = "Ayuda — teclas";
pub const CONFIRM_TITLE: &str = "Confirmar";
pub const CONFIRM_KEYS: &str = "s: sí · n: no";
pub const FORM_KEYS: &str = "Intro guardar · Esc cancelar · Tab/↑↓ campos · ←→ opciones";
/// The form's keys while a text of several lines is focused.
pub const FORM_KEYS_LINES: &str = "Intro guardar · Esc cancelar · Tab/↑↓ campos · Alt+Intro nueva línea";
pub const FORM_SAVE: &str = "Intro guardar";
pub const FORM_CANCEL: &str = "Esc cancelar";
pub const SAVED: &str = "Guardado.";
pub const DELETED: &str = "Eliminado.";
pub const ENDED: &str = "baja";
pub const MEMBER_ENDED: &str = "Baja registrada: la integrante deja de figurar en las sesiones futuras; las celebradas conservan su asistencia y su quórum.";
pub const NOTHING_SELECTED: &str = "No hay nada seleccionado.";
pub const YES: &str = "Sí";
pub const NO: &str = "No";

pub const TAB_CONSOLE: &str = "Sesión";
pub const ROLL_CALL: &str = "Asistencia";
pub const NON_VOTING: &str = "Invitados y observadores (no cuentan para el quórum)";
pub const CREATED_WITH_DEMO: &str = "Base nueva, con los datos de demostración, creada en";
pub const NON_VOTING_SHORT: &str = "Invitados y observadores";
pub const AGENDA_TITLE: &str = "Orden del día";
pub const NOTES: &str = "Notas";
pub const NOTES_HINT: &str = "Pulse «i» para escribir las notas del punto en curso.";
pub const NOTES_SAVED: &str = "guardadas";
pub const NOTES_UNSAVED: &str = "sin guardar";
pub const NOTES_CONFLICT: &str = "sin guardar: en conflicto";
pub const CONFLICT_TITLE: &str = "Guardado por otra persona";
pub const CONFLICT_KEYS: &str = "Ctrl+G el suyo encima · Ctrl+T juntar";
pub const CONFLICT_HELP: &str = "otra persona guardó antes; su texto sigue en el editor y el de ella se muestra aparte. Ctrl+G guarda el suyo encima; Ctrl+T junta los dos.";
pub const NO_CONFLICT: &str = "No hay ningún conflicto que resolver.";
pub const ITEM_RECORD: &str = "Votaciones y acuerdos del punto";
pub const ITEM_EMPTY: &str = "Sin votaciones ni acuerdos en este punto. «v» votación · «c» acuerdo.";
pub const NO_CONSOLE: &str = "No hay una sesión abierta en la consola: elija una en el Calendario y pulse «o».";
pub const NO_NOTES: &str = "Sin notas en este punto.";

pub const TAB_MINUTES: &str = "Acta";
pub const MINUTES: &str = "Acta";
pub const MINUTES_CYCLE: &str = "Aprobación";
pub const RECORDS_CHANGED: &str = " Los registros de la sesión cambiaron desde que se generó el borrador: «g» regenera las secciones que usted no editó. ";
pub const ACTA_TAMPERED: &str = "ACTA ALTERADA — no se imprime";
pub const MY_VERSION: &str = "Mi versión (no guardada por conflicto)";
pub const MINUTES_KEYS: &str = "i editar la sección · g regenerar · n enviar · o observación · y/x aceptar/rechazar · A aprobar · f fe de erratas · F aprobar fe · p imprimir";
pub const MINUTES_DOC_KEYS: &str = "↑↓ sección · RePág/AvPág desplazar · Intro editar la sección";
pub const MINUTES_EDIT_KEYS: &str = "Esc terminar (se guarda solo)";
pub const EDITING: &str = "Editando";

pub const TAB_FOLLOW_UP: &str = "Seguimiento";
pub const COMMITMENTS: &str = "Compromisos";
pub const NO_AGREEMENTS: &str = "Ningún compromiso con estos filtros.";
pub const FOLLOW_UP_DETAIL: &str = "Detalle y avances";
pub const FOLLOW_UP_KEYS: &str = "/ buscar · o órgano · i institución · f fuente · p periodo (P semestre/trimestre) · s estado · v vencidos · a avance · r reprogramar · x sin efecto · N nueva actividad · e corregir · d eliminar actividad";
pub const TAB_DASHBOARD: &str = "Tablero";

pub const TAB_ROUNDS: &str = "Rondas";
pub const TAB_JOURNAL: &str = "Bitácora";
pub const JOURNAL: &str = "Bitácora";
pub const JOURNAL_DETAIL: &str = "Detalle de la entrada";
pub const JOURNAL_EMPTY: &str = "La bitácora no tiene entradas con estos filtros.";
pub const NOTHING_TO_UNDO: &str = "No tiene cambios que deshacer.";
pub const VERIFY_FAILED: &str = "⚠ LA VERIFICACIÓN DE LA BASE FALLÓ";
pub const ROUNDS: &str = "Rondas de seguimiento";
pub const NO_ROUNDS: &str = "No hay rondas de seguimiento. Pulse «n» para abrir una: un oficio por institución responsable con sus compromisos abiertos a la fecha de corte.";
pub const ROUNDS_KEYS: &str =
    "n nueva ronda · e envío · E enviar todos · c respuesta · p imprimir oficios · ←→ rondas/solicitudes";
pub const ROUND_UNSENT: &str = "sin enviar";
pub const ROUND_AWAITING: &str = "sin responder";
pub const ROUND_ANSWERED: &str = "respondido";
pub const ROUND_ANSWERED_MANY: &str = "respondidos";
pub const NO_ROUND_SELECTED: &str = "Elija una ronda (y, para registrar envío o respuesta, una institución).";
pub const NO_COMMITMENT_SELECTED: &str = "No hay ningún compromiso seleccionado.";
pub const ROUND_ITEM_GONE: &str = "ya no consta en los registros";
pub const DELETE_ONLY_ACTIVITIES: &str =
    "Los acuerdos no se eliminan: constan en el acta de su sesión. Si ya no procede, déjelo sin efecto (x).";
pub const EDIT_ONLY_ACTIVITIES: &str =
    "Aquí se corrigen las actividades del programa de trabajo; un acuerdo se corrige en el acta de su sesión.";
pub const READ_ONLY_DB: &str = "Base de solo lectura: puede consultarla e imprimir; los cambios no se guardarán.";
pub const EMPTY_DB: &str = "La base está vacía.";
pub const EMPTY_DB_QUESTION: &str = "¿Cargar los datos de demostración? (Para sus propios datos: «secretaria importar ARCHIVO.toml»; vea docs/formato-datos.md.)";
pub const DEMO_LOADED: &str = "Datos de demostración cargados.";
pub const AGENDA_EDIT_HINT: &str =
    "Orden del día: «+» agregar · «e» título · «[»/«]» mover · «d» quitar. «o» en el Calendario abre la sesión.";
pub const SESSION_OPENED: &str = "Sesión abierta. Pase lista: t titular · s suplente · j justificada.";
pub const QUIT_QUESTION: &str = "¿Salir de secretaria? Lo escrito se guarda antes de salir.";
pub const CONFIG_KEYS: &str = "Configuración de teclas";
pub const ON_ROLL_ONLY: &str = "Esa tecla es de la lista de asistencia: pase a ella con ←.";
pub const ON_AGENDA_ONLY: &str = "Esa tecla es del orden del día: pase a él con →.";
pub const HELP_SEARCH: &str = "Buscar";
pub const HELP_KEYS: &str = "escriba para buscar · ↑↓ desplazar · Esc cerrar";
pub const HELP_NOTHING_FOUND: &str = "Ninguna tecla coincide con la búsqueda.";
pub const UNDER_WAY: &str = "Sesión en curso";
pub const UNDER_WAY_KEY: &str = "Pulse 3 para volver a ella.";

/// The question before opening a session on a day other than its scheduled one.
pub fn open_other_day(title: &str, scheduled: chrono::NaiveDate, today: chrono::NaiveDate, time: &str) -> String {
    use crate::domain::dates::long_date;
    format!(
        "¿Abrir la {title} hoy, {}? Estaba prevista para el {}. Quedará registrada con la fecha de hoy (la prevista \
         se conserva) y la hora de inicio ({time}).",
        long_date(today),
        long_date(scheduled)
    )
}
pub const AGREEMENT_HINT: &str = "«c» registra el acuerdo de esta votación.";
pub const NO_QUORUM_AGREEMENT: &str = "No hay quórum: sin quórum no se adoptan acuerdos.";
pub const NO_UNCOUNTED_VOTE: &str = "No hay votación sin contar en ese punto.";
pub const VOTE_REMOVED: &str = "Votación sin contar retirada; quedó anotado en la bitácora.";
pub const UNCOUNTED_HINT: &str = "Votación sin contar: «v» la cuenta de nuevo, «X» la retira.";
pub const NOT_CHOSEN: &str = "—";
pub const NO_AGREEMENT_TO_FIRM: &str = "No hay en ese punto un acuerdo que declarar firme.";
pub const NO_DISSENT_REASONS: &str =
    "El reglamento de este órgano no prevé votos razonados ni salvados (actívelo en las reglas del órgano).";
pub const NO_VOTE_TO_REASON: &str = "No hay en ese punto una votación contada que razonar.";
pub const REASON_RECORDED: &str = "Razones del voto registradas; el acta las transcribe tal como se escribieron.";
pub fn declared_firm(number: &str) -> String {
    format!("Acuerdo {number} declarado firme.")
}
/// After the secretariat's own name: «Secretaría Ejecutiva (corrección del conteo)».
pub const RECOUNT_BY_SECRETARIAT: &str = "(corrección del conteo)";
// Document conventions and convocatoria details (forms/documents.rs).
pub const FORM_BODY_DOCUMENTS: &str = "Documentos del órgano";
pub const FORM_SESSION_DOCUMENTS: &str = "Datos de la convocatoria";
pub const F_STYLE: &str = "Estilo (país)";
pub const F_RECORD_WORD: &str = "Se llama";
pub const F_RECORD_PATTERN: &str = "Identificador del acta";
pub const F_LEGAL_BASIS: &str = "Fundamento (artículos)";
pub const F_ROOM: &str = "Sala";
pub const F_ADDRESS: &str = "Domicilio";
pub const F_CITY: &str = "Ciudad";
pub const F_NOTICE_SIGNER: &str = "Firma la convocatoria";
pub const F_CONTACT: &str = "Contacto para confirmar";
pub const F_SHEET: &str = "Hoja de firmas";
pub const F_SECRETARIAT: &str = "Nombre de la Secretaría Técnica";
pub const F_TERM_FROM: &str = "Gestión desde";
pub const F_TERM_TO: &str = "Gestión hasta";
pub const F_NOTICE_REF: &str = "Oficio de convocatoria";
pub const F_ANNEXES: &str = "Anexos (separe con ;)";
pub const F_CONFIRM_BY: &str = "Confirmar a más tardar";
pub const TERM_BOTH: &str = "indique el principio y el fin de la gestión, o ninguno de los dos";
pub const KEY_DOCUMENTS: &str = "Documentos del órgano (estilo, fundamento, sala, firmas)";
pub const KEY_NOTICE_DETAILS: &str = "Datos de la convocatoria (oficio, sala, anexos, confirmación)";
pub const CONFIG_PROBLEM: &str = "Configuración";
pub const WARNING: &str = "Atención";
