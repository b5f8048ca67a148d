//! Metadata: title, issuing body, reporting year, dates, contact, electronic-version URL.
//!
//! Many scrapes have no title line, so each field is taken from the strongest place that states
//! it (`template.md` §7): the body from the title (`{body}{YYYY}年[度]…年度报告`, or year first,
//! or a crawler's `标题:` line), else from the signature above the closing date (when the text says
//! only 我厅), else from the opening sentence (`2019年以来,腰站子东乡族镇人民政府认真…`); the year
//! from the title, else the statistical period, else the opening sentence, never from a
//! publication date. Everything is read inside the report's own text, so a site footer's name,
//! address or phone can never be taken for the report's. The small grammars (dates, periods,
//! title phrases) are nom parsers over the [`Folded`] text, one function per rule.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{map_res, opt, verify};
use nom::{IResult, Parser};

use crate::fold::Folded;
use crate::model::{Contact, Meta, Period};
use crate::sections::{self, Layout};

/// Everything the report says about itself (a layout computed for the occasion).
pub(crate) fn extract(doc: &Folded<'_>) -> Meta {
    extract_in(doc, &sections::layout(doc))
}

/// Everything the report says about itself, inside the report's layout.
pub(crate) fn extract_in(doc: &Folded<'_>, layout: &Layout) -> Meta {
    let f = doc.folded.as_str();
    let end = layout.end.min(f.len());
    let crawler = crawler_title(doc);
    let preamble = find_title(doc, 0, layout.preamble_end().min(end));
    let title_year = crawler.as_ref().and_then(|t| t.year).or(preamble.as_ref().and_then(|t| t.year));
    let period = period(doc, end);
    let opening = opening(doc, layout);
    let year = title_year
        .or_else(|| period.as_ref().and_then(|p| p.start.get(..4)).and_then(|y| y.parse().ok()))
        .or_else(|| opening_year(doc, layout));
    let body = crawler
        .as_ref()
        .and_then(|t| t.body.clone())
        .or_else(|| preamble.as_ref().and_then(|t| t.body.clone()))
        .or_else(|| signature(doc, end))
        .or(opening);
    let title = crawler.map(|t| t.text).or(preamble.map(|t| t.text));
    Meta { title, body, year, published: published(doc), period, contact: contact(doc, end), url: url(doc, end) }
}

/// A title found in the text.
#[derive(Debug)]
struct Title {
    text: String,
    body: Option<String>,
    year: Option<i32>,
}

/// A calendar date: year, month, day.
type Ymd = (i32, u32, u32);

/// A four-digit year between 1990 and 2100.
fn year4(i: &str) -> IResult<&str, i32> {
    verify(map_res(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), str::parse::<i32>), |y| (1990..=2100).contains(y))
        .parse(i)
}

/// A one- or two-digit number (a month or a day).
fn small(i: &str) -> IResult<&str, u32> {
    map_res(take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), str::parse::<u32>).parse(i)
}

/// A month 1–12.
fn month(i: &str) -> IResult<&str, u32> {
    verify(small, |m| (1..=12).contains(m)).parse(i)
}

/// A day 1–31.
fn day(i: &str) -> IResult<&str, u32> {
    verify(small, |d| (1..=31).contains(d)).parse(i)
}

/// `2024年1月1日` (the 日 may be missing).
fn cn_date(i: &str) -> IResult<&str, Ymd> {
    let (i, (y, _, m, _, d, _)) = (year4, char('年'), month, char('月'), day, opt(char('日'))).parse(i)?;
    Ok((i, (y, m, d)))
}

/// `2023-01-30`, `2023/01/30` or `2023.01.30`.
fn dashed_date(i: &str) -> IResult<&str, Ymd> {
    let (i, (y, sep, m)) = (year4, one_of("-/."), month).parse(i)?;
    let (i, (_, d)) = (char(sep), day).parse(i)?;
    Ok((i, (y, m, d)))
}

/// A full date in either form.
fn date(i: &str) -> IResult<&str, Ymd> {
    alt((cn_date, dashed_date)).parse(i)
}

