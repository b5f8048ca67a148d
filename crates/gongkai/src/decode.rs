//! Input decoding: bytes in any encoding Chinese government sites use, to UTF-8 text.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

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

/// Decode raw bytes: a byte order mark first, then UTF-8, then GB18030 (a superset of GBK and
/// GB2312, the encodings of most Chinese government sites).
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
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "UTF-8", decided_by: "valid UTF-8" }),
        Err(_) => {
            if let Some(encoding) = declared_charset(bytes) {
                if encoding != UTF_8 {
                    if let Ok(d) = decode_with(encoding, bytes, "declared charset") {
                        return Ok(d);
                    }
                }
            }
            decode_with(GB18030, bytes, "not UTF-8; GB18030 decodes it")
        }
    }
}

fn decode_with<'a>(encoding: &'static Encoding, bytes: &'a [u8], decided_by: &'static str) -> Result<Decoded<'a>> {
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE || encoding == UTF_8 {
        encoding
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
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
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
    fn undecodable_bytes_are_a_typed_error() {
        let err = decode(&[0xFF, 0xFF, 0xFF, 0x81]).unwrap_err();
        assert_eq!(err.kind(), "decode");
    }
}
