//! Reading data files into the store, all files in one transaction.

use std::fmt;
use std::ops::Range;

use toml::Spanned;

use super::schema::{ActivityDoc, BodyDoc, FileDoc, MemberDoc, PlanDoc, RepresentativeDoc, SessionDoc, Text, text};
use crate::domain::Labeled;
use crate::domain::body::{
    Body, BodyKind, BodyRules, DEFAULT_TIMEZONE, MajorityRule, MeetingWord, MinimumSessions, QuorumRule,
};
use crate::domain::dates::parse_date;
use crate::domain::member::{InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights};
use crate::domain::schedule::Schedule;
use crate::domain::session::{Modality, Session, SessionKind, SessionStatus};
use crate::ops::Tx;
use crate::store::plans::{self, ActivityPlan};
use crate::store::{StoreError, bodies, institutions, members, sessions};

/// What went wrong and where: file, line and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            return write!(f, "{}", self.message);
        }
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ", línea {}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ", campo «{}»", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub institutions: usize,
    pub bodies: usize,
    pub memberships: usize,
    pub representatives: usize,
    pub sessions: usize,
    pub activities: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} instituciones, {} órganos, {} integrantes, {} representantes, {} sesiones",
            self.institutions, self.bodies, self.memberships, self.representatives, self.sessions
        )?;
        if self.activities > 0 {
            write!(f, ", {} actividades de programas de trabajo", self.activities)?;
        }
        Ok(())
    }
}

struct Ctx<'a> {
    name: &'a str,
    src: &'a str,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.src.len());
        self.src.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
    }

    fn at(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            file: self.name.into(),
            line: self.line(span.start),
            field: field.into(),
            message: message.into(),
        }
    }

    /// A store refusal, placed on the field it names when the entry has it.
    fn store(
        &self,
        e: StoreError,
        locate: impl Fn(&str) -> Option<Range<usize>>,
        fallback: Range<usize>,
    ) -> ImportError {
        match e {
            StoreError::Invalid { field, message } => self.at(locate(field).unwrap_or(fallback), field, message),
            other => self.at(fallback, "", other.to_string()),
        }
    }

    fn parse<T>(&self, value: &Text, field: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, ImportError> {
        parse(value.get_ref()).map_err(|m| self.at(value.span(), field, m))
    }

    fn parse_opt<T>(
        &self,
        value: &Option<Text>,
        field: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ImportError> {
        value.as_ref().map(|v| self.parse(v, field, &parse)).transpose()
    }

    fn syntax(&self, e: &toml::de::Error) -> ImportError {
        let (field, message) = translate(e.message());
        let line = e.span().map_or(0, |s| self.line(s.start));
        ImportError { file: self.name.into(), line, field, message }
    }
}

/// serde's messages are English; say the common ones in Spanish.
fn translate(msg: &str) -> (String, String) {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    let first_line = msg.lines().next().unwrap_or(msg);
    if first_line.starts_with("missing field") {
        return (quoted(first_line), "falta este campo obligatorio".into());
    }
    if first_line.starts_with("unknown field") {
        return (
            quoted(first_line),
            "campo desconocido; revise la ortografía (los campos están en docs/formato-datos.md)".into(),
        );
    }
    if let Some(rest) = first_line.strip_prefix("invalid type: ") {
        let expected = rest.split("expected ").nth(1).unwrap_or("");
        let wanted = match expected {
            e if e.contains("string") => "texto entre comillas",
            e if e.contains("u32") || e.contains("i32") || e.contains("integer") => "un número entero",
            e if e.contains("bool") => "true o false",
            e if e.contains("sequence") => "una lista",
            _ => "otro tipo de valor",
        };
        return (String::new(), format!("tipo de valor incorrecto: se esperaba {wanted}"));
    }
    if first_line.starts_with("invalid value") && first_line.contains("u32") {
        return (String::new(), "se esperaba un número entero positivo".into());
    }
    (String::new(), format!("error de sintaxis TOML: {}", first_line.trim()))
}

/// Imports every file into the operation's transaction: the first error rolls back the whole
/// import.
pub fn import_in(tx: &Tx, files: &[(String, String)]) -> Result<Summary, ImportError> {
    let docs = parse_all(files)?;
    import_docs(tx, &docs)
}

fn parse_all(files: &[(String, String)]) -> Result<Vec<(Ctx<'_>, FileDoc)>, ImportError> {
    let mut docs = Vec::with_capacity(files.len());
    for (name, src) in files {
        let ctx = Ctx { name, src };
        let doc = toml::from_str::<FileDoc>(src).map_err(|e| ctx.syntax(&e))?;
        docs.push((ctx, doc));
    }
    Ok(docs)
}

fn import_docs(tx: &Tx, docs: &[(Ctx, FileDoc)]) -> Result<Summary, ImportError> {
    let mut summary = Summary::default();
    {
        for (ctx, doc) in docs {
            institutions_of(tx, ctx, doc, &mut summary)?;
        }
        // Bodies first without parents, so a parent may come later or from another file.
        let mut created: Vec<(i64, &Ctx, &BodyDoc)> = Vec::new();
        for (ctx, doc) in docs {
            for b in &doc.organos {
                created.push((body_of(tx, ctx, b)?, ctx, b));
            }
        }
        summary.bodies = created.len();
        for (id, ctx, b) in &created {
            link_parent(tx, ctx, *id, b)?;
            for m in &b.integrantes {
                member_of(tx, ctx, *id, m, &mut summary)?;
            }
        }
        for (ctx, doc) in docs {
            for s in &doc.sesiones {
                session_of(tx, ctx, s)?;
                summary.sessions += 1;
            }
        }
        for (ctx, doc) in docs {
            for p in &doc.programas {
                summary.activities += plan_of(tx, ctx, p)?;
            }
        }
    }
    Ok(summary)
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError { file: String::new(), line: 0, field: String::new(), message: e.to_string() }
    }
}

