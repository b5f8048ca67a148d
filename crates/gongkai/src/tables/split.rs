//! Placing a row's values into its cells: directly, by the layout, or by splitting digits that ran
//! together, keeping only the splits the statutory identities allow.

use super::cells::{ColumnKind, Kind, MAX_PIECE, Token, Unit, piece_value};
use crate::model::Number;

/// The values of one row, in template order.
pub(crate) type Cells = Vec<Option<Number>>;

/// How many nodes one row's split search may visit before it gives up as ambiguous.
const SEARCH_BUDGET: usize = 200_000;
/// How many accepted splits are worth keeping: past this a row is simply ambiguous.
const MAX_CANDIDATES: usize = 64;

/// The readings of a row.
#[derive(Debug, Default)]
pub(crate) struct Splits {
    pub candidates: Vec<Cells>,
    /// The search stopped early: there are more readings than listed.
    pub overflow: bool,
}

fn convert(value: Number, unit: Unit) -> Number {
    match unit {
        Unit::Yuan => Number::Decimal(value.as_f64() / 10_000.0),
        Unit::WanYuan | Unit::None => value,
    }
}

/// A cell that is the sum of others (`(total, parts)`): a split is cut short as soon as a total
/// piece is not the sum of its parts, which keeps the search small on long runs of digits.
pub(crate) type SumRule = (usize, std::ops::Range<usize>);

struct Search<'a> {
    tokens: &'a [&'a Token],
    kinds: &'a [ColumnKind],
    totals: &'a [SumRule],
    accept: &'a dyn Fn(&[Option<Number>]) -> bool,
    /// For each token index, the most cells the tokens from there on can fill.
    most_after: Vec<usize>,
    current: Cells,
    out: Splits,
    budget: usize,
    /// When every cell is a part of a known total: the total, and the parts' running sum.
    bound: Option<(i64, i64)>,
}

impl Search<'_> {
    fn run(&mut self, token: usize, offset: usize) {
        if self.out.overflow {
            return;
        }
        if self.budget == 0 {
            self.out.overflow = true;
            return;
        }
        self.budget -= 1;
        let cell = self.current.len();
        let n = self.kinds.len();
        let Some(tok) = self.tokens.get(token) else {
            let sums_up = self.bound.is_none_or(|(total, sum)| total == sum);
            if cell == n && sums_up && (self.accept)(&self.current) {
                if self.out.candidates.len() >= MAX_CANDIDATES {
                    self.out.overflow = true;
                } else {
                    self.out.candidates.push(self.current.clone());
                }
            }
            return;
        };
        let tokens_left = self.tokens.len() - token;
        if cell + tokens_left > n {
            return;
        }
        match &tok.kind {
            Kind::Number { digits, unit } => {
                let rest = digits.get(offset..).unwrap_or("");
                let more_after = self.most_after.get(token + 1).copied().unwrap_or(0);
                if cell + rest.len() + more_after < n {
                    return;
                }
                // Parts of a known total are no longer than it: the digits left must fit.
                if let Some((total, _)) = self.bound {
                    let widest = total.max(1).ilog10() as usize + 1;
                    if rest.len() + more_after > (n - cell) * widest {
                        return;
                    }
                }
                let kind = self.kinds[cell];
                let wanted = self.totals.iter().find(|(t, _)| *t == cell).map(|(_, parts)| {
                    let sum: i64 = self.current[parts.clone()].iter().flatten().filter_map(|n| n.as_i64()).sum();
                    (sum, sum.max(1).ilog10() as usize + 1)
                });
                // Plain digits (nearly always) are read one more digit per length, and once a
                // piece starts with 0 no longer piece is a value: what `piece_value` would say.
                let plain = rest.bytes().all(|b| b.is_ascii_digit());
                let mut running = 0i64;
                for len in 1..=rest.len().min(MAX_PIECE + 2) {
                    let piece = if plain {
                        if len > 1 && rest.starts_with('0') {
                            break;
                        }
                        running = running * 10 + i64::from(rest.as_bytes()[len - 1] - b'0');
                        Some(Number::Int(running))
                    } else {
                        piece_value(&rest[..len], kind)
                    };
                    // A total cell can only be the sum of its parts: one length, one value.
                    if let Some((sum, width)) = wanted {
                        if len != width || piece.and_then(Number::as_i64) != Some(sum) {
                            continue;
                        }
                    }
                    let last = len == rest.len();
                    if last && *unit != Unit::None && kind != ColumnKind::Amount {
                        continue;
                    }
                    let Some(value) = piece else { continue };
                    let value = if last { convert(value, *unit) } else { value };
                    let before = self.bound;
                    if let Some((total, sum)) = self.bound {
                        let sum = sum + value.as_i64().unwrap_or(i64::MAX / 4);
                        if sum > total {
                            break;
                        }
                        self.bound = Some((total, sum));
                    }
                    self.current.push(Some(value));
                    if last {
                        self.run(token + 1, 0);
                    } else {
                        self.run(token, offset + len);
                    }
                    self.current.pop();
                    self.bound = before;
                }
            }
            _ => {
                self.current.push(None);
                self.run(token + 1, 0);
                self.current.pop();
            }
        }
    }
}

