//! The `--json` answer of the commands that change data: what they changed, with the
//! bitácora entry that records it (`entrada`), the operation's code as the bitácora stores it
//! (`operacion`) and the number or id of what was created or touched. One object per command,
//! on one line, so a script reads it with `jq` or any JSON parser.

use serde_json::{Map, Value};

/// An answer being put together: `entrada` and `operacion` first, then the command's fields.
pub struct Answer(Map<String, Value>);

impl Answer {
    pub fn new(entry: Option<i64>, op: &str) -> Answer {
        let mut m = Map::new();
        m.insert("entrada".into(), entry.map_or(Value::Null, Value::from));
        m.insert("operacion".into(), Value::from(op));
        Answer(m)
    }

    /// Adds a field (any value serde_json can hold).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Answer {
        self.0.insert(key.into(), value.into());
        self
    }

    /// Prints the object on one line.
    pub fn print(self) {
        outln!("{}", Value::Object(self.0));
    }
}
