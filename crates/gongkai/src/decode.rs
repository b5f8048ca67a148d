//! Input decoding: bytes in any encoding Chinese government sites use, to UTF-8 text.

use std::borrow::Cow;

use encoding_rs::{BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};

/// Decoded input text, with the encoding that produced it.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text; spans of a report parsed from it point into this.
    pub text: Cow<'a, str>,
    /// Name of the encoding, e.g. `"UTF-8"`, `"gb18030"`.
    pub encoding: &'static str,
    /// How it was decided, e.g. `"byte order mark"`, `"valid UTF-8"`.
    pub decided_by: &'static str,
}

/// Decode raw bytes. In order: a byte order mark; UTF-16 recognised by its zero bytes; the
/// charset the page declares (`<meta charset=...>`, `content="...; charset=..."`), unless the bytes
/// are valid UTF-8 and the declaration is not, or the declared encoding does not decode them;
/// valid UTF-8; and last the bytes themselves ([chardetng]), among the encodings Chinese sites
/// use: GB18030 (a superset of GBK and GB2312) and Big5. [`Decoded::decided_by`] says which
/// step decided. Bytes no candidate decodes are an [`Error::Decode`], never a panic.
///
/// ```
/// let gbk = [0xB1, 0xA8, 0xB8, 0xE6]; // 报告 in GBK
/// let decoded = gongkai::decode(&gbk).unwrap();
/// assert_eq!(decoded.text, "报告");
/// assert_eq!(decoded.encoding, "gb18030");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..], "byte order mark");
    }
    if let Some(encoding) = utf16_by_zero_bytes(bytes) {
        if let Ok(d) = decode_with(encoding, bytes, "UTF-16 by its zero bytes (no byte order mark)") {
            return Ok(d);
        }
    }
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    let mut declared_failed = false;
    if let Some(declared) = declared_charset(bytes) {
        // A declaration found by scanning ASCII bytes cannot be UTF-16: read it as UTF-8 (WHATWG).
        let declared = if declared == UTF_16LE || declared == UTF_16BE { UTF_8 } else { declared };
        match utf8 {
            Some(text) if declared == UTF_8 => {
                return Ok(Decoded { text: Cow::Borrowed(text), encoding: "UTF-8", decided_by: "declared charset" });
            }
            Some(text) if !text.is_ascii() => {
                return Ok(Decoded {
                    text: Cow::Borrowed(text),
                    encoding: "UTF-8",
                    decided_by: "valid UTF-8, despite the declared charset",
                });
            }
            _ if declared != UTF_8 && !is_multibyte(declared) && !bytes.is_ascii() => {
                // A single-byte charset (ISO-8859-1, windows-1252…) decodes any bytes, so it cannot
                // be checked; a Chinese page declaring one is mislabelled. Detect, and fall back on
                // the declaration only when no Chinese encoding decodes the bytes.
                return detect(bytes, false).or_else(|_| decode_with(declared, bytes, "declared charset (single-byte)"));
            }
            _ if declared != UTF_8 => {
                if let Ok(d) = decode_with(declared, bytes, "declared charset") {
                    return Ok(d);
                }
                declared_failed = true;
            }
            _ => declared_failed = true,
        }
    }
    if let Some(text) = utf8 {
        return Ok(Decoded { text: Cow::Borrowed(text), encoding: "UTF-8", decided_by: "valid UTF-8" });
    }
    detect(bytes, declared_failed)
}

/// Whether an encoding is one of the multi-byte encodings whose decoders reject malformed input.
fn is_multibyte(encoding: &'static Encoding) -> bool {
    [GB18030, GBK, BIG5, SHIFT_JIS, EUC_JP, EUC_KR, UTF_8, UTF_16LE, UTF_16BE].contains(&encoding)
}

