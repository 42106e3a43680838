//! The acta: its draft generated from the records, edits, review, approval and errata.

use super::apply::institution_id;
use super::{Applied, Op, OpError, Tx};
use crate::domain::minutes::merge;
use crate::export::minutes_doc::generated;
use crate::store::minutes;

pub(super) fn apply(tx: &Tx, op: &Op) -> Result<Applied, OpError> {
    match op {
        Op::DraftMinutes { session, at } => {
            if minutes::get(tx, *session)?.is_some() {
                return Ok(Applied::none());
            }
            let text = generated(tx, *session)?;
            minutes::create(tx, *session, &text, *at)?;
            Ok(Applied::none())
        }
        Op::SaveMinutes { session, base, at, text } => {
            let version = minutes::save_text(tx, *session, text, *at, *base)?;
            Ok(Applied::id(version))
        }
        Op::RegenerateMinutes { session, at, text } => {
            let m =
                minutes::get(tx, *session)?.ok_or_else(|| OpError::Refused("la sesión aún no tiene acta".into()))?;
            let fresh = generated(tx, *session)?;
            let merged = merge(text, &m.generated, &fresh);
            minutes::regenerate(tx, *session, &merged.text, &fresh, *at)?;
            // The titles of edited sections kept although their records changed, one a line.
            Ok(Applied::detail(merged.kept.join("\n")))
        }
        Op::SendMinutes { session, on } => {
            minutes::send(tx, *session, *on)?;
            Ok(Applied::none())
        }
        Op::AddObservation { session, institution, text, on } => {
            let inst = institution_id(tx, "institucion", institution)?;
            Ok(Applied::id(minutes::add_observation(tx, *session, inst, text, *on)?))
        }
        Op::DecideObservation { observation, accepted, on } => {
            minutes::decide_observation(tx, *observation, *accepted, *on)?;
            Ok(Applied::none())
        }
        Op::ApproveMinutes { session, approving } => Ok(Applied::detail(minutes::approve(tx, *session, *approving)?)),
        Op::AddErratum { session, text, on } => Ok(Applied::id(minutes::add_erratum(tx, *session, text, *on)?)),
        Op::ApproveErratum { erratum, approving } => {
            Ok(Applied::detail(minutes::approve_erratum(tx, *erratum, *approving)?))
        }
        _ => Err(OpError::Refused("operación equivocada".into())),
    }
}
