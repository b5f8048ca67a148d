//! Every fixed phrase searched for across a whole report, found in one pass over the folded text.
//!
//! Clutter markers, metadata and narrative anchors, the legacy table's headers and the statutory
//! tables' anchors are looked for over the whole text, many of them repeatedly (an anchor from
//! each of several starting points, a probe at each of its occurrences). One scan records where
//! each of them occurs; a search is then a binary search in a short list. Phrases looked for only
//! inside a short window (a row label between its neighbours) are not listed: there a `memchr`
//! over the window costs less than a larger scan would.

use std::sync::LazyLock;

/// Where each needle occurs in one folded text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// Every occurrence (overlapping ones included), grouped by needle, each group in order.
    positions: Vec<u32>,
    /// `positions[starts[k]..starts[k + 1]]` are needle `k`'s.
    starts: Vec<u32>,
}

impl Index {
    /// Scan a folded text (valid UTF-8) for every needle.
    pub fn build(folded: &str) -> Index {
        let table = &*NEEDLES;
        let bytes = folded.as_bytes();
        // (needle, position) in text order, then grouped by needle with a counting sort.
        let mut found: Vec<(u16, u32)> = Vec::new();
        // A needle is valid UTF-8, so it can only match where a character starts: the scan steps
        // by characters, and at each it tests the six bytes there against a filter of the
        // needles' first six bytes (a multiply and a bit load from a table that stays in the L1
        // cache). What passes is mostly a frequent pair of characters that starts some needle
        // (信息, 行政): the next eight bytes, compared as one word, turn most of those away.
        let last = bytes.len().saturating_sub(KEY_BYTES - 1);
        let mut next = 0;
        while next < last {
            let i = next;
            // Branches, not a table of widths: a predicted branch lets the next step start before
            // this byte is loaded.
            let b = bytes[i];
            next += match b {
                0xE0..=0xEF => 3,
                0xF0.. => 4,
                0xC0..=0xDF => 2,
                _ => 1,
            };
            let key = key_at(bytes, i);
            let s = slot(key);
            if table.filter[s / 64] & (1 << (s % 64)) == 0 {
                continue;
            }
            if let Some(ids) = table.starting_with(key) {
                let after = word_at(bytes, i + KEY_BYTES);
                for id in ids {
                    let (tail, mask) = table.tails[usize::from(id)];
                    if after & mask == tail && starts_with(bytes, i, table.needles[usize::from(id)].as_bytes()) {
                        found.push((id, i as u32));
                    }
                }
            }
        }
        for k in table.short.clone() {
            let needle = table.needles[usize::from(k)];
            found.extend(overlapping(folded, needle).map(|at| (k, at as u32)));
        }
        let mut starts = vec![0u32; table.needles.len() + 1];
        for &(k, _) in &found {
            starts[usize::from(k) + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next: Vec<u32> = starts.clone();
        let mut positions = vec![0u32; found.len()];
        for (k, at) in found {
            let slot = &mut next[usize::from(k)];
            positions[*slot as usize] = at;
            *slot += 1;
        }
        Index { positions, starts }
    }

    /// The occurrences of a needle in order, or `None` when it is not one of the needles.
    pub fn occurrences(&self, needle: &str) -> Option<&[u32]> {
        let k = usize::from(NEEDLES.id_of(needle)?);
        let (from, to) = (*self.starts.get(k)?, *self.starts.get(k + 1)?);
        self.positions.get(from as usize..to as usize)
    }
}

/// How many leading bytes of a needle the filter keys on: two CJK characters.
const KEY_BYTES: usize = 6;

/// The `KEY_BYTES` bytes at `at` as an integer (the caller checks they exist).
#[inline]
fn key_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(w) = bytes.get(at..at + KEY_BYTES) {
        word[..KEY_BYTES].copy_from_slice(w);
    }
    u64::from_le_bytes(word)
}

/// The eight bytes at `at` as an integer, zeros past the end.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    let rest = bytes.get(at..).unwrap_or(&[]);
    let n = rest.len().min(8);
    word[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(word)
}

/// Slots in the filter.
const FILTER_SLOTS: usize = 1 << 13;

/// A key's slot in the filter.
#[inline]
fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - 13)) as usize
}

/// Every occurrence of `needle` in `hay`, overlapping ones included.
fn overlapping<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(hay.as_bytes().get(from..)?)?;
        from = at + hay.get(at..)?.chars().next()?.len_utf8();
        Some(at)
    })
}

/// Whether `needle` stands at `hay[at..]`. Needles are short, so a plain loop beats a call to
/// `memcmp`.
#[inline]
fn starts_with(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at + needle.len()).is_some_and(|w| w.iter().zip(needle).all(|(a, b)| a == b))
}

