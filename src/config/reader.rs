//! Typed access to a spanned TOML table that reports, rather than stops at, every problem:
//! a wrong type, a missing required key, and (when the table is finished) each unknown key.

use std::borrow::Cow;

use toml::de::{DeInteger, DeTable, DeValue};
use toml::Spanned;

use super::{At, Span, Str};
use crate::diagnostic::Diagnostics;
use crate::suggest::{closest, did_you_mean};

/// A table being read: keys are taken out as they are read, so what is left at the end is
/// unknown.
pub struct Table<'s> {
    entries: DeTable<'s>,
    pub span: Span,
    /// How messages name the table, e.g. `[network]` or `[[campaigns]]`.
    pub name: Cow<'static, str>,
}

/// What a value is, for a message: built only when there is a problem to report (reading a
/// large file must not format a sentence for every value).
pub type What<'a> = &'a dyn Fn() -> String;

pub type Value<'s> = Spanned<DeValue<'s>>;

impl<'s> Table<'s> {
    pub fn new(entries: DeTable<'s>, span: Span, name: impl Into<Cow<'static, str>>) -> Self {
        Table {
            entries,
            span,
            name: name.into(),
        }
    }

    /// Converts a value to a table, reporting anything else.
    pub fn from_value(
        value: Value<'s>,
        name: impl Into<Cow<'static, str>>,
        d: &mut Diagnostics,
    ) -> Option<Self> {
        let name = name.into();
        let span = value.span();
        match value.into_inner() {
            DeValue::Table(entries) => Some(Table::new(entries, span, name)),
            other => {
                d.error(
                    span,
                    format!("{name} must be a table, found {}", other.type_str()),
                );
                None
            }
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn take(&mut self, key: &str) -> Option<(Span, Value<'s>)> {
        self.entries.remove_entry(key).map(|(k, v)| (k.span(), v))
    }

    fn what(&self, key: &str) -> String {
        format!("`{key}` in {}", self.name)
    }

    pub fn string(&mut self, key: &str, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
        let (_, value) = self.take(key)?;
        expect_string(value, &|| self.what(key), d)
    }

    /// A required string: reports it missing at the table.
    pub fn required_string(&mut self, key: &str, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
        if !self.entries.contains_key(key) {
            d.error(
                self.span.clone(),
                format!("{} is missing `{key}`", self.name),
            );
            return None;
        }
        self.string(key, d)
    }

    pub fn integer(&mut self, key: &str, d: &mut Diagnostics) -> Option<At<i64>> {
        let (_, value) = self.take(key)?;
        expect_integer(value, &|| self.what(key), d)
    }

    pub fn boolean(&mut self, key: &str, d: &mut Diagnostics) -> Option<At<bool>> {
        let (_, value) = self.take(key)?;
        let span = value.span();
        match value.into_inner() {
            DeValue::Boolean(b) => Some(At::new(b, span)),
            other => {
                type_error(d, span, &|| self.what(key), "true or false", &other);
                None
            }
        }
    }

    /// An array of strings (`params = ["txn_id"]`); absent means empty.
    pub fn strings(&mut self, key: &str, d: &mut Diagnostics) -> Vec<At<Str<'s>>> {
        let Some((_, value)) = self.take(key) else {
            return Vec::new();
        };
        let what = || self.what(key);
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                let mut strings: Vec<_> = (items.into_iter())
                    .filter_map(|item| {
                        expect_string(item, &|| format!("an entry of {}", what()), d)
                    })
                    .collect();
                // Collected in place, the list would keep the larger buffer of the TOML
                // values: on a large file, the model would be twice its size.
                strings.shrink_to_fit();
                strings
            }
            other => {
                type_error(d, span, &what, "an array of strings", &other);
                Vec::new()
            }
        }
    }

    /// A sub-table, named `[<parent>.<key>]` in messages.
    pub fn table(
        &mut self,
        key: &str,
        name: impl Into<Cow<'static, str>>,
        d: &mut Diagnostics,
    ) -> Option<Table<'s>> {
        let (_, value) = self.take(key)?;
        Table::from_value(value, name, d)
    }

    /// An array of tables (`[[campaigns]]`); absent means empty.
    pub fn tables(&mut self, key: &str, name: &'static str, d: &mut Diagnostics) -> Vec<Table<'s>> {
        let Some((_, value)) = self.take(key) else {
            return Vec::new();
        };
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => items
                .into_iter()
                .filter_map(|item| Table::from_value(item, name, d))
                .collect(),
            other => {
                type_error(
                    d,
                    span,
                    &|| format!("`{key}`"),
                    &format!("{name} tables"),
                    &other,
                );
                Vec::new()
            }
        }
    }

    /// The remaining entries with their keys, for tables whose keys are data
    /// (`[advertisers]`, `fixed`, `[network.params]`).
    pub fn into_entries(self) -> impl Iterator<Item = (At<Str<'s>>, Value<'s>)> {
        self.entries.into_iter().map(|(k, v)| {
            let span = k.span();
            (At::new(k.into_inner(), span), v)
        })
    }

    /// Reports each key not taken as unknown, suggesting the closest of `known`, or the key
    /// an alias (a name used elsewhere for the same thing, `(alias, key)`) stands for.
    pub fn finish(self, known: &[&str], aliases: &[(&str, &str)], d: &mut Diagnostics) {
        for (key, _) in self.entries {
            let span = key.span();
            let key = key.into_inner();
            let hint = closest(&key, aliases.iter().map(|(alias, _)| alias))
                .and_then(|alias| aliases.iter().find(|(a, _)| *a == alias))
                .map(|(_, target)| format!("did you mean `{target}`?"));
            let hint = hint.or_else(|| did_you_mean(&key, known));
            d.error(span, format!("unknown key `{key}` in {}", self.name))
                .with_maybe_hint(hint);
        }
    }
}

