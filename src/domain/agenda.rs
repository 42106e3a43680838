//! The standard agenda every session opens and closes with; the body's own items go between.

pub const ROLL_CALL: &str = "Lista de asistencia y verificación del quórum";
pub const AGENDA_APPROVAL: &str = "Lectura y aprobación del orden del día";
pub const PREVIOUS_MINUTES: &str = "Lectura y aprobación del acta de la sesión anterior";
pub const GENERAL_MATTERS: &str = "Asuntos generales";
pub const CLOSING: &str = "Clausura";

/// The agenda of a new session: the three opening items, the body's own, general matters and
/// closing.
pub fn standard(body_items: &[String]) -> Vec<String> {
    standard_closing_with(body_items, GENERAL_MATTERS)
}

/// The standard agenda with the closing item the body's style names ("Asuntos generales",
/// "Asuntos varios", "Puntos varios").
pub fn standard_closing_with(body_items: &[String], general: &str) -> Vec<String> {
    let mut items: Vec<String> = [ROLL_CALL, AGENDA_APPROVAL, PREVIOUS_MINUTES].map(String::from).to_vec();
    items.extend(body_items.iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()));
    items.push(general.into());
    items.push(CLOSING.into());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_items_sit_between_opening_and_closing() {
        let items = standard(&["Informe de la Secretaría Técnica".into(), "  ".into()]);
        assert_eq!(
            items,
            [
                ROLL_CALL,
                AGENDA_APPROVAL,
                PREVIOUS_MINUTES,
                "Informe de la Secretaría Técnica",
                GENERAL_MATTERS,
                CLOSING
            ]
        );
        assert_eq!(standard(&[]).len(), 5);
    }
}
