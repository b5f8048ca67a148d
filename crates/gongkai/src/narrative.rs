//! Narrative figures: numbers stated in the prose, compared with the tables, never merged.
//!
//! Reports often state their key figures in prose too (全年主动公开政府信息129条, 收到依申请公开1件,
//! 无行政复议), and sometimes only there, when the tables were published as images. Prose and
//! table can disagree; both are kept as written and a disagreement is only reported
//! (`narrative.mismatch`, template.md §5.2 H1, §6.10). The sentences are matched in the
//! [`Folded`] text inside the report's own bounds, so page clutter cannot contribute figures.

use crate::codes;
use crate::fold::Folded;
use crate::model::{Diagnostic, Narrative, Severity, Table, Tables};
use crate::sections::{Layout, short_contains};

/// The figures the prose states (a layout computed for the occasion).
#[cfg(test)]
pub(crate) fn extract(doc: &Folded<'_>) -> Narrative {
    extract_in(doc, &crate::sections::layout(doc))
}

/// The figures the prose states inside the report's layout.
pub(crate) fn extract_in(doc: &Folded<'_>, layout: &Layout) -> Narrative {
    let end = layout.end.min(doc.folded.len());
    let f = doc.folded.get(..end).unwrap_or("");
    Narrative {
        proactive_total: proactive_total(f, doc),
        requests_received: requests_received(f, doc),
        reviews: case_count(f, "行政复议", doc),
        lawsuits: case_count(f, "行政诉讼", doc),
        fee_charged: fee_charged(f, doc),
    }
}

/// A `narrative.mismatch` diagnostic for each prose figure that disagrees with its table cell.
pub(crate) fn compare(narrative: &Narrative, tables: &Tables, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(said), Some(t)) = (narrative.requests_received, tables.requests.as_ref()) {
        let new = int(t, "new_received", "total");
        let carried = int(t, "carried_over", "total");
        let with_carried = new.zip(carried).map(|(a, b)| a + b);
        if new.is_some() && new != Some(said) && with_carried != Some(said) {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    codes::NARRATIVE_MISMATCH,
                    format!(
                        "the prose says {said} requests were received; 表三 says {} new{}",
                        new.unwrap_or_default(),
                        with_carried.map(|w| format!(" ({w} with those carried over)")).unwrap_or_default()
                    ),
                )
                .cell("requests", "new_received", "total"),
            );
        }
    }
    if let Some(t) = tables.review_litigation.as_ref() {
        if let (Some(said), Some(table)) = (narrative.reviews, int(t, "review", "total")) {
            if said != table {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        codes::NARRATIVE_MISMATCH,
                        format!("the prose says {said} administrative reviews; 表四 says {table}"),
                    )
                    .cell("review_litigation", "review", "total"),
                );
            }
        }
        let direct = int(t, "litigation_direct", "total");
        let after = int(t, "litigation_after_review", "total");
        if let (Some(said), Some(table)) = (narrative.lawsuits, direct.zip(after).map(|(a, b)| a + b)) {
            if said != table {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        codes::NARRATIVE_MISMATCH,
                        format!("the prose says {said} lawsuits; 表四 says {table}"),
                    )
                    .cell("review_litigation", "litigation_direct", "total"),
                );
            }
        }
    }
}

/// Largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A table cell as a whole number.
fn int(t: &Table, row: &str, column: &str) -> Option<i64> {
    t.get(row, column).and_then(|n| n.as_i64())
}

/// Units a count is written with in prose.
const UNITS: &[char] = &['条', '件', '份', '起', '宗', '个', '次', '篇'];

/// The number at the start of `s` followed by a count unit: (value, bytes used).
fn count_at(s: &str) -> Option<(i64, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    let unit = s.get(digits..)?.chars().next()?;
    UNITS.contains(&unit).then(|| s.get(..digits)?.parse().ok().map(|v| (v, digits + unit.len_utf8())))?
}

/// Whether a character ends a clause (the figure must be in the same clause as its anchor).
fn clause_break(c: char) -> bool {
    matches!(c, '。' | ';' | ',' | ':' | '!' | '?') || c.is_ascii_digit()
}

/// The first `N条` within `max` characters after `from`, with nothing but words between (and,
/// when `commas`, enumeration commas: 收到公民、法人和其他组织…申请共19件).
fn figure_after(s: &str, max: usize, commas: bool) -> Option<(&str, i64)> {
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n > max {
            return None;
        }
        if c.is_ascii_digit() {
            let between = s.get(..i)?;
            return count_at(s.get(i..)?).map(|(v, _)| (between, v));
        }
        if (clause_break(c) && !(commas && c == ',')) || c == '(' {
            return None;
        }
    }
    None
}

