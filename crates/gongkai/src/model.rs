//! The report model: what a parsed report holds, and its JSON form (`spec/output.md`).

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Which national format a report follows. Decided from the labels the text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// 国办公开办函〔2021〕30号: reports on 2021 and later.
    F2021,
    /// 国办公开办函〔2019〕60号 (试行): reports on 2019 and 2020.
    F2019,
    /// Free-form reports under the 2008 regulation.
    Pre2019,
    /// Nothing in the text tells.
    #[default]
    Unknown,
}

impl Template {
    /// The JSON name: `"f2021"`, `"f2019"`, `"pre2019"` or `"unknown"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::F2021 => "f2021",
            Template::F2019 => "f2019",
            Template::Pre2019 => "pre2019",
            Template::Unknown => "unknown",
        }
    }
}

/// A byte range `[start, end)` into the decoded text the parser read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&self.start)?;
        seq.serialize_element(&self.end)?;
        seq.end()
    }
}

/// A cell's value: a count, or an amount that may carry decimals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number as written (counts; signed for F2019 `本年增/减`).
    Int(i64),
    /// A decimal as written (amounts in 万元).
    Decimal(f64),
}

impl Number {
    /// The value as `f64`.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Decimal(d) => d,
        }
    }
    /// The value as `i64` when it is whole.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(i),
            Number::Decimal(d) if d.fract() == 0.0 && d.abs() < 9.0e15 => Some(d as i64),
            Number::Decimal(_) => None,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Decimal(d) => write!(f, "{d}"),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Int(i) => s.serialize_i64(i),
            Number::Decimal(d) => s.serialize_f64(d),
        }
    }
}

/// The three statutory tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 表二 (section 二): proactive disclosure under Article 20.
    Proactive,
    /// 表三 (section 三): requests received and how they were handled.
    Requests,
    /// 表四 (section 四): administrative reviews and lawsuits.
    ReviewLitigation,
}

impl TableKind {
    /// The JSON key of the table: `proactive`, `requests` or `review_litigation`.
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Proactive => "proactive",
            TableKind::Requests => "requests",
            TableKind::ReviewLitigation => "review_litigation",
        }
    }
}

/// One row of a statutory table: its key and its cells in template order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row key, e.g. `new_received`.
    pub key: &'static str,
    /// `(column key, value)` in template order; `None` is a blank, placeholder or unreadable cell.
    pub cells: Vec<(&'static str, Option<Number>)>,
    /// Where the row (label and values) lies in the text, when it was found. Not part of the JSON.
    pub span: Option<Span>,
}

/// A statutory table with every row and column of its template.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Which table this is.
    pub kind: TableKind,
    /// Rows in template order.
    pub rows: Vec<Row>,
    /// Where the table lies in the text.
    pub span: Span,
}

impl Table {
    /// The value of a cell: `None` when the cell is blank or when there is no such cell.
    pub fn get(&self, row: &str, column: &str) -> Option<Number> {
        self.cell(row, column).flatten()
    }

    /// `Some(value)` when the template has this cell (the value itself may be blank).
    pub fn cell(&self, row: &str, column: &str) -> Option<Option<Number>> {
        let row = self.rows.iter().find(|r| r.key == row)?;
        row.cells.iter().find(|(c, _)| *c == column).map(|(_, v)| *v)
    }

    /// Every cell as `(row, column, value)`, in template order.
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &'static str, Option<Number>)> + '_ {
        self.rows.iter().flat_map(|r| r.cells.iter().map(move |(c, v)| (r.key, *c, *v)))
    }

    pub(crate) fn set(&mut self, row: &str, column: &str, value: Option<Number>) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.key == row) {
            if let Some(cell) = r.cells.iter_mut().find(|(c, _)| *c == column) {
                cell.1 = value;
            }
        }
    }
}

struct RowCells<'a>(&'a [(&'static str, Option<Number>)]);

impl Serialize for RowCells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

struct Rows<'a>(&'a [Row]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for r in self.0 {
            map.serialize_entry(r.key, &RowCells(&r.cells))?;
        }
        map.end()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("rows", &Rows(&self.rows))?;
        map.serialize_entry("span", &self.span)?;
        map.end()
    }
}

/// The three statutory tables, each `None` when the report does not contain it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Tables {
    /// 表二, proactive disclosure.
    pub proactive: Option<Table>,
    /// 表三, requests.
    pub requests: Option<Table>,
    /// 表四, reviews and lawsuits.
    pub review_litigation: Option<Table>,
}

