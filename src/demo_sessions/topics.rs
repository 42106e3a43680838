//! What the demonstration's history sessions dealt with, body by body: an agenda item, what
//! was said, and the agreement it left (text, who answers for it, months to deliver). Taken
//! from the plans in the seeds: the CITDP's Programa Anual de Trabajo 2024 (seed 004),
//! CONACOES' Plan Anual 2023 (seed 003), the Coalición Regional's Plan Estratégico 2018-2027
//! (seed 002) and the CICESCT's plan 2026 (seed 000).

/// One matter: the item's title, the notes, the agreement, its responsibles by siglas (those
/// not in the body are left out; none left: the Secretaría Técnica's institution), and the
/// months until its deadline (0: permanent).
pub(crate) struct Topic {
    pub title: &'static str,
    pub notes: &'static str,
    pub agreement: &'static str,
    pub responsibles: &'static [&'static str],
    pub months: u32,
}

const fn t(
    title: &'static str,
    notes: &'static str,
    agreement: &'static str,
    responsibles: &'static [&'static str],
    months: u32,
) -> Topic {
    Topic { title, notes, agreement, responsibles, months }
}

const CITDP: &[Topic] = &[
    t(
        "Seguimiento del Programa Anual de Trabajo",
        "La Secretaría Técnica presentó el avance de las actividades del programa anual con fecha vencida y \
         recordó que las actividades sin fecha precisa se siguen cada semestre.",
        "Las instituciones responsables remitirán a la Secretaría Técnica el reporte de avance de sus actividades \
         del programa anual, con sus medios de verificación.",
        &["SEGOB", "SSPC", "SNDIF"],
        2,
    ),
    t(
        "Informe de los grupos de trabajo",
        "Las coordinaciones de los grupos de trabajo informaron de sus sesiones y de los productos en elaboración.",
        "Las coordinaciones de los grupos de trabajo presentarán en la siguiente sesión el informe de sus \
         actividades y el calendario de sus productos.",
        &["BIENESTAR", "STPS", "SSPC"],
        3,
    ),
    t(
        "Información para el informe anual de la Comisión Intersecretarial",
        "La Secretaría Técnica pidió la información estadística de víctimas atendidas, carpetas de investigación \
         y acciones de prevención para integrar el informe anual.",
        "Las instituciones integrantes remitirán a la Secretaría Técnica la información estadística para integrar \
         el informe anual.",
        &["FGR", "CEAV", "SSPC", "INM"],
        2,
    ),
    t(
        "Seguimiento de los convenios de colaboración vigentes",
        "Se revisó el estado de los convenios con la CNDH, el INALI, el CONADIS y el Consejo Ciudadano para la \
         Seguridad y Justicia.",
        "La Secretaría Técnica circulará el estado de los convenios de colaboración vigentes y las acciones \
         pendientes de cada uno.",
        &["DGEADH"],
        1,
    ),
    t(
        "Difusión de la Línea y Chat Nacional contra la Trata de Personas",
        "El Consejo Ciudadano presentó los reportes recibidos en la Línea y Chat Nacional y pidió reforzar su \
         difusión en las entidades federativas.",
        "Las instituciones integrantes difundirán en sus portales y redes sociales la Línea y Chat Nacional contra \
         la Trata de Personas.",
        &["SEGOB", "SECTUR", "SEP"],
        0,
    ),
];

const WORKING_GROUP: &[Topic] = &[
    t(
        "Avance de los productos del grupo de trabajo",
        "La coordinación presentó el avance de los productos comprometidos en el programa anual y las fechas de \
         entrega previstas.",
        "Las instituciones integrantes enviarán a la coordinación sus observaciones al borrador del producto en \
         revisión.",
        &["SSPC", "STPS", "BIENESTAR", "SEGOB"],
        1,
    ),
    t(
        "Revisión de contenidos y materiales",
        "Se revisaron los contenidos propuestos; las instituciones integrantes hicieron observaciones de forma y \
         de fondo.",
        "La coordinación integrará las observaciones y circulará la versión final de los contenidos.",
        &["BIENESTAR", "STPS", "SSPC"],
        2,
    ),
    t(
        "Calendario de actividades del semestre",
        "Se acordó el calendario de actividades del semestre y los responsables de cada una.",
        "Cada institución integrante confirmará por oficio las fechas de sus actividades del semestre.",
        &["SEP", "SNDIF", "INMUJERES", "OIT", "PADF"],
        1,
    ),
];

