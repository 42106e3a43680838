//! Writing the store back as data files: one per top-level body with its dependent bodies,
//! the institutions they use, their sessions with the whole record of each, their work plans
//! and their follow-up rounds; institutions of no body go to `instituciones.toml`. Output is
//! deterministic so it can be compared and versioned, and importing it into an empty database
//! gives a database that exports the same files.

mod directory;
mod documents;
mod followup;
mod record;
mod sessions;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;

use crate::domain::body::Body;
use crate::domain::member::{Institution, Membership, Rights};
use crate::domain::session::{Session, SessionKind};
use crate::store::{self, bodies, institutions, members, plans, rounds, sessions as session_store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub content: String,
}

/// The file of institutions that no body uses.
const INSTITUTIONS_FILE: &str = "instituciones.toml";

/// A TOML document written key by key, so the order and the omitted defaults are ours.
pub(super) struct Toml(String);

impl Toml {
    fn header(&mut self, h: &str) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        let _ = writeln!(self.0, "{h}");
    }
    /// A string; one with line breaks is written as a multi-line string.
    fn str(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", quoted(value));
    }
    fn opt(&mut self, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.str(key, value);
        }
    }
    fn int(&mut self, key: &str, value: i64) {
        let _ = writeln!(self.0, "{key} = {value}");
    }
    fn bool(&mut self, key: &str, value: bool) {
        let _ = writeln!(self.0, "{key} = {value}");
    }
    /// `true` only: the key's absence says `false`.
    fn flag(&mut self, key: &str, value: bool) {
        if value {
            self.bool(key, true);
        }
    }
    fn date(&mut self, key: &str, value: NaiveDate) {
        self.str(key, &value.format("%Y-%m-%d").to_string());
    }
    fn opt_date(&mut self, key: &str, value: Option<NaiveDate>) {
        if let Some(d) = value {
            self.date(key, d);
        }
    }
    fn datetime(&mut self, key: &str, value: NaiveDateTime) {
        self.str(key, &datetime_text(value));
    }
    fn opt_datetime(&mut self, key: &str, value: Option<NaiveDateTime>) {
        if let Some(t) = value {
            self.datetime(key, t);
        }
    }
    fn list(&mut self, key: &str, values: &[&str]) {
        let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
        let _ = writeln!(self.0, "{key} = [{}]", items.join(", "));
    }
}

fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// "2024-02-21 10:00", with the seconds when there are any.
pub(super) fn datetime_text(t: NaiveDateTime) -> String {
    if t.second() == 0 && t.nanosecond() == 0 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// What the writers look names up in. Every institution named is remembered, so a file
/// defines each institution it names and can be imported on its own.
pub(super) struct Names {
    pub institutions: HashMap<i64, Institution>,
    pub bodies: HashMap<i64, String>,
    /// Membership → its institution, its rights and weight now.
    pub members: HashMap<i64, (i64, Rights, u32)>,
    named: RefCell<BTreeSet<i64>>,
}

impl Names {
    pub fn institution(&self, id: i64) -> &str {
        self.named.borrow_mut().insert(id);
        self.institutions.get(&id).map_or("", |i| i.acronym.as_str())
    }
    pub fn body(&self, id: i64) -> &str {
        self.bodies.get(&id).map_or("", String::as_str)
    }
    pub fn member(&self, id: i64) -> &str {
        self.members.get(&id).map_or("", |m| self.institution(m.0))
    }
    /// The rights and weight a membership has now: what a roll or a ballot says by default.
    pub fn member_now(&self, id: i64) -> (Rights, u32) {
        self.members.get(&id).map_or((Rights::VoiceAndVote, 1), |m| (m.1, m.2))
    }
}

pub fn export(conn: &Connection) -> store::Result<Vec<ExportFile>> {
    let all_bodies = bodies::list(conn)?;
    let insts: HashMap<i64, Institution> = institutions::list(conn)?.into_iter().map(|i| (i.id, i)).collect();
    // In the order they were made: a session's ballots list its voters in that order.
    let mut memberships = members::list(conn)?;
    memberships.sort_by_key(|m| m.id);
    let names = Names {
        members: memberships.iter().map(|m| (m.id, (m.institution, m.rights, m.weight))).collect(),
        named: RefCell::default(),
        bodies: all_bodies.iter().map(|b| (b.id, b.acronym.clone())).collect(),
        institutions: insts,
    };
    let all_sessions = session_store::list(conn, &session_store::Filter::default())?;
    let all_plans = plans::list(conn)?;
    let all_rounds = rounds::list_rounds(conn, None)?;

    let mut files = Vec::new();
    let mut file_names = FileNames::default();
    let mut used: BTreeSet<i64> = BTreeSet::new();
    // `bodies::list` is depth-first, so each root is followed by its whole subtree.
    let mut groups: Vec<Vec<&Body>> = Vec::new();
    for b in &all_bodies {
        match groups.last_mut() {
            Some(g) if b.parent.is_some() => g.push(b),
            _ => groups.push(vec![b]),
        }
    }
    for group in groups {
        let ids: Vec<i64> = group.iter().map(|b| b.id).collect();
        let mut out = Toml(String::new());
        let own: Vec<&Membership> = memberships.iter().filter(|m| ids.contains(&m.body)).collect();
        for b in &group {
            directory::write_body(&mut out, conn, b, &own, &names)?;
        }
        let mut held: Vec<&Session> = all_sessions.iter().filter(|s| ids.contains(&s.body)).collect();
        let order = |s: &Session| ids.iter().position(|id| *id == s.body).unwrap_or(usize::MAX);
        held.sort_by_key(|s| (order(s), s.kind == SessionKind::Extraordinary, s.number));
        for s in held {
            sessions::write_session(&mut out, conn, s, &names)?;
        }
        for p in all_plans.iter().filter(|p| ids.contains(&p.body)) {
            followup::write_plan(&mut out, conn, p, &names)?;
        }
        let mut own_rounds: Vec<&rounds::Round> = all_rounds.iter().filter(|r| ids.contains(&r.body)).collect();
        own_rounds.sort_by_key(|r| r.id);
        for r in own_rounds {
            followup::write_round(&mut out, conn, r, &names)?;
        }
        // The institutions the file names go first, by siglas.
        let named = std::mem::take(&mut *names.named.borrow_mut());
        let mut head = Toml(String::new());
        directory::write_institutions(&mut head, named.iter().filter_map(|id| names.institutions.get(id)));
        used.extend(named);
        if !head.0.is_empty() && !out.0.is_empty() {
            head.0.push('\n');
        }
        head.0.push_str(&out.0);
        let name = file_names.take(&group[0].acronym);
        files.push(ExportFile { name, content: head.0 });
    }
    let orphans: Vec<&Institution> = names.institutions.values().filter(|i| !used.contains(&i.id)).collect();
    if !orphans.is_empty() {
        let mut out = Toml(String::new());
        directory::write_institutions(&mut out, orphans.into_iter());
        files.push(ExportFile { name: INSTITUTIONS_FILE.into(), content: out.0 });
    }
    Ok(files)
}

/// File names from siglas that never collide: `A.B` and `A_B` both fold to `a_b`, and a body
/// called `Instituciones` would take the institutions' file; the later one gets `-2`, `-3`…
/// Names are compared in lower case, so no two differ only in case either.
#[derive(Default)]
struct FileNames {
    used: HashSet<String>,
}

impl FileNames {
    fn take(&mut self, acronym: &str) -> String {
        self.used.insert(INSTITUTIONS_FILE.into());
        let slug: String = crate::domain::text::fold(acronym)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '_' })
            .collect();
        let mut name = format!("{slug}.toml");
        let mut n = 1;
        while self.used.contains(&name) {
            n += 1;
            name = format!("{slug}-{n}.toml");
        }
        self.used.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_never_collide() {
        let mut names = FileNames::default();
        let got: Vec<String> =
            ["A.B", "A_B", "Instituciones", "a-b", "A_B-2", "CITDP"].iter().map(|a| names.take(a)).collect();
        assert_eq!(got, ["a_b.toml", "a_b-2.toml", "instituciones-2.toml", "a-b.toml", "a_b-2-2.toml", "citdp.toml"]);
    }

    #[test]
    fn strings_with_line_breaks_read_back_exactly() {
        for typed in ["# Acta\n\nTexto.\n", "\nempieza con salto", "comillas \"\"\" y \\ barra\r\n", "'''\n\"", "fin\\"]
        {
            let doc = format!("v = {}\n", quoted(typed));
            let back: toml::Table = toml::from_str(&doc).expect("parses");
            assert_eq!(back.get("v").and_then(|v| v.as_str()), Some(typed), "{doc}");
        }
    }
}
