//! The configuration file: one TOML file in the user's configuration directory
//! (`~/.config/secretaria/config.toml`). Who uses the program (the bitácora's name), the
//! interface's theme, colours and keys, and the formats printed documents and spreadsheets
//! use. A file with a mistake is reported in Spanish with its line and field, and the program
//! starts on the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the file is looked for: `$SECRETARIA_CONFIG`, else the XDG configuration directory.
pub fn path() -> PathBuf {
    if let Some(p) = std::env::var_os("SECRETARIA_CONFIG").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("secretaria").join("config.toml")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum ThemeMode {
    #[default]
    #[serde(rename = "oscuro")]
    Dark,
    #[serde(rename = "claro")]
    Light,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum CsvSeparator {
    #[serde(rename = ";")]
    Semicolon,
    #[serde(rename = ",")]
    Comma,
    #[serde(rename = "tab")]
    Tab,
}

impl CsvSeparator {
    pub fn byte(self) -> u8 {
        match self {
            CsvSeparator::Semicolon => b';',
            CsvSeparator::Comma => b',',
            CsvSeparator::Tab => b'\t',
        }
    }

    pub fn parse(text: &str) -> Result<CsvSeparator, String> {
        match text.trim() {
            ";" | "punto y coma" => Ok(CsvSeparator::Semicolon),
            "," | "coma" => Ok(CsvSeparator::Comma),
            "tab" | "\\t" | "tabulador" => Ok(CsvSeparator::Tab),
            other => Err(format!("separador «{other}» no válido; use ;, , o tab")),
        }
    }
}

/// The person using this installation: who signs, who appears in the bitácora.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default)]
    pub nombre: String,
    #[serde(default)]
    pub cargo: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    /// "," (Spanish) or "." for numbers on paper and in spreadsheets.
    #[serde(default = "comma")]
    pub separador_decimal: String,
    /// "carta" or "a4".
    #[serde(default = "letter")]
    pub papel: String,
    #[serde(default = "semicolon")]
    pub separador_csv: CsvSeparator,
}

fn comma() -> String {
    ",".into()
}
fn letter() -> String {
    "carta".into()
}
fn semicolon() -> CsvSeparator {
    CsvSeparator::Semicolon
}

impl Default for Formats {
    fn default() -> Formats {
        Formats { separador_decimal: comma(), papel: letter(), separador_csv: semicolon() }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    #[serde(default)]
    pub modo: ThemeMode,
    /// Overrides by role: `seleccion`, `titulo`, `tenue`, `error`, `bien`, `aviso`, `borde`…
    #[serde(default)]
    pub colores: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub persona: Person,
    #[serde(default)]
    pub formato: Formats,
    #[serde(default)]
    pub tema: Theme,
    /// Keys by action: `deshacer = "z"` for every screen, or `[teclas.consola]` for one.
    #[serde(default)]
    pub teclas: BTreeMap<String, toml::Value>,
    /// The shared installation (a team on one server).
    #[serde(default)]
    pub equipo: Team,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The group that shares the database (files 0660 instead of 0600).
    #[serde(default)]
    pub grupo: String,
}

/// A configuration problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "«{}»", self.file.display())?;
        if self.line > 0 {
            write!(f, ", línea {}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ", campo «{}»", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// serde's English in Spanish, for the usual mistakes.
fn spanish(message: &str) -> (String, String) {
    let first = message.lines().next().unwrap_or(message);
    let quoted = first.split('`').nth(1).unwrap_or("").to_string();
    if first.starts_with("unknown field") {
        return (quoted, "campo desconocido (los campos válidos los muestra «secretaria config»)".into());
    }
    if first.starts_with("unknown variant") {
        let options: Vec<&str> = first.split("expected ").nth(1).unwrap_or("").split('`').skip(1).step_by(2).collect();
        return (String::new(), format!("valor «{quoted}» no válido; use {}", options.join(", ")));
    }
    if first.starts_with("invalid type") {
        return (String::new(), "tipo de valor incorrecto (texto entre comillas, número o tabla)".into());
    }
    (String::new(), format!("error de sintaxis TOML: {first}"))
}

impl Config {
    /// Reads `text` (the file at `file`).
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let (field, message) = spanish(e.message());
            ConfigError { file: file.to_path_buf(), line, field, message }
        })?;
        config.check(text, file)?;
        Ok(config)
    }

    fn check(&self, text: &str, file: &Path) -> Result<(), ConfigError> {
        let at = |field: &str, message: String| {
            let line = text.lines().position(|l| l.trim_start().starts_with(field)).map_or(0, |i| i + 1);
            ConfigError { file: file.to_path_buf(), line, field: field.into(), message }
        };
        if !matches!(self.formato.separador_decimal.as_str(), "," | ".") {
            return Err(at("separador_decimal", "use «,» o «.»".into()));
        }
        crate::export::document::Paper::parse(&self.formato.papel).map_err(|m| at("papel", m))?;
        Ok(())
    }

    /// The file at `path()`, or the defaults when there is none. A file with a mistake gives
    /// the defaults and the problem to report.
    pub fn load() -> (Config, Option<ConfigError>) {
        Self::load_from(&path())
    }

    pub fn load_from(file: &Path) -> (Config, Option<ConfigError>) {
        match std::fs::read(file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(ConfigError { file: file.into(), line: 0, field: String::new(), message: e.to_string() }),
            ),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(e) => {
                    let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = good.iter().filter(|b| **b == b'\n').count() + 1;
                    let message = "el archivo no está en UTF-8; guárdelo como UTF-8".to_string();
                    (Config::default(), Some(ConfigError { file: file.into(), line, field: String::new(), message }))
                }
                Ok(text) => match Config::parse(&text, file) {
                    Ok(c) => (c, None),
                    Err(e) => (Config::default(), Some(e)),
                },
            },
        }
    }

    /// The person's name for the bitácora, when configured.
    pub fn person(&self) -> Option<&str> {
        Some(self.persona.nombre.trim()).filter(|n| !n.is_empty())
    }

    /// The system group that shares the database (`[equipo] grupo`), when configured.
    pub fn team_group(&self) -> Option<&str> {
        Some(self.equipo.grupo.trim()).filter(|g| !g.is_empty())
    }
}

