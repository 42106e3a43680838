//! The demonstration data shipped in `data/`, compiled into the binary so it loads wherever
//! the binary runs. Institutions and bodies are real (from public documents); people are not.

use crate::interchange::{self, Summary};
use crate::store::{Store, meta};

pub const FILES: &[(&str, &str)] = &[
    ("data/citdp.toml", include_str!("../data/citdp.toml")),
    ("data/conacoes.toml", include_str!("../data/conacoes.toml")),
    ("data/coalicion.toml", include_str!("../data/coalicion.toml")),
    ("data/citdp-programa-2024.toml", include_str!("../data/citdp-programa-2024.toml")),
];

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Loaded(Summary),
    AlreadyThere,
}

/// Loads the demonstration data. Refuses to mix it into a database with data of its own
/// unless `force`; a database that already holds the demo is left as it is.
pub fn load(store: &mut Store, force: bool) -> Result<Outcome, String> {
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
    let files: Vec<(String, String)> = FILES.iter().map(|(n, c)| (n.to_string(), c.to_string())).collect();
    // The data and its DEMO mark are written together or not at all.
    let summary = store
        .write(|tx| {
            let summary = interchange::import_in(tx, &files)?;
            crate::demo_sessions::record(tx)?;
            crate::demo_sessions::minutes::record(tx)?;
            crate::demo_sessions::followup::record(tx)?;
            crate::demo_sessions::work_plan::record(tx)?;
            meta::set(tx, meta::DEMO, "1")?;
            Ok::<_, interchange::ImportError>(summary)
        })
        .map_err(|e| e.to_string())?;
    Ok(Outcome::Loaded(summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_loads_once_and_is_marked() {
        let mut store = Store::open_in_memory().expect("open");
        let Ok(Outcome::Loaded(summary)) = load(&mut store, false) else { panic!("demo must load") };
        assert!(summary.bodies >= 10 && summary.sessions >= 80, "{summary}");
        assert!(meta::is_demo(store.conn()).expect("q"));
        assert_eq!(load(&mut store, false), Ok(Outcome::AlreadyThere));
    }

    #[test]
    fn refuses_to_mix_into_own_data_without_force() {
        let mut store = Store::open_in_memory().expect("open");
        let own = "[[instituciones]]\nsiglas = \"PROPIA\"\nnombre = \"Institución propia\"\n";
        interchange::import(&mut store, &[("propio.toml".into(), own.into())]).expect("own data");
        assert!(load(&mut store, false).expect_err("refused").contains("--forzar"));
        assert!(matches!(load(&mut store, true), Ok(Outcome::Loaded(_))));
    }
}
