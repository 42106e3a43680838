//! Forms of the session console: agenda items, arrival time, votes and their counts,
//! agreements, and the reasons for a recess or a reopening.

use super::{EditForm, Purpose, Refusal, labels, number, parse, refusal};
use crate::domain::Labeled;
use crate::domain::agreement::Deadline;
use crate::domain::body::MajorityRule;
use crate::domain::dates::{format_time, parse_time};
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::ops::Op;
use crate::store::documents::{ReasonKind, VoteReason};
use crate::store::votes::{CountInput, Recount};
use crate::tui::env::Environment;
use crate::tui::strings;
use crate::tui::widgets::form::{Field, Form};

pub fn item_form(session: i64, after: Option<i64>) -> EditForm {
    Form::new(
        "Nuevo punto del orden del día",
        vec![Field::text("titulo", "Título", "")],
        Purpose::NewItem { session, after },
    )
}

pub fn rename_form(item: i64, title: &str) -> EditForm {
    Form::new("Título del punto", vec![Field::text("titulo", "Título", title)], Purpose::RenameItem(item))
}

pub fn arrival_form(session: i64, membership: i64, siglas: &str, current: Option<chrono::NaiveTime>) -> EditForm {
    let value = current.map(format_time).unwrap_or_default();
    Form::new(
        format!("Hora de llegada de {siglas}"),
        vec![Field::text("llegada", "Llegada", &value)],
        Purpose::Arrival { session, membership },
    )
}

pub fn vote_form(session: i64, item: i64, rule: MajorityRule) -> EditForm {
    let fields = vec![
        Field::text("mocion", "Moción", ""),
        Field::choice("modo", "Modo", labels::<VoteMode>(), VoteMode::Totals.label()),
        Field::choice("regla", "Regla de mayoría", labels::<MajorityRule>(), rule.label()),
    ];
    Form::new("Nueva votación", fields, Purpose::NewVote { session, item })
}

/// The casting vote's options: the first, «—», means not given yet; on a tie it must be.
const CASTING: [&str; 4] = [strings::NOT_CHOSEN, "a favor", "en contra", "no la ejerce"];

/// What a count form is about: the vote, and who may vote now in roll-call order (by
/// membership, with the siglas shown).
pub struct CountForm<'a> {
    pub vote: i64,
    pub motion: &'a str,
    pub mode: VoteMode,
    pub voters: &'a [(i64, String)],
    pub casting: bool,
    /// What the body calls its Secretaría Técnica: it may correct its own count.
    pub secretariat: &'a str,
}

/// The count of a vote: totals, or one ballot per voter present. Nothing is filled in for the
/// secretary: every ballot starts «—» and must be chosen, and so must the casting vote on a
/// tie. A recount (`askers`: who may have asked for it) first asks why
/// and who asked.
pub fn count_form(f: &CountForm, askers: Option<&[(i64, String)]>) -> EditForm {
    let title = format!("{} · «{}»", if askers.is_some() { "Recuento" } else { "Conteo" }, f.motion);
    let mut fields = Vec::new();
    if let Some(askers) = askers {
        fields.push(Field::text("motivo", "Motivo del recuento", ""));
        let mut options = vec![strings::NOT_CHOSEN.to_string()];
        options.extend(askers.iter().map(|(_, siglas)| siglas.clone()));
        options.push(format!("{} {}", f.secretariat, strings::RECOUNT_BY_SECRETARIAT));
        fields.push(Field::choice("solicitado_por", "Lo pidió", options, strings::NOT_CHOSEN));
    }
    let askers = askers.map(|a| a.iter().map(|(m, _)| *m).collect::<Vec<_>>());
    match f.mode {
        VoteMode::Totals => {
            fields.extend([
                Field::text("a_favor", "A favor", ""),
                Field::text("en_contra", "En contra", ""),
                Field::text("abstencion", "Abstención", ""),
            ]);
            if f.casting {
                let options = CASTING.map(String::from).to_vec();
                fields.push(Field::choice("voto_de_calidad", "Voto de calidad (si hay empate)", options, CASTING[0]));
            }
            Form::new(title, fields, Purpose::Totals(f.vote, askers))
        }
        VoteMode::Nominal => {
            let mut options = vec![strings::NOT_CHOSEN.to_string()];
            options.extend(labels::<Ballot>());
            for (_, siglas) in f.voters {
                fields.push(Field::choice("voto", siglas.clone(), options.clone(), strings::NOT_CHOSEN));
            }
            Form::new(title, fields, Purpose::Nominal(f.vote, f.voters.iter().map(|(m, _)| *m).collect(), askers))
        }
    }
}