pub fn expect_string<'s>(
    value: Value<'s>,
    what: What<'_>,
    d: &mut Diagnostics,
) -> Option<At<Str<'s>>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::String(s) => Some(At::new(s, span)),
        other => {
            type_error(d, span, what, "a string", &other);
            None
        }
    }
}

pub fn expect_integer(value: Value<'_>, what: What<'_>, d: &mut Diagnostics) -> Option<At<i64>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Integer(i) => integer(&i, span.clone(), what, d).map(|n| At::new(n, span)),
        other => {
            type_error(d, span, what, "an integer", &other);
            None
        }
    }
}

/// An integer's value, or `None` after reporting one too large for `T`.
pub fn integer<T: TryFrom<i128>>(
    i: &DeInteger,
    span: Span,
    what: What<'_>,
    d: &mut Diagnostics,
) -> Option<T> {
    let value = i128::from_str_radix(i.as_str(), i.radix()).ok();
    let value = value.and_then(|n| T::try_from(n).ok());
    if value.is_none() {
        d.error(span, format!("{} is too large", what()));
    }
    value
}

pub fn type_error(
    d: &mut Diagnostics,
    span: Span,
    what: What<'_>,
    expected: &str,
    found: &DeValue<'_>,
) {
    d.error(
        span,
        format!("{} must be {expected}, found {}", what(), found.type_str()),
    );
}

/// A positive id, or `None` after reporting another number.
pub fn positive(n: &At<i64>, what: &str, d: &mut Diagnostics) -> Option<u64> {
    match u64::try_from(n.value) {
        Ok(id) if id > 0 => Some(id),
        _ => {
            d.error(
                n.span.clone(),
                format!("{what} must be a positive integer, found {}", n.value),
            );
            None
        }
    }
}

/// A table whose keys are parameter names and values strings (`[... .macro]`, macro sets).
pub fn string_entries<'s>(
    table: Table<'s>,
    name: &str,
    d: &mut Diagnostics,
) -> Vec<(At<Str<'s>>, At<Str<'s>>)> {
    table
        .into_entries()
        .filter_map(|(key, value)| {
            let what = || format!("`{}` in {name}", key.value);
            let value = expect_string(value, &what, d)?;
            Some((key, value))
        })
        .collect()
}
