//! Spanish feminine ordinals ("Vigésima Primera", "21ª") as the bodies write them in their
//! calendars. Compound forms ("Décima Primera", not "Undécima") because that is what the
//! source documents use.

const UNITS: [&str; 10] =
    ["", "Primera", "Segunda", "Tercera", "Cuarta", "Quinta", "Sexta", "Séptima", "Octava", "Novena"];
const TENS: [&str; 10] = [
    "",
    "Décima",
    "Vigésima",
    "Trigésima",
    "Cuadragésima",
    "Quincuagésima",
    "Sexagésima",
    "Septuagésima",
    "Octogésima",
    "Nonagésima",
];
const HUNDRED: &str = "Centésima";

/// Largest ordinal the program writes in words.
pub const MAX_ORDINAL: u32 = 199;

/// "Vigésima Primera" for 21. `None` outside 1..=199.
pub fn ordinal_words(n: u32) -> Option<String> {
    if n == 0 || n > MAX_ORDINAL {
        return None;
    }
    let parts = [if n >= 100 { HUNDRED } else { "" }, TENS[((n % 100) / 10) as usize], UNITS[(n % 10) as usize]];
    Some(parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" "))
}

/// "21ª".
pub fn ordinal_short(n: u32) -> String {
    format!("{n}ª")
}

/// Reads an ordinal as the documents write it: words ("Vigésima Primera", any case, with or
/// without accents), short form ("21ª", "21°", "21a") or Roman numerals ("XXI").
pub fn parse_ordinal(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = t[digits.len()..].trim();
        let ok_suffix = matches!(rest, "" | "ª" | "°" | "º" | "a" | "va" | "ra" | "da" | "ta");
        return if ok_suffix { digits.parse().ok().filter(|n| *n > 0) } else { None };
    }
    parse_words(t).or_else(|| parse_roman(t))
}

fn parse_words(text: &str) -> Option<u32> {
    let norm = crate::domain::text::fold(text);
    let mut total = 0;
    let mut last_rank = u32::MAX;
    for word in norm.split_whitespace() {
        let (value, rank) = if word == crate::domain::text::fold(HUNDRED) {
            (100, 3)
        } else if let Some(i) = TENS.iter().position(|w| !w.is_empty() && crate::domain::text::fold(w) == word) {
            (i as u32 * 10, 2)
        } else if let Some(i) = UNITS.iter().position(|w| !w.is_empty() && crate::domain::text::fold(w) == word) {
            (i as u32, 1)
        } else {
            return None;
        };
        if rank >= last_rank {
            return None;
        }
        last_rank = rank;
        total += value;
    }
    (total > 0).then_some(total)
}

fn parse_roman(text: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let vals: Option<Vec<u32>> = text.chars().map(value).collect();
    let vals = vals?;
    let mut total = 0i64;
    for (i, v) in vals.iter().enumerate() {
        match vals.get(i + 1) {
            Some(next) if next > v => total -= i64::from(*v),
            _ => total += i64::from(*v),
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0 && *n <= MAX_ORDINAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every feminine ordinal written in words in the seed documents, with its number.
    const SEEDS: &[(u32, &str)] = &[
        (10, "Décima"),
        (11, "Décima Primera"),
        (12, "Décima Segunda"),
        (13, "Décima Tercera"),
        (14, "Décima Cuarta"),
        (15, "Décima Quinta"),
        (21, "Vigésima Primera"),
        (22, "Vigésima Segunda"),
        (23, "Vigésima Tercera"),
        (32, "Trigésima Segunda"),
        (33, "Trigésima Tercera"),
        (34, "Trigésima Cuarta"),
        (35, "Trigésima Quinta"),
        (7, "Séptima"),
        (6, "Sexta"),
        (1, "Primera"),
        (2, "Segunda"),
        (3, "Tercera"),
        (4, "Cuarta"),
    ];

    #[test]
    fn seed_ordinals_are_written_as_in_the_documents() {
        for (n, words) in SEEDS {
            assert_eq!(ordinal_words(*n).as_deref(), Some(*words), "{n}");
            assert_eq!(parse_ordinal(words), Some(*n), "{words}");
        }
    }

    #[test]
    fn short_forms_from_the_seeds() {
        let seen = [
            ("1ª", 1),
            ("2ª", 2),
            ("3ª", 3),
            ("3º", 3),
            ("3°", 3),
            ("4ª", 4),
            ("5ª", 5),
            ("6ª", 6),
            ("7ª", 7),
            ("8ª", 8),
            ("9ª", 9),
            ("10ª", 10),
            ("11ª", 11),
            ("12ª", 12),
            ("13ª", 13),
            ("14ª", 14),
            ("19ª", 19),
            ("20ª", 20),
            ("33°", 33),
        ];
        for (text, n) in seen {
            assert_eq!(parse_ordinal(text), Some(n), "{text}");
        }
        assert_eq!(ordinal_short(21), "21ª");
    }

    #[test]
    fn roman_numerals_from_the_seeds() {
        for (text, n) in [("X", 10), ("XI", 11), ("XII", 12), ("XIII", 13), ("XIV", 14), ("XV", 15)] {
            assert_eq!(parse_ordinal(text), Some(n), "{text}");
        }
    }

    #[test]
    fn every_ordinal_round_trips() {
        for n in 1..=MAX_ORDINAL {
            let w = ordinal_words(n).expect("in range");
            assert_eq!(parse_ordinal(&w), Some(n), "{w}");
            assert_eq!(parse_ordinal(&w.to_lowercase()), Some(n), "{w}");
            assert_eq!(parse_ordinal(&ordinal_short(n)), Some(n));
        }
    }

    #[test]
    fn boundaries_and_edges() {
        assert_eq!(ordinal_words(0), None);
        assert_eq!(ordinal_words(200), None);
        assert_eq!(ordinal_words(1).as_deref(), Some("Primera"));
        assert_eq!(ordinal_words(100).as_deref(), Some("Centésima"));
        assert_eq!(ordinal_words(101).as_deref(), Some("Centésima Primera"));
        assert_eq!(ordinal_words(110).as_deref(), Some("Centésima Décima"));
        assert_eq!(ordinal_words(199).as_deref(), Some("Centésima Nonagésima Novena"));
        assert_eq!(ordinal_words(40).as_deref(), Some("Cuadragésima"));
        assert_eq!(ordinal_words(57).as_deref(), Some("Quincuagésima Séptima"));
        assert_eq!(parse_ordinal("vigesima primera"), Some(21));
        assert_eq!(parse_ordinal("Primera Vigésima"), None);
        assert_eq!(parse_ordinal("Primera Primera"), None);
        assert_eq!(parse_ordinal("Vigésimo"), None);
        assert_eq!(parse_ordinal(""), None);
        assert_eq!(parse_ordinal("0ª"), None);
        assert_eq!(parse_ordinal("21 de"), None);
    }
}
