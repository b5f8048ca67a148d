//! Sections: the report's top-level headings (一、总体情况 …) and the text under each.
//!
//! Scraped reports rarely keep their layout: a heading may sit on its own line, follow a
//! sentence on the same line, or run straight into the next sentence with no separator at all
//! (`…12月31日。一、总体情况2021年,…`). So headings are found in the [`Folded`] view (no white
//! space, `、` folded to `,`) by an ordinal (`一,` … `十,`) followed by a heading keyword, and the
//! heading's end is settled by white space in the original, by the next ordinal, or by the word a
//! heading ends with (`情况`, `事项`, `概述`, `措施`). Table row labels that also start with an
//! ordinal (`一、本年新收…`, `四、结转下年度…`) are refused by name. Of the candidates left,
//! the chain whose ordinals increase, best rewarding consecutive numbers, wins: an intro sentence
//! that enumerates the part names, a sub-list restarting at 一 or a stray `单一、` do not form such a
//! chain. Everything after the report's end (上一篇/下一篇, site footers, spam link lists) is page
//! clutter and belongs to no section.

use std::sync::LazyLock;

use crate::fold::Folded;
use crate::model::{Section, Span, Template};

/// A top-level heading candidate, in folded offsets.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// The ordinal as written (一 = 1).
    pub number: u32,
    /// Folded offset of the ordinal.
    pub start: usize,
    /// Folded offset just past the heading text.
    pub end: usize,
    /// Section key (`unknown` when no keyword fits).
    pub key: &'static str,
}

/// How section keys are assigned: the six statutory parts, or the pre-2019 keyword keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Statutory,
    Legacy,
}

impl Mode {
    /// The keying mode of a template (unknown reports are keyed like pre-2019 ones).
    fn of(template: Template) -> Mode {
        match template {
            Template::F2021 | Template::F2019 => Mode::Statutory,
            Template::Pre2019 | Template::Unknown => Mode::Legacy,
        }
    }
}

/// Where the report's own text lies, in folded offsets: computed once per text and shared by
/// the template decision, the sections, the metadata, the narrative and the legacy tables.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The top-level headings (liberal keying), in order.
    pub headings: Vec<Heading>,
    /// Folded offset where the report ends and page clutter begins.
    pub end: usize,
    /// Every heading candidate before keying by mode.
    raw: Vec<Raw>,
}

impl Layout {
    /// Folded offset of the first heading (the end of the preamble), or the report's end.
    pub fn preamble_end(&self) -> usize {
        self.headings.first().map_or(self.end, |h| h.start)
    }
}

/// The headings and the report's end, keyed liberally (used before the template is known).
pub(crate) fn layout(doc: &Folded<'_>) -> Layout {
    let raw = raw_candidates(doc);
    let headings = chain(doc, &raw, Mode::Legacy);
    let end = report_end(doc, &headings);
    Layout { headings, end, raw }
}

/// The phrases searched for across the whole folded text (see [`crate::needles`]): the clutter
/// markers, the regulation's number, and the anchors and labels of the metadata, narrative and
/// legacy tables.
pub(crate) fn needles() -> impl Iterator<Item = &'static str> {
    CLUTTER
        .iter()
        .copied()
        .chain([ATTACHMENT, REGULATION, crate::meta::E_VERSION])
        .chain(crate::narrative::ANCHORS.iter().copied())
        .chain(crate::meta::PUBLISHED_LABELS.iter().map(|(l, _)| *l))
        .chain(crate::meta::PERIOD_ANCHORS.iter().copied())
        .chain(crate::meta::CONTACT_LABELS.iter().map(|(l, _)| *l))
        .chain(crate::legacy::LABEL_HEADERS.iter().copied())
}

/// The number of the 2008 regulation (国务院令第492号, 492号令).
const REGULATION: &str = "492号";

/// Whether the headings are those of a pre-2019 report (一、概述, 收费及减免, …), the text cites
/// the 2008 regulation (国务院令第492号), or it carries a pre-2019 statistics table.
pub(crate) fn looks_pre2019_in(doc: &Folded<'_>, layout: &Layout) -> bool {
    let f = doc.folded.as_str();
    // 国务院令第492号 or 492号令: both contain 492号.
    let cites = doc.matches(REGULATION, f.len()).any(|i| {
        f.as_bytes()[..i].ends_with("国务院令第".as_bytes()) || f.as_bytes()[i..].starts_with("492号令".as_bytes())
    });
    if cites {
        return true;
    }
    let old_heading = layout.headings.iter().any(|h| {
        let t = heading_text(doc, h);
        ["概述", "收费及减免", "收费和减免", "支出与收费", "支出和收费", "回应解读"].iter().any(|k| short_contains(t, k))
    });
    old_heading || crate::legacy::header_at(doc).is_some()
}

