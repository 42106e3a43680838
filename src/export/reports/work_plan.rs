//! "Informe de seguimiento al Plan Operativo Anual": the monitoring matrix of seed 002 (§IX)
//! filled from the records, one section per work plan of the period.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{
    body_line, field, footer, goal_state, heading, institution_acronyms, paragraph, period_text, scope_bodies, siglas,
    stats_sentence, years,
};
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::{long_date, medium_date};
use crate::domain::followup::Source;
use crate::domain::indicators::{Commitment, NO_DATA, commitment_stats};
use crate::export::document::{Block, Document};
use crate::store::followup::{Change, Progress, changes, history};
use crate::store::plans::{self, Plan};
use crate::store::{self, commitments};

pub const TITLE: &str = "Informe de seguimiento al Plan Operativo Anual";

/// The matrix's columns, as the seed names them.
pub const COLUMNS: [&str; 7] =
    ["Objetivo operativo", "Actividad", "Meta", "Indicador", "% de avance", "Estado de las metas", "Justificación"];

/// Written in the objective's cell when a row has the same objective as the one above.
pub const SAME_OBJECTIVE: &str = "ídem";

/// The follow-up of the work plans of `body` (and, with `children`, of its dependent bodies)
/// for the years `from`..`to` touch, as of `today`.
pub fn work_plan_report(
    conn: &Connection,
    body: i64,
    children: bool,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> store::Result<Document> {
    let scope = scope_bodies(conn, body, children)?;
    let style = crate::store::documents::body(conn, body)?.style;
    let language = style.language();
    let mut blocks = vec![
        heading(1, TITLE),
        field("FECHA", &long_date(today)),
        field("PAÍS", style.country()),
        field("COALICIÓN, COMITÉ, COMISIÓN Y/O CONSEJO NACIONAL", &body_line(&scope)),
        field("PERIODO", &period_text(from, to)),
    ];
    let all_plans = plans::list(conn)?;
    let mut selected: Vec<&Plan> = Vec::new();
    for b in &scope {
        selected.extend(all_plans.iter().filter(|p| p.body == b.id && years(from, to).contains(&p.year)));
    }
    if selected.is_empty() {
        blocks.push(paragraph(format!(
            "No hay programas de trabajo registrados para el periodo {}: {NO_DATA}.",
            period_text(from, to)
        )));
        return Ok(Document { title: TITLE.into(), blocks, draft: false, footer: footer(today), language });
    }
    let names = institution_acronyms(conn)?;
    let mut everything: Vec<Commitment> = Vec::new();
    for plan in &selected {
        let acronym = scope.iter().find(|b| b.id == plan.body).map_or("", |b| b.acronym.as_str());
        let title = if plan.body == body { plan.title.clone() } else { format!("{acronym}: {}", plan.title) };
        blocks.push(heading(2, title));
        let filter =
            commitments::ListFilter { source: Some(Source::Activity), body: Some(plan.body), ..Default::default() };
        let mut tracked: HashMap<i64, commitments::Tracked> =
            commitments::list(conn, &filter)?.into_iter().map(|t| (t.id, t)).collect();
        let mut rows = Vec::new();
        let mut items = Vec::new();
        let mut previous_objective: Option<String> = None;
        let mut states: Vec<super::GoalState> = Vec::new();
        for a in plans::activities(conn, plan.id)? {
            let Some(t) = tracked.remove(&a.id) else { continue };
            let d = &a.details;
            let objective = if previous_objective.as_deref() == Some(d.objective.as_str()) {
                SAME_OBJECTIVE.to_string()
            } else {
                d.objective.clone()
            };
            previous_objective = Some(d.objective.clone());
            let state = goal_state(t.status, t.deadline, t.done_on, t.progress, today);
            states.push(state);
            let reason =
                justification(&changes(conn, Source::Activity, t.id)?, &history(conn, Source::Activity, t.id)?);
            rows.push(vec![
                objective,
                format!("{}. {} ({} · {})", t.number, d.text, t.term(), siglas(&d.responsibles, &names)),
                d.goal.clone(),
                d.indicator.clone(),
                format!("{} %", t.progress),
                state.label().to_string(),
                reason,
            ]);
            items.push(Commitment { status: t.status, deadline: t.deadline, done_on: t.done_on });
        }
        if rows.is_empty() {
            blocks.push(paragraph(format!("El programa no tiene actividades registradas: {NO_DATA}.")));
            continue;
        }
        blocks.push(Block::Table { header: COLUMNS.iter().map(|c| c.to_string()).collect(), rows });
        goal_states(&states, &mut blocks);
        let stats = commitment_stats(&items, today);
        blocks.push(paragraph(format!(
            "Resumen al {}: {}",
            medium_date(today),
            stats_sentence(&stats, ("actividad programada", "actividades programadas"), true)
        )));
        everything.extend(items);
    }
    if selected.len() > 1 {
        blocks.push(heading(2, "Resumen de todos los programas"));
        let stats = commitment_stats(&everything, today);
        blocks.push(paragraph(stats_sentence(&stats, ("actividad programada", "actividades programadas"), true)));
    }
    Ok(Document { title: TITLE.into(), blocks, draft: false, footer: footer(today), language })
}

/// The "Estado de las metas" block: how many goals are in each state, in the matrix's order.
fn goal_states(states: &[super::GoalState], blocks: &mut Vec<Block>) {
    use super::GoalState::*;
    blocks.push(heading(3, "Estado de las metas"));
    let rows = [Met, MetLate, InProgress, NotStarted, Rescheduled, Overdue, Void]
        .into_iter()
        .map(|g| (g, states.iter().filter(|s| **s == g).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(g, n)| vec![g.label().to_string(), n.to_string()])
        .collect();
    blocks.push(Block::Table { header: vec!["Estado".into(), "Metas".into()], rows });
}

/// "Justificación": the latest reason on record — a reprogramming, a sin efecto, or a
/// progress entry that gave one — else the latest progress reported, else nothing.
pub fn justification(changes: &[Change], history: &[Progress]) -> String {
    let from_changes = changes.iter().map(|c| {
        let text = match c.status {
            AgreementStatus::Rescheduled => {
                let new = c.new_deadline.as_deref().map(deadline_text).map(|d| format!("; nuevo plazo: {d}"));
                format!("Reprogramada el {}{}: {}", medium_date(c.on), new.unwrap_or_default(), c.reason.trim())
            }
            AgreementStatus::Void => format!("Sin efecto desde el {}: {}", medium_date(c.on), c.reason.trim()),
            _ => c.reason.trim().to_string(),
        };
        (c.on, text)
    });
    let from_progress = history.iter().filter_map(|p| {
        let reason = p.reason.as_deref().map(str::trim).filter(|r| !r.is_empty())?;
        Some((p.on, format!("{reason} ({})", medium_date(p.on))))
    });
    // `max_by_key` keeps the last of equals: a progress entry beats a change of the same day.
    let latest_reason = from_changes.chain(from_progress).max_by_key(|(on, _)| *on);
    if let Some((_, text)) = latest_reason {
        return text;
    }
    history.last().map(|p| format!("{} ({})", p.text.trim(), medium_date(p.on))).unwrap_or_default()
}

/// A stored deadline ("2025-06-30" or "permanente") as people read it.
fn deadline_text(stored: &str) -> String {
    NaiveDate::parse_from_str(stored, "%Y-%m-%d").map(medium_date).unwrap_or_else(|_| stored.to_string())
}