/// Anchors of the proactive total.
const PROACTIVE: &[&str] = &["主动公开", "共公开", "全年公开", "共公布", "累计公开"];
/// Anchors of the requests received.
const RECEIVED: &[&str] = &["收到", "受理", "办理", "新收"];
/// Anchors of the fee statement.
const FEE: &[&str] = &["信息处理费", "收取费用", "收费"];
/// Every anchor searched for (indexed in one pass, see [`crate::needles`]).
pub(crate) const ANCHORS: &[&str] =
    &["主动公开", "共公开", "全年公开", "共公布", "累计公开", "收到", "受理", "办理", "新收", "行政复议", "行政诉讼", "信息处理费", "收取费用", "收费"];

/// 全年主动公开政府信息129条 / 共公开政府信息210条 / 共公布政府信息2602条: the earliest statement.
fn proactive_total(f: &str, doc: &Folded<'_>) -> Option<i64> {
    let mut best: Option<(usize, i64)> = None;
    for anchor in PROACTIVE {
        for i in doc.matches(anchor, f.len()) {
            if best.is_some_and(|(b, _)| b <= i) {
                break;
            }
            let rest = f.get(i + anchor.len()..)?;
            if let Some((between, v)) = figure_after(rest, 12, false) {
                if between.contains("信息") && !between.contains("申请") {
                    best = Some((i, v));
                    break;
                }
            }
        }
    }
    best.map(|(_, v)| v)
}

/// 收到/受理/办理…申请N件 (or 未收到…申请 = 0).
fn requests_received(f: &str, doc: &Folded<'_>) -> Option<i64> {
    let mut best: Option<(usize, i64)> = None;
    for anchor in RECEIVED {
        for i in doc.matches(anchor, f.len()) {
            if best.is_some_and(|(b, _)| b <= i) {
                break;
            }
            let rest = f.get(i + anchor.len()..)?;
            let found = match figure_after(rest, 30, true) {
                Some((between, v)) if between.contains("申请") && !between.contains("复议") && !between.contains("诉讼") => {
                    Some(v)
                }
                Some((between, _)) if !between.is_empty() => None,
                _ => {
                    // 收到2份以信函形式提出的信息公开申请: the figure comes first.
                    let lead = count_at(rest.trim_start_matches(['共', '了'])).filter(|_| {
                        let tail = rest.get(..floor(rest, 90)).unwrap_or("");
                        let clause = tail.split(['。', ',', ';']).next().unwrap_or("");
                        clause.contains("申请") && !clause.contains("复议") && !clause.contains("诉讼")
                    });
                    lead.map(|(v, _)| v).or_else(|| {
                        let negated = f.get(..i).is_some_and(|h| h.ends_with('未') || h.ends_with("没有"));
                        let clause = rest.get(..floor(rest, 90)).unwrap_or("").split(['。', ',', ';']).next().unwrap_or("");
                        (negated && clause.contains("申请") && !clause.contains("复议")).then_some(0)
                    })
                }
            };
            if let Some(v) = found {
                best = Some((i, v));
                break;
            }
        }
    }
    best.map(|(_, v)| v)
}

/// Words that state that no case happened (无行政复议, 未发生…行政诉讼).
const NEGATIONS: &[&str] = &["无", "未发生", "没有", "未收到", "未产生", "未出现", "均未", "未有"];

/// 行政复议N件 / 行政诉讼1条, or 0 when the clause says there was none.
fn case_count(f: &str, anchor: &str, doc: &Folded<'_>) -> Option<i64> {
    for i in doc.matches(anchor, f.len()) {
        let rest = f.get(i + anchor.len()..)?;
        if let Some((between, v)) = figure_after(rest, 8, false) {
            if !between.contains("申请公开") {
                return Some(v);
            }
        }
        // The clause before the anchor, back to the last clause break.
        let head = f.get(..i)?;
        let clause_start = head.char_indices().rev().take(40).find(|(_, c)| matches!(c, '。' | ';' | ':' | '!' | '?')).map_or(
            head.char_indices().rev().take(40).last().map_or(0, |(k, _)| k),
            |(k, c)| k + c.len_utf8(),
        );
        let clause = head.get(clause_start..)?;
        // Only the words after the clause's last figure (行政诉讼1条,无行政复议).
        let clause = clause.rfind(|c: char| c.is_ascii_digit()).and_then(|k| clause.get(k + 1..)).unwrap_or(clause);
        if NEGATIONS.iter().any(|n| short_contains(clause, n)) {
            return Some(0);
        }
    }
    None
}

