//! The three statutory tables: 表二 ([`proactive`]), 表三 ([`requests`]), 表四 ([`review`]).
//!
//! Each table is found by its labels, in template order, in the folded text; the values of a row
//! are read from the original text between its label and the next one ([`cells`]), and placed
//! into the row's cells ([`split`]): one token per cell when the counts agree, by the layout when
//! blank cells leave gaps, and by the statutory identities when digits of adjacent cells ran
//! together. What cannot be placed stays blank and is reported, with its span.

mod cells;
mod locate;
mod proactive;
mod requests;
mod review;
mod split;

use cells::{ColumnKind, Kind, Stop, Token, tokenize_until};
use locate::Hit;
use split::{Cells, LineProfile, SumRule};

use crate::codes;
use crate::fold::Folded;
use crate::model::{Diagnostic, Number, Section, Severity, Span, Table, TableKind, Tables, Template};
use crate::template::RowSpec;

/// What reading the tables found.
pub(crate) struct Read {
    pub tables: Tables,
    /// The format the table labels show, if any.
    pub template: Option<Template>,
}

/// Read every statutory table in the text.
pub(crate) fn read(doc: &Folded<'_>, diagnostics: &mut Vec<Diagnostic>) -> Read {
    let end = doc.folded.len();
    let t3_at = requests::anchor(doc, 0, end);
    let t4_at = review::anchor(doc, t3_at.map_or(0, |h| h.start), end);
    let t2_until = t3_at.or(t4_at).map_or(end, |h| h.start);
    let evidence = RunTogether::in_doc(doc);
    let mut profile = LineProfile::default();
    let (proactive, t2_template) = proactive::read(doc, 0, t2_until, &evidence, &mut profile, diagnostics);
    let t3_until = t4_at.map_or(end, |h| h.start);
    let (requests, t3_template) = match t3_at {
        Some(at) => requests::read(doc, at, t3_until, t2_template, &mut profile, diagnostics),
        None => (None, None),
    };
    let review = match t4_at {
        Some(at) => review::read(doc, at, end, &profile, diagnostics),
        None => None,
    };
    Read {
        tables: Tables { proactive, requests, review_litigation: review },
        template: t3_template.or(t2_template),
    }
}

/// The phrases the tables are searched by across the whole text (see [`crate::needles`]): each
/// table's anchors and the run-together probes.
pub(crate) fn needles() -> impl Iterator<Item = &'static str> {
    proactive::OPENERS
        .iter()
        .chain(review::ANCHORS)
        .chain(RUN_TOGETHER_PROBES)
        .copied()
        .chain(requests::anchor_labels())
}

/// A `table.absent` diagnostic for each statutory table the report should have and does not.
pub(crate) fn note_absent(
    tables: &Tables,
    template: Template,
    sections: &[Section],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !matches!(template, Template::F2021 | Template::F2019) {
        return;
    }
    let expected = [
        (TableKind::Proactive, "proactive", "表二 (主动公开政府信息情况)"),
        (TableKind::Requests, "requests", "表三 (收到和处理政府信息公开申请情况)"),
        (TableKind::ReviewLitigation, "review_litigation", "表四 (政府信息公开行政复议、行政诉讼情况)"),
    ];
    for (kind, key, name) in expected {
        if tables.get(kind).is_some() {
            continue;
        }
        let section = sections.iter().find(|s| s.key == key);
        let message = match section {
            Some(_) => format!("{name}: the section is there but no table follows (published as an image, or dropped)"),
            None => format!("{name}: not in the text"),
        };
        let mut d = Diagnostic::new(Severity::Warning, codes::TABLE_ABSENT, message);
        d.span = section.map(|s| s.span);
        diagnostics.push(d);
    }
}

/// Whether the document shows digits of adjacent cells run together: some row of several cells
/// whose values are one unbroken run of at least as many digits. Only then may a table without
/// identities (表二) have its numbers split.
pub(crate) struct RunTogether(bool);

