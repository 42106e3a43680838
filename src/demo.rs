//! The demonstration data shipped in `data/`, compiled into the binary so it loads wherever
//! the binary runs. Institutions and bodies are real (from public documents); people are not.

use crate::ops::{self, Context, ImportFile, Op};
use crate::store::{Store, meta};

pub const FILES: &[(&str, &str)] = &[
    ("data/citdp.toml", include_str!("../data/citdp.toml")),
    ("data/conacoes.toml", include_str!("../data/conacoes.toml")),
    ("data/coalicion.toml", include_str!("../data/coalicion.toml")),
    ("data/citdp-programa-2024.toml", include_str!("../data/citdp-programa-2024.toml")),
    ("data/cicesct.toml", include_str!("../data/cicesct.toml")),
    ("data/cicesct-plan-2026.toml", include_str!("../data/cicesct-plan-2026.toml")),
];

/// The demonstration's present: the day its follow-up is seen from, whatever the machine's
/// date, so the demo reads the same on every load.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// The siglas of the bodies the demonstration files bring: only their sessions get a
/// generated history, never a body of the user's own.
pub fn bodies() -> Vec<&'static str> {
    let mut out = Vec::new();
    for (_, text) in FILES {
        let mut in_body = false;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("[[") || line.starts_with('[') {
                in_body = line == "[[organos]]";
            } else if in_body && let Some(v) = line.strip_prefix("siglas = ") {
                out.push(v.trim_matches('"'));
            }
        }
    }
    out
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// What was imported, as the import operation words it.
    Loaded(String),
    AlreadyThere,
}

/// Loads the demonstration data. Refuses to mix it into a database with data of its own
/// unless `force`; a database that already holds the demo is left as it is. The files are
/// imported and their held sessions replayed through the same operations a secretary uses,
/// all in one transaction with its DEMO mark.
pub fn load(store: &mut Store, ctx: &Context, force: bool) -> Result<Outcome, String> {
    let conn = store.conn();
    let empty = meta::is_empty(conn).map_err(|e| e.to_string())?;
    let demo = meta::is_demo(conn).map_err(|e| e.to_string())?;
    if demo && !empty {
        return Ok(Outcome::AlreadyThere);
    }
    if !empty && !force {
        return Err(
            "la base de datos ya tiene datos propios; use «--forzar» para mezclar los datos de demostración con ellos"
                .into(),
        );
    }
    let files: Vec<ImportFile> = FILES.iter().map(|(n, c)| ImportFile::new(*n, *c)).collect();
    let summary = ops::batch(store, ctx, |b| {
        let imported = b.run(Op::Import { files })?;
        crate::demo_sessions::record(b)?;
        crate::demo_sessions::minutes::record(b)?;
        crate::demo_sessions::followup::record(b)?;
        crate::demo_sessions::work_plan::record(b)?;
        b.run(Op::LoadDemo)?;
        Ok(imported.detail.unwrap_or_default())
    })
    .map_err(|e| e.to_string())?;
    Ok(Outcome::Loaded(summary))
}

/// The demonstration data in a new in-memory database, for tests.
#[cfg(test)]
pub fn in_memory() -> Store {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("memoria: {e}"));
    load(&mut store, &Context::for_tests("demo"), false).unwrap_or_else(|e| panic!("demo: {e}"));
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_loads_once_and_is_marked() {
        let mut store = Store::open_in_memory().expect("open");
        let ctx = Context::for_tests("demo");
        let Ok(Outcome::Loaded(summary)) = load(&mut store, &ctx, false) else { panic!("demo must load") };
        let count = |t: &str| -> i64 {
            store.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("q")
        };
        assert!(count("bodies") >= 10 && count("sessions") >= 80, "{summary}");
        assert!(meta::is_demo(store.conn()).expect("q"));
        assert_eq!(load(&mut store, &ctx, false), Ok(Outcome::AlreadyThere));
    }

    #[test]
    fn refuses_to_mix_into_own_data_without_force() {
        let mut store = Store::open_in_memory().expect("open");
        let ctx = Context::for_tests("demo");
        let own = "[[instituciones]]\nsiglas = \"PROPIA\"\nnombre = \"Institución propia\"\n";
        ops::run(&mut store, &ctx, Op::Import { files: vec![ImportFile::new("propio.toml", own)] }).expect("own data");
        assert!(load(&mut store, &ctx, false).expect_err("refused").contains("--forzar"));
        assert!(matches!(load(&mut store, &ctx, true), Ok(Outcome::Loaded(_))));
    }
}
