//! Cells: the value tokens between two labels of a table, whatever separates them.
//!
//! A region of text between a row label and the next label is cut into tokens: numbers (possibly
//! several cells run together, `713000074`), placeholders (`—`, `-`, `/`, `无`: blank cells),
//! empty pipe slots (`| |`), and text (group labels, page furniture), which holds no cell. Each
//! token keeps its span and the line it stands on, so that a row with blank cells can be placed by
//! the layout (pipe slots, blank-line runs) rather than by reading order.

use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::model::{Number, Span};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// Digits, maybe with sign and decimal point, maybe several cells run together.
    /// `digits` is ASCII (`0-9 . + -`); `unit` is the unit written right after it.
    Number { digits: String, unit: Unit },
    /// A placeholder written in a cell: a blank cell.
    Placeholder,
    /// An empty slot between two pipes: a blank cell, if the layout is read by slots.
    EmptySlot,
    /// A line holding only a non-breaking or ideographic space (an `&nbsp;` cell copied one
    /// cell per line): a blank cell, if the layout is read line by line.
    BlankLine,
    /// Words: labels, headings, page furniture. Never a cell.
    Text,
}

/// The unit written inside an amount cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    None,
    Yuan,
    WanYuan,
}

/// A token of a table region.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub span: Span,
    /// Line breaks between the region's start and this token.
    pub line: u32,
}

impl Token {
    /// Whether this token can hold a cell value (a number or a placeholder).
    pub fn is_value(&self) -> bool {
        matches!(self.kind, Kind::Number { .. } | Kind::Placeholder)
    }
}

fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_sign(c: char) -> bool {
    matches!(c, '+' | '-' | '＋' | '－' | '−')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '—' | '–' | '―' | '−' | '‐' | '/' | '／' | '\\' | '~' | '～')
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '｜' | '\u{200B}' | '\u{FEFF}')
}

/// Where tokenizing may stop early, so that a table's last row never costs more than the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Read the whole region.
    End,
    /// Stop at the first words after a value (the heading or prose after a table).
    WordsAfterValues,
    /// Stop at the first value (to find where a header ends).
    FirstValue,
}

impl Stop {
    fn reached(self, tokens: &[Token], seen_value: bool, text: &str) -> bool {
        match self {
            Stop::End => false,
            // A page number (`第 3 页`) inside a table is not the end of it.
            Stop::WordsAfterValues => {
                seen_value
                    && tokens.last().is_some_and(|t| {
                        t.kind == Kind::Text
                            && !text.get(t.span.start..t.span.end).unwrap_or("").chars().all(|c| matches!(c, '第' | '页' | '共'))
                    })
            }
            Stop::FirstValue => seen_value,
        }
    }
}

/// Cut `text[start..end]` into tokens.
#[cfg(test)]
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    tokenize_until(text, start, end, Stop::End)
}