/// `12月31日`, an end date whose year is left out.
fn month_day(i: &str) -> IResult<&str, (u32, u32)> {
    let (i, (m, _, d, _)) = (month, char('月'), day, opt(char('日'))).parse(i)?;
    Ok((i, (m, d)))
}

/// The word between the two dates of a period: 至, 起至, 到, -.
fn period_link(i: &str) -> IResult<&str, &str> {
    alt((tag("起至"), tag("起到"), tag("至"), tag("到"), tag("-"), tag("~"))).parse(i)
}

/// `2024年1月1日起至2024年12月31日` or `2019年1月1日到12月31日`.
fn period_range(i: &str) -> IResult<&str, (Ymd, Ymd)> {
    let (i, start) = cn_date(i)?;
    let (i, _) = period_link(i)?;
    let (i, end) = alt((cn_date, |i| month_day(i).map(|(r, (m, d))| (r, (start.0, m, d))))).parse(i)?;
    Ok((i, (start, end)))
}

/// The name of the disclosure work: 政府信息公开, 政务公开, 政务信息公开, 信息公开.
fn disclosure(i: &str) -> IResult<&str, &str> {
    alt((tag("政府信息公开"), tag("政务信息公开"), tag("政务公开"), tag("信息公开"))).parse(i)
}

/// The report word: 年度报告, 工作报告, 报告, 年报, 总结.
fn report_word(i: &str) -> IResult<&str, &str> {
    alt((tag("年度报告"), tag("工作报告"), tag("报告"), tag("年报"), tag("工作总结"), tag("总结"))).parse(i)
}

/// `政府信息公开[工作][的]年度报告`: the tail of a title.
fn title_tail(i: &str) -> IResult<&str, ()> {
    let (i, _) = (disclosure, opt(tag("工作")), opt(tag("的")), report_word).parse(i)?;
    Ok((i, ()))
}

/// Largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a character belongs to a CJK name.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) || c == '〇'
}

/// Folded offsets of every `YYYY年` in `f[from..until]`: (start of the year, offset past 年, year).
fn years(f: &str, from: usize, until: usize) -> Vec<(usize, usize, i32)> {
    let mut out = Vec::new();
    let hay = f.get(from..until).unwrap_or("");
    for (i, _) in hay.match_indices('年') {
        let at = from + i;
        if at < 4 {
            continue;
        }
        let start = at - 4;
        if f.as_bytes().get(start.wrapping_sub(1)).is_some_and(u8::is_ascii_digit) && start > 0 {
            continue;
        }
        if let Some(Ok((_, y))) = f.get(start..).map(year4) {
            out.push((start, at + '年'.len_utf8(), y));
        }
    }
    out
}

/// Verbs that lead into a title inside a sentence (现公布…, 发布…).
const LEAD_VERBS: &[&str] = &[
    "特向社会公布",
    "现予以公布",
    "现予公布",
    "现将",
    "现公布",
    "现发布",
    "予以公布",
    "公布",
    "发布",
    "编制了",
    "编写了",
    "编制",
    "编写",
    "印发",
    "关于",
];

/// A body name as written, if it is a plausible one (not 我厅, 本机关, 全镇 …).
fn valid_body(s: &str) -> Option<String> {
    let n = s.chars().count();
    let first = s.chars().next()?;
    if !(2..=40).contains(&n) || "我本全各该今上下此其".contains(first) || s.contains('年') {
        return None;
    }
    Some(s.to_string())
}

/// The CJK run ending just before original offset `at` (white space right before it skipped).
fn name_before(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let trimmed = head.trim_end();
    let mut start = trimmed.len();
    for (i, c) in trimmed.char_indices().rev() {
        if is_han(c) || c == '·' {
            start = i;
        } else {
            break;
        }
    }
    trimmed.get(start..).unwrap_or("")
}

