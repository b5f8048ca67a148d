//! The statutory identities (勾稽关系, `spec/template.md` §5.1), checked on the values as read.
//!
//! A side of an identity whose cells are all blank cannot be checked; otherwise blank cells count
//! as 0. A violation is a warning naming the cell; no value is changed.

use crate::codes;
use crate::model::{Diagnostic, Number, Severity, Table, Tables, Template};
use crate::template::{REQUEST_COLUMNS, REVIEW_ROWS, outcome_rows};

/// Applicant columns of 表三 (every column but 总计, which is last).
const APPLICANTS: &[&str] = REQUEST_COLUMNS.split_at(REQUEST_COLUMNS.len() - 1).0;

/// Check I1 to I6 on the tables, adding a warning per violation.
pub(crate) fn check(tables: &Tables, template: Template, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(t3) = &tables.requests {
        check_requests(t3, template, diagnostics);
    }
    if let Some(t4) = &tables.review_litigation {
        check_review(t4, diagnostics);
    }
}

/// The sum of some cells: `None` when every one is blank.
pub(crate) fn sum(values: impl IntoIterator<Item = Option<Number>>) -> Option<f64> {
    let mut any = false;
    let mut total = 0.0;
    for v in values.into_iter().flatten() {
        any = true;
        total += v.as_f64();
    }
    any.then_some(total)
}

/// Whether `lhs = Σ rhs` holds, or `None` when a side is entirely blank.
fn holds(lhs: Option<f64>, rhs: Option<f64>) -> Option<bool> {
    Some((lhs? - rhs?).abs() < 1e-6)
}

fn fmt(v: Option<Number>) -> String {
    v.map_or_else(|| "空".to_string(), |n| n.to_string())
}

/// A row's cells, `(column, value)` in template order.
type Cells<'t> = &'t [(&'static str, Option<Number>)];

/// The cells of a row by column position, blank when the row is missing.
fn row_of<'t>(t: &'t Table, key: &str) -> Option<Cells<'t>> {
    t.rows.iter().find(|r| r.key == key).map(|r| r.cells.as_slice())
}

fn check_requests(t: &Table, template: Template, out: &mut Vec<Diagnostic>) {
    // Look each row up once; columns are by position (template order).
    let at = |row: Option<Cells<'_>>, col: usize| row.and_then(|r| r.get(col)).and_then(|c| c.1);
    let (new_row, carried_row) = (row_of(t, "new_received"), row_of(t, "carried_over"));
    let (done_row, forward_row) = (row_of(t, "results_total"), row_of(t, "carried_forward"));
    let outcome_rows: Vec<Option<Cells<'_>>> = outcome_rows(template).map(|r| row_of(t, r)).collect();
    let span_of = |row: &str| t.rows.iter().find(|r| r.key == row).and_then(|r| r.span).or(Some(t.span));
    for (i, &col) in REQUEST_COLUMNS.iter().enumerate() {
        // I1: 新收 + 上年结转 = 办理结果总计 + 结转下年度.
        let (new, carried) = (at(new_row, i), at(carried_row, i));
        let (done, forward) = (at(done_row, i), at(forward_row, i));
        if holds(sum([new, carried]), sum([done, forward])) == Some(false) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: codes::IDENTITY_BALANCE,
                message: format!(
                    "表三 {col} column: 本年新收 {} + 上年结转 {} ≠ 办理结果总计 {} + 结转下年度 {}",
                    fmt(new), fmt(carried), fmt(done), fmt(forward)
                ),
                span: span_of("results_total").map(|s| s.cover(span_of("carried_forward").unwrap_or(s))),
                cell: None,
            }.cell("requests", "results_total", col));
        }
        // I3: （七）总计 = Σ outcome rows.
        let outcomes: Vec<Option<Number>> = outcome_rows.iter().map(|r| at(*r, i)).collect();
        if holds(done.map(Number::as_f64), sum(outcomes.iter().copied())) == Some(false) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: codes::IDENTITY_RESULTS_TOTAL,
                message: format!(
                    "表三 {col} column: （七）总计 {} ≠ {} = sum of the outcome rows",
                    fmt(done),
                    sum(outcomes.iter().copied()).unwrap_or(0.0)
                ),
                span: span_of("results_total"),
                cell: None,
            }.cell("requests", "results_total", col));
        }
    }
    // I2: each row's 总计 = Σ applicant columns.
    for row in &t.rows {
        let total = row.cells.last().and_then(|c| c.1);
        let parts = sum(row.cells[..row.cells.len().saturating_sub(1)].iter().map(|c| c.1));
        if holds(total.map(Number::as_f64), parts) == Some(false) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: codes::IDENTITY_ROW_TOTAL,
                message: format!(
                    "表三 row {}: 总计 {} ≠ {} = 自然人 + 法人或其他组织",
                    row.key,
                    fmt(total),
                    parts.unwrap_or(0.0)
                ),
                span: row.span.or(Some(t.span)),
                cell: None,
            }.cell("requests", row.key, "total"));
        }
    }
}

