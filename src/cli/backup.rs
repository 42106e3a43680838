//! `respaldo` and `restaurar`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::backup::{self, Contents};
use crate::ops::{self, Context, Op};
use crate::store::Store;

type Result<T> = std::result::Result<T, String>;

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
}

pub fn respaldo(store: &mut Store, ctx: &Context, file: &Path, overwrite: bool) -> Result<()> {
    let written = backup::backup(store, file, overwrite).map_err(|e| e.to_string())?;
    ops::access(store, ctx, ops::Access::Backup { file: file.display().to_string() }).map_err(|e| e.to_string())?;
    outln!("Respaldo escrito en {} ({}): {}.", file.display(), size(written.size), written.contents);
    if written.report.ok {
        outln!("Verificación del respaldo: correcta.");
        return Ok(());
    }
    for p in written.report.problems() {
        outln!("  ✘ {p}");
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

pub fn restaurar(db: &Path, ctx: &Context, file: &Path, yes: bool) -> Result<()> {
    let candidate = backup::candidate(file, db).map_err(|e| e.to_string())?;
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let current = backup::contents(store.conn()).map_err(|e| e.to_string())?;
    outln!("{}", describe(&format!("Respaldo «{}»", file.display()), &candidate.contents));
    outln!("{}", describe(&format!("Base en uso «{}»", db.display()), &current));
    if !candidate.report.ok {
        outln!("Atención: la verificación del respaldo encontró problemas:");
        for p in candidate.report.problems() {
            outln!("  ✘ {p}");
        }
    }
    // A backup older than the last change in use loses what came after it: say so first.
    let older = match (&candidate.contents.last_change, &current.last_change) {
        (Some(b), Some(c)) => b < c,
        (None, Some(_)) => true,
        _ => false,
    };
    if older {
        outln!(
            "Atención: el respaldo es anterior a los últimos cambios de la base en uso; esos cambios quedarán solo en la base reemplazada."
        );
    }
    let question = "¿Reemplazar la base en uso por el respaldo? La actual quedará guardada al lado.";
    if !yes && !confirm(question)? {
        outln!("No se restauró nada.");
        return Ok(());
    }
    let keep = backup::kept_name(db, ctx.now());
    backup::restore(&mut store, &candidate, &keep).map_err(|e| e.to_string())?;
    let op = Op::Restore {
        file: file.display().to_string(),
        sha256: candidate.sha256.clone(),
        kept: keep.display().to_string(),
    };
    ops::run(&mut store, ctx, op).map_err(|e| e.to_string())?;
    outln!("Base restaurada desde «{}». La que se reemplazó quedó en «{}».", file.display(), keep.display());
    Ok(())
}