/// The first title (`{body}{YYYY}年…年度报告` or `{YYYY}年{body}…年度报告`) in `f[from..until]`.
fn find_title(doc: &Folded<'_>, from: usize, until: usize) -> Option<Title> {
    let f = doc.folded.as_str();
    for (ys, ye, y) in years(f, from, until) {
        let rest = f.get(ye..).unwrap_or("");
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        let after = f.len() - rest.len();
        // Where the title's tail (政府信息公开…报告) starts: at once, or after a year-first body.
        let window = floor(rest, 60);
        let mut found = None;
        for (k, c) in rest.get(..window).unwrap_or("").char_indices() {
            if let Ok((r, ())) = title_tail(rest.get(k..).unwrap_or("")) {
                found = Some((k, f.len() - r.len()));
                break;
            }
            if !is_han(c) {
                break;
            }
        }
        let Some((k, tail_end)) = found else { continue };
        let mid = rest.get(..k).unwrap_or("");
        let (body, start) = if mid.is_empty() {
            let ys_orig = doc.orig_start(ys);
            let run = name_before(doc.text, ys_orig);
            let stripped = LEAD_VERBS.iter().find_map(|v| run.strip_prefix(v)).unwrap_or(run);
            match valid_body(stripped) {
                Some(b) => {
                    let begin = doc.text.get(..ys_orig).map_or(ys_orig, |h| h.trim_end().len() - stripped.len());
                    (Some(b), begin)
                }
                None => (None, ys_orig),
            }
        } else {
            let span = doc.span(after, after + k);
            (valid_body(doc.text.get(span.start..span.end).unwrap_or("")), doc.orig_start(ys))
        };
        let text = doc.text.get(start..doc.orig_end(tail_end)).map(sections::collapse).unwrap_or_default();
        return Some(Title { text, body, year: Some(y) });
    }
    None
}

/// The title on a crawler header line (`标题: …`).
fn crawler_title(doc: &Folded<'_>) -> Option<Title> {
    for line in doc.text.lines().take(40) {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("标题").map(str::trim_start) else { continue };
        let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) else { continue };
        let rest = rest.trim();
        if rest.is_empty() {
            continue;
        }
        let sub = Folded::new(rest);
        let found = find_title(&sub, 0, sub.folded.len());
        return Some(Title {
            text: sections::collapse(rest),
            body: found.as_ref().and_then(|t| t.body.clone()),
            year: found.and_then(|t| t.year),
        });
    }
    None
}

/// Endings of an issuing body's name.
const ORG_SUFFIXES: &[&str] = &[
    "人民政府", "政府", "委员会", "管委会", "办公室", "办事处", "街道", "中心", "厅", "局", "委", "办", "镇", "乡", "区", "县",
    "市", "院", "馆", "所", "站", "会", "处", "部", "署", "公司", "队", "室",
];

/// Whether a name ends like an issuing body.
fn org_like(s: &str) -> bool {
    // Every suffix ends with one of these characters.
    let last = s.chars().next_back();
    if !last.is_some_and(|c| {
        matches!(
            c,
            '府' | '会' | '室' | '处' | '道' | '心' | '厅' | '局' | '委' | '办' | '镇' | '乡' | '区' | '县' | '市' | '院' | '馆' | '所' | '站'
                | '部' | '署' | '司' | '队'
        )
    }) {
        return false;
    }
    ORG_SUFFIXES.iter().any(|x| s.ends_with(x))
}

/// The body named in the signature above the closing date (`河北省教育厅\n2020年1月16日`).
fn signature(doc: &Folded<'_>, end: usize) -> Option<String> {
    let f = doc.folded.as_str();
    let from = floor(f, end.saturating_sub(600));
    let (ys, _, _) = years(f, from, end).into_iter().rev().find(|(ys, _, _)| f.get(*ys..).is_some_and(|r| cn_date(r).is_ok()))?;
    let (rest, _) = cn_date(f.get(ys..)?).ok()?;
    let date_end = f.len() - rest.len();
    if end.saturating_sub(date_end) > 90 {
        return None;
    }
    let name = name_before(doc.text, doc.orig_start(ys));
    valid_body(name).filter(|n| org_like(n))
}