fn institutions_of(tx: &Tx, ctx: &Ctx, doc: &FileDoc, summary: &mut Summary) -> Result<(), ImportError> {
    for i in &doc.instituciones {
        let kind =
            ctx.parse_opt(&i.tipo, "tipo", InstitutionKind::parse_label)?.unwrap_or(InstitutionKind::Institution);
        let locate = |f: &str| match f {
            "siglas" => Some(i.siglas.span()),
            "nombre" => Some(i.nombre.span()),
            _ => None,
        };
        let existed =
            institutions::by_acronym(tx, i.siglas.get_ref()).map_err(|e| ctx.store(e, locate, i.siglas.span()))?;
        institutions::ensure(tx, i.siglas.get_ref(), i.nombre.get_ref(), kind)
            .map_err(|e| ctx.store(e, locate, i.siglas.span()))?;
        if existed.is_none() {
            summary.institutions += 1;
        }
    }
    Ok(())
}

fn institution_id(tx: &Tx, ctx: &Ctx, siglas: &Text, field: &str) -> Result<i64, ImportError> {
    match institutions::by_acronym(tx, siglas.get_ref()) {
        Ok(Some(i)) => Ok(i.id),
        Ok(None) => Err(ctx.at(
            siglas.span(),
            field,
            format!("no hay ninguna institución con siglas «{}»; defínala en [[instituciones]]", siglas.get_ref()),
        )),
        Err(e) => Err(ctx.store(e, |_| None, siglas.span())),
    }
}

fn body_locate(b: &BodyDoc) -> impl Fn(&str) -> Option<Range<usize>> + '_ {
    move |f| match f {
        "siglas" => Some(b.siglas.span()),
        "nombre" => Some(b.nombre.span()),
        "zona_horaria" => b.zona_horaria.as_ref().map(Spanned::span),
        "padre" => b.padre.as_ref().map(Spanned::span),
        "coordina" => b.coordina.as_ref().map(Spanned::span),
        "espera_segunda_min" => b.espera_segunda_min.as_ref().map(Spanned::span),
        "aviso_ordinaria_dias" => b.aviso_ordinaria_dias.as_ref().map(Spanned::span),
        _ => None,
    }
}

