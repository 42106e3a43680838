//! "Informe de gestión": what the Presidencia and the Secretaría Técnica report at the end of
//! their term — sessions held against the plan and the minimum, attendance per member
//! institution, fulfilment of commitments, what is still pending, and the same figures drawn
//! as bars, signed by both offices.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::{
    bar, body_line, field, footer, heading, institution_acronyms, paragraph, period_text, scope_bodies, shorten,
    siglas, years,
};
use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::dates::medium_date;
use crate::domain::followup::{Source, light, open};
use crate::domain::indicators::{CommitmentStats, NO_DATA, RATE_DEFINITION, percent, percent_text};
use crate::domain::member::{Office, RepresentativeRole};
use crate::domain::session::{SessionStatus, title};
use crate::export::document::{Block, Document, Inline, Signature};
use crate::store::commitments::{self, Tracked};
use crate::store::indicators::{self, Indicators};
use crate::store::{self, documents, institutions, members, sessions};

pub const TITLE: &str = "Informe de gestión";

/// Longest commitment text in the pending table, in characters.
const TEXT_MAX: usize = 120;

pub const ATTENDANCE_COLUMNS: [&str; 7] =
    ["Institución", "Sesiones", "Asistencias", "Justificadas", "%", "Meta", "Cumple"];

pub const COMMITMENT_COLUMNS: [&str; 8] = [
    "Compromisos",
    "Adoptados",
    "Cumplidos",
    "Cumplidos en plazo",
    "En proceso",
    "Vencidos",
    "Sin efecto",
    "Tasa de cumplimiento",
];

pub const PENDING_COLUMNS: [&str; 6] = ["Número", "Compromiso", "Responsables", "Plazo", "Avance", "Semáforo"];

fn header(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}

/// The management report of `body` (and, with `children`, its dependent bodies) over
/// `from`..`to`, with the commitments' state as of `today`.
pub fn management_report(
    conn: &Connection,
    body: i64,
    children: bool,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> store::Result<Document> {
    let scope = scope_bodies(conn, body, children)?;
    let ids: Vec<i64> = scope.iter().map(|b| b.id).collect();
    let i = indicators::compute(conn, &ids, from, to, today)?;
    let docs = documents::body(conn, body)?;
    let narrative = documents::narrative(conn, body, from, to)?;
    let style = docs.style;
    let secretariat = docs.secretariat_name();
    let city = if narrative.place.trim().is_empty() { docs.city.as_str() } else { narrative.place.as_str() };
    let term = if docs.term == Some((from, to)) { "PERIODO DE GESTIÓN" } else { "PERIODO" };
    let mut blocks = vec![
        heading(1, TITLE),
        paragraph(format!("De la Presidencia y la {secretariat}")),
        paragraph(style.letter_date(city, today)),
        field("ÓRGANO", &body_line(&scope)),
        field(term, &period_text(from, to)),
        paragraph(format!(
            "La Presidencia y la {secretariat} informan de las acciones realizadas durante su gestión, de la \
             representación del órgano en eventos y de la cooperación gestionada, y, a partir de los registros, de las \
             sesiones celebradas, la asistencia de sus integrantes y el cumplimiento de los compromisos adoptados."
        )),
    ];
    for (title, text, missing) in [
        ("1. Acciones realizadas", &narrative.actions, "las acciones realizadas durante la gestión"),
        (
            "2. Representación en eventos",
            &narrative.representations,
            "los eventos, reuniones y comparecencias en que la Presidencia representó al órgano",
        ),
        ("3. Cooperación gestionada", &narrative.cooperation, "la cooperación técnica y financiera gestionada"),
    ] {
        blocks.push(heading(2, title));
        narrative_blocks(text, missing, &mut blocks);
    }
    // An informe whose narrative is not yet written is a draft: "BORRADOR" on every page.
    let draft =
        [&narrative.actions, &narrative.representations, &narrative.cooperation].iter().any(|t| t.trim().is_empty());
    let comma = style.decimal_comma();
    sessions_section(conn, &scope, &i, from, to, &mut blocks)?;
    attendance_section(&i, comma, &mut blocks);
    commitments_section(&i, today, comma, &mut blocks);
    pending_section(conn, &scope, from, to, today, &mut blocks)?;
    charts_section(conn, &scope, &i, (from, to), today, comma, &mut blocks)?;
    blocks.push(Block::Signatures(signatures(conn, body, secretariat)?));
    Ok(Document { title: TITLE.into(), blocks, draft, footer: footer(today), language: style.language() })
}

/// What the Presidencia and the Secretaría Técnica wrote, paragraph by paragraph and line by
/// line as typed; a section not yet written says what it is waiting for.
fn narrative_blocks(text: &str, missing: &str, blocks: &mut Vec<Block>) {
    if text.trim().is_empty() {
        // Said as a fact of the draft, where the text will go: what is missing and where it
        // is written (the body's «informes» in the data file).
        blocks.push(Block::Paragraph(vec![Inline {
            text: format!(
                "Sección aún no redactada: {missing}. Se registra en los datos del órgano («informes» del periodo)."
            ),
            bold: false,
            italic: true,
        }]));
        return;
    }
    for p in text.replace("\r\n", "\n").split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        blocks.push(Block::Paragraph(vec![Inline::plain(p)]));
    }
}

