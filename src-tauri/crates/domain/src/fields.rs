//! The fields of a dated record (a unit's or a position's attributes), declared once with
//! [`record!`]: the column that stores each, its labels, the sheet column that imports and
//! exports it, and what kind of value it holds. The store builds its SQL from them, the history
//! shows changes through them and the spreadsheets read and write them; a new field is one
//! line of the declaration and one migration.

use crate::{Label, Lang};

/// A value as stored: what a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Null,
    Int(i64),
    Text(String),
}

/// What a field holds, for showing and reading it.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Text,
    Int,
    Bool,
    /// A text-stored enum.
    Choice(&'static Choice),
    /// The id of a record of this org table (`unit`, `position`): shown by name, written in
    /// sheets by code.
    Ref(&'static str),
    /// Lines of text, stored as a JSON array.
    Lines,
}

/// A text-stored enum's names, for a [`FieldKind::Choice`].
#[derive(Debug)]
pub struct Choice {
    pub type_name: &'static str,
    /// Stored name → label.
    pub label: fn(&str, Lang) -> Option<&'static str>,
    /// What a person typed → stored name.
    pub parse: fn(&str) -> Option<&'static str>,
    pub choices: fn(Lang) -> Vec<&'static str>,
}

impl Choice {
    pub const fn of<T: Label + StoredName>() -> Choice {
        Choice {
            type_name: T::TYPE_NAME,
            label: |s, lang| T::from_stored(s).map(|v| v.label(lang)),
            parse: |s| T::from_label(s).map(T::stored),
            choices: T::choices,
        }
    }
}

/// A text-stored enum's stored names (implemented by `str_enums!`).
pub trait StoredName: Sized + Copy {
    const TYPE_NAME: &'static str;
    fn stored(self) -> &'static str;
    fn from_stored(s: &str) -> Option<Self>;
}

/// The sheet column of a field: header in both languages (the English one or the field's name
/// are accepted on import too) and the help line of the template.
#[derive(Debug, Clone, Copy)]
pub struct SheetCol {
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
    pub help: &'static str,
}

/// One field of a record.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The Rust field and the column, e.g. `parent_id`.
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    /// May be absent (stored as NULL).
    pub nullable: bool,
    pub sheet: SheetCol,
}

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh
        } else {
            self.en
        }
    }

    /// The key a sheet column goes by (`parent` for `parent_id`).
    pub fn key(&self) -> &'static str {
        match self.kind {
            FieldKind::Ref(_) => self.name.strip_suffix("_id").unwrap_or(self.name),
            _ => self.name,
        }
    }

    /// A stored value as people read it; references through `name` (id → "name（code）").
    pub fn show(&self, v: &FieldValue, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        match (self.kind, v) {
            (FieldKind::Ref(_), FieldValue::Null) | (FieldKind::Choice(_), FieldValue::Null) => {
                "—".into()
            }
            (_, FieldValue::Null) => String::new(),
            (FieldKind::Bool, FieldValue::Int(i)) => (*i != 0).label(lang).into(),
            (FieldKind::Choice(c), FieldValue::Text(s)) => {
                (c.label)(s, lang).unwrap_or(s).to_string()
            }
            (FieldKind::Ref(_), FieldValue::Text(id)) => name(id),
            (FieldKind::Lines, FieldValue::Text(json)) => serde_json::from_str::<Vec<String>>(json)
                .map(|l| l.join("；"))
                .unwrap_or_else(|_| json.clone()),
            (_, FieldValue::Int(i)) => i.to_string(),
            (_, FieldValue::Text(s)) => s.clone(),
        }
    }
}

/// A record declared with [`record!`].
pub trait Fields: Sized {
    const FIELDS: &'static [Field];
    /// The values in [`Fields::FIELDS`] order.
    fn values(&self) -> Vec<FieldValue>;
    /// From values in [`Fields::FIELDS`] order; `Err(field name)` when one does not fit.
    fn from_values(values: Vec<FieldValue>) -> Result<Self, &'static str>;