/// Whether the text carries the post-2019 statutory headings as headings (not merely named in an
/// intro sentence): `三、收到和处理政府信息公开申请情况`, or three of the other statutory names.
pub(crate) fn has_statutory_headings_in(doc: &Folded<'_>, layout: &Layout) -> bool {
    const NAMES: &[&str] = &["总体情况", "主动公开政府信息情况", "行政复议", "存在的主要问题及改进情况", "其他需要报告的事项"];
    let mut named = 0;
    for h in &layout.headings {
        let t = heading_text(doc, h);
        if short_contains(t, "收到和处理") {
            return true;
        }
        if NAMES.iter().any(|n| short_contains(t, n)) {
            named += 1;
        }
    }
    named >= 3
}

/// [`looks_pre2019_in`] with a layout computed for the occasion.
#[cfg(test)]
pub(crate) fn looks_pre2019(doc: &Folded<'_>) -> bool {
    looks_pre2019_in(doc, &layout(doc))
}

/// [`has_statutory_headings_in`] with a layout computed for the occasion.
#[cfg(test)]
pub(crate) fn has_statutory_headings(doc: &Folded<'_>) -> bool {
    has_statutory_headings_in(doc, &layout(doc))
}

/// The top-level sections in reading order (a layout computed for the occasion).
#[cfg(test)]
pub(crate) fn find(doc: &Folded<'_>, template: Template) -> Vec<Section> {
    find_in(doc, &layout(doc), template)
}

/// The top-level sections in reading order.
pub(crate) fn find_in(doc: &Folded<'_>, layout: &Layout, template: Template) -> Vec<Section> {
    let mode = Mode::of(template);
    let statutory;
    let headings = if mode == Mode::Legacy {
        &layout.headings
    } else {
        statutory = chain(doc, &layout.raw, mode);
        &statutory
    };
    let end = layout.end;
    let mut out = Vec::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        let next = headings.get(i + 1).map_or(end.max(h.end), |n| n.start);
        let start = doc.orig_start(h.start);
        let head_end = doc.orig_end(h.end);
        let stop = doc.orig_start(next).max(head_end);
        let raw = doc.text.get(head_end..stop).unwrap_or("");
        let body = raw.trim_end();
        let span_end = head_end + body.len();
        let text = clean(body.trim_start());
        out.push(Section {
            key: h.key,
            number: Some(h.number),
            heading: collapse(doc.text.get(start..head_end).unwrap_or("")),
            text,
            span: Span::new(start, span_end.max(head_end)),
        });
    }
    out
}

/// Whether a short haystack (a heading) contains a needle, without building a searcher.
pub(crate) fn short_contains(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else { return true };
    if h.len() < n.len() {
        return false;
    }
    // A byte loop, not a slice comparison: CJK needles share their first byte with most of the
    // haystack, and the loop stops at the first differing byte without a call to `memcmp`.
    (0..=h.len() - n.len()).any(|i| h[i] == first && h[i + 1..i + n.len()].iter().zip(rest).all(|(a, b)| a == b))
}

/// The heading text (after the ordinal) in folded form.
fn heading_text<'d>(doc: &'d Folded<'_>, h: &Heading) -> &'d str {
    let after = skip_ordinal(&doc.folded, h.start);
    doc.folded.get(after..h.end).unwrap_or("")
}

/// Folded offset just past the ordinal and its separator at `start`.
fn skip_ordinal(f: &str, start: usize) -> usize {
    let mut i = start;
    for c in f.get(start..).unwrap_or("").chars() {
        i += c.len_utf8();
        if c == ',' || c == '.' {
            break;
        }
    }
    i
}