/// Every reading of `values` as exactly `kinds.len()` cells that `accept` allows.
///
/// When the last cell is the sum of all the others (表三's I2), the total is read first from the
/// end of the digits, and the parts are then searched under it: each part at most the total, the
/// running sum never past it. A row of twenty digits then costs hundreds of steps, not tens of
/// thousands.
pub(crate) fn splits(
    values: &[&Token],
    kinds: &[ColumnKind],
    totals: &[SumRule],
    accept: &dyn Fn(&[Option<Number>]) -> bool,
) -> Splits {
    let n = kinds.len();
    let row_total = n >= 2 && totals == [(n - 1, 0..n - 1)] && kinds[n - 1] == ColumnKind::Count;
    let Some((last, head)) = values.split_last() else { return search(values, kinds, totals, accept, None) };
    let Kind::Number { digits, unit: Unit::None } = &last.kind else { return search(values, kinds, totals, accept, None) };
    if !row_total || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return search(values, kinds, totals, accept, None);
    }
    let mut out = Splits::default();
    for len in 1..=digits.len().min(MAX_PIECE) {
        let (rest, tail) = digits.split_at(digits.len() - len);
        let Some(total) = piece_value(tail, ColumnKind::Count) else { continue };
        let Some(total_int) = total.as_i64() else { continue };
        let shortened = (!rest.is_empty()).then(|| Token { kind: Kind::Number { digits: rest.to_string(), unit: Unit::None }, ..(*last).clone() });
        let mut parts: Vec<&Token> = head.to_vec();
        if let Some(t) = &shortened {
            parts.push(t);
        }
        let with_total = |cells: &[Option<Number>]| {
            let mut all = cells.to_vec();
            all.push(Some(total));
            accept(&all)
        };
        let found = search(&parts, &kinds[..n - 1], &[], &with_total, Some((total_int, 0)));
        for mut cells in found.candidates {
            cells.push(Some(total));
            if out.candidates.len() >= MAX_CANDIDATES {
                out.overflow = true;
                break;
            }
            out.candidates.push(cells);
        }
        out.overflow |= found.overflow;
    }
    out
}

/// The depth-first search behind [`splits`].
fn search(
    values: &[&Token],
    kinds: &[ColumnKind],
    totals: &[SumRule],
    accept: &dyn Fn(&[Option<Number>]) -> bool,
    bound: Option<(i64, i64)>,
) -> Splits {
    let mut most_after = vec![0; values.len() + 1];
    for i in (0..values.len()).rev() {
        let here = match &values[i].kind {
            Kind::Number { digits, .. } => digits.bytes().filter(u8::is_ascii_digit).count(),
            _ => 1,
        };
        most_after[i] = most_after[i + 1] + here;
    }
    let mut search = Search {
        tokens: values,
        kinds,
        totals,
        accept,
        most_after,
        current: Vec::with_capacity(kinds.len()),
        out: Splits::default(),
        budget: SEARCH_BUDGET,
        bound,
    };
    search.run(0, 0);
    search.out
}

/// The values read one token per cell, when every token is a single valid value.
pub(crate) fn direct(values: &[&Token], kinds: &[ColumnKind]) -> Option<Cells> {
    if values.len() != kinds.len() {
        return None;
    }
    values
        .iter()
        .zip(kinds)
        .map(|(t, &k)| match &t.kind {
            Kind::Number { digits, unit } => {
                if *unit != Unit::None && k != ColumnKind::Amount {
                    return None;
                }
                piece_value(digits, k).map(|v| Some(convert(v, *unit)))
            }
            _ => Some(None),
        })
        .collect()
}

