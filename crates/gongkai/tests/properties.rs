//! Property tests of the parser's robustness.
//!
//! 1. **Never panics.** `parse` on arbitrary strings (random Unicode, and strings built from the
//!    template's own labels, digits, placeholders and separators) and `parse_bytes` on arbitrary
//!    bytes return, and the report serialises to JSON.
//! 2. **Spans are sound.** Every span the report gives (sections, tables, rows, diagnostics) lies
//!    inside the text and on `char` boundaries, with `start <= end`.
//! 3. **Never invents a value.** For a report parsed from text `t`, let `D(t)` be the string of
//!    the decimal digits of `t` in order, everything else removed (full-width `０`–`９` count as
//!    the digits they fold to). Then for every non-blank cell of 表二/表三/表四 with value `v`:
//!    - if `v` is whole, the decimal digits of `|v|` occur in `D(t)` as a substring;
//!    - otherwise (an amount), the digits of its integer part `trunc(|v|)` occur in `D(t)` when that
//!      integer part is not 0 (an amount converted from 元 to 万元 keeps its leading digits).
//!
//!    This is checked on the corpus reports (`tests/corpus/{seeds,real}/*.txt`) damaged at random:
//!    cells deleted, digits changed, lines shuffled, truncated at a random `char` boundary.
//! 4. **The size limit holds.** `Options::max_input_bytes` refuses larger inputs with
//!    `Error::TooLarge`, and accepts inputs of exactly the limit.
//!
//! Case counts are kept small (64–256) so that the file runs in seconds.
#![allow(clippy::panic, clippy::unwrap_used)]

use std::path::Path;

use gongkai::{Error, Number, Options, Report, Span};
use proptest::prelude::*;

/// Deterministic by default, so `make test` gives the same verdict on every run; set
/// `PROPTEST_RNG_SEED` to explore other cases.
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
        default.rng_seed
    } else {
        proptest::test_runner::RngSeed::Fixed(0x0067_6f6e_676b_6169)
    };
    ProptestConfig { cases, failure_persistence: None, rng_seed, ..default }
}

// ---------------------------------------------------------------------------------------------
// Checks

/// The decimal digits of a text in order (full-width digits folded to ASCII).
fn digit_sequence(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect()
}

/// The digits a value must show in the text, or `None` when nothing can be required of it.
fn required_digits(v: Number) -> Option<String> {
    match v {
        Number::Int(i) => Some(i.unsigned_abs().to_string()),
        Number::Decimal(d) if !d.is_finite() => Some(format!("non-finite {d}")),
        Number::Decimal(d) => {
            let whole = d.abs().trunc();
            if d == 0.0 || (1.0..1e15).contains(&whole) { Some(format!("{whole:.0}")) } else { None }
        }
    }
}

fn check_values_in_text(text: &str, report: &Report) -> Result<(), String> {
    let digits = digit_sequence(text);
    for table in [&report.tables.proactive, &report.tables.requests, &report.tables.review_litigation].into_iter().flatten() {
        for (row, column, value) in table.cells() {
            let Some(v) = value else { continue };
            if let Some(want) = required_digits(v) {
                if !digits.contains(&want) {
                    return Err(format!("{}.{row}.{column} = {v}: digits {want} are not in the text", table.kind.as_str()));
                }
            }
        }
    }
    Ok(())
}

fn check_span(text: &str, what: &str, s: Span) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("{what}: bad span {}..{} in a text of {} bytes", s.start, s.end, text.len()));
    }
    Ok(())
}

fn check_spans(text: &str, report: &Report) -> Result<(), String> {
    for s in &report.sections {
        check_span(text, &format!("section {}", s.key), s.span)?;
    }
    for table in [&report.tables.proactive, &report.tables.requests, &report.tables.review_litigation].into_iter().flatten() {
        check_span(text, table.kind.as_str(), table.span)?;
        for row in &table.rows {
            if let Some(span) = row.span {
                check_span(text, &format!("{}.{}", table.kind.as_str(), row.key), span)?;
            }
        }
    }
    for d in &report.diagnostics {
        if let Some(span) = d.span {
            check_span(text, &format!("diagnostic {}", d.code), span)?;
        }
    }
    Ok(())
}