/// Cut `text[start..end]` into tokens, stopping early as `stop` says.
pub(crate) fn tokenize_until(text: &str, start: usize, end: usize, stop: Stop) -> Vec<Token> {
    let Some(region) = text.get(start..end) else { return Vec::new() };
    let mut tokens = Vec::with_capacity(16);
    let mut chars = region.char_indices().peekable();
    let mut line = 0u32;
    let mut pipe_open = false;
    // A region starting mid-line is not a line start: its first pipe closes the label's cell.
    let mut content_since_pipe = false;
    let mut seen_value = false;
    while let Some(&(i, c)) = chars.peek() {
        seen_value = seen_value || tokens.last().is_some_and(Token::is_value);
        if stop.reached(&tokens, seen_value, text) {
            break;
        }
        if c == '\n' {
            line += 1;
            chars.next();
            let rest = &region[i + 1..];
            let next_line = rest.get(..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())).unwrap_or("");
            pipe_open = line_opens_a_cell(next_line);
            if !next_line.is_empty() && next_line.contains(['\u{a0}', '\u{3000}']) && next_line.chars().all(char::is_whitespace) {
                let at = start + i + 1;
                tokens.push(Token { kind: Kind::BlankLine, span: Span::new(at, at + next_line.len()), line });
            }
            continue;
        }
        if c == '|' || c == '｜' {
            if pipe_open && !content_since_pipe {
                tokens.push(Token { kind: Kind::EmptySlot, span: Span::new(start + i, start + i), line });
            }
            pipe_open = true;
            content_since_pipe = false;
            chars.next();
            continue;
        }
        if is_separator(c) {
            chars.next();
            continue;
        }
        content_since_pipe = true;
        let next_is_digit = |it: &std::iter::Peekable<std::str::CharIndices<'_>>| {
            let mut probe = it.clone();
            probe.next();
            probe.peek().is_some_and(|&(_, d)| digit_of(d).is_some())
        };
        // `Col1`, `Unnamed: 0`, `H2`: placeholder headers of PDF-to-markdown tools are words.
        let after_letter = region[..i].chars().next_back().is_some_and(|p| p.is_ascii_alphabetic());
        if !after_letter && (digit_of(c).is_some() || (is_sign(c) && next_is_digit(&chars))) {
            // A number: digits with signs and decimal points between them, then maybe a unit.
            let mut digits = String::new();
            let mut last = i;
            while let Some(&(j, d)) = chars.peek() {
                if let Some(a) = digit_of(d) {
                    digits.push(a);
                } else if (d == '.' || d == '．') && next_is_digit(&chars) && !digits.is_empty() {
                    digits.push('.');
                } else if is_sign(d) && next_is_digit(&chars) {
                    digits.push(if d == '+' || d == '＋' { '+' } else { '-' });
                } else {
                    break;
                }
                last = j + d.len_utf8();
                chars.next();
            }
            let rest = &region[last..];
            let (unit, unit_len) = if rest.starts_with("万元") {
                (Unit::WanYuan, "万元".len())
            } else if rest.starts_with("元") {
                (Unit::Yuan, "元".len())
            } else {
                (Unit::None, 0)
            };
            for _ in 0..rest[..unit_len].chars().count() {
                chars.next();
            }
            tokens.push(Token { kind: Kind::Number { digits, unit }, span: Span::new(start + i, start + last + unit_len), line });
            continue;
        }
        if is_dash(c) && !glued_to_word(region, i) {
            let mut last = i;
            let mut count = 0;
            let mut rule = true;
            while let Some(&(j, d)) = chars.peek() {
                if is_dash(d) || d == ':' {
                    rule &= d == '-' || d == ':';
                    count += 1;
                    last = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // `---` and `:---:` are markdown table rules, not cells.
            let kind = if rule && count >= 3 { Kind::Text } else { Kind::Placeholder };
            tokens.push(Token { kind, span: Span::new(start + i, start + last), line });
            continue;
        }
        // Words run until a separator, a digit or a dash.
        let mut last = i;
        // The character before the one looked at (for `H2`, `Col1`: digits inside an identifier).
        let mut before = region[..i].chars().next_back();
        let identifier = c.is_ascii_alphabetic();
        while let Some(&(j, d)) = chars.peek() {
            let dash_ends_word = is_dash(d) && j > i && !glued_to_word(region, j);
            let in_identifier = identifier && before.is_some_and(|p| p.is_ascii_alphanumeric());
            let digit_ends_word = digit_of(d).is_some() && !in_identifier;
            if is_separator(d) || d == '\n' || digit_ends_word || dash_ends_word || (is_sign(d) && next_is_digit(&chars)) {
                break;
            }
            last = j + d.len_utf8();
            before = Some(d);
            chars.next();
        }
        if last == i {
            chars.next();
            continue;
        }
        let word = &region[i..last];
        let kind = if matches!(word, "无" | "空" | "无数据" | "——") { Kind::Placeholder } else { Kind::Text };
        tokens.push(Token { kind, span: Span::new(start + i, start + last), line });
    }
    drop_page_furniture(&mut tokens, text);
    tokens
}

/// Whether a line of pipe-ended cells starts inside its first cell (`0 |`, ` | 5 |`: the first
/// cell is `0`, or empty), unlike a markdown row, whose leading `|` opens the first cell.
fn line_opens_a_cell(line: &str) -> bool {
    !line.starts_with(['|', '｜']) && line.trim_end().ends_with(['|', '｜'])
}

/// Whether the dash at byte `at` of `region` stands inside a word (`本年增/减`), not as a cell.
fn glued_to_word(region: &str, at: usize) -> bool {
    let is_word = |c: char| !(is_separator(c) || digit_of(c).is_some() || is_dash(c) || is_sign(c) || c == '.');
    let before = region[..at].chars().next_back();
    let after = region[at..].chars().find(|&c| !is_dash(c));
    before.is_some_and(is_word) || after.is_some_and(is_word)
}

