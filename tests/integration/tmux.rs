//! Driving the real binary in a tmux pane.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Each pane lives on a tmux server of its own (`-S`): tests run in parallel, and on one
/// shared server a session started just as another test's last session ended found the
/// server exiting under it ("server exited unexpectedly").
pub struct Tmux {
    name: String,
}

fn tmux(name: &str) -> Command {
    let mut cmd = Command::new("tmux");
    cmd.arg("-S").arg(socket(name));
    cmd
}

/// A socket path we remove ourselves: tmux leaves its socket behind when its server ends.
fn socket(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(name)
}

impl Tmux {
    /// A session of its own per `tag`, so two processes of one test don't collide. `None`
    /// (said on stderr) when tmux is not installed: the test skips the terminal part.
    pub fn start_named(tag: &str, args: &[&str]) -> Option<Tmux> {
        let bin = env!("CARGO_BIN_EXE_secretaria");
        let mut cmd = vec![bin];
        cmd.extend(args);
        Tmux::start_command(tag, &cmd)
    }

    /// Any command in a pane of its own (a shell around the binary, say); `None` without tmux.
    pub fn start_command(tag: &str, cmd: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("se omite: tmux no está instalado (.ci/run lo instala); la prueba en terminal no se ejecuta");
            return None;
        }
        let name = format!("secretaria-{tag}-{}", std::process::id());
        let status = tmux(&name)
            .args(["new-session", "-d", "-s", &name, "-x", "120", "-y", "40"])
            .args(cmd)
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Some(Tmux { name })
    }

    pub fn screen(&self) -> String {
        let out = tmux(&self.name).args(["capture-pane", "-p", "-t", &self.name]).output().expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = tmux(&self.name).args(["send-keys", "-t", &self.name]).args(keys).status().expect("send-keys");
        assert!(status.success());
    }

    /// Waits until the screen shows `text` (the binary may still be starting).
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text], &[])
    }

    /// Waits until one captured screen shows every text of `present` and none of `absent`.
    /// A capture can catch a frame half drawn, so conditions are waited on together rather
    /// than asserted on a screen that matched only one of them.
    pub fn wait_for_all(&self, present: &[&str], absent: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if present.iter().all(|t| screen.contains(t)) && !absent.iter().any(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(45),
                "never showed {present:?} without {absent:?}:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, text: &str) {
        let status = tmux(&self.name).args(["send-keys", "-t", &self.name, "-l", text]).status().expect("send-keys");
        assert!(status.success());
    }

    /// The process running in the pane.
    pub fn pane_pid(&self) -> String {
        let out =
            tmux(&self.name).args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"]).output().expect("list-panes");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The terminal disappears at once, without a SIGHUP reaching the program: its server is killed.
    pub fn vanish(self) {
        let _ = tmux(&self.name).arg("kill-server").status();
    }

    pub fn alive(&self) -> bool {
        tmux(&self.name).args(["has-session", "-t", &self.name]).status().is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = tmux(&self.name).arg("kill-server").status();
        let _ = std::fs::remove_file(socket(&self.name));
    }
}
