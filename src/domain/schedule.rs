//! When a session is planned: an exact date, a window of months, or "Por definir".

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::dates::{
    day_month, format_time, medium_date, month_name, month_short, parse_day_month, parse_month, parse_time,
};
use super::text::fold;

#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    Date {
        date: NaiveDate,
        time: Option<NaiveTime>,
    },
    /// "febrero-marzo" or "abril/mayo" (`slash`), or a single month ("octubre") when from == to.
    Window {
        year: i32,
        from: u32,
        to: u32,
        slash: bool,
    },
    ToBeDefined {
        year: i32,
    },
}

pub const TO_BE_DEFINED: &str = "Por definir";

impl Schedule {
    /// Reads the calendar forms of the seeds for a given year: "21 de febrero", "febrero-marzo",
    /// "abril/mayo", "octubre", "Por definir". `time` is only allowed with an exact date.
    pub fn parse(text: &str, year: i32, time: Option<&str>) -> Result<Schedule, String> {
        if !(1900..=2200).contains(&year) {
            return Err(format!("año fuera de rango: {year}"));
        }
        let t = text.trim();
        let time = match time.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(parse_time(s)?),
            None => None,
        };
        if t.is_empty() {
            return Err("falta la fecha: escriba «21 de febrero», «febrero-marzo» o «Por definir»".into());
        }
        let not_date = |what: &str| {
            time.map_or(Ok(()), |_| Err(format!("una sesión {what} no puede tener hora; fije primero la fecha")))
        };
        if fold(t) == fold(TO_BE_DEFINED) {
            not_date("por definir")?;
            return Ok(Schedule::ToBeDefined { year });
        }
        let window = |from: &str, to: &str, slash: bool| -> Option<Result<Schedule, String>> {
            let (f, l) = (parse_month(from)?, parse_month(to)?);
            Some(if f > l {
                Err(format!("la ventana «{t}» termina antes de empezar"))
            } else {
                Ok(Schedule::Window { year, from: f, to: l, slash })
            })
        };
        for (sep, slash) in [('-', false), ('/', true)] {
            if let Some((a, b)) = t.split_once(sep)
                && let Some(w) = window(a, b, slash)
            {
                not_date("con ventana de meses")?;
                return w;
            }
        }
        if let Some(m) = parse_month(t) {
            not_date("con ventana de meses")?;
            return Ok(Schedule::Window { year, from: m, to: m, slash: false });
        }
        let date = parse_day_month(t, year)?;
        if date.year() != year {
            return Err(format!("la fecha «{t}» no es del año {year}"));
        }
        Ok(Schedule::Date { date, time })
    }

    pub fn year(&self) -> i32 {
        match self {
            Schedule::Date { date, .. } => date.year(),
            Schedule::Window { year, .. } | Schedule::ToBeDefined { year } => *year,
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Schedule::Date { date, .. } => Some(*date),
            _ => None,
        }
    }

    pub fn time(&self) -> Option<NaiveTime> {
        match self {
            Schedule::Date { time, .. } => *time,
            _ => None,
        }
    }

    /// The text written in the data files next to `anio`: "21 de febrero", "febrero-marzo",
    /// "Por definir".
    pub fn calendar_text(&self) -> String {
        match self {
            Schedule::Date { date, .. } => day_month(*date),
            Schedule::Window { from, to, slash, .. } => window_text(*from, *to, *slash),
            Schedule::ToBeDefined { .. } => TO_BE_DEFINED.into(),
        }
    }

    /// The window text ("febrero-marzo") for a window, `None` otherwise.
    pub fn window(&self) -> Option<String> {
        match self {
            Schedule::Window { .. } | Schedule::ToBeDefined { .. } => Some(self.calendar_text()),
            Schedule::Date { .. } => None,
        }
    }

    /// Human text with the year: "21 de febrero de 2024, 10:00", "febrero-marzo de 2024",
    /// "Por definir (2024)".
    pub fn describe(&self) -> String {
        match self {
            Schedule::Date { date, time: Some(t) } => format!("{}, {}", medium_date(*date), format_time(*t)),
            Schedule::Date { date, time: None } => medium_date(*date),
            Schedule::Window { year, .. } => format!("{} de {year}", self.calendar_text()),
            Schedule::ToBeDefined { year } => format!("{TO_BE_DEFINED} ({year})"),
        }
    }

    /// For narrow lists: "12 mar 2027", "feb-mar 2027", "Por definir 2027".
    pub fn short_text(&self) -> String {
        match self {
            Schedule::Date { date, .. } => format!("{} {} {}", date.day(), month_short(date.month()), date.year()),
            Schedule::Window { year, from, to, slash } if from != to => {
                format!("{}{}{} {year}", month_short(*from), if *slash { '/' } else { '-' }, month_short(*to))
            }
            Schedule::Window { year, from, .. } => format!("{} {year}", month_name(*from)),
            Schedule::ToBeDefined { year } => format!("{TO_BE_DEFINED} {year}"),
        }
    }

    /// First and last day the session may fall on, for range queries; a "Por definir"
    /// spans its whole year.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        let last = |y: i32, m: u32| {
            let next = if m == 12 { first(y + 1, 1) } else { first(y, m + 1) };
            next.pred_opt().unwrap_or(NaiveDate::MAX)
        };
        match *self {
            Schedule::Date { date, .. } => (date, date),
            Schedule::Window { year, from, to, .. } => (first(year, from), last(year, to)),
            Schedule::ToBeDefined { year } => (first(year, 1), last(year, 12)),
        }
    }
}

