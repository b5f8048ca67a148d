//! Inputs that once broke (or nearly broke) the parser, found by fuzzing (`fuzz/`) and by the
//! property tests, minimised and kept here inline. Each must parse without panicking, with sound
//! spans, and quickly.
#![allow(clippy::panic, clippy::unwrap_used)]

use std::time::{Duration, Instant};

fn parse_ok(text: &str) -> gongkai::Report {
    let started = Instant::now();
    let report = gongkai::parse(text).expect("parse");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "took {took:?} on {} bytes", text.len());
    for s in &report.sections {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len(), "section span {:?}", s.span);
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    for d in &report.diagnostics {
        if let Some(sp) = d.span {
            assert!(sp.start <= sp.end && sp.end <= text.len(), "diagnostic span {sp:?}");
            assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        }
    }
    let _ = report.to_json();
    report
}

fn bytes_ok(bytes: &[u8]) {
    if let Ok(report) = gongkai::parse_bytes(bytes) {
        let _ = report.to_json();
    }
}

#[test]
fn empty_and_tiny_inputs() {
    for text in ["", " ", "\n", "|", "||||", "0", "一、", "（", "\u{a0}", "\u{feff}", "\r\n"] {
        parse_ok(text);
    }
    for bytes in [&b""[..], b"\xff", b"\xff\xfe", b"\xfe\xff\x00", b"\xef\xbb", b"\xef\xbb\xbf", b"\x81", b"\x00\x00"] {
        bytes_ok(bytes);
    }
}

#[test]
fn labels_with_no_values() {
    let report = parse_ok("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n（七）总计\n四、结转下年度继续办理\n");
    if let Some(t) = &report.tables.requests {
        assert!(t.cells().all(|(_, _, v)| v.is_none()), "a value from nowhere");
    }
}

#[test]
fn a_label_at_the_very_end() {
    parse_ok("四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计");
    parse_ok("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n规章");
    parse_ok("行政事业性收费 1.");
    parse_ok("政府集中采购 3 元");
}

#[test]
fn long_digit_runs() {
    let digits = "9".repeat(5000);
    parse_ok(&format!("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{digits}\n"));
    parse_ok(&format!("四、政府信息公开行政复议、行政诉讼情况\n结果维持结果纠正其他结果尚未审结总计{digits}\n"));
    parse_ok(&format!("二、主动公开政府信息情况\n规章{digits}行政规范性文件{digits}\n"));
}

#[test]
fn numbers_that_overflow() {
    parse_ok("一、本年新收政府信息公开申请数量 99999999999999999999999 1 1 1 1 1 1");
    parse_ok("行政事业性收费 1e308 | 1.7976931348623157e309 |");
    parse_ok("本年增/减 行政许可 -9223372036854775808 +9223372036854775808 0");
}

// ---------------------------------------------------------------------------------------------
// Found by the `roundtrip` fuzz target and `tests/roundtrip.rs` (synthetic reports), minimised by
// hand. Each row is checked twice: `safe` — every cell is the value written or blank, never
// another number (a number must never move into the wrong cell); `exact` — every cell is read.

/// The values of a row, as `f64` (`None` for blank).
fn row(report: &gongkai::Report, table: gongkai::TableKind, key: &str) -> Vec<Option<f64>> {
    let Some(t) = report.tables.get(table) else { return Vec::new() };
    t.rows
        .iter()
        .find(|r| r.key == key)
        .map(|r| r.cells.iter().map(|(_, v)| v.map(gongkai::Number::as_f64)).collect())
        .unwrap_or_default()
}

fn safe(text: &str, table: gongkai::TableKind, key: &str, want: &[Option<f64>]) {
    let got = row(&parse_ok(text), table, key);
    assert_eq!(got.len(), want.len(), "{key}: table or row not found");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(g.is_none() || g == w, "{key} cell {i}: read {g:?}, but the text says {w:?} (all: {got:?})");
    }
}

fn exact(text: &str, table: gongkai::TableKind, key: &str, want: &[Option<f64>]) {
    let got = row(&parse_ok(text), table, key);
    assert_eq!(got, want, "{key}");
}

use gongkai::TableKind::{Proactive, Requests, ReviewLitigation};

/// A markdown 表三 (rows padded to the widest row, as HTML-to-markdown converters do) whose
/// 上年结转 row has a blank 总计: the blank is the 7th slot, the padding the 8th.
const MD_REQUESTS_BLANK_TOTAL: &str = "三、收到和处理政府信息公开申请情况

| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|
| 自然人 | 法人或其他组织 | 总计 |  |  |  |  |  |  |
| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |  |  |  |
| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |  |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 |  |  |
| 三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |

四、政府信息公开行政复议、行政诉讼情况
";

#[test]
fn markdown_padding_does_not_shift_values_safe() {
    let z = Some(0.0);
    safe(MD_REQUESTS_BLANK_TOTAL, Requests, "carried_over", &[z, z, z, z, z, z, None]);
}

#[test]
fn markdown_padding_does_not_shift_values_exact() {
    let z = Some(0.0);
    exact(MD_REQUESTS_BLANK_TOTAL, Requests, "carried_over", &[z, z, z, z, z, z, None]);
    exact(MD_REQUESTS_BLANK_TOTAL, Requests, "new_received", &[Some(1.0), z, z, z, z, z, Some(1.0)]);
}

/// A markdown f2019 表二 row `| 行政事业性收费 | 21 |  |  |`: one value, one blank, one padding.
/// `21` is one delimited cell; with no identity on 表二 it must not be split into 2|1.
const MD_F2019_FEES: &str = "二、主动公开政府信息情况

| 第二十条第（八）项 |  |  |  |
|---|---|---|---|
| 信息内容 | 上一年项目数量 | 本年增/减 |  |
| 行政事业性收费 | 21 |  |  |

三、收到和处理政府信息公开申请情况
";

#[test]
fn delimited_cell_is_not_split_safe() {
    safe(MD_F2019_FEES, Proactive, "admin_fees", &[Some(21.0), None]);
}

#[test]
fn delimited_cell_is_not_split_exact() {
    exact(MD_F2019_FEES, Proactive, "admin_fees", &[Some(21.0), None]);
}

/// Pipe rows whose 表四 value row starts with a blank cell (` | 0 | …`).
const PIPE_REVIEW_LEADING_BLANK: &str = "四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 6 | 0 | 0 | 0 | 6 |
五、存在的主要问题及改进情况
";

#[test]
fn pipe_row_with_leading_blank_safe() {
    let z = Some(0.0);
    safe(PIPE_REVIEW_LEADING_BLANK, ReviewLitigation, "review", &[None, z, z, z, z]);
    safe(PIPE_REVIEW_LEADING_BLANK, ReviewLitigation, "litigation_after_review", &[Some(6.0), z, z, z, Some(6.0)]);
}

#[test]
fn pipe_row_with_leading_blank_exact() {
    let z = Some(0.0);
    exact(PIPE_REVIEW_LEADING_BLANK, ReviewLitigation, "review", &[None, z, z, z, z]);
    exact(PIPE_REVIEW_LEADING_BLANK, ReviewLitigation, "litigation_direct", &[z, z, z, z, z]);
    exact(PIPE_REVIEW_LEADING_BLANK, ReviewLitigation, "litigation_after_review", &[Some(6.0), z, z, z, Some(6.0)]);
}

/// f2019 表二, flattened: a negative 本年增/减 between two dash placeholders.
const FLAT_NEGATIVE_BETWEEN_DASHES: &str = "二、主动公开政府信息情况
第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 — -186 — 其他对外管理服务事项 3 -2 1 第二十条第（六）项
";

#[test]
fn negative_between_dashes_safe() {
    safe(FLAT_NEGATIVE_BETWEEN_DASHES, Proactive, "admin_licensing", &[None, Some(-186.0), None]);
}

#[test]
fn negative_between_dashes_exact() {
    exact(FLAT_NEGATIVE_BETWEEN_DASHES, Proactive, "admin_licensing", &[None, Some(-186.0), None]);
}

/// f2021 表二, whitespace rows: `-` placeholder, a space, then 0 (not a signed column).
const DASH_SPACE_ZERO: &str = "二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 1 0 1
行政规范性文件 - 0 —
第二十条第（五）项
";

#[test]
fn dash_placeholder_before_zero_safe() {
    safe(DASH_SPACE_ZERO, Proactive, "normative_documents", &[None, Some(0.0), None]);
}

#[test]
fn dash_placeholder_before_zero_exact() {
    exact(DASH_SPACE_ZERO, Proactive, "normative_documents", &[None, Some(0.0), None]);
}