impl RunTogether {
    fn in_doc(doc: &Folded<'_>) -> Self {
        // Cheap document-level evidence: a label of a multi-cell row followed in the text itself
        // (not the folded view, which drops the spaces between cells) by an unbroken run of at
        // least three digits.
        let f = doc.folded.as_bytes();
        let found = RUN_TOGETHER_PROBES.iter().any(|p| {
            doc.matches(p, f.len()).any(|at| {
                let after = doc.text.get(doc.orig_end(at + p.len())..).unwrap_or("");
                let after = after.trim_start_matches(|c: char| c.is_whitespace() || c == '|');
                after.bytes().take_while(u8::is_ascii_digit).count() >= 3
            })
        });
        RunTogether(found)
    }
}

/// Labels of multi-cell rows, whose values show whether digits ran together.
const RUN_TOGETHER_PROBES: &[&str] = &["规章", "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "结转下年度继续办理"];

/// One row as located: its spec, its label hit, and the tokens of its value region.
pub(crate) struct Located<'s> {
    pub spec: &'s RowSpec,
    pub label: Option<Hit>,
    pub tokens: Vec<Token>,
    /// Line breaks in the whole value region.
    pub region_lines: u32,
    /// Original span of label and values.
    pub span: Option<Span>,
}

/// Find the rows of `specs` in order within folded `[from, until)` and cut each one's value region.
/// The last row's region ends at the first words after its values.
pub(crate) fn locate_rows<'s>(doc: &Folded<'_>, specs: &[&'s RowSpec], from: usize, until: usize) -> Vec<Located<'s>> {
    let mut hits = Vec::with_capacity(specs.len());
    let mut pos = from;
    for spec in specs {
        let hit = locate::find_row(doc, spec, pos, until.min(pos.saturating_add(locate::MAX_GAP)));
        if let Some(h) = hit {
            pos = h.end;
        }
        hits.push(hit);
    }
    let mut rows = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let Some(hit) = hits[i] else {
            rows.push(Located { spec, label: None, tokens: Vec::new(), region_lines: 0, span: None });
            continue;
        };
        let next = hits[i + 1..].iter().flatten().next();
        let region_start = doc.orig_end(hit.end);
        let is_last = next.is_none();
        let region_end = next.map_or_else(|| doc.orig_start(until), |n| doc.orig_start(n.start)).max(region_start);
        let stop = if is_last { Stop::WordsAfterValues } else { Stop::End };
        let mut tokens = tokenize_until(doc.text, region_start, region_end, stop);
        let mut region_end = region_end;
        if is_last {
            cut_after_values(&mut tokens, &mut region_end);
        }
        let region_lines = doc.text.get(region_start..region_end).map_or(0, |r| r.matches('\n').count() as u32);
        let label_span = doc.span(hit.start, hit.end);
        let end = tokens.iter().rev().find(|t| t.is_value()).map_or(label_span.end, |t| t.span.end);
        rows.push(Located { spec, label: Some(hit), tokens, region_lines, span: Some(Span::new(label_span.start, end)) });
    }
    rows
}

/// Cut a table's last region at the first words after its values (the next heading, prose).
pub(crate) fn cut_after_values(tokens: &mut Vec<Token>, region_end: &mut usize) {
    let first_value = tokens.iter().position(Token::is_value);
    let cut = match first_value {
        Some(v) => tokens[v..].iter().position(|t| t.kind == Kind::Text).map(|p| p + v),
        None => Some(0),
    };
    if let Some(c) = cut {
        if let Some(t) = tokens.get(c) {
            *region_end = t.span.start;
        }
        tokens.truncate(c);
    }
}

