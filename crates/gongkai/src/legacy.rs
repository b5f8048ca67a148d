//! Pre-2019 statistics tables (政府信息公开情况统计表): free-form (label, unit, value) rows.
//!
//! Before 2019 there was no national table format, only indicator lists (国办发〔2014〕32号 and
//! local variants), so their rows cannot be keyed: each row is kept as written. Scrapes show two
//! layouts, one cell per line (rows apart by blank lines, a long label wrapped over two lines) and
//! all cells on one line separated by spaces; both are read as a stream of white-space separated
//! tokens, each a unit (条, 件, 万元 …), a number or placeholder, or a piece of a label. A label
//! token after a row's unit or figures starts the next row, so a row that lacks a cell
//! (`2、政府公报公开 条 0`) keeps `null` there: values are never invented.

use crate::fold::Folded;
use crate::model::{LegacyRow, Number};
use crate::sections::Layout;

/// Folded words that name the label column of a statistics table.
pub(crate) const LABEL_HEADERS: &[&str] = &["统计指标", "指标名称"];

/// Original byte offset just past a statistics table's header row, if the text has one.
pub(crate) fn header_at(doc: &Folded<'_>) -> Option<usize> {
    let f = doc.folded.as_str();
    let mut best: Option<usize> = None;
    for h in LABEL_HEADERS {
        for i in doc.matches(h, f.len()) {
            let near = f.get(i..floor(f, i + h.len() + 30)).unwrap_or("");
            if near.contains("单位") {
                best = Some(best.map_or(i, |b| b.min(i)));
                break;
            }
        }
    }
    let anchor = doc.orig_start(best?);
    // Skip the header cells (指标名称 / 计量单位 / 2013年度 / 历年累计 …).
    let mut end = anchor;
    for tok in tokens(doc.text, anchor, floor(doc.text, anchor + 600)) {
        if is_header_word(tok.text) {
            end = tok.end;
        } else {
            break;
        }
    }
    Some(end)
}

/// The rows of a pre-2019 statistics table, in order (a layout computed for the occasion).
#[cfg(test)]
pub(crate) fn extract(doc: &Folded<'_>) -> Vec<LegacyRow> {
    extract_in(doc, &crate::sections::layout(doc))
}

/// The rows of a pre-2019 statistics table, in order, inside the report's layout.
pub(crate) fn extract_in(doc: &Folded<'_>, layout: &Layout) -> Vec<LegacyRow> {
    let Some(start) = header_at(doc) else { return Vec::new() };
    let end = doc.orig_start(layout.end).max(start);
    rows(doc.text, start, end)
}

/// Largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A white-space separated token of the original text.
struct Token<'t> {
    text: &'t str,
    end: usize,
    /// Whether a blank line (two or more line breaks) comes before it.
    after_blank: bool,
}

/// The tokens of `text[from..until]`.
fn tokens(text: &str, from: usize, until: usize) -> impl Iterator<Item = Token<'_>> {
    let slice = text.get(from..until).unwrap_or("");
    let mut breaks = 0usize;
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in slice.char_indices().chain(std::iter::once((slice.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Token { text: slice.get(s..i).unwrap_or(""), end: from + i, after_blank: breaks >= 2 });
                breaks = 0;
            }
            if c == '\n' {
                breaks += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out.into_iter()
}

/// Whether a token is a header cell of the statistics table.
fn is_header_word(t: &str) -> bool {
    t == "|" || ["指标", "单位", "统计数", "本年度", "年度", "累计", "数量", "备注", "序号"].iter().any(|w| t.contains(w)) && t.chars().count() <= 12
}

/// Whether a token is a unit of measure.
fn is_unit(t: &str) -> bool {
    matches!(
        t,
        "条" | "件" | "次" | "篇" | "个" | "人" | "人次" | "万元" | "元" | "项" | "份" | "场" | "期" | "家" | "起" | "天" | "日"
            | "小时" | "%" | "户" | "部" | "批" | "册" | "本" | "张" | "宗" | "名" | "万人次" | "千元"
    )
}

/// A cell value: `Some(Some(n))` a number, `Some(None)` a placeholder, `None` not a cell.
fn cell(t: &str) -> Option<Option<Number>> {
    if matches!(t, "-" | "—" | "——" | "－" | "/" | "／" | "无" | "--") {
        return Some(None);
    }
    let t = t.trim_end_matches('%');
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Some(Number::Int(i)));
    }
    t.parse::<f64>().ok().filter(|d| d.is_finite()).map(|d| Some(Number::Decimal(d)))
}

/// Whether a label token starts a new row (an item number or 其中).
fn starts_row(t: &str) -> bool {
    let mut cs = t.chars();
    let first = cs.next();
    let second = cs.next();
    match first {
        Some('(' | '（') => second.is_some_and(|c| "一二三四五六七八九十123456789".contains(c)),
        Some(c) if "一二三四五六七八九十".contains(c) => second.is_some_and(|c| "、,，.．".contains(c)),
        Some(c) if c.is_ascii_digit() => second.is_some_and(|c| c.is_ascii_digit() || "、,，.．".contains(c)),
        _ => t.starts_with("其中"),
    }
}