/// Parse a text and check everything that must hold of any report.
fn check_text(text: &str) -> Result<(), String> {
    let report = gongkai::parse(text).map_err(|e| format!("parse failed: {e}"))?;
    check_spans(text, &report)?;
    check_values_in_text(text, &report)?;
    let _ = report.to_json();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Pieces reports are made of: labels of every table, headings, digits, placeholders, separators.
const PIECES: &[&str] = &[
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "第二十条第（一）项", "第二十条第(五)项", "第二十条第（九）项", "信息内容", "本年制发件数", "本年废止件数",
    "现行有效件数", "本年新制作数量", "上一年项目数量", "本年增/减", "采购总金额", "规章", "行政规范性文件",
    "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购",
    "本年收费金额（单位：万元）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况", "自然人", "法人或其他组织", "商业企业", "商业\n企业", "科研机构", "社会公益组织",
    "法律服务机构", "其他", "总计", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果", "（一）予以公开", "（二）部分公开", "（三）不予公开", "1.属于国家秘密",
    "3.危及“三安全一稳定”", "（四）无法提供", "（五）不予处理", "（六）其他处理", "3.其他", "（七）总计",
    "四、结转下年度继续办理", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结",
    "未经复议直接起诉", "复议后起诉", "0", "1", "7", "12", "218", "2648", "-18", "+3", "0.5", "160.5964万元",
    "251000元", "１２", "—", "-", "/", "无", "\u{a0}", " ", "  ", "\u{3000}", "\t", "\n", "\n\n", " | ", "|",
    "||||", "| |", "<td>", "</td><td>", "<tr>", "2023年", "某某镇", "政府信息公开工作年度报告",
    "发布日期:2024-01-30", "。", "，",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|v| v.concat())
}

fn corpus() -> &'static [(String, String)] {
    static CORPUS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
        let mut out = Vec::new();
        for sub in ["seeds", "real"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if p.extension().is_some_and(|e| e == "txt") {
                    if let Ok(text) = std::fs::read_to_string(&p) {
                        out.push((p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(), text));
                    }
                }
            }
        }
        out
    })
}

/// A way to damage a report. The numbers are positions or choices, taken modulo what they index.
#[derive(Debug, Clone)]
enum Damage {
    /// Delete a whitespace- or `|`-separated cell.
    DeleteCell(usize),
    /// Replace a digit with another digit.
    ChangeDigit(usize, u8),
    /// Insert a digit before a digit (numbers grow).
    InsertDigit(usize, u8),
    /// Swap two lines.
    SwapLines(usize, usize),
    /// Delete a line.
    DeleteLine(usize),
    /// Join a line to the next.
    JoinLines(usize),
    /// Truncate at a char boundary.
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => any::<usize>().prop_map(Damage::DeleteCell),
        3 => (any::<usize>(), 0u8..10).prop_map(|(i, d)| Damage::ChangeDigit(i, d)),
        1 => (any::<usize>(), 0u8..10).prop_map(|(i, d)| Damage::InsertDigit(i, d)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::SwapLines(a, b)),
        1 => any::<usize>().prop_map(Damage::DeleteLine),
        1 => any::<usize>().prop_map(Damage::JoinLines),
        1 => any::<usize>().prop_map(Damage::Truncate),
    ]
}

