//! The key map as data. Each context (a screen, a screen while typing, a form, a dialog) is a
//! `KeyContext`: its bindings, each with the name the configuration file uses to remap it and
//! the words the help screen shows. Screens declare their own context in their file; the
//! contexts every screen shares are here. `keys::Keymap` applies the configuration and
//! resolves keys to actions.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl+C: asks before quitting (what is typed is saved either way).
    Interrupt,
    Help,
    NextScreen,
    PrevScreen,
    /// The screen whose tab has this digit.
    GoTab(char),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// The mouse wheel.
    ScrollUp,
    ScrollDown,
    /// A row chosen with the mouse: the screen's list (0, 1, 2… left to right) and the row.
    Select(u8, usize),
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
    /// Takes back a vote called but never counted.
    RemoveVote,
    NewAgreement,
    /// Declares the item's last agreement firme (where the reglamento allows it).
    DeclareFirm,
    /// A member's reasons for its vote (voto razonado o salvado), where the reglamento asks them.
    VoteReason,
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
    /// The document data of a body or of a session's convocatoria.
    Documents,
    MinutesInput(KeyEvent),
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
    /// Reverses the user's own last change (after confirming).
    Undo,
    /// A text in conflict: keep the user's own over the other person's.
    KeepMine,
    /// A text in conflict: the other person's, then the user's.
    JoinTexts,
    CycleActor,
    ToggleAccesses,
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
    /// A line break in a text of several lines (elsewhere in a form, it saves).
    FormNewline,
    /// A key typed into the help's search.
    HelpInput(KeyEvent),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// Alt with a key: a key of its own, which the key alone does not match.
    Alt(KeyCode),
}

impl Key {
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code && !ev.modifiers.contains(KeyModifiers::ALT),
            Key::Alt(code) => ev.code == code && ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn describe(self) -> String {
        match self {
            Key::Char(' ') => "Espacio".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Alt(code) => format!("Alt+{}", Key::Code(code).describe()),
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

    /// A key as the configuration file writes it: "z", "Ctrl+Z", "F2", "Intro", "Supr",
    /// "Espacio", "↑" or "Arriba"… (the names the help shows).
    pub fn parse(text: &str) -> Result<Key, String> {
        let t = text.trim();
        let lower = crate::domain::text::fold(t);
        if let Some(rest) = lower.strip_prefix("ctrl+").or_else(|| lower.strip_prefix("control+")) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Ok(Key::Ctrl(c)),
                _ => Err(format!("tecla «{t}» no válida: Ctrl va con una letra (Ctrl+Z)")),
            };
        }
        if let Some(rest) = lower.strip_prefix("alt+") {
            return match Key::parse(rest)? {
                Key::Code(code) => Ok(Key::Alt(code)),
                _ => Err(format!("tecla «{t}» no válida: Alt va con Intro, Tab, una flecha o F1–F12 (Alt+Intro)")),
            };
        }
        let code = match lower.as_str() {
            "intro" | "enter" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "mayus+tab" => KeyCode::BackTab,
            "supr" | "suprimir" | "delete" => KeyCode::Delete,
            "retroceso" | "backspace" => KeyCode::Backspace,
            "inicio" | "home" => KeyCode::Home,
            "fin" | "end" => KeyCode::End,
            "repag" | "pageup" => KeyCode::PageUp,
            "avpag" | "pagedown" => KeyCode::PageDown,
            "↑" | "arriba" => KeyCode::Up,
            "↓" | "abajo" => KeyCode::Down,
            "←" | "izquierda" => KeyCode::Left,
            "→" | "derecha" => KeyCode::Right,
            "espacio" => return Ok(Key::Char(' ')),
            f if f.starts_with('f') && f.len() > 1 && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = t.chars();
                return match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => Ok(Key::Char(c)),
                    _ => Err(format!("tecla «{t}» no reconocida (use una letra, Ctrl+letra, F1–F12, Intro, Esc…)")),
                };
            }
        };
        Ok(Key::Code(code))
    }
}

