//! The key map as data: each binding says where it applies, which keys, what it does and
//! how the help screen describes it. Keys resolve to actions through plain functions.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Calendar,
    Bodies,
    Console,
    /// Typing the notes of the current item.
    Notes,
    Minutes,
    /// Typing in the acta.
    MinutesEdit,
    FollowUp,
    /// Typing the search of the follow-up list.
    FollowUpSearch,
    Dashboard,
    Rounds,
    Journal,
    Form,
    Confirm,
    Help,
}

impl Mode {
    /// On a screen, not typing in a field, a form, a dialog or the help: where the keys that
    /// work everywhere (screens, moving, help, quit) apply.
    pub fn is_screen(self) -> bool {
        // Exhaustive, so a new mode must say which it is.
        match self {
            Mode::Calendar
            | Mode::Bodies
            | Mode::Console
            | Mode::Minutes
            | Mode::FollowUp
            | Mode::Dashboard
            | Mode::Rounds
            | Mode::Journal => true,
            Mode::Notes | Mode::MinutesEdit | Mode::FollowUpSearch | Mode::Form | Mode::Confirm | Mode::Help => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextScreen,
    PrevScreen,
    GoCalendar,
    GoBodies,
    GoConsole,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    ToggleView,
    PrevPeriod,
    NextPeriod,
    Today,
    SwitchPane,
    Open,
    New,
    NewMember,
    Edit,
    EditTitular,
    EditAlternate,
    Delete,
    Close,
    OpenSession,
    PrepareAgenda,
    IssueNotice,
    MarkTitular,
    MarkAlternate,
    MarkAbsent,
    MarkJustified,
    ToggleMode,
    ToggleDeparture,
    ArrivalTime,
    MakeCurrent,
    AddItem,
    RenameItem,
    ItemUp,
    ItemDown,
    EditNotes,
    StopNotes,
    NewVote,
    Recount,
    NewAgreement,
    SecondCall,
    Recess,
    CloseSession,
    ReopenSession,
    /// A key the notes editor handles itself.
    NotesInput(KeyEvent),
    OpenMinutes,
    EditMinutes,
    StopMinutes,
    Regenerate,
    SendMinutes,
    AddObservation,
    AcceptObservation,
    RejectObservation,
    ApproveMinutes,
    AddErratum,
    ApproveErratum,
    Print,
    MinutesInput(KeyEvent),
    GoFollowUp,
    GoDashboard,
    GoRounds,
    GoJournal,
    /// Reverses the user's own last change (after confirming).
    Undo,
    /// A text in conflict: keep the user's own over the other person's.
    KeepMine,
    /// A text in conflict: the other person's, then the user's.
    JoinTexts,
    CycleActor,
    ToggleAccesses,
    MarkSent,
    MarkAllSent,
    RecordAnswer,
    AllYears,
    StartSearch,
    StopSearch,
    SearchInput(KeyEvent),
    CycleBody,
    CycleStatus,
    CycleSource,
    CycleInstitution,
    CyclePeriod,
    CycleYearPart,
    ToggleOverdue,
    AddProgress,
    Reprogram,
    VoidAgreement,
    Yes,
    No,
    FormNext,
    FormPrev,
    FormSave,
    FormCancel,
    FormChoicePrev,
    FormChoiceNext,
    /// A key the form's text field should handle itself.
    FormInput(KeyEvent),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Key::Char(' ') => "Espacio".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Intro".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Mayús+Tab".into(),
                KeyCode::PageUp => "RePág".into(),
                KeyCode::PageDown => "AvPág".into(),
                KeyCode::Home => "Inicio".into(),
                KeyCode::End => "Fin".into(),
                KeyCode::Delete => "Supr".into(),
                KeyCode::Backspace => "Retroceso".into(),
                KeyCode::Insert => "Insert".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

pub struct Binding {
    /// `None`: everywhere outside forms, dialogs and help.
    pub mode: Option<Mode>,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use Action as A;
use Key::{Char as C, Code, Ctrl};
use KeyCode as K;

const fn b(mode: Option<Mode>, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { mode, keys, action, help }
}

const CAL: Option<Mode> = Some(Mode::Calendar);
const ORG: Option<Mode> = Some(Mode::Bodies);
const FORM: Option<Mode> = Some(Mode::Form);
const CONFIRM: Option<Mode> = Some(Mode::Confirm);
const HELP: Option<Mode> = Some(Mode::Help);
const LIVE: Option<Mode> = Some(Mode::Console);
const NOTES: Option<Mode> = Some(Mode::Notes);
const ACTA: Option<Mode> = Some(Mode::Minutes);
const ACTA_EDIT: Option<Mode> = Some(Mode::MinutesEdit);
const FOLLOW: Option<Mode> = Some(Mode::FollowUp);
const SEARCH: Option<Mode> = Some(Mode::FollowUpSearch);
const DASH: Option<Mode> = Some(Mode::Dashboard);
const ROUNDS: Option<Mode> = Some(Mode::Rounds);
const JOURNAL: Option<Mode> = Some(Mode::Journal);

/// A screen's own bindings win over the global ones (so `j` is "justificada" in the console
/// and "bajar" elsewhere); the help screen lists them in this order.
pub const BINDINGS: &[Binding] = &[
    b(None, &[C('q')], A::Quit, "Salir"),
    b(None, &[C('?'), Code(K::F(1))], A::Help, "Ayuda: esta lista de teclas"),
    b(None, &[Code(K::Tab)], A::NextScreen, "Pantalla siguiente"),
    b(None, &[Code(K::BackTab)], A::PrevScreen, "Pantalla anterior"),
    b(None, &[C('1')], A::GoCalendar, "Ir a Calendario"),
    b(None, &[C('2')], A::GoBodies, "Ir a Órganos"),
    b(None, &[C('3')], A::GoConsole, "Ir a la sesión abierta en la consola"),
    b(None, &[C('4')], A::GoFollowUp, "Ir a Seguimiento de acuerdos"),
    b(None, &[C('5')], A::GoDashboard, "Ir al Tablero de indicadores"),
    b(None, &[C('6')], A::GoRounds, "Ir a Rondas de seguimiento (oficios a las instituciones)"),
    b(None, &[C('7')], A::GoJournal, "Ir a la Bitácora: quién cambió qué y cuándo"),
    b(None, &[C('u')], A::Undo, "Deshacer su último cambio (pide confirmación)"),
    b(None, &[Code(K::Up), C('k')], A::Up, "Subir"),
    b(None, &[Code(K::Down), C('j')], A::Down, "Bajar"),
    b(None, &[Code(K::PageUp)], A::PageUp, "Subir una página"),
    b(None, &[Code(K::PageDown)], A::PageDown, "Bajar una página"),
    b(None, &[Code(K::Home), C('g')], A::Home, "Al principio"),
    b(None, &[Code(K::End), C('G')], A::End, "Al final"),
    b(CAL, &[C('v')], A::ToggleView, "Cambiar entre agenda y mes"),
    b(CAL, &[C('['), C('<')], A::PrevPeriod, "Año anterior (agenda) o mes anterior (mes)"),
    b(CAL, &[C(']'), C('>')], A::NextPeriod, "Año siguiente (agenda) o mes siguiente (mes)"),
    b(CAL, &[C('t')], A::Today, "Volver a hoy"),
    b(CAL, &[Code(K::Left), C('h')], A::Left, "Agenda: lista de la izquierda · Mes: día anterior"),
    b(CAL, &[Code(K::Right), C('l')], A::Right, "Agenda: lista «Por fijar» · Mes: día siguiente"),
    b(CAL, &[C('f')], A::SwitchPane, "Agenda: alternar entre fechas y «Por fijar»"),
    b(CAL, &[Code(K::Enter), C('e')], A::Edit, "Editar la sesión seleccionada (Mes: ver el día en la agenda)"),
    b(CAL, &[C('n')], A::New, "Nueva sesión"),
    b(CAL, &[C('d'), Code(K::Delete)], A::Delete, "Eliminar la sesión seleccionada"),
    b(CAL, &[C('o')], A::OpenSession, "Abrir la sesión seleccionada en la consola (o volver a ella)"),
    b(CAL, &[C('a')], A::PrepareAgenda, "Preparar el orden del día de la sesión antes de abrirla"),
    b(CAL, &[C('m')], A::OpenMinutes, "Acta de la sesión clausurada seleccionada"),
    b(CAL, &[C('c')], A::IssueNotice, "Emitir la convocatoria de la sesión seleccionada e imprimirla"),
    b(ORG, &[Code(K::Left), C('h')], A::Left, "Columna de la izquierda"),
    b(
        ORG,
        &[Code(K::Right), C('l'), Code(K::Enter)],
        A::Right,
        "Columna de la derecha (órgano → integrantes → representantes)",
    ),
    b(ORG, &[C('n')], A::New, "Nuevo órgano"),
    b(ORG, &[C('i')], A::NewMember, "Nueva institución integrante del órgano"),
    b(ORG, &[C('e')], A::Edit, "Editar lo seleccionado"),
    b(ORG, &[C('t')], A::EditTitular, "Editar el titular de la integrante"),
    b(ORG, &[C('s')], A::EditAlternate, "Editar el suplente de la integrante"),
    b(ORG, &[C('d'), Code(K::Delete)], A::Delete, "Eliminar lo seleccionado"),
    b(LIVE, &[Code(K::Left), C('h')], A::Left, "Ir a la lista de asistencia"),
    b(LIVE, &[Code(K::Right), C('l')], A::Right, "Ir al orden del día"),
    b(LIVE, &[C('t')], A::MarkTitular, "Asistencia: presente el titular"),
    b(LIVE, &[C('s')], A::MarkAlternate, "Asistencia: presente el suplente"),
    b(LIVE, &[C('a')], A::MarkAbsent, "Asistencia: ausente"),
    b(LIVE, &[C('j')], A::MarkJustified, "Asistencia: ausencia justificada"),
    b(LIVE, &[C('m')], A::ToggleMode, "Asistencia: presencial ↔ virtual"),
    b(LIVE, &[C('r')], A::ToggleDeparture, "Asistencia: se retira (o regresa)"),
    b(LIVE, &[C('y')], A::ArrivalTime, "Asistencia: corregir la hora de llegada"),
    b(LIVE, &[Code(K::Enter)], A::MakeCurrent, "Orden del día: pasar al punto seleccionado"),
    b(LIVE, &[C('+')], A::AddItem, "Orden del día: agregar un punto después del seleccionado"),
    b(LIVE, &[C('e')], A::RenameItem, "Orden del día: cambiar el título del punto"),
    b(LIVE, &[C('[')], A::ItemUp, "Orden del día: subir el punto"),
    b(LIVE, &[C(']')], A::ItemDown, "Orden del día: bajar el punto"),
    b(LIVE, &[C('d'), Code(K::Delete)], A::Delete, "Orden del día: quitar el punto"),
    b(LIVE, &[C('i')], A::EditNotes, "Escribir las notas del punto en curso"),
    b(LIVE, &[C('v')], A::NewVote, "Nueva votación en el punto en curso"),
    b(LIVE, &[C('R')], A::Recount, "Recuento de la última votación del punto"),
    b(LIVE, &[C('c')], A::NewAgreement, "Registrar un acuerdo en el punto en curso"),
    b(LIVE, &[C('S')], A::SecondCall, "Registrar la segunda convocatoria"),
    b(LIVE, &[C('p')], A::Recess, "Receso (o reanudar la sesión)"),
    b(LIVE, &[C('C')], A::CloseSession, "Clausurar la sesión"),
    b(LIVE, &[C('A')], A::ReopenSession, "Reabrir una sesión clausurada (con motivo)"),
    b(LIVE, &[C('M')], A::OpenMinutes, "Acta de esta sesión (una vez clausurada)"),
    b(NOTES, &[Code(K::Esc)], A::StopNotes, "Terminar de escribir (las notas se guardan solas)"),
    b(
        NOTES,
        &[Ctrl('g')],
        A::KeepMine,
        "Si otra persona guardó antes: guardar su texto encima (el otro queda en la bitácora)",
    ),
    b(
        NOTES,
        &[Ctrl('t')],
        A::JoinTexts,
        "Si otra persona guardó antes: juntar ambos textos (el otro y después el suyo)",
    ),
    b(ACTA, &[C('i')], A::EditMinutes, "Editar el texto del acta"),
    b(ACTA, &[C('g')], A::Regenerate, "Regenerar desde los registros las secciones no editadas"),
    b(ACTA, &[C('n')], A::SendMinutes, "Enviar el acta a revisión de las integrantes"),
    b(ACTA, &[C('o')], A::AddObservation, "Registrar una observación de una integrante"),
    b(ACTA, &[C('y')], A::AcceptObservation, "Aceptar la observación pendiente más antigua"),
    b(ACTA, &[C('x')], A::RejectObservation, "Rechazar la observación pendiente más antigua"),
    b(ACTA, &[C('A')], A::ApproveMinutes, "Aprobar el acta en una sesión posterior clausurada"),
    b(ACTA, &[C('f')], A::AddErratum, "Agregar una fe de erratas al acta aprobada"),
    b(ACTA, &[C('F')], A::ApproveErratum, "Aprobar la fe de erratas pendiente en una sesión posterior"),
    b(ACTA, &[C('p')], A::Print, "Imprimir o exportar (PDF, DOCX, HTML, Markdown)"),
    b(ACTA_EDIT, &[Code(K::Esc)], A::StopMinutes, "Terminar de editar (el texto se guarda solo)"),
    b(
        ACTA_EDIT,
        &[Ctrl('g')],
        A::KeepMine,
        "Si otra persona guardó antes: guardar su texto encima (el otro queda en la bitácora)",
    ),
    b(
        ACTA_EDIT,
        &[Ctrl('t')],
        A::JoinTexts,
        "Si otra persona guardó antes: juntar ambos textos (el otro y después el suyo)",
    ),
    b(FOLLOW, &[C('/')], A::StartSearch, "Buscar: filtra mientras escribe (número, texto, órgano, responsables)"),
    b(FOLLOW, &[C('o')], A::CycleBody, "Filtrar por órgano (recorre los órganos)"),
    b(FOLLOW, &[C('s')], A::CycleStatus, "Filtrar por estado: abiertos, todos, o uno"),
    b(FOLLOW, &[C('v')], A::ToggleOverdue, "Solo vencidos"),
    b(FOLLOW, &[C('f')], A::CycleSource, "Filtrar por fuente: acuerdos, actividades del programa de trabajo, o ambos"),
    b(FOLLOW, &[C('i')], A::CycleInstitution, "Filtrar por institución responsable (recorre las instituciones)"),
    b(FOLLOW, &[C('p')], A::CyclePeriod, "Filtrar por periodo: el año en que vence el plazo"),
    b(FOLLOW, &[C('P')], A::CycleYearPart, "Dentro del año: semestre o trimestre en que vence el plazo"),
    b(FOLLOW, &[C('a')], A::AddProgress, "Registrar un avance (con evidencia; al 100 % queda cumplido)"),
    b(FOLLOW, &[C('r')], A::Reprogram, "Reprogramar: nuevo plazo con motivo"),
    b(FOLLOW, &[C('x')], A::VoidAgreement, "Dejar sin efecto, con motivo"),
    b(FOLLOW, &[C('N')], A::New, "Nueva actividad del programa de trabajo (crea el programa del año si falta)"),
    b(FOLLOW, &[C('e')], A::Edit, "Corregir la actividad seleccionada como la escribe el programa"),
    b(
        FOLLOW,
        &[C('d'), Code(K::Delete)],
        A::Delete,
        "Eliminar la actividad seleccionada, si no tiene historial ni oficios",
    ),
    b(SEARCH, &[Code(K::Esc), Code(K::Enter)], A::StopSearch, "Terminar la búsqueda"),
    b(DASH, &[C('['), C('<')], A::PrevPeriod, "Año anterior"),
    b(DASH, &[C(']'), C('>')], A::NextPeriod, "Año siguiente"),
    b(DASH, &[C('a')], A::AllYears, "Todos los años"),
    b(ROUNDS, &[Code(K::Left), C('h')], A::Left, "Ir a la lista de rondas"),
    b(ROUNDS, &[Code(K::Right), C('l')], A::Right, "Ir a las solicitudes de la ronda"),
    b(ROUNDS, &[C('n')], A::New, "Nueva ronda: órgano y fecha de corte; un oficio por institución responsable"),
    b(ROUNDS, &[C('e')], A::MarkSent, "Registrar el envío del oficio seleccionado"),
    b(ROUNDS, &[C('E')], A::MarkAllSent, "Registrar el envío de todos los oficios aún sin enviar"),
    b(ROUNDS, &[C('c')], A::RecordAnswer, "Registrar la respuesta de la institución seleccionada"),
    b(ROUNDS, &[C('p')], A::Print, "Imprimir los oficios de la ronda (PDF, DOCX, HTML, Markdown)"),
    b(JOURNAL, &[C('o')], A::CycleBody, "Filtrar por órgano (recorre los órganos)"),
    b(JOURNAL, &[C('p')], A::CycleActor, "Filtrar por persona (recorre quienes aparecen en la bitácora)"),
    b(JOURNAL, &[C('f')], A::CyclePeriod, "Filtrar por fecha: hoy, últimos 7 días, últimos 30 días o todo"),
    b(JOURNAL, &[C('a')], A::ToggleAccesses, "Mostrar u ocultar los accesos (aperturas, consultas, impresiones)"),
    b(FORM, &[Code(K::Esc)], A::FormCancel, "Cancelar sin guardar"),
    b(FORM, &[Code(K::Enter), Ctrl('s')], A::FormSave, "Guardar"),
    b(FORM, &[Code(K::Tab), Code(K::Down)], A::FormNext, "Campo siguiente"),
    b(FORM, &[Code(K::BackTab), Code(K::Up)], A::FormPrev, "Campo anterior"),
    b(FORM, &[Code(K::Left)], A::FormChoicePrev, "En una lista de opciones: opción anterior"),
    b(FORM, &[Code(K::Right), C(' ')], A::FormChoiceNext, "En una lista de opciones: opción siguiente"),
    b(CONFIRM, &[C('s'), C('S'), Code(K::Enter)], A::Yes, "Confirmar"),
    b(CONFIRM, &[C('n'), C('N'), Code(K::Esc)], A::No, "Cancelar"),
    b(HELP, &[Code(K::Esc), C('q'), C('?')], A::Close, "Cerrar la ayuda"),
    b(HELP, &[Code(K::Up), C('k')], A::Up, "Subir"),
    b(HELP, &[Code(K::Down), C('j')], A::Down, "Bajar"),
];

/// The action for a key in a mode. In forms, keys without a binding go to the text field;
/// `choice` says whether the focused field is a list of options (so ←/→/Espacio pick).
pub fn resolve(mode: Mode, choice_field: bool, ev: &KeyEvent) -> Option<Action> {
    let applies = |bind: &Binding| match bind.mode {
        None => mode.is_screen(),
        Some(m) => m == mode,
    };
    let candidates = || {
        BINDINGS.iter().filter(|bind| applies(bind)).filter(|bind| {
            mode != Mode::Form || choice_field || !matches!(bind.action, A::FormChoicePrev | A::FormChoiceNext)
        })
    };
    let hit = |bind: &&Binding| bind.keys.iter().any(|k| k.matches(ev));
    let found = candidates()
        .filter(|bind| bind.mode.is_some())
        .find(hit)
        .or_else(|| candidates().filter(|bind| bind.mode.is_none()).find(hit))
        .map(|bind| bind.action);
    match (found, mode) {
        (None, Mode::Form) => Some(A::FormInput(*ev)),
        (None, Mode::Notes) => Some(A::NotesInput(*ev)),
        (None, Mode::MinutesEdit) => Some(A::MinutesInput(*ev)),
        (None, Mode::FollowUpSearch) => Some(A::SearchInput(*ev)),
        (found, _) => found,
    }
}

/// Help screen sections: title and (keys, description) rows, straight from `BINDINGS`.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let section = |title: &'static str, mode: Option<Mode>| {
        let rows = BINDINGS
            .iter()
            .filter(|b| b.mode == mode)
            .map(|b| (b.keys.iter().map(|k| k.describe()).collect::<Vec<_>>().join(" / "), b.help))
            .collect();
        (title, rows)
    };
    vec![
        section("En todas las pantallas", None),
        section("Calendario", CAL),
        section("Órganos", ORG),
        section("Sesión en curso", LIVE),
        section("Notas", NOTES),
        section("Acta", ACTA),
        section("Edición del acta", ACTA_EDIT),
        section("Seguimiento", FOLLOW),
        section("Búsqueda", SEARCH),
        section("Tablero", DASH),
        section("Rondas", ROUNDS),
        section("Bitácora", JOURNAL),
        section("Formularios", FORM),
        section("Confirmaciones", CONFIRM),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn screens_share_global_keys() {
        for mode in [Mode::Calendar, Mode::Bodies] {
            assert_eq!(resolve(mode, false, &key(KeyCode::Char('q'))), Some(A::Quit));
            assert_eq!(resolve(mode, false, &key(KeyCode::Char('?'))), Some(A::Help));
            assert_eq!(resolve(mode, false, &key(KeyCode::Tab)), Some(A::NextScreen));
            assert_eq!(resolve(mode, false, &key(KeyCode::Down)), Some(A::Down));
        }
    }

    #[test]
    fn same_key_means_what_the_screen_says() {
        assert_eq!(resolve(Mode::Calendar, false, &key(KeyCode::Char('n'))), Some(A::New));
        assert_eq!(resolve(Mode::Calendar, false, &key(KeyCode::Enter)), Some(A::Edit));
        assert_eq!(resolve(Mode::Bodies, false, &key(KeyCode::Enter)), Some(A::Right));
        assert_eq!(resolve(Mode::Bodies, false, &key(KeyCode::Char('t'))), Some(A::EditTitular));
        assert_eq!(resolve(Mode::Calendar, false, &key(KeyCode::Char('t'))), Some(A::Today));
        assert_eq!(resolve(Mode::Confirm, false, &key(KeyCode::Char('n'))), Some(A::No));
        assert_eq!(resolve(Mode::Confirm, false, &key(KeyCode::Char('q'))), None);
        assert_eq!(resolve(Mode::Help, false, &key(KeyCode::Esc)), Some(A::Close));
        assert_eq!(resolve(Mode::Calendar, false, &key(KeyCode::Char('z'))), None);
        assert_eq!(resolve(Mode::Console, false, &key(KeyCode::Char('j'))), Some(A::MarkJustified));
        assert_eq!(resolve(Mode::Bodies, false, &key(KeyCode::Char('j'))), Some(A::Down));
        assert_eq!(resolve(Mode::Console, false, &key(KeyCode::Char('q'))), Some(A::Quit));
        assert_eq!(resolve(Mode::Console, false, &key(KeyCode::Down)), Some(A::Down));
        let typed = key(KeyCode::Char('q'));
        assert_eq!(resolve(Mode::Notes, false, &typed), Some(A::NotesInput(typed)));
        assert_eq!(resolve(Mode::Notes, false, &key(KeyCode::Esc)), Some(A::StopNotes));
    }

    #[test]
    fn the_help_names_every_key_in_spanish() {
        for b in BINDINGS {
            for k in b.keys {
                if let Key::Code(code) = k
                    && !matches!(code, KeyCode::Tab | KeyCode::Esc)
                {
                    assert_ne!(k.describe(), format!("{code:?}"), "{code:?} has no Spanish name in the help");
                }
            }
        }
        assert_eq!(Key::Code(KeyCode::Delete).describe(), "Supr");
    }

    #[test]
    fn forms_keep_typing_keys_for_text() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(resolve(Mode::Form, false, &q), Some(A::FormInput(q)));
        let space = key(KeyCode::Char(' '));
        assert_eq!(resolve(Mode::Form, false, &space), Some(A::FormInput(space)));
        assert_eq!(resolve(Mode::Form, true, &space), Some(A::FormChoiceNext));
        let left = key(KeyCode::Left);
        assert_eq!(resolve(Mode::Form, false, &left), Some(A::FormInput(left)));
        assert_eq!(resolve(Mode::Form, true, &left), Some(A::FormChoicePrev));
        assert_eq!(resolve(Mode::Form, false, &key(KeyCode::Enter)), Some(A::FormSave));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Mode::Form, false, &ctrl_s), Some(A::FormSave));
        assert_eq!(resolve(Mode::Form, false, &key(KeyCode::Esc)), Some(A::FormCancel));
    }

    #[test]
    fn help_lists_every_binding_once() {
        let listed: usize = help_sections().iter().map(|(_, rows)| rows.len()).sum();
        let help_mode = BINDINGS.iter().filter(|b| b.mode == HELP).count();
        assert_eq!(listed + help_mode, BINDINGS.len());
        assert!(help_sections()[0].1.iter().any(|(k, d)| k == "?" || (k.starts_with("? /") && d.starts_with("Ayuda"))));
    }
}
