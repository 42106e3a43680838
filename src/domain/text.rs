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

#[cfg(test)]
mod tests {
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
