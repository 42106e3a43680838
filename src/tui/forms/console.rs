//! Forms of the session console: agenda items, arrival time, votes and their counts,
//! agreements, and the reasons for a recess or a reopening.

use super::{EditForm, Purpose, Refusal, labels, number, parse, refusal};
use crate::domain::Labeled;
use crate::domain::agreement::Deadline;
use crate::domain::body::MajorityRule;
use crate::domain::dates::{format_time, parse_time};
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::ops::Op;
use crate::store::votes::CountInput;
use crate::tui::env::Environment;
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

const CASTING: [&str; 3] = ["no vota", "a favor", "en contra"];

/// The count of a vote: totals, or one ballot per voter present (by siglas). `casting` asks
/// for the Presidencia's casting vote, used only on a tie.
pub fn count_form(
    vote: i64,
    motion: &str,
    mode: VoteMode,
    voters: &[(i64, String)],
    casting: bool,
    recount: bool,
) -> EditForm {
    let title = format!("{} · «{motion}»", if recount { "Recuento" } else { "Conteo" });
    match mode {
        VoteMode::Totals => {
            let mut fields = vec![
                Field::text("a_favor", "A favor", ""),
                Field::text("en_contra", "En contra", ""),
                Field::text("abstencion", "Abstención", ""),
            ];
            if casting {
                let options = CASTING.map(String::from).to_vec();
                fields.push(Field::choice("voto_de_calidad", "Voto de calidad (empate)", options, CASTING[0]));
            }
            Form::new(title, fields, Purpose::Totals(vote))
        }
        VoteMode::Nominal => {
            let options = labels::<Ballot>();
            let fields = voters
                .iter()
                .map(|(_, siglas)| Field::choice("voto", siglas.clone(), options.clone(), Ballot::For.label()))
                .collect();
            Form::new(title, fields, Purpose::Nominal(vote, voters.iter().map(|(m, _)| *m).collect()))
        }
    }
}

pub fn agreement_form(session: i64, item: i64, vote: Option<(i64, &str)>, responsible: &str) -> EditForm {
    let fields = vec![
        Field::text("texto", "Acuerdo", vote.map_or("", |(_, motion)| motion)),
        Field::text("responsables", "Responsables (siglas)", responsible),
        Field::text("plazo", "Plazo (fecha o permanente)", ""),
    ];
    Form::new("Nuevo acuerdo", fields, Purpose::Agreement { session, item, vote: vote.map(|(v, _)| v) })
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
    let at = env.now();
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
        Purpose::Totals(vote) => {
            let t = tally_of(form)?;
            let casting = match form.value("voto_de_calidad").as_str() {
                "a favor" => Some(Ballot::For),
                "en contra" => Some(Ballot::Against),
                _ => None,
            };
            // Totals that exceed the voters are a problem of what was typed, first of all "A favor".
            return env.run(Op::Count { vote, input: CountInput::Totals(t, casting), at }).map(|d| d.id).map_err(|e| {
                match refusal(e) {
                    (field, message) if field == "votos" => ("a_favor".to_string(), message),
                    other => other,
                }
            });
        }
        Purpose::Nominal(vote, voters) => {
            let mut ballots = Vec::with_capacity(voters.len());
            for (field, membership) in form.fields.iter().zip(&voters) {
                let b = Ballot::parse_label(&field.value()).map_err(|m| ("voto".to_string(), m))?;
                ballots.push((*membership, b));
            }
            Op::Count { vote, input: CountInput::Nominal(ballots), at }
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
        _ => return Err((String::new(), "formulario equivocado".into())),
    };
    let creates = matches!(op, Op::AddItem { .. } | Op::CallVote { .. } | Op::Count { .. } | Op::AdoptAgreement { .. });
    let done = env.run(op).map_err(refusal)?;
    Ok(if creates { done.id } else { None })
}
