//! The indicators the plans are judged on, computed from the records: sessions held against
//! the plan and the minimum, attendance per institution against its target, and the
//! fulfilment of commitments. Empty periods give "sin datos", never a division by zero.

use chrono::{Datelike, NaiveDate};

use super::agreement::{AgreementStatus, Deadline};
use super::body::{MinimumSessions, Period};
use super::followup::overdue;

/// How the compliance rate is computed; printed wherever the rate is.
pub const RATE_DEFINITION: &str = "tasa de cumplimiento = cumplidos / (adoptados − sin efecto)";

pub const NO_DATA: &str = "sin datos";

/// `num / den` as a percentage with one decimal; `None` when there is nothing to divide by.
pub fn percent(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| (f64::from(num) * 1000.0 / f64::from(den)).round() / 10.0)
}

/// "83.3 %" or "sin datos".
pub fn percent_text(p: Option<f64>) -> String {
    p.map_or(NO_DATA.to_string(), |p| format!("{p:.1} %"))
}

/// The periods (years, semesters, quarters, months) the range touches.
fn periods_touched(period: Period, from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let per_year = period.per_year() as i32;
    let index = |d: NaiveDate| d.year() * per_year + (d.month0() as i32) / (12 / per_year);
    (index(to) - index(from) + 1) as u32
}

/// The minimum of ordinary sessions the regulation asks for over the range.
pub fn minimum_for(minimum: MinimumSessions, from: NaiveDate, to: NaiveDate) -> u32 {
    minimum.count * periods_touched(minimum.period, from, to)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitmentStats {
    pub adopted: u32,
    pub done: u32,
    pub done_on_time: u32,
    pub in_progress: u32,
    pub overdue: u32,
    pub void: u32,
}

impl CommitmentStats {
    /// cumplidos / (adoptados − sin efecto).
    pub fn rate(&self) -> Option<f64> {
        percent(self.done, self.adopted.saturating_sub(self.void))
    }
}

/// One commitment as the indicators see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commitment {
    pub status: AgreementStatus,
    pub deadline: Deadline,
    pub done_on: Option<NaiveDate>,
}

pub fn commitment_stats(items: &[Commitment], today: NaiveDate) -> CommitmentStats {
    let mut s = CommitmentStats::default();
    for c in items {
        s.adopted += 1;
        match c.status {
            AgreementStatus::Done => {
                s.done += 1;
                let on_time = match (c.deadline.date(), c.done_on) {
                    (Some(deadline), Some(done)) => done <= deadline,
                    _ => true,
                };
                s.done_on_time += u32::from(on_time);
            }
            AgreementStatus::Void => s.void += 1,
            AgreementStatus::InProgress => s.in_progress += 1,
            _ => {}
        }
        s.overdue += u32::from(overdue(c.status, c.deadline, today));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgreementStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn percentages_and_empty_periods() {
        assert_eq!(percent(5, 6), Some(83.3));
        assert_eq!(percent(0, 4), Some(0.0));
        assert_eq!(percent(3, 0), None);
        assert_eq!(percent_text(None), "sin datos");
        assert_eq!(percent_text(Some(80.0)), "80.0 %");
    }

    #[test]
    fn minimum_over_a_range() {
        let quarterly = MinimumSessions::parse("1 por trimestre").expect("valid");
        assert_eq!(minimum_for(quarterly, d(2024, 1, 1), d(2024, 12, 31)), 4);
        assert_eq!(minimum_for(quarterly, d(2024, 2, 1), d(2024, 4, 30)), 2, "touches two quarters");
        let yearly = MinimumSessions::parse("2 por año").expect("valid");
        assert_eq!(minimum_for(yearly, d(2024, 1, 1), d(2025, 12, 31)), 4);
        let ten = MinimumSessions::parse("10 por año").expect("valid");
        assert_eq!(minimum_for(ten, d(2026, 1, 1), d(2026, 6, 30)), 10);
        assert_eq!(minimum_for(ten, d(2026, 6, 30), d(2026, 1, 1)), 0, "an empty range");
    }

    #[test]
    fn commitment_formulas() {
        let on = |m, day| Deadline::Date(d(2024, m, day));
        let items = [
            Commitment { status: Done, deadline: on(3, 1), done_on: Some(d(2024, 2, 28)) },
            Commitment { status: Done, deadline: on(3, 1), done_on: Some(d(2024, 3, 2)) },
            Commitment { status: Done, deadline: Deadline::Permanent, done_on: Some(d(2024, 5, 1)) },
            Commitment { status: InProgress, deadline: on(4, 1), done_on: None },
            Commitment { status: Pending, deadline: on(12, 31), done_on: None },
            Commitment { status: Rescheduled, deadline: on(5, 1), done_on: None },
            Commitment { status: Void, deadline: on(1, 1), done_on: None },
        ];
        let s = commitment_stats(&items, d(2024, 6, 1));
        assert_eq!((s.adopted, s.done, s.done_on_time, s.in_progress, s.overdue, s.void), (7, 3, 2, 1, 2, 1));
        assert_eq!(s.rate(), Some(50.0), "3 / (7 − 1)");
        assert_eq!(commitment_stats(&[], d(2024, 6, 1)).rate(), None);
        let all_void = [Commitment { status: Void, deadline: on(1, 1), done_on: None }];
        assert_eq!(commitment_stats(&all_void, d(2024, 6, 1)).rate(), None, "no division by zero");
    }
}