static CURRENT: std::sync::OnceLock<Config> = std::sync::OnceLock::new();

/// Sets the configuration this run uses (once, at start-up).
pub fn set(config: Config) {
    let _ = CURRENT.set(config);
}

/// The configuration in use: the one set at start-up, else the defaults (tests).
pub fn get() -> &'static Config {
    static DEFAULT: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    CURRENT.get().unwrap_or_else(|| DEFAULT.get_or_init(Config::default))
}

/// The configuration with every default written out, as `secretaria config` prints it.
pub const DEFAULTS: &str = r##"# Configuración de secretaria. Todos los campos son opcionales; estos son los valores
# por omisión.

[persona]
# Quien usa el programa: su nombre queda en la bitácora en cada cambio (si no, la cuenta del
# sistema) y en las firmas donde corresponde.
nombre = ""
cargo = ""

[formato]
separador_decimal = ","   # "," o "."
papel = "carta"           # "carta" o "a4" (también "carta horizontal", "a4 horizontal")
separador_csv = ";"       # ";", "," o "tab" (las hojas de cálculo en español esperan ";")

[tema]
modo = "oscuro"           # "oscuro" o "claro"
# [tema.colores]          # colores propios: nombre ("azul", "cian"…), número 0–255 o "#rrggbb"
# seleccion = "#005f87"
# titulo = "blanco"
# tenue = "gris"
# error = "rojo"
# bien = "verde"
# aviso = "amarillo"
# borde = "cyan"

[teclas]
# Cualquier acción con otra tecla: acción = "tecla" (o una lista) para todas las pantallas,
# o en la tabla de una pantalla. Las pantallas y los nombres de sus acciones están en
# docs/teclas.md; una tecla que ya tiene otro uso en esa pantalla se rechaza.
# deshacer = "z"
# [teclas.consola]
# titular = "T"
# [teclas.calendario]
# nueva = ["Ctrl+N", "F2"]

[equipo]
# Grupo del sistema que comparte la base en un servidor (archivos 0660 en lugar de 0600;
# se rechaza una base que pueda leer alguien fuera del grupo). Vea docs/despliegue.md.
grupo = ""
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_a_valid_file_and_mean_the_defaults() {
        let c = Config::parse(DEFAULTS, Path::new("config.toml")).expect("defaults");
        assert_eq!(c, Config::default());
        assert_eq!(c.person(), None);
    }

    #[test]
    fn a_good_file() {
        let text = "[persona]\nnombre = \"Ana Ruiz\"\n[formato]\nseparador_csv = \"tab\"\npapel = \"a4\"\n\
                    [tema]\nmodo = \"claro\"\n[tema.colores]\nseleccion = \"#005f87\"\n[teclas]\ndeshacer = \"z\"\n";
        let c = Config::parse(text, Path::new("c.toml")).expect("parsed");
        assert_eq!(c.person(), Some("Ana Ruiz"));
        assert_eq!(c.formato.separador_csv, CsvSeparator::Tab);
        assert_eq!(c.tema.modo, ThemeMode::Light);
        assert_eq!(c.teclas.get("deshacer").and_then(|v| v.as_str()), Some("z"));
    }

    #[test]
    fn mistakes_name_line_and_field_and_fall_back_to_defaults() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "[persona]\nnombre = \"Ana\"\n\n[formato]\nseparador_cvs = \";\"\n").expect("write");
        let (c, err) = Config::load_from(&file);
        assert_eq!(c, Config::default());
        let err = err.expect("reported");
        assert_eq!((err.line, err.field.as_str()), (5, "separador_cvs"), "{err}");
        assert!(err.to_string().contains("campo desconocido"), "{err}");
        std::fs::write(&file, "[tema]\nmodo = \"azul\"\n").expect("write");
        let err = Config::load_from(&file).1.expect("reported").to_string();
        assert!(err.contains("línea 2") && err.contains("«azul» no válido"), "{err}");
        std::fs::write(&file, "[formato]\npapel = \"oficio\"\n").expect("write");
        let err = Config::load_from(&file).1.expect("reported").to_string();
        assert!(err.contains("línea 2") && err.contains("papel"), "{err}");
        std::fs::write(&file, b"[persona]\nnombre = \"Jos\xe9\"\n").expect("write");
        let err = Config::load_from(&file).1.expect("reported").to_string();
        assert!(err.contains("UTF-8") && err.contains("línea 2"), "{err}");
        assert_eq!(Config::load_from(&dir.path().join("no-existe.toml")), (Config::default(), None));
    }
}
