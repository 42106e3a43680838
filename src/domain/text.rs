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

#[cfg(test)]
mod tests {
    #[test]
    fn folds_case_and_accents_but_keeps_enie() {
        assert_eq!(super::fold(" Sesión ÚNICA "), "sesion unica");
        assert_eq!(super::fold("Año"), "año");
    }
}
