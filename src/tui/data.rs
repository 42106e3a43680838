//! What the screens show, loaded from the store in one go and reloaded after every change,
//! so drawing never touches the database.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::body::Body;
use crate::domain::calendar::{MinimumStatus, behind_minimum};
use crate::domain::member::{Institution, Membership, Representative, RepresentativeRole};
use crate::domain::session::Session;
use crate::store::{self, Store, bodies, institutions, members, sessions};

pub struct Directory {
    pub bodies: Vec<Body>,
    pub institutions: Vec<Institution>,
    pub memberships: Vec<Membership>,
    pub reps: HashMap<(i64, RepresentativeRole), Representative>,
    /// Sessions of the calendar year on screen.
    pub year: i32,
    pub sessions: Vec<Session>,
    /// Sessions still without a date, from the year on screen on: what needs fixing.
    pub undated: Vec<Session>,
    /// Bodies behind their minimum in the current year.
    pub behind: Vec<MinimumStatus>,
    /// What a body calls its Secretaría Técnica, where it names it otherwise.
    pub secretariats: HashMap<i64, String>,
}

fn year_sessions(store: &Store, year: i32) -> store::Result<Vec<Session>> {
    let filter = sessions::Filter {
        from: NaiveDate::from_ymd_opt(year, 1, 1),
        to: NaiveDate::from_ymd_opt(year, 12, 31),
        ..Default::default()
    };
    // Windows can't cross years, but a range query could still catch a neighbour's edge.
    Ok(sessions::list(store.conn(), &filter)?.into_iter().filter(|s| s.schedule.year() == year).collect())
}

impl Directory {
    pub fn load(store: &Store, year: i32, today: NaiveDate) -> store::Result<Directory> {
        let conn = store.conn();
        let all_bodies = bodies::list(conn)?;
        let sessions = year_sessions(store, year)?;
        let behind = if year == today.year() {
            behind_minimum(&all_bodies, &sessions, today)
        } else {
            behind_minimum(&all_bodies, &year_sessions(store, today.year())?, today)
        };
        Ok(Directory {
            bodies: all_bodies,
            institutions: institutions::list(conn)?,
            memberships: members::list(conn)?,
            reps: members::all_representatives(conn)?.into_iter().map(|(m, role, r)| ((m, role), r)).collect(),
            year,
            sessions,
            undated: sessions::list(
                conn,
                &sessions::Filter { from: NaiveDate::from_ymd_opt(year, 1, 1), undated: true, ..Default::default() },
            )?,
            behind,
            secretariats: crate::store::documents::secretariat_names(conn)?,
        })
    }

    /// A member's office as its body names it: «Secretaría Ejecutiva» in the CICESCT.
    pub fn office_label(&self, m: &Membership) -> String {
        match (m.office, self.secretariats.get(&m.body)) {
            (crate::domain::member::Office::TechnicalSecretariat, Some(name)) => name.clone(),
            (office, _) => crate::domain::Labeled::label(office).to_string(),
        }
    }

    pub fn body(&self, id: i64) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    pub fn institution(&self, id: i64) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.id == id)
    }

    /// The body's members: current ones first, then those given their baja.
    pub fn members_of(&self, body: i64) -> Vec<&Membership> {
        let mut list: Vec<&Membership> = self.memberships.iter().filter(|m| m.body == body).collect();
        list.sort_by_key(|m| m.ended_on.is_some());
        list
    }

    /// Position of the body in the tree, which picks its colour.
    pub fn body_index(&self, id: i64) -> usize {
        self.bodies.iter().position(|b| b.id == id).unwrap_or(0)
    }

    pub fn depth(&self, body: &Body) -> usize {
        let mut depth = 0;
        let mut parent = body.parent;
        while let Some(p) = parent {
            depth += 1;
            parent = self.body(p).and_then(|b| b.parent);
            if depth > self.bodies.len() {
                break;
            }
        }
        depth
    }

    /// Width of the longest body acronym, to align lists.
    pub fn acronym_width(&self) -> usize {
        self.bodies.iter().map(|b| b.acronym.chars().count()).max().unwrap_or(0)
    }

    pub fn acronym(&self, body: i64) -> &str {
        self.body(body).map_or("?", |b| b.acronym.as_str())
    }
}
