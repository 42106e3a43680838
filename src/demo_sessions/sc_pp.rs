//! CONACOES, Subcomisión de Promoción y Prevención (Costa Rica): Centésima Sexagésima Novena
//! Sesión Ordinaria, 11 de agosto de 2026, hybrid. Activities from the 2023 plan (seed 003):
//! the national ESCNNA campaign, PANIAMOR's workshops, police training. No casting vote: the
//! first count of the campaign vote ties and fails; the recount of a missed remote vote passes it.

use super::{Due, Script, Step};
use crate::domain::quorum::Presence::{Alternate, Justified, Titular};
use crate::domain::session::SessionKind;
use crate::domain::vote::Ballot::{Abstain, For};
use crate::domain::vote::VoteMode::{Nominal, Totals};
use Step::*;

pub(crate) const SO_169: Script = Script {
    body: "SC-PP",
    kind: SessionKind::Ordinary,
    number: 169,
    open: (9, 0),
    items: &[
        "Seguimiento a la campaña nacional para la prevención de la ESCNNA 2026",
        "Informe de los talleres del Módulo «Me quiere no me quiere» de la Fundación PANIAMOR",
        "Capacitación a cuerpos policiales de zonas fronterizas y de mayor vulnerabilidad",
    ],
    steps: &[
        Mark("ST-CONACOES", Titular, (9, 0)),
        Mark("PANI", Titular, (9, 0)),
        Mark("INAMU", Alternate, (9, 2)),
        Mark("MS", Titular, (9, 4)),
        Remote("MS"),
        Mark("MJP", Titular, (9, 5)),
        Mark("PANIAMOR", Titular, (9, 6)),
        Mark("DNI", Alternate, (9, 8)),
        Remote("DNI"),
        Mark("MREC", Justified, (9, 9)),
        Mark("WARNATH", Titular, (9, 10)),
        Remote("WARNATH"),
        Mark("ICT", Titular, (9, 12)),
        Item(
            1,
            (9, 13),
            "Cinco instituciones asisten por su titular y dos por su suplente (INAMU y DNI). El MS, DNI y el Grupo \
             Warnath, organismo observador, participan por videoconferencia. El MREC justificó su ausencia por una \
             comisión oficial y el MSP no se presentó. Verificado el quórum, la sesión inicia bajo la coordinación \
             del PANI.",
        ),
        Item(
            2,
            (9, 14),
            "Se dio lectura al orden del día. A solicitud del INAMU se incorporó el punto sobre capacitación a cuerpos \
             policiales de zonas fronterizas y de mayor vulnerabilidad, en seguimiento de la actividad 2.3.7 del plan \
             anual. Con esa modificación, el orden del día se aprobó por asentimiento.",
        ),
        Item(
            3,
            (9, 18),
            "Se dispensó la lectura del acta de la Centésima Sexagésima Octava Sesión Ordinaria, del 14 de julio, \
             remitida por correo electrónico. No hubo observaciones de fondo. El ICT anunció su abstención por no haber \
             asistido a esa sesión.",
        ),
        Vote {
            item: 3,
            motion: "Aprobación del acta de la Centésima Sexagésima Octava Sesión Ordinaria",
            mode: Totals,
            at: (9, 20),
        },
        Count((9, 21), [6, 0, 1], None),
        Agreement {
            item: 3,
            vote: Some(0),
            text: "Se aprueba el acta de la Centésima Sexagésima Octava Sesión Ordinaria. La Secretaría Técnica la \
                   incorporará al archivo de minutas 2026 como medio de verificación.",
            responsibles: &["ST-CONACOES"],
            due: Due::On(2026, 8, 18),
            at: (9, 23),
        },
        Item(
            4,
            (9, 25),
            "La Secretaría Técnica presentó la propuesta de línea gráfica y el plan de difusión de la campaña nacional \
             para la prevención de la ESCNNA 2026. El MS y el ICT pidieron reforzar los mensajes sobre explotación \
             sexual en línea y en el sector turismo.",
        ),
        Vote {
            item: 4,
            motion: "Aprobar la línea gráfica y el plan de difusión de la campaña nacional para la prevención de la \
                     ESCNNA 2026",
            mode: Totals,
            at: (9, 55),
        },
        Count((9, 58), [3, 3, 0], None),
        Recount(
            (10, 3),
            [4, 3, 0],
            "su voto a favor, emitido por videoconferencia, no se había contabilizado",
            Some("DNI"),
        ),
        Agreement {
            item: 4,
            vote: Some(1),
            text: "Se aprueban la línea gráfica y el plan de difusión de la campaña nacional para la prevención de la \
                   ESCNNA 2026. Cada institución publicará los materiales en sus sitios y redes oficiales y reportará \
                   la divulgación a la Secretaría Técnica.",
            responsibles: &["ICT", "INAMU", "MS", "PANI"],
            due: Due::On(2026, 9, 30),
            at: (10, 5),
        },
        Item(
            5,
            (10, 10),
            "La Fundación PANIAMOR informó que en el primer semestre realizó tres talleres del Módulo «Me quiere no me \
             quiere» con niñas y adolescentes mujeres, con 74 participantes, y dos procesos de sensibilización con la \
             metodología E-Mentores para personas con rol de cuidado. Señaló como dificultad la coordinación con los \
             centros educativos durante las vacaciones de medio año. DNI propuso que el Consejo Participativo de \
             niñas, niños y adolescentes valide los materiales.",
        ),
        Agreement {
            item: 5,
            vote: None,
            text: "La Fundación PANIAMOR remitirá el programa y las listas de participantes de los talleres del Módulo \
                   «Me quiere no me quiere» del segundo semestre como medio de verificación.",
            responsibles: &["PANIAMOR"],
            due: Due::On(2026, 12, 15),
            at: (10, 30),
        },
        Item(
            6,
            (10, 35),
            "El INAMU, por medio del PLANOVI, presentó la propuesta de seis capacitaciones sobre detección y \
             referencia de situaciones de ESCNNA para cuerpos policiales de zonas fronterizas y de mayor \
             vulnerabilidad, en coordinación con el MSP y el OIJ. El ICT se retiró a las 10:40 horas. El MJP señaló \
             que debe confirmar la disponibilidad presupuestaria del Viceministerio de Paz y anunció su abstención.",
        ),
        Leave("ICT", (10, 40)),
        Vote {
            item: 6,
            motion: "Aprobar el calendario de seis capacitaciones a cuerpos policiales de zonas fronterizas y de mayor \
                     vulnerabilidad para el segundo semestre",
            mode: Nominal,
            at: (10, 55),
        },
        Ballots(
            (10, 57),
            &[("PANI", For), ("INAMU", For), ("MS", For), ("MJP", Abstain), ("PANIAMOR", For), ("DNI", For)],
        ),
        Agreement {
            item: 6,
            vote: Some(2),
            text: "Se aprueba el calendario de capacitaciones a cuerpos policiales de zonas fronterizas y de mayor \
                   vulnerabilidad. El INAMU coordinará su ejecución con el Ministerio de Seguridad Pública y remitirá \
                   las listas de asistencia.",
            responsibles: &["INAMU", "MSP"],
            due: Due::On(2026, 11, 30),
            at: (10, 59),
        },
        Item(
            7,
            (11, 5),
            "La Secretaría Técnica recordó que el plan anual fija al menos diez sesiones ordinarias y una asistencia \
             del 80 %; con esta, la Subcomisión suma siete sesiones en el año. El Grupo Warnath informó el avance del \
             pilotaje de la plataforma virtual sobre ESCNNA. Se acordó mantener en los sitios oficiales información \
             preventiva y los canales de denuncia.",
        ),
        Agreement {
            item: 7,
            vote: None,
            text: "Las instituciones integrantes mantendrán de forma permanente en sus sitios oficiales información \
                   preventiva sobre la ESCNNA y los canales de denuncia.",
            responsibles: &["DNI", "MJP", "PANI"],
            due: Due::Permanent,
            at: (11, 15),
        },
        Item(
            8,
            (11, 20),
            "La coordinación agradeció la participación. La próxima sesión ordinaria se celebrará el 8 de septiembre \
             de 2026 por videoconferencia.",
        ),
    ],
    close: (11, 25),
};