/// Place a row's values by its pipe slots: each `| … |` is one cell, empty slots are blank.
pub(crate) fn by_pipe_slots(tokens: &[Token], kinds: &[ColumnKind]) -> Option<Cells> {
    // The row's slots are on the lines that hold its values: empty slots of a header line above
    // or of padding lines below belong to no cell.
    let first_line = tokens.iter().find(|t| t.is_value())?.line;
    let last_line = tokens.iter().rev().find(|t| t.is_value())?.line;
    let mut slots: Vec<&Token> = tokens
        .iter()
        .filter(|t| (first_line..=last_line).contains(&t.line) && (t.is_value() || t.kind == Kind::EmptySlot))
        .collect();
    // Grids padded to a wider table (markdown, rendered HTML) leave empty slots at a row's end;
    // a row's first slot is never padding, so nothing is trimmed there.
    while slots.len() > kinds.len() && slots.last().is_some_and(|t| t.kind == Kind::EmptySlot) {
        slots.pop();
    }
    if slots.len() != kinds.len() || !slots.iter().any(|t| t.kind == Kind::EmptySlot) {
        return None;
    }
    direct(&slots, kinds)
}

/// Place a row's values by its lines, one cell per line, when blank cells are lines holding only
/// a non-breaking space (`&nbsp;` copied from the page).
pub(crate) fn by_blank_lines(tokens: &[Token], kinds: &[ColumnKind]) -> Option<Cells> {
    let slots: Vec<&Token> = tokens.iter().filter(|t| t.is_value() || t.kind == Kind::BlankLine).collect();
    let one_per_line = slots.windows(2).all(|w| w[0].line < w[1].line);
    if slots.len() != kinds.len() || !one_per_line || !slots.iter().any(|t| t.kind == Kind::BlankLine) {
        return None;
    }
    direct(&slots, kinds)
}

/// How a one-cell-per-line layout spaces its cells: every cell takes `period` line breaks, and the
/// first cell of a row stands `lead` line breaks after the row's label.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineProfile {
    pub period: Option<u32>,
    pub leads: Vec<u32>,
}

/// Place a row's values by the line each stands on, when cells are one per line and a blank cell is
/// an empty line. Only a placement that fits exactly one lead is taken.
pub(crate) fn by_lines(tokens: &[Token], kinds: &[ColumnKind], profile: &LineProfile) -> Option<Cells> {
    let period = profile.period.filter(|&p| p > 0)?;
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    if values.is_empty() || values.len() >= kinds.len() {
        return None;
    }
    let mut placements = Vec::new();
    for &lead in &profile.leads {
        let mut slots = Vec::with_capacity(values.len());
        let fits = values.iter().all(|t| {
            let Some(off) = t.line.checked_sub(lead) else { return false };
            if off % period != 0 {
                return false;
            }
            let slot = (off / period) as usize;
            let ok = slot < kinds.len() && slots.last().is_none_or(|&l| slot > l);
            slots.push(slot);
            ok
        });
        if fits && !placements.contains(&slots) {
            placements.push(slots);
        }
    }
    let [slots] = placements.as_slice() else { return None };
    let mut cells: Cells = vec![None; kinds.len()];
    for (t, &slot) in values.iter().zip(slots) {
        let one = direct(std::slice::from_ref(t), &kinds[slot..=slot])?;
        cells[slot] = one.into_iter().next().flatten();
    }
    Some(cells)
}

