//! Folding for matching: labels and headings are compared after folding, never the text itself.
//!
//! A [`Folded`] view drops every kind of white space (so `商业\n企业` matches `商业企业`), folds
//! full-width ASCII to half-width (`（一）` = `(一)`, `０` = `0`), unifies the enumeration commas
//! (`、` `，` → `,`), drops quotation marks, and maps the traditional characters of the template's
//! labels to simplified ones. Every folded byte remembers the byte offset of the character it came
//! from, so a match in the folded view is a [`Span`] of the original text.

use crate::model::Span;
use crate::needles::Index;
use crate::traditional::TRADITIONAL;

/// Fold one character: `None` drops it from the folded view.
#[inline]
pub(crate) fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() || c == '"' || c == '\'' { None } else { Some(c) };
    }
    match c {
        '，' => Some(','),
        '\u{FF01}'..='\u{FF5E}' => fold_char(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '、' => Some(','),
        '。' => Some('。'),
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '〝' | '〞' => None,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
        '〔' => Some('['),
        '〕' => Some(']'),
        '—' | '–' | '―' | '‐' | '‑' | '−' => Some('-'),
        _ if c.is_whitespace() => None,
        _ => Some(simplify(c)),
    }
}

/// Map a traditional character to its simplified form (identity for everything else).
#[inline]
pub(crate) fn simplify(c: char) -> char {
    let code = c as u32;
    if (0x4E00..=0x9FFF).contains(&code) {
        // Most CJK text has no traditional character: one bit test settles it.
        if is_traditional(code) {
            if let Ok(i) = TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t) {
                return TRADITIONAL[i].1;
            }
        }
    }
    c
}

/// Whether a code point of U+4E00..U+9FFF has a simplified form in [`TRADITIONAL`].
#[inline]
fn is_traditional(code: u32) -> bool {
    let bit = code.wrapping_sub(0x4E00) as usize;
    TRADITIONAL_BITS.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// One bit per character of U+4E00..U+9FFF: set where [`TRADITIONAL`] has an entry.
static TRADITIONAL_BITS: std::sync::LazyLock<[u64; 328]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 328];
    for &(t, _) in TRADITIONAL {
        if let Some(bit) = (t as u32).checked_sub(0x4E00).map(|b| b as usize) {
            if let Some(word) = bits.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
    }
    bits
});

/// Fold a whole string.
#[cfg(test)]
pub(crate) fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// The folded view of a text, with a map back to the text's byte offsets.
#[derive(Debug)]
pub(crate) struct Folded<'t> {
    /// The original text.
    pub text: &'t str,
    /// The folded text.
    pub folded: String,
    /// Where each piece of `folded` came from, in order: runs copied unchanged map byte for byte,
    /// a folded character maps as a whole to the character it came from. A report has a few
    /// hundred pieces, so this costs far less than an offset per byte.
    pieces: Vec<Piece>,
    /// Where each of the phrases searched for across the whole text occurs.
    index: Index,
}

/// A stretch of the folded text and its origin.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// First folded byte.
    folded: u32,
    /// First original byte.
    orig: u32,
    /// Copied unchanged (byte for byte), or one folded character.
    copied: bool,
}

