//! Writing the store back as data files: one per top-level body with its dependent bodies,
//! the institutions they use and their sessions; institutions of no body go to
//! `instituciones.toml`. Output is deterministic so it can be compared and versioned.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use rusqlite::Connection;

use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::dates::format_time;
use crate::domain::member::{Institution, InstitutionKind, Office, Representative, RepresentativeRole, Rights};
use crate::domain::session::{Modality, Session, SessionKind, SessionStatus};
use crate::store::{self, bodies, institutions, members, plans, sessions};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub content: String,
}

struct Toml(String);

impl Toml {
    fn header(&mut self, h: &str) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        let _ = writeln!(self.0, "{h}");
    }
    fn str(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", toml::Value::String(value.to_string()));
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
}

pub fn export(conn: &Connection) -> store::Result<Vec<ExportFile>> {
    let all_bodies = bodies::list(conn)?;
    let insts: HashMap<i64, Institution> = institutions::list(conn)?.into_iter().map(|i| (i.id, i)).collect();
    let memberships = members::list(conn)?;
    let mut reps: HashMap<(i64, RepresentativeRole), Representative> = HashMap::new();
    for (m, role, r) in members::all_representatives(conn)? {
        reps.insert((m, role), r);
    }
    let all_sessions = sessions::list(conn, &sessions::Filter::default())?;
    let acronym_of: HashMap<i64, &str> = all_bodies.iter().map(|b| (b.id, b.acronym.as_str())).collect();
    let all_plans = plans::list(conn)?;

    let mut files = Vec::new();
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
        let mut tree_insts: BTreeSet<(&str, i64)> = BTreeSet::new();
        for b in &group {
            if let Some(c) = b.coordinator.and_then(|c| insts.get(&c)) {
                tree_insts.insert((c.acronym.as_str(), c.id));
            }
        }
        for m in memberships.iter().filter(|m| ids.contains(&m.body)) {
            if let Some(i) = insts.get(&m.institution) {
                tree_insts.insert((i.acronym.as_str(), i.id));
            }
        }
        let mut out = Toml(String::new());
        for (_, id) in &tree_insts {
            used.insert(*id);
            if let Some(i) = insts.get(id) {
                write_institution(&mut out, i);
            }
        }
        for b in &group {
            let settings = bodies::session_settings(conn, b.id)?;
            write_body(&mut out, b, &settings, &acronym_of, &insts);
            for m in memberships.iter().filter(|m| m.body == b.id) {
                out.header("[[organos.integrantes]]");
                out.str("institucion", insts.get(&m.institution).map_or("", |i| i.acronym.as_str()));
                if m.rights != Rights::VoiceAndVote {
                    out.str("derechos", m.rights.label());
                }
                if m.office != Office::Member {
                    out.str("cargo", m.office.label());
                }
                if m.weight != 1 {
                    out.int("peso", m.weight.into());
                }
                for (role, key) in
                    [(RepresentativeRole::Titular, "titular"), (RepresentativeRole::Alternate, "suplente")]
                {
                    if let Some(r) = reps.get(&(m.id, role)) {
                        write_representative(&mut out, key, r);
                    }
                }
            }
        }
        let mut own: Vec<&Session> = all_sessions.iter().filter(|s| ids.contains(&s.body)).collect();
        let order = |s: &Session| ids.iter().position(|id| *id == s.body).unwrap_or(usize::MAX);
        own.sort_by_key(|s| (order(s), s.kind == SessionKind::Extraordinary, s.number));
        for s in own {
            write_session(&mut out, s, acronym_of.get(&s.body).copied().unwrap_or(""));
        }
        for p in all_plans.iter().filter(|p| ids.contains(&p.body)) {
            write_plan(&mut out, conn, p, acronym_of.get(&p.body).copied().unwrap_or(""), &insts)?;
        }
        files.push(ExportFile { name: file_name(&group[0].acronym), content: out.0 });
    }
    let mut orphans: Vec<&Institution> = insts.values().filter(|i| !used.contains(&i.id)).collect();
    if !orphans.is_empty() {
        orphans.sort_by(|a, b| a.acronym.cmp(&b.acronym));
        let mut out = Toml(String::new());
        for i in orphans {
            write_institution(&mut out, i);
        }
        files.push(ExportFile { name: "instituciones.toml".into(), content: out.0 });
    }
    Ok(files)
}

fn file_name(acronym: &str) -> String {
    let slug: String = crate::domain::text::fold(acronym)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    format!("{slug}.toml")
}

