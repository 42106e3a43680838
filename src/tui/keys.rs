//! The key map in force: every context's bindings with the configuration's remaps applied,
//! checked so that no key means two things in one context, and resolved from key events.
//! The help screen is generated from it, so it always shows the keys that work.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;

use super::keymap::{Action, Binding, GLOBAL, Key, KeyContext};

/// One binding as it stands after the configuration.
#[derive(Debug, Clone)]
pub struct Bound {
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

#[derive(Debug, Clone)]
pub struct Context {
    pub id: &'static str,
    pub title: &'static str,
    pub globals: bool,
    pub typing: Option<fn(KeyEvent) -> Action>,
    pub bindings: Vec<Bound>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    contexts: Vec<Context>,
}

fn bound(b: &Binding) -> Bound {
    Bound { name: b.name, keys: b.keys.to_vec(), action: b.action, help: b.help }
}

fn keys_of(value: &toml::Value) -> Result<Vec<Key>, String> {
    match value {
        toml::Value::String(s) => Key::parse(s).map(|k| vec![k]),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().ok_or_else(|| "se esperaba texto".to_string()).and_then(Key::parse))
            .collect(),
        _ => Err("se esperaba una tecla entre comillas o una lista de ellas".into()),
    }
}

impl Keymap {
    /// The contexts as declared (the global one included), with the configuration's
    /// `[teclas]` remaps; a remap that cannot apply is reported and left out.
    pub fn new(declared: &[&'static KeyContext], remaps: &BTreeMap<String, toml::Value>) -> (Keymap, Vec<String>) {
        let mut contexts: Vec<Context> = std::iter::once(&GLOBAL)
            .chain(declared.iter().copied().filter(|c| c.id != GLOBAL.id))
            .map(|c| Context {
                id: c.id,
                title: c.title,
                globals: c.globals,
                typing: c.typing,
                bindings: c.bindings.iter().map(bound).collect(),
            })
            .collect();
        let mut problems = Vec::new();
        let mut apply = |context: &str, name: &str, value: &toml::Value, contexts: &mut Vec<Context>| {
            let keys = match keys_of(value) {
                Ok(k) if !k.is_empty() => k,
                Ok(_) => return problems.push(format!("teclas.{context}.{name}: no dice ninguna tecla")),
                Err(e) => return problems.push(format!("teclas.{context}.{name}: {e}")),
            };
            let Some(ctx) = contexts.iter_mut().find(|c| c.id == context) else {
                return problems.push(format!("teclas.{context}: no hay ninguna pantalla «{context}»"));
            };
            let Some(b) = ctx.bindings.iter_mut().find(|b| b.name == name) else {
                return problems
                    .push(format!("teclas.{context}.{name}: no hay ninguna acción «{name}» en {}", ctx.title));
            };
            if b.action == Action::GoTab('#') {
                return problems.push(format!("teclas.{context}.{name}: los números de pantalla no se cambian"));
            }
            let previous = std::mem::replace(&mut b.keys, keys);
            let clash = clashes(contexts, context);
            if let Some(c) = clash {
                problems.push(format!("teclas.{context}.{name}: {c}; se deja la tecla de siempre"));
                if let Some(b) = contexts
                    .iter_mut()
                    .find(|c| c.id == context)
                    .and_then(|c| c.bindings.iter_mut().find(|b| b.name == name))
                {
                    b.keys = previous;
                }
            }
        };
        for (key, value) in remaps {
            match value {
                toml::Value::Table(t) => {
                    for (name, v) in t {
                        apply(key, name, v, &mut contexts);
                    }
                }
                v => apply(GLOBAL.id, key, v, &mut contexts),
            }
        }
        (Keymap { contexts }, problems)
    }

    pub fn context(&self, id: &str) -> Option<&Context> {
        self.contexts.iter().find(|c| c.id == id)
    }

    /// The action of `ev` in the context `id`. `choice`: in a form, the focused field is a
    /// list of options, so ←/→/Espacio pick instead of editing text.
    pub fn resolve(&self, id: &str, choice: bool, ev: &KeyEvent) -> Option<Action> {
        let ctx = self.context(id)?;
        let usable = |b: &&Bound| choice || !matches!(b.action, Action::FormChoicePrev | Action::FormChoiceNext);
        let hit = |b: &&Bound| b.keys.iter().any(|k| k.matches(ev));
        let own = ctx.bindings.iter().filter(usable).find(hit);
        let global =
            || ctx.globals.then(|| self.context(GLOBAL.id)).flatten().and_then(|g| g.bindings.iter().find(hit));
        match own.or_else(global) {
            Some(b) if b.action == Action::GoTab('#') => match ev.code {
                ratatui::crossterm::event::KeyCode::Char(c) => Some(Action::GoTab(c)),
                _ => None,
            },
            Some(b) => Some(b.action),
            None => ctx.typing.map(|f| f(*ev)),
        }
    }

    /// The help's sections: `first` (the screen the user is on) first, then the keys every
    /// screen shares, then the rest in order.
    pub fn sections(&self, first: &str) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let mut order: Vec<&Context> = Vec::new();
        order.extend(self.context(first));
        order.extend(self.context(GLOBAL.id).filter(|g| g.id != first));
        order.extend(self.contexts.iter().filter(|c| c.id != first && c.id != GLOBAL.id));
        order
            .into_iter()
            .map(|c| {
                let rows = c
                    .bindings
                    .iter()
                    .map(|b| {
                        let keys = match b.action {
                            Action::GoTab(_) => "1 … 9".to_string(),
                            _ => b.keys.iter().map(|k| k.describe()).collect::<Vec<_>>().join(" / "),
                        };
                        (keys, b.help)
                    })
                    .collect();
                (c.title, rows)
            })
            .collect()
    }

