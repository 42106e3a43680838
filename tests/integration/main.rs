//! The real binary, from the command line and in a real terminal. One test binary so it
//! builds once.

mod cli;
mod documents;
mod followup;
mod live;
mod progress_import;
mod record;
mod replica;
mod reports;
mod roundtrip;
mod safety;
mod session_cli;
mod spreadsheets;
mod team;
mod terminal;
mod tmux;
mod work_plan;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn bin(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("secretaria").expect("binary built");
    cmd.arg("--db").arg(db).env_remove("SECRETARIA_DB");
    cmd
}

pub fn demo_db(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("s.db");
    bin(&db).arg("demo").assert().success();
    db
}

pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}
