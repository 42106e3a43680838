//! Time zones: each body keeps the clock of its seat. The IANA database (chrono-tz, compiled
//! in) gives every zone's offset at any instant, with daylight saving where the zone has it
//! (Chile, Paraguay, Cuba, Mexico's northern border…), so a session's times are the body's
//! wall clock whatever the machine's own zone.

use chrono::offset::LocalResult;
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

/// Every zone of Latin America (and Belize, Guyana, Suriname), by country from north to
/// south: what the body form offers. Any other IANA name is accepted in data files.
pub const TIMEZONES: &[&str] = &[
    // México
    "America/Mexico_City",
    "America/Cancun",
    "America/Merida",
    "America/Monterrey",
    "America/Matamoros",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Ojinaga",
    "America/Mazatlan",
    "America/Bahia_Banderas",
    "America/Hermosillo",
    "America/Tijuana",
    // Centroamérica
    "America/Guatemala",
    "America/Belize",
    "America/El_Salvador",
    "America/Tegucigalpa",
    "America/Managua",
    "America/Costa_Rica",
    "America/Panama",
    // Caribe
    "America/Havana",
    "America/Santo_Domingo",
    "America/Port-au-Prince",
    "America/Puerto_Rico",
    // Sudamérica
    "America/Bogota",
    "America/Caracas",
    "America/Guyana",
    "America/Paramaribo",
    "America/Cayenne",
    "America/Guayaquil",
    "Pacific/Galapagos",
    "America/Lima",
    "America/La_Paz",
    "America/Sao_Paulo",
    "America/Noronha",
    "America/Belem",
    "America/Fortaleza",
    "America/Recife",
    "America/Araguaina",
    "America/Maceio",
    "America/Bahia",
    "America/Campo_Grande",
    "America/Cuiaba",
    "America/Santarem",
    "America/Porto_Velho",
    "America/Boa_Vista",
    "America/Manaus",
    "America/Eirunepe",
    "America/Rio_Branco",
    "America/Asuncion",
    "America/Montevideo",
    "America/Santiago",
    "America/Punta_Arenas",
    "Pacific/Easter",
    "America/Argentina/Buenos_Aires",
    "America/Argentina/Cordoba",
    "America/Argentina/Salta",
    "America/Argentina/Jujuy",
    "America/Argentina/Tucuman",
    "America/Argentina/Catamarca",
    "America/Argentina/La_Rioja",
    "America/Argentina/San_Juan",
    "America/Argentina/Mendoza",
    "America/Argentina/San_Luis",
    "America/Argentina/Rio_Gallegos",
    "America/Argentina/Ushuaia",
];

pub const DEFAULT_TIMEZONE: &str = "America/Mexico_City";

/// The zone of an IANA name, exactly as written ("America/Guatemala").
pub fn zone(name: &str) -> Result<Tz, String> {
    name.trim().parse::<Tz>().map_err(|_| {
        format!(
            "zona horaria «{}» desconocida; escriba un nombre de la base de zonas horarias como \
             «America/Mexico_City», «America/Guatemala» o «America/Santiago»",
            name.trim()
        )
    })
}

pub fn check_timezone(name: &str) -> Result<(), String> {
    zone(name).map(|_| ())
}

/// The wall clock of `zone` at an instant. An unknown zone (only possible in a database
/// written by hand) reads as UTC rather than failing where a time is only shown.
pub fn local_time(at: DateTime<Utc>, zone_name: &str) -> NaiveDateTime {
    match zone(zone_name) {
        Ok(tz) => at.with_timezone(&tz).naive_local(),
        Err(_) => at.naive_utc(),
    }
}

/// The instant a wall-clock time of `zone` names. In the hour skipped when clocks go forward
/// it is the instant just after the jump; in the hour repeated when they go back, the first.
pub fn instant(local: NaiveDateTime, zone_name: &str) -> Option<DateTime<Utc>> {
    let tz = zone(zone_name).ok()?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => {
            let later = local + chrono::Duration::hours(1);
            tz.from_local_datetime(&later).earliest().map(|t| t.with_timezone(&Utc))
        }
    }
}

/// Minutes east of UTC in force in `zone` at an instant (negative west, as in all the region).
pub fn offset_at(zone_name: &str, at: DateTime<Utc>) -> Option<i32> {
    let tz = zone(zone_name).ok()?;
    Some(at.with_timezone(&tz).offset().fix().local_minus_utc() / 60)
}

/// The zone's standard offset (without daylight saving) in minutes, as of `at`.
pub fn standard_offset_at(zone_name: &str, at: DateTime<Utc>) -> Option<i32> {
    let tz = zone(zone_name).ok()?;
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    i32::try_from(offset.base_utc_offset().num_minutes()).ok()
}

/// A change of a zone's offset: the wall-clock time it happens at (read on the clock before
/// the change), the offsets before and after in minutes, and whether the new one is daylight
/// saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub local: NaiveDateTime,
    pub from: i32,
    pub to: i32,
    pub daylight: bool,
}