/// Learn how a one-cell-per-line layout spaces cells from the rows that are complete.
pub(crate) fn learn_profile(rows: &[(&[Token], usize, u32)], profile: &mut LineProfile) {
    let mut gaps = std::collections::BTreeMap::<u32, usize>::new();
    let mut leads = Vec::new();
    for &(tokens, width, region_lines) in rows {
        // Only the values' lines matter: read without collecting them (this runs for every row).
        let mut lines = tokens.iter().filter(|t| t.is_value()).map(|t| t.line);
        let Some(first) = lines.next() else { continue };
        let (mut count, mut last) = (1, first);
        let mut row_gaps = [0u32; 16];
        for line in lines {
            if let Some(g) = row_gaps.get_mut(count - 1) {
                *g = line.saturating_sub(last);
            }
            count += 1;
            last = line;
        }
        if count != width || width < 2 || width > row_gaps.len() + 1 || last == first {
            continue;
        }
        for &g in &row_gaps[..count - 1] {
            *gaps.entry(g).or_default() += 1;
        }
        // Only gaps with nothing else in them tell how far a row's first cell stands from the
        // words before it (its label, or the previous row's label after its last cell).
        let words_before = tokens.iter().take_while(|t| !t.is_value()).any(|t| t.kind == Kind::Text);
        let words_after = tokens.iter().rev().take_while(|t| !t.is_value()).any(|t| t.kind == Kind::Text);
        if !words_before {
            leads.push(first);
        }
        if !words_after {
            leads.push(region_lines.saturating_sub(last));
        }
    }
    if let Some((&period, _)) = gaps.iter().max_by_key(|&(g, n)| (*n, std::cmp::Reverse(*g))) {
        if period > 0 && profile.period.is_none() {
            profile.period = Some(period);
        }
    }
    for l in leads {
        if l > 0 && !profile.leads.contains(&l) {
            profile.leads.push(l);
        }
    }
}

/// How a row's values were placed.
#[derive(Debug)]
pub(crate) enum Placement {
    /// Read with certainty; `split` when digits that ran together were split to get there.
    Settled { cells: Cells, split: bool },
    /// Several readings fit; the cells stay blank unless other rows settle it.
    Ambiguous { candidates: Vec<Cells>, overflow: bool },
    /// The values could not be placed at all.
    Unplaced,
}

/// Place one row's values into cells of `kinds`.
pub(crate) fn place_row(
    tokens: &[Token],
    kinds: &[ColumnKind],
    totals: &[SumRule],
    accept: &dyn Fn(&[Option<Number>]) -> bool,
    may_split: bool,
    profile: &LineProfile,
) -> Placement {
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    if values.is_empty() {
        return Placement::Settled { cells: vec![None; kinds.len()], split: false };
    }
    if let Some(cells) = split::direct(&values, kinds) {
        return Placement::Settled { cells, split: false };
    }
    if values.len() < kinds.len() {
        let by_layout = split::by_pipe_slots(tokens, kinds)
            .or_else(|| split::by_blank_lines(tokens, kinds))
            .or_else(|| split::by_lines(tokens, kinds, profile));
        if let Some(cells) = by_layout {
            return Placement::Settled { cells, split: false };
        }
    }
    // Digits run together only where cells have no separator at all: values on several lines
    // are one cell each, however few they are.
    let one_line = values.first().map(|t| t.line) == values.last().map(|t| t.line);
    if !may_split || !one_line || values.len() > kinds.len() {
        return Placement::Unplaced;
    }
    let found = split::splits(&values, kinds, totals, accept);
    match found.candidates.len() {
        1 if !found.overflow => Placement::Settled { cells: found.candidates.into_iter().next().unwrap_or_default(), split: true },
        0 if !found.overflow => Placement::Unplaced,
        _ => Placement::Ambiguous { candidates: found.candidates, overflow: found.overflow },
    }
}

/// The cells on which every reading agrees (the rest blank): what the text settles whichever
/// reading is right. Nothing is settled when the readings were not all found.
pub(crate) fn agreed(candidates: &[Cells], overflow: bool) -> Option<Cells> {
    let first = candidates.first()?;
    if overflow {
        return None;
    }
    Some((0..first.len()).map(|i| if candidates.iter().all(|c| c[i] == first[i]) { first[i] } else { None }).collect())
}

/// The text of a row's values, for messages: `"121010014"` or `"200 000121"`.
pub(crate) fn values_text(doc: &Folded<'_>, tokens: &[Token]) -> (String, Option<Span>) {
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    let (Some(first), Some(last)) = (values.first(), values.last()) else { return (String::new(), None) };
    let words: Vec<&str> = values.iter().map(|t| doc.text.get(t.span.start..t.span.end).unwrap_or("")).collect();
    (words.join(" "), Some(Span::new(first.span.start, last.span.end)))
}

