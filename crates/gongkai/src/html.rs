//! HTML input: a report page is rendered into the text the table and section readers already
//! understand, and every span of the resulting report is mapped back into the HTML source.
//!
//! The rendering, with the [html5gum] tokenizer (spans on every token):
//! - block elements (`<p>`, `<div>`, `<h1>`…, `<li>`…) and `<br>` become line breaks; runs of
//!   white space (`&nbsp;` and `U+3000` included) collapse to one space;
//! - `<script>`, `<style>`, `<nav>`, `<footer>`, `<aside>`, a page-level `<header>`, iframes,
//!   forms' controls, and blocks whose class or id names page furniture (`footer`, `nav`,
//!   `breadcrumb`, `share`, …) are dropped; `<title>` and the portal's `<meta>` tags are kept aside
//!   for [`Meta`];
//! - each data `<table>` is written as its expanded grid, one grid row per line, cells separated
//!   by ` | ` and each line ending in ` |`. A slot covered by another cell's `rowspan`/`colspan`
//!   is written as nothing (no separator), so a value cell with `colspan=3` is one value and a
//!   `rowspan` label is written once; a cell that is empty or holds only `&nbsp;` is an empty
//!   slot (`|  |`; a line whose first cell is blank starts with `|  |`). Tables that hold other tables, or a single column, or long multi-paragraph
//!   cells are layout tables: their cells are written as blocks.
//!
//! Every piece of rendered text remembers where it came from ([`OffsetMap`]), and
//! [`remap_spans`] moves each span of the report from the rendering into the HTML source.

use html5gum::Tokenizer;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};

use crate::fold::Folded;
use crate::model::{Diagnostic, Meta, Report, Severity, Span};
use crate::{codes, meta};

/// Whether decoded input text is an HTML page (or an HTML fragment) rather than plain text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());
    let head = prefix(t, 4096);
    // Every sign below starts with `<`: text without one (nearly every text report) is settled
    // without copying its head into lower case.
    if memchr::memchr(b'<', head.as_bytes()).is_none() {
        return false;
    }
    let head = head.to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<?xml") && head.contains("<html")
    {
        return true;
    }
    if head.starts_with("<!--") || head.starts_with("<head") || head.starts_with("<meta") || head.starts_with("<body") {
        return true;
    }
    head.contains("<table") || head.contains("<body") || head.contains("</p>") && head.starts_with('<')
}

fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Parse an HTML page: render it, run the text pipeline on the rendering, and map the spans of
/// the report back into the HTML.
pub(crate) fn build(html: &str, mut diagnostics: Vec<Diagnostic>, text_pipeline: fn(&str, Vec<Diagnostic>) -> Report) -> Report {
    let rendered = render(html);
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        codes::INPUT_HTML,
        format!(
            "read as HTML: {} table(s) rendered as grids, {} bytes of text from {} bytes of HTML; spans point into the HTML",
            rendered.tables,
            rendered.text.len(),
            html.len()
        ),
    ));
    let mut report = text_pipeline(&rendered.text, diagnostics);
    remap_spans(&mut report, &rendered.map, html);
    fill_meta(&mut report.meta, &rendered.page, &rendered.text);
    report
}

/// An HTML page as text.
#[derive(Debug)]
pub(crate) struct Rendered {
    /// The rendered text.
    pub text: String,
    /// Where each piece of `text` came from in the HTML.
    pub map: OffsetMap,
    /// What the page says about itself outside the text.
    pub page: PageMeta,
    /// How many data tables were rendered as grids.
    pub tables: usize,
}

/// The page's own metadata: `<title>` and the portal's `<meta>` tags.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    /// `<title>`, white space collapsed.
    pub title: Option<String>,
    /// `<meta name="ArticleTitle">` (TRS portals) or `og:title`.
    pub article_title: Option<String>,
    /// `<meta name="PubDate">` and the like.
    pub published: Option<String>,
    /// `<meta name="ContentSource">`.
    pub source: Option<String>,
}

/// Piecewise map from byte offsets of the rendered text to byte offsets of the HTML source.
#[derive(Debug, Default, Clone)]
pub(crate) struct OffsetMap {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start in the rendered text.
    out: usize,
    /// Length in the rendered text.
    out_len: usize,
    /// Source range.
    src: usize,
    src_end: usize,
    /// The rendered bytes are a copy of the source bytes (so offsets map one to one).
    linear: bool,
}

