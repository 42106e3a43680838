//! `replica estado` and `replica restaurar`: the continuous copy of the database that
//! Litestream keeps (docs/despliegue.md). Litestream does the replicating; this reads where it
//! is — its own files beside the database (`.NAME-litestream/ltx/LEVEL/MIN-MAX.ltx`, whose
//! header carries the time each was written) and its `ltx -json` listing of the replica, the
//! same for a disk, SFTP or S3 — and compares that with the bitácora, whose entries say when
//! each change was committed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local, TimeZone, Utc};
use clap::Subcommand;
use serde::Deserialize;
use serde_json::json;

use crate::ops::Context;
use crate::store::Store;

type Result<T> = std::result::Result<T, String>;

/// What `replica` does.
#[derive(Debug, Subcommand)]
pub enum ReplicaCommand {
    /// Muestra cuánto va atrasada la réplica de Litestream respecto de la base (sale con 1 si hay avisos)
    Estado {
        /// Configuración de Litestream (por omisión, la variable LITESTREAM_CONFIG o /etc/litestream.yml)
        #[arg(long, value_name = "ARCHIVO")]
        config: Option<PathBuf>,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Recupera la base desde la réplica: muestra ambas, pide confirmación y deja la actual al lado
    Restaurar {
        /// Configuración de Litestream (por omisión, la variable LITESTREAM_CONFIG o /etc/litestream.yml)
        #[arg(long, value_name = "ARCHIVO")]
        config: Option<PathBuf>,
        /// Confirmar sin preguntar (para guiones)
        #[arg(long)]
        si: bool,
    },
}

pub fn run(db: &Path, ctx: &Context, command: ReplicaCommand) -> Result<()> {
    match command {
        ReplicaCommand::Estado { config, json } => estado(db, &config_path(config), json),
        ReplicaCommand::Restaurar { config, si } => restaurar(db, ctx, &config_path(config), si),
    }
}

/// Where Litestream's configuration is, as Litestream itself looks for it.
fn config_path(given: Option<PathBuf>) -> PathBuf {
    given
        .or_else(|| std::env::var_os("LITESTREAM_CONFIG").filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("/etc/litestream.yml"))
}

/// How long a look at the replica may take before it counts as unreachable.
const LOOK_TIMEOUT: Duration = Duration::from_secs(30);
/// A restore copies the whole database: it gets longer.
const RESTORE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// A change not in the replica after this long means replication is not running.
const STALE: Duration = Duration::from_secs(10);

/// Runs `litestream ARGS`, giving up after `limit`; its errors in Spanish.
fn litestream(args: &[&str], config: &Path, limit: Duration) -> Result<String> {
    let mut child = Command::new("litestream")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no se encontró el programa «litestream»: instálelo en este servidor \
                                             (docs/despliegue.md) o agréguelo al PATH"
                .to_string(),
            _ => format!("no se pudo ejecutar «litestream»: {e}"),
        })?;
    let pipe = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut r) = r {
                let _ = r.read_to_string(&mut text);
            }
            text
        })
    };
    let out = pipe(child.stdout.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let err = pipe(child.stderr.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "no se pudo llegar a la réplica: Litestream no respondió en {} s (¿la red o el servidor de la réplica \
                     están caídos?); la base en uso no se tocó",
                    limit.as_secs()
                ));
            }
        }
    };
    let (stdout, stderr) = (out.join().unwrap_or_default(), err.join().unwrap_or_default());
    if status.success() {
        return Ok(stdout);
    }
    Err(explain(&stderr, config))
}

/// Litestream's error (its last line) as a sentence that says what to do.
fn explain(stderr: &str, config: &Path) -> String {
    let line = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let detail = line.trim_start_matches("Error: ");
    let low = detail.to_lowercase();
    let cfg = config.display();
    if low.contains("config file not found") {
        return format!(
            "Litestream no está configurado: no existe «{cfg}» (indique otro con --config o la variable \
             LITESTREAM_CONFIG; docs/despliegue.md trae la configuración para un disco, SFTP o S3)"
        );
    }
    if low.contains("yaml") || low.contains("config") && !low.contains("not found in config") {
        return format!("la configuración de Litestream «{cfg}» tiene un error: {detail}");
    }
    if low.contains("database not found in config") {
        return format!("la configuración de Litestream «{cfg}» no replica esta base: agréguela en «dbs:» con su ruta");
    }
    if low.contains("no space left") || low.contains("disk full") || low.contains("quota") {
        return format!("la réplica está llena (sin espacio): libere espacio o amplíe el almacenamiento ({detail})");
    }
    if low.contains("permission denied") || low.contains("access denied") || low.contains("forbidden") {
        return format!("la réplica rechazó el acceso: revise usuario, claves o permisos en «{cfg}» ({detail})");
    }
    let unreachable = ["connection refused", "no such host", "timeout", "unreachable", "dial tcp", "handshake", "eof"];
    if unreachable.iter().any(|w| low.contains(w)) {
        return format!("no se pudo llegar a la réplica ({detail}); la base en uso no se tocó");
    }
    format!("Litestream respondió con un error: {detail}")
}