/// White space runs collapsed to one space, ends trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Section text with page clutter inside it (long `||||` runs) removed.
fn clean(s: &str) -> String {
    let bytes = s.as_bytes();
    let Some(first) = memchr::memchr(b'|', bytes) else { return s.trim().to_string() };
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut at = first;
    loop {
        // A run: `|` and the white space between them, from a `|` to the next other character.
        out.push_str(&s[last..at]);
        let mut pipes = 0usize;
        let mut q = at;
        for c in s[at..].chars() {
            if c == '|' {
                pipes += 1;
            } else if !c.is_whitespace() {
                break;
            }
            q += c.len_utf8();
        }
        if pipes < PIPE_RUN {
            out.push_str(&s[at..q]);
        }
        last = q;
        match memchr::memchr(b'|', &bytes[q..]) {
            Some(k) => at = q + k,
            None => break,
        }
    }
    out.push_str(&s[last..]);
    out.trim().to_string()
}

/// A run of this many `|` (white space ignored) is page clutter, not table cells.
const PIPE_RUN: usize = 30;

/// The value of a Chinese numeral character (一 … 十).
fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// The value of a Chinese ordinal of one to three characters (一 … 二十), if it is one.
fn ordinal_value(chars: &[char]) -> Option<u32> {
    let mut v = [0u32; 3];
    let digits = v.get_mut(..chars.len())?;
    for (d, &c) in digits.iter_mut().zip(chars) {
        *d = digit_value(c)?;
    }
    let n = match &*digits {
        [d] => *d,
        [10, d] if *d < 10 => 10 + d,
        [d, 10] if *d < 10 => d * 10,
        [d, 10, e] if *d < 10 && *e < 10 => d * 10 + e,
        _ => return None,
    };
    (1..=20).contains(&n).then_some(n)
}

/// Characters that, written just before a numeral, make it part of a word (统一, 第一, 单一, …).
fn joins_numeral(c: char) -> bool {
    matches!(
        c,
        '第' | '统' | '唯' | '单' | '之' | '周' | '逐' | '万' | '千' | '百' | '亿' | '零' | '两' | '〇' | '其' | '另' | '任'
            | '同' | '合' | '专' | '初' | '高' | '星' | '某' | '每' | '(' | '（' | '['
    )
}

/// Labels of 表三 rows that start with an ordinal but are not headings.
const TABLE_ROWS: &[&str] = &["本年新收", "上年结转", "本年度办理结果", "本年度办理", "结转下年度", "结转下一年"];

/// Words a heading ends with.
const TERMINALS: &[&str] = &["情况", "事项", "概述", "措施", "打算", "统计表", "附表", "问题"];

/// Folded offset just past the first heading-ending word in `f[from..until]`.
fn terminal_end(f: &str, from: usize, until: usize) -> Option<usize> {
    let hay = f.get(from..until)?;
    let mut best: Option<usize> = None;
    for (i, c) in hay.char_indices() {
        // A word starting here or later ends after `best`.
        if best.is_some_and(|b| i >= b) {
            break;
        }
        if !matches!(c, '情' | '事' | '概' | '措' | '打' | '统' | '附' | '问') {
            continue;
        }
        let rest = &hay[i..];
        for t in TERMINALS {
            if rest.starts_with(t) {
                let end = i + t.len();
                // 问题及改进情况: 问题 does not end the heading when a conjunction follows.
                let conj = *t == "问题" && hay.get(end..).is_some_and(|r| r.starts_with(['及', '和', '与', ',']));
                if !conj {
                    best = Some(best.map_or(end, |b| b.min(end)));
                }
            }
        }
    }
    best.map(|e| from + e)
}

/// Largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Section keys of the statutory mode: the first rule with a word in the heading wins.
const STATUTORY_RULES: &[(&[&str], &str)] = &[
    (&["复议", "诉讼"], "review_litigation"),
    (&["问题", "改进"], "problems"),
    (&["申请"], "requests"),
    (&["主动公开"], "proactive"),
    (&["其他", "需要报告"], "other"),
    (&["总体", "概述", "基本情况", "工作情况", "概况"], "overview"),
];

/// Section keys of the pre-2019 (liberal) mode.
const LEGACY_RULES: &[(&[&str], &str)] = &[
    (&["附表", "附件", "统计表"], "annex"),
    (&["收费", "减免", "支出"], "fees"),
    (&["复议", "诉讼", "申诉", "举报投诉"], "review_litigation"),
    (&["问题", "改进", "工作打算"], "problems"),
    (&["咨询"], "consultation"),
    (&["回应", "解读"], "interpretation_response"),
    (&["依申请", "申请"], "on_request"),
    (&["主动公开", "公开政府信息"], "proactive"),
    (&["机构建设", "保障经费", "培训"], "institutions"),
    (&["其他需要报告", "需要说明", "其他"], "other"),
    (&["概述", "基本情况", "基本工作情况", "工作情况", "总体情况", "组织推进", "概况"], "overview"),
];