fn body_of(tx: &Tx, ctx: &Ctx, b: &BodyDoc) -> Result<i64, ImportError> {
    let second_call = match (&b.quorum_segunda, &b.espera_segunda_min) {
        (Some(q), Some(w)) => Some((ctx.parse(q, "quorum_segunda", QuorumRule::parse)?, *w.get_ref())),
        (Some(q), None) => {
            return Err(ctx.at(
                q.span(),
                "espera_segunda_min",
                "falta la espera en minutos de la segunda convocatoria",
            ));
        }
        (None, Some(w)) => {
            return Err(ctx.at(w.span(), "quorum_segunda", "hay espera de segunda convocatoria pero falta su quórum"));
        }
        (None, None) => None,
    };
    let defaults = BodyRules::default();
    let rules = BodyRules {
        quorum: ctx.parse_opt(&b.quorum, "quorum", QuorumRule::parse)?.unwrap_or(defaults.quorum),
        second_call,
        majority: ctx.parse_opt(&b.mayoria, "mayoria", MajorityRule::parse_label)?.unwrap_or(defaults.majority),
        casting_vote: b.voto_de_calidad.unwrap_or(false),
        minimum: ctx.parse_opt(&b.minimo_ordinarias, "minimo_ordinarias", MinimumSessions::parse)?,
        notice_ordinary_days: b.aviso_ordinaria_dias.as_ref().map_or(defaults.notice_ordinary_days, |v| *v.get_ref()),
        notice_extraordinary_days: b
            .aviso_extraordinaria_dias
            .as_ref()
            .map_or(defaults.notice_extraordinary_days, |v| *v.get_ref()),
    };
    let coordinator = b.coordina.as_ref().map(|c| institution_id(tx, ctx, c, "coordina")).transpose()?;
    let body = Body {
        id: 0,
        acronym: b.siglas.get_ref().clone(),
        name: b.nombre.get_ref().clone(),
        kind: ctx.parse(&b.tipo, "tipo", BodyKind::parse_label)?,
        parent: None,
        coordinator,
        meeting_word: ctx
            .parse_opt(&b.denominacion, "denominacion", MeetingWord::parse_label)?
            .unwrap_or(MeetingWord::Session),
        timezone: b.zona_horaria.as_ref().map_or(DEFAULT_TIMEZONE.to_string(), |z| z.get_ref().clone()),
        place: text(&b.lugar).to_string(),
        rules,
    };
    let id = bodies::insert(tx, &body).map_err(|e| ctx.store(e, body_locate(b), b.siglas.span()))?;
    let settings = bodies::SessionSettings {
        agenda_items: b.puntos_propios.clone(),
        agreement_pattern: b
            .patron_acuerdos
            .as_ref()
            .map_or(crate::domain::agreement::DEFAULT_PATTERN.to_string(), |p| p.get_ref().clone()),
    };
    let at = b.patron_acuerdos.as_ref().map_or(b.siglas.span(), Spanned::span);
    bodies::set_session_settings(tx, id, &settings).map_err(|e| ctx.store(e, |_| Some(at.clone()), at.clone()))?;
    Ok(id)
}

fn link_parent(tx: &Tx, ctx: &Ctx, id: i64, b: &BodyDoc) -> Result<(), ImportError> {
    let Some(padre) = &b.padre else { return Ok(()) };
    let err = |e| ctx.store(e, body_locate(b), padre.span());
    let parent = bodies::by_acronym(tx, padre.get_ref()).map_err(err)?.ok_or_else(|| {
        ctx.at(padre.span(), "padre", format!("no hay ningún órgano con siglas «{}»", padre.get_ref()))
    })?;
    let mut body = bodies::get(tx, id)
        .map_err(err)?
        .ok_or_else(|| ctx.at(b.siglas.span(), "siglas", "el órgano desapareció durante la importación"))?;
    body.parent = Some(parent.id);
    bodies::update(tx, &body).map_err(err)
}

fn member_of(tx: &Tx, ctx: &Ctx, body: i64, m: &MemberDoc, summary: &mut Summary) -> Result<(), ImportError> {
    let membership = Membership {
        id: 0,
        body,
        institution: institution_id(tx, ctx, &m.institucion, "institucion")?,
        rights: ctx.parse_opt(&m.derechos, "derechos", Rights::parse_label)?.unwrap_or(Rights::VoiceAndVote),
        office: ctx.parse_opt(&m.cargo, "cargo", Office::parse_label)?.unwrap_or(Office::Member),
        weight: m.peso.as_ref().map_or(1, |p| *p.get_ref()),
        ended_on: None,
    };
    let locate = |f: &str| match f {
        "peso" => m.peso.as_ref().map(Spanned::span),
        "cargo" => m.cargo.as_ref().map(Spanned::span),
        _ => None,
    };
    let id = members::insert(tx, &membership).map_err(|e| ctx.store(e, locate, m.institucion.span()))?;
    summary.memberships += 1;
    for (role, doc) in [(RepresentativeRole::Titular, &m.titular), (RepresentativeRole::Alternate, &m.suplente)] {
        let Some(r) = doc else { continue };
        let rep = representative_of(ctx, r)?;
        let locate = |f: &str| match f {
            "nombre" => Some(r.nombre.span()),
            "correo" => r.correo.as_ref().map(Spanned::span),
            "telefono" => r.telefono.as_ref().map(Spanned::span),
            _ => None,
        };
        members::designate(tx, id, role, &rep, chrono::Local::now().date_naive())
            .map_err(|e| ctx.store(e, locate, r.nombre.span()))?;
        summary.representatives += 1;
    }
    Ok(())
}

