//! Colours and styles in one place: a dark palette (light text on a dark terminal), a light one
//! (dark text on a white terminal, where yellow cannot be read), and the configuration's own
//! colours by role on top of either.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::config::{Theme, ThemeMode};
use crate::domain::followup::Light;

/// The colours of every role the screens use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// The selected row's background (`None`: reversed video, right on any terminal).
    pub selection: Option<Color>,
    pub title: Option<Color>,
    pub dim: Color,
    pub error: Color,
    pub ok: Color,
    pub warning: Color,
    pub border: Color,
    /// The semáforo: red, amber, green.
    pub red: Color,
    pub amber: Color,
    pub green: Color,
    pub bodies: [Color; 10],
}

pub const DARK: Palette = Palette {
    selection: None,
    title: None,
    dim: Color::DarkGray,
    error: Color::LightRed,
    ok: Color::LightGreen,
    warning: Color::Yellow,
    border: Color::LightCyan,
    red: Color::Red,
    amber: Color::Yellow,
    green: Color::Green,
    bodies: [
        Color::LightCyan,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightMagenta,
        Color::LightBlue,
        Color::LightRed,
        Color::Cyan,
        Color::Green,
        Color::Yellow,
        Color::Magenta,
    ],
};

/// For a white background: no yellow or light colours, which vanish on it.
pub const LIGHT: Palette = Palette {
    selection: None,
    title: None,
    dim: Color::Indexed(244),
    error: Color::Indexed(160),
    ok: Color::Indexed(28),
    warning: Color::Indexed(130),
    border: Color::Indexed(25),
    red: Color::Indexed(160),
    amber: Color::Indexed(130),
    green: Color::Indexed(28),
    bodies: [
        Color::Indexed(25),
        Color::Indexed(28),
        Color::Indexed(130),
        Color::Indexed(90),
        Color::Indexed(31),
        Color::Indexed(124),
        Color::Indexed(23),
        Color::Indexed(58),
        Color::Indexed(94),
        Color::Indexed(54),
    ],
};

static PALETTE: OnceLock<Palette> = OnceLock::new();

/// The colour a configuration names: a Spanish (or English) colour name, a terminal colour
/// number (0–255) or `#rrggbb`.
pub fn parse_color(text: &str) -> Result<Color, String> {
    let t = crate::domain::text::fold(text.trim());
    let named = match t.as_str() {
        "negro" | "black" => Some(Color::Black),
        "rojo" | "red" => Some(Color::Red),
        "verde" | "green" => Some(Color::Green),
        "amarillo" | "yellow" => Some(Color::Yellow),
        "azul" | "blue" => Some(Color::Blue),
        "magenta" | "morado" => Some(Color::Magenta),
        "cian" | "cyan" => Some(Color::Cyan),
        "blanco" | "white" => Some(Color::White),
        "gris" | "gray" | "grey" => Some(Color::Gray),
        "gris oscuro" | "darkgray" => Some(Color::DarkGray),
        "rojo claro" => Some(Color::LightRed),
        "verde claro" => Some(Color::LightGreen),
        "azul claro" => Some(Color::LightBlue),
        "cian claro" => Some(Color::LightCyan),
        _ => None,
    };
    if let Some(c) = named {
        return Ok(c);
    }
    if let Some(hex) = t.strip_prefix('#')
        && hex.len() == 6
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(n) = t.parse::<u8>() {
        return Ok(Color::Indexed(n));
    }
    Err(format!("color «{text}» no reconocido (use un nombre como «azul», un número de 0 a 255 o «#rrggbb»)"))
}

impl Palette {
    /// The palette a configuration asks for; what cannot apply is reported and left as it was.
    pub fn from_config(theme: &Theme) -> (Palette, Vec<String>) {
        let mut p = match theme.modo {
            ThemeMode::Dark => DARK,
            ThemeMode::Light => LIGHT,
        };
        let mut problems = Vec::new();
        for (role, value) in &theme.colores {
            let color = match parse_color(value) {
                Ok(c) => c,
                Err(e) => {
                    problems.push(format!("tema.colores.{role}: {e}"));
                    continue;
                }
            };
            match role.as_str() {
                "seleccion" => p.selection = Some(color),
                "titulo" => p.title = Some(color),
                "tenue" => p.dim = color,
                "error" => p.error = color,
                "bien" => p.ok = color,
                "aviso" => p.warning = color,
                "borde" => p.border = color,
                other => problems.push(format!(
                    "tema.colores.{other}: no hay ese color (seleccion, titulo, tenue, error, bien, aviso, borde)"
                )),
            }
        }
        (p, problems)
    }
}

