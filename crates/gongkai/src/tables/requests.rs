//! 表三: 收到和处理政府信息公开申请情况 (requests received and how they were handled).
//!
//! Seven columns per row, bound by I2 (总计 = 自然人 + the five 法人或其他组织 columns) within a row
//! and by I1 and I3 across rows. Digits that ran together are split with I2 first, then rows still
//! ambiguous are settled together with I1 and I3 when exactly one combination fits.

use super::cells::ColumnKind;
use super::locate::{self, Hit};
use super::split::{Cells, LineProfile, dropped_blanks};
use super::{Located, Placement, learn_profile, locate_rows, note_missing_rows, place_row, settle, values_text};
use crate::codes;
use crate::fold::Folded;
use crate::identities::sum;
use crate::model::{Diagnostic, Number, Severity, Span, Table, TableKind, Template};
use crate::template::{REQUEST_COLUMNS, RowSpec, empty_table, request_rows};

/// Combinations of ambiguous rows worth trying against I1 and I3.
const MAX_COMBINATIONS: usize = 20_000;

/// Where 表三 begins, if it is in `[from, until)`: its first row label, when a table follows it
/// (the next row label within reach, or values right after it); else, for text that starts inside
/// the table, the header note or a later row label.
pub(crate) fn anchor(doc: &Folded<'_>, from: usize, until: usize) -> Option<Hit> {
    let mut rows = request_rows(Template::F2021);
    let (first, second) = (rows.next()?, rows.next()?);
    let mut pos = from;
    // A sentence of prose that happens to use the words of the first row is not a table.
    while let Some(hit) = locate::find_row(doc, first, pos, until) {
        let next_row = locate::find_row(doc, second, hit.end, until.min(hit.end + locate::MAX_GAP)).is_some();
        let values_follow = doc.folded.as_bytes().get(hit.end).is_some_and(|b| b.is_ascii_digit() || matches!(b, b'|' | b'-' | b'/'));
        if next_row || values_follow {
            return Some(hit);
        }
        pos = hit.end;
    }
    locate::find_any(doc, INSIDE_ANCHORS, from, until)
}

/// What 表三 text that starts inside the table shows: the header note or a later row label.
pub(crate) const INSIDE_ANCHORS: &[&str] =
    &["本列数据的勾稽关系", "属于国家秘密", "其他法律行政法规禁止公开", "逾期不补正", "上年结转政府信息公开申请数量"];

/// The labels 表三's anchor is searched by across the whole text.
pub(crate) fn anchor_labels() -> impl Iterator<Item = &'static str> {
    request_rows(Template::F2021).take(2).flat_map(|r| r.labels.iter().copied()).chain(INSIDE_ANCHORS.iter().copied())
}

/// Which format the rows show: 2021 has （六）其他处理 split into three sub-items.
fn template_of(doc: &Folded<'_>, from: usize, until: usize) -> Option<Template> {
    if locate::find_any(doc, &["逾期不补正", "未按收费通知要求缴纳费用"], from, until).is_some() {
        Some(Template::F2021)
    } else if doc.find("其他处理", from, until).is_some() {
        Some(Template::F2019)
    } else {
        None
    }
}

/// I2 on a row: 总计 equals the sum of the applicant columns (blank counts as 0; a blank 总计 fails).
fn row_total_holds(cells: &[Option<Number>]) -> bool {
    let Some(total) = cells.get(6).copied().flatten() else { return false };
    let parts = sum(cells[..6].iter().copied()).unwrap_or(0.0);
    (total.as_f64() - parts).abs() < 1e-6
}

/// Read 表三 from its first row on.
pub(crate) fn read(
    doc: &Folded<'_>,
    at: Hit,
    until: usize,
    hint: Option<Template>,
    profile: &mut LineProfile,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Table>, Option<Template>) {
    let found = template_of(doc, at.start, until);
    let template = found.or(hint).unwrap_or(Template::F2021);
    let specs: Vec<&RowSpec> = request_rows(template).collect();
    let rows = locate_rows(doc, &specs, at.start, until);
    let end = rows.iter().filter_map(|r| r.span).map(|s| s.end).max().unwrap_or(doc.orig_end(at.end));
    let span = Span::new(doc.orig_start(at.start), end);
    let mut table = empty_table(TableKind::Requests, template, span);
    let shapes: Vec<(&[super::cells::Token], usize, u32)> =
        rows.iter().map(|r| (r.tokens.as_slice(), REQUEST_COLUMNS.len(), r.region_lines)).collect();
    learn_profile(&shapes, profile);

    let kinds = [ColumnKind::Count; 7];
    let mut placements: Vec<Placement> = rows
        .iter()
        .map(|r| if r.label.is_some() { place_row(&r.tokens, &kinds, &[(6, 0..6)], &row_total_holds, true, profile) } else { Placement::Unplaced })
        .collect();
    settle_across_rows(&rows, &mut placements, template);
    for (row, placement) in rows.iter().zip(&placements) {
        if row.label.is_none() {
            continue;
        }
        if let Placement::Unplaced = placement {
            if place_dropped_blanks(doc, &mut table, row, diagnostics) {
                continue;
            }
        }
        settle(doc, &mut table, row, placement, "表三", diagnostics);
    }
    note_missing_rows(&rows, "表三", "requests", span, diagnostics);
    (Some(table), found)
}

