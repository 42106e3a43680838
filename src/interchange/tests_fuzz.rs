//! Property tests of the TOML importer: random documents built from the format's own words,
//! mutations of a real export, and random bytes never panic, and a refused file leaves every
//! table (the bitácora too) as it was.
//!
//! The generator is a small xorshift: deterministic (a failure prints its seed and document),
//! and no crate to build. `proptest` would add shrinking, but the documents here are short
//! enough to read as they are.

use super::tests_record::counts;
use super::*;
use crate::ops::{self, Context, ImportFile, Op};
use crate::store::Store;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const HEADERS: &[&str] = &[
    "[[instituciones]]",
    "[[organos]]",
    "[[organos.integrantes]]",
    "[organos.integrantes.titular]",
    "[organos.integrantes.suplente]",
    "[[organos.integrantes.anteriores]]",
    "[[sesiones]]",
    "[[sesiones.puntos]]",
    "[[sesiones.asistencia]]",
    "[[sesiones.eventos]]",
    "[[sesiones.votaciones]]",
    "[[sesiones.votaciones.conteos]]",
    "[[sesiones.acuerdos]]",
    "[[sesiones.acuerdos.avances]]",
    "[[sesiones.acuerdos.cambios]]",
    "[sesiones.convocatoria]",
    "[sesiones.acta]",
    "[[sesiones.acta.observaciones]]",
    "[[sesiones.acta.erratas]]",
    "[[programas]]",
    "[[programas.actividades]]",
    "[[programas.actividades.avances]]",
    "[[rondas]]",
    "[[rondas.solicitudes]]",
    "[otra]",
];

const KEYS: &[&str] = &[
    "id",
    "siglas",
    "nombre",
    "tipo",
    "padre",
    "coordina",
    "quorum",
    "quorum_segunda",
    "espera_segunda_min",
    "mayoria",
    "base_mayoria",
    "voto_razonado",
    "acuerdos_firmes",
    "conduce",
    "firme",
    "fecha_prevista",
    "voto_de_calidad",
    "institucion",
    "derechos",
    "cargo",
    "peso",
    "baja",
    "motivo_baja",
    "rol",
    "hasta",
    "designacion",
    "organo",
    "numero",
    "anio",
    "cuando",
    "hora",
    "estado",
    "inicio",
    "fin",
    "segunda_convocatoria",
    "punto_actual",
    "orden",
    "titulo",
    "notas",
    "presencia",
    "llegada",
    "salida",
    "evento",
    "punto",
    "mocion",
    "modo",
    "a_favor",
    "en_contra",
    "abstencion",
    "votos_elegibles",
    "quorum_presentes",
    "quorum_requerido",
    "aprobada",
    "sustituido",
    "votantes",
    "votacion",
    "texto",
    "responsables",
    "plazo",
    "avance",
    "cumplido_el",
    "fecha",
    "porcentaje",
    "emitida",
    "sha256",
    "folio",
    "sha256_anterior",
    "aprobada_en",
    "periodo",
    "objetivo",
    "actividad",
    "corte",
    "oficio",
    "compromisos",
    "enviada",
    "respondida",
    "desconocida",
];

const WORDS: &[&str] = &[
    "CITDP",
    "SEGOB",
    "SRE",
    "GT-PREV",
    "ordinaria",
    "extraordinaria",
    "pleno",
    "grupo de trabajo",
    "clausurada",
    "en curso",
    "aprobada",
    "borrador",
    "titular presente",
    "ausente",
    "a favor",
    "en contra",
    "nominal",
    "por totales",
    "simple",
    "consenso",
    "cumplido",
    "reprogramado",
    "sin efecto",
    "21 de febrero",
    "febrero-marzo",
    "diciembre-marzo",
    "Por definir",
    "2024-02-21",
    "2024-02-21 10:00",
    "1989-12-31",
    "2204-01-01",
    "10:00",
    "25:99",
    "1er semestre",
    "permanente",
    "ordinaria 22",
    "ordinaria",
    "",
    " ",
    "Ñandú «x»",
    "a\nb\"\"\"c",
    "voz y voto",
    "Presidencia",
    "titular",
];