/// Words that start the predicate after an opening sentence's subject (…厅坚持, …政府认真).
const VERB_STARTS: &[&str] = &[
    "坚持", "认真", "深入", "全面", "按照", "根据", "依据", "以", "在", "把", "将", "进一步", "积极", "贯彻", "持续", "高度", "紧紧",
    "紧密", "严格", "不断", "始终", "着力", "扎实", "围绕", "依法", "结合", "继续", "加强", "通过", "共", "对", "大力", "立足", "聚焦",
    "落实", "紧扣", "切实", "主动", "牢固", "秉持", "全年", "深化", "遵循", "强化", "推进", "坚决", "把握", "按", "重视", "发布", "公开",
];

/// The subject of an opening sentence `YYYY年[以来],{body}{verb}…`, with its year.
fn subject_after(f: &str, ye: usize) -> Option<&str> {
    let mut rest = f.get(ye..)?;
    for p in ["以来", "度", "底"] {
        rest = rest.strip_prefix(p).unwrap_or(rest);
    }
    rest = rest.strip_prefix(',').unwrap_or(rest);
    let run_len = rest.char_indices().find(|(_, c)| !is_han(*c)).map_or(rest.len(), |(i, _)| i);
    let run = rest.get(..floor(rest, run_len.min(90)))?;
    let mut at = 0;
    for c in run.chars() {
        at += c.len_utf8();
        let (head, tail) = (run.get(..at)?, run.get(at..)?);
        if head.chars().count() >= 2 && org_like(head) && VERB_STARTS.iter().any(|v| tail.starts_with(v)) {
            return Some(head);
        }
    }
    None
}

/// The body named by the opening sentence (`2019年以来,腰站子东乡族镇人民政府认真贯彻…`).
fn opening(doc: &Folded<'_>, layout: &Layout) -> Option<String> {
    let f = doc.folded.as_str();
    let until = floor(f, (layout.preamble_end() + 1500).min(layout.end));
    years(f, 0, until).into_iter().find_map(|(_, ye, _)| subject_after(f, ye).and_then(valid_body))
}

