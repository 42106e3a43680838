//! Each operation's execution: validation by the domain's rules and writes through the store,
//! inside the transaction `run` opened. The live session, the acta and the directory of
//! members have their own files.

use rusqlite::Connection;

use super::{Applied, Context, Op, OpError, Tx, apply_live as live, apply_minutes as acta, apply_people as people};
use crate::domain::agreement::AgreementStatus;
use crate::domain::member::find_institution;
use crate::store::followup::Report;
use crate::store::{agenda, followup, institutions, meta, notices, plans, rounds, sessions};

pub(super) fn apply(tx: &Tx, ctx: &Context, op: &Op) -> Result<Applied, OpError> {
    check_dates(op, ctx.now().with_timezone(&chrono::Local).date_naive())?;
    match op {
        Op::Access(_) => Ok(Applied::none()),
        Op::SaveBody { body, coordinator, settings } => people::save_body(tx, body, coordinator.as_deref(), settings),
        Op::DeleteBody { body } => people::delete_body(tx, *body),
        Op::SaveMember { membership, body, institution, name, kind, rights, office, weight } => {
            let m = people::MemberForm {
                membership: *membership,
                body: *body,
                institution,
                name,
                kind: *kind,
                rights: *rights,
                office: *office,
                weight: *weight,
            };
            people::save_member(tx, &m)
        }
        Op::RemoveMember { membership, on, reason } => people::remove_member(tx, *membership, *on, reason),
        Op::Designate { membership, role, person, on } => people::designate(tx, *membership, *role, person, *on),
        Op::EndDesignation { membership, role, on } => {
            crate::store::members::end_designation(tx, *membership, *role, *on)?;
            Ok(Applied::none())
        }
        Op::SaveSession { session } => {
            if session.id == 0 {
                Ok(Applied::id(sessions::insert(tx, session)?))
            } else {
                sessions::update(tx, session)?;
                Ok(Applied::id(session.id))
            }
        }
        Op::DeleteSession { session } => {
            sessions::delete(tx, *session)?;
            Ok(Applied::none())
        }
        Op::PrepareAgenda { session } => {
            agenda::ensure(tx, *session)?;
            Ok(Applied::none())
        }
        Op::IssueNotice { session, on } => {
            agenda::ensure(tx, *session)?;
            let record = crate::store::record::SessionRecord::load(tx, *session)?;
            let sources = crate::export::sources::Sources::load(tx, &record, Vec::new())?;
            let text = crate::export::convocatoria::generate(&record, &sources, *on);
            notices::issue(tx, *session, *on, &text)?;
            Ok(Applied::none())
        }
        Op::SaveBodyDocuments { body, documents } => {
            crate::store::documents::set_body(tx, *body, documents)?;
            Ok(Applied::none())
        }
        Op::SaveSessionDocuments { session, documents } => {
            crate::store::documents::set_session(tx, *session, documents)?;
            Ok(Applied::none())
        }
        Op::RecordVoteReason { vote, reason, .. } => {
            crate::store::documents::set_reason(tx, *vote, reason)?;
            Ok(Applied::none())
        }
        Op::SaveNarrative { body, from, to, narrative } => {
            crate::store::documents::set_narrative(tx, *body, *from, *to, narrative)?;
            Ok(Applied::none())
        }
        Op::OpenSession { .. }
        | Op::SetCurrentItem { .. }
        | Op::SecondCall { .. }
        | Op::Suspend { .. }
        | Op::Resume { .. }
        | Op::Close { .. }
        | Op::Reopen { .. }
        | Op::AddItem { .. }
        | Op::RenameItem { .. }
        | Op::MoveItem { .. }
        | Op::RemoveItem { .. }
        | Op::SaveNotes { .. }
        | Op::Mark { .. }
        | Op::SetMode { .. }
        | Op::SetDeparture { .. }
        | Op::SetArrival { .. }
        | Op::CallVote { .. }
        | Op::Count { .. }
        | Op::RemoveVote { .. }
        | Op::AdoptAgreement { .. }
        | Op::DeclareFirm { .. } => live::apply(tx, op),
        Op::DraftMinutes { .. }
        | Op::SaveMinutes { .. }
        | Op::RegenerateMinutes { .. }
        | Op::SendMinutes { .. }
        | Op::AddObservation { .. }
        | Op::DecideObservation { .. }
        | Op::ApproveMinutes { .. }
        | Op::AddErratum { .. }
        | Op::ApproveErratum { .. } => acta::apply(tx, op),
        Op::AddProgress { number, on, text, percent, institution, evidence, reason } => {
            let institution = match institution {
                Some(q) => Some(institution_id(tx, "institucion", q)?),
                None => None,
            };
            let report = Report {
                on: *on,
                text: text.clone(),
                percent: *percent,
                institution,
                evidence: evidence.clone(),
                reason: reason.clone(),
            };
            let status = followup::add_progress(tx, number, &report)?;
            Ok(Applied::detail(status_code(status)))
        }
        Op::Reprogram { number, deadline, reason, on } => {
            followup::reprogram(tx, number, *deadline, reason, *on)?;
            Ok(Applied::none())
        }
        Op::Void { number, reason, on } => {
            followup::void(tx, number, reason, *on)?;
            Ok(Applied::none())
        }
        Op::AddActivity { body, year, plan_title, activity } => {
            let plan = match plans::by_body_year(tx, *body, *year)? {
                Some(p) => p.id,
                None if plan_title.trim().is_empty() => {
                    plans::create(tx, *body, *year, &format!("Programa anual de trabajo {year}"))?
                }
                None => plans::create(tx, *body, *year, plan_title)?,
            };
            Ok(Applied::id(plans::add_activity(tx, plan, activity)?))
        }
        Op::EditActivity { activity, plan_title, details } => {
            plans::update_activity(tx, *activity, details)?;
            let plan = plans::activity(tx, *activity)?.map(|a| a.plan).unwrap_or_default();
            plans::rename(tx, plan, plan_title)?;
            Ok(Applied::id(*activity))
        }
        Op::DeleteActivity { activity } => Ok(Applied::detail(plans::delete_activity(tx, *activity)?)),
        Op::OpenRound { body, cutoff, at } => Ok(Applied::id(rounds::create(tx, *body, *cutoff, *at)?)),
        Op::MarkSent { round, institutions, on } => {
            let targets: Vec<i64> = match institutions {
                Some(list) => list.clone(),
                None => rounds::requests(tx, *round)?
                    .iter()
                    .filter(|q| q.sent_on.is_none())
                    .map(|q| q.institution)
                    .collect(),
            };
            if targets.is_empty() {
                return Err(OpError::Refused("todos los oficios de la ronda ya se enviaron".into()));
            }
            for i in &targets {
                rounds::mark_sent(tx, *round, *i, *on)?;
            }
            Ok(Applied::detail(targets.len().to_string()))
        }
        Op::MarkAnswered { round, institution, on, reply } => {
            rounds::mark_answered(tx, *round, *institution, *on, reply.as_deref())?;
            Ok(Applied::none())
        }
        Op::Import { files } => {
            let pairs: Vec<(String, String)> = files.iter().map(|f| (f.name.clone(), f.content.clone())).collect();
            let summary = crate::interchange::import_in(tx, &pairs)?;
            Ok(Applied::detail(summary.to_string()))
        }
        Op::ImportProgress { file, sheet, .. } => {
            // The sheet carries whoever follows the import (the CLI's progress bar), if anyone.
            let today = ctx.now().date_naive();
            let summary = crate::interchange::progress::apply(tx, file, sheet, today, &mut |done, total| {
                sheet.report(done, total)
            })?;
            Ok(Applied::detail(summary.to_string()))
        }
        Op::LoadDemo => {
            // The history of the demo bodies' closed sessions, seen from the demo's own day.
            let held = crate::demo_sessions::history::write(tx, &crate::demo::bodies(), crate::demo::today())?;
            meta::set(tx, meta::DEMO, "1")?;
            Ok(Applied::detail(held.to_string()))
        }
        Op::Undo { entry } => super::undo::apply(tx, ctx, *entry),
        Op::Restore { .. } => Ok(Applied::none()),
    }
}