/// The key words of both modes, indexed by bit, and the rules as bit masks.
struct Keywords {
    words: Vec<&'static str>,
    /// Bit masks of the words starting with each character, sorted by character.
    by_first: Vec<(char, u64)>,
    statutory: Vec<(u64, &'static str)>,
    legacy: Vec<(u64, &'static str)>,
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let mut masks = |rules: &[(&[&'static str], &'static str)]| -> Vec<(u64, &'static str)> {
        rules
            .iter()
            .map(|(ws, key)| {
                let mut m = 0u64;
                for w in *ws {
                    let k = words.iter().position(|x| x == w).unwrap_or_else(|| {
                        words.push(w);
                        words.len() - 1
                    });
                    m |= 1 << k;
                }
                (m, *key)
            })
            .collect()
    };
    let statutory = masks(STATUTORY_RULES);
    let legacy = masks(LEGACY_RULES);
    debug_assert!(words.len() <= 64);
    let mut by_first: Vec<(char, u64)> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let c = w.chars().next().unwrap_or_default();
        match by_first.iter_mut().find(|e| e.0 == c) {
            Some(e) => e.1 |= 1 << k,
            None => by_first.push((c, 1 << k)),
        }
    }
    by_first.sort_unstable_by_key(|e| e.0);
    Keywords { words, by_first, statutory, legacy }
});

/// Bit mask of the key words a heading's folded text contains.
fn keyword_mask(text: &str) -> u64 {
    let kw = &*KEYWORDS;
    let mut m = 0u64;
    for (i, c) in text.char_indices() {
        let Ok(j) = kw.by_first.binary_search_by_key(&c, |e| e.0) else { continue };
        let mut cand = kw.by_first[j].1 & !m;
        while cand != 0 {
            let k = cand.trailing_zeros() as usize;
            cand &= cand - 1;
            if text[i..].starts_with(kw.words[k]) {
                m |= 1 << k;
            }
        }
    }
    m
}

/// The section key of a heading whose key-word mask is `mask`.
fn key_of(mask: u64, mode: Mode) -> &'static str {
    let rules = match mode {
        Mode::Statutory => &KEYWORDS.statutory,
        Mode::Legacy => &KEYWORDS.legacy,
    };
    rules.iter().find(|(m, _)| m & mask != 0).map_or("unknown", |(_, k)| k)
}

/// A raw ordinal found in the folded text: folded start of the numeral, and of the heading text.
struct Ordinal {
    number: u32,
    start: usize,
    text: usize,
}

/// Every `一,` / `二.` … in the folded text that is not part of a word, in order.
fn ordinals(f: &str) -> Vec<Ordinal> {
    let bytes = f.as_bytes();
    let mut out = Vec::new();
    for sep in memchr::memchr2_iter(b',', b'.', bytes) {
        let head = f.get(..sep).unwrap_or("");
        // Most separators follow no numeral: settle those without looking further.
        if head.chars().next_back().is_none_or(|c| digit_value(c).is_none()) {
            continue;
        }
        let mut numerals = ['\0'; 3];
        let mut count = 0;
        let mut start = sep;
        let mut before = None;
        for c in head.chars().rev() {
            if digit_value(c).is_some() && count < 3 {
                numerals[count] = c;
                count += 1;
                start -= c.len_utf8();
            } else {
                before = Some(c);
                break;
            }
        }
        if count == 3 && before.is_some_and(|c| digit_value(c).is_some()) {
            continue;
        }
        numerals[..count].reverse();
        let Some(number) = ordinal_value(&numerals[..count]) else { continue };
        if before.is_some_and(joins_numeral) {
            continue;
        }
        out.push(Ordinal { number, start, text: sep + 1 });
    }
    out
}

/// A heading candidate before keying: an ordinal with heading text that is not a table row.
#[derive(Debug, Clone)]
struct Raw {
    number: u32,
    start: usize,
    end: usize,
    statutory: &'static str,
    legacy: &'static str,
    /// Whether a heading with no keyword stands on its own (computed only when needed).
    alone: bool,
}

