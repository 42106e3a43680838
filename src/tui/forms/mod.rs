//! Create/edit forms: how each record becomes a form and a filled form becomes a record.
//! Saving runs in one transaction; a refusal names the field it concerns.

mod body;
mod console;
mod documents;
mod followup;
mod member;
mod minutes;
mod plans;
mod rounds;
mod session;

use crate::domain::Labeled;
use crate::domain::member::RepresentativeRole;
use crate::tui::data::Directory;
use crate::tui::env::Environment;
use crate::tui::widgets::form::Form;

pub use body::body_form;
pub use console::{
    CountForm, agreement_form, arrival_form, count_form, item_form, reason_form, rename_form, vote_form,
    vote_reason_form,
};
pub use documents::{body_documents_form, session_documents_form};
pub use followup::{progress_form, reprogram_form, void_form};
pub use member::{member_form, representative_form};
pub use minutes::{approve_form, erratum_form, observation_form, send_form};
pub use plans::{activity_form, edit_activity_form, proposed_year};
pub use rounds::{answer_form, round_form, sent_form};
pub use session::{refresh_new as refresh_new_session, session_form};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewBody,
    EditBody(i64),
    /// How the body writes its documents.
    BodyDocuments(i64),
    /// What the session's convocatoria cites.
    SessionDocuments(i64),
    NewMember(i64),
    EditMember(i64),
    Representative(i64, RepresentativeRole),
    NewSession,
    EditSession(i64),
    NewItem {
        session: i64,
        after: Option<i64>,
    },
    RenameItem(i64),
    Arrival {
        session: i64,
        membership: i64,
    },
    NewVote {
        session: i64,
        item: i64,
    },
    /// The vote counted by totals; on a recount, the memberships that may have asked for it
    /// in the order the form lists them.
    Totals(i64, Option<Vec<i64>>),
    /// The vote, the memberships voting in field order, and (a recount) who may have asked.
    Nominal(i64, Vec<i64>, Option<Vec<i64>>),
    Agreement {
        session: i64,
        item: i64,
        vote: Option<i64>,
    },
    Recess(i64),
    Reopen(i64),
    /// A member's reasons for its vote: the session, the vote, and the members in option
    /// order.
    VoteReason {
        session: i64,
        vote: i64,
        members: Vec<i64>,
    },
    SendMinutes(i64),
    Observation(i64),
    /// The acta's session and, in option order, the later closed sessions that can approve it.
    ApproveMinutes(i64, Vec<i64>),
    Erratum(i64),
    ApproveErratum(i64, Vec<i64>),
    Print(i64, Printable),
    Progress(String),
    Reprogram(String),
    VoidAgreement(String),
    NewActivity,
    EditActivity(i64),
    NewRound,
    /// One institution's oficio, or (`None`) every one not yet sent.
    RoundSent {
        round: i64,
        institution: Option<i64>,
    },
    RoundAnswer {
        round: i64,
        institution: i64,
    },
}

/// Which document a print form prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printable {
    Minutes,
    Notice,
    /// The oficios of a follow-up round (the id is the round's).
    RoundLetters,
}

pub type EditForm = Form<Purpose>;

/// A refusal: the form field it concerns (empty: the focused one) and the message.
pub type Refusal = (String, String);

/// An operation's refusal as the form shows it: on its field when it names one.
pub(crate) fn refusal(e: impl Into<crate::ops::OpError>) -> Refusal {
    let e = e.into();
    (e.field().unwrap_or_default().to_string(), e.to_string_without_field())
}

pub(crate) fn labels<T: Labeled>() -> Vec<String> {
    T::ALL.iter().map(|v| v.label().to_string()).collect()
}

pub(crate) fn parse<T>(form: &EditForm, key: &str, f: impl Fn(&str) -> Result<T, String>) -> Result<T, Refusal> {
    f(&form.value(key)).map_err(|m| (key.to_string(), m))
}

/// The body the form's «organo» choice names.
pub(crate) fn chosen_body<'d>(data: &'d Directory, form: &EditForm) -> Result<&'d crate::domain::body::Body, Refusal> {
    let siglas = form.value("organo");
    data.bodies
        .iter()
        .find(|b| b.acronym == siglas)
        .ok_or_else(|| ("organo".to_string(), "elija un órgano".to_string()))
}

/// The form's «anio».
pub(crate) fn year(form: &EditForm) -> Result<i32, Refusal> {
    parse(form, "anio", |t| t.trim().parse::<i32>().map_err(|_| format!("«{t}» no es un año")))
}

pub(crate) fn number(form: &EditForm, key: &str) -> Result<u32, Refusal> {
    parse(form, key, |t| t.parse::<u32>().map_err(|_| format!("«{t}» no es un número entero")))
}

/// Saves the form; on success returns the id of the record to select afterwards.
pub fn save(env: &mut Environment, data: &Directory, form: &EditForm) -> Result<Option<i64>, Refusal> {
    match &form.purpose {
        Purpose::NewBody | Purpose::EditBody(_) => body::save(env, data, form).map(Some),
        Purpose::BodyDocuments(b) => documents::save_body_documents(env, form, *b).map(|()| Some(*b)),
        Purpose::SessionDocuments(id) => documents::save_session_documents(env, form, *id).map(|()| Some(*id)),
        Purpose::NewMember(_) | Purpose::EditMember(_) => member::save(env, form).map(Some),
        Purpose::Representative(m, role) => member::save_representative(env, form, *m, *role).map(|_| None),
        Purpose::NewSession | Purpose::EditSession(_) => session::save(env, data, form).map(Some),
        Purpose::SendMinutes(_)
        | Purpose::Observation(_)
        | Purpose::ApproveMinutes(..)
        | Purpose::Erratum(_)
        | Purpose::ApproveErratum(..) => minutes::save(env, form),
        Purpose::Progress(_) | Purpose::Reprogram(_) | Purpose::VoidAgreement(_) => followup::save(env, form),
        Purpose::NewRound | Purpose::RoundSent { .. } | Purpose::RoundAnswer { .. } => rounds::save(env, data, form),
        Purpose::NewActivity | Purpose::EditActivity(_) => plans::save(env, data, form),
        _ => console::save(env, form),
    }
}