/// One LTX file: the transactions it holds and when it was written.
#[derive(Debug, Clone, PartialEq)]
struct Ltx {
    level: u32,
    min: u64,
    max: u64,
    size: u64,
    at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct ListedLtx {
    level: u32,
    min_txid: String,
    max_txid: String,
    size: u64,
    timestamp: String,
}

fn hex(text: &str) -> Option<u64> {
    u64::from_str_radix(text, 16).ok()
}

/// The replica's files, as `litestream ltx -json -level all` lists them.
fn replica_files(config: &Path, db: &Path) -> Result<Vec<Ltx>> {
    let (cfg, path) = (config.display().to_string(), db.display().to_string());
    let text = litestream(&["ltx", "-json", "-level", "all", "-config", &cfg, &path], config, LOOK_TIMEOUT)?;
    let listed: Vec<ListedLtx> = serde_json::from_str(text.trim())
        .map_err(|e| format!("Litestream dio una lista de la réplica que no se entiende ({e})"))?;
    Ok(listed
        .into_iter()
        .filter_map(|f| {
            Some(Ltx {
                level: f.level,
                min: hex(&f.min_txid)?,
                max: hex(&f.max_txid)?,
                size: f.size,
                at: DateTime::parse_from_rfc3339(&f.timestamp).ok().map(|t| t.with_timezone(&Utc)),
            })
        })
        .collect())
}

/// The time an LTX file records in its header (milliseconds since 1970 at byte 32), after
/// its magic «LTX1».
fn header_time(file: &Path) -> Option<DateTime<Utc>> {
    let mut head = [0u8; 40];
    std::fs::File::open(file).ok()?.read_exact(&mut head).ok()?;
    if &head[..4] != b"LTX1" {
        return None;
    }
    let ms = i64::from_be_bytes(head[32..40].try_into().ok()?);
    Utc.timestamp_millis_opt(ms).single()
}

/// The LTX files Litestream keeps beside the database (what it has taken from the WAL);
/// `None` when it has never run on this database.
fn local_files(db: &Path) -> Option<Vec<Ltx>> {
    let root = crate::store::litestream_dir(db)?.join("ltx");
    let levels = std::fs::read_dir(&root).ok()?;
    let mut files = Vec::new();
    for level in levels.flatten() {
        let Some(n) = level.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        for f in std::fs::read_dir(level.path()).into_iter().flatten().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            let Some((min, max)) = name.strip_suffix(".ltx").and_then(|s| s.split_once('-')) else { continue };
            let (Some(min), Some(max)) = (hex(min), hex(max)) else { continue };
            let size = f.metadata().map(|m| m.len()).unwrap_or(0);
            files.push(Ltx { level: n, min, max, size, at: header_time(&f.path()) });
        }
    }
    Some(files)
}

fn top(files: &[Ltx]) -> u64 {
    files.iter().map(|f| f.max).max().unwrap_or(0)
}

/// When the transaction `txid` was taken: from the local file that ends with it (exact to
/// the millisecond), else from the replica's listing (to the second).
fn time_of(txid: u64, local: &[Ltx], replica: &[Ltx]) -> Option<DateTime<Utc>> {
    let newest = |files: &[Ltx]| files.iter().filter(|f| f.max == txid).filter_map(|f| f.at).max();
    newest(local).or_else(|| newest(replica))
}

/// Where the replica stands against the database.
#[derive(Debug)]
struct Status {
    replica_type: String,
    last_change: Option<(i64, DateTime<Utc>)>,
    local: Option<(u64, Option<DateTime<Utc>>)>,
    replicated: Option<(u64, Option<DateTime<Utc>>)>,
    unreplicated: i64,
    first_unreplicated: Option<DateTime<Utc>>,
    lag: Duration,
    warnings: Vec<String>,
}