/// The needles, and the filter that finds where they may start.
struct Table {
    /// Short ones first, then sorted, so that needles with the same first bytes are neighbours.
    needles: Vec<&'static str>,
    /// One bit per filter slot: set where some needle's key falls.
    filter: [u64; FILTER_SLOTS / 64],
    /// For each filter slot, 1 + the index in `keys` of the first key falling in it, or 0.
    slots: Vec<u16>,
    /// Each distinct key, sorted by slot, with the needles `[first, end)` that start with it.
    keys: Vec<(u64, u16, u16)>,
    /// For each needle, its bytes after the key (up to eight) as a word, and the mask of those
    /// bytes: a quick refusal before the whole needle is compared.
    tails: Vec<(u64, u64)>,
    /// The ids of the needles shorter than a key, searched for one by one.
    short: std::ops::Range<u16>,
}

impl Table {
    /// The ids of the needles whose first `KEY_BYTES` bytes are `key`, if any.
    #[inline]
    fn starting_with(&self, key: u64) -> Option<std::ops::Range<u16>> {
        let mut g = usize::from(self.slots.get(slot(key)).copied().unwrap_or(0));
        // Keys sharing a slot are neighbours in `keys`; a slot no key falls in holds 0.
        while let Some(&(k, first, end)) = g.checked_sub(1).and_then(|j| self.keys.get(j)) {
            if slot(k) != slot(key) {
                return None;
            }
            if k == key {
                return Some(first..end);
            }
            g += 1;
        }
        None
    }

    /// The id of a needle, or `None` when it is not one (most searches are for other phrases:
    /// the filter turns those away without hashing the whole phrase).
    fn id_of(&self, needle: &str) -> Option<u16> {
        let mut ids = if needle.len() < KEY_BYTES {
            self.short.clone()
        } else {
            self.starting_with(key_at(needle.as_bytes(), 0))?
        };
        // Callers pass the same constants the table holds: compare addresses before contents.
        ids.find(|&id| {
            self.needles.get(usize::from(id)).is_some_and(|n| (n.as_ptr() == needle.as_ptr() && n.len() == needle.len()) || *n == needle)
        })
    }
}

static NEEDLES: LazyLock<Table> = LazyLock::new(|| {
    let mut needles: Vec<&'static str> =
        crate::sections::needles().chain(crate::tables::needles()).filter(|n| !n.is_empty()).collect();
    // Short needles first, so that their ids form one range; the rest sorted, so that needles
    // with the same first bytes are neighbours.
    needles.sort_unstable_by_key(|n| (n.len() >= KEY_BYTES, *n));
    needles.dedup();
    let mut keys: Vec<(u64, u16, u16)> = Vec::new();
    let short_count = needles.iter().take_while(|n| n.len() < KEY_BYTES).count();
    for (k, n) in needles.iter().enumerate() {
        let Ok(id) = u16::try_from(k) else { break };
        if n.len() < KEY_BYTES {
            continue;
        }
        let key = key_at(n.as_bytes(), 0);
        match keys.last_mut() {
            Some(last) if last.0 == key => last.2 = id + 1,
            _ => keys.push((key, id, id + 1)),
        }
    }
    keys.sort_unstable_by_key(|k| (slot(k.0), k.0));
    let mut slots = vec![0u16; FILTER_SLOTS];
    let mut filter = [0u64; FILTER_SLOTS / 64];
    for (j, k) in keys.iter().enumerate().rev() {
        slots[slot(k.0)] = u16::try_from(j + 1).unwrap_or(0);
        filter[slot(k.0) / 64] |= 1 << (slot(k.0) % 64);
    }
    let tails = needles
        .iter()
        .map(|n| {
            let tail = n.as_bytes().get(KEY_BYTES..).unwrap_or(&[]);
            let len = tail.len().min(8);
            let mask = if len == 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
            (word_at(tail, 0) & mask, mask)
        })
        .collect();
    let short = 0..u16::try_from(short_count).unwrap_or(0);
    Table { needles, filter, slots, keys, tails, short }
});

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_of_every_needle() {
        let mut text = String::from("上一篇上一篇下一篇本年新收政府信息公开申请数量492号令规章规章");
        for needle in &NEEDLES.needles {
            text.push('|');
            text.push_str(needle);
        }
        let index = Index::build(&text);
        for needle in &NEEDLES.needles {
            let expected: Vec<u32> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(needle))
                .map(|i| i as u32)
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(index.occurrences(needle).unwrap(), expected, "{needle}");
        }
        assert_eq!(index.occurrences("上一篇").unwrap()[..2], [0, 9]);
        assert!(index.occurrences("not a needle").is_none());
    }

    #[test]
    fn short_needles_are_found_overlapping() {
        assert_eq!(overlapping("aaa", "aa").collect::<Vec<_>>(), [0, 1]);
        assert_eq!(overlapping("号号号", "号号").collect::<Vec<_>>(), [0, 3]);
        assert_eq!(overlapping("", "号").count(), 0);
    }
}