/// The encoding the bytes themselves suggest (chardetng), restricted to encodings that reject
/// malformed input: GB18030 and Big5 first, then the other East Asian multi-byte encodings.
fn detect(bytes: &[u8], declared_failed: bool) -> Result<Decoded<'_>> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let decided_by = if declared_failed {
        "detected from the bytes; the declared charset does not decode them"
    } else {
        "detected from the bytes"
    };
    let mut candidates = vec![GB18030, BIG5];
    if guess == BIG5 {
        candidates.swap(0, 1);
    }
    if [SHIFT_JIS, EUC_JP, EUC_KR].contains(&guess) {
        candidates.push(guess);
    }
    let mut last = None;
    for encoding in candidates {
        match decode_with(encoding, bytes, decided_by) {
            Ok(d) => return Ok(d),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(Error::Decode { encoding: "gb18030", reason: "no encoding decodes the bytes".to_string() }))
}

/// UTF-16 without a byte order mark, told by the zero bytes of its ASCII characters (markup, digits).
fn utf16_by_zero_bytes(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048) & !1];
    // Text in any other encoding has no zero byte: one `memchr` settles nearly every input.
    if head.len() < 8 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 10 >= pairs * 3 && even * 20 < odd {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 20 < even {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn decode_with<'a>(encoding: &'static Encoding, bytes: &'a [u8], decided_by: &'static str) -> Result<Decoded<'a>> {
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE || encoding == UTF_8 {
        encoding
    } else if encoding == GBK {
        // The GBK decoder is the GB18030 decoder (WHATWG Encoding Standard).
        GB18030
    } else {
        encoding.output_encoding()
    };
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded { text, encoding: name(encoding), decided_by }),
        None => Err(Error::Decode {
            encoding: name(encoding),
            reason: "the bytes are not valid in this encoding".to_string(),
        }),
    }
}

fn name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 { "gb18030" } else { encoding.name() }
}

/// The charset a page declares in its first few kilobytes (`<meta charset=...>` or
/// `content="...; charset=..."`), when it names one encoding_rs knows.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    // `charset` in any case, found by its first letter (rare in Chinese text) without copying
    // the head into lower case.
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'c', b'C', &head[from..]) {
        let start = from + at;
        from = start + 1;
        if !head.get(start..start + 7).is_some_and(|w| w.eq_ignore_ascii_case(b"charset")) {
            continue;
        }
        let mut rest = &head[start + 7..];
        from = start + 7;
        while let Some((b' ' | b'\t' | b'\n' | b'\r', r)) = rest.split_first() {
            rest = r;
        }
        let Some(r) = rest.strip_prefix(b"=") else { continue };
        rest = r;
        while let Some((b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'', r)) = rest.split_first() {
            rest = r;
        }
        let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || matches!(*b, b'-' | b'_' | b'.' | b':'))).unwrap_or(rest.len());
        if let Some(e) = Encoding::for_label(&rest[..end]) {
            return Some(e);
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("报告".as_bytes()).unwrap().text, "报告");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("报告".as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, "报告");
        assert_eq!(d.decided_by, "byte order mark");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "年度报告".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "年度报告");
        let mut be = vec![0xFE, 0xFF];
        for u in "年度报告".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "年度报告");
    }

    #[test]
    fn gbk_and_declared_big5() {
        let (gbk, _, _) = GB18030.encode("政府信息公开工作年度报告");
        assert_eq!(decode(&gbk).unwrap().text, "政府信息公开工作年度报告");
        let (big5, _, _) = encoding_rs::BIG5.encode("<meta charset=\"big5\">政府資訊公開");
        let d = decode(&big5).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.ends_with("政府資訊公開"));
    }

    #[test]
    fn a_single_byte_declaration_on_chinese_bytes_is_overruled() {
        let (gbk, _, _) = GB18030.encode("<meta charset=\"iso-8859-1\">政府信息公开工作年度报告");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.ends_with("政府信息公开工作年度报告"));
        // Bytes no Chinese encoding decodes keep the declaration.
        let d = decode(b"<meta charset=\"iso-8859-1\">caf\xE9\xFF").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.ends_with("café\u{FF}"));
    }

    #[test]
    fn undecodable_bytes_are_a_typed_error() {
        let err = decode(&[0xFF, 0xFF, 0xFF, 0x81]).unwrap_err();
        assert_eq!(err.kind(), "decode");
    }
}