impl OffsetMap {
    /// The last piece starting at or before `r` (`before_end`: strictly before).
    fn piece(&self, r: usize, strictly: bool) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| if strictly { p.out < r } else { p.out <= r });
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// Source offset of a start offset `r` of the rendering.
    pub fn start(&self, r: usize) -> usize {
        match self.piece(r, false) {
            Some(p) if p.linear && r - p.out <= p.out_len => p.src + (r - p.out),
            Some(p) if r - p.out < p.out_len => p.src,
            Some(p) => p.src_end,
            None => 0,
        }
    }

    /// Source offset of an end offset `r` (exclusive) of the rendering.
    pub fn end(&self, r: usize) -> usize {
        match self.piece(r, true) {
            Some(p) if p.linear && r - p.out <= p.out_len => p.src + (r - p.out),
            Some(p) => p.src_end,
            None => 0,
        }
    }

    /// A span of the rendering as a span of `source`, on its character boundaries.
    pub fn span(&self, s: Span, source: &str) -> Span {
        let mut start = self.start(s.start).min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = if s.end <= s.start { start } else { self.end(s.end).min(source.len()).max(start) };
        while !source.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }
}

/// Move every span of a report parsed from the rendering into the HTML source.
pub(crate) fn remap_spans(report: &mut Report, map: &OffsetMap, source: &str) {
    for s in &mut report.sections {
        s.span = map.span(s.span, source);
    }
    for t in [&mut report.tables.proactive, &mut report.tables.requests, &mut report.tables.review_litigation]
        .into_iter()
        .flatten()
    {
        t.span = map.span(t.span, source);
        for r in &mut t.rows {
            if let Some(sp) = r.span.as_mut() {
                *sp = map.span(*sp, source);
            }
        }
    }
    for d in &mut report.diagnostics {
        if let Some(sp) = d.span.as_mut() {
            *sp = map.span(*sp, source);
        }
    }
}

/// Fill what the text left unsaid from the page: the title (from `<meta name="ArticleTitle">` or
/// `<title>`), body and year from that title, and the publication date from the portal's
/// metadata (`<meta name="PubDate">`, a 发布日期/发文日期 field).
fn fill_meta(m: &mut Meta, page: &PageMeta, text: &str) {
    if let Some(title) = page_title(page) {
        if m.body.is_none() || m.year.is_none() {
            let from_title = meta::extract(&Folded::new(&title));
            if m.body.is_none() {
                m.body = from_title.body;
            }
            if m.year.is_none() {
                m.year = from_title.year;
            }
        }
        if m.title.is_none() {
            m.title = Some(title);
        }
    }
    if m.published.is_none() {
        m.published = page.published.as_deref().and_then(date_in).or_else(|| labelled_date(text));
    }
}

/// The report's title as the page's metadata gives it.
fn page_title(page: &PageMeta) -> Option<String> {
    page.article_title.clone().or_else(|| page.title.as_deref().map(clean_title)).filter(|t| !t.is_empty())
}

/// A page `<title>` without the portal's column and site names (`报告_栏目_站点`).
fn clean_title(t: &str) -> String {
    let parts: Vec<&str> = t.split(['_', '|']).map(str::trim).filter(|p| !p.is_empty()).collect();
    parts.iter().find(|p| p.contains("报告") || p.contains("報告")).or(parts.first()).map_or(String::new(), |p| p.to_string())
}

/// The first `YYYY-MM-DD` (also `YYYY年M月D日`, `YYYY/M/D`, `YYYY.M.D`) in a string.
fn date_in(s: &str) -> Option<String> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if let Some((y, mo, d, _)) = date_at(&b, i) {
            return Some(format!("{y:04}-{mo:02}-{d:02}"));
        }
        i += 1;
    }
    None
}

fn digits(b: &[char], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    while i + n < b.len() && n < max {
        match b[i + n].to_digit(10) {
            Some(d) => v = v * 10 + d,
            None => break,
        }
        n += 1;
    }
    (n >= min && (i + n >= b.len() || !b[i + n].is_ascii_digit())).then_some((v, i + n))
}

fn date_at(b: &[char], i: usize) -> Option<(u32, u32, u32, usize)> {
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let (y, j) = digits(b, i, 4, 4)?;
    let sep = *b.get(j)?;
    if !matches!(sep, '-' | '/' | '.' | '年') {
        return None;
    }
    let (mo, k) = digits(b, j + 1, 1, 2)?;
    let sep2 = *b.get(k)?;
    if !(sep2 == sep || sep == '年' && sep2 == '月') {
        return None;
    }
    let (d, l) = digits(b, k + 1, 1, 2)?;
    ((1990..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d)).then_some((y, mo, d, l))
}