fn representative_of(ctx: &Ctx, r: &RepresentativeDoc) -> Result<Representative, ImportError> {
    Ok(Representative {
        name: r.nombre.get_ref().clone(),
        position: text(&r.puesto).into(),
        email: text(&r.correo).into(),
        phone: text(&r.telefono).into(),
        designated_on: ctx.parse_opt(&r.designacion, "designacion", parse_date)?,
        letter_ref: text(&r.oficio).into(),
    })
}

fn session_of(tx: &Tx, ctx: &Ctx, s: &SessionDoc) -> Result<(), ImportError> {
    let body =
        bodies::by_acronym(tx, s.organo.get_ref()).map_err(|e| ctx.store(e, |_| None, s.organo.span()))?.ok_or_else(
            || ctx.at(s.organo.span(), "organo", format!("no hay ningún órgano con siglas «{}»", s.organo.get_ref())),
        )?;
    if let Some(h) = &s.hora {
        ctx.parse(h, "hora", crate::domain::dates::parse_time)?;
    }
    let schedule =
        Schedule::parse(s.cuando.get_ref(), *s.anio.get_ref(), s.hora.as_ref().map(|h| h.get_ref().as_str()))
            .map_err(|m| ctx.at(s.cuando.span(), "cuando", m))?;
    let session = Session {
        id: 0,
        body: body.id,
        kind: ctx.parse(&s.tipo, "tipo", SessionKind::parse_label)?,
        number: *s.numero.get_ref(),
        schedule,
        planned: s.previsto.as_ref().map(|p| p.get_ref().clone()),
        place: text(&s.lugar).into(),
        modality: ctx.parse_opt(&s.modalidad, "modalidad", Modality::parse_label)?.unwrap_or(Modality::InPerson),
        link: text(&s.enlace).into(),
        status: ctx.parse_opt(&s.estado, "estado", SessionStatus::parse_label)?.unwrap_or(SessionStatus::Scheduled),
    };
    let locate = |f: &str| match f {
        "numero" => Some(s.numero.span()),
        "cuando" => Some(s.cuando.span()),
        "enlace" => s.enlace.as_ref().map(Spanned::span),
        "organo" => Some(s.organo.span()),
        _ => None,
    };
    sessions::insert(tx, &session).map(|_| ()).map_err(|e| ctx.store(e, locate, s.organo.span()))
}

fn plan_of(tx: &Tx, ctx: &Ctx, p: &PlanDoc) -> Result<usize, ImportError> {
    let body =
        bodies::by_acronym(tx, p.organo.get_ref()).map_err(|e| ctx.store(e, |_| None, p.organo.span()))?.ok_or_else(
            || ctx.at(p.organo.span(), "organo", format!("no hay ningún órgano con siglas «{}»", p.organo.get_ref())),
        )?;
    let locate = |f: &str| match f {
        "anio" => Some(p.anio.span()),
        "titulo" => Some(p.titulo.span()),
        _ => None,
    };
    let plan = plans::create(tx, body.id, *p.anio.get_ref(), p.titulo.get_ref())
        .map_err(|e| ctx.store(e, locate, p.organo.span()))?;
    for a in &p.actividades {
        activity_of(tx, ctx, plan, a)?;
    }
    Ok(p.actividades.len())
}

fn activity_of(tx: &Tx, ctx: &Ctx, plan: i64, a: &ActivityDoc) -> Result<(), ImportError> {
    let mut responsibles = Vec::with_capacity(a.responsables.get_ref().len());
    for r in a.responsables.get_ref() {
        responsibles.push(institution_id(tx, ctx, r, "responsables")?);
    }
    let details = ActivityPlan {
        objective: a.objetivo.get_ref().clone(),
        strategy: text(&a.estrategia).into(),
        text: a.actividad.get_ref().clone(),
        goal: text(&a.meta).into(),
        indicator: text(&a.indicador).into(),
        period: a.periodo.get_ref().clone(),
        responsible_note: text(&a.responsables_texto).into(),
        responsibles,
    };
    let locate = |f: &str| match f {
        "objetivo" => Some(a.objetivo.span()),
        "actividad" => Some(a.actividad.span()),
        "periodo" => Some(a.periodo.span()),
        "responsables" => Some(a.responsables.span()),
        _ => None,
    };
    plans::add_activity(tx, plan, &details).map(|_| ()).map_err(|e| ctx.store(e, locate, a.actividad.span()))
}
