//! Bodies, their member institutions and the people who represent them.

use chrono::NaiveDate;

use super::{Applied, OpError, Tx};
use crate::domain::body::Body;
use crate::domain::member::{InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights};
use crate::store::bodies::SessionSettings;
use crate::store::{StoreError, bodies, institutions, members};

pub(super) fn save_body(
    tx: &Tx,
    body: &Body,
    coordinator: Option<&str>,
    settings: &SessionSettings,
) -> Result<Applied, OpError> {
    let coordinator = match coordinator.map(str::trim).filter(|c| !c.is_empty()) {
        Some(s) => Some(
            institutions::by_acronym(tx, s)?
                .ok_or_else(|| OpError::invalid("coordina", format!("no hay ninguna institución con siglas «{s}»")))?
                .id,
        ),
        None => None,
    };
    let body = Body { coordinator, ..body.clone() };
    let id = if body.id == 0 {
        bodies::insert(tx, &body)?
    } else {
        bodies::update(tx, &body)?;
        body.id
    };
    bodies::set_session_settings(tx, id, settings)?;
    Ok(Applied::id(id))
}

pub(super) fn delete_body(tx: &Tx, body: i64) -> Result<Applied, OpError> {
    bodies::delete(tx, body)?;
    Ok(Applied::none())
}

/// A membership as the form gives it: the institution by siglas, with the name to create it.
pub(super) struct MemberForm<'a> {
    pub membership: i64,
    pub body: i64,
    pub institution: &'a str,
    pub name: &'a str,
    pub kind: InstitutionKind,
    pub rights: Rights,
    pub office: Office,
    pub weight: u32,
}

/// Saves a membership; an institution whose siglas are unknown is created with the name
/// given, and a known one takes the name and kind typed if they changed.
pub(super) fn save_member(tx: &Tx, f: &MemberForm) -> Result<Applied, OpError> {
    let (siglas, name) = (f.institution.trim(), f.name.trim());
    let institution = match institutions::by_acronym(tx, siglas)? {
        Some(mut i) => {
            if (!name.is_empty() && name != i.name) || f.kind != i.kind {
                i.name = if name.is_empty() { i.name } else { name.to_string() };
                i.kind = f.kind;
                institutions::update(tx, &i)?;
            }
            i.id
        }
        None if name.is_empty() && !siglas.is_empty() => {
            return Err(OpError::invalid("nombre", format!("«{siglas}» es una institución nueva: escriba su nombre")));
        }
        None => institutions::insert(tx, siglas, name, f.kind).map_err(|e| match e {
            StoreError::Invalid { field: "siglas", message } => StoreError::invalid("institucion", message),
            other => other,
        })?,
    };
    let (rights, office, weight) = (f.rights, f.office, f.weight);
    if f.membership == 0 {
        let m = Membership { id: 0, body: f.body, institution, rights, office, weight, ended_on: None };
        return Ok(Applied::id(members::insert(tx, &m)?));
    }
    let current =
        members::get(tx, f.membership)?.ok_or_else(|| OpError::Refused("la integrante ya no existe".into()))?;
    members::update(tx, &Membership { institution, rights, office, weight, ..current })?;
    Ok(Applied::id(f.membership))
}

/// Deleted when nothing names it; otherwise its baja, so every past roll, quorum and acta
/// stays as it was.
pub(super) fn remove_member(tx: &Tx, membership: i64, on: NaiveDate, reason: &str) -> Result<Applied, OpError> {
    if members::has_history(tx, membership)? {
        members::end(tx, membership, on, reason)?;
        Ok(Applied::detail("baja"))
    } else {
        members::delete(tx, membership)?;
        Ok(Applied::detail("eliminada"))
    }
}

pub(super) fn designate(
    tx: &Tx,
    membership: i64,
    role: RepresentativeRole,
    person: &Representative,
    on: NaiveDate,
) -> Result<Applied, OpError> {
    if members::get(tx, membership)?.is_none() {
        return Err(OpError::Refused("la integrante ya no existe".into()));
    }
    members::designate(tx, membership, role, person, on)?;
    Ok(Applied::none())
}
