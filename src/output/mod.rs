//! One output pipeline for every command: a command produces typed [`Record`]s, [`writer`]
//! picks the [`Sink`] for the `--format`, and sinks write to any [`Write`]. Nothing here
//! knows stdout: the binary hands in a buffered stdout and treats a closed pipe as success,
//! once, at the top.
//!
//! A new format is one new file with a `Sink` and one line in [`writer`].

mod delimited;
mod json;
mod plain;
pub mod table;

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::error::Error;

/// Every `--format`; each command accepts the ones it can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Columns for people (the default on a terminal)
    Table,
    /// One line per item (the default when piped)
    Plain,
    /// Each problem with its place in the file, then a summary line
    Text,
    /// Tab-separated rows with a header
    Tsv,
    /// Comma-separated rows with a header (RFC 4180)
    Csv,
    /// A pretty-printed JSON array of objects
    Json,
    /// Per campaign a heading and a bullet per URL, ready to paste
    Markdown,
    /// One ready-to-send plain-text message per advertiser
    Email,
    /// Each URL as the callback parameter to append to an Adjust link
    Adjust,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Plain => "plain",
            Format::Text => "text",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Email => "email",
            Format::Adjust => "adjust",
        }
    }

    /// `format` when given, else a table on a terminal and plain lines otherwise.
    pub fn or_default(format: Option<Format>, is_terminal: bool) -> Format {
        match format {
            Some(format) => format,
            None if is_terminal => Format::Table,
            None => Format::Plain,
        }
    }
}

/// One item of a command's output: a URL row, a check report, a test link, a problem.
pub trait Record: Serialize + Sized {
    /// The columns of a table.
    fn table_header() -> &'static [&'static str];

    /// The record's lines of a table (a check report has one per finding).
    fn table_rows(&self) -> Vec<Vec<String>>;

    /// The record as plain lines.
    fn plain(&self, out: &mut dyn Write) -> Result<(), Error>;

    /// The columns of TSV and CSV: the table's unless the record has its own.
    fn delimited_header() -> &'static [&'static str] {
        Self::table_header()
    }

    /// The record's TSV and CSV rows.
    fn delimited_rows(&self) -> Vec<Vec<Cow<'_, str>>> {
        let rows = self.table_rows();
        rows.into_iter()
            .map(|row| row.into_iter().map(Cow::Owned).collect())
            .collect()
    }
}

/// Writes records in one format. A format that can write a record at once does, so output
/// streams; a table or an email needs every record first and writes at [`Sink::finish`].
pub trait Sink<R> {
    /// What comes before the first record (a header, an opening bracket).
    fn begin(&mut self, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }

    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error>;

    /// Writes the rest.
    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error>;
}

/// The writer of `format` for records of type `R`.
pub fn writer<'a, R: Record + 'a>(
    format: Format,
    color: bool,
) -> Result<Box<dyn Sink<R> + 'a>, Error> {
    Ok(match format {
        Format::Table => Box::new(table::Table::new(color)),
        Format::Plain | Format::Text => Box::new(plain::Plain),
        Format::Tsv => Box::new(delimited::Tsv),
        Format::Csv => Box::new(delimited::Csv::new()),
        Format::Json => Box::new(json::JsonArray::default()),
        Format::Markdown | Format::Email | Format::Adjust => {
            return Err(Error::usage(format!(
                "--format {} is only for `postback urls`",
                format.name()
            )))
        }
    })
}

/// Writes every record of `records` as `format`.
pub fn write_all<'a, R: Record + 'a>(
    format: Format,
    color: bool,
    records: impl IntoIterator<Item = R>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut sink = writer::<R>(format, color)?;
    sink.begin(out)?;
    for record in records {
        sink.record(record, out)?;
    }
    sink.finish(out)
}

/// `value` as pretty-printed JSON with a final line break: every JSON output of the tool
/// that is not a stream of records.
pub fn json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> Result<(), Error> {
    json::write_pretty(value, out)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_link::TestLink;

    fn link(id: u64) -> TestLink<'static> {
        TestLink {
            advertiser: "acme",
            campaign_id: id,
            campaign: "Sale",
            url: format!("https://a.test/click?campaign_id={id}&pub_id=2"),
        }
    }

    fn written(format: Format) -> Result<String, Error> {
        let mut out = Vec::new();
        write_all(format, false, [link(1), link(2)], &mut out)?;
        Ok(String::from_utf8(out).expect("UTF-8"))
    }

    #[test]
    fn each_format_is_named_as_the_command_line_takes_it() {
        use clap::ValueEnum;
        for format in Format::value_variants() {
            let parsed = Format::from_str(format.name(), false);
            assert_eq!(parsed, Ok(*format));
        }
    }

    #[test]
    fn one_factory_writes_any_record_in_the_shared_formats() {
        let plain = written(Format::Plain).expect("plain");
        assert_eq!(plain.lines().count(), 2);
        let json: serde_json::Value =
            serde_json::from_str(&written(Format::Json).expect("json")).expect("valid JSON");
        assert_eq!(json[1]["campaign_id"], 2);
        let tsv = written(Format::Tsv).expect("tsv");
        assert!(
            tsv.starts_with("Campaign\tAdvertiser\tTest link\n1 Sale\tacme\t"),
            "{tsv}"
        );
        let table = written(Format::Table).expect("table");
        assert!(table.lines().all(|l| l == l.trim_end()), "{table}");
        let refused = written(Format::Markdown).unwrap_err();
        assert_eq!(refused.exit_code().code(), 2);
    }
}