/// 未收取信息处理费 = false; 收取信息处理费N元 (N > 0) = true.
fn fee_charged(f: &str, doc: &Folded<'_>) -> Option<bool> {
    for anchor in FEE {
        for i in doc.matches(anchor, f.len()) {
            let head = f.get(..i)?;
            // The last 12 characters before the anchor.
            let back = head.char_indices().rev().take(12).last().map_or("", |(k, _)| &head[k..]);
            let back = back.rsplit(['。', ';', ',']).next().unwrap_or("");
            if ["未收取", "无收取", "没有收取", "不收取", "未收", "未产生", "未向", "均未", "免收", "无"].iter().any(|n| short_contains(back, n)) {
                return Some(false);
            }
            if *anchor == "信息处理费" {
                let rest = f.get(i + anchor.len()..)?;
                let clause = rest.get(..floor(rest, 90)).unwrap_or("").split(['。', ';']).next().unwrap_or("");
                let amount = clause.char_indices().find(|(_, c)| c.is_ascii_digit()).and_then(|(k, _)| {
                    let digits: String = clause.get(k..)?.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                    let unit_ok = clause.get(k + digits.len()..).is_some_and(|u| u.starts_with('元') || u.starts_with("万元"));
                    digits.parse::<f64>().ok().filter(|_| unit_ok)
                });
                if let Some(a) = amount {
                    return Some(a > 0.0);
                }
            }
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Number, TableKind, Template};
    use crate::template::empty_table;

    fn n(text: &str) -> Narrative {
        extract(&Folded::new(text))
    }

    #[test]
    fn prose_figures() {
        let got = n("2024年,磐石镇全年主动公开政府信息累计21条。2024年,磐石镇共受理依申请公开事项1件,市转办2件。\
                     未发生依申请公开申请行政复议、提起行政诉讼的情况。磐石镇无其他报告事项,无收取信息处理费情况。");
        assert_eq!(got.proactive_total, Some(21));
        assert_eq!(got.requests_received, Some(1));
        assert_eq!(got.reviews, Some(0));
        assert_eq!(got.lawsuits, Some(0));
        assert_eq!(got.fee_charged, Some(false));
    }

    #[test]
    fn units_and_none() {
        let got = n("全镇通过不同渠道和方式共公开政府信息210条。全镇共收到依申请公开1件,行政诉讼1条,无行政复议。");
        assert_eq!(got.proactive_total, Some(210));
        assert_eq!(got.requests_received, Some(1));
        assert_eq!(got.lawsuits, Some(1));
        assert_eq!(got.reviews, Some(0));
        assert_eq!(got.fee_charged, None);
        let got = n("2019年收到2份以信函形式提出的信息公开申请,已按时答复。全年办理政府信息公开申请218件。");
        assert_eq!(got.requests_received, Some(2));
        let got = n("2019年,我镇未收到任何依申请公开信息。实际收取信息处理费共计400元。");
        assert_eq!(got.requests_received, Some(0));
        assert_eq!(got.fee_charged, Some(true));
        let got = n("认真贯彻执行《政府信息公开信息处理费管理办法》要求。2022年未收取信息处理费。");
        assert_eq!(got.fee_charged, Some(false));
        assert_eq!(n("没有数字的文本。"), Narrative::default());
        let got = n("收到公民、法人和其他组织政府信息公开申请共19件。全年共公布政府信息2602条(其中其他应主动公开政府信息1053条)。");
        assert_eq!((got.requests_received, got.proactive_total), (Some(19), Some(2602)));
    }

    fn tables(new: i64, carried: i64, review: i64, direct: i64, after: i64) -> Tables {
        let mut rq = empty_table(TableKind::Requests, Template::F2021, Default::default());
        rq.set("new_received", "total", Some(Number::Int(new)));
        rq.set("carried_over", "total", Some(Number::Int(carried)));
        let mut rv = empty_table(TableKind::ReviewLitigation, Template::F2021, Default::default());
        rv.set("review", "total", Some(Number::Int(review)));
        rv.set("litigation_direct", "total", Some(Number::Int(direct)));
        rv.set("litigation_after_review", "total", Some(Number::Int(after)));
        Tables { proactive: None, requests: Some(rq), review_litigation: Some(rv) }
    }

    #[test]
    fn mismatches_are_reported_never_fixed() {
        let said = Narrative { requests_received: Some(21), reviews: Some(0), lawsuits: Some(3), ..Default::default() };
        let mut d = Vec::new();
        compare(&said, &tables(20, 1, 0, 1, 2), &mut d);
        assert!(d.is_empty(), "{d:?}");
        compare(&said, &tables(19, 1, 1, 1, 1), &mut d);
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|x| x.code == codes::NARRATIVE_MISMATCH && x.severity == Severity::Warning));
        let mut d = Vec::new();
        compare(&Narrative::default(), &tables(1, 1, 1, 1, 1), &mut d);
        compare(&said, &Tables::default(), &mut d);
        assert!(d.is_empty());
    }
}