/// Sets the palette for this run from the configuration; returns what it could not apply.
pub fn init(theme: &Theme) -> Vec<String> {
    let (palette, problems) = Palette::from_config(theme);
    let _ = PALETTE.set(palette);
    problems
}

fn p() -> &'static Palette {
    PALETTE.get().unwrap_or(&DARK)
}

pub fn body_color(index: usize) -> Color {
    p().bodies[index % p().bodies.len()]
}

pub fn selected() -> Style {
    match p().selection {
        Some(bg) => Style::default().bg(bg).fg(Color::White),
        None => Style::default().add_modifier(Modifier::REVERSED),
    }
}

pub fn title() -> Style {
    let s = Style::default().add_modifier(Modifier::BOLD);
    match p().title {
        Some(c) => s.fg(c),
        None => s,
    }
}

pub fn dim() -> Style {
    Style::default().fg(p().dim)
}

pub fn error() -> Style {
    Style::default().fg(p().error).add_modifier(Modifier::BOLD)
}

pub fn ok() -> Style {
    Style::default().fg(p().ok)
}

pub fn warning() -> Style {
    Style::default().fg(p().warning)
}

pub fn demo_badge() -> Style {
    Style::default().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn focused_border() -> Style {
    Style::default().fg(p().border)
}

pub fn quorum_ok() -> Style {
    Style::default().fg(Color::Black).bg(Color::LightGreen).add_modifier(Modifier::BOLD)
}

pub fn quorum_missing() -> Style {
    Style::default().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
}

/// The semáforo's colours (charts and gauges).
pub fn red() -> Color {
    p().red
}

pub fn amber() -> Color {
    p().amber
}

pub fn green() -> Color {
    p().green
}

/// The semáforo as a coloured mark with its word, the same width whatever the light, so
/// columns after it line up; closed commitments have none.
pub fn light(l: Option<Light>) -> Span<'static> {
    match l {
        Some(Light::Red) => Span::styled("● rojo    ", Style::default().fg(red()).add_modifier(Modifier::BOLD)),
        Some(Light::Yellow) => Span::styled("● amarillo", Style::default().fg(amber()).add_modifier(Modifier::BOLD)),
        Some(Light::Green) => Span::styled("● verde   ", Style::default().fg(green())),
        None => Span::styled("○ cerrado ", dim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_and_dark_palettes_and_custom_colours() {
        let mut theme = Theme::default();
        assert_eq!(Palette::from_config(&theme), (DARK, vec![]));
        theme.modo = ThemeMode::Light;
        let (light, problems) = Palette::from_config(&theme);
        assert!(problems.is_empty());
        assert_eq!(light, LIGHT);
        let unreadable_on_white = [Color::Yellow, Color::LightYellow, Color::LightCyan, Color::White];
        for c in [light.warning, light.amber, light.border, light.dim].iter().chain(&light.bodies) {
            assert!(!unreadable_on_white.contains(c), "{c:?}");
        }
        for (role, value) in
            [("seleccion", "#005f87"), ("aviso", "azul"), ("borde", "33"), ("tenue", "plata"), ("x", "rojo")]
        {
            theme.colores.insert(role.into(), value.into());
        }
        let (custom, problems) = Palette::from_config(&theme);
        assert_eq!(custom.selection, Some(Color::Rgb(0, 0x5f, 0x87)));
        assert_eq!(custom.warning, Color::Blue);
        assert_eq!(custom.border, Color::Indexed(33));
        assert_eq!(custom.dim, LIGHT.dim, "a colour it cannot read leaves the role as it was");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("«plata»")));
        assert!(problems.iter().any(|p| p.contains("tema.colores.x")));
        assert_eq!(parse_color("Gris oscuro"), Ok(Color::DarkGray));
        assert!(parse_color("#12345").is_err());
    }
}
