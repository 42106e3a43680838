//! The shared dependencies of the interface: the store, today's date and what the status line
//! shows. Tests build one with `Environment::for_tests`.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::demo;
use crate::ops::{self, Context, Done, Op, OpError};
use crate::store::{Store, meta};

pub struct Environment {
    pub store: Store,
    /// Who acts: every change is recorded in the bitácora under this name.
    pub ctx: Context,
    pub today: NaiveDate,
    pub db_label: String,
    pub demo: bool,
}

impl Environment {
    /// Opens the database; a database file that did not exist is created and filled with the
    /// demonstration data, so a first `cargo run` shows something real.
    /// Opens the database; `first_run_demo`: a missing one is created with the demonstration
    /// data (the default database, on a first `cargo run`); otherwise a missing database is an
    /// error naming it, never a new empty one.
    pub fn open(db: &Path, ctx: Context, first_run_demo: bool) -> Result<Environment, String> {
        let first_run = !db.exists();
        let mut store = if first_run && first_run_demo {
            Store::open(db).map_err(|e| e.to_string())?
        } else {
            Store::open_existing(db).map_err(|e| e.to_string())?
        };
        if first_run {
            demo::load(&mut store, &ctx, false)?;
        }
        ops::access(&mut store, &ctx, ops::Access::Interface).map_err(|e| e.to_string())?;
        let demo = meta::is_demo(store.conn()).map_err(|e| e.to_string())?;
        Ok(Environment {
            store,
            ctx,
            today: chrono::Local::now().date_naive(),
            db_label: db.display().to_string(),
            demo,
        })
    }

    /// The demonstration data in memory, on a fixed day, for tests and benchmarks. The clock
    /// stands at 16:00 UTC on 24 November 2026 (10:00 in Mexico City and Guatemala, 12:00 in
    /// Santo Domingo) until a test moves it.
    pub fn for_tests() -> Environment {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("memoria: {e}"));
        let ctx = Context::for_tests("secretaria");
        demo::load(&mut store, &ctx, false).unwrap_or_else(|e| panic!("demo: {e}"));
        Environment {
            store,
            ctx,
            today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
            db_label: "/tmp/secretaria-prueba.db".into(),
            demo: true,
        }
    }

    pub fn with_store(store: Store, today: NaiveDate) -> Environment {
        let demo = meta::is_demo(store.conn()).unwrap_or(false);
        Environment { store, ctx: Context::new(None), today, db_label: "(memoria)".into(), demo }
    }

    /// Executes an operation: the interface's one way to change the record.
    pub fn run(&mut self, op: Op) -> Result<Done, OpError> {
        ops::run(&mut self.store, &self.ctx, op)
    }

    /// The instant now, to the second: the context's clock (fixed in tests).
    pub fn instant(&self) -> DateTime<Utc> {
        let now = self.ctx.now();
        now.with_nanosecond(0).unwrap_or(now)
    }

    /// The machine's local time now, for what belongs to no body.
    pub fn now(&self) -> NaiveDateTime {
        self.instant().with_timezone(&chrono::Local).naive_local()
    }

    /// The wall clock of a body's zone now: what a session's times are recorded in.
    pub fn now_in(&self, zone: &str) -> NaiveDateTime {
        crate::domain::zone::local_time(self.instant(), zone)
    }

    /// The wall clock of a session's body now (the default zone if it cannot be read).
    pub fn session_now(&self, session: i64) -> NaiveDateTime {
        let conn = self.store.conn();
        let zone = crate::store::sessions::get(conn, session)
            .ok()
            .flatten()
            .and_then(|s| crate::store::bodies::get(conn, s.body).ok().flatten())
            .map(|b| b.timezone);
        self.now_in(zone.as_deref().unwrap_or(crate::domain::zone::DEFAULT_TIMEZONE))
    }

    /// Moves a test clock forward.
    pub fn advance(&mut self, minutes: i64) {
        if let Some(t) = self.ctx.fixed_now.as_mut() {
            *t += chrono::Duration::minutes(minutes);
        }
    }
}