/// Every heading candidate of the text, keyed in both modes.
fn raw_candidates(doc: &Folded<'_>) -> Vec<Raw> {
    let f = doc.folded.as_str();
    let raw = ordinals(f);
    let mut out = Vec::new();
    for (i, o) in raw.iter().enumerate() {
        let next = raw.get(i + 1).map_or(f.len(), |n| n.start);
        let Some(end) = heading_end(doc, o.text, next) else { continue };
        let text = f.get(o.text..end).unwrap_or("");
        if TABLE_ROWS.iter().any(|r| text.starts_with(r)) {
            continue;
        }
        let mask = keyword_mask(text);
        let (statutory, legacy) = (key_of(mask, Mode::Statutory), key_of(mask, Mode::Legacy));
        let alone = legacy == "unknown" && standalone(doc, o.start, end, next);
        if statutory == "unknown" && legacy == "unknown" && !alone {
            continue;
        }
        out.push(Raw { number: o.number, start: o.start, end, statutory, legacy, alone });
    }
    out
}

/// The heading candidates accepted in a mode, with the weight each brings to a chain.
fn candidates(doc: &Folded<'_>, raw: &[Raw], mode: Mode) -> Vec<(Heading, f32)> {
    let f = doc.folded.as_str();
    let mut accepted: Vec<Heading> = Vec::new();
    for r in raw {
        let key = match mode {
            Mode::Statutory => r.statutory,
            Mode::Legacy => r.legacy,
        };
        if key == "unknown" && (mode == Mode::Statutory || !r.alone) {
            continue;
        }
        accepted.push(Heading { number: r.number, start: r.start, end: r.end, key });
    }
    let mut out = Vec::with_capacity(accepted.len());
    for (i, h) in accepted.iter().enumerate() {
        let next = accepted.get(i + 1).map_or(f.len(), |n| n.start);
        let body = f.get(h.end..next.max(h.end)).unwrap_or("");
        let substantial = body.chars().filter(|c| c.is_alphanumeric()).take(2).count() >= 2;
        let table_part = matches!(h.key, "proactive" | "requests" | "review_litigation" | "on_request");
        let weight = if substantial || table_part { 1.0 } else { 0.25 };
        out.push((h.clone(), weight));
    }
    out
}

/// Folded end of the heading whose text starts at `q`, or `None` when there is no heading text.
fn heading_end(doc: &Folded<'_>, q: usize, next: usize) -> Option<usize> {
    let f = doc.folded.as_str();
    let mut lim = floor_boundary(f, (q + 90).min(next));
    // White space in the original ends a heading written on its own line or before a gap.
    let o = doc.orig_start(q);
    if let Some(rest) = doc.text.get(o..) {
        if let Some(ws) = rest.char_indices().take(40).find(|(_, c)| c.is_whitespace()).map(|(i, _)| i) {
            let wf = doc.folded_at(o + ws);
            if wf > q {
                lim = lim.min(wf);
            }
        }
    }
    if lim <= q {
        return None;
    }
    let end = terminal_end(f, q, lim).unwrap_or_else(|| {
        f.get(q..lim)
            .and_then(|h| h.find(|c: char| c.is_ascii_digit() || matches!(c, '。' | ';' | ':' | '(' | '《' | '|' | '"')))
            .map_or(lim, |i| q + i)
    });
    (end > q).then_some(end)
}

/// Whether a heading with no keyword stands on its own: white space (or the text's start) before
/// it, white space or another ordinal right after it, and short.
fn standalone(doc: &Folded<'_>, start: usize, end: usize, next: usize) -> bool {
    let o = doc.orig_start(start);
    let before_ok = doc.text.get(..o).and_then(|s| s.chars().next_back()).is_none_or(char::is_whitespace);
    let oe = doc.orig_end(end);
    let after_ok = end == next || doc.text.get(oe..).and_then(|s| s.chars().next()).is_none_or(char::is_whitespace);
    before_ok && after_ok && end - start <= 60
}

