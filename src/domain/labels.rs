//! Enums whose values are written in Spanish on screen and in data files, and stored as
//! stable ASCII codes in the database.

use super::text::fold;

pub trait Labeled: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// What the user sees and writes: "grupo de trabajo".
    fn label(self) -> &'static str;
    /// What the database stores: "working_group".
    fn code(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Accepts the label in any case, with or without accents.
    fn parse_label(text: &str) -> Result<Self, String> {
        let t = fold(text);
        Self::ALL.iter().copied().find(|v| fold(v.label()) == t).ok_or_else(|| {
            let options: Vec<String> = Self::ALL.iter().map(|v| format!("«{}»", v.label())).collect();
            format!("valor «{}» no válido; use {}", text.trim(), options.join(", "))
        })
    }
}

/// Declares a `Labeled` enum: `Variant => ("code", "etiqueta")`.
macro_rules! labeled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $crate::domain::labels::Labeled for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::labels::Labeled::code(*self))
            }
        }
    };
}
pub(crate) use labeled_enum;

#[cfg(test)]
mod tests {
    use super::Labeled;

    labeled_enum!(Color { Red => ("red", "rojo"), Blue => ("blue", "azul marino") });

    #[test]
    fn labels_codes_and_errors() {
        assert_eq!(Color::parse_label("AZUL  marino".replace("  ", " ").as_str()), Ok(Color::Blue));
        assert_eq!(Color::from_code("red"), Some(Color::Red));
        assert_eq!(Color::from_code("rojo"), None);
        assert_eq!(Color::parse_label("verde"), Err("valor «verde» no válido; use «rojo», «azul marino»".into()));
    }
}
