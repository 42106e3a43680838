use super::*;
use crate::store::{Store, bodies, members, sessions};

const SAMPLE: &str = r#"
[[instituciones]]
siglas = "SEGOB"
nombre = "Secretaría de Gobernación"

[[instituciones]]
siglas = "SRE"
nombre = "Secretaría de Relaciones Exteriores"

[[organos]]
siglas = "GT-PREV"
nombre = "Grupo de Trabajo de Prevención contra la Trata de Personas"
tipo = "grupo de trabajo"
padre = "CITDP"
coordina = "SRE"
denominacion = "reunión"

[[organos.integrantes]]
institucion = "SRE"
cargo = "Presidencia"

[[organos]]
siglas = "CITDP"
nombre = "Comisión Intersecretarial"
tipo = "pleno"
quorum = "mitad más uno"
quorum_segunda = "1/3"
espera_segunda_min = 30
mayoria = "simple"
voto_de_calidad = true
minimo_ordinarias = "2 por año"
puntos_propios = ["Informe de la Secretaría Técnica", "Seguimiento de acuerdos"]
patron_acuerdos = "CI/{anio}/{tipo}{sesion}-{n}"

[[organos.integrantes]]
institucion = "SEGOB"
cargo = "Presidencia"

[organos.integrantes.titular]
nombre = "Laura Méndez Ortiz"
puesto = "Subsecretaria"
correo = "lmendez@ejemplo.gob.mx"
designacion = "2024-01-15"
oficio = "SEGOB/SDH/001/2024"

[organos.integrantes.suplente]
nombre = "Jorge Ñúñez Peña"

[[organos.integrantes]]
institucion = "SRE"
derechos = "solo voz"

[[sesiones]]
organo = "CITDP"
tipo = "ordinaria"
numero = 21
anio = 2024
cuando = "20 de febrero"
previsto = "febrero"
hora = "10:00"
estado = "clausurada"

[[sesiones]]
organo = "CITDP"
tipo = "ordinaria"
numero = 22
anio = 2024
cuando = "junio-julio"

[[sesiones]]
organo = "GT-PREV"
tipo = "extraordinaria"
numero = 3
anio = 2024
cuando = "06 de febrero"
modalidad = "virtual"
enlace = "https://reunion.ejemplo.mx/gt"
"#;

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, c)| (n.to_string(), c.to_string())).collect()
}

/// Imports through the operation layer, as `secretaria importar` does.
fn import(store: &mut Store, files: &[(String, String)]) -> Result<(), crate::ops::OpError> {
    let files = files.iter().map(|(n, c)| crate::ops::ImportFile::new(n.clone(), c.clone())).collect();
    crate::ops::run(store, &crate::ops::Context::for_tests("prueba"), crate::ops::Op::Import { files }).map(|_| ())
}

fn imported() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    import(&mut store, &files(&[("citdp.toml", SAMPLE)])).expect("import");
    store
}

#[test]
fn imports_everything_with_parents_declared_later() {
    let store = imported();
    let all = bodies::list(store.conn()).expect("q");
    let order: Vec<&str> = all.iter().map(|b| b.acronym.as_str()).collect();
    assert_eq!(order, ["CITDP", "GT-PREV"]);
    assert_eq!(all[1].parent, Some(all[0].id));
    assert_eq!(members::list(store.conn()).expect("q").len(), 3);
    let s = sessions::list(store.conn(), &sessions::Filter::default()).expect("q");
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].schedule.calendar_text(), "6 de febrero");
}

#[test]
fn export_import_export_is_identical() {
    let store = imported();
    let first = export(store.conn()).expect("export");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].name, "citdp.toml");
    let mut again = Store::open_in_memory().expect("open");
    let inputs: Vec<(String, String)> = first.iter().map(|f| (f.name.clone(), f.content.clone())).collect();
    import(&mut again, &inputs).expect("re-import");
    assert_eq!(export(again.conn()).expect("export"), first);
    insta::assert_snapshot!(first[0].content);
}

fn error_of(src: &str) -> String {
    let mut store = Store::open_in_memory().expect("open");
    let err = import(&mut store, &files(&[("malo.toml", src)])).expect_err("must fail");
    assert!(crate::store::meta::is_empty(store.conn()).expect("q"), "nothing may be written on error");
    err.to_string()
}

