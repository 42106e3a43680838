//! `informe`: the work-plan follow-up and the management report of a body, printed.

use chrono::{Datelike, NaiveDate};

use super::PrintArgs;
use crate::domain::dates::parse_date;
use crate::domain::text::fold;
use crate::export::print::Format;
use crate::export::reports::{management_report, work_plan_report};
use crate::store::Store;

type Result<T> = std::result::Result<T, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Seguimiento al Plan Operativo Anual.
    FollowUp,
    /// Informe de gestión.
    Management,
}

impl Kind {
    pub fn parse(text: &str) -> Result<Kind> {
        match fold(text).as_str() {
            "seguimiento" => Ok(Kind::FollowUp),
            "gestion" => Ok(Kind::Management),
            _ => Err(format!("tipo de informe «{}» desconocido; use «seguimiento» o «gestion»", text.trim())),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::FollowUp => "seguimiento al Plan Operativo Anual",
            Kind::Management => "gestión",
        }
    }
}

pub struct Args<'a> {
    pub tipo: &'a str,
    pub organo: &'a str,
    pub dependientes: bool,
    pub desde: Option<&'a str>,
    pub hasta: Option<&'a str>,
    pub print: &'a PrintArgs,
}

/// The period: the dates given, or 1 January and 31 December of `today`'s year.
fn period(desde: Option<&str>, hasta: Option<&str>, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let date = |flag: &str, v: Option<&str>| v.map(|t| parse_date(t).map_err(|e| format!("--{flag}: {e}"))).transpose();
    let from = date("desde", desde)?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = date("hasta", hasta)?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today));
    if from > to {
        return Err(format!("--desde ({from}) es posterior a --hasta ({to})"));
    }
    Ok((from, to))
}

/// Builds the report and writes it; on any error nothing is written.
pub fn informe(store: &Store, a: &Args, today: NaiveDate) -> Result<()> {
    let kind = Kind::parse(a.tipo)?;
    let format = Format::parse(&a.print.formato)?;
    // Both reports hold tables of six or seven columns: printed on the sheet's side.
    let paper = a.print.paper()?.turned();
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let body = super::lookup::body(conn, a.organo)?;
    // The informe de gestión covers the term of office when the body has one on record.
    let term = crate::store::documents::body(conn, body.id).map_err(err)?.term;
    let (from, to) = match (kind, term, a.desde, a.hasta) {
        (Kind::Management, Some(term), None, None) => term,
        _ => period(a.desde, a.hasta, today)?,
    };
    let doc = match kind {
        Kind::FollowUp => work_plan_report(conn, body.id, a.dependientes, from, to, today),
        Kind::Management => management_report(conn, body.id, a.dependientes, from, to, today),
    }
    .map_err(err)?;
    a.print.write(store, &doc, format, paper, &format!("Informe de {} escrito", kind.name()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn kinds_and_periods() {
        assert_eq!(Kind::parse("Seguimiento"), Ok(Kind::FollowUp));
        assert_eq!(Kind::parse("gestión"), Ok(Kind::Management));
        assert_eq!(Kind::parse("GESTION"), Ok(Kind::Management));
        assert!(Kind::parse("anual").unwrap_err().contains("«seguimiento» o «gestion»"));
        assert_eq!(period(None, None, d(2026, 5, 3)), Ok((d(2026, 1, 1), d(2026, 12, 31))));
        assert_eq!(
            period(Some("1 de marzo de 2024"), Some("2024-06-30"), d(2026, 5, 3)),
            Ok((d(2024, 3, 1), d(2024, 6, 30)))
        );
        assert_eq!(
            period(Some("2024-12-31"), Some("2024-01-01"), d(2026, 5, 3)),
            Err("--desde (2024-12-31) es posterior a --hasta (2024-01-01)".into())
        );
        assert!(period(Some("ayer"), None, d(2026, 5, 3)).unwrap_err().starts_with("--desde: "));
    }
}