/// Render candidate readings for a message: `1|2|10|1|0|0|14; 12|1|0|1|0|0|14`.
pub(crate) fn render_candidates(candidates: &[Cells]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (i, cells) in candidates.iter().take(6).enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        for (j, cell) in cells.iter().enumerate() {
            if j > 0 {
                out.push('|');
            }
            match cell {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.push('空'),
            }
        }
    }
    out
}

/// Write a placement into a table row and report what needs reporting.
pub(crate) fn settle(
    doc: &Folded<'_>,
    table: &mut Table,
    row: &Located<'_>,
    placement: &Placement,
    table_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let key = row.spec.key;
    let columns = row.spec.columns;
    // Only a diagnostic needs the row's text: most rows are read directly and need none.
    let described = || values_text(doc, &row.tokens);
    let table_key = table.kind.as_str();
    match placement {
        Placement::Settled { cells, split } => {
            set_row(table, key, cells);
            if *split {
                let (text, span) = described();
                let mut d = Diagnostic::new(
                    Severity::Info,
                    codes::TABLE_SPLIT,
                    format!("{table_name} row {key}: digits \"{text}\" run together; the one reading that fits is {}", render_candidates(std::slice::from_ref(cells))),
                );
                d.span = span;
                diagnostics.push(d);
            }
        }
        Placement::Ambiguous { candidates, overflow } => {
            if let Some(cells) = agreed(candidates, *overflow) {
                set_row(table, key, &cells);
            }
            let (text, span) = described();
            let differs = (0..columns.len()).find(|&i| candidates.iter().any(|c| c.get(i) != candidates[0].get(i)));
            let more = if *overflow { " (and more)" } else { "" };
            let mut d = Diagnostic::new(
                Severity::Warning,
                codes::TABLE_AMBIGUOUS_SPLIT,
                format!(
                    "{table_name} row {key}: digits \"{text}\" run together and can be read {} ways{more}: {}; the cells they disagree on are left blank",
                    candidates.len(),
                    render_candidates(candidates)
                ),
            );
            d.span = span;
            if let Some(i) = differs {
                d = d.cell(table_key, key, columns[i]);
            }
            diagnostics.push(d);
        }
        Placement::Unplaced => {
            let (text, span) = described();
            let mut d = Diagnostic::new(
                Severity::Warning,
                codes::TABLE_CELL_COUNT,
                format!(
                    "{table_name} row {key}: {} value(s) \"{text}\" for {} cells could not be placed; the cells are left blank",
                    row.tokens.iter().filter(|t| t.is_value()).count(),
                    columns.len()
                ),
            );
            d.span = span;
            d = d.cell(table_key, key, columns[0]);
            diagnostics.push(d);
        }
    }
    if let Some(r) = table.rows.iter_mut().find(|r| r.key == key) {
        r.span = row.span;
    }
}

/// Write a row's cells, in template order.
fn set_row(table: &mut Table, key: &str, cells: &[Option<Number>]) {
    if let Some(row) = table.rows.iter_mut().find(|r| r.key == key) {
        for ((_, slot), value) in row.cells.iter_mut().zip(cells) {
            *slot = *value;
        }
    }
}

/// Report the rows of a present table whose label was not found.
pub(crate) fn note_missing_rows(rows: &[Located<'_>], table: &str, table_key: &'static str, span: Span, diagnostics: &mut Vec<Diagnostic>) {
    for row in rows.iter().filter(|r| r.label.is_none()) {
        let mut d = Diagnostic::new(
            Severity::Info,
            codes::TABLE_ROW_MISSING,
            format!("{table}: row {} not found; its cells are blank", row.spec.key),
        )
        .cell(table_key, row.spec.key, row.spec.columns.first().copied().unwrap_or(""));
        d.span = Some(span);
        diagnostics.push(d);
    }
}
