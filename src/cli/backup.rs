//! `respaldo` and `restaurar`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::changed::Answer;
use crate::backup::{self, Contents};
use crate::ops::{self, Context, Op};
use crate::store::Store;

type Result<T> = std::result::Result<T, String>;

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
}

pub fn respaldo(store: &mut Store, ctx: &Context, file: &Path, overwrite: bool, json: bool) -> Result<()> {
    let written = backup::backup(store, file, overwrite).map_err(|e| e.to_string())?;
    // As `ops::access` does, but keeping the entry's number for the JSON answer.
    let op = Op::Access(ops::Access::Backup { file: file.display().to_string() });
    let code = op.code();
    let seq = match ops::run(store, ctx, op) {
        Ok(done) => done.seq,
        Err(ops::OpError::ReadOnly) => None,
        Err(e) => return Err(e.to_string()),
    };
    if json {
        let problems: Vec<String> = written.report.problems().map(|p| p.to_string()).collect();
        Answer::new(seq, &code)
            .with("archivo", file.display().to_string())
            .with("bytes", written.size)
            .with("contenido", written.contents.to_string())
            .with("verificado", written.report.ok)
            .with("problemas", problems)
            .print();
    } else {
        outln!("Respaldo escrito en {} ({}): {}.", file.display(), size(written.size), written.contents);
    }
    if written.report.ok {
        if json {
            return Ok(());
        }
        outln!("Verificación del respaldo: correcta.");
        return Ok(());
    }
    if !json {
        for p in written.report.problems() {
            outln!("  ✘ {p}");
        }
    }
    Err(format!(
        "el respaldo se escribió, pero su verificación encontró {} (los mismos que tiene la base en uso; «secretaria verificar» los detalla)",
        crate::domain::text::counted(written.report.problems().count() as i64, "problema", "problemas")
    ))
}

/// Asks on the terminal; a script confirms with `--si`.
fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(
            "la restauración reemplaza la base en uso: confírmela con «--si» (no hay una terminal donde preguntar)"
                .into(),
        );
    }
    eprint!("{question} [s/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).map_err(|e| e.to_string())?;
    Ok(matches!(crate::domain::text::fold(&answer).as_str(), "s" | "si"))
}

fn describe(label: &str, c: &Contents) -> String {
    format!("{label}: {c}.")
}

pub fn restaurar(db: &Path, ctx: &Context, file: &Path, yes: bool, json: bool) -> Result<()> {
    let candidate = backup::candidate(file, db).map_err(|e| e.to_string())?;
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let current = backup::contents(store.conn()).map_err(|e| e.to_string())?;
    // With --json, standard output carries only the answer: what is said before goes to stderr.
    let say = |text: &str| {
        if json {
            eprintln!("{}", crate::domain::text::printable(text));
        } else {
            outln!("{text}");
        }
    };
    say(&describe(&format!("Respaldo «{}»", file.display()), &candidate.contents));
    say(&describe(&format!("Base en uso «{}»", db.display()), &current));
    if !candidate.report.ok {
        say("Atención: la verificación del respaldo encontró problemas:");
        for p in candidate.report.problems() {
            say(&format!("  ✘ {p}"));
        }
    }
    // A backup older than the last change in use loses what came after it: say so first.
    let older = match (&candidate.contents.last_change, &current.last_change) {
        (Some(b), Some(c)) => b < c,
        (None, Some(_)) => true,
        _ => false,
    };
    if older {
        say(
            "Atención: el respaldo es anterior a los últimos cambios de la base en uso; esos cambios quedarán solo en la base reemplazada.",
        );
    }
    let question = "¿Reemplazar la base en uso por el respaldo? La actual quedará guardada al lado.";
    if !yes && !confirm(question)? {
        if json {
            Answer::new(None, "restore").with("archivo", file.display().to_string()).with("restaurada", false).print();
        } else {
            outln!("No se restauró nada.");
        }
        return Ok(());
    }
    let keep = backup::kept_name(db, ctx.now());
    backup::restore(&mut store, &candidate, &keep).map_err(|e| e.to_string())?;
    let op = Op::Restore {
        file: file.display().to_string(),
        sha256: candidate.sha256.clone(),
        kept: keep.display().to_string(),
    };
    let code = op.code();
    let done = ops::run(&mut store, ctx, op).map_err(|e| e.to_string())?;
    if json {
        Answer::new(done.seq, &code)
            .with("archivo", file.display().to_string())
            .with("restaurada", true)
            .with("reemplazada", keep.display().to_string())
            .print();
        return Ok(());
    }
    outln!("Base restaurada desde «{}». La que se reemplazó quedó en «{}».", file.display(), keep.display());
    Ok(())
}