/// Whether `zone` is on daylight saving time at an instant.
pub fn daylight_at(zone_name: &str, at: DateTime<Utc>) -> bool {
    zone(zone_name).ok().is_some_and(|tz| daylight(tz, at))
}

fn daylight(tz: Tz, at: DateTime<Utc>) -> bool {
    !tz.offset_from_utc_datetime(&at.naive_utc()).dst_offset().is_zero()
}

/// Every change of offset of `zone` between two instants, found day by day and then to the
/// minute (the IANA database gives offsets at instants, not a list of changes).
pub fn transitions(zone_name: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let Ok(tz) = zone(zone_name) else { return Vec::new() };
    let offset = |at: DateTime<Utc>| at.with_timezone(&tz).offset().fix().local_minus_utc() / 60;
    let mut out = Vec::new();
    let day = chrono::Duration::days(1);
    let mut start = from;
    while start < to {
        let end = (start + day).min(to);
        let (before, after) = (offset(start), offset(end));
        if before != after {
            // The first whole minute with the new offset (`from` falls on a whole minute).
            let minute = |m: i64| start + chrono::Duration::minutes(m);
            let (mut low, mut high) = (0, (end - start).num_minutes());
            while high - low > 1 {
                let middle = (low + high) / 2;
                if offset(minute(middle)) == before { low = middle } else { high = middle }
            }
            let high = minute(high);
            let local = high.naive_utc() + chrono::Duration::minutes(i64::from(before));
            out.push(Transition { local, from: before, to: after, daylight: daylight(tz, high) });
        }
        start = end;
    }
    out
}

/// The zone's standard offset now-ish (fixed reference: 1 January 2026), in minutes.
pub fn timezone_offset(zone_name: &str) -> Option<i32> {
    let reference = DateTime::<Utc>::from_timestamp(1_767_225_600, 0)?;
    standard_offset_at(zone_name, reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("instant")
    }

    #[test]
    fn every_offered_zone_is_in_the_database() {
        for name in TIMEZONES {
            assert!(zone(name).is_ok(), "{name}");
        }
        let unique: std::collections::HashSet<_> = TIMEZONES.iter().collect();
        assert_eq!(unique.len(), TIMEZONES.len());
        assert!(TIMEZONES.contains(&DEFAULT_TIMEZONE));
    }

    #[test]
    fn unknown_zones_are_refused_in_spanish() {
        let err = check_timezone("America/Ciudad_Gotica").unwrap_err();
        assert!(err.starts_with("zona horaria «America/Ciudad_Gotica» desconocida"), "{err}");
        assert!(check_timezone("").is_err());
        assert!(check_timezone("Europe/Madrid").is_ok(), "any IANA zone in a data file");
    }

    #[test]
    fn the_same_instant_on_each_body_clock() {
        let at = utc("2026-12-01T02:47:00Z");
        assert_eq!(local_time(at, "America/Guatemala").to_string(), "2026-11-30 20:47:00");
        assert_eq!(local_time(at, "America/Santo_Domingo").to_string(), "2026-11-30 22:47:00");
        assert_eq!(local_time(at, "America/Mexico_City").to_string(), "2026-11-30 20:47:00");
        assert_eq!(local_time(at, "no/zona").to_string(), "2026-12-01 02:47:00");
    }

    #[test]
    fn daylight_saving_where_the_zone_has_it() {
        // Chile: UTC−3 in its summer (December), UTC−4 in its winter (July).
        assert_eq!(offset_at("America/Santiago", utc("2026-12-15T12:00:00Z")), Some(-180));
        assert_eq!(offset_at("America/Santiago", utc("2026-07-15T12:00:00Z")), Some(-240));
        assert_eq!(standard_offset_at("America/Santiago", utc("2026-12-15T12:00:00Z")), Some(-240));
        // Mexico's northern border follows the United States; Mexico City no longer changes.
        assert_eq!(offset_at("America/Tijuana", utc("2026-07-15T12:00:00Z")), Some(-420));
        assert_eq!(offset_at("America/Tijuana", utc("2026-01-15T12:00:00Z")), Some(-480));
        assert_eq!(offset_at("America/Mexico_City", utc("2026-07-15T12:00:00Z")), Some(-360));
        assert_eq!(timezone_offset("America/Costa_Rica"), Some(-360));
        assert_eq!(timezone_offset("America/Santo_Domingo"), Some(-240));
    }

    #[test]
    fn wall_clock_back_to_the_instant() {
        let local = NaiveDateTime::parse_from_str("2026-11-30 20:47", "%Y-%m-%d %H:%M").expect("t");
        assert_eq!(instant(local, "America/Guatemala"), Some(utc("2026-12-01T02:47:00Z")));
        // Havana skips from 00:00 to 01:00 on 8 March 2026: 00:30 does not exist there.
        let skipped = NaiveDateTime::parse_from_str("2026-03-08 00:30", "%Y-%m-%d %H:%M").expect("t");
        let t = instant(skipped, "America/Havana").expect("after the jump");
        assert_eq!(local_time(t, "America/Havana").to_string(), "2026-03-08 01:30:00");
        assert_eq!(instant(local, "no/zona"), None);
    }
}
