//! Órganos: a tree read left to right — bodies, then the selected body's members with office
//! and rights, then the titular and suplente of the selected member with their contacts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::calendar::{pane_block, render_scrolled};
use crate::domain::Labeled;
use crate::domain::body::{Body, MajorityRule};
use crate::domain::member::{Membership, Representative, RepresentativeRole};
use crate::tui::component::Hits;
use crate::tui::data::Directory;
use crate::tui::keymap::Action;
use crate::tui::widgets::{clamp, fit_line, fit_title, moved};
use crate::tui::{strings, theme};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Bodies,
    Members,
    Representatives,
}

pub struct BodiesScreen {
    pub focus: Pane,
    pub body: usize,
    pub member: usize,
    /// 0: titular, 1: suplente.
    pub rep: usize,
    /// What the question on screen will do when answered yes.
    pub(super) asked: Option<super::bodies_actions::Question>,
    pub(super) hits: Hits,
}

pub const ROLES: [RepresentativeRole; 2] = [RepresentativeRole::Titular, RepresentativeRole::Alternate];

impl BodiesScreen {
    pub fn new() -> Self {
        BodiesScreen { focus: Pane::Bodies, body: 0, member: 0, rep: 0, asked: None, hits: Hits::default() }
    }

    pub fn selected_body<'a>(&self, data: &'a Directory) -> Option<&'a Body> {
        data.bodies.get(self.body)
    }

    pub fn selected_member<'a>(&self, data: &'a Directory) -> Option<&'a Membership> {
        let body = self.selected_body(data)?;
        data.members_of(body.id).get(self.member).copied()
    }

    pub fn selected_role(&self) -> RepresentativeRole {
        ROLES[self.rep.min(1)]
    }

    pub fn select_body(&mut self, data: &Directory, id: i64) {
        if let Some(i) = data.bodies.iter().position(|b| b.id == id) {
            self.body = i;
            self.member = 0;
        }
    }

    pub fn select_member(&mut self, data: &Directory, id: i64) {
        if let Some(m) = data.memberships.iter().find(|m| m.id == id) {
            self.select_body(data, m.body);
            self.member = data.members_of(m.body).iter().position(|x| x.id == id).unwrap_or(0);
            self.focus = Pane::Members;
        }
    }

    /// Keeps selections valid after the data changed.
    pub fn clamp(&mut self, data: &Directory) {
        self.body = clamp(self.body, data.bodies.len());
        let members = self.selected_body(data).map_or(0, |b| data.members_of(b.id).len());
        self.member = clamp(self.member, members);
        if members == 0 && self.focus != Pane::Bodies {
            self.focus = Pane::Bodies;
        }
    }

    pub fn navigate(&mut self, action: Action, data: &Directory) {
        let members = self.selected_body(data).map_or(0, |b| data.members_of(b.id).len());
        let (current, len) = match self.focus {
            Pane::Bodies => (self.body, data.bodies.len()),
            Pane::Members => (self.member, members),
            Pane::Representatives => (self.rep, ROLES.len()),
        };
        let picked = match action {
            Action::Select(0, i) if i < data.bodies.len() => Some((i, Pane::Bodies)),
            Action::Select(1, i) if i < members => Some((i, Pane::Members)),
            Action::Select(2, i) if i < ROLES.len() && members > 0 => Some((i, Pane::Representatives)),
            _ => None,
        };
        if let Some((i, pane)) = picked {
            self.focus = pane;
            if pane == Pane::Bodies && i != self.body {
                self.member = 0;
            }
            match pane {
                Pane::Bodies => self.body = i,
                Pane::Members => self.member = i,
                Pane::Representatives => self.rep = i,
            }
            return;
        }
        match (moved(action, current, len), self.focus) {
            (Some(i), Pane::Bodies) => {
                if i != self.body {
                    self.member = 0;
                }
                self.body = i;
            }
            (Some(i), Pane::Members) => self.member = i,
            (Some(i), Pane::Representatives) => self.rep = i,
            (None, focus) => {
                self.focus = match (action, focus) {
                    (Action::Left, Pane::Representatives) => Pane::Members,
                    (Action::Left, _) => Pane::Bodies,
                    (Action::Right, Pane::Bodies) if members > 0 => Pane::Members,
                    (Action::Right, Pane::Members | Pane::Representatives) => Pane::Representatives,
                    (_, other) => other,
                }
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, data: &Directory) {
        self.hits.clear();
        let [left, middle, right] =
            Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(38), Constraint::Percentage(30)])
                .areas(area);
        self.draw_bodies(frame, left, data);
        self.draw_members(frame, middle, data);
        match (self.focus, self.selected_member(data)) {
            (Pane::Bodies, _) | (_, None) => draw_body_detail(frame, right, data, self.selected_body(data)),
            (_, Some(m)) => self.draw_representatives(frame, right, data, m),
        }
    }

    fn draw_bodies(&self, frame: &mut Frame, area: Rect, data: &Directory) {
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines: Vec<Line> = data
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let indent = "  ".repeat(data.depth(b));
                let line = Line::from(vec![
                    Span::raw(indent),
                    Span::styled(
                        b.acronym.clone(),
                        Style::default().fg(theme::body_color(i)).add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(format!(" {}", b.name)),
                ]);
                let line = fit_line(line, width);
                if i == self.body {
                    line.patch_style(if self.focus == Pane::Bodies { theme::selected() } else { theme::title() })
                } else {
                    line
                }
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(strings::NO_BODIES, theme::dim()));
        }
        let (inner, offset) = render_scrolled(
            frame,
            area,
            lines,
            self.body,
            pane_block(format!(" {} ", strings::BODIES), self.focus == Pane::Bodies),
        );
        self.hits.rows(inner, offset, data.bodies.len(), 0);
    }

    fn draw_members(&self, frame: &mut Frame, area: Rect, data: &Directory) {
        let Some(body) = self.selected_body(data) else {
            frame.render_widget(pane_block(format!(" {} ", strings::MEMBERS), false), area);
            return;
        };
        let members = data.members_of(body.id);
        let voting = members.iter().filter(|m| m.rights.votes() && m.ended_on.is_none()).count();
        let title = fit_title(&format!(" {} de {} · {} con voto ", strings::MEMBERS, body.acronym, voting), area.width);
        let width = usize::from(area.width.saturating_sub(2));
        let w = members
            .iter()
            .filter_map(|m| data.institution(m.institution))
            .map(|i| i.acronym.chars().count())
            .max()
            .unwrap_or(0);
        let mut lines: Vec<Line> = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let inst = data.institution(m.institution);
                let office = match m.office {
                    crate::domain::member::Office::Member => String::new(),
                    _ => format!("{} · ", data.office_label(m)),
                };
                let rights_style = if m.rights.votes() { Style::default() } else { theme::dim() };
                // A member given its baja stays listed, after the current ones, for its history.
                let (rights, rights_style) = match m.ended_on {
                    Some(d) => (format!("{} {}", strings::ENDED, d.format("%d/%m/%Y")), theme::dim()),
                    None => (m.rights.label().to_string(), rights_style),
                };
                let line = Line::from(vec![
                    Span::styled(format!("{:<w$} ", inst.map_or("?", |i| i.acronym.as_str())), theme::title()),
                    Span::styled(office, theme::warning()),
                    Span::styled(rights, rights_style),
                    Span::styled(format!(" · {}", inst.map_or("", |i| i.name.as_str())), theme::dim()),
                ]);
                let line = fit_line(line, width);
                if i == self.member && self.focus != Pane::Bodies {
                    line.patch_style(if self.focus == Pane::Members { theme::selected() } else { theme::title() })
                } else {
                    line
                }
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(strings::NO_MEMBERS, theme::dim()));
        }
        let (inner, offset) =
            render_scrolled(frame, area, lines, self.member, pane_block(title, self.focus == Pane::Members));
        self.hits.rows(inner, offset, members.len(), 1);
    }

    fn draw_representatives(&self, frame: &mut Frame, area: Rect, data: &Directory, m: &Membership) {
        let inst = data.institution(m.institution);
        let mut lines = vec![
            Line::styled(inst.map_or(String::new(), |i| i.name.clone()), theme::title()),
            Line::raw(format!("{} · {} · peso {}", data.office_label(m), m.rights.label(), m.weight)),
        ];
        let block = pane_block(format!(" {} ", strings::REPRESENTATIVES), self.focus == Pane::Representatives);
        let inner = block.inner(area);
        for (i, role) in ROLES.iter().enumerate() {
            lines.push(Line::raw(""));
            // A click on the heading selects the person (lines above may wrap: count them so).
            let width = usize::from(inner.width.max(1));
            let y: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
            if let Ok(y) = u16::try_from(y)
                && y < inner.height
            {
                self.hits.add(Rect { y: inner.y + y, height: 1, ..inner }, Action::Select(2, i));
            }
            let heading = if *role == RepresentativeRole::Titular { strings::TITULAR } else { strings::ALTERNATE };
            let style =
                if self.focus == Pane::Representatives && self.rep == i { theme::selected() } else { theme::title() };
            lines.push(Line::styled(format!("{heading}:"), style));
            match data.reps.get(&(m.id, *role)) {
                Some(r) => lines.extend(person_lines(r)),
                None => lines.push(Line::styled(format!("  ({})", strings::NOT_DESIGNATED), theme::dim())),
            }
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
    }
}