fn window_text(from: u32, to: u32, slash: bool) -> String {
    if from == to {
        month_name(from).to_string()
    } else {
        format!("{}{}{}", month_name(from), if slash { '/' } else { '-' }, month_name(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn every_seed_form_parses_and_writes_back() {
        for (text, written) in [
            ("21 de febrero", "21 de febrero"),
            ("06 de febrero", "6 de febrero"),
            ("febrero-marzo", "febrero-marzo"),
            ("junio-julio", "junio-julio"),
            ("abril/mayo", "abril/mayo"),
            ("octubre/noviembre", "octubre/noviembre"),
            ("febrero", "febrero"),
            ("Por definir", "Por definir"),
            ("por definir", "Por definir"),
        ] {
            let s = Schedule::parse(text, 2024, None).expect(text);
            assert_eq!(s.calendar_text(), written);
            assert_eq!(Schedule::parse(&s.calendar_text(), 2024, None), Ok(s));
            assert_eq!(s.year(), 2024);
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(
            Schedule::parse("21 de febrero", 2024, Some("10:00")),
            Ok(Schedule::Date { date: d(2024, 2, 21), time: NaiveTime::from_hms_opt(10, 0, 0) })
        );
        assert_eq!(
            Schedule::parse("abril/mayo", 2024, None),
            Ok(Schedule::Window { year: 2024, from: 4, to: 5, slash: true })
        );
        assert_eq!(Schedule::parse("Por definir", 2027, None), Ok(Schedule::ToBeDefined { year: 2027 }));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(Schedule::parse("marzo-febrero", 2024, None).unwrap_err().contains("termina antes"));
        assert!(Schedule::parse("febrero-marzo", 2024, Some("10:00")).unwrap_err().contains("no puede tener hora"));
        assert!(Schedule::parse("", 2024, None).unwrap_err().contains("falta la fecha"));
        assert!(Schedule::parse("31 de abril", 2024, None).unwrap_err().contains("no existe"));
        assert!(Schedule::parse("21 de febrero de 2023", 2024, None).unwrap_err().contains("no es del año"));
        assert!(Schedule::parse("21 de febrero", 2024, Some("25:99")).unwrap_err().contains("hora"));
        assert!(Schedule::parse("21 de febrero", 10, None).unwrap_err().contains("año"));
    }

    #[test]
    fn descriptions_and_spans() {
        let s = Schedule::parse("21 de febrero", 2024, Some("10:00")).expect("ok");
        assert_eq!(s.describe(), "21 de febrero de 2024, 10:00");
        assert_eq!(s.window(), None);
        let w = Schedule::parse("febrero-marzo", 2024, None).expect("ok");
        assert_eq!(w.describe(), "febrero-marzo de 2024");
        assert_eq!(w.span(), (d(2024, 2, 1), d(2024, 3, 31)));
        assert_eq!(w.window().as_deref(), Some("febrero-marzo"));
        let n = Schedule::parse("Por definir", 2024, None).expect("ok");
        assert_eq!(n.describe(), "Por definir (2024)");
        assert_eq!(n.span(), (d(2024, 1, 1), d(2024, 12, 31)));
        let dec = Schedule::parse("diciembre", 2024, None).expect("ok");
        assert_eq!(dec.span(), (d(2024, 12, 1), d(2024, 12, 31)));
    }
}