fn write_institution(out: &mut Toml, i: &Institution) {
    out.header("[[instituciones]]");
    out.str("siglas", &i.acronym);
    out.str("nombre", &i.name);
    if i.kind != InstitutionKind::Institution {
        out.str("tipo", i.kind.label());
    }
}

fn write_body(
    out: &mut Toml,
    b: &Body,
    settings: &bodies::SessionSettings,
    acronym_of: &HashMap<i64, &str>,
    insts: &HashMap<i64, Institution>,
) {
    out.header("[[organos]]");
    out.str("siglas", &b.acronym);
    out.str("nombre", &b.name);
    out.str("tipo", b.kind.label());
    if let Some(p) = b.parent.and_then(|p| acronym_of.get(&p)) {
        out.str("padre", p);
    }
    if let Some(c) = b.coordinator.and_then(|c| insts.get(&c)) {
        out.str("coordina", &c.acronym);
    }
    out.str("denominacion", b.meeting_word.label());
    out.str("zona_horaria", &b.timezone);
    out.opt("lugar", &b.place);
    let r = &b.rules;
    out.str("quorum", &r.quorum.text());
    if let Some((q, wait)) = r.second_call {
        out.str("quorum_segunda", &q.text());
        out.int("espera_segunda_min", wait.into());
    }
    out.str("mayoria", r.majority.label());
    out.bool("voto_de_calidad", r.casting_vote);
    if let Some(m) = r.minimum {
        out.str("minimo_ordinarias", &m.text());
    }
    out.int("aviso_ordinaria_dias", r.notice_ordinary_days.into());
    out.int("aviso_extraordinaria_dias", r.notice_extraordinary_days.into());
    if !settings.agenda_items.is_empty() {
        let items: Vec<String> =
            settings.agenda_items.iter().map(|i| toml::Value::String(i.clone()).to_string()).collect();
        let _ = writeln!(out.0, "puntos_propios = [{}]", items.join(", "));
    }
    if settings.agreement_pattern != crate::domain::agreement::DEFAULT_PATTERN {
        out.str("patron_acuerdos", &settings.agreement_pattern);
    }
}

fn write_representative(out: &mut Toml, key: &str, r: &Representative) {
    out.header(&format!("[organos.integrantes.{key}]"));
    out.str("nombre", &r.name);
    out.opt("puesto", &r.position);
    out.opt("correo", &r.email);
    out.opt("telefono", &r.phone);
    if let Some(d) = r.designated_on {
        out.str("designacion", &d.format("%Y-%m-%d").to_string());
    }
    out.opt("oficio", &r.letter_ref);
}

fn write_session(out: &mut Toml, s: &Session, organo: &str) {
    out.header("[[sesiones]]");
    out.str("organo", organo);
    out.str("tipo", s.kind.label());
    out.int("numero", s.number.into());
    out.int("anio", s.schedule.year().into());
    out.str("cuando", &s.schedule.calendar_text());
    if let Some(p) = &s.planned {
        out.opt("previsto", p);
    }
    if let Some(t) = s.schedule.time() {
        out.str("hora", &format_time(t));
    }
    out.opt("lugar", &s.place);
    if s.modality != Modality::InPerson {
        out.str("modalidad", s.modality.label());
    }
    out.opt("enlace", &s.link);
    if s.status != SessionStatus::Scheduled {
        out.str("estado", s.status.label());
    }
}

fn write_plan(
    out: &mut Toml,
    conn: &Connection,
    p: &plans::Plan,
    organo: &str,
    insts: &HashMap<i64, Institution>,
) -> store::Result<()> {
    out.header("[[programas]]");
    out.str("organo", organo);
    out.int("anio", p.year.into());
    out.str("titulo", &p.title);
    for a in plans::activities(conn, p.id)? {
        let d = &a.details;
        out.header("[[programas.actividades]]");
        out.str("objetivo", &d.objective);
        out.opt("estrategia", &d.strategy);
        out.str("actividad", &d.text);
        out.opt("meta", &d.goal);
        out.opt("indicador", &d.indicator);
        let who: Vec<String> = d
            .responsibles
            .iter()
            .filter_map(|i| insts.get(i))
            .map(|i| toml::Value::String(i.acronym.clone()).to_string())
            .collect();
        let _ = writeln!(out.0, "responsables = [{}]", who.join(", "));
        out.opt("responsables_texto", &d.responsible_note);
        out.str("periodo", &d.period);
    }
    Ok(())
}