/// The form field a date argument is typed in, for the refusal to point at it.
fn date_field(key: &str) -> &'static str {
    match key {
        "deadline" => "plazo",
        "cutoff" => "corte",
        "designated_on" => "designacion",
        "date" | "schedule" => "cuando",
        _ => "fecha",
    }
}

/// Every date an operation carries must be plausible (1990 to ten years ahead): one check for
/// every form and command, whatever the operation.
fn check_dates(op: &Op, today: chrono::NaiveDate) -> Result<(), OpError> {
    fn walk(v: &serde_json::Value, key: &str, today: chrono::NaiveDate) -> Result<(), OpError> {
        match v {
            serde_json::Value::String(s) => {
                let day = s.get(..10).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                match day.filter(|_| s.len() == 10 || s.as_bytes().get(10) == Some(&b'T')) {
                    Some(d) => crate::domain::dates::check_plausible(d, today)
                        .map_err(|m| OpError::invalid(date_field(key), m)),
                    None => Ok(()),
                }
            }
            serde_json::Value::Object(m) => m.iter().try_for_each(|(k, v)| {
                // Variant names ("Date") keep the field they belong to.
                let key = if k.starts_with(char::is_uppercase) { key } else { k.as_str() };
                walk(v, key, today)
            }),
            serde_json::Value::Array(items) => items.iter().try_for_each(|v| walk(v, key, today)),
            _ => Ok(()),
        }
    }
    if matches!(
        op,
        Op::Access(_) | Op::Import { .. } | Op::ImportProgress { .. } | Op::Undo { .. } | Op::Restore { .. }
    ) {
        return Ok(());
    }
    walk(&op.args(), "", today)
}

fn status_code(status: AgreementStatus) -> &'static str {
    crate::domain::Labeled::code(status)
}

/// An institution by siglas or name, or an error on `field`.
pub(super) fn institution_id(conn: &Connection, field: &'static str, query: &str) -> Result<i64, OpError> {
    let all = institutions::list(conn)?;
    find_institution(&all, query).map(|i| i.id).ok_or_else(|| {
        OpError::invalid(field, format!("no hay ninguna institución «{}» (siglas o nombre)", query.trim()))
    })
}