/// A date written after a portal metadata label (发布日期, 发文日期, 发布时间, 成文日期).
fn labelled_date(text: &str) -> Option<String> {
    for label in ["发布日期", "发文日期", "发布时间", "成文日期"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(label) {
            let after = from + at + label.len();
            let window: String = text[after..].chars().take(24).collect();
            let lead: String = window.chars().take_while(|c| !c.is_ascii_digit()).collect();
            if lead.chars().all(|c| c.is_whitespace() || matches!(c, ':' | '：' | '|' | ']' | '】')) {
                if let Some(d) = date_in(&window) {
                    return Some(d);
                }
            }
            from = after;
        }
    }
    None
}

// ------------------------------------------------------------------------------------------------
// Rendering

/// Text with the source position of each piece.
#[derive(Debug, Default)]
struct Out {
    text: String,
    pieces: Vec<Piece>,
    pending_space: bool,
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Whether `raw` (just after a `&`) starts a character reference.
fn entity_len(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let mut n = 1;
    if b.get(1) == Some(&b'#') {
        n = 2;
        if matches!(b.get(2), Some(b'x' | b'X')) {
            n = 3;
        }
        let digits_start = n;
        while b.get(n).is_some_and(u8::is_ascii_alphanumeric) {
            n += 1;
        }
        if n == digits_start {
            return None;
        }
    } else {
        while b.get(n).is_some_and(u8::is_ascii_alphanumeric) {
            n += 1;
        }
        if n == 1 {
            return None;
        }
    }
    if b.get(n) == Some(&b';') {
        n += 1;
    }
    Some(n)
}

impl Out {
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Push one rendered character that came from `src..src_end`.
    #[inline]
    fn push_char(&mut self, c: char, src: usize, src_end: usize, linear: bool) {
        if is_space(c) {
            self.pending_space = true;
            return;
        }
        if self.pending_space {
            self.pending_space = false;
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
        }
        let out = self.text.len();
        self.text.push(c);
        let out_len = self.text.len() - out;
        if linear {
            if let Some(last) = self.pieces.last_mut() {
                if last.linear && last.src_end == src && last.out + last.out_len == out {
                    last.out_len += out_len;
                    last.src_end = src_end;
                    return;
                }
            }
        }
        self.pieces.push(Piece { out, out_len, src, src_end, linear });
    }

    /// Push a text run: `decoded` is what the tokenizer made of the source bytes `raw` at `start`.
    fn push_text(&mut self, raw: &str, start: usize, decoded: &str) {
        if raw == decoded {
            for (i, c) in decoded.char_indices() {
                self.push_char(c, start + i, start + i + c.len_utf8(), true);
            }
            return;
        }
        // Align the decoded text with the source: character references and CR LF differ.
        let mut ri = 0;
        let mut aligned = true;
        for c in decoded.chars() {
            let rest = raw.get(ri..).unwrap_or("");
            if !aligned || rest.is_empty() {
                aligned = false;
                self.push_char(c, start + ri, start + raw.len(), false);
                continue;
            }
            if let Some(n) = entity_len(rest) {
                self.push_char(c, start + ri, start + ri + n, false);
                ri += n;
            } else if rest.starts_with(c) {
                self.push_char(c, start + ri, start + ri + c.len_utf8(), true);
                ri += c.len_utf8();
            } else if c == '\n' && rest.starts_with("\r\n") {
                self.push_char(c, start + ri, start + ri + 2, false);
                ri += 2;
            } else if c == '\n' && rest.starts_with('\r') {
                self.push_char(c, start + ri, start + ri + 1, false);
                ri += 1;
            } else {
                aligned = false;
                self.push_char(c, start + ri, start + raw.len(), false);
            }
        }
    }

    /// End the current line (never makes an empty line).
    fn newline(&mut self, src: usize, src_end: usize) {
        self.pending_space = false;
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if self.text.is_empty() || self.text.ends_with('\n') {
            return;
        }
        let out = self.text.len();
        self.text.push('\n');
        self.pieces.push(Piece { out, out_len: 1, src, src_end, linear: false });
    }

    /// Push literal structure (` | `), from the tag at `src..src_end`.
    fn push_sep(&mut self, s: &str, src: usize, src_end: usize) {
        self.pending_space = false;
        let out = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece { out, out_len: s.len(), src, src_end, linear: false });
    }

