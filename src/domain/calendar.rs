//! Calendar rules over the sessions of all bodies: what comes next, what still has no date,
//! and which bodies are behind the minimum their regulation sets.

use chrono::{Datelike, NaiveDate};

use super::body::{Body, MinimumSessions, Period};
use super::session::{Session, SessionKind, SessionStatus};
use super::text::plural;

/// Dated sessions from `today` on, not cancelled, in date and time order.
pub fn upcoming(sessions: &[Session], today: NaiveDate) -> Vec<&Session> {
    let mut out: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.status != SessionStatus::Cancelled)
        .filter(|s| s.schedule.date().is_some_and(|d| d >= today))
        .collect();
    out.sort_by_key(|s| (s.schedule.date(), s.schedule.time(), s.body, s.number));
    out
}

/// Sessions planned in a window of months or "Por definir" that are still to be held and have
/// no date yet, earliest window first.
pub fn unfixed(sessions: &[Session]) -> Vec<&Session> {
    let mut out: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.schedule.date().is_none())
        .filter(|s| !matches!(s.status, SessionStatus::Cancelled))
        .collect();
    out.sort_by_key(|s| (s.schedule.span(), s.body, s.number));
    out
}

/// How a body stands against its minimum of ordinary sessions in the year of `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinimumStatus {
    pub body: i64,
    pub minimum: MinimumSessions,
    pub year: i32,
    pub held_year: u32,
    pub required_year: u32,
    /// Held in the period (quarter, semester…) that contains `today`.
    pub held_period: u32,
    /// What the periods already over required.
    pub expected_to_date: u32,
    /// Ordinary sessions still planned for the rest of the year.
    pub planned_remaining: u32,
}

impl MinimumStatus {
    pub fn behind(&self) -> bool {
        self.held_year < self.expected_to_date || self.held_period < self.minimum.count
    }

    /// Says which shortfall it is: the sessions the periods already over required
    /// ("Subcomisión Consultiva: 2 de 3 sesiones ordinarias exigidas a la fecha (1 por
    /// trimestre) · 1 programada"), or the period in course still without its session
    /// ("CICESCT: 0 de 1 sesión ordinaria en el trimestre en curso · 1 programada").
    pub fn message(&self, body_name: &str) -> String {
        use super::labels::Labeled;
        let planned = match self.planned_remaining {
            0 => "ninguna programada".to_string(),
            1 => "1 programada".to_string(),
            n => format!("{n} programadas"),
        };
        let sessions = |n: u32, one: &'static str, many: &'static str| plural(i64::from(n), one, many);
        let period = self.minimum.period.label();
        if self.held_year < self.expected_to_date {
            let what = sessions(self.expected_to_date, "sesión ordinaria exigida", "sesiones ordinarias exigidas");
            format!(
                "{body_name}: {} de {} {what} a la fecha ({} por {period}) · {planned}",
                self.held_year, self.expected_to_date, self.minimum.count
            )
        } else {
            let what = sessions(self.minimum.count, "sesión ordinaria", "sesiones ordinarias");
            let when = match self.minimum.period {
                Period::Year => format!("en {}", self.year),
                _ => format!("en el {period} en curso"),
            };
            format!("{body_name}: {} de {} {what} {when} · {planned}", self.held_period, self.minimum.count)
        }
    }
}

fn period_bounds(period: Period, today: NaiveDate) -> (u32, u32) {
    let len = 12 / period.per_year();
    let start = (today.month() - 1) / len * len + 1;
    (start, start + len - 1)
}

/// The standing of one body; `None` when it has no minimum.
pub fn minimum_status(body: &Body, sessions: &[Session], today: NaiveDate) -> Option<MinimumStatus> {
    let minimum = body.rules.minimum?;
    let year = today.year();
    let (p_from, p_to) = period_bounds(minimum.period, today);
    let ordinary =
        sessions.iter().filter(|s| s.body == body.id && s.kind == SessionKind::Ordinary && s.schedule.year() == year);
    let (mut held_year, mut held_period, mut planned_remaining) = (0, 0, 0);
    for s in ordinary {
        if s.status.held() {
            held_year += 1;
            if s.schedule.date().is_some_and(|d| (p_from..=p_to).contains(&d.month())) {
                held_period += 1;
            }
        } else if s.status != SessionStatus::Cancelled && s.schedule.span().1 >= today {
            planned_remaining += 1;
        }
    }
    Some(MinimumStatus {
        body: body.id,
        minimum,
        year,
        held_year,
        required_year: minimum.per_year(),
        held_period,
        expected_to_date: minimum.count * minimum.period.completed_before(today),
        planned_remaining,
    })
}