impl Tables {
    /// The table of the given kind.
    pub fn get(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::Proactive => self.proactive.as_ref(),
            TableKind::Requests => self.requests.as_ref(),
            TableKind::ReviewLitigation => self.review_litigation.as_ref(),
        }
    }
}

/// The statistical period a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`.
    pub end: String,
}

/// The report's own contact details (never the portal footer's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Contact {
    /// 地址 / 办公地址.
    pub address: Option<String>,
    /// 邮编.
    pub postcode: Option<String>,
    /// 电话 / 联系电话.
    pub phone: Option<String>,
    /// 传真.
    pub fax: Option<String>,
    /// 电子邮箱.
    pub email: Option<String>,
}

/// What the report says about itself.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Meta {
    /// The title as written (white space collapsed).
    pub title: Option<String>,
    /// The issuing body as written in the title or opening sentence.
    pub body: Option<String>,
    /// The reporting year (the year the figures cover).
    pub year: Option<i32>,
    /// Publication date `YYYY-MM-DD` where the page states one.
    pub published: Option<String>,
    /// The statistical period.
    pub period: Option<Period>,
    /// The report's own contact.
    pub contact: Option<Contact>,
    /// Where the report says its electronic version can be read.
    pub url: Option<String>,
}

/// One top-level part of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// `overview`, `proactive`, `requests`, `review_litigation`, `problems`, `other` (and, for
    /// pre2019, `on_request`, `fees`, `consultation`, `interpretation_response`, `institutions`,
    /// `annex`), or `unknown`.
    pub key: &'static str,
    /// The ordinal as written (一 = 1).
    pub number: Option<u32>,
    /// The heading as written.
    pub heading: String,
    /// The part's text after the heading, page clutter removed.
    pub text: String,
    /// Where the part lies in the input.
    pub span: Span,
}

/// One row of a pre-2019 statistics table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegacyRow {
    /// 指标名称 as written.
    pub label: String,
    /// 计量单位.
    pub unit: Option<String>,
    /// The figure for the year.
    pub value: Option<Number>,
    /// 历年累计, where given.
    pub cumulative: Option<Number>,
}

/// Figures stated in the prose, kept beside the tables.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Narrative {
    /// 全年主动公开政府信息N条.
    pub proactive_total: Option<i64>,
    /// 收到/受理…申请N件.
    pub requests_received: Option<i64>,
    /// 行政复议N件 (无行政复议 = 0).
    pub reviews: Option<i64>,
    /// 行政诉讼N件.
    pub lawsuits: Option<i64>,
    /// Whether an information-processing fee was charged (未收取 = false).
    pub fee_charged: Option<bool>,
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (how the input was decoded, a value converted).
    Info,
    /// Something the reader should check: a broken identity, an unplaced value.
    Warning,
    /// Something the parser could not do.
    Error,
}

impl Severity {
    /// `"info"`, `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A cell of a statutory table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CellRef {
    /// Table key.
    pub table: &'static str,
    /// Row key.
    pub row: &'static str,
    /// Column key.
    pub column: &'static str,
}

/// Something the parser noticed and could not settle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// A stable dotted code, one of [`codes`](crate::codes).
    pub code: &'static str,
    /// What happened, in words.
    pub message: String,
    /// Where in the text.
    pub span: Option<Span>,
    /// The cell concerned.
    pub cell: Option<CellRef>,
}

impl Diagnostic {
    /// A diagnostic with no span and no cell.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), span: None, cell: None }
    }
    /// With a span.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
    /// With a cell.
    pub fn cell(mut self, table: &'static str, row: &'static str, column: &'static str) -> Self {
        self.cell = Some(CellRef { table, row, column });
        self
    }
}

/// A parsed report: the JSON object of `spec/output.md`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Report {
    /// The national format the report follows.
    pub template: Template,
    /// Title, body, year, dates, contact.
    pub meta: Meta,
    /// Top-level parts in reading order.
    pub sections: Vec<Section>,
    /// The three statutory tables.
    pub tables: Tables,
    /// A pre-2019 statistics table, row by row.
    pub legacy_statistics: Vec<LegacyRow>,
    /// Figures stated in the prose.
    pub narrative: Narrative,
    /// Everything the parser noticed and could not settle.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The report as a JSON value in the form of `spec/output.md`.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The report as a JSON string.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Diagnostics of at least the given severity.
    pub fn diagnostics_at_least(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(move |d| d.severity >= severity)
    }
}