    /// Append `other.text[start..end]`, `map` applied to the characters, with its pieces.
    fn append_range(&mut self, other: &Out, start: usize, end: usize, map: impl Fn(char) -> char) {
        if start >= end {
            return;
        }
        if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push(' ');
        }
        self.pending_space = false;
        let base = self.text.len();
        self.text.extend(other.text[start..end].chars().map(map));
        // The map keeps byte lengths (checked below); otherwise keep pieces coarse.
        let exact = self.text.len() - base == end - start;
        let first = other.pieces.partition_point(|p| p.out + p.out_len <= start);
        for p in &other.pieces[first..] {
            if p.out >= end {
                break;
            }
            let s = p.out.max(start);
            let e = (p.out + p.out_len).min(end);
            let (src, src_end) = if p.linear { (p.src + (s - p.out), p.src + (e - p.out)) } else { (p.src, p.src_end) };
            let out = if exact { base + (s - start) } else { base };
            let out_len = if exact { e - s } else { 0 };
            self.pieces.push(Piece { out, out_len, src, src_end, linear: p.linear && exact });
        }
    }
}

#[derive(Debug, Default)]
struct Cell {
    out: Out,
    rowspan: usize,
    colspan: usize,
    /// The cell's start tag.
    tag: (usize, usize),
}

#[derive(Debug, Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    row_open: bool,
    cell_open: bool,
    in_caption: bool,
    /// Text inside the table but outside any cell (browsers put it before the table).
    pre: Out,
    caption: Out,
    nested: bool,
    tag: (usize, usize),
}

#[derive(Debug, Default)]
struct Renderer {
    doc: Out,
    tables: Vec<TableBuilder>,
    /// Dropping an element: its name and nesting depth.
    skip: Option<(Vec<u8>, usize)>,
    in_title: bool,
    /// Where the `<title>` element starts and ends in the source.
    title_span: (usize, usize),
    title: String,
    /// Depth inside `<article>`/`<main>` (a `<header>` there is the article's own).
    article_depth: usize,
    page: PageMeta,
    grids: usize,
    /// Tables nested deeper than the builder keeps (their cells go to the enclosing cell).
    overflow_tables: usize,
}

/// Widest table rendered as a grid (columns); the statutory tables have at most 15.
const MAX_GRID_WIDTH: usize = 1000;
/// Most grid slots of one table rendered as a grid.
const MAX_GRID_SLOTS: usize = 4_000_000;

const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source", b"track",
    b"wbr", b"keygen", b"basefont", b"frame",
];

const DROP: &[&[u8]] = &[
    b"script", b"style", b"noscript", b"template", b"nav", b"footer", b"aside", b"iframe", b"object", b"svg", b"math",
    b"select", b"textarea", b"button", b"noframes", b"map", b"audio", b"video", b"canvas", b"xml",
];

const BLOCK: &[&[u8]] = &[
    b"p", b"div", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"li", b"ul", b"ol", b"dl", b"dt", b"dd", b"section",
    b"article", b"main", b"header", b"blockquote", b"pre", b"address", b"center", b"form", b"fieldset", b"figure",
    b"figcaption", b"hr", b"body", b"html", b"details", b"summary", b"legend", b"option", b"frameset", b"table",
];

/// Class or id names of page furniture, dropped with their content.
const FURNITURE: &[&str] = &[
    "header", "footer", "foot", "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "share", "share_box", "sharebox", "bdsharebuttonbox", "copyright", "copyright_info", "sidebar", "topbar",
];

const FURNITURE_TAGS: &[&[u8]] = &[b"div", b"ul", b"ol", b"section", b"span", b"p", b"dl"];

/// The attributes the rendering reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Class,
    Id,
    Rowspan,
    Colspan,
    Name,
    Property,
    Content,
}

impl Attr {
    fn of(name: &[u8]) -> Option<Attr> {
        Some(match name {
            b"class" => Attr::Class,
            b"id" => Attr::Id,
            b"rowspan" => Attr::Rowspan,
            b"colspan" => Attr::Colspan,
            b"name" => Attr::Name,
            b"property" => Attr::Property,
            b"content" => Attr::Content,
            _ => return None,
        })
    }
}

/// A start tag as the tokenizer reported it, with the attributes the rendering reads.
#[derive(Debug, Default)]
struct Tag {
    name: Vec<u8>,
    self_closing: bool,
    /// `<` to `>` in the source.
    span: (usize, usize),
    attributes: Vec<(Attr, Vec<u8>)>,
}

