//! `gongkai parse`: each input as a Report object (`docs/output.md`), JSON Lines, or the long
//! cells table in CSV.

use std::io::{self, Write};

use gongkai::{Options, Report, Severity};
use serde::Serialize;

use crate::batch::{self, Item, Status};
use crate::inputs::Input;

/// `--format` of `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One report object (one input), or a JSON array of reports with `source` (several).
    Json,
    /// One report object with `source` per line (the default for several inputs).
    Jsonl,
    /// The long cells table: source,table,row,column,value.
    Csv,
}

/// How a batch is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `json` with one input: the bare report, pretty-printed.
    Single,
    /// `json` with several inputs: one array of reports with `source`.
    Array,
    /// `jsonl`.
    Lines,
    /// `csv`.
    Csv,
}

impl Layout {
    /// The layout for a format and the number of inputs.
    pub fn new(format: Format, single_input: bool) -> Self {
        match format {
            Format::Json if single_input => Layout::Single,
            Format::Json => Layout::Array,
            Format::Jsonl => Layout::Lines,
            Format::Csv => Layout::Csv,
        }
    }
}

/// The CSV header.
pub const CSV_HEADER: &str = "source,table,row,column,value\n";

#[derive(Serialize)]
struct WithSource<'a> {
    source: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct Failure<'a> {
    source: &'a str,
    error: ErrorObject<'a>,
}

#[derive(Serialize)]
struct ErrorObject<'a> {
    kind: &'a str,
    message: &'a str,
}

/// Quote a CSV field when it needs it (RFC 4180).
pub fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

fn to_json<T: Serialize>(value: &T, pretty: bool) -> Vec<u8> {
    let mut out = if pretty { serde_json::to_vec_pretty(value) } else { serde_json::to_vec(value) }.unwrap_or_default();
    if pretty {
        // Array elements are separated and closed by the writer.
        return out;
    }
    out.push(b'\n');
    out
}

/// Parse one input and render it for the layout.
pub fn render(input: &Input, options: &Options, layout: Layout) -> Item {
    let source = input.source();
    let read = batch::read(input, options.max_input_bytes);
    let bytes = read.as_ref().map_or(0, |b| b.len() as u64);
    let parsed = read.and_then(|b| options.parse_bytes(&b));
    match parsed {
        Ok(report) => {
            let t = &report.tables;
            let status = Status::Parsed {
                with_tables: t.proactive.is_some() || t.requests.is_some() || t.review_litigation.is_some(),
                warnings: report.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
                errors: report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
                failing: crate::check_cmd::failing(&report),
            };
            let out = match layout {
                Layout::Single => {
                    let mut v = to_json(&report, true);
                    v.push(b'\n');
                    v
                }
                Layout::Array => to_json(&WithSource { source: &source, report: &report }, true),
                Layout::Lines => to_json(&WithSource { source: &source, report: &report }, false),
                Layout::Csv => cells_csv(&source, &report),
            };
            Item { source, bytes, out, status }
        }
        Err(e) => {
            let message = e.to_string();
            let failure = Failure { source: &source, error: ErrorObject { kind: e.kind(), message: &message } };
            let out = match layout {
                Layout::Single => {
                    let mut v = to_json(&failure, true);
                    v.push(b'\n');
                    v
                }
                Layout::Array => to_json(&failure, true),
                Layout::Lines => to_json(&failure, false),
                // The error line on stderr says it; the cells table has no place for it.
                Layout::Csv => Vec::new(),
            };
            Item { source, bytes, out, status: Status::Failed { kind: e.kind(), message } }
        }
    }
}

/// Every cell of every table present, one CSV line each (blank value for a blank cell).
pub fn cells_csv(source: &str, report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    let source = csv_field(source);
    let t = &report.tables;
    for table in [&t.proactive, &t.requests, &t.review_litigation].into_iter().flatten() {
        let kind = table.kind.as_str();
        for (row, column, value) in table.cells() {
            let value = value.map(|v| v.to_string()).unwrap_or_default();
            let _ = writeln!(out, "{source},{kind},{row},{column},{value}");
        }
    }
    out
}

/// Writes items in order, adding the array brackets and separators or the CSV header.
pub struct Writer<W: Write> {
    out: W,
    layout: Layout,
    written: usize,
}

impl<W: Write> Writer<W> {
    /// Start the output (the CSV header).
    pub fn new(mut out: W, layout: Layout) -> io::Result<Self> {
        if layout == Layout::Csv {
            out.write_all(CSV_HEADER.as_bytes())?;
        }
        Ok(Writer { out, layout, written: 0 })
    }

    /// Write one item.
    pub fn item(&mut self, item: &Item) -> io::Result<()> {
        if self.layout == Layout::Array {
            self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        self.out.write_all(&item.out)?;
        self.written += 1;
        Ok(())
    }

    /// Close the output (the array's bracket) and flush.
    pub fn finish(mut self) -> io::Result<()> {
        if self.layout == Layout::Array {
            self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a.txt"), "a.txt");
        assert_eq!(csv_field("a,b.txt"), "\"a,b.txt\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn json_lines_carry_the_source_beside_the_report() {
        let report = gongkai::parse("某某镇2022年政府信息公开工作年度报告\n").unwrap_or_default();
        let line = to_json(&WithSource { source: "x.txt", report: &report }, false);
        let v: serde_json::Value = serde_json::from_slice(&line).unwrap_or_default();
        assert_eq!(v["source"], "x.txt");
        let mut expected = report.to_json_value();
        if let Some(map) = expected.as_object_mut() {
            map.insert("source".into(), "x.txt".into());
        }
        assert_eq!(v, expected);
        assert_eq!(line.last(), Some(&b'\n'));
    }
}
