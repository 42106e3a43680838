//! The oficios of a follow-up round: one per responsible institution, asking it to report
//! the progress of its open commitments by the cut-off, signed by the Secretaría Técnica.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::document::{Block, Document, Inline, Signature};
use crate::domain::Labeled;
use crate::domain::dates::medium_date;
use crate::domain::member::{Membership, Office, Representative, RepresentativeRole};
use crate::store::rounds::{self, Request};
use crate::store::{self, StoreError, bodies, followup, members};

/// "de la Comisión …", "del Grupo de Trabajo …": the article goes with the body's first word.
fn of_body(name: &str) -> String {
    let first = crate::domain::text::fold(name.split_whitespace().next().unwrap_or(""));
    let masculine = ["grupo", "subgrupo", "consejo", "comite", "pleno", "gabinete", "sistema"];
    if masculine.contains(&first.as_str()) { format!("del {name}") } else { format!("de la {name}") }
}

/// The titular of the first membership of `body` that `pick` accepts, when the directory
/// names one: the Secretaría Técnica who signs, or the institution addressed.
fn titular(conn: &Connection, body: i64, pick: impl Fn(&Membership) -> bool) -> store::Result<Option<Representative>> {
    for m in members::for_body(conn, body)?.into_iter().filter(|m| m.ended_on.is_none() && pick(m)) {
        if let Some(r) = members::representative(conn, m.id, RepresentativeRole::Titular)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

fn letter(conn: &Connection, body: i64, cutoff: NaiveDate, q: &Request, today: NaiveDate) -> store::Result<Vec<Block>> {
    let docs = crate::store::documents::body(conn, body)?;
    let secretariat = docs.secretariat_name();
    let b = bodies::get(conn, body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let mut blocks = vec![
        Block::Heading { level: 2, text: format!("Oficio {}", q.reference) },
        Block::Paragraph(vec![Inline::plain(format!("{}, {}", b.place, medium_date(q.sent_on.unwrap_or(today))))]),
    ];
    let mut to = vec![Inline { text: q.name.clone(), bold: true, italic: false }];
    if let Some(r) = titular(conn, body, |m| m.institution == q.institution)? {
        let who =
            if r.position.is_empty() { format!("{} — ", r.name) } else { format!("{}, {} — ", r.name, r.position) };
        to.insert(0, Inline::plain(who));
    }
    blocks.push(Block::Paragraph(to));
    blocks.push(Block::Paragraph(vec![Inline::plain(format!(
        "En el marco del seguimiento que la {secretariat} {} da a los acuerdos adoptados en sus sesiones y \
         a las actividades de su programa de trabajo, le solicito atentamente informe el avance, con corte al {}, de \
         los compromisos siguientes en los que su institución es responsable, señalando el porcentaje de avance y el \
         medio de verificación (oficio, minuta, informe, fotografía o enlace) que lo acredite.",
        of_body(&b.name),
        medium_date(cutoff)
    ))]));
    let mut rows = Vec::with_capacity(q.items.len());
    for number in &q.items {
        let Ok(t) = followup::by_number(conn, number) else { continue };
        rows.push(vec![
            t.number.clone(),
            t.text.clone(),
            t.term(),
            format!("{} %", t.progress),
            t.status.label().to_string(),
        ]);
    }
    blocks.push(Block::Table {
        header: ["Número", "Compromiso", "Plazo", "Avance", "Estado"].map(String::from).to_vec(),
        rows,
    });
    blocks.push(Block::Paragraph(vec![Inline::plain(format!(
        "Agradeceré remitir su respuesta a esta {secretariat} dentro de los diez días hábiles siguientes a la \
         recepción del presente."
    ))]));
    let signer = titular(conn, body, |m| m.office == Office::TechnicalSecretariat)?.map(|r| r.name).unwrap_or_default();
    blocks.push(Block::Signatures(vec![Signature { name: signer, role: format!("{secretariat} · {}", b.acronym) }]));
    Ok(blocks)
}

/// The oficios of round `round`: all of them, or the one to `institution`.
pub fn round_letters(
    conn: &Connection,
    round: i64,
    institution: Option<i64>,
    today: NaiveDate,
) -> store::Result<Document> {
    let r =
        rounds::get(conn, round)?.ok_or_else(|| StoreError::invalid("ronda", format!("no existe la ronda {round}")))?;
    let b = bodies::get(conn, r.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let all = rounds::requests(conn, round)?;
    let chosen: Vec<&Request> = all.iter().filter(|q| institution.is_none_or(|i| q.institution == i)).collect();
    if chosen.is_empty() {
        return Err(StoreError::invalid(
            "institucion",
            format!("la ronda {round} no tiene solicitud para esa institución"),
        ));
    }
    let title = format!("Ronda de seguimiento de {} con corte al {}", b.acronym, medium_date(r.cutoff));
    let mut blocks = vec![Block::Heading { level: 1, text: title.clone() }];
    for q in chosen {
        blocks.extend(letter(conn, r.body, r.cutoff, q, today)?);
    }
    let language = crate::store::documents::body(conn, r.body)?.style.language();
    Ok(Document { title, blocks, draft: false, footer: Some(format!("Ronda {round} · {}", b.name)), language })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::institutions;

    #[test]
    fn one_oficio_per_institution_with_its_commitments() {
        let mut store = crate::demo::in_memory();
        let citdp = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
        let cutoff = NaiveDate::from_ymd_opt(2024, 12, 31).expect("date");
        let now = cutoff.and_hms_opt(9, 0, 0).expect("time");
        let round = store.write(|tx| rounds::create(tx, citdp, cutoff, now)).expect("round");
        let today = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
        let all = round_letters(store.conn(), round, None, today).expect("doc");
        let oficios = all.blocks.iter().filter(|b| matches!(b, Block::Heading { level: 2, .. })).count();
        assert_eq!(oficios, rounds::requests(store.conn(), round).expect("q").len());
        let inm = institutions::by_acronym(store.conn(), "INM").expect("q").expect("INM").id;
        let one = round_letters(store.conn(), round, Some(inm), today).expect("doc");
        let Some(Block::Table { rows, .. }) = one.blocks.iter().find(|b| matches!(b, Block::Table { .. })) else {
            panic!("a table of commitments")
        };
        assert_eq!(rows.len(), 3, "INM's three activities of the 2024 plan");
        assert!(rows.iter().all(|r| r[2] == "Durante el ejercicio"));
        assert_eq!(of_body("Grupo de Trabajo de Prevención"), "del Grupo de Trabajo de Prevención");
        assert_eq!(of_body("Comisión Intersecretarial"), "de la Comisión Intersecretarial");
    }
}