/// Byte ranges of the cells of a text: maximal runs of characters that are neither white space nor `|`.
fn cells(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || c == '|';
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn apply(text: &str, d: &Damage) -> String {
    match *d {
        Damage::DeleteCell(i) => {
            let cs = cells(text);
            if cs.is_empty() {
                return text.to_string();
            }
            let (s, e) = cs[i % cs.len()];
            format!("{}{}", &text[..s], &text[e..])
        }
        Damage::ChangeDigit(i, to) | Damage::InsertDigit(i, to) => {
            let ds: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
            if ds.is_empty() {
                return text.to_string();
            }
            let at = ds[i % ds.len()];
            let digit = char::from(b'0' + to);
            let skip = if matches!(d, Damage::ChangeDigit(..)) { 1 } else { 0 };
            format!("{}{digit}{}", &text[..at], &text[at + skip..])
        }
        Damage::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
        Damage::DeleteLine(i) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let n = lines.len();
            lines.remove(i % n);
            lines.join("\n")
        }
        Damage::JoinLines(i) => {
            let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
            if breaks.is_empty() {
                return text.to_string();
            }
            let at = breaks[i % breaks.len()];
            format!("{}{}", &text[..at], &text[at + 1..])
        }
        Damage::Truncate(i) => {
            let mut at = i % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_string()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        if let Err(e) = check_text(&text) { prop_assert!(false, "{}", e); }
    }

    #[test]
    fn strings_of_template_pieces_never_panic(text in piece_text()) {
        if let Err(e) = check_text(&text) { prop_assert!(false, "{}\n--- text ---\n{}", e, text); }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(report) = gongkai::parse_bytes(&bytes) {
            let _ = report.to_json();
        }
    }

    #[test]
    fn pieces_as_gbk_or_utf16_bytes_never_panic(text in piece_text(), how in 0u8..3) {
        let bytes: Vec<u8> = match how {
            0 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            1 => { let mut b = vec![0xFF, 0xFE]; b.extend(text.encode_utf16().flat_map(u16::to_le_bytes)); b }
            _ => { let mut b = vec![0xEF, 0xBB, 0xBF]; b.extend(text.as_bytes()); b }
        };
        if let Ok(report) = gongkai::parse_bytes(&bytes) {
            let _ = report.to_json();
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn damaged_corpus_reports_never_invent_values(
        which in any::<usize>(),
        damages in prop::collection::vec(damage(), 1..12),
    ) {
        let corpus = corpus();
        prop_assume!(!corpus.is_empty());
        let (name, original) = &corpus[which % corpus.len()];
        let mut text = original.clone();
        for d in &damages {
            text = apply(&text, d);
        }
        if let Err(e) = check_text(&text) {
            prop_assert!(false, "{} after {:?}: {}", name, damages, e);
        }
    }
}

#[test]
fn undamaged_corpus_reports_never_invent_values() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "the corpus is missing");
    for (name, text) in corpus {
        check_text(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_property_itself_catches_invented_values() {
    assert_eq!(digit_sequence("规章 1 | 2０3"), "1203");
    assert_eq!(required_digits(Number::Int(-18)).as_deref(), Some("18"));
    assert_eq!(required_digits(Number::Decimal(25.1)).as_deref(), Some("25"));
    assert_eq!(required_digits(Number::Decimal(0.0005)), None);
    assert_eq!(required_digits(Number::Decimal(12.0)).as_deref(), Some("12"));
}

// ---------------------------------------------------------------------------------------------
// Input size limit

#[test]
fn inputs_over_the_limit_are_refused() {
    let limit = 1000;
    let options = Options::default().max_input_bytes(limit);
    let at_limit = "某".repeat(limit / 3) + "x";
    assert_eq!(at_limit.len(), limit);
    assert!(options.parse(&at_limit).is_ok());
    assert!(options.parse_bytes(at_limit.as_bytes()).is_ok());

    let over = at_limit.clone() + "x";
    match options.parse(&over) {
        Err(Error::TooLarge { size, limit: l }) => assert_eq!((size, l), (limit + 1, limit)),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let err = options.parse_bytes(over.as_bytes()).expect_err("over the limit");
    assert_eq!(err.kind(), "too_large");
    assert!(err.to_string().contains("1001"), "{err}");

    // The limit is on bytes before decoding, and the default is 64 MiB.
    assert_eq!(Options::default().max_input_bytes, gongkai::DEFAULT_MAX_INPUT_BYTES);
    assert_eq!(gongkai::DEFAULT_MAX_INPUT_BYTES, 64 * 1024 * 1024);
    assert!(Options::default().max_input_bytes(0).parse("").is_ok());
    assert!(matches!(Options::default().max_input_bytes(0).parse("x"), Err(Error::TooLarge { .. })));
}

#[test]
fn file_over_the_limit_is_refused() {
    let dir = std::env::temp_dir().join(format!("gongkai-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.txt");
    std::fs::write(&path, "0".repeat(4096)).expect("write");
    let err = Options::default().max_input_bytes(4095).parse_file(&path).expect_err("over the limit");
    assert!(matches!(err, Error::TooLarge { size: 4096, limit: 4095 }), "{err:?}");
    assert!(Options::default().max_input_bytes(4096).parse_file(&path).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_limit_is_exact(len in 0usize..300, limit in 0usize..300) {
        let text = "1".repeat(len);
        let result = Options::default().max_input_bytes(limit).parse(&text);
        prop_assert_eq!(result.is_ok(), len <= limit);
    }
}