fn attr(tag: &Tag, name: Attr) -> Option<&[u8]> {
    tag.attributes.iter().find(|(a, _)| *a == name).map(|(_, v)| &v[..])
}

fn is_furniture(tag: &Tag) -> bool {
    if !FURNITURE_TAGS.contains(&&tag.name[..]) {
        return false;
    }
    let words = |v: &[u8]| -> bool {
        String::from_utf8_lossy(v).split_ascii_whitespace().any(|w| FURNITURE.contains(&w.to_ascii_lowercase().as_str()))
    };
    attr(tag, Attr::Class).is_some_and(words) || attr(tag, Attr::Id).is_some_and(words)
}

fn span_attr(tag: &Tag, name: Attr, max: usize) -> usize {
    attr(tag, name)
        .and_then(|v| {
            let s = String::from_utf8_lossy(v);
            let d: String = s.trim().chars().take_while(char::is_ascii_digit).collect();
            d.parse::<usize>().ok()
        })
        .map_or(1, |n| n.clamp(1, max))
}

impl Renderer {
    fn sink(&mut self) -> &mut Out {
        match self.tables.last_mut() {
            None => &mut self.doc,
            Some(t) if t.in_caption => &mut t.caption,
            Some(t) if t.cell_open => match t.rows.last_mut().and_then(|r| r.last_mut()) {
                Some(c) => &mut c.out,
                None => &mut t.pre,
            },
            Some(t) => &mut t.pre,
        }
    }