/// The heading chain: candidates whose ordinals increase, consecutive numbers rewarded.
fn chain(doc: &Folded<'_>, raw: &[Raw], mode: Mode) -> Vec<Heading> {
    let cands = candidates(doc, raw, mode);
    const MAXN: usize = 21;
    let mut best: [Option<(f32, usize)>; MAXN] = [None; MAXN];
    let mut prev: Vec<Option<usize>> = Vec::with_capacity(cands.len());
    let mut score_of: Vec<f32> = Vec::with_capacity(cands.len());
    for (i, (h, w)) in cands.iter().enumerate() {
        let n = h.number as usize;
        let mut base = 0.0f32;
        let mut from = None;
        for (m, b) in best.iter().enumerate().take(n).skip(1) {
            if let Some((s, j)) = *b {
                let v = s + if m + 1 == n { 0.5 } else { 0.0 };
                if v > base {
                    base = v;
                    from = Some(j);
                }
            }
        }
        let opening = if from.is_none() && n == 1 { 0.5 } else { 0.0 };
        let score = base + w + opening;
        prev.push(from);
        score_of.push(score);
        if let Some(slot) = best.get_mut(n) {
            if slot.is_none_or(|(s, _)| score >= s) {
                *slot = Some((score, i));
            }
        }
    }
    let mut top: Option<(f32, usize)> = None;
    for b in best.iter().flatten() {
        if top.is_none_or(|(s, i)| b.0 > s || (b.0 == s && b.1 > i)) {
            top = Some(*b);
        }
    }
    let mut out = Vec::new();
    let mut at = top.map(|(_, i)| i);
    while let Some(i) = at {
        if let Some((h, _)) = cands.get(i) {
            out.push(h.clone());
        }
        at = prev.get(i).copied().flatten();
    }
    out.reverse();
    out
}

/// Folded phrases that start page clutter after the report (navigation, footers, promotion).
const CLUTTER: &[&str] = &[
    "上一篇",
    "下一篇",
    "主办单位",
    "版权所有",
    "ICP备",
    "网站标识码",
    "相关政策解读链接",
    "附件下载",
    "更多信息请关注",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "扫一扫",
    "分享到",
    "责任编辑",
];

/// The attachment label before attachment names.
const ATTACHMENT: &str = "附件:";

