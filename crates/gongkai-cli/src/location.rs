//! Byte offsets → 1-based line and column (in characters), and the source line to show.

/// A position in the text: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The largest char boundary at or below `offset` (clamped to the text).
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The line and column of a byte offset. A `\r\n` ends a line like `\n`; a lone `\r` does not.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let at = floor_boundary(text, offset);
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol { line, column: before[line_start..].chars().count() + 1 }
}

/// The text of the line holding `offset`, without its line ending, and the byte offset where it
/// starts.
pub fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let at = floor_boundary(text, offset);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// How many terminal columns a character takes: 2 for East Asian wide and full-width characters,
/// 0 for combining marks and controls, 1 otherwise.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) || (0x300..0x370).contains(&u) || (0x200b..=0x200f).contains(&u) {
        return 0;
    }
    let wide = (0x1100..=0x115f).contains(&u)
        || (0x2e80..=0x303e).contains(&u)
        || (0x3041..=0x33ff).contains(&u)
        || (0x3400..=0x4dbf).contains(&u)
        || (0x4e00..=0x9fff).contains(&u)
        || (0xa000..=0xa4cf).contains(&u)
        || (0xac00..=0xd7a3).contains(&u)
        || (0xf900..=0xfaff).contains(&u)
        || (0xfe30..=0xfe4f).contains(&u)
        || (0xff00..=0xff60).contains(&u)
        || (0xffe0..=0xffe6).contains(&u)
        || (0x1f300..=0x1f64f).contains(&u)
        || (0x20000..=0x3fffd).contains(&u);
    if wide { 2 } else { 1 }
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// A source line cut to at most `max` columns around the part `[from, to)` (byte offsets within
/// the line), with `…` where it was cut; and the column span of that part in what is returned.
pub fn excerpt(line: &str, from: usize, to: usize, max: usize) -> (String, usize, usize) {
    let from = floor_boundary(line, from);
    let to = floor_boundary(line, to.max(from));
    let tabs = |s: &str| s.replace('\t', " ");
    if width(line) <= max {
        let (a, b) = (width(&line[..from]), width(&line[from..to]));
        return (tabs(line), a, a + b.max(1));
    }
    // Start a little before the marked part; keep within `max` columns.
    let lead = max / 4;
    let mut start = from;
    let mut w = 0;
    for (i, c) in line[..from].char_indices().rev() {
        if w + char_width(c) > lead {
            break;
        }
        w += char_width(c);
        start = i;
    }
    let mut out = String::new();
    let mut col = 0;
    if start > 0 {
        out.push('…');
        col += 1;
    }
    let mark_start = col + width(&line[start..from]);
    let mut end = start;
    for (i, c) in line[start..].char_indices() {
        if col + width(&line[start..start + i]) + char_width(c) > max.saturating_sub(1) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    out.push_str(&tabs(&line[start..end]));
    if end < line.len() {
        out.push('…');
    }
    let mark_end = mark_start + width(&line[from..to.min(end).max(from)]).max(1);
    (out, mark_start, mark_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "第一行\n表三 总计 12\r\nthird";
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        let at = text.find("总计").unwrap_or(0);
        assert_eq!(line_col(text, at), LineCol { line: 2, column: 4 });
        let at = text.find("third").unwrap_or(0);
        assert_eq!(line_col(text, at), LineCol { line: 3, column: 1 });
        assert_eq!(line_col(text, text.len() + 10), LineCol { line: 3, column: 6 });
        // Inside a character: the character's own position.
        assert_eq!(line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(line_at(text, at), (at, "third"));
        assert_eq!(line_at(text, text.find("12").unwrap_or(0)).1, "表三 总计 12");
    }

    #[test]
    fn widths() {
        assert_eq!(width("表三 12"), 7);
        assert_eq!(width("（七）"), 6);
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let line = format!("{}MARK{}", "a".repeat(300), "b".repeat(300));
        let (text, a, b) = excerpt(&line, 300, 304, 80);
        assert!(width(&text) <= 80, "{}", width(&text));
        assert!(text.starts_with('…') && text.ends_with('…'));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[a..b].iter().collect::<String>(), "MARK");
        let (text, a, b) = excerpt("short 表三", 6, 12, 80);
        assert_eq!((text.as_str(), a, b), ("short 表三", 6, 10));
    }
}
