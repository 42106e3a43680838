//! Minutes (actas): their approval states, the hash that fixes an approved text, and merging a
//! regenerated draft into one the secretary has edited, section by section.

use sha2::{Digest, Sha256};

use super::labels::labeled_enum;

labeled_enum!(
    MinutesStatus {
        Draft => ("draft", "borrador"),
        Sent => ("sent", "enviada"),
        Observations => ("observations", "observaciones"),
        Approved => ("approved", "aprobada"),
    }
);

/// SHA-256 of the exact text, in lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

/// SHA-256 of a file's bytes (evidence attached to a follow-up), in lower-case hex.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits a Markdown text into sections: the part before the first `## ` heading, then one per
/// `## ` heading (the heading line included). Keys are the heading lines.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(String::new(), String::new())];
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") {
            out.push((line.trim_end().to_string(), String::new()));
        }
        if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}

/// The result of regenerating: the merged text and the titles of sections whose edits were
/// kept although the records changed under them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub text: String,
    pub kept: Vec<String>,
}

/// Regenerates `current` from `new_generated`: sections the secretary did not touch (equal to
/// `old_generated`) take the new text; edited sections stay as edited and are reported when
/// the records changed under them; sections the secretary added stay where they were.
pub fn merge(current: &str, old_generated: &str, new_generated: &str) -> Merge {
    let old: Vec<(String, String)> = sections(old_generated);
    let new: Vec<(String, String)> = sections(new_generated);
    let find = |list: &[(String, String)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let mut text = String::new();
    let mut kept = Vec::new();
    let mut placed: Vec<String> = Vec::new();
    for (key, body) in sections(current) {
        let before = find(&old, &key);
        let after = find(&new, &key);
        match (before, after) {
            (Some(b), Some(a)) if b == body => text.push_str(&a),
            (Some(b), Some(a)) => {
                if a != b {
                    kept.push(if key.is_empty() {
                        "Encabezado".into()
                    } else {
                        key.trim_start_matches("## ").to_string()
                    });
                }
                text.push_str(&body);
            }
            (Some(b), None) if b == body => {}
            _ => text.push_str(&body),
        }
        placed.push(key);
    }
    for (key, body) in &new {
        if !placed.contains(key) {
            if !text.ends_with("\n\n") && !text.is_empty() {
                text.push('\n');
            }
            text.push_str(body);
        }
    }
    Merge { text, kept }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "# Acta\n\nEncabezado.\n\n## Asistencia\n\nA y B.\n\n## Acuerdos\n\nNinguno.\n";

    #[test]
    fn hash_is_stable_and_exact() {
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(sha256_hex("acta"), sha256_hex("acta "));
    }

    #[test]
    fn untouched_sections_follow_the_records_and_edits_stay() {
        let edited = OLD.replace("Ninguno.", "Ninguno, según la Presidencia.");
        let new = OLD.replace("A y B.", "A, B y C.").replace("Ninguno.", "Uno: CITDP/SO-21/2024/01.");
        let m = merge(&edited, OLD, &new);
        assert!(m.text.contains("A, B y C."), "untouched section regenerated");
        assert!(m.text.contains("Ninguno, según la Presidencia."), "edit kept");
        assert_eq!(m.kept, ["Acuerdos"]);
    }

    #[test]
    fn nothing_changed_nothing_reported_and_new_sections_appended() {
        assert_eq!(merge(OLD, OLD, OLD), Merge { text: OLD.into(), kept: vec![] });
        let added = format!("{OLD}\n## Votaciones\n\nUna.\n");
        let m = merge(OLD, OLD, &added);
        assert!(m.text.ends_with("## Votaciones\n\nUna.\n"), "{}", m.text);
        let mine = format!("{OLD}\n## Nota de la Secretaría\n\nTexto propio.\n");
        assert!(merge(&mine, OLD, OLD).text.contains("Texto propio."), "own sections stay");
    }
}