    fn start_tag(&mut self, tag: &Tag) {
        let name = &tag.name[..];
        let void = tag.self_closing || VOID.contains(&name);
        if let Some((skip, depth)) = self.skip.as_mut() {
            if &skip[..] == name && !void {
                *depth += 1;
            }
            return;
        }
        let (s, e) = tag.span;
        if name == b"meta" {
            self.meta_tag(tag);
            return;
        }
        if name == b"title" && !tag.self_closing {
            self.in_title = true;
            self.title_span = (s, e);
            return;
        }
        let page_header = name == b"header" && self.article_depth == 0;
        if (DROP.contains(&name) || page_header || is_furniture(tag)) && !void {
            self.skip = Some((name.to_vec(), 1));
            return;
        }
        match name {
            b"article" | b"main" => {
                self.article_depth += 1;
                self.sink().newline(s, e);
            }
            b"table" => {
                if let Some(t) = self.tables.last_mut() {
                    t.nested = true;
                }
                if self.tables.len() >= 32 {
                    self.overflow_tables += 1;
                    return;
                }
                self.tables.push(TableBuilder { tag: (s, e), ..TableBuilder::default() });
            }
            b"tr" if !self.tables.is_empty() => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell_open = false;
                    t.in_caption = false;
                    t.rows.push(Vec::new());
                    t.row_open = true;
                }
            }
            b"td" | b"th" if !self.tables.is_empty() => {
                let rowspan = span_attr(tag, Attr::Rowspan, 1000);
                let colspan = span_attr(tag, Attr::Colspan, 100);
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = false;
                    if !t.row_open {
                        t.rows.push(Vec::new());
                        t.row_open = true;
                    }
                    if let Some(r) = t.rows.last_mut() {
                        r.push(Cell { out: Out::default(), rowspan, colspan, tag: (s, e) });
                    }
                    t.cell_open = true;
                }
            }
            b"thead" | b"tbody" | b"tfoot" if !self.tables.is_empty() => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell_open = false;
                    t.row_open = false;
                    t.in_caption = false;
                }
            }
            b"caption" if !self.tables.is_empty() => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell_open = false;
                    t.in_caption = true;
                }
            }
            b"br" => {
                let out = self.sink();
                out.pending_space = false;
                out.newline(s, e);
            }
            _ if BLOCK.contains(&name) => self.sink().newline(s, e),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8], s: usize, e: usize) {
        if let Some((skip, depth)) = self.skip.as_mut() {
            if &skip[..] == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match name {
            b"title" => {
                self.in_title = false;
                self.title_span.1 = e;
            }
            b"article" | b"main" => {
                self.article_depth = self.article_depth.saturating_sub(1);
                self.sink().newline(s, e);
            }
            b"td" | b"th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell_open = false;
                }
            }
            b"tr" | b"thead" | b"tbody" | b"tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell_open = false;
                    t.row_open = false;
                }
            }
            b"caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = false;
                }
            }
            b"table" if self.overflow_tables > 0 => self.overflow_tables -= 1,
            b"table" => self.close_table(s, e),
            b"br" => self.sink().newline(s, e),
            _ if BLOCK.contains(&name) => self.sink().newline(s, e),
            _ => {}
        }
    }

    fn text(&mut self, raw: &str, start: usize, decoded: &str) {
        if self.skip.is_some() {
            return;
        }
        if self.in_title {
            self.title.push_str(decoded);
            return;
        }
        self.sink().push_text(raw, start, decoded);
    }

    fn meta_tag(&mut self, tag: &Tag) {
        let key = attr(tag, Attr::Name).or_else(|| attr(tag, Attr::Property)).map(|v| String::from_utf8_lossy(v).to_ascii_lowercase());
        let Some(key) = key else { return };
        let Some(content) = attr(tag, Attr::Content).map(|v| String::from_utf8_lossy(v).trim().to_string()) else { return };
        if content.is_empty() {
            return;
        }
        let slot = match key.as_str() {
            "articletitle" | "og:title" => &mut self.page.article_title,
            "pubdate" | "publishdate" | "firstpublishedtime" | "dc.date" | "article:published_time" => &mut self.page.published,
            "contentsource" => &mut self.page.source,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(content);
        }
    }

    fn close_table(&mut self, s: usize, e: usize) {
        let Some(t) = self.tables.pop() else { return };
        let rendered = self.render_table(t, (s, e));
        let out = self.sink();
        out.newline(s, e);
        let len = rendered.text.len();
        out.append_range(&rendered, 0, len, |c| c);
        out.newline(s, e);
    }

    fn render_table(&mut self, t: TableBuilder, end_tag: (usize, usize)) -> Out {
        let mut out = Out::default();
        let block = |out: &mut Out, part: &Out, at: (usize, usize)| {
            out.newline(at.0, at.1);
            out.append_range(part, 0, part.text.len(), |c| c);
            out.newline(at.0, at.1);
        };
        if !t.pre.is_empty() {
            block(&mut out, &t.pre, t.tag);
        }
        if !t.caption.is_empty() {
            block(&mut out, &t.caption, t.tag);
        }
        let rows = t.rows;
        let nrows = rows.len();
        // Bound the grid: a table wider than any report's, or with more slots than memory should
        // hold for one table, is laid out as blocks.
        let widest = rows.iter().map(|r| r.iter().map(|c| c.colspan).sum::<usize>()).max().unwrap_or(0);
        if widest > MAX_GRID_WIDTH || nrows.saturating_mul(widest.saturating_mul(2)) > MAX_GRID_SLOTS {
            for cell in rows.iter().flatten() {
                block(&mut out, &cell.out, cell.tag);
            }
            return out;
        }
        // Expand the grid: origin[r][c] = Some(index of the cell in row r) where a cell starts.
        let mut origin: Vec<Vec<Option<usize>>> = vec![Vec::new(); nrows];
        let mut covered: Vec<Vec<bool>> = vec![Vec::new(); nrows];
        let mut width = 0;
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for (i, cell) in row.iter().enumerate() {
                while covered[r].get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                let rs = cell.rowspan.min(nrows - r).max(1);
                let cs = cell.colspan;
                if c + cs > 2 * MAX_GRID_WIDTH {
                    break;
                }
                for rr in r..r + rs {
                    if covered[rr].len() < c + cs {
                        covered[rr].resize(c + cs, false);
                        origin[rr].resize(c + cs, None);
                    }
                    covered[rr][c..c + cs].fill(true);
                }
                origin[r][c] = Some(i);
                c += cs;
                width = width.max(c);
            }
        }
        // A layout table: it holds tables, or has one column, or most of its text stands in long
        // multi-paragraph cells (a page's content column); a statutory table with a long note
        // row stays a grid.
        let all_text: usize = rows.iter().flatten().map(|c| c.out.text.len()).sum();
        let long_text: usize = rows
            .iter()
            .flatten()
            .filter(|c| c.out.text.len() > 300 && c.out.text.trim().contains('\n'))
            .map(|c| c.out.text.len())
            .sum();
        let layout = t.nested || width <= 1 || long_text * 2 > all_text;
        if layout {
            for cell in rows.iter().flatten() {
                block(&mut out, &cell.out, cell.tag);
            }
            return out;
        }
        self.grids += 1;
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<&Cell> = origin[r].iter().flatten().map(|&i| &row[i]).collect();
            if cells.is_empty() {
                continue;
            }
            out.newline(cells[0].tag.0, cells[0].tag.1);
            for (k, cell) in cells.iter().enumerate() {
                if k > 0 {
                    out.push_sep(" | ", cell.tag.0, cell.tag.1);
                } else if cell.out.text.trim_matches(is_space_or_bar).is_empty() {
                    // A blank first cell is an empty slot too: `|  | 0 |`.
                    out.push_sep("| ", cell.tag.0, cell.tag.1);
                }
                let text = &cell.out.text;
                let start = text.len() - text.trim_start_matches(is_space_or_bar).len();
                let end = text.trim_end_matches(is_space_or_bar).len().max(start);
                out.append_range(&cell.out, start, end, |c| if c == '\n' || c == '|' { ' ' } else { c });
            }
            out.push_sep(" |", end_tag.0, end_tag.1);
            out.newline(end_tag.0, end_tag.1);
        }
        out
    }

    fn finish(mut self) -> Rendered {
        while !self.tables.is_empty() {
            let at = self.doc.text.len();
            self.close_table(at, at);
        }
        self.doc.newline(0, 0);
        let title: String = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if !title.is_empty() {
            self.page.title = Some(title);
        }
        if let Some(t) = self.page.article_title.take() {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            self.page.article_title = Some(t).filter(|t| !t.is_empty());
        }
        // A page whose text never states its title (it is only in <title>): the title opens the
        // rendering, so that the text pipeline sees it like a heading.
        let doc = match page_title(&self.page) {
            Some(title) if !folded(&self.doc.text).contains(&folded(&title)) => {
                let mut out = Out::default();
                out.push_sep(&title, self.title_span.0, self.title_span.1);
                out.newline(self.title_span.0, self.title_span.1);
                out.append_range(&self.doc, 0, self.doc.text.len(), |c| c);
                out
            }
            _ => self.doc,
        };
        Rendered { text: doc.text, map: OffsetMap { pieces: doc.pieces }, page: self.page, tables: self.grids }
    }
}

