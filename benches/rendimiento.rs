//! Speed of the calendar queries and of start-up to the first frame, over a generated
//! database of realistic size: 10 years × 20 bodies ≈ 4,800 sessions, 300 memberships.
//! Target: first frame ≤ 50 ms. Run with `cargo bench`.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secretaria::domain::calendar::{behind_minimum, unfixed, upcoming};
use secretaria::store::{Store, bodies, sessions, synthetic};
use secretaria::tui::app::App;
use secretaria::tui::env::Environment;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid")
}

/// The generated database, built once per run in a temporary directory.
static DB: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("grande.db");
    let mut store = Store::open(&path).expect("open");
    synthetic::generate(&mut store, 2017, 10, 20, today()).expect("generate");
    let n = sessions::list(store.conn(), &Default::default()).expect("q").len();
    eprintln!("base generada: {n} sesiones en {}", path.display());
    (dir, path)
});

fn store() -> Store {
    Store::open(&DB.1).expect("open")
}

#[divan::bench]
fn calendario_de_un_anio(bencher: divan::Bencher) {
    let store = store();
    let filter = sessions::Filter {
        from: NaiveDate::from_ymd_opt(2026, 1, 1),
        to: NaiveDate::from_ymd_opt(2026, 12, 31),
        ..Default::default()
    };
    bencher.bench_local(|| sessions::list(store.conn(), &filter).expect("q"));
}

#[divan::bench]
fn calendario_completo(bencher: divan::Bencher) {
    let store = store();
    bencher.bench_local(|| sessions::list(store.conn(), &Default::default()).expect("q"));
}

#[divan::bench]
fn calendario_de_un_organo(bencher: divan::Bencher) {
    let store = store();
    let body = bodies::by_acronym(store.conn(), "ORG07").expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    bencher.bench_local(|| sessions::list(store.conn(), &filter).expect("q"));
}

#[divan::bench]
fn reglas_proximas_por_fijar_y_minimos(bencher: divan::Bencher) {
    let store = store();
    let all = sessions::list(store.conn(), &Default::default()).expect("q");
    let list = bodies::list(store.conn()).expect("q");
    bencher.bench_local(|| {
        (upcoming(&all, today()).len(), unfixed(&all).len(), behind_minimum(&list, &all, today()).len())
    });
}

/// Opening the database file, loading what the first screen shows and drawing it.
#[divan::bench]
fn arranque_hasta_el_primer_cuadro(bencher: divan::Bencher) {
    LazyLock::force(&DB);
    bencher.bench_local(|| {
        let env = Environment::with_store(store(), today());
        let app = App::new(env).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        terminal.draw(|f| app.draw(f)).expect("draw");
    });
}
