//! The `--json` answer of the commands that change data: what they changed, with the
//! bitácora entry that records it (`entrada`), the operation's code as the bitácora stores it
//! (`operacion`) and the number or id of what was created or touched. One object per command,
//! on one line, so a script reads it with `jq` or any JSON parser.

use serde_json::Value;

/// An answer being put together: `entrada` and `operacion` first, then the command's fields
/// in the order they are added (serde_json's map would sort them).
pub struct Answer(Vec<(&'static str, Value)>);

impl Answer {
    pub fn new(entry: Option<i64>, op: &str) -> Answer {
        Answer(vec![("entrada", entry.map_or(Value::Null, Value::from)), ("operacion", Value::from(op))])
    }

    /// Adds a field (any value serde_json can hold).
    pub fn with(mut self, key: &'static str, value: impl Into<Value>) -> Answer {
        self.0.push((key, value.into()));
        self
    }

    /// The object on one line.
    pub fn text(&self) -> String {
        let fields: Vec<String> = self.0.iter().map(|(k, v)| format!("{}:{v}", Value::from(*k))).collect();
        format!("{{{}}}", fields.join(","))
    }

    /// Prints the object on one line.
    pub fn print(self) {
        outln!("{}", self.text());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_and_operation_come_first_and_the_text_is_json() {
        let a =
            Answer::new(Some(191), "add_progress").with("numero", "CITDP/SO-21/2024/02").with("estado", "en proceso");
        let text = a.text();
        assert_eq!(
            text,
            r#"{"entrada":191,"operacion":"add_progress","numero":"CITDP/SO-21/2024/02","estado":"en proceso"}"#
        );
        let parsed: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(parsed["estado"], "en proceso");
        let none = Answer::new(None, "restore").with("archivo", "a \"b\"\n").text();
        assert_eq!(serde_json::from_str::<Value>(&none).expect("json")["archivo"], "a \"b\"\n");
    }
}
