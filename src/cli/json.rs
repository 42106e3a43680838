//! The JSON shapes of `organos --json` and `calendario --json` (field names in Spanish,
//! they are part of the interface scripts rely on).

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::member::{Institution, Membership, Representative, RepresentativeRole};
use crate::domain::session::{Session, title};

#[derive(Serialize)]
pub struct BodyJson<'a> {
    pub siglas: &'a str,
    pub nombre: &'a str,
    pub tipo: &'a str,
    pub padre: Option<&'a str>,
    pub coordina: Option<&'a str>,
    pub reglas: RulesJson,
    pub integrantes: Vec<MemberJson<'a>>,
}

#[derive(Serialize)]
pub struct RulesJson {
    pub quorum: String,
    pub quorum_segunda: Option<String>,
    pub espera_segunda_min: Option<u32>,
    pub mayoria: &'static str,
    pub voto_de_calidad: bool,
    pub minimo_ordinarias: Option<String>,
    pub aviso_ordinaria_dias: u32,
    pub aviso_extraordinaria_dias: u32,
}

#[derive(Serialize)]
pub struct MemberJson<'a> {
    pub institucion: &'a str,
    pub siglas: &'a str,
    pub derechos: &'static str,
    pub cargo: &'static str,
    pub peso: u32,
    pub titular: Option<PersonJson<'a>>,
    pub suplente: Option<PersonJson<'a>>,
}

#[derive(Serialize)]
pub struct PersonJson<'a> {
    pub nombre: &'a str,
    pub puesto: &'a str,
    pub correo: &'a str,
    pub telefono: &'a str,
    pub designacion: Option<String>,
    pub oficio: &'a str,
}

impl<'a> PersonJson<'a> {
    fn new(r: &'a Representative) -> Self {
        PersonJson {
            nombre: &r.name,
            puesto: &r.position,
            correo: &r.email,
            telefono: &r.phone,
            designacion: r.designated_on.map(|d| d.to_string()),
            oficio: &r.letter_ref,
        }
    }
}

pub struct Directory<'a> {
    pub bodies: &'a [Body],
    pub institutions: HashMap<i64, &'a Institution>,
    pub memberships: &'a [Membership],
    pub reps: HashMap<(i64, RepresentativeRole), &'a Representative>,
}

impl<'a> Directory<'a> {
    pub fn acronym(&self, body: i64) -> Option<&'a str> {
        self.bodies.iter().find(|b| b.id == body).map(|b| b.acronym.as_str())
    }

    pub fn body(&self, b: &'a Body) -> BodyJson<'a> {
        let r = &b.rules;
        BodyJson {
            siglas: &b.acronym,
            nombre: &b.name,
            tipo: b.kind.label(),
            padre: b.parent.and_then(|p| self.acronym(p)),
            coordina: b.coordinator.and_then(|c| self.institutions.get(&c)).map(|i| i.acronym.as_str()),
            reglas: RulesJson {
                quorum: r.quorum.text(),
                quorum_segunda: r.second_call.map(|(q, _)| q.text()),
                espera_segunda_min: r.second_call.map(|(_, w)| w),
                mayoria: r.majority.label(),
                voto_de_calidad: r.casting_vote,
                minimo_ordinarias: r.minimum.map(|m| m.text()),
                aviso_ordinaria_dias: r.notice_ordinary_days,
                aviso_extraordinaria_dias: r.notice_extraordinary_days,
            },
            integrantes: self
                .memberships
                .iter()
                .filter(|m| m.body == b.id)
                .map(|m| {
                    let inst = self.institutions.get(&m.institution);
                    MemberJson {
                        institucion: inst.map_or("", |i| i.name.as_str()),
                        siglas: inst.map_or("", |i| i.acronym.as_str()),
                        derechos: m.rights.label(),
                        cargo: m.office.label(),
                        peso: m.weight,
                        titular: self.reps.get(&(m.id, RepresentativeRole::Titular)).map(|r| PersonJson::new(r)),
                        suplente: self.reps.get(&(m.id, RepresentativeRole::Alternate)).map(|r| PersonJson::new(r)),
                    }
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct SessionJson<'a> {
    pub id: i64,
    pub organo: &'a str,
    pub tipo: &'static str,
    pub numero: u32,
    pub titulo: String,
    pub fecha: Option<String>,
    pub hora: Option<String>,
    pub ventana: Option<String>,
    pub anio: i32,
    pub previsto: Option<&'a str>,
    /// The scheduled day of a session held on another (the `fecha` is the day it was held).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fecha_prevista: Option<String>,
    pub lugar: &'a str,
    pub modalidad: &'static str,
    pub enlace: &'a str,
    pub estado: &'static str,
}

impl<'a> SessionJson<'a> {
    pub fn new(s: &'a Session, body: &'a Body) -> Self {
        SessionJson {
            id: s.id,
            organo: &body.acronym,
            tipo: s.kind.label(),
            numero: s.number,
            titulo: title(s.number, s.kind, body.meeting_word),
            fecha: s.schedule.date().map(|d| d.to_string()),
            hora: s.schedule.time().map(crate::domain::dates::format_time),
            ventana: s.schedule.window(),
            anio: s.schedule.year(),
            previsto: s.planned.as_deref(),
            fecha_prevista: s.scheduled_on.map(|d| d.to_string()),
            lugar: &s.place,
            modalidad: s.modality.label(),
            enlace: &s.link,
            estado: s.status.label(),
        }
    }
}