/// "80.5 %" or, in Costa Rica, "80,5 %".
fn pct(p: Option<f64>, comma: bool) -> String {
    let text = percent_text(p);
    if comma { text.replace('.', ",") } else { text }
}

fn sessions_section(
    conn: &Connection,
    scope: &[Body],
    i: &Indicators,
    from: NaiveDate,
    to: NaiveDate,
    blocks: &mut Vec<Block>,
) -> store::Result<()> {
    blocks.push(heading(2, "4. Sesiones"));
    let several = scope.len() > 1;
    let mut rows = Vec::new();
    for b in scope {
        let filter = sessions::Filter { body: Some(b.id), from: Some(from), to: Some(to), undated: false };
        for s in sessions::list(conn, &filter)? {
            let Some(date) = s.schedule.date().filter(|d| *d >= from && *d <= to) else { continue };
            if s.status == SessionStatus::Cancelled || !s.status.held() {
                continue;
            }
            let mut row = vec![title(s.number, s.kind, b.meeting_word), medium_date(date), s.kind.label().to_string()];
            row.push(s.status.label().to_string());
            if several {
                row.insert(0, b.acronym.clone());
            }
            rows.push(row);
        }
    }
    if i.planned == 0 && i.held == 0 {
        blocks.push(paragraph(format!("No hubo sesiones programadas ni realizadas en el periodo: {NO_DATA}.")));
        return Ok(());
    }
    let minimum = match i.minimum {
        Some(m) => {
            let ordinary = i.held_ordinary;
            let verdict = if ordinary >= m { "se cumple ✔" } else { "no se cumple ✘" };
            let who =
                if several { "Los reglamentos de los órganos piden, en conjunto," } else { "El reglamento pide" };
            format!(" {who} al menos {m} sesiones ordinarias en el periodo; se realizaron {ordinary}: {verdict}.")
        }
        None => " El reglamento no fija un mínimo de sesiones.".to_string(),
    };
    blocks.push(paragraph(format!(
        "Se realizaron {} de las {} sesiones programadas en el periodo.{minimum}",
        i.held, i.planned
    )));
    if rows.is_empty() {
        return Ok(());
    }
    let mut columns = vec!["Sesión", "Fecha", "Tipo", "Estado"];
    if several {
        columns.insert(0, "Órgano");
    }
    blocks.push(Block::Table { header: header(&columns), rows });
    Ok(())
}

fn attendance_section(i: &Indicators, comma: bool, blocks: &mut Vec<Block>) {
    blocks.push(heading(2, "5. Asistencia de las instituciones integrantes"));
    if i.attendance.is_empty() {
        blocks.push(paragraph(format!("No hay sesiones con lista de asistencia registrada en el periodo: {NO_DATA}.")));
        return;
    }
    let rows = i
        .attendance
        .iter()
        .map(|r| {
            let p = percent(r.present, r.sessions);
            let meets = match p {
                Some(p) if p >= f64::from(r.target) => "✔",
                Some(_) => "✘",
                None => "—",
            };
            vec![
                crate::domain::member::formal_name(&r.name, &r.acronym, false),
                r.sessions.to_string(),
                r.present.to_string(),
                r.justified.to_string(),
                pct(p, comma),
                format!("{} %", r.target),
                meets.to_string(),
            ]
        })
        .collect();
    blocks.push(paragraph(
        "Sesiones realizadas con lista de asistencia registrada en las que la institución tenía voto; asistencia \
         del titular o del suplente, contra la meta del órgano.",
    ));
    blocks.push(Block::Table { header: header(&ATTENDANCE_COLUMNS), rows });
}

fn stats_row(label: &str, s: &CommitmentStats, comma: bool) -> Vec<String> {
    vec![
        label.to_string(),
        s.adopted.to_string(),
        s.done.to_string(),
        s.done_on_time.to_string(),
        s.in_progress.to_string(),
        s.overdue.to_string(),
        s.void.to_string(),
        pct(s.rate(), comma),
    ]
}

fn commitments_section(i: &Indicators, today: NaiveDate, comma: bool, blocks: &mut Vec<Block>) {
    blocks.push(heading(2, "6. Cumplimiento de compromisos"));
    let rows = vec![
        stats_row("Acuerdos", &i.agreements, comma),
        stats_row("Actividades", &i.activities, comma),
        stats_row("Total", &i.commitments, comma),
    ];
    blocks.push(Block::Table { header: header(&COMMITMENT_COLUMNS), rows });
    blocks.push(paragraph(format!(
        "Acuerdos adoptados en las sesiones del periodo y actividades de los programas de trabajo de los años que \
         abarca. Definición: {RATE_DEFINITION}. «Cumplidos en plazo»: a más tardar en su plazo; «vencidos»: abiertos con el \
         plazo pasado al {}.",
        medium_date(today)
    )));
}