fn replica_type(config: &Path, db: &Path) -> Result<String> {
    #[derive(Deserialize)]
    struct Listed {
        path: String,
        replica: String,
    }
    let cfg = config.display().to_string();
    let text = litestream(&["databases", "-json", "-config", &cfg], config, LOOK_TIMEOUT)?;
    let listed: Vec<Listed> = serde_json::from_str(text.trim()).unwrap_or_default();
    let ours = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    listed
        .into_iter()
        .find(|d| std::fs::canonicalize(&d.path).unwrap_or_else(|_| PathBuf::from(&d.path)) == ours)
        .map(|d| d.replica)
        .ok_or_else(|| {
            format!(
                "la configuración de Litestream «{cfg}» no replica la base «{}»: agréguela en «dbs:» con esa ruta",
                db.display()
            )
        })
}

/// The replica is read before the bitácora: a change committed in between counts as not
/// replicated, so the lag shown is never less than the real one.
fn status(db: &Path, config: &Path, store: &Store) -> Result<Status> {
    let kind = replica_type(config, db)?;
    let canonical = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let replica = replica_files(config, &canonical)?;
    let local = local_files(db);
    let conn = store.conn();
    let last_change = conn
        .query_row("SELECT seq, at FROM bitacora ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .ok()
        .and_then(|(seq, at)| Some((seq, DateTime::parse_from_rfc3339(&at).ok()?.with_timezone(&Utc))));
    let mut warnings = Vec::new();
    let local_files = local.clone().unwrap_or_default();
    if local.is_none() {
        warnings.push(format!(
            "Litestream nunca ha tomado esta base (no existe «{}»): ¿está corriendo «litestream replicate» \
             («systemctl status litestream»)?",
            crate::store::litestream_dir(db).map(|d| d.display().to_string()).unwrap_or_default()
        ));
    }
    let (r, l) = (top(&replica), top(&local_files));
    let replicated = (r > 0).then(|| (r, time_of(r, &local_files, &replica)));
    let local_pos = (l > 0).then(|| (l, time_of(l, &local_files, &replica)));
    if r == 0 {
        warnings.push("la réplica está vacía: Litestream todavía no ha subido nada".into());
    }
    if local.is_some() && r > l {
        warnings.push(format!(
            "la réplica llega a la transacción {r:016x} y esta base solo a la {l:016x}: otra base (un segundo \
             primario) escribe en la misma réplica, o esta base es una copia anterior a la réplica. Detenga una de las \
             dos replicaciones antes de seguir (docs/despliegue.md, «Un solo primario»)"
        ));
    } else if let Some(clash) = replica.iter().find(|f| {
        f.level == 0 && local_files.iter().any(|g| g.level == 0 && g.min == f.min && g.max == f.max && g.size != f.size)
    }) {
        warnings.push(format!(
            "el archivo {:016x}-{:016x}.ltx de la réplica no es el que produjo esta base: otra base (un segundo \
             primario) escribe en la misma réplica. Detenga una de las dos replicaciones (docs/despliegue.md)",
            clash.min, clash.max
        ));
    }
    // Changes committed after the replicated position's time are not in the replica.
    let since = replicated.and_then(|(_, at)| at).map(crate::ops::journal::stamp);
    let (unreplicated, first): (i64, Option<String>) = match &since {
        Some(at) => conn
            .query_row("SELECT count(*), min(at) FROM bitacora WHERE at > ?1", [at], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| e.to_string())?,
        None => conn
            .query_row("SELECT count(*), min(at) FROM bitacora", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| e.to_string())?,
    };
    let first_unreplicated = first.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc));
    let now = Utc::now();
    let lag = first_unreplicated.map(|t| (now - t).to_std().unwrap_or_default()).unwrap_or_default();
    if lag > STALE {
        warnings.push(format!(
            "la réplica no recibe los cambios desde hace {}: revise el servicio («systemctl status litestream», \
             «journalctl -u litestream»); puede estar detenido, sin conexión con la réplica o con la réplica llena",
            seconds(lag)
        ));
    }
    Ok(Status {
        replica_type: kind,
        last_change,
        local: local_pos,
        replicated,
        unreplicated,
        first_unreplicated,
        lag,
        warnings,
    })
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64()).replace('.', ",")
}

fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S%.3f").to_string()
}

fn position(p: Option<(u64, Option<DateTime<Utc>>)>) -> String {
    match p {
        None => "ninguna".into(),
        Some((txid, at)) => {
            format!(
                "transacción {txid:016x}{}",
                at.map(|t| format!(", tomada a las {}", local_time(t))).unwrap_or_default()
            )
        }
    }
}