/// A row being read.
#[derive(Default)]
struct Pending {
    label: String,
    unit: Option<String>,
    cells: Vec<Option<Number>>,
}

impl Pending {
    /// Whether the row already has its unit or a figure.
    fn filled(&self) -> bool {
        self.unit.is_some() || !self.cells.is_empty()
    }

    /// The finished row, if it has a label.
    fn finish(self) -> Option<LegacyRow> {
        if self.label.is_empty() {
            return None;
        }
        let mut cells = self.cells.into_iter();
        Some(LegacyRow {
            label: self.label,
            unit: self.unit,
            value: cells.next().flatten(),
            cumulative: cells.next().flatten(),
        })
    }
}

/// The rows of a table rendered one row per line with `|` between cells (an HTML page).
fn pipe_rows(region: &str) -> Vec<LegacyRow> {
    let mut out = Vec::new();
    for line in region.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !line.contains('|') {
            break;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let label = cells.first().copied().unwrap_or("");
        if label.is_empty() || label.contains('。') {
            continue;
        }
        let at = |i: usize| cells.get(i).copied().filter(|c| !c.is_empty());
        out.push(LegacyRow {
            label: label.to_string(),
            unit: at(1).filter(|u| cell(u).is_none()).map(str::to_string),
            value: at(2).and_then(cell).flatten(),
            cumulative: at(3).and_then(cell).flatten(),
        });
    }
    out
}

/// The rows written in `text[from..until]`.
fn rows(text: &str, from: usize, until: usize) -> Vec<LegacyRow> {
    let region = text.get(from..until).unwrap_or("");
    if region.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.contains('|')) {
        return pipe_rows(region);
    }
    let mut out = Vec::new();
    let mut row = Pending::default();
    for tok in tokens(text, from, until) {
        let t = tok.text;
        if t.contains('。') || t.chars().count() > 80 {
            break;
        }
        if !row.label.is_empty() && row.unit.is_none() && row.cells.is_empty() && is_unit(t) {
            row.unit = Some(t.to_string());
        } else if let Some(v) = cell(t) {
            if !row.label.is_empty() {
                row.cells.push(v);
            }
        } else if row.label.is_empty() {
            row.label = t.to_string();
        } else if row.filled() || starts_row(t) || tok.after_blank {
            out.extend(std::mem::take(&mut row).finish());
            row.label = t.to_string();
        } else {
            row.label.push_str(t);
        }
    }
    out.extend(row.finish());
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<LegacyRow> {
        extract(&Folded::new(text))
    }

    #[test]
    fn space_separated_rows_with_a_missing_cell() {
        let rows = read(
            "某区政府信息公开情况统计表 指标名称 计量单位 2013年度 历年累计 主动公开信息数 条 72804 76424 \
             其中：1、网站公开 条 72804 76424 2、政府公报公开 条 0 行政复议数 件 0 0 附件下载",
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].label, "主动公开信息数");
        assert_eq!(rows[0].unit.as_deref(), Some("条"));
        assert_eq!(rows[0].value, Some(Number::Int(72804)));
        assert_eq!(rows[0].cumulative, Some(Number::Int(76424)));
        assert_eq!(rows[2].label, "2、政府公报公开");
        assert_eq!(rows[2].value, Some(Number::Int(0)));
        assert_eq!(rows[2].cumulative, None);
        assert_eq!(rows[3].label, "行政复议数");
    }

    #[test]
    fn one_cell_per_line_with_wrapped_labels() {
        let rows = read(
            "\n统计指标\n单位\n统计数\n\n\n一、主动公开情况\n\n\n\n\n（一）主动公开政府信息数\n（不同渠道和方式公开相同信息计1条)\n条\n1683\n\n\n\
             其中：主动公开规范性文件数\n条\n4\n\n\n（四）政府信息公开专项经费\n万元\n0.5\n\n\n九、会议情况\n\n\n1.召开会议数\n次\n-\n",
        );
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "一、主动公开情况",
                "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条)",
                "其中：主动公开规范性文件数",
                "（四）政府信息公开专项经费",
                "九、会议情况",
                "1.召开会议数"
            ]
        );
        assert_eq!(rows[0].unit, None);
        assert_eq!(rows[0].value, None);
        assert_eq!(rows[1].value, Some(Number::Int(1683)));
        assert_eq!(rows[3].value, Some(Number::Decimal(0.5)));
        assert_eq!(rows[5].unit.as_deref(), Some("次"));
        assert_eq!(rows[5].value, None);
    }

    #[test]
    fn pipe_rendered_rows() {
        let rows = read("统计表\n指标名称 | 计量单位 | 2013年度 | 历年累计 |\n主动公开信息数 | 条 | 72804 | 76424 |\n\
                         2、政府公报公开 | 条 | 0 |  |\n行政复议数 | 件 |  | 0 |\n附件下载");
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[1].value, rows[1].cumulative), (Some(Number::Int(0)), None));
        assert_eq!((rows[2].value, rows[2].cumulative), (None, Some(Number::Int(0))));
        assert_eq!(rows[2].unit.as_deref(), Some("件"));
    }

    #[test]
    fn no_table_no_rows() {
        assert!(read("一、概述\n本年度统计指标体系进一步完善。").is_empty());
        assert!(read("").is_empty());
    }
}
