//! Coalición Regional contra la Trata de Personas y el Tráfico Ilícito de Migrantes (CORETT):
//! Trigésima Segunda Reunión Ordinaria (numbered from the first meeting, in 2011), 12 de junio de
//! 2025, Tegucigalpa. Decisions by consensus (seed 002:
//! dissent is recorded, not erased), the Presidencia's report, a recess, and the national
//! repatriation protocols of the Plan Estratégico 2018-2027.

use super::{Due, Script, Step};
use crate::domain::quorum::Presence::{Alternate, Justified, Titular};
use crate::domain::session::SessionKind;
use crate::domain::vote::Ballot::{Abstain, For};
use crate::domain::vote::VoteMode::{Nominal, Totals};
use Step::*;

pub(crate) const SO_32: Script = Script {
    body: "CORETT",
    kind: SessionKind::Ordinary,
    number: 32,
    open: (10, 0),
    items: &[
        "Informe de la Presidencia sobre su participación en la Conferencia Regional sobre Migraciones",
        "Presentación de la campaña Corazón Azul contra la trata de personas",
        "Seguimiento a los protocolos nacionales para la repatriación de víctimas de trata de personas",
    ],
    steps: &[
        Mark("GT", Titular, (10, 0)),
        Mark("CR", Titular, (10, 0)),
        Mark("HN", Titular, (10, 0)),
        Mark("OIM", Titular, (10, 2)),
        Mark("SV", Titular, (10, 3)),
        Mark("UNODC", Titular, (10, 4)),
        Mark("MX", Alternate, (10, 5)),
        Mark("PA", Titular, (10, 7)),
        Mark("DO", Alternate, (10, 10)),
        Remote("DO"),
        Mark("BZ", Titular, (10, 12)),
        Mark("NI", Justified, (10, 15)),
        Item(
            1,
            (10, 16),
            "Seis países asisten por su titular y dos por su suplente (México y República Dominicana); República \
             Dominicana participa por videoconferencia. Nicaragua justificó su ausencia mediante nota diplomática. \
             Asisten como organismos observadores la OIM y la UNODC. La Presidencia, a cargo de Guatemala, agradeció a \
             Honduras su hospitalidad como país sede.",
        ),
        Item(
            2,
            (10, 18),
            "Se presentó el orden del día circulado con la convocatoria, sin propuestas de modificación.",
        ),
        Vote { item: 2, motion: "Aprobación del orden del día", mode: Totals, at: (10, 20) },
        Count((10, 21), [8, 0, 0], None),
        Item(
            3,
            (10, 25),
            "La Secretaría Técnica recordó que el acta de la Trigésima Primera Reunión Ordinaria se circuló para observaciones. \
             El Salvador remitió precisiones sobre su informe de país, que ya fueron incorporadas. Sin otras \
             observaciones, el acta se aprobó por consenso.",
        ),
        Agreement {
            item: 3,
            vote: None,
            text: "Se aprueba por consenso el acta de la Trigésima Primera Reunión Ordinaria, celebrada por videoconferencia el 13 \
                   de marzo de 2025. La Secretaría Técnica la integrará al archivo de la Coalición Regional.",
            responsibles: &["CR"],
            due: Due::On(2025, 6, 27),
            at: (10, 35),
        },
        Item(
            4,
            (10, 40),
            "La Presidencia informó de su participación en la reunión de la Red de Funcionarios de Enlace contra la \
             Trata de Personas y el Tráfico Ilícito de Migrantes de la Conferencia Regional sobre Migraciones, donde \
             presentó los avances del Plan Estratégico 2018-2027. Cada país presentó su informe nacional; México y \
             Panamá destacaron la actualización de sus protocolos de atención y Honduras el fortalecimiento de su \
             línea de denuncia. A las 11:20 horas la Presidencia decretó un receso de veinte minutos.",
        ),
        Suspend((11, 20), "Receso para café y fotografía oficial"),
        Resume((11, 40)),
        Item(
            5,
            (11, 40),
            "La UNODC presentó la campaña Corazón Azul, iniciativa de sensibilización contra la trata de personas, y \
             ofreció materiales adaptables a cada país. Los países miembros coincidieron en adherirse como Coalición \
             Regional y difundirla en torno al 30 de julio. Belice se abstuvo hasta contar con el aval de su comité \
             nacional, sin oponerse al consenso, y así se hace constar.",
        ),
        Vote {
            item: 5,
            motion: "Adherir a la Coalición Regional a la campaña Corazón Azul y difundirla en los países miembros",
            mode: Nominal,
            at: (12, 10),
        },
        Ballots(
            (12, 12),
            &[
                ("GT", For),
                ("CR", For),
                ("HN", For),
                ("SV", For),
                ("MX", For),
                ("PA", For),
                ("DO", For),
                ("BZ", Abstain),
            ],
        ),
        Agreement {
            item: 5,
            vote: Some(1),
            text: "La Coalición Regional se adhiere a la campaña Corazón Azul. Cada país miembro difundirá sus \
                   materiales en el marco del 30 de julio, Día Mundial contra la Trata de Personas, e informará a la \
                   Secretaría Técnica de las acciones realizadas.",
            responsibles: &["DO", "GT", "HN", "MX", "PA", "SV"],
            due: Due::On(2025, 7, 30),
            at: (12, 15),
        },
        Item(
            6,
            (12, 20),
            "La Secretaría Técnica presentó el estado de los protocolos nacionales para la repatriación de víctimas de \
             trata de personas en relación con el Protocolo Regional. Belice se retiró a las 12:30 horas por su \
             itinerario de vuelo. Se propuso una hoja de ruta: cada país informará el estado de revisión y \
             de las gestiones de aprobación, y la Secretaría Técnica y la Presidencia consolidarán un informe regional.",
        ),
        Leave("BZ", (12, 30)),
        Vote {
            item: 6,
            motion: "Aprobar la hoja de ruta para la revisión y adecuación de los protocolos nacionales de repatriación",
            mode: Totals,
            at: (12, 50),
        },
        Count((12, 52), [7, 0, 0], None),
        Agreement {
            item: 6,
            vote: Some(2),
            text: "Cada país miembro remitirá a la Secretaría Técnica un informe del estado de revisión, adecuación y \
                   gestiones de aprobación de su protocolo nacional para la repatriación de víctimas de trata de \
                   personas.",
            responsibles: &["BZ", "DO", "GT", "HN", "MX", "NI", "PA", "SV"],
            due: Due::On(2025, 9, 5),
            at: (12, 54),
        },
        Agreement {
            item: 6,
            vote: Some(2),
            text: "La Secretaría Técnica y la Presidencia elaborarán el informe consolidado de los procesos nacionales \
                   y lo socializarán en la Trigésima Cuarta Reunión Ordinaria.",
            responsibles: &["CR", "GT"],
            due: Due::On(2025, 11, 20),
            at: (12, 56),
        },
        Item(
            7,
            (13, 0),
            "La OIM ofreció asistencia técnica para la revisión de los protocolos nacionales. La Secretaría Técnica \
             pidió a los países actualizar sus puntos focales y datos de contacto. Se recordó que la Trigésima Tercera \
             Reunión Ordinaria se celebrará por videoconferencia el 11 de septiembre de 2025.",
        ),
        Agreement {
            item: 7,
            vote: None,
            text: "La Secretaría Técnica mantendrá actualizados el directorio de puntos focales de los países miembros \
                   y el registro de asistencia a las reuniones.",
            responsibles: &["CR"],
            due: Due::Permanent,
            at: (13, 20),
        },
        Item(
            8,
            (13, 25),
            "Agotado el orden del día, la Presidencia agradeció a Honduras como país sede y a los organismos \
             observadores.",
        ),
    ],
    close: (13, 30),
};