    /// The stored columns, comma-separated, in order.
    fn columns() -> String {
        Self::FIELDS
            .iter()
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How a Rust field type is stored.
pub trait FieldType: Sized {
    /// Whether the field may be absent (an `Option`).
    const NULLABLE: bool = false;
    fn to_value(&self) -> FieldValue;
    fn from_value(v: FieldValue) -> Option<Self>;
}

impl FieldType for String {
    fn to_value(&self) -> FieldValue {
        FieldValue::Text(self.clone())
    }
    fn from_value(v: FieldValue) -> Option<Self> {
        match v {
            FieldValue::Text(s) => Some(s),
            // Older rows may hold NULL in a text column that is now required.
            FieldValue::Null => Some(String::new()),
            FieldValue::Int(_) => None,
        }
    }
}

impl FieldType for Option<String> {
    const NULLABLE: bool = true;
    fn to_value(&self) -> FieldValue {
        self.as_ref()
            .map_or(FieldValue::Null, |s| FieldValue::Text(s.clone()))
    }
    fn from_value(v: FieldValue) -> Option<Self> {
        match v {
            FieldValue::Text(s) => Some(Some(s)),
            FieldValue::Null => Some(None),
            FieldValue::Int(_) => None,
        }
    }
}

impl FieldType for i64 {
    fn to_value(&self) -> FieldValue {
        FieldValue::Int(*self)
    }
    fn from_value(v: FieldValue) -> Option<Self> {
        match v {
            FieldValue::Int(i) => Some(i),
            _ => None,
        }
    }
}

impl FieldType for bool {
    fn to_value(&self) -> FieldValue {
        FieldValue::Int(i64::from(*self))
    }
    fn from_value(v: FieldValue) -> Option<Self> {
        match v {
            FieldValue::Int(i) => Some(i != 0),
            _ => None,
        }
    }
}

impl FieldType for Vec<String> {
    fn to_value(&self) -> FieldValue {
        FieldValue::Text(serde_json::to_string(self).unwrap_or_else(|_| "[]".into()))
    }
    fn from_value(v: FieldValue) -> Option<Self> {
        match v {
            FieldValue::Text(s) => serde_json::from_str(&s).ok(),
            _ => None,
        }
    }
}

/// `Text`-stored enums are stored by name, optional ones as NULL when absent.
macro_rules! enum_field_type {
    ($t:ty) => {
        impl $crate::fields::FieldType for $t {
            fn to_value(&self) -> $crate::fields::FieldValue {
                $crate::fields::FieldValue::Text(self.as_str().to_string())
            }
            fn from_value(v: $crate::fields::FieldValue) -> Option<Self> {
                match v {
                    $crate::fields::FieldValue::Text(s) => <$t>::parse(&s),
                    _ => None,
                }
            }
        }
        impl $crate::fields::FieldType for Option<$t> {
            const NULLABLE: bool = true;
            fn to_value(&self) -> $crate::fields::FieldValue {
                self.map_or($crate::fields::FieldValue::Null, |v| {
                    $crate::fields::FieldValue::Text(v.as_str().to_string())
                })
            }
            fn from_value(v: $crate::fields::FieldValue) -> Option<Self> {
                match v {
                    $crate::fields::FieldValue::Text(s) => <$t>::parse(&s).map(Some),
                    $crate::fields::FieldValue::Null => Some(None),
                    _ => None,
                }
            }
        }
    };
}

/// Declares a dated record's attributes: the struct (serde, ts-rs), `carry` (applying an
/// earlier change to a later version) and [`Fields`].
///
/// ```text
/// record! {
///     pub struct UnitAttrs {
///         pub name: String => Text, "名称", "Name", sheet("名称", "Name", required, "单位全称");
///     }
/// }
/// ```
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $t:ident {
            $(
                $(#[$fmeta:meta])*
                pub $f:ident : $ty:ty => $kind:expr, $zh:literal, $en:literal,
                    sheet($szh:literal, $sen:literal, $req:ident, $help:literal);
            )+
        }
    ) => {
        $(#[$meta])*
        // Not exported to TypeScript on its own: the UI sees it flattened into its record.
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub struct $t { $( $(#[$fmeta])* pub $f: $ty ),+ }

        impl $t {
            /// Applies the change `before → after` (made at an earlier date) to `self`, a later
            /// version: every field that `self` still has as it was `before` takes the value of
            /// `after`; fields changed on their own later keep their later value.
            pub fn carry(&self, before: &Self, after: &Self) -> Self {
                Self {
                    $($f: if self.$f == before.$f { after.$f.clone() } else { self.$f.clone() }),+
                }
            }
        }

        impl $crate::fields::Fields for $t {
            const FIELDS: &'static [$crate::fields::Field] = &[$(
                $crate::fields::Field {
                    name: stringify!($f),
                    zh: $zh,
                    en: $en,
                    kind: { use $crate::fields::FieldKind::*; $kind },
                    nullable: <$ty as $crate::fields::FieldType>::NULLABLE,
                    sheet: $crate::fields::SheetCol {
                        zh: $szh,
                        en: $sen,
                        required: record!(@req $req),
                        help: $help,
                    },
                }
            ),+];

            fn values(&self) -> Vec<$crate::fields::FieldValue> {
                vec![$( $crate::fields::FieldType::to_value(&self.$f) ),+]
            }

            fn from_values(values: Vec<$crate::fields::FieldValue>) -> Result<Self, &'static str> {
                let mut it = values.into_iter();
                Ok(Self {
                    $($f: it
                        .next()
                        .and_then($crate::fields::FieldType::from_value)
                        .ok_or(stringify!($f))?),+
                })
            }
        }
    };
    (@req required) => { true };
    (@req optional) => { false };
}

#[cfg(test)]
mod tests {
    use crate::{Fields, UnitAttrs, UnitKind};

    #[test]
    fn values_round_trip_and_show() {
        let a = UnitAttrs {
            name: "张店区支公司".into(),
            kind: UnitKind::Branch,
            parent_id: Some("zb".into()),
            econ_assessed: true,
            sort: 3,
            ..Default::default()
        };
        let v = a.values();
        assert_eq!(UnitAttrs::from_values(v.clone()), Ok(a));
        let name = |id: &str| format!("<{id}>");
        let shown = |field: &str| {
            let i = UnitAttrs::FIELDS
                .iter()
                .position(|f| f.name == field)
                .unwrap();
            UnitAttrs::FIELDS[i].show(&v[i], crate::Lang::Zh, &name)
        };
        assert_eq!(shown("name"), "张店区支公司");
        assert_eq!(shown("kind"), "分公司");
        assert_eq!(shown("parent_id"), "<zb>");
        assert_eq!(shown("control_mode"), "—");
        assert_eq!(shown("industry"), "");
        assert_eq!(shown("econ_assessed"), "是");
        assert_eq!(shown("sort"), "3");
        assert_eq!(shown("closed"), "否");
        // The columns are the fields, in declaration order.
        let names: Vec<&str> = UnitAttrs::FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(UnitAttrs::columns(), names.join(", "));
        assert!(UnitAttrs::columns().starts_with("name, kind, parent_id, control_mode"));
        assert_eq!(UnitAttrs::FIELDS[2].key(), "parent");
        let mut bad = UnitAttrs::FIELDS
            .iter()
            .map(|_| crate::FieldValue::Null)
            .collect::<Vec<_>>();
        bad[1] = crate::FieldValue::Text("workshop".into());
        assert_eq!(UnitAttrs::from_values(bad), Err("kind"));
    }
}
