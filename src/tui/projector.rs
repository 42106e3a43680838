//! La vista de sala: what the room sees on a projector, read-only and large — the session,
//! the current item, the quorum and the last vote — following the secretary's terminal through
//! the shared database file (no server): `PRAGMA data_version` changes when another
//! connection commits.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use rusqlite::Connection;

use super::theme;
use crate::domain::Labeled;
use crate::domain::dates::{format_time, long_date};
use crate::store::record::SessionRecord;
use crate::store::{self, Store};

/// How often the view looks for changes; well under the one second the room may wait.
const POLL: Duration = Duration::from_millis(200);

fn data_version(conn: &Connection) -> store::Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

pub fn run(db: &Path, ctx: &crate::ops::Context, session: i64) -> Result<(), String> {
    let mut store = Store::open_existing(db).map_err(|e| e.to_string())?;
    let access = crate::ops::Access::Command { command: format!("sala {session}") };
    crate::ops::access(&mut store, ctx, access).map_err(|e| e.to_string())?;
    let mut record = SessionRecord::load(store.conn(), session).map_err(|e| e.to_string())?;
    let mut version = data_version(store.conn()).map_err(|e| e.to_string())?;
    let stop = super::stop_signals()?;
    super::watch_terminal(std::sync::Arc::clone(&stop));
    let mut terminal = ratatui::init();
    let result = (|| -> Result<(), String> {
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            // The body's wall clock, as the console and the record have it.
            let now = crate::domain::zone::local_time(ctx.now(), &record.body.timezone);
            super::draw_whole(&mut terminal, |f| draw(f, &record, now))?;
            if event::poll(POLL).map_err(|e| e.to_string())?
                && let Event::Key(k) = event::read().map_err(|e| e.to_string())?
                && k.kind == KeyEventKind::Press
                && matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
            {
                return Ok(());
            }
            let v = data_version(store.conn()).map_err(|e| e.to_string())?;
            if v != version {
                version = v;
                record = SessionRecord::load(store.conn(), session).map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

/// Block digits, three columns by three rows, for the quorum count.
fn big(text: &str) -> [String; 3] {
    let glyph = |c: char| -> [&str; 3] {
        match c {
            '0' => ["█▀█", "█ █", "▀▀▀"],
            '1' => [" ▀█", "  █", "  ▀"],
            '2' => ["▀▀█", "█▀▀", "▀▀▀"],
            '3' => ["▀▀█", " ▀█", "▀▀▀"],
            '4' => ["█ █", "▀▀█", "  ▀"],
            '5' => ["█▀▀", "▀▀█", "▀▀▀"],
            '6' => ["█▀▀", "█▀█", "▀▀▀"],
            '7' => ["▀▀█", "  █", "  ▀"],
            '8' => ["█▀█", "█▀█", "▀▀▀"],
            '9' => ["█▀█", "▀▀█", "▀▀▀"],
            '/' => ["  █", " █ ", "█  "],
            _ => ["   ", "   ", "   "],
        }
    };
    let mut rows = [String::new(), String::new(), String::new()];
    for c in text.chars() {
        for (row, part) in rows.iter_mut().zip(glyph(c)) {
            row.push_str(part);
            row.push(' ');
        }
    }
    rows
}

pub fn draw(frame: &mut Frame, r: &SessionRecord, now: NaiveDateTime) {
    let area = frame.area();
    let block = Block::bordered().title(Span::styled(" Vista de sala · q salir ", theme::dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, item, quorum, vote] =
        Layout::vertical([Constraint::Length(5), Constraint::Length(4), Constraint::Length(5), Constraint::Min(2)])
            .areas(inner);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut date = r.session.schedule.date().map(long_date).unwrap_or_default();
    if let Some(planned) = r.session.scheduled_on {
        date.push_str(&format!(" (prevista: {})", crate::domain::dates::medium_date(planned)));
    }
    let since = r.conduct.started_at.map(|t| format!(" · desde las {}", format_time(t.time()))).unwrap_or_default();
    let head_lines = vec![
        Line::styled(r.body.name.clone(), theme::dim()).centered(),
        Line::styled(r.title().to_uppercase(), bold).centered(),
        Line::raw(date).centered(),
        Line::styled(format!("{}{since} · {}", r.session.status.label(), format_time(now.time())), theme::warning())
            .centered(),
    ];
    centered_paragraph(frame, head, head_lines);
    let item_lines = match r.current_item() {
        Some(i) => vec![
            Line::styled("Punto en curso", theme::dim()).centered(),
            Line::styled(format!("{}. {}", i.position, i.title), bold.add_modifier(Modifier::UNDERLINED)).centered(),
        ],
        None => vec![Line::styled("Sin punto en curso", theme::dim()).centered()],
    };
    centered_paragraph(frame, item, item_lines);
    let q = &r.quorum;
    let style = if q.reached() { theme::ok() } else { theme::error() }.add_modifier(Modifier::BOLD);
    let mut q_lines: Vec<Line> =
        big(&format!("{}/{}", q.present, q.total)).into_iter().map(|row| Line::styled(row, style).centered()).collect();
    let verdict = if q.reached() { "hay quórum" } else { "sin quórum" };
    q_lines.push(
        Line::styled(format!("Quórum: {} presentes · se requieren {} · {verdict}", q.present, q.required), style)
            .centered(),
    );
    centered_paragraph(frame, quorum, q_lines);
    let vote_lines = match r.last_vote().and_then(|v| v.current().map(|c| (v, c))) {
        Some((v, c)) => {
            let (word, style) = if c.approved { ("APROBADA", theme::ok()) } else { ("RECHAZADA", theme::error()) };
            vec![
                Line::styled("Última votación", theme::dim()).centered(),
                Line::raw(format!("«{}»", v.motion)).centered(),
                Line::from(vec![
                    Span::styled(word, style.add_modifier(Modifier::BOLD)),
                    Span::raw(format!(
                        " · {} a favor · {} en contra · {} abstenciones",
                        c.tally.for_, c.tally.against, c.tally.abstain
                    )),
                ])
                .centered(),
                Line::styled(c.explanation.clone(), theme::dim()).centered(),
            ]
        }
        None => vec![Line::styled("Sin votaciones todavía", theme::dim()).centered()],
    };
    centered_paragraph(frame, vote, vote_lines);
}

fn centered_paragraph(frame: &mut Frame, area: Rect, lines: Vec<Line>) {
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quorum::Presence;
    use crate::store::tests::{at, session_fixture};
    use crate::store::{agenda, attendance, conduct, votes};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn shows_session_item_quorum_and_last_vote() {
        let (mut store, session, ms) = session_fixture();
        store.write(|tx| conduct::open(tx, session, at(10, 0))).expect("open");
        for m in &ms[..3] {
            store.write(|tx| attendance::mark(tx, session, *m, Presence::Titular, at(10, 1).time())).expect("mark");
        }
        let item = agenda::list(store.conn(), session).expect("q")[1].id;
        store.write(|tx| conduct::set_current(tx, session, item, at(10, 5))).expect("item");
        let v = store
            .write(|tx| {
                votes::create(
                    tx,
                    session,
                    item,
                    "Aprobar el orden del día",
                    crate::domain::vote::VoteMode::Totals,
                    crate::domain::body::MajorityRule::Simple,
                    at(10, 6),
                )
            })
            .expect("vote");
        let t = crate::domain::vote::Tally { for_: 3, against: 0, abstain: 0 };
        store
            .write(|tx| votes::record_count(tx, v, &votes::CountInput::Totals(t, None), None, at(10, 7)))
            .expect("count");
        let record = SessionRecord::load(store.conn(), session).expect("load");
        let mut terminal = Terminal::new(TestBackend::new(90, 26)).expect("terminal");
        terminal.draw(|f| draw(f, &record, at(10, 8))).expect("draw");
        let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        for text in [
            "VIGÉSIMA PRIMERA SESIÓN ORDINARIA",
            "2. Lectura y aprobación del orden del día",
            "3 presentes",
            "APROBADA",
        ] {
            assert!(screen.contains(text), "{text}");
        }
        for (w, h) in [(10, 3), (0, 0), (40, 10)] {
            let mut small = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            small.draw(|f| draw(f, &record, at(10, 8))).expect("no panic");
        }
    }

    #[test]
    fn block_digits() {
        let rows = big("9/15");
        assert_eq!(rows[0], "█▀█   █  ▀█ █▀▀ ");
        assert!(rows.iter().all(|r| r.chars().count() == 16));
    }
}