fn check_review(t: &Table, out: &mut Vec<Diagnostic>) {
    for &row in REVIEW_ROWS {
        let total = t.get(row, "total");
        let parts = sum(["upheld", "corrected", "other", "pending"].iter().map(|c| t.get(row, c)));
        if holds(total.map(Number::as_f64), parts) == Some(false) {
            let group = match row {
                "review" => "行政复议",
                "litigation_direct" => "行政诉讼 未经复议直接起诉",
                _ => "行政诉讼 复议后起诉",
            };
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: codes::IDENTITY_REVIEW_TOTAL,
                message: format!(
                    "表四 {group}: 总计 {} ≠ {} = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                    fmt(total),
                    parts.unwrap_or(0.0)
                ),
                span: t.rows.iter().find(|r| r.key == row).and_then(|r| r.span).or(Some(t.span)),
                cell: None,
            }.cell("review_litigation", row, "total"));
        }
    }
}

/// A cell of a table, as `(row, column)`.
type At = (&'static str, &'static str);

/// Fill blank cells that an identity determines (one blank in an equation whose other cells are
/// all filled), flagging each with a `table.inferred` diagnostic. Only on request
/// ([`Options::infer`](crate::Options)): by default a blank stays blank.
pub(crate) fn infer(tables: &mut Tables, template: Template, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(t3) = tables.requests.as_mut() {
        let outcomes: Vec<&'static str> = outcome_rows(template).collect();
        let mut equations: Vec<(Vec<At>, Vec<At>, &'static str)> = Vec::new();
        let rows: Vec<&'static str> = t3.rows.iter().map(|r| r.key).collect();
        for &row in &rows {
            equations.push((vec![(row, "total")], APPLICANTS.iter().map(|&c| (row, c)).collect(), "I2"));
        }
        for &col in REQUEST_COLUMNS {
            equations.push((
                vec![("new_received", col), ("carried_over", col)],
                vec![("results_total", col), ("carried_forward", col)],
                "I1",
            ));
            equations.push((vec![("results_total", col)], outcomes.iter().map(|&r| (r, col)).collect(), "I3"));
        }
        solve(t3, &equations, diagnostics);
    }
    if let Some(t4) = tables.review_litigation.as_mut() {
        let equations: Vec<(Vec<At>, Vec<At>, &'static str)> = REVIEW_ROWS
            .iter()
            .map(|&r| (vec![(r, "total")], ["upheld", "corrected", "other", "pending"].iter().map(|&c| (r, c)).collect(), "I4-I6"))
            .collect();
        solve(t4, &equations, diagnostics);
    }
}

/// Settle equations `Σ lhs = Σ rhs` with exactly one blank cell, until none is left to settle.
fn solve(table: &mut Table, equations: &[(Vec<At>, Vec<At>, &'static str)], diagnostics: &mut Vec<Diagnostic>) {
    let table_key = table.kind.as_str();
    for _ in 0..32 {
        let mut changed = false;
        for (lhs, rhs, name) in equations {
            let blanks: Vec<(At, bool)> = lhs
                .iter()
                .map(|&a| (a, true))
                .chain(rhs.iter().map(|&a| (a, false)))
                .filter(|&((r, c), _)| table.cell(r, c) == Some(None))
                .collect();
            let [((row, col), on_left)] = blanks.as_slice() else { continue };
            let total = |side: &[At]| -> f64 { side.iter().filter_map(|&(r, c)| table.get(r, c)).map(Number::as_f64).sum() };
            let value = if *on_left { total(rhs) - total(lhs) } else { total(lhs) - total(rhs) };
            if value < 0.0 || value.fract() != 0.0 {
                continue;
            }
            table.set(row, col, Some(Number::Int(value as i64)));
            changed = true;
            diagnostics.push(
                Diagnostic::new(
                    Severity::Info,
                    codes::TABLE_INFERRED,
                    format!("{table_key}.{row}.{col} is blank in the text; {name} gives {value}"),
                )
                .cell(table_key, row, col),
            );
        }
        if !changed {
            break;
        }
    }
}