/// Run-together 表三 row with one split under I2 (1262|8|252|1365|1229|55|4171), but enough
/// digits that an unpruned search runs out of budget.
const RUN_TOGETHER_LONG_ROW: &str = "三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他（七）总计1262825213651229554171四、结转下年度继续办理0000000
四、政府信息公开行政复议、行政诉讼情况
";

#[test]
fn run_together_long_row_safe() {
    let want = [1262.0, 8.0, 252.0, 1365.0, 1229.0, 55.0, 4171.0].map(Some);
    safe(RUN_TOGETHER_LONG_ROW, Requests, "results_total", &want);
}

#[test]
fn run_together_long_row_exact() {
    let want = [1262.0, 8.0, 252.0, 1365.0, 1229.0, 55.0, 4171.0].map(Some);
    exact(RUN_TOGETHER_LONG_ROW, Requests, "results_total", &want);
}

/// A markdown 表四 value row whose last cell (复议后起诉 总计) is blank: the row has exactly 15
/// slots, the empty one is the 15th, so nothing may shift right.
const MD_REVIEW_TRAILING_BLANK: &str = "四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | 行政诉讼 |  |  |  |  |  |  |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |  |  |  |  |  |  |  |  |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |  |  |  |  |  |
| 0 | 0 | 0 | 0 | 0 | 56 | 0 | 0 | 0 | 56 | 9 | 8 | 0 | 0 |  |

五、存在的主要问题及改进情况
";

#[test]
fn markdown_trailing_blank_does_not_shift_values_safe() {
    let z = Some(0.0);
    safe(MD_REVIEW_TRAILING_BLANK, ReviewLitigation, "review", &[z, z, z, z, z]);
    safe(MD_REVIEW_TRAILING_BLANK, ReviewLitigation, "litigation_direct", &[Some(56.0), z, z, z, Some(56.0)]);
    safe(MD_REVIEW_TRAILING_BLANK, ReviewLitigation, "litigation_after_review", &[Some(9.0), Some(8.0), z, z, None]);
}

#[test]
fn markdown_trailing_blank_does_not_shift_values_exact() {
    let z = Some(0.0);
    exact(MD_REVIEW_TRAILING_BLANK, ReviewLitigation, "litigation_after_review", &[Some(9.0), Some(8.0), z, z, None]);
}

/// One cell per line (the seed `001`'s layout) with a blank cell written as a lone non-breaking
/// space (`docs/template.md` §6.6). Each line is one cell: `42` must not be split into 4|2 to make
/// up for the blank.
const ONE_PER_LINE_NBSP_BLANK: &str = "二、主动公开政府信息情况

第二十条第（一）项

信息内容

本年制发件数

本年废止件数

现行有效件数

规章

\u{a0}

0

42

行政规范性文件

1388

\u{a0}

1388

第二十条第（五）项

信息内容

本年处理决定数量

行政许可

0

三、收到和处理政府信息公开申请情况
";

#[test]
fn one_per_line_blank_is_not_made_up_by_splitting_safe() {
    safe(ONE_PER_LINE_NBSP_BLANK, Proactive, "regulations", &[None, Some(0.0), Some(42.0)]);
    safe(ONE_PER_LINE_NBSP_BLANK, Proactive, "normative_documents", &[Some(1388.0), None, Some(1388.0)]);
}

#[test]
fn one_per_line_blank_is_not_made_up_by_splitting_exact() {
    exact(ONE_PER_LINE_NBSP_BLANK, Proactive, "regulations", &[None, Some(0.0), Some(42.0)]);
    exact(ONE_PER_LINE_NBSP_BLANK, Proactive, "normative_documents", &[Some(1388.0), None, Some(1388.0)]);
}

/// Another run-together f2019 row that I2 settles (1675|25|659|1286|1667|1912|7224), 26 digits.
const RUN_TOGETHER_LONGER_ROW: &str = "三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他（六）其他处理0000000（七）总计1675256591286166719127224四、结转下年度继续办理0000000
四、政府信息公开行政复议、行政诉讼情况
";

#[test]
fn run_together_longer_row_safe() {
    let want = [1675.0, 25.0, 659.0, 1286.0, 1667.0, 1912.0, 7224.0].map(Some);
    safe(RUN_TOGETHER_LONGER_ROW, Requests, "results_total", &want);
}

#[test]
fn run_together_longer_row_exact() {
    let want = [1675.0, 25.0, 659.0, 1286.0, 1667.0, 1912.0, 7224.0].map(Some);
    exact(RUN_TOGETHER_LONGER_ROW, Requests, "results_total", &want);
}