/// The reporting year from the opening text: the first `YYYY年` that is not a date and not inside
/// a cited document's name (《…2020年政务公开工作要点…》).
fn opening_year(doc: &Folded<'_>, layout: &Layout) -> Option<i32> {
    let f = doc.folded.as_str();
    let until = floor(f, (layout.preamble_end() + 1500).min(layout.end));
    let mut depth = 0i32;
    let mut last = 0;
    for (ys, ye, y) in years(f, 0, until) {
        for c in f.get(last..ys).unwrap_or("").chars() {
            match c {
                '《' => depth += 1,
                '》' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        last = ys;
        let next = f.get(ye..).and_then(|r| r.chars().next());
        if depth == 0 && !next.is_some_and(|c| c.is_ascii_digit()) {
            return Some(y);
        }
    }
    None
}

/// Labels of the publication date, and whether a bare one must not follow a CJK character.
pub(crate) const PUBLISHED_LABELS: &[(&str, bool)] =
    &[("发布日期", false), ("发布时间", false), ("发文日期", false), ("成文日期", false), ("日期", true), ("时间", true)];

/// Publication date `YYYY-MM-DD` from a 发布日期/发布时间/日期 label.
fn published(doc: &Folded<'_>) -> Option<String> {
    let f = doc.folded.as_str();
    let mut best: Option<(usize, String)> = None;
    for (label, bare) in PUBLISHED_LABELS {
        for i in doc.matches(label, f.len()) {
            let from = i + label.len();
            if best.as_ref().is_some_and(|(b, _)| *b <= i) {
                break;
            }
            if *bare {
                let o = doc.orig_start(i);
                let before = doc.text.get(..o).and_then(|s| s.chars().next_back());
                if before.is_some_and(is_han) {
                    continue;
                }
            }
            let rest = f.get(from..).unwrap_or("");
            let rest = rest.trim_start_matches([':', '|', '】', ']']);
            if let Ok((_, (y, m, d))) = date(rest) {
                best = Some((i, format!("{y:04}-{m:02}-{d:02}")));
                break;
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Words that lead to the statistical period.
pub(crate) const PERIOD_ANCHORS: &[&str] = &["统计期限", "统计时限", "计算期限", "数据时限", "统计数据", "统计区间", "统计时间", "统计周期"];

/// The statistical period (统计期限/时限 … 1月1日 至 12月31日), §7.3.
fn period(doc: &Folded<'_>, end: usize) -> Option<Period> {
    let f = doc.folded.as_str();
    let mut hits: Vec<usize> = PERIOD_ANCHORS.iter().filter_map(|a| doc.find(a, 0, end.min(f.len())).map(|i| i + a.len())).collect();
    hits.sort_unstable();
    for at in hits {
        let window = f.get(at..floor(f, at + 40)).unwrap_or("");
        let Some(d) = window.find(|c: char| c.is_ascii_digit()) else { continue };
        let Ok((_, (s, e))) = period_range(f.get(at + d..).unwrap_or("")) else { continue };
        if (s.0, s.1, s.2) > (e.0, e.1, e.2) {
            continue;
        }
        return Some(Period {
            start: format!("{:04}-{:02}-{:02}", s.0, s.1, s.2),
            end: format!("{:04}-{:02}-{:02}", e.0, e.1, e.2),
        });
    }
    None
}

/// Contact labels (folded, colon included) and the fields they fill.
pub(crate) const CONTACT_LABELS: &[(&str, Field)] = &[
    ("地址:", Field::Address),
    ("邮政编码:", Field::Postcode),
    ("邮编:", Field::Postcode),
    ("电话/传真:", Field::PhoneFax),
    ("电话(传真):", Field::PhoneFax),
    ("电话:", Field::Phone),
    ("传真:", Field::Fax),
    ("邮箱:", Field::Email),
    ("信箱:", Field::Email),
    ("E-mail:", Field::Email),
    ("Email:", Field::Email),
    ("email:", Field::Email),
];

/// Which contact field a label fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Address,
    Postcode,
    Phone,
    Fax,
    PhoneFax,
    Email,
}

/// The report's own contact (地址/邮编/电话/传真/电子邮箱) inside the report, never the footer's.
fn contact(doc: &Folded<'_>, end: usize) -> Option<Contact> {
    let until = end.min(doc.folded.len());
    let mut c = Contact::default();
    let mut any = false;
    for (label, field) in CONTACT_LABELS {
        let Some(i) = doc.find(label, 0, until) else { continue };
        let Some(value) = contact_value(doc, i + label.len(), end) else { continue };
        let slot = |s: &mut Option<String>, v: &str| {
            if s.is_none() {
                *s = Some(v.to_string());
            }
        };
        match field {
            Field::Address => slot(&mut c.address, &value),
            Field::Postcode => slot(&mut c.postcode, &value),
            Field::Phone => slot(&mut c.phone, &value),
            Field::Fax => slot(&mut c.fax, &value),
            Field::PhoneFax => {
                slot(&mut c.phone, &value);
                slot(&mut c.fax, &value);
            }
            Field::Email => slot(&mut c.email, &value),
        }
        any = true;
    }
    any.then_some(c)
}

/// The value after a contact label: up to a separator, white space or the next label.
fn contact_value(doc: &Folded<'_>, from: usize, end: usize) -> Option<String> {
    let f = doc.folded.as_str();
    let limit = floor(f, (from + 150).min(end));
    let mut stop = from;
    for (k, c) in f.get(from..limit)?.char_indices() {
        let at = from + k;
        if k > 0 && doc.orig_start(at) != doc.orig_end(at) {
            break; // white space in the original
        }
        if ",;。)]、>".contains(c) || (k > 0 && CONTACT_LABELS.iter().any(|(l, _)| f.get(at..).is_some_and(|r| r.starts_with(l)))) {
            break;
        }
        if c == '(' && k > 0 {
            break;
        }
        stop = at + c.len_utf8();
    }
    if stop == from {
        return None;
    }
    let span = doc.span(from, stop);
    let v = doc.text.get(span.start..span.end)?.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The word that introduces the electronic version's address.
pub(crate) const E_VERSION: &str = "电子版";

/// Where the report says its electronic version can be read (电子版…(http://…)).
fn url(doc: &Folded<'_>, end: usize) -> Option<String> {
    let f = doc.folded.as_str();
    for i in doc.matches(E_VERSION, end.min(f.len())) {
        let from = i + E_VERSION.len();
        let window_end = floor(f, (from + 240).min(end));
        let window = f.get(from..window_end).unwrap_or("");
        let window = window.split('。').next().unwrap_or("");
        let start = [window.find("http"), window.find("www.")].into_iter().flatten().min();
        let Some(s) = start else { continue };
        let rest = window.get(s..).unwrap_or("");
        let len = rest
            .char_indices()
            .find(|(_, c)| !c.is_ascii_graphic() || "()<>\"',;[]{}".contains(*c))
            .map_or(rest.len(), |(k, _)| k);
        let u = rest.get(..len).unwrap_or("").trim_end_matches(['.', ':']);
        if u.len() > 4 {
            return Some(u.to_string());
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        extract(&Folded::new(text))
    }

    #[test]
    fn date_grammar() {
        assert_eq!(date("2023-01-30 14:26"), Ok((" 14:26", (2023, 1, 30))));
        assert_eq!(date("2019年03月04日"), Ok(("", (2019, 3, 4))));
        assert_eq!(date("2021/1/5"), Ok(("", (2021, 1, 5))));
        assert!(date("2021-13-05").is_err());
        assert!(date("20211").is_err());
        assert_eq!(period_range("2019年1月1日到12月31日止"), Ok(("止", ((2019, 1, 1), (2019, 12, 31)))));
    }

    #[test]
    fn title_body_first() {
        let m = meta("乐清市磐石镇2024年政府信息公开工作年度报告 乐清市磐石镇2024年政府信息公开工作年度报告 |\n一、总体情况\n文字。");
        assert_eq!(m.body.as_deref(), Some("乐清市磐石镇"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.title.as_deref(), Some("乐清市磐石镇2024年政府信息公开工作年度报告"));
    }

    #[test]
    fn title_variants() {
        let m = meta("小曹娥镇人民政府2022年政务公开工作年度报告 |\n一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("小曹娥镇人民政府"), Some(2022)));
        let m = meta("2022年度螅镇政府信息公开工作年度报告\n一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("螅镇"), Some(2022)));
        let m = meta("定西市公共资源交易中心2020年政府信息公开工作的年度报告\n一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("定西市公共资源交易中心"), Some(2020)));
        let m = meta("武汉市东湖生态旅游风景区城乡工作办事处 2025年政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(m.body.as_deref(), Some("武汉市东湖生态旅游风景区城乡工作办事处"));
        let m = meta("\u{3000}\u{3000}河北省工业和信息化厅\u{3000}\u{3000}2020年政府信息公开工作年度报告\u{3000}\u{3000}2020年，河北省工业和信息化厅坚持。一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("河北省工业和信息化厅"), Some(2020)));
        let m = meta("根据条例,现公布芒市勐戛镇人民政府2024年度政府信息公开工作年度报告。\n一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("芒市勐戛镇人民政府"), Some(2024)));
        let m = meta("廣州市國資委2020年政府信息公開工作年度報告\n一、总体情况");
        assert_eq!((m.body.as_deref(), m.year), (Some("廣州市國資委"), Some(2020)));
    }

    #[test]
    fn crawler_title_line() {
        let m = meta("标题: 平潭综合实验区2020年度政府信息公开工作年度报告\n发布时间: 2021-03-05 08:58\n文号: \n\
                      ==== 正文 ====\n一、总体情况\n文字");
        assert_eq!(m.body.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.year, Some(2020));
        assert_eq!(m.published.as_deref(), Some("2021-03-05"));
    }

    #[test]
    fn body_from_opening_or_signature() {
        let m = meta("一、概述\n2019年以来,腰站子东乡族镇人民政府认真贯彻落实条例。\n二、主动公开政府信息的情况\n文字。");
        assert_eq!((m.body.as_deref(), m.year), (Some("腰站子东乡族镇人民政府"), Some(2019)));
        let m = meta("2013年，我厅认真贯彻落实条例。\n一、组织推进情况\n文字。\n二、存在的主要问题及改进措施\n文字。\n\n河北省教育厅\n2014年1月16日\n");
        assert_eq!((m.body.as_deref(), m.year), (Some("河北省教育厅"), Some(2013)));
        let m = meta("2017年省人力资源社会保障厅认真贯彻文件。一、工作情况文字。二、支出与收费情况无。2018年1月29日更多信息请关注官方微信");
        assert_eq!((m.body.as_deref(), m.year), (Some("省人力资源社会保障厅"), Some(2017)));
    }

    #[test]
    fn year_is_not_the_publication_date() {
        let m = meta("发布日期:2023-01-30 14:26:56\n本报告所列数据的统计期限为2022年1月1日至2022年12月31日。\n一、总体情况\n文字");
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.published.as_deref(), Some("2023-01-30"));
        let m = meta("日期:2019年03月04日\n一、概述\n文字");
        assert_eq!(m.year, None);
        assert_eq!(m.published.as_deref(), Some("2019-03-04"));
        let m = meta("更新时间:2026-01-15 发布时间:\n一、总体情况");
        assert_eq!(m.published, None);
    }

    #[test]
    fn period_variants() {
        let p = |t: &str| meta(t).period.map(|p| (p.start, p.end));
        let want = Some(("2024-01-01".to_string(), "2024-12-31".to_string()));
        assert_eq!(p("本报告中所列数据的统计时限为2024年1月1日起至2024年12月31日止。"), want);
        assert_eq!(p("报告中所列数据的计算期限为2024年1月1日至2024年12月31日。"), want);
        assert_eq!(p("本报告所列数据的统计期限为2024年1月1日至2024年12月31日"), want);
        let want = Some(("2019-01-01".to_string(), "2019-12-31".to_string()));
        assert_eq!(p("本年度报告中所列数据统计期限从2019年1月1日到12月31日止"), want);
        assert_eq!(p("本报告统计数据从2019年1月1日至2019年12月31日止"), want);
        assert_eq!(p("报告中所列数据统计期限为2022年1月1日至12月31日。").map(|x| x.1), Some("2022-12-31".to_string()));
        assert_eq!(p("本报告没有统计期限。"), None);
    }

    #[test]
    fn contact_is_the_reports_not_the_footers() {
        let text = "如对报告内容有疑问,请与磐石镇党政综合办公室联系(地址:浙江省乐清市磐石镇珠城路,邮编:325600,电话:0577-62836020)。\n\
                    本报告电子版可在门户网站(https://www.example.gov.cn/a/index.do)查阅。\n一、总体情况\n文字。\n六、其他需要报告的事项\n无。\n\
                    主办单位:某市人民政府 地址:某市勇罕街5号 邮编:678400 传真:0692-1 电话:0692-3067277";
        let m = meta(text);
        let c = m.contact.unwrap();
        assert_eq!(c.address.as_deref(), Some("浙江省乐清市磐石镇珠城路"));
        assert_eq!(c.postcode.as_deref(), Some("325600"));
        assert_eq!(c.phone.as_deref(), Some("0577-62836020"));
        assert_eq!(c.fax, None);
        assert_eq!(m.url.as_deref(), Some("https://www.example.gov.cn/a/index.do"));
    }

    #[test]
    fn contact_with_semicolons_and_email() {
        let m = meta("（地址：平潭综合实验区管委会办公室；邮编：350400；电话：23158668；传真：23158568；电子邮箱：24336243@163.com）。\
                      本报告的电子版可在“门户网站”（www.pingtan.gov.cn）下载。 一、 概述 文字");
        let c = m.contact.unwrap();
        assert_eq!(c.address.as_deref(), Some("平潭综合实验区管委会办公室"));
        assert_eq!(c.fax.as_deref(), Some("23158568"));
        assert_eq!(c.email.as_deref(), Some("24336243@163.com"));
        assert_eq!(m.url.as_deref(), Some("www.pingtan.gov.cn"));
    }

    #[test]
    fn nothing_to_find() {
        let m = meta("统计指标\n单位\n统计数\n一、主动公开情况\n条\n1683\n");
        assert_eq!((m.body, m.year, m.title, m.contact), (None, None, None, None));
        let _ = meta("");
        let _ = meta("2024年");
        let _ = meta("标题:");
        let _ = meta("地址:");
    }
}