/// Bodies behind their minimum, in the order given.
pub fn behind_minimum(bodies: &[Body], sessions: &[Session], today: NaiveDate) -> Vec<MinimumStatus> {
    bodies.iter().filter_map(|b| minimum_status(b, sessions, today)).filter(MinimumStatus::behind).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::body::{BodyKind, BodyRules, MeetingWord};
    use crate::domain::schedule::Schedule;
    use crate::domain::session::Modality;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
    }

    fn body(id: i64, minimum: Option<&str>) -> Body {
        Body {
            id,
            acronym: format!("B{id}"),
            name: format!("Órgano {id}"),
            kind: BodyKind::Subcommission,
            parent: None,
            coordinator: None,
            meeting_word: MeetingWord::Session,
            timezone: "America/Mexico_City".into(),
            place: String::new(),
            rules: BodyRules {
                minimum: minimum.map(|m| MinimumSessions::parse(m).expect("valid")),
                ..Default::default()
            },
        }
    }

    fn s(body: i64, number: u32, when: &str, status: SessionStatus) -> Session {
        Session {
            id: i64::from(number) + body * 1000,
            body,
            kind: SessionKind::Ordinary,
            number,
            schedule: Schedule::parse(when, 2026, None).expect("valid"),
            planned: None,
            scheduled_on: None,
            place: String::new(),
            modality: Modality::InPerson,
            link: String::new(),
            status,
        }
    }

    use SessionStatus::*;

    #[test]
    fn upcoming_is_dated_future_not_cancelled_in_order() {
        let all = vec![
            s(1, 1, "10 de diciembre", Scheduled),
            s(1, 2, "25 de noviembre", Convened),
            s(1, 3, "24 de noviembre", Scheduled),
            s(1, 4, "23 de noviembre", Closed),
            s(1, 5, "1 de diciembre", Cancelled),
            s(1, 6, "diciembre", Scheduled),
        ];
        let numbers: Vec<u32> = upcoming(&all, day(11, 24)).iter().map(|s| s.number).collect();
        assert_eq!(numbers, [3, 2, 1]);
    }

    #[test]
    fn unfixed_lists_windows_and_to_be_defined_by_window() {
        let all = vec![
            s(1, 1, "Por definir", Scheduled),
            s(1, 2, "octubre-noviembre", Scheduled),
            s(1, 3, "febrero-marzo", Scheduled),
            s(1, 4, "junio", Cancelled),
            s(1, 5, "5 de junio", Scheduled),
        ];
        let numbers: Vec<u32> = unfixed(&all).iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 3, 2]);
    }

    #[test]
    fn quarterly_body_behind_in_the_current_quarter() {
        let b = body(1, Some("1 por trimestre"));
        let all = vec![
            s(1, 32, "3 de marzo", Closed),
            s(1, 33, "2 de junio", Closed),
            s(1, 34, "8 de septiembre", Closed),
            s(1, 35, "9 de diciembre", Scheduled),
        ];
        let st = minimum_status(&b, &all, day(11, 24)).expect("has minimum");
        assert_eq!((st.held_year, st.required_year, st.held_period, st.expected_to_date), (3, 4, 0, 3));
        assert!(st.behind());
        assert_eq!(
            st.message("Subcomisión Consultiva"),
            "Subcomisión Consultiva: 0 de 1 sesión ordinaria en el trimestre en curso · 1 programada"
        );
    }

    #[test]
    fn missed_past_quarter_is_behind_even_when_current_is_met() {
        let b = body(1, Some("1 por trimestre"));
        let all = vec![s(1, 1, "3 de marzo", Closed), s(1, 2, "3 de noviembre", Closed)];
        let st = minimum_status(&b, &all, day(11, 24)).expect("has minimum");
        assert_eq!((st.held_year, st.expected_to_date, st.held_period), (2, 3, 1));
        assert!(st.behind());
        assert_eq!(
            st.message("Subcomisión Consultiva"),
            "Subcomisión Consultiva: 2 de 3 sesiones ordinarias exigidas a la fecha (1 por trimestre) · ninguna programada"
        );
    }

    #[test]
    fn up_to_date_bodies_and_bodies_without_minimum_are_not_listed() {
        let bodies = vec![body(1, Some("2 por año")), body(2, None), body(3, Some("10 por año"))];
        let mut all = vec![s(1, 1, "3 de marzo", Closed), s(1, 2, "3 de octubre", Closed)];
        all.extend((1..=7).map(|n| s(3, n, &format!("{n} de {}", crate::domain::dates::month_name(n)), Closed)));
        all.push(s(3, 8, "1 de diciembre", Scheduled));
        all.push(s(3, 9, "Por definir", Scheduled));
        all.push(s(3, 10, "2 de febrero", Cancelled));
        let behind = behind_minimum(&bodies, &all, day(11, 24));
        assert_eq!(behind.len(), 1);
        assert_eq!(behind[0].body, 3);
        assert_eq!(
            behind[0].message("Subcomisión de Prevención"),
            "Subcomisión de Prevención: 7 de 10 sesiones ordinarias en 2026 · 2 programadas"
        );
    }

    #[test]
    fn other_years_and_extraordinary_sessions_do_not_count() {
        let b = body(1, Some("1 por mes"));
        let mut extra = s(1, 1, "2 de noviembre", Closed);
        extra.kind = SessionKind::Extraordinary;
        let mut last_year = s(1, 2, "2 de noviembre", Closed);
        last_year.schedule = Schedule::parse("2 de noviembre", 2025, None).expect("valid");
        let st = minimum_status(&b, &[extra, last_year], day(11, 24)).expect("has minimum");
        assert_eq!((st.held_year, st.held_period, st.expected_to_date, st.required_year), (0, 0, 10, 12));
        assert_eq!(
            st.message("X"),
            "X: 0 de 10 sesiones ordinarias exigidas a la fecha (1 por mes) · ninguna programada"
        );
    }

    #[test]
    fn period_bounds_by_kind() {
        assert_eq!(period_bounds(Period::Quarter, day(11, 24)), (10, 12));
        assert_eq!(period_bounds(Period::Semester, day(3, 1)), (1, 6));
        assert_eq!(period_bounds(Period::Month, day(5, 1)), (5, 5));
        assert_eq!(period_bounds(Period::Year, day(5, 1)), (1, 12));
    }
}
