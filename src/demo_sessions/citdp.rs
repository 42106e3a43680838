//! Comisión Intersecretarial (Mexico): Vigésima Primera Sesión Ordinaria, 20 de febrero de 2024,
//! the session that approved the Programa Anual de Trabajo 2024 (seed 004). A 15-member pleno,
//! simple majority with the Presidencia's casting vote: the tied vote of this demo is here.

use super::{Due, Script, Step};
use crate::domain::quorum::Presence::{Alternate, Justified, Titular};
use crate::domain::session::SessionKind;
use crate::domain::vote::Ballot::{Abstain, For};
use crate::domain::vote::VoteMode::{Nominal, Totals};
use Step::*;

pub(crate) const SO_21: Script = Script {
    body: "CITDP",
    kind: SessionKind::Ordinary,
    number: 21,
    open: (10, 0),
    items: &[
        "Presentación y, en su caso, aprobación del Programa Anual de Trabajo 2024",
        "Informe del Grupo de Trabajo de Selección de Personas Expertas Académicas y Organizaciones de la Sociedad Civil",
        "Estrategia de Conmemoración del Día Mundial contra la Trata de Personas 2024",
    ],
    steps: &[
        Mark("DGEADH", Titular, (10, 0)),
        Mark("SEGOB", Titular, (10, 0)),
        Mark("BIENESTAR", Titular, (10, 1)),
        Mark("STPS", Titular, (10, 2)),
        Mark("SRE", Titular, (10, 3)),
        Mark("SNDIF", Titular, (10, 4)),
        Mark("INMUJERES", Titular, (10, 5)),
        Mark("CEAV", Titular, (10, 6)),
        Mark("SICT", Alternate, (10, 7)),
        Mark("SSPC", Titular, (10, 8)),
        Mark("SEP", Titular, (10, 9)),
        Remote("SEP"),
        Mark("FGR", Alternate, (10, 10)),
        Mark("CNDH", Titular, (10, 11)),
        Mark("SSA", Alternate, (10, 12)),
        Mark("OIM", Titular, (10, 13)),
        Remote("OIM"),
        Mark("SECTUR", Justified, (10, 14)),
        Item(
            1,
            (10, 15),
            "Nueve instituciones asisten por conducto de su titular y tres por su suplente (SICT, SSA y FGR); la SEP \
             participa de manera virtual. La SECTUR justificó su inasistencia mediante oficio y el INM no se presentó. \
             Asisten con voz la CNDH y, como organismo observador, la OIM por videoconferencia. Con el quórum \
             verificado, la Presidencia instaló la sesión.",
        ),
        Item(
            2,
            (10, 16),
            "La Secretaría Técnica dio lectura al orden del día, que incluye la presentación del Programa Anual de \
             Trabajo 2024, el informe del Grupo de Trabajo de Selección y la estrategia para el Día Mundial contra la \
             Trata de Personas. Sin observaciones, se sometió a votación.",
        ),
        Vote { item: 2, motion: "Aprobación del orden del día", mode: Totals, at: (10, 17) },
        Count((10, 18), [12, 0, 0], None),
        Item(
            3,
            (10, 20),
            "Se dispensó la lectura del acta de la Vigésima Sesión Ordinaria, circulada con la convocatoria. La SSPC \
             pidió precisar el nombre de su unidad administrativa en la lista de asistencia, corrección que la \
             Secretaría Técnica aceptó. Se abstuvieron la SEP y la FGR, cuyas representaciones no asistieron a la \
             sesión anterior.",
        ),
        Vote { item: 3, motion: "Aprobación del acta de la Vigésima Sesión Ordinaria", mode: Totals, at: (10, 21) },
        Count((10, 22), [10, 0, 2], None),
        Agreement {
            item: 3,
            vote: Some(1),
            text: "Se aprueba el acta de la Vigésima Sesión Ordinaria. La Secretaría Técnica recabará las firmas y la \
                   publicará en el portal institucional.",
            responsibles: &["DGEADH"],
            due: Due::On(2024, 3, 8),
            at: (10, 23),
        },
        Mark("INACIPE", Titular, (10, 24)),
        Remote("INACIPE"),
        Item(
            4,
            (10, 25),
            "La Secretaría Técnica presentó el Programa Anual de Trabajo 2024, integrado con las actividades y fechas \
             que proporcionaron las instituciones y las coordinaciones de los grupos de trabajo; las actividades sin \
             fecha precisa tendrán seguimiento semestral. Se destacaron el cronograma de sesiones, los convenios \
             vigentes con la CNDH, el INALI, el CONADIS y el Consejo Ciudadano, y las reuniones de seguimiento del \
             SINTRA con la DGTIC. El INACIPE se incorporó a las 10:24 horas por videoconferencia. La FGR manifestó \
             que participa con pleno respeto a su autonomía constitucional y se abstuvo en la votación nominal.",
        ),
        Vote {
            item: 4,
            motion: "Aprobación del Programa Anual de Trabajo 2024 de la Comisión Intersecretarial",
            mode: Nominal,
            at: (11, 5),
        },
        Ballots(
            (11, 7),
            &[
                ("SEGOB", For),
                ("SICT", For),
                ("SRE", For),
                ("SSPC", For),
                ("STPS", For),
                ("SSA", For),
                ("BIENESTAR", For),
                ("SEP", For),
                ("SNDIF", For),
                ("CEAV", For),
                ("INMUJERES", For),
                ("INACIPE", For),
                ("FGR", Abstain),
            ],
        ),
        Agreement {
            item: 4,
            vote: Some(2),
            text: "Se aprueba el Programa Anual de Trabajo 2024 de la Comisión Intersecretarial. La Secretaría Técnica \
                   lo remitirá a las instituciones integrantes junto con el calendario de seguimiento de actividades.",
            responsibles: &["DGEADH", "SEGOB"],
            due: Due::On(2024, 3, 15),
            at: (11, 8),
        },
        Agreement {
            item: 4,
            vote: None,
            text: "Las instituciones integrantes remitirán a la Secretaría Técnica la información para integrar el TIP \
                   Report y el TIP Spanish del Departamento de Estado de los Estados Unidos.",
            responsibles: &["FGR", "SRE", "SSPC"],
            due: Due::On(2024, 3, 29),
            at: (11, 10),
        },
        Item(
            5,
            (11, 15),
            "La Secretaría de Bienestar, como coordinación del Grupo de Trabajo, informó que la convocatoria pública \
             para seleccionar organizaciones de la sociedad civil y personas expertas académicas por un periodo de dos \
             años recibió menos postulaciones de las previstas y propuso ampliar el plazo quince días naturales. La \
             SSPC y la FGR consideraron que la ampliación retrasaría la integración de la Comisión. El INACIPE se \
             retiró a las 12:05 horas.",
        ),
        Leave("INACIPE", (12, 5)),
        Vote {
            item: 5,
            motion: "Ampliar quince días naturales el plazo de la convocatoria pública para la selección de \
                     organizaciones de la sociedad civil y personas expertas académicas",
            mode: Totals,
            at: (12, 10),
        },
        Count((12, 12), [6, 6, 0], Some(For)),
        Agreement {
            item: 5,
            vote: Some(3),
            text: "Se amplía en quince días naturales el plazo de la convocatoria pública para la selección de \
                   organizaciones de la sociedad civil y personas expertas académicas. El Grupo de Trabajo presentará \
                   la propuesta de integración en la siguiente sesión.",
            responsibles: &["BIENESTAR", "DGEADH"],
            due: Due::On(2024, 3, 22),
            at: (12, 14),
        },
        Item(
            6,
            (12, 20),
            "La Secretaría Técnica expuso la propuesta de estrategia nacional de comunicación para la conmemoración \
             del 30 de julio, que articulará el Grupo de Trabajo para Campañas de Prevención y Estrategias de \
             Difusión. El SNDIF ofreció apoyar la difusión y la SRE informó que en julio promoverá entre la red \
             consular en Estados Unidos mecanismos de colaboración con organizaciones de la sociedad civil. La FGR \
             anunció el Octavo Encuentro Nacional de Fiscalías y Unidades Especializadas en el marco de la \
             conmemoración.",
        ),
        Agreement {
            item: 6,
            vote: None,
            text: "El Grupo de Trabajo para Campañas de Prevención y Estrategias de Difusión presentará la estrategia \
                   nacional de comunicación para el Día Mundial contra la Trata de Personas, con la traducción de sus \
                   materiales a lenguas indígenas y a Lengua de Señas Mexicana.",
            responsibles: &["BIENESTAR", "SNDIF"],
            due: Due::On(2024, 5, 31),
            at: (12, 40),
        },
        Item(
            7,
            (12, 45),
            "La SICT informó que replicará las campañas de la Comisión en su Red de Enlaces de Género en marzo, mayo y \
             octubre. La CNDH recordó el Convenio General de Colaboración vigente para acciones de capacitación. Se \
             acordó difundir de manera permanente la Línea y Chat Nacional contra la Trata de Personas que opera el \
             Consejo Ciudadano para la Seguridad y Justicia de la Ciudad de México.",
        ),
        Agreement {
            item: 7,
            vote: None,
            text: "Las instituciones integrantes difundirán de manera permanente en sus portales y redes sociales la \
                   Línea y Chat Nacional contra la Trata de Personas (800 5533 000).",
            responsibles: &["SEGOB", "SECTUR", "SICT"],
            due: Due::Permanent,
            at: (13, 0),
        },
        Item(
            8,
            (13, 5),
            "Agotados los puntos del orden del día, la Presidencia agradeció la participación de las instituciones \
             integrantes e invitadas. La Secretaría Técnica circulará el proyecto de acta para observaciones.",
        ),
    ],
    close: (13, 10),
};