/// The option chosen in a choice field, by position.
fn chosen_index(form: &EditForm, key: &str) -> Option<usize> {
    form.fields.iter().find(|f| f.key == key).and_then(|f| match &f.input {
        crate::tui::widgets::form::Input::Choice { index, .. } => Some(*index),
        _ => None,
    })
}

/// The recount's reason and who asked, as the form says them.
fn recount_of(form: &EditForm, askers: &Option<Vec<i64>>) -> Result<Option<Recount>, Refusal> {
    let Some(askers) = askers else { return Ok(None) };
    // The choices: «—», each member present, then the secretariat correcting its count.
    let chosen = chosen_index(form, "solicitado_por");
    let requested_by = if chosen == Some(askers.len() + 1) {
        None
    } else {
        match chosen.and_then(|i| i.checked_sub(1)).and_then(|i| askers.get(i).copied()) {
            Some(m) => Some(m),
            None => {
                return Err((
                    "solicitado_por".into(),
                    "diga quién pidió el recuento (o si es una corrección del conteo)".into(),
                ));
            }
        }
    };
    Ok(Some(Recount { reason: form.value("motivo"), requested_by }))
}

pub fn agreement_form(session: i64, item: i64, vote: Option<(i64, &str)>, responsible: &str) -> EditForm {
    let fields = vec![
        Field::long_text("texto", "Acuerdo", vote.map_or("", |(_, motion)| motion)),
        Field::text("responsables", "Responsables (siglas)", responsible),
        Field::text("plazo", "Plazo (fecha o permanente)", ""),
    ];
    Form::new("Nuevo acuerdo", fields, Purpose::Agreement { session, item, vote: vote.map(|(v, _)| v) })
}

/// A voto razonado or salvado: who, which kind, and the reasons as the member gives them.
pub fn vote_reason_form(session: i64, vote: i64, motion: &str, members: &[(i64, String)]) -> EditForm {
    let mut options = vec![strings::NOT_CHOSEN.to_string()];
    options.extend(members.iter().map(|(_, siglas)| siglas.clone()));
    let fields = vec![
        Field::choice("integrante", "Integrante", options, strings::NOT_CHOSEN),
        Field::choice("tipo", "Tipo", labels::<ReasonKind>(), ReasonKind::Reasoned.label()),
        Field::long_text("motivo", "Razones (tal como se expresan)", ""),
    ];
    let members = members.iter().map(|(m, _)| *m).collect();
    Form::new(format!("Voto razonado · «{motion}»"), fields, Purpose::VoteReason { session, vote, members })
}

pub fn reason_form(purpose: Purpose) -> EditForm {
    let title = if matches!(purpose, Purpose::Reopen(_)) { "Reabrir la sesión clausurada" } else { "Receso" };
    Form::new(title, vec![Field::text("motivo", "Motivo", "")], purpose)
}

/// A count field left empty counts as zero.
fn votes_in(form: &EditForm, key: &str) -> Result<u32, Refusal> {
    if form.value(key).is_empty() { Ok(0) } else { number(form, key) }
}

fn tally_of(form: &EditForm) -> Result<Tally, Refusal> {
    Ok(Tally {
        for_: votes_in(form, "a_favor")?,
        against: votes_in(form, "en_contra")?,
        abstain: votes_in(form, "abstencion")?,
    })
}