/// Folded offset where the report ends: the first clutter marker after the first heading.
fn report_end(doc: &Folded<'_>, headings: &[Heading]) -> usize {
    let f = doc.folded.as_str();
    let bytes = f.as_bytes();
    let from = match headings.first() {
        Some(h) => h.end,
        None => floor_boundary(f, f.len() / 5),
    };
    let mut end = f.len();
    let first = |needle: &str, from: usize, until: usize| doc.find(needle, from, until);
    for m in CLUTTER {
        if let Some(i) = first(m, from, end) {
            end = i;
        }
    }
    // A long run of `|` (a crawler's flattened layout table).
    let mut at = from;
    while let Some(p) = bytes.get(at..end).and_then(|h| memchr::memchr(b'|', h)) {
        let p = at + p;
        let run = bytes[p..end].iter().take(PIPE_RUN).take_while(|&&b| b == b'|').count();
        if run >= PIPE_RUN {
            end = p;
            break;
        }
        at = p + run;
    }
    // Attachment names (附件:1、…报告.doc).
    let mut at = from;
    while let Some(i) = first(ATTACHMENT, at, end) {
        let window = f.get(i..floor_boundary(f, (i + 160).min(f.len()))).unwrap_or("");
        if [".doc", ".pdf", ".xls", ".wps", ".zip", ".rar", ".ofd", ".docx"].iter().any(|x| window.contains(x)) {
            end = i;
            break;
        }
        at = i + 1;
    }
    end
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(text: &str, t: Template) -> Vec<&'static str> {
        find(&Folded::new(text), t).iter().map(|s| s.key).collect()
    }

    const SIX: &[&str] = &["overview", "proactive", "requests", "review_litigation", "problems", "other"];

    #[test]
    fn headings_on_their_own_lines() {
        let text = "某镇2022年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息12条。\n二、主动公开政府信息情况\n表\n\
                    三、收到和处理政府信息公开申请情况\n表\n四、政府信息公开行政复议、行政诉讼情况\n表\n\
                    五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n";
        assert_eq!(keys(text, Template::F2021), SIX);
        let s = find(&Folded::new(text), Template::F2021);
        assert_eq!(s[0].heading, "一、总体情况");
        assert_eq!(s[0].text, "全年主动公开政府信息12条。");
        assert_eq!(s[5].text, "无。");
        assert_eq!(&text[s[1].span.start..s[1].span.end], "二、主动公开政府信息情况\n表");
    }

    #[test]
    fn headings_glued_to_the_next_sentence() {
        let text = "报告中所列数据统计期限为2021年1月1日至12月31日。一、总体情况2021年,某厅坚持公开。\
                    二、主动公开政府信息情况第二十条三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量2\
                    二、上年结转政府信息公开申请数量0三、本年度办理结果(一)予以公开2四、结转下年度继续办理0\
                    四、政府信息公开行政复议、行政诉讼情况000五、存在的主要问题及改进情况2021年我厅仍有不足。\
                    六、其他需要报告的事项无。";
        let s = find(&Folded::new(text), Template::F2021);
        assert_eq!(s.iter().map(|s| s.key).collect::<Vec<_>>(), SIX);
        assert_eq!(s[0].heading, "一、总体情况");
        assert!(s[0].text.starts_with("2021年,某厅"));
        assert_eq!(s[4].heading, "五、存在的主要问题及改进情况");
        assert!(s[2].text.contains("四、结转下年度继续办理0"));
    }

    #[test]
    fn ideographic_space_separated_and_inline() {
        let text = "\u{3000}\u{3000}根据条例，发布本报告。\u{3000}\u{3000}一、基本情况\u{3000}\u{3000}2016年，某厅公开信息。\
                    \u{3000}\u{3000}二、公开政府信息情况\u{3000}\u{3000}（一）主动公开\u{3000}\u{3000}三、回应解读情况\u{3000}解读。\
                    \u{3000}\u{3000}四、存在的主要问题和改进措施\u{3000}\u{3000}下一步。";
        assert_eq!(keys(text, Template::Pre2019), ["overview", "proactive", "interpretation_response", "problems"]);
        let s = find(&Folded::new(text), Template::Pre2019);
        assert_eq!(s[3].heading, "四、存在的主要问题和改进措施");
    }

    #[test]
    fn intro_enumeration_and_sub_headings_are_not_headings() {
        let text = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、\
                    存在的主要问题及改进情况、其他需要报告的事项六部分组成。\n一、总体情况\n(一)主动公开情况\n公开12条。\n\
                    二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n\
                    五、存在的主要问题及改进情况\n一是意识不强。单一、主动公开形式有待丰富。\n六、其他需要报告的事项\n无。";
        assert_eq!(keys(text, Template::F2021), SIX);
    }

    #[test]
    fn clutter_after_the_report_is_excluded() {
        let text = "您现在的位置: | 首页 |\n一、概述\n概述文字。\n二、存在的主要问题及改进措施\n改进。\n某镇人民政府\n2020年1月5日\n\
                    上一篇 : 某某报告\n下一篇 : 另一报告\n抖音最火的句子\n主办单位:某市人民政府 ICP备123号";
        let s = find(&Folded::new(text), Template::Pre2019);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].text, "改进。\n某镇人民政府\n2020年1月5日");
        assert!(text[s[1].span.start..s[1].span.end].ends_with("2020年1月5日"));
    }

    #[test]
    fn pipe_runs_end_the_report() {
        let pipes = "|".repeat(80);
        let text = format!("一、总体情况 文字。 六、其他需要报告的事项 无。 |\n{pipes}\n|");
        let s = find(&Folded::new(&text), Template::F2021);
        assert_eq!(s.last().map(|s| s.text.as_str()), Some("无。"));
    }

    #[test]
    fn pre2019_detection() {
        assert!(looks_pre2019(&Folded::new("一、概述\n文字\n二、政府信息公开的收费及减免情况\n无")));
        assert!(looks_pre2019(&Folded::new("根据《条例》(国务院令第492号)编制。一、基本情况 文字")));
        assert!(!looks_pre2019(&Folded::new("一、总体情况\n本节概述了工作。\n二、主动公开政府信息情况\n")));
        assert!(has_statutory_headings(&Folded::new("一、总体情况\n文字\n三、收到和处理政府信息公开申请情况\n")));
        assert!(!has_statutory_headings(&Folded::new(
            "本报告由总体情况、收到和处理政府信息公开申请情况等组成。一、概述 文字"
        )));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "一", "一,", "一、", "十一、", "二十、", "|||", "一、\u{3000}", "第一、二、三、", "一.二.三."] {
            let d = Folded::new(t);
            let _ = find(&d, Template::F2021);
            let _ = find(&d, Template::Pre2019);
            let _ = layout(&d);
        }
    }
}