/// For a row of counts written with its blank cells dropped: the values in reading order, when
/// the digits can be read in exactly one way with as many values as possible.
pub(crate) fn dropped_blanks(values: &[&Token], width: usize) -> Option<Vec<Number>> {
    let atoms: usize = values
        .iter()
        .map(|t| match &t.kind {
            Kind::Number { digits, .. } => digits.len(),
            _ => 0,
        })
        .sum();
    let numbers: Vec<&Token> = values.iter().copied().filter(|t| matches!(t.kind, Kind::Number { .. })).collect();
    for k in (numbers.len().max(1)..width.min(atoms + 1)).rev() {
        let kinds = vec![ColumnKind::Count; k];
        let found = splits(&numbers, &kinds, &[], &|_| true);
        match found.candidates.as_slice() {
            [] if !found.overflow => continue,
            [only] if !found.overflow => return only.iter().copied().collect(),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::super::cells::tokenize;
    use super::*;

    fn values(s: &str) -> Vec<Token> {
        tokenize(s, 0, s.len()).into_iter().filter(Token::is_value).collect()
    }

    fn ints(cells: &Cells) -> String {
        cells.iter().map(|c| c.map_or("_".to_string(), |n| n.to_string())).collect::<Vec<_>>().join("|")
    }

    fn row_total(c: &[Option<Number>]) -> bool {
        let parts: f64 = c[..6].iter().flatten().map(|n| n.as_f64()).sum();
        c[6].is_some_and(|t| (t.as_f64() - parts).abs() < 1e-9)
    }

    #[test]
    fn run_together_request_row_has_one_valid_split() {
        let toks = values("713000074");
        let refs: Vec<&Token> = toks.iter().collect();
        let found = splits(&refs, &[ColumnKind::Count; 7], &[(6, 0..6)], &row_total);
        assert_eq!(found.candidates.len(), 1);
        assert_eq!(ints(&found.candidates[0]), "71|3|0|0|0|0|74");
    }

    #[test]
    fn several_valid_splits_are_all_returned() {
        let toks = values("121010014");
        let refs: Vec<&Token> = toks.iter().collect();
        let found = splits(&refs, &[ColumnKind::Count; 7], &[(6, 0..6)], &row_total);
        let mut got: Vec<String> = found.candidates.iter().map(ints).collect();
        got.sort();
        let mut want = ["1|2|1|0|10|0|14", "1|2|10|1|0|0|14", "12|1|0|1|0|0|14"];
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn stray_spaces_are_cell_boundaries() {
        let toks = values("200 000121");
        let refs: Vec<&Token> = toks.iter().collect();
        let found = splits(&refs, &[ColumnKind::Count; 7], &[(6, 0..6)], &row_total);
        assert_eq!(found.candidates.iter().map(ints).collect::<Vec<_>>(), ["20|0|0|0|0|1|21"]);
    }

    #[test]
    fn signed_and_amount_columns() {
        let kinds = [ColumnKind::Count, ColumnKind::Signed];
        let toks = values("35-15");
        let refs: Vec<&Token> = toks.iter().collect();
        assert_eq!(splits(&refs, &kinds, &[], &|_| true).candidates.iter().map(ints).collect::<Vec<_>>(), ["35|-15"]);
        let kinds = [ColumnKind::Count, ColumnKind::Amount];
        let toks = values("39573802895.90元");
        let refs: Vec<&Token> = toks.iter().collect();
        assert!(splits(&refs, &kinds, &[], &|_| true).candidates.len() > 1);
    }

    #[test]
    fn blank_cells_by_pipes_and_lines() {
        let toks = tokenize("| 25 | | | | | | 25 |", 0, 21);
        assert_eq!(ints(&by_pipe_slots(&toks, &[ColumnKind::Count; 7]).unwrap()), "25|_|_|_|_|_|25");
        // Cells every 3 lines, first cell 3 lines after the label; the 7th cell is empty.
        let text = "\n\n\n1\n\n\n2\n\n\n3\n\n\n4\n\n\n5\n\n\n6\n\n\n\n\n\n\n";
        let toks = tokenize(text, 0, text.len());
        let profile = LineProfile { period: Some(3), leads: vec![3] };
        assert_eq!(ints(&by_lines(&toks, &[ColumnKind::Count; 7], &profile).unwrap()), "1|2|3|4|5|6|_");
    }

    #[test]
    fn long_runs_are_split_quickly_with_the_row_total() {
        let toks = values("1262825213651229554171");
        let refs: Vec<&Token> = toks.iter().collect();
        let found = splits(&refs, &[ColumnKind::Count; 7], &[(6, 0..6)], &row_total);
        assert!(!found.overflow);
        assert_eq!(found.candidates.iter().map(ints).collect::<Vec<_>>(), ["1262|8|252|1365|1229|55|4171"]);
    }

    #[test]
    fn dropped_blanks_read_as_many_values_as_possible() {
        let toks = values("22");
        let refs: Vec<&Token> = toks.iter().collect();
        assert_eq!(dropped_blanks(&refs, 7).unwrap(), vec![Number::Int(2), Number::Int(2)]);
    }
}
