//! Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata de Personas
//! (CICESCT, Honduras, seed 000): Sexagésima Primera Sesión Ordinaria, 24 de septiembre de 2026,
//! Tegucigalpa. The quarterly follow-up of the Plan Estratégico y Operativo 2026, the campaign of
//! the 23 de septiembre, and a nominal vote in which the Poder Judicial abstains.

use super::{Due, Script, Step};
use crate::domain::quorum::Presence::{Alternate, Justified, Titular};
use crate::domain::session::SessionKind;
use crate::domain::vote::Ballot::{Abstain, For};
use crate::domain::vote::VoteMode::{Nominal, Totals};
use Step::*;

pub(crate) const SO_61: Script = Script {
    body: "CICESCT",
    kind: SessionKind::Ordinary,
    number: 61,
    open: (9, 0),
    items: &[
        "Informe del tercer trimestre del Plan Estratégico y Operativo 2026",
        "Campaña nacional de sensibilización del 23 de septiembre",
    ],
    steps: &[
        Mark("SEDH", Titular, (9, 0)),
        Mark("SE-CICESCT", Titular, (9, 0)),
        Mark("SRECI", Titular, (9, 1)),
        Mark("MP-HN", Alternate, (9, 2)),
        Mark("PJ-HN", Titular, (9, 3)),
        Remote("PJ-HN"),
        Mark("SSEG", Titular, (9, 4)),
        Mark("SEDUC", Titular, (9, 5)),
        Mark("STSS", Alternate, (9, 6)),
        Remote("STSS"),
        Mark("INM-HN", Titular, (9, 7)),
        Mark("DINAF", Titular, (9, 8)),
        Mark("SEMUJER", Titular, (9, 10)),
        Mark("IHT", Justified, (9, 10)),
        Mark("CONADEH", Titular, (9, 11)),
        Mark("PGR-HN", Titular, (9, 12)),
        Remote("PGR-HN"),
        Mark("OIM", Titular, (9, 12)),
        Mark("CASA-ALIANZA", Alternate, (9, 14)),
        Item(
            1,
            (9, 15),
            "Nueve instituciones asisten por su titular y dos por su suplente (Ministerio Público y Secretaría de Trabajo y Seguridad \
             Social). El Poder Judicial, la Secretaría de Trabajo y Seguridad Social y la Procuraduría General de \
             la República participan por videoconferencia. El Instituto Hondureño de Turismo justificó su \
             inasistencia mediante oficio; la Secretaría de Salud no se hizo presentar. Asisten con voz el \
             CONADEH y Casa Alianza Honduras, y como organismo observador la OIM. Constatado el quórum, la \
             Presidencia declaró abierta la sesión.",
        ),
        Item(
            2,
            (9, 20),
            "Se dio lectura al orden del día circulado con la convocatoria, sin propuestas de modificación.",
        ),
        Vote { item: 2, motion: "Aprobación del orden del día", mode: Totals, at: (9, 22) },
        Count((9, 23), [11, 0, 0], None),
        Item(
            3,
            (9, 25),
            "La Secretaría Ejecutiva recordó que el proyecto de acta de la Sexagésima Sesión Ordinaria, celebrada \
             el 30 de julio de 2026, se circuló con la convocatoria. La Procuraduría General de la República pidió \
             corregir el nombre de su representante en la lista de asistencia. La Secretaría de Estado en el \
             Despacho de la Mujer se abstuvo por no haber asistido a esa sesión.",
        ),
        Vote { item: 3, motion: "Aprobación del acta de la Sexagésima Sesión Ordinaria", mode: Totals, at: (9, 35) },
        Count((9, 36), [10, 0, 1], None),
        Agreement {
            item: 3,
            vote: Some(1),
            text: "Se aprueba el acta de la Sexagésima Sesión Ordinaria con la corrección solicitada por la \
                   Procuraduría General de la República. La Secretaría Ejecutiva la integrará al libro de actas de \
                   la Comisión.",
            responsibles: &["SE-CICESCT"],
            due: Due::On(2026, 10, 9),
            at: (9, 38),
        },
        Item(
            4,
            (9, 40),
            "La Secretaría Ejecutiva presentó el informe del tercer trimestre: 1,240 personas servidoras públicas \
             capacitadas en la identificación de víctimas, cuatro comités locales fortalecidos (Choluteca, \
             Comayagua, La Ceiba y Santa Rosa de Copán) y la línea 135 atendiendo denuncias las 24 horas. \
             Señaló que la Secretaría de Educación y la Secretaría de Salud no han remitido su informe \
             trimestral. La Secretaría de Educación se comprometió a enviarlo en la semana.",
        ),
        Vote {
            item: 4,
            motion: "Requerir a las instituciones pendientes su informe del tercer trimestre",
            mode: Totals,
            at: (10, 10),
        },
        Count((10, 11), [11, 0, 0], None),
        Agreement {
            item: 4,
            vote: Some(2),
            text: "Las instituciones que no han remitido su informe del tercer trimestre lo enviarán a la \
                   Secretaría Ejecutiva, con sus medios de verificación.",
            responsibles: &["SEDUC", "SESAL"],
            due: Due::On(2026, 10, 15),
            at: (10, 13),
        },
        Item(
            5,
            (10, 15),
            "La Secretaría de Educación presentó los resultados de la jornada del 23 de septiembre, Día \
             Internacional contra la Explotación Sexual y la Trata de Personas, en 320 centros educativos. La OIM \
             ofreció los materiales de la campaña Corazón Azul adaptados a Honduras. La Secretaría de Seguridad se \
             retiró a las 10:40 horas por una convocatoria del Consejo Nacional de Defensa y Seguridad. Se propuso \
             ampliar la campaña a los destinos turísticos y puntos fronterizos en la temporada de diciembre; el \
             Poder Judicial se abstuvo por tratarse de una acción del Poder Ejecutivo.",
        ),
        Leave("SSEG", (10, 40)),
        Vote {
            item: 5,
            motion: "Ampliar la campaña de sensibilización a los destinos turísticos y puntos fronterizos en diciembre",
            mode: Nominal,
            at: (10, 45),
        },
        Ballots(
            (10, 47),
            &[
                ("SEDH", For),
                ("SRECI", For),
                ("MP-HN", For),
                ("PJ-HN", Abstain),
                ("SEDUC", For),
                ("STSS", For),
                ("INM-HN", For),
                ("DINAF", For),
                ("SEMUJER", For),
                ("PGR-HN", For),
            ],
        ),
        Agreement {
            item: 5,
            vote: Some(3),
            text: "La Secretaría de Estado en el Despacho de Derechos Humanos, el Instituto Nacional de Migración y \
                   el Instituto Hondureño de Turismo ampliarán la campaña de sensibilización a los principales \
                   destinos turísticos y puntos fronterizos durante la temporada de vacaciones de diciembre, con los \
                   materiales ofrecidos por la OIM.",
            responsibles: &["SEDH", "INM-HN", "IHT"],
            due: Due::On(2026, 12, 31),
            at: (10, 50),
        },
        Item(
            6,
            (10, 55),
            "La Secretaría Ejecutiva pidió a las instituciones actualizar los datos de contacto de sus personas \
             titulares y suplentes. Casa Alianza Honduras informó de la apertura de un albergue temporal en San \
             Pedro Sula. Se recordó que la Sexagésima Segunda Sesión Ordinaria se celebrará el 10 de diciembre de \
             2026.",
        ),
        Agreement {
            item: 6,
            vote: None,
            text: "La Secretaría Ejecutiva mantendrá actualizado el directorio de las personas titulares y suplentes \
                   de la Comisión y lo circulará con cada convocatoria.",
            responsibles: &["SE-CICESCT"],
            due: Due::Permanent,
            at: (11, 15),
        },
        Item(7, (11, 25), "Agotado el orden del día, la Presidencia agradeció la participación de las instituciones."),
    ],
    close: (11, 30),
};
