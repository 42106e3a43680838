//! Small helpers for comparing Spanish text typed by people.

/// Lower-case without accents, so "Sesión", "sesion" and "SESIÓN" compare equal.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'ï' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// "1 avance", "3 avances": a count with its noun in the right number.
pub fn counted(n: i64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// At most `max` characters, cut at a word and marked with "…" when cut.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let keep = max.saturating_sub(1);
    let cut: String = text.chars().take(keep).collect();
    let whole_word = text.chars().nth(keep).is_some_and(char::is_whitespace);
    let at_word = match cut.rfind(' ') {
        Some(i) if i > 0 && !whole_word => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::shortened("Difundir la ruta", 20), "Difundir la ruta");
        assert_eq!(super::shortened("Difundir la ruta de atención", 20), "Difundir la ruta de…");
        assert_eq!(super::shortened("Difundir, la ruta", 10), "Difundir…");
        assert_eq!(super::shortened("Transversalización", 8), "Transve…");
    }

    #[test]
    fn a_count_agrees_with_its_noun() {
        assert_eq!(super::counted(1, "avance", "avances"), "1 avance");
        assert_eq!(super::counted(0, "oficio", "oficios"), "0 oficios");
        assert_eq!(super::counted(12, "cambio de estado", "cambios de estado"), "12 cambios de estado");
    }

    #[test]
    fn folds_case_and_accents_but_keeps_enie() {
        assert_eq!(super::fold(" Sesión ÚNICA "), "sesion unica");
        assert_eq!(super::fold("Año"), "año");
    }
}