/// Use I1 and I3 to choose among the readings of rows that I2 left ambiguous.
fn settle_across_rows(rows: &[Located<'_>], placements: &mut [Placement], template: Template) {
    let ambiguous: Vec<usize> = placements
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Placement::Ambiguous { overflow: false, .. }))
        .map(|(i, _)| i)
        .collect();
    if ambiguous.is_empty() {
        return;
    }
    let mut combos = 1usize;
    for &i in &ambiguous {
        if let Placement::Ambiguous { candidates, .. } = &placements[i] {
            combos = combos.saturating_mul(candidates.len());
        }
    }
    if combos > MAX_COMBINATIONS {
        return;
    }
    let keys: Vec<&str> = rows.iter().map(|r| r.spec.key).collect();
    let fixed: Vec<Option<&Cells>> = placements
        .iter()
        .map(|p| match p {
            Placement::Settled { cells, .. } => Some(cells),
            _ => None,
        })
        .collect();
    let outcomes: Vec<&str> = crate::template::outcome_rows(template).collect();
    let index_of = |key: &str| keys.iter().position(|k| *k == key);
    let mut passing: Vec<Vec<usize>> = Vec::new();
    let mut choice = vec![0usize; ambiguous.len()];
    'combos: for n in 0..combos {
        let mut rest = n;
        for (slot, &i) in ambiguous.iter().enumerate() {
            if let Placement::Ambiguous { candidates, .. } = &placements[i] {
                choice[slot] = rest % candidates.len();
                rest /= candidates.len();
            }
        }
        let value = |key: &str, col: usize| -> Option<Number> {
            let i = index_of(key)?;
            if let Some(slot) = ambiguous.iter().position(|&a| a == i) {
                if let Placement::Ambiguous { candidates, .. } = &placements[i] {
                    return candidates[choice[slot]][col];
                }
            }
            fixed[i].and_then(|c| c[col])
        };
        for col in 0..7 {
            let done = value("results_total", col);
            let lhs = sum([value("new_received", col), value("carried_over", col)]);
            let rhs = sum([done, value("carried_forward", col)]);
            if let (Some(l), Some(r)) = (lhs, rhs) {
                if (l - r).abs() > 1e-6 {
                    continue 'combos;
                }
            }
            if let (Some(d), Some(s)) = (done, sum(outcomes.iter().map(|k| value(k, col)))) {
                if (d.as_f64() - s).abs() > 1e-6 {
                    continue 'combos;
                }
            }
        }
        passing.push(choice.clone());
    }
    if passing.is_empty() {
        return;
    }
    for (slot, &i) in ambiguous.iter().enumerate() {
        let first = passing[0][slot];
        if passing.iter().all(|p| p[slot] == first) {
            if let Placement::Ambiguous { candidates, .. } = &mut placements[i] {
                let cells = std::mem::take(&mut candidates[first]);
                placements[i] = Placement::Settled { cells, split: true };
            }
        }
    }
}

/// A row written with its blank cells dropped (`22` for seven cells): when the values read as
/// several numbers whose last is the sum of the others, the last is 总计; where the others stand
/// cannot be told, so they are reported, not placed.
fn place_dropped_blanks(doc: &Folded<'_>, table: &mut Table, row: &Located<'_>, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let values: Vec<&super::cells::Token> = row.tokens.iter().filter(|t| t.is_value()).collect();
    if values.is_empty() || values.len() >= 7 {
        return false;
    }
    let Some(numbers) = dropped_blanks(&values, 7) else { return false };
    let Some((total, parts)) = numbers.split_last() else { return false };
    if parts.is_empty() {
        return false;
    }
    let part_sum: f64 = parts.iter().map(|n| n.as_f64()).sum();
    if (total.as_f64() - part_sum).abs() > 1e-6 {
        return false;
    }
    table.set(row.spec.key, "total", Some(*total));
    if let Some(r) = table.rows.iter_mut().find(|r| r.key == row.spec.key) {
        r.span = row.span;
    }
    let (text, span) = values_text(doc, &row.tokens);
    let listed: Vec<String> = parts.iter().map(ToString::to_string).collect();
    let mut d = Diagnostic::new(
        Severity::Warning,
        codes::TABLE_CELL_COUNT,
        format!(
            "表三 row {}: \"{text}\" has blank cells dropped; 总计 is {total}, but which applicant columns hold {} cannot be told: those cells are left blank",
            row.spec.key,
            listed.join(", ")
        ),
    )
    .cell("requests", row.spec.key, "natural_person");
    d.span = span;
    diagnostics.push(d);
    true
}
