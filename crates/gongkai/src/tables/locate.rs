//! Finding a table's labels in order in the folded text, with the ordinal written before each.

use crate::fold::Folded;
use crate::template::RowSpec;

/// How far (folded bytes) the next row label may stand from the previous one. Keeps a missing
/// row from being matched in prose far below the table.
pub(crate) const MAX_GAP: usize = 1200;

/// A label found in the folded text: `[start, end)` in folded bytes, ordinal included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
}

/// The length of the ordinal written at the end of `before`, if any: `6.` also as `6,` `(6)` `6)`;
/// `(一)` also as `一,` `一.` `一)`.
fn ordinal_before(before: &str, ordinal: &str) -> Option<usize> {
    let core = ordinal.trim_matches(|c| matches!(c, '(' | ')' | '.' | ','));
    if core.is_empty() {
        return None;
    }
    if before.ends_with(ordinal) {
        return Some(ordinal.len());
    }
    for (open, close) in [("", "."), ("", ","), ("(", ")"), ("", ")")] {
        let Some(rest) = before.strip_suffix(close).and_then(|r| r.strip_suffix(core)) else { continue };
        if rest.ends_with(open) {
            return Some(open.len() + core.len() + close.len());
        }
    }
    None
}

/// Find the earliest label of `spec` in folded `[from, until)`, extended back over its ordinal.
pub(crate) fn find_row(doc: &Folded<'_>, spec: &RowSpec, from: usize, until: usize) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for label in spec.labels {
        if let Some(at) = doc.find(label, from, until) {
            let hit = Hit { start: at, end: at + label.len() };
            best = match best {
                Some(b) if b.start < hit.start || (b.start == hit.start && b.end >= hit.end) => Some(b),
                _ => Some(hit),
            };
        }
    }
    let mut hit = best?;
    let before = doc.folded.get(from..hit.start).unwrap_or("");
    if let Some(len) = ordinal_before(before, spec.ordinal) {
        hit.start -= len;
    }
    Some(hit)
}

/// The earliest of several folded needles in `[from, until)`.
pub(crate) fn find_any(doc: &Folded<'_>, needles: &[&str], from: usize, until: usize) -> Option<Hit> {
    needles
        .iter()
        .filter_map(|n| doc.find(n, from, until).map(|at| Hit { start: at, end: at + n.len() }))
        .min_by_key(|h| (h.start, usize::MAX - h.end))
}

#[cfg(test)]
mod tests {
    use super::ordinal_before;

    #[test]
    fn ordinals_in_their_written_forms() {
        assert_eq!(ordinal_before("3200000326.", "6."), Some(2));
        assert_eq!(ordinal_before("0(6)", "6."), Some(3));
        assert_eq!(ordinal_before("0一,", "(一)"), Some("一,".len()));
        assert_eq!(ordinal_before("0(一)", "(一)"), Some("(一)".len()));
        assert_eq!(ordinal_before("326", "6."), None);
        assert_eq!(ordinal_before("x", ""), None);
    }
}