/// Whether `text[start..end]` is all that stands on its line (white space aside).
fn alone_on_line(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
}

/// Remove page numbers that PDF extraction leaves inside tables: `- 4 -`, `— 1 —`, `第 3 页`.
fn drop_page_furniture(tokens: &mut Vec<Token>, text: &str) {
    let word = |t: &Token| text.get(t.span.start..t.span.end).unwrap_or("");
    // Most regions have no page numbers: the marks are made only once one is found.
    let mut drop: Vec<bool> = Vec::new();
    let len = tokens.len();
    let mark = |drop: &mut Vec<bool>, i: usize, yes: bool| {
        if yes {
            drop.resize(len, false);
            drop[i] = true;
        }
    };
    for i in 0..tokens.len() {
        if !matches!(tokens[i].kind, Kind::Number { .. }) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| &tokens[p]);
        let next = tokens.get(i + 1);
        let same_line = |t: Option<&Token>| t.is_some_and(|t| t.line == tokens[i].line);
        let dashed = |t: Option<&Token>| t.is_some_and(|t| t.kind == Kind::Placeholder && word(t).chars().all(is_dash));
        if let (Some(p), Some(n)) = (prev, next) {
            // `- 4 -` on a line of its own is a page number; `行政许可 - 0 —` is a row.
            let page = word(&tokens[i]).bytes().all(|b| b.is_ascii_digit()) && word(&tokens[i]) != "0";
            if page && dashed(prev) && dashed(next) && same_line(prev) && same_line(next) && alone_on_line(text, p.span.start, n.span.end) {
                for k in [i - 1, i, i + 1] {
                    mark(&mut drop, k, true);
                }
            }
        }
        let page_word = prev.is_some_and(|p| p.kind == Kind::Text && (word(p).ends_with('第') || word(p).ends_with('共')))
            && next.is_some_and(|n| n.kind == Kind::Text && word(n).starts_with('页'));
        if page_word {
            mark(&mut drop, i, true);
            mark(&mut drop, i - 1, word(&tokens[i - 1]).chars().all(|c| matches!(c, '第' | '共' | '页')));
            mark(&mut drop, i + 1, word(&tokens[i + 1]).chars().all(|c| matches!(c, '第' | '共' | '页')));
        }
    }
    if drop.is_empty() {
        return;
    }
    let mut k = 0;
    tokens.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// What a column holds, which decides what a piece of digits may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    /// A non-negative whole number.
    Count,
    /// A signed whole number (F2019 `本年增/减`).
    Signed,
    /// A non-negative amount, decimals and a unit allowed.
    Amount,
}

impl ColumnKind {
    /// The kind of a column key.
    pub fn of(column: &str) -> ColumnKind {
        match column {
            "delta_this_year" => ColumnKind::Signed,
            "fee_amount_wan_yuan" | "procurement_amount_wan_yuan" => ColumnKind::Amount,
            _ => ColumnKind::Count,
        }
    }
}

/// `[+-]? digits (. digits)?`
fn number_text(input: &str) -> IResult<&str, &str> {
    recognize((opt(one_of("+-")), digit1, opt(preceded(char('.'), digit1)))).parse(input)
}

/// `0` or digits not starting with 0, maybe with a decimal part.
fn canonical(input: &str) -> bool {
    let unsigned = input.trim_start_matches(['+', '-']);
    let int_part = unsigned.split('.').next().unwrap_or("");
    !(int_part.len() > 1 && int_part.starts_with('0'))
}

/// Longest piece of digits one cell may hold.
pub(crate) const MAX_PIECE: usize = 13;

