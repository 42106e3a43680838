//! The operation layer: the one door every change to the record goes through.
//!
//! An [`Op`] names what the user wants done and with what. [`run`] executes it in one write
//! transaction that holds the lock from its start (`BEGIN IMMEDIATE`, so a second writer waits
//! instead of failing), validates it with the domain rules, writes through the store, and
//! appends one entry to the bitácora with every row it touched, chained by hash to the entry
//! before — all or nothing. The store's writing functions take a [`Tx`], which only this
//! module can make: an interface cannot write around it.

mod apply;
mod apply_live;
mod apply_minutes;
mod apply_people;
pub mod changes;
mod error;
pub mod journal;
mod op;
pub mod undo;
pub mod verify;
pub mod words;

use std::ops::Deref;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};

pub use error::OpError;
pub use op::{ImportFile, Op, label};

use crate::store::{Store, audit};

/// The capability to write: a live write transaction, made only by this module.
pub struct Tx<'a> {
    tx: &'a Transaction<'a>,
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}

/// Who acts, and the clock the bitácora reads.
#[derive(Debug, Clone)]
pub struct Context {
    pub actor: String,
    /// A fixed instant for tests; the system clock otherwise.
    pub fixed_now: Option<DateTime<Utc>>,
}

impl Context {
    /// `usuario` (from `--usuario` or the configuration), else the operating-system account.
    pub fn new(usuario: Option<&str>) -> Context {
        let actor = usuario.map(str::trim).filter(|u| !u.is_empty()).map(String::from).unwrap_or_else(os_user);
        Context { actor, fixed_now: None }
    }

    pub fn for_tests(actor: &str) -> Context {
        Context { actor: actor.into(), fixed_now: "2026-11-24T16:00:00Z".parse().ok() }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed_now.unwrap_or_else(Utc::now)
    }
}

/// The account running the program: `$USER`, `$LOGNAME`, or the name of the process's uid in
/// /etc/passwd.
pub fn os_user() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return v.trim().to_string();
        }
    }
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    uid.and_then(|uid| {
        passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == uid.to_string()).then(|| f[0].to_string())
        })
    })
    .or_else(|| uid.map(|u| format!("uid {u}")))
    .unwrap_or_else(|| "desconocido".into())
}

/// What an operation did: its bitácora entry (none when it changed nothing), the id of what it
/// created, and a detail some operations report (a hash, a status, a number).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Done {
    pub seq: Option<i64>,
    pub id: Option<i64>,
    pub detail: Option<String>,
}

/// Executes one operation in its own transaction.
pub fn run(store: &mut Store, ctx: &Context, op: Op) -> Result<Done, OpError> {
    batch(store, ctx, |b| b.run(op))
}

/// Executes several operations in one transaction (each with its entry): all land or none.
pub fn batch<T>(
    store: &mut Store,
    ctx: &Context,
    f: impl FnOnce(&mut Batch) -> Result<T, OpError>,
) -> Result<T, OpError> {
    let tx = store.begin()?;
    audit::reset(&tx)?;
    let out = {
        let mut b = Batch { tx: Tx { tx: &tx }, ctx };
        f(&mut b)?
    };
    tx.commit().map_err(OpError::from_sqlite)?;
    Ok(out)
}

/// An open transaction in which operations run.
pub struct Batch<'a> {
    tx: Tx<'a>,
    ctx: &'a Context,
}

impl Batch<'_> {
    pub fn run(&mut self, op: Op) -> Result<Done, OpError> {
        let applied = apply::apply(&self.tx, self.ctx, &op)?;
        let raw = audit::take(&self.tx)?;
        let changed = changes::compact(&self.tx, raw)?;
        if changed.is_empty() && !op.logs_when_unchanged() {
            return Ok(Done { seq: None, id: applied.id, detail: applied.detail });
        }
        let seq = journal::append(&self.tx, self.ctx, &op, &changed, applied.undoes)?;
        Ok(Done { seq: Some(seq), id: applied.id, detail: applied.detail })
    }

    /// Generated benchmark data (`store::synthetic`), written in bulk straight through the
    /// store and recorded as one entry ("generate") like any operation. Nothing a user does
    /// comes this way.
    pub fn generate<T>(&mut self, what: &str, f: impl FnOnce(&Tx) -> crate::store::Result<T>) -> Result<T, OpError> {
        let out = f(&self.tx)?;
        let changed = changes::compact(&self.tx, audit::take(&self.tx)?)?;
        journal::append_generated(&self.tx, self.ctx, what, &changed)?;
        Ok(out)
    }

    /// Reads inside the transaction, seeing what earlier operations of the batch wrote.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }
}

/// Records an access (the program or a command opened on the database, an acta printed).
/// A database that cannot be written is read without a record of it.
pub fn access(store: &mut Store, ctx: &Context, what: op::Access) -> Result<(), OpError> {
    match run(store, ctx, Op::Access(what)) {
        Err(OpError::ReadOnly) => Ok(()),
        other => other.map(|_| ()),
    }
}

pub use op::Access;

/// What an operation's executor reports beyond the rows it touched.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub id: Option<i64>,
    pub detail: Option<String>,
    pub undoes: Option<i64>,
}

impl Applied {
    pub fn none() -> Applied {
        Applied::default()
    }
    pub fn id(id: i64) -> Applied {
        Applied { id: Some(id), ..Applied::default() }
    }
    pub fn detail(detail: impl Into<String>) -> Applied {
        Applied { detail: Some(detail.into()), ..Applied::default() }
    }
}

/// The store's own tests write without the bitácora, through this test-only door.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub fn write<T, E: From<crate::store::StoreError>>(
        store: &mut Store,
        f: impl FnOnce(&Tx) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = store.begin()?;
        let out = f(&Tx { tx: &tx })?;
        audit::reset(&tx)?;
        tx.commit().map_err(crate::store::StoreError::from)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_rules;