impl<'t> Folded<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        let mut pieces: Vec<Piece> = Vec::with_capacity(text.len() / 16 + 1);
        // Runs of characters that fold to themselves (visible ASCII, CJK ideographs that are not
        // traditional forms, most punctuation) are copied whole.
        let traditional: &[u64; 328] = &TRADITIONAL_BITS;
        let mut run = 0;
        let mut i = 0;
        let copy_run = |folded: &mut String, pieces: &mut Vec<Piece>, from: usize, to: usize| {
            if let Some(piece) = text.get(from..to).filter(|p| !p.is_empty()) {
                pieces.push(Piece { folded: folded.len() as u32, orig: from as u32, copied: true });
                folded.push_str(piece);
            }
        };
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_whitespace() || b == b'"' || b == b'\'' {
                    copy_run(&mut folded, &mut pieces, run, i);
                    run = i + 1;
                }
                i += 1;
                continue;
            }
            if (0xE4..=0xE9).contains(&b) {
                if let Some(&[b0, b1, b2]) = bytes.get(i..i + 3).and_then(|s| <&[u8; 3]>::try_from(s).ok()) {
                    let code = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                    let bit = code.wrapping_sub(0x4E00) as usize;
                    if bit < 0x9FFF - 0x4E00 + 1 && traditional.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) == 0) {
                        i += 3;
                        continue;
                    }
                }
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
            let f = fold_char(c);
            if f == Some(c) {
                // Folds to itself (`。`, `《`, a letter with an accent): part of the run.
                i += c.len_utf8();
                continue;
            }
            copy_run(&mut folded, &mut pieces, run, i);
            if let Some(f) = f {
                pieces.push(Piece { folded: folded.len() as u32, orig: i as u32, copied: false });
                folded.push(f);
            }
            i += c.len_utf8();
            run = i;
        }
        copy_run(&mut folded, &mut pieces, run, bytes.len());
        let index = Index::build(&folded);
        Folded { text, folded, pieces, index }
    }

    /// The piece holding folded byte `f`.
    fn piece(&self, f: usize) -> Option<&Piece> {
        let at = self.pieces.partition_point(|p| p.folded as usize <= f);
        at.checked_sub(1).and_then(|i| self.pieces.get(i))
    }

    /// Byte offset in the original text of the character that folded byte `f` came from.
    pub fn orig_start(&self, f: usize) -> usize {
        if f >= self.folded.len() {
            return self.text.len();
        }
        let Some(p) = self.piece(f) else { return 0 };
        let mut s = if p.copied { p.orig as usize + (f - p.folded as usize) } else { p.orig as usize };
        s = s.min(self.text.len());
        while !self.text.is_char_boundary(s) {
            s -= 1;
        }
        s
    }

    /// Byte offset in the original text just past the character that folded byte `f - 1` came from.
    pub fn orig_end(&self, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        let last = f - 1;
        if last >= self.folded.len() {
            return self.text.len();
        }
        let Some(p) = self.piece(last) else { return 0 };
        let mut end = if p.copied {
            p.orig as usize + (last - p.folded as usize) + 1
        } else {
            let start = p.orig as usize;
            start + self.text.get(start..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8)
        };
        end = end.min(self.text.len());
        while end < self.text.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        end
    }

    /// The original span of folded range `[fs, fe)`.
    pub fn span(&self, fs: usize, fe: usize) -> Span {
        if fe <= fs {
            let s = self.orig_start(fs);
            return Span::new(s, s);
        }
        Span::new(self.orig_start(fs), self.orig_end(fe))
    }

    /// The folded offset of the first folded byte at or after original byte `orig`.
    pub fn folded_at(&self, orig: usize) -> usize {
        let at = self.pieces.partition_point(|p| p.orig as usize <= orig);
        let Some(p) = at.checked_sub(1).and_then(|i| self.pieces.get(i)) else { return 0 };
        let end = self.pieces.get(at).map_or(self.folded.len(), |n| n.folded as usize);
        let f = if p.copied { p.folded as usize + (orig - p.orig as usize) } else if orig == p.orig as usize { p.folded as usize } else { end };
        f.min(end)
    }

    /// Find a folded needle at or after folded offset `from`, before folded offset `until`: in
    /// the index for a phrase of [`crate::needles`], else by scanning the window.
    pub fn find(&self, needle: &str, from: usize, until: usize) -> Option<usize> {
        let until = until.min(self.folded.len());
        if from >= until || needle.is_empty() {
            return None;
        }
        if let Some(occ) = self.index.occurrences(needle) {
            let k = occ.partition_point(|&p| (p as usize) < from);
            // A later occurrence ends later: only the first one at or after `from` can fit.
            return occ.get(k).map(|&p| p as usize).filter(|&p| p + needle.len() <= until);
        }
        let hay = self.folded.as_bytes().get(from..until)?;
        find_bytes(hay, needle.as_bytes()).map(|i| i + from)
    }

    /// Folded offsets of the non-overlapping occurrences of `needle` in `folded[..until]`, in
    /// order, like `match_indices` over that slice.
    pub fn matches<'a>(&'a self, needle: &'a str, until: usize) -> impl Iterator<Item = usize> + 'a {
        let until = until.min(self.folded.len());
        let len = needle.len().max(1);
        // An indexed needle's occurrences are read in order, one step each; any other is
        // searched for from the end of the last match.
        let mut indexed = self.index.occurrences(needle).map(|occ| occ.iter());
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = match &mut indexed {
                Some(occ) => occ.by_ref().map(|&p| p as usize).find(|&p| p >= from)?,
                None => self.find(needle, from, until)?,
            };
            if at + needle.len() > until {
                return None;
            }
            from = at + len;
            Some(at)
        })
    }
}

