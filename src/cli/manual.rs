//! `completions`, `manual` and `help`: what the program says about itself, from the same
//! Spanish command definition the help screens use.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, spanish};

type Result<T> = std::result::Result<T, String>;

/// The command line as the help shows it: Spanish headings, usage and help flags.
fn definition() -> clap::Command {
    let mut cmd = spanish::command(Cli::command());
    cmd.build();
    cmd
}

fn written(r: std::io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("no se pudo escribir: {e}")),
        _ => Ok(()),
    }
}

/// The completion script for bash, zsh or fish, on standard output.
pub fn completions(shell: &str) -> Result<()> {
    let shell = match shell {
        "bash" => clap_complete::Shell::Bash,
        "zsh" => clap_complete::Shell::Zsh,
        "fish" => clap_complete::Shell::Fish,
        other => return Err(format!("intérprete «{other}» no válido; use bash, zsh o fish")),
    };
    let mut cmd = definition();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "secretaria", &mut out);
    written(std::io::stdout().lock().write_all(&out))
}

/// The manual page (roff) of the program and, after it, one section per order with its
/// options, all with Spanish headings.
pub fn manual() -> Result<()> {
    let text = manual_text().map_err(|e| format!("no se pudo generar el manual: {e}"))?;
    written(std::io::stdout().lock().write_all(text.as_bytes()))
}

/// clap_mangen's fixed English words, in Spanish.
fn spanish_roff(roff: &str) -> String {
    const WORDS: [(&str, &str); 8] = [
        (".SH NAME", ".SH NOMBRE"),
        (".SH SYNOPSIS", ".SH SINOPSIS"),
        (".SH DESCRIPTION", ".SH DESCRIPCIÓN"),
        (".SH OPTIONS", ".SH OPCIONES"),
        (".SH SUBCOMMANDS", ".SH ÓRDENES"),
        (".SH VERSION", ".SH VERSIÓN"),
        (".SH AUTHORS", ".SH AUTORES"),
        ("[default: ", "[por omisión: "),
    ];
    let mut out = roff.to_string();
    for (en, es) in WORDS {
        out = out.replace(en, es);
    }
    // The orders are sections of this one page, not pages of their own («secretaria-demo(1)»).
    let lines: Vec<String> = out
        .lines()
        .map(|l| match l.strip_prefix("secretaria\\-").and_then(|rest| rest.strip_suffix("(1)")) {
            Some(name) => format!("\\fBsecretaria {name}\\fR"),
            None if l == ".SH Órdenes" => ".SH ÓRDENES".to_string(),
            None => l.to_string(),
        })
        .collect();
    lines.join("\n").replace("Possible values:", "Valores posibles:") + "\n"
}

fn render(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> std::io::Result<String> {
    let mut buf = Vec::new();
    f(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

pub fn manual_text() -> std::io::Result<String> {
    let cmd = definition();
    let man = clap_mangen::Man::new(cmd.clone()).title("SECRETARIA").section("1").manual("Manual de secretaria");
    let mut text = render(|b| man.render(b))?;
    // Every order with its synopsis and options, as a section of the one page.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        text.push_str(&sub_section(sub, &format!("secretaria {}", sub.get_name()))?);
        for action in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            let path = format!("secretaria {} {}", sub.get_name(), action.get_name());
            text.push_str(&sub_section(action, &path)?);
        }
    }
    // The coding line lets man (preconv) read the accents as UTF-8 whatever the locale.
    Ok(format!(".\\\" -*- coding: UTF-8 -*-\n{}", spanish_roff(&text)))
}

fn sub_section(cmd: &clap::Command, path: &str) -> std::io::Result<String> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = format!(".SH \"{}\"\n", path.to_uppercase());
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        out.push_str(&format!(".PP\n{}\n", roff_text(&about.to_string())));
    }
    out.push_str(&format!(".PP\n\\fBUso:\\fR {}\n", roff_text(&cmd.clone().render_usage().to_string())));
    // Options as sub-sections of the order's section.
    let options = render(|b| man.render_options_section(b))?;
    out.push_str(&options.replace(".SH ", ".SS "));
    Ok(out)
}

/// Text safe in a roff line: no leading dot or quote that roff would read as a request, and
/// backslashes escaped.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('\\', "\\e");
            if l.starts_with(['.', '\'']) { format!("\\&{l}") } else { l }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `secretaria help [ORDEN [ACCIÓN]]`: the help of the program or of one order.
pub fn help(path: &[String]) -> Result<()> {
    let mut cmd = definition();
    let mut current = &mut cmd;
    let mut said = String::from("secretaria");
    for name in path {
        said.push(' ');
        said.push_str(name);
        let known: Vec<String> = current.get_subcommands().map(|s| s.get_name().to_string()).collect();
        current = match current.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => {
                let close = known.iter().find(|k| strsim_close(k, name));
                let hint = close.map(|k| format!("; ¿quiso decir «{k}»?")).unwrap_or_default();
                return Err(format!("orden desconocida «{said}»{hint}"));
            }
        };
    }
    written(write!(std::io::stdout().lock(), "{}", current.render_help()))
}

/// Whether `a` and `b` differ by at most two edits (a typo).
fn strsim_close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()] <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manual_is_in_spanish_and_covers_every_order() {
        let text = manual_text().expect("manual");
        for heading in [".SH NOMBRE", ".SH SINOPSIS", ".SH DESCRIPCIÓN", ".SH OPCIONES", ".SH ÓRDENES"] {
            assert!(text.contains(heading), "{heading}");
        }
        for english in [".SH NAME", ".SH OPTIONS", "[default:", "Possible values", "Print help"] {
            assert!(!text.contains(english), "{english}");
        }
        for order in ["SECRETARIA CALENDARIO", "SECRETARIA RONDA LISTA", "SECRETARIA ACUERDOS"] {
            assert!(text.contains(order), "{order}");
        }
        assert!(text.contains("\\-\\-separador"), "options of the orders are listed");
    }

    #[test]
    fn typos_are_close() {
        assert!(strsim_close("calendario", "calendaro"));
        assert!(!strsim_close("calendario", "bitacora"));
    }
}