/// Open commitments of the scope: agreements of sessions in the period and activities of the
/// plans of its years, oldest first.
fn pending(conn: &Connection, scope: &[Body], from: NaiveDate, to: NaiveDate) -> store::Result<Vec<Tracked>> {
    let mut out = Vec::new();
    for b in scope {
        let filter = commitments::ListFilter { body: Some(b.id), ..Default::default() };
        out.extend(commitments::list(conn, &filter)?.into_iter().filter(|t| {
            open(t.status)
                && match t.source {
                    Source::Agreement => t.start.is_some_and(|d| d >= from && d <= to),
                    Source::Activity => t.start.is_some_and(|d| years(from, to).contains(&d.year())),
                }
        }));
    }
    // Each body's list comes oldest first; a stable sort merges them keeping that order.
    out.sort_by_key(|t| t.start);
    Ok(out)
}

fn pending_section(
    conn: &Connection,
    scope: &[Body],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    blocks: &mut Vec<Block>,
) -> store::Result<()> {
    blocks.push(heading(2, "7. Compromisos pendientes"));
    let list = pending(conn, scope, from, to)?;
    if list.is_empty() {
        blocks.push(paragraph("No quedan compromisos pendientes del periodo."));
        return Ok(());
    }
    let names = institution_acronyms(conn)?;
    let open = crate::domain::text::plural(list.len() as i64, "sigue abierto", "siguen abiertos");
    blocks.push(paragraph(format!(
        "{} del periodo {open} al {}, del más antiguo al más reciente. Semáforo: rojo, vencido; amarillo, vence \
         pronto; verde, en plazo.",
        crate::domain::text::counted(list.len() as i64, "compromiso", "compromisos"),
        medium_date(today)
    )));
    let rows = list
        .iter()
        .map(|t| {
            let semaforo = light(t.status, t.deadline, today, t.warning_days).map_or("—", |l| l.label());
            vec![
                t.number.clone(),
                shorten(&t.text, TEXT_MAX),
                siglas(&t.responsibles, &names),
                t.term(),
                format!("{} %", t.progress),
                semaforo.to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Table { header: header(&PENDING_COLUMNS), rows });
    Ok(())
}

fn charts_section(
    conn: &Connection,
    scope: &[Body],
    i: &Indicators,
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    comma: bool,
    blocks: &mut Vec<Block>,
) -> store::Result<()> {
    blocks.push(heading(2, "8. Gráficas"));
    blocks.push(paragraph("Cada «█» representa 5 % (la barra completa, 100 %)."));
    blocks.push(heading(3, "Cumplimiento de compromisos por órgano"));
    let mut rows = Vec::new();
    for b in scope {
        let stats = if scope.len() == 1 {
            i.commitments
        } else {
            indicators::compute(conn, &[b.id], from, to, today)?.commitments
        };
        let rate = stats.rate();
        rows.push(vec![
            b.acronym.clone(),
            stats.adopted.to_string(),
            stats.done.to_string(),
            pct(rate, comma),
            bar(rate),
        ]);
    }
    blocks.push(Block::Table {
        header: header(&["Órgano", "Adoptados", "Cumplidos", "Tasa de cumplimiento", "Gráfica"]),
        rows,
    });
    blocks.push(heading(3, "Asistencia por institución"));
    if i.attendance.is_empty() {
        blocks.push(paragraph(format!("{NO_DATA}.")));
        return Ok(());
    }
    let rows = i
        .attendance
        .iter()
        .map(|r| {
            let p = percent(r.present, r.sessions);
            vec![r.acronym.clone(), pct(p, comma), format!("{} %", r.target), bar(p)]
        })
        .collect();
    blocks.push(Block::Table { header: header(&["Institución", "Asistencia", "Meta", "Gráfica"]), rows });
    Ok(())
}

/// The Presidencia and the Secretaría Técnica of `body`: the titular's name over the office
/// and institution, or the office alone when nobody is on record.
fn signatures(conn: &Connection, body: i64, secretariat: &str) -> store::Result<Vec<Signature>> {
    let memberships = members::for_body(conn, body)?;
    let mut out = Vec::new();
    for office in [Office::Presidency, Office::TechnicalSecretariat] {
        // The secretariat by the name the body's documents give it.
        let label = if office == Office::TechnicalSecretariat { secretariat } else { office.label() };
        let Some(m) = memberships.iter().find(|m| m.office == office) else {
            out.push(Signature { name: label.to_string(), role: String::new() });
            continue;
        };
        let role = match institutions::get(conn, m.institution)? {
            Some(inst) => format!("{label} — {}", inst.acronym),
            None => label.to_string(),
        };
        let name = members::representative(conn, m.id, RepresentativeRole::Titular)?
            .map(|r| r.name)
            .filter(|n| !n.trim().is_empty());
        out.push(match name {
            Some(name) => Signature { name, role },
            None => Signature { name: role, role: String::new() },
        });
    }
    Ok(out)
}