#[test]
fn errors_name_file_line_and_field_and_write_nothing() {
    let line_of = |needle: &str| SAMPLE.lines().position(|l| l.contains(needle)).expect("present") + 1;
    let bad_date = SAMPLE.replace("\"20 de febrero\"", "\"31 de febrero\"");
    assert_eq!(
        error_of(&bad_date),
        format!("malo.toml, línea {}, campo «cuando»: el 31 de febrero de 2024 no existe", line_of("20 de febrero"))
    );
    let bad_kind = SAMPLE.replace("\"grupo de trabajo\"", "\"consejo\"");
    assert!(error_of(&bad_kind).starts_with(&format!(
        "malo.toml, línea {}, campo «tipo»: valor «consejo» no válido",
        line_of("grupo de trabajo")
    )));
    let bad_parent = SAMPLE.replace("padre = \"CITDP\"", "padre = \"CITPD\"");
    assert!(error_of(&bad_parent).contains("campo «padre»: no hay ningún órgano con siglas «CITPD»"));
    let bad_mail = SAMPLE.replace("lmendez@ejemplo.gob.mx", "lmendez");
    assert!(error_of(&bad_mail).contains(&format!("línea {}, campo «correo»", line_of("lmendez@"))));
    let typo = SAMPLE.replace("previsto =", "prevista =");
    assert!(error_of(&typo).contains("campo «prevista»: campo desconocido"), "{}", error_of(&typo));
    let missing = SAMPLE.replace("numero = 22\n", "");
    assert!(error_of(&missing).contains("campo «numero»: falta este campo obligatorio"), "{}", error_of(&missing));
    let wrong_type = SAMPLE.replace("numero = 21", "numero = \"21\"");
    assert!(error_of(&wrong_type).contains("se esperaba un número entero"), "{}", error_of(&wrong_type));
    let syntax = SAMPLE.replace("[[sesiones]]\norgano = \"CITDP\"", "[[sesiones]\norgano = \"CITDP\"");
    assert!(error_of(&syntax).contains("error de sintaxis TOML"), "{}", error_of(&syntax));
    let dup = format!(
        "{SAMPLE}\n[[sesiones]]\norgano = \"CITDP\"\ntipo = \"ordinaria\"\nnumero = 21\nanio = 2025\ncuando = \"Por definir\"\n"
    );
    assert!(error_of(&dup).contains("campo «numero»: ya hay una sesión ordinaria número 21"));
    let closed_window = SAMPLE.replace("cuando = \"junio-julio\"", "cuando = \"junio-julio\"\nestado = \"clausurada\"");
    assert!(error_of(&closed_window).contains("campo «cuando»: una sesión «clausurada» necesita fecha exacta"));
    let bad_pattern = SAMPLE.replace("{tipo}{sesion}-{n}", "{tipo}{sesion}");
    assert!(error_of(&bad_pattern).contains(&format!("línea {}, campo «patron_acuerdos»", line_of("patron_acuerdos"))));
    let no_wait = SAMPLE.replace("espera_segunda_min = 30\n", "");
    assert!(error_of(&no_wait).contains("campo «espera_segunda_min»"));
}

#[test]
fn a_bad_second_file_rolls_back_the_first() {
    let mut store = Store::open_in_memory().expect("open");
    let bad = "[[sesiones]]\norgano = \"NADIE\"\ntipo = \"ordinaria\"\nnumero = 1\nanio = 2024\ncuando = \"enero\"\n";
    let err = import(&mut store, &files(&[("citdp.toml", SAMPLE), ("otro.toml", bad)])).expect_err("fails");
    assert_eq!(err.to_string(), "otro.toml, línea 2, campo «organo»: no hay ningún órgano con siglas «NADIE»");
    assert!(crate::store::meta::is_empty(store.conn()).expect("q"));
}

#[test]
fn shared_institutions_must_agree() {
    let mut store = Store::open_in_memory().expect("open");
    let a = "[[instituciones]]\nsiglas = \"PANI\"\nnombre = \"Patronato Nacional de la Infancia\"\n";
    let b = "[[instituciones]]\nsiglas = \"PANI\"\nnombre = \"Patronato\"\n";
    import(&mut store, &files(&[("a.toml", a), ("a2.toml", a)])).expect("same twice is fine");
    let err = import(&mut store, &files(&[("b.toml", b)])).expect_err("clash");
    assert!(err.to_string().starts_with("b.toml, línea 3, campo «nombre»"), "{err}");
}

/// The ```toml blocks of the documentation's «Ejemplo…» sections.
fn documented_examples() -> Vec<String> {
    let doc = include_str!("../../docs/formato-datos.md");
    doc.split("\n## ")
        .filter(|section| section.starts_with("Ejemplo"))
        .flat_map(|section| section.split("```toml\n").skip(1).map(|b| b.split("```").next().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn the_documented_examples_import_and_a_forged_acta_is_told_as_documented() {
    let blocks = documented_examples();
    assert_eq!(blocks.len(), 2, "the directory and the held session");
    let inputs = files(&[("ejemplo.toml", &blocks[0]), ("citdp.toml", &blocks[1])]);
    let mut store = Store::open_in_memory().expect("open");
    import(&mut store, &inputs).expect("the documented examples import");
    let exported = export(store.conn()).expect("export");
    assert!(
        exported[0].content.contains("sha256 = \"b3b9a19ad7b5c08fca07828216375b0a5cf5935142a37e85195121ede5ef51c7\"")
    );
    assert!(crate::ops::verify::verify(store.conn()).expect("verify").ok);
    let forged = blocks[1].replacen("Se aprobó el orden", "Se aprobó al orden", 1);
    let mut store = Store::open_in_memory().expect("open");
    let err = import(&mut store, &files(&[("ejemplo.toml", &blocks[0]), ("citdp.toml", &forged)])).expect_err("forged");
    let doc = include_str!("../../docs/formato-datos.md");
    assert!(doc.contains(&format!("error: {err}\n")), "the documentation shows: {err}");
}