/// Read `piece` as a value of a column of `kind`, or `None` if it cannot be one.
pub(crate) fn piece_value(piece: &str, kind: ColumnKind) -> Option<Number> {
    if piece.is_empty() || piece.len() > MAX_PIECE + 2 {
        return None;
    }
    // Most pieces are plain digits: read them without the general grammar.
    if piece.len() <= MAX_PIECE && piece.bytes().all(|b| b.is_ascii_digit()) {
        if piece.len() > 1 && piece.starts_with('0') {
            return None;
        }
        return Some(Number::Int(piece.bytes().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'))));
    }
    let parsed = all_consuming(number_text).parse(piece).ok()?.1;
    if !canonical(parsed) {
        return None;
    }
    let signed = parsed.starts_with(['+', '-']);
    let decimal = parsed.contains('.');
    match kind {
        ColumnKind::Count if signed || decimal => None,
        ColumnKind::Signed if decimal => None,
        ColumnKind::Amount if signed => None,
        _ => {
            if decimal {
                parsed.parse::<f64>().ok().map(Number::Decimal)
            } else {
                parsed.trim_start_matches('+').parse::<i64>().ok().map(Number::Int)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn plain_digit_pieces_are_read_as_the_split_search_reads_them() {
        // `split::Search` reads plain digits without `piece_value`: a piece is a value unless it
        // has a leading 0, and its value is its digits. Both must agree for every kind and length.
        for digits in ["0", "7", "00", "07", "70", "123456789012345", "012345678901234", "999999999999999"] {
            for len in 1..=digits.len() {
                let piece = &digits[..len];
                let expected = (!(len > 1 && piece.starts_with('0'))).then(|| Number::Int(piece.parse().unwrap()));
                for kind in [ColumnKind::Count, ColumnKind::Signed, ColumnKind::Amount] {
                    assert_eq!(piece_value(piece, kind), expected, "{piece} as {kind:?}");
                }
            }
        }
    }

    fn kinds(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| match t.kind {
                Kind::Number { digits, unit } => format!("N{digits}{}", if unit == Unit::None { "" } else { "u" }),
                Kind::Placeholder => "P".into(),
                Kind::EmptySlot => "E".into(),
                Kind::BlankLine => "B".into(),
                Kind::Text => format!("T{}", &s[t.span.start..t.span.end]),
            })
            .collect()
    }

    #[test]
    fn separators_of_every_layout() {
        assert_eq!(kinds(" 0 | 0 |\n\n0\u{3000}12\t3"), ["N0", "N0", "N0", "N12", "N3"]);
        assert_eq!(kinds("| 25 | | | 25 |"), ["N25", "E", "E", "N25"]);
        assert_eq!(kinds("\n | 25 | | 25 |\n0 |\n| 1 |"), ["E", "N25", "E", "N25", "N0", "N1"]);
        assert_eq!(kinds("—\n-\n/\n无\n--"), ["P", "P", "P", "P", "P"]);
        assert_eq!(kinds("|---|:---:|"), ["T---", "T:---:"]);
    }

    #[test]
    fn numbers_signs_units() {
        assert_eq!(kinds("156-5997"), ["N156-5997"]);
        assert_eq!(kinds("+346 -2"), ["N+346", "N-2"]);
        assert_eq!(kinds("2792220.8元 160.5964万元"), ["N2792220.8u", "N160.5964u"]);
        assert_eq!(kinds("１２"), ["N12"]);
        assert_eq!(kinds("三、本年度办理结果0"), ["T三、本年度办理结果", "N0"]);
        assert_eq!(kinds("0 本年增/减 处理决定数量"), ["N0", "T本年增/减", "T处理决定数量"]);
        assert_eq!(kinds("| Col1 | Col2 | 3 |"), ["TCol1", "TCol2", "N3"]);
        assert_eq!(kinds("\n\u{a0}\n0\n \n\u{3000}\n"), ["B", "N0", "B"]);
    }

    #[test]
    fn page_numbers_are_not_cells() {
        assert_eq!(kinds("1 2\n- 4 -\n3"), ["N1", "N2", "N3"]);
        assert_eq!(kinds("1 2 - 4 -\n- 0 —"), ["N1", "N2", "P", "N4", "P", "P", "N0", "P"]);
        assert_eq!(kinds("1 第 3 页 2"), ["N1", "N2"]);
        assert_eq!(kinds("1 第3页共9页 2"), ["N1", "N2"]);
    }

    #[test]
    fn pieces_by_column_kind() {
        assert_eq!(piece_value("0", ColumnKind::Count), Some(Number::Int(0)));
        assert_eq!(piece_value("07", ColumnKind::Count), None);
        assert_eq!(piece_value("-18", ColumnKind::Count), None);
        assert_eq!(piece_value("-18", ColumnKind::Signed), Some(Number::Int(-18)));
        assert_eq!(piece_value("+82", ColumnKind::Signed), Some(Number::Int(82)));
        assert_eq!(piece_value("18651.06", ColumnKind::Amount), Some(Number::Decimal(18651.06)));
        assert_eq!(piece_value("1.5", ColumnKind::Count), None);
    }
}