fn estado(db: &Path, config: &Path, json_out: bool) -> Result<()> {
    // Read-only and without an access entry: a probe that monitoring runs every minute only
    // reads positions and times, and recording it would make the replica "behind" by itself.
    let store = Store::open_read_only(db).map_err(|e| e.to_string())?;
    let s = status(db, config, &store)?;
    let iso = |t: DateTime<Utc>| crate::ops::journal::stamp(t);
    let pos = |p: Option<(u64, Option<DateTime<Utc>>)>| {
        p.map(|(txid, at)| json!({ "txid": format!("{txid:016x}"), "hora": at.map(iso) }))
    };
    if json_out {
        let out = json!({
            "base": db.display().to_string(),
            "configuracion": config.display().to_string(),
            "tipo_replica": s.replica_type,
            "ultimo_cambio": s.last_change.map(|(seq, at)| json!({ "entrada": seq, "hora": iso(at) })),
            "posicion_local": pos(s.local),
            "posicion_replica": pos(s.replicated),
            "entradas_sin_replicar": s.unreplicated,
            "primera_sin_replicar": s.first_unreplicated.map(iso),
            "atraso_segundos": s.lag.as_secs_f64(),
            "al_dia": s.unreplicated == 0,
            "avisos": s.warnings,
        });
        outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    } else {
        outln!(
            "Réplica de «{}» (Litestream, réplica {}, configuración {})",
            db.display(),
            s.replica_type,
            config.display()
        );
        match s.last_change {
            Some((seq, at)) => {
                outln!("  Último cambio en la base:      entrada {seq} de la bitácora, {}", local_time(at))
            }
            None => outln!("  Último cambio en la base:      ninguno"),
        }
        outln!("  Tomado por Litestream:         {}", position(s.local));
        outln!("  En la réplica:                 {}", position(s.replicated));
        if s.unreplicated == 0 {
            outln!("  Estado: al día; todo cambio registrado en la bitácora está en la réplica.");
        } else {
            outln!(
                "  Atraso: {} — {} sin replicar, la primera de las {}.",
                seconds(s.lag),
                crate::domain::text::counted(s.unreplicated, "entrada de la bitácora", "entradas de la bitácora"),
                s.first_unreplicated.map(local_time).unwrap_or_default()
            );
        }
    }
    if s.warnings.is_empty() {
        return Ok(());
    }
    for w in &s.warnings {
        eprintln!("aviso: {w}");
    }
    Err(format!(
        "la réplica necesita atención ({})",
        crate::domain::text::counted(s.warnings.len() as i64, "aviso", "avisos")
    ))
}

/// Restores the replica's latest position into a temporary file beside the database, then
/// goes through `restaurar`: both shown, a replica older than the database in use said so,
/// confirmation asked (or `--si`), the replaced database kept beside it.
fn restaurar(db: &Path, ctx: &Context, config: &Path, yes: bool) -> Result<()> {
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("no se pudo crear «{}»: {e}", dir.display()))?;
    let work = tempfile::Builder::new()
        .prefix(".replica-")
        .tempdir_in(dir)
        .map_err(|e| format!("no se pudo preparar la recuperación en «{}»: {e}", dir.display()))?;
    let restored = work.path().join("recuperada.db");
    let target = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let (cfg, out, path) = (config.display().to_string(), restored.display().to_string(), target.display().to_string());
    outln!("Recuperando la última posición de la réplica…");
    litestream(&["restore", "-config", &cfg, "-o", &out, &path], config, RESTORE_TIMEOUT)?;
    let label = format!("réplica de Litestream ({})", config.display());
    super::backup::restaurar(db, ctx, &restored, yes, false).map_err(|e| e.replace(&out, &label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn litestream_errors_are_said_in_spanish() {
        let cfg = Path::new("/etc/litestream.yml");
        let said = |e: &str| explain(e, cfg);
        assert!(said("Error: config file not found: /etc/litestream.yml").contains("no está configurado"));
        assert!(said("Error: yaml: line 1: did not find expected node content").contains("tiene un error"));
        assert!(said("Error: database not found in config: /srv/s.db").contains("no replica esta base"));
        assert!(said("Error: dial tcp 10.0.0.9:22: connect: connection refused").contains("no se pudo llegar"));
        assert!(said("Error: write /r/ltx: no space left on device").contains("llena"));
        assert!(said("Error: something new").contains("something new"));
    }

    #[test]
    fn the_header_time_is_read_from_an_ltx_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("0000000000000002-0000000000000002.ltx");
        let mut bytes = b"LTX1".to_vec();
        bytes.extend_from_slice(&[0u8; 28]);
        bytes.extend_from_slice(&1_796_250_003_318i64.to_be_bytes());
        std::fs::write(&file, &bytes).expect("write");
        let at = header_time(&file).expect("time");
        assert_eq!(crate::ops::journal::stamp(at), "2026-12-02T22:20:03.318Z");
        std::fs::write(&file, b"not an ltx file at all, but long enough....").expect("write");
        assert_eq!(header_time(&file), None);
    }
}