/// Saves a console form; returns the id of what was created, when something was.
pub fn save(env: &mut Environment, form: &EditForm) -> Result<Option<i64>, Refusal> {
    let session = match &form.purpose {
        Purpose::NewItem { session, .. }
        | Purpose::Arrival { session, .. }
        | Purpose::NewVote { session, .. }
        | Purpose::Agreement { session, .. }
        | Purpose::Recess(session)
        | Purpose::Reopen(session)
        | Purpose::VoteReason { session, .. } => Some(*session),
        Purpose::Totals(vote, _) | Purpose::Nominal(vote, ..) => {
            crate::store::votes::get(env.store.conn(), *vote).ok().flatten().map(|v| v.session)
        }
        _ => None,
    };
    // Every time goes on the clock of the session's body.
    let at = session.map_or_else(|| env.now(), |s| env.session_now(s));
    let op = match form.purpose.clone() {
        Purpose::NewItem { session, after } => Op::AddItem { session, title: form.value("titulo"), after },
        Purpose::RenameItem(item) => Op::RenameItem { item, title: form.value("titulo") },
        Purpose::Arrival { session, membership } => {
            Op::SetArrival { session, membership, at: parse(form, "llegada", parse_time)? }
        }
        Purpose::NewVote { session, item } => Op::CallVote {
            session,
            item,
            motion: form.value("mocion"),
            mode: parse(form, "modo", VoteMode::parse_label)?,
            rule: parse(form, "regla", MajorityRule::parse_label)?,
            at,
        },
        Purpose::Totals(vote, askers) => {
            let recount = recount_of(form, &askers)?;
            let t = tally_of(form)?;
            let casting = match form.value("voto_de_calidad").as_str() {
                "a favor" => Some(Ballot::For),
                "en contra" => Some(Ballot::Against),
                "no la ejerce" => Some(Ballot::NoVote),
                _ => None,
            };
            // Totals that exceed the voters are a problem of what was typed, first of all "A favor".
            let op = Op::Count { vote, input: CountInput::Totals(t, casting), recount, at };
            return env.run(op).map(|d| d.id).map_err(|e| match refusal(e) {
                (field, message) if field == "votos" => ("a_favor".to_string(), message),
                other => other,
            });
        }
        Purpose::Nominal(vote, voters, askers) => {
            let recount = recount_of(form, &askers)?;
            let mut ballots = Vec::with_capacity(voters.len());
            for (field, membership) in form.fields.iter().filter(|f| f.key == "voto").zip(&voters) {
                let value = field.value();
                if value == strings::NOT_CHOSEN {
                    return Err(("voto".to_string(), format!("falta el voto de {}", field.label)));
                }
                let b = Ballot::parse_label(&value).map_err(|m| ("voto".to_string(), m))?;
                ballots.push((*membership, b));
            }
            Op::Count { vote, input: CountInput::Nominal(ballots), recount, at }
        }
        Purpose::Agreement { session, item, vote } => Op::AdoptAgreement {
            session,
            item,
            vote,
            text: form.value("texto"),
            responsibles: form.value("responsables").split([',', ';']).map(|s| s.trim().to_string()).collect(),
            deadline: parse(form, "plazo", Deadline::parse)?,
            at,
        },
        Purpose::Recess(session) => Op::Suspend { session, at, reason: form.value("motivo") },
        Purpose::Reopen(session) => Op::Reopen { session, at, reason: form.value("motivo") },
        Purpose::VoteReason { session, vote, members } => {
            let membership = chosen_index(form, "integrante")
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| members.get(i).copied())
                .ok_or_else(|| ("integrante".to_string(), "elija la integrante que razona su voto".to_string()))?;
            if form.value("motivo").trim().is_empty() {
                return Err(("motivo".into(), "escriba las razones tal como se expresaron".into()));
            }
            let kind = parse(form, "tipo", ReasonKind::parse_label)?;
            Op::RecordVoteReason { session, vote, reason: VoteReason { membership, kind, text: form.value("motivo") } }
        }
        _ => return Err((String::new(), "formulario equivocado".into())),
    };
    let creates = matches!(op, Op::AddItem { .. } | Op::CallVote { .. } | Op::Count { .. } | Op::AdoptAgreement { .. });
    let done = env.run(op).map_err(refusal)?;
    Ok(if creates { done.id } else { None })
}
