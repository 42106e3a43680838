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

/// `text` safe to print on a terminal: control characters (escape sequences that could move
/// the cursor, change colours or retitle the window) shown as their visible pictures
/// ("␛"), line breaks and tabs kept. The text stays readable and nothing in it acts.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| match c {
        '\n' | '\t' => c,
        '\u{7f}' => '\u{2421}',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        c if ('\u{80}'..='\u{9f}').contains(&c) => '\u{fffd}',
        c => c,
    };
    if text.chars().all(|c| shown(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(shown).collect())
    }
}

/// A spreadsheet cell that cannot run as a formula: one starting with «=», «+», «-», «@», a
/// tab or a carriage return is prefixed with an apostrophe, as spreadsheets themselves do.
pub fn inert_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The word in the number `n` asks for: the program's one plural rule (Spanish uses the
/// singular for one only; "0 abstenciones", "1 abstención", "1,5 días" is not counted here).
pub fn plural<'a>(n: i64, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

/// "1 avance", "3 avances": a count with its noun in the right number.
pub fn counted(n: i64, singular: &str, plural_form: &str) -> String {
    format!("{n} {}", plural(n, singular, plural_form))
}

/// "la Comisión Intersecretarial", "el Grupo de Trabajo de Prevención": a body's name with
/// the article its first word takes.
pub fn with_article(name: &str) -> String {
    let first = fold(name.split_whitespace().next().unwrap_or(""));
    // Bodies, and the places they meet in ("el Salón Juárez", "las Oficinas Centrales").
    let masculine = [
        "grupo",
        "subgrupo",
        "consejo",
        "comite",
        "pleno",
        "gabinete",
        "sistema",
        "mecanismo",
        "salon",
        "auditorio",
        "despacho",
        "edificio",
        "centro",
        "palacio",
        "ministerio",
        "patronato",
        "instituto",
        "hotel",
        "museo",
    ];
    let article = if masculine.contains(&first.as_str()) {
        "el"
    } else if first.ends_with("os") {
        "los"
    } else if first.ends_with("as") {
        "las"
    } else {
        "la"
    };
    format!("{article} {}", name.trim())
}

/// "de la Comisión …", "del Grupo de Trabajo …".
pub fn of_name(name: &str) -> String {
    let with = with_article(name);
    match with.strip_prefix("el ") {
        Some(rest) => format!("del {rest}"),
        None => format!("de {with}"),
    }
}

/// "SEGOB", "SEGOB y SRE", "SEGOB, SRE y FGR".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} y {last}", rest.join(", ")),
    }
}

/// "Guatemala", "Guatemala y Panamá", "Belice, Guatemala y Panamá".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} y {last}", rest.join(", ")),
    }
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
    fn nothing_printed_acts_on_the_terminal_or_the_spreadsheet() {
        assert_eq!(super::printable("Acta\n\tlista"), "Acta\n\tlista");
        assert_eq!(super::printable("a\u{1b}[2Jb\u{7}"), "a\u{241b}[2Jb\u{2407}");
        assert_eq!(super::inert_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::inert_cell("-5"), "'-5");
        assert_eq!(super::inert_cell("Oficio 5"), "Oficio 5");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::shortened("Difundir la ruta", 20), "Difundir la ruta");
        assert_eq!(super::shortened("Difundir la ruta de atención", 20), "Difundir la ruta de…");
        assert_eq!(super::shortened("Difundir, la ruta", 10), "Difundir…");
        assert_eq!(super::shortened("Transversalización", 8), "Transve…");
    }

    #[test]
    fn articles_and_lists() {
        assert_eq!(super::of_name("Grupo de Trabajo de Prevención"), "del Grupo de Trabajo de Prevención");
        assert_eq!(super::of_name("Comisión Intersecretarial"), "de la Comisión Intersecretarial");
        assert_eq!(super::with_article("Coalición Regional"), "la Coalición Regional");
        assert_eq!(super::with_article("Oficinas Centrales del PANI"), "las Oficinas Centrales del PANI");
        assert_eq!(super::with_article("Salón Revolución"), "el Salón Revolución");
        assert_eq!(super::with_article("Sala de Juntas"), "la Sala de Juntas");
        assert_eq!(super::plural(1, "voto", "votos"), "voto");
        assert_eq!(super::plural(0, "voto", "votos"), "votos");
        assert_eq!(super::counted(2, "día", "días"), "2 días");
        let l = |v: &[&str]| super::and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["SEGOB", "SRE", "FGR"]), "SEGOB, SRE y FGR");
        assert_eq!(l(&["SEGOB"]), "SEGOB");
        assert_eq!(l(&[]), "");
    }

    #[test]
    fn a_count_agrees_with_its_noun() {
        assert_eq!(super::counted(1, "avance", "avances"), "1 avance");
        assert_eq!(super::counted(0, "oficio", "oficios"), "0 oficios");
        assert_eq!(super::counted(12, "cambio de estado", "cambios de estado"), "12 cambios de estado");
    }

    #[test]
    fn lists_end_with_y() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(super::join_and(&names(&[])), "");
        assert_eq!(super::join_and(&names(&["Belice"])), "Belice");
        assert_eq!(super::join_and(&names(&["Belice", "Panamá", "Guatemala"])), "Belice, Panamá y Guatemala");
    }

    #[test]
    fn folds_case_and_accents_but_keeps_enie() {
        assert_eq!(super::fold(" Sesión ÚNICA "), "sesion unica");
        assert_eq!(super::fold("Año"), "año");
    }
}
