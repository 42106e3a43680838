//! A vote as the acta tells it: "Se sometió a votación económica la propuesta «…», que fue
//! aprobada por unanimidad, con 12 votos a favor." The count is given once; the subject is
//! always "la propuesta", so every participle agrees with it; a consensus is consulted, not
//! voted; nominal ballots follow the roll; the reasons of a vote are transcribed as typed.

use std::fmt::Write;

use super::{list, none_or, present_of, voters};
use crate::domain::body::MajorityRule;
use crate::domain::text::{counted, plural};
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::export::md::{inline, verbatim};
use crate::export::sources::{Sources, member_name};
use crate::store::record::SessionRecord;
use crate::store::votes::{Count, Vote};

/// "12 votos a favor, ninguno en contra y 2 abstenciones"; "… y ninguna abstención".
fn counts(t: &Tally) -> String {
    let votes = plural(t.for_.into(), "voto", "votos");
    // "ninguna abstención": the noun after "ninguna" is singular.
    let abst = plural(t.abstain.max(1).into(), "abstención", "abstenciones");
    format!("{} {votes} a favor, {} en contra y {} {abst}", t.for_, none_or(t.against, false), none_or(t.abstain, true))
}

/// "por unanimidad", "por mayoría", "por mayoría de dos tercios".
fn how(rule: MajorityRule, t: &Tally) -> &'static str {
    if t.against == 0 && t.abstain == 0 {
        return "por unanimidad";
    }
    match rule {
        MajorityRule::Simple | MajorityRule::Unanimity | MajorityRule::Consensus => "por mayoría",
        MajorityRule::Absolute => "por mayoría absoluta",
        MajorityRule::TwoThirds => "por mayoría de dos tercios",
    }
}

fn result(v: &Vote, c: &Count) -> String {
    let t = &c.tally;
    if c.casting_vote {
        let sense = if c.approved { "a favor" } else { "en contra" };
        let end = if c.approved { "fue aprobada" } else { "no fue aprobada" };
        return format!(
            "; al registrarse un empate de {} a favor y {} en contra, {}, la Presidencia ejerció su voto de \
             calidad {sense}, por lo que la propuesta {end}",
            t.for_,
            t.against,
            match t.abstain {
                0 => "sin abstenciones".to_string(),
                n => format!("con {}", counted(n.into(), "abstención", "abstenciones")),
            }
        );
    }
    if c.approved {
        if t.against == 0 && t.abstain == 0 {
            let votes = plural(t.for_.into(), "voto", "votos");
            return format!(", que fue aprobada por unanimidad, con {} {votes} a favor", t.for_);
        }
        format!(", que fue aprobada {}, con {}", how(v.rule, t), counts(t))
    } else {
        format!(", que no fue aprobada, con {}", counts(t))
    }
}

pub(super) fn write(out: &mut String, r: &SessionRecord, s: &Sources, v: &Vote) {
    let Some(current) = v.current() else { return };
    let motion = inline(v.motion.trim());
    if v.rule == MajorityRule::Consensus {
        consensus(out, r, s, v, current, &motion);
    } else {
        let mode = if v.mode == VoteMode::Nominal { "nominal" } else { "económica" };
        let mut sentence = format!("Se sometió a votación {mode} la propuesta «{motion}»{}", result(v, current));
        // The quorum is said again only when it changed since the opening.
        if current.quorum_present != r.quorum.present && current.quorum_present != first_present(r) {
            let _ = write!(sentence, ", con la presencia de {}", present_of(r, current.quorum_present, r.quorum.total));
        }
        let _ = writeln!(out, "{sentence}.\n");
        if v.mode == VoteMode::Nominal {
            let mut parts = Vec::new();
            for (ballot, label) in [
                (Ballot::For, "votaron a favor"),
                (Ballot::Against, "votaron en contra"),
                (Ballot::Abstain, "se abstuvieron"),
            ] {
                let who = voters(r, &current.ballots, ballot);
                if !who.is_empty() {
                    let label = if who.len() == 1 {
                        label.replace("votaron", "votó").replace("se abstuvieron", "se abstuvo")
                    } else {
                        label.to_string()
                    };
                    parts.push(format!("{label}: {}", list(&who)));
                }
            }
            if !parts.is_empty() {
                let text = parts.join("; ");
                let mut text = text;
                if let Some(first) = text.get(..1) {
                    text = format!("{}{}", first.to_uppercase(), &text[1..]);
                }
                let _ = writeln!(out, "{text}.\n");
            }
        }
    }
    // Each recount says why it was made and who asked: a member, or the Secretaría Técnica
    // correcting its own count.
    for (old, next) in v.counts.iter().zip(v.counts.iter().skip(1)) {
        let lead = match &next.recount {
            Some(x) => match x.requested_by {
                Some(m) => format!(
                    "A solicitud de {} se realizó un recuento (motivo: {})",
                    r.member_name(m),
                    inline(x.reason.trim())
                ),
                None => {
                    format!("La {} corrigió el conteo (motivo: {})", s.body.secretariat_name(), inline(x.reason.trim()))
                }
            },
            None => "Se realizó un recuento".to_string(),
        };
        let _ = writeln!(
            out,
            "{lead}: el conteo de las {} horas ({}) quedó sustituido por el de las {} horas.\n",
            crate::domain::dates::format_time(old.at.time()),
            counts(&old.tally),
            crate::domain::dates::format_time(next.at.time())
        );
    }
    reasons(out, r, s, v);
}

/// The quorum present at the opening, as the acta's quorum section states it.
fn first_present(r: &SessionRecord) -> u32 {
    r.votes.iter().flat_map(|v| v.counts.iter()).min_by_key(|c| c.at).map_or(r.quorum.present, |c| c.quorum_present)
}

fn consensus(out: &mut String, r: &SessionRecord, s: &Sources, v: &Vote, c: &Count, motion: &str) {
    let against = voters(r, &c.ballots, Ballot::Against);
    let mut text = format!("Se consultó el consenso sobre la propuesta «{motion}»");
    if c.tally.against == 0 {
        text.push_str(", que fue adoptada por consenso.");
    } else if against.is_empty() {
        let _ = write!(
            text,
            "; no hubo consenso: {} manifestaron su disenso.",
            counted(i64::from(c.tally.against), "integrante", "integrantes")
        );
    } else {
        let verb = plural(against.len() as i64, "manifestó", "manifestaron");
        let has_reasons = s.reasons.get(&v.id).is_some_and(|l| !l.is_empty());
        let tail = if has_reasons { ", por las razones que se transcriben" } else { "" };
        let _ = write!(text, "; no hubo consenso: {} {verb} su disenso{tail}.", list(&against));
    }
    let _ = writeln!(out, "{text}\n");
}

fn reasons(out: &mut String, r: &SessionRecord, s: &Sources, v: &Vote) {
    let Some(list) = s.reasons.get(&v.id) else { return };
    for reason in list {
        let Some(row) = r.roll.iter().find(|x| x.membership.id == reason.membership) else { continue };
        let label = crate::domain::Labeled::label(reason.kind);
        let mut label = label.to_string();
        if let Some(first) = label.get(..1) {
            label = format!("{}{}", first.to_uppercase(), &label[1..]);
        }
        let _ = writeln!(out, "**{label} de {}:**\n", inline(&member_name(row)));
        let _ = writeln!(out, "{}\n", verbatim(&reason.text));
    }
}
