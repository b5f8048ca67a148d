//! `gongkai check`: a report's diagnostics the way a compiler shows them, with the source line
//! and the cell named in the statutory labels.

use std::fmt::Write as _;

use gongkai::{Diagnostic, Options, Report, Severity, codes};
use serde::Serialize;
use serde_json::json;

use crate::batch::{self, Item, Status, Totals};
use crate::inputs::Input;
use crate::labels;
use crate::location::{self, LineCol};
use crate::style::Style;

/// `--format` of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `file:line:col: warning [code]: message`, the source line, the cell.
    Human,
    /// One JSON object per diagnostic per line, with `source`, `line`, `column` and `cell_label`.
    Json,
}

/// How `check` renders.
#[derive(Debug, Clone, Copy)]
pub struct CheckSettings {
    /// Output form.
    pub format: CheckFormat,
    /// The least severity shown.
    pub min_severity: Severity,
    /// Styling for stdout.
    pub style: Style,
    /// Widest source excerpt, in terminal columns.
    pub max_width: usize,
}

/// Whether a diagnostic makes `check` fail: a statutory identity that does not hold, or a
/// statutory table that is missing.
pub fn fails(d: &Diagnostic) -> bool {
    d.code.starts_with("identity.") || d.code == codes::TABLE_ABSENT
}

/// Whether a report fails `check`.
pub fn failing(report: &Report) -> bool {
    report.diagnostics.iter().any(fails)
}

/// Check one input.
pub fn render(input: &Input, options: &Options, settings: &CheckSettings) -> Item {
    let source = input.source();
    let bytes = match batch::read(input, options.max_input_bytes) {
        Ok(b) => b,
        Err(e) => return failed(source, 0, &e, settings),
    };
    let size = bytes.len() as u64;
    let decoded = match gongkai::decode(&bytes) {
        Ok(d) => d,
        Err(e) => return failed(source, size, &e, settings),
    };
    let mut report = match options.parse(&decoded.text) {
        Ok(r) => r,
        Err(e) => return failed(source, size, &e, settings),
    };
    report.diagnostics.insert(
        0,
        Diagnostic::new(
            Severity::Info,
            codes::INPUT_ENCODING,
            format!("decoded as {} ({})", decoded.encoding, decoded.decided_by),
        ),
    );
    let text: &str = &decoded.text;
    let mut out = String::new();
    for d in report.diagnostics.iter().filter(|d| d.severity >= settings.min_severity) {
        match settings.format {
            CheckFormat::Human => human(&mut out, &source, text, &report, d, settings),
            CheckFormat::Json => json_line(&mut out, &source, text, &report, d),
        }
    }
    let t = &report.tables;
    let status = Status::Parsed {
        with_tables: t.proactive.is_some() || t.requests.is_some() || t.review_litigation.is_some(),
        warnings: report.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
        errors: report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
        failing: failing(&report),
    };
    Item { source, bytes: size, out: out.into_bytes(), status }
}

fn failed(source: String, bytes: u64, e: &gongkai::Error, settings: &CheckSettings) -> Item {
    let message = e.to_string();
    let out = match settings.format {
        // The error line goes to stderr.
        CheckFormat::Human => Vec::new(),
        CheckFormat::Json => {
            let mut v = json!({"source": source, "error": {"kind": e.kind(), "message": message}}).to_string().into_bytes();
            v.push(b'\n');
            v
        }
    };
    Item { source, bytes, out, status: Status::Failed { kind: e.kind(), message } }
}

fn human(out: &mut String, source: &str, text: &str, report: &Report, d: &Diagnostic, s: &CheckSettings) {
    let st = s.style;
    let at = d.span.map(|span| (span, location::line_col(text, span.start)));
    let loc = match at {
        Some((_, LineCol { line, column })) => format!("{source}:{line}:{column}"),
        None => source.to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {} [{}]: {}",
        st.bold(&loc),
        st.severity(d.severity, d.severity.as_str()),
        d.code,
        st.bold(&d.message)
    );
    let cell = d.cell.map(|c| labels::cell(&c, report.template));
    let Some((span, lc)) = at else {
        if let Some(cell) = cell {
            let _ = writeln!(out, "  {} cell: {cell}", st.gutter("="));
        }
        return;
    };
    let number = lc.line.to_string();
    let pad = " ".repeat(number.len());
    let (line_start, line) = location::line_at(text, span.start);
    let from = span.start.saturating_sub(line_start).min(line.len());
    let to = span.end.saturating_sub(line_start).clamp(from, line.len());
    let (excerpt, a, b) = location::excerpt(line, from, to, s.max_width);
    let _ = writeln!(out, "{pad} {}", st.gutter("|"));
    let _ = writeln!(out, "{} {excerpt}", st.gutter(&format!("{number} |")));
    let marks = "^".repeat(b.saturating_sub(a).max(1));
    let _ = writeln!(out, "{pad} {} {}{}", st.gutter("|"), " ".repeat(a), st.severity(d.severity, &marks));
    if let Some(cell) = cell {
        let _ = writeln!(out, "{pad} {} cell: {cell}", st.gutter("="));
    }
    out.push('\n');
}

/// One line of `check --format json`.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    source: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    span: Option<gongkai::Span>,
    cell: Option<gongkai::CellRef>,
    cell_label: Option<String>,
    fails_check: bool,
}

fn json_line(out: &mut String, source: &str, text: &str, report: &Report, d: &Diagnostic) {
    let start = d.span.map(|s| location::line_col(text, s.start));
    let end = d.span.map(|s| location::line_col(text, s.end));
    let v = JsonDiagnostic {
        source,
        line: start.map(|p| p.line),
        column: start.map(|p| p.column),
        end_line: end.map(|p| p.line),
        end_column: end.map(|p| p.column),
        severity: d.severity,
        code: d.code,
        message: &d.message,
        span: d.span,
        cell: d.cell,
        cell_label: d.cell.map(|c| labels::cell(&c, report.template)),
        fails_check: fails(d),
    };
    if let Ok(line) = serde_json::to_string(&v) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The closing count.
pub fn closing(t: &Totals, style: Style) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let verdict = if t.failing == 0 && t.failed == 0 { style.ok("check passed") } else { style.error("check failed") };
    format!(
        "{verdict}: {} checked, {} with a broken statutory identity or a missing statutory table, {}, {}, {} unreadable",
        plural(t.files, "file", "files"),
        t.failing,
        plural(t.warnings, "warning", "warnings"),
        plural(t.error_diagnostics, "error", "errors"),
        t.failed
    )
}