impl Default for BodiesScreen {
    fn default() -> Self {
        Self::new()
    }
}

fn person_lines(r: &Representative) -> Vec<Line<'static>> {
    let mut out = vec![Line::raw(format!("  {}", r.name))];
    for v in [&r.position, &r.email, &r.phone] {
        if !v.is_empty() {
            out.push(Line::styled(format!("  {v}"), theme::dim()));
        }
    }
    let mut letter = Vec::new();
    if let Some(d) = r.designated_on {
        letter.push(format!("designación {}", crate::domain::dates::medium_date(d)));
    }
    if !r.letter_ref.is_empty() {
        letter.push(format!("oficio {}", r.letter_ref));
    }
    if !letter.is_empty() {
        out.push(Line::styled(format!("  {}", letter.join(", ")), theme::dim()));
    }
    out
}

fn draw_body_detail(frame: &mut Frame, area: Rect, data: &Directory, body: Option<&Body>) {
    let block = pane_block(format!(" {} ", strings::RULES), false);
    let Some(b) = body else {
        frame.render_widget(block, area);
        return;
    };
    let r = &b.rules;
    let seats: u32 = data.members_of(b.id).iter().filter(|m| m.rights.votes()).map(|m| m.weight).sum();
    let mut lines = vec![
        Line::styled(b.name.clone(), theme::title()),
        Line::raw(format!("{} · se reúne en «{}»", b.kind.label(), b.meeting_word.label())),
    ];
    if let Some(p) = b.parent.and_then(|p| data.body(p)) {
        lines.push(Line::raw(format!("Depende de: {}", p.acronym)));
    }
    if let Some(c) = b.coordinator.and_then(|c| data.institution(c)) {
        lines.push(Line::raw(format!("Coordina: {}", c.acronym)));
    }
    lines.push(Line::raw(format!(
        "Quórum: {} → {} de {}",
        r.quorum.text(),
        r.quorum.required(seats),
        crate::domain::text::counted(seats.into(), "voto", "votos")
    )));
    if let Some((q, wait)) = r.second_call {
        lines.push(Line::raw(format!("2ª convocatoria: {} → {} tras {wait} min", q.text(), q.required(seats))));
    }
    // The base only matters to the majorities that are a share of something.
    let base = match r.majority {
        MajorityRule::Absolute | MajorityRule::TwoThirds => format!(" {}", r.majority_base.phrase()),
        _ => String::new(),
    };
    lines.push(Line::raw(format!(
        "Mayoría: {}{base}{}",
        r.majority.label(),
        if r.casting_vote { " · voto de calidad" } else { "" }
    )));
    let mut conduct = format!("Conduce y firma: {}", r.conductor.label());
    if r.dissent_reasons {
        conduct.push_str(" · voto en contra razonado");
    }
    if r.firm_agreements {
        conduct.push_str(" · acuerdos firmes");
    }
    lines.push(Line::raw(conduct));
    if let Some(m) = r.minimum {
        lines.push(Line::raw(format!("Mínimo: {} ordinarias", m.text())));
    }
    lines.push(Line::raw(format!(
        "Aviso: {} (ord.) · {} (extr.)",
        crate::domain::text::counted(r.notice_ordinary_days.into(), "día", "días"),
        r.notice_extraordinary_days
    )));
    lines.push(Line::styled(b.timezone.clone(), theme::dim()));
    if !b.place.is_empty() {
        lines.push(Line::styled(b.place.clone(), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}