    /// The key map as a document (docs/teclas.md): each context with its configuration table
    /// and, per action, its name, keys and meaning.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "# Teclas\n\nGenerado desde el mapa de teclas del programa (una prueba comprueba que coinciden).\n\
             Cada acción puede cambiar de tecla en el archivo de configuración (`secretaria config`\n\
             dice dónde está): en la tabla de su pantalla, `nombre = \"tecla\"` o una lista de teclas.\n\
             Las de «En todas las pantallas» van directamente bajo `[teclas]`. Una tecla que ya tiene\n\
             otro uso en esa pantalla se rechaza y se conserva la de siempre.\n",
        );
        for c in &self.contexts {
            let table = if c.id == GLOBAL.id { "[teclas]".to_string() } else { format!("[teclas.{}]", c.id) };
            out.push_str(&format!("\n## {} — `{table}`\n\n| acción | teclas | qué hace |\n|---|---|---|\n", c.title));
            for b in &c.bindings {
                let keys = match b.action {
                    Action::GoTab(_) => "1 … 9 (fijas)".to_string(),
                    _ => b.keys.iter().map(|k| format!("`{}`", k.describe())).collect::<Vec<_>>().join(" "),
                };
                out.push_str(&format!("| `{}` | {keys} | {} |\n", b.name, b.help.replace('|', "\\|")));
            }
        }
        out
    }

    /// Every context, for the test that no key is bound twice.
    pub fn contexts(&self) -> &[Context] {
        &self.contexts
    }
}

/// A key that means two things in `context` (its own bindings, and the shared ones when the
/// context takes them).
fn clashes(contexts: &[Context], context: &str) -> Option<String> {
    let ctx = contexts.iter().find(|c| c.id == context)?;
    let global = contexts.iter().find(|c| c.id == GLOBAL.id);
    let contexts_to_check: Vec<&Context> = if context == GLOBAL.id {
        // A shared key changed: every screen that takes the shared keys is checked.
        contexts.iter().filter(|c| c.globals || c.id == GLOBAL.id).collect()
    } else {
        vec![ctx]
    };
    for c in contexts_to_check {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        let shared = if c.globals && c.id != GLOBAL.id { global.map(|g| g.bindings.as_slice()) } else { None };
        for b in c.bindings.iter().chain(shared.unwrap_or_default()) {
            for k in &b.keys {
                // In a form, ←/→/Espacio mean one thing on a choice and another on text.
                let name = format!("{k:?}");
                if let Some(other) = seen.insert(name, b.help) {
                    return Some(format!("«{}» ya es «{other}» en {}", k.describe(), c.title));
                }
            }
        }
    }
    None
}

/// Every key bound twice in any context, for tests.
pub fn all_clashes(keymap: &Keymap) -> Vec<String> {
    keymap.contexts.iter().filter_map(|c| clashes(&keymap.contexts, c.id)).collect()
}
