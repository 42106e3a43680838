//! The binary in a real terminal (tmux): first run creates the database with the demo data,
//! and the Órganos screen shows a body's members.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    name: String,
}

impl Tmux {
    fn start(args: &[&str]) -> Tmux {
        let name = format!("secretaria-e2e-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_secretaria");
        let mut cmd = vec![bin.to_string()];
        cmd.extend(args.iter().map(|a| a.to_string()));
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name, "-x", "100", "-y", "30"])
            .args(&cmd)
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(status.success());
        Tmux { name }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.name]).output().expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux").args(["send-keys", "-t", &self.name]).args(keys).status().expect("send-keys");
        assert!(status.success());
    }

    /// Waits until the screen shows `text` (the binary may still be starting).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "«{text}» never appeared:\n{screen}");
            sleep(Duration::from_millis(100));
        }
    }

    fn alive(&self) -> bool {
        Command::new("tmux").args(["has-session", "-t", &self.name]).status().is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.name]).status();
    }
}

#[test]
fn first_run_shows_demo_calendar_then_bodies_and_members() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("nueva").join("s.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let tmux = Tmux::start(&["--db", db_arg]);
    let screen = tmux.wait_for("Calendario 2");
    assert!(screen.contains("DEMO"), "{screen}");
    assert!(db.exists(), "the first run creates the database");
    tmux.keys(&["2"]);
    let screen = tmux.wait_for("Integrantes de CITDP");
    assert!(screen.contains("SEGOB") && screen.contains("Presidencia"), "{screen}");
    tmux.keys(&["Right", "Right"]);
    let screen = tmux.wait_for("Titular:");
    assert!(screen.contains("Suplente:"), "{screen}");
    tmux.keys(&["?"]);
    tmux.wait_for("Ayuda — teclas");
    tmux.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.alive() && start.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(100));
    }
    assert!(!tmux.alive(), "q quits");
}
