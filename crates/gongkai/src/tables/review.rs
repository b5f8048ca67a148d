//! 表四: 政府信息公开行政复议、行政诉讼情况 (administrative reviews and lawsuits).
//!
//! One row of fifteen numbers under a header of up to eighteen labels, which scraped text often
//! truncates (`结果 | 结果 | 其他 | 尚未 | 总计`) or breaks one character per line. So the table is
//! found by its anchor words and read by position: the first fifteen values after the header.
//! I4 to I6 (each 总计 = the sum of its four parts) settle digits that ran together.

use super::cells::{ColumnKind, Kind, Stop, Token, tokenize_until};
use super::locate::{self, Hit};
use super::split::LineProfile;
use super::{Located, cut_after_values, place_row, settle};
use crate::fold::Folded;
use crate::identities::sum;
use crate::model::{Diagnostic, Number, Row, Span, Table, TableKind, Template};
use crate::template::{REVIEW_COLUMNS, REVIEW_ROWS, RowSpec, empty_table};

/// Words that only 表四's header uses.
pub(crate) const ANCHORS: &[&str] = &["未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "尚未审结"];

/// How far the first value may stand after the anchor word: the rest of an eighteen-label header,
/// however it is broken into lines.
const MAX_HEADER_BYTES: usize = 1500;

/// Where 表四's header is, if it is in `[from, until)`.
pub(crate) fn anchor(doc: &Folded<'_>, from: usize, until: usize) -> Option<Hit> {
    let hit = locate::find_any(doc, ANCHORS, from, until)?;
    // Start the header at 行政复议 when it stands just before.
    let back = hit.start.saturating_sub(120).max(from);
    let start = doc.find("行政复议", back, hit.start).unwrap_or(hit.start);
    Some(Hit { start, end: hit.end })
}

/// I4 to I6 on the fifteen cells.
fn totals_hold(cells: &[Option<Number>]) -> bool {
    cells.chunks(5).all(|c| {
        let total = c.get(4).copied().flatten();
        match (total, sum(c[..4].iter().copied())) {
            (Some(t), Some(s)) => (t.as_f64() - s).abs() < 1e-6,
            (Some(t), None) => t.as_f64() == 0.0,
            (None, _) => false,
        }
    })
}

/// Read 表四 from its header on.
pub(crate) fn read(doc: &Folded<'_>, at: Hit, until: usize, profile: &LineProfile, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let start = doc.orig_start(at.start);
    let end = doc.orig_start(until).max(start);
    let tokens = tokenize_until(doc.text, start, end, Stop::FirstValue);
    // The header is every word before the first value; values are counted from its last word.
    let first_value = tokens.iter().position(Token::is_value)?;
    let header_end = tokens[..first_value].iter().rev().find(|t| t.kind == Kind::Text).map_or(start, |t| t.span.end);
    // Numbers far below the header words belong to prose, not to this table.
    if first_value == 0 || tokens[first_value].span.start.saturating_sub(doc.orig_end(at.end)) > MAX_HEADER_BYTES {
        return None;
    }
    let mut region_end = end;
    let mut values = tokenize_until(doc.text, header_end, end, Stop::WordsAfterValues);
    cut_after_values(&mut values, &mut region_end);
    let kinds = [ColumnKind::Count; 15];
    let placement = place_row(&values, &kinds, &[(4, 0..4), (9, 5..9), (14, 10..14)], &totals_hold, true, profile);
    let span = Span::new(start, values.iter().rev().find(|t| t.is_value()).map_or(region_end, |t| t.span.end));
    // Each row's span is where the fifteen numbers stand, so that a broken total points there.
    let numbers = values.iter().find(|t| t.is_value()).map_or(span, |t| Span::new(t.span.start, span.end));
    let fifteen = Located { spec: &ALL_CELLS, label: Some(at), tokens: values, region_lines: 0, span: Some(span) };
    let mut flat = Table {
        kind: TableKind::ReviewLitigation,
        rows: vec![Row { key: "review", cells: FLAT_COLUMNS.iter().map(|c| (*c, None)).collect(), span: None }],
        span,
    };
    settle(doc, &mut flat, &fifteen, &placement, "表四", diagnostics);
    let mut table = empty_table(TableKind::ReviewLitigation, Template::F2021, span);
    for (i, &row) in REVIEW_ROWS.iter().enumerate() {
        for (j, &col) in REVIEW_COLUMNS.iter().enumerate() {
            table.set(row, col, flat.get("review", FLAT_COLUMNS[i * 5 + j]));
        }
        if let Some(r) = table.rows.iter_mut().find(|r| r.key == row) {
            r.span = Some(numbers);
        }
    }
    Some(table)
}

/// The fifteen cells in the order they are written.
const FLAT_COLUMNS: [&str; 15] = [
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "lit_direct_upheld",
    "lit_direct_corrected",
    "lit_direct_other",
    "lit_direct_pending",
    "lit_direct_total",
    "lit_after_review_upheld",
    "lit_after_review_corrected",
    "lit_after_review_other",
    "lit_after_review_pending",
    "lit_after_review_total",
];

/// 表四 read as one row of fifteen cells, then spread over its three rows.
static ALL_CELLS: RowSpec = RowSpec { key: "review", ordinal: "", labels: &[], columns: &FLAT_COLUMNS };