/// One action's keys in a context.
#[derive(Debug)]
pub struct Binding {
    /// How the configuration file names it: `deshacer`, `marcar_titular`…
    pub name: &'static str,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// What keys mean in one place of the interface.
#[derive(Debug)]
pub struct KeyContext {
    /// Its table in the configuration file (`[teclas.consola]`).
    pub id: &'static str,
    /// Its section in the help.
    pub title: &'static str,
    pub bindings: &'static [Binding],
    /// Whether the keys every screen shares (screens, help, quit, moving) apply here too.
    pub globals: bool,
    /// Where keys without a binding go: a text being typed.
    pub typing: Option<fn(KeyEvent) -> Action>,
}

pub const fn b(name: &'static str, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { name, keys, action, help }
}

use Action as A;
use Key::{Char as C, Code, Ctrl};
use KeyCode as K;

/// The keys of every screen (not while typing, nor in a form or a dialog).
pub const GLOBAL: KeyContext = KeyContext {
    id: "global",
    title: "En todas las pantallas",
    globals: false,
    typing: None,
    bindings: &[
        b("salir", &[C('q')], A::Quit, "Salir (lo escrito se guarda)"),
        b("interrumpir", &[Ctrl('c')], A::Interrupt, "Salir, después de confirmar"),
        b("ayuda", &[C('?'), Code(K::F(1))], A::Help, "Ayuda: las teclas de esta pantalla, con búsqueda"),
        b("pantalla_siguiente", &[Code(K::Tab)], A::NextScreen, "Pantalla siguiente"),
        b("pantalla_anterior", &[Code(K::BackTab)], A::PrevScreen, "Pantalla anterior"),
        b(
            "ir_a",
            &[C('1'), C('2'), C('3'), C('4'), C('5'), C('6'), C('7'), C('8'), C('9')],
            A::GoTab('#'),
            "Ir a la pantalla de ese número (el de su pestaña arriba); 3: la sesión en curso",
        ),
        b("deshacer", &[C('u')], A::Undo, "Deshacer su último cambio (pide confirmación)"),
        b("subir", &[Code(K::Up)], A::Up, "Subir"),
        b("bajar", &[Code(K::Down)], A::Down, "Bajar"),
        b("pagina_arriba", &[Code(K::PageUp)], A::PageUp, "Subir una página"),
        b("pagina_abajo", &[Code(K::PageDown)], A::PageDown, "Bajar una página"),
        b("al_principio", &[Code(K::Home)], A::Home, "Al principio"),
        b("al_final", &[Code(K::End)], A::End, "Al final"),
    ],
};

fn form_input(ev: KeyEvent) -> Action {
    A::FormInput(ev)
}

fn help_input(ev: KeyEvent) -> Action {
    A::HelpInput(ev)
}

pub const FORM: KeyContext = KeyContext {
    id: "formulario",
    title: "Formularios",
    globals: false,
    typing: Some(form_input),
    bindings: &[
        b("cancelar", &[Code(K::Esc)], A::FormCancel, "Cancelar sin guardar"),
        b("guardar", &[Code(K::Enter), Ctrl('s')], A::FormSave, "Guardar"),
        b(
            "nueva_linea",
            &[Key::Alt(K::Enter), Ctrl('j')],
            A::FormNewline,
            "En un texto de varias líneas (un acuerdo, las razones de un voto): nueva línea",
        ),
        b("campo_siguiente", &[Code(K::Tab), Code(K::Down)], A::FormNext, "Campo siguiente"),
        b("campo_anterior", &[Code(K::BackTab), Code(K::Up)], A::FormPrev, "Campo anterior"),
        b("opcion_anterior", &[Code(K::Left)], A::FormChoicePrev, "En una lista de opciones: opción anterior"),
        b(
            "opcion_siguiente",
            &[Code(K::Right), C(' ')],
            A::FormChoiceNext,
            "En una lista de opciones: opción siguiente",
        ),
    ],
};

pub const CONFIRM: KeyContext = KeyContext {
    id: "confirmacion",
    title: "Confirmaciones",
    globals: false,
    typing: None,
    bindings: &[
        b("si", &[C('s'), C('S'), Code(K::Enter)], A::Yes, "Confirmar"),
        b("no", &[C('n'), C('N'), Code(K::Esc)], A::No, "Cancelar"),
    ],
};

pub const HELP: KeyContext = KeyContext {
    id: "ayuda",
    title: "Ayuda",
    globals: false,
    typing: Some(help_input),
    bindings: &[
        b("cerrar", &[Code(K::Esc), Code(K::F(1))], A::Close, "Cerrar la ayuda"),
        b("subir", &[Code(K::Up)], A::Up, "Subir"),
        b("bajar", &[Code(K::Down)], A::Down, "Bajar"),
        b("pagina_arriba", &[Code(K::PageUp)], A::PageUp, "Subir una página"),
        b("pagina_abajo", &[Code(K::PageDown)], A::PageDown, "Bajar una página"),
    ],
};