fn value(rng: &mut Rng, depth: usize) -> String {
    match rng.below(if depth > 2 { 6 } else { 9 }) {
        0 | 1 => toml::Value::String(rng.pick(WORDS).to_string()).to_string(),
        2 => rng
            .pick(&["0", "1", "2", "-1", "22", "100", "101", "4294967295", "4294967296", "9223372036854775807"])
            .to_string(),
        3 => rng.pick(&["true", "false"]).to_string(),
        4 => format!("\"{:064x}\"", rng.next()),
        5 => rng.pick(&["1.5", "2024-02-21", "2024-02-21T10:00:00", "inf"]).to_string(),
        6 => {
            let items: Vec<String> = (0..rng.below(4)).map(|_| value(rng, depth + 1)).collect();
            format!("[{}]", items.join(", "))
        }
        _ => {
            let fields: Vec<String> =
                (0..rng.below(3)).map(|_| format!("{} = {}", rng.pick(KEYS), value(rng, depth + 1))).collect();
            format!("{{ {} }}", fields.join(", "))
        }
    }
}

/// A document in the format's words: mostly well-formed TOML, mostly wrong data.
fn document(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(12) {
        out.push_str(rng.pick(HEADERS));
        out.push('\n');
        for _ in 0..rng.below(7) {
            out.push_str(&format!("{} = {}\n", rng.pick(KEYS), value(rng, 0)));
        }
    }
    out
}

/// A real export with a few lines dropped, repeated, swapped or cut.
fn mutated(rng: &mut Rng, src: &str) -> String {
    let mut lines: Vec<String> = src.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let at = rng.below(lines.len());
        match rng.below(6) {
            0 => {
                lines.remove(at);
            }
            1 => {
                let l = lines[at].clone();
                lines.insert(at, l);
            }
            2 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            3 => {
                let cut = lines[at].chars().take(rng.below(lines[at].chars().count() + 1)).collect();
                lines[at] = cut;
            }
            4 => {
                if let Some((key, _)) = lines[at].split_once(" = ") {
                    lines[at] = format!("{key} = {}", value(rng, 0));
                }
            }
            _ => lines.insert(at, format!("{} = {}", rng.pick(KEYS), value(rng, 0))),
        }
    }
    lines.join("\n") + "\n"
}

fn bytes(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(200);
    let alphabet = b"[]=\"'\n .abc1#{},";
    (0..n).map(|_| if rng.chance(70) { alphabet[rng.below(alphabet.len())] } else { rng.next() as u8 }).collect()
}

/// Imports `files` into `store`; if refused, every table must be as it was.
fn import_checked(store: &mut Store, files: Vec<(String, String)>, seed: u64) {
    let before = counts(store);
    let shown = files.iter().map(|(n, c)| format!("--- {n}\n{c}")).collect::<Vec<_>>().join("\n");
    let files = files.into_iter().map(|(n, c)| ImportFile::new(n, c)).collect();
    if ops::run(store, &Context::for_tests("prueba"), Op::Import { files }).is_err() {
        assert_eq!(counts(store), before, "seed {seed}: a refused file changed the database\n{shown}");
    }
}

#[test]
fn random_documents_never_panic_and_refusals_change_nothing() {
    let mut store = crate::demo::in_memory();
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let doc = document(&mut rng);
        import_checked(&mut store, vec![("azar.toml".into(), doc)], seed);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut store = Store::open_in_memory().expect("open");
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
        let raw = bytes(&mut rng);
        match utf8("bytes.toml", raw) {
            Ok(text) => import_checked(&mut store, vec![("bytes.toml".into(), text)], seed),
            Err(e) => assert!(e.to_string().starts_with("bytes.toml, línea "), "{e}"),
        }
    }
}

#[test]
fn mutated_exports_never_panic_and_refusals_change_nothing() {
    let files = export(crate::demo::in_memory().conn()).expect("export");
    for seed in 1..=60u64 {
        let mut rng = Rng(seed.wrapping_mul(0xA24B_AED4_963E_E407) | 1);
        let target = rng.below(files.len());
        let inputs: Vec<(String, String)> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), if i == target { mutated(&mut rng, &f.content) } else { f.content.clone() }))
            .collect();
        let mut store = Store::open_in_memory().expect("open");
        import_checked(&mut store, inputs, seed);
    }
}