/// A window longer than this is searched with `memmem`, a shorter one by scanning it.
const SHORT_WINDOW: usize = 4096;

/// Find `needle` in `hay`. Windows between labels are short, where building a `memmem` searcher
/// costs more than the search: there, scan for the needle's last byte (the most varied byte of
/// UTF-8 CJK text) and compare.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() > SHORT_WINDOW || needle.len() < 2 {
        return memchr::memmem::find(hay, needle);
    }
    let last = needle.len() - 1;
    let key = needle[last];
    let mut from = last;
    while let Some(at) = hay.get(from..).and_then(|h| memchr::memchr(key, h)) {
        let end = from + at;
        let start = end - last;
        if hay.get(start..=end) == Some(needle) {
            return Some(start);
        }
        from = end + 1;
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_space_and_widths() {
        assert_eq!(fold_str("（一）　商业\n企业 ０"), "(一)商业企业0");
        assert_eq!(fold_str("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(fold_str("本年收費金額(單位:萬元)"), "本年收费金额(单位:万元)");
        assert_eq!(fold_str("逾期不补正，行政机关"), fold_str("逾期不补正、行政机关"));
    }

    #[test]
    fn short_and_long_searches_agree() {
        let long = "甲乙丙".repeat(2000) + "收到和处理政府信息公开申请";
        for hay in ["收到和处理", "处理收到和处理", "ab收到和处理", &long] {
            for needle in ["收到和处理", "处理", "a", "理"] {
                assert_eq!(find_bytes(hay.as_bytes(), needle.as_bytes()), hay.find(needle), "{needle} in {hay:.20}");
            }
        }
    }

    #[test]
    fn offsets_map_both_ways() {
        let text = "（一）　商业\n企业 “０”abc";
        let f = Folded::new(text);
        assert_eq!(f.folded, "(一)商业企业0abc");
        for (fb, _) in f.folded.char_indices() {
            let o = f.orig_start(fb);
            assert!(text.is_char_boundary(o));
            assert_eq!(f.folded_at(o), fb, "folded byte {fb} from original {o}");
        }
        assert_eq!(f.orig_end(f.folded.len()), text.len());
        assert_eq!(f.orig_start(f.folded.len()), text.len());
    }

    #[test]
    fn matches_are_match_indices_of_the_folded_prefix() {
        let f = Folded::new("上一篇 上一篇上一篇\n一篇 492号492号令");
        // `上一篇` and `492号` are indexed (see `needles`), `一篇` is not: both ways must agree.
        for needle in ["上一篇", "一篇", "492号", "号"] {
            let ends = f.folded.char_indices().map(|(i, _)| i).chain([f.folded.len(), usize::MAX]);
            for until in ends {
                let hay = &f.folded[..until.min(f.folded.len())];
                let expected: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
                assert_eq!(f.matches(needle, until).collect::<Vec<_>>(), expected, "{needle} until {until}");
            }
        }
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "甲 商业\n企业 乙";
        let f = Folded::new(text);
        let at = f.find("商业企业", 0, usize::MAX).unwrap();
        let span = f.span(at, at + "商业企业".len());
        assert_eq!(&text[span.start..span.end], "商业\n企业");
    }
}
