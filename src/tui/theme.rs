//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::domain::followup::Light;

/// Distinct colours for bodies on the calendar, picked by the body's place in the tree.
const BODY_COLORS: [Color; 10] = [
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
];

pub fn body_color(index: usize) -> Color {
    BODY_COLORS[index % BODY_COLORS.len()]
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::default().fg(Color::LightRed).add_modifier(Modifier::BOLD)
}

pub fn ok() -> Style {
    Style::default().fg(Color::LightGreen)
}

pub fn warning() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn demo_badge() -> Style {
    Style::default().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn focused_border() -> Style {
    Style::default().fg(Color::LightCyan)
}

pub fn quorum_ok() -> Style {
    Style::default().fg(Color::Black).bg(Color::LightGreen).add_modifier(Modifier::BOLD)
}

pub fn quorum_missing() -> Style {
    Style::default().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
}

/// The semáforo as a coloured mark with its word, the same width whatever the light, so
/// columns after it line up; closed commitments have none.
pub fn light(l: Option<Light>) -> Span<'static> {
    match l {
        Some(Light::Red) => Span::styled("● rojo    ", Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)),
        Some(Light::Yellow) => {
            Span::styled("● amarillo", Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD))
        }
        Some(Light::Green) => Span::styled("● verde   ", Style::default().fg(Color::Green)),
        None => Span::styled("○ cerrado ", dim()),
    }
}