const CONACOES: &[Topic] = &[
    t(
        "Seguimiento del Plan Anual de la CONACOES",
        "La Secretaría Técnica presentó el avance de las actividades del plan anual por subcomisión y recordó la \
         meta de al menos diez sesiones y 80 % de asistencia.",
        "Las subcomisiones remitirán a la Secretaría Técnica el informe de avance de sus actividades del plan \
         anual con las listas de asistencia y minutas como medios de verificación.",
        &["ST-CONACOES", "PANI"],
        2,
    ),
    t(
        "Campaña nacional para la prevención de la ESCNNA",
        "Se revisó la difusión de la campaña nacional de prevención de la explotación sexual comercial de niñas, \
         niños y adolescentes en medios y redes sociales.",
        "Las instituciones integrantes reportarán a la Secretaría Técnica la divulgación de la campaña en sus \
         sitios y redes oficiales.",
        &["PANI", "INAMU", "ICT", "MS"],
        2,
    ),
    t(
        "Capacitación sobre detección y referencia de situaciones de ESCNNA",
        "Se presentó el calendario de capacitaciones a personal de salud, educación y cuerpos policiales sobre \
         detección y referencia.",
        "Las instituciones responsables remitirán las listas de asistencia de las capacitaciones realizadas.",
        &["MEP", "MS", "MSP", "INAMU"],
        3,
    ),
    t(
        "Atención integral a personas menores de edad víctimas",
        "El PANI informó de los casos atendidos y de la coordinación con las oficinas locales para la atención \
         integral.",
        "El PANI presentará el informe de casos atendidos y de derivaciones del trimestre.",
        &["PANI", "CCSS"],
        3,
    ),
];

const CORETT: &[Topic] = &[
    t(
        "Informes de país",
        "Cada país miembro presentó su informe nacional sobre acciones contra la trata de personas y el tráfico \
         ilícito de migrantes.",
        "Cada país miembro remitirá a la Secretaría Técnica su informe nacional actualizado para el archivo de la \
         Coalición Regional.",
        &["GT", "SV", "HN", "PA", "MX", "DO"],
        2,
    ),
    t(
        "Revisión de los protocolos nacionales de repatriación de víctimas",
        "La Secretaría Técnica presentó el estado de revisión de los protocolos nacionales respecto del Protocolo \
         Regional.",
        "Los países miembros informarán el estado de revisión y aprobación de su protocolo nacional de \
         repatriación.",
        &["GT", "HN", "SV", "NI", "CR"],
        3,
    ),
    t(
        "Actualización de la Estrategia Regional de Atención Integral a las Víctimas",
        "Se acordaron las sesiones técnicas para revisar la Estrategia Regional de Atención Integral y \
         Acompañamiento a las Víctimas.",
        "La Secretaría Técnica y la Presidencia consolidarán las propuestas de actualización de la Estrategia \
         Regional.",
        &["CR", "GT"],
        4,
    ),
];

const CICESCT: &[Topic] = &[
    t(
        "Seguimiento del Plan Estratégico y Operativo 2026",
        "La Secretaría Ejecutiva presentó el avance trimestral de los productos del plan: personas capacitadas, \
         comités locales fortalecidos y campañas de sensibilización.",
        "Las instituciones responsables remitirán a la Secretaría Ejecutiva el informe trimestral cualitativo y \
         cuantitativo de sus productos del plan 2026.",
        &["SEDH", "SEDUC", "SESAL"],
        3,
    ),
    t(
        "Atención integral a víctimas sobrevivientes",
        "El Equipo de Respuesta Inmediata informó de las víctimas atendidas y de las derivaciones a centros de \
         atención.",
        "El Equipo de Respuesta Inmediata presentará el reporte de atenciones primarias y secundarias del \
         trimestre.",
        &["SEDH", "DINAF", "SESAL"],
        3,
    ),
    t(
        "Campañas de sensibilización y fechas conmemorativas",
        "Se planificaron las acciones del 23 de septiembre, Día Internacional contra la Explotación Sexual y la \
         Trata de Personas.",
        "Las instituciones integrantes difundirán la campaña de sensibilización en sus canales institucionales.",
        &["SEDUC", "IHT", "SSEG"],
        2,
    ),
];

/// The matters a body deals with, by its siglas or its parent's.
pub(crate) fn of(acronym: &str, parent: Option<&str>) -> &'static [Topic] {
    match (acronym, parent) {
        ("CITDP" | "SCC", _) => CITDP,
        ("CONACOES", _) | (_, Some("CONACOES")) => CONACOES,
        ("CORETT", _) | (_, Some("CORETT")) => CORETT,
        ("CICESCT", _) | (_, Some("CICESCT")) => CICESCT,
        _ => WORKING_GROUP,
    }
}