/// The folded form of a text (for matching only).
fn folded(s: &str) -> String {
    s.chars().filter_map(crate::fold::fold_char).collect()
}

fn is_space_or_bar(c: char) -> bool {
    is_space(c) || c == '|'
}

/// Render an HTML page (see the module documentation).
pub(crate) fn render(html: &str) -> Rendered {
    let mut r = Renderer::default();
    // The tag being read, and the attribute whose value comes next (if the rendering reads it).
    let mut tag = Tag::default();
    let mut pending: Option<Attr> = None;
    let callback = |event: CallbackEvent<'_>, span: html5gum::Span<usize>| -> Option<()> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                tag.name.clear();
                tag.name.extend_from_slice(name);
                tag.attributes.clear();
                tag.self_closing = false;
                tag.span = (span.start, span.end);
                pending = None;
            }
            CallbackEvent::AttributeName { name } => {
                // The first of duplicate attributes wins (WHATWG).
                pending = Attr::of(name).filter(|a| attr(&tag, *a).is_none());
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(a) = pending.take() {
                    tag.attributes.push((a, value.to_vec()));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                tag.self_closing = self_closing;
                tag.span.1 = span.end.max(tag.span.0);
                r.start_tag(&tag);
            }
            CallbackEvent::EndTag { name } => r.end_tag(name, span.start, span.end),
            CallbackEvent::String { value } => {
                let decoded = String::from_utf8_lossy(value);
                let (start, end) = (span.start.min(html.len()), span.end.min(html.len()));
                let raw = html.get(start..end).unwrap_or("");
                r.text(raw, start, &decoded);
            }
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
        None
    };
    let mut emitter = CallbackEmitter::new(callback);
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    r.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        render(html).text.lines().map(str::to_string).collect()
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html("\u{FEFF}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<html><body>x</body></html>"));
        assert!(looks_like_html("<p>报告</p><table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("某镇2022年政府信息公开工作年度报告\n一、总体情况\n"));
        assert!(!looks_like_html("行政复议 | 行政诉讼 |\n"));
    }

    #[test]
    fn blocks_breaks_and_dropped_parts() {
        let html = "<html><head><title>某镇2022年政府信息公开工作年度报告_年报_某网站</title><style>p{}</style></head><body>\
            <div class=\"header\">首页 | 登录</div><nav>导航</nav>\
            <h1>某镇2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文&nbsp;第一段<br>第二行</p>\
            <script>var a = '<p>不要</p>';</script><footer>地址:某路1号</footer></body></html>";
        let r = render(html);
        assert_eq!(r.text, "某镇2022年政府信息公开工作年度报告\n一、总体情况\n正文 第一段\n第二行\n");
        assert_eq!(r.page.title.as_deref(), Some("某镇2022年政府信息公开工作年度报告_年报_某网站"));
        assert_eq!(clean_title("某镇2022年报告_年报_某网站"), "某镇2022年报告");
        assert_eq!(clean_title("首页|某镇2022年报告"), "某镇2022年报告");
    }

    #[test]
    fn a_title_only_in_the_head_opens_the_text() {
        let html = "<html><head><title>某镇2022年政府信息公开工作年度报告_年报_某网站</title></head>\
            <body><p>一、总体情况</p></body></html>";
        let r = render(html);
        assert_eq!(r.text, "某镇2022年政府信息公开工作年度报告\n一、总体情况\n");
        let span = r.map.span(Span::new(0, "某镇2022年政府信息公开工作年度报告".len()), html);
        assert!(html[span.start..span.end].starts_with("<title>某镇"), "{span:?}");
    }

    #[test]
    fn grid_with_spans_and_blank_cells() {
        let html = "<table><tr><td colspan=4>第二十条第（一）项</td></tr>\
            <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
            <tr><td>规章</td><td>0</td><td>&nbsp;</td><td></td></tr>\
            <tr><td colspan=4>第二十条第（五）项</td></tr>\
            <tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>\
            <tr><td>行政许可</td><td colspan=3>12</td></tr></table>";
        assert_eq!(
            lines(html),
            [
                "第二十条第（一）项 |",
                "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                "规章 | 0 |  |  |",
                "第二十条第（五）项 |",
                "信息内容 | 本年处理决定数量 |",
                "行政许可 | 12 |",
            ]
        );
    }

    #[test]
    fn rowspan_label_is_written_once() {
        let html = "<table><tr><td rowspan=3>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>5</td></tr>\
            <tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>\
            <tr><td>2.其他法律行政法规禁止公开</td><td>1</td></tr></table>";
        assert_eq!(
            lines(html),
            [
                "三、本年度办理结果 | （一）予以公开 | 5 |",
                "（三）不予公开 | 1.属于国家秘密 | 0 |",
                "2.其他法律行政法规禁止公开 | 1 |",
            ]
        );
    }

    #[test]
    fn a_long_note_row_keeps_the_grid() {
        let note = "注：本表数据来源于本机关政府信息公开工作台账。".repeat(3);
        let mut rows = String::new();
        for i in 0..25 {
            rows.push_str(&format!("<tr><td>第{i}项本年新收政府信息公开申请数量</td><td>{i}</td><td>&nbsp;</td><td>{i}</td></tr>"));
        }
        let html = format!("<table>{rows}<tr><td colspan=4><p>{note}</p><p>{note}</p></td></tr></table>");
        let text = render(&html).text;
        assert!(text.contains("第3项本年新收政府信息公开申请数量 | 3 |  | 3 |"), "{text}");
    }

    #[test]
    fn layout_tables_are_blocks() {
        let html = "<table><tr><td><p>一、总体情况</p><p>正文</p><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>";
        assert_eq!(lines(html), ["一、总体情况", "正文", "a | 1 |"]);
    }

    #[test]
    fn spans_map_back_into_the_source() {
        let html = "<p>甲&amp;乙</p>\n<table><tr><td>行政许可</td><td>12</td></tr></table>";
        let r = render(html);
        let at = r.text.find("行政许可").unwrap();
        let span = r.map.span(Span::new(at, at + "行政许可 | 12".len()), html);
        assert_eq!(&html[span.start..span.end], "行政许可</td><td>12");
        let amp = r.text.find('&').unwrap();
        let span = r.map.span(Span::new(amp, amp + 1), html);
        assert_eq!(&html[span.start..span.end], "&amp;");
        let all = r.map.span(Span::new(0, r.text.len()), html);
        assert_eq!(all.start, 3);
    }

    #[test]
    fn dates() {
        assert_eq!(date_in("2025-03-10 15:35").as_deref(), Some("2025-03-10"));
        assert_eq!(date_in("发布日期：2021年1月4日").as_deref(), Some("2021-01-04"));
        assert_eq!(labelled_date("索引号 | x | 发布日期 | 2018-02-28 |").as_deref(), Some("2018-02-28"));
        assert_eq!(date_in("20201"), None);
    }
}
