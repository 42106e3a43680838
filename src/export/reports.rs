//! The reports the Presidencia and the Secretaría Técnica present from the records: the
//! follow-up of the annual work plans in the seed's monitoring matrix (`work_plan_report`)
//! and the management report of a period (`management_report`). Both are `Document`s, so
//! every printer (PDF, DOCX, HTML, Markdown) renders them.

mod management;
mod work_plan;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

pub use management::management_report;
pub use work_plan::work_plan_report;

use super::document::{Block, Inline};
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::body::Body;
use crate::domain::dates::medium_date;
use crate::domain::followup::overdue;
use crate::domain::indicators::{CommitmentStats, RATE_DEFINITION, percent_text};
use crate::store::{self, bodies, indicators, institutions};

/// "Estado de la meta", the matrix column, derived from a commitment's status and deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalState {
    Met,
    MetLate,
    InProgress,
    Overdue,
    NotStarted,
    Rescheduled,
    Void,
}

impl GoalState {
    pub fn label(self) -> &'static str {
        match self {
            GoalState::Met => "cumplida",
            GoalState::MetLate => "cumplida fuera de plazo",
            GoalState::InProgress => "en proceso",
            GoalState::Overdue => "vencida",
            GoalState::NotStarted => "no iniciada",
            GoalState::Rescheduled => "reprogramada",
            GoalState::Void => "sin efecto",
        }
    }
}

/// The state of a goal on `today`, first rule that applies:
///
/// 1. sin efecto → **sin efecto**;
/// 2. cumplido on or before its deadline (or without a dated deadline or date of fulfilment)
///    → **cumplida**; after it → **cumplida fuera de plazo**;
/// 3. still open with its deadline passed (the deadline day itself is on time), whether
///    pending, in progress or already reprogrammed → **vencida**;
/// 4. reprogrammed, new deadline not yet passed → **reprogramada**;
/// 5. en proceso, or pendiente with some progress reported → **en proceso**;
/// 6. pendiente without progress → **no iniciada**.
pub fn goal_state(
    status: AgreementStatus,
    deadline: Deadline,
    done_on: Option<NaiveDate>,
    progress: u32,
    today: NaiveDate,
) -> GoalState {
    match status {
        AgreementStatus::Void => GoalState::Void,
        AgreementStatus::Done => match (deadline.date(), done_on) {
            (Some(d), Some(done)) if done > d => GoalState::MetLate,
            _ => GoalState::Met,
        },
        _ if overdue(status, deadline, today) => GoalState::Overdue,
        AgreementStatus::Rescheduled => GoalState::Rescheduled,
        AgreementStatus::InProgress => GoalState::InProgress,
        AgreementStatus::Pending if progress > 0 => GoalState::InProgress,
        AgreementStatus::Pending => GoalState::NotStarted,
    }
}

/// "Generado por secretaria el 24 de noviembre de 2026 a partir de los registros".
fn footer(today: NaiveDate) -> Option<String> {
    Some(format!("Generado por secretaria el {} a partir de los registros", medium_date(today)))
}

/// "FECHA: …" with the label in bold.
fn field(label: &str, value: &str) -> Block {
    Block::Paragraph(vec![Inline { text: format!("{label}: "), bold: true, italic: false }, Inline::plain(value)])
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Inline::plain(text)])
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading { level, text: text.into() }
}

/// "del 1 de enero de 2024 al 31 de diciembre de 2024".
fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    format!("del {} al {}", medium_date(from), medium_date(to))
}

/// The years a period touches, for the work plans it covers.
fn years(from: NaiveDate, to: NaiveDate) -> std::ops::RangeInclusive<i32> {
    from.year()..=to.year()
}

/// `body` and, with `children`, its dependent bodies at any depth, `body` first.
fn scope_bodies(conn: &Connection, body: i64, children: bool) -> store::Result<Vec<Body>> {
    let all = bodies::list(conn)?;
    let ids = indicators::scope(conn, body, children)?;
    let found: Vec<Body> = ids.iter().filter_map(|id| all.iter().find(|b| b.id == *id).cloned()).collect();
    if found.first().is_none_or(|b| b.id != body) {
        return Err(store::StoreError::Refused(format!("no existe el órgano {body}")));
    }
    Ok(found)
}

/// The body's name and siglas, and the dependent bodies included.
fn body_line(scope: &[Body]) -> String {
    let Some((main, rest)) = scope.split_first() else { return String::new() };
    let mut text = format!("{} ({})", main.name, main.acronym);
    if !rest.is_empty() {
        let siglas: Vec<&str> = rest.iter().map(|b| b.acronym.as_str()).collect();
        text.push_str(&format!(", con sus órganos dependientes: {}", siglas.join(", ")));
    }
    text
}

/// Siglas of every institution, by id.
fn institution_acronyms(conn: &Connection) -> store::Result<HashMap<i64, String>> {
    Ok(institutions::list(conn)?.into_iter().map(|i| (i.id, i.acronym)).collect())
}

fn siglas(ids: &[i64], names: &HashMap<i64, String>) -> String {
    ids.iter().map(|i| names.get(i).map_or("?", String::as_str)).collect::<Vec<_>>().join(", ")
}

/// `text` cut at a word boundary to at most `max` characters, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:.".contains(c)))
}

/// Width of a full bar (100 %), in characters.
const BAR_WIDTH: usize = 20;

/// A bar of "█" proportional to a percentage; empty when there are no data.
fn bar(p: Option<f64>) -> String {
    let Some(p) = p else { return String::new() };
    let n = (p.clamp(0.0, 100.0) / 100.0 * BAR_WIDTH as f64).round() as usize;
    "█".repeat(n)
}

/// "67 actividades programadas; 11 cumplidas (9 en plazo); 5 en proceso; 40 vencidas; 1 sin
/// efecto. Tasa de cumplimiento: 16.7 % (tasa de cumplimiento = …)." Each count agrees with its
/// noun: "1 actividad programada; 1 cumplida".
fn stats_sentence(s: &CommitmentStats, subject: (&str, &str), feminine: bool) -> String {
    let end = |n: u32| match (feminine, n == 1) {
        (true, true) => "a",
        (true, false) => "as",
        (false, true) => "o",
        (false, false) => "os",
    };
    let noun = if s.adopted == 1 { subject.0 } else { subject.1 };
    format!(
        "{} {noun}; {} cumplid{} ({} en plazo); {} en proceso; {} vencid{}; {} sin efecto. Tasa de \
         cumplimiento: {} ({RATE_DEFINITION}).",
        s.adopted,
        s.done,
        end(s.done),
        s.done_on_time,
        s.in_progress,
        s.overdue,
        end(s.overdue),
        s.void,
        percent_text(s.rate())
    )
}
