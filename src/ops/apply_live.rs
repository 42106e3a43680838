//! The live session: conducting it, its agenda and notes, the roll, votes and agreements.

use super::apply::institution_id;
use super::{Applied, Op, OpError, Tx};
use crate::store::{agenda, agreements, attendance, conduct, votes};

pub(super) fn apply(tx: &Tx, op: &Op) -> Result<Applied, OpError> {
    match op {
        Op::OpenSession { session, at, other_day } => done(conduct::open_on(tx, *session, *at, *other_day)),
        Op::SetCurrentItem { session, item, at } => done(conduct::set_current(tx, *session, *item, *at)),
        Op::SecondCall { session, at } => done(conduct::second_call(tx, *session, *at)),
        Op::Suspend { session, at, reason } => done(conduct::suspend(tx, *session, *at, reason)),
        Op::Resume { session, at } => done(conduct::resume(tx, *session, *at)),
        Op::Close { session, at } => done(conduct::close(tx, *session, *at)),
        Op::Reopen { session, at, reason } => done(conduct::reopen(tx, *session, *at, reason)),
        Op::AddItem { session, title, after } => Ok(Applied::id(agenda::add(tx, *session, title, *after)?)),
        Op::RenameItem { item, title } => done(agenda::rename(tx, *item, title)),
        Op::MoveItem { item, up } => done(agenda::shift(tx, *item, *up)),
        Op::RemoveItem { item } => done(agenda::remove(tx, *item)),
        Op::SaveNotes { item, text, base } => {
            let version = agenda::save_notes(tx, *item, text, *base)?;
            Ok(Applied { id: Some(version), ..Applied::none() })
        }
        Op::Mark { session, membership, presence, at } => {
            done(attendance::mark(tx, *session, *membership, *presence, *at))
        }
        Op::SetMode { session, membership, mode } => done(attendance::set_mode(tx, *session, *membership, *mode)),
        Op::SetDeparture { session, membership, at } => done(attendance::set_departure(tx, *session, *membership, *at)),
        Op::SetArrival { session, membership, at } => done(attendance::set_arrival(tx, *session, *membership, *at)),
        Op::CallVote { session, item, motion, mode, rule, at } => {
            Ok(Applied::id(votes::create(tx, *session, *item, motion, *mode, *rule, *at)?))
        }
        Op::Count { vote, input, recount, at } => {
            Ok(Applied::id(votes::record_count(tx, *vote, input, recount.as_ref(), *at)?))
        }
        Op::RemoveVote { vote } => done(votes::remove_uncounted(tx, *vote)),
        Op::DeclareFirm { agreement } => done(agreements::declare_firm(tx, *agreement)),
        Op::AdoptAgreement { session, item, vote, text, responsibles, deadline, at } => {
            let mut ids = Vec::with_capacity(responsibles.len());
            for r in responsibles.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
                ids.push(institution_id(tx, "responsables", r)?);
            }
            Ok(Applied::id(agreements::add(tx, *session, *item, *vote, text, &ids, *deadline, *at)?))
        }
        _ => Err(OpError::Refused("operación equivocada".into())),
    }
}

fn done(r: crate::store::Result<()>) -> Result<Applied, OpError> {
    r?;
    Ok(Applied::none())
}
